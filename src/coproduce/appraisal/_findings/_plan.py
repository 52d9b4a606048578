"""Findings about the plan as drawn: deeper than advised, embedded lay people, hit-and-run."""

from __future__ import annotations

from collections.abc import Iterator

from coproduce.appraisal._context import Context
from coproduce.appraisal._findings._rule import CONCERN, INFO, WARNING, _rule
from coproduce.appraisal._registry import (
    Hit,
    Results,
)
from coproduce.appraisal._verdicts import Action
from coproduce.model import PAPER

__all__: list[str] = []


@_rule("plan.empty", INFO, "question.individuals.circumstances")
def _plan_empty(ctx: Context, r: Results) -> Iterator[Hit]:
    """Nobody is involved at any stage."""
    if not ctx.project.plan:
        yield Hit(
            "The plan involves no stakeholder at any stage: there is no risk register.", ("plan",)
        )


@_rule("plan.deeper-than-advised", WARNING, "step.usefulness")
def _deeper(ctx: Context, r: Results) -> Iterator[Hit]:
    """A stakeholder is involved somewhere more deeply than their own advice supports."""
    for a in r.advice:
        deep = [s for s in a.stages if s.action is Action.LIGHTEN]
        if deep:
            why: dict[str, list[str]] = {}  # stages that lighten for the same reason, together
            for s in deep:
                label, _, reason = s.reason.partition(": ")
                why.setdefault(reason, []).append(label)
            where = "; ".join(f"{', '.join(labels)}: {reason}" for reason, labels in why.items())
            yield Hit(
                f"{a.stakeholder!r} ({a.summary}): {where}.",
                tuple(f"plan[{s.stage}/{a.stakeholder}].mode" for s in deep),
                tuple(sorted({f"mode.{s.planned_mode.value}" for s in deep})),
            )


@_rule("plan.embedded-lay", WARNING, "mode.embedded")
def _embedded_lay(ctx: Context, r: Results) -> Iterator[Hit]:
    """An embedded or commissioned arrangement is set with lay stakeholders."""
    for a in r.advice:
        odd = [s for s in a.stages if s.action is Action.RECONSIDER]
        if odd:
            yield Hit(
                f"{a.stakeholder!r} is lay, but the plan embeds the research with them at "
                + ", ".join(s.stage.removeprefix("stage.") for s in odd)
                + ": embedding is an arrangement with an organisation; choose a mode instead.",
                tuple(f"plan[{s.stage}/{a.stakeholder}].embedded" for s in odd),
            )


@_rule("advice.prerequisites", CONCERN, "question.individuals.decisions")
def _prerequisites(ctx: Context, r: Results) -> Iterator[Hit]:
    """A stakeholder's involvement needs something in place before it starts."""
    for a in r.advice:
        if a.prerequisites:
            cited = [c for p in a.prerequisites for c in p.citations]
            yield Hit(
                f"{a.stakeholder}: {a.summary}. " + " ".join(p.message for p in a.prerequisites),
                tuple(i for p in a.prerequisites for i in p.inputs),
                tuple(c.entry for c in cited if c.document == PAPER),
                tuple(dict.fromkeys(c for c in cited if c.document != PAPER)),
            )


@_rule("plan.stakeholder-uninvolved", INFO, "question.individuals.circumstances")
def _uninvolved(ctx: Context, r: Results) -> Iterator[Hit]:
    """A listed stakeholder is in no involvement."""
    for s in sorted(ctx.project.stakeholders, key=lambda s: s.id):
        if s.id not in ctx.plan_of:
            yield Hit(
                f"Stakeholder {s.id!r} is listed but not involved at any stage.",
                (f"stakeholders[{s.id}]",),
            )


@_rule("plan.hit-and-run", WARNING, "challenge.implementation-disinterest", "cost.hit-and-run")
def _hit_and_run(ctx: Context, r: Results) -> Iterator[Hit]:
    """Stakeholders expect help with implementation that the plan and contracts leave out."""
    for risk in r.risks:
        for f in risk.factors:
            if f.code == "hit-and-run":
                yield Hit(
                    "Stakeholders " + f.message + ". Plan the researchers' part in "
                    "implementation, or say plainly that there is none.",
                    f.inputs,
                )
                return
