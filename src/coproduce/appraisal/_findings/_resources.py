"""Findings about resourcing (Table 2 row 9): short, absent or unknown capacity; the costing."""

from __future__ import annotations

from collections.abc import Iterator

from coproduce.appraisal._capacity import unresourced
from coproduce.appraisal._context import Context
from coproduce.appraisal._emphasis import CAPACITY
from coproduce.appraisal._findings._rule import CONCERN, WARNING, _rule
from coproduce.appraisal._registry import (
    Hit,
    Results,
)
from coproduce.appraisal._wording import and_list
from coproduce.model import Mode, Sphere

__all__: list[str] = []


def _deep_stages(ctx: Context) -> list[str]:
    return [
        s
        for s, facts in ctx.stages.items()
        if any(i.mode >= Mode.COLLABORATION for i in facts.involvements)
    ]


@_rule("resourcing.short", WARNING, CAPACITY, "cost.money", "mitigation.budget")
def _short(ctx: Context, r: Results) -> Iterator[Hit]:
    """Time, budget, facilitation or training, or the costed budget, fall short of the plan."""
    cap = r.capacity
    if cap is None or cap.unresourced or not ctx.stages:
        return
    if r.costs is not None and r.costs.short:
        yield _costed_shortfall(ctx, r)
        return
    if not cap.short:
        return
    deep = _deep_stages(ctx)
    if not deep and all(x.startswith("training") for x in cap.short):
        return  # consulting only: training alone is no shortfall worth a warning
    stages = deep or list(ctx.stages)
    names = ", ".join(s.removeprefix("stage.") for s in stages)
    every = len(ctx.stages) == len(ctx.index.stages)
    fund = and_list(
        [
            x.split(":")[0]
            for x in cap.short
            if not (x.startswith("time") and cap.window_weeks is not None)
        ]
    )
    window = (
        f"; the {cap.window_weeks}-week window leaves no time to spare"
        if cap.window_weeks is not None
        else ""
    )
    message = (
        f"This plan is under-resourced ({'; '.join(cap.short)}) for "
        + ("the deep involvement at " if deep else "the involvement at ")
        + f"{names}. "
        + (
            f"Fund {fund} for these stages before involving people this deeply, or narrow"
            if fund
            else "Narrow"
        )
        + " the plan to the stages the aims need"
        + (" (it now involves people at every stage)" if every else "")
        + f"{window}: until then, Table 2 row 9 holds the advice lower (less emphasis where "
        "time, resources or expertise are limited, p. 7)."
    )
    named = {x.split(":")[0] for x in cap.short}
    read = tuple(i for i in cap.inputs if i.rsplit(".", 1)[-1].split("_")[0] in named)
    yield Hit(message, (*(read or cap.inputs), *(f"plan[{s}/*]" for s in stages)))


def _costed_shortfall(ctx: Context, r: Results) -> Hit:
    """The shortfall from the costing's own figures: how much, and the costliest stages."""
    c = r.costs
    assert c is not None
    stages = sorted((s for s in c.stages if s.stage), key=lambda s: (-s.money, s.stage))[:3]
    where = ", ".join(
        f"{s.stage.removeprefix('stage.')} ({c.currency} {s.money:,.2f}, {s.hours:g} hours)"
        for s in stages
    )
    return Hit(
        f"This plan is under-resourced: {c.gap_sentence}. The costliest stages: {where}. "
        "Fund the gap before involving people this deeply, or narrow the plan to the stages "
        "the aims need (`coproduce cost --fit` proposes the plan that fits): until then, "
        "Table 2 row 9 holds the advice lower (p. 7).",
        ("costing.budget", "costing.budget_hours", "costing.involvements"),
    )


@_rule("capacity.unknown", WARNING, CAPACITY, "question.individuals.costs")
def _capacity_unknown(ctx: Context, r: Results) -> Iterator[Hit]:
    """What the involvement has in time, budget, facilitation or training is not known."""
    cap = r.capacity
    if cap is None or not cap.unknown or not ctx.project.plan:
        return
    known = f" ({'; '.join(cap.short)} is short)" if cap.short else ""
    yield Hit(
        f"Not known: {', '.join(cap.unknown)} for the involvement{known}. Table 2 row 9 "
        "(capacity) cannot be read in full for anyone until it is: say what the plan has "
        "before deciding how deeply to involve people (key question 3).",
        tuple(i for i in cap.inputs if i.split(".")[-1] in cap.unknown),
    )


@_rule(
    "plan.after-funding",
    WARNING,
    "cost.hit-and-run",
    "challenge.implementation-disinterest",
)
def _after_funding(ctx: Context, r: Results) -> Iterator[Hit]:
    """Involvement is planned at a stage after the funding, or the contracts, end."""
    late: dict[str, list[str]] = {}
    read: dict[str, None] = {}
    for sid, invs in ctx.plan_of.items():
        for inv in invs:
            ended = ctx.ended(inv.stage)
            if ended is not None and inv.mode >= Mode.ADVICE:
                late.setdefault(ended[0], []).append(
                    f"{sid} at {ctx.label(inv.stage)} ({inv.mode.value})"
                )
                read.update(dict.fromkeys((*ended[1], f"plan[{inv.stage}/{sid}].mode")))
    for what, lines in late.items():
        yield Hit(
            f"Planned after {what}: {'; '.join(lines)}. Nobody is "
            "resourced to support it: the paper describes a hit-and-run culture (get funding, "
            "do research, achieve impact, leave) that leaves researchers no time to reflect "
            "on their practice (p. 6), and Table 1 lists researchers showing little interest "
            "in helping with implementation (row 7). Fund the researchers' part at these "
            "stages, or tell partners plainly what support ends when.",
            tuple(read),
        )


@_rule("plan.application-only", WARNING, "step.usefulness")
def _application_only(ctx: Context, r: Results) -> Iterator[Hit]:
    """The costing funds lay involvement only before the grant (developing the application)."""
    plan = ctx.project.costing
    if plan is None:
        return
    lay = {s.id for s in ctx.project.stakeholders if s.kind.sphere is Sphere.LAY}
    before = [c for c in plan.involvements if c.stakeholder in lay and c.before_grant]
    after = [c for c in plan.involvements if c.stakeholder in lay and not c.before_grant]
    if not before or after:
        return
    later = sorted(
        f"{i.stakeholder} at {ctx.label(i.stage)}"
        for invs in ctx.plan_of.values()
        for i in invs
        if i.stakeholder in lay
        and (i.stage, i.stakeholder) not in {(c.stage, c.stakeholder) for c in before}
    )
    unfunded = (
        f" The plan's later involvement has no costed line: {'; '.join(later)}." if later else ""
    )
    yield Hit(
        "The costing pays for lay involvement only before the grant (developing the "
        "application), and for none once the research is funded." + unfunded + " In this "
        "tool's judgement that is engagement done to fill the application's involvement "
        "section, which the paper notes is now routine on grant proposals (p. 2): cost the "
        "involvement the funded research needs, or say why there is none.",
        ("costing.involvements[*].before_grant", *(f"plan[*/{sid}]" for sid in sorted(lay))),
    )


@_rule("costing.incomplete", WARNING, "question.individuals.costs")
def _costing_incomplete(ctx: Context, r: Results) -> Iterator[Hit]:
    """The costing cannot be priced in full: a role has no rate, or amounts disagree."""
    c = r.costs
    if c is None:
        return
    if c.problems:
        yield Hit(
            "The costing cannot be priced: "
            + "; ".join(c.problems[:5])
            + (f" (and {len(c.problems) - 5} more)" if len(c.problems) > 5 else "")
            + ". Give a rate card with these roles (`Policy(rates=...)` or the costing's own "
            "`rate_card`).",
            ("costing",),
        )
    elif c.unpriced:
        yield Hit(
            "Roles without an amount on any rate card leave lines unpriced: "
            + ", ".join(c.unpriced)
            + ". The totals leave them out; add the current figures of the payment guidance "
            "you follow.",
            ("costing.rate_card",),
        )


@_rule("resourcing.none", CONCERN, CAPACITY)
def _none(ctx: Context, r: Results) -> Iterator[Hit]:
    """Nothing is resourced at all: no time, no budget and no facilitation."""
    bare = r.capacity.unresourced if r.capacity is not None else unresourced(ctx.project)
    if ctx.project.plan and bare:
        yield Hit(
            "Nothing is resourced for engagement (no time, budget or facilitation): until "
            f"something is, everyone's advice is capped at {ctx.policy.unresourced_ceiling.value} "
            "(Table 2, row 9).",
            tuple(f"resources.{n}" for n, _ in ctx.project.resources.supplies()),
        )
