"""Fresh processes: importing, a first appraisal and whole commands (issues #12 and #28).

Every process runs with its bytecode cached as after ``pip install`` (see
:class:`floors.Fresh`), interleaved with its anchor, less an empty interpreter where the
anchor is an import. Each ratio is the ratio of the medians, with beside it the spread
(min/median/max) of the ratios round by round. Imported by ``benchmarks/run.py``; printed,
never asserted.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import floors

FIRST_APPRAISAL = (
    "import coproduce as c; c.appraise(c.Project(title='t', "
    "stakeholders=(c.Stakeholder(id='m', kind=c.StakeholderKind.POLICY_MAKER),), "
    "plan=(c.Involvement(stage='stage.recommendations', stakeholder='m', "
    "mode=c.Mode.PARTNERSHIP),)))"
)
"""A first appraisal after ``import coproduce``: it builds the engine and the catalogue."""


def _row(label: str, seen: dict[str, list[float]], name: str, anchor: str, target: str) -> float:
    """Print ``name`` against ``anchor`` (each less an empty run); the ratio of medians."""
    empty = statistics.median(seen["pass"])
    ms = (statistics.median(seen[name]) - empty) * 1e3
    base = (statistics.median(seen[anchor]) - empty) * 1e3
    per_round = floors.ratios(seen, name, anchor, less="pass")
    print(
        f"{label:40} {ms:6.1f} ms  {ms / base:4.2f}x {target:17} "
        f"(per run: {floors.spread(per_round)})"
    )
    return ms / base


def first_use_section(quick: bool) -> dict[str, float]:
    """Importing coproduce and a first appraisal, each against what it imports of attrs.

    Returns the first appraisal's ratio (``"first"``) and that of ``import coproduce``.
    """
    print("\n== fresh processes: import and a first appraisal, less an empty interpreter")
    runs = 7 if quick else 21
    with floors.Fresh() as fresh:
        anchor = floors.anchor_imports(fresh, FIRST_APPRAISAL)
        codes = {
            "pass": "pass",
            anchor: anchor,
            "import attrs, cattrs": "import attrs, cattrs",
            "import coproduce": "import coproduce",
            "first": FIRST_APPRAISAL,
        }
        seen = fresh.times({k: [sys.executable, "-c", v] for k, v in codes.items()}, runs)
        building = floors.class_building(fresh, FIRST_APPRAISAL, anchor, 5 if quick else 11)
    empty = statistics.median(seen["pass"])
    print(f"empty interpreter: {floors.spread(seen['pass'], 'ms', 1e3)} (min/median/max)")
    for name in dict.fromkeys((anchor, "import attrs, cattrs")):
        values = [(t - empty) * 1e3 for t in seen[name]]
        print(f"{name:40} {statistics.median(values):6.1f} ms  ({floors.spread(values, 'ms')})")
    lazy = _row(
        "import coproduce / import attrs, cattrs",
        seen,
        "import coproduce",
        "import attrs, cattrs",
        "(target <= 1.3x)",
    )
    first = _row(f"first appraise / {anchor}", seen, "first", anchor, "(target <= 1.5x)")
    cattrs = "cattrs" in anchor
    print(
        f"  a first appraisal imports attrs {'and' if cattrs else 'but not'} cattrs (python -X "
        f"importtime): the anchor is {anchor!r}"
    )
    if building is None:
        print("  attrs building the record classes: not measured (attrs' builder has moved)")
    else:
        base = (statistics.median(seen[anchor]) - empty) * 1e3
        spent = building["attrs"] * 1e3
        print(
            f"  of which attrs building {building['classes']:.0f} record classes: "
            f"{spent:6.1f} ms, {spent / base:4.2f}x the anchor on its own, leaving "
            f"{0.5 - spent / base:+.2f}x of the target's 0.5x for the rest of coproduce"
        )
    return {"first": first, "import": lazy}


def process_section(quick: bool) -> None:
    """Whole ``coproduce`` processes against ``python -c "import attrs, cattrs"`` (issue #12)."""
    from coproduce.io import example_path

    print("\n== whole processes against python -c 'import attrs, cattrs' (bytecode cached)")
    script = Path(sys.executable).with_name("coproduce")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "coproduce"]
    cases = {
        "import attrs, cattrs": [sys.executable, "-c", "import attrs, cattrs"],
        "coproduce --help": [*command, "--help"],
        "coproduce validate FILE": [*command, "validate", str(example_path("contested-policy"))],
        "coproduce appraise --example": [*command, "appraise", "--example"],
    }
    with floors.Fresh() as fresh:
        seen = fresh.times(cases, 7 if quick else 21)
    anchor = "import attrs, cattrs"
    print(f"{anchor:30} {floors.spread(seen[anchor], 'ms', 1e3)} (min/median/max)")
    for name in list(cases)[1:]:
        ms = statistics.median(seen[name]) * 1e3
        ratio = ms / (statistics.median(seen[anchor]) * 1e3)
        print(
            f"{name:30} {ms:7.1f} ms  {ratio:4.2f}x (target <= 1.5x, issue #12) "
            f"(per run: {floors.spread(floors.ratios(seen, name, anchor))})"
        )
