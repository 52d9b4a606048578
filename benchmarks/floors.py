"""Floors under issue #12's unmet rows: what a part of the work costs on its own.

Each function measures one piece that any implementation keeping the record classes as they
are (attrs classes, the public API) must pay, side by side with the row's own floor, so the
printed ratio says how much of a target that piece alone uses up:

- :func:`records_floor`: constructing the records an appraisal builds (those it does not
  share with the catalogue), and nothing else, against ``orjson.loads`` of its JSON;
- :func:`encoder_floor`: msgspec writing the records straight from the attrs objects
  (no conversion, no care for numbers), and indenting the text, against ``orjson.dumps``;
- :func:`class_building`: attrs building the record classes a first appraisal needs, in a
  fresh process, against ``import attrs, cattrs``.

Imported by ``benchmarks/run.py``; printed, never asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import msgspec

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


def class_building(code: str, runs: int) -> dict[str, float] | None:
    """Time attrs spends building classes while ``code`` runs in a fresh process.

    The median over ``runs`` processes of the seconds in attrs' class builder, the classes
    built and the total seconds of ``code`` (attrs and cattrs imported before the clock
    starts). ``None`` if attrs' builder is not where this looks (it is attrs' private API).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    script = "import attrs, cattrs\nCODE = " + repr(code) + "\n" + _COUNTING
    seen: list[dict[str, float]] = []
    for _ in range(runs + 1):  # the first writes the bytecode
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return None
        seen.append(json.loads(done.stdout.splitlines()[-1]))
    seen = seen[1:]
    return {key: sorted(s[key] for s in seen)[len(seen) // 2] for key in seen[0]}
