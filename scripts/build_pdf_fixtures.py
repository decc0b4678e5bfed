#!/usr/bin/env python3
"""Build the PDF fixtures (reportlab, dev extra), reproducibly: `python scripts/build_pdf_fixtures.py [DIR]`.

final_2024.pdf models a 部门决算 as published: a TOC page, running header and page numbers, body text
wrapped across lines and across a page break, a ruled table with merged header cells continued on
the next page (header rows repeated), a unit line above it, text that overflows its clip (drawn but
invisible, as Excel-exported pages have) and text drawn off the page. It carries planted slips: a
change rate that does not follow from its numbers, a doubled 。。 and a year compared with itself.
scan.pdf has no text layer, encrypted.pdf needs a password.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FONT = "STSong-Light"
W, H = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
SIZE = 12.0


def _canvas(path: str, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(path, pagesize=(W, H), invariant=1, **kw)


class _Writer:
    def __init__(self, c, header: str = "某区某局2024年度部门决算"):
        self.c = c
        self.header = header  # the running header of every page
        self.page = 1
        self.y = H - 90

    def furniture(self) -> None:
        self.c.setFont(FONT, 9)
        self.c.drawString(LEFT, H - 40, self.header)
        self.c.drawCentredString(W / 2, 30, f"- {self.page} -")

    def new_page(self) -> None:
        self.furniture()
        self.c.showPage()
        self.page += 1
        self.y = H - 90

    def line(self, text: str, x: float = LEFT, size: float = SIZE) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, self.y, text)
        self.y -= size * 1.6

    def paragraph(self, text: str, indent: bool = True, break_after: int | None = None) -> None:
        """Wrap at the right margin, first line indented two characters; optionally force a page
        break after `break_after` lines (a paragraph continued on the next page)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines, current = [], ""
        for ch in text:  # fill each line to the right margin, as a word processor does
            room = RIGHT - LEFT - (2 * SIZE if indent and not lines else 0)
            if stringWidth(current + ch, FONT, SIZE) > room:
                lines.append(current)
                current = ""
            current += ch
        lines.append(current)
        for k, part in enumerate(lines):
            if break_after is not None and k == break_after:
                self.new_page()
            self.line(part, LEFT + (2 * SIZE if indent and k == 0 else 0))
        self.y -= SIZE * 0.6


def _cell_lines(text: str, room: float) -> list[str]:
    """A cell's text wrapped to the cell's width, as a spreadsheet or word processor wraps it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for ch in text:
        if current and stringWidth(current + ch, FONT, 10) > room:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current or not lines else lines


_LINE_H, _PAD = 12.0, 10.0  # a table's text line, and a row's room above and below its text


def _laid_out(rows: list[list[str]], widths: list[float], merges: dict[tuple[int, int], int]) -> list[list[tuple]]:
    """Each row's cells as (left, right, numeric, lines): merged cells span their columns, text wraps."""
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    out = []
    for r, row in enumerate(rows):
        cells = []
        col = 0
        while col < len(widths):
            span = merges.get((r, col), 1)
            x0, x1 = xs[col], xs[col + span]
            text = row[col]
            numeric = bool(text) and (text[0].isdigit() or text[0] == "-")
            cells.append((x0, x1, numeric, [text] if numeric else _cell_lines(text, x1 - x0 - 6)))
            col += span
        out.append(cells)
    return out


def _row_height(cells: list[tuple]) -> float:
    return _PAD + _LINE_H * max(len(lines) for _, _, _, lines in cells)


def _table(c, top: float, rows: list[list[str]], widths: list[float], merges: dict[tuple[int, int], int],
           open_bottom: bool = False) -> float:
    """Draw a ruled table (cells as Excel exports them: each edge its own segment); returns its bottom.
    A text wider than its cell wraps, and its row grows. `open_bottom`: no rule under the last row, as
    a page break leaves a table that goes on."""
    c.setLineWidth(0.5)
    y1 = top
    for r, cells in enumerate(_laid_out(rows, widths, merges)):
        y0 = y1 - _row_height(cells)
        for x0, x1, numeric, lines in cells:
            c.line(x0, y1, x1, y1)
            if not (open_bottom and r == len(rows) - 1):
                c.line(x0, y0, x1, y0)
            c.line(x0, y0, x0, y1)
            c.line(x1, y0, x1, y1)
            c.setFont(FONT, 10)
            for k, text in enumerate(lines):
                y = y1 - 15 - k * _LINE_H
                if len(text) == 1:
                    text += " "  # PDFium skips a text object of one character of a font not embedded
                if numeric:
                    c.drawRightString(x1 - 3, y, text)
                else:
                    c.drawString(x0 + 3, y, text)
        y1 = y0
    return y1


def build_final(path: str) -> None:
    c = _canvas(path)
    w = _Writer(c)
    c.setFont(FONT, 18)
    c.drawCentredString(W / 2, H - 90, "某区某局2024年度部门决算")
    w.y = H - 140
    w.line("目录", x=W / 2 - SIZE, size=14)
    for entry in ("第一部分 部门概况", "一、主要职能", "第二部分 2024年度部门决算表", "一、收入决算表",
                  "第三部分 2024年度部门决算情况说明", "一、收入决算情况说明", "二、支出决算情况说明"):
        w.line(entry, x=LEFT + (0 if entry.startswith("第") else SIZE))
    w.new_page()

    w.line("第一部分 部门概况", size=14)
    w.line("一、主要职能")
    w.paragraph("某区某局是负责全区某项行政管理工作的区政府工作部门，主要职责是：贯彻执行国家和本市有关法律法规，"
                "拟订本区相关规划和政策并组织实施，承担区政府交办的其他任务。")
    # overflow of an Excel-exported page: drawn, clipped away, never seen
    c.saveState()
    p = c.beginPath()
    p.rect(LEFT, w.y - 4, RIGHT - LEFT, SIZE + 6)
    c.clipPath(p, stroke=0, fill=0)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, w.y, "本局设办公室、综合科和业务科三个内设机构。")
    c.drawString(LEFT, w.y - 40, "（二）这一行在剪裁区域之外，看不见。")
    c.restoreState()
    w.y -= SIZE * 2
    c.setFont(FONT, SIZE)
    c.drawString(W + 40, 400, "画在页面之外的文字")
    w.line("第二部分 2024年度部门决算表", size=14)
    w.line("一、收入决算表")
    w.line("单位：万元", x=RIGHT - 60, size=10)
    header = [["项目", "", "本年收入合计", "财政拨款收入", "其他收入"],
              ["科目编码", "科目名称", "", "", ""]]
    merges = {(0, 0): 2}
    body = [["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"],
            ["20106", "财政事务", "2,112.86", "2,106.66", "6.20"],
            ["208", "社会保障和就业支出", "326.72", "326.72", ""],
            ["20805", "行政事业单位养老支出", "326.72", "326.72", ""]]
    more = [["210", "卫生健康支出", "60.99", "60.99", ""],
            ["221", "住房保障支出", "446.46", "446.46", ""],
            ["合计", "", "2,947.03", "2,940.83", "6.20"]]
    _table(c, w.y, header + body, [70, 170, 70, 70, 70], merges)
    w.new_page()
    bottom = _table(c, H - 90, header + more, [70, 170, 70, 70, 70], {**merges, (4, 0): 2})
    w.y = bottom - 30
    w.line("第三部分 2024年度部门决算情况说明", size=14)
    w.line("一、收入决算情况说明")
    w.paragraph("2024年度收入总计2947.03万元，比2023年度增加56.95万元，增长2.10%。主要原因是人员经费增加。。"
                "与2024年度相比，其他收入持平。本年收入中财政拨款收入2940.83万元，占本年收入的99.79%；其他收入6.20万元，"
                "占本年收入的0.21%。", break_after=4)
    w.line("二、支出决算情况说明")
    w.paragraph("2024年度支出总计2947.03万元，比2023年度增加56.95万元，增长1.97%。")
    w.furniture()
    c.showPage()
    c.save()


def build_open_row(path: str) -> None:
    """A table of counts broken over two pages, its last row on the first page left without a rule
    under it (as word processors draw a row the page break cuts), no header repeated on the second."""
    c = _canvas(path)
    w = _Writer(c)
    w.line("三、收到和处理申请情况")
    widths = [200, 80, 80, 80]
    head = [["办理结果", "自然人", "法人或其他组织", "总计"]]
    first = [["（一）予以公开", "5", "1", "6"], ["（二）部分公开", "2", "0", "2"], ["（三）不予公开", "1", "0", "1"]]
    _table(c, w.y, head + first, widths, {}, open_bottom=True)
    w.new_page()
    more = [["（四）无法提供", "3", "1", "4"], ["（五）总计", "11", "2", "13"]]
    _table(c, H - 90, more, widths, {})
    c.showPage()
    c.save()


def build_total_alone(path: str) -> None:
    """A table whose 合计 row falls alone on the next page, its label drawn across the code and name
    columns, so that page has fewer column rules than the first (as 部门预算 PDFs print them)."""
    c = _canvas(path)
    w = _Writer(c)
    w.line("一、一般公共预算支出功能分类预算表")
    w.line("单位：万元", x=RIGHT - 60, size=10)
    widths = [70, 170, 70, 70, 70]
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [["201", "一般公共服务支出", "120.00", "100.00", "20.00"],
            ["20101", "人大事务", "120.00", "100.00", "20.00"],
            ["208", "社会保障和就业支出", "30.00", "30.00", ""],
            ["20805", "行政事业单位养老支出", "30.00", "30.00", ""]]
    _table(c, w.y, head + body, widths, {}, open_bottom=True)
    w.new_page()
    _table(c, H - 90, [["合计", "", "150.00", "130.00", "20.00"]], widths, {(0, 0): 2})
    c.showPage()
    c.save()


def build_unruled(path: str) -> None:
    """A 收入支出决算总表 set in columns without any rule (a word-processor table without borders):
    its rows open with 一、 二、 … and end in figures, and the sections around it are numbered too."""
    c = _canvas(path)
    w = _Writer(c)
    w.line("一、收入支出决算总表")
    w.line("单位：万元", x=RIGHT - 60, size=10)
    columns = (LEFT, LEFT + 190, LEFT + 250)  # 项目 | 行次 | 金额
    rows = [("项目", "行次", "金额"), ("一、一般公共预算财政拨款收入", "1", "2,345.67"), ("二、事业收入", "2", "120.00"),
            ("三、经营收入", "3", ""), ("四、其他收入", "4", "34.33"), ("本年收入合计", "5", "2,500.00")]
    for row in rows:
        c.setFont(FONT, SIZE)
        for x, text in zip(columns, row):
            c.drawString(x, w.y, text)
        w.y -= SIZE * 1.6
    w.line("二、支出决算表")
    w.paragraph("本年支出合计2,370.00万元，其中基本支出1,500.00万元，项目支出870.00万元。")
    w.line("三、财政拨款收入支出决算总表")
    w.paragraph("本年财政拨款收入2,345.67万元。")
    c.showPage()
    c.save()


def build_turned(path: str) -> None:
    """A statutory table printed sideways, as Distiller's auto-rotate and virtual printers publish
    landscape pages: the table is drawn turned on a portrait page and /Rotate shows it upright. Page 2
    turns it a quarter counter-clockwise (/Rotate 90), page 3 clockwise (/Rotate 270), page 4 upside
    down (/Rotate 180). The parent row 201 is planted 100.40 above its two children on every page.
    Names are drawn in one cell with their codes: PDFium drops a sideways text object of a font it
    has no glyph boxes for (the non-embedded test font) unless a digit gives it one."""
    import pypdfium2 as pdfium

    c = _canvas(path)
    w = _Writer(c)
    w.line("一、2024年度一般公共预算财政拨款支出决算情况")
    w.paragraph("2024年度一般公共预算财政拨款支出1000.40万元，详见下表。")
    c.showPage()
    rows = [["合计 1", "1,000.40", "800.00", "200.40"],
            ["201 一般公共服务支出", "1,000.40", "800.00", "200.40"],
            ["20101 人大事务", "600.00", "500.00", "100.00"],
            ["20102 政协事务", "300.00", "300.00", "0.00"]]
    for angle in (90, -90, 180):
        c.saveState()
        c.translate(*{90: (W, 0), -90: (0, H), 180: (W, H)}[angle])
        c.rotate(angle)
        wide, high = (W, H) if angle == 180 else (H, W)  # the page as the reader sees it
        c.setFont(FONT, 14)
        c.drawCentredString(wide / 2, high - 60, "2024年度一般公共预算财政拨款支出决算表")
        c.setFont(FONT, 10)
        c.drawString(wide - 150, high - 80, "单位：万元 2024")
        _table(c, high - 90, rows, [170, 100, 100, 100], {})
        c.restoreState()
        c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(path)
    for index, rotation in ((1, 90), (2, 270), (3, 180)):
        pdf[index].set_rotation(rotation)
    pdf.save(path + ".tmp")
    pdf.close()
    os.replace(path + ".tmp", path)


def build_scan(path: str) -> None:
    c = _canvas(path)
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()


def build_encrypted(path: str) -> None:
    from reportlab.lib import pdfencrypt

    c = _canvas(path, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.setFont(FONT, 12)
    c.drawString(72, 700, "加密文件")
    c.showPage()
    c.save()


def _widths(rows: list[list[str]], merges: dict[tuple[int, int], int] | None = None) -> list[float]:
    """Column widths in proportion to the longest text of each column (a code column stays narrow); a
    cell merged across columns counts its share in each."""
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)  # a Chinese character is two digits wide

    merges = merges or {}
    longest = [2] * len(rows[0])
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            span = merges.get((r, k), 1)
            for col in range(k, k + span):
                longest[col] = max(longest[col], -(-width(text) // span))
    unit = (RIGHT - LEFT) / sum(n + 2 for n in longest)
    return [(n + 2) * unit for n in longest]


def text_to_pdf(source: str, target: str) -> None:
    """A report written in markdown (headings, paragraphs, pipe tables) set as a PDF: paragraphs
    wrapped at the margin, tables ruled; a new page when the next block would not fit."""
    sys.path.insert(0, ROOT)
    from reportlint.model import Heading, Table
    from reportlint.readers import read_document

    doc = read_document(source)
    c = _canvas(target)
    w = _Writer(c, doc.facts.title)
    for block in doc.blocks:
        if isinstance(block, Table):
            ncols = max(cell.col + cell.col_span for row in block.rows for cell in row)
            rows = [[""] * ncols for _ in block.rows]
            merges = {}  # a .docx source's cells merged across columns stay merged
            for r, row in enumerate(block.rows):
                for cell in row:
                    rows[r][cell.col] = cell.value
                    if cell.col_span > 1:
                        merges[(r, cell.col)] = cell.col_span
            widths = _widths(rows, merges)
            if w.y - sum(_row_height(cells) for cells in _laid_out(rows, widths, merges)) < 60:
                w.new_page()
            w.y = _table(c, w.y + SIZE, rows, widths, merges) - SIZE * 1.6
            continue
        if w.y < 100:
            w.new_page()
        if isinstance(block, Heading):
            w.line(block.text.value, size=14)
        else:
            w.paragraph(block.text.value, indent=len(block.text.value) > 30)
    w.furniture()
    c.showPage()
    c.save()


def build(folder: str) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    made = []
    for name, fn in (("final_2024.pdf", build_final), ("scan.pdf", build_scan), ("encrypted.pdf", build_encrypted),
                     ("open_row.pdf", build_open_row), ("total_alone.pdf", build_total_alone),
                     ("turned.pdf", build_turned), ("unruled.pdf", build_unruled)):
        target = os.path.join(folder, name)
        fn(target)
        made.append(target)
    target = os.path.join(folder, "final_accounts_2024.pdf")
    text_to_pdf(os.path.join(ROOT, "fixtures", "final_accounts_2024.md"), target)
    made.append(target)
    return made


if __name__ == "__main__":
    for path in build(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "pdf")):
        print(path)
