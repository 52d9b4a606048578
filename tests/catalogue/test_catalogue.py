"""The default catalogue holds the paper: Table 1, the typology, Table 2, the questions."""

from __future__ import annotations

import attrs
import pytest

import coproduce
from coproduce.catalogue import (
    ENTRY_FIELDS,
    check,
    cost_type,
    costs_of_type,
    default,
    table1_counts,
)
from coproduce.errors import UnknownEntryError
from coproduce.model import (
    Alternative,
    AlternativeId,
    Audience,
    Basis,
    BearerGroup,
    Mode,
    Motivation,
    Source,
    StakeholderKind,
)

CAT = default()


def test_default_catalogue_is_the_same_object_and_is_valid() -> None:
    assert coproduce.default_catalogue() is CAT
    assert check(CAT) is CAT


def test_catalogue_cites_the_paper_and_has_a_version() -> None:
    assert CAT.reference.doi == "10.1186/s12961-019-0432-3"
    assert CAT.version == coproduce.catalogue.DATA_VERSION
    assert "Oliver" in CAT.reference.citation


def test_table1_counts_are_the_papers() -> None:
    # Table 1 (p. 4): challenges and cost cells per row, in lifecycle order
    assert [(c, k) for _, c, k in table1_counts(CAT)] == [
        (2, 2),
        (3, 3),
        (1, 1),
        (2, 2),
        (2, 2),
        (2, 2),
        (2, 2),
    ]
    assert [s.label for s in sorted(CAT.stages, key=lambda s: s.order)] == [
        "Developing mixed research teams",
        "Framing research questions",
        "Collecting data",
        "Analysing and interpreting data",
        "Formulating recommendations",
        "Disseminating research",
        "Implementing change",
    ]
    assert len(CAT.challenges) == 14
    assert sum(len(s.cost_cells) for s in CAT.stages) == 14


def test_recurring_costs_are_one_entry_linked_from_each_row() -> None:
    rows_of: dict[str, list[int]] = {}
    for stage in CAT.stages:
        for cost in stage.cost_cells:
            rows_of.setdefault(cost, []).append(stage.order)
    assert rows_of["cost.independence-credibility"] == [2, 5, 6]
    assert rows_of["cost.relationship-damage"] == [2, 3, 7]
    assert len(rows_of) == 10  # 14 cells, 10 distinct costs


def test_row_4_training_item_is_a_cost_and_row_2_co_option_is_a_challenge() -> None:
    # reading notes: row 4's training item sits in the Costs cell; row 2's co-option and
    # originality items are challenges
    assert "cost.training-burden" in CAT.stage("stage.analysing-data").cost_cells
    row2 = {c.id for c in CAT.challenges_of("stage.framing-questions")}
    assert {"challenge.co-opted", "challenge.lacks-originality"} <= row2


@pytest.mark.parametrize(
    "cost_id",
    [
        "cost.burnout",
        "cost.seen-as-partisan",
        "cost.policy-based-evidence",
        "cost.lower-status-outputs",
        "cost.stakeholder-exposure",
        "cost.feeling-used",
        "cost.ill-feeling",
        "cost.value-questioned",
        "cost.money",
        "cost.administration",
    ],
)
def test_prose_costs_are_catalogued_with_their_page(cost_id: str) -> None:
    cost = CAT.cost(cost_id)
    assert cost.source.page in {3, 5, 6}
    assert cost.categories and cost.bearers


def test_every_entry_has_id_label_and_locator() -> None:
    for entry in CAT.entries():
        assert entry.id and entry.label
        assert 1 <= entry.source.page <= 10, entry.id
        assert entry.source.locator.strip(), entry.id


def test_costs_to_policy_makers_differ_from_costs_to_the_public() -> None:
    # Williams et al. (2020): decision-makers and lay people bear different costs
    exposure = CAT.cost("cost.stakeholder-exposure")
    bearers = {link.target: link.basis for link in exposure.bearers}
    assert bearers["bearer.policy-makers"] is Basis.PROSE
    assert "bearer.public" not in bearers
    disengagement = {link.target for link in CAT.cost("cost.disengagement").bearers}
    assert "bearer.public" in disengagement and "bearer.policy-makers" not in disengagement


def test_least_able_bearers_are_junior_and_temporary_researchers() -> None:
    assert {b.id for b in CAT.bearers if b.least_able} == {
        "bearer.researchers-early-career",
        "bearer.researchers-fixed-term",
    }


def test_every_stakeholder_kind_has_a_bearer() -> None:
    kinds = {b.stakeholder_kind for b in CAT.bearers if b.group is BearerGroup.STAKEHOLDERS}
    assert kinds == set(StakeholderKind)


def test_interpretive_links_say_so() -> None:
    # The paper pairs challenges and costs per row only; any finer link is ours
    for challenge in CAT.challenges:
        for link in challenge.costs:
            assert link.basis is Basis.INTERPRETATION
            assert link.note
    for mitigation in CAT.mitigations:
        assert all(link.basis is Basis.INTERPRETATION for link in mitigation.addresses)


def test_both_typologies_are_recoverable() -> None:
    abstract, body = CAT.typologies
    assert len(abstract.types) == 5
    assert len(body.types) == 6
    personal_researchers = {c.id for c in costs_of_type(CAT, "type.body.personal-researchers")}
    assert "cost.burnout" in personal_researchers
    assert "cost.feeling-used" not in personal_researchers  # falls on stakeholders only
    stakeholders = {c.id for c in costs_of_type(CAT, "type.body.stakeholders")}
    assert {
        "cost.stakeholder-time",
        "cost.feeling-used",
        "cost.stakeholder-exposure",
    } <= stakeholders
    assert "cost.burnout" not in stakeholders
    scholarship = {c.id for c in costs_of_type(CAT, "type.abstract.scholarship")}
    assert scholarship == {c.id for c in costs_of_type(CAT, "type.body.profession")}
    # every cost is of at least one type in each list
    for typology in CAT.typologies:
        covered = {c.id for t in typology.types for c in costs_of_type(CAT, t.id)}
        assert covered == {c.id for c in CAT.costs}, typology.id
    assert cost_type(CAT, "type.abstract.process").basis is Basis.INTERPRETATION
    with pytest.raises(UnknownEntryError):
        cost_type(CAT, "type.nope")


def test_motivations_modes_conditions_questions_steps() -> None:
    assert [m.motivation for m in CAT.motivations] == list(Motivation)
    assert [m.motivation for m in CAT.motivations if not m.other_routes] == [Motivation.POLITICAL]
    depths = [m.mode for m in CAT.interaction_modes if m.mode is not None]
    assert depths == sorted(Mode)
    # commissioned or embedded research is an arrangement, not a depth (p. 3)
    assert [m.id for m in CAT.interaction_modes if m.mode is None] == ["mode.embedded"]
    assert Mode.RECIPIENT < Mode.CONSULTATION < Mode.PARTNERSHIP
    assert [c.number for c in CAT.conditions] == list(range(1, 10))
    assert all(c.source.page == 7 and c.less and c.more for c in CAT.conditions)
    assert "decision space" in CAT.condition("condition.purpose").less
    by_audience = {a: [q.number for q in CAT.questions if q.audience is a] for a in Audience}
    assert by_audience == {
        Audience.INDIVIDUALS: [1, 2, 3, 4],
        Audience.ORGANISATIONS: [1, 2, 3, 4, 5],
    }
    assert [s.number for s in CAT.steps] == [1, 2]
    assert len(CAT.contributions) >= 6
    # knowledge brokers are not in the paper, and embedded researchers are a form of
    # coproduction there (p. 3), so neither is an alternative (edition 2019.2)
    assert {a.id for a in CAT.alternatives} == {
        "alternative.systematic-review",
        "alternative.consultation",
        "alternative.selective-stages",
    }
    review = next(a for a in CAT.alternatives if a.id == "alternative.systematic-review")
    assert review.serves == (Motivation.SUBSTANTIVE,)  # a review gives no one a voice


def test_lookups() -> None:
    assert CAT.get("stage.collecting-data").label == "Collecting data"
    assert "cost.burnout" in CAT and "cost.nope" not in CAT
    with pytest.raises(UnknownEntryError, match=r"unknown catalogue entry: 'cost\.nope'"):
        CAT.get("cost.nope")
    with pytest.raises(UnknownEntryError):
        CAT.cost("stage.collecting-data")  # exists, but is not a cost
    assert len(CAT.entries()) == sum(len(getattr(CAT, f)) for f in ENTRY_FIELDS)


def test_with_entries_replaces_by_id_and_appends_new() -> None:
    stage = attrs.evolve(CAT.stage("stage.collecting-data"), label="Gathering data")
    extra = Alternative(
        id=AlternativeId("alternative.citizens-jury"),
        label="Citizens' jury",
        description="A one-off deliberative panel.",
        source=Source(page=6, locator="local"),
        serves=(Motivation.NORMATIVE,),
    )
    mine = CAT.with_entries(stage, extra, version="2019.1+local")
    assert mine.stage("stage.collecting-data").label == "Gathering data"
    assert [s.order for s in mine.stages] == [s.order for s in CAT.stages]
    assert mine.alternatives[-1] == extra
    assert mine.version == "2019.1+local"
    assert CAT.stage("stage.collecting-data").label == "Collecting data"  # original untouched
    check(mine)


def test_entries_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        CAT.stages[0].label = "x"  # type: ignore[misc]
    assert isinstance(CAT.stages, tuple)


def test_edition_2019_3_says_only_what_the_paper_says() -> None:
    """Issue #22: participants bear ethics breaches; hit-and-run, user-controlled research and
    embedding in the paper's own terms; consultation's costs where input shapes the research;
    the costs of conflict and disputes the prose names (p. 5)."""
    assert CAT.version == "2019.3"
    ethics = CAT.cost("cost.ethics-breach")
    assert "category.personal" in {k.target for k in ethics.categories}
    assert "bearer.participants" in {k.target for k in ethics.bearers}
    hit = CAT.cost("cost.hit-and-run")
    assert "reflect on their practice" in hit.description
    assert "left alone" not in hit.description
    assert all(
        "Table 1, row 7" in k.note
        for k in hit.bearers
        if k.basis is Basis.INTERPRETATION and k.target != "bearer.profession"
    )
    modes = {m.id: m for m in CAT.interaction_modes}
    assert "lead" not in modes["mode.user-controlled"].description
    assert "shift of power" in modes["mode.user-controlled"].description
    assert "capture" not in modes["mode.embedded"].description
    staged = {k.target: k.stages for k in modes["mode.consultation"].costs}
    assert staged["cost.input-cherry-picked"] == ("stage.framing-questions", "stage.analysing-data")
    assert staged["cost.feeling-used"] == staged["cost.input-cherry-picked"]
    assert staged["cost.stakeholder-time"] == ()  # every stage
    for name, page in (
        ("conflict-reputation", 5),
        ("purpose-disputed", 5),
        ("sharing-disputed", 5),
    ):
        assert CAT.cost(f"cost.{name}").source.page == page
    reached = {c for c, _ in CAT.challenge_costs("challenge.prevented-sharing")}
    assert "cost.sharing-disputed" in reached
    reached = {c for c, _ in CAT.challenge_costs("challenge.stakeholders-disagree")}
    assert {"cost.conflict-reputation", "cost.purpose-disputed"} <= reached


def test_edition_2019_2_reads_the_paper_more_faithfully() -> None:
    """Issue #10: categories, locators and notes that say no more than the paper."""
    assert CAT.version >= "2019.2"
    # Table 1 gives no categories and Fig. 1 is lost: every category of a Table 1 cost is
    # the project's reading
    table1 = [c for c in CAT.costs if c.source.locator.startswith("Table 1")]
    assert table1 and all(
        k.basis is Basis.INTERPRETATION
        for c in table1
        for k in c.categories
        if not (c.id == "cost.independence-credibility" and k.target == "category.scholarship")
    )
    independence = CAT.cost("cost.independence-credibility")
    assert "category.scholarship" in {k.target for k in independence.categories}  # p. 6
    damage = CAT.cost("cost.relationship-damage")
    assert "category.personal" in {k.target for k in damage.categories}  # p. 5
    # a paragraph's own category is prose: 'Second' names personal costs
    burnout = CAT.cost("cost.burnout")
    assert {(k.target, k.basis) for k in burnout.categories} == {("category.personal", Basis.PROSE)}
    # no policy reading in the catalogue's text
    assert CAT.condition("condition.capacity").note == ""
    # question 1 and what it names run on to p. 7; stakeholder bearers say where the kinds are
    assert all(
        "continues on p. 7" in c.source.locator for c in CAT.contributions if c.source.page == 6
    )
    patients = CAT.bearer("bearer.patients")
    assert "A cautious approach" in patients.source.locator
    # hit-and-run research is a cost, reached from Table 1's row 7
    assert "cost.hit-and-run" in {
        c for c, _ in CAT.challenge_costs("challenge.implementation-disinterest")
    }
    # every involvement costs stakeholders' time; being only consulted risks cherry-picking
    modes = {m.mode: {k.target for k in m.costs} for m in CAT.interaction_modes if m.mode}
    assert all("cost.stakeholder-time" in modes[m] for m in modes if m is not Mode.RECIPIENT)
    assert {"cost.input-cherry-picked", "cost.feeling-used"} <= modes[Mode.CONSULTATION]
