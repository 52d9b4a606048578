"""The finding rules: one small registered check each, with its code, level and citations.

Each check's docstring (first line) says when it fires; ``docs/engine.md`` lists them from
this registry. An embedder disables one with ``Policy(disabled=...)`` and adds their own with
``Policy(rules=...)`` (:func:`coproduce.appraisal.finding_rule`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from coproduce.appraisal._advice import and_list, unresourced
from coproduce.appraisal._context import Context, table2_basis
from coproduce.appraisal._emphasis import CAPACITY
from coproduce.appraisal._exposure import unable_because
from coproduce.appraisal._registry import (
    FINDINGS,
    FindingCheck,
    FindingRule,
    Hit,
    Results,
    finding_rule,
)
from coproduce.appraisal._results import (
    Action,
    Answer,
    ExposureCell,
    Finding,
    FindingLevel,
    Verdict,
)
from coproduce.model import PAPER, Audience, Lean, Mode, Motivation, Sphere

__all__ = ["collect_findings"]

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


# --------------------------------------------------------------------------- aims


@_rule("aims.none", CONCERN, "step.usefulness", "step.alternatives")
def _aims_none(ctx: Context, r: Results) -> Iterator[Hit]:
    """No aims are stated."""
    if not ctx.project.aims:
        yield Hit(
            "No aims are stated, so no one can judge whether coproduction helps reach them "
            "(step 1) or whether something else would do as well (step 2).",
            ("aims",),
        )


@_rule(
    "aims.no-motivation",
    WARNING,
    "step.usefulness",
    *(f"motivation.{m.value}" for m in Motivation),
)
def _aims_no_motivation(ctx: Context, r: Results) -> Iterator[Hit]:
    """An aim names no motivation (substantive, instrumental, normative or political)."""
    for aim in sorted(ctx.project.aims, key=lambda a: a.id):
        if not aim.motivations:
            yield Hit(
                f"Aim {aim.id!r} names no motivation (substantive, instrumental, normative or "
                "political), so the route to it cannot be judged.",
                (f"aims[{aim.id}].motivations",),
            )


@_rule("aims.unserved", WARNING, "step.usefulness", "question.individuals.circumstances")
def _aims_unserved(ctx: Context, r: Results) -> Iterator[Hit]:
    """No planned involvement serves an aim."""
    if not ctx.project.plan:
        return
    for a in r.aims:
        if not a.served_by:
            yield Hit(
                f"No planned involvement serves aim {a.aim!r}.", (f"aims[{a.aim}]", "plan[*].aims")
            )


@_rule("aims.political-unstated", WARNING, "motivation.political")
def _political(ctx: Context, r: Results) -> Iterator[Hit]:
    """Decision-makers have a seat, or lay people share the work, and no aim is political."""
    if any(Motivation.POLITICAL in a.motivations for a in ctx.project.aims):
        return
    seated = sorted(
        sid
        for sid, invs in ctx.plan_of.items()
        if (ctx.sphere(sid) is Sphere.DECISION and any(i.mode >= Mode.CONSULTATION for i in invs))
        or (ctx.sphere(sid) is Sphere.LAY and any(i.mode >= Mode.COLLABORATION for i in invs))
    )
    if not seated:
        return
    yield Hit(
        "Working closely with the powerful or with the disempowered is political either way ("
        + ", ".join(seated)
        + "), yet no aim is political. Such reasons are the least discussed and perhaps the "
        "most important: say what the engagement should change in how groups see the research "
        "and each other.",
        ("aims[*].motivations", *(f"stakeholders[{s}].kind" for s in seated)),
    )


# --------------------------------------------------------------------------- the Table 2 profile


@_rule("emphasis.gated", CONCERN)
def _gated(ctx: Context, r: Results) -> Iterator[Hit]:
    """A policy gate lowered the decision-makers' verdict (no gate by default)."""
    e = r.emphasis
    if not e.gated_by or not _table2_involved(ctx):
        return
    yield Hit(
        f"The policy treats {', '.join(e.gated_by)} as a precondition: the Table 2 verdict for "
        f"decision-makers is capped at {e.verdict.value} (before the cap: {e.ungated.value}).",
        tuple(i for c in e.contributions if c.condition in e.gated_by for i in c.inputs),
        tuple(e.gated_by),
    )


@_rule("emphasis.undetermined", WARNING)
def _undetermined(ctx: Context, r: Results) -> Iterator[Hit]:
    """Decision-makers are involved and too little of Table 2 is known to advise on them."""
    e = r.emphasis
    if e.ungated is not Verdict.UNDETERMINED or not _table2_involved(ctx):
        return
    unknown = tuple(c.condition for c in e.contributions if c.lean is Lean.UNKNOWN)
    yield Hit(
        f"Only {e.coverage:.0%} of the Table 2 weight is known; settle the unknown conditions "
        f"({len(unknown)}) before deciding how closely to work with "
        + ", ".join(_table2_involved(ctx))
        + ".",
        tuple(f"conditions[{c}]" for c in unknown),
        unknown,
    )


@_rule("context.capacity-inferred", INFO, CAPACITY)
def _capacity_inferred(ctx: Context, r: Results) -> Iterator[Hit]:
    """Row 9 (capacity) is not stated and was read from the resources."""
    for c in r.emphasis.contributions:
        if c.inferred and c.condition == CAPACITY and _table2_involved(ctx):
            yield Hit(
                f"Capacity (Table 2, row {c.number}) is not stated; read as '{c.lean.value}' "
                "from the resources.",
                c.inputs,
            )


@_rule("context.capacity-contradiction", WARNING, CAPACITY)
def _capacity_contradiction(ctx: Context, r: Results) -> Iterator[Hit]:
    """Row 9 is stated to favour coproduction, but resources are short."""
    short = ctx.project.resources.short()
    if ctx.project.lean(CAPACITY) is Lean.MORE and short:
        yield Hit(
            "Capacity is stated to favour coproduction, but the resources are short: "
            + ", ".join(short)
            + ".",
            (f"conditions[{CAPACITY}]", *(f"resources.{n}" for n in short)),
        )


# --------------------------------------------------------------------------- the plan and advice


@_rule("plan.empty", INFO, "question.individuals.circumstances")
def _plan_empty(ctx: Context, r: Results) -> Iterator[Hit]:
    """Nobody is involved at any stage."""
    if not ctx.project.plan:
        yield Hit(
            "The plan involves no stakeholder at any stage: there is no risk register.", ("plan",)
        )


@_rule("plan.deeper-than-advised", WARNING, "step.usefulness")
def _deeper(ctx: Context, r: Results) -> Iterator[Hit]:
    """A stakeholder is involved somewhere more deeply than their own advice supports."""
    for a in r.advice:
        deep = [s for s in a.stages if s.action is Action.LIGHTEN]
        if deep:
            why: dict[str, list[str]] = {}  # stages that lighten for the same reason, together
            for s in deep:
                label, _, reason = s.reason.partition(": ")
                why.setdefault(reason, []).append(label)
            where = "; ".join(f"{', '.join(labels)}: {reason}" for reason, labels in why.items())
            yield Hit(
                f"{a.stakeholder!r} ({a.summary}): {where}.",
                tuple(f"plan[{s.stage}/{a.stakeholder}].mode" for s in deep),
                tuple(sorted({f"mode.{s.planned_mode.value}" for s in deep})),
            )


@_rule("plan.embedded-lay", WARNING, "mode.embedded")
def _embedded_lay(ctx: Context, r: Results) -> Iterator[Hit]:
    """An embedded or commissioned arrangement is set with lay stakeholders."""
    for a in r.advice:
        odd = [s for s in a.stages if s.action is Action.RECONSIDER]
        if odd:
            yield Hit(
                f"{a.stakeholder!r} is lay, but the plan embeds the research with them at "
                + ", ".join(s.stage.removeprefix("stage.") for s in odd)
                + ": embedding is an arrangement with an organisation; choose a mode instead.",
                tuple(f"plan[{s.stage}/{a.stakeholder}].embedded" for s in odd),
            )


@_rule("advice.prerequisites", CONCERN, "question.individuals.decisions")
def _prerequisites(ctx: Context, r: Results) -> Iterator[Hit]:
    """A stakeholder's involvement needs something in place before it starts."""
    for a in r.advice:
        if a.prerequisites:
            cited = [c for p in a.prerequisites for c in p.sources]
            yield Hit(
                f"{a.stakeholder}: {a.summary}. " + " ".join(p.message for p in a.prerequisites),
                tuple(i for p in a.prerequisites for i in p.inputs),
                tuple(c.entry for c in cited if c.document == PAPER),
                tuple(dict.fromkeys(c for c in cited if c.document != PAPER)),
            )


@_rule("plan.stakeholder-uninvolved", INFO, "question.individuals.circumstances")
def _uninvolved(ctx: Context, r: Results) -> Iterator[Hit]:
    """A listed stakeholder is in no involvement."""
    for s in sorted(ctx.project.stakeholders, key=lambda s: s.id):
        if s.id not in ctx.plan_of:
            yield Hit(
                f"Stakeholder {s.id!r} is listed but not involved at any stage.",
                (f"stakeholders[{s.id}]",),
            )


@_rule("plan.hit-and-run", WARNING, "challenge.implementation-disinterest", "cost.hit-and-run")
def _hit_and_run(ctx: Context, r: Results) -> Iterator[Hit]:
    """Stakeholders expect help with implementation that the plan and contracts leave out."""
    for risk in r.risks:
        for f in risk.factors:
            if f.code == "hit-and-run":
                yield Hit(
                    "Stakeholders " + f.message + ". Plan the researchers' part in "
                    "implementation, or say plainly that there is none.",
                    f.inputs,
                )
                return


# --------------------------------------------------------------------------- resources


def _deep_stages(ctx: Context) -> list[str]:
    return [
        s
        for s, facts in ctx.stages.items()
        if any(i.mode >= Mode.COLLABORATION for i in facts.involvements)
    ]


@_rule("resourcing.short", WARNING, CAPACITY, "cost.money", "mitigation.budget")
def _short(ctx: Context, r: Results) -> Iterator[Hit]:
    """Time, budget, facilitation or training, or the costed budget, fall short of the plan."""
    cap = r.capacity
    if cap is None or cap.unresourced or not ctx.stages:
        return
    if r.costs is not None and r.costs.short:
        yield _costed_shortfall(ctx, r)
        return
    if not cap.short:
        return
    deep = _deep_stages(ctx)
    if not deep and all(x.startswith("training") for x in cap.short):
        return  # consulting only: training alone is no shortfall worth a warning
    stages = deep or list(ctx.stages)
    names = ", ".join(s.removeprefix("stage.") for s in stages)
    every = len(ctx.stages) == len(ctx.index.stages)
    fund = and_list(
        [
            x.split(":")[0]
            for x in cap.short
            if not (x.startswith("time") and cap.window_weeks is not None)
        ]
    )
    window = (
        f"; the {cap.window_weeks}-week window leaves no time to spare"
        if cap.window_weeks is not None
        else ""
    )
    message = (
        f"This plan is under-resourced ({'; '.join(cap.short)}) for "
        + ("the deep involvement at " if deep else "the involvement at ")
        + f"{names}. "
        + (
            f"Fund {fund} for these stages before involving people this deeply, or narrow"
            if fund
            else "Narrow"
        )
        + " the plan to the stages the aims need"
        + (" (it now involves people at every stage)" if every else "")
        + f"{window}: until then, Table 2 row 9 holds the advice lower (less emphasis where "
        "time, resources or expertise are limited, p. 7)."
    )
    named = {x.split(":")[0] for x in cap.short}
    read = tuple(i for i in cap.inputs if i.rsplit(".", 1)[-1].split("_")[0] in named)
    yield Hit(message, (*(read or cap.inputs), *(f"plan[{s}/*]" for s in stages)))


def _costed_shortfall(ctx: Context, r: Results) -> Hit:
    """The shortfall from the costing's own figures: how much, and the costliest stages."""
    c = r.costs
    assert c is not None
    stages = sorted((s for s in c.stages if s.stage), key=lambda s: (-s.money, s.stage))[:3]
    where = ", ".join(
        f"{s.stage.removeprefix('stage.')} ({c.currency} {s.money:,.2f}, {s.hours:g} hours)"
        for s in stages
    )
    return Hit(
        f"This plan is under-resourced: {c.gap_sentence}. The costliest stages: {where}. "
        "Fund the gap before involving people this deeply, or narrow the plan to the stages "
        "the aims need (`coproduce cost --fit` proposes the plan that fits): until then, "
        "Table 2 row 9 holds the advice lower (p. 7).",
        ("costing.budget", "costing.budget_hours", "costing.involvements"),
    )


@_rule("capacity.unknown", WARNING, CAPACITY, "question.individuals.costs")
def _capacity_unknown(ctx: Context, r: Results) -> Iterator[Hit]:
    """What the involvement has in time, budget, facilitation or training is not known."""
    cap = r.capacity
    if cap is None or not cap.unknown or not ctx.project.plan:
        return
    known = f" ({'; '.join(cap.short)} is short)" if cap.short else ""
    yield Hit(
        f"Not known: {', '.join(cap.unknown)} for the involvement{known}. Table 2 row 9 "
        "(capacity) cannot be read in full for anyone until it is: say what the plan has "
        "before deciding how deeply to involve people (key question 3).",
        tuple(i for i in cap.inputs if i.split(".")[-1] in cap.unknown),
    )


@_rule(
    "plan.after-funding",
    WARNING,
    "cost.hit-and-run",
    "challenge.implementation-disinterest",
)
def _after_funding(ctx: Context, r: Results) -> Iterator[Hit]:
    """Involvement is planned at a stage after the funding, or the contracts, end."""
    late: dict[str, list[str]] = {}
    read: dict[str, None] = {}
    for sid, invs in ctx.plan_of.items():
        for inv in invs:
            ended = ctx.ended(inv.stage)
            if ended is not None and inv.mode >= Mode.ADVICE:
                late.setdefault(ended[0], []).append(
                    f"{sid} at {ctx.label(inv.stage)} ({inv.mode.value})"
                )
                read.update(dict.fromkeys((*ended[1], f"plan[{inv.stage}/{sid}].mode")))
    for what, lines in late.items():
        yield Hit(
            f"Planned after {what}: {'; '.join(lines)}. Nobody is "
            "resourced to support it: the paper describes a hit-and-run culture (get funding, "
            "do research, achieve impact, leave) that leaves researchers no time to reflect "
            "on their practice (p. 6), and Table 1 lists researchers showing little interest "
            "in helping with implementation (row 7). Fund the researchers' part at these "
            "stages, or tell partners plainly what support ends when.",
            tuple(read),
        )


@_rule("plan.application-only", WARNING, "step.usefulness")
def _application_only(ctx: Context, r: Results) -> Iterator[Hit]:
    """The costing funds lay involvement only before the grant (developing the application)."""
    plan = ctx.project.costing
    if plan is None:
        return
    lay = {s.id for s in ctx.project.stakeholders if s.kind.sphere is Sphere.LAY}
    before = [c for c in plan.involvements if c.stakeholder in lay and c.before_grant]
    after = [c for c in plan.involvements if c.stakeholder in lay and not c.before_grant]
    if not before or after:
        return
    later = sorted(
        f"{i.stakeholder} at {ctx.label(i.stage)}"
        for invs in ctx.plan_of.values()
        for i in invs
        if i.stakeholder in lay
        and (i.stage, i.stakeholder) not in {(c.stage, c.stakeholder) for c in before}
    )
    unfunded = (
        f" The plan's later involvement has no costed line: {'; '.join(later)}." if later else ""
    )
    yield Hit(
        "The costing pays for lay involvement only before the grant (developing the "
        "application), and for none once the research is funded." + unfunded + " In this "
        "tool's judgement that is engagement done to fill the application's involvement "
        "section, which the paper notes is now routine on grant proposals (p. 2): cost the "
        "involvement the funded research needs, or say why there is none.",
        ("costing.involvements[*].before_grant", *(f"plan[*/{sid}]" for sid in sorted(lay))),
    )


@_rule("costing.incomplete", WARNING, "question.individuals.costs")
def _costing_incomplete(ctx: Context, r: Results) -> Iterator[Hit]:
    """The costing cannot be priced in full: a role has no rate, or amounts disagree."""
    c = r.costs
    if c is None:
        return
    if c.problems:
        yield Hit(
            "The costing cannot be priced: "
            + "; ".join(c.problems[:5])
            + (f" (and {len(c.problems) - 5} more)" if len(c.problems) > 5 else "")
            + ". Give a rate card with these roles (`Policy(rates=...)` or the costing's own "
            "`rate_card`).",
            ("costing",),
        )
    elif c.unpriced:
        yield Hit(
            "Roles without an amount on any rate card leave lines unpriced: "
            + ", ".join(c.unpriced)
            + ". The totals leave them out; add the current figures of the payment guidance "
            "you follow.",
            ("costing.rate_card",),
        )


@_rule("resourcing.none", CONCERN, CAPACITY)
def _none(ctx: Context, r: Results) -> Iterator[Hit]:
    """Nothing is resourced at all: no time, no budget and no facilitation."""
    bare = r.capacity.unresourced if r.capacity is not None else unresourced(ctx.project)
    if ctx.project.plan and bare:
        yield Hit(
            "Nothing is resourced for engagement (no time, budget or facilitation): until "
            f"something is, everyone's advice is capped at {ctx.policy.unresourced_ceiling.value} "
            "(Table 2, row 9).",
            tuple(f"resources.{n}" for n, _ in ctx.project.resources.supplies()),
        )


# --------------------------------------------------------------------------- who pays


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


# --------------------------------------------------------------------------- questions


_STRUCTURE = {
    1: "infrastructure and leadership for coproduction",
    2: "training in coproduction",
    3: "reward and recognition for the work of coproduction",
    4: "evaluation of what coproduction achieves",
    5: "attention to diversity in who takes part",
}


@_rule("organisation.support-absent", WARNING)
def _support_absent(ctx: Context, r: Results) -> Iterator[Hit]:
    """An organisational question is answered 'no': fixable structure, not a coproduction cost."""
    for q in r.questions:
        if q.audience is Audience.ORGANISATIONS and q.answer is Answer.ANSWERED_NO:
            yield Hit(
                "For the research organisation or funder: there is no "
                f"{_STRUCTURE.get(q.number, q.label.lower())} "
                f"({', '.join(q.absent)}). This is structure they can put right, not a cost of "
                "coproducing; ask for it.",
                q.absent,
                (q.question,),
            )


@_rule("governance.decisions-open", WARNING, "question.individuals.decisions")
def _decisions_open(ctx: Context, r: Results) -> Iterator[Hit]:
    """How decisions are taken and accountability shared is not settled (question 4)."""
    if not ctx.project.plan:
        return
    for q in r.questions:
        if q.question == "question.individuals.decisions" and q.answer in (
            Answer.OPEN,
            Answer.PARTLY,
        ):
            yield Hit(
                "How decisions are taken, and how responsibility and accountability are shared, "
                f"is not settled ({', '.join(q.missing)}).",
                q.missing,
            )


@_rule("evaluation.none", WARNING, "question.organisations.evaluation")
def _evaluation(ctx: Context, r: Results) -> Iterator[Hit]:
    """The coproduction itself will not be evaluated, or nobody has said (pp. 1, 7)."""
    value = ctx.project.support.evaluation
    if not ctx.project.plan or value is True:
        return
    said = (
        "will not be evaluated"
        if value is False
        else "has no evaluation planned that anyone has said"
    )
    yield Hit(
        f"The coproduction itself {said}: the paper's central gap is that nobody knows what "
        "coproduction costs and achieves. Plan how to evaluate it.",
        ("support.evaluation",),
    )


# --------------------------------------------------------------------------- practice layer


@_rule("practice.unmitigated", WARNING)
def _practice(ctx: Context, r: Results) -> Iterator[Hit]:
    """A practice-layer risk the facts raise has mitigations not yet in place (their evidence)."""
    for risk in r.practice:
        missing = risk.unmitigated
        if not missing:
            continue
        who = ", ".join(risk.stakeholders) or f"the {risk.sphere.value} sphere"
        yield Hit(
            f"{risk.label} ({who}): put in place "
            + "; ".join(m.label[:1].lower() + m.label[1:].rstrip(".") for m in missing)
            + ". Practice guidance, not the paper.",
            risk.facts,
            citations=risk.sources,
        )


# --------------------------------------------------------------------------- collecting


def collect_findings(ctx: Context, results: Results) -> tuple[Finding, ...]:
    """Run every rule the policy enables; sort by level, code, inputs."""
    pol = ctx.policy
    out = []
    for rule in (*FINDINGS.values(), *pol.rules):
        if rule.code in pol.disabled:
            continue
        for hit in rule.check(ctx, results):
            ids = (*rule.cites, *hit.cites)
            if hit.citations:
                sources = ctx.index.cite(*ids) + hit.citations
                for i in ids:
                    sources += ctx.index.see_also.get(i, ())
                sources = tuple(dict.fromkeys(sources))
            else:
                sources = ctx.index.sources_of(ids)
            out.append(
                Finding(
                    code=rule.code,
                    level=rule.level,
                    message=hit.message,
                    inputs=hit.inputs,
                    sources=sources,
                )
            )
    return tuple(sorted(out, key=lambda f: (f.level.rank, f.code, f.inputs)))
