"""Reading and writing documents against orjson on the same content (issues #12 and #28).

Imported by ``benchmarks/run.py``; printed, never asserted.
"""

from __future__ import annotations

import json
import statistics

import floors
import orjson
from timing import best_of, per_call, section

from coproduce import appraise
from coproduce.io import dump_project, examples, load_example, load_project


def io_section(budget: float, quick: bool) -> dict[str, float]:
    """Issue #12: reading and writing documents, against orjson on the same content.

    Returns the medians of the ratios (``dump``, ``hook``... as printed).
    """
    from coproduce.io import dump_appraisal, to_data

    section("reading and writing documents (issue #12), against orjson on the same content")
    print("dump: dump_appraisal (indented) / orjson.dumps of the converter's plain dicts;")
    print("hook: dump_appraisal / orjson.dumps of the records through default= (compact, and")
    print("      indented / OPT_INDENT_2); load: load_project / orjson.loads of the same bytes")
    print(
        f"{'document':24} {'KB out':>6} {'dumps µs':>8} {'dump':>6} {'compact':>7} "
        f"{'hook':>6} {'indent':>6} {'loads µs':>8} {'load':>6} {'end to end':>10}"
    )
    keys = ("dump", "compact", "hook", "hook indented", "load", "end")
    ratios: dict[str, list[float]] = {key: [] for key in keys}
    encoder: dict[str, list[float]] = {"encode": [], "indent": []}
    for name in examples():  # all of them, quick or not: a row each
        doc = dump_project(load_example(name)).encode()
        result = appraise(load_project(doc))
        plain = to_data(result)
        dumps = per_call(lambda plain=plain: orjson.dumps(plain), budget)
        loads = per_call(lambda doc=doc: orjson.loads(doc), budget)
        floor = per_call(
            lambda doc=doc, plain=plain: (orjson.loads(doc), orjson.dumps(plain)), budget
        )
        hook, hook_indented = floors.hook_floors(result, lambda f: per_call(f, budget))
        indented = per_call(lambda a=result: dump_appraisal(a), budget)
        compact = per_call(lambda a=result: dump_appraisal(a, compact=True), budget)
        row = {
            "dump": indented / dumps,
            "compact": compact / dumps,
            "hook": compact / hook,
            "hook indented": indented / hook_indented,
            "load": per_call(lambda doc=doc: load_project(doc), budget) / loads,
            "end": per_call(lambda doc=doc: dump_appraisal(appraise(load_project(doc))), budget)
            / floor,
        }
        for key, value in row.items():
            ratios[key].append(value)
        direct, indent = floors.encoder_floor(result, dumps, lambda f: per_call(f, budget))
        encoder["encode"].append(direct)
        encoder["indent"].append(indent)
        print(
            f"{name:24} {len(dump_appraisal(result)) / 1024:6.1f} {dumps * 1e6:8.1f} "
            f"{row['dump']:5.1f}x {row['compact']:6.1f}x {row['hook']:5.1f}x "
            f"{row['hook indented']:5.1f}x {loads * 1e6:8.1f} {row['load']:5.1f}x "
            f"{row['end']:9.1f}x"
        )
    medians = {key: statistics.median(values) for key, values in ratios.items()}
    _io_medians(medians, encoder)
    size_scaling(quick)
    return medians


def _io_medians(medians: dict[str, float], encoder: dict[str, list[float]]) -> None:
    targets = {
        "dump": ("dump_appraisal / orjson.dumps of the same plain dicts", "<= 3x"),
        "compact": ("dump_appraisal(compact=True) / orjson.dumps", "none"),
        "hook": ("dump_appraisal(compact=True) / orjson.dumps(records, default=)", "none"),
        "hook indented": ("dump_appraisal / orjson.dumps(records, default=, indent)", "none"),
        "load": ("load_project(bytes) / orjson.loads of the same bytes", "<= 4x"),
        "end": ("bytes -> appraisal JSON / orjson.loads + orjson.dumps", "<= 10x"),
    }
    for key, (what, target) in targets.items():
        print(f"median {what:62} {medians[key]:6.1f}x  (target {target})")
    print(
        f"  floor of an indented document: msgspec encoding the attrs records directly "
        f"{statistics.median(encoder['encode']):.1f}x + msgspec.json.format "
        f"{statistics.median(encoder['indent']):.1f}x (median, over orjson.dumps)"
    )


def size_scaling(quick: bool) -> None:
    """Reading and writing grow linearly with a document: once a timed test, now a row here."""
    base = json.loads(dump_project(load_example("contested-policy")))
    base.pop("costing", None)  # it costs the example's own plan lines, replaced below
    stakeholder, involvement = base["stakeholders"][0], base["plan"][0]

    def document(n: int, fmt: str) -> str | bytes:
        doc = dict(base)
        doc["stakeholders"] = [dict(stakeholder, id=f"s{i}") for i in range(n)]
        doc["plan"] = [dict(involvement, stakeholder=f"s{i}") for i in range(n)]
        return dump_project(load_project(doc), fmt)  # type: ignore[arg-type]

    print("read + write per stakeholder as a document grows (linear is 1x; 8x the size):")
    for fmt, small in (("json", 250 if quick else 2_000), ("yaml", 60 if quick else 500)):
        per = []
        for n in (small, 8 * small):
            text = document(n, fmt)
            seconds = best_of(
                lambda t=text, f=fmt: dump_project(load_project(t, format=f), f),  # type: ignore[arg-type]
                3,
            )
            per.append(seconds / n)
        print(
            f"  {fmt:5} {small:6,d} -> {8 * small:6,d} stakeholders: "
            f"{per[0] * 1e6:6.1f} -> {per[1] * 1e6:6.1f} µs each ({per[1] / per[0]:4.2f}x)"
        )
