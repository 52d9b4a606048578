"""The coproduce command: outputs, exit statuses, no tracebacks, atomic files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coproduce.cli import main
from coproduce.io import examples, load_appraisal, load_project


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue()


def test_appraise_example_in_every_format(tmp_path: Path) -> None:
    status, text = run("appraise", "--example")
    assert status == 0
    assert text.startswith("Appraisal of 'Evaluating the reconfiguration")
    status, md = run("appraise", "--example", "one-stage", "--format", "markdown")
    assert md.startswith("# Appraisal: Setting priorities")
    status, js = run("appraise", "--example", "all-favour", "--format", "json")
    assert load_appraisal(js).emphasis.verdict.value == "clearly-more"
    out = tmp_path / "r.html"
    assert run("appraise", "--example", "--format", "html", "--output", str(out)) == (0, "")
    assert out.read_text().startswith("<!doctype html>")
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # the umask, not mkstemp's 600


def test_list_examples() -> None:
    status, text = run("appraise", "--list-examples")
    assert status == 0
    lines = text.splitlines()
    assert [line.split()[0] for line in lines[: len(examples())]] == list(examples())
    # each with a one-line situation: the example's title
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines[: len(examples())])
    assert "--example NAME" in lines[-1]


def test_init_then_validate_then_appraise(tmp_path: Path) -> None:
    target = tmp_path / "project.yaml"
    assert run("init", "--output", str(target))[0] == 0
    assert "# A coproduce project" in target.read_text()
    assert load_project(target).title == "My project"
    assert run("validate", str(target)) == (0, f"{target}: ok\n")
    status, text = run("appraise", str(target))
    assert status == 0 and "Appraisal of 'My project'" in text
    assert run("init", "--output", str(target))[0] == 2  # never overwrites


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "title": 3, "plan": [{"mode": "deep"}]}')
    good = tmp_path / "good.yaml"
    good.write_text("schema_version: 1\ntitle: fine\n")
    status, text = run("validate", str(bad), str(good))
    assert status == 1
    assert f"{bad}: 4 problems" in text  # title; stage, stakeholder missing; mode
    assert "$.plan[0].mode: 'deep' is not a valid Mode" in text
    assert f"{good}: ok" in text


def test_invalid_input_is_exit_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\ntitle: t\nplan:\n  - {stage: stage.moon, stakeholder: x, "
        "mode: advice}\n"
    )
    status, out = run("appraise", str(bad))
    err = capsys.readouterr().err
    assert (status, out) == (1, "")
    assert "$.plan[0].stakeholder: names 'x'" in err
    assert "Traceback" not in err
    assert run("appraise", str(tmp_path / "missing.json"))[0] == 1


def test_misuse_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("appraise")[0] == 2
    assert "give a PATH" in capsys.readouterr().err
    assert run("appraise", "--example", "nope")[0] == 2
    assert "choose one of: all-disfavour" in capsys.readouterr().err
    assert run("catalogue", "show", "cost.nope")[0] == 2
    with pytest.raises(SystemExit) as info:
        run("appraise", "--format", "pdf")
    assert info.value.code == 2


def test_failed_output_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("previous report")
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert run("appraise", str(bad), "--output", str(out))[0] == 1
    assert out.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "report.html"]


def test_catalogue_graph_schema() -> None:
    status, text = run("catalogue")
    assert status == 0 and "condition.capacity" in text and "stages (7)" in text
    status, text = run("catalogue", "show", "cost.burnout", "--format", "json")
    assert json.loads(text)["source"] == {
        "page": 5,
        "locator": "Challenges and costs to coproduction, 'Second'",
    }
    assert json.loads(run("catalogue", "--format", "json")[1])["version"] == "2019.2"
    for fmt, start in (
        ("graphml", "<?xml"),
        ("gexf", "<?xml"),
        ("json", "{"),
        ("dot", "digraph coproduce {"),
    ):
        status, text = run("graph", "--format", fmt)
        assert status == 0 and text.startswith(start), fmt
    status, text = run("graph", "--format", "dot")
    assert '"stage.framing-questions" -> "challenge.co-opted"' in text
    assert json.loads(run("schema", "appraisal")[1])["$id"] == "urn:coproduce:schema:appraisal:2"


def test_console_script_and_module_with_stdin() -> None:
    doc = json.dumps({"schema_version": 1, "title": "From stdin"})
    for cmd in (["coproduce"], [sys.executable, "-m", "coproduce"]):
        exe = Path(sys.executable).parent / "coproduce" if cmd == ["coproduce"] else None
        argv = [str(exe)] if exe else cmd
        done = subprocess.run(
            [*argv, "appraise", "-", "--format", "markdown"],
            input=doc,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("# Appraisal: From stdin")
    done = subprocess.run(
        [sys.executable, "-m", "coproduce", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "coproduce appraise --example" in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "coproduce"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
