"""The tracking subcommands: ``log add``, ``track`` and ``portfolio``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coproduce.errors import DocumentError

if TYPE_CHECKING:
    from coproduce.errors import Issue
    from coproduce.io import Format

__all__ = ["COMMANDS", "add_parsers"]

_FMT = argparse.RawDescriptionHelpFormatter


def add_parsers(sub: Any) -> None:
    """Add the ``log``, ``track`` and ``portfolio`` subcommands to the subparsers ``sub``."""
    log = sub.add_parser(
        "log",
        help="work with an involvement log",
        formatter_class=_FMT,
        epilog="examples (the project in study.yaml has id: falls-study):\n"
        "  coproduce log new study.yaml          writes falls-study.log.yaml beside it\n"
        "  coproduce log add falls-study.log.yaml --entry june.yaml",
    )
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    _log_new_arguments(log_sub.add_parser("new", help="start the involvement log of a project"))
    _log_add_arguments(
        log_sub.add_parser("add", help="append one entry to a log (validated, atomic)")
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
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        help="report format (default: from the suffix of --output, else text)",
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
    folio.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        help="report format (default: from the suffix of --output, else json)",
    )
    folio.add_argument("--output", "-o", type=Path, metavar="FILE")
    folio.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: run in this process)",
    )


def _log_new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("project", type=Path, metavar="PROJECT", help="the project (it needs an id)")
    new.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="LOG",
        help="where to write it (default: ID.log.yaml beside the project)",
    )
    new.add_argument("--format", "-f", choices=["yaml", "json", "toml"], help="default yaml")
    new.add_argument(
        "--currency",
        metavar="CODE",
        help="ISO 4217 code of the amounts it will record (default: the costing's)",
    )


def _log_add_arguments(add: argparse.ArgumentParser) -> None:
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
        help="the project the log belongs to (default: ID.yaml, .yml, .json or .toml beside "
        "the log or in the folder above, where ID is the log's project)",
    )


def _emit(text: str, output: Path | None, stdout: TextIO) -> None:
    from coproduce.io import write_text

    if output is None:
        stdout.write(text)
    else:
        write_text(output, text)


def _project_beside(log_path: Path) -> Path:
    """The project file the log names, near the log (see ``portfolio.project_for``)."""
    from coproduce.cli import _Usage
    from coproduce.io import load_log
    from coproduce.portfolio import project_for

    found = project_for(log_path)
    if found is not None:
        return found
    pid = load_log(log_path, references=False).project
    folders = " or ".join(str(f) for f in dict.fromkeys([log_path.parent, log_path.parent.parent]))
    raise _Usage(
        f"{log_path} is the log of project {pid!r}, but no project with that id is in "
        f"{folders}; pass --project FILE so the entry's stakeholders, researchers and aims "
        "can be checked"
    )


def _cmd_log(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.log_command == "new":
        return _cmd_log_new(args, stdout)
    from coproduce.io import (
        Limits,
        append_to_log,
        detect_format,
        load_entry,
        load_project,
        read_file,
    )

    project_path = args.project or _project_beside(args.log)
    project = load_project(project_path)
    try:  # read once, bounded: a pipe gives its entry once, a device is refused
        raw = read_file(args.entry, Limits())
        fmt = detect_format(args.entry)
        entry = load_entry(raw, format=fmt)
    except DocumentError as exc:
        exc.source, exc.what = str(args.entry), "log entry"
        raise
    own = None if fmt == "toml" else raw.decode("utf-8-sig")
    yaml = own if fmt == "yaml" else None
    try:
        new = append_to_log(args.log, entry, project=project, entry_text=yaml)
    except DocumentError as exc:
        if exc.what == "log entry":
            exc.source = str(args.entry)
            exc.issues = _located(exc.issues, own, fmt)
        raise
    stdout.write(
        f"{args.log}: entry {len(new.entries)} ({entry.date}) appended, "
        f"checked against {project_path}\n"
    )
    return 0


def _located(issues: tuple[Issue, ...], text: str | None, fmt: Format) -> tuple[Issue, ...]:
    from coproduce.io import locate_issues

    return issues if text is None else locate_issues(issues, text, fmt)


def _cmd_log_new(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.cli import _format, _Usage
    from coproduce.io import load_project, new_log_text, write_text

    project = load_project(args.project)
    if project.id is None:
        raise _Usage(
            f"{args.project} has no id; add `id: my-study` (letters, digits and hyphens) to "
            "it: the log names its project by id"
        )
    fmt: Format = _format(args, ("yaml", "json", "toml"))  # type: ignore[assignment]
    output = args.output or args.project.with_name(f"{project.id}.log.{fmt}")
    if output.exists():
        raise _Usage(f"{output} exists; a log is only ever appended to (coproduce log add)")
    try:
        text = new_log_text(project, fmt, currency=args.currency)
    except ValueError as exc:
        raise _Usage(f"--currency {args.currency}: {exc}") from None
    write_text(output, text)
    stdout.write(f"{output}: a new log for project {project.id!r}\n")
    if args.currency is None and project.costing is None:
        print(
            f"note: the log has no currency, so it cannot record money yet; add `currency: "
            f"GBP` (your ISO 4217 code) to {output}, or start it with --currency",
            file=sys.stderr,
        )
    return 0


def _cmd_track(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.cli import _REPORT_FORMATS, _format, _refuse_overwriting_inputs
    from coproduce.costing import default_rate_card as default
    from coproduce.io import load_log, load_project, to_data
    from coproduce.report._tracking import tracking_html, tracking_markdown, tracking_text
    from coproduce.tracking import compare, reappraise

    _refuse_overwriting_inputs(args.output, args.project, args.log)
    fmt = _format(args, _REPORT_FORMATS)
    project = load_project(args.project)
    log = load_log(args.log, project=project)
    again = reappraise(project, log)
    t = compare(project, log, rates=default(), appraisal=again.before)
    if fmt == "json":
        data = {"tracking": to_data(t), "reappraisal": to_data(again.comparison)}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        render = {"text": tracking_text, "markdown": tracking_markdown, "html": tracking_html}
        text = render[fmt](t, again.comparison)
    _emit(text, args.output, stdout)
    return 0


def _tracked(
    items: Iterator[tuple[str, Path, Path | None]],
    matched: set[Path],
    workers: int,
    output: Path | None = None,
) -> Iterator[Any]:
    """``track_many`` over ``items`` on ``workers`` processes, noting the logs it reads.

    An ``output`` that is one of the documents read is refused before anything is written.
    """
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.cli import _refuse_overwriting_inputs
    from coproduce.portfolio import track_many

    def noted() -> Iterator[tuple[str, Path, Path | None]]:
        for source, project, log in items:
            _refuse_overwriting_inputs(output, project, log)
            if log is not None:
                matched.add(log)
            yield source, project, log

    size = workers if workers >= 0 else (os.cpu_count() or 1)
    pool = ProcessPoolExecutor(size) if size > 0 else None
    try:
        yield from track_many(noted(), executor=pool)
    finally:
        if pool is not None:
            pool.shutdown()


def _cmd_portfolio(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce._text import visible
    from coproduce.cli import _format, _refuse_overwriting_inputs
    from coproduce.io import to_data
    from coproduce.portfolio import TrackingPortfolio, pairs, problem_line, unmatched_logs
    from coproduce.report._tracking import portfolio_html, portfolio_markdown, portfolio_text

    fmt = _format(args, ("json", "text", "markdown", "html"))
    view, matched = TrackingPortfolio(), set[Path]()
    for entry in _tracked(pairs(args.folder), matched, args.workers, args.output):
        view.add(entry)
    stray = 0
    for log, why in unmatched_logs(args.folder, matched):
        _refuse_overwriting_inputs(args.output, log)  # read, if only to say why it was not
        stray += 1
        print(visible(f"{log}: {why}"), file=sys.stderr)
    s = view.summary()
    if fmt == "json":
        text = json.dumps(to_data(s), indent=2, ensure_ascii=False) + "\n"
    else:
        render = {"text": portfolio_text, "markdown": portfolio_markdown, "html": portfolio_html}
        text = render[fmt](s)
    _emit(text, args.output, stdout)
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


COMMANDS = {"log": _cmd_log, "track": _cmd_track, "portfolio": _cmd_portfolio}
"""The handlers, by command name, for ``cli._COMMANDS``."""
