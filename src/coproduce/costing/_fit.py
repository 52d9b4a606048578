"""The plan that fits: keep what the aims need within a budget of money and team hours.

The method (the paper gives no rule; this is the project's own, see ``docs/costing.md``):

1. Costs the fit cannot change come first: staff time, subcontracts and shared expenses.
   Involvements before the grant are outside its budget and are kept as drawn.
2. Every other costed involvement has up to three options: keep it, keep its lighter
   version (when the document describes one), or drop it. Lay contributors are always
   costed as paid: a line that left them unpaid is priced at its role's rate ("pay").
3. **Aims first, exactly.** Which aims can still be served is a budgeted set cover. Aims
   are few, so a dynamic programme over subsets of aims finds, for every subset, the
   cheapest ways (a Pareto front of money and team hours) to serve it; the fit serves the
   largest subset that has a way within the budget. So no aim loses its only route when
   any plan within the budget keeps every aim served.
4. **Then keep the most.** With what is left, involvements are kept in full or lighter,
   greedily, in a fixed order: those serving more aims first, then deeper modes, then
   cheaper ones, then by stage and stakeholder.

Everything is ordered by (stage order, stakeholder id), never by list position, so the
result does not depend on the order of the document's lists. Exact for up to
:data:`MAX_EXACT_AIMS` aims; beyond that the aims step is greedy too (and says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._cost import (
    _fixed_lines,
    costing_problems,
    involvement_lines,
    rate_table,
)
from coproduce.costing._results import Change, Fit, Line, LineKind, Verb
from coproduce.errors import CostingError
from coproduce.model import (
    InvolvementCosting,
    PaymentMethod,
    Project,
    RateCard,
    Sphere,
)

__all__ = ["MAX_EXACT_AIMS", "fit"]

MAX_EXACT_AIMS = 16
"""Up to this many aims the fit serves the most aims exactly (2**16 subsets at most)."""

_ZERO = Decimal(0)
_INF = Decimal("Infinity")


@attrs.frozen
class _Option:
    verb: Verb
    money: Decimal
    hours: Decimal
    costing: InvolvementCosting


@attrs.frozen
class _Candidate:
    index: int
    key: tuple[int, str]
    costing: InvolvementCosting
    aims: tuple[str, ...]
    mask: int
    depth: int
    lay_paid_up: bool
    lay_unpaid: bool  # lay, no fee, and no rate to pay one at
    drawn_money: Decimal
    drawn_hours: Decimal
    options: tuple[_Option, ...]  # full first, then lighter when there is one


def _money_hours(lines: list[Line]) -> tuple[Decimal, Decimal]:
    money = sum((ln.money for ln in lines if ln.money is not None), _ZERO)
    hours = sum((ln.hours for ln in lines if ln.kind is LineKind.TEAM), _ZERO)
    return money, hours


def fit(
    project: Project,
    *,
    budget: Decimal | None = None,
    budget_hours: Decimal | None = None,
    rates: RateCard | None = None,
    catalogue: Catalogue | None = None,
) -> Fit | None:
    """The plan that keeps the most of what the aims need within a budget.

    Args:
        project: a project with a ``costing`` section (``None`` is returned without one).
        budget: the money available; defaults to the costing's ``budget`` (``None``:
            unlimited).
        budget_hours: the team hours available; defaults to the costing's
            ``budget_hours``.
        rates: a rate card, as for :func:`coproduce.costing.cost`.
        catalogue: the catalogue (the paper's by default).

    Raises:
        CostingError: as :func:`coproduce.costing.cost`.

    Example:
        >>> from decimal import Decimal
        >>> from coproduce import Aim, Project, Stakeholder, StakeholderKind, Involvement, Mode
        >>> from coproduce.model import CostingPlan, InvolvementCosting, Rate, RateCard, RateUnit
        >>> card = RateCard(id="mine", currency="GBP", rates=(
        ...     Rate(role="member", unit=RateUnit.DAY, amount=Decimal(150)),))
        >>> stages = ("stage.framing-questions", "stage.dissemination")
        >>> p = Project(
        ...     title="t",
        ...     aims=(Aim(id="relevance", description="ask what matters"),),
        ...     stakeholders=(Stakeholder(id="panel", kind=StakeholderKind.PATIENT),),
        ...     plan=tuple(Involvement(stage=s, stakeholder="panel", mode=Mode.CONSULTATION,
        ...                            aims=("relevance",)) for s in stages),
        ...     costing=CostingPlan(currency="GBP", rate_card=card, involvements=tuple(
        ...         InvolvementCosting(stage=s, stakeholder="panel", people=2,
        ...                            role="member", unit=RateUnit.DAY) for s in stages)),
        ... )
        >>> f = fit(p, budget=Decimal(400))
        >>> [(c.stage, c.verb.value) for c in f.changes]
        [('stage.framing-questions', 'keep'), ('stage.dissemination', 'drop')]
        >>> f.money, f.aims_served
        (Decimal('300'), ('relevance',))

    """
    plan = project.costing
    if plan is None:
        return None
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = costing_problems(project, rates=rates, catalogue=cat)
    if problems:
        raise CostingError(f"{path}: {message}" for path, _, message in problems)
    money_cap = budget if budget is not None else plan.budget
    hours_cap = budget_hours if budget_hours is not None else plan.budget_hours
    table = rate_table(plan, rates)
    kinds = {s.id: s.kind for s in project.stakeholders}
    researchers = {r.id: r for r in project.researchers}
    stage_order = {s.id: s.order for s in cat.stages}
    plan_lines = {(i.stage, i.stakeholder): i for i in project.plan}
    known_aims = {a.id for a in project.aims}

    fixed = [ln for ln in _fixed_lines(project, plan, table, cat) if not ln.before_grant]
    fixed_money, _ = _money_hours(fixed)
    fixed_hours = sum((ln.hours for ln in fixed), _ZERO)

    def lines_of(index: int, ic: InvolvementCosting) -> list[Line]:
        return involvement_lines(
            index, ic, kinds=kinds, researchers=researchers, table=table, catalogue=cat
        )

    costed = {(ic.stage, ic.stakeholder) for ic in plan.involvements}
    free_aims: set[str] = set()  # served by lines the fit does not touch
    for inv in project.plan:
        if (inv.stage, inv.stakeholder) not in costed:
            free_aims.update(a for a in inv.aims if a in known_aims)
    kept_before: list[tuple[int, InvolvementCosting]] = []
    raw: list[tuple[int, InvolvementCosting]] = []
    for i, ic in enumerate(plan.involvements):
        if ic.before_grant:
            kept_before.append((i, ic))
            inv = plan_lines[(ic.stage, ic.stakeholder)]
            free_aims.update(a for a in inv.aims if a in known_aims)
        else:
            raw.append((i, ic))

    wanted = sorted(
        {a for _, ic in raw for a in plan_lines[(ic.stage, ic.stakeholder)].aims}
        & known_aims - free_aims
    )
    bit = {a: 1 << n for n, a in enumerate(wanted)}

    candidates: list[_Candidate] = []
    for i, ic in raw:
        inv = plan_lines[(ic.stage, ic.stakeholder)]
        lay = kinds[ic.stakeholder].sphere is Sphere.LAY
        priced = ic
        lay_paid_up = False
        if lay and ic.payment is PaymentMethod.NONE and ic.role:
            rate = table.get((ic.role, ic.unit))
            if rate is not None and rate.amount is not None:
                priced = attrs.evolve(ic, payment=PaymentMethod.PAID)
                lay_paid_up = True
        drawn_money, drawn_hours = _money_hours(lines_of(i, ic))
        full_money, full_hours = _money_hours(lines_of(i, priced))
        options = [_Option(Verb.KEEP, full_money, full_hours, priced)]
        if priced.lighter is not None:
            lt = priced.lighter
            light = attrs.evolve(
                priced,
                people=lt.people if lt.people is not None else priced.people,
                sessions=lt.sessions if lt.sessions is not None else priced.sessions,
                hours=lt.hours if lt.hours is not None else priced.hours,
                format=lt.format if lt.format is not None else priced.format,
                lighter=None,
            )
            light_money, light_hours = _money_hours(lines_of(i, light))
            options.append(_Option(Verb.LIGHTER, light_money, light_hours, light))
        aims = tuple(sorted(a for a in set(inv.aims) if a in known_aims))
        candidates.append(
            _Candidate(
                index=i,
                key=(stage_order.get(ic.stage, 0), ic.stage + "\0" + ic.stakeholder),
                costing=ic,
                aims=aims,
                mask=sum(bit.get(a, 0) for a in aims),
                depth=inv.mode.depth,
                lay_paid_up=lay_paid_up,
                lay_unpaid=lay
                and not lay_paid_up
                and (ic.payment is PaymentMethod.NONE or not ic.role),
                drawn_money=drawn_money,
                drawn_hours=drawn_hours,
                options=tuple(options),
            )
        )
    candidates.sort(key=lambda c: c.key)

    money_left = _INF if money_cap is None else money_cap - fixed_money
    hours_left = _INF if hours_cap is None else hours_cap - fixed_hours
    feasible = money_left >= 0 and hours_left >= 0
    choice: dict[int, _Option | None] = {c.index: None for c in candidates}
    exact = len(wanted) <= MAX_EXACT_AIMS
    if feasible:
        cover = (
            _exact_cover(candidates, len(wanted), money_left, hours_left)
            if exact
            else _greedy_cover(candidates, money_left, hours_left)
        )
        choice.update(cover)
        spent_money = sum((o.money for o in choice.values() if o is not None), _ZERO)
        spent_hours = sum((o.hours for o in choice.values() if o is not None), _ZERO)
        in_cover = {index for index, _ in cover}
        order = sorted(
            candidates,
            key=lambda c: (
                c.index not in in_cover,
                -len(c.aims),
                -c.depth,
                c.options[0].money,
                c.key,
            ),
        )
        for c in order:
            current = choice[c.index]
            now_money = current.money if current else _ZERO
            now_hours = current.hours if current else _ZERO
            for option in c.options:
                if current is not None and option.verb is current.verb:
                    break  # already at this option or better
                extra_money = option.money - now_money
                extra_hours = option.hours - now_hours
                if (
                    spent_money + extra_money <= money_left
                    and spent_hours + extra_hours <= hours_left
                ):
                    choice[c.index] = option
                    spent_money += extra_money
                    spent_hours += extra_hours
                    break

    served = set(free_aims) & known_aims
    for c in candidates:
        if choice[c.index] is not None:
            served.update(c.aims)
    drawn_served = set(free_aims) | {a for c in candidates for a in c.aims}
    routes: dict[str, int] = {}
    for c in candidates:
        for a in c.aims:
            routes[a] = routes.get(a, 0) + 1

    changes = [
        _change(c, choice[c.index], served, routes, free_aims, exact, feasible, plan.currency)
        for c in candidates
    ]
    for _, ic in kept_before:
        inv = plan_lines[(ic.stage, ic.stakeholder)]
        changes.append(
            Change(
                stage=ic.stage,
                stakeholder=ic.stakeholder,
                verb=Verb.KEEP,
                aims=tuple(sorted(a for a in set(inv.aims) if a in known_aims)),
                money=_ZERO,
                team_hours=_ZERO,
                saving=_ZERO,
                reason="kept: it happens before the grant starts, outside the grant's budget",
            )
        )
    changes.sort(key=lambda ch: (stage_order.get(ch.stage, 0), ch.stage, ch.stakeholder))
    money = fixed_money + sum((o.money for o in choice.values() if o is not None), _ZERO)
    hours = fixed_hours + sum((o.hours for o in choice.values() if o is not None), _ZERO)
    method = (
        "aims served chosen exactly over subsets of aims (a budgeted set cover), then "
        "involvements kept greedily by aims served, depth, cost, stage and stakeholder"
        if exact
        else f"more than {MAX_EXACT_AIMS} aims: aims served chosen greedily (not proven "
        "the most), then involvements kept greedily"
    )
    return Fit(
        budget=money_cap,
        budget_hours=hours_cap,
        fixed_money=fixed_money,
        fixed_hours=fixed_hours,
        money=money,
        team_hours=hours,
        feasible=feasible,
        aims_served=tuple(sorted(served)),
        aims_lost=tuple(sorted(drawn_served - served)),
        changes=tuple(changes),
        method=method,
    )


# --------------------------------------------------------------------------- the aims step

_Point = tuple[Decimal, Decimal, int, int, int]
"""(money, team hours, candidate position, option position, index of the rest's point)."""


def _front_insert(front: list[_Point], point: _Point) -> list[_Point]:
    """Keep only points no other point beats in both money and hours (ties: the first)."""
    money, hours = point[0], point[1]
    for m, h, *_ in front:
        if m <= money and h <= hours:
            return front
    kept = [p for p in front if not (money <= p[0] and hours <= p[1])]
    kept.append(point)
    kept.sort(key=lambda p: (p[0], p[1]))
    return kept


def _exact_cover(
    candidates: list[_Candidate], n_aims: int, money_left: Decimal, hours_left: Decimal
) -> list[tuple[int, _Option]]:
    """The cheapest options serving the largest subset of aims that fits, exactly."""
    full = (1 << n_aims) - 1
    # The cheapest items per distinct aim mask: an item is (money, hours, cand, option).
    by_mask: dict[int, list[_Point]] = {}
    for ci, c in enumerate(candidates):
        if not c.mask:
            continue
        for oi, o in enumerate(c.options):
            by_mask[c.mask] = _front_insert(by_mask.get(c.mask, []), (o.money, o.hours, ci, oi, -1))
    items = sorted(by_mask.items())
    # dp[mask]: the Pareto front of ways to serve at least ``mask``.
    dp: list[list[_Point]] = [[] for _ in range(full + 1)]
    dp[0] = [(_ZERO, _ZERO, -1, -1, -1)]
    for mask in range(1, full + 1):
        front: list[_Point] = []
        for item_mask, points in items:
            if not item_mask & mask:
                continue
            rest = mask & ~item_mask
            for rp_index, (rm, rh, *_) in enumerate(dp[rest]):
                for m, h, ci, oi, _ in points:
                    front = _front_insert(front, (rm + m, rh + h, ci, oi, rp_index))
        dp[mask] = front
    best: tuple[tuple[int, Decimal, Decimal, int], int, int] | None = None
    for mask in range(full + 1):
        for pi, (m, h, *_) in enumerate(dp[mask]):
            if m <= money_left and h <= hours_left:
                # the most aims; then the cheapest; then the lowest mask (aims sorted by id)
                rank = (-bin(mask).count("1"), m, h, mask)
                if best is None or rank < best[0]:
                    best = (rank, mask, pi)
                break  # the front is sorted by money: later points cost more money
    if best is None:
        return []
    _, mask, pi = best
    chosen: dict[int, _Option] = {}
    while mask:
        m, h, ci, oi, rest_pi = dp[mask][pi]
        c = candidates[ci]
        option = c.options[oi]
        previous = chosen.get(c.index)
        if previous is None or option.money > previous.money:
            chosen[c.index] = option
        mask &= ~c.mask
        pi = rest_pi
    return sorted(chosen.items())


def _greedy_cover(
    candidates: list[_Candidate], money_left: Decimal, hours_left: Decimal
) -> list[tuple[int, _Option]]:
    """Many aims: take the involvement serving the most unserved aims per unit cost."""
    served = 0
    spent_money = spent_hours = _ZERO
    chosen: dict[int, _Option] = {}
    while True:
        best: tuple[tuple[int, Decimal, tuple[int, str]], _Candidate, _Option] | None = None
        for c in candidates:
            gain = bin(c.mask & ~served).count("1")
            if not gain or c.index in chosen:
                continue
            o = min(c.options, key=lambda o: (o.money, o.hours))
            if spent_money + o.money > money_left or spent_hours + o.hours > hours_left:
                continue
            rank = (-gain, o.money / gain, c.key)
            if best is None or rank < best[0]:
                best = (rank, c, o)
        if best is None:
            return sorted(chosen.items())
        _, c, o = best
        chosen[c.index] = o
        served |= c.mask
        spent_money += o.money
        spent_hours += o.hours


# --------------------------------------------------------------------------- explanations


def _fmt(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount.quantize(Decimal('0.01')):,}"


def _change(
    c: _Candidate,
    option: _Option | None,
    served: set[str],
    routes: Mapping[str, int],
    free_aims: set[str],
    exact: bool,
    feasible: bool,
    currency: str,
) -> Change:
    ic = c.costing
    sole = [a for a in c.aims if routes.get(a, 0) == 1 and a not in free_aims]
    aims_text = ", ".join(c.aims) if c.aims else "no aim"
    if option is None:
        lost = [a for a in c.aims if a not in served]
        if not feasible:
            why = (
                "the costs the fit cannot change (staff time, subcontracts) already exceed "
                "the budget"
            )
        elif lost:
            why = f"the budget cannot also serve {', '.join(lost)}" + (
                " (no plan within it can)" if exact else ""
            )
        elif c.aims:
            why = f"to fit the budget; its aims ({aims_text}) stay served by other involvements"
        else:
            why = "it serves none of the project's aims"
        return Change(
            stage=ic.stage,
            stakeholder=ic.stakeholder,
            verb=Verb.DROP,
            aims=c.aims,
            money=_ZERO,
            team_hours=_ZERO,
            saving=c.drawn_money,
            reason=(
                f"dropped: {why}; saves {_fmt(c.drawn_money, currency)} and "
                f"{c.drawn_hours.normalize():f} team hours"
            ),
        )
    saving = c.drawn_money - option.money
    if option.verb is Verb.LIGHTER:
        note = ic.lighter.note if ic.lighter is not None and ic.lighter.note else "lighter"
        reason = f"made lighter ({note}) to fit the budget; saves {_fmt(saving, currency)}"
        if c.lay_paid_up:
            reason += "; its lay contributors are paid at their role's rate"
        return Change(
            stage=ic.stage,
            stakeholder=ic.stakeholder,
            verb=Verb.LIGHTER,
            aims=c.aims,
            money=option.money,
            team_hours=option.hours,
            saving=saving,
            reason=reason,
        )
    if c.lay_paid_up:
        return Change(
            stage=ic.stage,
            stakeholder=ic.stakeholder,
            verb=Verb.PAY,
            aims=c.aims,
            money=option.money,
            team_hours=option.hours,
            saving=saving,
            reason=(
                "kept, and its lay contributors paid at their role's rate: the plan as drawn "
                f"left them unpaid; costs {_fmt(-saving, currency)} more"
            ),
        )
    reason = "kept as drawn"
    if sole:
        reason += f": the only route to {', '.join(sole)}"
    elif c.aims:
        reason += f": serves {aims_text}"
    if c.lay_unpaid:
        reason += (
            "; its lay contributors stay unpaid only because no rate is given to pay them "
            "at: name a role with a rate"
        )
    return Change(
        stage=ic.stage,
        stakeholder=ic.stakeholder,
        verb=Verb.KEEP,
        aims=c.aims,
        money=option.money,
        team_hours=option.hours,
        saving=saving,
        reason=reason,
    )
