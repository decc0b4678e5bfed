"""Human output: `path:line:col: CODE [severity] message`, the evidence with a caret underline."""
from __future__ import annotations

from collections import Counter

from ..findings import SEVERITY_NAMES, Finding, display_width, printable
from . import FileResult, place_worth_saying, summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m",
           "reset": "\033[0m"}


def _c(text: str, key: str, color: bool) -> str:
    return f"{_COLORS[key]}{text}{_COLORS['reset']}" if color else text


def _source_line(result: FileResult, f: Finding) -> tuple[str, int, int] | None:
    """(line text, start column, end column) to underline, for single-line evidence."""
    lines = result.lines
    loc = f.location
    if lines and 0 < loc.line <= len(lines) and loc.line == loc.end_line:
        return lines[loc.line - 1].replace("\t", " "), loc.column, loc.end_column
    if not lines and f.context is not None and "\n" not in f.context[0]:  # Word, PDF: the sentence around it
        text, start, end = f.context
        return text.replace("\t", " "), start + 1, end + 1
    if f.evidence and "\n" not in f.evidence:
        return f.evidence.replace("\t", " "), 1, len(f.evidence) + 1
    return None


def _excerpt(line: str, start: int, end: int, width: int = 60) -> tuple[str, int, int]:
    """Cut a long line around [start, end) (1-based columns) so the evidence stays in view."""
    lo = max(0, start - 1 - width // 2)
    hi = min(len(line), max(end - 1, start) + width // 2)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    return prefix + line[lo:hi] + suffix, start - lo + len(prefix), end - lo + len(prefix)


def _place(loc) -> str:
    return f"p{loc.page}:{loc.line}:{loc.column}" if loc.page is not None else f"{loc.line}:{loc.column}"


def render_finding(result: FileResult, f: Finding, color: bool, concise: bool) -> list[str]:
    loc = f.location
    # PDF: the page first ("report.pdf:p12:3:5" = page 12, line 3 of that page, column 5)
    # `path:line:col: ` first and nothing inside it, so editors' problem matchers find the place;
    # what a reader of Word or a PDF looks for (heading path, 第N段, page, table cell) follows.
    where = f"{f.path}:{_place(loc)}"
    name = SEVERITY_NAMES[f.severity]
    head = f"{_c(where, 'bold', color)}: {_c(f.rule, f.severity, color)} [{name}] {printable(f.message)}"
    place = place_worth_saying(result, f)
    if concise:
        return [head + (f"（{printable(place)}）" if place else "")]
    out = [head]
    if place:
        out.append(f"    {_c('位置', 'dim', color)}：{printable(place)}")
    src = _source_line(result, f)
    if src is not None:
        line, start, end = _excerpt(*src)
        pad = display_width(printable(line[:start - 1]))
        mark = max(1, display_width(printable(line[start - 1:end - 1])))
        out.append(f"    {printable(line)}")
        out.append("    " + " " * pad + _c("^" * mark, f.severity, color))
    if f.comparison():
        out.append(f"    {printable(f.comparison())}")
    for rel in f.related[:6]:
        rl = rel.location
        text = rel.evidence if len(rel.evidence) <= 40 else rel.evidence[:40] + "…"
        out.append(f"    {_c('相关', 'dim', color)}：{printable(rl.where or _place(rl))} {printable(text)}")
    if len(f.related) > 6:
        out.append(f"    {_c('相关', 'dim', color)}：…另 {len(f.related) - 6} 处")
    return out


def render_text(results: list[FileResult], color: bool = False, concise: bool = False, statistics: bool = False) -> str:
    lines: list[str] = []
    for result in results if not statistics else ():  # --statistics: the counts alone, as ruff
        for f in result.findings:
            lines.extend(render_finding(result, f, color, concise))
            if not concise:
                lines.append("")
    if statistics:
        counts = Counter((f.rule, f.name) for r in results for f in r.findings)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:5d}  {code:<7} {name}")
    lines.append(summary_line(summary(results)))
    return "\n".join(lines) + "\n"


def summary_line(s: dict) -> str:
    """One line; files that could not be read are counted apart, never as "no problems"."""
    by = s["by_severity"]
    read = s["files"] - s["errors"]
    unread = f"，{s['errors']} 个文件无法读取" if s["errors"] else ""
    if s["findings"]:
        return (f"共 {s['findings']} 个问题（错误 {by['error']}，警告 {by['warning']}，提示 {by['info']}），"
                f"检查了 {read} 个文件{unread}。")
    if not read:
        return f"没有检查任何文件{unread}。"
    return f"未发现问题，检查了 {read} 个文件{unread}。"
