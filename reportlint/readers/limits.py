"""What reportlint reads at most, in one place (the README lists them). Past a limit a file is
refused with one line: a document that big is not a report, and reading on would cost unbounded
time or memory."""
from __future__ import annotations

MAX_TEXT_BYTES = 64 * 1024 * 1024  # a .txt/.md file
MAX_PDF_BYTES = 256 * 1024 * 1024  # a .pdf file
MAX_PARAGRAPH_CHARS = 50_000  # one text line, .docx paragraph or table cell (a report paragraph is ~2 000)
MAX_BLOCKS = 100_000  # text lines, or .docx paragraphs (in tables too): ~3 000 pages
MAX_XML_PART_BYTES = 64 * 1024 * 1024  # one .docx XML part after inflation (lxml needs ~7× that)
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all .docx parts after inflation
MAX_RATIO = 200  # a part that inflates more than this per byte (and past 10 MB) is a zip bomb
MAX_TABLE_DEPTH = 32  # tables nested deeper than this are not a report
MAX_PAGES = 3000  # PDF pages
MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024  # one Flate stream (content, font, object stream) inflated
MAX_GLYPHS_PER_PAGE = 100_000
MAX_PATH_SEGMENTS_PER_PAGE = 200_000
