"""A table read as a ledger: which columns hold 科目编码, which the item names, which the figures,
and every row as entries — an item (its code, its name) with its figures by column.

The statutory tables of 部门预算/决算 print items in groups of columns: one group in a 支出决算表
(类 | 款 | 项 | 科目名称 | 合计 | 基本支出 | 项目支出), two side by side in a 收支总表 (收入 items
and figures, then 支出 items and figures) or in an economic-classification table. Columns are typed
once from the whole table (a figure column may be blank on every row: 上级补助收入 of a bureau that
has none), so a row whose left half is empty still puts its 支出 item in the right group.

Nothing here decides whether a figure is wrong; the checks read these entries.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns
from ..model import Cell, Table
from .numbering import without_label
from .quantities import Quantity
from .tables import cell_at, cell_number, grid_width, is_null, squeeze

CODE_LEVELS = ("类", "款", "项")  # header words of the code columns, in their order
_CODE_HEADER = patterns.compile(r"编码|代码")
_CODE_PIECE = patterns.compile(r"\d{1,7}")
_PREFIXED_CODE = patterns.compile(r"(\d{3}(?:\d{2}){0,2})[\s\u3000]*(?=\D)")  # "2010601 行政运行"
_PLAIN_TOTAL = patterns.compile(r"(?:本年)?(?:收入|支出)?(?:合计|总计)")


@dataclass(eq=False)
class Entry:
    """One item of a row: its 科目编码 ("" when the table prints none), its name without numbering,
    and the cells under its group's figure columns (grid column → cell)."""

    row: int  # index into table.rows
    code: str
    name: str
    label: Cell | None
    cells: dict[int, Cell]
    total: bool  # a 合计/总计 line of its group ("合计", "本年支出合计", "人员经费合计")

    def figure(self, col: int) -> Quantity | None:
        cell = self.cells.get(col)
        return cell_number(cell) if cell is not None else None

    @property
    def plain_total(self) -> bool:
        """The group's own total ("合计", "本年支出合计"), not the total of a kind ("人员经费合计")."""
        return self.total and not self.code and _PLAIN_TOTAL.fullmatch(self.name) is not None


@dataclass(eq=False)
class Group:
    key_cols: tuple[int, ...]  # code columns and name columns
    code_cols: tuple[int, ...]
    value_cols: tuple[int, ...]
    entries: list[Entry] = field(default_factory=list)

    @property
    def coded(self) -> list[Entry]:
        return [e for e in self.entries if e.code]


@dataclass(eq=False)
class Ledger:
    table: Table
    first_data_row: int
    groups: list[Group]
    headers: dict[int, tuple[str, ...]]  # grid column → its header cells' texts, top down

    def header(self, col: int) -> str:
        return "".join(self.headers.get(col, ()))

    def leaf(self, col: int) -> str:
        """The lowest header over a column ("决算数" under "公务接待费")."""
        texts = self.headers.get(col, ())
        return texts[-1] if texts else ""


def _is_code_header(cell: Cell) -> bool:
    text = squeeze(cell.value)
    return text in CODE_LEVELS or (cell.col_span == 1 and _CODE_HEADER.search(text) is not None)


def _column_kinds(table: Table, code_cols: set[int], start: int) -> dict[int, str]:
    """Each grid column as "code", "key" (item names) or "value" (figures, or blank throughout)."""
    width = grid_width(table)
    text_cols, number_cols = set(), set()
    for row in table.rows[start:]:
        for cell in row:
            if cell.col in code_cols or not cell.value.strip() or is_null(cell):
                continue
            (number_cols if cell_number(cell) is not None else text_cols).add(cell.col)
    kinds = {}
    for col in range(width):
        if col in code_cols:
            kinds[col] = "code"
        elif col in text_cols and col not in number_cols:
            kinds[col] = "key"
        else:
            kinds[col] = "value"
    # columns of bare digit strings left of the first name column are codes whose header words
    # were lost (科目编码 over 类/款/项 drawn where no text layer has them)
    first_key = min((c for c, k in kinds.items() if k == "key"), default=width)
    for col in range(first_key):
        cells = [c for row in table.rows[start:] for c in row if c.col == col and c.value.strip()]
        if cells and all(_CODE_PIECE.fullmatch(squeeze(c.value)) for c in cells):
            kinds[col] = "code"
    return kinds


def _groups(kinds: dict[int, str]) -> list[Group]:
    groups: list[Group] = []
    keys: list[int] = []
    values: list[int] = []
    for col in sorted(kinds):
        if kinds[col] == "value":
            if keys:
                values.append(col)
            continue
        if values:  # a name or code column after figures starts the next group
            groups.append(Group(tuple(keys), tuple(k for k in keys if kinds[k] == "code"), tuple(values)))
            keys, values = [], []
        keys.append(col)
    if keys and values:
        groups.append(Group(tuple(keys), tuple(k for k in keys if kinds[k] == "code"), tuple(values)))
    return groups


def _code(cells: list[Cell]) -> str | None:
    """"201" "06" "01" → "2010601"; one cell "2010601" → itself; "" when the code cells are empty;
    None when they hold something that is not a code (the words 类/款/项 of a header line)."""
    pieces = [squeeze(c.value) for c in cells if c.value.strip()]
    if not pieces:
        return ""
    if not all(_CODE_PIECE.fullmatch(p) for p in pieces):
        return None
    if len(pieces) == 1:
        return pieces[0] if len(pieces[0]) in (3, 5, 7) else None
    if len(pieces[0]) != 3 or any(len(p) > 2 for p in pieces[1:]):
        return None
    return pieces[0] + "".join(p.zfill(2) for p in pieces[1:])  # spreadsheets drop the 0 of "02"


def _name(text: str) -> str:
    return without_label(squeeze(text))


def _entry(table: Table, r: int, group: Group, totals: tuple[str, ...]) -> Entry | None:
    row = table.rows[r]
    seen: list[Cell] = []
    for col in group.key_cols:
        cell = cell_at(row, col)
        if cell is not None and cell not in seen:
            seen.append(cell)
    code_cells = [c for c in seen if c.col in group.code_cols and c.col_span == 1]
    names = [c for c in seen if c not in code_cells and c.value.strip() and not is_null(c)]
    code = _code(code_cells)
    if code is None:
        code = ""
        words = [c for c in code_cells if c.value.strip() and squeeze(c.value) not in CODE_LEVELS]
        if len(words) == 1 and not names and cell_number(words[0]) is None:
            names = words  # "人员经费合计" in the code column, the merge over the name column not drawn
        elif words:
            return None  # the code cells hold words: not an item line
    name = _name(names[-1].value) if names else ""
    label = names[-1] if names else None
    if not code and name:
        m = _PREFIXED_CODE.match(name)
        if m and len(names) == 1:
            code, name = m.group(1), name[m.end():]
    cells = {col: cell for col in group.value_cols
             if (cell := cell_at(row, col)) is not None and cell.col == col}
    if not code and not name and not any(c.value.strip() for c in cells.values()):
        return None
    total = not code and any(name == w or name.endswith(w) for w in totals)
    return Entry(r, code, name, label, cells, total)


def _total_across(entries: list[Entry | None]) -> None:
    """A total whose name stands in one group and its figure in the next ("公用经费合计 | | | | | 160.00":
    the label merged across the 302 group and the 307/310 group, flattened) is the next group's line,
    named so; the figure-less half is dropped."""
    for k in range(len(entries) - 1):
        named, figured = entries[k], entries[k + 1]
        if (named is not None and named.total and not any(c.value.strip() for c in named.cells.values())
                and figured is not None and not figured.code and not figured.name
                and any(cell_number(c) is not None for c in figured.cells.values())):
            entries[k + 1] = Entry(figured.row, "", named.name, named.label, figured.cells, True)
            entries[k] = None


def read_ledger(table: Table, totals: tuple[str, ...]) -> Ledger | None:
    """The ledger of a table whose columns can be typed, or None (no figures, no item names)."""
    code_cols: set[int] = set()
    start = None
    for r, row in enumerate(table.rows):
        for cell in row:
            if _is_code_header(cell):
                code_cols.update(range(cell.col, cell.col + cell.col_span) if squeeze(cell.value) in CODE_LEVELS
                                 else (cell.col,))
        if any(cell_number(c) is not None and c.col not in code_cols for c in row):
            start = r
            break
    if start is None:
        return None
    groups = _groups(_column_kinds(table, code_cols, start))
    if not groups:
        return None
    headers: dict[int, list[str]] = {}
    for row in table.rows[:start + 1]:
        for cell in row:
            text = squeeze(cell.value)
            if not text or cell_number(cell) is not None:
                continue
            for col in range(cell.col, cell.col + cell.col_span):
                if text not in headers.setdefault(col, []):
                    headers[col].append(text)
    for r in range(start, len(table.rows)):
        row_entries = [_entry(table, r, group, totals) for group in groups]
        _total_across(row_entries)
        for group, entry in zip(groups, row_entries):
            if entry is not None:
                group.entries.append(entry)
    # 类/款/项 head the code columns; under a figure column they would only be noise in its header
    return Ledger(table, start, groups, {c: tuple(t for t in v if t not in CODE_LEVELS) for c, v in headers.items()})
