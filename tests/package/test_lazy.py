"""Packages that load their names on first use: every public name resolves, and reading a
project does not load the engine, the tracking module or the log records; the light
commands (``--help``, ``validate``, ``log add``) load only what they need."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LAZY = ("coproduce.appraisal", "coproduce.tracking", "coproduce.model", "coproduce.io")


@pytest.mark.parametrize("name", LAZY)
def test_every_public_name_resolves_to_what_its_submodule_exports(name: str) -> None:
    package = importlib.import_module(name)
    for public in package.__all__:
        value = getattr(package, public)
        home = getattr(value, "__module__", None)
        if isinstance(home, str) and home.startswith(f"{name}._"):
            assert getattr(sys.modules[home], public, value) is value, public
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        package.nonesuch  # noqa: B018


def test_the_registries_are_filled_whichever_name_is_asked_first() -> None:
    code = "import coproduce.appraisal as a; assert len(a.FINDINGS) > 10, len(a.FINDINGS)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_validating_a_project_loads_neither_the_engine_nor_tracking() -> None:
    code = (
        "import sys\n"
        "from coproduce.cli import main\n"
        "from coproduce.io import example_path\n"
        "assert main(['validate', str(example_path('contested-policy'))]) == 0\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('coproduce'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    loaded = set(out)
    assert "coproduce.appraisal._plan" in loaded  # the plan is checked...
    for heavy in (
        "coproduce.appraisal._engine",
        "coproduce.appraisal._results",
        "coproduce.tracking._track",
        "coproduce.model._log",
        "coproduce.portfolio",
    ):
        assert heavy not in loaded, heavy  # ...without loading what only appraising needs


def test_a_first_appraisal_loads_costing_only_for_a_project_with_a_costing() -> None:
    code = (
        "import sys\n"
        "from coproduce import Involvement, Mode, Project, Stakeholder, StakeholderKind\n"
        "from coproduce import appraise\n"
        "appraise(Project(title='t', stakeholders=(Stakeholder(id='m', kind=StakeholderKind."
        "POLICY_MAKER),), plan=(Involvement(stage='stage.recommendations', stakeholder='m', "
        "mode=Mode.PARTNERSHIP),)))\n"
        "print('coproduce.costing' in sys.modules)\n"
        "from coproduce.io import load_example\n"
        "result = appraise(load_example('contested-policy'))\n"
        "print('coproduce.costing' in sys.modules, result.costs is not None)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["False", "True", "True"]  # loaded, and the costs read, once one has one


# ------------------------------------------------------------------ the light commands


def _loaded_by(argv: list[str], cwd: Path) -> set[str]:
    """The modules a fresh process has loaded once ``coproduce ARGV`` succeeded."""
    code = (
        "import contextlib, io, sys\n"
        "from coproduce.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        status = main({argv!r})\n"
        "    except SystemExit as exc:\n"
        "        status = exc.code\n"
        "assert status == 0, status\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=cwd
    )
    return set(done.stdout.split())


def _heavy(loaded: set[str], *packages: str) -> list[str]:
    """Those of ``packages`` (or their modules) that were loaded."""
    return [p for p in packages if any(m == p or m.startswith(f"{p}.") for m in loaded)]


@pytest.fixture
def trial(tmp_path: Path) -> Path:
    """A folder with a project, its log, and an entry to add to it."""
    from coproduce.io import example_log_path, example_path

    shutil.copy(example_path("trial-patient-partners"), tmp_path)
    shutil.copy(example_log_path("trial-patient-partners"), tmp_path)
    (tmp_path / "entry.yaml").write_text('date: "2030-01-15"\nnote: results workshop\n')
    return tmp_path


def test_help_loads_neither_the_library_nor_its_dependencies(tmp_path: Path) -> None:
    loaded = _loaded_by(["--help"], tmp_path)
    assert (
        _heavy(
            loaded,
            "coproduce.appraisal",
            "coproduce.report",
            "coproduce.graph",
            "coproduce.catalogue",
            "coproduce.costing",
            "coproduce.model",
            "coproduce.portfolio",
            "coproduce.tracking",
            "networkx",
            "cattrs",
            "msgspec",
            "yaml",
        )
        == []
    )


def test_validating_a_project_loads_no_report_graph_engine_or_writer(trial: Path) -> None:
    loaded = _loaded_by(["validate", "trial-patient-partners.yaml"], trial)
    assert "coproduce.appraisal._plan" in loaded  # the plan is checked...
    assert (
        _heavy(
            loaded,
            "coproduce.report",
            "coproduce.graph",
            "networkx",
            "coproduce.portfolio",
            "coproduce.tracking",
            "coproduce.appraisal._engine",
            "coproduce.io._logs",  # ...and nothing only logs or writing need
            "coproduce.io._dump",
        )
        == []
    )


def test_adding_a_log_entry_loads_only_what_checking_it_needs(trial: Path) -> None:
    argv = ["log", "add", "trial-patient-partners.log.yaml", "--entry", "entry.yaml"]
    loaded = _loaded_by(argv, trial)
    assert {"coproduce.tracking._check", "coproduce.io._logs"} <= loaded
    assert (
        _heavy(
            loaded,
            "coproduce.report",
            "coproduce.graph",
            "networkx",
            "coproduce.appraisal._engine",
            "coproduce.appraisal._results",
            "coproduce.tracking._compare",
            "coproduce.portfolio._batch",
            "coproduce.io._dump",
        )
        == []
    )
