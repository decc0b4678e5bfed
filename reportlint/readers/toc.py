"""The table of contents, recognised in every reader: 目录 and the entries after it are not headings.

An entry is recognised by its dotted leader and page number ("一、部门主要职能……3"), or, where a
PDF or a pasted text dropped those, by naming a heading that follows later in the document. The
entries become `toc` paragraphs: the heading rules never see them as a run of empty sections, and
rules that compare the TOC with the body can still read them.
"""
from __future__ import annotations

from .. import patterns
from ..extract.numbering import entry_key, has_page_number, is_bare_part
from ..model import Heading, Paragraph

_TITLE = patterns.compile(r"^\s*目\s*录\s*$")
MAX_ENTRY = 80


def is_toc_title(text: str) -> bool:
    """"目录" / "目  录" alone on its line."""
    return bool(_TITLE.match(text))


def _short(block) -> bool:
    if not isinstance(block, (Heading, Paragraph)):
        return False
    text = block.text.value.strip()
    return len(text) <= MAX_ENTRY and "。" not in text


def _body_start(blocks: list, start: int) -> int | None:
    """Where the body begins: the first entry's heading again (the body repeats the TOC's order),
    also when the body sets the part label and its title apart ("第一部分" / "单位概况")."""
    if start + 1 >= len(blocks) or not _short(blocks[start + 1]):
        return None
    first = entry_key(blocks[start + 1].text.value)
    if not first:
        return None
    for k in range(start + 2, len(blocks)):
        b = blocks[k]
        if b.kind == "table":
            continue
        key = entry_key(b.text.value)
        if key != first and is_bare_part(b) and k + 1 < len(blocks) and blocks[k + 1].kind != "table":
            key += entry_key(blocks[k + 1].text.value)
        if key == first:
            return k if all(_short(x) for x in blocks[start + 1:k]) else None
    return None


def mark_toc(blocks: list) -> None:
    """Turn the TOC title and its entries into `toc` paragraphs, in place."""
    for start, block in enumerate(blocks):
        if block.kind != "table" and is_toc_title(block.text.value):
            break
    else:
        return
    end = _body_start(blocks, start)
    if end is None:
        end = start + 1
        # no repetition found: entries are what carries a leader and page number
        while end < len(blocks) and _short(blocks[end]) and has_page_number(blocks[end].text.value):
            end += 1
    if end == start + 1:
        return
    for k in range(start, end):
        b = blocks[k]
        blocks[k] = Paragraph(b.index, b.text, None, getattr(b, "style", None), getattr(b, "docx", None), role="toc")
