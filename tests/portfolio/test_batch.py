"""Batch appraisal: streaming, order, bad documents, executors (processes, dask), portfolios."""

from __future__ import annotations

import json
import pickle
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from coproduce import Policy, Project, appraise, default_catalogue
from coproduce.appraisal import Severity, Verdict
from coproduce.cli import main
from coproduce.errors import DocumentError
from coproduce.io import dump_project, example_path, examples, load_example
from coproduce.portfolio import Outcome, Portfolio, appraise_many, documents, summarise

NAMES = examples()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in NAMES:
        src = example_path(name)
        (tmp_path / src.name).write_bytes(src.read_bytes())
    (tmp_path / "m-broken.json").write_text('{"schema_version": 1, "title": 5}')
    (tmp_path / "notes.txt").write_text("not a document")
    return tmp_path


def test_folder_in_order_with_bad_documents_reported(folder: Path) -> None:
    outcomes = list(appraise_many(folder))
    names = sorted(p.name for p in folder.iterdir() if p.suffix != ".txt")
    assert [Path(o.source).name for o in outcomes] == names
    assert [o.index for o in outcomes] == list(range(len(names)))
    bad = [o for o in outcomes if not o.ok]
    assert [Path(o.source).name for o in bad] == ["m-broken.json"]
    assert [(i.path, i.code) for i in bad[0].issues] == [("$.title", "wrong-type")]
    good = {Path(o.source).stem: o.appraisal for o in outcomes if o.appraisal is not None}
    assert good["all-favour"].emphasis.verdict is Verdict.CLEARLY_MORE


def test_json_lines_sources_and_mixed_iterables(tmp_path: Path) -> None:
    lines = tmp_path / "portfolio.jsonl"
    docs = [json.dumps(json.loads(dump_project(load_example(n)))) for n in NAMES]
    lines.write_text("\n".join([*docs[:2], "", "{not json", *docs[2:]]) + "\n")
    outcomes = list(appraise_many(lines))
    assert [o.source for o in outcomes][:3] == [f"{lines}:1", f"{lines}:2", f"{lines}:4"]
    assert [o.ok for o in outcomes].count(False) == 1
    assert outcomes[2].issues[0].code == "syntax"
    mixed = list(
        appraise_many(
            [
                load_example("one-stage"),
                b'{"schema_version": 1, "title": "b"}',
                {"schema_version": 1, "title": "d"},
                example_path("all-favour"),
            ]
        )
    )
    assert [o.source for o in mixed][:3] == ["#0", "#1", "#2"]
    assert all(o.ok for o in mixed)
    with pytest.raises(DocumentError, match=r"not a folder or a \.jsonl file"):
        list(documents(tmp_path / "x.csv"))


def test_a_folder_of_projects_and_their_logs_appraises_the_projects_only(tmp_path: Path) -> None:
    """The folder ``coproduce portfolio`` reads: a log is not an invalid project."""
    project = example_path("trial-patient-partners")
    (tmp_path / project.name).write_bytes(project.read_bytes())
    log = project.parent / "logs" / "trial-patient-partners.log.yaml"
    (tmp_path / log.name).write_bytes(log.read_bytes())
    assert [Path(source).name for source, _ in documents(tmp_path)] == [project.name]
    assert [o.ok for o in appraise_many(tmp_path)] == [True]


def test_results_are_the_same_as_one_by_one_whatever_the_executor(folder: Path) -> None:
    alone = [o.appraisal for o in appraise_many(folder)]
    expected = [
        appraise(load_example(Path(p).stem)) if Path(p).stem in NAMES else None
        for p, _ in documents(folder)
    ]
    assert alone == expected
    with ThreadPoolExecutor(2) as pool:
        assert [o.appraisal for o in appraise_many(folder, executor=pool, chunksize=2)] == alone
    with ProcessPoolExecutor(2) as pool:
        assert [
            o.appraisal for o in appraise_many(folder, executor=pool, chunksize=3, window=2)
        ] == alone


class _Recording(ThreadPoolExecutor):
    """A one-thread pool that notes how many documents each task carries."""

    def __init__(self) -> None:
        super().__init__(1)
        self.sizes: list[int] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], list):  # appraise_many's tasks: (chunk, ...)
            self.sizes.append(len(args[0]))
        return super().submit(fn, *args, **kwargs)


@pytest.mark.parametrize("n", [0, 1, 15, 16, 17, 47, 64, 100])
def test_on_a_pool_the_last_documents_go_out_in_small_tasks(n: int) -> None:
    """So that no worker is left with a whole chunk while the others wait (chunksize 16)."""
    project = load_example("one-stage")
    with _Recording() as pool:
        outcomes = list(appraise_many([project] * n, executor=pool, chunksize=16))
    assert [o.index for o in outcomes] == list(range(n))
    assert all(o.ok for o in outcomes)
    assert sum(pool.sizes) == n
    # whole chunks until 16 to 31 documents remain (fewer: all of them), then pieces of 2
    whole = max(0, (n - 16) // 16)
    assert all(size == 16 for size in pool.sizes[:whole])
    assert all(size <= 2 for size in pool.sizes[whole:])
    # in one thread, there is nobody to finish together with: whole chunks to the end
    seen: list[int] = []
    list(appraise_many([project] * n, chunksize=16, progress=seen.append))
    assert seen == [min(n, 16 * (k + 1)) for k in range(-(-n // 16))]


def test_custom_catalogue_and_policy_travel_to_workers(folder: Path) -> None:
    strict = Policy(gates=frozenset({"condition.capacity", "condition.contested"}))
    mine = default_catalogue().with_entries(version="2019.1+mine")
    with ProcessPoolExecutor(2) as pool:
        outcomes = list(appraise_many(folder, executor=pool, catalogue=mine, policy=strict))
    assert {o.appraisal.catalogue_version for o in outcomes if o.appraisal} == {"2019.1+mine"}
    contested = next(o.appraisal for o in outcomes if "contested" in o.source)
    assert contested is not None
    assert contested.emphasis.gated_by == ("condition.contested",)


def test_a_custom_catalogue_is_unpickled_once_per_worker_and_equal() -> None:
    from coproduce.portfolio._batch import _share, _Shared

    mine = default_catalogue().with_entries(version="2019.1+once")
    with ThreadPoolExecutor(1) as threads:
        assert _share(mine, threads) is mine  # nothing crosses a process: sent as is
    with ProcessPoolExecutor(1) as pool:
        first, second = _share(mine, pool), _share(mine, pool)
    assert isinstance(first, _Shared) and isinstance(second, _Shared)
    assert first.get() is second.get()  # one unpickling per process, whatever the chunk
    assert first.get() == mine and first.get() is not mine
    assert _share(None, pool) is None


def test_everything_pickles() -> None:
    result = appraise(load_example("contested-policy"))
    for value in (
        load_example("contested-policy"),
        result,
        default_catalogue(),
        Policy(weights={"condition.contested": 2.0}),
        Outcome(index=0, source="#0", appraisal=result),
    ):
        assert pickle.loads(pickle.dumps(value)) == value


@pytest.mark.slow
def test_progress_and_constant_memory() -> None:
    seen: list[int] = []
    project = load_example("no-resources")
    count = 3000

    def stream() -> Iterator[Project]:  # a generator: nothing is held but what is in flight
        for _ in range(count):
            yield project

    tracemalloc.start()
    done = 0
    for outcome in appraise_many(stream(), chunksize=50, progress=seen.append):
        done += outcome.ok
        if done == 500:
            early = tracemalloc.get_traced_memory()[0]
    late, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert done == count
    assert seen[-1] == count and seen == sorted(seen)
    assert late < early * 1.5 + 2_000_000, (early, late, peak)


def test_the_summary_names_each_project_with_the_tools_verdict(folder: Path) -> None:
    """A funding panel reads which project has which verdict, not only the counts."""
    portfolio = Portfolio()
    outcomes = list(appraise_many(folder, then=None))
    for outcome in outcomes:
        portfolio.add(Portfolio.entry(outcome))
    rows = portfolio.summary().project_rows
    valid = [o for o in outcomes if o.appraisal is not None]
    assert [r.source for r in rows] == [o.source for o in valid]
    assert [(r.title, r.verdict) for r in rows] == [
        (o.appraisal.title, o.appraisal.emphasis.verdict) for o in valid if o.appraisal
    ]
    costed = {r.title: r for r in rows if r.planned is not None}
    assert costed and all(r.currency for r in costed.values())
    few = Portfolio(rows=2)
    for outcome in outcomes:
        few.add(outcome)
    summary = few.summary()
    assert len(summary.project_rows) == 2 and summary.unlisted == len(valid) - 2
    assert summary.project_rows[0].source == valid[0].source


def test_portfolio_summary_counts() -> None:
    results = [appraise(load_example(n)) for n in NAMES]
    summary = summarise([*results, Outcome(index=9, source="#9")])
    assert summary.projects == len(NAMES)
    assert summary.invalid == 1
    assert sum(n for _, n in summary.verdicts) == len(NAMES)
    assert summary.gated == sum(bool(r.emphasis.gated_by) for r in results)
    top = summary.risks[0]
    assert top.projects == max(r.projects for r in summary.risks)
    high = sum(
        1
        for r in results
        for k in r.risks
        if (k.code, k.stage) == (top.code, top.stage) and k.residual is Severity.HIGH
    )
    assert top.high == high
    assert {q.number for q in summary.questions if q.audience == "organisations"} == {1, 2, 3, 4, 5}
    assert all(
        q.answered + q.answered_no + q.partly + q.open == len(NAMES) for q in summary.questions
    )
    portfolio = Portfolio()
    for r in results[:3]:
        portfolio.add(r)
    assert portfolio.summary().projects == 3


def test_cli_batch_writes_json_lines_and_summary(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    status = main(
        [
            "appraise",
            "--batch",
            str(folder),
            "--workers",
            "2",
            "--output",
            str(out),
            "--summary",
            str(summary),
            "--progress",
        ]
    )
    assert status == 1  # one document is invalid
    err = capsys.readouterr().err
    assert "m-broken.json:1:32: 1 problem, first: $.title: got an integer" in err  # at the 5
    assert f"/{len(NAMES) + 1}" in err  # the progress bar knows the total
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["ok"] for line in lines].count(False) == 1
    assert lines[0]["appraisal"]["emphasis"]["verdict"] == "clearly-less"
    written = json.loads(summary.read_text())
    assert written["projects"] == len(NAMES)
    assert sorted(Path(r["source"]).stem for r in written["project_rows"]) == sorted(NAMES)
    assert all(r["title"] and r["verdict"] for r in written["project_rows"])


def test_dask_local_cluster(folder: Path) -> None:
    import distributed

    alone = [o.appraisal for o in appraise_many(folder)]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        outcomes = list(appraise_many(folder, executor=client.get_executor(), chunksize=2))
    assert [o.appraisal for o in outcomes] == alone


def test_then_runs_where_the_appraisal_runs_and_entries_summarise_the_same(folder: Path) -> None:
    direct = summarise(appraise_many(folder))
    with ProcessPoolExecutor(2) as pool:
        entries = list(appraise_many(folder, executor=pool, then=Portfolio.entry))
    assert entries[[Path(p).name for p, _ in documents(folder)].index("m-broken.json")] is None
    portfolio = Portfolio()
    for entry in entries:
        portfolio.add(entry)
    assert portfolio.summary() == direct
    assert all(isinstance(e, tuple) for e in entries if e is not None)
