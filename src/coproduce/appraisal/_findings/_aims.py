"""Findings about the aims and the Table 2 profile: is involvement the route, what drove it."""

from __future__ import annotations

from collections.abc import Iterator

from coproduce.appraisal._context import Context
from coproduce.appraisal._emphasis import CAPACITY
from coproduce.appraisal._findings._rule import CONCERN, INFO, WARNING, _rule, _table2_involved
from coproduce.appraisal._registry import (
    Hit,
    Results,
)
from coproduce.appraisal._verdicts import Verdict
from coproduce.model import Lean, Mode, Motivation, Sphere

__all__: list[str] = []


@_rule("aims.none", CONCERN, "step.usefulness", "step.alternatives")
def _aims_none(ctx: Context, r: Results) -> Iterator[Hit]:
    """No aims are stated."""
    if not ctx.project.aims:
        yield Hit(
            "No aims are stated, so no one can judge whether coproduction helps reach them "
            "(step 1) or whether something else would do as well (step 2).",
            ("aims",),
        )


@_rule(
    "aims.no-motivation",
    WARNING,
    "step.usefulness",
    *(f"motivation.{m.value}" for m in Motivation),
)
def _aims_no_motivation(ctx: Context, r: Results) -> Iterator[Hit]:
    """An aim names no motivation (substantive, instrumental, normative or political)."""
    for aim in sorted(ctx.project.aims, key=lambda a: a.id):
        if not aim.motivations:
            yield Hit(
                f"Aim {aim.id!r} names no motivation (substantive, instrumental, normative or "
                "political), so the route to it cannot be judged.",
                (f"aims[{aim.id}].motivations",),
            )


@_rule("aims.unserved", WARNING, "step.usefulness", "question.individuals.circumstances")
def _aims_unserved(ctx: Context, r: Results) -> Iterator[Hit]:
    """No planned involvement serves an aim."""
    if not ctx.project.plan:
        return
    for a in r.aims:
        if not a.served_by:
            yield Hit(
                f"No planned involvement serves aim {a.aim!r}.", (f"aims[{a.aim}]", "plan[*].aims")
            )


@_rule("aims.political-unstated", WARNING, "motivation.political")
def _political(ctx: Context, r: Results) -> Iterator[Hit]:
    """Decision-makers have a seat, or lay people share the work, and no aim is political."""
    if any(Motivation.POLITICAL in a.motivations for a in ctx.project.aims):
        return
    seated = sorted(
        sid
        for sid, invs in ctx.plan_of.items()
        if (ctx.sphere(sid) is Sphere.DECISION and any(i.mode >= Mode.CONSULTATION for i in invs))
        or (ctx.sphere(sid) is Sphere.LAY and any(i.mode >= Mode.COLLABORATION for i in invs))
    )
    if not seated:
        return
    yield Hit(
        "Working closely with the powerful or with the disempowered is political either way ("
        + ", ".join(seated)
        + "), yet no aim is political. Such reasons are the least discussed and perhaps the "
        "most important: say what the engagement should change in how groups see the research "
        "and each other.",
        ("aims[*].motivations", *(f"stakeholders[{s}].kind" for s in seated)),
    )


@_rule("emphasis.gated", CONCERN)
def _gated(ctx: Context, r: Results) -> Iterator[Hit]:
    """A policy gate lowered the decision-makers' verdict (no gate by default)."""
    e = r.emphasis
    if not e.gated_by or not _table2_involved(ctx):
        return
    yield Hit(
        f"The policy treats {', '.join(e.gated_by)} as a precondition: the Table 2 verdict for "
        f"decision-makers is capped at {e.verdict.value} (before the cap: {e.ungated.value}).",
        tuple(i for c in e.contributions if c.condition in e.gated_by for i in c.inputs),
        tuple(e.gated_by),
    )


@_rule("emphasis.undetermined", WARNING)
def _undetermined(ctx: Context, r: Results) -> Iterator[Hit]:
    """Decision-makers are involved and too little of Table 2 is known to advise on them."""
    e = r.emphasis
    if e.ungated is not Verdict.UNDETERMINED or not _table2_involved(ctx):
        return
    unknown = tuple(c.condition for c in e.contributions if c.lean is Lean.UNKNOWN)
    yield Hit(
        f"Only {e.coverage:.0%} of the Table 2 weight is known; settle the unknown conditions "
        f"({len(unknown)}) before deciding how closely to work with "
        + ", ".join(_table2_involved(ctx))
        + ".",
        tuple(f"conditions[{c}]" for c in unknown),
        unknown,
    )


@_rule("context.capacity-inferred", INFO, CAPACITY)
def _capacity_inferred(ctx: Context, r: Results) -> Iterator[Hit]:
    """Row 9 (capacity) is not stated and was read from the resources."""
    for c in r.emphasis.contributions:
        if c.inferred and c.condition == CAPACITY and _table2_involved(ctx):
            yield Hit(
                f"Capacity (Table 2, row {c.number}) is not stated; read as '{c.lean.value}' "
                "from the resources.",
                c.inputs,
            )


@_rule("context.capacity-contradiction", WARNING, CAPACITY)
def _capacity_contradiction(ctx: Context, r: Results) -> Iterator[Hit]:
    """Row 9 is stated to favour coproduction, but resources are short."""
    short = ctx.project.resources.short()
    if ctx.project.lean(CAPACITY) is Lean.MORE and short:
        yield Hit(
            "Capacity is stated to favour coproduction, but the resources are short: "
            + ", ".join(short)
            + ".",
            (f"conditions[{CAPACITY}]", *(f"resources.{n}" for n in short)),
        )
