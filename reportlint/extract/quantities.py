"""Quantities in running text: amounts, counts, percentages, percentage points.

Each keeps its exact decimal value, the unit as written and its scale, the decimals displayed
(which decide the rounding interval it stands for), approximation markers (约 近 余 多 超过 以上 …)
and its span. Years, dates, month ranges, ordinals, document numbers, phone numbers, list labels
and model names (5G) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

import regex

from .. import patterns
from .cnnum import parse_cn_decimal
from .spans import TakenSpans

# Length-preserving normalisation, so spans found on the normalised text are spans of the original.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％＋－", "0123456789.%+-")
_HAS_FULLWIDTH = re.compile("[０-９．％＋－]")  # most texts have none: no per-character translation then

MONEY_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "百万元": Decimal(10) ** 6,
               "千万元": Decimal(10) ** 7, "亿元": Decimal(100_000_000), "百亿元": Decimal(10) ** 10,
               "千亿元": Decimal(10) ** 11, "万亿元": Decimal(10) ** 12}
# longest first, so "9千亿元" is 9 千亿元 and not 9 followed by 千亿 元
_MONEY_UNITS = sorted(MONEY_SCALE, key=len, reverse=True)
# Units of things counted. Longer spellings first so 人次 wins over 人.
COUNT_UNITS = sorted("""个 家 人 项 次 件 名 篇 场 处 起 份 册 章 堂 间 条 台 套 户 座 所 批 期 人次 场次 个月 天 年
 辆 部 根 张 本 栋 类 种 户次 余人 万人 平方米 ㎡ 米 公里 千米 亩 吨 千瓦 兆瓦 小时 分 颗 棵 株 头 只 元/人
 平方公里 平方千米 公顷 立方米 千瓦时 斤 公斤 千克 标准箱 标箱 宗
 美元 欧元 日元 英镑 港元 港币 澳元 韩元 卢布""".split(),
                     key=len, reverse=True)
_COUNT_UNIT = patterns.compile("|".join(regex.escape(u) for u in COUNT_UNITS))
# After 万/亿, a word that is neither a unit above nor an approximation (左右, 以上) names what is
# counted ("30万困难群众"): only a break after 万/亿 ("2053.49万，") leaves 元 out of an amount.
_NAMED_AFTER = patterns.compile(r"(?!以上|以下|左右|上下|许|来)[\p{Han}--[的至到和及与或]]", regex.V1)
_APPROX_BEFORE = ("大约", "将近", "接近", "超过", "不到", "不足", "高于", "低于", "约", "近", "超", "逾", "达近")
_APPROX_AFTER = ("以上", "以下", "左右", "上下", "余", "多", "许", "来")

_NUMBER = patterns.compile(
    r"""(?P<sign>(?<![0-9０-９\w.])[-−](?=[0-9０-９]))?
        (?P<int>[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)
        (?:\.(?P<frac>[0-9０-９]+)|\.[ \u00a0](?P<ocr>[0-9０-９]{1,2})(?=\s*%))?""",
    regex.VERBOSE,
)
# (第 before a numeral makes an ordinal, and a numeral inside a word has no unit after it: both are
# decided in `_chinese_quantities`, not here)
_CN_NUMBER = patterns.compile(r"(?P<cn>[零〇一二两三四五六七八九十百千万亿]{1,8})(?:点(?P<cnfrac>[零〇一二三四五六七八九]+))?")
_CN_DIGIT = patterns.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_PERCENT_CN = patterns.compile(r"百分之(?P<cn>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
_SPACE = patterns.compile(r"[ \u00a0\u3000]*")
_SPACES = (" ", "\u00a0", "\u3000")
_DIGITS = "0123456789０１２３４５６７８９"
_APPROX_BEFORE_LAST = {marker[-1] for marker in _APPROX_BEFORE} | {"为", "是", "达"}  # and 约为 近为 约是 约达
_APPROX_AFTER_FIRST = {marker[0] for marker in _APPROX_AFTER}
_RANGE_NEXT = patterns.compile(r"[-—–~～/.．]\s*[0-9０-９]")
_RANGE_BEFORE = patterns.compile(r"[0-9０-９]\s*[-—–~～/]$")
# The characters that join figures in arithmetic written out, and the operation each stands for
# (extract/formulas.py parses with them). "1240.16/1275.60×100%=97.22%", "1256.78-1240.16=16.62": a run
# of figures and operators that ends in = is arithmetic, not a range or a date.
OPERATORS = {"+": "+", "＋": "+", "-": "-", "－": "-", "−": "-", "×": "*", "*": "*", "x": "*", "X": "*",
             "/": "/", "÷": "/", "／": "/"}
_FORMULA_AHEAD = patterns.compile(
    "[0-9０-９\\s.,()（）%万亿元" + "".join(regex.escape(c) for c in OPERATORS) + "]*+[=＝]")
_PHONE = patterns.compile(r"[0-9０-９]{3,4}-[0-9０-９]{7,8}")
_MOBILE = patterns.compile(r"1[3-9][0-9０-９]{9}")


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Decimal  # in the unit as written (860.14 for "860.14万元")
    unit: str  # "万元", "%", "个百分点", "个", "" …
    kind: str  # "money", "percent", "points", "count", "bare"
    decimals: int  # decimals displayed
    start: int  # span of the whole mention in its text, markers and unit included
    end: int
    num_start: int  # span of the digits
    num_end: int
    approx: str | None = None  # 约 近 余 多 超过 以上 …
    unit_incomplete: bool = False  # "2053.49 万" — a money scale with no 元

    @property
    def scale(self) -> Decimal:
        if self.kind == "money":
            return MONEY_SCALE.get(self.unit, Decimal(10_000) if self.unit == "万" else
                                   Decimal(100_000_000) if self.unit == "亿" else Decimal(1))
        return Decimal(1)

    @property
    def half_step(self) -> Decimal:
        """Half the last displayed digit: the value shown stands for value ± this.

        A whole count of things (35个, 17人) is exact: nobody rounds 390 problems to 390.
        """
        if self.kind == "count" and self.decimals == 0 and not self.unit.startswith(("万", "亿")):
            return _ZERO
        return half_step_of(self.decimals)

    def interval(self, scale: Decimal | None = None) -> tuple[Decimal, Decimal]:
        """Interval of true values this display can stand for, in units of `scale` (default: 元)."""
        own = self.scale
        half = self.half_step
        if scale is own or scale == own:  # in its own unit (every table cell is asked so)
            return (self.value - half, self.value + half)
        base = own / (scale or _ONE)
        return ((self.value - half) * base, (self.value + half) * base)

    def shifted(self, offset: int) -> "Quantity":
        """The same quantity found `offset` characters further into a text."""
        return replace(self, start=self.start + offset, end=self.end + offset, num_start=self.num_start + offset,
                       num_end=self.num_end + offset)

    @property
    def base_value(self) -> Decimal:
        """Value in base units (元 for money)."""
        return self.value * self.scale

    @property
    def exact(self) -> bool:
        return self.approx is None


_ZERO, _ONE = Decimal(0), Decimal(1)


@lru_cache(maxsize=None)
def half_step_of(decimals: int) -> Decimal:
    """Half the last digit of a figure shown with `decimals` decimals."""
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Can these two be added or compared: money with money (any of 元/万元/亿元), counts of one unit."""
    if a.kind == "money" and b.kind == "money":
        return True
    return a.kind == b.kind == "count" and a.unit == b.unit


def _decimals(frac: str | None) -> int:
    return len(frac) if frac else 0


def _match_unit(text: str, pos: int) -> tuple[str, str, int] | None:
    """(unit, kind, end) of a unit starting at `pos`, spaces allowed before it."""
    p = _skip_spaces(text, pos)
    rest = text[p:p + 6]
    if rest[:1] in ("%", "％"):
        return "%", "percent", p + 1
    if rest[:1] == "‰":
        return "‰", "permille", p + 1
    for points in ("个百分点", "百分点"):
        if rest.startswith(points):
            return "个百分点", "points", p + len(points)
    for money in _MONEY_UNITS:
        if rest.startswith(money):
            return money, "money", p + len(money)
    for multiplier in ("万", "亿"):
        if rest.startswith(multiplier):
            after = rest[1:]
            for approx in ("余", "多"):
                if after.startswith(approx + "元"):
                    return multiplier + "元", "money", p + 3
            skip = 1 if after[:1] in ("余", "多") else 0  # "4万多米": the marker sits inside the unit
            m = _COUNT_UNIT.match(after, skip)
            if m and m.group(0) != "元/人":
                return multiplier + m.group(0), "count", p + 1 + skip + len(m.group(0))
            if _NAMED_AFTER.match(after):
                return multiplier, "bare", p + 1  # "30万困难群众", "5亿立方": a number of something named, not 元
            return multiplier, "money?", p + 1
    m = _COUNT_UNIT.match(rest)
    if m:
        unit = m.group(0)
        if unit == "人" and rest[1:2] in ("员", "民", "大", "口"):  # "4050 人员" names a group
            return None
        if unit == "年" or unit == "分" and rest[1:2] in ("之",):
            return None
        return unit, "count", p + len(unit)
    return None


def _skip_spaces(text: str, pos: int) -> int:
    if text[pos:pos + 1] not in _SPACES:
        return pos  # the common case, without a pattern call
    m = _SPACE.match(text, pos)
    return m.end() if m else pos


def _approx_before(text: str, start: int) -> tuple[str | None, int]:
    head = text[max(0, start - 4):start].rstrip(" \u00a0\u3000")
    if head[-1:] not in _APPROX_BEFORE_LAST:
        return None, start
    if head.endswith(("约为", "约是", "约达", "近为")):  # "约为13459平方米" is as approximate as "约13459"
        return "约" if head[-2] == "约" else "近", start - (len(text[max(0, start - 4):start]) - len(head)) - 2
    for marker in _APPROX_BEFORE:
        if head.endswith(marker):
            return marker, start - (len(text[max(0, start - 3):start]) - len(head)) - len(marker)
    return None, start


def _approx_after(text: str, pos: int) -> tuple[str | None, int]:
    p = _skip_spaces(text, pos)
    if text[p:p + 1] not in _APPROX_AFTER_FIRST:
        return None, pos
    for marker in _APPROX_AFTER:
        if text.startswith(marker, p):
            return marker, p + len(marker)
    return None, pos


def _is_not_amount(text: str, s: int, e: int, digits: str, frac: str | None) -> bool:
    """Years, dates, ranges, ordinals, document numbers, phone numbers, model names: the number
    text[s:e], whose integer digits are `digits`."""
    before = text[max(0, s - 2):s]
    after = text[e:e + 3].lstrip(" \u00a0")
    if before.endswith("第"):
        return True
    if after[:1] in ("年", "月", "日", "号", "届", "季") and frac is None:
        return True
    if after[:1] in ("-", "—", "–", "~", "～", "/", ".", "．") and _RANGE_NEXT.match(after):
        # the first part of a range or a date: 1-11月, 2019-2035, 2023.6.30
        return not _FORMULA_AHEAD.match(text, e, e + 80)
    if len(before) == 2 and before[1] in ".．" and before[0] in _DIGITS:
        return True  # a later part of a dotted date (2023.6.30); a decimal's digits join its number
    if before.endswith(("-", "—", "–", "~", "～", "/")) and _RANGE_BEFORE.search(text[max(0, s - 6):s]):
        return not _FORMULA_AHEAD.match(text, e, e + 80)  # the second part of a range or a date
    if after[:1].isascii() and after[:1].isalpha() and not after.startswith(("kW", "km", "MW", "kg")):
        return True  # 5G, 3A, 4K
    if before.endswith(("〔", "[", "【")) or text[e:e + 1] in ("〕", "]", "】"):
        return True  # document numbers 〔2023〕12号
    if len(digits.replace(",", "")) >= 7 and frac is None and "," not in digits and not after[:1]:
        return False
    if "-" in text[s + 3:s + 5] and _PHONE.match(text[s:s + 13]) or len(digits) == 11 and _MOBILE.fullmatch(digits):
        return True
    return False


def find_quantities(text: str, skip_until: int = 0) -> list[Quantity]:
    """All quantities in `text`; `skip_until` masks a leading list label ("3、")."""
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    out: list[Quantity] = []
    taken_until = 0
    for m in _NUMBER.finditer(norm):
        ms, me = m.span()
        if ms < skip_until or ms < taken_until:
            continue
        if ms > 0 and norm[ms - 1].isascii() and norm[ms - 1].isalpha():
            continue  # part of an identifier such as "A3" or "GB18030"
        sign, digits, frac, ocr = m.group("sign", "int", "frac", "ocr")
        if _is_not_amount(norm, ms, me, digits, frac):
            continue
        unit_end = me
        approx_after, after_pos = _approx_after(norm, me)
        unit = _match_unit(norm, after_pos if approx_after in ("余", "多") else me)
        if frac is None:
            frac = ocr
        value = Decimal(digits.replace(",", "") + ("." + frac if frac else ""))
        if sign:
            value = -value
        approx, start = _approx_before(norm, ms)
        kind, unit_name, incomplete = "bare", "", False
        if unit:
            unit_name, kind, unit_end = unit
            if kind == "money?":
                kind, incomplete = "money", True
            if approx is None and approx_after in ("余", "多"):
                approx = approx_after
            inner = norm[me:unit_end]
            if approx is None and ("多" in inner or "余" in inner):
                approx = "多" if "多" in inner else "余"  # "4万多米"
        trailing, end_after = _approx_after(norm, unit_end)
        if trailing in ("以上", "以下", "左右", "上下", "余", "多") and (unit or trailing in ("以上", "以下", "左右")):
            approx = approx or trailing
            end = end_after
        else:
            end = unit_end
        if sign and approx is None and start > ms:
            start = ms
        out.append(Quantity(value, unit_name, kind, _decimals(frac), min(start, ms), end, ms, me, approx, incomplete))
        taken_until = end
    out.extend(_chinese_quantities(norm, out, skip_until))
    out.sort(key=lambda q: q.start)
    return out


def _chinese_quantities(text: str, found: list[Quantity], skip_until: int) -> list[Quantity]:
    """三千万元, 一百二十个, 百分之八, 近千名 — only with a unit, never inside words like 三公经费."""
    if _CN_DIGIT.search(text) is None:
        return []  # no numeral at all (every figure cell of a table): nothing to scan for
    taken = TakenSpans((q.start, q.end) for q in found)
    out: list[Quantity] = []

    def free(s: int, e: int) -> bool:
        return s >= skip_until and taken.free(s, e)

    for m in _PERCENT_CN.finditer(text):
        value = parse_cn_decimal(m.group("cn"))
        if value is not None and free(m.start(), m.end()):
            decimals = len(m.group("cn").partition("点")[2])
            out.append(Quantity(value, "%", "percent", decimals, m.start(), m.end(), m.start(), m.end()))
            taken.take(m.start(), m.end())
    for m in _CN_NUMBER.finditer(text):
        s, e = m.start("cn"), m.end()
        if text[max(0, s - 1):s] == "第" or text[max(0, s - 2):s] == "百分" or not free(s, e):
            continue
        numeral = m.group("cn")
        if m.group("cnfrac"):
            numeral += "点" + m.group("cnfrac")
        value = parse_cn_decimal(numeral)
        if value is None or value == 0:
            continue
        approx_after, after_pos = _approx_after(text, e)
        unit = _match_unit(text, after_pos if approx_after else e)
        if unit is None or unit[1] not in ("money", "count", "percent", "points"):
            continue
        unit_name, kind, unit_end = unit
        if text[unit_end:unit_end + 1] in ("性", "化", "是", "批"):  # 一次性, 一体化
            continue
        approx, start = _approx_before(text, s)
        out.append(Quantity(value, unit_name, kind, len(m.group("cnfrac") or ""), min(start, s), unit_end, s, e,
                            approx or approx_after))
        taken.take(s, unit_end)
    return out
