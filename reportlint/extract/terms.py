"""Matching the names of figures across places: synonyms from the rule pack, then containment, and
as a last resort jieba word overlap (jieba and its domain dictionary load only then)."""
from __future__ import annotations

import re

from ..packs import Packs

_NOISE = re.compile(r"[\s“”\"'‘’（）()：:、，,。；;0-9０-９.%]+|^(?:其中|包括|共|合计|全年|本年|当年|发生|实际)+")
_GENERIC = {"支出", "收入", "资金", "经费", "金额", "合计", "小计", "总计", "费用", "项目", "预算", "决算"}
# 因公出国（境）费, 因公出国（境）费用 and 因公出国（境）费支出 name one item: its core drops them all
_TRAILING = re.compile(r"(?:支出|费用|费|金额|数)+$")


class Terms:
    def __init__(self, packs: Packs):
        self.synonyms: list[tuple[str, tuple[str, ...]]] = sorted(
            packs.synonyms(), key=lambda g: -max(len(a) for a in (g[0], *g[1])))
        self.words = packs.words("words")
        stage = packs.terms.get("scopes", {}).get("stage", [])
        self.stage_words = tuple(stage)
        self._jieba = None
        self._canonical: dict[str, str] = {}  # per instance: a method lru_cache would keep every Terms alive

    def canonical(self, label: str) -> str:
        """The label with noise removed, or the canonical name of the synonym group it mentions."""
        found = self._canonical.get(label)
        if found is None:
            found = self._canonical[label] = self._canonicalise(label)
        return found

    def _canonicalise(self, label: str) -> str:
        text = _NOISE.sub("", label)
        for canonical, aliases in self.synonyms:
            for name in sorted((canonical, *aliases), key=len, reverse=True):
                if name in text:  # keep what the label adds: 一般公共预算财政拨款【基本】支出 is another figure
                    return text.replace(name, canonical)
        return text

    def item(self, label: str) -> str:
        """A label without its scope words (年初, 预算, 决算 …): the item it names."""
        text = self.canonical(label)
        for w in self.stage_words:
            text = text.replace(w, "")
        return text

    def core(self, label: str) -> str:
        """The item without its trailing 支出/费用/费, for matching it to table rows."""
        return _TRAILING.sub("", self.item(label))

    def rows_for(self, prose_label: str, rows: dict[str, list[str]], fallback_limit: int = 300) -> list[str]:
        """Row labels naming the same item as `prose_label`; `rows` maps a row core to its labels.

        The fast path looks up the label's core and its suffixes (at most MAX suffix lookups);
        word matching with jieba runs only when that finds nothing and the rows are few.
        """
        a = self.core(prose_label)
        if not a:
            return []
        out: list[str] = []
        for k in range(len(a)):
            suffix = a[k:]
            if (k == 0 or len(suffix) >= 3) and suffix in rows and suffix not in _GENERIC:
                out.extend(rows[suffix])
        if out or len(rows) > fallback_limit:
            return out
        return [label for core, labels in rows.items() for label in labels
                if core not in _GENERIC and min(_overlap(core, a), _overlap(a, core)) >= 0.75
                and self._word_match(a, core)]

    def _word_match(self, a: str, b: str) -> bool:
        """Both labels reduce to the same content words (jieba, loaded only when needed)."""
        if len(a) < 4 or len(b) < 4:
            return False
        words_a, words_b = self._words(a), self._words(b)
        return bool(words_b) and words_b == words_a

    def _words(self, text: str) -> frozenset[str]:
        if self._jieba is None:
            from .lexicon import jieba

            self._jieba = jieba()
            for w in self.words:
                self._jieba.add_word(w)
        return frozenset(w for w in self._jieba.lcut(text) if len(w) > 1 and w not in _GENERIC)


def _overlap(a: str, b: str) -> float:
    """Share of a's characters found in b. Equal word sets need a high share both ways, so this
    is a cheap gate before jieba is loaded."""
    if len(a) < 4:
        return 0.0
    return sum(1 for ch in a if ch in b) / len(a)
