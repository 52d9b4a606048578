"""An involvement log: what actually happened, entry by entry, beside a project's plan.

The paper's complaint is that nobody evaluates what coproduction costs and achieves
(pp. 1, 6-8); a plan written once and never compared with what happened cannot answer
it. A log records, in dated entries, the activities held (who took part, for how long,
how they were paid), the money spent, the risks that materialised, the mitigations put in
place, the impacts observed and the changes made to the plan. :mod:`coproduce.tracking`
sets it against the plan.

A log names its project by :attr:`Project.id <coproduce.model.Project.id>`. Entries are
only ever appended (:func:`append_entry`); earlier entries are never rewritten.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from coproduce.errors import FieldValueError
from coproduce.model._amounts import COUNT_SCHEMA, iso_date
from coproduce.model._amounts import DATE as _DATE
from coproduce.model._amounts import count as _count
from coproduce.model._amounts import hours as _hours
from coproduce.model._amounts import money as _money
from coproduce.model._costing import PaymentMethod
from coproduce.model._ext import Extensible
from coproduce.model._vocab import AimId, Mode, ResearcherId, StakeholderId, VocabularyEnum

__all__ = [
    "Activity",
    "ImpactArea",
    "ImpactRecord",
    "InvolvementLog",
    "LogEntry",
    "MaterialisedRisk",
    "MitigationPut",
    "Participation",
    "PlanChange",
    "PlanChangeKind",
    "Spend",
    "TeamHours",
    "append_entry",
]

_SCHEMA = "json_schema"
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _currency(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _CURRENCY.match(value):
        raise FieldValueError(
            attribute.name, f"{attribute.name} {value!r} is not an ISO 4217 code (e.g. 'GBP')"
        )


class ImpactArea(VocabularyEnum):
    """What an observed impact changed."""

    RESEARCH = "research"
    """The research itself: its questions, methods, analysis or outputs."""
    PEOPLE = "people"
    """The people involved: their skills, confidence, relationships, wellbeing."""
    POLICY_PRACTICE = "policy-practice"
    """Policy or practice: a decision, a service, a guideline."""


class PlanChangeKind(VocabularyEnum):
    """How a change alters one line of the involvement plan."""

    ADD = "add"
    """A stakeholder is now involved at a stage where the plan had nobody of theirs."""
    DROP = "drop"
    """A planned involvement is given up."""
    MODE = "mode"
    """A planned involvement goes on at another depth."""


@attrs.frozen(kw_only=True)
class Participation(Extensible):
    """One stakeholder's part in an activity.

    Attributes:
        stakeholder: the id of one of the project's stakeholders.
        people: how many of them took part (at least 1).
        hours: the hours they gave in all (every person's hours added up).
        payment: how they were paid for their time.
        paid: the money paid to them for it, in the log's currency (fees and vouchers;
            expenses go in :attr:`LogEntry.spending`).

    """

    stakeholder: StakeholderId
    people: int = attrs.field(default=1, validator=_count, metadata=COUNT_SCHEMA)
    hours: Decimal = attrs.field(default=Decimal(0), validator=_hours)
    payment: PaymentMethod = PaymentMethod.NONE
    paid: Decimal = attrs.field(default=Decimal(0), validator=_money)


@attrs.frozen(kw_only=True)
class TeamHours(Extensible):
    """Hours a member of the research team spent running an activity.

    Attributes:
        researcher: the id of one of the project's researchers.
        hours: hours spent preparing, facilitating and following up.

    """

    researcher: ResearcherId
    hours: Decimal = attrs.field(validator=_hours)


@attrs.frozen(kw_only=True)
class Activity(Extensible):
    """A meeting or other activity held with stakeholders.

    Attributes:
        stage: the id of the lifecycle stage it served, e.g. ``stage.framing-questions``.
        mode: how deeply the stakeholders were involved in it.
        description: what it was, e.g. ``"advisory group meeting 2"``.
        participants: who took part, how many, for how long, how paid.
        team: which researchers carried the work, and for how many hours.
        online: it was held online only; ``None`` if not said.

    """

    stage: str
    mode: Mode
    description: str = ""
    participants: tuple[Participation, ...] = ()
    team: tuple[TeamHours, ...] = ()
    online: bool | None = None


@attrs.frozen(kw_only=True)
class Spend(Extensible):
    """Money spent on the involvement, one line at a time.

    Attributes:
        line: what the money paid for, e.g. ``"venue hire"`` or ``"travel"``.
        amount: the amount, in the log's currency.
        stage: the id of the stage it served; ``None`` if it served none in particular.

    """

    line: str
    amount: Decimal = attrs.field(validator=_money)
    stage: str | None = None


@attrs.frozen(kw_only=True)
class MaterialisedRisk(Extensible):
    """A risk that happened.

    Attributes:
        code: an appraisal risk code (``risk.`` + a challenge's name, e.g.
            ``risk.capture``) or a practice-layer one (``practice-risk.*``).
        note: what happened, in a sentence or two.
        stakeholders: the ids of the stakeholders it involved.

    """

    code: str
    note: str = ""
    stakeholders: tuple[StakeholderId, ...] = ()


@attrs.frozen(kw_only=True)
class MitigationPut(Extensible):
    """A mitigation put in place.

    Attributes:
        mitigation: what was put in place, e.g. ``"publication agreement signed"``.
        risk: the code of the risk it answers; ``None`` if it answers none in particular.
        note: anything more to say.

    """

    mitigation: str
    risk: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class ImpactRecord(Extensible):
    """An impact of the involvement that was observed.

    Attributes:
        area: on the research, on the people involved, or on policy or practice.
        description: what changed, in a sentence or two.
        aims: the ids of the project's aims it served.
        stakeholders: the ids of the stakeholders whose involvement brought it about.

    """

    area: ImpactArea
    description: str
    aims: tuple[AimId, ...] = ()
    stakeholders: tuple[StakeholderId, ...] = ()


@attrs.frozen(kw_only=True)
class PlanChange(Extensible):
    """A change to the involvement plan.

    Attributes:
        change: add a line, drop one, or change its depth.
        stage: the id of the stage of the line.
        stakeholder: the id of the stakeholder of the line.
        mode: the depth of an added or changed line; ``None`` for a dropped one.
        reason: why, in a sentence.

    """

    change: PlanChangeKind
    stage: str
    stakeholder: StakeholderId
    mode: Mode | None = None
    reason: str = ""


@attrs.frozen(kw_only=True)
class LogEntry(Extensible):
    """One dated entry of the log: whatever happened since the last one.

    Attributes:
        date: the day of the entry, ``YYYY-MM-DD``.
        note: a summary for readers (the engine does not read it).
        activities: activities held.
        spending: money spent, line by line.
        risks: risks that materialised.
        mitigations: mitigations put in place.
        impacts: impacts observed.
        changes: changes made to the involvement plan.

    """

    date: str = attrs.field(validator=iso_date, metadata={_SCHEMA: {"pattern": _DATE.pattern}})
    note: str = ""
    activities: tuple[Activity, ...] = ()
    spending: tuple[Spend, ...] = ()
    risks: tuple[MaterialisedRisk, ...] = ()
    mitigations: tuple[MitigationPut, ...] = ()
    impacts: tuple[ImpactRecord, ...] = ()
    changes: tuple[PlanChange, ...] = ()


@attrs.frozen(kw_only=True)
class InvolvementLog(Extensible):
    """What happened in a project's involvement, in dated entries, oldest first.

    Attributes:
        project: the :attr:`~coproduce.model.Project.id` of the project it logs.
        currency: the ISO 4217 code of every amount in the log; ``None`` when it records
            no money (it must then match the project's costing, if any).
        entries: the entries, in the order they were appended.

    Example:
        >>> from coproduce.model import InvolvementLog, LogEntry
        >>> log = InvolvementLog(project="falls-study")
        >>> len(append_entry(log, LogEntry(date="2026-03-02")).entries)
        1

    """

    project: str
    currency: str | None = attrs.field(
        default=None, validator=_currency, metadata={_SCHEMA: {"pattern": _CURRENCY.pattern}}
    )
    entries: tuple[LogEntry, ...] = ()


def append_entry(log: InvolvementLog, entry: LogEntry) -> InvolvementLog:
    """A new log with ``entry`` after every earlier one; ``log`` itself is unchanged.

    Entries are kept in the order they were appended; an entry dated before the last one
    is refused, since a log records what happened as it happens.

    Raises:
        ValueError: the entry is dated before the log's last entry.

    Example:
        >>> from coproduce.model import InvolvementLog, LogEntry
        >>> log = append_entry(InvolvementLog(project="p"), LogEntry(date="2026-05-01"))
        >>> append_entry(log, LogEntry(date="2026-04-30"))
        Traceback (most recent call last):
        ...
        ValueError: entry date: '2026-04-30' is before the log's last entry (2026-05-01)

    """
    if log.entries and entry.date < log.entries[-1].date:
        raise ValueError(
            f"entry date: {entry.date!r} is before the log's last entry ({log.entries[-1].date})"
        )
    return attrs.evolve(log, entries=(*log.entries, entry))
