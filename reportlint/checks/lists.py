"""LST001: a list of subjects paired through 分别 with fewer figures than subjects.

It reads `Facts.respectively` (extract/respectively.py). Only too few figures are a finding: the 、
count is a lower bound on the subjects (城乡居民 and 城镇和农村居民 each name two), so more figures
than 、-separated items may be right, while fewer can only mean a figure or a subject was left over
from an edit.
"""
from __future__ import annotations

from typing import Iterator

from ..engine import Context
from ..findings import Anchor, Finding
from ..model import Document
from ..registry import Rule, check, define

define(Rule(
    "LST001", "respectively-count-mismatch", "consistency", "warning", "“分别”前后的项数不一致",
    what="“A、B、C分别增长5%、6%”：“分别”前用顿号列举的各项比其后连续给出的数字多。列举以“等”结尾、"
         "数字之后接着“增加到…”之类（从…到…的成对数字）、或列举中本身含数字时不报；"
         "数字比列举项多时也不报（“城乡居民”“进出口”一词就含两项）。",
    why="删去一项指标或一个数字后忘了改另一半，读者就无法知道哪个数字属于哪一项。",
    bad="规上工业增加值、固定资产投资、社会消费品零售总额分别增长6.2%、5.1%。",
    good="规上工业增加值、固定资产投资、社会消费品零售总额分别增长6.2%、5.1%、4.8%。"))


@check("LST001")
def respectively_counts(doc: Document, ctx: Context) -> Iterator[Finding]:
    for statement in doc.facts.respectively:
        subjects, values = statement.subjects, statement.values
        if len(values) < 2 or len(values) >= len(subjects):
            continue  # one figure after 分别 may be a slip of wording, not of a list
        text = statement.facts.text
        figures = "、".join(text[q.start:q.end] for q in values)
        yield ctx.finding(
            "LST001", Anchor(statement.facts.unit, statement.start, statement.end),
            f"“分别”前列举了{len(subjects)}项（{'、'.join(subjects)}），其后只有{len(values)}个数字（{figures}）",
            expected=f"{len(subjects)}个数字", actual=f"{len(values)}个数字")
