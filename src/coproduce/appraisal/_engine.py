"""The appraisal entry point: short steps over one frozen context.

Pure: no I/O, no clock, no randomness, no mutation. Every list in the project is read through
a sorted view, so the result does not depend on the order of any list in the input. Each step
takes the context first and returns a record:

1. ``make_context`` — the catalogue index (once per catalogue) and sorted views of the project.
2. ``profile`` — the Table 2 profile (for decision-makers and commercial partners).
3. ``assess_aims`` — step 2 per aim: is involvement the route, and alternatives.
4. ``risk_register`` — Table 1 challenges scored per relationship, and risks of omission.
5. ``cost_exposure`` — bearer × category counts of risks by severity; who is least able.
6. ``assess_questions`` — the nine key questions: answered, answered-no, partly, open.
7. ``cost_summary`` and ``read_capacity`` — the costing's money and hours, when the project
   has one, and Table 2 row 9 read once for every relationship.
8. ``advise`` — advice per stakeholder and stage, held down by the ceilings (capacity,
   safeguarding, a contested topic), with prerequisites; never deeper than the plan.
9. ``collect_findings`` — every registered finding rule the policy enables.
10. ``levers`` — what would change the advice; ``choose_priority`` — the single most
    important thing to do.

Beside the paper, ``practice_risks`` (:mod:`coproduce.practice`) raises the practice layer's
risks from the project's facts; ``Policy(practice=False)`` switches the layer off and leaves
everything the paper gives unchanged.
"""

from __future__ import annotations

import attrs

from coproduce._gc import gc_paused
from coproduce._version import __version__
from coproduce.appraisal import _evaluators, _factors  # noqa: F401  (register the rules)
from coproduce.appraisal._advice import advise
from coproduce.appraisal._aims import assess_aims
from coproduce.appraisal._context import make_context, table2_basis
from coproduce.appraisal._exposure import cost_exposure
from coproduce.appraisal._findings import collect_findings
from coproduce.appraisal._levers import levers
from coproduce.appraisal._plan import validate_plan
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._priority import choose_priority
from coproduce.appraisal._questions import assess_questions
from coproduce.appraisal._registry import Results
from coproduce.appraisal._results import Appraisal
from coproduce.appraisal._risks import risk_register
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import Issue, PlanError
from coproduce.model import Project, check_types
from coproduce.practice import practice_risks

__all__ = ["DEFAULT_POLICY", "appraise"]

DEFAULT_POLICY = Policy()
"""The documented defaults (``docs/engine.md``)."""


def appraise(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Appraisal:
    """Appraise a project: whom to involve, where, how deeply, what it risks and who pays.

    Pure and deterministic: no I/O, no clock, no randomness; the project is not changed;
    the result does not depend on the order of any list in the project.

    Args:
        project: the project to appraise.
        catalogue: the catalogue to reason from; ``None`` for the paper's.
        policy: weights, thresholds and rules; ``None`` for the documented defaults.

    Raises:
        PlanError: the project refers to a stakeholder, aim, stage or Table 2 condition it
            does not define, or lists one twice; or a field built in Python holds a value of
            the wrong type (``mode="partnership"`` for ``Mode.PARTNERSHIP``: code
            ``wrong-type``).
        UnknownRuleError: the catalogue holds a mitigation, alternative or key question that
            no evaluator handles.

    Example:
        >>> from coproduce import (appraise, Project, Stakeholder, StakeholderKind,
        ...                        Involvement, Mode, ConditionSetting, Lean)
        >>> project = Project(
        ...     title="Evaluating a new hospital discharge policy",
        ...     stakeholders=(Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER,
        ...                               delivery_responsibility=True),),
        ...     plan=(Involvement(stage="stage.recommendations", stakeholder="ministry",
        ...                       mode=Mode.PARTNERSHIP),),
        ...     conditions=(ConditionSetting(condition="condition.contested", lean=Lean.LESS),
        ...                 ConditionSetting(condition="condition.capacity", lean=Lean.LESS)),
        ... )
        >>> result = appraise(project)
        >>> result.advice_for("ministry").summary
        'less, up to consultation (planned partnership), once a publication agreement is signed'
        >>> [s.action.value for s in result.advice_for("ministry").stages]
        ['lighten']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else DEFAULT_POLICY
    wrong = check_types(project)
    if wrong:
        raise PlanError(
            Issue(path=path, code=code, message=message) for path, code, message in wrong
        )
    try:
        with gc_paused():  # nothing an appraisal builds is cyclic
            return _appraise(project, cat, pol)
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        if isinstance(exc, PlanError):
            raise
        _raise_wrong_types(project, exc)
        raise


def _raise_wrong_types(project: Project, failure: Exception) -> None:
    """Raise a :class:`PlanError` naming each field of the wrong type, if any is.

    The vocabulary values, booleans and records are checked before the engine runs (see
    :func:`~coproduce.model._types.check_types`); any other field of the wrong type (a
    string for a number) is found here, once the engine has failed on it.
    """
    from coproduce.model import type_problems

    given: object = project  # typed a Project; an untyped caller may pass anything
    if isinstance(given, Project):
        problems = type_problems(given)
    else:
        problems = [("", "wrong-type", f"expected a Project, got {type(given).__name__}")]
    if problems:
        raise PlanError(
            Issue(path=path, code=code, message=message) for path, code, message in problems
        ) from failure


def _appraise(project: Project, cat: Catalogue, pol: Policy) -> Appraisal:
    """The appraisal (see :func:`appraise`), the defaults resolved."""
    validate_plan(project, cat)
    ctx = make_context(project, cat, pol)
    emph = ctx.profile()
    emph = attrs.evolve(
        emph, applies_to=tuple(s for s in ctx.involved if table2_basis(ctx.people[s]))
    )
    aims = assess_aims(ctx)
    risks = risk_register(ctx)
    exposure = cost_exposure(ctx, risks)
    questions = assess_questions(ctx)
    practice = practice_risks(project, cat) if pol.practice else ()
    costs, capacity = ctx.costs, ctx.capacity
    advice = advise(ctx, practice, capacity)
    results = Results(
        emphasis=emph,
        aims=aims,
        risks=risks,
        exposure=exposure,
        questions=questions,
        advice=advice,
        practice=practice,
        costs=costs,
        capacity=capacity,
    )
    findings = collect_findings(ctx, results)
    return Appraisal(
        title=project.title,
        project_id=project.id,
        catalogue_version=cat.version,
        coproduce_version=__version__,
        policy_digest=pol.digest,
        advice=advice,
        emphasis=emph,
        aims=aims,
        risks=risks,
        exposure=exposure,
        questions=questions,
        findings=findings,
        levers=levers(ctx, advice, capacity),
        practice=practice,
        costs=costs,
        priority=choose_priority(ctx, results, findings),
        capacity=capacity,
    )
