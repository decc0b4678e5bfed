"""SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, VS Code SARIF viewer).

Columns are Unicode code points (`columnKind`); for .docx, lines are block numbers. Each result
carries the finding fingerprint as a partial fingerprint, so results track across edits.
"""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Location
from ..registry import all_rules
from . import FileResult

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    rel = os.path.relpath(os.path.abspath(path)) if not path.startswith("..") else path
    # a URI: spaces, non-ASCII and reserved characters percent-encoded (RFC 3986), "/" kept
    return quote(rel.replace(os.sep, "/").encode("utf-8", "surrogateescape"), safe="/")


def _region(loc: Location, evidence: str | None = None) -> dict:
    region = {"startLine": max(1, loc.line), "startColumn": max(1, loc.column),
              "endLine": max(1, loc.end_line, loc.line),
              "endColumn": max(1, loc.end_column if loc.end_line > loc.line else max(loc.end_column, loc.column))}
    if evidence:
        region["snippet"] = {"text": evidence}
    return region


def _location(path: str, loc: Location, evidence: str | None, message: str | None = None, ident: int | None = None):
    out = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": _region(loc, evidence)}}
    if ident is not None:
        out["id"] = ident
    if message:
        out["message"] = {"text": message}
    properties = {"block": loc.block, "where": loc.where} if loc.where else {"block": loc.block}
    if loc.table is not None:
        properties.update(table=loc.table, row=loc.row, cell=loc.cell)
    if loc.page is not None:
        properties.update(page=loc.page, box=list(loc.box) if loc.box else None)
    out["properties"] = properties
    return out


def _result(f: Finding, index: dict[str, int]) -> dict:
    text = f.message
    if f.comparison():
        text += f"（{f.comparison()}）"
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(f.path, f.location, f.evidence)],
        "partialFingerprints": {"reportlintFingerprint/v1": f.fingerprint},
        "properties": {"category": f.category, "expected": f.expected, "actual": f.actual},
    }
    if f.related:
        result["relatedLocations"] = [_location(f.path, r.location, r.evidence, r.note, k + 1)
                                      for k, r in enumerate(f.related)]
    return result


def render_sarif(results: list[FileResult]) -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "reportlint",
        "version": __version__,
        "informationUri": "https://github.com/reportlint/reportlint",
        "rules": [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.what},
            "help": {"text": f"{r.what}\n为什么：{r.why}\n错误示例：{r.bad}\n正确写法：{r.good}\n选项：{r.options}"},
            "helpUri": r.url,
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"category": r.category},
        } for r in rules],
    }
    notifications = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]}
                     for r in results if r.error]
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": [_result(f, index) for r in results for f in r.findings],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
