"""Configuration: `[tool.reportlint]` in pyproject.toml, or reportlint.toml / .reportlint.toml.

The nearest file upward from the checked file wins (as ruff does); `--config FILE` overrides the
search. Unknown keys are errors naming the key, so a typo never silently does nothing.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .findings import SEVERITIES

CONFIG_FILES = ("reportlint.toml", ".reportlint.toml", "pyproject.toml")
MAX_TOML_BYTES = 4 * 1024 * 1024


class ConfigError(Exception):
    """A configuration problem; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Tolerance:
    # Both widen the rounding intervals every comparison already allows; 0 means "exactly what the
    # displayed digits allow".
    relative: Decimal = Decimal(0)  # e.g. 0.001 accepts totals within 0.1 %
    percent_points: Decimal = Decimal(0)  # e.g. 0.05 accepts rates within 0.05 percentage points


@dataclass(frozen=True)
class DuplicateOptions:
    min_length: int = 40  # characters, after normalisation
    similarity: float = 0.85  # Jaccard similarity of word shingles for near copies
    allow: tuple[str, ...] = ()


# Files a document repository holds beside its reports, never reports themselves (as ruff excludes
# .venv and build/ by default): `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = ("README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "CONTRIBUTING*", "CODE_OF_CONDUCT*",
                   "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "AUTHORS*", "SECURITY*", "requirements*.txt",
                   "constraints*.txt", "node_modules", "venv", ".venv", "build", "dist", "site-packages")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    tolerance: Tolerance = Tolerance()
    duplicates: DuplicateOptions = DuplicateOptions()
    profile: str | None = None
    period: int | None = None
    today: _dt.date | None = None
    rule_packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE  # patterns relative to the config file's folder
    source: str | None = None  # the file this came from

    @property
    def root(self) -> str:
        """The folder `exclude` patterns are relative to: the config file's, else the working folder."""
        return os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()

    def with_overrides(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_KEYS = {"select", "ignore", "extend-select", "severity", "fail-on", "tolerance", "duplicates", "profile", "period",
         "today", "rule-packs", "exclude", "extend-exclude"}
_TOLERANCE_KEYS = {"relative", "percent-points"}
_DUPLICATE_KEYS = {"min-length", "similarity", "allow"}


def _err(source: str, msg: str) -> ConfigError:
    return ConfigError(f"{source}: {msg}")


def _strings(source: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(source, f"'{key}' 须为字符串列表")
    return tuple(value)


def _number(source: str, key: str, value: Any) -> Decimal:
    """A finite TOML number (not a string, a boolean, nan or inf)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _err(source, f"'{key}' 须为数值，不能是 {value!r}")
    out = Decimal(str(value))  # "nan" and "inf" parse too, and are refused below
    if not out.is_finite():
        raise _err(source, f"'{key}' 须为有限数值，不能是 {value!r}")
    return out


def _decimal(source: str, key: str, value: Any) -> Decimal:
    out = _number(source, key, value)
    if out < 0:
        raise _err(source, f"'{key}' 不能为负")
    return out


def _selectors(source: str, key: str, value: Any) -> tuple[str, ...]:
    from .registry import known_selector

    codes = tuple(c.strip().upper() for v in _strings(source, key, value) for c in v.split(",") if c.strip())
    for code in codes:
        if not known_selector(code):
            raise _err(source, f"'{key}' 中有未知的规则代码或前缀 '{code}'（见 `reportlint rules`）")
    return codes


def _sub_table(source: str, table: dict[str, Any], key: str, allowed: set[str]) -> dict[str, Any]:
    value = table[key]
    if not isinstance(value, dict):
        raise _err(source, f"'{key}' 须为表（table）")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _err(source, f"未知的配置项 '{key}.{unknown[0]}'")
    return value


def parse_table(table: dict[str, Any], source: str) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _err(source, f"reportlint 配置中有未知的配置项 '{unknown[0]}'")
    cfg = Config(source=source)
    changes: dict[str, Any] = {}
    if "select" in table:
        changes["select"] = _selectors(source, "select", table["select"])
        if not changes["select"]:
            raise _err(source, "'select' 为空：没有规则会运行（要运行全部规则，不写 select 即可）")
    if "extend-select" in table:
        changes["select"] = changes.get("select", cfg.select) + _selectors(source, "extend-select",
                                                                          table["extend-select"])
    if "ignore" in table:
        changes["ignore"] = _selectors(source, "ignore", table["ignore"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise _err(source, "'severity' 须为 CODE = \"error|warning|info\" 形式的表")
        for code, level in sev.items():
            _selectors(source, "severity", code)
            if level not in SEVERITIES:
                raise _err(source, f"{code} 的级别须为 {'、'.join(SEVERITIES)} 之一，不能是 '{level}'")
        changes["severity"] = {k.upper(): v for k, v in sev.items()}
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise _err(source, f"'fail-on' 须为 {'、'.join(SEVERITIES)} 之一")
        changes["fail_on"] = table["fail-on"]
    if "tolerance" in table:
        tol = _sub_table(source, table, "tolerance", _TOLERANCE_KEYS)
        changes["tolerance"] = Tolerance(_decimal(source, "tolerance.relative", tol.get("relative", 0)),
                                         _decimal(source, "tolerance.percent-points", tol.get("percent-points", 0)))
    if "duplicates" in table:
        dup = _sub_table(source, table, "duplicates", _DUPLICATE_KEYS)
        sim = float(_number(source, "duplicates.similarity", dup.get("similarity", DuplicateOptions.similarity)))
        if not 0 < sim <= 1:
            raise _err(source, "'duplicates.similarity' 须在 (0, 1] 之内")
        length = dup.get("min-length", DuplicateOptions.min_length)
        if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 100_000:
            raise _err(source, f"'duplicates.min-length' 须为 1–100000 的整数（字符数），不能是 {length!r}")
        changes["duplicates"] = DuplicateOptions(length, sim,
                                                 _strings(source, "duplicates.allow", dup.get("allow", [])))
    if "profile" in table:
        if not isinstance(table["profile"], str):
            raise _err(source, "'profile' 须为字符串")
        changes["profile"] = table["profile"]
    if "period" in table:
        if not isinstance(table["period"], int) or not 1900 <= table["period"] <= 2200:
            raise _err(source, "'period' 须为 2023 这样的年份")
        changes["period"] = table["period"]
    if "today" in table:
        value = table["today"]
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError:
                raise _err(source, "'today' 须为 2024-03-31 这样的日期") from None
        if not isinstance(value, _dt.date):
            raise _err(source, "'today' 须为 2024-03-31 这样的日期")
        changes["today"] = value
    if "rule-packs" in table:
        base = os.path.dirname(os.path.abspath(source))
        changes["rule_packs"] = tuple(os.path.join(base, p) for p in _strings(source, "rule-packs", table["rule-packs"]))
    if "exclude" in table:
        changes["exclude"] = _strings(source, "exclude", table["exclude"])
    if "extend-exclude" in table:
        changes["exclude"] = changes.get("exclude", cfg.exclude) + _strings(source, "extend-exclude",
                                                                            table["extend-exclude"])
    return replace(cfg, **changes)


def read_toml(path: str, error: type[Exception] = ConfigError) -> dict[str, Any]:
    """A TOML file, or one `error` naming the file and what is wrong with it."""
    if os.path.isdir(path):
        raise error(f"{path}: 是文件夹，不是 TOML 文件")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_TOML_BYTES + 1)
    except FileNotFoundError:
        raise error(f"{path}: 文件不存在") from None
    except OSError as exc:
        raise error(f"{path}: {exc.strerror or exc}") from None
    return parse_toml(raw, path, error)


def parse_toml(raw: bytes, origin: str, error: type[Exception] = ConfigError) -> dict[str, Any]:
    if len(raw) > MAX_TOML_BYTES:
        raise error(f"{origin}: 超过 {MAX_TOML_BYTES} 字节，不是配置文件")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{origin}: 不是 UTF-8 文本（TOML 文件须为 UTF-8）") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{origin}: TOML 格式错误（{exc}）") from None
    except RecursionError:
        raise error(f"{origin}: TOML 格式错误（嵌套过深）") from None


def load_file(path: str) -> Config:
    data = read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("reportlint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise _err(path, "'tool.reportlint' 须为表（table）")
    return parse_table(data, path)


_cache: dict[str, Config | None] = {}


def discover(start: str) -> Config | None:
    """The configuration that governs `start` (a file or folder), or None."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    visited = []
    result: Config | None = None
    while True:
        if folder in _cache:
            result = _cache[folder]
            break
        visited.append(folder)
        found = _config_in(folder)
        if found is not None:
            result = found
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for v in visited:
        _cache[v] = result
    return result


def _config_in(folder: str) -> Config | None:
    for name in CONFIG_FILES:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        if name == "pyproject.toml":
            # a malformed pyproject.toml is an error as a malformed .reportlint.toml is: it may
            # hold the [tool.reportlint] table the user meant to apply
            tool = read_toml(path).get("tool", {})
            if not isinstance(tool, dict) or "reportlint" not in tool:
                continue
        return load_file(path)
    return None
