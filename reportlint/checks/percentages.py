"""PCT: percentages and rates that do not follow from the figures they are computed from.

As statcheck does for reported statistics, every displayed number is a rounded interval and a
percentage is flagged only when no values inside the intervals can produce it. Figures are paired
only as the text pairs them (same sentence or table row); approximate figures (约、余、超过) are
not recomputed; when the pairing is ambiguous nothing is said. When the reported value is the
inverted ratio or off by a factor of 100, the message says so.
"""
from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation
from functools import lru_cache
from typing import Iterator

import regex

from .. import patterns
from ..engine import Context
from ..extract import UnitFacts
from ..extract.labels import SHARE_WORDS, bare_name, label_before, phrase_before, sentence_bounds
from ..extract.quantities import Quantity, same_measure
from ..extract.tables import header_columns, numeric_cells, squeeze
from ..findings import Anchor, Finding
from ..intervals import HUNDRED, Interval, add, div, fmt, meet, mul, printed_rate, sub, sum_interval
from ..model import Document, Table
from ..registry import Rule, check, define
from .common import decompositions


define(Rule(
    "PCT001", "share-mismatch", "percentages", "error", "占比与其分子、分母不符",
    what="对“A……，占p%”“A占B的p%”，用同一句中的部分与总数重新计算占比；“A万元，占政府采购支出总额的p%”"
         "这样点名总数的，分母取本段前文以同一名称写出的唯一一个数字（另有“调整后/上年…总额”等同名数字时不报告）。",
    why="占比常在数字修改后忘记同步更新。",
    bad="总支出5045.65万元，其中基本支出922.86万元，占20.29%。（922.86÷5045.65=18.29%）",
    good="总支出5045.65万元，其中基本支出922.86万元，占18.29%。",
    options="tolerance.percent-points：在舍入区间之外再放宽的百分点（默认 0）。"))
define(Rule(
    "PCT002", "shares-not-100", "percentages", "warning", "同一总数的各部分占比相加不等于100%",
    what="一个完整分解（如基本支出、项目支出）的各部分都给出占比时，占比之和应为100%（允许舍入）。"
         "以比号写出的结构（“三次产业结构调整为7.6:39.8:52.6”，前面写着规则包 structure-ratios 中的词：结构、比例……）"
         "三项以上、之和接近100（95～105）时，按百分比核对同样应为100；之和远离100的比（1:1配套、3:7）不是百分比，不核对。",
    why="各部分占比之和偏离100%，说明某个占比或金额有误。",
    bad="基本支出占18.29%，项目支出占80.71%。", good="基本支出占18.29%，项目支出占81.71%。"))
define(Rule(
    "PCT003", "rate-mismatch", "percentages", "error", "完成率、执行率、控制率等与其数字不符",
    what="对完成率、执行率、控制率、办结率以及“完成年初预算的p%”等，用同一句中（前一个百分比之后）的分子"
         "（完成、实际、在职、决算……）和分母（任务、预算、编制、年初预算……）重新计算；比率名与分子分母用词见 "
         "rules/terms.toml 的 rates。",
    why="比率算错或分子分母颠倒（如控制率写成 编制÷在职）是自评报告的常见错误。",
    bad="核定编制40人，实有在职38人，编制控制率105.26%。（38÷40=95.00%；105.26%是40÷38）",
    good="核定编制40人，实有在职38人，编制控制率95.00%。",
    options="tolerance.percent-points。"))
define(Rule(
    "PCT004", "table-rate-mismatch", "percentages", "error", "表格中的比率列与同行数字不符",
    what="表头写明比率名（控制率、执行率、完成率）或公式（执行率 ((B-C)/A)）的列，用同一行的对应列重新计算。"
         "规则包为比率列出的分子、分母用词有几列都含时，取所含用词最长的一列（执行率的分母“全年预算数”而非旁边的"
         "“年初预算数”）；比率恰与同行另一对数字相符时不报告。",
    why="表格比率列通常手工填写，容易与同行数字脱节。",
    bad="编制数 44，实际在职人数 41，控制率 107.32%", good="编制数 44，实际在职人数 41，控制率 93.18%",
    options="tolerance.percent-points。"))
define(Rule(
    "PCT006", "points-mismatch", "percentages", "error", "百分点差与两个百分比不符",
    what="对“增速为A%，高于全国（B%）d个百分点”，核对 A−B＝d（低于时 B−A＝d）；对“从A%提高到B%，提高d个百分点”，核对 B−A＝d。",
    why="百分点与百分比混用或相减算错都会误导比较结论。",
    bad="增速为6.3%，高于全省（4.3%）3个百分点。", good="增速为6.3%，高于全省（4.3%）2个百分点。",
    options="tolerance.percent-points。"))

_COMMA = patterns.compile(r"[，,]\s*")
_CLAUSE_BREAK = patterns.compile(r"[，。；,;]")
_POINTS_DIRECTION = patterns.compile(r"(高于|低于|超过|快于|慢于|高出|低出|领先)")


def _ratio(num: Quantity, den: Quantity) -> Interval | None:
    a1, a2 = num.interval()
    b1, b2 = den.interval()
    if num.value >= 0:
        a1 = max(a1, Decimal(0))  # 0.00 stands for [0, 0.005), not for a negative amount
    if b1 <= 0 or a1 < 0:
        return None
    return (a1 / b2 * HUNDRED, a2 / b1 * HUNDRED)


def _pct_iv(q: Quantity, widen: Decimal) -> Interval:
    return printed_rate(q.value, q.half_step, widen)


def _value(q: Quantity) -> Decimal:
    return q.base_value


def _pct_text(num: Decimal, den: Decimal, decimals: int) -> str:
    try:
        return fmt(num / den * HUNDRED, decimals) + "%"
    except (DivisionByZero, InvalidOperation):
        return "—"


def _diagnose(reported: Quantity, num: Quantity, den: Quantity, widen: Decimal) -> str:
    """Why the reported percentage may be what it is: inverted ratio or a factor of 100."""
    rep = _pct_iv(reported, widen)
    inverted = _ratio(den, num)
    if inverted is not None and meet(rep, inverted):
        return f"；{fmt(reported.value, reported.decimals)}% 恰为 {_plain(den)}÷{_plain(num)}，分子分母疑似颠倒"
    plain = _ratio(num, den)
    if plain is not None and meet(rep, (plain[0] / HUNDRED, plain[1] / HUNDRED)):
        return "；数值差100倍，疑似把比值直接写成了百分数"
    return ""


def _plain(q: Quantity) -> str:
    return fmt(q.value, q.decimals)


def _exact(*qs: Quantity) -> bool:
    return all(q.exact for q in qs)


def _anchor(u: UnitFacts, q: Quantity) -> Anchor:
    return Anchor(u.unit, q.start, q.end)


# -- shares ---------------------------------------------------------------------------------------

@check("PCT001", "PCT002")
def shares(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    by_part = {}
    for d in decompositions(doc, ctx):
        for p in d.parts:
            by_part[(id(p.facts), p.q.start)] = d
    for u in doc.facts.prose():
        stated = []  # (decomposition, part, share) for PCT002
        for q in u.quantities:
            if q.kind != "percent":
                continue
            head = u.text[max(0, q.start - 30):q.start]
            if not SHARE_WORDS.search(head):
                continue
            part = _figure_before(u, q)
            if part is None:
                continue
            d = by_part.get((id(u), part.start))
            if d is None:
                yield from _share_of_named(ctx, u, part, q, widen)
                continue
            if not _exact(part, d.total.q, q):
                continue
            stated.append((d, part, q))
            total = Anchor(d.total.facts.unit, d.total.q.start, d.total.q.end)
            found = _rate_mismatch(ctx, "PCT001", "占比", u, q, part, d.total.q, total, d.total.text, widen)
            if found is not None:
                yield found
        yield from _shares_sum(ctx, u, stated, widen)


def _share_of_named(ctx: Context, u: UnitFacts, part: Quantity, q: Quantity, widen: Decimal) -> Iterator[Finding]:
    """"授予中小企业合同金额300.1万元，占政府采购支出总额的93.64%": the whole is the one figure the
    paragraph states earlier under that very label, with no 上年/调整后… figure of the name beside it."""
    comma = _COMMA.match(u.text, part.end, q.start)
    m = SHARE_WORDS.match(u.text, comma.end(), q.start) if comma else None
    if m is None or not m.group("name") or not _exact(part, q):
        return  # the share must follow its figure right after a comma ("…300.1万元，占…的r%")
    name = bare_name(m.group("name"))
    if len(name) < 2:
        return
    deltas = ctx.document.facts.change_amounts.get(id(u), ())
    wholes = {}
    for f in u.quantities:
        if f.end > part.start:
            break
        if not f.exact or f.start in deltas or not same_measure(f, part):
            continue
        label = label_before(u.text, f.start)
        if label.endswith(name):  # 调整后/上年…总额 too: another figure of that name makes it unclear
            wholes.setdefault(f.base_value, (label == name, f))
    if len(wholes) != 1:
        return
    [(exact_label, whole)] = wholes.values()
    if not exact_label:
        return
    found = _rate_mismatch(ctx, "PCT001", "占比", u, q, part, whole, _anchor(u, whole),
                           f"{u.text[whole.start:whole.end]}（{name}）", widen)
    if found is not None:
        yield found


def _rate_mismatch(ctx: Context, code: str, what: str, u: UnitFacts, q: Quantity, num: Quantity, den: Quantity,
                   den_at: Anchor, den_text: str, widen: Decimal) -> Finding | None:
    """The finding when the printed rate `q` is not num ÷ den within rounding, naming both figures."""
    ratio = _ratio(num, den)
    if ratio is None or meet(_pct_iv(q, widen), ratio):
        return None
    expected = _pct_text(_value(num), _value(den), q.decimals)
    return ctx.finding(
        code, _anchor(u, q),
        f"{what}应为 {u.text[num.start:num.end]}÷{den_text} = {expected}，文中为 "
        f"{u.text[q.start:q.end]}{_diagnose(q, num, den, widen)}",
        expected=expected, actual=u.text[q.start:q.end], related=[(_anchor(u, num), "分子"), (den_at, "分母")])


def _figure_before(u: UnitFacts, pct: Quantity) -> Quantity | None:
    """The amount or count the share is of: the last one before it in the same sentence."""
    s, _ = sentence_bounds(u.text, pct.start)
    cands = [q for q in u.quantities if s <= q.start and q.end <= pct.start and q.kind in ("money", "count")]
    return cands[-1] if cands else None


def _shares_sum(ctx: Context, u: UnitFacts, stated, widen) -> Iterator[Finding]:
    groups = {}
    for d, part, q in stated:
        groups.setdefault(id(d), (d, []))[1].append((part, q))
    for d, items in groups.values():
        if not d.complete or len(items) != len(d.parts) or len(items) < 2:
            continue
        lo = sum(q.interval()[0] for _, q in items) - widen
        hi = sum(q.interval()[1] for _, q in items) + widen
        if lo <= HUNDRED <= hi:
            continue
        total = fmt(sum(q.value for _, q in items))
        first = items[0][1]
        yield ctx.finding("PCT002", _anchor(u, first),
                          f"{d.total.label or '总数'}各部分占比之和为 {total}%，应为 100%",
                          expected="100%", actual=f"{total}%",
                          related=[(_anchor(u, q), None) for _, q in items[1:]])


_PERCENT_LIKE = (Decimal(95), Decimal(105))  # a ratio whose parts add up to about this splits a whole in %


@check("PCT002")
def structure_ratios(doc: Document, ctx: Context) -> Iterator[Finding]:
    """"三次产业结构调整为7.6:39.8:52.8": the parts of a structure written as a ratio are percentages."""
    widen = ctx.config.tolerance.percent_points
    words = ctx.packs.words("structure-ratios")
    for ratio in doc.facts.ratios:
        parts = ratio.parts
        if len(parts) < 3 or any(q.approx for q in parts) or not any(w in ratio.label for w in words):
            continue
        total = sum(q.value for q in parts)
        if not _PERCENT_LIKE[0] <= total <= _PERCENT_LIKE[1]:
            continue
        lo, hi = sum_interval(parts)
        if lo - widen <= HUNDRED <= hi + widen:
            continue
        u = ratio.facts
        shown = u.text[ratio.start:ratio.end]
        yield ctx.finding("PCT002", Anchor(u.unit, ratio.start, ratio.end),
                          f"结构比 {shown} 各项之和为 {fmt(total)}，作为百分比应为 100",
                          expected="100", actual=fmt(total))


# -- named rates ----------------------------------------------------------------------------------

def _rate_defs(ctx: Context) -> list[dict]:
    return ctx.packs.terms.get("rates", [])


@lru_cache(maxsize=256)
def _rate_named(name: str) -> regex.Pattern:
    """A rate's name right before its percentage ("完成率为", "完成年初预算的")."""
    return patterns.compile(regex.escape(name) + r"(?:为|达到?|是)?\s*$")


@check("PCT003")
def named_rates(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    rates = _rate_defs(ctx)
    for u in doc.facts.prose():
        for q in u.quantities:
            if q.kind != "percent" or not q.exact:
                continue
            head = u.text[max(0, q.start - 12):q.start]
            rate = next((r for r in rates if _rate_named(r["name"]).search(head)), None)
            if rate is None:
                continue
            s, _ = sentence_bounds(u.text, q.start)
            # a rate's figures are stated before it and after any earlier percentage of the sentence
            # ("年初预算为A，决算为B，完成预算的p%，其中：X决算为C，完成预算的r%": r is not C÷A)
            s = max([s] + [f.end for f in u.quantities if f.kind == "percent" and s <= f.start and f.end <= q.start])
            figures = [f for f in u.quantities if s <= f.start and f.end <= q.start and f.kind in ("money", "count")]
            num = [f for f in figures if any(w in phrase_before(u.text, f.start) for w in rate["numerator"])]
            den = [f for f in figures if any(w in phrase_before(u.text, f.start) for w in rate["denominator"])]
            num = [f for f in num if f not in den]
            if len(num) != 1 or len(den) != 1 or not _exact(num[0], den[0]):
                continue
            n, d = num[0], den[0]
            name = rate.get("label", rate["name"])
            if not (n.kind == d.kind and (n.kind == "money" or n.unit == d.unit)):
                continue
            if d.value == 0:
                if q.value != 0 and n.value != 0:
                    yield ctx.finding(
                        "PCT003", _anchor(u, q),
                        f"{name}{u.text[q.start:q.end]}的分母 {u.text[d.start:d.end]} 为零，这个比率无法计算",
                        expected="无法计算（分母为 0）", actual=u.text[q.start:q.end], severity="warning",
                        related=[(_anchor(u, d), "分母")])
                continue
            found = _rate_mismatch(ctx, "PCT003", name, u, q, n, d, _anchor(u, d), u.text[d.start:d.end], widen)
            if found is not None:
                yield found


# -- percentage points ----------------------------------------------------------------------------

def _points_hold(high: Quantity, low: Quantity, stated: Quantity, widen: Decimal) -> bool:
    """Can `high` − `low`, two printed rates, be the `stated` percentage points (± `widen`)?"""
    (h1, h2), (l1, l2) = high.interval(), low.interval()
    lo_d, hi_d = stated.interval()
    return meet((h1 - l2, h2 - l1), (lo_d - widen, hi_d + widen))


@check("PCT006")
def points(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    for u in doc.facts.prose():
        qs = u.quantities
        for k, d in enumerate(qs):
            if d.kind != "points" or not d.exact:
                continue
            s, _ = sentence_bounds(u.text, d.start)
            before = [q for q in qs[:k] if q.start >= s and q.kind == "percent"]
            if len(before) < 2:
                continue
            directions = list(_POINTS_DIRECTION.finditer(u.text, s, d.start))
            if not directions:
                continue
            direction = directions[-1]
            # the compared figure sits between the direction word and the points: "高于全省（4.3%）2个百分点";
            # "高于全国0.8个百分点" names no figure for 全国, and nothing can be checked
            others = [q for q in before if q.start >= direction.end()]
            if not others or _CLAUSE_BREAK.search(u.text[others[-1].end:d.start]):
                continue
            other = others[-1]
            anchor_pcts = [q for q in before if q.end <= direction.start()]
            if not anchor_pcts or not _exact(anchor_pcts[-1], other):
                continue
            a = anchor_pcts[-1]
            below = direction.group(1) in ("低于", "慢于", "低出")
            if _points_hold(*((other, a) if below else (a, other)), d, widen):
                continue
            value = (other.value - a.value) if below else (a.value - other.value)
            expected = f"{fmt(value, max(a.decimals, other.decimals))}个百分点"
            yield ctx.finding(
                "PCT006", _anchor(u, d),
                (f"百分点差应为 {fmt(a.value, a.decimals)}%−{fmt(other.value, other.decimals)}% = {expected}"
                 if not below else
                 f"百分点差应为 {fmt(other.value, other.decimals)}%−{fmt(a.value, a.decimals)}% = {expected}")
                + f"，文中为 {u.text[d.start:d.end]}",
                expected=expected, actual=u.text[d.start:d.end],
                related=[(_anchor(u, a), None), (_anchor(u, other), None)])
    yield from _points_of_changes(doc, ctx)


def _points_of_changes(doc: Document, ctx: Context) -> Iterator[Finding]:
    """"从2.1%提高到2.6%，提高0.5个百分点": the stated points against the two rates."""
    widen = ctx.config.tolerance.percent_points
    for ch in doc.facts.changes:
        d, c, b = ch.points, ch.current, ch.base
        if d is None or c is None or b is None or c.kind != "percent" or b.kind != "percent" \
                or not _exact(d, c, b) or ch.annual or ch.direction == "flat":
            continue
        if ch.moved is not None and ch.moved != ch.direction:
            continue  # the words go the other way than the rates: PCT005 says so
        if _points_hold(*((b, c) if ch.direction == "down" else (c, b)), d, widen):
            continue
        places = max(c.decimals, b.decimals)
        expected = f"{fmt(abs(c.value - b.value), places)}个百分点"
        text = ch.facts.text
        yield ctx.finding(
            "PCT006", _anchor(ch.facts, d),
            f"百分点差应为 {text[c.start:c.end]}−{text[b.start:b.end]} = "
            f"{'−' if c.value < b.value else ''}{expected}，文中为{ch.word}{text[d.start:d.end]}",
            expected=expected, actual=text[d.start:d.end],
            related=[(_anchor(ch.facts, b), "基期"), (_anchor(ch.facts, c), "本期")])


# -- table rate columns ---------------------------------------------------------------------------

_LETTER = patterns.compile(r"[（(]\s*([A-Z])\s*[)）]")
_FORMULA = patterns.compile(r"\(([A-Z()+\-*/\s]+)\)\s*$")  # "执行率 ((B-C)/A)", after normalising the brackets
_OPERATOR = patterns.compile(r"[+\-*/]")


_IV_OPS = {ast.Add: add, ast.Sub: sub, ast.Mult: mul, ast.Div: div}
_FORMULA_NODES = 64  # a header formula is short; anything longer is not one


def _eval(node, env: dict[str, Interval]) -> Interval:
    """Interval value of a header formula: one pass over the tree, whatever its letters."""
    if isinstance(node, ast.Expression):
        return _eval(node.body, env)
    if isinstance(node, ast.BinOp) and type(node.op) in _IV_OPS:
        return _IV_OPS[type(node.op)](_eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    raise ValueError("unsupported formula")


def _formula(header: str) -> str | None:
    text = header.replace("（", "(").replace("）", ")").replace("−", "-").replace("×", "*").replace("÷", "/")
    m = _FORMULA.search(text)
    if not m or not _OPERATOR.search(m.group(1)):
        return None
    return m.group(1)


@check("PCT004")
def table_rates(doc: Document, ctx: Context) -> Iterator[Finding]:
    widen = ctx.config.tolerance.percent_points
    rates = _rate_defs(ctx)
    names = tuple(r["name"] for r in rates)
    for table in doc.facts.tables:
        header = None
        # per rate column: rows where the named pair holds, rows another pair of the row explains
        held: dict[int, int] = {}
        explained: dict[int, int] = {}
        found: list[tuple[int, Finding]] = []
        for row in table.rows:
            if not numeric_cells(row):
                if header_columns(row, names) or any(_formula(squeeze(c.value)) for c in row):
                    header = row
                continue
            if header is None or not _aligned(header, row):
                continue
            for col, verdict in _row_rate(table, header, row, rates, widen, ctx):
                if verdict == "holds":
                    held[col] = held.get(col, 0) + 1
                elif verdict == "other pair":
                    explained[col] = explained.get(col, 0) + 1
                else:
                    found.append((col, verdict))
        # where other pairs explain more rows than the named one, the headers name the wrong pair
        # (a 小计 is the real base): the column is not understood and nothing in it is said
        yield from (f for col, f in found if explained.get(col, 0) <= held.get(col, 0))


def _aligned(header, row) -> bool:
    """Does each figure of the row sit under a header cell? Cell for cell, or — in a grid with merged
    cells (a label merged down from the header row, a header spanning blank columns) — each figure
    at the first column of a header cell, over the same grid width."""
    if len(row) == len(header):
        return True
    width = max(c.col + c.col_span for c in header)
    starts = {c.col for c in header}
    return (max(c.col + c.col_span for c in row) == width
            and all(c.col in starts for c, _ in numeric_cells(row)))


def _row_rate(table: Table, header, row, rates, widen, ctx) -> Iterator[tuple[int, Finding | str]]:
    """Each rate cell of the row, by column: a finding, or "holds", or "other pair" (the rate agrees
    with another pair of the row's figures, not the pair the headers name)."""
    heads = {c.col: squeeze(c.value) for c in header}
    values = {c.col: (c, q) for c, q in numeric_cells(row)}
    letters = {}
    for col, text in heads.items():
        m = _LETTER.search(text.replace(" ", ""))
        if m and "/" not in text:
            letters[m.group(1)] = col
    for col, text in heads.items():
        if col not in values or values[col][1].kind != "percent" or not values[col][1].exact:
            continue
        cell, reported = values[col]
        formula = _formula(text)
        if formula and letters:
            yield from ((col, f) for f in _formula_rate(table, cell, reported, formula, letters, values, widen, ctx))
            continue
        rate = next((r for r in rates if r["name"] in text), None)
        if rate is None:
            continue
        num = _headed(heads, values, col, rate["numerator"])
        den = _headed(heads, values, col, rate["denominator"])
        num = [c for c in num if c not in den]
        if len(num) != 1 or len(den) != 1:
            continue
        n_cell, n = values[num[0]]
        d_cell, d = values[den[0]]
        if n.kind == "percent" or d.kind == "percent" or not _exact(n, d):
            continue
        ratio = _ratio(n, d)
        if ratio is None:
            continue
        if meet(_pct_iv(reported, widen), ratio):
            yield col, "holds"
            continue
        if _other_pairing(values, (col, num[0], den[0]), n, d, _pct_iv(reported, widen)):
            yield col, "other pair"
            continue
        expected = _pct_text(n.value, d.value, reported.decimals)
        yield col, ctx.finding(
            "PCT004", Anchor.of_cell(table, cell),
            f"{rate['name']}应为 {heads[num[0]]} {_plain(n)} ÷ {heads[den[0]]} {_plain(d)} = {expected}，表中为 "
            f"{cell.value.strip()}{_diagnose(reported, n, d, widen)}",
            expected=expected, actual=cell.value.strip(),
            related=[(Anchor.of_cell(table, n_cell), heads[num[0]]),
                     (Anchor.of_cell(table, d_cell), heads[den[0]])])


def _headed(heads: dict[int, str], values, rate_col: int, words) -> list[int]:
    """The figure columns whose header holds one of `words`. Where several do, those holding the
    longest such word: a pack that lists 全年预算 beside 预算 names the base of a 执行率 next to a
    年初预算数 column."""
    best: dict[int, int] = {}
    for col, head in heads.items():
        if col != rate_col and col in values:
            length = max((len(w) for w in words if w in head), default=0)
            if length:
                best[col] = length
    longest = max(best.values(), default=0)
    return [col for col, length in best.items() if length == longest]


def _other_pairing(values, used: tuple[int, int, int], n, d, reported_iv) -> bool:
    """Does the rate agree with the numerator over another figure of the row, or another figure over
    the denominator? Then the headers named the wrong pair ("年初预算" beside a 小计 of 年初预算 and
    调整数 that is the real base): which pair the table means is unclear, and nothing is said."""
    for col, (_, q) in values.items():
        if col in used or q.kind == "percent":
            continue
        for ratio in (_ratio(n, q), _ratio(q, d)):
            if ratio is not None and meet(reported_iv, ratio):
                return True
    return False


def _formula_rate(table, cell, reported, formula, letters, values, widen, ctx) -> Iterator[Finding]:
    point, box = {}, {}
    for letter, col in letters.items():
        if col not in values:
            return
        q = values[col][1]
        if not q.exact or q.kind == "percent":
            return
        point[letter] = (q.value, q.value)
        box[letter] = q.interval()
    try:
        tree = ast.parse(formula.replace(" ", ""), mode="eval")
        if sum(1 for _ in ast.walk(tree)) > _FORMULA_NODES:
            return
        value = _eval(tree, point)[0] * HUNDRED
        # every value the rounded figures allow lies in the formula's interval
        lo, hi = _eval(tree, box)
    except (SyntaxError, ValueError, DivisionByZero, InvalidOperation, ZeroDivisionError, RecursionError):
        return
    if meet(_pct_iv(reported, widen), (lo * HUNDRED, hi * HUNDRED)):
        return
    expected = f"{fmt(value, reported.decimals)}%"
    yield ctx.finding("PCT004", Anchor.of_cell(table, cell),
                      f"按表头公式 {formula} 应为 {expected}，表中为 {cell.value.strip()}",
                      expected=expected, actual=cell.value.strip())
