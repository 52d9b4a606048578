"""Benchmark: microseconds per appraisal, as a ratio to ``orjson.loads`` of the same document.

Run ``python benchmarks/bench_appraise.py`` (``--quick`` for a short CI run). Prints, for each
example project and for a generated 100-stakeholder project: document size, the floor
(``orjson.loads`` of the document's bytes), the appraisal alone, load + appraise, and ratios.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from coproduce import appraise, default_catalogue
from coproduce.io import dump_project, examples, load_example, load_project
from coproduce.model import (
    Aim,
    ConditionSetting,
    Governance,
    Involvement,
    Lean,
    Level,
    Mode,
    Motivation,
    Project,
    Researcher,
    Resources,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
)

ROOT = Path(__file__).resolve().parent.parent


def per_call(fn: Callable[[], object], budget: float) -> float:
    """Best-of-5 mean seconds per call, each round running for about ``budget / 5`` seconds."""
    fn()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < budget / 50:
        fn()
        n += 1
    n = max(n * 10, 1)
    rounds = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        rounds.append((time.perf_counter() - t) / n)
    return min(rounds)


def big_project(n_stakeholders: int, n_stages: int = 7) -> Project:
    kinds = list(StakeholderKind)
    stages = [s.id for s in default_catalogue().stages][:n_stages]
    stakeholders = tuple(
        Stakeholder(
            id=f"s{i:04d}",
            kind=kinds[i % len(kinds)],
            power=list(Level)[i % 3],
            interest=list(Level)[(i // 3) % 3],
            familiar=i % 7 == 0,
            reimbursed=i % 2 == 0,
        )
        for i in range(n_stakeholders)
    )
    plan = tuple(
        Involvement(
            stage=stages[(i + j) % len(stages)],
            stakeholder=s.id,
            mode=list(Mode)[(i + j) % 6],
            aims=("a1",),
        )
        for i, s in enumerate(stakeholders)
        for j in range(2 if len(stages) > 1 else 1)
    )
    return Project(
        title=f"generated, {n_stakeholders} stakeholders",
        aims=(Aim(id="a1", description="use", motivations=(Motivation.INSTRUMENTAL,)),),
        stakeholders=stakeholders,
        researchers=(Researcher(id="r1", carries_engagement=True),),
        plan=plan,
        conditions=tuple(
            ConditionSetting(condition=c.id, lean=list(Lean)[i % 3])
            for i, c in enumerate(default_catalogue().conditions)
        ),
        resources=Resources(time=Sufficiency.LIMITED, budget=Sufficiency.ADEQUATE),
        governance=Governance(publication_agreement=False),
        identifiable_data=True,
    )


def row(name: str, doc: bytes, budget: float) -> tuple[str, int, float, float, float, float]:
    project = load_project(doc)
    floor = per_call(lambda: orjson.loads(doc), budget)
    load = per_call(lambda: load_project(doc), budget)
    engine = per_call(lambda: appraise(project), budget)
    end_to_end = per_call(lambda: appraise(load_project(doc)), budget)
    return name, len(doc), floor, load, engine, end_to_end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run for CI")
    args = parser.parse_args(argv)
    budget = 0.2 if args.quick else 2.0
    docs = [(name, dump_project(load_example(name)).encode()) for name in examples()]
    docs.append(("generated-100", dump_project(big_project(100)).encode()))
    rows = [row(name, doc, budget) for name, doc in docs]
    print(
        f"{'document':22} {'bytes':>6} {'orjson µs':>9} {'load µs':>8} {'ratio':>6} "
        f"{'appraise µs':>11} {'ratio':>6} {'both µs':>8} {'ratio':>6}"
    )
    for name, size, floor, load, engine, e2e in rows:
        print(
            f"{name:22} {size:6d} {floor * 1e6:9.1f} {load * 1e6:8.1f} {load / floor:5.1f}x "
            f"{engine * 1e6:11.1f} {engine / floor:5.1f}x {e2e * 1e6:8.1f} {e2e / floor:5.1f}x"
        )
    for label, index in (("load", 3), ("appraise", 4), ("load+appraise", 5)):
        ratios = [r[index] / r[2] for r in rows]
        print(f"median {label}/orjson ratio: {statistics.median(ratios):.1f}x")
    print(json.dumps({"python": sys.version.split()[0], "quick": args.quick}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
