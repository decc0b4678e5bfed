"""Interval arithmetic on displayed numbers (as Arelle's calculation 1.1 and statcheck do).

A value shown with d decimals stands for the interval value ± 0.5·10^-d. Two statements agree when
their intervals can meet; only a difference no rounding can explain is reported.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from .extract.quantities import Quantity

Interval = tuple[Decimal, Decimal]
HUNDRED = Decimal(100)  # a ratio as a percentage, and the whole the shares of one total make


def interval_of(q: Quantity, whole_exact: bool = False) -> Interval:
    """What a displayed figure can stand for. A whole number is exact when `whole_exact` (a table of
    counts: nobody rounds 21 applications), and a 0 shown without decimals always is: it says nothing."""
    if q.decimals == 0 and (whole_exact or q.value == 0):
        return q.value * q.scale, q.value * q.scale
    return q.interval()


def printed_rate(value: Decimal, half_step: Decimal, widen: Decimal = Decimal(0)) -> Interval:
    """What a printed rate (a percentage) can stand for: rounded (± half a digit) or truncated, as
    spreadsheets that cut digits do (up to a whole digit further from zero: 95.4571% printed 95.45%).
    So [p − ½, p + 1) digit for a positive rate, (p − 1, p + ½] for a negative one; `widen` more
    points on each side (tolerance.percent-points)."""
    lo, hi = value - half_step - widen, value + half_step + widen
    if value > 0:
        hi += half_step
    elif value < 0:
        lo -= half_step
    return lo, hi


def sum_interval(quantities: Iterable[Quantity], scale: Decimal = Decimal(1), whole_exact: bool = False) -> Interval:
    lo = hi = Decimal(0)
    for q in quantities:
        a, b = interval_of(q, whole_exact) if scale == 1 else q.interval(scale)
        lo += a
        hi += b
    return lo, hi


def add(a: Interval, b: Interval) -> Interval:
    return a[0] + b[0], a[1] + b[1]


def sub(a: Interval, b: Interval) -> Interval:
    return a[0] - b[1], a[1] - b[0]


def mul(a: Interval, b: Interval) -> Interval:
    products = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(products), max(products)


def div(a: Interval, b: Interval) -> Interval:
    """a ÷ b; a divisor interval that holds 0 has no bound and raises ZeroDivisionError."""
    if b[0] <= 0 <= b[1]:
        raise ZeroDivisionError("divisor interval contains 0")
    quotients = (a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1])
    return min(quotients), max(quotients)


def meet(a: Interval, b: Interval, relative: Decimal = Decimal(0)) -> bool:
    """Do the intervals overlap, after widening each by `relative` of its magnitude?"""
    wa = max(abs(a[0]), abs(a[1])) * relative
    wb = max(abs(b[0]), abs(b[1])) * relative
    return a[0] - wa <= b[1] + wb and b[0] - wb <= a[1] + wa


def exceeds(parts: Interval, total: Interval, relative: Decimal = Decimal(0)) -> bool:
    """Are the parts surely more than the total (whatever the rounding)?"""
    return parts[0] > total[1] + max(abs(total[1]), abs(parts[0])) * relative


def fmt(value: Decimal, decimals: int | None = None) -> str:
    """A plain decimal string: no exponent, trailing zeros trimmed unless `decimals` is given."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
