"""Word automatic numbering (w:numPr) → the label the reader sees: 三、 （二） 1. ① …

numbering.xml maps a paragraph's numId to an abstract numbering whose levels carry a format
(chineseCounting, decimal, decimalEnclosedCircle …), a template (lvlText "%1、") and a start value.
Counters run per abstract numbering, a level restarting whenever a shallower level advances.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from ..extract.cnnum import to_cn

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def format_number(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return to_cn(n) if n < 100 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)


MAX_START = 10_000  # Word itself caps list starts at 32767; past a few thousand a label is noise


def attr_int(text: str | None, default: int, low: int = 0, high: int = MAX_START) -> int:
    """A numeric attribute as Word would take it: garbage falls back, huge values are clamped."""
    if text is None:
        return default
    t = text.strip()
    digits = t[1:] if t.startswith("-") else t
    if not (digits.isascii() and digits.isdigit()):
        return default
    if len(digits) > 6:  # never int() a 5 000-digit string
        return low if t.startswith("-") else high
    return min(max(int(t), low), high)


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class NumberingResolver:
    """Turns (numId, ilvl) of successive numbered paragraphs into their visible labels."""

    def __init__(self, numbering_element):
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_element is None:
            return
        for absnum in numbering_element.findall(qn("w:abstractNum")):
            abstract = _Abstract()
            for lvl in absnum.findall(qn("w:lvl")):
                ilvl = attr_int(lvl.get(qn("w:ilvl")), 0, 0, 8)
                abstract.levels[ilvl] = _Level(
                    fmt=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") if _val(lvl, "w:lvlText") is not None else "",
                    start=attr_int(_val(lvl, "w:start"), 1),
                )
            self.abstracts[absnum.get(qn("w:abstractNumId"))] = abstract
        for num in numbering_element.findall(qn("w:num")):
            overrides: dict[int, int] = {}
            for ov in num.findall(qn("w:lvlOverride")):
                start = _val(ov, "w:startOverride")
                if start is not None:
                    overrides[attr_int(ov.get(qn("w:ilvl")), 0, 0, 8)] = attr_int(start, 1)
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        if num_id not in self.nums or num_id == "0":
            return None
        abstract_id, overrides = self.nums[num_id]
        abstract = self.abstracts.get(abstract_id)
        if abstract is None or ilvl not in abstract.levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        level = abstract.levels[ilvl]
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return None
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = abstract.levels.get(k, _Level())
                value = counters.get(k, overrides.get(k, lv.start))
                text = text.replace(token, format_number(lv.fmt, value))
        return text or None
