"""Pricing: the stage that turns a checked costing into its lines, each priced once.

Every figure of every line (its quantity, rate, money and hours, whose they are) is worked
out here and only here, once, into the line's fields (:data:`Fields`). A ``make`` function
then keeps them in the record the caller wants: the public
:class:`~coproduce.costing.Line`, worded with its path, label and budget heading
(:func:`line_maker`, for :func:`coproduce.costing.cost`), or a :class:`Priced`, a small
tuple of the same fields that words itself only when asked (:data:`as_priced`, for the
appraisal's totals and the plan that fits, which add lines up and never show most of
them). Either way the totals (:mod:`coproduce.costing._totals`) read the same fields.

The lines of a costing, in document order: per involvement costing its fee (or the time
given without one), its expenses and its team time (:func:`involvement_lines`); then the
lines the plan shares, which the fit cannot change: staff time, subcontracts and the
project's own expenses (:func:`shared_lines`).

Every function here takes a costing :func:`coproduce.costing.costing_problems` finds
nothing in, and runs in the caller's exact decimal context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from coproduce.catalogue import Catalogue
from coproduce.costing._bearers import (
    Parties,
    bearer_of_kind,
    bearer_of_researcher,
    research_bearer,
)
from coproduce.costing._budget import form_heading, funding_of, year_of
from coproduce.costing._results import Line, LineKind
from coproduce.model import (
    BearerId,
    CostingPlan,
    Expense,
    ExpenseBasis,
    ExpenseKind,
    InvolvementCosting,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    Sphere,
    StaffTime,
    StageId,
    Subcontract,
    TeamTime,
)

__all__ = [
    "HEADINGS",
    "Fields",
    "Priced",
    "RateTable",
    "as_priced",
    "costing_lines",
    "involvement_lines",
    "line_maker",
    "offers_fee",
    "rate_table",
    "shared_lines",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)

HEADINGS: Mapping[LineKind | ExpenseKind, str] = {
    LineKind.FEE: "Payments to contributors",
    LineKind.TEAM: "Research team time",
    LineKind.STAFF: "Research team time",
    LineKind.SUBCONTRACT: "Partner organisations (subcontracts)",
    ExpenseKind.TRAVEL: "Travel and subsistence",
    ExpenseKind.CARE: "Carers and childcare",
    ExpenseKind.ACCESSIBILITY: "Accessibility",
    ExpenseKind.VENUE: "Venues",
    ExpenseKind.REFRESHMENTS: "Refreshments",
    ExpenseKind.TECHNOLOGY: "Technology and data",
    ExpenseKind.TRAINING: "Training",
    ExpenseKind.BENEFITS_ADVICE: "Benefits advice",
    ExpenseKind.OTHER: "Other costs",
}
"""The budget heading of each kind of line or expense, in grant-form order."""

RateTable = Mapping[tuple[str, RateUnit], Rate]
"""The rates in force for a project: the project's card over the given one, by (role, unit)."""


def rate_table(
    plan: CostingPlan, rates: RateCard | None = None
) -> dict[tuple[str, RateUnit], Rate]:
    """The rates in force: the given card, then the project's own card over it.

    Of a card's dated rates (``effective``) for one role and unit, the one in force on the
    costing's ``priced_on`` day applies (the latest one on or before it; without
    ``priced_on``, the latest); a rate without a date applies from the start.
    """
    table: dict[tuple[str, RateUnit], Rate] = {}
    for card in (rates, plan.rate_card):
        if card is not None:
            table.update(_in_force(card, plan.priced_on))
    return table


def _in_force(card: RateCard, day: str | None) -> dict[tuple[str, RateUnit], Rate]:
    """A card's rates in force on ``day`` (``YYYY-MM-DD``; ``None``: the latest), by key."""
    chosen: dict[tuple[str, RateUnit], Rate] = {}
    for r in card.rates:
        if day is not None and r.effective is not None and r.effective > day:
            continue  # not yet in force (ISO days compare as text)
        key = (r.role, r.unit)
        held = chosen.get(key)
        if held is None or (r.effective or "") >= (held.effective or ""):
            chosen[key] = r
    return chosen


def offers_fee(ic: InvolvementCosting) -> bool:
    """Whether an involvement costing offers its contributors a fee (paid, vouchers, declined)."""
    return ic.role != "" and ic.payment is not PaymentMethod.NONE


_Source = InvolvementCosting | Expense | TeamTime | StaffTime | Subcontract
"""The entry of the document a line prices."""

Fields = tuple[
    StageId | None,  # stage
    bool,  # before_grant
    int | None,  # involvement
    str,  # party
    BearerId,  # bearer
    bool,  # lay
    LineKind,  # kind
    Decimal,  # quantity
    Decimal | None,  # rate
    Decimal | None,  # money
    Decimal,  # hours
    Decimal,  # unpaid_hours
    Decimal,  # declined_hours
    int,  # position
    _Source,  # source
]
"""A priced line's fields, in :class:`Priced`'s order: where, whose, what it costs, from what."""

_T = TypeVar("_T")
_Make = Callable[[Fields], _T]
"""What keeps a priced line's fields: :data:`as_priced`, or a :func:`line_maker`'s."""


class Priced(NamedTuple):
    """One line, priced: its figures, whose they are, and the entry of the document it prices.

    The fields of a :class:`~coproduce.costing.Line`, less its words (``path``, ``label``,
    ``heading``), which are properties made from ``source`` and the positions only when
    asked. The fields run from where the line is and whose it is to what it costs.

    Attributes:
        involvement: the index of the involvement costing the line belongs to, if one.
        position: the line's entry in its list: an expense or team time within its
            involvement costing, or staff time, a subcontract or an expense in the plan's
            own lists; ``-1`` for an involvement's fee (or time given) line.
        source: the entry of the document the line prices.

    """

    stage: StageId | None
    before_grant: bool
    involvement: int | None
    party: str
    bearer: BearerId
    lay: bool
    kind: LineKind
    quantity: Decimal
    rate: Decimal | None
    money: Decimal | None
    hours: Decimal
    unpaid_hours: Decimal
    declined_hours: Decimal
    position: int
    source: _Source

    @property
    def path(self) -> str:
        """Where in the project the line comes from, e.g. ``costing.involvements[0].role``."""
        return _words(self.source, self.involvement, self.position)[0]

    @property
    def contingent(self) -> bool:
        """The line is spent only if needed: its money is a ceiling, left out of totals."""
        source = self.source
        return type(source) is Expense and source.contingent

    @property
    def label(self) -> str:
        """What the line is, in a few words."""
        return _words(self.source, self.involvement, self.position)[1]

    @property
    def heading(self) -> str:
        """The budget heading a grant form files the line under."""
        return _words(self.source, self.involvement, self.position)[2]


as_priced: _Make[Priced] = Priced._make
"""A :class:`Priced` of a line's fields (``Priced._make``: one tuple, no argument by argument)."""


def line_maker(plan: CostingPlan) -> _Make[Line]:
    """What makes the public :class:`~coproduce.costing.Line` of a line's fields, worded.

    The line's budget fields (unit, contingent, funding, financial year, form heading) are
    read from the entry it prices and, for an involvement's expense or team time, the
    involvement costing's own.
    """
    involvements = plan.involvements

    def as_line(fields: Fields) -> Line:
        (stage, before, involvement, party, bearer, lay, kind, quantity, rate, money, hours,
         unpaid, declined, position, source) = fields  # fmt: skip
        path, label, heading = _words(source, involvement, position)
        ic = involvements[involvement] if involvement is not None else None
        expense = source if type(source) is Expense else None
        return Line(
            kind=kind,
            path=path,
            stage=stage,
            party=party,
            bearer=bearer,
            lay=lay,
            label=label,
            heading=heading,
            quantity=quantity,
            rate=rate,
            money=money,
            hours=hours,
            unpaid_hours=unpaid,
            declined_hours=declined,
            before_grant=before,
            involvement=involvement,
            unit=expense.unit if expense is not None else "",
            contingent=expense is not None and expense.contingent,
            funding=funding_of(plan, source, ic),
            year=year_of(plan, source, ic),
            form_heading=form_heading(kind, source),
        )

    return as_line


# --------------------------------------------------------------------------- the lines


def costing_lines(
    project: Project, plan: CostingPlan, table: RateTable, catalogue: Catalogue, make: _Make[_T]
) -> list[_T]:
    """Every line of a costing, priced, in document order, each kept by ``make``."""
    parties = Parties.of(project, catalogue)
    lines: list[_T] = []
    for i, ic in enumerate(plan.involvements):
        lines += involvement_lines(i, ic, parties, table, make)
    lines += shared_lines(project, plan, table, catalogue, make)
    return lines


def involvement_lines(
    index: int, ic: InvolvementCosting, parties: Parties, table: RateTable, make: _Make[_T]
) -> list[_T]:
    """The lines of one involvement costing: its fee (or time given), expenses, team time."""
    at, party = StageId(ic.stage), ic.stakeholder  # the stage of all, and whose the time is
    before = ic.before_grant
    bearer, lay = parties.stakeholders[party]
    people, sessions = Decimal(ic.people), Decimal(ic.sessions)
    given = people * sessions * (ic.hours + ic.preparation_hours + ic.travel_hours)
    first: Fields
    if offers_fee(ic):
        quantity, rate, money = _fee(ic, table, people, sessions)
        lost = given if ic.payment is PaymentMethod.DECLINED else _ZERO
        first = (at, before, index, party, bearer, lay, _FEE, quantity, rate, money, given, _ZERO,
                 lost, -1, ic)  # fmt: skip
    else:
        # Lay contributors give this time unpaid; decision-makers, professionals and
        # partners usually take part in paid work time.
        unpaid = given if lay else _ZERO
        first = (at, before, index, party, bearer, lay, _FEE, given, None, _ZERO, given, unpaid,
                 _ZERO, -1, ic)  # fmt: skip
    lines = [make(first)]
    for k, e in enumerate(ic.expenses):
        n = _times(e.basis, people, sessions) * _quantity(e)
        lines.append(make((at, before, index, party, bearer, lay, _EXPENSE, n, e.amount,
                           n * e.amount, _ZERO, _ZERO, _ZERO, k, e)))  # fmt: skip
    for k, t in enumerate(ic.team):
        hours = sessions * t.hours
        rate, money = _team_money(t, table, hours)
        who = parties.researchers.get(t.researcher, parties.team)
        unpaid = _ZERO if t.funded else hours
        lines.append(make((at, before, index, t.researcher, who, False, _TEAM, hours, rate,
                           money, hours, unpaid, _ZERO, k, t)))  # fmt: skip
    return lines


def _fee(
    ic: InvolvementCosting, table: RateTable, people: Decimal, sessions: Decimal
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """A fee's quantity, rate and money (``None`` without a rate; zero if declined)."""
    rate = table[(ic.role, ic.unit)].amount
    if ic.unit is RateUnit.HOUR:
        quantity = people * sessions * (ic.hours + ic.preparation_hours)
    else:
        quantity = people * sessions
    declined = ic.payment is PaymentMethod.DECLINED
    return quantity, rate, None if rate is None else (_ZERO if declined else quantity * rate)


def _team_money(
    t: TeamTime, table: RateTable, hours: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """A researcher's rate and money for some hours (no role: no money; no rate: unknown)."""
    if not t.role:
        return None, _ZERO
    rate = table[(t.role, RateUnit.HOUR)].amount
    return rate, None if rate is None else hours * rate


def _quantity(e: Expense) -> Decimal:
    """An expense's quantity: as given, else one."""
    return _ONE if e.quantity is None else e.quantity


def _times(basis: ExpenseBasis, people: Decimal, sessions: Decimal) -> Decimal:
    """How many times an expense's amount is spent."""
    if basis is ExpenseBasis.PERSON_SESSION:
        return people * sessions
    return sessions if basis is ExpenseBasis.SESSION else _ONE


def shared_lines(
    project: Project, plan: CostingPlan, table: RateTable, catalogue: Catalogue, make: _Make[_T]
) -> list[_T]:
    """The lines the plan shares (the fit cannot change): staff, subcontracts, expenses."""
    researchers = {r.id: r for r in project.researchers}
    lines: list[_T] = []
    for i, st in enumerate(plan.staff):
        who = researchers.get(st.researcher) if st.researcher is not None else None
        bearer = bearer_of_researcher(catalogue, who).id
        rate = table[(st.role, RateUnit.HOUR)].amount if st.role else None
        money = (None if rate is None else st.hours * rate) if st.role else _ZERO
        unpaid = _ZERO if st.funded else st.hours
        lines.append(make((_stage_id(st.stage), False, None, st.researcher or st.description,
                           bearer, False, _STAFF, st.hours, rate, money, st.hours, unpaid, _ZERO,
                           i, st)))  # fmt: skip
    for i, sc in enumerate(plan.subcontracts):
        kind = project.stakeholder(sc.partner).kind
        bearer, lay = bearer_of_kind(catalogue, kind).id, kind.sphere is Sphere.LAY
        lines.append(make((_stage_id(sc.stage), False, None, sc.partner, bearer, lay,
                           _SUBCONTRACT, _ONE, sc.amount, sc.amount, _ZERO, _ZERO, _ZERO, i,
                           sc)))  # fmt: skip
    bearer = research_bearer(catalogue).id
    for i, e in enumerate(plan.expenses):
        q = _quantity(e)
        lines.append(make((None, False, None, "project", bearer, False, _EXPENSE, q, e.amount,
                           q * e.amount, _ZERO, _ZERO, _ZERO, i, e)))  # fmt: skip
    return lines


def _stage_id(stage: str | None) -> StageId | None:
    """A costing's stage as a stage id (:func:`costing_problems` checks it is one)."""
    return None if stage is None else StageId(stage)


_FEE, _EXPENSE, _TEAM = LineKind.FEE, LineKind.EXPENSE, LineKind.TEAM
_STAFF, _SUBCONTRACT = LineKind.STAFF, LineKind.SUBCONTRACT


# --------------------------------------------------------------------------- their words


_Words = tuple[str, str, str]
"""A line's path, label and budget heading."""


def _words(source: _Source, involvement: int | None, position: int) -> _Words:
    """A line's path, label and budget heading, from the entry it prices and where it is."""
    return _WORDING[type(source)](source, involvement, position)


def _fee_words(ic: InvolvementCosting, involvement: int, _: int) -> _Words:
    """The words of an involvement's fee line, or of the time given without a fee."""
    at = f"costing.involvements[{involvement}]"
    if not offers_fee(ic):
        return at, "time, no fee offered", _FEE_HEADING
    how = "declined" if ic.payment is PaymentMethod.DECLINED else ic.payment.value
    return f"{at}.role", f"fee: {ic.role} per {ic.unit.value} ({how})", _FEE_HEADING


def _expense_words(e: Expense, involvement: int | None, position: int) -> _Words:
    """The words of an expense line: an involvement's, or the project's own."""
    if involvement is None:
        path = f"costing.expenses[{position}]"
    else:
        path = f"costing.involvements[{involvement}].expenses[{position}]"
    kind = e.kind.value
    return path, f"{kind}: {e.description}" if e.description else kind, HEADINGS[e.kind]


def _team_words(t: TeamTime, involvement: int, position: int) -> _Words:
    """The words of a researcher's time on an involvement."""
    path = f"costing.involvements[{involvement}].team[{position}]"
    label = f"team time: {t.researcher} as {t.role}" if t.role else f"team time: {t.researcher}"
    return path, label, _TEAM_HEADING


def _staff_words(st: StaffTime, _: None, position: int) -> _Words:
    """The words of staff time not tied to one involvement."""
    label = ("training: " if st.training else "") + st.description
    heading = HEADINGS[ExpenseKind.TRAINING if st.training else LineKind.STAFF]
    return f"costing.staff[{position}]", label, heading


def _subcontract_words(sc: Subcontract, _: None, position: int) -> _Words:
    """The words of a subcontract with a partner organisation."""
    label = "subcontract" + (f": {sc.description}" if sc.description else "")
    return f"costing.subcontracts[{position}]", label, HEADINGS[LineKind.SUBCONTRACT]


_FEE_HEADING = HEADINGS[LineKind.FEE]
_TEAM_HEADING = HEADINGS[LineKind.TEAM]
_WORDING: Mapping[type, Callable[[Any, Any, int], _Words]] = {
    InvolvementCosting: _fee_words,
    Expense: _expense_words,
    TeamTime: _team_words,
    StaffTime: _staff_words,
    Subcontract: _subcontract_words,
}
"""How to word a line, by the kind of entry it prices: ``(source, involvement, position)``."""
