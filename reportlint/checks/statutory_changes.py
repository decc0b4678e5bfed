"""BUD012, BUD013: what the 情况说明 says about two figures of one statutory table row — a change
between the two years the table prints (BUD012: "比上年预算减少0.50万元，下降4.00%" against "2025年预算数
| 2026年预算数"), and a completion rate between its 预算数 and 决算数 (BUD013: "公务接待费支出决算为
2.50万元，完成预算的83.33%" against "预算数 | 决算数").

A change is checked only when its current figure is one BUD001 finds in the table (same cell, this
year's column), the comparison names last year (上年, or the year before the report's), and the table
has exactly one column of last year's figures that is otherwise the same as this year's, of the same
stage as the comparison names (比上年预算 → a 预算数 column, 比上年执行数 → an 执行数 column). The
amounts are compared as intervals of their displayed digits, in 元.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract import UnitFacts
from ..extract.changes import Change
from ..extract.labels import phrase_before, sentence_bounds
from ..extract.quantities import Quantity
from ..extract.statutory import (
    Figure,
    TitledTable,
    budget_kind,
    column_key,
    column_year,
    in_yuan,
    period_stage,
    row_of,
    same_figure_in,
    stage_over,
)
from ..extract.tables import is_null, row_label
from ..findings import Anchor, Finding
from ..intervals import HUNDRED, Interval, div, fmt, meet, printed_rate, sub
from ..model import Cell, Document
from ..registry import Rule, check, define
from .statutory import column_pairs, in_unit_of, item_pairs, statement_pairs

define(Rule(
    "BUD012", "change-differs-from-table", "consistency", "warning", "说明中的增减与报表的两个年度不符",
    what="情况说明写“X万元，比上年（预算）增加/减少Δ万元，增长/下降r%”，而法定报表同时列出本年和上年的数"
         "（“2025年预算数 | 2026年预算数”，或“上年预算数 | 本年预算数”）：X与本年数相符时，用表中两个年度的数"
         "核对文中的上年数、增减方向、增减额，以及（文中只给了比率时）增减率。比较的口径须一致：比上年预算的"
         "只比表中上年预算数，比上年执行数（决算数）的只比执行数（决算数）。",
    why="本年数改了，增减额和增减率却沿用旧稿；或者增减是按别的口径（上年执行数）算的。",
    bad="2026年“三公”经费预算12.00万元，比上年预算减少0.80万元。（表中2025年预算数12.50，2026年预算数12.00）",
    good="2026年“三公”经费预算12.00万元，比上年预算减少0.50万元。",
    options="tolerance.relative 与 tolerance.percent-points。"))

define(Rule(
    "BUD013", "budget-rate-differs-from-table", "consistency", "warning", "说明中的完成预算比例与报表的预算数、决算数不符",
    what="情况说明写“X支出决算为B万元，完成（年初）预算的p%”而句中没有给出预算数，法定报表（“三公”经费表）同一项目"
         "列出了预算数和决算数：B与决算数相符时，用表中的决算数÷预算数核对p（打印的百分比可以是四舍五入或截断的"
         "结果）。句中给出了预算数的，由 PCT003 用句中的两个数核对。完成调整预算、全年预算的，只比表头写明调整、"
         "全年的预算数列。",
    why="逐项说明常复制上一项，决算数改了，完成预算的比例没改；或比例是按别的预算数算的。",
    bad="公务接待费支出决算为2.50万元，完成预算的100.00%。（表中公务接待费预算数3.00，决算数2.50）",
    good="公务接待费支出决算为2.50万元，完成预算的83.33%。",
    options="tolerance.percent-points。"))

_BUDGET_RATE = patterns.compile(r"完成(?:年初|全年|调整)?预算(?:数)?的\s*$")
_RATE_REACH = 16  # characters between a figure and the rate that follows it ("，完成年初预算的")
_LAST_YEAR = ("上年", "上一年", "去年")


def _names_last_year(ch: Change, period: int) -> bool:
    if ch.year is not None:
        return ch.year == period - 1
    return any(w in ch.target for w in _LAST_YEAR)


@check("BUD012")
def changes_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    by_current = {(id(ch.facts), ch.current.start): ch for ch in doc.facts.changes
                  if ch.current is not None and _names_last_year(ch, period)}
    if not by_current:
        return
    rel = ctx.config.tolerance.relative
    done: set[int] = set()
    pairs = [(u, q, t, [f]) for u, q, t, f, _ in statement_pairs(doc, ctx)]
    pairs += [(u, q, t, figures) for u, q, t, figures, _, _, _ in column_pairs(doc, ctx)]
    for u, q, _, _, figures in item_pairs(doc, ctx):  # a 功能分类 item: its line in each table
        by_table: dict[int, tuple[TitledTable, list[Figure]]] = {}
        for t, f in figures:
            by_table.setdefault(id(t), (t, []))[1].append(f)
        pairs += [(u, q, t, fs) for t, fs in by_table.values()]
    for u, q, t, figures in pairs:
        ch = by_current.get((id(u), q.start))
        if ch is None or id(ch) in done:
            continue
        for cell, value, scale in figures:
            if column_year(t.table, cell.col, period) != period or not meet(q.interval(), in_yuan(value, scale), rel):
                continue
            stage = period_stage(ch.target) or period_stage(stage_over(t.table, cell.col))
            before = same_figure_in(t.table, cell, period, year=period - 1, stage=stage)
            if before is None:
                continue
            earlier = _figure(t, before)
            if earlier is None:
                continue
            done.add(id(ch))
            found = _mismatch(ch, (cell, value, scale), earlier, rel, ctx.config.tolerance.percent_points)
            if found is not None:
                anchor, what, expected, actual = found
                name = "/".join(column_key(t.table, cell.col, period)) or _row_name(t, cell)
                yield ctx.finding(
                    "BUD012", anchor,
                    f"{what}与《{t.title}》不符：表中{name and f'“{name}”'}{period - 1}年为 {before.value.strip()}，"
                    f"{period}年为 {cell.value.strip()}，{_table_change(ch, (cell, value, scale), earlier)}",
                    expected=expected, actual=actual,
                    related=[(Anchor.of_cell(t.table, cell), f"{period}年"),
                             (Anchor.of_cell(t.table, before), f"{period - 1}年")])
            break


def _row_name(t: TitledTable, cell: Cell) -> str:
    """The label of the cell's row, in a table of items by row."""
    return row_label(row_of(t.table, cell))[0]


def _figure(t: TitledTable, cell: Cell) -> Figure | None:
    """The cell's amount; a blank cell is nil (its figure None)."""
    return (cell, None, Decimal(1)) if is_null(cell) else t.amount(cell)


_NIL = (Decimal(0), Decimal(0))


def _yuan(f: Figure) -> Interval:
    _, value, scale = f
    return _NIL if value is None else in_yuan(value, scale)


def _mid(f: Figure) -> Decimal:
    _, value, scale = f
    return Decimal(0) if value is None else value.value * scale


def _table_change(ch: Change, current: Figure, earlier: Figure) -> str:
    """The change the table's two figures give, in the words and unit of the text."""
    diff, base = _mid(current) - _mid(earlier), _mid(earlier)
    if diff == 0:
        return "没有变化"
    rate = f"（{fmt(abs(diff) / base * HUNDRED, ch.rate.decimals if ch.rate else 2)}%）" if base > 0 else ""
    return f"{'增加' if diff > 0 else '减少'}{in_unit_of(abs(diff), ch.delta or ch.current)}{rate}"


def _mismatch(ch: Change, current: Figure, earlier: Figure, rel: Decimal,
              widen: Decimal) -> tuple[Anchor, str, str, str] | None:
    """The first thing the text states about the change that the table's two figures contradict — the
    base it states, the direction, the change amount, or (when it states neither base nor amount, so
    that PCT005 cannot recompute it) the rate — as (evidence, what the text says, expected, actual).
    None when everything agrees."""
    text = ch.facts.text

    def stated(q: Quantity, what: str, expected: str) -> tuple[Anchor, str, str, str]:
        return Anchor(ch.facts.unit, q.start, q.end), what + text[q.start:q.end], expected, text[q.start:q.end]

    diff = sub(_yuan(current), _yuan(earlier))
    b, d, r = ch.base, ch.delta, ch.rate
    if b is not None and b.exact and b.kind == "money" and not meet(b.interval(), _yuan(earlier), rel):
        return stated(b, "文中上年数", in_unit_of(_mid(earlier), b))
    moved = not meet(diff, _NIL, rel)
    up, down = moved and diff[0] > 0, moved and diff[1] < 0
    if (ch.direction == "flat" and moved) or (ch.direction == "up" and down) or (ch.direction == "down" and up):
        return (Anchor(ch.facts.unit, ch.word_at, ch.word_at + len(ch.word)), f"文中写“{ch.word}”",
                "增加" if up else "减少", ch.word)
    sign = -1 if ch.direction == "down" else 1
    if d is not None and d.exact and d.kind == "money":
        lo, hi = d.interval()
        if meet((lo, hi) if sign > 0 else (-hi, -lo), diff, rel):
            return None
        return stated(d, f"文中{ch.word}", in_unit_of(abs(_mid(current) - _mid(earlier)), d))
    if r is None or not r.exact or b is not None or ch.direction == "flat":
        return None
    base = _yuan(earlier)
    if base[0] <= 0:
        return None
    lo, hi = div(diff, base)
    if meet(printed_rate(sign * r.value, r.half_step, widen), (lo * HUNDRED, hi * HUNDRED)):
        return None
    return stated(r, f"文中{ch.word}", fmt(abs(_mid(current) - _mid(earlier)) / _mid(earlier) * HUNDRED, r.decimals) + "%")


@check("BUD013")
def budget_rates_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    rel, widen = ctx.config.tolerance.relative, ctx.config.tolerance.percent_points
    for u, q, t, figures, _, _, spec in column_pairs(doc, ctx):
        rate = _rate_after(u, q)
        if rate is None:
            continue
        said = _BUDGET_RATE.search(u.text, q.end, rate.start)
        if said is None or _budget_stated(u, q, rate):
            continue  # a rate whose budget the sentence states is PCT003's
        for cell, value, scale in figures:
            if period_stage(stage_over(t.table, cell.col)) != "outturn" or not meet(q.interval(), in_yuan(value, scale), rel):
                continue
            budget = same_figure_in(t.table, cell, period, year=column_year(t.table, cell.col, period),
                                    stage="budget", budget=budget_kind(said.group()))
            planned = t.amount(budget) if budget is not None else None
            if planned is None:
                break
            den = _yuan(planned)
            if den[0] <= 0:
                break
            lo, hi = div(in_yuan(value, scale), den)
            if meet(printed_rate(rate.value, rate.half_step, widen), (lo * HUNDRED, hi * HUNDRED)):
                break
            expected = fmt(value.value * scale / _mid(planned) * HUNDRED, rate.decimals) + "%"
            name = spec["names"][0]
            yield ctx.finding(
                "BUD013", Anchor(u.unit, rate.start, rate.end),
                f"{name}{said.group().strip()}比例应为 决算数 {cell.value.strip()} ÷ 预算数 {budget.value.strip()} = "
                f"{expected}（《{t.title}》），文中为 {u.text[rate.start:rate.end]}",
                expected=expected, actual=u.text[rate.start:rate.end],
                related=[(Anchor.of_cell(t.table, cell), "决算数"), (Anchor.of_cell(t.table, budget), "预算数")])
            break


def _rate_after(u: UnitFacts, q: Quantity) -> Quantity | None:
    """The percentage that follows a figure in the same clause, nothing but words between."""
    following = u.after(q)
    if following is None or following.kind != "percent" or not following.exact:
        return None
    between = u.text[q.end:following.start]
    if len(between) > _RATE_REACH or any(ch in between for ch in "。；;"):
        return None
    return following


def _budget_stated(u: UnitFacts, q: Quantity, rate: Quantity) -> bool:
    """Does the sentence state a budget figure for this rate: after its start and any earlier percentage
    ("年初预算为A，支出决算为B，完成年初预算的p%")?"""
    start = sentence_bounds(u.text, q.start)[0]
    start = max([start] + [f.end for f in u.quantities if f.kind == "percent" and start <= f.start and f.end <= q.start])
    return any(f is not q and f.kind == "money" and start <= f.start and f.end <= rate.start
               and "预算" in phrase_before(u.text, f.start) for f in u.quantities)
