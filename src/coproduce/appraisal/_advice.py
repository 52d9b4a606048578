"""Advice per relationship: who to involve, where, how deeply, and on what conditions.

Decision-makers and commercial partners start from the Table 2 profile (Table 2 particularly
relates to evaluations with policy-makers and service managers, p. 6), with row 2 read from
each one's delivery responsibility; everyone else starts from the aims their involvement
serves (pp. 2-3, 8). The same facts then hold everyone's advice down (the ceilings): the
capacity to involve them (Table 2 row 9, for every relationship), children or adults at risk,
campaigners on a contested topic. Power over the findings comes from what a stakeholder is
and does (high power, funding the study, owning intellectual property, answering for
delivery), whatever its kind, and brings agreements first. The advice is never deeper than
the plan; deeper involvement the tool judges could help is a marked suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from coproduce.appraisal._aims import voice_judgement
from coproduce.appraisal._ceilings import (
    Facts,
    both_sides_heard,
    campaigner,
    ceilings_for,
    lowest,
)
from coproduce.appraisal._context import Context, row2, table2_basis
from coproduce.appraisal._emphasis import read_leans, scorer
from coproduce.appraisal._results import (
    Action,
    Advice,
    Capacity,
    Ceiling,
    Emphasis,
    Lever,
    Prerequisite,
    StageAdvice,
    Suggestion,
    Verdict,
)
from coproduce.model import (
    ConditionId,
    ConditionSetting,
    Contribution,
    CostId,
    Involvement,
    Lean,
    Level,
    Mode,
    Motivation,
    Project,
    Sphere,
    Stakeholder,
    Stance,
    Sufficiency,
)

if TYPE_CHECKING:
    from coproduce.practice import PracticeRisk

__all__ = [
    "TABLE2_SPHERES",
    "advise",
    "and_list",
    "commercial_interest",
    "has_power_over_findings",
    "least_to_fund",
    "levers",
    "power_facts",
    "stage_list",
    "unresourced",
    "with_lean",
]

_VOICE = {Motivation.NORMATIVE, Motivation.POLITICAL}
TABLE2_SPHERES = (Sphere.DECISION, Sphere.COMMERCIAL)
"""The spheres whose advice starts from Table 2 (it particularly relates to evaluations with
policy-makers and managers, p. 6; commercial partners share their power over the findings)."""


def unresourced(project: Project) -> bool:
    """No time, no budget and no facilitation at all for engagement."""
    return all(v is Sufficiency.NONE for _, v in project.resources.supplies())


def power_facts(s: Stakeholder) -> tuple[tuple[str, str], ...]:
    """What gives ``s`` power over the findings, whatever its kind: (what, field) pairs.

    A commercial partner; any party that owns intellectual property the study uses or makes,
    or answers for delivering the policy studied (Table 2, row 2); and, outside the lay
    sphere, any party of high power or that funds the study (``brings: money``). A lay
    group's power and money are what user-led research is for, not a conflict over the
    findings (p. 3 notes that a stakeholder's money often marks an authentic partnership).
    """
    out: list[tuple[str, str]] = []
    lay = s.kind.sphere is Sphere.LAY
    if s.kind.sphere is Sphere.COMMERCIAL:
        out.append(("is a commercial partner", f"stakeholders[{s.id}].kind"))
    if s.power is Level.HIGH and not lay:
        out.append(("has high power", f"stakeholders[{s.id}].power"))
    if Contribution.MONEY in s.brings and not lay:
        out.append(("funds the study", f"stakeholders[{s.id}].brings"))
    if s.owns_ip is True:
        out.append(("owns intellectual property", f"stakeholders[{s.id}].owns_ip"))
    if s.delivery_responsibility is True:
        out.append(
            ("answers for delivering the policy", f"stakeholders[{s.id}].delivery_responsibility")
        )
    return tuple(out)


def has_power_over_findings(s: Stakeholder) -> bool:
    """Whether ``s`` has power over the findings (:func:`power_facts`), whatever its kind."""
    return bool(power_facts(s))


def commercial_interest(s: Stakeholder) -> bool:
    """A commercial partner, or any party that owns intellectual property in the work."""
    return s.kind.sphere is Sphere.COMMERCIAL or s.owns_ip is True


def with_lean(project: Project, condition: str, lean: Lean) -> Project:
    """The project with one Table 2 condition set to ``lean``."""
    kept = tuple(c for c in project.conditions if c.condition != condition)
    return attrs.evolve(
        project,
        conditions=(*kept, ConditionSetting(condition=ConditionId(condition), lean=lean)),
    )


def _table2(ctx: Context, s: Stakeholder) -> tuple[Verdict, list[str]]:
    conflict = row2(s)
    e = ctx.profile(conflict)
    reasons = [
        f"Table 2, which particularly relates to evaluations with policy-makers and service "
        f"managers (p. 6), reads {e.verdict.value} (score {e.score:+.2f}; {e.coverage:.0%} "
        "of its weight known)."
    ]
    if s.delivery_responsibility is not None:
        side = "less" if s.delivery_responsibility else "more"
        reasons.append(f"Row 2 read from {s.id}'s own delivery responsibility: {side}.")
    elif conflict is not None:
        reasons.append(
            f"Row 2 read from {s.id}'s commercial interest in the findings: less (a conflict "
            "of interest, in this tool's reading of row 2)."
        )
    if e.gated_by:
        reasons.append(
            f"Capped at {e.verdict.value} by the policy's gate: {', '.join(e.gated_by)}."
        )
    return e.verdict, reasons


def _aims(ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...]) -> tuple[Verdict, list[str]]:
    served = sorted({a for i in invs for a in i.aims})
    aims = [a for a in ctx.project.aims if a.id in served]
    motivations = {m for a in aims for m in a.motivations}
    if not aims:
        return Verdict.UNDETERMINED, [
            f"No aim says what involving {s.id} is for; the paper asks for specific aims first "
            "(step 1, p. 6)."
        ]
    named = ", ".join(sorted(m.value for m in motivations)) or "no motivation"
    if s.kind.sphere is Sphere.LAY and motivations & _VOICE:
        return Verdict.MORE, [
            f"{s.id} serves aims that are {named}: {voice_judgement(s.id, motivations)}."
        ]
    if Motivation.POLITICAL in motivations:
        other = (
            "the paper gives no rule on whether other means reach a political aim, and calls "
            "such reasons the least discussed and perhaps the most important (p. 8)"
        )
    else:
        other = "the paper notes that most such aims can be reached by other means (p. 8)"
    return Verdict.BALANCED, [
        f"{s.id} serves aims that are {named}: worth it where they add what other means "
        f"cannot; {other}."
    ]


# --------------------------------------------------------------------------- prerequisites


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
            sources=idx.cite("mitigation.publication-agreement", "challenge.prevented-sharing"),
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
            sources=idx.cite("mitigation.data-agreement", "challenge.identify-participants"),
            once="a data agreement is in place",
        )
    if commercial and g.ip_agreement is not True:
        yield Prerequisite(
            code="ip-agreement",
            message=f"Agree with {sid} who owns what the collaboration makes (the project's "
            "reading: a partner's ownership is one route to co-option).",
            inputs=("governance.ip_agreement", *read),
            sources=idx.cite("challenge.co-opted"),
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
            f"time{_fees(ctx, sid)}. Secure the funding first; then offer payment, {how}.",
            inputs=(
                *ctx.payment_inputs(sid),
                "costing.budget" if "costing.budget" in capacity.inputs else "resources.budget",
            ),
            sources=sources,
            once="funding for their payment is secured",
        )
    return Prerequisite(
        code="payment",
        message=f"Offer {sid} payment for their time, {how}.",
        inputs=ctx.payment_inputs(sid),
        sources=sources,
        once="payment for their time is offered",
    )


def _fees(ctx: Context, sid: str) -> str:
    """What the costing puts the stakeholder's fees at, as a clause (empty without one)."""
    plan = ctx.project.costing
    if plan is None or ctx.costing_problems or sid not in ctx.offered:
        return ""
    from coproduce.costing import cost
    from coproduce.costing._results import LineKind

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
    for r in facts.practice:
        if r.code != "practice-risk.safeguarding" or s.id not in r.stakeholders:
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
            inputs=(*(f for f in r.facts if f"[{s.id}]" in f), "mitigation_records"),
            sources=r.sources,
            once="safeguarding is in place",
        )


def _contested(ctx: Context, s: Stakeholder) -> Iterator[Prerequisite]:
    """Both sides heard and ground rules agreed, where campaigners meet a contested topic.

    Both sides are heard when groups campaigning for and against the policy are involved,
    or beside the campaigners a lay group that has taken no side (``stance: neutral``).
    """
    if not campaigner(s) or ctx.project.lean("condition.contested") is not Lean.LESS:
        return
    if not both_sides_heard(ctx):
        other = "against" if s.stance is Stance.FOR else "for"
        yield Prerequisite(
            code="both-sides",
            message=f"Hear the other side as well as {s.id}: a group campaigning {other} the "
            "policy, or people who have taken no side. With one side at the table the "
            "research can be read as that side's (Table 1, rows 2 and 5; p. 5 on being seen "
            "as partisan).",
            inputs=("stakeholders[*].stance", "conditions[condition.contested]"),
            sources=ctx.index.cite(
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
            sources=ctx.index.cite("mitigation.ground-rules", "challenge.stakeholders-disagree"),
            once="ground rules are agreed",
        )


def _prerequisites(
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
    yield from _contested(ctx, s)


# --------------------------------------------------------------------------- stage by stage


def _framing_capped(s: Stakeholder, verdict: Verdict) -> bool:
    """Whether to consult, not partner, this stakeholder where findings are framed and shared.

    For those with power over the findings, unless Table 2 clearly favours working closely
    with them and they carry no delivery responsibility and no commercial interest.
    """
    if not has_power_over_findings(s):
        return False
    if commercial_interest(s) or s.delivery_responsibility is True:
        return True
    return verdict.rank is None or verdict.rank < 2


def _limit(
    ctx: Context, s: Stakeholder, inv: Involvement, deepest: Mode, verdict: Verdict
) -> tuple[Mode, str]:
    """The deepest mode at this stage, and why when lower than the advice's: '' otherwise."""
    cap, why = deepest, ""
    ended = ctx.ended(inv.stage)
    if ended is not None and ctx.policy.after_funding_mode <= cap:
        cap = ctx.policy.after_funding_mode
        why = (
            f"planned after {ended[0]}: nobody is resourced to support it (hit-and-run "
            "research, p. 6; Table 1, row 7)"
        )
    stage_cap = ctx.policy.stage_caps.get(inv.stage)
    if stage_cap is not None and stage_cap < cap and _framing_capped(s, verdict):
        cap = stage_cap
        why = (
            "where findings are framed and shared, consult those with power over them "
            "(this tool's reading of Table 1, rows 5-6)"
        )
    return cap, why


def _stage(
    ctx: Context,
    s: Stakeholder,
    inv: Involvement,
    deepest: Mode,
    prereqs: tuple[Prerequisite, ...],
    verdict: Verdict,
) -> StageAdvice:
    cap, why = _limit(ctx, s, inv, deepest, verdict)
    label = ctx.label(inv.stage)
    if inv.embedded and s.kind.sphere is Sphere.LAY:
        action, reason = (
            Action.RECONSIDER,
            (
                "an embedded or commissioned arrangement is one with an organisation, not with lay "
                "people; involve them in a mode instead (p. 3)"
            ),
        )
    elif inv.mode > cap:
        if not why:
            why = f"deeper than the {cap.value} this stakeholder's advice supports"
        if inv.mode is Mode.USER_CONTROLLED:
            why += (
                " (coproduction first meant a significant shift of power to service users, "
                "p. 3; the paper gives no advice on when to hand control over, and this tool "
                "advises no deeper than partnership: if the aims need service users to lead, "
                "say why and keep it)"
            )
        action, reason = (
            Action.LIGHTEN,
            f"{label}: {inv.mode.value} is {why}; lighten to {cap.value}",
        )
    elif prereqs and inv.mode >= Mode.CONSULTATION:
        once = " and ".join(p.once for p in prereqs)
        action, reason = Action.AFTER_PREREQUISITES, f"{label} at {inv.mode.value}, once {once}"
    else:
        action, reason = Action.KEEP, f"{label} at {inv.mode.value} fits the advice"
    costs = tuple(
        c
        for c, stages in ctx.index.mode_costs.get(inv.mode, ())
        if not stages or inv.stage in stages
    )
    if len(ctx.stages[inv.stage].stakeholders) >= 2 and "cost.money" in ctx.index.citations:
        costs = (*costs, CostId("cost.money"))
    return StageAdvice(
        stage=inv.stage,
        planned_mode=inv.mode,
        advised_mode=min(cap, inv.mode),
        action=action,
        reason=reason,
        costs=costs,
        embedded=inv.embedded,
    )


def _summary(
    verdict: Verdict, deepest: Mode | None, planned: Mode, prereqs: tuple[Prerequisite, ...]
) -> str:
    head = verdict.value
    if deepest is None:
        text = f"{head}, no involvement"
    elif deepest == planned:
        text = f"{head}, up to {deepest.value} as planned"
    else:
        text = f"{head}, up to {deepest.value} (planned {planned.value})"
    if prereqs:
        text += ", once " + " and ".join(p.once for p in prereqs)
    return text


def _suggestion(
    ctx: Context,
    s: Stakeholder,
    invs: tuple[Involvement, ...],
    verdict: Verdict,
    supported: Mode,
    ceilings: tuple[Ceiling, ...],
) -> Suggestion | None:
    """Deeper than planned where the aims would gain (this tool's judgement, marked so).

    Only when the verdict is *more* or *clearly more*, nothing holds it down, the topic is
    not contested (Table 2, row 1), the stakeholder has no power over the findings (the
    paper's caution with those who do), and only at the
    stages whose involvement serves the aims the verdict rests on: for lay stakeholders, aims
    of voice or power (normative, political); for others, any aim. Never beyond partnership.
    """
    contested = ctx.project.lean("condition.contested") is Lean.LESS
    if ceilings or contested or (verdict.rank or 0) < 1 or has_power_over_findings(s):
        return None
    mode = min(supported, Mode.PARTNERSHIP)
    wanted = (
        {a.id for a in ctx.project.aims if set(a.motivations) & _VOICE}
        if s.kind.sphere is Sphere.LAY
        else {a.id for a in ctx.project.aims}
    )
    stages = tuple(
        i.stage
        for i in invs
        if i.mode < mode
        and wanted.intersection(i.aims)
        and _limit(ctx, s, i, mode, verdict)[0] > i.mode
    )
    if not stages:
        return None
    where = " and ".join(ctx.label(x) for x in stages)
    return Suggestion(
        mode=mode,
        stages=stages,
        message=f"A suggestion, in this tool's judgement, not the advice: the aims {s.id} "
        f"serves at {where} could gain from involving them more deeply than planned, up to "
        f"{mode.value}, if the time, budget and facilitation for it are there.",
    )


def least_to_fund(ctx: Context, invs: tuple[Involvement, ...]) -> tuple[str, ...]:
    """The planned stages to keep first when involvement must wait or narrow.

    Those among ``Policy.core_stages`` (where questions are set and findings become
    recommendations: the paper asks which stages are critical and gives no answer, p. 6, so
    the choice is this tool's); else the first stage planned.
    """
    planned = tuple(i.stage for i in invs)
    return tuple(x for x in planned if x in ctx.policy.core_stages) or planned[:1]


_CORE = "where questions are set and findings become recommendations: this tool's choice"
_VERBS = {
    Mode.USER_CONTROLLED: "hand control to",
    Mode.PARTNERSHIP: "partner with",
    Mode.COLLABORATION: "collaborate with",
}


def _meanwhile(
    ctx: Context,
    s: Stakeholder,
    invs: tuple[Involvement, ...],
    prereqs: tuple[Prerequisite, ...],
    ceilings: tuple[Ceiling, ...],
) -> str:
    """What can be done now, when payment waits for funding or capacity holds the lowest rung.

    With no budget nobody can be paid to take part, so nothing is asked of them now: it says
    what to fund first. Otherwise: consult them at their planned stages rather than work
    more closely, and which stages to keep if the plan must narrow.
    """
    waits = any(p.code == "payment" and p.once.startswith("funding") for p in prereqs)
    lowest = [c for c in ceilings if c.code == "capacity" and c.mode <= Mode.CONSULTATION]
    deep = max(i.mode for i in invs)
    if not (waits or lowest) or deep <= Mode.CONSULTATION:
        return ""
    keep = least_to_fund(ctx, invs)
    core = stage_list(ctx, keep) + (f" ({_CORE})" if keep[0] in ctx.policy.core_stages else "")
    if waits:
        return (
            f"Until funded, nobody can be paid to take part: secure the funding for the time "
            f"of {s.id} first{_fees(ctx, s.id)}. The least to fund: consulting {s.id} at "
            f"{core}."
        )
    planned = stage_list(ctx, tuple(i.stage for i in invs))
    short = [x.split(":")[0] for x in ctx.capacity.short] if ctx.capacity else []
    return (
        f"Until the {and_list(short) or 'resources'} {'is' if len(short) == 1 else 'are'} "
        f"there, consult {s.id} rather than {_VERBS.get(deep, 'involve')} them, at {planned}; "
        f"if the plan must narrow, keep {core}."
    )


def and_list(items: list[str]) -> str:
    """The items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return (
        items[0]
        if len(items) == 1
        else ", ".join(items[:-1]) + " and " + items[-1]
        if items
        else ""
    )


def stage_list(ctx: Context, stages: tuple[str, ...]) -> str:
    """Stages by their labels, "every stage" when they are all the catalogue's."""
    if len(set(stages)) == len(ctx.index.stages):
        return "every stage"
    return and_list([ctx.label(x) for x in stages])


# --------------------------------------------------------------------------- the advice


def _landing(practice: tuple[PracticeRisk, ...]) -> dict[str, list[str]]:
    """Per stakeholder, the codes of the practice risks on them, in order."""
    landing: dict[str, list[str]] = {}
    for p in practice:
        for who in dict.fromkeys(p.stakeholders):
            landing.setdefault(who, []).append(p.code)
    return landing


def _binds(c: Ceiling, base: Verdict, mapped: Mode | None) -> bool:
    """Whether a ceiling holds the advice below where it would be without it."""
    rank = c.verdict.rank or 0
    lowered = rank < 0 if base.rank is None else rank < base.rank
    return lowered or (mapped is not None and c.mode < mapped)


def _one(ctx: Context, sid: str, facts: Facts, landing: dict[str, list[str]]) -> Advice:
    pol = ctx.policy
    s = ctx.people[sid]
    invs = ctx.plan_of[sid]
    table2 = table2_basis(s)
    base, reasons = _table2(ctx, s) if table2 else _aims(ctx, s, invs)
    held = ceilings_for(ctx, s, invs, facts)
    verdict = lowest(base, held)
    mapped = (pol.advised_mode if table2 else pol.aims_advised_mode).get(verdict)
    supported = min([mapped, *(c.mode for c in held)]) if mapped is not None else None
    binding = tuple(c for c in held if _binds(c, base, mapped))
    reasons += [c.message for c in binding]
    if ctx.paid_by_costing(s):
        reasons.append(
            f"{sid} is not paid until now (reimbursed: false), but the costing pays them a "
            "fee: this tool reads the costing as the plan, so they are counted as paid."
        )
    planned = max(i.mode for i in invs)
    deepest = min(supported, planned) if supported is not None else None
    prereqs = tuple(_prerequisites(ctx, s, invs, facts))
    stages = (
        tuple(_stage(ctx, s, i, supported, prereqs, verdict) for i in invs)
        if supported is not None
        else ()
    )
    cites = (
        ("step.usefulness", "condition.conflicts-of-interest") if table2 else ("step.usefulness",)
    )
    extra = tuple(c for x in binding for c in x.sources)
    return Advice(
        stakeholder=sid,
        kind=s.kind,
        sphere=s.kind.sphere,
        basis="table-2" if table2 else "aims",
        verdict=verdict,
        deepest_mode=deepest,
        summary=_summary(verdict, deepest, planned, prereqs),
        stages=stages,
        prerequisites=prereqs,
        reasons=tuple(reasons),
        sources=tuple(
            dict.fromkeys(
                (
                    *ctx.index.cite(
                        *dict.fromkeys((*cites, *(f"mode.{i.mode.value}" for i in invs)))
                    ),
                    *extra,
                )
            )
        ),
        practice=tuple(landing.get(sid, ())),
        ceilings=binding,
        suggestion=_suggestion(ctx, s, invs, verdict, supported, held) if supported else None,
        meanwhile=_meanwhile(ctx, s, invs, prereqs, binding),
        profile=_own_profile(ctx, s) if table2 else None,
    )


def _own_profile(ctx: Context, s: Stakeholder) -> Emphasis | None:
    """The stakeholder's own Table 2 profile, when row 2 read from its facts changes it."""
    conflict = row2(s)
    if conflict is None:
        return None
    own, project = ctx.profile(conflict), ctx.profile()
    return own if (own.verdict, own.score) != (project.verdict, project.score) else None


def advise(
    ctx: Context, practice: tuple[PracticeRisk, ...] = (), capacity: Capacity | None = None
) -> tuple[Advice, ...]:
    """One :class:`Advice` per stakeholder the plan involves, sorted by id.

    Each carries the codes of the ``practice`` risks that land on its stakeholder, and the
    ceilings that hold it down (``capacity`` is Table 2 row 9 as read for the project; read
    from the project alone when not given).
    """
    cap = capacity if capacity is not None else ctx.capacity
    assert cap is not None  # read when the context is made
    facts = Facts(capacity=cap, practice=practice)
    landing = _landing(practice)
    return tuple(_one(ctx, sid, facts, landing) for sid in ctx.involved)


# --------------------------------------------------------------------------- levers


def levers(
    ctx: Context, advice: tuple[Advice, ...], capacity: Capacity | None = None
) -> tuple[Lever, ...]:
    """What would change the advice: Table 2 rows, prerequisites, resources, aims."""
    out = list(_condition_levers(ctx, advice))
    for a in advice:
        out.extend(_stakeholder_levers(a))
    held = [a for a in advice if any(c.code == "capacity" for c in a.ceilings)]
    if held and capacity is not None:
        short = [x.split(":")[0] for x in capacity.short]
        out.append(
            Lever(
                code="resources",
                message=f"Resourcing {', '.join(short)} for the plan would lift the capacity "
                "ceiling (Table 2, row 9) that holds the advice for "
                + ", ".join(a.stakeholder for a in held)
                + ".",
                stakeholders=tuple(a.stakeholder for a in held),
                inputs=capacity.inputs,
            )
        )
    if capacity is not None and capacity.unknown and not capacity.short and advice:
        out.append(
            Lever(
                code="capacity",
                message="Saying what time, budget, facilitation and training the involvement "
                "has would settle Table 2 row 9 for everyone: "
                + ", ".join(capacity.unknown)
                + " not known.",
                stakeholders=tuple(a.stakeholder for a in advice),
                inputs=tuple(f"resources.{n}" for n in capacity.unknown),
            )
        )
    return tuple(out)


def _other_leans(lean: Lean) -> tuple[Lean, ...]:
    if lean is Lean.UNKNOWN:
        return (Lean.LESS, Lean.MORE)
    return (Lean.MORE,) if lean is Lean.LESS else (Lean.LESS,)


def _condition_levers(ctx: Context, advice: tuple[Advice, ...]) -> Iterator[Lever]:
    """Table 2 rows whose other lean would move the verdict of the decision-makers.

    Each row's other lean is tried on the profile's leans with that row changed: what
    :func:`profile` of the project with that row set would give, without building it.
    """
    groups: dict[bool | None, list[str]] = {}
    for a in advice:
        if a.basis == "table-2":
            delivery = row2(ctx.people[a.stakeholder])
            groups.setdefault(delivery, []).append(a.stakeholder)
    rows = scorer(ctx.catalogue, ctx.policy)
    conditions = rows.conditions
    for delivery, ids in groups.items():
        now = ctx.profile(delivery).verdict
        assert ctx.capacity is not None  # read when the context is made
        read = read_leans(ctx.project, conditions, ctx.policy, delivery, ctx.capacity)
        leans = [lean for lean, _, _ in read]
        for row, (c, (lean_now, inferred, _)) in enumerate(zip(conditions, read, strict=True)):
            if inferred and c.id == "condition.conflicts-of-interest" and delivery is not None:
                continue  # read from each one's own delivery responsibility
            for lean in _other_leans(lean_now):
                moved = rows.verdict([*leans[:row], lean, *leans[row + 1 :]])
                if moved is not now:
                    yield Lever(
                        code="condition",
                        message=f"If Table 2 row {c.number} ({c.label.lower()}) leaned "
                        f"{lean.value}, the Table 2 profile for {', '.join(ids)} would read "
                        f"{moved.value} (now {now.value}).",
                        stakeholders=tuple(ids),
                        inputs=(f"conditions[{c.id}]",),
                    )


def _stakeholder_levers(a: Advice) -> Iterator[Lever]:
    """One stakeholder's prerequisites, and stated aims where their advice is undetermined."""
    deepest = a.deepest_mode.value if a.deepest_mode else "none"
    for p in a.prerequisites:
        yield Lever(
            code="prerequisite",
            message=f"Once {p.once}, {a.stakeholder} can go ahead as advised "
            f"({a.verdict.value}, up to {deepest}).",
            stakeholders=(a.stakeholder,),
            inputs=p.inputs,
        )
    if a.basis == "aims" and a.verdict is Verdict.UNDETERMINED:
        yield Lever(
            code="aims",
            message=f"Saying which aims involving {a.stakeholder} serves, and why, would "
            "settle their advice.",
            stakeholders=(a.stakeholder,),
            inputs=tuple(f"plan[{s.stage}/{a.stakeholder}].aims" for s in a.stages),
        )
