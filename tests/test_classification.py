"""功能分类 paths in the text and their 科目编码 in the tables (extract/classification)."""
import time

from reportlint.extract.classification import CodeIndex, path_before, paths_in
from reportlint.extract.ledger import read_ledger
from reportlint.model import Cell, Table, Text


def _steps(text):
    return [[(s.level, s.name, s.code) for s in p.steps] for p in paths_in(text)]


def test_a_path_with_names_holding_parentheses_and_with_code_digits():
    assert _steps("1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于") == [
        [("类", "一般公共服务支出", ""), ("款", "政府办公厅（室）及相关机构事务", ""), ("项", "行政运行", "")]]
    assert _steps("6、公共安全支出（204类）司法(06款)其他司法支出（99项）3845.49万元") == [
        [("类", "公共安全支出", "204"), ("款", "司法", "06"), ("项", "其他司法支出", "99")]]


def test_the_path_right_before_a_figure_and_not_one_further_back():
    text = "主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元"
    path = path_before(text, text.index("326.72"))
    assert [s.name for s in path.steps] == ["社会保障和就业支出"]
    quoted = "5.“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元"
    assert path_before(quoted, quoted.index("25.77")).steps[-1].name == "专项普查活动"
    assert path_before(text, text.index("71.73")) is None


def test_levels_out_of_order_are_not_a_path():
    assert paths_in("行政运行（项）财政事务（款）") == []


def _table(rows):
    return Table(1, [[Cell(Text.at(v, r + 1), r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)], "pipe")


def test_a_path_resolves_to_the_one_code_whose_ancestors_agree():
    ledger = read_ledger(_table([
        ["科目编码", "科目名称", "合计"],
        ["201", "一般公共服务支出", "30.00"],
        ["20106", "财政事务", "20.00"],
        ["2010601", "行政运行", "20.00"],
        ["20111", "纪检监察事务", "10.00"],
        ["2011101", "行政运行", "10.00"],
    ]), ("合计",))
    index = CodeIndex.build([ledger])
    (path,) = paths_in("一般公共服务支出（类）纪检监察事务（款）行政运行（项）")
    assert index.resolve(path) == "2011101"
    (alone,) = paths_in("行政运行（项）")
    assert index.resolve(alone) is None  # two codes print it
    (digits,) = paths_in("一般公共服务支出（201类）财政事务（06款）行政运行（01项）")
    assert index.resolve(digits) == "2010601"
    (wrong,) = paths_in("一般公共服务支出（201类）财政事务（07款）行政运行（01项）")
    assert index.resolve(wrong) is None


def test_scanning_long_adversarial_lines_is_linear():
    for text in ("政" * 200_000, "（a" * 100_000, "政府办公厅（室" * 30_000, "政（类）" * 50_000):
        start = time.perf_counter()
        paths_in(text)
        assert time.perf_counter() - start < 2.0, text[:10]
