"""The Table 2 profile (p. 7): how much emphasis coproduction with decision-makers deserves.

The paper scopes Table 2 to evaluations coproduced with policy-makers and service managers
(p. 6), so the profile drives the advice for decision-makers and commercial partners only.
Row 2 (conflicts of interest, with delivery responsibility as its example) is read per
stakeholder where their ``delivery_responsibility`` is known.
"""

from __future__ import annotations

from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    Citation,
    ConditionContribution,
    Emphasis,
    Verdict,
)
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    ConditionId,
    Lean,
    Project,
    Sufficiency,
)

__all__ = ["CAPACITY", "CONFLICTS", "emphasis", "profile"]

CAPACITY = ConditionId("condition.capacity")
CONFLICTS = ConditionId("condition.conflicts-of-interest")
_SIGN = {Lean.LESS: -1, Lean.MORE: 1, Lean.UNKNOWN: 0}


def _effective_lean(
    project: Project, condition: str, policy: Policy, delivery: bool | None
) -> tuple[Lean, bool, tuple[str, ...]]:
    stated = project.lean(condition)
    inputs: tuple[str, ...] = (f"conditions[{condition}]",)
    if condition == CONFLICTS and delivery is not None:
        return (Lean.LESS if delivery else Lean.MORE), True, (*inputs, "delivery_responsibility")
    if stated is not Lean.UNKNOWN or condition != CAPACITY or not policy.infer_capacity:
        return stated, False, inputs
    r = project.resources
    inputs += tuple(f"resources.{n}" for n, _ in r.supplies())
    if r.short():
        return Lean.LESS, True, inputs
    if all(v is Sufficiency.ADEQUATE for _, v in r.supplies()):
        return Lean.MORE, True, inputs
    return Lean.UNKNOWN, False, inputs


def _grade(score: float, policy: Policy) -> Verdict:
    t = policy.thresholds
    if score <= t.clearly_less:
        return Verdict.CLEARLY_LESS
    if score <= t.less:
        return Verdict.LESS
    if score >= t.clearly_more:
        return Verdict.CLEARLY_MORE
    if score >= t.more:
        return Verdict.MORE
    return Verdict.BALANCED


def profile(
    project: Project, catalogue: Catalogue, policy: Policy, *, delivery: bool | None = None
) -> Emphasis:
    """The Table 2 profile, with row 2 read from one stakeholder's ``delivery`` when known."""
    conditions = sorted(catalogue.conditions, key=lambda c: c.number)
    total = sum(policy.weight(c.id) for c in conditions)
    contributions = []
    known = score = 0.0
    gates: list[ConditionId] = []
    for c in conditions:
        lean, inferred, inputs = _effective_lean(project, c.id, policy, delivery)
        w = policy.weight(c.id)
        share = w * _SIGN[lean] / total if total else 0.0
        score += share
        known += w if lean is not Lean.UNKNOWN else 0.0
        gate = c.id in policy.gates
        if gate and lean is Lean.LESS:
            gates.append(c.id)
        contributions.append(
            ConditionContribution(
                condition=c.id,
                number=c.number,
                label=c.label,
                lean=lean,
                inferred=inferred,
                weight=w,
                contribution=round(share, 9) + 0.0,
                gate=gate,
                inputs=inputs,
                source=Citation.of(c.id, c.source),
            )
        )
    score = round(score, 9) + 0.0
    coverage = round(known / total, 9) if total else 0.0
    ungated = (
        _grade(score, policy) if coverage >= policy.min_coverage and total else Verdict.UNDETERMINED
    )
    verdict = ungated
    ceiling = policy.gate_ceiling
    lowered = gates and (ungated.rank is None or ungated.rank > (ceiling.rank or 0))
    if lowered:
        verdict = ceiling
    return Emphasis(
        verdict=verdict,
        score=score,
        coverage=coverage,
        ungated=ungated,
        gated_by=tuple(gates) if lowered else (),
        advised_mode=policy.advised_mode[verdict],
        contributions=tuple(contributions),
    )


def emphasis(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Emphasis:
    """The project's Table 2 profile alone: verdict, score, coverage and each row's part.

    Cheaper than a full :func:`appraise`; :func:`sensitivity` uses it. The profile reads
    Table 2 as the paper scopes it, for decision-makers; see :class:`Emphasis`.

    Example:
        >>> from coproduce import ConditionSetting, Lean, Project
        >>> from coproduce.appraisal import emphasis
        >>> p = Project(title="t", conditions=(
        ...     ConditionSetting(condition="condition.contested", lean=Lean.LESS),))
        >>> e = emphasis(p)
        >>> e.verdict.value, round(e.coverage, 2)
        ('undetermined', 0.11)

    """
    from coproduce.appraisal._engine import DEFAULT_POLICY

    cat = catalogue if catalogue is not None else default_catalogue()
    return profile(project, cat, policy if policy is not None else DEFAULT_POLICY)
