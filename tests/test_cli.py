import json
import os

import pytest

from conftest import ROOT, run_cli as run

SCHEMA = ROOT / "reportlint" / "schema" / "report.schema.json"




def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("reportlint ")


def test_check_text_output_and_exit_code(fixtures):
    out = run("check", "--no-color", "--today", "2024-06-01", str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 1
    assert "sample_selfeval_2022.txt:14:11: SUM001 [错误]" in out.stdout
    assert "应为：3200.50万元" in out.stdout and "None" not in out.stdout
    # the caret sits under the evidence, two columns per CJK character
    lines = out.stdout.splitlines()
    k = next(i for i, line in enumerate(lines) if "SUM001" in line)
    source, carets = lines[k + 1], lines[k + 2]
    assert carets.strip() == "^" * 11  # "3210.50万元": 7 ASCII columns + 2 wide characters
    from reportlint.findings import display_width

    assert len(carets) - len(carets.lstrip()) == display_width(source[:source.index("3210.50万元")])
    assert "\033[" not in out.stdout


def test_clean_report_exits_0(fixtures):
    out = run("check", str(fixtures / "clean_selfeval_2023.md"))
    assert out.returncode == 0, out.stdout
    assert "未发现问题" in out.stdout


def test_fail_on_and_select(fixtures):
    path = str(fixtures / "sample_selfeval_2022.txt")
    assert run("check", "--select", "DUP005", path).returncode == 0
    assert run("check", "--select", "DAT", "--fail-on", "error", path).returncode == 1
    assert run("check", "--select", "HDG", "--fail-on", "error", path).returncode == 0  # HDG001 is a warning


def test_ignore_by_prefix(fixtures):
    out = run("check", "--format", "json", "--ignore", "SUM,UNT,PCT,DAT,DUP,HDG", str(fixtures / "sample_selfeval_2022.txt"))
    assert json.loads(out.stdout)["summary"]["findings"] == 0 and out.returncode == 0


def test_unknown_rule_is_a_usage_error(fixtures):
    out = run("check", "--select", "XYZ9", str(fixtures / "clean_selfeval_2023.md"))
    assert out.returncode == 2
    assert out.stderr.strip() == "reportlint: 错误：未知的规则代码或前缀 'XYZ9'（见 `reportlint rules`）"


def test_json_matches_the_schema(fixtures, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    out = run("check", "--format", "json", str(fixtures / "sample_selfeval_2022.txt"),
              str(fixtures / "docx" / "sample_selfeval_2022.docx"), str(bad))
    data = json.loads(out.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert out.returncode == 2
    files = {os.path.basename(f["path"]): f for f in data["files"]}
    assert files["broken.docx"]["error"].startswith("不是有效的 .docx")
    docx_findings = files["sample_selfeval_2022.docx"]["findings"]
    score = next(f for f in docx_findings if f["rule"] == "SUM002")
    assert score["location"]["table"] == 1 and score["location"]["row"] == 8 and score["location"]["cell"] == 4
    assert all(len(f["fingerprint"]) == 16 for f in docx_findings)


def test_bad_inputs_give_one_line_each_and_the_rest_is_checked(fixtures, tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    out = run("check", "--format", "json", str(empty), str(legacy), str(tmp_path / "missing.txt"),
              str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 2
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("reportlint: 错误：") for e in errors)
    assert "Traceback" not in out.stderr
    assert "空文件" in errors[0] and "旧版 .doc" in errors[1] and "文件不存在" in errors[2]
    data = json.loads(out.stdout)
    assert data["files"][3]["findings"]


def test_directories_are_walked_and_lock_files_skipped(fixtures, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text((fixtures / "clean_selfeval_2023.md").read_text(), encoding="utf-8")
    (tmp_path / "sub" / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "sub" / "notes.odt").write_bytes(b"PK")  # not a supported type: not picked up
    out = run("check", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(out.stdout)["files"]]
    assert [os.path.basename(p) for p in paths] == ["a.md"]
    assert out.returncode == 0


def test_config_discovery_and_unknown_key(fixtures, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text((fixtures / "sample_selfeval_2022.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["HDG"]\nfail-on = "error"\n')
    out = run("check", "--format", "json", str(report))
    rules = {f["rule"] for f in json.loads(out.stdout)["files"][0]["findings"]}
    assert rules == {"HDG001"} and out.returncode == 0
    (tmp_path / "reportlint.toml").write_text('selct = ["SUM"]\n')
    out = run("check", str(report))
    assert out.returncode == 2
    assert "未知的配置项 'selct'" in out.stderr and "reportlint.toml" in out.stderr


def test_severity_override_in_config(fixtures, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text((fixtures / "sample_selfeval_2022.txt").read_text(encoding="utf-8"), encoding="utf-8")
    cfg = tmp_path / "custom.toml"
    cfg.write_text('select = ["HDG001"]\n[severity]\nHDG001 = "error"\n')
    out = run("check", "--config", str(cfg), "--format", "json", "--fail-on", "error", str(report))
    finding = json.loads(out.stdout)["files"][0]["findings"][0]
    assert finding["severity"] == "error" and out.returncode == 1


def test_rules_and_rule_explain():
    out = run("rules")
    assert out.returncode == 0
    for code in ("SUM001", "UNT001", "PCT003", "DAT001", "DUP001", "HDG002", "RL000"):
        assert code in out.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert all({"code", "name", "category", "severity", "summary"} <= set(r) for r in data)
    explain = run("rule", "sum001")
    assert explain.returncode == 0
    for part in ("## 作用", "## 为什么", "## 错误示例", "## 正确写法", "## 选项"):
        assert part in explain.stdout
    assert run("rule", "NOPE1").returncode == 2


def test_profiles_are_listed():
    out = run("rules", "--profiles")
    assert "dept-selfeval" in out.stdout and "project-selfeval" in out.stdout and "generic" in out.stdout


def test_extract_text_and_json(fixtures):
    out = run("extract", str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 0 and "报告年度: 2022" in out.stdout and "[一、] 部门概况" in out.stdout
    data = json.loads(run("extract", "--format", "json", str(fixtures / "docx" / "merged_cells_2023.docx")).stdout)
    table = next(b for b in data["blocks"] if b["kind"] == "table")
    assert table["rows"][0][1] == {"text": "支出决算", "col": 1, "row_span": 1, "col_span": 3}
    assert run("extract", str(fixtures / "nope.txt")).returncode == 2


def test_output_file_is_written_and_inputs_untouched(fixtures, tmp_path):
    import hashlib

    src = fixtures / "sample_selfeval_2022.txt"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    target = tmp_path / "report.json"
    out = run("check", "--format", "json", "-o", str(target), str(src))
    assert out.returncode == 1 and out.stdout == ""
    assert json.loads(target.read_text())["summary"]["findings"] > 0
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportlint-")]
    assert run("check", "-o", str(src), str(src)).returncode == 2


def test_github_format_escapes(fixtures):
    out = run("check", "--format", "github", str(fixtures / "sample_selfeval_2022.txt"))
    line = next(line for line in out.stdout.splitlines() if "SUM001" in line)
    assert line.startswith("::error file=") and ",line=14,col=11," in line and "title=SUM001 sum-mismatch::" in line


def test_concise_and_statistics(fixtures):
    out = run("check", "--format", "concise", "--statistics", str(fixtures / "sample_selfeval_2022.txt"))
    assert "    应为" not in out.stdout
    assert any(line.strip().startswith("1  SUM001") for line in out.stdout.splitlines())


def test_a_broken_rule_pack_in_a_nested_config_is_one_line(fixtures, tmp_path):
    good = tmp_path / "a" / "r.txt"
    bad = tmp_path / "b" / "r.txt"
    for path in (good, bad):
        path.parent.mkdir()
        path.write_text((fixtures / "clean_selfeval_2023.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b" / "pack").mkdir()
    (tmp_path / "b" / "pack" / "terms.toml").write_text("not = [valid toml", encoding="utf-8")
    (tmp_path / "b" / "reportlint.toml").write_text('rule-packs = ["pack"]\n', encoding="utf-8")
    out = run("check", str(good), str(bad))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("reportlint: 错误：") == 1 and "TOML 格式错误" in out.stderr
