"""`reportlint annotate`: a copy of the .docx with a Word comment on each finding.

Each comment is anchored on the exact characters of the finding's evidence: the runs around it
are split where needed (a split run keeps its formatting, being a copy of the original), and the
comment range spans the runs in between. Findings in table cells are anchored on the cell. The
input is never written; the output goes through a temporary file and an atomic rename.
"""
from __future__ import annotations

import copy
import datetime as _dt
import io
from xml.sax.saxutils import escape

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml

from ..files import write_atomic
from ..findings import Finding
from ..model import Document
from ..readers.docx import (
    W_P,
    W_TBL,
    iter_body,
    iter_body_rows,
    iter_row_cells,
    paragraph_text,
)

AUTHOR = "reportlint"
INITIALS = "RL"


def _split_run(r, k: int):
    """Split run element `r` after its k-th character; returns the new right-hand run."""
    right = copy.deepcopy(r)
    pos = 0
    left_nodes, right_nodes = [], []
    for node_l, node_r in zip(list(r), list(right)):
        tag = node_l.tag
        if tag == qn("w:rPr"):
            continue
        length = len(node_l.text or "") if tag == qn("w:t") else (1 if tag in (qn("w:tab"), qn("w:br"), qn("w:cr"),
                                                                              qn("w:noBreakHyphen")) else 0)
        if pos + length <= k:
            right_nodes.append(node_r)  # wholly left: drop from the right copy
        elif pos >= k:
            left_nodes.append(node_l)  # wholly right: drop from the original
        else:  # a w:t straddling the cut
            cut = k - pos
            text = node_l.text
            node_l.text = text[:cut]
            node_r.text = text[cut:]
            for node in (node_l, node_r):
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += length
    for node in left_nodes:
        r.remove(node)
    for node in right_nodes:
        right.remove(node)
    r.addnext(right)
    return right


def _runs_for(p, start: int, end: int) -> list:
    """Run elements covering [start, end) of paragraph p's text, splitting runs at both ends."""
    for point in (start, end):
        _, spans = paragraph_text(p)
        for span in spans:
            if span.start < point < span.end:
                _split_run(span.element, point - span.start)
                break
    _, spans = paragraph_text(p)
    covered = [s.element for s in spans if s.start < end and s.end > start]
    if not covered and spans:
        covered = [min(spans, key=lambda s: abs(s.start - start)).element]
    return covered


class _Locator:
    """Finds the XML of a block the reader saw, walking the body exactly as the reader does."""

    def __init__(self, document):
        self.paragraphs = []
        self.tables = []
        for el in iter_body(document.element.body):
            if el.tag == W_P:
                self.paragraphs.append(el)
            else:
                self._collect_tables(el)

    def _collect_tables(self, tbl) -> None:
        self.tables.append(tbl)
        for tr in iter_body_rows(tbl):
            for tc in iter_row_cells(tr):
                for child in tc:
                    if child.tag == W_TBL:
                        self._collect_tables(child)

    def cell(self, table: int, row: int, cell: int):
        rows = list(iter_body_rows(self.tables[table]))
        return list(iter_row_cells(rows[row]))[cell]


def _anchor_runs(f: Finding, blocks: dict, where: _Locator) -> tuple[list, object] | None:
    """The run elements to comment on for a finding, and the w:p they sit in."""
    block = blocks.get(f.span[0]) if f.span else None
    if block is None:
        return None
    if block.kind != "table":
        if block.docx is None:
            return None
        p = where.paragraphs[block.docx.paragraph]
        prefix = block.docx.prefix  # auto-number characters that are not in the runs
        runs = _runs_for(p, max(0, f.span[2] - prefix), max(0, f.span[3] - prefix))
        return (runs, p) if runs else None
    if f.span[1] is None:
        return None
    cell = next((c for r in block.rows for c in r if (c.row, c.col) == f.span[1]), None)
    if cell is None or cell.docx is None:
        return None
    paras = [el for el in where.cell(block.docx_table, cell.docx.row, cell.docx.cell) if el.tag == W_P]
    runs = [s.element for p in paras for s in paragraph_text(p)[1]]  # table findings: the whole cell
    return (runs, paras[0]) if runs else None


def _clean(text: str) -> str:
    """Characters XML 1.0 allows (a finding may quote control characters of a damaged document)."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")


class _Comments:
    """The w:comments part, written directly: python-docx looks up every existing comment for each
    one it adds, which makes 20 000 findings take minutes; here an id counter makes it linear."""

    def __init__(self, document):
        self.element = document.part._comments_part.element
        ids = [int(x) for x in self.element.xpath("./w:comment/@w:id") if x.lstrip("-").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def remove_own(self, body) -> int:
        """Drop the comments an earlier `reportlint annotate` wrote (author reportlint), with their
        ranges and reference marks: annotating an annotated copy replaces them, never doubles them."""
        own = {c.get(qn("w:id")) for c in self.element.findall(qn("w:comment")) if c.get(qn("w:author")) == AUTHOR}
        if not own:
            return 0
        for c in list(self.element.findall(qn("w:comment"))):
            if c.get(qn("w:id")) in own:
                self.element.remove(c)
        marks = [el for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference")
                 for el in body.iter(qn(tag)) if el.get(qn("w:id")) in own]
        for el in marks:
            parent = el.getparent()
            if el.tag == qn("w:commentReference") and parent.tag == qn("w:r"):
                el, parent = parent, parent.getparent()  # the run that only carries the mark
            parent.remove(el)
        return len(own)

    def add(self, text: str) -> int:
        cid = self.next_id
        self.next_id += 1
        paragraphs = []
        for k, line in enumerate(_clean(text).split("\n")):
            ref = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                   if k == 0 else "")
            paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{ref}'
                              f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
        self.element.append(parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{cid}" w:author="{AUTHOR}" w:initials="{INITIALS}" '
            f'w:date="{self.date}">{"".join(paragraphs)}</w:comment>'))
        return cid


def annotate_docx(model: Document, source: str, target: str, findings: list[Finding]) -> int:
    """Write `target`, a copy of `source` (read as `model`), with one comment per finding.

    A finding that cannot be placed on its own text (an internal error, a block without runs) is
    placed on the document's first run, so every finding still has its comment. Comments of an
    earlier run of reportlint are replaced. Returns the count.
    """
    import docx
    from docx.text.run import Run

    blocks = {b.index: b for b in model.blocks}
    document = docx.Document(source)
    comments = _Comments(document)
    comments.remove_own(document.element.body)
    where = _Locator(document)
    first_runs = next(((paragraph_text(p)[1], p) for p in where.paragraphs if paragraph_text(p)[1]), None)
    placed = 0
    for f in findings:
        found = _anchor_runs(f, blocks, where)
        if found is None:
            if first_runs is None:
                continue
            found = ([first_runs[0][0].element], first_runs[1])
        runs, _ = found
        cid = comments.add(f.note())
        Run(runs[0], None).mark_comment_range(Run(runs[-1], None), cid)
        placed += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(target, buffer.getvalue())
    return placed
