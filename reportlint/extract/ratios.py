"""Ratios written with colons: "三次产业结构由8.1:40.2:51.7调整为7.6:39.8:52.6".

A ratio is a run of two or more bare figures joined by a colon (: ： ∶) and nothing else. Its label is
the clause's text before its first figure, from the last figure before it that is not in a ratio
("三次产业结构由", and "三次产业结构由8.1:40.2:51.7调整为" for the second ratio of the example).
Whether a ratio splits a whole into percentages is the rule's question (PCT002), not the extractor's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .labels import clause_bounds
from .quantities import Quantity

if TYPE_CHECKING:
    from . import Facts, UnitFacts

_COLONS = frozenset(":：∶")


@dataclass(frozen=True, slots=True)
class Ratio:
    facts: "UnitFacts"
    parts: tuple[Quantity, ...]
    label: str  # the words before the first figure, within its clause

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def find_ratios(facts: "Facts") -> list[Ratio]:
    out: list[Ratio] = []
    for u in facts.prose():
        text, qs = u.text, u.quantities
        runs: list[list[Quantity]] = []
        for q in qs:
            if runs and q.kind == "bare" and runs[-1][-1].kind == "bare" and \
                    text[runs[-1][-1].end:q.start].strip() in _COLONS:
                runs[-1].append(q)
            else:
                runs.append([q])
        lead = 0  # where the words before the next ratio may start: after the last figure of no ratio
        for run in runs:
            if len(run) >= 2:
                first = run[0]
                start = max(lead, clause_bounds(text, first.start)[0])
                out.append(Ratio(u, tuple(run), text[start:first.start]))
            else:
                lead = run[0].end
    return out
