"""Reading JSON in one pass (``io._fast.fast_decode``) gives what the full reading gives.

The full reading (a strict parse, then the converter, explaining every problem) is the
reference: with the one-pass reading switched off, every document must give the same value
or the same error, paths, lines and columns included.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from tests.documents.test_documents import mutated_documents

import coproduce.io as io
import coproduce.io._load as loading
from coproduce import appraise
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import DocumentError
from coproduce.io import (
    dump,
    dump_project,
    examples,
    load,
    load_appraisal,
    load_catalogue,
    load_example,
    load_example_log,
    load_log,
    load_project,
)
from coproduce.io._fast import fast_decode
from coproduce.model import EMPTY, Project
from coproduce.testing import costed_projects, projects


def outcome(read: Any) -> Any:
    """The value read, or the error as it reads (message, paths, lines and columns)."""
    try:
        return read()
    except DocumentError as exc:
        return ("error", str(exc), exc.issues, exc.source)


def both(read: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = outcome(read)
    with monkeypatch.context() as m:
        m.setattr(loading, "fast_decode", lambda text, cls: None)
        reference = outcome(read)
    return fast, reference


@pytest.mark.parametrize("name", examples())
def test_every_example_is_read_in_one_pass(name: str, tmp_path: Path) -> None:
    project = load_example(name)
    for text in (dump_project(project), dump_project(project, compact=True)):
        assert fast_decode(text.encode(), Project) == project
        assert load_project(text) == project
        assert load_project(text.encode()) == project
        path = tmp_path / "p.json"
        path.write_text(text)
        assert load_project(path) == project
    a = appraise(project)
    assert load_appraisal(dump(a).encode()) == a


def test_logs_and_the_catalogue_are_read_the_same() -> None:
    log = load_example_log("contested-policy")
    assert load_log(dump(log)) == log
    cat = default_catalogue()
    assert load_catalogue(dump(cat)) == cat


@settings(max_examples=40)
@given(projects())
def test_generated_projects_read_the_same(p: Project) -> None:
    text = dump_project(p).encode()
    fast = fast_decode(text, Project)
    if p.extensions or any(s.extensions for s in p.stakeholders):
        assert fast is None
    else:
        assert fast == p
    assert load_project(text) == p


@settings(max_examples=30)
@given(costed_projects())
def test_generated_costings_read_the_same(p: Project) -> None:
    assert load_project(dump_project(p).encode()) == p


REPEATS = [
    ('"title": ', '"title": "first", "title": '),
    ('"title": ', '"title" : "first", "title": '),
    ('"title": ', '"title":"a:b", "title": '),
    ('"id": ', '"id": "x", "id": '),
    ('"kind": ', '"kind": "patient",\n "kind": '),
    ('"title": ', '"title": "colon\\u003a", "title": '),
    ('"stakeholders": ', '"stakeholders": [], "stakeholders": '),
]


@pytest.mark.parametrize(("old", "new"), REPEATS)
def test_repeated_keys_are_refused_as_before(
    old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dump_project(load_example()).replace(old, new, 1)
    fast, reference = both(lambda: load_project(text.encode()), monkeypatch)
    assert fast == reference
    assert fast[0] == "error" and "duplicate key" in fast[1]
    assert fast_decode(text.encode(), Project) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"schema_version": 2, "title": "t", "title": "u"}',
        '{"schema_version": 2, "title": "a\\ud800"}',
        '{"schema_version": 2, "title": 1e400}',
        '{"schema_version": 1, "title": "t"}',
        '\ufeff{"schema_version": 2, "title": "t"}',
        '{"schema_version": 2, "title": "t", "extensions": {}}',
        '{"schema_version": 2, "title": "t", "x-a": 1}',
        '{"schema_version": 2, "title": "t", "stakeholders": [{"id": "s", "kind": "nope"}]}',
        '{"schema_version": 2, "title": "t", "plan": [{"stage": "stage.nope", '
        '"stakeholder": "s", "mode": "advice"}]}',
        "[1, 2]",
        '{"schema_version": 2, "title": "t"',
    ],
)
def test_odd_documents_read_as_before(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for source in (text, text.encode()):
        fast, reference = both(lambda s=source: load_project(s), monkeypatch)
        assert fast == reference


def test_limits_still_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    text = dump_project(load_example()).encode()
    small = io.Limits(max_bytes=len(text) - 1)
    fast, reference = both(lambda: load_project(text, limits=small), monkeypatch)
    assert fast == reference and fast[0] == "error"
    shallow = io.Limits(max_depth=3)
    fast, reference = both(lambda: load_project(text, limits=shallow), monkeypatch)
    assert fast == reference and fast[0] == "error"


def test_references_off_and_other_catalogues(monkeypatch: pytest.MonkeyPatch) -> None:
    text = dump_project(load_example()).replace('"stakeholder": "', '"stakeholder": "z', 1)
    for kwargs in ({}, {"references": False}, {"catalogue": default_catalogue()}):
        fast, reference = both(lambda k=kwargs: load_project(text, **k), monkeypatch)
        assert fast == reference
    assert both(lambda: load(text, "project"), monkeypatch)[0][0] == "error"


@settings(max_examples=200, deadline=None)
@given(mutated_documents())
def test_mutated_documents_read_as_before(doc: Any) -> None:
    try:
        text = json.dumps(doc).encode()
    except (TypeError, ValueError):
        return
    fast = outcome(lambda: load_project(text))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(loading, "fast_decode", lambda text, cls: None)
        reference = outcome(lambda: load_project(text))
    assert fast == reference


@pytest.mark.parametrize("name", examples())
def test_records_built_without_init_are_whole(name: str) -> None:
    project = load_example(name)
    fast = fast_decode(dump_project(project).encode(), Project)
    assert fast is not None
    assert fast == project and hash(fast) == hash(project) and repr(fast) == repr(project)
    assert pickle.loads(pickle.dumps(fast)) == project
    for record in (*fast.stakeholders, *fast.plan, *fast.aims):
        assert record.extensions is EMPTY
        assert attrs.evolve(record) == record


def test_amounts_read_as_the_reference_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Amounts read are shared between equal numbers, but never across a sign or a type."""
    project = next(
        p
        for p in (load_example(n) for n in examples())
        if p.costing and len(p.costing.involvements[0].expenses) > 1
    )
    doc = json.loads(dump_project(project))
    expenses = doc["costing"]["involvements"][0]["expenses"]
    expenses[0]["amount"], expenses[1]["amount"] = "AMOUNT", "OTHER"
    template = json.dumps(doc)
    pairs = [("2.5", "2.5"), ("-0.0", "0.0"), ("0.0", "-0.0"), ("0", "0.0"), ("1024", "1025")]
    pairs += [("1e2", "100"), ("-1", "1"), ("-2.5", "2.5"), ("1e400", "1")]
    for amount, other in pairs:
        text = template.replace('"AMOUNT"', amount).replace('"OTHER"', other)
        fast, reference = both(lambda t=text: load_project(t.encode()), monkeypatch)
        assert fast == reference
        if isinstance(fast, Project):
            assert fast_decode(text.encode(), Project) == fast  # read in one pass
            assert fast.costing is not None and reference.costing is not None
            read = [str(e.amount) for e in fast.costing.involvements[0].expenses]
            assert read == [str(e.amount) for e in reference.costing.involvements[0].expenses]


def test_with_validators_disabled_the_reference_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    text = dump_project(load_example()).encode()
    attrs.validators.set_disabled(True)
    try:
        assert fast_decode(text, Project) is None
        fast, reference = both(lambda: load_project(text), monkeypatch)
    finally:
        attrs.validators.set_disabled(False)
    assert fast == reference
    assert fast_decode(text, Project) == load_example()
