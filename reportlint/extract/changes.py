"""Change statements: "X万元，比上年(预算)增加Δ万元，增长r%" and its relatives, read once per document.

    "机关运行经费184.65万元，比2023年度增加2.55万元，增长1.40%"   current, Δ, rate
    "执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%"
                                                                    base stated earlier by its label
    "2023年支出5.20万元，较2022年6.50万元下降20.00%"                base right after 较
    "政府性基金拨款支出预算0万元，与2026年预算持平"                    flat
    "收入由500亿元增加到600亿元，增长20%"                            from-to: base, current
    "研发投入强度从2.1%提高到2.6%，提高0.5个百分点"                    from-to in percentage points
    "2025年达到120亿元，比2020年的100亿元年均增长3.7%"               annual: compounded over the years

A change amount Δ is never a part of a total and never a base; `change_spans` lets the relation
extractor leave it out. The rules (checks/changes.py) read `Change` objects; none re-parses the
sentence.
"""
from __future__ import annotations

import bisect
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
_HAN_ONLY = patterns.compile(r"\P{Han}+")
_ANNUAL = ("年均", "年平均", "平均每年", "每年平均")
# "从/由 [2020年的] A [提高]到/至 [2025年的] B": what may stand between 从 and A, and between A and B
_FROM = patterns.compile(r"[从由]")
_FROM_GAP = patterns.compile(r"(?:(?P<year>(?:19|20)[0-9]{2})年(?:底|末|初)?的?)?")
_TO_GAP = patterns.compile(
    rf"(?:{DIRECTION_WORDS}|提升|上升|跃升|攀升|扩大|缩小|缩减|压减|增|升|降|减)?(?:到|至)"
    r"(?:(?P<year>(?:19|20)[0-9]{2})年(?:底|末)?的?)?")
# after B: the stated change, right after a comma ("，增长20%", "，累计提高0.5个百分点", "，年均增长3.7%")
_AFTER_TO = patterns.compile(rf"[，,]?(?:累计|共)?(?P<annual>{'|'.join(_ANNUAL)})?(?P<word>{DIRECTION_WORDS})了?(?:约)?\s*")


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
    points: Quantity | None = None  # the change in percentage points ("提高0.5个百分点")
    annual: bool = False  # 年均增长: a rate per year, compounded between `years`
    years: tuple[int | None, int | None] = (None, None)  # of base and current, where stated (for `annual`)

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
        text = u.text
        here = _changes_in(u) if "比" in text or "较" in text or "与" in text else []
        if "到" in text or "至" in text:
            here = sorted(here + _from_to(u), key=lambda ch: ch.compare_at)  # in reading order
        out.extend(here)
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
        subject = ""  # "与上年相比，“三公”经费减少Δ": what the sentence says changed
        closer = target.find("相比")
        if closer >= 0:
            target, subject = target[:closer], target[closer + 2:]
        base = None
        inline = [q for q in u.quantities if cm.end() <= q.start and q.end <= dm.start() and q.kind in ("money", "count")]
        if len(inline) == 1:
            base = inline[0]  # "较2022年6.50万元下降"
        elif inline:
            continue
        word = dm.group(1)
        delta, rate, points = _stated(u, dm.end(), nxt.start() if nxt is not None else e)
        current = _current(u, s, cm.start(), base or delta, subject)
        if base is None and current is not None:
            base = _labelled_base(u, s, cm.start(), target, current)
        year_m = YEAR_MENTION.search(target)
        year = int(year_m.group(1)) if year_m else None
        annual = target.endswith(_ANNUAL)
        # the current figure's year matters only to a rate per year ("2025年…达到120亿元，比2020年…年均")
        years = (year, _year_before(text, s, current.start) if annual and current is not None else None)
        found.append(Change(u, cm.start(), target, year, current, base, delta, rate, _direction(word), word,
                            dm.start(), points, annual, years))
    return found


def _stated(u: UnitFacts, pos: int, limit: int) -> tuple[Quantity | None, Quantity | None, Quantity | None]:
    """The change amount, rate and percentage points stated right after a direction word at `pos`
    ("增加2.55万元，增长1.40%"), before `limit`."""
    text = u.text
    delta = rate = points = None
    for k in range(bisect.bisect_left(u.starts, pos), len(u.quantities)):
        q = u.quantities[k]
        if q.start >= limit:
            break
        gap = text[pos:q.start]
        if len(gap) > 8 or any(ch in gap for ch in "。；;"):
            break
        if q.kind == "percent" and rate is None and points is None:
            rate = q
        elif q.kind in ("money", "count") and delta is None and rate is None and points is None:
            delta = q
        elif q.kind == "points" and points is None and rate is None:
            points = q
        else:
            break
        pos = q.end
        more = _DIRECTION.match(text, pos + (1 if text[pos:pos + 1] in "，,、" else 0))
        if more:
            pos = more.end()
    return delta, rate, points


def _year_before(text: str, start: int, end: int) -> int | None:
    """The last year named in text[start:end] ("2025年全市…达到120亿元")."""
    years = [int(m.group(1)) for m in YEAR_MENTION.finditer(text, start, end)]
    return years[-1] if years else None


def _from_to(u: UnitFacts) -> list[Change]:
    """"由A增加到B，增长r%": a base and a current joined by 到/至, with the change stated after them.
    A list on either side ("分别从771家、481家增加到…") or a rate qualified otherwise than by 年均 is
    not read; neither is a pair with nothing stated after it."""
    text, qs, out = u.text, u.quantities, []
    for fm in _FROM.finditer(text):
        k = bisect.bisect_left(u.starts, fm.end())
        if k + 1 >= len(qs):
            break
        base, current = qs[k], qs[k + 1]
        lead = _FROM_GAP.fullmatch(text, fm.end(), base.start)
        to = _TO_GAP.fullmatch(text, base.end, current.start)
        if lead is None or to is None or not (same_measure(base, current) or base.kind == current.kind == "percent"):
            continue  # 8000家 to 1.2万家 counts in two units: their ratio is not read
        after = _AFTER_TO.match(text, current.end)
        if after is None:
            continue
        _, e = sentence_bounds(text, after.end())
        delta, rate, points = _stated(u, after.end(), e)
        if delta is None and rate is None and points is None:
            continue
        years = tuple(int(m.group("year")) if m.group("year") else None for m in (lead, to))
        word = after.group("word")
        out.append(Change(u, fm.start(), "", None, current, base, delta, rate, _direction(word), word,
                          after.start("word"), points, after.group("annual") is not None, years))
    return out


def _current(u: UnitFacts, s: int, compare_at: int, like: Quantity | None, subject: str = "") -> Quantity | None:
    """The figure being compared: the last amount before 比 in the sentence (or the sentence before,
    for a sentence that starts with the comparison). When the comparison names its subject ("与上年
    相比，“三公”经费减少…"), that figure's label must name it too, or be part of it: the last figure of
    "…；因公出国（境）费0万元。" is not the 三公经费's, and then nothing is."""
    def ok(q: Quantity) -> bool:
        return q.kind in ("money", "count") and (like is None or same_measure(q, like))

    cands = [q for q in u.quantities if s <= q.start and q.end <= compare_at and ok(q)]
    if not cands and u.text[s:compare_at].strip(" 。，,") == "" and s > 0:
        ps, _ = sentence_bounds(u.text, s - 1)
        cands = [q for q in u.quantities if ps <= q.start and q.end <= s and ok(q)]
    if not cands:
        return None
    named = _HAN_ONLY.sub("", subject)
    label = _HAN_ONLY.sub("", label_before(u.text, cands[-1].start)) if named else ""
    return cands[-1] if not label or named in label or label in named else None


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
    # the rest of a change sentence itemises it: "比上年减少0.15万元，其中：公务接待费减少0.15万元".
    # The stretches from each change's word to its sentence's end overlap; each figure is looked at once.
    reach: dict[int, tuple[UnitFacts, list[tuple[int, int]]]] = {}
    for ch in facts.changes:
        spans = out.setdefault(id(ch.facts), set())
        if ch.delta is not None:
            spans.add(ch.delta.start)
        _, end = sentence_bounds(ch.facts.text, ch.word_at)
        reach.setdefault(id(ch.facts), (ch.facts, []))[1].append((ch.word_at, end))
    for uid, (u, stretches) in reach.items():
        done = 0  # figures starting before this were looked at
        for start, end in sorted(stretches):
            k = bisect.bisect_right(u.starts, start) if start >= done else bisect.bisect_left(u.starts, done)
            while k < len(u.quantities) and u.quantities[k].start < end:
                q = u.quantities[k]
                if q.kind in ("money", "count") and direction_word_before(u.text, q):
                    out[uid].add(q.start)
                k += 1
            done = max(done, end)
    return out
