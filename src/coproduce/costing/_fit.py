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

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._cost import (
    _fixed_lines,
    costing_problems,
    involvement_money_hours,
    involvement_unpriced,
    rate_table,
)
from coproduce.costing._results import Change, Fit, Line, LineKind, Verb
from coproduce.errors import CostingError
from coproduce.model import (
    CostingPlan,
    Involvement,
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
)
from coproduce.model._amounts import EXACT, exact, rounded

__all__ = ["MAX_EXACT_AIMS", "fit"]

MAX_EXACT_AIMS = 16
"""Up to this many aims the fit serves the most aims exactly (2**16 subsets at most)."""

_ZERO = Decimal(0)
_INF = Decimal("Infinity")


@attrs.frozen
class _Option(Record):
    verb: Verb
    money: Decimal
    hours: Decimal
    costing: InvolvementCosting
    unpriced: tuple[str, ...] = ()  # its lines without a rate, by label: ``money`` leaves them out


@attrs.frozen
class _Candidate(Record):
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
    """The money of some lines, and their team hours."""
    money = sum((ln.money for ln in lines if ln.money is not None), _ZERO)
    hours = sum((ln.hours for ln in lines if ln.kind is LineKind.TEAM), _ZERO)
    return money, hours


@attrs.frozen
class _Context(Record):
    """What every step of the fit reads: the plan, its rates, and lookups over the project."""

    plan: CostingPlan
    catalogue: Catalogue
    table: dict[tuple[str, RateUnit], Rate]
    kinds: dict[str, StakeholderKind]
    researchers: dict[str, Researcher]
    stage_order: dict[str, int]
    plan_lines: dict[tuple[str, str], Involvement]
    known_aims: frozenset[str]

    @classmethod
    def of(
        cls, project: Project, plan: CostingPlan, rates: RateCard | None, cat: Catalogue
    ) -> _Context:
        """The lookups of ``project`` costed with ``rates`` over ``cat``."""
        return cls(
            plan=plan,
            catalogue=cat,
            table=rate_table(plan, rates),
            kinds={s.id: s.kind for s in project.stakeholders},
            researchers={r.id: r for r in project.researchers},
            stage_order={s.id: s.order for s in cat.stages},
            plan_lines={(i.stage, i.stakeholder): i for i in project.plan},
            known_aims=frozenset(a.id for a in project.aims),
        )

    def line_of(self, ic: InvolvementCosting) -> Involvement:
        """The plan line an involvement costing costs."""
        return self.plan_lines[(ic.stage, ic.stakeholder)]

    def aims_of(self, ic: InvolvementCosting) -> tuple[str, ...]:
        """The known aims an involvement costing's plan line serves, sorted."""
        return tuple(sorted(a for a in set(self.line_of(ic).aims) if a in self.known_aims))


_Indexed = list[tuple[int, InvolvementCosting]]
"""Involvement costings with their index in the costing's list."""


@exact
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
    ctx = _Context.of(project, plan, rates, cat)
    fixed = [ln for ln in _fixed_lines(project, plan, ctx.table, cat) if not ln.before_grant]
    fixed_money, _ = _money_hours(fixed)
    fixed_hours = sum((ln.hours for ln in fixed), _ZERO)
    fixed_unpriced = tuple(
        sorted(
            f"{ln.stage or 'project'} · {ln.party} · {ln.label}" for ln in fixed if ln.money is None
        )
    )
    kept_before, raw, free_aims = _split(ctx, project)
    wanted = sorted(
        {a for _, ic in raw for a in ctx.line_of(ic).aims} & (ctx.known_aims - free_aims)
    )
    bit = {a: 1 << n for n, a in enumerate(wanted)}
    candidates = sorted((_candidate(ctx, i, ic, bit) for i, ic in raw), key=lambda c: c.key)
    caps = _Caps(
        money=budget if budget is not None else plan.budget,
        hours=budget_hours if budget_hours is not None else plan.budget_hours,
        fixed_money=fixed_money,
        fixed_hours=fixed_hours,
    )
    exact = len(wanted) <= MAX_EXACT_AIMS
    choice = _choose(candidates, caps, len(wanted))
    served = set(free_aims) & ctx.known_aims
    for c in candidates:
        if choice[c.index] is not None:
            served.update(c.aims)
    drawn_served = set(free_aims) | {a for c in candidates for a in c.aims}
    why = _Why(
        frozenset(served),
        _routes(candidates),
        frozenset(free_aims),
        exact,
        caps.feasible,
        plan.currency,
    )
    changes = [_change(c, choice[c.index], why) for c in candidates]
    changes += [_kept_before(ctx, ic) for _, ic in kept_before]
    changes.sort(key=lambda ch: (ctx.stage_order.get(ch.stage, 0), ch.stage, ch.stakeholder))
    unpriced = (
        *(f"{ch.stage} · {ch.stakeholder} · {label}" for ch in changes for label in ch.unpriced),
        *fixed_unpriced,
    )
    return Fit(
        budget=caps.money,
        budget_hours=caps.hours,
        fixed_money=fixed_money,
        fixed_hours=fixed_hours,
        money=fixed_money + sum((o.money for o in choice.values() if o is not None), _ZERO),
        team_hours=fixed_hours + sum((o.hours for o in choice.values() if o is not None), _ZERO),
        # a plan that keeps lines without a rate is not known to fit a money budget
        feasible=caps.feasible and not (unpriced and caps.money is not None),
        aims_served=tuple(sorted(served)),
        aims_lost=tuple(sorted(drawn_served - served)),
        changes=tuple(changes),
        method=_method(exact),
        unpriced=unpriced,
    )


def _split(ctx: _Context, project: Project) -> tuple[_Indexed, _Indexed, set[str]]:
    """Involvements before the grant, those the fit may change, and aims served regardless."""
    costed = {(ic.stage, ic.stakeholder) for ic in ctx.plan.involvements}
    free_aims: set[str] = set()  # served by lines the fit does not touch
    for inv in project.plan:
        if (inv.stage, inv.stakeholder) not in costed:
            free_aims.update(a for a in inv.aims if a in ctx.known_aims)
    kept_before: _Indexed = []
    raw: _Indexed = []
    for i, ic in enumerate(ctx.plan.involvements):
        if ic.before_grant:
            kept_before.append((i, ic))
            free_aims.update(a for a in ctx.line_of(ic).aims if a in ctx.known_aims)
        else:
            raw.append((i, ic))
    return kept_before, raw, free_aims


def _paid_up(ctx: _Context, ic: InvolvementCosting) -> tuple[InvolvementCosting, bool]:
    """The costing as the fit prices it (lay contributors paid when a rate allows): and if so."""
    lay = ctx.kinds[ic.stakeholder].sphere is Sphere.LAY
    if lay and ic.payment is PaymentMethod.NONE and ic.role:
        rate = ctx.table.get((ic.role, ic.unit))
        if rate is not None and rate.amount is not None:
            return attrs.evolve(ic, payment=PaymentMethod.PAID), True
    return ic, False


def _lighter(priced: InvolvementCosting) -> InvolvementCosting | None:
    """The lighter version of a costing, when the document describes one."""
    lt = priced.lighter
    if lt is None:
        return None
    return attrs.evolve(
        priced,
        people=lt.people if lt.people is not None else priced.people,
        sessions=lt.sessions if lt.sessions is not None else priced.sessions,
        hours=lt.hours if lt.hours is not None else priced.hours,
        format=lt.format if lt.format is not None else priced.format,
        lighter=None,
    )


def _candidate(ctx: _Context, i: int, ic: InvolvementCosting, bit: Mapping[str, int]) -> _Candidate:
    """One involvement the fit may change, with its options priced."""
    lay = ctx.kinds[ic.stakeholder].sphere is Sphere.LAY
    priced, lay_paid_up = _paid_up(ctx, ic)
    drawn_money, drawn_hours = involvement_money_hours(ic, ctx.table)
    full_money, full_hours = (
        involvement_money_hours(priced, ctx.table) if lay_paid_up else (drawn_money, drawn_hours)
    )
    unpriced = involvement_unpriced(priced, ctx.table)
    options = [_Option(Verb.KEEP, full_money, full_hours, priced, unpriced)]
    light = _lighter(priced)
    if light is not None:
        light_money, light_hours = involvement_money_hours(light, ctx.table)
        options.append(_Option(Verb.LIGHTER, light_money, light_hours, light, unpriced))
    aims = ctx.aims_of(ic)
    return _Candidate(
        index=i,
        key=(ctx.stage_order.get(ic.stage, 0), ic.stage + "\0" + ic.stakeholder),
        costing=ic,
        aims=aims,
        mask=sum(bit.get(a, 0) for a in aims),
        depth=ctx.line_of(ic).mode.depth,
        lay_paid_up=lay_paid_up,
        lay_unpaid=lay and not lay_paid_up and (ic.payment is PaymentMethod.NONE or not ic.role),
        drawn_money=drawn_money,
        drawn_hours=drawn_hours,
        options=tuple(options),
    )


@attrs.frozen
class _Caps(Record):
    """The budget of money and team hours, and what the fixed costs leave of it."""

    money: Decimal | None
    hours: Decimal | None
    fixed_money: Decimal
    fixed_hours: Decimal

    @property
    def money_left(self) -> Decimal:
        """The money left after the fixed costs (infinite without a budget)."""
        return _INF if self.money is None else self.money - self.fixed_money

    @property
    def hours_left(self) -> Decimal:
        """The team hours left after the fixed hours (infinite without a limit)."""
        return _INF if self.hours is None else self.hours - self.fixed_hours

    @property
    def feasible(self) -> bool:
        """The fixed costs alone fit the budget."""
        return self.money_left >= 0 and self.hours_left >= 0


def _choose(candidates: list[_Candidate], caps: _Caps, n_aims: int) -> dict[int, _Option | None]:
    """Each candidate's option (``None``: dropped): aims first, then keep the most."""
    choice: dict[int, _Option | None] = {c.index: None for c in candidates}
    if not caps.feasible:
        return choice
    money_left, hours_left = caps.money_left, caps.hours_left
    cover = (
        _exact_cover(candidates, n_aims, money_left, hours_left)
        if n_aims <= MAX_EXACT_AIMS
        else _greedy_cover(candidates, money_left, hours_left)
    )
    choice.update(cover)
    _keep_the_most(candidates, choice, {index for index, _ in cover}, money_left, hours_left)
    return choice


def _keep_the_most(
    candidates: list[_Candidate],
    choice: dict[int, _Option | None],
    in_cover: set[int],
    money_left: Decimal,
    hours_left: Decimal,
) -> None:
    """Step 4: with what the cover left, keep involvements in full or lighter, greedily."""
    spent_money = sum((o.money for o in choice.values() if o is not None), _ZERO)
    spent_hours = sum((o.hours for o in choice.values() if o is not None), _ZERO)
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
        option = _upgrade(c, current, (spent_money, spent_hours), (money_left, hours_left))
        if option is not None:
            choice[c.index] = option
            spent_money += option.money - now_money
            spent_hours += option.hours - now_hours


def _upgrade(
    c: _Candidate,
    current: _Option | None,
    spent: tuple[Decimal, Decimal],
    left: tuple[Decimal, Decimal],
) -> _Option | None:
    """The first option better than the current one that the budget affords, if any."""
    now_money = current.money if current else _ZERO
    now_hours = current.hours if current else _ZERO
    for option in c.options:
        if current is not None and option.verb is current.verb:
            return None  # already at this option or better
        extra_money = option.money - now_money
        extra_hours = option.hours - now_hours
        if spent[0] + extra_money <= left[0] and spent[1] + extra_hours <= left[1]:
            return option
    return None


def _routes(candidates: list[_Candidate]) -> dict[str, int]:
    """How many candidates serve each aim."""
    routes: dict[str, int] = {}
    for c in candidates:
        for a in c.aims:
            routes[a] = routes.get(a, 0) + 1
    return routes


def _kept_before(ctx: _Context, ic: InvolvementCosting) -> Change:
    """The change of an involvement before the grant: kept, outside the grant's budget."""
    return Change(
        stage=StageId(ic.stage),
        stakeholder=ic.stakeholder,
        verb=Verb.KEEP,
        aims=ctx.aims_of(ic),
        money=_ZERO,
        team_hours=_ZERO,
        saving=_ZERO,
        reason="kept: it happens before the grant starts, outside the grant's budget",
    )


def _method(exact: bool) -> str:
    """How the fit was found, in a sentence."""
    if exact:
        return (
            "aims served chosen exactly over subsets of aims (a budgeted set cover), then "
            "involvements kept greedily by aims served, depth, cost, stage and stakeholder"
        )
    return (
        f"more than {MAX_EXACT_AIMS} aims: aims served chosen greedily (not proven "
        "the most), then involvements kept greedily"
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
    dp = _fronts(_items(candidates), (1 << n_aims) - 1)
    best = _best_point(dp, money_left, hours_left)
    if best is None:
        return []
    return _walk_back(dp, candidates, *best)


def _items(candidates: list[_Candidate]) -> list[tuple[int, list[_Point]]]:
    """The cheapest items per distinct aim mask: an item is (money, hours, cand, option)."""
    by_mask: dict[int, list[_Point]] = {}
    for ci, c in enumerate(candidates):
        if not c.mask:
            continue
        for oi, o in enumerate(c.options):
            by_mask[c.mask] = _front_insert(by_mask.get(c.mask, []), (o.money, o.hours, ci, oi, -1))
    return sorted(by_mask.items())


def _fronts(items: list[tuple[int, list[_Point]]], full: int) -> list[list[_Point]]:
    """For every mask of aims, the Pareto front of ways to serve at least that mask."""
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
    return dp


def _best_point(
    dp: list[list[_Point]], money_left: Decimal, hours_left: Decimal
) -> tuple[int, int] | None:
    """The mask and point serving the most aims within the budget, cheapest first."""
    best: tuple[tuple[int, Decimal, Decimal, int], int, int] | None = None
    for mask, front in enumerate(dp):
        for pi, (m, h, *_) in enumerate(front):
            if m <= money_left and h <= hours_left:
                # the most aims; then the cheapest; then the lowest mask (aims sorted by id)
                rank = (-bin(mask).count("1"), m, h, mask)
                if best is None or rank < best[0]:
                    best = (rank, mask, pi)
                break  # the front is sorted by money: later points cost more money
    return None if best is None else (best[1], best[2])


def _walk_back(
    dp: list[list[_Point]], candidates: list[_Candidate], mask: int, pi: int
) -> list[tuple[int, _Option]]:
    """The options along the way to a point, by candidate index (the dearest of repeats)."""
    chosen: dict[int, _Option] = {}
    while mask:
        _, _, ci, oi, rest_pi = dp[mask][pi]
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
    """An amount with its currency code, to the cent."""
    return f"{currency} {rounded(amount, Decimal('0.01')):,}"


@attrs.frozen
class _Why(Record):
    """What the explanations of the changes read: the outcome of the fit as a whole."""

    served: frozenset[str]
    routes: Mapping[str, int]
    free_aims: frozenset[str]
    exact: bool
    feasible: bool
    currency: str


def _change(c: _Candidate, option: _Option | None, why: _Why) -> Change:
    """What the fit does to one candidate, and why."""
    if option is None:
        return _dropped(c, why)
    if option.verb is Verb.LIGHTER:
        return _made_lighter(c, option, why)
    if c.lay_paid_up:
        return _change_of(
            c,
            Verb.PAY,
            option,
            "kept, and its lay contributors paid at their role's rate: the plan as drawn "
            f"left them unpaid; costs {_fmt(-(c.drawn_money - option.money), why.currency)} more",
        )
    return _kept(c, option, why)


def _change_of(c: _Candidate, verb: Verb, option: _Option, reason: str) -> Change:
    """A change keeping ``option`` of ``c`` (in full or lighter), with its reason."""
    return Change(
        stage=StageId(c.costing.stage),
        stakeholder=c.costing.stakeholder,
        verb=verb,
        aims=c.aims,
        money=option.money,
        team_hours=option.hours,
        saving=c.drawn_money - option.money,
        reason=reason,
        unpriced=option.unpriced,
    )


def _dropped(c: _Candidate, why: _Why) -> Change:
    """The change dropping a candidate, with why it goes and what it saves."""
    lost = [a for a in c.aims if a not in why.served]
    if not why.feasible:
        because = (
            "the costs the fit cannot change (staff time, subcontracts) already exceed the budget"
        )
    elif lost:
        because = f"the budget cannot also serve {', '.join(lost)}" + (
            " (no plan within it can)" if why.exact else ""
        )
    elif c.aims:
        because = (
            f"to fit the budget; its aims ({', '.join(c.aims)}) stay served by other involvements"
        )
    else:
        because = "it serves none of the project's aims"
    return Change(
        stage=StageId(c.costing.stage),
        stakeholder=c.costing.stakeholder,
        verb=Verb.DROP,
        aims=c.aims,
        money=_ZERO,
        team_hours=_ZERO,
        saving=c.drawn_money,
        reason=(
            f"dropped: {because}; saves {_at_least(c)}{_fmt(c.drawn_money, why.currency)} and "
            f"{c.drawn_hours.normalize(EXACT):f} team hours"
        ),
    )


def _at_least(c: _Candidate) -> str:
    """``"at least "`` where the candidate's money leaves out lines without a rate."""
    return "at least " if c.options[0].unpriced else ""


def _made_lighter(c: _Candidate, option: _Option, why: _Why) -> Change:
    """The change keeping a candidate's lighter version, with what it saves."""
    lighter = c.costing.lighter
    note = lighter.note if lighter is not None and lighter.note else "lighter"
    saving = c.drawn_money - option.money
    reason = f"made lighter ({note}) to fit the budget; saves {_fmt(saving, why.currency)}"
    if option.unpriced:
        reason += " on the lines with a rate"
    if c.lay_paid_up:
        reason += "; its lay contributors are paid at their role's rate"
    return _change_of(c, Verb.LIGHTER, option, reason)


def _kept(c: _Candidate, option: _Option, why: _Why) -> Change:
    """The change keeping a candidate as drawn, with the aims it serves."""
    sole = [a for a in c.aims if why.routes.get(a, 0) == 1 and a not in why.free_aims]
    reason = "kept as drawn"
    if sole:
        reason += f": the only route to {', '.join(sole)}"
    elif c.aims:
        reason += f": serves {', '.join(c.aims)}"
    if c.lay_unpaid:
        reason += (
            "; its lay contributors stay unpaid only because no rate is given to pay them "
            "at: name a role with a rate"
        )
    return _change_of(c, Verb.KEEP, option, reason)
