"""Planned against actual, and the re-appraisal of the project as it now stands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from coproduce.appraisal import Appraisal, Policy, appraise
from coproduce.appraisal import compare as compare_appraisals
from coproduce.catalogue import Catalogue
from coproduce.costing import Costing, cost
from coproduce.model import (
    Activity,
    CareerStage,
    ContractType,
    ImpactArea,
    Involvement,
    InvolvementLog,
    Mode,
    Participation,
    PaymentMethod,
    PlanChangeKind,
    Project,
    RateCard,
    StakeholderKind,
)
from coproduce.tracking._results import (
    AimImpact,
    Carrier,
    ImpactRow,
    InvolvementRow,
    MitigationRow,
    PlanChangeRow,
    Reappraisal,
    RiskRecordRow,
    RiskRow,
    Tracking,
)

__all__ = ["as_it_stands", "reappraise", "track"]

_ZERO = Decimal(0)
_UNPAID = (PaymentMethod.NONE, PaymentMethod.DECLINED)
_JUNIOR = "early-career or fixed-term"
_LAY = frozenset(
    {
        StakeholderKind.PATIENT,
        StakeholderKind.CARER,
        StakeholderKind.PUBLIC,
        StakeholderKind.COMMUNITY_ORGANISATION,
    }
)

Cell = tuple[str, str]


def _activities(log: InvolvementLog) -> Iterator[Activity]:
    for e in log.entries:
        yield from e.activities


def _deeper(a: Mode | None, b: Mode) -> Mode:
    return b if a is None or b > a else a


class _Held:
    """Involvement held per stage × stakeholder, added up over a log's activities."""

    def __init__(self, log: InvolvementLog) -> None:
        self.mode: dict[Cell, Mode] = {}
        self.count: Counter[Cell] = Counter()
        self.people: Counter[Cell] = Counter()
        self.hours: dict[Cell, Decimal] = {}
        self.paid: dict[Cell, Decimal] = {}
        for a in _activities(log):
            for p in a.participants:
                self._add((a.stage, p.stakeholder), a.mode, p)

    def _add(self, cell: Cell, mode: Mode, p: Participation) -> None:
        self.mode[cell] = _deeper(self.mode.get(cell), mode)
        self.count[cell] += 1
        self.people[cell] += p.people
        self.hours[cell] = self.hours.get(cell, _ZERO) + p.hours
        self.paid[cell] = self.paid.get(cell, _ZERO) + p.paid


def _planned(project: Project) -> dict[Cell, Mode]:
    out: dict[Cell, Mode] = {}
    for line in project.plan:
        cell = (line.stage, line.stakeholder)
        out[cell] = _deeper(out.get(cell), line.mode)
    return out


def _cells(costing: Costing | None) -> dict[Cell, tuple[Decimal, Decimal]]:
    if costing is None:
        return {}
    return {(str(c.stage), c.party): (c.money, c.hours) for c in costing.by_cell}


def _rows(
    project: Project, log: InvolvementLog, costing: Costing | None
) -> tuple[InvolvementRow, ...]:
    planned, held, money = _planned(project), _Held(log), _cells(costing)
    now, last = _standing(project, log)
    rows = []
    for cell in sorted({*planned, *held.mode, *now, *last}):
        cost_cell = money.get(cell)  # None: a line the costing does not cover ("not costed")
        line = now.get(cell)
        rows.append(
            InvolvementRow(
                stage=cell[0],
                stakeholder=cell[1],
                planned=planned.get(cell),
                held=held.mode.get(cell),
                activities=held.count[cell],
                people=held.people[cell],
                hours=held.hours.get(cell, _ZERO),
                paid=held.paid.get(cell, _ZERO),
                planned_money=None if cost_cell is None else cost_cell[0],
                planned_hours=None if cost_cell is None else cost_cell[1],
                change=last.get(cell),
                now=None if line is None else line.mode,
            )
        )
    return tuple(rows)


def _records(
    log: InvolvementLog,
) -> tuple[
    tuple[PlanChangeRow, ...],
    tuple[ImpactRow, ...],
    tuple[MitigationRow, ...],
    tuple[RiskRecordRow, ...],
]:
    """What the log records beside activities and money, each with its entry's date.

    Changes keep the log's order (it is the order they apply in); the rest are sorted, so
    the result does not depend on the order of an entry's lists.
    """
    areas = {a: i for i, a in enumerate(ImpactArea)}
    changes = tuple(
        PlanChangeRow(
            date=e.date,
            change=c.change,
            stage=c.stage,
            stakeholder=c.stakeholder,
            mode=c.mode,
            reason=c.reason,
        )
        for e in log.entries
        for c in e.changes
    )
    impacts = [
        ImpactRow(
            date=e.date,
            area=i.area,
            description=i.description,
            aims=i.aims,
            stakeholders=i.stakeholders,
        )
        for e in log.entries
        for i in e.impacts
    ]
    mitigations = [
        MitigationRow(date=e.date, mitigation=m.mitigation, risk=m.risk, note=m.note)
        for e in log.entries
        for m in e.mitigations
    ]
    risks = [
        RiskRecordRow(date=e.date, code=r.code, note=r.note, stakeholders=r.stakeholders)
        for e in log.entries
        for r in e.risks
    ]
    return (
        changes,
        tuple(sorted(impacts, key=lambda i: (i.date, areas[i.area], i.description, i.aims))),
        tuple(sorted(mitigations, key=lambda m: (m.date, m.mitigation, m.risk or "", m.note))),
        tuple(sorted(risks, key=lambda r: (r.date, r.code, r.note, r.stakeholders))),
    )


def _junior(project: Project) -> frozenset[str]:
    return frozenset(
        r.id
        for r in project.researchers
        if r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM
    )


def _lay(project: Project) -> frozenset[str]:
    return frozenset(s.id for s in project.stakeholders if s.kind in _LAY)


def _contributor(p: Participation, lay: frozenset[str]) -> str:
    if p.stakeholder not in lay:
        return "professional stakeholder"
    return "unpaid contributor" if p.payment in _UNPAID else "paid contributor"


def _carriers(project: Project, log: InvolvementLog) -> tuple[Carrier, ...]:
    junior, lay = _junior(project), _lay(project)
    hours: dict[tuple[str, str], Decimal] = {}

    def add(who: str, kind: str, h: Decimal) -> None:
        hours[(who, kind)] = hours.get((who, kind), _ZERO) + h

    for a in _activities(log):
        for t in a.team:
            add(t.researcher, _JUNIOR if t.researcher in junior else "researcher", t.hours)
        for p in a.participants:
            add(p.stakeholder, _contributor(p, lay), p.hours)
    ordered = sorted(hours.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Carrier(who=who, kind=kind, hours=h) for (who, kind), h in ordered)


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, _ZERO)


def _foreseen(appraisal: Appraisal) -> frozenset[str]:
    return frozenset((*(r.code for r in appraisal.risks), *(r.code for r in appraisal.practice)))


def _risks(log: InvolvementLog, appraisal: Appraisal) -> tuple[RiskRow, ...]:
    times = Counter(r.code for e in log.entries for r in e.risks)
    foreseen = _foreseen(appraisal)
    return tuple(
        RiskRow(code=code, foreseen=code in foreseen, times=times[code])
        for code in sorted({*times, *foreseen})
    )


def _aims(project: Project, log: InvolvementLog) -> tuple[AimImpact, ...]:
    impacts = [i for e in log.entries for i in e.impacts]
    out = []
    for aim in sorted(project.aims, key=lambda a: a.id):
        served = [i for i in impacts if aim.id in i.aims]
        areas = tuple(a for a in ImpactArea if any(i.area is a for i in served))
        out.append(
            AimImpact(aim=aim.id, description=aim.description, impacts=len(served), areas=areas)
        )
    return tuple(out)


def _impact_counts(log: InvolvementLog) -> tuple[tuple[ImpactArea, int], ...]:
    counts = Counter(i.area for e in log.entries for i in e.impacts)
    return tuple((a, counts[a]) for a in ImpactArea)


def _team_hours(project: Project, log: InvolvementLog) -> tuple[Decimal, Decimal]:
    junior = _junior(project)
    team = [t for a in _activities(log) for t in a.team]
    return _sum(t.hours for t in team), _sum(t.hours for t in team if t.researcher in junior)


def track(
    project: Project,
    log: InvolvementLog,
    *,
    rates: RateCard | None = None,
    catalogue: Catalogue | None = None,
    policy: Policy | None = None,
    appraisal: Appraisal | None = None,
) -> Tracking:
    """Set a project's plan against its involvement log.

    Pure: no I/O; the same result whatever the order of the lists. Every total is exactly
    the sum of the log's own figures (hours and money are ``Decimal``).

    Args:
        project: the project as planned.
        log: its involvement log.
        rates: a rate card for the costing (e.g. :func:`coproduce.costing.default_rate_card`).
        catalogue: the catalogue (``None`` for the paper's).
        policy: the appraisal policy (``None`` for the defaults).
        appraisal: the project's appraisal, if already computed (its risk register is what
            was foreseen).

    Example:
        >>> from decimal import Decimal
        >>> from coproduce.io import load_example, load_example_log
        >>> t = track(load_example("trial-patient-partners"),
        ...             load_example_log("trial-patient-partners"))
        >>> t.spent == t.paid + t.spent_lines
        True

    """
    costing = cost(project, rates=rates, catalogue=catalogue)
    before = appraisal or appraise(project, catalogue=catalogue, policy=policy)
    plan_changes, observed, mitigations, materialised = _records(log)
    return Tracking(
        project=project.title,
        currency=log.currency or (costing.currency if costing else None),
        entries=len(log.entries),
        rows=_rows(project, log, costing),
        **_hours_and_money(project, log),
        planned_money=None if costing is None else costing.money,
        planned_hours=None if costing is None else costing.hours,
        budget=None if costing is None else costing.budget,
        carriers=_carriers(project, log),
        risks=_risks(log, before),
        aims=_aims(project, log),
        impacts=_impact_counts(log),
        changes=len(plan_changes),
        plan_changes=plan_changes,
        observed=observed,
        mitigations=mitigations,
        materialised=materialised,
    )


def _hours_and_money(project: Project, log: InvolvementLog) -> dict[str, Decimal]:
    """The log's hours (contributors', unpaid, the team's, junior) and money, summed exactly."""
    participations = [p for a in _activities(log) for p in a.participants]
    lay = _lay(project)
    team, junior = _team_hours(project, log)
    paid = _sum(p.paid for p in participations)
    lines = _sum(s.amount for e in log.entries for s in e.spending)
    unpaid = (p.hours for p in participations if _contributor(p, lay) == "unpaid contributor")
    return {
        "contributor_hours": _sum(p.hours for p in participations),
        "unpaid_hours": _sum(unpaid),
        "team_hours": team,
        "junior_hours": junior,
        "paid": paid,
        "spent_lines": lines,
        "spent": paid + lines,
    }


def as_it_stands(project: Project, log: InvolvementLog) -> Project:
    """The project with its plan updated by its log.

    Entry by entry, in order: every stage × stakeholder held but not planned joins the
    plan at the depth held, then the entry's changes are applied (so a line dropped after
    it was held stays dropped). The costing no longer costs a dropped line.

    Example:
        >>> from coproduce.io import load_example, load_example_log
        >>> p = load_example("trial-patient-partners")
        >>> len(as_it_stands(p, load_example_log("trial-patient-partners")).plan) >= 1
        True

    """
    plan, _ = _standing(project, log)
    kept = [line for line in project.plan if plan.get((line.stage, line.stakeholder)) is line]
    new = [v for k, v in sorted(plan.items()) if v not in kept]
    costing = project.costing
    if costing is not None:
        lines = tuple(c for c in costing.involvements if (c.stage, c.stakeholder) in plan)
        costing = attrs.evolve(costing, involvements=lines)
    return attrs.evolve(project, plan=(*kept, *new), costing=costing)


def _standing(
    project: Project, log: InvolvementLog
) -> tuple[dict[Cell, Involvement], dict[Cell, PlanChangeKind]]:
    """The plan as it now stands, by cell, and the last change the log made to each cell."""
    plan: dict[Cell, Involvement] = {}
    added: set[Cell] = set()
    last: dict[Cell, PlanChangeKind] = {}
    for line in project.plan:
        plan.setdefault((line.stage, line.stakeholder), line)
    for e in log.entries:
        for a in e.activities:
            for p in a.participants:
                _hold(plan, added, (a.stage, p.stakeholder), a.mode)
        for c in e.changes:
            _apply(plan, (c.stage, c.stakeholder), c.change, c.mode)
            last[(c.stage, c.stakeholder)] = c.change
    return plan, last


def _hold(plan: dict[Cell, Involvement], added: set[Cell], cell: Cell, mode: Mode) -> None:
    """A cell held but not planned joins the plan at the deepest depth held so far."""
    if cell not in plan:
        added.add(cell)
    if cell in added:
        old = plan.get(cell)
        plan[cell] = Involvement(
            stage=cell[0],
            stakeholder=cell[1],
            mode=_deeper(None if old is None else old.mode, mode),
        )


def _apply(
    plan: dict[Cell, Involvement], cell: Cell, kind: PlanChangeKind, mode: Mode | None
) -> None:
    if kind is PlanChangeKind.DROP:
        plan.pop(cell, None)
    elif mode is not None and cell in plan:
        plan[cell] = attrs.evolve(plan[cell], mode=mode)
    elif mode is not None:
        plan[cell] = Involvement(stage=cell[0], stakeholder=cell[1], mode=mode)


def reappraise(
    project: Project,
    log: InvolvementLog,
    *,
    catalogue: Catalogue | None = None,
    policy: Policy | None = None,
) -> Reappraisal:
    """Appraise the project as it now stands (:func:`as_it_stands`) and say what changed.

    Example:
        >>> from coproduce.io import load_example, load_example_log
        >>> r = reappraise(load_example("trial-patient-partners"),
        ...                load_example_log("trial-patient-partners"))
        >>> r.before.title == r.after.title
        True

    """
    now = as_it_stands(project, log)
    before = appraise(project, catalogue=catalogue, policy=policy)
    after = appraise(now, catalogue=catalogue, policy=policy)
    return Reappraisal(
        project=now, before=before, after=after, comparison=compare_appraisals(before, after)
    )
