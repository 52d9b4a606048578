"""Every document limit at its boundary: the limit passes, one step more is refused.

Issue #23: a depth limit loosened by 10 passed the suite, because the tests only checked
documents far beyond it. Each limit here is tried at exactly its value and one step past
it, in every format and for every kind of document that has it.
"""

from __future__ import annotations

import io as stdio
import json
import os
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import coproduce.io._read
from coproduce.errors import MAX_ISSUES, DocumentError
from coproduce.io import (
    APPRAISAL_SCALE,
    Limits,
    dump_appraisal,
    load_appraisal,
    load_entry,
    load_log,
    load_project,
    load_rate_card,
    read_stream,
)
from coproduce.model import COUNT_LIMIT, HOURS_LIMIT, MONEY_LIMIT, PLACES

DEFAULT = Limits()


def test_the_limits_are_the_documented_ones() -> None:
    """docs/format.md states these numbers; a change to one is a change to the format."""
    assert (DEFAULT.max_bytes, DEFAULT.max_depth, DEFAULT.max_wait) == (16 * 1024 * 1024, 64, 10)
    assert (MAX_ISSUES, APPRAISAL_SCALE) == (100, 8)
    assert (Decimal(10**11), Decimal(10**7)) == (MONEY_LIMIT, HOURS_LIMIT)
    assert (COUNT_LIMIT, PLACES) == (10**6, 4)


def codes(load: Callable[..., Any], source: object, **kw: Any) -> list[str]:
    """The issue codes ``load`` refuses ``source`` with; empty if it loads."""
    try:
        load(source, **kw)
    except DocumentError as exc:
        return [i.code for i in exc.issues]
    return []


# --------------------------------------------------------------------------- depth

# Each kind with the smallest document of it; ``x-deep`` is added at the top.
KINDS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "project": (load_project, {"schema_version": 2, "title": "t"}),
    "log": (load_log, {"schema_version": 2, "project": "p"}),
    "entry": (load_entry, {"date": "2026-01-01"}),
    "rate card": (load_rate_card, {"id": "c", "currency": "GBP"}),
}


def _nested(levels: int) -> Any:
    """``levels`` lists inside one another: ``[[...[]...]]``."""
    value: Any = []
    for _ in range(levels - 1):
        value = [value]
    return value


def _as(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data)
    if fmt == "yaml":
        return "\n".join(f"{k}: {json.dumps(v)}" for k, v in data.items()) + "\n"
    return "\n".join(f"{k} = {json.dumps(v)}" for k, v in data.items()) + "\n"


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml", "dict"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("limits", [DEFAULT, Limits(max_depth=12)], ids=["default", "12"])
def test_nesting_to_the_depth_limit_passes_and_one_level_more_is_refused(
    kind: str, fmt: str, limits: Limits
) -> None:
    load, base = KINDS[kind]
    for depth, refused in ((limits.max_depth, []), (limits.max_depth + 1, ["too-deep"])):
        # the document is one level, x-deep's lists the rest
        data = {**base, "x-deep": _nested(depth - 1)}
        source: object = data if fmt == "dict" else _as(data, fmt)
        kw: dict[str, Any] = {} if fmt == "dict" else {"format": fmt}
        assert codes(load, source, limits=limits, **kw) == refused, (kind, fmt, depth)


@pytest.mark.parametrize("limits", [DEFAULT, Limits(max_depth=12)], ids=["default", "12"])
def test_toml_dotted_keys_and_table_headers_count_to_the_depth_limit(limits: Limits) -> None:
    top = 'schema_version = 2\ntitle = "t"\n'
    for depth, refused in ((limits.max_depth, []), (limits.max_depth + 1, ["too-deep"])):
        dotted = top + ".".join(["x-a"] * depth) + " = 1\n"  # depth tables, the last holds 1
        assert codes(load_project, dotted, format="toml", limits=limits) == refused
        header = top + "[" + ".".join(["x-a"] * (depth - 1)) + "]\nk = 1\n"
        assert codes(load_project, header, format="toml", limits=limits) == refused


# --------------------------------------------------------------------------- size


def _padded(size: int, fmt: str = "json") -> bytes:
    """A valid project of exactly ``size`` bytes (white space or a comment at the end)."""
    head = {
        "json": b'{"schema_version": 2, "title": "t"}',
        "yaml": b"schema_version: 2\ntitle: t\n#",
        "toml": b'schema_version = 2\ntitle = "t"\n#',
    }[fmt]
    return head + (b" " if fmt == "json" else b"x") * (size - len(head))


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_a_document_of_exactly_the_size_limit_passes_and_one_byte_more_is_refused(
    tmp_path: Path, fmt: str
) -> None:
    limits = Limits(max_bytes=5000)
    for size, refused in ((5000, []), (5001, ["too-large"])):
        data = _padded(size, fmt)
        assert len(data) == size
        file = tmp_path / f"p.{fmt}"
        file.write_bytes(data)
        assert codes(load_project, file, limits=limits) == refused, (fmt, size)
        assert codes(load_project, data, format=fmt, limits=limits) == refused
        assert codes(load_project, data.decode(), format=fmt, limits=limits) == refused
        if refused:
            with pytest.raises(DocumentError):
                read_stream(stdio.BytesIO(data), limits)
        else:
            assert read_stream(stdio.BytesIO(data), limits) == data


def test_the_default_size_limit_holds_at_its_boundary_for_a_file_and_a_pipe(
    tmp_path: Path,
) -> None:
    for size, refused in ((DEFAULT.max_bytes, []), (DEFAULT.max_bytes + 1, ["too-large"])):
        data = _padded(size)
        file = tmp_path / "p.json"
        file.write_bytes(data)
        assert codes(load_project, file) == refused, size
        fifo = tmp_path / f"pipe-{size}.json"
        os.mkfifo(fifo)

        def writer(fifo: Path = fifo, data: bytes = data) -> None:
            try:
                with open(fifo, "wb") as f:
                    f.write(data)
            except BrokenPipeError:  # the reader stopped at the limit
                pass

        thread = threading.Thread(target=writer)
        thread.start()
        assert codes(load_project, fifo) == refused, size
        thread.join(30)


def test_an_appraisal_may_be_the_scale_times_a_project_and_not_one_byte_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coproduce import appraise
    from coproduce.io import load_example

    project_limit = 200_000
    monkeypatch.setattr(coproduce.io._read, "DEFAULT_LIMITS", Limits(max_bytes=project_limit))
    text = dump_appraisal(appraise(load_example("one-stage")), compact=True).encode()
    limit = project_limit * APPRAISAL_SCALE
    for size, refused in ((limit, []), (limit + 1, ["too-large"])):
        file = tmp_path / "a.json"
        file.write_bytes(text + b" " * (size - len(text)))
        assert codes(load_appraisal, file) == refused, size
    assert codes(load_project, _padded(project_limit + 1)) == ["too-large"]


def test_a_json_lines_document_of_exactly_the_size_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch line is a document: its newline is not part of it."""
    from coproduce.portfolio import appraise_many

    monkeypatch.setattr(coproduce.io._read, "DEFAULT_LIMITS", Limits(max_bytes=4000))
    source = tmp_path / "batch.jsonl"
    source.write_bytes(_padded(4000) + b"\n" + _padded(4001) + b"\n" + _padded(4000))
    outcomes = list(appraise_many(source))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert [i.code for i in outcomes[1].issues] == ["too-large"]


# --------------------------------------------------------------------------- issues, wait


def test_every_problem_up_to_the_issue_limit_is_kept_and_the_rest_counted() -> None:
    for n, omitted in ((MAX_ISSUES, 0), (MAX_ISSUES + 1, 1)):
        doc = {"schema_version": 2, "title": "t", **{f"k{i:03}": 1 for i in range(n)}}
        with pytest.raises(DocumentError) as info:
            load_project(doc)
        assert len(info.value.issues) == MAX_ISSUES
        assert info.value.omitted == omitted, n


def test_a_pipe_is_waited_for_as_long_as_the_limit_and_no_longer(tmp_path: Path) -> None:
    wait = 0.6
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)

    def writer() -> None:
        time.sleep(wait / 3)  # well within the wait: read
        with open(fifo, "wb") as f:
            f.write(b'{"schema_version": 2, "title": "t"}')

    thread = threading.Thread(target=writer)
    thread.start()
    assert codes(load_project, fifo, limits=Limits(max_wait=wait)) == []
    thread.join(10)

    def silent() -> None:
        with open(fifo, "wb"):
            done.wait(10)  # connected, never writes

    done = threading.Event()
    thread = threading.Thread(target=silent)
    thread.start()
    start = time.monotonic()
    try:
        assert codes(load_project, fifo, limits=Limits(max_wait=wait)) == ["unreadable"]
        assert wait <= time.monotonic() - start < wait + 3
    finally:
        done.set()
        thread.join(10)


# --------------------------------------------------------------------------- numbers


def _costed(**costing: object) -> dict[str, Any]:
    return {"schema_version": 2, "title": "t", "costing": {"currency": "GBP", **costing}}


@pytest.mark.parametrize(
    ("field", "within", "beyond"),
    [
        ("budget", MONEY_LIMIT - Decimal("0.0001"), MONEY_LIMIT),
        ("budget_hours", HOURS_LIMIT - Decimal("0.0001"), HOURS_LIMIT),
        ("months", COUNT_LIMIT, COUNT_LIMIT + 1),
    ],
)
def test_money_hours_and_counts_are_read_to_their_bound_and_refused_past_it(
    field: str, within: Decimal | int, beyond: Decimal | int
) -> None:
    for value, refused in ((within, []), (beyond, ["invalid-value"])):
        as_text = str(value)
        for written in (value if isinstance(value, int) else float(value), as_text):
            if isinstance(written, str) and field == "months":
                continue  # a count is an integer, never text
            assert codes(load_project, _costed(**{field: written})) == refused, written
            assert codes(load_project, json.dumps(_costed(**{field: written}))) == refused


def test_a_decimal_string_may_have_four_places_and_not_five() -> None:
    assert codes(load_project, _costed(budget="12.3456")) == []
    assert codes(load_project, _costed(budget="12.34560")) == ["invalid-value"]
    entry = {"date": "2026-01-01", "spending": [{"line": "l", "amount": "1.0001"}]}
    assert codes(load_entry, entry) == []
    entry["spending"][0]["amount"] = "1.00001"  # type: ignore[index]
    assert codes(load_entry, entry) == ["invalid-value"]


def test_an_integer_is_read_up_to_the_length_text_can_hold() -> None:
    from coproduce.io._check import _INT_BITS

    within, beyond = 2**_INT_BITS - 1, 2**_INT_BITS
    assert within.bit_length() == _INT_BITS and beyond.bit_length() == _INT_BITS + 1
    assert codes(load_project, {"schema_version": 2, "title": "t", "x-n": within}) == []
    assert codes(load_project, {"schema_version": 2, "title": "t", "x-n": beyond}) == [
        "invalid-value"
    ]
