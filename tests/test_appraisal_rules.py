"""Each rule of the engine, on small projects built by hand."""

from __future__ import annotations

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
    PlanError,
    Project,
    Researcher,
    Resources,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
    appraise,
    compare,
    default_catalogue,
    sensitivity,
)
from coproduce.appraisal import Answer, Policy, Severity, Thresholds, Verdict, emphasis
from coproduce.model import (
    Alternative,
    AlternativeId,
    BearerId,
    CareerStage,
    CategoryId,
    ConditionId,
    ContractType,
    QuestionId,
    Source,
)

MINISTRY = Stakeholder(
    id="ministry", kind=StakeholderKind.POLICY_MAKER, power=Level.HIGH, interest=Level.HIGH
)
PATIENTS = Stakeholder(id="patients", kind=StakeholderKind.PATIENT, power=Level.LOW)


def lean(**kw: str) -> tuple[ConditionSetting, ...]:
    return tuple(
        ConditionSetting(condition=f"condition.{k.replace('_', '-')}", lean=Lean(v))
        for k, v in kw.items()
    )


def test_plan_naming_an_absent_stakeholder_is_an_error_before_appraisal() -> None:
    p = Project(
        title="t",
        stakeholders=(MINISTRY,),
        plan=(
            Involvement(stage="stage.dissemination", stakeholder="press", mode=Mode.CONSULTATION),
            Involvement(stage="stage.nowhere", stakeholder="ministry", mode=Mode.CONSULTATION),
        ),
    )
    with pytest.raises(PlanError) as info:
        appraise(p)
    assert info.value.problems[0] == (
        "plan[0].stakeholder: names 'press', which is not among the project's stakeholders"
    )
    assert info.value.problems[1].startswith("plan[1].stage: names 'stage.nowhere', which is not")
    assert isinstance(info.value, ValueError)


def test_plan_errors_cover_duplicates_aims_and_conditions() -> None:
    p = Project(
        title="t",
        stakeholders=(MINISTRY, MINISTRY),
        aims=(Aim(id="a", description="x"),),
        plan=(
            Involvement(stage="stage.dissemination", stakeholder="ministry", mode=Mode.ADVICE),
            Involvement(
                stage="stage.dissemination", stakeholder="ministry", mode=Mode.ADVICE, aims=("b",)
            ),
        ),
        conditions=(
            ConditionSetting(condition="condition.nope", lean=Lean.LESS),
            ConditionSetting(condition="condition.nope", lean=Lean.MORE),
        ),
    )
    with pytest.raises(PlanError) as info:
        appraise(p)
    assert info.value.problems == (
        "stakeholders[1].id: duplicate stakeholder id 'ministry'",
        "plan[1]: stakeholder 'ministry' is planned at 'stage.dissemination' twice",
        "plan[1].aims[0]: names 'b', which is not among the aims",
        "conditions[0].condition: 'condition.nope' is not a Table 2 condition of the catalogue",
        "conditions[1].condition: 'condition.nope' is not a Table 2 condition of the catalogue",
        "conditions[1]: 'condition.nope' is set twice",
    )


def test_score_confidence_and_verdict_from_table2() -> None:
    e = emphasis(
        Project(title="t", conditions=lean(contested="less", purpose="less", definition="more"))
    )
    assert e.score == pytest.approx(-1 / 9)
    assert e.confidence == pytest.approx(3 / 9)
    assert e.verdict is Verdict.BALANCED
    assert [c.contribution for c in e.contributions][:2] == [pytest.approx(-1 / 9), 0.0]
    assert e.contributions[0].source.locator == "Table 2, row 1"


def test_too_little_known_is_undetermined() -> None:
    e = emphasis(Project(title="t", conditions=lean(contested="more", direct_use="more")))
    assert e.confidence == pytest.approx(2 / 9)
    assert e.verdict is Verdict.UNDETERMINED
    assert e.advised_mode is Mode.CONSULTATION


def test_capacity_gate_caps_even_an_all_more_project() -> None:
    rows = dict.fromkeys(
        (
            "contested",
            "conflicts_of_interest",
            "direct_use",
            "funder_values",
            "definition",
            "purpose",
            "cooperation_needed",
            "relationships",
        ),
        "more",
    )
    e = emphasis(Project(title="t", conditions=lean(**rows, capacity="less")))
    assert e.ungated is Verdict.CLEARLY_MORE
    assert e.verdict is Verdict.LESS
    assert e.gated_by == ("condition.capacity",)
    # a gate that fires decides even when little else is known
    assert emphasis(Project(title="t", conditions=lean(capacity="less"))).verdict is Verdict.LESS


def test_capacity_is_inferred_from_resources_only_when_unstated() -> None:
    short = Resources(time=Sufficiency.LIMITED, budget=Sufficiency.ADEQUATE)
    e = emphasis(Project(title="t", resources=short))
    cap = e.contributions[-1]
    assert cap.inferred and cap.lean is Lean.LESS and e.gated_by
    assert "resources.time" in cap.inputs
    stated = emphasis(Project(title="t", resources=short, conditions=lean(capacity="more")))
    assert stated.contributions[-1].lean is Lean.MORE and not stated.gated_by
    a = appraise(Project(title="t", resources=short, conditions=lean(capacity="more")))
    assert a.finding("context.capacity-contradiction")
    full = Resources(
        time=Sufficiency.ADEQUATE, budget=Sufficiency.ADEQUATE, facilitation=Sufficiency.ADEQUATE
    )
    assert emphasis(Project(title="t", resources=full)).contributions[-1].lean is Lean.MORE
    off = Policy(infer_capacity=False)
    assert emphasis(Project(title="t", resources=short), policy=off).contributions[-1].lean is (
        Lean.UNKNOWN
    )


def test_policy_changes_weights_gates_and_thresholds() -> None:
    p = Project(
        title="t",
        conditions=lean(
            contested="less", conflicts_of_interest="less", direct_use="more", definition="more"
        ),
    )
    assert emphasis(p).verdict is Verdict.BALANCED
    heavier = Policy(weights={"condition.contested": 3.0, "condition.conflicts-of-interest": 3.0})
    assert emphasis(p, policy=heavier).score == pytest.approx((-6 + 2) / 13)
    assert emphasis(p, policy=heavier).verdict is Verdict.LESS
    gated = Policy(gates=frozenset({"condition.contested"}), gate_ceiling=Verdict.CLEARLY_LESS)
    assert emphasis(p, policy=gated).verdict is Verdict.CLEARLY_LESS
    lenient = Policy(min_confidence=0.0, thresholds=Thresholds(less=-0.05, more=0.05))
    assert emphasis(
        Project(title="t", conditions=lean(direct_use="more")), policy=lenient
    ).verdict is (Verdict.MORE)


def test_invalid_policies_are_refused() -> None:
    with pytest.raises(ValueError, match=r"weight of condition\.contested is negative"):
        Policy(weights={"condition.contested": -1})
    with pytest.raises(ValueError, match="thresholds must satisfy"):
        Thresholds(less=0.5, more=0.1)
    with pytest.raises(ValueError, match="gate_ceiling must be a graded verdict"):
        Policy(gate_ceiling=Verdict.UNDETERMINED)


def test_no_aims_and_political_reasons_unstated() -> None:
    p = Project(
        title="t",
        stakeholders=(MINISTRY,),
        plan=(
            Involvement(
                stage="stage.framing-questions", stakeholder="ministry", mode=Mode.CONSULTATION
            ),
        ),
    )
    a = appraise(p)
    (none,) = a.finding("aims.none")
    assert {c.entry for c in none.sources} == {"step.usefulness", "step.alternatives"}
    (political,) = a.finding("aims.political-unstated")
    assert any(c.page == 8 for c in political.sources)
    assert "stakeholders[ministry].kind" in political.inputs
    with_political = attrs.evolve(
        p, aims=(Aim(id="trust", description="build trust", motivations=(Motivation.POLITICAL,)),)
    )
    assert not appraise(with_political).finding("aims.political-unstated")


def test_aims_unserved_and_alternatives() -> None:
    p = Project(
        title="t",
        aims=(
            Aim(id="better", description="better questions", motivations=(Motivation.SUBSTANTIVE,)),
            Aim(id="idle", description="never served", motivations=(Motivation.NORMATIVE,)),
            Aim(id="why", description="no motivation"),
        ),
        stakeholders=(PATIENTS, MINISTRY),
        plan=tuple(
            Involvement(stage=s.id, stakeholder="patients", mode=Mode.PARTNERSHIP, aims=("better",))
            for s in default_catalogue().stages
        ),
    )
    a = appraise(p)
    by_aim = {x.aim: x for x in a.aims}
    assert by_aim["why"].only_route.value == "unclear"
    assert by_aim["better"].only_route.value == "unlikely"
    assert {x.alternative for x in by_aim["better"].alternatives} == {
        "alternative.systematic-review",
        "alternative.consultation",
        "alternative.selective-stages",
    }
    assert len(by_aim["better"].served_by) == 7
    assert {f.inputs[0] for f in a.finding("aims.unserved")} == {"aims[idle]", "aims[why]"}
    assert a.finding("aims.no-motivation")[0].inputs == ("aims[why].motivations",)
    assert a.finding("plan.stakeholder-uninvolved")[0].inputs == ("stakeholders[ministry]",)


def test_risk_severity_factors_and_mitigations() -> None:
    base = Project(
        title="t",
        stakeholders=(MINISTRY,),
        plan=(
            Involvement(
                stage="stage.dissemination", stakeholder="ministry", mode=Mode.CONSULTATION
            ),
        ),
    )
    risks = {r.code: r for r in appraise(base).risks}
    held_back = risks["risk.prevented-sharing"]
    assert [f.code for f in held_back.factors] == [
        "involvement-depth",
        "powerful-interested",
        "no-publication-agreement",
    ]
    assert held_back.points == 1 + 2 + 1  # unknown agreement counts half
    assert held_back.severity is Severity.HIGH
    agreed = attrs.evolve(base, governance=Governance(publication_agreement=True))
    held_back = {r.code: r for r in appraise(agreed).risks}["risk.prevented-sharing"]
    assert held_back.points == 3 and held_back.severity is Severity.MEDIUM
    assert held_back.residual is Severity.MEDIUM  # one mitigation in place takes a point off
    assert [(m.mitigation, m.in_place) for m in held_back.mitigations] == [
        ("mitigation.publication-agreement", True)
    ]


def test_junior_researchers_carrying_engagement_bear_costs() -> None:
    p = Project(
        title="t",
        stakeholders=(PATIENTS,),
        researchers=(
            Researcher(
                id="ra",
                career_stage=CareerStage.EARLY,
                contract=ContractType.FIXED_TERM,
                carries_engagement=True,
            ),
            Researcher(id="pi", career_stage=CareerStage.SENIOR),
        ),
        plan=(
            Involvement(stage="stage.mixed-teams", stakeholder="patients", mode=Mode.COLLABORATION),
        ),
    )
    a = appraise(p)
    assert all("junior-carries-engagement" in {f.code for f in r.factors} for r in a.risks)
    assert {"bearer.researchers-early-career", "bearer.researchers-fixed-term"} <= {
        c.bearer for c in a.exposure if c.least_able
    }
    senior = attrs.evolve(
        p,
        researchers=(
            Researcher(id="pi", career_stage=CareerStage.SENIOR, carries_engagement=True),
        ),
    )
    assert not {"bearer.researchers-early-career"} & {c.bearer for c in appraise(senior).exposure}


def test_exposure_cells_are_bearer_by_category() -> None:
    a = appraise(
        Project(
            title="t",
            stakeholders=(PATIENTS,),
            plan=(
                Involvement(
                    stage="stage.analysing-data", stakeholder="patients", mode=Mode.PARTNERSHIP
                ),
            ),
            identifiable_data=True,
        )
    )
    cells = {(c.bearer, c.category): c for c in a.exposure}
    ethics = cells[(BearerId("bearer.participants"), CategoryId("category.research"))]
    assert "cost.ethics-breach" in ethics.costs
    assert set(ethics.risks) == {"risk.identify-participants", "risk.help-analyse"}
    assert ethics.weight == sum(r.residual.rank for r in a.risks if r.code in ethics.risks)


def test_key_questions_answered_partly_or_open() -> None:
    bare = appraise(Project(title="t"))
    assert {q.answer for q in bare.questions} == {Answer.OPEN}
    p = Project(
        title="t",
        stakeholders=(attrs.evolve(PATIENTS, reimbursed=True),),
        resources=Resources(time=Sufficiency.ADEQUATE),
        governance=Governance(ground_rules=True),
    )
    q = {x.question: x for x in appraise(p).questions}
    costs = q[QuestionId("question.individuals.costs")]
    assert costs.answer is Answer.PARTLY
    assert costs.answered_by == ("resources.time", "stakeholders[patients].reimbursed")
    assert costs.missing == ("resources.budget", "resources.facilitation")
    assert q[QuestionId("question.individuals.decisions")].answer is Answer.PARTLY
    assert q[QuestionId("question.organisations.evaluation")].answer is Answer.OPEN
    assert q[QuestionId("question.individuals.contributions")].answer is Answer.OPEN


def test_sensitivity_says_which_conditions_would_change_the_verdict() -> None:
    p = Project(
        title="t",
        conditions=lean(
            contested="more",
            conflicts_of_interest="more",
            direct_use="more",
            definition="more",
            purpose="less",
            capacity="more",
        ),
    )
    rows = {r.condition: r for r in sensitivity(p)}
    assert emphasis(p).verdict is Verdict.MORE
    cap = rows[ConditionId("condition.capacity")]
    assert cap.changes_verdict and cap.outcomes[0].verdict is Verdict.LESS  # the gate
    assert not rows[ConditionId("condition.relationships")].changes_verdict
    assert [o.lean for o in rows[ConditionId("condition.relationships")].outcomes] == [
        Lean.LESS,
        Lean.MORE,
    ]


def test_compare_before_and_after_a_plan_change() -> None:
    before_p = Project(
        title="t",
        stakeholders=(MINISTRY,),
        plan=(
            Involvement(stage="stage.dissemination", stakeholder="ministry", mode=Mode.PARTNERSHIP),
        ),
    )
    after_p = attrs.evolve(before_p, governance=Governance(publication_agreement=True))
    diff = compare(appraise(before_p), appraise(after_p))
    assert not diff.verdict_changed
    changed = {(c.what, c.key): (c.before, c.after) for c in diff.changes}
    assert changed[("risk", "risk.prevented-sharing@stage.dissemination")] == (
        "high (5 points, 0 mitigated)",
        "medium (4 points, 1 mitigated)",
    )
    assert all(what != "question" for what, _ in changed)
    assert compare(appraise(before_p), appraise(before_p)).changes == ()


def test_explain_is_readable_and_cites_pages() -> None:
    text = appraise(
        Project(
            title="Demo",
            stakeholders=(MINISTRY,),
            plan=(
                Involvement(
                    stage="stage.recommendations", stakeholder="ministry", mode=Mode.PARTNERSHIP
                ),
            ),
        )
    ).explain()
    assert text.startswith("Appraisal of 'Demo'")
    for heading in (
        "Step 1",
        "Step 2",
        "Risk register",
        "Who bears the costs",
        "Key questions",
        "Findings",
    ):
        assert heading in text
    assert "[p. 7, Table 2, row 9]" in text
    assert "Pressure to frame findings" in text


def test_custom_catalogue_alternative_is_offered() -> None:
    mine = default_catalogue().with_entries(
        Alternative(
            id=AlternativeId("alternative.citizens-jury"),
            label="Citizens' jury",
            description="A one-off deliberative panel.",
            source=Source(page=6, locator="local"),
            serves=(Motivation.NORMATIVE,),
        ),
        version="local",
    )
    p = Project(
        title="t", aims=(Aim(id="fair", description="x", motivations=(Motivation.NORMATIVE,)),)
    )
    a = appraise(p, catalogue=mine)
    assert a.catalogue_version == "local"
    assert "alternative.citizens-jury" in {x.alternative for x in a.aims[0].alternatives}


def test_one_group_outnumbering_the_others_is_a_dominance_factor() -> None:
    clinicians = tuple(
        Stakeholder(id=f"gp{i}", kind=StakeholderKind.PRACTITIONER, power=Level.MEDIUM)
        for i in range(3)
    )
    patient = Stakeholder(id="patient", kind=StakeholderKind.PATIENT, power=Level.MEDIUM)
    plan = tuple(
        Involvement(stage="stage.mixed-teams", stakeholder=s.id, mode=Mode.CONSULTATION)
        for s in (*clinicians, patient)
    )
    a = appraise(Project(title="t", stakeholders=(*clinicians, patient), plan=plan))
    (usual,) = a.risk("risk.usual-suspects")
    (dominance,) = [f for f in usual.factors if f.code == "dominance"]
    assert dominance.message == "one group outnumbers the others: gp0, gp1, gp2"
    balanced = appraise(Project(title="t", stakeholders=(*clinicians, patient), plan=plan[2:]))
    assert "dominance" not in {f.code for f in balanced.risk("risk.usual-suspects")[0].factors}
