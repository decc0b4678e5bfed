"""The label trims of `extract.labels`: character tests at a pattern's anchor say when the pattern
cannot match, and must never skip a trim the pattern would make."""
import random

import regex

from reportlint.extract import labels
from reportlint.extract.numbering import parse_label


def _alternatives(pattern: regex.Pattern) -> list[str]:
    """The literal words of an anchored `(?:a|b|c)+` pattern, optional suffixes written out."""
    body = pattern.pattern.split("(?:", 1)[1].rsplit(")+", 1)[0]
    words = []
    for alt in body.split("|"):
        plain = regex.sub(r"\[[^\]]*\]\?|.\?", "", alt)
        words += [plain, regex.sub(r"\[([^\]])[^\]]*\]\?|(.)\?", r"\1\2", alt)]
    return words


FRAGMENTS = (_alternatives(labels._LEADING) + _alternatives(labels._TRAILING)
             + ["2023年", "２０２４年度", " ", "\u3000", "（", "(", "“", '"', "1", "０", ".", "，", "、", "：", "；", "（）",
                "-", "—", "《", "》", "'", "预算", "支出", "经费", "年", "度"])


def test_trims_agree_with_their_patterns():
    pairs = [(labels._year_off, labels.YEAR_PREFIX), (labels._noise_off, labels._NOISE),
             (labels._leading_off, labels._LEADING), (labels._trailing_off, labels._TRAILING)]
    rng = random.Random(1)
    for _ in range(20000):
        phrase = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 5)))
        for trim, pattern in pairs:
            assert trim(phrase) == pattern.sub("", phrase), (trim.__name__, phrase)


def test_label_before_trims_role_words_and_years():
    text = "2024年度其中基本支出为512.61万元"
    assert labels.label_before(text, text.index("512")) == "基本支出"
    text = "（一）全年一般公共预算财政拨款支出共计20万元"
    assert labels.label_before(text, text.index("20万")) == "一般公共预算财政拨款支出"


def test_a_short_note_in_parentheses_is_part_of_the_name_it_sits_in():
    for text, figure, name in (("其中：因公出国（境）费0万元；公务接待费4.43万元", "0万", "因公出国（境）费"),
                               ("一般公共服务（类）支出100万元", "100", "一般公共服务（类）支出"),
                               ("出国（境）费0万元", "0万", "出国（境）费"),  # a note near the text's start
                               ("本年收入（不含上年结转）85万元", "85", "收入（不含上年结转）"),
                               # never back over a figure, nor over a numbering label
                               ("单价100万元（含）以上通用设备0台（套）", "0台", "以上通用设备"),
                               ("（一）基本支出100万元", "100", "基本支出")):
        assert labels.label_before(text, text.index(figure)) == name, text


def test_a_name_keeps_its_quotes_balanced_and_loses_what_only_says_it_exists():
    text = "2024年度“三公”经费财政拨款支出决算为12.34万元"
    assert labels.label_before(text, text.index("12.34")) == "“三公”经费财政拨款支出决算"
    text = "截至2024年12月31日，共有车辆3辆"
    assert labels.label_before(text, text.index("3辆")) == "车辆"


def test_numbering_labels_after_indentation_and_bullets():
    for text, style, value in (("　（二）项目情况", "cn_paren", 2), ("- 3、措施", "num_comma", 3), ("  第三部分 附件", "chapter", 3),
                               ("⑤完成情况", "circled", 5), ("十二．其他", "cn", 12), ("２. 目标", "num_dot", 2)):
        label = parse_label(text)
        assert label is not None and (label.style, label.value) == (style, value), text
    for text in ("预算执行", "2023.6月", "1.5万元", "", "——", "A3"):
        assert parse_label(text) is None, text


# Texts whose characters NFKC changes in ways that matter: leaders that fold into a label's dot
# ("1․", "一…"), circled and parenthesised numbers, Kangxi radicals and half-width punctuation from
# PDF text, compatibility ideographs, units (㎡ ℃), combining marks that compose with a dropped
# character ("=" + U+0338 is ≠), full-width letters and digits.
_FOLDING = ["1․完成目标任务", "一…部门职责", "二‥其他", "①加大督查力度", "⑴落实整改", "㈠基本情况", "⼀、部门概况",
            "一､部门概况", "四｡绩效目标", "面积２００㎡，温度３℃", "完成率≥95%", "A=\u0338B", "e\u0301", "（１）加强管理",
            "３、加大督查力度", "第二部分：部门决算表", "十二、", "　一、 基本情况", "- 1. 项目概况", "\uf900\u2f00",
            "〸、", "‗字", "、\u302a", "“资金”（万元）：１２．５", "“……”"]


def test_normalise_takes_a_shortcut_only_where_folding_first_gives_the_same():
    rng = random.Random(5)
    alphabet = "".join(_FOLDING) + "，。、；：（）《》“”　加大督查力度一二三四五六七八九十第部分章0123456789.-"
    texts = _FOLDING + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        for strip_label in (True, False):
            assert labels.normalise(text, strip_label) == labels._normalise_folded(text, strip_label), text


def test_every_character_the_shortcut_drops_is_dropped_after_folding_too():
    import unicodedata

    for code in range(0x10000):
        ch = chr(code)
        if labels._OUTSIDE_PLAIN.match(ch) or not labels._NOT_WORDS.fullmatch(ch):
            continue
        folded = unicodedata.normalize("NFKC", ch.translate(labels._WIDTH))
        assert labels._NOT_WORDS.fullmatch(folded), f"U+{code:04X}"
