"""The appraisal policy: every number and rule of combination the paper does not give.

The paper calls Table 2 "early thoughts" and gives no weights, thresholds or rule for
combining its rows (p. 7). Everything here is the project's reading, documented in
``docs/engine.md``, and an embedder can change any of it: numbers, which findings run, and
rules or evaluators of their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import attrs

from coproduce.appraisal._verdicts import Severity, Verdict
from coproduce.errors import PolicyError
from coproduce.model import Extensible, FrozenMap, Mode, RateCard, StageId

if TYPE_CHECKING:
    from coproduce.appraisal._registry import Evaluator, FindingRule

__all__ = ["Policy", "Thresholds"]


def _frozen(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return FrozenMap(dict(value))


def _frozen_scope(value: Mapping[str, frozenset[str]]) -> Mapping[str, frozenset[str]]:
    return FrozenMap({k: frozenset(v) for k, v in value.items()})


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
            raise PolicyError(
                ["thresholds must satisfy -1 <= clearly_less <= less < more <= clearly_more <= 1"]
            )


_DECISION_MODE = {
    Verdict.CLEARLY_LESS: Mode.ADVICE,
    Verdict.LESS: Mode.CONSULTATION,
    Verdict.UNDETERMINED: Mode.CONSULTATION,
    Verdict.BALANCED: Mode.COLLABORATION,
    Verdict.MORE: Mode.COLLABORATION,
    Verdict.CLEARLY_MORE: Mode.PARTNERSHIP,
}

_AIMS_MODE = {
    Verdict.CLEARLY_LESS: Mode.ADVICE,
    Verdict.LESS: Mode.CONSULTATION,
    Verdict.UNDETERMINED: Mode.COLLABORATION,
    Verdict.BALANCED: Mode.PARTNERSHIP,
    Verdict.MORE: Mode.PARTNERSHIP,
    Verdict.CLEARLY_MORE: Mode.PARTNERSHIP,
}
"""No verdict supports user-controlled research: the paper describes it (p. 3) and never
recommends it."""

_CAPACITY_RUNGS = (
    (Verdict.BALANCED, Mode.PARTNERSHIP),
    (Verdict.BALANCED, Mode.COLLABORATION),
    (Verdict.LESS, Mode.CONSULTATION),
)

_CEILINGS = {
    "safeguarding": (Verdict.BALANCED, Mode.PARTNERSHIP),
    "contested": (Verdict.BALANCED, Mode.COLLABORATION),
    "contested-one-side": (Verdict.BALANCED, Mode.PARTNERSHIP),
}

_CORE_STAGES = (StageId("stage.framing-questions"), StageId("stage.recommendations"))

_STAGE_CAPS = {
    StageId("stage.recommendations"): Mode.CONSULTATION,
    StageId("stage.dissemination"): Mode.CONSULTATION,
}


@attrs.frozen(kw_only=True)
class Policy(Extensible):
    """How the engine weighs what the paper leaves open. ``Policy()`` is the default reading.

    Attributes:
        weights: weight per Table 2 condition id; conditions not named get
            ``default_weight``. Default: every row counts the same (the paper ranks none).
        default_weight: weight of conditions not in ``weights``.
        gates: Table 2 conditions treated as preconditions: when one leans *less*, the
            decision-makers' verdict is capped at ``gate_ceiling``. Default: none (the paper
            gives no preconditions; a shortfall is a resourcing finding, not a veto).
        gate_ceiling: the highest verdict a fired gate allows.
        unresourced_ceiling: the highest verdict for anyone when nothing at all is resourced
            (no time, no budget and no facilitation): the paper's reason for less (row 9).
        capacity_rungs: for every relationship, what Table 2 row 9 allows when capacity is
            short, rung by rung (verdict, deepest mode): each short supply (time, budget,
            facilitation; training not offered; a short window) climbs one rung, a supply
            with none at all or three short goes to the last; when unpaid or low-power
            people or early-career or fixed-term researchers would carry the work, one rung
            more, up to the second (the last only through the supplies).
        short_window_weeks: a project shorter than this has time in short supply (row 9),
            whatever ``resources.time`` says.
        ceilings: the most each fixed ceiling allows, (verdict, deepest mode):
            ``safeguarding`` (children or adults at risk take part), ``contested``
            (campaigners on a topic Table 2 row 1 says is contested) and
            ``contested-one-side`` (everyone else not advised from Table 2, when only one
            side campaigns in the plan).
        core_stages: when involvement must wait or narrow, the stages the advice names for
            consulting people meanwhile (the paper asks which stages are critical and gives
            no answer, p. 6; this choice, where questions are set and findings become
            recommendations, is the tool's).
        after_funding_mode: the deepest mode advised at a stage planned after the funding
            or the contracts of those who carry the engagement end (pp. 5-6).
        thresholds: score cut-offs between verdicts.
        min_coverage: below this share of known Table 2 weight the profile's verdict is
            ``UNDETERMINED``.
        infer_capacity: when row 9 is not stated, read it from ``resources`` (any of time,
            budget, facilitation none or limited → less; none short and at least one stated
            adequate → more; a supply not stated is not taken as short, so that more
            resources never make capacity less known).
        advised_mode: for decision-makers and commercial partners, the deepest mode each
            Table 2 verdict supports.
        aims_advised_mode: for everyone else, the deepest mode each aims-based verdict
            supports.
        stage_caps: the deepest mode at these stages for stakeholders with power over the
            findings (high power and interest, delivery responsibility, or commercial):
            where findings are framed and published, consult them (Table 1, rows 5-6).
        factor_points: severity points per risk factor code, overriding the registry's.
        factor_scope: challenges per risk factor code, overriding the registry's.
        severity_cutoffs: points at which a risk becomes medium and high.
        selective_stages: a stakeholder involved at this many stages or more prompts the
            "involve only where needed" alternative.
        review_weeks: a project shorter than this has no time for a systematic review, so
            the review is not offered as an alternative.
        concentration_severity: a least-able bearer carrying the costs of a risk whose
            residual severity is at least this is a finding.
        least_able_low_power: also count stakeholders of low power outside the decision and
            commercial spheres as least able to bear costs when they are paid. Default
            ``False``: among stakeholders only the unpaid are (the tool's reading of p. 5's
            "least able in terms of time or capacity"; payment answers for time, and power
            is scored in the risk register, where only governance lowers it).
        rates: a rate card to price the project's costing with, beside its own card (e.g.
            :func:`coproduce.costing.default_rate_card` or your organisation's); ``None``: only the
            project's card.
        practice: raise the practice layer's risks (:mod:`coproduce.practice`); ``False``
            gives the paper-only appraisal.
        disabled: finding codes, and ceiling codes prefixed ``ceiling.``
            (``"ceiling.capacity"``), not to run.
        rules: finding rules of your own (see :func:`coproduce.appraisal.finding_rule`).
        evaluators: evaluators of your own, keyed by catalogue id (mitigations,
            alternatives and key questions of your own catalogue).

    Example:
        >>> from coproduce.appraisal import Policy
        >>> strict = Policy(
        ...     weights={"condition.contested": 2.0},
        ...     gates=frozenset({"condition.capacity"}),
        ... )
        >>> strict.weight("condition.contested"), strict.weight("condition.purpose")
        (2.0, 1.0)
        >>> Policy().digest == Policy().digest != strict.digest
        True

    """

    weights: Mapping[str, float] = attrs.field(factory=dict, converter=_frozen, hash=False)
    default_weight: float = 1.0
    gates: frozenset[str] = frozenset()
    gate_ceiling: Verdict = Verdict.LESS
    unresourced_ceiling: Verdict = Verdict.LESS
    capacity_rungs: tuple[tuple[Verdict, Mode], ...] = _CAPACITY_RUNGS
    short_window_weeks: int = 13
    ceilings: Mapping[str, tuple[Verdict, Mode]] = attrs.field(
        factory=lambda: dict(_CEILINGS), converter=_frozen, hash=False
    )
    core_stages: tuple[str, ...] = _CORE_STAGES
    after_funding_mode: Mode = Mode.CONSULTATION
    thresholds: Thresholds = Thresholds()
    min_coverage: float = 0.3
    infer_capacity: bool = True
    advised_mode: Mapping[Verdict, Mode] = attrs.field(
        factory=lambda: dict(_DECISION_MODE), converter=_frozen, hash=False
    )
    aims_advised_mode: Mapping[Verdict, Mode] = attrs.field(
        factory=lambda: dict(_AIMS_MODE), converter=_frozen, hash=False
    )
    stage_caps: Mapping[str, Mode] = attrs.field(
        factory=lambda: dict(_STAGE_CAPS), converter=_frozen, hash=False
    )
    factor_points: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen, hash=False)
    factor_scope: Mapping[str, frozenset[str]] = attrs.field(
        factory=dict, converter=_frozen_scope, hash=False
    )
    severity_cutoffs: tuple[int, int] = (2, 4)
    selective_stages: int = 4
    review_weeks: int = 26
    concentration_severity: Severity = Severity.MEDIUM
    least_able_low_power: bool = False
    practice: bool = True
    rates: RateCard | None = None
    disabled: frozenset[str] = frozenset()
    rules: tuple[FindingRule, ...] = ()
    evaluators: Mapping[str, Evaluator] = attrs.field(factory=dict, converter=_frozen, hash=False)
    _digest: str = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = [f"weight of {k} is negative" for k, v in self.weights.items() if v < 0]
        if self.default_weight < 0:
            problems.append("default_weight is negative")
        if not 0 <= self.min_coverage <= 1:
            problems.append("min_coverage must be between 0 and 1")
        problems.extend(
            f"{name} must be a graded verdict"
            for name in ("gate_ceiling", "unresourced_ceiling")
            if getattr(self, name) is Verdict.UNDETERMINED
        )
        for name in ("advised_mode", "aims_advised_mode"):
            missing = sorted(v.value for v in Verdict if v not in getattr(self, name))
            if missing:
                problems.append(f"{name} lacks verdicts: {', '.join(missing)}")
        problems += _ceiling_problems(self)
        if not 0 < self.severity_cutoffs[0] <= self.severity_cutoffs[1]:
            problems.append("severity_cutoffs must be (medium, high) with 0 < medium <= high")
        codes = [r.code for r in self.rules]
        problems += [
            f"rule {c} is given twice" for c in sorted({c for c in codes if codes.count(c) > 1})
        ]
        if problems:
            raise PolicyError(problems)
        object.__setattr__(self, "_digest", _digest(self))

    @property
    def digest(self) -> str:
        """A stable digest of every setting (rules and evaluators by name): audit trail."""
        return self._digest

    def weight(self, condition_id: str) -> float:
        """The weight of a Table 2 condition under this policy."""
        return self.weights.get(condition_id, self.default_weight)


def _ceiling_problems(policy: Policy) -> list[str]:
    """What is wrong with the policy's ceilings: rungs out of order, an undetermined verdict."""
    problems = []
    rungs = policy.capacity_rungs
    if len(rungs) != 3:
        problems.append("capacity_rungs must have three rungs")
    limits = [*rungs, *policy.ceilings.values()]
    if any(v is Verdict.UNDETERMINED for v, _ in limits):
        problems.append("capacity_rungs and ceilings must give graded verdicts")
    elif any((b[0].rank or 0) > (a[0].rank or 0) or b[1] > a[1] for a, b in pairwise(rungs)):
        problems.append("capacity_rungs must allow no more at each rung than at the one before")
    missing = sorted(set(_CEILINGS) - set(policy.ceilings))
    if missing:
        problems.append(f"ceilings lacks: {', '.join(missing)}")
    if policy.short_window_weeks < 1:
        problems.append("short_window_weeks must be at least 1")
    return problems


def _name(value: object) -> str:
    if isinstance(value, Callable):  # type: ignore[arg-type]
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    code = getattr(value, "code", None)
    return str(code) if code is not None else repr(value)


def _canonical(value: object) -> str:
    if isinstance(value, Mapping):
        items = sorted((_canonical(k), _canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, frozenset):
        return "[" + ",".join(sorted(_canonical(v) for v in value)) + "]"
    if isinstance(value, tuple):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    if attrs.has(type(value)):
        names = [f.name for f in attrs.fields(type(value)) if f.init]  # type: ignore[arg-type]
        return type(value).__name__ + _canonical({n: getattr(value, n) for n in names})
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return str(value.value)
    if isinstance(value, (bool, int, float, str)) or value is None:
        return repr(value)
    return _name(value)


def _digest(policy: Policy) -> str:
    fields = attrs.fields(Policy)
    text = _canonical({f.name: getattr(policy, f.name) for f in fields if f.init})
    return hashlib.sha256(text.encode()).hexdigest()[:16]
