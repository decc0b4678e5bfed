"""Run the rules on one document: select, check, contain failures, suppress, sort."""
from __future__ import annotations

import datetime as _dt
import traceback
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import registry
from .config import Config
from .findings import SEVERITY_RANK, Anchor, Finding, Location, Related, fingerprint
from .model import Document
from .packs import Packs, load_packs


@dataclass
class Context:
    """What a check may read besides the document: configuration, rule packs, today's date."""

    document: Document
    config: Config
    packs: Packs
    today: _dt.date

    @property
    def period(self) -> int | None:
        return self.config.period or self.document.facts.period

    def finding(self, code: str, anchor: Anchor, message: str, *, expected: object = None, actual: object = None,
                related: Iterable[tuple[Anchor, str | None]] = (), severity: str | None = None) -> Finding:
        """Build a finding of rule `code` on `anchor`; `severity` lowers the rule's level for doubtful cases."""
        rule = registry.RULES[code]
        level = self.config.severity.get(code, rule.severity)
        if severity is not None and SEVERITY_RANK[severity] < SEVERITY_RANK[level]:
            level = severity
        doc = self.document
        evidence = anchor.evidence
        return Finding(
            rule=code, name=rule.name, category=rule.category, severity=level, message=message,
            evidence=evidence, location=anchor.location(doc),
            expected=None if expected is None else str(expected), actual=None if actual is None else str(actual),
            related=[Related(a.evidence, a.location(doc), note) for a, note in related],
            fingerprint=fingerprint(code, doc.heading_path.get(anchor.unit.block.index, ()), evidence),
            path=doc.path, url=rule.url, span=anchor_span(anchor), context=anchor.context())


def anchor_span(anchor: Anchor) -> tuple[int, tuple[int, int] | None, int, int]:
    cell = anchor.unit.cell
    return (anchor.unit.block.index, (cell.row, cell.col) if cell is not None else None, anchor.start, anchor.end)


def selected_codes(config: Config) -> set[str]:
    registry.load_all()
    return {code for code in registry.RULES
            if registry.matches(code, config.select) and not registry.matches(code, config.ignore)}


def lint(document: Document, config: Config, packs: Packs | None = None, today: _dt.date | None = None) -> list[Finding]:
    codes = selected_codes(config)
    ctx = Context(document, config, packs or load_packs(config.rule_packs), today or config.today or _dt.date.today())
    findings: list[Finding] = []
    for chk in registry.CHECKS:
        if not codes.intersection(chk.codes):
            continue
        try:
            findings.extend(f for f in chk.func(document, ctx) if f.rule in codes)
        except Exception as exc:  # one broken rule must not stop the others
            if "RL000" in codes:
                findings.append(_internal_error(document, chk, exc))
    return dedupe(sorted(findings, key=Finding.sort_key))


def _internal_error(document: Document, chk: registry.Check, exc: Exception) -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    rule = registry.RULES["RL000"]
    codes = "/".join(chk.codes)
    return Finding("RL000", rule.name, rule.category, rule.severity,
                   f"规则 {codes} 运行出错，已跳过：{type(exc).__name__}: {exc}{where}", "",
                   Location(1, 1, 1, 1, 0), path=document.path, fingerprint=fingerprint("RL000", (), codes),
                   url=rule.url)


def dedupe(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per rule, place and message; and per rule, place and expected value (a 总计 cell
    that is both its row's and its column's total is one slip, not two)."""
    seen = set()
    out = []
    for f in findings:
        keys = [(f.rule, f.location, f.message)] + ([(f.rule, f.location, "=", f.expected)] if f.expected else [])
        if not seen.intersection(keys):
            seen.update(keys)
            out.append(f)
    return out
