"""Checking a costing and working out its money and hours: pure, exact, order-independent."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple, Protocol, TypedDict, TypeVar

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._results import (
    BearerTotal,
    CellTotal,
    Costing,
    Line,
    LineKind,
    StageTotal,
)
from coproduce.errors import CostingError
from coproduce.model import (
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    ContractType,
    CostId,
    CostingPlan,
    ExpenseBasis,
    ExpenseKind,
    InvolvementCosting,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    Researcher,
    Sphere,
    StageId,
    StakeholderKind,
    TeamTime,
)
from coproduce.model._amounts import exact
from coproduce.model._types import check_types

__all__ = [
    "HEADINGS",
    "RateTable",
    "bearer_of_kind",
    "bearer_of_researcher",
    "cost",
    "costing_problems",
    "involvement_lines",
    "involvement_money_hours",
    "rate_table",
    "summarise",
]

_ZERO = Decimal(0)
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

Problem = tuple[str, str, str]


# --------------------------------------------------------------------------- checks


def costing_problems(
    project: Project,
    *,
    rates: RateCard | None = None,
    catalogue: Catalogue | None = None,
    roles: bool = True,
) -> list[Problem]:
    """Every problem of a project's costing as ``(path, code, message)``, in document order.

    Paths start at the project (``costing.involvements[2].role``); a problem of the card
    passed as ``rates`` starts with ``rates``. An empty list means :func:`cost` will work.
    ``roles=False`` skips checking that every role named has a rate (for loading a
    document before knowing which card it will be costed with).

    Example:
        >>> from coproduce import Project
        >>> from coproduce.model import CostingPlan, RateCard
        >>> p = Project(title="t", costing=CostingPlan(currency="EUR"))
        >>> [(path, code) for path, code, _ in costing_problems(
        ...     p, rates=RateCard(id="uk", currency="GBP"))]
        [('rates.currency', 'currency-mismatch')]

    """
    plan = project.costing
    if plan is None:
        return []
    wrong = check_types(project)  # a project built in Python with "paid" for PaymentMethod.PAID
    if wrong:
        return wrong
    cat = catalogue if catalogue is not None else default_catalogue()
    check = _CostingChecker(project, plan, cat, roles)
    check.cards(rates)
    check.involvements()
    check.staff_and_partners()
    return check.problems


class _CostingChecker:
    """The checks of :func:`costing_problems`, one named step each, collecting problems."""

    def __init__(self, project: Project, plan: CostingPlan, cat: Catalogue, roles: bool) -> None:
        self.project, self.plan, self.roles = project, plan, roles
        self.problems: list[Problem] = []
        self.table: dict[tuple[str, RateUnit], Rate] = {}
        self.stage_ids = {s.id for s in cat.stages}
        self.stakeholders = {s.id for s in project.stakeholders}
        self.researchers = {r.id for r in project.researchers}

    def same_currency(self, path: str, value: str | None) -> None:
        currency = self.plan.currency
        if value is not None and value != currency:
            self.problems.append(
                (
                    path,
                    "currency-mismatch",
                    f"is {value!r}, but the project's costing is in {currency!r}; one "
                    "project keeps one currency (convert the amount first)",
                )
            )

    def cards(self, rates: RateCard | None) -> None:
        for where, card in (("rates", rates), ("costing.rate_card", self.plan.rate_card)):
            if card is None:
                continue
            self.same_currency(f"{where}.currency", card.currency)
            seen: set[tuple[str, RateUnit]] = set()
            for i, rate in enumerate(card.rates):
                key = (rate.role, rate.unit)
                if key in seen:
                    self.problems.append(
                        (
                            f"{where}.rates[{i}]",
                            "duplicate-id",
                            f"role {rate.role!r} has two rates per {rate.unit.value}",
                        )
                    )
                seen.add(key)
                self.table[key] = rate

    def role_known(self, path: str, role: str, unit: RateUnit) -> None:
        if self.roles and role and (role, unit) not in self.table:
            offered = sorted({f"{r} per {u.value}" for r, u in self.table})
            self.problems.append(
                (
                    path,
                    "unknown-reference",
                    f"no rate for role {role!r} per {unit.value} in the rate cards"
                    + (f" (they have: {', '.join(offered)})" if offered else " (none given)"),
                )
            )

    def known(self, path: str, value: str | None, among: Collection[str], what: str) -> None:
        if value is not None and value not in among:
            self.problems.append(
                (path, "unknown-reference", f"names {value!r}, which is not {what}")
            )

    def involvements(self) -> None:
        planned = {(i.stage, i.stakeholder) for i in self.project.plan}
        costed: set[tuple[str, str]] = set()
        for i, ic in enumerate(self.plan.involvements):
            at = f"costing.involvements[{i}]"
            pair = (ic.stage, ic.stakeholder)
            if pair not in planned:
                self.problems.append(
                    (
                        at,
                        "unknown-reference",
                        f"costs {ic.stakeholder!r} at {ic.stage!r}, which is not a line of the "
                        "plan",
                    )
                )
            if pair in costed:
                self.problems.append(
                    (at, "duplicate-id", f"{ic.stakeholder!r} at {ic.stage!r} is costed twice")
                )
            costed.add(pair)
            if ic.payment in _FEE_PAYMENTS and self.missing_rate(ic.role, ic.unit):
                self.role_known(f"{at}.role", ic.role, ic.unit)
            if ic.expenses or ic.team:
                self.expenses_and_team(at, ic)

    def missing_rate(self, role: str, unit: RateUnit) -> bool:
        """Whether :meth:`role_known` would find a problem (its paths are built only then)."""
        return bool(self.roles and role and (role, unit) not in self.table)

    def expenses_and_team(self, at: str, ic: InvolvementCosting) -> None:
        """An involvement costing's expenses and team time, checked where anything is off."""
        currency = self.plan.currency
        for k, e in enumerate(ic.expenses):
            if e.currency is not None and e.currency != currency:
                self.same_currency(f"{at}.expenses[{k}].currency", e.currency)
        for k, t in enumerate(ic.team):
            if t.researcher not in self.researchers:
                self.known(
                    f"{at}.team[{k}].researcher", t.researcher, self.researchers, _RESEARCHERS
                )
            if self.missing_rate(t.role, RateUnit.HOUR):
                self.role_known(f"{at}.team[{k}].role", t.role, RateUnit.HOUR)

    def staff_and_partners(self) -> None:
        for i, st in enumerate(self.plan.staff):
            at = f"costing.staff[{i}]"
            self.known(f"{at}.researcher", st.researcher, self.researchers, _RESEARCHERS)
            self.known(f"{at}.stage", st.stage, self.stage_ids, "a stage of the catalogue")
            self.role_known(f"{at}.role", st.role, RateUnit.HOUR)
        for i, sc in enumerate(self.plan.subcontracts):
            at = f"costing.subcontracts[{i}]"
            self.known(
                f"{at}.partner", sc.partner, self.stakeholders, "among the project's stakeholders"
            )
            self.known(f"{at}.stage", sc.stage, self.stage_ids, "a stage of the catalogue")
            self.same_currency(f"{at}.currency", sc.currency)
        for i, e in enumerate(self.plan.expenses):
            self.same_currency(f"costing.expenses[{i}].currency", e.currency)


_RESEARCHERS = "among the researchers"
_FEE_PAYMENTS = (PaymentMethod.PAID, PaymentMethod.VOUCHERS, PaymentMethod.DECLINED)


def rate_table(
    plan: CostingPlan, rates: RateCard | None = None
) -> dict[tuple[str, RateUnit], Rate]:
    """The rates in force: the given card, then the project's own card over it."""
    table: dict[tuple[str, RateUnit], Rate] = {}
    for card in (rates, plan.rate_card):
        if card is not None:
            table.update(((r.role, r.unit), r) for r in card.rates)
    return table


# --------------------------------------------------------------------------- bearers


def bearer_of_kind(catalogue: Catalogue, kind: StakeholderKind) -> Bearer:
    """The catalogue's bearer standing for a kind of stakeholder.

    Example:
        >>> from coproduce import default_catalogue
        >>> from coproduce.model import StakeholderKind
        >>> bearer_of_kind(default_catalogue(), StakeholderKind.CARER).id
        'bearer.carers'

    """
    index = catalogue.memo("coproduce.costing.bearers", _bearer_index)
    return index[0].get(kind) or index[1]


def bearer_of_researcher(catalogue: Catalogue, researcher: Researcher | None) -> Bearer:
    """The bearer a researcher's costs fall on: early-career first, then fixed-term.

    A researcher both early-career and on a fixed-term contract counts once, as
    early-career, so bearer totals still add up to the whole.

    Example:
        >>> from coproduce import default_catalogue
        >>> from coproduce.model import Researcher, ContractType
        >>> r = Researcher(id="ra", contract=ContractType.FIXED_TERM)
        >>> bearer_of_researcher(default_catalogue(), r).id
        'bearer.researchers-fixed-term'

    """
    _, researchers, early, fixed, _ = catalogue.memo("coproduce.costing.bearers", _bearer_index)
    if researcher is not None:
        if researcher.career_stage is CareerStage.EARLY and early is not None:
            return early
        if researcher.contract is ContractType.FIXED_TERM and fixed is not None:
            return fixed
    return researchers


def _bearer_index(
    cat: Catalogue,
) -> tuple[dict[StakeholderKind, Bearer], Bearer, Bearer | None, Bearer | None, Bearer]:
    """The bearers by stakeholder kind; the team's, early-career, fixed-term; the research's."""
    kinds = {b.stakeholder_kind: b for b in cat.bearers if b.stakeholder_kind is not None}
    team = [b for b in cat.bearers if b.group is BearerGroup.RESEARCHERS]
    general = next((b for b in team if b.career_stage is None and b.contract is None), None)
    if general is None:
        general = team[0] if team else cat.bearers[0]
    early = next((b for b in team if b.career_stage is CareerStage.EARLY), None)
    fixed = next((b for b in team if b.contract is ContractType.FIXED_TERM), None)
    research = next((b for b in cat.bearers if b.group is BearerGroup.RESEARCH), general)
    return kinds, general, early, fixed, research


# --------------------------------------------------------------------------- arithmetic


class _Shared(TypedDict):
    """The fields every fee and expense line of one involvement costing shares."""

    stage: StageId | None
    party: str
    bearer: BearerId
    lay: bool
    before_grant: bool
    involvement: int


def _stage_id(stage: str | None) -> StageId | None:
    """A costing's stage as a stage id (:func:`costing_problems` checks it is one)."""
    return None if stage is None else StageId(stage)


def involvement_lines(
    index: int,
    ic: InvolvementCosting,
    *,
    kinds: Mapping[str, StakeholderKind],
    researchers: Mapping[str, Researcher],
    table: Mapping[tuple[str, RateUnit], Rate],
    catalogue: Catalogue,
) -> list[Line]:
    """The lines of one involvement costing (fee, expenses, team time), exact."""
    at = f"costing.involvements[{index}]"
    kind = kinds[ic.stakeholder]
    shared: _Shared = {
        "stage": StageId(ic.stage),
        "party": ic.stakeholder,
        "bearer": bearer_of_kind(catalogue, kind).id,
        "lay": kind.sphere is Sphere.LAY,
        "before_grant": ic.before_grant,
        "involvement": index,
    }
    people, sessions = Decimal(ic.people), Decimal(ic.sessions)
    fee_offered = ic.role != "" and ic.payment is not PaymentMethod.NONE
    lines = [
        _fee_line(at, ic, table, shared, people, sessions)
        if fee_offered
        else _time_line(at, ic, shared, people, sessions)
    ]
    if ic.expenses:
        _expense_lines(lines, at, ic, shared, people, sessions)
    if ic.team:
        _team_lines(lines, at, index, ic, researchers, table, catalogue, sessions)
    return lines


def _time_given(ic: InvolvementCosting, people: Decimal, sessions: Decimal) -> Decimal:
    """The hours contributors give: people × sessions × (session, preparation, travel)."""
    per_person = ic.hours + ic.preparation_hours + ic.travel_hours
    return people * sessions * per_person


def _time_line(
    at: str, ic: InvolvementCosting, shared: _Shared, people: Decimal, sessions: Decimal
) -> Line:
    """The line of contributors' time when no fee is offered."""
    hours = _time_given(ic, people, sessions)
    return Line(
        kind=LineKind.FEE,
        path=at,
        label="time, no fee offered",
        heading=_FEE_HEADING,
        quantity=hours,
        rate=None,
        money=_ZERO,
        hours=hours,
        # Lay contributors give this time unpaid; decision-makers, professionals
        # and partners usually take part in paid work time.
        unpaid_hours=hours if shared["lay"] else _ZERO,
        **shared,
    )


_FEE_HEADING = HEADINGS[LineKind.FEE]
_TEAM_HEADING = HEADINGS[LineKind.TEAM]


def _fee(
    ic: InvolvementCosting,
    table: Mapping[tuple[str, RateUnit], Rate],
    people: Decimal,
    sessions: Decimal,
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """A fee's quantity, rate and money (``None`` without a rate; zero if declined)."""
    rate = table[(ic.role, ic.unit)].amount
    if ic.unit is RateUnit.HOUR:
        quantity = people * sessions * (ic.hours + ic.preparation_hours)
    else:
        quantity = people * sessions
    declined = ic.payment is PaymentMethod.DECLINED
    return quantity, rate, None if rate is None else (_ZERO if declined else quantity * rate)


def _times(basis: ExpenseBasis, people: Decimal, sessions: Decimal) -> Decimal:
    """How many times an expense's amount is spent."""
    if basis is ExpenseBasis.PERSON_SESSION:
        return people * sessions
    return sessions if basis is ExpenseBasis.SESSION else Decimal(1)


def _team_money(
    t: TeamTime, table: Mapping[tuple[str, RateUnit], Rate], team_hours: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """A researcher's rate and money for some hours (no role: no money; no rate: unknown)."""
    if not t.role:
        return None, _ZERO
    rate = table[(t.role, RateUnit.HOUR)].amount
    return rate, None if rate is None else team_hours * rate


def involvement_money_hours(
    ic: InvolvementCosting, table: Mapping[tuple[str, RateUnit], Rate]
) -> tuple[Decimal, Decimal]:
    """The money of an involvement costing's lines and their team hours, no line built.

    The same sums, in the same order, as adding up the lines of :func:`involvement_lines`.
    """
    people, sessions = Decimal(ic.people), Decimal(ic.sessions)
    money = hours = _ZERO
    if ic.role != "" and ic.payment is not PaymentMethod.NONE:
        fee = _fee(ic, table, people, sessions)[2]
        if fee is not None:
            money += fee
    for e in ic.expenses:
        money += _times(e.basis, people, sessions) * e.amount
    for t in ic.team:
        team_hours = sessions * t.hours
        spent = _team_money(t, table, team_hours)[1]
        if spent is not None:
            money += spent
        hours += team_hours
    return money, hours


def involvement_unpriced(
    ic: InvolvementCosting, table: Mapping[tuple[str, RateUnit], Rate]
) -> tuple[str, ...]:
    """The labels of an involvement costing's lines whose money is unknown (no rate amount).

    The same lines as those of :func:`involvement_lines` whose ``money`` is ``None``, named
    by their ``label`` (not their path, which changes with the order of the lists).
    """
    out = []
    fee = ic.role != "" and ic.payment is not PaymentMethod.NONE
    if fee and table[(ic.role, ic.unit)].amount is None:
        how = "declined" if ic.payment is PaymentMethod.DECLINED else ic.payment.value
        out.append(f"fee: {ic.role} per {ic.unit.value} ({how})")
    out.extend(
        f"team time: {t.researcher} as {t.role}"
        for t in ic.team
        if t.role and table[(t.role, RateUnit.HOUR)].amount is None
    )
    return tuple(out)


def _fee_line(
    at: str,
    ic: InvolvementCosting,
    table: Mapping[tuple[str, RateUnit], Rate],
    shared: _Shared,
    people: Decimal,
    sessions: Decimal,
) -> Line:
    """The fee line of contributors offered a fee (paid, in vouchers, or declined)."""
    hours = _time_given(ic, people, sessions)
    quantity, rate, money = _fee(ic, table, people, sessions)
    declined = ic.payment is PaymentMethod.DECLINED
    how = "declined" if declined else ic.payment.value
    return Line(
        kind=LineKind.FEE,
        path=f"{at}.role",
        label=f"fee: {ic.role} per {ic.unit.value} ({how})",
        heading=_FEE_HEADING,
        quantity=quantity,
        rate=rate,
        money=money,
        hours=hours,
        declined_hours=hours if declined else _ZERO,
        **shared,
    )


def _expense_lines(
    lines: list[Line],
    at: str,
    ic: InvolvementCosting,
    shared: _Shared,
    people: Decimal,
    sessions: Decimal,
) -> None:
    """Add the lines of an involvement's expenses, each amount times its basis."""
    for k, e in enumerate(ic.expenses):
        times = _times(e.basis, people, sessions)
        lines.append(
            Line(
                kind=LineKind.EXPENSE,
                path=f"{at}.expenses[{k}]",
                label=f"{e.kind.value}: {e.description}" if e.description else e.kind.value,
                heading=HEADINGS[e.kind],
                quantity=times,
                rate=e.amount,
                money=times * e.amount,
                **shared,
            )
        )


def _team_lines(
    lines: list[Line],
    at: str,
    index: int,
    ic: InvolvementCosting,
    researchers: Mapping[str, Researcher],
    table: Mapping[tuple[str, RateUnit], Rate],
    catalogue: Catalogue,
    sessions: Decimal,
) -> None:
    """Add the lines of the research team's time on an involvement, per session."""
    stage = StageId(ic.stage)
    for k, t in enumerate(ic.team):
        team_hours = sessions * t.hours
        rate, money = _team_money(t, table, team_hours)
        lines.append(
            Line(
                kind=LineKind.TEAM,
                path=f"{at}.team[{k}]",
                stage=stage,
                party=t.researcher,
                bearer=bearer_of_researcher(catalogue, researchers.get(t.researcher)).id,
                lay=False,
                label=f"team time: {t.researcher} as {t.role}"
                if t.role
                else f"team time: {t.researcher}",
                heading=_TEAM_HEADING,
                quantity=team_hours,
                rate=rate,
                money=money,
                hours=team_hours,
                unpaid_hours=_ZERO if t.funded else team_hours,
                before_grant=ic.before_grant,
                involvement=index,
            )
        )


class _Costed(Protocol):
    """What the totals read of a line: a :class:`Line`, or a :class:`_Row` standing for one."""

    @property
    def kind(self) -> LineKind: ...
    @property
    def path(self) -> str: ...
    @property
    def stage(self) -> StageId | None: ...
    @property
    def party(self) -> str: ...
    @property
    def bearer(self) -> BearerId: ...
    @property
    def lay(self) -> bool: ...
    @property
    def money(self) -> Decimal | None: ...
    @property
    def hours(self) -> Decimal: ...
    @property
    def unpaid_hours(self) -> Decimal: ...
    @property
    def declined_hours(self) -> Decimal: ...
    @property
    def before_grant(self) -> bool: ...


class _Row(NamedTuple):
    """The figures of one line of :func:`involvement_lines`, for totals alone.

    ``path`` is the line's path only where its money is unknown (the totals list those).
    """

    kind: LineKind
    path: str
    stage: StageId | None
    party: str
    bearer: BearerId
    lay: bool
    money: Decimal | None
    hours: Decimal
    unpaid_hours: Decimal
    declined_hours: Decimal
    before_grant: bool


def _involvement_rows(
    rows: list[_Costed],
    index: int,
    ic: InvolvementCosting,
    kinds: Mapping[str, StakeholderKind],
    researchers: Mapping[str, Researcher],
    table: Mapping[tuple[str, RateUnit], Rate],
    catalogue: Catalogue,
) -> None:
    """Add the rows of one involvement costing: its lines' figures, line for line."""
    kind = kinds[ic.stakeholder]
    stage, party, before = StageId(ic.stage), ic.stakeholder, ic.before_grant
    bearer, lay = bearer_of_kind(catalogue, kind).id, kind.sphere is Sphere.LAY
    people, sessions = Decimal(ic.people), Decimal(ic.sessions)
    hours = _time_given(ic, people, sessions)
    if ic.role != "" and ic.payment is not PaymentMethod.NONE:
        money = _fee(ic, table, people, sessions)[2]
        declined = hours if ic.payment is PaymentMethod.DECLINED else _ZERO
        path = f"costing.involvements[{index}].role" if money is None else ""
        fee = _Row(
            LineKind.FEE, path, stage, party, bearer, lay, money, hours, _ZERO, declined, before
        )
    else:
        unpaid = hours if lay else _ZERO
        fee = _Row(LineKind.FEE, "", stage, party, bearer, lay, _ZERO, hours, unpaid, _ZERO, before)
    rows.append(fee)
    for e in ic.expenses:
        spent = _times(e.basis, people, sessions) * e.amount
        rows.append(
            _Row(
                LineKind.EXPENSE, "", stage, party, bearer, lay, spent, _ZERO, _ZERO, _ZERO, before
            )
        )
    for k, t in enumerate(ic.team):
        team_hours = sessions * t.hours
        money = _team_money(t, table, team_hours)[1]
        path = f"costing.involvements[{index}].team[{k}]" if money is None else ""
        who = bearer_of_researcher(catalogue, researchers.get(t.researcher)).id
        unpaid = _ZERO if t.funded else team_hours
        rows.append(
            _Row(
                LineKind.TEAM,
                path,
                stage,
                t.researcher,
                who,
                False,
                money,
                team_hours,
                unpaid,
                _ZERO,
                before,
            )
        )


def _fixed_lines(
    project: Project,
    plan: CostingPlan,
    table: Mapping[tuple[str, RateUnit], Rate],
    catalogue: Catalogue,
) -> list[Line]:
    """The lines the fit cannot change: staff time, subcontracts and shared expenses."""
    researchers = {r.id: r for r in project.researchers}
    research_bearer = catalogue.memo("coproduce.costing.bearers", _bearer_index)[4].id
    lines: list[Line] = []
    for i, st in enumerate(plan.staff):
        rate = table[(st.role, RateUnit.HOUR)].amount if st.role else None
        who = researchers.get(st.researcher) if st.researcher is not None else None
        lines.append(
            Line(
                kind=LineKind.STAFF,
                path=f"costing.staff[{i}]",
                stage=_stage_id(st.stage),
                party=st.researcher or st.description,
                bearer=bearer_of_researcher(catalogue, who).id,
                lay=False,
                label=("training: " if st.training else "") + st.description,
                heading=HEADINGS[ExpenseKind.TRAINING if st.training else LineKind.STAFF],
                quantity=st.hours,
                rate=rate,
                money=(None if rate is None else st.hours * rate) if st.role else _ZERO,
                hours=st.hours,
                unpaid_hours=_ZERO if st.funded else st.hours,
            )
        )
    for i, sc in enumerate(plan.subcontracts):
        kind = project.stakeholder(sc.partner).kind
        lines.append(
            Line(
                kind=LineKind.SUBCONTRACT,
                path=f"costing.subcontracts[{i}]",
                stage=_stage_id(sc.stage),
                party=sc.partner,
                bearer=bearer_of_kind(catalogue, kind).id,
                lay=kind.sphere is Sphere.LAY,
                label="subcontract" + (f": {sc.description}" if sc.description else ""),
                heading=HEADINGS[LineKind.SUBCONTRACT],
                quantity=Decimal(1),
                rate=sc.amount,
                money=sc.amount,
            )
        )
    for i, e in enumerate(plan.expenses):
        lines.append(
            Line(
                kind=LineKind.EXPENSE,
                path=f"costing.expenses[{i}]",
                stage=None,
                party="project",
                bearer=research_bearer,
                lay=False,
                label=f"{e.kind.value}" + (f": {e.description}" if e.description else ""),
                heading=HEADINGS[e.kind],
                quantity=Decimal(1),
                rate=e.amount,
                money=e.amount,
            )
        )
    return lines


@exact
def cost(
    project: Project, *, rates: RateCard | None = None, catalogue: Catalogue | None = None
) -> Costing | None:
    """Money and hours of a project's involvement, who gives them, and the gap to its budget.

    Pure and exact: no I/O, no rounding; the same result whatever the order of the lists.

    Args:
        project: a project; ``None`` is returned when it has no ``costing`` section.
        rates: a rate card to price roles with (e.g. :func:`coproduce.costing.default_rate_card`);
            the project's own card takes precedence role by role.
        catalogue: the catalogue whose stages, bearers and costs to use (the paper's by
            default).

    Raises:
        CostingError: a line names something the project or the cards do not hold, or two
            currencies meet; every problem is listed with its path.

    Example:
        >>> from decimal import Decimal
        >>> from coproduce import Project, Stakeholder, StakeholderKind, Involvement, Mode
        >>> from coproduce.model import CostingPlan, InvolvementCosting, Rate, RateCard, RateUnit
        >>> card = RateCard(id="mine", currency="GBP", rates=(
        ...     Rate(role="contributor", unit=RateUnit.HOUR, amount=Decimal(20)),))
        >>> p = Project(
        ...     title="t",
        ...     stakeholders=(Stakeholder(id="panel", kind=StakeholderKind.PATIENT),),
        ...     plan=(Involvement(stage="stage.framing-questions", stakeholder="panel",
        ...                       mode=Mode.CONSULTATION),),
        ...     costing=CostingPlan(currency="GBP", budget=Decimal(500), rate_card=card,
        ...         involvements=(InvolvementCosting(stage="stage.framing-questions",
        ...             stakeholder="panel", people=4, sessions=2, hours=Decimal(2),
        ...             preparation_hours=Decimal("0.5"), role="contributor"),)),
        ... )
        >>> c = cost(p)
        >>> c.money, c.hours, c.gap
        (Decimal('400.0'), Decimal('20.0'), Decimal('100.0'))

    """
    plan = project.costing
    if plan is None:
        return None
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = costing_problems(project, rates=rates, catalogue=cat)
    if problems:
        raise CostingError(f"{path}: {message}" for path, _, message in problems)
    return priced(project, plan, rates, cat)


@exact
def priced(project: Project, plan: CostingPlan, rates: RateCard | None, cat: Catalogue) -> Costing:
    """What :func:`cost` returns, for a costing :func:`costing_problems` finds nothing in."""
    table = rate_table(plan, rates)
    kinds = {s.id: s.kind for s in project.stakeholders}
    researchers = {r.id: r for r in project.researchers}
    lines: list[Line] = []
    for i, ic in enumerate(plan.involvements):
        lines.extend(
            involvement_lines(
                i, ic, kinds=kinds, researchers=researchers, table=table, catalogue=cat
            )
        )
    lines.extend(_fixed_lines(project, plan, table, cat))
    return summarise(project, lines, catalogue=cat)


_K = TypeVar("_K")


_Acc = list[Decimal]
"""Running totals: [money, hours, unpaid hours, grant-period money, unpriced lines]."""
_StageKey = Callable[[StageId | None], tuple[int, str]]
"""The sort key of a stage: catalogue order, the whole project last."""


@exact
def summarise(project: Project, lines: list[Line], *, catalogue: Catalogue) -> Costing:
    """Totals of costed lines (used by :func:`cost` and by the plan that fits)."""
    return _summarised(project, lines, catalogue, tuple(lines))


@exact
def summary(project: Project, plan: CostingPlan, rates: RateCard | None, cat: Catalogue) -> Costing:
    """What :func:`priced` returns, less its ``lines`` and ``by_cell`` (both left empty).

    Every other total is the same exact ``Decimal``: the appraisal's summary reads only
    these, so no line or cell record is built for it.
    """
    table = rate_table(plan, rates)
    kinds = {s.id: s.kind for s in project.stakeholders}
    researchers = {r.id: r for r in project.researchers}
    rows: list[_Costed] = []
    for i, ic in enumerate(plan.involvements):
        _involvement_rows(rows, i, ic, kinds, researchers, table, cat)
    rows.extend(_fixed_lines(project, plan, table, cat))
    return _summarised(project, rows, cat, None)


def _summarised(
    project: Project,
    rows: Sequence[_Costed],
    catalogue: Catalogue,
    lines: tuple[Line, ...] | None,
) -> Costing:
    """The costing of ``rows``; with its ``lines`` and cells only when ``lines`` are given."""
    plan = project.costing
    assert plan is not None
    totals = _Totals(rows, _junior_bearers(project, catalogue))
    budget, budget_hours = plan.budget, plan.budget_hours
    order = catalogue.memo("coproduce.costing.orders", _Orders)
    cells, stages, bearers = _accumulate(rows, cells_too=lines is not None)
    grant_money, team_hours = totals.grant_money, totals.team_hours
    return Costing(
        currency=plan.currency,
        lines=lines or (),
        money=totals.money,
        hours=totals.hours,
        grant_money=grant_money,
        before_grant_money=totals.before_grant_money,
        team_hours=team_hours,
        unpriced=tuple(totals.unpriced),
        grant_unpriced=tuple(totals.grant_unpriced),
        budget=budget,
        budget_hours=budget_hours,
        share=grant_money / budget if budget else None,
        gap=None if budget is None else budget - grant_money,
        gap_hours=None if budget_hours is None else budget_hours - team_hours,
        unpaid_lay_hours=totals.unpaid_lay_hours,
        unpaid_junior_hours=totals.unpaid_junior_hours,
        declined_hours=totals.declined_hours,
        benefits_advice=tuple(
            f"costing.involvements[{i}]"
            for i, ic in enumerate(plan.involvements)
            if ic.benefits_advice
        ),
        by_cell=() if lines is None else _by_cell(cells, order.stage_key),
        by_stage=_by_stage(stages, order, budget),
        by_bearer=_by_bearer(bearers, order),
        months=plan.months,
    )


_TEAM_KINDS = (LineKind.TEAM, LineKind.STAFF)


class _Totals:
    """The project-wide totals of costed lines, in one pass.

    Each total adds the same values in the same order, from zero, as summing them one total
    at a time would: the same exact ``Decimal``, exponent included.
    """

    __slots__ = (
        "before_grant_money",
        "declined_hours",
        "grant_money",
        "grant_unpriced",
        "hours",
        "money",
        "team_hours",
        "unpaid_junior_hours",
        "unpaid_lay_hours",
        "unpriced",
    )

    def __init__(self, lines: Sequence[_Costed], junior: set[BearerId]) -> None:
        money = hours = grant = before = team = lay = juniors = declined = _ZERO
        unpriced: list[str] = []
        grant_unpriced: list[str] = []
        for ln in lines:
            m = ln.money
            if m is None:
                unpriced.append(ln.path)
            else:
                money += m
            hours += ln.hours
            if ln.before_grant:
                if m is not None:
                    before += m
            else:
                if m is not None:
                    grant += m
                else:
                    grant_unpriced.append(ln.path)
                if ln.kind in _TEAM_KINDS:
                    team += ln.hours
            if ln.lay:
                lay += ln.unpaid_hours
            if ln.kind in _TEAM_KINDS and ln.bearer in junior:
                juniors += ln.unpaid_hours
            declined += ln.declined_hours
        self.money, self.hours, self.grant_money = money, hours, grant
        self.before_grant_money, self.team_hours = before, team
        self.unpaid_lay_hours, self.unpaid_junior_hours = lay, juniors
        self.declined_hours, self.unpriced = declined, unpriced
        self.grant_unpriced = grant_unpriced


def _junior_bearers(project: Project, catalogue: Catalogue) -> set[BearerId]:
    """The bearers of the project's early-career and fixed-term researchers."""
    return {
        bearer_of_researcher(catalogue, r).id
        for r in {x.id: x for x in project.researchers}.values()  # one per id
        if r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM
    }


class _Orders:
    """What the totals read of a catalogue: stage and bearer order, labels, costs. Memoised."""

    __slots__ = ("bearer_order", "bearers", "catalogue", "stage_costs", "stage_order")

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.stage_order: dict[str, int] = {s.id: s.order for s in catalogue.stages}
        self.stage_costs: dict[str, tuple[tuple[CostId, str], ...]] = {}
        self.bearer_order: dict[str, int] = {b.id: n for n, b in enumerate(catalogue.bearers)}
        self.bearers: dict[str, Bearer] = {b.id: b for b in catalogue.bearers}

    def costs_of(self, stage: StageId | None) -> tuple[tuple[CostId, str], ...]:
        """The catalogue's costs of a stage as ``(id, label)``, worked out once per stage.

        Only the catalogue's own stages are kept, so what is kept stays bounded.
        """
        if stage is None or stage not in self.stage_order:
            return ()
        found = self.stage_costs.get(stage)
        if found is None:
            cat = self.catalogue
            entry = next(s for s in cat.stages if s.id == stage)
            found = self.stage_costs[stage] = tuple(
                (c, cat.cost(c).label) for c in entry.cost_cells
            )
        return found

    def stage_key(self, stage: StageId | None) -> tuple[int, str]:
        """A stage's position, then its id: catalogue order, the whole project (no stage) last."""
        return (self.stage_order.get(stage, 0) if stage is not None else 10**6, stage or "")


_Group = tuple[StageId | None, str, BearerId]
"""Lines that total together: a stage, a party and the bearer of their money and hours."""


def _accumulate(
    lines: Sequence[_Costed], *, cells_too: bool = True
) -> tuple[
    dict[tuple[StageId | None, str], _Acc], dict[StageId | None, _Acc], dict[BearerId, _Acc]
]:
    """Running totals per cell (stage, party), per stage and per bearer.

    One pass totals the lines per stage, party and bearer (per stage and bearer alone when
    the cells are not wanted: ``cells_too=False`` leaves them empty); the cells, stages and
    bearers then add up those groups. Adding zero changes no total (each starts at zero), so
    a line without money or before the grant adds nothing to the money or the grant's part.
    """
    groups: dict[_Group, _Acc] = {}
    for ln in lines:
        key = (ln.stage, ln.party if cells_too else "", ln.bearer)
        acc = groups.get(key)
        if acc is None:
            acc = groups[key] = [_ZERO, _ZERO, _ZERO, _ZERO, _ZERO]
        money = ln.money
        if money is not None:
            acc[0] += money
            if not ln.before_grant:
                acc[3] += money
        else:
            acc[4] += 1
        acc[1] += ln.hours
        acc[2] += ln.unpaid_hours
    cells: dict[tuple[StageId | None, str], _Acc] = {}
    stages: dict[StageId | None, _Acc] = {}
    bearers: dict[BearerId, _Acc] = {}
    for (stage, party, bearer), group in groups.items():
        _add(stages, stage, group)
        _add(bearers, bearer, group)
        if cells_too:
            _add(cells, (stage, party), group)
    return cells, stages, bearers


def _add(table: dict[_K, _Acc], key: _K, group: _Acc) -> None:
    """Add a group's totals to ``key``'s in ``table``.

    The first group is copied: adding it to zero would give the same totals, exponents
    included, since a group's totals started at zero themselves.
    """
    acc = table.get(key)
    if acc is None:
        table[key] = group.copy()
    else:
        acc[0] += group[0]
        acc[1] += group[1]
        acc[2] += group[2]
        acc[3] += group[3]
        acc[4] += group[4]


def _by_cell(
    cells: dict[tuple[StageId | None, str], _Acc], stage_key: _StageKey
) -> tuple[CellTotal, ...]:
    """The totals per stage and party, in stage order then by party."""
    return tuple(
        CellTotal(stage=stage, party=party, money=acc[0], hours=acc[1], unpriced=int(acc[4]))
        for (stage, party), acc in sorted(
            cells.items(), key=lambda kv: (stage_key(kv[0][0]), kv[0][1])
        )
    )


def _by_stage(
    stages: dict[StageId | None, _Acc], order: _Orders, budget: Decimal | None
) -> tuple[StageTotal, ...]:
    """The totals per stage, with the share of the budget and the stage's costs."""
    stage_key, costs_of = order.stage_key, order.costs_of
    return tuple(
        StageTotal(
            stage=stage,
            money=acc[0],
            hours=acc[1],
            share=acc[3] / budget if budget else None,
            costs=costs_of(stage),
            unpriced=int(acc[4]),
        )
        for stage, acc in sorted(stages.items(), key=lambda kv: stage_key(kv[0]))
    )


def _by_bearer(bearers: dict[BearerId, _Acc], order: _Orders) -> tuple[BearerTotal, ...]:
    """The totals per bearer, in the catalogue's order of bearers."""
    bearer_order, entries = order.bearer_order, order.bearers
    return tuple(
        BearerTotal(
            bearer=bid,
            label=entries[bid].label,
            money=acc[0],
            hours=acc[1],
            unpaid_hours=acc[2],
            least_able=entries[bid].least_able,
            unpriced=int(acc[4]),
        )
        for bid, acc in sorted(bearers.items(), key=lambda kv: bearer_order.get(kv[0], 10**6))
    )
