"""Output formats. Each emitter turns a run's results into one string."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import SEVERITIES, Finding
from ..model import Document


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    document: Document | None = None  # kept for formats that show the whole text (html)
    lines: list[str] = field(default_factory=list)  # text files' source lines, for the caret display


def place_worth_saying(result: FileResult, f: Finding) -> str:
    """The reader's place of a finding (Location.where) when `path:line:col` does not already say
    it: always for Word and PDF (no lines of their own), and for a table cell; "" otherwise."""
    loc = f.location
    return loc.where if loc.where and (loc.table is not None or not result.lines) else ""


def summary(results: list[FileResult]) -> dict:
    by = {s: 0 for s in reversed(SEVERITIES)}
    for r in results:
        for f in r.findings:
            by[f.severity] += 1
    return {"files": len(results), "findings": sum(by.values()), "by_severity": by,
            "errors": sum(1 for r in results if r.error)}


FORMATS = ("text", "concise", "json", "github", "sarif", "html")


def render(fmt: str, results: list[FileResult], color: bool = False, statistics: bool = False) -> str:
    if fmt == "json":
        from .json_out import render_json

        return render_json(results)
    if fmt == "github":
        from .github import render_github

        return render_github(results)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(results)
    if fmt == "html":
        from .html import render_html

        return render_html(results)
    from .text import render_text

    return render_text(results, color=color, concise=fmt == "concise", statistics=statistics)
