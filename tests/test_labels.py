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


def test_numbering_labels_after_indentation_and_bullets():
    for text, style, value in (("　（二）项目情况", "cn_paren", 2), ("- 3、措施", "num_comma", 3), ("  第三部分 附件", "chapter", 3),
                               ("⑤完成情况", "circled", 5), ("十二．其他", "cn", 12), ("２. 目标", "num_dot", 2)):
        label = parse_label(text)
        assert label is not None and (label.style, label.value) == (style, value), text
    for text in ("预算执行", "2023.6月", "1.5万元", "", "——", "A3"):
        assert parse_label(text) is None, text
