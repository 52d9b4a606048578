"""Run the document fuzz tests for longer than CI does.

Usage: .venv/bin/python scripts/fuzz.py [EXAMPLES]   (default 200000)

EXAMPLES is what CI's 10,000 becomes: the fuzz tests of
``tests/documents/test_documents.py`` run that many examples (generated projects a quarter
of it), those of ``tests/documents/test_fuzz.py`` (every kind of document - project, log,
entry, rate card, catalogue - in every format, and what the commands do after reading each)
as many times more as EXAMPLES is over 10,000.

Every generated document must load into a model object or raise DocumentError, and what
loads must go through every command raising nothing but the library's own errors; anything
else is a bug, and Hypothesis prints the smallest document that shows it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Run the fuzz tests with the example count from ``argv``."""
    examples = argv[1] if len(argv) > 1 else "200000"
    env = {**os.environ, "COPRODUCE_FUZZ_EXAMPLES": examples}
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "tests/documents/test_documents.py",
        "tests/documents/test_fuzz.py",
        "-m",
        "slow",
        "-k",
        "fuzz or mutants",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
    ]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
