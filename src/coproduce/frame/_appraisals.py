"""Tables of appraisals: one row per risk, piece of advice, cell, condition, finding, question."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coproduce.appraisal import Answer, Appraisal, FindingLevel, Severity

if TYPE_CHECKING:
    import pandas as pd


from coproduce.frame._common import many, name, table

__all__ = ["advice", "contributions", "exposure", "findings", "questions", "risks", "summary"]


def risks(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per risk: stage, challenge, severity before and after mitigations, why."""
    columns = [
        "project",
        "title",
        "code",
        "stage",
        "challenge",
        "label",
        "mode",
        "points",
        "severity",
        "residual",
        "factors",
        "mitigations_missing",
        "stakeholders",
        "costs",
        "categories",
        "bearers",
        "page",
    ]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "code": r.code,
            "stage": r.stage,
            "challenge": r.challenge,
            "label": r.label,
            "mode": r.mode.value,
            "points": r.points,
            "severity": r.severity.value,
            "residual": r.residual.value,
            "factors": [f.code for f in r.factors[1:]],
            "mitigations_missing": [m.mitigation for m in r.mitigations if m.in_place is not True],
            "stakeholders": list(r.stakeholders),
            "costs": len(r.costs),
            "categories": list(r.categories),
            "bearers": list(r.bearers),
            "page": r.citations[0].page,
        }
        for i, a in enumerate(many(appraisals))
        for r in a.risks
    ]
    return table(rows, columns)


def advice(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per planned involvement: the stakeholder's advice and what to do at that stage.

    Example:
        >>> from coproduce import appraise
        >>> from coproduce.frame import advice
        >>> from coproduce.io import load_example
        >>> table = advice(appraise(load_example("contested-policy")))
        >>> sorted(table["action"].unique())
        ['after-prerequisites', 'keep', 'lighten']

    """
    columns = [
        "project",
        "title",
        "stakeholder",
        "sphere",
        "basis",
        "verdict",
        "deepest_mode",
        "stage",
        "planned_mode",
        "advised_mode",
        "action",
        "prerequisites",
        "practice",
        "summary",
    ]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "stakeholder": x.stakeholder,
            "sphere": x.sphere.value,
            "basis": x.basis,
            "verdict": x.verdict.value,
            "deepest_mode": x.deepest_mode.value if x.deepest_mode else None,
            "stage": s.stage,
            "planned_mode": s.planned_mode.value,
            "advised_mode": s.advised_mode.value,
            "action": s.action.value,
            "prerequisites": [p.code for p in x.prerequisites],
            "practice": list(x.practice),
            "summary": x.summary,
        }
        for i, a in enumerate(many(appraisals))
        for x in a.advice
        for s in x.stages
    ]
    return table(rows, columns)


def exposure(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per bearer × cost category cell."""
    columns = [
        "project",
        "title",
        "bearer",
        "category",
        "high",
        "medium",
        "low",
        "least_able",
        "costs",
        "risks",
    ]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "bearer": c.bearer,
            "category": c.category,
            "high": c.high,
            "medium": c.medium,
            "low": c.low,
            "least_able": c.least_able,
            "costs": len(c.costs),
            "risks": len(c.risks),
        }
        for i, a in enumerate(many(appraisals))
        for c in a.exposure
    ]
    return table(rows, columns)


def contributions(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per Table 2 condition per project."""
    columns = [
        "project",
        "title",
        "condition",
        "number",
        "label",
        "lean",
        "inferred",
        "weight",
        "contribution",
        "gate",
    ]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "condition": c.condition,
            "number": c.number,
            "label": c.label,
            "lean": c.lean.value,
            "inferred": c.inferred,
            "weight": c.weight,
            "contribution": c.contribution,
            "gate": c.gate,
        }
        for i, a in enumerate(many(appraisals))
        for c in a.emphasis.contributions
    ]
    return table(rows, columns)


def findings(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per finding."""
    columns = ["project", "title", "code", "level", "message", "inputs", "sources"]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "code": f.code,
            "level": f.level.value,
            "message": f.message,
            "inputs": list(f.inputs),
            "sources": [c.brief for c in f.citations],
        }
        for i, a in enumerate(many(appraisals))
        for f in a.findings
    ]
    return table(rows, columns)


def questions(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per key question per project."""
    columns = ["project", "title", "question", "audience", "number", "label", "answer", "missing"]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "question": q.question,
            "audience": q.audience.value,
            "number": q.number,
            "label": q.label,
            "answer": q.answer.value,
            "missing": list(q.missing),
        }
        for i, a in enumerate(many(appraisals))
        for q in a.questions
    ]
    return table(rows, columns)


def summary(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per project: Table 2 verdict, score, coverage, risks, concerns, open questions."""
    columns = [
        "project",
        "title",
        "verdict",
        "score",
        "coverage",
        "gated",
        "risks",
        "high_risks",
        "concerns",
        "warnings",
        "open_questions",
    ]
    rows = [
        {
            "project": name(a, i),
            "title": a.title,
            "verdict": a.emphasis.verdict.value,
            "score": a.emphasis.score,
            "coverage": a.emphasis.coverage,
            "gated": bool(a.emphasis.gated_by),
            "risks": len(a.risks),
            "high_risks": sum(r.residual is Severity.HIGH for r in a.risks),
            "concerns": sum(f.level is FindingLevel.CONCERN for f in a.findings),
            "warnings": sum(f.level is FindingLevel.WARNING for f in a.findings),
            "open_questions": sum(q.answer is Answer.OPEN for q in a.questions),
        }
        for i, a in enumerate(many(appraisals))
    ]
    return table(rows, columns)
