import hashlib
import json
import zipfile
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, run_cli as run

DATA = ROOT / "tests" / "data"




def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


# -- SARIF --------------------------------------------------------------------------------------

def test_sarif_validates_against_the_official_schema(fixtures, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK broken")
    out = run("check", "--format", "sarif", str(fixtures / "sample_selfeval_2022.txt"),
              str(fixtures / "docx" / "sample_selfeval_2022.docx"), str(bad))
    sarif = json.loads(out.stdout)
    jsonschema.validate(sarif, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    run0 = sarif["runs"][0]
    assert run0["columnKind"] == "unicodeCodePoints"
    results = run0["results"]
    rules = run0["tool"]["driver"]["rules"]
    first = next(r for r in results if r["ruleId"] == "SUM001")
    assert rules[first["ruleIndex"]]["id"] == "SUM001" and rules[first["ruleIndex"]]["helpUri"].endswith("#sum001")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (14, 11, "3210.50万元")
    assert re.fullmatch(r"[0-9a-f]{16}", first["partialFingerprints"]["reportlintFingerprint/v1"])
    assert run0["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


# -- HTML ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sample_selfeval_2022.txt", "docx/sample_selfeval_2022.docx"])
def test_html_report_is_self_contained_and_linked_both_ways(fixtures, tmp_path, name):
    target = tmp_path / "r.html"
    out = run("check", "--format", "html", "-o", str(target), str(fixtures / name))
    assert out.returncode == 1
    html = target.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # nothing fetched or linked out
    assert "<script" not in html
    marks = re.findall(r'<a id="ev-(\d+)"></a>', html)
    items = re.findall(r'<li id="f-(\d+)"', html)
    assert marks and set(marks) <= set(items)
    for n in marks:  # each highlight links to its list item and back
        assert f'href="#f-{n}"' in html and f'href="#ev-{n}"' in html
    assert '<mark class="error"' in html and "3210.50万元" in html
    assert 'id="rule-SUM001"' in html


def test_multi_file_html_has_an_index_and_unique_ids(fixtures, tmp_path):
    target = tmp_path / "r.html"
    files = [fixtures / "docx" / "sample_selfeval_2022.docx", fixtures / "docx" / "clean_selfeval_2023.docx",
             fixtures / "pdf" / "final_2024.pdf", tmp_path / "missing.docx"]
    run("check", "--format", "html", "-o", str(target), "--today", "2025-06-01", *map(str, files))
    html = target.read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    index = re.search(r'<nav class="index">(.*?)</nav>', html).group(1)
    assert index.count("<li>") == 4 and "未发现问题" in index and "无法读取" in index
    for k in range(1, 5):
        assert f'href="#d{k}"' in index and f'id="d{k}"' in html
    assert "第3页第8行" in html  # a PDF finding names its page
    assert "1 个文件无法读取" in html  # the unread file is counted apart, never as "no problems"


# -- locations a reader can follow ----------------------------------------------------------------

def test_word_findings_cite_the_heading_path_and_paragraph_not_a_line(fixtures):
    out = run("check", "--format", "json", "--today", "2024-06-01",
              str(fixtures / "docx" / "autonumber_selfeval_2022.docx"))
    findings = {f["rule"]: f for f in json.loads(out.stdout)["files"][0]["findings"]}
    dup = findings["DUP001"]
    assert dup["location"]["where"] == "五、下一步改进措施 › 第3段"
    assert dup["message"] == "与五、下一步改进措施 › 第2段的段落重复" and "行" not in dup["message"]
    assert findings["PCT004"]["location"]["where"] == "五、下一步改进措施 › 表2 第2行第4列"
    text = run("check", "--no-color", "--today", "2024-06-01", str(fixtures / "docx" / "autonumber_selfeval_2022.docx")).stdout
    # `path:line:col: CODE [级别]` for problem matchers, then the place and the sentence around the evidence
    assert re.search(r"autonumber_selfeval_2022\.docx:\d+:\d+: PCT003 \[错误\] ", text)
    assert "    位置：一、部门概况 › （一）机构与人员 › 第1段\n    2022年末核定编制40人，实有在职38人，编制控制率105.26%；\n" in text


def test_pdf_findings_cite_page_and_line_in_every_format(fixtures):
    path = str(fixtures / "pdf" / "final_2024.pdf")
    finding = next(f for f in json.loads(run("check", "--format", "json", path).stdout)["files"][0]["findings"]
                   if f["rule"] == "PCT005")
    assert finding["location"]["where"] == "第3页第8行" and finding["location"]["page"] == 3
    github = run("check", "--format", "github", path).stdout
    assert re.search(r"::error file=[^,]+,line=8,col=\d+,.*title=PCT005[^:]*::.*%0A位置：第3页第8行", github)
    sarif = json.loads(run("check", "--format", "sarif", path).stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PCT005")
    props = result["locations"][0]["properties"]
    assert props["page"] == 3 and len(props["box"]) == 4 and props["where"] == "第3页第8行"
    assert "None" not in json.dumps(sarif, ensure_ascii=False)


# -- annotated docx -----------------------------------------------------------------------------

def _anchored(path):
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(path)
    comments = {str(c.comment_id): c for c in document.comments}
    texts, active = {}, set()
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            active.add(el.get(qn("w:id")))
            texts[el.get(qn("w:id"))] = ""
        elif el.tag == qn("w:commentRangeEnd"):
            active.discard(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for a in active:
                texts[a] += el.text or ""
    return [(c.author, c.text, texts.get(cid, "")) for cid, c in comments.items()]


def test_annotate_round_trip(fixtures, tmp_path):
    src = fixtures / "docx" / "sample_selfeval_2022.docx"
    before = sha(src)
    out_path = tmp_path / "annotated.docx"
    out = run("annotate", str(src), "-o", str(out_path), "--today", "2024-01-01")
    assert out.returncode == 1, out.stderr
    assert sha(src) == before
    findings = json.loads(run("check", "--format", "json", "--today", "2024-01-01", str(src)).stdout)["files"][0]["findings"]
    comments = _anchored(out_path)
    assert len(comments) == len(findings) > 5
    for f in findings:
        match = [c for c in comments if c[1].startswith(f["rule"] + " " + f["message"])]
        assert match, f["rule"]
        author, text, anchored = match[0]
        assert author == "reportlint"
        if f["location"]["table"] is None:
            assert anchored == f["evidence"]
        else:
            assert f["evidence"] in anchored
    # formatting survives a split: the runs around the evidence keep the paragraph's text intact
    from reportlint.readers import read_document

    assert [b.text.value for b in read_document(str(out_path)).blocks if b.kind != "table"] == \
           [b.text.value for b in read_document(str(src)).blocks if b.kind != "table"]


def test_annotate_refuses_to_write_over_its_input(fixtures, tmp_path):
    src = tmp_path / "r.docx"
    shutil.copy(fixtures / "docx" / "sample_selfeval_2022.docx", src)
    before = sha(src)
    out = run("annotate", str(src), "-o", str(src))
    assert out.returncode == 2 and "拒绝覆盖" in out.stderr
    assert sha(src) == before
    assert run("annotate", str(fixtures / "sample_selfeval_2022.txt"), "-o", str(tmp_path / "x.docx")).returncode == 2


def test_annotated_docx_converts_with_libreoffice(fixtures, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out_path = tmp_path / "annotated.docx"
    run("annotate", str(fixtures / "docx" / "sample_selfeval_2022.docx"), "-o", str(out_path))
    conv = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out_path)],
                          capture_output=True, text=True, timeout=180)
    assert conv.returncode == 0 and (tmp_path / "annotated.pdf").exists()


# -- suppressions -------------------------------------------------------------------------------

REPORT = ("某局2022年度部门整体支出绩效自评报告\n\n一、部门概况\n"
          "2022年部门总支出3210.50万元，其中基本支出1020.30万元，项目支出2180.20万元。\n")


def _rules_of(path, *extra):
    out = run("check", "--format", "json", "--select", "SUM,RL", *extra, str(path))
    return [(f["rule"], f["location"]["line"]) for f in json.loads(out.stdout)["files"][0]["findings"]]


def test_disable_next_line_with_reason(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(REPORT.replace("2022年部门总支出", "<!-- reportlint-disable-next-line SUM001 -- 已与财务核对 -->\n2022年部门总支出"),
                    encoding="utf-8")
    assert _rules_of(path) == []


def test_disable_enable_range_and_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("<!-- reportlint-disable SUM -->\n" + REPORT + "<!-- reportlint-enable SUM -->\n"
                    "2023年总支出100.00万元，其中基本支出40.00万元，项目支出50.00万元。\n", encoding="utf-8")
    assert [r for r, _ in _rules_of(path)] == ["SUM001"]
    path.write_text("<!-- reportlint-disable-file SUM001 -->\n" + REPORT, encoding="utf-8")
    assert _rules_of(path) == []


def test_unused_suppression_is_reported(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("<!-- reportlint-disable-next-line DAT001 -->\n" + REPORT, encoding="utf-8")
    out = run("check", "--format", "json", "--select", "DAT001,RL100,SUM", str(path))
    rules = [f["rule"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert "RL100" in rules and "SUM001" in rules


def test_word_comment_suppresses_a_rule_over_its_range(fixtures, tmp_path):
    import docx

    src = tmp_path / "r.docx"
    document = docx.Document(str(fixtures / "docx" / "sample_selfeval_2022.docx"))
    para = next(p for p in document.paragraphs if "3210.50" in p.text)
    document.add_comment(para.runs, text="reportlint-disable SUM001 -- 口径不同", author="审核人")
    document.save(str(src))
    out = run("check", "--format", "json", "--select", "SUM001,RL100", str(src))
    assert [f["rule"] for f in json.loads(out.stdout)["files"][0]["findings"]] == []


# -- baseline -----------------------------------------------------------------------------------

def test_baseline_survives_edits_elsewhere_and_reports_stale_entries(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "baseline.json"
    first = run("check", "--select", "SUM", "--write-baseline", str(base), str(path), cwd=tmp_path)
    assert first.returncode == 1
    assert json.loads(base.read_text())["entries"][0]["rule"] == "SUM001"
    # insert lines above: line numbers shift, the fingerprint does not
    path.write_text(REPORT.replace("一、部门概况\n", "一、部门概况\n本局职责如下。\n另有说明。\n"), encoding="utf-8")
    out = run("check", "--select", "SUM", "--baseline", str(base), str(path), cwd=tmp_path)
    assert out.returncode == 0, out.stdout
    # fix the problem: the entry no longer occurs and the run says so
    path.write_text(REPORT.replace("3210.50", "3200.50"), encoding="utf-8")
    out = run("check", "--select", "SUM", "--baseline", str(base), str(path), cwd=tmp_path)
    assert out.returncode == 0 and "已不再出现" in out.stderr


# -- rule docs ----------------------------------------------------------------------------------

def test_rule_docs_are_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rule_docs.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == gen.render(), \
        "docs/rules.md is stale: run python scripts/gen_rule_docs.py"


# -- pre-commit ---------------------------------------------------------------------------------

def test_pre_commit_hook_with_real_pre_commit(fixtures, tmp_path):
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None or shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("pre-commit, git or a git checkout of reportlint is missing")
    repo = tmp_path / "reports"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    shutil.copy(fixtures / "clean_selfeval_2023.md", repo / "clean.md")
    shutil.copy(fixtures / "sample_selfeval_2022.txt", repo / "defective.txt")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def try_repo(name):
        return subprocess.run([pre_commit, "try-repo", str(ROOT), "reportlint", "--files", name], cwd=repo,
                              capture_output=True, text=True, env=env, timeout=900)

    # a repository's own README (here with a numbering gap) is not a report: excluded by default,
    # and the hook passes --force-exclude because pre-commit names every changed file
    (repo / "README.md").write_text("# 报告库说明\n\n一、目录结构\n\n说明。\n\n三、提交规范\n\n说明。\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    assert try_repo("README.md").returncode == 0
    clean = try_repo("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    bad = try_repo("defective.txt")
    assert bad.returncode == 1
    assert "SUM001" in bad.stdout and "defective.txt" in bad.stdout


def test_directives_are_parsed_with_their_reasons_and_unclosed_openers_cost_nothing():
    from reportlint.suppress import directives

    line = "正文<!-- reportlint-disable SUM001, PCT -- 口径不同 -->中间<!-- 普通注释 --><!-- reportlint-enable -->"
    assert [(kind, codes.strip()) for _, kind, codes in directives(line)] == [
        ("disable", "SUM001, PCT"), ("enable", "")]
    assert next(directives(line))[0] == line.index("<!--")
    assert list(directives("<!-- <!-- reportlint-disable-file DUP -->")) == [(5, "disable-file", " DUP ")]
    assert list(directives("<!-- reportlint-disable " * 5000)) == []


def test_annotating_an_annotated_copy_replaces_reportlints_comments_and_keeps_a_reviewers(fixtures, tmp_path):
    import docx

    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    run("annotate", str(fixtures / "docx" / "sample_selfeval_2022.docx"), "-o", str(first), "--today", "2024-01-01")
    reviewed = docx.Document(str(first))
    paragraph = next(p for p in reviewed.paragraphs if p.runs)
    reviewed.add_comment(paragraph.runs, text="请核对口径", author="审核人")
    reviewed.save(str(first))
    run("annotate", str(first), "-o", str(second), "--today", "2024-01-01")
    comments = _anchored(second)
    ours = [c for c in comments if c[0] == "reportlint"]
    assert len(ours) == len([c for c in _anchored(first) if c[0] == "reportlint"]) > 5
    assert [c[1] for c in comments if c[0] == "审核人"] == ["请核对口径"]
    xml = zipfile.ZipFile(second).read("word/document.xml").decode()
    assert xml.count("<w:commentRangeStart") == xml.count("<w:commentReference") == len(comments)
