"""Baselines: accept today's findings, report only new ones.

Entries are keyed by the finding fingerprint (rule + heading path + normalised evidence), not by
line numbers, so edits elsewhere in a report do not invalidate them. Entries that no longer occur
are reported, so the baseline can shrink.
"""
from __future__ import annotations

import json
import os
import sys

from .config import ConfigError
from .emitters import FileResult
from .files import write_atomic

BASELINE_VERSION = 1


def _key(path: str) -> str:
    return os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")


def write_baseline(target: str, results: list[FileResult]) -> None:
    entries = sorted({(_key(r.path), f.rule, f.fingerprint) for r in results for f in r.findings})
    data = {"version": BASELINE_VERSION,
            "entries": [{"path": p, "rule": rule, "fingerprint": fp} for p, rule, fp in entries]}
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def apply_baseline(source: str, results: list[FileResult]) -> None:
    try:
        with open(source, encoding="utf-8") as fh:
            data = json.load(fh)
        entries = {(e["path"], e["rule"], e["fingerprint"]) for e in data["entries"]}
    except FileNotFoundError:
        raise ConfigError(f"{source}: 基线文件不存在") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{source}: 不是 reportlint 基线文件（{exc}）") from None
    seen = set()
    checked = {_key(r.path) for r in results}
    for r in results:
        kept = []
        for f in r.findings:
            key = (_key(r.path), f.rule, f.fingerprint)
            if key in entries:
                seen.add(key)
            else:
                kept.append(f)
        r.findings = kept
    stale = sorted(e for e in entries - seen if e[0] in checked)
    for path, rule, fp in stale:
        print(f"reportlint: 提示：基线中 {path} 的 {rule} {fp} 已不再出现；重写基线即可删去", file=sys.stderr)
