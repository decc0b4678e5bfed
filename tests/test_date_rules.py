import datetime

import pytest

from conftest import codes, lint_text

TITLE = "某区工信局{year}年度部门整体支出绩效自评报告\n\n一、部门概况\n本局职能如下。\n\n"


def dat(body: str, year: int = 2020, today=datetime.date(2026, 6, 1), **kw):
    return lint_text(TITLE.format(year=year) + body, select=("DAT",), today=today, **kw)


@pytest.mark.parametrize("signed", ["2021年1月21日", "二〇二一年一月二十一日", "日期：2021-01-21", "填报日期： 2021.1.21"])
def test_signed_after_the_period_is_fine(signed):
    assert dat(f"某区工信局\n{signed}\n") == []


@pytest.mark.parametrize("signed", ["2020年1月21日", "二〇二〇年一月二十一日", "日    期：  2020年12月31日"])
def test_signed_before_the_period_ended(signed):
    findings = dat(f"某区工信局\n{signed}\n")
    assert codes(findings) == ["DAT001"]
    assert findings[0].category == "dates" and findings[0].severity == "error"


def test_the_last_standalone_date_is_the_signing_date():
    body = "2020年4月28日召开动员会。\n\n某区工信局\n2021年2月3日\n\n附表\n"
    assert dat(body) == []


def test_signed_in_the_future():
    findings = dat("某区工信局\n2021年3月1日\n", today=datetime.date(2021, 2, 1))
    assert codes(findings) == ["DAT002"]


def test_signed_much_later_is_info():
    findings = dat("某区工信局\n2023年3月1日\n")
    assert codes(findings) == ["DAT003"] and findings[0].severity == "info"


def test_no_signing_date_is_info():
    findings = dat("某区工信局\n")
    assert codes(findings) == ["DAT004"] and findings[0].severity == "info"


@pytest.mark.parametrize("title", ["某区工信局2024年部门预算", "某区工信局2023年度部门决算",
                                   "某区2023年政府信息公开工作年度报告", "2026年某省政府工作报告"])
def test_reports_that_are_not_signed_need_no_date(title):
    """Only a type that ends with its date (signed = true: the 自评报告) misses one; a 预算/决算
    公开, a 年报 or a 政府工作报告 has none at its end."""
    assert lint_text(f"{title}\n\n一、概况\n本局职能如下。\n\n某区工信局\n", select=("DAT",)) == []


def test_period_from_config_when_the_title_has_none():
    text = "部门整体支出绩效自评报告\n\n一、概况\n正文。\n某局\n2022年1月5日\n"
    assert codes(lint_text(text, select=("DAT",), period=2022)) == ["DAT001"]
    assert lint_text(text, select=("DAT",)) == []


@pytest.mark.parametrize("text", ["2021年2月29日完成验收", "二〇二一年二月三十日", "于4月31日前完成", "2022年13月", "2023年6月31日"])
def test_impossible_dates(text):
    findings = dat(f"{text}。\n某区工信局\n2021年1月21日\n")
    assert codes(findings) == ["DAT005"]


def test_leap_day_in_a_leap_year_is_fine():
    assert dat("2020年2月29日完成验收。\n某区工信局\n2021年1月21日\n") == []


def test_reversed_ranges():
    assert codes(dat("2020年5月至3月开展专项检查。\n某区工信局\n2021年1月21日\n")) == ["DAT006"]
    assert dat("2020年3月至5月开展专项检查，1-11月产值增长。\n某区工信局\n2021年1月21日\n") == []


def test_as_of_date_before_the_period():
    findings = dat("截至2019年12月31日，共有固定资产120项。\n某区工信局\n2021年1月21日\n")
    assert codes(findings) == ["DAT007"]


def test_stale_year_in_current_figures_is_info():
    findings = dat("出租门面10间，2019年租金收入57336元，足额上缴。\n某区工信局\n2021年1月21日\n")
    assert codes(findings) == ["DAT008"] and findings[0].severity == "info"


def test_many_legitimate_years_are_silent():
    body = ("组织开展2019年度制造业高质量发展奖补和2018年度实体经济奖补申报。较2019年支出下降5%。"
            "依据《2019年预算管理办法》执行。金铠新材料2024年有望登陆北交所。2019-2035规划新增变电站2座。"
            "区企业服务中心（2019年3月成立）为二级机构。2021年底成立区电力安全专业委员会。\n某区工信局\n2021年1月21日\n")
    assert dat(body) == []


BUDGET = "某县农业农村局{year}年部门预算\n\n一、部门概况\n本局职能如下。\n\n"


def budget(body: str, year: int = 2025):
    return lint_text(BUDGET.format(year=year) + body, select=("DAT",), today=datetime.date(2026, 6, 1))


def test_a_budget_states_its_facts_as_of_the_year_before():
    """A 2025 budget is written in 2024: "截至2024年8月31日" is its present, and last year's figures
    are 2024's. Only a date before that is stale, in that case a date older than 2024."""
    assert budget("截至2024年8月31日，本部门共有车辆5辆。2024年支出1200万元。\n") == []
    stale = budget("截至2023年8月31日，本部门共有车辆5辆。\n")
    assert codes(stale) == ["DAT007"] and "早于2024年" in stale[0].message
    assert codes(budget("出租门面10间，2023年租金收入57336元。\n")) == ["DAT008"]


@pytest.mark.parametrize("signed, code", [("2024年12月20日", None), ("2025年1月20日", None),
                                          ("2023年12月20日", "DAT001"), ("2026年2月1日", "DAT003")])
def test_a_budget_is_signed_in_the_year_before_or_its_own(signed, code):
    found = budget(f"某县农业农村局\n{signed}\n")
    assert codes(found) == ([code] if code else [])
