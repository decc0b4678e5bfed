from decimal import Decimal

import pytest

from reportlint.extract.quantities import find_quantities


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q, text[q.start:q.end]


@pytest.mark.parametrize("text,value,unit,kind,decimals,shown", [
    ("基本支出967.49万元，", "967.49", "万元", "money", 2, "967.49万元"),
    ("完成 788.4 亿元", "788.4", "亿元", "money", 1, "788.4 亿元"),
    ("原值 4,704,325.72 元", "4704325.72", "元", "money", 2, "4,704,325.72 元"),
    ("预算１２３．４万元", "123.4", "万元", "money", 1, "１２３．４万元"),
    ("经费 860.14元", "860.14", "元", "money", 2, "860.14元"),
    ("合计 35千元", "35", "千元", "money", 0, "35千元"),
    ("收支累计突破9千亿元", "9", "千亿元", "money", 0, "9千亿元"),  # before: 9 bare, then 千亿 元 = 1000亿元
    ("投资3千万元", "3", "千万元", "money", 0, "3千万元"),
    ("增速为 10. 3%。", "10.3", "%", "percent", 1, "10. 3%"),
    ("占比８１．７１％", "81.71", "%", "percent", 2, "８１．７１％"),
    ("降低 2 个百分点", "2", "个百分点", "points", 0, "2 个百分点"),
    ("问题35个", "35", "个", "count", 0, "35个"),
    ("企业 27 家", "27", "家", "count", 0, "27 家"),
    ("培训 2150人次", "2150", "人次", "count", 0, "2150人次"),
    ("增减 -7.51", "-7.51", "", "bare", 2, "-7.51"),
    ("三千万元", "30000000", "元", "money", 0, "三千万元"),
    ("一百二十个", "120", "个", "count", 0, "一百二十个"),
    ("百分之八", "8", "%", "percent", 0, "百分之八"),
])
def test_quantity_forms(text, value, unit, kind, decimals, shown):
    q, span = one(text)
    assert (q.value, q.unit, q.kind, q.decimals, span) == (Decimal(value), unit, kind, decimals, shown)


@pytest.mark.parametrize("text,marker", [
    ("约0.6万亩", "约"), ("近300个", "近"), ("400余个", "余"), ("7000余万元", "余"), ("3000多个", "多"),
    ("超过8%", "超过"), ("15%以上", "以上"), ("3000 万元以上", "以上"), ("近千名", "近"), ("6亿元左右", "左右"),
])
def test_approximations(text, marker):
    q, _ = one(text)
    assert q.approx == marker
    assert not q.exact


@pytest.mark.parametrize("text", [
    "2020年1月21日", "2020 年年初", "1-11 月全区", "〔2023〕12号", "第3季度", "电话0731-88886666",
    "5G 基站", "2019-2035规划", "2023.6.30", "11月份", "18届", "三公经费", "一次性补助",
])
def test_not_amounts(text):
    assert [q for q in find_quantities(text) if q.kind != "bare"] == []
    assert find_quantities(text) == [] or all(q.kind == "bare" for q in find_quantities(text))


@pytest.mark.parametrize("text", ["电话0731-88886666", "GB18030编码", "A3纸", "2023.6.30至2023.7.1", "〔2023〕12号"])
def test_identifiers_dates_and_phone_numbers_are_no_figures_at_all(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text,value,unit,approx,shown", [
    ("完成 300\u3000余个", "300", "个", "余", "300\u3000余个"),  # an ideographic space before 余
    ("增长12％ 左右", "12", "%", "左右", "12％ 左右"),
    ("约为 4000平方米", "4000", "平方米", "约", "约为 4000平方米"),
    ("共计 1,234.5 万元", "1234.5", "万元", None, "1,234.5 万元"),
])
def test_spaces_and_markers_around_a_figure(text, value, unit, approx, shown):
    q, span = one(text)
    assert (q.value, q.unit, q.approx, span) == (Decimal(value), unit, approx, shown)


def test_years_and_labels_are_not_quantities():
    text = "3、2020 年年初预算数为 1086 万元"
    found = find_quantities(text, skip_until=2)
    assert [(str(q.value), q.unit) for q in found] == [("1086", "万元")]


def test_group_names_are_not_counts():
    found = find_quantities("铜官陶瓷公司 4050 人员生活费 470 万元")
    assert [q.kind for q in found] == ["bare", "money"]


def test_amount_without_yuan_is_marked_incomplete():
    q, _ = one("收入 2053.49 万，其中")
    assert q.kind == "money" and q.unit_incomplete and q.base_value == Decimal("20534900")


@pytest.mark.parametrize("text,unit,kind", [
    ("实际使用外资160.6亿美元、折合1148亿元人民币", "亿美元", "count"),  # a currency that is not 元
    ("人均地区生产总值3.2万美元", "万美元", "count"),
    ("集装箱吞吐量5506.3万标准箱", "万标准箱", "count"),
    ("粮食总产量871.6亿斤以上", "亿斤", "count"),
    ("天然气产量突破200亿立方米", "亿立方米", "count"),
    ("惠及420万困难群众", "万", "bare"),  # 万 before what is counted: a number of people, not an amount
    ("年产150亿方天然气", "亿", "bare"),
])
def test_wan_and_yi_before_another_unit_or_a_noun_are_no_amount_of_yuan(text, unit, kind):
    q = find_quantities(text)[0]
    assert (q.unit, q.kind, q.unit_incomplete) == (unit, kind, False)


@pytest.mark.parametrize("text", ["收入预算2053.49万，其中", "投资500万左右", "500万至800万元"])
def test_wan_before_a_break_an_approximation_or_a_range_still_lacks_yuan(text):
    q = find_quantities(text)[0]
    assert q.kind == "money" and q.unit_incomplete


def test_interval_follows_displayed_decimals():
    q, _ = one("512.61万元")
    lo, hi = q.interval(Decimal(10_000))
    assert lo == Decimal("512.605") and hi == Decimal("512.615")
    q, _ = one("324.7 万元")
    assert q.interval(Decimal(10_000)) == (Decimal("324.65"), Decimal("324.75"))


def test_unit_conversion():
    a, _ = one("7.19万元")
    b, _ = one("71914.4元")
    assert a.interval()[0] <= b.base_value <= a.interval()[1]


def test_yue_wei_is_approximate():
    from reportlint.extract.quantities import find_quantities

    [q] = find_quantities("用地面积约为4000.6平方米")
    assert q.approx == "约" and "约为4000.6平方米".startswith("约为") and q.value == Decimal("4000.6")


def test_full_width_digits_and_signs_are_read_with_their_spans_in_the_original():
    text = "收入１２．５万元，增长３％，－３．５％"
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(Decimal("12.5"), "万元"), (Decimal(3), "%"), (Decimal("-3.5"), "%")]
    assert [text[q.num_start:q.num_end] for q in found] == ["１２．５", "３", "－３．５"]
