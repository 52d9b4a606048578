"""The costing in words and tables: a document of sections for every format, and its CSV.

Each section is built once here, in words (:func:`costing_report`); the writers lay it out
as text, Markdown and HTML, so their wording cannot drift apart. Amounts are shown to the
currency's minor unit (rounded half to even) only here: the engine keeps them exact, and a
total is the exact sum of its lines, rounded once. The JSON (:func:`costing_data`) and the
CSV (:func:`costing_csv`, every line, for spreadsheets) are written from the costing itself.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing import Costing, Fit, LineKind, Verb
from coproduce.model import EXACT, exact, rounded
from coproduce.report import _writers
from coproduce.report._budget_form import form_table, funds_table
from coproduce.report._model import Document, Para, Section, Seg, Table, Text, t

__all__ = [
    "costing_csv",
    "costing_data",
    "costing_html",
    "costing_html_fragment",
    "costing_markdown",
    "costing_report",
    "costing_text",
    "format_hours",
    "format_money",
]

_CENT = Decimal("0.01")


def format_money(amount: Decimal | None, currency: str) -> str:
    """An amount as every command and report writes it: ``GBP 1,234.50``; ``unpriced``.

    The ISO 4217 code, never a symbol (issue #26): a portfolio mixes currencies, ``$`` is
    several of them, and the documents name their currency by code.

    Example:
        >>> from decimal import Decimal
        >>> format_money(Decimal("1234.5"), "GBP"), format_money(Decimal("-3"), "CHF")
        ('GBP 1,234.50', '-CHF 3.00')

    """
    if amount is None:
        return "unpriced"
    q = rounded(amount, _CENT)
    sign = "-" if q < 0 else ""
    return f"{sign}{currency} {q.copy_abs():,}"


def format_hours(hours: Decimal) -> str:
    """Hours without trailing zeros: ``2.5``, ``12``.

    Example:
        >>> from decimal import Decimal
        >>> format_hours(Decimal("12.50")), format_hours(Decimal("40.0"))
        ('12.5', '40')

    """
    return f"{hours.normalize(EXACT):f}"


def _cell(text: str) -> Text:
    """A cell; the gap to a budget marked short or within it."""
    if text.startswith(("short by", "over by")):
        return t(Seg(text, "short"))
    return t(Seg(text, "ok")) if text.startswith("within") else t(text)


_WRAP = 48
"""The widest a text column of a plain-text table gets; longer cells wrap within it."""


def _section(
    id: str,
    title: str,
    notes: tuple[str, ...],
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    numeric: frozenset[int] = frozenset(),
    total: tuple[str, ...] | None = None,
) -> Section:
    """One section: its notes, then its table (figures to the right, a total row)."""
    table = Table(
        header,
        tuple(tuple(map(_cell, r)) for r in rows),
        numeric=numeric,
        total=None if total is None else tuple(map(_cell, total)),
        grid=True,
        wrap=_WRAP,
    )
    return Section(id, title, (*(Para(t(n), "note") for n in notes), table))


@attrs.frozen
class _Words(Record):
    """How the sections write amounts and stages: the costing's currency and stage labels."""

    currency: str
    labels: Mapping[str, str]

    def money(self, d: Decimal | None) -> str:
        """An amount in the costing's currency."""
        return format_money(d, self.currency)

    def at_least(self, d: Decimal, unpriced: int) -> str:
        """An amount that leaves out ``unpriced`` lines without a rate, marked as such."""
        return f"{self.money(d)}{_plus_unpriced(unpriced)}"

    def stage(self, s: str | None) -> str:
        """A stage's label; ``whole project`` for lines of no stage."""
        return self.labels.get(s, s) if s is not None else "whole project"


@exact
def _sections(costing: Costing, fit: Fit | None, cat: Catalogue) -> list[Section]:
    """The costing's sections (and the plan that fits), each a small table, in order."""
    w = _Words(currency=costing.currency, labels={s.id: s.label for s in cat.stages})
    tables = [
        _summary(costing, w),
        _budget(costing, w),
        _section(*form_table(costing, w)),
        *((_section(*funds_table(costing, w)),) if costing.by_fund else ()),
        _bearers(costing, w),
        _stages(costing, w),
        _cells(costing, w),
    ]
    if fit is not None:
        tables.append(_fitted(fit, w))
    return tables


def _lines(n: int) -> str:
    return f"{n} line{'s' * (n != 1)}"


def _plus_unpriced(n: int) -> str:
    """What a lower bound of money adds: ``" + 1 unpriced line"`` (nothing when ``n`` is 0)."""
    return f" + {n} unpriced line{'s' * (n != 1)}" if n else ""


def _share(share: Decimal | None, unpriced: int) -> str:
    if share is None:
        return "—"
    return f"at least {share:.0%}" if unpriced else f"{share:.0%}"


def _summary(c: Costing, w: _Words) -> Section:
    """The summary: the figures against the budget, with notes on what they leave out."""
    return _section(
        "summary",
        "Costing: summary",
        notes=_summary_notes(c, w),
        header=("figure", "value"),
        rows=(
            (
                "Money for involvement (grant period)",
                w.at_least(c.grant_money, len(c.grant_unpriced)),
            ),
            ("Involvement budget", w.money(c.budget) if c.budget is not None else "not given"),
            ("Share of the budget", _share(c.share, len(c.grant_unpriced))),
            ("Money against the budget", _money_gap(c, w)),
            ("Research team hours (grant period)", format_hours(c.team_hours)),
            ("Team hours against the hours set aside", _hours_gap(c)),
            ("Money before the grant starts", w.money(c.before_grant_money)),
            ("All hours of people's time", format_hours(c.hours)),
            ("Hours lay contributors give unpaid", format_hours(c.unpaid_lay_hours)),
            (
                "Unfunded hours of early-career or fixed-term researchers",
                format_hours(c.unpaid_junior_hours),
            ),
            ("Hours whose offered fee was declined", format_hours(c.declined_hours)),
        ),
        numeric=frozenset({1}),
    )


def _money_gap(c: Costing, w: _Words) -> str:
    """The money against the budget, in words."""
    if c.gap is None:
        return "no budget given"
    unpriced = len(c.grant_unpriced)
    if c.gap < 0:
        least = "at least " if unpriced else ""
        return f"short by {least}{w.money(c.gap.copy_negate())} for the plan as drawn"
    if unpriced:
        return (
            f"not known to fit: {w.money(c.gap)} to spare before {_lines(unpriced)} without a rate"
        )
    return f"within budget: {w.money(c.gap)} to spare"


def _hours_gap(c: Costing) -> str:
    """The team hours against the hours set aside, in words."""
    if c.gap_hours is None:
        return "no hours set aside"
    if c.gap_hours < 0:
        return f"short by {format_hours(c.gap_hours.copy_negate())} hours for the plan as drawn"
    return f"within the hours set aside: {format_hours(c.gap_hours)} to spare"


def _summary_notes(c: Costing, w: _Words) -> tuple[str, ...]:
    """The summary's notes: project length, unpriced lines, benefits advice needed."""
    notes = []
    if c.months is not None:
        notes.append(f"Project length: {c.months} months.")
    if c.unpriced:
        notes.append(
            f"{len(c.unpriced)} line(s) need a rate the rate cards do not give, so the money "
            f"is a lower bound: {', '.join(c.unpriced)}."
        )
    if c.benefits_advice:
        where = {
            f"costing.involvements[{ln.involvement}]": f"{ln.party} at {w.stage(ln.stage)}"
            for ln in c.lines
            if ln.involvement is not None and ln.kind is LineKind.FEE
        }
        notes.append(
            "Contributors need independent benefits advice before accepting payment: "
            + "; ".join(where.get(path, path) for path in c.benefits_advice)
            + "."
        )
    return tuple(notes)


def _budget(c: Costing, w: _Words) -> Section:
    """The grant period's priced lines by budget heading, for a grant form."""
    grant = [ln for ln in c.lines if not ln.before_grant]
    order = {h: n for n, h in enumerate(_HEADING_ORDER)}
    rows = []
    for ln in sorted(grant, key=lambda ln: (order.get(ln.heading, 99), ln.path)):
        if ln.money == 0 and ln.rate is None:
            continue  # time only: shown under who gives the time
        rows.append(
            (
                ln.heading,
                f"{w.stage(ln.stage)} · {ln.party} · {ln.label}",
                format_hours(ln.quantity) + (f" {ln.unit}" if ln.unit else ""),
                w.money(ln.rate) if ln.rate is not None else "unpriced",
                f"up to {w.money(ln.money)}, if needed" if ln.contingent else w.money(ln.money),
            )
        )
    more = f"up to {w.money(c.contingent_money)} more" if c.contingent_money else ""
    return _section(
        "budget",
        "Budget for involvement (for a grant form)",
        notes=("Grant period only; each amount is quantity × rate.",)
        + ((f"Lines marked “if needed” are ceilings, not in the total: {more}.",) if more else ()),
        header=("heading", "item", "quantity", "rate", "amount"),
        rows=tuple(rows),
        numeric=frozenset({2, 3, 4}),
        total=("Total", "", "", "", w.at_least(c.grant_money, len(c.grant_unpriced))),
    )


def _bearers(c: Costing, w: _Words) -> Section:
    """Money spent on each bearer and the hours each gives."""
    return _section(
        "bearers",
        "Money spent on each bearer, and the hours each gives",
        notes=(
            "Money is what the project spends on each bearer's lines (fees paid to them, "
            "their expenses, subcontracts), not what they pay; hours are their time; unpaid "
            "hours are given without a fee "
            "or outside funded time. The catalogue marks some bearers least able to "
            "carry costs (p. 5).",
        ),
        header=("bearer", "money", "hours", "unpaid hours", "least able"),
        rows=tuple(
            (
                b.label,
                w.at_least(b.money, b.unpriced),
                format_hours(b.hours),
                format_hours(b.unpaid_hours),
                "yes" if b.least_able else "",
            )
            for b in c.by_bearer
        ),
        numeric=frozenset({1, 2, 3}),
        total=("Total", w.at_least(c.money, len(c.unpriced)), format_hours(c.hours), "", ""),
    )


def _stages(c: Costing, w: _Words) -> Section:
    """Money and hours per stage, beside the costs money does not measure."""
    return _section(
        "stages",
        "Per stage: money, hours, and what money does not measure",
        notes=(
            "The last column lists the paper's costs of coproduction at the stage "
            "(Table 1, p. 4): they are not counted in money, but they are real.",
        ),
        header=("stage", "money", "hours", "share of budget", "non-monetary costs"),
        rows=tuple(
            (
                w.stage(s.stage),
                w.at_least(s.money, s.unpriced),
                format_hours(s.hours),
                _share(s.share, s.unpriced),
                "; ".join(label for _, label in s.costs) or "—",
            )
            for s in c.by_stage
        ),
        numeric=frozenset({1, 2, 3}),
    )


def _cells(c: Costing, w: _Words) -> Section:
    """Money and hours per stage and party."""
    return _section(
        "cells",
        "Per stage and party",
        notes=(),
        header=("stage", "party", "money", "hours"),
        rows=tuple(
            (w.stage(x.stage), x.party, w.at_least(x.money, x.unpriced), format_hours(x.hours))
            for x in c.by_cell
        ),
        numeric=frozenset({2, 3}),
    )


def _fitted(fit: Fit, w: _Words) -> Section:
    """The plan that fits: its totals and method, and what it does to each involvement."""
    budget = w.money(fit.budget) if fit.budget is not None else "no limit"
    hours = format_hours(fit.budget_hours) if fit.budget_hours is not None else "no limit"
    fixed_unpriced = len(fit.unpriced) - sum(len(ch.unpriced) for ch in fit.changes)
    fnotes = [
        f"Budget: {budget}; team hours: {hours}. The plan that fits costs "
        f"{w.at_least(fit.money, len(fit.unpriced))} and {format_hours(fit.team_hours)} team "
        f"hours, of which {w.at_least(fit.fixed_money, fixed_unpriced)} and "
        f"{format_hours(fit.fixed_hours)} hours cannot change.",
        f"Aims still served: {', '.join(fit.aims_served) or 'none'}."
        + (f" Aims lost: {', '.join(fit.aims_lost)}." if fit.aims_lost else ""),
        f"Method: {fit.method}.",
    ]
    over = (fit.budget is not None and fit.fixed_money > fit.budget) or (
        fit.budget_hours is not None and fit.fixed_hours > fit.budget_hours
    )
    if over:
        fnotes.insert(0, "The costs that cannot change already exceed the budget.")
    elif not fit.feasible:
        fnotes.insert(
            0,
            f"Not known to fit the budget: {_lines(len(fit.unpriced))} this plan keeps "
            f"{'has' if len(fit.unpriced) == 1 else 'have'} no rate, and the money leaves "
            f"{'it' if len(fit.unpriced) == 1 else 'them'} out ({'; '.join(fit.unpriced)}). "
            "Give the rates (--rates FILE, or the project's own card) to know.",
        )
    return _section(
        "fit",
        "The plan that fits",
        notes=tuple(fnotes),
        header=("stage", "stakeholder", "change", "money", "why"),
        rows=tuple(
            (
                w.stage(ch.stage),
                ch.stakeholder,
                _VERB[ch.verb],
                w.at_least(ch.money, len(ch.unpriced)),
                ch.reason,
            )
            for ch in fit.changes
        ),
        numeric=frozenset({3}),
    )


_HEADING_ORDER = (
    "Payments to contributors",
    "Travel and subsistence",
    "Carers and childcare",
    "Accessibility",
    "Benefits advice",
    "Venues",
    "Refreshments",
    "Technology and data",
    "Training",
    "Research team time",
    "Partner organisations (subcontracts)",
    "Other costs",
)
_VERB = {Verb.KEEP: "keep", Verb.LIGHTER: "make lighter", Verb.DROP: "drop", Verb.PAY: "pay"}


_CSV_FIELDS = (
    "path",
    "kind",
    "heading",
    "stage",
    "party",
    "bearer",
    "lay",
    "label",
    "quantity",
    "rate",
    "money",
    "hours",
    "unpaid_hours",
    "declined_hours",
    "before_grant",
    "currency",
)


@exact
def costing_csv(costing: Costing) -> str:
    """Every costed line as CSV, one row per line, exact amounts (for spreadsheets).

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> costing_csv(cost(load_example("contested-policy"))).splitlines()[0]
        'path,kind,heading,stage,party,bearer,lay,label,quantity,rate,money,hours,...'

    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for ln in costing.lines:
        writer.writerow(
            (
                ln.path,
                ln.kind.value,
                ln.heading,
                ln.stage or "",
                ln.party,
                ln.bearer,
                str(ln.lay).lower(),
                ln.label,
                ln.quantity,
                "" if ln.rate is None else ln.rate,
                "" if ln.money is None else ln.money,
                ln.hours,
                ln.unpaid_hours,
                ln.declined_hours,
                str(ln.before_grant).lower(),
                costing.currency,
            )
        )
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    """A value as JSON-safe data: decimals as strings, enums as values, records as dicts."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "value") and not isinstance(value, str):
        return value.value
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


@exact
def costing_data(costing: Costing, fit: Fit | None = None) -> dict[str, Any]:
    """The costing (and the plan that fits) as JSON-safe data; amounts as exact strings.

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> data = costing_data(cost(load_example("contested-policy")))
        >>> data["costing"]["currency"], data["costing"]["gap"], data["fit"]
        ('GBP', '3344.0', None)

    """
    return {"costing": _plain(costing), "fit": None if fit is None else _plain(fit)}


def costing_report(
    costing: Costing,
    fit: Fit | None = None,
    *,
    title: str | None = None,
    catalogue: Catalogue | None = None,
) -> Document:
    """The costing (and the plan that fits) as a document: text, Markdown, HTML, JSON, CSV.

    With ``title`` (the project's), the report is titled ``Costing: title``; without, it is
    a part of another (its text opens with the first section). Stages are named by
    ``catalogue``'s labels (the default catalogue's if none).

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> from coproduce.report import render
        >>> doc = costing_report(cost(load_example("no-resources")), title="A study")
        >>> doc.formats
        ('text', 'markdown', 'html', 'json', 'csv')
        >>> render(doc, "markdown").splitlines()[0]
        '# Costing: A study'

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    return Document(
        kind="costing",
        title=f"Costing: {title}" if title else None,
        page_title=None if title else "Costing",
        sections=tuple(_sections(costing, fit, cat)),
        exports={
            "json": lambda: (
                json.dumps(costing_data(costing, fit), indent=2, ensure_ascii=False) + "\n"
            ),
            "csv": lambda: costing_csv(costing),
        },
    )


def costing_text(
    costing: Costing, fit: Fit | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """The costing (and the plan that fits) as plain text with aligned columns.

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> text = costing_text(cost(load_example("no-resources")))
        >>> "short by GBP 6,150.00 for the plan as drawn" in text
        True

    """
    return _writers.text(costing_report(costing, fit, catalogue=catalogue))


def costing_markdown(
    costing: Costing,
    fit: Fit | None = None,
    *,
    title: str | None = None,
    catalogue: Catalogue | None = None,
) -> str:
    """The costing (and the plan that fits) as Markdown sections with tables.

    With ``title`` (the project's), the sections follow a ``# Costing: title`` heading.
    Every text is escaped (:func:`coproduce._markdown.inline`): a title or a line's
    description renders as the text it is, never as HTML, a link or emphasis.
    """
    return _writers.markdown(costing_report(costing, fit, title=title, catalogue=catalogue))


def costing_html_fragment(
    costing: Costing, fit: Fit | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """The costing as an HTML ``<div>`` with its own styles, to include in a report."""
    return _writers.fragment(costing_report(costing, fit, catalogue=catalogue), titled=False)


def costing_html(
    costing: Costing,
    fit: Fit | None = None,
    *,
    title: str = "",
    catalogue: Catalogue | None = None,
) -> str:
    """The costing as one self-contained HTML page: no scripts, nothing fetched.

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> page = costing_html(cost(load_example("contested-policy")), title="A study")
        >>> page.startswith("<!doctype html>") and "<script" not in page
        True

    """
    return _writers.page(costing_report(costing, fit, title=title or None, catalogue=catalogue))
