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
from coproduce.io import dump_project, load_project
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


def row(name: str, doc: bytes, budget: float) -> tuple[str, int, float, float, float]:
    project = load_project(doc)
    floor = per_call(lambda: orjson.loads(doc), budget)
    engine = per_call(lambda: appraise(project), budget)
    end_to_end = per_call(lambda: appraise(load_project(doc)), budget)
    return name, len(doc), floor, engine, end_to_end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run for CI")
    args = parser.parse_args(argv)
    budget = 0.2 if args.quick else 2.0
    docs = [
        (p.stem, p.read_bytes()) for p in sorted((ROOT / "examples" / "projects").glob("*.json"))
    ]
    docs.append(("generated-100", dump_project(big_project(100)).encode()))
    rows = [row(name, doc, budget) for name, doc in docs]
    print(
        f"{'document':22} {'bytes':>7} {'orjson µs':>10} {'appraise µs':>12} {'ratio':>7} "
        f"{'load+appraise µs':>17} {'ratio':>7}"
    )
    for name, size, floor, engine, e2e in rows:
        print(
            f"{name:22} {size:7d} {floor * 1e6:10.1f} {engine * 1e6:12.1f} "
            f"{engine / floor:6.1f}x {e2e * 1e6:17.1f} {e2e / floor:6.1f}x"
        )
    ratios = [engine / floor for _, _, floor, engine, _ in rows]
    print(f"median appraise/orjson ratio: {statistics.median(ratios):.1f}x")
    print(json.dumps({"python": sys.version.split()[0], "quick": args.quick}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
