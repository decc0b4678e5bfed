"""BUD004–BUD005: the statutory tables of 部门预算/决算 against themselves and each other.

Inside a table, the 功能分类/经济分类 hierarchy is read from the 科目编码: a 类 is the sum of its 款
and a 款 of its 项, column by column, and the table's 合计 is the sum of its 类 — never across
levels, and codes are never amounts. Across tables, the figures the templates print twice (a 类 in
the 收支总表 and in the 支出表, 一般公共预算 in the 财政拨款总表 and in its own table) are declared as
data (`table-identities` in rules/terms.toml) and compared after each table's unit.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..engine import Context
from ..extract.ledger import Entry, Group, Ledger
from ..extract.quantities import MONEY_SCALE
from ..extract.statutory import TitledTable, in_yuan
from ..extract.tables import cell_number, is_null
from ..findings import Anchor, Finding, table_number
from ..intervals import fmt, meet, sum_interval
from ..model import Document
from ..registry import Rule, check, define
from .common import ledgers, statutory_tables

define(Rule(
    "BUD004", "classification-sum-mismatch", "totals", "error", "科目合计与下级科目之和不符",
    what="按科目编码读出功能分类/经济分类的层级（类、款、项）：每一列中，类应等于其下各款之和，款应等于其下各项之和，"
         "表的“合计”应等于各类之和。只在同一层级之间相加，科目编码不当作金额；舍入按显示位数判断。",
    why="法定报表改动一个项级数字而忘记改款、类和合计，是决算公开中最常见的差错。",
    bad="201 一般公共服务支出 2,112.86；20106 财政事务 2,112.86；2010601 行政运行 1,511.90；2010602 …（各项之和为 2,112.16）",
    good="类、款、项逐级相加一致。",
    options="合计行的名称见 rules/terms.toml 的 total-labels。"))
define(Rule(
    "BUD005", "statutory-tables-disagree", "consistency", "error", "同一数字在两张法定报表中不一致",
    what="模板中重复出现的数字（收支总表与支出表中的各类支出，财政拨款收支总表与一般公共预算支出表中的一般公共预算支出，"
         "各表的合计等）逐一比较，先换算各表的计量单位，按显示位数允许舍入。比较哪些表、哪一列、哪一行，见 "
         "rules/terms.toml 的 table-identities。",
    why="各表分头填报或修改，某一张表漏改，公开后被社会公众发现前后矛盾。",
    bad="收入支出决算总表：社会保障和就业支出 326.71；支出决算表：208 社会保障和就业支出 336.72",
    good="两表同一科目数字一致。",
    options="用户规则包可在 terms.toml 中增加 table-identities（如本省模板特有的表间关系）。"))

_LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
_UNIT_NAMES = {scale: name for name, scale in MONEY_SCALE.items()}


def _children(group: Group) -> dict[str, list[Entry]]:
    """Each code's entries one level down (a 类 "201" → its 款 "20106", …); a code printed twice
    makes its parent's sum unreadable and is dropped from the map."""
    by_code: dict[str, list[Entry]] = {}
    for e in group.coded:
        by_code.setdefault(e.code, []).append(e)
    out: dict[str, list[Entry]] = {}
    for code, entries in by_code.items():
        if len(entries) == 1 and len(code) > 3:
            out.setdefault(code[:-2], []).append(entries[0])
    for code, entries in by_code.items():
        if len(entries) > 1:
            out.pop(code, None)
            out.pop(code[:-2], None)
    return out


def _sum_finding(ctx: Context, ledger: Ledger, parent: Entry, parts: list[Entry], col: int, what: str,
                 part_cols: dict[int, int] | None = None):
    """A finding when `parent`'s figure in `col` is not the sum of the parts' (blank parts are 0);
    None when it is, or when a cell holds text, or the parent's cell is blank. A part of another
    group is read in its own group's column (`part_cols`, by id of the entry)."""
    total = parent.figure(col)
    if total is None or total.kind not in ("money", "bare"):
        return None
    values = []
    for e in parts:
        cell = e.cells.get(part_cols.get(id(e), col) if part_cols else col)
        if cell is None:
            continue
        q = cell_number(cell)
        if q is None:
            if cell.value.strip() and not is_null(cell):
                return None  # text among the figures
            continue
        if q.kind not in ("money", "bare"):
            return None
        values.append((e, cell, q))
    if not values or meet(total.interval(), sum_interval(q for _, _, q in values), ctx.config.tolerance.relative):
        return None
    decimals = max(q.decimals for _, _, q in values)
    expected = fmt(sum(q.value for _, _, q in values), decimals)
    cell = parent.cells[col]
    name = f"{parent.code} {parent.name}".strip()
    header = ledger.leaf(col)
    column = f"“{header}”" if header else f"第{cell.col + 1}列"  # a table continued without its header
    return ctx.finding(
        "BUD004", Anchor.of_cell(ledger.table, cell),
        f"{name}的{column}应为{what}之和 {expected}（{'+'.join(fmt(q.value) for _, _, q in values)}），"
        f"表中为 {cell.value.strip()}",
        expected=expected, actual=cell.value.strip(),
        related=[(Anchor.of_cell(ledger.table, c), f"{e.code} {e.name}".strip()) for e, c, _ in values])


def _closing_total(group: Group) -> list[Entry]:
    """A group's one total of a kind, when it closes the group: the 人员经费合计 under 301 and 303 of
    a two-sided 基本支出表 is their sum. Two such totals (人员经费合计 and 公用经费合计 in one list of
    301, 302, 303) say the group is not one sum."""
    totals = [e for e in group.entries if e.total]
    if len(totals) != 1 or group.entries[-1] is not totals[0]:
        return []
    return totals


@check("BUD004")
def classification_sums(doc: Document, ctx: Context) -> Iterator[Finding]:
    for ledger in ledgers(doc, ctx).values():
        for group in ledger.groups:
            coded = group.coded
            if not coded:
                continue
            children = _children(group)
            for parent in coded:
                parts = children.get(parent.code)
                if not parts:
                    continue
                what = f"其下各{_LEVEL_NAMES.get(len(parent.code) + 2, '下级科目')}"
                for col in group.value_cols:
                    finding = _sum_finding(ctx, ledger, parent, parts, col, what)
                    if finding is not None:
                        yield finding
            totals = [e for e in group.entries if e.plain_total] or _closing_total(group)
            covered = _covered_groups(ledger, group, totals[0]) if len(totals) == 1 else [group]
            coded = [e for g in covered for e in g.coded]
            if not coded:
                continue
            top = min(len(e.code) for e in coded)
            heads = [e for e in coded if len(e.code) == top]
            if len(totals) != 1 or len({e.code for e in heads}) != len(heads):
                continue  # no 合计, or several (合计 and 总计): which one sums the 类 cannot be told
            for k, col in enumerate(group.value_cols):
                part_cols = {id(e): g.value_cols[k] for g in covered for e in g.coded}
                finding = _sum_finding(ctx, ledger, totals[0], heads, col, f"各{_LEVEL_NAMES.get(top, '科目')}",
                                       part_cols)
                if finding is not None:
                    yield finding


def _covered_groups(ledger: Ledger, group: Group, total: Entry) -> list[Group]:
    """The groups a closing total adds up: its own, and the groups to its left that its label spans
    (the national 基本支出表's "公用经费合计", merged across the 302 group and the 307/310 group)."""
    if total.label is None or not group.key_cols or total.label.col >= min(group.key_cols):
        return [group]
    covered = [g for g in ledger.groups if g.key_cols and total.label.col <= min(g.key_cols) <= min(group.key_cols)]
    if any(len(g.value_cols) != len(group.value_cols) for g in covered):
        return []  # groups of different columns: which figure adds to which cannot be told
    return covered


# -- across tables ---------------------------------------------------------------------------------

def _side(ledger: Ledger, group: Group, word: str) -> bool:
    """Is this the 收入 (支出) side of a 总表? Its headers say so ("本年支出 | 预算数"), or, where the
    headers say neither, most of its items are named so ("一、一般公共服务支出")."""
    other = {"收入": "支出", "支出": "收入"}.get(word, "\0")
    heads = "".join(ledger.header(c) for c in group.value_cols)
    if word in heads or other in heads:
        return word in heads and other not in heads
    names = [e.name for e in group.entries if e.name]
    return bool(names) and sum(word in n and other not in n for n in names) * 2 > len(names)


def _column(ledger: Ledger, group: Group, words: list[str]) -> int | None:
    if not words:
        return group.value_cols[0] if len(group.value_cols) == 1 else None
    found = [c for c in group.value_cols if ledger.leaf(c) in words]
    return found[0] if len(found) == 1 else None


def _figures(doc: Document, ctx: Context, spec: dict, names: dict[str, str]):
    """{row key: (ledger, entry, col)} of the table and column `spec` declares; a row key is the
    科目编码 (a 类 printed without code gets it from its name) or, for `rows`, the row's name."""
    kinds = [t for t in statutory_tables(doc, ctx) if t.kind == spec.get("table")]
    if not kinds:
        return None, {}
    titled = kinds[0]
    ledger = ledgers(doc, ctx).get(id(titled.table))
    if ledger is None:
        return titled, {}
    if spec.get("sum"):
        return titled, _summed_rows(ledger, spec.get("rows", []), list(spec.get("column", [])))
    side = spec.get("side", "")
    groups = [g for g in ledger.groups if not side or _side(ledger, g, side)]
    if len(groups) != 1:
        return titled, {}
    group = groups[0]
    col = _column(ledger, group, list(spec.get("column", [])))
    if col is None:
        return titled, {}
    rows = spec.get("rows", [])
    out: dict[str, tuple] = {}
    for e in group.entries:
        if rows:
            key = "rows" if e.name in rows else ""
        else:
            key = e.code or names.get(e.name, "")
            if len(key) != 3:
                key = ""  # items are compared at 类 level, where every template prints them
        if key:
            if key in out:
                out[key] = None  # printed twice: not one figure
            else:
                out[key] = (ledger, e, col)
    return titled, {k: v for k, v in out.items() if v is not None}


def _summed_rows(ledger: Ledger, rows: list[str], words: list[str]) -> dict[str, list]:
    """{"rows": [(ledger, entry, col), …]}: each of `rows` found once, on either side of the table."""
    found = []
    for name in rows:
        hits = [(ledger, e, col) for g in ledger.groups for e in g.entries
                if e.name == name and (col := _column(ledger, g, words)) is not None]
        if len(hits) != 1:
            return {}
        found.append(hits[0])
    return {"rows": found}


def _class_names(doc: Document, ctx: Context) -> dict[str, str]:
    """Name → 类 code, from every coded table; a name two codes share is left out."""
    seen: dict[str, set[str]] = {}
    for ledger in ledgers(doc, ctx).values():
        for group in ledger.groups:
            for e in group.coded:
                if len(e.code) == 3 and e.name:
                    seen.setdefault(e.name, set()).add(e.code)
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


@check("BUD005")
def table_identities(doc: Document, ctx: Context) -> Iterator[Finding]:
    identities = ctx.packs.terms.get("table-identities", [])
    if not identities or not statutory_tables(doc, ctx):
        return
    names = _class_names(doc, ctx)
    rel = ctx.config.tolerance.relative
    for identity in identities:
        ta, a = _figures(doc, ctx, identity["a"], names)
        tb, b = _figures(doc, ctx, identity["b"], names)
        if not a or not b or ta.table is tb.table:
            continue
        for key in a.keys() & b.keys():
            lb, eb, cb = b[key]
            qb = eb.figure(cb)
            side_a = _side_a(ta, a[key] if isinstance(a[key], list) else [a[key]])
            if qb is None or qb.kind not in ("money", "bare") or side_a is None:
                continue
            iv_a, sa, shown_a, decimals_a, cells_a = side_a
            cell_b = eb.cells[cb]
            sb = tb.scale_of(cell_b, qb)
            if (sa is None) != (sb is None):
                continue  # one table says its unit, the other does not: not comparable
            sa, sb = sa or Decimal(1), sb or Decimal(1)
            if meet((iv_a[0] * sa, iv_a[1] * sa), in_yuan(qb, sb), rel):
                continue
            item = f"{eb.code} {eb.name}".strip() if key != "rows" else eb.name
            middle = (iv_a[0] + iv_a[1]) / 2
            expected = cells_a[0][0].value.strip() if len(cells_a) == 1 else fmt(middle, decimals_a)
            if sa != sb:  # tables in different units: say both
                expected = fmt(middle * sa / sb, qb.decimals)
                shown_a = f"{shown_a}{_UNIT_NAMES.get(sa, '')}（合{expected}{_UNIT_NAMES.get(sb, '')}）"
            yield ctx.finding(
                "BUD005", Anchor.of_cell(tb.table, cell_b),
                f"《{tb.title}》{item}的“{lb.leaf(cb)}”为 {cell_b.value.strip()}，"
                f"《{ta.title}》（表{table_number(doc, ta.table)}）同一项目为 {shown_a}",
                expected=expected, actual=cell_b.value.strip(),
                related=[(Anchor.of_cell(ta.table, cell), f"《{ta.title}》{name}") for cell, name in cells_a])


def _side_a(t: TitledTable, figures: list):
    """The reference side of an identity, one figure or the sum of several rows (blank rows are 0):
    (interval in the table's unit, 元 per unit, as shown, decimals, [(cell, row name)]); None when a
    figure is text, or nothing is printed, or the rows are in different units."""
    values, scales, cells = [], set(), []
    for _, e, col in figures:
        cell = e.cells.get(col)
        q = e.figure(col)
        if q is None:
            if cell is not None and cell.value.strip() and not is_null(cell):
                return None
            continue
        if q.kind not in ("money", "bare"):
            return None
        values.append(q)
        scales.add(t.scale_of(cell, q))
        cells.append((cell, e.name))
    if not values or len(scales) != 1:
        return None
    lo = sum(q.interval(q.scale)[0] for q in values)  # each in the unit it is shown in
    hi = sum(q.interval(q.scale)[1] for q in values)
    shown = "+".join(c.value.strip() for c, _ in cells)
    if len(cells) > 1:
        shown = f"{'+'.join(n for _, n in cells)} = {shown} = {fmt((lo + hi) / 2, max(q.decimals for q in values))}"
    return (lo, hi), scales.pop(), shown, max(q.decimals for q in values), cells
