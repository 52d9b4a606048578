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

from typing import TYPE_CHECKING

from coproduce.appraisal._advice_records import (
    Advice,
    Capacity,
    Ceiling,
    Prerequisite,
    StageAdvice,
    Suggestion,
)
from coproduce.appraisal._aims import voice_judgement
from coproduce.appraisal._ceilings import (
    Facts,
    ceilings_for,
    lowest,
    read_facts,
)
from coproduce.appraisal._context import Context, row2, table2_basis
from coproduce.appraisal._power import commercial_interest, has_power_over_findings
from coproduce.appraisal._prerequisites import fees, prerequisites
from coproduce.appraisal._profile import Emphasis
from coproduce.appraisal._verdicts import Action, Verdict
from coproduce.appraisal._wording import and_list, stage_list
from coproduce.model import (
    CostId,
    Involvement,
    Lean,
    Mode,
    Motivation,
    Sphere,
    Stakeholder,
)

if TYPE_CHECKING:
    from coproduce.practice import PracticeRisk

__all__ = ["TABLE2_SPHERES", "advise", "least_to_fund"]

_VOICE = {Motivation.NORMATIVE, Motivation.POLITICAL}
TABLE2_SPHERES = (Sphere.DECISION, Sphere.COMMERCIAL)
"""The spheres whose advice starts from Table 2 (it particularly relates to evaluations with
policy-makers and managers, p. 6; commercial partners share their power over the findings)."""


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
            f"of {s.id} first{fees(ctx, s.id)}. The least to fund: consulting {s.id} at "
            f"{core}."
        )
    planned = stage_list(ctx, tuple(i.stage for i in invs))
    short = [x.split(":")[0] for x in ctx.capacity.short] if ctx.capacity else []
    return (
        f"Until the {and_list(short) or 'resources'} {'is' if len(short) == 1 else 'are'} "
        f"there, consult {s.id} rather than {_VERBS.get(deep, 'involve')} them, at {planned}; "
        f"if the plan must narrow, keep {core}."
    )


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
    prereqs = tuple(prerequisites(ctx, s, invs, facts))
    stages = (
        tuple(_stage(ctx, s, i, supported, prereqs, verdict) for i in invs)
        if supported is not None
        else ()
    )
    cites = (
        ("step.usefulness", "condition.conflicts-of-interest") if table2 else ("step.usefulness",)
    )
    extra = tuple(c for x in binding for c in x.citations)
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
        citations=tuple(
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
    facts = read_facts(ctx, cap, practice)
    landing = _landing(practice)
    return tuple(_one(ctx, sid, facts, landing) for sid in ctx.involved)


# --------------------------------------------------------------------------- levers
