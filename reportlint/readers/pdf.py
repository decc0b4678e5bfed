"""PDF → Document, through PDFium (pypdfium2): the same blocks the .docx reader gives.

- paragraphs in reading order, lines joined across wraps (no space inside Chinese text) and across
  page breaks when a page ends mid-sentence; running headers, footers and page numbers dropped;
- headings from their numbering (一、 （一） 第一部分 …), as in the other readers;
- the table of contents (目录 and the entries after it) kept as `toc` paragraphs, out of the headings;
- ruled tables rebuilt from the drawn lines, merged cells as spans, multi-line cells joined, a table
  continued on the next page stitched to its first part with the repeated header rows dropped;
- text clipped away or drawn off the page is not read (`pdf_page`).

Positions: `Piece.line` is the line number on its page (1-based, top to bottom), `column` the
character in that line; every character also has its page and box (`Text.boxes`).
"""
from __future__ import annotations

import statistics

import regex

from .. import patterns
from ..extract.numbering import entry_key, has_page_number, parse_label, title_like
from ..model import Box, Boxed, Cell, Document, Heading, Paragraph, Piece, Table, Text
from . import ReadError
from .lists import demote_list_items
from .pdf_layout import (
    Grid,
    Line,
    fill_grid,
    find_grids,
    furniture_keys,
    in_columns,
    is_furniture,
    make_lines,
)
from .pdf_page import PageContent, PdfError, open_pdf, read_page
from .toc import MAX_ENTRY, is_toc_title, mark_toc

_SENTENCE_END = "。！？；：!?;:"
_FULL_STOP = "。！？!?"
_TITLE_MAX = 40
_SIZE_GUESS = 12.0  # a body text size, for tolerances before any line is measured
_FULL_PAGE_LINES = 5  # a page with this many long lines shows where full lines end


def read_pdf(path: str) -> Document:
    try:
        pdf = open_pdf(path)
    except PdfError as exc:
        raise ReadError(path, str(exc)) from None
    try:
        pages = [read_page(pdf, i) for i in range(len(pdf))]
    except PdfError as exc:
        raise ReadError(path, str(exc)) from None
    finally:
        pdf.close()
    drawn = sum(len(p.glyphs) for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if drawn == 0 and unmapped == 0:
        raise ReadError(path, "没有文字层（扫描件？）；reportlint 读取文字，不做 OCR 识别")
    if unmapped > drawn:
        raise ReadError(path, f"{drawn + unmapped} 个字符中有 {unmapped} 个所用字体没有 Unicode 映射，"
                              "无法提取文字")
    document = _Builder(path, pages).build()
    for page in pages:
        page.to_user_space()  # laid out upright; located as drawn
    return document


class _Builder:
    def __init__(self, path: str, pages: list[PageContent]):
        self.path = path
        self.pages = pages
        self.blocks: list = []
        self.pending: list[Line] = []  # lines of the paragraph being gathered
        self.pitch = 0.0
        self.columns: dict[int, list[float]] = {}  # table block → its column edges, to stitch a continuation

    # -- pages ----------------------------------------------------------------------------------------
    def build(self) -> Document:
        laid: list[tuple[PageContent, list[Line], list[Grid]]] = []
        for page in self.pages:
            grids = find_grids(page)
            glyphs = page.glyphs
            for grid in grids:
                glyphs = fill_grid(grid, glyphs)
            laid.append((page, make_lines(glyphs, page.number), grids))
        keys = furniture_keys([(p, lines) for p, lines, _ in laid])
        self.pitch = _line_pitch([lines for _, lines, _ in laid])
        toc, toc_first = False, ""
        previous_page_ended_in_table = False
        bodies = [[ln for ln in lines if not is_furniture(page, ln, keys)] for page, lines, _ in laid]
        page_margins = [_margins(lines, page) for lines, (page, _, _) in zip(bodies, laid)]
        right_edge = _document_right(bodies, page_margins)
        for (page, _, grids), lines, margins in zip(laid, bodies, page_margins):
            _number_lines(lines, grids)
            if right_edge is not None and margins[1] < right_edge - 2 * _SIZE_GUESS:
                margins = (margins[0], right_edge)  # no full line on this page: its lines all stop short
            items: list[tuple[float, object]] = [(ln.top, ln) for ln in lines] + [(g.box[3], g) for g in grids]
            items.sort(key=lambda it: -it[0])
            first = True
            for _, item in items:
                if isinstance(item, Grid):
                    self.flush()
                    self.table(item, stitch=first and previous_page_ended_in_table)
                    toc = False
                else:
                    if is_toc_title(item.text):
                        self.flush()
                        self.paragraph([item], role="toc")
                        toc, toc_first = True, ""
                    elif toc and (not first or has_page_number(item.text)) and _toc_entry(item.text, toc_first):
                        toc_first = toc_first or entry_key(item.text)
                        self.paragraph([item], role="toc")
                    else:
                        toc = False
                        if in_columns(item):  # a row of a table drawn without rules: text, but not prose
                            self.flush()
                            self.paragraph([item], role="columns")
                        else:
                            self.line(item, margins, new_page=first)
                first = False
            previous_page_ended_in_table = bool(items) and isinstance(items[-1][1], Grid)
            if previous_page_ended_in_table:
                self.flush()
        self.flush()
        mark_toc(self.blocks)
        demote_list_items(self.blocks)
        return Document(path=self.path, format="pdf", blocks=self.blocks)

    # -- paragraphs -------------------------------------------------------------------------------------
    def line(self, line: Line, margins: tuple[float, float], new_page: bool) -> None:
        if self.pending and self.breaks(self.pending[-1], line, margins, new_page):
            self.flush()
        line.margins = margins
        self.pending.append(line)

    def breaks(self, prev: Line, line: Line, margins: tuple[float, float], new_page: bool) -> bool:
        left, right = margins
        prev_right = prev.margins[1]
        size = max(prev.size, line.size, 1.0)
        if prev.x1 + _wrapped_width(line) < prev_right - 2 * size:
            return True  # the line before stopped short: its paragraph ended there
        if prev.text[-1:] in _FULL_STOP and line.x0 > left + 0.8 * size:
            return True
        if prev.text[-1:] in _FULL_STOP and line.x1 < right - 2 * size and line.text[-1:] not in _SENTENCE_END + "，,、":
            return True  # after a full stop, a short unpunctuated line is a title, not the paragraph's end
        resized = line.size_known and prev.size_known and abs(line.size - prev.size) > 1.0
        if line.x0 > left + 1.2 * size or resized or line.bold != prev.bold or \
                (line.font and prev.font and line.font != prev.font):
            return True  # an indented first line, another font size, weight or face (楷体 headings)
        label = parse_label(line.text)
        if label is not None and prev.text[-1:] in _SENTENCE_END:
            return True
        if new_page:
            return prev.text[-1:] in _FULL_STOP
        gap = prev.bottom - line.top
        pitch = self.pitch or size * 1.5
        return (prev.top - line.top) > 1.45 * pitch and gap > 0.6 * size  # a blank line between

    def flush(self) -> None:
        if self.pending:
            self.paragraph(self.pending)
            self.pending = []

    def paragraph(self, lines: list[Line], role: str | None = None) -> None:
        text = _join(lines)
        if not text.value:
            return
        index = len(self.blocks) + 1
        if role is None:
            label = parse_label(text.value)
            if label is not None and (title_like(text.value[label.end:]) or
                                      label.style == "chapter" and len(text.value) <= _TITLE_MAX):
                title = text.value[label.end:].strip()
                self.blocks.append(Heading(index, text, label.depth, label, title, "label"))
                return
            self.blocks.append(Paragraph(index, text, label))
            return
        self.blocks.append(Paragraph(index, text, None, role=role))

    # -- tables ---------------------------------------------------------------------------------------
    def table(self, grid: Grid, stitch: bool) -> None:
        rows: list[list[Cell]] = [[] for _ in range(grid.n_rows)]
        for gc in grid.cells:
            text = _join(gc.lines, cell=True)
            indent = 0
            if gc.lines:
                first = min(gc.lines, key=lambda ln: -ln.top)
                left_gap, right_gap = first.x0 - gc.box[0], gc.box[2] - first.x1
                if left_gap < right_gap - first.size:  # left-aligned: extra space is indentation (a child row);
                    indent = max(0, int((left_gap - 3) / max(first.size, 1.0)))  # centred text is not
            rows[gc.row].append(Cell(text, gc.row, gc.col, gc.row_span, gc.col_span, indent=indent))
        previous = self.blocks[-1] if self.blocks else None
        edges = self.columns.get(previous.index) if isinstance(previous, Table) else None
        onto = _column_map(edges, grid.xs) if stitch and edges is not None else None
        if onto is not None:
            repeated = _repeated_header(previous.rows, rows)
            offset = len(previous.rows) - repeated
            for row in rows[repeated:]:
                for cell in row:
                    cell.row += offset
                    # a continuation drawn with fewer rules (a 合计 row across the code columns) keeps
                    # the first part's grid: its cells span the columns their rules enclose
                    cell.col, cell.col_span = onto[cell.col], onto[cell.col + cell.col_span] - onto[cell.col]
                previous.rows.append(row)
            return
        index = len(self.blocks) + 1
        self.blocks.append(Table(index, rows, "pdf"))
        self.columns[index] = grid.xs


# Punctuation a line may not start with (Chinese line breaking): the character before it wraps too.
_NOT_LINE_START = "、。，,．.：:；;？?！!）)］]｝}」』〉》】〕”’…%％"
_UNBREAKABLE = patterns.compile(
    rf"^(?:[0-9A-Za-z.,，%．％]+(?:万元|亿元|元)?[{regex.escape(_NOT_LINE_START)}]*|\S[{regex.escape(_NOT_LINE_START)}]+)")


def _wrapped_width(line: Line) -> float:
    """Width of what had to wrap as one piece at the start of a line — a number or Latin word, or a
    character with the punctuation that may not start a line ("元、"): the line before it may stop
    that much short and still run on."""
    m = _UNBREAKABLE.match(line.text)
    if not m:
        return 0.0
    glyphs = [g for g in line.chars[:m.end()] if g is not None]
    return glyphs[-1].x1 - glyphs[0].x0 if glyphs else 0.0


def _column_map(edges: list[float], xs: list[float]) -> list[int] | None:
    """For a table continued on the next page: the first part's column edge each of the continuation's
    edges lies on (within 3 pt), when every one does and both tables span the same width; else None."""
    if len(xs) < 2 or abs(edges[0] - xs[0]) > 3 or abs(edges[-1] - xs[-1]) > 3:
        return None
    onto = []
    for x in xs:
        k = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
        if abs(edges[k] - x) > 3 or (onto and k <= onto[-1]):
            return None
        onto.append(k)
    return onto


def _repeated_header(first: list[list[Cell]], more: list[list[Cell]]) -> int:
    """How many leading rows of a continuation repeat the first part's header rows."""
    k = 0
    while k < len(more) and k < len(first) and k < 4:
        a = [(c.col, c.value) for c in first[k]]
        b = [(c.col, c.value) for c in more[k]]
        if a != b or not any(v for _, v in a):
            break
        k += 1
    return k


def _join(lines: list[Line], cell: bool = False) -> Text:
    """One Text from lines: wraps joined without a space between Chinese characters."""
    lines = sorted(lines, key=lambda ln: (-round(ln.top), ln.x0)) if cell else lines
    out: list[str] = []
    pieces: list[Piece] = []
    boxes: list[Boxed] = []
    offset = 0
    for k, line in enumerate(lines):
        if k and out:
            prev = out[-1][-1:]
            if prev.isascii() and prev.isalpha() and line.text[:1].isascii() and line.text[:1].isalpha():
                # two English words; a number wrapped mid-digits ("2940.8|3") joins without a space
                out.append(" ")
                boxes.append(boxes[-1])
                offset += 1
        pieces.append(Piece(offset, line.number, 1))
        out.append(line.text)
        last: Boxed = Box(line.page, line.x0, line.bottom, line.x0, line.top)  # a space before any glyph
        for g in line.chars:
            if g is not None:
                last = g  # a glyph is its own box (rounded where shown: Text.region)
            boxes.append(last)
        offset += len(line.text)
    return Text("".join(out), tuple(pieces), tuple(boxes))


def _number_lines(lines: list[Line], grids: list[Grid]) -> None:
    """Number every line of a page top to bottom, body and table lines alike, as a reader counts them."""
    everything = list(lines) + [ln for g in grids for c in g.cells for ln in c.lines]
    everything.sort(key=lambda ln: (-round(ln.top), ln.x0))
    number = 0
    last_top = None
    for ln in everything:
        if last_top is None or abs(ln.top - last_top) > 0.5 * ln.size:
            number += 1
            last_top = ln.top
        ln.number = number


def _margins(lines: list[Line], page: PageContent) -> tuple[float, float]:
    """The body's left edge (most common line start) and right edge (where full lines end)."""
    body = [ln for ln in lines if len(ln.text) >= 8]
    if not body:
        return (min((ln.x0 for ln in lines), default=0.0), page.width)
    lefts = sorted(round(ln.x0) for ln in body)
    left = statistics.mode(lefts)
    left = min(x for x in lefts if x >= left - 1.5)
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    return float(left), right


def _document_right(bodies: list[list[Line]], margins: list[tuple[float, float]]) -> float | None:
    """Where full lines end on the pages that have enough prose to say (median over them)."""
    rights = sorted(m[1] for lines, m in zip(bodies, margins)
                    if sum(len(ln.text) >= 8 for ln in lines) >= _FULL_PAGE_LINES)
    return rights[len(rights) // 2] if rights else None


def _line_pitch(pages: list[list[Line]]) -> float:
    """The most common distance between consecutive lines of a paragraph."""
    steps = []
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            d = a.top - b.top
            if 0 < d < 4 * max(a.size, 1.0) and abs(a.size - b.size) < 0.5:
                steps.append(round(d))
    if not steps:
        return 0.0
    return float(statistics.mode(steps))


def _toc_entry(text: str, first: str) -> bool:
    """Can this line on a TOC page still be an entry? Not a sentence, and not the first entry again
    (the body starting on the TOC's page repeats it as its first heading)."""
    return "。" not in text and len(text) <= MAX_ENTRY and not (first and entry_key(text) == first)
