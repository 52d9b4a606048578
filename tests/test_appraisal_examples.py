"""The eight example projects, each a situation the paper discusses, appraised as expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from coproduce import appraise
from coproduce.appraisal import Answer, Appraisal, Route, Severity, Verdict
from coproduce.io import examples, load_example
from coproduce.model import MitigationId, StageId


def run(name: str) -> Appraisal:
    return appraise(load_example(name))


def codes(a: Appraisal) -> set[str]:
    return {f.code for f in a.findings}


def test_there_are_eight_or_more_examples() -> None:
    assert len(examples()) >= 8
    top = Path(__file__).resolve().parent.parent / "examples" / "projects"
    assert sorted(p.stem for p in top.iterdir()) == list(examples())  # the repository's view


def test_all_conditions_favour_coproduction() -> None:
    a = run("all-favour")
    assert a.emphasis.verdict is Verdict.CLEARLY_MORE
    assert a.emphasis.score == 1.0
    assert a.emphasis.confidence == 1.0
    assert a.emphasis.advised_mode.value == "partnership"
    # well governed and resourced: every mitigation is in place, and every risk that has
    # one comes down to low; unoriginal research at framing has no mitigation in the paper
    assert all(m.in_place for r in a.risks for m in r.mitigations)
    assert {r.code for r in a.risks if r.residual is not Severity.LOW} == {"risk.lacks-originality"}
    assert all(q.answer is Answer.ANSWERED for q in a.questions)
    assert codes(a) == set()


def test_all_conditions_disfavour_coproduction() -> None:
    a = run("all-disfavour")
    assert a.emphasis.verdict is Verdict.CLEARLY_LESS
    assert a.emphasis.score == -1.0
    assert a.emphasis.gated_by == ("condition.capacity",)
    # the ministry answers for the levy and wants the result: framing, recommendations
    # and dissemination are high-risk
    high = {(r.stage, r.code) for r in a.risks if r.residual is Severity.HIGH}
    assert ("stage.recommendations", "risk.pressed-to-frame") in high
    assert ("stage.dissemination", "risk.prevented-sharing") in high
    assert {"aims.political-unstated", "plan.deeper-than-advised", "emphasis.gated"} <= codes(a)
    (deep,) = a.finding("plan.deeper-than-advised")
    assert "'ministry'" in deep.message and "consultation" not in deep.message.split("than")[0]


def test_evenly_split() -> None:
    a = run("evenly-split")
    assert a.emphasis.verdict is Verdict.BALANCED
    assert a.emphasis.score == 0.0
    assert a.emphasis.confidence == pytest.approx(8 / 9)
    # nobody is named as carrying the engagement, so the early-career, fixed-term RA may
    assert "bearer.researchers-early-career" in {c.bearer for c in a.exposure}


def test_nothing_known() -> None:
    a = run("nothing-known")
    assert a.emphasis.verdict is Verdict.UNDETERMINED
    assert a.emphasis.confidence == 0.0
    assert a.risks == ()
    assert {"aims.none", "emphasis.undetermined", "plan.empty"} <= codes(a)
    assert all(q.answer is not Answer.ANSWERED for q in a.questions)


def test_involvement_at_one_stage_only() -> None:
    a = run("one-stage")
    assert {r.stage for r in a.risks} == {"stage.framing-questions"}
    assert [r.code for r in a.risks] == [
        "risk.different-priorities",
        "risk.lacks-originality",
        "risk.co-opted",
    ]
    assert all(r.severity is not Severity.HIGH for r in a.risks)
    # patients bring lived experience to a substantive aim: a review of patients'
    # experience is an alternative worth weighing (p. 7)
    (aim,) = a.aims
    assert aim.only_route is Route.UNLIKELY
    assert "alternative.systematic-review" in {x.alternative for x in aim.alternatives}


def test_no_resources_caps_the_verdict_however_the_rows_fall() -> None:
    a = run("no-resources")
    assert a.emphasis.score > 0.5  # the other rows favour coproduction...
    assert a.emphasis.ungated in (Verdict.MORE, Verdict.CLEARLY_MORE)
    assert a.emphasis.verdict is Verdict.LESS  # ...but the capacity gate caps it
    capacity = a.emphasis.contributions[-1]
    assert capacity.inferred and capacity.lean.value == "less"
    assert {
        "emphasis.gated",
        "plan.no-resources",
        "plan.every-stage-thin",
        "exposure.concentration",
        "exposure.unpaid-contributors",
        "context.capacity-inferred",
    } <= codes(a)
    assert len({r.stage for r in a.risks}) == 7
    assert all(r.residual is not Severity.LOW for r in a.risks)
    (aim,) = a.aims
    assert aim.only_route is Route.LIKELY  # a political aim
    assert "alternative.selective-stages" in {x.alternative for x in aim.alternatives}


def test_contested_policy_with_powerful_stakeholders() -> None:
    a = run("contested-policy")
    by_key = {(r.stage, r.code): r for r in a.risks}
    framing = by_key[(StageId("stage.recommendations"), "risk.pressed-to-frame")]
    assert framing.residual is Severity.HIGH
    assert {f.code for f in framing.factors} >= {
        "powerful-interested",
        "delivery-responsibility",
        "no-publication-agreement",
        "junior-carries-engagement",
    }
    in_place = {m.mitigation: m.in_place for m in framing.mitigations}
    assert in_place[MitigationId("mitigation.publication-agreement")] is None
    ethics = by_key[(StageId("stage.analysing-data"), "risk.identify-participants")]
    assert "identifiable-data" in {f.code for f in ethics.factors}
    assert "bearer.participants" in ethics.bearers
    concentration = a.finding("exposure.concentration")
    assert {f.sources[0].entry for f in concentration} >= {
        "bearer.researchers-early-career",
        "bearer.researchers-fixed-term",
        "bearer.public",
    }
    assert "aims.political-unstated" in codes(a)
    # knowledge brokers for the authority in partnership
    use = next(x for x in a.aims if x.aim == "use")
    assert "alternative.knowledge-broker" in {x.alternative for x in use.alternatives}


def test_patient_and_public_partners_only() -> None:
    a = run("patient-public-only")
    assert a.emphasis.verdict is Verdict.MORE
    assert "aims.political-unstated" not in codes(a)  # no decision-makers involved
    bearers = {b for r in a.risks for b in r.bearers}
    assert not bearers & {"bearer.policy-makers", "bearer.funders", "bearer.managers"}
    assert {"bearer.patients", "bearer.carers"} <= bearers
    dominance = [r for r in a.risks if any(f.code == "dominance" for f in r.factors)]
    assert dominance, "the familiar service-user group should raise dominance risks"
    unpaid = a.finding("exposure.unpaid-contributors")
    assert unpaid and "service-users" in unpaid[0].message
    assert {c.bearer for c in a.exposure if c.least_able} >= {"bearer.patients", "bearer.carers"}
