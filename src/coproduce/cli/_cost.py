"""``coproduce cost``: money and hours, who gives them, and the plan that fits a budget."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coproduce.cli._common import (
    RATES_HELP,
    STDIN,
    Subparsers,
    Usage,
    add_command,
    cards_under,
    emit,
    note,
    rate_card,
    read_source,
    refuse_overwriting_inputs,
)
from coproduce.errors import DocumentError

if TYPE_CHECKING:
    from coproduce.model import Project

__all__ = ["add_parsers"]

EXAMPLES = """\
examples:
  coproduce cost --example contested-policy         money and hours, who gives them
  coproduce cost project.yaml -o budget.csv         every costed line, for a spreadsheet
  coproduce cost project.yaml --budget 12000 --fit  the plan that fits 12,000
  coproduce cost project.yaml --rates card.toml -o costs.html
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce cost`` to the subcommands ``sub``."""
    cost = add_command(
        sub,
        "cost",
        _run,
        epilog=EXAMPLES,
        help="what the involvement costs in money and hours, who gives them, what fits",
        description="Cost a project's involvement plan (its costing section): money and "
        "hours per stage, party and bearer, the gap to the budget, unpaid hours; with "
        "--budget or --fit, the plan that keeps the most of what the aims need within it.",
    )
    _cost_arguments(cost)


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
    cost.add_argument("--rates", type=Path, metavar="FILE", help=RATES_HELP)
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


def _amount(text: str, limit: Decimal | None = None) -> Decimal:
    """A ``--budget`` (or, with ``limit``, ``--budget-hours``) as a document would hold it.

    The bounds are the documents' own (``coproduce.model.MONEY_LIMIT`` and its
    neighbours): at least 0, below the limit, at most 4 decimal places.
    """
    from coproduce.model import MONEY_LIMIT, PLACES

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
    from coproduce.model import HOURS_LIMIT

    return _amount(text, HOURS_LIMIT)


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.costing import cost, fit
    from coproduce.io import example_path, load_project

    if (args.path is None) == (args.example is None):
        raise Usage("give a PATH (or - for standard input) or --example, not both or neither")
    try:
        source = example_path(args.example) if args.example else read_source(args.path)
    except LookupError as exc:
        raise Usage(str(exc)) from None
    refuse_overwriting_inputs(
        args.output, source if isinstance(source, Path) else STDIN, args.rates
    )
    from coproduce.report import costing_report, format_for, render

    fmt = format_for("costing", args.output, args.format)
    project = load_project(source)
    if project.costing is None:
        raise _no_costing(source)
    rates = cards_under(rate_card(args.rates), args.rates, project.costing.currency)
    project = _with_budgets(project, args.budget, args.budget_hours)
    result = cost(project, rates=rates)
    assert result is not None
    fitted = None
    if args.fit or args.budget is not None or args.budget_hours is not None:
        fitted = fit(project, rates=rates)
    title = None if fmt == "text" else project.title  # the text opens with the summary
    emit(render(costing_report(result, fitted, title=title), fmt), args.output, stdout)
    return 0


def _no_costing(source: Path | bytes) -> DocumentError:
    from coproduce.errors import Issue

    return DocumentError(
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
            note(
                f"{option} ({shown.format(given)}) replaces the costing's "
                f"{shown.format(own)} throughout the report"
            )
    return project if replaced == plan else attrs.evolve(project, costing=replaced)
