"""What the checks read: quantities, dates and labels, extracted once per document.

`Document.facts` builds one `Facts`; every rule reads from it, so no rule re-tokenises the text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from .. import patterns
from ..model import Block, Cell, Document, Paragraph, Unit
from .dates import DateMention, find_dates, report_period
from .quantities import Quantity, find_quantities
from .tables import cell_number

_CLAUSE_STOP = patterns.compile(r"[，,。；;]")
_WORD = patterns.compile(r"\p{Han}{2}")


def _holds_sentence(text: str) -> bool:
    """A cell that holds a sentence: words, a comma or stop, words — not a figure, a name or a list of
    codes. (Two linear scans: one pattern spanning both sides would backtrack on a long cell.)"""
    stop = _CLAUSE_STOP.search(text)
    return stop is not None and _WORD.search(text, 0, stop.start()) is not None \
        and _WORD.search(text, stop.end()) is not None


@dataclass(eq=False)
class UnitFacts:
    unit: Unit
    quantities: list[Quantity]
    dates: list[DateMention]

    @property
    def text(self) -> str:
        return self.unit.text.value

    @cached_property
    def starts(self) -> list[int]:
        """Start offsets of the quantities, in order: range scans bisect into them."""
        return [q.start for q in self.quantities]

    @property
    def block(self) -> Block:
        return self.unit.block

    @property
    def cell(self) -> Cell | None:
        return self.unit.cell

    def after(self, q: Quantity) -> Quantity | None:
        """The quantity that follows `q` in this text (a share after its part, a rate after its figure)."""
        k = bisect.bisect_right(self.starts, q.start)
        return self.quantities[k] if k < len(self.quantities) else None

    def names_other_year(self, start: int, end: int, period: int | None) -> bool:
        """Does the text in [start, end) name a year other than the report's `period`?"""
        return any(d.year is not None and d.year != period for d in self.dates if start <= d.start < end)


@dataclass(eq=False)
class Facts:
    document: Document
    units: list[UnitFacts] = field(default_factory=list)
    by_block: dict[int, list[UnitFacts]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> "Facts":
        facts = cls(document)
        for unit in document.units():
            text = unit.text.value
            if unit.cell is not None:
                # a cell that is one number is parsed once, for the table rules and for the facts
                q = cell_number(unit.cell)
                lead = len(text) - len(text.lstrip())
                quantities = [q if not lead else q.shifted(lead)] if q is not None else find_quantities(text)
            else:
                label = getattr(unit.block, "label", None)
                quantities = find_quantities(text, label.end if label is not None else 0)
            uf = UnitFacts(unit, quantities, find_dates(text))
            facts.units.append(uf)
            facts.by_block.setdefault(unit.block.index, []).append(uf)
        return facts

    @cached_property
    def _period(self) -> tuple[int, int, int] | None:
        return report_period(self.document.blocks)

    @cached_property
    def period(self) -> int | None:
        return self._period[0] if self._period else None

    @cached_property
    def title_block(self):  # -> Block | None
        """The title line the report period was read from ("…2026年区级部门预算")."""
        if self._period is None:
            return None
        return self.document.blocks[self._period[1] - 1]  # a block's number is its place

    @property
    def title(self) -> str:
        return self.title_block.text.value if self.title_block is not None else ""

    @cached_property
    def changes(self) -> list:  # -> list[changes.Change]
        from .changes import find_changes

        return find_changes(self)

    @cached_property
    def comparisons(self) -> list:  # -> list[comparisons.Comparison]
        """"决算数小于预算数" and the like, with the budget and outturn figures they compare."""
        from .comparisons import find_comparisons

        return find_comparisons(self)

    @cached_property
    def change_amounts(self) -> dict[int, set[int]]:
        """Per unit (by id), where change amounts Δ start: never parts of a total, never bases."""
        from .changes import change_spans

        return change_spans(self)

    @cached_property
    def respectively(self) -> list:  # -> list[respectively.Respectively]
        """"A、B分别增长5%、6%": the subjects listed before 分别 and the figures after it."""
        from .respectively import find_respectively

        return find_respectively(self)

    @cached_property
    def formulas(self) -> list:  # -> list[formulas.Formula]
        """Arithmetic written out: "1240.16/1275.60×100%=97.22%", "1256.78-1240.16=16.62万元"."""
        from .formulas import find_formulas

        return find_formulas(self)

    @cached_property
    def ratios(self) -> list:  # -> list[ratios.Ratio]
        """Figures joined by colons ("7.6:39.8:52.6") and the words before them."""
        from .ratios import find_ratios

        return find_ratios(self)

    @cached_property
    def enumerations(self) -> list:  # -> list[list[enumerations.Marker]]
        """"一是……；二是……" sequences in running text, each from its 一是."""
        from .enumerations import enumeration_runs

        return enumeration_runs(self)

    @cached_property
    def tables(self) -> list:  # -> list[Table]
        """The tables as the reader sees them: a table the source split in two is one
        (`tables.join_split_tables`). Every table rule reads these."""
        from .tables import join_split_tables

        return join_split_tables(self.document)

    @cached_property
    def items(self) -> dict:  # -> dict[int, items.ItemParagraph]
        """The numbered paragraphs that each explain one named item, by id of their UnitFacts."""
        from .items import read_items

        return read_items(self)

    @cached_property
    def item_lists(self) -> list:  # -> list[list[items.ItemParagraph]]
        """Runs of numbered paragraphs that each explain one named item (a 功能分类 项, a project)."""
        from .items import item_lists

        return item_lists(self)

    @cached_property
    def _paragraphs(self) -> list[UnitFacts]:
        return [u for u in self.units if isinstance(u.block, Paragraph) and u.block.body]

    def paragraphs(self) -> list[UnitFacts]:
        """The body paragraphs, in order (no headings, no table cells)."""
        return self._paragraphs

    @cached_property
    def _prose(self) -> list[UnitFacts]:
        return [u for u in self.units
                if (u.cell is None and isinstance(u.block, Paragraph) and u.block.body)
                or (u.cell is not None and len(u.quantities) >= 2 and _holds_sentence(u.text))]

    def prose(self) -> list[UnitFacts]:
        """The body paragraphs and the table cells that hold sentences, in order: self-evaluation
        forms put their 支出结构 and 三公 paragraphs in cells, and sums and shares are stated there."""
        return self._prose
