"""The involvement log, planned against actual, re-appraisal and the portfolio view (#15)."""

from __future__ import annotations

import io as stdio
import random
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import _paths

from coproduce.cli import main
from coproduce.errors import DocumentError
from coproduce.io import (
    dump_log,
    example_log_path,
    example_path,
    examples,
    load_entry,
    load_example,
    load_example_log,
    load_log,
)
from coproduce.model import (
    InvolvementLog,
    LogEntry,
    Mode,
    PlanChange,
    PlanChangeKind,
    append_entry,
)
from coproduce.portfolio import TrackingPortfolio, pairs, track_many, track_one
from coproduce.testing import logs
from coproduce.tracking import as_it_stands, reappraise, track

GOLDEN = _paths.GOLDEN / "v2"
TRIAL = load_example("trial-patient-partners")
POLICY = load_example("contested-policy")
_ZERO = Decimal(0)


# --------------------------------------------------------------------------- documents


@given(log=logs(TRIAL), fmt=st.sampled_from(["json", "yaml", "toml"]))
def test_a_log_round_trips_in_every_format(log: InvolvementLog, fmt: str) -> None:
    """load(dump(log)) == log, with the project's references checked."""
    assert load_log(dump_log(log, fmt), format=fmt, project=TRIAL) == log  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", ["json", "yaml", "toml"])
def test_golden_v2_logs_load_and_equal_the_bundled_example(suffix: str) -> None:
    golden = load_log(GOLDEN / f"log.{suffix}", project=TRIAL)
    assert golden == load_example_log("trial-patient-partners")


def test_a_log_is_strict_and_reports_every_problem_with_its_path() -> None:
    text = (
        '{"schema_version": 2, "project": "p", "colour": 1, "entries": '
        '[{"date": "2026-13-01", "activities": [{"stage": "stage.framing-questions", '
        '"mode": "deep", "participants": [{"stakeholder": "s", "people": 0}]}]}]}'
    )
    with pytest.raises(DocumentError) as info:
        load_log(text)
    paths = {i.path for i in info.value.issues}
    assert paths == {
        "$.colour",
        "$.entries[0].activities[0].mode",
        "$.entries[0].activities[0].participants[0].people",
    }
    assert "log document" in str(info.value)


@pytest.mark.parametrize(
    ("entry", "path", "message"),
    [
        (
            '{"date": "2026-13-01"}',
            "$.entries[0].date",
            "date '2026-13-01' is not a day of the calendar",
        ),
        ('{"date": "1 May"}', "$.entries[0].date", "date '1 May' is not a date"),
        (
            '{"date": "2026-01-01", "activities": [{"stage": "stage.framing-questions", '
            '"mode": "advice", "participants": [{"stakeholder": "s", "people": 0}]}]}',
            "$.entries[0].activities[0].participants[0].people",
            "people must be at least 1",
        ),
        (
            '{"date": "2026-01-01", "spending": [{"line": "x", "amount": -2}]}',
            "$.entries[0].spending[0].amount",
            "negative",
        ),
    ],
)
def test_a_bad_value_is_named_at_its_field(entry: str, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        load_log(f'{{"schema_version": 2, "project": "p", "entries": [{entry}]}}')
    (issue,) = info.value.issues
    assert issue.path == path and message in issue.message


@pytest.mark.parametrize("version", [1, 3])
def test_a_log_has_only_version_2(version: int) -> None:
    with pytest.raises(DocumentError, match=r"\$\.schema_version"):
        load_log(f'{{"schema_version": {version}, "project": "p"}}')


def test_unknown_stakeholder_stage_and_risk_are_named_with_their_paths() -> None:
    text = """schema_version: 2
project: trial-patient-partners
entries:
- date: "2026-01-01"
  activities:
  - stage: stage.framing-question
    mode: consultation
    participants: [{stakeholder: advisory-grup}]
  risks: [{code: practice-risk.nope}, {code: risk.usual-suspects}]
"""
    with pytest.raises(DocumentError) as info:
        load_log(text, format="yaml", project=TRIAL)
    messages = {i.path: i.message for i in info.value.issues}
    assert "did you mean 'stage.framing-questions'" in messages["$.entries[0].activities[0].stage"]
    assert "advisory-group" in messages["$.entries[0].activities[0].participants[0].stakeholder"]
    assert "unknown risk code" in messages["$.entries[0].risks[0].code"]
    assert "$.entries[0].risks[1].code" not in messages


def test_a_log_must_name_its_project() -> None:
    log = dump_log(InvolvementLog(project="another"))
    with pytest.raises(DocumentError, match=r"\$\.project: .*'another'"):
        load_log(log, project=TRIAL)


def test_appending_never_rewrites_earlier_entries() -> None:
    log = load_example_log("trial-patient-partners")
    before = dump_log(log)
    longer = append_entry(log, LogEntry(date="2027-06-01", note="later"))
    assert dump_log(log) == before
    assert longer.entries[:-1] == log.entries
    assert longer.entries[-1].note == "later"
    with pytest.raises(ValueError, match="before the log's last entry"):
        append_entry(longer, LogEntry(date="2027-05-31"))


def test_example_logs_do_not_count_as_example_projects() -> None:
    assert not any("log" in name for name in examples())
    assert example_log_path("contested-policy").name == "contested-policy.log.yaml"
    with pytest.raises(LookupError, match="no bundled example log"):
        example_log_path("one-stage")


# --------------------------------------------------------------------------- planned vs actual


def _participations(log: InvolvementLog) -> list:  # type: ignore[type-arg]
    return [p for e in log.entries for a in e.activities for p in a.participants]


@given(log=logs(TRIAL))
def test_planned_against_actual_reconciles_exactly_with_the_log(log: InvolvementLog) -> None:
    """Every total is exactly the sum of the log's own figures, however it is cut."""
    t = track(TRIAL, log)
    parts = _participations(log)
    team = [m for e in log.entries for a in e.activities for m in a.team]
    assert t.contributor_hours == sum((p.hours for p in parts), _ZERO)
    assert t.team_hours == sum((m.hours for m in team), _ZERO)
    assert t.paid == sum((p.paid for p in parts), _ZERO)
    assert t.spent_lines == sum((s.amount for e in log.entries for s in e.spending), _ZERO)
    assert t.spent == t.paid + t.spent_lines
    assert sum((r.hours for r in t.rows), _ZERO) == t.contributor_hours
    assert sum((r.paid for r in t.rows), _ZERO) == t.paid
    assert sum((c.hours for c in t.carriers), _ZERO) == t.hours
    assert sum(r.activities for r in t.rows) == len(parts)
    assert sum(r.times for r in t.risks) == sum(len(e.risks) for e in log.entries)
    assert t.unpaid_hours <= t.contributor_hours and t.junior_hours <= t.team_hours


@given(log=logs(TRIAL), seed=st.integers(0, 2**16))
def test_planned_against_actual_ignores_the_order_of_lists(log: InvolvementLog, seed: int) -> None:
    rng = random.Random(seed)

    def shuffled(e: LogEntry) -> LogEntry:
        acts = [
            attrs.evolve(a, participants=tuple(rng.sample(a.participants, len(a.participants))))
            for a in e.activities
        ]
        return attrs.evolve(
            e,
            activities=tuple(rng.sample(acts, len(acts))),
            spending=tuple(rng.sample(e.spending, len(e.spending))),
        )

    other = attrs.evolve(log, entries=tuple(shuffled(e) for e in log.entries))
    assert track(TRIAL, other) == track(TRIAL, log)


def test_the_trial_log_against_its_plan() -> None:
    t = track(TRIAL, load_example_log("trial-patient-partners"))
    by_cell = {(r.stage, r.stakeholder): r for r in t.rows}
    held = by_cell[("stage.framing-questions", "advisory-group")]
    assert (held.planned, held.held, held.status) == (Mode.COLLABORATION, Mode.PARTNERSHIP, "held")
    assert by_cell[("stage.mixed-teams", "co-applicant")].status == "not held"
    assert t.unforeseen == ("practice-risk.access-exclusion",)
    assert t.aims_without_impact == ("accountability",)
    assert t.unpaid_hours == Decimal("4.5")  # the declined fee; therapists are professionals
    assert t.junior_hours == Decimal(22)  # the fixed-term trial manager


def test_planned_money_comes_from_the_costing() -> None:
    from coproduce.costing import cost
    from coproduce.costing import default_rate_card as default

    t = track(POLICY, load_example_log("contested-policy"), rates=default())
    costing = cost(POLICY, rates=default())
    assert costing is not None and t.planned_money == costing.money
    assert t.budget == Decimal(6000) and t.currency == "GBP"
    assert t.spent == Decimal("982.5")


def test_reappraisal_applies_the_changes_and_what_was_held() -> None:
    log = load_example_log("trial-patient-partners")
    now = as_it_stands(TRIAL, log)
    cells = {(line.stage, line.stakeholder): line.mode for line in now.plan}
    assert cells[("stage.analysing-data", "advisory-group")] is Mode.CONSULTATION
    dropped = append_entry(
        log,
        LogEntry(
            date="2027-01-01",
            changes=(
                PlanChange(
                    change=PlanChangeKind.DROP, stage="stage.dissemination", stakeholder="funder"
                ),
            ),
        ),
    )
    assert ("stage.dissemination", "funder") not in {
        (x.stage, x.stakeholder) for x in as_it_stands(TRIAL, dropped).plan
    }
    r = reappraise(POLICY, load_example_log("contested-policy"))
    assert ("stage.framing-questions", "campaign") not in {
        (x.stage, x.stakeholder) for x in r.project.plan
    }
    assert r.comparison.changes, "dropping the campaign changes the advice"


# --------------------------------------------------------------------------- portfolio


def _folder(tmp_path: Path) -> Path:
    for name in examples():
        src = example_path(name)
        (tmp_path / src.name).write_bytes(src.read_bytes())
    for name in ("contested-policy", "trial-patient-partners"):
        log = example_log_path(name)
        (tmp_path / log.name).write_bytes(log.read_bytes())
    return tmp_path


def test_the_portfolio_matches_logs_by_project_id(tmp_path: Path) -> None:
    found = {Path(p).name: log for p, _, log in pairs(_folder(tmp_path))}
    assert len(found) == len(examples())
    assert found["contested-policy.yaml"] is not None
    assert found["one-stage.yaml"] is None


def test_the_portfolio_adds_up_and_any_executor_gives_the_same(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    serial, pooled = TrackingPortfolio(), TrackingPortfolio()
    for e in track_many(pairs(folder)):
        serial.add(e)
    with ThreadPoolExecutor(2) as pool:
        for e in track_many(pairs(folder), executor=pool, chunksize=3, window=2):
            pooled.add(e)
    s = serial.summary()
    assert s == pooled.summary()
    assert (s.projects, s.logged, s.invalid) == (len(examples()), 2, 0)
    (gbp,) = s.spend
    one = [
        track(load_example(n), load_example_log(n))
        for n in ("contested-policy", "trial-patient-partners")
    ]
    assert gbp.spent == sum((t.spent for t in one), _ZERO)
    assert sum((k.hours for k in s.carriers), _ZERO) == sum((t.hours for t in one), _ZERO)
    worst = {r.code: r for r in s.risks}
    assert worst["risk.usual-suspects"].unforeseen == 1
    assert [q.yes + q.no + q.unknown for q in s.questions] == [len(examples())] * 5


def test_a_bad_log_is_reported_not_raised(tmp_path: Path) -> None:
    entry = track_one("x", example_path("trial-patient-partners"), b'{"schema_version": 2}')
    assert entry[0] == "invalid" and "project" in entry[2][0]


# --------------------------------------------------------------------------- command line


def _run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def test_cli_log_add_appends_and_refuses_bad_entries_without_touching_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "t.log.yaml"
    log.write_bytes(example_log_path("trial-patient-partners").read_bytes())
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text('date: "2027-01-15"\nnote: results workshop\n')
    bad.write_text('date: "2027-02-01"\nrisks: [{code: risk.nope}]\n')
    project = str(example_path("trial-patient-partners"))
    assert _run("log", "add", str(log), "--entry", str(good), "--project", project)[0] == 0
    after = log.read_bytes()
    assert load_log(log).entries[-1].note == "results workshop"
    assert _run("log", "add", str(log), "--entry", str(bad), "--project", project)[0] == 1
    assert "$.risks[0].code: unknown risk code" in capsys.readouterr().err
    assert log.read_bytes() == after
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_cli_track_in_every_format(fmt: str) -> None:
    status, out = _run(
        "track",
        str(example_path("contested-policy")),
        str(example_log_path("contested-policy")),
        "--format",
        fmt,
    )
    assert status == 0
    assert "risk.usual-suspects" in out


def test_cli_portfolio_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    (tmp_path / "f").mkdir()
    folder = _folder(tmp_path / "f")
    status, out = _run("portfolio", str(folder), "--format", "html")
    assert status == 0
    assert out.startswith("<!doctype html>") and "<svg" in out
    assert "<script" not in out and "http://" not in out.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert _run("portfolio", str(tmp_path / "missing"))[0] == 1


def test_a_log_entry_file_reports_its_own_paths(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text('date: 2027\nspending: [{line: x, amount: "lots"}]\n')
    with pytest.raises(DocumentError) as info:
        load_entry(path)
    assert {i.path for i in info.value.issues} == {"$.date", "$.spending[0].amount"}
    assert str(path) in str(info.value)


def _peak_mb(n: int) -> tuple[float, int]:
    import tracemalloc

    from coproduce.report import portfolio_html
    from coproduce.testing import portfolio_items

    view = TrackingPortfolio()
    tracemalloc.start()
    try:
        for entry in track_many(portfolio_items(n, seed=n), chunksize=64, window=4):
            view.add(entry)
        html = portfolio_html(view.summary())
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert html.count("<svg") >= 3
    return peak, view.summary().projects


@pytest.mark.slow
def test_the_portfolio_report_over_10000_projects_streams_in_constant_memory() -> None:
    small, n_small = _peak_mb(500)
    large, n_large = _peak_mb(10_000)
    assert (n_small, n_large) == (500, 10_000)
    # twenty times the projects, and the peak grows by at most a little (never with n)
    assert large < small * 1.5 + 2, (small, large)


def test_cli_track_says_what_reappraisal_changed() -> None:
    import json

    args = (str(example_path("contested-policy")), str(example_log_path("contested-policy")))
    status, text = _run("track", *args)
    assert status == 0 and "Re-appraised as it now stands" in text
    status, out = _run("track", *args, "--format", "json")
    data = json.loads(out)
    assert data["tracking"]["spent"] == 982.5
    assert "changes" in data["reappraisal"]


def test_reports_escape_what_the_documents_say() -> None:
    from coproduce.report import tracking_html, tracking_markdown

    project = attrs.evolve(TRIAL, title="<script>alert(1)</script> | trial")
    html = tracking_html(track(project, load_example_log("trial-patient-partners")))
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = tracking_markdown(track(project, load_example_log("trial-patient-partners")))
    assert md.startswith("# Planned against actual: \\<script\\>")
    assert "\\| trial" in md


def test_validate_reports_a_broken_project_under_its_own_file_not_the_logs(
    tmp_path: Path,
) -> None:
    log = tmp_path / "trial.log.yaml"
    log.write_bytes(example_log_path("trial-patient-partners").read_bytes())
    project = tmp_path / "broken.yaml"
    text = example_path("trial-patient-partners").read_text(encoding="utf-8")
    project.write_text(text.replace("kind: patient", "kind: patinet", 1), encoding="utf-8")
    status, out = _run("validate", "--project", str(project), str(log))
    first, second = out.splitlines()[:2]
    assert status == 1
    assert first == f"{log}: its project {project} has 1 problem"
    assert second.startswith(f"{project}:") and "$.stakeholders[0].kind" in second


def test_schema_and_validate_know_the_log_kind(tmp_path: Path) -> None:
    status, out = _run("schema", "log")
    assert status == 0 and '"urn:coproduce:schema:log:2"' in out
    assert _run("validate", "--kind", "log", str(example_log_path("contested-policy")))[0] == 0
