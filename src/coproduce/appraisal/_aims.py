"""Step 2: per aim, whether coproduction is the only route, and the alternatives."""

from __future__ import annotations

from coproduce.appraisal._base import (
    LAY_KINDS,
    MOTIVATION_ORDER,
    P8_LOCATOR,
    Prepared,
    ProjectView,
    cite,
)
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    AimAppraisal,
    AlternativeAdvice,
    Citation,
    Route,
)
from coproduce.catalogue import Catalogue
from coproduce.model import (
    AlternativeId,
    Involvement,
    Mode,
    Motivation,
    Sphere,
)

__all__ = ["assess_aims"]

# --------------------------------------------------------------------------- step 2: aims


def _alternative_reason(
    alt: AlternativeId,
    involvements: tuple[Involvement, ...],
    view: ProjectView,
    policy: Policy,
) -> str | None:
    kinds = view.kinds
    match alt:
        case "alternative.systematic-review":
            lay = sorted({i.stakeholder for i in involvements if kinds[i.stakeholder] in LAY_KINDS})
            if lay:
                return (
                    "the user perspective brought by " + ", ".join(lay) + " might come from a "
                    "systematic review of patients' or the public's experience"
                )
            return None
        case "alternative.consultation":
            deep = sorted({i.stakeholder for i in involvements if i.mode >= Mode.COLLABORATION})
            if deep:
                return "consulting " + ", ".join(deep) + " may serve as well as sharing control"
            return None
        case "alternative.selective-stages":
            many = sorted(
                {
                    i.stakeholder
                    for i in involvements
                    if len(view.stages_of[i.stakeholder]) >= policy.selective_stages
                }
            )
            if many:
                return (
                    ", ".join(many) + f" {'is' if len(many) == 1 else 'are'} involved at "
                    f"{policy.selective_stages} or more stages; involve only where needed"
                )
            return None
        case "alternative.knowledge-broker":
            deciders = sorted(
                {
                    i.stakeholder
                    for i in involvements
                    if kinds[i.stakeholder].sphere is Sphere.DECISION
                    and i.mode >= Mode.COLLABORATION
                }
            )
            if deciders:
                return (
                    "a knowledge broker or embedded researcher could link the research with "
                    + ", ".join(deciders)
                    + " without a full partnership"
                )
            return None
        case _:
            return "the catalogue lists it for aims of this kind"


def assess_aims(
    view: ProjectView, cat: Catalogue, prep: Prepared, policy: Policy
) -> tuple[AimAppraisal, ...]:
    out = []
    project = view.project
    all_invs = tuple(i for invs in view.by_stage.values() for i in invs)
    for aim in sorted(project.aims, key=lambda a: a.id):
        motivations = tuple(sorted(set(aim.motivations), key=MOTIVATION_ORDER.__getitem__))
        serving = tuple(i for i in all_invs if aim.id in i.aims)
        if not motivations:
            route = Route.UNCLEAR
        elif Motivation.POLITICAL in motivations:
            route = Route.LIKELY
        else:
            route = Route.UNLIKELY
        advice = []
        for alt in cat.alternatives:
            if not set(alt.serves) & set(motivations):
                continue
            reason = _alternative_reason(alt.id, serving or all_invs, view, policy)
            if reason is not None:
                advice.append(
                    AlternativeAdvice(
                        alternative=alt.id,
                        label=alt.label,
                        reason=reason,
                        source=Citation.of(alt.id, alt.source),
                    )
                )
        sources = cite(prep, "step.alternatives", *(f"motivation.{m.value}" for m in motivations))
        if motivations:
            sources += (
                Citation(entry=f"motivation.{motivations[0].value}", page=8, locator=P8_LOCATOR),
            )
        out.append(
            AimAppraisal(
                aim=aim.id,
                description=aim.description,
                motivations=motivations,
                only_route=route,
                served_by=tuple(f"{i.stage}/{i.stakeholder}" for i in serving),
                alternatives=tuple(advice),
                sources=sources,
            )
        )
    return tuple(out)
