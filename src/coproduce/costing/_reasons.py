"""The plan that fits, its explanations: what it does to each involvement, and why.

Every change says in a sentence why the fit keeps, lightens, drops or pays for an
involvement, with what it saves or costs; :class:`Why` is what the sentences read of the
fit as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from coproduce._record import Record
from coproduce.costing._candidates import Candidate, Context, Option
from coproduce.costing._cover import MAX_EXACT_AIMS
from coproduce.costing._results import FitChange, Verb
from coproduce.model import EXACT, InvolvementCosting, StageId, rounded

__all__ = ["Why", "change", "kept_before", "method", "routes"]

_ZERO = Decimal(0)
_CENT = Decimal("0.01")


def routes(candidates: list[Candidate]) -> dict[str, int]:
    """How many candidates serve each aim."""
    count: dict[str, int] = {}
    for c in candidates:
        for a in c.aims:
            count[a] = count.get(a, 0) + 1
    return count


def kept_before(ctx: Context, ic: InvolvementCosting) -> FitChange:
    """The change of an involvement before the grant: kept, outside the grant's budget."""
    return FitChange(
        stage=StageId(ic.stage),
        stakeholder=ic.stakeholder,
        verb=Verb.KEEP,
        aims=ctx.aims_of(ic),
        money=_ZERO,
        team_hours=_ZERO,
        saving=_ZERO,
        reason="kept: it happens before the grant starts, outside the grant's budget",
    )


def method(how: str) -> str:
    """How the fit was found, in a sentence: by ``"search"``, an ``"exact"`` cover, or greedily."""
    if how == "search":
        return (
            "every plan within the budget compared: the most aims served, then the most "
            "involvements kept, the fewest steps lighter, the most of the budget used"
        )
    if how == "exact":
        return (
            "aims served chosen exactly over subsets of aims (a budgeted set cover), then "
            "involvements kept greedily by aims served, depth, cost, stage and stakeholder"
        )
    return (
        f"more than {MAX_EXACT_AIMS} aims: aims served chosen greedily (not proven "
        "the most), then involvements kept greedily"
    )


def _fmt(amount: Decimal, currency: str) -> str:
    """An amount with its currency code, to the cent."""
    return f"{currency} {rounded(amount, _CENT):,}"


@attrs.frozen
class Why(Record):
    """What the explanations of the changes read: the outcome of the fit as a whole."""

    served: frozenset[str]
    routes: Mapping[str, int]
    free_aims: frozenset[str]
    exact: bool
    feasible: bool
    currency: str


def change(c: Candidate, option: Option | None, why: Why) -> FitChange:
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


def _change_of(c: Candidate, verb: Verb, option: Option, reason: str) -> FitChange:
    """A change keeping ``option`` of ``c`` (in full or lighter), with its reason."""
    return FitChange(
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


def _dropped(c: Candidate, why: Why) -> FitChange:
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
    return FitChange(
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


def _at_least(c: Candidate) -> str:
    """``"at least "`` where the candidate's money leaves out lines without a rate."""
    return "at least " if c.options[0].unpriced else ""


def _made_lighter(c: Candidate, option: Option, why: Why) -> FitChange:
    """The change keeping a candidate's lighter version, with what it saves."""
    level = c.options.index(option)  # 1: the first lighter level, 2: the next...
    levels = (c.costing.lighter, *c.costing.lighter_still)
    lighter = levels[level - 1] if 0 < level <= len(levels) else None
    note = lighter.note if lighter is not None and lighter.note else "lighter"
    if level > 1:
        note += f", lighter level {level}"
    saving = c.drawn_money - option.money
    reason = f"made lighter ({note}) to fit the budget; saves {_fmt(saving, why.currency)}"
    if option.unpriced:
        reason += " on the lines with a rate"
    if c.lay_paid_up:
        reason += "; its lay contributors are paid at their role's rate"
    return _change_of(c, Verb.LIGHTER, option, reason)


def _kept(c: Candidate, option: Option, why: Why) -> FitChange:
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
