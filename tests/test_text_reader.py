import pytest

from reportlint.model import Heading, Paragraph, Table
from reportlint.readers import ReadError, read_document
from reportlint.readers.text import read_text

from conftest import seed_paths

REPORT = """某县财政局2023年度部门整体支出绩效自评报告

一、部门概况
（一）基本情况
本局2023年度总支出1200.00万元，其中基本支出400.00万元，项目支出800.00万元。
1、工资福利支出300.00万元，主要用于人员工资。
二、预算执行
全年预算执行情况良好，各项资金按照年初计划和进度拨付到位，项目单位的资金使用做到了专款专用，为进一步完善

预算管理制度打下基础。
"""


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_headings_paragraphs_and_rejoined_sentence():
    doc = read_text("r.txt", REPORT.encode())
    heads = [(b.label.text(), b.title, b.level) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [("一、", "部门概况", 1), ("（一）", "基本情况", 2), ("二、", "预算执行", 1)]
    last = doc.blocks[-1]
    assert isinstance(last, Paragraph)
    assert last.text.value.endswith("为进一步完善预算管理制度打下基础。")
    # positions survive the join: the second half starts at line 10, column 1
    at = last.text.value.index("预算管理制度")
    assert last.text.position(at) == (10, 1)


def test_columns_count_code_points():
    doc = read_text("r.txt", "前言\n\n本局总支出1200.00万元。\n".encode())
    para = doc.blocks[1]
    at = para.text.value.index("1200")
    assert para.text.position(at) == (3, 6)


def test_short_labelled_line_among_long_items_is_a_list_item():
    text = ("（二）主要职责\n1.拟订并组织实施全区工业发展规划，协调解决有关重大问题；贯彻落实国家产业政策。\n"
            "2.负责全区非公有制经济发展的政策措施落实。\n3.综合管理全区工业经济，指导、协调和服务工业企业；推进全区信息化建设。\n")
    doc = read_text("r.txt", text.encode())
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph", "paragraph"]


def test_short_unlabelled_title_is_not_joined_to_the_next_paragraph():
    text = "（一）科学编制预算\n\n加强专项资金管理，及时公示信息\n\n建立和完善内部控制制度。\n"
    doc = read_text("r.txt", text.encode())
    assert [b.text.value for b in doc.blocks][1:] == ["加强专项资金管理，及时公示信息", "建立和完善内部控制制度。"]


def test_tsv_table():
    text = "自评表\n一级指标\t分值\t得分\n投入\t20\t19\n\n产出\t30\t28\n总分\t50\t47\n\n后记。\n"
    doc = read_text("r.txt", text.encode())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.layout == "tsv"
    assert [[c.value for c in row] for row in table.rows] == [
        ["一级指标", "分值", "得分"], ["投入", "20", "19"], ["产出", "30", "28"], ["总分", "50", "47"]]
    cell = table.rows[2][2]
    assert cell.text.position(0) == (5, 7)
    assert doc.blocks[-1].text.value == "后记。"


def test_cell_per_line_table_with_line_breaks_inside_cells_and_artefacts():
    text = ("基础数据表\n\t人员情况\n\t编制数\n\t在职\n人数\n\t控制率\n\n\t\n\t44\n\t41\n\t[bookmark: _GoBack]93.18%\n\n"
            "说明文字。\n")
    doc = read_text("r.txt", text.encode())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.layout == "cell-lines"
    assert [[c.value for c in row] for row in table.rows] == [
        ["人员情况", "编制数", "在职\n人数", "控制率"], ["", "44", "41", "93.18%"]]
    pct = table.rows[1][3]
    assert pct.text.position(0) == (11, 21)  # after the removed bookmark
    assert doc.blocks[-1].text.value == "说明文字。"


def test_pipe_table():
    text = "| 项目 | 金额 |\n| --- | ---: |\n| 基本支出 | 400.00 |\n| 合计 | 400.00 |\n"
    doc = read_text("r.md", text.encode())
    table = doc.blocks[0]
    assert table.layout == "pipe"
    assert [[c.value for c in row] for row in table.rows] == [["项目", "金额"], ["基本支出", "400.00"], ["合计", "400.00"]]
    assert table.rows[1][1].text.position(0) == (3, 10)


def test_markdown_headings_keep_their_level_and_label():
    doc = read_text("r.md", "# 报告\n\n## 一、概况\n\n### （二）机构\n".encode())
    assert [(b.level, b.label.text() if b.label else None, b.title) for b in doc.blocks] == [
        (1, None, "报告"), (2, "一、", "概况"), (3, "（二）", "机构")]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                          ("gb18030", b"")])
def test_encodings(tmp_path, encoding, bom):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + REPORT.encode(encoding))
    doc = read_document(str(path))
    assert doc.blocks[0].text.value == "某县财政局2023年度部门整体支出绩效自评报告"


def test_gb18030_fixture(fixtures):
    doc = read_document(str(fixtures / "gb18030_report.txt"))
    assert doc.facts.period == 2023
    assert any("860.00万元" in b.text.value for b in doc.blocks if b.kind == "paragraph")


def test_undecodable_text_is_a_clear_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(ReadError, match="文本编码"):
        read_document(str(path))


def test_no_text_lost_on_seeds():
    for path in seed_paths():
        raw = path.read_text(encoding="utf-8")
        doc = read_document(str(path))
        got = []
        for unit in doc.units():
            got.append(unit.text.value)
        squeeze = lambda s: "".join(s.split())  # noqa: E731
        import re

        raw = re.sub(r"(?m)^#{1,6}[ \t]+", "", raw)  # markdown heading markers are syntax, not text
        expected = squeeze(re.sub(r"\[bookmark:[^\]]*\]|</?p>", "", raw))
        assert squeeze("".join(got)) == expected, path.name


def test_seed_tables_and_headings():
    paths = {p.name[:3]: p for p in seed_paths()}
    if not paths:
        pytest.skip("../shared/seeds not present")
    doc = read_document(str(paths["002"]))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [t.layout for t in tables] == ["cell-lines", "cell-lines"]
    first = tables[0]
    assert [c.value for c in first.rows[1]] == ["", "44", "41", "107.32%"]
    doc = read_document(str(paths["001"]))
    titles = [b.title for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert titles[:4] == ["部门概况", "一般公共预算支出情况", "部门项目组织实施情况", "资产管理情况"]
    assert "八、" in [b.label.text() for b in doc.blocks if isinstance(b, Heading) and b.label]


def test_a_part_label_alone_on_its_line_takes_its_title_from_the_next():
    """Web pages set "第一部分" on one line and its title on the next: one heading, and the TOC that
    names "第一部分 单位概况" on one line is still recognised as the TOC."""
    text = ("某中心2024年度部门决算\n目录\n第一部分 单位概况\n一、主要职责\n第二部分 决算情况说明\n一、总体情况\n"
            "第一部分\n单位概况\n一、主要职责\n负责集中办公。\n第二部分\n决算情况说明\n一、总体情况\n"
            "本年收入合计100.00万元。\n第三部分\n本部分列示的各项数据均按照财政部统一制发的报表口径填列，与附表一致。\n")
    doc = read_text("r.txt", text.encode())
    assert [getattr(b, "role", None) for b in doc.blocks[1:7]] == ["toc"] * 5 + [None]
    parts = [(b.title, b.text.value, b.text.position(0)) for b in doc.blocks
             if isinstance(b, Heading) and b.label.style == "chapter"]
    assert parts == [("单位概况", "第一部分 单位概况", (7, 1)), ("决算情况说明", "第二部分 决算情况说明", (11, 1))]
    # a label whose next line is a sentence keeps that sentence as its own paragraph
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text.value.startswith("本部分列示")
