"""Write the golden text report of every bundled example: tests/golden/reports/NAME.txt.

Run it after a change to the engine or the report, then read the diff line by line before
committing (``git diff tests/golden/reports``): every changed line is a change in what a team
is told. ``tests/report/test_golden.py`` fails until the files match what the code says.

    .venv/bin/python scripts/golden_reports.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from coproduce import appraise
from coproduce.io import examples, load_example
from coproduce.report import to_text

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "reports"


def main() -> int:
    """Write one report per bundled example, and remove those of examples gone."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    names = set(examples())
    for name in sorted(names):
        (GOLDEN / f"{name}.txt").write_text(to_text(appraise(load_example(name))) + "\n")
    for stale in GOLDEN.glob("*.txt"):
        if stale.stem not in names:
            stale.unlink()
    print(f"wrote {len(names)} reports to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
