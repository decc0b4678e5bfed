import pytest

from reportlint.extract.dates import find_dates, report_period
from reportlint.readers.text import read_text


def only(text):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,ymd", [
    ("2020年1月21日", (2020, 1, 21)), ("2020 年 1 月 21 日", (2020, 1, 21)), ("2023-06-30", (2023, 6, 30)),
    ("2023.6.30", (2023, 6, 30)), ("2023/6/30", (2023, 6, 30)), ("二〇二一年一月二十一日", (2021, 1, 21)),
    ("4月28日", (None, 4, 28)), ("截至2023年12月31日", (2023, 12, 31)), ("2023年5月", (2023, 5, None)),
])
def test_date_forms(text, ymd):
    d = only(text)
    assert (d.year, d.month, d.day) == ymd
    assert d.problem() is None


def test_ranges():
    d = only("1-11 月全区")
    assert (d.kind, d.month, d.end_month) == ("mrange", 1, 11)
    d = only("2023年5月至12月")
    assert (d.year, d.month, d.end_year, d.end_month) == (2023, 5, 2023, 12)


@pytest.mark.parametrize("text,problem", [
    ("2021年2月29日", "闰年"), ("2020年2月30日", "2月没有30日"), ("2022年4月31日", "4月没有31日"),
    ("2023年13月", "13月不存在"), ("二〇二一年二月三十日", "2月没有30日"),
])
def test_impossible_dates(text, problem):
    assert problem in only(text).problem()


def test_leap_year_is_fine():
    assert only("2024年2月29日").problem() is None


def test_bare_years_keep_their_suffix():
    d = only("2020年年末")
    assert (d.kind, d.year, d.suffix) == ("year", 2020, "年末")


@pytest.mark.parametrize("title,year", [
    ("2020年度望川区工信局整体支出预算绩效自评报告\n", 2020),
    ("某县科技局 2023 年部门整体支出绩效评价报告\n", 2023),
    ("某区工信局2022年度整体支出绩效自评\n\n报  告\n", 2022),
])
def test_report_period_from_title(title, year):
    doc = read_text("r.txt", (title + "\n一、部门概况\n正文。\n").encode())
    assert report_period(doc.blocks)[0] == year
