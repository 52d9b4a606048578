"""Benchmarks: every ratio of issue #6, measured side by side in one run. Printed, never asserted.

Usage (with the project's environment, which has coproduce and orjson: ``pip install -e .
--group test``):
    .venv/bin/python benchmarks/run.py            # full: 100,000 documents end to end
    .venv/bin/python benchmarks/run.py --quick    # a short run, as CI does
    .venv/bin/python benchmarks/run.py --only costing   # issue #11: cost and fit against appraise

The floor is ``orjson.loads`` of the same document bytes: what merely parsing costs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from typing import Any

try:
    import attrs
    import floors
    import orjson
    import processes
    from reading_writing import io_section
    from timing import best_of, per_call, rss_mb, section, stream

    from coproduce import appraise, default_catalogue
    from coproduce.cli import _batch_line
    from coproduce.costing import cost, fit
    from coproduce.io import dump_project, examples, load_example, load_project
    from coproduce.model import (
        Aim,
        ConditionSetting,
        CostingPlan,
        Expense,
        ExpenseBasis,
        ExpenseKind,
        Governance,
        Involvement,
        InvolvementCosting,
        Lean,
        Level,
        Lighter,
        Mode,
        Motivation,
        Project,
        Rate,
        RateCard,
        RateUnit,
        Researcher,
        Resources,
        Stakeholder,
        StakeholderKind,
        Sufficiency,
        TeamTime,
    )
    from coproduce.portfolio import Portfolio, appraise_many
except ModuleNotFoundError as exc:  # a Python without the project's environment
    sys.exit(
        f"benchmarks/run.py: no module {exc.name!r}; run it with the project's environment: "
        ".venv/bin/python benchmarks/run.py (after .venv/bin/python -m pip install -e . "
        "--group test)"
    )


def generated(n_stakeholders: int, n_stages: int = 7, seed: int = 0) -> Project:
    """A project with ``n_stakeholders`` stakeholders, each involved at two of ``n_stages``."""
    rng = random.Random(seed)
    kinds = list(StakeholderKind)
    stages = [s.id for s in default_catalogue().stages][:n_stages]
    people = tuple(
        Stakeholder(
            id=f"s{i:05d}",
            kind=kinds[i % len(kinds)],
            power=rng.choice(list(Level)),
            interest=rng.choice(list(Level)),
            familiar=rng.random() < 0.1,
            reimbursed=rng.random() < 0.5,
        )
        for i in range(n_stakeholders)
    )
    plan = tuple(
        Involvement(stage=stage, stakeholder=p.id, mode=rng.choice(list(Mode)), aims=("a1",))
        for p in people
        for stage in sorted(set(rng.sample(stages, min(2, len(stages)))))
    )
    return Project(
        title=f"generated: {n_stakeholders} stakeholders, {n_stages} stages",
        aims=(Aim(id="a1", description="findings used", motivations=(Motivation.INSTRUMENTAL,)),),
        stakeholders=people,
        researchers=(Researcher(id="r1", carries_engagement=True),),
        plan=plan,
        conditions=tuple(
            ConditionSetting(condition=c.id, lean=rng.choice(list(Lean)))
            for c in default_catalogue().conditions
        ),
        resources=Resources(time=Sufficiency.LIMITED, budget=Sufficiency.ADEQUATE),
        governance=Governance(publication_agreement=False),
        identifiable_data=True,
    )


def _costing_of(plan: tuple[Involvement, ...], rng: random.Random) -> CostingPlan:
    """Every line of ``plan`` costed: members paid by the hour, travel, a coordinator's time."""
    card = RateCard(
        id="bench",
        currency="GBP",
        rates=(
            Rate(role="member", unit=RateUnit.HOUR, amount=Decimal("20.00")),
            Rate(role="coordinator", unit=RateUnit.HOUR, amount=Decimal("31.50")),
        ),
    )
    travel = Expense(
        kind=ExpenseKind.TRAVEL, amount=Decimal("9.50"), basis=ExpenseBasis.PERSON_SESSION
    )
    return CostingPlan(
        currency="GBP",
        rate_card=card,
        involvements=tuple(
            InvolvementCosting(
                stage=i.stage,
                stakeholder=i.stakeholder,
                people=rng.randint(1, 8),
                sessions=rng.randint(1, 4),
                hours=Decimal(rng.randint(2, 8)) / 2,
                role="member",
                expenses=(travel,),
                team=(TeamTime(researcher="r", hours=Decimal(2), role="coordinator"),),
                lighter=Lighter(people=1) if rng.random() < 0.5 else None,
            )
            for i in plan
        ),
    )


def costed(n_involvements: int, n_aims: int = 6, seed: int = 0) -> Project:
    """A project whose plan has ``n_involvements`` lines (7 stages), every one costed."""
    rng = random.Random(seed)
    stages = [s.id for s in default_catalogue().stages]
    n_people = -(-n_involvements // len(stages))
    kinds = [StakeholderKind.PATIENT, StakeholderKind.PUBLIC, StakeholderKind.PRACTITIONER]
    people = tuple(Stakeholder(id=f"s{i:05d}", kind=kinds[i % len(kinds)]) for i in range(n_people))
    aims = tuple(
        Aim(id=f"a{i}", description="", motivations=(Motivation.SUBSTANTIVE,))
        for i in range(n_aims)
    )
    plan = tuple(
        Involvement(
            stage=stage,
            stakeholder=s.id,
            mode=rng.choice(list(Mode)),
            aims=(f"a{rng.randrange(n_aims)}",),
        )
        for s, stage in itertools.islice(itertools.product(people, stages), n_involvements)
    )
    costing = _costing_of(plan, rng)
    project = Project(
        title="costed",
        aims=aims,
        stakeholders=people,
        researchers=(Researcher(id="r"),),
        plan=plan,
        costing=costing,
    )
    drawn = cost(project)
    assert drawn is not None
    budget = (drawn.grant_money * Decimal("0.4")).quantize(Decimal("0.01"))
    return attrs.evolve(project, costing=attrs.evolve(costing, budget=budget))


def costing_section(budget: float, quick: bool) -> None:
    section("costing and the plan that fits, against appraise on the same project")
    print(
        f"{'project':24} {'appraise ms':>11} {'cost ms':>8} {'ratio':>6} {'fit ms':>8} {'ratio':>6}"
    )
    cases = [(n, load_example(n)) for n in examples() if load_example(n).costing is not None]
    sizes = (100, 1_000) if quick else (100, 1_000, 10_000)
    cases += [(f"generated-{n}", costed(n)) for n in sizes]
    for name, project in cases:
        big = len(project.plan) >= 1_000
        if big:
            engine = best_of(lambda p=project: appraise(p), 3)
            priced = best_of(lambda p=project: cost(p), 3)
            fitted = best_of(lambda p=project: fit(p), 3)
        else:
            engine = per_call(lambda p=project: appraise(p), budget)
            priced = per_call(lambda p=project: cost(p), budget)
            fitted = per_call(lambda p=project: fit(p), budget)
        print(
            f"{name:24} {engine * 1e3:11.2f} {priced * 1e3:8.2f} {priced / engine:5.2f}x "
            f"{fitted * 1e3:8.2f} {fitted / engine:5.2f}x"
        )


def tracking_section(quick: bool) -> None:
    """The funder's portfolio view: projects with logs, streamed, its memory and time."""
    from coproduce.portfolio import TrackingPortfolio, track_many
    from coproduce.report import portfolio_html
    from coproduce.testing import portfolio_items

    section("portfolio view: projects with involvement logs, planned against actual, streamed")
    print(f"{'projects':>9} {'seconds':>8} {'ms each':>8} {'peak MB (traced)':>17} {'rss MB':>7}")
    for n in (300, 1_000) if quick else (1_000, 10_000):
        view = TrackingPortfolio()
        tracemalloc.start()
        t = time.perf_counter()
        for entry in track_many(portfolio_items(n)):
            view.add(entry)
        html = portfolio_html(view.summary())
        elapsed = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{n:9,d} {elapsed:8.2f} {elapsed / n * 1e3:8.2f} {peak:17.1f} {rss_mb():7.0f}")
        assert html.lower().startswith("<!doctype html>")


def pool(size: int = 256, seed: int = 2019) -> list[bytes]:
    """Distinct documents varied from the bundled examples (plans, Table 2 leans)."""
    rng = random.Random(seed)
    bases = [load_example(name) for name in examples()]
    conditions = [c.id for c in default_catalogue().conditions]
    docs = []
    for i in range(size):
        base = rng.choice(bases)
        plan = tuple(inv for inv in base.plan if rng.random() < 0.85)
        costing = base.costing
        if costing is not None:  # cost only the lines kept: a costed line must be planned
            kept = {(inv.stage, inv.stakeholder) for inv in plan}
            lines = tuple(c for c in costing.involvements if (c.stage, c.stakeholder) in kept)
            costing = attrs.evolve(costing, involvements=lines)
        project = attrs.evolve(
            base,
            title=f"{base.title} #{i}",
            plan=plan,
            costing=costing,
            conditions=tuple(
                ConditionSetting(condition=c, lean=rng.choice(list(Lean))) for c in conditions
            ),
        )
        docs.append(dump_project(project).encode())
    return docs


def engine_section(budget: float, quick: bool) -> None:
    """Issue #12, the engine: appraise against materialising its answer, first use, scale."""
    from coproduce.io import dump_appraisal

    section("engine: appraise against orjson.loads of the appraisal's own JSON")
    print(
        f"{'example':24} {'JSON KB':>7} {'orjson µs':>9} {'appraise µs':>11} {'ratio':>6}  "
        f"{'records built':>13} {'their constructors':>18}"
    )
    ratios, constructors = [], []
    for name in examples():
        project = load_example(name)
        answer = dump_appraisal(appraise(project)).encode()
        floor = per_call(lambda a=answer: orjson.loads(a), budget)
        engine = per_call(lambda p=project: appraise(p), budget)
        built, records = floors.records_floor(
            lambda p=project: appraise(p), floor, lambda f: per_call(f, budget)
        )
        ratios.append(engine / floor)
        constructors.append(records)
        print(
            f"{name:24} {len(answer) / 1e3:7.1f} {floor * 1e6:9.1f} {engine * 1e6:11.1f} "
            f"{engine / floor:5.2f}x  {built:13d} {records:17.2f}x"
        )
    print(
        f"median appraise / orjson.loads of its answer: {statistics.median(ratios):5.2f}x "
        "(target <= 3x)"
    )
    print(
        f"  of which the records' constructors alone:  {statistics.median(constructors):5.2f}x "
        "(the attrs records an appraisal builds, called with their finished arguments)"
    )

    section("engine at scale: advice and costing")
    big = generated(1_000)
    print(
        f"appraise, {len(big.stakeholders):,} stakeholders, {len(big.plan):,} involvements: "
        f"{best_of(lambda: appraise(big), 3) * 1e3:8.1f} ms"
    )
    large = costed(10_000)
    print(f"{len(large.stakeholders):,} stakeholders, {len(large.plan):,} involvements, costed:")
    for label, fn in (("appraise", appraise), ("cost", cost), ("fit", fit)):
        print(f"  {label:9} {best_of(lambda f=fn: f(large), 3) * 1e3:8.1f} ms")


def parallel_section(sample: list[bytes], n_docs: int, quick: bool) -> None:
    """One process against two workers: whole appraisals, portfolio entries, JSON lines."""
    section("speed-up on 2 worker processes (best of each; parent: its CPU over the 2-worker run)")
    n_par = min(n_docs, 3_000 if quick else 10_000)
    for label, then in (
        ("whole appraisals back to the parent", None),
        ("portfolio entries back (then=Portfolio.entry)", Portfolio.entry),
        ("JSON lines back (then=, as coproduce appraise --batch)", _batch_line),
    ):
        one = two = parent = float("inf")
        with ProcessPoolExecutor(2) as executor:
            sum(1 for _ in appraise_many(stream(sample, 64), executor=executor))  # warm up
            # Best of 2 or 3, interleaved: any other process on a 2-core machine slows the
            # two workers and not the one process, so a single run says more about the box.
            for _ in range(2 if quick else 3):
                t = time.perf_counter()
                sum(1 for _ in appraise_many(stream(sample, n_par), chunksize=64, then=then))
                one = min(one, time.perf_counter() - t)
                t, cpu = time.perf_counter(), time.process_time()
                sum(
                    1
                    for _ in appraise_many(
                        stream(sample, n_par), executor=executor, chunksize=64, then=then
                    )
                )
                if time.perf_counter() - t < two:
                    two = time.perf_counter() - t
                    parent = (time.process_time() - cpu) / two
        print(
            f"{label:55} {n_par:,} docs: 1 process {one:5.1f} s, 2 workers {two:5.1f} s "
            f"(parent {parent:4.0%}): {one / two:.2f}x"
            + (" (target >= 1.85x, issue #12)" if then is _batch_line else "")
        )


def per_document_section(budget: float) -> None:
    section("load and appraise, per document, against orjson.loads of the same bytes")
    print(
        f"{'document':22} {'bytes':>6} {'orjson µs':>9} {'load':>8} {'ratio':>6} "
        f"{'appraise':>9} {'ratio':>6} {'both':>8} {'ratio':>6}"
    )
    docs = [(name, dump_project(load_example(name)).encode()) for name in examples()]
    docs.append(("generated-100", dump_project(generated(100)).encode()))
    ratios: dict[str, list[float]] = {"load": [], "appraise": [], "both": []}
    for name, doc in docs:
        project = load_project(doc)
        floor = per_call(lambda doc=doc: orjson.loads(doc), budget)
        load = per_call(lambda doc=doc: load_project(doc), budget)
        engine = per_call(lambda project=project: appraise(project), budget)
        both = per_call(lambda doc=doc: appraise(load_project(doc)), budget)
        for key, value in (("load", load), ("appraise", engine), ("both", both)):
            ratios[key].append(value / floor)
        print(
            f"{name:22} {len(doc):6d} {floor * 1e6:9.1f} {load * 1e6:8.1f} {load / floor:5.1f}x "
            f"{engine * 1e6:9.1f} {engine / floor:5.1f}x {both * 1e6:8.1f} {both / floor:5.1f}x"
        )
    for key, target in (("load", 2.5), ("appraise", 3.0), ("both", 6.0)):
        print(
            f"median {key:8} / orjson: {statistics.median(ratios[key]):6.1f}x  "
            f"(issue #6's target <= {target}x)"
        )


def scaling_section(budget: float, quick: bool) -> list[float]:
    """Appraise as the project grows tenfold; returns each step's ratio to the one before.

    In CPU time of this process (the best of several), which other processes on the
    machine disturb less than wall time; the ratios are what is compared.
    """
    section("scaling: appraise CPU time as the project grows (issue #28: <= 11x per tenfold)")
    previous, steps = 0.0, []
    cpu = time.process_time
    for n in (10, 100, 1000, 10_000):
        project = generated(n)
        if n < 10_000:
            t = per_call(lambda project=project: appraise(project), budget, cpu)
        else:
            t = best_of(lambda project=project: appraise(project), 2 if quick else 3, cpu)
        step = f"{t / previous:5.1f}x the time for a tenth" if previous else "the base"
        print(f"{n:6,d} stakeholders: {t * 1e3:9.2f} ms  ({step})")
        if previous:
            steps.append(t / previous)
        previous = t
    first = 0.0
    for stages in (1, 4, 7):
        project = generated(100, n_stages=stages)
        t = per_call(lambda project=project: appraise(project), budget)
        first = first or t
        print(f"{stages:5d} stages (100 stakeholders): {t * 1e3:8.2f} ms  ({t / first:4.1f}x)")
    return steps


def end_to_end_section(sample: list[bytes], n_docs: int) -> float:
    """Documents read, appraised and written as JSON lines in one process, as the batch does.

    Returns documents per second of this process's CPU time: per core, and less sensitive
    than wall time to other processes on the machine (both are printed).
    """
    section(f"end to end: {n_docs:,} documents, one process, streamed, one JSON line each")
    t = time.perf_counter()
    for doc in stream(sample, n_docs):
        orjson.loads(doc)
    floor_total = time.perf_counter() - t
    marks: list[float] = []
    t, cpu = time.perf_counter(), time.process_time()
    done = bad = 0
    for _line, _entry, problems in appraise_many(
        stream(sample, n_docs), chunksize=64, then=_batch_line
    ):
        done += 1
        bad += bool(problems)
        if done in (n_docs // 10, n_docs):
            marks.append(rss_mb())
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{done:,} documents ({bad} invalid) in {elapsed:.1f} s: {elapsed / done * 1e6:.0f} µs "
        f"each, {elapsed / floor_total:.1f}x the orjson floor"
    )
    print(
        f"documents/s/core: {done / cpu:,.0f} per CPU second, {done / elapsed:,.0f} per second "
        "of wall time (target >= 1,000, issue #28)"
    )
    print(
        f"resident memory at 10%: {marks[0]:.0f} MB, at 100%: {marks[-1]:.0f} MB "
        f"(growth {marks[-1] - marks[0]:+.0f} MB); peak {peak:.0f} MB"
    )
    return done / cpu


def _goal(met: bool) -> str:
    return "met" if met else "NOT met"


def closing(figures: dict[str, Any]) -> None:
    """Every figure of issue #28 in one place, each with its goal."""
    section("issue #28's figures (this run; load on the machine slows every one)")
    rate, steps = figures["rate"], figures["steps"]
    print(
        f"documents/s/core end to end:      {rate:7,.0f}      goal >= 1,000: {_goal(rate >= 1000)}"
    )
    print(
        "tenfold steps 10 -> 10,000:       "
        + " ".join(f"{s:4.1f}x" for s in steps)
        + f"  goal <= 11x each: {_goal(max(steps) <= 11)}"
    )
    first = figures["first"]
    print(
        f"first appraise / import attrs:     {first:5.2f}x      goal <= 1.5x: {_goal(first <= 1.5)}"
    )
    io = figures["io"]
    print(
        f"dump_appraisal / orjson.dumps:     {io['dump']:5.2f}x plain dicts (goal <= 3x: "
        f"{_goal(io['dump'] <= 3)}), {io['hook']:5.2f}x the records through default= "
        f"(compact; {io['hook indented']:4.2f}x indented)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run, as in CI")
    parser.add_argument("--documents", type=int, help="documents end to end (default 100000)")
    parser.add_argument(
        "--only",
        choices=["costing", "tracking"],
        help="run one section only (costing: cost and fit; tracking: the portfolio view)",
    )
    args = parser.parse_args(argv)
    budget = 0.3 if args.quick else 2.0
    if args.only == "costing":
        costing_section(budget, args.quick)
        return 0
    if args.only == "tracking":
        tracking_section(args.quick)
        return 0
    n_docs = args.documents or (3_000 if args.quick else 100_000)
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"{'quick' if args.quick else 'full'} run"
    )
    per_document_section(budget)
    figures: dict[str, Any] = {"steps": scaling_section(budget, args.quick)}
    costing_section(budget, args.quick)
    engine_section(budget, args.quick)
    tracking_section(args.quick)
    figures["io"] = io_section(budget, args.quick)
    sample = pool()
    figures["rate"] = end_to_end_section(sample, n_docs)
    parallel_section(sample, n_docs, args.quick)
    figures.update(processes.first_use_section(args.quick))
    processes.process_section(args.quick)
    closing(figures)
    print(json.dumps({"quick": args.quick, "documents": n_docs}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
