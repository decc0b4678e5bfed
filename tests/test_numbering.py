import pytest

from reportlint.extract.cnnum import parse_cn_int, to_cn
from reportlint.extract.numbering import format_label, parse_label, title_like


@pytest.mark.parametrize("text,value", [
    ("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("一百二十", 120), ("一百零五", 105), ("三千万", 30_000_000),
    ("一亿二千万", 120_000_000), ("五万三千", 53_000), ("二〇二一", 2021), ("两", 2),
])
def test_chinese_numerals(text, value):
    assert parse_cn_int(text) == value


def test_not_a_numeral():
    assert parse_cn_int("万") is None
    assert parse_cn_int("三公") is None


@pytest.mark.parametrize("text,style,value,raw", [
    ("一、部门概况", "cn", 1, "一、"),
    ("十一、绩效自评结果", "cn", 11, "十一、"),
    ("（三）强化学习培训", "cn_paren", 3, "（三）"),
    ("(一) 部门(单位) 基本情况。", "cn_paren", 1, "(一) "),
    ("1、工资福利性支出 324.7 万元", "num_comma", 1, "1、"),
    ("12.承办区委交办的其他事项。", "num_dot", 12, "12."),
    ("（15）负责联系通信部门", "num_paren", 15, "（15）"),
    ("③资产处置规范", "circled", 3, "③"),
    ("- 2. 做好巡察整改", "num_dot", 2, "2. "),
    ("第三章 绩效目标", "chapter", 3, "第三章 "),
])
def test_labels(text, style, value, raw):
    label = parse_label(text)
    assert label is not None
    assert (label.style, label.value, label.raw) == (style, value, raw)


@pytest.mark.parametrize("text", ["2023.6.30 日签署", "1.5万元", "一是推进安全生产", "三公经费", "2022 年工信局",
                                  "5G 建设", "(2020 年)"])
def test_not_labels(text):
    assert parse_label(text) is None


def test_label_depths_follow_the_official_hierarchy():
    depths = [parse_label(t).depth for t in ("一、a", "（一）a", "1、a", "（1）a", "①a")]
    assert depths == sorted(depths) and len(set(depths)) == 5


def test_format_label():
    assert format_label("cn", 5) == "五、"
    assert format_label("cn_paren", 2) == "（二）"
    assert format_label("num_comma", 10) == "10、"
    assert to_cn(11) == "十一"


def test_title_like():
    assert title_like("部门基本情况。")
    assert title_like("科学合理编制预算，严格执行预算")
    assert not title_like("单位资产配置情况：2020 年单位无新增固定资产。")
    assert not title_like("负责全区非公有制经济和中小企业发展的政策措施落实。")


def test_chinese_numerals_round_trip_past_ninety_nine():
    from reportlint.extract.cnnum import parse_cn_int, to_cn

    assert [to_cn(n) for n in (10, 19, 99, 100, 101, 110, 1010)] == [
        "十", "十九", "九十九", "一百", "一百零一", "一百一十", "一千零一十"]
    assert all(parse_cn_int(to_cn(n)) == n for n in range(1, 10_000))
