"""Floors under issue #12's unmet rows: what a part of the work costs on its own.

Each function measures one piece that any implementation keeping the record classes as they
are (attrs classes, the public API) must pay, side by side with the row's own floor, so the
printed ratio says how much of a target that piece alone uses up:

- :func:`records_floor`: constructing the records an appraisal builds (those it does not
  share with the catalogue), and nothing else, against ``orjson.loads`` of its JSON;
- :func:`encoder_floor`: msgspec writing the records straight from the attrs objects
  (no conversion, no care for numbers), and indenting the text, against ``orjson.dumps``;
- :func:`class_building`: attrs building the record classes a first appraisal needs, in a
  fresh process, against importing what that appraisal imports of attrs and cattrs;
- :func:`hook_floors`: ``orjson.dumps`` of the records themselves through a ``default=``
  hook (what orjson can do on attrs records), beside ``orjson.dumps`` of the plain data.

Fresh processes (:class:`Fresh`) all run alike: bytecode cached in one temporary
``PYTHONPYCACHEPREFIX`` (written by a warm-up run, as after ``pip install``), whatever
``PYTHONDONTWRITEBYTECODE`` the caller has (CI sets it); runs interleaved, so that load on
the machine falls on each alike; every ratio printed with its spread over the runs.

Imported by ``benchmarks/run.py``; printed, never asserted.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import msgspec
import orjson

Timer = Callable[[Callable[[], object]], float]


def _records(value: object, out: dict[int, tuple[type, dict[str, Any]]]) -> None:
    """Every record reachable from ``value``, once each by identity, children first."""
    if isinstance(value, tuple):
        for item in value:
            _records(item, out)
        return
    cls = type(value)
    if not attrs.has(cls) or id(value) in out:
        return
    arguments = {}
    for field in attrs.fields(cls):
        child = getattr(value, field.name)
        _records(child, out)
        if field.init:
            arguments[field.alias] = child
    out[id(value)] = (cls, arguments)


def built_records(make: Callable[[], object]) -> list[tuple[type, dict[str, Any]]]:
    """The records ``make()`` builds afresh: those two calls do not share by identity.

    Each comes with the arguments that rebuild it (its children already built), so that
    timing ``cls(**arguments)`` over the list times the constructors and nothing else.
    """
    first: dict[int, tuple[type, dict[str, Any]]] = {}
    second: dict[int, tuple[type, dict[str, Any]]] = {}
    kept = make()
    _records(kept, first)
    again = make()
    _records(again, second)
    return [entry for key, entry in second.items() if key not in first]


def records_floor(make: Callable[[], object], floor: float, timer: Timer) -> tuple[int, float]:
    """How many records ``make()`` builds, and constructing them alone over ``floor``."""
    built = built_records(make)
    seconds = timer(lambda: [cls(**arguments) for cls, arguments in built])
    return len(built), seconds / floor


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    raise NotImplementedError(type(value))


_DIRECT = msgspec.json.Encoder(enc_hook=_number)


def encoder_floor(record: object, floor: float, timer: Timer) -> tuple[float, float]:
    """msgspec encoding ``record`` directly, and indenting that text, each over ``floor``.

    The direct text is not the document (numbers, defaults and ``x-`` keys are not written
    as the format says): it is the least any msgspec-based writer of the attrs records does.
    """
    raw = _DIRECT.encode(record)
    encode = timer(lambda: _DIRECT.encode(record))
    indent = timer(lambda: msgspec.json.format(raw, indent=2))
    return encode / floor, indent / floor


_COUNTING = """
import json, time
import attr._make as make
spent = [0.0, 0]
for name in ("__init__", "build_class"):
    original = getattr(make._ClassBuilder, name)
    def timed(self, *a, _original=original, _name=name, **k):
        t = time.perf_counter()
        try:
            return _original(self, *a, **k)
        finally:
            spent[0] += time.perf_counter() - t
            spent[1] += _name == "build_class"
    setattr(make._ClassBuilder, name, timed)
t = time.perf_counter()
exec(CODE)
print(json.dumps({"total": time.perf_counter() - t, "attrs": spent[0], "classes": spent[1]}))
"""


class Fresh:
    """Fresh interpreters, all with the same bytecode settings (see the module).

    Use as a context manager: the bytecode cache is a temporary directory, removed on exit.
    """

    def __init__(self) -> None:
        self._cache = tempfile.TemporaryDirectory(prefix="coproduce-bench-pycache-")
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = self._cache.name

    def __enter__(self) -> Fresh:
        return self

    def __exit__(self, *exc: object) -> None:
        self._cache.cleanup()

    def run(self, argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
        """Run ``argv`` (output captured), failing loudly if it fails."""
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, check=True)

    def times(self, commands: dict[str, Sequence[str]], runs: int) -> dict[str, list[float]]:
        """Wall seconds of each command over ``runs`` interleaved rounds, after a warm-up."""
        seen: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(runs + 1):  # the first writes the bytecode
            for name, argv in commands.items():
                t = time.perf_counter()
                self.run(argv)
                if round_:
                    seen[name].append(time.perf_counter() - t)
        return seen

    def imports(self, code: str, wanted: Iterable[str]) -> list[str]:
        """Those of ``wanted`` (top-level packages) that running ``code`` imports.

        Read from ``python -X importtime``, whose lines name every module imported.
        """
        done = self.run([sys.executable, "-X", "importtime", "-c", code])
        found = {
            line.rsplit("|", 1)[-1].strip().split(".")[0]
            for line in done.stderr.splitlines()
            if line.startswith("import time:")
        }
        return [name for name in wanted if name in found]


def anchor_imports(fresh: Fresh, code: str) -> str:
    """``import attrs``, and cattrs only if ``code`` imports cattrs: the anchor's code."""
    return "import " + ", ".join(fresh.imports(code, ("attrs", "cattrs")) or ["attrs"])


def spread(values: Sequence[float], unit: str = "x", scale: float = 1.0) -> str:
    """``min/median/max`` of ``values`` (times ``scale``), for printing beside a ratio."""
    low, mid, high = min(values), statistics.median(values), max(values)
    digits = 2 if unit == "x" else 1
    return "/".join(f"{v * scale:.{digits}f}" for v in (low, mid, high)) + f" {unit}"


def ratios(
    seen: dict[str, list[float]], name: str, anchor: str, less: str | None = None
) -> list[float]:
    """Round by round, ``name`` over ``anchor`` (each less ``less``'s time in that round)."""
    base = seen[less] if less is not None else [0.0] * len(seen[name])
    return [(t - e) / (a - e) for t, a, e in zip(seen[name], seen[anchor], base, strict=True)]


def class_building(fresh: Fresh, code: str, anchor: str, runs: int) -> dict[str, float] | None:
    """Time attrs spends building classes while ``code`` runs in a fresh process.

    The median over ``runs`` processes of the seconds in attrs' class builder, the classes
    built and the total seconds of ``code`` (``anchor``, the imports of attrs and cattrs
    that ``code`` makes, run before the clock starts). ``None`` if attrs' builder is not
    where this looks (it is attrs' private API).
    """
    script = anchor + "\nCODE = " + repr(code) + "\n" + _COUNTING
    seen: list[dict[str, float]] = []
    for _ in range(runs + 1):  # the first writes the bytecode
        try:
            done = fresh.run([sys.executable, "-c", script])
        except subprocess.CalledProcessError:
            return None
        seen.append(json.loads(done.stdout.splitlines()[-1]))
    seen = seen[1:]
    return {key: statistics.median(s[key] for s in seen) for key in seen[0]}


def _record_fields(cls: type) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _orjson_default(value: object) -> object:
    """orjson's ``default=``: an attrs record as a dict of its fields, a Decimal as a float."""
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        if not attrs.has(cls):
            if isinstance(value, Decimal):
                return float(value)
            raise TypeError(cls)
        names = _FIELDS[cls] = _record_fields(cls)
    return {name: getattr(value, name) for name in names}


def hook_floors(record: object, timer: Timer) -> tuple[float, float]:
    """Seconds of ``orjson.dumps`` of the records themselves, through a ``default=`` hook.

    The hook turns each record into a dict of all its fields as they are (defaults written,
    no ``x-`` keys, enums by value, amounts as floats): not the document, but what orjson
    does on attrs records. Compact, then indented (``OPT_INDENT_2``).
    """
    indent = orjson.OPT_INDENT_2
    return (
        timer(lambda: orjson.dumps(record, default=_orjson_default)),
        timer(lambda: orjson.dumps(record, default=_orjson_default, option=indent)),
    )
