"""PCT005, PCT007–PCT010, DAT009, DAT010: change statements against their own numbers and the report year.

They read `Facts.changes` (extract/changes.py) and `Facts.comparisons` (extract/comparisons.py). A rate is recomputed from whichever two of base,
current and change amount the sentence states, as intervals of the displayed digits; a printed
rate may be rounded or truncated (99.868% printed 99.86 is not an error).
"""
from __future__ import annotations

import bisect
from decimal import Decimal
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.changes import DIRECTION_WORDS, UP_WORDS, Change, direction_word_before
from ..extract.dates import YEAR_MENTION
from ..extract.labels import sentence_bounds
from ..extract.quantities import Quantity
from ..findings import Anchor, Finding
from ..intervals import HUNDRED, Interval, fmt, meet, printed_rate
from ..model import Document
from ..registry import Rule, check, define


define(Rule(
    "PCT005", "change-mismatch", "percentages", "error", "增长（下降）百分比或方向与前后两期数字不符",
    what="对“X万元，比上年增加Δ万元，增长r%”“执行数为P…安排X，比…执行数增加r%”“较2022年B下降r%”“由B增加到X，增长r%”，"
         "用句中给出的两项（基期、本期、变动额）重新计算变动率，并核对增加/减少的方向。变动额不是基期。"
         "“年均增长r%”按句中写明的两个年份复利计算（没有写明年份的不核对）。按可比价格计算的增长（地区生产总值、"
         "增加值、“按可比价格计算”，规则包 real-growth）不用名义数字核对；这些词只管到其后的第一个数字为止，"
         "同一句中其后另一项的名义变动照常核对。",
    why="变动率写错方向或算错幅度会直接误导读者；复制上一项的说明时最常出现。",
    bad="2025年执行数为77.99万元，2026年预算安排91.97万元，比2025年执行数增加17.66%。（应为17.93%）",
    good="2025年执行数为77.99万元，2026年预算安排91.97万元，比2025年执行数增加17.93%。",
    options="tolerance.percent-points。打印的百分比可以是四舍五入或截断的结果。"))
define(Rule(
    "PCT007", "flat-but-changed", "percentages", "warning", "写“持平”但两期数字不同",
    what="“与上年持平”而句中给出的本期、基期或变动额表明有增减。",
    why="“持平”常是模板残留，数字已变而文字未改。",
    bad="总计2961.68万元，比上年减少63.14万元，与上年持平。", good="总计2961.68万元，比上年减少63.14万元。"))
define(Rule(
    "PCT008", "change-from-zero", "percentages", "info", "基期为0时写出增长百分比",
    what="基期数为0（执行数为0.00万元）时，增长率没有定义，却写了“增加100%”之类的百分比。",
    why="从0增长的百分比没有意义，读者可能误解为翻倍。",
    bad="2023年执行数为0.00万元，2024年预算安排25.00万元，增加100.00%。",
    good="2023年无此项支出，2024年预算安排25.00万元（新增）。"))
define(Rule(
    "DAT009", "compared-with-itself", "dates", "error", "与报告年度本身相比",
    what="报告年度为N时，“比N年预算增加…”“与N年预算持平”——比较的基期就是本期，通常应为N−1年。",
    why="年份随模板套用未改，比较对象就错了。",
    bad="2026年部门预算……比2026年预算增加793.14万元。", good="2026年部门预算……比2025年预算增加793.14万元。"))
define(Rule(
    "PCT009", "reason-contradicts-change", "percentages", "warning", "变动原因的方向与变动本身相反",
    what="“比上年减少2.98%。主要原因是：……经费增加”——说明原因的句子以“增加/减少”结尾，方向与数字表明的变动相反。",
    why="原因多是从上一项复制过来的，数字改了，原因没改。",
    bad="比上年预算执行数减少2.98%。主要原因是：宣传经费增加。", good="比上年预算执行数减少2.98%。主要原因是：宣传经费减少。"))
define(Rule(
    "DAT010", "project-period-before-budget-year", "dates", "error", "预算项目的实施周期早于预算年度",
    what="部门预算中，“实施周期”给出的日期区间整个落在预算年度之前（2026年预算写“2025年1月1日-2025年12月31日”）。",
    why="实施周期随上年模板复制未改，项目看起来已经结束。",
    bad="2026年部门预算……五、实施周期 2025年1月1日-2025年12月31日", good="五、实施周期 2026年1月1日-2026年12月31日"))

define(Rule(
    "PCT010", "outturn-budget-wording", "percentages", "warning", "“决算数小于（大于）预算数”与所给两个数字不符",
    what="决算说明逐项写“年初预算为A万元，支出决算为B万元。决算数小于预算数的主要原因……”：用前面给出的这两个数核对"
         "“大于/小于/持平”。两数在舍入范围内可能相等时不报；“基本持平”只在相差超过10%时报。",
    why="改过数字或照抄上一项的说明后，常留下与数字相反的“小于/大于”，原因说明也随之失去依据。",
    bad="年初预算为161.62万元，支出决算为170.75万元。决算数小于预算数的主要原因：……",
    good="年初预算为161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：……"))

_HEDGE_MARGIN = Decimal("0.10")  # "基本持平" allows a difference the text does not quantify; 10% is beyond any reading of it


def _rate_interval(ch: Change) -> tuple[Interval, str] | None:
    """The change in % the stated figures allow, signed (up positive), and how it was computed."""
    c, b, d = ch.current, ch.base, ch.delta
    sign = -1 if ch.direction == "down" else 1
    if c is not None and c.kind == "percent":
        return None  # a rate that moves from 2.1% to 2.6% changes by points; "提高23.8%" may mean either
    if ch.annual:
        return _annual_interval(ch)
    if c is not None and b is not None and c.exact and b.exact:
        (c1, c2), (b1, b2) = c.interval(), b.interval()
        if b1 <= 0:
            return None
        return ((c1 / b2 - 1) * HUNDRED, (c2 / b1 - 1) * HUNDRED), "base-current"
    if c is not None and d is not None and c.exact and d.exact:
        (c1, c2), (d1, d2) = c.interval(), d.interval()
        lo_b, hi_b = (c1 - d2, c2 - d1) if sign > 0 else (c1 + d1, c2 + d2)
        if lo_b <= 0:
            return None
        return ((sign * d1 / hi_b) * HUNDRED if sign > 0 else (-d2 / lo_b) * HUNDRED,
                (sign * d2 / lo_b) * HUNDRED if sign > 0 else (-d1 / hi_b) * HUNDRED), "current-delta"
    return None


def _annual_interval(ch: Change) -> tuple[Interval, str] | None:
    """年均增长: the rate per year that compounds the base into the current over the years between
    them — only when both years are stated (a 五年 or 十四五 span is not counted here)."""
    c, b = ch.current, ch.base
    first, last = ch.years
    if c is None or b is None or not (c.exact and b.exact) or first is None or last is None or last <= first:
        return None
    (c1, c2), (b1, b2) = c.interval(), b.interval()
    if b1 <= 0 or c1 <= 0:
        return None
    root = Decimal(1) / (last - first)
    return (((c1 / b2) ** root - 1) * HUNDRED, ((c2 / b1) ** root - 1) * HUNDRED), "annual"


def _text(ch: Change, q: Quantity | None) -> str:
    return ch.facts.text[q.start:q.end] if q is not None else ""


def _said(ch: Change, q: Quantity | None) -> str:
    """A stated figure with the direction word written before it: "增长8.9%" of "增加12.1亿元、增长8.9%"."""
    if q is None:
        return ch.word
    m = direction_word_before(ch.facts.text, q)
    return f"{m.group(0).strip() if m else ch.word}{_text(ch, q)}"


def _anchor(ch: Change, q: Quantity) -> Anchor:
    return Anchor(ch.facts.unit, q.start, q.end)


def _word_anchor(ch: Change) -> Anchor:
    """The direction word (增加, 持平 …) as evidence."""
    return Anchor(ch.facts.unit, ch.word_at, ch.word_at + len(ch.word))


def _at_comparable_prices(ch: Change, words: tuple[str, ...]) -> bool:
    """Is the change one at comparable prices (地区生产总值, 增加值, 按可比价格计算)? Such a word counts
    up to the next figure: "生产总值达到2856.3亿元、增长5.6%，一般公共预算收入完成186.4亿元、比上年增加
    12.1亿元" is a nominal change of the budget revenue, which the real-growth word before it does not
    reach."""
    u = ch.facts
    s, _ = sentence_bounds(u.text, ch.compare_at)
    reach = max((at + len(w) for w in words if (at := u.text.rfind(w, s, ch.compare_at)) >= 0), default=None)
    if reach is None:
        return False
    stop = ch.current.start if ch.current is not None and ch.current.start < ch.compare_at else ch.compare_at
    k = bisect.bisect_left(u.starts, reach)  # the first figure after the word: does it come before the change's?
    return not (k < len(u.quantities) and u.quantities[k].end <= stop)


@check("PCT005", "PCT007", "PCT008")
def changes(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    real = ctx.packs.words("real-growth")
    for ch in doc.facts.changes:
        c, b, d, r = ch.current, ch.base, ch.delta, ch.rate
        if ch.direction == "flat":
            if (d is not None and d.exact and d.interval()[0] > 0) or ch.moved is not None:
                evidence = _word_anchor(ch)
                related = [(_anchor(ch, q), note) for q, note in ((c, "本期"), (b, "基期"), (d, "变动额")) if q]
                yield ctx.finding("PCT007", evidence, f"写“{ch.word}”，但句中数字表明有变动"
                                  + (f"（变动{_text(ch, d)}）" if d else f"（{_text(ch, b)} → {_text(ch, c)}）"),
                                  related=related)
            continue
        if b is not None and b.exact and b.value == 0 and r is not None:
            yield ctx.finding("PCT008", _anchor(ch, r), f"基期为{_text(ch, b)}，增长率没有定义，文中写{ch.word}{_text(ch, r)}",
                              related=[(_anchor(ch, b), "基期")])
            continue
        if ch.delta is None and ch.moved is not None and ch.moved != ch.direction:
            # the words say one way, the two stated figures the other
            word = "增长" if ch.moved == "up" else "下降"
            if c.kind == "percent":  # two rates differ by points
                expected = f"{word}{fmt(abs(c.value - b.value), max(c.decimals, b.decimals))}个百分点"
            else:
                actual = (c.base_value - b.base_value) / b.base_value * HUNDRED if b.base_value else None
                expected = f"{word}{fmt(abs(actual), r.decimals if r else 2)}%" if actual is not None else word
            anchor = _anchor(ch, r) if r is not None else _word_anchor(ch)
            yield ctx.finding(
                "PCT005", anchor,
                f"变动方向与数字相反：由 {_text(ch, b)}（基期）到 {_text(ch, c)}（本期）是{expected}，文中写“{_said(ch, r)}”",
                expected=expected, actual=_said(ch, r),
                related=[(_anchor(ch, c), "本期"), (_anchor(ch, b), "基期")])
            continue
        if r is None or not r.exact:
            continue
        if _at_comparable_prices(ch, real):
            continue  # growth at comparable prices: nominal amounts do not give it
        computed = _rate_interval(ch)
        if computed is None:
            continue
        (lo, hi), how = computed
        sign = -1 if ch.direction == "down" else 1
        if meet(printed_rate(sign * r.value, r.half_step, widen), (lo, hi)):
            continue
        mid = (lo + hi) / 2
        word = "增长" if mid > 0 else "下降"
        # a rate per year is shown to at least a tenth: 3.7% against a printed 5% reads better than 4%
        expected = f"{word}{fmt(abs(mid), max(r.decimals, 1) if how == 'annual' else r.decimals)}%"
        if how == "annual":
            first, last = ch.years
            message = (f"年均变动率应为 ({_text(ch, c)}÷{_text(ch, b)})^(1/{last - first})−1 = {expected}"
                       f"（{first}—{last}年），文中为年均{_said(ch, r)}")
            related = [(_anchor(ch, c), "本期"), (_anchor(ch, b), "基期")]
        elif how == "base-current":
            message = (f"变动率应为 ({_text(ch, c)}−{_text(ch, b)})÷{_text(ch, b)} = {expected}，"
                       f"文中为{_said(ch, r)}")
            related = [(_anchor(ch, c), "本期"), (_anchor(ch, b), "基期")]
        else:
            message = (f"变动率应为 {_text(ch, d)}÷({_text(ch, c)}{'−' if sign > 0 else '+'}{_text(ch, d)}) = {expected}，"
                       f"文中为{_said(ch, r)}（{_text(ch, d)}是变动额，基期是本期{'减' if sign > 0 else '加'}变动额）")
            related = [(_anchor(ch, c), "本期"), (_anchor(ch, d), "变动额")]
        yield ctx.finding("PCT005", _anchor(ch, r), message, expected=expected,
                          actual=_said(ch, r), related=related)


@check("DAT009")
def compared_with_itself(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    for ch in doc.facts.changes:
        if ch.year != period:
            continue
        text = ch.facts.text
        before = [int(m.group(1)) for m in YEAR_MENTION.finditer(text, 0, ch.compare_at)]
        if before and before[-1] != period:
            continue  # "2027年目标比2026年增长": the current figure is of another year
        end = ch.word_at if ch.word_at > ch.compare_at else ch.compare_at + 1
        said = text[ch.compare_at:end].rstrip("，, ")
        yield ctx.finding("DAT009", Anchor(ch.facts.unit, ch.compare_at, ch.compare_at + len(said)),
                          f"报告年度为{period}年，“{said}”与本年度自身比较，基期应为{period - 1}年",
                          expected=f"{period - 1}年", actual=f"{period}年")


_REASON = patterns.compile(r"(?:主要)?原因(?:是|为)?[：:]?")
_REASON_END = patterns.compile(rf"({DIRECTION_WORDS})[。；;]?$")


def _moved(ch: Change) -> str | None:
    """The direction the numbers (or, failing them, the words with a stated rate or amount) give."""
    if ch.current is not None and ch.base is not None and ch.current.exact and ch.base.exact:
        return ch.moved
    return ch.direction if ch.direction in ("up", "down") and (ch.rate or ch.delta) else None


@check("PCT009")
def reasons(doc: Document, ctx: Context) -> Iterator[Finding]:
    by_unit: dict[int, list[Change]] = {}
    for ch in doc.facts.changes:
        by_unit.setdefault(id(ch.facts), []).append(ch)
    for changes_here in by_unit.values():
        for k, ch in enumerate(changes_here):
            direction = _moved(ch)
            if direction is None or direction != ch.direction:
                continue  # words against numbers is PCT005's finding; here only the reason stands out
            text = ch.facts.text
            limit = changes_here[k + 1].compare_at if k + 1 < len(changes_here) else len(text)
            m = _REASON.search(text, ch.word_at, limit)
            if m is None:
                continue
            end = text.find("。", m.end(), limit)
            raw = text[m.end():end if end >= 0 else limit]
            reason = raw.strip()
            start = m.end() + len(raw) - len(raw.lstrip())
            if not reason or any(w in reason for w in ("，", ",", "；")):
                continue  # a reason of several clauses may weigh both ways
            last = _REASON_END.search(reason)
            if last is None:
                continue
            said = "up" if last.group(1) in UP_WORDS else "down"
            if said != direction:
                figure = ch.rate or ch.delta  # _moved gives a direction only with one of them or both figures
                shown = figure or ch.current
                yield ctx.finding(
                    "PCT009", Anchor(ch.facts.unit, start, start + len(reason)),
                    f"数字表明{'增加' if direction == 'up' else '减少'}（{ch.word}{_text(ch, figure)}），"
                    f"原因却写“{reason}”，方向相反，疑似从其他项复制",
                    related=[(_anchor(ch, shown), "变动")] if shown is not None else [])


@check("DAT010")
def project_period(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    title = doc.facts.title
    if period is None or "预算" not in title or "决算" in title:
        return  # only a budget plans projects for its own year
    labels = ctx.packs.words("project-period")
    units = doc.facts.units
    for k, u in enumerate(units):
        if not any(w in u.text for w in labels):
            continue
        # the dates sit after the words, in the same text or in the next (a heading, then its line)
        for v in (u, units[k + 1] if k + 1 < len(units) else None):
            if v is None:
                continue
            ranges = [d for d in v.dates if d.year and (d.end_year or d.year) < period and
                      (d.is_range or d.kind in ("ymd", "cn", "iso"))]
            full = [d for d in v.dates if d.year]
            if ranges and len(ranges) == len(full) and len(full) >= 1:
                d = ranges[-1]
                yield ctx.finding("DAT010", Anchor(v.unit, ranges[0].start, d.end),
                                  f"{period}年预算项目的实施周期“{v.text[ranges[0].start:d.end]}”整个早于预算年度",
                                  expected=f"{period}年", actual=f"{d.end_year or d.year}年")
                break


_IS = {"gt": "大于", "lt": "小于", "eq": "等于"}
_SAYS = {"gt": "决算数大于预算数", "lt": "决算数小于预算数", "eq": "决算数与预算数持平"}


@check("PCT010")
def outturn_against_budget(doc: Document, ctx: Context) -> Iterator[Finding]:
    for c in doc.facts.comparisons:
        (o1, o2), (b1, b2) = c.outturn.interval(), c.budget.interval()
        if c.relation == "gt":
            wrong = o2 <= b1
        elif c.relation == "lt":
            wrong = o1 >= b2
        elif c.hedged:
            least_gap = max(Decimal(0), o1 - b2, b1 - o2)
            wrong = least_gap > _HEDGE_MARGIN * b2
        else:
            wrong = o2 < b1 or o1 > b2
        if not wrong:
            continue
        o, b = c.outturn.base_value, c.budget.base_value
        is_ = "gt" if o > b else "lt" if o < b else "eq"
        text = c.facts.text
        outturn, budget = text[c.outturn.start:c.outturn.end], text[c.budget.start:c.budget.end]
        yield ctx.finding(
            "PCT010", Anchor(c.facts.unit, c.start, c.end),
            f"写“{text[c.start:c.end]}”，但决算 {outturn} {_IS[is_]}预算 {budget}",
            expected=_SAYS[is_], actual=text[c.start:c.end],
            related=[(Anchor(c.facts.unit, c.outturn.start, c.outturn.end), "决算"),
                     (Anchor(c.facts.unit, c.budget.start, c.budget.end), "预算")])
