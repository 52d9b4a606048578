"""Advice per relationship: who to involve, where, how deeply, and on what conditions.

Decision-makers and commercial partners are advised from the Table 2 profile, as the paper
scopes it (p. 6), with row 2 read from each one's delivery responsibility. Everyone else is
advised from what the paper says about them: the aims their involvement serves and the
motivations behind them (pp. 2-3, 8), the costs they bear and whether they are paid (p. 6).
A shortfall of resources is a finding, not a reason to involve lay partners less; only
nothing resourced at all caps everyone's advice (row 9). Governance gaps with those who have
power over the findings become prerequisites, so "more" reads "more, once ...".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from coproduce.appraisal._aims import voice_judgement
from coproduce.appraisal._context import Context
from coproduce.appraisal._emphasis import read_leans, scorer
from coproduce.appraisal._results import (
    Action,
    Advice,
    Lever,
    Prerequisite,
    StageAdvice,
    Verdict,
)
from coproduce.model import (
    ConditionId,
    ConditionSetting,
    CostId,
    Involvement,
    Lean,
    Level,
    Mode,
    Motivation,
    Project,
    Sphere,
    Stakeholder,
    Sufficiency,
)

if TYPE_CHECKING:
    from coproduce.practice import PracticeRisk

__all__ = [
    "TABLE2_SPHERES",
    "advise",
    "has_power_over_findings",
    "levers",
    "unresourced",
    "with_lean",
]

TABLE2_SPHERES = (Sphere.DECISION, Sphere.COMMERCIAL)
"""The spheres whose advice rests on Table 2 (p. 6 scopes it to policy-makers and managers;
commercial partners share their power over the findings)."""

_ONCE = {
    "publication-agreement": "a publication agreement is signed",
    "data-agreement": "a data agreement is in place",
    "ip-agreement": "who owns what is made (IP) is agreed",
    "payment": "payment for their time is offered",
}


def unresourced(project: Project) -> bool:
    """No time, no budget and no facilitation at all for engagement."""
    return all(v is Sufficiency.NONE for _, v in project.resources.supplies())


def has_power_over_findings(s: Stakeholder) -> bool:
    """Commercial partners, and decision-makers with high power or delivery responsibility."""
    sphere = s.kind.sphere
    return sphere is Sphere.COMMERCIAL or (
        sphere is Sphere.DECISION and (s.power is Level.HIGH or s.delivery_responsibility is True)
    )


def with_lean(project: Project, condition: str, lean: Lean) -> Project:
    """The project with one Table 2 condition set to ``lean``."""
    kept = tuple(c for c in project.conditions if c.condition != condition)
    return attrs.evolve(
        project,
        conditions=(*kept, ConditionSetting(condition=ConditionId(condition), lean=lean)),
    )


def _table2(ctx: Context, s: Stakeholder) -> tuple[Verdict, list[str]]:
    e = ctx.profile(s.delivery_responsibility)
    reasons = [
        f"Table 2, which the paper scopes to decision-makers (p. 6), reads {e.verdict.value} "
        f"(score {e.score:+.2f}; {e.coverage:.0%} of its weight known)."
    ]
    if s.delivery_responsibility is not None:
        side = "less" if s.delivery_responsibility else "more"
        reasons.append(f"Row 2 read from {s.id}'s own delivery responsibility: {side}.")
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
    if s.kind.sphere is Sphere.LAY and motivations & {Motivation.NORMATIVE, Motivation.POLITICAL}:
        return Verdict.MORE, [
            f"{s.id} serves aims that are {named}: {voice_judgement(s.id, motivations)}."
        ]
    return Verdict.BALANCED, [
        f"{s.id} serves aims that are {named}: worth it where they add what other means cannot; "
        "the paper judges such aims can usually be reached otherwise (p. 8)."
    ]


def _prerequisites(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...]
) -> Iterator[Prerequisite]:
    if not any(i.mode >= Mode.CONSULTATION for i in invs):
        return
    g, p, idx = ctx.project.governance, ctx.project, ctx.index
    sid = s.id
    if has_power_over_findings(s):
        if g.publication_agreement is not True:
            yield Prerequisite(
                code="publication-agreement",
                message=f"Agree with {sid}, before it helps frame or share findings, who may "
                "publish what and when, unwelcome findings included.",
                inputs=("governance.publication_agreement", f"stakeholders[{sid}]"),
                sources=idx.cite("mitigation.publication-agreement", "challenge.prevented-sharing"),
            )
        commercial = s.kind.sphere is Sphere.COMMERCIAL
        data_flows = p.identifiable_data is True or (
            commercial and p.identifiable_data is not False
        )
        if data_flows and g.data_agreement is not True:
            yield Prerequisite(
                code="data-agreement",
                message=f"Agree with {sid} who may see which data, in what form, before any "
                "data are shared.",
                inputs=("governance.data_agreement", "identifiable_data", f"stakeholders[{sid}]"),
                sources=idx.cite("mitigation.data-agreement", "challenge.identify-participants"),
            )
        if commercial and g.ip_agreement is not True:
            yield Prerequisite(
                code="ip-agreement",
                message=f"Agree with {sid} who owns what the collaboration makes (the project's "
                "reading: a partner's ownership is one route to co-option).",
                inputs=("governance.ip_agreement", f"stakeholders[{sid}].kind"),
                sources=idx.cite("challenge.co-opted"),
            )
    elif s.kind.sphere not in TABLE2_SPHERES and ctx.payment_offered(s) is False:
        yield Prerequisite(
            code="payment",
            message=f"Offer {sid} payment or reimbursement for their time before involving "
            "them: taking part takes time from their lives and work (p. 6).",
            inputs=ctx.payment_inputs(sid),
            sources=idx.cite("cost.stakeholder-time", "question.individuals.costs"),
        )


def _framing_capped(s: Stakeholder, verdict: Verdict) -> bool:
    """Whether to consult, not partner, this stakeholder where findings are framed and shared.

    For those with power over the findings, unless Table 2 clearly favours working closely
    with them and they carry no delivery responsibility; commercial partners always.
    """
    if not has_power_over_findings(s):
        return False
    if s.kind.sphere is Sphere.COMMERCIAL or s.delivery_responsibility is True:
        return True
    return verdict.rank is None or verdict.rank < 2


def _stage(
    ctx: Context,
    s: Stakeholder,
    inv: Involvement,
    deepest: Mode,
    prereqs: tuple[Prerequisite, ...],
    verdict: Verdict,
) -> StageAdvice:
    cap = deepest
    stage_cap = ctx.policy.stage_caps.get(inv.stage)
    capped = stage_cap is not None and _framing_capped(s, verdict) and stage_cap < cap
    if capped and stage_cap is not None:
        cap = stage_cap
    label = ctx.index.stage_labels.get(inv.stage, inv.stage).lower()
    if inv.embedded and s.kind.sphere is Sphere.LAY:
        action, reason = (
            Action.RECONSIDER,
            (
                "an embedded or commissioned arrangement is one with an organisation, not with lay "
                "people; involve them in a mode instead (p. 3)"
            ),
        )
    elif inv.mode > cap:
        why = (
            "where findings are framed and shared, consult those with power over them "
            "(Table 1, rows 5-6)"
            if capped
            else f"deeper than the {cap.value} this stakeholder's advice supports"
        )
        action, reason = (
            Action.LIGHTEN,
            f"{label}: {inv.mode.value} is {why}; lighten to {cap.value}",
        )
    elif prereqs and inv.mode >= Mode.CONSULTATION:
        once = " and ".join(_ONCE.get(p.code, p.code) for p in prereqs)
        action, reason = Action.AFTER_PREREQUISITES, f"{label} at {inv.mode.value}, once {once}"
    else:
        action, reason = Action.KEEP, f"{label} at {inv.mode.value} fits the advice"
    costs = ctx.index.mode_costs.get(inv.mode, ())
    if len(ctx.stages[inv.stage].stakeholders) >= 2 and "cost.money" in ctx.index.citations:
        costs = (*costs, CostId("cost.money"))
    return StageAdvice(
        stage=inv.stage,
        planned_mode=inv.mode,
        advised_mode=cap,
        action=action,
        reason=reason,
        costs=costs,
        embedded=inv.embedded,
    )


def _summary(verdict: Verdict, deepest: Mode | None, prereqs: tuple[Prerequisite, ...]) -> str:
    head = "undetermined" if verdict is Verdict.UNDETERMINED else verdict.value
    text = f"{head}, up to {deepest.value}" if deepest is not None else f"{head}, no involvement"
    if prereqs:
        text += ", once " + " and ".join(_ONCE.get(p.code, p.code) for p in prereqs)
    return text


def advise(ctx: Context, practice: tuple[PracticeRisk, ...] = ()) -> tuple[Advice, ...]:
    """One :class:`Advice` per stakeholder the plan involves, sorted by id.

    Each carries the codes of the ``practice`` risks that land on its stakeholder.
    """
    pol = ctx.policy
    bare = unresourced(ctx.project)
    landing: dict[str, list[str]] = {}  # per stakeholder, the practice risks on them, in order
    for p in practice:
        for who in dict.fromkeys(p.stakeholders):
            landing.setdefault(who, []).append(p.code)
    out = []
    for sid in ctx.involved:
        s = ctx.people[sid]
        invs = ctx.plan_of[sid]
        table2 = s.kind.sphere in TABLE2_SPHERES
        verdict, reasons = _table2(ctx, s) if table2 else _aims(ctx, s, invs)
        ceiling = pol.unresourced_ceiling
        if bare and (verdict.rank is None or verdict.rank > (ceiling.rank or 0)):
            verdict = ceiling
            reasons.append(
                "Nothing is resourced at all (no time, budget or facilitation): a reason for "
                "less (Table 2, row 9)."
            )
        if ctx.paid_by_costing(s):
            reasons.append(
                f"{sid} is not paid until now (reimbursed: false), but the costing pays them a "
                "fee: this tool reads the costing as the plan, so they are counted as paid."
            )
        deepest = (pol.advised_mode if table2 else pol.aims_advised_mode).get(verdict)
        prereqs = tuple(_prerequisites(ctx, s, invs))
        stages = (
            tuple(_stage(ctx, s, i, deepest, prereqs, verdict) for i in invs) if deepest else ()
        )
        cites = (
            ("step.usefulness", "condition.conflicts-of-interest")
            if table2
            else ("step.usefulness",)
        )
        out.append(
            Advice(
                stakeholder=sid,
                kind=s.kind,
                sphere=s.kind.sphere,
                basis="table-2" if table2 else "aims",
                verdict=verdict,
                deepest_mode=deepest,
                summary=_summary(verdict, deepest, prereqs),
                stages=stages,
                prerequisites=prereqs,
                reasons=tuple(reasons),
                sources=ctx.index.cite(
                    *dict.fromkeys((*cites, *(f"mode.{i.mode.value}" for i in invs)))
                ),
                practice=tuple(landing.get(sid, ())),
            )
        )
    return tuple(out)


def levers(ctx: Context, advice: tuple[Advice, ...]) -> tuple[Lever, ...]:
    """What would change the advice: Table 2 rows, prerequisites, resources, aims."""
    out = list(_condition_levers(ctx, advice))
    for a in advice:
        out.extend(_stakeholder_levers(a))
    if unresourced(ctx.project) and advice:
        out.append(
            Lever(
                code="resources",
                message="Resourcing any of time, budget or facilitation would lift the cap "
                f"that now holds everyone's advice at {ctx.policy.unresourced_ceiling.value}.",
                stakeholders=tuple(a.stakeholder for a in advice),
                inputs=tuple(f"resources.{n}" for n, _ in ctx.project.resources.supplies()),
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
            delivery = ctx.people[a.stakeholder].delivery_responsibility
            groups.setdefault(delivery, []).append(a.stakeholder)
    rows = scorer(ctx.catalogue, ctx.policy)
    conditions = rows.conditions
    for delivery, ids in groups.items():
        now = ctx.profile(delivery).verdict
        read = read_leans(ctx.project, conditions, ctx.policy, delivery)
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
                        f"{lean.value}, the advice for {', '.join(ids)} would be "
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
            message=f"Once {_ONCE.get(p.code, p.code)}, {a.stakeholder} can go ahead as "
            f"advised ({a.verdict.value}, up to {deepest}).",
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
