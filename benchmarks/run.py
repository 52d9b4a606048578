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
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

try:
    import attrs
    import floors
    import orjson

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


def per_call(fn: Callable[[], object], budget: float) -> float:
    """Seconds per call: the best of 5 rounds, each about ``budget / 5`` long."""
    fn()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < budget / 25:
        fn()
        n += 1
    n = max(n * 5, 1)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t) / n)
    return best


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
    card = RateCard(
        id="bench",
        currency="GBP",
        rates=(
            Rate(role="member", unit=RateUnit.HOUR, amount=Decimal("20.00")),
            Rate(role="coordinator", unit=RateUnit.HOUR, amount=Decimal("31.50")),
        ),
    )
    costing = CostingPlan(
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
                expenses=(
                    Expense(
                        kind=ExpenseKind.TRAVEL,
                        amount=Decimal("9.50"),
                        basis=ExpenseBasis.PERSON_SESSION,
                    ),
                ),
                team=(TeamTime(researcher="r", hours=Decimal(2), role="coordinator"),),
                lighter=Lighter(people=1) if rng.random() < 0.5 else None,
            )
            for i in plan
        ),
    )
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


def best_of(fn: Callable[[], object], runs: int) -> float:
    """Seconds for one call: the best of ``runs`` (for calls too slow for :func:`per_call`)."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


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
    from coproduce.report._tracking import portfolio_html
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
        assert html.startswith("<!DOCTYPE html>")


def pool(size: int = 256, seed: int = 2019) -> list[bytes]:
    """Distinct documents varied from the bundled examples (plans, Table 2 leans)."""
    rng = random.Random(seed)
    bases = [load_example(name) for name in examples()]
    conditions = [c.id for c in default_catalogue().conditions]
    docs = []
    for i in range(size):
        base = rng.choice(bases)
        project = attrs.evolve(
            base,
            title=f"{base.title} #{i}",
            plan=tuple(inv for inv in base.plan if rng.random() < 0.85),
            conditions=tuple(
                ConditionSetting(condition=c, lean=rng.choice(list(Lean))) for c in conditions
            ),
        )
        docs.append(dump_project(project).encode())
    return docs


def stream(docs: list[bytes], n: int) -> Iterator[bytes]:
    """``n`` documents, cycling through ``docs``: nothing new is held in memory."""
    return itertools.islice(itertools.cycle(docs), n)


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def section(title: str) -> None:
    print(f"\n== {title}")


def command_time(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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

    # A fresh interpreter, bytecode cached as an installed package has it (one warm-up run
    # writes it), less an empty run: the first appraise builds the engine and the catalogue.
    first_code = (
        "import coproduce as c; c.appraise(c.Project(title='t', "
        "stakeholders=(c.Stakeholder(id='m', kind=c.StakeholderKind.POLICY_MAKER),), "
        "plan=(c.Involvement(stage='stage.recommendations', stakeholder='m', "
        "mode=c.Mode.PARTNERSHIP),)))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = 7 if quick else 21
    times: dict[str, list[float]] = {"pass": [], "import attrs, cattrs": [], first_code: []}
    for code in times:
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
    for _ in range(runs):  # interleaved, so that load on the machine falls on each alike
        for code, seen in times.items():
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            seen.append(time.perf_counter() - t)
    empty = statistics.median(times["pass"])
    floor_ms = (statistics.median(times["import attrs, cattrs"]) - empty) * 1e3
    first_ms = (statistics.median(times[first_code]) - empty) * 1e3
    print(f"import attrs, cattrs (fresh process, less an empty one): {floor_ms:6.1f} ms")
    print(
        f"import coproduce; first appraise:                        {first_ms:6.1f} ms  "
        f"{first_ms / floor_ms:4.2f}x (target <= 1.5x)"
    )
    building = floors.class_building(first_code, 5 if quick else 11)
    if building is None:
        print("  attrs building the record classes: not measured (attrs' builder has moved)")
    else:
        spent = building["attrs"] * 1e3
        print(
            f"  of which attrs building {building['classes']:.0f} record classes: "
            f"{spent:6.1f} ms  {spent / floor_ms:4.2f}x on its own (the target leaves 0.5x "
            "for all of coproduce)"
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


def io_section(budget: float, quick: bool) -> None:
    """Issue #12: reading and writing documents, against orjson on the same content."""
    from coproduce.io import dump_appraisal, to_data

    section("reading and writing documents (issue #12), against orjson on the same content")
    print(
        f"{'document':22} {'KB out':>6} {'dumps µs':>8} {'dump':>6} {'compact':>7} "
        f"{'loads µs':>8} {'load':>6} {'in+out µs':>9} {'end to end':>10}"
    )
    names = examples()  # all of them, quick or not: a row each
    ratios: dict[str, list[float]] = {"dump": [], "compact": [], "load": [], "end": []}
    encoder: dict[str, list[float]] = {"encode": [], "indent": []}
    for name in names:
        doc = dump_project(load_example(name)).encode()
        result = appraise(load_project(doc))
        plain = to_data(result)
        dumps = per_call(lambda plain=plain: orjson.dumps(plain), budget)
        loads = per_call(lambda doc=doc: orjson.loads(doc), budget)
        floor = per_call(
            lambda doc=doc, plain=plain: (orjson.loads(doc), orjson.dumps(plain)), budget
        )
        row = {
            "dump": per_call(lambda a=result: dump_appraisal(a), budget) / dumps,
            "compact": per_call(lambda a=result: dump_appraisal(a, compact=True), budget) / dumps,
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
            f"{name:22} {len(dump_appraisal(result)) / 1024:6.1f} {dumps * 1e6:8.1f} "
            f"{row['dump']:5.1f}x {row['compact']:6.1f}x {loads * 1e6:8.1f} {row['load']:5.1f}x "
            f"{floor * 1e6:9.1f} {row['end']:9.1f}x"
        )
    targets = {
        "dump": ("dump_appraisal / orjson.dumps of the same plain dicts", "<= 3x"),
        "compact": ("dump_appraisal(compact=True) / orjson.dumps", "none"),
        "load": ("load_project(bytes) / orjson.loads of the same bytes", "<= 4x"),
        "end": ("bytes -> appraisal JSON / orjson.loads + orjson.dumps", "<= 10x"),
    }
    for key, (what, target) in targets.items():
        print(f"median {what:56} {statistics.median(ratios[key]):6.1f}x  (target {target})")
    print(
        f"  floor of an indented document: msgspec encoding the attrs records directly "
        f"{statistics.median(encoder['encode']):.1f}x + msgspec.json.format "
        f"{statistics.median(encoder['indent']):.1f}x (median, over orjson.dumps)"
    )
    size_scaling(quick)


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


def process_section(quick: bool) -> None:
    """Whole ``coproduce`` processes against ``python -c "import attrs, cattrs"`` (issue #12).

    Bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX``, for both sides), as after
    ``pip install``: with ``PYTHONDONTWRITEBYTECODE`` an editable install recompiles every
    module of the package in every process, which is not what a user's command costs.
    """
    import tempfile
    from pathlib import Path

    from coproduce.io import example_path

    section("whole processes against python -c 'import attrs, cattrs' (bytecode cached)")
    script = Path(sys.executable).with_name("coproduce")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "coproduce"]
    cases = {
        "import attrs, cattrs": [sys.executable, "-c", "import attrs, cattrs"],
        "coproduce --help": [*command, "--help"],
        "coproduce validate FILE": [*command, "validate", str(example_path("contested-policy"))],
        "coproduce appraise --example": [*command, "appraise", "--example"],
    }
    runs = 7 if quick else 21
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        times: dict[str, list[float]] = {name: [] for name in cases}
        for round_ in range(runs + 1):  # interleaved, so that drift cancels; the first warms
            for name, argv in cases.items():
                t = time.perf_counter()
                subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
                if round_:
                    times[name].append(time.perf_counter() - t)
    floor = statistics.median(times["import attrs, cattrs"])
    print(f"{'import attrs, cattrs':30} {floor * 1e3:7.1f} ms")
    for name in list(cases)[1:]:
        t = statistics.median(times[name])
        print(f"{name:30} {t * 1e3:7.1f} ms  {t / floor:4.2f}x (target <= 1.5x, issue #12)")


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
        f"{os.cpu_count()} cores; {'quick' if args.quick else 'full'} run"
    )

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

    section("scaling: appraise time as the project grows (issue #28: <= 11x per tenfold)")
    previous = 0.0
    for n in (10, 100, 1000, 10_000):
        project = generated(n)
        if n < 10_000:
            t = per_call(lambda project=project: appraise(project), budget)
        else:
            t = best_of(lambda project=project: appraise(project), 1 if args.quick else 3)
        step = f"{t / previous:5.1f}x the time for a tenth" if previous else "the base"
        print(f"{n:6,d} stakeholders: {t * 1e3:9.2f} ms  ({step})")
        previous = t
    first = 0.0
    for stages in (1, 4, 7):
        project = generated(100, n_stages=stages)
        t = per_call(lambda project=project: appraise(project), budget)
        first = first or t
        print(f"{stages:5d} stages (100 stakeholders): {t * 1e3:8.2f} ms  ({t / first:4.1f}x)")

    costing_section(budget, args.quick)
    engine_section(budget, args.quick)
    tracking_section(args.quick)
    io_section(budget, args.quick)

    section(f"end to end: {n_docs:,} documents, one process, streamed")
    sample = pool()
    t = time.perf_counter()
    for doc in stream(sample, n_docs):
        orjson.loads(doc)
    floor_total = time.perf_counter() - t
    marks: list[float] = []
    t = time.perf_counter()
    done = bad = 0
    for outcome in appraise_many(stream(sample, n_docs), chunksize=64):
        done += 1
        bad += not outcome.ok
        if done in (n_docs // 10, n_docs):
            marks.append(rss_mb())
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{done:,} documents ({bad} invalid) in {elapsed:.1f} s: {elapsed / done * 1e6:.0f} µs "
        f"each, {elapsed / floor_total:.1f}x the orjson floor"
    )
    print(
        f"resident memory at 10%: {marks[0]:.0f} MB, at 100%: {marks[-1]:.0f} MB "
        f"(growth {marks[-1] - marks[0]:+.0f} MB); peak {peak:.0f} MB"
    )

    parallel_section(sample, n_docs, args.quick)

    section("import time (median of whole interpreter runs, less an empty run)")
    runs = 5 if args.quick else 11
    empty = command_time("pass", runs)
    floor_import = command_time("import attrs, cattrs", runs) - empty
    lazy = command_time("import coproduce", runs) - empty
    first_use = command_time("import coproduce; coproduce.appraise", runs) - empty
    print(f"import attrs, cattrs:                  {floor_import * 1e3:6.1f} ms")
    print(
        f"import coproduce:                      {lazy * 1e3:6.1f} ms  "
        f"{lazy / floor_import:4.2f}x (target <= 1.3x)"
    )
    print(
        f"import coproduce; coproduce.appraise:  {first_use * 1e3:6.1f} ms  "
        f"{first_use / floor_import:4.2f}x (engine and catalogue, loaded on first use)"
    )
    process_section(args.quick)
    print(json.dumps({"quick": args.quick, "documents": n_docs}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
