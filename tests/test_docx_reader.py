import os
import zipfile

import pytest

from reportlint.model import Heading, Paragraph, Table
from reportlint.readers import ReadError, read_document

from conftest import seed_paths, load_script

build = load_script("build_fixtures")


def headings(doc):
    return [(b.level, b.label.text() if b.label else None, b.title) for b in doc.blocks if isinstance(b, Heading)]


def test_heading_styles_and_tables(fixtures):
    doc = read_document(str(fixtures / "docx" / "sample_selfeval_2022.docx"))
    heads = headings(doc)
    assert heads[:3] == [(1, "一、", "部门概况"), (2, "（一）", "机构与人员"), (2, "（二）", "主要职能")]
    assert all(b.level_source == "style" for b in doc.blocks if isinstance(b, Heading))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 2
    assert [c.value for c in tables[0].rows[-1]] == ["总分", "", "", "100", "92"]


def test_word_auto_numbering_is_read_as_the_visible_label(fixtures):
    doc = read_document(str(fixtures / "docx" / "autonumber_selfeval_2022.docx"))
    labels = [(lvl, label) for lvl, label, _ in headings(doc)]
    assert labels[:6] == [(1, "一、"), (2, "（一）"), (2, "（二）"), (1, "二、"), (2, "（一）"), (2, "（二）")]
    # the label is not in the runs: it comes from numbering.xml
    with zipfile.ZipFile(fixtures / "docx" / "autonumber_selfeval_2022.docx") as zf:
        body = zf.read("word/document.xml").decode()
    assert "部门概况" in body and "一、部门概况" not in body
    first = next(b for b in doc.blocks if isinstance(b, Heading))
    assert first.docx.prefix == 2


def test_merged_cells_appear_once_with_their_span(fixtures):
    doc = read_document(str(fixtures / "docx" / "merged_cells_2023.docx"))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    header = [(c.value, c.row_span, c.col_span, c.col) for c in table.rows[0]]
    assert header == [("项目", 2, 1, 0), ("支出决算", 1, 3, 1), ("备注", 2, 1, 4)]
    assert [(c.value, c.col) for c in table.rows[1]] == [("合计", 1), ("基本支出", 2), ("项目支出", 3)]
    assert [c.value for c in table.rows[4]][:4] == ["总计", "1520.40", "610.20", "910.20"]


def test_nested_table_is_its_own_block(fixtures):
    doc = read_document(str(fixtures / "docx" / "merged_cells_2023.docx"))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    outer, inner = tables[1], tables[2]
    assert inner.parent == (outer.index, 0, 1)
    assert [[c.value for c in row] for row in inner.rows] == [["固定资产原值", "356.20"], ["累计折旧", "120.15"]]


def test_tracked_changes_and_line_breaks(fixtures):
    doc = read_document(str(fixtures / "docx" / "tracked_changes.docx"))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert para.text.value == "本年度支出120.50万元。\n第二行。"


def _texts(doc):
    return [("T", [[c.value for c in row if c.value] for row in b.rows]) if isinstance(b, Table)
            else (b.kind, b.text.value) for b in doc.blocks]


@pytest.mark.parametrize("autonumber", [False, True])
def test_seed_docx_reads_like_the_text(tmp_path, autonumber):
    seeds = seed_paths()
    if not seeds:
        pytest.skip("../shared/seeds not present")
    for seed in seeds:
        target = tmp_path / (seed.stem + ".docx")
        build.text_to_docx(str(seed), str(target), autonumber=autonumber)
        from_text = read_document(str(seed))
        from_docx = read_document(str(target))
        if not autonumber:
            assert _texts(from_docx) == _texts(from_text), seed.name
        assert [t for _, _, t in headings(from_docx)] == [t for _, _, t in headings(from_text)], seed.name
        assert len(from_docx.tables) == len(from_text.tables)


@pytest.mark.parametrize("content,reason", [
    (b"", "空文件"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "OLE"),
    (b"this is not a zip", "不是有效的 .docx"),
])
def test_broken_docx_is_a_clear_error(tmp_path, content, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(str(path))


def test_docx_without_document_part(tmp_path):
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError, match="word/document.xml"):
        read_document(str(path))


def test_docx_with_doctype_is_refused(tmp_path, fixtures):
    path = tmp_path / "evil.docx"
    with zipfile.ZipFile(fixtures / "docx" / "tracked_changes.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            dst.writestr(item, data)
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_document(str(path))
    assert os.path.exists(path)


def test_committed_fixtures_are_what_the_script_builds(tmp_path, fixtures):
    build.build_all(str(tmp_path))
    for built in sorted((tmp_path / "docx").glob("*.docx")) + [tmp_path / "gb18030_report.txt"]:
        committed = fixtures / built.relative_to(tmp_path)
        assert committed.read_bytes() == built.read_bytes(), f"{committed} is stale: run scripts/build_fixtures.py"


def test_block_numbers_are_places_in_the_document(fixtures):
    # rules find a block's neighbours by its number: index k is document.blocks[k - 1]
    for path in sorted(fixtures.glob("*.*")) + sorted((fixtures / "docx").glob("*.docx")) + seed_paths():
        doc = read_document(str(path))
        assert [b.index for b in doc.blocks] == list(range(1, len(doc.blocks) + 1)), path.name


def test_a_part_label_alone_in_its_paragraph_is_titled_by_the_next(tmp_path):
    """"第一部分" and "单位概况" as two Word paragraphs: the label is the part's heading, the TOC that
    names "第一部分 单位概况" is still a TOC, and no rule takes the title for one that lost its number."""
    import docx

    from reportlint.config import Config
    from reportlint.engine import lint

    lines = ["某中心2024年度部门决算", "目录", "第一部分 单位概况", "一、主要职责", "第二部分 决算情况说明", "一、总体情况",
             "第一部分", "单位概况", "一、主要职责", "负责集中办公。", "第二部分", "决算情况说明", "一、总体情况",
             "本年收入合计100.00万元。"]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "parts.docx"
    document.save(path)
    doc = read_document(str(path))
    assert [getattr(b, "role", None) for b in doc.blocks[1:6]] == ["toc"] * 5
    parts = [(b.text.value, b.title, b.index) for b in doc.blocks if isinstance(b, Heading) and b.label.style == "chapter"]
    assert parts == [("第一部分", "单位概况", 7), ("第二部分", "决算情况说明", 11)]
    assert [f.rule for f in lint(doc, Config(select=("HDG",)))] == []
