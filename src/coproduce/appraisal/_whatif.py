"""What would change the advice: sensitivity to Table 2 conditions, and comparing appraisals."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

from coproduce.appraisal._capacity import capacity_of
from coproduce.appraisal._emphasis import profile
from coproduce.appraisal._engine import DEFAULT_POLICY
from coproduce.appraisal._levers import with_lean
from coproduce.appraisal._plan import validate_plan
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import Appraisal
from coproduce.appraisal._verdicts import Action, Answer, Verdict
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Citation, Extensible, Lean, Project

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "Comparison",
    "ConditionSensitivity",
    "LeanOutcome",
    "compare",
    "sensitivity",
]


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
    capacity = capacity_of(project, cat, pol)  # the conditions tried do not change it
    now = profile(project, cat, pol, capacity=capacity)
    out = []
    for c in now.contributions:
        others = (
            (Lean.LESS, Lean.MORE)
            if c.lean is Lean.UNKNOWN
            else ((Lean.MORE,) if c.lean is Lean.LESS else (Lean.LESS,))
        )
        outcomes = []
        for lean in others:
            e = profile(with_lean(project, c.condition, lean), cat, pol, capacity=capacity)
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


CHANGE_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "advice": "advice per stakeholder (its summary)",
        "advice-stage": "advice per stakeholder and stage (planned and advised depth, action)",
        "advice-costs": "the costs each advised stage incurs",
        "lever": "what would move the advice (levers), per project field",
        "risk": "risks (residual severity, points, mitigations in place)",
        "risk-stakeholders": "the stakeholders each risk falls on",
        "practice-risk": "practice risks and the stakeholders they land on",
        "exposure": "who bears which category of cost (severity of the risks behind it)",
        "costing": "the costing's totals",
        "finding": "findings (level)",
        "question": "the key questions (answer)",
        "question-missing": "what the key questions still lack",
        "alternative": "alternatives to involvement, per aim",
    }
)
"""Every kind of :class:`Change`, in the order :func:`compare` lists them, with a heading."""


@attrs.frozen(kw_only=True)
class Change(Extensible):
    """One thing that differs between two appraisals.

    ``before`` is ``None`` when the thing is new, ``after`` when it is gone; both are set when
    it changed.
    """

    what: str
    """One of :data:`CHANGE_KINDS`: ``"advice"``, ``"advice-stage"``, ``"advice-costs"``,
    ``"lever"``, ``"risk"``, ``"risk-stakeholders"``, ``"practice-risk"``, ``"exposure"``,
    ``"costing"``, ``"finding"``, ``"question"``, ``"question-missing"`` or
    ``"alternative"``."""
    key: str
    """What changed: the stakeholder id (``advice``), ``stakeholder@stage``
    (``advice-stage``, ``advice-costs``), the lever's code with the fields it names
    (``lever``), ``code@stage`` (``risk``, ``risk-stakeholders``),
    the practice risk's code, ``bearer / category`` (``exposure``), the costing total
    (``money``, ``hours``, ...), the finding's code with its inputs, the question id
    (``question``, ``question-missing``) or ``aim: alternative``."""
    before: str | None = None
    """The old value (advice summary, severity, level, answer, a list of ids, ...), ``None``
    if it was absent."""
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


def _ids(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "none"


def _advice_map(a: Appraisal) -> dict[str, str]:
    return {x.stakeholder: x.summary for x in a.advice}


_ACTION_TEXT = {
    Action.KEEP: "go ahead as planned",
    Action.LIGHTEN: "lighten it to {advised}",
    Action.AFTER_PREREQUISITES: "go ahead once the prerequisites are in place",
    Action.RECONSIDER: "reconsider the arrangement",
}
"""What an advice line tells the team to do, as a compared value reads it (the advice is
never deeper than the plan, so only lightening names a mode)."""


def _advice_stage_map(a: Appraisal) -> dict[str, str]:
    return {
        f"{x.stakeholder}@{s.stage}": (
            f"planned {s.planned_mode.value}; "
            + _ACTION_TEXT[s.action].format(advised=s.advised_mode.value)
        )
        for x in a.advice
        for s in x.stages
    }


def _advice_costs_map(a: Appraisal) -> dict[str, str]:
    return {f"{x.stakeholder}@{s.stage}": _ids(s.costs) for x in a.advice for s in x.stages}


def _lever_map(a: Appraisal) -> dict[str, str]:
    """Per lever code and the project fields it names, what changing them would do.

    An unknown Table 2 condition has two levers on the same field (leaning more, leaning
    less), so a field's levers are compared together, their messages in order.
    """
    messages: dict[str, list[str]] = {}
    for lever in a.levers:
        messages.setdefault(f"{lever.code}[{','.join(lever.inputs)}]", []).append(lever.message)
    return {key: " | ".join(sorted(texts)) for key, texts in messages.items()}


def _risk_map(a: Appraisal) -> dict[str, str]:
    return {
        f"{r.code}@{r.stage}": (
            f"{r.residual.value} ({r.points} points, "
            f"{sum(m.in_place is True for m in r.mitigations)} mitigated)"
        )
        for r in a.risks
    }


def _risk_stakeholders_map(a: Appraisal) -> dict[str, str]:
    return {f"{r.code}@{r.stage}": _ids(r.stakeholders) for r in a.risks}


def _practice_map(a: Appraisal) -> dict[str, str]:
    return {r.code: _ids(r.stakeholders) for r in a.practice}


def _exposure_map(a: Appraisal) -> dict[str, str]:
    return {
        f"{c.bearer} / {c.category}": (
            f"{c.worst.value} ({c.high} high, {c.medium} medium, {c.low} low)"
        )
        for c in a.exposure
    }


def _costing_map(a: Appraisal) -> dict[str, str]:
    c = a.costs
    if c is None:
        return {}
    out = {
        "money": f"{c.currency} {c.money:,.2f}",
        "hours": f"{c.hours:g}",
        "team hours": f"{c.team_hours:g}",
        "unpaid lay hours": f"{c.unpaid_lay_hours:g}",
    }
    if c.gap_sentence:
        out["budget"] = c.gap_sentence
    return out


_SUBJECT = re.compile(r"^(stakeholders|researchers|aims|exposure)\[([^\]]*)\]")
_PLAN_LINE = re.compile(r"^plan\[[^\]/]*/([^\]]*)\]")
"""The inputs naming what a finding is about: a stakeholder (also through a plan line
``plan[stage/stakeholder]``), a researcher, an aim or an exposure cell."""


def _finding_map(a: Appraisal) -> dict[str, str]:
    """Each finding's level, keyed by its rule and what it is about.

    What it is about: the exposure cells it names, else the stakeholders (a plan line
    ``plan[stage/stakeholder]`` counts as its stakeholder), else the researchers or aims
    (``advice.prerequisites[stakeholders[authority]]``), not the evidence it read (the risks
    behind a cell, a stakeholder's stages), so a finding whose evidence changes is the same
    finding. One read over a whole list (``aims[*]``) is keyed by its rule alone, with what it
    is about in its value; findings still alike are told apart by all their inputs.
    """
    keyed = [(*_finding_key(f.code, f.inputs), f) for f in a.findings]
    keys = [key for key, _, _ in keyed]
    return {
        (f"{f.code}[{','.join(f.inputs)}]" if keys.count(key) > 1 else key): (
            f"{f.level.value} ({about})" if about else f.level.value
        )
        for key, about, f in keyed
    }


_ABOUT = ("exposure", "stakeholders", "researchers", "aims")
"""What a finding may be about, the first found deciding."""


def _finding_key(code: str, inputs: tuple[str, ...]) -> tuple[str, str]:
    """The key of a finding and, for one read over a whole list, what it is about."""
    found: dict[str, set[str]] = {kind: set() for kind in _ABOUT}
    for item in inputs:
        if (m := _SUBJECT.match(item)) is not None and m.group(2) != "*":
            found[m.group(1)].add(m.group(0))
        elif (m := _PLAN_LINE.match(item)) is not None:
            found["stakeholders"].add(f"stakeholders[{m.group(1)}]")
    subjects = next((sorted(found[k]) for k in _ABOUT if found[k]), [])
    if any("[*]" in item for item in inputs):  # a rule read over all of a list
        everyone = sorted(set().union(*found.values()))
        return code, ", ".join(everyone)
    return (f"{code}[{','.join(subjects)}]" if subjects else code), ""


def _question_map(a: Appraisal) -> dict[str, Answer]:
    return {q.question: q.answer for q in a.questions}


def _answer_map(a: Appraisal) -> dict[str, str]:
    return {k: v.value for k, v in _question_map(a).items()}


def _missing_map(a: Appraisal) -> dict[str, str]:
    return {q.question: _ids(q.missing) for q in a.questions}


def _alternative_map(a: Appraisal) -> dict[str, str]:
    return {f"{x.aim}: {alt.alternative}": alt.reason for x in a.aims for alt in x.alternatives}


_MAPS: dict[str, Callable[[Appraisal], dict[str, str]]] = {
    "advice": _advice_map,
    "advice-stage": _advice_stage_map,
    "advice-costs": _advice_costs_map,
    "lever": _lever_map,
    "risk": _risk_map,
    "risk-stakeholders": _risk_stakeholders_map,
    "practice-risk": _practice_map,
    "exposure": _exposure_map,
    "costing": _costing_map,
    "finding": _finding_map,
    "question": _answer_map,
    "question-missing": _missing_map,
    "alternative": _alternative_map,
}


def compare(before: Appraisal, after: Appraisal) -> Comparison:
    """Compare two appraisals: what changed in the advice, the verdict, risks and findings.

    The changes come kind by kind, in the order of :data:`CHANGE_KINDS`, each kind sorted by
    key. Advice compares by its summary (``"more, up to collaboration, once ..."``) and, line
    by line, by planned and advised depth and action (``advice-stage``) and the costs the
    line incurs (``advice-costs``); levers by what changing each field would do; risks by
    residual severity, points and mitigations in place (``"high (7 points, 1 mitigated)"``)
    and by the stakeholders they fall on; findings by level; questions by answer and by what
    they still lack.

    Example:
        >>> import attrs
        >>> from coproduce import appraise
        >>> from coproduce.io import load_example
        >>> p = load_example("trial-patient-partners")
        >>> fewer = attrs.evolve(p, plan=p.plan[1:])
        >>> diff = compare(appraise(p), appraise(fewer))
        >>> [c for c in diff.changes if c.what == "advice-stage"][0].after is None
        True

    """
    changes: list[Change] = []
    for what, of in _MAPS.items():
        old, new = of(before), of(after)
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
