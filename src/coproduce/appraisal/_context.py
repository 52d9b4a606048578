"""One frozen context for every step of an appraisal, and the catalogue index it carries.

:class:`CatalogueIndex` is built once per catalogue (``Catalogue.memo``) by one walk of
stage → challenge → cost → category and bearer, through :meth:`Catalogue.challenge_costs`,
the walk the graph uses too. :class:`Context` holds the project, catalogue, policy, index and
order-independent views of the project; every step of :func:`appraise` takes it first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from operator import attrgetter
from typing import Any

import attrs

from coproduce._record import Record
from coproduce.appraisal._advice_records import Capacity
from coproduce.appraisal._basis import row2, table2_basis
from coproduce.appraisal._capacity import read_capacity
from coproduce.appraisal._costs import cost_summary, payment_facts
from coproduce.appraisal._emphasis import profile
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._profile import Emphasis
from coproduce.appraisal._results import CostSummary
from coproduce.catalogue import Catalogue, holds
from coproduce.model import (
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    ChallengeId,
    Citation,
    ContractType,
    CostId,
    Involvement,
    Level,
    MitigationId,
    Mode,
    Project,
    Researcher,
    Sphere,
    StageId,
    Stakeholder,
    StakeholderKind,
)

__all__ = [
    "CatalogueIndex",
    "Context",
    "IndexedChallenge",
    "StageFacts",
    "build_index",
    "make_context",
    "payment_reading",
    "row2",
    "table2_basis",
]


Cell = tuple[BearerId, CategoryId]
"""A cell of the exposure matrix: a bearer and a cost category."""


@attrs.frozen
class IndexedChallenge(Record):
    """A challenge with everything the engine needs about its costs, computed once.

    ``cells`` holds, per bearer (catalogue order), the categories (catalogue order) its costs
    put on that bearer and the costs behind each, where the category can fall on the bearer.
    """

    id: ChallengeId
    stage: StageId
    label: str
    costs: tuple[CostId, ...]
    categories: tuple[CategoryId, ...]
    bearers: tuple[BearerId, ...]
    cells: tuple[tuple[BearerId, tuple[tuple[CategoryId, frozenset[CostId]], ...]], ...]
    mitigations: tuple[tuple[MitigationId, str], ...]
    researchers_bear: bool
    citations: tuple[Citation, ...]


@attrs.frozen
class CatalogueIndex(Record):
    """Named lookups derived from a catalogue, built once by :func:`build_index`."""

    stages: tuple[StageId, ...]
    stage_order: Mapping[str, int]
    stage_labels: Mapping[str, str]
    challenges: Mapping[str, tuple[IndexedChallenge, ...]]
    challenge: Mapping[str, IndexedChallenge]
    bearers: Mapping[str, Bearer]
    bearer_order: Mapping[str, int]
    category_order: Mapping[str, int]
    cost_order: Mapping[str, int]
    citations: Mapping[str, Citation]
    see_also: Mapping[str, tuple[Citation, ...]]
    mode_costs: Mapping[Mode, tuple[tuple[CostId, tuple[str, ...]], ...]]
    """Per mode, the costs it incurs and the stages each holds at (empty: every stage)."""
    always: frozenset[str]
    early: frozenset[str]
    fixed_term: frozenset[str]
    early_fixed: frozenset[str]
    kind_bearers: Mapping[StakeholderKind, frozenset[str]]
    cell_keys: Mapping[str, Mapping[str, tuple[tuple[Cell, frozenset[CostId]], ...]]]
    """Per challenge, per bearer its costs fall on: each (bearer, category) cell and its costs."""
    sources: dict[tuple[str, ...], tuple[Citation, ...]] = attrs.field(
        factory=dict, eq=False, repr=False
    )
    """What :meth:`sources_of` has worked out, by ids: a pure function of them, kept."""

    def cite(self, *ids: str) -> tuple[Citation, ...]:
        """Citations of these entries, skipping ids the catalogue does not hold."""
        return tuple(self.citations[i] for i in ids if i in self.citations)

    def sources_of(self, ids: tuple[str, ...]) -> tuple[Citation, ...]:
        """The entries' citations, then their see-also citations, each once, in that order."""
        found = self.sources.get(ids)
        if found is None:
            sources = self.cite(*ids)
            for i in ids:
                sources += self.see_also.get(i, ())
            found = self.sources[ids] = tuple(dict.fromkeys(sources))
        return found


def _indexed(cat: Catalogue, ch_id: str, orders: dict[str, Mapping[str, int]]) -> IndexedChallenge:
    ch = cat.challenge(ch_id)
    bearer_order, category_order = orders["bearer"], orders["category"]
    costs = tuple(c for c, _ in cat.challenge_costs(ch_id))
    by_bearer: dict[str, dict[str, set[CostId]]] = {}
    categories: set[str] = set()
    for c in costs:
        cost = cat.cost(c)
        kinds = [cat.category(k.target) for k in cost.categories if k.target in category_order]
        categories.update(k.id for k in kinds)
        for link in cost.bearers:
            if link.target not in bearer_order:
                continue
            bearer = cat.bearer(link.target)
            for k in kinds:
                if holds(k, bearer):
                    by_bearer.setdefault(bearer.id, {}).setdefault(k.id, set()).add(c)
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
    return IndexedChallenge(
        id=ch.id,
        stage=ch.stage,
        label=ch.label,
        costs=costs,
        categories=tuple(CategoryId(k) for k in sorted(categories, key=category_order.__getitem__)),
        bearers=tuple(BearerId(b) for b in ordered),
        cells=cells,
        mitigations=(),
        researchers_bear=any(cat.bearer(b).group is BearerGroup.RESEARCHERS for b in ordered),
        citations=(
            Citation.of(ch.id, ch.source),
            Citation.of(ch.stage, cat.stage(ch.stage).source),
        ),
    )


def build_index(cat: Catalogue) -> CatalogueIndex:
    """Walk the catalogue once and keep what the engine looks up."""
    stages = tuple(s.id for s in sorted(cat.stages, key=lambda s: s.order))
    orders: dict[str, Mapping[str, int]] = {
        "bearer": {b.id: i for i, b in enumerate(cat.bearers)},
        "category": {c.id: i for i, c in enumerate(cat.cost_categories)},
    }
    per_stage = _challenges_by_stage(cat, stages, orders)
    mode_costs: dict[Mode, tuple[tuple[CostId, tuple[str, ...]], ...]] = {}
    for entry in cat.interaction_modes:
        if entry.mode is not None:
            mode_costs[entry.mode] = tuple(
                (CostId(k.target), k.stages) for k in entry.costs if k.target in cat
            )
    bearers: dict[str, Bearer] = {b.id: b for b in cat.bearers}
    return CatalogueIndex(
        stages=stages,
        stage_order={s: i for i, s in enumerate(stages)},
        stage_labels={s.id: s.label for s in cat.stages},
        challenges=per_stage,
        challenge={ch.id: ch for chs in per_stage.values() for ch in chs},
        bearers=bearers,
        bearer_order=orders["bearer"],
        category_order=orders["category"],
        cost_order={c.id: i for i, c in enumerate(cat.costs)},
        citations={
            **{e.id: Citation.of(e.id, e.source) for e in cat.entries()},
            **{g.id: Citation.of(g.id, g.source) for g in cat.practice.guidance},
        },
        see_also={m.id: tuple(Citation.of(m.id, s) for s in m.see_also) for m in cat.motivations},
        mode_costs=mode_costs,
        cell_keys={
            ch.id: {b: tuple(((b, k), costs) for k, costs in cell) for b, cell in ch.cells}
            for chs in per_stage.values()
            for ch in chs
        },
        **_researcher_bearers(cat),
    )


def _challenges_by_stage(
    cat: Catalogue, stages: tuple[StageId, ...], orders: dict[str, Mapping[str, int]]
) -> dict[str, tuple[IndexedChallenge, ...]]:
    """Every stage's challenges, each indexed with its costs, cells and mitigations."""
    mitigations: dict[str, list[tuple[MitigationId, str]]] = defaultdict(list)
    for m in cat.mitigations:
        for link in m.addresses:
            mitigations[link.target].append((m.id, m.label))
    return {
        stage: tuple(
            attrs.evolve(
                _indexed(cat, ch.id, orders), mitigations=tuple(mitigations.get(ch.id, ()))
            )
            for ch in cat.challenges_of(stage)
        )
        for stage in stages
    }


def _researcher_bearers(cat: Catalogue) -> dict[str, Any]:
    """Which bearers every project has, and which only some (by career, contract, kind)."""
    return {
        "always": frozenset(
            b.id
            for b in cat.bearers
            if b.group not in (BearerGroup.RESEARCHERS, BearerGroup.STAKEHOLDERS)
            or (
                b.group is BearerGroup.RESEARCHERS
                and b.career_stage is None
                and b.contract is not ContractType.FIXED_TERM
            )
        ),
        "early": frozenset(
            b.id
            for b in cat.bearers
            if b.career_stage is CareerStage.EARLY and b.contract is not ContractType.FIXED_TERM
        ),
        "fixed_term": frozenset(
            b.id
            for b in cat.bearers
            if b.contract is ContractType.FIXED_TERM and b.career_stage is None
        ),
        "early_fixed": frozenset(
            b.id
            for b in cat.bearers
            if b.contract is ContractType.FIXED_TERM and b.career_stage is CareerStage.EARLY
        ),
        "kind_bearers": {
            kind: frozenset(b.id for b in cat.bearers if b.stakeholder_kind is kind)
            for kind in StakeholderKind
        },
    }


# --------------------------------------------------------------------------- project views


@attrs.frozen
class StageFacts(Record):
    """Who is involved at one stage, and the group facts that drive dominance (pp. 4-5)."""

    stage: StageId
    involvements: tuple[Involvement, ...]  # sorted by stakeholder id
    stakeholders: tuple[str, ...]
    mode: Mode
    kinds: frozenset[StakeholderKind]
    familiar: tuple[str, ...]
    disparity: tuple[str, ...]
    outnumbering: tuple[str, ...]
    dominance: tuple[str, tuple[str, ...]] | None = None
    """What the dominance factor says and reads at this stage (``None``: no dominance)."""


def _dominance(
    familiar: tuple[str, ...], disparity: tuple[str, ...], outnumbering: tuple[str, ...]
) -> tuple[str, tuple[str, ...]] | None:
    """Usual suspects, very unequal power, one group outnumbering the rest: said once a stage."""
    parts: list[str] = []
    inputs: list[str] = []
    if familiar:
        parts.append("familiar 'usual suspects' take part: " + _some(familiar))
        inputs += [f"stakeholders[{s}].familiar" for s in familiar]
    if disparity:
        parts.append("stakeholders of very unequal power sit together")
        inputs += [f"stakeholders[{s}].power" for s in disparity]
    if outnumbering:
        parts.append("one group outnumbers the others: " + _some(outnumbering))
        inputs += [f"stakeholders[{s}].kind" for s in outnumbering]
    return ("; ".join(parts), tuple(inputs)) if parts else None


NAMED = 10
"""How many stakeholders a factor's message names before counting the rest (its inputs list
them all)."""


def _some(ids: tuple[str, ...]) -> str:
    """``ids`` joined, the first :data:`NAMED` of them and a count of the rest."""
    if len(ids) <= NAMED:
        return ", ".join(ids)
    return ", ".join(ids[:NAMED]) + f" and {len(ids) - NAMED:,} more"


def _outnumbering(involved: list[Stakeholder]) -> tuple[str, ...]:
    """Stakeholders of one kind making up two thirds or more of three or more, with others."""
    if len(involved) < 3:
        return ()
    kinds = Counter(s.kind for s in involved)
    if len(kinds) < 2:
        return ()
    (kind, n), *_ = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0].value))
    return tuple(s.id for s in involved if s.kind is kind) if 3 * n >= 2 * len(involved) else ()


def _stage_facts(
    stage: str, invs: tuple[Involvement, ...], people: Mapping[str, Stakeholder]
) -> StageFacts:
    involved = [people[i.stakeholder] for i in invs]
    high: list[str] = []
    low: list[str] = []
    known: list[str] = []
    for s in involved:
        if s.power is Level.HIGH:
            high.append(s.id)
        elif s.power is Level.LOW:
            low.append(s.id)
        if s.familiar:
            known.append(s.id)
    familiar = tuple(known)
    disparity = (*high, *low) if high and low else ()
    outnumbering = _outnumbering(involved)
    return StageFacts(
        stage=StageId(stage),
        involvements=invs,
        stakeholders=tuple([i.stakeholder for i in invs]),
        mode=max([i.mode for i in invs]),
        kinds=frozenset([s.kind for s in involved]),
        familiar=familiar,
        disparity=disparity,
        outnumbering=outnumbering,
        dominance=_dominance(familiar, disparity, outnumbering),
    )


@attrs.frozen
class Context(Record):
    """Everything a step of the appraisal reads: one frozen record, passed first.

    Attributes:
        people: stakeholders by id.
        stages: per stage in lifecycle order where anyone is involved, its facts.
        plan_of: per stakeholder id, their involvements in lifecycle order.
        carriers: the researchers who carry the engagement (everyone, if nobody is named).
        carriers_junior: of those named as carrying it, the early-career or fixed-term ones.
        profiles: the Table 2 profiles the appraisal reads, by row 2's delivery responsibility
            (``None``: as the project states it), each computed once.

    """

    project: Project
    catalogue: Catalogue
    policy: Policy
    index: CatalogueIndex
    people: Mapping[str, Stakeholder]
    stages: Mapping[str, StageFacts]
    plan_of: Mapping[str, tuple[Involvement, ...]]
    carriers: tuple[Researcher, ...]
    carriers_junior: tuple[str, ...]
    profiles: Mapping[bool | None, Emphasis] = attrs.field(factory=dict)
    costed: frozenset[str] = frozenset()
    """Stakeholders the costing costs, when it is valid: for them, it says who is paid."""
    fees: frozenset[str] = frozenset()
    """Of those, the ones it pays a fee (paid or in vouchers) for some time, at some stage."""
    offered: frozenset[str] = frozenset()
    """Of those, the ones it offers a fee for some time, taken or declined."""
    costing_problems: tuple[tuple[str, str, str], ...] = ()
    """The costing's problems (:func:`coproduce.costing.costing_problems`), found once."""
    costs: CostSummary | None = None
    """What the costing says in money and hours, when the project has one."""
    capacity: Capacity | None = None
    """Table 2 row 9 read once: what every relationship's ceiling and the profile read."""

    def unpaid(self, s: Stakeholder) -> bool:
        """Whether ``s`` gives their time unpaid, by the costing where it costs them.

        A valid costing is the plan: for the stakeholders it costs, it says whether they are
        paid, over ``reimbursed`` (see docs/engine.md, "Payment"); for the others, and when
        there is no valid costing, ``reimbursed`` says it.
        """
        if s.id in self.costed:
            return s.id not in self.fees
        return s.reimbursed is False

    def payment_offered(self, s: Stakeholder) -> bool | None:
        """Whether ``s`` is offered payment, by the costing where it costs them."""
        if s.id in self.costed:
            return s.id in self.offered
        return s.reimbursed

    def payment_inputs(self, sid: str) -> tuple[str, ...]:
        """The fields read on whether ``sid`` is paid: the costing's, or the stakeholder's."""
        if sid in self.costed:
            return (f"costing.involvements[*/{sid}].payment",)
        return (f"stakeholders[{sid}].reimbursed",)

    def paid_by_costing(self, s: Stakeholder) -> bool:
        """Whether the costing pays ``s`` a fee although ``reimbursed`` says not (until now)."""
        return s.reimbursed is False and s.id in self.fees

    def unpaid_by_costing(self, s: Stakeholder) -> bool:
        """Whether the costing offers ``s`` no fee although ``reimbursed`` says they are paid."""
        return s.reimbursed is True and s.id in self.costed and s.id not in self.offered

    def profile(self, delivery: bool | None = None) -> Emphasis:
        """The Table 2 profile with row 2 read from ``delivery`` (``None``: as stated)."""
        found = self.profiles.get(delivery)
        if found is None:
            return profile(
                self.project,
                self.catalogue,
                self.policy,
                delivery=delivery,
                capacity=self.capacity,
            )
        return found

    def ended(self, stage: str) -> tuple[str, tuple[str, ...]] | None:
        """Whether ``stage`` is planned after the funding, or the contracts, run out.

        After ``funded_until``, or after the ``contract_until`` of every researcher named as
        carrying the engagement (when each names one): what has ended, and the fields read.
        """
        order = self.index.stage_order
        at = order.get(stage)
        if at is None:
            return None
        p = self.project
        until = p.funded_until
        if until is not None and until in order and order[until] < at:
            return (
                f"the funding ends (it covers up to {self.label(until)})",
                ("funded_until",),
            )
        carriers = [r for r in p.researchers if r.carries_engagement]
        ends = [r.contract_until for r in carriers]
        if carriers and all(e is not None and e in order and order[e] < at for e in ends):
            last = max((e for e in ends if e is not None), key=order.__getitem__)
            return (
                "the contracts of those who carry the engagement end (they cover up to "
                f"{self.label(last)})",
                tuple(f"researchers[{r.id}].contract_until" for r in carriers),
            )
        return None

    def label(self, stage: str) -> str:
        """A stage's label in lower case, as a sentence uses it ("collecting data")."""
        return self.index.stage_labels.get(stage, stage).lower()

    def sphere(self, stakeholder: str) -> Sphere:
        """The sphere of a stakeholder of the project."""
        return self.people[stakeholder].kind.sphere

    @property
    def involved(self) -> tuple[str, ...]:
        """The ids of the stakeholders the plan involves, sorted."""
        return tuple(sorted(self.plan_of))

    def relevant_bearers(self, kinds: frozenset[StakeholderKind]) -> frozenset[str]:
        """The bearers this project has where these kinds of stakeholder are involved.

        Early-career and fixed-term researchers only if such researchers carry the engagement
        (or nobody is named as carrying it and the team has them); a stakeholder kind only if
        involved; research participants, the research itself and the profession always.
        """
        idx = self.index
        early = any(r.career_stage is CareerStage.EARLY for r in self.carriers)
        fixed = any(r.contract is ContractType.FIXED_TERM for r in self.carriers)
        out = set(idx.always)
        if early:
            out |= idx.early
        if fixed:
            out |= idx.fixed_term
        if early and fixed:
            out |= idx.early_fixed
        for kind in kinds:
            out |= idx.kind_bearers.get(kind, frozenset())
        return frozenset(out)


def _profiles(
    project: Project,
    catalogue: Catalogue,
    policy: Policy,
    deliveries: set[bool | None],
    capacity: Capacity,
) -> dict[bool | None, Emphasis]:
    """The profiles by row 2 as read per stakeholder (``None``: as the project states it).

    Row 9 is read from ``capacity``, the same reading every relationship's ceiling uses.
    """
    out: dict[bool | None, Emphasis] = {
        None: profile(project, catalogue, policy, capacity=capacity)
    }
    for d in (False, True):
        if d in deliveries:
            out[d] = profile(project, catalogue, policy, delivery=d, capacity=capacity)
    return out


_BY_STAKEHOLDER = attrgetter("stakeholder")


def make_context(project: Project, catalogue: Catalogue, policy: Policy) -> Context:
    """Build the context: the catalogue index (memoised) and sorted views of the project."""
    index = catalogue.memo("coproduce.appraisal.index", build_index)
    people = {s.id: s for s in project.stakeholders}
    by_stage: dict[str, list[Involvement]] = defaultdict(list)
    plan_of: dict[str, list[Involvement]] = defaultdict(list)
    for inv in project.plan:
        by_stage[inv.stage].append(inv)
        plan_of[inv.stakeholder].append(inv)
    order = index.stage_order
    stages: dict[str, StageFacts] = {
        s: _stage_facts(s, tuple(sorted(by_stage[s], key=_BY_STAKEHOLDER)), people)
        for s in index.stages
        if s in by_stage
    }
    researchers = sorted(project.researchers, key=lambda r: r.id)
    named = [r for r in researchers if r.carries_engagement]
    deliveries = {None} | {row2(people[s]) for s in plan_of if table2_basis(people[s])}
    paid = payment_facts(project, catalogue, policy)
    costs = cost_summary(project, catalogue, policy, paid.problems)
    capacity = read_capacity(project, policy, costs, pays_nobody=paid.pays_nobody(people))
    return Context(
        project=project,
        catalogue=catalogue,
        policy=policy,
        index=index,
        people=people,
        stages=stages,
        plan_of={
            k: tuple(sorted(v, key=lambda i: order[i.stage])) for k, v in sorted(plan_of.items())
        },
        carriers=tuple(named or researchers),
        carriers_junior=tuple(
            r.id
            for r in named
            if r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM
        ),
        profiles=_profiles(project, catalogue, policy, deliveries, capacity),
        costed=paid.costed,
        fees=paid.fees,
        offered=paid.offered,
        costing_problems=paid.problems,
        costs=costs,
        capacity=capacity,
    )


def payment_reading(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> dict[str, bool | None]:
    """Whether each stakeholder is paid for their time, as the appraisal reads it.

    The same reading the advice uses (docs/engine.md, "Payment"): a valid costing is the
    plan for the stakeholders it costs (a fee for some time is payment; a costed line
    without one is not), and ``reimbursed`` says it for the others (``None``: not known).
    Forms and reports call this so that they agree with the advice.

    Example:
        >>> from coproduce.io import load_example
        >>> paid = payment_reading(load_example("contested-policy"))
        >>> paid["campaign"], paid["public-panel"]  # the costing pays the campaign's fees
        (True, True)

    """
    from coproduce.appraisal._engine import DEFAULT_POLICY
    from coproduce.catalogue import default as default_catalogue

    cat = catalogue if catalogue is not None else default_catalogue()
    ctx = make_context(project, cat, policy if policy is not None else DEFAULT_POLICY)
    return {
        s.id: (not ctx.unpaid(s)) if s.id in ctx.costed else s.reimbursed
        for s in project.stakeholders
    }
