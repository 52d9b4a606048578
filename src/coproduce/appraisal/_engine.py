"""The appraisal entry point. Pure: no I/O, no clock, no randomness, no mutation.

Every list in the project is read through a sorted view (by catalogue order or by id), so
the result does not depend on the order of any list in the input.
"""

from __future__ import annotations

import attrs

from coproduce.appraisal._aims import assess_aims
from coproduce.appraisal._base import (
    DEFAULT_POLICY,
    prepare,
    project_view,
)
from coproduce.appraisal._emphasis import emphasis
from coproduce.appraisal._findings import collect_findings
from coproduce.appraisal._plan import plan_problems, validate_plan
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._questions import assess_questions
from coproduce.appraisal._results import (
    Appraisal,
)
from coproduce.appraisal._risks import cost_exposure, risk_register
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    ConditionId,
    ConditionSetting,
    Lean,
    Project,
)

__all__ = ["appraise", "emphasis", "plan_problems", "validate_plan"]

# --------------------------------------------------------------------------- entry point


def appraise(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Appraisal:
    """Appraise a project: whether and how to coproduce, what it costs, and who pays.

    Pure and deterministic: no I/O, no clock, no randomness; the project is not changed;
    the result does not depend on the order of any list in the project.

    Args:
        project: the project to appraise.
        catalogue: the catalogue to reason from; ``None`` for the paper's.
        policy: weights, thresholds and gates; ``None`` for the documented defaults.

    Raises:
        PlanError: the project refers to a stakeholder, aim, stage or Table 2 condition it
            does not define, or lists one twice.

    Example:
        >>> from coproduce import (appraise, Project, Stakeholder, StakeholderKind,
        ...                        Involvement, Mode, ConditionSetting, Lean)
        >>> project = Project(
        ...     title="Evaluating a new hospital discharge policy",
        ...     stakeholders=(Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER),),
        ...     plan=(Involvement(stage="stage.recommendations", stakeholder="ministry",
        ...                       mode=Mode.PARTNERSHIP),),
        ...     conditions=(ConditionSetting(condition="condition.contested", lean=Lean.LESS),
        ...                 ConditionSetting(condition="condition.conflicts-of-interest",
        ...                                  lean=Lean.LESS),
        ...                 ConditionSetting(condition="condition.capacity", lean=Lean.LESS)),
        ... )
        >>> result = appraise(project)
        >>> result.emphasis.verdict
        <Verdict.LESS: 'less'>
        >>> [r.code for r in result.risks]
        ['risk.little-agreement', 'risk.pressed-to-frame']
        >>> sorted({f.code for f in result.findings})[:3]
        ['aims.none', 'aims.political-unstated', 'emphasis.gated']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else DEFAULT_POLICY
    validate_plan(project, cat)
    prep = cat.memo("coproduce.appraisal", prepare)
    view = project_view(project, prep)
    emph = emphasis(project, catalogue=cat, policy=pol)
    aims = assess_aims(view, cat, prep, pol)
    risks, detail = risk_register(view, prep, pol)
    exposure = cost_exposure(detail, view, prep)
    questions = assess_questions(view, cat)
    findings = collect_findings(view, prep, pol, emph, aims, risks, exposure)
    return Appraisal(
        title=project.title,
        catalogue_version=cat.version,
        emphasis=emph,
        aims=aims,
        risks=risks,
        exposure=exposure,
        questions=questions,
        findings=findings,
    )


def _with_lean(project: Project, condition: str, lean: Lean) -> Project:
    kept = tuple(c for c in project.conditions if c.condition != condition)
    return attrs.evolve(
        project,
        conditions=(*kept, ConditionSetting(condition=ConditionId(condition), lean=lean)),
    )
