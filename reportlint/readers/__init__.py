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
        raise ReadError(path, "refused: nesting too deep") from None
    except MemoryError:
        raise ReadError(path, "refused: the document does not fit in memory") from None
    except Exception as exc:  # a structure no reader anticipated: one line for this file, the run goes on
        reason = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise ReadError(path, f"cannot read the document ({type(exc).__name__}{': ' + reason if reason else ''})") from None


def _read(path: str) -> Document:
    lower = path.lower()
    if not lower.endswith(SUFFIXES):
        if lower.endswith(".doc"):
            raise ReadError(path, "legacy .doc (Word 97-2003) is not supported; save it as .docx")
        raise ReadError(path, "unsupported file type (expected .docx, .pdf, .md or .txt)")
    try:
        if os.path.isdir(path):
            raise ReadError(path, "is a directory")
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ReadError(path, "not a regular file (a FIFO, a device or a socket); refused")
        size = os.path.getsize(path)
        if lower.endswith(DOCX_SUFFIXES):
            from .docx import read_docx  # python-docx and lxml load only for .docx input

            return read_docx(path)
        if lower.endswith(PDF_SUFFIXES):
            if size > MAX_PDF_BYTES:
                raise ReadError(path, f"file too large ({size} bytes; the limit is {MAX_PDF_BYTES})")
            if size == 0:
                raise ReadError(path, "empty file")
            from .pdf import read_pdf  # pypdfium2 loads only for PDF input

            return read_pdf(path)
        if size > MAX_TEXT_BYTES:
            raise ReadError(path, f"file too large ({size} bytes; the limit is {MAX_TEXT_BYTES})")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory") from None
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    from .text import read_text

    return read_text(path, data)
