"""What users of ruff and markdownlint expect: exclusion (also of named files with --force-exclude),
--exit-zero, stdin, --statistics alone, extract on folders, and running from a source checkout."""
import json
import os
import shutil
import site
import subprocess
import sys

from conftest import FIXTURES, ROOT, run_cli as run

GAP = "某局2023年度部门整体支出绩效自评报告\n\n一、部门概况\n\n内容。\n\n三、绩效情况\n\n内容。\n"  # 一、 then 三、


def _repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "reports").mkdir(parents=True)
    (repo / "drafts" / "old").mkdir(parents=True)
    (repo / "reports" / "a.txt").write_text(GAP, encoding="utf-8")
    (repo / "drafts" / "old" / "b.txt").write_text(GAP, encoding="utf-8")
    (repo / "README.md").write_text(GAP, encoding="utf-8")
    (repo / "requirements.txt").write_text("python-docx\n", encoding="utf-8")
    (repo / ".reportlint.toml").write_text('extend-exclude = ["drafts/"]\n', encoding="utf-8")
    return repo


def _checked(out):
    """The names of the files a JSON report covers."""
    return sorted(os.path.basename(r["path"]) for r in json.loads(out.stdout)["files"])


def test_exclude_works_for_dot_absolute_paths_and_named_files_with_force_exclude(tmp_path):
    repo = _repo(tmp_path)
    # `check .` from the repository: drafts/ (configured) and README.md/requirements.txt (default) left out
    assert _checked(run("check", "--format", "json", ".", cwd=repo)) == ["a.txt"]
    assert _checked(run("check", "--format", "json", str(repo), cwd=tmp_path)) == ["a.txt"]
    named = [str(repo / "README.md"), str(repo / "drafts" / "old" / "b.txt"), str(repo / "reports" / "a.txt")]
    # files named on the command line are checked, as in ruff, unless --force-exclude
    assert _checked(run("check", "--format", "json", *named, cwd=repo)) == ["README.md", "a.txt", "b.txt"]
    assert _checked(run("check", "--format", "json", "--force-exclude", *named, cwd=repo)) == ["a.txt"]
    # --exclude replaces the configured list, --extend-exclude adds to it
    assert _checked(run("check", "--format", "json", "--exclude", "reports", ".", cwd=repo)) == [
        "README.md", "b.txt", "requirements.txt"]
    assert _checked(run("check", "--format", "json", "--extend-exclude", "a.txt", ".", cwd=repo)) == []


def test_exit_zero_keeps_findings_but_not_unreadable_files(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text(GAP, encoding="utf-8")
    out = run("check", "--exit-zero", str(report))
    assert out.returncode == 0 and "HDG001" in out.stdout
    assert run("check", "--exit-zero", str(report), str(tmp_path / "missing.txt")).returncode == 2


def test_stdin_is_read_as_the_file_it_names(tmp_path):
    def piped(data: bytes, *args):
        return subprocess.run([sys.executable, "-m", "reportlint", "check", *args], input=data, capture_output=True)

    out = piped(GAP.encode("utf-8"), "-", "--stdin-filename", "reports/a.txt", "--format", "concise")
    assert out.returncode == 1
    text = out.stdout.decode("utf-8")
    assert "\nreports/a.txt:7:1: HDG001 [警告]" in text and "stdin" not in text
    word = piped((FIXTURES / "docx" / "sample_selfeval_2022.docx").read_bytes(), "-", "--stdin-filename", "报告.docx",
                 "--format", "json")
    files = json.loads(word.stdout)["files"]
    assert files[0]["path"] == "报告.docx" and {"SUM001", "PCT003"} <= {f["rule"] for f in files[0]["findings"]}
    assert piped(b"", "-", "x.txt").returncode == 2  # stdin with other paths: a usage error


def test_statistics_prints_only_the_counts(fixtures):
    out = run("check", "--statistics", str(fixtures / "sample_selfeval_2022.txt"))
    lines = out.stdout.splitlines()
    assert lines[-1].startswith("共 8 个问题")
    assert all(line.split()[1][:3].isalpha() and line.split()[0].isdigit() for line in lines[:-1])
    assert len(lines) == 9 and "^" not in out.stdout


def test_extract_on_a_folder_extracts_each_file(tmp_path, fixtures):
    shutil.copy(fixtures / "sample_selfeval_2022.txt", tmp_path / "a.txt")
    shutil.copy(fixtures / "docx" / "clean_selfeval_2023.docx", tmp_path / "b.docx")
    out = run("extract", str(tmp_path))
    assert out.returncode == 0
    assert f"{tmp_path / 'a.txt'} (text)" in out.stdout and f"{tmp_path / 'b.docx'} (docx)" in out.stdout
    as_json = json.loads(run("extract", "--format", "json", str(tmp_path)).stdout)
    assert [os.path.basename(d["path"]) for d in as_json] == ["a.txt", "b.docx"]
    pdf = run("extract", str(fixtures / "pdf" / "final_2024.pdf")).stdout
    assert " p1 " in pdf and " TC " in pdf  # pages, and the table of contents as such


def test_runs_from_a_source_checkout_without_the_installs_mapping():
    """`python -m reportlint` in the repository root imports the source folder, where rules/ is not
    the package `reportlint.rules` (only an install maps it): the shipped pack is still found."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(site.getsitepackages())}
    out = subprocess.run([sys.executable, "-S", "-m", "reportlint", "check", "--format", "concise",
                          "fixtures/sample_selfeval_2022.txt"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.returncode == 1, out.stderr
    assert "SUM001" in out.stdout


def test_help_and_usage_errors_speak_chinese_like_the_findings():
    out = run("check", "--help")
    assert out.returncode == 0 and out.stdout.startswith("用法：") and "check [OPTIONS] PATHS..." in out.stdout
    assert "选项：" in out.stdout and "显示此帮助并退出。" in out.stdout and "[默认：text]" in out.stdout
    cases = [
        (["check", "--bogus", "x.txt"], "reportlint: 错误：没有选项 '--bogus'。是否想用 '--jobs'？（见 `reportlint check --help`）"),
        (["check"], "reportlint: 错误：缺少参数 'PATHS...'（见 `reportlint check --help`）"),
        (["check", "--format", "xml", "x.txt"], "reportlint: 错误：'--format' / '--output-format' 的值无效：'xml' 不在"),
        (["nothing"], "reportlint: 错误：没有命令 'nothing'（见 `reportlint --help`）"),
        (["check", "--today", "2024-02-30", "x.txt"], "reportlint: 错误：--today 须为 2024-03-31 这样的日期"),
    ]
    for args, line in cases:
        out = run(*args)
        assert out.returncode == 2 and out.stderr.startswith(line), (args, out.stderr)
        assert out.stderr.count("\n") == 1
