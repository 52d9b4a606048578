"""Every bundled example's report, kept as golden text: a change in advice is a visible diff.

Regenerate with ``python scripts/golden_reports.py`` and read the diff line by line.
"""

from __future__ import annotations

import re

import pytest
from tests import _paths

from coproduce import __version__, appraise
from coproduce.io import examples, load_example
from coproduce.report import to_text

GOLDEN = _paths.GOLDEN / "reports"


def _normal(text: str, version: str) -> str:
    return text.replace(f"coproduce {version}", "coproduce VERSION")


@pytest.mark.parametrize("name", examples())
def test_the_report_is_what_the_golden_file_says(name: str) -> None:
    path = GOLDEN / f"{name}.txt"
    assert path.exists(), "run: python scripts/golden_reports.py"
    written = path.read_text()
    found = re.search(r"^coproduce (\S+) · policy", written, re.MULTILINE)
    version = found.group(1) if found else ""
    fresh = to_text(appraise(load_example(name))) + "\n"
    assert _normal(fresh, __version__) == _normal(written, version), (
        "the advice or the report changed: run python scripts/golden_reports.py and read the diff"
    )


def test_every_golden_report_has_its_example() -> None:
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(examples())
