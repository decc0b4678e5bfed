"""Plain-text and markdown reports → Document.

Real reports arrive as text converted from Word or PDF. Besides markdown they carry:
- tables as tab-separated rows, one row a line ("tsv");
- tables as one cell a line, each cell line starting with a tab, rows separated by blank lines,
  a cell's own line breaks showing as untabbed lines right after it ("cell-lines");
- markdown pipe tables;
- sentences broken across lines or pages by the conversion ("引导企业建立现" / "代企业制度");
- artefacts such as "[bookmark: _GoBack]" or "<p>…</p>" inside cells.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import patterns
from ..extract.numbering import is_bare_part_text, parse_label, title_like
from ..model import Cell, Document, Heading, Paragraph, Piece, Table, Text
from . import ReadError
from .limits import MAX_BLOCKS, MAX_PARAGRAPH_CHARS
from .lists import demote_list_items
from .toc import mark_toc

# A comment's body stops at the next "<!--" too, so an unclosed one costs the distance to the
# next opener, not the rest of the line (linear on hostile lines; possessive, no backtracking).
_COMMENT = r"<!--(?:(?!-->|<!--).)*+-->"
_ARTEFACT = patterns.compile(rf"\[bookmark:[^\]]*+\]|</?p>|<br\s*+/?>|{_COMMENT}")
_COMMENT_LINE = patterns.compile(rf"^\s*+(?:{_COMMENT}\s*+)++$")
_MD_HEADING = patterns.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_PIPE_ROW = patterns.compile(r"^\s*\|.*\|\s*$")
_PIPE_SPLIT = patterns.compile(r"(?<!\\)\|")  # a cell border; an escaped \| is text
_PIPE_SEP = patterns.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_LINE = patterns.compile(r"^\t[^\t]*$")
_TERMINAL = "。！？!?；;…"
_CLOSERS = "”’」』）)》"
_PROSE_PUNCT = "，,、；;"
_BULLET = patterns.compile(r"^[\s　]*[-*+][\s　]+")
_WS = " \t\u3000\u00a0"

_BROKEN_LINE_MIN = 20  # a prose line this long that stops mid-sentence was cut by the conversion


def decode(data: bytes, path: str) -> str:
    """Bytes → str: UTF-8 (BOM or not), UTF-16 with BOM, GB18030; anything else is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        raise ReadError(path, "不是文本文件（含 NUL 字节且没有 UTF-16 字节序标记）")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(path, "无法识别的文本编码（不是 UTF-8、带 BOM 的 UTF-16 或 GB18030）") from None
    if not _plausible_chinese(text):
        raise ReadError(path, "无法识别的文本编码（不是 UTF-8、带 BOM 的 UTF-16 或 GB18030）")
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"第 {exc.start} 字节处不是有效的 {encoding.upper()}") from None


def _plausible_chinese(text: str) -> bool:
    # GB18030 maps most byte pairs to *some* character; real text is mostly common CJK and ASCII.
    if not text:
        return True
    good = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef")
    return good / len(text) > 0.9


@dataclass
class _Line:
    no: int  # 1-based
    raw: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip(_WS)


def clean_text(raw: str, line: int, start_col: int = 1, strip: bool = True) -> Text:
    """Text of one source fragment, artefacts removed, outer white space stripped, positions kept."""
    if _ARTEFACT.search(raw) is None:  # most fragments (every plain table cell): one piece
        left = len(raw) - len(raw.lstrip(_WS + "\n")) if strip else 0
        value = raw.strip(_WS + "\n") if strip else raw
        return Text(value, (Piece(0, line, start_col + left),))
    pieces: list[Piece] = []
    out: list[str] = []
    pos = 0
    for m in _ARTEFACT.finditer(raw):
        if m.start() > pos:
            pieces.append(Piece(sum(map(len, out)), line, start_col + pos))
            out.append(raw[pos:m.start()])
        if m.group(0).lower().startswith(("</p", "<br")) and out and not out[-1].endswith("\n"):
            pieces.append(Piece(sum(map(len, out)), line, start_col + m.start()))
            out.append("\n")
        pos = m.end()
    if pos < len(raw) or not pieces:
        pieces.append(Piece(sum(map(len, out)), line, start_col + pos))
        out.append(raw[pos:])
    text = Text("".join(out), tuple(pieces))
    return strip_text(text) if strip else text


def strip_text(text: Text) -> Text:
    value = text.value
    left = len(value) - len(value.lstrip(_WS + "\n"))
    right = len(value.rstrip(_WS + "\n"))
    return slice_text(text, left, max(left, right))


def slice_text(text: Text, start: int, end: int) -> Text:
    """The part [start, end) of a Text, with its source map."""
    pieces: list[Piece] = []
    for i, piece in enumerate(text.pieces):
        nxt = text.pieces[i + 1].offset if i + 1 < len(text.pieces) else len(text.value)
        lo, hi = max(piece.offset, start), min(nxt, end)
        if lo < hi or (not pieces and lo == hi == start and piece.offset <= start <= nxt):
            pieces.append(Piece(lo - start, piece.line, piece.column + (lo - piece.offset)))
    if not pieces:
        line, col = text.position(start)
        pieces.append(Piece(0, line, col))
    return Text(text.value[start:end], tuple(p for j, p in enumerate(pieces) if j == 0 or p.offset < end - start))


def join_texts(parts: list[Text], sep: str = "") -> Text:
    pieces: list[Piece] = []
    out = []
    offset = 0
    for i, part in enumerate(parts):
        if i and sep:
            offset += len(sep)
            out.append(sep)
        for p in part.pieces:
            pieces.append(Piece(p.offset + offset, p.line, p.column))
        out.append(part.value)
        offset += len(part.value)
    return Text("".join(out), tuple(pieces))


def read_text(path: str, data: bytes) -> Document:
    text = decode(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_BLOCKS:
        raise ReadError(path, f"拒绝读取：{len(lines)} 行（上限 {MAX_BLOCKS}）")
    for no, line in enumerate(lines, 1):
        if len(line) > MAX_PARAGRAPH_CHARS:
            raise ReadError(path, f"拒绝读取：第 {no} 行有 {len(line)} 个字符（上限 {MAX_PARAGRAPH_CHARS}）")
    markdown = path.lower().endswith((".md", ".markdown"))
    blocks = _Builder([_Line(i + 1, raw) for i, raw in enumerate(lines)]).build()
    return Document(path=path, format="markdown" if markdown else "text", blocks=blocks, source_lines=lines)


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \u3000\u00a0"))


def _is_tsv(raw: str) -> bool:
    body = raw.rstrip(_WS.replace("\t", "") + "\n")
    if "\t" not in body.strip("\t"):
        # only leading/trailing tabs: a tsv row with one filled cell has several tabs around it
        return body.count("\t") >= 2 and not _CELL_LINE.match(body)
    return True


def _kind(line: _Line) -> str:
    raw = line.raw
    if (line.blank and "\t" not in raw) or _COMMENT_LINE.match(raw):
        return "blank"  # an HTML comment line (a reportlint directive) is not text
    if raw.strip(_WS) == "" and "\t" in raw:
        return "cell" if _CELL_LINE.match(raw.rstrip(" ")) else "tsv"
    if _PIPE_ROW.match(raw):
        return "pipe"
    if _CELL_LINE.match(raw):
        return "cell"
    if "\t" in raw and _is_tsv(raw):
        return "tsv"
    if _MD_HEADING.match(raw):
        return "md"
    return "text"


class _Builder:
    def __init__(self, lines: list[_Line]):
        self.lines = lines
        self.kinds = [_kind(line) for line in lines]
        self.blocks: list = []

    def next_index(self) -> int:
        return len(self.blocks) + 1

    def build(self) -> list:
        i = 0
        n = len(self.lines)
        while i < n:
            kind = self.kinds[i]
            if kind == "blank":
                i += 1
            elif kind == "tsv":
                i = self._tsv_table(i)
            elif kind == "cell":
                i = self._cell_table(i)
            elif kind == "pipe" and i + 1 < n and _PIPE_SEP.match(self.lines[i + 1].raw):
                i = self._pipe_table(i)
            elif kind == "md":
                self._md_heading(self.lines[i])
                i += 1
            else:
                i = self._paragraph(i)
        mark_toc(self.blocks)
        demote_list_items(self.blocks)
        return self.blocks

    # -- tables -------------------------------------------------------------------------------
    def _tsv_table(self, i: int) -> int:
        rows: list[list[Cell]] = []
        n = len(self.lines)
        while i < n:
            kind = self.kinds[i]
            if kind == "tsv":
                line = self.lines[i]
                cells: list[Cell] = []
                col = 1
                for c, raw_cell in enumerate(line.raw.split("\t")):
                    cells.append(Cell(clean_text(raw_cell, line.no, col), len(rows), c, indent=_indent(raw_cell)))
                    col += len(raw_cell) + 1
                while cells and not cells[-1].value and len(cells) > 1:
                    cells.pop()  # trailing empty cells are the converter's padding
                rows.append(cells)
                i += 1
            elif kind == "blank":
                j = i
                while j < n and self.kinds[j] == "blank" and j - i < 2:
                    j += 1
                if j < n and self.kinds[j] == "tsv":
                    i = j
                else:
                    break
            else:
                break
        self.blocks.append(Table(self.next_index(), rows, "tsv"))
        return i

    def _cell_table(self, i: int) -> int:
        rows: list[list[Cell]] = []
        current: list[Cell] = []
        n = len(self.lines)
        while i < n:
            kind = self.kinds[i]
            line = self.lines[i]
            if kind == "cell":
                current.append(Cell(clean_text(line.raw[1:], line.no, 2), len(rows), len(current),
                                    indent=_indent(line.raw[1:])))
                i += 1
            elif kind == "text" and current and self.kinds[i - 1] in ("cell", "text"):
                # an untabbed line right after a cell continues that cell (a line break inside it)
                last = current[-1]
                extra = clean_text(line.raw, line.no, 1)
                joined = join_texts([last.text, extra], "\n") if last.value else extra
                current[-1] = Cell(joined, last.row, last.col)
                i += 1
            elif kind == "blank":
                if current:
                    rows.append(current)
                    current = []
                j = i
                while j < n and self.kinds[j] == "blank":
                    j += 1
                if j < n and self.kinds[j] == "cell" and j - i <= 2:
                    i = j
                else:
                    i = j if j - i <= 2 else i
                    break
            else:
                break
        if current:
            rows.append(current)
        for r, row in enumerate(rows):
            for cell in row:
                cell.row = r
        self.blocks.append(Table(self.next_index(), rows, "cell-lines"))
        return i

    def _pipe_table(self, i: int) -> int:
        rows: list[list[Cell]] = []
        n = len(self.lines)
        while i < n and self.kinds[i] == "pipe":
            line = self.lines[i]
            if not _PIPE_SEP.match(line.raw):
                cells: list[Cell] = []
                raw = line.raw
                start = raw.index("|") + 1
                end = raw.rindex("|")
                pos = start
                for part in _PIPE_SPLIT.split(raw[start:end]):
                    cells.append(Cell(clean_text(part.replace("\\|", "|"), line.no, pos + 1), len(rows), len(cells),
                                      indent=max(0, _indent(part) - 1)))
                    pos += len(part) + 1
                rows.append(cells)
            i += 1
        self.blocks.append(Table(self.next_index(), rows, "pipe"))
        return i

    # -- headings and paragraphs ---------------------------------------------------------------
    def _broken_title(self, i: int) -> bool:
        """A labelled title-like line continues only across a page break (a blank line), never
        into the line right below it, which is its section's first paragraph."""
        return i < len(self.lines) and self.kinds[i] == "blank"

    def _continuation(self, i: int, previous: str) -> int | None:
        """Index of the line that continues `previous` across up to three blank lines, if any."""
        j = i
        while j < len(self.lines) and self.kinds[j] == "blank" and j - i < 4:
            j += 1
        if j < len(self.lines) and self.kinds[j] == "text" and _continues(previous, self.lines[j].raw):
            return j
        return None

    def _split_part_title(self, label_line: Text, i: int) -> Text | None:
        """"第一部分" alone on its line with its title on the next ("部门概况"), as web pages and
        exported reports set part titles: one heading "第一部分 部门概况", or None."""
        if i >= len(self.lines) or self.kinds[i] != "text":
            return None
        line = self.lines[i]
        title = clean_text(line.raw, line.no)
        if parse_label(title.value) is not None or not title_like(title.value):
            return None
        return join_texts([label_line, title], sep=" ")

    def _md_heading(self, line: _Line) -> None:
        m = _MD_HEADING.match(line.raw)
        assert m
        text = clean_text(m.group(2), line.no, m.start(2) + 1)
        label = parse_label(text.value)
        title = text.value[label.end:].strip(_WS) if label else text.value
        self.blocks.append(Heading(self.next_index(), text, len(m.group(1)), label, title, "markdown"))

    def _paragraph(self, i: int) -> int:
        line = self.lines[i]
        text = clean_text(line.raw, line.no)
        label = parse_label(text.value)
        parts = [text]
        i += 1
        if is_bare_part_text(text.value, label) and (joined := self._split_part_title(text, i)) is not None:
            label = parse_label(joined.value)
            self.blocks.append(Heading(self.next_index(), joined, label.depth, label,
                                       joined.value[label.end:].strip(_WS), "label"))
            return i + 1
        if label is not None and title_like(text.value[label.end:]) and not self._broken_title(i):
            title = text.value[label.end:].strip(_WS)
            self.blocks.append(Heading(self.next_index(), text, label.depth, label, title, "label"))
            return i
        while (j := self._continuation(i, parts[-1].value)) is not None:
            nxt = self.lines[j]
            parts.append(clean_text(nxt.raw, nxt.no))
            i = j + 1
        if len(parts) == 1 and label is not None and title_like(text.value[label.end:]):
            title = text.value[label.end:].strip(_WS)
            self.blocks.append(Heading(self.next_index(), text, label.depth, label, title, "label"))
            return i
        joined = join_texts(parts) if len(parts) > 1 else text
        if joined.value:
            self.blocks.append(Paragraph(self.next_index(), joined, label))
        return i


def _continues(previous: str, nxt_raw: str) -> bool:
    """Is the next line the rest of a sentence the conversion broke?"""
    prev = previous.rstrip(_WS)
    if not prev or prev[-1] in _TERMINAL or (prev[-1] in _CLOSERS and len(prev) > 1 and prev[-2] in _TERMINAL):
        return False
    nxt = nxt_raw.strip(_WS)
    if not nxt or _BULLET.match(nxt_raw) or parse_label(nxt) is not None:
        return False
    if nxt[0] in "、，,；;。）)":
        return True
    if prev[-1] in "，,、：:（(“":
        return True
    # A long line of prose that stops mid-sentence was cut by a line or page break; a short one
    # ("加强专项资金管理，及时公示信息") is a title that lost its number.
    label = parse_label(prev)
    body = prev[label.end:] if label is not None else prev  # the 、 of "三、" is not prose punctuation
    return len(prev) >= _BROKEN_LINE_MIN and any(ch in body for ch in _PROSE_PUNCT)
