"""WRD: template leftovers, empty slots, placeholders, doubled punctuation, a rate without its %.

These are the slips of filling in a template: the alternative "增加（减少）" never resolved, the
reason slot left empty ("主要原因是。"), an XX placeholder, "。。" where two sentences were spliced.
They read the text of paragraphs and table cells; TOC entries are not body text.
"""
from __future__ import annotations

from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.changes import DIRECTION_WORDS, direction_word_before
from ..findings import Anchor, Finding
from ..model import Document, Paragraph
from ..registry import Rule, check, define

define(Rule(
    "WRD001", "template-alternative", "wording", "error", "模板中的备选词未删改（增加（减少））",
    what="“增加（减少）”“下降（增长）”之类的模板备选写法留在了正文中。",
    why="模板备选词没有删改，读者无法判断实际是增是减，说明该处文字未经核对。",
    bad="比上年减少0.15万元，下降（增长）27.78%。", good="比上年减少0.15万元，下降27.78%。"))
define(Rule(
    "WRD002", "empty-slot", "wording", "warning", "模板空位未填写（原因、用途为空，XX 占位）",
    what="“主要原因是。”“主要用于：。”这类冒号后直接结束的空位；“占 %”“比上年减少 万元”这类单位前"
         "缺了数字的空位（只看正文段落：表头“占%”是列名）；以及 XX、××、＊＊ 等占位符。",
    why="空位和占位符说明模板没有填完。",
    bad="比上年增加5.00万元。主要原因是。", good="比上年增加5.00万元。主要原因是新增培训项目。"))
define(Rule(
    "WRD003", "doubled-punctuation", "wording", "warning", "标点重复（。。，，；；）",
    what="同一个句读标点连续出现两次。省略号（……）和破折号（——）不算。",
    why="重复标点多是拼接句子时留下的，说明这里的文字被改动过，值得再读一遍。",
    bad="用于信息化建设支出。。2025年执行数为60.41万元。", good="用于信息化建设支出。2025年执行数为60.41万元。"))
define(Rule(
    "WRD004", "rate-without-percent", "wording", "warning", "增长/下降后的比率缺少百分号",
    what="“增长13.95。”——变动词后直接跟着带小数的数字而没有%或单位。",
    why="缺少%的比率会被读成金额或倍数。",
    bad="比上年增加143.50万元，增长 13.95。", good="比上年增加143.50万元，增长13.95%。"))

_WAYS = f"{DIRECTION_WORDS}|高于|低于"
_ALTERNATIVE = patterns.compile(rf"({_WAYS})\s*[（(]\s*({_WAYS})\s*[）)]")
_EMPTY_SLOT = patterns.compile(r"(?:主要原因|原因|主要用于|用于|主要内容)(?:是|为)?[：:]?\s*[。；;]")
# "占 %，比上年减少 万元；": a share or change word, blanks, then the unit, the figure never typed
_MISSING_FIGURE = patterns.compile(
    rf"(?:占|{DIRECTION_WORDS})[ \t\u3000\u00a0_＿]*+(?:%|％|个百分点|亿元|万元|千元|元)(?=[，。；;,、：:）)]|\s*+$)")
_PLACEHOLDER = patterns.compile(r"(?<![A-Za-z])(?:XX|ＸＸ|××|xx|＊＊|\*\*)(?![A-Za-z])")
_DOUBLED = patterns.compile(r"([。，；：、！？])\1")
_CLAUSE_END = patterns.compile(r"\s*+(?:[。，；;,]|$)")


def _texts(doc: Document):
    for u in doc.facts.units:
        block = u.block
        if isinstance(block, Paragraph) and not block.body:
            continue
        yield u


def _bare_rates(u, ctx: Context) -> Iterator[Finding]:
    """"增长 13.95。": a figure with decimals and no unit right after a direction word, ending its clause."""
    text = u.text
    for q in u.quantities:
        if q.kind != "bare" or q.approx is not None or not 1 <= q.decimals <= 2 or not 0 <= q.value < 1000:
            continue
        end = _CLAUSE_END.match(text, q.end)
        word = direction_word_before(text, q) if end is not None else None
        if word is None:
            continue
        number = text[q.num_start:q.num_end]
        yield ctx.finding("WRD004", Anchor(u.unit, q.num_start, q.num_end),
                          f"“{text[word.start():q.num_end]}”中的比率缺少百分号（或单位）", expected=f"{number}%",
                          actual=number + text[end.end() - 1:end.end()].strip())


@check("WRD001", "WRD002", "WRD003", "WRD004")
def wording(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u in _texts(doc):
        text = u.text
        for m in _ALTERNATIVE.finditer(text):
            if m.group(1) != m.group(2):
                yield ctx.finding("WRD001", Anchor(u.unit, m.start(), m.end()),
                                  f"模板备选词“{m.group(0)}”未删改，应只保留实际的一个")
        for m in _EMPTY_SLOT.finditer(text):
            yield ctx.finding("WRD002", Anchor(u.unit, m.start(), m.end()), f"“{m.group(0)}”后没有内容，模板空位未填写")
        if u.cell is None:  # a header cell "占%" names a column
            for m in _MISSING_FIGURE.finditer(text):
                yield ctx.finding("WRD002", Anchor(u.unit, m.start(), m.end()),
                                  f"“{m.group(0)}”的单位前没有数字，模板空位未填写")
        for m in _PLACEHOLDER.finditer(text):
            yield ctx.finding("WRD002", Anchor(u.unit, m.start(), m.end()), f"占位符“{m.group(0)}”未替换为实际内容")
        for m in _DOUBLED.finditer(text):
            yield ctx.finding("WRD003", Anchor(u.unit, m.start(), m.end()), f"标点“{m.group(0)}”重复")
        if u.cell is None:
            yield from _bare_rates(u, ctx)
