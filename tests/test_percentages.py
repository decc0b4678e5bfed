import pytest

from conftest import HEAD, codes, lint_text


def pct(body: str):
    return lint_text(HEAD + body, select=("PCT",))


@pytest.mark.parametrize("body", [
    "2023年预算支出5045.65万元，其中：基本支出922.86万元，占18.29%；项目支出4122.79万元，占81.71%。\n",
    "2023年“三公”经费支出4.51万元。较2022年“三公”经费12.02万元下降62.48%。\n",
    "1-11月增加值增速为6.3%，高于全国（2.3%）4个百分点、全省（4.3%）2个百分点、全市（4.6%）1.7个百分点。\n",
    "下达5G站点建设任务1374个，全年共完成1450个，年度任务完成率105.53%。\n",
    "全年收集问题392个，解决问题392个，办结率达100%。\n",
    "2023年末核定编制32人，实有在职30人，在职人员控制率93.75%。\n",
    "全县工业经济总体向好，规模工业增加值增速为 10. 3%。\n",
    "全年新增企业34家，同比增长约15%。\n",
])
def test_consistent_percentages_are_silent(body):
    assert pct(body) == []


def test_share():
    findings = pct("2023年预算支出5045.65万元，其中：基本支出922.86万元，占20.29%；项目支出4122.79万元，占79.71%。\n")
    assert codes(findings) == ["PCT001", "PCT001"]
    assert findings[0].expected == "18.29%" and findings[0].actual == "20.29%"


def test_share_of_a_single_part_named_after_qizhong():
    # before: a 其中 with one part was no decomposition, and its share was never checked
    findings = pct("全省一般公共预算收入400亿元，其中税收收入300亿元，占比80%。政府采购预算664.98万元，其中，"
                   "预留给中小企业的预算为465.49万元，占70.00%。\n")
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("PCT001", "75%", "80%")]
    assert [r.evidence for r in findings[0].related] == ["300亿元", "400亿元"]


def test_a_share_after_the_total_s_growth_rate_is_of_that_total():
    body = "一般公共预算收入4120.6亿元、增长3.1%，其中税收收入2968.3亿元，占{s}%。\n"
    assert pct(body.format(s="72.0")) == []
    [f] = pct(body.format(s="74.0"))
    assert (f.rule, f.expected, f.actual) == ("PCT001", "72.0%", "74.0%")
    assert [r.evidence for r in f.related] == ["2968.3亿元", "4120.6亿元"]


def test_shares_of_one_whole_must_total_100():
    findings = pct("2023年预算支出5045.65万元，其中：基本支出922.86万元，占18.29%；项目支出4122.79万元，占80.71%。\n")
    assert "PCT002" in codes(findings)


def test_a_structure_written_as_a_ratio_adds_up_to_100():
    """三次产业结构 a:b:c splits the economy in percentages; 1:1 matching funds and a 3:7 split are ratios
    of another kind, and a ratio without a structure word is not read."""
    body = ("三次产业结构由8.1:40.2:51.7调整为7.6:39.8:52.8。三次产业比例为7.2∶38.5∶54.3。"
            "省市县按1:1:1比例配套。三项工作用时之比为3:3:4。会议于10:30:00开始。")
    found = [f for f in lint_text(HEAD + body + "\n", select=("PCT002",))]
    assert [(f.actual, f.expected) for f in found] == [("100.2", "100")]
    assert found[0].evidence == "7.6:39.8:52.8"


def test_inverted_rate_is_diagnosed():
    findings = pct("2022年末核定编制40人，实有在职38人，编制控制率105.26%。\n")
    assert codes(findings) == ["PCT003"]
    f = findings[0]
    assert f.expected == "95.00%" and "分子分母疑似颠倒" in f.message


def test_rate_off_by_100_is_diagnosed():
    findings = pct("全年收集问题400个，解决问题392个，办结率0.98%。\n")
    assert codes(findings) == ["PCT003"]
    assert "100倍" in findings[0].message


@pytest.mark.parametrize("reported,ok", [("105.53%", True), ("105.525%", False), ("105.5%", True), ("106%", True),
                                         ("105%", True), ("105.54%", False), ("105.52%", False), ("104%", False),
                                         ("107%", False)])
def test_rate_rounding_at_both_ends(reported, ok):
    # 1450/1374 = 105.5313…%: 105.53, 105.5 and 106 are right roundings, 105 a truncation;
    # 105.52/105.54 are neither
    findings = pct(f"下达建设任务1374个，全年完成1450个，任务完成率{reported}。\n")
    assert (findings == []) is ok


def test_counts_are_exact_integers():
    # 390/392 = 99.49%: a whole count is not rounded, so 100% cannot be right
    assert codes(pct("全年收集问题392个，解决问题390个，办结率达100%。\n")) == ["PCT003"]


def test_change_in_the_wrong_direction_is_an_error():
    findings = pct("2023年“三公”经费支出5.20万元，较2022年6.50万元增长20.00%。\n")
    assert codes(findings) == ["PCT005"]
    assert findings[0].severity == "error" and "方向" in findings[0].message
    assert findings[0].expected == "下降20.00%"


def test_change_magnitude():
    findings = pct("2023年“三公”经费支出5.20万元，较2022年6.50万元下降25.00%。\n")
    assert codes(findings) == ["PCT005"]
    assert findings[0].expected == "下降20.00%"


def test_percentage_points():
    findings = pct("增速为6.3%，高于全国（2.3%）4个百分点、全省（4.3%）3个百分点。\n")
    assert codes(findings) == ["PCT006"]
    assert findings[0].evidence == "3个百分点"


def test_points_below():
    assert pct("增速为2.1%，低于全省（4.3%）2.2个百分点。\n") == []
    assert codes(pct("增速为2.1%，低于全省（4.3%）1.2个百分点。\n")) == ["PCT006"]


def test_approximate_inputs_are_not_recomputed():
    assert pct("下达任务约1374个，完成1450个，完成率103.53%。\n") == []


CONTROL_TABLE = ("基础数据表\n\t财政供养人员情况\n\t编制数\n\t实际在职人数\n\t控制率\n\n\t\n\t44\n\t41\n\t{rate}\n\n后记。\n")


def test_table_rate_column():
    assert pct(CONTROL_TABLE.format(rate="93.18%")) == []
    findings = pct(CONTROL_TABLE.format(rate="107.32%"))
    assert codes(findings) == ["PCT004"]
    f = findings[0]
    assert f.expected == "93.18%" and "颠倒" in f.message
    assert (f.location.table, f.location.row, f.location.cell) == (1, 2, 4)


def test_a_rate_that_another_pair_of_the_row_explains_is_left_alone():
    # 执行率 is 执行数 over 小计 (年初预算 + 调整), not over the column the headers name
    table = ("项目\t年初预算\t调整\t小计\t执行数\t执行率\n办公费\t20.00\t10.00\t30.00\t28.00\t93.33%\n"
             "差旅费\t20.00\t30.00\t50.00\t{done}\t90.00%\n")
    assert pct(table.format(done="45.00")) == []
    # another pair explains more rows than the named one: the column is not understood, and a wrong
    # rate in it is not "reported" against the wrong base (41.00 ÷ 20.00 = 205.00%)
    assert pct(table.format(done="41.00")) == []
    # where the named pair holds on most rows, a row another pair explains is left alone and a row
    # nothing explains is reported
    control = ("单位\t编制数\t实际在职\t控制率\n机关\t200\t180\t90.00%\n中心\t100\t90\t90.00%\n"
               "站\t80\t60\t{rate}\n")
    assert pct(control.format(rate="75.00%")) == []
    [f] = pct(control.format(rate="85.00%"))
    assert f.rule == "PCT004" and f.expected == "75.00%"


FORMULA_TABLE = ("自评表\n\t资金来源\t全年预算数 (A)\t全年执行数 (B)\t上级财政移动支付 (C)\t分值\t执行率 ((B-C)/A)\t得分\n"
                 "资金情况\t年度资金总额\t2053\t{b}\t0\t10\t100.00%\t10.00\n")


def test_table_formula_column():
    assert pct(FORMULA_TABLE.format(b="2053")) == []
    findings = pct(FORMULA_TABLE.format(b="1990"))
    assert codes(findings) == ["PCT004"]
    assert findings[0].expected == "96.93%"


def test_rate_against_an_explicit_zero_target_is_its_own_finding():
    findings = pct("“三公”经费预算0万元，实际支出2.35万元，预算执行率100%。\n")
    assert codes(findings) == ["PCT003"]
    assert findings[0].severity == "warning" and "分母" in findings[0].message
    assert pct("“三公”经费预算0万元，实际支出0万元，预算执行率0%。\n") == []


def test_points_against_a_figure_the_text_does_not_state_are_silent():
    # 全国's own growth is not in the sentence: 0.3 and 0.8 points cannot be checked against 4.7 and 6.7
    assert pct("地区生产总值增长4.7%、低于全国0.3个百分点，规上工业增加值增长6.7%、高于全国0.8个百分点。\n") == []


@pytest.mark.parametrize("stated,ok", [("98.20%", True), ("98.2%", True), ("98%", True), ("96.20%", False),
                                       ("98.21%", False), ("101.83%", False)])
def test_completion_of_the_budget_in_final_accounts_wording(stated, ok):
    # 2940.05 / 2993.92 = 98.2007%; 101.83% is the ratio inverted
    findings = pct(f"一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的{stated}。\n")
    assert (findings == []) is ok
    if not ok:
        assert codes(findings) == ["PCT003"]
        assert findings[0].expected == "98.20%" and findings[0].actual == stated
        assert [(r.evidence, r.note) for r in findings[0].related] == [("2940.05万元", "分子"), ("2993.92万元", "分母")]


def test_a_truncated_completion_rate_is_not_an_error():
    # 9746.50 / 10210.34 = 95.4571%: printed 95.45% (cut, not rounded); 95.44% is neither
    body = "一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 {}。\n"
    assert pct(body.format("95.45%")) == []
    assert codes(pct(body.format("95.44%"))) == ["PCT003"]


def test_each_completion_rate_takes_the_figures_after_the_previous_one():
    # the 其中 items have no budget of their own in the sentence: they are not divided by the total's
    body = ("“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的{}，其中：因公出国（境）费决算为"
            "0.00万元，完成预算的0.00%；公务接待费支出决算为0.39万元，完成预算的13.68%。\n")
    assert pct(body.format("13.68%")) == []
    findings = pct(body.format("31.68%"))
    assert codes(findings) == ["PCT003"] and findings[0].expected == "13.68%"


def test_a_nil_outturn_against_a_budget_is_zero_percent():
    body = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的{}。\n"
    assert pct(body.format("0%")) == []
    assert codes(pct(body.format("7%"))) == ["PCT003"]


PROCUREMENT = ("2023年度政府采购支出总额320.5万元，其中：政府采购货物支出120.3万元、政府采购服务支出200.2万元。"
               "授予中小企业合同金额300.1万元，占政府采购支出总额的{share}%；货物采购授予中小企业合同金额占货物支出金额的100%。\n")


def test_a_share_of_a_whole_named_and_stated_earlier_in_the_paragraph():
    assert pct(PROCUREMENT.format(share="93.64")) == []  # 300.1 ÷ 320.5 = 93.635…%
    findings = pct(PROCUREMENT.format(share="95.64"))
    assert codes(findings) == ["PCT001"]
    f = findings[0]
    assert f.expected == "93.63%" and f.actual == "95.64%"
    assert [r.evidence for r in f.related] == ["300.1万元", "320.5万元"], "numerator and the named whole"


def test_a_whole_named_with_this_year_matches_its_plain_label():
    body = "本年支出合计1523.46万元。其中一般公共预算财政拨款支出1400.00万元，占本年支出合计的95.90%。\n"
    assert codes(pct(body)) == ["PCT001"]  # 1400 ÷ 1523.46 = 91.90%


@pytest.mark.parametrize("body", [
    # last year's total is not the whole the share names
    "上年政府采购支出总额320.5万元。本年授予中小企业合同金额300.1万元，占政府采购支出总额的50.00%。\n",
    # two figures under the name: which one is meant is unclear
    "政府采购支出总额320.5万元，调整后政府采购支出总额400万元，授予中小企业合同金额300.1万元，占政府采购支出总额的75.03%。\n",
    # the whole is not stated in the paragraph
    "授予中小企业合同金额300.1万元，占政府采购支出总额的95.64%。\n",
])
def test_a_share_of_a_whole_that_is_not_clearly_stated_is_left_alone(body):
    assert pct(body) == []
