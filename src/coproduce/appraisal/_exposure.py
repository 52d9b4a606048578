"""Who bears the costs: the bearer × cost category matrix, as counts of risks by severity.

A cell counts the risks whose costs fall on that bearer in that category, by residual
severity; it is not a measure of how large a cost is. A bearer is *least able* to carry
costs only from the project's own people: early-career or fixed-term researchers who carry
the engagement (the paper's own statement, p. 5); the team when the engagement work falls
mostly on women or on researchers of colour (opt-in, p. 5); and, by this tool's judgement
rather than the paper's, stakeholders outside the decision and commercial spheres who give
their time unpaid (p. 5's "time or capacity", read onto lay contributors; their time is a
cost, p. 6) — or, with
``Policy.least_able_low_power``, who have low power though paid. Never a ministry, a
hospital director or a company.
"""

from __future__ import annotations

from collections import defaultdict

from coproduce.appraisal._context import Context
from coproduce.appraisal._results import ExposureCell, Risk
from coproduce.appraisal._verdicts import Severity
from coproduce.model import (
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    ContractType,
    CostId,
    Level,
    Sphere,
)

__all__ = ["cost_exposure", "least_able", "unable_because"]

_NEVER = (Sphere.DECISION, Sphere.COMMERCIAL)
_WORSE = {s: {None, *(t for t in Severity if t.rank < s.rank)} for s in Severity}
"""Per severity, what a cell's earlier severity for the same risk may be for it to replace it."""


def unable_because(ctx: Context, stakeholder: str) -> tuple[str, ...]:
    """Why this tool counts a stakeholder least able to bear costs: ``unpaid``, ``low power``.

    Empty when it does not: anyone in the decision or commercial spheres or of high power,
    and anyone paid unless ``Policy.least_able_low_power`` counts low power alone.
    """
    s = ctx.people.get(stakeholder)
    if s is None or s.kind.sphere in _NEVER or s.power is Level.HIGH:
        return ()
    why: tuple[str, ...] = ("unpaid",) if ctx.unpaid(s) else ()
    if s.power is Level.LOW and (why or ctx.policy.least_able_low_power):
        why += ("low power",)
    return why


def _unable_stakeholders(
    ctx: Context, stakeholders: tuple[str, ...], bearer: BearerId
) -> tuple[str, ...]:
    kind = ctx.index.bearers[bearer].stakeholder_kind
    return tuple(
        sid
        for sid in stakeholders
        if sid in ctx.people and ctx.people[sid].kind is kind and unable_because(ctx, sid)
    )


def least_able(ctx: Context, bearer: BearerId, stakeholders: tuple[str, ...]) -> tuple[str, ...]:
    """Who makes ``bearer`` least able to carry costs in this project (empty: nobody)."""
    b = ctx.index.bearers[bearer]
    if b.group is BearerGroup.STAKEHOLDERS:
        return _unable_stakeholders(ctx, stakeholders, bearer)
    if b.group is not BearerGroup.RESEARCHERS:
        return ()
    if b.career_stage is None and b.contract is None:
        p = ctx.project
        return ("team",) if True in (p.engagement_gendered, p.engagement_racialised) else ()
    return tuple(
        r.id
        for r in ctx.carriers
        if (b.career_stage is None or r.career_stage is CareerStage.EARLY)
        and (b.contract is None or r.contract is ContractType.FIXED_TERM)
        and (r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM)
    )


def cost_exposure(ctx: Context, risks: tuple[Risk, ...]) -> tuple[ExposureCell, ...]:
    """The bearer × category matrix, non-empty cells in catalogue order."""
    cells = _cells(ctx, risks)
    idx = ctx.index
    bearer_order, category_order, cost_order = idx.bearer_order, idx.category_order, idx.cost_order
    out = []
    for (b, k), (costs, codes, who) in sorted(
        cells.items(), key=lambda kv: (bearer_order[kv[0][0]], category_order[kv[0][1]])
    ):
        levels = list(codes.values())
        out.append(
            ExposureCell(
                bearer=b,
                category=k,
                costs=tuple(sorted(costs, key=cost_order.__getitem__)),
                risks=tuple(sorted(codes)),
                low=levels.count(Severity.LOW),
                medium=levels.count(Severity.MEDIUM),
                high=levels.count(Severity.HIGH),
                least_able=bool(who),
                who=who,
            )
        )
    return tuple(out)


_Cells = dict[tuple[BearerId, CategoryId], tuple[set[CostId], dict[str, Severity], tuple[str, ...]]]


def _cells(ctx: Context, risks: tuple[Risk, ...]) -> _Cells:
    """Per cell: the costs behind it, per risk code the worst residual severity, and who.

    ``who`` (filled in last) are those who make the cell's bearer least able, across every
    risk that puts costs on the bearer.
    """
    keys = ctx.index.cell_keys
    cells: dict[tuple[BearerId, CategoryId], tuple[set[CostId], dict[str, Severity]]] = {}
    who: dict[str, set[str]] = defaultdict(set)
    unable: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    for risk in risks:
        code, residual, stakeholders = risk.code, risk.residual, risk.stakeholders
        worse = _WORSE[residual]
        by_bearer = keys[risk.challenge]
        for b in risk.bearers:
            keyed = by_bearer.get(b)
            if keyed is None:
                continue
            found = unable.get((b, stakeholders))
            if found is None:
                found = unable[b, stakeholders] = least_able(ctx, BearerId(b), stakeholders)
            if found:
                who[b].update(found)
            for key, cell_costs in keyed:
                cell = cells.get(key)
                if cell is None:
                    cells[key] = (set(cell_costs), {code: residual})
                    continue
                cell[0].update(cell_costs)
                if cell[1].get(code) in worse:
                    cell[1][code] = residual
    names = {b: tuple(sorted(ids)) for b, ids in who.items()}
    return {key: (costs, codes, names.get(key[0], ())) for key, (costs, codes) in cells.items()}
