"""Change statements (extract/changes.py) and the rules that read them: PCT005, PCT007, PCT008, DAT009, WRD;
the outturn compared with the budget in words (extract/comparisons.py, PCT010)."""
import pytest

from conftest import codes, lint_text

HEAD = "某区某局2026年部门预算\n\n一、预算编制说明\n"


def _only(findings, code):
    return [f for f in findings if f.rule == code]


def test_a_change_amount_is_never_the_base_nor_a_part():
    text = HEAD + "机关运行经费184.65万元，比上年增加2.55万元，增长1.40%。\n" \
                  "收入预算15621.11万元，其中：财政拨款收入15621.11万元，比上年预算减少876.75万元；事业收入0.00万元。\n"
    found = lint_text(text, select=("PCT", "SUM"))
    assert codes(found) == []


def test_rate_from_current_and_change_amount():
    found = _only(lint_text(HEAD + "支出总计2947.03万元，比上年增加56.95万元，增长2.10%。\n", select=("PCT",)), "PCT005")
    assert len(found) == 1 and found[0].expected == "增长1.97%"
    assert "56.95万元是变动额" in found[0].message


def test_a_comparison_naming_its_subject_takes_the_figure_before_it_only_when_the_label_agrees():
    lead = "2023年“三公”经费实际支出9.85万元。其中：公务接待费2.15万元；公务用车运行维护费7.70万元；因公出国（境）费0万元。"
    # the last figure before 与上年相比 is the 因公出国（境）费, not the 三公经费 the sentence names
    assert lint_text(HEAD + lead + "与上年相比，“三公”经费减少1.25万元，下降11.26%。\n", select=("PCT",)) == []
    # a subject its figure's label names is still checked
    text = HEAD + "2023年度支出合计1240.16万元。与上年相比，支出合计增加156.34万元，增长{r}%。\n"
    assert lint_text(text.format(r="14.42"), select=("PCT",)) == []
    [f] = lint_text(text.format(r="14.21"), select=("PCT",))
    assert (f.rule, f.expected) == ("PCT005", "增长14.42%")


def test_base_stated_earlier_by_its_label():
    text = HEAD + "1、社会保障和就业支出91.97万元。2025年执行数为77.99万元，2026年预算安排91.97万元，比2025年执行数增加17.66%。\n" \
                  "2、其他支出3845.49万元。2025年执行数为43269.3万元，2026年预算安排3845.49万元，比2025年执行数增加17.62%。\n" \
                  "3、公共法律服务686万元。2025年执行数为679.12万元，2026年预算安排686万元，比2025年执行数增加1.01%。\n"
    found = _only(lint_text(text, select=("PCT",)), "PCT005")
    assert [f.expected for f in found] == ["增长17.93%", "下降91.11%"]
    assert "相反" in found[1].message and "43269.3万元" in found[1].message


def test_truncated_rates_and_interval_rounding_are_not_flagged():
    text = HEAD + "2025年执行数为59.11万元，2026年预算安排57.8万元，比2025年执行数减少2.21%。\n" \
                  "本年支出9746.50万元，较上年9759.38万元减少0.13%。\n"
    assert _only(lint_text(text, select=("PCT",)), "PCT005") == []


def test_flat_with_moved_numbers_and_zero_base():
    text = HEAD + "公务接待费0.30万元，与上年0.50万元持平；公务用车运行费2.00万元，与上年持平。\n" \
                  "2025年执行数为0.00万元，2026年预算安排25.00万元，比2025年执行数增加100.00%。\n"
    found = lint_text(text, select=("PCT",))
    assert [f.evidence for f in _only(found, "PCT007")] == ["持平"], "only where the numbers moved"
    assert [f.severity for f in _only(found, "PCT008")] == ["info"]


def test_year_compared_with_itself():
    text = HEAD + "2026年，收入预算9628.22万元，比2026年预算增加793.14万元；政府性基金支出0万元，与2026年预算持平。\n" \
                  "2026年收入预算比2025年预算增加793.14万元。\n"
    found = _only(lint_text(text, select=("DAT009",)), "DAT009")
    assert [f.evidence for f in found] == ["比2026年预算", "与2026年预算"]
    assert found[0].expected == "2025年"


def test_wording_slips():
    text = HEAD + "比上年减少0.15万元，下降（增长）27.78%。主要原因是。\n用于信息化建设。。2025年执行数为60.41万元。\n" \
                  "比上年增加143.50万元，增长 13.95。\n“十五五”时期实实在在推进。\n"
    found = lint_text(text, select=("WRD",))
    assert sorted(codes(found)) == ["WRD001", "WRD002", "WRD003", "WRD004"]


def test_a_unit_left_without_its_figure_is_an_empty_slot():
    text = HEAD + "“三公”经费支出合计36万元，比上年减少1.5万元。其中：因公出国（境）费0万元，占 %，比上年减少 万元；" \
                  "公务接待费30万元，占83.33%，比上年减少1.5万元，增长＿＿个百分点。\n" \
                  "金额单位为万元。公务用车运行维护费6万元，占16.67%，与上年持平。\n" \
                  "项目\t金额\t占%\n合计\t36\t100\n"
    found = [f for f in lint_text(text, select=("WRD",)) if f.rule == "WRD002"]
    assert [f.evidence for f in found] == ["占 %", "减少 万元", "增长＿＿个百分点"]
    assert "单位前没有数字" in found[0].message


def test_reason_against_the_change_and_project_period_before_the_budget_year():
    text = HEAD + "1、宣传事务110.60万元。2023年执行数为114.00万元，2024年预算安排110.60万元，比2023年执行数减少2.98%。" \
                  "主要原因是：宣传经费增加。\n" \
                  "2、行政运行1672.67万元。2025年执行数为1690.69万元，2026年预算安排1672.67万元，比2025年执行数减少1.07%。" \
                  "主要原因是：部分人员退休。\n" \
                  "人民调解项目\n五、实施周期\n2025年1月1日-2025年12月31日\n六、绩效目标\n详见目标表。\n"
    found = lint_text(text, select=("PCT009", "DAT010"))
    assert [(f.rule, f.evidence) for f in found] == [("PCT009", "宣传经费增加"),
                                                     ("DAT010", "2025年1月1日-2025年12月31日")]
    assert lint_text(text.replace("2025年1月1日-2025年12月31日", "2026年1月1日-2026年12月31日"),
                     select=("DAT010",)) == []


def test_growth_at_comparable_prices_is_not_recomputed_from_nominal_amounts():
    text = "某省2026年政府工作报告\n\n一、过去五年工作回顾\n地区生产总值达到13697.5亿元，较2020年的9323.1亿元增加4374.4亿元，增长33.6%。\n" \
           "税收收入320.5亿元，较上年300.0亿元增长9.0%。\n"
    found = _only(lint_text(text, select=("PCT005",)), "PCT005")
    assert [f.expected for f in found] == ["增长6.8%"], "nominal amounts are still checked"


def test_a_real_growth_word_reaches_only_as_far_as_the_next_figure():
    """生产总值 and 可比价 make a change one at comparable prices up to the next figure: a nominal
    change later in the same sentence (the budget revenue after the GDP) is still checked, and the
    message quotes the rate with its own word (增长8.9%, not the change amount's 增加)."""
    text = "某市2026年政府工作报告\n\n一、2025年工作回顾\n" \
           "全市地区生产总值达到2856.3亿元、增长5.6%，一般公共预算收入完成186.4亿元、比上年增加12.1亿元、增长8.9%。\n" \
           "按可比价格计算，规模以上工业增加值612.0亿元，比上年增加20.0亿元，增长7.5%。\n" \
           "全市地区生产总值2856.3亿元，比上年增加120.0亿元，增长5.6%。\n"
    found = _only(lint_text(text, select=("PCT005",)), "PCT005")
    assert [(f.expected, f.actual) for f in found] == [("增长6.9%", "增长8.9%")]
    assert "文中为增长8.9%" in found[0].message


def test_the_items_of_a_change_sentence_are_change_amounts_not_levels():
    """"比上年减少0.15万元，其中：公务接待费支出决算减少0.15万元" — the second 0.15 is a change too, so
    it does not contradict the 公务接待费支出决算 level stated before (TBL002)."""
    text = HEAD + "“三公”经费支出决算为0.39万元，其中：公务接待费支出决算为0.39万元。\n" \
                  "2024年度“三公”经费支出决算数比2023年度减少0.15万元，下降27.78%，其中：因公出国（境）费支出与上一年度" \
                  "持平；公务接待费支出决算减少0.15万元，下降27.78%。\n"
    assert _only(lint_text(text, select=("TBL",)), "TBL002") == []
    contradicted = text.replace("其中：公务接待费支出决算为0.39万元", "其中：公务接待费支出决算为0.39万元，公务接待费支出决算为0.25万元")
    assert len(_only(lint_text(contradicted, select=("TBL",)), "TBL002")) == 1


FINAL_HEAD = "某区某局2024年度部门决算\n\n一、一般公共预算财政拨款支出决算情况说明\n"


def _pct010(body: str):
    return lint_text(FINAL_HEAD + body, select=("PCT010",))


ITEM = "1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为{budget}万元，支出决算为{outturn}万元。{says}。\n"


@pytest.mark.parametrize("budget, outturn, says, wrong", [
    ("1560.05", "1511.89", "决算数小于预算数的主要原因：人员变化", False),
    ("1560.05", "1611.89", "决算数小于预算数的主要原因：人员变化", True),
    ("1560.05", "1511.89", "决算数大于预算数的主要原因：新增任务", True),
    ("10.00", "10.00", "决算数与预算数持平", False),
    ("54.53", "44.53", "决算数同预算数持平", True),
    ("10.00", "10.00", "决算数小于预算数的主要原因：节约", False),  # equal within rounding: not provably wrong
    ("100.00", "95.00", "决算数与预算数基本持平", False),  # 基本: a 5% gap is within any reading of it
    ("100.00", "70.00", "决算数与预算数基本持平", True),
])
def test_outturn_against_budget_wording(budget, outturn, says, wrong):
    findings = _pct010(ITEM.format(budget=budget, outturn=outturn, says=says))
    assert bool(findings) is wrong
    if wrong:
        f = findings[0]
        assert f.evidence in says and f.actual == f.evidence
        assert [(r.evidence, r.note) for r in f.related] == [(f"{outturn}万元", "决算"), (f"{budget}万元", "预算")]


def test_outturn_wording_with_more_than_one_budget_figure_is_silent():
    body = "年初预算为100.00万元，调整预算为120.00万元，支出决算为110.00万元。决算数小于预算数的主要原因：另有原因。\n"
    assert _pct010(body) == []


def test_each_outturn_statement_reads_the_figures_after_the_previous_one():
    # the second statement has no figures of its own: it is not read against the first item's
    body = ("年初预算为100.00万元，支出决算为90.00万元。决算数小于预算数的主要原因：节约。"
            "决算数大于预算数的部分另行说明。\n")
    assert _pct010(body) == []


GZBG = "某省2026年政府工作报告\n\n一、2025年工作回顾\n\n"


def test_from_to_pairs_are_checked_against_the_rate_stated_after_them():
    text = GZBG + ("高新技术企业由8000家增加到12000家，增长40%。"
                   "进出口总额从500亿元增长到600亿元，增长20%。"
                   "一般公共预算收入由2020年的3826.5亿元增长到2025年的4398.6亿元，增长14.95%。\n")
    found = _only(lint_text(text, select=("PCT",)), "PCT005")
    assert [(f.expected, f.actual) for f in found] == [("增长50%", "增长40%")]
    assert [r.evidence for r in found[0].related] == ["12000家", "8000家"]


def test_from_to_lists_and_pairs_without_a_stated_change_are_not_read():
    text = GZBG + ("总部、研发中心分别从771家、481家增加到1076家、636家，增长30%。"
                   "居民收入从2021年的46503元和16935元分别提高到58794元和23184元。"
                   "常住人口城镇化率从72%提升至76%左右，研发投入强度从2.77%提高到3.3%左右，提高0.5个百分点。"
                   "高新技术企业从8000家增加到1.2万家，增长50%。\n")  # two units of one count
    assert lint_text(text, select=("PCT",)) == []


def test_from_to_rates_are_compared_in_percentage_points():
    text = GZBG + ("研发投入强度从2.1%提高到2.6%，提高0.8个百分点。"
                   "森林覆盖率由30.2%提高至31.5%，提高1.3个百分点。"
                   "失业率由5.5%降至5.3%，下降0.2个百分点。\n")
    found = lint_text(text, select=("PCT",))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("PCT006", "0.5个百分点", "0.8个百分点")]
    assert [r.evidence for r in found[0].related] == ["2.1%", "2.6%"]


def test_a_rate_per_year_compounds_over_the_stated_years():
    text = GZBG + ("2025年全市财政收入达到120亿元，比2020年的100亿元年均增长3.7%。"
                   "居民人均收入从2020年的30000元增加到2025年的40000元，年均增长8%。"
                   "社会消费品零售总额比2020年的100亿元年均增长6%。\n")  # no year for the current figure: not checked
    found = _only(lint_text(text, select=("PCT",)), "PCT005")
    assert [(f.expected, f.actual) for f in found] == [("增长5.9%", "增长8%")]
    assert "^(1/5)" in found[0].message and "2020—2025年" in found[0].message


def test_a_rate_per_year_is_never_read_as_the_whole_change():
    # before: 120 against 100 is +20%, and "年均增长3.7%" was reported as a wrong rate
    text = GZBG + "“十四五”时期，全市财政收入达到120亿元，比“十三五”末的100亿元年均增长3.7%。\n"
    assert lint_text(text, select=("PCT",)) == []
