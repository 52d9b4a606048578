"""Documents: round trips in every format, strictness, exact error paths, limits, versions."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests import _paths

from coproduce import Mode, Project, appraise, default_catalogue
from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.errors import CoproduceError, DocumentError
from coproduce.io import (
    FORMATS,
    Limits,
    dump,
    dump_project,
    examples,
    load,
    load_appraisal,
    load_catalogue,
    load_example,
    load_project,
    to_data,
    write,
)
from coproduce.io._versions import migrate
from coproduce.testing import appraisals, catalogues, projects

GOLDEN = _paths.GOLDEN


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_null(v) for v in value)
    if hasattr(value, "values"):
        return any(_has_null(v) for v in value.values())
    return False


def outcome(source: Any) -> Project | tuple[Any, ...]:
    """The project, or the issues of the DocumentError; any other exception escapes."""
    try:
        return load_project(source)
    except DocumentError as exc:
        return exc.issues


def issues(source: Any, **kw: Any) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as info:
        load_project(source, **kw)
    return [(i.path, i.code) for i in info.value.issues]


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", FORMATS)
@given(p=projects())
def test_project_round_trips(fmt: str, p: Project) -> None:
    if fmt == "toml" and _has_null([e.extensions for e in (p, *p.stakeholders)]):
        with pytest.raises(ValueError, match="TOML cannot represent the null"):
            dump(p, "toml")
        return
    text = dump(p, fmt)  # type: ignore[arg-type]
    back = load_project(text, format=fmt)  # type: ignore[arg-type]
    assert back == p
    assert back.extensions == p.extensions
    assert dump(back, fmt) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=25)
@given(a=appraisals())
def test_appraisal_round_trips(fmt: str, a: Appraisal) -> None:
    text = dump(a, fmt)  # type: ignore[arg-type]
    back = load_appraisal(text, format=fmt)  # type: ignore[arg-type]
    assert back == a
    assert dump(back, fmt) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=10)
@given(c=catalogues())
def test_catalogue_round_trips(fmt: str, c: Catalogue) -> None:
    text = dump(c, fmt)  # type: ignore[arg-type]
    back = load_catalogue(text, format=fmt)  # type: ignore[arg-type]
    assert back == c
    assert dump(back, fmt) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("name", examples())
def test_examples_round_trip_in_every_format(name: str) -> None:
    p = load_example(name)
    for fmt in FORMATS:
        assert load_project(dump(p, fmt)) == p  # format detected from the text


def test_sources_path_text_bytes_dict(tmp_path: Path) -> None:
    p = load_example("one-stage")
    for fmt, suffix in (("json", ".json"), ("yaml", ".yml"), ("toml", ".toml")):
        f = tmp_path / f"p{suffix}"
        f.write_text(dump(p, fmt))  # type: ignore[arg-type]
        assert load_project(f) == p
        assert load_project(f.read_bytes(), format=fmt) == p  # type: ignore[arg-type]
    assert load_project(to_data(p)) == p
    assert load("schema_version = 1\ntitle = 'T'\n", "project").title == "T"


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("name", ["project.json", "project.yaml", "project.toml"])
def test_golden_v1_projects_keep_loading(name: str) -> None:
    p = load_project(GOLDEN / "v1" / name)
    assert p.title == "Evaluating the reconfiguration of emergency departments"
    assert p.extensions["x-grant-system"]["id"] == "G-1042"  # type: ignore[index,call-overload]
    assert [s.id for s in p.stakeholders] == ["authority", "commissioner", "ed-leads", "campaign"]


def test_golden_v1_appraisal_and_catalogue_keep_loading() -> None:
    raw = json.loads((GOLDEN / "v1" / "appraisal.json").read_text())
    a = load_appraisal(GOLDEN / "v1" / "appraisal.json")
    # migrated to version 2: what was stored is kept, renamed or recounted, never invented
    assert a.emphasis.verdict.value == raw["emphasis"]["verdict"] == "balanced"
    assert a.emphasis.coverage == raw["emphasis"]["confidence"]
    assert [(r.stage, r.code, r.residual.value) for r in a.risks] == [
        (r["stage"], r["code"], r["residual"]) for r in raw["risks"]
    ]
    assert a.advice == () and all(r.drivers == () for r in a.risks)
    worst = {r.code: r.residual for r in a.risks if r.residual.value == "high"}
    for cell, old in zip(a.exposure, raw["exposure"], strict=True):
        assert cell.risks == tuple(old["risks"])
        assert cell.low + cell.medium + cell.high == len(cell.risks)
        assert cell.high == sum(1 for c in cell.risks if c in worst)
    old_catalogue = load_catalogue(GOLDEN / "v1" / "catalogue.json")
    assert old_catalogue.version == "2019.1" and len(old_catalogue.costs) == 35
    embedded = next(m for m in old_catalogue.interaction_modes if m.id == "mode.embedded")
    assert embedded.mode is None  # an arrangement now, not a depth
    assert old_catalogue.alternatives != default_catalogue().alternatives


def test_golden_v1_embedded_mode_migrates_to_an_arrangement() -> None:
    doc = json.loads((GOLDEN / "v1" / "project.json").read_text())
    doc["plan"][0]["mode"] = "embedded"
    p = load_project(doc)
    assert p.plan[0].mode is Mode.COLLABORATION and p.plan[0].embedded
    assert doc["plan"][0]["mode"] == "embedded"  # the input is not changed


# --------------------------------------------------------------------------- strictness


def test_no_silent_coercion() -> None:
    doc = {
        "schema_version": 1,
        "title": "t",
        "identifiable_data": "false",
        "stakeholders": [{"id": "a", "kind": "patient", "familiar": 1, "power": None}],
        "conditions": [{"condition": "condition.contested", "lean": "LESS"}],
        "description": None,
    }
    assert issues(doc) == [
        ("$.description", "wrong-type"),
        ("$.stakeholders[0].familiar", "wrong-type"),
        ("$.conditions[0].lean", "invalid-value"),
        ("$.identifiable_data", "wrong-type"),
    ]


def test_every_problem_reported_with_path_and_expectation() -> None:
    doc = {
        "schema_version": 1,
        "stakeholders": [{"id": "a", "kind": "patient"}, {"kind": "minister", "colour": "red"}],
        "plan": "everything",
    }
    with pytest.raises(DocumentError) as info:
        load_project(doc)
    found = {(i.path, i.code): i for i in info.value.issues}
    assert set(found) == {
        ("$.title", "missing-field"),
        ("$.stakeholders[1].id", "missing-field"),
        ("$.stakeholders[1].kind", "invalid-value"),
        ("$.stakeholders[1].colour", "unknown-field"),
        ("$.plan", "wrong-type"),
    }
    assert found[("$.stakeholders[1].kind", "invalid-value")].expected.startswith(
        "one of 'policy-maker', 'funder'"
    )
    assert found[("$.plan", "wrong-type")].expected == "a list of objects, each a line of the plan"
    assert "$.stakeholders[1].colour: unknown field 'colour'" in str(info.value)
    assert isinstance(info.value, CoproduceError)
    html = info.value._repr_html_()
    assert "<table>" in html and "$.stakeholders[1].colour" in html


def test_reference_errors_are_document_errors() -> None:
    doc = {
        "schema_version": 1,
        "title": "t",
        "stakeholders": [{"id": "a", "kind": "patient"}, {"id": "a", "kind": "carer"}],
        "plan": [{"stage": "stage.moon", "stakeholder": "b", "mode": "consultation"}],
    }
    assert issues(doc) == [
        ("$.stakeholders[1].id", "duplicate-id"),
        ("$.plan[0].stakeholder", "unknown-reference"),
        ("$.plan[0].stage", "unknown-reference"),
    ]
    assert load_project(doc, references=False).plan[0].stage == "stage.moon"


def test_extensions_are_kept_anywhere_and_other_unknown_keys_refused() -> None:
    doc = {
        "schema_version": 1,
        "title": "t",
        "x-app": {"build": [1, 2.5, None, "x"]},
        "stakeholders": [{"id": "a", "kind": "patient", "x-crm-id": 7}],
        "resources": {"time": "adequate", "x-note": "from the grant form"},
    }
    p = load_project(doc)
    assert p.stakeholders[0].extensions == {"x-crm-id": 7}
    assert to_data(p)["x-app"] == {"build": [1, 2.5, None, "x"]}
    assert to_data(p)["resources"]["x-note"] == "from the grant form"
    assert issues({**doc, "extensions": {}}) == [("$.extensions", "unknown-field")]
    with pytest.raises(ValueError, match="TOML cannot represent the null"):
        dump(p, "toml")


def test_yaml_is_read_the_way_people_write_it() -> None:
    text = (
        "schema_version: 1\n"
        "title: no\n"
        "description: 0123\n"
        "x-when: 2024-01-01\n"
        "x-flag: yes\n"
        "x-real: true\n"
        "x-version: 1.10\n"
    )
    p = load_project(text, format="yaml")
    assert p.title == "no"
    assert p.description == "0123"
    assert p.extensions == {
        "x-when": "2024-01-01",
        "x-flag": "yes",
        "x-real": True,
        "x-version": 1.1,
    }
    assert issues("schema_version: 1\ntitle: NO\nidentifiable_data: no\n", format="yaml") == [
        ("$.identifiable_data", "wrong-type")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "schema_version: 1\ntitle: &t x\ndescription: *t\n",
        "schema_version: 1\ntitle: !!python/object/apply:os.system ['true']\n",
        "a: &a [*a]\n",
    ],
)
def test_yaml_anchors_aliases_and_tags_are_refused(text: str) -> None:
    assert issues(text, format="yaml") == [("$", "syntax")]


def test_repeated_keys_are_refused_in_every_format() -> None:
    # a repeated key would silently overwrite the first value: data lost
    assert issues('{"schema_version": 1, "title": "a", "title": "b"}') == [("$", "syntax")]
    assert issues("schema_version: 1\ntitle: a\ntitle: b\n", format="yaml") == [("$", "syntax")]
    assert issues('schema_version = 1\ntitle = "a"\ntitle = "b"\n', format="toml") == [
        ("$", "syntax")
    ]


def test_json_oddities_are_refused() -> None:
    assert issues('{"schema_version": 1, "title": "a", "title": "b"}') == [("$", "syntax")]
    assert issues('{"schema_version": 1, "title": "a", "x-n": NaN}') == [("$", "syntax")]
    assert issues(b"\xff\xfe{}") == [("$", "syntax")]
    assert issues("[]") == [("$", "wrong-type")]
    assert issues("{") == [("$", "syntax")]


# --------------------------------------------------------------------------- versions


def test_schema_version_is_required_and_checked() -> None:
    assert issues({"title": "t"}) == [("$.schema_version", "missing-field")]
    assert issues({"schema_version": "1", "title": "t"}) == [("$.schema_version", "wrong-type")]
    assert issues({"schema_version": 99, "title": "t"}) == [
        ("$.schema_version", "unsupported-version")
    ]
    assert issues({"schema_version": 0, "title": "t"}) == [
        ("$.schema_version", "unsupported-version")
    ]


def test_migrations_run_step_by_step_and_purely() -> None:
    def one_to_two(doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, "name": doc["title"]}

    def two_to_three(doc: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in doc.items() if k not in ("title", "name")}
        return {**out, "label": doc["name"]}

    original = {"schema_version": 1, "title": "t"}
    done = migrate(original, migrations={1: one_to_two, 2: two_to_three}, target=3)
    assert done == {"label": "t"}
    assert original == {"schema_version": 1, "title": "t"}
    with pytest.raises(DocumentError, match="no migration from version 2"):
        migrate(original, migrations={1: one_to_two}, target=3)


# --------------------------------------------------------------------------- limits


def test_size_and_depth_limits() -> None:
    big = json.dumps({"schema_version": 1, "title": "x" * 2000})
    assert issues(big, limits=Limits(max_bytes=1000)) == [("$", "too-large")]
    deep = '{"schema_version": 1, "title": "t", "x-d": ' + "[" * 80 + "]" * 80 + "}"
    assert issues(deep) == [("$", "too-deep")]
    assert load_project(deep, limits=Limits(max_depth=100)).title == "t"
    nested: Any = []
    for _ in range(100):
        nested = [nested]
    assert issues({"schema_version": 1, "title": "t", "x-d": nested}) == [("$", "too-deep")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_pathological_nesting_never_escapes_as_recursion_error(fmt: str) -> None:
    text = {"json": "[" * 200_000, "yaml": "[" * 200_000, "toml": "a = " + "[" * 200_000}[fmt]
    with pytest.raises(DocumentError):
        load_project(text, format=fmt)  # type: ignore[arg-type]


def test_unreadable_file(tmp_path: Path) -> None:
    assert issues(tmp_path / "missing.json") == [("$", "unreadable")]


# --------------------------------------------------------------------------- writing


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "project.toml"
    p = load_example("one-stage")
    write(p, target)
    before = target.read_bytes()
    bad = attrs.evolve(p, extensions={"x-null": None})
    with pytest.raises(ValueError, match="TOML cannot represent"):
        write(bad, target)
    assert target.read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["project.toml"]
    write(p, tmp_path / "p.yaml")
    assert load_project(tmp_path / "p.yaml") == p


def test_unknown_format_and_kind() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        dump_project(Project(title="t"), "xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown document kind"):
        load("{}", "policy")  # type: ignore[call-overload]


# --------------------------------------------------------------------------- fuzz

FUZZ_EXAMPLES = int(
    os.environ.get("COPRODUCE_FUZZ_EXAMPLES", "10000" if os.environ.get("CI") else "500")
)
# Each mutated document starts as a whole project Hypothesis generates (about 25 ms apiece):
# a quarter of the examples (and half of them for arbitrary values) keeps CI's fuzzing
# within its minutes, beside the mutants of every kind of document in tests/documents/test_fuzz.py.
FUZZ_PROJECTS = settings(max_examples=max(1, FUZZ_EXAMPLES // 4), deadline=None)
FUZZ_VALUES = settings(max_examples=max(1, FUZZ_EXAMPLES // 2), deadline=None)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.slow
@FUZZ_VALUES
@given(json_values)
def test_fuzz_arbitrary_json_values(value: Any) -> None:
    for source in (value, json.dumps(value)) if isinstance(value, dict) else (json.dumps(value),):
        assert outcome(source)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    doc = to_data(draw(projects()))
    for _ in range(draw(st.integers(1, 4))):
        paths = _containers(doc)
        container = draw(st.sampled_from(paths))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["drop", "rename", "retype", "deepen", "huge"]))
        if action == "drop":
            del container[key]
        elif action == "rename" and isinstance(container, dict):
            container[key + draw(st.sampled_from(["_", "s", "X"]))] = container.pop(key)
        elif action == "retype":
            container[key] = draw(json_values)
        elif action == "deepen":
            container[key] = [[{"v": container[key]}]]
        elif action == "huge":
            container[key] = "x" * draw(st.integers(10_000, 200_000))
    return doc


def _containers(value: Any) -> list[Any]:
    out = [value]
    children = value.values() if isinstance(value, dict) else value
    for child in children:
        if isinstance(child, (dict, list)):
            out.extend(_containers(child))
    return out


@pytest.mark.slow
@FUZZ_PROJECTS
@given(mutated_documents())
def test_fuzz_mutated_documents(doc: Any) -> None:
    for source in (doc, json.dumps(doc)):
        assert outcome(source)


# Version 2 (this release) golden documents: what this release writes, kept byte for byte.
# A change to any of them is a change to the format or to the engine's conclusions: migrate
# or explain it in the CHANGELOG, then regenerate them. The appraisal is what the command
# writes, run in the repository:
#   coproduce appraise tests/golden/v2/costed-project.yaml -f json > tests/golden/v2/appraisal.json


@pytest.mark.parametrize("name", ["project.json", "project.yaml", "project.toml"])
def test_golden_v2_projects_round_trip_byte_for_byte(name: str) -> None:
    path = GOLDEN / "v2" / name
    fmt = path.suffix.removeprefix(".")
    p = load_project(path)
    assert p.engagement_gendered is True and p.duration_weeks == 52
    assert dump(p, fmt) == path.read_text()  # type: ignore[arg-type]


def test_golden_v2_appraisal_is_what_the_engine_concludes_today() -> None:
    project = load_project(GOLDEN / "v2" / "costed-project.yaml")
    stored = load_appraisal(GOLDEN / "v2" / "appraisal.json")
    fresh = appraise(project)
    assert attrs.evolve(fresh, coproduce_version=stored.coproduce_version) == stored
    assert load_catalogue(GOLDEN / "v2" / "catalogue.json") == default_catalogue()


# ------------------------------------------------------------------ the kinds of document


def _one_of_each_kind() -> dict[str, Any]:
    """A document of every kind in DOCUMENT_KINDS, as text, a path or data."""
    from coproduce.costing import default_rate_card
    from coproduce.io import dump_appraisal, dump_catalogue, example_log_path, example_path

    return {
        "project": example_path("one-stage"),
        "appraisal": dump_appraisal(appraise(load_example("one-stage"))),
        "catalogue": dump_catalogue(default_catalogue()),
        "log": example_log_path("trial-patient-partners"),
        "entry": '{"date": "2026-03-01", "note": "a workshop"}',
        "rate-card": to_data(default_rate_card()),
    }


def test_each_kind_is_read_by_its_reader_into_its_record() -> None:
    from coproduce.io import DOCUMENT_KINDS

    documents = _one_of_each_kind()
    assert list(documents) == list(DOCUMENT_KINDS)
    for name, source in documents.items():
        kind = DOCUMENT_KINDS[name]
        value = kind.read(source)
        assert type(value) is kind.record_type(), name
        data = to_data(value)
        assert ("schema_version" in data) is kind.versioned, name  # written first when versioned
        if kind.versioned:
            assert next(iter(data)) == "schema_version"
            assert load(source, name) == value  # type: ignore[call-overload]


def test_readers_schemas_and_commands_take_the_kinds_from_one_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from typing import get_args

    import coproduce.io as io
    from coproduce.cli import main
    from coproduce.io import DOCUMENT_KINDS, LOG_SUFFIXES, Kind
    from coproduce.schema import KINDS

    versioned = [k.name for k in DOCUMENT_KINDS.values() if k.versioned]
    with_schema = [k.name for k in DOCUMENT_KINDS.values() if k.schema]
    assert list(get_args(Kind)) == versioned  # the type checkers' view of load()
    assert list(KINDS) == with_schema
    assert set(with_schema) <= set(versioned)
    assert DOCUMENT_KINDS["log"].suffixes == LOG_SUFFIXES
    root = _paths.ROOT / "src" / "coproduce" / "schemas"
    assert sorted(p.name for p in root.glob("*.schema.json")) == sorted(
        f"{name}.schema.json" for name in with_schema
    )
    for kind in DOCUMENT_KINDS.values():
        assert kind.reader in io.__all__ and kind.description and kind.what
    for argv, names in ((["validate", "--help"], versioned), (["schema", "--help"], with_schema)):
        with pytest.raises(SystemExit):
            main(argv)
        assert "{" + ",".join(names) + "}" in capsys.readouterr().out
    with pytest.raises(ValueError, match="expected project, appraisal, catalogue or log"):
        load("{}", "entry")  # type: ignore[call-overload]


def test_a_kind_names_its_reader_by_module_so_a_new_kind_needs_no_io_face_change() -> None:
    import attrs

    from coproduce.io import DOCUMENT_KINDS

    entry = DOCUMENT_KINDS["entry"]
    elsewhere = attrs.evolve(entry, name="entry-elsewhere", reader="coproduce.io._load:load_entry")
    text = '{"date": "2026-03-01", "note": "first meeting"}'
    assert elsewhere.read(text) == entry.read(text)
    with pytest.raises(AttributeError, match="no_such_reader"):
        attrs.evolve(entry, reader="coproduce.io._load:no_such_reader").read(text)
