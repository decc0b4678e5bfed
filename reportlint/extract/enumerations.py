"""Enumerations written into running text: "一是……；二是……；三是……".

Work reports and self-evaluations list measures this way inside a paragraph, or one item per
paragraph. A marker counts only where an item can begin: at the start of a paragraph or after a
stop, comma, colon or closing bracket, so 统一是 and 唯一是 are words, not items. A sequence runs
over consecutive paragraphs and ends at a heading or a table; each 一是 starts a new one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import patterns
from .cnnum import parse_cn_int

if TYPE_CHECKING:
    from . import Facts, UnitFacts

# one character of look-behind (a stop, or a space after one): a pattern that looked back over a run
# of spaces would rescan it at every position of a long line
_MARKER = patterns.compile(r"(?:^|(?<=[。；;：:，,！？!?）)\s]))(?P<n>[一二三四五六七八九十]{1,3})是")


@dataclass(frozen=True, slots=True)
class Marker:
    facts: "UnitFacts"
    start: int
    end: int
    value: int


def enumeration_runs(facts: "Facts") -> list[list[Marker]]:
    """The sequences of 一是/二是… markers, each starting at a 一是, in reading order."""
    runs: list[list[Marker]] = []
    run: list[Marker] | None = None
    last_block = None
    for u in facts.paragraphs():
        if last_block is not None and u.block.index != last_block + 1:
            run = None  # a heading or a table in between ends the sequence
        last_block = u.block.index
        if "是" not in u.text:
            continue
        for m in _MARKER.finditer(u.text):
            value = parse_cn_int(m.group("n"))
            if value is None:
                continue
            marker = Marker(u, m.start(), m.end(), value)
            if value == 1:
                run = [marker]
                runs.append(run)
            elif run is not None:
                run.append(marker)
    return runs
