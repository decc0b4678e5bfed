"""The rule catalogue: every rule's code, name, category, default severity and documentation.

Rules are declared next to the check that emits them (one module per family in `checks/`). A
check is a pure function (document, context) → findings; it declares the codes it may emit so
that a run selecting none of them skips it entirely.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable

FAMILIES = {
    "SUM": "totals", "UNT": "units", "TBL": "consistency", "PCT": "percentages", "DAT": "dates",
    "LST": "consistency", "DUP": "duplicates", "HDG": "headings", "WRD": "wording", "BUD": "consistency",
    "RL": "internal",
}
CHECK_MODULES = ("totals", "balances", "units", "percentages", "formulas", "changes", "tables", "dates", "duplicates", "headings", "wording",
                 "lists", "statutory", "statutory_changes", "statutory_layout", "ledgers")
DOCS_URL = "https://github.com/reportlint/reportlint/blob/main/docs/rules.md#"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    summary: str
    what: str  # 作用
    why: str  # 为什么
    bad: str  # 错误示例
    good: str  # 正确写法
    options: str = "无"  # 选项

    @property
    def url(self) -> str:
        return DOCS_URL + self.code.lower()


@dataclass(frozen=True)
class Check:
    func: Callable
    codes: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []
_loaded = False


def define(rule: Rule) -> Rule:
    from .findings import CATEGORIES, SEVERITIES

    if rule.code in RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    if rule.category not in CATEGORIES or rule.severity not in SEVERITIES:
        raise ValueError(f"{rule.code}: unknown category {rule.category!r} or severity {rule.severity!r}")
    RULES[rule.code] = rule
    return rule


def check(*codes: str) -> Callable[[Callable], Callable]:
    def register(func: Callable) -> Callable:
        CHECKS.append(Check(func, codes))
        return func

    return register


define(Rule(
    "RL000", "internal-error", "consistency", "warning", "一条规则在本文档上运行出错",
    what="某条规则在处理本文档时抛出异常；其余规则照常运行。",
    why="规则出错不应让整份报告无法检查，但用户需要知道这条规则没有生效。",
    bad="（规则内部错误，与文档写法无关）", good="请附上文档向 reportlint 报告此问题。"))
define(Rule(
    "RL100", "unused-suppression", "consistency", "info", "抑制注释没有抑制任何问题",
    what="`reportlint-disable` 注释或 Word 批注所抑制的规则在其范围内没有报告任何问题。",
    why="多余的抑制会在以后掩盖真正的问题，应当删除。",
    bad="<!-- reportlint-disable SUM001 -->（其后没有合计问题）", good="删除这条注释。"))


def load_all() -> None:
    """Import every check module once, which fills RULES and CHECKS."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in CHECK_MODULES:
        importlib.import_module(f"reportlint.checks.{name}")


def all_rules() -> list[Rule]:
    load_all()
    return sorted(RULES.values(), key=lambda r: (list(FAMILIES).index(_family(r.code)), r.code))


def _family(code: str) -> str:
    return code.rstrip("0123456789")


def matches(code: str, selectors: Iterable[str]) -> bool:
    """Does `code` fall under any selector ("SUM001", "SUM", "ALL")?"""
    for sel in selectors:
        sel = sel.strip().upper()
        if sel == "ALL" or code == sel or (code.startswith(sel) and sel.isalpha()) or (
                code.startswith(sel) and not sel.isalpha() and len(sel) < len(code)):
            return True
    return False


def known_selector(sel: str) -> bool:
    load_all()
    sel = sel.strip().upper()
    return sel == "ALL" or any(code.startswith(sel) for code in RULES)
