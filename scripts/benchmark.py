#!/usr/bin/env python3
"""Benchmark reportlint (a script, not a test): start-up, time and memory per document, the ratio to
merely opening the .docx with python-docx, and batch throughput.

    python scripts/benchmark.py                 # prints a markdown table
    python scripts/benchmark.py --quick         # smaller batch, fewer repeats
    python scripts/benchmark.py --readme        # also writes the table into README.md

Reports of about 20, 200 and 2,000 pages are generated (a page is about 600 characters of prose
with a figure-laden sentence every paragraph and a table every few pages), as .txt and as .docx.
Every time is the wall time of a fresh process, measured with os.wait4 so peak memory (max RSS) is
that process's own.
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


def median(cmd: list[str], repeat: int) -> tuple[float, int]:
    runs = [timed(cmd) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    repeat = 2 if args.quick else 5
    batch = 100 if args.quick else 500
    from build_fixtures import text_to_docx

    py = sys.executable
    lint = [py, "-m", "reportlint", "check", "--today", "2024-06-01"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        startup, startup_mem = median([py, "-m", "reportlint", "--version"], repeat)
        interp, _ = median([py, "-c", "pass"], repeat)
        for pages in (20, 200, 2000):
            txt = os.path.join(tmp, f"r{pages}.txt")
            with open(txt, "w", encoding="utf-8") as fh:
                fh.write(make_report(pages))
            docx_path = os.path.join(tmp, f"r{pages}.docx")
            text_to_docx(txt, docx_path)
            floor, _ = median([py, "-c", f"import docx; docx.Document({docx_path!r})"], repeat)
            t_docx, m_docx = median(lint + [docx_path], 1 if pages == 2000 else repeat)
            t_txt, m_txt = median(lint + [txt], 1 if pages == 2000 else repeat)
            rows.append((pages, os.path.getsize(docx_path) // 1024, t_docx, m_docx, floor, t_txt, m_txt))
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
        t_dup = time.perf_counter() - start
        # batch: typical reports (about 12 pages), half .txt, half .docx
        folder = os.path.join(tmp, "batch")
        os.makedirs(folder)
        for k in range(batch):
            path = os.path.join(folder, f"r{k:04d}.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(make_report(12, seed=k))
            if k % 2:
                text_to_docx(path, path[:-4] + ".docx")
                os.remove(path)
        t_batch, m_batch = timed(lint + ["--jobs", "2", "--format", "json", folder])
        # the same with real reports, when the shared seed reports sit beside the repository
        real = None
        seeds = os.path.join(ROOT, "..", "shared", "seeds")
        if os.path.isdir(seeds):
            import shutil

            real_dir = os.path.join(tmp, "real")
            os.makedirs(real_dir)
            names = sorted(n for n in os.listdir(seeds) if n.endswith(".txt"))
            for n in names:
                text_to_docx(os.path.join(seeds, n), os.path.join(tmp, n[:-4] + ".docx"))
            copies = batch // (2 * len(names))
            for k in range(copies):
                for n in names:
                    shutil.copy(os.path.join(seeds, n), os.path.join(real_dir, f"{k:03d}_{n}"))
                    shutil.copy(os.path.join(tmp, n[:-4] + ".docx"), os.path.join(real_dir, f"{k:03d}_{n[:-4]}.docx"))
            real = (copies * 2 * len(names), *timed(lint + ["--jobs", "2", "--format", "json", real_dir]))
    table = ["| measure | value |", "|---|---|",
             f"| start-up (`reportlint --version`) | {startup * 1000:.0f} ms ({startup_mem} MB); bare interpreter {interp * 1000:.0f} ms |"]
    table += ["", "| report | .docx size | check .docx | peak memory | floor (python + open .docx) | ratio to floor | check .txt | peak memory |",
              "|---|---|---|---|---|---|---|---|"]
    for pages, kb, t_docx, m_docx, floor, t_txt, m_txt in rows:
        table.append(f"| {pages} pages | {kb} KB | {t_docx:.2f} s | {m_docx} MB | {floor:.2f} s | {t_docx / floor:.1f}× |"
                     f" {t_txt:.2f} s | {m_txt} MB |")
    table += ["", f"Duplicates on a 5,000-paragraph document (DUP001–005, after reading): {t_dup:.2f} s."]
    table += ["", f"Batch: {batch} generated 12-page reports (dense: every paragraph carries six figures, a table "
                  f"every six paragraphs; half .docx, half .txt) with `--jobs 2`: {t_batch:.1f} s, "
                  f"**{batch / t_batch:.0f} reports/s**, peak memory of the main process {m_batch} MB."]
    if real is not None:
        n, t_real, m_real = real
        table += ["", f"Batch: {n} real reports (the five shared seed reports, each as .txt and as .docx) with "
                      f"`--jobs 2`: {t_real:.1f} s, **{n / t_real:.0f} reports/s**, peak memory {m_real} MB."]
    table += ["", f"Measured on {os.cpu_count()} cores with Python {sys.version.split()[0]} by `python scripts/benchmark.py`."]
    text = "\n".join(table)
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
