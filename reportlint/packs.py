"""Rule packs: the declarative data behind the rules (TOML).

The shipped pack is the top-level `rules/` folder, installed as `reportlint.rules` and read here
through importlib.resources. A user's pack is a folder with the same layout, named in config
(`rule-packs = ["my-rules"]`) or with `--rule-pack DIR`; its entries extend the shipped ones
(lists are appended, tables merged, a profile of the same name replaces the shipped one).

Layout:
    terms.toml        synonyms, domain words for jieba, scope words, total/partial markers, rates
    phrases.toml      standard phrases that may repeat without being duplicates
    profiles/*.toml   report profiles: title patterns, required sections with synonyms, order,
                      required statutory tables (部门预算/决算)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from . import patterns
from .config import parse_toml

TITLE_CHARS = 200  # a report's title is read from its first lines, never more than this
PATTERN_SECONDS = 0.2  # a user's title pattern that backtracks longer is taken as no match


class PackError(Exception):
    pass


@dataclass(frozen=True)
class Section:
    name: str
    synonyms: tuple[str, ...]

    def matches(self, title: str) -> bool:
        t = "".join(title.split())
        return any(s in t for s in (self.name, *self.synonyms))


@dataclass(frozen=True)
class Profile:
    name: str
    title: str  # the report type's name, for messages
    title_patterns: tuple[str, ...]
    sections: tuple[Section, ...]
    ordered: bool = True
    tables: tuple[str, ...] = ()  # statutory table kinds (terms.toml `statutory-tables`) the report must print
    tables_ordered: bool = False  # …in this order
    signed: bool = False  # the report ends with its date (自评报告 do; 预算/决算公开 and 年报 need not)
    # a plan for its year, written in the year before (预算): what it states as fact stands as of that year
    prospective: bool = False

    @property
    def patterns(self) -> tuple[regex.Pattern[str], ...]:
        return tuple(_compile(p) for p in self.title_patterns)  # checked when the pack is loaded

    def matches_title(self, title: str) -> bool:
        """Does a user's title pattern match? Bounded: a pattern that backtracks past the time
        limit on a 200-character title is taken as no match."""
        for pattern in self.patterns:
            try:
                if pattern.search(title[:TITLE_CHARS], timeout=PATTERN_SECONDS):
                    return True
            except TimeoutError:
                continue
        return False


def facts_year(period: int, prospective: bool = False) -> int:
    """The latest year whose state a report on `period` can describe: its own year, or for a plan
    the year it was written in."""
    return period - 1 if prospective else period


def signing_years(period: int, prospective: bool = False) -> tuple[int, int]:
    """The first and last year a report on `period` is signed in: a report on a year in the year
    after it; a plan in the year before or its own."""
    return (period - 1, period) if prospective else (period + 1, period + 1)


@dataclass
class Packs:
    terms: dict[str, Any] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)
    profiles: dict[str, Profile] = field(default_factory=dict)

    def synonyms(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(g["canonical"], tuple(g.get("aliases", []))) for g in self.terms.get("synonyms", [])]

    def words(self, key: str) -> tuple[str, ...]:
        return tuple(self.terms.get(key, []))


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _str_list(value: Any, origin: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{origin}: '{key}' 须为字符串列表")
    return tuple(value)


def _profile(data: dict[str, Any], origin: str) -> Profile:
    meta = data.get("profile")
    if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
        raise PackError(f"{origin}: 报告类型须有 [profile] 表及字符串 'name'")
    patterns = _str_list(meta.get("title-patterns", []), origin, "profile.title-patterns")
    for pattern in patterns:
        try:
            _compile(pattern)
        except regex.error as exc:
            raise PackError(f"{origin}: 'profile.title-patterns'：正则表达式 {pattern!r} 无效（{exc}）") from None
    sections = data.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(s, dict) and isinstance(s.get("name"), str)
                                                   for s in sections):
        raise PackError(f"{origin}: 每个 [[sections]] 条目须有字符串 'name'")
    return Profile(meta["name"], str(meta.get("title", meta["name"])), patterns,
                   tuple(Section(s["name"], _str_list(s.get("synonyms", []), origin, "sections.synonyms"))
                         for s in sections),
                   bool(meta.get("ordered", True)),
                   _str_list(meta.get("tables", []), origin, "profile.tables"),
                   bool(meta.get("tables-ordered", False)),
                   bool(meta.get("signed", False)),
                   bool(meta.get("prospective", False)))


@lru_cache(maxsize=256)
def _compile(pattern: str) -> regex.Pattern[str]:
    return patterns.compile(pattern)


_TYPE_NAMES = {"int": "整数", "float": "数值", "str": "字符串", "bool": "布尔值"}


def _shape(value: Any) -> str:
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return "字符串列表"
        if all(isinstance(v, dict) for v in value):
            return "表的列表"
        return "混合列表"
    return "表" if isinstance(value, dict) else _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def check_terms(user: dict[str, Any], shipped: dict[str, Any], origin: str) -> None:
    """A user's terms.toml has the shapes of the shipped one: a word list stays a list of strings,
    and every entry of a list of tables has the keys every shipped entry has ([[synonyms]] needs
    'canonical')."""
    for key, value in user.items():
        if key not in shipped:
            continue  # a key no rule reads is harmless (a pack may carry its own notes)
        want, got = _shape(shipped[key]), _shape(value)
        if value and shipped[key] and want != got:
            raise PackError(f"{origin}: '{key}' 须为{want}，不能是{got}")
        if got == "表的列表" and shipped[key]:
            required = set.intersection(*(set(entry) for entry in shipped[key]))
            for n, entry in enumerate(value, 1):
                missing = sorted(required - set(entry))
                if missing:
                    raise PackError(f"{origin}: [[{key}]] 第 {n} 个条目缺少 '{missing[0]}'")
                for name in required:
                    if _shape(entry[name]) != _shape(shipped[key][0][name]):
                        raise PackError(f"{origin}: [[{key}]] 第 {n} 个条目：'{name}' 须为"
                                        f"{_shape(shipped[key][0][name])}")


def _load_toml_text(root, name: str, origin: str) -> dict[str, Any]:
    return parse_toml((root / name).read_bytes(), origin, PackError)


def _read_pack(root, origin: str) -> Packs:
    """Read one pack from a Traversable (importlib.resources) or a pathlib.Path."""
    pack = Packs()
    if (root / "terms.toml").is_file():
        pack.terms = _load_toml_text(root, "terms.toml", f"{origin}/terms.toml")
    if (root / "phrases.toml").is_file():
        where = f"{origin}/phrases.toml"
        pack.phrases = list(_str_list(_load_toml_text(root, "phrases.toml", where).get("phrases", []), where,
                                      "phrases"))
    profiles = root / "profiles"
    if profiles.is_dir():
        for entry in sorted(profiles.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml") and entry.is_file():
                where = f"{origin}/profiles/{entry.name}"
                prof = _profile(_load_toml_text(profiles, entry.name, where), where)
                pack.profiles[prof.name] = prof
    return pack


def shipped_pack():
    """The shipped rule pack: `reportlint.rules` as installed, or — when the package is imported from
    a source checkout, as `python -m reportlint` does in the repository root even with reportlint
    installed — the top-level rules/ folder beside it, which the install would have mapped there."""
    try:
        return resources.files("reportlint.rules")
    except ModuleNotFoundError:
        import pathlib

        beside = pathlib.Path(__file__).resolve().parent.parent / "rules"
        if (beside / "terms.toml").is_file():
            return beside
        raise


@lru_cache(maxsize=8)
def load_packs(extra: tuple[str, ...] = ()) -> Packs:
    merged = _read_pack(shipped_pack(), "reportlint.rules")
    for folder in extra:
        import pathlib

        path = pathlib.Path(folder)
        if not path.is_dir():
            raise PackError(f"{folder}: 规则包文件夹不存在")
        user = _read_pack(path, os.fspath(path))
        check_terms(user.terms, merged.terms, f"{os.fspath(path)}/terms.toml")
        merged.terms = _merge(merged.terms, user.terms)
        merged.phrases = merged.phrases + user.phrases
        merged.profiles = {**merged.profiles, **user.profiles}
    return merged
