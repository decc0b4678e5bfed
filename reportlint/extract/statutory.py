"""The statutory tables of 部门预算/决算公开: each table with its title, the unit its figures are in,
and the notes printed under it; and a lookup of one figure by row label and column header.

Which titles name which table is data (`statutory-tables` in rules/terms.toml), so a province's
template is a rule-pack entry, not code. Nothing here decides whether anything is wrong.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal

from .. import patterns
from ..model import Block, Cell, Document, Paragraph, Table
from .classification import plain_name
from .labels import YEAR_PREFIX
from .numbering import entry_key, without_label
from .quantities import Quantity
from .tables import (
    UNIT_NOTE,
    cell_number,
    cell_scale,
    grid_width,
    is_header_row,
    is_null,
    numeric_cells,
    row_label,
    squeeze,
    table_unit,
)

_COMPILED_BY = patterns.compile(r"编制(?:单位|部门)[:：]\S*")  # "编制部门：某局 单位：万元"
_TITLE_MAX = 40  # a table title is one short line
_LOOK_BACK = 3  # title, unit line, a 公开表N line


@dataclass(frozen=True)
class TitledTable:
    table: Table
    kind: str  # the `statutory-tables` entry its title names, or ""
    title: str
    title_block: Block | None
    scale: Decimal | None  # 元 per unit its figures are in (None: not said); see `stated_scale`
    notes: tuple[Paragraph, ...]  # the two paragraphs right below it, where a note under it would be
    stated_scale: Decimal | None = None  # the unit line's, when the figures show it is wrong (then `scale` is theirs)

    def scale_of(self, cell: Cell, q: Quantity) -> Decimal | None:
        """元 per unit the figure is shown in: the cell's own unit, else its column's or the table's."""
        return q.scale if q.kind == "money" else cell_scale(self.table, cell, q, self.scale)

    def amount(self, cell: Cell) -> "Figure | None":
        """The cell's amount with 元 per unit of it; None for a cell that holds none, or whose unit nothing
        says (such a figure is never compared)."""
        q = cell_number(cell)
        if q is None or q.kind not in ("money", "bare"):
            return None
        scale = self.scale_of(cell, q)
        return (cell, q, scale) if scale is not None else None


Figure = tuple[Cell, Quantity, Decimal]  # a table cell, its figure, and 元 per unit of that figure


def in_yuan(q: Quantity, scale: Decimal) -> tuple[Decimal, Decimal]:
    """What a figure shown in units of `scale` 元 can stand for, in 元."""
    lo, hi = q.interval(q.scale)  # in the figure's own unit
    return lo * scale, hi * scale


def _plain(text: str) -> str:
    """Squeezed, without the numbering label in front ("六、一般公共预算…表" → "一般公共预算…表")."""
    return without_label(squeeze(text))


def _title_of(text: str) -> str:
    """The title a line above a table gives, "" for a unit line ("单位：万元", "编制部门：某局 单位：万元");
    "某某表（单位：万元）" is the title 某某表."""
    rest = _COMPILED_BY.sub("", UNIT_NOTE.sub("", squeeze(text)))
    return _plain(rest)


def table_kind(title: str, kinds: list[dict]) -> str:
    """The table kind whose title is the longest one the title ends with ("财政拨款收入支出决算总表"
    is not the "收入支出决算总表")."""
    best, length = "", 0
    for entry in kinds:
        for name in entry.get("titles", []):
            if title.endswith(name) and len(name) > length:
                best, length = entry["name"], len(name)
    return best


def titled_tables(document: Document, kinds: list[dict]) -> list[TitledTable]:
    blocks = document.blocks
    amounts = _text_amounts(document)
    out = []
    for table in document.facts.tables:
        if table.parent is not None:
            continue
        pos = table.index - 1  # a block's number is its place in document.blocks
        title, title_block = "", None
        for b in reversed(blocks[max(0, pos - _LOOK_BACK):pos]):
            if b.kind == "table":
                break
            text = _title_of(b.text.value)
            if not text or len(text) > _TITLE_MAX:
                continue
            title, title_block = text, b
            break
        notes = []
        for b in blocks[pos + 1:pos + 3]:
            if not isinstance(b, Paragraph):
                break
            notes.append(b)
        _, stated = table_unit(document, table)
        scale = settled_scale(table, stated, amounts) if stated is not None else None
        out.append(TitledTable(table, table_kind(title, kinds), title, title_block, scale or stated, tuple(notes),
                               stated if scale is not None else None))
    return out


_MISREAD_UNITS = {Decimal(1): Decimal(10_000), Decimal(10_000): Decimal(1)}  # 元 ↔ 万元, the slip that happens
_UNIT_EVIDENCE = 2  # distinct amounts of the text a table must print, read in the other unit


def _text_amounts(document: Document) -> list[tuple[Decimal, Decimal]]:
    """The exact, nonzero money amounts the prose states, as intervals in 元."""
    return sorted({q.interval() for u in document.facts.prose() for q in u.quantities
                   if q.kind == "money" and q.exact and q.value > 0})


def settled_scale(table: Table, stated: Decimal, amounts: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """The scale the table's figures are really in when its unit line says otherwise, else None.

    A unit line that says 元 over figures in 万元 (or the reverse) is the slip: then no amount the text
    states is among the table's figures read in the stated unit, and several are read in the other."""
    other = _MISREAD_UNITS.get(stated)
    if other is None or not amounts:
        return None
    figures = [q for row in table.rows for _, q in numeric_cells(row) if q.kind != "money" and q.value > 0]

    widest = max(hi - lo for lo, hi in amounts)

    def found(scale: Decimal) -> int:
        hits = set()
        for q in figures:
            lo, hi = in_yuan(q, scale)
            k = bisect.bisect_left(amounts, (lo - widest,))  # the first amount that can reach lo
            while k < len(amounts) and amounts[k][0] <= hi:
                if lo <= amounts[k][1]:
                    hits.add(amounts[k])
                k += 1
        return len(hits)

    if found(other) >= _UNIT_EVIDENCE and found(stated) == 0:
        return other
    return None


def listed_tables(document: Document, kinds: list[dict]) -> list[tuple[Paragraph, str]]:
    """The table of contents' entries that name a statutory table, with the kind each names."""
    out = []
    for b in document.blocks:
        if isinstance(b, Paragraph) and b.role == "toc" and (kind := table_kind(entry_key(b.text.value), kinds)):
            out.append((b, kind))
    return out


def header_rows(table: Table) -> list[list[Cell]]:
    """The rows above the first row that holds figures."""
    out = []
    for row in table.rows:
        if numeric_cells(row) and not is_header_row(row):
            break
        out.append(row)
    return out


def column_stage(table: Table, col: int, stages: tuple[str, ...] = ("预算", "决算")) -> str | None:
    """The stage the lowest header over a column names, when it names one only: a 三公 table of a
    决算 prints 预算数 | 决算数 under each item."""
    for row in reversed(header_rows(table)):
        for cell in row:
            if cell.col <= col < cell.col + cell.col_span:
                named = [w for w in stages if w in cell.value]
                if len(named) == 1:
                    return named[0]
    return None


# A header that names only a stage ("预算数", "决算数", "调整预算数"), or only a period and a stage
# ("2025年预算数", "上年执行数", "本年预算"): the period of the figures below it. "上年结转" or
# "本年支出合计" name a kind of figure, not a period.
_STAGE = r"(?:年初|调整|全年|预计)?(?:预算|决算|执行|实际)数?"
_STAGE_HEADER = patterns.compile(_STAGE)
_PERIOD_HEADER = patterns.compile(
    r"(?:(?P<year>(?:19|20)[0-9]{2})年度?|(?P<previous>上年度?|上一年度?)|(?P<current>本年度?|当年))"
    rf"(?:{_STAGE})?")


def _header_period(text: str, period: int | None) -> int | None:
    m = _PERIOD_HEADER.fullmatch(squeeze(text))
    if m is None:
        return None
    if m.group("year"):
        return int(m.group("year"))
    if period is None:
        return None
    return period - 1 if m.group("previous") else period


def headers_over(table: Table, col: int) -> list[Cell]:
    return [c for row in header_rows(table) for c in row if c.col <= col < c.col + c.col_span]


def column_year(table: Table, col: int, period: int | None) -> int | None:
    """The year of the figures in a column, when a header over it names only a period and a stage
    ("2025年预算数" over 合计 | 因公出国（境）费 …, "上年预算数" in a table of items by row); None when no
    header does, or two disagree. 上年/本年 are read against the report's `period`."""
    years = {y for c in headers_over(table, col) if (y := _header_period(c.value, period)) is not None}
    return years.pop() if len(years) == 1 else None


def column_key(table: Table, col: int, period: int | None) -> tuple[str, ...]:
    """What a column holds, its period and stage aside: the names of the headers over it other than a
    period header or a stage header ("2025年预算数 / 合计" and "2026年预算数 / 合计" are both ("合计",),
    and so are "合计 / 预算数" and "合计 / 决算数")."""
    return tuple(header_name(c.value) for c in headers_over(table, col)
                 if (text := squeeze(c.value)) and _header_period(text, period) is None
                 and not _STAGE_HEADER.fullmatch(text))


def period_stage(text: str) -> str | None:
    """What kind of figure a header or a comparison names: "outturn" (执行, 决算, 实际) or "budget" (预算);
    "上年预算执行数" is an outturn."""
    if any(w in text for w in ("执行", "决算", "实际")):
        return "outturn"
    return "budget" if "预算" in text else None


def budget_kind(text: str) -> str:
    """Which budget a text or a header names: 调整预算, 全年预算, or "" for 年初预算 and a plain 预算数."""
    return "调整" if "调整" in text else "全年" if "全年" in text else ""


def stage_over(table: Table, col: int) -> str:
    """The headers over a column, run together: what `period_stage` and `budget_kind` read."""
    return "".join(c.value for c in headers_over(table, col))


def row_of(table: Table, cell: Cell) -> list[Cell]:
    """The row a cell is in (a stitched table's cells keep their source's row numbers)."""
    return next((r for r in table.rows if any(c is cell for c in r)), [])


def same_figure_in(table: Table, cell: Cell, period: int | None, *, year: int | None,
                   stage: str | None, budget: str | None = None) -> Cell | None:
    """The cell of the same row that holds the same figure for `year` (None: a table without years)
    and `stage` (see `period_stage`; `budget`, see `budget_kind`, for a budget): in the one other column
    whose headers name that year and stage and otherwise the same as the cell's. None when there is no
    such column or several, or the row has no cell of its own there."""
    row = row_of(table, cell)
    # a two-sided 总表 prints the years on each side: the column on the cell's side, between its labels
    labels = [c.col for c in row if c.value.strip() and cell_number(c) is None and not is_null(c)]
    low = max((col for col in labels if col < cell.col), default=-1)
    high = min((col for col in labels if col > cell.col), default=grid_width(table))
    key = column_key(table, cell.col, period)
    cols = []
    for col in range(low + 1, high):
        if col == cell.col or column_year(table, col, period) != year or column_key(table, col, period) != key:
            continue
        over = stage_over(table, col)
        if period_stage(over) == stage and (budget is None or budget_kind(over) == budget):
            cols.append(col)
    if len(cols) != 1:
        return None
    found = [c for c in row if c.col == cols[0] and c.col_span == 1]
    return found[0] if found else None


_TRAILING_VERB = patterns.compile(r"(?:为|是|达到?|[\s:：])+$")


def stated_name(text: str, pos: int, longest: int) -> str:
    """The words right before a figure, verbs (为, 是, 达到) and spaces dropped, at most `longest`
    characters: "…财政拨款收入支出总计为" → "…财政拨款收入支出总计" (a label keeps its 总计)."""
    return squeeze(_TRAILING_VERB.sub("", text[max(0, pos - longest - 8):pos]))


def figure(table: Table, row_word: str, column_word: str = "", period: int | None = None) -> tuple[Cell, Quantity] | None:
    """The figure of the row labelled `row_word` (the whole label, numbering aside) for the report's
    `period`: under the column headed `column_word`, or without one the first figure right of the
    label — in a table that prints two years, the one under the report's year. None when the row or
    column is not there, or is not unique, or the cell is empty."""
    heads = header_rows(table)
    rows = [(row, cell) for row in table.rows[len(heads):] for cell in row
            if cell_number(cell) is None and _plain(cell.value) == row_word]
    if not rows:
        return None
    row, label = rows[0]  # a total row is printed once; 总计 on both sides of a 总表 are equal
    if column_word:
        cols = {c.col for r in heads for c in r if squeeze(c.value) == column_word}
        if len(cols) > 1 and period is not None:
            cols = {col for col in cols if column_year(table, col, period) == period}
        if len(cols) != 1:
            return None
        col = cols.pop()
        found = [(c, q) for c, q in numeric_cells(row) if c.col == col]
        return found[0] if found else None
    right = [(c, q) for c, q in numeric_cells(row)
             if c.col > label.col and (period is None or column_year(table, c.col, period) in (None, period))]
    return right[0] if right else None


_HEADER_KIND = patterns.compile(r"(?:预算|决算)数?$")


def header_name(text: str) -> str:
    """A column header as a statement names it: its year and 预算数/决算数 dropped ("2024年机关运行经费
    预算数" → "机关运行经费"), parentheses full-width."""
    text = plain_name(text)
    return _HEADER_KIND.sub("", YEAR_PREFIX.sub("", text)) or text


def column_figures(table: Table, names: set[str], subtotals: tuple[str, ...]) -> tuple[list[tuple[Cell, Quantity]], bool]:
    """The figures under a column header named one of `names` (see `header_name`), in every column below
    it — or, where a 小计 (one of `subtotals`) heads some of those columns, in those only
    ("公务用车购置及运行费" over 小计 | 购置费 | 运行费 is its 小计); and whether one of those cells is
    blank (a 决算 table leaves a nil figure blank)."""
    heads = header_rows(table)
    cols: dict[int, bool] = {}  # grid column → a subtotal heads it below the name
    for r, row in enumerate(heads):
        for cell in row:
            if header_name(cell.value) not in names:
                continue
            for col in range(cell.col, cell.col + cell.col_span):
                cols[col] = any(squeeze(c.value) in subtotals and c.col <= col < c.col + c.col_span
                                for below in heads[r + 1:] for c in below)
    if any(cols.values()):
        cols = {c: v for c, v in cols.items() if v}
    cells = [c for row in table.rows[len(heads):] for c in row if c.col in cols and c.col_span == 1]
    figures = [(c, q) for c in cells if (q := cell_number(c)) is not None]
    return figures, any(is_null(c) for c in cells)


_NOT_AN_AMOUNT = patterns.compile(r"增减|增长|变动|比上年|率|%|％|占")


def row_figures(table: Table, names: set[str]) -> tuple[list[tuple[Cell, Quantity]], bool]:
    """The figures of the row labelled one of `names` (see `header_name`) in a table of items by row
    ("项目 | 2025年预算数 | 2026年预算数", a row per "三公" item): every figure right of the label but
    those under a change or rate header (增减额, 增长率); none when two rows carry the name. And
    whether one of those cells is blank."""
    heads = header_rows(table)
    rows = [(row, label) for row in table.rows[len(heads):]
            for label in (row_label(row)[1],) if label is not None and header_name(label.value) in names]
    if len(rows) != 1:
        return [], False
    row, label = rows[0]
    cells = [c for c in row if c.col > label.col and c.col_span == 1
             and not any(_NOT_AN_AMOUNT.search(h.value) for h in headers_over(table, c.col))]
    figures = [(c, q) for c in cells if (q := cell_number(c)) is not None]
    return figures, any(is_null(c) for c in cells)

