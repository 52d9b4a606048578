"""Errors in one shape: every deliberate error is a ``CoproduceError`` carrying its data."""

from __future__ import annotations

import enum
import io as stdio
from collections.abc import Callable
from typing import Any

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
        ("$.plan[0].stakeholder", "unknown-reference"),
        ("$.plan[1].stage", "unknown-reference"),
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
        (i.path, i.code, i.message) for i in plan.value.issues
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
    """An untyped caller's ``mode="partnership"`` gets the field's path, not a crash inside.

    Refused as the record is built (issue #26), with the engine's error, each field at its
    path from the record.
    """
    with pytest.raises(PlanError) as info:
        Stakeholder(id="m", kind="policy-maker", power="high")  # type: ignore[arg-type]
    issues = {i.path: i for i in info.value.issues}
    assert sorted(issues) == ["$.kind", "$.power"]
    assert {i.code for i in issues.values()} == {"wrong-type"}
    assert "or null" in issues["$.power"].message
    with pytest.raises(PlanError) as line:
        Involvement(stage="stage.recommendations", stakeholder="m", mode="partnership")  # type: ignore[arg-type]
    (mode,) = line.value.issues
    assert mode.path == "$.mode"
    assert "Mode('partnership') makes one" in mode.message
    assert "got str 'partnership'" in mode.message
    # a record that holds one anyway (planted past its constructor) is refused by the engine
    planted = Involvement(stage="stage.recommendations", stakeholder="m", mode=Mode.ADVICE)
    object.__setattr__(planted, "mode", "partnership")
    project = Project(
        title="t",
        stakeholders=(Stakeholder(id="m", kind=StakeholderKind.POLICY_MAKER),),
        plan=(planted,),
    )
    with pytest.raises(PlanError) as engine:
        appraise(project)
    assert [i.path for i in engine.value.issues] == ["$.plan[0].mode"]


@pytest.mark.parametrize(
    ("name", "field", "path"),
    [
        ("trial-patient-partners", "researchers", "researchers[0].contract"),
        ("nothing-known", "governance", "governance.decisions"),
        ("no-resources", "stakeholders", "stakeholders[0].familiar"),
    ],
)
def test_a_string_the_engine_would_read_wrongly_without_failing_is_refused_first(
    name: str, field: str, path: str
) -> None:
    """``contract="fixed-term"`` or ``reimbursed="no"`` must not change the advice silently."""
    import attrs

    project = load_example(name)

    def stringly(record: object) -> object:
        changes: dict[str, Any] = {}
        for f in attrs.fields(type(record)):  # type: ignore[arg-type]
            value = getattr(record, f.name)
            if isinstance(value, enum.Enum):
                changes[f.name] = value.value
            elif value is False:
                changes[f.name] = "no"
        return attrs.evolve(record, **changes)  # type: ignore[misc]

    value = getattr(project, field)
    with pytest.raises(PlanError) as info:  # refused as the record is built (issue #26)
        _ = tuple(map(stringly, value)) if isinstance(value, tuple) else stringly(value)
    paths = [i.path for i in info.value.issues]
    assert f"$.{path.rsplit('.', 1)[-1]}" in paths
    assert {i.code for i in info.value.issues} == {"wrong-type"}


def test_cost_refuses_a_costing_built_with_strings() -> None:
    import attrs

    from coproduce.costing import cost
    from coproduce.errors import CostingError

    project = load_example("no-resources")
    assert project.costing is not None
    plan = project.costing
    with pytest.raises(PlanError, match=r"\$.payment: expected a way of paying contributors"):
        attrs.evolve(plan.involvements[0], payment="paid")  # type: ignore[arg-type]
    line = attrs.evolve(plan.involvements[0])
    object.__setattr__(line, "payment", "paid")  # planted past the constructor
    with pytest.raises(
        CostingError,
        match=r"\$.costing.involvements\[0\].payment: expected a way of paying contributors "
        r"\(PaymentMethod",
    ):
        cost(attrs.evolve(project, costing=attrs.evolve(plan, involvements=(line,))))


def test_a_misspelt_value_gets_a_suggestion_not_a_call_that_fails() -> None:
    with pytest.raises(PlanError, match="did you mean 'partnership'") as info:
        Involvement(stage="stage.recommendations", stakeholder="m", mode="partnershp")  # type: ignore[arg-type]
    assert "Mode('partnershp')" not in str(info.value)


def test_a_project_the_reader_built_is_known_to_be_well_typed() -> None:
    from coproduce.model._types import _known, check_types

    loaded = load_example("contested-policy")
    assert _known(loaded)  # the engine does not check it again
    built = Project(title="t")
    assert not _known(built)
    assert check_types(built) == [] and _known(built)  # checked once, then remembered


def test_no_bundled_example_has_a_field_of_the_wrong_type() -> None:
    from coproduce.io import examples
    from coproduce.model import type_problems

    for name in examples():
        assert type_problems(load_example(name)) == [], name
    assert type_problems(appraise(load_example("contested-policy"))) == []


def test_unknown_graph_node_raises_unknown_entry_error() -> None:
    with pytest.raises(UnknownEntryError, match=r"unknown graph node: 'cost\.nope'") as info:
        path(default_graph(), "stage.framing-questions", "cost.nope")
    assert info.value.entry_id == "cost.nope" and info.value.what == "graph node"


def test_a_paper_citation_among_practice_documents_says_it_is_the_papers() -> None:
    from coproduce.cli import main as cli

    out = stdio.StringIO()
    assert cli(["appraise", "--example", "commercial-partner"], stdout=out) == 0
    cited = [line for line in out.getvalue().splitlines() if "practice-risk.commercial" in line]
    assert cited and all("the paper, p. 4" in line for line in cited if "ico-dpia" in line)
    assert not any("What is the general rule?; p. 4" in line for line in cited)
