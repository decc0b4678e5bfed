"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""
from __future__ import annotations

from . import FileResult, place_worth_saying

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_prop(r.path)},title=reportlint::{_data(r.error)}")
        for f in r.findings:
            loc = f.location
            props = (f"file={_prop(f.path)},line={loc.line},col={loc.column},endLine={loc.end_line},"
                     f"endColumn={loc.end_column},title={_prop(f.rule + ' ' + f.name)}")
            message = f.message
            if f.comparison():
                message += f"（{f.comparison()}）"
            place = place_worth_saying(r, f)
            if place:
                message += f"\n位置：{place}"  # the page, Word heading path or table cell
            lines.append(f"::{_LEVEL[f.severity]} {props}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
