"""The appraisal rules. Pure functions: no I/O, no clock, no randomness, no mutation.

Every list in the project is read through a sorted view (by catalogue order or by id), so
the result does not depend on the order of any list in the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import (
    AimAppraisal,
    AlternativeAdvice,
    Answer,
    Appraisal,
    Citation,
    ConditionContribution,
    Emphasis,
    ExposureCell,
    Factor,
    Finding,
    Level,
    MitigationStatus,
    QuestionStatus,
    Risk,
    Route,
    Severity,
    Verdict,
)
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import PlanError
from coproduce.model import (
    AlternativeId,
    Audience,
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    ChallengeId,
    ConditionId,
    ConditionSetting,
    ContractType,
    Cost,
    CostId,
    DecisionProcess,
    Involvement,
    Lean,
    MitigationId,
    Mode,
    Motivation,
    Project,
    QuestionId,
    Sphere,
    StageId,
    StakeholderKind,
    Sufficiency,
)
from coproduce.model import Level as Scale

__all__ = ["appraise", "emphasis", "plan_problems", "validate_plan"]

CAPACITY = ConditionId("condition.capacity")
_DEFAULT_POLICY = Policy()
_SIGN = {Lean.LESS: -1, Lean.MORE: 1, Lean.UNKNOWN: 0}
_MOTIVATION_ORDER = {m: i for i, m in enumerate(Motivation)}
_SHORT = (Sufficiency.NONE, Sufficiency.LIMITED)
_LAY = frozenset({StakeholderKind.PATIENT, StakeholderKind.CARER, StakeholderKind.PUBLIC})
_P8 = "Conclusions, on what other means can achieve and on political reasons"


# --------------------------------------------------------------------------- catalogue lookups


@attrs.frozen
class _Challenge:
    id: ChallengeId
    label: str
    costs: tuple[CostId, ...]
    cost_bearers: tuple[tuple[BearerId, ...], ...]  # per cost, in catalogue bearer order
    cost_categories: tuple[tuple[CategoryId, ...], ...]  # per cost
    categories: tuple[CategoryId, ...]
    mitigations: tuple[tuple[MitigationId, str], ...]
    researchers_bear: bool
    citations: tuple[Citation, ...]


@attrs.frozen
class _Prepared:
    stage_order: Mapping[str, int]
    stages: tuple[StageId, ...]
    challenges: Mapping[str, tuple[_Challenge, ...]]
    bearers: Mapping[str, Bearer]
    category_order: Mapping[str, int]
    bearer_order: Mapping[str, int]
    citations: Mapping[str, Citation]
    condition_ids: frozenset[str]


def _prepare(cat: Catalogue) -> _Prepared:
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
    challenges: dict[str, tuple[_Challenge, ...]] = {}
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
            prepared.append(
                _Challenge(
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
                )
            )
        challenges[stage.id] = tuple(prepared)
    return _Prepared(
        stage_order={s: i for i, s in enumerate(stages)},
        stages=stages,
        challenges=challenges,
        bearers=bearers,
        category_order=category_order,
        bearer_order=bearer_order,
        citations=citations,
        condition_ids=frozenset(c.id for c in cat.conditions),
    )


def _cite(prep: _Prepared, *ids: str) -> tuple[Citation, ...]:
    return tuple(prep.citations[i] for i in ids if i in prep.citations)


# --------------------------------------------------------------------------- plan validation


def plan_problems(project: Project, catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """Every reference problem of a project as ``(path, code, message)``, in document order.

    Paths use list indexes (``plan[3].stakeholder``) so a person can find the line.
    """
    problems: list[tuple[str, str, str]] = []

    def unique(name: str, ids: Iterable[str], what: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(ids):
            if item in seen:
                problems.append(
                    (f"{name}[{i}].id", "duplicate-id", f"duplicate {what} id {item!r}")
                )
            seen.add(item)
        return seen

    stakeholders = unique("stakeholders", (s.id for s in project.stakeholders), "stakeholder")
    aims = unique("aims", (a.id for a in project.aims), "aim")
    unique("researchers", (r.id for r in project.researchers), "researcher")
    stage_ids = {s.id for s in catalogue.stages}
    pairs: set[tuple[str, str]] = set()
    for i, inv in enumerate(project.plan):
        if inv.stakeholder not in stakeholders:
            problems.append(
                (
                    f"plan[{i}].stakeholder",
                    "unknown-reference",
                    f"names {inv.stakeholder!r}, which is not among the project's stakeholders",
                )
            )
        if inv.stage not in stage_ids:
            problems.append(
                (
                    f"plan[{i}].stage",
                    "unknown-reference",
                    f"names {inv.stage!r}, which is not a stage of the catalogue "
                    f"(expected one of {', '.join(sorted(stage_ids))})",
                )
            )
        if (inv.stage, inv.stakeholder) in pairs:
            problems.append(
                (
                    f"plan[{i}]",
                    "duplicate-id",
                    f"stakeholder {inv.stakeholder!r} is planned at {inv.stage!r} twice",
                )
            )
        pairs.add((inv.stage, inv.stakeholder))
        problems.extend(
            (
                f"plan[{i}].aims[{k}]",
                "unknown-reference",
                f"names {aim!r}, which is not among the aims",
            )
            for k, aim in enumerate(inv.aims)
            if aim not in aims
        )
    condition_ids = {c.id for c in catalogue.conditions}
    set_conditions: set[str] = set()
    for i, c in enumerate(project.conditions):
        if c.condition not in condition_ids:
            problems.append(
                (
                    f"conditions[{i}].condition",
                    "unknown-reference",
                    f"{c.condition!r} is not a Table 2 condition of the catalogue",
                )
            )
        if c.condition in set_conditions:
            problems.append((f"conditions[{i}]", "duplicate-id", f"{c.condition!r} is set twice"))
        set_conditions.add(c.condition)
    return problems


def validate_plan(project: Project, catalogue: Catalogue | None = None) -> None:
    """Check that a project refers only to things it (or the catalogue) defines.

    Raises:
        PlanError: listing every problem, each prefixed with where it is.

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = plan_problems(project, cat)
    if problems:
        raise PlanError(f"{path}: {message}" for path, _, message in problems)


# --------------------------------------------------------------------------- step 1


def _effective_lean(
    project: Project, condition: str, policy: Policy
) -> tuple[Lean, bool, tuple[str, ...]]:
    stated = project.lean(condition)
    inputs: tuple[str, ...] = (f"conditions[{condition}]",)
    if stated is not Lean.UNKNOWN or condition != CAPACITY or not policy.infer_capacity:
        return stated, False, inputs
    r = project.resources
    supplies = (r.time, r.budget, r.facilitation)
    inputs += ("resources.time", "resources.budget", "resources.facilitation")
    if any(s in _SHORT for s in supplies):
        return Lean.LESS, True, inputs
    if all(s is Sufficiency.ADEQUATE for s in supplies):
        return Lean.MORE, True, inputs
    return Lean.UNKNOWN, False, inputs


def _grade(score: float, policy: Policy) -> Verdict:
    t = policy.thresholds
    if score <= t.clearly_less:
        return Verdict.CLEARLY_LESS
    if score <= t.less:
        return Verdict.LESS
    if score >= t.clearly_more:
        return Verdict.CLEARLY_MORE
    if score >= t.more:
        return Verdict.MORE
    return Verdict.BALANCED


def emphasis(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Emphasis:
    """Step 1 alone: the emphasis verdict, score, confidence and each condition's contribution.

    Cheaper than a full :func:`appraise`; :func:`sensitivity` uses it.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else _DEFAULT_POLICY
    conditions = sorted(cat.conditions, key=lambda c: c.number)
    total = sum(pol.weight(c.id) for c in conditions)
    contributions = []
    known = 0.0
    score = 0.0
    gated_by: list[ConditionId] = []
    for c in conditions:
        lean, inferred, inputs = _effective_lean(project, c.id, pol)
        w = pol.weight(c.id)
        share = w * _SIGN[lean] / total if total else 0.0
        score += share
        if lean is not Lean.UNKNOWN:
            known += w
        gate = c.id in pol.gates
        if gate and lean is Lean.LESS:
            gated_by.append(c.id)
        contributions.append(
            ConditionContribution(
                condition=c.id,
                number=c.number,
                label=c.label,
                lean=lean,
                inferred=inferred,
                weight=w,
                contribution=round(share, 9) + 0.0,
                gate=gate,
                inputs=inputs,
                source=Citation.of(c.id, c.source),
            )
        )
    score = round(score, 9) + 0.0
    confidence = round(known / total, 9) if total else 0.0
    ungated = (
        _grade(score, pol) if confidence >= pol.min_confidence and total else (Verdict.UNDETERMINED)
    )
    verdict = ungated
    if gated_by:
        ceiling = pol.gate_ceiling
        rank = ungated.rank
        if rank is None or rank > (ceiling.rank or 0):
            verdict = ceiling
    return Emphasis(
        verdict=verdict,
        score=score,
        confidence=confidence,
        ungated=ungated,
        gated_by=tuple(gated_by),
        advised_mode=pol.advised_mode[verdict],
        contributions=tuple(contributions),
    )


# --------------------------------------------------------------------------- project views


@attrs.frozen
class _View:
    """Order-independent views of a project."""

    project: Project
    by_stage: Mapping[str, tuple[Involvement, ...]]  # stage id -> involvements sorted by id
    stages_of: Mapping[str, tuple[str, ...]]  # stakeholder id -> stage ids in order
    kinds: Mapping[str, StakeholderKind]
    early: bool  # early-career researchers are exposed
    fixed_term: bool
    carriers_junior: tuple[str, ...]  # researchers carrying engagement who are junior/temporary


def _view(project: Project, prep: _Prepared) -> _View:
    by_stage: dict[str, list[Involvement]] = defaultdict(list)
    stages_of: dict[str, list[str]] = defaultdict(list)
    for inv in project.plan:
        by_stage[inv.stage].append(inv)
        stages_of[inv.stakeholder].append(inv.stage)
    researchers = sorted(project.researchers, key=lambda r: r.id)
    carriers = [r for r in researchers if r.carries_engagement] or researchers
    return _View(
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


def _relevant_bearer(bearer: Bearer, view: _View, kinds: frozenset[StakeholderKind]) -> bool:
    if bearer.group is BearerGroup.RESEARCHERS:
        if bearer.career_stage is CareerStage.EARLY and not view.early:
            return False
        if bearer.career_stage not in (None, CareerStage.EARLY):
            return False  # other career stages are not singled out by the paper
        return not (bearer.contract is ContractType.FIXED_TERM and not view.fixed_term)
    if bearer.group is BearerGroup.STAKEHOLDERS:
        return bearer.stakeholder_kind in kinds
    return True


# --------------------------------------------------------------------------- risks


def _supply(value: Sufficiency) -> bool | None:
    if value is Sufficiency.ADEQUATE:
        return True
    if value in _SHORT:
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
    )


def _factors(ch: _Challenge, facts: _StageFacts, view: _View, policy: Policy) -> list[Factor]:
    project = view.project
    pts = policy.factor_points
    scope = policy.factor_scope
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
        if ch.id not in scope.get(code, frozenset()) and code != "junior-carries-engagement":
            return
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
    if facts.familiar or facts.disparity:
        parts = []
        if facts.familiar:
            parts.append("familiar 'usual suspects' take part: " + ", ".join(facts.familiar))
        if facts.disparity:
            parts.append("stakeholders of very unequal power sit together")
        add(
            "dominance",
            "; ".join(parts),
            [
                *(f"stakeholders[{s}].familiar" for s in facts.familiar),
                *(f"stakeholders[{s}].power" for s in facts.disparity),
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
    if view.carriers_junior and ch.researchers_bear:
        add(
            "junior-carries-engagement",
            "early-career or fixed-term researchers carry the engagement: "
            + ", ".join(view.carriers_junior),
            (f"researchers[{i}]" for i in view.carriers_junior),
        )
    return factors


def _risks(
    view: _View, prep: _Prepared, policy: Policy
) -> tuple[tuple[Risk, ...], list[tuple[Risk, tuple[tuple[BearerId, ...], ...]]]]:
    risks: list[Risk] = []
    detail: list[tuple[Risk, tuple[tuple[BearerId, ...], ...]]] = []
    for stage, invs in view.by_stage.items():
        facts = _stage_facts(stage, invs, view.project)
        for ch in prep.challenges.get(stage, ()):
            factors = _factors(ch, facts, view, policy)
            points = sum(f.points for f in factors)
            statuses = []
            for mid, label in ch.mitigations:
                in_place, inputs = _mitigation_in_place(mid, view.project, bool(facts.familiar))
                statuses.append(
                    MitigationStatus(mitigation=mid, label=label, in_place=in_place, inputs=inputs)
                )
            done = sum(1 for m in statuses if m.in_place is True)
            per_cost = tuple(
                tuple(b for b in bs if _relevant_bearer(prep.bearers[b], view, facts.kinds))
                for bs in ch.cost_bearers
            )
            bearers = tuple(
                sorted({b for bs in per_cost for b in bs}, key=prep.bearer_order.__getitem__)
            )
            risk = Risk(
                code="risk." + ch.id.removeprefix("challenge."),
                stage=StageId(stage),
                challenge=ch.id,
                label=ch.label,
                stakeholders=facts.stakeholders,
                mode=facts.mode,
                costs=ch.costs,
                categories=ch.categories,
                bearers=bearers,
                factors=tuple(factors),
                points=points,
                severity=_severity(points, policy),
                residual=_severity(max(0, points - done), policy),
                mitigations=tuple(statuses),
                sources=ch.citations,
            )
            risks.append(risk)
            detail.append((risk, per_cost))
    return tuple(risks), detail


# --------------------------------------------------------------------------- cost exposure


def _exposure(
    detail: list[tuple[Risk, tuple[tuple[BearerId, ...], ...]]],
    view: _View,
    prep: _Prepared,
) -> tuple[ExposureCell, ...]:
    cells: dict[tuple[BearerId, CategoryId], tuple[set[CostId], set[str], list[int]]] = {}
    ch_by_id = {c.id: c for cs in prep.challenges.values() for c in cs}
    for risk, per_cost in detail:
        ch = ch_by_id[risk.challenge]
        for cost, bearers, categories in zip(ch.costs, per_cost, ch.cost_categories, strict=True):
            for b in bearers:
                for k in categories:
                    costs, risk_codes, weight = cells.setdefault((b, k), (set(), set(), [0]))
                    costs.add(cost)
                    if risk.code not in risk_codes:
                        risk_codes.add(risk.code)
                    weight[0] += risk.residual.rank
    project = view.project
    unpaid_kinds = {
        s.kind
        for s in project.stakeholders
        if s.reimbursed is False and s.kind.sphere is Sphere.LAY
    }
    no_budget = project.resources.budget in _SHORT
    cost_order = {
        c: i for cs in prep.challenges.values() for ch in cs for i, c in enumerate(ch.costs)
    }
    out = []
    for (b, k), (costs, risk_codes, weight) in sorted(
        cells.items(), key=lambda kv: (prep.bearer_order[kv[0][0]], prep.category_order[kv[0][1]])
    ):
        bearer = prep.bearers[b]
        least_able = bearer.least_able or (
            bearer.stakeholder_kind in unpaid_kinds
            or (
                bearer.group is BearerGroup.STAKEHOLDERS and k == "category.practical" and no_budget
            )
        )
        out.append(
            ExposureCell(
                bearer=b,
                category=k,
                costs=tuple(sorted(costs, key=lambda c: (cost_order.get(c, 0), c))),
                risks=tuple(sorted(risk_codes)),
                weight=weight[0],
                least_able=least_able,
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- step 2: aims


def _alternative_reason(
    alt: AlternativeId,
    involvements: tuple[Involvement, ...],
    view: _View,
    policy: Policy,
) -> str | None:
    kinds = view.kinds
    match alt:
        case "alternative.systematic-review":
            lay = sorted({i.stakeholder for i in involvements if kinds[i.stakeholder] in _LAY})
            if lay:
                return (
                    "the user perspective brought by " + ", ".join(lay) + " might come from a "
                    "systematic review of patients' or the public's experience"
                )
            return None
        case "alternative.consultation":
            deep = sorted({i.stakeholder for i in involvements if i.mode >= Mode.COLLABORATION})
            if deep:
                return "consulting " + ", ".join(deep) + " may serve as well as sharing control"
            return None
        case "alternative.selective-stages":
            many = sorted(
                {
                    i.stakeholder
                    for i in involvements
                    if len(view.stages_of[i.stakeholder]) >= policy.selective_stages
                }
            )
            if many:
                return (
                    ", ".join(many) + f" {'is' if len(many) == 1 else 'are'} involved at "
                    f"{policy.selective_stages} or more stages; involve only where needed"
                )
            return None
        case "alternative.knowledge-broker":
            deciders = sorted(
                {
                    i.stakeholder
                    for i in involvements
                    if kinds[i.stakeholder].sphere is Sphere.DECISION
                    and i.mode >= Mode.COLLABORATION
                }
            )
            if deciders:
                return (
                    "a knowledge broker or embedded researcher could link the research with "
                    + ", ".join(deciders)
                    + " without a full partnership"
                )
            return None
        case _:
            return "the catalogue lists it for aims of this kind"


def _aims(view: _View, cat: Catalogue, prep: _Prepared, policy: Policy) -> tuple[AimAppraisal, ...]:
    out = []
    project = view.project
    all_invs = tuple(i for invs in view.by_stage.values() for i in invs)
    for aim in sorted(project.aims, key=lambda a: a.id):
        motivations = tuple(sorted(set(aim.motivations), key=_MOTIVATION_ORDER.__getitem__))
        serving = tuple(i for i in all_invs if aim.id in i.aims)
        if not motivations:
            route = Route.UNCLEAR
        elif Motivation.POLITICAL in motivations:
            route = Route.LIKELY
        else:
            route = Route.UNLIKELY
        advice = []
        for alt in cat.alternatives:
            if not set(alt.serves) & set(motivations):
                continue
            reason = _alternative_reason(alt.id, serving or all_invs, view, policy)
            if reason is not None:
                advice.append(
                    AlternativeAdvice(
                        alternative=alt.id,
                        label=alt.label,
                        reason=reason,
                        source=Citation.of(alt.id, alt.source),
                    )
                )
        sources = _cite(prep, "step.alternatives", *(f"motivation.{m.value}" for m in motivations))
        if motivations:
            sources += (Citation(entry=f"motivation.{motivations[0].value}", page=8, locator=_P8),)
        out.append(
            AimAppraisal(
                aim=aim.id,
                description=aim.description,
                motivations=motivations,
                only_route=route,
                served_by=tuple(f"{i.stage}/{i.stakeholder}" for i in serving),
                alternatives=tuple(advice),
                sources=sources,
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- key questions


def _questions(view: _View, cat: Catalogue) -> tuple[QuestionStatus, ...]:
    p = view.project
    g, r, s = p.governance, p.resources, p.support

    def known(pairs: Iterable[tuple[str, bool]]) -> tuple[list[str], list[str]]:
        have: list[str] = []
        missing: list[str] = []
        for name, ok in pairs:
            (have if ok else missing).append(name)
        return have, missing

    stakeholders = sorted(p.stakeholders, key=lambda x: x.id)
    plan = [i for invs in view.by_stage.values() for i in invs]
    lay = [x for x in stakeholders if x.kind.sphere is Sphere.LAY]
    fields: dict[tuple[Audience, int], tuple[list[str], list[str]]] = {
        (Audience.INDIVIDUALS, 1): known(
            (f"stakeholders[{x.id}].brings", bool(x.brings)) for x in stakeholders
        )
        if stakeholders
        else ([], ["stakeholders"]),
        (Audience.INDIVIDUALS, 2): known(
            [
                ("aims", bool(p.aims)),
                ("plan", bool(plan)),
                *((f"plan[{i.stage}/{i.stakeholder}].aims", bool(i.aims)) for i in plan),
            ]
        ),
        (Audience.INDIVIDUALS, 3): known(
            [
                ("resources.time", r.time is not Sufficiency.UNKNOWN),
                ("resources.budget", r.budget is not Sufficiency.UNKNOWN),
                ("resources.facilitation", r.facilitation is not Sufficiency.UNKNOWN),
                *((f"stakeholders[{x.id}].reimbursed", x.reimbursed is not None) for x in lay),
            ]
        ),
        (Audience.INDIVIDUALS, 4): known(
            [
                ("governance.decisions", g.decisions is not DecisionProcess.UNSPECIFIED),
                ("governance.accountability", g.accountability is not None),
                ("governance.ground_rules", g.ground_rules is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 1): known(
            [
                ("support.infrastructure", s.infrastructure is not None),
                ("support.leadership", s.leadership is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 2): known(
            [
                ("support.training", s.training is not None),
                ("resources.training", r.training is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 3): known([("support.recognition", s.recognition is not None)]),
        (Audience.ORGANISATIONS, 4): known([("support.evaluation", s.evaluation is not None)]),
        (Audience.ORGANISATIONS, 5): known([("support.diversity", s.diversity is not None)]),
    }
    out = []
    for q in sorted(cat.questions, key=lambda q: (q.audience is Audience.ORGANISATIONS, q.number)):
        have, missing = fields.get((q.audience, q.number), ([], []))
        if have and not missing:
            answer = Answer.ANSWERED
        elif have:
            answer = Answer.PARTLY
        else:
            answer = Answer.OPEN
        out.append(
            QuestionStatus(
                question=QuestionId(q.id),
                audience=q.audience,
                number=q.number,
                label=q.label,
                answer=answer,
                answered_by=tuple(have),
                missing=tuple(missing),
                source=Citation.of(q.id, q.source),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- findings


def _findings(
    view: _View,
    prep: _Prepared,
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
                sources=_cite(prep, *cites),
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
            sources=(*out[-1].sources, Citation(entry="motivation.political", page=8, locator=_P8)),
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
        if v in _SHORT
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
            f"{sid!r} is involved more deeply than the {emph.advised_mode.value} the emphasis "
            f"({emph.verdict.value}) supports: {where}.",
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


# --------------------------------------------------------------------------- entry point


def appraise(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Appraisal:
    """Appraise a project: whether and how to coproduce, what it costs, and who pays.

    Pure and deterministic: no I/O, no clock, no randomness; the project is not changed;
    the result does not depend on the order of any list in the project.

    Args:
        project: the project to appraise.
        catalogue: the catalogue to reason from; ``None`` for the paper's.
        policy: weights, thresholds and gates; ``None`` for the documented defaults.

    Raises:
        PlanError: the project refers to a stakeholder, aim, stage or Table 2 condition it
            does not define, or lists one twice.

    Example:
        >>> from coproduce import (appraise, Project, Stakeholder, StakeholderKind,
        ...                        Involvement, Mode, ConditionSetting, Lean)
        >>> project = Project(
        ...     title="Evaluating a new hospital discharge policy",
        ...     stakeholders=(Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER),),
        ...     plan=(Involvement(stage="stage.recommendations", stakeholder="ministry",
        ...                       mode=Mode.PARTNERSHIP),),
        ...     conditions=(ConditionSetting(condition="condition.contested", lean=Lean.LESS),
        ...                 ConditionSetting(condition="condition.conflicts-of-interest",
        ...                                  lean=Lean.LESS),
        ...                 ConditionSetting(condition="condition.capacity", lean=Lean.LESS)),
        ... )
        >>> result = appraise(project)
        >>> result.emphasis.verdict
        <Verdict.LESS: 'less'>
        >>> [r.code for r in result.risks]
        ['risk.little-agreement', 'risk.pressed-to-frame']
        >>> sorted({f.code for f in result.findings})[:3]
        ['aims.none', 'aims.political-unstated', 'emphasis.gated']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    pol = policy if policy is not None else _DEFAULT_POLICY
    validate_plan(project, cat)
    prep = cat.memo("coproduce.appraisal", _prepare)
    view = _view(project, prep)
    emph = emphasis(project, catalogue=cat, policy=pol)
    aims = _aims(view, cat, prep, pol)
    risks, detail = _risks(view, prep, pol)
    exposure = _exposure(detail, view, prep)
    questions = _questions(view, cat)
    findings = _findings(view, prep, pol, emph, aims, risks, exposure)
    return Appraisal(
        title=project.title,
        catalogue_version=cat.version,
        emphasis=emph,
        aims=aims,
        risks=risks,
        exposure=exposure,
        questions=questions,
        findings=findings,
    )


def _with_lean(project: Project, condition: str, lean: Lean) -> Project:
    kept = tuple(c for c in project.conditions if c.condition != condition)
    return attrs.evolve(
        project,
        conditions=(*kept, ConditionSetting(condition=ConditionId(condition), lean=lean)),
    )
