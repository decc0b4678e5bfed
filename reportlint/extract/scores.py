"""Score tables (自评表, 绩效评价指标表): the overall score their closing total row gives.

A score table has a header row with one 得分 column (`score-given-headers` in rules/terms.toml) and,
optionally, one 分值 column (`score-max-headers`). Its overall score is the 得分 of its last total row
(`total-labels`) — when that row's 分值, if any, is 100: a section's subtotal (决策 20分) is no
overall score. SUM002/SUM005 check the columns themselves; this is what the text's "自评得分92分"
is compared with (TBL004).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import patterns
from ..model import Cell, Table
from .quantities import Quantity
from .tables import Column, cell_at, cell_number, header_columns, is_total_label, numeric_cells, row_label

if TYPE_CHECKING:
    from ..packs import Packs
    from . import Facts

FULL_MARKS = Decimal(100)  # a score table's total; no single score is above it
_HEADER_MAX = 12  # characters: "得分" in a longer cell is a scoring rule, not the header
_HEADER_NOTE = patterns.compile(r"[（(][^）)]*[）)]")  # "得分（分）": a note in parentheses


@dataclass(frozen=True, slots=True)
class ScoreTotal:
    table: Table
    cell: Cell  # the 得分 cell of the closing total row: one number

    @property
    def score(self) -> Quantity:
        return cell_number(self.cell)


def score_columns(row: list[Cell], words: tuple[str, ...]) -> list[Column]:
    """The columns headed by one of `words`; where several are ("得分" and "评分标准"), the ones whose
    header is the word itself, a unit note aside ("得分（分）")."""
    found = header_columns(row, words, _HEADER_MAX)
    if len(found) > 1:
        found = [c for c in found if _HEADER_NOTE.sub("", c.header) in words]
    return found


def _column(row: list[Cell], words: tuple[str, ...]) -> int | None:
    found = score_columns(row, words)
    return found[0].index if len(found) == 1 else None


def score_totals(facts: "Facts", packs: "Packs") -> list[ScoreTotal]:
    """The overall score of each score table that has one, by the packs' header and total words."""
    given_words, max_words = packs.words("score-given-headers"), packs.words("score-max-headers")
    total_words = packs.words("total-labels")
    out: list[ScoreTotal] = []
    for table in facts.tables:
        given = full = None
        last: ScoreTotal | None = None
        for row in table.rows:
            if given is None:
                if not numeric_cells(row):
                    given = _column(row, given_words)
                    full = _column(row, max_words) if given is not None else None
                continue
            label, _ = row_label(row)
            if not is_total_label(label, total_words):
                continue
            cell = cell_at(row, given)
            q = cell_number(cell) if cell is not None else None
            if q is None or q.kind not in ("bare", "count"):
                continue
            top = cell_at(row, full) if full is not None else None
            top_q = cell_number(top) if top is not None else None
            if top_q is not None and top_q.value != FULL_MARKS:
                continue  # a section's subtotal
            last = ScoreTotal(table, cell)
        if last is not None:
            out.append(last)
    return out
