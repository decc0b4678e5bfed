"""What a PDF page draws, through PDFium (pypdfium2): characters with their boxes, and ruling lines.

Only what a reader of the rendered page sees is kept: a character outside the page or outside the
clip path of its text object (text that overflows its cell in Excel-exported PDFs, drawn but clipped
away) is dropped; so are paths drawn in white or not painted at all. Everything is in PDF user space
(points, origin bottom-left). The layout — lines, paragraphs, tables — is `pdf_layout`'s business.
"""
from __future__ import annotations

import ctypes
import functools
import struct
from dataclasses import dataclass
from functools import lru_cache

from .. import patterns
from .limits import (
    MAX_GLYPHS_PER_PAGE,
    MAX_PAGES,
    MAX_PATH_SEGMENTS_PER_PAGE,
    MAX_PDF_STREAM_BYTES,
)

_WHITE = 245  # a path painted this light on every channel is not a visible rule
_RULE_THICKNESS = 2.5  # a filled rectangle thinner than this is a line


class PdfError(Exception):
    """The PDF cannot be read; the message is the reason, for one error line."""


@dataclass(slots=True, eq=False)
class Glyph:
    """A drawn character. It is also the character's `model.Box` (page and box): a document's texts
    point at their glyphs rather than copy tens of thousands of boxes that few findings will read."""

    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float  # baseline and size are layout values, in the page's reading frame (`PageContent.turn`)
    size: float
    bold: bool
    font: str = ""  # base font name without its subset tag: a change of face (仿宋 → 楷体) marks a heading
    page: int = 0  # 1-based


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (y fixed, from a to b along x) or vertical (x fixed, a to b along y) line."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    unmapped: int = 0  # characters whose font has no Unicode map
    bottom: float = 0.0  # the crop box's lower edge in user space (usually 0)
    # Quarter turns (clockwise) from user space to the frame the page's text reads upright in: a
    # landscape table drawn sideways on a portrait page and shown with /Rotate (Distiller's
    # auto-rotate). Glyphs and rules are laid out in that frame; `to_user_space` turns the glyph
    # boxes back once the layout is done, so locations and annotations are on the page as drawn.
    turn: int = 0
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, bottom, right, top in user space

    def to_user_space(self) -> None:
        if not self.turn:
            return
        for g in self.glyphs:
            g.x0, g.y0, g.x1, g.y1 = _box_through(_unturn_point, self.turn, self.crop, g.x0, g.y0, g.x1, g.y1)


def _turn_point(turn: int, crop: tuple[float, float, float, float], x: float, y: float) -> tuple[float, float]:
    """A user-space point in the frame turned `turn` quarter turns clockwise (1: text that runs up
    the page reads left to right), with the turned crop box's lower-left corner at the origin."""
    left, bottom, right, top = crop
    if turn == 1:
        return y - bottom, right - x
    if turn == 2:
        return right - x, top - y
    return top - y, x - left


def _unturn_point(turn: int, crop: tuple[float, float, float, float], x: float, y: float) -> tuple[float, float]:
    """`_turn_point` undone: a point of the reading frame in user space."""
    left, bottom, right, top = crop
    if turn == 1:
        return right - y, x + bottom
    if turn == 2:
        return right - x, top - y
    return left + y, top - x


def _box_through(move, turn: int, crop, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """A box with its corners moved by `move` (`_turn_point` or `_unturn_point`)."""
    ax, ay = move(turn, crop, x0, y0)
    bx, by = move(turn, crop, x1, y1)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


_STREAM = patterns.compile(rb"stream(?:\r\n|\n|\r)")
_DEFLATE_MAX_RATIO = 1032  # deflate's best case: 258 bytes from one 2-bit code
_IMAGE = patterns.compile(rb"/Subtype\s*/Image")


def check_streams(data: bytes) -> None:
    """Refuse a PDF with a Flate stream that inflates past the limit, before PDFium inflates it
    whole into memory (a few hundred kilobytes of deflated blanks become gigabytes). Images are
    skipped: reading text never decodes them."""
    import zlib

    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 4096):m.start()]
        head = head[head.rfind(b"<<"):]
        short = MAX_PDF_STREAM_BYTES // _DEFLATE_MAX_RATIO
        end = data.find(b"endstream", m.end(), m.end() + short + 9)  # a bounded look: linear in the file
        if end >= 0 and end - m.end() < short and head.count(b"/FlateDecode") == 1:
            continue  # too short to inflate past the limit even once: not worth inflating to find out
        if b"/FlateDecode" not in head or _IMAGE.search(head):
            continue
        inflater = zlib.decompressobj()
        size, pos = 0, m.end()
        while not inflater.eof and pos < len(data):
            # large pieces: each decompress call runs without the interpreter lock (see
            # _checked_in_background) and needs it back only between pieces
            pending = data[pos:pos + (1 << 20)]
            pos += len(pending)
            try:
                while pending:  # at most 8 MB of output at a time
                    size += len(inflater.decompress(pending, 1 << 23))
                    if size > MAX_PDF_STREAM_BYTES:
                        raise PdfError(f"拒绝读取：第 {m.start()} 字节处的数据流解压后超过 "
                                       f"{MAX_PDF_STREAM_BYTES} 字节（单个数据流的上限）")
                    pending = inflater.unconsumed_tail
            except zlib.error:
                break  # damaged data: PDFium decides what it can read


def _checked_in_background(data: bytes):
    """Start `check_streams` on a thread; the returned function waits for it and raises what it found.
    zlib inflates without the interpreter lock, so a large embedded font is measured while this
    thread imports pypdfium2 (both take some 30 ms), not before it."""
    import threading

    failure: list[PdfError] = []

    def run() -> None:
        try:
            check_streams(data)
        except PdfError as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, name="reportlint-pdf-streams", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if failure:
            raise failure[0]

    return wait


def open_pdf(path: str):
    with open(path, "rb") as fh:
        data = fh.read()
    wait_for_check = _checked_in_background(data)
    import pypdfium2 as pdfium

    wait_for_check()  # nothing reaches PDFium before the check has passed
    try:
        pdf = pdfium.PdfDocument(data)  # the bytes already read, not the file a second time
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise PdfError("PDF 已加密（需要密码才能打开）") from None
        if "format" in reason.lower() or "file" in reason.lower() or "success" in reason.lower():
            # PDFium says "Success" for a document it cannot load, e.g. one whose page tree is empty
            raise PdfError("不是有效的 PDF，或文件已损坏（PDFium 无法载入：没有页面"
                           "或页面树损坏）") from None
        raise PdfError(reason) from None
    count = len(pdf)
    if count == 0:
        pdf.close()
        raise PdfError("PDF 没有页面")
    if count > MAX_PAGES:
        pdf.close()
        raise PdfError(f"拒绝读取：{count} 页（上限 {MAX_PAGES}）")
    return pdf


def read_page(pdf, index: int) -> PageContent:
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        crop = left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            glyphs, unmapped, turn = _glyphs(raw, textpage, crop, index + 1)
        finally:
            textpage.close()
        rules = _rules(raw, page, index + 1)
    finally:
        page.close()
    content = PageContent(index + 1, right - left, top - bottom, glyphs, rules, unmapped, bottom, 0, crop)
    if turn:
        _turn_upright(content, turn)
    return content


_QUARTER = 1.5707963267948966


def _page_turn(calls: "_CharCalls", tp, count: int) -> int:
    """The quarter turns that set most of the page's text upright, from a sample of its characters'
    angles (PDFium measures them clockwise): 0 for a page that reads as drawn."""
    votes = [0, 0, 0, 0]
    for i in range(0, count, max(1, count // 48)):
        angle = calls.angle(tp, i)
        if angle >= 0:
            votes[round(angle / _QUARTER) % 4] += 1
    best = max(range(4), key=votes.__getitem__)
    # PDFium's angle 3π/2 is text running up the page: a quarter turn clockwise reads it
    return (4 - best) % 4 if votes[best] * 2 > sum(votes) else 0


def _turn_upright(content: PageContent, turn: int) -> None:
    """Lay the page out in the frame its text reads upright in (see `PageContent.turn`)."""
    crop = content.crop
    left, _, right, top = crop
    for g in content.glyphs:
        g.x0, g.y0, g.x1, g.y1 = _box_through(_turn_point, turn, crop, g.x0, g.y0, g.x1, g.y1)
        # the baseline was read across the text's direction (an x for text running up or down):
        # it becomes the reading frame's y
        g.baseline = right - g.baseline if turn == 1 else top - g.baseline if turn == 2 else g.baseline - left
        g.size = max(g.y1 - g.y0, 1.0)
    rules = []
    for r in content.rules:
        ends = (r.a, r.pos, r.b, r.pos) if r.horizontal else (r.pos, r.a, r.pos, r.b)
        x0, y0, x1, y1 = _box_through(_turn_point, turn, crop, *ends)
        rules.append(Rule(True, y0, x0, x1) if y1 - y0 < x1 - x0 else Rule(False, x0, y0, y1))
    content.rules = rules
    content.turn = turn
    if turn != 2:
        content.width, content.height = content.height, content.width
    content.bottom = 0.0


def _object_info(calls: "_CharCalls", obj: int, fonts: dict, clips: dict) -> tuple[str, bool, tuple | None]:
    """A text object's font name, whether it is bold, and its clip box grown by 1 pt on each side and
    doubled (to compare with doubled centres), or None when it is not clipped.

    Fonts are read once per font of the page. Objects drawn in the same clipping state share its
    paths (PDFium copies them on write), and a segment handle is a pointer into a path's points: a
    clip state is named by its number of paths and the first segment of its last path (paths are only
    ever appended to a state, or the last one replaced), for as long as the page is loaded. A Word or
    WPS export that draws every character as its own clipped object has a few dozen clips for
    thousands of objects, each walked once."""
    font = calls.font(obj)
    named = fonts.get(font)
    if named is None:
        name = ""
        if font and calls.font_name(font, calls.name, len(calls.name)):
            name = calls.name.value.decode("latin-1").split("+", 1)[-1]  # "ABCDEE+KaiTi" → "KaiTi"
        named = fonts[font] = (name, bool(font) and calls.font_weight(font) >= 600)
    clip = calls.clip_path(obj)
    if not clip:
        return (*named, None)
    paths = calls.count_paths(clip)
    key = (paths, calls.segment(clip, paths - 1, 0)) if paths > 0 else None
    if key is not None and not key[1]:  # an empty last path names nothing: every path's first segment does
        key = (paths, *(calls.segment(clip, k, 0) for k in range(paths)))
    box = clips.get(key, False)
    if box is False:
        box = clips[key] = _doubled_clip(_walk_clip(calls, clip, paths))
    return (*named, box)


def _doubled_clip(clip: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """A clip box grown by 1 pt on each side and doubled, to compare with doubled centres."""
    if clip is None:
        return None
    return (2 * (clip[0] - 1), 2 * (clip[1] - 1), 2 * (clip[2] + 1), 2 * (clip[3] + 1))


def _walk_clip(calls: "_CharCalls", clip: int, paths: int) -> tuple[float, float, float, float] | None:
    x, y, x_p, y_p, segment, point = calls.x, calls.y, calls.x_p, calls.y_p, calls.segment, calls.point
    box = None
    for k in range(paths):
        lo_x = lo_y = float("inf")
        hi_x = hi_y = float("-inf")
        for j in range(calls.count_segments(clip, k)):
            seg = segment(clip, k, j)
            if seg and point(seg, x_p, y_p):
                px, py = x.value, y.value
                lo_x, hi_x = min(lo_x, px), max(hi_x, px)
                lo_y, hi_y = min(lo_y, py), max(hi_y, py)
        if lo_x <= hi_x:
            box = (lo_x, lo_y, hi_x, hi_y) if box is None else (max(box[0], lo_x), max(box[1], lo_y),
                                                                 min(box[2], hi_x), min(box[3], hi_y))
    return box


def _page_text(raw, textpage, count: int) -> str | None:
    """Every character's code in one call; None when the text does not map one unit per character
    (a character outside the BMP), and the caller asks character by character."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * max(0, written - 1)].decode("utf-16-le", "surrogatepass")
    if len(text) != count or any("\ud800" <= ch <= "\udfff" for ch in text):
        return None
    return text


def _untyped(function, restype, *argtypes):
    """The same PDFium function called through plain pointers: pypdfium2's typed wrappers convert
    every argument, which costs more than the call itself when made for every character."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


def _unchecked(function, restype):
    """The same PDFium function with no argument types at all, for the calls made once per character:
    ctypes then passes a Python int as a C int and a ctypes object as what it holds, without a
    conversion step per argument (270 ns a call instead of 440). Every pointer argument must be
    a ctypes object (`c_void_p`), never a Python int, which would be cut to 32 bits."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


class _CharCalls:
    """The per-character PDFium calls, untyped (built once per process)."""

    def __init__(self, raw):
        vp, i = ctypes.c_void_p, ctypes.c_int
        # per character, called as (textpage: c_void_p, index: int, out-pointers: c_void_p)
        self.map_error = _unchecked(raw.FPDFText_HasUnicodeMapError, i)
        self.loose_box = _unchecked(raw.FPDFText_GetLooseCharBox, i)
        self.text_object = _unchecked(raw.FPDFText_GetTextObject, vp)
        self.origin = _unchecked(raw.FPDFText_GetCharOrigin, i)
        self.angle = _unchecked(raw.FPDFText_GetCharAngle, ctypes.c_float)  # a sample per page
        # once per text object: its font and its clip path (Word and WPS exports draw each character
        # as its own object, each clipped: 18 000 clip paths in a 33-page budget)
        self.font = _untyped(raw.FPDFTextObj_GetFont, vp, vp)
        self.font_name = _untyped(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t)
        self.font_weight = _untyped(raw.FPDFFont_GetWeight, i, vp)
        self.clip_path = _untyped(raw.FPDFPageObj_GetClipPath, vp, vp)
        self.count_paths = _untyped(raw.FPDFClipPath_CountPaths, i, vp)
        self.count_segments = _untyped(raw.FPDFClipPath_CountPathSegments, i, vp, i)
        self.segment = _untyped(raw.FPDFClipPath_GetPathSegment, vp, vp, i, i)
        self.point = _untyped(raw.FPDFPathSegment_GetPoint, i, vp, vp, vp)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.x_p, self.y_p = ctypes.addressof(self.x), ctypes.addressof(self.y)
        self.name = ctypes.create_string_buffer(256)


@lru_cache(maxsize=1)
def _char_calls(raw) -> _CharCalls:
    return _CharCalls(raw)


_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom


# A loose box this tall is a title's, or one PDFium measured at the font size before the text
# matrix: its vertical-writing branch does not apply the matrix (a WPS table cell's vertical label,
# 宋体 at 199 scaled by 0.05, comes out a 199 pt box for a 10 pt character).
_HUGE_BOX = 48.0
Box4 = tuple[float, float, float, float]  # x0, y0, x1, y1


def trusted_box(loose: Box4, ink: Box4 | None) -> Box4:
    """Of a huge loose box and the character's ink box, the one that says where the character is:
    the ink, when it is a small part of the loose box both ways (the loose box was measured at the
    wrong size: its centre would put the character in another table cell); else the loose box (a
    large character drawn large, whose ink fills most of it)."""
    if ink is None:
        return loose
    width, height = ink[2] - ink[0], ink[3] - ink[1]
    if width <= 0 or height <= 0 or 3 * width > loose[2] - loose[0] or 3 * height > loose[3] - loose[1]:
        return loose
    return ink


def _ink(raw, textpage, i: int) -> Box4 | None:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _glyphs(raw, textpage, page_box, number: int) -> tuple[list[Glyph], int, int]:
    """The page's drawn characters in user space, how many have no Unicode, and the page's turn
    (`_page_turn`); a glyph's baseline is read across its text's direction."""
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_GLYPHS_PER_PAGE:
        raise PdfError(f"拒绝读取：第 {number} 页有 {count} 个字符（上限 {MAX_GLYPHS_PER_PAGE}）")
    calls = _char_calls(raw)
    left, bottom, right, top = page_box
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    # pointers as ctypes objects, made once: the per-character calls have no argument types
    rect_p, ox_p, oy_p = (ctypes.c_void_p(ctypes.addressof(v)) for v in (rect, ox, oy))
    read_rect = functools.partial(_RECT.unpack_from, memoryview(rect).cast("B"))  # one call, not four fields
    tp = ctypes.cast(textpage, ctypes.c_void_p)
    map_error, loose_box, text_object, origin = calls.map_error, calls.loose_box, calls.text_object, calls.origin
    objects: dict = {}  # text object → (font name, bold, clip box): the same for all its characters
    clips: dict = {}  # clip state → its doubled box (see _object_info)
    fonts: dict = {}  # font → (name, bold)
    out: list[Glyph] = []
    keep = out.append
    unmapped = 0
    turn = _page_turn(calls, tp, count)
    across_x = turn % 2 == 1  # text running up or down the page: its baseline is an x
    text = _page_text(raw, textpage, count)
    if text is None:
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    # centres are compared doubled (x0 + x1 against 2 × the edge): halving and doubling are exact
    left2, bottom2, right2, top2 = 2 * left, 2 * bottom, 2 * right, 2 * top
    last_key, last_y0, last_y1, base = None, 0.0, 0.0, 0.0
    info_key, font, bold, clip2 = None, "", False, None  # the text object whose font and clip these are
    for i, ch in enumerate(text):
        if ch < "!":
            if ch == "\n" or ch == "\r" or ch == " " and raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue  # line breaks, and spaces PDFium inferred: the layout decides those
            if ch == "\0":
                unmapped += 1
                continue
        elif "\ue000" <= ch <= "\uf8ff" or ch == "\ufffe" or ch == "\uffff":
            unmapped += 1
            continue
        if map_error(tp, i) == 1:
            unmapped += 1
            continue
        loose_box(tp, i, rect_p)
        x0, y1, x1, y0 = read_rect()  # left, top, right, bottom
        if y1 < y0:
            y0, y1 = y1, y0
        if y1 - y0 > _HUGE_BOX:
            x0, y0, x1, y1 = trusted_box((x0, y0, x1, y1), _ink(raw, textpage, i))
        sx, sy = x0 + x1, y0 + y1
        if not (left2 <= sx <= right2 and bottom2 <= sy <= top2):
            continue  # drawn off the page
        key = text_object(tp, i)
        if key != info_key:  # not last_key: a character skipped below leaves that one behind
            known = objects.get(key) if key else ("", False, None)
            if known is None:
                known = objects[key] = _object_info(calls, key, fonts, clips)
            font, bold, clip2 = known
            info_key = key
        if clip2 is not None and not (clip2[0] <= sx <= clip2[2] and clip2[1] <= sy <= clip2[3]):
            continue  # clipped away: overflow text nobody sees
        if not (key and key == last_key and y0 == last_y0 and y1 == last_y1):
            # the characters of one text object on one line share its baseline: asked once per run
            origin(tp, i, ox_p, oy_p)
            base = ox.value if across_x else oy.value
        last_key, last_y0, last_y1 = key, y0, y1
        # FPDFText_GetFontSize is the size before the text matrix (WPS writes 360 and scales it down):
        # the loose box's height is the size as drawn.
        size = y1 - y0
        keep(Glyph(ch, x0, y0, x1, y1, base, size if size > 1.0 else 1.0, bold, font, number))
    return out, unmapped, turn


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _PathCalls:
    """The per-object PDFium calls of the path walk, untyped (see `_untyped`; built once per process)."""

    def __init__(self, raw):
        vp, i = ctypes.c_void_p, ctypes.c_int
        self.raw = raw
        self.count_objects = _untyped(raw.FPDFPage_CountObjects, i, vp)
        self.get_object = _untyped(raw.FPDFPage_GetObject, vp, vp, i)
        self.count_form_objects = _untyped(raw.FPDFFormObj_CountObjects, i, vp)
        self.get_form_object = _untyped(raw.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong)
        self.kind = _untyped(raw.FPDFPageObj_GetType, i, vp)
        self.get_matrix = _untyped(raw.FPDFPageObj_GetMatrix, i, vp, vp)
        self.count_segments = _untyped(raw.FPDFPath_CountSegments, i, vp)
        self.segment = _untyped(raw.FPDFPath_GetPathSegment, vp, vp, i)
        self.segment_kind = _untyped(raw.FPDFPathSegment_GetType, i, vp)
        self.segment_closes = _untyped(raw.FPDFPathSegment_GetClose, i, vp)
        self.point = _untyped(raw.FPDFPathSegment_GetPoint, i, vp, vp, vp)
        self.bounds = _untyped(raw.FPDFPageObj_GetBounds, i, vp, vp, vp, vp, vp)
        self.draw_mode = _untyped(raw.FPDFPath_GetDrawMode, i, vp, vp, vp)
        self.fill_color = _untyped(raw.FPDFPageObj_GetFillColor, i, vp, vp, vp, vp, vp)
        self.stroke_color = _untyped(raw.FPDFPageObj_GetStrokeColor, i, vp, vp, vp, vp, vp)
        # out-parameters, reused by every call
        self.matrix = raw.FS_MATRIX()
        self.floats = tuple(ctypes.c_float() for _ in range(4))
        self.ints = tuple(ctypes.c_int() for _ in range(2))
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.matrix_p = ctypes.addressof(self.matrix)
        self.floats_p = tuple(ctypes.addressof(v) for v in self.floats)
        self.ints_p = tuple(ctypes.addressof(v) for v in self.ints)
        self.rgba_p = tuple(ctypes.addressof(v) for v in self.rgba)


@lru_cache(maxsize=1)
def _path_calls(raw) -> _PathCalls:
    return _PathCalls(raw)


def _matrix(calls: _PathCalls, obj: int) -> tuple:
    m = calls.matrix
    if calls.get_matrix(obj, calls.matrix_p):
        return (m.a, m.b, m.c, m.d, m.e, m.f)
    return _IDENTITY


def _visible(calls: _PathCalls, obj: int) -> tuple[bool, bool]:
    """(filled visibly, stroked visibly)."""
    fillmode, stroke = calls.ints
    if not calls.draw_mode(obj, *calls.ints_p):
        return False, False
    r, g, b, a = calls.rgba

    def dark(getter) -> bool:
        if not getter(obj, *calls.rgba_p):
            return True
        return a.value > 0 and min(r.value, g.value, b.value) < _WHITE

    return (fillmode.value != 0 and dark(calls.fill_color), bool(stroke.value) and dark(calls.stroke_color))


def _rules(raw, page, number: int) -> list[Rule]:
    calls = _path_calls(raw)
    form, path = raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH
    out: list[Rule] = []
    budget = [MAX_PATH_SEGMENTS_PER_PAGE]

    def walk(container: int, count, get, matrix, depth: int) -> None:
        for k in range(count(container)):
            obj = get(container, k)
            kind = calls.kind(obj)
            if kind == form and depth < 8:
                m = _compose(_matrix(calls, obj), matrix)
                walk(obj, calls.count_form_objects, calls.get_form_object, m, depth + 1)
            elif kind == path:
                if depth == 0 and _bounds_rule(calls, obj, out, budget):
                    continue
                _path_rules(calls, obj, _compose(_matrix(calls, obj), matrix), out, budget)

    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    walk(handle, calls.count_objects, calls.get_object, _IDENTITY, 0)
    return out


def _bounds_rule(calls: _PathCalls, obj: int, out: list[Rule], budget: list[int]) -> bool:
    """The common cases, answered from the object's page-space bounds without walking its points:
    a path of one straight segment (Excel and Word draw each cell border so), and a thin rectangle
    only filled (WPS draws them so). False when the path needs the full walk."""
    n = calls.count_segments(obj)
    if not 2 <= n <= 5 or n == 3:
        return False
    lineto = calls.raw.FPDF_SEGMENT_LINETO
    for k in range(1, n):
        seg = calls.segment(obj, k)
        if not seg or calls.segment_kind(seg) != lineto:
            return False
    left, bottom, right, top = calls.floats
    if not calls.bounds(obj, *calls.floats_p):
        return False
    w, h = right.value - left.value, top.value - bottom.value
    if w >= _RULE_THICKNESS and h >= _RULE_THICKNESS:
        return False  # a diagonal or a box: the walk decides
    filled, stroked = _visible(calls, obj)
    if n > 2 and stroked:
        return False  # the bounds of a stroked outline hold half its line width
    budget[0] -= n
    if budget[0] < 0 or not (filled or stroked):
        return True
    _add_bar(out, left.value, bottom.value, right.value, top.value)
    return True


def _add_bar(out: list[Rule], x0: float, y0: float, x1: float, y1: float) -> None:
    """A thin box (a filled bar, a stroked line's bounds) is one rule along its length."""
    if x1 - x0 >= y1 - y0 and x1 - x0 > 2:
        out.append(Rule(True, (y0 + y1) / 2, x0, x1))
    elif y1 - y0 > 2:
        out.append(Rule(False, (x0 + x1) / 2, y0, y1))


def _path_rules(calls: _PathCalls, obj: int, matrix: tuple, out: list[Rule], budget: list[int]) -> None:
    filled, stroked = _visible(calls, obj)
    if not (filled or stroked):
        return
    n = calls.count_segments(obj)
    budget[0] -= n
    if budget[0] < 0:
        return  # a page of hundreds of thousands of path segments is a drawing, not a table
    a, b, c, d, e, f = matrix
    x, y = calls.floats[:2]
    x_p, y_p = calls.floats_p[:2]
    segment, point, segment_kind, segment_closes = calls.segment, calls.point, calls.segment_kind, calls.segment_closes
    points: list[tuple[float, float, int, bool]] = []
    for k in range(n):
        seg = segment(obj, k)
        if not seg or not point(seg, x_p, y_p):
            continue
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append((px, py, segment_kind(seg), bool(segment_closes(seg))))
    moveto, bezierto = calls.raw.FPDF_SEGMENT_MOVETO, calls.raw.FPDF_SEGMENT_BEZIERTO
    subpaths: list[list[tuple[float, float]]] = []
    curves = False
    for px, py, kind, close in points:
        if kind == moveto or not subpaths:
            subpaths.append([(px, py)])
        else:
            curves |= kind == bezierto
            subpaths[-1].append((px, py))
        if close and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    if curves:
        return  # rounded shapes and glyph outlines are not table rules
    for sub in subpaths:
        xs, ys = [p[0] for p in sub], [p[1] for p in sub]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if filled and len(sub) >= 4 and (w < _RULE_THICKNESS or h < _RULE_THICKNESS):
            _add_bar(out, min(xs), min(ys), max(xs), max(ys))
            continue
        if not stroked and not filled:
            continue
        for (x0, y0), (x1, y1) in zip(sub, sub[1:]):
            if abs(y1 - y0) < 0.8 and abs(x1 - x0) > 2:
                out.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) < 0.8 and abs(y1 - y0) > 2:
                out.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
