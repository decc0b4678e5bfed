"""Tables laid out as Word users lay them out — a group label merged down over its rows, a label merged
down from the header row, a note merged across the number columns — and the same .docx re-saved by
LibreOffice: every rendering finds the same slips as the text, and nothing more."""
import datetime
import shutil
import subprocess

import pytest

from conftest import seed_paths, load_script

from reportlint.config import Config
from reportlint.engine import lint
from reportlint.readers import read_document

build = load_script("build_fixtures")

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
    """The report as text; as .docx with merged cells; merged and with each long table continued in a
    second table; and both .docx re-saved by LibreOffice when it is installed."""
    source = tmp_path / "report.md"
    source.write_text(text, encoding="utf-8")
    merged = tmp_path / "merged.docx"
    build.text_to_docx(str(source), str(merged), merge=True)
    split = tmp_path / "split.docx"
    build.text_to_docx(str(source), str(split), merge=True, split=True)
    paths = [source, merged, split]
    soffice = shutil.which("soffice")
    if soffice:
        out = tmp_path / "resaved"
        out.mkdir()
        subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", str(out), str(merged), str(split)],
                       check=True, capture_output=True, timeout=180)
        paths += [out / "merged.docx", out / "split.docx"]
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


def test_a_table_continued_in_a_second_table_is_read_as_one(tmp_path):
    split = _renderings(tmp_path, REPORT.replace("| 总分 |  | 100 | 96 |", "| 总分 |  | 100 | 95 |"))[2]
    doc = read_document(str(split))
    assert len(doc.tables) == 4  # Word shows the score table as two tables
    scores = doc.facts.tables[-1]
    assert len(scores.rows) == 8 and scores.rows[7][0].value == "总分" and scores.rows[7][0].row == 7
    [finding] = [f for f in _findings(split) if f.rule == "SUM002"]
    assert finding.expected == "96" and finding.actual == "95"
    # the finding points where Word shows the cell: the fourth table, its fourth row
    assert (finding.location.table, finding.location.row, finding.location.cell) == (4, 4, 4)
    assert "表4 第4行第4列" in finding.location.where
    assert all(r.location.table in (3, 4) for r in finding.related)


def _two_tables(tmp_path, second: list[list[str]], between: str = "") -> list:
    import docx

    out = docx.Document()
    first = out.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "分值", "得分"], ["投入", "20", "18"], ["产出", "30", "27"]]):
        for c, value in enumerate(row):
            first.cell(r, c).text = value
    out.add_paragraph(between)
    table = out.add_table(rows=len(second), cols=len(second[0]))
    for r, row in enumerate(second):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "two.docx"
    out.save(str(path))
    return read_document(str(path)).facts.tables


def test_tables_are_joined_only_when_the_later_one_continues_the_earlier(tmp_path):
    assert len(_two_tables(tmp_path, [["效益", "50", "45"], ["总分", "100", "90"]])) == 1
    # a copy of the header at the top of the continuation is dropped
    [joined] = _two_tables(tmp_path, [["项目", "分值", "得分"], ["效益", "50", "45"], ["总分", "100", "90"]])
    assert [r[0].value for r in joined.rows] == ["项目", "投入", "产出", "效益", "总分"]
    # a header of its own, another width, words between them, or no figures: two tables
    assert len(_two_tables(tmp_path, [["指标", "目标值", "实际值"], ["数量", "5", "5"]])) == 2
    assert len(_two_tables(tmp_path, [["效益", "50", "45", ""], ["总分", "100", "90", ""]])) == 2
    assert len(_two_tables(tmp_path, [["效益", "50", "45"]], between="注：单位为分。")) == 2
    assert len(_two_tables(tmp_path, [["说明", "按年度考核", "—"]])) == 2


def test_the_clean_report_is_silent_in_every_rendering(tmp_path):
    for path in _renderings(tmp_path, REPORT):
        assert _findings(path) == [], path.name


@pytest.mark.parametrize("old, new, rule, expected", SLIPS, ids=[s[2] for s in SLIPS])
def test_each_slip_is_found_in_every_rendering(tmp_path, old, new, rule, expected):
    assert old in REPORT
    for path in _renderings(tmp_path, REPORT.replace(old, new)):
        found = [f for f in _findings(path) if f.rule == rule]
        assert [f.expected for f in found] == [expected], (path.name, found)


def test_seeds_in_the_merged_and_split_layouts_find_what_the_text_finds(tmp_path):
    seeds = seed_paths()
    if not seeds:
        pytest.skip("../shared/seeds not present")
    config = Config(today=datetime.date(2026, 6, 1))
    for seed in seeds:
        as_text = {(f.rule, f.expected) for f in lint(read_document(str(seed)), config) if f.severity != "info"}
        for split in (False, True):
            target = tmp_path / f"{seed.stem}-{split}.docx"
            build.text_to_docx(str(seed), str(target), merge=True, split=split)
            as_docx = {(f.rule, f.expected) for f in lint(read_document(str(target)), config) if f.severity != "info"}
            assert as_docx == as_text, (seed.name, split)
