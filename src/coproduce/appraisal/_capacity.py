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

from coproduce.appraisal._advice_records import Capacity
from coproduce.appraisal._costs import cost_summary, payment_facts
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import CostSummary
from coproduce.catalogue import Catalogue
from coproduce.model import Project, Sufficiency

__all__ = ["capacity_of", "read_capacity", "unresourced"]

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


def _from_costing(
    costs: CostSummary | None, time: Sufficiency, budget: Sufficiency, pays_nobody: bool
) -> tuple[Sufficiency, Sufficiency, str, list[str]]:
    """Time and budget as a valid costing settles them, the note on money, the fields read."""
    read: list[str] = []
    note = ""
    if costs is None or costs.problems:
        return time, budget, note, read
    if costs.budget is not None:
        budget = _settled(costs.budget, costs.gap, budget)
        read.append("costing.budget")
    if costs.budget_hours is not None:
        time = _settled(costs.budget_hours, costs.gap_hours, time)
        read.append("costing.budget_hours")
    if pays_nobody and budget is not _NONE:
        budget, note = _LIMITED, " (the costing pays no contributor a fee)"
        read.append("costing.involvements[*].payment")
    return time, budget, note, read


def read_capacity(
    project: Project, policy: Policy, costs: CostSummary | None, *, pays_nobody: bool = False
) -> Capacity:
    """The project's capacity to involve people, read once for every relationship.

    ``resources`` gives time, budget and facilitation; a valid costing with a budget settles
    money (and team hours, when it budgets them), and one that pays none of the
    contributors it costs a fee (``pays_nobody``) leaves money short whatever its budget; a
    project shorter than ``Policy.short_window_weeks`` has time in short supply; training is
    ``resources.training`` or, when that is not known, ``support.training``.
    """
    r = project.resources
    time, budget, unpaid, read = _from_costing(costs, r.time, r.budget, pays_nobody)
    inputs = ["resources.time", "resources.budget", "resources.facilitation", "resources.training"]
    inputs += read
    weeks = project.duration_weeks
    window = weeks if weeks is not None and weeks < policy.short_window_weeks else None
    if window is not None:
        inputs.append("duration_weeks")
        if not time.short:
            time = _LIMITED
    training = r.training if r.training is not None else project.support.training
    if r.training is None:
        inputs.append("support.training")
    supplies = (("time", time), ("budget", budget), ("facilitation", r.facilitation))
    short: list[str] = []
    points = 0
    for name, value in supplies:
        if value.short:
            points += 2 if value is _NONE else 1
            said = f" ({_a(window)} {window}-week window)" if name == "time" and window else ""
            said += unpaid if name == "budget" else ""
            short.append(f"{name}: {value.value}{said}")
    if training is False:
        points += 1
        short.append("training: not offered")
    unknown = [n for n, v in supplies if v is Sufficiency.UNKNOWN]
    if training is None:
        unknown.append("training")
    lacking = any(v is _NONE for _, v in supplies)
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
        inputs=tuple(dict.fromkeys(inputs)),
    )


def capacity_of(
    project: Project, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Capacity:
    """Table 2 row 9 as :func:`coproduce.appraise` reads it, from the project alone.

    The same reading as :attr:`Appraisal.capacity <coproduce.appraisal.Appraisal.capacity>`
    (the project's costing, if any, is priced for it), without the rest of the appraisal.

    Example:
        >>> from coproduce.appraisal import capacity_of
        >>> from coproduce.io import load_example
        >>> capacity_of(load_example("young-carers-unfunded")).budget.value
        'none'

    """
    if catalogue is None:
        from coproduce.catalogue import default as catalogue_default

        catalogue = catalogue_default()
    policy = policy if policy is not None else Policy()
    paid = payment_facts(project, catalogue, policy)
    costs = cost_summary(project, catalogue, policy, paid.problems)
    people = {s.id: s for s in project.stakeholders}
    return read_capacity(project, policy, costs, pays_nobody=paid.pays_nobody(people))


def unresourced(project: Project) -> bool:
    """No time, no budget and no facilitation at all for engagement."""
    return all(v is Sufficiency.NONE for _, v in project.resources.supplies())
