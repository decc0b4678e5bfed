"""BUD: the 情况说明 of a 部门决算 against its statutory tables, and the notes under them — on a small
决算 of our own (fixtures/final_accounts_2024.md), clean and with planted slips, as markdown, as
.docx and as PDF."""
import json

import pytest

from conftest import cli_findings, ROOT, load_script, merged_renderings, renderings, run_cli as run

SOURCE = (ROOT / "fixtures" / "final_accounts_2024.md").read_text(encoding="utf-8")

PLANTED = [
    # (what is replaced, by what, the rule, words the finding must carry)
    ("财政拨款收入支出总计1250.40万元", "财政拨款收入支出总计0.3万元", "BUD001", ("0.3万元", "1250.40")),
    ("一般公共预算财政拨款基本支出1000.00万元", "一般公共预算财政拨款基本支出1012.89万元", "BUD001", ("1012.89", "1000.00")),
    ("人员经费820.00万元", "人员经费832.89万元", "BUD001", ("832.89", "820.00")),
    ("| 12.50 | 0.00 | 10.00 | 2.50 |", "| 12.50 | 0.00 | 10.00 | 2.50 |\n\n说明：本单位本年度无“三公”经费支出，故本表为空表。",
     "BUD002", ("本表为空表", "12.50")),
    ("没有国有资本经营预算财政拨款支出", "没有政府性基金预算财政拨款支出", "BUD003", ("政府性基金", "国有资本经营")),
    # a 项 changed without its 款: the 款 is no longer the sum of its 项 (the 项's own row no longer adds up either)
    ("| 201 | 03 | 01 | 行政运行 | 700.00 |", "| 201 | 03 | 01 | 行政运行 | 720.00 |", "BUD004",
     ("20103", "920.00", "900.00")),
    # a 类 of the 收支总表 that the 支出决算表 prints otherwise
    ("| 二、社会保障和就业支出 | 300.00 |", "| 二、社会保障和就业支出 | 330.00 |", "BUD005",
     ("社会保障和就业支出", "300.00", "330.00")),
    # 合计 = 基本支出 + 项目支出 on a row of the 一般公共预算 table
    ("| 20805 | 行政事业单位养老支出 | 300.00 | 300.00 |", "| 20805 | 行政事业单位养老支出 | 300.00 | 310.00 |", "SUM002",
     ("基本支出+项目支出", "310", "300.00")),
    # a 功能分类 item's 决算 figure that no table prints for its code (the 项 found by its path)
    ("年初预算为160.00万元，支出决算为155.60万元", "年初预算为160.00万元，支出决算为165.60万元", "BUD006",
     ("一般行政管理事务（项）", "165.60万元", "155.60")),
    # a 类 figure in the list of what the expenditure went to
    ("一般公共服务支出（类）900.00万元", "一般公共服务支出（类）910.00万元", "BUD006",
     ("一般公共服务支出（类）", "910.00万元", "900.00")),
    # "三公" figures and 机关运行经费 against the columns of the 三公 table
    ("公务接待费支出决算为2.50万元", "公务接待费支出决算为3.50万元", "BUD001", ("公务接待费", "3.50万元", "2.50")),
    ("年初预算为15.00万元，支出决算为12.50万元，完成预算的83.33%", "年初预算为15.00万元，支出决算为21.50万元，完成预算的143.33%",
     "BUD001", ("“三公”经费", "21.50万元", "12.50")),
    # 人员经费合计 no longer the sum of its 类, nor with 公用经费合计 the 基本支出 of the 一般公共预算 table
    ("| 人员经费合计 | | 820.00 |", "| 人员经费合计 | | 810.00 |", "BUD004", ("人员经费合计", "820.00", "810.00")),
    ("| 人员经费合计 | | 820.00 |", "| 人员经费合计 | | 810.00 |", "BUD005", ("人员经费合计+公用经费合计", "990.00", "1000.00")),
    # the 三公 合计 against its parts, on a header line with no group header over it (declared as data)
    ("| 12.50 | 0.00 | 10.00 | 2.50 |", "| 13.50 | 0.00 | 10.00 | 2.50 |", "SUM002", ("合计", "12.50", "13.50")),
    # a table title copied from last year's report
    ("\n支出决算表\n", "\n2023年度支出决算表\n", "BUD007", ("2023年", "2024年")),
    # an item's reason copied from the item above, naming that item
    ("支出决算为98.63万元。决算数小于预算数的主要原因：人员变动。",
     "支出决算为98.63万元。决算数小于预算数的主要原因：一般行政管理事务经费节约。", "DUP006",
     ("机关事业单位职业年金缴费支出", "一般行政管理事务", "主要原因")),
    # the template's comparison of the outturn with the budget, turned the wrong way
    ("支出决算为98.63万元。决算数小于预算数", "支出决算为98.63万元。决算数大于预算数", "PCT010",
     ("决算数大于预算数", "98.63万元", "100.00万元")),
    # the share of the budget spent, against the two figures before it
    ("完成预算的83.33%", "完成预算的88.33%", "PCT003", ("12.50万元", "15.00万元", "83.33%", "88.33%")),
    # an empty table whose note is gone, and the text never says there is no such fund
    ("说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\n\n", "", "BUD011",
     ("政府性基金预算财政拨款收入支出决算表", "本表无数据")),
    # a unit line that says 元 over figures in 万元
    ("收入支出决算总表\n\n单位：万元", "收入支出决算总表\n\n单位：元", "BUD010", ("单位：元", "单位：万元", "收入支出决算总表")),
]


def _findings(path) -> list[dict]:
    return cli_findings(path, "BUD,SUM,PCT,TBL,DUP,DAT001,DAT005,DAT006,DAT009")


def test_the_clean_final_accounts_are_silent_in_every_rendering(tmp_path):
    for path in renderings(tmp_path, SOURCE, "clean"):
        assert _findings(path) == [], path.suffix


@pytest.mark.parametrize("old, new, rule, words", PLANTED, ids=[p[2] + "-" + p[3][0] for p in PLANTED])
def test_each_planted_slip_is_found_in_every_rendering_and_points_at_both_ends(tmp_path, old, new, rule, words):
    assert old in SOURCE
    for path in renderings(tmp_path, SOURCE.replace(old, new, 1), "planted"):
        found = [f for f in _findings(path) if f["rule"] == rule]
        assert len(found) == 1, (path.suffix, found)
        shown = " ".join(str(found[0][k]) for k in ("message", "evidence", "expected", "actual"))
        assert all(w in shown for w in words), (path.suffix, shown)
        related = found[0]["related"][0]["location"]
        if rule not in ("BUD003", "DUP006", "BUD007", "PCT010", "PCT003", "BUD010"):  # the other end is a sentence, not a cell
            assert related["table"] is not None and related["row"] is not None, related  # the table cell
        if path.suffix == ".pdf":
            assert found[0]["location"]["page"] and related["page"]


def test_a_table_in_yuan_is_converted_before_it_is_compared(tmp_path):
    text = SOURCE.replace("| 人员经费合计 | | 820.00 | 公用经费合计 | | 180.00 |",
                          "| 人员经费合计 | | 8,200,000.00 | 公用经费合计 | | 1,800,000.00 |")
    text = text.replace("| 301 | 工资福利支出 | 820.00 | 302 | 商品和服务支出 | 180.00 |",
                        "| 301 | 工资福利支出 | 8,200,000.00 | 302 | 商品和服务支出 | 1,800,000.00 |")
    text = text.replace("一般公共预算财政拨款基本支出决算表\n\n单位：万元", "一般公共预算财政拨款基本支出决算表\n\n单位：元")
    path = tmp_path / "yuan.md"
    path.write_text(text, encoding="utf-8")
    assert _findings(path) == []
    path.write_text(text.replace("人员经费820.00万元", "人员经费832.89万元"), encoding="utf-8")
    assert [f["expected"] for f in _findings(path) if f["rule"] == "BUD001"] == ["820.00万元"]


def test_a_wrong_unit_line_is_one_finding_not_one_per_figure(tmp_path):
    # every figure of the 收支总表 read in 元 would differ from the text and from the other tables:
    # the unit line is the one slip, and the figures are compared in the unit they are really in
    text = SOURCE.replace("收入支出决算总表\n\n单位：万元", "收入支出决算总表\n\n单位：元", 1)
    for path in renderings(tmp_path, text, "unit"):
        assert [f["rule"] for f in _findings(path)] == ["BUD010"], path.suffix
    text = text.replace("某区示范局2024年度收入支出总计1250.40万元", "某区示范局2024年度收入支出总计1260.40万元")
    path = tmp_path / "unit-and-total.md"
    path.write_text(text, encoding="utf-8")
    found = _findings(path)
    # (the text's own change rate on that total, PCT005, is off too now)
    assert sorted(f["rule"] for f in found if f["rule"].startswith("BUD")) == ["BUD001", "BUD010"]
    assert [f["expected"] for f in found if f["rule"] == "BUD001"] == ["1250.40万元"]


def test_change_amounts_and_other_figures_are_not_statements(tmp_path):
    """"总计减少30.20万元" is a change, not the 总计; a figure the table does not hold is silent."""
    text = SOURCE.replace("财政拨款收入支出总计减少30.20万元", "财政拨款收入支出总计减少99.99万元")
    text = text.replace("收入支出决算总表\n\n单位：万元", "部门收支情况表\n\n单位：万元", 1)
    path = tmp_path / "changes.md"
    path.write_text(text.replace("某区示范局2024年度收入支出总计1250.40万元", "某区示范局2024年度收入支出总计1.00万元"),
                    encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD001"] == []


def test_an_items_budget_figure_and_last_years_figure_are_not_its_final_figure(tmp_path):
    """In a 决算 the item's 年初预算 is not in the tables; another year's figure is never compared."""
    text = SOURCE.replace("年初预算为160.00万元", "年初预算为999.00万元")
    text = text.replace("支出决算为155.60万元。", "支出决算为155.60万元，2023年支出决算为130.00万元。")
    path = tmp_path / "other.md"
    path.write_text(text, encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD006"] == []


def test_an_item_the_tables_print_under_two_codes_is_not_compared(tmp_path):
    """行政运行 under two 款 of one 类: a path without its 款 names neither."""
    text = SOURCE.replace("| 201 | 03 | 50 | 事业运行 | 44.40 |", "| 201 | 03 | 50 | 行政运行 | 44.40 |")
    text = text.replace("政府办公厅（室）及相关机构事务（款）行政运行（项）。", "行政运行（项）。")
    text = text.replace("支出决算为700.00万元", "支出决算为701.00万元")
    path = tmp_path / "ambiguous.md"
    path.write_text(text, encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD006"] == []
    path.write_text(text.replace("| 201 | 03 | 50 | 行政运行 | 44.40 |", "| 201 | 03 | 50 | 事业运行 | 44.40 |"),
                    encoding="utf-8")
    assert [f["expected"] for f in _findings(path) if f["rule"] == "BUD006"] == ["700.00万元"]


def test_a_budget_figure_is_not_compared_with_a_table_of_final_figures_only(tmp_path):
    """The fixture's 三公 table prints 决算 figures only: the text's 年初预算 is not in it."""
    path = tmp_path / "budget.md"
    path.write_text(SOURCE.replace("年初预算为15.00万元，支出决算为12.50万元，完成预算的83.33%",
                                   "年初预算为16.00万元，支出决算为12.50万元，完成预算的78.13%"), encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD001"] == []


def test_a_nil_figure_matches_a_blank_cell(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text(SOURCE.replace("| 12.50 | 0.00 | 10.00 | 2.50 |", "| 12.50 |  | 10.00 | 2.50 |"), encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD001"] == []


def _without_table(text: str, title: str) -> str:
    """The text with one statutory table (its title, unit line, table and note) taken out."""
    start = text.index(f"\n{title}\n") + 1
    following = [text.find(f"\n{t}\n", start + 1) for t in ("政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
                                                              "财政拨款“三公”经费支出决算表", "收入决算表", "支出决算表")]
    end = min((f for f in following if f > start), default=len(text))
    return text[:start] + text[end + 1:]


def test_a_table_the_toc_lists_and_the_body_lacks(tmp_path):
    text = _without_table(SOURCE, "财政拨款“三公”经费支出决算表")
    for path in renderings(tmp_path, text, "no-sangong"):
        found = [f for f in _findings(path) if f["rule"] == "BUD008"]
        assert [f["expected"] for f in found] == ["三公经费表"], path.suffix
        assert "目录列有《七、财政拨款“三公”经费支出决算表》" in found[0]["message"]


def test_a_table_the_profile_requires_and_neither_toc_nor_body_has(tmp_path):
    text = _without_table(SOURCE, "收入决算表").replace("二、收入决算表……………………4\n\n", "")
    path = tmp_path / "no-income.md"
    path.write_text(text, encoding="utf-8")
    found = [f for f in _findings(path) if f["rule"] == "BUD008"]
    assert [(f["expected"], f["location"]["line"]) for f in found] == [("收入表", 1)]  # on the report's title
    assert "部门决算应公开《收入决算表》" in found[0]["message"]
    # named in the text (if not as a table's title): not reported as missing
    path.write_text(text.replace("负责本区示范事务的统筹管理。", "负责本区示范事务的统筹管理。收入决算表见附件。"),
                    encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] == "BUD008"] == []


def test_tables_out_of_the_tocs_order(tmp_path):
    sangong = SOURCE[SOURCE.index("财政拨款“三公”经费支出决算表\n\n单位"):SOURCE.index("政府性基金预算财政拨款收入支出决算表\n\n单位")]
    text = SOURCE.replace(sangong, "")
    text = text.replace("支出决算表\n\n单位：万元\n\n| 类", sangong + "支出决算表\n\n单位：万元\n\n| 类", 1)
    path = tmp_path / "order.md"
    path.write_text(text, encoding="utf-8")
    out = run("check", "--format", "json", "--select", "BUD009", str(path))
    found = json.loads(out.stdout)["files"][0]["findings"]
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "《支出决算表》在《财政拨款“三公”经费支出决算表》之后，与目录的顺序不同" == found[0]["message"]


def test_a_word_processors_pdf_of_each_planted_copy_reads_as_its_source(tmp_path):
    """The same slips, in PDFs another producer wrote: LibreOffice's export of the .docx (fonts with
    ToUnicode maps, tables drawn as cell borders), where the reportlab fixtures draw their own rules."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice (libreoffice-writer) is not installed")
    build = load_script("build_fixtures")
    texts = [SOURCE] + [SOURCE.replace(old, new, 1) for old, new, _, _ in PLANTED]
    for k, text in enumerate(texts):
        (tmp_path / f"c{k:02d}.md").write_text(text, encoding="utf-8")
        build.text_to_docx(str(tmp_path / f"c{k:02d}.md"), str(tmp_path / f"c{k:02d}.docx"))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"c{k:02d}.docx") for k in range(len(texts)))],
                   check=True, capture_output=True, timeout=600)
    for k, planted in enumerate([None] + PLANTED):
        source, pdf = (sorted(f["rule"] for f in _findings(tmp_path / f"c{k:02d}.{ext}")) for ext in ("md", "pdf"))
        assert pdf == source, (planted, source, pdf)
        assert planted is None and pdf == [] or planted is not None and planted[2] in pdf, (planted, pdf)


SANGONG_BOTH = """| 合计 | | 因公出国（境）费 | | 公务用车购置及运行维护费 | | 公务接待费 | |
|---|---|---|---|---|---|---|---|
| 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 |
| 15.00 | 12.50 | 0.00 | 0.00 | 12.00 | 10.00 | 3.00 | 2.50 |"""


def _budget_and_final_columns(tmp_path, text: str, stem: str) -> list:
    """The report with a 三公 table of 预算数 | 决算数 under each item (each item's header merged over
    its two columns, as 决算 templates print it), as .docx and as PDF."""
    source = tmp_path / f"{stem}.md"
    source.write_text(text.replace("| 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 公务接待费 |\n|---|---|---|---|\n"
                                   "| 12.50 | 0.00 | 10.00 | 2.50 |", SANGONG_BOTH), encoding="utf-8")

    def merge(document) -> None:
        table = next(t for t in document.tables if t.cell(1, 0).text == "预算数")
        for k in range(0, 8, 2):
            name = table.cell(0, k).text
            table.cell(0, k).merge(table.cell(0, k + 1)).text = name

    return merged_renderings(tmp_path, source, stem, merge)


def test_a_budget_figure_is_compared_with_the_budget_column_and_an_outturn_with_the_outturn_column(tmp_path):
    for path in _budget_and_final_columns(tmp_path, SOURCE, "both"):
        assert [f for f in _findings(path) if f["rule"] == "BUD001"] == [], path.suffix
    # the 年初预算 written as the 决算数: in the table, but in the other column
    text = SOURCE.replace("年初预算为15.00万元，支出决算为12.50万元，完成预算的83.33%",
                          "年初预算为12.50万元，支出决算为12.50万元，完成预算的100.00%")
    for path in _budget_and_final_columns(tmp_path, text, "swapped"):
        found = [f for f in _findings(path) if f["rule"] == "BUD001"]
        assert [(f["evidence"], f["expected"]) for f in found] == [("12.50万元", "15.00万元")], path.suffix
        assert "“合计”预算数为 15.00" in found[0]["message"], found[0]["message"]
        assert found[0]["location"]["column"] < 40  # the 年初预算, not the 支出决算 after it


def test_an_item_completion_rate_is_checked_against_the_budget_and_outturn_columns(tmp_path):
    """"公务接待费支出决算为2.50万元，完成预算的p%": the sentence gives no budget, the 三公 table gives
    预算数 3.00 beside 决算数 2.50 (BUD013); a rate whose budget the sentence states is PCT003's."""
    said = "公务接待费支出决算为2.50万元。"
    assert said in SOURCE
    clean = SOURCE.replace(said, "公务接待费支出决算为2.50万元，完成预算的83.33%。")
    for path in _budget_and_final_columns(tmp_path, clean, "rate"):
        assert [f for f in _findings(path) if f["rule"] in ("BUD013", "PCT003")] == [], path.suffix
    slip = SOURCE.replace(said, "公务接待费支出决算为2.50万元，完成预算的100.00%。")
    for path in _budget_and_final_columns(tmp_path, slip, "rate-slip"):
        found = [f for f in _findings(path) if f["rule"] in ("BUD013", "PCT003")]
        assert [(f["rule"], f["evidence"], f["expected"]) for f in found] == [("BUD013", "100.00%", "83.33%")], path.suffix
        assert [r["evidence"] for r in found[0]["related"]] == ["2.50", "3.00"], found[0]["related"]
    # the 年初预算 stated in the sentence: PCT003 recomputes it, BUD013 stays out
    stated = SOURCE.replace("完成预算的83.33%", "完成预算的90.00%")
    for path in _budget_and_final_columns(tmp_path, stated, "stated"):
        assert [f["rule"] for f in _findings(path) if f["rule"] in ("BUD013", "PCT003")] == ["PCT003"], path.suffix


def test_an_empty_table_note_over_whole_yuan_figures(tmp_path):
    """A table in 元 prints whole amounts (2,932,700): they are figures, and the note calling the table
    empty is wrong; the plain whole numbers of a 栏次 row are not."""
    fund = ("| 科目名称 | 本年收入 | 本年支出 |\n|---|---|---|\n| 合计 | | |")
    assert fund in SOURCE
    path = tmp_path / "yuan.md"
    path.write_text(SOURCE.replace(fund, "| 科目名称 | 本年收入 | 本年支出 |\n|---|---|---|\n| 栏次 | 1 | 2 |\n| 合计 | | |"),
                    encoding="utf-8")
    assert [f for f in _findings(path) if f["rule"] in ("BUD002", "BUD011")] == []
    path.write_text(SOURCE.replace(fund, "| 科目名称 | 本年收入 | 本年支出 |\n|---|---|---|\n| 合计 | 1,200,000 | 1,200,000 |"),
                    encoding="utf-8")
    assert [(f["rule"], f["related"][0]["location"]["row"]) for f in _findings(path) if f["rule"] == "BUD002"] == [("BUD002", 2)]
