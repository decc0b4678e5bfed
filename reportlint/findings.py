"""Findings: what a rule reports, where, and with what evidence."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .extract.labels import clause_bounds
from .model import Cell, Document, Table, Text, Unit

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}  # in every human-readable format
CATEGORIES = ("totals", "units", "consistency", "percentages", "dates", "duplicates", "headings", "wording")


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int
    end_line: int
    end_column: int
    block: int
    table: int | None = None  # 1-based table number in the document
    row: int | None = None  # 1-based
    cell: int | None = None  # 1-based grid column
    page: int | None = None  # PDF: 1-based page
    box: tuple[float, float, float, float] | None = None  # PDF: x0, y0, x1, y1 in points, origin bottom-left
    where: str = ""  # as a reader finds it: 第12页第3行, 三、… › 第2段 (Word), 表2 第4行第3列

    def to_json(self) -> dict[str, Any]:
        out = {"line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
               "block": self.block, "table": self.table, "row": self.row, "cell": self.cell, "where": self.where}
        if self.page is not None:
            out["page"] = self.page
            out["box"] = list(self.box) if self.box else None
        return out


@dataclass(frozen=True, slots=True)
class Related:
    evidence: str
    location: Location
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"evidence": self.evidence, "location": self.location.to_json()}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(slots=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    evidence: str
    location: Location
    expected: str | None = None
    actual: str | None = None
    related: list[Related] = field(default_factory=list)
    fingerprint: str = ""
    path: str = ""
    url: str | None = None
    # Where the evidence sits inside its unit (not serialised): the block, the cell (row, col) for
    # table text, and the [start, end) offsets in that unit's text. HTML and docx output use it.
    span: tuple[int, tuple[int, int] | None, int, int] | None = None
    # The sentence around the evidence and the evidence's [start, end) in it (not serialised): what
    # the text output underlines where the source has no lines of its own (Word, PDF).
    context: tuple[str, int, int] | None = None

    def comparison(self) -> str:
        """"应为：X；实为：Y" with whichever side exists; "" when neither does (never "None")."""
        parts = [f"{name}：{value}" for name, value in (("应为", self.expected), ("实为", self.actual))
                 if value is not None]
        return "；".join(parts)

    def note(self) -> str:
        """The text of a Word comment or a PDF note: code and message, then 应为/实为 when known."""
        comparison = self.comparison()
        return f"{self.rule} {self.message}" + (f"\n{comparison}" if comparison else "")

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "name": self.name, "category": self.category, "severity": self.severity,
                "message": self.message, "evidence": self.evidence, "expected": self.expected,
                "actual": self.actual, "location": self.location.to_json(),
                "related": [r.to_json() for r in self.related], "fingerprint": self.fingerprint}

    def sort_key(self) -> tuple:
        return (self.location.line, self.location.column, self.rule)


class Anchor:
    """A span of text inside one unit (paragraph, heading or cell) of a document."""

    __slots__ = ("unit", "start", "end")

    def __init__(self, unit: Unit, start: int = 0, end: int | None = None):
        self.unit = unit
        self.start = start
        self.end = len(unit.text.value) if end is None else end

    @classmethod
    def of_block(cls, block, start: int = 0, end: int | None = None) -> "Anchor":
        """A span of a heading's or paragraph's text (the whole text by default)."""
        return cls(next(block.units()), start, end)

    @classmethod
    def of_cell(cls, table: Table, cell: Cell) -> "Anchor":
        """A whole table cell, in the table the source shows it in."""
        table, cell = table.source(cell)
        return cls(Unit(table, cell.text, cell))

    @property
    def evidence(self) -> str:
        return self.unit.text.value[self.start:self.end]

    def context(self, reach: int = 60) -> tuple[str, int, int]:
        """The clause the evidence sits in (cut at 。；！？ or a line break, at most `reach` characters
        either side, its closing stop kept), and where the evidence starts and ends in it."""
        value = self.unit.text.value
        lo = max(clause_bounds(value, self.start)[0], self.start - reach)
        hi = min(clause_bounds(value, max(self.start, self.end - 1))[1], self.end + reach)
        if hi < len(value) and value[hi] != "\n" and hi < self.end + reach:
            hi += 1  # the stop that ends the clause
        return value[lo:hi], self.start - lo, self.end - lo

    def location(self, document: Document) -> Location:
        text: Text = self.unit.text
        line, col = text.position(self.start)
        end_line, end_col = text.position(self.end)
        block = self.unit.block
        cell: Cell | None = self.unit.cell
        page, box = text.region(self.start, self.end) or (None, None)
        in_table = isinstance(block, Table) and cell is not None
        where = document.place(block, text, self.start, cell if in_table else None)
        if in_table:
            number = table_number(document, block)
            return Location(line, col, end_line, end_col, block.index, number, cell.row + 1, cell.col + 1, page, box,
                            where)
        return Location(line, col, end_line, end_col, block.index, page=page, box=box, where=where)


def table_number(document: Document, table: Table) -> int:
    return document.table_numbers.get(table.index, 0)


def normalise_evidence(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(rule: str, heading_path: tuple[str, ...], evidence: str) -> str:
    """Stable across edits elsewhere: rule + the headings above + the evidence, not line numbers."""
    key = "\x1f".join([rule, *(normalise_evidence(h) for h in heading_path), normalise_evidence(evidence)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def display_width(text: str) -> int:
    """Terminal columns: CJK wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# C0 and C1 controls (but tab) shown as \xNN: a report's text or a file name never moves the
# terminal's cursor, changes its colours or breaks a `path:line:col` line in two.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x09), *range(0x0a, 0x20), 0x7f, *range(0x80, 0xa0))}


def printable(text: str) -> str:
    return text.translate(_CONTROLS)


def display_path(path: str) -> str:
    """A file name as every output shows it: valid UTF-8 (bytes that are not are shown \\xNN) and
    no control characters."""
    return printable(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
