#!/usr/bin/env python3
"""Benchmark reportlint (a script, not a test): every figure beside its floor, measured side by side.

    python scripts/benchmark.py                 # prints markdown tables
    python scripts/benchmark.py --quick         # smaller batch, fewer repeats
    python scripts/benchmark.py --readme        # also writes the tables into README.md

A floor is what any tool must pay for the same input: the interpreter starting, and the file opened
by its library (python-docx for .docx; pypdfium2 opening the PDF and extracting every page's text;
reading the bytes of a .txt). Each command and its floor run alternately, in fresh processes, and
are reported as min and median; the ratio is median over median. Reports of about 20, 200 and 2,000
pages are generated (a page is about 600 characters of prose with a figure-laden sentence in every
paragraph and a table every few pages), as .txt, .docx and PDF; the shipped 部门决算/预算 PDFs are
measured too when ../shared/real sits beside the repository. Pathological inputs (the ones that
once took minutes) are timed alone. Times are wall times measured with os.wait4, so peak memory
(max RSS) is the process's own.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

PAGE_CHARS = 600
SECTIONS = ["部门概况", "部门整体支出情况", "部门整体支出绩效情况", "存在的问题", "改进措施"]
ITEMS = ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]


def _paragraph(rnd: random.Random, k: int) -> str:
    a = round(rnd.uniform(50, 900), 2)
    b = round(rnd.uniform(50, 900), 2)
    total = round(a + b, 2)
    done = rnd.randint(50, 400)
    target = done + rnd.randint(0, 40)
    pct = f"{done / target * 100:.2f}"
    filler = "".join(rnd.choice("加强预算管理规范资金使用推进项目建设提升服务质量落实工作责任完善制度机制") for _ in range(120))
    return (f"{k}、第{k}项工作稳步推进。全年支出{total:.2f}万元，其中基本支出{a:.2f}万元，项目支出{b:.2f}万元。"
            f"下达任务{target}个，完成{done}个，完成率{pct}%。{filler}。")


def _table(rnd: random.Random) -> str:
    rows = ["项目\t预算数\t决算数"]
    s1 = s2 = 0.0
    for item in ITEMS:
        x, y = round(rnd.uniform(1, 99), 2), round(rnd.uniform(1, 99), 2)
        s1 += x
        s2 += y
        rows.append(f"{item}\t{x:.2f}\t{y:.2f}")
    rows.append(f"合计\t{s1:.2f}\t{s2:.2f}")
    return "\n".join(rows)


def make_report(pages: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out = ["某县某局2023年度部门整体支出绩效自评报告", ""]
    chars, k, section = 0, 0, 0
    per_section = max(1, pages * PAGE_CHARS // len(SECTIONS))
    while chars < pages * PAGE_CHARS:
        if section < len(SECTIONS) and chars >= section * per_section:
            out += [f"{'一二三四五'[section]}、{SECTIONS[section]}", ""]
            section += 1
            k = 0
        k += 1
        para = _paragraph(rnd, k)
        out += [para, ""]
        chars += len(para)
        if k % 6 == 0:
            out += [_table(rnd), ""]
    out += ["某县某局", "2024年3月18日", ""]
    return "\n".join(out)


def timed(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss // 1024


@dataclass
class Paired:
    """A command and its floor, run alternately."""

    runs: list[float]
    floors: list[float]
    memory: int

    @property
    def ratio(self) -> float:
        return statistics.median(self.runs) / statistics.median(self.floors)

    def row(self, name: str) -> str:
        return (f"| {name} | {min(self.runs):.2f} / {statistics.median(self.runs):.2f} s | {self.memory} MB | "
                f"{min(self.floors):.2f} / {statistics.median(self.floors):.2f} s | **{self.ratio:.1f}×** |")


def paired(cmd: list[str], floor: list[str], repeat: int) -> Paired:
    timed(cmd)  # one unmeasured run each: the file in the page cache, bytecode written
    timed(floor)
    runs, floors, memory = [], [], 0
    for _ in range(repeat):
        t, m = timed(cmd)
        runs.append(t)
        memory = max(memory, m)
        floors.append(timed(floor)[0])
    return Paired(runs, floors, memory)


_PAIRED_HEAD = ["| input | check (min / median) | peak memory | floor (min / median) | ratio (medians) |",
                "|---|---|---|---|---|"]


def _floor_pdf(py: str, path: str) -> list[str]:
    return [py, "-c", "import pypdfium2 as p\nd = p.PdfDocument(%r)\nfor i in range(len(d)):\n"
                      "    pg = d[i]; t = pg.get_textpage(); t.get_text_range(); t.close(); pg.close()" % path]


def _reading_ms_per_page(path: str, repeat: int) -> float:
    """Median milliseconds per page to read a PDF into the document model, in this process."""
    import pypdfium2

    from reportlint.readers.pdf import read_pdf

    pages = len(pypdfium2.PdfDocument(path))
    read_pdf(path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_pdf(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000 / pages


def _table_report(rows: int) -> str:
    rnd = random.Random(rows)
    lines = ["某局2023年度部门决算", "", "单位：万元", "", "| 项目 | 预算数 | 决算数 |", "|---|---|---|"]
    total_a = total_b = 0.0
    for k in range(rows):
        a, b = round(rnd.uniform(1, 99), 2), round(rnd.uniform(1, 99), 2)
        total_a += a
        total_b += b
        lines.append(f"| 项目{k} | {a:.2f} | {b:.2f} |")
    lines.append(f"| 合计 | {total_a:.2f} | {total_b:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    repeat = 3 if args.quick else 7
    batch = 100 if args.quick else 200
    from build_fixtures import text_to_docx
    from build_pdf_fixtures import text_to_pdf
    from make_bad_inputs import build_heavy

    py = sys.executable
    # bytecode written once, as `pip install` does (an editable install under PYTHONDONTWRITEBYTECODE
    # would otherwise compile reportlint in every measured process)
    subprocess.run([py, "-m", "compileall", "-q", os.path.join(ROOT, "reportlint")], check=True,
                   stdout=subprocess.DEVNULL)
    lint = [py, "-m", "reportlint", "check", "--today", "2024-06-01"]
    out = ["Side by side (each command alternating with its floor, fresh processes):", "", *_PAIRED_HEAD]
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        out.append(paired([py, "-m", "reportlint", "--version"], [py, "-c", "pass"], repeat)
                   .row("start-up: `reportlint --version` vs `python -c pass`"))
        for pages in (20, 200, 2000):
            runs = 1 if pages == 2000 else repeat
            txt = os.path.join(tmp, f"r{pages}.txt")
            with open(txt, "w", encoding="utf-8") as fh:
                fh.write(make_report(pages))
            docx_path = txt[:-4] + ".docx"
            text_to_docx(txt, docx_path)
            out.append(paired(lint + [docx_path], [py, "-c", f"import docx; docx.Document({docx_path!r})"], runs)
                       .row(f"{pages} pages .docx ({os.path.getsize(docx_path) // 1024} KB) vs python-docx opening it"))
            out.append(paired(lint + [txt], [py, "-c", f"open({txt!r}, 'rb').read()"], runs)
                       .row(f"{pages} pages .txt vs reading its bytes"))
            if pages == 20:  # the floor the speed issue measured .txt against: one floor per report
                out.append(paired(lint + [txt], [py, "-c", f"import docx; docx.Document({docx_path!r})"], runs)
                           .row(f"{pages} pages .txt vs python-docx opening the same report as .docx"))
            if pages == 20:
                pdf = txt[:-4] + ".pdf"
                text_to_pdf(txt, pdf)
                pdfs = [("generated", pdf)]
                real = os.path.join(ROOT, "..", "shared", "real", "docs")
                if os.path.isdir(real):
                    pdfs += [(name[:2], os.path.join(real, name)) for name in sorted(os.listdir(real))
                             if name.endswith(".pdf")][:3]
                import pypdfium2

                for label, path in pdfs:
                    n = len(pypdfium2.PdfDocument(path))
                    result = paired(lint + [path], _floor_pdf(py, path), runs)
                    out.append(result.row(f"PDF {label} ({n} pages) vs pypdfium2 extracting its text"))
                    notes.append(f"reading PDF {label} ({n} pages): {_reading_ms_per_page(path, runs):.1f} ms per page")
        # tables: cost per row stays flat
        table_times = {}
        for rows in (5000, 20000):
            path = os.path.join(tmp, f"table{rows}.md")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(_table_report(rows))
            table_times[rows] = timed(lint + [path])
        notes.append(f"a 5,000-row table: {table_times[5000][0]:.2f} s; 20,000 rows: {table_times[20000][0]:.2f} s "
                     f"({table_times[20000][0] / table_times[5000][0]:.1f}× for 4× the rows), "
                     f"{table_times[20000][1]} MB")
        # inputs that once exploded: each alone, in a fresh process
        heavy = os.path.join(tmp, "heavy")
        worst = max(((timed(lint + [os.path.join(heavy, name)]), name) for name in build_heavy(heavy)),
                    key=lambda item: item[0][0])
        notes.append(f"slowest of {len(os.listdir(heavy))} pathological inputs (make_bad_inputs.build_heavy): "
                     f"{worst[1]} {worst[0][0]:.2f} s, {worst[0][1]} MB")
        # duplicates at scale: a 5,000-paragraph document, DUP rules only, in-process after reading
        dup_path = os.path.join(tmp, "dup5000.txt")
        rnd = random.Random(5)
        with open(dup_path, "w", encoding="utf-8") as fh:
            fh.write("某局2023年度部门整体支出绩效自评报告\n\n")
            for k in range(5000):
                fh.write(_paragraph(rnd, k) + "\n\n")
        from reportlint.config import Config
        from reportlint.engine import lint as lint_document
        from reportlint.readers import read_document

        dup_doc = read_document(dup_path)
        _ = dup_doc.facts  # extraction is shared by every rule; time the rule itself
        start = time.perf_counter()
        lint_document(dup_doc, Config(select=("DUP",)))
        notes.append(f"duplicates on a 5,000-paragraph document (DUP001–005, after reading): "
                     f"{time.perf_counter() - start:.2f} s")
        # batch: typical reports (about 12 pages), a third each .txt, .docx and PDF, default --jobs
        folder = os.path.join(tmp, "batch")
        os.makedirs(folder)
        for k in range(batch):
            path = os.path.join(folder, f"r{k:04d}.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(make_report(12, seed=k))
            if k % 3 == 1:
                text_to_docx(path, path[:-4] + ".docx")
                os.remove(path)
            elif k % 3 == 2:
                text_to_pdf(path, path[:-4] + ".pdf")
                os.remove(path)
        t_batch, m_batch = timed(lint + ["--format", "json", folder])
        notes.append(f"batch of {batch} generated 12-page reports (a third each .txt, .docx, PDF), default "
                     f"`--jobs`: {t_batch:.1f} s, **{batch / t_batch:.0f} files/s**, peak memory {m_batch} MB")
    out += ["", *(f"- {note}" for note in notes), "",
            f"Measured on {os.cpu_count()} cores with Python {sys.version.split()[0]} by `python scripts/benchmark.py`."]
    text = "\n".join(out)
    print(text)
    if args.readme:
        readme = os.path.join(ROOT, "README.md")
        content = open(readme, encoding="utf-8").read()
        begin, end = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"
        if begin in content and end in content:
            head, rest = content.split(begin, 1)
            _, tail = rest.split(end, 1)
            content = f"{head}{begin}\n{text}\n{end}{tail}"
            from reportlint.files import write_atomic

            write_atomic(readme, content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
