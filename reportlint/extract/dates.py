"""Dates and the report period.

Forms: 2020年1月21日, 2020 年 1 月 21 日, 2023-06-30, 2023.6.30, 2023/6/30, 二〇二一年一月二十一日,
month-day without a year (4月28日), year-month (2023年5月), month ranges (1-11月), ranges across
months (2023年5月至12月). Impossible values (2月30日, 13月) are kept, marked invalid, for DAT to report.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass

from .. import patterns
from .cnnum import parse_cn_int
from .spans import TakenSpans

_D = r"[0-9０-９]{1,2}"
_S = r"[ \u00a0\u3000]*"
_CN_Y = r"[〇零○Ｏ一二三四五六七八九]{4}"
_CN_MD = r"[一二三四五六七八九十]{1,3}"

_PATTERNS = [
    # 2020年1月21日 / 2020年1月 / with a range tail 至12月 / 至2024年3月
    ("ymd", patterns.compile(rf"(?<![0-9０-９])(?P<y>(?:19|20)[0-9０-９][0-9０-９]){_S}年{_S}(?P<m>{_D}){_S}月(?:{_S}(?P<d>{_D}){_S}[日号])?"
                          rf"(?:{_S}(?:至|到|—|-|~|～){_S}(?:(?P<y2>(?:19|20)[0-9０-９][0-9０-９]){_S}年{_S})?(?P<m2>{_D}){_S}月"
                          rf"(?:{_S}(?P<d2>{_D}){_S}[日号])?)?")),
    ("cn", patterns.compile(rf"(?P<y>{_CN_Y})年(?P<m>{_CN_MD})月(?:(?P<d>{_CN_MD})[日号])?")),
    ("iso", patterns.compile(r"(?<![0-9０-９.])(?P<y>(?:19|20)[0-9０-９][0-9０-９])(?P<sep>[-./])(?P<m>[0-9０-９]{1,2})(?P=sep)(?P<d>[0-9０-９]{1,2})(?![0-9０-９.])")),
    # month ranges within a year: 1-11月, 1—12 月
    ("mrange", patterns.compile(rf"(?<![0-9０-９.\-])(?P<m>{_D}){_S}[-—–~～至到]{_S}(?P<m2>{_D}){_S}月(?!份?{_S}[0-9０-９])")),
    # month-day without a year: 4月28日, 12 月 31 日前
    ("md", patterns.compile(rf"(?<![0-9０-９年])(?P<m>{_D}){_S}月{_S}(?P<d>{_D}){_S}[日号]")),
]
_DIGIT_DATES = [(kind, pattern) for kind, pattern in _PATTERNS if kind == "iso"]
# "2023年", as written in table headers and clauses (also inside "2023年度", "2023年较上年…")
YEAR_MENTION = patterns.compile(r"((?:19|20)[0-9０-９][0-9０-９])\s*年")
_YEAR = patterns.compile(rf"(?<![0-9０-９.])(?P<y>(?:19|20)[0-9０-９][0-9０-９]){_S}年(?!{_S}[0-9０-９]{{1,2}}{_S}月)(?P<suffix>度|末|底|初|年末|年底|年初)?")


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str  # "ymd", "cn", "iso", "mrange", "md", "year"
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    end_year: int | None = None  # for ranges
    end_month: int | None = None
    end_day: int | None = None
    suffix: str | None = None  # 度 末 底 初 for bare years

    @property
    def is_range(self) -> bool:
        return self.end_month is not None

    def problem(self) -> str | None:
        """Why this date cannot exist, or None."""
        for y, m, d in ((self.year, self.month, self.day), (self.end_year or self.year, self.end_month, self.end_day)):
            if m is None:
                continue
            if not 1 <= m <= 12:
                return f"{m}月不存在"
            if d is not None:
                limit = calendar.monthrange(y, m)[1] if y else (29 if m == 2 else calendar.monthrange(2001, m)[1])
                if not 1 <= d <= limit:
                    if m == 2 and d == 29 and y:
                        return f"{y}年不是闰年，没有2月29日"
                    return f"{m}月没有{d}日"
        return None


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else parse_cn_int(text)


def find_dates(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    taken = TakenSpans()

    # every form but 2023-06-30 names a year or a month: most table cells need one scan, not seven
    named = "年" in text or "月" in text
    patterns_here = _PATTERNS if named else _DIGIT_DATES
    for kind, pattern in patterns_here:
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            g = m.groupdict()
            y = _num(g.get("y"))
            mention = DateMention(kind, m.start(), m.end(), y, _num(g.get("m")), _num(g.get("d")),
                                  _num(g.get("y2")) or (y if g.get("m2") else None) if kind != "mrange" else None,
                                  _num(g.get("m2")), _num(g.get("d2")))
            out.append(mention)
            taken.take(m.start(), m.end())
    for m in (_YEAR.finditer(text) if named else ()):
        if taken.free(m.start(), m.end()):
            out.append(DateMention("year", m.start(), m.end(), int(m.group("y")), None, None,
                                   suffix=m.group("suffix")))
            taken.take(m.start(), m.end())
    out.sort(key=lambda d: d.start)
    return out


_TITLE_HINT = patterns.compile(r"报告|自评|评价|决算|预算|绩效|说明")


def report_period(blocks) -> tuple[int, int, int] | None:
    """(year, block number, offset) of the year the report covers, read from its title.

    The title is among the first blocks: "2020年度…自评报告", "…2023 年部门整体支出绩效评价报告", or a
    year line whose next line reads "报  告".
    """
    seen = 0
    for k, block in enumerate(blocks):
        if block.kind == "table":
            break
        text = block.text.value
        seen += 1
        if seen > 8:
            break
        m = _YEAR.search(text)
        if not m:
            continue
        nxt = blocks[k + 1].text.value if k + 1 < len(blocks) and blocks[k + 1].kind != "table" else ""
        if _TITLE_HINT.search(text) or _TITLE_HINT.search(nxt.replace(" ", "")):
            return int(m.group("y")), block.index, m.start()
    return None
