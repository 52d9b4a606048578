"""Findings about who bears the costs: concentration, unpaid and low-power people, load."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from coproduce.appraisal._context import Context
from coproduce.appraisal._exposure import unable_because
from coproduce.appraisal._findings._rule import CONCERN, INFO, WARNING, _rule
from coproduce.appraisal._registry import (
    Hit,
    Results,
)
from coproduce.appraisal._results import ExposureCell
from coproduce.model import Sphere

__all__: list[str] = []


@_rule("exposure.concentration", CONCERN, "question.individuals.costs")
def _concentration(ctx: Context, r: Results) -> Iterator[Hit]:
    """Someone least able to bear costs carries those of a risk of medium residual severity+."""
    floor = ctx.policy.concentration_severity.rank
    worst: dict[str, int] = defaultdict(int)
    for risk in r.risks:
        worst[risk.code] = max(worst[risk.code], risk.residual.rank)
    cells: dict[str, list[ExposureCell]] = defaultdict(list)
    for cell in r.exposure:
        for who in cell.who:
            cells[who].append(cell)
    # Everyone who makes the same bearers least able carries the same cells: read them once.
    read: dict[tuple[int, ...], tuple[list[str], list[str], str, str]] = {}
    for who in sorted(cells):
        mine = cells[who]
        key = tuple(map(id, mine))
        found = read.get(key)
        if found is None:
            found = read[key] = _carried(ctx, mine, worst, floor)
        serious, bearers, labels, kinds = found
        if not serious:
            continue
        name = "The team" if who == "team" else who
        among, inputs, cites = _among(ctx, who, bearers)
        yield Hit(
            f"{name} ({labels}), {among}, carr{'y' if who == 'team' else 'ies'} costs "
            f"({kinds}) of {len(serious)} "
            f"risk{'s' * (len(serious) != 1)} of residual severity "
            f"{ctx.policy.concentration_severity.value} or worse.",
            (*(f"exposure[{b}]" for b in bearers), *(f"risks[{c}]" for c in serious), *inputs),
            cites,
        )


_WHY_CITES = {"unpaid": "cost.stakeholder-time", "low power": "cost.disengagement"}
"""What the tool's judgement that a stakeholder is least able rests on, per reason (p. 6)."""


def _among(
    ctx: Context, who: str, bearers: list[str]
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """How to say someone is least able, the fields it read, and what it may cite.

    The paper names junior and temporary researchers (p. 5): their bearer entries are cited.
    A stakeholder is counted by this tool's judgement, said as such with the reason, citing
    the costs the reason rests on and never a bearer entry the paper does not mark.
    """
    why = unable_because(ctx, who) if who in ctx.people else ()
    if not why:
        return "among those least able to bear them", (), tuple(bearers)
    reason = ", ".join(why) + (", though paid" if "unpaid" not in why else "")
    read = (*ctx.payment_inputs(who),) if "unpaid" in why else ()
    if "low power" in why:
        read = (*read, f"stakeholders[{who}].power")
    return (
        f"whom this tool counts among those least able to bear them ({reason})",
        read,
        tuple(_WHY_CITES[w] for w in why),
    )


def _carried(
    ctx: Context, mine: list[ExposureCell], worst: dict[str, int], floor: int
) -> tuple[list[str], list[str], str, str]:
    """Of some cells: the serious risks, the bearers, their labels and the cost categories."""
    serious = sorted({c for cell in mine for c in cell.risks if worst[c] >= floor})
    if not serious:
        return serious, [], "", ""
    bearers = sorted({c.bearer for c in mine}, key=ctx.index.bearer_order.__getitem__)
    order = ctx.index.category_order
    kinds = sorted({c.category for c in mine}, key=order.__getitem__)
    return (
        serious,
        bearers,
        "; ".join(ctx.index.bearers[b].label.lower() for b in bearers),
        ", ".join(k.removeprefix("category.") for k in kinds),
    )


@_rule(
    "exposure.unpaid-contributors", WARNING, "cost.stakeholder-time", "question.individuals.costs"
)
def _unpaid(ctx: Context, r: Results) -> Iterator[Hit]:
    """Involved lay people, or community organisations, give their time unpaid."""
    unpaid = [
        s
        for s in sorted(ctx.project.stakeholders, key=lambda s: s.id)
        if s.id in ctx.plan_of and ctx.unpaid(s) and s.kind.sphere is Sphere.LAY
    ]
    people = [s.id for s in unpaid if s.kind.lay_person]
    groups = [s.id for s in unpaid if not s.kind.lay_person]
    parts = []
    if people:
        parts.append("lay contributors give their time unpaid: " + ", ".join(people))
    if groups:
        parts.append("community organisations give their time unpaid: " + ", ".join(groups))
    if parts:
        hours = ""
        if r.costs is not None and r.costs.unpaid_lay_hours > 0:
            hours = f" The costing counts {r.costs.unpaid_lay_hours:g} hours given unpaid."
        yield Hit(
            "; ".join(parts).capitalize() + "." + hours,
            tuple(i for s in unpaid for i in ctx.payment_inputs(s.id)),
        )


@_rule("costing.payment-from-costing", INFO, "cost.stakeholder-time", "question.individuals.costs")
def _payment_from_costing(ctx: Context, r: Results) -> Iterator[Hit]:
    """Where the costing and ``reimbursed`` disagree, the costing is read (the tool's choice)."""
    involved = [
        s for s in sorted(ctx.project.stakeholders, key=lambda s: s.id) if s.id in ctx.plan_of
    ]
    paid = [s.id for s in involved if ctx.paid_by_costing(s)]
    unpaid = [s.id for s in involved if ctx.unpaid_by_costing(s)]
    parts = []
    if paid:
        parts.append(
            f"Not paid until now (reimbursed: false), but paid a fee in the costing: "
            f"{', '.join(paid)}; counted as paid."
        )
    if unpaid:
        parts.append(
            f"Reimbursed (reimbursed: true), but offered no fee in the costing: "
            f"{', '.join(unpaid)}; counted as giving their time unpaid (if another budget "
            "pays them, cost their fee here, so that the plan shows it)."
        )
    if parts:
        yield Hit(
            " ".join(parts) + " This tool reads the costing as the plan.",
            tuple(
                i
                for sid in (*paid, *unpaid)
                for i in (f"stakeholders[{sid}].reimbursed", *ctx.payment_inputs(sid))
            ),
        )


@_rule("exposure.gendered-load", WARNING, "cost.unresourced-engagement", "bearer.researchers")
def _gendered(ctx: Context, r: Results) -> Iterator[Hit]:
    """The team says the engagement work falls mostly on women (opt-in; p. 5)."""
    if ctx.project.engagement_gendered is True and ctx.project.plan:
        yield Hit(
            "The engagement work falls mostly on women in the team: count it in workload, "
            "authorship and promotion, and share it out (p. 5 notes this division).",
            ("engagement_gendered",),
        )


@_rule("exposure.racialised-load", WARNING, "cost.unresourced-engagement", "bearer.researchers")
def _racialised(ctx: Context, r: Results) -> Iterator[Hit]:
    """The team says the engagement work falls mostly on researchers of colour (opt-in; p. 5)."""
    if ctx.project.engagement_racialised is True and ctx.project.plan:
        yield Hit(
            "The engagement work falls mostly on researchers of colour in the team, whom the "
            "paper names among those who often bear the costs (p. 5): count it in workload, "
            "authorship and promotion, and share it out.",
            ("engagement_racialised",),
        )
