"""Step 2, per aim: is involving people itself the route, and what else could serve (p. 6, 8).

The paper notes that most substantive, instrumental and normative aims can be reached by
other means, and that political reasons are the least discussed yet perhaps most important
(p. 8); it does not say political aims can be reached only by coproduction. Where a normative
or political aim is served by lay stakeholders, this tool judges involvement likely the route
(an aim of voice or power for these people is met by involving them): its own reading, said
as such in every report and documented in ``docs/engine.md``. The other means the paper names
are listed for every aim, this one included.
"""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.appraisal._context import Context
from coproduce.appraisal._registry import ALTERNATIVES
from coproduce.appraisal._results import AimAppraisal, AlternativeAdvice
from coproduce.appraisal._verdicts import Route
from coproduce.model import Aim, Citation, Involvement, Motivation, Sphere

__all__ = ["assess_aims", "route", "voice_judgement"]

_ORDER = {m: i for i, m in enumerate(Motivation)}
_VOICE = (Motivation.NORMATIVE, Motivation.POLITICAL)


def voice_judgement(who: str, motivations: Iterable[Motivation]) -> str:
    """The tool's judgement that an aim of voice or power is met by involving ``who``.

    Said as the tool's, beside what the paper notes: most normative (and substantive and
    instrumental) aims can be reached by other means; political ones it leaves open (p. 8).
    """
    paper = (
        "the paper notes that most normative, substantive and instrumental aims can be "
        "reached by other means (p. 8)"
        if set(motivations) - {Motivation.POLITICAL}
        else "the paper gives no rule on whether other means reach a political aim (p. 8)"
    )
    return (
        f"in this tool's judgement (not the paper's), an aim of voice or power for {who} is "
        f"met by involving them; {paper}"
    )


def route(
    motivations: tuple[Motivation, ...], serving: tuple[Involvement, ...], ctx: Context
) -> tuple[Route, str]:
    """Whether involvement is the route to an aim with these motivations, and why."""
    if not motivations:
        return Route.UNCLEAR, "the aim names no motivation, so the route cannot be judged"
    lay = sorted({i.stakeholder for i in serving if ctx.sphere(i.stakeholder) is Sphere.LAY})
    if lay and any(m in motivations for m in _VOICE):
        return Route.LIKELY, voice_judgement(", ".join(lay), motivations)
    if Motivation.POLITICAL in motivations:
        return Route.UNCLEAR, (
            "a political aim: the paper gives no rule on whether other means reach it, and "
            "calls such reasons the least discussed and perhaps the most important"
        )
    return Route.UNLIKELY, "the paper notes that other means can mostly reach aims of this kind"


def _alternatives(
    ctx: Context, motivations: tuple[Motivation, ...], invs: tuple[Involvement, ...]
) -> tuple[AlternativeAdvice, ...]:
    out = []
    for alt in ctx.catalogue.alternatives:
        if not set(alt.serves) & set(motivations):
            continue
        reason = ALTERNATIVES.get(alt.id, ctx.policy.evaluators)(ctx, invs)
        if reason is not None:
            out.append(
                AlternativeAdvice(
                    alternative=alt.id,
                    label=alt.label,
                    reason=reason,
                    source=ctx.index.citations.get(alt.id) or Citation.of(alt.id, alt.source),
                )
            )
    return tuple(out)


def _one(ctx: Context, aim: Aim, everyone: tuple[Involvement, ...]) -> AimAppraisal:
    motivations = tuple(sorted(set(aim.motivations), key=_ORDER.__getitem__))
    serving = tuple(i for i in everyone if aim.id in i.aims)
    only, why = route(motivations, serving, ctx)
    ids = ("step.alternatives", *(f"motivation.{m.value}" for m in motivations))
    return AimAppraisal(
        aim=aim.id,
        description=aim.description,
        motivations=motivations,
        only_route=only,
        route_reason=why,
        served_by=tuple(f"{i.stage}/{i.stakeholder}" for i in serving),
        alternatives=_alternatives(ctx, motivations, serving or everyone),
        citations=ctx.index.sources_of(ids),
    )


def assess_aims(ctx: Context) -> tuple[AimAppraisal, ...]:
    """One appraisal per aim, sorted by id."""
    order = ctx.index.stage_order
    everyone = tuple(
        sorted(
            (i for invs in ctx.plan_of.values() for i in invs),
            key=lambda i: (order[i.stage], i.stakeholder),
        )
    )
    return tuple(_one(ctx, aim, everyone) for aim in sorted(ctx.project.aims, key=lambda a: a.id))
