"""PCT011, SUM008: arithmetic written out whose result is not what its figures give.

Self-evaluation reports show their working: "预算执行率=1240.16/1275.60×100%=97.22%",
"结转结余=1256.78-1240.16=16.62万元", "总得分=20+18+28+26.5=92.5分". The formula is extracted once
(extract/formulas.py); here it is evaluated on intervals, every figure standing for what its digits
allow and the printed result rounded or (a percentage) truncated, so only a result no rounding
explains is reported.
"""
from __future__ import annotations

from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Callable, Iterator

from ..engine import Context
from ..extract.formulas import Expr
from ..extract.quantities import Quantity
from ..findings import Anchor, Finding
from ..intervals import HUNDRED, Interval, add, div, fmt, meet, mul, printed_rate, sub
from ..model import Document
from ..registry import Rule, check, define

define(Rule(
    "PCT011", "formula-rate-mismatch", "percentages", "error", "写出的比率算式结果不符",
    what="正文写出的比率算式（“预算执行率=1240.16/1275.60×100%=97.22%”“（本年-上年）÷上年×100%=r%”），"
         "按算式中的数字计算，结果与等号后的百分比不符（四舍五入、截断都算相符）。",
    why="算式里的数字改了、结果没有跟着改，或结果抄自另一行：读者最容易照着算式验算。",
    bad="预算执行率=1240.16/1275.60×100%=99.22%", good="预算执行率=1240.16/1275.60×100%=97.22%"))
define(Rule(
    "SUM008", "formula-mismatch", "totals", "error", "写出的加减算式结果不符",
    what="正文写出的加减（乘以比率）算式（“结转结余=1256.78-1240.16=16.62万元”“总得分=20+18+28+26.5=92.5分”），"
         "按算式中的数字计算，结果与等号后的数字不符（四舍五入范围内算相符）。不带单位的数字按结果的单位算；"
         "单位不同（元与人）、金额乘金额的算式不核对。",
    why="分项改了、合计没有跟着改。", bad="总得分=20+18+28+26.5=90.5分", good="总得分=20+18+28+26.5=92.5分"))


@check("PCT011", "SUM008")
def written_formulas(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    relative = ctx.config.tolerance.relative
    for f in doc.facts.formulas:
        # plain figures are in the result's unit; amounts in 元 (the result converted likewise)
        try:
            computed = _evaluate(f.expr, lambda q: _leaf(q, f.plain))
            point = _evaluate(f.expr, lambda q: (_shown(q, f.plain),) * 2)[0]
        except (ZeroDivisionError, DivisionByZero, InvalidOperation):
            continue
        result = f.result
        if f.dimensionless:
            if meet(computed, _rate_interval(result, widen)):
                continue
            code = "PCT011"
            expected = f"{fmt(point * HUNDRED, result.decimals)}%" if result.kind == "percent" else fmt(point, result.decimals)
        else:
            if meet(computed, result.interval(result.scale) if f.plain else result.interval(), relative):
                continue
            code = "SUM008"
            expected = f"{fmt(point if f.plain else point / result.scale, result.decimals)}{result.unit}"
        u = f.facts
        actual = u.text[result.start:result.end]
        yield ctx.finding(code, Anchor(u.unit, result.start, result.end),
                          f"算式 {f.text} 的结果应为 {expected}，文中为 {actual}",
                          expected=expected, actual=actual, related=[(Anchor(u.unit, f.start, f.equals), "算式")])


def _rate_interval(result: Quantity, widen: Decimal) -> Interval:
    """A percentage result as a plain ratio (97.22% is 0.9722), rounded or truncated; a plain
    result (=0.97) rounded."""
    if result.kind == "percent":
        lo, hi = printed_rate(result.value, result.half_step, widen)
        return lo / HUNDRED, hi / HUNDRED
    return result.interval(result.scale)


def _leaf(q: Quantity, plain: bool) -> Interval:
    """What a figure of the formula can stand for, a percentage as a plain ratio."""
    if q.kind == "percent":
        if q.value == HUNDRED:
            return Decimal(1), Decimal(1)  # ×100% converts, it is not a measurement
        lo, hi = q.interval(q.scale)
        return lo / HUNDRED, hi / HUNDRED
    return q.interval(q.scale) if plain else q.interval()


def _shown(q: Quantity, plain: bool) -> Decimal:
    """The figure as printed: what the message says the result should be is computed from these."""
    if q.kind == "percent":
        return q.value / HUNDRED
    return q.value if plain else q.base_value


_APPLY = {"+": add, "-": sub, "*": mul, "/": div}


def _evaluate(expr: Expr, leaf: Callable[[Quantity], Interval]) -> Interval:
    """The expression on intervals, each figure read by `leaf` (a figure as printed is an interval
    of one point)."""
    if isinstance(expr, Quantity):
        return leaf(expr)
    op, left, right = expr
    b = _evaluate(right, leaf)
    if left is None:
        return -b[1], -b[0]
    return _APPLY[op](_evaluate(left, leaf), b)
