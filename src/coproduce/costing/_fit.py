"""The plan that fits: keep what the aims need within a budget of money and team hours.

The paper gives no rule for this; the method is the project's own (``docs/costing.md``),
one named step each, in :func:`fit`:

1. **What the fit cannot change** (:class:`_Fixed`): staff time, subcontracts and shared
   expenses within the grant are counted first against the budget (:class:`_Caps`).
   Involvements before the grant are outside its budget and kept as drawn.
2. **What it may change** (:mod:`coproduce.costing._candidates`): every other costed
   involvement is a candidate with up to three options, each priced by the one pricing
   path: keep it, keep its lighter version (when the document describes one), or drop it.
   Lay contributors are always costed as paid: a line that left them unpaid is priced at
   its role's rate ("pay").
3. **Aims first** (:mod:`coproduce.costing._cover`): which aims can still be served is a
   budgeted set cover, solved exactly by a dynamic programme over subsets of aims, so no
   aim loses its only route when any plan within the budget keeps every aim served.
4. **Then keep the most** (:func:`_keep_the_most`): with what is left, involvements are
   kept in full or lighter, greedily, in a fixed order.
5. **The result** (:func:`_result`): each involvement's :class:`~coproduce.costing.FitChange`
   with its reason (:mod:`coproduce.costing._reasons`), and the fitted plan's totals.

**What it optimises today**, in this order:

- the number of aims served (of those the changeable involvements serve and nothing else
  does), exactly over every plan within the budget for up to :data:`MAX_EXACT_AIMS` aims,
  greedily beyond (the most unserved aims per unit of money, and it says so);
- among the covers serving that many aims, the least money, then the fewest team hours,
  then a fixed tie-break (the lowest bit mask over the aims sorted by id);
- nothing further, exactly: the upgrades of step 4 go to the cover's involvements first,
  then to those serving more aims, deeper modes, cheaper ones, then by stage and
  stakeholder, each taking the first of full then lighter that the budget still affords.
  So the fit does not maximise how many involvements it keeps, their depth, or the money
  it uses; it never saves money on lay contributors; and when the fixed costs alone exceed
  the budget it drops every involvement (``feasible`` false).

Everything is ordered by (stage order, stakeholder id), never by list position, so the
result does not depend on the order of the document's lists.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import attrs

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._candidates import (
    Candidate,
    Changeable,
    Context,
    Option,
    changeable,
    priced_candidates,
)
from coproduce.costing._check import costing_error, costing_problems
from coproduce.costing._cover import MAX_EXACT_AIMS, exact_cover, greedy_cover
from coproduce.costing._lines import as_priced, shared_lines
from coproduce.costing._reasons import Why, change, kept_before, method, routes
from coproduce.costing._results import Fit, FitChange
from coproduce.costing._search import MAX_EXACT_PLANS, best_plan, keep_dependencies, plans
from coproduce.costing._totals import money_and_team_hours
from coproduce.model import CostingPlan, Project, RateCard, exact

__all__ = ["MAX_EXACT_AIMS", "fit"]

_ZERO = Decimal(0)
_INF = Decimal("Infinity")

_Choice = dict[int, Option | None]
"""Each candidate's option by its index in the costing's list (``None``: dropped)."""


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
    _refuse_problems(project, rates, cat)
    ctx = Context.of(project, plan, rates, cat)
    fixed = _Fixed.of(project, ctx)
    caps = _Caps.of(plan, budget, budget_hours, fixed)
    split = changeable(ctx, project)
    candidates, n_aims = priced_candidates(ctx, split)
    choice, how = _plan_choice(candidates, caps, n_aims, _needs(ctx.plan, candidates))
    return _result(ctx, split, fixed, caps, candidates, choice, how)


def _plan_choice(
    candidates: list[Candidate], caps: _Caps, n_aims: int, needs: dict[int, tuple[int, ...]]
) -> tuple[_Choice, str]:
    """Each candidate's option, and how it was found: ``search``, ``exact`` or ``greedy``.

    Every plan is compared when there are few enough (:data:`MAX_EXACT_PLANS`); beyond, the
    aims' cover then keeping the most, less what depends on a dropped involvement.
    """
    if plans(candidates) <= MAX_EXACT_PLANS:
        return _searched(candidates, caps, needs), "search"
    choice = _choose(candidates, caps, n_aims)
    keep_dependencies(candidates, choice, needs)
    return choice, "exact" if n_aims <= MAX_EXACT_AIMS else "greedy"


def _needs(plan: CostingPlan, candidates: list[Candidate]) -> dict[int, tuple[int, ...]]:
    """Per candidate's position, the positions of the candidates it depends on (``after``).

    A dependency on an involvement that is not a candidate (one before the grant, always
    kept) holds whatever the fit does.
    """
    at = {
        (plan.involvements[c.involvement].stage, plan.involvements[c.involvement].stakeholder): k
        for k, c in enumerate(candidates)
    }
    needs: dict[int, tuple[int, ...]] = {}
    for k, c in enumerate(candidates):
        ic = plan.involvements[c.involvement]
        found = (at.get((d.stage, d.stakeholder or ic.stakeholder)) for d in ic.after)
        deps = tuple(sorted({d for d in found if d is not None and d != k}))
        if deps:
            needs[k] = deps
    return needs


def _searched(
    candidates: list[Candidate], caps: _Caps, needs: dict[int, tuple[int, ...]]
) -> _Choice:
    """The best plan over every plan (:func:`~coproduce.costing._search.best_plan`)."""
    if not caps.feasible:
        return {c.involvement: None for c in candidates}
    return best_plan(candidates, (caps.money_left, caps.hours_left), needs)


def _refuse_problems(project: Project, rates: RateCard | None, cat: Catalogue) -> None:
    """Raise :class:`CostingError` with every problem of the costing, if it has any."""
    problems = costing_problems(project, rates=rates, catalogue=cat)
    if problems:
        raise costing_error(problems)


# --------------------------------------------------------------------------- step 1


class _Fixed(NamedTuple):
    """What the fit cannot change within the grant: staff time, subcontracts, expenses."""

    money: Decimal
    hours: Decimal
    unpriced: tuple[str, ...]
    """Its lines without a rate, as ``stage · party · label`` (``project`` for no stage)."""

    @classmethod
    def of(cls, project: Project, ctx: Context) -> _Fixed:
        """The fixed lines of ``project``'s costing, priced."""
        lines = shared_lines(project, ctx.plan, ctx.table, ctx.catalogue, as_priced)
        fixed = [ln for ln in lines if not ln.before_grant]
        money, _ = money_and_team_hours(fixed)
        unpriced = (
            f"{ln.stage or 'project'} · {ln.party} · {ln.label}" for ln in fixed if ln.money is None
        )
        return cls(money, sum((ln.hours for ln in fixed), _ZERO), tuple(sorted(unpriced)))


@attrs.frozen
class _Caps(Record):
    """The budget of money and team hours, and what the fixed costs leave of it."""

    money: Decimal | None
    hours: Decimal | None
    fixed_money: Decimal
    fixed_hours: Decimal

    @classmethod
    def of(
        cls, plan: CostingPlan, budget: Decimal | None, budget_hours: Decimal | None, fixed: _Fixed
    ) -> _Caps:
        """The budget given, else the costing's own, less what the fit cannot change."""
        return cls(
            money=budget if budget is not None else plan.budget,
            hours=budget_hours if budget_hours is not None else plan.budget_hours,
            fixed_money=fixed.money,
            fixed_hours=fixed.hours,
        )

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


# --------------------------------------------------------------------------- steps 3 and 4


def _choose(candidates: list[Candidate], caps: _Caps, n_aims: int) -> _Choice:
    """Each candidate's option (``None``: dropped): aims first, then keep the most."""
    choice: _Choice = {c.involvement: None for c in candidates}
    if not caps.feasible:
        return choice
    money_left, hours_left = caps.money_left, caps.hours_left
    cover = (
        exact_cover(candidates, n_aims, money_left, hours_left)
        if n_aims <= MAX_EXACT_AIMS
        else greedy_cover(candidates, money_left, hours_left)
    )
    choice.update(cover)
    _keep_the_most(candidates, choice, {index for index, _ in cover}, money_left, hours_left)
    return choice


def _keep_the_most(
    candidates: list[Candidate],
    choice: _Choice,
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
            c.involvement not in in_cover,
            -len(c.aims),
            -c.depth,
            c.options[0].money,
            c.key,
        ),
    )
    for c in order:
        current = choice[c.involvement]
        now_money = current.money if current else _ZERO
        now_hours = current.hours if current else _ZERO
        option = _upgrade(c, current, (spent_money, spent_hours), (money_left, hours_left))
        if option is not None:
            choice[c.involvement] = option
            spent_money += option.money - now_money
            spent_hours += option.hours - now_hours


def _upgrade(
    c: Candidate,
    current: Option | None,
    spent: tuple[Decimal, Decimal],
    left: tuple[Decimal, Decimal],
) -> Option | None:
    """The first option better than the current one that the budget affords, if any."""
    now_money = current.money if current else _ZERO
    now_hours = current.hours if current else _ZERO
    for option in c.options:
        if option is current:
            return None  # already at this option or better
        extra_money = option.money - now_money
        extra_hours = option.hours - now_hours
        if spent[0] + extra_money <= left[0] and spent[1] + extra_hours <= left[1]:
            return option
    return None


# --------------------------------------------------------------------------- step 5


def _result(
    ctx: Context,
    split: Changeable,
    fixed: _Fixed,
    caps: _Caps,
    candidates: list[Candidate],
    choice: _Choice,
    how: str,
) -> Fit:
    """The fitted plan: its totals, the aims it serves and loses, and every change."""
    served = set(split.free_aims) & ctx.known_aims
    for c in candidates:
        if choice[c.involvement] is not None:
            served.update(c.aims)
    drawn_served = set(split.free_aims) | {a for c in candidates for a in c.aims}
    why = Why(
        frozenset(served),
        routes(candidates),
        split.free_aims,
        how != "greedy",
        caps.feasible,
        ctx.plan.currency,
    )
    changes = _changes(ctx, split, candidates, choice, why)
    unpriced = (
        *(f"{ch.stage} · {ch.stakeholder} · {label}" for ch in changes for label in ch.unpriced),
        *fixed.unpriced,
    )
    return Fit(
        budget=caps.money,
        budget_hours=caps.hours,
        fixed_money=fixed.money,
        fixed_hours=fixed.hours,
        money=fixed.money + sum((o.money for o in choice.values() if o is not None), _ZERO),
        team_hours=fixed.hours + sum((o.hours for o in choice.values() if o is not None), _ZERO),
        # a plan that keeps lines without a rate is not known to fit a money budget
        feasible=caps.feasible and not (unpriced and caps.money is not None),
        aims_served=tuple(sorted(served)),
        aims_lost=tuple(sorted(drawn_served - served)),
        changes=changes,
        method=method(how),
        unpriced=unpriced,
    )


def _changes(
    ctx: Context, split: Changeable, candidates: list[Candidate], choice: _Choice, why: Why
) -> tuple[FitChange, ...]:
    """One change per involvement costing, in (stage order, stage, stakeholder) order."""
    changes = [change(c, choice[c.involvement], why) for c in candidates]
    changes += [kept_before(ctx, ic) for _, ic in split.kept_before]
    changes.sort(key=lambda ch: (ctx.stage_order.get(ch.stage, 0), ch.stage, ch.stakeholder))
    return tuple(changes)
