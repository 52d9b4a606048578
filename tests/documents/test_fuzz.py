"""Fuzzing every reader and what runs after it: only the library's own errors may escape.

The rule (issues #13 and #23): mutate the bytes, the keys and the types of keys and values
of valid documents of every kind - project, involvement log, log entry, rate card,
catalogue - in all three formats, and as dict sources. Each mutant is either refused with
a ``DocumentError`` or accepted; an accepted one goes where the commands take it, and
nothing there may raise anything but a :class:`~coproduce.errors.CoproduceError` (the
documented root):

- a project is appraised and rendered in every report format, costed and fitted with the
  shipped card and every costing renderer, checked as ``validate`` checks it, written up as
  the three report kinds, appraised as a batch line, and round-trips through JSON and YAML;
- a log is tracked against its project (``track``: the comparison, the re-appraisal, every
  renderer) and summarised as a portfolio (``portfolio``: every renderer);
- an entry is appended to a copy of its log (``log add``), which must then read back;
- a rate card prices a costed project (``cost --rates``, ``validate --rates``, the fit);
- a catalogue is checked, read projects against, appraises and renders
  (``appraise --catalogue``).

Short runs by default; the long runs are marked ``slow`` and sized so that they take about
two minutes on two cores in CI (``CI=true``), three and a half with the fuzz of
``tests/documents/test_documents.py``; ``COPRODUCE_FUZZ_EXAMPLES`` scales them
(``scripts/fuzz.py`` runs them longer).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.costing import default_rate_card as shipped_card
from coproduce.errors import CoproduceError, DocumentError
from coproduce.io import (
    FORMATS,
    dump_log,
    dump_project,
    example_log_path,
    load_catalogue,
    load_entry,
    load_example,
    load_log,
    load_project,
    load_rate_card,
    to_data,
)
from coproduce.io._formats import serialise
from coproduce.model import InvolvementLog, Project, RateCard

# --------------------------------------------------------------------------- seeds

LOGGED = ("trial-patient-partners", "contested-policy")
"""The examples with a bundled log: their logs and entries are the log seeds."""


@cache
def _project(name: str) -> Project:
    return load_example(name)


@cache
def _log(name: str) -> InvolvementLog:
    return load_log(example_log_path(name), project=_project(name))


def _own_card() -> RateCard:
    plan = _project("contested-policy").costing
    assert plan is not None and plan.rate_card is not None
    return plan.rate_card


def _seed_data() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Per kind: ``(context, plain data)``; the context names the project it belongs to."""
    entries = [(n, to_data(e)) for n in LOGGED for e in _log(n).entries[:2]]
    for _, data in entries:
        data.pop("schema_version", None)
    return {
        "project": [
            (n, to_data(_project(n)))
            for n in ("one-stage", "contested-policy", "nothing-known", "patient-public-only")
        ],
        "log": [(n, to_data(_log(n))) for n in LOGGED],
        "entry": entries,
        "rate card": [("", to_data(_own_card())), ("", to_data(shipped_card()))],
        "catalogue": [("", to_data(_cat()))],
    }


def _cat() -> Any:
    from coproduce.catalogue import default

    return default()


def _text(data: dict[str, Any], fmt: str) -> str:
    """Document text of valid plain data (TOML drops nulls, as the writers do)."""
    return serialise(data, fmt)  # type: ignore[arg-type]


SEEDS = _seed_data()
KINDS = tuple(SEEDS)
TEXTS = {
    kind: [(context, fmt, _text(data, fmt).encode()) for context, data in seeds for fmt in FORMATS]
    for kind, seeds in SEEDS.items()
}

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
    b"!!timestamp x",
    b"!!timestamp 2026-01-31",
    b"!!binary aGk=",
    b"!!set {a}",
    b"!!bool x",
    b"\n",
    b"\n  ",
    b"- ",
    b"x-a.x-a.x-a.x-a",
    b"1: a\n",
    b"true: a\n",
    b"[[x]]\n",
    b"9" * 400,
    b"99999999999.9999",
    b"100000000000",
    b"1000001",
    b"1e30",
    b"0.000000001",
    b"<script>alert(1)</script>",
    b"[x](javascript:alert(1))",
    b"*em* _u_ `c` | # ",
]

TAGS = [
    b"!!timestamp ",
    b"!!timestamp 2026-01-31 #",
    b"!!bool ",
    b"!!int ",
    b"!!float ",
    b"!!binary ",
    b"!!null ",
    b"!!str ",
    b"!!set ",
    b"!!omap ",
    b"!!python/name:os.system ",
]
"""Explicit YAML tags, put before a value of a YAML document."""

# --------------------------------------------------------------------------- downstream


def _texts(*outputs: str) -> None:
    """Every output is text that UTF-8 can write (what a command prints or saves)."""
    for out in outputs:
        out.encode("utf-8")


Step = Callable[[], object]
"""One thing a command does with what it read; each runs whatever the others raised."""


def _costed(project: Project, rates: RateCard) -> list[Step]:
    """``cost`` and ``cost --fit`` in every format, and ``validate``'s costing check."""
    from coproduce.costing import cost, costing_problems, fit
    from coproduce.report import (
        costing_csv,
        costing_data,
        costing_html,
        costing_markdown,
        costing_text,
    )

    def priced() -> None:
        result = cost(project, rates=rates)
        if result is None:
            return
        _texts(costing_text(result), costing_csv(result))
        fitted = fit(project, rates=rates)
        _texts(
            costing_text(result, fitted),
            costing_markdown(result, fitted, title=project.title),
            costing_html(result, fitted, title=project.title),
            json.dumps(costing_data(result, fitted), ensure_ascii=False, allow_nan=False),
        )

    return [lambda: costing_problems(project, rates=rates, roles=True), priced]


def _appraised(project: Project, catalogue: Any = None) -> None:
    """``appraise`` in every format."""
    from coproduce.appraisal import appraise
    from coproduce.io import dump_appraisal
    from coproduce.report import FORMATS as REPORT_FORMATS
    from coproduce.report import render

    result = appraise(project, catalogue=catalogue)
    _texts(*(render(result, f, catalogue=catalogue) for f in REPORT_FORMATS))
    _texts(dump_appraisal(result, compact=True))


def _reports(project: Project) -> None:
    """``report --kind standards|application|gripp2`` in every format."""
    from coproduce.report.forms import KINDS as REPORT_KINDS
    from coproduce.report.forms import build
    from coproduce.report.forms import render as render_report

    for kind in REPORT_KINDS:
        report = build(kind, project)
        _texts(*(render_report(report, f) for f in ("markdown", "html", "json")))


def _batch(project: Project) -> None:
    """``appraise --batch``: the JSON line and the portfolio entry of the project."""
    from coproduce.cli._appraise import batch_line
    from coproduce.portfolio import Portfolio, appraise_many

    [outcome] = appraise_many([project])
    line, entry, _ = batch_line(outcome)
    folio = Portfolio()
    folio.add(entry)
    _texts(line, json.dumps(to_data(folio.summary()), allow_nan=False))


def _round_trips(project: Project) -> None:
    for fmt in ("json", "yaml"):
        assert load_project(dump_project(project, fmt), format=fmt) == project


def after_project(project: Project, context: str) -> list[Step]:
    """Everything the commands do with a project that loaded."""
    return [
        lambda: _appraised(project),
        *_costed(project, shipped_card()),
        lambda: _reports(project),
        lambda: _batch(project),
        lambda: _round_trips(project),
    ]


def _tracked(log: InvolvementLog, context: str) -> None:
    """``track``: the comparison and the re-appraisal, in every format."""
    from coproduce.report import tracking_html, tracking_markdown, tracking_text
    from coproduce.tracking import reappraise, track

    project = _project(context)
    again = reappraise(project, log)
    t = track(project, log, rates=shipped_card(), appraisal=again.before)
    _texts(*(r(t, again.comparison) for r in (tracking_text, tracking_markdown, tracking_html)))
    _texts(json.dumps({"t": to_data(t), "r": to_data(again.comparison)}, allow_nan=False))


def _portfolio(log: InvolvementLog, context: str) -> None:
    """``portfolio``: the project and its log as one row of the funder's view."""
    from coproduce.portfolio import TrackingPortfolio, track_one
    from coproduce.report import portfolio_html, portfolio_markdown, portfolio_text

    view = TrackingPortfolio()
    view.add(track_one("p", dump_project(_project(context)), dump_log(log)))
    s = view.summary()
    _texts(portfolio_text(s), portfolio_markdown(s), portfolio_html(s), json.dumps(to_data(s)))


def after_log(log: InvolvementLog, context: str) -> list[Step]:
    """``track`` and ``portfolio`` with a log that loaded against its project."""
    project = _project(context)
    return [
        lambda: _tracked(log, context),
        lambda: _portfolio(log, context),
        lambda: load_log(dump_log(log), project=project) == log or pytest.fail("round trip"),
    ]


def _appended(entry: Any, context: str) -> None:
    from coproduce.io import append_to_log

    project = _project(context)
    original = example_log_path(context).read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{context}.log.yaml"
        path.write_bytes(original)
        try:
            new = append_to_log(path, entry, project=project)
        except DocumentError:
            assert path.read_bytes() == original  # a refused entry leaves the log as it was
            raise
        assert load_log(path, project=project) == new


def after_entry(entry: Any, context: str) -> list[Step]:
    """``log add``: the entry appended to a copy of its log, which must read back."""
    return [lambda: _appended(entry, context)]


@cache
def _without_own_card(name: str) -> Project:
    """A bundled costed project without its own card: the card given prices every role."""
    import attrs

    project = _project(name)
    assert project.costing is not None
    return attrs.evolve(project, costing=attrs.evolve(project.costing, rate_card=None))


def after_card(card: RateCard, context: str) -> list[Step]:
    """``cost --rates`` and ``validate --rates`` with a card that loaded."""
    return [
        *_costed(_without_own_card("contested-policy"), card),
        *_costed(_project("patient-public-only"), card),
    ]


def _with_catalogue(catalogue: Any) -> None:
    from coproduce.catalogue import check as check_catalogue

    check_catalogue(catalogue)
    for name in ("contested-policy", "one-stage"):
        project = load_project(dump_project(_project(name)), catalogue=catalogue)
        _appraised(project, catalogue)


def after_catalogue(catalogue: Any, context: str) -> list[Step]:
    """``appraise --catalogue``: checked, then projects read against it and appraised."""
    return [lambda: _with_catalogue(catalogue)]


LOADERS: dict[str, Callable[..., Any]] = {
    "project": load_project,
    "entry": load_entry,
    "rate card": load_rate_card,
    "catalogue": load_catalogue,
}


def _loader(kind: str) -> Callable[..., Any]:
    """How a command reads a document of ``kind`` (a log: against its project)."""
    if kind == "log":
        return lambda source, context, **kw: load_log(source, project=_project(context), **kw)
    load = LOADERS[kind]
    return lambda source, context, **kw: load(source, **kw)


AFTER: dict[str, Callable[[Any, str], list[Step]]] = {
    "project": after_project,
    "log": after_log,
    "entry": after_entry,
    "rate card": after_card,
    "catalogue": after_catalogue,
}


def check(kind: str, context: str, source: Any, **kw: Any) -> None:
    """The property: refused with a DocumentError, or accepted and safe all the way down."""
    try:
        value = _loader(kind)(source, context, **kw)
    except DocumentError as exc:
        refused: DocumentError | None = exc
    else:
        refused = None
    if refused is not None:
        assert refused.issues or refused.omitted
        str(refused).encode("utf-8")
        return
    # an entry is appended as its data, as `log add` appends the file it read
    target = source if kind == "entry" and isinstance(source, dict) else value
    for step in AFTER[kind](target, context):
        try:
            step()
        except CoproduceError as exc:  # the documented root: a clean error, no traceback
            str(exc).encode("utf-8")


# --------------------------------------------------------------------------- mutants


@st.composite
def byte_mutants(draw: st.DrawFn, kind: str) -> tuple[str, str, bytes]:
    context, fmt, text = draw(st.sampled_from(TEXTS[kind]))
    data = bytearray(text)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "nasty", "tag"]))
        values = [n + 2 for n in range(len(data) - 1) if data[n : n + 2] == b": "]
        if op == "tag" and values:  # an explicit YAML tag before a value: key: !!bool text
            where = draw(st.sampled_from(values))
            data[where:where] = draw(st.sampled_from(TAGS))
        elif op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.sampled_from(NASTY))
    return context, fmt, bytes(data)


keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["title", "x-a", "stakeholders", "plan", "kind", "id", "x-a.b", "\ud800", "amount"]
    ),
    st.sampled_from(["hours", "people", "sessions", "budget", "role", "date", "entries"]),
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
    st.sampled_from([10**30, 10**400, 1_000_001, 99_999_999_999, 10_000_000]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "\ud800",
            "patient",
            "stage.recommendations",
            "high",
            "\x1b[31m",
            "12.12345",
            "99999999999.9999",
            "9" * 400,
            "2026-02-30",
            "<script>alert(1)</script> *x* [l](javascript:x)",
        ]
    ),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


class _Data(dict[Any, Any]):
    """A mutant's data, shown short: a whole catalogue would make Hypothesis's report huge."""

    def __repr__(self) -> str:
        text = repr(dict(self))
        return text if len(text) <= 4000 else f"{text[:2000]} ... {text[-1500:]}"


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
def dict_mutants(draw: st.DrawFn, kind: str) -> tuple[str, dict[Any, Any]]:
    context, seed = draw(st.sampled_from(SEEDS[kind]))
    data: dict[Any, Any] = json.loads(json.dumps(seed))
    containers = _containers(data, [])
    for _ in range(draw(st.integers(1, 4))):
        target: Any = draw(st.sampled_from(containers))
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
    return context, _Data(data)


EDGE_NUMBERS = [
    0,
    1,
    0.0001,
    0.5,
    1e-9,
    99_999_999_999.9999,
    "99999999999.9999",
    9_999_999.9999,
    "0.0001",
    1_000_000,
    1_000_001,
    10**11,
    -1,
]
"""Numbers at and past the bounds of money, hours and counts."""
HUGE = [10**30, 1e300, "9" * 400, "1" + "0" * 40, 10**7, 10**12]
"""Numbers far past every bound: drawn as often as all the others together."""
NUMBERS = st.one_of(st.sampled_from(EDGE_NUMBERS), st.sampled_from(HUGE))
EDGE_TEXTS = [
    "",
    " ",
    "- <script>alert(1)</script> *em* [l](javascript:x) | # `c` &amp;",
    "1. a list",
    "\x1b[31mred\x1b[0m \u202eevil",
    "é\u2028\u2029\ufeff\U0001f600\x85",
    "x" * 3000,
    "stage.recommendations",
    "2026-01-31",
    "GBP",
    "public-contributor",
]
"""Texts a person could write, and some no renderer should let through."""


def _leaves(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every ``(container, key)`` whose value is not a container."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for k, v in items:
        if isinstance(v, (dict, list)):
            _leaves(v, out)
        else:
            out.append((value, k))
    return out


@st.composite
def value_mutants(draw: st.DrawFn, kind: str) -> tuple[str, dict[Any, Any]]:
    """A seed with some values changed for others of their type: mostly still valid.

    Numbers go to the bounds and past them, texts to what a renderer must escape, lists
    lose, repeat or empty their items: these mutants are accepted often enough to test
    what runs after reading.
    """
    context, seed = draw(st.sampled_from(SEEDS[kind]))
    data: dict[Any, Any] = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 3)) == 0:  # a list: drop, repeat or empty it
            lists = [c for c in _containers(data, []) if isinstance(c, list) and c]
            if lists:
                target = draw(st.sampled_from(lists))
                op = draw(st.sampled_from(["drop", "repeat", "empty"]))
                if op == "drop":
                    del target[draw(st.integers(0, len(target) - 1))]
                elif op == "repeat":
                    target.append(json.loads(json.dumps(draw(st.sampled_from(target)))))
                else:
                    target.clear()
            continue
        leaves = _leaves(data, [])
        if not leaves:
            break
        container, key = draw(st.sampled_from(leaves))
        old = container[key]
        if isinstance(old, bool):
            container[key] = not old
        elif isinstance(old, (int, float)):
            container[key] = draw(NUMBERS)
        elif isinstance(old, str):
            container[key] = draw(st.sampled_from(EDGE_TEXTS) | st.text(max_size=30))
        else:  # a null: an amount not yet known, say
            container[key] = draw(NUMBERS | st.sampled_from([True, "x"]))
    return context, _Data(data)


def _as_text(data: dict[Any, Any], fmt: str) -> str | None:
    """The mutant as JSON, YAML or TOML text, or None if that format cannot hold it."""
    if fmt == "json":
        try:
            return json.dumps(data)  # int/float/bool/None keys become strings, NaN stays NaN
        except (TypeError, ValueError):  # a tuple key, an integer too long to write
            return None
    if fmt == "yaml":
        import yaml

        try:
            return yaml.safe_dump(data, allow_unicode=False)
        except (yaml.YAMLError, ValueError):
            return None
    import tomli_w

    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):  # a null, a key that is not a string
        return None


def _structure_check(kind: str, mutant: tuple[str, dict[Any, Any]], how: str) -> None:
    context, data = mutant[0], dict(mutant[1])  # a plain dict, as a program passes one
    if how == "dict":
        check(kind, context, data)
        return
    text = _as_text(data, how)
    if text is not None:
        check(kind, context, text, format=how)


# --------------------------------------------------------------------------- budgets

_SCALE = int(os.environ.get("COPRODUCE_FUZZ_EXAMPLES", "10000")) / 10000
"""``COPRODUCE_FUZZ_EXAMPLES`` over CI's 10,000: how much longer (or shorter) to run."""

# Examples per kind of mutant and kind of document in CI, sized by what one costs: about
# two minutes on two cores for all of them (an accepted catalogue is checked and appraises
# twice; an entry is appended to a file). The value mutants, mostly accepted, get the most:
# they are what tests the commands after reading.
BUDGET = {
    "bytes": {"project": 1500, "log": 700, "entry": 900, "rate card": 1200, "catalogue": 200},
    "keys": {"project": 700, "log": 400, "entry": 500, "rate card": 600, "catalogue": 100},
    "values": {"project": 2000, "log": 1000, "entry": 1000, "rate card": 2000, "catalogue": 200},
}
SHORT = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


def _long(family: str, kind: str) -> settings:
    """The settings of a long run of one kind of mutant of one kind of document."""
    return settings(
        max_examples=max(1, int(BUDGET[family][kind] * _SCALE)),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


HOWS = st.sampled_from(["dict", "json", "yaml", "toml"])

# --------------------------------------------------------------------------- short runs


@pytest.mark.parametrize("kind", KINDS)
def test_every_seed_is_accepted_and_safe_all_the_way_down(kind: str) -> None:
    """The seeds themselves, in every format and as data, load and take every path."""
    for context, fmt, text in TEXTS[kind]:
        _loader(kind)(text, context, format=fmt)
        check(kind, context, text, format=fmt)
    for context, data in SEEDS[kind]:
        check(kind, context, data)


@pytest.mark.parametrize("kind", KINDS)
def test_byte_mutants_raise_only_the_librarys_errors(kind: str) -> None:
    @SHORT
    @given(byte_mutants(kind))
    def run(mutant: tuple[str, str, bytes]) -> None:
        context, fmt, data = mutant
        check(kind, context, data, format=fmt)

    run()


@pytest.mark.parametrize("kind", KINDS)
def test_value_mutants_raise_only_the_librarys_errors(kind: str) -> None:
    @SHORT
    @given(value_mutants(kind), HOWS)
    def run(mutant: tuple[str, dict[Any, Any]], how: str) -> None:
        _structure_check(kind, mutant, how)

    run()


@pytest.mark.parametrize("kind", KINDS)
def test_key_and_type_mutants_raise_only_the_librarys_errors(kind: str) -> None:
    @SHORT
    @given(dict_mutants(kind), HOWS)
    def run(mutant: tuple[str, dict[Any, Any]], how: str) -> None:
        _structure_check(kind, mutant, how)

    run()


# --------------------------------------------------------------------------- long runs


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_byte_mutants_long(kind: str) -> None:
    @_long("bytes", kind)
    @given(byte_mutants(kind))
    def run(mutant: tuple[str, str, bytes]) -> None:
        context, fmt, data = mutant
        check(kind, context, data, format=fmt)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_value_mutants_long(kind: str) -> None:
    @_long("values", kind)
    @given(value_mutants(kind), HOWS)
    def run(mutant: tuple[str, dict[Any, Any]], how: str) -> None:
        _structure_check(kind, mutant, how)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_key_and_type_mutants_long(kind: str) -> None:
    @_long("keys", kind)
    @given(dict_mutants(kind), HOWS)
    def run(mutant: tuple[str, dict[Any, Any]], how: str) -> None:
        _structure_check(kind, mutant, how)

    run()
