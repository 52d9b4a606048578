"""What the planned involvement costs in money and hours: the costing section of a project.

The section is optional (``Project.costing``). Its lines refer to the involvement plan by
(stage, stakeholder) and to the research team by researcher id; :mod:`coproduce.costing`
checks those references and does the arithmetic.

Money and hours are :class:`~decimal.Decimal`, never ``float``: a line's amount is the exact
product of its rate and its quantities, so totals are exactly the sum of their lines and
doubling a rate exactly doubles its lines. Nothing is rounded until a renderer shows it.
Integers in minor units were the alternative; they cannot hold an hourly fee for a
quarter of an hour without rounding each line, and rounded lines no longer scale exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from coproduce.errors import FieldValueError
from coproduce.model._amounts import COUNT_SCHEMA
from coproduce.model._amounts import count as _count
from coproduce.model._amounts import hours as _hours
from coproduce.model._amounts import iso_date as _iso_date
from coproduce.model._amounts import money as _money
from coproduce.model._amounts import optional_count as _optional_count
from coproduce.model._amounts import optional_hours as _optional_hours
from coproduce.model._amounts import optional_money as _optional_money
from coproduce.model._ext import Extensible
from coproduce.model._vocab import (
    ResearcherId,
    StakeholderId,
    VocabularyEnum,
)

__all__ = [
    "After",
    "CostingPlan",
    "Expense",
    "ExpenseBasis",
    "ExpenseKind",
    "Fund",
    "Funding",
    "InvolvementCosting",
    "Lighter",
    "PaymentMethod",
    "Rate",
    "RateCard",
    "RateUnit",
    "SessionFormat",
    "StaffTime",
    "Subcontract",
    "TeamTime",
]


_CURRENCY = re.compile(r"^[A-Z]{3}$")
_SCHEMA = "json_schema"
"""Field metadata key: constraints the generated JSON Schema adds to the field's type."""
_CODE = {_SCHEMA: {"pattern": _CURRENCY.pattern}}


def _currency(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _CURRENCY.match(value):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name} {value!r} is not an ISO 4217 code (three capital letters, "
            "e.g. 'GBP')",
        )


def _optional_date(_: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _iso_date(_, attribute, value)


_DATE = {_SCHEMA: {"format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}
_HUNDRED = Decimal(100)


def _percent(_: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if not value.is_finite() or not 0 < value <= _HUNDRED:
        raise FieldValueError(
            attribute.name, f"{attribute.name} must be more than 0 and at most 100, got {value}"
        )


def _month_of_year(_: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not 1 <= value <= 12:
        raise FieldValueError(
            attribute.name, f"{attribute.name} must be a month from 1 to 12, got {value}"
        )


@attrs.frozen(kw_only=True)
class Fund(Extensible):
    """Who pays for some of the lines: a grant, match funding, an organisation's own money.

    Attributes:
        id: a short name lines give in ``funding``, e.g. ``"grant"`` or ``"match"``.
        label: the funder's name as the form gives it, e.g. ``"Community Fund"``.
        cap: the most this fund pays, if it has a limit. It applies only to the lines the
            fund pays for (a fund for involvement costs does not pay staff time).
        match: the fund is the applicant's match (or other) funding, not the grant applied
            for.

    """

    id: str
    label: str = ""
    cap: Decimal | None = attrs.field(default=None, validator=_optional_money)
    match: bool = False


@attrs.frozen(kw_only=True)
class Funding(Extensible):
    """A fund's part of a line: ``{fund: grant, percent: 50}``.

    Attributes:
        fund: the id of one of the costing's ``funds``.
        percent: the part of the line's money it pays, more than 0 and at most 100; a
            line's parts add up to 100.

    """

    fund: str
    percent: Decimal = attrs.field(default=_HUNDRED, validator=_percent)


@attrs.frozen(kw_only=True)
class After(Extensible):
    """An involvement another depends on: it must be kept for the other to be kept.

    Attributes:
        stage: the stage of the involvement depended on.
        stakeholder: its stakeholder; left out, the same stakeholder as the dependent's.

    """

    stage: str
    stakeholder: StakeholderId | None = None


class RateUnit(VocabularyEnum):
    """What one payment at a rate pays for."""

    HOUR = "hour"
    """An hour of a contributor's time (the session and, if paid, its preparation)."""
    HALF_DAY = "half-day"
    """One session of up to half a day."""
    DAY = "day"
    """One session of up to a day."""


class SessionFormat(VocabularyEnum):
    """How the contributors take part in a session."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    WRITTEN = "written"
    """Comments on documents, surveys: no meeting."""
    MIXED = "mixed"
    """Some in the room, some online."""


class PaymentMethod(VocabularyEnum):
    """How contributors are paid for their time."""

    PAID = "paid"
    """A fee, paid as money."""
    VOUCHERS = "vouchers"
    """A fee, paid as vouchers (often to protect welfare benefits)."""
    DECLINED = "declined"
    """A fee was offered and the contributors chose not to take it."""
    NONE = "none"
    """No fee is offered: the contributors give their time unpaid."""


class ExpenseKind(VocabularyEnum):
    """What an expense pays for (the headings of involvement cost calculators)."""

    TRAVEL = "travel"
    """Travel and subsistence."""
    CARE = "care"
    """Carers' and childcare costs while a contributor takes part."""
    ACCESSIBILITY = "accessibility"
    """Interpreters, BSL, accessible or translated materials, personal assistants."""
    VENUE = "venue"
    REFRESHMENTS = "refreshments"
    TECHNOLOGY = "technology"
    """Devices, software and data costs for taking part online."""
    TRAINING = "training"
    """Training for contributors or for the team."""
    BENEFITS_ADVICE = "benefits-advice"
    """Independent advice on how payment affects welfare benefits."""
    OTHER = "other"


class ExpenseBasis(VocabularyEnum):
    """How an expense's amount multiplies."""

    PERSON_SESSION = "person-session"
    """Per contributor per session (travel, care)."""
    SESSION = "session"
    """Per session (venue, refreshments, interpreter)."""
    TOTAL = "total"
    """Once for the line."""


@attrs.frozen(kw_only=True)
class Rate(Extensible):
    """One rate of a rate card: what a role is paid per unit.

    Attributes:
        role: the role the rate is for, e.g. ``"public-contributor"`` or ``"coordinator"``;
            costing lines name it.
        unit: what one payment pays for: an hour, a half-day session or a day session.
        amount: the payment per unit in the card's currency; ``null`` when the figure is not
            known or could not be confirmed (lines at this rate are then unpriced).
        note: where the figure comes from or why it is missing.
        effective: the day (``YYYY-MM-DD``) from which the rate applies, when the card holds
            dated rates: a costing priced on a day takes, per (role, unit), the rate with
            the latest ``effective`` on or before it (a rate without one applies from
            the start).

    """

    role: str
    unit: RateUnit
    amount: Decimal | None = attrs.field(default=None, validator=_optional_money)
    note: str = ""
    effective: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)


@attrs.frozen(kw_only=True)
class RateCard(Extensible):
    """A set of rates in one currency, with where they come from.

    Attributes:
        id: a short name for the card, e.g. ``"nihr-2024"``.
        currency: the ISO 4217 code of every amount on the card, e.g. ``"GBP"``.
        rates: the rates, at most one per (role, unit, effective day).
        title: the title of the source document.
        publisher: who publishes the source.
        date: the date or version of the source, as it gives it.
        url: where to read the source.
        note: what the card does and does not hold.

    """

    id: str
    currency: str = attrs.field(validator=_currency, metadata=_CODE)
    rates: tuple[Rate, ...] = ()
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    note: str = ""


@attrs.frozen(kw_only=True)
class Expense(Extensible):
    """Money spent so that people can take part.

    Attributes:
        kind: what the expense pays for.
        amount: the amount per :attr:`basis`, in the project's currency.
        basis: per contributor per session, per session, or once.
        currency: the ISO 4217 code of the amount; only to state it (it must be the
            project's currency).
        description: what it is, e.g. ``"return train fares"``.
        quantity: how many units the amount is for, per :attr:`basis` (``16`` invitations
            at ``0.92``, ``3`` machines at ``95``); left out, 1.
        unit: what one unit is, e.g. ``"invitations"`` (shown beside the quantity).
        contingent: the line is spent only if needed (carers' costs, access needs) and
            ``amount × quantity`` is its ceiling: shown apart from the committed total.
        funding: who pays for the line, by percent; left out, the involvement's funding
            (for an involvement's expense), else the first of the costing's ``funds``.
        date: the day it is spent (``YYYY-MM-DD``), for the financial year.
        month: the month of the project it is spent in (1 is the month of
            ``costing.start``), for the financial year, when no ``date`` is given.

    """

    kind: ExpenseKind
    amount: Decimal = attrs.field(validator=_money)
    basis: ExpenseBasis = ExpenseBasis.TOTAL
    currency: str | None = attrs.field(default=None, validator=_currency, metadata=_CODE)
    description: str = ""
    quantity: Decimal | None = attrs.field(default=None, validator=_optional_hours)
    unit: str = ""
    contingent: bool = False
    funding: tuple[Funding, ...] = ()
    date: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
    month: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)


@attrs.frozen(kw_only=True)
class TeamTime(Extensible):
    """A team member's hours per session of one involvement (facilitating, following up).

    Attributes:
        researcher: the id of one of the project's researchers.
        hours: hours per session.
        role: a rate card role to cost the hours in money (e.g. ``"coordinator"``); empty
            when the hours are already paid by the grant's salaries and count only as time.
        funded: the hours are paid for (salaried time set aside); ``false`` when they come
            on top of the researcher's paid work.
        funding: who pays for the hours' money, by percent; left out, the involvement's.

    """

    researcher: ResearcherId
    hours: Decimal = attrs.field(validator=_hours)
    role: str = ""
    funded: bool = True
    funding: tuple[Funding, ...] = ()


@attrs.frozen(kw_only=True)
class Lighter(Extensible):
    """A lighter version of an involvement, which the plan that fits may choose.

    Fields left out keep the involvement's own values. Fees and payment stay as they are:
    a lighter involvement asks less time, it never pays less per unit.

    Attributes:
        people: fewer contributors.
        sessions: fewer sessions.
        hours: shorter sessions (hours per session).
        format: a cheaper format, e.g. online instead of in person.
        note: what the lighter version gives up, in a sentence.
        expenses: the expenses at this level in place of the involvement's (a buffet left
            out, fewer venues); left out, the involvement's own. Expenses trimmed this way
            are a lighter level like any other.

    """

    people: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)
    sessions: int | None = attrs.field(
        default=None, validator=_optional_count, metadata=COUNT_SCHEMA
    )
    hours: Decimal | None = attrs.field(default=None, validator=_optional_hours)
    format: SessionFormat | None = None
    note: str = ""
    expenses: tuple[Expense, ...] | None = None


@attrs.frozen(kw_only=True)
class InvolvementCosting(Extensible):
    """What one line of the involvement plan asks in time and money.

    Attributes:
        stage: the stage of the plan line costed, e.g. ``stage.framing-questions``.
        stakeholder: the stakeholder of the plan line costed.
        people: how many contributors take part.
        sessions: how many sessions (meetings, review rounds).
        hours: hours per session.
        preparation_hours: each contributor's preparation per session (reading, travel
            planning); paid at an hourly rate.
        travel_hours: each contributor's travel time per session; counted as time given,
            not paid.
        format: in person, online, written or mixed.
        role: the rate card role the contributors are paid at; empty for no fee.
        unit: which of the role's rates applies: per hour, per half-day or per day session.
        payment: how the fee is paid, or that none is offered or it is declined.
        benefits_advice: contributors need independent advice on welfare benefits before
            accepting payment.
        expenses: travel, care, accessibility, venue, refreshments, technology...
        team: the research team's hours per session for this involvement.
        before_grant: the involvement happens before the grant starts (developing the
            application): outside the grant's budget, usually paid by the organisation.
        lighter: a lighter version the plan that fits may choose instead.
        lighter_still: further lighter levels, each lighter than the one before (fields
            left out keep the previous level's): the fit tries each before dropping it.
        funding: who pays for its lines, by percent; left out, the first of the costing's
            ``funds``.
        date: the day it happens (``YYYY-MM-DD``; its first session), for the financial
            year of its lines.
        month: the month of the project it happens in, when no ``date`` is given.
        after: the involvements it depends on (a founding meeting before the online
            rounds): the plan that fits never keeps it while dropping one of them.

    """

    stage: str
    stakeholder: StakeholderId
    people: int = attrs.field(default=1, validator=_count, metadata=COUNT_SCHEMA)
    sessions: int = attrs.field(default=1, validator=_count, metadata=COUNT_SCHEMA)
    hours: Decimal = attrs.field(default=Decimal(0), validator=_hours)
    preparation_hours: Decimal = attrs.field(default=Decimal(0), validator=_hours)
    travel_hours: Decimal = attrs.field(default=Decimal(0), validator=_hours)
    format: SessionFormat = SessionFormat.IN_PERSON
    role: str = ""
    unit: RateUnit = RateUnit.HOUR
    payment: PaymentMethod = PaymentMethod.PAID
    benefits_advice: bool = False
    expenses: tuple[Expense, ...] = ()
    team: tuple[TeamTime, ...] = ()
    before_grant: bool = False
    lighter: Lighter | None = None
    lighter_still: tuple[Lighter, ...] = ()
    funding: tuple[Funding, ...] = ()
    date: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
    month: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)
    after: tuple[After, ...] = ()


@attrs.frozen(kw_only=True)
class StaffTime(Extensible):
    """Team time not tied to one involvement: coordination, training, reporting.

    Attributes:
        description: what the time is for, e.g. ``"involvement coordinator"``.
        hours: hours over the project.
        researcher: the id of the researcher who gives the time, if one of the team.
        role: a rate card role to cost the hours in money (e.g. ``"coordinator"``); empty
            when the hours are paid by salaries already in the grant.
        stage: the stage the time belongs to, if one.
        funded: the hours are paid for; ``false`` when they come on top of paid work.
        training: the time is training (for the team or contributors).
        funding: who pays for its money, by percent; left out, the first of ``funds``.
        date: the day (``YYYY-MM-DD``) it is given, for the financial year.
        month: the month of the project it is given in, when no ``date`` is given.

    """

    description: str
    hours: Decimal = attrs.field(validator=_hours)
    researcher: ResearcherId | None = None
    role: str = ""
    stage: str | None = None
    funded: bool = True
    training: bool = False
    funding: tuple[Funding, ...] = ()
    date: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
    month: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)


@attrs.frozen(kw_only=True)
class Subcontract(Extensible):
    """An organisational partner paid by subcontract to support involvement.

    Attributes:
        partner: the id of the stakeholder (e.g. a community organisation) paid.
        amount: the subcontract's value, in the project's currency.
        stage: the stage it supports, if one.
        currency: the ISO 4217 code of the amount; only to state it.
        description: what the partner does for it.
        funding: who pays for it, by percent; left out, the first of ``funds``.
        date: the day (``YYYY-MM-DD``) it is paid, for the financial year.
        month: the month of the project it is paid in, when no ``date`` is given.

    """

    partner: StakeholderId
    amount: Decimal = attrs.field(validator=_money)
    stage: str | None = None
    currency: str | None = attrs.field(default=None, validator=_currency, metadata=_CODE)
    description: str = ""
    funding: tuple[Funding, ...] = ()
    date: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
    month: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)


@attrs.frozen(kw_only=True)
class CostingPlan(Extensible):
    """The costing of a project's involvement: lines, staff time, partners and the budget.

    Attributes:
        currency: the ISO 4217 code every amount of the project is in, e.g. ``"GBP"``.
        budget: the money set aside for involvement, if known.
        budget_hours: the research team's hours set aside for involvement, if known.
        months: the project's length in months, if known.
        rate_card: the project's own rate card; it takes precedence over a card given to
            the costing (and over the shipped one) role by role.
        involvements: what each line of the involvement plan asks.
        staff: team time not tied to one involvement.
        subcontracts: organisational partners paid by subcontract.
        expenses: costs not tied to one involvement (training, a shared venue hire...).
        funds: who pays: the grant, match funding...; lines name them in ``funding``, and
            a line that names none is paid by the first. Left out, one fund pays all.
        start: the day the project starts (``YYYY-MM-DD``): month 1 of the lines' ``month``.
        year_starts: the month the financial year starts in (4, April, in the UK; 1 for
            calendar years): lines are totalled per financial year from their dates.
        priced_on: the day (``YYYY-MM-DD``) the costing prices at: a rate card's dated
            rates in force on it apply; left out, the latest of each.

    """

    currency: str = attrs.field(validator=_currency, metadata=_CODE)
    budget: Decimal | None = attrs.field(default=None, validator=_optional_money)
    budget_hours: Decimal | None = attrs.field(default=None, validator=_optional_hours)
    months: int | None = attrs.field(default=None, validator=_optional_count, metadata=COUNT_SCHEMA)
    rate_card: RateCard | None = None
    involvements: tuple[InvolvementCosting, ...] = ()
    staff: tuple[StaffTime, ...] = ()
    subcontracts: tuple[Subcontract, ...] = ()
    expenses: tuple[Expense, ...] = ()
    funds: tuple[Fund, ...] = ()
    start: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
    year_starts: int = attrs.field(
        default=4, validator=_month_of_year, metadata={_SCHEMA: {"minimum": 1, "maximum": 12}}
    )
    priced_on: str | None = attrs.field(default=None, validator=_optional_date, metadata=_DATE)
