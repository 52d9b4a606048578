"""Totals: the stage that adds up priced lines, per currency total, stage, party and bearer.

:func:`costing_of` makes the :class:`~coproduce.costing.Costing` of the lines the pricing
stage (:mod:`coproduce.costing._lines`) priced: the project's money and hours, the grant's
part and the budget's gap, unpaid hours, and the same money and hours per stage × party
cell, per stage and per bearer. :func:`totals_of` is the same totals of the priced lines
themselves, without the line records or the cells (for the appraisal, which reads
neither); :func:`money_and_team_hours` is what the plan that fits reads of one
involvement's lines. The totals read the same fields of a line whichever record holds it
(:class:`Costed`).

Every total adds the same exact ``Decimal`` values in the same order, from zero, so every
total is exactly the sum of its lines, exponent included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from coproduce.catalogue import Catalogue
from coproduce.costing._bearers import junior_bearers
from coproduce.costing._budget import budget_totals
from coproduce.costing._lines import Priced
from coproduce.costing._results import (
    BearerTotal,
    CellTotal,
    Costing,
    Line,
    LineKind,
    StageTotal,
)
from coproduce.model import Bearer, BearerId, CostId, Project, StageId

__all__ = ["Costed", "costing_of", "money_and_team_hours", "totals_of"]

_ZERO = Decimal(0)
_K = TypeVar("_K")


_Acc = list[Decimal]
"""Running totals: [money, hours, unpaid hours, grant-period money, unpriced lines]."""
_StageKey = Callable[[StageId | None], tuple[int, str]]
"""The sort key of a stage: catalogue order, the whole project last."""


def money_and_team_hours(lines: Iterable[Priced]) -> tuple[Decimal, Decimal]:
    """The committed money of some lines (with a rate, not contingent), and their team hours."""
    money = hours = _ZERO
    for ln in lines:
        if ln.money is not None and not ln.contingent:
            money += ln.money
        if ln.kind is LineKind.TEAM:
            hours += ln.hours
    return money, hours


class Costed(Protocol):
    """What the totals read of a line: its :class:`~coproduce.costing.Line`, or :class:`Priced`."""

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
    @property
    def contingent(self) -> bool: ...


def costing_of(project: Project, lines: tuple[Line, ...], catalogue: Catalogue) -> Costing:
    """The costing of some lines: they, their totals and their stage × party cells."""
    return _totals(project, lines, catalogue, lines)


def totals_of(project: Project, priced: Sequence[Priced], catalogue: Catalogue) -> Costing:
    """The costing of some priced lines, less its ``lines`` and ``by_cell`` (left empty).

    Every other total is the same exact ``Decimal`` as :func:`costing_of` gives for the
    records of the same lines.
    """
    return _totals(project, priced, catalogue, None)


def _totals(
    project: Project,
    priced: Sequence[Costed],
    catalogue: Catalogue,
    lines: tuple[Line, ...] | None,
) -> Costing:
    """The costing of ``priced``; with its ``lines`` and cells only when ``lines`` are given."""
    plan = project.costing
    assert plan is not None
    whole = _Totals(priced, junior_bearers(project, catalogue))
    budget, budget_hours = plan.budget, plan.budget_hours
    order = catalogue.memo("coproduce.costing.orders", _Orders)
    cells, stages, bearers = _accumulate(priced, cells_too=lines is not None)
    grant_money, team_hours = whole.grant_money, whole.team_hours
    budget_form = budget_totals(plan, lines) if lines is not None else None
    return Costing(
        currency=plan.currency,
        lines=lines or (),
        money=whole.money,
        hours=whole.hours,
        grant_money=grant_money,
        before_grant_money=whole.before_grant_money,
        team_hours=team_hours,
        unpriced=tuple(whole.unpriced),
        grant_unpriced=tuple(whole.grant_unpriced),
        budget=budget,
        budget_hours=budget_hours,
        share=grant_money / budget if budget else None,
        gap=None if budget is None else budget - grant_money,
        gap_hours=None if budget_hours is None else budget_hours - team_hours,
        unpaid_lay_hours=whole.unpaid_lay_hours,
        unpaid_junior_hours=whole.unpaid_junior_hours,
        declined_hours=whole.declined_hours,
        benefits_advice=tuple(
            f"costing.involvements[{i}]"
            for i, ic in enumerate(plan.involvements)
            if ic.benefits_advice
        ),
        by_cell=() if lines is None else _by_cell(cells, order.stage_key),
        by_stage=_by_stage(stages, order, budget),
        by_bearer=_by_bearer(bearers, order),
        months=plan.months,
        contingent_money=whole.contingent_money,
        **({} if budget_form is None else budget_form._asdict()),
        project_id=project.id,
    )


_TEAM_KINDS = (LineKind.TEAM, LineKind.STAFF)


class _Totals:
    """The project-wide totals of costed lines, in one pass.

    Each total adds the same values in the same order, from zero, as summing them one total
    at a time would: the same exact ``Decimal``, exponent included.
    """

    __slots__ = (
        "before_grant_money",
        "contingent_money",
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

    def __init__(self, lines: Sequence[Costed], junior: set[BearerId]) -> None:
        money = hours = grant = before = team = lay = juniors = declined = contingent = _ZERO
        unpriced: list[str] = []
        grant_unpriced: list[str] = []
        for ln in lines:
            m = ln.money
            if ln.contingent:  # an expense's ceiling, only if needed: apart from every total
                if m is not None and not ln.before_grant:
                    contingent += m
                continue
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
        self.grant_unpriced, self.contingent_money = grant_unpriced, contingent


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
    lines: Sequence[Costed], *, cells_too: bool = True
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
        if ln.contingent:
            continue
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
