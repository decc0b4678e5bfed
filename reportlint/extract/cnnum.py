"""Chinese numerals: 三, 十五, 一百二十, 三千万, 二〇二一, 两, 壹贰叁."""
from __future__ import annotations

from decimal import Decimal

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def parse_cn_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or None when `text` is not one.

    Positional digit strings (二〇二一 → 2021) and unit numerals (一百二十 → 120, 三千万 → 30000000)
    are both read. A bare 万/亿 with nothing before it is not a number.
    """
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total = 0  # finished 亿/万 sections
    section = 0  # the part below the current big unit
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch] or None  # 零 only marks a gap (一百零五)
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * BIG_UNITS[ch] if ch == "亿" or total == 0 else total + section * BIG_UNITS[ch]
            section = 0
            digit = None
    return total + section + (digit or 0)


def parse_cn_decimal(text: str) -> Decimal | None:
    """三点五 → 3.5; plain integers as parse_cn_int."""
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = parse_cn_int(whole)
        if w is None or not frac or any(ch not in DIGITS for ch in frac):
            return None
        return Decimal(f"{w}." + "".join(str(DIGITS[c]) for c in frac))
    value = parse_cn_int(text)
    return None if value is None else Decimal(value)


_CN = "零一二三四五六七八九"


def to_cn(n: int) -> str:
    """1 → 一, 11 → 十一, 25 → 二十五, 105 → 一百零五 (for numbering labels; beyond 9999 in digits)."""
    if n < 0 or n > 9999:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    out = ""
    gap = False  # a zero between two non-zero digits is read 零 once
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap and out else "") + _CN[digit] + unit
            gap = False
        elif out:
            gap = True
    return out
