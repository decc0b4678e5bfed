"""A whole run: files → configs → documents → findings, in parallel when there are many files."""
from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, field

from .config import Config, ConfigError, discover, load_file
from .emitters import FileResult
from .findings import SEVERITY_RANK
from .packs import PackError

PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    config_path: str | None = None
    profile: str | None = None
    period: int | None = None
    today: _dt.date | None = None
    rule_packs: tuple[str, ...] = ()
    jobs: int = 0
    baseline: str | None = None
    write_baseline: str | None = None
    progress: bool = False  # a progress bar on stderr (the CLI sets it on a terminal)
    keep_documents: bool = False  # HTML output shows the documents: check in this process
    outputs: tuple[str, ...] = ()  # files this run will write: refused before any work if unsafe
    exclude: tuple[str, ...] | None = None  # replaces the configuration's `exclude`
    extend_exclude: tuple[str, ...] = ()  # added to it
    force_exclude: bool = False  # exclusion applies to files named on the command line too
    stdin_name: str | None = None  # the one input is stdin saved to a file: report it under this name


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # things skipped that the user should hear of
    fatal: bool = False  # a usage or configuration error: nothing was checked
    exit_code: int = 0


def effective_config(path: str, options: Options, fixed: Config | None) -> Config:
    base = fixed or discover(path) or Config()
    cfg = base.with_overrides(select=options.select, ignore=options.ignore, fail_on=options.fail_on,
                              profile=options.profile, period=options.period, today=options.today)
    if options.rule_packs:
        cfg = cfg.with_overrides(rule_packs=cfg.rule_packs + tuple(os.path.abspath(p) for p in options.rule_packs))
    return cfg


def check_one(path: str, config: Config, keep_document: bool = True) -> FileResult:
    from .engine import lint
    from .findings import display_path
    from .readers import ReadError, read_document

    shown = display_path(path)  # what every output prints; the raw name is only for opening the file
    try:
        document = read_document(path)
    except ReadError as exc:
        return FileResult(shown, error=exc.reason)
    except RecursionError:
        return FileResult(shown, error="拒绝读取：嵌套过深")
    except MemoryError:
        return FileResult(shown, error="拒绝读取：文档超出可用内存")
    findings = lint(document, config)
    from .suppress import apply_suppressions

    findings = apply_suppressions(document, findings, config)
    if shown != path:
        for f in findings:
            f.path = shown
    return FileResult(shown, findings, document=document if keep_document else None, lines=document.source_lines)


def _chunk_size(files: int, jobs: int) -> int:
    """Files handed to a worker at a time. One at a time keeps both cores busy to the end (a report
    takes 30–90 ms, a hand-over 0.2 ms); only a long run of files batches them, where the hand-overs
    add up and the last batch's wait does not."""
    return max(1, min(8, files // (jobs * 50)))


def _check_job(args: tuple[str, Config]) -> FileResult:
    return check_one(*args, keep_document=False)


def _worker_init() -> None:
    # The main process decides what an interrupt means; a worker only stops when it is told to, and
    # then at once (a worker forked from the CLI would inherit its SIGTERM handler, which raises).
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _fatal(outcome: Outcome, message: str) -> Outcome:
    """A usage or configuration error: nothing (more) is reported but this line, exit 2."""
    outcome.errors.append(message)
    outcome.fatal = True
    outcome.exit_code = 2
    return outcome


def _progress(results, total: int, enabled: bool):
    if not enabled or total < PARALLEL_MIN_FILES:
        yield from results
        return
    import click

    with click.progressbar(results, length=total, label="reportlint", file=sys.stderr) as bar:
        yield from bar


def run(paths: list[str], options: Options) -> Outcome:
    from .files import OutputError, check_output, collect

    outcome = Outcome()
    fixed = None
    try:
        if options.config_path:
            fixed = load_file(options.config_path)
        governing = fixed or discover(paths[0] if paths else ".") or Config()
        exclude = (governing.exclude if options.exclude is None else options.exclude) + options.extend_exclude
        root = governing.root if governing.source else os.getcwd()
        files = collect(paths, exclude, warn=outcome.warnings.append, root=root, force_exclude=options.force_exclude)
        for target in options.outputs:
            check_output(target, files + ([options.config_path] if options.config_path else []))
        # stdin is configured as the file it names (ruff's --stdin-filename), not as its temporary copy
        jobs_args = [(p, effective_config(options.stdin_name or p, options, fixed)) for p in files]
        from .packs import load_packs

        for packs in {cfg.rule_packs for _, cfg in jobs_args}:
            load_packs(packs)  # a broken pack is a configuration error, said once, before any check
    except (ConfigError, PackError, OutputError) as exc:
        return _fatal(outcome, str(exc))
    cores = os.cpu_count() or 1
    # more workers than files or than a few per core only costs memory and start-up
    jobs = min(options.jobs, 4 * cores) if options.jobs > 0 else cores
    if jobs > 1 and len(jobs_args) >= PARALLEL_MIN_FILES and not options.keep_documents:
        from concurrent.futures import ProcessPoolExecutor

        jobs = min(jobs, len(jobs_args))
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
        try:
            results = pool.map(_check_job, jobs_args, chunksize=_chunk_size(len(jobs_args), jobs))  # in input order
            outcome.results = list(_progress(results, len(jobs_args), options.progress))
        except BaseException:  # Ctrl-C, SIGTERM: the workers die with the run, not after it
            import threading

            # the pool's manager thread sees its workers die and would print a traceback about it
            threading.excepthook = lambda _args: None
            workers = list(getattr(pool, "_processes", {}).values())
            for process in workers:
                process.terminate()
            for process in workers:
                process.join(timeout=2)  # reaped here: the CLI ends without waiting for anything else
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        outcome.results = list(_progress((check_one(p, cfg) for p, cfg in jobs_args), len(jobs_args),
                                         options.progress))
    if options.stdin_name is not None:
        for result in outcome.results:
            result.path = options.stdin_name
            for f in result.findings:
                f.path = options.stdin_name
    if options.baseline or options.write_baseline:
        from .baseline import apply_baseline, write_baseline

        try:
            if options.write_baseline:
                write_baseline(options.write_baseline, outcome.results)
            if options.baseline:
                apply_baseline(options.baseline, outcome.results)
        except ConfigError as exc:
            return _fatal(outcome, str(exc))
    failing = False
    for (path, cfg), result in zip(jobs_args, outcome.results):
        if result.error:
            outcome.errors.append(f"{result.path}: {result.error}")
        threshold = SEVERITY_RANK[cfg.fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
            failing = True
    outcome.exit_code = 2 if outcome.errors else (1 if failing else 0)
    return outcome
