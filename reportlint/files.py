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


def collect(paths: list[str], exclude: tuple[str, ...] = (), warn=None) -> list[str]:
    """Files named, plus *.docx/*.md/*.txt/*.pdf under folders named (Word lock files `~$*` skipped).

    Inside folders only regular files are taken: a FIFO or a link to a device named *.txt would block
    or never end. `warn` is told of what is skipped that way and of folders that cannot be listed.
    """
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            def onerror(exc: OSError) -> None:
                if warn is not None:
                    warn(f"{exc.filename}: {exc.strerror or exc}; skipped")

            for root, dirs, files in os.walk(path, onerror=onerror):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.startswith("~$") or not name.lower().endswith(SUFFIXES):
                        continue
                    if _excluded(full, exclude):
                        continue
                    if not is_regular(full):
                        if warn is not None:
                            warn(f"{full}: not a regular file; skipped")
                        continue
                    out.append(full)
        else:
            out.append(path)  # named explicitly: checked (or reported unreadable) whatever it is
    return out


def is_regular(path: str) -> bool:
    """A regular file, following links (a link to /dev/zero is not one)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    norm = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) for p in patterns)


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
        raise OutputError(f"{target}: is a directory; give a file name")
    ident = _identity(target)
    if ident is not None:
        for path in inputs:
            if _identity(path) == ident:
                raise OutputError(f"{target}: is an input of this run; refusing to write over it")
    real = os.path.realpath(target)
    if os.path.exists(real) and not stat.S_ISREG(os.stat(real).st_mode):
        if not os.access(real, os.W_OK):
            raise OutputError(f"{target}: not writable")
        return  # a FIFO or a device: written through, not replaced
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: folder {folder} is not writable")
    if os.path.exists(real) and not os.access(real, os.W_OK):
        raise OutputError(f"{target}: not writable")


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
