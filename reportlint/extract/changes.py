"""Change statements: "X万元，比上年(预算)增加Δ万元，增长r%" and its relatives, read once per document.

    "机关运行经费184.65万元，比2023年度增加2.55万元，增长1.40%"   current, Δ, rate
    "执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%"
                                                                    base stated earlier by its label
    "2023年支出5.20万元，较2022年6.50万元下降20.00%"                base right after 较
    "政府性基金拨款支出预算0万元，与2026年预算持平"                    flat

A change amount Δ is never a part of a total and never a base; `change_spans` lets the relation
extractor leave it out. The rules (checks/changes.py) read `Change` objects; none re-parses the
sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from . import Facts, UnitFacts
from .dates import YEAR_MENTION
from .labels import clause_bounds, label_before, sentence_bounds
from .quantities import Quantity, same_measure

UP_WORDS = ("增长", "增加", "上升", "提高", "上涨")
DOWN_WORDS = ("下降", "减少", "降低", "下滑", "回落")
DIRECTION_WORDS = "|".join(UP_WORDS + DOWN_WORDS)  # one list for every pattern below and the rules
_DIRECTION = patterns.compile(rf"({DIRECTION_WORDS}|持平)了?(?:约)?\s*")
_COMPARE = patterns.compile(r"(?<![无相])(?:同比|较|比|与|相比)")
_DIRECTION_BEFORE = patterns.compile(rf"(?:{DIRECTION_WORDS})了?\s*$")
_BASE_WORDS = patterns.compile(r"(执行数|决算数|预算数|决算|预算|实际数|完成数|上年|上年度)")


@dataclass(frozen=True, slots=True)
class Change:
    facts: UnitFacts
    compare_at: int  # offset of 比/较/与
    target: str  # what the comparison names: "2025年预算执行数", "上年"
    year: int | None  # the year the comparison names, if any
    current: Quantity | None
    base: Quantity | None  # stated earlier value
    delta: Quantity | None  # the change amount (never a part, never a base)
    rate: Quantity | None  # the change as a percentage
    direction: str  # "up", "down", "flat"
    word: str  # the direction word as written (增加 …)
    word_at: int

    @property
    def moved(self) -> str | None:
        """"up" or "down" when the stated base and current can only differ that way, else None."""
        c, b = self.current, self.base
        if c is None or b is None or not (c.exact and b.exact):
            return None
        (c1, c2), (b1, b2) = c.interval(), b.interval()
        return "up" if c1 > b2 else "down" if c2 < b1 else None


def _direction(word: str) -> str:
    if word == "持平":
        return "flat"
    return "up" if word in UP_WORDS else "down"


def find_changes(facts: Facts) -> list[Change]:
    out: list[Change] = []
    for u in facts.units:
        if "比" not in u.text and "较" not in u.text and "与" not in u.text:
            continue
        out.extend(_changes_in(u))
    return out


def _changes_in(u: UnitFacts) -> list[Change]:
    text = u.text
    found: list[Change] = []
    for cm in _COMPARE.finditer(text):
        s, e = sentence_bounds(text, cm.start())
        # the direction word that this comparison governs: the first after the compared figure
        dm = _DIRECTION.search(text, cm.end(), min(e, cm.end() + 60))
        if dm is None:
            continue
        nxt = _COMPARE.search(text, cm.end(), e)
        if nxt is not None and nxt.group(0) == "相比" and cm.group(0) in ("与", "较"):
            nxt = _COMPARE.search(text, nxt.end(), e)  # "与2023年度相比，X减少Δ": 相比 closes this comparison
        if nxt is not None and nxt.start() < dm.start():
            continue  # another comparison starts first: this one is not a change statement
        target = text[cm.end():dm.start()].strip(" ，,")
        closer = target.find("相比")
        if closer >= 0:
            target = target[:closer]
        base = None
        inline = [q for q in u.quantities if cm.end() <= q.start and q.end <= dm.start() and q.kind in ("money", "count")]
        if len(inline) == 1:
            base = inline[0]  # "较2022年6.50万元下降"
        elif inline:
            continue
        word = dm.group(1)
        direction = _direction(word)
        delta = rate = None
        pos = dm.end()
        limit = nxt.start() if nxt is not None else e
        for q in u.quantities:
            if q.start < pos or q.start >= limit:
                continue
            gap = text[pos:q.start]
            if len(gap) > 8 or any(ch in gap for ch in "。；;"):
                break
            if q.kind == "percent" and rate is None:
                rate = q
                pos = q.end
            elif q.kind in ("money", "count") and delta is None and rate is None:
                delta = q
                pos = q.end
            else:
                break
            more = _DIRECTION.match(text, pos + (1 if text[pos:pos + 1] in "，,、" else 0))
            if more:
                pos = more.end()
        current = _current(u, s, cm.start(), base or delta)
        if base is None and current is not None:
            base = _labelled_base(u, s, cm.start(), target, current)
        year_m = YEAR_MENTION.search(target)
        year = int(year_m.group(1)) if year_m else None
        found.append(Change(u, cm.start(), target, year, current, base, delta, rate, direction, word, dm.start()))
    return found


def _current(u: UnitFacts, s: int, compare_at: int, like: Quantity | None) -> Quantity | None:
    """The figure being compared: the last amount before 比 in the sentence (or the sentence before,
    for a sentence that starts with the comparison)."""
    def ok(q: Quantity) -> bool:
        return q.kind in ("money", "count") and (like is None or same_measure(q, like))

    cands = [q for q in u.quantities if s <= q.start and q.end <= compare_at and ok(q)]
    if cands:
        return cands[-1]
    if u.text[s:compare_at].strip(" 。，,") == "" and s > 0:
        ps, _ = sentence_bounds(u.text, s - 1)
        cands = [q for q in u.quantities if ps <= q.start and q.end <= s and ok(q)]
        return cands[-1] if cands else None
    return None


def _labelled_base(u: UnitFacts, s: int, compare_at: int, target: str, current: Quantity) -> Quantity | None:
    """"执行数为P…安排X，比…执行数增加r%": the earlier figure whose label names what 比 names."""
    words = {m.group(1) for m in _BASE_WORDS.finditer(target)}
    if not words:
        return None
    best = None
    s = max(s, clause_bounds(u.text, compare_at)[0])  # not across a ；: another item's figures
    for q in u.quantities:
        if q.start < s or q.end > current.start or q is current or not same_measure(q, current):
            continue
        if direction_word_before(u.text, q):
            continue  # "增加793.14万元" is a change amount, not a stated earlier value
        label = label_before(u.text, q.start)
        if any(w in label for w in words) and not any(w in label for w in ("安排", "增加", "减少")):
            best = q
    return best


def direction_word_before(text: str, q: Quantity) -> regex.Match | None:
    """The direction word right before a figure ("增加793.14万元", "增长 13.95"), if one stands there."""
    return _DIRECTION_BEFORE.search(text, max(0, q.start - 4), q.start)


def change_spans(facts: Facts) -> dict[int, set[int]]:
    """Per unit (by id), the start offsets of change amounts Δ: never parts, never bases."""
    out: dict[int, set[int]] = {}
    for ch in facts.changes:
        spans = out.setdefault(id(ch.facts), set())
        if ch.delta is not None:
            spans.add(ch.delta.start)
        # the rest of a change sentence itemises it: "比上年减少0.15万元，其中：公务接待费减少0.15万元"
        text = ch.facts.text
        _, end = sentence_bounds(text, ch.word_at)
        for q in ch.facts.quantities:
            if ch.word_at < q.start < end and q.kind in ("money", "count") and \
                    direction_word_before(text, q):
                spans.add(q.start)
    return out
