"""Inline suppressions, as markdownlint and ruff do them.

In .md/.txt:
    <!-- reportlint-disable SUM001 -- reason -->   … <!-- reportlint-enable SUM001 -->
    <!-- reportlint-disable-next-line DAT001 -->
    <!-- reportlint-disable-file DUP -->
A directive without codes covers every rule; codes may be family prefixes (SUM).
In .docx: a Word comment whose text starts "reportlint-disable CODE" silences CODE over the
commented range (whole paragraphs or cells it touches).
Suppressions that silence nothing are reported as RL100 (info).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import patterns, registry
from .config import Config
from .findings import Finding, Location, fingerprint
from .model import Document

_CODE_SEPARATOR = patterns.compile(r"[\s,]+")
_DIRECTIVE_HEAD = patterns.compile(r"\s*+reportlint-(disable-next-line|disable-file|disable|enable)\b")
_REASON = patterns.compile(r"\s--")
_DOCX_DIRECTIVE = patterns.compile(r"\s*+reportlint-disable\b")  # a Word comment's text


def _without_reason(rest: str) -> str:
    """The codes of a directive: what comes before its " -- reason"."""
    reason = _REASON.search(rest)
    return rest[:reason.start()] if reason else rest


def directives(line: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, codes) of each `<!-- reportlint-… -->` on a line. Found with str.find, one
    pass: a line of thousands of unclosed openers costs no more than its length."""
    pos = 0
    while (start := line.find("<!--", pos)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            return
        nested = line.rfind("<!--", start + 4, end)
        if nested != -1:
            start = nested  # "<!-- <!-- reportlint-disable -->": the innermost opener counts
        body = line[start + 4:end]
        head = _DIRECTIVE_HEAD.match(body)
        if head:
            codes = _without_reason(body[head.end():])
            if ">" not in codes:
                yield start, head.group(1), codes
        pos = end + 3


@dataclass
class Suppression:
    kind: str  # "range", "next-line", "file"
    codes: tuple[str, ...]  # empty = all rules
    first: int  # first line covered (text) or first block (docx)
    last: int
    line: int  # where the directive is written
    column: int = 1
    used: bool = False

    def covers(self, f: Finding) -> bool:
        if self.codes and not registry.matches(f.rule, self.codes):
            return False
        return self.kind == "file" or self.first <= f.location.line <= self.last


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c.upper() for c in _CODE_SEPARATOR.split(raw.strip()) if c)


def text_suppressions(lines: list[str]) -> list[Suppression]:
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for no, line in enumerate(lines, 1):
        for offset, kind, raw_codes in directives(line):
            codes = _codes(raw_codes)
            col = offset + 1
            if kind == "disable-file":
                out.append(Suppression("file", codes, 1, len(lines), no, col))
            elif kind == "disable-next-line":
                target = no + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                out.append(Suppression("next-line", codes, target, target, no, col))
            elif kind == "disable":
                s = Suppression("range", codes, no, len(lines), no, col)
                out.append(s)
                open_ranges.append(s)
            else:  # enable: closes the open ranges it names (all of them when it names none)
                for s in list(open_ranges):
                    if not codes or set(s.codes) & set(codes) or not s.codes:
                        s.last = no
                        open_ranges.remove(s)
    return out


def docx_suppressions(document: Document) -> list[Suppression]:
    out = []
    for text, first_block, last_block in document.comments:
        head = _DOCX_DIRECTIVE.match(text)
        if head:
            codes = _without_reason(text[head.end():].split("\n", 1)[0])
            out.append(Suppression("range", _codes(codes), first_block, last_block, first_block))
    return out


def apply_suppressions(document: Document, findings: list[Finding], config: Config) -> list[Finding]:
    if document.format == "docx":
        suppressions = docx_suppressions(document)
    else:
        suppressions = text_suppressions(document.source_lines)
    if not suppressions:
        return findings
    kept = []
    for f in findings:
        hit = [s for s in suppressions if s.covers(f)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(f)
    if registry.matches("RL100", config.select) and not registry.matches("RL100", config.ignore):
        rule = registry.RULES["RL100"]
        for s in suppressions:
            if not s.used:
                what = ",".join(s.codes) or "所有规则"
                kept.append(Finding(
                    "RL100", rule.name, rule.category, config.severity.get("RL100", rule.severity),
                    f"抑制注释（{what}）没有抑制任何问题，可以删除", f"reportlint-disable {what}".strip(),
                    Location(s.line, s.column, s.line, s.column, s.line), path=document.path,
                    fingerprint=fingerprint("RL100", (), f"{s.kind}:{what}:{s.line}"), url=rule.url))
    kept.sort(key=Finding.sort_key)
    return kept
