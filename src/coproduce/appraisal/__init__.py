"""The appraisal engine: whether and how to coproduce, what it costs, and who pays.

:func:`appraise` is a pure function of a project, a catalogue and a :class:`Policy`. Every
number the paper does not give (weights, thresholds, gates, severity points) lives in the
policy and is documented in ``docs/engine.md`` as the project's reading, not the paper's rule.
"""

from coproduce.appraisal._engine import appraise, emphasis, plan_problems, validate_plan
from coproduce.appraisal._policy import DEFAULT_FACTOR_SCOPE, Policy, Thresholds
from coproduce.appraisal._results import (
    AimAppraisal,
    AlternativeAdvice,
    Answer,
    Appraisal,
    Citation,
    ConditionContribution,
    Emphasis,
    ExposureCell,
    Factor,
    Finding,
    Level,
    MitigationStatus,
    QuestionStatus,
    Risk,
    Route,
    Severity,
    Verdict,
)
from coproduce.appraisal._whatif import (
    Change,
    Comparison,
    ConditionSensitivity,
    Outcome,
    compare,
    sensitivity,
)

__all__ = [
    "DEFAULT_FACTOR_SCOPE",
    "AimAppraisal",
    "AlternativeAdvice",
    "Answer",
    "Appraisal",
    "Change",
    "Citation",
    "Comparison",
    "ConditionContribution",
    "ConditionSensitivity",
    "Emphasis",
    "ExposureCell",
    "Factor",
    "Finding",
    "Level",
    "MitigationStatus",
    "Outcome",
    "Policy",
    "QuestionStatus",
    "Risk",
    "Route",
    "Severity",
    "Thresholds",
    "Verdict",
    "appraise",
    "compare",
    "emphasis",
    "plan_problems",
    "sensitivity",
    "validate_plan",
]
