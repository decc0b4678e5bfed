"""Reading tables as data: numeric cells, header rows, row labels and hierarchy, units.

Reports' tables are rarely tidy: rows lose cells to merges, children are marked by 其中 or by
indentation or by numbering (1、2、), units sit in captions ("单位：万元") or headers ("（万元）").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from regex import Match

from .. import patterns
from ..model import Block, Cell, Document, Paragraph, Table
from .numbering import parse_label
from .quantities import MONEY_SCALE, Quantity, find_quantities

NULL_CELLS = {"", "-", "--", "—", "——", "－", "/", "／", "–", "———"}
UNIT_NOTE = patterns.compile(r"(?:金额)?单位[:：]\s*(万元|亿元|千元|元)|[（(]\s*(万元|亿元|千元|元)\s*[)）]")
_SPACES = patterns.compile(r"[\s\u3000]+")


def squeeze(text: str) -> str:
    return _SPACES.sub("", text)


def cell_number(cell: Cell) -> Quantity | None:
    """The cell's value when the whole cell is one number (with at most a unit or %)."""
    cached = cell.__dict__.get("_number", _UNSET)  # every table rule asks; read each cell once
    if cached is _UNSET:
        cached = cell.__dict__["_number"] = _number_of(cell.value.strip())
    return cached


_UNSET = object()


@lru_cache(maxsize=65536)  # table cells repeat ("0", "100%", "—"): read each text once
def _number_of(text: str) -> Quantity | None:
    if not text or text in NULL_CELLS or len(text) > 40:
        return None
    found = find_quantities(text)
    if len(found) != 1:
        return None
    q = found[0]
    rest = (text[:q.start] + text[q.end:]).strip()
    if rest:
        return None
    return q


def is_null(cell: Cell) -> bool:
    return cell.value.strip() in NULL_CELLS


def is_total_label(label: str, words: tuple[str, ...]) -> bool:
    """合计, 合计数, and a short name ending in one ("本年收入合计", "支出总计")."""
    return any(label == w or label.startswith(w) or label.endswith(w) and len(label) <= 8 for w in words)


def row_label(row: list[Cell]) -> tuple[str, Cell | None]:
    """The first non-empty, non-numeric cell of a row: its label."""
    for cell in row:
        if cell.value.strip() and cell_number(cell) is None and not is_null(cell):
            return squeeze(cell.value), cell
    return "", None


def own_label(row: list[Cell]) -> tuple[str, Cell | None]:
    """A row's own name in a table whose rows nest under group labels: the innermost label before
    its figures that spans this row alone. A label merged down over several rows names a group of
    them ("三、本年度办理结果" beside "（一）予以公开"), as does an outer label a flattened copy of the
    table repeats beside the row's own. Only for such tables (a balance table's outcome rows);
    elsewhere the first label is the row's (`row_label`: "公务用车 | 辆 | 5")."""
    inner: Cell | None = None
    for cell in row:
        if not cell.value.strip() or is_null(cell):
            continue
        if cell_number(cell) is not None:
            break  # the figures begin: a text cell after them is a note, not the row's name
        if cell.row_span == 1:
            inner = cell
    return (squeeze(inner.value), inner) if inner is not None else row_label(row)


def numeric_cells(row: list[Cell]) -> list[tuple[Cell, Quantity]]:
    out = []
    for cell in row:
        q = cell_number(cell)
        if q is not None:
            out.append((cell, q))
    return out


def is_header_row(row: list[Cell]) -> bool:
    filled = [c for c in row if c.value.strip()]
    return len(filled) >= 2 and not numeric_cells(row)


def row_depth(row: list[Cell]) -> tuple[int, int]:
    """(indentation, label depth) of a row's label: deeper rows are children."""
    _, cell = row_label(row)
    if cell is None:
        return (0, 0)
    label = parse_label(cell.value.strip())
    depth = label.depth if label else 0
    if cell.value.strip().startswith("其中"):
        depth = max(depth, 6)
    return (cell.indent, depth)


def unit_mentions(document: Document, table: Table) -> Iterator[tuple[Block | Cell, Match]]:
    """Where a table's money unit is said: a short caption line just above it, or a header cell."""
    pos = table.index - 1  # a block's number is its place in document.blocks
    for b in document.blocks[max(0, pos - 2):pos]:
        if b.kind != "table" and len(b.text.value) <= 60:
            for m in UNIT_NOTE.finditer(b.text.value):
                yield b, m
    for row in table.rows[:3]:
        for c in row:
            for m in UNIT_NOTE.finditer(c.value):
                yield c, m


def table_unit(document: Document, table: Table) -> tuple[str | None, Decimal | None]:
    """The money unit a table's figures are in, from a caption line above it or a header cell."""
    units = {m.group(1) or m.group(2) for _, m in unit_mentions(document, table)}
    if len(units) == 1:
        unit = units.pop()
        return unit, MONEY_SCALE[unit]
    return None, None


def counts_table(document: Document, table: Table) -> bool:
    """A table of counts (applications, cases, people): no money unit said anywhere and every figure a
    whole number. Its figures are exact; a money table's are rounded."""
    cached = table.__dict__.get("_counts")
    if cached is None:
        figures = [q for row in table.rows for _, q in numeric_cells(row)]
        cached = bool(figures) and table_unit(document, table)[0] is None and \
            all(q.decimals == 0 and q.kind in ("bare", "count") for q in figures) and \
            not any(column_unit(table, c.col) for c in table.rows[0])
        table.__dict__["_counts"] = cached
    return cached


def column_unit(table: Table, col: int) -> str | None:
    """A unit written in a column's header cells ("2022年决算数（元）")."""
    cache = table.__dict__.setdefault("_column_units", {})  # asked for every figure of the column
    if col not in cache:
        units = set()
        for row in table.rows[:3]:
            for c in row:
                if c.col <= col < c.col + c.col_span:
                    for m in UNIT_NOTE.finditer(c.value):
                        units.add(m.group(1) or m.group(2))
        cache[col] = units.pop() if len(units) == 1 else None
    return cache[col]


def cell_scale(table: Table, cell: Cell, q: Quantity, table_scale: Decimal | None) -> Decimal | None:
    """元 per unit of a table figure: 1 when the cell says its unit, else its column header's unit,
    else the table's (`table_scale`, from `table_unit`); None when nothing says."""
    if q.kind == "money":
        return Decimal(1)
    unit = column_unit(table, cell.col)
    return MONEY_SCALE[unit] if unit else table_scale


@dataclass(frozen=True)
class Column:
    index: int
    header: str


def header_columns(row: list[Cell], words: tuple[str, ...], max_len: int | None = None) -> list[Column]:
    """Columns of a header row whose header text contains one of `words` (in a cell of at most
    `max_len` characters: a scoring rule that mentions 得分 is not the 得分 header)."""
    out = []
    for cell in row:
        text = squeeze(cell.value)
        if text and (max_len is None or len(text) <= max_len) and any(w in text for w in words):
            out.append(Column(cell.col, text))
    return out


def cell_at(row: list[Cell], col: int) -> Cell | None:
    for c in row:
        if c.col <= col < c.col + c.col_span:
            return c
    return None


def grid_width(table: Table) -> int:
    return max((c.col + c.col_span for row in table.rows for c in row), default=0)


# The national templates number their rows and columns for cross-reference: a 行次 column ("一、一般
# 公共预算财政拨款收入 | 1 | 2,345.67") and a 栏次 row under the headers ("栏次 | | 1 | 2 | 3"). Those
# numbers index the form; they are not figures to add up.
REFERENCE_HEADERS = frozenset({"行次", "栏次"})
_FIRST_ROWS = 6  # headers end within a table's first rows; a 栏次 row sits right under them


def _whole(q: Quantity | None) -> bool:
    return q is not None and q.kind == "bare" and q.decimals == 0 and q.value > 0


def _reference_row(row: list[Cell]) -> bool:
    """A 栏次 row: labelled so, or unlabelled with its figures 1, 2, 3, … in order (three or more)."""
    label, _ = row_label(row)
    figures = numeric_cells(row)
    if label:
        return label in REFERENCE_HEADERS and bool(figures) and all(_whole(q) for _, q in figures)
    return len(figures) >= 3 and [q.value for _, q in figures] == list(range(1, len(figures) + 1)) \
        and all(_whole(q) for _, q in figures)


def without_reference_numbers(table: Table) -> Table:
    """The table without its 栏次 row and its 行次 columns (`REFERENCE_HEADERS`), so that no rule
    adds up the form's own numbering; the same table when it has neither. A 行次 column is dropped
    only when every cell under its header is blank or a whole number."""
    rows = table.rows
    first = next((i for i, r in enumerate(rows[:_FIRST_ROWS]) if numeric_cells(r)), None)
    if first is None:
        return table
    drop_rows = set()
    k = first
    while k < min(len(rows), _FIRST_ROWS) and _reference_row(rows[k]):
        drop_rows.add(k)
        k += 1
    drop_cols = set()
    for header in rows[:first]:
        for cell in header:
            if cell.col_span != 1 or squeeze(cell.value) not in REFERENCE_HEADERS:
                continue
            below = [c for r in rows[first:] for c in r if c.col == cell.col and c.col_span == 1]
            if all(not c.value.strip() or _whole(cell_number(c)) for c in below):
                drop_cols.add(cell.col)
    if not drop_rows and not drop_cols:
        return table
    sources = dict(table.sources)
    kept: list[list[Cell]] = []
    for k, row in enumerate(rows):
        if k in drop_rows:
            continue
        cells = [c for c in row if c.col not in drop_cols]
        kept.append(_moved(table, cells, len(kept), sources) if k != len(kept) else cells)
    return Table(table.index, kept, table.layout, parent=table.parent, docx_table=table.docx_table,
                 sources=sources)


def _moved(table: Table, cells: list[Cell], row: int, sources: dict) -> list[Cell]:
    """Copies of a row's cells as row `row` of a table read from `table` (a cell's row is its place in
    the rows it is read with), each recorded in `sources` as the cell the source shows."""
    copies = [replace(c, row=row) for c in cells]
    sources.update((id(copy), table.source(c)) for copy, c in zip(copies, cells))
    return copies


def join_split_tables(document: Document) -> list[Table]:
    """The document's tables, with a table the source split in two read as one.

    Word users end a table where a form crosses a page and start another, or give the 总分 row a table
    of its own: two top-level tables with nothing but empty paragraphs between them, of the same
    width, the later one without a header row of its own (a copy of the earlier one's header is
    dropped), are one table. Anything else between them, or a header of its own, keeps them apart.
    """
    out: list[Table] = []
    open_at: int | None = None  # the last top-level table in `out`, while only blank lines followed it
    for block in document.blocks:
        if isinstance(block, Table):
            block = without_reference_numbers(block)
            if block.parent is not None:
                out.append(block)  # a table inside a cell is read where it is
                continue
            skip = _continuation(out[open_at], block) if open_at is not None else None
            if skip is None:
                open_at = len(out)
                out.append(block)
            else:
                out[open_at] = _join(out[open_at], block, skip)
        elif isinstance(block, Paragraph) and not block.text.value.strip():
            continue
        else:
            open_at = None
    return out


def _continuation(first: Table, later: Table) -> int | None:
    """How many leading rows of `later` repeat `first`'s header when `later` continues `first`; None
    when it is a table of its own."""
    if grid_width(first) != grid_width(later) or not later.rows:
        return None
    headers = [r for r in first.rows[:3] if is_header_row(r)]
    if not headers:
        return None
    skip = 0
    while skip < len(later.rows) and skip < len(headers) and \
            [squeeze(c.value) for c in later.rows[skip]] == [squeeze(c.value) for c in headers[skip]]:
        skip += 1
    rest = later.rows[skip:]
    if not rest or is_header_row(rest[0]) or not any(numeric_cells(r) for r in rest):
        return None
    return skip


def _join(first: Table, later: Table, skip: int) -> Table:
    sources = dict(first.sources)
    rows = list(first.rows)
    for row in later.rows[skip:]:
        rows.append(_moved(later, row, len(rows), sources))
    return Table(first.index, rows, first.layout, docx_table=first.docx_table, sources=sources)
