"""Arithmetic written out in the text, read once per document:

    "预算执行率=实际支出/预算数×100%=1240.16/1275.60×100%=97.22%"     a ratio, as a percentage
    "结转结余=1256.78-1240.16=16.62万元"                               a difference, in the result's unit
    "增长率=（1256.78-1100.44）÷1100.44×100%=14.21%"                   parentheses
    "总得分=20+18+28+26.5=92.5分"                                      a sum

A formula is the run of figures joined by operators (+ - × * / ÷, parentheses) that ends in "=" and
one figure nothing follows but words or punctuation. Its figures are the quantities the extractor
found; this module only builds the expression tree and says in which measure it is written. The
check (checks/formulas.py) evaluates it on intervals.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from .quantities import OPERATORS, Quantity, same_measure

if TYPE_CHECKING:
    from . import Facts, UnitFacts

_EQUALS = "=＝"
_OPEN, _CLOSE = "(（", ")）"
_GAP_CHARS = frozenset(OPERATORS) | frozenset(_OPEN + _CLOSE + " \u00a0\u3000")
# what may follow a result for it to end the formula: not an operator or another figure
_CONTINUES = frozenset(OPERATORS) | frozenset(_EQUALS) | frozenset("0123456789０１２３４５６７８９")

_MAX_FIGURES = 40  # a longer run is a table pasted as text, not a formula (and a chain of "=" stays linear)
# an expression: a figure, or (operator, left, right); a unary minus is ("-", None, right)
Expr = Union[Quantity, tuple]


@dataclass(frozen=True, slots=True)
class Formula:
    facts: "UnitFacts"
    expr: Expr
    figures: tuple[Quantity, ...]  # its operands, in reading order
    result: Quantity
    start: int  # where the expression starts (an opening parenthesis, or its first figure)
    equals: int  # where its "=" stands, before the result
    dimensionless: bool  # a ratio: the result is a percentage or a plain number

    @property
    def text(self) -> str:
        """The expression as written, without the result."""
        return self.facts.text[self.start:self.equals].strip()

    @property
    def plain(self) -> bool:
        """Written in bare figures (and percentages): they are in the result's unit."""
        return _plain(self.figures)


def _plain(figures: tuple[Quantity, ...]) -> bool:
    return all(q.kind in ("bare", "percent") for q in figures)


def find_formulas(facts: "Facts") -> list[Formula]:
    out: list[Formula] = []
    for u in facts.units:
        text = u.text
        if "=" not in text and "＝" not in text:
            continue
        for eq, ch in enumerate(text):
            if ch in _EQUALS:
                found = _formula_at(u, eq)
                if found is not None:
                    out.append(found)
    return out


def _formula_at(u: "UnitFacts", eq: int) -> Formula | None:
    text, qs = u.text, u.quantities
    k = bisect.bisect_left(u.starts, eq)
    if k >= len(qs) or text[eq + 1:qs[k].start].strip() or qs[k].approx:
        return None
    result = qs[k]
    after = text[result.end:result.end + 2].lstrip()
    if after[:1] in _CONTINUES:
        return None  # "=1240.16/1275.60…": a step of a longer chain; its last "=" holds the result
    tokens: list = []  # read backwards: figures and operator or parenthesis characters
    pos = eq
    i = k - 1
    while i >= 0 and qs[i].end <= pos and k - i <= _MAX_FIGURES:
        q = qs[i]
        gap = text[q.end:pos]
        if any(c not in _GAP_CHARS for c in gap) or q.approx:
            break
        tokens.extend(reversed([c for c in gap if not c.isspace()]))
        tokens.append(q)
        pos = q.start
        i -= 1
    # the opening parentheses right before the first figure that the expression closes are its own
    needed = sum(t in _CLOSE for t in tokens if isinstance(t, str)) - sum(t in _OPEN for t in tokens if isinstance(t, str))
    start = pos
    while needed > 0 and start > 0 and text[start - 1] in _OPEN + " \u3000":
        start -= 1
        if text[start] in _OPEN:
            tokens.append(text[start])
            needed -= 1
    while text[start].isspace():
        start += 1
    tokens.reverse()
    figures = tuple(t for t in tokens if isinstance(t, Quantity))
    if len(figures) < 2:
        return None
    expr = _Parser(tokens).parse()
    if expr is None:
        return None
    measure = _measure(expr, figures, result)
    if measure is None:
        return None
    return Formula(u, expr, figures, result, start, eq, measure == "ratio")


class _Parser:
    """expr := term (("+"|"-") term)* ; term := factor (("*"|"/") factor)* ;
    factor := figure | "(" expr ")" | "-" factor. None when the tokens are not one whole expression."""

    def __init__(self, tokens: list):
        self.tokens = [t if isinstance(t, Quantity) else OPERATORS.get(t, "(" if t in _OPEN else ")")
                       for t in tokens]
        self.at = 0

    def parse(self) -> Expr | None:
        try:
            expr = self.expr()
        except _NoExpression:
            return None
        if self.at != len(self.tokens) or isinstance(expr, Quantity):
            return None  # leftovers, or a bare figure with nothing done to it
        return expr

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise _NoExpression
        self.at += 1
        return token

    def expr(self) -> Expr:
        left = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            left = (op, left, self.term())
        return left

    def term(self) -> Expr:
        left = self.factor()
        while self.peek() in ("*", "/"):
            op = self.take()
            left = (op, left, self.factor())
        return left

    def factor(self) -> Expr:
        token = self.take()
        if isinstance(token, Quantity):
            return token
        if token == "(":
            inner = self.expr()
            if self.take() != ")":
                raise _NoExpression
            return inner
        if token == "-":
            return ("-", None, self.factor())
        raise _NoExpression


class _NoExpression(Exception):
    pass


def _measure(expr: Expr, figures: tuple[Quantity, ...], result: Quantity) -> str | None:
    """"ratio" when the expression divides a measure by itself (its result a percentage or a plain
    number), "amount" when it stays in the measure its figures share (and the result's); None when
    it mixes measures (元 with 人, an amount times an amount) and is not checked."""
    amounts = [q for q in figures if q.kind != "percent"]
    if not amounts:
        return None
    first = amounts[0]
    plain = _plain(figures)
    if not plain and not all(same_measure(first, q) for q in amounts):
        return None
    dimension = _dimension(expr)
    if dimension == 0:
        return "ratio" if result.kind in ("percent", "bare") else None
    if dimension == 1:
        if plain:
            return "amount" if result.kind != "percent" else None  # bare figures in the result's unit
        return "amount" if same_measure(first, result) else None
    return None


def _dimension(expr: Expr) -> int | None:
    """The power of the figures' measure the expression has: 1 for an amount, 0 for a ratio (a
    percentage figure is a pure number); None for a sum of unlike terms or a square."""
    if isinstance(expr, Quantity):
        return 0 if expr.kind == "percent" else 1
    op, left, right = expr
    b = _dimension(right)
    if left is None:
        return b
    a = _dimension(left)
    if a is None or b is None:
        return None
    if op in ("+", "-"):
        return a if a == b else None
    power = a + b if op == "*" else a - b
    return power if power in (0, 1) else None
