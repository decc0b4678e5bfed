"""Statements that pair a list of subjects with a list of figures through 分别: "A、B、C分别增长5%、6%、7%".

The subjects are the 、-separated items of the phrase right before 分别 (cut at the clause's commas;
、 inside quotes, brackets and book-title marks does not separate). The figures are the run of
quantities right after 分别 and a short verb ("增长", "达到", "比2020年下降"), joined by 、 和 及 与.

Only what can be counted for sure is kept: the run must end where the clause ends (a figure
followed by "增加到…" is a from-to pair, not the end of the list), and the subject phrase must not
end its list with 等 (a partial list) nor hold figures of its own. 和 and 与 inside a subject may join
two subjects ("城镇和农村居民") or name one ("研究与试验发展经费"), and 城乡/进出口 name two subjects
without any separator, so the 、 count is a lower bound on the subjects, not their number.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import patterns
from .numbering import parse_label
from .quantities import Quantity

if TYPE_CHECKING:
    from . import Facts, UnitFacts

_MARKER = "分别"
_LOOK_BACK = 80  # no subject list runs longer; a bounded window keeps the scan linear
_VERB_GAP = 10  # "分别比2020年下降" — the words between 分别 and its first figure
_CLAUSE_END = frozenset("，,。；;：:！？!?\n")
_OPEN, _CLOSE = "“‘《（(【「『〈", "”’》）)】」』〉"
_JOIN = patterns.compile(r"(?:、|以及|和|及|与)")
_RUN_END = frozenset("，,。；;！？!?）)\n")


@dataclass(frozen=True, slots=True)
class Respectively:
    facts: "UnitFacts"
    start: int  # the subject phrase, in facts.text
    marker: int  # where 分别 stands
    subjects: tuple[str, ...]  # the 、-separated items before 分别
    values: tuple[Quantity, ...]  # the figures after it, in order

    @property
    def end(self) -> int:
        return self.values[-1].end


def _phrase_start(text: str, marker: int) -> int | None:
    """Where the subject phrase before `marker` begins: after the clause's last comma or stop,
    or after an opening bracket the phrase sits in. None when the window holds no such start."""
    depth = 0
    floor = max(0, marker - _LOOK_BACK)
    for k in range(marker - 1, floor - 1, -1):
        ch = text[k]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return k + 1
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_END:
            return k + 1
    return 0 if floor == 0 else None


def _subjects(phrase: str) -> list[str]:
    """The phrase split at the 、 that stand outside quotes and brackets."""
    out, depth, last = [], 0, 0
    for k, ch in enumerate(phrase):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            out.append(phrase[last:k])
            last = k + 1
    out.append(phrase[last:])
    return [s.strip() for s in out]


def _run(u: "UnitFacts", after: int) -> list[Quantity] | None:
    """The figures joined by 、/和/及/与 starting right after `after`, when the run ends the clause."""
    text, qs = u.text, u.quantities
    k = bisect.bisect_left(u.starts, after)
    if k == len(qs):
        return None
    gap = text[after:qs[k].start]
    if len(gap) > _VERB_GAP or any(ch in _CLAUSE_END or ch == "、" for ch in gap):
        return None
    run = [qs[k]]
    while k + 1 < len(qs) and _JOIN.fullmatch(text, run[-1].end, qs[k + 1].start):
        k += 1
        run.append(qs[k])
    tail = run[-1].end
    while tail < len(text) and text[tail] == " ":
        tail += 1
    return run if tail == len(text) or text[tail] in _RUN_END else None


def _statement(u: "UnitFacts", marker: int) -> Respectively | None:
    text = u.text
    start = _phrase_start(text, marker)
    if start is None:
        return None
    label = parse_label(text[start:marker])
    if label is not None:  # "一、A、B分别…": a list label, not a subject
        start += label.end
    phrase = text[start:marker]
    subjects = _subjects(phrase)
    if len(subjects) < 2 or not all(subjects) or any("等" in s for s in subjects):
        return None
    first = bisect.bisect_left(u.starts, start)
    if first < len(u.quantities) and u.quantities[first].start < marker:
        return None  # figures among the subjects: not a list of things measured
    values = _run(u, marker + len(_MARKER))
    if values is None:
        return None
    return Respectively(u, start, marker, tuple(subjects), tuple(values))


def find_respectively(facts: "Facts") -> list[Respectively]:
    out = []
    for u in facts.prose():
        text = u.text
        marker = text.find(_MARKER)
        while marker >= 0:
            statement = _statement(u, marker)
            if statement is not None:
                out.append(statement)
            marker = text.find(_MARKER, marker + len(_MARKER))
    return out
