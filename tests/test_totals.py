from decimal import Decimal

import pytest

from reportlint.config import Tolerance

from conftest import HEAD, codes, lint_text


def sums(body: str, **kw):
    return [f for f in lint_text(HEAD + body, select=("SUM", "UNT"), **kw)]


# -- sentences ---------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "2023年总支出4512.25万元，其中基本支出635.56万元，项目支出3876.69万元。\n",
    "2023年度总支出4512.25万元。从支出性质上分：基本支出635.56万元，项目支出3876.69万元。\n",
    "2023年预算安排项目资金95.16万元，其中改制经费30.00万元，武装经费2.00万元，社保费13.00万元，"
    "创业大赛经费5.00万元，人事代理经费6.16万元，服务体系经费29.00万元，工作经费10.00万元。\n",
    "局机关共有17个编制，其中：行政编制15个，工勤编制2个。\n",
    "需整改的问题35个，已完成整改32个，基本完成1个，长期坚持2个。\n",
])
def test_consistent_sums_are_silent(body):
    assert sums(body) == []


def test_total_with_parts_that_do_not_add_up():
    findings = sums("2023年部门总支出3210.50万元，其中基本支出1020.30万元，项目支出2180.20万元。\n")
    assert codes(findings) == ["SUM001"]
    f = findings[0]
    assert f.expected == "3200.50万元" and f.actual == "3210.50万元" and f.severity == "error"
    assert f.evidence == "3210.50万元"
    assert "1020.30+2180.20" in f.message
    assert [r.evidence for r in f.related] == ["1020.30万元", "2180.20万元"]
    assert (f.location.line, f.location.column) == (4, 11)


@pytest.mark.parametrize("body", [
    "居民人均可支配收入达到3.28万元，其中城镇居民4.47万元、农村居民1.85万元。\n",
    "商品房平均售价1.2万元，其中住宅1.1万元、商业用房2.3万元。\n",
])
def test_an_average_is_not_the_sum_of_the_groups_it_is_split_by(body):
    assert sums(body) == []


def test_a_sum_split_by_the_same_groups_still_adds_up():
    findings = sums("居民可支配收入总额合计3.28亿元，其中城镇居民4.47亿元、农村居民1.85亿元。\n")
    assert codes(findings) == ["SUM001"]


def test_classification_sentence_is_complete():
    findings = sums("2023年度总支出4500.00万元。从支出性质上分：基本支出635.56万元，项目支出3876.69万元。\n")
    assert codes(findings) == ["SUM001"]


_SPENDING = "2024年度本年支出合计2,370.00万元，其中：基本支出1,500.00万元，占63.29%；项目支出870.00万元，占36.71%。"


def test_a_classification_after_a_list_classifies_that_list_s_total_not_its_last_part():
    # before: "项目支出870.00万元与分项之和不符：1800.00+300.00 = 2100.00万元" — the classes were
    # read as parts of the figure that ended the sentence before them
    body = _SPENDING + "按功能分类，一般公共服务支出1,800.00万元，占75.95%；社会保障和就业支出300.00万元，占12.66%。\n"
    assert lint_text(HEAD + body, select=("SUM", "PCT")) == []  # the main classes only: a partial list


def test_a_classification_whose_shares_make_100_percent_lists_every_class():
    body = _SPENDING + ("按功能分类，一般公共服务支出1,800.00万元，占75.95%；社会保障和就业支出300.00万元，占12.66%；"
                        "卫生健康支出120.00万元，占5.06%；住房保障支出160.00万元，占6.33%。\n")
    findings = lint_text(HEAD + body, select=("SUM", "PCT"))
    assert [(f.rule, f.expected, f.actual) for f in findings] == [
        ("SUM001", "2380.00万元", "2,370.00万元"), ("PCT001", "6.75%", "6.33%")]


def test_count_states_without_a_marker():
    findings = sums("需整改的问题18个，已完成整改15个，正在整改2个，长期坚持2个。\n")
    assert codes(findings) == ["SUM001"]
    assert findings[0].expected == "19个"


@pytest.mark.parametrize("body", [
    # 512.61 vs 324.7+23.67+164.02+0.23 = 512.62: one decimal on 324.7 covers it
    "2022年基本支出512.61万元，其中：\n1、工资福利性支出 324.7 万元，包括工资。\n2、商品和服务支出 23.67 万元。\n"
    "3、对个人和家庭的补助 164.02 万元。\n4、资本性支出 0.23 万元。\n本单位严格控制支出。\n",
    # 1552.81 vs 1452.7 + 100.1
    "2022年基本支出1552.81万元，其中人员经费1452.7万元，公用经费100.1万元。\n",
])
def test_rounding_is_not_a_mismatch(body):
    assert sums(body) == []


def test_numbered_items_after_qizhong_across_paragraphs():
    body = ("2022年基本支出512.61万元，其中：\n1、工资福利性支出 334.7 万元，包括基本工资。\n"
            "2、商品和服务支出 23.67 万元，包括办公费。\n3、对个人和家庭的补助 164.02 万元。\n4、资本性支出 0.23 万元。\n"
            "本单位严格控制基本支出。\n")
    findings = sums(body)
    assert codes(findings) == ["SUM001"]
    assert findings[0].expected == "522.62万元"
    assert len(findings[0].related) == 4


@pytest.mark.parametrize("body", [
    # partial: 主要包括 … 等 — parts may be less than the total
    "项目支出2180.20万元，主要包括农田建设补助1350.00万元、农技推广经费236.80万元、动物防疫经费188.40万元等。\n",
    # partial: 及其他上级追加的专项经费
    "2022年项目支出为1557.94万元，其中科学技术支出31.2万元、国有资本经营预算支出365.99万元、"
    "资源勘探工业信息支出930.75万元及其他上级追加的专项经费。\n",
    # 其中 naming three of six chains
    "1-11月链上企业完成产值367亿元，同比增长36%。其中智能终端产业链、新型合金产业链、绿色食品产业链分别完成产值"
    "115.9亿元、144.7亿元和71.2亿元。\n",
    # 其中 naming overlapping subsets of a count
    "全区新引进项目59个，其中过10亿元项目3个，投资过亿项目16个。\n",
])
def test_partial_lists_below_the_total_are_silent(body):
    assert sums(body) == []


def test_partial_list_exceeding_the_total_is_a_warning():
    findings = sums("项目支出1000.00万元，主要包括农田建设补助850.00万元、农技推广经费236.80万元等。\n")
    assert codes(findings) == ["SUM001"]
    assert findings[0].severity == "warning"


def test_a_single_part_larger_than_its_total_is_a_warning():
    findings = sums("一般公共预算收入400亿元，其中税收收入420亿元。项目支出100万元，其中：专项经费100万元。\n")
    assert [(f.rule, f.severity, f.expected, f.actual) for f in findings] == \
        [("SUM001", "warning", "≤ 400亿元", "420亿元")]


def test_parenthetical_detail_is_not_a_part():
    body = ("从支出内容上分：对中小企业补助支出1457.2万元，商品服务支出1030.47万元（其中疫情防控物资款764.4万元），"
            "资本性支出43.84万元。\n")
    assert sums(body) == []


def test_second_list_in_the_same_sentence_is_not_merged():
    body = "2022年初预算1444.07万元，其中基本支出1206.07万元，项目支出238万元；决算执行基本支出1552.81万元，项目支出238万元。\n"
    assert sums(body) == []


def test_tolerance_can_be_widened_in_config():
    body = "2023年总支出4512.30万元，其中基本支出635.56万元，项目支出3876.69万元。\n"
    assert codes(sums(body)) == ["SUM001"]
    assert sums(body, tolerance=Tolerance(relative=Decimal("0.0001"))) == []


# -- differences --------------------------------------------------------------------------------

def test_net_value_difference():
    ok = "固定资产账面原值 4704325.72 元，累计折旧 3441565.08 元，固定资产账面净值 1262760.64 元。\n"
    bad = "固定资产账面原值 4704325.72 元，累计折旧 3441565.08 元，固定资产账面净值 1362760.64 元。\n"
    assert sums(ok) == []
    findings = sums(bad)
    assert codes(findings) == ["SUM003"]
    assert findings[0].expected == "1262760.64元"


def test_net_increase():
    assert sums("新增规模工业企业32家，净增26家（8月份退规6家）。\n") == []
    assert codes(sums("新增规模工业企业32家，净增28家（8月份退规6家）。\n")) == ["SUM003"]


# -- tables ------------------------------------------------------------------------------------

SCORE_TABLE = "自评表\n一级指标\t二级指标\t分值\t得分\n投入\t预算执行\t20\t19\n产出\t数量\t30\t28\n效益\t社会效益\t{m}\t{g}\n总分\t\t{total}\t{given}\n"


def test_score_table_totals():
    assert sums(SCORE_TABLE.format(m=50, g=47, total=100, given=94)) == []
    findings = sums(SCORE_TABLE.format(m=40, g=37, total=100, given=84))
    assert codes(findings) == ["SUM002"]
    f = findings[0]
    assert f.expected == "90" and f.actual == "100"
    assert (f.location.table, f.location.row, f.location.cell) == (1, 5, 3)
    assert "20+30+40" in f.message


def test_score_table_with_cells_lost_to_merges_is_aligned_on_its_last_number():
    # the total row lost a leading cell in conversion: its numbers sit one column left
    text = ("自评表\n\t一级指标\t三级指标\t分值\t得分\t原因\n\t产出\t数量\t20\t20\t\n\t效益\t满意度\t15\t15\t\n"
            "\t效益\t社会\t10\t10\t\n总分\t\t50\t45\n")
    findings = sums(text)
    assert codes(findings) == ["SUM002"]
    assert findings[0].expected == "45" and findings[0].actual == "50"


def test_one_score_above_its_maximum_is_a_slip_and_several_mean_the_columns_are_misread():
    found = sums(SCORE_TABLE.format(m=10, g=12, total=60, given=59))
    assert codes(found) == ["SUM005"] and found[0].expected == "≤ 10" and found[0].actual == "12"
    assert (found[0].location.row, found[0].location.cell) == (4, 4) and found[0].related[0].location.cell == 3
    # two rows above their maximum: the columns are not what the headers say, and nothing is reported
    assert sums(SCORE_TABLE.replace("20\t19", "20\t25").format(m=5, g=42, total=100, given=80)) == []


def test_a_scoring_rule_column_is_not_the_score_column_and_points_are_exact():
    table = ("自评表\n指标\t分值\t得分\t评分标准\n预算执行\t20\t19\t执行率100%得满分，最低得分为0\n"
             "数量\t30\t{g}\t完成得满分\n总分\t50\t{given}\t\n")
    assert sums(table.format(g=28, given=47)) == []
    found = sums(table.format(g=28, given=48))
    assert codes(found) == ["SUM002"] and found[0].expected == "47"  # 19+28 is 47, not 47±1


def test_total_row_in_a_money_table_with_child_rows():
    table = ("单位：万元\n项目\t2022年决算\t2023年决算\n公务接待费\t12.02\t4.51\n其中：外事接待\t2.00\t1.00\n"
             "公车运行费\t{a}\t3.00\n合计\t15.02\t7.51\n")
    assert sums(table.format(a="3.00")) == []
    findings = sums(table.format(a="4.00"))
    assert codes(findings) == ["SUM002"]
    assert findings[0].expected == "16.02"


def test_dashes_count_as_zero_and_code_columns_are_not_summed():
    table = ("项目\t科目编码\t决算数\n公务接待费\t2010101\t12.02\n公车运行费\t2010102\t-\n因公出国费\t2010103\t--\n"
             "合计\t\t12.02\n")
    assert sums(table) == []


def test_parent_row_and_numbered_children():
    table = ("经费控制情况\t2021年决算数\t2022年决算数\n三公经费\t6020\t{v}\n   1、公务用车购置和维护经费\t0\t0\n"
             "       其中：公车购置\t0\t0\n   2、出国经费\t0\t0\n   3、公务接待\t6020\t71914.4\n")
    assert sums(table.format(v="71914.4")) == []
    findings = sums(table.format(v="72914.4"))
    assert codes(findings) == ["SUM004"]
    assert findings[0].expected == "71914.4"


def test_parent_row_with_partial_children_is_silent():
    table = ("经费\t决算数\n项目支出：\t2040000\n    1、业务工作项目\t1040000\n    2、运行维护项目\t900000\n    ……\t\t\n")
    assert sums(table) == []


def test_docx_merged_header_table_sums(fixtures):
    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers import read_document

    doc = read_document(str(fixtures / "docx" / "merged_cells_2023.docx"))
    assert lint(doc, Config(select=("SUM",))) == []


def test_total_column_under_a_merged_header(fixtures):
    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers import read_document

    doc = read_document(str(fixtures / "docx" / "merged_cells_mismatch_2023.docx"))
    findings = lint(doc, Config(select=("SUM",)))
    # the row total is wrong, and so is the 总计 row's sum of that column
    assert sorted(codes(findings)) == ["SUM002", "SUM002"]
    row_total = next(f for f in findings if "基本支出+项目支出" in f.message)
    assert row_total.expected == "118.30" and row_total.actual == "128.30"
    assert (row_total.location.table, row_total.location.row, row_total.location.cell) == (1, 4, 2)


def test_a_total_column_read_from_one_header_line_is_checked_when_the_rows_bear_it_out():
    table = ("单位：万元\n项目\t基本支出\t项目支出\t合计\n办公费\t20.00\t10.00\t30.00\n差旅费\t20.00\t30.00\t{t}\n"
             "印刷费\t12.00\t3.00\t15.00\n会议费\t2.00\t1.00\t3.00\n")
    assert sums(table.format(t="50.00")) == []
    [f] = sums(table.format(t="55.00"))
    assert f.rule == "SUM002" and f.expected == "50.00" and "基本支出+项目支出" in f.message


@pytest.mark.parametrize("table", [
    # 合计 is 数量 × 单价: the sum fails on every row, so the columns are not parts of it
    "品目\t数量\t单价\t合计\n电脑\t10\t5000\t50000\n打印机\t2\t3000\t6000\n桌椅\t20\t800\t16000\n",
    # a 合计 stretched over three columns that are not its parts (nor is any of them a total)
    "| 项目 | 合计 | | |\n| --- | --- | --- | --- |\n|  | 基本支出 | 项目支出 | 其他 |\n"
    "| 办公费 | 20.00 | 10.00 | 30.00 |\n| 差旅费 | 20.00 | 30.00 | 55.00 |\n",
    # one row cannot tell a sum from a coincidence of layout
    "项目\t基本支出\t项目支出\t合计\n办公费\t20.00\t10.00\t35.00\n",
])
def test_a_column_identity_the_rows_do_not_bear_out_is_silent(table):
    assert sums(table) == []


def test_change_column_is_the_later_year_minus_the_earlier():
    table = ("单位：万元\n项目\t2022年决算\t2023年决算\t较上年增减\n公务接待费\t12.02\t4.51\t{d}\n"
             "公车运行费\t-\t-\t-\n")
    assert sums(table.format(d="-7.51")) == []
    findings = sums(table.format(d="7.51"))
    assert codes(findings) == ["SUM003"]
    assert findings[0].expected == "-7.51"


def test_change_column_between_unclear_periods_is_left_alone():
    # budget and actual for both years: the change could be between either pair
    table = "项目\t2022年预算\t2022年决算\t2023年预算\t2023年决算\t增减\n接待费\t15\t12.02\t10\t4.51\t3.00\n"
    assert sums(table) == []
    # with one stage per year pair, the change is between the actuals
    table = "项目\t2022年决算\t2023年预算\t2023年决算\t增减\n接待费\t12.02\t10\t4.51\t3.00\n"
    assert sums(table)[0].expected == "-7.51"


def test_group_total_without_row_label_names_its_group(tmp_path):
    """An open-government statistics row: 行政复议 结果维持 10 + 结果纠正 1 + … but 总计 0."""
    from docx import Document as Docx

    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers import read_document

    doc = Docx()
    t = doc.add_table(rows=3, cols=5)
    top = t.cell(0, 0).merge(t.cell(0, 4))
    top.text = "行政复议"
    for k, name in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        t.cell(1, k).text = name
    for k, value in enumerate(["10", "1", "0", "0", "0"]):
        t.cell(2, k).text = value
    path = tmp_path / "stats.docx"
    doc.save(path)
    found = [f for f in lint(read_document(str(path)), Config(select=("SUM002",))) if f.rule == "SUM002"]
    assert len(found) == 1 and found[0].expected == "11" and found[0].message.startswith("行政复议的总计")


def test_a_closing_total_restates_the_total_and_is_not_a_part():
    from conftest import lint_text

    ok = "某委2025年部门预算\n\n一、年度预算安排\n项目总预算1170.00万元，其中支持规模化870.00万元，支持创新70.00万元，" \
         "支持协同180.00万元，支持国际化50.00万元，合计1170.00万元。\n"
    assert [f for f in lint_text(ok, select=("SUM",))] == []
    bad = ok.replace("支持国际化50.00万元", "支持国际化60.00万元")
    assert [f.rule for f in lint_text(bad, select=("SUM001",))] == ["SUM001"]


def test_a_grand_total_over_a_subtotal_and_the_rows_after_it():
    from conftest import lint_text

    table = "项目\t金额\n工资福利支出\t10.00\n商品和服务支出\t20.00\n合计\t30.00\n年初结转和结余\t5.00\n总计\t{total}\n"
    text = "某局2024年度部门决算\n\n一、收支情况\n单位：万元\n" + table + "\n说明完毕。\n"
    assert lint_text(text.format(total="35.00"), select=("SUM002",)) == []
    assert [f.expected for f in lint_text(text.format(total="36.00"), select=("SUM002",))] == ["35.00"]


def test_a_part_and_its_negation_are_a_complete_partition():
    from conftest import lint_text

    text = ("某街道2024年部门预算\n\n一、项目概述\n规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积"
            "7998平方米，不计容面积105平方米），地下建筑面积为5356平方米。\n")
    found = [f for f in lint_text(text, select=("SUM001",))]
    assert [(f.actual, f.expected) for f in found] == [("8013平方米", "8103平方米")], "约为13459 is approximate"
    assert lint_text(text.replace("7998", "7908"), select=("SUM001",)) == []


def test_a_list_goes_on_when_a_label_merely_ends_like_an_earlier_one():
    body = "2023年支出合计100.00万元，其中：人员经费支出60.00万元；公用经费支出30.00万元；项目经费支出20.00万元。\n"
    found = sums(body)
    assert codes(found) == ["SUM001"] and "60.00+30.00+20.00" in found[0].message
    # the same item named again after a ； starts a second list, which is not added to the first
    assert sums("基本支出80.00万元，其中：人员经费60.00万元，公用经费20.00万元；决算人员经费58.00万元。\n") == []


def test_a_total_defined_before_its_parts_keeps_them():
    body = ("机关运行经费65.00万元，是指为保障行政单位运行用于购买货物和服务的各项资金，其中：办公费20.00万元，"
            "印刷费10.00万元，水电费{w}万元。\n")
    assert sums(body.format(w="35.00")) == []
    found = sums(body.format(w="40.00"))
    assert codes(found) == ["SUM001"] and "20.00+10.00+40.00" in found[0].message


def test_of_several_figures_before_qizhong_the_total_is_the_one_whose_label_the_parts_share():
    body = "2023年收入合计500.00万元，支出合计{t}万元。其中：基本支出300.00万元，项目支出170.00万元。\n"
    assert sums(body.format(t="470.00")) == []
    [f] = sums(body.format(t="480.00"))
    assert f.rule == "SUM001" and f.actual == "480.00万元" and f.expected == "470.00万元"
    # no figure's label shares a word with every part (预算 vs 人员经费, 公用经费): which total is unclear
    assert sums("年初预算100.00万元，全年预算120.00万元。其中：人员经费80.00万元，公用经费35.00万元。\n") == []
    # two figures share it (公务): unclear too
    assert sums("公务费预算100.00万元，公务费支出90.00万元。其中：公务接待费60.00万元，公务用车费40.00万元。\n") == []
    # the parts are not known to be all of it, so they may only not exceed it
    [f] = sums("业务费预算200.00万元，公务费支出90.00万元。其中：公务接待费60.00万元，公务用车费40.00万元。\n")
    assert f.severity == "warning" and f.expected == "≤ 90.00万元"


def test_the_parenthesis_a_position_sits_in_is_found_from_marks_read_once():
    from reportlint.extract.relations import _closing_parenthesis

    text = "甲（乙（丙）丁）戊。（己"
    # inside the outer pair, inside the inner pair, outside, and in one never closed
    assert [_closing_parenthesis(text, text.index(c)) for c in "乙丙丁戊己"] == [7, 5, 7, None, len(text)]
    # a stop ends what is open before it, but a parenthesis opened after it may close beyond another stop
    text = "a)b(c。d)e(f(g)h"
    assert [_closing_parenthesis(text, text.index(c)) for c in "abcdefgh"] == [None, None, 7, None, None, 15, 13, 15]


def test_items_inside_a_parenthesis_opened_in_the_range_are_details_not_parts():
    findings = sums("2023年支出100.00万元，其中基本支出60.00万元（其中工资50.00万元），项目支出40.00万元。\n")
    assert findings == []


def test_a_numbered_total_row_adds_up_its_numbered_siblings():
    table = ("项目\t数量\n一、收到\t30\n二、结转\t2\n三、办理结果\t\n（一）同意\t20\n（二）部分同意\t5\n（三）不同意\t6\n"
             "（四）总计\t30\n")
    findings = sums(table)
    assert codes(findings) == ["SUM002"]
    assert (findings[0].expected, findings[0].actual) == ("31", "30")
    assert [r.evidence for r in findings[0].related] == ["20", "5", "6"]


_FINAL = "某区某局2024年度部门决算\n\n四、“三公”经费财政拨款支出决算情况说明\n"


def test_the_three_public_expenses_after_a_sentence_with_a_change_amount_must_add_up():
    # the list starts a sentence of its own; the figure it divides is the 决算 12.34, not the change 1.23;
    # and "因公出国（境）费" is named whole, so the template's partition knows the list is complete
    text = (_FINAL + "2024年度“三公”经费财政拨款支出决算为12.34万元，完成预算的82.3%，比上年减少1.23万元，下降9.1%。"
            "其中：因公出国（境）费0万元；公务用车购置及运行费8.00万元；公务接待费{receptions}万元。\n")
    [found] = lint_text(text.format(receptions="4.43"), select=("SUM001",))
    assert (found.expected, found.actual) == ("12.43万元", "12.34万元")
    assert "“三公”经费" in found.message
    assert lint_text(text.format(receptions="4.34"), select=("SUM001",)) == []


def test_vehicles_by_the_templates_classes_of_use_must_add_up():
    text = ("某区某局2024年度部门决算\n\n七、国有资产占用情况说明\n截至2024年12月31日，共有车辆{n}辆，其中：副部（省）级及以上领导用车0辆，"
            "主要负责人用车0辆，机要通信用车1辆，应急保障用车1辆，执法执勤用车0辆，特种专业技术用车0辆，"
            "离退休干部服务用车0辆，其他用车2辆。\n")
    [found] = lint_text(text.format(n=3), select=("SUM001",))
    assert (found.expected, found.actual) == ("4辆", "3辆") and "车辆" in found.message
    assert lint_text(text.format(n=4), select=("SUM001",)) == []
    # a budget's and older templates' general class: 一般公务用车
    budget = ("某县某局2025年部门预算\n\n六、国有资产占有使用情况\n截至2024年8月31日，共有车辆5辆，其中：一般公务用车1辆，"
              "执法执勤用车3辆，特种专业技术用车{n}辆。\n")
    [found] = lint_text(budget.format(n=2), select=("SUM001",))
    assert (found.expected, found.actual) == ("6辆", "5辆")
    assert lint_text(budget.format(n=1), select=("SUM001",)) == []
    # classes that cut across the uses (新能源) are not the template's partition: they may overlap
    other = ("某区某局2024年度部门决算\n\n七、国有资产占用情况说明\n共有车辆20辆，其中：新能源汽车5辆，执法执勤用车3辆。\n")
    assert lint_text(other, select=("SUM001",)) == []


def test_a_wrong_share_of_a_class_is_found_against_the_total_its_other_shares_bear_out():
    # 1,800.00 ÷ 2,370.00 = 75.95% says the classes are of the 2,370.00; 300.00 ÷ 2,370.00 is 12.66%
    body = _SPENDING + "按功能分类，一般公共服务支出1,800.00万元，占75.95%；社会保障和就业支出300.00万元，占12.56%。\n"
    findings = lint_text(HEAD + body, select=("SUM", "PCT"))
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("PCT001", "12.66%", "12.56%")]


def test_classes_after_a_list_with_nothing_to_bear_out_their_total_are_left_alone():
    # no shares and no sum: the classes may be of the 2,370.00 or of anything before it
    body = ("2024年度本年支出合计2,370.00万元，其中：基本支出1,500.00万元；项目支出870.00万元。"
            "按功能分类，一般公共服务支出2,800.00万元；社会保障和就业支出300.00万元。\n")
    assert lint_text(HEAD + body, select=("SUM", "PCT")) == []


def test_the_total_s_own_change_may_stand_between_it_and_qizhong():
    # "…4120.6亿元、增长3.1%，其中…": the rate is the total's, the 其中 still lists its parts
    body = "进出口总额1.05万亿元、增长6.2%，其中出口{x}亿元、增长8.9%，进口3700亿元、增长1.6%。\n"
    assert sums(body.format(x="6800")) == []
    [f] = sums(body.format(x="6900"))
    assert f.rule == "SUM001" and f.severity == "warning" and f.expected == "≤ 1.05万亿元"
    found = sums("支出2000.00万元，比上年增加200.00万元，增长11.11%，其中：基本支出1500.00万元，项目支出600.00万元。\n")
    assert codes(found) == ["SUM001"] and found[0].expected == "2100.00万元"
    # words other than the change between the figure and 其中 still leave the pairing unclear
    assert sums("进出口总额1.05万亿元、增长6.2%，创历史新高，其中出口6900亿元，进口3700亿元。\n") == []


def test_parts_stated_as_increases_are_the_parts_of_a_change_not_of_the_total():
    assert sums("支出1000.00万元，增长11.11%，其中基本支出增加60.00万元，项目支出增加50.00万元。\n") == []
    assert sums("支出1000.00万元，其中：基本支出增加60.00万元，项目支出增加50.00万元。\n") == []


def test_a_list_ends_before_the_figure_that_starts_the_next_list():
    # 500 is larger than the whole 100: the total of the next 其中, not a part of this one
    assert sums("安排项目资金100.00万元，其中设备购置60.00万元、培训费30.00万元；安排专项资金500.00万元，"
                "其中工程款400.00万元、监理费20.00万元。\n") == []
    # the template's classes 行政编制/事业编制 end before 实有人员, which is none of them
    body = "核定编制38人，其中行政编制{a}人、事业编制8人；年末实有人员36人，其中在职人员32人、退休人员4人。\n"
    assert sums(body.format(a="30")) == []
    [f] = sums(body.format(a="31"))
    assert (f.rule, f.expected, f.actual) == ("SUM001", "39人", "38人")
    # the nested total that belongs to the list is still one of its parts
    found = sums("支出合计100.00万元，其中基本支出60.00万元、项目支出50.00万元，其中专项经费20.00万元。\n")
    assert codes(found) == ["SUM001"] and "60.00+50.00" in found[0].message


def test_staff_by_status_must_add_up():
    assert sums("年末实有人员36人，其中在职人员32人、退休人员4人。\n") == []
    [f] = sums("年末实有人员36人，其中在职人员34人、退休人员4人。\n")
    assert (f.rule, f.severity, f.expected, f.actual) == ("SUM001", "error", "38人", "36人")


_SANGONG = ("2024年度“三公”经费财政拨款支出决算为9.85万元。其中：因公出国（境）费0万元{s}公务用车购置及运行维护费"
            "7.70万元，其中公务用车购置费0万元，公务用车运行维护费{run}万元{s}公务接待费{host}万元。\n")


def test_a_list_inside_a_list_whose_items_a_semicolon_separates_ends_with_its_item():
    assert sums(_SANGONG.format(s="；", run="7.70", host="2.15")) == []
    found = sums(_SANGONG.format(s="；", run="7.90", host="2.35"))
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("SUM001", "error", "10.05万元", "9.85万元"),  # 0+7.70+2.35: the outer list goes on after the inner one
        ("SUM001", "warning", "≤ 7.70万元", "7.90万元")]  # 0+7.90: the inner list ends at its ；


def test_a_list_inside_a_list_of_commas_leaves_unclear_what_follows_it():
    # 公务接待费 after the inner list names a class of 三公 the outer parts do not: it resumes the
    # outer list, so neither list's end is clear and neither is added up
    assert sums(_SANGONG.format(s="，", run="7.70", host="2.15")) == []
    assert sums(_SANGONG.format(s="，", run="7.70", host="2.35")) == []
    # nothing resumes the outer list: it ends at the inner one and must add up
    found = sums("支出合计100.00万元，其中基本支出60.00万元、项目支出30.00万元，其中专项经费20.00万元。\n")
    assert [(f.rule, f.severity, f.expected) for f in found] == [("SUM001", "error", "90.00万元")]
