"""SUM007: the 政府信息公开工作年度报告 request table balances, column by column."""
import pathlib

from conftest import codes, lint_text, merged_renderings, run_cli

_HEAD = "某县人民政府2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
_COLUMNS = "\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"


def _table(outcomes: dict[str, list[int]], received=(40, 4, 0, 0, 1, 1, 46), carried=(2, 0, 0, 0, 0, 0, 2),
           total=(41, 4, 0, 0, 1, 1, 47), forward=(1, 0, 0, 0, 0, 0, 1), extra_rows: str = "") -> str:
    def row(label: str, figures) -> str:
        return label + "\t" + "\t".join(str(v) for v in figures) + "\n"

    lines = [_COLUMNS, row("一、本年新收政府信息公开申请数量\t", received), row("二、上年结转政府信息公开申请数量\t", carried),
             "三、本年度办理结果\t\t\t\t\t\t\t\t\n", extra_rows]
    lines += [row(label, figures) for label, figures in outcomes.items()]
    lines += [row("（七）总计\t", total), row("四、结转下年度继续办理\t", forward)]
    return _HEAD + "".join(lines) + "\n本年度未收取信息处理费。\n"


# The template's outcome rows: a group label, then a numbered reason in the second column.
_BALANCED = {
    "（一）予以公开\t": [20, 2, 0, 0, 0, 1, 23],
    "（二）部分公开\t": [3, 0, 0, 0, 0, 0, 3],
    "（三）不予公开\t1.属于国家秘密": [0, 0, 0, 0, 0, 0, 0],
    "\t4.保护第三方合法权益": [1, 0, 0, 0, 0, 0, 1],
    "（四）无法提供\t1.本机关不掌握相关政府信息": [13, 2, 0, 0, 1, 0, 16],
    "\t2.没有现成信息需要另行制作": [1, 0, 0, 0, 0, 0, 1],
    "（五）不予处理\t1.信访举报投诉类申请": [2, 0, 0, 0, 0, 0, 2],
    "（六）其他处理\t3.其他": [1, 0, 0, 0, 0, 0, 1],
}


def check(text: str, select=("SUM",)):
    return lint_text(text, select=select)


def test_a_balanced_request_table_is_silent():
    # nor is （七）总计 taken for the sum of the rows 一、二、 above it (SUM002 did, before it read the
    # total's own number: its parts are （一）…（六）, here with figures on their numbered sub-rows)
    assert check(_table(_BALANCED)) == []


def test_a_total_that_is_not_the_sum_of_the_outcomes():
    outcomes = dict(_BALANCED, **{"（二）部分公开\t": [2, 0, 0, 0, 0, 0, 2]})  # one application fewer
    found = check(_table(outcomes, forward=(1, 0, 0, 0, 0, 0, 1)))
    assert codes(found) == ["SUM007", "SUM007"]
    natural, overall = found
    assert (natural.expected, natural.actual) == ("40", "41")
    assert "“自然人”列" in natural.message and "“总计”" in natural.message
    assert (overall.expected, overall.actual) == ("46", "47")
    assert overall.location.line == natural.location.line  # the 总计 row, two columns
    assert {r.evidence for r in overall.related} >= {"23", "2", "16"}


def test_received_and_carried_must_equal_settled_and_carried_forward():
    found = check(_table(_BALANCED, forward=(2, 0, 0, 0, 0, 0, 2)))  # 46+2 = 48, but 47+2 = 49
    assert codes(found) == ["SUM007", "SUM007"]
    assert [(f.expected, f.actual) for f in found] == [("42", "43"), ("48", "49")]
    assert "本年新收" in found[1].message and "结转下年" in found[1].message
    assert [r.evidence for r in found[1].related] == ["46", "2", "2"]


def test_a_row_read_with_another_number_of_figures_keeps_the_table_silent():
    outcomes = dict(_BALANCED, **{"（二）部分公开\t": [2, 0, 0, 0, 0, 7, 0, 2]})
    assert check(_table(outcomes)) == []


def test_subtotal_rows_among_the_outcomes_keep_the_table_silent():
    outcomes = dict(_BALANCED, **{"不予公开小计\t": [1, 0, 0, 0, 0, 0, 1]})
    assert check(_table(outcomes), select=("SUM007",)) == []


def test_budget_tables_with_carry_over_rows_are_not_request_tables():
    text = ("某局2024年部门预算\n\n收支总表\n\n项目\t预算数\n一般公共预算拨款收入\t100.00\n上年结转\t20.00\n"
            "收入总计\t120.00\n一般公共服务支出\t90.00\n结转下年\t25.00\n支出总计\t115.00\n")
    assert "SUM007" not in codes(lint_text(text, select=("SUM007",)))


# TBL003: the count the text says came in. The table received 46 this year and carried 2 over.
def _stated(sentence: str) -> str:
    head, rest = _table(_BALANCED).split("三、收到和处理", 1)
    return head + "一、总体情况\n\n" + sentence + "\n\n三、收到和处理" + rest


def test_a_stated_count_that_is_neither_new_nor_new_and_carried_is_found():
    [found] = check(_stated("2023年，本机关共受理政府信息公开申请50件，均按期答复。"), select=("TBL003",))
    assert (found.expected, found.actual, found.evidence) == ("46", "50", "50件")
    assert "本年新收" in found.message and "48" in found.message
    assert [r.evidence for r in found.related] == ["46", "2"]


def test_stated_counts_that_agree_with_the_table_are_silent():
    for sentence in ("2023年共收到政府信息公开申请46件。",  # this year's
                     "全年共受理依申请公开48件（含上年结转2件）。",  # with last year's carried over
                     "本年新收申请46件，其中自然人申请40件、法人或其他组织申请6件。"):
        assert check(_stated(sentence), select=("TBL003",)) == [], sentence


def test_other_counts_of_applications_are_not_what_came_in():
    for sentence in ("2022年收到申请30件，本年有所增加。上年收到申请30件。",  # last year's, named so
                     "其中，收到自然人申请40件。",  # a part, by applicant
                     "全年办结申请45件，答复申请45件。",  # settled, not received
                     "全县各部门共收到申请156件，县政府本级收到申请50件。"):  # two scopes: which is the table's?
        assert check(_stated(sentence), select=("TBL003",)) == [], sentence


# The template as Word and WPS draw it: "三、本年度办理结果" merged down beside the outcome rows, and
# each reason group ("（三）不予公开") merged down beside its numbered reasons. A group label is not
# the row's own: "三、" beside "（一）予以公开" does not make that row a subtotal.
def _merged_template(received=(15, 3, 0, 0, 1, 0, 19), forward=(1, 0, 0, 0, 0, 0, 1)) -> str:
    head = "| 申请 | 办理结果 | 情形 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" + \
           "|---|---|---|---|---|---|---|---|---|---|\n"

    def row(a: str, b: str, c: str, figures) -> str:
        return f"| {a} | {b} | {c} | " + " | ".join(str(v) for v in figures) + " |\n"

    body = [row("一、本年新收政府信息公开申请数量", "", "", received),
            row("二、上年结转政府信息公开申请数量", "", "", (1, 0, 0, 0, 0, 0, 1)),
            row("三、本年度办理结果", "（一）予以公开", "", (8, 1, 0, 0, 0, 0, 9)),
            row("", "（二）部分公开", "", (2, 0, 0, 0, 0, 0, 2)),
            row("", "（三）不予公开", "1.属于国家秘密", (1, 0, 0, 0, 0, 0, 1)),
            row("", "", "2.保护第三方合法权益", (0, 0, 0, 0, 0, 0, 0)),
            row("", "（四）无法提供", "1.本机关不掌握相关政府信息", (3, 1, 0, 0, 1, 0, 5)),
            row("", "（六）其他处理", "", (0, 1, 0, 0, 0, 0, 1)),
            row("", "（七）总计", "", (14, 3, 0, 0, 1, 0, 18)),
            row("四、结转下年度继续办理", "", "", forward)]
    return "某县人民政府2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n" + head + "".join(body) + \
        "\n本年度未收取信息处理费。\n"


def _merge_groups(document) -> None:
    table = document.tables[0]
    for top, bottom, col in ((3, 9, 0), (5, 6, 1)):  # 三、本年度办理结果; （三）不予公开
        text = table.cell(top, col).text
        merged = table.cell(top, col).merge(table.cell(bottom, col))
        merged.text = text


def test_outcome_rows_beside_merged_group_labels_balance_row_by_row(tmp_path):
    # received 19 + carried 1 = 20, but 总计 18 + carried forward 1 = 19: one application (自然人) unaccounted for
    source = tmp_path / "nb.md"
    source.write_text(_merged_template(), encoding="utf-8")
    for path in merged_renderings(tmp_path, source, "nb", _merge_groups):
        found = [f for f in json_findings(path) if f["rule"] == "SUM007"]
        assert [(f["expected"], f["actual"]) for f in found] == [("16", "15"), ("20", "19")], path.suffix
        assert "本年新收" in found[-1]["message"] and "结转下年" in found[-1]["message"]


def test_a_balanced_table_with_merged_group_labels_is_silent(tmp_path):
    source = tmp_path / "nb.md"
    source.write_text(_merged_template(received=(14, 3, 0, 0, 1, 0, 18), forward=(1, 0, 0, 0, 0, 0, 1)),
                      encoding="utf-8")
    for path in merged_renderings(tmp_path, source, "nb", _merge_groups):
        assert [f for f in json_findings(path) if f["rule"].startswith("SUM")] == [], path.suffix


def test_a_flattened_copy_repeating_the_group_label_beside_the_first_outcome_still_balances():
    # the same table as text: "三、本年度办理结果" stands in the first outcome row's own line
    found = check(_merged_template(), select=("SUM007",))
    assert [(f.expected, f.actual) for f in found] == [("16", "15"), ("20", "19")]


def json_findings(path: pathlib.Path) -> list[dict]:
    import json

    result = run_cli("check", "--format", "json", "--select", "SUM", str(path))
    return json.loads(result.stdout)["files"][0]["findings"]


def test_a_row_total_names_its_parts_by_their_own_headers(tmp_path):
    # 总计 = 自然人 + the five columns under 法人或其他组织: the message names them as the table heads them
    text = ("某县人民政府2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
            "| 项目 | 申请人情况 | | | | | | |\n|---|---|---|---|---|---|---|---|\n"
            "| | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
            "| | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n"
            "| 一、本年新收政府信息公开申请数量 | 15 | 3 | 0 | 0 | 1 | 0 | 19 |\n"
            "| （二）部分公开 | 2 | 0 | 0 | 0 | 0 | 0 | 3 |\n")
    source = tmp_path / "heads.md"
    source.write_text(text, encoding="utf-8")

    def merge(document) -> None:
        table = document.tables[0]
        for (r0, c0), (r1, c1) in (((0, 1), (0, 7)), ((1, 2), (1, 6)), ((1, 1), (2, 1)), ((1, 7), (2, 7))):
            keep = table.cell(r0, c0).text
            table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep

    for path in merged_renderings(tmp_path, source, "heads", merge):
        [found] = [f for f in json_findings(path) if f["rule"] == "SUM002"]
        assert (found["expected"], found["actual"]) == ("2", "3"), path.suffix
        assert "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他" in found["message"], found["message"]
