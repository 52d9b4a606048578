"""Fuzzing the readers: only :class:`DocumentError` may escape, whatever the document holds.

The rule (issue #13): mutate the bytes, the keys and the types of keys and values of valid
documents in all three formats, and as dict sources. Each mutant is either refused with a
``DocumentError`` or accepted; an accepted one appraises, renders in every report format as
UTF-8, and round-trips through JSON. Short runs by default; the long runs are marked
``slow`` (CI runs them).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce import appraise
from coproduce.errors import DocumentError
from coproduce.io import FORMATS, dump_project, examples, load_example, load_project
from coproduce.model import Project
from coproduce.report import FORMATS as REPORT_FORMATS
from coproduce.report import render

SEEDS = [
    (fmt, dump_project(load_example(name), fmt).encode())
    for name in ("one-stage", "contested-policy", "nothing-known")
    if name in examples()
    for fmt in FORMATS
]
DATA = [json.loads(dump_project(load_example(name))) for name in ("one-stage", "contested-policy")]

NASTY = [
    b"\x00",
    b"\xff",
    b"\xed\xa0\x80",
    b"\x1b[2J",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"=",
    b'"',
    b"\\ud800",
    b"1e400",
    b"-.inf",
    b".nan",
    b"nan",
    b"? [a]\n: b\n",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"\n",
    b"\n  ",
    b"- ",
    b"x-a.x-a.x-a.x-a",
    b"1: a\n",
    b"[[x]]\n",
    b"9" * 400,
]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(source: Any, **kw: Any) -> None:
    """The property: a DocumentError, or a project that appraises, renders and round-trips."""
    error: DocumentError | None = None
    try:
        project = load_project(source, **kw)
    except DocumentError as exc:
        error = exc
    if error is not None:
        assert error.issues or error.omitted
        str(error).encode("utf-8")
        return
    assert isinstance(project, Project)
    result = appraise(project)
    for fmt in REPORT_FORMATS:
        render(result, fmt).encode("utf-8")
    assert load_project(dump_project(project)) == project


@st.composite
def byte_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt, text = draw(st.sampled_from(SEEDS))
    data = bytearray(text)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "nasty"]))
        if op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.sampled_from(NASTY))
    return fmt, bytes(data)


keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["title", "x-a", "stakeholders", "plan", "kind", "id", "x-a.b", "\ud800"]),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.tuples(st.integers()),
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["\ud800", "patient", "stage.recommendations", "high", "\x1b[31m"]),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _containers(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, dict):
        out.append(value)
        for v in value.values():
            _containers(v, out)
    elif isinstance(value, list):
        out.append(value)
        for v in value:
            _containers(v, out)
    return out


@st.composite
def dict_mutants(draw: st.DrawFn) -> dict[Any, Any]:
    data: dict[Any, Any] = json.loads(json.dumps(draw(st.sampled_from(DATA))))
    for _ in range(draw(st.integers(1, 4))):
        target: Any = draw(st.sampled_from(_containers(data, [])))
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target, key=str)))
            op = draw(st.sampled_from(["rekey", "revalue", "delete", "add"]))
            if op == "rekey":
                target[draw(keys)] = target.pop(key)
            elif op == "revalue":
                target[key] = draw(values)
            elif op == "delete":
                del target[key]
            else:
                target[draw(keys)] = draw(values)
        elif isinstance(target, list):
            replace: bool = draw(st.booleans())
            if target and replace:
                target[draw(st.integers(0, len(target) - 1))] = draw(values)
            else:
                target.append(draw(values))
    return data


def _as_text(data: dict[Any, Any], fmt: str) -> str | None:
    """The mutant as JSON or YAML text, or None if that format cannot hold it."""
    if fmt == "json":
        try:
            return json.dumps(data)  # int/float/bool/None keys become strings, NaN stays NaN
        except (TypeError, ValueError):  # a tuple key
            return None
    import yaml

    try:
        return yaml.safe_dump(data, allow_unicode=False)
    except yaml.YAMLError:
        return None


@SETTINGS
@given(byte_mutants())
def test_byte_mutants_raise_only_document_errors(mutant: tuple[str, bytes]) -> None:
    fmt, data = mutant
    check(data, format=fmt)


@SETTINGS
@given(dict_mutants(), st.sampled_from(["dict", "json", "yaml"]))
def test_key_and_type_mutants_raise_only_document_errors(data: dict[Any, Any], how: str) -> None:
    if how == "dict":
        check(data)
        return
    text = _as_text(data, how)
    if text is not None:
        check(text, format=how)


@pytest.mark.slow
@LONG
@given(byte_mutants())
def test_byte_mutants_long(mutant: tuple[str, bytes]) -> None:
    fmt, data = mutant
    check(data, format=fmt)


@pytest.mark.slow
@LONG
@given(dict_mutants(), st.sampled_from(["dict", "json", "yaml"]))
def test_key_and_type_mutants_long(data: dict[Any, Any], how: str) -> None:
    if how == "dict":
        check(data)
        return
    text = _as_text(data, how)
    if text is not None:
        check(text, format=how)
