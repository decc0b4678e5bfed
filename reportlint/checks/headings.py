"""HDG: numbering gaps, titles that lost their number, heading levels, empty and missing sections.

Numbering follows the usual hierarchy 一、 → （一） → 1、/1. → （1） → ①, tracked as a stack of
open levels so that sub-numbering restarts under each parent. When a sequence skips numbers and
plain title-like lines sit in the gap ("政府性基金预算支出情况" between 四、 and 八、), each such line
is named with the number it should carry; deeper gaps claim their lines first.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.cnnum import to_cn
from ..extract.numbering import (Label, entry_key, format_label, has_sentence_mark, is_bare_part, parse_label,
                                 title_like)
from ..findings import Anchor, Finding
from ..model import Document, Heading, Paragraph, Table
from ..registry import Rule, check, define
from .common import detect_profile

define(Rule(
    "HDG001", "numbering-gap", "headings", "warning", "标题编号不连续",
    what="同一级标题的编号跳号（四、之后是八、；（一）之后是（三）），每个上级标题下的编号重新从一开始计；"
         "以（一）（二）开头、把标题写在首句中的段落（政府工作报告的各部分）也按顺序核对。",
    why="跳号通常意味着漏写了一节，或某节标题丢了编号。", bad="四、资产管理情况 …… 八、部门整体支出绩效情况",
    good="四、…… 五、…… 六、…… 七、…… 八、……"))
define(Rule(
    "HDG002", "title-missing-number", "headings", "warning", "标题缺少编号",
    what="编号跳号处有不带编号、像标题的短行时，按顺序指出它应有的编号。",
    why="转换或编辑时丢失的编号会让章节结构错乱。", bad="四、资产管理情况 …… 政府性基金预算支出情况 …… 八、……",
    good="五、政府性基金预算支出情况"))
define(Rule(
    "HDG003", "numbering-order", "headings", "warning", "标题编号重复或倒序",
    what="同一级的编号重复（二、之后又是二、）或变小。", why="编号重复或倒序说明章节被复制或移动后没有重新编号。",
    bad="二、…… 二、……", good="二、…… 三、……"))
define(Rule(
    "HDG004", "heading-level-mismatch", "headings", "info", "标题样式级别与编号层级不一致",
    what="同一种编号（如“（二）”）的标题使用了不同的标题级别（Markdown # 数量或 Word 标题样式），与同级多数不符。",
    why="级别不一致会打乱导航窗格和目录。", bad="### （一）职能职责 …… ## （二）机构设置",
    good="### （一）职能职责 …… ### （二）机构设置"))
define(Rule(
    "HDG005", "empty-section", "headings", "warning", "章节没有内容",
    what="标题之后直接是同级或更高级的标题，或文档结束。", why="空章节通常是漏写了内容。",
    bad="五、存在的问题\n六、下一步改进措施", good="五、存在的问题\n1、……\n六、下一步改进措施"))
define(Rule(
    "HDG006", "missing-required-section", "headings", "warning", "缺少报告类型要求的章节",
    what="按报告类型（由标题识别，或 --profile 指定）的要求检查必备章节，章节名的同义写法见 rules/profiles/*.toml；"
         "标题、独立短行和表格单元格中出现过即视为存在。",
    why="自评报告有规定的结构，缺少“存在的问题”“改进措施”等部分会被退回。",
    bad="（部门整体支出绩效自评报告中没有“存在的问题”一节）", good="增加“存在的问题”一节。",
    options="profile：报告类型（dept-selfeval、project-selfeval、generic，或自定义规则包中的类型）。"))
define(Rule(
    "HDG007", "section-order", "headings", "info", "必备章节顺序与报告类型的要求不同",
    what="必备章节都在，但先后顺序与报告类型规定的顺序不同。", why="审核人按固定顺序阅读。",
    bad="三、存在的问题 …… 四、部门整体支出绩效情况", good="三、部门整体支出绩效情况 …… 四、存在的问题"))
define(Rule(
    "HDG009", "enumeration-gap", "headings", "warning", "正文中“一是、二是……”的序号不连续",
    what="段落中（或逐段）用“一是……二是……”列举时，序号跳号、重复或倒序；标题或表格之后、以及每个“一是”处重新计数。"
         "只认句首或标点之后的“N是”（“统一是”“唯一是”不算）。",
    why="删去或挪动一项后忘了改后面的序号，读者会以为漏了一项。",
    bad="一是稳住经济大盘……二是扩大有效投资……四是深化改革开放……",
    good="一是稳住经济大盘……二是扩大有效投资……三是深化改革开放……"))
define(Rule(
    "HDG008", "mixed-numbering-style", "headings", "info", "同一级标题混用编号样式",
    what="同一级连续的标题一会儿用“1、”一会儿用“1.”。", why="统一的编号样式便于阅读和自动生成目录。",
    bad="1、预算编制 …… 2.资金管理", good="1、预算编制 …… 2、资金管理"))


@dataclass
class _Open:
    label: Label
    heading: Heading
    position: int  # index in doc.blocks


@dataclass
class _Gap:
    before: _Open
    after: Heading
    after_position: int
    missing: list[int]
    candidates: list[tuple[int, Paragraph]] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return self.after.label.depth


_NOT_TITLE = patterns.compile(r"[。；;！？!?]|^附件|^填报|^说明|日\s*期|^\(|^（|[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月")


def is_title_candidate(block) -> bool:
    """A line without a number that reads like a section title: short, no sentence punctuation (a
    plain line, or a heading by its style that lost its number)."""
    if not isinstance(block, (Paragraph, Heading)) or block.label is not None or \
            isinstance(block, Paragraph) and not block.body:
        return False
    text = block.text.value.strip()
    if not 4 <= len(text) <= 30 or _NOT_TITLE.search(text) or "\n" in text:
        return False
    return title_like(text)


def _is_toc(block) -> bool:
    return isinstance(block, Paragraph) and block.role == "toc"


def _numbered(doc: Document) -> list[tuple[int, Heading]]:
    return [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.label is not None]


@check("HDG001", "HDG002", "HDG003", "HDG008")
def numbering(doc: Document, ctx: Context) -> Iterator[Finding]:
    stack: list[_Open] = []
    gaps: list[_Gap] = []
    for pos, h in _numbered(doc):
        label = h.label
        while stack and stack[-1].label.depth > label.depth:
            stack.pop()
        if stack and stack[-1].label.depth == label.depth:
            top = stack[-1]
            if top.label.family != label.family:
                stack[-1] = _Open(label, h, pos)
                continue
            if top.label.style != label.style:
                yield ctx.finding("HDG008", _label_anchor(h),
                                  f"同级编号样式不一致：前一个是“{top.label.text()}”，此处是“{label.text()}”",
                                  related=[(_label_anchor(top.heading), None)])
            expected = top.label.value + 1
            if label.value == 1 and _new_part_between(doc, top.position, pos):
                stack[-1] = _Open(label, h, pos)  # each attached form, table or titled part numbers anew
                continue
            if label.value > expected:
                gaps.append(_Gap(top, h, pos, list(range(expected, label.value))))
            elif label.value < expected:
                what = "重复" if label.value == top.label.value else "倒序"
                yield ctx.finding("HDG003", _label_anchor(h),
                                  f"标题编号{what}：“{top.label.text()}”之后是“{label.text()}”，应为“{format_label(label.style, expected, label.raw)}”",
                                  expected=format_label(label.style, expected, label.raw), actual=label.text(),
                                  related=[(_label_anchor(top.heading), None)])
            stack[-1] = _Open(label, h, pos)
        else:
            if label.value > 1 and not _table_between(doc, stack[-1].position if stack else -1, pos):
                parent = stack[-1] if stack else None
                gaps.append(_Gap(parent or _Open(label, h, -1), h, pos, list(range(1, label.value))))
            stack.append(_Open(label, h, pos))
    reported: set[int] = set()
    yield from _report_gaps(doc, ctx, gaps, reported)
    yield from _lost_part_labels(doc, ctx, reported)
    yield from _run_in_gaps(doc, ctx)


_RUN_IN = "cn_paren"  # （一）（二）… opening paragraphs: a work report's sections, titled in their first sentence


def _run_in_gaps(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Run-in section labels: paragraphs that open with （一）, （二）… under one heading number on
    from each other. A gap is reported only when no missing number is anywhere in the run so far —
    a list nested in a section restarts at （一）, and the outer list goes on from its own last
    number — nor in the text between (a reader that joined two paragraphs hides a label inside)."""
    last: Paragraph | None = None
    seen: set[int] = set()
    between: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            last, seen, between = None, set(), []
            continue
        label = b.label if isinstance(b, Paragraph) else None
        if label is None or label.style != _RUN_IN or label.start != 0:
            if isinstance(b, Paragraph):
                between.append(b.text.value)
            continue
        if last is not None and label.value > last.label.value + 1:
            missing = list(range(last.label.value + 1, label.value))
            shown = [format_label(_RUN_IN, v, label.raw) for v in missing]
            text = "".join(between)
            if not any(v in seen for v in missing) and not any(m.strip() in text for m in shown):
                listed = "、".join(shown) if len(shown) <= 5 else f"{shown[0]}至{shown[-1]}"
                yield ctx.finding("HDG001", Anchor.of_block(b, 0, label.end),
                                  f"段首编号不连续：“{last.label.text()}”之后是“{label.text()}”，缺少 {listed}",
                                  expected=shown[0].strip(), actual=label.text(),
                                  related=[(Anchor.of_block(last, 0, last.label.end), None)])
        seen.add(label.value)
        last, between = b, [b.text.value]


def _lost_part_labels(doc: Document, ctx: Context, reported: set[int]) -> Iterator[Finding]:
    """A part the table of contents numbers (第三部分 …) whose title the body prints without it.
    Only parts: a TOC numbers the statutory tables (七、财政拨款“三公”经费支出决算表) that the table
    pages print unnumbered by design."""
    places: dict[str, list[int]] = {}
    for i, b in enumerate(doc.blocks):
        if isinstance(b, (Heading, Paragraph)) and not _is_toc(b):
            places.setdefault(entry_key(b.text.value), []).append(i)
    for entry in doc.blocks:
        if not _is_toc(entry):
            continue
        label = parse_label(entry.text.value)
        if label is None or label.style != "chapter":
            continue
        title = entry_key(entry.text.value[label.end:])
        found = places.get(title, [])
        if len(title) < 4 or len(found) != 1 or found[0] in reported:
            continue
        block = doc.blocks[found[0]]
        if not is_title_candidate(block) or _names_a_part(doc, found[0]):
            continue
        shown = f"{label.text()} {title}"
        yield ctx.finding("HDG002", Anchor.of_block(block),
                          f"“{block.text.value.strip()}”缺少编号：目录中为“{shown}”",
                          expected=f"{label.text()}{block.text.value.strip()}", actual=block.text.value.strip(),
                          related=[(Anchor.of_block(entry), "目录")])


def _names_a_part(doc: Document, i: int) -> bool:
    """The line after a part label alone in its paragraph ("第一部分" / "单位概况") is that part's title."""
    return i > 0 and is_bare_part(doc.blocks[i - 1])


def _new_part_between(doc: Document, start: int, end: int) -> bool:
    """A table or an unnumbered title (项目经费情况说明 of the next project) between two headings."""
    return any(isinstance(b, Table) or is_title_candidate(b) for b in doc.blocks[start + 1:end])


def _table_between(doc: Document, start: int, end: int) -> bool:
    return any(isinstance(b, Table) for b in doc.blocks[start + 1:end])


def _report_gaps(doc: Document, ctx: Context, gaps: list[_Gap], reported: set[int]) -> Iterator[Finding]:
    """HDG001 for each gap, or HDG002 where titles without numbers fill it (their blocks go to `reported`)."""
    claimed: set[int] = set()
    for gap in sorted(gaps, key=lambda g: -g.depth):  # deeper gaps claim their lines first
        # before the first number, the document's first line is its title, not a section's
        start = gap.before.position if gap.before.position >= 0 else 0
        gap.candidates = [(i, b) for i, b in enumerate(doc.blocks[start + 1:gap.after_position], start + 1)
                          if is_title_candidate(b) and i not in claimed and not _names_a_part(doc, i)]
        if len(gap.candidates) == len(gap.missing):
            claimed.update(i for i, _ in gap.candidates)
    for gap in sorted(gaps, key=lambda g: g.after_position):
        style = gap.after.label.style
        missing = [format_label(style, v, gap.after.label.raw) for v in gap.missing]
        if gap.candidates and len(gap.candidates) == len(gap.missing):
            # one finding for the broken sequence, naming every title and the number it should carry
            titles = [para.text.value.strip() for _, para in gap.candidates]
            fixed = [f"{label}{title}" for label, title in zip(missing, titles)]
            first = gap.candidates[0][1]
            reported.update(i for i, _ in gap.candidates)
            named = "、".join(f"“{t}”" for t in titles)
            yield ctx.finding("HDG002", Anchor.of_block(first),
                              f"{named}像是丢了编号的标题：按顺序应为{'、'.join(f'“{f}”' for f in fixed)}",
                              expected="；".join(fixed), actual="；".join(titles),
                              related=[(Anchor.of_block(p), None) for _, p in gap.candidates[1:]]
                              + [(_label_anchor(gap.after), "下一个编号标题")])
            continue
        # A number that is there as a labelled paragraph (a title too long to read as a heading, such
        # as "二、关于《……纲要（草案）》的说明") is not missing: the sequence only looks broken.
        present = {b.label.value for b in doc.blocks[gap.before.position + 1:gap.after_position]
                   if isinstance(b, Paragraph) and b.label is not None and b.label.style == style
                   and not has_sentence_mark(b.text.value)}  # a title, not a list item
        if any(v in present for v in gap.missing):
            missing = [format_label(style, v, gap.after.label.raw) for v in gap.missing if v not in present]
            if not missing:
                continue
        before = gap.before.label.text() if gap.before.position >= 0 else "开头"
        listed = "、".join(m.rstrip("、") for m in missing) if len(missing) <= 5 else f"{missing[0]}至{missing[-1]}"
        yield ctx.finding("HDG001", _label_anchor(gap.after),
                          f"标题编号不连续：“{before}”之后是“{gap.after.label.text()}”，缺少 {listed}",
                          expected=missing[0], actual=gap.after.label.text(),
                          related=[(_label_anchor(gap.before.heading), None)] if gap.before.position >= 0 else [])


def _label_anchor(h: Heading) -> Anchor:
    """From the heading's label to its end."""
    return Anchor.of_block(h, h.label.start if h.label is not None else 0)


@check("HDG009")
def inline_enumerations(doc: Document, ctx: Context) -> Iterator[Finding]:
    for run in doc.facts.enumerations:
        for prev, marker in zip(run, run[1:]):
            if marker.value == prev.value + 1:
                continue
            said, before = f"{to_cn(marker.value)}是", f"{to_cn(prev.value)}是"
            if marker.value > prev.value + 1:
                missing = "、".join(f"“{to_cn(v)}是”" for v in range(prev.value + 1, marker.value))
                message = f"列举由“{before}”跳到“{said}”，缺少{missing}"
            else:
                message = f"列举在“{before}”之后又是“{said}”：序号重复或倒序"
            yield ctx.finding("HDG009", Anchor(marker.facts.unit, marker.start, marker.end), message,
                              expected=f"{to_cn(prev.value + 1)}是", actual=said,
                              related=[(Anchor(prev.facts.unit, prev.start, prev.end), "上一项")])
            break  # one finding per sequence: after a slip every later number is off by it


@check("HDG004")
def levels(doc: Document, ctx: Context) -> Iterator[Finding]:
    by_family: dict[str, list[Heading]] = {}
    for _, h in _numbered(doc):
        if h.level_source in ("markdown", "style", "outline"):
            by_family.setdefault(h.label.family, []).append(h)
    for heads in by_family.values():
        counts = Counter(h.level for h in heads)
        if len(counts) < 2:
            continue
        usual, n = counts.most_common(1)[0]
        if n <= len(heads) - n:
            continue  # no clear majority: say nothing
        for h in heads:
            if h.level != usual:
                yield ctx.finding("HDG004", _label_anchor(h),
                                  f"“{h.label.text()}{h.title}”的标题级别为 {h.level}，同级编号的标题多为 {usual} 级",
                                  expected=str(usual), actual=str(h.level))


@check("HDG005")
def empty_sections(doc: Document, ctx: Context) -> Iterator[Finding]:
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, Heading) or b.level_source == "plain":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if i == 0 and nxt is not None:
            continue  # the document title
        if nxt is None:
            if i > 0:
                yield ctx.finding("HDG005", _label_anchor(b), f"“{b.text.value.strip()}”之后没有内容（文档在此结束）")
        elif isinstance(nxt, Heading) and _not_deeper(nxt, b):
            yield ctx.finding("HDG005", _label_anchor(b),
                              f"“{b.text.value.strip()}”之后直接是同级或更高级的标题“{nxt.text.value.strip()}”，本节没有内容",
                              related=[(Anchor.of_block(nxt), None)])


def _not_deeper(nxt: Heading, h: Heading) -> bool:
    """Is `nxt` at `h`'s level or above? By label depth when both carry labels (markdown levels may be
    inconsistent); by level when their levels come from the same source; else unknown, so no."""
    if nxt.label is not None and h.label is not None:
        return nxt.label.depth <= h.label.depth
    return nxt.level_source == h.level_source and nxt.level <= h.level


# -- profiles -----------------------------------------------------------------------------------

def _section_places(doc: Document) -> list[tuple[int, object, str]]:
    """Places a section title may be: headings, title-like lines, short table cells."""
    out = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading):
            out.append((i, b, b.title or b.text.value))
        elif isinstance(b, Paragraph) and (is_title_candidate(b) or len(b.text.value) <= 30):
            out.append((i, b, b.text.value))
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    if cell.value and len(cell.value) <= 30:
                        out.append((i, b, cell.value))
    return out


@check("HDG006", "HDG007")
def required_sections(doc: Document, ctx: Context) -> Iterator[Finding]:
    profile = detect_profile(doc, ctx)
    if profile is None or not profile.sections:
        return
    places = _section_places(doc)
    everything = re.sub(r"\s+", "", "".join(u.text.value for u in doc.units()))
    found: list[tuple[int, object]] = []
    section_names: list[str] = []
    for section in profile.sections:
        hit = next(((i, b) for i, b, text in places if section.matches(text)), None)
        if hit is not None:
            found.append(hit)
            section_names.append(section.name)
            continue
        if any(name in everything for name in (section.name, *section.synonyms)):
            continue  # named somewhere, if not as a title: say nothing
        anchor_block = found[-1][1] if found else doc.blocks[0]
        yield ctx.finding("HDG006", Anchor.of_block(anchor_block),
                          f"{profile.title}应包含“{section.name}”部分，本文没有找到"
                          f"（可用名称：{'、'.join((section.name, *section.synonyms[:4]))}）",
                          expected=section.name)
    # order is judged on real headings only: a whole table has one position
    headed = [(k, i, b) for k, (i, b) in enumerate(found) if isinstance(b, Heading)]
    if profile.ordered and len(headed) >= 2:
        for (k0, i0, _), (k1, i1, block) in zip(headed, headed[1:]):
            if i1 < i0:
                yield ctx.finding("HDG007", Anchor.of_block(block),
                                  f"章节顺序与{profile.title}的要求不同：“{section_names[k1]}”应在“{section_names[k0]}”之后")
                break
