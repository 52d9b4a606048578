"""The bundled example projects, read as the people who would act on the advice."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import attrs
import pytest

from coproduce import appraise
from coproduce.appraisal import Action, Answer, Appraisal, Route, Severity, Verdict
from coproduce.io import examples, load_example
from coproduce.model import Contribution, Mode, Sphere, Stakeholder

TABLE2 = (Sphere.DECISION, Sphere.COMMERCIAL)


def run(name: str) -> Appraisal:
    return appraise(load_example(name))


def codes(a: Appraisal) -> set[str]:
    return {f.code for f in a.findings}


def rank(v: Verdict) -> int:
    assert v.rank is not None, v
    return v.rank


def decides(s: Stakeholder) -> bool:
    """What the paper's Table 2 weighs: deciding, funding, owning or delivering (rows 2, 4)."""
    return (
        s.kind.sphere in TABLE2
        or Contribution.MONEY in s.brings
        or s.owns_ip is True
        or s.delivery_responsibility is True
    )


@pytest.mark.parametrize("name", examples())
def test_table2_drives_the_advice_only_for_those_who_decide_fund_own_or_deliver(name: str) -> None:
    p = load_example(name)
    a = appraise(p)
    for x in a.advice:
        s = p.stakeholder(x.stakeholder)
        if decides(s):
            assert x.basis == "table-2"
            assert x.stakeholder in a.emphasis.applies_to
        else:
            assert x.basis == "aims", x.stakeholder
            assert x.stakeholder not in a.emphasis.applies_to
            # only the rows that hold everyone down: capacity (9) and controversy (1)
            assert not any(
                "Table 2" in r for r in x.reasons if "row 9" not in r and "row 1)" not in r
            ), x.reasons


@pytest.mark.parametrize("name", examples())
def test_where_capacity_is_short_nobody_is_advised_more(name: str) -> None:
    a = run(name)
    assert a.capacity is not None
    if a.capacity.short:
        for x in a.advice:
            assert x.verdict not in (Verdict.MORE, Verdict.CLEARLY_MORE), x.summary
            assert any(c.code == "capacity" for c in x.ceilings) or x.verdict.rank in (
                None,
                -1,
                -2,
                0,
            )
            assert x.suggestion is None
    if a.finding("resourcing.short"):
        assert "not to involve people less" not in a.finding("resourcing.short")[0].message


@pytest.mark.parametrize("name", examples())
def test_no_headline_is_deeper_than_the_plan(name: str) -> None:
    p = load_example(name)
    for x in appraise(p).advice:
        planned = max(i.mode for i in p.plan if i.stakeholder == x.stakeholder)
        assert x.deepest_mode is None or x.deepest_mode <= planned, x.summary
        assert "user-controlled" not in x.summary.split(" (planned")[0], x.summary
        assert all(s.advised_mode <= s.planned_mode for s in x.stages)
        if x.suggestion is not None:
            assert x.suggestion.mode <= Mode.PARTNERSHIP
            assert "not the advice" in x.suggestion.message


def test_contested_policy_decision_makers_get_less_than_the_paid_public_panel() -> None:
    a = run("contested-policy")
    authority = a.advice_for("authority")
    panel = a.advice_for("public-panel")
    assert panel.prerequisites == ()  # paid: nothing stands in the way
    assert rank(authority.verdict) <= rank(panel.verdict)
    # facilitation short and no training (Table 2 row 9): the panel too is held at balanced
    assert [c.code for c in panel.ceilings] == ["capacity"]
    assert panel.deepest_mode is Mode.COLLABORATION
    # the authority answers for the policy: consulted where findings are framed and shared
    by_stage = {s.stage: s for s in authority.stages}
    assert by_stage["stage.recommendations"].action is Action.LIGHTEN
    assert by_stage["stage.recommendations"].advised_mode is Mode.CONSULTATION
    assert {p.code for p in authority.prerequisites} == {"publication-agreement", "data-agreement"}
    # the campaign is not paid yet, but the costing pays it fees: no payment prerequisite,
    # and it is not counted among those who give their time unpaid
    # the campaign is against the closures and the topic is contested (Table 2, row 1):
    # ground rules first, the other side heard (the paid panel has taken no side)
    assert [p.code for p in a.advice_for("campaign").prerequisites] == ["ground-rules"]
    assert "exposure.unpaid-contributors" not in codes(a)
    uncosted = appraise(attrs.evolve(load_example("contested-policy"), costing=None))
    assert [p.code for p in uncosted.advice_for("campaign").prerequisites] == [
        "payment",
        "ground-rules",
    ]
    assert "exposure.unpaid-contributors" in codes(uncosted)
    pressed = next(
        r
        for r in a.risks
        if r.stage == "stage.recommendations" and r.code == "risk.pressed-to-frame"
    )
    assert pressed.residual is Severity.HIGH
    assert set(pressed.drivers) <= {"authority", "commissioner"}


def test_a_declined_fee_is_an_offer_but_the_time_is_still_given_unpaid() -> None:
    from coproduce.model import PaymentMethod

    p = load_example("contested-policy")
    assert p.costing is not None
    lines = tuple(
        attrs.evolve(c, payment=PaymentMethod.DECLINED) if c.stakeholder == "campaign" else c
        for c in p.costing.involvements
    )
    a = appraise(attrs.evolve(p, costing=attrs.evolve(p.costing, involvements=lines)))
    assert "payment" not in pay_codes(a)  # payment was offered
    unpaid = next(f for f in a.findings if f.code == "exposure.unpaid-contributors")
    assert "campaign" in unpaid.message
    assert "costing.involvements[*/campaign].payment" in unpaid.inputs


def _campaign_lines(**changes: object) -> Appraisal:
    """contested-policy with the campaign's costing lines changed, appraised."""
    p = load_example("contested-policy")
    assert p.costing is not None
    lines = tuple(
        attrs.evolve(c, **changes) if c.stakeholder == "campaign" else c  # type: ignore[arg-type]
        for c in p.costing.involvements
    )
    return appraise(attrs.evolve(p, costing=attrs.evolve(p.costing, involvements=lines)))


def pay_codes(a: Appraisal) -> list[str]:
    """The campaign's prerequisites, by code."""
    return [p.code for p in a.advice_for("campaign").prerequisites]


def _unpaid(a: Appraisal) -> bool:
    return any(
        f.code == "exposure.unpaid-contributors" and "campaign" in f.message for f in a.findings
    )


def test_a_fee_for_no_time_is_no_payment() -> None:
    from coproduce.model import RateUnit

    a = _campaign_lines(hours=Decimal(0), preparation_hours=Decimal(0), unit=RateUnit.HOUR)
    assert _unpaid(a)
    assert "payment" in pay_codes(a)


def test_the_costing_also_says_when_a_reimbursed_group_is_not_paid() -> None:
    from coproduce.model import PaymentMethod

    p = load_example("contested-policy")
    assert p.costing is not None
    reimbursed = tuple(
        attrs.evolve(s, reimbursed=True) if s.id == "campaign" else s for s in p.stakeholders
    )
    lines = tuple(
        attrs.evolve(c, payment=PaymentMethod.NONE) if c.stakeholder == "campaign" else c
        for c in p.costing.involvements
    )
    a = appraise(
        attrs.evolve(
            p, stakeholders=reimbursed, costing=attrs.evolve(p.costing, involvements=lines)
        )
    )
    assert _unpaid(a)  # the costing offers no fee: their time is given unpaid, as cost says
    assert "payment" in pay_codes(a)
    (said,) = a.finding("costing.payment-from-costing")
    assert "offered no fee in the costing: campaign" in said.message


def test_an_invalid_costing_says_nothing_about_payment() -> None:
    a = _campaign_lines(role="no-such-role")
    assert a.costs is not None and a.costs.problems  # the costing is refused...
    assert _unpaid(a)  # ...so the stakeholder's own reimbursed: false stands
    assert "payment" in pay_codes(a)


def test_the_reading_of_the_costing_as_payment_is_said_and_traced() -> None:
    a = appraise(load_example("contested-policy"))
    (said,) = [r for r in a.advice_for("campaign").reasons if "costing pays them a fee" in r]
    assert "this tool reads the costing as the plan" in said
    costs = next(q for q in a.questions if q.question == "question.individuals.costs")
    assert "costing.involvements[*/campaign].payment" in costs.answered_by


def test_removing_the_decision_makers_leaves_the_public_advice_alone() -> None:
    p = load_example("contested-policy")
    deciders = {"authority", "commissioner"}
    without = type(p)(
        **{
            **{f: getattr(p, f) for f in ("title", "aims", "researchers", "conditions")},
            "stakeholders": tuple(s for s in p.stakeholders if s.id not in deciders),
            "plan": tuple(i for i in p.plan if i.stakeholder not in deciders),
            "resources": p.resources,
            "governance": p.governance,
            "identifiable_data": p.identifiable_data,
        }
    )
    # without its costing, which prices the decision makers' lines too (and pays the campaign)
    before, after = appraise(attrs.evolve(p, costing=None)), appraise(without)
    for sid in ("public-panel", "campaign", "ed-leads"):
        assert after.advice_for(sid) == before.advice_for(sid)


def test_commercial_partner_without_agreements_carries_prerequisites() -> None:
    a = run("commercial-partner")
    company = a.advice_for("company")
    assert company.sphere is Sphere.COMMERCIAL and company.basis == "table-2"
    assert {p.code for p in company.prerequisites} == {
        "publication-agreement",
        "data-agreement",
        "ip-agreement",
    }
    assert "once" in company.summary
    by_stage = {s.stage: s for s in company.stages}
    assert by_stage["stage.dissemination"].action is Action.LIGHTEN  # consult where findings go out
    assert by_stage["stage.dissemination"].advised_mode is Mode.CONSULTATION
    # the company will sell the app: a conflict of interest (row 2, the tool's reading) keeps
    # the co-design at collaboration, not the partnership planned
    assert company.verdict is Verdict.MORE
    assert by_stage["stage.framing-questions"].action is Action.LIGHTEN
    assert by_stage["stage.framing-questions"].advised_mode is Mode.COLLABORATION
    assert any("commercial interest" in r for r in company.reasons)
    assert "advice.prerequisites" in codes(a)
    # the young people in the same project are advised on their own aims, not the company's;
    # some are under 18, so safeguarding comes first and depth stops at partnership
    young = a.advice_for("young-people")
    assert [p.code for p in young.prerequisites] == ["safeguarding"]
    assert young.verdict is Verdict.BALANCED and young.deepest_mode is Mode.PARTNERSHIP
    assert any(lv.code == "prerequisite" and lv.stakeholders == ("company",) for lv in a.levers)


def test_trial_with_patient_partners_is_ordinary_good_practice() -> None:
    a = run("trial-patient-partners")
    for sid in ("co-applicant", "advisory-group"):
        advice = a.advice_for(sid)
        assert advice.verdict is Verdict.MORE
        assert all(s.action is Action.KEEP for s in advice.stages)
    assert "plan.deeper-than-advised" not in codes(a)
    assert not any(r.residual is Severity.HIGH for r in a.risks)
    accountability = next(x for x in a.aims if x.aim == "accountability")
    assert accountability.only_route is Route.LIKELY
    assert "judgement" in accountability.route_reason


def test_rapid_evaluation_works_closely_where_it_matters_and_offers_no_review() -> None:
    a = run("rapid-evaluation")
    team = a.advice_for("programme-team")
    by_stage = {s.stage: s for s in team.stages}
    assert by_stage["stage.framing-questions"].action is Action.KEEP  # collaboration
    assert by_stage["stage.analysing-data"].action is Action.KEEP
    assert by_stage["stage.recommendations"].advised_mode is Mode.CONSULTATION
    offered = {x.alternative for aim in a.aims for x in aim.alternatives}
    assert "alternative.systematic-review" not in offered  # eight weeks: no time for a review
    assert "plan.hit-and-run" in codes(a)  # the team expects help nobody planned
    short = a.finding("resourcing.short")
    assert short and "time" in short[0].message and "framing" in short[0].message


def test_small_community_grant_is_held_lower_until_it_is_resourced() -> None:
    a = run("community-small-grant")
    (short,) = a.finding("resourcing.short")
    assert "budget" in short.message and "facilitation" in short.message
    assert "holds the advice lower" in short.message
    peers = a.advice_for("peer-researchers")
    assert peers.verdict is Verdict.BALANCED  # not "more": money and facilitation are short
    assert peers.deepest_mode is Mode.COLLABORATION
    assert {s.stage: s.action for s in peers.stages}["stage.collecting-data"] is Action.LIGHTEN
    assert [p.code for p in a.advice_for("community-org").prerequisites] == ["payment"]
    absent = a.finding("organisation.support-absent")
    assert {f.inputs for f in absent} == {("support.evaluation",), ("support.recognition",)}
    assert all("not a cost of coproducing" in f.message for f in absent)
    unpaid = a.finding("exposure.unpaid-contributors")[0].message
    assert "Community organisations" in unpaid and "lay contributors" not in unpaid


def test_a_little_money_and_no_facilitation_is_still_a_reason_for_less() -> None:
    a = run("no-resources")
    # the costing sets aside GBP 2,500 and 60 hours: some budget and time, short of the plan;
    # with no facilitation, row 9 holds every relationship at the lowest rung
    assert a.capacity is not None and a.capacity.rung == 3
    assert {"budget: limited", "time: limited", "facilitation: none"} <= set(a.capacity.short)
    assert "resourcing.none" not in codes(a) and "resourcing.short" in codes(a)
    assert all(x.verdict is Verdict.LESS for x in a.advice)
    assert a.emphasis.ungated in (Verdict.MORE, Verdict.CLEARLY_MORE)
    assert any(lv.code == "resources" for lv in a.levers)
    assert a.priority is not None and a.priority.code == "secure-resources"
    # without the costing, the resources say nothing at all: everyone capped, said so
    bare = appraise(attrs.evolve(load_example("no-resources"), costing=None))
    assert bare.capacity is not None and bare.capacity.unresourced
    assert "resourcing.none" in codes(bare)
    assert all(x.verdict is Verdict.LESS for x in bare.advice)


def test_all_favour_is_mostly_low_and_keeps_the_plan() -> None:
    a = run("all-favour")
    assert a.emphasis.verdict is Verdict.CLEARLY_MORE
    assert all(r.residual is Severity.LOW for r in a.risks)
    assert all(s.action is Action.KEEP for x in a.advice for s in x.stages)


def test_nothing_known_says_what_is_missing() -> None:
    a = run("nothing-known")
    assert a.emphasis.verdict is Verdict.UNDETERMINED and a.emphasis.coverage == 0.0
    assert a.risks == () and a.advice == ()
    assert {"aims.none", "plan.empty"} <= codes(a)
    assert all(q.answer is not Answer.ANSWERED for q in a.questions)


def test_severity_discriminates_across_the_bundled_examples() -> None:
    residual: Counter[Severity] = Counter()
    for name in examples():
        residual.update(r.residual for r in run(name).risks)
    total = sum(residual.values())
    # when everything is high, readers stop reading
    assert residual[Severity.HIGH] < total / 3
    assert residual[Severity.LOW] > total / 3
    for name in ("trial-patient-partners", "all-favour", "one-stage"):
        assert all(r.residual is not Severity.HIGH for r in run(name).risks), name
