"""Who bears the costs: the bearer × cost category matrix, as counts of risks by severity.

A cell counts the risks whose costs fall on that bearer in that category, by residual
severity; it is not a measure of how large a cost is. A bearer is *least able* to carry
costs only from the project's own people (p. 5): early-career or fixed-term researchers who
carry the engagement, the team when the engagement work falls mostly on women (opt-in), and
stakeholders who are unpaid or of low power outside the decision and commercial spheres.
Never a ministry, a hospital director or a company.
"""

from __future__ import annotations

from collections import defaultdict

from coproduce.appraisal._context import Context
from coproduce.appraisal._results import ExposureCell, Risk, Severity
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

__all__ = ["cost_exposure", "least_able"]

_NEVER = (Sphere.DECISION, Sphere.COMMERCIAL)
_WORSE = {s: {None, *(t for t in Severity if t.rank < s.rank)} for s in Severity}
"""Per severity, what a cell's earlier severity for the same risk may be for it to replace it."""


def _unable_stakeholders(
    ctx: Context, stakeholders: tuple[str, ...], bearer: BearerId
) -> tuple[str, ...]:
    kind = ctx.index.bearers[bearer].stakeholder_kind
    out = []
    for sid in stakeholders:
        s = ctx.people.get(sid)
        if s is None or s.kind is not kind or s.kind.sphere in _NEVER or s.power is Level.HIGH:
            continue
        if s.reimbursed is False or s.power is Level.LOW:
            out.append(sid)
    return tuple(out)


def least_able(ctx: Context, bearer: BearerId, stakeholders: tuple[str, ...]) -> tuple[str, ...]:
    """Who makes ``bearer`` least able to carry costs in this project (empty: nobody)."""
    b = ctx.index.bearers[bearer]
    if b.group is BearerGroup.STAKEHOLDERS:
        return _unable_stakeholders(ctx, stakeholders, bearer)
    if b.group is not BearerGroup.RESEARCHERS:
        return ()
    if b.career_stage is None and b.contract is None:
        return ("team",) if ctx.project.engagement_gendered is True else ()
    return tuple(
        r.id
        for r in ctx.carriers
        if (b.career_stage is None or r.career_stage is CareerStage.EARLY)
        and (b.contract is None or r.contract is ContractType.FIXED_TERM)
        and (r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM)
    )


def cost_exposure(ctx: Context, risks: tuple[Risk, ...]) -> tuple[ExposureCell, ...]:
    """The bearer × category matrix, non-empty cells in catalogue order."""
    idx = ctx.index
    # per cell: the costs behind it and, per risk code, the worst residual severity
    cells: dict[tuple[BearerId, CategoryId], tuple[set[CostId], dict[str, Severity]]] = {}
    who: dict[str, set[str]] = defaultdict(set)
    unable: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    for risk in risks:
        code, residual = risk.code, risk.residual
        worse = _WORSE[residual]
        for b in risk.bearers:
            keyed = idx.cell_keys[risk.challenge].get(b)
            if keyed is None:
                continue
            found = unable.get((b, risk.stakeholders))
            if found is None:
                found = unable[b, risk.stakeholders] = least_able(
                    ctx, BearerId(b), risk.stakeholders
                )
            who[b].update(found)
            for key, cell_costs in keyed:
                cell = cells.get(key)
                if cell is None:
                    cell = cells[key] = (set(), {})
                cell[0].update(cell_costs)
                if cell[1].get(code) in worse:
                    cell[1][code] = residual
    out = []
    names = {b: tuple(sorted(ids)) for b, ids in who.items()}
    for b, k in sorted(cells, key=lambda bk: (idx.bearer_order[bk[0]], idx.category_order[bk[1]])):
        costs, codes = cells[b, k]
        levels = list(codes.values())
        out.append(
            ExposureCell(
                bearer=b,
                category=k,
                costs=tuple(sorted(costs, key=idx.cost_order.__getitem__)),
                risks=tuple(sorted(codes)),
                low=levels.count(Severity.LOW),
                medium=levels.count(Severity.MEDIUM),
                high=levels.count(Severity.HIGH),
                least_able=bool(names.get(b)),
                who=names.get(b, ()),
            )
        )
    return tuple(out)
