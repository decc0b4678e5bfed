"""BUD007–BUD010: which statutory tables a 部门预算/决算 prints, in what order, for which year and in what unit.

Which tables a report type must print is data (`tables` in rules/profiles/dept_*.toml, kinds of
`statutory-tables` in rules/terms.toml); the table of contents is read as the report's own list.
"""
from __future__ import annotations

from typing import Iterator

from ..engine import Context
from ..extract.numbering import entry_key
from ..extract.quantities import MONEY_SCALE
from ..extract.statutory import TitledTable, listed_tables
from ..extract.tables import squeeze, unit_mentions
from ..findings import Anchor, Finding
from ..model import Cell, Document
from ..registry import Rule, check, define
from .common import detect_profile, statutory_tables

define(Rule(
    "BUD007", "table-title-year", "dates", "warning", "法定报表标题的年度与报告年度不符",
    what="部门预算/决算的法定报表（按标题认出的各表）标题只写了一个年度，而它与报告年度（由报告标题读出，或 --period）不同。",
    why="报表常整套从上年公开稿复制，改了数字忘了改标题年度。",
    bad="2024年度部门决算 …… 2023年度一般公共预算财政拨款支出决算表",
    good="2024年度一般公共预算财政拨款支出决算表"))
define(Rule(
    "BUD008", "statutory-table-missing", "headings", "warning", "缺少法定报表",
    what="目录列出的法定报表在正文中找不到；或按报告类型（部门预算、部门决算，由标题识别）必须公开的报表（见 "
         "rules/profiles/dept_*.toml 的 tables）全文既无此表、也未提及其名称。只在正文中已认出至少三张法定报表时检查，"
         "以免把未能读出的表格当作缺失。",
    why="公开时漏掉一张表，或删表后没有更新目录，审核时要逐表核对。",
    bad="目录：七、财政拨款“三公”经费支出决算表 ……（正文中没有这张表）",
    good="补上该表（无数据时保留空表并说明原因），或更正目录。",
    options="用户规则包可在 profiles/ 中以同名报告类型替换所需报表清单（本省模板）。"))
define(Rule(
    "BUD009", "statutory-table-order", "headings", "info", "法定报表的顺序与目录或模板不同",
    what="正文中法定报表的先后顺序与目录所列顺序不同，或与报告类型规定的顺序（tables-ordered = true 的类型，如部门决算）不同。",
    why="顺序错乱常是拼接时放错了页，读者按目录找不到表。",
    bad="目录：五、一般公共预算财政拨款支出决算表；六、……基本支出决算表（正文中基本支出决算表在前）",
    good="按目录（模板）顺序排列各表。"))
define(Rule(
    "BUD010", "table-unit-line", "units", "error", "法定报表的单位行与表中数字不符",
    what="法定报表的单位行（单位：元 / 单位：万元）与表中数字的量级不符：按所写单位读，正文给出的金额一个也对不上；"
         "按另一单位（元↔万元）读，至少两个对得上。此时其他规则按数字实际的单位比较，不再逐格报错。",
    why="整套报表从另一版本复制时，单位行常与数字脱节，读者会把金额看错一万倍。",
    bad="正文：收入支出总计1250.40万元 …… 收入支出决算总表 单位：元 …… 总计 1250.40",
    good="单位：万元"))

_MIN_TABLES = 3  # statutory tables the reader must have found before an absent one is reported


@check("BUD007")
def table_title_years(doc: Document, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    for t in statutory_tables(doc, ctx):
        if not t.kind or t.title_block is None:
            continue
        years = [d for u in doc.facts.by_block.get(t.title_block.index, ()) for d in u.dates if d.year]
        if len({d.year for d in years}) != 1 or years[0].year == period:
            continue
        d = years[0]
        said = t.title_block.text.value[d.start:d.end]
        yield ctx.finding(
            "BUD007", Anchor.of_block(t.title_block, d.start, d.end),
            f"《{t.title}》的标题写{d.year}年，报告年度为{period}年",
            expected=f"{period}年", actual=said,
            related=[(Anchor.of_block(title), "报告标题")] if (title := doc.facts.title_block) is not None else [])


@check("BUD008", "BUD009")
def required_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    kinds = ctx.packs.terms.get("statutory-tables", [])
    tables = [t for t in statutory_tables(doc, ctx) if t.kind]
    if len({t.kind for t in tables}) < _MIN_TABLES:
        return
    present = {t.kind for t in tables}
    listed = listed_tables(doc, kinds)
    for entry, kind in listed:
        if kind not in present:
            yield ctx.finding("BUD008", Anchor.of_block(entry),
                              f"目录列有《{entry_key(entry.text.value)}》，正文中找不到这张表", expected=kind)
    profile = detect_profile(doc, ctx)
    required = profile.tables if profile is not None else ()
    body = squeeze("".join(u.text.value for u in doc.units() if getattr(u.block, "role", None) != "toc"))
    titles = {e["name"]: e.get("titles", []) for e in kinds}
    for kind in required:
        if kind in present or any(k == kind for _, k in listed) or any(t in body for t in titles.get(kind, ())):
            continue
        anchor = doc.facts.title_block or tables[0].title_block or doc.blocks[0]
        yield ctx.finding("BUD008", Anchor.of_block(anchor),
                          f"{profile.title}应公开《{titles.get(kind, [kind])[0]}》，本文没有找到这张表", expected=kind)
    yield from _table_order(ctx, tables, listed, required if profile is not None and profile.tables_ordered else ())


def _table_order(ctx: Context, tables: list[TitledTable], listed: list, required: tuple[str, ...]) -> Iterator[Finding]:
    """The first table that comes before one the TOC (else the profile) puts ahead of it."""
    for source, order in (("目录", [k for _, k in listed]), ("模板", list(required))):
        rank = {}
        for k in order:
            rank.setdefault(k, len(rank))
        body = []
        for t in tables:
            if t.kind in rank and t.kind not in [b.kind for b in body]:
                body.append(t)
        for before, after in zip(body, body[1:]):
            if rank[after.kind] < rank[before.kind] and after.title_block is not None:
                yield ctx.finding("BUD009", Anchor.of_block(after.title_block),
                                  f"《{after.title}》在《{before.title}》之后，与{source}的顺序不同",
                                  related=[(Anchor.of_block(before.title_block), before.title)]
                                  if before.title_block is not None else [])
                return


_UNIT_NAMES = {v: k for k, v in MONEY_SCALE.items()}


@check("BUD010")
def table_unit_lines(doc: Document, ctx: Context) -> Iterator[Finding]:
    for t in statutory_tables(doc, ctx):
        if t.stated_scale is None or t.scale is None:
            continue
        anchor = _unit_mention(doc, t)
        if anchor is None:
            continue
        stated, really = _UNIT_NAMES[t.stated_scale], _UNIT_NAMES[t.scale]
        yield ctx.finding(
            "BUD010", anchor,
            f"《{t.title or '表'}》的单位行写“{stated}”，但表中数字按{really}读才与正文所述金额相符，按{stated}读一个也对不上",
            expected=f"单位：{really}", actual=anchor.evidence,
            related=[(Anchor.of_block(t.title_block), "表标题")] if t.title_block is not None else [])


def _unit_mention(doc: Document, t: TitledTable) -> Anchor | None:
    """The words that say the table's unit ("单位：元"), where table_unit read them."""
    for place, m in unit_mentions(doc, t.table):
        if isinstance(place, Cell):
            return Anchor.of_cell(t.table, place)
        return Anchor.of_block(place, m.start(), m.end())
    return None
