"""Evaluators keyed by catalogue id: mitigations, alternatives and key questions.

Every entry of the default catalogue has exactly one evaluator here (a test holds that). An
entry of your own catalogue needs one in ``Policy(evaluators=...)``; without it the appraisal
raises :class:`~coproduce.appraisal.UnknownRuleError` rather than guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from coproduce.appraisal._context import Context, StageFacts
from coproduce.appraisal._registry import (
    ALTERNATIVES,
    MITIGATIONS,
    QUESTIONS,
    AlternativeEvaluate,
    MitigationCheck,
    MitigationEvaluate,
    QuestionEvaluate,
    QuestionField,
)
from coproduce.model import (
    Contribution,
    DecisionProcess,
    Involvement,
    Mode,
    Sphere,
    Stakeholder,
    Sufficiency,
)

__all__: list[str] = []


def _mitigation(
    key: str, *, governance: bool = False
) -> Callable[[MitigationEvaluate], MitigationEvaluate]:
    def register(evaluate: MitigationEvaluate) -> MitigationEvaluate:
        MITIGATIONS.add(key, MitigationCheck(evaluate=evaluate, governance=governance))
        return evaluate

    return register


def _supply(value: Sufficiency) -> bool | None:
    if value is Sufficiency.ADEQUATE:
        return True
    return False if value.short else None


@_mitigation("mitigation.ground-rules", governance=True)
def _ground_rules(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return ctx.project.governance.ground_rules, ("governance.ground_rules",)


@_mitigation("mitigation.decision-process", governance=True)
def _decision_process(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    decided = None if ctx.project.governance.decisions is DecisionProcess.UNSPECIFIED else True
    return decided, ("governance.decisions",)


@_mitigation("mitigation.data-agreement")
def _data_agreement(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return ctx.project.governance.data_agreement, ("governance.data_agreement",)


@_mitigation("mitigation.publication-agreement")
def _publication(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return ctx.project.governance.publication_agreement, ("governance.publication_agreement",)


@_mitigation("mitigation.facilitation")
def _facilitation(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return _supply(ctx.project.resources.facilitation), ("resources.facilitation",)


@_mitigation("mitigation.training")
def _training(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    values = (ctx.project.resources.training, ctx.project.support.training)
    found = True if True in values else (False if False in values else None)
    return found, ("resources.training", "support.training")


@_mitigation("mitigation.budget")
def _budget(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return _supply(ctx.project.resources.budget), ("resources.budget",)


@_mitigation("mitigation.time")
def _time(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    return _supply(ctx.project.resources.time), ("resources.time",)


@_mitigation("mitigation.broad-membership")
def _broad(ctx: Context, stage: StageFacts) -> tuple[bool | None, tuple[str, ...]]:
    found = False if stage.familiar else ctx.project.support.diversity
    return found, ("stakeholders[*].familiar", "support.diversity")


# --------------------------------------------------------------------------- alternatives


def _alternative(key: str) -> Callable[[AlternativeEvaluate], AlternativeEvaluate]:
    def register(evaluate: AlternativeEvaluate) -> AlternativeEvaluate:
        ALTERNATIVES.add(key, evaluate)
        return evaluate

    return register


def _join(ids: Iterable[str]) -> str:
    return ", ".join(sorted(set(ids)))


@_alternative("alternative.systematic-review")
def _review(ctx: Context, invs: tuple[Involvement, ...]) -> str | None:
    """Lay people bring their experience, which a review of experience might give instead."""
    weeks = ctx.project.duration_weeks
    if weeks is not None and weeks < ctx.policy.review_weeks:
        return None
    lay = [
        i.stakeholder
        for i in invs
        if ctx.sphere(i.stakeholder) is Sphere.LAY and _experience(ctx.people[i.stakeholder])
    ]
    if not lay:
        return None
    return (
        "the understanding of people's experience brought by "
        + _join(lay)
        + " might come from a systematic review of patients' or the public's experience"
    )


def _experience(s: Stakeholder) -> bool:
    """What a stakeholder brings includes lived experience (or nobody has said what it brings)."""
    return not s.brings or Contribution.LIVED_EXPERIENCE in s.brings


@_alternative("alternative.consultation")
def _consult(ctx: Context, invs: tuple[Involvement, ...]) -> str | None:
    """Someone is involved at collaboration or deeper."""
    deep = [i.stakeholder for i in invs if i.mode >= Mode.COLLABORATION]
    if not deep:
        return None
    return "consulting " + _join(deep) + " may serve as well as sharing control"


@_alternative("alternative.selective-stages")
def _selective(ctx: Context, invs: tuple[Involvement, ...]) -> str | None:
    """A stakeholder is involved at `selective_stages` stages or more."""
    n = ctx.policy.selective_stages
    many = sorted({i.stakeholder for i in invs if len(ctx.plan_of[i.stakeholder]) >= n})
    if not many:
        return None
    verb = "is" if len(many) == 1 else "are"
    return f"{', '.join(many)} {verb} involved at {n} or more stages; involve only where needed"


# --------------------------------------------------------------------------- key questions


def _question(key: str) -> Callable[[QuestionEvaluate], QuestionEvaluate]:
    def register(evaluate: QuestionEvaluate) -> QuestionEvaluate:
        QUESTIONS.add(key, evaluate)
        return evaluate

    return register


def _flag(path: str, value: bool | None) -> QuestionField:
    return QuestionField(path=path, known=value is not None, absent=value is False)


def _supply_field(path: str, value: Sufficiency) -> QuestionField:
    return QuestionField(
        path=path, known=value is not Sufficiency.UNKNOWN, absent=value is Sufficiency.NONE
    )


@_question("question.individuals.contributions")
def _q_bringing(ctx: Context) -> Iterator[QuestionField]:
    stakeholders = sorted(ctx.project.stakeholders, key=lambda s: s.id)
    if not stakeholders:
        yield QuestionField(path="stakeholders", known=False)
    for s in stakeholders:
        yield QuestionField(path=f"stakeholders[{s.id}].brings", known=bool(s.brings))


@_question("question.individuals.circumstances")
def _q_circumstances(ctx: Context) -> Iterator[QuestionField]:
    yield QuestionField(path="aims", known=bool(ctx.project.aims))
    yield QuestionField(path="plan", known=bool(ctx.project.plan))
    for sid, invs in ctx.plan_of.items():
        for i in invs:
            yield QuestionField(path=f"plan[{i.stage}/{sid}].aims", known=bool(i.aims))


@_question("question.individuals.costs")
def _q_costs(ctx: Context) -> Iterator[QuestionField]:
    for name, value in ctx.project.resources.supplies():
        yield _supply_field(f"resources.{name}", value)
    for s in sorted(ctx.project.stakeholders, key=lambda s: s.id):
        if s.kind.sphere is Sphere.LAY:
            yield _flag(ctx.payment_inputs(s.id)[0], ctx.payment_offered(s))


@_question("question.individuals.decisions")
def _q_decisions(ctx: Context) -> Iterator[QuestionField]:
    g = ctx.project.governance
    yield QuestionField(
        path="governance.decisions", known=g.decisions is not DecisionProcess.UNSPECIFIED
    )
    yield _flag("governance.accountability", g.accountability)
    yield _flag("governance.ground_rules", g.ground_rules)


@_question("question.organisations.infrastructure")
def _q_infrastructure(ctx: Context) -> Iterator[QuestionField]:
    yield _flag("support.infrastructure", ctx.project.support.infrastructure)
    yield _flag("support.leadership", ctx.project.support.leadership)


@_question("question.organisations.training")
def _q_training(ctx: Context) -> Iterator[QuestionField]:
    yield _flag("support.training", ctx.project.support.training)
    yield _flag("resources.training", ctx.project.resources.training)


@_question("question.organisations.recognition")
def _q_recognition(ctx: Context) -> Iterator[QuestionField]:
    yield _flag("support.recognition", ctx.project.support.recognition)


@_question("question.organisations.evaluation")
def _q_evaluation(ctx: Context) -> Iterator[QuestionField]:
    yield _flag("support.evaluation", ctx.project.support.evaluation)


@_question("question.organisations.diversity")
def _q_diversity(ctx: Context) -> Iterator[QuestionField]:
    yield _flag("support.diversity", ctx.project.support.diversity)
