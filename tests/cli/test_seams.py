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
    capsys.readouterr()
    assert run("log", "new", str(project)) == (0, "")
    log = tmp_path / "my-project.log.yaml"
    err = capsys.readouterr().err
    assert err.startswith(f"wrote {log}: a new log for project 'my-project'\n")
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


_BAD = """\
schema_version: 2
title: Bad
stakeholders:
  - id: users
    kind: patien
plan:
  - stage: stage.framing-questions
    stakeholder: user
    mode: consult
  - stage: stage.framing-questionz
    stakeholder: users
    mode: consultation
    aims: 3
"""


def test_validate_finds_every_problem_in_one_run_in_line_order(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(_BAD)
    status, text = run("validate", str(bad))
    assert status == 1
    lines = text.splitlines()
    assert lines[0] == f"{bad}: 5 problems"
    places = [line.split(": ")[0].removeprefix(f"{bad}:") for line in lines[1:]]
    assert places == ["5:11", "8:18", "9:11", "10:12", "13:11"]
    # the misspelt stakeholder beside the bad mode, and the stage beside the bad aims
    assert "$.plan[0].stakeholder: names 'user'" in text
    assert "did you mean 'users'?" in text
    assert "$.plan[1].stage: names 'stage.framing-questionz'" in text
    # in the user's words, never a Python class's name
    assert "'patien' is not a kind of stakeholder; did you mean 'patient'?" in text
    assert "'consult' is not a mode of involvement" in text
    assert "StakeholderKind" not in text
    assert "Mode" not in text
    assert "(expected a list of strings)" in text


def test_validate_json_gives_problems_as_records(tmp_path: Path) -> None:
    import json

    bad = tmp_path / "bad.yaml"
    bad.write_text(_BAD)
    good = example_path("contested-policy")
    status, text = run("validate", "--format", "json", str(bad), str(good))
    assert status == 1
    data = json.loads(text)
    assert data["valid"] is False
    first, second = data["documents"]
    assert (first["file"], first["valid"], second["valid"]) == (str(bad), False, True)
    assert second["problems"] == []
    kind = first["problems"][0]
    assert kind == {
        "file": str(bad),
        "path": "$.stakeholders[0].kind",
        "line": 5,
        "column": 11,
        "code": "invalid-value",
        "message": "'patien' is not a kind of stakeholder; did you mean 'patient'?",
        "expected": kind["expected"],
        "severity": "error",
    }
    assert kind["expected"].startswith("one of 'policy-maker', 'funder'")
    assert [p["line"] for p in first["problems"]] == [5, 8, 9, 10, 13]
    status, text = run("validate", "-f", "json", str(good))
    assert (status, json.loads(text)["valid"]) == (0, True)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "projects"
    folder.mkdir()
    for name in ("contested-policy", "one-stage"):
        shutil.copy(example_path(name), folder / f"{name}.yaml")
    shutil.copy(example_log_path("contested-policy"), folder / "contested-policy.log.yaml")
    return folder


def test_every_command_says_on_stderr_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    project = str(folder / "contested-policy.yaml")
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "appraise.html": ["appraise", project],
        "cost.md": ["cost", project],
        "standards.md": ["report", project, "--kind", "standards"],
        "graph.graphml": ["graph"],
        "track.html": ["track", project],
        "portfolio.txt": ["portfolio", str(folder)],
        "template.yaml": ["init"],
    }
    for name, argv in commands.items():
        target = out / name
        assert run(*argv, "--output", str(target)) == (0, ""), name
        assert f"wrote {target}\n" in capsys.readouterr().err, name
        assert target.stat().st_size > 0
    lines, summary = out / "batch.jsonl", out / "summary.json"
    status, _ = run("appraise", "--batch", str(folder), "-o", str(lines), "--summary", str(summary))
    err = capsys.readouterr().err
    assert status == 0
    assert f"wrote {lines}\n" in err and f"wrote {summary}\n" in err


def test_portfolio_prints_text_by_default_as_every_report_command_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    project = str(folder / "contested-policy.yaml")
    for argv in (["appraise", project], ["cost", project], ["track", project]):
        status, text = run(*argv)
        assert status == 0 and not text.lstrip().startswith("{"), argv
    status, text = run("portfolio", str(folder))
    assert status == 0
    assert text.startswith("Portfolio: involvement planned against actual")
    assert run("portfolio", str(folder), "-f", "json")[1].startswith("{")


def test_a_note_is_said_once_per_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(example_path("contested-policy"))
    argv = ("cost", project, "--budget", "5000", "--budget-hours", "40")
    assert run(*argv)[0] == 0
    err = capsys.readouterr().err
    assert err.count("note: --budget (GBP 5,000.00) replaces") == 1
    assert err.count("note: --budget-hours (40 hours) replaces") == 1
    assert run(*argv)[0] == 0  # a second run of the command says them again
    assert capsys.readouterr().err == err


def test_log_codes_lists_what_an_entry_may_name(tmp_path: Path) -> None:
    import json

    from coproduce.io import load_example

    project = load_example("contested-policy")
    status, text = run("log", "codes", str(example_path("contested-policy")))
    assert status == 0
    assert text.startswith("What a log entry may name, for project 'contested-policy'")
    for s in project.stakeholders:
        assert f"  {s.id} " in text
    assert "risk.usual-suspects" in text and "'Usual suspects' dominate" in text
    assert "practice-risk.safeguarding" in text and "stage.framing-questions" in text
    status, data = run("log", "codes", str(example_path("contested-policy")), "-f", "json")
    codes = json.loads(data)
    assert list(codes["stakeholders"]) == [s.id for s in project.stakeholders]
    assert list(codes["aims"]) == [a.id for a in project.aims]
    # every code listed is one a log entry is accepted with
    entry = tmp_path / "entry.yaml"
    log = tmp_path / "contested-policy.log.yaml"
    shutil.copy(example_path("contested-policy"), tmp_path / "contested-policy.yaml")
    assert run("log", "new", str(tmp_path / "contested-policy.yaml"))[0] == 0
    risks = "".join(f"  - {{code: {c}, note: seen}}\n" for c in codes["risk codes"])
    entry.write_text(f"date: 2026-12-01\nrisks:\n{risks}")
    assert run("log", "add", str(log), "--entry", str(entry))[0] == 0
    status, alone = run("log", "codes")
    assert status == 0 and "\nStakeholders (" not in alone and "risk.usual-suspects" in alone


def test_did_you_mean_for_risk_codes_and_costing_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(example_path("contested-policy"), tmp_path / "contested-policy.yaml")
    assert run("log", "new", str(tmp_path / "contested-policy.yaml"))[0] == 0
    entry = tmp_path / "entry.yaml"
    entry.write_text(
        "date: 2026-12-01\nrisks:\n  - {code: risk.usual-suspect, note: x}\n"
        "mitigations:\n  - {risk: practice-risk.safeguardin, mitigation: y}\n"
    )
    log = tmp_path / "contested-policy.log.yaml"
    assert run("log", "add", str(log), "--entry", str(entry)) == (1, "")
    err = capsys.readouterr().err
    assert "did you mean 'risk.usual-suspects'?" in err
    assert "did you mean 'practice-risk.safeguarding'?" in err
    costed = tmp_path / "costed.yaml"
    text = example_path("contested-policy").read_text()
    costed.write_text(text.replace("role: public-contributor\n", "role: public-contributer\n"))
    status, out = run("validate", str(costed))
    assert status == 1
    assert "no rate for role 'public-contributer'" in out
    assert "did you mean 'public-contributor'?" in out


def _over_budget_folder(tmp_path: Path) -> Path:
    """Three projects: one over budget (no-resources, given an id), one within, one with none."""
    folder = tmp_path / "projects"
    folder.mkdir()
    over = example_path("no-resources").read_text()
    (folder / "no-resources.yaml").write_text(over.replace("title:", "id: unfunded\ntitle:", 1))
    for name in ("contested-policy", "one-stage"):
        shutil.copy(example_path(name), folder / f"{name}.yaml")
    shutil.copy(example_log_path("contested-policy"), folder / "contested-policy.log.yaml")
    return folder


def test_portfolio_progress_bar_and_over_budget_projects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    folder = _over_budget_folder(tmp_path)
    status, text = run("portfolio", str(folder), "--progress", "-f", "json")
    assert status == 0
    err = capsys.readouterr().err
    assert "3/3" in err and "] 1/3" in err  # the bar moves project by project
    rows = [r.get("project_id") for r in json.loads(text)["project_rows"]]
    assert rows == ["contested-policy", "unfunded", None]  # one-stage has no id
    assert run("portfolio", str(folder), "--no-progress")[0] == 0
    assert "/3" not in capsys.readouterr().err


def test_frame_tables_name_projects_by_id(tmp_path: Path) -> None:
    from coproduce import Project, appraise, frame
    from coproduce.costing import cost
    from coproduce.io import load_example
    from coproduce.portfolio import TrackingPortfolio, pairs, track_many

    results = [appraise(load_example(n)) for n in ("contested-policy", "chw-malawi")]
    results.append(appraise(Project(title="No id")))
    assert list(dict.fromkeys(frame.risks(results)["project"])) == [
        "contested-policy",
        "chw-malawi",
    ]
    assert list(frame.questions(results)["project"].unique()) == [
        "contested-policy",
        "chw-malawi",
        "#2",
    ]
    lines = frame.costs([cost(load_example("contested-policy")), None])
    assert set(lines["project"]) == {"contested-policy"}
    view = TrackingPortfolio()
    for entry in track_many(pairs(_over_budget_folder(tmp_path))):
        view.add(entry)
    table = frame.portfolio_tracking(view.summary())["projects"].set_index("project")
    assert table.loc["unfunded", "over_budget"]
    unfunded = table.loc["unfunded"]
    assert unfunded["planned"] > unfunded["budget"]
    assert not table.loc["contested-policy", "over_budget"]
    assert table.loc["contested-policy", "spent"] == 982.5


def test_cost_heat_map_has_a_legend() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from coproduce import appraise
    from coproduce.io import load_example
    from coproduce.plot import plot_exposure

    ax = plot_exposure(appraise(load_example("contested-policy")))
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:4] == ["no risk", "worst risk low", "worst risk medium", "worst risk high"]
    assert "(!) least able to bear costs" in labels
    assert "most serious" in legend.get_title().get_text()


def test_constructors_refuse_what_the_engine_refuses_with_the_same_error_and_paths() -> None:
    from coproduce import Involvement, Mode, Project, Stakeholder, StakeholderKind, appraise
    from coproduce.errors import DocumentError, PlanError
    from coproduce.io import load_project

    with pytest.raises(PlanError) as built:
        Involvement(stage="stage.dissemination", stakeholder="a", mode="partnership")  # type: ignore[arg-type]
    (issue,) = built.value.issues
    assert (issue.path, issue.code) == ("$.mode", "wrong-type")
    assert "a mode of involvement" in issue.message
    assert "Mode('partnership') makes one" in issue.message
    assert str(built.value).startswith("a line of the plan (Involvement) cannot be built")
    with pytest.raises(PlanError) as titled:
        Project(title="  ")
    assert [(i.path, i.code) for i in titled.value.issues] == [("$.title", "invalid-value")]
    # the loader refuses the same, at the same path, as a document's problem
    with pytest.raises(DocumentError) as read:
        load_project({"schema_version": 2, "title": ""})
    assert [(i.path, i.message) for i in read.value.issues] == [("$.title", "the title is empty")]
    # a list item of the wrong type is named by its place, $.plan[1]
    fine = Involvement(stage="stage.dissemination", stakeholder="a", mode=Mode.ADVICE)
    with pytest.raises(PlanError) as listed:
        Project(title="t", plan=[fine, "advice"])  # type: ignore[arg-type]
    assert [i.path for i in listed.value.issues] == ["$.plan[1]"]
    # the engine spells its paths the same way
    with pytest.raises(PlanError) as engine:
        appraise(Project(title="t", plan=(fine,)))
    assert [i.path for i in engine.value.issues] == ["$.plan[0].stakeholder"]
    assert isinstance(engine.value, ValueError)  # callers catching ValueError keep working
    ok = Stakeholder(id="a", kind=StakeholderKind.PATIENT)
    assert appraise(Project(title="t", stakeholders=[ok], plan=[fine])).title == "t"  # type: ignore[arg-type]


def test_records_built_with_lists_hash_and_equal_their_tuple_twins() -> None:
    import pickle

    from coproduce import Project
    from coproduce.model import Aim

    listed = Project(title="t", plan=[], aims=[Aim(id="a", description="d")])  # type: ignore[arg-type]
    tupled = Project(title="t", plan=(), aims=(Aim(id="a", description="d"),))
    assert listed == tupled and hash(listed) == hash(tupled)
    assert listed.aims == tupled.aims and type(listed.aims) is tuple
    assert {listed: 1}[tupled] == 1
    assert pickle.loads(pickle.dumps(listed)) == listed


def test_the_converter_is_private_and_its_public_faces_read_and_write_data() -> None:
    import coproduce.io
    from coproduce.io import load_example, load_project, to_data

    assert "converter" not in coproduce.io.__all__
    with pytest.raises(AttributeError):
        coproduce.io.converter  # type: ignore[attr-defined]  # noqa: B018
    project = load_example("contested-policy")
    assert load_project({"schema_version": 2, **to_data(project)}) == project
