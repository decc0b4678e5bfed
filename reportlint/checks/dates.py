"""DAT: dates checked by their role.

The report period comes from the title ("2020年度…自评报告") or config `period`; the signing date is
the last paragraph that is just a date (optionally after 日期：/填报日期：/报告日期：), normally under
the signing unit. Today is the real date unless config `today` / `--today` fixes it.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract import UnitFacts
from ..extract.dates import DateMention
from ..findings import Anchor, Finding
from ..model import Document
from ..packs import facts_year, signing_years
from ..registry import Rule, check, define
from .common import detect_profile

define(Rule(
    "DAT001", "signed-before-period-end", "dates", "error", "落款日期早于报告期结束",
    what="年度报告的落款日期应在报告年度结束之后；预算这类计划（报告类型 prospective = true）在预算年度的上一年或当年落款，"
         "早于上一年时报告。",
    why="2020年度报告落款“2020年1月21日”，通常是沿用了上一年的模板或写错了年份。",
    bad="2020年度部门整体支出绩效自评报告 …… 2020年1月21日", good="2020年度部门整体支出绩效自评报告 …… 2021年1月21日",
    options="period：报告年度（标题中读不出时）；today：用于比较的“今天”。"))
define(Rule(
    "DAT002", "signed-in-future", "dates", "warning", "落款日期晚于今天",
    what="落款日期不应晚于检查当天（可用 --today 或配置 today 固定“今天”）。",
    why="未来的落款日期多为年份笔误。", bad="（今天是2024年3月1日）落款：2042年2月20日", good="落款：2024年2月20日",
    options="today。"))
define(Rule(
    "DAT003", "signed-late", "dates", "info", "落款日期晚于报告年度的次年年底",
    what="落款日期比报告年度晚一年以上时提示；预算这类计划晚于预算年度年底时提示。", why="可能是年份写错，也可能是补报，值得核对。",
    bad="2020年度报告，落款2022年3月1日", good="2020年度报告，落款2021年3月1日"))
define(Rule(
    "DAT004", "no-signing-date", "dates", "info", "报告没有落款日期",
    what="应有落款的报告类型（报告类型 signed = true，如部门整体支出、项目支出绩效自评报告）文末（或任何位置）"
         "没有单独成段的落款日期。部门预算/决算公开、政府信息公开年报、政府工作报告等不要求落款，不报告。",
    why="正式报告应注明成文日期。",
    bad="（文末只有单位名称）", good="××局\n2024年3月18日"))
define(Rule(
    "DAT005", "impossible-date", "dates", "error", "不存在的日期",
    what="2月30日、4月31日、13月、非闰年的2月29日等，阿拉伯数字和中文数字（二〇二一年二月三十日）都检查。",
    why="不存在的日期一定是笔误。", bad="2021年2月29日", good="2021年2月28日"))
define(Rule(
    "DAT006", "reversed-range", "dates", "error", "日期范围前后颠倒",
    what="“2023年5月至3月”“11-1月”这样结束早于开始的范围。", why="范围颠倒通常是月份写错。",
    bad="2023年5月至3月", good="2023年3月至5月"))
define(Rule(
    "DAT007", "as-of-date-outside-period", "dates", "info", "“截至”日期早于报告年度",
    what="描述现状的“截至YYYY年…”早于报告年度时提示。预算这类计划（报告类型 prospective = true）写于预算年度的上一年，"
         "“截至”上一年的日期正是现状，早于上一年才提示。", why="常见于沿用上一年报告文字而未更新日期。",
    bad="2023年度报告：截至2022年12月31日，共有固定资产…", good="截至2023年12月31日，共有固定资产…"))
define(Rule(
    "DAT008", "stale-year", "dates", "info", "本年度事项中出现上一年度的金额",
    what="报告年度为 Y 时，“Y-1年租金收入/支出/收入”这类直接描述本期金额的写法提示核对；"
         "“较2022年”“上年”“2019年度奖补”“《…》”“计划/预计/有望”等明确指向其他年度的写法不提示。"
         "预算这类计划的现状年度是其上一年，提示的是 Y-2 年。",
    why="可能是沿用了上一年报告的数字。", bad="2020年度报告：2019年租金收入57336元", good="2020年租金收入57336元"))

_SIGN_PREFIX = patterns.compile(r"^(?:填报日期|报告日期|成文日期|日\s*期|时\s*间)?\s*[:：]?\s*")
_FLOW_AFTER = patterns.compile(r"^\s*(?:年)?(?:度)?\s*(租金收入|租金|收入|支出)")
_OTHER_YEAR_CUES = patterns.compile(r"较|比|同比|上年|去年|以来|至今|累计|计划|预计|有望|力争|争取|规划|目标")


def _full_date(d: DateMention) -> bool:
    return d.year is not None and d.month is not None and d.day is not None and not d.is_range


def signing_date(doc: Document) -> tuple[UnitFacts, DateMention] | None:
    """The last paragraph that is only a date (after an optional 日期： label)."""
    found = None
    for u in doc.facts.paragraphs():
        if len(u.dates) != 1:
            continue
        d = u.dates[0]
        if not _full_date(d):
            continue
        rest = (u.text[:d.start] + u.text[d.end:]).strip()
        lead = _SIGN_PREFIX.sub("", u.text[:d.start].strip())
        tail = u.text[d.end:].strip()
        if lead == "" and tail in ("", "。") or rest == "":
            found = (u, d)
    return found


def _date_of(d: DateMention) -> _dt.date | None:
    try:
        return _dt.date(d.year, d.month, d.day)
    except (TypeError, ValueError):
        return None


@check("DAT001", "DAT002", "DAT003", "DAT004")
def signing(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    found = signing_date(doc)
    if found is None:
        profile = detect_profile(doc, ctx)
        if period is not None and doc.blocks and profile is not None and profile.signed:
            last = next((b for b in reversed(doc.blocks) if b.kind != "table"), doc.blocks[-1])
            yield ctx.finding("DAT004", Anchor.of_block(last), "报告没有落款日期（未找到单独成段的成文日期）")
        return
    u, d = found
    when = _date_of(d)
    if when is None:
        return  # an impossible date: DAT005 reports it
    anchor = Anchor(u.unit, d.start, d.end)
    shown = u.text[d.start:d.end]
    profile = detect_profile(doc, ctx)
    ahead = profile is not None and profile.prospective
    first_year, last_year = signing_years(period, ahead) if period is not None else (0, 0)
    if period is not None and when.year < first_year:
        message = (f"{period}年{profile.title}的落款日期 {shown} 早于编制年度（{first_year}年）" if ahead else
                   f"{period}年度报告的落款日期 {shown} 早于报告期结束（{period}年12月31日）")
        yield ctx.finding("DAT001", anchor, message, actual=shown,
                          expected=f"{first_year}年或以后" if ahead else f"晚于 {period}年12月31日")
    elif when > ctx.today:
        yield ctx.finding("DAT002", anchor, f"落款日期 {shown} 晚于今天（{ctx.today.isoformat()}）",
                          expected=f"不晚于 {ctx.today.isoformat()}", actual=shown)
    elif period is not None and when.year > last_year:
        message = (f"{period}年{profile.title}落款于 {shown}，晚于预算年度年底，请核对年份" if ahead else
                   f"{period}年度报告落款于 {shown}，晚于报告年度次年年底，请核对年份")
        yield ctx.finding("DAT003", anchor, message, expected=f"{last_year}年内" if not ahead else
                          f"{first_year}—{last_year}年", actual=shown)


@check("DAT005", "DAT006")
def calendar(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u in doc.facts.units:
        for d in u.dates:
            anchor = Anchor(u.unit, d.start, d.end)
            shown = u.text[d.start:d.end]
            problem = d.problem()
            if problem:
                yield ctx.finding("DAT005", anchor, f"日期不存在：{shown}（{problem}）", actual=shown)
                continue
            if d.is_range and d.month and d.end_month:
                start = (d.year or 0, d.month, d.day or 0)
                end = (d.end_year or d.year or 0, d.end_month, d.end_day or 99)
                if end < start:
                    yield ctx.finding("DAT006", anchor, f"日期范围的结束早于开始：{shown}", actual=shown)


@check("DAT007", "DAT008")
def stale(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    profile = detect_profile(doc, ctx)
    # the year the report's facts stand in: a plan (预算) states them as of the year it was written
    current = facts_year(period, profile is not None and profile.prospective)
    for u in doc.facts.paragraphs():
        text = u.text
        for d in u.dates:
            if d.year is None or d.is_range or _in_citation(text, d.start):
                continue
            head = text[max(0, d.start - 4):d.start]
            if "截至" in head or "截止" in head:
                if d.year < current:
                    yield ctx.finding("DAT007", Anchor(u.unit, d.start, d.end),
                                      f"{period}年度报告中的“截至{text[d.start:d.end]}”早于{current}年，请核对是否为往年的文字",
                                      expected=f"截至{current}年…", actual=text[d.start:d.end])
                continue
            if d.kind != "year" or d.suffix or d.year != current - 1:
                continue
            after = _FLOW_AFTER.match(text[d.end:d.end + 6])
            if not after:
                continue
            clause_start = max(text.rfind(p, 0, d.start) for p in "。；，,;")
            if _OTHER_YEAR_CUES.search(text[clause_start + 1:d.end + 10]):
                continue
            yield ctx.finding("DAT008", Anchor(u.unit, d.start, d.end + after.end()),
                              f"{period}年度报告中出现“{text[d.start:d.end + after.end()]}”，请核对是否应为{current}年的数据",
                              expected=f"{current}年", actual=text[d.start:d.end])


def _in_citation(text: str, pos: int) -> bool:
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)
