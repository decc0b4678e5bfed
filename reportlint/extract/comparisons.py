"""Statements that compare the outturn with the budget in words ("决算数小于预算数"), paired with the
two figures they compare.

The 决算 template explains each item as "年初预算为A万元，支出决算为B万元。决算数小于预算数的主要原因：…"
(or "…大于…", "决算数与预算数持平"). A statement is read with the budget figure and the outturn figure
stated before it — in its own sentence, else in the sentence before — after any earlier statement, and
only when each of the two is one figure: a sentence listing several budgets pairs nothing.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import patterns
from .labels import phrase_before, sentence_bounds
from .quantities import Quantity

if TYPE_CHECKING:
    from . import Facts, UnitFacts

_BUDGET_NAME = r"(?:年初|调整|全年)?预算数?"
_STATEMENT = patterns.compile(
    rf"决算数?(?:(?P<order>大于|小于|高于|低于|超过|超出|少于|多于){_BUDGET_NAME}"
    rf"|(?:同|与|和|较|比){_BUDGET_NAME}(?P<hedge>基本|大致|大体|略)?(?P<same>持平|相当|一致|相等))")
_RELATION = {"大于": "gt", "高于": "gt", "超过": "gt", "超出": "gt", "多于": "gt", "小于": "lt", "低于": "lt",
             "少于": "lt"}
# what the phrase before a figure says it is (the phrase is cut at commas: "支出决算为", "年初预算为")
_OUTTURN_WORDS = ("决算", "实际支出", "执行数")
_BUDGET_WORDS = ("年初预算", "调整预算", "全年预算", "预算数", "预算为", "预算安排")


@dataclass(frozen=True, slots=True)
class Comparison:
    facts: "UnitFacts"
    start: int  # the statement, in facts.text
    end: int
    relation: str  # "gt", "lt" or "eq": outturn relation budget
    hedged: bool  # 基本持平, 大致相当: equal within a margin the text does not give
    outturn: Quantity
    budget: Quantity


def _role(text: str, q: Quantity) -> str | None:
    phrase = phrase_before(text, q.start)
    if any(w in phrase for w in _OUTTURN_WORDS):
        return "outturn"
    if any(w in phrase for w in _BUDGET_WORDS):
        return "budget"
    return None


def _between(u: "UnitFacts", lo: int, hi: int) -> list[Quantity]:
    """The quantities wholly inside [lo, hi), found by bisection (a unit may hold thousands)."""
    first, last = bisect.bisect_left(u.starts, lo), bisect.bisect_left(u.starts, hi)
    return [q for q in u.quantities[first:last] if q.end <= hi]


def _statements(u: "UnitFacts") -> list[Comparison]:
    text, out = u.text, []
    floor = 0
    for m in _STATEMENT.finditer(text):
        s, _ = sentence_bounds(text, m.start())
        window = _between(u, max(s, floor), m.start())
        if not window and s > floor:
            s, _ = sentence_bounds(text, s - 1)
            window = _between(u, max(s, floor), m.start())
        floor = m.end()
        money = [q for q in window if q.kind == "money" and q.exact]
        roles = [_role(text, q) for q in money]
        outturn = [q for q, r in zip(money, roles) if r == "outturn"]
        budget = [q for q, r in zip(money, roles) if r == "budget"]
        if len(outturn) != 1 or len(budget) != 1 or len(money) != 2:
            continue
        relation = _RELATION.get(m.group("order") or "", "eq")
        out.append(Comparison(u, m.start(), m.end(), relation, m.group("hedge") is not None, outturn[0], budget[0]))
    return out


def find_comparisons(facts: "Facts") -> list[Comparison]:
    return [c for u in facts.prose() if "决算" in u.text for c in _statements(u)]
