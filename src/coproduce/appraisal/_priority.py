"""The single most important thing to do for a project: the first rule that fires, in order.

Every report opens with it. The order is this tool's judgement, documented in
``docs/engine.md``: harm to the people involved first (safeguarding), then the resources
without which the plan should not go ahead (Table 2 row 9), then the agreements that keep
the research independent, then what is planned after the funding ends, a contested topic,
payment, the aims, lightening, and what is not known. Each rule is one registered function;
``Policy(disabled={"priority.<code>"})`` skips one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from coproduce._record import Record
from coproduce.appraisal._advice import least_to_fund
from coproduce.appraisal._advice_records import Advice, Priority
from coproduce.appraisal._context import Context
from coproduce.appraisal._registry import Registry, Results
from coproduce.appraisal._results import Finding
from coproduce.appraisal._verdicts import Action
from coproduce.appraisal._wording import stage_list
from coproduce.model import Citation, Mode

__all__ = ["PRIORITIES", "PriorityRule", "choose_priority"]

PriorityCheck = Callable[[Context, Results, tuple[Finding, ...]], Priority | None]
"""A candidate's check: the context, the results so far and the findings."""


@attrs.frozen
class PriorityRule(Record):
    """One candidate for the most important thing to do; its docstring says when."""

    code: str
    check: PriorityCheck = attrs.field(eq=False)
    when: str = ""


PRIORITIES: Registry[PriorityRule] = Registry("priority")
"""The candidates, in the order they are tried: the first that fires is the priority."""


def _rule(code: str) -> Callable[[PriorityCheck], PriorityCheck]:
    def register(check: PriorityCheck) -> PriorityCheck:
        doc = (check.__doc__ or "").strip().splitlines()
        PRIORITIES.add(code, PriorityRule(code=code, check=check, when=doc[0] if doc else ""))
        return check

    return register


def choose_priority(
    ctx: Context, results: Results, findings: tuple[Finding, ...]
) -> Priority | None:
    """The first candidate that fires, in :data:`PRIORITIES` order."""
    for rule in PRIORITIES.values():
        if f"priority.{rule.code}" in ctx.policy.disabled:
            continue
        found = rule.check(ctx, results, findings)
        if found is not None:
            return found
    return None


def _names(ids: Iterable[str]) -> str:
    items = list(dict.fromkeys(ids))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _with(advice: tuple[Advice, ...], *codes: str) -> list[Advice]:
    return [a for a in advice if any(p.code in codes for p in a.prerequisites)]


def _sources(advice: Iterable[Advice], *codes: str) -> tuple[Citation, ...]:
    found = (c for a in advice for p in a.prerequisites if p.code in codes for c in p.citations)
    return tuple(dict.fromkeys(found))


def _inputs(advice: Iterable[Advice], *codes: str) -> tuple[str, ...]:
    found = (i for a in advice for p in a.prerequisites if p.code in codes for i in p.inputs)
    return tuple(dict.fromkeys(found))


@_rule("safeguarding")
def _safeguarding(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Children or adults at risk take part without safeguarding in place."""
    who = _with(r.advice, "safeguarding")
    if not who:
        return None
    first = next(p for p in who[0].prerequisites if p.code == "safeguarding")
    things = first.message.split(": ", 1)[1].removesuffix(" (practice guidance, not the paper).")
    return Priority(
        code="safeguarding",
        message=f"Put safeguarding in place before involving {_names(a.stakeholder for a in who)}: "
        f"{things}.",
        stakeholders=tuple(a.stakeholder for a in who),
        inputs=_inputs(who, "safeguarding"),
        citations=_sources(who, "safeguarding"),
    )


_VERB = {
    Mode.USER_CONTROLLED: "handing control to",
    Mode.PARTNERSHIP: "partnering with",
    Mode.COLLABORATION: "collaborating with",
}
_SUPPLY = {
    "budget": "funding",
    "facilitation": "facilitation",
    "time": "time",
    "training": "training",
}


def _each(ctx: Context, who: list[Advice], stages: Callable[[Advice], Iterable[str]]) -> str:
    """Each stakeholder with its own stages, in order: "A at x and y, and B at z"."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for a in who:
        groups.setdefault(tuple(stages(a)), []).append(a.stakeholder)
    return ", and ".join(
        f"{_names(ids)} at {stage_list(ctx, where)}" for where, ids in groups.items()
    )


@_rule("secure-resources")
def _resources(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Capacity holds someone at consultation or below, or payment waits for funding."""
    cap = r.capacity
    who = [
        a
        for a in r.advice
        if any(s.action is Action.LIGHTEN for s in a.stages)
        and any(c.code == "capacity" and c.mode <= Mode.CONSULTATION for c in a.ceilings)
    ]
    waiting = [
        a
        for a in r.advice
        if any(p.code == "payment" and p.once.startswith("funding") for p in a.prerequisites)
    ]
    chosen = {a.stakeholder for a in who}  # one advice per stakeholder: a set, not a scan
    who += [a for a in waiting if a.stakeholder not in chosen]
    if cap is None or not who:
        return None
    wanted = [
        _SUPPLY.get(x.split(":")[0], x.split(":")[0])
        for x in cap.short
        if not (x.startswith("time") and cap.window_weeks is not None)
    ]
    if waiting and "funding" in wanted:
        wanted[wanted.index("funding")] = "funding for payment"
    window = (
        f" (the {cap.window_weeks}-week window leaves no time to spare)"
        if cap.window_weeks is not None
        else ""
    )
    verb = _VERB.get(max(s.planned_mode for a in who for s in a.stages), "involving")
    plans = {a.stakeholder: ctx.plan_of.get(a.stakeholder, ()) for a in who}
    least = _each(ctx, who, lambda a: least_to_fund(ctx, plans[a.stakeholder]))
    then = (
        f"; the least to fund first: consulting {least}"
        if waiting
        else f"; until then, consult them at the stages planned, keeping {least} if the plan "
        "must narrow"
    )
    return Priority(
        code="secure-resources",
        message=f"Secure {_names(wanted) if wanted else 'the resources'} before {verb} "
        f"{_names(a.stakeholder for a in who)}{window}{then}.",
        stakeholders=tuple(a.stakeholder for a in who),
        inputs=cap.inputs,
        citations=tuple(dict.fromkeys(c for a in who for x in a.ceilings for c in x.citations))
        or ctx.index.cite("condition.capacity"),
    )


_AGREEMENTS = {
    "publication-agreement": "who may publish what and when",
    "data-agreement": "who may see which data",
    "ip-agreement": "who owns what is made",
}


@_rule("agreements")
def _agreements(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Someone with power over the findings has a seat without the agreements in place."""
    codes = tuple(_AGREEMENTS)
    who = _with(r.advice, *codes)
    if not who:
        return None
    kinds = dict.fromkeys(p.code for a in who for p in a.prerequisites if p.code in codes)
    return Priority(
        code="agreements",
        message=f"Agree in writing with {_names(a.stakeholder for a in who)} "
        f"{_names(_AGREEMENTS[k] for k in kinds)}, before they help frame or share findings.",
        stakeholders=tuple(a.stakeholder for a in who),
        inputs=_inputs(who, *codes),
        citations=_sources(who, *codes),
    )


@_rule("after-funding")
def _after_funding(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Involvement is planned after the funding or the contracts end."""
    hits = [x for x in f if x.code == "plan.after-funding"]
    if not hits:
        return None
    late = [
        (a.stakeholder, s.stage)
        for a in r.advice
        for s in a.stages
        if ctx.ended(s.stage) is not None
    ]
    where = dict.fromkeys(ctx.label(stage) for _, stage in late)
    return Priority(
        code="after-funding",
        message=f"Fund the researchers' part at {_names(where)}, or tell "
        f"{_names(w for w, _ in late)} plainly what support ends when the funding does.",
        stakeholders=tuple(dict.fromkeys(w for w, _ in late)),
        inputs=hits[0].inputs,
        citations=hits[0].citations,
    )


@_rule("contested")
def _contested(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Campaigners on a contested topic lack the other side, or ground rules."""
    codes = ("both-sides", "ground-rules")
    who = _with(r.advice, *codes)
    if not who:
        return None
    kinds = dict.fromkeys(p.code for a in who for p in a.prerequisites if p.code in codes)
    parts = {"ground-rules": "agree ground rules", "both-sides": "bring in the other side"}
    return Priority(
        code="contested",
        message=f"{_names(parts[k] for k in kinds).capitalize()} before campaigners "
        f"({_names(a.stakeholder for a in who)}) help shape research on a contested topic.",
        stakeholders=tuple(a.stakeholder for a in who),
        inputs=_inputs(who, *codes),
        citations=_sources(who, *codes),
    )


@_rule("payment")
def _payment(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Someone outside the decision and commercial spheres is not offered payment."""
    who = _with(r.advice, "payment")
    if not who:
        return None
    return Priority(
        code="payment",
        message=f"Offer {_names(a.stakeholder for a in who)} payment for their time, in "
        "writing, before involving them.",
        stakeholders=tuple(a.stakeholder for a in who),
        inputs=_inputs(who, "payment"),
        citations=_sources(who, "payment"),
    )


@_rule("aims")
def _aims(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """No aims are stated."""
    if ctx.project.aims:
        return None
    return Priority(
        code="aims",
        message="Say what involving people is for (step 1) before deciding whom to involve "
        "and how deeply.",
        stakeholders=(),
        inputs=("aims",),
        citations=ctx.index.cite("step.usefulness"),
    )


@_rule("lighten")
def _lighten(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Someone is planned more deeply than their advice supports."""
    lines = [(a.stakeholder, s) for a in r.advice for s in a.stages if s.action is Action.LIGHTEN]
    if not lines:
        return None
    said = "; ".join(
        f"{w} at {ctx.label(s.stage)} to {s.advised_mode.value}" for w, s in lines[:4]
    ) + (f"; and {len(lines) - 4} more" if len(lines) > 4 else "")
    return Priority(
        code="lighten",
        message=f"Lighten the involvement planned deeper than advised: {said}.",
        stakeholders=tuple(dict.fromkeys(w for w, _ in lines)),
        inputs=tuple(f"plan[{s.stage}/{w}].mode" for w, s in lines),
        citations=ctx.index.cite("step.usefulness"),
    )


@_rule("capacity-unknown")
def _capacity_unknown(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """What the involvement has in time, budget or facilitation is not known."""
    cap = r.capacity
    supplies = [n for n in cap.unknown if n != "training"] if cap is not None else []
    if cap is None or not supplies or not ctx.project.plan:
        return None
    return Priority(
        code="capacity-unknown",
        message=f"Say what {_names(cap.unknown)} the involvement has (Table 2, row 9) before "
        "deciding how deeply to involve anyone.",
        stakeholders=(),
        inputs=cap.inputs,
        citations=ctx.index.cite("condition.capacity", "question.individuals.costs"),
    )


@_rule("go-ahead")
def _go_ahead(ctx: Context, r: Results, f: tuple[Finding, ...]) -> Priority | None:
    """Nothing stands in the way (or nobody is involved yet)."""
    if not ctx.project.plan:
        return Priority(
            code="go-ahead",
            message="Decide whom to involve, at which stages and for what (step 1, and key "
            "question 2).",
            stakeholders=(),
            inputs=("plan",),
            citations=ctx.index.cite("step.usefulness", "question.individuals.circumstances"),
        )
    evaluate = (
        ""
        if ctx.project.support.evaluation is True
        else ", and plan how to evaluate the coproduction itself"
    )
    return Priority(
        code="go-ahead",
        message=f"Go ahead as planned{evaluate}.",
        stakeholders=(),
        inputs=("plan", "support.evaluation"),
        citations=ctx.index.cite("step.usefulness", "question.organisations.evaluation"),
    )
