"""The ``coproduce`` command.

Data goes to standard output, diagnostics to standard error. Exit status: 0 on success, 1
when the input is invalid (every problem is listed, with its path), 2 when the command is
misused. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TextIO

from coproduce._version import __version__
from coproduce.batch import Entry, Outcome, Portfolio
from coproduce.errors import CoproduceError, DocumentError

__all__ = ["main"]

EXAMPLES = """\
examples:
  coproduce appraise --example                      appraise a bundled example project
  coproduce appraise project.yaml --format html --output report.html
  coproduce appraise --batch projects/ --output appraisals.jsonl --summary summary.json
  coproduce cost project.yaml --budget 2500 --format markdown   money, hours, the plan that fits
  coproduce init --output project.yaml              start from a commented template
  coproduce validate projects/*.yaml                list every problem, with its path
  coproduce catalogue show condition.capacity       one entry of the paper's catalogue
  coproduce graph --format graphml --output catalogue.graphml
  coproduce schema project > project.schema.json
"""

TEMPLATE = """\
# A coproduce project. Fill in what you know; leave out what you do not.
# Check it with:     coproduce validate {name}
# Appraise it with:  coproduce appraise {name} --format html --output report.html
schema_version: 1
title: "My project"
description: >
  One paragraph on the research, its setting and the policy or practice it concerns.

# What is coproduction for here, and why? Motivations: substantive (better research),
# instrumental (findings used), normative (right in itself), political (ownership, trust,
# legitimacy). The paper: say so when the reasons are political (p. 8).
aims:
  - id: relevance
    description: Ask the questions that matter to the people who use the service
    motivations: [substantive]

# Who might take part. No personal names. kind: policy-maker, funder, manager, practitioner,
# patient, carer, public, community-organisation, researcher, other.
# power and interest: low, medium or high; leave out if not known.
stakeholders:
  - id: service-users
    kind: patient
    description: service users' group
    power: low
    interest: high
    brings: [lived-experience]        # what they bring (key question 1, p. 6)
    reimbursed: true                  # is their time paid?

# The research team; career stage and contract only show who bears costs.
researchers:
  - id: lead
    career_stage: senior              # early, mid or senior
    contract: open-ended              # open-ended or fixed-term
    carries_engagement: true

# Who is involved at which stage, how deeply. Stages: stage.mixed-teams,
# stage.framing-questions, stage.collecting-data, stage.analysing-data,
# stage.recommendations, stage.dissemination, stage.implementation.
# Modes, shallow to deep: recipient, advice, consultation, embedded, collaboration, partnership.
plan:
  - stage: stage.framing-questions
    stakeholder: service-users
    mode: consultation
    aims: [relevance]

# Table 2 (p. 7): how each condition leans, less or more emphasis on coproduction. Leave out
# the ones you do not know. See `coproduce catalogue` for all nine.
conditions:
  - condition: condition.capacity     # time, money and expertise to involve people
    lean: more

resources:                            # none, limited, adequate or unknown
  time: adequate
  budget: limited
  facilitation: unknown

governance:
  decisions: unspecified              # researcher-led, consensus, steering-group, authority
  ground_rules: null                  # true, false, or null when not known
  publication_agreement: null
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coproduce",
        description="Decide case by case whether and how to coproduce health research "
        "(Oliver, Kothari & Mays 2019, doi:10.1186/s12961-019-0432-3).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coproduce {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    appraise = sub.add_parser(
        "appraise",
        help="appraise a project and print the report",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
        "--list-examples", action="store_true", help="list the bundled example projects"
    )
    appraise.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json"],
        default="text",
        help="report format (default: text)",
    )
    appraise.add_argument(
        "--output",
        "-o",
        type=Path,
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
        type=Path,
        metavar="FILE",
        help="with --batch: also write the portfolio summary (JSON) to FILE",
    )
    appraise.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --batch: show a progress bar on standard error (default: on a terminal)",
    )

    cost = sub.add_parser(
        "cost",
        help="what the involvement costs in money and hours, who gives them, what fits",
        description="Cost a project's involvement plan (its costing section): money and "
        "hours per stage, party and bearer, the gap to the budget, unpaid hours; with "
        "--budget or --fit, the plan that keeps the most of what the aims need within it.",
    )
    cost.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="project document (JSON, YAML or TOML), or - for standard input",
    )
    cost.add_argument("--example", metavar="NAME", help="cost a bundled example instead")
    cost.add_argument(
        "--budget",
        type=_amount,
        metavar="AMOUNT",
        help="money available (default: the costing's budget); implies --fit",
    )
    cost.add_argument(
        "--budget-hours",
        type=_amount,
        metavar="HOURS",
        help="research team hours available (default: the costing's); implies --fit",
    )
    cost.add_argument(
        "--fit", action="store_true", help="also propose the plan that fits the budget"
    )
    cost.add_argument(
        "--rates",
        type=Path,
        metavar="FILE",
        help="a rate card (JSON, YAML or TOML) instead of the shipped one; the project's "
        "own card still takes precedence",
    )
    cost.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json", "csv"],
        default="text",
        help="output format (default: text); csv lists every costed line",
    )
    cost.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )

    validate = sub.add_parser("validate", help="check documents and list every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    validate.add_argument(
        "--kind",
        choices=["project", "appraisal", "catalogue"],
        default="project",
        help="what the documents are (default: project)",
    )

    catalogue = sub.add_parser("catalogue", help="list or show the paper's catalogue")
    catalogue.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    catalogue.add_argument("entry", nargs="?", metavar="ID", help="the entry to show")
    catalogue.add_argument("--format", "-f", choices=["text", "json"], default="text")

    graph = sub.add_parser("graph", help="export the catalogue graph")
    graph.add_argument(
        "--format", "-f", choices=["graphml", "gexf", "json", "dot"], default="graphml"
    )
    graph.add_argument("--output", "-o", type=Path, metavar="FILE")

    schema = sub.add_parser("schema", help="print the JSON Schema of a kind of document")
    schema.add_argument(
        "kind", nargs="?", choices=["project", "appraisal", "catalogue"], default="project"
    )

    init = sub.add_parser("init", help="write a commented template project")
    init.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write to FILE instead of standard output (refuses to overwrite)",
    )
    return parser


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").lstrip("£€$"))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r} (expected e.g. 2500)") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r} (expected a number ≥ 0)")
    return value


def _emit(text: str, output: Path | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(text)
        return
    from coproduce.io import write_text

    write_text(output, text)
    print(f"wrote {output}", file=sys.stderr)


def _read_source(path: str) -> Path | bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path)


def _cmd_appraise(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.appraisal import appraise
    from coproduce.catalogue import check
    from coproduce.io import example_path, examples, load_catalogue, load_project
    from coproduce.report import render

    if args.list_examples:
        stdout.write("".join(f"{name}\n" for name in examples()))
        return 0
    if args.batch is not None:
        if args.path is not None or args.example is not None:
            raise _Usage("--batch takes the place of PATH and --example")
        return _batch(args, stdout)
    if (args.path is None) == (args.example is None):
        raise _Usage("give a PATH (or - for standard input) or --example, not both or neither")
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    try:
        source = example_path(args.example) if args.example else _read_source(args.path)
    except LookupError as exc:
        raise _Usage(str(exc)) from None
    project = load_project(source, catalogue=catalogue)
    result = appraise(project, catalogue=catalogue)
    _emit(render(result, args.format, catalogue=catalogue), args.output, stdout)
    return 0


def _cmd_cost(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.costing import cost, fit
    from coproduce.errors import Issue
    from coproduce.io import example_path, load_project
    from coproduce.ratecards import default, load_rate_card
    from coproduce.report import (
        costing_csv,
        costing_data,
        costing_html,
        costing_markdown,
        costing_text,
    )

    if (args.path is None) == (args.example is None):
        raise _Usage("give a PATH (or - for standard input) or --example, not both or neither")
    try:
        source = example_path(args.example) if args.example else _read_source(args.path)
    except LookupError as exc:
        raise _Usage(str(exc)) from None
    project = load_project(source)
    if project.costing is None:
        raise DocumentError(
            [
                Issue(
                    path="$.costing",
                    code="missing-field",
                    message="the project has no costing section to cost",
                    expected="a costing: currency, involvements, budget (see docs/costing.md)",
                )
            ],
            what="project document",
        )
    rates = load_rate_card(args.rates) if args.rates is not None else default()
    result = cost(project, rates=rates)
    assert result is not None
    fitted = None
    if args.fit or args.budget is not None or args.budget_hours is not None:
        fitted = fit(project, budget=args.budget, budget_hours=args.budget_hours, rates=rates)
    if args.format == "text":
        text = costing_text(result, fitted)
    elif args.format == "markdown":
        text = f"# Costing: {project.title}\n\n" + costing_markdown(result, fitted)
    elif args.format == "html":
        text = costing_html(result, fitted, title=project.title)
    elif args.format == "csv":
        text = costing_csv(result)
    else:
        text = json.dumps(costing_data(result, fitted), indent=2, ensure_ascii=False) + "\n"
    _emit(text, args.output, stdout)
    return 0


def _batch(args: argparse.Namespace, stdout: TextIO) -> int:
    import contextlib
    import os
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.batch import Portfolio, appraise_many, documents
    from coproduce.catalogue import check
    from coproduce.io import load_catalogue, open_atomic, write_text
    from coproduce.io._converter import converter

    if args.format not in ("json", "text"):
        raise _Usage("--batch writes JSON Lines; --format must be json (the default for --batch)")
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    total = sum(1 for _ in documents(args.batch)) if args.batch.is_dir() else None
    workers = os.cpu_count() or 1 if args.workers is None else args.workers
    show = sys.stderr.isatty() if args.progress is None else args.progress
    bar = _Progress(total) if show else None
    portfolio = Portfolio()
    invalid = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open_atomic(args.output)) if args.output else stdout
        executor = stack.enter_context(ProcessPoolExecutor(workers)) if workers > 0 else None
        for line, entry, problems in appraise_many(
            args.batch, catalogue=catalogue, executor=executor, progress=bar, then=_batch_line
        ):
            portfolio.add(entry)
            if problems:
                invalid += 1
                print(problems, file=sys.stderr)
            out.write(line)
    if bar is not None:
        bar.close()
    summary = portfolio.summary()
    if args.summary:
        write_text(args.summary, json.dumps(converter.unstructure(summary), indent=2) + "\n")
    print(f"{summary.projects} appraised, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


def _batch_line(outcome: Outcome) -> tuple[str, Entry | None, str]:
    """Run in the worker: the JSON line, the portfolio entry, and a diagnostic if invalid."""
    from coproduce.io import to_data
    from coproduce.io._converter import converter

    line: dict[str, Any] = {"index": outcome.index, "source": outcome.source, "ok": outcome.ok}
    problems = ""
    if outcome.appraisal is not None:
        line["appraisal"] = to_data(outcome.appraisal)
    else:
        line["issues"] = [converter.unstructure(i) for i in outcome.issues]
        problems = f"{outcome.source}: {len(outcome.issues)} problem(s), first: {outcome.issues[0]}"
    text = json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text, Portfolio.entry(outcome), problems


class _Progress:
    """A progress bar on standard error; no dependency."""

    def __init__(self, total: int | None) -> None:
        import time

        self.total, self.start, self.clock = total, time.monotonic(), time.monotonic

    def __call__(self, done: int) -> None:
        rate = done / max(self.clock() - self.start, 1e-9)
        if self.total:
            filled = int(30 * done / self.total)
            head = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total}"
        else:
            head = f"{done} documents"
        sys.stderr.write(f"\r{head}  {rate:,.0f}/s")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def _cmd_validate(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import load

    bad = 0
    for path in args.paths:
        try:
            load(path, args.kind)
        except DocumentError as exc:
            bad += 1
            stdout.write(f"{path}: {len(exc.issues)} problem{'s' * (len(exc.issues) != 1)}\n")
            for issue in exc.issues:
                stdout.write(f"  {issue}  [{issue.code}]\n")
        else:
            stdout.write(f"{path}: ok\n")
    return 1 if bad else 0


def _cmd_catalogue(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.catalogue import ENTRY_FIELDS
    from coproduce.catalogue import default as default_catalogue
    from coproduce.errors import UnknownEntryError
    from coproduce.io._converter import converter

    cat = default_catalogue()
    if args.action == "show":
        if not args.entry:
            raise _Usage("catalogue show needs an entry id, e.g. condition.capacity")
        try:
            entry = cat.get(args.entry)
        except UnknownEntryError:
            raise _Usage(f"no catalogue entry {args.entry!r}; see: coproduce catalogue") from None
        data = converter.unstructure(entry)
        if args.format == "json":
            stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            stdout.write(_describe(data))
        return 0
    if args.format == "json":
        from coproduce.io import dump_catalogue

        stdout.write(dump_catalogue(cat))
        return 0
    stdout.write(f"{cat.reference.citation} doi:{cat.reference.doi} (catalogue {cat.version})\n")
    for name in ENTRY_FIELDS:
        entries = getattr(cat, name)
        stdout.write(f"\n{name.replace('_', ' ')} ({len(entries)})\n")
        for e in entries:
            stdout.write(f"  {e.id:42} {e.label}  [p. {e.source.page}]\n")
    return 0


def _describe(data: dict[str, Any], indent: str = "") -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:\n{_describe(value, indent + '  ').rstrip()}")
        elif isinstance(value, list):
            if not value:
                continue
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines.append(_describe(item, indent + "  - ").rstrip("\n"))
                else:
                    lines.append(f"{indent}  - {item}")
        elif value not in (None, ""):
            lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines) + "\n"


def _dot(graph: Any) -> str:
    def q(s: object) -> str:
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph coproduce {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {q(node)} [label={q(data['label'])}, kind={q(data['kind'])}];")
    for u, v, data in graph.edges(data=True):
        lines.append(
            f"  {q(u)} -> {q(v)} [relation={q(data['relation'])}, basis={q(data['basis'])}];"
        )
    return "\n".join([*lines, "}"]) + "\n"


def _cmd_graph(args: argparse.Namespace, stdout: TextIO) -> int:
    import io

    import networkx as nx

    from coproduce.graph import default_graph, to_node_link

    graph = default_graph()
    if args.format == "json":
        text = json.dumps(to_node_link(graph), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "dot":
        text = _dot(graph)
    else:
        buffer = io.BytesIO()
        (nx.write_graphml if args.format == "graphml" else nx.write_gexf)(graph, buffer)
        text = buffer.getvalue().decode("utf-8")
    _emit(text, args.output, stdout)
    return 0


def _cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.schema import json_schema

    stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0


def _cmd_init(args: argparse.Namespace, stdout: TextIO) -> int:
    name = args.output.name if args.output else "project.yaml"
    text = TEMPLATE.format(name=name)
    if args.output is not None and args.output.exists():
        raise _Usage(f"{args.output} exists; choose another name or remove it first")
    _emit(text, args.output, stdout)
    return 0


class _Usage(Exception):
    """The command was misused (exit status 2)."""


_COMMANDS = {
    "appraise": _cmd_appraise,
    "validate": _cmd_validate,
    "catalogue": _cmd_catalogue,
    "graph": _cmd_graph,
    "schema": _cmd_schema,
    "init": _cmd_init,
    "cost": _cmd_cost,
}


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command; return its exit status."""
    out = stdout if stdout is not None else sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return _COMMANDS[args.command](args, out)
    except _Usage as exc:
        print(f"coproduce {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except CoproduceError as exc:
        print(f"coproduce {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(
            f"coproduce {args.command}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130


def main_entry() -> None:
    """Console-script entry point: run :func:`main` and exit with its status."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `coproduce catalogue | head`
        sys.stderr.close()
        status = 0
    raise SystemExit(status)
