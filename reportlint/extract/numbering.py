"""Numbering labels at the start of headings and list items: 一、 （一） 1、 1. （1） ① 第一章.

The usual hierarchy of Chinese official documents is 一、 → （一） → 1. / 1、 → （1） → ①; `depth`
gives that rank, `family` groups styles that share one counter (1、 and 1. are the same level).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from .cnnum import parse_cn_int, to_cn

_CN_NUM = r"[一二三四五六七八九十〇零]{1,4}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Order matters: the parenthesised forms are tried before the bare ones.
_PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    # "第二部分：部门决算表": a colon right after a chapter number separates it from its title
    ("chapter", patterns.compile(rf"第(?P<n>{_CN_NUM}|[0-9０-９]{{1,3}})(?P<kind>部分|[章节篇])[\s　]*(?:[：:][\s　]*)?")),
    ("cn_paren", patterns.compile(rf"[（(][\s　]*(?P<n>{_CN_NUM})[\s　]*[）)][\s　、.．]*")),
    ("num_paren", patterns.compile(r"[（(][\s　]*(?P<n>[0-9０-９]{1,3})[\s　]*[）)][\s　、.．]*")),
    ("cn", patterns.compile(rf"(?P<n>{_CN_NUM})[\s　]*[、．.][\s　]*")),
    ("num_comma", patterns.compile(r"(?P<n>[0-9０-９]{1,3})[\s　]*[、][\s　]*")),
    # "1." / "1．" but not a decimal number such as "1.5" or a date such as "2023.6"
    ("num_dot", patterns.compile(r"(?P<n>[0-9０-９]{1,3})[\s　]*[.．](?![0-9０-９．.])[\s　]*")),
    ("circled", patterns.compile(rf"(?P<n>[{_CIRCLED}])[\s　]*")),
]

DEPTH = {"chapter": 0, "cn": 1, "cn_paren": 2, "num_comma": 3, "num_dot": 3, "num_paren": 4, "circled": 5}
FAMILY = {"chapter": "chapter", "cn": "cn", "cn_paren": "cn_paren", "num_comma": "num", "num_dot": "num",
          "num_paren": "num_paren", "circled": "circled"}


# A labelled line is a heading, not a list item, when what follows its label is this short.
_ITEM_CONTENT = patterns.compile(r"[：:]\s*\S")
_TITLE_MAX = 30
_TITLE_WITH_STOP_MAX = 16  # "（一）部门基本情况。" — a title may end with 。 only when short


@dataclass(frozen=True, slots=True)
class Label:
    style: str
    value: int
    raw: str  # the label as written, with the space after it
    start: int = 0  # offset of the label in the text it was read from

    @property
    def depth(self) -> int:
        return DEPTH[self.style]

    @property
    def family(self) -> str:
        return FAMILY[self.style]

    @property
    def end(self) -> int:
        return self.start + len(self.raw)

    def text(self) -> str:
        """The label as written, without the space or colon after it."""
        return self.raw.strip(" \u3000").rstrip("：:").rstrip(" \u3000")


def _value(style: str, n: str) -> int | None:
    if style == "circled":
        return _CIRCLED.index(n) + 1
    if n.isdecimal():
        return int(n)
    return parse_cn_int(n)


_LEADING = patterns.compile(r"[\s　]*(?:[-*+][\s　]+)?")  # indentation and a markdown bullet


# Each pattern's first character, so that a text is tried only against the patterns that can match
# it (most texts a rule asks about start with none of these).
_FIRST = {"chapter": "第", "cn_paren": "（(", "num_paren": "（(", "cn": "一二三四五六七八九十〇零",
          "num_comma": "0123456789０１２３４５６７８９", "num_dot": "0123456789０１２３４５６７８９",
          "circled": _CIRCLED}
_BY_FIRST: dict[str, list[tuple[str, regex.Pattern[str]]]] = {}
for _style, _pattern in _PATTERNS:
    for _ch in _FIRST[_style]:
        _BY_FIRST.setdefault(_ch, []).append((_style, _pattern))


def parse_label(text: str) -> Label | None:
    """The numbering label at the start of `text`, after indentation and a markdown bullet."""
    first = text[:1]
    if first.isspace() or first in ("-", "*", "+"):
        lead = _LEADING.match(text)
        start = lead.end() if lead else 0
        first = text[start:start + 1]
    else:
        start = 0  # nothing for _LEADING to skip (its \s matches nothing str.isspace() refuses)
    for style, pattern in _BY_FIRST.get(first, ()):
        m = pattern.match(text, start)
        if not m:
            continue
        value = _value(style, m.group("n"))
        if value is None or value == 0:
            continue
        if style == "cn" and value > 99:
            continue
        if m.end() >= len(text.rstrip()):
            # a label with nothing after it ("一、" alone) is still a label; a bare number is not
            if style in ("num_dot",):
                return None
        return Label(style, value, m.group(0), start)
    return None


def is_bare_part_text(text: str, label: Label | None) -> bool:
    """"第一部分" alone on its line: a part label whose title is the next line."""
    return label is not None and label.style == "chapter" and not text[label.end:].strip()


def is_bare_part(block) -> bool:
    """A block that is a part label alone (see `is_bare_part_text`)."""
    return is_bare_part_text(block.text.value, getattr(block, "label", None))


_LEADER_CHARS = frozenset(".．…·-—_")
_PAGE_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ENTRY_NOISE = patterns.compile(r"[\s.．…·\-—_]++")


def toc_leader_start(text: str) -> int | None:
    """Where a TOC entry's leader and page number begin ("一、部门主要职能……3" → at ……): three
    leader dots or dashes, or two spaces, or one space after a non-digit, before a page number of
    one to three digits at the end. Read from the end of the line, so a long run of spaces or
    dots is walked once (a pattern searched from every position walked it again at each)."""
    end = len(text.rstrip())
    digits = end
    while digits > 0 and text[digits - 1] in _PAGE_DIGITS:
        digits -= 1
    if not 1 <= end - digits <= 3:
        return None
    spaced = len(text[:digits].rstrip())
    leader = spaced
    while leader > 0 and text[leader - 1] in _LEADER_CHARS:
        leader -= 1
    if spaced - leader >= 3:
        return leader
    gap = digits - spaced
    if gap >= 2 or gap == 1 and spaced > 0 and text[spaced - 1] not in _PAGE_DIGITS:
        return spaced
    return None


def has_page_number(text: str) -> bool:
    """A TOC entry's leader and page number ("一、部门主要职能……3")."""
    return toc_leader_start(text) is not None


def entry_key(text: str) -> str:
    """A TOC entry's (or a title's) words: leader, page number, spaces and dots dropped."""
    start = toc_leader_start(text)
    head = (text if start is None else text[:start]).rstrip()
    end = len(head)
    while end > 0 and len(head) - end < 3 and head[end - 1] in _PAGE_DIGITS:
        end -= 1  # a page number no leader sets apart ("部门职能3")
    return _ENTRY_NOISE.sub("", head[:end])


def without_label(text: str) -> str:
    """The text after its numbering label ("六、一般公共预算…表" → "一般公共预算…表")."""
    label = parse_label(text)
    return text[label.end:] if label is not None else text


_CHAPTER_KIND = patterns.compile(r"第.{1,4}?(章|节|部分|篇)")


def format_label(style: str, value: int, like: str = "") -> str:
    """The label text a given style shows for `value` (for messages: 应为 五、, 第二部分)."""
    if style == "cn":
        return f"{to_cn(value)}、"
    if style == "cn_paren":
        return f"（{to_cn(value)}）"
    if style == "num_paren":
        return f"（{value}）"
    if style == "num_comma":
        return f"{value}、"
    if style == "num_dot":
        return f"{value}."
    if style == "circled":
        return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else f"({value})"
    if style == "chapter":
        m = _CHAPTER_KIND.match(like.strip())
        return f"第{to_cn(value)}{m.group(1) if m else '章'}"
    return str(value)


SENTENCE_MARKS = "。；;！？!?"  # a text holding one of these is a sentence, not a title


def has_sentence_mark(text: str) -> bool:
    return any(ch in text for ch in SENTENCE_MARKS)


def title_like(rest: str) -> bool:
    """Is the text after a label short and plain enough to be a heading rather than a list item?"""
    rest = rest.strip(" \t\u3000\u00a0")
    if not rest or len(rest) > _TITLE_MAX:
        return False
    body = rest.rstrip("。！？!?；;…：:”’」』）)》")
    if has_sentence_mark(body):
        return False
    if _ITEM_CONTENT.search(rest):  # "资产配置情况：本年无新增" is an item with content
        return False
    if rest[-1] in "。！？!?；;…" and len(rest) > _TITLE_WITH_STOP_MAX:
        return False
    return True
