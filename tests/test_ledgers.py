"""Statutory tables read as ledgers (extract/ledger.py) and the sums and identities read from them
(BUD004, BUD005, SUM002 columns) — on tables shaped like the 部门预算/决算 templates."""
from decimal import Decimal

import regex

from reportlint.extract.ledger import read_ledger
from reportlint.readers.text import read_text

from conftest import lint_text

TOTALS = ("合计", "总计", "小计")

# 支出决算表 with 类 | 款 | 项 columns and the 合计 line first, as the 决算 templates print it
EXPENDITURE = """\
支出决算表

单位：万元

| 类 | 款 | 项 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 | 经营支出 |
|---|---|---|---|---|---|---|---|
| | | | 合计 | 2,946.25 | 2,336.91 | 609.34 | |
| 201 | | | 一般公共服务支出 | 2,112.86 | 1,503.52 | 609.34 | |
| 201 | 06 | | 财政事务 | 2,112.86 | 1,503.52 | 609.34 | |
| 201 | 06 | 01 | 行政运行 | 1,511.90 | 1,503.52 | 8.38 | |
| 201 | 06 | 02 | 一般行政管理事务 | 16.19 | | 16.19 | |
| 201 | 06 | 07 | 信息化建设 | 135.25 | | 135.25 | |
| 201 | 06 | 08 | 财政委托业务支出 | 449.52 | | 449.52 | |
| 208 | | | 社会保障和就业支出 | 833.39 | 833.39 | | |
| 208 | 05 | | 行政事业单位养老支出 | 833.39 | 833.39 | | |
| 208 | 05 | 01 | 行政单位离退休 | 84.65 | 84.65 | | |
| 208 | 5 | 5 | 机关事业单位基本养老保险缴费支出 | 748.74 | 748.74 | | |
"""


def _ledger(text: str):
    doc = read_text("t.md", text.encode())
    return read_ledger(doc.tables[0], TOTALS)


def test_codes_names_and_figure_columns_are_told_apart():
    ledger = _ledger(EXPENDITURE)
    assert len(ledger.groups) == 1
    group = ledger.groups[0]
    assert group.code_cols == (0, 1, 2) and group.value_cols == (4, 5, 6, 7)  # 经营支出 is blank throughout
    assert [ledger.leaf(c) for c in group.value_cols] == ["本年支出合计", "基本支出", "项目支出", "经营支出"]
    codes = [e.code for e in group.entries]
    assert codes[:4] == ["", "201", "20106", "2010601"]
    assert codes[-1] == "2080505", "a spreadsheet's dropped 0 (5 for 05) is put back"
    total = group.entries[0]
    assert total.plain_total and total.name == "合计"


def test_a_two_sided_summary_table_is_two_groups_and_a_blank_left_half_keeps_the_right_item():
    ledger = _ledger("""\
| 项目 | 决算数 | 项目 | 决算数 |
|---|---|---|---|
| 一、一般公共预算财政拨款收入 | 2,940.05 | 一、一般公共服务支出 | 2,106.66 |
| 二、政府性基金预算财政拨款收入 | | 二、外交支出 | |
| | | 三、社会保障和就业支出 | 833.39 |
| 本年收入合计 | 2,940.05 | 本年支出合计 | 2,940.05 |
""")
    left, right = ledger.groups
    assert [e.name for e in right.entries] == ["一般公共服务支出", "外交支出", "社会保障和就业支出", "本年支出合计"]
    assert len(left.entries) == 3
    assert right.entries[-1].plain_total


def test_the_clean_hierarchy_is_silent():
    assert [f for f in lint_text(EXPENDITURE, "t.md") if f.rule in ("BUD004", "SUM002")] == []


def test_a_changed_item_is_found_against_its_parent_and_a_changed_class_against_the_total():
    text = EXPENDITURE.replace("| 信息化建设 | 135.25 | | 135.25 |", "| 信息化建设 | 153.25 | | 135.25 |")
    found = [f for f in lint_text(text, "t.md") if f.rule in ("BUD004", "SUM002")]
    # the 款 财政事务 is no longer the sum of its 项, and the 项's own row is no longer 基本+项目
    assert sorted((f.rule, f.expected, f.actual) for f in found) == [
        ("BUD004", "2130.86", "2,112.86"), ("SUM002", "135.25", "153.25")]
    bud = next(f for f in found if f.rule == "BUD004")
    assert "20106 财政事务" in bud.message and "其下各项" in bud.message
    assert len(bud.related) == 4 and all(r.location.table == 1 for r in bud.related)
    text = EXPENDITURE.replace("| 208 | | | 社会保障和就业支出 | 833.39 |", "| 208 | | | 社会保障和就业支出 | 838.39 |")
    found = sorted((f.expected, f.actual) for f in lint_text(text, "t.md") if f.rule == "BUD004")
    assert found == [("2951.25", "2,946.25"), ("833.39", "838.39")]  # against its 款 and as a part of 合计


def test_rounding_of_many_parts_is_not_a_slip():
    text = EXPENDITURE.replace("| 201 | 06 | | 财政事务 | 2,112.86 |", "| 201 | 06 | | 财政事务 | 2,112.87 |")
    assert [f for f in lint_text(text, "t.md") if f.rule == "BUD004"] == []


def test_codes_are_never_summed_as_amounts_and_levels_never_mix():
    """A single 科目编码 column (2010601) works like three; the 类 is compared with its 款 only."""
    text = """\
| 科目编码 | 科目名称 | 合计 |
|---|---|---|
| 201 | 一般公共服务支出 | 100.00 |
| 20106 | 财政事务 | 100.00 |
| 2010601 | 行政运行 | 60.00 |
| 2010602 | 一般行政管理事务 | 40.00 |
| 合计 | | 100.00 |
"""
    assert [f for f in lint_text(text, "t.md") if f.rule in ("BUD004", "SUM002", "SUM004")] == []
    found = [f for f in lint_text(text.replace("| 60.00 |", "| 66.00 |"), "t.md") if f.rule == "BUD004"]
    assert [(f.expected, f.actual) for f in found] == [("106.00", "100.00")]


FINAL = """\
收入支出决算总表

单位：万元

| 收入 | | 支出 | |
|---|---|---|---|
| 项目 | 决算数 | 项目 | 决算数 |
| 一、一般公共预算财政拨款收入 | 2,946.25 | 一、一般公共服务支出 | 2,112.86 |
| | | 二、社会保障和就业支出 | 833.39 |
| 本年收入合计 | 2,946.25 | 本年支出合计 | 2,946.25 |

""" + EXPENDITURE


def test_the_same_class_in_the_summary_table_and_the_expenditure_table():
    assert [f for f in lint_text(FINAL, "t.md") if f.rule.startswith(("BUD", "SUM"))] == []
    text = FINAL.replace("| 二、社会保障和就业支出 | 833.39 |", "| 二、社会保障和就业支出 | 838.39 |")
    found = [f for f in lint_text(text, "t.md") if f.rule == "BUD005"]
    assert len(found) == 1
    f = found[0]
    assert "社会保障和就业支出" in f.message and f.related[0].location.table == 1
    assert (f.expected, f.actual) == ("838.39", "833.39")


def test_tables_in_different_units_are_compared_in_yuan():
    """The 支出决算表 in 元 against the 收支总表 in 万元."""
    expenditure = regex.sub(r"(?<=\| )[\d,]+\.\d\d(?= \|)",
                            lambda m: f"{Decimal(m.group().replace(',', '')) * 10000:,.2f}",
                            EXPENDITURE.replace("单位：万元", "单位：元"))
    text = FINAL.replace(EXPENDITURE, expenditure)
    assert [f for f in lint_text(text, "t.md") if f.rule.startswith(("BUD", "SUM"))] == []
    found = [f for f in lint_text(text.replace("| 二、社会保障和就业支出 | 833.39 |", "| 二、社会保障和就业支出 | 838.39 |"),
                                  "t.md") if f.rule == "BUD005"]
    assert len(found) == 1 and "838.39万元（合8383900.00元）" in found[0].message, found[0].message


def _basic_by_economy(staff_total: str = "1,320.00", office_total: str = "160.00") -> str:
    # the national 基本支出表: 人员经费 in one group of columns, 公用经费 in two, the 公用经费合计 written
    # across both of its groups
    return ("某局2024年度部门决算\n\n三、一般公共预算财政拨款基本支出决算表\n\n金额单位：万元\n\n"
            "| 人员经费 | | | 公用经费 | | | | | |\n|---|---|---|---|---|---|---|---|---|\n"
            "| 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |\n"
            "| 301 | 工资福利支出 | 1,200.00 | 302 | 商品和服务支出 | 150.00 | 307 | 债务利息及费用支出 | |\n"
            "| 30101 | 基本工资 | 500.00 | 30201 | 办公费 | 40.00 | 310 | 资本性支出 | 10.00 |\n"
            "| 30102 | 津贴补贴 | 700.00 | 30211 | 差旅费 | 110.00 | 31002 | 办公设备购置 | 10.00 |\n"
            "| 303 | 对个人和家庭的补助 | 120.00 | | | | | | |\n"
            "| 30302 | 退休费 | 120.00 | | | | | | |\n"
            f"| 人员经费合计 | | {staff_total} | 公用经费合计 | | | | | {office_total} |\n")


def test_a_total_written_across_two_groups_of_columns_adds_up_both():
    # before: "公用经费合计应为各类之和 10.00（10），表中为 160.00" — only the 307/310 group was added
    assert lint_text(_basic_by_economy(), select=("BUD004",)) == []
    found = lint_text(_basic_by_economy(office_total="170.00"), select=("BUD004",))
    assert [(f.expected, f.actual) for f in found] == [("160.00", "170.00")]
    assert [r.evidence for r in found[0].related] == ["150.00", "10.00"]
