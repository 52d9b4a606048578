"""Regression tests for issue #13: the command's output is safe, its help helps, a batch
survives any bad document.

Devices, FIFOs and symbolic links are made only inside ``tmp_path`` (a character device with
the numbers of /dev/null, made with ``os.mknod``): never the machine's own ``/dev/null`` or
``/dev/stdout``, which a failing test run as root would replace.
"""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from coproduce.cli import main
from coproduce.cli._common import Progress
from coproduce.io import Limits, example_path

ONE_STAGE = example_path("one-stage")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue()


def copy_example(folder: Path, name: str = "one-stage") -> Path:
    src = example_path(name)
    dst = folder / src.name
    dst.write_bytes(src.read_bytes())
    return dst


# --------------------------------------------------------------------------- 2: --output


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("appraise", str(ONE_STAGE), "-o", str(link)) == (0, "")
    assert link.is_symlink()
    assert target.read_text().startswith("Appraisal of")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_output_to_a_device_node_writes_through_and_keeps_the_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
    assert run("appraise", str(ONE_STAGE), "-o", str(device)) == (0, "")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_to_a_fifo_writes_through_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []

    def reader() -> None:
        with open(fifo) as f:
            received.append(f.read())

    thread = threading.Thread(target=reader)
    thread.start()
    assert run("appraise", str(ONE_STAGE), "-f", "json", "-o", str(fifo)) == (0, "")
    thread.join(timeout=30)
    assert json.loads(received[0])["title"].startswith("Setting priorities")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_that_is_the_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_example(tmp_path)
    before = project.read_bytes()
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(project)
    for out in (project, alias):
        assert run("appraise", str(project), "-o", str(out))[0] == 2
        assert "is the input" in capsys.readouterr().err
    assert project.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["cost", "{project}"], "project"),
        (["report", "{project}", "--kind", "gripp2"], "project"),
        (["track", "{project}", "{log}"], "project"),
        (["track", "{project}", "{log}"], "log"),
        (["portfolio", "{folder}", "-f", "json"], "project"),
        (["portfolio", "{folder}", "-f", "json"], "log"),
    ],
)
def test_no_command_writes_its_report_over_a_document_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], target: str
) -> None:
    """A report written over the project or its log would lose what the team recorded."""
    project = copy_example(tmp_path, "trial-patient-partners")
    log = tmp_path / "trial-patient-partners.log.yaml"
    log.write_bytes(
        (example_path("trial-patient-partners").parent / "logs" / log.name).read_bytes()
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    names = {"project": str(project), "log": str(log), "folder": str(tmp_path)}
    out = names[target]
    assert run(*(a.format(**names) for a in command), "-o", out)[0] == 2
    assert "is the input" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("option", ["--output", "--summary"])
@pytest.mark.parametrize("via", ["itself", "symlink", "hardlink"])
def test_a_batch_never_writes_over_one_of_its_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, via: str
) -> None:
    """Issue #23: the batch's JSON Lines or summary written over a project of the batch."""
    folder = tmp_path / "projects"
    folder.mkdir()
    member = copy_example(folder, "one-stage")
    copy_example(folder, "contested-policy")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    target = member
    if via == "symlink":
        target = tmp_path / "appraisals.jsonl"
        target.symlink_to(member)
    elif via == "hardlink":
        target = tmp_path / "appraisals.jsonl"
        os.link(member, target)
    status, _ = run("appraise", "--batch", str(folder), "--workers", "0", option, str(target))
    assert status == 2
    assert f"{option} {target} is the input {member}" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_batch_summary_is_not_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_example(tmp_path, "one-stage")
    out = tmp_path / "out.jsonl"
    argv = ["appraise", "--batch", str(tmp_path), "--workers", "0"]
    assert run(*argv, "-o", str(out), "--summary", str(out))[0] == 2
    assert "is also --output" in capsys.readouterr().err
    assert not out.exists()


def test_portfolio_refuses_to_write_over_a_stray_log_it_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "stray.log.yaml"
    stray.write_text("schema_version: 2\nproject: nobody\nentries: []\n")
    before = stray.read_bytes()
    assert run("portfolio", str(tmp_path), "-f", "json", "-o", str(stray))[0] == 2
    assert "is the input" in capsys.readouterr().err
    assert stray.read_bytes() == before


@pytest.mark.parametrize(
    "command", [["cost", "-"], ["appraise", "-"], ["report", "-", "--kind", "gripp2"]]
)
def test_output_that_is_the_file_behind_standard_input_is_refused(
    tmp_path: Path, command: list[str]
) -> None:
    project = copy_example(tmp_path, "contested-policy")
    before = project.read_bytes()
    with project.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "coproduce", *command, "-o", str(project)],
            stdin=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "is the standard input" in done.stderr
    assert project.read_bytes() == before


def test_a_huge_budget_is_a_usage_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        run("cost", "--example", "contested-policy", "--budget", "1e400")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "not an amount: '1e400'" in err and "Traceback" not in err


def test_report_takes_its_format_from_the_output_suffix(tmp_path: Path) -> None:
    project = copy_example(tmp_path, "contested-policy")
    for suffix, start in ((".html", "<!doctype html>"), (".md", "# "), (".json", "{")):
        out = tmp_path / f"standards{suffix}"
        assert run("report", str(project), "--kind", "standards", "-o", str(out))[0] == 0
        assert out.read_text().startswith(start), suffix


def test_an_empty_folder_gives_a_portfolio_that_says_so_without_tables(tmp_path: Path) -> None:
    status, out = run("portfolio", str(tmp_path), "-f", "text")
    assert status == 0
    assert "No project documents were read" in out
    assert "----" not in out and "organisational question" not in out  # no table at all


def test_cost_takes_its_format_from_the_output_suffix(tmp_path: Path) -> None:
    for suffix, start in (
        (".html", "<!doctype html>"),
        (".csv", "path,kind,"),
        (".md", "# Costing"),
    ):
        out = tmp_path / f"cost{suffix}"
        assert run("cost", "--example", "contested-policy", "-o", str(out))[0] == 0
        assert out.read_text().startswith(start)
    out = tmp_path / "cost.html"
    assert run("cost", "--example", "contested-policy", "-f", "text", "-o", str(out))[0] == 0
    assert out.read_text().startswith("Costing: summary")  # --format wins, as for appraise


def test_a_project_without_costing_is_named_by_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_example(tmp_path, "one-stage")
    assert run("cost", str(project))[0] == 1
    assert f"coproduce cost: {project}: project document has 1 problem" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [("-o", "out.html", "out.jsonl"), ("--summary", "summary.md", "summary.json")],
)
def test_batch_refuses_report_names_for_what_it_writes_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, name: str, expected: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    copy_example(folder)
    assert run("appraise", "--batch", str(folder), option, str(tmp_path / name))[0] == 2
    assert f"name it {tmp_path / expected}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_output_to_an_open_file_of_this_process_appends_in_place(tmp_path: Path) -> None:
    # what /dev/stdout is when the shell redirects with `>>`: an fd of the process, under
    # /proc/self/fd; our own fd on a file in tmp_path stands in for it
    target = tmp_path / "log.txt"
    with open(target, "a") as f:
        f.write("earlier\n")
        f.flush()
        inode = os.fstat(f.fileno()).st_ino
        assert run("appraise", str(ONE_STAGE), "-o", f"/proc/self/fd/{f.fileno()}") == (0, "")
    text = target.read_text()
    assert text.startswith("earlier\nAppraisal of")
    assert target.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


@pytest.mark.parametrize("flag", ["-o", "--output"])
def test_empty_output_is_misuse(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["appraise", str(ONE_STAGE), flag, ""])
    assert info.value.code == 2
    assert "empty file name" in capsys.readouterr().err


def test_errors_name_the_users_path_not_the_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "report.txt"
    assert run("appraise", str(ONE_STAGE), "-o", str(out))[0] == 1
    err = capsys.readouterr().err
    assert str(out) in err
    assert ".tmp" not in err


@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".html", "<!doctype html>"), (".md", "# Appraisal"), (".json", "{"), (".txt", "Appraisal")],
)
def test_report_format_follows_the_output_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    out = tmp_path / f"report{suffix}"
    assert run("appraise", str(ONE_STAGE), "-o", str(out)) == (0, "")
    assert out.read_text().startswith(start)
    # an explicit --format wins
    assert run("appraise", str(ONE_STAGE), "-f", "text", "-o", str(out)) == (0, "")
    assert out.read_text().startswith("Appraisal")


def test_graph_format_follows_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    assert run("graph", "-o", str(out)) == (0, "")
    assert out.read_text().startswith("digraph")


# --------------------------------------------------------------------------- 1: standard input


def test_standard_input_is_bounded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Stdin:
        buffer = io.BytesIO(b"#" * (Limits().max_bytes + 10))

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert run("appraise", "-")[0] == 1
    err = capsys.readouterr().err
    assert "<stdin>" in err and "more than" in err and "Traceback" not in err


def test_standard_input_from_a_terminal_is_misuse_not_a_wait(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert run("appraise", "-")[0] == 2
    assert "terminal" in capsys.readouterr().err


# --------------------------------------------------------------------------- 15, 16: help


def test_every_help_screen_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["appraise"], ["validate"], ["catalogue"], ["graph"], ["schema"], ["init"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "examples:\n  coproduce" in capsys.readouterr().out, command


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["apprase", "x"], "did you mean 'appraise'?"),
        (["appraise", "--exmaple"], "did you mean '--example'?"),
        (["appraise", "-f", "htlm", "x"], "did you mean 'html'?"),
    ],
)
def test_misspelt_commands_and_options_get_a_suggestion(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert hint in capsys.readouterr().err


def test_misspelt_catalogue_entry_and_example_get_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("catalogue", "show", "condition.capasity")[0] == 2
    assert "did you mean 'condition.capacity'?" in capsys.readouterr().err
    assert run("appraise", "--example", "one-stag")[0] == 2
    assert "did you mean 'one-stage'?" in capsys.readouterr().err


def test_yaml_control_characters_are_a_syntax_error_with_a_line(tmp_path: Path) -> None:
    bad = tmp_path / "raw.yaml"
    bad.write_text("schema_version: 1\ntitle: a\x1bb\n")
    status, text = run("validate", str(bad))
    assert status == 1
    assert f"{bad}:2:9: $: not valid YAML" in text
    assert "<unicode string>" not in text and "\x1b" not in text


def test_validate_prints_file_line_column_and_no_terminal_escapes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('schema_version: 1\ntitle: t\nstakeholders:\n  - id: a\n    kind: "\\e[2J"\n')
    status, text = run("validate", str(bad))
    assert status == 1
    assert f"{bad}:5:11: $.stakeholders[0].kind" in text
    assert "\x1b" not in text


# --------------------------------------------------------------------------- 17: progress


def test_progress_shows_time_left_and_notes_are_not_on_the_bar_line() -> None:
    stream = io.StringIO()
    bar = Progress(10, stream)
    bar(5)
    bar.note("bad.json: 1 problem(s)")
    bar(6)
    bar.close()
    text = stream.getvalue()
    assert "left" in text
    lines = [line.split("\r")[-1] for line in text.split("\n")]
    note = next(line for line in lines if "bad.json" in line)
    assert "[" not in note.replace("\x1b[K", "")


# --------------------------------------------------------------------------- 7: batch


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    copy_example(folder, "one-stage")
    copy_example(folder, "all-favour")
    (folder / "b-wrong-type.json").write_text('{"schema_version": 1, "title": 5}')
    (folder / "c-complex-key.yaml").write_text("schema_version: 1\ntitle: t\n? [a]\n: b\n")
    (folder / "d-mixed-keys.yaml").write_text("schema_version: 1\ntitle: t\n1: a\ncolour: b\n")
    (folder / "e-surrogate.json").write_text('{"schema_version": 1, "title": "\\ud800"}')
    (folder / "f-nan.yaml").write_text("schema_version: 1\ntitle: t\nx-a: .nan\n")
    (folder / "g-dotted.toml").write_text(".".join(["x-a"] * 5000) + " = 1\n")
    (folder / "h-syntax.json").write_text("{")
    (folder / "i-not-utf8.json").write_bytes(b"\xff\xfe{}")
    (folder / "j-folder.json").mkdir()
    os.mkfifo(folder / "k-fifo.json")
    os.mknod(folder / "l-device.json", 0o600 | stat.S_IFCHR, os.stat("/dev/zero").st_rdev)
    (folder / "m-boom.yaml").write_text("schema_version: 1\ntitle: boom\n")
    return folder


def test_batch_reports_every_kind_of_bad_document_and_carries_on(
    hostile_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import coproduce.io._read
    import coproduce.portfolio._batch as batch

    monkeypatch.setattr(coproduce.io._read, "DEFAULT_LIMITS", Limits(max_wait=0.2))
    real = batch.appraise  # type: ignore[attr-defined]

    def appraise(project: object, **kw: object) -> object:
        if getattr(project, "title", "") == "boom":
            raise RuntimeError("an engine bug")
        return real(project, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "appraise", appraise)
    out = tmp_path / "out.jsonl"
    status = main(["appraise", "--batch", str(hostile_folder), "--workers", "0", "-o", str(out)])
    assert status == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    names = sorted(p.name for p in hostile_folder.iterdir())
    assert [Path(line["source"]).name for line in lines] == names
    assert [Path(line["source"]).name for line in lines if line["ok"]] == [
        "all-favour.json",
        "one-stage.yaml",
    ]
    codes = {
        Path(line["source"]).stem: line["issues"][0]["code"] for line in lines if not line["ok"]
    }
    assert codes["m-boom"] == "failed"
    assert codes["k-fifo"] == codes["l-device"] == codes["j-folder"] == "unreadable"
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in names:
        assert (name in err) is (name not in ("all-favour.json", "one-stage.yaml"))
    assert "2 appraised, 12 invalid" in err


def test_a_json_lines_line_over_the_limit_is_reported_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coproduce.io._read
    from coproduce.portfolio import appraise_many

    monkeypatch.setattr(coproduce.io._read, "DEFAULT_LIMITS", Limits(max_bytes=4000))
    good = json.dumps({"schema_version": 1, "title": "t"})
    source = tmp_path / "in.jsonl"
    source.write_text(good + "\n" + " " * 10_000 + "{}\n" + good + "\n")
    outcomes = list(appraise_many(source))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].issues[0].code == "too-large"
    assert [o.source.rsplit(":", 1)[1] for o in outcomes] == ["1", "2", "3"]


def test_a_dead_worker_fails_its_documents_not_the_batch(tmp_path: Path) -> None:
    from concurrent.futures import Future, ThreadPoolExecutor

    from coproduce.portfolio import appraise_many

    class Flaky(ThreadPoolExecutor):
        """An executor whose second task dies, as a crashed worker process would."""

        calls = 0

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            Flaky.calls += 1
            if Flaky.calls == 2:
                dead: Future[Any] = Future()
                dead.set_exception(RuntimeError("worker died"))
                return dead
            return super().submit(fn, *args, **kwargs)

    paths = [ONE_STAGE] * 6
    with Flaky(2) as pool:
        outcomes = list(appraise_many(paths, executor=pool, chunksize=2))
    assert [o.ok for o in outcomes] == [True, True, False, False, True, True]
    assert {o.issues[0].code for o in outcomes if not o.ok} == {"failed"}
    assert "worker died" in outcomes[2].issues[0].message


def test_sigterm_during_a_batch_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    copy_example(folder)
    os.mkfifo(folder / "z-waits.json")  # no writer: the batch waits here, mid-output
    out = tmp_path / "out" / "result.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coproduce",
            "appraise",
            "--batch",
            str(folder),
            "-o",
            str(out),
            "--workers",
            "0",
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not any(out.parent.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(out.parent.iterdir()), "the batch never started writing"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM, err.decode(errors="replace")  # what it said
    assert list(out.parent.iterdir()) == []
    assert b"Traceback" not in err
