"""Which files a run checks, and how reportlint writes files (always atomically)."""
from __future__ import annotations

import fnmatch
import os
import tempfile

from .readers import SUFFIXES

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def collect(paths: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named, plus *.docx/*.md/*.txt under folders named (Word lock files `~$*` skipped)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.startswith("~$") or not name.lower().endswith(SUFFIXES):
                        continue
                    if _excluded(full, exclude):
                        continue
                    out.append(full)
        else:
            out.append(path)  # named explicitly: checked (or reported unreadable) whatever it is
    return out


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    norm = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) for p in patterns)


def write_atomic(path: str, data: bytes | str) -> None:
    """Write through a temporary file in the same folder and rename it into place."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".reportlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a report should get the usual mode
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777  # replacing a file keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
