"""House habits that a future change could silently undo: packaging, generated code, FrozenMap."""

from __future__ import annotations

import copy
import linecache
import pickle
import re
import subprocess
import sys
import tomllib
import traceback
from pathlib import Path

import pytest
from tests import _paths

import coproduce
from coproduce.io._fast import _class_builder
from coproduce.model import FrozenMap, Stakeholder

ROOT = _paths.ROOT
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_tools_are_dependency_groups_not_extras() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    groups = PYPROJECT["dependency-groups"]
    assert set(extras) == {"pandas", "plot", "dask", "testing"}, "extras are for users"
    assert {"test", "docs", "lint", "dev"} <= set(groups)
    tools = {"pytest", "sphinx", "ruff", "mypy", "import-linter", "sybil"}
    assert not tools & _names([r for reqs in extras.values() for r in reqs])


def test_the_test_group_covers_every_extra_with_the_same_bounds() -> None:
    """The tests exercise every extra, so `--group test` must install what each one needs."""
    test_group = set(PYPROJECT["dependency-groups"]["test"])
    for name, requirements in PYPROJECT["project"]["optional-dependencies"].items():
        if name == "testing":  # hypothesis, capped in the group for hypothesis-jsonschema
            assert _names(requirements) <= _names(list(test_group))
            continue
        assert set(requirements) <= test_group, f"extra {name!r} drifted from the test group"


def test_slow_marker_is_registered_and_deselected_by_the_readme() -> None:
    markers = PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]
    assert markers == [
        "slow: long fuzz and browser tests; CI runs them, the README's test command deselects them"
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '-m "not slow"' in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '-m "not slow"' not in ci, "CI runs the slow tests too"


def test_generated_builders_show_their_source_in_tracebacks() -> None:
    build = _class_builder(Stakeholder)
    filename = build.__code__.co_filename
    assert filename.startswith("<coproduce fast builder coproduce.model.")
    assert linecache.getline(filename, 1) == "def build(v):\n"
    with pytest.raises(AttributeError) as info:
        build(None)
    shown = "".join(traceback.format_exception(info.value))
    assert "s_id(o, v.id)" in shown  # the slots filled straight, no __init__ to run


def test_frozen_map_refuses_every_write_including_a_second_init() -> None:
    m: FrozenMap[str, int] = FrozenMap({"a": 1})
    for write in (
        lambda: m.__setitem__("b", 2),
        lambda: m.update(b=2),
        lambda: m.__init__({"b": 2}),  # type: ignore[misc]
        lambda: FrozenMap.__init__(m, b=2),
        lambda: setattr(m, "_sealed", False),
    ):
        with pytest.raises(TypeError, match="FrozenMap is read-only"):
            write()
    assert m == {"a": 1}
    empty: FrozenMap[str, int] = FrozenMap()
    with pytest.raises(TypeError):
        empty.__init__({"b": 2})  # type: ignore[misc]
    assert empty == {}


def test_frozen_map_pickles_and_copies_as_itself() -> None:
    m: FrozenMap[str, object] = FrozenMap({"a": (1, 2)}, b=3)
    back = pickle.loads(pickle.dumps(m))
    assert type(back) is FrozenMap and back == m
    assert copy.copy(m) is m and copy.deepcopy(m) is m
    with pytest.raises(TypeError):
        back["c"] = 4


def test_paths_the_readme_and_tutorial_name_exist() -> None:
    """Every repository path the README and tutorial point to (``examples/projects/`` ...)."""
    named: set[str] = set()
    for page in ("README.md", "docs/tutorial.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)  # prose only, not blocks
        for quoted in re.findall(r"`([^`]+)`", text):
            named |= {token for token in quoted.split() if "/" in token}
    local = {
        p for p in named if p.split("/")[0] in {"examples", "scripts", "benchmarks", "docs", ".ci"}
    }
    assert {"examples/projects/", "scripts/fuzz.py", "benchmarks/run.py", ".ci/run"} <= local
    for p in sorted(local - {"docs/_build/html"}):  # the docs build writes that one
        assert (ROOT / p).exists(), p
    # the folder also holds logs/, the example involvement logs, which are not projects
    projects = sorted(p for p in (ROOT / "examples" / "projects").iterdir() if p.is_file())
    assert len(projects) == 19, "the README says nineteen example projects"


def test_version_answers_from_the_environment() -> None:
    exe = Path(sys.executable).parent / "coproduce"
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"coproduce {coproduce.__version__}\n"
