"""Which files a run checks, and how reportlint writes files (always atomically, never over an input)."""
from __future__ import annotations

import fnmatch
import os
import stat
import tempfile

from .readers import SUFFIXES

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


class OutputError(Exception):
    """An output path reportlint must not or cannot write; the message is one line naming it."""


def collect(paths: list[str], exclude: tuple[str, ...] = (), warn=None, root: str | None = None,
            force_exclude: bool = False) -> list[str]:
    """Files named, plus *.docx/*.md/*.txt/*.pdf under folders named (Word lock files `~$*` skipped).

    `exclude` patterns (relative to `root`) prune the walk; a file named on the command line is
    checked whatever it is, unless `force_exclude` (as ruff: pre-commit names every changed file).
    Inside folders only regular files are taken: a FIFO or a link to a device named *.txt would block
    or never end. `warn` is told of what is skipped that way and of folders that cannot be listed.
    """
    root = os.path.abspath(root or os.getcwd())
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            def onerror(exc: OSError) -> None:
                if warn is not None:
                    warn(f"{exc.filename}: {exc.strerror or exc}；已跳过")

            if force_exclude and excluded(path, exclude, root):
                continue
            for folder, dirs, files in os.walk(path, onerror=onerror):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")
                                 and not excluded(os.path.join(folder, d), exclude, root))
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    if name.startswith("~$") or not name.lower().endswith(SUFFIXES):
                        continue
                    if excluded(full, exclude, root):
                        continue
                    if not is_regular(full):
                        if warn is not None:
                            warn(f"{full}: 不是普通文件；已跳过")
                        continue
                    out.append(full)
        elif not (force_exclude and excluded(path, exclude, root)):
            out.append(path)  # named explicitly: checked (or reported unreadable) whatever it is
    return out


def excluded(path: str, patterns: tuple[str, ...], root: str) -> bool:
    """Does a pattern match the path — relative to `root`, absolute, or any folder above it — or its
    name? `reports/old`, `reports/old/`, `*.md`, `/abs/path/*` and `README*` all work, with `./` or not."""
    if not patterns:
        return False
    full = os.path.abspath(path).replace(os.sep, "/")
    rel = os.path.relpath(full, root).replace(os.sep, "/")
    candidates = {full, full.rsplit("/", 1)[-1]}
    if not rel.startswith("../"):  # under the root: the relative path and each folder above it
        parts = rel.split("/")
        candidates.update("/".join(parts[:k]) for k in range(1, len(parts) + 1))
    for pattern in patterns:
        pattern = pattern.replace(os.sep, "/").rstrip("/")
        pattern = pattern[2:] if pattern.startswith("./") else pattern
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates) or \
                (pattern.startswith("/") and (full == pattern or full.startswith(pattern + "/"))):
            return True
    return False


def is_regular(path: str) -> bool:
    """A regular file, following links (a link to /dev/zero is not one)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def check_output(target: str, inputs: list[str]) -> None:
    """Refuse, before any work, an output that would replace an input or cannot be written.

    Inputs are compared by file identity (device and inode, links followed), so `-o reports/a.txt`
    while checking the folder reports/ is caught as well as `-o a.txt a.txt`.
    """
    if os.path.isdir(target):
        raise OutputError(f"{target}: 是文件夹；请给出文件名")
    ident = _identity(target)
    if ident is not None:
        for path in inputs:
            if _identity(path) == ident:
                raise OutputError(f"{target}: 是本次检查的输入文件；拒绝覆盖")
    real = os.path.realpath(target)
    if os.path.exists(real) and not stat.S_ISREG(os.stat(real).st_mode):
        if not os.access(real, os.W_OK):
            raise OutputError(f"{target}: 不可写")
        return  # a FIFO or a device: written through, not replaced
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{target}: 文件夹 {folder} 不存在")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: 文件夹 {folder} 不可写")
    if os.path.exists(real) and not os.access(real, os.W_OK):
        raise OutputError(f"{target}: 不可写")


def write_atomic(path: str, data: bytes | str) -> None:
    """Write through a temporary file in the same folder and rename it into place.

    A link is followed (the link stays, its target is replaced); a FIFO or a device is written
    through, never replaced by a regular file (`-o /dev/null` or `-o >(cmd)` must keep working).
    """
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(real, "wb") as fh:
            fh.write(payload)
        return
    folder = os.path.dirname(real)
    fd, tmp = tempfile.mkstemp(prefix=".reportlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(real))  # mkstemp makes 0600; a report should get the usual mode
        os.replace(tmp, real)
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
