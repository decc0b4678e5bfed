"""TBL: the narrative against the tables, and the same figure stated twice.

A figure in the text is compared with a table cell only when the cell's row names the same item
(synonyms from rules/terms.toml; "其中：公务接待费" under "三公经费" is its own item) and the
cell's column carries the same scope (口径): the same year, and the same stage — 预算 vs 决算 vs
执行, 年初 vs 调整 — a bare "支出" being an actual figure, never a budget. When more than one cell
could be meant, or the scope cannot be told, nothing is said. Values are compared after unit
conversion (a table of 元 against text in 万元; a table with no stated unit is tried in 元, 万元
and 亿元) and within the rounding each display allows.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract import UnitFacts
from ..extract.dates import YEAR_MENTION
from ..extract.labels import clause_bounds, label_before, phrase_before
from ..extract.ledger import Ledger
from ..extract.quantities import Quantity, half_step_of
from ..extract.scores import score_totals
from ..extract.tables import (
    cell_at,
    cell_scale,
    is_header_row,
    numeric_cells,
    row_label,
    squeeze,
    table_unit,
)
from ..extract.terms import Terms
from ..findings import Anchor, Finding, table_number
from ..intervals import fmt, meet, printed_rate
from ..model import Cell, Document, Table
from ..registry import Rule, check, define
from .common import cached, decompositions, ledgers

define(Rule(
    "TBL001", "text-table-mismatch", "consistency", "error", "正文数字与表格不一致",
    what="正文中带名称的金额与表格中同一项目、同一口径（年度、预算/决算/执行）的单元格比较，先统一单位（元/万元/亿元），"
         "再按显示位数的舍入区间判断；口径不清或可能对应多个单元格时不报告。",
    why="正文与表格常分头修改，数字对不上是审核中最常见的退回理由之一。",
    bad="正文：公务接待费7.91万元；表：公务接待 2022年决算数 71914.4（元）",
    good="正文：公务接待费7.19万元；表：公务接待 2022年决算数 71914.4（元）",
    options="同义名称见 rules/terms.toml 的 synonyms，可在自己的规则包中扩充；tolerance.relative。"))
define(Rule(
    "TBL002", "repeated-figure-mismatch", "consistency", "warning", "同一数字在正文中前后不一致",
    what="同一名称、同一口径（年度、预算/决算）的金额在正文两处给出不同的值。",
    why="前后矛盾的数字说明有一处没有随修改同步。",
    bad="一、…年初预算860.14万元 …… 三、…年初预算870.14万元", good="两处写成同一数字。",
    options="tolerance.relative。"))

_ACTUAL = ("决算", "执行", "实际")
_CHANGE_WORDS = patterns.compile(r"增减|增长|下降|减少|增加|差额|其他|^比|^较|^与")


@dataclass(frozen=True)
class Scope:
    years: frozenset[int]
    stages: frozenset[str]


@dataclass(eq=False)
class TableFigure:
    table: Table
    cell: Cell
    q: Quantity
    label: str
    header: str
    scope: Scope
    scale: Decimal | None  # None: the table does not say its unit


def _stages(text: str, words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in words if w in text)


def _column_header(headers: list[list[Cell]], col: int) -> str:
    parts = []
    for row in headers:
        cell = cell_at(row, col)
        if cell is not None and cell.value.strip() and squeeze(cell.value) not in parts:
            parts.append(squeeze(cell.value))
    return "".join(parts)


def _side_labels(ledger: Ledger | None) -> dict[tuple[int, int], Cell] | None:
    """In a table of groups side by side (a 收支总表's 收入 | 支出), each figure's item: the label of its
    own group on its row, by (row, column). None for a table of one group, whose rows have one label."""
    if ledger is None or len(ledger.groups) < 2:
        return None
    return {(e.row, col): e.label for g in ledger.groups for e in g.entries if e.label is not None
            for col in g.value_cols}


def table_figures(doc: Document, terms: Terms, books: dict[int, Ledger]) -> list[TableFigure]:
    out = []
    for table in doc.facts.tables:
        _, scale = table_unit(doc, table)
        sides = _side_labels(books.get(id(table)))
        headers: list[list[Cell]] = []
        columns: dict[int, tuple[str, Scope]] = {}  # a column's header and scope under these headers
        in_data = False
        for k, row in enumerate(table.rows):
            if is_header_row(row):
                if in_data:
                    headers, in_data = [], False
                headers.append(row)
                columns = {}
                continue
            label, label_cell = row_label(row)
            nums = numeric_cells(row)
            if nums:
                in_data = True  # any row of figures closes the header block above it
            if not label or not nums or not headers:
                continue
            if len({len(h) for h in headers} | {len(row)}) > 1 and table.layout != "docx":
                continue  # ragged text table: which header is over which cell cannot be told
            for cell, q in nums:
                if q.kind not in ("money", "bare") or q.value < 0 or label_cell is not None and cell.col <= label_cell.col:
                    continue
                own = label
                if sides is not None:
                    side = sides.get((k, cell.col))
                    if side is None:
                        continue  # a figure in no group's columns: whose it is cannot be told
                    own = squeeze(side.value)
                if cell.col not in columns:
                    header = _column_header(headers, cell.col)
                    columns[cell.col] = header, Scope(frozenset(int(y) for y in YEAR_MENTION.findall(header)),
                                                      _stages(header, terms.stage_words))
                header, scope = columns[cell.col]
                if not header:
                    continue
                out.append(TableFigure(table, cell, q, own, header, scope, cell_scale(table, cell, q, scale)))
    return out


def _prose_scope(u: UnitFacts, q: Quantity, terms: Terms, period: int | None) -> Scope:
    """Year and stage of a figure: from its own comma clause, else from the opening clause of its
    sentence ("2023年支出5.20万元，较2022年6.50万元下降，其中接待费1.80万元": 1.80 is 2023's)."""
    text = u.text
    start, _ = clause_bounds(text, q.start)
    own = phrase_before(text, q.start)
    opening = text[start:clause_bounds(text, start, sub=True)[1]] if start < q.start else ""
    years = [int(y) for y in YEAR_MENTION.findall(own)] or [int(y) for y in YEAR_MENTION.findall(opening)]
    year = years[-1] if years else period
    stages = _stages(own, terms.stage_words) or _stages(opening, terms.stage_words)
    return Scope(frozenset([year]) if year else frozenset(), stages)


def _compatible(prose: Scope, column: Scope) -> bool:
    if column.years and not (prose.years & column.years):
        return False
    if not column.years and prose.years and not column.stages:
        return False  # a column that names neither year nor stage: its scope cannot be told
    if prose.stages:
        return bool(prose.stages & column.stages) if column.stages else False
    # a bare figure ("支出7.19万元") is an actual one: a 决算/执行 column, or one with no stage
    return not column.stages or bool(column.stages & set(_ACTUAL))


def _scales(fig: TableFigure) -> list[Decimal]:
    if fig.scale is not None:
        return [fig.scale]
    return [Decimal(1), Decimal(10_000), Decimal(100_000_000)]


def _agree(prose: Quantity, fig: TableFigure, rel: Decimal) -> bool:
    lo, hi = fig.q.interval()
    return any(meet(prose.interval(), (lo * s, hi * s), rel) for s in _scales(fig))


def _table_text(doc: Document, fig: TableFigure, prose: Quantity) -> str:
    number = table_number(doc, fig.table)
    where = f"表{number} 第{fig.cell.row + 1}行 {fig.label}（{fig.header}）"
    shown = fig.cell.value.strip()
    unit = prose.unit or "万元"
    if fig.scale is None:
        conversions = "、".join(f"按{name}计为{fmt(fig.q.value * s / prose.scale)}{unit}"
                                for name, s in (("元", Decimal(1)), ("万元", Decimal(10_000))))
        return f"{where} 为 {shown}（未注明单位，{conversions}）"
    if fig.q.kind != "money" and fig.scale != prose.scale:
        return f"{where} 为 {shown}（={fmt(fig.q.value * fig.scale / prose.scale)}{unit}）"
    return f"{where} 为 {shown}"


def _labelled_amounts(doc: Document) -> Iterator[tuple[UnitFacts, Quantity, str]]:
    """Exact money figures of the paragraphs, each with its label (change amounts Δ are not figures of an item)."""
    deltas = doc.facts.change_amounts
    for u in doc.facts.paragraphs():
        floor = 0
        skip = deltas.get(id(u), ())
        for q in u.quantities:
            label = label_before(u.text, q.start, floor)
            floor = q.end
            if q.kind == "money" and q.exact and label and q.start not in skip:
                yield u, q, label


@check("TBL001")
def text_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    terms = cached(doc, "terms", lambda: Terms(ctx.packs))
    figures = table_figures(doc, terms, ledgers(doc, ctx))
    if not figures:
        return
    # Row labels repeat across a report's tables: match each text label against the distinct row
    # labels (memoised), not against every cell, so the cost stays linear in the document.
    by_label: dict[str, list[TableFigure]] = {}
    for f in figures:
        by_label.setdefault(f.label, []).append(f)
    by_core: dict[str, list[str]] = {}
    for row in by_label:
        by_core.setdefault(terms.core(row), []).append(row)
    matched: dict[str, list[TableFigure]] = {}
    rel = ctx.config.tolerance.relative
    period = ctx.period
    for u, q, label in _labelled_amounts(doc):
        if label not in matched:
            matched[label] = [f for row in terms.rows_for(label, by_core) for f in by_label[row]]
        if not matched[label]:
            continue
        scope = _prose_scope(u, q, terms, period)
        matches = [f for f in matched[label] if _compatible(scope, f.scope)]
        if not matches:
            continue
        if any(_agree(q, f, rel) for f in matches):
            continue
        cells = {(id(f.table), f.cell.row, f.cell.col) for f in matches}
        if len(cells) != 1:
            continue  # several cells could be meant: say nothing
        fig = matches[0]
        yield ctx.finding(
            "TBL001", Anchor(u.unit, q.start, q.end),
            f"正文 {label}{u.text[q.start:q.end]} 与表格不一致：{_table_text(doc, fig, q)}",
            expected=fig.cell.value.strip(), actual=u.text[q.start:q.end],
            related=[(Anchor.of_cell(fig.table, fig.cell), f"{fig.label}（{fig.header}）")])


@check("TBL002")
def repeated_figures(doc: Document, ctx: Context) -> Iterator[Finding]:
    terms = cached(doc, "terms", lambda: Terms(ctx.packs))
    rel = ctx.config.tolerance.relative
    period = ctx.period
    # a figure listed as a part of a total ("追加的3434.27万元，主要包括…商品服务支出924.53万元")
    # is scoped by that very total (its label and its value: each unit's breakdown is its own)
    parent = {(id(p.facts), p.q.start): (terms.core(d.total.label), d.total.q.base_value)
              for d in decompositions(doc, ctx) for p in d.parts}
    standard = tuple(m for group in ctx.packs.terms.get("partitions", []) for m in group.get("members", []))
    seen: dict[tuple, tuple[UnitFacts, Quantity, str]] = {}
    keyed: list[tuple[tuple, UnitFacts, Quantity, str]] = []
    values: dict[tuple, set] = {}
    for u, q, label in _labelled_amounts(doc):
        core = terms.canonical(label)  # the scope words stay in the key through `scope`
        if len(core) < 4 or _CHANGE_WORDS.search(label):
            continue
        scope = _prose_scope(u, q, terms, period)
        if not scope.years:
            continue
        # A label that is only scope words ("年初预算数") names the item of its section heading, and a
        # standard category (基本支出, 公务接待费 …) recurs for every unit a report covers: both are
        # compared only within their section. A specific item is compared across the report.
        item = terms.item(label)
        local = not terms.core(label) or any(m in item for m in standard)
        section = doc.heading_path.get(u.block.index, ())[-1:] if local else ()
        key = (core, scope.years, scope.stages, parent.get((id(u), q.start)) if local else None, section)
        keyed.append((key, u, q, label))
        values.setdefault(key, set()).add(q.base_value)
    for key, u, q, label in keyed:
        # A name stated with three or more different values names an attribute of many items (年初预算,
        # 采购金额, 预算执行数 of each 功能分类 item), not one item stated twice.
        if len(values[key]) >= 3:
            continue
        if key not in seen:
            seen[key] = (u, q, label)
            continue
        u0, q0, label0 = seen[key]
        if meet(q.interval(), q0.interval(), rel):
            continue
        yield ctx.finding(
            "TBL002", Anchor(u.unit, q.start, q.end),
            f"{label}{u.text[q.start:q.end]} 与前文{label0}{u0.text[q0.start:q0.end]}不一致（同一名称、同一口径）",
            expected=u0.text[q0.start:q0.end], actual=u.text[q.start:q.end],
            related=[(Anchor(u0.unit, q0.start, q0.end), "前文")])


define(Rule(
    "TBL004", "overall-score-mismatch", "consistency", "error", "正文所述自评得分与评分表合计不符",
    what="正文写明的总体得分（“自评得分92分”“综合得分94.5分”“绩效评价得分”）与文中唯一一张评分表（有得分列、"
         "合计行的分值为100）合计行的得分比较，按显示位数的舍入判断。文中有几张评分表，或正文写了几个不同的"
         "总体得分（部门整体一个、各项目各一个）时，对应关系不明，不报告。",
    why="评分表改了分数而正文的结论没有跟着改（或反之），自评结论就与依据不符。",
    bad="正文：本项目综合得分93.5分；评分表合计行：100 | 94.5", good="正文与评分表写成同一得分。"))

# "综合得分94.5分", "自评得分为92分", "绩效评价得分85.5": the whole's score, not an indicator's
_OVERALL_SCORE = patterns.compile(r"(?:综合|自评|绩效|评价|最终|整体|总)(?:得分|评分)(?:为|是|达到|[：:])?\s{0,2}$")
_SCORE_REACH = 10  # characters before a figure the words above can take: a bounded window, a linear scan
_PART_SCORE = ("指标", "一级", "二级", "三级")


@check("TBL004")
def overall_score(doc: Document, ctx: Context) -> Iterator[Finding]:
    totals = score_totals(doc.facts, ctx.packs)  # read by this rule alone
    if len(totals) != 1:
        return  # no score table, or several: which one a sentence means is not known
    [total] = totals
    stated = []
    for u in doc.facts.prose():
        for q in u.quantities:
            if q.kind not in ("bare", "count") or q.unit not in ("", "分") or q.approx:
                continue
            if _OVERALL_SCORE.search(u.text, max(0, q.start - _SCORE_REACH), q.start) and \
                    not any(w in phrase_before(u.text, q.start) for w in _PART_SCORE):
                stated.append((u, q))
    if len({q.value for _, q in stated}) != 1:
        return  # none, or several overall scores (the department's and each project's)
    table_score = total.score
    for u, q in stated:
        # a score may be given rounded or cut to fewer digits than the table's ("95分" for 94.5)
        if meet(printed_rate(q.value, half_step_of(q.decimals)), table_score.interval()):
            continue
        shown = u.text[q.start:q.end]
        yield ctx.finding(
            "TBL004", Anchor(u.unit, q.start, q.end),
            f"正文得分 {shown} 与表{table_number(doc, total.table)}（评分表）合计行的得分 {total.cell.value.strip()} 不符",
            expected=total.cell.value.strip(), actual=shown,
            related=[(Anchor.of_cell(total.table, total.cell), "评分表合计")])
