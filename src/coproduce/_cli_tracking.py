"""The tracking subcommands: ``log add``, ``track`` and ``portfolio``."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

__all__ = ["COMMANDS", "add_parsers"]

_FMT = argparse.RawDescriptionHelpFormatter


def add_parsers(sub: Any) -> None:
    """Add the ``log``, ``track`` and ``portfolio`` subcommands to the subparsers ``sub``."""
    log = sub.add_parser(
        "log",
        help="work with an involvement log",
        formatter_class=_FMT,
        epilog="example:\n  coproduce log add study.log.yaml --entry june.yaml",
    )
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    add = log_sub.add_parser("add", help="append one entry to a log (validated, atomic)")
    add.add_argument("log", type=Path, metavar="LOG", help="the log document")
    add.add_argument(
        "--entry",
        type=Path,
        required=True,
        metavar="ENTRY",
        help="one entry (YAML, JSON or TOML): date, activities, spending, ...",
    )
    add.add_argument(
        "--project",
        type=Path,
        metavar="PROJECT",
        help="also check stakeholders, researchers and aims against the project",
    )
    track = sub.add_parser(
        "track",
        help="a project's plan against its involvement log",
        formatter_class=_FMT,
        epilog="example:\n  coproduce track study.yaml study.log.yaml -f html",
    )
    track.add_argument("project", type=Path, metavar="PROJECT")
    track.add_argument("log", type=Path, metavar="LOG")
    track.add_argument(
        "--format", "-f", choices=["text", "markdown", "html", "json"], default="text"
    )
    track.add_argument("--output", "-o", type=Path, metavar="FILE")
    folio = sub.add_parser(
        "portfolio",
        help="many projects and logs: the funder's view",
        formatter_class=_FMT,
        epilog="example:\n  coproduce portfolio projects/ -f html -o view.html",
    )
    folio.add_argument(
        "folder",
        type=Path,
        metavar="FOLDER",
        help="projects and their logs (X.log.yaml for the project with id X)",
    )
    folio.add_argument("--format", "-f", choices=["html", "json"], default="json")
    folio.add_argument("--output", "-o", type=Path, metavar="FILE")
    folio.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: run in this process)",
    )


def _emit(text: str, output: Path | None, stdout: TextIO) -> None:
    from coproduce.io import write_text

    if output is None:
        stdout.write(text)
    else:
        write_text(output, text)


def _cmd_log(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.catalogue import default as default_catalogue
    from coproduce.errors import DocumentError, Issue
    from coproduce.io import dump_log, load_entry, load_log, load_project, write
    from coproduce.model import append_entry
    from coproduce.tracking import entry_problems

    project = load_project(args.project) if args.project else None
    log = load_log(args.log, project=project)
    entry = load_entry(args.entry)
    problems = entry_problems(entry, "", default_catalogue(), project)
    try:
        new = append_entry(log, entry)
    except ValueError as exc:
        problems.append((".date", "out-of-order", str(exc)))
    if problems:
        raise DocumentError(
            [Issue(path=f"${at}", code=code, message=text) for at, code, text in problems],
            what="log entry",
            source=str(args.entry),
        )
    load_log(dump_log(new, "json"), project=project)  # the whole log, checked again
    write(new, args.log)
    stdout.write(f"{args.log}: entry {len(new.entries)} ({entry.date}) appended\n")
    return 0


def _cmd_track(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import load_log, load_project, to_data
    from coproduce.ratecards import default
    from coproduce.report._tracking import tracking_html, tracking_markdown, tracking_text
    from coproduce.tracking import compare, reappraise

    project = load_project(args.project)
    log = load_log(args.log, project=project)
    again = reappraise(project, log)
    t = compare(project, log, rates=default(), appraisal=again.before)
    if args.format == "json":
        data = {"tracking": to_data(t), "reappraisal": to_data(again.comparison)}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        render = {"text": tracking_text, "markdown": tracking_markdown, "html": tracking_html}
        text = render[args.format](t, again.comparison)
    _emit(text, args.output, stdout)
    return 0


def _cmd_portfolio(args: argparse.Namespace, stdout: TextIO) -> int:
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.io import to_data
    from coproduce.portfolio import TrackingPortfolio, pairs, track_many
    from coproduce.report._tracking import portfolio_html

    view = TrackingPortfolio()
    workers = args.workers if args.workers >= 0 else (os.cpu_count() or 1)
    pool = ProcessPoolExecutor(workers) if workers > 0 else None
    try:
        for entry in track_many(pairs(args.folder), executor=pool):
            view.add(entry)
    finally:
        if pool is not None:
            pool.shutdown()
    s = view.summary()
    text = (
        portfolio_html(s)
        if args.format == "html"
        else json.dumps(to_data(s), indent=2, ensure_ascii=False) + "\n"
    )
    _emit(text, args.output, stdout)
    return 0


COMMANDS = {"log": _cmd_log, "track": _cmd_track, "portfolio": _cmd_portfolio}
"""The handlers, by command name, for ``cli._COMMANDS``."""
