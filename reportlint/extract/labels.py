"""The term a figure belongs to ("其中基本支出512.61万元" → 基本支出), and clause boundaries.

The label is the noun phrase that ends right before the figure, inside its clause: connectives in
front (其中, 包括, 分别为) and verbs behind (为, 是, 达到, 共计) are trimmed. Matching labels across
places (synonyms, word overlap) is done in `terms`, which loads jieba only when a rule asks.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from .. import patterns
from .numbering import parse_label

_LEADING = patterns.compile(
    r"^(?:其中[:：]?|包括[:：]?|主要包括|分别为|分别是|分别|主要为|主要是|主要用于|用于|从而|以及|及|和|与|共有|现有|实有|拥有|共|合计|"
    r"总计|全年度|本年度|当年度|全年|本年|当年|拟投资|另外|此外|同时|一是|二是|三是|四是|五是|六是)+")
_TRAILING = patterns.compile(
    r"(?:为|是|达到?|达|共计|合计|总计|共|计|约|近|约为|超过|只有|仅|有|占|完成|实现|安排|下降了?|增长了?|"
    r"减少了?|增加了?|提高了?|降低了?|上升了?|同比|较上年|比上年)+$")
_NOISE = patterns.compile(r"^[\s0-9０-９.,，、：:;；（）()\-—“”\"'《》]+|[\s（(“\"]+$")
YEAR_PREFIX = patterns.compile(r"^\s*(?:19|20)[0-9０-９][0-9０-９]\s*年度?")
MAX_LABEL = 16
_NOT_WORDS = patterns.compile(r"[\s\p{P}\p{S}]++")


# Full-width ASCII and the ideographic space, folded as NFKC folds them (each decomposes to one ASCII
# character, so NFKC of the folded text is NFKC of the text): most Chinese text is NFKC-normal after.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


# Characters NFKC leaves alone or folds to a character `_NOT_WORDS` drops anyway: ASCII, general and
# CJK punctuation, the full-width forms and the common ideographs. A text of these alone, with what
# is kept NFKC-normal, is normalised without folding every character (half of this function's time;
# the stdlib `re` scans this class several times faster than `regex`). Left out: the leaders ․ ‥ …
# ("1․" and "一…" fold to labels), ‗ (leaves a combining mark), the combining marks 〪–〭, and ､.
_OUTSIDE_PLAIN = re.compile("[^\x00-\x7f\u2010-\u2016\u2018-\u2023\u2027\u3000-\u3029\u3030-\u303f"
                            "\uff01-\uff5e\u4e00-\u9fff]")


def normalise(text: str, strip_label: bool = True) -> str:
    """What "the same words" means when texts are compared for copies: width folded (NFKC), spaces,
    punctuation and symbols dropped, and a leading numbering label (3、/（二）) dropped too."""
    if _OUTSIDE_PLAIN.search(text) is None:
        label = parse_label(text) if strip_label else None
        kept = _NOT_WORDS.sub("", text[label.end:] if label is not None else text)
        if unicodedata.is_normalized("NFKC", kept):  # else full-width letters or digits: fold them
            return kept
    return _normalise_folded(text, strip_label)


def _normalise_folded(text: str, strip_label: bool) -> str:
    """`normalise` by its definition: fold, then drop the label, then drop what is not words."""
    text = text.translate(_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):  # a quick check, where normalising is slow
        text = unicodedata.normalize("NFKC", text)
    if strip_label:
        label = parse_label(text)
        if label is not None:
            text = text[label.end:]
    return _NOT_WORDS.sub("", text)


# Three spans of text around a position, from wide to narrow:
#   sentence — up to 。！？ or a line break; a list of parts may run across ；
#   clause   — also cut at ；
#   phrase   — also cut at commas, colons, 、 and parentheses (where a figure's label lives)
_BREAKS = {"sentence": patterns.compile(r"[。！？!?\n]"), "clause": patterns.compile(r"[。；;！？!?\n]"),
           "phrase": patterns.compile(r"[。；;！？!?\n，,、：:（()）]")}


@lru_cache(maxsize=8192)
def _breaks(text: str, kind: str) -> list[int]:
    """Positions of the break characters of `kind` in `text` (computed once per text)."""
    return [m.start() for m in _BREAKS[kind].finditer(text)]


# No report sentence runs this long; a "sentence" without stops over a whole page (a flattened
# table, hostile input) is cut to this window around the position, so scans stay linear.
MAX_SPAN = 1500


def _bounds(text: str, pos: int, kind: str) -> tuple[int, int]:
    at = _breaks(text, kind)
    k = bisect.bisect_left(at, pos)  # the first break at or after pos
    start = at[k - 1] + 1 if k > 0 else 0
    end = at[k] if k < len(at) else len(text)
    return max(start, pos - MAX_SPAN), min(end, pos + MAX_SPAN)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence around `pos` (；does not end it)."""
    return _bounds(text, pos, "sentence")


def clause_bounds(text: str, pos: int, sub: bool = False) -> tuple[int, int]:
    """[start, end) of the clause (cut at ；) around `pos`; with sub=True, of the comma phrase."""
    return _bounds(text, pos, "phrase" if sub else "clause")


def phrase_before(text: str, pos: int) -> str:
    """The raw comma phrase before `pos`, untrimmed: where a figure's role words are ("支出决算为")."""
    return text[clause_bounds(text, pos, sub=True)[0]:pos]


# The trims below run ten times per label; each pattern is anchored, so a character test at the
# anchor tells when it cannot match (the sets are the characters its matches can start or end with).
_LEADING_FIRST = frozenset("其包主分用从以及和与共现实拥合总全本当拟另此同一二三四五六")
_TRAILING_LAST = frozenset("为是到达计共约近过有仅占成现排降长少加高低升比年了")
_NOISE_FIRST = frozenset("0123456789０１２３４５６７８９.,，、：:;；（）()-—“”\"'《》")
_NOISE_LAST = frozenset("（(“\"")


def _year_off(phrase: str) -> str:
    return YEAR_PREFIX.sub("", phrase) if "年" in phrase else phrase


def _noise_off(phrase: str) -> str:
    if not phrase:
        return phrase
    first, last = phrase[0], phrase[-1]
    if first in _NOISE_FIRST or last in _NOISE_LAST or first.isspace() or last.isspace():
        return _NOISE.sub("", phrase)
    return phrase


def _leading_off(phrase: str) -> str:
    return _LEADING.sub("", phrase) if phrase[:1] in _LEADING_FIRST else phrase


def _trailing_off(phrase: str) -> str:
    return _TRAILING.sub("", phrase) if phrase[-1:] in _TRAILING_LAST else phrase


OPEN_PARENS, CLOSE_PARENS = "（(", "）)"
# The words between a part's figure and its share: "占18.29%", "占政府采购支出总额的93.64%" (`name`: the
# whole the share names, if it names one). Anchored at the share's end.
SHARE_WORDS = patterns.compile(r"占(?:比|比重|比例)?(?:(?P<name>[^，。；,;%]{0,20}?)的)?(?:比重|比例)?(?:为|达到?)?\s*$")
_NOTE_MAX = 6  # "（境）", "（类）", "（不含上年结转）": a note this short inside a name belongs to it
_DIGIT = patterns.compile(r"[0-9０-９]")


def _name_start(text: str, pos: int) -> int:
    """Where the comma phrase before `pos` starts, reading a short note in parentheses that follows
    a character of the name ("因公出国（境）费", "一般公共服务（类）支出") as part of the name rather
    than as the phrase's edge; never back over a figure ("单价100万元（含）以上设备")."""
    start = clause_bounds(text, pos, sub=True)[0]
    while start >= 3 and text[start - 1] in CLOSE_PARENS:
        window = max(0, start - 2 - _NOTE_MAX)  # a negative bound would count from the end
        opening = max(text.rfind("（", window, start - 1), text.rfind("(", window, start - 1))
        if opening < 1 or not "\u4e00" <= text[opening - 1] <= "\u9fff":
            break
        note = text[opening + 1:start - 1]
        if not note or _BREAKS["phrase"].search(note) or _DIGIT.search(note):
            break
        before = clause_bounds(text, opening - 1, sub=True)[0]
        if _DIGIT.search(text, before, opening):
            break
        start = before
    return start


@lru_cache(maxsize=65536)
def label_before(text: str, pos: int, floor: int = 0) -> str:
    """The phrase naming the figure that starts at `pos` (floor: don't look before this offset)."""
    # a label is at most MAX_LABEL characters once trimmed; a few times that is enough to trim
    start = max(floor, _name_start(text, pos), pos - 4 * MAX_LABEL)
    return bare_name(text[start:pos])


def bare_name(phrase: str) -> str:
    """A phrase trimmed to the name a label holds: no year, no 本年/其中 before it, no 合计/为/达 after
    it ("2023年本年支出合计为" → "支出"); how `label_before` labels a figure."""
    phrase = _year_off(phrase)
    phrase = _noise_off(phrase)
    for _ in range(2):
        phrase = _leading_off(phrase)
        phrase = _trailing_off(phrase)
        phrase = _noise_off(phrase)
    phrase = _year_off(phrase).strip()
    phrase = _leading_off(phrase)
    if len(phrase) > MAX_LABEL:
        phrase = phrase[-MAX_LABEL:]
    phrase = phrase.strip()
    close = phrase.find("”")
    if close > 0 and "“" not in phrase[:close]:
        phrase = "“" + phrase  # the opening quote went with the noise: "“三公”经费", not "三公”经费"
    return phrase
