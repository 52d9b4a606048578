"""The risk factors: project facts that raise a risk's severity, one registered check each.

Relationship factors read one stakeholder's own facts and count only where that stakeholder
has a seat at the table (consultation or deeper): a mere recipient cannot press, co-opt or
dominate. Project factors read facts of the whole project. Points, scopes and whether a factor
is power-driven are the project's reading; ``docs/engine.md`` lists them (generated).
"""

from __future__ import annotations

from coproduce.appraisal._context import Context, StageFacts
from coproduce.appraisal._registry import Detected, factor
from coproduce.model import Involvement, Level, Mode, Sphere

__all__: list[str] = []

_FRAMING = (
    "challenge.co-opted",
    "challenge.pressed-to-frame",
    "challenge.prevented-sharing",
    "challenge.advocacy-tension",
)


def _seated(inv: Involvement | None) -> Involvement | None:
    return inv if inv is not None and inv.mode >= Mode.CONSULTATION else None


@factor("involvement-depth", points=1, relation=True)
def _depth(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """The stakeholder shares the work (collaboration or deeper): more room for every tension."""
    if inv is None or inv.mode < Mode.COLLABORATION:
        return None
    return Detected(
        f"{inv.stakeholder} is involved at {inv.mode.value}",
        (f"plan[{inv.stage}/{inv.stakeholder}].mode",),
    )


@factor(
    "powerful-interested",
    points=2,
    power=True,
    relation=True,
    scope=(
        "challenge.different-priorities",
        "challenge.co-opted",
        "challenge.little-agreement",
        "challenge.pressed-to-frame",
        "challenge.prevented-sharing",
        "challenge.premature-sharing",
        "challenge.advocacy-tension",
    ),
)
def _powerful(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """A stakeholder with high power and a high stake in the findings has a seat (p. 5)."""
    inv = _seated(inv)
    if inv is None:
        return None
    s = ctx.people[inv.stakeholder]
    if s.power is not Level.HIGH or s.interest is not Level.HIGH:
        return None
    return Detected(
        f"{s.id} has power over the research and a stake in what it finds",
        (f"stakeholders[{s.id}].power", f"stakeholders[{s.id}].interest"),
    )


@factor("delivery-responsibility", points=1, power=True, relation=True, scope=_FRAMING)
def _delivery(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """A stakeholder answers for delivering the policy studied (Table 2, row 2)."""
    inv = _seated(inv)
    if inv is None or ctx.people[inv.stakeholder].delivery_responsibility is not True:
        return None
    return Detected(
        f"{inv.stakeholder} answers for delivering the policy studied",
        (f"stakeholders[{inv.stakeholder}].delivery_responsibility",),
    )


@factor("commercial-interest", points=2, power=True, relation=True, scope=_FRAMING)
def _commercial(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """A commercial partner with interests in what is published has a seat."""
    inv = _seated(inv)
    if inv is None or ctx.sphere(inv.stakeholder) is not Sphere.COMMERCIAL:
        return None
    return Detected(
        f"{inv.stakeholder} is a commercial partner with interests in the findings",
        (f"stakeholders[{inv.stakeholder}].kind",),
    )


@factor("embedded", points=1, power=True, relation=True, scope=_FRAMING)
def _embedded(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """Researchers are embedded in, or commissioned by, the stakeholder: exposed to capture."""
    if inv is None or not inv.embedded:
        return None
    return Detected(
        f"researchers work inside or for {inv.stakeholder} (an embedded arrangement)",
        (f"plan[{inv.stage}/{inv.stakeholder}].embedded",),
    )


@factor(
    "dominance",
    points=2,
    power=True,
    relation=True,
    scope=(
        "challenge.usual-suspects",
        "challenge.stakeholders-disagree",
        "challenge.different-priorities",
        "challenge.little-agreement",
    ),
)
def _dominance(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """Usual suspects, very unequal power, or one group outnumbering the rest (pp. 4-5)."""
    if _seated(inv) is None or stage.dominance is None:
        return None
    return Detected(*stage.dominance)


@factor(
    "identifiable-data",
    points=2,
    scope=("challenge.identify-participants", "challenge.help-analyse"),
)
def _identifiable(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """The data identify participants (Table 1, row 4)."""
    if ctx.project.identifiable_data is not True:
        return None
    return Detected("the data identify participants", ("identifiable_data",))


@factor(
    "no-publication-agreement",
    points=2,
    scope=(
        "challenge.pressed-to-frame",
        "challenge.prevented-sharing",
        "challenge.premature-sharing",
    ),
)
def _no_publication(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """No agreement on who may publish what and when (rows 5-6); half the points if unknown."""
    if ctx.project.governance.publication_agreement is True:
        return None
    known = ctx.project.governance.publication_agreement is False
    return Detected(
        "no agreement on publishing findings" + (" is in place" if known else " is recorded"),
        ("governance.publication_agreement",),
        unknown=not known,
    )


@factor(
    "no-data-agreement",
    points=1,
    scope=("challenge.identify-participants", "challenge.help-analyse"),
)
def _no_data(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """No agreement on who may see which data, where the data may identify people."""
    g, p = ctx.project.governance, ctx.project
    if g.data_agreement is True or p.identifiable_data is False:
        return None
    known = g.data_agreement is False
    return Detected(
        "no agreement on data access" + (" is in place" if known else " is recorded"),
        ("governance.data_agreement", "identifiable_data"),
        unknown=not known,
    )


@factor(
    "no-resources",
    points=1,
    scope=(
        "challenge.stakeholders-disagree",
        "challenge.pressure-on-resources",
        "challenge.help-analyse",
    ),
)
def _no_resources(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """No time, budget or facilitation at all for engagement."""
    lacking = ctx.project.resources.lacking()
    if not lacking:
        return None
    return Detected(
        "no " + ", no ".join(lacking) + " for engagement",
        tuple(f"resources.{n}" for n in lacking),
    )


@factor("junior-carries-engagement", points=1, researcher_costs=True)
def _junior(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """Early-career or fixed-term researchers carry the engagement (p. 5)."""
    if not ctx.carriers_junior:
        return None
    return Detected(
        "early-career or fixed-term researchers carry the engagement: "
        + ", ".join(ctx.carriers_junior),
        tuple(f"researchers[{i}]" for i in ctx.carriers_junior),
    )


@factor("hit-and-run", points=2, scope=("challenge.implementation-disinterest",))
def _hit_and_run(ctx: Context, stage: StageFacts, inv: Involvement | None) -> Detected | None:
    """Stakeholders expect help with implementation that neither plan nor contract gives (p. 6)."""
    expecting = _expecting_help(ctx)
    if not expecting:
        return None
    return Detected(
        "expect help to put the findings into practice, which neither the plan nor the "
        "contracts provide: " + ", ".join(expecting),
        (
            *(f"stakeholders[{s}].expects_implementation_help" for s in expecting),
            "implementation_support",
        ),
    )


def _expecting_help(ctx: Context) -> tuple[str, ...]:
    """Who expects help with implementation that neither the plan nor the contracts give.

    Involvement at implementation planned after the funding or the contracts end is no help.
    """
    if ctx.project.implementation_support is True:
        return ()
    implementation = ctx.stages.get("stage.implementation")
    funded = implementation is not None and ctx.ended(implementation.stage) is None
    helped = set(implementation.stakeholders) if implementation and funded else set()
    return tuple(
        s.id
        for s in sorted(ctx.project.stakeholders, key=lambda s: s.id)
        if s.expects_implementation_help is True and s.id not in helped
    )


expecting_help = _expecting_help
