"""BUD: 部门预算/决算公开 — what the 情况说明 says against the statutory tables, and the notes under them.

The statements and table names are data (`statements`, `statutory-tables`, `empty-table-notes`,
`funds` in rules/terms.toml). A statement is compared only when its table is found by title, its row
and column are found, and the text's figure is named exactly as declared; anything less is silence.
"""
from __future__ import annotations

from typing import Iterator

from ..engine import Context
from ..extract.labels import sentence_bounds
from ..extract.statutory import TitledTable, figure, stated_name
from ..extract.tables import cell_scale, numeric_cells
from ..findings import Anchor, Finding
from ..intervals import fmt, meet
from ..model import Document
from ..registry import Rule, check, define
from .common import statutory_tables

define(Rule(
    "BUD001", "statement-differs-from-table", "consistency", "warning", "说明中的数字与法定报表不一致",
    what="部门预算/决算情况说明中的总计、一般公共预算财政拨款支出、基本支出、人员经费、公用经费等数字，与按标题找到的"
         "法定报表中对应行列的数字比较（换算表格的计量单位，允许舍入）。比较哪些说法、哪张表、哪一行哪一列，见 "
         "rules/terms.toml 的 statements 与 statutory-tables。",
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


@check("BUD001")
def statements_against_tables(doc: Document, ctx: Context) -> Iterator[Finding]:
    statements = ctx.packs.terms.get("statements", [])
    if not statements:
        return
    by_kind: dict[str, TitledTable] = {}
    for t in statutory_tables(doc, ctx):
        if t.kind and t.kind not in by_kind:
            by_kind[t.kind] = t  # the first table of a kind is the statutory one; later ones repeat it
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
            found = figure(table.table, statement["row"], statement.get("column", ""))
            if found is None:
                continue
            cell, value = found
            scale = cell_scale(table.table, cell, value, table.scale)
            if scale is None or value.kind not in ("money", "bare"):
                continue  # a figure whose unit nothing says is not compared
            lo, hi = value.interval()
            if meet(q.interval(), (lo * scale, hi * scale)):
                continue
            unit_name = q.unit if q.unit in ("元", "万元", "亿元") else "元"
            in_yuan = value.value * scale * (value.scale if value.kind == "money" else 1)
            expected = fmt(in_yuan / q.scale, value.decimals if value.scale * scale == q.scale else None)
            where = f"《{table.title}》“{statement['row']}”" + (f"“{statement['column']}”" if statement.get("column") else "")
            yield ctx.finding(
                "BUD001", Anchor(u.unit, q.start, q.end),
                f"文中{statement['label']}为{u.text[q.start:q.end]}，{where}为 {cell.value.strip()}"
                f"（{expected}{unit_name}）",
                expected=f"{expected}{unit_name}", actual=u.text[q.start:q.end],
                related=[(Anchor.of_cell(table.table, cell), table.title)])


def _filled(t: TitledTable) -> list:
    """Cells with a non-zero amount (decimals shown: 科目编码 and 序号 are whole numbers)."""
    return [(c, q) for row in t.table.rows for c, q in numeric_cells(row) if q.value != 0 and q.decimals > 0]


@check("BUD002", "BUD003")
def empty_table_notes(doc: Document, ctx: Context) -> Iterator[Finding]:
    words = ctx.packs.terms.get("empty-table-notes", [])
    funds = ctx.packs.terms.get("funds", [])
    for t in statutory_tables(doc, ctx):
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
