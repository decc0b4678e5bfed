from conftest import HEAD, codes, lint_text


def units(body: str):
    return lint_text(HEAD + body, select=("SUM", "UNT"))


def test_yuan_where_wan_yuan_was_meant():
    findings = units("2023年度财政拨款收入4294.41万元，其中年初预算860.14元，追加3434.27万元。\n")
    assert codes(findings) == ["UNT001"]
    f = findings[0]
    assert f.evidence == "860.14元" and f.expected == "860.14万元" and f.actual == "860.14元"
    assert f.category == "units" and f.severity == "error"


def test_wan_yuan_where_yuan_was_meant_in_a_yuan_total():
    findings = units("固定资产原值合计 52000.00 元，其中房屋 50000.00 元，设备 0.20 万元。\n")
    assert codes(findings) == []  # 0.20万元 = 2000元: the sum holds as written


def test_unit_slip_on_the_total():
    findings = units("2023年总支出4512.25元，其中基本支出635.56万元，项目支出3876.69万元。\n")
    assert codes(findings) == ["UNT001"]
    assert findings[0].evidence == "4512.25元"


def test_shrinking_a_figure_below_rounding_is_not_a_fix():
    # 1552.81万元 → 元 would only vanish inside the ±0.5 of "238万元"; that proves nothing
    body = "2022年初预算1444.07万元，其中基本支出1206.07万元，项目支出238万元，另有结转1552.81万元。\n"
    assert "UNT001" not in codes(units(body))


def test_amount_without_yuan_is_info():
    findings = units("1、收入预算，2020年年初预算数为2053.49万，其中一般公共预算拨款2053.49万元。\n")
    assert codes(findings) == ["UNT002"]
    assert findings[0].severity == "info"
    assert findings[0].expected == "2053.49万元"


def test_wan_and_yi_before_other_units_are_not_amounts_missing_yuan():
    body = ("全年完成投资846亿元，累计使用外资38亿美元，粮食产量达到900亿斤以上，"
            "让242万农村居民喝上放心水，集装箱吞吐量5506.3万标准箱。\n")
    assert codes(units(body)) == []


def test_thresholds_without_yuan_are_left_alone():
    assert units("走访50万以上税源企业1292家，争取资金7000余万元。\n") == []
