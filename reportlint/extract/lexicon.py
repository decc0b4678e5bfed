"""Which stretches of text are words: jieba's dictionary, loaded once per process and only when a
rule asks (a doubled 的 is rare; loading costs about 0.4 s and 70 MB)."""
from __future__ import annotations

from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def jieba() -> ModuleType:
    import jieba as module

    module.setLogLevel(60)
    module.initialize()
    return module


def is_word(text: str) -> bool:
    # the dictionary also holds every word's prefixes, with frequency 0 (求是 for 实事求是)
    return jieba().dt.FREQ.get(text, 0) > 0


def in_word(text: str, start: int, end: int, longest: int = 4) -> bool:
    """Does a dictionary word hold a character of [start, end) and one outside it? In 目的的,
    首都都市圈 and 不了了之 the doubled character belongs to a word with its neighbour."""
    for a in range(max(0, start - longest + 1), end):
        for b in range(max(a + 2, start + 1), min(len(text), a + longest) + 1):
            if (a < start or b > end) and is_word(text[a:b]):
                return True
    return False
