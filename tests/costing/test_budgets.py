"""Budgets as finance officers write them (issue #25): quantities, contingencies, funders,
headings and years, dated rates, and a fit that keeps what the rest depends on.

The published examples' arithmetic is restated here in our own words, the figures being
facts, with each source named where it is used.
"""

from __future__ import annotations

import io
import itertools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import _paths

from coproduce import Aim, Involvement, Mode, Project, Stakeholder, StakeholderKind
from coproduce.cli import main
from coproduce.costing import Costing, Fit, Verb, cost, fit
from coproduce.errors import DocumentError
from coproduce.io import dump_project, load_project
from coproduce.model import (
    After,
    CostingPlan,
    Expense,
    ExpenseKind,
    Fund,
    Funding,
    InvolvementCosting,
    Lighter,
    PaymentMethod,
    Rate,
    RateCard,
    RateUnit,
    StaffTime,
)

BUDGETS = _paths.EXAMPLES / "budgets"
D = Decimal


def _costed(name: str) -> Costing:
    result = cost(load_project(BUDGETS / name))
    assert result is not None
    return result


# --------------------------------------------------------------------------- published budgets


def test_the_rds_feedback_evening_totals_214_72_with_carers_costs_apart() -> None:
    """NIHR Research Design Service North West, "Examples of good patient and public
    involvement fund applications", example 1 (rds-nw.nihr.ac.uk/public-involvement/fund/
    example-applications): 16 invited by post at 92p, 8 attending with a GBP 5 buffet, about
    GBP 10 travel and a GBP 10 thank-you each, the room free: GBP 214.72; carers' and other costs
    only if needed, up to GBP 350.
    """
    c = _costed("feedback-evening.yaml")
    assert c.grant_money == D("214.72") and c.contingent_money == D(350)
    postage = next(ln for ln in c.lines if ln.unit == "invitations")
    assert (postage.quantity, postage.rate, postage.money) == (D(16), D("0.92"), D("14.72"))
    headings = {h.heading: (h.money, h.contingent) for h in c.by_heading}
    assert headings["Fees"] == (D(80), D(0))
    assert headings["Venues and catering"] == (D(40), D(0))
    assert headings["Travel and expenses"] == (D(80), D(0))
    assert headings["Other costs"] == (D("14.72"), D(0))  # the postage
    assert headings["Carers and access costs"] == (D(0), D(350))
    assert c.ppi_money == D("214.72") and c.staff_money == 0


def test_the_community_fund_example_splits_into_4901_grant_and_1836_match() -> None:
    """Merseyside Recycling and Waste Authority, Community Fund "Costs" guidance
    (merseysidewda.gov.uk/community-fund-costs): lines at 50 % shared with match funding,
    the rest the fund's; GBP 4,901 asked, GBP 1,836 matched, GBP 6,737 in all.
    """
    c = _costed("community-fund-match.yaml")
    funds = {f.fund: f.money for f in c.by_fund}
    assert funds == {"grant": D(4901), "match": D(1836)}
    assert c.grant_money == D(6737) == sum(funds.values())
    machines = next(ln for ln in c.lines if ln.unit == "machines")
    assert (machines.quantity, machines.money) == (D(3), D(285))  # 3 × GBP 95, not "1 × GBP 285"
    assert c.staff_money == D(2772)  # (120 + 12) hours × GBP 21
    assert c.ppi_money == D(6737) - D(2772)


def test_a_us_project_costs_with_its_own_card_alone(tmp_path: Path) -> None:
    """A co-design group priced in US dollars, from the total the issue gives (US$86,400;
    we found no published source for it, so the lines are ours): 12 advisers, 24
    sessions of 3 hours at $100 an hour. The shipped card is in GBP and is not layered
    under a USD project, so ``cost`` needs no ``--rates``.
    """
    project = _panel_project(
        currency="USD", people=12, sessions=24, hours=3, rates=((None, D(100)),)
    )
    c = cost(project)
    assert c is not None and c.money == D(86400)
    path = tmp_path / "codesign.yaml"
    path.write_text(dump_project(project, "yaml"), encoding="utf-8")
    out = io.StringIO()
    assert main(["cost", str(path), "-f", "json"], stdout=out) == 0, out.getvalue()
    assert json.loads(out.getvalue())["costing"]["grant_money"] == "86400"


# --------------------------------------------------------------------------- funds and years


def _panel_project(
    *,
    currency: str = "GBP",
    people: int = 6,
    sessions: int = 1,
    hours: int = 2,
    rates: tuple[tuple[str | None, D], ...] = ((None, D(25)),),
    **plan: Any,
) -> Project:
    """A patient panel meeting at framing, paid per hour from the project's own card."""
    card = RateCard(
        id="ours",
        currency=currency,
        rates=tuple(
            Rate(role="member", unit=RateUnit.HOUR, amount=amount, effective=day)
            for day, amount in rates
        ),
    )
    return Project(
        title="A trial with a patient panel",
        aims=(Aim(id="relevance", description="questions patients care about"),),
        stakeholders=(Stakeholder(id="panel", kind=StakeholderKind.PATIENT),),
        plan=(
            Involvement(
                stage="stage.framing-questions",
                stakeholder="panel",
                mode=Mode.CONSULTATION,
                aims=("relevance",),
            ),
        ),
        costing=attrs.evolve(
            CostingPlan(
                currency=currency,
                rate_card=card,
                involvements=(
                    InvolvementCosting(
                        stage="stage.framing-questions",
                        stakeholder="panel",
                        people=people,
                        sessions=sessions,
                        hours=D(hours),
                        role="member",
                    ),
                ),
            ),
            **plan,
        ),
    )


def _plan(project: Project) -> CostingPlan:
    assert project.costing is not None
    return project.costing


def test_a_funds_cap_applies_only_to_the_lines_it_pays_for() -> None:
    """A GBP 300 involvement fund pays the panel's fees; the grant pays the coordinator."""
    project = _panel_project(
        funds=(Fund(id="ppi-fund", cap=D(300)), Fund(id="grant")),
        staff=(
            StaffTime(
                description="coordinator",
                hours=D(40),
                role="member",
                funding=(Funding(fund="grant"),),
            ),
        ),
    )
    c = cost(project)
    assert c is not None
    ppi, grant = c.by_fund
    assert (ppi.money, ppi.over) == (D(300), None)  # 6 × 2 h × GBP 25: within its cap exactly
    assert (grant.money, grant.cap) == (D(1000), None)  # the staff time is not its to cap
    plan = _plan(project)
    seven = attrs.evolve(plan.involvements[0], people=7)
    over = cost(attrs.evolve(project, costing=attrs.evolve(plan, involvements=(seven,))))
    assert over is not None and over.by_fund[0].over == D(50)


def test_lines_fall_in_the_financial_year_of_their_date_or_month() -> None:
    """UK financial years start in April: month 3 of a January start is 2025/26, month 4
    2026/27; a calendar-year project counts years as they are."""
    base = _panel_project(start="2026-01-05")
    ic = _plan(base).involvements[0]
    twice = attrs.evolve(
        _plan(base),
        involvements=(attrs.evolve(ic, month=3),),
        staff=(StaffTime(description="coordinator", hours=D(10), role="member", month=4),),
    )
    c = cost(attrs.evolve(base, costing=twice))
    assert c is not None
    assert [(y.year, y.ppi_money, y.staff_money) for y in c.by_year] == [
        ("2025/26", D(300), D(0)),
        ("2026/27", D(0), D(250)),
    ]
    calendar = cost(attrs.evolve(base, costing=attrs.evolve(twice, year_starts=1)))
    assert calendar is not None and [y.year for y in calendar.by_year] == ["2026"]


def test_the_costing_prices_at_the_rates_in_force_on_its_day() -> None:
    """NIHR raised its public involvement rates by 10 % from 16 December 2025 (the issue):
    a card holds both rates, and the costing's day chooses."""
    rates = ((None, D(25)), ("2025-12-16", D("27.50")))
    before = cost(_panel_project(rates=rates, priced_on="2025-12-15"))
    after = cost(_panel_project(rates=rates, priced_on="2025-12-16"))
    latest = cost(_panel_project(rates=rates))
    assert before is not None and after is not None and latest is not None
    assert (before.money, after.money, latest.money) == (D(300), D(330), D(330))


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"funding": [{"fund": "nope"}]}, "$.costing.involvements[0].funding", "costing.funds"),
        ({"month": 3}, "$.costing.involvements[0].month", "costing.start"),
        (
            {"after": [{"stage": "stage.dissemination"}]},
            "$.costing.involvements[0].after[0]",
            "not another involvement",
        ),
    ],
)
def test_bad_budget_fields_are_reported_at_their_path(
    change: dict[str, object], path: str, words: str
) -> None:
    data = json.loads(dump_project(_panel_project(), "json"))
    data["costing"]["involvements"][0].update(change)
    with pytest.raises(DocumentError) as caught:
        load_project(json.dumps(data))
    issues = [(i.path, i.message) for i in caught.value.issues]
    assert any(p.startswith(path) and words in m for p, m in issues), issues


def test_shares_that_do_not_add_up_to_100_are_refused() -> None:
    data = json.loads(dump_project(_panel_project(), "json"))
    data["costing"]["funds"] = [{"id": "grant"}, {"id": "match"}]
    data["costing"]["involvements"][0]["funding"] = [
        {"fund": "grant", "percent": 50},
        {"fund": "match", "percent": 40},
    ]
    with pytest.raises(DocumentError) as caught:
        load_project(json.dumps(data))
    assert [(i.path, "add up to 90" in i.message) for i in caught.value.issues] == [
        ("$.costing.involvements[0].funding", True)
    ]


def test_a_costing_without_the_new_fields_writes_as_before() -> None:
    """The new fields are left out at their defaults: an old document round-trips as is."""
    text = dump_project(_panel_project(), "yaml")
    for name in ("funding", "quantity", "contingent", "after", "funds", "year_starts"):
        assert f"{name}:" not in text


# --------------------------------------------------------------------------- the fit


_STAGES = (
    "stage.framing-questions",
    "stage.collecting-data",
    "stage.analysing-data",
    "stage.dissemination",
)


def _group_project(
    costs: list[list[int]],
    aims: list[tuple[str, ...]],
    after: dict[int, tuple[int, ...]],
    budget: int,
) -> Project:
    """One group's involvements, each priced by its expense; lighter levels as listed."""
    ids = sorted({a for served in aims for a in served}) or ["a"]
    involvements = []
    for k, levels in enumerate(costs):
        spend = [Expense(kind=ExpenseKind.VENUE, amount=D(m)) for m in levels]
        lighter = [Lighter(expenses=(e,)) for e in spend[1:]]
        involvements.append(
            InvolvementCosting(
                stage=_STAGES[k],
                stakeholder="group",
                payment=PaymentMethod.NONE,
                expenses=(spend[0],),
                lighter=lighter[0] if lighter else None,
                lighter_still=tuple(lighter[1:]),
                after=tuple(After(stage=_STAGES[d]) for d in after.get(k, ())),
            )
        )
    return Project(
        title="One group, four stages",
        aims=tuple(Aim(id=a, description=a) for a in ids),
        stakeholders=(Stakeholder(id="group", kind=StakeholderKind.PRACTITIONER),),
        plan=tuple(
            Involvement(stage=_STAGES[k], stakeholder="group", mode=Mode.CONSULTATION, aims=aims[k])
            for k in range(len(costs))
        ),
        costing=CostingPlan(currency="GBP", budget=D(budget), involvements=tuple(involvements)),
    )


def test_the_fit_keeps_the_founding_meeting_the_later_rounds_depend_on() -> None:
    """The issue's case: six meet in person at framing (GBP 250), then online (GBP 150) and in
    writing (GBP 150), both after framing, then share the findings (GBP 240); every one serves
    both aims. Within GBP 490 the fit used to keep the two cheap rounds (GBP 300) and drop the
    founding meeting; now framing and dissemination, GBP 490, every aim served."""
    both = ("relevance", "ownership")
    project = _group_project([[250], [150], [150], [240]], [both] * 4, {1: (0,), 2: (0,)}, 490)
    f = fit(project)
    assert f is not None
    verbs = [c.verb for c in f.changes]
    assert verbs == [Verb.KEEP, Verb.DROP, Verb.DROP, Verb.KEEP]
    assert f.money == 490 and f.aims_served == ("ownership", "relevance")


def test_the_fit_tries_every_lighter_level_before_dropping_a_meeting() -> None:
    project = _group_project([[300, 200, 120], [200]], [("a",), ("b",)], {}, 330)
    f = fit(project)
    assert f is not None
    assert [(c.verb, c.money) for c in f.changes] == [(Verb.LIGHTER, D(120)), (Verb.KEEP, D(200))]
    assert "lighter level 2" in f.changes[0].reason


def _score(f: Fit, costs: list[list[int]]) -> tuple[int, int, int, Decimal]:
    kept = [(k, c) for k, c in enumerate(f.changes) if c.verb is not Verb.DROP]
    steps = sum(costs[k].index(int(c.money)) for k, c in kept)
    return (len(f.aims_served), len(kept), -steps, f.money)


_Plan = tuple[list[list[int]], list[tuple[str, ...]], dict[int, tuple[int, ...]], int]
"""Costs per lighter level, aims, dependencies and a budget."""


@st.composite
def _small_plans(draw: st.DrawFn) -> _Plan:
    n = draw(st.integers(1, 4))
    costs = [
        sorted(
            draw(st.sets(st.integers(1, 60).map(lambda m: m * 5), min_size=1, max_size=3)),
            reverse=True,
        )
        for _ in range(n)
    ]
    aims = [tuple(sorted(draw(st.sets(st.sampled_from("xyz"), max_size=2)))) for _ in range(n)]
    after = {}
    for k in range(n):
        others = [d for d in range(n) if d != k]
        if others:
            after[k] = tuple(sorted(draw(st.sets(st.sampled_from(others), max_size=2))))
    return costs, aims, {k: v for k, v in after.items() if v}, draw(st.integers(0, 500))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_small_plans())
def test_the_fit_is_the_best_plan_brute_force_finds(
    plan: _Plan,
) -> None:
    """Every plan of a small costing, enumerated here on its own: none allowed beats the
    fit on (aims served, kept, fewest steps lighter, money used), and the fit is allowed."""
    costs, aims, after, budget = plan
    f = fit(_group_project(costs, aims, after, budget))
    assert f is not None
    kept = {k for k, c in enumerate(f.changes) if c.verb is not Verb.DROP}
    assert f.money <= budget
    assert all(set(after.get(k, ())) <= kept for k in kept)  # never keeps one without its own
    best = None
    for picks in itertools.product(*(range(len(c) + 1) for c in costs)):
        chosen = {k for k, p in enumerate(picks) if p < len(costs[k])}
        money = sum(costs[k][picks[k]] for k in chosen)
        if money > budget or any(not set(after.get(k, ())) <= chosen for k in chosen):
            continue
        served = {a for k in chosen for a in aims[k]}
        merit = (len(served), len(chosen), -sum(picks[k] for k in chosen), D(money))
        best = merit if best is None or merit > best else best
    assert best is not None  # dropping everything is always allowed
    assert _score(f, costs) == best


def test_a_thirteen_line_meeting_budget_totals_exactly_line_by_line() -> None:
    """A meeting budget in 13 lines, written for these tests (the issue names a 13-line
    meeting budget but gives no figures, and no published source was found): every line its
    own quantity and unit, two lines only if needed, the coordinator's time apart.
    """
    c = _costed("advisory-meeting-13-lines.yaml")
    assert len(c.lines) == 13
    by_item = {ln.label.partition(": ")[2] or ln.label: ln for ln in c.lines}
    printing = by_item["printing"]
    assert (printing.quantity, printing.unit, printing.money) == (D(150), "pages", D("18.00"))
    assert by_item["lunch"].money == 6 * D("8.50")  # per person, six people
    assert by_item["overnight stays"].money == 2 * D(95)
    assert [ln.money for ln in c.lines if ln.contingent] == [D(60), D(40)]
    fees, travel, stays, taxi, venue, lunch, tea, interpreter = (
        D(6 * 3 * 25),
        D(6 * 12),
        D(190),
        D(38),
        D(120),
        D(51),
        D(15),
        D(180),
    )
    postage, staff = 6 * D("0.92"), D(6 * 30)
    committed = fees + travel + stays + taxi + venue + lunch + tea + D(18) + interpreter
    assert c.ppi_money == committed + postage == D("1139.52")
    assert c.staff_money == staff
    assert c.grant_money == D("1319.52") and c.contingent_money == D(100)
