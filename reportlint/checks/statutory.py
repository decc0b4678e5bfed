"""BUD001–003, BUD006: 部门预算/决算公开 — what the 情况说明 says against the statutory tables (its
totals, the 三公 and 机关运行经费 figures, each 功能分类 item), and the notes under the tables.

The statements and table names are data (`statements`, `column-statements`, `item-figures`,
`statutory-tables`, `empty-table-notes`, `funds` in rules/terms.toml). A statement is compared only when its table is found by title, its row
and column are found, and the text's figure is named exactly as declared; anything less is silence.
"""
from __future__ import annotations

import bisect
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

import regex

from .. import patterns
from ..engine import Context
from ..extract import UnitFacts
from ..extract.classification import ClassPath, path_before
from ..extract.labels import clause_bounds, sentence_bounds
from ..extract.quantities import Quantity
from ..extract.statutory import (
    Figure,
    TitledTable,
    column_figures,
    column_stage,
    column_year,
    figure,
    header_name,
    header_rows,
    in_yuan,
    row_figures,
    stated_name,
)
from ..extract.tables import numeric_cells
from ..findings import Anchor, Finding
from ..intervals import fmt, meet
from ..model import Document, Unit
from ..registry import Rule, check, define
from .common import code_index, statutory_tables

define(Rule(
    "BUD001", "statement-differs-from-table", "consistency", "warning", "说明中的数字与法定报表不一致",
    what="部门预算/决算情况说明中的总计、一般公共预算财政拨款支出、基本支出、人员经费、公用经费等数字，与按标题找到的"
         "法定报表中对应行列的数字比较（换算表格的计量单位，允许舍入）；“三公”经费及其各项、机关运行经费与“三公”经费表"
         "中同名的列比较（文中写年初预算的比预算数列、写支出决算的比决算数列，说不清的任一相符即可；空白单元格即为0）。比较哪些说法、哪张表、哪一行哪一列，见 "
         "rules/terms.toml 的 statements、column-statements 与 statutory-tables。",
    why="情况说明常从旧稿或别的表（如全口径的支出决算表）抄数，与本表不符。",
    bad="财政拨款收入支出总计0.3万元。（财政拨款收入支出决算总表：总计 2,961.68）",
    good="财政拨款收入支出总计2961.68万元。",
    options="用户规则包可在 terms.toml 中增加 statements 与 statutory-tables（如本省模板的表名）。"))
define(Rule(
    "BUD002", "empty-table-note-on-filled-table", "consistency", "warning", "有数据的表格注明“本表为空表”",
    what="表格下方的说明写“本表为空表/本表无数据”，而表中有非零金额。",
    why="空表说明是从上年或别的表复制来的，与本表实际内容矛盾。",
    bad="（表中“三公”经费合计 47.91）说明：本部门无“三公”经费预算，故本表为空表。",
    good="删除空表说明，或核对表中数据。"))
define(Rule(
    "BUD003", "empty-table-note-wrong-fund", "consistency", "warning", "空表说明写错了资金类别",
    what="表格标题是某一类资金（政府性基金、国有资本经营、一般公共预算），其下的空表说明却写另一类资金。",
    why="空表说明常在各表之间复制，忘记改资金名称。",
    bad="国有资本经营预算财政拨款支出决算表 …… 说明：本单位没有政府性基金预算财政拨款支出，故本表无数据。",
    good="说明：本单位没有国有资本经营预算财政拨款支出，故本表无数据。"))
define(Rule(
    "BUD011", "empty-table-without-note", "consistency", "warning", "空表没有说明为何为空",
    what="可以为空的法定报表（政府性基金、国有资本经营、“三公”经费表，见 rules/terms.toml statutory-tables 的 "
         "subject）没有任何非零金额，而表下没有空表说明，正文也没有一句说本部门无这类资金或支出。",
    why="公开空表时须说明原因；没有说明的空表，读者分不清是没有这类支出还是漏填了数据。",
    bad="政府性基金预算财政拨款收入支出决算表（空表，表下无说明）",
    good="表下注明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
    options="正文中提到该资金并写“无”“没有”“未”的句子即视为说明。"))


define(Rule(
    "BUD006", "item-differs-from-table", "consistency", "warning", "功能分类项目的说明数字与报表不一致",
    what="情况说明按“…（类）…（款）…（项）”逐项说明的金额（紧跟项目名称的金额，以及决算中“支出决算为”、预算中"
         "“预算安排”后的金额），与法定报表中该科目（按名称和上级科目名称找到唯一的科目编码）的数字比较：与各表该行"
         "的任何一个数字都对不上（换算计量单位、允许舍入）才报告。年初预算、上年执行数等报表中没有的数字不比较。",
    why="逐项说明常从上年稿或相邻项目抄改，金额改了表没改，或改了表没改文字。",
    bad="行政运行（项）……支出决算为165.60万元。（一般公共预算财政拨款支出决算表：2010301 行政运行 155.60）",
    good="行政运行（项）……支出决算为155.60万元。",
    options="哪些说法是本年金额，见 rules/terms.toml 的 item-figures。"))


def _first_of_each_kind(doc: Document, ctx: Context) -> dict[str, TitledTable]:
    by_kind: dict[str, TitledTable] = {}
    for t in statutory_tables(doc, ctx):
        if t.kind and t.kind not in by_kind:
            by_kind[t.kind] = t  # the first table of a kind is the statutory one; later ones repeat it
    return by_kind


def statement_pairs(doc: Document, ctx: Context) -> Iterator[tuple[UnitFacts, Quantity, TitledTable, Figure, dict]]:
    """Each figure the text states by a `statements` label, with the table cell that holds it."""
    statements = ctx.packs.terms.get("statements", [])
    by_kind = _first_of_each_kind(doc, ctx) if statements else {}
    if not by_kind:
        return
    longest = max(len(s["label"]) for s in statements)
    for u in doc.facts.paragraphs():
        deltas = doc.facts.change_amounts.get(id(u), ())
        for q in u.quantities:
            if q.kind != "money" or not q.exact or q.start in deltas:
                continue
            label = stated_name(u.text, q.start, longest)
            matching = [s for s in statements if label.endswith(s["label"])]
            if not matching:
                continue
            statement = max(matching, key=lambda s: len(s["label"]))  # 财政拨款收入支出总计, not 收入支出总计
            context = statement.get("context", "")
            if context and context not in u.text[:q.start]:
                continue
            table = by_kind.get(statement["table"])
            if table is None:
                continue
            found = figure(table.table, statement["row"], statement.get("column", ""), ctx.period)
            if found is None:
                continue
            amount = table.amount(found[0])
            if amount is not None:
                yield u, q, table, amount, statement


@check("BUD001")
def statements_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u, q, table, (cell, value, scale), statement in statement_pairs(doc, ctx):
        if meet(q.interval(), in_yuan(value, scale)):
            continue
        expected = as_stated(q, value, scale)
        where = f"《{table.title}》“{statement['row']}”" + (f"“{statement['column']}”" if statement.get("column") else "")
        yield ctx.finding(
            "BUD001", Anchor(u.unit, q.start, q.end),
            f"文中{statement['label']}为{u.text[q.start:q.end]}，{where}为 {cell.value.strip()}（{expected}）",
            expected=expected, actual=u.text[q.start:q.end],
            related=[(Anchor.of_cell(table.table, cell), table.title)])


_LABEL_ONLY = patterns.compile(r"\s*(?:支出)?(?:年初|全年)?(?:预算|决算)(?:数|支出)?(?:为|是)?\s*")
_OTHER_YEAR = patterns.compile(r"上年|上一年|去年|同期")
_LABEL_MAX = 16  # characters between a name and its figure ("财政拨款支出年初预算为 ")


@lru_cache(maxsize=8)
def _names_pattern(names: tuple[str, ...]) -> regex.Pattern[str]:
    return patterns.compile("|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)))


def _named_figures(doc: Document, ctx: Context, specs: list[dict]) -> Iterator[tuple[Unit, Quantity, str, dict]]:
    """Each money figure the text names by one of a spec's `names`, with the words between: right after
    the name (a few label words between), or in the next clause of the same sentence when that clause
    is label words only ("“三公”经费…年初预算为2.85万元，支出决算为0.39万元")."""
    by_name = {name: spec for spec in specs for name in spec.get("names", [])}
    if not by_name:
        return
    pattern = _names_pattern(tuple(by_name))
    period = ctx.period
    for u in doc.facts.paragraphs():
        deltas = doc.facts.change_amounts.get(id(u), ())
        text = u.text
        hits = list(pattern.finditer(text))
        if not hits:
            continue
        hit_ends = [h.end() for h in hits]
        previous_end = 0
        for q in u.quantities:
            figure_start, previous_end = previous_end, q.end
            if q.kind != "money" or q.start in deltas:
                continue
            j = bisect.bisect_right(hit_ends, q.start)  # the last name ending before the figure
            hit = hits[j - 1] if j else None
            if hit is None or hit.start() < clause_bounds(text, q.start)[0]:
                continue
            start = hit.end()
            if start < figure_start:  # another figure between: only "…，支出决算为" carries the name on
                start = clause_bounds(text, q.start, sub=True)[0]
                if not _LABEL_ONLY.fullmatch(text, start, q.start):
                    continue
            elif q.start - start > _LABEL_MAX:
                continue
            label = text[start:q.start]
            if _OTHER_YEAR.search(label) or u.names_other_year(start, q.start, period):
                continue
            yield u, q, label, by_name[hit.group()]


def column_pairs(doc: Document, ctx: Context) -> Iterator[tuple[UnitFacts, Quantity, TitledTable, list[Figure], bool, str, dict]]:
    """Each figure the text names by a `column-statements` name, with the figures the table prints
    under that name (a column, or a row in a table of items by row) for the report's year and the
    stage the text names (年初预算 → 预算数, 支出决算 → 决算数); whether one of those cells is blank;
    and which stage or year narrowed them ("预算数", "2026年", "")."""
    specs = ctx.packs.terms.get("column-statements", [])
    tables = _first_of_each_kind(doc, ctx)
    specs = [s for s in specs if s.get("table") in tables]
    period = ctx.period
    for u, q, label, spec in _named_figures(doc, ctx, specs):
        t = tables[spec["table"]]
        said = [w for w in ("预算", "决算") if w in label]
        if len(said) == 1 and said[0] not in t.title + "".join(c.value for r in header_rows(t.table) for c in r):
            continue  # 年初预算 against a table of 决算数 only: a figure the tables do not hold
        names = {header_name(h) for h in spec.get("headers", [])}
        found, blank = column_figures(t.table, names, ("小计",))
        if not found and not blank:
            found, blank = row_figures(t.table, names)
        figures = [f for c, _ in found if (f := t.amount(c)) is not None]
        narrowed = ""
        years = [column_year(t.table, c.col, period) for c, _, _ in figures]
        this_year = [f for f, y in zip(figures, years) if y == period]
        if this_year and len(this_year) < len(figures):  # a table of two years: this year's column
            figures, narrowed = this_year, f"{period}年"
        if len(said) == 1:  # 年初预算 against the 预算数 columns, 支出决算 against the 决算数 ones
            own = [f for f in figures if column_stage(t.table, f[0].col) == said[0]]
            if own and len(own) < len(figures):
                figures, narrowed = own, f"{said[0]}数"
        if figures or blank:
            yield u, q, t, figures, blank, narrowed, spec


@check("BUD001")
def column_statements(doc: Document, ctx: Context) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    for u, q, t, figures, blank, narrowed, spec in column_pairs(doc, ctx):
        if not figures or (blank and q.value == 0) or any(meet(q.interval(), in_yuan(v, sc), rel) for _, v, sc in figures):
            continue
        cell, value, scale = figures[-1]  # the report's own figure: 决算数 after 预算数
        shown = "、".join(c.value.strip() for c, _, _ in figures)
        yield ctx.finding(
            "BUD001", Anchor(u.unit, q.start, q.end),
            f"文中{spec['names'][0]}为{u.text[q.start:q.end]}，《{t.title}》“{spec['headers'][0]}”{narrowed}为 {shown}",
            expected=as_stated(q, value, scale), actual=u.text[q.start:q.end],
            related=[(Anchor.of_cell(t.table, c), t.title) for c, _, _ in figures])


def _report_kind(tables: list[TitledTable], kinds: dict) -> str | None:
    """决算 or 预算, as every statutory table's title says by its last such word ("政府性基金预算财政拨款
    收入支出决算表" is a 决算 table); None when the titles disagree or say neither."""
    said = set()
    for t in tables:
        if t.kind:
            at = {word: t.title.rfind(word) for word in kinds}
            said.add(max(at, key=at.__getitem__) if max(at.values()) >= 0 else None)
    return said.pop() if len(said) == 1 else None


def _item_figures(doc: Document, ctx: Context, labels: tuple[str, ...]) -> Iterator[tuple[Unit, Quantity, ClassPath]]:
    """Each money figure the text gives for a 功能分类 item in the report's year, with the item's path."""
    period = ctx.period
    for u in doc.facts.paragraphs():
        deltas = doc.facts.change_amounts.get(id(u), ())
        item = doc.facts.items.get(id(u))
        item_path = item.path if item is not None else None
        for q in u.quantities:
            if q.kind != "money" or q.start in deltas:
                continue
            path = path_before(u.text, q.start)
            if path is None and item_path is not None and labels:
                start = clause_bounds(u.text, q.start, sub=True)[0]
                if not stated_name(u.text, q.start, q.start - start).endswith(labels) \
                        or u.names_other_year(start, q.start, period):
                    continue
                path = item_path
            if path is not None:
                yield u, q, path


def item_pairs(doc: Document, ctx: Context) -> Iterator[tuple[UnitFacts, Quantity, ClassPath, str, list[tuple[TitledTable, Figure]]]]:
    """Each figure the text gives for a 功能分类 item, with the 科目编码 its path resolves to and every
    figure the statutory tables print on a line of that code."""
    tables = statutory_tables(doc, ctx)
    index = code_index(doc, ctx)
    if not tables or not index.entries:
        return
    titled = {id(t.table): t for t in tables}
    kinds = ctx.packs.terms.get("item-figures", {})
    kind = _report_kind(tables, kinds)
    labels = tuple(kinds.get(kind, ())) if kind else ()
    for u, q, path in _item_figures(doc, ctx, labels):
        code = index.resolve(path)
        if code is None:
            continue
        figures = []
        for ledger, entry in index.entries[code]:
            t = titled.get(id(ledger.table))
            if t is None:
                continue
            figures += [(t, f) for cell in entry.cells.values() if (f := t.amount(cell)) is not None]
        if figures:
            yield u, q, path, code, figures


@check("BUD006")
def items_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    index = code_index(doc, ctx)
    for u, q, path, code, figures in item_pairs(doc, ctx):
        if any(meet(q.interval(), in_yuan(v, s), rel) for _, (_, v, s) in figures):
            continue
        t, (cell, value, scale) = min(figures, key=lambda f: (f[0].kind != "一般公共预算支出表", f[0].table.index))
        expected = as_stated(q, value, scale)
        entry_name = f"{code} {next(iter(sorted(index.names[code])))}"
        yield ctx.finding(
            "BUD006", Anchor(u.unit, q.start, q.end),
            f"文中“{path.text_name}”为{u.text[q.start:q.end]}，《{t.title}》{entry_name}为 {cell.value.strip()}"
            f"（{expected}），各表该科目均无此数",
            expected=expected, actual=u.text[q.start:q.end],
            related=[(Anchor.of_cell(t.table, cell), t.title)])


def as_stated(q: Quantity, value: Quantity, scale: Decimal) -> str:
    """A table figure (shown in units of `scale` 元) in the unit and decimals of the text's figure `q`:
    what the text should have said."""
    return in_unit_of(value.value * scale, q, value.decimals if scale == q.scale else q.decimals)


def in_unit_of(yuan: Decimal, q: Quantity, decimals: int | None = None) -> str:
    """An amount in 元, written in the unit (and decimals) of the text's figure `q`."""
    unit = q.unit if q.unit in ("元", "万元", "亿元") else "元"
    return fmt(yuan / q.scale, q.decimals if decimals is None else decimals) + unit


def _filled(t: TitledTable) -> list:
    """Cells with a non-zero amount: decimals shown, or thousands grouped (a 元 table's 2,932,700);
    科目编码, 序号 and 栏次 are whole numbers written plain."""
    return [(c, q) for row in t.table.rows for c, q in numeric_cells(row)
            if q.value != 0 and (q.decimals > 0 or "," in c.value)]


_NONE = patterns.compile(r"无|没有|未")


def _said_to_be_none(doc: Document, subjects: list[str]) -> bool:
    """Does a sentence of the text name one of the subjects and say there is none of it?"""
    for u in doc.facts.paragraphs():
        text = u.text
        for word in subjects:
            at = text.find(word)
            while at >= 0:
                s, e = sentence_bounds(text, at)
                if _NONE.search(text, s, e):
                    return True
                at = text.find(word, e)
    return False


@check("BUD002", "BUD003", "BUD011")
def empty_table_notes(doc: Document, ctx: Context) -> Iterator[Finding]:
    words = ctx.packs.terms.get("empty-table-notes", [])
    funds = ctx.packs.terms.get("funds", [])
    subjects = {k["name"]: k.get("subject", []) for k in ctx.packs.terms.get("statutory-tables", [])}
    for t in statutory_tables(doc, ctx):
        if (subjects.get(t.kind) and t.title_block is not None and not _filled(t)
                and not any(w in note.text.value for note in t.notes for w in words)
                and not _said_to_be_none(doc, subjects[t.kind])):
            first = t.table.rows[0][0] if t.table.rows and t.table.rows[0] else None
            yield ctx.finding("BUD011", Anchor.of_block(t.title_block),
                              f"《{t.title}》中没有数据，表下和正文都没有说明为何为空（如“本单位无{subjects[t.kind][0]}"
                              f"……，故本表无数据”）",
                              related=[(Anchor.of_cell(t.table, first), "表格")] if first is not None else [])
        for note in t.notes:
            text = note.text.value
            hit = next((w for w in words if w in text), None)
            if hit is None:
                continue
            s, e = sentence_bounds(text, text.index(hit))
            while s < e and text[s] in " \u3000":
                s += 1
            filled = _filled(t)
            if filled:
                cell = filled[0][0]
                yield ctx.finding(
                    "BUD002", Anchor.of_block(note, s, e),
                    f"说明称{hit}，但《{t.title or '本表'}》中有金额（如 {cell.value.strip()}）",
                    related=[(Anchor.of_cell(t.table, cell), "表中金额")])
                continue
            named = [f for f in funds if f in text[:e]]
            titled = [f for f in funds if f in t.title]
            if len(titled) == 1 and named and titled[0] not in named:
                yield ctx.finding(
                    "BUD003", Anchor.of_block(note, s, e),
                    f"《{t.title}》下的空表说明写的是“{named[0]}”，应为“{titled[0]}”",
                    expected=titled[0], actual=named[0],
                    related=[(Anchor.of_block(t.title_block), "表格标题")] if t.title_block is not None else [])
