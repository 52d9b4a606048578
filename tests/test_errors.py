"""Errors in one shape: every deliberate error is a ``CoproduceError`` carrying its data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coproduce import (
    Involvement,
    Mode,
    PlanError,
    Policy,
    Project,
    Stakeholder,
    StakeholderKind,
    appraise,
)
from coproduce.errors import CoproduceError, DocumentError, Issue, PolicyError, UnknownEntryError
from coproduce.graph import default_graph, path
from coproduce.io import load_example, load_project

MINISTRY = Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER)
BAD_PLAN = Project(
    title="t",
    stakeholders=(MINISTRY,),
    plan=(
        Involvement(stage="stage.dissemination", stakeholder="press", mode=Mode.ADVICE),
        Involvement(stage="stage.nowhere", stakeholder="ministry", mode=Mode.ADVICE),
    ),
)


def test_plan_problems_are_issues_with_path_and_code() -> None:
    with pytest.raises(PlanError) as info:
        appraise(BAD_PLAN)
    err = info.value
    assert all(isinstance(i, Issue) for i in err.issues)
    assert [(i.path, i.code) for i in err.issues] == [
        ("plan[0].stakeholder", "unknown-reference"),
        ("plan[1].stage", "unknown-reference"),
    ]
    assert err.issues[0].message == "names 'press', which is not among the project's stakeholders"
    # the readable form is unchanged: a count, then one bullet per issue, path first
    assert str(err).splitlines() == [
        "project cannot be appraised, 2 problems:",
        f"  - {err.issues[0]}",
        f"  - {err.issues[1]}",
    ]
    assert err.problems == tuple(str(i) for i in err.issues)
    assert isinstance(err, CoproduceError)
    assert isinstance(err, ValueError)  # callers catching ValueError keep working


def test_plan_error_and_document_error_agree_on_the_same_project() -> None:
    """The same reference problems, read from a document, carry the same codes and messages."""
    data = {
        "schema_version": 1,
        "title": "t",
        "stakeholders": [{"id": "ministry", "kind": "policy-maker"}],
        "plan": [
            {"stage": "stage.dissemination", "stakeholder": "press", "mode": "advice"},
            {"stage": "stage.nowhere", "stakeholder": "ministry", "mode": "advice"},
        ],
    }
    with pytest.raises(DocumentError) as doc:
        load_project(data)
    with pytest.raises(PlanError) as plan:
        appraise(BAD_PLAN)
    assert [(i.path, i.code, i.message) for i in doc.value.issues] == [
        (f"$.{i.path}", i.code, i.message) for i in plan.value.issues
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Policy(min_coverage=2.0), "min_coverage must be between 0 and 1"),
        (lambda: Policy(default_weight=-1), "default_weight is negative"),
    ],
)
def test_an_inconsistent_policy_raises_policy_error(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(PolicyError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError)  # what Policy raised before
    assert any(message in p for p in info.value.problems)


def test_policy_error_lists_every_problem() -> None:
    with pytest.raises(PolicyError) as info:
        Policy(min_coverage=2.0, default_weight=-1, severity_cutoffs=(5, 1))
    assert info.value.problems == (
        "default_weight is negative",
        "min_coverage must be between 0 and 1",
        "severity_cutoffs must be (medium, high) with 0 < medium <= high",
    )


def test_unknown_stakeholder_raises_unknown_entry_error() -> None:
    project = Project(title="t", stakeholders=(MINISTRY,))
    assert project.stakeholder("ministry") is MINISTRY
    with pytest.raises(UnknownEntryError, match="unknown stakeholder: 'press'") as info:
        project.stakeholder("press")
    assert info.value.entry_id == "press" and info.value.what == "stakeholder"
    assert isinstance(info.value, LookupError)


def test_advice_for_a_stakeholder_the_plan_leaves_out_names_a_stakeholder() -> None:
    """Not "unknown catalogue entry": what was asked for is a stakeholder of the plan."""
    appraisal = appraise(load_example("trial-patient-partners"))
    with pytest.raises(UnknownEntryError, match="unknown stakeholder of the plan: 'nobody'"):
        appraisal.advice_for("nobody")


def test_a_project_built_with_strings_for_enums_is_a_plan_error_naming_each_field() -> None:
    """An untyped caller's ``mode="partnership"`` gets the field's path, not a crash inside."""
    project = Project(
        title="t",
        stakeholders=(Stakeholder(id="m", kind="policy-maker", power="high"),),  # type: ignore[arg-type]
        plan=(Involvement(stage="stage.recommendations", stakeholder="m", mode="partnership"),),  # type: ignore[arg-type]
    )
    with pytest.raises(PlanError) as info:
        appraise(project)
    issues = {i.path: i for i in info.value.issues}
    assert sorted(issues) == ["plan[0].mode", "stakeholders[0].kind", "stakeholders[0].power"]
    assert {i.code for i in issues.values()} == {"wrong-type"}
    assert "Mode('partnership') makes one" in issues["plan[0].mode"].message
    assert "got str 'partnership'" in issues["plan[0].mode"].message
    assert "or null" in issues["stakeholders[0].power"].message


def test_no_bundled_example_has_a_field_of_the_wrong_type() -> None:
    from coproduce.io import examples
    from coproduce.model._types import type_problems

    for name in examples():
        assert type_problems(load_example(name)) == [], name
    assert type_problems(appraise(load_example("contested-policy"))) == []


def test_unknown_graph_node_raises_unknown_entry_error() -> None:
    with pytest.raises(UnknownEntryError, match=r"unknown graph node: 'cost\.nope'") as info:
        path(default_graph(), "stage.framing-questions", "cost.nope")
    assert info.value.entry_id == "cost.nope" and info.value.what == "graph node"
