"""SUM007: a table whose rows balance — what came in equals what was settled plus what is carried on.

The 政府信息公开工作年度报告 template states it in its own header (本列数据的勾稽关系为：第一项加第二项之
和，等于第三项加第四项之和): applications received this year and carried over from last year equal
the 办理结果 总计 plus those carried into next year, and the 总计 is the sum of the outcome rows
above it. Which rows play which part is data (`row-balances` in rules/terms.toml), so a province's
own ledger table is one entry in a user pack. Rows are told apart by their labels; the figures are
aligned from the right (a flattened or merged label column shifts them, the figure columns do not),
and a table where any outcome row has another number of figures than the total row stays silent.
"""
from __future__ import annotations

from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.labels import phrase_before, sentence_bounds
from ..extract.numbering import parse_label, without_label
from ..extract.quantities import Quantity
from ..extract.tables import cell_at, cell_number, counts_table, numeric_cells, own_label, squeeze
from ..findings import Anchor, Finding
from ..intervals import add, fmt, interval_of, meet, sum_interval
from ..model import Cell, Document, Table
from ..registry import Rule, check, define

define(Rule(
    "SUM007", "row-balance-mismatch", "totals", "error", "表格各行的勾稽关系不符",
    what="政府信息公开工作年度报告“收到和处理政府信息公开申请情况”表这类收支平衡的表格，逐列核对两件事："
         "“总计”行等于它与“上年结转”行之间各办理结果行之和；本年新收＋上年结转＝办理结果总计＋结转下年度。"
         "哪些行是收入、总计、结转，见 rules/terms.toml 的 row-balances；某一办理结果行的数字个数与总计行不同"
         "（表格没有读对）时整张表不报。每行按它自己的名称认：向下合并在办理结果各行旁边的“三、本年度办理结果”"
         "“（三）不予公开”是一组行的名称，不是该行的（也不因此把“（一）予以公开”当作小计行）。",
    why="办理结果分八大类二十多行，改动一行而不改总计、或总计与新收、结转对不上，是年报审核中最常见的差错。",
    bad="本年新收 46，上年结转 2；办理结果各行之和 45，（七）总计却写 46。",
    good="总计写 45，或找出漏填的一行；新收＋结转＝总计＋结转下年度。",
    options="用户规则包可在 terms.toml 中增加 row-balances（本地模板特有的平衡表）。"))


define(Rule(
    "TBL003", "stated-inflow-differs-from-ledger", "consistency", "warning", "正文所述收到的件数与平衡表不符",
    what="政府信息公开工作年度报告正文写“全年共收到（受理）政府信息公开申请N件”，而“收到和处理政府信息公开申请情况”"
         "表的本年新收总计、以及新收与上年结转之和都不是N。正文中这样的件数都不一致（有一处与表相符则不报，"
         "各处件数不同时——全县与本级、两个年度——也不报）；“其中”、按申请人分列、上年、办结、答复的件数不在此列。"
         "哪张表、哪些词表示“收到”，见 rules/terms.toml 的 row-balances（stated-by、subject）。",
    why="正文的总数常在表格改过之后没有跟着改：读者先读到的是正文。",
    bad="正文：全年共受理政府信息公开申请25件；表中本年新收总计21件、上年结转1件。",
    good="正文与表一致：受理申请21件（或连同上年结转共22件）。",
    options="用户规则包可在 row-balances 中增加 stated-by（“收到”的说法）与 subject（所收之物）。"))

# Words that make a stated count another figure than what came in this year: a part of it, the
# year before, or what was settled.
_NOT_INFLOW = patterns.compile(r"其中|上年|去年|上一年|前一年|同比|较|比|累计|结转|办结|答复|办理|完成|不予")


def _label(row: list[Cell]) -> str:
    """A row's own label without its number ("一、本年新收…" → "本年新收…")."""
    return without_label(own_label(row)[0])


def _find(rows: list[list[Cell]], words: list[str], start: int = 0) -> int | None:
    """The first row at or after `start` whose label begins with one of `words`."""
    for r in range(start, len(rows)):
        label = _label(rows[r])
        if label and label.startswith(tuple(words)):
            return r
    return None


def _figures(row: list[Cell], width: int) -> list[tuple[Cell, Quantity]] | None:
    """The row's `width` figures, or None when it has another number of them."""
    cells = numeric_cells(row)
    return cells if len(cells) == width else None


_SUBTOTAL_WORD = patterns.compile("小计|合计|总计")


def _is_subtotal(row: list[Cell]) -> bool:
    """A row that sums others: so named, or numbered like the top rows (三、本年度办理结果 with figures
    of its own; merged down beside （一）予以公开 it names the outcome rows, and is not this one's)."""
    text, _ = own_label(row)
    label = parse_label(text)
    return bool(_SUBTOTAL_WORD.search(text)) or label is not None and label.style in ("cn", "chapter")


@check("SUM007")
def row_balances(doc: Document, ctx: Context) -> Iterator[Finding]:
    specs = ctx.packs.terms.get("row-balances", [])
    if not specs:
        return
    for table in doc.facts.tables:
        for spec in specs:
            yield from _balance(table, ctx, spec)


def _ledger_rows(rows: list[list[Cell]], spec: dict) -> tuple[list[int], int] | None:
    """The spec's inflow rows and its total row below them; None in a table that is not the spec's."""
    inflow = [_find(rows, [w]) for w in spec["inflow"]]
    if any(r is None for r in inflow):
        return None
    total_at = _find(rows, spec["total"], max(inflow) + 1)
    return None if total_at is None else (inflow, total_at)


def _balance(table: Table, ctx: Context, spec: dict) -> Iterator[Finding]:
    rows = table.rows
    found = _ledger_rows(rows, spec)
    if found is None:
        return
    inflow, total_at = found
    last_in = max(inflow)
    outflow = [_find(rows, [w], total_at + 1) for w in spec.get("outflow", [])]
    if any(r is None for r in outflow):
        return
    total = numeric_cells(rows[total_at])
    width = len(total)
    if width == 0:
        return
    named = [_figures(rows[r], width) for r in (*inflow, *outflow)]
    between = [r for r in range(last_in + 1, total_at) if numeric_cells(rows[r])]
    if any(_is_subtotal(rows[r]) for r in between):
        return  # subtotals among the outcomes: which rows add up to what is not this template's
    parts = [_figures(rows[r], width) for r in between]
    if any(f is None for f in (*named, *parts)) or not parts:
        return  # a row read with more or fewer figures: the columns cannot be lined up
    labels = {id(cell): _label(rows[r]) for r, figures in zip((*inflow, *outflow, *between), (*named, *parts))
              for cell, _ in figures}
    exact = counts_table(ctx.document, table)
    ins, outs = named[:len(inflow)], named[len(inflow):]
    for j, (total_cell, total_q) in enumerate(total):
        column = _header(table, total_cell, inflow[0])
        stated = interval_of(total_q, exact)
        settled = sum_interval((p[j][1] for p in parts), whole_exact=exact)
        if not meet(stated, settled):
            expected = fmt(sum(p[j][1].value for p in parts), max(p[j][1].decimals for p in parts))
            yield ctx.finding(
                "SUM007", Anchor.of_cell(table, total_cell),
                f"{column}列的“{_label(rows[total_at])}”应为“{_short(rows[last_in])}”行与它之间各行之和 {expected}，"
                f"表中为 {total_cell.value.strip()}",
                expected=expected, actual=total_cell.value.strip(),
                related=[(Anchor.of_cell(table, p[j][0]), labels[id(p[j][0])]) for p in parts if p[j][1].value])
            continue  # with the total itself wrong, the balance below would only repeat it
        came = sum_interval((f[j][1] for f in ins), whole_exact=exact)
        went = add(stated, sum_interval((f[j][1] for f in outs), whole_exact=exact))
        if not meet(came, went):
            in_text = "+".join(f[j][0].value.strip() for f in ins)
            out_text = "+".join([total_cell.value.strip(), *(f[j][0].value.strip() for f in outs)])
            yield ctx.finding(
                "SUM007", Anchor.of_cell(table, total_cell),
                f"{column}列：{'＋'.join(_short(rows[r]) for r in inflow)} = {in_text} = "
                f"{fmt(sum(f[j][1].value for f in ins))}，而{'＋'.join(_short(rows[r]) for r in (total_at, *outflow))}"
                f" = {out_text} = {fmt(total_q.value + sum(f[j][1].value for f in outs))}，两者应相等",
                expected=fmt(sum(f[j][1].value for f in ins)),
                actual=fmt(total_q.value + sum(f[j][1].value for f in outs)),
                related=[(Anchor.of_cell(table, f[j][0]), labels[id(f[j][0])]) for f in (*ins, *outs)])


@check("TBL003")
def stated_inflow(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The count the text says came in, against the balance table's 总计 of the inflow rows."""
    for spec in ctx.packs.terms.get("row-balances", []):
        stated_by, subjects = spec.get("stated-by", []), spec.get("subject", [])
        if not stated_by or not subjects:
            continue
        ledgers = [found for table in doc.facts.tables if (found := _inflow_totals(table, spec)) is not None]
        if len(ledgers) != 1:
            continue  # no such table, or several (本级 and 全县): which one the text means is unclear
        table, inflow, cells, headers = ledgers[0]
        accepted = {cell_number(cells[0]).value, sum(cell_number(c).value for c in cells)}
        stated = []
        for u in doc.facts.paragraphs():
            for q in u.quantities:
                if q.kind != "count" or q.unit != "件" or q.approx or q.decimals:
                    continue
                phrase = phrase_before(u.text, q.start)
                if not (any(w in phrase for w in stated_by) and any(w in phrase for w in subjects)):
                    continue
                if _NOT_INFLOW.search(phrase) or any(h in phrase for h in headers):
                    continue  # a part (自然人), last year's, or what was settled
                if u.names_other_year(sentence_bounds(u.text, q.start)[0], q.start, ctx.period):
                    continue  # another year's ("2022年收到申请30件")
                stated.append((u, q))
        if not stated or any(q.value in accepted for _, q in stated) or len({q.value for _, q in stated}) != 1:
            continue
        carried = f"，与上年结转之和为 {fmt(max(accepted))}" if len(accepted) > 1 else ""
        for u, q in stated:
            shown = u.text[q.start:q.end]
            yield ctx.finding(
                "TBL003", Anchor(u.unit, q.start, q.end),
                f"正文称收到{shown}，而表中“{_short(table.rows[inflow[0]])}”总计为 {cells[0].value.strip()}{carried}",
                expected=cells[0].value.strip(), actual=fmt(q.value),
                related=[(Anchor.of_cell(table, c), _label(table.rows[r])) for c, r in zip(cells, inflow)])


def _inflow_totals(table: Table, spec: dict) -> tuple[Table, list[int], list[Cell], list[str]] | None:
    """The table's inflow rows, their last figures (the 总计 column) and the table's column headers,
    when the table is the spec's balance table; None otherwise."""
    rows = table.rows
    found = _ledger_rows(rows, spec)
    if found is None:
        return None
    inflow = found[0]
    cells = []
    for r in inflow:
        figures = numeric_cells(rows[r])
        if not figures or figures[-1][1].kind not in ("count", "bare"):
            return None
        cells.append(figures[-1][0])
    headers = [squeeze(c.value) for row in rows[:inflow[0]] for c in row
               if c.value.strip() and cell_number(c) is None and "总计" not in c.value and len(squeeze(c.value)) <= 8]
    return table, inflow, cells, headers


def _short(row: list[Cell]) -> str:
    """A row's name in a message: its label's first four characters (本年新收, 上年结转, 结转下年)."""
    return _label(row)[:4]


def _header(table: Table, cell: Cell, first_row: int) -> str:
    """The nearest header text above a figure column (自然人, 商业企业, 总计 …)."""
    for row in reversed(table.rows[:first_row]):
        above = cell_at(row, cell.col)
        if above is not None and above.value.strip() and cell_number(above) is None:
            return f"“{squeeze(above.value)}”"
    return f"第{cell.col + 1}"
