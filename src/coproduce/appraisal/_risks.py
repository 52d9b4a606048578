"""The risk register (Table 1, p. 4): each challenge scored for the relationships that drive it.

For every stage where the plan involves someone, every challenge of that stage is a risk. Its
severity is that of the worst relationship: one stakeholder's depth and own facts (power,
delivery responsibility, commercial interest, an embedded arrangement, dominance where they
sit) plus the project's facts (data, agreements, resources, who carries the engagement). The
stakeholders whose facts set that score are the risk's ``drivers``. A risk also arises from
what the plan leaves out: hit-and-run research (p. 6) where stakeholders expect help with
implementation that nobody provides.

Mitigations in place lower the points; power-driven points fall only with governance (ground
rules, a decision process), one point each, and never to nothing (pp. 5, 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coproduce.appraisal._context import Context, IndexedChallenge, StageFacts
from coproduce.appraisal._factors import expecting_help
from coproduce.appraisal._registry import FACTORS, MITIGATIONS, FactorRule
from coproduce.appraisal._results import Factor, MitigationStatus, Risk
from coproduce.appraisal._verdicts import Severity
from coproduce.model import Involvement, MitigationId, Mode

__all__ = ["points_of", "risk_register", "severity"]


def severity(points: int, cutoffs: tuple[int, int]) -> Severity:
    """Severity from points: medium at ``cutoffs[0]``, high at ``cutoffs[1]``."""
    medium, high = cutoffs
    if points >= high:
        return Severity.HIGH
    return Severity.MEDIUM if points >= medium else Severity.LOW


def points_of(rule: FactorRule, ctx: Context, *, unknown: bool = False) -> int:
    """The points a factor adds under the policy (half, at least one, when only likely)."""
    points = ctx.policy.factor_points.get(rule.code, rule.points)
    return max(1, points // 2) if unknown and points else points


def _applies(rule: FactorRule, ch: IndexedChallenge, ctx: Context) -> bool:
    if rule.researcher_costs:
        return ch.researchers_bear
    scope = ctx.policy.factor_scope.get(rule.code, rule.scope)
    return scope is None or ch.id in scope


_BY_KIND: dict[tuple[int, bool], tuple[FactorRule, ...]] = {}


def _rules(relation: bool) -> tuple[FactorRule, ...]:
    """The registered relationship or project factors, split once (again if more register)."""
    key = (len(FACTORS), relation)
    found = _BY_KIND.get(key)
    if found is None:
        found = _BY_KIND[key] = tuple(r for r in FACTORS.values() if r.relation is relation)
    return found


_KEPT = 32
"""How many policies' factor scopes a catalogue keeps (a sensitivity run may make many)."""


def _applicable(ctx: Context) -> Mapping[str, frozenset[str]]:
    """Per challenge id, the codes of the factors that apply to it under the policy.

    A pure function of the catalogue, the policy's scopes and points (covered by its digest)
    and the registered factors: worked out once per catalogue, digest and registry size.
    """
    kept: dict[tuple[str, int], dict[str, frozenset[str]]] = ctx.catalogue.memo(
        "coproduce.appraisal.applicable", lambda _: {}
    )
    key = (ctx.policy.digest, len(FACTORS))
    found = kept.get(key)
    if found is None:
        if len(kept) >= _KEPT:
            kept.clear()
        rules = tuple(FACTORS.values())
        found = kept[key] = {
            ch_id: frozenset(r.code for r in rules if _applies(r, ch, ctx))
            for ch_id, ch in ctx.index.challenge.items()
        }
    return found


def _detect(
    ctx: Context, stage: StageFacts, inv: Involvement | None, relation: bool
) -> list[tuple[FactorRule, Factor]]:
    found = []
    who = (inv.stakeholder,) if inv is not None and relation else ()
    for rule in _rules(relation):
        hit = rule.detect(ctx, stage, inv)
        if hit is None:
            continue
        points = points_of(rule, ctx, unknown=hit.unknown)
        found.append(
            (
                rule,
                Factor(
                    code=rule.code,
                    points=points,
                    message=hit.message,
                    inputs=hit.inputs,
                    power=rule.power,
                    stakeholders=who,
                ),
            )
        )
    return found


def _statuses(
    ctx: Context, stage: StageFacts, ch: IndexedChallenge, seen: dict[str, MitigationStatus]
) -> tuple[MitigationStatus, ...]:
    """The challenge's mitigations at this stage; ``seen`` keeps those evaluated at it."""
    out = []
    for mid, label in ch.mitigations:
        status = seen.get(mid)
        if status is None or status.label != label:
            check = MITIGATIONS.get(mid, ctx.policy.evaluators)
            in_place, inputs = check.evaluate(ctx, stage)
            status = seen[mid] = MitigationStatus(
                mitigation=MitigationId(mid),
                label=label,
                in_place=in_place,
                inputs=inputs,
                governance=check.governance,
            )
        out.append(status)
    return tuple(out)


def _residual(factors: Iterable[Factor], statuses: tuple[MitigationStatus, ...]) -> int:
    power = other = 0
    for f in factors:
        if f.power:
            power += f.points
        else:
            other += f.points
    governance = resources = 0
    for m in statuses:
        if m.in_place is True:
            if m.governance:
                governance += 1
            else:
                resources += 1
    floor = 1 if power else 0
    return max(floor, power - governance) + max(0, other - resources)


def _score(
    ok: frozenset[str],
    project_factors: list[tuple[FactorRule, Factor]],
    relations: dict[str, list[tuple[FactorRule, Factor]]],
) -> tuple[tuple[Factor, ...], tuple[str, ...]]:
    """The factors of the worst relationship (ties: every driver), plus the project's.

    ``ok`` holds the codes of the factors that apply to the challenge scored.
    """
    per: dict[str, list[Factor]] = {}
    best, worst = 0, []
    for sid, found in relations.items():
        fs = per[sid] = [f for _, f in found if f.code in ok]
        n = sum(f.points for f in fs)
        if n > best:
            best, worst = n, [sid]
        elif n == best and n:
            worst.append(sid)
    drivers = tuple(worst)
    chosen = per[drivers[0]] if len(drivers) == 1 else None
    if chosen is None or any(len(set(f.inputs)) < len(f.inputs) for f in chosen):
        chosen = _merge(f for sid in drivers for f in per[sid])  # one driver: its own factors
    return (*chosen, *(f for _, f in project_factors if f.code in ok)), drivers


_SHOWN = 3
"""How many drivers' messages a merged factor spells out before counting the rest."""


def _merge(factors: Iterable[Factor]) -> list[Factor]:
    """One factor per code across the tied drivers: their messages, inputs and ids joined."""
    groups: dict[str, tuple[Factor, dict[str, None], dict[str, None], dict[str, None]]] = {}
    # A stage's group facts (dominance) are one tuple every driver's factor shares: joined
    # once, by identity, so that n tied drivers cost n, not n times the stage's size.
    joined: set[int] = set()
    for f in factors:
        first, messages, inputs, who = groups.setdefault(f.code, (f, {}, {}, {}))
        messages[f.message] = None
        if id(f.inputs) not in joined:
            joined.add(id(f.inputs))
            inputs.update(dict.fromkeys(f.inputs))
        who.update(dict.fromkeys(f.stakeholders))
    out = []
    for first, messages, inputs, who in groups.values():
        said = list(messages)
        message = "; ".join(said[:_SHOWN])
        if len(said) > _SHOWN:
            message += f"; and {len(said) - _SHOWN} more like them"
        out.append(
            Factor(
                code=first.code,
                points=first.points,
                message=message,
                inputs=tuple(inputs),
                power=first.power,
                stakeholders=tuple(who),
            )
        )
    return out


class _At:
    """What every risk at one stage shares: the bearers there, mitigations evaluated there."""

    __slots__ = ("relevant", "seen", "stage")

    def __init__(self, stage: StageFacts, relevant: frozenset[str]) -> None:
        self.stage = stage
        self.relevant = relevant
        self.seen: dict[str, MitigationStatus] = {}


def _risk(
    ctx: Context,
    at: _At,
    ch: IndexedChallenge,
    factors: tuple[Factor, ...],
    drivers: tuple[str, ...],
    *,
    stakeholders: tuple[str, ...] | None = None,
    omission: bool = False,
) -> Risk:
    cutoffs = ctx.policy.severity_cutoffs
    stage = at.stage
    statuses = _statuses(ctx, stage, ch, at.seen)
    points = sum([f.points for f in factors])
    # The worst relationship counts once, so summing its factors is the relationship's score.
    return Risk(
        code="risk." + ch.id.removeprefix("challenge."),
        stage=stage.stage,
        challenge=ch.id,
        label=ch.label,
        stakeholders=stakeholders if stakeholders is not None else stage.stakeholders,
        drivers=drivers,
        mode=stage.mode,
        costs=ch.costs,
        categories=ch.categories,
        bearers=tuple([b for b in ch.bearers if b in at.relevant]),
        factors=factors,
        points=points,
        severity=severity(points, cutoffs),
        residual=severity(_residual(factors, statuses), cutoffs),
        mitigations=statuses,
        citations=ch.citations,
        omission=omission,
    )


def risk_register(ctx: Context) -> tuple[Risk, ...]:
    """Every challenge at every stage with involvement, then the risks of omission.

    The project's factors read the project, never the stage, so they are detected once.
    """
    risks: list[Risk] = []
    project_factors: list[tuple[FactorRule, Factor]] | None = None
    applicable = _applicable(ctx)
    for stage in ctx.stages.values():
        if project_factors is None:
            project_factors = _detect(ctx, stage, None, relation=False)
        relations = {
            inv.stakeholder: _detect(ctx, stage, inv, relation=True) for inv in stage.involvements
        }
        at = _At(stage, ctx.relevant_bearers(stage.kinds))
        for ch in ctx.index.challenges.get(stage.stage, ()):
            factors, drivers = _score(applicable[ch.id], project_factors, relations)
            risks.append(_risk(ctx, at, ch, factors, drivers))
    risks.extend(_omissions(ctx, project_factors))
    order = ctx.index.stage_order
    return tuple(sorted(risks, key=lambda r: (order[r.stage], r.omission)))


def _omissions(
    ctx: Context, project_factors: list[tuple[FactorRule, Factor]] | None
) -> Iterable[Risk]:
    """Hit-and-run: stakeholders expect implementation help the plan leaves out (p. 6)."""
    expecting = expecting_help(ctx)
    ch = ctx.index.challenge.get("challenge.implementation-disinterest")
    if not expecting or ch is None or ch.stage in ctx.stages:
        return  # where anyone is involved at that stage, the risk there carries the factor
    people = ctx.people
    stage = StageFacts(
        stage=ch.stage,
        involvements=(),
        stakeholders=expecting,
        mode=Mode.RECIPIENT,
        kinds=frozenset(people[s].kind for s in expecting),
        familiar=(),
        disparity=(),
        outnumbering=(),
    )
    if project_factors is None:
        project_factors = _detect(ctx, stage, None, relation=False)
    factors = tuple(f for rule, f in project_factors if _applies(rule, ch, ctx))
    if not any(f.code == "hit-and-run" for f in factors):
        return
    at = _At(stage, ctx.relevant_bearers(stage.kinds))
    yield _risk(ctx, at, ch, factors, expecting, stakeholders=expecting, omission=True)
