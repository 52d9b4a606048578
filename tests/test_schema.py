"""The shipped JSON Schemas: valid, current, and in agreement with the loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from coproduce.errors import DocumentError
from coproduce.io import SCHEMA_VERSION, example_path, examples, load_project, to_data
from coproduce.schema import KINDS, generate, json_schema, render
from coproduce.testing import projects

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [example_path(name) for name in examples()]
GOLDEN = sorted((Path(__file__).parent / "golden").glob("v*/*"))
# Rules the schema cannot express; the loader reports them with these codes.
REFERENCE_CODES = {"duplicate-id", "unknown-reference", "currency-mismatch"}


def rejected_codes(doc: dict[str, Any]) -> set[str]:
    """The issue codes the loader reports for ``doc`` (empty if it loads)."""
    try:
        load_project(doc)
    except DocumentError as exc:
        return {i.code for i in exc.issues}
    return set()


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12_and_shipped_current(kind: str) -> None:
    schema = json_schema(kind)  # type: ignore[arg-type]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == generate(kind)  # type: ignore[arg-type]
    shipped = ROOT / "src" / "coproduce" / "schemas" / f"{kind}.schema.json"
    assert shipped.read_text() == render(kind), (  # type: ignore[arg-type]
        "regenerate: python -c 'from coproduce.schema import render, KINDS; ...'"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_nullable_fields_are_never_required(kind: str) -> None:
    # TOML has no null: a writer drops null fields, so they must default to null
    for name, definition in json_schema(kind)["$defs"].items():  # type: ignore[arg-type]
        for prop, schema in definition["properties"].items():
            nullable = {"type": "null"} in schema.get("anyOf", [])
            assert not (nullable and prop in definition.get("required", [])), f"{name}.{prop}"


@pytest.mark.parametrize("path", [*EXAMPLES, *GOLDEN], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_and_golden_documents_validate(path: Path) -> None:
    from coproduce.io._formats import Limits, detect, parse

    kind = (
        "project"
        if "project" in path.name or path.parent.name == "examples"
        else (path.name.split(".")[0])
    )
    data = parse(path.read_bytes(), detect(path, None), Limits())
    if data.get("schema_version") != SCHEMA_VERSION:
        # an older document: the schema describes this release's version, which reading it
        # migrates to, so check what it migrates to
        from coproduce.io import load, to_data

        data = to_data(load(path, kind))  # type: ignore[call-overload]
    jsonschema.validate(data, json_schema(kind))  # type: ignore[arg-type]


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown document kind"):
        json_schema("policy")  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
# hypothesis-jsonschema resolves a $ref inside a $ref against the schema's urn: $id, which
# urljoin cannot do; without the $id, every $ref resolves within the document.
@given(from_schema({k: v for k, v in json_schema("project").items() if k != "$id"}))
def test_documents_generated_from_the_schema_are_accepted(doc: dict[str, Any]) -> None:
    assert rejected_codes(doc) <= REFERENCE_CODES


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = to_data(draw(projects()))
    where = draw(st.sampled_from(["top", "stakeholder", "resources", "plan"]))
    target: dict[str, Any] = doc
    if where == "stakeholder" and doc["stakeholders"]:
        target = doc["stakeholders"][0]
    elif where == "resources":
        target = doc["resources"]
    elif where == "plan" and doc["plan"]:
        target = doc["plan"][0]
    key = draw(st.sampled_from(sorted(target)))
    change = draw(st.sampled_from(["retype", "unknown-key", "drop"]))
    if change == "retype":
        target[key] = draw(st.sampled_from([12345, "not-a-value", [], {}, True, 1.5]))
    elif change == "unknown-key":
        target[key + "-extra"] = 1
    else:
        del target[key]
    return doc


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(broken_documents())
def test_what_the_loader_rejects_the_schema_rejects(doc: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(json_schema("project"))
    codes = rejected_codes(doc)
    if codes - REFERENCE_CODES:
        assert not validator.is_valid(doc), codes
    elif not codes:
        assert validator.is_valid(doc)
