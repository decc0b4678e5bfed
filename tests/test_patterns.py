"""The compiled-pattern cache: a second run rebuilds every pattern from the file instead of compiling
it, matches exactly as a fresh compile does, and a damaged, foreign or unwritable cache is only ever
a slower run."""
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, run_cli

# Imports the whole rule catalogue with `regex.compile` counted: how many patterns were compiled
# afresh, and what a few of the catalogue's patterns find on a report line.
_PROBE = r"""
import regex, sys
compiled = [0]
real = regex.compile
def counting(*a, **k):
    compiled[0] += 1
    return real(*a, **k)
regex.compile = counting
from reportlint import registry, patterns
registry.load_all()
from reportlint.extract import quantities, dates
line = "2023年12月31日前完成，全年支出1,234.56万元，同比增长5.27%。"
print(compiled[0], [q.value for q in quantities.find_quantities(line)],
      [(d.year, d.month, d.day) for d in dates.find_dates(line)])
patterns.save()
"""


def _probe(env: dict) -> tuple[int, str]:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True)
    count, _, found = out.stdout.strip().partition(" ")
    return int(count), found


@pytest.fixture
def cache_env(tmp_path):
    return {**os.environ, "REPORTLINT_CACHE_DIR": os.fspath(tmp_path / "cache")}


def test_a_second_run_compiles_nothing_and_finds_the_same(cache_env, tmp_path):
    first, found_first = _probe(cache_env)
    assert first > 50  # the catalogue's patterns, compiled once
    assert (tmp_path / "cache" / "patterns.bin").is_file()
    second, found_second = _probe(cache_env)
    assert second == 0
    assert found_second == found_first
    assert "1234.56" in found_first and "(2023, 12, 31)" in found_first


def test_off_by_environment(cache_env, tmp_path):
    env = {**cache_env, "REPORTLINT_NO_CACHE": "1"}
    assert _probe(env)[0] > 50
    assert _probe(env)[0] > 50
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "stamp", "garbage"])
def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(cache_env, tmp_path, damage):
    fresh, found = _probe(cache_env)
    path = tmp_path / "cache" / "patterns.bin"
    blob = path.read_bytes()
    if damage == "flip":
        blob = blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:]
    elif damage == "truncate":
        blob = blob[: len(blob) // 2]
    elif damage == "stamp":  # written by another regex: its compiled code may not be ours
        head, _, rest = blob.partition(b"\n")
        blob = head.replace(b"regex ", b"regex 0.0.0-", 1) + b"\n" + rest
    else:
        blob = os.urandom(len(blob))
    path.write_bytes(blob)
    assert _probe(cache_env) == (fresh, found)  # everything compiled afresh, found alike
    assert _probe(cache_env) == (0, found)  # and the file written again


def test_an_unwritable_cache_folder_is_only_a_slower_run(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": os.fspath(blocker / "cache")}
    result = run_cli("check", os.fspath(FIXTURES / "clean_selfeval_2023.md"), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(os.listdir(tmp_path)) == ["not-a-folder"]


def test_check_keeps_the_patterns_it_compiled(tmp_path):
    env = {**os.environ, "REPORTLINT_CACHE_DIR": os.fspath(tmp_path / "c")}
    result = run_cli("check", os.fspath(FIXTURES / "clean_selfeval_2023.md"), env=env)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["patterns.bin"]  # no temporary left behind
