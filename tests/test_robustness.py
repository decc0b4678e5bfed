import hashlib
import json
import os
import resource
import stat
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.extract.cnnum import parse_cn_int
from reportlint.extract.dates import find_dates
from reportlint.extract.quantities import find_quantities
from reportlint.extract.numbering import parse_label
from reportlint.readers.text import read_text

from conftest import ROOT, run_cli as run, load_script

bad_inputs = load_script("make_bad_inputs")




@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    return folder, bad_inputs.build(str(folder))


def test_every_bad_input_is_one_line_exit_2_and_the_rest_is_checked(bad_corpus, fixtures):
    folder, expect = bad_corpus
    paths = [str(folder / name) for name in sorted(expect)] + [str(folder / "missing.docx"),
                                                              str(fixtures / "sample_selfeval_2022.txt")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = run("check", "--format", "json", "--jobs", "1", *paths)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == len(expect) + 1
    for name, cause in expect.items():
        line = next(line for line in lines if f"/{name}:" in line)
        assert line.startswith("reportlint: 错误：") and cause.lower() in line.lower(), line
    assert any("missing.docx: 文件不存在" in line for line in lines)
    data = json.loads(out.stdout)
    assert data["files"][-1]["findings"], "the good report is still checked"
    assert max(before, peak_kb) < 600 * 1024, "memory must stay bounded (zip bomb, 50 MB line)"


def test_bad_inputs_in_parallel_keep_their_order(bad_corpus, fixtures):
    folder, expect = bad_corpus
    paths = [str(folder / name) for name in sorted(expect)]
    out = run("check", "--format", "json", "--jobs", "2", *paths, str(fixtures / "clean_selfeval_2023.md"))
    data = json.loads(out.stdout)
    assert [f["path"] for f in data["files"]] == paths + [str(fixtures / "clean_selfeval_2023.md")]
    assert out.returncode == 2


def test_a_directory_of_thousands_of_files(tmp_path, fixtures):
    text = "某局2023年度部门整体支出绩效自评报告\n一、部门概况\n2023年总支出300.00万元，其中基本支出100.00万元，项目支出210.00万元。\n"
    for k in range(2000):
        sub = tmp_path / f"d{k % 20}"
        sub.mkdir(exist_ok=True)
        (sub / f"r{k:04d}.txt").write_text(text, encoding="utf-8")
    out = run("check", "--format", "json", "--select", "SUM", "--jobs", "2", str(tmp_path))
    data = json.loads(out.stdout)
    assert data["summary"]["files"] == 2000 and out.returncode == 1
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)
    assert len({len(f["findings"]) for f in data["files"]}) == 1  # the same report gives the same findings


def _hash(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_inputs_are_byte_identical_after_check_extract_and_annotate(fixtures, tmp_path):
    inputs = [fixtures / "sample_selfeval_2022.txt", fixtures / "clean_selfeval_2023.md",
              fixtures / "docx" / "sample_selfeval_2022.docx", fixtures / "docx" / "merged_cells_2023.docx"]
    before = {p: _hash(p) for p in inputs}
    mtimes = {p: os.stat(p).st_mtime_ns for p in inputs}
    run("check", *map(str, inputs))
    run("check", "--format", "html", "-o", str(tmp_path / "r.html"), *map(str, inputs))
    for p in inputs:
        run("extract", str(p))
    run("annotate", str(inputs[2]), "-o", str(tmp_path / "a.docx"))
    assert {p: _hash(p) for p in inputs} == before
    assert {p: os.stat(p).st_mtime_ns for p in inputs} == mtimes


# -- properties ---------------------------------------------------------------------------------

REPORTISH = st.text(alphabet=st.sampled_from(list("一二三四五六七八九十、（）()。，；：%万元亿个人年月日其中合计总计\t\n 0123456789.-|#"
                                                  "预算支出基本项目收入约近余多超过以上占增长下降百分点截至")), max_size=400)


def _squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH)
def test_text_reader_never_crashes_and_loses_no_text(text):
    doc = read_text("p.md", text.encode("utf-8"))
    got = "".join(u.text.value for u in doc.units())
    # Markdown markup (heading #, table pipes and separator rows) may be consumed; every other
    # character must come out, in order.
    markup = str.maketrans("", "", "|#-:")
    assert _squeeze(got).translate(markup) == _squeeze(text).translate(markup)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_extractors_never_crash(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(text)
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        d.problem()
    label = parse_label(text)
    if label is not None:
        assert text[label.start:label.end] == label.raw
    parse_cn_int(text)


@settings(max_examples=200, deadline=None)
@given(REPORTISH)
def test_every_rule_runs_on_any_text(text):
    from reportlint.config import Config
    from reportlint.engine import lint

    findings = lint(read_text("p.txt", text.encode("utf-8")), Config())
    assert not [f for f in findings if f.rule == "RL000"], [f.message for f in findings if f.rule == "RL000"]


_DOCX_FIXTURE = ROOT / "fixtures" / "docx" / "sample_selfeval_2022.docx"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.floats(0, 1), st.one_of(
    st.binary(min_size=1, max_size=8),  # mostly breaks the XML: a ReadError
    st.sampled_from([b"9", b"12.5", b"-1", b"0", "万元".encode(), "合计".encode(), "（".encode(), b"%"]))),  # well-formed
    min_size=1, max_size=6),
       st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]))
def test_a_mutated_docx_is_read_or_refused_never_a_crash(tmp_path_factory, edits, part):
    """Bytes of a real-looking report's XML overwritten at random places: the reader returns a
    document every rule runs on, or one ReadError; nothing else escapes."""
    import io
    import zipfile

    from reportlint.config import Config
    from reportlint.engine import lint
    from reportlint.readers import ReadError, read_document

    buffer = io.BytesIO()
    with zipfile.ZipFile(_DOCX_FIXTURE) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data = bytearray(data)
                for where, new in edits:
                    at = int(where * (len(data) - len(new)))
                    data[at:at + len(new)] = new
                data = bytes(data)
            dst.writestr(item.filename, data)
    path = tmp_path_factory.mktemp("mutated") / "m.docx"
    path.write_bytes(buffer.getvalue())
    try:
        document = read_document(str(path))
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    findings = lint(document, Config())
    assert not [f for f in findings if f.rule == "RL000"], [f.message for f in findings if f.rule == "RL000"]


def test_progress_bar_only_when_asked(capsys):
    from reportlint.runner import _progress

    assert list(_progress(iter(range(20)), 20, False)) == list(range(20))
    assert capsys.readouterr().err == ""
    assert list(_progress(iter(range(20)), 20, True)) == list(range(20))
    assert "reportlint" in capsys.readouterr().err


def test_heavy_pieces_load_only_when_needed(fixtures):
    code = ("import sys\nfrom reportlint.cli import main\nsys.argv = ['reportlint', 'check', '-q', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('jieba' in sys.modules, 'docx' in sys.modules)")
    for name, expect in (("sample_selfeval_2022.txt", "False False"), ("docx/sample_selfeval_2022.docx", "False True")):
        out = subprocess.run([sys.executable, "-c", code, str(fixtures / name)], capture_output=True, text=True)
        assert out.stdout.strip().splitlines()[-1] == expect, (name, out.stdout, out.stderr)


# -- nothing lost: outputs never replace inputs or special files -------------------------------------------------

def _digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_output_onto_a_report_inside_a_checked_folder_is_refused_before_checking(tmp_path, fixtures):
    reports = tmp_path / "reports"
    reports.mkdir()
    target = reports / "a.txt"
    target.write_bytes((fixtures / "sample_selfeval_2022.txt").read_bytes())
    before = _digest(target)
    out = run("check", "--format", "json", "-o", str(target), str(reports))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [f"reportlint: 错误：{target}: 是本次检查的输入文件；拒绝覆盖"]
    out = run("check", "--write-baseline", str(target), str(target))
    assert out.returncode == 2 and "是本次检查的输入文件" in out.stderr
    link = tmp_path / "link.json"
    link.symlink_to(target)  # the same file under another name is still the input
    assert run("check", "-o", str(link), str(reports)).returncode == 2
    assert _digest(target) == before


def test_output_through_a_link_keeps_the_link_and_a_fifo_is_written_through(tmp_path, fixtures):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    out = run("check", "--format", "json", "-o", str(link), str(fixtures / "clean_selfeval_2023.md"))
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and json.loads(real.read_text())["version"] == 1
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    out = run("check", "--format", "json", "-o", str(fifo), str(fixtures / "clean_selfeval_2023.md"))
    assert out.returncode == 0, out.stderr
    assert json.loads(reader.communicate(timeout=30)[0])["summary"]["files"] == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "a FIFO must not be replaced by a regular file"


def test_output_into_a_missing_or_read_only_folder_is_one_line_before_any_check(tmp_path, fixtures):
    out = run("check", "-o", str(tmp_path / "nope" / "r.json"), str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == f"reportlint: 错误：{tmp_path / 'nope' / 'r.json'}: 文件夹 {tmp_path / 'nope'} 不存在"
    out = run("annotate", str(fixtures / "docx" / "sample_selfeval_2022.docx"), "-o", str(tmp_path / "nope" / "a.docx"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert run("check", "-o", str(tmp_path), str(fixtures / "clean_selfeval_2023.md")).returncode == 2


def test_a_fifo_or_a_link_to_a_device_is_refused_not_read(tmp_path, fixtures):
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "good.md").write_bytes((fixtures / "clean_selfeval_2023.md").read_bytes())
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "json", str(folder)],
                         capture_output=True, text=True, timeout=60)
    assert [f["path"] for f in json.loads(out.stdout)["files"]] == [str(folder / "good.md")]
    assert sorted(out.stderr.strip().splitlines()) == [
        f"reportlint: 警告：{folder / 'pipe.txt'}: 不是普通文件；已跳过",
        f"reportlint: 警告：{folder / 'zero.txt'}: 不是普通文件；已跳过"]
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", str(folder / "pipe.txt"),
                          str(folder / "zero.txt")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 2 and "不是普通文件" in out.stderr


def test_structurally_odd_docx_is_read_or_refused_in_one_line(tmp_path, fixtures):
    odd = bad_inputs.build_odd(str(tmp_path))
    out = run("check", "--format", "json", "--jobs", "1", *[str(tmp_path / n) for n in odd],
              str(fixtures / "clean_selfeval_2023.md"))
    assert out.returncode in (0, 1), out.stderr
    assert "Traceback" not in out.stderr
    assert len(json.loads(out.stdout)["files"]) == len(odd) + 1


@pytest.mark.parametrize("signame, group, status", [("SIGINT", True, 130), ("SIGTERM", False, 143)])
def test_an_interrupt_exits_128_plus_signal_and_leaves_no_workers(tmp_path, fixtures, signame, group, status):
    """Ctrl-C reaches the whole foreground group; SIGTERM (a CI timeout) reaches the main process only."""
    import signal
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    text = (fixtures / "sample_selfeval_2022.txt").read_bytes()
    for k in range(1000):
        (folder / f"r{k:04d}.txt").write_bytes(text)
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "check", "--jobs", "2", "-o",
                             str(tmp_path / "out.txt"), str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.5)
    assert proc.poll() is None, "the run must still be going"
    (os.killpg if group else os.kill)(proc.pid, getattr(signal, signame))
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err
    assert b"Traceback" not in err
    assert not (tmp_path / "out.txt").exists(), "no partial output"
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".reportlint-")]
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-eo", "pgid,pid,cmd"], capture_output=True, text=True).stdout
    assert not [line for line in ps.splitlines() if line.split()[0] == str(proc.pid)], ps


def test_inputs_that_once_exploded_finish_in_seconds(tmp_path, fixtures):
    """Each was minutes, gigabytes or a crash: 2^26 formula corners, backtracking comment patterns,
    cubic item scans in a sentence without stops, numbering past 九十九, digits newer than Python's
    Unicode tables. Bounded here at 10 s each (they take well under a second or two)."""
    import time

    for name in bad_inputs.build_heavy(str(tmp_path)):
        started = time.perf_counter()
        out = run("check", "--format", "json", str(tmp_path / name))
        elapsed = time.perf_counter() - started
        assert out.returncode in (0, 1), (name, out.stderr)
        assert "Traceback" not in out.stderr and "RL000" not in out.stdout, (name, out.stdout[-500:])
        assert elapsed < 10, (name, elapsed)


BAD_CONFIGS = [
    ('[duplicates]\nsimilarity = "abc"\n', "duplicates.similarity"),
    ('[duplicates]\nmin-length = "x"\n', "duplicates.min-length"),
    ("[duplicates]\nmin-length = inf\n", "duplicates.min-length"),
    ("[tolerance]\nrelative = nan\n", "tolerance.relative"),
    ("[tolerance]\npercent-points = true\n", "tolerance.percent-points"),
    ('select = ["SUM", "BOGUS9"]\n', "BOGUS9"),
    ("select = []\n", "'select' 为空"),
    ('ignore = ["XYZ"]\n', "XYZ"),
    ('[severity]\nNOPE001 = "info"\n', "NOPE001"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "嵌套过深"),
]


@pytest.mark.parametrize("text, key", BAD_CONFIGS)
def test_a_bad_configuration_is_one_line_naming_file_and_key(tmp_path, fixtures, text, key):
    config = tmp_path / "reportlint.toml"
    config.write_text(text, encoding="utf-8")
    out = run("check", "--config", str(config), str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith(f"reportlint: 错误：{config}: ")
    assert key in out.stderr, out.stderr


def test_odd_configuration_files_and_options_are_one_line(tmp_path, fixtures):
    report = str(fixtures / "sample_selfeval_2022.txt")
    (tmp_path / "binary.toml").write_bytes(b"\x7fELF\x02\x01\x01\x00\xd0\xcf")
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "pyproject.toml").write_text("[tool.reportlint\nselect = 1\n", encoding="utf-8")
    (tmp_path / "proj" / "r.txt").write_text("一、情况\n\n收入10万元。\n", encoding="utf-8")
    cases = [
        (["--config", str(tmp_path / "binary.toml"), report], "不是 UTF-8"),
        (["--config", str(tmp_path / "dir.toml"), report], "文件夹"),
        ([str(tmp_path / "proj" / "r.txt")], "pyproject.toml: TOML 格式错误"),
        (["--period", "3000", report], "--period"),
        (["--jobs", "0", report], "--jobs"),
        (["--select", "", report], "--select"),
        (["--fail-on", "bogus", report], "--fail-on"),
        (["-o", str(tmp_path), report], "文件夹"),
    ]
    for args, words in cases:
        out = run("check", *args)
        assert out.returncode == 2, (args, out.stderr)
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("reportlint: 错误："), out.stderr
        assert words in out.stderr, (args, out.stderr)
    out = run("annotate", str(tmp_path), "-o", str(tmp_path / "x.docx"))
    assert out.returncode == 2 and out.stderr.count("\n") == 1


BAD_PACKS = [
    ("terms.toml", "[[synonyms]]\naliases = [\"甲\"]\n", "缺少 'canonical'"),
    ("terms.toml", "total-labels = 5\n", "'total-labels' 须为字符串列表"),
    ("phrases.toml", "phrases = 5\n", "'phrases' 须为字符串列表"),
    ("profiles/x.toml", "[profile]\nname = \"x\"\ntitle-patterns = [\"(unclosed\"]\n", "正则表达式"),
    ("profiles/y.toml", "title = 1\n", "[profile] 表"),
]


@pytest.mark.parametrize("name, text, words", BAD_PACKS)
def test_a_bad_rule_pack_is_one_line_naming_file_and_key(tmp_path, fixtures, name, text, words):
    pack = tmp_path / "pack"
    (pack / "profiles").mkdir(parents=True)
    (pack / name).write_text(text, encoding="utf-8")
    out = run("check", "--rule-pack", str(pack), str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert str(pack / name) in out.stderr and words in out.stderr, out.stderr


def test_a_non_utf8_terms_file_and_a_backtracking_title_pattern(tmp_path, fixtures):
    pack = tmp_path / "pack"
    (pack / "profiles").mkdir(parents=True)
    (pack / "terms.toml").write_bytes("total-labels = [\"合计\"]\n".encode("gb18030"))
    out = run("check", "--rule-pack", str(pack), str(fixtures / "sample_selfeval_2022.txt"))
    assert out.returncode == 2 and "不是 UTF-8" in out.stderr
    (pack / "terms.toml").unlink()
    (pack / "profiles" / "slow.toml").write_text(
        '[profile]\nname = "slow"\ntitle-patterns = ["(x+x+)+y"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("x" * 150 + "\n\n一、情况\n\n收入10万元。\n", encoding="utf-8")
    import time

    started = time.perf_counter()
    out = run("check", "--rule-pack", str(pack), str(report))
    assert out.returncode in (0, 1) and time.perf_counter() - started < 10


def test_file_names_that_are_not_utf8_or_hold_control_characters_stay_valid_output(tmp_path, fixtures):
    folder = tmp_path / "names"
    folder.mkdir()
    text = (fixtures / "sample_selfeval_2022.txt").read_bytes()
    raw = os.fsencode(str(folder)) + b"/bad\xff name.txt"
    with open(raw, "wb") as fh:
        fh.write(text)
    (folder / "new\nline\x1b[31m.txt").write_bytes(text.replace("部门".encode(), "部门\x1b[2J".encode(), 1))
    for fmt in ("json", "sarif"):
        out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", fmt, str(folder)],
                             capture_output=True, timeout=120)
        decoded = out.stdout.decode("utf-8")  # valid UTF-8 whatever the names
        data = json.loads(decoded)
        if fmt == "sarif":
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in data["runs"][0]["results"]}
            assert all(" " not in u and "\n" not in u for u in uris), uris
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-color", str(folder)],
                         capture_output=True, timeout=120)
    shown = out.stdout.decode("utf-8")
    assert "\x1b" not in shown and "\\x1b" in shown
    heads = [line for line in shown.splitlines() if ": SUM001 " in line]
    assert len(heads) == 2 and all(line.startswith(str(folder)) for line in heads)
