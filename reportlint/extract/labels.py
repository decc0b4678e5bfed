"""The term a figure belongs to ("其中基本支出512.61万元" → 基本支出), and clause boundaries.

The label is the noun phrase that ends right before the figure, inside its clause: connectives in
front (其中, 包括, 分别为) and verbs behind (为, 是, 达到, 共计) are trimmed. Matching labels across
places (synonyms, word overlap) is done in `terms`, which loads jieba only when a rule asks.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

_CLAUSE_END = regex.compile(r"[。；;！？!?\n]")
_SUBCLAUSE_END = regex.compile(r"[，,、：:（()）]")
_LEADING = regex.compile(
    r"^(?:其中[:：]?|包括[:：]?|主要包括|分别为|分别是|分别|主要为|主要是|主要用于|用于|从而|以及|及|和|与|共|合计|"
    r"总计|全年|本年|当年|拟投资|另外|此外|同时|一是|二是|三是|四是|五是|六是)+")
_TRAILING = regex.compile(
    r"(?:为|是|达到?|达|共计|合计|总计|共|计|约|近|约为|超过|只有|仅|有|占|完成|实现|安排|下降了?|增长了?|"
    r"减少了?|增加了?|提高了?|降低了?|上升了?|同比|较上年|比上年)+$")
_NOISE = regex.compile(r"^[\s\d.,，、：:;；（）()\-—“”\"'《》]+|[\s（(“\"]+$")
_YEAR_PREFIX = regex.compile(r"^\s*(?:19|20)\d\d\s*年度?")
MAX_LABEL = 16


@lru_cache(maxsize=4096)
def _boundaries(text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """Where sentences and comma clauses of `text` start and end (computed once per text)."""
    sent = [m.start() for m in _CLAUSE_END.finditer(text)]
    sub = [m.start() for m in _SUBCLAUSE_END.finditer(text)]
    return sent, [p + 1 for p in sent], sub, [p + 1 for p in sub]


def clause_bounds(text: str, pos: int, sub: bool = False) -> tuple[int, int]:
    """[start, end) of the sentence (or, with sub=True, the comma clause) around `pos`."""
    sent_at, sent_after, sub_at, sub_after = _boundaries(text)
    k = bisect.bisect_left(sent_at, pos)  # the first sentence end at or after pos
    start = sent_after[k - 1] if k > 0 else 0
    end = sent_at[k] if k < len(sent_at) else len(text)
    if sub:
        j = bisect.bisect_left(sub_at, pos)
        start = max(start, sub_after[j - 1] if j > 0 else 0)
        end = min(end, sub_at[j] if j < len(sub_at) else len(text))
    return start, end


@lru_cache(maxsize=65536)
def label_before(text: str, pos: int, floor: int = 0) -> str:
    """The phrase naming the figure that starts at `pos` (floor: don't look before this offset)."""
    start = max(floor, clause_bounds(text, pos, sub=True)[0])
    phrase = text[start:pos]
    phrase = _YEAR_PREFIX.sub("", phrase)
    phrase = _NOISE.sub("", phrase)
    for _ in range(2):
        phrase = _LEADING.sub("", phrase)
        phrase = _TRAILING.sub("", phrase)
        phrase = _NOISE.sub("", phrase)
    phrase = _YEAR_PREFIX.sub("", phrase).strip()
    phrase = _LEADING.sub("", phrase)
    if len(phrase) > MAX_LABEL:
        phrase = phrase[-MAX_LABEL:]
    return phrase.strip()
