from reportlint.config import Config
from reportlint.engine import lint
from reportlint.readers import read_document

from conftest import codes, lint_text

TITLE = "某局2023年度部门整体支出绩效自评报告\n"
BODY = "正文内容。\n"


def hdg(text: str, name: str = "report.txt", **kw):
    return lint_text(text, name=name, select=("HDG",), **kw)


def sections(*titles: str) -> str:
    return TITLE + "".join(f"{t}\n{BODY}" for t in titles)


FULL = ["一、部门概况", "二、部门整体支出情况", "三、部门整体支出绩效情况", "四、存在的问题", "五、改进措施"]


def test_a_complete_report_is_silent():
    assert hdg(sections(*FULL)) == []


def test_top_level_gap():
    findings = hdg(sections("一、部门概况", "二、部门整体支出情况", "三、部门整体支出绩效情况", "四、存在的问题", "八、改进措施"))
    assert codes(findings) == ["HDG001"]
    assert "缺少 五、六、七" in findings[0].message
    assert findings[0].evidence == "八、改进措施"


def test_sub_numbering_restarts_under_each_parent():
    text = sections("一、部门概况", "（一）职能", "（二）机构", "二、部门整体支出情况", "（一）基本支出", "（二）项目支出",
                    "三、部门整体支出绩效情况", "四、存在的问题", "五、改进措施")
    assert hdg(text) == []


def test_sub_gap_and_title_that_lost_its_number():
    text = TITLE + "一、部门概况\n正文。\n二、部门整体支出情况\n正文。\n三、部门整体支出绩效情况\n正文。\n四、存在的问题\n正文。\n" \
        "五、改进措施\n（一）科学编制预算\n正文内容。\n加强资金管理\n正文内容。\n（三）强化学习培训\n正文内容。\n"
    findings = hdg(text)
    assert codes(findings) == ["HDG002"]
    assert findings[0].expected == "（二）加强资金管理"


def test_several_lost_numbers_are_one_finding():
    text = TITLE + "一、部门概况\n正文。\n二、部门整体支出情况\n正文。\n政府性基金预算支出情况\n本单位无此项收支。\n" \
        "国有资本经营预算支出情况\n本单位无此项收支。\n五、部门整体支出绩效情况\n正文。\n六、存在的问题\n正文。\n七、改进措施\n正文。\n"
    findings = hdg(text)
    assert codes(findings) == ["HDG002"]
    assert findings[0].expected == "三、政府性基金预算支出情况；四、国有资本经营预算支出情况"
    assert len(findings[0].related) == 2


def test_repeated_and_reversed_numbers():
    assert codes(hdg(sections("一、部门概况", "二、部门整体支出情况", "二、部门整体支出绩效情况", "三、存在的问题", "四、改进措施"))) == ["HDG003"]


def test_markdown_levels_that_break_the_pattern_are_info():
    md = ("# 某局2023年度部门整体支出绩效自评报告\n\n## 一、部门概况\n\n### （一）职能\n\n正文。\n\n## （二）机构\n\n正文。\n\n"
          "### （三）人员\n\n正文。\n\n## 二、部门整体支出情况\n\n正文。\n\n## 三、部门整体支出绩效情况\n\n正文。\n\n"
          "## 四、存在的问题\n\n正文。\n\n## 五、改进措施\n\n正文。\n")
    findings = hdg(md, name="report.md")
    assert codes(findings) == ["HDG004"]
    assert findings[0].severity == "info" and "（二）" in findings[0].message


def test_empty_section():
    text = TITLE + "一、部门概况\n正文。\n二、部门整体支出情况\n三、部门整体支出绩效情况\n正文。\n四、存在的问题\n正文。\n五、改进措施\n正文。\n"
    findings = hdg(text)
    assert codes(findings) == ["HDG005"]
    assert "二、部门整体支出情况" in findings[0].message


def test_missing_required_section_is_reported_once():
    findings = hdg(sections("一、部门概况", "二、部门整体支出情况", "三、部门整体支出绩效情况", "四、改进措施"))
    assert codes(findings) == ["HDG006"]
    assert findings[0].expected == "存在的问题"


def test_synonyms_and_table_cells_count_as_sections():
    text = (TITLE + "部门概况\t单位名称\t某局\n\t绩效完成\t良好\n一、部门财务情况\n正文。\n二、存在的主要问题\n正文。\n三、有关建议\n正文。\n")
    assert hdg(text) == []


def test_generic_profile_requires_nothing():
    assert hdg(sections("一、部门概况"), profile="generic") == []


def test_section_order_is_info():
    findings = hdg(sections("一、部门概况", "二、部门整体支出情况", "三、存在的问题", "四、部门整体支出绩效情况", "五、改进措施"))
    assert codes(findings) == ["HDG007"]


def test_mixed_label_style_at_one_level():
    text = sections(*FULL[:4]) + "五、改进措施\n1、加强预算\n正文内容。\n2.加快支付\n正文内容。\n"
    assert codes(hdg(text)) == ["HDG008"]


def test_numbering_in_a_table_before_the_headings_is_not_a_gap():
    text = TITLE + "部门概况\t单位名称\t某局\n\t年度预算\t100万元\n3、项目资金来源及使用情况\n正文。\n4、项目资金管理情况\n正文。\n"
    assert [f for f in hdg(text, profile="generic")] == []


def test_docx_heading_styles_and_auto_numbering(fixtures):
    cfg = Config(select=("HDG",))
    styled = lint(read_document(str(fixtures / "docx" / "sample_selfeval_2022.docx")), cfg)
    assert codes(styled) == ["HDG001"]  # 三、 → 五、 in the text fixture
    # with Word auto-numbering the numbers are whatever Word counts: no gap can exist
    auto = lint(read_document(str(fixtures / "docx" / "autonumber_selfeval_2022.docx")), cfg)
    assert codes(auto) == []


def test_numbering_restarts_under_an_unnumbered_part_title():
    """Each project description of a budget numbers its sections anew under its own title."""
    from conftest import lint_text

    body = "一、项目概述\n推进本区贸易发展。\n二、实施周期\n2025年全年。\n"
    text = "某区某委2025年部门预算\n\n商业创新专项经费情况说明\n" + body + "贸易高质量发展专项经费情况说明\n" + body
    assert [f for f in lint_text(text, select=("HDG001", "HDG003")) if f.rule in ("HDG001", "HDG003")] == []
    reversed_ = "某区某委2025年部门预算\n\n专项经费情况说明\n" + body + "三、绩效目标\n详见目标表。\n一、项目概述\n再次出现。\n"
    assert [f.rule for f in lint_text(reversed_, select=("HDG003",))] == ["HDG003"]



def test_a_part_number_followed_by_a_colon_is_a_part_heading():
    """"第二部分：…" is a part title like "第二部分 …": the sections under it number anew, and a
    skipped part is still a gap."""
    from reportlint.extract.numbering import parse_label

    label = parse_label("第二部分：部门决算表")
    assert (label.style, label.value, label.text()) == ("chapter", 2, "第二部分")
    text = ("某中心2021年部门决算\n第一部分：单位概况\n一、主要职责\n负责集中办公。\n二、机构设置\n内设机构3个。\n"
            "第二部分：部门决算表\n一、收入支出决算总表\n见附表。\n二、收入决算表\n见附表。\n")
    from reportlint.readers.text import read_text

    headings = [b for b in read_text("report.txt", text.encode("utf-8")).blocks if b.kind == "heading"]
    assert [h.title for h in headings if h.label.style == "chapter"] == ["单位概况", "部门决算表"]
    assert hdg(text) == []
    gap = text.replace("第二部分：部门决算表", "第三部分：部门决算表")
    assert [(f.rule, f.evidence) for f in hdg(gap)] == [("HDG001", "第三部分：部门决算表")]

def test_a_list_that_began_inside_the_paragraph_before_is_not_a_gap():
    text = ("一、机构设置\n\n本部门预算包括本部及下属1家单位。\n具体包括：1.某区某局本部\n\n2.某区法律援助中心\n\n"
            "二、名词解释\n\n财政拨款收入是指从本级财政取得的资金。\n")
    assert codes(lint_text(text, select=("HDG",))) == []  # no gap, and "2.…" is an item, not an empty section
    missing = text.replace("具体包括：1.某区某局本部", "具体包括某区某局本部")
    assert "HDG002" in codes(lint_text(missing, select=("HDG",)))  # now "2." has no 1. anywhere


def test_a_number_present_on_a_title_too_long_for_a_heading_is_not_a_gap():
    from conftest import lint_text

    long_title = "关于《某市国民经济和社会发展第十五个五年规划纲要（草案）》的说明"
    body = ("某市2026年政府工作报告\n\n一、2025年工作回顾\n\n（一）全力促进经济平稳发展\n\n过去一年，全市经济稳定增长。\n\n"
            "（二）持续保障和改善民生\n\n就业总体稳定。\n\n"
            f"二、{long_title}\n\n纲要草案共分十六篇。\n\n"
            "（一）坚定不移推进中心建设。提升经济中心地位，坚持把发展经济的着力点放在实体经济上。\n\n"
            "（二）坚持不懈深化改革开放。发挥重要改革的牵引作用，推进制度型开放。\n\n"
            "三、2026年主要任务\n\n（一）着力扩大内需\n\n做好今年工作。\n\n（二）深化改革开放\n\n推进重点领域改革。\n")
    assert not [f for f in lint_text(body, select=("HDG",)) if f.rule in ("HDG001", "HDG002")]
    # without it the gap is reported
    missing = body.replace(f"二、{long_title}\n\n", "")
    gap = [f for f in lint_text(missing, select=("HDG",)) if f.rule == "HDG001"]
    assert len(gap) == 1 and "缺少 二" in gap[0].message


def test_a_part_title_that_lost_its_label_is_one_finding_in_every_rendering(tmp_path):
    """第二部分/第三部分 of the 决算 fixture, printed in the body without its label: the TOC numbers it,
    and the parts around it (or the TOC alone, for the last part) say which label it lost."""
    from conftest import FIXTURES, renderings

    source = (FIXTURES / "final_accounts_2024.md").read_text(encoding="utf-8")
    for old, label in (("## 第二部分 2024年度部门决算情况说明", "第二部分"), ("## 第三部分 2024年度部门决算表", "第三部分")):
        title = old.split(" ", 2)[2]
        for path in renderings(tmp_path, source.replace(old, f"## {title}"), label):
            found = [f for f in lint(read_document(str(path)), Config(select=("HDG",))) if f.severity != "info"]
            assert [(f.rule, f.evidence, f.expected) for f in found] == [("HDG002", title, f"{label}{title}")], \
                (path.suffix, found)
    # the tables the TOC numbers (七、财政拨款“三公”经费支出决算表) are printed unnumbered by design
    assert [f for f in lint(read_document(str(FIXTURES / "final_accounts_2024.md")), Config(select=("HDG",)))
            if f.severity != "info"] == []


def test_the_first_line_is_the_documents_title_not_a_part_that_lost_its_number():
    text = "某县文化旅游局2022年度单位决算\n第二部分 2022年度单位决算情况说明\n一、收入支出决算总体情况说明\n" \
           "本年收入合计100.00万元。\n"
    assert [(f.rule, f.expected) for f in hdg(text)] == [("HDG001", "第一部分")]
    lost = "某县文化旅游局2022年度单位决算\n单位概况\n职责说明。\n第二部分 决算情况说明\n一、总体情况\n正文。\n"
    assert [(f.rule, f.evidence) for f in hdg(lost)] == [("HDG002", "单位概况")]


WORK = "某省2026年政府工作报告\n\n一、2025年工作回顾\n\n"


def test_an_inline_enumeration_that_skips_a_number_is_found():
    text = WORK + ("我们重点抓了四方面工作：一是稳住经济大盘，增长5.5%；二是扩大有效投资；四是深化改革开放。\n\n"
                   "一是抓项目。\n\n二是抓招商。\n\n二是抓服务。\n")
    found = [f for f in lint_text(text, select=("HDG009",))]
    assert [(f.evidence, f.expected, f.actual) for f in found] == [("四是", "三是", "四是"), ("二是", "三是", "二是")]
    assert "缺少“三是”" in found[0].message and found[0].related[0].evidence == "二是"
    assert "重复或倒序" in found[1].message


def test_enumerations_restart_and_words_with_shi_are_no_markers():
    text = WORK + ("一是稳增长；二是促改革；三是惠民生。\n\n"  # a new sequence starts at every 一是
                   "一是抓项目，统一是前提，唯一是标准；二是抓招商。\n\n"
                   "二、2026年工作安排\n\n三是接着上一节的列举。\n\n"  # a heading ends a sequence
                   "十是第十项之后，一是新的一组；二是继续。\n")
    assert lint_text(text, select=("HDG009",)) == []


_WORK_REPORT = "2026年某省人民政府工作报告\n\n一、2025年工作回顾\n\n过去一年，全省经济运行总体平稳。\n\n"


def _run_in(*paragraphs: str) -> list:
    return [f for f in lint_text(_WORK_REPORT + "\n\n".join(paragraphs) + "\n", select=("HDG",))]


def test_a_gap_in_run_in_section_labels_is_found():
    # a work report titles its sections in their first sentence: "（一）经济运行稳中有进。全年…"
    found = _run_in("（一）经济运行稳中有进。固定资产投资增长4.5%。", "（二）改革开放持续深化。进出口总额增长3%。",
                    "（四）民生保障更加有力。城镇新增就业68万人。")
    assert [(f.rule, f.expected, f.actual) for f in found] == [("HDG001", "（三）", "（四）")]
    assert found[0].evidence == "（四）" and found[0].related[0].evidence == "（二）"


def test_run_in_labels_that_number_on_are_silent_also_around_a_nested_list_and_a_joined_paragraph():
    assert _run_in("（一）经济运行稳中有进。投资增长。", "（二）创新能力增强。主要做了三件事：",
                   "（一）建设实验室。新建5家。", "（二）培育企业。新增100家。",  # a list nested in （二）
                   "（三）改革开放持续深化。外贸增长。",
                   "（四）生态环境改善。空气质量提高。（五）民生保障有力。就业稳定。",  # two sections read as one
                   "（六）政府自身建设加强。依法行政。") == []


def test_a_heading_starts_the_run_in_labels_anew():
    assert _run_in("（一）经济运行稳中有进。投资增长。", "（二）改革开放持续深化。外贸增长。",
                   "二、2026年工作安排", "（三）扩大有效需求。推进重大项目。", "（四）建设现代化产业体系。") == []
