"""Each rule of the engine, on small projects built by hand.

Every registered finding rule and risk factor has a case here that makes it fire and a
neighbouring case that does not; a rule added to a registry without one fails
``test_every_finding_rule_has_a_case`` or ``test_every_factor_has_a_case``.
"""

from __future__ import annotations

from collections.abc import Callable
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
    PlanError,
    Project,
    Researcher,
    Resources,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
    Support,
    appraise,
    compare,
    default_catalogue,
    sensitivity,
)
from coproduce.appraisal import (
    ALTERNATIVES,
    FACTORS,
    FINDINGS,
    MITIGATIONS,
    QUESTIONS,
    Action,
    Answer,
    Finding,
    FindingLevel,
    Hit,
    Policy,
    Route,
    Severity,
    Thresholds,
    UnknownRuleError,
    Verdict,
    emphasis,
    finding_rule,
)
from coproduce.model import (
    Alternative,
    AlternativeId,
    CareerStage,
    ContractType,
    CostingPlan,
    DecisionProcess,
    InvolvementCosting,
    Rate,
    RateCard,
    RateUnit,
    Source,
)

MINISTRY = Stakeholder(
    id="ministry", kind=StakeholderKind.POLICY_MAKER, power=Level.HIGH, interest=Level.HIGH
)
PATIENTS = Stakeholder(
    id="patients", kind=StakeholderKind.PATIENT, power=Level.LOW, reimbursed=True
)
ADEQUATE = Resources(
    time=Sufficiency.ADEQUATE, budget=Sufficiency.ADEQUATE, facilitation=Sufficiency.ADEQUATE
)
GOVERNED = Governance(
    decisions=DecisionProcess.STEERING_GROUP,
    ground_rules=True,
    accountability=True,
    data_agreement=True,
    publication_agreement=True,
    ip_agreement=True,
)
VOICE = Aim(
    id="voice",
    description="patients shape the study and share its power",
    motivations=(Motivation.NORMATIVE, Motivation.POLITICAL),
)
NORMATIVE = Aim(
    id="voice", description="patients shape the study", motivations=(Motivation.NORMATIVE,)
)


def lean(**kw: str) -> tuple[ConditionSetting, ...]:
    return tuple(
        ConditionSetting(condition=f"condition.{k.replace('_', '-')}", lean=Lean(v))
        for k, v in kw.items()
    )


def inv(stage: str, who: str, mode: Mode, *aims: str, embedded: bool = False) -> Involvement:
    return Involvement(
        stage=f"stage.{stage}", stakeholder=who, mode=mode, aims=aims, embedded=embedded
    )


# A quiet project: well governed, resourced, patients paid, one aim served; few rules fire.
BASE = Project(
    title="quiet",
    aims=(VOICE,),
    stakeholders=(PATIENTS,),
    plan=(inv("framing-questions", "patients", Mode.COLLABORATION, "voice"),),
    resources=ADEQUATE,
    governance=GOVERNED,
    support=Support(
        infrastructure=True,
        leadership=True,
        training=True,
        recognition=True,
        evaluation=True,
        diversity=True,
    ),
    identifiable_data=False,
)


def with_(**changes: object) -> Project:
    return attrs.evolve(BASE, **changes)  # type: ignore[arg-type]


def codes(p: Project, policy: Policy | None = None) -> set[str]:
    return {f.code for f in appraise(p, policy=policy).findings}


def test_the_base_project_is_quiet() -> None:
    assert codes(BASE) == set()


# --------------------------------------------------------------------------- finding rules

_DECIDER = with_(
    aims=(NORMATIVE,),
    stakeholders=(PATIENTS, MINISTRY),
    plan=(*BASE.plan, inv("framing-questions", "ministry", Mode.CONSULTATION, "voice")),
)
FIRES: dict[str, Callable[[], Project]] = {
    "aims.none": lambda: with_(
        aims=(), plan=(inv("framing-questions", "patients", Mode.CONSULTATION),)
    ),
    "aims.no-motivation": lambda: with_(aims=(Aim(id="voice", description="x"),)),
    "aims.unserved": lambda: with_(aims=(VOICE, Aim(id="other", description="y"))),
    "aims.political-unstated": lambda: _DECIDER,
    "emphasis.gated": lambda: attrs.evolve(
        _DECIDER, conditions=lean(contested="more", capacity="less", direct_use="more")
    ),
    "emphasis.undetermined": lambda: _DECIDER,
    "context.capacity-inferred": lambda: attrs.evolve(
        _DECIDER, resources=attrs.evolve(ADEQUATE, budget=Sufficiency.LIMITED)
    ),
    "context.capacity-contradiction": lambda: with_(
        conditions=lean(capacity="more"), resources=attrs.evolve(ADEQUATE, time=Sufficiency.LIMITED)
    ),
    "plan.empty": lambda: with_(plan=()),
    "plan.deeper-than-advised": lambda: with_(
        plan=(inv("framing-questions", "patients", Mode.PARTNERSHIP),), aims=()
    ),
    "plan.embedded-lay": lambda: with_(
        plan=(inv("framing-questions", "patients", Mode.COLLABORATION, "voice", embedded=True),)
    ),
    "advice.prerequisites": lambda: attrs.evolve(
        _DECIDER, governance=attrs.evolve(GOVERNED, publication_agreement=None)
    ),
    "plan.stakeholder-uninvolved": lambda: with_(stakeholders=(PATIENTS, MINISTRY)),
    "plan.hit-and-run": lambda: with_(
        stakeholders=(attrs.evolve(PATIENTS, expects_implementation_help=True),)
    ),
    "resourcing.short": lambda: with_(resources=attrs.evolve(ADEQUATE, budget=Sufficiency.LIMITED)),
    "resourcing.none": lambda: with_(
        resources=Resources(
            time=Sufficiency.NONE, budget=Sufficiency.NONE, facilitation=Sufficiency.NONE
        )
    ),
    "exposure.concentration": lambda: with_(
        researchers=(Researcher(id="ra", career_stage=CareerStage.EARLY, carries_engagement=True),),
        governance=Governance(),
        stakeholders=(attrs.evolve(PATIENTS, familiar=True),),
    ),
    "exposure.unpaid-contributors": lambda: with_(
        stakeholders=(attrs.evolve(PATIENTS, reimbursed=False),)
    ),
    "exposure.gendered-load": lambda: with_(engagement_gendered=True),
    "exposure.racialised-load": lambda: with_(engagement_racialised=True),
    "capacity.unknown": lambda: with_(
        resources=attrs.evolve(ADEQUATE, facilitation=Sufficiency.UNKNOWN)
    ),
    "plan.after-funding": lambda: with_(funded_until="stage.mixed-teams"),
    "plan.application-only": lambda: with_(
        costing=CostingPlan(
            currency="GBP",
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions", stakeholder="patients", before_grant=True
                ),
            ),
        )
    ),
    "organisation.support-absent": lambda: with_(
        support=attrs.evolve(BASE.support, recognition=False)
    ),
    "governance.decisions-open": lambda: with_(
        governance=attrs.evolve(GOVERNED, decisions=DecisionProcess.UNSPECIFIED)
    ),
    "evaluation.none": lambda: with_(support=attrs.evolve(BASE.support, evaluation=None)),
    "practice.unmitigated": lambda: with_(sensitive_topic=True),
    "costing.payment-from-costing": lambda: with_(
        stakeholders=(attrs.evolve(PATIENTS, reimbursed=False),),
        costing=CostingPlan(
            currency="GBP",
            rate_card=RateCard(
                id="card",
                currency="GBP",
                rates=(Rate(role="member", unit=RateUnit.HOUR, amount=Decimal(20)),),
            ),
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="patients",
                    role="member",
                    hours=Decimal(2),
                ),
            ),
        ),
    ),
    "costing.incomplete": lambda: with_(
        costing=CostingPlan(
            currency="GBP",
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions", stakeholder="patients", role="member"
                ),
            ),
        )
    ),
}


# Rules that fire only under a policy that asks for them.
POLICIES = {"emphasis.gated": Policy(gates=frozenset({"condition.capacity"}))}


def test_every_finding_rule_has_a_case() -> None:
    assert set(FINDINGS) == set(FIRES)


@pytest.mark.parametrize("code", sorted(FIRES))
def test_finding_rule_fires_on_its_case_only(code: str) -> None:
    project = FIRES[code]()
    policy = POLICIES.get(code, Policy())
    found = appraise(project, policy=policy).finding(code)
    assert found, f"{code} did not fire"
    rule = FINDINGS.get(code)
    for f in found:
        assert f.level is rule.level and f.message and f.citations
        assert all(c.page >= 1 and c.locator for c in f.citations)
    assert code not in codes(BASE, policy)
    disabled = attrs.evolve(policy, disabled=frozenset({code}))
    assert code not in codes(project, disabled)


def test_an_embedder_adds_a_finding_rule_through_the_policy() -> None:
    @finding_rule("local.unpaid-panel", FindingLevel.WARNING, cites=("cost.stakeholder-time",))
    def unpaid(ctx, results):  # type: ignore[no-untyped-def]
        """Any stakeholder is unpaid."""
        for s in ctx.project.stakeholders:
            if s.reimbursed is False:
                yield Hit(f"{s.id} is unpaid", (f"stakeholders[{s.id}].reimbursed",))

    policy = Policy(rules=(unpaid,))
    project = FIRES["exposure.unpaid-contributors"]()
    (f,) = appraise(project, policy=policy).finding("local.unpaid-panel")
    assert f.citations[0].entry == "cost.stakeholder-time" and f.citations[0].page == 6
    assert appraise(project, policy=policy).policy_digest != appraise(project).policy_digest
    with pytest.raises(ValueError, match="given twice"):
        Policy(rules=(unpaid, unpaid))


# --------------------------------------------------------------------------- advice


def test_table2_drives_only_decision_makers_and_commercial_partners() -> None:
    company = Stakeholder(id="company", kind=StakeholderKind.COMMERCIAL, power=Level.HIGH)
    p = with_(
        stakeholders=(PATIENTS, MINISTRY, company),
        plan=(
            *BASE.plan,
            inv("framing-questions", "ministry", Mode.COLLABORATION),
            inv("framing-questions", "company", Mode.COLLABORATION),
        ),
        conditions=lean(contested="less", conflicts_of_interest="less", purpose="less"),
    )
    a = appraise(p)
    assert a.emphasis.applies_to == ("company", "ministry")
    assert a.advice_for("ministry").verdict is Verdict.LESS
    assert a.advice_for("company").verdict is Verdict.LESS
    assert a.advice_for("patients").verdict is Verdict.MORE  # their aim, not Table 2
    assert a.advice_for("patients").basis == "aims"


def test_row_2_is_read_per_stakeholder_from_delivery_responsibility() -> None:
    delivers = attrs.evolve(MINISTRY, id="delivers", delivery_responsibility=True)
    free = attrs.evolve(MINISTRY, id="free", delivery_responsibility=False, power=Level.MEDIUM)
    p = with_(
        stakeholders=(PATIENTS, delivers, free),
        plan=(
            *BASE.plan,
            inv("framing-questions", "delivers", Mode.CONSULTATION),
            inv("framing-questions", "free", Mode.CONSULTATION),
        ),
        conditions=lean(contested="more", direct_use="more", purpose="less"),
    )
    a = appraise(p)
    assert rank(a.advice_for("delivers").verdict) < rank(a.advice_for("free").verdict)


def rank(v: Verdict) -> int:
    assert v.rank is not None
    return v.rank


def test_stage_caps_consult_the_powerful_where_findings_are_framed() -> None:
    delivers = attrs.evolve(MINISTRY, delivery_responsibility=True)
    p = with_(
        stakeholders=(PATIENTS, delivers),
        plan=(
            *BASE.plan,
            inv("framing-questions", "ministry", Mode.COLLABORATION),
            inv("recommendations", "ministry", Mode.COLLABORATION),
        ),
        conditions=lean(contested="more", direct_use="more", cooperation_needed="more"),
    )
    lines = {s.stage: s for s in appraise(p).advice_for("ministry").stages}
    assert lines["stage.framing-questions"].action is Action.KEEP
    assert lines["stage.recommendations"].action is Action.LIGHTEN
    assert lines["stage.recommendations"].advised_mode is Mode.CONSULTATION


def test_prerequisites_make_more_read_more_once() -> None:
    p = FIRES["advice.prerequisites"]()
    ministry = appraise(p).advice_for("ministry")
    assert [x.code for x in ministry.prerequisites] == ["publication-agreement"]
    assert ministry.summary.endswith("once a publication agreement is signed")
    assert {s.action for s in ministry.stages} == {Action.AFTER_PREREQUISITES}
    # a recipient has no seat: no prerequisite
    told = attrs.evolve(p, plan=(*BASE.plan, inv("dissemination", "ministry", Mode.RECIPIENT)))
    assert appraise(told).advice_for("ministry").prerequisites == ()


def test_a_shortfall_holds_the_advice_lower_and_nothing_resourced_lowest() -> None:
    short = FIRES["resourcing.short"]()
    a = appraise(short)
    patients = a.advice_for("patients")
    # budget limited: Table 2 row 9 for every relationship; patients of low power carry the
    # work, so one rung lower: balanced, up to collaboration (their plan), not "more"
    assert patients.verdict is Verdict.BALANCED
    assert patients.deepest_mode is Mode.COLLABORATION
    assert [c.code for c in patients.ceilings] == ["capacity"]
    assert "framing-questions" in a.finding("resourcing.short")[0].message
    bare = appraise(FIRES["resourcing.none"]())
    assert bare.advice_for("patients").verdict is Verdict.LESS
    assert bare.advice_for("patients").deepest_mode is Mode.CONSULTATION


def test_undetermined_aims_leave_advice_open_with_a_lever() -> None:
    a = appraise(with_(aims=(), plan=(inv("framing-questions", "patients", Mode.CONSULTATION),)))
    patients = a.advice_for("patients")
    assert patients.verdict is Verdict.UNDETERMINED
    assert [lv.code for lv in a.levers] == ["aims"]


def test_advice_for_an_unknown_stakeholder_is_a_library_error() -> None:
    from coproduce.errors import UnknownEntryError

    with pytest.raises(UnknownEntryError):
        appraise(BASE).advice_for("nobody")


# --------------------------------------------------------------------------- risks


_RISKY = with_(
    stakeholders=(PATIENTS, MINISTRY),
    plan=(
        inv("recommendations", "patients", Mode.COLLABORATION, "voice"),
        inv("recommendations", "ministry", Mode.CONSULTATION, "voice"),
    ),
    governance=Governance(),
    identifiable_data=True,
)
FACTOR_CASES: dict[str, tuple[Callable[[], Project], str]] = {
    "involvement-depth": (lambda: BASE, "risk.different-priorities"),
    "powerful-interested": (lambda: _RISKY, "risk.pressed-to-frame"),
    "delivery-responsibility": (
        lambda: attrs.evolve(
            _RISKY, stakeholders=(PATIENTS, attrs.evolve(MINISTRY, delivery_responsibility=True))
        ),
        "risk.pressed-to-frame",
    ),
    "commercial-interest": (
        lambda: attrs.evolve(
            _RISKY,
            stakeholders=(PATIENTS, attrs.evolve(MINISTRY, kind=StakeholderKind.COMMERCIAL)),
        ),
        "risk.pressed-to-frame",
    ),
    "embedded": (
        lambda: attrs.evolve(
            _RISKY,
            plan=(
                inv("recommendations", "patients", Mode.COLLABORATION, "voice"),
                inv("recommendations", "ministry", Mode.CONSULTATION, embedded=True),
            ),
        ),
        "risk.pressed-to-frame",
    ),
    "dominance": (
        lambda: with_(
            stakeholders=(attrs.evolve(PATIENTS, familiar=True),),
            plan=(inv("mixed-teams", "patients", Mode.CONSULTATION, "voice"),),
        ),
        "risk.usual-suspects",
    ),
    "identifiable-data": (
        lambda: with_(
            identifiable_data=True, plan=(inv("analysing-data", "patients", Mode.COLLABORATION),)
        ),
        "risk.help-analyse",
    ),
    "no-publication-agreement": (lambda: _RISKY, "risk.pressed-to-frame"),
    "no-data-agreement": (
        lambda: with_(
            governance=Governance(),
            identifiable_data=True,
            plan=(inv("analysing-data", "patients", Mode.COLLABORATION),),
        ),
        "risk.help-analyse",
    ),
    "no-resources": (
        lambda: with_(
            resources=Resources(time=Sufficiency.NONE),
            plan=(inv("mixed-teams", "patients", Mode.CONSULTATION),),
        ),
        "risk.stakeholders-disagree",
    ),
    "junior-carries-engagement": (
        lambda: with_(
            researchers=(
                Researcher(id="ra", contract=ContractType.FIXED_TERM, carries_engagement=True),
            )
        ),
        "risk.different-priorities",
    ),
    "hit-and-run": (lambda: FIRES["plan.hit-and-run"](), "risk.implementation-disinterest"),
}


def test_every_factor_has_a_case() -> None:
    assert set(FACTORS) == set(FACTOR_CASES)


@pytest.mark.parametrize("code", sorted(FACTOR_CASES))
def test_factor_raises_its_risk(code: str) -> None:
    make, risk_code = FACTOR_CASES[code]
    a = appraise(make())
    risks = a.risk(risk_code)
    assert risks, f"no {risk_code}"
    assert any(code in {f.code for f in r.factors} for r in risks), [r.factors for r in risks]
    zero = Policy(factor_points={code: 0})
    assert sum(r.points for r in appraise(make(), policy=zero).risk(risk_code)) < sum(
        r.points for r in risks
    )


def test_severity_is_scored_per_relationship_not_pooled() -> None:
    # a recipient ministry does not make co-writing with patients riskier
    told = with_(
        stakeholders=(PATIENTS, MINISTRY),
        plan=(
            inv("dissemination", "patients", Mode.COLLABORATION, "voice"),
            inv("dissemination", "ministry", Mode.RECIPIENT),
        ),
        governance=attrs.evolve(GOVERNED, publication_agreement=None),
    )
    (held_back,) = appraise(told).risk("risk.prevented-sharing")
    assert "powerful-interested" not in {f.code for f in held_back.factors}
    assert held_back.drivers == ("patients",)
    assert held_back.severity is not Severity.HIGH
    seated = attrs.evolve(
        told,
        plan=(
            inv("dissemination", "patients", Mode.COLLABORATION, "voice"),
            inv("dissemination", "ministry", Mode.CONSULTATION),
        ),
    )
    (pressed,) = appraise(seated).risk("risk.prevented-sharing")
    assert pressed.drivers == ("ministry",) and pressed.points > held_back.points


def test_power_tensions_are_not_mitigated_away_by_money() -> None:
    usual = with_(
        stakeholders=(attrs.evolve(PATIENTS, familiar=True, power=Level.LOW), MINISTRY),
        plan=(
            inv("mixed-teams", "patients", Mode.COLLABORATION, "voice"),
            inv("mixed-teams", "ministry", Mode.COLLABORATION),
        ),
        governance=attrs.evolve(
            GOVERNED, ground_rules=False, decisions=DecisionProcess.UNSPECIFIED
        ),
    )
    (disagree,) = appraise(usual).risk("risk.stakeholders-disagree")
    assert any(f.power for f in disagree.factors)
    assert {m.mitigation for m in disagree.mitigations if m.in_place} >= {
        "mitigation.budget",
        "mitigation.time",
        "mitigation.facilitation",
    }
    assert disagree.residual is not Severity.LOW  # money does not lower power
    governed = attrs.evolve(usual, governance=GOVERNED)
    (calmer,) = appraise(governed).risk("risk.stakeholders-disagree")
    assert calmer.residual.rank < disagree.residual.rank
    assert calmer.residual is Severity.LOW  # and never below low: there is no 'none'


def test_omission_hit_and_run_without_anyone_at_implementation() -> None:
    a = appraise(FIRES["plan.hit-and-run"]())
    (risk,) = a.risk("risk.implementation-disinterest")
    assert risk.omission and risk.stage == "stage.implementation"
    assert risk.stakeholders == ("patients",)
    assert "cost.hit-and-run" in risk.costs
    supported = attrs.evolve(FIRES["plan.hit-and-run"](), implementation_support=True)
    assert not appraise(supported).risk("risk.implementation-disinterest")


# --------------------------------------------------------------------------- who pays


def test_least_able_is_about_people_not_budgets() -> None:
    p = with_(
        stakeholders=(
            PATIENTS,
            MINISTRY,
            attrs.evolve(PATIENTS, id="unpaid", reimbursed=False, power=Level.MEDIUM),
        ),
        plan=(
            inv("framing-questions", "patients", Mode.COLLABORATION, "voice"),
            inv("framing-questions", "ministry", Mode.COLLABORATION),
            inv("framing-questions", "unpaid", Mode.COLLABORATION, "voice"),
        ),
        resources=attrs.evolve(ADEQUATE, budget=Sufficiency.NONE),
    )
    a = appraise(p)
    flagged = {c.bearer: c.who for c in a.exposure if c.least_able}
    assert "bearer.policy-makers" not in flagged  # never the powerful, budget or not
    assert set(flagged["bearer.patients"]) == {"unpaid"}  # unpaid; low power alone, paid: no
    assert not any(
        c.bearer == "bearer.patients" and c.category == "category.professional" for c in a.exposure
    )
    low = appraise(p, policy=Policy(least_able_low_power=True))
    flagged = {c.bearer: c.who for c in low.exposure if c.least_able}
    assert set(flagged["bearer.patients"]) == {"patients", "unpaid"}  # the embedder's choice
    assert "bearer.policy-makers" not in flagged


def _concentration_on(p: Project, who: str, policy: Policy | None = None) -> list[Finding]:
    found = appraise(p, policy=policy).finding("exposure.concentration")
    return [f for f in found if f.message.startswith(f"{who} ")]


def test_a_stakeholder_least_able_is_the_tools_judgement_with_its_reason() -> None:
    risky = attrs.evolve(_RISKY, aims=(VOICE,))
    unpaid = attrs.evolve(PATIENTS, reimbursed=False)
    p = attrs.evolve(risky, stakeholders=(unpaid, MINISTRY))
    (f,) = _concentration_on(p, "patients")
    assert "whom this tool counts among those least able to bear them (unpaid, low power)" in (
        f.message
    )
    cited = [c.entry for c in f.citations]
    assert "bearer.patients" not in cited  # the catalogue does not mark it least able
    assert {"cost.stakeholder-time", "cost.disengagement"} <= set(cited)
    assert "stakeholders[patients].reimbursed" in f.inputs
    # paid and of low power: no concern by default; with the policy switch, said so
    paid = attrs.evolve(risky, stakeholders=(PATIENTS, MINISTRY))
    assert _concentration_on(paid, "patients") == []
    (g,) = _concentration_on(paid, "patients", Policy(least_able_low_power=True))
    assert "(low power, though paid)" in g.message
    assert [c.entry for c in g.citations][-1] == "cost.disengagement"


def test_early_career_and_fixed_term_is_one_person_in_one_finding() -> None:
    p = FIRES["exposure.concentration"]()
    p = attrs.evolve(
        p,
        researchers=(
            Researcher(
                id="ra",
                career_stage=CareerStage.EARLY,
                contract=ContractType.FIXED_TERM,
                carries_engagement=True,
            ),
        ),
    )
    found = appraise(p).finding("exposure.concentration")
    ra = [f for f in found if f.message.startswith("ra ")]
    assert len(ra) == 1
    assert "early-career researchers; researchers on fixed-term contracts" in ra[0].message


def test_exposure_counts_risks_by_residual_severity() -> None:
    a = appraise(_RISKY)
    for cell in a.exposure:
        assert cell.low + cell.medium + cell.high == len(cell.risks)


# --------------------------------------------------------------------------- questions


def test_key_questions_distinguish_yes_no_and_open() -> None:
    a = appraise(with_(support=attrs.evolve(BASE.support, recognition=False)))
    answers = {q.question: q for q in a.questions}
    assert answers["question.organisations.recognition"].answer is Answer.ANSWERED_NO
    assert answers["question.organisations.recognition"].absent == ("support.recognition",)
    assert answers["question.organisations.evaluation"].answer is Answer.ANSWERED
    open_ = appraise(Project(title="t"))
    assert {q.answer for q in open_.questions} <= {Answer.OPEN, Answer.PARTLY}


# --------------------------------------------------------------------------- aims


def test_routes_and_alternatives_fit_the_aim() -> None:
    substantive = Aim(id="s", description="x", motivations=(Motivation.SUBSTANTIVE,))
    political = Aim(id="p", description="y", motivations=(Motivation.POLITICAL,))
    p = with_(
        aims=(substantive, political, VOICE),
        stakeholders=(PATIENTS, MINISTRY),
        plan=(
            inv("framing-questions", "patients", Mode.COLLABORATION, "s", "voice"),
            inv("framing-questions", "ministry", Mode.COLLABORATION, "p"),
        ),
    )
    by = {x.aim: x for x in appraise(p).aims}
    assert by["voice"].only_route is Route.LIKELY
    # the tool's judgement, said as such, beside what the paper holds (p. 8)
    assert "this tool's judgement (not the paper's)" in by["voice"].route_reason
    assert "(p. 8)" in by["voice"].route_reason
    assert "aim itself" not in by["voice"].route_reason
    assert by["p"].only_route is Route.UNCLEAR  # the paper gives no rule for political aims
    assert any(c.page == 8 for c in by["p"].citations)
    assert "alternative.systematic-review" in {x.alternative for x in by["s"].alternatives}
    # an aim that is also substantive keeps the other means the paper names for that side
    both = Aim(
        id="voice", description="z", motivations=(Motivation.SUBSTANTIVE, *VOICE.motivations)
    )
    by_both = {
        x.aim: x for x in appraise(attrs.evolve(p, aims=(substantive, political, both))).aims
    }
    assert by_both["voice"].only_route is Route.LIKELY
    assert {x.alternative for x in by_both["voice"].alternatives} >= {
        "alternative.systematic-review",
        "alternative.consultation",
    }
    rapid = attrs.evolve(p, duration_weeks=8)
    by = {x.aim: x for x in appraise(rapid).aims}
    assert "alternative.systematic-review" not in {x.alternative for x in by["s"].alternatives}


# --------------------------------------------------------------------------- evaluators


def test_every_catalogue_entry_has_an_evaluator() -> None:
    cat = default_catalogue()
    assert {m.id for m in cat.mitigations} == set(MITIGATIONS)
    assert {a.id for a in cat.alternatives} == set(ALTERNATIVES)
    assert {q.id for q in cat.questions} == set(QUESTIONS)


def test_an_entry_without_an_evaluator_fails_loudly() -> None:
    mine = default_catalogue().with_entries(
        Alternative(
            id=AlternativeId("alternative.citizens-panel"),
            label="Citizens' panel",
            description="A standing panel instead.",
            source=Source(page=6, locator="local addition"),
            serves=(Motivation.NORMATIVE,),
        ),
        version="local.1",
    )
    p = with_(
        aims=(Aim(id="n", description="x", motivations=(Motivation.NORMATIVE,)),),
        plan=(inv("framing-questions", "patients", Mode.COLLABORATION, "n"),),
        stakeholders=(attrs.evolve(PATIENTS, kind=StakeholderKind.PRACTITIONER),),
    )
    with pytest.raises(UnknownRuleError, match=r"alternative\.citizens-panel"):
        appraise(p, catalogue=mine)
    policy = Policy(evaluators={"alternative.citizens-panel": lambda ctx, invs: "a panel could"})
    (aim,) = appraise(p, catalogue=mine, policy=policy).aims
    assert [x.reason for x in aim.alternatives] == ["a panel could"]


# --------------------------------------------------------------------------- plan and policy


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
        "$.plan[0].stakeholder: names 'press', which is not among the project's stakeholders"
    )
    assert info.value.problems[1].startswith("$.plan[1].stage: names 'stage.nowhere', which is not")
    assert isinstance(info.value, ValueError)


def test_score_coverage_and_verdict_from_table2() -> None:
    e = emphasis(
        Project(title="t", conditions=lean(contested="less", purpose="less", definition="more"))
    )
    assert e.score == pytest.approx(-1 / 9)
    assert e.coverage == pytest.approx(3 / 9)
    assert e.verdict is Verdict.BALANCED
    assert e.contributions[0].source.locator == "Table 2, row 1"
    few = emphasis(Project(title="t", conditions=lean(contested="more", direct_use="more")))
    assert few.verdict is Verdict.UNDETERMINED and few.advised_mode is Mode.CONSULTATION


def test_no_gate_by_default_and_a_gate_names_itself_only_when_it_lowers() -> None:
    rows = dict.fromkeys(
        ("contested", "conflicts_of_interest", "direct_use", "funder_values"), "more"
    )
    p = Project(title="t", conditions=lean(**rows, capacity="less"))
    assert emphasis(p).verdict is Verdict.MORE and emphasis(p).gated_by == ()
    gated = Policy(gates=frozenset({"condition.capacity"}))
    assert emphasis(p, policy=gated).verdict is Verdict.LESS
    assert emphasis(p, policy=gated).gated_by == ("condition.capacity",)
    already_low = Project(
        title="t", conditions=lean(contested="less", purpose="less", capacity="less")
    )
    assert emphasis(already_low, policy=gated).gated_by == ()


def test_policy_changes_weights_and_thresholds() -> None:
    p = Project(
        title="t",
        conditions=lean(
            contested="less", conflicts_of_interest="less", direct_use="more", definition="more"
        ),
    )
    heavier = Policy(weights={"condition.contested": 3.0, "condition.conflicts-of-interest": 3.0})
    assert emphasis(p, policy=heavier).score == pytest.approx((-6 + 2) / 13)
    lenient = Policy(min_coverage=0.0, thresholds=Thresholds(less=-0.05, more=0.05))
    assert (
        emphasis(Project(title="t", conditions=lean(direct_use="more")), policy=lenient).verdict
        is Verdict.MORE
    )


def test_invalid_policies_are_refused() -> None:
    with pytest.raises(ValueError, match=r"weight of condition\.contested is negative"):
        Policy(weights={"condition.contested": -1})
    with pytest.raises(ValueError, match="thresholds must satisfy"):
        Thresholds(less=0.5, more=0.1)
    with pytest.raises(ValueError, match="gate_ceiling must be a graded verdict"):
        Policy(gate_ceiling=Verdict.UNDETERMINED)


def test_every_appraisal_records_version_and_policy() -> None:
    import coproduce

    a = appraise(BASE)
    assert a.coproduce_version == coproduce.__version__
    assert a.policy_digest == Policy().digest and len(a.policy_digest) == 16
    assert appraise(BASE, policy=Policy(review_weeks=10)).policy_digest != a.policy_digest


def test_sensitivity_and_compare() -> None:
    rows = {r.condition: r for r in sensitivity(FIRES["emphasis.undetermined"]())}
    assert len(rows) == 9
    before = appraise(FIRES["advice.prerequisites"]())
    after = appraise(attrs.evolve(FIRES["advice.prerequisites"](), governance=GOVERNED))
    diff = compare(before, after)
    advice = [c for c in diff.changes if c.what == "advice"]
    assert [c.key for c in advice] == ["ministry"]
    assert advice[0].before is not None and "once" in advice[0].before


def test_a_costed_shortfall_names_the_gap_and_the_costliest_stages() -> None:
    from decimal import Decimal

    from coproduce.model import Rate, RateCard, RateUnit

    card = RateCard(
        id="mine",
        currency="GBP",
        rates=(Rate(role="member", unit=RateUnit.HOUR, amount=Decimal(25)),),
    )
    p = with_(
        costing=CostingPlan(
            currency="GBP",
            budget=Decimal(100),
            rate_card=card,
            involvements=(
                InvolvementCosting(
                    stage="stage.framing-questions",
                    stakeholder="patients",
                    people=4,
                    sessions=2,
                    hours=Decimal(2),
                    role="member",
                ),
            ),
        )
    )
    a = appraise(p)
    assert a.costs is not None and a.costs.short and a.costs.money == 400.0
    (short,) = a.finding("resourcing.short")
    assert "short by GBP 300.00" in short.message and "framing-questions" in short.message
    # the costing settles the budget: short of the plan, so row 9 holds the advice lower
    assert a.capacity is not None and "budget: limited" in a.capacity.short
    assert a.advice_for("patients").verdict is Verdict.BALANCED
    assert p.costing is not None
    paid_up = attrs.evolve(p, costing=attrs.evolve(p.costing, budget=Decimal(500)))
    assert not appraise(paid_up).finding("resourcing.short")


def test_costs_hang_on_the_involvements_that_cause_them() -> None:
    p = with_(
        stakeholders=(PATIENTS, MINISTRY),
        plan=(
            inv("framing-questions", "patients", Mode.CONSULTATION, "voice"),
            inv("framing-questions", "ministry", Mode.COLLABORATION),
            inv("dissemination", "ministry", Mode.RECIPIENT),
        ),
    )
    a = appraise(p)
    (consulted,) = a.advice_for("patients").stages
    assert {"cost.stakeholder-time", "cost.input-cherry-picked", "cost.money"} <= set(
        consulted.costs
    )  # several parties convene at framing (p. 3)
    told = next(s for s in a.advice_for("ministry").stages if s.stage == "stage.dissemination")
    assert told.costs == ()  # a recipient gives no time and convenes nobody
