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
    from coproduce.appraisal._advice_records import (
        Advice,
        Capacity,
        Ceiling,
        Lever,
        Prerequisite,
        Priority,
        StageAdvice,
        Suggestion,
    )
    from coproduce.appraisal._capacity import capacity_of
    from coproduce.appraisal._ceilings import CEILINGS, CeilingRule
    from coproduce.appraisal._context import Context, StageFacts, payment_reading, table2_basis
    from coproduce.appraisal._emphasis import emphasis
    from coproduce.appraisal._engine import DEFAULT_POLICY, appraise
    from coproduce.appraisal._plan import plan_problems, plan_warnings, validate_plan
    from coproduce.appraisal._policy import Policy, Thresholds
    from coproduce.appraisal._priority import PRIORITIES, PriorityRule
    from coproduce.appraisal._profile import ConditionContribution, Emphasis
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
        AimAppraisal,
        AlternativeAdvice,
        Appraisal,
        BearerCost,
        CostSummary,
        ExposureCell,
        Factor,
        Finding,
        MitigationStatus,
        QuestionStatus,
        Risk,
        StageCost,
    )
    from coproduce.appraisal._verdicts import (
        Action,
        Answer,
        FindingLevel,
        Route,
        Severity,
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
    from coproduce.model import Citation

__all__ = [
    "ALTERNATIVES",
    "CEILINGS",
    "CHANGE_KINDS",
    "DEFAULT_POLICY",
    "FACTORS",
    "FINDINGS",
    "MITIGATIONS",
    "PRIORITIES",
    "QUESTIONS",
    "Action",
    "Advice",
    "AimAppraisal",
    "AlternativeAdvice",
    "Answer",
    "Appraisal",
    "BearerCost",
    "Capacity",
    "Ceiling",
    "CeilingRule",
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
    "Priority",
    "PriorityRule",
    "QuestionField",
    "QuestionStatus",
    "Results",
    "Risk",
    "Route",
    "Severity",
    "StageAdvice",
    "StageCost",
    "StageFacts",
    "Suggestion",
    "Thresholds",
    "UnknownRuleError",
    "Verdict",
    "appraise",
    "capacity_of",
    "compare",
    "emphasis",
    "finding_rule",
    "payment_reading",
    "plan_problems",
    "plan_warnings",
    "sensitivity",
    "table2_basis",
    "validate_plan",
]

# The plan checks first (light), then the engine module: importing it registers the rules.
if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names
    __getattr__, __dir__ = attach(
        __name__,
        __all__,
        (
            *(
                f"coproduce.appraisal.{module}"
                for module in (
                    "_plan",  # first: reading and validating a project need only the plan checks
                    "_engine",
                    "_ceilings",
                    "_priority",
                    "_context",
                    "_emphasis",
                    "_policy",
                    "_registry",
                    "_results",
                    "_advice_records",
                    "_profile",
                    "_verdicts",
                    "_whatif",
                    "_capacity",
                )
            ),
            "coproduce.model",  # Citation, which the records cite with
        ),
    )
