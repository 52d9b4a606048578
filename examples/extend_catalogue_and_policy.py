"""Extend the catalogue and change the policy, then see how the advice changes.

A research funder wants (1) an alternative the paper does not list — a standing citizens'
panel — and (2) a stricter reading of Table 2: contested policies weigh double and act as a
gate, as capacity does by default. Both are the embedder's choices, not the paper's.
"""

from __future__ import annotations

from coproduce import Motivation, Policy, appraise, compare, default_catalogue
from coproduce.appraisal import Verdict
from coproduce.catalogue import check
from coproduce.io import load_example
from coproduce.model import Alternative, AlternativeId, Source


def main() -> int:
    catalogue = check(
        default_catalogue().with_entries(
            Alternative(
                id=AlternativeId("alternative.citizens-panel"),
                label="A standing citizens' panel",
                description="Bring public views in through the funder's standing panel, "
                "instead of recruiting project partners.",
                source=Source(page=6, locator="funder's own addition, after the two-step process"),
                serves=(Motivation.NORMATIVE, Motivation.SUBSTANTIVE),
            ),
            version="2019.1+funder.1",
        )
    )
    strict = Policy(
        weights={"condition.contested": 2.0},
        gates=frozenset({"condition.capacity", "condition.contested"}),
        gate_ceiling=Verdict.CLEARLY_LESS,
    )
    project = load_example("contested-policy")
    before = appraise(project)
    after = appraise(project, catalogue=catalogue, policy=strict)
    print(f"default policy: {before.emphasis.verdict.value} ({before.emphasis.score:+.2f})")
    print(
        f"funder's policy: {after.emphasis.verdict.value} ({after.emphasis.score:+.2f}), "
        f"gated by {', '.join(after.emphasis.gated_by)}"
    )
    offered = {x.alternative for aim in after.aims for x in aim.alternatives}
    assert "alternative.citizens-panel" in offered
    print(
        "the funder's alternative is offered for:",
        ", ".join(
            a.aim
            for a in after.aims
            if any(x.alternative == "alternative.citizens-panel" for x in a.alternatives)
        ),
    )
    diff = compare(before, after)
    print(f"verdict changed: {diff.verdict_changed}; {len(diff.changes)} other changes")
    assert after.emphasis.verdict is Verdict.CLEARLY_LESS
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
