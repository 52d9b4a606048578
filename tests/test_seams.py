"""The seams between commands (issue #26): each as a user would run it, with its outputs."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from coproduce.cli import main
from coproduce.io import example_log_path, example_path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue()


def test_init_then_log_new_then_track_finds_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project.yaml"
    assert run("init", "--output", str(project))[0] == 0
    status, said = run("log", "new", str(project))
    assert status == 0, capsys.readouterr().err
    log = tmp_path / "my-project.log.yaml"
    assert said == f"{log}: a new log for project 'my-project'\n"
    capsys.readouterr()
    status, text = run("track", str(project))
    assert status == 0
    assert text.startswith("Planned against actual: My project")
    assert f"log: {log} (the log of project 'my-project')" in capsys.readouterr().err


def test_track_finds_the_log_in_a_logs_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.yaml"
    shutil.copy(example_path("trial-patient-partners"), project)
    (tmp_path / "logs").mkdir()
    log = tmp_path / "logs" / "trial-patient-partners.log.yaml"
    shutil.copy(example_log_path("trial-patient-partners"), log)
    status, given = run("track", str(project), str(log))
    assert status == 0
    capsys.readouterr()
    assert run("track", str(project)) == (0, given)
    assert f"log: {log}" in capsys.readouterr().err


def test_track_without_a_log_says_where_it_looked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "study.yaml"
    shutil.copy(example_path("contested-ltn"), project)
    assert run("track", str(project)) == (2, "")
    err = capsys.readouterr().err
    assert "no log of project 'contested-ltn' is beside" in err
    assert "contested-ltn.log.yaml" in err
    assert f"coproduce log new {project}" in err
    assert "Traceback" not in err
    project.write_text("schema_version: 2\ntitle: No id\n")
    assert run("track", str(project)) == (2, "")
    assert "has no id to find its log by" in capsys.readouterr().err
