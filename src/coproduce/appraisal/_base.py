"""Shared pieces of the engine: constants, catalogue lookups, order-independent project views."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import attrs

from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    Citation,
)
from coproduce.catalogue import Catalogue
from coproduce.model import (
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    ChallengeId,
    ConditionId,
    ContractType,
    Cost,
    CostId,
    Involvement,
    Lean,
    MitigationId,
    Motivation,
    Project,
    StageId,
    StakeholderKind,
    Sufficiency,
)

__all__ = [
    "CAPACITY",
    "DEFAULT_POLICY",
    "LAY_KINDS",
    "MOTIVATION_ORDER",
    "P8_LOCATOR",
    "SHORT",
    "SIGN",
    "Prepared",
    "PreparedChallenge",
    "ProjectView",
    "cite",
    "prepare",
    "project_view",
    "relevant_bearers",
]


CAPACITY = ConditionId("condition.capacity")
DEFAULT_POLICY = Policy()
SIGN = {Lean.LESS: -1, Lean.MORE: 1, Lean.UNKNOWN: 0}
MOTIVATION_ORDER = {m: i for i, m in enumerate(Motivation)}
SHORT = (Sufficiency.NONE, Sufficiency.LIMITED)
LAY_KINDS = frozenset({StakeholderKind.PATIENT, StakeholderKind.CARER, StakeholderKind.PUBLIC})
P8_LOCATOR = "Conclusions, on what other means can achieve and on political reasons"


# --------------------------------------------------------------------------- catalogue lookups


@attrs.frozen
class PreparedChallenge:
    id: ChallengeId
    label: str
    costs: tuple[CostId, ...]
    cost_bearers: tuple[tuple[BearerId, ...], ...]  # per cost, in catalogue bearer order
    cost_categories: tuple[tuple[CategoryId, ...], ...]  # per cost
    categories: tuple[CategoryId, ...]
    mitigations: tuple[tuple[MitigationId, str], ...]
    researchers_bear: bool
    citations: tuple[Citation, ...]
    bearers: tuple[BearerId, ...]  # every bearer its costs fall on, in catalogue order
    # per bearer: (category, the costs of that category falling on the bearer)
    cells: tuple[tuple[BearerId, tuple[tuple[CategoryId, frozenset[CostId]], ...]], ...]


@attrs.frozen
class Prepared:
    stage_order: Mapping[str, int]
    stages: tuple[StageId, ...]
    challenges: Mapping[str, tuple[PreparedChallenge, ...]]
    bearers: Mapping[str, Bearer]
    category_order: Mapping[str, int]
    bearer_order: Mapping[str, int]
    citations: Mapping[str, Citation]
    condition_ids: frozenset[str]
    cost_order: Mapping[str, int]
    always: frozenset[str]  # bearers relevant to every project
    early: frozenset[str]  # early-career researcher bearers
    fixed_term: frozenset[str]  # fixed-term researcher bearers (not also early-career)
    early_fixed: frozenset[str]  # bearers narrowed by both
    kind_bearers: Mapping[StakeholderKind, frozenset[str]]


def prepare(cat: Catalogue) -> Prepared:
    citations = {e.id: Citation.of(e.id, e.source) for e in cat.entries()}
    costs: dict[str, Cost] = {c.id: c for c in cat.costs}
    bearer_order: dict[str, int] = {b.id: i for i, b in enumerate(cat.bearers)}
    category_order: dict[str, int] = {c.id: i for i, c in enumerate(cat.cost_categories)}
    bearers: dict[str, Bearer] = {b.id: b for b in cat.bearers}
    mitigations: dict[str, list[tuple[MitigationId, str]]] = defaultdict(list)
    for m in cat.mitigations:
        for link in m.addresses:
            mitigations[link.target].append((m.id, m.label))
    stages = tuple(s.id for s in sorted(cat.stages, key=lambda s: s.order))
    challenges: dict[str, tuple[PreparedChallenge, ...]] = {}
    for stage in cat.stages:
        prepared = []
        for ch in cat.challenges_of(stage.id):
            ids = tuple(
                dict.fromkeys(
                    c for c in (*stage.cost_cells, *(k.target for k in ch.costs)) if c in costs
                )
            )
            cost_bearers = tuple(
                tuple(
                    sorted(
                        {k.target for k in costs[c].bearers if k.target in bearers},
                        key=bearer_order.__getitem__,
                    )
                )
                for c in ids
            )
            cost_categories = tuple(
                tuple(
                    sorted(
                        {k.target for k in costs[c].categories if k.target in category_order},
                        key=category_order.__getitem__,
                    )
                )
                for c in ids
            )
            categories = tuple(
                sorted({k for ks in cost_categories for k in ks}, key=category_order.__getitem__)
            )
            by_bearer: dict[str, dict[str, set[CostId]]] = {}
            for c, bs, ks in zip(ids, cost_bearers, cost_categories, strict=True):
                for b in bs:
                    for k in ks:
                        by_bearer.setdefault(b, {}).setdefault(k, set()).add(CostId(c))
            ordered = sorted(by_bearer, key=bearer_order.__getitem__)
            cells = tuple(
                (
                    BearerId(b),
                    tuple(
                        (CategoryId(k), frozenset(by_bearer[b][k]))
                        for k in sorted(by_bearer[b], key=category_order.__getitem__)
                    ),
                )
                for b in ordered
            )
            prepared.append(
                PreparedChallenge(
                    id=ch.id,
                    label=ch.label,
                    costs=tuple(CostId(c) for c in ids),
                    cost_bearers=tuple(tuple(BearerId(b) for b in bs) for bs in cost_bearers),
                    cost_categories=tuple(
                        tuple(CategoryId(k) for k in ks) for ks in cost_categories
                    ),
                    categories=tuple(CategoryId(k) for k in categories),
                    mitigations=tuple(mitigations.get(ch.id, ())),
                    researchers_bear=any(
                        bearers[b].group is BearerGroup.RESEARCHERS
                        for bs in cost_bearers
                        for b in bs
                    ),
                    citations=(citations[ch.id], citations[stage.id]),
                    bearers=tuple(BearerId(b) for b in ordered),
                    cells=cells,
                )
            )
        challenges[stage.id] = tuple(prepared)
    return Prepared(
        stage_order={s: i for i, s in enumerate(stages)},
        stages=stages,
        challenges=challenges,
        bearers=bearers,
        category_order=category_order,
        bearer_order=bearer_order,
        citations=citations,
        condition_ids=frozenset(c.id for c in cat.conditions),
        cost_order={c.id: i for i, c in enumerate(cat.costs)},
        always=frozenset(
            b.id
            for b in cat.bearers
            if b.group not in (BearerGroup.RESEARCHERS, BearerGroup.STAKEHOLDERS)
            or (
                b.group is BearerGroup.RESEARCHERS
                and b.career_stage is None
                and b.contract is not ContractType.FIXED_TERM
            )
        ),
        early=frozenset(
            b.id
            for b in cat.bearers
            if b.career_stage is CareerStage.EARLY and b.contract is not ContractType.FIXED_TERM
        ),
        fixed_term=frozenset(
            b.id
            for b in cat.bearers
            if b.contract is ContractType.FIXED_TERM and b.career_stage is None
        ),
        early_fixed=frozenset(
            b.id
            for b in cat.bearers
            if b.contract is ContractType.FIXED_TERM and b.career_stage is CareerStage.EARLY
        ),
        kind_bearers={
            kind: frozenset(b.id for b in cat.bearers if b.stakeholder_kind is kind)
            for kind in StakeholderKind
        },
    )


def cite(prep: Prepared, *ids: str) -> tuple[Citation, ...]:
    return tuple(prep.citations[i] for i in ids if i in prep.citations)


# --------------------------------------------------------------------------- project views


@attrs.frozen
class ProjectView:
    """Order-independent views of a project."""

    project: Project
    by_stage: Mapping[str, tuple[Involvement, ...]]  # stage id -> involvements sorted by id
    stages_of: Mapping[str, tuple[str, ...]]  # stakeholder id -> stage ids in order
    kinds: Mapping[str, StakeholderKind]
    early: bool  # early-career researchers are exposed
    fixed_term: bool
    carriers_junior: tuple[str, ...]  # researchers carrying engagement who are junior/temporary


def project_view(project: Project, prep: Prepared) -> ProjectView:
    by_stage: dict[str, list[Involvement]] = defaultdict(list)
    stages_of: dict[str, list[str]] = defaultdict(list)
    for inv in project.plan:
        by_stage[inv.stage].append(inv)
        stages_of[inv.stakeholder].append(inv.stage)
    researchers = sorted(project.researchers, key=lambda r: r.id)
    carriers = [r for r in researchers if r.carries_engagement] or researchers
    return ProjectView(
        project=project,
        by_stage={
            s: tuple(sorted(by_stage[s], key=lambda i: i.stakeholder))
            for s in prep.stages
            if s in by_stage
        },
        stages_of={
            k: tuple(sorted(set(v), key=prep.stage_order.__getitem__)) for k, v in stages_of.items()
        },
        kinds={s.id: s.kind for s in project.stakeholders},
        early=any(r.career_stage is CareerStage.EARLY for r in carriers),
        fixed_term=any(r.contract is ContractType.FIXED_TERM for r in carriers),
        carriers_junior=tuple(
            r.id
            for r in researchers
            if r.carries_engagement
            and (r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM)
        ),
    )


def relevant_bearers(
    prep: Prepared, view: ProjectView, kinds: frozenset[StakeholderKind]
) -> frozenset[str]:
    """The bearers a project has at a stage where these kinds of stakeholder are involved.

    Early-career and fixed-term researchers only if such researchers carry the engagement
    (or nobody is named as carrying it and the team has them); a stakeholder kind only if
    involved; research participants, the research itself and the profession always.
    """
    out = set(prep.always)
    if view.early:
        out |= prep.early
    if view.fixed_term:
        out |= prep.fixed_term
    if view.early and view.fixed_term:
        out |= prep.early_fixed
    for kind in kinds:
        out |= prep.kind_bearers.get(kind, frozenset())
    return frozenset(out)
