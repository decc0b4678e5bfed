"""`reportlint annotate report.pdf`: a copy of the PDF with a highlight and a note on each finding.

Each finding becomes a Highlight annotation over the characters of its evidence (one quadrilateral
per drawn line, so a two-line figure is not one tall box), holding the message and 应为/实为 in its
Contents — what PDF viewers show when the highlight is pointed at or opened. The other end of a
comparison (a table cell, the earlier statement) gets a second, blue highlight that names the
finding. A finding without a place on a page (a document-level one) becomes a sticky note at the
top of page 1. Annotations an earlier run of reportlint wrote (author "reportlint") are replaced,
never doubled. The input is never written; the output goes through an atomic rename.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
from dataclasses import dataclass

from ..files import write_atomic
from ..findings import Finding
from ..model import Boxed, Document, Text
from ..readers.pdf_page import open_pdf

AUTHOR = "reportlint"
_YELLOW = (255, 210, 0, 110)
_BLUE = (90, 170, 255, 90)
_NOTE = (255, 170, 0, 255)


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation to draw: a page, the line boxes to highlight (none: a sticky note), a text."""

    page: int  # 1-based
    quads: tuple[tuple[float, float, float, float], ...]
    text: str
    color: tuple[int, int, int, int]


def line_boxes(boxes: tuple[Boxed, ...]) -> dict[int, list[tuple[float, float, float, float]]]:
    """The characters' boxes merged into one box per drawn line, by page. A new line starts where
    the next character is on another page, left of the previous one, or not beside it vertically."""
    out: dict[int, list[list[float]]] = {}
    current: list[float] | None = None
    last: Boxed | None = None
    for b in boxes:
        if b.x1 <= b.x0 and b.y1 <= b.y0:
            continue  # a stand-in box for a character PDFium did not draw
        beside = (last is not None and b.page == last.page and b.x0 >= last.x0 - 1
                  and min(b.y1, last.y1) - max(b.y0, last.y0) > 0.4 * min(b.y1 - b.y0, last.y1 - last.y0))
        if beside and current is not None:
            current[0], current[1] = min(current[0], b.x0), min(current[1], b.y0)
            current[2], current[3] = max(current[2], b.x1), max(current[3], b.y1)
        else:
            current = [b.x0, b.y0, b.x1, b.y1]
            out.setdefault(b.page, []).append(current)
        last = b
    return {page: [tuple(q) for q in quads] for page, quads in out.items()}


def _text_of(f: Finding, blocks: dict) -> Text | None:
    if f.span is None or f.span[0] not in blocks:
        return None
    block = blocks[f.span[0]]
    if f.span[1] is None:
        return next(block.units()).text if block.kind != "table" else None
    return next((c.text for row in block.rows for c in row if (c.row, c.col) == f.span[1]), None)


def marks_for(f: Finding, blocks: dict) -> list[Mark]:
    """The annotations for one finding: its evidence, then the other end of a comparison."""
    marks: list[Mark] = []
    text = _text_of(f, blocks)
    if text is not None and text.boxes:
        start, end = f.span[2], max(f.span[3], f.span[2] + 1)
        for page, quads in line_boxes(text.boxes[start:end]).items():
            marks.append(Mark(page, tuple(quads), f.note(), _YELLOW))
    if not marks and f.location.page is not None and f.location.box is not None:
        marks.append(Mark(f.location.page, (f.location.box,), f.note(), _YELLOW))
    if not marks:
        marks.append(Mark(1, (), f.note(), _NOTE))
    for r in f.related:
        if r.location.page is not None and r.location.box is not None:
            where = f"第{marks[0].page}页" if marks[0].page != r.location.page else "本页"
            marks.append(Mark(r.location.page, (r.location.box,),
                              f"{f.rule} 对照（{where}的问题）：{f.message}" + (f"\n{r.note}" if r.note else ""),
                              _BLUE))
    return marks


def _wide(text: str):
    """A FPDF_WIDESTRING: UTF-16LE, NUL-terminated."""
    data = (text + "\0").encode("utf-16-le", "surrogatepass")
    buffer = ctypes.create_string_buffer(data, len(data))
    return buffer, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))


def _string_value(raw, annot, key: bytes) -> str:
    size = raw.FPDFAnnot_GetStringValue(annot, key, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetStringValue(annot, key, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[:size - 2].decode("utf-16-le", "replace")


def _remove_own(raw, page) -> int:
    removed = 0
    for i in reversed(range(raw.FPDFPage_GetAnnotCount(page))):
        annot = raw.FPDFPage_GetAnnot(page, i)
        try:
            own = _string_value(raw, annot, b"T") == AUTHOR
        finally:
            raw.FPDFPage_CloseAnnot(annot)
        if own and raw.FPDFPage_RemoveAnnot(page, i):
            removed += 1
    return removed


def _set(raw, annot, key: bytes, value: str) -> None:
    buffer, pointer = _wide(value)  # the buffer is kept alive until PDFium has copied it
    raw.FPDFAnnot_SetStringValue(annot, key, pointer)
    del buffer


def _draw(raw, page, mark: Mark, crop: tuple[float, float, float, float], serial: int, date: str) -> None:
    left, bottom, right, top = crop
    if mark.quads:
        annot = raw.FPDFPage_CreateAnnot(page, raw.FPDF_ANNOT_HIGHLIGHT)
        for x0, y0, x1, y1 in mark.quads:
            raw.FPDFAnnot_AppendAttachmentPoints(annot, raw.FS_QUADPOINTSF(x0, y1, x1, y1, x0, y0, x1, y0))
        x0 = min(q[0] for q in mark.quads)
        y0 = min(q[1] for q in mark.quads)
        x1 = max(q[2] for q in mark.quads)
        y1 = max(q[3] for q in mark.quads)
    else:  # a sticky note in the top-left margin
        annot = raw.FPDFPage_CreateAnnot(page, raw.FPDF_ANNOT_TEXT)
        x0, y1 = left + 8, top - 8
        x1, y0 = x0 + 20, y1 - 20
    try:
        raw.FPDFAnnot_SetRect(annot, raw.FS_RECTF(x0, y1, x1, y0))
        raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, *mark.color)
        raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)
        _set(raw, annot, b"Contents", mark.text)
        _set(raw, annot, b"T", AUTHOR)
        _set(raw, annot, b"NM", f"reportlint-{serial}")
        _set(raw, annot, b"M", date)
    finally:
        raw.FPDFPage_CloseAnnot(annot)


def annotate_pdf(model: Document, source: str, target: str, findings: list[Finding]) -> int:
    """Write `target`, a copy of `source` (read as `model`), with the marks of every finding.
    Returns the number of findings placed (every finding is: at worst as a note on page 1)."""
    import io

    import pypdfium2.raw as raw

    blocks = {b.index: b for b in model.blocks}
    date = _dt.datetime.now(_dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    by_page: dict[int, list[Mark]] = {}
    for f in findings:
        for mark in marks_for(f, blocks):
            by_page.setdefault(mark.page, []).append(mark)
    pdf = open_pdf(source)
    try:
        serial = 0
        for index in range(len(pdf)):  # one page loaded at a time: memory stays that of one page
            page = pdf[index]
            try:
                _remove_own(raw, page.raw)
                for mark in by_page.get(index + 1, ()):
                    serial += 1
                    _draw(raw, page.raw, mark, page.get_cropbox(), serial, date)
            finally:
                page.close()
        buffer = io.BytesIO()
        pdf.save(buffer)
    finally:
        pdf.close()
    write_atomic(target, buffer.getvalue())
    return len(findings)
