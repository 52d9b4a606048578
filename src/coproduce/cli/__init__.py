"""The ``coproduce`` command.

Data goes to standard output, diagnostics to standard error. Exit status: 0 on success, 1
when the input is invalid (every problem is listed, with its path), 2 when the command is
misused, 130 when interrupted (Ctrl-C). Output cut short by its reader (``coproduce catalogue
| head``) ends the command quietly with status 0. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from coproduce._text import visible
from coproduce._version import __version__
from coproduce.cli import _tracking as _cli_tracking
from coproduce.errors import CoproduceError, DocumentError, OutputFormatError, did_you_mean

if TYPE_CHECKING:  # the engine loads when a command needs it: `--help` stays instant
    from coproduce.io import Kind
    from coproduce.model import Project, RateCard
    from coproduce.portfolio import Outcome, PortfolioEntry

__all__ = ["main"]

EXAMPLES = """\
examples:
  coproduce appraise --example                      appraise a bundled example project
  coproduce appraise project.yaml --output report.html   (format from the suffix)
  coproduce appraise --batch projects/ --output appraisals.jsonl --summary summary.json
  coproduce cost project.yaml --budget 2500 --format markdown   money, hours, the plan that fits
  coproduce init --output project.yaml              start from a commented template
  coproduce validate projects/*.yaml                list every problem, with its place
  coproduce catalogue show condition.capacity       one entry of the paper's catalogue
  coproduce catalogue --source gripp2-2017          the entries encoded from one document
  coproduce report project.yaml --kind standards --format html --output standards.html
  coproduce graph --output catalogue.graphml
  coproduce schema project > project.schema.json
"""

_HELP_EXAMPLES = {
    "appraise": """\
examples:
  coproduce appraise --list-examples                the bundled projects, one line each
  coproduce appraise --example one-stage            appraise one of them
  coproduce appraise project.yaml                   the report as text
  coproduce appraise project.yaml -o report.html    HTML (format from the suffix: .html,
                                                    .md, .json, .txt)
  cat project.json | coproduce appraise - -f markdown
  coproduce appraise --batch projects/ -o appraisals.jsonl --summary summary.json
""",
    "validate": """\
examples:
  coproduce validate project.yaml                   ok, or every problem at file:line:col
  coproduce validate projects/*.yaml                many documents at once
  coproduce validate --kind appraisal report.json   an appraisal written with -f json
  coproduce validate project.yaml --rates my.toml   the costing's roles against my card
""",
    "catalogue": """\
examples:
  coproduce catalogue                               every entry, by kind, with its page
  coproduce catalogue show condition.capacity       one entry in full
  coproduce catalogue --format json > catalogue.json
""",
    "graph": """\
examples:
  coproduce graph -o catalogue.graphml              for Gephi, yEd, Cytoscape
  coproduce graph -o catalogue.dot                  for Graphviz (format from the suffix)
  coproduce graph --format json                     node-link JSON on standard output
""",
    "schema": """\
examples:
  coproduce schema project > project.schema.json    for editors that check YAML/JSON
  coproduce schema appraisal
""",
    "cost": """\
examples:
  coproduce cost --example contested-policy         money and hours, who gives them
  coproduce cost project.yaml -o budget.csv         every costed line, for a spreadsheet
  coproduce cost project.yaml --budget 12000 --fit  the plan that fits 12,000
  coproduce cost project.yaml --rates card.toml -o costs.html
""",
    "report": """\
examples:
  coproduce report project.yaml --kind standards -o standards.html
  coproduce report project.yaml --kind application -f markdown > involvement.md
  coproduce report project.yaml --kind gripp2 -f json
""",
    "init": """\
examples:
  coproduce init --output project.yaml              a commented template to fill in
  coproduce init > project.yaml
""",
}


def _format(args: argparse.Namespace, formats: tuple[str, ...], default: str | None = None) -> str:
    """``--format``, else the one ``--output`` names (:func:`coproduce.io.output_format`)."""
    from coproduce.io import output_format

    return output_format(args.output, args.format, formats=formats, default=default)


_REPORT_FORMATS = ("text", "markdown", "html", "json")
_COST_FORMATS = (*_REPORT_FORMATS, "csv")
_FORM_FORMATS = ("markdown", "html", "json")
_GRAPH_FORMATS = ("graphml", "gexf", "json", "dot")


TEMPLATE = """\
# A coproduce project. Fill in what you know; leave out what you do not.
# Check it with:     coproduce validate {name}
# Appraise it with:  coproduce appraise {name} --format html --output report.html
schema_version: 2
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
# patient, carer, public, community-organisation, researcher, commercial, other.
# Decision-makers and commercial partners are advised from Table 2; everyone else from the
# aims their involvement serves.
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
# Modes, shallow to deep: recipient, advice, consultation, collaboration, partnership,
# user-controlled. Add `embedded: true` where researchers work inside the organisation.
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

# Does the plan, or a contract, provide the researchers' help with implementation after the
# report? (Stakeholders may expect it: `expects_implementation_help: true`.)
implementation_support: null
duration_weeks: null                  # how long the project runs
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}{self._hint(message)}\n")

    def _hint(self, message: str) -> str:
        """A "did you mean" hint for a misspelt command, choice or option."""
        import re

        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            options = re.findall(r"'([^']*)'", choice.group(2)) or [
                c.strip() for c in choice.group(2).split(",")
            ]
            hint = did_you_mean(choice.group(1), options)
            return f"; {hint}" if hint else ""
        unknown = re.search(r"unrecognized arguments: (.*)", message)
        if unknown:
            known = [o for a in self._actions for o in a.option_strings]
            for action in self._actions:
                for sub in getattr(action, "choices", None) or {}:
                    if isinstance(action.choices, dict):
                        known += [o for a in action.choices[sub]._actions for o in a.option_strings]
            for word in unknown.group(1).split():
                hint = did_you_mean(word.split("=")[0], known)
                if hint:
                    return f"; {hint}"
        return ""


def _output_path(text: str) -> Path:
    """An ``--output`` argument: a non-empty path."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name; give a path, or leave --output out")
    return Path(text)


def _parser() -> argparse.ArgumentParser:
    """The command's parser: the global options and one subparser per command."""
    parser = _Parser(
        prog="coproduce",
        description="Decide case by case whether and how to coproduce health research "
        "(Oliver, Kothari & Mays 2019, doi:10.1186/s12961-019-0432-3).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coproduce {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, **kw: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name,
            epilog=_HELP_EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kw,
        )
        return parser

    _appraise_arguments(add("appraise", help="appraise a project and print the report"))
    _cost_arguments(
        add(
            "cost",
            help="what the involvement costs in money and hours, who gives them, what fits",
            description="Cost a project's involvement plan (its costing section): money and "
            "hours per stage, party and bearer, the gap to the budget, unpaid hours; with "
            "--budget or --fit, the plan that keeps the most of what the aims need within it.",
        )
    )
    _validate_arguments(
        add(
            "validate",
            help="check documents and list every problem",
            description="Check documents and list every problem, each at file:line:column. "
            "A project's costing is checked as `coproduce cost` would cost it: every role it "
            "names needs a rate in the project's own card or the shipped one (or the card "
            "given with --rates), in the costing's currency.",
        )
    )
    _catalogue_arguments(add("catalogue", help="list or show the paper's catalogue"))
    _report_arguments(
        add(
            "report",
            help="write a UK Standards self-assessment, an application section or a GRIPP2 "
            "skeleton from a project",
        )
    )
    _graph_arguments(add("graph", help="export the catalogue graph"))
    _schema_arguments(add("schema", help="print the JSON Schema of a kind of document"))
    _init_arguments(add("init", help="write a commented template project"))
    _cli_tracking.add_parsers(sub)
    return parser


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
        type=_output_path,
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
        type=_output_path,
        metavar="FILE",
        help="with --batch: also write the portfolio summary (JSON) to FILE",
    )
    appraise.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --batch: show a progress bar on standard error (default: on a terminal)",
    )


def _cost_arguments(cost: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce cost``."""
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
        type=_hours,
        metavar="HOURS",
        help="research team hours available (default: the costing's); implies --fit",
    )
    cost.add_argument(
        "--fit", action="store_true", help="also propose the plan that fits the budget"
    )
    cost.add_argument("--rates", type=Path, metavar="FILE", help=_RATES_HELP)
    cost.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "html", "json", "csv"],
        default=None,
        help="output format (default: from the suffix of --output, else text); csv lists "
        "every costed line",
    )
    cost.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )


_RATES_HELP = (
    "a rate card (JSON, YAML or TOML) instead of the shipped one; the project's own card "
    "still takes precedence"
)


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce validate``."""
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    validate.add_argument(
        "--kind",
        choices=["project", "appraisal", "catalogue", "log"],
        help="what the documents are (default: log for X.log.yaml, .yml, .json or .toml, "
        "else project)",
    )
    validate.add_argument(
        "--project",
        type=Path,
        metavar="PROJECT",
        help="check logs against this project (default: the project each log names, found "
        "beside it or in the folder above)",
    )
    validate.add_argument("--rates", type=Path, metavar="FILE", help=_RATES_HELP)


def _catalogue_arguments(catalogue: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce catalogue``."""
    catalogue.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    catalogue.add_argument("entry", nargs="?", metavar="ID", help="the entry to show")
    catalogue.add_argument("--format", "-f", choices=["text", "json"], default="text")
    catalogue.add_argument(
        "--source",
        metavar="ID",
        help="list only the entries citing this document (the paper is "
        "oliver-kothari-mays-2019; `coproduce catalogue --source list` lists the documents)",
    )


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


def _graph_arguments(graph: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce graph``."""
    graph.add_argument(
        "--format",
        "-f",
        choices=["graphml", "gexf", "json", "dot"],
        default=None,
        help="graph format (default: from the suffix of --output, else graphml)",
    )
    graph.add_argument(
        "--output", "-o", type=_output_path, metavar="FILE", help="write to FILE (atomically)"
    )


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce schema``."""
    schema.add_argument(
        "kind", nargs="?", choices=["project", "appraisal", "catalogue", "log"], default="project"
    )


def _init_arguments(init: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce init``."""
    init.add_argument(
        "--output",
        "-o",
        type=_output_path,
        metavar="FILE",
        help="write to FILE instead of standard output (refuses to overwrite)",
    )


def _amount(text: str, limit: Decimal | None = None) -> Decimal:
    """A ``--budget`` (or, with ``limit``, ``--budget-hours``) as a document would hold it.

    The bounds are the documents' own (:mod:`coproduce.model._amounts`): at least 0, below
    the limit, at most 4 decimal places.
    """
    from coproduce.model._amounts import MONEY_LIMIT, PLACES

    bound = MONEY_LIMIT if limit is None else limit
    try:
        value = Decimal(text.replace(",", "").lstrip("£€$"))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r} (expected e.g. 2500)") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r} (expected a number ≥ 0)")
    if value >= bound:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r} (expected less than {bound:,})")
    if value.as_tuple().exponent < -PLACES:  # type: ignore[operator]
        raise argparse.ArgumentTypeError(
            f"not an amount: {text!r} (expected at most {PLACES} decimal places)"
        )
    return value + 0  # -0 is 0


def _hours(text: str) -> Decimal:
    from coproduce.model._amounts import HOURS_LIMIT

    return _amount(text, HOURS_LIMIT)


def _emit(text: str, output: Path | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(text)
        return
    from coproduce.io import write_text

    write_text(output, text)
    print(visible(f"wrote {output}"), file=sys.stderr)


def _read_source(path: str) -> Path | bytes:
    """A document path, or the bytes of standard input (bounded, never from a terminal)."""
    if path != "-":
        return Path(path)
    from coproduce.io import Limits, read_stream

    if sys.stdin is None or sys.stdin.isatty():
        raise _Usage(
            "standard input is a terminal; pipe a document in "
            "(coproduce appraise - < project.yaml) or give its PATH"
        )
    try:
        return read_stream(sys.stdin.buffer, Limits())
    except DocumentError as exc:
        exc.source, exc.what = "<stdin>", "project document"
        raise


def _refuse_overwriting_inputs(
    output: Path | None, *inputs: Path | None, option: str = "--output"
) -> None:
    """Refuse an output that is one of the inputs: the report would replace the project.

    Files are compared by what they are (device and inode), so a symbolic or hard link to
    an input is refused too. An input ``-`` is standard input, refused as an output when it
    is the same file (``coproduce cost - -o project.yaml < project.yaml``). A command that
    reads a folder passes every document it reads (see :func:`_documents_read`).
    """
    if output is None:
        return
    try:
        there: os.stat_result | None = os.stat(output)
    except (OSError, ValueError):  # not there yet (or a name no file can have): no input
        there = None
    for source in inputs:
        if source == _STDIN and _is_stdin(output):
            raise _Usage(f"{option} {output} is the standard input; choose another file")
        if there is not None and source is not None and source != _STDIN:
            try:
                same = os.path.samestat(there, os.stat(source))
            except (OSError, ValueError):
                same = False
            if same:
                raise _Usage(f"{option} {output} is the input {source}; choose another file")


def _documents_read(source: Path) -> list[Path]:
    """What ``appraise --batch`` reads from ``source``.

    That is a folder and each of its documents, or the JSON Lines file itself.
    """
    from coproduce.portfolio import documents

    if not source.is_dir():
        return [source]
    return [source, *(path for _, path in documents(source) if isinstance(path, Path))]


_STDIN = Path("-")


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is the regular file standard input reads."""
    try:
        given, there = os.fstat(sys.stdin.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):  # no stdin, a pseudo-file, no such path
        return False
    return (given.st_dev, given.st_ino) == (there.st_dev, there.st_ino)


def _cmd_appraise(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.appraisal import appraise
    from coproduce.catalogue import check
    from coproduce.io import example_path, examples, load_catalogue, load_project
    from coproduce.report import render

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
            raise _Usage("--batch takes the place of PATH and --example")
        return _batch(args, stdout)
    if (args.path is None) == (args.example is None):
        raise _Usage("give a PATH (or - for standard input) or --example, not both or neither")
    _refuse_overwriting_inputs(
        args.output, Path(args.path) if args.path is not None else None, args.catalogue
    )
    fmt = _format(args, _REPORT_FORMATS)
    if args.compact and fmt != "json":
        raise _Usage(f"--compact is for JSON output, not {fmt}; add --format json")
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    try:
        source = example_path(args.example) if args.example else _read_source(args.path)
    except LookupError as exc:
        hint = did_you_mean(args.example, examples())
        raise _Usage(f"{exc}" + (f"; {hint}" if hint else "")) from None
    project = load_project(source, catalogue=catalogue)
    result = appraise(project, catalogue=catalogue)
    if args.compact:
        from coproduce.io import dump_appraisal

        text = dump_appraisal(result, compact=True)
    else:
        text = render(result, fmt, catalogue=catalogue)  # type: ignore[arg-type]
    _emit(visible(text) if fmt in ("text", "markdown") else text, args.output, stdout)
    return 0


def _cmd_cost(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.costing import cost, fit
    from coproduce.errors import Issue
    from coproduce.io import example_path, load_project
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
    _refuse_overwriting_inputs(
        args.output, source if isinstance(source, Path) else _STDIN, args.rates
    )
    fmt = _format(args, _COST_FORMATS)
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
            source=str(source) if isinstance(source, Path) else "<stdin>",
        )
    rates = _rate_card(args.rates)
    project = _with_budgets(project, args.budget, args.budget_hours)
    result = cost(project, rates=rates)
    assert result is not None
    fitted = None
    if args.fit or args.budget is not None or args.budget_hours is not None:
        fitted = fit(project, rates=rates)
    if fmt == "text":
        text = costing_text(result, fitted)
    elif fmt == "markdown":
        text = costing_markdown(result, fitted, title=project.title)
    elif fmt == "html":
        text = costing_html(result, fitted, title=project.title)
    elif fmt == "csv":
        text = costing_csv(result)
    else:
        text = json.dumps(costing_data(result, fitted), indent=2, ensure_ascii=False) + "\n"
    _emit(text, args.output, stdout)
    return 0


def _with_budgets(project: Project, money: Decimal | None, hours: Decimal | None) -> Project:
    """The project with ``--budget`` and ``--budget-hours`` in place of its costing's own.

    The whole report then measures against one budget (the summary and the plan that fits);
    standard error says which of the costing's figures were replaced.
    """
    import attrs

    plan = project.costing
    assert plan is not None
    replaced = attrs.evolve(
        plan,
        budget=plan.budget if money is None else money,
        budget_hours=plan.budget_hours if hours is None else hours,
    )
    for option, own, given, shown in (
        ("--budget", plan.budget, money, f"{plan.currency} {{:,.2f}}"),
        ("--budget-hours", plan.budget_hours, hours, "{:,} hours"),
    ):
        if own is not None and given is not None and own != given:
            print(
                f"note: {option} ({shown.format(given)}) replaces the costing's "
                f"{shown.format(own)} throughout the report",
                file=sys.stderr,
            )
    return project if replaced == plan else attrs.evolve(project, costing=replaced)


def _refuse_report_suffixes(output: Path | None, summary: Path | None) -> None:
    """Refuse ``--batch`` outputs named as reports: it writes JSON Lines and JSON only."""
    for option, path, writes, suffix in (
        ("--output", output, "JSON Lines", ".jsonl"),
        ("--summary", summary, "JSON", ".json"),
    ):
        from coproduce.io import SUFFIXES

        named = SUFFIXES.get(path.suffix.lower()) if path is not None else None
        if path is not None and named in ("html", "markdown"):
            raise _Usage(
                f"{option} {path} names {named}, but with --batch it writes {writes}; "
                f"name it {path.with_suffix(suffix)}"
            )


def _rate_card(path: Path | None) -> RateCard:
    """The card ``cost`` and ``validate`` price roles with: ``--rates FILE``, else the shipped one.

    The project's own card takes precedence over it, role by role.
    """
    from coproduce.costing import default_rate_card as default
    from coproduce.io import load_rate_card

    return load_rate_card(path) if path is not None else default()


def _batch(args: argparse.Namespace, stdout: TextIO) -> int:
    import contextlib
    import os
    from concurrent.futures import ProcessPoolExecutor

    from coproduce.catalogue import check
    from coproduce.io import load_catalogue, open_atomic, to_data, write_text
    from coproduce.portfolio import Portfolio, appraise_many

    if args.format not in ("json", "text", None):
        raise _Usage("--batch writes JSON Lines; --format must be json (the default for --batch)")
    _refuse_report_suffixes(args.output, args.summary)
    read = _documents_read(args.batch)  # never write over a document of the batch
    _refuse_overwriting_inputs(args.output, *read, args.catalogue)
    _refuse_overwriting_inputs(args.summary, *read, args.catalogue, option="--summary")
    if args.summary is not None and args.output is not None:
        if os.path.realpath(args.summary) == os.path.realpath(args.output):
            raise _Usage(f"--summary {args.summary} is also --output; choose another file")
        _refuse_overwriting_inputs(args.summary, args.output, option="--summary")
    catalogue = check(load_catalogue(args.catalogue)) if args.catalogue else None
    total = len(read) - 1 if args.batch.is_dir() else None
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
    print(f"{summary.projects} appraised, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


def _batch_line(outcome: Outcome) -> tuple[str, PortfolioEntry | None, str]:
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


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class _Progress:
    """A progress bar with rate and time left on standard error; no dependency.

    Diagnostics go through :meth:`note`, which clears the bar's line first and redraws the
    bar below, so a message never lands on the bar's line.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        import time

        self.total, self.start, self.clock = total, time.monotonic(), time.monotonic
        self.stream = stream if stream is not None else sys.stderr
        self.line = ""

    def __call__(self, done: int) -> None:
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = done / elapsed
        if self.total:
            filled = int(30 * min(done, self.total) / self.total)
            left = (self.total - done) / rate if rate > 0 else 0.0
            head = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total}"
            tail = f"  {rate:,.0f}/s  {_duration(left)} left"
        else:
            head, tail = f"{done} documents", f"  {rate:,.0f}/s  {_duration(elapsed)} elapsed"
        self.line = head + tail
        self.stream.write(f"\r\x1b[K{self.line}")
        self.stream.flush()

    def note(self, message: str) -> None:
        """Print a diagnostic on its own line, then redraw the bar."""
        self.stream.write(f"\r\x1b[K{message}\n{self.line}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _cmd_validate(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import LOG_SUFFIXES

    card = _rate_card(args.rates)  # a bad --rates file: reported once, as `cost` reports it
    bad = 0
    for path in args.paths:
        name = visible(str(path))
        kind: Kind = args.kind or ("log" if path.name.lower().endswith(LOG_SUFFIXES) else "project")
        try:
            note = _validate_one(path, kind, args.project, (card, args.rates))
        except DocumentError as exc:
            bad += 1
            n = len(exc.issues) + exc.omitted
            more = "+" if exc.truncated else ""
            problems = f"{n}{more} problem{'s' * (n != 1 or bool(more))}"
            file = name
            if exc.source and Path(exc.source) != path:  # the log's project, not the log
                file = visible(str(exc.source))
                stdout.write(f"{name}: its project {file} has {problems}\n")
            else:
                stdout.write(f"{name}: {problems}\n")
            for issue in exc.issues:
                where = f"{file}:{issue.location}: " if issue.location else "  "
                stdout.write(visible(f"{where}{issue}  [{issue.code}]") + "\n")
            if exc.rest:
                stdout.write(f"  … {exc.rest}\n")
            if args.kind is None and kind == "project" and _looks_like_log(exc):
                stdout.write("  (it looks like a log: name it X.log.yaml or pass --kind log)\n")
        else:
            stdout.write(visible(f"{name}: ok{note}") + "\n")
    return 1 if bad else 0


def _validate_one(
    path: Path, kind: Kind, project_file: Path | None, rates: tuple[RateCard, Path | None]
) -> str:
    """Load one document and check it; what was checked, if not all.

    A log is checked against its project; a project's costing against the rate cards
    ``coproduce cost`` would use (``rates``: the card and the ``--rates`` file, if any).
    """
    from coproduce.io import load, load_log, load_project
    from coproduce.model import Project

    if kind != "log":
        value = load(path, kind)
        if isinstance(value, Project) and value.costing is not None:
            _check_costing(path, value, *rates)
        return _warnings(path, value) if isinstance(value, Project) else ""
    from coproduce.portfolio import project_for

    found = project_file or project_for(path)
    if found is None:
        load_log(path)
        return (
            " (its stakeholders, researchers and aims not checked: no project with its id "
            "beside it; pass --project)"
        )
    load_log(path, project=load_project(found))
    return f" (checked against {found})"


def _warnings(path: Path, project: Project) -> str:
    """The project's warnings (:func:`coproduce.appraisal.plan_warnings`), one line each."""
    from coproduce.appraisal import plan_warnings
    from coproduce.errors import Issue
    from coproduce.io import locate_issues

    found = tuple(
        Issue(path=f"$.{at}", code=code, message=text) for at, code, text in plan_warnings(project)
    )
    if not found:
        return ""
    lines = [
        f"{visible(str(path))}:{i.location}: warning: {i}  [{i.code}]"
        if i.location
        else f"  warning: {i}  [{i.code}]"
        for i in locate_issues(found, path, None)
    ]
    return f", {len(lines)} warning{'s' * (len(lines) != 1)}\n" + "\n".join(lines)


def _check_costing(path: Path, project: Project, card: RateCard, file: Path | None) -> None:
    """Raise what ``coproduce cost`` with ``card`` would refuse and loading leaves unchecked.

    That is: roles without a rate in the cards, a card in another currency. They are raised
    as the document's problems, with line and column.
    """
    from coproduce.costing import costing_problems
    from coproduce.errors import Issue
    from coproduce.io import locate_issues

    problems = costing_problems(project, rates=card, roles=True)
    if not problems:
        return
    own = project.costing.rate_card if project.costing is not None else None
    given = f"the card in {file} ({card.id!r})" if file else f"the shipped card {card.id!r}"
    cards = f"the project's own card {own.id!r} over {given}" if own else given
    hint = "" if file else "; --rates FILE names another card"
    issues = []
    for at, code, text in problems:
        if at == "rates.currency":
            issue = Issue(
                path="$.costing.currency",
                code=code,
                message=f"the currency of {given} {text}{hint}",
            )
        elif at.startswith("rates."):  # a problem of the given card itself (two rates per role)
            issue = Issue(
                path="$.costing", code=code, message=f"{given}, at {at[6:]}: {text}{hint}"
            )
        else:
            issue = Issue(path=f"$.{at}", code=code, message=f"{text}; looked in {cards}{hint}")
        issues.append(issue)
    raise DocumentError(
        locate_issues(tuple(issues), path, None), what="project document", source=str(path)
    )


def _looks_like_log(exc: DocumentError) -> bool:
    unknown = {i.path for i in exc.issues if i.code == "unknown-field"}
    return {"$.entries", "$.project"} & unknown != set()


def _cmd_catalogue(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.catalogue import ENTRY_FIELDS
    from coproduce.catalogue import default as default_catalogue
    from coproduce.errors import UnknownEntryError
    from coproduce.io import to_data

    cat = default_catalogue()
    if args.source is not None:
        return _catalogue_source(cat, args, stdout)
    if args.action == "show":
        if not args.entry:
            raise _Usage("catalogue show needs an entry id, e.g. condition.capacity")
        practice = {e.id: e for e in cat.practice.entries()}
        try:
            entry = practice[args.entry] if args.entry in practice else cat.get(args.entry)
        except UnknownEntryError:
            hint = did_you_mean(args.entry, [e.id for e in cat.entries()])
            raise _Usage(
                f"no catalogue entry {args.entry!r}; "
                + (hint if hint else "see: coproduce catalogue")
            ) from None
        data = to_data(entry)
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
    n, docs = len(cat.practice.entries()), len(cat.practice.documents)
    if n:
        stdout.write(
            f"\npractice layer ({n} entries from {docs} documents, kept apart from the paper)\n"
            "  list them by document: coproduce catalogue --source list\n"
        )
    return 0


def _catalogue_source(cat: Any, args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.errors import UnknownEntryError
    from coproduce.io import to_data

    if args.source == "list":
        for doc in cat.documents():
            stdout.write(f"{doc.id:34} {doc}\n")
        return 0
    try:
        entries = cat.entries_of(args.source)
    except UnknownEntryError:
        known = ", ".join(d.id for d in cat.documents())
        raise _Usage(f"no document {args.source!r}; expected one of {known}") from None
    if args.format == "json":
        data = [to_data(e) for e in entries]
        stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    doc = next(d for d in cat.documents() if d.id == args.source)
    stdout.write(f"{doc}\n{len(entries)} entries\n")
    for e in entries:
        sources = getattr(e, "sources", (e.source,))
        where = next(s for s in sources if s.document == args.source)
        stdout.write(f"  {e.id:46} {e.label}  [p. {where.page}, {where.locator}]\n")
    return 0


def _cmd_report(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import load_project
    from coproduce.report.forms import build, render

    source = _read_source(args.path)
    _refuse_overwriting_inputs(args.output, source if isinstance(source, Path) else _STDIN)
    project = load_project(source)
    report = build(args.kind, project)
    fmt = _format(args, _FORM_FORMATS)
    _emit(render(report, fmt), args.output, stdout)  # type: ignore[arg-type]
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
    args.format = _format(args, _GRAPH_FORMATS)
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
    "report": _cmd_report,
    "cost": _cmd_cost,
    **_cli_tracking.COMMANDS,
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
    except (_Usage, OutputFormatError) as exc:
        print(visible(f"coproduce {args.command}: error: {exc}"), file=sys.stderr)
        return 2
    except CoproduceError as exc:
        print(visible(f"coproduce {args.command}: {exc}"), file=sys.stderr)
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


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind, so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated(signum)


def main_entry() -> None:
    """Console-script entry point: run :func:`main` and exit with its status.

    SIGTERM and SIGHUP unwind like Ctrl-C (a half-written output is removed) and exit with
    128 + the signal's number.
    """
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `coproduce catalogue | head`
        sys.stderr.close()
        status = 0
    except _Terminated as exc:
        status = 128 + exc.signum
    raise SystemExit(status)
