"""Findings: every other conclusion, with a stable code, inputs and citations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from coproduce.appraisal._base import (
    CAPACITY,
    P8_LOCATOR,
    SHORT,
    Prepared,
    ProjectView,
    cite,
)
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    AimAppraisal,
    Citation,
    Emphasis,
    ExposureCell,
    Finding,
    Level,
    Risk,
    Severity,
    Verdict,
)
from coproduce.model import (
    Involvement,
    Lean,
    Mode,
    Motivation,
    Sphere,
    Sufficiency,
)

__all__ = ["collect_findings"]

# --------------------------------------------------------------------------- findings


def collect_findings(
    view: ProjectView,
    prep: Prepared,
    policy: Policy,
    emph: Emphasis,
    aims: tuple[AimAppraisal, ...],
    risks: tuple[Risk, ...],
    exposure: tuple[ExposureCell, ...],
) -> tuple[Finding, ...]:
    p = view.project
    out: list[Finding] = []

    def add(code: str, level: Level, message: str, inputs: Iterable[str], *cites: str) -> None:
        out.append(
            Finding(
                code=code,
                level=level,
                message=message,
                inputs=tuple(inputs),
                sources=cite(prep, *cites),
            )
        )

    # aims and motivations (step 1 and 2)
    if not p.aims:
        add(
            "aims.none",
            Level.CONCERN,
            "No aims are stated, so no one can judge whether coproduction helps reach them "
            "(step 1) or whether something else would do as well (step 2).",
            ("aims",),
            "step.usefulness",
            "step.alternatives",
        )
    for aim in sorted(p.aims, key=lambda a: a.id):
        if not aim.motivations:
            add(
                "aims.no-motivation",
                Level.WARNING,
                f"Aim {aim.id!r} names no motivation (substantive, instrumental, normative or "
                "political), so the route to it cannot be judged.",
                (f"aims[{aim.id}].motivations",),
                "step.usefulness",
                *(f"motivation.{m.value}" for m in Motivation),
            )
    for a in aims:
        if not a.served_by and p.plan:
            add(
                "aims.unserved",
                Level.WARNING,
                f"No planned involvement serves aim {a.aim!r}.",
                (f"aims[{a.aim}]", "plan[*].aims"),
                "step.usefulness",
                "question.individuals.circumstances",
            )
    deciders = sorted(
        {i.stakeholder for i in p.plan if view.kinds[i.stakeholder].sphere is Sphere.DECISION}
    )
    political = any(Motivation.POLITICAL in a.motivations for a in p.aims)
    if deciders and not political:
        add(
            "aims.political-unstated",
            Level.WARNING,
            "Policy-makers, funders or managers take part (" + ", ".join(deciders) + ") but no "
            "aim is political. Political reasons are the least discussed and perhaps the most "
            "important: say what the engagement should change in how groups see the research.",
            ("aims[*].motivations", *(f"stakeholders[{s}].kind" for s in deciders)),
            "motivation.political",
        )
        out[-1] = attrs.evolve(
            out[-1],
            sources=(
                *out[-1].sources,
                Citation(entry="motivation.political", page=8, locator=P8_LOCATOR),
            ),
        )

    # emphasis
    if emph.gated_by:
        add(
            "emphasis.gated",
            Level.CONCERN,
            "Too little time, money or expertise to involve the key stakeholders where they "
            "should be: deep coproduction is a poor bet however the other conditions fall "
            f"(verdict capped at {emph.verdict.value}).",
            tuple(i for c in emph.contributions if c.condition in emph.gated_by for i in c.inputs),
            *emph.gated_by,
        )
    if emph.verdict is Verdict.UNDETERMINED:
        unknown = [c.condition for c in emph.contributions if c.lean is Lean.UNKNOWN]
        add(
            "emphasis.undetermined",
            Level.WARNING,
            f"Only {emph.confidence:.0%} of the Table 2 weight is known; settle the unknown "
            f"conditions ({len(unknown)}) before deciding how much to coproduce.",
            (f"conditions[{c}]" for c in unknown),
            *unknown,
        )
    for c in emph.contributions:
        if c.inferred:
            add(
                "context.capacity-inferred",
                Level.INFO,
                f"Capacity (Table 2, row {c.number}) is not stated; read as '{c.lean.value}' "
                "from the resources.",
                c.inputs,
                c.condition,
            )
    r = p.resources
    short = [
        n
        for n, v in (("time", r.time), ("budget", r.budget), ("facilitation", r.facilitation))
        if v in SHORT
    ]
    if p.lean(CAPACITY) is Lean.MORE and short:
        add(
            "context.capacity-contradiction",
            Level.WARNING,
            "Capacity is stated to favour coproduction, but the resources are short: "
            + ", ".join(short)
            + ".",
            (f"conditions[{CAPACITY}]", *(f"resources.{n}" for n in short)),
            CAPACITY,
        )

    # the plan
    if not p.plan:
        add(
            "plan.empty",
            Level.INFO,
            "The plan involves no stakeholder at any stage: there is no risk register.",
            ("plan",),
            "question.individuals.circumstances",
        )
    too_deep: dict[str, list[Involvement]] = defaultdict(list)
    for invs in view.by_stage.values():
        for inv in invs:
            if inv.mode > emph.advised_mode:
                too_deep[inv.stakeholder].append(inv)
    for sid in sorted(too_deep):
        deep_invs = too_deep[sid]
        where = ", ".join(f"{i.stage.removeprefix('stage.')} ({i.mode.value})" for i in deep_invs)
        add(
            "plan.deeper-than-advised",
            Level.WARNING,
            f"{sid!r} is involved more deeply than a {emph.verdict.value} emphasis supports "
            f"(at most {emph.advised_mode.value}): {where}.",
            tuple(f"plan[{i.stage}/{sid}].mode" for i in deep_invs),
            "step.usefulness",
            *sorted({f"mode.{i.mode.value}" for i in deep_invs}),
        )
    deep = sorted({i.stakeholder for i in p.plan if i.mode >= Mode.COLLABORATION})
    none = [
        n
        for n, v in (("time", r.time), ("budget", r.budget), ("facilitation", r.facilitation))
        if v is Sufficiency.NONE
    ]
    if deep and none:
        add(
            "plan.no-resources",
            Level.CONCERN,
            "Deep involvement is planned ("
            + ", ".join(deep)
            + ") with no "
            + ", no ".join(none)
            + " for it.",
            (*(f"resources.{n}" for n in none), *(f"plan[*/{s}].mode" for s in deep)),
            CAPACITY,
            "mitigation.budget",
        )
    if len(view.by_stage) == len(prep.stages) and short:
        add(
            "plan.every-stage-thin",
            Level.CONCERN,
            "Stakeholders are involved at every stage while resources are short ("
            + ", ".join(short)
            + "); involve them only where they are needed.",
            ("plan", *(f"resources.{n}" for n in short)),
            "alternative.selective-stages",
            CAPACITY,
        )
    involved = {i.stakeholder for i in p.plan}
    for s in sorted(p.stakeholders, key=lambda s: s.id):
        if s.id not in involved:
            add(
                "plan.stakeholder-uninvolved",
                Level.INFO,
                f"Stakeholder {s.id!r} is listed but not involved at any stage.",
                (f"stakeholders[{s.id}]",),
                "question.individuals.circumstances",
            )

    # who pays
    worst: dict[str, dict[str, Severity]] = defaultdict(dict)
    for stage_risk in risks:
        worst[stage_risk.code][stage_risk.stage] = stage_risk.residual
    least_able: dict[str, list[ExposureCell]] = defaultdict(list)
    for cell in exposure:
        if cell.least_able:
            least_able[cell.bearer].append(cell)
    floor = policy.concentration_severity.rank
    for bearer_id in sorted(least_able, key=prep.bearer_order.__getitem__):
        cells = least_able[bearer_id]
        serious = sorted(
            {
                code
                for cell in cells
                for code in cell.risks
                if max(s.rank for s in worst[code].values()) >= floor
            }
        )
        if serious:
            label = prep.bearers[bearer_id].label
            categories = ", ".join(c.category.removeprefix("category.") for c in cells)
            add(
                "exposure.concentration",
                Level.CONCERN,
                f"{label}, among those least able to bear them, carry costs ({categories}) of "
                f"{len(serious)} risk{'s' * (len(serious) != 1)} of residual severity "
                f"{policy.concentration_severity.value} or worse.",
                (f"exposure[{bearer_id}]", *(f"risks[{code}]" for code in serious)),
                bearer_id,
                "question.individuals.costs",
            )
    unpaid = sorted(
        s.id
        for s in p.stakeholders
        if s.reimbursed is False and s.kind.sphere is Sphere.LAY and s.id in involved
    )
    if unpaid:
        add(
            "exposure.unpaid-contributors",
            Level.WARNING,
            "Lay contributors give their time unpaid: " + ", ".join(unpaid) + ".",
            (f"stakeholders[{s}].reimbursed" for s in unpaid),
            "cost.stakeholder-time",
            "question.individuals.costs",
        )
    order = {Level.CONCERN: 0, Level.WARNING: 1, Level.INFO: 2}
    return tuple(sorted(out, key=lambda f: (order[f.level], f.code, f.inputs)))
