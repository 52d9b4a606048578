"""The records a costing and a plan that fits return: plain, frozen, exact."""

from __future__ import annotations

from decimal import Decimal

import attrs

from coproduce._record import Record
from coproduce.model import EXACT, BearerId, CostId, StageId, VocabularyEnum

__all__ = [
    "BearerTotal",
    "CellTotal",
    "Costing",
    "Fit",
    "FitChange",
    "FundTotal",
    "HeadingTotal",
    "Line",
    "LineKind",
    "StageTotal",
    "Verb",
    "YearTotal",
]

_ZERO = Decimal(0)


class LineKind(VocabularyEnum):
    """What a costed line is."""

    FEE = "fee"
    """Contributors' time: their fee, or their unpaid hours."""
    EXPENSE = "expense"
    """Money spent so people can take part (travel, care, venue...)."""
    TEAM = "team"
    """A researcher's hours for one involvement."""
    STAFF = "staff"
    """Team time not tied to one involvement (coordination, training)."""
    SUBCONTRACT = "subcontract"
    """An organisational partner paid by subcontract."""


@attrs.frozen(kw_only=True)
class Line(Record):
    """One costed line: money and hours, and whose they are.

    Attributes:
        kind: fee, expense, team time, staff time or subcontract.
        path: where in the project the line comes from, e.g. ``costing.involvements[0]``.
        stage: the stage, when the line belongs to one.
        party: the stakeholder or researcher id, or the description of staff time.
        bearer: the catalogue bearer whose time or money it is.
        lay: the party is a lay contributor (patients, carers, the public, community
            organisations).
        label: what the line is, in a few words.
        heading: the budget heading a grant form files it under, e.g. ``"Travel"``.
        quantity: the number of units charged (hours, sessions, person-sessions...).
        rate: the amount per unit; ``None`` when the line is unpriced or costs no money.
        money: ``quantity × rate`` exactly; ``None`` when a rate is needed but unknown.
        hours: the hours of people's time the line stands for.
        unpaid_hours: those hours given without pay: a lay contributor's time with no fee
            offered, or a researcher's unfunded time. (Decision-makers, professionals and
            partners without a fee are taken to take part in paid work time.)
        declined_hours: hours whose offered fee was declined.
        before_grant: the line falls before the grant starts (outside its budget).
        involvement: the index of the involvement costing it belongs to, if one.
        unit: what one unit of ``quantity`` is, as the document names it (``"invitations"``).
        contingent: spent only if needed: ``money`` is its ceiling, and the committed
            totals leave it out (:attr:`Costing.contingent_money` holds it).
        funding: who pays the line, as ``(fund, percent)``; empty when the costing names
            no funds.
        year: the financial year the line falls in (``"2026/27"``), when its date or
            month is known.
        form_heading: the heading of a funder's budget form it is filed under (see
            :data:`coproduce.costing.FORM_HEADINGS`).

    """

    kind: LineKind
    path: str
    stage: StageId | None
    party: str
    bearer: BearerId
    lay: bool
    label: str
    heading: str
    quantity: Decimal
    rate: Decimal | None
    money: Decimal | None
    hours: Decimal = _ZERO
    unpaid_hours: Decimal = _ZERO
    declined_hours: Decimal = _ZERO
    before_grant: bool = False
    involvement: int | None = None
    unit: str = ""
    contingent: bool = False
    funding: tuple[tuple[str, Decimal], ...] = ()
    year: str | None = None
    form_heading: str = ""


@attrs.frozen(kw_only=True)
class HeadingTotal(Record):
    """The grant period's money under one heading of a budget form, in all and per year.

    Attributes:
        heading: the form's heading (``"Fees"``, ``"Venues and catering"``...).
        money: the committed money of its lines.
        contingent: the ceiling of its lines spent only if needed.
        years: the committed money per financial year, as ``(year, money)``, in order;
            ``"undated"`` for lines with no date or month.
        unpriced: how many of its lines need a rate the cards do not give.

    """

    heading: str
    money: Decimal
    contingent: Decimal = Decimal(0)
    years: tuple[tuple[str, Decimal], ...] = ()
    unpriced: int = 0


@attrs.frozen(kw_only=True)
class FundTotal(Record):
    """What one fund pays in the grant period, against its cap.

    Attributes:
        fund: the fund's id; label and ``match`` as the costing gives them.
        money: its part of the committed lines it pays for.
        contingent: its part of the lines spent only if needed.
        cap: the most it pays, if it has a limit.
        over: how far ``money`` exceeds ``cap`` (``None`` when within it or uncapped).
        years: its money per financial year, as ``(year, money)``.

    """

    fund: str
    label: str
    match: bool
    money: Decimal
    contingent: Decimal = Decimal(0)
    cap: Decimal | None = None
    over: Decimal | None = None
    years: tuple[tuple[str, Decimal], ...] = ()


@attrs.frozen(kw_only=True)
class YearTotal(Record):
    """One financial year's committed money: PPI costs apart from staff time.

    Attributes:
        year: the financial year (``"2026/27"``), or ``"undated"``.
        money: all committed money of the year.
        ppi_money: its money for involvement itself (fees, expenses, venues, support...).
        staff_money: its money for the team's time to coordinate.
        contingent: the ceiling of its lines spent only if needed.

    """

    year: str
    money: Decimal
    ppi_money: Decimal
    staff_money: Decimal
    contingent: Decimal = Decimal(0)


@attrs.frozen(kw_only=True)
class CellTotal(Record):
    """Money and hours of one stage × party cell (grant period and before it).

    Attributes:
        unpriced: how many of the cell's lines need a rate the cards do not give; when
            any, ``money`` is a lower bound.

    """

    stage: StageId | None
    party: str
    money: Decimal
    hours: Decimal
    unpriced: int = 0


@attrs.frozen(kw_only=True)
class StageTotal(Record):
    """One stage's money and hours, its share of the budget, and its non-monetary costs.

    Attributes:
        share: the stage's money as a fraction of the budget (``None`` without a budget).
        costs: the catalogue's costs of coproduction at this stage (Table 1) as
            ``(id, label)``: what money does not measure.
        unpriced: how many of the stage's lines need a rate the cards do not give; when
            any, ``money`` and ``share`` are lower bounds.

    """

    stage: StageId | None
    money: Decimal
    hours: Decimal
    share: Decimal | None
    costs: tuple[tuple[CostId, str], ...] = ()
    unpriced: int = 0


@attrs.frozen(kw_only=True)
class BearerTotal(Record):
    """What one bearer gives and receives.

    Attributes:
        bearer: the catalogue bearer id.
        label: the bearer's label.
        money: money spent on the bearer's lines (fees paid to them, their expenses, a
            subcontract with them).
        hours: hours of the bearer's time.
        unpaid_hours: hours given without pay.
        least_able: the catalogue marks this bearer least able to carry costs (p. 5).
        unpriced: how many of the bearer's lines need a rate the cards do not give; when
            any, ``money`` is a lower bound.

    """

    bearer: BearerId
    label: str
    money: Decimal
    hours: Decimal
    unpaid_hours: Decimal
    least_able: bool
    unpriced: int = 0


@attrs.frozen(kw_only=True)
class Costing(Record):
    """Money and hours of a project's involvement, who gives them, and the gap to its budget.

    Every total is exactly the sum of its lines (``Decimal``, never rounded).

    Attributes:
        currency: the ISO 4217 code of every amount.
        lines: every costed line, in document order.
        money: all money of priced lines, before the grant included.
        hours: all hours of people's time.
        grant_money: money within the grant period (what the budget must cover).
        before_grant_money: money spent before the grant starts.
        team_hours: the research team's hours within the grant period (what the hours
            budget must cover).
        unpriced: the paths of lines that need a rate the cards do not give: ``money``
            leaves them out, so it is a lower bound when there are any.
        budget: the money set aside for involvement, if known.
        budget_hours: the team hours set aside for involvement, if known.
        share: ``grant_money / budget``; ``None`` without a (non-zero) budget.
        gap: ``budget - grant_money``: negative when the plan as drawn is short.
        gap_hours: ``budget_hours - team_hours``: negative when short.
        unpaid_lay_hours: hours lay contributors give without a fee.
        unpaid_junior_hours: unfunded hours of early-career or fixed-term researchers.
        declined_hours: hours whose offered fee was declined.
        benefits_advice: paths of involvements whose contributors need benefits advice.
        by_cell: money and hours per stage × party.
        by_stage: per stage, with the non-monetary costs beside the money.
        by_bearer: per catalogue bearer.
        months: the project's length in months, if known.
        grant_unpriced: the paths of the unpriced lines within the grant period:
            ``grant_money`` and ``share`` are lower bounds and ``gap`` an upper bound when
            there are any, so the plan may not fit the budget even if ``gap`` is not
            negative.
        contingent_money: the grant period's lines spent only if needed, at their ceiling:
            not in ``money``, ``grant_money`` or any other total.
        ppi_money: the grant period's committed money for involvement itself, staff time
            to coordinate left out; ``staff_money`` is that staff time's.
        by_heading: the grant period per heading of a budget form, with years.
        by_fund: per fund, when the costing names funds.
        by_year: per financial year, when any line's date or month is known.
        project_id: the project's ``id``, when it has one (:func:`coproduce.frame.costs`
            names the projects of its rows by it).

    ``by_heading``, ``by_fund`` and ``by_year`` are worked out from the lines:
    ``cost(..., lines=False)`` leaves them (and ``ppi_money``, ``staff_money``) empty or
    zero.

    """

    currency: str
    lines: tuple[Line, ...]
    money: Decimal
    hours: Decimal
    grant_money: Decimal
    before_grant_money: Decimal
    team_hours: Decimal
    unpriced: tuple[str, ...]
    budget: Decimal | None
    budget_hours: Decimal | None
    share: Decimal | None
    gap: Decimal | None
    gap_hours: Decimal | None
    unpaid_lay_hours: Decimal
    unpaid_junior_hours: Decimal
    declined_hours: Decimal
    benefits_advice: tuple[str, ...]
    by_cell: tuple[CellTotal, ...]
    by_stage: tuple[StageTotal, ...]
    by_bearer: tuple[BearerTotal, ...]
    months: int | None = None
    grant_unpriced: tuple[str, ...] = ()
    contingent_money: Decimal = _ZERO
    ppi_money: Decimal = _ZERO
    staff_money: Decimal = _ZERO
    by_heading: tuple[HeadingTotal, ...] = ()
    by_fund: tuple[FundTotal, ...] = ()
    by_year: tuple[YearTotal, ...] = ()
    project_id: str | None = None

    __omit_if_default__ = ("project_id",)  # documents without it read and write as before

    @property
    def short(self) -> bool:
        """The plan as drawn costs more money or team hours than set aside.

        Unpriced lines only add to the money, so a plan short without them is short.
        """
        return (self.gap is not None and self.gap < 0) or (
            self.gap_hours is not None and self.gap_hours < 0
        )

    def gap_sentence(self) -> str:
        """The gap in words, e.g. for the appraisal's resourcing finding.

        Example:
            >>> from coproduce.costing import cost
            >>> from coproduce.io import load_example
            >>> cost(load_example("no-resources")).gap_sentence()
            'short by GBP 6,150.00 and 16 team hours for the plan as drawn'
            >>> cost(load_example("contested-policy")).gap_sentence()
            'within the budget: GBP 3,344.00 and 49 team hours to spare'

        """
        if self.gap is None and self.gap_hours is None:
            return "no budget is given for involvement"
        money = None if self.gap is None else f"{self.currency} {self.gap.copy_abs():,.2f}"
        hours = (
            None
            if self.gap_hours is None
            else f"{self.gap_hours.copy_abs().normalize(EXACT):f} team hours"
        )
        unpriced = len(self.grant_unpriced) if self.gap is not None else 0
        priced = f"{unpriced} line{'s' * (unpriced != 1)} without a rate" if unpriced else ""
        if money is not None and unpriced:
            money = f"at least {money}" if self.gap is not None and self.gap < 0 else money
        short = [
            text
            for text, gap in ((money, self.gap), (hours, self.gap_hours))
            if text is not None and gap is not None and gap < 0
        ]
        if short:
            return f"short by {' and '.join(short)} for the plan as drawn"
        spare = " and ".join(text for text in (money, hours) if text is not None)
        if unpriced:
            return f"not known to fit the budget: {spare} to spare before pricing {priced}"
        return f"within the budget: {spare} to spare"


class Verb(VocabularyEnum):
    """What the plan that fits does to one involvement."""

    KEEP = "keep"
    LIGHTER = "lighter"
    """Keep it in its lighter version."""
    DROP = "drop"
    PAY = "pay"
    """Pay lay contributors the drawn plan left unpaid (the fit never saves on them)."""


@attrs.frozen(kw_only=True)
class FitChange(Record):
    """What the plan that fits does to one involvement (keep, lighten, drop, pay), and why.

    One per involvement costing in :attr:`Fit.changes`; a kept involvement has one too. (Not
    :class:`coproduce.appraisal.Change`, a difference between two appraisals.) Was
    ``Change``, a name kept as a deprecated alias.

    Attributes:
        stage: the involvement's stage.
        stakeholder: the involvement's stakeholder.
        verb: keep, make lighter, drop, or pay.
        aims: the aims the involvement serves.
        money: the involvement's money as the fit keeps it (0 when dropped).
        team_hours: the team hours as the fit keeps them.
        saving: money saved against the plan as drawn (negative when paying costs more).
        reason: why, in a sentence.
        unpriced: the labels of the lines the fit keeps that need a rate the cards do not
            give (``"fee: public-contributor per hour (paid)"``): ``money`` is a lower
            bound when there are any.

    """

    stage: StageId
    stakeholder: str
    verb: Verb
    aims: tuple[str, ...]
    money: Decimal
    team_hours: Decimal
    saving: Decimal
    reason: str
    unpriced: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Fit(Record):
    """The plan that keeps the most of what the aims need within a budget.

    Attributes:
        budget: the money the plan must fit in (``None``: unlimited).
        budget_hours: the team hours it must fit in (``None``: unlimited).
        fixed_money: money the fit cannot change (staff time, subcontracts, shared
            expenses), counted first.
        fixed_hours: team hours it cannot change.
        money: the fitted plan's grant money, fixed costs included.
        team_hours: the fitted plan's team hours, fixed hours included.
        feasible: the fitted plan is known to fit the budget: the fixed costs alone fit
            it (when they do not, every involvement is dropped and the changes say so), and
            with a money budget no line the plan keeps lacks a rate.
        aims_served: the aims the fitted plan still serves.
        aims_lost: the aims the drawn plan served and the fitted plan cannot, within the
            budget.
        changes: one per involvement costing, in the plan's canonical order.
        method: how the fit was found, in a sentence (for reports).
        unpriced: the lines the fitted plan keeps that need a rate the cards do not give,
            each as ``stage · party · label`` (the changes' in their order, then the fixed
            lines', ``project`` for no stage); ``money`` and ``fixed_money`` leave them
            out, so they are lower bounds when there are any. Lines are named, not given
            by path: the fit is the same whatever the order of the document's lists.

    """

    budget: Decimal | None
    budget_hours: Decimal | None
    fixed_money: Decimal
    fixed_hours: Decimal
    money: Decimal
    team_hours: Decimal
    feasible: bool
    aims_served: tuple[str, ...]
    aims_lost: tuple[str, ...]
    changes: tuple[FitChange, ...]
    method: str
    unpriced: tuple[str, ...] = ()
