"""Arithmetic written out in the text (extract/formulas.py) and the rules that evaluate it: PCT011, SUM008."""
import pytest

from conftest import HEAD, cli_findings, lint_text, one_finding, renderings


def formulas(body: str):
    return lint_text(HEAD + body, select=("PCT011", "SUM008"))


@pytest.mark.parametrize("body", [
    "预算执行率=实际支出/预算数×100%=1240.16/1275.60×100%=97.22%。\n",
    "预算执行率=（1240.16÷1275.60）×100%=97.22%。\n",
    "预算执行率（1240.16/1275.60=97.22%）较好。\n",
    "资金到位率=到位资金/计划资金=120万元/150万元=80%。\n",
    "在职人员控制率=32人/38人×100%=84.21%。\n",
    "“三公”经费控制率=9.85/12=82.08%。\n",  # 12 without decimals stands for 11.5–12.5
    "结转结余率=16.62/1275.60=1.30%。\n",  # the ratio written as a percentage without ×100%
    "结转结余=1256.78-1240.16=16.62万元。\n",
    "总得分=20+18+28+26.5=92.5分。\n",
    "得分=10×95%=9.5分。\n",
    "预算执行率得分=97.22%×10=9.7分。\n",  # 9.722 rounded
    "增长率=（1256.78-1100.44）÷1100.44×100%=14.21%。\n",
    "执行率=99.868%，按99.86%计。\n",
])
def test_formulas_that_hold_within_rounding_are_silent(body):
    assert formulas(body) == []


@pytest.mark.parametrize("body", [
    "预算执行率=实际支出/预算数×100%。\n",  # a definition, no figures
    "偏差率=|1240.16-1275.60|/1275.60×100%=2.78%。\n",  # absolute bars: not read, not guessed
    "人均经费=120万元/30人=4万元。\n",  # 元 per 人: measures mixed
    "平均完成率=（95%+98%+100%）/3=95.00%。\n",  # an average of rates: not read
    "工作时间为9:00-12:00=3小时。\n",
    "计划数=约1275.60，执行数=1240.16。\n",
])
def test_what_is_not_a_formula_of_one_measure_is_left_alone(body):
    assert formulas(body) == []


def test_a_rate_formula_whose_result_the_figures_do_not_give():
    [f] = formulas("预算执行率=实际支出/预算数×100%=1240.16/1275.60×100%=99.22%。\n")
    assert (f.rule, f.category, f.severity, f.expected, f.actual) == ("PCT011", "percentages", "error", "97.22%", "99.22%")
    assert "1240.16/1275.60×100%" in f.message
    assert [(r.evidence, r.note) for r in f.related] == [("1240.16/1275.60×100%", "算式")]
    [f] = formulas("增长率=（1256.78-1100.44）÷1100.44×100%=12.21%。\n")
    assert (f.expected, f.actual) == ("14.21%", "12.21%")


def test_a_sum_or_difference_formula_in_the_result_s_unit():
    [f] = formulas("结转结余=1256.78-1240.16=18.62万元。\n")
    assert (f.rule, f.category, f.expected, f.actual) == ("SUM008", "totals", "16.62万元", "18.62万元")
    [f] = formulas("总得分=20+18+28+26.5=90.5分。\n")
    assert (f.expected, f.actual) == ("92.5分", "90.5分")
    # amounts in different money units are compared in 元
    [f] = formulas("合计=1.20万元+3000元=1.60万元。\n")
    assert (f.expected, f.actual) == ("1.50万元", "1.60万元")
    assert formulas("合计=1.2万元+3000元=1.6万元。\n") == []  # 1.2 may stand for 1.25


def test_figures_in_a_formula_are_operands_not_ranges_or_dates():
    from reportlint.extract.quantities import find_quantities

    text = "执行率=1240.16/1275.60×100%=97.22%，结余=1256.78-1240.16=16.62，时间为1-11月，2023/12/31。"
    shown = [text[q.start:q.end] for q in find_quantities(text)]
    assert shown[:6] == ["1240.16", "1275.60", "100%", "97.22%", "1256.78", "1240.16"]
    assert "1" not in shown and "2023" not in shown  # 1-11月 and the date stay out


_REPORT = """某县农业农村局2023年度部门整体支出绩效自评报告

一、部门整体支出绩效情况

全年预算数1275.60万元，实际支出1240.16万元，预算执行率=1240.16/1275.60×100%={rate}。

| 指标 | 计算 |
| --- | --- |
| 结转结余 | 1256.78-1240.16={left}万元 |
"""


def test_formulas_in_prose_and_in_table_cells_of_every_format(tmp_path):
    assert all(cli_findings(p, "PCT011,SUM008") == []
               for p in renderings(tmp_path, _REPORT.format(rate="97.22%", left="16.62"), "clean"))
    for path in renderings(tmp_path, _REPORT.format(rate="99.22%", left="18.62"), "bad"):
        found = cli_findings(path, "PCT011")
        one_finding(found, "PCT011", ["97.22%", "99.22%"], path)
        found = cli_findings(path, "SUM008")
        f = one_finding(found, "SUM008", ["16.62万元", "18.62万元"], path)
        if path.suffix == ".docx":
            assert f["location"]["table"] == 1 and f["location"]["row"] == 2, f["location"]
