"""Catalogue integrity rules report each broken rule with an exact message."""

from __future__ import annotations

import attrs
import pytest

from coproduce.catalogue import check, default, problems
from coproduce.errors import CatalogueError
from coproduce.model import (
    Basis,
    CategoryId,
    Challenge,
    ChallengeId,
    ConditionId,
    CostId,
    Link,
    Source,
    StageId,
)

CAT = default()


def test_default_catalogue_has_no_problems() -> None:
    assert problems(CAT) == ()


def test_duplicate_id_is_reported() -> None:
    dup = attrs.evolve(CAT.costs[0], label="Again")
    cat = attrs.evolve(CAT, costs=(*CAT.costs, dup))
    assert "duplicate id: cost.extra-time (in costs and costs)" in problems(cat)


def test_duplicate_id_across_kinds_is_reported() -> None:
    clash = attrs.evolve(CAT.cost_categories[0], id=CategoryId(CAT.bearers[0].id))
    cat = attrs.evolve(CAT, cost_categories=(*CAT.cost_categories, clash))
    assert "duplicate id: bearer.researchers (in cost_categories and bearers)" in problems(cat)


def test_malformed_id_is_reported() -> None:
    bad = attrs.evolve(CAT.stages[0], id=StageId("Stage:One"))
    cat = attrs.evolve(CAT, stages=(bad, *CAT.stages[1:]))
    assert (
        "malformed id: 'Stage:One' in stages (expected lower-case words joined by '.' or '-')"
        in problems(cat)
    )


def test_missing_locator_is_reported() -> None:
    bad = attrs.evolve(CAT.conditions[0], source=Source(page=7, locator=" "))
    cat = attrs.evolve(CAT, conditions=(bad, *CAT.conditions[1:]))
    assert problems(cat) == ("condition.contested: source has no locator",)


def test_challenge_that_reaches_no_category_is_reported() -> None:
    lone = Challenge(
        id=ChallengeId("challenge.lonely"),
        stage=StageId("stage.nowhere"),
        label="Lonely",
        description="Links to nothing real.",
        source=Source(page=4, locator="test"),
        costs=(Link(target="cost.nope", basis=Basis.INTERPRETATION),),
    )
    cat = attrs.evolve(CAT, challenges=(*CAT.challenges, lone))
    assert problems(cat) == (
        "challenge.lonely: links to unknown stage stage.nowhere",
        "challenge.lonely: links to unknown cost cost.nope",
        "challenge.lonely: reaches no cost category",
    )


def test_orphan_cost_category_and_bearer_are_reported() -> None:
    burnout = CAT.cost("cost.burnout")
    # unlink burnout from every challenge
    challenges = tuple(
        attrs.evolve(c, costs=tuple(k for k in c.costs if k.target != burnout.id))
        for c in CAT.challenges
    )
    cat = attrs.evolve(CAT, challenges=challenges)
    assert problems(cat) == ("cost.burnout: orphan cost, no challenge leads to it",)

    costs = tuple(
        attrs.evolve(c, bearers=tuple(k for k in c.bearers if k.target != "bearer.carers"))
        for c in CAT.costs
    )
    assert problems(attrs.evolve(CAT, costs=costs)) == (
        "bearer.carers: orphan bearer, no cost falls on it",
    )

    categories = (
        *CAT.cost_categories,
        attrs.evolve(CAT.cost_categories[0], id=CategoryId("category.spare")),
    )
    assert problems(attrs.evolve(CAT, cost_categories=categories)) == (
        "category.spare: orphan cost category, no cost belongs to it",
    )


def test_cost_without_category_or_bearer_is_reported() -> None:
    bare = attrs.evolve(CAT.cost("cost.burnout"), categories=(), bearers=())
    costs = tuple(bare if c.id == bare.id else c for c in CAT.costs)
    assert problems(attrs.evolve(CAT, costs=costs)) == (
        "cost.burnout: has no cost category",
        "cost.burnout: has no bearer",
    )


def test_unknown_link_targets_are_reported() -> None:
    cost = CAT.cost("cost.burnout")
    bad = attrs.evolve(
        cost,
        categories=(*cost.categories, Link(target="category.nope", basis=Basis.PROSE)),
        bearers=(*cost.bearers, Link(target="bearer.nope", basis=Basis.PROSE)),
    )
    costs = tuple(bad if c.id == bad.id else c for c in CAT.costs)
    assert problems(attrs.evolve(CAT, costs=costs)) == (
        "cost.burnout: links to unknown cost category category.nope",
        "cost.burnout: links to unknown bearer bearer.nope",
    )


def test_stage_problems_are_reported() -> None:
    first = attrs.evolve(CAT.stages[0], order=9, cost_cells=(CostId("cost.nope"),))
    cat = attrs.evolve(CAT, stages=(first, *CAT.stages[1:]))
    found = problems(cat)
    assert "stage orders must run 1..7 without gaps or repeats, got [2, 3, 4, 5, 6, 7, 9]" in found
    assert "stage.mixed-teams: cost cell names unknown cost cost.nope" in found


def test_duplicate_table2_row_is_reported() -> None:
    cat = attrs.evolve(
        CAT,
        conditions=(
            *CAT.conditions,
            attrs.evolve(CAT.conditions[0], id=ConditionId("condition.copy")),
        ),
    )
    assert problems(cat) == ("condition number 1 is used 2 times",)


def test_check_raises_with_every_problem() -> None:
    cat = attrs.evolve(CAT, bearers=CAT.bearers[:1])
    with pytest.raises(CatalogueError) as info:
        check(cat)
    assert len(info.value.problems) > 1
    assert all(p.startswith("cost.") for p in info.value.problems)
    assert str(info.value).startswith(f"catalogue has {len(info.value.problems)} integrity")
    assert isinstance(info.value, ValueError)
