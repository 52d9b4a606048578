"""Large projects read as well as small ones: named lists capped, every input kept once."""

from __future__ import annotations

from coproduce import appraise
from coproduce.model import (
    Aim,
    Involvement,
    Mode,
    Motivation,
    Project,
    Researcher,
    Stakeholder,
    StakeholderKind,
)


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
