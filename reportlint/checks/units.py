"""UNT: amounts in the wrong unit (元 where 万元 was meant), and amounts with no 元.

A unit slip shows when a relation the text states (a total and its parts) fails as written but
holds exactly once one figure's unit is changed: "财政拨款收入4294.41万元，其中年初预算860.14元，
追加3434.27万元" holds only with 860.14万元.
"""
from __future__ import annotations

from typing import Iterator

from ..engine import Context
from ..findings import Anchor, Finding
from ..intervals import meet, sum_interval
from ..model import Document
from ..registry import Rule, check, define
from .common import decompositions, item_anchor, unit_fix

define(Rule(
    "UNT001", "unit-mismatch", "units", "error", "金额单位疑似写错（元/万元/亿元）",
    what="当一组“总数＝分项之和”的关系按原文单位不成立、而把其中一个金额的单位换成元/万元/亿元中的另一个后"
         "恰好成立时，报告这个金额并给出应有的单位。",
    why="“万元”误写为“元”会让金额相差一万倍，阅读时不易察觉，却会让整段数字对不上。",
    bad="财政拨款收入1866.00万元，其中年初预算745.60元，追加1120.40万元。",
    good="财政拨款收入1866.00万元，其中年初预算745.60万元，追加1120.40万元。",
    options="tolerance.relative。"))
define(Rule(
    "UNT002", "amount-without-yuan", "units", "info", "金额只写了“万”“亿”，缺少“元”",
    what="同一段中其他金额写了“万元/亿元”，而某个金额只写“万”或“亿”，其后是标点或段尾。"
         "“万/亿”后接其他单位或所计之物（亿美元、万标准箱、亿斤、万困难群众）时不是漏写“元”，不报告。",
    why="单位写全可避免把金额误读为人数、数量等。",
    bad="收入预算2053.49万，其中一般公共预算拨款2053.49万元。",
    good="收入预算2053.49万元，其中一般公共预算拨款2053.49万元。"))


@check("UNT001")
def unit_slips(doc: Document, ctx: Context) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    for d in decompositions(doc, ctx):
        if meet(d.total.q.interval(), sum_interval(p.q for p in d.parts), rel):
            continue
        fix = unit_fix(d, rel)
        if fix is None:
            continue
        item, unit = fix
        others = [it for it in (d.total, *d.parts) if it is not item]
        yield ctx.finding(
            "UNT001", item_anchor(item),
            f"{item.label or '金额'}{item.text}的单位疑似应为“{unit}”：按{unit}计，"
            f"{d.total.label or '总数'}{d.total.text}与分项之和相符",
            expected=f"{item.q.value}{unit}", actual=item.text,
            related=[(item_anchor(it), it.label or None) for it in others])


@check("UNT002")
def amounts_without_yuan(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u in doc.facts.paragraphs():
        money = [q for q in u.quantities if q.kind == "money"]
        if not any(q.unit.endswith("元") for q in money):
            continue
        for q in money:
            if q.unit_incomplete and q.exact:  # "50万以上税源企业" is a threshold, not a figure
                yield ctx.finding("UNT002", Anchor(u.unit, q.start, q.end),
                                  f"“{u.text[q.start:q.end]}”缺少“元”，同段其他金额写作“{q.unit}元”",
                                  expected=f"{u.text[q.num_start:q.num_end]}{q.unit}元", actual=u.text[q.start:q.end])
