"""What would change the advice: the Table 2 conditions and the facts about each stakeholder.

A lever is this tool's reading of which single change would move a verdict, found by
re-appraising with that one fact changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from coproduce.appraisal._advice_records import (
    Advice,
    Capacity,
    Lever,
)
from coproduce.appraisal._context import Context, row2
from coproduce.appraisal._emphasis import read_leans, scorer
from coproduce.appraisal._verdicts import Verdict
from coproduce.model import (
    ConditionId,
    ConditionSetting,
    Lean,
    Project,
)

if TYPE_CHECKING:
    pass

__all__ = ["levers", "with_lean"]


def with_lean(project: Project, condition: str, lean: Lean) -> Project:
    """The project with one Table 2 condition set to ``lean``."""
    kept = tuple(c for c in project.conditions if c.condition != condition)
    return attrs.evolve(
        project,
        conditions=(*kept, ConditionSetting(condition=ConditionId(condition), lean=lean)),
    )


def levers(
    ctx: Context, advice: tuple[Advice, ...], capacity: Capacity | None = None
) -> tuple[Lever, ...]:
    """What would change the advice: Table 2 rows, prerequisites, resources, aims."""
    out = list(_condition_levers(ctx, advice))
    for a in advice:
        out.extend(_stakeholder_levers(a))
    held = [a for a in advice if any(c.code == "capacity" for c in a.ceilings)]
    if held and capacity is not None:
        short = [x.split(":")[0] for x in capacity.short]
        out.append(
            Lever(
                code="resources",
                message=f"Resourcing {', '.join(short)} for the plan would lift the capacity "
                "ceiling (Table 2, row 9) that holds the advice for "
                + ", ".join(a.stakeholder for a in held)
                + ".",
                stakeholders=tuple(a.stakeholder for a in held),
                inputs=capacity.inputs,
            )
        )
    if capacity is not None and capacity.unknown and not capacity.short and advice:
        out.append(
            Lever(
                code="capacity",
                message="Saying what time, budget, facilitation and training the involvement "
                "has would settle Table 2 row 9 for everyone: "
                + ", ".join(capacity.unknown)
                + " not known.",
                stakeholders=tuple(a.stakeholder for a in advice),
                inputs=tuple(f"resources.{n}" for n in capacity.unknown),
            )
        )
    return tuple(out)


def _other_leans(lean: Lean) -> tuple[Lean, ...]:
    if lean is Lean.UNKNOWN:
        return (Lean.LESS, Lean.MORE)
    return (Lean.MORE,) if lean is Lean.LESS else (Lean.LESS,)


def _condition_levers(ctx: Context, advice: tuple[Advice, ...]) -> Iterator[Lever]:
    """Table 2 rows whose other lean would move the verdict of the decision-makers.

    Each row's other lean is tried on the profile's leans with that row changed: what
    :func:`profile` of the project with that row set would give, without building it.
    """
    groups: dict[bool | None, list[str]] = {}
    for a in advice:
        if a.basis == "table-2":
            delivery = row2(ctx.people[a.stakeholder])
            groups.setdefault(delivery, []).append(a.stakeholder)
    rows = scorer(ctx.catalogue, ctx.policy)
    conditions = rows.conditions
    for delivery, ids in groups.items():
        now = ctx.profile(delivery).verdict
        assert ctx.capacity is not None  # read when the context is made
        read = read_leans(ctx.project, conditions, ctx.policy, delivery, ctx.capacity)
        leans = [lean for lean, _, _ in read]
        for row, (c, (lean_now, inferred, _)) in enumerate(zip(conditions, read, strict=True)):
            if inferred and c.id == "condition.conflicts-of-interest" and delivery is not None:
                continue  # read from each one's own delivery responsibility
            for lean in _other_leans(lean_now):
                moved = rows.verdict([*leans[:row], lean, *leans[row + 1 :]])
                if moved is not now:
                    yield Lever(
                        code="condition",
                        message=f"If Table 2 row {c.number} ({c.label.lower()}) leaned "
                        f"{lean.value}, the Table 2 profile for {', '.join(ids)} would read "
                        f"{moved.value} (now {now.value}).",
                        stakeholders=tuple(ids),
                        inputs=(f"conditions[{c.id}]",),
                    )


def _stakeholder_levers(a: Advice) -> Iterator[Lever]:
    """One stakeholder's prerequisites, and stated aims where their advice is undetermined."""
    deepest = a.deepest_mode.value if a.deepest_mode else "none"
    for p in a.prerequisites:
        yield Lever(
            code="prerequisite",
            message=f"Once {p.once}, {a.stakeholder} can go ahead as advised "
            f"({a.verdict.value}, up to {deepest}).",
            stakeholders=(a.stakeholder,),
            inputs=p.inputs,
        )
    if a.basis == "aims" and a.verdict is Verdict.UNDETERMINED:
        yield Lever(
            code="aims",
            message=f"Saying which aims involving {a.stakeholder} serves, and why, would "
            "settle their advice.",
            stakeholders=(a.stakeholder,),
            inputs=tuple(f"plan[{s.stage}/{a.stakeholder}].aims" for s in a.stages),
        )
