"""Compiled `regex` patterns kept between runs.

Compiling the catalogue's patterns costs more than Python's own start-up (the `regex` module parses
and optimises each pattern in Python code), yet a compiled pattern is only a few arrays `regex` can
rebuild in microseconds: exactly what it pickles. Every pattern reportlint compiles goes through
`compile`, which takes that data from a cache file when the same pattern with the same flags was
compiled by an earlier run of the same `regex` and Python, and compiles it otherwise.

The file lives in the user's cache folder (`$REPORTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/reportlint`,
else `~/.cache/reportlint`); `REPORTLINT_NO_CACHE=1` turns it off. It is written atomically, at most
once per process, and only when a pattern was missing; a file that is unreadable, corrupt or from
another `regex` or Python is ignored and replaced. Nothing in it is trusted without its checksum.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys

import regex
from regex import _regex

_FORMAT = 1
_MAX_ENTRIES = 4000  # patterns built from user packs vary: keep the file bounded
_STAMP = f"reportlint-patterns {_FORMAT} regex {regex.__version__} {_regex.MAGIC} {_regex.CODE_SIZE} " \
         f"python {sys.version_info[0]}.{sys.version_info[1]} {sys.implementation.name}".encode()

_Key = tuple[str, int]
_stored: dict[_Key, tuple] | None = None  # read lazily, on the first compile
_new: dict[_Key, tuple] = {}  # compiled in this process, not yet in the file
_used: set[_Key] = set()


def cache_file() -> str | None:
    if os.environ.get("REPORTLINT_NO_CACHE", "") not in ("", "0"):
        return None
    folder = os.environ.get("REPORTLINT_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "reportlint")
    return os.path.join(folder, "patterns.bin")


def _load() -> dict[_Key, tuple]:
    path = cache_file()
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return {}
    head, _, rest = blob.partition(b"\n")
    digest, payload = rest[:32], rest[32:]
    if head != _STAMP or hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return {}
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """`regex.compile(pattern, flags)`, from the cache file when an earlier run compiled it."""
    global _stored
    if _stored is None:
        _stored = _load()
    key = (pattern, int(flags))
    data = _stored.get(key) or _new.get(key)
    if data is not None:
        try:
            compiled = _regex.compile(*data)
        except Exception:  # noqa: BLE001 - data from disk that this regex rejects: compile afresh
            pass
        else:
            _used.add(key)
            return compiled
    compiled = regex.compile(pattern, flags)
    if not flags & regex.LOCALE:  # a locale-bound pattern depends on more than its text
        _new[key] = compiled._pickled_data
        _used.add(key)
    return compiled


def save() -> None:
    """Write the patterns compiled in this process to the cache file, if any were missing from it."""
    global _stored, _new
    path = cache_file()
    if not _new or path is None:
        return
    entries = dict(_stored or {})
    entries.update(_new)
    if len(entries) > _MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _used}
    try:
        payload = marshal.dumps(entries)
    except ValueError:  # a pattern's data marshal cannot hold: keep the ones it can
        entries = {k: v for k, v in entries.items() if _marshals(v)}
        payload = marshal.dumps(entries)
    blob = _STAMP + b"\n" + hashlib.blake2b(payload, digest_size=32).digest() + payload
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except OSError:  # a read-only home, a full disk: the cache is an optimisation, never an error
        try:
            os.remove(tmp)
        except OSError:
            pass
        return
    _stored, _new = entries, {}


def _marshals(value: tuple) -> bool:
    try:
        marshal.dumps(value)
    except ValueError:
        return False
    return True
