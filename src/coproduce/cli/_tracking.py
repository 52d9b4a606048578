"""``coproduce track`` and ``coproduce portfolio``: plans against logs, one project or many."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from coproduce.cli._common import (
    Progress,
    Subparsers,
    Usage,
    add_command,
    emit,
    refuse_overwriting_inputs,
)

__all__ = ["add_parsers"]


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce track`` and ``coproduce portfolio`` to the subcommands ``sub``."""
    track = add_command(
        sub,
        "track",
        _run_track,
        epilog="examples (the project in study.yaml has id: falls-study):\n"
        "  coproduce track study.yaml               reads falls-study.log.yaml beside it\n"
        "  coproduce track study.yaml june.log.yaml -f html -o track.html",
        help="a project's plan against its involvement log",
    )
    track.add_argument("project", type=Path, metavar="PROJECT")
    track.add_argument(
        "log",
        type=Path,
        metavar="LOG",
        nargs="?",
        help="the project's involvement log (default: ID.log.yaml, .yml, .json or .toml "
        "beside the project or in a logs folder beside it, the name `coproduce log new` gives)",
    )
    track.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        help="report format (default: from the suffix of --output, else text)",
    )
    track.add_argument("--output", "-o", type=Path, metavar="FILE")
    folio = add_command(
        sub,
        "portfolio",
        _run_portfolio,
        epilog="example:\n  coproduce portfolio projects/ -f html -o view.html",
        help="many projects and logs: the funder's view",
    )
    folio.add_argument(
        "folder",
        type=Path,
        metavar="FOLDER",
        help="projects and their logs (X.log.yaml for the project with id X)",
    )
    folio.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        help="report format (default: from the suffix of --output, else text)",
    )
    folio.add_argument("--output", "-o", type=Path, metavar="FILE")
    folio.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: run in this process)",
    )
    folio.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: on a terminal)",
    )


def _run_track(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.costing import default_rate_card as default
    from coproduce.io import load_log, load_project
    from coproduce.report import format_for, render, tracking_report
    from coproduce.tracking import reappraise, track

    refuse_overwriting_inputs(args.output, args.project, args.log)
    fmt = format_for("tracking", args.output, args.format)
    project = load_project(args.project)
    log_path = args.log or _log_beside(args.project, project.id)
    refuse_overwriting_inputs(args.output, log_path)
    log = load_log(log_path, project=project)
    again = reappraise(project, log)
    t = track(project, log, rates=default(), appraisal=again.before)
    emit(render(tracking_report(t, again.comparison), fmt), args.output, stdout)
    return 0


def _log_beside(project_file: Path, project_id: str | None) -> Path:
    """The log ``coproduce log new`` would have started for the project, said on stderr."""
    from coproduce._text import visible
    from coproduce.portfolio import log_for

    if project_id is None:
        raise Usage(
            f"no LOG given, and {project_file} has no id to find its log by; give the LOG, "
            "or add `id: my-study` to the project (the log is then my-study.log.yaml)"
        )
    found = log_for(project_file, project_id)
    if found is None:
        where = project_file.parent
        raise Usage(
            f"no LOG given, and no log of project {project_id!r} is beside {project_file} "
            f"(looked for {project_id}.log.yaml, .yml, .json or .toml in {where} and "
            f"{where / 'logs'}); give the LOG, or start one with `coproduce log new "
            f"{project_file}`"
        )
    print(visible(f"log: {found} (the log of project {project_id!r})"), file=sys.stderr)
    return found


def _tracked(
    items: Iterator[tuple[str, Path, Path | None]],
    matched: set[Path],
    workers: int,
    output: Path | None = None,
    bar: Progress | None = None,
) -> Iterator[Any]:
    """``track_many`` over ``items`` on ``workers`` processes, noting the logs it reads.

    An ``output`` that is one of the documents read is refused before anything is written.
    With a ``bar``, it moves as projects are done (one at a time in this process).
    """
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.portfolio import track_many

    def noted() -> Iterator[tuple[str, Path, Path | None]]:
        for source, project, log in items:
            refuse_overwriting_inputs(output, project, log)
            if log is not None:
                matched.add(log)
            yield source, project, log

    size = workers if workers >= 0 else (os.cpu_count() or 1)
    pool = ProcessPoolExecutor(size) if size > 0 else None
    try:
        chunks = 1 if pool is None else 32  # in this process, each project moves the bar
        yield from track_many(noted(), executor=pool, chunksize=chunks, progress=bar)
    finally:
        if pool is not None:
            pool.shutdown()


def _run_portfolio(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce._text import visible
    from coproduce.portfolio import (
        TrackingPortfolio,
        pairs,
        problem_line,
        project_names,
        unmatched_logs,
    )
    from coproduce.report import format_for, portfolio_report, render

    fmt = format_for("portfolio", args.output, args.format)
    view, matched = TrackingPortfolio(), set[Path]()
    show = sys.stderr.isatty() if args.progress is None else args.progress
    bar = Progress(len(project_names(args.folder))) if show and args.folder.is_dir() else None
    items = pairs(args.folder)
    for entry in _tracked(items, matched, args.workers, args.output, bar):
        view.add(entry)
    if bar is not None:
        bar.close()
    stray = 0
    for log, why in unmatched_logs(args.folder, matched):
        refuse_overwriting_inputs(args.output, log)  # read, if only to say why it was not
        stray += 1
        print(visible(f"{log}: {why}"), file=sys.stderr)
    s = view.summary()
    emit(render(portfolio_report(s), fmt), args.output, stdout)
    for source, problem in s.problems:
        print(visible(problem_line(source, problem)), file=sys.stderr)
    if s.invalid or stray:
        more = s.invalid - len({source for source, _ in s.problems})
        tail = f" ({more} more not shown)" if more > 0 else ""
        print(
            f"{s.projects} projects, {s.invalid} with problems{tail}; "
            f"{stray} log{'s' * (stray != 1)} not read",
            file=sys.stderr,
        )
    return 1 if s.invalid or stray else 0
