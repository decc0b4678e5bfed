"""The document model every reader produces and every check reads.

A document is an ordered list of blocks (headings, paragraphs, tables). Every piece of text keeps a
map back to its source, so a finding can name the exact line and column (text files) or the exact
paragraph / table / row / cell and characters (.docx).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Protocol, Union

if TYPE_CHECKING:  # pragma: no cover
    from .extract.numbering import Label


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a Text that comes from one place in the source.

    `offset` is where the stretch starts inside Text.value; `line`/`column` (1-based, code points)
    are where it starts in the source. Inside a piece, positions advance one column per character.
    """

    offset: int
    line: int
    column: int


class Boxed(Protocol):
    """Where a character is drawn on a PDF page: 1-based page, PDF user space (points, origin
    bottom-left). The PDF reader's glyphs are such boxes; `Box` is one made by hand."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Box:
    """A `Boxed` of its own."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Text:
    """A string plus the map from its characters back to source positions.

    PDF text also carries `boxes`, one per character, so a finding can name its page and the box
    of its evidence (and an annotated copy can highlight it).
    """

    value: str
    pieces: tuple[Piece, ...]
    boxes: tuple[Boxed, ...] | None = None

    @classmethod
    def at(cls, value: str, line: int, column: int = 1) -> "Text":
        return cls(value, (Piece(0, line, column),))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at `offset` (an end offset maps past the last char)."""
        if not self.pieces:
            return (0, 0)
        starts = [p.offset for p in self.pieces]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        piece = self.pieces[i]
        return (piece.line, piece.column + (offset - piece.offset))

    def region(self, start: int, end: int) -> tuple[int, tuple[float, float, float, float]] | None:
        """(page, box) of the characters [start, end) that lie on the page of the first one."""
        if not self.boxes or start >= len(self.boxes):
            return None
        first = self.boxes[start]
        chosen = [b for b in self.boxes[start:max(end, start + 1)] if b.page == first.page]
        return first.page, (round(min(b.x0 for b in chosen), 1), round(min(b.y0 for b in chosen), 1),
                            round(max(b.x1 for b in chosen), 1), round(max(b.y1 for b in chosen), 1))

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class DocxRef:
    """Where a text unit lives inside a .docx body, enough to find its XML again.

    `paragraph` is the index of the paragraph among the body's top-level paragraphs (for body text)
    or inside the cell (for cell text); `table`/`row`/`cell` are set for cell text, `table` counting
    every table in document order (nested ones included).
    """

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    prefix: int = 0  # characters of an auto-number label that precede the runs' own text


@dataclass(eq=False)
class Heading:
    index: int  # 1-based block number
    text: Text
    level: int  # 1 = top; derived from markdown/style when present, else from the label
    label: "Label | None"
    title: str  # the text after the label
    level_source: str  # "markdown", "style", "outline", "label", "plain"
    style: str | None = None
    docx: DocxRef | None = None
    kind: str = field(default="heading", init=False)

    def units(self) -> Iterator["Unit"]:
        yield Unit(self, self.text)


@dataclass(eq=False)
class Paragraph:
    index: int
    text: Text
    label: "Label | None" = None  # a leading list label such as "3、" or "（二）"
    style: str | None = None
    docx: DocxRef | None = None
    # None for body text; "toc": an entry of the table of contents; "columns": a row of a table drawn
    # without rules, read as text (PDF)
    role: str | None = None
    kind: str = field(default="paragraph", init=False)

    @property
    def body(self) -> bool:
        """Running text, where sentences are: not a TOC entry, not a table row read as text."""
        return self.role is None

    def units(self) -> Iterator["Unit"]:
        yield Unit(self, self.text)


@dataclass(eq=False)
class Cell:
    text: Text
    row: int  # 0-based row in the table grid
    col: int  # 0-based grid column
    row_span: int = 1
    col_span: int = 1
    docx: DocxRef | None = None
    indent: int = 0  # leading spaces the source gave the cell text (a sign of a child row)

    @property
    def value(self) -> str:
        return self.text.value


@dataclass(eq=False)
class Table:
    index: int
    rows: list[list[Cell]]
    layout: str  # "tsv", "cell-lines", "pipe", "docx"
    parent: tuple[int, int, int] | None = None  # (table block, row, col) for nested tables
    docx_table: int | None = None
    kind: str = field(default="table", init=False)
    # A table the source split in two and extraction reads as one: each cell of a later part, by id,
    # maps to the table and cell the source shows, so findings point where the reader looks.
    sources: dict[int, tuple["Table", "Cell"]] = field(default_factory=dict, repr=False)

    def source(self, cell: "Cell") -> tuple["Table", "Cell"]:
        """The table and cell as the source shows them (the same ones unless this table was joined)."""
        return self.sources.get(id(cell), (self, cell))

    @property
    def text(self) -> Text:
        first = self.first_cell()
        return first.text if first is not None else Text.at("", 0)

    def first_cell(self) -> Cell | None:
        for row in self.rows:
            for cell in row:
                return cell
        return None

    def units(self) -> Iterator["Unit"]:
        for row in self.rows:
            for cell in row:
                yield Unit(self, cell.text, cell)


Block = Union[Heading, Paragraph, Table]


@dataclass(frozen=True, slots=True, eq=False)
class Unit:
    """One run of text a check can search: a heading, a paragraph or one table cell."""

    block: Block
    text: Text
    cell: Cell | None = None


@dataclass(eq=False)
class Document:
    path: str
    format: str  # "text", "markdown", "docx", "pdf"
    blocks: list[Block]
    source_lines: list[str] = field(default_factory=list)  # text files: the decoded lines
    comments: list[tuple[str, int, int]] = field(default_factory=list)  # .docx: (text, first block, last block)

    def units(self) -> Iterator[Unit]:
        for block in self.blocks:
            yield from block.units()

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @cached_property
    def heading_path(self) -> dict[int, tuple[str, ...]]:
        """Block number -> titles of the headings it sits under (for fingerprints and messages)."""
        path: list[tuple[int, str]] = []
        out: dict[int, tuple[str, ...]] = {}
        for block in self.blocks:
            if isinstance(block, Heading):
                while path and path[-1][0] >= block.level:
                    path.pop()
                path.append((block.level, block.title or block.text.value))
            out[block.index] = tuple(t for _, t in path)
        return out

    @cached_property
    def _sections(self) -> dict[int, tuple[tuple[str, ...], int]]:
        """Block number -> (the headings above it as Word shows them, label included; which
        paragraph it is under the nearest one, counting the non-empty ones as a reader does)."""
        path: list[tuple[int, str]] = []
        out: dict[int, tuple[tuple[str, ...], int]] = {}
        count = 0
        for block in self.blocks:
            if isinstance(block, Heading):
                while path and path[-1][0] >= block.level:
                    path.pop()
                path.append((block.level, _short(block.text.value)))
                count = 0
            elif isinstance(block, Paragraph) and block.text.value.strip():
                count += 1
            out[block.index] = (tuple(t for _, t in path), count)
        return out

    def place(self, block: Block, text: Text, offset: int = 0, cell: Cell | None = None) -> str:
        """Where a reader finds a character, in the terms of the format they read it in: a page and
        line in a PDF, the heading path and 第N段 in Word (which has no line numbers), a line in a
        text file; a table cell as 表N 第r行第c列."""
        table = (f"表{self.table_numbers.get(block.index, 0)} 第{cell.row + 1}行第{cell.col + 1}列"
                 if cell is not None else "")
        if self.format == "pdf":
            region = text.region(offset, offset + 1)
            page = f"第{region[0]}页" if region else ""
            return f"{page} {table}" if table else f"{page}第{text.position(offset)[0]}行"
        if self.format == "docx":
            path, count = self._sections.get(block.index, ((), 0))
            if isinstance(block, Heading):
                return " › ".join(path) + " 标题"
            here = table or (f"第{count}段" if count else "")
            return " › ".join((*path, here)) if path else (here or f"第{block.index}段")
        return f"第{text.position(offset)[0]}行" + (f" {table}" if table else "")

    @cached_property
    def table_numbers(self) -> dict[int, int]:
        """Block number -> 1-based table number, as findings name tables ("表2")."""
        return {t.index: k for k, t in enumerate(self.tables, 1)}

    @cached_property
    def facts(self):  # -> extract.Facts; imported lazily to keep the model free of extraction
        from .extract import Facts

        return Facts.of(self)


def _short(title: str, limit: int = 16) -> str:
    """A heading as a path element: its first characters, enough to find it in Word's navigation pane."""
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit] + "…"
