"""The risk register (Table 1, p. 4) and the bearer × category cost exposure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from coproduce.appraisal._base import (
    SHORT,
    Prepared,
    PreparedChallenge,
    ProjectView,
    relevant_bearers,
)
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    ExposureCell,
    Factor,
    MitigationStatus,
    Risk,
    Severity,
)
from coproduce.model import (
    BearerGroup,
    BearerId,
    CategoryId,
    DecisionProcess,
    Involvement,
    MitigationId,
    Mode,
    Project,
    Sphere,
    StageId,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
)
from coproduce.model import Level as Scale

__all__ = ["cost_exposure", "risk_register"]

# --------------------------------------------------------------------------- risks


def _supply(value: Sufficiency) -> bool | None:
    if value is Sufficiency.ADEQUATE:
        return True
    if value in SHORT:
        return False
    return None


def _any_true(*values: bool | None) -> bool | None:
    if any(v is True for v in values):
        return True
    if any(v is False for v in values):
        return False
    return None


def _mitigation_in_place(
    mitigation: str, project: Project, familiar: bool
) -> tuple[bool | None, tuple[str, ...]]:
    g, r, s = project.governance, project.resources, project.support
    match mitigation:
        case "mitigation.ground-rules":
            return g.ground_rules, ("governance.ground_rules",)
        case "mitigation.decision-process":
            decided = None if g.decisions is DecisionProcess.UNSPECIFIED else True
            return decided, ("governance.decisions",)
        case "mitigation.data-agreement":
            return g.data_agreement, ("governance.data_agreement",)
        case "mitigation.publication-agreement":
            return g.publication_agreement, ("governance.publication_agreement",)
        case "mitigation.facilitation":
            return _supply(r.facilitation), ("resources.facilitation",)
        case "mitigation.training":
            return _any_true(r.training, s.training), ("resources.training", "support.training")
        case "mitigation.budget":
            return _supply(r.budget), ("resources.budget",)
        case "mitigation.time":
            return _supply(r.time), ("resources.time",)
        case "mitigation.broad-membership":
            return (False if familiar else s.diversity), (
                "stakeholders[*].familiar",
                "support.diversity",
            )
        case _:
            return None, ()


def _severity(points: int, policy: Policy) -> Severity:
    medium, high = policy.severity_cutoffs
    if points >= high:
        return Severity.HIGH
    if points >= medium:
        return Severity.MEDIUM
    return Severity.LOW


@attrs.frozen
class _StageFacts:
    stage: str
    involvements: tuple[Involvement, ...]
    stakeholders: tuple[str, ...]
    mode: Mode
    kinds: frozenset[StakeholderKind]
    powerful: tuple[str, ...]
    delivery: tuple[str, ...]
    familiar: tuple[str, ...]
    disparity: tuple[str, ...]
    outnumbering: tuple[str, ...]


def _outnumbering(involved: list[Stakeholder]) -> tuple[str, ...]:
    """Stakeholders of one kind making up two thirds or more of three or more, with others."""
    kinds = Counter(s.kind for s in involved)
    if len(involved) < 3 or len(kinds) < 2:
        return ()
    (kind, n), *_ = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0].value))
    return tuple(s.id for s in involved if s.kind is kind) if 3 * n >= 2 * len(involved) else ()


def _stage_facts(stage: str, invs: tuple[Involvement, ...], project: Project) -> _StageFacts:
    people = {s.id: s for s in project.stakeholders}
    ids = tuple(i.stakeholder for i in invs)
    involved = [people[i] for i in ids]
    high = tuple(s.id for s in involved if s.power is Scale.HIGH)
    low = tuple(s.id for s in involved if s.power is Scale.LOW)
    return _StageFacts(
        stage=stage,
        involvements=invs,
        stakeholders=ids,
        mode=max(i.mode for i in invs),
        kinds=frozenset(s.kind for s in involved),
        powerful=tuple(
            s.id for s in involved if s.power is Scale.HIGH and s.interest is Scale.HIGH
        ),
        delivery=tuple(s.id for s in involved if s.delivery_responsibility is True),
        familiar=tuple(s.id for s in involved if s.familiar),
        disparity=high + low if high and low else (),
        outnumbering=_outnumbering(involved),
    )


def _stage_factors(facts: _StageFacts, view: ProjectView, policy: Policy) -> list[Factor]:
    """Every factor that holds at a stage, in a fixed order; each challenge takes its share.

    Built once per stage (the facts are the stage's, not the challenge's), so a challenge's
    factors are the same records wherever the stage is cited.
    """
    project = view.project
    pts = policy.factor_points
    stage = facts.stage
    factors = [
        Factor(
            code="involvement-depth",
            points=(facts.mode.depth - 1) // 2,
            message=f"deepest involvement at this stage is {facts.mode.value}",
            inputs=tuple(f"plan[{stage}/{s}].mode" for s in facts.stakeholders),
        )
    ]

    def add(code: str, message: str, inputs: Iterable[str], *, half: bool = False) -> None:
        points = pts.get(code, 0)
        if half:
            points = max(1, points // 2) if points else 0
        factors.append(Factor(code=code, points=points, message=message, inputs=tuple(inputs)))

    if facts.powerful:
        add(
            "powerful-interested",
            "powerful stakeholders with a stake in the result take part: "
            + ", ".join(facts.powerful),
            (f"stakeholders[{s}].{f}" for s in facts.powerful for f in ("power", "interest")),
        )
    if facts.delivery:
        add(
            "delivery-responsibility",
            "stakeholders answer for delivering the policy studied: " + ", ".join(facts.delivery),
            (f"stakeholders[{s}].delivery_responsibility" for s in facts.delivery),
        )
    if project.identifiable_data is True:
        add("identifiable-data", "the data identify participants", ("identifiable_data",))
    pub = project.governance.publication_agreement
    if pub is not True:
        add(
            "no-publication-agreement",
            "no agreement on publishing findings"
            + (" is in place" if pub is False else " is recorded"),
            ("governance.publication_agreement",),
            half=pub is None,
        )
    data = project.governance.data_agreement
    if data is not True and project.identifiable_data is not False:
        add(
            "no-data-agreement",
            "no agreement on data access" + (" is in place" if data is False else " is recorded"),
            ("governance.data_agreement", "identifiable_data"),
            half=data is None,
        )
    if facts.familiar or facts.disparity or facts.outnumbering:
        parts = []
        if facts.familiar:
            parts.append("familiar 'usual suspects' take part: " + ", ".join(facts.familiar))
        if facts.disparity:
            parts.append("stakeholders of very unequal power sit together")
        if facts.outnumbering:
            parts.append("one group outnumbers the others: " + ", ".join(facts.outnumbering))
        add(
            "dominance",
            "; ".join(parts),
            [
                *(f"stakeholders[{s}].familiar" for s in facts.familiar),
                *(f"stakeholders[{s}].power" for s in facts.disparity),
                *(f"stakeholders[{s}].kind" for s in facts.outnumbering),
            ],
        )
    r = project.resources
    lacking = [
        n
        for n, v in (("time", r.time), ("budget", r.budget), ("facilitation", r.facilitation))
        if v is Sufficiency.NONE
    ]
    if lacking:
        add(
            "no-resources",
            "no " + ", no ".join(lacking) + " for engagement",
            (f"resources.{n}" for n in lacking),
        )
    if view.carriers_junior:
        add(
            "junior-carries-engagement",
            "early-career or fixed-term researchers carry the engagement: "
            + ", ".join(view.carriers_junior),
            (f"researchers[{i}]" for i in view.carriers_junior),
        )
    return factors


def _factors(ch: PreparedChallenge, stage_factors: list[Factor], policy: Policy) -> list[Factor]:
    """The stage's factors that apply to one challenge (depth always; others by scope)."""
    scope = policy.factor_scope
    out = [stage_factors[0]]
    for f in stage_factors[1:]:
        if f.code == "junior-carries-engagement":
            if ch.researchers_bear:
                out.append(f)
        elif ch.id in scope.get(f.code, ()):
            out.append(f)
    return out


_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}

Detail = list[tuple[Risk, PreparedChallenge, frozenset[str]]]
"""Per risk: its prepared challenge and the bearers relevant at its stage."""


def risk_register(
    view: ProjectView, prep: Prepared, policy: Policy
) -> tuple[tuple[Risk, ...], Detail]:
    """The risk register, and what :func:`cost_exposure` needs to place the costs."""
    risks: list[Risk] = []
    detail: Detail = []
    project = view.project
    for stage, invs in view.by_stage.items():
        facts = _stage_facts(stage, invs, project)
        relevant = relevant_bearers(prep, view, facts.kinds)
        familiar = bool(facts.familiar)
        stage_factors = _stage_factors(facts, view, policy)
        statuses_of: dict[str, MitigationStatus] = {}
        for ch in prep.challenges.get(stage, ()):
            factors = _factors(ch, stage_factors, policy)
            points = sum(f.points for f in factors)
            statuses = tuple(
                statuses_of.get(mid)
                or statuses_of.setdefault(mid, _mitigation_status(mid, label, project, familiar))
                for mid, label in ch.mitigations
            )
            done = sum(1 for m in statuses if m.in_place is True)
            risk = Risk(
                code="risk." + ch.id.removeprefix("challenge."),
                stage=StageId(stage),
                challenge=ch.id,
                label=ch.label,
                stakeholders=facts.stakeholders,
                mode=facts.mode,
                costs=ch.costs,
                categories=ch.categories,
                bearers=tuple(b for b in ch.bearers if b in relevant),
                factors=tuple(factors),
                points=points,
                severity=_severity(points, policy),
                residual=_severity(max(0, points - done), policy),
                mitigations=statuses,
                sources=ch.citations,
            )
            risks.append(risk)
            detail.append((risk, ch, relevant))
    return tuple(risks), detail


def _mitigation_status(mid: str, label: str, project: Project, familiar: bool) -> MitigationStatus:
    in_place, inputs = _mitigation_in_place(mid, project, familiar)
    return MitigationStatus(
        mitigation=MitigationId(mid), label=label, in_place=in_place, inputs=inputs
    )


# --------------------------------------------------------------------------- cost exposure


def cost_exposure(detail: Detail, view: ProjectView, prep: Prepared) -> tuple[ExposureCell, ...]:
    """The bearer × category matrix: each cell sums the residual rank of the risks reaching it."""
    cells: dict[tuple[str, str], list[Any]] = {}
    for risk, ch, relevant in detail:
        rank = _RANK[risk.residual]
        code = risk.code
        for b, per_category in ch.cells:
            if b not in relevant:
                continue
            for k, costs in per_category:
                cell = cells.get((b, k))
                if cell is None:
                    cells[(b, k)] = [set(costs), {code}, rank]
                else:
                    cell[0] |= costs
                    cell[1].add(code)
                    cell[2] += rank
    project = view.project
    unpaid_kinds = {
        s.kind
        for s in project.stakeholders
        if s.reimbursed is False and s.kind.sphere is Sphere.LAY
    }
    no_budget = project.resources.budget in SHORT
    out = []
    bearer_order, category_order, cost_order = (
        prep.bearer_order,
        prep.category_order,
        prep.cost_order,
    )
    for (bid, kid), (costs, codes, weight) in sorted(
        cells.items(), key=lambda kv: (bearer_order[kv[0][0]], category_order[kv[0][1]])
    ):
        bearer = prep.bearers[bid]
        least_able = bearer.least_able or (
            bearer.stakeholder_kind in unpaid_kinds
            or (
                bearer.group is BearerGroup.STAKEHOLDERS
                and kid == "category.practical"
                and no_budget
            )
        )
        out.append(
            ExposureCell(
                bearer=BearerId(bid),
                category=CategoryId(kid),
                costs=tuple(sorted(costs, key=cost_order.__getitem__)),
                risks=tuple(sorted(codes)),
                weight=weight,
                least_able=least_able,
            )
        )
    return tuple(out)
