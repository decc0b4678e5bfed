#!/usr/bin/env python3
"""The slow hostile-input matrix: every generated bad, odd, heavy and PDF input through `check` in
every format, `extract` and `annotate`, each in a fresh process.

    python scripts/hostile_matrix.py [--keep DIR]

Each run must end with status 0 or 1, or 2 with exactly one line on stderr; never a traceback;
under 10 s and 1 GB; and every input must be byte-identical afterwards. Prints one line per
failure and a summary; exits 1 if anything failed. (The fast part of this lives in
tests/test_robustness.py; this is the full cross product, ~5 minutes on 2 cores.)
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_bad_inputs  # noqa: E402

FORMATS = ("text", "concise", "json", "github", "sarif", "html")
SECONDS = 10.0
MEMORY_KB = 1024 * 1024


def _digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _run(args: list[str]) -> tuple[int, str, float, int]:
    """Status, stderr, seconds and peak memory (KB) of one reportlint process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "reportlint", *args], stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except KeyboardInterrupt:
            proc.kill()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return proc.returncode, stderr, time.perf_counter() - started, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="build the inputs in this folder and keep them")
    options = parser.parse_args()
    folder = options.keep or tempfile.mkdtemp(prefix="reportlint-hostile-")
    names = sorted(make_bad_inputs.build(folder)) + make_bad_inputs.build_odd(folder) + \
        make_bad_inputs.build_heavy(folder)
    paths = [os.path.join(folder, n) for n in names]
    before = {p: _digest(p) for p in paths}
    out_dir = tempfile.mkdtemp(prefix="reportlint-hostile-out-")
    failures, runs = [], 0
    for path in paths:
        commands = [["check", "--format", fmt, path] for fmt in FORMATS]
        commands += [["check", "--format", "json", "-o", os.path.join(out_dir, "report.json"), path],
                     ["extract", path], ["extract", "--format", "json", path],
                     ["annotate", path, "-o", os.path.join(out_dir, "annotated.docx")]]
        for args in commands:
            status, stderr, seconds, peak_kb = _run(args)
            runs += 1
            lines = stderr.strip().splitlines()
            problems = []
            if "Traceback" in stderr:
                problems.append("traceback")
            if status not in (0, 1, 2):
                problems.append(f"exit {status}")
            if status == 2 and len(lines) != 1:
                problems.append(f"{len(lines)} stderr lines")
            if seconds > SECONDS:
                problems.append(f"{seconds:.1f} s")
            if peak_kb > MEMORY_KB:
                problems.append(f"{peak_kb // 1024} MB")
            if problems:
                failures.append(f"{' '.join(args[:-1] if args[-1] == path else args)} {os.path.basename(path)}: "
                                f"{', '.join(problems)}")
                print(failures[-1], flush=True)
    changed = [p for p in paths if _digest(p) != before[p]]
    failures += [f"input changed: {p}" for p in changed]
    for p in changed:
        print(f"input changed: {p}")
    print(f"{len(paths)} hostile inputs, {runs} runs: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
