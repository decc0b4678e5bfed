"""Spans of a text already claimed by one reading, so a later reading does not claim them again."""
from __future__ import annotations

import bisect


class TakenSpans:
    """Disjoint spans kept sorted (so their ends are sorted too): a span is free when the last one
    starting before its end ends before its start — a bisection, not a scan over every span taken."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans=()):
        pairs = sorted(spans)
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]

    def free(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)
        return k == 0 or self.ends[k - 1] <= start

    def take(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)
