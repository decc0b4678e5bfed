import importlib.util
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


def cli_findings(path, select: str) -> list[dict]:
    """The findings `reportlint check --format json --select SELECT PATH` reports, as a user runs it."""
    import json

    out = run_cli("check", "--format", "json", "--select", select, str(path))
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["files"][0]["findings"]


def load_script(name: str):
    """A script of scripts/ (the fixture builders) as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shown(finding: dict) -> str:
    """What a reader of a finding sees of it: message, evidence, expected and actual."""
    return " ".join(str(finding[k]) for k in ("message", "evidence", "expected", "actual"))


def one_finding(found: list[dict], rule: str, words, path) -> dict:
    """The one finding a planted slip must give: of `rule`, its text carrying each of `words`."""
    assert [f["rule"] for f in found] == [rule], (path.suffix, found)
    assert all(w in shown(found[0]) for w in words), (path.suffix, shown(found[0]))
    return found[0]


def merged_renderings(tmp_path: pathlib.Path, source: pathlib.Path, stem: str, merge) -> list[pathlib.Path]:
    """A markdown report as .docx with some table cells merged by `merge(document)` (what markdown
    cannot say), and (with reportlab) that .docx set as PDF, merged cells kept."""
    import docx

    target = tmp_path / f"{stem}.docx"
    load_script("build_fixtures").text_to_docx(str(source), str(target))
    document = docx.Document(str(target))
    merge(document)
    document.save(str(target))
    if importlib.util.find_spec("reportlab") is None:
        return [target]
    load_script("build_pdf_fixtures").text_to_pdf(str(target), str(tmp_path / f"{stem}.pdf"))
    return [target, tmp_path / f"{stem}.pdf"]


def renderings(tmp_path: pathlib.Path, text: str, stem: str) -> list[pathlib.Path]:
    """One report written in markdown, as markdown, as .docx and (with reportlab) as PDF."""
    source = tmp_path / f"{stem}.md"
    source.write_text(text, encoding="utf-8")
    load_script("build_fixtures").text_to_docx(str(source), str(tmp_path / f"{stem}.docx"))
    paths = [source, tmp_path / f"{stem}.docx"]
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return paths
    load_script("build_pdf_fixtures").text_to_pdf(str(source), str(tmp_path / f"{stem}.pdf"))
    return paths + [tmp_path / f"{stem}.pdf"]
