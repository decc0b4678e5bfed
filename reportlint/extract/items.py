"""Item paragraphs: a numbered paragraph that opens with the name of the item it explains.

部门预算/决算 explain each 功能分类 item in one numbered paragraph —
"15.“社会保障和就业支出（类）…（款）机关事业单位职业年金缴费支出（项）”230.28万元，主要用于…。
…主要原因是：…。" — and self-evaluation reports do the same for their projects ("3、办公设备购置：…").
The item is named by the text between the label and the first figure or stop; its own name is the
last component of a 类/款/项 path. The clauses without figures (主要用于…, 主要原因是…) are what a
reviewer reads as the item's explanation, and what gets copied from a neighbouring item.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import patterns
from ..model import Paragraph, Unit
from .classification import ClassPath, paths_in
from .labels import normalise
from .quantities import Quantity

if TYPE_CHECKING:
    from . import Facts, UnitFacts

# The item's name: after the label and an opening quote, up to a closing quote, a stop or a figure.
_NAME = patterns.compile(r"[“\"「『]?(?P<name>[^“”\"「」『』。，,：:；;\d０-９]{2,60}+)")
_LEVEL = patterns.compile(r"[（(][类款项][）)]")
_CLAUSE = patterns.compile(r"[^，,。；;！？!?\n]++")
_PATH_MAX = 200  # characters after the label where an item's 类/款/项 path is read


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    key: str  # the clause normalised (labels.normalise): what "the same words" means


@dataclass(frozen=True, slots=True)
class ItemParagraph:
    unit: Unit
    name: str  # as written, without quotes: "社会保障和就业支出（类）…（项）" or "办公设备购置"
    own: str  # the most specific component: the 项 of a 类/款/项 path, else the whole name
    clauses: tuple[Clause, ...]  # the clauses without figures after the name
    amount: Quantity | None  # the figure right after the name ("“…（项）”604.34万元"), if any
    path: ClassPath | None = None  # the 类/款/项 path the name is, digits and all ("…（204类）…（01项）")

    @property
    def paragraph(self) -> Paragraph:
        return self.unit.block  # type: ignore[return-value]


def read_item(facts: UnitFacts) -> ItemParagraph | None:
    unit = facts.unit
    label = getattr(unit.block, "label", None)
    if label is None or unit.cell is not None:
        return None
    text = facts.text
    m = _NAME.match(text, label.end)
    if m is None:
        return None
    name = m.group("name").strip()
    paths = paths_in(text[label.end:label.end + _PATH_MAX])
    path = paths[0] if paths and paths[0].start <= 1 else None  # right after the label (and a quote)
    if path is not None:
        own = path.steps[-1].name
    else:
        parts = [p for p in (normalise(p, strip_label=False) for p in _LEVEL.split(name)) if p]
        own = parts[-1] if parts else ""
    if len(own) < 2:
        return None
    starts = facts.starts

    def has_figure(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, start)
        return k < len(starts) and starts[k] < end

    clauses = tuple(Clause(c.start(), c.end(), key) for c in _CLAUSE.finditer(text, m.end())
                    if not has_figure(c.start(), c.end())
                    and len(key := normalise(c.group(), strip_label=False)) >= 6)
    k = bisect.bisect_left(starts, m.end())
    after = facts.quantities[k] if k < len(starts) else None
    amount = after if after is not None and after.start - m.end() <= 1 else None
    return ItemParagraph(unit, name, own, clauses, amount, path)


def read_items(facts: Facts) -> dict[int, ItemParagraph]:
    """Every item paragraph of the body, by id of its UnitFacts."""
    return {id(u): item for u in facts.paragraphs() if u.block.label is not None and (item := read_item(u)) is not None}


def item_lists(facts: Facts) -> list[list[ItemParagraph]]:
    """The item paragraphs grouped by the section they sit in and their numbering style: one list
    per run of sibling items (一般公共预算 items under one heading, projects under another)."""
    groups: dict[tuple, list[ItemParagraph]] = {}
    path = facts.document.heading_path
    for item in facts.items.values():
        block = item.paragraph
        groups.setdefault((path.get(block.index, ()), block.label.family), []).append(item)
    return [items for items in groups.values() if len(items) > 1]
