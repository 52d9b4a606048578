"""The practice layer: sourced entries kept apart from the paper, risks raised only by facts."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import attrs
import pytest

from coproduce import appraise
from coproduce.appraisal import Policy
from coproduce.catalogue import _paper, check, default, problems
from coproduce.cli import main
from coproduce.errors import DocumentError, PlanError, UnknownEntryError
from coproduce.io import dump_catalogue, examples, load_example, load_project
from coproduce.model import (
    PAPER,
    Citation,
    Involvement,
    MitigationRecord,
    Mode,
    Project,
    Source,
    Sphere,
    Stakeholder,
    StakeholderKind,
)
from coproduce.practice import (
    RULES,
    UnknownLevelError,
    evidence_for,
    mode_for,
    practice_risks,
    unknown_facts,
)

CAT = default()
DOCUMENTS = [d.id for d in CAT.documents()]
PRACTICE_DOCUMENTS = [d.id for d in CAT.practice.documents]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


# --------------------------------------------------------------------------- sources


def test_every_practice_entry_cites_a_known_document_with_a_locator() -> None:
    known = set(DOCUMENTS)
    entries = CAT.practice.entries()
    assert len(entries) > 60
    for entry in entries:
        sources = getattr(entry, "sources", (entry.source,))
        assert sources, entry.id
        for source in sources:
            assert source.document in known, entry.id
            assert source.locator.strip(), entry.id
        assert sources[0].document != PAPER, f"{entry.id} must rest on a practice document"


def test_every_document_has_a_title_publisher_year_and_an_address() -> None:
    for doc in CAT.documents():
        assert doc.title and doc.publisher and 1900 < doc.year < 2100
        assert doc.url or doc.doi, doc.id


def test_the_sources_the_issue_names_are_covered() -> None:
    p = CAT.practice
    assert [s.number for s in p.standards] == [1, 2, 3, 4, 5, 6]
    assert [s.label for s in p.standards] == [
        "Inclusive opportunities",
        "Working together",
        "Support and learning",
        "Communications",
        "Impact",
        "Governance",
    ]
    assert all(s.questions for s in p.standards)
    short = [i.number for i in p.reporting_items if i.form.value == "short"]
    assert short == ["1", "2", "3", "4", "5"]
    assert any(i.form.value == "long" for i in p.reporting_items)
    assert {g.source.document for g in p.guidance if g.topic == "payment"} == {
        "nihr-payment-researchers-2024",
        "nihr-payment-public-2023",
    }


def test_the_paper_entries_are_unchanged_by_the_practice_layer() -> None:
    assert CAT.stages == _paper.STAGES and CAT.costs == _paper.COSTS
    assert CAT.mitigations == _paper.MITIGATIONS and CAT.challenges == _paper.CHALLENGES
    assert all(e.source.document == PAPER for e in CAT.entries())
    assert CAT.paper_only().entries() == CAT.entries()
    assert CAT.paper_only().practice.entries() == ()
    # the paper's sources serialise exactly as before: no document key
    data = json.loads(dump_catalogue(CAT))
    assert "document" not in data["stages"][0]["source"]
    assert data["practice"]["risks"][0]["sources"][0]["document"] == "psrc-front-door-2024"


@pytest.mark.parametrize("name", examples())
def test_the_paper_only_appraisal_is_the_same_with_the_layer_switched_off(name: str) -> None:
    project = load_example(name)
    full = appraise(project)
    paper = appraise(project, catalogue=CAT.paper_only())
    off = appraise(project, policy=Policy(practice=False))
    assert paper.practice == () == off.practice
    assert paper == attrs.evolve(off, policy_digest=paper.policy_digest)
    # with the layer on, what the paper gives is the same: profile, aims, risks, who bears
    # the costs, key questions, capacity, money; the advice differs only where guidance adds
    # to it (safeguarding where children or adults at risk take part; the payment guidance
    # the payment prerequisite cites)
    for part in ("emphasis", "aims", "risks", "exposure", "questions", "capacity", "costs"):
        assert getattr(full, part) == getattr(paper, part), part
    for a, b in zip(full.advice, paper.advice, strict=True):
        if any(c.code == "safeguarding" for c in a.ceilings):
            continue
        assert (a.verdict, a.deepest_mode, a.summary) == (b.verdict, b.deepest_mode, b.summary)
        assert [(s.stage, s.action, s.advised_mode) for s in a.stages] == [
            (s.stage, s.action, s.advised_mode) for s in b.stages
        ]
        assert [p.code for p in a.prerequisites if p.code != "safeguarding"] == [
            p.code for p in b.prerequisites
        ]
        assert a.ceilings == b.ceilings
        for p_full, p_paper in zip(a.prerequisites, b.prerequisites, strict=False):
            if p_full.code == "payment":  # guidance with the layer, the paper's question without
                assert {c.document for c in p_full.citations} == {"nihr-payment-researchers-2024"}
                assert {c.entry for c in p_paper.citations} == {
                    "question.individuals.costs",
                    "cost.stakeholder-time",
                }
    assert practice_risks(project, CAT.paper_only()) == ()


@pytest.mark.parametrize("document", DOCUMENTS)
def test_entries_of_one_source(document: str) -> None:
    entries = CAT.entries_of(document)
    assert entries
    for e in entries:
        assert document in {s.document for s in getattr(e, "sources", (e.source,))}


@pytest.mark.parametrize("document", PRACTICE_DOCUMENTS)
def test_dropping_one_source_leaves_a_sound_catalogue_without_it(document: str) -> None:
    cat = check(CAT.without_source(document))
    assert document not in {d.id for d in cat.documents()}
    for e in cat.practice.entries():
        assert document not in {s.document for s in getattr(e, "sources", (e.source,))}


def test_the_paper_cannot_be_dropped_and_unknown_documents_are_refused() -> None:
    with pytest.raises(ValueError, match="paper_only"):
        CAT.without_source(PAPER)
    with pytest.raises(UnknownEntryError, match="unknown source document: 'no-such-document'"):
        CAT.entries_of("no-such-document")
    with pytest.raises(UnknownEntryError, match="unknown source document: 'nope'"):
        CAT.without_source("nope")


# --------------------------------------------------------------------------- integrity


def test_the_default_catalogue_keeps_every_rule() -> None:
    assert problems(CAT) == ()


def _broken(**changes: object) -> tuple[str, ...]:
    return problems(attrs.evolve(CAT, practice=attrs.evolve(CAT.practice, **changes)))  # type: ignore[arg-type]


def test_integrity_covers_the_practice_layer() -> None:
    risk = CAT.practice.risks[0]
    unknown_doc = attrs.evolve(risk, sources=(Source(page=1, locator="x", document="nowhere"),))
    assert f"{risk.id}: cites unknown document nowhere" in _broken(
        risks=(unknown_doc, *CAT.practice.risks[1:])
    )
    no_locator = attrs.evolve(risk, sources=(attrs.evolve(risk.sources[0], locator=" "),))
    assert f"{risk.id}: source has no locator" in _broken(
        risks=(no_locator, *CAT.practice.risks[1:])
    )
    dangling = attrs.evolve(risk, mitigations=("mitigation.practice.nothing",))
    found = _broken(risks=(dangling, *CAT.practice.risks[1:]))
    assert f"{risk.id}: names unknown mitigation mitigation.practice.nothing" in found
    assert (
        "mitigation.practice.safeguarding-lead: orphan mitigation, no practice risk names it"
        in found
    )
    clash = attrs.evolve(risk, id="challenge.usual-suspects")
    assert any(
        p.startswith("duplicate id: challenge.usual-suspects")
        for p in _broken(risks=(clash, *CAT.practice.risks[1:]))
    )
    row = attrs.evolve(CAT.practice.crosswalk[0], note="")
    assert f"{row.id}: an interpretation needs a note saying why" in _broken(
        crosswalk=(row, *CAT.practice.crosswalk[1:])
    )
    paper_entry = attrs.evolve(CAT.stages[0], source=Source(page=4, locator="x", document="gone"))
    assert f"{paper_entry.id}: cites unknown document gone" in problems(
        attrs.evolve(CAT, stages=(paper_entry, *CAT.stages[1:]))
    )


# --------------------------------------------------------------------------- risks


def _lay(**facts: object) -> Stakeholder:
    return Stakeholder(id="people", kind=StakeholderKind.PATIENT, **facts)  # type: ignore[arg-type]


def _project(
    stakeholder: Stakeholder | None = None,
    involvement: dict[str, object] | None = None,
    **facts: object,
) -> Project:
    s = stakeholder or _lay()
    line: dict[str, object] = {"stage": "stage.framing-questions", "mode": Mode.CONSULTATION}
    inv = Involvement(stakeholder=s.id, **{**line, **(involvement or {})})  # type: ignore[arg-type]
    return Project(title="t", stakeholders=(s,), plan=(inv,), **facts)  # type: ignore[arg-type]


def _commercial(present: bool | None) -> Project:
    kind = StakeholderKind.COMMERCIAL if present else StakeholderKind.MANAGER
    return _project(Stakeholder(id="people", kind=kind))


CASES: dict[str, Callable[[bool | None], Project]] = {
    "practice-risk.safeguarding": lambda v: _project(_lay(minors=v)),
    "practice-risk.payment-benefits": lambda v: _project(_lay(on_benefits=v)),
    "practice-risk.access-exclusion": lambda v: _project(involvement={"digital_only": v}),
    "practice-risk.trauma": lambda v: _project(sensitive_topic=v),
    "practice-risk.peer-researcher-safety": lambda v: _project(
        _lay(peer_researchers=v, small_community=True)
    ),
    "practice-risk.commercial-interests": _commercial,
    "practice-risk.data-protection": lambda v: _project(personal_data_shared=v),
    "practice-risk.emergency": lambda v: _project(emergency_setting=v),
    # embedded is never unknown (a bool, not bool | None): None builds as not embedded
    "practice-risk.embedded-accountability": lambda v: _project(involvement={"embedded": bool(v)}),
}


def test_every_catalogue_risk_has_one_rule_and_one_test_case() -> None:
    ids = [r.id for r in CAT.practice.risks]
    assert sorted(RULES) == sorted(ids) == sorted(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_risk_appears_only_when_its_fact_is_true(code: str) -> None:
    raised = practice_risks(CASES[code](True))
    assert [r.code for r in raised] == [code]
    entry = next(r for r in CAT.practice.risks if r.id == code)
    risk = raised[0]
    assert risk.sphere is entry.sphere
    assert risk.stakeholders == ("people",)
    assert risk.facts and risk.citations[0] == Citation.of(entry.id, entry.sources[0])
    assert {m.mitigation for m in risk.mitigations} <= set(entry.mitigations)
    assert practice_risks(CASES[code](False)) == ()
    assert practice_risks(CASES[code](None)) == ()


def test_each_fact_alone_raises_safeguarding_and_access() -> None:
    adults = practice_risks(_project(_lay(adults_at_risk=True)))
    assert [(r.code, r.facts) for r in adults] == [
        ("practice-risk.safeguarding", ("stakeholders[people].adults_at_risk",))
    ]
    needs = practice_risks(_project(_lay(access_needs=True)))
    assert [r.code for r in needs] == ["practice-risk.access-exclusion"]


def test_anyone_who_collects_data_raises_the_data_collectors_risk() -> None:
    """Peer researchers of any community, and lay people collecting data (issue #27)."""
    code = "practice-risk.peer-researcher-safety"
    (risk,) = practice_risks(_project(_lay(peer_researchers=True)))
    assert risk.code == code and risk.stakeholders == ("people",)
    assert any("consent" in m.label.lower() or "consent" in m.mitigation for m in risk.mitigations)
    # a small community alone, or lay people only consulted at collecting data: no risk
    assert practice_risks(_project(_lay(small_community=True))) == ()
    consulted = {"stage": "stage.collecting-data", "mode": Mode.CONSULTATION}
    assert practice_risks(_project(_lay(), involvement=consulted)) == ()
    # lay people collecting data with the researchers (children and volunteers included)
    collecting = {"stage": "stage.collecting-data", "mode": Mode.COLLABORATION}
    (risk,) = practice_risks(_project(_lay(minors=False), involvement=collecting))
    assert risk.facts == ("plan[stage.collecting-data/people].mode",)
    # a health worker counts when the project says they work as peer researchers
    worker = Stakeholder(id="chw", kind=StakeholderKind.PRACTITIONER, peer_researchers=True)
    assert [r.code for r in practice_risks(_project(worker))] == [code]
    assert practice_risks(_project(attrs.evolve(worker, peer_researchers=None))) == ()


def test_a_commercial_partner_outside_the_plan_raises_nothing() -> None:
    partner = Stakeholder(id="firm", kind=StakeholderKind.COMMERCIAL)
    assert practice_risks(Project(title="t", stakeholders=(partner,))) == ()


def test_project_wide_risks_land_on_the_lay_stakeholders_in_the_plan() -> None:
    manager = Stakeholder(id="board", kind=StakeholderKind.MANAGER)
    lay = _lay()
    plan = tuple(
        Involvement(stage="stage.framing-questions", stakeholder=s.id, mode=Mode.ADVICE)
        for s in (manager, lay)
    )
    p = Project(title="t", stakeholders=(manager, lay), plan=plan, sensitive_topic=True)
    (risk,) = practice_risks(p)
    assert risk.stakeholders == ("people",) and risk.sphere is Sphere.LAY


def test_the_embedded_risk_lands_on_the_host_in_the_decision_sphere() -> None:
    host = Stakeholder(id="trust", kind=StakeholderKind.MANAGER)
    (risk,) = practice_risks(_project(host, involvement={"embedded": True}))
    assert risk.stakeholders == ("trust",) and risk.sphere is Sphere.DECISION


# --------------------------------------------------------------------------- evidence


def test_mitigation_status_comes_from_the_records() -> None:
    base = _project(_lay(minors=True))
    policy = "mitigation.practice.safeguarding-policy"

    def status(*records: MitigationRecord) -> bool | None:
        (risk,) = practice_risks(attrs.evolve(base, mitigation_records=records))
        return next(m.in_place for m in risk.mitigations if m.mitigation == policy)

    assert status() is None
    assert status(MitigationRecord(mitigation=policy, signed=False)) is False
    assert status(MitigationRecord(mitigation=policy, signed=None)) is None
    signed = MitigationRecord(mitigation=policy, document="Policy v2", signed=True, owner="lead")
    assert status(MitigationRecord(mitigation=policy, signed=False), signed) is True
    (risk,) = practice_risks(attrs.evolve(base, mitigation_records=(signed,)))
    assert next(m for m in risk.mitigations if m.mitigation == policy).records == (signed,)


def test_governance_booleans_keep_working_for_the_agreements_they_name() -> None:
    from coproduce.model import Governance

    p = attrs.evolve(
        CASES["practice-risk.data-protection"](True), governance=Governance(data_agreement=True)
    )
    (risk,) = practice_risks(p)
    dsa = next(m for m in risk.mitigations if m.mitigation.endswith("data-sharing-agreement"))
    assert dsa.in_place is True and "governance.data_agreement" in dsa.inputs


def test_a_dpia_is_asked_for_only_where_personal_data_flows() -> None:
    without = practice_risks(_commercial(True))
    assert "mitigation.practice.dpia" not in {m.mitigation for m in without[0].mitigations}
    flows = attrs.evolve(_commercial(True), identifiable_data=True)
    risks = practice_risks(flows)
    assert "mitigation.practice.dpia" in {m.mitigation for m in risks[0].mitigations}


def test_records_work_for_paper_mitigations_too() -> None:
    rec = MitigationRecord(mitigation="mitigation.data-agreement", signed=True)
    assert evidence_for(Project(title="t", mitigation_records=(rec,)), rec.mitigation) == (
        True,
        (rec,),
    )


def test_a_record_naming_an_unknown_mitigation_is_refused_with_its_path() -> None:
    p = Project(title="t", mitigation_records=(MitigationRecord(mitigation="mitigation.nope"),))
    with pytest.raises(
        PlanError, match=r"mitigation_records\[0\]\.mitigation: names 'mitigation.nope'"
    ):
        practice_risks(p)


def test_a_bad_review_date_is_a_document_error_with_its_path() -> None:
    doc = {
        "schema_version": 1,
        "title": "t",
        "mitigation_records": [{"mitigation": "mitigation.practice.dpia", "review": "soon"}],
    }
    with pytest.raises(DocumentError) as info:
        load_project(doc)
    assert info.value.issues[0].path.startswith("$.mitigation_records[0]")
    assert "YYYY-MM-DD" in str(info.value)


def test_version_one_documents_without_practice_facts_still_load() -> None:
    p = load_project(
        {"schema_version": 1, "title": "t", "stakeholders": [{"id": "a", "kind": "patient"}]}
    )
    assert p.stakeholders[0].minors is None and p.mitigation_records == ()
    assert "stakeholders[0].minors" in unknown_facts(p)


# --------------------------------------------------------------------------- crosswalk


@pytest.mark.parametrize(
    ("word", "mode"),
    [
        ("consultation", Mode.CONSULTATION),
        ("collaboration", Mode.COLLABORATION),
        ("coproduction", Mode.PARTNERSHIP),
        ("Co-production", Mode.PARTNERSHIP),
        ("user-controlled", Mode.USER_CONTROLLED),
        ("User controlled", Mode.USER_CONTROLLED),
        ("inform", Mode.RECIPIENT),
        ("consult", Mode.CONSULTATION),
        ("involve", Mode.COLLABORATION),
        ("empower", Mode.USER_CONTROLLED),
        ("placation", Mode.CONSULTATION),
        ("delegated power", Mode.PARTNERSHIP),
        ("advice", Mode.ADVICE),
    ],
)
def test_a_word_for_depth_translates_into_a_mode(word: str, mode: Mode) -> None:
    assert mode_for(word) is mode


def test_words_that_do_not_translate_say_why() -> None:
    with pytest.raises(UnknownLevelError, match="names no participation"):
        mode_for("manipulation")
    with pytest.raises(UnknownLevelError, match=r"is not a known level .*coproduction"):
        mode_for("tokenism")


def test_every_crosswalk_row_is_an_interpretation_with_a_note() -> None:
    rows = CAT.practice.crosswalk
    assert {r.basis.value for r in rows} == {"interpretation"}
    assert all(r.note for r in rows)
    assert {r.mode for r in rows if r.mode} == set(Mode)


# --------------------------------------------------------------------------- command


@pytest.mark.parametrize("document", DOCUMENTS)
def test_catalogue_source_lists_that_documents_entries(document: str) -> None:
    status, text = run("catalogue", "--source", document)
    assert status == 0
    ids = [line.split()[0] for line in text.splitlines()[2:]]
    assert ids == [e.id for e in CAT.entries_of(document)]
    status, js = run("catalogue", "--source", document, "--format", "json")
    assert [e["id"] for e in json.loads(js)] == ids


def test_catalogue_source_refuses_an_unknown_document() -> None:
    assert run("catalogue", "--source", "nowhere")[0] == 2
    status, text = run("catalogue", "--source", "list")
    assert status == 0 and [line.split()[0] for line in text.splitlines()] == DOCUMENTS


def test_catalogue_lists_the_practice_layer_apart_and_shows_its_entries() -> None:
    status, text = run("catalogue")
    paper, _, practice = text.partition("\npractice layer (")
    assert status == 0 and "practice-risk." not in paper
    assert practice.startswith(f"{len(CAT.practice.entries())} entries from")
    status, text = run("catalogue", "show", "practice-risk.trauma", "--format", "json")
    data = json.loads(text)
    assert data["sphere"] == "lay" and data["sources"][0]["document"] == "involve-support-2019"


def test_online_only_involvement_raises_access_only_for_lay_stakeholders() -> None:
    manager = Stakeholder(id="people", kind=StakeholderKind.MANAGER)
    assert practice_risks(_project(manager, involvement={"digital_only": True})) == ()


def test_a_catalogue_risk_without_a_rule_is_a_catalogue_error() -> None:
    from coproduce.errors import CatalogueError

    extra = attrs.evolve(CAT.practice.risks[0], id="practice-risk.new")
    cat = attrs.evolve(CAT, practice=attrs.evolve(CAT.practice, risks=(*CAT.practice.risks, extra)))
    with pytest.raises(CatalogueError, match=r"practice-risk\.new: no rule is registered"):
        practice_risks(Project(title="t"), cat)


def test_integrity_checks_the_conditions_of_a_mitigation() -> None:
    dpia = next(m for m in CAT.practice.mitigations if m.when)
    bad = attrs.evolve(dpia, when="personal_data_shared or leaks")
    mitigations = tuple(bad if m.id == dpia.id else m for m in CAT.practice.mitigations)
    assert (
        f"{dpia.id}: 'when' names 'leaks', which is not a project field (expected project "
        "fields joined by ' or ')" in _broken(mitigations=mitigations)
    )
