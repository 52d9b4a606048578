"""Packages that load their names on first use: every public name resolves, and reading a
project does not load the engine, the tracking module or the log records."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

LAZY = ("coproduce.appraisal", "coproduce.tracking", "coproduce.model")


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
