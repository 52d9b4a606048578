"""The conditions advice is given on: agreements, payment, safeguarding, ground rules.

Each prerequisite comes before the involvement it conditions, with what it rests on: the
paper's key questions and costs, and beside them the practice layer's guidance.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from coproduce.appraisal._advice_records import (
    Capacity,
    Prerequisite,
)
from coproduce.appraisal._ceilings import (
    Facts,
    campaigner,
)
from coproduce.appraisal._context import Context, table2_basis
from coproduce.appraisal._power import commercial_interest, has_power_over_findings, power_facts
from coproduce.model import (
    Involvement,
    Lean,
    Mode,
    Sphere,
    Stakeholder,
    Stance,
    Sufficiency,
)

if TYPE_CHECKING:
    pass

__all__ = ["fees", "prerequisites"]


def _agreements(ctx: Context, s: Stakeholder) -> Iterator[Prerequisite]:
    """Publication, data and IP agreements with a stakeholder with power over the findings."""
    g, p, idx, sid = ctx.project.governance, ctx.project, ctx.index, s.id
    facts = power_facts(s)
    why = " and ".join(w for w, _ in facts)
    read = tuple(f for _, f in facts)
    if g.publication_agreement is not True:
        yield Prerequisite(
            code="publication-agreement",
            message=f"Agree with {sid} ({why}), before it helps frame or share findings, who "
            "may publish what and when, unwelcome findings included.",
            inputs=("governance.publication_agreement", *read),
            citations=idx.cite("mitigation.publication-agreement", "challenge.prevented-sharing"),
            once="a publication agreement is signed",
        )
    commercial = commercial_interest(s)
    data_flows = p.identifiable_data is True or (commercial and p.identifiable_data is not False)
    if data_flows and g.data_agreement is not True:
        yield Prerequisite(
            code="data-agreement",
            message=f"Agree with {sid} who may see which data, in what form, before any "
            "data are shared.",
            inputs=("governance.data_agreement", "identifiable_data", *read),
            citations=idx.cite("mitigation.data-agreement", "challenge.identify-participants"),
            once="a data agreement is in place",
        )
    if commercial and g.ip_agreement is not True:
        yield Prerequisite(
            code="ip-agreement",
            message=f"Agree with {sid} who owns what the collaboration makes (the project's "
            "reading: a partner's ownership is one route to co-option).",
            inputs=("governance.ip_agreement", *read),
            citations=idx.cite("challenge.co-opted"),
            once="who owns what is made (IP) is agreed",
        )


_PAY_GUIDANCE = ("guidance.payment.policy-first", "guidance.payment.clear-offer")


def _payment(ctx: Context, s: Stakeholder, capacity: Capacity) -> Prerequisite:
    """Offer payment; with no budget, payment is not until funded.

    With the practice layer, the prerequisite rests on the NIHR payment guidance (agree
    payment in writing before involvement starts); without it, on the paper's key question
    3 (how the time costs of those involved are borne and defrayed, p. 7).
    """
    idx, sid = ctx.index, s.id
    guidance = idx.cite(*_PAY_GUIDANCE) if ctx.policy.practice else ()
    if guidance:
        sources, how = (
            guidance,
            "agreed in writing before their involvement starts (NIHR payment guidance)",
        )
    else:
        sources = idx.cite("question.individuals.costs", "cost.stakeholder-time")
        how = (
            "so that the cost of their time is borne by the project, not by them "
            "(key question 3, p. 7)"
        )
    if capacity.budget is Sufficiency.NONE:
        return Prerequisite(
            code="payment",
            message=f"Not until funded: there is no budget to pay {sid} for their "
            f"time{fees(ctx, sid)}. Secure the funding first; then offer payment, {how}.",
            inputs=(
                *ctx.payment_inputs(sid),
                "costing.budget" if "costing.budget" in capacity.inputs else "resources.budget",
            ),
            citations=sources,
            once="funding for their payment is secured",
        )
    return Prerequisite(
        code="payment",
        message=f"Offer {sid} payment for their time, {how}.",
        inputs=ctx.payment_inputs(sid),
        citations=sources,
        once="payment for their time is offered",
    )


def fees(ctx: Context, sid: str) -> str:
    """What the costing puts the stakeholder's fees at, as a clause (empty without one)."""
    plan = ctx.project.costing
    if plan is None or ctx.costing_problems or sid not in ctx.offered:
        return ""
    from coproduce.costing import LineKind, cost

    c = cost(ctx.project, rates=ctx.policy.rates, catalogue=ctx.catalogue)
    if c is None:
        return ""
    total = sum(
        (ln.money for ln in c.lines if ln.party == sid and ln.kind is LineKind.FEE and ln.money),
        start=0,
    )
    return f" (the costing puts their fees at {c.currency} {total:,.2f})" if total else ""


def _safeguarding(ctx: Context, s: Stakeholder, facts: Facts) -> Iterator[Prerequisite]:
    """Safeguarding in place before children or adults at risk take part (practice layer)."""
    for i, r in enumerate(facts.practice):
        if r.code != "practice-risk.safeguarding":
            continue
        if s.id not in (r.stakeholders if facts.on is None else facts.on[i][0]):
            continue
        missing = r.unmitigated
        if not missing:
            return
        adults = s.minors is not True  # adults at risk: consent, not assent
        things = "; ".join(
            "consent for involvement, with the support each person needs to decide"
            if adults and m.mitigation.endswith("consent-assent")
            else m.label[:1].lower() + m.label[1:]
            for m in missing
        )
        yield Prerequisite(
            code="safeguarding",
            message=f"Put safeguarding in place before involving {s.id}: {things} "
            "(practice guidance, not the paper).",
            inputs=(*facts.naming(r, s.id), "mitigation_records"),
            citations=r.citations,
            once="safeguarding is in place",
        )


def _contested(ctx: Context, s: Stakeholder, facts: Facts) -> Iterator[Prerequisite]:
    """Both sides heard and ground rules agreed, where campaigners meet a contested topic.

    Both sides are heard when groups campaigning for and against the policy are involved,
    or beside the campaigners a lay group that has taken no side (``stance: neutral``).
    """
    if not campaigner(s) or ctx.project.lean("condition.contested") is not Lean.LESS:
        return
    if not facts.both_sides:
        other = "against" if s.stance is Stance.FOR else "for"
        yield Prerequisite(
            code="both-sides",
            message=f"Hear the other side as well as {s.id}: a group campaigning {other} the "
            "policy, or people who have taken no side. With one side at the table the "
            "research can be read as that side's (Table 1, rows 2 and 5; p. 5 on being seen "
            "as partisan).",
            inputs=("stakeholders[*].stance", "conditions[condition.contested]"),
            citations=ctx.index.cite(
                "challenge.co-opted", "challenge.pressed-to-frame", "cost.seen-as-partisan"
            ),
            once="both sides are heard",
        )
    if ctx.project.governance.ground_rules is not True:
        yield Prerequisite(
            code="ground-rules",
            message=f"Agree ground rules (how people are heard, how disagreement is settled) "
            f"before {s.id} and others on a contested topic work together (Table 1, row 1).",
            inputs=("governance.ground_rules", "conditions[condition.contested]"),
            citations=ctx.index.cite("mitigation.ground-rules", "challenge.stakeholders-disagree"),
            once="ground rules are agreed",
        )


def prerequisites(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...], facts: Facts
) -> Iterator[Prerequisite]:
    if not any(i.mode >= Mode.CONSULTATION for i in invs):
        return
    yield from _safeguarding(ctx, s, facts)
    powerful = has_power_over_findings(s)
    if powerful:
        yield from _agreements(ctx, s)
    unpaid = ctx.payment_offered(s) is False or (
        facts.capacity.budget is Sufficiency.NONE and s.id in ctx.fees
    )  # not offered; or offered in a costing with no money behind it
    if unpaid and not table2_basis(s) and (s.kind.sphere is Sphere.LAY or not powerful):
        yield _payment(ctx, s, facts.capacity)
    yield from _contested(ctx, s, facts)
