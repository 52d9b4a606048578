"""The appraisal engine: whom to involve, where, how deeply, what it risks, and who pays.

:func:`appraise` is a pure function of a project, a catalogue and a :class:`Policy`. Every
number the paper does not give (weights, thresholds, severity points) lives in the policy and
is documented in ``docs/engine.md`` as the project's reading, not the paper's rule. The rules
themselves live in registries (:data:`FINDINGS`, :data:`FACTORS` and the evaluators), from
which the docs tables are generated.
"""

from typing import TYPE_CHECKING

from coproduce._lazy import attach

if TYPE_CHECKING:
    from coproduce.appraisal._context import Context, StageFacts
    from coproduce.appraisal._emphasis import emphasis
    from coproduce.appraisal._engine import DEFAULT_POLICY, appraise
    from coproduce.appraisal._plan import plan_problems, validate_plan
    from coproduce.appraisal._policy import Policy, Thresholds
    from coproduce.appraisal._registry import (
        ALTERNATIVES,
        FACTORS,
        FINDINGS,
        MITIGATIONS,
        QUESTIONS,
        FactorRule,
        FindingRule,
        Hit,
        QuestionField,
        Results,
        UnknownRuleError,
        finding_rule,
    )
    from coproduce.appraisal._results import (
        Action,
        Advice,
        AimAppraisal,
        AlternativeAdvice,
        Answer,
        Appraisal,
        BearerCost,
        Citation,
        ConditionContribution,
        CostSummary,
        Emphasis,
        ExposureCell,
        Factor,
        Finding,
        FindingLevel,
        Lever,
        MitigationStatus,
        Prerequisite,
        QuestionStatus,
        Risk,
        Route,
        Severity,
        StageAdvice,
        StageCost,
        Verdict,
    )
    from coproduce.appraisal._whatif import (
        CHANGE_KINDS,
        Change,
        Comparison,
        ConditionSensitivity,
        LeanOutcome,
        compare,
        sensitivity,
    )

__all__ = [
    "ALTERNATIVES",
    "CHANGE_KINDS",
    "DEFAULT_POLICY",
    "FACTORS",
    "FINDINGS",
    "MITIGATIONS",
    "QUESTIONS",
    "Action",
    "Advice",
    "AimAppraisal",
    "AlternativeAdvice",
    "Answer",
    "Appraisal",
    "BearerCost",
    "Change",
    "Citation",
    "Comparison",
    "ConditionContribution",
    "ConditionSensitivity",
    "Context",
    "CostSummary",
    "Emphasis",
    "ExposureCell",
    "Factor",
    "FactorRule",
    "Finding",
    "FindingLevel",
    "FindingRule",
    "Hit",
    "LeanOutcome",
    "Lever",
    "MitigationStatus",
    "Policy",
    "Prerequisite",
    "QuestionField",
    "QuestionStatus",
    "Results",
    "Risk",
    "Route",
    "Severity",
    "StageAdvice",
    "StageCost",
    "StageFacts",
    "Thresholds",
    "UnknownRuleError",
    "Verdict",
    "appraise",
    "compare",
    "emphasis",
    "finding_rule",
    "plan_problems",
    "sensitivity",
    "validate_plan",
]

# The engine module first: importing it registers the rules the registries hold.
if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names
    __getattr__, __dir__ = attach(
        __name__,
        __all__,
        tuple(
            f"coproduce.appraisal.{module}"
            for module in (
                "_engine",
                "_context",
                "_emphasis",
                "_plan",
                "_policy",
                "_registry",
                "_results",
                "_whatif",
            )
        ),
    )
