"""BUD012 and the tables that print two years: a 部门预算 whose 收支总表 and "三公" table give last year's
budget beside this year's, and a 情况说明 that states the changes — a budget of our own, as markdown,
.docx and PDF, clean and with planted slips."""

import pytest

from conftest import cli_findings, merged_renderings, one_finding, renderings

BUDGET = """# 某区示范局2026年部门预算

## 一、收支预算情况说明

2026年收入支出总计180.00万元，比上年预算增加20.00万元，增长12.50%。

某区示范局2026年收支预算总表

单位：万元

| 收入 | 2025年预算数 | 2026年预算数 | 支出 | 2025年预算数 | 2026年预算数 |
|---|---|---|---|---|---|
| 一般公共预算拨款收入 | 160.00 | 180.00 | 一般公共服务支出 | 150.00 | 170.00 |
| 政府性基金预算拨款收入 | 0.00 | 0.00 | 公共安全支出 | 10.00 | 10.00 |
| 总计 | 160.00 | 180.00 | 总计 | 160.00 | 180.00 |

## 二、一般公共预算支出预算情况说明

1.“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”2026年预算数为170.00万元，比上年预算增加20.00万元，增长13.33%，主要用于机关日常运转。

某区示范局2026年一般公共预算支出表

单位：万元

| 科目编码 | 科目名称 | 2025年预算数 | 2026年预算数 |
|---|---|---|---|
| 201 | 一般公共服务支出 | 150.00 | 170.00 |
| 20103 | 政府办公厅（室）及相关机构事务 | 150.00 | 170.00 |
| 2010301 | 行政运行 | 150.00 | 170.00 |
| 204 | 公共安全支出 | 10.00 | 10.00 |
| 20406 | 司法 | 10.00 | 10.00 |
| 2040601 | 行政运行 | 10.00 | 10.00 |
| | 合计 | 160.00 | 180.00 |

## 三、“三公”经费预算情况说明

2026年“三公”经费预算数为12.00万元，比上年预算增加0.50万元，增长4.35%。其中：因公出国（境）费0.00万元，与上年预算持平；公务用车购置及运行费10.00万元，比上年预算增加1.00万元，增长11.11%；公务接待费2.00万元，比上年预算减少0.50万元，下降20.00%，比2025年执行数减少0.30万元。

某区示范局2026年“三公”经费预算表

单位：万元

| 项目 | 2025年预算数 | 2026年预算数 | 增减额 |
|---|---|---|---|
| 合计 | 11.50 | 12.00 | 0.50 |
| 因公出国（境）费 | 0.00 | 0.00 | 0.00 |
| 公务用车购置及运行费 | 9.00 | 10.00 | 1.00 |
| 其中：公务用车购置费 | 5.00 | 6.00 | 1.00 |
| 公务用车运行费 | 4.00 | 4.00 | 0.00 |
| 公务接待费 | 2.50 | 2.00 | -0.50 |
"""

PLANTED = [
    # (what is replaced, by what, the rule, words the finding must carry)
    # a change copied from last year's text: amount and rate agree with each other, not with the table
    ("比上年预算增加0.50万元，增长4.35%。", "比上年预算增加0.80万元，增长7.14%。", "BUD012",
     ("0.80万元", "11.50", "12.00", "0.50万元")),
    # the direction turned
    ("公务接待费2.00万元，比上年预算减少0.50万元，下降20.00%", "公务接待费2.00万元，比上年预算增加0.50万元", "BUD012",
     ("增加", "2.50", "减少")),
    # a rate alone: only the table gives the base
    ("比上年预算增加0.50万元，增长4.35%。", "比上年预算增长5.00%。", "BUD012", ("5.00%", "4.35%")),
    # 持平 where the table moved
    ("因公出国（境）费0.00万元，与上年预算持平；公务用车购置及运行费10.00万元，比上年预算增加1.00万元，增长11.11%",
     "因公出国（境）费0.00万元；公务用车购置及运行费10.00万元，与上年预算持平", "BUD012", ("持平", "9.00", "10.00")),
    # last year's figure stated, and not the table's
    ("比上年预算增加0.50万元，增长4.35%。", "比上年预算数11.20万元增加0.80万元。", "BUD012", ("11.20万元", "11.50万元")),
    # the total of the two-sided 总表: last year's figure on the same side
    ("增加20.00万元，增长12.50%", "增加25.00万元，增长16.13%", "BUD012", ("25.00万元", "160.00", "20.00万元")),
    # a 功能分类 item's change, against its line of the 一般公共预算支出表
    ("比上年预算增加20.00万元，增长13.33%，主要", "比上年预算增加25.00万元，增长17.24%，主要", "BUD012",
     ("25.00万元", "150.00", "170.00", "20.00万元")),
    # last year's budget written as this year's: in the table, but in the other year's column; the
    # same slip also breaks the sentence's own 其中 list (0.00 + 10.00 + 2.00 = 12.00), SUM001's to say
    ("2026年“三公”经费预算数为12.00万元，比上年预算增加0.50万元，增长4.35%。",
     "2026年“三公”经费预算数为11.50万元。", "BUD001", ("11.50万元", "12.00"), ("SUM001",)),
]
CASES = [p if len(p) == 5 else (*p, ()) for p in PLANTED]  # the fifth: other rules the same slip breaks


def _findings(path) -> list[dict]:
    return cli_findings(path, "BUD001,BUD006,BUD012,PCT,SUM,TBL")


def test_the_clean_budget_is_silent_in_every_rendering(tmp_path):
    for path in renderings(tmp_path, BUDGET, "clean"):
        assert _findings(path) == [], path.suffix


@pytest.mark.parametrize("old, new, rule, words, also", CASES, ids=[f"{k}-{p[2]}" for k, p in enumerate(CASES)])
def test_each_planted_slip_is_found_once_in_every_rendering(tmp_path, old, new, rule, words, also):
    assert old in BUDGET
    for path in renderings(tmp_path, BUDGET.replace(old, new, 1), "planted"):
        found = _findings(path)
        assert sorted(f["rule"] for f in found if f["rule"] in also) == sorted(also), (path.suffix, found)
        finding = one_finding([f for f in found if f["rule"] not in also], rule, words, path)
        if rule == "BUD012":  # the sentence, and this year's and last year's cells of one row
            this_year, last_year = (r["location"] for r in finding["related"])
            column = "cell" if this_year.get("cell") else "column"  # .docx counts cells, text characters
            assert this_year["row"] == last_year["row"] and this_year[column] > last_year[column], (path.suffix, finding)


def test_a_comparison_with_another_stage_or_year_is_silent(tmp_path):
    # 比2025年执行数: the table prints budgets only; 比2024年: a year the table does not print
    text = BUDGET.replace("比上年预算减少0.50万元，下降20.00%", "比2025年执行数减少0.90万元，下降31.03%")
    text = text.replace("比上年预算增加1.00万元，增长11.11%", "比2024年预算增加3.00万元，增长42.86%")
    path = tmp_path / "other.md"
    path.write_text(text, encoding="utf-8")
    assert _findings(path) == []


def _horizontal(tmp_path, text: str, stem: str) -> list:
    """The report with its "三公" table laid out by column, a year over each group of items (merged over
    its columns, as budget templates print it), as .docx and as PDF."""
    first, last = text.index("| 项目 | 2025年预算数"), text.index("| 公务接待费 | 2.50 | 2.00 | -0.50 |\n")
    by_row = text[first:last].splitlines()[2:] + ["| 公务接待费 | 2.50 | 2.00 | -0.50 |"]
    years = list(zip(*[[c.strip() for c in line.split("|")[2:4]] for line in by_row]))  # 2025 row, 2026 row
    grid = [["2025年预算数"] + [""] * 5 + ["2026年预算数"] + [""] * 5,
            ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"] * 2,
            ["", "", "小计", "购置费", "运行费", ""] * 2,
            list(years[0]) + list(years[1])]
    by_column = "\n".join(["| " + " | ".join(grid[0]) + " |", "|" + "---|" * 12]
                          + ["| " + " | ".join(row) + " |" for row in grid[1:]])
    source = tmp_path / f"{stem}.md"
    source.write_text(text[:first] + by_column + text[last + len(by_row[-1]):], encoding="utf-8")

    def merge(document) -> None:
        t = next(t for t in document.tables if t.cell(0, 0).text == "2025年预算数")
        t.cell(0, 0).merge(t.cell(0, 5)).text = "2025年预算数"
        t.cell(0, 6).merge(t.cell(0, 11)).text = "2026年预算数"
        for k in (2, 8):
            t.cell(1, k).merge(t.cell(1, k + 2)).text = "公务用车购置及运行费"

    return merged_renderings(tmp_path, source, stem, merge)


def test_a_table_with_a_year_over_each_group_of_columns(tmp_path):
    for path in _horizontal(tmp_path, BUDGET, "clean"):
        assert [f for f in _findings(path) if f["rule"].startswith("BUD")] == [], path.suffix
    old, new, _, _ = PLANTED[0]
    for path in _horizontal(tmp_path, BUDGET.replace(old, new, 1), "planted"):
        found = [f for f in _findings(path) if f["rule"].startswith("BUD")]
        assert [(f["rule"], f["evidence"], f["expected"]) for f in found] == [("BUD012", "0.80万元", "0.50万元")], path.suffix
        assert "“合计”" in found[0]["message"], found[0]["message"]
