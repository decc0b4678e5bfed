"""`reportlint extract`: print what the reader and the extractors saw."""
from __future__ import annotations

import json

from ..model import Document, Heading, Paragraph, Table


def _quantity(q, text: str) -> dict:
    return {"text": text[q.start:q.end], "value": str(q.value), "unit": q.unit, "kind": q.kind,
            "decimals": q.decimals, "approx": q.approx, "start": q.start, "end": q.end}


def _date(d, text: str) -> dict:
    return {"text": text[d.start:d.end], "kind": d.kind, "year": d.year, "month": d.month, "day": d.day,
            "end_year": d.end_year, "end_month": d.end_month, "end_day": d.end_day}


def to_json(document: Document) -> dict:
    facts = document.facts
    blocks = []
    for block in document.blocks:
        units = facts.by_block.get(block.index, [])
        line, col = block.text.position(0)
        entry: dict = {"block": block.index, "kind": block.kind, "line": line, "column": col}
        if isinstance(block, Table):
            entry["layout"] = block.layout
            entry["rows"] = [[{"text": c.value, "col": c.col, "row_span": c.row_span, "col_span": c.col_span}
                              for c in row] for row in block.rows]
            if block.parent:
                entry["parent"] = {"block": block.parent[0], "row": block.parent[1] + 1, "cell": block.parent[2] + 1}
        else:
            entry["text"] = block.text.value
            if block.label is not None:
                entry["label"] = block.label.text()
            if isinstance(block, Heading):
                entry.update(level=block.level, title=block.title, level_source=block.level_source)
        entry["quantities"] = [_quantity(q, u.text) for u in units for q in u.quantities]
        entry["dates"] = [_date(d, u.text) for u in units for d in u.dates]
        blocks.append(entry)
    return {"path": document.path, "format": document.format, "period": facts.period, "blocks": blocks}


def render_extract(document: Document, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json(document), ensure_ascii=False, indent=2) + "\n"
    out = [f"{document.path} ({document.format}), 报告年度: {document.facts.period or '未知'}"]
    for block in document.blocks:
        units = document.facts.by_block.get(block.index, [])
        line, _ = block.text.position(0)
        region = block.text.region(0, 1)
        if region:  # a PDF: the page, then the line on it
            line = f"{line}".ljust(4) + f" p{region[0]}"
        if isinstance(block, Heading):
            label = f"[{block.label.text()}] " if block.label else ""
            out.append(f"{block.index:4} H{block.level} L{line:<4} {label}{block.title}")
        elif isinstance(block, Paragraph):
            label = f"[{block.label.text()}] " if block.label else ""
            # TC: an entry of the table of contents; TR: a table row drawn without rules, read as text
            kind = {"toc": "TC", "columns": "TR"}.get(block.role, "P ")
            out.append(f"{block.index:4} {kind} L{line:<4} {label}{block.text.value}")
        else:
            out.append(f"{block.index:4} T  L{line:<4} {block.layout}, {len(block.rows)} 行")
            for r, row in enumerate(block.rows, 1):
                cells = " | ".join(c.value.replace("\n", "⏎") +
                                   (f"⟨{c.row_span}×{c.col_span}⟩" if c.row_span > 1 or c.col_span > 1 else "")
                                   for c in row)
                out.append(f"         {r:3}: {cells}")
        qs = [u.text[q.start:q.end] for u in units for q in u.quantities]
        if qs:
            out.append("         数值: " + "；".join(qs))
        ds = [u.text[d.start:d.end] for u in units for d in u.dates]
        if ds:
            out.append("         日期: " + "；".join(ds))
    return "\n".join(out) + "\n"
