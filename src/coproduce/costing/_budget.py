"""The budget as a funder's form asks it: headings, financial years, funders (issue #25).

A finance officer fills in a form with a few headings (fees, travel and expenses, carers
and access costs, venues and catering, training and support, staff time to coordinate),
one column per financial year, and who pays what: the grant applied for and the match
funding. This module files each priced line under those headings (:data:`FORM_HEADINGS`),
finds its financial year from its date or month (:func:`financial_year`) and its funders
(:func:`funding_of`), and adds the lines up that way (:func:`budget_totals`).

Lines spent only if needed (``contingent``) are added up apart, at their ceiling; the
committed totals leave them out. Each fund's part of a line is ``money × percent / 100``,
exactly, and a fund's cap is measured against the lines it pays for only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple, Protocol

from coproduce.costing._results import FundTotal, HeadingTotal, LineKind, YearTotal
from coproduce.model import (
    CostingPlan,
    Expense,
    ExpenseKind,
    Funding,
    InvolvementCosting,
    StaffTime,
    Subcontract,
    TeamTime,
)

__all__ = [
    "FORM_HEADINGS",
    "STAFF_HEADING",
    "UNDATED",
    "Budget",
    "BudgetTotals",
    "budget_totals",
    "financial_year",
    "form_heading",
    "funding_of",
    "year_of",
]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
STAFF_HEADING = "Staff time to coordinate"
UNDATED = "undated"
"""The year of lines with no date or month."""

FORM_HEADINGS: Mapping[LineKind | ExpenseKind, str] = {
    LineKind.FEE: "Fees",
    ExpenseKind.TRAVEL: "Travel and expenses",
    ExpenseKind.TECHNOLOGY: "Travel and expenses",
    ExpenseKind.CARE: "Carers and access costs",
    ExpenseKind.ACCESSIBILITY: "Carers and access costs",
    ExpenseKind.VENUE: "Venues and catering",
    ExpenseKind.REFRESHMENTS: "Venues and catering",
    ExpenseKind.TRAINING: "Training and support",
    ExpenseKind.BENEFITS_ADVICE: "Training and support",
    LineKind.SUBCONTRACT: "Partner organisations",
    ExpenseKind.OTHER: "Other costs",
    LineKind.TEAM: STAFF_HEADING,
    LineKind.STAFF: STAFF_HEADING,
}
"""The heading of a funder's budget form each kind of line or expense is filed under.

Staff time marked ``training`` is filed under training and support. Everything but staff
time to coordinate is a PPI cost (:attr:`~coproduce.costing.Costing.ppi_money`).
"""

_ORDER = {h: n for n, h in enumerate(dict.fromkeys(FORM_HEADINGS.values()))}

_Entry = InvolvementCosting | Expense | TeamTime | StaffTime | Subcontract


def form_heading(kind: LineKind, source: _Entry) -> str:
    """The form heading of a line of ``kind`` pricing ``source``."""
    if isinstance(source, Expense):
        return FORM_HEADINGS[source.kind]
    if isinstance(source, StaffTime) and source.training:
        return FORM_HEADINGS[ExpenseKind.TRAINING]
    return FORM_HEADINGS[kind]


def funding_of(
    plan: CostingPlan, source: _Entry, ic: InvolvementCosting | None
) -> tuple[tuple[str, Decimal], ...]:
    """Who pays a line, as ``(fund, percent)``: its own, its involvement's, or the first fund.

    Example:
        >>> from decimal import Decimal
        >>> from coproduce.model import CostingPlan, Expense, ExpenseKind, Fund, Funding
        >>> plan = CostingPlan(currency="GBP", funds=(Fund(id="grant"), Fund(id="match")))
        >>> half = Expense(kind=ExpenseKind.VENUE, amount=Decimal(900), funding=(
        ...     Funding(fund="grant", percent=Decimal(50)),
        ...     Funding(fund="match", percent=Decimal(50))))
        >>> funding_of(plan, half, None)
        (('grant', Decimal('50')), ('match', Decimal('50')))
        >>> funding_of(plan, Expense(kind=ExpenseKind.OTHER, amount=Decimal(1)), None)
        (('grant', Decimal('100')),)

    """
    if not plan.funds:
        return ()
    own: tuple[Funding, ...] = source.funding
    if not own and ic is not None:
        own = ic.funding
    if not own:
        return ((plan.funds[0].id, _HUNDRED),)
    return tuple((f.fund, f.percent) for f in own)


def financial_year(day: datetime.date, starts: int) -> str:
    """The financial year a day falls in: ``"2026/27"``, or ``"2026"`` for calendar years.

    Example:
        >>> import datetime
        >>> financial_year(datetime.date(2026, 3, 31), 4), financial_year(
        ...     datetime.date(2026, 4, 1), 4), financial_year(datetime.date(2026, 4, 1), 1)
        ('2025/26', '2026/27', '2026')

    """
    if starts == 1:
        return str(day.year)
    first = day.year if day.month >= starts else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def _day(plan: CostingPlan, date: str | None, month: int | None) -> datetime.date | None:
    """The day of a date, or of the first day of a project month counted from the start."""
    if date is not None:
        return datetime.date.fromisoformat(date)
    if month is None or plan.start is None:
        return None
    start = datetime.date.fromisoformat(plan.start)
    months = start.month - 1 + month - 1
    return datetime.date(start.year + months // 12, months % 12 + 1, 1)


def year_of(plan: CostingPlan, source: _Entry, ic: InvolvementCosting | None) -> str | None:
    """The financial year of a line: from its own date or month, else its involvement's."""
    day = None
    if not isinstance(source, TeamTime):
        day = _day(plan, source.date, source.month)
    if day is None and ic is not None:
        day = _day(plan, ic.date, ic.month)
    return None if day is None else financial_year(day, plan.year_starts)


class BudgetTotals:
    """The grant period's lines added up per form heading, fund and financial year."""

    def __init__(self, plan: CostingPlan, lines: Iterable[_Budgeted]) -> None:
        self.headings: dict[str, list[Decimal]] = {}  # money, contingent, unpriced
        self.heading_years: dict[tuple[str, str], Decimal] = {}
        self.funds: dict[str, list[Decimal]] = {f.id: [_ZERO, _ZERO] for f in plan.funds}
        self.fund_years: dict[tuple[str, str], Decimal] = {}
        self.years: dict[str, list[Decimal]] = {}  # money, ppi, staff, contingent
        self.dated = False
        for ln in lines:
            if not ln.before_grant:
                self.add(ln)

    def add(self, ln: _Budgeted) -> None:
        """Add one line of the grant period."""
        heading, year = ln.form_heading, ln.year or UNDATED
        self.dated = self.dated or ln.year is not None
        acc = self.headings.setdefault(heading, [_ZERO, _ZERO, _ZERO])
        year_acc = self.years.setdefault(year, [_ZERO, _ZERO, _ZERO, _ZERO])
        money = ln.money
        if money is None:
            acc[2] += 1
            return
        if ln.contingent:
            acc[1] += money
            year_acc[3] += money
        else:
            acc[0] += money
            key = (heading, year)
            self.heading_years[key] = self.heading_years.get(key, _ZERO) + money
            year_acc[0] += money
            year_acc[2 if heading == STAFF_HEADING else 1] += money
        for fund, percent in ln.funding:
            part = money * percent / _HUNDRED
            self.funds[fund][1 if ln.contingent else 0] += part
            if not ln.contingent:
                key = (fund, year)
                self.fund_years[key] = self.fund_years.get(key, _ZERO) + part

    def year_order(self) -> list[str]:
        """The years in order, ``undated`` last."""
        return sorted(self.years, key=lambda y: (y == UNDATED, y))

    def by_heading(self) -> tuple[HeadingTotal, ...]:
        """Per form heading, in the form's order."""
        years = self.year_order()
        return tuple(
            HeadingTotal(
                heading=h,
                money=acc[0],
                contingent=acc[1],
                years=_years(self.heading_years, h, years),
                unpriced=int(acc[2]),
            )
            for h, acc in sorted(self.headings.items(), key=lambda kv: _ORDER.get(kv[0], 99))
        )

    def by_fund(self, plan: CostingPlan) -> tuple[FundTotal, ...]:
        """Per fund, in the costing's order, against each cap."""
        years = self.year_order()
        totals = []
        for f in plan.funds:
            money, contingent = self.funds[f.id]
            over = money - f.cap if f.cap is not None and money > f.cap else None
            totals.append(
                FundTotal(
                    fund=f.id,
                    label=f.label or f.id,
                    match=f.match,
                    money=money,
                    contingent=contingent,
                    cap=f.cap,
                    over=over,
                    years=_years(self.fund_years, f.id, years),
                )
            )
        return tuple(totals)

    def by_year(self) -> tuple[YearTotal, ...]:
        """Per financial year (none when no line is dated)."""
        if not self.dated:
            return ()
        return tuple(
            YearTotal(
                year=y,
                money=self.years[y][0],
                ppi_money=self.years[y][1],
                staff_money=self.years[y][2],
                contingent=self.years[y][3],
            )
            for y in self.year_order()
        )


def _years(
    table: Mapping[tuple[str, str], Decimal], key: str, years: Iterable[str]
) -> tuple[tuple[str, Decimal], ...]:
    """``key``'s money per year in ``table``, in the years' order, where it has any."""
    return tuple((y, table[(key, y)]) for y in years if (key, y) in table)


class _Budgeted(Protocol):
    """What the budget totals read of a line (a :class:`~coproduce.costing.Line`)."""

    @property
    def before_grant(self) -> bool: ...
    @property
    def form_heading(self) -> str: ...
    @property
    def year(self) -> str | None: ...
    @property
    def money(self) -> Decimal | None: ...
    @property
    def contingent(self) -> bool: ...
    @property
    def funding(self) -> tuple[tuple[str, Decimal], ...]: ...


class Budget(NamedTuple):
    """The :class:`~coproduce.costing.Costing` fields of the budget form."""

    ppi_money: Decimal
    staff_money: Decimal
    by_heading: tuple[HeadingTotal, ...]
    by_fund: tuple[FundTotal, ...]
    by_year: tuple[YearTotal, ...]


def budget_totals(plan: CostingPlan, lines: Sequence[_Budgeted]) -> Budget:
    """The budget form's totals of a costing's lines (the grant period's)."""
    totals = BudgetTotals(plan, lines)
    ppi = sum((acc[1] for acc in totals.years.values()), _ZERO)
    staff = sum((acc[2] for acc in totals.years.values()), _ZERO)
    return Budget(ppi, staff, totals.by_heading(), totals.by_fund(plan), totals.by_year())
