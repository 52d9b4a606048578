"""What the plan costs in money and hours, summarised for the appraisal (issue #11).

The engine prices a project's ``costing`` section with :func:`coproduce.costing.cost`, using
the project's own rate card and, beside it, the policy's (``Policy.rates``). A costing that
cannot be priced (a role with no rate, two currencies) is not guessed at: its problems are
kept on the summary and reported as a finding.
"""

from __future__ import annotations

from decimal import Decimal

from coproduce.appraisal._context import Context
from coproduce.appraisal._results import BearerCost, CostSummary, StageCost
from coproduce.costing._cost import summary

__all__ = ["cost_summary"]


def _r(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places) + 0.0


def _f(value: Decimal) -> float:
    return round(float(value), 2) + 0.0


def cost_summary(ctx: Context) -> CostSummary | None:
    """The costing's key figures, or ``None`` when the project has no costing section."""
    plan = ctx.project.costing
    if plan is None:
        return None
    problems = ctx.costing_problems  # found once, when the context was made
    if problems:
        return CostSummary(
            currency=plan.currency,
            budget=_r(plan.budget),
            budget_hours=_r(plan.budget_hours),
            problems=tuple(f"{path}: {message}" for path, _, message in problems),
        )
    c = summary(ctx.project, plan, ctx.policy.rates, ctx.catalogue)  # checked just above
    return CostSummary(
        currency=c.currency,
        money=_f(c.money),
        hours=_f(c.hours),
        team_hours=_f(c.team_hours),
        budget=_r(c.budget),
        budget_hours=_r(c.budget_hours),
        share=_r(c.share, 4),
        gap=_r(c.gap),
        gap_hours=_r(c.gap_hours),
        unpaid_lay_hours=_f(c.unpaid_lay_hours),
        unpaid_junior_hours=_f(c.unpaid_junior_hours),
        unpriced=c.unpriced,
        gap_sentence=c.gap_sentence(),
        stages=tuple(
            StageCost(
                stage=s.stage or "", money=_f(s.money), hours=_f(s.hours), share=_r(s.share, 4)
            )
            for s in c.by_stage
        ),
        bearers=tuple(
            BearerCost(
                bearer=b.bearer,
                money=_f(b.money),
                hours=_f(b.hours),
                unpaid_hours=_f(b.unpaid_hours),
                least_able=b.least_able,
            )
            for b in c.by_bearer
        ),
    )
