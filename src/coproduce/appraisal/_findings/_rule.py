"""The one way a finding rule is registered here, and what several rules share."""

from __future__ import annotations

from collections.abc import Callable

from coproduce.appraisal._context import Context, table2_basis
from coproduce.appraisal._registry import (
    FINDINGS,
    FindingCheck,
    FindingRule,
    finding_rule,
)
from coproduce.appraisal._verdicts import FindingLevel
from coproduce.model import Mode

__all__: list[str] = []

CONCERN, WARNING, INFO = FindingLevel.CONCERN, FindingLevel.WARNING, FindingLevel.INFO


def _rule(code: str, level: FindingLevel, *cites: str) -> Callable[[FindingCheck], FindingRule]:
    def register(check: FindingCheck) -> FindingRule:
        return FINDINGS.add(code, finding_rule(code, level, cites=cites)(check))

    return register


def _table2_involved(ctx: Context) -> list[str]:
    """Decision-makers and commercial partners with a seat (consultation or deeper)."""
    return [
        sid
        for sid in ctx.involved
        if table2_basis(ctx.people[sid])
        and any(i.mode >= Mode.CONSULTATION for i in ctx.plan_of[sid])
    ]
