"""Command line: `reportlint check | extract | rules | rule | annotate`.

Exit status (as ruff): 0 when nothing reaches the fail level, 1 when something does, 2 on a usage
error or an unreadable input — after still checking every other file.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys

import click

from . import __version__
from .cli_messages import install as _chinese_click

_chinese_click()  # before the commands below are declared: click reads their help texts then

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Interrupted(BaseException):
    """SIGINT or SIGTERM. Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def run() -> None:
    """The console entry point: the click group, with signals exiting 128+N as other linters do.

    Once the output is flushed the process ends at once: tearing down a document graph of tens of
    thousands of objects (and running the cyclic collector over it) is work nobody waits for.
    """
    import gc

    gc.set_threshold(10_000, 50, 100)  # a document is built of many small objects that are never cycles
    try:
        _run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else EXIT_CLEAN  # _run exits with a status only
        from . import patterns

        patterns.save()  # os._exit runs no atexit hook: patterns compiled afresh are kept now
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe (`| head`): nothing more can be said
            code = code or EXIT_ERROR
        os._exit(code)


def _run() -> None:
    import signal

    def interrupted(signum, _frame):
        raise Interrupted(signum)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    try:
        status = main.main(standalone_mode=False)
    except Interrupted as exc:
        sys.stderr.write("\n")
        sys.exit(128 + exc.signum)
    except click.exceptions.NoArgsIsHelpError as exc:  # `reportlint` alone: the help, as ruff does
        click.echo(exc.ctx.get_help())
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:  # usage errors: one line, like every other error
        ctx = getattr(exc, "ctx", None)
        command = f"reportlint {ctx.info_name}" if ctx is not None and ctx.parent is not None else "reportlint"
        hint = f"（见 `{command} --help`）" if isinstance(exc, click.UsageError) else ""
        message = exc.format_message().replace("。 ", "。").rstrip(".。")
        click.echo(f"reportlint: 错误：{message}{hint}", err=True)
        sys.exit(EXIT_ERROR if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.Abort:  # EOF on a prompt; there are none, but click may raise it
        sys.exit(EXIT_ERROR)
    sys.exit(status if isinstance(status, int) else EXIT_CLEAN)


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"reportlint: 错误：{message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    out = tuple(c.upper() for c in _split(values))
    if not out:
        raise _fail("--select/--ignore 没有给出规则代码（要运行全部规则，不写 --select 即可）")
    from .registry import known_selector

    for code in out:
        if not known_selector(code):
            raise _fail(f"未知的规则代码或前缀 '{code}'（见 `reportlint rules`）")
    return out


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """A repeatable option whose values may also be comma-separated, as ruff takes them."""
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _tell(outcome) -> None:
    from .findings import (
        display_path,  # a file name with a newline or escape stays one plain line
    )

    for message in outcome.warnings:
        click.echo(f"reportlint: 警告：{display_path(message)}", err=True)
    for message in outcome.errors:
        click.echo(f"reportlint: 错误：{display_path(message)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reportlint", message="%(prog)s %(version)s")
def main() -> None:
    """reportlint: 报告一致性检查（合计、单位、百分比、日期、重复、标题结构）。"""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(["text", "concise", "json", "github", "sarif", "html"]),
              default="text", show_default=True, help="输出格式。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把报告写入此文件（原子写入）。")
@click.option("--select", multiple=True, help="启用的规则代码或前缀（逗号分隔），如 SUM,PCT001。")
@click.option("--ignore", multiple=True, help="停用的规则代码或前缀。")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="达到此级别即判为不通过（退出码 1）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="只用此配置文件，不向上查找。")
@click.option("--profile", help="报告类型（见 `reportlint rules --profiles`）。")
@click.option("--period", type=click.IntRange(1900, 2200), help="报告年度（标题未写明时）。")
@click.option("--today", help="日期检查所用的“今天”（YYYY-MM-DD），便于复现。")
@click.option("--rule-pack", "rule_packs", multiple=True, type=click.Path(file_okay=False),
              help="额外的规则包文件夹（术语、短语、报告类型）。")
@click.option("--baseline", type=click.Path(dir_okay=False), help="隐藏此基线文件已记录的问题。")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="把当前问题记录为基线。")
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行检查的文件数（默认：CPU 核数）。")
@click.option("--no-color", is_flag=True, help="不输出 ANSI 颜色（设置 NO_COLOR 时亦然）。")
@click.option("-q", "--quiet", is_flag=True, help="未发现问题时文本格式不输出任何内容。")
@click.option("--exclude", multiple=True, help="排除的路径模式，取代配置中的 `exclude`。")
@click.option("--extend-exclude", multiple=True, help="排除的路径模式，追加到 `exclude`。")
@click.option("--force-exclude", is_flag=True,
              help="命令行直接指定的文件也按排除规则处理（供 pre-commit 使用）。")
@click.option("--exit-zero", is_flag=True, help="即使有问题达到失败级别也以 0 退出。")
@click.option("--stdin-filename", help="与 `-` 合用：从标准输入读取的文档的文件名（决定文件类型、"
                                       "适用的配置和报告中显示的名称）。")
def check(paths, fmt, output, select, ignore, fail_on, config_path, profile, period, today, rule_packs, baseline,
          write_baseline, statistics, jobs, no_color, quiet, exclude, extend_exclude, force_exclude,
          exit_zero, stdin_filename) -> None:
    """检查报告（.pdf、.docx、.md、.txt；文件夹递归；`-` 读标准输入）。"""
    from .runner import Options, run

    try:
        today_date = _dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise _fail(f"--today 须为 2024-03-31 这样的日期，不能是 '{today}'") from None
    options = Options(select=_codes(select), ignore=_codes(ignore), fail_on=fail_on, config_path=config_path,
                      profile=profile, period=period, today=today_date, rule_packs=tuple(rule_packs),
                      jobs=jobs or 0, baseline=baseline, write_baseline=write_baseline,
                      progress=sys.stderr.isatty() and not quiet, keep_documents=fmt == "html",
                      outputs=tuple(p for p in (output, write_baseline) if p),
                      exclude=_split(exclude) if exclude else None, extend_exclude=_split(extend_exclude),
                      force_exclude=force_exclude)
    if "-" in paths:
        if len(paths) > 1:
            raise _fail("'-'（标准输入）不能与其他路径同时给出")
        from dataclasses import replace

        with _StdinSaved(stdin_filename) as saved:
            outcome = run([saved], replace(options, stdin_name=stdin_filename or "-"))
    else:
        outcome = run(list(paths), options)
    _tell(outcome)
    if outcome.fatal:
        raise click.exceptions.Exit(EXIT_ERROR)
    from .emitters import render

    color = (not no_color and not os.environ.get("NO_COLOR") and output is None and fmt in ("text", "concise")
             and sys.stdout.isatty())
    rendered = render(fmt, outcome.results, color=color, statistics=statistics)
    if quiet and fmt in ("text", "concise") and not any(r.findings for r in outcome.results):
        rendered = ""
    if output:
        from .files import write_atomic

        write_atomic(output, rendered)
    elif rendered:
        click.echo(rendered, nl=False)
    status = outcome.exit_code
    raise click.exceptions.Exit(EXIT_CLEAN if exit_zero and status == EXIT_FINDINGS else status)


class _StdinSaved:
    """stdin saved to a private temporary file named like `--stdin-filename` (its suffix picks the
    reader: .docx and PDF readers need a file), removed afterwards."""

    def __init__(self, name: str | None):
        self.suffix = os.path.splitext(name or "")[1].lower() or ".txt"

    def __enter__(self) -> str:
        import tempfile

        from .readers.limits import MAX_PDF_BYTES

        data = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
        if len(data) > MAX_PDF_BYTES:
            raise _fail(f"标准输入：内容过大（超过 {MAX_PDF_BYTES} 字节）")
        self.folder = tempfile.mkdtemp(prefix="reportlint-stdin-")
        path = os.path.join(self.folder, "stdin" + self.suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    def __exit__(self, *exc) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract(paths, fmt) -> None:
    """显示 reportlint 读到的内容：段落、标题、表格、数值和日期（文件夹：逐个文件）。"""
    import json

    from .emitters.extract_view import render_extract, to_json
    from .files import collect
    from .readers import ReadError, read_document

    files = collect(list(paths))
    documents, failed = [], False
    for path in files:
        try:
            documents.append(read_document(path))
        except ReadError as exc:
            click.echo(f"reportlint: 错误：{exc}", err=True)
            failed = True
    if fmt == "json" and len(files) > 1:  # one JSON value for several files: a list
        click.echo(json.dumps([to_json(d) for d in documents], ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_extract(d, fmt) for d in documents), nl=False)
    if failed:
        raise click.exceptions.Exit(EXIT_ERROR)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--profiles", is_flag=True, help="改为列出报告类型。")
def rules_cmd(fmt, profiles) -> None:
    """列出全部规则（代码、名称、类别、级别、简介）。"""
    import json

    if profiles:
        from .packs import load_packs

        packs = load_packs()
        if fmt == "json":
            click.echo(json.dumps([{"name": p.name, "title": p.title, "sections": [s.name for s in p.sections]}
                                   for p in packs.profiles.values()], ensure_ascii=False, indent=2))
        else:
            for p in packs.profiles.values():
                click.echo(f"{p.name:<20} {p.title}（必备章节 {len(p.sections)} 个）")
        return
    from .registry import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
                                "summary": r.summary} for r in rules], ensure_ascii=False, indent=2))
        return
    click.echo(f"{'code':<7} {'name':<28} {'category':<12} {'severity':<8} summary")
    for r in rules:
        click.echo(f"{r.code:<7} {r.name:<28} {r.category:<12} {r.severity:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code) -> None:
    """解释一条规则：作用、为什么、错误示例、正确写法、选项。"""
    from .registry import RULES, load_all

    load_all()
    rule = RULES.get(code.upper())
    if rule is None:
        raise _fail(f"未知的规则 '{code}'（见 `reportlint rules`）")
    click.echo(f"{rule.code} {rule.name}（{rule.category}，默认级别 {rule.severity}）\n")
    click.echo(f"{rule.summary}\n")
    for title, body in (("作用", rule.what), ("为什么", rule.why), ("错误示例", rule.bad), ("正确写法", rule.good),
                        ("选项", rule.options)):
        click.echo(f"## {title}\n{body}\n")


@main.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="批注副本的输出路径（不能是输入文件）。")
@click.option("--select", multiple=True, help="启用的规则代码或前缀。")
@click.option("--ignore", multiple=True, help="停用的规则代码或前缀。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="只用此配置文件，不向上查找。")
@click.option("--today", help="日期检查所用的“今天”（YYYY-MM-DD）。")
def annotate(source, output, select, ignore, config_path, today) -> None:
    """写出带批注的副本：.docx 每个问题一条 Word 批注，PDF 每个问题一处高亮和注释。"""
    from .runner import Options, run

    kind = os.path.splitext(source)[1].lower()
    if kind not in (".docx", ".pdf"):
        raise _fail(f"{source}: annotate 只能用于 .docx 和 .pdf 文件")
    try:
        today_date = _dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise _fail(f"--today 须为 2024-03-31 这样的日期，不能是 '{today}'") from None
    outcome = run([source], Options(select=_codes(select), ignore=_codes(ignore), config_path=config_path,
                                    today=today_date, jobs=1, keep_documents=True, outputs=(output,)))
    _tell(outcome)
    if outcome.fatal or outcome.results[0].error:
        raise click.exceptions.Exit(EXIT_ERROR)
    result = outcome.results[0]
    if kind == ".pdf":
        from .emitters.pdf_annotate import annotate_pdf

        count = annotate_pdf(result.document, source, output, result.findings)
    else:
        from .emitters.docx_annotate import annotate_docx

        count = annotate_docx(result.document, source, output, result.findings)
    click.echo(f"{output}: {count} 条批注")
    raise click.exceptions.Exit(outcome.exit_code)
