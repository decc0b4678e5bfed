"""File → Document. One entry point, `read_document`, and one error type, `ReadError`."""
from __future__ import annotations

import os
import stat

from ..model import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES
from .limits import MAX_PDF_BYTES, MAX_TEXT_BYTES


class ReadError(Exception):
    """An input reportlint cannot read; the message is one line naming the cause."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_document(path: str) -> Document:
    """Read any supported file; whatever goes wrong is one ReadError naming the cause, never a traceback."""
    try:
        return _read(path)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(path, "拒绝读取：嵌套过深") from None
    except MemoryError:
        raise ReadError(path, "拒绝读取：文档超出可用内存") from None
    except Exception as exc:  # a structure no reader anticipated: one line for this file, the run goes on
        reason = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise ReadError(path, f"无法读取此文档（{type(exc).__name__}{'：' + reason if reason else ''}）") from None


def _read(path: str) -> Document:
    lower = path.lower()
    if not lower.endswith(SUFFIXES):
        if lower.endswith(".doc"):
            raise ReadError(path, "不支持旧版 .doc（Word 97-2003）格式；请另存为 .docx")
        raise ReadError(path, "不支持的文件类型（应为 .docx、.pdf、.md 或 .txt）")
    try:
        if os.path.isdir(path):
            raise ReadError(path, "是文件夹")
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ReadError(path, "不是普通文件（管道、设备或套接字）；拒绝读取")
        size = os.path.getsize(path)
        if lower.endswith(DOCX_SUFFIXES):
            from .docx import (
                read_docx,  # python-docx and lxml load only for .docx input
            )

            return read_docx(path)
        if lower.endswith(PDF_SUFFIXES):
            if size > MAX_PDF_BYTES:
                raise ReadError(path, f"文件过大（{size} 字节；上限 {MAX_PDF_BYTES}）")
            if size == 0:
                raise ReadError(path, "空文件")
            from .pdf import read_pdf  # pypdfium2 loads only for PDF input

            return read_pdf(path)
        if size > MAX_TEXT_BYTES:
            raise ReadError(path, f"文件过大（{size} 字节；上限 {MAX_TEXT_BYTES}）")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except PermissionError:
        raise ReadError(path, "没有读取权限") from None
    except IsADirectoryError:
        raise ReadError(path, "是文件夹") from None
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    from .text import read_text

    return read_text(path, data)
