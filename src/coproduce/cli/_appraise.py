"""``coproduce appraise``: one project's report, or a whole batch as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coproduce._text import visible
from coproduce.cli._common import (
    Progress,
    Subparsers,
    Usage,
    add_command,
    emit,
    output_path,
    read_source,
    refuse_overwriting_inputs,
)
from coproduce.errors import did_you_mean

if TYPE_CHECKING:
    from coproduce.portfolio import Outcome, PortfolioEntry

__all__ = ["add_parsers", "batch_line"]

EXAMPLES = """\
examples:
  coproduce appraise --list-examples                the bundled projects, one line each
  coproduce appraise --example one-stage            appraise one of them
  coproduce appraise project.yaml                   the report as text
  coproduce appraise project.yaml -o report.html    HTML (format from the suffix: .html,
                                                    .md, .json, .txt)
  cat project.json | coproduce appraise - -f markdown
  coproduce appraise --batch projects/ -o appraisals.jsonl --summary summary.json
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce appraise`` to the subcommands ``sub``."""
    _appraise_arguments(
        add_command(
            sub, "appraise", _run, epilog=EXAMPLES, help="appraise a project and print the report"
        )
    )


def _appraise_arguments(appraise: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce appraise``."""
    appraise.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="project document (JSON, YAML or TOML), or - for standard input",
    )
    appraise.add_argument(
        "--example",
        nargs="?",
        const="contested-policy",
        metavar="NAME",
        help="appraise a bundled example (default: contested-policy); --list-examples shows them",
    )
    appraise.add_argument(
        "--list-examples",
        action="store_true",
        help="list the bundled example projects, each with its situation in one line",
    )
    appraise.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        default=None,
        help="report format (default: from the suffix of --output, else text)",
    )
    appraise.add_argument(
        "--output",
        "-o",
        type=output_path,
        metavar="FILE",
        help="write the report to FILE (atomically) instead of standard output",
    )
    appraise.add_argument(
        "--catalogue",
        type=Path,
        metavar="FILE",
        help="a catalogue document to reason from instead of the paper's",
    )
    appraise.add_argument(
        "--compact",
        action="store_true",
        help="with --format json: the appraisal on one line, without indentation "
        "(--batch always writes its JSON lines so)",
    )
    _batch_arguments(appraise)


def _batch_arguments(appraise: argparse.ArgumentParser) -> None:
    """Add the ``--batch`` options of ``coproduce appraise``."""
    appraise.add_argument(
        "--batch",
        type=Path,
        metavar="SOURCE",
        help="appraise every document of a folder or a JSON Lines file; "
        "writes one JSON line per document, in order",
    )
    appraise.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="with --batch: worker processes (default: one per core; 0 runs in this process)",
    )
    appraise.add_argument(
        "--summary",
        type=output_path,
        metavar="FILE",
        help="with --batch: also write the portfolio summary (JSON) to FILE",
    )
    appraise.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --batch: show a progress bar on standard error (default: on a terminal)",
    )


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.appraisal import appraise
    from coproduce.catalogue import check
    from coproduce.io import example_path, examples, load_catalogue, load_project
    from coproduce.report import format_for, render

    if args.list_examples:
        from coproduce.io import load_example

        names = examples()
        width = max(map(len, names))
        for name in names:
            stdout.write(f"{name:{width}}  {visible(load_example(name).title)}\n")
        stdout.write("\nappraise one with: coproduce appraise --example NAME\n")
        return 0
    if args.batch is not None:
        if args.path is not None or args.example is not None:
            raise Usage("--batch takes the place of PATH and --example")
        return _batch(args, stdout)
    if (args.path is None) == (args.example is None):
        raise Usage("give a PATH (or - for standard input) or --example, not both or neither")
    refuse_overwriting_inputs(
        args.output, Path(args.path) if args.path is not None else None, args.catalogue
    )
    fmt = format_for("appraisal", args.output, args.format)
    if args.compact and fmt != "json":
        raise Usage(f"--compact is for JSON output, not {fmt}; add --format json")
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    try:
        source = example_path(args.example) if args.example else read_source(args.path)
    except LookupError as exc:
        hint = did_you_mean(args.example, examples())
        raise Usage(f"{exc}" + (f"; {hint}" if hint else "")) from None
    project = load_project(source, catalogue=catalogue)
    result = appraise(project, catalogue=catalogue)
    if args.compact:
        from coproduce.io import dump_appraisal

        text = dump_appraisal(result, compact=True)
    else:
        text = render(result, fmt, catalogue=catalogue)
    emit(visible(text) if fmt in ("text", "markdown") else text, args.output, stdout)
    return 0


def _refuse_report_suffixes(output: Path | None, summary: Path | None) -> None:
    """Refuse ``--batch`` outputs not named as what it writes: JSON Lines and JSON only.

    ``-o appraisals.pdf`` or ``--summary summary.html`` is refused before anything is read
    or written, as every other command refuses a suffix it cannot write.
    """
    from coproduce.errors import OutputFormatError
    from coproduce.io import output_format

    for option, path, writes, formats in (
        ("--output", output, "JSON Lines", ("jsonl", "json")),
        ("--summary", summary, "JSON", ("json",)),
    ):
        if path is None:
            continue
        try:
            output_format(path, formats=formats)
        except OutputFormatError:
            suffix = ".jsonl" if formats[0] == "jsonl" else ".json"
            raise Usage(
                f"{option} {path}: with --batch it writes {writes}; "
                f"name it {path.with_suffix(suffix)}"
            ) from None


def _documents_read(source: Path) -> list[Path]:
    """What ``appraise --batch`` reads from ``source``.

    That is a folder and each of its documents, or the JSON Lines file itself.
    """
    from coproduce.portfolio import documents

    if not source.is_dir():
        return [source]
    return [source, *(path for _, path in documents(source) if isinstance(path, Path))]


def _batch(args: argparse.Namespace, stdout: TextIO) -> int:
    import contextlib
    import os
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.catalogue import check
    from coproduce.io import load_catalogue, open_atomic, to_data, write_text
    from coproduce.portfolio import Portfolio, appraise_many

    if args.format not in ("json", "text", None):
        raise Usage("--batch writes JSON Lines; --format must be json (the default for --batch)")
    read = _documents_read(args.batch)  # never write over a document of the batch
    refuse_overwriting_inputs(args.output, *read, args.catalogue)
    refuse_overwriting_inputs(args.summary, *read, args.catalogue, option="--summary")
    if args.summary is not None and args.output is not None:
        if os.path.realpath(args.summary) == os.path.realpath(args.output):
            raise Usage(f"--summary {args.summary} is also --output; choose another file")
        refuse_overwriting_inputs(args.summary, args.output, option="--summary")
    _refuse_report_suffixes(args.output, args.summary)
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    total = len(read) - 1 if args.batch.is_dir() else None
    workers = os.cpu_count() or 1 if args.workers is None else args.workers
    show = sys.stderr.isatty() if args.progress is None else args.progress
    bar = Progress(total) if show else None
    portfolio = Portfolio()
    invalid = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open_atomic(args.output)) if args.output else stdout
        executor = stack.enter_context(ProcessPoolExecutor(workers)) if workers > 0 else None
        for line, entry, problems in appraise_many(
            args.batch, catalogue=catalogue, executor=executor, progress=bar, then=batch_line
        ):
            portfolio.add(entry)
            if problems:
                invalid += 1
                if bar is not None:
                    bar.note(problems)
                else:
                    print(problems, file=sys.stderr)
            out.write(line)
    if bar is not None:
        bar.close()
    summary = portfolio.summary()
    if args.summary:
        write_text(args.summary, json.dumps(to_data(summary), indent=2) + "\n")
    for written in (args.output, args.summary):
        if written is not None:
            print(visible(f"wrote {written}"), file=sys.stderr)
    print(f"{summary.projects} appraised, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


def batch_line(outcome: Outcome) -> tuple[str, PortfolioEntry | None, str]:
    """Run in the worker: the JSON line, the portfolio entry, and a diagnostic if invalid."""
    from coproduce.io import dump_appraisal, to_data
    from coproduce.portfolio import Portfolio

    line: dict[str, Any] = {"index": outcome.index, "source": outcome.source, "ok": outcome.ok}
    problems = ""
    if outcome.appraisal is not None:
        head = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
        try:  # the appraisal's own compact JSON: the same text, written several times faster
            body = dump_appraisal(outcome.appraisal, compact=True)
            return f'{head[:-1]},"appraisal":{body[:-1]}}}\n', Portfolio.entry(outcome), ""
        except ValueError:  # a non-finite number, which json.dumps writes as NaN here
            line["appraisal"] = to_data(outcome.appraisal)
    else:
        line["issues"] = to_data(outcome.issues)
        first = outcome.issues[0] if outcome.issues else None
        where = f"{outcome.source}:{first.location}" if first and first.location else outcome.source
        n = len(outcome.issues)
        problems = visible(
            f"{where}: {n} problem{'s' * (n != 1)}, first: {first if first else 'unknown'}"
        )
    text = json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text, Portfolio.entry(outcome), problems
