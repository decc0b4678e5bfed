"""One self-contained HTML file: the document with each finding's evidence highlighted, and the
findings grouped by severity and category, linked both ways. No scripts, fonts or styles are
fetched: everything is inline."""
from __future__ import annotations

from collections import defaultdict
from html import escape

from .. import __version__
from ..findings import SEVERITIES, SEVERITY_NAMES, Finding
from ..model import Heading, Table
from ..registry import RULES
from . import FileResult, summary
from .text import summary_line

_CATEGORY = {"totals": "合计", "units": "单位", "consistency": "一致性", "percentages": "百分比", "dates": "日期",
             "duplicates": "重复", "headings": "标题结构", "wording": "措辞"}

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#263238;color:#fff}header h1{font-size:18px;margin:0}
.file{display:flex;gap:16px;padding:16px 20px;border-bottom:1px solid #ddd;align-items:flex-start}
.doc{flex:3;background:#fff;padding:16px 24px;border:1px solid #e0e0e0;line-height:1.9;min-width:0}
.side{flex:2;position:sticky;top:0;max-height:100vh;overflow:auto}
.doc p{margin:.4em 0;white-space:pre-wrap}.doc .blk{color:#999;font-size:11px;margin-right:6px;user-select:none}
.doc table{border-collapse:collapse;margin:.6em 0;font-size:13px}.doc td{border:1px solid #bbb;padding:2px 6px;white-space:pre-wrap}
mark{padding:0 1px;border-radius:2px}mark.error{background:#ffcdd2}mark.warning{background:#ffe0b2}mark.info{background:#e1f5fe}
mark a{color:inherit;text-decoration:none}
.side h2{font-size:15px;margin:.8em 0 .3em}.side h3{font-size:13px;margin:.6em 0 .2em;color:#555}
.side ol{padding-left:1.2em;margin:0}.side li{margin:.35em 0;font-size:13px}
.code{font-family:monospace;font-weight:bold}.error .code{color:#c62828}.warning .code{color:#ef6c00}.info .code{color:#0277bd}
.ea{color:#555;font-size:12px}.err{color:#c62828;padding:16px 20px}
.rules{padding:16px 20px;font-size:13px}.rules dt{font-weight:bold;margin-top:.6em}.rules dd{margin:0 0 0 1em}
:target{outline:2px solid #1565c0}.index{padding:8px 20px;font-size:13px}.index ol{margin:0}
"""


def _spans(findings: list[tuple[int, Finding]]) -> dict[tuple[int, tuple | None], list[tuple[int, int, int, Finding]]]:
    out = defaultdict(list)
    for n, f in findings:
        if f.span is None:
            continue
        block, cell, start, end = f.span
        out[(block, cell)].append((start, max(end, start), n, f))
    return out


def _highlight(text: str, marks: list[tuple[int, int, int, Finding]]) -> str:
    """Text with every finding's span marked; overlapping spans take the higher severity."""
    if not marks:
        return escape(text)
    cuts = sorted({0, len(text), *(min(s, len(text)) for s, _, _, _ in marks), *(min(e, len(text)) for _, e, _, _ in marks)})
    out = []
    starts = defaultdict(list)
    for s, _, n, _ in marks:
        starts[min(s, len(text))].append(n)
    for a, b in zip(cuts, cuts[1:]):
        for n in starts.pop(a, []):
            out.append(f'<a id="ev-{n}"></a>')
        covering = [(f, n) for s, e, n, f in marks if s <= a and b <= e and s < e]
        chunk = escape(text[a:b])
        if covering:
            worst, n = max(covering, key=lambda fn: SEVERITIES.index(fn[0].severity))
            title = escape("；".join(f"{f.rule} {f.message}" for f, _ in covering), quote=True)
            out.append(f'<mark class="{worst.severity}" title="{title}"><a href="#f-{n}">{chunk}</a></mark>')
        else:
            out.append(chunk)
    for ns in starts.values():
        out.extend(f'<a id="ev-{n}"></a>' for n in ns)
    return "".join(out)


def _document(result: FileResult, numbered: list[tuple[int, Finding]], doc_id: str) -> str:
    doc = result.document
    if doc is None:
        return "<p>（文档内容不可用）</p>"
    spans = _spans(numbered)
    out = []
    for block in doc.blocks:
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells = "".join(
                    f'<td rowspan="{c.row_span}" colspan="{c.col_span}">'
                    f"{_highlight(c.value, spans.get((block.index, (c.row, c.col)), []))}</td>" for c in row)
                rows.append(f"<tr>{cells}</tr>")
            out.append(f'<div id="{doc_id}-b-{block.index}"><span class="blk">{block.index}</span>'
                       f'<table>{"".join(rows)}</table></div>')
        else:
            tag = f"h{min(6, max(2, block.level + 1))}" if isinstance(block, Heading) else "p"
            body = _highlight(block.text.value, spans.get((block.index, None), []))
            out.append(f'<{tag} id="{doc_id}-b-{block.index}"><span class="blk">{block.index}</span>{body}</{tag}>')
    return "\n".join(out)


def _side(numbered: list[tuple[int, Finding]], doc_id: str) -> str:
    out = []
    for sev in reversed(SEVERITIES):
        group = [(n, f) for n, f in numbered if f.severity == sev]
        if not group:
            continue
        out.append(f"<h2>{SEVERITY_NAMES[sev]}（{len(group)}）</h2>")
        by_cat = defaultdict(list)
        for n, f in group:
            by_cat[f.category].append((n, f))
        for cat, items in by_cat.items():
            out.append(f"<h3>{_CATEGORY.get(cat, cat)}</h3><ol>")
            for n, f in items:
                loc = f.location
                where = loc.where or f"第{loc.line}行"
                target = f"#ev-{n}" if f.span is not None else f"#{doc_id}-b-{loc.block}"
                ea = ""
                if f.comparison():
                    ea = f'<div class="ea">{escape(f.comparison())}</div>'
                out.append(f'<li id="f-{n}" class="{f.severity}"><a class="code" href="#rule-{f.rule}">{f.rule}</a> '
                           f'<a href="{target}">{escape(where)}</a> {escape(f.message)}{ea}</li>')
            out.append("</ol>")
    return "\n".join(out) or "<p>未发现问题。</p>"


def _rules(findings: list[Finding]) -> str:
    codes = sorted({f.rule for f in findings})
    if not codes:
        return ""
    items = []
    for code in codes:
        r = RULES.get(code)
        if r is None:
            continue
        items.append(f'<dt id="rule-{code}">{code} {escape(r.name)}（{escape(r.summary)}）</dt>'
                     f"<dd>{escape(r.what)}<br>为什么：{escape(r.why)}<br>错误示例：{escape(r.bad)}<br>"
                     f"正确写法：{escape(r.good)}</dd>")
    return f'<section class="rules"><h2>规则说明</h2><dl>{"".join(items)}</dl></section>'


def render_html(results: list[FileResult]) -> str:
    s = summary(results)
    parts = []
    index = []
    counter = 0
    all_findings: list[Finding] = []
    for k, result in enumerate(results, 1):
        doc_id = f"d{k}"  # every id carries its file's number: ids stay unique in a multi-file report
        if result.error:
            parts.append(f'<div class="err" id="{doc_id}">{escape(result.path)}：无法读取（{escape(result.error)}）</div>')
            index.append(f'<li><a href="#{doc_id}">{escape(result.path)}</a>：无法读取</li>')
            continue
        numbered = []
        for f in result.findings:
            counter += 1
            numbered.append((counter, f))
        all_findings.extend(result.findings)
        counts = summary([result])["by_severity"]
        index.append(f'<li><a href="#{doc_id}">{escape(result.path)}</a>：'
                     + ("，".join(f"{SEVERITY_NAMES[sev]} {n}" for sev, n in counts.items() if n) or "未发现问题")
                     + "</li>")
        parts.append(f'<h2 id="{doc_id}" style="padding:0 20px">{escape(result.path)}</h2><div class="file">'
                     f'<div class="doc">{_document(result, numbered, doc_id)}</div>'
                     f'<div class="side">{_side(numbered, doc_id)}</div></div>')
    title = f"reportlint {__version__}：{summary_line(s)}"
    nav = f'<nav class="index"><ol>{"".join(index)}</ol></nav>' if len(results) > 1 else ""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1></header>{nav}"
            f"{''.join(parts)}{_rules(all_findings)}</body></html>\n")
