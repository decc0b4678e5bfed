"""Helpers several rule families share. Relations are computed once per document and cached."""
from __future__ import annotations

import itertools
from decimal import Decimal

from ..engine import Context
from ..extract.classification import CodeIndex
from ..extract.ledger import Ledger, read_ledger
from ..extract.quantities import MONEY_SCALE, Quantity
from ..extract.relations import Decomposition, Item, find_decompositions
from ..extract.statutory import TitledTable, titled_tables
from ..extract.tables import squeeze
from ..findings import Anchor
from ..intervals import fmt, meet
from ..model import Document, Table
from ..packs import Profile

_MONEY_UNITS = ("元", "万元", "亿元")


def cached(doc: Document, key: str, build):
    store = doc.__dict__.setdefault("_check_cache", {})
    if key not in store:
        store[key] = build()
    return store[key]


def ledgers(doc: Document, ctx: Context) -> dict[int, Ledger]:
    """The ledger of every top-level table, by id(table); read once per document."""
    totals = ctx.packs.words("total-labels")
    return cached(doc, "ledgers", lambda: {id(t): led for t in doc.facts.tables if t.parent is None
                                            and (led := read_ledger(t, totals)) is not None})


def code_index(doc: Document, ctx: Context) -> CodeIndex:
    """Every coded line of the tables' ledgers by 科目编码; built once per document."""
    return cached(doc, "code_index", lambda: CodeIndex.build(list(ledgers(doc, ctx).values())))


def statutory_tables(doc: Document, ctx: Context) -> list[TitledTable]:
    """Every table with the statutory kind its title names (rules/terms.toml `statutory-tables`)."""
    return cached(doc, "titled_tables", lambda: titled_tables(doc, ctx.packs.terms.get("statutory-tables", [])))


def decompositions(doc: Document, ctx: Context) -> list[Decomposition]:
    return cached(doc, "decompositions", lambda: find_decompositions(doc.facts, ctx.packs))


def item_anchor(item: Item) -> Anchor:
    return Anchor(item.facts.unit, item.q.start, item.q.end)


def show(q: Quantity, scale: Decimal) -> str:
    """A figure in the unit of `scale` (万元 for totals in 万元), with its own decimals."""
    if q.kind != "money" or q.scale == scale:
        return fmt(q.value, q.decimals)
    return fmt(q.base_value / scale)


def unit_fix(d: Decomposition, relative: Decimal) -> tuple[Item, str] | None:
    """A single figure whose unit, changed to another of 元/万元/亿元, makes the relation hold.

    Returns (the figure, the unit it should have). Only money figures written with an explicit
    unit are candidates; when several single changes would work, none is claimed.
    """
    items = [d.total, *d.parts]
    if any(it.q.kind != "money" for it in items):
        return None
    intervals = [it.q.interval() for it in items]
    parts_lo = sum((iv[0] for iv in intervals[1:]), Decimal(0))
    parts_hi = sum((iv[1] for iv in intervals[1:]), Decimal(0))
    fixes = []
    for k, item in enumerate(items):
        q = item.q
        for unit in _MONEY_UNITS:
            scale = MONEY_SCALE[unit]
            if unit == q.unit or scale == q.scale:
                continue
            # the figure's interval with the other unit; the parts' sum changes by the difference
            changed = ((q.value - q.half_step) * scale, (q.value + q.half_step) * scale)
            if k == 0:
                total, lo, hi = changed, parts_lo, parts_hi
            else:
                total = intervals[0]
                lo = parts_lo - intervals[k][0] + changed[0]
                hi = parts_hi - intervals[k][1] + changed[1]
            if abs(q.value * scale) <= (hi - lo):
                continue  # a figure shrunk below the rounding slack proves nothing
            if meet(total, (lo, hi), relative):
                fixes.append((item, unit))
    return fixes[0] if len(fixes) == 1 else None


def detect_profile(doc: Document, ctx: Context) -> Profile | None:
    """The report type: `--profile`, else the first profile whose title pattern matches the opening lines."""
    profiles = ctx.packs.profiles
    name = ctx.config.profile
    if name:
        return profiles.get(name)
    opening = list(itertools.takewhile(lambda b: not isinstance(b, Table), doc.blocks[:4]))
    title = "".join(b.text.value for b in opening)  # the lines above the first table: text after it is body
    title = squeeze(title)
    for profile in profiles.values():
        if profile.matches_title(title):
            return profile
    return None
