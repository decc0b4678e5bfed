"""Reader step shared by the text, .docx and PDF readers: labelled lines that are list items, not headings."""
from __future__ import annotations

import regex

from .. import patterns
from ..extract.numbering import Label, format_label
from ..model import Heading, Paragraph


def demote_list_items(blocks: list) -> None:
    """A short labelled line among long siblings of the same style is a list item, not a heading.

    ("6.负责全区…政策措施落实。" sits in a list of long duties numbered 1. to 12.)
    """
    labelled = [(k, b) for k, b in enumerate(blocks) if isinstance(b, (Heading, Paragraph))
                and b.label is not None and (not isinstance(b, Heading) or b.level_source == "label")]
    for pos, (k, block) in enumerate(labelled):
        if not isinstance(block, Heading):
            continue
        if _began_inline(blocks[k - 1] if k > 0 else None, block.label):
            blocks[k] = Paragraph(block.index, block.text, block.label)
            continue
        style = block.label.style
        neighbours = [b for _, b in labelled[max(0, pos - 1):pos + 2]
                      if b is not block and b.label.style == style and abs(b.label.value - block.label.value) == 1]
        if any(isinstance(b, Paragraph) for b in neighbours) and not any(isinstance(b, Heading) for b in neighbours):
            blocks[k] = Paragraph(block.index, block.text, block.label)


def _began_inline(previous, label: Label) -> bool:
    """"具体包括：1.本部" then a line "2.中心": a list that began inside the paragraph before, so its
    next items are list items, not headings."""
    if label.value < 2 or not isinstance(previous, Paragraph):
        return False
    before = format_label(label.style, label.value - 1, label.raw)
    return patterns.compile(rf"[：:]\s*+{regex.escape(before)}").search(previous.text.value) is not None
