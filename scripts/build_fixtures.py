#!/usr/bin/env python3
"""Build the .docx (and GB18030) fixtures from the text fixtures, reproducibly.

    python scripts/build_fixtures.py            # writes fixtures/docx/*.docx and fixtures/gb18030_report.txt
    python scripts/build_fixtures.py IN.txt OUT.docx [--autonumber]   # convert any text report

A text report is read with reportlint's own reader, then written with python-docx: headings as
Word heading styles, tables as Word tables. `--autonumber` moves heading labels (一、 （二） 1.) into
Word automatic numbering, so the label exists only in numbering.xml.
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
from dataclasses import replace

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from reportlint.extract.tables import cell_number, grid_width  # noqa: E402
from reportlint.model import Cell, Heading, Paragraph, Table  # noqa: E402
from reportlint.readers import read_document  # noqa: E402

# Label style → the level of the multi-level list that shows it.
_ILVL = {"cn": 0, "cn_paren": 1, "num_comma": 2, "num_dot": 2, "num_paren": 3, "circled": 4}


def _reproducible(path: str) -> None:
    """Rewrite a saved .docx with fixed zip timestamps, so the same build gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)


def _fixed_core(document) -> None:
    """Fixed metadata so that two builds give the same document text."""
    import datetime

    props = document.core_properties
    props.author = "reportlint fixtures"
    props.created = props.modified = datetime.datetime(2024, 1, 1)
    props.last_modified_by = "reportlint fixtures"
    props.revision = 1


def _add_numbering(document) -> str:
    """One multi-level list whose levels show 一、 （一） 1、 （1） ①; returns its numId.

    One list for all levels, as Word builds it, so that a level restarts when the level above it
    advances: （一） after 二、 again.
    """
    numbering = document.part.numbering_part.element
    absnum = OxmlElement("w:abstractNum")
    absnum.set(qn("w:abstractNumId"), "900")
    formats = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3、"), ("decimal", "（%4）"),
               ("decimalEnclosedCircle", "%5")]
    for ilvl, (fmt, text) in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            lvl.append(el)
        absnum.append(lvl)
    first_num = numbering.find(qn("w:num"))  # abstractNum elements must precede num elements
    if first_num is not None:
        first_num.addprevious(absnum)
    else:
        numbering.append(absnum)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "900")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "900")
    num.append(ref)
    numbering.append(num)
    return "900"


def _set_numbering(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), num_id)
    numpr.extend([lvl, nid])
    ppr.append(numpr)


def _merge_like_word(table, block: Table, ncols: int) -> None:
    """Merge cells the way Word users lay such tables out: an empty label cell (first column) under
    a label joins it (a group label over several rows, a header over its sub-header rows), and a
    text cell followed only by empty cells spans them (a prose note across the number columns)."""
    grid: list[list[Cell | None]] = [[None] * ncols for _ in block.rows]
    for r, row in enumerate(block.rows):
        for cell in row:
            grid[r][cell.col] = cell if cell.value else None
    r = 0
    while ncols and r < len(grid):
        end = r + 1
        while grid[r][0] and end < len(grid) and grid[end][0] is None and any(grid[end]):
            end += 1
        if end - r > 1:
            table.cell(r, 0).merge(table.cell(end - 1, 0)).text = grid[r][0].value
        r = end
    for r, row in enumerate(grid):
        last = max((k for k, cell in enumerate(row) if cell), default=-1)
        if 0 < last < ncols - 1 and cell_number(row[last]) is None:
            table.cell(r, last).merge(table.cell(r, ncols - 1)).text = row[last].value


def text_to_docx(source: str, target: str, autonumber: bool = False, merge: bool = False,
                 split: bool = False) -> None:
    """A .docx of a text report; `merge` lays its tables out with merged cells as Word users do, and
    `split` ends each table of five or more rows half-way and goes on in a second table, as Word users
    do where a form crosses a page (the header stays in the first part)."""
    doc = read_document(source)
    out = docx.Document()
    _fixed_core(out)
    num_id = _add_numbering(out) if autonumber else None
    parts = max((b.level for b in doc.blocks if isinstance(b, Heading) and b.level_source == "markdown"
                 and b.label is not None and b.label.style == "chapter"), default=0)
    for block in doc.blocks:
        if isinstance(block, Heading):
            # a line a number makes a heading sits under the markdown parts (## 第一部分 → Heading 2,
            # 一、 → Heading 3), as Word users style them
            level = min(max(block.level + (parts if block.level_source == "label" else 0), 1), 9)
            if num_id and block.label and block.label.style in _ILVL and block.label.style != "num_dot":
                p = out.add_heading(block.title, level)
                _set_numbering(p, num_id, _ILVL[block.label.style])
            else:
                out.add_heading(block.text.value, level)
        elif isinstance(block, Paragraph):
            lines = block.text.value.split("\n")
            p = out.add_paragraph(lines[0])
            for line in lines[1:]:
                run = p.add_run()
                run.add_break()
                p.add_run(line)
        elif isinstance(block, Table):
            half = len(block.rows) // 2 if split and len(block.rows) >= 5 else len(block.rows)
            _add_table(out, block, block.rows[:half], merge)
            if half < len(block.rows):
                out.add_paragraph()  # Word joins two tables that touch: a split leaves an empty line
                _add_table(out, block, block.rows[half:], merge)
    out.save(target)


def _add_table(out, block: Table, rows: list[list[Cell]], merge: bool) -> None:
    ncols = max(grid_width(block), 1)
    part = Table(block.index, [[replace(c, row=r) for c in row] for r, row in enumerate(rows)], block.layout)
    table = out.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    for r, row in enumerate(part.rows):
        for cell in row:
            lines = cell.value.split("\n")
            target_cell = table.cell(r, cell.col)
            target_cell.text = lines[0]
            for line in lines[1:]:
                target_cell.add_paragraph(line)
    if merge:
        _merge_like_word(table, part, ncols)


def merged_cells_docx(target: str) -> None:
    """A budget table with a two-row header (gridSpan) and a vertically merged category column."""
    out = docx.Document()
    _fixed_core(out)
    out.add_heading("云岭县文化旅游局2023年度部门决算说明", 1)
    out.add_heading("一、收入支出决算总体情况", 2)
    out.add_paragraph("2023年度收入合计1520.40万元，支出合计1520.40万元。其中基本支出610.20万元，项目支出910.20万元。")
    out.add_paragraph("单位：万元")
    table = out.add_table(rows=5, cols=5)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "支出决算"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "备注"
    for c, name in enumerate(["合计", "基本支出", "项目支出"], start=1):
        table.cell(1, c).text = name
    rows = [("文化旅游体育与传媒支出", "1402.10", "540.30", "861.80", ""),
            ("社会保障和就业支出", "118.30", "69.90", "48.40", ""),
            ("总计", "1520.40", "610.20", "910.20", "")]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    out.add_heading("二、其他说明", 2)
    nested_host = out.add_table(rows=1, cols=2)
    nested_host.cell(0, 0).text = "附：资产情况"
    inner = nested_host.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "固定资产原值"
    inner.cell(0, 1).text = "356.20"
    inner.cell(1, 0).text = "累计折旧"
    inner.cell(1, 1).text = "120.15"
    out.add_paragraph("云岭县文化旅游局")
    out.add_paragraph("2024年4月2日")
    out.save(target)


def merged_cells_mismatch_docx(target: str) -> None:
    """The merged-header table with one row whose 合计 is not 基本支出 + 项目支出."""
    merged_cells_docx(target)
    document = docx.Document(target)
    document.tables[0].cell(3, 1).text = "128.30"  # 69.90 + 48.40 = 118.30
    _fixed_core(document)
    document.save(target)


def tracked_changes_docx(target: str) -> None:
    """A paragraph with a tracked insertion and a tracked deletion, and a line break."""
    out = docx.Document()
    _fixed_core(out)
    out.add_heading("修订示例2023年度报告", 1)
    p = out.add_paragraph("本年度支出")
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "审核人")
    run = copy.deepcopy(p.runs[0]._r)
    run.find(qn("w:t")).text = "120.50万元"
    ins.append(run)
    p._p.append(ins)
    dele = OxmlElement("w:del")
    dele.set(qn("w:id"), "2")
    dele.set(qn("w:author"), "审核人")
    drun = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "99.00万元"
    drun.append(dt)
    dele.append(drun)
    p._p.append(dele)
    tail = p.add_run("。")
    tail.add_break()
    p.add_run("第二行。")
    out.save(target)


GB18030_TEXT = """岚山镇2023年度部门整体支出绩效自评报告

一、基本情况
本镇2023年部门总支出860.00万元，其中基本支出420.00万元，项目支出440.00万元。

二、绩效情况
全年完成村道硬化12.5公里，完成率104.17%，计划任务12公里。

岚山镇人民政府
2024年2月20日
"""


def build_all(out: str | None = None) -> list[str]:
    """Build every generated fixture into `out` (default: the repository's fixtures/)."""
    fixtures = os.path.join(ROOT, "fixtures")
    out = out or fixtures
    target = os.path.join(out, "docx")
    os.makedirs(target, exist_ok=True)
    written = []
    for name in ("sample_selfeval_2022.txt", "clean_selfeval_2023.md", "final_accounts_2024.md"):
        dest = os.path.join(target, os.path.splitext(name)[0] + ".docx")
        text_to_docx(os.path.join(fixtures, name), dest)
        written.append(dest)
    dest = os.path.join(target, "autonumber_selfeval_2022.docx")
    text_to_docx(os.path.join(fixtures, "sample_selfeval_2022.txt"), dest, autonumber=True)
    written.append(dest)
    for name, builder in (("merged_cells_2023.docx", merged_cells_docx), ("tracked_changes.docx", tracked_changes_docx),
                          ("merged_cells_mismatch_2023.docx", merged_cells_mismatch_docx)):
        dest = os.path.join(target, name)
        builder(dest)
        written.append(dest)
    for path in written:
        _reproducible(path)
    gb = os.path.join(out, "gb18030_report.txt")
    with open(gb, "wb") as fh:
        fh.write(GB18030_TEXT.encode("gb18030"))
    written.append(gb)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", nargs="?")
    ap.add_argument("target", nargs="?")
    ap.add_argument("--autonumber", action="store_true")
    ap.add_argument("--merge", action="store_true", help="merge label and prose cells as Word users do")
    ap.add_argument("--split", action="store_true", help="continue each table of five or more rows in a second table")
    args = ap.parse_args(argv)
    if args.source:
        if not args.target:
            ap.error("give both IN and OUT")
        text_to_docx(args.source, args.target, args.autonumber, args.merge, args.split)
        print(args.target)
    else:
        for path in build_all():
            print(os.path.relpath(path, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
