"""The national templates' own numbering: a 行次 column and a 栏次 row index the form; they are never
figures to add up (extract/tables.without_reference_numbers)."""
import json

from conftest import renderings, run_cli

_HEAD = "某市生态环境局2024年度部门决算\n\n一、收入支出决算总表\n\n金额单位：万元\n\n"


def _overview(income_total: str = "2,500.00") -> str:
    rows = [("一、一般公共预算财政拨款收入", "1", "2,345.67", "一、一般公共服务支出", "32", "1,800.00"),
            ("二、政府性基金预算财政拨款收入", "2", "", "二、社会保障和就业支出", "37", "300.00"),
            ("三、事业收入", "3", "120.00", "三、卫生健康支出", "38", "120.00"),
            ("四、其他收入", "4", "34.33", "四、住房保障支出", "52", "150.00"),
            ("本年收入合计", "9", income_total, "本年支出合计", "59", "2,370.00"),
            ("年初结转和结余", "11", "200.00", "年末结转和结余", "61", "330.00"),
            ("总计", "12", "2,700.00", "总计", "62", "2,700.00")]
    lines = ["| 收入 | | | 支出 | | |", "|---|---|---|---|---|---|", "| 项目 | 行次 | 金额 | 项目 | 行次 | 金额 |",
             "| 栏次 | | 1 | 栏次 | | 2 |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return _HEAD + "\n".join(lines) + "\n"


def _spending(basic_row: str = "1,000.00", label: str = "栏次") -> str:
    return ("某市生态环境局2024年度部门决算\n\n二、支出决算表\n\n金额单位：万元\n\n"
            "| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |\n|---|---|---|---|---|\n"
            f"| {label} | | 1 | 2 | 3 |\n"
            "| | 合计 | 2,370.00 | 1,500.00 | 870.00 |\n"
            f"| 2010301 | 行政运行 | 1,000.00 | {basic_row} | |\n"
            "| 2010302 | 一般行政管理事务 | 800.00 | | 800.00 |\n"
            "| 2080505 | 机关事业单位基本养老保险缴费支出 | 500.00 | 450.00 | 50.00 |\n"
            "| 2210201 | 住房公积金 | 70.00 | 50.00 | 20.00 |\n")


def _findings(path) -> list[dict]:
    result = run_cli("check", "--format", "json", "--select", "SUM,BUD004", str(path))
    return json.loads(result.stdout)["files"][0]["findings"]


def test_a_balanced_form_with_row_and_column_numbers_is_silent(tmp_path):
    # before: 行次 1+2+3+4 "should be" 10 against 9, and the 栏次 row's "1" was the sum of the incomes
    for path in renderings(tmp_path, _overview(), "overview"):
        assert _findings(path) == [], path.suffix


def test_a_wrong_total_is_found_among_the_form_numbers(tmp_path):
    for path in renderings(tmp_path, _overview(income_total="2,510.00"), "overview"):
        found = _findings(path)
        first = found[0]
        assert first["message"].startswith("本年收入合计"), path.suffix
        assert (first["expected"], first["actual"]) == ("2500.00", "2,510.00"), path.suffix
        assert "2345.67+120+34.33" in first["message"]
        # the 总计 row then disagrees with it too; nothing is said about the 行次 or 栏次 numbers
        assert all(f["actual"] not in ("9", "12", "59", "62") and "栏次" not in f["message"] for f in found)


def test_a_column_number_row_is_a_header_not_a_row_of_figures(tmp_path):
    # before: "栏次的本年支出合计应为 基本支出+项目支出 = 5，表中为 1"
    for label in ("栏次", ""):  # labelled, or bare 1, 2, 3 under the headers
        for path in renderings(tmp_path, _spending(label=label), "spending"):
            assert _findings(path) == [], (label, path.suffix)


def test_a_row_that_does_not_balance_is_still_found_under_a_column_number_row(tmp_path):
    for path in renderings(tmp_path, _spending(basic_row="990.00"), "spending"):
        found = {(f["rule"], f["expected"], f["actual"]) for f in _findings(path)}
        # the row (1,000.00 = 990.00 + nothing) and the 合计 over the codes (990 + 450 + 50 = 1490)
        assert found == {("SUM002", "990.00", "1,000.00"), ("BUD004", "1490.00", "1,500.00")}, path.suffix
