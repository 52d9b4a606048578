"""The shipped JSON Schemas: valid, current, and in agreement with the loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from tests import _paths

from coproduce.errors import DocumentError
from coproduce.io import SCHEMA_VERSION, example_path, examples, load_project, to_data
from coproduce.schema import KINDS, generate, json_schema, render
from coproduce.testing import projects

ROOT = _paths.ROOT
EXAMPLES = [example_path(name) for name in examples()]
GOLDEN = sorted(_paths.GOLDEN.glob("v*/*"))
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
        "regenerate: .venv/bin/python scripts/schemas.py"
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
    from coproduce.io import Limits, detect_format
    from coproduce.io._formats import parse

    kind = (
        "project"
        if "project" in path.name or path.parent.name == "examples"
        else (path.name.split(".")[0])
    )
    data = parse(path.read_bytes(), detect_format(path), Limits())
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


_BOUNDS: dict[str, list[object]] = {
    "budget": [
        0,
        99999999999.9999,
        "99999999999.9999",
        "0099999999999.9999",
        1e11,
        "100000000000",
        "12.1234",
        "12.12345",
        -0.5,
        "1e5",
    ],
    "budget_hours": [9999999.9999, "9999999.9999", 1e7, "10000000", "0.0001", "0.00001"],
    "months": [1, 1_000_000, 1_000_001, 0],
}


@pytest.mark.parametrize(
    ("field", "value"), [(f, v) for f, values in _BOUNDS.items() for v in values]
)
def test_the_schema_and_the_loader_agree_on_the_bounds_of_money_hours_and_counts(
    field: str, value: object
) -> None:
    """Issue #23: money below 10^11, hours below 10^7, decimal strings of at most 4 places,
    counts up to a million: the loader and the shipped schema draw the same line."""
    doc = {"schema_version": SCHEMA_VERSION, "title": "t", "costing": {"currency": "GBP"}}
    doc["costing"][field] = value  # type: ignore[index]
    loads = not rejected_codes(doc)
    valid = jsonschema.Draft202012Validator(json_schema("project")).is_valid(doc)
    assert loads == valid, (field, value, loads)


def test_the_log_schema_bounds_amounts_and_hours_as_the_loader_does() -> None:
    from coproduce.io import load_log

    def loads(doc: dict[str, Any]) -> bool:
        try:
            load_log(doc)
        except DocumentError:
            return False
        return True

    validator = jsonschema.Draft202012Validator(json_schema("log"))
    for amount in (99999999999.9999, "99999999999.9999", 1e11, "12.12345"):
        entry = {"date": "2026-01-01", "spending": [{"line": "venue", "amount": amount}]}
        doc = {
            "schema_version": SCHEMA_VERSION,
            "project": "p",
            "currency": "GBP",
            "entries": [entry],
        }
        assert loads(doc) == validator.is_valid(doc), amount
