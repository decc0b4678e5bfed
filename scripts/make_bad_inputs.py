#!/usr/bin/env python3
"""Generate broken and hostile inputs (the tests build them in a temporary folder).

    python scripts/make_bad_inputs.py fixtures/bad

Each file must make `reportlint check` print one line naming it and the cause, exit 2, and leave
the other files of the run checked.
"""
from __future__ import annotations

import os
import random
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOOD_DOCX = os.path.join(ROOT, "fixtures", "docx", "tracked_changes.docx")


def _rezip(target: str, change) -> None:
    """Copy the good fixture, letting change(name, data) alter or drop (None) each member."""
    _rezip_from(GOOD_DOCX, target, change)


def _nested_tables(depth: int) -> bytes:
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{inner}</w:body></w:document>'.encode()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
                             for i in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
XXE = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AUTONUMBER_DOCX = os.path.join(ROOT, "fixtures", "docx", "autonumber_selfeval_2022.docx")


def _rezip_from(source: str, target: str, change) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item.filename, data)


def build_odd(folder: str) -> list[str]:
    """Structurally odd .docx files Word would still open: read (or refused) in one line, never a crash."""
    os.makedirs(folder, exist_ok=True)
    made = []

    def numbering(name: str, old: bytes, new: bytes) -> None:
        _rezip_from(AUTONUMBER_DOCX, os.path.join(folder, name),
                    lambda n, d: d.replace(old, new) if n == "word/numbering.xml" else d)
        made.append(name)

    numbering("start-not-a-number.docx", b'<w:start w:val="1"/>', b'<w:start w:val="abc"/>')
    numbering("ilvl-not-a-number.docx", b'w:ilvl="0"', b'w:ilvl="x"')
    numbering("start-5001-digits.docx", b'<w:start w:val="1"/>', b'<w:start w:val="' + b"9" * 5001 + b'"/>')
    numbering("start-10e12.docx", b'<w:start w:val="1"/>', b'<w:start w:val="1000000000000"/>')
    return made


def build(folder: str, bomb_mb: int = 300, long_line_mb: int = 50) -> dict[str, str]:
    """Write every bad input into `folder`; returns name → the cause the error line must name."""
    os.makedirs(folder, exist_ok=True)
    rnd = random.Random(7)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, cause: str) -> None:
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(data)
        expect[name] = cause

    put("empty.docx", b"", "空文件")
    put("empty.txt", b"", "")  # an empty text report is readable: no error, no finding
    del expect["empty.txt"]
    put("random.docx", bytes(rnd.getrandbits(8) for _ in range(4096)), "不是有效的 .docx")
    good = open(GOOD_DOCX, "rb").read()
    put("truncated.docx", good[: len(good) // 2], "不是有效的 .docx")
    put("encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088), "OLE 复合文件")
    put("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088), "旧版 .doc")
    _rezip(os.path.join(folder, "no-document.docx"), lambda n, d: None if n == "word/document.xml" else d)
    expect["no-document.docx"] = "word/document.xml"
    _rezip(os.path.join(folder, "malformed.docx"),
           lambda n, d: d[: len(d) // 2] if n == "word/document.xml" else d)
    expect["malformed.docx"] = "XML 格式错误"
    _rezip(os.path.join(folder, "billion-laughs.docx"), lambda n, d: BILLION_LAUGHS if n == "word/document.xml" else d)
    expect["billion-laughs.docx"] = "DOCTYPE"
    _rezip(os.path.join(folder, "xxe.docx"), lambda n, d: XXE if n == "word/document.xml" else d)
    expect["xxe.docx"] = "DOCTYPE"
    _rezip(os.path.join(folder, "nested-tables.docx"),
           lambda n, d: _nested_tables(200) if n == "word/document.xml" else d)
    expect["nested-tables.docx"] = "depth"
    _rezip(os.path.join(folder, "root-not-document.docx"), lambda n, d: (
        f'<?xml version="1.0"?><w:body {W_NS}><w:p/></w:body>'.encode() if n == "word/document.xml" else d))
    expect["root-not-document.docx"] = "w:document"
    _rezip(os.path.join(folder, "document-without-body.docx"), lambda n, d: (
        f'<?xml version="1.0"?><w:document {W_NS}></w:document>'.encode() if n == "word/document.xml" else d))
    expect["document-without-body.docx"] = "w:body"
    # a zip bomb: one member that inflates to hundreds of megabytes of zeros
    bomb = os.path.join(folder, "zip-bomb.docx")
    with zipfile.ZipFile(GOOD_DOCX) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item.filename, src.read(item.filename))
        with dst.open("word/document.xml", "w") as part:
            chunk = bytes(1 << 20)
            for _ in range(bomb_mb):
                part.write(chunk)
    expect["zip-bomb.docx"] = "解压后"
    # an XML part past the limit that compresses like real text (no zip-bomb ratio): 200 MB would
    # pass every ratio guard and exhaust memory in lxml
    para = "<w:p><w:r><w:t>一般公共预算财政拨款支出1234.56万元，比上年增加12.3万元。</w:t></w:r></w:p>"
    _rezip(os.path.join(folder, "xml-part-over-limit.docx"), lambda n, d: (
        d.replace(b"<w:body>", b"<w:body>" + para.encode() * (70 * (1 << 20) // len(para.encode())), 1)
        if n == "word/document.xml" else d))
    expect["xml-part-over-limit.docx"] = "单个 XML 部件"
    _rezip(os.path.join(folder, "huge-paragraph.docx"), lambda n, d: (
        d.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>" + "收入为123.45万元，".encode() * 6000
                  + b"</w:t></w:r></w:p>", 1) if n == "word/document.xml" else d))
    expect["huge-paragraph.docx"] = "字符"
    put("million-lines.txt", "短行。\n".encode() * 1_000_000, "行（上限")
    put("latin1.txt", "Café déjà vu — naïve résumé, €100\n".encode("cp1252") * 50, "文本编码")
    put("binary.txt", bytes(rnd.getrandbits(8) for _ in range(8192)) + b"\x00", "不是文本文件")
    with open(os.path.join(folder, "long-line.txt"), "wb") as fh:
        piece = "预算执行情况良好".encode() * 4096
        for _ in range(long_line_mb * (1 << 20) // len(piece)):
            fh.write(piece)
    expect["long-line.txt"] = "个字符"
    expect.update(build_pdfs(folder))
    return expect


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its objects (numbered from 1; object 1 is the catalog), with its xref."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _stream(data: bytes, blanks_mb: int = 0) -> bytes:
    """A Flate stream of `data`, then `blanks_mb` megabytes of spaces (deflated a megabyte at a
    time, so that building a bomb never holds it)."""
    packer = zlib.compressobj(9)
    packed = packer.compress(data)
    blank = b" " * (1 << 20)
    for _ in range(blanks_mb):
        packed += packer.compress(blank)
    packed += packer.flush()
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"


def _one_page(content: bytes, font: bytes = _HELVETICA, blanks_mb: int = 0) -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", font,
                 _stream(content, blanks_mb), _PAGE])


def build_pdfs(folder: str) -> dict[str, str]:
    """Hostile PDFs: name → the cause the error line must name."""
    os.makedirs(folder, exist_ok=True)
    pages = 10_000
    files = {
        "zero-pages.pdf": (_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
                           "没有页面"),
        "ten-thousand-pages.pdf": (_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                         ("<< /Type /Pages /Kids [" + " ".join(f"{5 + i} 0 R" for i in range(pages))
                                          + f"] /Count {pages} >>").encode(), _HELVETICA,
                                         _stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET")] + [_PAGE] * pages),
                                   "页（上限"),
        # PDFium caps one string at 32 767 characters: forty strings of 25 000
        "million-glyphs.pdf": (_one_page(b"BT /F1 1 Tf 10 10 Td " + (b"(" + b"a" * 25_000 + b") Tj 0 1 Td ") * 40
                                         + b" ET"), "个字符（上限"),
        "inflating-stream.pdf": (_one_page(b"BT /F1 12 Tf 72 700 Td (x) Tj ET ", blanks_mb=400),
                                 "解压后超过"),
        "no-unicode-map.pdf": (_one_page(b"BT /F1 12 Tf 72 700 Td (ABCDEFGHIJ ABCDEFGHIJ) Tj ET",
                                         b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type "
                                         b"/Encoding /Differences [32 /g032 65 /g065 /g066 /g067 /g068 /g069 /g070 "
                                         b"/g071 /g072 /g073 /g074] >> >>"), "Unicode 映射"),
    }
    for name, (data, _) in files.items():
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(data)
    return {name: cause for name, (_, cause) in files.items()}


def build_heavy(folder: str) -> list[str]:
    """Readable inputs that once took minutes or crashed a rule: each must finish in seconds."""
    os.makedirs(folder, exist_ok=True)
    letters = [chr(ord("A") + i) for i in range(26)]
    files = {
        # a rate column whose formula names 3 of 26 lettered columns (was evaluated at 2^26 corners)
        "formula-26-columns.md": "# 表\n\n| 项目 | " + " | ".join(f"({c})" for c in letters) + " | 率((A-B)/C) |\n"
        + "|" + "---|" * 28 + "\n| 甲 | " + " | ".join(str(i + 1) for i in range(26)) + " | 5.00% |\n",
        "comments-one-line.txt": "<!--a-->" * 26 + "\n" + "<!--a--" * 3000 + "\n",  # exponential once
        "unclosed-directives.txt": "<!-- reportlint-disable " * 2000 + "\n收入10万元。\n",
        "verbs-before-amount.txt": "一、情况\n\n支出" + "为" * 4000 + "12万元。\n",
        "numbering-past-99.txt": "".join(f"{_cn(n)}、标题{n}\n\n内容。\n\n" for n in range(1, 102)),
        "unicode-16-digits.txt": "一、标题\n\n收入\U0001E5F1\U0001E5F2万元，其中甲1万元。增长\U0001E5F3%。\n\n"
                                 "二、\U0001E5F1、标题\n",
        # one sentence of 48 000 characters without a stop: the item scans were cubic in it
        "long-sentence.txt": "一、标题\n\n" + "其中办公费为123.45万元，差旅费为12万元，" * 1800 + "\n",
        "nested-parentheses.txt": "一、标题\n\n" + "（" * 20000 + "收入1万元" + "）" * 20000 + "\n",
        "markers-in-parentheses.txt": "一、标题\n\n" + "其中（甲1万元，" * 5000 + "\n",
        # the list before 分别, from-to pairs and 一是/二是 markers, each many times in one line
        "respectively-lists.txt": "一、标题\n\n" + "甲、" * 10000 + "分别增长1%、2%。" + "甲、乙分别" * 4000 + "\n",
        "from-to-pairs.txt": "一、标题\n\n" + "由1万元增加到2万元，增长100%，从" * 2400 + "\n",
        "spaces-in-a-line.txt": "一、标题\n\n甲" + " " * 40000 + "乙\n",  # the TOC leader pattern was cubic in it
        "years-in-a-line.txt": "一、标题\n\n" + "2023年" * 8000 + "\n",  # each date was checked against every other
        "enumerations.txt": "一、标题\n\n" + "；一是" * 8000 + " " * 20000 + "二是\n",
    }
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    return sorted(files)


def _cn(n: int) -> str:
    from reportlint.extract.cnnum import to_cn

    return to_cn(n)


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "bad")
    for name, cause in sorted(build(target).items()):
        print(f"{name}: {cause}")
    for name in build_odd(target) + build_heavy(target):
        print(f"{name}: read without error")
