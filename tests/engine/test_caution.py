"""Caution where capacity is short, and advice from what a stakeholder is and does.

Issues #22 and #27, rule by rule, on small projects built by hand and on the bundled examples
written for them. Each test states what the paper (or the practice guidance) says that the
rule encodes.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from coproduce import (
    Aim,
    ConditionSetting,
    Governance,
    Involvement,
    Lean,
    Level,
    Mode,
    Motivation,
    Project,
    Researcher,
    Resources,
    Stakeholder,
    StakeholderKind,
    Stance,
    Sufficiency,
    Support,
    appraise,
)
from coproduce.appraisal import Action, Policy, Verdict, payment_reading, plan_warnings
from coproduce.cli import main
from coproduce.io import example_path, examples, load_example
from coproduce.model import (
    CareerStage,
    ContractType,
    Contribution,
    CostingPlan,
    InvolvementCosting,
    MitigationRecord,
    Rate,
    RateCard,
    RateUnit,
)
from coproduce.report.forms import application_section, standards_assessment

ADEQUATE = Resources(
    time=Sufficiency.ADEQUATE,
    budget=Sufficiency.ADEQUATE,
    facilitation=Sufficiency.ADEQUATE,
    training=True,
)
GOVERNED = Governance(ground_rules=True, publication_agreement=True, data_agreement=True)
VOICE = Aim(id="voice", description="carers shape it", motivations=(Motivation.NORMATIVE,))
USE = Aim(id="use", description="see it used", motivations=(Motivation.INSTRUMENTAL,))


def person(sid: str, **facts: object) -> Stakeholder:
    base: dict[str, object] = {"kind": StakeholderKind.CARER, "power": Level.MEDIUM}
    return Stakeholder(id=sid, **{**base, **facts})  # type: ignore[arg-type]


def at(stage: str, sid: str, mode: Mode, *aims: str) -> Involvement:
    return Involvement(stage=f"stage.{stage}", stakeholder=sid, mode=mode, aims=aims)


def project(*people: Stakeholder, plan: tuple[Involvement, ...] = (), **facts: object) -> Project:
    base: dict[str, object] = {
        "title": "t",
        "aims": (VOICE, USE),
        "stakeholders": people,
        "plan": plan,
        "resources": ADEQUATE,
        "governance": GOVERNED,
        "identifiable_data": False,
        "support": Support(evaluation=True),
    }
    return Project(**{**base, **facts})  # type: ignore[arg-type]


CARERS = person("carers", reimbursed=True)
DEEP = (
    at("framing-questions", "carers", Mode.PARTNERSHIP, "voice"),
    at("analysing-data", "carers", Mode.PARTNERSHIP, "voice"),
    at("recommendations", "carers", Mode.COLLABORATION, "voice"),
)


def advice(p: Project, sid: str = "carers", policy: Policy | None = None):  # type: ignore[no-untyped-def]
    return appraise(p, policy=policy).advice_for(sid)


# --------------------------------------------------------------------------- capacity


def test_a_team_with_everything_keeps_its_plan_and_is_told_more() -> None:
    a = advice(project(CARERS, plan=DEEP))
    assert a.verdict is Verdict.MORE and a.ceilings == ()
    assert all(s.action is Action.KEEP for s in a.stages)


@pytest.mark.parametrize(
    ("short", "verdict", "deepest"),
    [
        ({"budget": Sufficiency.LIMITED}, Verdict.BALANCED, Mode.PARTNERSHIP),
        ({"training": False}, Verdict.BALANCED, Mode.PARTNERSHIP),
        (
            {"time": Sufficiency.LIMITED, "facilitation": Sufficiency.LIMITED},
            Verdict.BALANCED,
            Mode.COLLABORATION,
        ),
        ({"facilitation": Sufficiency.NONE}, Verdict.LESS, Mode.CONSULTATION),
        (
            {"time": Sufficiency.LIMITED, "budget": Sufficiency.LIMITED, "training": False},
            Verdict.LESS,
            Mode.CONSULTATION,
        ),
    ],
)
def test_row_9_holds_every_relationship_down_rung_by_rung(
    short: dict[str, object], verdict: Verdict, deepest: Mode
) -> None:
    """Table 2 row 9 (p. 7): time, resources or expertise in limited supply, less emphasis."""
    p = project(CARERS, plan=DEEP, resources=attrs.evolve(ADEQUATE, **short))  # type: ignore[arg-type]
    a = advice(p)
    assert (a.verdict, a.deepest_mode) == (verdict, deepest)
    assert [c.code for c in a.ceilings] == ["capacity"]
    assert (
        "Table 2 row 9" in a.ceilings[0].message and "this tool's reading" in a.ceilings[0].message
    )


def test_row_9_holds_decision_makers_and_practitioners_too() -> None:
    ministry = Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER, power=Level.MEDIUM)
    nurses = Stakeholder(id="nurses", kind=StakeholderKind.PRACTITIONER, power=Level.MEDIUM)
    keen = tuple(
        ConditionSetting(condition=f"condition.{c}", lean=Lean.MORE)
        for c in ("contested", "direct-use", "definition", "purpose", "cooperation-needed")
    )
    p = project(
        ministry,
        nurses,
        plan=(
            at("framing-questions", "ministry", Mode.PARTNERSHIP, "use"),
            at("framing-questions", "nurses", Mode.PARTNERSHIP, "use"),
        ),
        conditions=keen,
        resources=attrs.evolve(ADEQUATE, facilitation=Sufficiency.NONE),
    )
    a = appraise(p)
    assert a.emphasis.verdict is Verdict.MORE  # Table 2 alone would say more ...
    for sid in ("ministry", "nurses"):  # ... but no facilitation holds everyone at less
        assert a.advice_for(sid).verdict is Verdict.LESS
        assert a.advice_for(sid).deepest_mode is Mode.CONSULTATION


def test_the_work_falling_on_those_least_able_climbs_one_rung_more() -> None:
    """Costs fall on the most junior and temporary (p. 5), and on unpaid contributors."""
    limited = attrs.evolve(ADEQUATE, budget=Sufficiency.LIMITED)
    paid = advice(project(CARERS, plan=DEEP, resources=limited))
    assert paid.deepest_mode is Mode.PARTNERSHIP  # rung 1
    low = advice(project(attrs.evolve(CARERS, power=Level.LOW), plan=DEEP, resources=limited))
    assert low.deepest_mode is Mode.COLLABORATION  # rung 2: low power carries the work
    junior = Researcher(
        id="postdoc",
        career_stage=CareerStage.EARLY,
        contract=ContractType.FIXED_TERM,
        carries_engagement=True,
    )
    by_junior = advice(project(CARERS, plan=DEEP, resources=limited, researchers=(junior,)))
    assert by_junior.deepest_mode is Mode.COLLABORATION
    assert "postdoc" in by_junior.ceilings[0].message


def test_capacity_not_known_is_said_not_silent() -> None:
    p = project(CARERS, plan=DEEP, resources=Resources())
    a = appraise(p)
    assert a.capacity is not None and set(a.capacity.unknown) >= {"time", "budget", "facilitation"}
    (f,) = a.finding("capacity.unknown")
    assert "key question 3" in f.message
    assert any(lv.code == "capacity" for lv in a.levers)
    assert a.priority is not None and a.priority.code == "capacity-unknown"
    costs = next(q for q in a.questions if q.question == "question.individuals.costs")
    assert costs.answer.value in ("open", "partly")


def test_a_short_window_is_time_in_short_supply() -> None:
    a = appraise(project(CARERS, plan=DEEP, duration_weeks=8))
    assert a.capacity is not None and a.capacity.short == ("time: limited (an 8-week window)",)
    assert a.advice_for("carers").verdict is Verdict.BALANCED
    assert not appraise(project(CARERS, plan=DEEP, duration_weeks=26)).capacity.short  # type: ignore[union-attr]


def _card() -> RateCard:
    return RateCard(
        id="mine",
        currency="GBP",
        rates=(Rate(role="carer", unit=RateUnit.HOUR, amount=Decimal(25)),),
    )


def _costed(budget: Decimal | None) -> CostingPlan:
    return CostingPlan(
        currency="GBP",
        budget=budget,
        rate_card=_card(),
        involvements=(
            InvolvementCosting(
                stage="stage.framing-questions",
                stakeholder="carers",
                people=4,
                sessions=2,
                hours=Decimal(2),
                role="carer",
            ),
        ),
    )


def test_a_costed_budget_settles_the_money() -> None:
    """The costing is the plan: its budget says whether money is short (facts joined up)."""
    short = appraise(project(CARERS, plan=DEEP, costing=_costed(Decimal(100))))
    assert short.capacity is not None and short.capacity.budget is Sufficiency.LIMITED
    enough = appraise(project(CARERS, plan=DEEP, costing=_costed(Decimal(1000))))
    assert enough.capacity is not None and enough.capacity.budget is Sufficiency.ADEQUATE
    nothing = appraise(project(CARERS, plan=DEEP, costing=_costed(Decimal(0))))
    assert nothing.capacity is not None and nothing.capacity.budget is Sufficiency.NONE


# --------------------------------------------------------------------------- no budget


def test_with_no_budget_payment_is_not_until_funded_and_the_advice_says_what_to_do_now() -> None:
    unpaid = attrs.evolve(CARERS, reimbursed=False)
    p = project(
        unpaid,
        plan=DEEP,
        resources=attrs.evolve(ADEQUATE, budget=Sufficiency.NONE),
        costing=attrs.evolve(_costed(None), budget=None),
    )
    a = advice(p)
    (pay,) = [x for x in a.prerequisites if x.code == "payment"]
    assert pay.message.startswith("Not until funded")
    assert "GBP 400.00" in pay.message  # the costing's fees for them
    assert "funding for their payment is secured" in a.summary
    assert a.verdict is Verdict.LESS and a.deepest_mode is Mode.CONSULTATION
    assert a.meanwhile.startswith("Until funded, nobody can be paid to take part")
    assert "(the costing puts their fees at GBP 400.00)" in a.meanwhile
    assert "least to fund: consulting carers at framing research questions and formulating" in (
        a.meanwhile
    )
    assert all(x.document == "nihr-payment-researchers-2024" for x in pay.citations)
    paper = advice(p, policy=Policy(practice=False))
    (pay,) = [x for x in paper.prerequisites if x.code == "payment"]
    cited = {c.entry for c in pay.citations}
    assert cited == {"question.individuals.costs", "cost.stakeholder-time"}


def test_the_unfunded_young_carers_study_is_told_to_secure_resources_first() -> None:
    """The issue's own case: unpaid young carers partnering at every stage, nothing funded."""
    a = appraise(load_example("young-carers-unfunded"))
    for sid in ("young-carers", "charity"):
        x = a.advice_for(sid)
        assert x.verdict in (Verdict.LESS, Verdict.CLEARLY_LESS, Verdict.BALANCED)
        assert x.deepest_mode is not None and x.deepest_mode <= Mode.CONSULTATION
        assert "funding for their payment is secured" in x.summary
        assert x.meanwhile
    assert a.priority is not None and a.priority.code == "secure-resources"
    assert a.priority.message.startswith("Secure ")
    assert "funding for payment" in a.priority.message and "facilitation" in a.priority.message
    assert "the least to fund first: consulting charity at framing research questions, and " in (
        a.priority.message
    )  # each stakeholder at its own stages
    for x in (a.advice_for("young-carers"), a.advice_for("charity")):
        assert "nobody can be paid" in x.meanwhile  # nothing asked of them unpaid
    (short,) = a.finding("resourcing.short")
    assert "not to involve people less" not in short.message
    # the charity's implementation partnership comes after the postdoc's contract ends
    implementation = {s.stage: s for s in a.advice_for("charity").stages}["stage.implementation"]
    assert (
        implementation.action is Action.LIGHTEN and "after the contracts" in implementation.reason
    )
    assert a.finding("plan.after-funding") and a.finding("plan.hit-and-run")


def test_a_stage_after_the_funding_ends_is_capped_and_flagged() -> None:
    p = project(CARERS, plan=DEEP, funded_until="stage.framing-questions")
    a = appraise(p)
    by_stage = {s.stage: s for s in a.advice_for("carers").stages}
    assert by_stage["stage.framing-questions"].action is Action.KEEP
    late = by_stage["stage.analysing-data"]
    assert late.action is Action.LIGHTEN and late.advised_mode is Mode.CONSULTATION
    assert "hit-and-run" in late.reason
    (f,) = a.finding("plan.after-funding")
    assert "the funding ends (it covers up to framing research questions)" in f.message
    assert "funded_until" in f.inputs
    assert a.priority is not None and a.priority.code == "after-funding"


def test_a_stage_after_every_carrier_s_contract_ends_counts_and_one_who_stays_keeps_it() -> None:
    leaving = Researcher(id="ra", carries_engagement=True, contract_until="stage.framing-questions")
    staying = Researcher(id="pi", carries_engagement=True)
    left = appraise(project(CARERS, plan=DEEP, researchers=(leaving,)))
    assert left.finding("plan.after-funding")
    both = appraise(project(CARERS, plan=DEEP, researchers=(leaving, staying)))
    assert not both.finding("plan.after-funding")


# --------------------------------------------------------------------------- never deeper


def test_the_advice_is_never_deeper_than_the_plan_and_deeper_is_a_marked_suggestion() -> None:
    consulted = project(
        CARERS, plan=(at("framing-questions", "carers", Mode.CONSULTATION, "voice"),)
    )
    a = advice(consulted)
    assert a.verdict is Verdict.MORE
    assert (
        a.deepest_mode is Mode.CONSULTATION and a.summary == "more, up to consultation as planned"
    )
    assert a.suggestion is not None and a.suggestion.mode is Mode.PARTNERSHIP
    assert "this tool's judgement, not the advice" in a.suggestion.message
    # no suggestion for stages serving no aim of voice or power, nor where capacity is short
    instrumental = project(
        CARERS, plan=(at("framing-questions", "carers", Mode.CONSULTATION, "use"),)
    )
    assert advice(instrumental).suggestion is None
    short = attrs.evolve(consulted, resources=attrs.evolve(ADEQUATE, budget=Sufficiency.LIMITED))
    assert advice(short).suggestion is None


def test_user_controlled_research_is_never_advised() -> None:
    """The paper describes it as coproduction's original sense (p. 3) and recommends none."""
    led = project(CARERS, plan=(at("framing-questions", "carers", Mode.USER_CONTROLLED, "voice"),))
    a = advice(led)
    assert a.deepest_mode is Mode.PARTNERSHIP
    (line,) = a.stages
    assert (
        line.action is Action.LIGHTEN and "gives no advice on when to hand control" in line.reason
    )
    assert "user-controlled" not in a.summary.split(" (planned")[0]


# --------------------------------------------------------------------------- what the paper says


@pytest.mark.parametrize("name", examples())
def test_no_report_says_the_paper_scopes_table_2(name: str) -> None:
    from coproduce.report import to_text

    text = to_text(appraise(load_example(name)))
    assert "scopes" not in text and "scoped" not in text
    assert "Table 2's scope" not in text


def test_a_political_aim_is_not_told_other_means_can_usually_reach_it() -> None:
    """p. 8: most normative, substantive and instrumental aims can be met otherwise; political
    reasons are the least discussed and perhaps the most important."""
    nurses = Stakeholder(id="nurses", kind=StakeholderKind.PRACTITIONER)
    political = Aim(id="trust", description="trust", motivations=(Motivation.POLITICAL,))
    p = project(
        nurses,
        plan=(at("framing-questions", "nurses", Mode.CONSULTATION, "trust"),),
        aims=(political,),
    )
    reason = " ".join(advice(p, "nurses").reasons)
    assert "other means (p. 8)" not in reason and "no rule" in reason


def test_research_participants_bear_the_costs_of_an_ethics_breach() -> None:
    """Table 1 row 4: stakeholders may want to know which participant took part."""
    p = project(CARERS, plan=DEEP, identifiable_data=True)
    cells = {(c.bearer, c.category) for c in appraise(p).exposure}
    assert ("bearer.participants", "category.personal") in cells


def test_being_consulted_risks_cherry_picking_where_input_shapes_the_research() -> None:
    """p. 6: participants asked for input that is then cherry-picked; framing and analysis."""
    plan = (
        at("framing-questions", "carers", Mode.CONSULTATION, "voice"),
        at("dissemination", "carers", Mode.CONSULTATION, "voice"),
    )
    by_stage = {s.stage: s.costs for s in advice(project(CARERS, plan=plan)).stages}
    assert "cost.input-cherry-picked" in by_stage["stage.framing-questions"]
    assert "cost.feeling-used" in by_stage["stage.framing-questions"]
    assert "cost.input-cherry-picked" not in by_stage["stage.dissemination"]
    assert "cost.stakeholder-time" in by_stage["stage.dissemination"]


def test_involvement_costed_only_for_the_application_is_flagged() -> None:
    """p. 2: engagement is now a routine section of grant proposals."""
    line = InvolvementCosting(
        stage="stage.framing-questions", stakeholder="carers", before_grant=True
    )
    p = project(CARERS, plan=DEEP, costing=CostingPlan(currency="GBP", involvements=(line,)))
    (f,) = appraise(p).finding("plan.application-only")
    assert "carers at analysing and interpreting data" in f.message and "p. 2" in f.message
    funded = attrs.evolve(line, stage="stage.analysing-data", before_grant=False)
    both = attrs.evolve(p, costing=CostingPlan(currency="GBP", involvements=(line, funded)))
    assert not appraise(both).finding("plan.application-only")


def test_researchers_of_colour_carrying_the_work_are_among_those_least_able() -> None:
    """p. 5: often the most junior, temporary, female and/or of colour."""
    a = appraise(project(CARERS, plan=DEEP, engagement_racialised=True))
    assert a.finding("exposure.racialised-load")
    assert any(c.bearer == "bearer.researchers" and c.who == ("team",) for c in a.exposure)


# --------------------------------------------------------------------------- children, contested


def test_children_are_held_at_partnership_with_safeguarding_first() -> None:
    pupils = person("pupils", kind=StakeholderKind.PUBLIC, minors=True, reimbursed=True)
    plan = (
        at("framing-questions", "pupils", Mode.USER_CONTROLLED, "voice"),
        at("collecting-data", "pupils", Mode.COLLABORATION, "voice"),
    )
    a = advice(project(pupils, plan=plan), "pupils")
    assert a.verdict is Verdict.BALANCED and a.deepest_mode is Mode.PARTNERSHIP
    assert [c.code for c in a.ceilings] == ["safeguarding"]
    (guard,) = [p for p in a.prerequisites if p.code == "safeguarding"]
    for thing in (
        "safeguarding policy",
        "safeguarding lead",
        "consent for involvement (and assent",
    ):
        assert thing in guard.message
    records = tuple(
        MitigationRecord(mitigation=f"mitigation.practice.{m}", signed=True)
        for m in ("safeguarding-policy", "safeguarding-lead", "consent-assent")
    )
    ready = advice(project(pupils, plan=plan, mitigation_records=records), "pupils")
    assert "safeguarding" not in [p.code for p in ready.prerequisites]
    assert ready.deepest_mode is Mode.PARTNERSHIP  # the cap stays: depth, not paperwork
    # the forms say so too
    report = application_section(load_example("children-peer-interviews"))
    stages = next(i for s in report.sections for i in s.items if i.label == "Stages and depth")
    assert not stages.complete and any("partnership at most" in line for line in stages.lines)
    standards = standards_assessment(load_example("children-peer-interviews"))
    lines = [line for s in standards.sections for i in s.items for line in i.lines]
    assert any("partnership at most" in line for line in lines)


def _campaign(sid: str, stance: Stance) -> Stakeholder:
    return person(sid, kind=StakeholderKind.COMMUNITY_ORGANISATION, stance=stance, reimbursed=True)


CONTESTED = (ConditionSetting(condition="condition.contested", lean=Lean.LESS),)


def test_campaigners_on_a_contested_topic_are_held_at_balanced_with_ground_rules_first() -> None:
    """Table 2 row 1 (contested findings); Table 1 rows 1, 2 and 5."""
    yes, no = _campaign("yes", Stance.FOR), _campaign("no", Stance.AGAINST)
    plan = tuple(at("framing-questions", s, Mode.PARTNERSHIP, "voice") for s in ("yes", "no"))
    rules = attrs.evolve(GOVERNED, ground_rules=None)
    a = appraise(project(yes, no, plan=plan, conditions=CONTESTED, governance=rules))
    for sid in ("yes", "no"):
        x = a.advice_for(sid)
        assert x.verdict is Verdict.BALANCED and x.deepest_mode is Mode.COLLABORATION
        assert [p.code for p in x.prerequisites] == ["ground-rules"]  # both sides are heard
    assert a.priority is not None and a.priority.code == "contested"
    # one side alone: the other side first, and nobody else advised more meanwhile
    one = appraise(
        project(yes, CARERS, plan=(*plan[:1], *DEEP), conditions=CONTESTED, governance=rules)
    )
    assert "both-sides" in [p.code for p in one.advice_for("yes").prerequisites]
    assert one.advice_for("carers").verdict is Verdict.BALANCED
    # a group that took no side hears the other side well enough
    neutral = attrs.evolve(CARERS, stance=Stance.NEUTRAL)
    heard = appraise(project(yes, neutral, plan=(*plan[:1], *DEEP), conditions=CONTESTED))
    assert "both-sides" not in [p.code for p in heard.advice_for("yes").prerequisites]
    # not contested: campaigners are advised like anyone else
    calm = appraise(project(yes, no, plan=plan))
    assert calm.advice_for("yes").ceilings == ()


# --------------------------------------------------------------------------- power from facts


def test_power_over_the_findings_comes_from_what_a_stakeholder_does_not_its_kind() -> None:
    app = Stakeholder(
        id="app",
        kind=StakeholderKind.OTHER,
        power=Level.HIGH,
        owns_ip=True,
        brings=(Contribution.MONEY,),
    )
    plan = (
        at("framing-questions", "app", Mode.COLLABORATION, "use"),
        at("dissemination", "app", Mode.COLLABORATION, "use"),
    )
    p = project(app, plan=plan, governance=Governance(), identifiable_data=True)
    x = advice(p, "app")
    assert x.basis == "table-2"
    assert {q.code for q in x.prerequisites} == {
        "publication-agreement",
        "data-agreement",
        "ip-agreement",
    }
    by_stage = {s.stage: s for s in x.stages}
    assert by_stage["stage.dissemination"].advised_mode is Mode.CONSULTATION
    assert any("commercial interest" in r for r in x.reasons)  # row 2, the tool's reading
    (warning,) = plan_warnings(p)
    assert warning[:2] == ("stakeholders[0].kind", "kind-outside-power")
    # high power alone: agreements and stage limits, but advice from the aims
    chief = Stakeholder(id="chief", kind=StakeholderKind.PRACTITIONER, power=Level.HIGH)
    y = advice(
        project(
            chief,
            plan=(at("dissemination", "chief", Mode.COLLABORATION, "use"),),
            governance=Governance(),
        ),
        "chief",
    )
    assert y.basis == "aims" and "publication-agreement" in [q.code for q in y.prerequisites]
    assert y.stages[0].advised_mode is Mode.CONSULTATION


def test_validate_warns_about_a_kind_that_hides_power(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(example_path("app-company-ip"))]) == 0
    out = capsys.readouterr().out
    assert "ok, 1 warning" in out and "[kind-outside-power]" in out
    assert "app-company-ip.yaml:" in out.splitlines()[1]  # with the line to change


# --------------------------------------------------------------------------- facts joined up


def test_costed_benefits_advice_is_benefits_advice_in_the_practice_evidence() -> None:
    a = appraise(load_example("lived-experience-trial"))
    (risk,) = [r for r in a.practice if r.code == "practice-risk.payment-benefits"]
    (advice_,) = [m for m in risk.mitigations if m.mitigation.endswith("benefits-advice")]
    assert advice_.in_place is True
    assert any(i.startswith("costing.involvements[") for i in advice_.inputs)


def test_a_costing_that_pays_nobody_is_not_a_settled_budget() -> None:
    p = load_example("chw-malawi")
    assert payment_reading(p)["volunteers"] is False
    report = application_section(p)
    budget = next(i for s in report.sections for i in s.items if i.label == "Budget lines")
    assert not budget.complete
    assert any("give their time unpaid" in line for line in budget.lines)
    collectors = next(
        r for r in appraise(p).practice if r.code == "practice-risk.peer-researcher-safety"
    )
    assert set(collectors.stakeholders) == {"hsas", "volunteers"}
