"""Page geometry → reading structure: text lines, ruled tables (with merged cells), page furniture.

Pure functions over `pdf_page` output, so they are tested on hand-made glyphs and rules as well as
on generated PDFs. Coordinates are PDF user space (y grows upwards): "above" means a larger y.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from .. import patterns
from .pdf_page import Glyph, PageContent, Rule

_SNAP = 2.0  # rules this close are one rule; a glyph centre this close to a rule is on it


@dataclass(slots=True)
class Line:
    glyphs: list[Glyph]
    page: int
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    font: str = ""  # the face most of its characters use
    chars: list[Glyph | None] = field(default_factory=list)  # per character of text; None for inserted spaces
    number: int = 0  # line number on its page, top to bottom (set by the reader)
    margins: tuple[float, float] = (0.0, 0.0)  # the page body's left and right edges (set by the reader)
    size_known: bool = True  # False for a line of digits and punctuation in a Chinese text

    def finish(self) -> "Line":
        glyphs = self.glyphs
        glyphs.sort(key=_x0)
        # The size of the line's Chinese text: digits and Latin letters are often set in another
        # face whose boxes are smaller (same font) or much taller (Times New Roman's bounding box).
        # Punctuation boxes are as unreliable, so ideographs decide; a line without any has no
        # size to compare (size_known). One pass gathers what the measures below read.
        cjk: list[float] = []
        visible: list[Glyph] = []
        faces: list[str] = []  # of the visible characters that are not ASCII
        for g in glyphs:
            ch = g.ch
            if ch.isascii():
                if not ch.isspace():
                    visible.append(g)
            else:
                if "\u3400" <= ch <= "\u9fff":
                    cjk.append(g.size)
                if not ch.isspace():
                    visible.append(g)
                    faces.append(g.font)
        ascii_only = not faces and all(g.ch.isascii() for g in glyphs)
        if cjk:
            cjk.sort()
            self.size = cjk[len(cjk) // 2]
        else:
            sizes = sorted(g.size for g in visible) or [g.size for g in glyphs]
            self.size = sizes[(3 * len(sizes)) // 4]
        self.size_known = bool(cjk) or ascii_only
        gap, wide = 0.3 * self.size, 1.5 * self.size
        out: list[str] = []
        chars: list[Glyph | None] = []
        prev: Glyph | None = None
        for g in glyphs:
            if prev is not None and g.x0 - prev.x1 > gap and not g.ch.isspace() and \
                    not prev.ch.isspace() and (_latin(prev.ch) or _latin(g.ch) or g.x0 - prev.x1 > wide):
                out.append(" ")
                chars.append(None)
            out.append(g.ch)
            chars.append(g)
            prev = g
        text = "".join(out)
        if text[:1].isspace() or text[-1:].isspace():
            left = len(text) - len(text.lstrip())
            right = len(text.rstrip())
            text, chars = text[left:right], chars[left:right]
        self.text, self.chars = text, chars
        visible = visible or glyphs
        first = visible[0]
        x0, x1, top, bottom, bold = first.x0, first.x1, first.y1, first.y0, 0
        for g in visible:
            if g.x0 < x0:
                x0 = g.x0
            if g.x1 > x1:
                x1 = g.x1
            if g.y1 > top:
                top = g.y1
            if g.y0 < bottom:
                bottom = g.y0
            bold += g.bold
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.bold = bold * 2 > len(visible)
        if not faces:
            faces = [g.font for g in visible]  # never empty: a line has glyphs
        leader = faces[0]
        self.font = leader if faces.count(leader) * 2 > len(faces) else Counter(faces).most_common(1)[0][0]
        return self


_x0 = attrgetter("x0")
_baseline = attrgetter("baseline")
# In character sizes: a gap this wide between two glyphs of a line separates columns, not words. A
# tight table cell leaves little more than its padding (a 行次 "7" after a label that fills its cell:
# 1.4); prose spaces its characters evenly, and a typed space is a third of a character.
_COLUMN_GAP = 1.2
_FIGURE = r"[-+]?+[0-9][0-9,，.]*+%?+"
_FIGURES = patterns.compile(rf"{_FIGURE}(?: ++{_FIGURE})*+")  # one column of figures, or several close together


def in_columns(line: Line) -> bool:
    """Is the line a row of a table drawn without rules ("六、经营收入 ␣␣␣ 6 ␣␣␣ 34.33")? A figure
    set apart by a gap of more than a character: prose has no such gaps, and no heading ends so (a
    TOC entry's page number is read before lines get here). Such a gap holds a space: `finish` puts
    one wherever a digit follows a gap."""
    text, chars = line.text, line.chars
    wide = _COLUMN_GAP * line.size
    cuts = []  # where a column after a wide gap starts
    i = text.find(" ")
    while i > 0:  # the text is trimmed: a space has a glyph before it and after its run
        j = i + 1
        while text[j] == " ":
            j += 1
        before, after = chars[i - 1], chars[j]
        if before is not None and after is not None and after.x0 - before.x1 >= wide:
            cuts.append(j)
        i = text.find(" ", j)
    ends = cuts[1:] + [len(text)]
    return any(_FIGURES.fullmatch(text[a:b].rstrip()) for a, b in zip(cuts, ends))


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def make_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs grouped by baseline, top to bottom, each line left to right."""
    lines: list[Line] = []
    current: list[Glyph] = []
    base = 0.0
    # top to bottom by baseline (to 0.1 pt), then left to right: one rounding per baseline, not per
    # glyph, and two stable sorts on C-level keys
    rows = {b: -round(b, 1) for b in set(map(_baseline, glyphs))}
    ordered = sorted(glyphs, key=_x0)
    ordered.sort(key=lambda g: rows[g.baseline])
    for g in ordered:
        if current and abs(g.baseline - base) <= 0.35 * max(g.size, 1.0):
            current.append(g)
            continue
        if current:
            lines.append(Line(current, page))
        current, base = [g], g.baseline
    if current:
        lines.append(Line(current, page))
    out = [line.finish() for line in lines]
    return [line for line in out if line.text]


# -- tables -----------------------------------------------------------------------------------------------

@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Grid:
    page: int
    box: tuple[float, float, float, float]
    cells: list[GridCell]
    n_rows: int
    n_cols: int
    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces that touch become one rule (Excel draws each cell edge apart)."""
    out: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: r.pos)
        rows: list[list[Rule]] = []
        for r in group:
            if rows and abs(r.pos - rows[-1][0].pos) <= _SNAP / 2:
                rows[-1].append(r)
            else:
                rows.append([r])
        for row in rows:
            pos = sum(r.pos for r in row) / len(row)
            row.sort(key=lambda r: r.a)
            a, b = row[0].a, row[0].b
            for r in row[1:]:
                if r.a <= b + _SNAP:
                    b = max(b, r.b)
                else:
                    out.append(Rule(horizontal, pos, a, b))
                    a, b = r.a, r.b
            out.append(Rule(horizontal, pos, a, b))
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def find_grids(page: PageContent) -> list[Grid]:
    rules = _merge_rules(page.rules)
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return []
    # connected components of crossing rules
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(r): k for k, r in enumerate(rules)}
    vs_sorted = sorted(vs, key=lambda r: r.pos)
    v_pos = [v.pos for v in vs_sorted]
    for h in hs:
        lo = bisect.bisect_left(v_pos, h.a - _SNAP)
        hi = bisect.bisect_right(v_pos, h.b + _SNAP)
        for v in vs_sorted[lo:hi]:
            if v.a - _SNAP <= h.pos <= v.b + _SNAP:
                a, b = find(index[id(h)]), find(index[id(v)])
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    for k, r in enumerate(rules):
        groups.setdefault(find(k), []).append(r)
    grids = []
    for members in groups.values():
        grid = _grid(page.number, [r for r in members if r.horizontal], [r for r in members if not r.horizontal])
        if grid is not None:
            grids.append(grid)
    return grids


_OPEN_EDGE = 6.0  # column rules running on this far past the last row rule: a row the page break left open


def _open_edges(ys: list[float], vs: list[Rule]) -> list[float]:
    """Row lines with the open row a page break leaves added: a table that continues on the next page
    often has no rule under its last row, only its column rules running down to where the row ends
    (and the continuation may have none over its first)."""
    low = min(v.a for v in vs)
    if ys[-1] - low > _OPEN_EDGE and sum(1 for v in vs if v.a - low <= _SNAP) >= 2:
        ys = ys + [low]
    high = max(v.b for v in vs)
    if high - ys[0] > _OPEN_EDGE and sum(1 for v in vs if high - v.b <= _SNAP) >= 2:
        ys = [high] + ys
    return ys


def _grid(page: int, hs: list[Rule], vs: list[Rule]) -> Grid | None:
    ys = sorted(_cluster([h.pos for h in hs]), reverse=True)  # top to bottom
    xs = _cluster([v.pos for v in vs])
    ys = _open_edges(ys, vs)
    if len(ys) < 2 or len(xs) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows * n_cols < 2:
        return None  # a frame around a block of text, not a table

    def v_at(x: float, y_mid: float) -> bool:
        return any(abs(v.pos - x) <= _SNAP and v.a - _SNAP <= y_mid <= v.b + _SNAP for v in vs)

    def h_at(y: float, x_mid: float) -> bool:
        return any(abs(h.pos - y) <= _SNAP and h.a - _SNAP <= x_mid <= h.b + _SNAP for h in hs)

    owner = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for r in range(n_rows):
        y_mid = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            x_mid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not v_at(xs[c + 1], y_mid):
                owner[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not h_at(ys[r + 1], x_mid):
                owner[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            regions.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in regions.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0])))
    if len(cells) < 2:
        return None
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(page, (xs[0], ys[-1], xs[-1], ys[0]), cells, n_rows, n_cols, xs, ys)


def fill_grid(grid: Grid, glyphs: list[Glyph]) -> list[Glyph]:
    """Put each glyph inside the grid into its cell; return the glyphs outside it. The cell is
    found by bisecting the grid's edges, not by trying every cell."""
    x0, y0, x1, y1 = grid.box
    n_rows, n_cols = grid.n_rows, grid.n_cols
    owner: list[int | None] = [None] * (n_rows * n_cols)  # row * n_cols + col → its cell
    for k, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[r * n_cols + c] = k
    xs = grid.xs
    down = [-y for y in grid.ys]  # ascending, for bisect
    outside: list[Glyph] = []
    inside: dict[int, list[Glyph]] = {}
    right = bisect.bisect_right
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        if not (x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1):
            outside.append(g)
            continue
        col = min(max(right(xs, cx) - 1, 0), n_cols - 1)
        row = min(max(right(down, -cy) - 1, 0), n_rows - 1)
        k = owner[row * n_cols + col]
        if k is not None:
            if k in inside:
                inside[k].append(g)
            else:
                inside[k] = [g]
    for k, gs in inside.items():
        grid.cells[k].lines = make_lines(gs, grid.page)
    return outside


# -- page furniture ---------------------------------------------------------------------------------------

_PAGE_NUMBER = patterns.compile(r"^[-—–\s·]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?\s*(?:[/／]\s*(?:共\s*)?[0-9０-９]{1,4}\s*页?)?[-—–\s·]*$")
_DIGITS = patterns.compile(r"[0-9０-９]+")


def furniture_keys(pages: list[tuple[PageContent, list[Line]]]) -> set[str]:
    """Texts of header/footer lines that repeat on many pages (digits ignored: "第3页" ~ "第4页")."""
    counts: Counter[str] = Counter()
    for page, lines in pages:
        seen = set()
        for line in lines:
            if _in_margin(page, line):
                seen.add(_furniture_key(line.text))
        counts.update(seen)
    need = max(3, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need}


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def _in_margin(page: PageContent, line: Line) -> bool:
    zone = 0.09 * page.height
    return line.bottom >= page.bottom + page.height - zone or line.top <= page.bottom + zone


def is_furniture(page: PageContent, line: Line, keys: set[str]) -> bool:
    if not _in_margin(page, line):
        return False
    return bool(_PAGE_NUMBER.match(line.text)) or _furniture_key(line.text) in keys
