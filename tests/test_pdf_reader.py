"""The PDF reader on generated PDFs (scripts/build_pdf_fixtures.py): what a reader of the rendered page sees."""
import json

import pytest

from reportlint.model import Paragraph, Table
from reportlint.readers import ReadError, read_document

from conftest import run_cli, load_script

pytest.importorskip("pypdfium2")
builder = load_script("build_pdf_fixtures")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    pytest.importorskip("reportlab")
    folder = tmp_path_factory.mktemp("pdf")
    builder.build(str(folder))
    return folder


@pytest.fixture(scope="module")
def final(pdfs):
    return read_document(str(pdfs / "final_2024.pdf"))


def _texts(doc):
    return [b.text.value for b in doc.blocks if not isinstance(b, Table)]


def test_toc_entries_are_not_headings(final):
    toc = [b for b in final.blocks if isinstance(b, Paragraph) and b.role == "toc"]
    assert [b.text.value for b in toc][:3] == ["目录", "第一部分 部门概况", "一、主要职能"]
    assert len(toc) == 8
    headings = [h.text.value for h in final.headings]
    assert headings[:2] == ["第一部分 部门概况", "一、主要职能"], "the body's headings, once each"
    assert headings.count("一、主要职能") == 1


def test_page_furniture_is_dropped_and_wrapped_lines_join(final):
    texts = _texts(final)
    assert not any(t.startswith("- ") for t in texts), "page numbers"
    assert texts.count("某区某局2024年度部门决算") == 1, "the title stays, the running header goes"
    para = next(t for t in texts if t.startswith("2024年度收入总计"))
    assert "56.95万元，增长2.10%" in para, "a wrap inside a number and its unit is not a break"
    assert "占本年收入的0.21%。" in para, "the paragraph continues across the page break"
    assert " " not in para


def test_clipped_and_off_page_text_is_not_read(final):
    texts = "\n".join(_texts(final))
    assert "本局设办公室" in texts
    assert "看不见" not in texts and "页面之外" not in texts


def test_ruled_table_with_merged_cells_stitched_across_pages(final):
    tables = final.tables
    assert len(tables) == 1, "the continuation on the next page is the same table"
    rows = [[c.value for c in row] for row in tables[0].rows]
    assert rows[0][:2] == ["项目", "本年收入合计"]
    assert tables[0].rows[0][0].col_span == 2
    assert rows[2] == ["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"]
    assert [r[1] for r in rows[2:8]] == ["一般公共服务支出", "财政事务", "社会保障和就业支出", "行政事业单位养老支出",
                                        "卫生健康支出", "住房保障支出"], "repeated header rows dropped"
    assert rows[-1][0] == "合计" and len(rows) == 9
    before = final.blocks[tables[0].index - 2]
    assert before.text.value == "单位：万元", "the unit line sits right above the table"


def test_findings_carry_page_and_box(pdfs):
    out = run_cli("check", "--format", "json", "--select", "PCT005,WRD003", str(pdfs / "final_2024.pdf"))
    findings = json.loads(out.stdout)["files"][0]["findings"]
    rate = next(f for f in findings if f["rule"] == "PCT005")
    assert rate["expected"] == "增长1.97%" and rate["location"]["page"] == 3
    x0, y0, x1, y1 = rate["location"]["box"]
    assert 72 <= x0 < x1 <= 530 and 0 < y0 < y1 < 842
    assert any(f["rule"] == "WRD003" and f["evidence"] == "。。" for f in findings)
    text = run_cli("check", "--select", "PCT005", str(pdfs / "final_2024.pdf")).stdout
    assert ":p3:" in text.splitlines()[0]


@pytest.mark.parametrize("name, reason", [("scan.pdf", "没有文字层"), ("encrypted.pdf", "已加密")])
def test_unreadable_pdfs_are_one_line(pdfs, name, reason):
    with pytest.raises(ReadError, match=reason):
        read_document(str(pdfs / name))
    out = run_cli("check", str(pdfs / name))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert line.startswith(f"reportlint: 错误：{pdfs / name}: ") and reason in line


def test_truncated_and_empty_pdfs_are_one_line(pdfs, tmp_path):
    data = (pdfs / "final_2024.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    out = run_cli("check", str(tmp_path / "truncated.pdf"), str(tmp_path / "empty.pdf"), str(tmp_path / "garbage.pdf"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("reportlint: 错误：") for line in lines)


def test_a_text_report_with_a_toc_keeps_it_out_of_the_headings(tmp_path):
    from reportlint.readers.text import read_text

    text = ("某局2023年度部门整体支出绩效自评报告\n\n目录\n一、部门概况……1\n二、绩效情况……2\n\n"
            "一、部门概况\n本局共有人员12人。\n二、绩效情况\n完成全部任务。\n")
    doc = read_text("r.txt", text.encode())
    assert [h.title for h in doc.headings] == ["部门概况", "绩效情况"]
    assert [b.text.value for b in doc.blocks if isinstance(b, Paragraph) and b.role == "toc"][0] == "目录"


def _line(text: str, y: float, font: str, page: int = 1):
    from reportlint.readers.pdf_layout import make_lines
    from reportlint.readers.pdf_page import Glyph

    glyphs = [Glyph(ch, 72 + 12 * k, y - 2, 84 + 12 * k, y + 10, y, 12.0, False, font) for k, ch in enumerate(text)]
    [line] = make_lines(glyphs, page)
    return line


def test_a_change_of_face_breaks_a_paragraph_even_between_full_lines():
    from reportlint.readers.pdf import _Builder

    builder = _Builder("x.pdf", [])
    builder.pitch = 18.0
    full = "全部用于保障机构正常运转和完成年度工作任务各项支出均按预算执行没有超支"
    body = _line(full, 700, "FangSong")
    body.margins = (72.0, body.x1)
    other = _line("九、国有资本经营预算财政拨款收入支出决算情况说明及其他需要说明的重要事项", 682, "KaiTi")
    margins = (72.0, body.x1)
    assert builder.breaks(body, other, margins, new_page=False), "楷体 after 仿宋 starts a heading"
    assert not builder.breaks(body, _line(full, 682, "FangSong"), margins, new_page=False)


def test_a_line_stopping_short_before_a_character_and_its_comma_runs_on():
    """Ragged-right text (LibreOffice's export) cannot start a line with 、, so "元、" wraps as one
    piece and the line before stops two characters short: the paragraph runs on. A line that stops
    as short before ordinary text, or before a numbered item after a full stop, ends its paragraph."""
    from reportlint.readers.pdf import _Builder

    builder = _Builder("x.pdf", [])
    builder.pitch = 18.0
    full = "力争全年交通水利能源领域投资额分别达到二千四百亿元四百五十亿"
    margins = (72.0, 72 + 12 * (len(full) + 3))  # the page's full lines run three characters further
    short = _line(full, 700, "FangSong")
    short.margins = margins
    assert not builder.breaks(short, _line("元、一千七百亿元。坚持招大引强", 682, "FangSong"), margins, False)
    assert builder.breaks(short, _line("坚持招大引强培优育强建好招商项目库", 682, "FangSong"), margins, False)
    ended = _line(full[:-1] + "。", 700, "FangSong")
    ended.margins = margins
    assert builder.breaks(ended, _line("一、主要做法和成效如下", 682, "FangSong"), margins, False)


def test_a_row_a_page_break_left_open_stays_in_its_table_and_the_table_stitches(pdfs):
    """The last row on the page has no rule under it, only the column rules running down to its
    bottom; it is a row, not a heading, and the continuation joins the same table."""
    doc = read_document(str(pdfs / "open_row.pdf"))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    labels = [row[0].value for row in tables[0].rows]
    assert labels == ["办理结果", "（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）总计"]
    assert [h.text.value for h in doc.headings] == ["三、收到和处理申请情况"]


def test_a_continuation_drawn_with_fewer_column_rules_keeps_the_first_parts_grid(pdfs):
    """The 合计 row alone on the next page, its label across the code and name columns: the same table,
    the label spanning the two columns, each figure under its own header."""
    from reportlint.config import Config
    from reportlint.engine import lint

    doc = read_document(str(pdfs / "total_alone.pdf"))
    [table] = doc.tables
    total = table.rows[-1]
    assert [(c.col, c.col_span, c.value) for c in total] == [(0, 2, "合计"), (2, 1, "150.00"), (3, 1, "130.00"),
                                                              (4, 1, "20.00")]
    assert lint(doc, Config(select=("SUM", "BUD"))) == []
    from reportlint.model import Text

    cell = total[2]  # 基本支出 130.00 → 131.00: no longer the sum of its 类, nor 合计 − 项目支出
    cell.text = Text("131.00", cell.text.pieces, cell.text.boxes)
    cell.__dict__.pop("_number", None)
    found = lint(doc, Config(select=("SUM", "BUD")))
    assert {(f.rule, f.expected, f.location.page) for f in found} == {("BUD004", "130.00", 2), ("SUM002", "151.00", 2)}


def test_a_total_of_counts_off_by_one_is_found(pdfs, tmp_path):
    """Counts are exact: 11 + 2 = 13, and 12 where 13 belongs is an error, not rounding."""
    import pypdfium2  # noqa: F401

    doc = read_document(str(pdfs / "open_row.pdf"))
    from reportlint.config import Config
    from reportlint.engine import lint

    assert [f.rule for f in lint(doc, Config()) if f.rule.startswith("SUM")] == []
    from reportlint.model import Text

    cell = doc.tables[0].rows[5][3]
    cell.text = Text("12", cell.text.pieces, cell.text.boxes)
    cell.__dict__.pop("_number", None)
    found = [f for f in lint(doc, Config()) if f.rule == "SUM002"]
    assert [(f.expected, f.actual, f.location.page) for f in found] == [("13", "12", 2)]


def test_a_table_printed_sideways_reads_as_shown(pdfs):
    """Each of the three turns (text running up, down, upside down) reads like the upright table."""
    doc = read_document(str(pdfs / "turned.pdf"))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 3
    for table in tables:
        rows = [[c.value for c in row] for row in table.rows]
        assert rows == [["合计 1", "1,000.40", "800.00", "200.40"],
                        ["201 一般公共服务支出", "1,000.40", "800.00", "200.40"],
                        ["20101 人大事务", "600.00", "500.00", "100.00"],
                        ["20102 政协事务", "300.00", "300.00", "0.00"]]
    titles = [b.text.value for b in doc.blocks if isinstance(b, Paragraph) and "决算表" in b.text.value]
    assert titles == ["2024年度一般公共预算财政拨款支出决算表"] * 3


def test_findings_on_a_sideways_page_point_where_the_figure_is_drawn(pdfs):
    import pypdfium2 as pdfium

    path = pdfs / "turned.pdf"
    out = run_cli("check", "--format", "json", "--select", "BUD004", str(path))
    findings = json.loads(out.stdout)["files"][0]["findings"]
    assert [(f["location"]["page"], f["expected"], f["actual"]) for f in findings] == \
        [(page, expected, actual) for page in (2, 3, 4) for expected, actual in (("900.00", "1,000.40"), ("100.00", "200.40"))]
    assert "第2列应为其下各款之和" in findings[0]["message"], "a column without a header is named by its number"
    pdf = pdfium.PdfDocument(str(path))
    for f in findings[::2]:  # 1,000.40 in row 201: the figure's second occurrence on its page
        textpage = pdf[f["location"]["page"] - 1].get_textpage()
        text = textpage.get_text_range()
        start = text.index("1,000.40", text.index("1,000.40") + 1)
        boxes = [textpage.get_charbox(i, loose=True) for i in range(start, start + len("1,000.40"))]
        drawn = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        assert f["location"]["box"] == pytest.approx(drawn, abs=0.1), "the box in the page's own coordinates"
    pdf.close()


def test_a_vertical_label_measured_at_its_unscaled_size_is_placed_by_its_ink():
    # PDFium's loose box for vertical writing skips the text matrix: a 10 pt character of a font set
    # at 199 and scaled by 0.05 comes out a 199 pt box, whose centre lies two cells to the right
    from reportlint.readers.pdf_page import trusted_box

    loose, ink = (85.6, 202.8, 284.6, 401.8), (86.0, 226.6, 95.2, 234.1)
    assert trusted_box(loose, ink) == ink
    assert trusted_box(loose, None) == loose  # no ink box to go by
    title, title_ink = (100.0, 100.0, 160.0, 160.0), (103.0, 105.0, 157.0, 152.0)
    assert trusted_box(title, title_ink) == title  # a large character drawn large keeps its box
    bar, bar_ink = (100.0, 100.0, 160.0, 160.0), (101.0, 128.0, 159.0, 131.0)
    assert trusted_box(bar, bar_ink) == bar  # "一" at 60 pt: thin ink, but as wide as its box


def test_a_table_drawn_without_rules_reads_as_rows_not_headings_or_prose(pdfs):
    """Rows set in columns without rules ("二、事业收入 ␣␣ 2 ␣␣ 120.00") stay one row per paragraph, marked
    as table text: they are neither headings (二、 三、 of the rows are no section numbers) nor
    joined with the real heading after them into one paragraph."""
    doc = read_document(str(pdfs / "unruled.pdf"))
    assert [h.title for h in doc.headings] == ["收入支出决算总表", "支出决算表", "财政拨款收入支出决算总表"]
    rows = [b.text.value for b in doc.blocks if isinstance(b, Paragraph) and b.role == "columns"]
    assert rows == ["一、一般公共预算财政拨款收入 1 2,345.67", "二、事业收入 2 120.00", "三、经营收入 3",
                    "四、其他收入 4 34.33", "本年收入合计 5 2,500.00"]
    assert all(u.block.body for u in doc.facts.prose())


def test_a_figure_set_apart_by_a_wide_gap_makes_a_line_a_table_row():
    from reportlint.readers.pdf_layout import in_columns, make_lines
    from reportlint.readers.pdf_page import Glyph

    def line(*runs):  # (x, text) runs of 12 pt glyphs on one baseline
        glyphs = [Glyph(ch, x + 12 * k, 698, x + 12 * (k + 1), 710, 700, 12.0, False, "SimSun")
                  for x, text in runs for k, ch in enumerate(text)]
        [made] = make_lines(glyphs, 1)
        return made

    assert in_columns(line((72, "六、经营收入"), (160, "6")))
    assert in_columns(line((72, "七、附属单位上缴收"), (72 + 9 * 12 + 17, "7")))  # a tight cell: 1.4 characters
    assert in_columns(line((72, "合计"), (200, "2,500.00"), (300, "1,500.00")))  # figures close together
    assert not in_columns(line((72, "本年收入合计2,500.00万元，比上年增加120万元。")))
    assert not in_columns(line((72, "第二部分"), (140, "2024年度部门决算表")))  # a heading's title after a gap
    assert not in_columns(line((72, "编制单位：某局"), (300, "金额单位：万元")))
    assert not in_columns(line((72, "收入合计"), (72 + 4 * 12 + 6, "2,500.00")))  # half a character: a typed space
