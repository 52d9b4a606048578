"""Appraise a bundled example project and print the reasoned advice.

Usage: python examples/appraise_example.py [PROJECT.json]
(default: the bundled contested-policy example)
"""

from __future__ import annotations

import sys
from pathlib import Path

from coproduce import appraise, sensitivity
from coproduce.errors import CoproduceError
from coproduce.io import example_path, load_project


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else example_path("contested-policy")
    try:
        project = load_project(path)
        result = appraise(project)
    except CoproduceError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(result.explain())
    print("\nWhat would change the decision-makers' Table 2 verdict:")
    for row in sensitivity(project):
        if row.changes_verdict:
            ways = ", ".join(f"{o.lean.value} -> {o.verdict.value}" for o in row.outcomes)
            print(f"  Table 2 row {row.number} ({row.condition}, now {row.lean.value}): {ways}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
