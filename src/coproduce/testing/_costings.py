"""Strategies for costings and costed projects: rate cards, team and staff time, expenses."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from coproduce.catalogue import Catalogue
from coproduce.model import (
    CostingPlan,
    Expense,
    ExpenseBasis,
    ExpenseKind,
    Involvement,
    InvolvementCosting,
    Lighter,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    ResearcherId,
    SessionFormat,
    StaffTime,
    StakeholderId,
    Subcontract,
    TeamTime,
)
from coproduce.testing._projects import projects, texts, unique

__all__ = ["ROLES", "amounts", "costed_projects", "costings", "hours"]


amounts = st.integers(min_value=0, max_value=500_000).map(lambda n: Decimal(n) / 100)
"""Money: whole minor units up to 5,000.00, exact."""


hours = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 4)
"""Hours in quarters up to 10, exact."""


ROLES = ("contributor", "coordinator")
"""The roles :func:`costings` draws rates and lines for."""


@st.composite
def costings(
    draw: st.DrawFn, project: Project, *, currency: str = "GBP", max_lines: int = 14
) -> CostingPlan:
    """A valid costing of ``project``: lines for some of its plan lines, every reference kept.

    The rate card prices every role of :data:`ROLES` per hour, half-day and day, some
    amounts left unknown (``None``); lay lines may be unpaid; some lines have a lighter
    version; budgets may be absent.
    """
    card = _rate_card(draw, currency)
    researcher_ids = [r.id for r in project.researchers]
    expenses, team, lighter = _expenses(currency), _team(researcher_ids), _lighter()
    chosen = (
        draw(st.lists(st.sampled_from(project.plan), unique=True, max_size=max_lines))
        if (project.plan)
        else []
    )
    involvements = tuple(
        _involvement_costing(draw, inv, expenses=expenses, team=team, lighter=lighter)
        for inv in chosen
    )
    stakeholder_ids = [s.id for s in project.stakeholders]
    return CostingPlan(
        currency=currency,
        budget=draw(st.none() | amounts.map(lambda a: a * 4)),
        budget_hours=draw(st.none() | hours.map(lambda h: h * 20)),
        months=draw(st.none() | st.integers(1, 60)),
        rate_card=card,
        involvements=involvements,
        staff=draw(_staff(researcher_ids)),
        subcontracts=draw(_subcontracts(stakeholder_ids)),
        expenses=draw(expenses),
    )


def _rate_card(draw: st.DrawFn, currency: str) -> RateCard:
    """A card pricing every role of :data:`ROLES` per every unit, some amounts unknown."""
    return RateCard(
        id="drawn",
        currency=currency,
        rates=tuple(
            Rate(role=role, unit=unit, amount=draw(st.none() | amounts))
            for role in ROLES
            for unit in RateUnit
        ),
    )


def _team(researcher_ids: list[ResearcherId]) -> st.SearchStrategy[tuple[TeamTime, ...]]:
    """Team time on an involvement: at most one entry per researcher, two at most."""
    if not researcher_ids:
        return st.just(())
    return unique(
        st.builds(
            TeamTime,
            researcher=st.sampled_from(researcher_ids),
            hours=hours,
            role=st.sampled_from(("", "coordinator")),
            funded=st.booleans(),
        ),
        lambda t: t.researcher,
        2,
    )


def _expenses(currency: str) -> st.SearchStrategy[tuple[Expense, ...]]:
    """Up to two expenses, in the costing's currency or none named."""
    return st.lists(
        st.builds(
            Expense,
            kind=st.sampled_from(ExpenseKind),
            amount=amounts,
            basis=st.sampled_from(ExpenseBasis),
            currency=st.sampled_from((None, currency)),
        ),
        max_size=2,
    ).map(tuple)


def _lighter() -> st.SearchStrategy[Lighter | None]:
    """No lighter version, or one changing some of people, sessions, hours and format."""
    return st.none() | st.builds(
        Lighter,
        people=st.none() | st.integers(1, 4),
        sessions=st.none() | st.integers(1, 2),
        hours=st.none() | hours,
        format=st.none() | st.sampled_from(SessionFormat),
    )


def _involvement_costing(
    draw: st.DrawFn,
    inv: Involvement,
    *,
    expenses: st.SearchStrategy[tuple[Expense, ...]],
    team: st.SearchStrategy[tuple[TeamTime, ...]],
    lighter: st.SearchStrategy[Lighter | None],
) -> InvolvementCosting:
    """A costing of one plan line."""
    return InvolvementCosting(
        stage=inv.stage,
        stakeholder=inv.stakeholder,
        people=draw(st.integers(1, 12)),
        sessions=draw(st.integers(1, 6)),
        hours=draw(hours),
        preparation_hours=draw(hours),
        travel_hours=draw(hours),
        format=draw(st.sampled_from(SessionFormat)),
        role=draw(st.sampled_from(("", "contributor"))),
        unit=draw(st.sampled_from(RateUnit)),
        payment=draw(st.sampled_from(PaymentMethod)),
        benefits_advice=draw(st.booleans()),
        expenses=draw(expenses),
        team=draw(team),
        before_grant=draw(st.booleans()),
        lighter=draw(lighter),
    )


def _staff(researcher_ids: list[ResearcherId]) -> st.SearchStrategy[tuple[StaffTime, ...]]:
    """Up to two lines of staff time, some of named researchers."""
    return st.lists(
        st.builds(
            StaffTime,
            description=texts,
            hours=hours,
            researcher=st.none() | st.sampled_from(researcher_ids) if researcher_ids else st.none(),
            role=st.sampled_from(("", "coordinator")),
            funded=st.booleans(),
            training=st.booleans(),
        ),
        max_size=2,
    ).map(tuple)


def _subcontracts(
    stakeholder_ids: list[StakeholderId],
) -> st.SearchStrategy[tuple[Subcontract, ...]]:
    """At most one subcontract, to one of the project's stakeholders."""
    if not stakeholder_ids:
        return st.just(())
    return st.lists(
        st.builds(Subcontract, partner=st.sampled_from(stakeholder_ids), amount=amounts),
        max_size=1,
    ).map(tuple)


@st.composite
def costed_projects(draw: st.DrawFn, catalogue: Catalogue | None = None) -> Project:
    """Valid projects (as :func:`projects`) with a valid costing (as :func:`costings`)."""
    project = draw(projects(catalogue))
    return attrs.evolve(project, costing=draw(costings(project)))
