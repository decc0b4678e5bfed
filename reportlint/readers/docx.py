""".docx → Document, through python-docx's XML objects.

- paragraphs and tables in body order, nested tables (inside cells) as their own Table blocks;
- headings from heading styles (Heading 1-9, 标题 1 …), outline levels, and numbering labels;
- Word automatic numbering resolved into the visible label (a heading whose "三、" exists only in
  numbering.xml reads "三、");
- merged cells (gridSpan, vMerge) appear once with their spans;
- line breaks and tabs kept; tracked insertions read, deletions dropped; headers/footers ignored.

For .docx, "line" means the 1-based block number and "column" the 1-based character offset in the
block's text as read here (auto-number labels included; `DocxRef.prefix` says how many such
characters precede the real run text, so the annotator can map back to runs).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import Iterator

from docx.oxml.ns import qn

from ..extract.numbering import is_bare_part, parse_label, title_like
from ..model import Cell, Document, DocxRef, Heading, Paragraph, Piece, Table, Text
from . import ReadError
from .docx_numbering import NumberingResolver, attr_int
from .limits import (
    MAX_BLOCKS,
    MAX_PARAGRAPH_CHARS,
    MAX_RATIO,
    MAX_TABLE_DEPTH,
    MAX_TOTAL_BYTES,
    MAX_XML_PART_BYTES,
)
from .lists import demote_list_items
from .toc import mark_toc

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([0-9０-９])$", re.IGNORECASE)

W_P, W_TBL, W_R, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_RECURSE = {qn(t) for t in ("w:ins", "w:hyperlink", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml",
                            "w:fldSimple", "w:moveTo", "w:dir", "w:bdo")}


def check_container(path: str) -> None:
    """Refuse what is not a sound .docx before any XML is parsed: OLE files, broken zips, bombs."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    if not head:
        raise ReadError(path, "空文件")
    if head == _OLE_MAGIC:
        raise ReadError(path, "这是 OLE 复合文件（加密的 .docx 或旧版 .doc），无法读取")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise ReadError(path, "不是 Word 文档（压缩包中没有 word/document.xml）")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(path, f"压缩包成员 {info.filename} 已加密")
                total += info.file_size
                xml = info.filename.endswith((".xml", ".rels"))
                if xml and info.file_size > MAX_XML_PART_BYTES:
                    raise ReadError(path, f"拒绝读取：{info.filename} 解压后 {info.file_size} 字节"
                                          f"（单个 XML 部件上限 {MAX_XML_PART_BYTES}）")
                if (
                        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                        and info.file_size > 10 * 1024 * 1024):
                    raise ReadError(path, f"拒绝读取：{info.filename} 解压后 {info.file_size} 字节（疑为压缩炸弹）")
            if total > MAX_TOTAL_BYTES:
                raise ReadError(path, f"拒绝读取：各部件解压后共 {total} 字节（疑为压缩炸弹）")
            for name in sorted(n for n in names if n.endswith((".xml", ".rels"))):
                _scan_part(path, zf, name)
    except (zipfile.BadZipFile, EOFError):
        raise ReadError(path, "不是有效的 .docx（不是 zip 文件，或文件不完整）") from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted members, unsupported compression
        raise ReadError(path, f"压缩包成员无法读取（{exc}）") from None
    except zipfile.LargeZipFile:
        raise ReadError(path, "拒绝读取：zip64 压缩包过大") from None


def _scan_part(path: str, zf: zipfile.ZipFile, name: str) -> None:
    """Inflate one XML part in bounded chunks: refuse DOCTYPE/ENTITY declarations (entity
    expansion, external entities) and parts that inflate past the limit whatever they declare."""
    size = 0
    tail = b""
    with zf.open(name) as part:
        while chunk := part.read(1 << 20):
            size += len(chunk)
            if size > MAX_XML_PART_BYTES:
                raise ReadError(path, f"拒绝读取：{name} 解压后超过 {MAX_XML_PART_BYTES} 字节"
                                      "（单个 XML 部件的上限）")
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise ReadError(path, f"拒绝读取：{name} 声明了 DOCTYPE 或实体")
            tail = chunk[-16:]


@dataclass
class RunSpan:
    """A run and the [start, end) range its text occupies in the paragraph text."""

    element: object
    start: int
    end: int


def paragraph_text(p) -> tuple[str, list[RunSpan]]:
    """Visible text of a w:p: tracked insertions in, deletions out, breaks as newlines."""
    out: list[str] = []
    spans: list[RunSpan] = []
    length = 0

    def walk(el) -> None:
        nonlocal length
        for child in el:
            tag = child.tag
            if tag == W_R:
                start = length
                for node in child:
                    t = node.tag
                    if t == qn("w:t"):
                        out.append(node.text or "")
                        length += len(node.text or "")
                    elif t == qn("w:tab"):
                        out.append("\t")
                        length += 1
                    elif t in (qn("w:br"), qn("w:cr")):
                        out.append("\n")
                        length += 1
                    elif t == qn("w:noBreakHyphen"):
                        out.append("-")
                        length += 1
                spans.append(RunSpan(child, start, length))
            elif tag in _RECURSE:
                walk(child)

    walk(p)
    return "".join(out), spans


def _children(parent, tags: tuple[str, ...]) -> Iterator:
    """Children with one of `tags`, looking through content controls (w:sdt/w:sdtContent)."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag == W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content, tags)


def iter_body(parent) -> Iterator:
    """Block-level children (w:p, w:tbl) in order."""
    return _children(parent, (W_P, W_TBL))


def iter_body_rows(tbl) -> Iterator:
    return _children(tbl, (W_TR,))


def iter_row_cells(tr) -> Iterator:
    return _children(tr, (W_TC,))


def _grid_span(tc) -> int:
    pr = tc.find(qn("w:tcPr"))
    span = pr.find(qn("w:gridSpan")) if pr is not None else None
    try:
        return max(1, int(span.get(qn("w:val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _v_merge(tc) -> str | None:
    pr = tc.find(qn("w:tcPr"))
    vm = pr.find(qn("w:vMerge")) if pr is not None else None
    if vm is None:
        return None
    return vm.get(qn("w:val")) or "continue"


class _Styles:
    def __init__(self, styles_element):
        self.by_id: dict[str, object] = {}
        if styles_element is not None:
            for st in styles_element.findall(qn("w:style")):
                self.by_id[st.get(qn("w:styleId"))] = st

    def name(self, style_id: str | None) -> str | None:
        st = self.by_id.get(style_id) if style_id else None
        if st is None:
            return style_id
        name = st.find(qn("w:name"))
        return name.get(qn("w:val")) if name is not None else style_id

    def chain(self, style_id: str | None) -> Iterator:
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            based = st.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def ppr_value(self, style_id: str | None, path: tuple[str, ...]) -> object | None:
        for st in self.chain(style_id):
            el = st.find(qn("w:pPr"))
            for tag in path:
                el = el.find(qn(tag)) if el is not None else None
            if el is not None:
                return el
        return None


class _DocxBuilder:
    def __init__(self, document, path: str):
        self.path = path
        part = document.part
        self.styles = _Styles(part.styles.element)
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = NumberingResolver(numbering)
        self.blocks: list = []
        self.body_paragraph = 0
        self.table_count = 0
        self.comment_start: dict[str, int] = {}  # comment id -> first block
        self.comment_end: dict[str, int] = {}

    def _note_comments(self, element, block: int) -> None:
        for start in element.iter(qn("w:commentRangeStart")):
            self.comment_start.setdefault(start.get(qn("w:id")), block)
        for end in element.iter(qn("w:commentRangeEnd")):
            self.comment_end[end.get(qn("w:id"))] = block

    def build(self, body) -> list:
        for el in iter_body(body):
            if el.tag == W_P:
                self._paragraph(el)
                self._note_comments(el, max(1, len(self.blocks)))
                self.body_paragraph += 1
            else:
                first = len(self.blocks) + 1
                self._table(el, None)
                self._note_comments(el, first)
        mark_toc(self.blocks)
        demote_list_items(self.blocks)
        return self.blocks

    def comment_ranges(self, document) -> list[tuple[str, int, int]]:
        if not self.comment_start:
            return []
        try:
            comments = {str(c.comment_id): c.text for c in document.comments}
        except Exception:  # a comments part python-docx cannot read: no suppressions from it
            return []
        return [(comments[cid], first, self.comment_end.get(cid, first))
                for cid, first in self.comment_start.items() if cid in comments]

    def _auto_label(self, p, style_id: str | None) -> str | None:
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            numpr = self.styles.ppr_value(style_id, ("w:numPr",))
        if numpr is None:
            return None
        num_id = numpr.find(qn("w:numId"))
        ilvl = numpr.find(qn("w:ilvl"))
        if num_id is None:
            return None
        level = attr_int(ilvl.get(qn("w:val")), 0, 0, 8) if ilvl is not None else 0
        return self.numbering.label(num_id.get(qn("w:val")), level)

    def _paragraph(self, p) -> None:
        ppr = p.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
        style_name = self.styles.name(style_id) or ""
        raw, _ = paragraph_text(p)
        self._guard(raw, "一个段落")
        auto = self._auto_label(p, style_id)
        value = (auto + raw) if auto else raw
        if not value.strip():
            return
        index = len(self.blocks) + 1
        prefix = len(auto) if auto else 0
        text = Text(value, (Piece(0, index, 1),))
        ref = DocxRef(paragraph=self.body_paragraph, prefix=prefix)
        level, source = self._heading_level(ppr, style_id, style_name)
        label = parse_label(value)
        if level is not None:
            title = value[label.end:].strip() if label else value.strip()
            self.blocks.append(Heading(index, text, level, label, title, source, style_name, ref))
            return
        if label is not None and title_like(value[label.end:]):
            title = value[label.end:].strip()
            self.blocks.append(Heading(index, text, label.depth, label, title, "label", style_name, ref))
            return
        if label is None and title_like(value):
            self._name_bare_part(value.strip())
        self.blocks.append(Paragraph(index, text, label, style_name, ref))

    def _name_bare_part(self, title: str) -> None:
        """"第一部分" alone in its paragraph with its title in the next: the label is the part's heading,
        titled by the next paragraph (which stays a paragraph: a block is one Word paragraph)."""
        previous = self.blocks[-1] if self.blocks else None
        if isinstance(previous, Paragraph) and previous.role is None and is_bare_part(previous):
            self.blocks[-1] = Heading(previous.index, previous.text, previous.label.depth, previous.label, title,
                                      "label", previous.style, previous.docx)

    def _guard(self, text: str, what: str) -> None:
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise ReadError(self.path, f"拒绝读取：{what}长 {len(text)} 字符（上限 {MAX_PARAGRAPH_CHARS}）")

    def _heading_level(self, ppr, style_id: str | None, style_name: str) -> tuple[int | None, str]:
        m = _HEADING_STYLE.match(style_name.strip())
        if m:
            return int(m.group(1)), "style"
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if outline is None:
            outline = self.styles.ppr_value(style_id, ("w:outlineLvl",))
        if outline is not None:
            try:
                lvl = int(outline.get(qn("w:val")))
            except (TypeError, ValueError):
                lvl = 9
            if lvl < 9:
                return lvl + 1, "outline"
        return None, ""

    def _table(self, tbl, parent: tuple[int, int, int] | None, depth: int = 0) -> None:
        if depth > MAX_TABLE_DEPTH:
            raise ReadError(self.path, f"拒绝读取：表格嵌套超过 {MAX_TABLE_DEPTH} 层")
        table_no = self.table_count
        self.table_count += 1
        index = len(self.blocks) + 1
        table = Table(index, [], "docx", parent=parent, docx_table=table_no)
        self.blocks.append(table)
        origin: dict[int, Cell] = {}  # grid column -> cell a vertical merge continues
        nested: list[tuple[object, int, int]] = []
        rows: list[list[Cell]] = []
        for r, tr in enumerate(iter_body_rows(tbl)):
            row: list[Cell] = []
            col = 0
            for c, tc in enumerate(iter_row_cells(tr)):
                span = _grid_span(tc)
                merge = _v_merge(tc)
                if merge == "continue" and col in origin:
                    origin[col].row_span += 1
                    col += span
                    continue
                parts = []
                for p in (el for el in tc if el.tag in (W_P, W_TBL)):
                    if p.tag == W_TBL:
                        nested.append((p, r, col))
                        continue
                    raw, _ = paragraph_text(p)
                    auto = self._auto_label(p, None)
                    parts.append((auto or "") + raw)
                value = "\n".join(parts).strip("\n")
                self._guard(value, "一个表格单元格")
                cell = Cell(Text(value, (Piece(0, index, 1),)), r, col, 1, span,
                            DocxRef(table=table_no, row=r, cell=c))
                row.append(cell)
                if merge == "restart":
                    origin[col] = cell
                else:
                    origin.pop(col, None)
                col += span
            rows.append(row)
        table.rows = rows
        for element, r, col in nested:
            self._table(element, (index, r, col), depth + 1)


def read_docx(path: str) -> Document:
    check_container(path)
    import docx  # python-docx; imported here so text-only runs never pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except PackageNotFoundError:
        raise ReadError(path, "不是有效的 .docx 文件包") from None
    except KeyError as exc:
        raise ReadError(path, f"不是有效的 .docx（缺少部件 {exc}）") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends: malformed XML
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(path, f".docx 的 XML 格式错误：{reason[:200]}") from None
    root = document.element
    if not root.tag.endswith("}document") or root.body is None:
        raise ReadError(path, "不是 Word 文档（word/document.xml 中没有带 w:body 的 w:document）")
    paragraphs = sum(1 for _ in root.body.iter(W_P))
    if paragraphs > MAX_BLOCKS:
        raise ReadError(path, f"拒绝读取：{paragraphs} 个段落（上限 {MAX_BLOCKS}）")
    builder = _DocxBuilder(document, path)
    blocks = builder.build(root.body)
    return Document(path=path, format="docx", blocks=blocks, comments=builder.comment_ranges(document))
