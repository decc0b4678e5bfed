"""Rule packs: the declarative data behind the rules (TOML).

The shipped pack is the top-level `rules/` folder, installed as `reportlint.rules` and read here
through importlib.resources. A user's pack is a folder with the same layout, named in config
(`rule-packs = ["my-rules"]`) or with `--rule-pack DIR`; its entries extend the shipped ones
(lists are appended, tables merged, a profile of the same name replaces the shipped one).

Layout:
    terms.toml        synonyms, domain words for jieba, scope words, total/partial markers, rates
    phrases.toml      standard phrases that may repeat without being duplicates
    profiles/*.toml   report profiles: title patterns, required sections with synonyms, order
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


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


def _profile(data: dict[str, Any], origin: str) -> Profile:
    try:
        meta = data["profile"]
        sections = tuple(Section(s["name"], tuple(s.get("synonyms", []))) for s in data.get("sections", []))
        return Profile(meta["name"], meta.get("title", meta["name"]), tuple(meta.get("title-patterns", [])),
                       sections, bool(meta.get("ordered", True)))
    except (KeyError, TypeError) as exc:
        raise PackError(f"{origin}: malformed profile (missing {exc})") from None


def _load_toml_text(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{origin}: invalid TOML ({exc})") from None


def _read_pack(root, origin: str) -> Packs:
    """Read one pack from a Traversable (importlib.resources) or a pathlib.Path."""
    pack = Packs()
    terms = root / "terms.toml"
    if terms.is_file():
        pack.terms = _load_toml_text(terms.read_text(encoding="utf-8"), f"{origin}/terms.toml")
    phrases = root / "phrases.toml"
    if phrases.is_file():
        pack.phrases = list(_load_toml_text(phrases.read_text(encoding="utf-8"), f"{origin}/phrases.toml")
                            .get("phrases", []))
    profiles = root / "profiles"
    if profiles.is_dir():
        for entry in sorted(profiles.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                where = f"{origin}/profiles/{entry.name}"
                prof = _profile(_load_toml_text(entry.read_text(encoding="utf-8"), where), where)
                pack.profiles[prof.name] = prof
    return pack


@lru_cache(maxsize=8)
def load_packs(extra: tuple[str, ...] = ()) -> Packs:
    merged = _read_pack(resources.files("reportlint.rules"), "reportlint.rules")
    for folder in extra:
        import pathlib

        path = pathlib.Path(folder)
        if not path.is_dir():
            raise PackError(f"{folder}: rule pack folder not found")
        user = _read_pack(path, os.fspath(path))
        merged.terms = _merge(merged.terms, user.terms)
        merged.phrases = merged.phrases + user.phrases
        merged.profiles = {**merged.profiles, **user.profiles}
    return merged
