"""The project part of a 部门预算: the 项目绩效目标表 (其中 lines within the 年度资金总额, the 实施周期 in
the budget year) and the vertical "三公" table — on a small budget of our own, as markdown, .docx
and PDF, clean and with planted slips."""

import pytest

from conftest import cli_findings, one_finding, renderings

BUDGET = """# 某区示范局2026年部门预算

## 一、部门预算编制说明

2026年，某区示范局收入预算180.00万元，其中：财政拨款收入180.00万元。支出预算180.00万元。

## 二、“三公”经费预算情况说明

2026年“三公”经费预算数为12.00万元。

2026年“三公”经费预算表

单位：万元

| 项目 | 预算数 |
|---|---|
| 合计 | 12.00 |
| 因公出国（境）费 | 0.00 |
| 公务用车购置及运行费 | 10.00 |
| 其中：公务用车购置费 | 6.00 |
| 公务用车运行费 | 4.00 |
| 公务接待费 | 2.00 |

## 三、项目经费情况说明

人民调解项目经费情况说明

（一）实施周期

2026年1月1日-2026年12月31日

（二）年度预算安排

全年安排80.00万元。

2026年项目绩效目标表

单位：万元

| 项目名称 | 人民调解服务 | 实施单位 | 某区示范局 |
|---|---|---|---|
| 项目资金 | 年度资金总额 | 80.00 | |
| | 其中：财政拨款 | 80.00 | |
| | 其他资金 | 0.00 | |
| 实施周期 | 2026年1月-2026年12月 | | |
| 年度目标 | 调解纠纷500件以上 | | |
"""

PLANTED = [
    # (what is replaced, by what, the rule, words the finding must carry)
    ("| | 其中：财政拨款 | 80.00 | |", "| | 其中：财政拨款 | 85.00 | |", "SUM006", ("其中：财政拨款", "年度资金总额", "85.00")),
    ("| 其中：公务用车购置费 | 6.00 |", "| 其中：公务用车购置费 | 16.00 |", "SUM006",
     ("其中：公务用车购置费", "公务用车购置及运行费", "16.00")),
    ("| 实施周期 | 2026年1月-2026年12月 | | |", "| 实施周期 | 2025年1月-2025年12月 | | |", "DAT010",
     ("2025年1月-2025年12月", "2026")),
    ("2026年1月1日-2026年12月31日", "2025年1月1日-2025年12月31日", "DAT010", ("2025年1月1日-2025年12月31日",)),
]


def _findings(path) -> list[dict]:
    return cli_findings(path, "SUM,DAT010,PCT,TBL")


def test_the_clean_budget_is_silent_in_every_rendering(tmp_path):
    for path in renderings(tmp_path, BUDGET, "clean"):
        assert _findings(path) == [], path.suffix


@pytest.mark.parametrize("old, new, rule, words", PLANTED, ids=[p[2] + "-" + p[3][0] for p in PLANTED])
def test_each_planted_slip_is_found_once_in_every_rendering(tmp_path, old, new, rule, words):
    assert old in BUDGET
    for path in renderings(tmp_path, BUDGET.replace(old, new, 1), "planted"):
        finding = one_finding(_findings(path), rule, words, path)
        if rule == "SUM006":  # the part's cell, and the whole's cell the row above
            here, there = finding["location"], finding["related"][0]["location"]
            assert here["table"] == there["table"] and here["row"] == there["row"] + 1, (path.suffix, here, there)


def test_a_part_within_rounding_or_on_another_side_is_silent(tmp_path):
    # 80.004 printed 80.00 and a part of 80.004 printed 80.00: equal, not more
    text = BUDGET.replace("| | 其中：财政拨款 | 80.00 | |", "| | 其中：财政拨款 | 80.004 | |")
    # a two-sided table: the 其中 row's right-hand figures belong to the label on the right
    text += ("\n收支总表\n\n单位：万元\n\n| 收入 | 金额 | 支出 | 金额 |\n|---|---|---|---|\n"
             "| 财政拨款收入 | 180.00 | 一般公共服务支出 | 20.00 |\n"
             "| 其中：一般公共预算 | 180.00 | 公共安全支出 | 160.00 |\n")
    path = tmp_path / "edge.md"
    path.write_text(text, encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "SUM006"] == []
    path.write_text(text.replace("| 其中：一般公共预算 | 180.00 |", "| 其中：一般公共预算 | 190.00 |"), encoding="utf-8")
    assert [f["actual"] for f in _findings(path) if f["rule"] == "SUM006"] == ["190.00"]


# The 项目支出绩效自评表 on its own (the form, no report around it): a funds block with its own 分值
# and 得分 (执行率 = 全年执行数 ÷ 全年预算数, beside a 年初预算数), then the indicators; the 总分 adds both.
FORM = """某县农业农村局2024年度项目支出绩效自评表

| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|---|
| | 年度资金总额 | 1,800.00 | 2,050.00 | 1,968.50 | 10 | 96.02% | 9.60 |
| | 其中：当年财政拨款 | 1,800.00 | 2,050.00 | 1,968.50 | — | — | — |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| | 产出指标 | 数量指标 | 新建高标准农田面积 | ≥1.2万亩 | 1.25万亩 | 50 | 50 |
| | 效益指标 | 经济效益指标 | 亩均粮食增产 | ≥50公斤 | 62公斤 | 30 | 28 |
| | 满意度指标 | 服务对象满意度指标 | 受益农户满意度 | ≥90% | 95.49% | 10 | 10 |
| 总分 | | | | | | 100 | 97.60 |

填报人：张三　　填报日期：2025年3月20日
"""


def test_a_clean_self_evaluation_form_is_silent_in_every_rendering(tmp_path):
    """No required sections and no signing paragraph for the form itself, and the 总分 counts the
    funds block's 9.60 (a 年度资金总额 row is scored, not a total of rows above it)."""
    for path in renderings(tmp_path, FORM, "form"):
        assert cli_findings(path, "ALL") == [], path.suffix


@pytest.mark.parametrize("old, new, rule, words", [
    ("| 96.02% | 9.60 |", "| 97.02% | 9.60 |", "PCT004", ("全年预算数", "96.02%", "97.02%")),
    ("| 100 | 97.60 |", "| 100 | 96.60 |", "SUM002", ("9.6+50+28+10", "97.60", "96.60")),
])
def test_a_slip_in_the_form_is_found_in_every_rendering(tmp_path, old, new, rule, words):
    assert old in FORM
    for path in renderings(tmp_path, FORM.replace(old, new, 1), "form"):
        one_finding(cli_findings(path, "ALL"), rule, words, path)


def test_a_sentence_after_the_form_is_body_not_title(tmp_path):
    """The report type is read from the lines above the first table: a conclusion written under
    the form ("经自评…") does not make the form a 自评报告 that lacks its sections."""
    text = FORM + "\n经自评，本项目综合得分{score}分。\n"
    for path in renderings(tmp_path, text.format(score="97.60"), "form-said"):
        assert cli_findings(path, "ALL") == [], path.suffix
    path = tmp_path / "form-said.md"
    path.write_text(text.format(score="96.60"), encoding="utf-8")
    one_finding(cli_findings(path, "ALL"), "TBL004", ("96.60", "97.60"), path)


def test_an_execution_rate_of_the_year_start_budget_is_not_called_wrong(tmp_path):
    # 1,968.50 ÷ 1,800.00 = 109.36%: a province that rates against 年初预算数 is not a slip
    path = tmp_path / "form.md"
    path.write_text(FORM.replace("| 96.02% | 9.60 |", "| 109.36% | 9.60 |"), encoding="utf-8")
    assert cli_findings(path, "PCT") == []


# The 部门整体支出绩效自评表: beside the funds by source, the funds by kind fill the columns that head
# 分值 | 执行率 | 得分 in the block's header — money, not scores, even where it is small.
DEPT_FORM = """某区文化和旅游局2024年度部门整体支出绩效自评表

| 预算执行（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|---|
| | 年度资金总额 | 3,200.00 | 3,450.00 | 3,380.10 | 10 | 97.97% | 9.80 |
| | 其中：一般公共预算 | 3,100.00 | 3,350.00 | 其中：基本支出 | 1,900.00 | | |
| | 政府性基金预算 | {fund} | {fund} | 项目支出 | {project} | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| | 产出指标 | 数量 | 活动场次 | ≥200场 | 236场 | 40 | 40 |
| | 效益指标 | 社会效益 | 参与人次 | ≥10万人次 | 12.6万人次 | 30 | 30 |
| | 满意度指标 | 满意度 | 群众满意度 | ≥90% | 93% | 20 | 18 |
| 总分 | | | | | | 100 | {total} |
"""


@pytest.mark.parametrize("fund, project", [("100.00", "1,480.10"), ("10.00", "48.10")])
def test_funds_beside_a_score_block_are_not_scores(tmp_path, fund, project):
    clean = DEPT_FORM.format(fund=fund, project=project, total="97.80")
    for path in renderings(tmp_path, clean, "dept-form"):
        assert cli_findings(path, "SUM") == [], path.suffix
    path = tmp_path / "slip.md"
    path.write_text(DEPT_FORM.format(fund=fund, project=project, total="96.80"), encoding="utf-8")
    one_finding(cli_findings(path, "SUM"), "SUM002", ("9.8+40+30+18", "97.80", "96.80"), path)
