"""The coproduce command: outputs, exit statuses, no tracebacks, atomic files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.cli import main
from coproduce.costing import costing_problems
from coproduce.costing import default_rate_card as default_card
from coproduce.io import (
    dump_project,
    example_log_path,
    example_path,
    examples,
    load_appraisal,
    load_example,
    load_project,
    load_rate_card,
)
from coproduce.model import InvolvementCosting, PaymentMethod, Project, StaffTime, TeamTime
from coproduce.testing import costed_projects


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
    assert "$.plan[0].mode: 'deep' is not a mode of involvement" in text
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
    assert json.loads(run("catalogue", "--format", "json")[1])["version"] == "2019.3"
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


# --------------------------------------------------------------------------- validate: the roles


CARDS = {
    "peer": 'id = "peer"\ncurrency = "GBP"\n[[rates]]\nrole = "peer-researcher"\nunit = "hour"\n'
    'amount = "25"\n',
    "euro": 'id = "euro"\ncurrency = "EUR"\n',
    "twice": 'id = "twice"\ncurrency = "GBP"\n[[rates]]\nrole = "peer-researcher"\nunit = "hour"'
    '\n[[rates]]\nrole = "peer-researcher"\nunit = "hour"\n',
}


def _card(folder: Path, name: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(CARDS[name])
    return path


def _unknown_fee_role(folder: Path) -> tuple[Path, int]:
    """contested-policy, its first paid line's role renamed: the file and the role's line."""
    text = example_path("contested-policy").read_text(encoding="utf-8")
    old = "    role: public-contributor\n"
    at = text.index(old)
    path = folder / "project.yaml"
    path.write_text(text[:at] + "    role: peer-researcher\n" + text[at + len(old) :])
    return path, text[:at].count("\n") + 1


def test_validate_refuses_a_role_no_card_prices_as_cost_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, line = _unknown_fee_role(tmp_path)
    status, out = run("validate", str(bad))
    assert status == 1
    assert out.startswith(f"{bad}: 1 problem\n")
    assert (
        f"{bad}:{line}:11: $.costing.involvements[0].role: no rate for role 'peer-researcher' "
        "per hour in the rate cards" in out
    )
    assert (
        "looked in the project's own card 'example-contested-policy' over the shipped card "
        "'nihr'; --rates FILE names another card  [unknown-reference]" in out
    )
    assert run("cost", str(bad)) == (1, "")
    assert "costing.involvements[0].role: no rate for role 'peer-researcher'" in (
        capsys.readouterr().err
    )


def test_validate_with_rates_checks_against_that_card(tmp_path: Path) -> None:
    bad, _ = _unknown_fee_role(tmp_path)
    peer = _card(tmp_path, "peer")
    assert run("validate", str(bad), "--rates", str(peer)) == (0, f"{bad}: ok\n")
    assert run("cost", str(bad), "--rates", str(peer))[0] == 0
    status, out = run("validate", str(bad), "--rates", str(_card(tmp_path, "euro")))
    assert status == 1 and out.startswith(f"{bad}: 2 problems\n")
    assert f"$.costing.currency: the currency of the card in {tmp_path / 'euro.toml'}" in out
    assert f"over the card in {tmp_path / 'euro.toml'} ('euro')  [unknown-reference]" in out
    assert "--rates FILE names another card" not in out  # it was given


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('id = "x"\ncurrency = "GBP"\n[[rates]]\nrole = "m"\nunit = "week"\n', ":5:8: $.rates[0]"),
        ('id = "x"\ncurrency = "GBP\n', ":2:16: $: not valid TOML"),
        (None, ": rate card has 1 problem:\n  - $: cannot read"),
    ],
)
def test_a_bad_rates_file_is_reported_as_cost_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | None, where: str
) -> None:
    card = tmp_path / "card.toml"
    if text is not None:
        card.write_text(text)
    project = example_path("contested-policy")
    for command in ("validate", "cost"):
        assert run(command, str(project), "--rates", str(card)) == (1, "")
        err = capsys.readouterr().err
        assert err.startswith(f"coproduce {command}: {card}: rate card has 1 problem:\n")
        assert f"{card}{where}" in err and "Traceback" not in err


def test_validate_checks_no_roles_of_logs_and_projects_without_a_costing(tmp_path: Path) -> None:
    euro = _card(tmp_path, "euro")
    log = example_log_path("contested-policy")
    status, out = run("validate", str(example_path("one-stage")), str(log), "--rates", str(euro))
    assert status == 0, out
    bad, _ = _unknown_fee_role(tmp_path)
    assert run("validate", "--project", str(bad), str(log))[0] == 0  # a log checks its lines


def _mutations(project: Project) -> dict[str, Project]:
    """The project, and for a costed one each kind of role no card prices, and no own card."""
    plan = project.costing
    if plan is None:
        return {"as shipped": project}
    first, who = plan.involvements[0], project.researchers[0].id
    role = "peer-researcher"

    def first_becomes(line: InvolvementCosting) -> Project:
        lines = (line, *plan.involvements[1:])
        return attrs.evolve(project, costing=attrs.evolve(plan, involvements=lines))

    staff = (*plan.staff, StaffTime(description="coordination", hours=Decimal(5), role=role))
    return {
        "as shipped": project,
        "fee role": first_becomes(attrs.evolve(first, role=role, payment=PaymentMethod.PAID)),
        "team role": first_becomes(
            attrs.evolve(first, team=(TeamTime(researcher=who, hours=Decimal(1), role=role),))
        ),
        "staff role": attrs.evolve(project, costing=attrs.evolve(plan, staff=staff)),
        "no own card": attrs.evolve(project, costing=attrs.evolve(plan, rate_card=None)),
    }


def test_validate_ok_is_cost_not_refusing_across_the_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = [[], *(["--rates", str(_card(tmp_path, name))] for name in CARDS)]
    outcomes = set()
    for name in examples():
        for mutation, project in _mutations(load_example(name)).items():
            path = tmp_path / f"{name}-{mutation.replace(' ', '-')}.yaml"
            path.write_text(dump_project(project, "yaml"))
            for rates in cards:
                valid = run("validate", str(path), *rates)[0] == 0
                costed = run("cost", str(path), "-f", "json", *rates)[0] == 0
                err = capsys.readouterr().err
                case = (name, mutation, rates)
                if project.costing is None:
                    assert valid and "the project has no costing section" in err, case
                    continue
                assert valid == costed, (case, err)
                outcomes.add((mutation, valid))
    # the table holds both answers for the mutated projects, so it can fail either way
    assert {("fee role", False), ("fee role", True), ("as shipped", True)} <= outcomes
    assert {("team role", False), ("staff role", False), ("no own card", False)} <= outcomes


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    project=costed_projects(),
    keep=st.lists(st.booleans(), min_size=6, max_size=6),
    given_card=st.sampled_from([None, *CARDS]),
)
def test_validate_ok_is_cost_not_refusing_for_any_costing(
    tmp_path_factory: pytest.TempPathFactory,
    project: Project,
    keep: list[bool],
    given_card: str | None,
) -> None:
    plan = project.costing
    assert plan is not None and plan.rate_card is not None
    rates = tuple(r for r, k in zip(plan.rate_card.rates, keep, strict=True) if k)
    own = attrs.evolve(plan.rate_card, rates=rates) if any(keep) else None
    project = attrs.evolve(project, costing=attrs.evolve(plan, rate_card=own))
    folder = tmp_path_factory.mktemp("costed")
    path = folder / "project.json"
    path.write_text(dump_project(project))
    argv = ["--rates", str(_card(folder, given_card))] if given_card else []
    status, out = run("validate", str(path), *argv)
    cost_status = run("cost", str(path), "-f", "json", *argv)[0]
    assert (status == 0) == (cost_status == 0), out
    card = load_rate_card(folder / f"{given_card}.toml") if given_card else None
    for at, _, _ in costing_problems(project, rates=card or default_card()):
        assert f"$.{at}: " in out or at.startswith("rates.")
