"""SUM: parts that do not add up to their total, in sentences and in tables.

Every comparison uses the intervals the displayed digits allow (512.61 vs 512.62 is rounding),
money is compared in 元 after unit conversion, and a list of parts is only required to add up when
it is complete; a partial list (主要包括…等, 其中 naming some items) is flagged only when it exceeds
its total. A relation that a probable unit slip explains is left to UNT001.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import patterns
from ..engine import Context
from ..extract.dates import YEAR_MENTION
from ..extract.ledger import Ledger
from ..extract.numbering import parse_label
from ..extract.relations import Decomposition, Item, find_differences
from ..extract.scores import FULL_MARKS, score_columns
from ..extract.statutory import header_name
from ..extract.statutory import header_rows as rows_above_figures
from ..extract.tables import (
    cell_at,
    cell_number,
    counts_table,
    header_columns,
    is_header_row,
    is_null,
    is_total_label,
    numeric_cells,
    row_depth,
    row_label,
    squeeze,
)
from ..findings import Anchor, Finding
from ..intervals import exceeds, fmt, interval_of, meet, sum_interval
from ..model import Cell, Document, Table
from ..registry import Rule, check, define
from .common import (
    decompositions,
    item_anchor,
    ledgers,
    show,
    statutory_tables,
    unit_fix,
)

define(Rule(
    "SUM001", "sum-mismatch", "totals", "error", "文中总数与其分项之和不符",
    what="找出“总数＋其中/包括/分别为/从…上分＋分项”的句子（以及“其中：”之后逐条编号列出的分项），按显示位数的"
         "舍入区间把分项相加，与总数比较。",
    why="分项加不上总数是审核人最常手工复核的问题，往往是某个数字抄错或漏项。",
    bad="2022年部门总支出3210.50万元，其中基本支出1020.30万元，项目支出2180.20万元。（1020.30+2180.20=3200.50）",
    good="2022年部门总支出3200.50万元，其中基本支出1020.30万元，项目支出2180.20万元。",
    options="tolerance.relative：在舍入区间之外再放宽的相对误差（默认 0）。列举不完整（主要、等、其他、部分）"
            "时只在分项之和超过总数时报告。"))
define(Rule(
    "SUM002", "table-total-mismatch", "totals", "error", "表格合计行与各行之和不符",
    what="对表格中的合计、总计、小计、总分行，把同一列中它上面同一层级的各行相加后比较；自评表的分值、得分列单独核对。",
    why="表格合计错误会让整张表失去可信度，且常与正文数字不一致。",
    bad="分值列 20、15、20、15、15、10 之和为 95，总分行却写 100。",
    good="总分行的分值写 95，或补上遗漏的指标。",
    options="tolerance.relative。代码、年份、序号列和表样的行次列、栏次行不参与求和；“其中”行和缩进的子行不与父行重复相加。"))
define(Rule(
    "SUM003", "difference-mismatch", "totals", "error", "差额与被减数、减数不符",
    what="核对同一句中的 净值＝原值－累计折旧、净增＝新增－退出 等关系（关系定义在 rules/terms.toml 的 differences），"
         "以及表格中“增减”列＝后一年度－前一年度（同一口径的两个年度列）。",
    why="差额类数字通常由两个数字算得，抄写时容易出错。",
    bad="账面原值500.00万元，累计折旧120.00万元，账面净值390.00万元。",
    good="账面原值500.00万元，累计折旧120.00万元，账面净值380.00万元。"))
define(Rule(
    "SUM004", "parent-row-mismatch", "totals", "error", "表格父行与其编号子行之和不符",
    what="表格中一行之下紧跟 1、2、3… 编号的子行（且没有“其中”“……”“其他”）时，父行应等于子行之和。",
    why="分级表格里父行是子行的合计，二者不符说明某处数字有误。",
    bad="三公经费 6.00；1、公务接待 2.00；2、公务用车 3.00",
    good="三公经费 5.00；1、公务接待 2.00；2、公务用车 3.00"))
define(Rule(
    "SUM005", "score-above-maximum", "totals", "warning", "自评表中得分超过该项分值",
    what="自评表（分值/得分列）中某一行的得分大于同一行的分值。只有一行如此时报告；多行如此说明列没有读对，整张表不报。",
    why="得分不能超过分值；多出的分数也会让总分虚高。",
    bad="预算执行率 | 分值 10 | 得分 12", good="预算执行率 | 分值 10 | 得分 10",
    options="自评表的分值、得分是计数：整数分精确比较，不按 ±0.5 的舍入宽容。"))
define(Rule(
    "SUM006", "part-row-exceeds-total", "totals", "error", "表格中“其中”行大于它所属的行",
    what="表格中标为“其中：…”的一行是它正上方那一行的一部分（项目绩效目标表的 年度资金总额／其中：财政拨款，"
         "三公经费表的 公务用车购置及运行费／其中：公务用车购置费，收支表的 财政拨款收入／其中：一般公共预算）："
         "同一列中，它按显示位数的舍入区间仍大于上一行时报告。",
    why="部分不会大于整体；“其中”行大于总额，说明其中一个数字抄错或填错了行。",
    bad="年度资金总额 80.00；其中：财政拨款 95.00", good="年度资金总额 95.00；其中：财政拨款 95.00",
    options="只比较“其中”行与紧挨在上面的一行，且只比较两行在同一列都填了金额或数量的格子；百分比、分值列、"
            "代码和年份列、负数不比较。"))


def _sum_text(parts: list[Item], scale: Decimal) -> str:
    return "+".join(show(p.q, scale) for p in parts)


@check("SUM001")
def narrative_sums(doc: Document, ctx: Context) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    for d in decompositions(doc, ctx):
        parts_iv = sum_interval(p.q for p in d.parts)
        if meet(d.total.q.interval(), parts_iv, rel):
            continue
        if any(meet(alt.q.interval(), parts_iv, rel) for alt in d.alternatives):
            continue  # the parts match another figure the total could be
        if unit_fix(d, rel) is not None:
            continue  # UNT001 names the probable unit slip instead
        if d.distance >= 2 or (len(d.alternatives) > 1 and not d.named
                               and d.reason not in ("classification", "partition")):
            continue  # the total is too far back, or one of several figures: say nothing
        yield from _report_decomposition(d, ctx, parts_iv, rel)


def _report_decomposition(d: Decomposition, ctx: Context, parts_iv, rel) -> Iterator[Finding]:
    scale = d.total.q.scale
    decimals = max([p.q.decimals for p in d.parts] + [d.total.q.decimals])
    total_text = d.total.text
    parts_sum = sum((p.q.base_value for p in d.parts), Decimal(0)) / scale
    unit = d.total.q.unit if d.total.q.kind == "money" else d.total.q.unit
    expected = f"{fmt(parts_sum, decimals)}{unit}"
    label = d.total.label or "总数"
    related = [(item_anchor(p), p.label or None) for p in d.parts]
    if d.complete:
        yield ctx.finding("SUM001", item_anchor(d.total),
                          f"{label}{total_text}与分项之和不符：{_sum_text(d.parts, scale)} = {expected}",
                          expected=expected, actual=total_text, related=related)
    elif d.total.q.kind == "money" and exceeds(parts_iv, d.total.q.interval(), rel):
        yield ctx.finding("SUM001", item_anchor(d.total),
                          f"列举的分项之和已超过{label}{total_text}：{_sum_text(d.parts, scale)} = {expected}",
                          expected=f"≤ {total_text}", actual=expected, related=related, severity="warning")


@check("SUM003")
def differences(doc: Document, ctx: Context) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    for diff in find_differences(doc.facts, ctx.packs):
        lo_m, hi_m = diff.minuend.q.interval()
        lo_s, hi_s = diff.subtrahend.q.interval()
        expected_iv = (lo_m - hi_s, hi_m - lo_s)
        if meet(diff.result.q.interval(), expected_iv, rel):
            continue
        scale = diff.result.q.scale
        decimals = max(diff.minuend.q.decimals, diff.subtrahend.q.decimals)
        value = (diff.minuend.q.base_value - diff.subtrahend.q.base_value) / scale
        expected = f"{fmt(value, decimals)}{diff.result.q.unit}"
        yield ctx.finding(
            "SUM003", item_anchor(diff.result),
            f"{diff.result.label}应为{diff.minuend.label}减{diff.subtrahend.label}："
            f"{diff.minuend.text} − {diff.subtrahend.text} = {expected}，文中为{diff.result.text}",
            expected=expected, actual=diff.result.text,
            related=[(item_anchor(diff.minuend), diff.minuend.label), (item_anchor(diff.subtrahend), diff.subtrahend.label)])
    for table in doc.facts.tables:
        yield from _change_columns(table, ctx)


# -- tables --------------------------------------------------------------------------------------

def _skip_column(table: Table, header_rows: list[list], col: int, words: tuple[str, ...]) -> bool:
    for row in header_rows:
        cell = cell_at(row, col)
        if cell is not None and any(w == squeeze(cell.value) or squeeze(cell.value).endswith(w) and len(w) > 1
                                    for w in words):
            return True
    return False


@check("SUM002", "SUM004", "SUM005", "SUM006")
def table_totals(doc: Document, ctx: Context) -> Iterator[Finding]:
    books = ledgers(doc, ctx)
    sums = ctx.packs.terms.get("column-sums", [])
    kinds = {id(t.table): t.kind for t in statutory_tables(doc, ctx)} if sums else {}
    for table in doc.facts.tables:
        ledger = books.get(id(table))
        yield from _score_totals(table, ctx)
        declared = [s for s in sums if s.get("table") == kinds.get(id(table))]
        yield from _column_totals(table, ctx, ledger, declared)
        yield from _part_rows(table, ctx)
        if ledger is not None and any(g.coded for g in ledger.groups):
            continue  # rows with 科目编码 sum by their codes (BUD004), not by their order
        yield from _row_totals(table, ctx)
        yield from _parent_rows(table, ctx)


_CHANGE_HEADER = patterns.compile(r"增减(?!率)|增加额|减少额|增减额|变动额")


def _change_columns(table: Table, ctx: Context) -> Iterator[Finding]:
    """A 增减 column against the later year minus the earlier one, when exactly two year columns of
    one stage stand beside it ("2022年决算 | 2023年决算 | 增减")."""
    rel = ctx.config.tolerance.relative
    stages = tuple(ctx.packs.terms.get("scopes", {}).get("stage", []))
    header = next((r for r in table.rows if is_header_row(r)), None)
    if header is None:
        return
    change = [c for c in header if _CHANGE_HEADER.search(squeeze(c.value))]
    if len(change) != 1:
        return
    years = {}
    for c in header:
        if c is change[0]:
            continue
        found = YEAR_MENTION.findall(squeeze(c.value))
        if len(found) == 1:
            stage = frozenset(w for w in stages if w in c.value)
            years.setdefault(stage, {}).setdefault(int(found[0]), []).append(c.col)
    pairs = [by_year for by_year in years.values() if len(by_year) == 2 and all(len(v) == 1 for v in by_year.values())]
    if len(pairs) != 1:
        return  # no pair of periods, or several: which two the change is between cannot be told
    (y0, [c0]), (y1, [c1]) = sorted(pairs[0].items())
    for row in table.rows:
        if row is header or len(row) != len(header):
            continue
        cells = [cell_at(row, c) for c in (c0, c1, change[0].col)]
        if any(c is None for c in cells):
            continue
        q0, q1, qd = (cell_number(c) for c in cells)
        if q0 is None or q1 is None or qd is None or qd.kind in ("percent", "points"):
            continue
        lo0, hi0 = q0.interval()
        lo1, hi1 = q1.interval()
        if meet(qd.interval(), (lo1 - hi0, hi1 - lo0), rel):
            continue
        decimals = max(q0.decimals, q1.decimals)
        expected = fmt(q1.value - q0.value, decimals)
        label, _ = row_label(row)
        yield ctx.finding(
            "SUM003", Anchor.of_cell(table, cells[2]),
            f"{label}的增减应为 {y1}年 {fmt(q1.value)} − {y0}年 {fmt(q0.value)} = {expected}，表中为 {cells[2].value.strip()}",
            expected=expected, actual=cells[2].value.strip(),
            related=[(Anchor.of_cell(table, cells[1]), f"{y1}年"), (Anchor.of_cell(table, cells[0]), f"{y0}年")])


def _column_totals(table: Table, ctx: Context, ledger: Ledger | None, declared_sums: list[dict] = ()) -> Iterator[Finding]:
    """A 合计/小计 column against its sibling columns: the other figure columns under the same merged
    header ("支出决算" over 合计 | 基本支出 | 项目支出), or, in a ledger, the figure columns of its group
    headed on the same line ("本年收入合计 | 财政拨款收入 | … | 其他收入"). Item-name and code columns are
    never parts, and a sibling with columns of its own is read through its 小计, else through its
    columns of the same lowest header (预算数 under 预算数)."""
    totals = ctx.packs.words("total-labels")
    rows = table.rows
    start = ledger.first_data_row if ledger is not None else next(
        (i for i, r in enumerate(rows) if numeric_cells(r)), len(rows))
    for h in range(start):
        header = rows[h]
        for cell in header:
            if not is_total_label(squeeze(cell.value), totals):
                continue
            group = next((g for g in ledger.groups if cell.col in g.value_cols), None) if ledger else None
            parent = next((p for p in rows[h - 1] if p.col <= cell.col < p.col + p.col_span and p.col_span >= 3),
                          None) if h > 0 else None
            if parent is not None:
                siblings = [c for c in header if parent.col <= c.col < parent.col + parent.col_span and c is not cell]
            elif group is not None and cell.col in (group.value_cols[0], group.value_cols[-1]):
                siblings = [c for c in header if c is not cell and c.col in group.value_cols]
            elif (siblings := _declared_parts(cell, header, declared_sums)) is None:
                continue
            if group is not None:
                siblings = [c for c in siblings if c.col in group.value_cols]
            if len(siblings) < 2 or any(is_total_label(squeeze(c.value), totals) or not squeeze(c.value)
                                        for c in siblings):
                continue
            # Under a group header of its own the identity is the table's word; read from a line of
            # headers alone (or under a 合计 stretched over the columns) it is a guess the rows confirm.
            declared = (parent is not None and not is_total_label(squeeze(parent.value), totals)) or (
                parent is None and group is None)  # a template's sum, declared as data
            for offset in range(cell.col_span):
                parts = _part_columns(rows[h + 1:start + 1], cell, offset, siblings, totals, ledger)
                if parts:
                    found, holds = _compare_columns(table, ctx, rows[start:], cell, cell.col + offset, parts,
                                                    rows[:h], rows[:start])
                    if declared or _confirmed(holds, len(found)):
                        yield from found


def _declared_parts(total: Cell, header: list[Cell], sums: list[dict]) -> list[Cell] | None:
    """The header cells a `column-sums` entry names as the parts of this total column, each found once
    on the total's header line ("合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费"); None
    when no entry declares this total or a part is missing."""
    for spec in sums:
        if header_name(total.value) not in {header_name(t) for t in spec.get("total", [])}:
            continue
        parts = []
        for names in spec.get("parts", []):
            wanted = {header_name(n) for n in names}
            found = [c for c in header if c is not total and header_name(c.value) in wanted]
            if len(found) != 1:
                break
            parts.append(found[0])
        else:
            return parts
    return None


def _part_columns(below: list[list[Cell]], total: Cell, offset: int, siblings: list[Cell], totals, ledger):
    """The grid columns that are parts of the total's column `total.col + offset`, one or more per sibling;
    None when a sibling's columns cannot be lined up with it."""
    leaf = ledger.leaf(total.col + offset) if ledger is not None else ""
    out: list[int] = []
    for s in siblings:
        if s.col_span == total.col_span:
            out.append(s.col + offset)
            continue
        inside = [c for r in below for c in r if s.col <= c.col < s.col + s.col_span]
        sub = [c for c in inside if is_total_label(squeeze(c.value), totals) and c.col_span == total.col_span]
        if len(sub) == 1:
            out.append(sub[0].col + offset)
        elif total.col_span == 1 and not any(is_total_label(squeeze(c.value), totals) for c in inside):
            out.extend(range(s.col, s.col + s.col_span))
        elif leaf and ledger is not None and not sub:
            same = [c for c in range(s.col, s.col + s.col_span) if ledger.leaf(c) == leaf]
            if len(same) != 1:
                return None
            out.append(same[0])
        else:
            return None
    return out


def _own_headers(header_rows: list[list[Cell]], cols: list[int], total_col: int) -> list[str]:
    """The part columns' names: each one's header cells that are not also over the total's column,
    or only its lowest one where those tell the parts apart ("商业企业", not "法人或其他组织商业企业")."""
    def own(col: int) -> list[str]:
        return [squeeze(c.value) for r in header_rows for c in r
                if c.col <= col < c.col + c.col_span and not c.col <= total_col < c.col + c.col_span
                and squeeze(c.value)]

    names = [own(c) for c in cols]
    leaves = [n[-1] if n else "" for n in names]
    if all(leaves) and len(set(leaves)) == len(leaves):
        return leaves
    return ["".join(n) for n in names]


def _confirmed(holds: int, fails: int) -> bool:
    """Do the rows bear out a column identity read from the layout alone? At least two rows where
    two or more figures make up the total, and at most one failing row for every two that hold:
    a 合计 that is 数量 × 单价, or a column misread as a part, fails on most rows."""
    return holds >= 2 and 2 * fails <= holds


def _compare_columns(table: Table, ctx: Context, rows: list[list[Cell]], total_header: Cell, col: int,
                     parts: list[int], above: list[list[Cell]], header_rows: list[list[Cell]]) -> tuple[list[Finding], int]:
    """The rows whose total column is not the sum of its part columns, and how many rows (with a
    total and two or more figures making it up) agree."""
    rel = ctx.config.tolerance.relative
    found: list[Finding] = []
    holds = 0
    for row in rows:
        total_cell = cell_at(row, col)
        if total_cell is None or total_cell.col != col:
            continue
        total = cell_number(total_cell)
        if total is None or total.kind in ("percent", "points"):
            continue
        cells = [cell_at(row, c) for c in parts]
        if any(c is None or c.col != p for c, p in zip(cells, parts)):
            continue  # a merged cell across the parts: not figures of each
        values = []
        for c in cells:
            q = cell_number(c)
            if q is None:
                if c.value.strip() and not is_null(c):
                    break  # text among the parts
                continue
            if q.kind in ("percent", "points"):
                break
            values.append((c, q))
        else:
            exact = counts_table(ctx.document, table)
            if not values or meet(interval_of(total, exact), sum_interval((q for _, q in values), whole_exact=exact), rel):
                if total.value and sum(1 for _, q in values if q.value) >= 2:
                    holds += 1
                continue
            expected = fmt(sum(q.value for _, q in values), max(q.decimals for _, q in values))
            label, _ = row_label(row)
            # the group the column belongs to names it when the row has no label ("行政诉讼·复议后起诉")
            groups = [squeeze(p.value) for r in above for p in r
                      if p.col <= col < p.col + p.col_span and p.col_span > 1 and squeeze(p.value)]
            scope = "·".join(x for x in (label, *groups) if x) or "本行"
            heads = _own_headers(header_rows, parts, col)
            found.append(ctx.finding(
                "SUM002", Anchor.of_cell(table, total_cell),
                f"{scope}的{squeeze(total_header.value)}应为 {'+'.join(heads)} = {expected}，表中为 {total_cell.value.strip()}",
                expected=expected, actual=total_cell.value.strip(),
                related=[(Anchor.of_cell(table, c), None) for c, _ in values]))
    return found, holds


# A score table is compared only when this share of its rows was read with a score: OCR'd or
# badly converted tables lose scores, and a sum over what is left means nothing.
_SCORE_COVERAGE = 0.75


def _score_totals(table: Table, ctx: Context) -> Iterator[Finding]:
    """Score tables (自评表): the 分值 and 得分 columns against the 总分/合计 row.

    Converted tables lose cells to merges, so a row shorter than its header is aligned on its last
    number (得分 is the last numeric column). Any row whose score exceeds its maximum means the
    columns were not read right: the table is then left alone.
    """
    max_words = ctx.packs.words("score-max-headers")
    given_words = ctx.packs.words("score-given-headers")
    funds_words = ctx.packs.words("score-funds-headers")
    totals = ctx.packs.words("total-labels")
    header = None
    rate_col: int | None = None  # in a funds block, the rate column: only a row stating its rate is scored
    cols: dict[str, int] = {}
    values: dict[str, list[tuple[object, object]]] = {"max": [], "given": []}
    rows_seen = 0  # rows with content since the header, to tell a complete reading from a lossy one
    section_start = 0
    over: list[tuple[object, object]] = []  # rows whose 得分 exceeds their 分值
    found: list[Finding] = []
    for row in table.rows:
        gv = score_columns(row, given_words) if not numeric_cells(row) else []
        if gv:
            mx = score_columns(row, max_words)
            rows_seen, section_start = 0, len(values["given"])  # coverage is judged per header section
            if len(gv) == 1:
                header = row
                funds = any(w in squeeze(c.value) for c in row for w in funds_words)
                rate_col = next((c.col for c in row if "率" in c.value), None) if funds else None
                cols = {"given": gv[0].index}
                if len(mx) == 1:
                    cols["max"] = mx[0].index
            continue
        if header is None:
            continue
        label, _ = row_label(row)
        last = max(cols.values())
        present = {c.col: c for c in row if c.value.strip()}
        if not present or rate_col is not None and not _states_number(row, rate_col):
            continue  # funds by source or by kind: money, not scores
        # a total with no rows above it in its section totals nothing: the 自评表's "年度资金总额" row
        # carries the budget execution's own 分值 and 得分, which the 总分 adds to the indicators'
        is_total = is_total_label(label, totals) and rows_seen > 0
        if not is_total:
            rows_seen += 1
        shift = 0
        spanning = cell_at(row, last)
        if spanning is not None and spanning.col < last and cell_number(spanning) is None:
            continue  # a note merged across the score columns: no score on this row
        if spanning is None or not spanning.value.strip():
            tail = max(present)
            if cell_number(present[tail]) is None:
                continue  # the row ends in text: no score on it
            shift = last - tail
        read = {}
        for key, col in cols.items():
            cell = cell_at(row, col - shift)
            if cell is None or is_null(cell):
                read[key] = None
                continue
            q = cell_number(cell)
            if q is None or q.kind not in ("bare", "count") or q.value < 0:
                read[key] = None
                if key == "given" and cell.value.strip():
                    return  # text where a score should be: columns not understood
                continue
            read[key] = (cell, q)
        if is_total:
            scored = len(values["given"]) - section_start
            if rows_seen and scored / rows_seen >= _SCORE_COVERAGE:
                found.extend(_compare_scores(table, ctx, values, read))
            values = {"max": [], "given": []}
            rows_seen = section_start = 0
            continue
        if any(v is not None and v[1].value > FULL_MARKS for v in read.values()):
            continue  # above full marks is no score: money beside the funds block (按支出性质分 …)
        if read.get("max") and read.get("given") and read["given"][1].value > read["max"][1].value:
            over.append((read["max"], read["given"]))
        for key in ("max", "given"):
            if read.get(key):
                values[key].append(read[key])
    # One score above its maximum is a slip; several mean the columns are not what the headers say,
    # and then nothing in the table is reported.
    if len(over) > 1:
        return
    yield from found
    for (max_cell, mx), (given_cell, given) in over:
        yield ctx.finding(
            "SUM005", Anchor.of_cell(table, given_cell),
            f"得分 {fmt(given.value, given.decimals)} 超过该项分值 {fmt(mx.value, mx.decimals)}",
            expected=f"≤ {fmt(mx.value, mx.decimals)}", actual=given_cell.value.strip(),
            related=[(Anchor.of_cell(table, max_cell), "分值")])


def _states_number(row: list[Cell], col: int) -> bool:
    cell = cell_at(row, col)
    return cell is not None and cell_number(cell) is not None


def _compare_scores(table: Table, ctx: Context, values, read) -> Iterator[Finding]:
    rel = ctx.config.tolerance.relative
    if read.get("max") and read.get("given") and read["given"][1].value > read["max"][1].value:
        return
    for key, name in (("max", "分值"), ("given", "得分")):
        total = read.get(key)
        parts = values[key]
        if total is None or len(parts) < 2:
            continue
        cell, q = total
        # points are counted, not measured: whole points are exact (a 0.5 shows as 0.5)
        iv = sum_interval((p[1] for p in parts), whole_exact=True)
        if meet(interval_of(q, whole_exact=True), iv, rel):
            continue
        decimals = max(p[1].decimals for p in parts)
        expected = fmt(sum(p[1].value for p in parts), decimals)
        nonzero = [fmt(p[1].value) for p in parts if p[1].value != 0]
        yield ctx.finding(
            "SUM002", Anchor.of_cell(table, cell),
            f"{name}合计应为 {expected}（{'+'.join(nonzero)}），表中为 {cell.value.strip()}",
            expected=expected, actual=cell.value.strip(),
            related=[(Anchor.of_cell(table, c), None) for c, qq in parts if qq.value != 0])


def _row_totals(table: Table, ctx: Context) -> Iterator[Finding]:
    """合计/总计/小计 rows against the rows above them, column by column."""
    totals = ctx.packs.words("total-labels")
    codes = ctx.packs.words("code-headers")
    score_words = ctx.packs.words("score-max-headers") + ctx.packs.words("score-given-headers")
    rel = ctx.config.tolerance.relative
    headers: list[list] = []
    section: list[list] = []
    previous_total: list | None = None  # 总计 = 本年收入合计 + the rows after it (结转和结余)
    figure_cols: set[int] = set()  # columns the current section holds figures in
    for row in table.rows:
        if is_header_row(row) and not (section and _blank_at(row, figure_cols)):
            if section:
                headers = []
                section = []
                figure_cols = set()
                previous_total = None
            headers.append(row)
            continue
        label, _ = row_label(row)
        if not is_total_label(label, totals):
            if numeric_cells(row) or label:
                section.append(row)
                figure_cols.update(c.col for c, _ in numeric_cells(row))
            continue
        if any(header_columns(h, score_words) for h in headers):
            section, figure_cols = [], set()
            continue  # score tables are read by _score_totals
        widths = {len(r) for r in section if numeric_cells(r)}
        if not section or widths != {len(row)}:
            section, figure_cols = [], set()
            continue  # rows of different widths: merged cells lost, columns unreliable
        for cell, q in numeric_cells(row):
            if q.kind in ("percent", "points") or _skip_column(table, headers, cell.col, codes):
                continue
            finding = _check_column(table, ctx, section, cell, q, rel, previous_total)
            if finding is not None:
                yield finding
        section, figure_cols = [], set()
        previous_total = row


_PART = "其中"


def _part_rows(table: Table, ctx: Context) -> Iterator[Finding]:
    """A 其中 row against the row just above it, column by column, on its own side of the row (a
    two-sided 收支总表 holds another label further right)."""
    codes = ctx.packs.words("code-headers")
    headers = rows_above_figures(table)
    rel = ctx.config.tolerance.relative
    exact = counts_table(ctx.document, table)
    for above, row in zip(table.rows, table.rows[1:]):
        label, cell = row_label(row)
        if cell is None or not label.startswith(_PART):
            continue
        side_end = next((c.col for c in row if c.col > cell.col and c.value.strip() and cell_number(c) is None
                         and not is_null(c)), None)
        for part, q in numeric_cells(row):
            if part.col <= cell.col or (side_end is not None and part.col >= side_end):
                continue
            whole = cell_at(above, part.col)
            total_cell = _label_left_of(above, part.col)
            if total_cell is None or total_cell.col > cell.col or squeeze(total_cell.value).startswith(_PART):
                continue  # the row above is labelled further right (another side), or is a part itself
            whole_q = cell_number(whole) if whole is not None and whole.col == part.col else None
            if (whole_q is None or q.kind in ("percent", "points") or whole_q.kind in ("percent", "points")
                    or q.value < 0 or whole_q.value < 0 or _skip_column(table, headers, part.col, codes)):
                continue
            if exceeds(interval_of(q, exact), interval_of(whole_q, exact), rel):
                total_label = squeeze(total_cell.value)
                yield ctx.finding(
                    "SUM006", Anchor.of_cell(table, part),
                    f"“{label}”为 {part.value.strip()}，大于它所属的“{total_label}” {whole.value.strip()}",
                    expected=f"≤ {whole.value.strip()}", actual=part.value.strip(),
                    related=[(Anchor.of_cell(table, whole), total_label)])


def _label_left_of(row: list[Cell], col: int) -> Cell | None:
    """The text cell nearest to the left of a column: what a figure there is the figure of."""
    found = None
    for c in row:
        if c.col >= col:
            break
        if c.value.strip() and cell_number(c) is None and not is_null(c):
            found = c
    return found


def _blank_at(row: list[Cell], cols: set[int]) -> bool:
    """Nothing under the figure columns: an item row with no figures ("二、外交支出 | "), not a header."""
    return all((c := cell_at(row, col)) is None or not c.value.strip() for col in cols)


def _column_values(rows: list[list], col: int):
    out = []
    for r in rows:
        c = cell_at(r, col)
        if c is None:
            continue
        q = cell_number(c)
        if q is not None and q.kind not in ("percent", "points"):
            out.append((r, c, q))
        elif c.value.strip() and not is_null(c):
            return None  # text in a numeric column
    return out


def _check_column(table: Table, ctx: Context, section: list[list], total_cell, total_q, rel, previous_total=None):
    values = _column_values(section, total_cell.col)
    # a grand total over a subtotal and the rows after it (总计 = 合计 + 年初结转和结余)
    carried = _column_values([previous_total], total_cell.col) if previous_total is not None else None
    if not values or len(values) + len(carried or ()) < 2:
        return None
    own = parse_label(row_label(table.rows[total_cell.row])[0])
    if own is not None:
        # "（七）总计" adds up its numbered siblings （一）…（六）, not the rows above them (一、二、)
        values = _numbered_siblings(values, own)
        if values is None or len(values) < 2:
            return None
        carried = None
    depths = [row_depth(r) for r, _, _ in values]
    top = min(depths)
    top_level = [(r, c, q) for (r, c, q), d in zip(values, depths) if d == top]
    options = [top_level, values]  # one level (the usual), or flat when the hierarchy guess is wrong
    if carried:
        top_level = carried + top_level
        options.append(top_level)
    exact = counts_table(ctx.document, table)
    for rows in options:
        if len(rows) >= 1 and meet(interval_of(total_q, exact), sum_interval((q for _, _, q in rows), whole_exact=exact), rel):
            return None
    decimals = max(q.decimals for _, _, q in top_level)
    expected = fmt(sum(q.value for _, _, q in top_level), decimals)
    label, _ = row_label(next(r for r in [list(table.rows[total_cell.row])]))
    return ctx.finding(
        "SUM002", Anchor.of_cell(table, total_cell),
        f"{label}行第{total_cell.col + 1}列应为 {expected}（{'+'.join(fmt(q.value) for _, _, q in top_level)}），"
        f"表中为 {total_cell.value.strip()}",
        expected=expected, actual=total_cell.value.strip(),
        related=[(Anchor.of_cell(table, c), row_label(r)[0] or None) for r, c, _ in top_level])


def _numbered_siblings(values: list, own) -> list | None:
    """The figures of the rows numbered like a total's own label, back to the first of them; None when
    a row between them carries a figure of its own (a sub-row: then the siblings are not the parts)
    or the numbering does not run back to 1."""
    out = []
    for r, c, q in reversed(values):
        label = parse_label(row_label(r)[0])
        if label is None or label.family != own.family or label.depth != own.depth:
            return None
        out.append((r, c, q))
        if label.value == 1:
            return out[::-1]
    return None


def _parent_rows(table: Table, ctx: Context) -> Iterator[Finding]:
    """A row followed by children numbered 1、2、3… (and nothing partial) is their sum."""
    rel = ctx.config.tolerance.relative
    rows = table.rows
    partial = ctx.packs.words("partial-markers") + ctx.packs.words("partial-intro")
    # each row read once; the scans below walk indexes, never copies of the rows after a row
    depths = [row_depth(r) for r in rows]
    labels = [row_label(r)[0] for r in rows]
    numbers = [numeric_cells(r) for r in rows]
    for i, row in enumerate(rows):
        nums = numbers[i]
        label = labels[i]
        if not nums or not label or parse_label(label) is not None:
            continue
        depth = depths[i]
        children, complete, expected_no = [], True, 1
        first_depth = None
        for j in range(i + 1, len(rows)):
            child = rows[j]
            if depths[j] <= depth:
                break
            clabel = labels[j]
            if not numbers[j] and not clabel:
                continue
            if first_depth is not None and depths[j] > first_depth:
                continue  # a grandchild: its parent is one of the children
            if clabel.startswith("其中") or any(clabel.startswith(w) for w in partial) or not clabel:
                complete = False
            lab = parse_label(clabel) if clabel else None
            if lab is None:
                complete = False
                continue
            if lab.value != expected_no:
                complete = False
            expected_no += 1
            if first_depth is None:
                first_depth = depths[j]
            children.append(child)
        if len(children) < 2 or not complete:
            continue
        for cell, q in nums:
            if q.kind in ("percent", "points"):
                continue
            vals = _column_values(children, cell.col)
            if not vals or len(vals) != len(children):
                continue
            exact = counts_table(ctx.document, table)
            if meet(interval_of(q, exact), sum_interval((qq for _, _, qq in vals), whole_exact=exact), rel):
                continue
            decimals = max(qq.decimals for _, _, qq in vals)
            expected = fmt(sum(qq.value for _, _, qq in vals), decimals)
            yield ctx.finding(
                "SUM004", Anchor.of_cell(table, cell),
                f"{label}应为其子项之和 {expected}（{'+'.join(fmt(qq.value) for _, _, qq in vals)}），表中为 {cell.value.strip()}",
                expected=expected, actual=cell.value.strip(),
                related=[(Anchor.of_cell(table, c), row_label(r)[0] or None) for r, c, _ in vals])
