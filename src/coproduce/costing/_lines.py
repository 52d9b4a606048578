"""Pricing: the stage that turns a checked costing into its lines, each priced once.

Every figure of every line (its quantity, rate, money and hours, whose they are) is worked
out here and only here, into a :class:`Priced`: a small tuple the totals
(:mod:`coproduce.costing._totals`) and the plan that fits (:mod:`coproduce.costing._fit`)
add up as it is. The public :class:`~coproduce.costing.Line` record, with its path, label
and budget heading, is made from a :class:`Priced` (:meth:`Priced.line`) only where the
lines themselves are wanted (:func:`coproduce.costing.cost`); its words are made from
the document's entry the line prices, so nothing is priced twice.

The lines of a costing, in document order: per involvement costing its fee (or the time
given without one), its expenses and its team time (:func:`involvement_lines`); then the
lines the plan shares, which the fit cannot change: staff time, subcontracts and the
project's own expenses (:func:`shared_lines`).

Every function here takes a costing :func:`coproduce.costing.costing_problems` finds
nothing in, and runs in the caller's exact decimal context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import NamedTuple

from coproduce.catalogue import Catalogue
from coproduce.costing._bearers import (
    Parties,
    bearer_of_kind,
    bearer_of_researcher,
    research_bearer,
)
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
    "Priced",
    "RateTable",
    "costing_lines",
    "involvement_lines",
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
    """The rates in force: the given card, then the project's own card over it."""
    table: dict[tuple[str, RateUnit], Rate] = {}
    for card in (rates, plan.rate_card):
        if card is not None:
            table.update(((r.role, r.unit), r) for r in card.rates)
    return table


def offers_fee(ic: InvolvementCosting) -> bool:
    """Whether an involvement costing offers its contributors a fee (paid, vouchers, declined)."""
    return ic.role != "" and ic.payment is not PaymentMethod.NONE


_Source = InvolvementCosting | Expense | TeamTime | StaffTime | Subcontract
"""The entry of the document a line prices."""


class Priced(NamedTuple):
    """One line, priced: its figures, whose they are, and the entry of the document it prices.

    The fields of a :class:`~coproduce.costing.Line`, less its words (``path``, ``label``,
    ``heading``), which are properties made from ``source`` and the positions. The fields
    run from where the line is and whose it is to what it costs, so that the lines of one
    involvement share their first fields.

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
        return _WORDS[type(self.source)](self)[0]

    @property
    def label(self) -> str:
        """What the line is, in a few words."""
        return _WORDS[type(self.source)](self)[1]

    @property
    def heading(self) -> str:
        """The budget heading a grant form files the line under."""
        return _WORDS[type(self.source)](self)[2]

    def line(self) -> Line:
        """The public record of this line."""
        (stage, before, involvement, party, bearer, lay, kind, quantity, rate, money, hours,
         unpaid, declined, _, source) = self  # fmt: skip
        path, label, heading = _WORDS[type(source)](self)
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
        )


# --------------------------------------------------------------------------- the lines


def costing_lines(
    project: Project, plan: CostingPlan, table: RateTable, catalogue: Catalogue
) -> Iterator[Priced]:
    """Every line of a costing, priced, in document order (one involvement at a time)."""
    parties = Parties.of(project, catalogue)
    for i, ic in enumerate(plan.involvements):
        yield from involvement_lines(i, ic, parties, table)
    yield from shared_lines(project, plan, table, catalogue)


def involvement_lines(
    index: int, ic: InvolvementCosting, parties: Parties, table: RateTable
) -> list[Priced]:
    """The lines of one involvement costing: its fee (or time given), expenses, team time."""
    stage, before, party = StageId(ic.stage), ic.before_grant, ic.stakeholder
    bearer, lay = parties.stakeholders[party]
    people, sessions = Decimal(ic.people), Decimal(ic.sessions)
    given = people * sessions * (ic.hours + ic.preparation_hours + ic.travel_hours)
    # Each line: where it is, whose it is, then what it costs (see Priced); by position,
    # as this runs once per line of every costing, appraisal and fit.
    if offers_fee(ic):
        quantity, rate, money = _fee(ic, table, people, sessions)
        lost = given if ic.payment is PaymentMethod.DECLINED else _ZERO
        spent = (_FEE, quantity, rate, money, given, _ZERO, lost)
    else:
        # Lay contributors give this time unpaid; decision-makers, professionals and
        # partners usually take part in paid work time.
        spent = (_FEE, given, None, _ZERO, given, given if lay else _ZERO, _ZERO)
    lines = [Priced(stage, before, index, party, bearer, lay, *spent, -1, ic)]
    for k, e in enumerate(ic.expenses):
        times = _times(e.basis, people, sessions)
        spent = (_EXPENSE, times, e.amount, times * e.amount, _ZERO, _ZERO, _ZERO)
        lines.append(Priced(stage, before, index, party, bearer, lay, *spent, k, e))
    for k, t in enumerate(ic.team):
        hours = sessions * t.hours
        rate, money = _team_money(t, table, hours)
        who = parties.researchers.get(t.researcher, parties.team)
        spent = (_TEAM, hours, rate, money, hours, _ZERO if t.funded else hours, _ZERO)
        lines.append(Priced(stage, before, index, t.researcher, who, False, *spent, k, t))
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


def _times(basis: ExpenseBasis, people: Decimal, sessions: Decimal) -> Decimal:
    """How many times an expense's amount is spent."""
    if basis is ExpenseBasis.PERSON_SESSION:
        return people * sessions
    return sessions if basis is ExpenseBasis.SESSION else _ONE


def shared_lines(
    project: Project, plan: CostingPlan, table: RateTable, catalogue: Catalogue
) -> list[Priced]:
    """The lines the plan shares (the fit cannot change): staff, subcontracts, expenses."""
    researchers = {r.id: r for r in project.researchers}
    lines: list[Priced] = []
    for i, st in enumerate(plan.staff):
        at = (_stage_id(st.stage), False, None)
        who = researchers.get(st.researcher) if st.researcher is not None else None
        whose = (st.researcher or st.description, bearer_of_researcher(catalogue, who).id, False)
        rate = table[(st.role, RateUnit.HOUR)].amount if st.role else None
        money = (None if rate is None else st.hours * rate) if st.role else _ZERO
        unpaid = _ZERO if st.funded else st.hours
        lines.append(
            Priced(*at, *whose, _STAFF, st.hours, rate, money, st.hours, unpaid, _ZERO, i, st)
        )
    for i, sc in enumerate(plan.subcontracts):
        at = (_stage_id(sc.stage), False, None)
        kind = project.stakeholder(sc.partner).kind
        whose = (sc.partner, bearer_of_kind(catalogue, kind).id, kind.sphere is Sphere.LAY)
        amount = sc.amount
        lines.append(
            Priced(*at, *whose, _SUBCONTRACT, _ONE, amount, amount, _ZERO, _ZERO, _ZERO, i, sc)
        )
    whose = ("project", research_bearer(catalogue).id, False)
    for i, e in enumerate(plan.expenses):
        amount = e.amount
        lines.append(
            Priced(
                None, False, None, *whose, _EXPENSE, _ONE, amount, amount, _ZERO, _ZERO, _ZERO, i, e
            )
        )
    return lines


def _stage_id(stage: str | None) -> StageId | None:
    """A costing's stage as a stage id (:func:`costing_problems` checks it is one)."""
    return None if stage is None else StageId(stage)


_FEE, _EXPENSE, _TEAM = LineKind.FEE, LineKind.EXPENSE, LineKind.TEAM
_STAFF, _SUBCONTRACT = LineKind.STAFF, LineKind.SUBCONTRACT


# --------------------------------------------------------------------------- their words


_Words = tuple[str, str, str]
"""A line's path, label and budget heading."""


def _fee_words(p: Priced) -> _Words:
    """The words of an involvement's fee line, or of the time given without a fee."""
    ic = p.source
    assert isinstance(ic, InvolvementCosting)
    at = f"costing.involvements[{p.involvement}]"
    if not offers_fee(ic):
        return at, "time, no fee offered", _FEE_HEADING
    how = "declined" if ic.payment is PaymentMethod.DECLINED else ic.payment.value
    return f"{at}.role", f"fee: {ic.role} per {ic.unit.value} ({how})", _FEE_HEADING


def _expense_words(p: Priced) -> _Words:
    """The words of an expense line: an involvement's, or the project's own."""
    e = p.source
    assert isinstance(e, Expense)
    if p.involvement is None:
        path = f"costing.expenses[{p.position}]"
    else:
        path = f"costing.involvements[{p.involvement}].expenses[{p.position}]"
    kind = e.kind.value
    return path, f"{kind}: {e.description}" if e.description else kind, HEADINGS[e.kind]


def _team_words(p: Priced) -> _Words:
    """The words of a researcher's time on an involvement."""
    t = p.source
    assert isinstance(t, TeamTime)
    path = f"costing.involvements[{p.involvement}].team[{p.position}]"
    label = f"team time: {t.researcher} as {t.role}" if t.role else f"team time: {t.researcher}"
    return path, label, _TEAM_HEADING


def _staff_words(p: Priced) -> _Words:
    """The words of staff time not tied to one involvement."""
    st = p.source
    assert isinstance(st, StaffTime)
    label = ("training: " if st.training else "") + st.description
    heading = HEADINGS[ExpenseKind.TRAINING if st.training else LineKind.STAFF]
    return f"costing.staff[{p.position}]", label, heading


def _subcontract_words(p: Priced) -> _Words:
    """The words of a subcontract with a partner organisation."""
    sc = p.source
    assert isinstance(sc, Subcontract)
    label = "subcontract" + (f": {sc.description}" if sc.description else "")
    return f"costing.subcontracts[{p.position}]", label, HEADINGS[LineKind.SUBCONTRACT]


_FEE_HEADING = HEADINGS[LineKind.FEE]
_TEAM_HEADING = HEADINGS[LineKind.TEAM]
_WORDS: Mapping[type, Callable[[Priced], _Words]] = {
    InvolvementCosting: _fee_words,
    Expense: _expense_words,
    TeamTime: _team_words,
    StaffTime: _staff_words,
    Subcontract: _subcontract_words,
}
"""How to word a line, by the kind of entry it prices."""
