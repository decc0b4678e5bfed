"""DUP: paragraphs, sentences and table rows pasted twice, and doubled words.

Near-duplicate search is near-linear: a content-defined sample of each paragraph's character
4-grams (about one in eight, see `_sampled`) goes into an inverted index, and only paragraphs sharing
enough sampled shingles become candidates; a candidate's full shingle sets are compared (Jaccard),
and a pair that passes is scored by its character edit similarity (difflib ratio), which is what
"differs in a few words" means. Character shingles need no word segmentation, so this rule does not
load jieba.
"""
from __future__ import annotations

import difflib
import re
import zlib
from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.cnnum import NUMERAL_CHARS
from ..extract.labels import normalise
from ..extract.lexicon import in_word
from ..extract.tables import cell_number, is_header_row, numeric_cells, squeeze
from ..findings import Anchor, Finding
from ..model import Document, Heading, Paragraph, Unit
from ..registry import Rule, check, define

define(Rule(
    "DUP001", "duplicate-paragraph", "duplicates", "warning", "段落重复",
    what="去掉空白、全半角差异和开头的编号（3、/（二））后，两段文字完全相同。",
    why="复制粘贴时把同一段落贴了两次（常见于“下一步改进措施”的3、4两条）。",
    bad="3、加大督查力度。……\n4、加大督查力度。……（同一段）", good="删除重复的一段，或改写为不同的措施。",
    options="duplicates.min-length：参与比较的最短段落（字符，默认 40）；duplicates.allow：允许重复的固定表述。"))
define(Rule(
    "DUP002", "near-duplicate-paragraph", "duplicates", "warning", "段落高度相似",
    what="两段文字只差几个词（字符编辑相似度不低于阈值），消息中给出与之最相似的前文段落的位置和差异。"
         "两段所列数字不同（作者已按各自事项改写，如行政单位、事业单位各一段）时降为提示。",
    why="复制后只改了少量字词的段落，往往是忘了改完。",
    bad="两段“下一步措施”只有“区财政”与“市财政”之别。", good="合并或改写。",
    options="duplicates.similarity：相似度阈值（默认 0.85）。短于 2×duplicates.min-length 的段落按更严的相似度"
            "（不低于 0.95）比较，且两段数字不同时不报：短的并列句（“收入预算……”“支出预算……”）本就只差一个词。"))
define(Rule(
    "DUP003", "repeated-sentence", "duplicates", "warning", "长句重复出现",
    what="30字以上的句子在同一段或不同段中原样出现两次以上（不含已报告为重复段落的）。同一段内重复为警告；"
         "不同段落中重复为提示（决算、预算说明常在不同段落有意重复同一原因句）。",
    why="重复的长句通常是粘贴残留。", bad="……资金使用做到了专款专用、集体决策、公开透明、讲求绩效。……（另一段同句）",
    good="保留一处。", options="duplicates.allow。"))
define(Rule(
    "DUP004", "duplicate-table-row", "duplicates", "warning", "表格行重复",
    what="同一表格中两行的行名和全部数值都相同（全零行、表头行、跨页重复的表头不算）。",
    why="重复的数据行会让合计翻倍，或掩盖遗漏的行。", bad="公务接待费 | 2.35 | 2.35 出现两次", good="删除重复行。"))
define(Rule(
    "DUP005", "doubled-word", "duplicates", "warning", "字词重复",
    what="紧挨着重复的字或词。规则包 never-doubled 所列的虚词（的、了、在、是……）重复即为笔误（警告），"
         "除非其中一个与相邻的字组成词（“目的的”“首都都市圈”“为了了解”，以 jieba 词典判断，只在遇到时加载）。"
         "其他单字重复只在其后紧跟数字、标点或段尾时报告为提示（“服务业业29家”；“紧紧围绕”“村村有”这类叠词后面"
         "总跟着汉字，“王丽丽，”这样的人名也会落在这里，所以只是提示）；双字重复（“预算预算”）也是提示。"
         "重复的数字（“十五五”）和规则包 reduplications 所列的正确叠词（等等、热气腾腾）不报告。",
    why="多为输入笔误。", bad="我们的的工作取得进展；软件和信息技术服务业业29家", good="我们的工作取得进展；软件和信息技术服务业29家"))
define(Rule(
    "DUP006", "copied-item-explanation", "duplicates", "warning", "事项说明照抄了另一事项",
    what="逐项说明（部门预决算中每个功能分类“…（项）”一段、自评报告中每个项目一段）里，某项不含数字的说明分句"
         "（“主要用于…”“主要原因是…”）与同一组中另一项的分句一字不差，且写的是那一项的名称、不含本项名称。",
    why="逐项说明多由上一项复制后改写，漏改的一句就成了张冠李戴：职业年金一项写着“事业单位离退休经费增加”。",
    bad="15.“…职业年金缴费支出（项）”……主要原因是：事业单位离退休经费增加。（照抄第13项）",
    good="15.“…职业年金缴费支出（项）”……主要原因是：职业年金缴费基数调整。"))

_SHINGLE = 4
_COMMON = 50  # a sampled shingle found in more paragraphs than this is boilerplate, not evidence
_CANDIDATE_JACCARD = 0.5
_SHORT_SIMILARITY = 0.95  # below 2×min-length a copy must be closer: short statements differ in few words anyway
_SENTENCE = patterns.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
# A doubled numeral belongs to a number or a name ("十五五"规划, 五五购物节, 一一对应), not a slip.
_NUMERALS = frozenset(NUMERAL_CHARS)


def _allowed(norm: str, allow: tuple[str, ...]) -> bool:
    return any(len(norm) - len(a) < 10 and a and a in norm for a in allow)


@lru_cache(maxsize=8)
def _allow_list(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The packs' and the configuration's standard phrases, normalised once per process."""
    return tuple(normalise(p, False) for p in phrases)


def _shingles(norm: str) -> set[str]:
    return {norm[i:i + _SHINGLE] for i in range(max(1, len(norm) - _SHINGLE + 1))}


class _Scatter(dict):
    """A character → one of 256 pseudo-random bytes (as a character), the same in every run."""

    def __missing__(self, code: int) -> str:
        byte = self[code] = chr(zlib.crc32(chr(code).encode("utf-8")) & 0xFF)
        return byte


_SCATTER = _Scatter()


def _byte_class(bit: int) -> str:
    return "[" + "".join(re.escape(chr(b)) for b in range(256) if not b & bit) + "]"


# A 4-gram is sampled when three of its characters' bytes each have one bit clear: one in eight,
# decided by the 4-gram alone, so a copy samples the same 4-grams as its original. Three characters
# rather than one keep a common character (的, 和) from pulling every 4-gram around it into the
# sample. Scanned by `re` over the translated text, not a hash per position in Python.
_SAMPLE_AT = re.compile(f"(?=(?s:{_byte_class(1)}{_byte_class(2)}.{_byte_class(4)}))")


def _sampled(norm: str) -> list[str]:
    """The sampled 4-grams of a paragraph, each once, in order."""
    starts = map(re.Match.start, _SAMPLE_AT.finditer(norm.translate(_SCATTER)))
    return list(dict.fromkeys(norm[i:i + _SHINGLE] for i in starts))


def _where(doc: Document, block, offset: int = 0) -> str:
    return doc.place(block, block.text, offset)


def _figures_differ(doc: Document, a: Paragraph, b: Paragraph) -> bool:
    """Do the two paragraphs state different figures (not merely different words)?"""
    def figures(p: Paragraph) -> list:
        return sorted((q.value, q.unit) for u in doc.facts.by_block.get(p.index, []) for q in u.quantities)

    return figures(a) != figures(b)


def _difference(a: str, b: str) -> str:
    """What changed from a to b, as 「old」→「new」 pairs."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append(f"「{a[i1:i2] or '∅'}」→「{b[j1:j2] or '∅'}」")
        if len(out) == 3:
            break
    return "，".join(out)


@check("DUP001", "DUP002", "DUP003")
def paragraphs(doc: Document, ctx: Context) -> Iterator[Finding]:
    opts = ctx.config.duplicates
    allow = _allow_list((*ctx.packs.phrases, *opts.allow))
    paras = [b for b in doc.blocks if isinstance(b, Paragraph) and b.body]
    norms = [normalise(p.text.value) for p in paras]
    first: dict[str, int] = {}
    reported: set[int] = set()
    for k, (p, norm) in enumerate(zip(paras, norms)):
        if len(norm) < opts.min_length or _allowed(norm, allow):
            continue
        if norm in first:
            j = first[norm]
            reported.update((j, k))
            yield ctx.finding("DUP001", Anchor.of_block(p),
                              f"与{_where(ctx.document, paras[j])}的段落重复", related=[(Anchor.of_block(paras[j]), "第一次出现")])
        else:
            first[norm] = k
    yield from _near(ctx, paras, norms, reported, allow)
    yield from _sentences(ctx, paras, reported, allow)


def _near(ctx: Context, paras, norms, reported: set[int], allow) -> Iterator[Finding]:
    opts = ctx.config.duplicates
    sets: dict[int, set[str]] = {}  # a candidate's shingles, built when it first is one
    sampled: dict[int, list[str]] = {}  # the shingles that go into the index
    index: dict[str, list[int]] = defaultdict(list)
    # Short parallel statements ("收入预算…" / "支出预算…") differ in one word on purpose; a copy
    # someone forgot to finish editing is a long paragraph.
    near_min = 2 * opts.min_length
    for k, norm in enumerate(norms):
        if len(norm) < opts.min_length or k in reported or _allowed(norm, allow):
            continue
        sampled[k] = _sampled(norm)
        for h in sampled[k]:
            index[h].append(k)
    for k in sampled:
        counts: dict[int, int] = defaultdict(int)
        for h in sampled[k]:
            posting = index[h]
            if len(posting) > _COMMON:
                continue
            for j in posting:
                if j < k:
                    counts[j] += 1
        best: tuple[float, int] | None = None  # the most similar earlier paragraph is the one named
        for j in sorted(counts):
            if counts[j] < 2 or j in reported and k in reported:
                continue
            a, b = (sets[i] if i in sets else sets.setdefault(i, _shingles(norms[i])) for i in (j, k))
            if len(a & b) / len(a | b) < _CANDIDATE_JACCARD:
                continue
            # shingles find candidates; how alike two paragraphs read is their edit similarity
            similarity = difflib.SequenceMatcher(None, norms[j], norms[k], autojunk=False).ratio()
            short = min(len(norms[j]), len(norms[k])) < near_min
            if similarity < (max(opts.similarity, _SHORT_SIMILARITY) if short else opts.similarity):
                continue
            if short and _figures_differ(ctx.document, paras[j], paras[k]):
                continue  # short parallel statements, each with its own figures
            if best is None or similarity > best[0]:
                best = (similarity, j)
        if best is None:
            continue
        similarity, j = best
        reported.update((j, k))
        # Figures that differ between the two mean the author rewrote the paragraph for its own
        # item (the template's 行政单位/事业单位 pair, one fund after another): a hint, not a paste slip.
        yield ctx.finding(
            "DUP002", Anchor.of_block(paras[k]),
            f"与{_where(ctx.document, paras[j])}的段落高度相似（相似度 {similarity:.2f}）：{_difference(norms[j], norms[k])}",
            related=[(Anchor.of_block(paras[j]), "相似段落")],
            severity="info" if _figures_differ(ctx.document, paras[j], paras[k]) else None)


def _sentences(ctx: Context, paras, reported: set[int], allow) -> Iterator[Finding]:
    first: dict[str, tuple[int, Unit, int, int]] = {}
    for k, p in enumerate(paras):
        if k in reported:
            continue
        unit = next(p.units())
        for m in _SENTENCE.finditer(p.text.value):
            norm = normalise(m.group(0), strip_label=False)
            if len(norm) < 30 or _allowed(norm, allow):
                continue
            if norm in first:
                j, u0, s0, e0 = first[norm]
                # Twice in one paragraph is a paste slip. In two paragraphs it is as often a formula
                # the report repeats on purpose (the same 主要原因 under the total and under 一般公共预算):
                # a hint, not a warning.
                yield ctx.finding("DUP003", Anchor(unit, m.start(), m.end()),
                                  f"此句与{_where(ctx.document, paras[j], s0)}的句子重复", related=[(Anchor(u0, s0, e0), "第一次出现")],
                                  severity=None if j == k else "info")
            else:
                first[norm] = (k, unit, m.start(), m.end())


@check("DUP006")
def copied_item_explanations(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A clause shared word for word by two items of one list that names one of them and not the
    other was written for the first and left unedited in the second. A shared clause naming
    neither ("主要原因是：项目调整") is a formula, and stays silent."""
    for items in doc.facts.item_lists:
        owners: dict[str, list] = defaultdict(list)
        for item in items:
            for clause in item.clauses:
                owners[clause.key].append((item, clause))
        for key, holders in owners.items():
            sources = [(item, clause) for item, clause in holders if item.own in key]
            if len(sources) != 1:
                continue
            source, source_clause = sources[0]
            for item, clause in holders:
                if item.own in key or source.own in item.own:
                    continue
                q = item.amount
                amount = f"（{item.unit.text.value[q.start:q.end]}）" if q is not None else ""
                yield ctx.finding(
                    "DUP006", Anchor(item.unit, clause.start, clause.end),
                    f"“{item.own}”一项{amount}的说明与{_where(doc, source.paragraph, source_clause.start)}"
                    f"“{source.own}”一项的说明一字不差，写的是“{source.own}”而非本项：疑为照抄未改",
                    related=[(Anchor(source.unit, source_clause.start, source_clause.end), f"“{source.own}”一项的原句")])


@check("DUP004")
def table_rows(doc: Document, ctx: Context) -> Iterator[Finding]:
    for table in doc.facts.tables:
        headers = {tuple(squeeze(c.value) for c in row) for row in table.rows if is_header_row(row)}
        seen: dict[tuple, list] = {}
        for row in table.rows:
            key = tuple(squeeze(c.value) for c in row)
            nums = numeric_cells(row)
            if key in headers or not nums or all(q.value == 0 for _, q in nums):
                continue
            if sum(1 for c in row if c.value.strip() and cell_number(c) is None) == 0:
                continue  # a row of bare numbers has no label to say it is the same item
            if key in seen:
                first = seen[key]
                yield ctx.finding("DUP004", Anchor.of_cell(table, row[0]),
                                  f"表格第{row[0].row + 1}行与第{first[0].row + 1}行完全相同",
                                  related=[(Anchor.of_cell(table, first[0]), "第一次出现")])
            else:
                seen[key] = row


_HAN = patterns.compile(r"\p{Han}")
_DOUBLED = patterns.compile(r"(\p{Han})\1|(\p{Han}{2})\2")
# Every place an ideograph or a pair of them repeats, found by `re` (several times faster here than
# `regex` with its Unicode property); _DOUBLED then decides at those places only. The blocks are a
# superset of \p{Han} (tested), so that runs of digits, dashes or leaders are no candidates at all.
_HAN_BLOCKS = "[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u9fff\uf900-\ufaff\U00016fe2-\U00016ff6\U00020000-\U0003ffff]"
_REPEAT_AT = re.compile(f"(?=({_HAN_BLOCKS})\\1|({_HAN_BLOCKS}{{2}})\\2)")


def _doubled(text: str) -> Iterator:
    """The matches `_DOUBLED.finditer(text)` gives: each lies at a place `_REPEAT_AT` finds."""
    end = 0
    for start in map(re.Match.start, _REPEAT_AT.finditer(text)):
        if start >= end:
            m = _DOUBLED.match(text, start)
            if m:
                end = m.end()
                yield m


@check("DUP005")
def doubled_words(doc: Document, ctx: Context) -> Iterator[Finding]:
    correct = frozenset(ctx.packs.words("reduplications"))
    never = frozenset(ctx.packs.words("never-doubled"))
    for block in doc.blocks:
        if not isinstance(block, (Paragraph, Heading)):
            continue
        text = block.text.value
        for m in _doubled(text):
            if m.group(0) in correct:
                continue
            severity = "info"
            if m.group(1) in never and not _is_reduplication(text, m.start()):
                # "我们的的工作": a slip, unless one of the two makes a word with its neighbour (目的的)
                if in_word(text, m.start(), m.end()):
                    continue
                severity = None
            elif m.group(1):
                ch = m.group(1)
                nxt = text[m.end():m.end() + 1]
                # AA reduplications (紧紧围绕, 村村有) lead into a word; a doubled character right
                # before a number or punctuation ("服务业业29家") is a slip.
                if ch in _NUMERALS or _is_reduplication(text, m.start()) or (nxt and _HAN.match(nxt)):
                    continue
            yield ctx.finding("DUP005", Anchor.of_block(block, m.start(), m.end()),
                              f"“{m.group(0)}”中有重复的字词", actual=m.group(0),
                              expected=m.group(1) or m.group(2), severity=severity)


def _is_reduplication(text: str, pos: int) -> bool:
    """AABB and ABB patterns (切切实实, 明明白白, 红彤彤) are deliberate."""
    before = text[max(0, pos - 2):pos]
    after = text[pos + 2:pos + 4]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])
