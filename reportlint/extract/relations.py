"""Arithmetic relations stated in prose: a total and its parts, a difference.

    "总支出4512.25万元。从支出性质上分：基本支出635.56万元，项目支出3876.69万元。"
    "基本支出512.61万元，其中：" followed by items "1、工资福利支出324.7万元…" "2、…"
    "需整改的问题35个，已完成整改32个，基本完成1个，长期坚持2个"
    "固定资产账面原值4704325.72元，累计折旧3441565.08元，账面净值1262760.64元"

Whether a list of parts is complete decides what a check may say: a complete list must add up;
a partial one (主要包括…等, 其中 naming some of the items) may only be flagged when its parts exceed
the total.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import patterns
from ..intervals import HUNDRED, div, exceeds, meet, sum_interval
from ..packs import Packs
from . import Facts, UnitFacts
from .changes import DIRECTION_WORDS, direction_word_before
from .labels import CLOSE_PARENS, OPEN_PARENS, SHARE_WORDS, label_before, sentence_bounds
from .quantities import Quantity, same_measure

_SEMICOLON = patterns.compile(r"[；;]")
_MAX_NESTED = 8  # lists inside one list; more (a pathological run of 其中) leave its end unclear
_GAP = patterns.compile(r"^[\s，,、：:；;（）()]*$")
# "机关运行经费65万元，是指…的各项资金，其中：…": a clause that defines the total sits between it and 其中
_DEFINITION = patterns.compile(r"^[\s，,]*(?:是指|系指|指的是|即)[^，,。；;！？!?\d０-９]{1,80}+[，,：:\s]*$")
# "收入4120.6亿元、增长3.1%，其中…" / "…，比上年增加120亿元，增长3.1%，其中…": the total's own change
# stands between it and 其中; `#` marks where the gap's figures (a rate, a change amount) were
_CHANGE_GAP = patterns.compile(
    rf"^(?:[\s，,、]*+(?:同比|比上年(?:同期)?|较上年(?:同期)?)?(?:{DIRECTION_WORDS})了?约?\s*+#){{1,2}}[\s，,、：:]*+$")


@dataclass(eq=False)
class Item:
    facts: UnitFacts
    q: Quantity
    label: str

    @property
    def text(self) -> str:
        return self.facts.text[self.q.start:self.q.end]


@dataclass(eq=False)
class Decomposition:
    total: Item
    parts: list[Item]
    complete: bool  # True: the parts must add up to the total
    reason: str  # why it is (in)complete, for messages and tests
    marker: str
    alternatives: list[Item] = field(default_factory=list)  # other figures that could be the total
    distance: int = 0  # 0: total in the same sentence; 1: the sentence before; 2: the paragraph before
    named: bool = False  # of several figures before the list, the total is the one whose label the parts share


@dataclass(eq=False)
class Difference:
    result: Item
    minuend: Item
    subtrahend: Item


def _summable(q: Quantity) -> bool:
    return q.kind in ("money", "count")


_PAREN = patterns.compile(r"[（(）)。！？\n]")


@dataclass(frozen=True)
class _Marks:
    """The parentheses and sentence ends of a text, read in one pass: the parenthesis scans look
    things up here and never walk the text (or the marks) again."""

    at: list[int]  # positions of the marks
    chars: str  # the mark at each position
    enclosing: list[int]  # per gap before mark k: the innermost parenthesis open there in its sentence, or -1
    closes: dict[int, int]  # mark index of an opening parenthesis -> where it closes (len(text): never)


@lru_cache(maxsize=4096)
def _marks(text: str) -> _Marks:
    at: list[int] = []
    chars: list[str] = []
    enclosing: list[int] = []
    closes: dict[int, int] = {}
    in_sentence: list[int] = []  # open parentheses of the current sentence (a stop forgets them)
    pending: list[int] = []  # every open parenthesis not yet closed, for where each one closes
    for k, m in enumerate(_PAREN.finditer(text)):
        enclosing.append(in_sentence[-1] if in_sentence else -1)
        ch = m.group()
        at.append(m.start())
        chars.append(ch)
        if ch in OPEN_PARENS:
            in_sentence.append(k)
            pending.append(k)
        elif ch in CLOSE_PARENS:
            if in_sentence:
                in_sentence.pop()
            if pending:
                closes[pending.pop()] = m.start()
        else:
            in_sentence.clear()
    enclosing.append(in_sentence[-1] if in_sentence else -1)
    for k in pending:
        closes[k] = len(text)
    return _Marks(at, "".join(chars), enclosing, closes)


def _closing_parenthesis(text: str, pos: int) -> int | None:
    """End of the parenthesis `pos` sits in, if it sits in one (within its sentence)."""
    marks = _marks(text)
    opened = marks.enclosing[bisect.bisect_left(marks.at, pos)]
    return None if opened < 0 else marks.closes[opened]


class _Finder:
    def __init__(self, facts: Facts, packs: Packs):
        self.facts = facts
        self.prose = facts.prose()
        markers = sorted(packs.words("decomposition-markers"), key=len, reverse=True)
        self.classifiers = sorted(packs.words("classification-markers"), key=len, reverse=True)
        self.marker_re = patterns.compile("|".join(map(regex.escape, self.classifiers + markers)))
        tail = sorted(packs.words("partial-markers"), key=len, reverse=True)
        self.partial_tail = patterns.compile(r"\s*(?:" + "|".join(map(regex.escape, tail)) + ")") if tail else None
        self.partial_intro = packs.words("partial-intro")
        self.partitions = packs.terms.get("partitions", [])
        self.deltas = facts.change_amounts  # "比上年增加Δ": Δ is never a part
        self.total_words = tuple(packs.words("total-labels"))
        self.averages = tuple(packs.words("averages"))

    # -- completeness ------------------------------------------------------------------------
    def partition_of(self, total: Item, parts: list[Item]) -> dict | None:
        for part in self.partitions:
            members = part.get("members", [])
            if all(any(m in p.label for m in members) for p in parts):
                if any(t in total.label for t in part.get("total", [])) or not total.label:
                    return part
        return None

    def partial_marked(self, text: str, intro: str, last: Item) -> bool:
        if any(w in intro for w in self.partial_intro):
            return True
        return bool(self.partial_tail and self.partial_tail.match(text, last.q.end))

    def own_change(self, u: UnitFacts, start: int, end: int) -> bool:
        """Is [start, end) only the change of the figure before it ("、增长3.1%，")? Its figures are
        rates, points or change amounts, and the words around them say nothing else."""
        deltas = self.deltas.get(id(u), ())
        pieces, at = [], start
        for i in range(bisect.bisect_left(u.starts, start), len(u.quantities)):
            q = u.quantities[i]
            if q.start >= end:
                break
            if q.end > end or not (q.kind in ("percent", "points") or q.start in deltas):
                return False
            pieces.append(u.text[at:q.start])
            at = q.end
        if not pieces:
            return False
        return _CHANGE_GAP.match("#".join(pieces) + "#" + u.text[at:end]) is not None

    # -- items --------------------------------------------------------------------------------
    def items(self, u: UnitFacts, start: int, end: int, like: Quantity | None = None) -> list[Item]:
        return _items(u, start, end, like, skip=self.deltas.get(id(u), ()))

    def last_item(self, u: UnitFacts, start: int, end: int) -> list[Item]:
        """The last of `items(u, start, end)`, as a list of at most one, found from the end."""
        return _last_item(u, start, end, skip=self.deltas.get(id(u), ()))

    def previous_items(self, k: int, u: UnitFacts, pos: int) -> tuple[list[Item], int]:
        """Figures a sentence-initial 其中/从…上分 may refer to, and how far back they are."""
        s, _ = sentence_bounds(u.text, pos)
        if s > 0:
            ps, _ = sentence_bounds(u.text, s - 1)
            return self.items(u, ps, s), 1
        if k > 0:
            prev = self.prose[k - 1]
            if prev.block.index == u.block.index - 1:
                return self.items(prev, 0, len(prev.text)), 2
        return [], 0

    # -- decompositions -----------------------------------------------------------------------
    def run(self) -> list[Decomposition]:
        out: list[Decomposition] = []
        for k, u in enumerate(self.prose):
            markers = list(self.marker_re.finditer(u.text))
            for i, m in enumerate(markers):
                d = self.at_marker(k, u, markers, i)
                if d is not None:
                    out.append(d)
            out.extend(self.without_marker(u, markers))
        return out

    def at_marker(self, k: int, u: UnitFacts, markers: list[regex.Match], i: int) -> Decomposition | None:
        text = u.text
        m = markers[i]
        s, e = sentence_bounds(text, m.start())
        closing = _closing_parenthesis(text, m.start())
        if closing is not None:
            e = min(e, closing)  # "（其中A…，B…）" lists only inside its parentheses
        # a list inside another that no parenthesis bounds ("…，其中A…，B…，其中a…，b…，C…")
        inner = closing is None and i > 0 and self.encloses(text, markers[i - 1], m, s)
        if inner and _SEMICOLON.search(text, markers[i - 1].end(), e):
            # "…；公务用车购置及运行费7.70万元，其中购置费0万元，运行费7.70万元；公务接待费…": a list
            # inside a list whose items a ； separates ends with its item
            semi = _SEMICOLON.search(text, m.end(), e)
            e = semi.start() if semi else e
            inner = False
        classifier = m.group(0) in self.classifiers
        # the figure next to the marker is the total; only a classifier looks at all the figures before it
        before = self.items(u, s, m.start()) if classifier else self.last_item(u, s, m.start())
        total: Item | None = None
        alternatives: list[Item] = []
        distance = 0
        listed = 0  # figures of the sentence before that it lists as parts (a classifier's total is none of them)
        gap = text[before[-1].q.end:m.start()] if before else ""
        if before and not classifier and (_GAP.match(gap) or _DEFINITION.match(gap)
                                          or self.own_change(u, before[-1].q.end, m.start())):
            total = before[-1]
        elif not before or classifier:
            if before:
                alternatives = before
            else:
                alternatives, distance = self.previous_items(k, u, m.start())
            listed = len(alternatives)
            if classifier:
                alternatives = self.heads(alternatives)
            listed -= len(alternatives)
            if not alternatives:
                return None
            total = alternatives[-1]
        else:
            return None  # the figure before 其中 is not next to it: whose parts these are is unclear
        parts, clear = self.list_parts(u, markers, i, e, total)
        if inner and parts and exceeds(sum_interval(p.q for p in parts), total.q.interval()):
            return None  # a list inside a list of commas: where it ends, and the outer one resumes, is unclear
        parts = _until_repeat(parts)
        parts = self.without_restated_total(u, m.end(), parts)
        if any(direction_word_before(p.facts.text, p.q) for p in parts):
            return None  # "其中基本支出增加60万元": the parts of a change, not of the total
        reason = "marker"
        if not parts and m.end() >= len(text.rstrip("：:，, \n")):
            parts = self.numbered_items(k, total.q)
            reason = "numbered-list"
        if len(parts) == 1 and reason == "marker" and not alternatives and m.group(0).startswith("其中"):
            # "收入400亿元，其中税收收入300亿元": one part, of the figure right before 其中; it may
            # only not exceed it, and a share stated of it ("占比75%") is of that figure
            return Decomposition(total, parts, False, "single-part", m.group(0), alternatives, distance)
        if len(parts) < 2:
            return None
        named = _named_total(alternatives, parts) if len(alternatives) > 1 else None
        if named is not None:
            total = named
        if classifier and distance and listed and not _bears_out(total, parts):
            return None  # classes after a list of parts: whose classes they are is a guess the figures must bear out
        if any(w in it.label for it in (total, *parts) for w in self.averages):
            return None  # averages of the parts do not add up to the average of the whole
        intro = m.group(0) + (text[m.end():parts[0].q.start] if parts[0].facts is u else text[m.end():])

        def make(complete: bool, why: str) -> Decomposition:
            return Decomposition(total, parts, complete, why, m.group(0), alternatives, distance, named is not None)

        if self.partial_marked(parts[-1].facts.text, intro, parts[-1]):
            return make(False, "partial-marker")
        if not clear:
            return make(False, "nested")
        if classifier:
            # A classification lists the total by class, but often only its main classes: it adds
            # up when its classes are a known partition, or when their stated shares make 100%.
            complete = (self.partition_of(total, parts) is not None or _complements(parts)
                        or _shares_make_whole(parts))
            return make(complete, "classification")
        if self.partition_of(total, parts) is not None:
            return make(True, "partition")
        if _complements(parts):
            return make(True, "complement")
        if reason == "numbered-list":
            return make(True, "numbered-list")
        return make(False, "unclear")

    def heads(self, figures: list[Item]) -> list[Item]:
        """Of the figures a classification may classify, those not listed as another list's parts:
        after "支出2370万元，其中基本支出1500万元、项目支出870万元。按功能分类，…" the classes are
        of the 2370, never of the 870 that ends the first list."""
        if len(figures) < 2:
            return figures
        text = figures[0].facts.text
        m = self.marker_re.search(text, figures[0].q.end, figures[-1].q.start)
        return [f for f in figures if m is None or f.facts is not figures[0].facts or f.q.start < m.start()]

    @staticmethod
    def encloses(text: str, earlier: regex.Match, m: regex.Match, s: int) -> bool:
        """Is `m` inside the list `earlier` opens: in its sentence, and not after the parenthesis
        that list stands in has closed?"""
        if earlier.start() < s:
            return False
        closing = _closing_parenthesis(text, earlier.start())
        return closing is None or closing > m.start()

    def list_parts(self, u: UnitFacts, markers: list[regex.Match], i: int, e: int,
                   total: Item) -> tuple[list[Item], bool]:
        """The parts of the list markers[i] opens, up to `e`, and whether where it ends is clear.

        A later marker opens a list inside this one; the figure right before it is its total and
        this list's part. When a ； separates this list's items, the inner list ends with its item
        and this one goes on after it. Else this list ends at the inner marker, unclearly so when a
        figure after it names a class of this list's partition that no part names yet (…公务用车
        购置及运行费7.70万元，其中购置费0万元，运行费7.70万元，公务接待费2.15万元)."""
        text = u.text
        semis = _SEMICOLON.search(text, markers[i].end(), e) is not None
        parts: list[Item] = []
        start = markers[i].end()
        for j in range(i + 1, min(len(markers), i + 1 + _MAX_NESTED)):
            n = markers[j]
            if n.start() >= e:
                break
            if _closing_parenthesis(text, n.start()) is not None:
                continue  # "（其中…）" details a part and closes
            found = self.items(u, start, n.start(), like=total.q)
            kept = self.without_next_total(total, parts + found)
            if len(kept) < len(parts) + len(found):
                return kept, True  # the figure before it starts a list of its own: this one is over
            parts = kept
            if not semis:
                return parts, not self.resumes(total, parts, self.items(u, n.end(), e, like=total.q))
            semi = _SEMICOLON.search(text, n.end(), e)
            if semi is None:
                return parts, True  # the inner list is this one's last item
            start = semi.end()
        else:
            if i + 1 + _MAX_NESTED < len(markers) and markers[i + 1 + _MAX_NESTED].start() < e:
                return parts, False  # a run of markers no reader nests: where this list ends is unclear
        return parts + self.items(u, start, e, like=total.q), True

    def resumes(self, total: Item, parts: list[Item], rest: list[Item]) -> bool:
        """Does a figure of `rest` name a class of the partition `parts` make of `total` that none of
        them names?"""
        partition = self.partition_of(total, parts) if parts else None
        if partition is None:
            return False
        members = partition.get("members", [])
        named = {w for p in parts for w in members if w in p.label}
        return any(w in it.label and w not in named for it in rest for w in members)

    def without_next_total(self, total: Item, parts: list[Item]) -> list[Item]:
        """The figure a nested list's 其中 follows closes this list as its last part ("其中基本支出60万元、
        项目支出40万元，其中…") unless it starts a list of its own: "…培训费30万元；安排专项资金500万元，
        其中…" (larger than the whole), "…事业编制8人；实有人员36人，其中…" (the parts before it are a
        template's classes, and it is none of them)."""
        if len(parts) < 2:
            return parts
        rest, last = parts[:-1], parts[-1]
        if exceeds(last.q.interval(), total.q.interval()):
            return rest
        if self.partition_of(total, rest) is not None and self.partition_of(total, parts) is None:
            return rest
        return parts

    def without_restated_total(self, u: UnitFacts, start: int, parts: list[Item]) -> list[Item]:
        """"其中A870万，B70万…，合计1170万": the closing 合计 restates the total, it is not a part."""
        if len(parts) < 3:
            return parts
        last = parts[-1]
        lead = u.text[parts[-2].q.end:last.q.start]
        if last.facts is u and any(w in lead for w in self.total_words):
            return parts[:-1]
        return parts

    def numbered_items(self, k: int, like: Quantity) -> list[Item]:
        """The amounts of items 1、2、3… in the paragraphs right after "…，其中："."""
        out: list[Item] = []
        expected = 1
        style = None
        j = k + 1
        while j < len(self.prose):
            u = self.prose[j]
            label = getattr(u.block, "label", None)
            if label is None or (style and label.style != style) or label.value != expected:
                break
            if u.block.index != self.prose[j - 1].block.index + 1:
                break  # a heading or table sits in between
            style = label.style
            first = self.items(u, label.end, sentence_bounds(u.text, label.end)[1], like=like)
            if not first:
                return []  # an item without an amount: the list cannot be added up
            out.append(first[0])
            expected += 1
            j += 1
        return out

    def without_marker(self, u: UnitFacts, markers: list[regex.Match]) -> list[Decomposition]:
        """Counts split by state with no 其中: "问题35个，已完成整改32个，基本完成1个，长期坚持2个"."""
        out = []
        # a label is a stretch of its paragraph: a total word the paragraph lacks no label holds
        groups = [p for p in self.partitions if p.get("without-marker")
                  and any(t in u.text for t in p.get("total", []))]
        if not groups or not any(q.kind == "count" for q in u.quantities):
            return out  # every total here is a count: labelling a paragraph of amounts finds none
        items = self.items(u, 0, len(u.text))
        for i, total in enumerate(items):
            if total.q.kind != "count" or any(total.q.end <= mk.start() < total.q.end + 4 for mk in markers):
                continue
            for group in groups:
                if not any(t in total.label for t in group.get("total", [])):
                    continue
                if any(mb in total.label for mb in group.get("members", [])):
                    continue  # "已完成整改15个" is one of the states, not the total
                s, e = sentence_bounds(u.text, total.q.start)
                parts = []
                for it in items[i + 1:]:
                    if it.q.start >= e or not same_measure(total.q, it.q):
                        break
                    if not any(mb in it.label for mb in group.get("members", [])):
                        break
                    parts.append(it)
                if len(parts) >= 2:
                    out.append(Decomposition(total, parts, True, "partition", "", []))
        return out


_WORD = patterns.compile(r"(?=(\p{Han}{2}))")  # every two-character stretch, overlapping


def _words(label: str) -> set[str]:
    return set(_WORD.findall(label))


def _named_total(candidates: list[Item], parts: list[Item]) -> Item | None:
    """Of several figures a list of parts may belong to ("收入合计500万元，支出合计480万元。其中：基本
    支出…，项目支出…"), the one whose label holds a word every part's label holds (支出), when exactly
    one does."""
    shared = set.intersection(*(_words(p.label) for p in parts))
    if not shared:
        return None
    named = [c for c in candidates if shared & _words(c.label)]
    return named[0] if len(named) == 1 else None


def _items(u: UnitFacts, start: int, end: int, like: Quantity | None = None, nested: bool = False,
           skip=()) -> list[Item]:
    """Amounts and counts in [start, end) of a text, labelled. Unless `nested`, those inside a
    parenthesis opened in the range are left out: in a list of parts they detail a part
    ("商品服务支出1030.47万元（其中…764.4万元）"); a difference may state a term there ("（退规6家）")."""
    out = []
    floor = start
    marks = None if nested else _marks(u.text)
    quantities = u.quantities
    for i in range(bisect.bisect_left(u.starts, start), len(quantities)):
        q = quantities[i]
        if q.start >= end:
            break
        if _counted(q, start, end, like, skip, marks):
            out.append(Item(u, q, label_before(u.text, q.start, floor)))
            floor = q.end
    return out


def _last_item(u: UnitFacts, start: int, end: int, skip=()) -> list[Item]:
    """`_items(u, start, end, skip=skip)[-1:]`, walking back from `end`: the figure next to a marker
    is found without reading the sentence before it (a sentence of thousands of figures stays linear)."""
    marks = _marks(u.text)
    quantities = u.quantities
    found = None
    for i in range(bisect.bisect_left(u.starts, end) - 1, -1, -1):
        q = quantities[i]
        if q.start < start:
            break
        if not _counted(q, start, end, None, skip, marks):
            continue
        if found is not None:
            return [Item(u, found, label_before(u.text, found.start, q.end))]
        found = q
    return [] if found is None else [Item(u, found, label_before(u.text, found.start, start))]


def _counted(q: Quantity, start: int, end: int, like: Quantity | None, skip, marks: _Marks | None) -> bool:
    """Is `q` one of the items of [start, end): a whole amount or count in the range, of the measure
    of `like`, not a change amount, and (unless `marks` is None) not inside a parenthesis opened
    in the range?"""
    if q.end > end or not _summable(q) or q.start in skip:
        return False
    if like is not None and not same_measure(like, q):
        return False
    if marks is not None:
        opened = marks.enclosing[bisect.bisect_left(marks.at, q.start)]
        if opened >= 0 and marks.at[opened] >= start:
            return False
    return True


def find_decompositions(facts: Facts, packs: Packs) -> list[Decomposition]:
    return _Finder(facts, packs).run()


def find_differences(facts: Facts, packs: Packs) -> list[Difference]:
    """result = minuend − subtrahend, all three named in one paragraph."""
    out = []
    rules = packs.terms.get("differences", [])
    for u in facts.prose():
        items = _items(u, 0, len(u.text), nested=True, skip=facts.change_amounts.get(id(u), ()))
        for rule in rules:
            for result in (it for it in items if _named(it, rule["result"])):
                s, e = sentence_bounds(u.text, result.q.start)
                same = [it for it in items if s <= it.q.start < e and it is not result]
                minuend = next((it for it in same if _mentions(it, rule["minuend"])), None)
                subtrahend = next((it for it in same if _mentions(it, rule["subtrahend"])), None)
                if minuend is None or subtrahend is None or minuend is subtrahend:
                    continue
                if same_measure(result.q, minuend.q) and same_measure(result.q, subtrahend.q):
                    out.append(Difference(result, minuend, subtrahend))
    return out


def _named(item: Item, words: list[str]) -> bool:
    return any(item.label.endswith(w) for w in words)


def _mentions(item: Item, words: list[str]) -> bool:
    return any(w in item.label for w in words)


def _complements(parts: list[Item]) -> bool:
    """Two parts where one is the other negated (计容面积 / 不计容面积, 在编 / 非在编) cover the whole."""
    if len(parts) != 2:
        return False
    a, b = sorted((p.label for p in parts), key=len)
    return bool(a) and any(b == neg + a for neg in ("不", "非", "未"))


def _share_after(part: Item) -> Quantity | None:
    """The share stated right after a part's figure ("1800万元，占75.95%")."""
    u = part.facts
    share = u.after(part.q)
    if share is None or share.kind != "percent":
        return None
    lead = _SHARE_LEAD.match(u.text, part.q.end, share.start)
    return share if SHARE_WORDS.match(u.text, lead.end(), share.start) else None


def _bears_out(total: Item, parts: list[Item]) -> bool:
    """Do the figures say the parts are of this total: they add up to it, or a part's stated share is
    its share of it?"""
    whole = total.q.interval()
    if meet(whole, sum_interval(p.q for p in parts)):
        return True
    if whole[0] <= 0:
        return False
    for p in parts:
        share = _share_after(p)
        if share is not None and meet(share.interval(), tuple(x * HUNDRED for x in div(p.q.interval(), whole))):
            return True
    return False


_SHARE_LEAD = patterns.compile(r"[，,]?\s*")  # "1800万元，占75.95%" or "1800万元占75.95%"


def _shares_make_whole(parts: list[Item]) -> bool:
    """Does every part state its share right after its figure ("A 1800万元，占75.95%"), the shares
    adding up to 100% (each rounded to its decimals)? Then the author listed every class."""
    shares = [_share_after(p) for p in parts]
    if None in shares:
        return False
    lo, hi = sum_interval(shares)
    return lo <= HUNDRED <= hi


def _until_repeat(parts: list[Item]) -> list[Item]:
    """Cut a list where its labels start over after a ；: "基本支出…，项目支出…；决算基本支出…"
    is two lists ("对企业补助支出…，对个人和家庭补助支出…" with no ； between is one)."""
    for i, p in enumerate(parts):
        # the same item named again ("决算基本支出" after "基本支出"), not one that merely ends alike
        # ("公用经费支出" after "人员经费支出" continues the list)
        again = next((q for q in parts[:i] if q.label and p.label and q.facts is p.facts
                      and (p.label.endswith(q.label) or q.label.endswith(p.label))), None)
        if again is not None and any(ch in p.facts.text[again.q.end:p.q.start] for ch in "；;"):
            return parts[:i]
    return parts
