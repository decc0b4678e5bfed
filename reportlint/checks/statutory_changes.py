"""BUD012: a change the 情况说明 states ("比上年预算减少0.50万元，下降4.00%") against the two years a
statutory table prints ("2025年预算数 | 2026年预算数").

A change is checked only when its current figure is one BUD001 finds in the table (same cell, this
year's column), the comparison names last year (上年, or the year before the report's), and the table
has exactly one column of last year's figures that is otherwise the same as this year's, of the same
stage as the comparison names (比上年预算 → a 预算数 column, 比上年执行数 → an 执行数 column). The
amounts are compared as intervals of their displayed digits, in 元.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..engine import Context
from ..extract.changes import Change
from ..extract.statutory import (
    TitledTable,
    column_key,
    column_year,
    headers_over,
    in_yuan,
    period_stage,
    same_figure_in,
)
from ..extract.tables import cell_number, is_null, row_label
from ..findings import Anchor, Finding
from ..intervals import Interval, div, fmt, meet, printed_rate, sub
from ..model import Cell, Document
from ..registry import Rule, check, define
from .statutory import Figure, column_pairs, statement_pairs

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

HUNDRED = Decimal(100)
_LAST_YEAR = ("上年", "上一年", "去年")


def _names_last_year(ch: Change, period: int) -> bool:
    if ch.year is not None:
        return ch.year == period - 1
    return any(w in ch.target for w in _LAST_YEAR)


def _stage_over(t: TitledTable, cell: Cell) -> str | None:
    """budget or outturn, as the headers over the cell's column say."""
    return period_stage("".join(c.value for c in headers_over(t.table, cell.col)))


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
    for u, q, t, figures in pairs:
        ch = by_current.get((id(u), q.start))
        if ch is None or id(ch) in done:
            continue
        for cell, value, scale in figures:
            if column_year(t.table, cell.col, period) != period or not meet(q.interval(), in_yuan(value, scale), rel):
                continue
            before = same_figure_in(t.table, cell, period - 1, period)
            if before is None or (period_stage(ch.target) or _stage_over(t, cell)) != _stage_over(t, before):
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
                    f"{period}年为 {cell.value.strip()}，{_table_change(ch, value, scale, earlier)}",
                    expected=expected, actual=actual,
                    related=[(Anchor.of_cell(t.table, cell), f"{period}年"), (Anchor.of_cell(t.table, before), f"{period - 1}年")])
            break


def _row_name(t: TitledTable, cell: Cell) -> str:
    """The label of the cell's row, in a table of items by row."""
    row = next((r for r in t.table.rows if any(c is cell for c in r)), [])
    return row_label(row)[0]


def _figure(t: TitledTable, cell: Cell) -> Figure | None:
    value = cell_number(cell)
    if value is None:
        return None if not is_null(cell) else (cell, None, Decimal(1))  # a blank figure is nil
    scale = t.scale_of(cell, value)
    if scale is None or value.kind not in ("money", "bare"):
        return None
    return cell, value, scale


def _yuan(f: Figure) -> Interval:
    _, value, scale = f
    return (Decimal(0), Decimal(0)) if value is None else in_yuan(value, scale)


def _mid(f: Figure) -> Decimal:
    _, value, scale = f
    return Decimal(0) if value is None else value.value * scale


def _said(ch: Change, q) -> str:
    return ch.facts.text[q.start:q.end]


def _table_change(ch: Change, value, scale, earlier: Figure) -> str:
    """The change the table's two figures give, in the words and unit of the text."""
    diff = value.value * scale - _mid(earlier)
    if diff == 0:
        return "没有变化"
    word = "增加" if diff > 0 else "减少"
    like = ch.delta or ch.current
    unit = like.unit if like.unit in ("元", "万元", "亿元") else "元"
    amount = fmt(abs(diff) / like.scale, like.decimals) + unit
    base = _mid(earlier)
    rate = f"（{fmt(abs(diff) / base * HUNDRED, ch.rate.decimals if ch.rate else 2)}%）" if base > 0 else ""
    return f"{word}{amount}{rate}"


def _mismatch(ch: Change, current: Figure, earlier: Figure, rel: Decimal, widen: Decimal):
    """The first thing the text states about the change that the table's two figures contradict: the
    base it states, the direction, the change amount, or (when it states neither base nor amount, so
    that PCT005 cannot recompute it) the rate. None when everything agrees."""
    text_anchor = lambda q: Anchor(ch.facts.unit, q.start, q.end)  # noqa: E731
    diff = sub(_yuan(current), _yuan(earlier))
    b, d, r = ch.base, ch.delta, ch.rate
    if b is not None and b.exact and b.kind == "money" and not meet(b.interval(), _yuan(earlier), rel):
        shown = fmt(_mid(earlier) / b.scale, b.decimals) + (b.unit or "元")
        return text_anchor(b), f"文中上年数{_said(ch, b)}", shown, _said(ch, b)
    word_anchor = Anchor(ch.facts.unit, ch.word_at, ch.word_at + len(ch.word))
    surely_up, surely_down = diff[0] > 0 and not meet(diff, (Decimal(0), Decimal(0)), rel), \
        diff[1] < 0 and not meet(diff, (Decimal(0), Decimal(0)), rel)
    if ch.direction == "flat" and (surely_up or surely_down) or \
            ch.direction == "up" and surely_down or ch.direction == "down" and surely_up:
        return word_anchor, f"文中写“{ch.word}”", "增加" if surely_up else "减少", ch.word
    sign = -1 if ch.direction == "down" else 1
    if d is not None and d.exact and d.kind == "money":
        lo, hi = d.interval()
        stated = (lo, hi) if sign > 0 else (-hi, -lo)
        if not meet(stated, diff, rel):
            shown = fmt(abs(_mid(current) - _mid(earlier)) / d.scale, d.decimals) + (d.unit or "元")
            return text_anchor(d), f"文中{ch.word}{_said(ch, d)}", shown, _said(ch, d)
        return None
    if r is None or not r.exact or b is not None or ch.direction == "flat":
        return None
    base = _yuan(earlier)
    if base[0] <= 0:
        return None
    lo, hi = div(diff, base)
    lo_r, hi_r = printed_rate(sign * r.value, r.half_step)
    if lo * HUNDRED <= hi_r + widen and lo_r - widen <= hi * HUNDRED:
        return None
    shown = fmt(abs(_mid(current) - _mid(earlier)) / _mid(earlier) * HUNDRED, r.decimals) + "%"
    return text_anchor(r), f"文中{ch.word}{_said(ch, r)}", shown, _said(ch, r)
