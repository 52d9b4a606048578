"""Appending to an involvement log never rewrites what is there; ``log new`` / ``log add`` (#15)."""

from __future__ import annotations

import io as stdio
import json
import shutil
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.cli import main
from coproduce.errors import DocumentError, FieldValueError
from coproduce.io import (
    append_to_log,
    dump_log,
    example_log_path,
    example_path,
    load_entry,
    load_example,
    load_log,
    load_project,
    new_log_text,
)
from coproduce.model import InvolvementLog, LogEntry, append_entry
from coproduce.testing import log_entries, logs

TRIAL = load_example("trial-patient-partners")
GOOD = 'date: "2027-01-15"  # the results day\nnote: results workshop\n'


def _run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def _later(entry: LogEntry, log: InvolvementLog) -> LogEntry:
    last = log.entries[-1].date if log.entries else entry.date
    return attrs.evolve(entry, date=max(entry.date, last))


def _kept(before: str, fmt: str, log: InvolvementLog) -> str:
    """What of ``before`` must survive an append byte for byte (JSON: up to its last entry).

    An empty ``entries`` list holds no entry: it may give way to the first one.
    """
    if not log.entries:
        return before[: before.index("entries")]
    if fmt != "json":
        return before
    body = before.rstrip()
    assert body.endswith("}")
    body = body[:-1].rstrip()
    return body[:-1].rstrip() if body.endswith("]") else body


@settings(max_examples=40, deadline=None)
@given(
    log=logs(TRIAL),
    entry=log_entries(TRIAL),
    fmt=st.sampled_from(["json", "yaml", "toml"]),
)
def test_appending_keeps_every_earlier_byte_and_reads_back_as_the_model_says(
    log: InvolvementLog, entry: LogEntry, fmt: str
) -> None:
    entry = _later(entry, log)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t.log.{fmt}"
        before = dump_log(log, fmt)  # type: ignore[arg-type]
        path.write_text(before, encoding="utf-8")
        new = append_to_log(path, entry, project=TRIAL)
        after = path.read_text(encoding="utf-8")
    assert new == append_entry(log, entry)
    assert after.startswith(_kept(before, fmt, log))
    assert load_log(after, format=fmt, project=TRIAL) == new  # type: ignore[arg-type]


def test_a_hand_written_yaml_log_keeps_its_comments_flow_style_and_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "trial.log.yaml"
    before = example_log_path("trial-patient-partners").read_text(encoding="utf-8")
    assert "amount: 318.40" in before and before.startswith("# ")
    path.write_text(before, encoding="utf-8")
    entry = load_entry(GOOD, format="yaml")
    append_to_log(path, entry, project=TRIAL, entry_text=GOOD)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        '- date: "2027-01-15"  # the results day\n  note: results workshop\n'
    )


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('schema_version: 2\nproject: trial-patient-partners\nentries: [{date: "2026-01-02"}]\n',
         "yaml"),
        ('schema_version = 2\nproject = "trial-patient-partners"\n'
         'entries = [{date = "2026-01-02"}]\n', "toml"),
    ],
)  # fmt: skip
def test_a_log_that_cannot_be_appended_to_without_rewriting_it_is_refused(
    tmp_path: Path, text: str, fmt: str
) -> None:
    path = tmp_path / f"t.log.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        append_to_log(path, LogEntry(date="2027-01-01"), project=TRIAL)
    (issue,) = info.value.issues
    assert (issue.path, issue.code) == ("$.entries", "cannot-append")
    assert path.read_text(encoding="utf-8") == text


def test_json_entries_need_not_be_the_last_key(tmp_path: Path) -> None:
    path = tmp_path / "t.log.json"
    text = (
        '{"entries": [{"date": "2026-01-02", "note": "kick-off"}],\n'
        ' "project": "trial-patient-partners", "schema_version": 2}\n'
    )
    path.write_text(text, encoding="utf-8")
    append_to_log(path, LogEntry(date="2027-01-01", note="next"), project=TRIAL)
    after = path.read_text(encoding="utf-8")
    assert after.startswith('{"entries": [{"date": "2026-01-02", "note": "kick-off"}')
    assert [e.note for e in load_log(after).entries] == ["kick-off", "next"]


# --------------------------------------------------------------------------- command line


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """The trial and its log in a folder, as a team keeps them."""
    shutil.copy(example_path("trial-patient-partners"), tmp_path / "trial-patient-partners.yaml")
    log = tmp_path / "trial-patient-partners.log.yaml"
    shutil.copy(example_log_path("trial-patient-partners"), log)
    return log


def test_log_add_checks_names_against_the_project_beside_the_log(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = study.read_bytes()
    entry = study.with_name("e.yaml")
    entry.write_text(
        'date: "2027-01-15"\nactivities:\n- stage: stage.dissemination\n  mode: consultation\n'
        "  participants: [{stakeholder: advisory-grup, people: 5}]\n"
    )
    assert _run("log", "add", str(study), "--entry", str(entry))[0] == 1
    err = capsys.readouterr().err
    assert f"{entry}:5:32: $.activities[0].participants[0].stakeholder" in err
    assert "did you mean 'advisory-group'" in err
    assert study.read_bytes() == before
    entry.write_text(entry.read_text().replace("grup", "group"))
    status, out = _run("log", "add", str(study), "--entry", str(entry))
    assert status == 0 and "checked against" in out and "trial-patient-partners.yaml" in out
    assert study.read_bytes().startswith(before)


def test_log_add_without_a_project_to_check_against_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "a" / "b" / "x.log.yaml"
    log.parent.mkdir(parents=True)
    shutil.copy(example_log_path("trial-patient-partners"), log)
    entry = tmp_path / "e.yaml"
    entry.write_text(GOOD)
    assert _run("log", "add", str(log), "--entry", str(entry))[0] == 2
    assert "pass --project FILE" in capsys.readouterr().err
    assert log.read_bytes() == example_log_path("trial-patient-partners").read_bytes()


def test_log_add_reports_a_bad_date_at_the_date(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = study.with_name("e.yaml")
    entry.write_text('note: x\ndate: "2027-02-30"\n')
    assert _run("log", "add", str(study), "--entry", str(entry))[0] == 1
    assert (
        f"{entry}:2:7: $.date: date '2027-02-30' is not a day of the calendar"
        in capsys.readouterr().err
    )
    entry.write_text('date: "2020-01-01"\n')
    assert _run("log", "add", str(study), "--entry", str(entry))[0] == 1
    assert "$.date: entry date: '2020-01-01' is before" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_log_new_starts_a_log_that_log_add_then_grows(tmp_path: Path, fmt: str) -> None:
    project = tmp_path / "study.yaml"
    shutil.copy(example_path("contested-policy"), project)
    args = ["log", "new", str(project)] + ([] if fmt == "yaml" else ["-f", fmt])
    assert _run(*args)[0] == 0
    log = tmp_path / f"contested-policy.log.{fmt}"
    assert load_log(log).currency == "GBP"  # from the costing
    assert _run(*args)[0] == 2  # never overwritten
    entry = tmp_path / "e.yaml"
    for day in ("2027-01-15", "2027-02-01"):
        entry.write_text(f'date: "{day}"\nspending: [{{line: printing, amount: 45.10}}]\n')
        assert (
            _run("log", "add", str(log), "--entry", str(entry), "--project", str(project))[0] == 0
        )
    assert [str(e.spending[0].amount) for e in load_log(log).entries] == ["45.1", "45.1"]


def test_log_new_needs_an_id_and_a_real_currency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        example_path("one-stage").read_text().replace("id: one-stage\n", ""), encoding="utf-8"
    )
    assert _run("log", "new", str(project))[0] == 2
    assert "add `id: my-study`" in capsys.readouterr().err
    with pytest.raises(FieldValueError):
        new_log_text(load_example("contested-policy"), currency="pounds")


def test_a_project_without_an_id_is_told_to_add_one() -> None:
    project = attrs.evolve(TRIAL, id=None)
    with pytest.raises(DocumentError) as info:
        load_log(example_log_path("trial-patient-partners"), project=project)
    assert "add `id: trial-patient-partners` to the project" in str(info.value)


def test_validate_reads_a_log_by_its_name(tmp_path: Path) -> None:
    assert _run("validate", str(example_log_path("contested-policy")))[0] == 0
    status, out = _run("validate", "--kind", "project", str(example_log_path("contested-policy")))
    assert status == 1 and "unknown field" in out


# --------------------------------------------------------------------------- track, portfolio


def test_track_and_portfolio_take_their_format_from_the_output_suffix(tmp_path: Path) -> None:
    project, log = (
        example_path("trial-patient-partners"),
        example_log_path("trial-patient-partners"),
    )
    assert _run("track", str(project), str(log), "-o", str(tmp_path / "t.html"))[0] == 0
    assert (tmp_path / "t.html").read_text().startswith("<!doctype html>")
    assert _run("track", str(project), str(log), "-o", str(tmp_path / "t.md"))[0] == 0
    assert (tmp_path / "t.md").read_text().startswith("# Planned against actual")
    folder = example_path("contested-policy").parent
    assert _run("portfolio", str(folder), "-o", str(tmp_path / "p.html"))[0] == 0
    assert (tmp_path / "p.html").read_text().startswith("<!doctype html>")
    assert _run("portfolio", str(folder), "-o", str(tmp_path / "p.json"))[0] == 0
    data = json.loads((tmp_path / "p.json").read_text())
    assert data["logged"] == 2
    (gbp,) = data["spend"]
    assert gbp["share"] == round(gbp["spent_budgeted"] / gbp["budget"], 4)


def test_portfolio_names_the_log_with_the_problem_and_fails(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = study.read_text().replace("advisory-group, people: 7", "advisory-grp, people: 7")
    study.write_text(text)
    status, _ = _run("portfolio", str(study.parent))
    assert status == 1
    err = capsys.readouterr().err
    line = 1 + text[: text.index("advisory-grp")].count("\n")
    assert f"{study}:{line}:" in err and "'advisory-grp'; did you mean" in err
    assert "1 projects, 1 with problems" in err or "1 with problems" in err


# --------------------------------------------------------------------------- review findings


def test_validate_checks_a_log_against_the_project_it_names(study: Path, tmp_path: Path) -> None:
    study.write_text(
        study.read_text().replace("advisory-group, people: 7", "advisory-grup, people: 7")
    )
    status, out = _run("validate", str(study))
    assert status == 1 and "did you mean 'advisory-group'" in out
    alone = tmp_path / "a" / "b" / "x.log.yaml"
    alone.parent.mkdir(parents=True)
    shutil.copy(example_log_path("trial-patient-partners"), alone)
    status, out = _run("validate", str(alone))
    assert status == 0 and "not checked" in out and "--project" in out
    named = tmp_path / "mylog.yaml"
    shutil.copy(example_log_path("trial-patient-partners"), named)
    status, out = _run("validate", str(named))
    assert status == 1 and "it looks like a log" in out


def test_a_change_to_a_line_the_plan_does_not_have_is_refused(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = study.with_name("e.yaml")
    entry.write_text(
        'date: "2027-03-01"\nchanges:\n'
        "- {change: drop, stage: stage.collecting-data, stakeholder: therapists}\n"
        "- {change: drop, stage: stage.collecting-data, stakeholder: therapists}\n"
    )
    before = study.read_bytes()
    assert _run("log", "add", str(study), "--entry", str(entry))[0] == 1
    err = capsys.readouterr().err
    assert f"{entry}:4:3: $.changes[1]: the plan, as it stands at this entry, has no line" in err
    assert "$.changes[0]" not in err  # the first drop is of a planned line
    assert study.read_bytes() == before


def test_log_add_gives_json_entries_their_line_and_column(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = study.with_name("e.json")
    entry.write_text('{"date": "2027-03-01",\n "risks": [{"code": "risk.nope"}]}\n')
    assert _run("log", "add", str(study), "--entry", str(entry))[0] == 1
    assert f"{entry}:2:21: $.risks[0].code" in capsys.readouterr().err


def test_append_to_log_takes_plain_data_and_refuses_an_empty_file(
    study: Path, tmp_path: Path
) -> None:
    log = append_to_log(study, {"date": "2027-03-01", "note": "plain"}, project=TRIAL)
    assert log.entries[-1].note == "plain"
    empty = tmp_path / "empty.log.yaml"
    empty.write_text("")
    with pytest.raises(DocumentError, match="coproduce log new"):
        append_to_log(empty, LogEntry(date="2027-01-01"))


def test_log_new_follows_the_output_suffix_and_says_when_it_cannot_record_money(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "trial.yaml"
    shutil.copy(example_path("trial-patient-partners"), project)  # no costing
    assert _run("log", "new", str(project), "-o", str(tmp_path / "x.log.json"))[0] == 0
    assert json.loads((tmp_path / "x.log.json").read_text())["entries"] == []
    assert "cannot record money" in capsys.readouterr().err
    assert _run("log", "new", str(project), "-o", str(tmp_path / "x.txt"))[0] == 2
    assert "name the file .yaml, .json or .toml" in capsys.readouterr().err
    entry = tmp_path / "e.yaml"
    entry.write_text('date: "2027-01-15"\nspending: [{line: printing, amount: 45.10}]\n')
    log = tmp_path / "x.log.json"
    assert _run("log", "add", str(log), "--entry", str(entry), "--project", str(project))[0] == 1
    assert "add `currency: GBP`" in capsys.readouterr().err


def test_portfolio_refuses_an_output_it_cannot_write_and_reports_stray_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    shutil.copytree(example_path("contested-policy").parent, folder)
    assert _run("portfolio", str(folder), "-o", str(tmp_path / "p.csv"))[0] == 2
    assert not (tmp_path / "p.csv").exists()
    capsys.readouterr()
    logs = folder / "logs"
    shutil.copy(logs / "contested-policy.log.yaml", folder / "contested-policy.log.yaml")
    ghost = (
        (logs / "contested-policy.log.yaml")
        .read_text()
        .replace("project: contested-policy", "project: ghost")
    )
    (logs / "ghost.log.yaml").write_text(ghost)
    status, out = _run("portfolio", str(folder), "-f", "json")
    err = capsys.readouterr().err
    assert status == 1 and json.loads(out)["logged"] == 2
    assert "ghost.log.yaml: not read: no project" in err
    assert "logs/contested-policy.log.yaml: not read: project 'contested-policy' already" in err


_APPENDER = """
import sys, time
import coproduce.io, coproduce.portfolio  # loaded before the start: the appends overlap
from coproduce.cli import main
log, entry, start, times = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
while time.time() < start:
    time.sleep(0.001)
for _ in range(times):
    assert main(["log", "add", log, "--entry", entry]) == 0
"""


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_concurrent_appends_to_one_log_lose_no_entry(tmp_path: Path, fmt: str) -> None:
    """Issue #23: two ``log add`` at once both exited 0 and one entry was gone."""
    import subprocess
    import sys
    import time

    project = tmp_path / "trial-patient-partners.yaml"
    project.write_bytes(example_path("trial-patient-partners").read_bytes())
    log = tmp_path / f"trial-patient-partners.log.{fmt}"
    log.write_text(dump_log(load_log(example_log_path("trial-patient-partners")), fmt))  # type: ignore[arg-type]
    before = len(load_log(log).entries)
    processes, times = 6, 5
    start = time.time() + 2
    runs = []
    for n in range(processes):
        entry = tmp_path / f"entry-{n}.yaml"
        entry.write_text(f'date: "2030-01-01"\nnote: appender {n}\n')
        runs.append(
            subprocess.Popen(
                [sys.executable, "-c", _APPENDER, str(log), str(entry), str(start), str(times)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    errors = [r.communicate(timeout=120)[1] for r in runs]
    assert [r.returncode for r in runs] == [0] * processes, errors
    after = load_log(log, project=load_project(project))
    assert len(after.entries) == before + processes * times
    notes = sorted(e.note for e in after.entries[before:])
    assert notes == sorted(f"appender {n}" for n in range(processes) for _ in range(times))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("changes", [1, 100])
def test_without_a_lock_an_append_starts_over_when_the_log_changed_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: int
) -> None:
    """Where there is no ``fcntl``, the log is read again before it is replaced."""
    from coproduce.io import _append, _lock

    log = tmp_path / "trial-patient-partners.log.yaml"
    log.write_bytes(example_log_path("trial-patient-partners").read_bytes())
    before = len(load_log(log).entries)
    monkeypatch.setattr(_lock, "LOCKS", False)
    real = _append.appended_texts
    left = [changes]

    def meanwhile(*args: object, **kw: object) -> list[str]:
        if left[0] > 0:  # another program appends between our read and our replace
            left[0] -= 1
            log.write_text(log.read_text() + f'- date: "2030-01-0{1 + left[0] % 9}"\n')
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(_append, "appended_texts", meanwhile)
    entry = {"date": "2030-02-01", "note": "ours"}
    if changes > 1:
        with pytest.raises(DocumentError) as info:
            append_to_log(log, entry, project=TRIAL)
        assert "changed each time" in str(info.value)
        return
    new = append_to_log(log, entry, project=TRIAL)
    assert len(new.entries) == before + 2 and new.entries[-1].note == "ours"
    assert load_log(log, project=TRIAL) == new
