"""功能分类 items named in the text, and the 科目编码 the statutory tables give them.

The 情况说明 of a 部门预算/决算 names items by their path — "一般公共服务支出（类）财政事务（款）
行政运行（项）", sometimes with the code digits of each level ("公共安全支出（204类）司法（06款）") —
while the tables list them by 科目编码 and name. A path is resolved to one code only when the names
(and any digits) of every level it gives agree with the tables; a name the tables print under two
codes, or a level whose name differs, leaves it unresolved. Nothing here decides what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import patterns
from .ledger import Entry, Ledger
from .tables import squeeze

CODE_LENGTH = {"类": 3, "款": 5, "项": 7}
_LEVEL_MARK = patterns.compile(r"[（(](?P<code>\d{0,7}+)(?P<level>[类款项])[）)]")
# A level's name, read backwards from its mark: may hold a parenthesised word of its own
# ("政府办公厅（室）及相关机构事务（款）"). Searched in a window of _NAME_MAX characters, so linear.
_NAME = patterns.compile(r"(?:[^（()）“”\"'‘’「」，,。；;：:、\s\d]|[（(](?!\d*+[类款项][）)])[^（()）“”，,。；;：:\s]{1,8}+[）)])++$")
_NAME_MAX = 40
_CLOSE = patterns.compile(r"[”\"'’」』\s]*+")
_LOOK_BACK = 160  # characters: a path of three levels with long names


@dataclass(frozen=True, slots=True)
class Step:
    level: str  # 类, 款 or 项
    name: str  # normalised (see `plain_name`)
    code: str  # the digits written in the parentheses ("204" of "（204类）", "06" of "（06款）"), or ""


@dataclass(frozen=True, slots=True)
class ClassPath:
    steps: tuple[Step, ...]
    start: int
    end: int  # after the last level's closing parenthesis (and any closing quote)

    @property
    def text_name(self) -> str:
        return self.steps[-1].name + f"（{self.steps[-1].level}）"


def plain_name(text: str) -> str:
    """A name as compared: spaces squeezed, half-width parentheses made full-width."""
    return squeeze(text).replace("(", "（").replace(")", "）")


def paths_in(text: str) -> list[ClassPath]:
    """Every path in a text: runs of adjacent "name（level）" steps, broadest level first."""
    out: list[ClassPath] = []
    steps: list[Step] = []
    start = end = -1
    for m in _LEVEL_MARK.finditer(text):
        window = max(0, m.start() - _NAME_MAX, end if steps else 0)
        name = _NAME.search(text, window, m.start())
        if name is None or len(name.group()) < 2:
            if steps:
                out.append(ClassPath(tuple(steps), start, _close(text, end)))
            steps = []
            continue
        if steps and name.start() != end:
            out.append(ClassPath(tuple(steps), start, _close(text, end)))
            steps = []
        if not steps:
            start = name.start()
        steps.append(Step(m.group("level"), plain_name(name.group()), m.group("code")))
        end = m.end()
    if steps:
        out.append(ClassPath(tuple(steps), start, _close(text, end)))
    return [p for p in out if _ordered(p.steps)]


def path_before(text: str, pos: int) -> ClassPath | None:
    """The path that ends right before `pos` (closing quotes and spaces between aside)."""
    window_start = max(0, pos - _LOOK_BACK)
    for path in reversed(paths_in(text[window_start:pos])):
        if path.end + window_start == pos:
            return ClassPath(path.steps, path.start + window_start, pos)
        break
    return None


def _close(text: str, end: int) -> int:
    m = _CLOSE.match(text, end)
    return m.end() if m else end


def _same_digits(prefix: str, written: str) -> bool:
    """Do the digits written with a level ("204" of 类, "06" of 款, or the whole "20406") name this code?"""
    if len(written) == len(prefix):
        return written == prefix
    own = 3 if len(prefix) == 3 else 2
    return len(written) <= own and prefix[-own:] == written.zfill(own)


def _ordered(steps: tuple[Step, ...]) -> bool:
    levels = [CODE_LENGTH[s.level] for s in steps]
    return levels == sorted(set(levels))


@dataclass
class CodeIndex:
    """Every coded entry of the tables' ledgers, by 科目编码, and the names each code is printed with."""

    entries: dict[str, list[tuple[Ledger, Entry]]]
    names: dict[str, set[str]]

    @classmethod
    def build(cls, ledgers: list[Ledger]) -> CodeIndex:
        entries: dict[str, list[tuple[Ledger, Entry]]] = {}
        names: dict[str, set[str]] = {}
        for ledger in ledgers:
            for group in ledger.groups:
                for entry in group.coded:
                    entries.setdefault(entry.code, []).append((ledger, entry))
                    if entry.name:
                        names.setdefault(entry.code, set()).add(plain_name(entry.name))
        return cls(entries, names)

    def resolve(self, path: ClassPath) -> str | None:
        """The one code whose name and ancestors' names (and any digits written) agree with the path."""
        last = path.steps[-1]
        length = CODE_LENGTH[last.level]
        found = [code for code, names in self.names.items()
                 if len(code) == length and last.name in names and self._agrees(code, path)]
        return found[0] if len(found) == 1 else None

    def _agrees(self, code: str, path: ClassPath) -> bool:
        for i, step in enumerate(path.steps):
            length = CODE_LENGTH[step.level]
            prefix = code[:length]
            if step.code and not _same_digits(prefix, step.code):
                return False
            names = self.names.get(prefix)
            if names is None:
                continue  # the tables print no line for this level: nothing to contradict
            # words before the broadest level ("其中一般公共服务支出") are not part of its name
            if step.name not in names and not (i == 0 and any(step.name.endswith(n) for n in names)):
                return False
        return True
