from decimal import Decimal

from conftest import codes, lint_text

HEAD = "某局2022年度部门整体支出绩效自评报告\n\n一、部门概况\n"
TABLE = ("“三公”经费统计表\n项目\t2021年决算数（元）\t2022年预算数（元）\t2022年决算数（元）\n"
         "三公经费\t81000\t70000\t64800\n其中：公务接待费\t25600\t24000\t{jd}\n公务用车运行维护费\t55400\t46000\t41300\n")


def tbl(body: str, **kw):
    return lint_text(HEAD + body, select=("TBL",), **kw)


def test_text_and_table_agree_across_units():
    body = ("2022年“三公”经费支出6.48万元，较2021年8.10万元下降20.00%，其中公务接待费2.35万元，公务用车运行维护费4.13万元。\n"
            + TABLE.format(jd="23500"))
    assert tbl(body) == []


def test_mismatch_across_yuan_and_wan_yuan_in_a_child_row():
    body = "2022年“三公”经费支出6.48万元，其中公务接待费2.53万元。\n" + TABLE.format(jd="23500")
    findings = tbl(body)
    assert codes(findings) == ["TBL001"]
    f = findings[0]
    assert f.evidence == "2.53万元" and f.expected == "23500"
    assert "2022年决算数" in f.message and "=2.35万元" in f.message
    assert f.related[0].location.table == 1 and f.related[0].location.row == 3


def test_mismatch_in_the_same_unit():
    body = ("2022年基本支出1020.30万元，项目支出2180.20万元。\n单位：万元\n项目\t2022年预算数\t2022年决算数\n"
            "基本支出\t1000.00\t1002.30\n项目支出\t2000.00\t2180.20\n")
    findings = tbl(body)
    assert codes(findings) == ["TBL001"]
    assert findings[0].expected == "1002.30"


def test_a_different_year_column_is_never_matched():
    body = "2021年“三公”经费支出8.10万元。\n" + TABLE.format(jd="23500")
    assert tbl(body) == []
    body = "2021年“三公”经费支出8.30万元。\n" + TABLE.format(jd="23500")
    assert codes(tbl(body)) == ["TBL001"]  # the 2021 column says 81000


def test_budget_is_never_compared_with_actual():
    # 7.00万元 is the 2022 budget (预算数 70000); the actual column says 64800
    body = "2022年“三公”经费预算7.00万元。\n" + TABLE.format(jd="23500")
    assert tbl(body) == []
    body = "2022年“三公”经费预算7.50万元。\n" + TABLE.format(jd="23500")
    findings = tbl(body)
    assert codes(findings) == ["TBL001"] and "预算数" in findings[0].message


def test_a_table_of_whole_numbers_rounds_the_text():
    body = ("2020年年初预算数为2053.49万元。\n资金情况（万元）\n资金来源\t全年预算数\t全年执行数\n"
            "年度资金总额\t2053\t2053\n")
    assert tbl(body, period=2020) == []


def test_a_table_without_a_unit_is_tried_in_yuan_and_wan_yuan():
    body = ("2022年度共发生三公经费支出7.19万元，发生公务接待费用7.19万元。\n\t经费控制情况\n\t2021年决算数\n\t2022年预算数\n"
            "\t2022年决算数\n\n\t三公经费\n\t6020\n\t80000\n\t71914.4\n\n\t公务接待\n\t6020\n\t80000\n\t71914.4\n\n结束。\n")
    assert tbl(body) == []


def test_ambiguous_cells_are_left_alone():
    # two tables each have a 2022 actual for the same item with different values: which one is meant?
    body = ("2022年“三公”经费支出9.99万元。\n" + TABLE.format(jd="23500") + "\n补充表\n项目\t2022年决算数（元）\n三公经费\t60000\n")
    assert tbl(body) == []


def test_repeated_figure_with_a_different_value():
    body = ("2022年农村公路养护经费年初预算86.14万元，追加34.27万元。\n二、预算执行\n本年度支出较为均衡。"
            "2022年农村公路养护经费年初预算87.14万元。\n")
    findings = tbl(body)
    assert codes(findings) == ["TBL002"]
    assert findings[0].expected == "86.14万元" and findings[0].related[0].evidence == "86.14万元"


def test_a_standard_category_is_compared_within_its_section_only():
    body = ("（一）局机关\n2022年公用经费年初预算86.14万元。\n（二）服务中心\n2022年公用经费年初预算47.14万元。\n")
    assert tbl(body) == []


def test_a_scope_only_label_belongs_to_its_section():
    body = ("（一）基本支出情况\n2020年年初预算数为967.49万元。\n（二）项目支出情况\n2020年年初预算数为1086万元。\n"
            "（三）收支预算\n2020年年初预算数为2053.49万元。\n")
    assert tbl(body) == []
    body += "2020年年初预算数为2043.49万元。\n"
    assert codes(tbl(body)) == ["TBL002"]


def test_repeated_figures_in_different_scopes_are_silent():
    body = ("2022年年初预算1444.07万元，其中基本支出1206.07万元，项目支出238万元；决算执行基本支出1552.81万元，项目支出238万元。\n"
            "2022年财政拨款追加的3434.27万元，主要包括商品服务支出924.53万元，工资福利支出122.61万元。\n"
            "从支出内容上分：商品服务支出1030.47万元，工资福利支出685.86万元。\n")
    assert tbl(body) == []


def test_clean_reports_have_no_tbl_findings(fixtures):
    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers import read_document

    for name in ("clean_selfeval_2023.md", "docx/clean_selfeval_2023.docx", "sample_selfeval_2022.txt"):
        assert lint(read_document(str(fixtures / name)), Config(select=("TBL",))) == []


def test_each_units_breakdown_is_its_own_scope():
    body = ("1、局机关全年支出300.00万元，其中基本支出100.00万元，项目支出200.00万元。\n"
            "2、服务中心全年支出500.00万元，其中基本支出150.00万元，项目支出350.00万元。\n")
    assert tbl(body) == []


def test_specific_item_stated_again_in_its_own_section():
    body = ("项目支出2180.20万元，主要包括农田建设补助1350.00万元、农技推广经费236.80万元等。\n"
            "二、重点项目\n（一）农田建设\n2022年农田建设补助1380.00万元，用于高标准农田建设。\n")
    findings = tbl(body)
    assert codes(findings) == ["TBL002"]
    assert findings[0].expected == "1350.00万元"


def test_words_in_another_order_are_matched_with_jieba():
    body = ("2022年信息化建设经费支出12.50万元。\n单位：万元\n项目\t2022年决算数\n经费（信息化建设）\t12.00\n")
    findings = tbl(body)
    assert codes(findings) == ["TBL001"] and findings[0].expected == "12.00"


def test_a_change_amount_is_not_a_figure_of_its_item():
    from conftest import lint_text

    text = ("某局2024年度部门决算\n\n一、支出决算情况说明\n一般公共预算财政拨款支出2940.05万元。\n"
            "与2023年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。\n")
    assert lint_text(text, select=("TBL002",)) == []


def test_a_cell_that_is_one_number_is_parsed_once_for_the_rules_and_the_facts(tmp_path):
    from reportlint.extract.tables import cell_number
    from reportlint.readers import read_document

    path = tmp_path / "t.md"
    path.write_text("| 项目 | 金额 |\n| --- | --- |\n| 办公费 |  12.50 |\n| 合计 | 约12.5万元 |\n", encoding="utf-8")
    doc = read_document(str(path))
    cells = {u.cell.value: u for u in doc.facts.units if u.cell is not None}
    [q] = cells["12.50"].quantities
    assert q.value == Decimal("12.50") and cell_number(cells["12.50"].cell) is q
    # a cell that is more than one number is read as text is
    [approx] = cells["约12.5万元"].quantities
    assert approx.approx == "约" and approx.kind == "money"


_TWO_SIDED = ("某市生态环境局2024年度部门决算\n\n一、财政拨款收入支出决算总表\n\n金额单位：万元\n\n"
              "| 收入 | | 支出 | | | |\n|---|---|---|---|---|---|\n"
              "| 项目 | 金额 | 项目 | 合计 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 |\n"
              "| 一、一般公共预算财政拨款 | 2,345.67 | 一、一般公共服务支出 | 1,700.00 | 1,700.00 | |\n"
              "| 二、政府性基金预算财政拨款 | | 二、社会保障和就业支出 | 300.00 | 300.00 | |\n"
              "| | | 三、卫生健康支出 | 100.00 | 100.00 | |\n"
              "| 本年收入合计 | 2,345.67 | 本年支出合计 | 2,100.00 | 2,100.00 | |\n"
              "| 年初财政拨款结转和结余 | | 年末财政拨款结转和结余 | 245.67 | 245.67 | |\n"
              "| 总计 | 2,345.67 | 总计 | 2,345.67 | 2,345.67 | |\n\n二、情况说明\n\n")


def test_a_figure_on_the_right_side_of_a_two_sided_table_is_its_right_side_item_s():
    # before: "一般公共预算财政拨款支出2,100.00万元" was read against the 收入 row's name and the 支出
    # side's column — 一般公共服务支出's 1,700.00 — and the real slip below was missed
    silent = lint_text(_TWO_SIDED + "2024年度一般公共预算财政拨款支出2,100.00万元，其中一般公共服务支出1,700.00万元。\n",
                       select=("TBL001",))
    assert silent == []
    found = lint_text(_TWO_SIDED + "2024年度一般公共预算财政拨款支出2,100.00万元，其中一般公共服务支出1,710.00万元。\n",
                      select=("TBL001",))
    assert [(f.actual, f.expected) for f in found] == [("1,710.00万元", "1,700.00")]
    assert "一、一般公共服务支出" in found[0].message


def test_an_item_named_with_fei_or_feiyong_or_its_zhichu_is_matched_without_word_splitting():
    # the economic classification's right-hand items (因公出国（境）费用) next to the text's
    # "因公出国（境）费支出": one name, found by its core, with jieba left unloaded (1 s per process)
    from reportlint.config import Config
    from reportlint.extract.terms import Terms
    from reportlint.packs import load_packs

    terms = Terms(load_packs(Config().rule_packs))
    rows = {terms.core(r): [r] for r in ("因公出国（境）费用", "公务接待费", "办公费")}
    assert terms.rows_for("因公出国（境）费支出", rows) == ["因公出国（境）费用"]
    assert terms.rows_for("公务接待费支出", rows) == ["公务接待费"]
    assert terms._jieba is None


_SCORES = """
| 一级指标 | 二级指标 | 分值 | 得分 |
|---|---|---|---|
| 决策 | 项目立项 | 20 | 19 |
| 过程 | 资金管理 | 30 | 28.5 |
| 产出 | 产出数量 | 20 | 20 |
| 效益 | 项目效益 | 30 | 27 |
| 合计 |  | 100 | {total} |
"""


def _overall(sentence: str, total: str = "94.5", tables: int = 1):
    table = _SCORES.format(total=total)
    text = "某县2024年度项目支出绩效自评报告\n\n一、自评结论\n\n" + sentence + "\n" + "\n评分表如下。\n".join([table] * tables)
    return [f for f in lint_text(text, name="report.md", select=("TBL004",))]


def test_the_overall_score_in_the_text_is_the_score_tables_total():
    [found] = _overall("经自评，本项目综合得分93.5分，评价等级为“优”。")
    assert (found.expected, found.actual) == ("94.5", "93.5分")
    assert (found.related[0].evidence, found.related[0].note) == ("94.5", "评分表合计"), "points at the table too"
    assert _overall("经自评，本项目综合得分94.5分，评价等级为“优”。") == []
    assert _overall("自评得分为95分。") == [], "94.5 shown as a whole number is 95"


def test_overall_scores_stay_silent_when_the_pairing_is_unclear():
    assert _overall("产出指标自评得分38分。") == [], "an indicator's score"
    assert _overall("部门整体自评得分93分，其中甲项目自评得分88分。") == [], "two overall scores: whose is the table's?"
    assert _overall("本项目综合得分93.5分。", tables=2) == [], "two score tables"
    assert _overall("满分100分，得分93.5分。") == [], "no word says the whole's score"
