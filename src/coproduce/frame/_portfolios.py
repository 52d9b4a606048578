"""Tables of portfolios: the appraisal portfolio's summary and the funder's tracking view."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import pandas as pd

    from coproduce.portfolio import PortfolioSummary, PortfolioTracking, ProjectRow
    from coproduce.tracking import Tracking

from coproduce.frame._common import records_table, table

__all__ = ["portfolio", "portfolio_tracking", "tracking_rows"]


def portfolio(summary: PortfolioSummary) -> dict[str, pd.DataFrame]:
    """A portfolio summary as tables, one row per verdict, risk, cell, finding or question.

    The keys: ``projects`` (one row per project listed: its id, source, title, the tool's
    verdict, high risks, open key questions, the costing's currency, planned money and
    budget, the money as floats or missing, whether it is over budget), ``verdicts`` (the
    Table 2 profile), ``advice`` (stakeholders per sphere and verdict), ``prerequisites``,
    ``risks``, ``exposure``, ``findings``, ``questions``, and ``costs`` (money and hours by
    bearer and currency, numeric columns).

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
        "projects": _portfolio_projects(summary.project_rows),
        "costs": _portfolio_costs(summary),
        **_portfolio_counts(summary),
        "risks": records_table(summary.risks, ["code", "stage", "label", "projects", "high"]),
        "exposure": records_table(
            summary.exposure, ["bearer", "category", "risks", "high", "projects", "least_able"]
        ),
        "questions": records_table(
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


def _portfolio_counts(summary: PortfolioSummary) -> dict[str, pd.DataFrame]:
    """How many projects or stakeholders per verdict, advice, prerequisite and finding."""
    return {
        "verdicts": table(
            [{"verdict": v.value, "projects": n} for v, n in summary.verdicts],
            ["verdict", "projects"],
        ),
        "advice": table(
            [
                {"sphere": sphere.value, "verdict": verdict.value, "stakeholders": n}
                for sphere, verdict, n in summary.advice
            ],
            ["sphere", "verdict", "stakeholders"],
        ),
        "prerequisites": table(
            [{"prerequisite": code, "stakeholders": n} for code, n in summary.prerequisites],
            ["prerequisite", "stakeholders"],
        ),
        "findings": table(
            [
                {"code": code, "level": level.value, "projects": n}
                for code, level, n in summary.findings
            ],
            ["code", "level", "projects"],
        ),
    }


def _portfolio_projects(rows: tuple[ProjectRow, ...], *, spent: bool = False) -> pd.DataFrame:
    """A portfolio's projects, one row each, money as floats (missing without a costing).

    ``project`` is the project's id (``#N``, its place among the rows, without one);
    ``over_budget`` whether the money planned or spent exceeds the budget it sets.
    """
    columns = ["project", "source", "title", "verdict", "high_risks", "open_questions"]
    columns += ["currency", "planned", "budget", *(["spent"] if spent else []), "over_budget"]

    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return table(
        [
            {
                "project": r.project_id if r.project_id is not None else f"#{i}",
                "source": r.source,
                "title": r.title,
                "verdict": r.verdict.value,
                "high_risks": r.high_risks,
                "open_questions": r.open_questions,
                "currency": r.currency,
                "planned": num(r.planned),
                "budget": num(r.budget),
                **({"spent": num(r.spent)} if spent else {}),
                "over_budget": r.over_budget,
            }
            for i, r in enumerate(rows)
        ],
        columns,
    )


def _portfolio_costs(summary: PortfolioSummary) -> pd.DataFrame:
    """A portfolio's money and hours by currency and bearer, as float columns."""
    return table(
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
        >>> from coproduce.tracking import track
        >>> t = track(load_example("trial-patient-partners"),
        ...             load_example_log("trial-patient-partners"))
        >>> rows = tracking_rows(t)
        >>> float(rows["hours"].sum()) == float(t.contributor_hours)
        True

    """
    columns = ["stage", "stakeholder", "planned", "change", "now", "held", "status"]
    columns += ["activities", "people", "hours", "paid", "planned_hours", "planned_money"]

    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return table(
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

    The keys: ``projects`` (one row per project listed, as in :func:`portfolio`, with the
    money its log records as ``spent``), ``spend``, ``unpaid_hours``, ``carriers``,
    ``risks`` and ``questions``.

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
        "projects": _portfolio_projects(view.project_rows, spent=True),
        "spend": table(
            spend, ["currency", "spent", "budget", "spent_budgeted", "share", "planned"]
        ),
        "unpaid_hours": table(
            [{"kind": k.kind, "hours": float(k.hours)} for k in view.unpaid_hours],
            ["kind", "hours"],
        ),
        "carriers": table(
            [{"kind": k.kind, "hours": float(k.hours)} for k in view.carriers], ["kind", "hours"]
        ),
        "risks": table(risks, ["code", "materialised", "foreseen", "unforeseen", "unrealised"]),
        "questions": table(questions, ["question", "yes", "no", "unknown"]),
    }
