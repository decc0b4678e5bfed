"""Item paragraphs: a numbered paragraph that opens with the name of the item it explains.

部门预算/决算 explain each 功能分类 item in one numbered paragraph —
"15.“社会保障和就业支出（类）…（款）机关事业单位职业年金缴费支出（项）”230.28万元，主要用于…。
…主要原因是：…。" — and self-evaluation reports do the same for their projects ("3、办公设备购置：…").
The item is named by the text between the label and the first figure or stop; its own name is the
last component of a 类/款/项 path. The clauses without figures (主要用于…, 主要原因是…) are what a
reviewer reads as the item's explanation, and what gets copied from a neighbouring item.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from ..model import Document, Paragraph, Unit

# The item's name: after the label and an opening quote, up to a closing quote, a stop or a figure.
_NAME = regex.compile(r"[“\"「『]?(?P<name>[^“”\"「」『』。，,：:；;\d０-９]{2,60}+)")
_LEVEL = regex.compile(r"[（(][类款项][）)]")
_CLAUSE = regex.compile(r"[^，,。；;！？!?\n]++")
_HAS_FIGURE = regex.compile(r"[\d０-９]")
_SQUEEZE = regex.compile(r"[\s\p{P}\p{S}]++")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    key: str  # the clause without spaces and punctuation, width-folded: what "the same words" means


@dataclass(frozen=True, slots=True)
class ItemParagraph:
    unit: Unit
    name: str  # as written, without quotes: "社会保障和就业支出（类）…（项）" or "办公设备购置"
    own: str  # the most specific component: the 项 of a 类/款/项 path, else the whole name
    clauses: tuple[Clause, ...]  # the clauses without figures after the name
    name_end: int  # where the name ends in the unit's text (a figure right after it is the item's amount)

    @property
    def paragraph(self) -> Paragraph:
        return self.unit.block  # type: ignore[return-value]


def squeeze(text: str) -> str:
    return _SQUEEZE.sub("", unicodedata.normalize("NFKC", text))


def read_item(unit: Unit) -> ItemParagraph | None:
    block = unit.block
    label = getattr(block, "label", None)
    if label is None or unit.cell is not None:
        return None
    text = unit.text.value
    m = _NAME.match(text, label.end)
    if m is None:
        return None
    name = m.group("name").strip()
    parts = [squeeze(p) for p in _LEVEL.split(name)]
    parts = [p for p in parts if p]
    own = parts[-1] if parts else ""
    if len(own) < 2:
        return None
    clauses = tuple(Clause(c.start(), c.end(), key) for c in _CLAUSE.finditer(text, m.end())
                    if not _HAS_FIGURE.search(c.group()) and len(key := squeeze(c.group())) >= 6)
    return ItemParagraph(unit, name, own, clauses, m.end())


def item_lists(doc: Document) -> list[list[ItemParagraph]]:
    """The item paragraphs grouped by the section they sit in and their numbering style: one list
    per run of sibling items (一般公共预算 items under one heading, projects under another)."""
    groups: dict[tuple, list[ItemParagraph]] = {}
    path = doc.heading_path
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or block.role == "toc" or block.label is None:
            continue
        item = read_item(next(block.units()))
        if item is not None:
            groups.setdefault((path.get(block.index, ()), block.label.family), []).append(item)
    return [items for items in groups.values() if len(items) > 1]
