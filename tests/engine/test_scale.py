"""Large projects read as well as small ones: named lists capped, every input kept once."""

from __future__ import annotations

import attrs

from coproduce import appraise
from coproduce.appraisal._ceilings import read_facts
from coproduce.appraisal._context import make_context
from coproduce.appraisal._engine import DEFAULT_POLICY
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    Aim,
    ConditionSetting,
    Involvement,
    Lean,
    Mode,
    Motivation,
    Project,
    Researcher,
    Stakeholder,
    StakeholderKind,
    Stance,
)
from coproduce.practice import practice_risks


def _crowd(n: int) -> Project:
    """``n`` familiar members of the public at one stage, all tied as the worst relationship."""
    people = tuple(
        Stakeholder(id=f"m{i:04d}", kind=StakeholderKind.PUBLIC, familiar=True) for i in range(n)
    )
    return Project(
        title="A citizens' panel of usual suspects",
        aims=(Aim(id="a1", description="priorities", motivations=(Motivation.NORMATIVE,)),),
        stakeholders=people,
        researchers=(Researcher(id="r1"),),
        plan=tuple(
            Involvement(
                stage="stage.framing-questions",
                stakeholder=p.id,
                mode=Mode.CONSULTATION,
                aims=("a1",),
            )
            for p in people
        ),
    )


def test_a_risk_shared_by_many_tied_drivers_names_ten_and_counts_the_rest() -> None:
    result = appraise(_crowd(250))
    dominance = [f for r in result.risks for f in r.factors if f.code == "dominance"]
    assert dominance
    for factor in dominance:
        assert "m0000, m0001" in factor.message and "and 240 more" in factor.message
        # the inputs still trace every stakeholder, each once
        familiar = [i for i in factor.inputs if i.endswith(".familiar")]
        assert len(familiar) == len(set(familiar)) == 250


def test_ten_or_fewer_are_all_named() -> None:
    result = appraise(_crowd(10))
    (factor, *_) = [f for r in result.risks for f in r.factors if f.code == "dominance"]
    assert "m0009" in factor.message and "more" not in factor.message


def test_the_collector_is_on_again_after_an_appraisal_even_one_that_fails() -> None:
    import gc

    import pytest

    from coproduce.errors import PlanError

    appraise(_crowd(3))
    assert gc.isenabled()
    with pytest.raises(PlanError):
        appraise(
            Project(
                title="x",
                plan=(Involvement(stage="stage.nope", stakeholder="n", mode=Mode.CONSULTATION),),
            )
        )
    assert gc.isenabled()


def _minors_on_a_contested_topic(ids: list[str]) -> Project:
    """Pupils (minors) at two stages and one campaign group, on a contested topic."""
    people = (
        *(Stakeholder(id=i, kind=StakeholderKind.PUBLIC, minors=True) for i in ids),
        Stakeholder(id="campaign", kind=StakeholderKind.PUBLIC, stance=Stance.FOR),
    )
    stages = ("stage.framing-questions", "stage.collecting-data")
    return Project(
        title="Pupils and a campaign",
        aims=(Aim(id="a1", description="priorities", motivations=(Motivation.NORMATIVE,)),),
        stakeholders=people,
        researchers=(Researcher(id="r1"),),
        plan=tuple(
            Involvement(stage=st, stakeholder=p.id, mode=Mode.COLLABORATION, aims=("a1",))
            for p in people
            for st in stages
        ),
        conditions=(ConditionSetting(condition="condition.contested", lean=Lean.LESS),),
    )


def test_what_the_advice_reads_once_is_what_reading_each_risk_gives() -> None:
    project = _minors_on_a_contested_topic([f"pupil{i}" for i in range(40)])
    ctx = make_context(project, default_catalogue(), DEFAULT_POLICY)
    assert ctx.capacity is not None
    practice = practice_risks(project)
    once = read_facts(ctx, ctx.capacity, practice)
    scanned = attrs.evolve(once, on=None)  # each lookup reads the risks as written
    assert once.on is not None and {r.code for r in practice} >= {"practice-risk.safeguarding"}
    for sid in ctx.people:
        for r in practice:
            assert once.landing(r.code, sid) is scanned.landing(r.code, sid)
            assert once.naming(r, sid) == scanned.naming(r, sid)
    assert once.naming(practice[0], "pupil7") == ("stakeholders[pupil7].minors",)
    assert once.campaigns and not once.both_sides  # one side campaigns; pupils take none


def test_an_id_with_brackets_is_read_as_written() -> None:
    result = appraise(_minors_on_a_contested_topic(["class[7b]", "pupil"]))
    for sid in ("class[7b]", "pupil"):
        held = {c.code: c for c in result.advice_for(sid).ceilings}
        assert held["safeguarding"].inputs == (f"stakeholders[{sid}].minors",)
        codes = [p.code for p in result.advice_for(sid).prerequisites]
        assert "safeguarding" in codes
    assert "both-sides" in [p.code for p in result.advice_for("campaign").prerequisites]
