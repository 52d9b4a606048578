"""Appraisals as tidy pandas DataFrames, for analysts (extra ``pandas``).

Every function takes one appraisal or an iterable of them and returns one row per thing —
risk, exposure cell, condition, finding, question, or project — with ``project`` (the
position in the input) and ``title`` columns, so many projects stack into one table.

Ordinal columns are ordered categoricals, so they sort and compare by meaning, not by
spelling: ``severity`` and ``residual`` (low < medium < high), ``mode`` (recipient < … <
partnership), ``level`` (info < warning < concern), ``answer`` (open < partly < answered)
and ``verdict`` (clearly-less < … < clearly-more, then undetermined). ``lean`` and
``audience`` are unordered categoricals. Fields that hold several values (``stakeholders``,
``factors``, ``missing`` …) are list columns: one Python list per cell, ready for
``DataFrame.explode``.

Example:
    >>> from coproduce import appraise
    >>> from coproduce.io import examples, load_example
    >>> from coproduce import frame
    >>> results = [appraise(load_example(name)) for name in examples()]
    >>> table = frame.summary(results)
    >>> list(table.columns)[:4]
    ['project', 'title', 'verdict', 'score']
    >>> int(frame.risks(results).query("residual == 'high'").shape[0]) > 0
    True
    >>> risks = frame.risks(results)
    >>> list(risks["residual"].cat.categories)
    ['low', 'medium', 'high']
    >>> bool((risks["residual"] >= "medium").any())
    True
    >>> risks["stakeholders"].iloc[0][:1]
    ['ministry']

"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from coproduce.appraisal import Action, Answer, Appraisal, FindingLevel, Severity, Verdict
from coproduce.costing import Costing
from coproduce.model import Audience, Lean, Mode, Sphere

if TYPE_CHECKING:
    import pandas as pd

    from coproduce.portfolio import PortfolioSummary, PortfolioTracking
    from coproduce.tracking import Tracking

__all__ = [
    "advice",
    "contributions",
    "costs",
    "exposure",
    "findings",
    "portfolio",
    "portfolio_tracking",
    "questions",
    "risks",
    "summary",
    "tracking_rows",
]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise ImportError(
            "coproduce.frame needs pandas: pip install pandas "
            "(from a clone of coproduce: pip install -e '.[pandas]')"
        ) from exc
    return pandas


def _many(appraisals: Appraisal | Iterable[Appraisal]) -> list[Appraisal]:
    return [appraisals] if isinstance(appraisals, Appraisal) else list(appraisals)


_SEVERITY = [m.value for m in Severity]
_CATEGORIES: dict[str, tuple[list[str], bool]] = {
    "severity": (_SEVERITY, True),
    "residual": (_SEVERITY, True),
    "mode": ([m.value for m in Mode], True),
    "planned_mode": ([m.value for m in Mode], True),
    "advised_mode": ([m.value for m in Mode], True),
    "deepest_mode": ([m.value for m in Mode], True),
    "level": ([m.value for m in FindingLevel], True),
    "answer": (
        [Answer.OPEN.value, Answer.PARTLY.value, Answer.ANSWERED_NO.value, Answer.ANSWERED.value],
        True,
    ),
    "action": ([m.value for m in Action], False),
    "sphere": ([m.value for m in Sphere], False),
    "verdict": ([m.value for m in Verdict], True),
    "lean": ([m.value for m in Lean], False),
    "audience": ([m.value for m in Audience], False),
}
"""Categorical columns: their categories in order, and whether the order means something."""


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns)
    for column in columns:
        if column in _CATEGORIES:
            categories, ordered = _CATEGORIES[column]
            frame[column] = pandas.Categorical(
                frame[column], categories=categories, ordered=ordered
            )
    return frame


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
            "project": i,
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
            "page": r.sources[0].page,
        }
        for i, a in enumerate(_many(appraisals))
        for r in a.risks
    ]
    return _frame(rows, columns)


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
            "project": i,
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
        for i, a in enumerate(_many(appraisals))
        for x in a.advice
        for s in x.stages
    ]
    return _frame(rows, columns)


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
            "project": i,
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
        for i, a in enumerate(_many(appraisals))
        for c in a.exposure
    ]
    return _frame(rows, columns)


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
            "project": i,
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
        for i, a in enumerate(_many(appraisals))
        for c in a.emphasis.contributions
    ]
    return _frame(rows, columns)


def findings(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per finding."""
    columns = ["project", "title", "code", "level", "message", "inputs", "sources"]
    rows = [
        {
            "project": i,
            "title": a.title,
            "code": f.code,
            "level": f.level.value,
            "message": f.message,
            "inputs": list(f.inputs),
            "sources": [c.brief for c in f.sources],
        }
        for i, a in enumerate(_many(appraisals))
        for f in a.findings
    ]
    return _frame(rows, columns)


def questions(appraisals: Appraisal | Iterable[Appraisal]) -> pd.DataFrame:
    """One row per key question per project."""
    columns = ["project", "title", "question", "audience", "number", "label", "answer", "missing"]
    rows = [
        {
            "project": i,
            "title": a.title,
            "question": q.question,
            "audience": q.audience.value,
            "number": q.number,
            "label": q.label,
            "answer": q.answer.value,
            "missing": list(q.missing),
        }
        for i, a in enumerate(_many(appraisals))
        for q in a.questions
    ]
    return _frame(rows, columns)


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
            "project": i,
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
        for i, a in enumerate(_many(appraisals))
    ]
    return _frame(rows, columns)


_COST_COLUMNS = [
    "project",
    "currency",
    "path",
    "kind",
    "heading",
    "stage",
    "party",
    "bearer",
    "lay",
    "quantity",
    "rate",
    "money",
    "hours",
    "unpaid_hours",
    "declined_hours",
    "before_grant",
    "priced",
]


def costs(costings: Costing | Iterable[Costing | None]) -> pd.DataFrame:
    """One row per costed line (:func:`coproduce.costing.cost`), with numeric columns.

    ``quantity``, ``rate``, ``money``, ``hours``, ``unpaid_hours`` and ``declined_hours`` are
    floats (``NaN`` for a missing rate, or money a rate card does not price; ``priced`` says
    which); the engine's exact ``Decimal`` amounts are in :class:`~coproduce.costing.Line`.
    ``project`` is the position in the input (``None`` items, projects without a costing,
    keep their position and add no rows).

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> from coproduce import frame
        >>> names = ("contested-policy", "no-resources")
        >>> table = frame.costs([cost(load_example(n)) for n in names])
        >>> table.groupby("project")["money"].sum().round(2).tolist()
        [2656.0, 8650.0]
        >>> str(table["hours"].dtype)
        'float64'

    """
    many = [costings] if isinstance(costings, Costing) else list(costings)
    rows = [
        {
            "project": i,
            "currency": c.currency,
            "path": ln.path,
            "kind": ln.kind.value,
            "heading": ln.heading,
            "stage": ln.stage,
            "party": ln.party,
            "bearer": ln.bearer,
            "lay": ln.lay,
            "quantity": float(ln.quantity),
            "rate": float("nan") if ln.rate is None else float(ln.rate),
            "money": float("nan") if ln.money is None else float(ln.money),
            "hours": float(ln.hours),
            "unpaid_hours": float(ln.unpaid_hours),
            "declined_hours": float(ln.declined_hours),
            "before_grant": ln.before_grant,
            "priced": ln.money is not None,
        }
        for i, c in enumerate(many)
        if c is not None
        for ln in c.lines
    ]
    frame = _frame(rows, _COST_COLUMNS)
    for column in ("quantity", "rate", "money", "hours", "unpaid_hours", "declined_hours"):
        frame[column] = frame[column].astype("float64")
    return frame


def portfolio(summary: PortfolioSummary) -> dict[str, pd.DataFrame]:
    """A portfolio summary as tables, one row per verdict, risk, cell, finding or question.

    The keys: ``projects`` (one row per project listed: source, title, the tool's verdict,
    high risks, open key questions, the costing's currency, planned money and budget, the
    money as floats or missing), ``verdicts`` (the Table 2 profile), ``advice``
    (stakeholders per sphere and verdict), ``prerequisites``, ``risks``, ``exposure``,
    ``findings``, ``questions``, and ``costs`` (money and hours by bearer and currency,
    numeric columns).

    Example:
        >>> from coproduce.portfolio import appraise_many, summarise
        >>> from coproduce.io import example_path, examples
        >>> tables = portfolio(summarise(appraise_many(example_path(n) for n in examples())))
        >>> sorted(tables)
        ['advice', 'costs', 'exposure', 'findings', 'prerequisites', 'projects', 'questions',
         'risks', 'verdicts']
        >>> int(tables["verdicts"]["projects"].sum()), len(tables["projects"])
        (19, 19)

    """
    return {
        "projects": _portfolio_projects(summary),
        "costs": _portfolio_costs(summary),
        "verdicts": _frame(
            [{"verdict": v.value, "projects": n} for v, n in summary.verdicts],
            ["verdict", "projects"],
        ),
        "advice": _frame(
            [
                {"sphere": sphere.value, "verdict": verdict.value, "stakeholders": n}
                for sphere, verdict, n in summary.advice
            ],
            ["sphere", "verdict", "stakeholders"],
        ),
        "prerequisites": _frame(
            [{"prerequisite": code, "stakeholders": n} for code, n in summary.prerequisites],
            ["prerequisite", "stakeholders"],
        ),
        "risks": _records(summary.risks, ["code", "stage", "label", "projects", "high"]),
        "exposure": _records(
            summary.exposure, ["bearer", "category", "risks", "high", "projects", "least_able"]
        ),
        "findings": _frame(
            [
                {"code": code, "level": level.value, "projects": n}
                for code, level, n in summary.findings
            ],
            ["code", "level", "projects"],
        ),
        "questions": _records(
            summary.questions,
            [
                "question",
                "audience",
                "number",
                "label",
                "answered",
                "answered_no",
                "partly",
                "open",
            ],
        ),
    }


def _records(records: Iterable[object], columns: list[str]) -> pd.DataFrame:
    """A table with one row per record and one column per attribute named in ``columns``."""
    return _frame([{c: getattr(r, c) for c in columns} for r in records], columns)


def _portfolio_projects(summary: PortfolioSummary) -> pd.DataFrame:
    """A portfolio's projects, one row each, money as floats (missing without a costing)."""
    columns = [
        "source",
        "title",
        "verdict",
        "high_risks",
        "open_questions",
        "currency",
        "planned",
        "budget",
    ]
    return _frame(
        [
            {
                "source": r.source,
                "title": r.title,
                "verdict": r.verdict.value,
                "high_risks": r.high_risks,
                "open_questions": r.open_questions,
                "currency": r.currency,
                "planned": None if r.planned is None else float(r.planned),
                "budget": None if r.budget is None else float(r.budget),
            }
            for r in summary.project_rows
        ],
        columns,
    )


def _portfolio_costs(summary: PortfolioSummary) -> pd.DataFrame:
    """A portfolio's money and hours by currency and bearer, as float columns."""
    return _frame(
        [
            {
                "currency": t.currency,
                "bearer": t.bearer,
                "money": float(t.money),
                "hours": float(t.hours),
                "unpaid_hours": float(t.unpaid_hours),
                "projects": t.projects,
            }
            for t in summary.costs
        ],
        ["currency", "bearer", "money", "hours", "unpaid_hours", "projects"],
    )


def tracking_rows(tracking: Tracking) -> pd.DataFrame:
    """Planned against actual, one row per stage × stakeholder (numeric hours and money).

    ``change`` and ``now`` give the plan as it now stands (the log's last change to the line,
    and its depth now; ``None`` when dropped or never planned).

    Example:
        >>> from coproduce.io import load_example, load_example_log
        >>> from coproduce.tracking import compare
        >>> t = compare(load_example("trial-patient-partners"),
        ...             load_example_log("trial-patient-partners"))
        >>> rows = tracking_rows(t)
        >>> float(rows["hours"].sum()) == float(t.contributor_hours)
        True

    """
    columns = ["stage", "stakeholder", "planned", "change", "now", "held", "status"]
    columns += ["activities", "people", "hours", "paid", "planned_hours", "planned_money"]

    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return _frame(
        [
            {
                "stage": r.stage,
                "stakeholder": r.stakeholder,
                "planned": r.planned.value if r.planned else None,
                "change": r.change.value if r.change else None,
                "now": r.now.value if r.now else None,
                "held": r.held.value if r.held else None,
                "status": r.status,
                "activities": r.activities,
                "people": r.people,
                "hours": float(r.hours),
                "paid": float(r.paid),
                "planned_hours": num(r.planned_hours),
                "planned_money": num(r.planned_money),
            }
            for r in tracking.rows
        ],
        columns,
    )


def portfolio_tracking(view: PortfolioTracking) -> dict[str, pd.DataFrame]:
    """The funder's portfolio view as tables.

    The keys: ``spend``, ``unpaid_hours``, ``carriers``, ``risks`` and ``questions``.

    Example:
        >>> from coproduce.portfolio import TrackingPortfolio, track_many
        >>> from coproduce.testing import portfolio_items
        >>> view = TrackingPortfolio()
        >>> for entry in track_many(portfolio_items(8)):
        ...     view.add(entry)
        >>> tables = portfolio_tracking(view.summary())
        >>> int(tables["questions"][["yes", "no", "unknown"]].sum(axis=1).iloc[0])
        8

    """
    spend = [
        {
            "currency": c.currency,
            "spent": float(c.spent),
            "budget": float(c.budget),
            "spent_budgeted": float(c.spent_budgeted),
            "share": None if c.share is None else float(c.share),
            "planned": float(c.planned),
        }
        for c in view.spend
    ]
    risks = [attrs.asdict(r) for r in view.risks]
    questions = [attrs.asdict(q) for q in view.questions]
    return {
        "spend": _frame(
            spend, ["currency", "spent", "budget", "spent_budgeted", "share", "planned"]
        ),
        "unpaid_hours": _frame(
            [{"kind": k.kind, "hours": float(k.hours)} for k in view.unpaid_hours],
            ["kind", "hours"],
        ),
        "carriers": _frame(
            [{"kind": k.kind, "hours": float(k.hours)} for k in view.carriers], ["kind", "hours"]
        ),
        "risks": _frame(risks, ["code", "materialised", "foreseen", "unforeseen", "unrealised"]),
        "questions": _frame(questions, ["question", "yes", "no", "unknown"]),
    }
