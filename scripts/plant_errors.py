"""Plant one error at a time in a report and see whether reportlint finds it.

A reviewer's test of a checker is a clean document with figures changed by hand. This does the same
mechanically: for each figure of a table (or of the text), change it by a few units in its last
digits, read the document again with the change, and count the change as found when a finding (or a
finding's other end) points at the changed place. Findings already present on the clean document do
not count. Reports recall per document and lists what was missed, so a rule's reach can be measured
on real reports instead of guessed.

    python scripts/plant_errors.py ../shared/real/docs/01_putuo_czj_2024_final.pdf [--text] [--limit 200]
"""
from __future__ import annotations

import argparse
import random
import sys
from decimal import Decimal

from reportlint.config import Config
from reportlint.engine import lint
from reportlint.extract.ledger import read_ledger
from reportlint.extract.tables import cell_number
from reportlint.findings import Finding
from reportlint.model import Document, Text
from reportlint.packs import load_packs
from reportlint.readers import read_document


def _places(f: Finding) -> set[tuple]:
    out = set()
    for loc in [f.location] + [r.location for r in f.related]:
        if loc.table is not None:
            out.add(("cell", loc.table, loc.row, loc.cell))
        else:
            out.add(("block", loc.block))
    return out


def _changed(value: str, rng: random.Random) -> str | None:
    """The figure with one of its last two digits moved (2,940.05 → 2,940.08): a typing slip."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if not digits:
        return None
    i = digits[-1 - rng.randrange(min(2, len(digits)))]
    new = str((int(value[i]) + rng.randrange(1, 9)) % 10)
    return value[:i] + new + value[i + 1:]


def _table_cells(doc: Document):
    """Non-zero figures: the figure columns of a ledger (科目编码 are not figures), and elsewhere
    numbers shown with decimals."""
    totals = load_packs(()).words("total-labels")
    for n, table in enumerate(doc.tables, 1):
        ledger = read_ledger(table, totals)
        figure_cols = {c for g in ledger.groups for c in g.value_cols} if ledger else set()
        for row in table.rows:
            for cell in row:
                q = cell_number(cell)
                if q is None or q.kind not in ("money", "bare") or q.value == 0:
                    continue
                if cell.col in figure_cols or q.decimals > 0 and ledger is None:
                    yield n, table, cell


def _fresh(path: str) -> Document:
    return read_document(path)


def plant_in_tables(path: str, config: Config, limit: int, rng: random.Random) -> tuple[int, int, list[str]]:
    clean = {(f.rule, f.message) for f in lint(_fresh(path), config)}
    doc = _fresh(path)
    targets = [(n, cell.row, cell.col) for n, _, cell in _table_cells(doc)]
    rng.shuffle(targets)
    found, missed = 0, []
    for n, r, c in targets[:limit]:
        doc = _fresh(path)  # facts are computed once per document: plant in a fresh reading
        table = doc.tables[n - 1]
        cell = next(x for x in table.rows[r] if x.col == c)
        new = _changed(cell.value, rng)
        if new is None:
            continue
        old = cell.value
        cell.text = Text(new, cell.text.pieces, cell.text.boxes)
        cell.__dict__.pop("_number", None)  # the reader may have read the old figure already
        findings = [f for f in lint(doc, config) if (f.rule, f.message) not in clean]
        if any(("cell", n, r + 1, c + 1) in _places(f) for f in findings):
            found += 1
        else:
            label = next((x.value.strip() for x in table.rows[r] if cell_number(x) is None and x.value.strip()), "")
            missed.append(f"表{n} 第{r + 1}行第{c + 1}列 {label}: {old.strip()} → {new.strip()}")
    return found, found + len(missed), missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=60, help="figures changed per document")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="list what was missed")
    args = parser.parse_args()
    config = Config()
    total_found = total = 0
    for path in args.paths:
        rng = random.Random(args.seed)
        found, n, missed = plant_in_tables(path, config, args.limit, rng)
        total_found += found
        total += n
        print(f"{path}: {found}/{n} table figures changed were found")
        if args.show:
            for m in missed:
                print("   missed", m)
    if total:
        print(f"all: {total_found}/{total} ({Decimal(total_found * 100) / total:.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
