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

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Interrupted(BaseException):
    """SIGINT or SIGTERM. Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def run() -> None:
    """The console entry point: the click group, with signals exiting 128+N as other linters do."""
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
        hint = f" (see `{command} --help`)" if isinstance(exc, click.UsageError) else ""
        click.echo(f"reportlint: error: {exc.format_message()}{hint}", err=True)
        sys.exit(EXIT_ERROR if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.Abort:  # EOF on a prompt; there are none, but click may raise it
        sys.exit(EXIT_ERROR)
    sys.exit(status if isinstance(status, int) else EXIT_CLEAN)


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"reportlint: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    out = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    if not out:
        raise _fail("--select/--ignore given without a rule code (to run every rule, leave --select out)")
    from .registry import known_selector

    for code in out:
        if not known_selector(code):
            raise _fail(f"unknown rule or prefix '{code}' (see `reportlint rules`)")
    return out


def _patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _tell(outcome) -> None:
    from .findings import display_path  # a file name with a newline or escape stays one plain line

    for message in outcome.warnings:
        click.echo(f"reportlint: warning: {display_path(message)}", err=True)
    for message in outcome.errors:
        click.echo(f"reportlint: error: {display_path(message)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reportlint", message="%(prog)s %(version)s")
def main() -> None:
    """reportlint: 报告一致性检查（合计、单位、百分比、日期、重复、标题结构）。"""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "concise", "json", "github", "sarif", "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated), e.g. SUM,PCT001.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file, no search.")
@click.option("--profile", help="Report profile (see `reportlint rules --profiles`).")
@click.option("--period", type=click.IntRange(1900, 2200), help="The year the report covers, when the title does not say.")
@click.option("--today", help="Today's date for date checks (YYYY-MM-DD), for reproducible runs.")
@click.option("--rule-pack", "rule_packs", multiple=True, type=click.Path(file_okay=False),
              help="An extra rule-pack folder (terms, phrases, profiles).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Hide findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings as a baseline.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Files checked in parallel (default: number of cores).")
@click.option("--no-color", is_flag=True, help="No ANSI colours (also when NO_COLOR is set).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing in text formats when nothing is found.")
@click.option("--exclude", multiple=True, help="Patterns to leave out, replacing the configuration's `exclude`.")
@click.option("--extend-exclude", multiple=True, help="Patterns to leave out, added to `exclude`.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclusions to files named on the command line too (for pre-commit).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option("--stdin-filename", help="With `-`: the name of the document read from stdin (its type, its "
                                       "configuration and the name in the report).")
def check(paths, fmt, output, select, ignore, fail_on, config_path, profile, period, today, rule_packs, baseline,
          write_baseline, statistics, jobs, no_color, quiet, exclude, extend_exclude, force_exclude,
          exit_zero, stdin_filename) -> None:
    """Check reports (.pdf, .docx, .md, .txt; folders recursively; `-` reads stdin)."""
    from .runner import Options, run

    try:
        today_date = _dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise _fail(f"--today must be a date such as 2024-03-31, not '{today}'") from None
    options = Options(select=_codes(select), ignore=_codes(ignore), fail_on=fail_on, config_path=config_path,
                      profile=profile, period=period, today=today_date, rule_packs=tuple(rule_packs),
                      jobs=jobs or 0, baseline=baseline, write_baseline=write_baseline,
                      progress=sys.stderr.isatty() and not quiet, keep_documents=fmt == "html",
                      outputs=tuple(p for p in (output, write_baseline) if p),
                      exclude=_patterns(exclude) if exclude else None, extend_exclude=_patterns(extend_exclude),
                      force_exclude=force_exclude)
    if "-" in paths:
        if len(paths) > 1:
            raise _fail("'-' (stdin) cannot be combined with other paths")
        from dataclasses import replace

        with _stdin_saved(stdin_filename) as saved:
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


class _stdin_saved:
    """stdin saved to a private temporary file named like `--stdin-filename` (its suffix picks the
    reader: .docx and PDF readers need a file), removed afterwards."""

    def __init__(self, name: str | None):
        self.suffix = os.path.splitext(name or "")[1].lower() or ".txt"

    def __enter__(self) -> str:
        import tempfile

        from .readers.limits import MAX_PDF_BYTES

        data = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
        if len(data) > MAX_PDF_BYTES:
            raise _fail(f"stdin: too large (more than {MAX_PDF_BYTES} bytes)")
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
    """Show what reportlint read: blocks, headings, tables, quantities and dates (folders: every file)."""
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
            click.echo(f"reportlint: error: {exc}", err=True)
            failed = True
    if fmt == "json" and len(files) > 1:  # one JSON value for several files: a list
        click.echo(json.dumps([to_json(d) for d in documents], ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_extract(d, fmt) for d in documents), nl=False)
    if failed:
        raise click.exceptions.Exit(EXIT_ERROR)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--profiles", is_flag=True, help="List the report profiles instead.")
def rules_cmd(fmt, profiles) -> None:
    """List every rule (code, name, category, severity, summary)."""
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
    """Explain one rule: 作用, 为什么, 错误示例, 正确写法, 选项."""
    from .registry import RULES, load_all

    load_all()
    rule = RULES.get(code.upper())
    if rule is None:
        raise _fail(f"unknown rule '{code}' (see `reportlint rules`)")
    click.echo(f"{rule.code} {rule.name}（{rule.category}，默认级别 {rule.severity}）\n")
    click.echo(f"{rule.summary}\n")
    for title, body in (("作用", rule.what), ("为什么", rule.why), ("错误示例", rule.bad), ("正确写法", rule.good),
                        ("选项", rule.options)):
        click.echo(f"## {title}\n{body}\n")


@main.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the annotated copy (never the input).")
@click.option("--select", multiple=True)
@click.option("--ignore", multiple=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--today", help="Today's date for date checks (YYYY-MM-DD).")
def annotate(source, output, select, ignore, config_path, today) -> None:
    """Write a copy of a .docx (a Word comment on each finding) or a PDF (a highlight and a note)."""
    from .runner import Options, run

    kind = os.path.splitext(source)[1].lower()
    if kind not in (".docx", ".pdf"):
        raise _fail(f"{source}: annotate works on .docx and .pdf files")
    try:
        today_date = _dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise _fail(f"--today must be a date such as 2024-03-31, not '{today}'") from None
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
