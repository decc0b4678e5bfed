import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _pattern_cache(tmp_path_factory):
    """Runs the tests start (in this process and in every `python -m reportlint` they spawn) keep
    their compiled patterns in a folder of the session, never in the user's cache."""
    os.environ["REPORTLINT_CACHE_DIR"] = os.fspath(tmp_path_factory.mktemp("pattern-cache"))
    yield


@pytest.fixture
def fixtures() -> pathlib.Path:
    return FIXTURES


def seed_paths() -> list[pathlib.Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def write(tmp_path: pathlib.Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return os.fspath(path)


def lint_text(text: str, name: str = "report.txt", select: tuple[str, ...] = ("ALL",), **overrides):
    """Findings reportlint gives on `text` read as a text report."""
    import datetime

    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers.text import read_text

    doc = read_text(name, text.encode("utf-8"))
    config = Config(select=select, today=datetime.date(2026, 6, 1)).with_overrides(**overrides)
    return lint(doc, config)


def codes(findings) -> list[str]:
    return [f.rule for f in findings]


HEAD = "某县某局2023年度部门整体支出绩效自评报告\n\n一、部门概况\n"


def run_cli(*args, cwd=None, env=None):
    """`python -m reportlint ARGS` in a fresh process, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)
