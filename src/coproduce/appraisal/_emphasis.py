"""Step 1: how much emphasis coproduction deserves (Table 2, p. 7)."""

from __future__ import annotations

from coproduce.appraisal._base import (
    CAPACITY,
    DEFAULT_POLICY,
    SHORT,
    SIGN,
)
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

__all__ = ["emphasis"]

# --------------------------------------------------------------------------- step 1


def _effective_lean(
    project: Project, condition: str, policy: Policy
) -> tuple[Lean, bool, tuple[str, ...]]:
    stated = project.lean(condition)
    inputs: tuple[str, ...] = (f"conditions[{condition}]",)
    if stated is not Lean.UNKNOWN or condition != CAPACITY or not policy.infer_capacity:
        return stated, False, inputs
    r = project.resources
    supplies = (r.time, r.budget, r.facilitation)
    inputs += ("resources.time", "resources.budget", "resources.facilitation")
    if any(s in SHORT for s in supplies):
        return Lean.LESS, True, inputs
    if all(s is Sufficiency.ADEQUATE for s in supplies):
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


def emphasis(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Emphasis:
    """Step 1 alone: the emphasis verdict, score, confidence and each condition's contribution.

    Cheaper than a full :func:`appraise`; :func:`sensitivity` uses it.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else DEFAULT_POLICY
    conditions = sorted(cat.conditions, key=lambda c: c.number)
    total = sum(pol.weight(c.id) for c in conditions)
    contributions = []
    known = 0.0
    score = 0.0
    gated_by: list[ConditionId] = []
    for c in conditions:
        lean, inferred, inputs = _effective_lean(project, c.id, pol)
        w = pol.weight(c.id)
        share = w * SIGN[lean] / total if total else 0.0
        score += share
        if lean is not Lean.UNKNOWN:
            known += w
        gate = c.id in pol.gates
        if gate and lean is Lean.LESS:
            gated_by.append(c.id)
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
    confidence = round(known / total, 9) if total else 0.0
    ungated = (
        _grade(score, pol) if confidence >= pol.min_confidence and total else (Verdict.UNDETERMINED)
    )
    verdict = ungated
    if gated_by:
        ceiling = pol.gate_ceiling
        rank = ungated.rank
        if rank is None or rank > (ceiling.rank or 0):
            verdict = ceiling
    return Emphasis(
        verdict=verdict,
        score=score,
        confidence=confidence,
        ungated=ungated,
        gated_by=tuple(gated_by),
        advised_mode=pol.advised_mode[verdict],
        contributions=tuple(contributions),
    )
