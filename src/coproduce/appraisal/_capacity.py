"""Table 2 row 9 for every relationship: what the involvement has, and what a shortfall does.

The time, budget, facilitation and training the involvement has, and how far a shortfall
holds the advice down (p. 7).

The paper puts less emphasis on coproduction where one or more of time, resources and
expertise are in limited supply (Table 2, row 9), and warns that engagement work is often
added on without resourcing and falls on those least able to bear it (pp. 3-5). This module
reads the supplies once per appraisal (:func:`read_capacity`); the ``capacity`` ceiling
(:mod:`coproduce.appraisal._ceilings`) then applies the reading to each relationship.

How many rungs a shortfall climbs, and what each allows, is this tool's reading, held in
:attr:`Policy.capacity_rungs` and documented in ``docs/engine.md``: the paper gives no scale.
"""

from __future__ import annotations

from coproduce.appraisal._context import Context, table2_basis
from coproduce.appraisal._results import Capacity, CostSummary
from coproduce.model import Level, Stakeholder, Sufficiency

__all__ = ["carrying", "read_capacity"]

_NONE, _LIMITED, _ADEQUATE = Sufficiency.NONE, Sufficiency.LIMITED, Sufficiency.ADEQUATE


def _settled(value: float | None, gap: float | None, current: Sufficiency) -> Sufficiency:
    """A supply as a costing's budget settles it: none, short of the plan, or enough."""
    if value is None or gap is None:
        return current
    if value <= 0:
        return _NONE
    return _LIMITED if gap < 0 else _ADEQUATE


def _a(n: int) -> str:
    """The article before a number as it is read aloud: an 8, an 11, an 18, a 12."""
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def read_capacity(ctx: Context, costs: CostSummary | None) -> Capacity:
    """The project's capacity to involve people, read once for every relationship.

    ``resources`` gives time, budget and facilitation; a valid costing with a budget settles
    money (and team hours, when it budgets them); a project shorter than
    ``Policy.short_window_weeks`` has time in short supply; training is ``resources.training``
    or, when that is not known, ``support.training``.
    """
    p, pol = ctx.project, ctx.policy
    r = p.resources
    time, budget = r.time, r.budget
    inputs = ["resources.time", "resources.budget", "resources.facilitation", "resources.training"]
    if costs is not None and not costs.problems:
        if costs.budget is not None:
            budget = _settled(costs.budget, costs.gap, budget)
            inputs[1] = "costing.budget"
        if costs.budget_hours is not None:
            time = _settled(costs.budget_hours, costs.gap_hours, time)
            inputs[0] = "costing.budget_hours"
    weeks = p.duration_weeks
    window = weeks if weeks is not None and weeks < pol.short_window_weeks else None
    if window is not None:
        inputs.append("duration_weeks")
        if not time.short:
            time = _LIMITED
    training = r.training if r.training is not None else p.support.training
    if r.training is None:
        inputs.append("support.training")
    short: list[str] = []
    points, lacking = 0, False
    for name, value in (("time", time), ("budget", budget), ("facilitation", r.facilitation)):
        if value is _NONE:
            points, lacking = points + 2, True
            short.append(f"{name}: none")
        elif value is _LIMITED:
            points += 1
            said = f" ({_a(window)} {window}-week window)" if name == "time" and window else ""
            short.append(f"{name}: limited{said}")
    if training is False:
        points += 1
        short.append("training: not offered")
    unknown = [
        n
        for n, v in (("time", time), ("budget", budget), ("facilitation", r.facilitation))
        if v is Sufficiency.UNKNOWN
    ]
    if training is None:
        unknown.append("training")
    rung = 0 if not points else (3 if lacking or points >= 3 else points)
    return Capacity(
        time=time,
        budget=budget,
        facilitation=r.facilitation,
        training=training,
        window_weeks=window,
        short=tuple(short),
        unknown=tuple(unknown),
        rung=rung,
        inputs=tuple(inputs),
    )


def carrying(ctx: Context, s: Stakeholder) -> tuple[tuple[str, str], ...]:
    """Who, on this relationship, would carry the work and is least able to: (why, field).

    The stakeholder, when unpaid or of low power and outside the decision and commercial
    spheres (never a ministry or a company); the researchers who carry the engagement, when
    early-career or on fixed-term contracts (p. 5).
    """
    out: list[tuple[str, str]] = []
    if not table2_basis(s) and s.power is not Level.HIGH:
        if ctx.unpaid(s):
            out.append((f"{s.id} unpaid", ctx.payment_inputs(s.id)[0]))
        if s.power is Level.LOW:
            out.append((f"{s.id} of low power", f"stakeholders[{s.id}].power"))
    if ctx.carriers_junior:
        out.append(
            (
                "early-career or fixed-term researchers carrying the engagement ("
                + ", ".join(ctx.carriers_junior)
                + ")",
                "researchers[*].carries_engagement",
            )
        )
    return tuple(out)
