"""What would change the advice: sensitivity to Table 2 conditions, and comparing appraisals."""

from __future__ import annotations

import attrs

from coproduce.appraisal._advice import with_lean
from coproduce.appraisal._emphasis import emphasis
from coproduce.appraisal._engine import DEFAULT_POLICY
from coproduce.appraisal._plan import validate_plan
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import Answer, Appraisal, Citation, Verdict
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Extensible, Lean, Project

__all__ = ["Change", "Comparison", "ConditionSensitivity", "LeanOutcome", "compare", "sensitivity"]


@attrs.frozen(kw_only=True)
class LeanOutcome(Extensible):
    """The emphasis if one condition leaned another way."""

    lean: Lean
    verdict: Verdict
    score: float


@attrs.frozen(kw_only=True)
class ConditionSensitivity(Extensible):
    """Whether setting one Table 2 condition differently would change the verdict.

    Attributes:
        lean: the lean used now (stated or inferred).
        outcomes: the emphasis under each other lean (both, when the condition is unknown).
        changes_verdict: at least one outcome has a different verdict.

    """

    condition: str
    number: int
    lean: Lean
    outcomes: tuple[LeanOutcome, ...]
    changes_verdict: bool
    source: Citation


def sensitivity(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> tuple[ConditionSensitivity, ...]:
    """Say, for each Table 2 condition, whether setting it the other way changes the verdict.

    Unknown conditions are tried both ways; known (or inferred) ones the opposite way.

    Example:
        >>> from coproduce import Project
        >>> from coproduce.appraisal import sensitivity
        >>> rows = sensitivity(Project(title="Nothing known yet"))
        >>> [r.changes_verdict for r in rows][:3]
        [False, False, False]

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else DEFAULT_POLICY
    validate_plan(project, cat)
    now = emphasis(project, catalogue=cat, policy=pol)
    out = []
    for c in now.contributions:
        others = (
            (Lean.LESS, Lean.MORE)
            if c.lean is Lean.UNKNOWN
            else ((Lean.MORE,) if c.lean is Lean.LESS else (Lean.LESS,))
        )
        outcomes = []
        for lean in others:
            e = emphasis(with_lean(project, c.condition, lean), catalogue=cat, policy=pol)
            outcomes.append(LeanOutcome(lean=lean, verdict=e.verdict, score=e.score))
        out.append(
            ConditionSensitivity(
                condition=c.condition,
                number=c.number,
                lean=c.lean,
                outcomes=tuple(outcomes),
                changes_verdict=any(o.verdict is not now.verdict for o in outcomes),
                source=c.source,
            )
        )
    return tuple(out)


@attrs.frozen(kw_only=True)
class Change(Extensible):
    """One thing that differs between two appraisals."""

    what: str
    """``"advice"``, ``"risk"``, ``"finding"`` or ``"question"``."""
    key: str
    """The stakeholder id, risk (``code@stage``), finding (``code`` + inputs) or question id."""
    before: str | None = None
    """The old value (advice summary, severity, level or answer), ``None`` if it was absent."""
    after: str | None = None
    """The new value, ``None`` if it is gone."""


@attrs.frozen(kw_only=True)
class Comparison(Extensible):
    """What changed from one appraisal to another (e.g. before and after a plan change)."""

    verdict_before: Verdict
    verdict_after: Verdict
    score_delta: float
    coverage_delta: float
    changes: tuple[Change, ...]

    @property
    def verdict_changed(self) -> bool:
        """Whether the emphasis verdict differs."""
        return self.verdict_before is not self.verdict_after


def _advice_map(a: Appraisal) -> dict[str, str]:
    return {x.stakeholder: x.summary for x in a.advice}


def _risk_map(a: Appraisal) -> dict[str, str]:
    return {
        f"{r.code}@{r.stage}": (
            f"{r.residual.value} ({r.points} points, "
            f"{sum(m.in_place is True for m in r.mitigations)} mitigated)"
        )
        for r in a.risks
    }


def _finding_map(a: Appraisal) -> dict[str, str]:
    return {f"{f.code}[{','.join(f.inputs)}]": f.level.value for f in a.findings}


def _question_map(a: Appraisal) -> dict[str, Answer]:
    return {q.question: q.answer for q in a.questions}


def compare(before: Appraisal, after: Appraisal) -> Comparison:
    """Compare two appraisals: what changed in the advice, the verdict, risks and findings.

    Advice compares by its summary (``"more, up to collaboration, once ..."``); risks compare
    by residual severity, points and mitigations in place (``"high (7 points, 1
    mitigated)"``); findings by level; questions by answer.
    """
    changes: list[Change] = []
    for what, old, new in (
        ("advice", _advice_map(before), _advice_map(after)),
        ("risk", _risk_map(before), _risk_map(after)),
        ("finding", _finding_map(before), _finding_map(after)),
        (
            "question",
            {k: v.value for k, v in _question_map(before).items()},
            {k: v.value for k, v in _question_map(after).items()},
        ),
    ):
        changes.extend(
            Change(what=what, key=key, before=old.get(key), after=new.get(key))
            for key in sorted(set(old) | set(new))
            if old.get(key) != new.get(key)
        )
    return Comparison(
        verdict_before=before.emphasis.verdict,
        verdict_after=after.emphasis.verdict,
        score_delta=round(after.emphasis.score - before.emphasis.score, 9) + 0.0,
        coverage_delta=round(after.emphasis.coverage - before.emphasis.coverage, 9) + 0.0,
        changes=tuple(changes),
    )
