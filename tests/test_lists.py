"""Subjects listed before 分别 against the figures after it (extract/respectively.py, LST001)."""
from conftest import lint_text

GZBG = "某省2026年政府工作报告\n\n一、2025年工作回顾\n\n"


def test_fewer_figures_than_listed_subjects_are_found():
    text = GZBG + ("全省规上工业增加值、固定资产投资、社会消费品零售总额分别增长6.2%、5.1%，进出口增长3%。"
                   "（省、市、县三级分别投入3亿元和2亿元）\n")
    found = lint_text(text, select=("LST",))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("LST001", "3个数字", "2个数字")] * 2
    assert found[0].evidence == "全省规上工业增加值、固定资产投资、社会消费品零售总额分别增长6.2%、5.1%"
    assert "（6.2%、5.1%）" in found[0].message
    assert found[1].evidence == "省、市、县三级分别投入3亿元和2亿元"


def test_lists_that_cannot_be_counted_for_sure_are_silent():
    text = GZBG + (
        "金融业、软件和信息服务业增加值分别增长9.7%、15.3%。"  # 和 inside the second subject
        "城乡居民人均可支配收入分别增长6%和7.4%。"  # two subjects in one word: more figures is fine
        "食品、石化、医药等产业增加值分别增长7.5%、11.5%。"  # a partial list
        "总部、研发中心、实验室分别从771家、481家增加到1076家、636家。"  # from-to pairs
        "培育引进规上加工企业、精深加工项目分别达到200个以上。"  # one figure: wording, not a list
        "长治、临汾分别入选示范城市。"  # no figures at all
        "一、二、三产业增加值分别增长4.2%、5%、5.4%。"
        "对东盟、共建“一带一路”国家进出口总额分别增长10.4%、12.1%。\n"  # 、 inside quotes does not separate
        "1、工业、农业、服务业分别增长5%、6%、7%，带动就业增长。\n")  # a list label is not a subject
    assert lint_text(text, select=("LST",)) == []


def test_subjects_with_figures_of_their_own_are_not_a_list():
    text = GZBG + "新建5G基站1万个、充电桩2万个分别完成投资3亿元、4亿元。\n"
    assert lint_text(text, select=("LST",)) == []
