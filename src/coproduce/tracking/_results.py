"""The records :func:`~coproduce.tracking.track` returns: planned against actual."""

from __future__ import annotations

from decimal import Decimal

import attrs

from coproduce._record import Record
from coproduce.appraisal import Appraisal, Comparison
from coproduce.model import ImpactArea, Mode, PlanChangeKind, Project

__all__ = [
    "AimImpact",
    "Carrier",
    "ImpactRow",
    "InvolvementRow",
    "MitigationRow",
    "PlanChangeRow",
    "Reappraisal",
    "RiskRecordRow",
    "RiskRow",
    "Tracking",
]


@attrs.frozen(kw_only=True)
class InvolvementRow(Record):
    """One stage × stakeholder cell, planned against held.

    Attributes:
        stage: the stage id.
        stakeholder: the stakeholder id.
        planned: the planned depth; ``None`` when the cell was not in the plan.
        held: the deepest depth held; ``None`` when nothing was held.
        activities: how many activities were held.
        people: how many people took part, added over the activities.
        hours: the hours the stakeholder gave, added over the activities.
        paid: the money paid to them, added over the activities.
        planned_money: the costing's money for the cell; ``None`` when the costing does not
            cover it (or there is none).
        planned_hours: the costing's hours for the cell; ``None`` likewise.
        change: the last change the log made to this line of the plan (``add``, ``drop`` or
            ``mode``); ``None`` when the log changed nothing here.
        now: the depth in the plan as it now stands (:func:`~coproduce.tracking.as_it_stands`:
            planned, changed by the log, or held without a plan); ``None`` when the line is
            dropped or was never in the plan.

    """

    stage: str
    stakeholder: str
    planned: Mode | None
    held: Mode | None
    activities: int
    people: int
    hours: Decimal
    paid: Decimal
    planned_money: Decimal | None = None
    planned_hours: Decimal | None = None
    change: PlanChangeKind | None = None
    now: Mode | None = attrs.field(
        default=attrs.Factory(
            lambda self: self.planned if self.change is None else None, takes_self=True
        )
    )

    @property
    def status(self) -> str:
        """The tool's reading of the line: the plan as it now stands against what was held.

        ``"dropped"`` or ``"held, then dropped"`` (the log dropped the line), ``"added,
        held"`` or ``"added, not held"`` (added by a change to the plan), ``"unplanned"``
        (held, never planned), ``"held"`` or ``"not held"`` (planned).
        """
        if self.now is None and self.change is PlanChangeKind.DROP:
            return "dropped" if self.held is None else "held, then dropped"
        if self.planned is None:
            if self.change is None:
                return "unplanned"
            return "added, held" if self.held is not None else "added, not held"
        return "held" if self.held is not None else "not held"


@attrs.frozen(kw_only=True)
class Carrier(Record):
    """Who carried the engagement work, and for how many hours.

    Attributes:
        who: a researcher id, or a stakeholder id for contributors.
        kind: ``"early-career or fixed-term"``, ``"researcher"``, ``"unpaid contributor"``
            or ``"paid contributor"`` (lay stakeholders: patients, carers, the public,
            community organisations), or ``"professional stakeholder"`` (anyone else, who
            takes part in their working time).
        hours: the hours they gave.

    """

    who: str
    kind: str
    hours: Decimal


@attrs.frozen(kw_only=True)
class RiskRow(Record):
    """A risk the register foresaw, the log recorded, or both.

    Attributes:
        code: the risk code.
        foreseen: the appraisal's risk register (or its practice risks) holds it.
        times: how many times the log records it as materialised.

    """

    code: str
    foreseen: bool
    times: int

    @property
    def status(self) -> str:
        """``"foreseen and materialised"``, ``"foreseen only"`` or ``"unforeseen"``."""
        if not self.foreseen:
            return "unforeseen"
        return "foreseen and materialised" if self.times else "foreseen only"


@attrs.frozen(kw_only=True)
class PlanChangeRow(Record):
    """A change to the plan, as the log records it.

    Attributes:
        date: the date of the log entry.
        change: ``add``, ``drop`` or ``mode``.
        stage: the stage id of the line.
        stakeholder: the stakeholder id of the line.
        mode: the new depth; ``None`` for a dropped line.
        reason: why, as the log says.

    """

    date: str
    change: PlanChangeKind
    stage: str
    stakeholder: str
    mode: Mode | None = None
    reason: str = ""


@attrs.frozen(kw_only=True)
class ImpactRow(Record):
    """An impact observed, as the log records it.

    Attributes:
        date: the date of the log entry.
        area: research, people, or policy and practice.
        description: what changed.
        aims: the aims it served.
        stakeholders: whose involvement brought it about.

    """

    date: str
    area: ImpactArea
    description: str
    aims: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class MitigationRow(Record):
    """A mitigation put in place, as the log records it.

    Attributes:
        date: the date of the log entry.
        mitigation: what was put in place.
        risk: the code of the risk it answers; ``None`` if none in particular.
        note: anything more the log says.

    """

    date: str
    mitigation: str
    risk: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class RiskRecordRow(Record):
    """A risk that materialised, as the log records it.

    Attributes:
        date: the date of the log entry.
        code: the risk code.
        note: what happened.
        stakeholders: the stakeholders it involved.

    """

    date: str
    code: str
    note: str = ""
    stakeholders: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AimImpact(Record):
    """An aim and the impacts observed for it.

    Attributes:
        aim: the aim id.
        description: the aim's description.
        impacts: how many observed impacts served it.
        areas: the areas those impacts were in, without repeats, in a fixed order.

    """

    aim: str
    description: str
    impacts: int
    areas: tuple[ImpactArea, ...]


@attrs.frozen(kw_only=True)
class Tracking(Record):
    """A project's plan against its log.

    Attributes:
        project: the project's title.
        currency: the currency of the money figures; ``None`` when there is none.
        entries: how many entries the log holds.
        rows: involvement per stage × stakeholder, planned and held, sorted.
        contributor_hours: hours stakeholders gave in all.
        unpaid_hours: of those, hours lay contributors gave unpaid (no fee, or a fee
            declined).
        team_hours: hours the research team spent running activities.
        junior_hours: of those, hours of early-career or fixed-term researchers.
        paid: fees and vouchers paid to contributors.
        spent_lines: money spent on lines (venues, travel, ...).
        spent: ``paid + spent_lines``: all the money the log records.
        planned_money: the costing's money; ``None`` without a costing.
        planned_hours: the costing's hours; ``None`` without a costing.
        budget: the costing's involvement budget; ``None`` if not set.
        carriers: who carried the work, most hours first.
        risks: risks foreseen and materialised, sorted by code.
        aims: the project's aims and their observed impacts.
        impacts: observed impacts per area.
        changes: how many changes to the plan the log records.
        plan_changes: those changes, in the order the log records them.
        observed: the impacts the log records, in its order.
        mitigations: the mitigations the log records as put in place, in its order.
        materialised: the risks the log records as materialised, in its order.

    Only ``rows[].status``, ``risks`` (foreseen or not) and :attr:`unforeseen` are this
    tool's reading; everything else is the log's own record, added up.

    """

    project: str
    currency: str | None
    entries: int
    rows: tuple[InvolvementRow, ...]
    contributor_hours: Decimal
    unpaid_hours: Decimal
    team_hours: Decimal
    junior_hours: Decimal
    paid: Decimal
    spent_lines: Decimal
    spent: Decimal
    planned_money: Decimal | None
    planned_hours: Decimal | None
    budget: Decimal | None
    carriers: tuple[Carrier, ...]
    risks: tuple[RiskRow, ...]
    aims: tuple[AimImpact, ...]
    impacts: tuple[tuple[ImpactArea, int], ...]
    changes: int
    plan_changes: tuple[PlanChangeRow, ...] = ()
    observed: tuple[ImpactRow, ...] = ()
    mitigations: tuple[MitigationRow, ...] = ()
    materialised: tuple[RiskRecordRow, ...] = ()

    @property
    def hours(self) -> Decimal:
        """All hours the log records: contributors' and the team's."""
        return self.contributor_hours + self.team_hours

    @property
    def unforeseen(self) -> tuple[str, ...]:
        """The codes of risks that materialised without being foreseen."""
        return tuple(r.code for r in self.risks if r.status == "unforeseen")

    @property
    def aims_without_impact(self) -> tuple[str, ...]:
        """The ids of aims no observed impact served yet."""
        return tuple(a.aim for a in self.aims if not a.impacts)


@attrs.frozen(kw_only=True)
class Reappraisal(Record):
    """The project as it now stands, appraised again.

    Attributes:
        project: the project with its plan updated by the log.
        before: the appraisal of the project as planned.
        after: the appraisal of the project as it now stands.
        comparison: what changed in the advice (:func:`coproduce.compare`).

    """

    project: Project
    before: Appraisal
    after: Appraisal
    comparison: Comparison
