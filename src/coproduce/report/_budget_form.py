"""The costing's budget as a funder's form asks it: headings by year, and who pays (issue #25).

Two tables of the costing report, built from the totals the costing worked out
(:attr:`~coproduce.costing.Costing.by_heading`, ``by_year``, ``by_fund``): the grant
period's committed money per form heading and financial year, with the PPI costs apart
from staff time and the lines spent only if needed beside them; and, when the costing
names its funds, what each pays, per year, against its cap, with the whole project's cost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, Protocol

from coproduce.costing import Costing

__all__ = ["Block", "form_table", "funds_table"]

_ZERO = Decimal(0)


class Words(Protocol):
    """How the costing report writes amounts (its ``_Words``)."""

    def money(self, d: Decimal | None) -> str: ...
    def at_least(self, d: Decimal, unpriced: int) -> str: ...


class Block(NamedTuple):
    """A section of the costing report as its parts: id, title, notes, a table and total."""

    id: str
    title: str
    notes: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int]
    total: tuple[str, ...]


def form_table(c: Costing, w: Words) -> Block:
    """The grant period per form heading and financial year, PPI costs apart from staff time."""
    years = [y.year for y in c.by_year]
    contingent = any(h.contingent for h in c.by_heading)
    header = ("heading", *years, "total") + (("only if needed",) if contingent else ())
    rows = []
    for h in c.by_heading:
        per_year = dict(h.years)
        row = (h.heading, *(w.money(per_year.get(y, _ZERO)) for y in years))
        row += (w.at_least(h.money, h.unpriced),)
        rows.append(row + ((w.money(h.contingent) if h.contingent else "—",) if contingent else ()))
    ppi = ("PPI costs (staff time apart)", *(w.money(y.ppi_money) for y in c.by_year))
    rows.append(ppi + (w.money(c.ppi_money),) + (("",) if contingent else ()))
    total = ("Total committed", *(w.money(y.money) for y in c.by_year))
    total += (w.at_least(c.grant_money, len(c.grant_unpriced)),)
    total += (w.money(c.contingent_money),) if contingent else ()
    notes = ["Grant period only, as a funder's budget form files it."]
    if years:
        notes.append("Financial years from each line's date, or its month of the project.")
    if contingent:
        notes.append(
            "Lines spent only if needed are not in the committed total: up to "
            f"{w.money(c.contingent_money)} more."
        )
    numeric = frozenset(range(1, len(header)))
    title = "Budget form: headings and years"
    return Block("budget-form", title, tuple(notes), header, tuple(rows), numeric, total)


def funds_table(c: Costing, w: Words) -> Block:
    """What each fund pays, per year, against its cap; and the whole project's cost."""
    years = [y.year for y in c.by_year]
    header = ("fund", *years, "total", "only if needed", "cap", "against the cap")
    rows = []
    for f in c.by_fund:
        per_year = dict(f.years)
        kind = " (match)" if f.match else ""
        if f.cap is None:
            against = "no cap"
        elif f.over is not None:
            against = f"over by {w.money(f.over)}"
        else:
            against = f"within: {w.money(f.cap - f.money)} to spare"
        rows.append(
            (
                f.label + kind,
                *(w.money(per_year.get(y, _ZERO)) for y in years),
                w.money(f.money),
                w.money(f.contingent) if f.contingent else "—",
                w.money(f.cap) if f.cap is not None else "—",
                against,
            )
        )
    total = ("Whole project", *(w.money(y.money) for y in c.by_year))
    contingent = w.money(c.contingent_money) if c.contingent_money else "—"
    total += (w.at_least(c.grant_money, len(c.grant_unpriced)), contingent)
    notes = (
        "Each fund pays its percent of the lines it funds; a cap is measured against those "
        "lines only.",
    )
    numeric = frozenset(range(1, len(header) - 1))
    return Block(
        "funds", "Who pays: per fund", notes, header, tuple(rows), numeric, (*total, "", "")
    )
