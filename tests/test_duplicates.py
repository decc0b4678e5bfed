from conftest import HEAD, codes, lint_text

MEASURE = ("加大督查力度。当前，我局专项资金数额较大且受益企业多、分散广，为加强监督管理，一方面对专项资金进行不定期抽查，"
           "确保项目资金专款专用；另一方面主动接受财政、审计等部门的检查，对骗取专项资金的企业追回已取得的资金。")


def dup(body: str, **kw):
    return lint_text(HEAD + body, select=("DUP",), **kw)


def test_exact_copy_under_another_number():
    findings = dup(f"3、{MEASURE}\n\n4、{MEASURE}\n")
    assert codes(findings) == ["DUP001"]
    f = findings[0]
    assert f.location.line == 6 and f.related[0].location.line == 4
    assert f.severity == "warning" and f.category == "duplicates"


def test_copy_with_different_punctuation_width_and_spaces():
    other = MEASURE.replace("，", ",").replace("。", ". ")
    assert codes(dup(f"（二）{MEASURE}\n（三）{other}\n")) == ["DUP001"]


def test_near_copy_with_two_words_changed():
    changed = MEASURE.replace("不定期", "定期").replace("审计", "纪检")
    findings = dup(f"1、{MEASURE}\n2、{changed}\n")
    assert codes(findings) == ["DUP002"]
    assert "「不」→「∅」" in findings[0].message and "审计" in findings[0].message


def test_short_parallel_statements_are_not_near_copies():
    body = ("1、收入预算，2020年年初预算数为2053.49万元，其中一般公共预算拨款2053.49万元。\n"
            "2、支出预算，2020年年初预算数为2053.49万元，其中一般公共预算支出2053.49万元。\n")
    assert dup(body) == []


def test_different_paragraphs_are_silent():
    other = "完善工作机制。结合新出台的奖补政策，细化项目申报指南，明确申报条件、奖励标准和受理科室，确保申报规范严谨。"
    assert dup(f"1、{MEASURE}\n2、{other}\n") == []


def test_similarity_threshold_is_configurable():
    from reportlint.config import DuplicateOptions

    changed = MEASURE.replace("不定期", "定期").replace("审计", "纪检").replace("财政", "人大")
    text = f"1、{MEASURE}\n2、{changed}\n"
    assert codes(dup(text, duplicates=DuplicateOptions(similarity=0.9))) == ["DUP002"]
    assert dup(text, duplicates=DuplicateOptions(similarity=0.99)) == []


def test_repeated_long_sentence_across_paragraphs():
    sentence = "全年资金使用做到了集体决策、公开透明、讲求绩效和厉行节约，有效发挥了财政资金的使用效益。"
    body = f"一是预算执行到位。{sentence}\n\n二是项目管理规范，验收及时。{sentence}\n"
    assert codes(dup(body)) == ["DUP003"]


def test_short_lines_headings_and_signatures_are_left_alone():
    body = "二、存在的问题\n某某局\n2024年3月1日\n三、存在的问题\n某某局\n2024年3月1日\n"
    assert dup(body) == []


def test_standard_phrases_may_repeat():
    from reportlint.config import DuplicateOptions

    phrase = "按照区委区政府统一部署，严格执行预算管理制度和政府采购制度，确保各项资金安全规范高效使用到位。"
    text = f"1、{phrase}\n2、{phrase}\n"
    assert codes(dup(text)) == ["DUP001"]
    assert dup(text, duplicates=DuplicateOptions(allow=(phrase,))) == []


def test_duplicate_table_rows_but_not_zero_rows_or_repeated_headers():
    table = ("指标\t分值\t得分\n公务接待费\t2.35\t2.35\n效益指标\t0\t0\n效益指标\t0\t0\n指标\t分值\t得分\n"
             "公务接待费\t2.35\t2.35\n")
    findings = dup(table)
    assert codes(findings) == ["DUP004"]
    assert findings[0].location.row == 6


def test_doubled_words():
    assert codes(dup("全区软件和信息技术服务业业29家，预算预算执行良好。\n")) == ["DUP005", "DUP005"]
    assert dup("紧紧围绕发展主题，牢牢把握总要求，做到账账相符、村村有网络，学习习近平新时代思想。\n") == []


def test_a_doubled_function_word_is_a_slip_unless_one_of_them_makes_a_word_with_its_neighbour():
    findings = dup("我们的的工作取得进展，项目已经完成了了验收，这是是重要成果，各项工作都都有进展。\n")
    assert [(f.actual, f.expected, f.severity) for f in findings] == [
        ("的的", "的", "warning"), ("了了", "了", "warning"), ("是是", "是", "warning"), ("都都", "都", "warning")]
    assert findings[0].location.column == 3
    # 目的+的, 首都+都市, 为了+了解, 实事求是+是, 不了了之, 实实在在: words, not slips
    assert dup("为达到目的的手段，建设首都都市圈，为了了解情况，坚持实事求是是原则，不能不了了之，实实在在干。\n") == []


def test_a_name_ending_in_a_doubled_character_is_only_a_hint():
    [f] = dup("经办人：李婷婷，联系电话：12345678。\n")
    assert (f.actual, f.severity) == ("婷婷", "info")


def test_doubled_numerals_and_correct_doubled_words_before_punctuation_are_no_slips():
    body = ("编制“十五五”规划，办好第六届“五五购物节”。每个社区热气腾腾，干劲满满，"
            "不同程度存在管理不规范、服务不到位，等等。全区软件和信息技术服务业业29家。\n")
    findings = dup(body)
    assert [(f.rule, f.actual) for f in findings] == [("DUP005", "业业")]


def test_a_user_pack_adds_correct_doubled_words(tmp_path):
    body = "新建城区一座，人称“小区区”。\n"
    assert [f.actual for f in dup(body)] == ["区区"]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "terms.toml").write_text('reduplications = ["区区"]\n', encoding="utf-8")
    assert dup(body, rule_packs=(str(pack),)) == []


def test_near_copy_with_its_own_figures_is_a_parallel_statement_not_a_paste_slip():
    """The template's 行政单位 / 事业单位 pair: the same sentence with the other unit type and its own
    figures. Rewritten for its item, it is a hint (info); the same figures under another word stay a warning."""
    template = ("{kind}单位机关运行经费支出{amount}万元，主要用于办公费、印刷费、水电费、邮电费、物业管理费、差旅费、"
                "会议费、培训费等日常公用经费支出，与上年相比支出规模基本保持稳定，资金使用符合相关规定和要求。")
    first = template.format(kind="行政", amount="5453.21")
    rewritten = template.format(kind="事业", amount="2811.06")
    (hint,) = dup(f"{first}\n\n{rewritten}\n")
    assert hint.rule == "DUP002" and hint.severity == "info"
    unedited = template.format(kind="事业", amount="5453.21")
    (slip,) = dup(f"{first}\n\n{unedited}\n")
    assert slip.rule == "DUP002" and slip.severity == "warning"


ITEMS = ("1.“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”812.40万元，主要用于行政运行。"
         "主要原因是：行政运行经费减少。\n\n"
         "2.“城乡社区支出（类）城乡社区管理事务（款）一般行政管理事务（项）”95.10万元，主要用于一般行政管理事务。"
         "主要原因是：人员变动。\n\n"
         "3.“城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”64.00万元，主要用于城管执法。"
         "主要原因是：人员变动。\n")


def test_an_item_explained_with_the_words_of_another_item():
    assert dup(ITEMS) == []  # a formula shared by two items that names neither is not a copy slip
    found = dup(ITEMS.replace("主要用于城管执法", "主要用于一般行政管理事务"))
    assert codes(found) == ["DUP006"]
    f = found[0]
    assert f.evidence == "主要用于一般行政管理事务" and "“城管执法”一项（64.00万元）" in f.message
    assert f.related[0].evidence == "主要用于一般行政管理事务" and f.related[0].location.line == f.location.line - 2


def test_an_item_clause_that_names_its_own_item_is_not_a_copy():
    # the same 项 under two 款 (一般行政管理事务) names itself in both paragraphs
    text = ITEMS.replace("城管执法（项）”64.00万元，主要用于城管执法", "一般行政管理事务（项）”64.00万元，主要用于一般行政管理事务")
    assert dup(text) == []
    # items of different lists (another section) are not compared
    other = ITEMS.split("\n\n")[2].replace("主要用于城管执法", "主要用于一般行政管理事务").replace("3.", "1.")
    assert codes(dup(ITEMS.split("3.")[0] + "\n" + other.replace("1.", "3.") + "\n")) == ["DUP006"]
    assert dup(ITEMS.split("3.")[0] + "\n## 二、项目支出\n\n" + other + "\n") == []


def test_a_short_paragraph_pasted_and_lightly_edited_is_a_near_copy():
    short = "我局严格执行公务接待管理规定，全年接待批次较上年减少，接待费用控制在年初预算以内，未发生超标准接待。"
    edited = short.replace("全年", "年内")
    assert 40 <= len(short) < 80
    found = dup(f"1、{short}\n\n2、{edited}\n")
    assert codes(found) == ["DUP002"] and found[0].severity == "warning"
    # a lighter resemblance is not enough below 80 characters
    assert dup(f"1、{short}\n\n2、{edited.replace('未发生超标准接待', '做到了节约从简')}\n") == []


def test_short_parallel_statements_with_their_own_figures_are_not_copies():
    a = "一般公共预算财政拨款收入1200.00万元，比上年增加20.00万元，主要原因是人员经费增加。"
    b = "一般公共预算财政拨款支出1180.00万元，比上年增加15.00万元，主要原因是人员经费增加。"
    assert dup(f"{a}\n\n{b}\n") == []


def test_a_copy_names_the_paragraph_it_is_most_like():
    # the third paragraph is a near copy of both earlier ones: it differs from the second in one
    # word and from the first in three, so the second is the one named
    loose = MEASURE.replace("不定期", "定期").replace("审计", "纪检").replace("受益企业", "申报单位")
    close = MEASURE.replace("审计", "纪检")
    findings = dup(f"1、{loose}\n\n2、{MEASURE}\n\n3、{close}\n")
    assert codes(findings) == ["DUP002", "DUP002"]
    last = max(findings, key=lambda f: f.location.line)
    assert last.location.line == 8 and last.related[0].location.line == 6
    assert "「审计」→「纪检」" in last.message


def test_doubled_words_are_found_where_re_finds_a_repeat():
    from reportlint.checks.duplicates import _DOUBLED, _doubled
    for text in ("服务业业29家", "AA业业", "年1年1业业", "研究研究预算预算", "1111", "紧紧围绕", "业业业", "ab业ab业业"):
        assert [(m.start(), m.group()) for m in _doubled(text)] == [(m.start(), m.group()) for m in _DOUBLED.finditer(text)]


def test_the_repeat_scan_covers_every_han_character():
    # _doubled only asks the Han pattern where the `re` scan saw a repeat: every character \p{Han}
    # matches must lie in the scan's blocks, or a doubled ideograph would go unreported
    import regex

    from reportlint.checks.duplicates import _REPEAT_AT
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for m in regex.finditer(r"\p{Han}", everything):
        assert _REPEAT_AT.match(m.group() * 2), hex(ord(m.group()))
