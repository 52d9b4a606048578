"""The appraisal policy: every number and rule of combination the paper does not give.

The paper calls Table 2 "early thoughts" and gives no weights, thresholds or rule for
combining its rows (p. 7). Everything here is the project's reading, documented in
``docs/engine.md``, and an embedder can change any of it.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from coproduce.appraisal._results import Severity, Verdict
from coproduce.errors import PolicyError
from coproduce.model import Extensible, FrozenMap, Mode

__all__ = ["DEFAULT_FACTOR_SCOPE", "Policy", "Thresholds"]


def _frozen_mapping(value: Mapping[str, float]) -> Mapping[str, float]:
    return FrozenMap(dict(value))


def _frozen_points(value: Mapping[str, int]) -> Mapping[str, int]:
    return FrozenMap(dict(value))


def _frozen_scope(value: Mapping[str, frozenset[str]]) -> Mapping[str, frozenset[str]]:
    return FrozenMap({k: frozenset(v) for k, v in value.items()})


def _frozen_modes(value: Mapping[Verdict, Mode]) -> Mapping[Verdict, Mode]:
    return FrozenMap(dict(value))


@attrs.frozen(kw_only=True)
class Thresholds(Extensible):
    """Score cut-offs between verdicts (score runs from −1 to 1).

    A score at or below ``clearly_less`` is clearly less; at or below ``less``, less; at or
    above ``clearly_more``, clearly more; at or above ``more``, more; otherwise balanced.
    """

    clearly_less: float = -0.6
    less: float = -0.2
    more: float = 0.2
    clearly_more: float = 0.6

    def __attrs_post_init__(self) -> None:
        if not (-1 <= self.clearly_less <= self.less < self.more <= self.clearly_more <= 1):
            raise ValueError(
                "thresholds must satisfy -1 <= clearly_less <= less < more <= clearly_more <= 1"
            )


DEFAULT_FACTOR_SCOPE: Mapping[str, frozenset[str]] = FrozenMap(
    {
        "powerful-interested": frozenset(
            {
                "challenge.different-priorities",
                "challenge.co-opted",
                "challenge.little-agreement",
                "challenge.pressed-to-frame",
                "challenge.prevented-sharing",
                "challenge.premature-sharing",
                "challenge.advocacy-tension",
            }
        ),
        "delivery-responsibility": frozenset(
            {
                "challenge.co-opted",
                "challenge.pressed-to-frame",
                "challenge.prevented-sharing",
                "challenge.advocacy-tension",
            }
        ),
        "identifiable-data": frozenset(
            {"challenge.identify-participants", "challenge.help-analyse"}
        ),
        "no-publication-agreement": frozenset(
            {
                "challenge.pressed-to-frame",
                "challenge.prevented-sharing",
                "challenge.premature-sharing",
            }
        ),
        "no-data-agreement": frozenset(
            {"challenge.identify-participants", "challenge.help-analyse"}
        ),
        "dominance": frozenset(
            {
                "challenge.usual-suspects",
                "challenge.stakeholders-disagree",
                "challenge.different-priorities",
                "challenge.little-agreement",
            }
        ),
        "no-resources": frozenset(
            {
                "challenge.stakeholders-disagree",
                "challenge.pressure-on-resources",
                "challenge.help-analyse",
            }
        ),
    }
)
"""Which challenges each severity factor applies to (challenge ids of the default catalogue).

The ``junior-carries-engagement`` factor needs no scope: it applies to every risk whose costs
fall on researchers. Extend the scope to bring your own catalogue's challenges under a factor.
"""

_DEFAULT_ADVISED_MODE = {
    Verdict.CLEARLY_LESS: Mode.ADVICE,
    Verdict.LESS: Mode.CONSULTATION,
    Verdict.UNDETERMINED: Mode.CONSULTATION,
    Verdict.BALANCED: Mode.EMBEDDED,
    Verdict.MORE: Mode.COLLABORATION,
    Verdict.CLEARLY_MORE: Mode.PARTNERSHIP,
}

_DEFAULT_FACTOR_POINTS = {
    "powerful-interested": 2,
    "delivery-responsibility": 1,
    "identifiable-data": 2,
    "no-publication-agreement": 2,
    "no-data-agreement": 1,
    "dominance": 2,
    "no-resources": 1,
    "junior-carries-engagement": 1,
}


@attrs.frozen(kw_only=True)
class Policy(Extensible):
    """How the engine weighs what the paper leaves open. ``Policy()`` is the default reading.

    Attributes:
        weights: weight per Table 2 condition id; conditions not named get
            ``default_weight``. Default: every row counts the same (the paper ranks none).
        default_weight: weight of conditions not in ``weights``.
        gates: conditions treated as close to preconditions. When a gate leans *less*, the
            verdict is capped at ``gate_ceiling`` however the other rows fall. Default:
            ``condition.capacity`` (Table 2, row 9: too little time, money or expertise to
            involve key stakeholders where they should be).
        gate_ceiling: the highest verdict a fired gate allows.
        thresholds: score cut-offs between verdicts.
        min_confidence: below this share of known weight the verdict is ``UNDETERMINED``
            (unless a gate fires).
        infer_capacity: when ``condition.capacity`` is not stated, infer it from
            ``resources`` (any of time, budget, facilitation none or limited → less; all
            adequate → more).
        advised_mode: the deepest mode of interaction each verdict supports; deeper
            involvement is a finding.
        factor_points: severity points each risk factor adds.
        factor_scope: which challenges each factor applies to.
        severity_cutoffs: points at which a risk becomes medium and high.
        selective_stages: a stakeholder involved at this many stages or more prompts the
            "involve only where needed" alternative.
        concentration_severity: a least-able bearer carrying the costs of a risk whose
            residual severity is at least this is a finding.

    Example:
        >>> from coproduce.appraisal import Policy
        >>> strict = Policy(
        ...     weights={"condition.contested": 2.0},
        ...     gates=frozenset({"condition.capacity", "condition.conflicts-of-interest"}),
        ... )
        >>> strict.weight("condition.contested"), strict.weight("condition.purpose")
        (2.0, 1.0)

    """

    weights: Mapping[str, float] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    default_weight: float = 1.0
    gates: frozenset[str] = frozenset({"condition.capacity"})
    gate_ceiling: Verdict = Verdict.LESS
    thresholds: Thresholds = Thresholds()
    min_confidence: float = 0.3
    infer_capacity: bool = True
    advised_mode: Mapping[Verdict, Mode] = attrs.field(
        factory=lambda: dict(_DEFAULT_ADVISED_MODE), converter=_frozen_modes, hash=False
    )
    factor_points: Mapping[str, int] = attrs.field(
        factory=lambda: dict(_DEFAULT_FACTOR_POINTS), converter=_frozen_points, hash=False
    )
    factor_scope: Mapping[str, frozenset[str]] = attrs.field(
        factory=lambda: dict(DEFAULT_FACTOR_SCOPE), converter=_frozen_scope, hash=False
    )
    severity_cutoffs: tuple[int, int] = (2, 4)
    selective_stages: int = 4
    concentration_severity: Severity = Severity.MEDIUM

    def __attrs_post_init__(self) -> None:
        problems = [f"weight of {k} is negative" for k, v in self.weights.items() if v < 0]
        if self.default_weight < 0:
            problems.append("default_weight is negative")
        if not 0 <= self.min_confidence <= 1:
            problems.append("min_confidence must be between 0 and 1")
        if self.gate_ceiling is Verdict.UNDETERMINED:
            problems.append("gate_ceiling must be a graded verdict")
        missing = sorted(v.value for v in Verdict if v not in self.advised_mode)
        if missing:
            problems.append(f"advised_mode lacks verdicts: {', '.join(missing)}")
        if not 0 < self.severity_cutoffs[0] <= self.severity_cutoffs[1]:
            problems.append("severity_cutoffs must be (medium, high) with 0 < medium <= high")
        if problems:
            raise PolicyError(problems)

    def weight(self, condition_id: str) -> float:
        """The weight of a Table 2 condition under this policy."""
        return self.weights.get(condition_id, self.default_weight)
