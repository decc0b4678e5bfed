"""Tables laid out as Word users lay them out — a group label merged down over its rows, a label merged
down from the header row, a note merged across the number columns — and the same .docx re-saved by
LibreOffice: every rendering finds the same slips as the text, and nothing more."""
import datetime
import importlib.util
import shutil
import subprocess

import pytest

from conftest import ROOT, seed_paths

from reportlint.config import Config
from reportlint.engine import lint
from reportlint.readers import read_document

spec = importlib.util.spec_from_file_location("build_fixtures", ROOT / "scripts" / "build_fixtures.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)

REPORT = """某县某局2023年度部门整体支出绩效自评报告

一、部门概况

本局编制44人，2023年末实际在职41人。

二、人员控制情况

| 财政供养人员情况 | 编制数 | 实际在职人数 | 控制率 |
| --- | --- | --- | --- |
|  | 44 | 41 | 93.18% |

三、支出情况

| 项目 | 情况 |
| --- | --- |
| 支出结构 | 2023年支出合计100.00万元，其中人员经费60.00万元，公用经费30.00万元，项目支出10.00万元。 |
| 执行情况 | 全年下达任务40个，完成36个，完成率90.00%。 |

四、自评得分

| 一级指标 | 二级指标 | 分值 | 得分 |
| --- | --- | --- | --- |
| 投入 | 预算执行率 | 20 | 20 |
|  | 预算管理 | 20 | 19 |
| 产出 | 数量指标 | 30 | 29 |
|  | 说明：数量指标按季度考核，全年四次 |  |  |
| 效益 | 社会效益 | 20 | 19 |
| 满意度 | 服务对象满意度 | 10 | 9 |
| 总分 |  | 100 | 96 |

某县某局
2024年3月15日
"""

SLIPS = [
    # the ratio inverted in a row whose label cell is merged down from the header
    ("|  | 44 | 41 | 93.18% |", "|  | 44 | 41 | 107.32% |", "PCT004", "93.18%"),
    # a 分值 that no longer adds up, in a score table with a note merged across its score columns
    ("| 产出 | 数量指标 | 30 | 29 |", "| 产出 | 数量指标 | 35 | 29 |", "SUM002", "105"),
    # sentences that live in table cells are read like paragraphs
    ("公用经费30.00万元，项目支出10.00万元", "公用经费40.00万元，项目支出10.00万元", "SUM001", "≤ 100.00万元"),
    ("完成率90.00%", "完成率95.00%", "PCT003", "90.00%"),
]


def _renderings(tmp_path, text: str) -> list:
    source = tmp_path / "report.md"
    source.write_text(text, encoding="utf-8")
    merged = tmp_path / "merged.docx"
    build.text_to_docx(str(source), str(merged), merge=True)
    paths = [source, merged]
    soffice = shutil.which("soffice")
    if soffice:
        out = tmp_path / "resaved"
        out.mkdir()
        subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", str(out), str(merged)],
                       check=True, capture_output=True, timeout=120)
        paths.append(out / "merged.docx")
    return paths


def _findings(path):
    config = Config(select=("SUM", "PCT", "TBL"), today=datetime.date(2026, 6, 1))
    return lint(read_document(str(path)), config)


def test_the_merged_layout_is_what_word_users_make(tmp_path):
    merged = _renderings(tmp_path, REPORT)[1]
    doc = read_document(str(merged))
    people, _, scores = doc.tables
    assert people.rows[0][0].row_span == 2 and [c.col for c in people.rows[1]] == [1, 2, 3]
    note = next(c for row in scores.rows for c in row if c.value.startswith("说明"))
    assert (note.col, note.col_span) == (1, 3)
    assert scores.rows[1][0].value == "投入" and scores.rows[1][0].row_span == 2


def test_the_clean_report_is_silent_in_every_rendering(tmp_path):
    for path in _renderings(tmp_path, REPORT):
        assert _findings(path) == [], path.name


@pytest.mark.parametrize("old, new, rule, expected", SLIPS, ids=[s[2] for s in SLIPS])
def test_each_slip_is_found_in_every_rendering(tmp_path, old, new, rule, expected):
    assert old in REPORT
    for path in _renderings(tmp_path, REPORT.replace(old, new)):
        found = [f for f in _findings(path) if f.rule == rule]
        assert [f.expected for f in found] == [expected], (path.name, found)


def test_seeds_in_the_merged_layout_find_what_the_text_finds(tmp_path):
    seeds = seed_paths()
    if not seeds:
        pytest.skip("../shared/seeds not present")
    for seed in seeds:
        target = tmp_path / (seed.stem + ".docx")
        build.text_to_docx(str(seed), str(target), merge=True)
        config = Config(today=datetime.date(2026, 6, 1))
        as_text = {(f.rule, f.expected) for f in lint(read_document(str(seed)), config) if f.severity != "info"}
        as_docx = {(f.rule, f.expected) for f in lint(read_document(str(target)), config) if f.severity != "info"}
        assert as_docx == as_text, seed.name
