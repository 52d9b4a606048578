"""Costing: exact money and hours, errors with paths, and the plan that fits."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coproduce import Aim, Involvement, Mode, Project, Stakeholder, StakeholderKind
from coproduce.cli import main
from coproduce.costing import (
    Costing,
    Fit,
    LineKind,
    Verb,
    cost,
    costing_problems,
    fit,
    rate_table,
)
from coproduce.costing import default_rate_card as default_card
from coproduce.errors import CostingError, DocumentError
from coproduce.io import dump_project, load_example, load_project, load_rate_card
from coproduce.model import (
    BearerId,
    ContractType,
    CostingPlan,
    Expense,
    ExpenseBasis,
    ExpenseKind,
    InvolvementCosting,
    Lighter,
    PaymentMethod,
    Rate,
    RateCard,
    RateUnit,
    Researcher,
    Sphere,
    StaffTime,
    StageId,
    TeamTime,
)
from coproduce.testing import costed_projects, costings, projects

ZERO = Decimal(0)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
T = TypeVar("T")


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


# --------------------------------------------------------------------------- exact totals


class TestTotalsAreTheSumOfTheirLines:
    """Every total equals the exact sum of its lines (Decimal, never rounded)."""

    @SETTINGS
    @given(costed_projects())
    def test_totals(self, project: Project) -> None:
        c = cost(project)
        assert c is not None
        lines = c.lines
        assert c.money == _sum(ln.money for ln in lines)
        assert c.hours == _sum(ln.hours for ln in lines)
        assert c.money == c.grant_money + c.before_grant_money
        assert c.grant_money == _sum(ln.money for ln in lines if not ln.before_grant)
        for group in (c.by_bearer, c.by_stage, c.by_cell):
            assert _sum(g.money for g in group) == c.money
            assert _sum(g.hours for g in group) == c.hours
        assert _sum(b.unpaid_hours for b in c.by_bearer) == _sum(ln.unpaid_hours for ln in lines)
        for ln in lines:
            if ln.rate is not None and ln.money is not None and ln.kind is not LineKind.FEE:
                assert ln.money == ln.quantity * ln.rate
        if c.budget is not None:
            assert c.gap == c.budget - c.grant_money

    @SETTINGS
    @given(costed_projects())
    def test_the_appraisal_reports_the_totals_of_the_lines(self, project: Project) -> None:
        """The appraisal's cost summary is the costing's lines added up, then rounded."""
        from coproduce import appraise
        from coproduce.appraisal._costs import _f

        c = cost(project)
        s = appraise(project).costs
        assert c is not None and s is not None and not s.problems
        lines, team = c.lines, (LineKind.TEAM, LineKind.STAFF)
        assert s.money == _f(_sum(ln.money for ln in lines))
        assert s.hours == _f(_sum(ln.hours for ln in lines))
        grant_team = _sum(ln.hours for ln in lines if ln.kind in team and not ln.before_grant)
        assert s.team_hours == _f(grant_team)
        assert s.unpriced == tuple(ln.path for ln in lines if ln.money is None)
        stages = {st.stage: st for st in c.by_stage}
        assert [(x.stage, x.money, x.hours) for x in s.stages] == [
            (stage or "", _f(_sum(ln.money for ln in lines if ln.stage == stage)), _f(st.hours))
            for stage, st in stages.items()
        ]
        assert [(b.bearer, b.money, b.unpaid_hours) for b in s.bearers] == [
            (
                b.bearer,
                _f(_sum(ln.money for ln in lines if ln.bearer == b.bearer)),
                _f(_sum(ln.unpaid_hours for ln in lines if ln.bearer == b.bearer)),
            )
            for b in c.by_bearer
        ]

    @SETTINGS
    @given(costed_projects())
    def test_the_summary_is_the_costing_without_its_lines(self, project: Project) -> None:
        """``lines=False`` (the appraisal's) gives the same totals exactly, without lines."""
        c = cost(project)
        short = cost(project, lines=False)
        assert c is not None and short is not None
        zero = Decimal(0)
        assert short == attrs.evolve(
            c,
            lines=(),
            by_cell=(),
            by_heading=(),
            by_fund=(),
            by_year=(),
            ppi_money=zero,
            staff_money=zero,
        )
        assert [str(v) for v in (short.money, short.hours, short.team_hours)] == [
            str(v) for v in (c.money, c.hours, c.team_hours)
        ]

    @SETTINGS
    @given(costed_projects())
    def test_an_unlimited_fit_keeps_the_money_of_the_lines(self, project: Project) -> None:
        """Without a budget the fit keeps every line: its money is theirs, exponent and all.

        Lay contributors left unpaid at a role with a rate are costed as paid ("pay").
        """
        plan = project.costing
        assert plan is not None
        table = rate_table(plan)
        lay = {s.id for s in project.stakeholders if s.kind.sphere is Sphere.LAY}

        def paid(ic: InvolvementCosting) -> InvolvementCosting:
            rate = table.get((ic.role, ic.unit))
            unpaid = ic.stakeholder in lay and ic.payment is PaymentMethod.NONE and ic.role
            if unpaid and rate is not None and rate.amount is not None:
                return attrs.evolve(ic, payment=PaymentMethod.PAID)
            return ic

        unlimited = attrs.evolve(plan, budget=None, budget_hours=None)
        f = fit(attrs.evolve(project, costing=unlimited))
        paid_up = attrs.evolve(unlimited, involvements=tuple(map(paid, plan.involvements)))
        c = cost(attrs.evolve(project, costing=paid_up))
        assert f is not None and c is not None and f.feasible
        shared = [ln for ln in c.lines if ln.involvement is None]
        assert str(f.fixed_money) == str(_sum(ln.money for ln in shared))
        assert str(f.fixed_hours) == str(_sum(ln.hours for ln in shared))
        changes = {(ch.stage, ch.stakeholder): ch for ch in f.changes}
        for i, ic in enumerate(plan.involvements):
            ch = changes[(StageId(ic.stage), ic.stakeholder)]
            lines = [ln for ln in c.lines if ln.involvement == i]
            money = _sum(ln.money for ln in lines) if not ic.before_grant else ZERO
            hours = _sum(ln.hours for ln in lines if ln.kind is LineKind.TEAM)
            assert ch.verb in (Verb.KEEP, Verb.PAY)
            assert str(ch.money) == str(money)
            assert str(ch.team_hours) == str(hours if not ic.before_grant else ZERO)
        assert f.money == f.fixed_money + _sum(ch.money for ch in f.changes)

    @SETTINGS
    @given(costed_projects())
    def test_doubling_a_rate_doubles_its_lines(self, project: Project) -> None:
        plan = project.costing
        assert plan is not None and plan.rate_card is not None
        doubled = attrs.evolve(
            plan.rate_card,
            rates=tuple(
                attrs.evolve(r, amount=None if r.amount is None else r.amount * 2)
                for r in plan.rate_card.rates
            ),
        )
        before = cost(project)
        after = cost(attrs.evolve(project, costing=attrs.evolve(plan, rate_card=doubled)))
        assert before is not None and after is not None
        assert [ln.path for ln in before.lines] == [ln.path for ln in after.lines]
        for b, a in zip(before.lines, after.lines, strict=True):
            if b.kind is LineKind.EXPENSE or b.kind is LineKind.SUBCONTRACT:
                assert a.money == b.money  # not a rate card's line
            elif b.money is not None:
                assert a.money == 2 * b.money
            assert a.hours == b.hours

    @SETTINGS
    @given(costed_projects(), st.randoms(use_true_random=False))
    def test_list_order_does_not_change_the_totals(
        self, project: Project, rnd: random.Random
    ) -> None:
        plan = project.costing
        assert plan is not None

        def shuffled(items: tuple[T, ...]) -> tuple[T, ...]:
            out = list(items)
            rnd.shuffle(out)
            return tuple(out)

        other = attrs.evolve(
            project,
            plan=shuffled(project.plan),
            stakeholders=shuffled(project.stakeholders),
            researchers=shuffled(project.researchers),
            costing=attrs.evolve(plan, involvements=shuffled(plan.involvements)),
        )
        a, b = cost(project), cost(other)
        assert a is not None and b is not None
        assert (a.money, a.hours, a.by_stage, a.by_bearer, a.by_cell) == (
            b.money,
            b.hours,
            b.by_stage,
            b.by_bearer,
            b.by_cell,
        )

    @SETTINGS
    @given(costed_projects())
    def test_costed_documents_round_trip(self, project: Project) -> None:
        for fmt in ("json", "yaml"):
            assert load_project(dump_project(project, fmt), format=fmt) == project
        assert project.costing is not None
        bare = attrs.evolve(project, extensions={}, stakeholders=(), plan=(), researchers=())
        bare = attrs.evolve(
            bare, costing=attrs.evolve(project.costing, involvements=(), staff=(), subcontracts=())
        )
        assert load_project(dump_project(bare, "toml"), format="toml") == bare


# --------------------------------------------------------------------------- a worked example


def _small(
    *,
    budget: Decimal | None = None,
    budget_hours: Decimal | None = None,
    involvements: tuple[InvolvementCosting, ...] = (),
    staff: tuple[StaffTime, ...] = (),
) -> Project:
    card = RateCard(
        id="mine",
        currency="GBP",
        rates=(
            Rate(role="member", unit=RateUnit.HOUR, amount=Decimal("20.00")),
            Rate(role="member", unit=RateUnit.DAY, amount=Decimal(150)),
            Rate(role="coordinator", unit=RateUnit.HOUR, amount=Decimal("30.50")),
        ),
    )
    return Project(
        title="t",
        aims=(Aim(id="a", description="one"), Aim(id="b", description="two")),
        stakeholders=(
            Stakeholder(id="panel", kind=StakeholderKind.PATIENT),
            Stakeholder(id="board", kind=StakeholderKind.MANAGER),
        ),
        researchers=(Researcher(id="ra", career_stage=None, contract=None),),
        plan=(
            Involvement(
                stage="stage.framing-questions",
                stakeholder="panel",
                mode=Mode.COLLABORATION,
                aims=("a",),
            ),
            Involvement(
                stage="stage.framing-questions",
                stakeholder="board",
                mode=Mode.CONSULTATION,
                aims=("b",),
            ),
        ),
        costing=CostingPlan(
            currency="GBP",
            budget=budget,
            budget_hours=budget_hours,
            rate_card=card,
            involvements=involvements,
            staff=staff,
        ),
    )


def test_a_fee_line_is_people_times_sessions_times_paid_hours() -> None:
    p = _small(
        budget=Decimal(300),
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                people=4,
                sessions=2,
                hours=Decimal(2),
                preparation_hours=Decimal("0.5"),
                travel_hours=Decimal(1),
                role="member",
                expenses=(
                    Expense(
                        kind=ExpenseKind.TRAVEL,
                        amount=Decimal("7.25"),
                        basis=ExpenseBasis.PERSON_SESSION,
                    ),
                ),
                team=(TeamTime(researcher="ra", hours=Decimal(3), role="coordinator"),),
            ),
        ),
    )
    c = cost(p)
    assert c is not None
    fee, travel, team = c.lines
    assert (fee.quantity, fee.money, fee.hours) == (Decimal(20), Decimal(400), Decimal(28))
    assert travel.money == Decimal("58.00")
    assert (team.hours, team.money) == (Decimal(6), Decimal("183.00"))
    assert c.grant_money == Decimal("641.00")
    assert c.gap == Decimal("-341.00")
    assert c.short


def test_unpaid_hours_are_lay_contributors_and_unfunded_junior_researchers() -> None:
    p = _small(
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                people=3,
                hours=Decimal(2),
                payment=PaymentMethod.NONE,
                role="member",
                team=(TeamTime(researcher="ra", hours=Decimal(5), funded=False),),
            ),
            InvolvementCosting(
                stage="stage.framing-questions", stakeholder="board", hours=Decimal(2)
            ),
        ),
    )
    p = attrs.evolve(p, researchers=(Researcher(id="ra", contract=ContractType.FIXED_TERM),))
    c = cost(p)
    assert c is not None
    assert c.unpaid_lay_hours == Decimal(6)  # the board's two hours are work time
    assert c.unpaid_junior_hours == Decimal(5)
    bearers = {b.bearer: b for b in c.by_bearer}
    assert bearers[BearerId("bearer.researchers-fixed-term")].unpaid_hours == Decimal(5)
    assert bearers[BearerId("bearer.patients")].unpaid_hours == Decimal(6)
    assert bearers[BearerId("bearer.managers")].unpaid_hours == ZERO


def test_non_monetary_costs_stand_beside_the_money() -> None:
    c = cost(load_example("contested-policy"))
    assert c is not None
    framing = next(s for s in c.by_stage if s.stage == "stage.framing-questions")
    assert framing.costs and all(cid.startswith("cost.") for cid, _ in framing.costs)


def test_the_shipped_card_cites_its_source_and_invents_no_figure() -> None:
    card = default_card()
    assert card.currency == "GBP"
    assert card.url.startswith("https://www.nihr.ac.uk/")
    assert card.publisher and card.date and card.title
    assert all(r.amount is None and "not confirmed" in r.note for r in card.rates)


def test_an_unconfirmed_rate_leaves_its_line_unpriced_not_zero() -> None:
    p = _small(
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                role="public-contributor",
                hours=Decimal(2),
            ),
        ),
    )
    assert p.costing is not None
    p = attrs.evolve(p, costing=attrs.evolve(p.costing, rate_card=None))
    c = cost(p, rates=default_card())
    assert c is not None
    assert c.lines[0].money is None
    assert c.unpriced == ("costing.involvements[0].role",)


# --------------------------------------------------------------------------- errors with paths


def test_two_currencies_are_an_error_with_the_path() -> None:
    p = _small(
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                expenses=(Expense(kind=ExpenseKind.VENUE, amount=Decimal(1), currency="EUR"),),
            ),
        ),
    )
    with pytest.raises(CostingError) as info:
        cost(p)
    assert info.value.problems == (
        "$.costing.involvements[0].expenses[0].currency: is 'EUR', but the project's costing is "
        "in 'GBP'; one project keeps one currency (convert the amount first)",
    )
    with pytest.raises(CostingError, match=r"rates\.currency: is 'EUR'"):
        cost(_small(), rates=RateCard(id="eu", currency="EUR"))


def test_unknown_references_are_errors_with_paths() -> None:
    p = _small(
        involvements=(
            InvolvementCosting(stage="stage.dissemination", stakeholder="panel", role="member"),
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                role="chair",
                team=(TeamTime(researcher="nobody", hours=Decimal(1)),),
            ),
            InvolvementCosting(stage="stage.framing-questions", stakeholder="panel"),
        ),
        staff=(StaffTime(description="x", hours=Decimal(1), stage="stage.nowhere"),),
    )
    paths = [path for path, _, _ in costing_problems(p)]
    assert paths == [
        "costing.involvements[0]",
        "costing.involvements[1].role",
        "costing.involvements[1].team[0].researcher",
        "costing.involvements[2]",
        "costing.staff[0].stage",
    ]
    with pytest.raises(CostingError, match="no rate for role 'chair' per hour"):
        cost(p)


def test_bad_costing_documents_report_every_problem_with_its_path() -> None:
    doc = {
        "schema_version": 1,
        "title": "t",
        "costing": {
            "currency": "pounds",
            "budget": -5,
            "involvements": [
                {"stage": "stage.framing-questions", "stakeholder": "x", "hours": "two"}
            ],
        },
    }
    with pytest.raises(DocumentError) as info:
        load_project(doc)
    paths = {i.path for i in info.value.issues}
    assert {"$.costing.budget", "$.costing.involvements[0].hours"} <= paths


@pytest.mark.parametrize(
    ("text", "path", "code"),
    [
        (
            'id = "c"\ncurrency = "GBP"\n[[rates]]\nrole = "m"\nunit = "week"\n',
            "$.rates[0].unit",
            "invalid-value",
        ),
        (
            'id = "c"\ncurrency = "GBP"\n[[rates]]\nrole = "m"\nunit = "hour"\namount = -1\n',
            "$.rates[0].amount",
            "invalid-value",
        ),
        ('id = "c"\n[[rates]]\nrole = "m"\nunit = "hour"\n', "$.currency", "missing-field"),
        (
            'id = "c"\ncurrency = "GBP"\nrates = [{role = 1, unit = "hour"}]\n',
            "$.rates[0].role",
            "wrong-type",
        ),
        ('id = "c"\ncurrency = "GBP"\nfee = 3\n', "$.fee", "unknown-field"),
    ],
)
def test_a_bad_rate_card_is_an_error_with_its_path(text: str, path: str, code: str) -> None:
    with pytest.raises(DocumentError) as info:
        load_rate_card(text, format="toml")
    assert (info.value.issues[0].path, info.value.issues[0].code) == (path, code)
    assert str(info.value).startswith("rate card has")


def test_a_bad_rate_card_file_is_named_with_the_line_and_column(tmp_path: Path) -> None:
    card = tmp_path / "card.toml"
    card.write_text('id = "c"\ncurrency = "GBP"\n[[rates]]\nrole = "m"\nunit = "week"\n')
    with pytest.raises(DocumentError) as info:
        load_rate_card(card)
    assert info.value.source == str(card)
    assert str(info.value).startswith(f"{card}: rate card has 1 problem:")
    assert f"{card}:5:8: $.rates[0].unit" in str(info.value)
    with pytest.raises(DocumentError) as info:
        load_rate_card(tmp_path / "missing.toml")
    assert info.value.source == str(tmp_path / "missing.toml")
    assert info.value.issues[0].code == "unreadable"


def test_a_duplicate_rate_is_an_error_with_its_path() -> None:
    card = RateCard(
        id="c",
        currency="GBP",
        rates=(Rate(role="m", unit=RateUnit.HOUR), Rate(role="m", unit=RateUnit.HOUR)),
    )
    assert costing_problems(_small(), rates=card)[0][:2] == ("rates.rates[1]", "duplicate-id")


# --------------------------------------------------------------------------- the plan that fits


def _options(project: Project) -> list[tuple[int, list[str]]]:
    """Per involvement costing in the grant period: its index and options (keep, lighter, drop)."""
    plan = project.costing
    assert plan is not None
    return [
        (i, ["keep", *(["lighter"] if ic.lighter is not None else []), "drop"])
        for i, ic in enumerate(plan.involvements)
        if not ic.before_grant
    ]


def _apply(project: Project, choice: dict[int, str]) -> Project:
    """The project with each involvement kept, made lighter or dropped (lay lines paid)."""
    plan = project.costing
    assert plan is not None
    card = {(r.role, r.unit): r.amount for r in (plan.rate_card.rates if plan.rate_card else ())}
    kinds = {s.id: s.kind for s in project.stakeholders}
    kept, dropped = [], set()
    for i, ic in enumerate(plan.involvements):
        verb = choice.get(i, "keep")
        if verb == "drop":
            dropped.add((ic.stage, ic.stakeholder))
            continue
        if (
            kinds[ic.stakeholder].sphere is Sphere.LAY
            and ic.payment is PaymentMethod.NONE
            and ic.role
            and card.get((ic.role, ic.unit)) is not None
        ):
            ic = attrs.evolve(ic, payment=PaymentMethod.PAID)
        if verb == "lighter" and ic.lighter is not None:
            lt = ic.lighter
            ic = attrs.evolve(
                ic,
                people=lt.people or ic.people,
                sessions=lt.sessions or ic.sessions,
                hours=ic.hours if lt.hours is None else lt.hours,
                format=lt.format or ic.format,
                lighter=None,
            )
        kept.append(ic)
    return attrs.evolve(
        project,
        plan=tuple(i for i in project.plan if (i.stage, i.stakeholder) not in dropped),
        costing=attrs.evolve(plan, involvements=tuple(kept)),
    )


def _served(project: Project) -> set[str]:
    known = {a.id for a in project.aims}
    return {a for i in project.plan for a in i.aims if a in known}


def _within(c: Costing, budget: Decimal | None, hours: Decimal | None) -> bool:
    return (budget is None or c.grant_money <= budget) and (hours is None or c.team_hours <= hours)


@st.composite
def small_costed_projects(draw: st.DrawFn) -> Project:
    project = draw(projects())
    assume(project.plan)
    project = attrs.evolve(project, plan=project.plan[:5])
    project = attrs.evolve(project, costing=draw(costings(project, max_lines=5)))
    assume(project.costing is not None and len(project.costing.involvements) >= 2)
    # Budgets that bind: a drawn share of what the plan as drawn costs.
    drawn = cost(project)
    assert drawn is not None and project.costing is not None
    grant = [ln for ln in drawn.lines if not ln.before_grant]
    fixed = _sum(ln.money for ln in grant if ln.involvement is None)
    fixed_hours = _sum(ln.hours for ln in grant if ln.kind is LineKind.STAFF)
    share = Decimal(draw(st.integers(0, 12))) / 10
    hours_share = Decimal(draw(st.integers(0, 12))) / 10
    budget = fixed + ((drawn.grant_money - fixed) * share).quantize(Decimal("0.01"))
    hours = fixed_hours + (drawn.team_hours - fixed_hours) * hours_share
    return attrs.evolve(
        project,
        costing=attrs.evolve(
            project.costing,
            budget=draw(st.none() | st.just(budget)),
            budget_hours=draw(st.none() | st.just(hours)),
        ),
    )


class TestThePlanThatFits:
    """Never over the budget; every aim served where any plan within it serves them all."""

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(small_costed_projects())
    def test_against_brute_force(self, project: Project) -> None:
        plan = project.costing
        assert plan is not None
        f = fit(project)
        assert f is not None
        fitted = _apply(
            project,
            {
                i: {"keep": "keep", "pay": "keep", "lighter": "lighter", "drop": "drop"}[v]
                for i, v in _fitted_choice(project, f).items()
            },
        )
        c = cost(fitted)
        assert c is not None
        assert (c.grant_money, c.team_hours) == (f.money, f.team_hours)
        if not f.feasible:
            return
        assert _within(c, plan.budget, plan.budget_hours)
        best = 0
        options = _options(project)
        for combo in itertools.product(*(o for _, o in options)):
            trial = _apply(project, {i: v for (i, _), v in zip(options, combo, strict=True)})
            tc = cost(trial)
            assert tc is not None
            if _within(tc, plan.budget, plan.budget_hours):
                best = max(best, len(_served(trial)))
        assert len(_served(fitted)) == best
        assert set(f.aims_served) == _served(fitted)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(small_costed_projects(), st.randoms(use_true_random=False))
    def test_stable_under_list_order(self, project: Project, rnd: random.Random) -> None:
        plan = project.costing
        assert plan is not None
        involvements = list(plan.involvements)
        rnd.shuffle(involvements)
        lines = list(project.plan)
        rnd.shuffle(lines)
        other = attrs.evolve(
            project,
            plan=tuple(lines),
            costing=attrs.evolve(plan, involvements=tuple(involvements)),
        )
        assert fit(project) == fit(other)

    def test_never_saves_money_on_lay_contributors(self) -> None:
        p = _small(
            budget=Decimal(1000),
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="panel",
                    people=2,
                    hours=Decimal(2),
                    role="member",
                    payment=PaymentMethod.NONE,
                ),
            ),
        )
        f = fit(p)
        assert f is not None
        (change,) = [ch for ch in f.changes if ch.stakeholder == "panel"]
        assert change.verb is Verb.PAY and change.money == Decimal(80)
        assert "paid at their role's rate" in change.reason

    def test_keeps_an_aims_only_route_and_explains_each_change(self) -> None:
        p = _small(
            budget=Decimal(350),
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="panel",
                    lighter=Lighter(people=1, note="one member"),
                    role="member",
                    unit=RateUnit.DAY,
                    people=2,
                ),
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="board",
                    hours=Decimal(1),
                    team=(TeamTime(researcher="ra", hours=Decimal(2), role="coordinator"),),
                ),
            ),
        )
        f = fit(p)
        assert f is not None
        verbs = {ch.stakeholder: ch.verb for ch in f.changes}
        # full panel (300) + board (61) is over 350; the lighter panel (150) + board fits.
        assert verbs == {"panel": Verb.LIGHTER, "board": Verb.KEEP}
        assert f.money == Decimal("211.00") and f.aims_served == ("a", "b")
        assert all(ch.reason for ch in f.changes)
        assert "one member" in next(ch.reason for ch in f.changes if ch.stakeholder == "panel")

    def test_reports_aims_it_cannot_keep(self) -> None:
        p = _small(
            budget=Decimal(100),
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="panel",
                    role="member",
                    unit=RateUnit.DAY,
                ),
            ),
        )
        f = fit(p)
        assert f is not None
        assert f.aims_lost == ("a",)
        assert f.aims_served == ("b",)  # the board's line is not costed: it stays
        (drop,) = [ch for ch in f.changes if ch.verb is Verb.DROP]
        assert "cannot also serve a" in drop.reason

    def test_fast_on_hundreds_of_involvements(self) -> None:
        import time

        from coproduce.catalogue import default

        stages = [s.id for s in default().stages]
        people = [Stakeholder(id=f"s{n}", kind=StakeholderKind.PUBLIC) for n in range(60)]
        plan = tuple(
            Involvement(stage=stage, stakeholder=s.id, mode=Mode.CONSULTATION, aims=(f"a{n % 6}",))
            for n, (stage, s) in enumerate(itertools.product(stages, people))
        )
        card = RateCard(
            id="c", currency="GBP", rates=(Rate(role="m", unit=RateUnit.HOUR, amount=Decimal(20)),)
        )
        p = Project(
            title="big",
            aims=tuple(Aim(id=f"a{n}", description="") for n in range(6)),
            stakeholders=tuple(people),
            plan=plan,
            costing=CostingPlan(
                currency="GBP",
                budget=Decimal(5000),
                rate_card=card,
                involvements=tuple(
                    InvolvementCosting(
                        stage=i.stage,
                        stakeholder=i.stakeholder,
                        people=1 + n % 5,
                        hours=Decimal(2),
                        role="m",
                        lighter=Lighter(people=1),
                    )
                    for n, i in enumerate(plan)
                ),
            ),
        )
        start = time.perf_counter()
        f = fit(p)
        elapsed = time.perf_counter() - start
        assert f is not None and len(f.changes) == len(plan) == 420
        assert f.money <= Decimal(5000) and len(f.aims_served) == 6
        assert elapsed < 5


def _fitted_choice(project: Project, f: Fit) -> dict[int, str]:
    plan = project.costing
    assert plan is not None
    index = {(ic.stage, ic.stakeholder): i for i, ic in enumerate(plan.involvements)}
    return {
        index[(ch.stage, ch.stakeholder)]: ch.verb.value
        for ch in f.changes
        if not plan.involvements[index[(ch.stage, ch.stakeholder)]].before_grant
    }


# --------------------------------------------------------------------------- examples, CLI


def test_the_fits_change_is_a_fit_change_and_its_old_name_warns() -> None:
    import coproduce.costing as costing
    from coproduce.costing import FitChange

    f = fit(load_example("no-resources"))
    assert f is not None and f.changes
    assert all(type(ch) is FitChange for ch in f.changes)
    with pytest.warns(DeprecationWarning, match=r"coproduce\.costing\.FitChange"):
        old = costing.Change
    assert old is FitChange
    assert "FitChange" in costing.__all__ and "Change" not in costing.__all__
    with pytest.raises(AttributeError, match="no_such_name"):
        costing.no_such_name  # noqa: B018


def test_the_bundled_examples_cover_under_over_and_unpaid() -> None:
    under = cost(load_example("contested-policy"), rates=default_card())
    over = cost(load_example("no-resources"), rates=default_card())
    unpaid = cost(load_example("patient-public-only"), rates=default_card())
    assert under is not None and not under.short
    assert over is not None and over.short
    assert unpaid is not None and unpaid.unpaid_lay_hours > 0 and unpaid.unpaid_junior_hours > 0


def _run(*argv: str) -> tuple[int, str]:
    out = StringIO()
    return main(list(argv), stdout=out), out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
def test_cli_cost_every_format(fmt: str) -> None:
    status, out = _run("cost", "--example", "no-resources", "--budget", "2500", "-f", fmt)
    assert status == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["costing"]["gap"] == "-6150"
        assert Decimal(data["fit"]["money"]) <= 2500
    elif fmt == "csv":
        assert out.splitlines()[0].startswith("path,kind,heading,")
    elif fmt == "html":
        assert out.startswith("<!doctype html>") and "short by GBP&nbsp;6,150.00" in out
    else:
        assert "short by GBP 6,150.00 for the plan as drawn" in out
        assert "The plan that fits" in out


def test_cli_cost_budget_replaces_the_costings_own_throughout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One budget per report: the summary's gap and the plan that fits use --budget alike."""
    status, out = _run("cost", "--example", "no-resources", "--budget", "4000", "-f", "json")
    assert status == 0
    data = json.loads(out)
    assert Decimal(data["costing"]["budget"]) == Decimal(data["fit"]["budget"]) == 4000
    assert data["costing"]["gap"] == "-4650"  # 8,650 drawn against 4,000, not 2,500
    assert "--budget (GBP 4,000.00) replaces the costing's GBP 2,500.00" in (
        capsys.readouterr().err
    )
    status, out = _run("cost", "--example", "no-resources", "--budget", "2500")
    assert status == 0 and "replaces" not in capsys.readouterr().err  # the same: no note


@pytest.mark.parametrize("name", ["contested-policy", "no-resources", "patient-public-only"])
def test_cli_cost_text_tables_keep_their_columns(name: str) -> None:
    """A long label wraps within its column; no cell pushes the numbers out of line."""
    status, out = _run("cost", "--example", name, "--fit")
    assert status == 0
    lines = out.splitlines()
    rules = [k for k, line in enumerate(lines) if line.startswith("---")]
    assert rules
    for k in rules:
        width = len(lines[k])
        body = itertools.takewhile(lambda line: line.strip(), lines[k + 1 :])
        assert all(len(line) <= width for line in body), lines[k - 1]
    assert max(map(len, lines[rules[0] + 1 : rules[0] + 14])) == len(lines[rules[0]])
    words = {w for line in lines for w in line.split()}
    cut = [w for w in words if w.endswith("-") and w.strip("-")]
    assert not cut  # no word cut at a hyphen ("peer-" / "researcher")


def test_a_cell_wraps_at_spaces_and_only_a_word_too_long_for_its_column_at_hyphens() -> None:
    from coproduce.report._writers import wrapped as _wrapped

    assert _wrapped("Collecting data · peer-researchers · fee: peer-researcher per hour", 48) == [
        "Collecting data · peer-researchers · fee:",
        "peer-researcher per hour",
    ]
    word = "-".join(["bus", "and", "train", "fares"] * 4)
    lines = _wrapped(f"travel: {word}", 30)
    assert lines[0] == "travel:" and all(len(line) <= 30 for line in lines)
    assert all(line.endswith("-") for line in lines[1:-1])  # the long word, at its hyphens
    assert "".join(lines[1:]) == word  # nothing lost, no letter cut off its part
    # one over-long word does not make the short hyphenated ones break
    assert _wrapped("travel for the public-contributor panel, via " + "x" * 30, 24)[:3] == [
        "travel for the",
        "public-contributor",
        "panel, via",
    ]


def test_cli_cost_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("cost", "--example", "one-stage")[0] == 1
    assert "$.costing: the project has no costing section" in capsys.readouterr().err
    card = tmp_path / "card.toml"
    card.write_text('id = "x"\ncurrency = "EUR"\n')
    assert _run("cost", "--example", "contested-policy", "--rates", str(card))[0] == 1
    assert "rates.currency: is 'EUR'" in capsys.readouterr().err
    card.write_text('id = "x"\ncurrency = "GBP"\n[[rates]]\nrole = "m"\nunit = "week"\n')
    assert _run("cost", "--example", "contested-policy", "--rates", str(card))[0] == 1
    assert "$.rates[0].unit" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        _run("cost", "--example", "contested-policy", "--budget", "lots")
    assert info.value.code == 2


def test_cli_cost_with_own_rates_prices_the_shipped_roles(tmp_path: Path) -> None:
    project = load_example("contested-policy")
    plan = project.costing
    assert plan is not None
    project = attrs.evolve(project, costing=attrs.evolve(plan, rate_card=None))
    path = tmp_path / "p.json"
    path.write_text(dump_project(project))
    status, out = _run("cost", str(path), "-f", "json")
    assert status == 0 and json.loads(out)["costing"]["unpriced"]  # shipped card: no figures
    card = tmp_path / "card.yaml"
    card.write_text(
        "id: mine\ncurrency: GBP\nrates:\n"
        "- {role: public-contributor, unit: hour, amount: 20}\n"
        "- {role: public-contributor, unit: day, amount: 140}\n"
    )
    status, out = _run("cost", str(path), "--rates", str(card), "-f", "json")
    assert status == 0
    data = json.loads(out)["costing"]
    assert data["unpriced"] == [] and Decimal(data["grant_money"]) == Decimal("2656.0")


@SETTINGS
@given(costed_projects())
def test_the_fast_reader_and_the_strict_reader_agree_on_costings(project: Project) -> None:
    from coproduce.io import to_data
    from coproduce.io._converter import converter
    from coproduce.io._fast import fast_structure

    data = to_data(project)
    strict = converter.structure({k: v for k, v in data.items() if k != "schema_version"}, Project)
    fast = fast_structure(data, Project)
    assert strict == project
    assert fast is None or fast == project


def test_the_gap_in_words() -> None:
    p = _small(
        budget=Decimal(100),
        budget_hours=Decimal(10),
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="panel",
                people=2,
                hours=Decimal(3),
                role="member",
                team=(TeamTime(researcher="ra", hours=Decimal("2.5")),),
            ),
        ),
    )
    c = cost(p)
    assert c is not None
    assert c.gap_sentence() == "short by GBP 20.00 for the plan as drawn"
    assert costing_text_of(p).count("short by GBP 20.00 for the plan as drawn") == 1


def costing_text_of(project: Project) -> str:
    from coproduce.report import costing_text

    c = cost(project)
    assert c is not None
    return costing_text(c)


def test_the_portfolio_totals_money_and_hours_by_bearer_across_projects() -> None:
    from coproduce.frame import portfolio
    from coproduce.io import example_path, examples
    from coproduce.portfolio import appraise_many, summarise

    summary = summarise(appraise_many(example_path(n) for n in examples()))
    expected: dict[str, list[Decimal]] = {}
    costed = 0
    for name in examples():
        c = cost(load_example(name), rates=default_card())
        if c is None:
            continue
        costed += 1
        for b in c.by_bearer:
            acc = expected.setdefault(b.bearer, [ZERO, ZERO, ZERO])
            acc[0] += b.money
            acc[1] += b.hours
            acc[2] += b.unpaid_hours
    assert summary.costed == costed == 5
    assert {t.bearer: [t.money, t.hours, t.unpaid_hours] for t in summary.costs} == expected
    assert {t.currency for t in summary.costs} == {"GBP"}
    table = portfolio(summary)["costs"]
    assert float(table["money"].sum()) == float(sum(v[0] for v in expected.values()))
