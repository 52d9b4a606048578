"""``coproduce report``: the forms teams file (UK Standards, an application section, GRIPP2)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from coproduce.cli._common import (
    STDIN,
    Subparsers,
    add_command,
    emit,
    read_source,
    refuse_overwriting_inputs,
)

__all__ = ["add_parsers"]

EXAMPLES = """\
examples:
  coproduce report project.yaml --kind standards -o standards.html
  coproduce report project.yaml --kind application -f markdown > involvement.md
  coproduce report project.yaml --kind gripp2 -f json
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce report`` to the subcommands ``sub``."""
    report = add_command(
        sub,
        "report",
        _run,
        epilog=EXAMPLES,
        help="write a UK Standards self-assessment, an application section or a GRIPP2 "
        "skeleton from a project",
    )
    _report_arguments(report)


def _report_arguments(report: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce report``."""
    report.add_argument("path", metavar="PATH", help="project document, or - for standard input")
    report.add_argument(
        "--kind", "-k", choices=["standards", "application", "gripp2"], required=True
    )
    report.add_argument(
        "--format",
        "-f",
        choices=["markdown", "html", "json"],
        default=None,
        help="report format (default: from the suffix of --output, else markdown)",
    )
    report.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE (atomically)"
    )


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import load_project
    from coproduce.report import format_for, render
    from coproduce.report.forms import build

    source = read_source(args.path)
    refuse_overwriting_inputs(args.output, source if isinstance(source, Path) else STDIN)
    fmt = format_for(args.kind, args.output, args.format)
    project = load_project(source)
    report = build(args.kind, project)
    emit(render(report, fmt), args.output, stdout)
    return 0
