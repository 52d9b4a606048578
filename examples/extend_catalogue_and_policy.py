"""Extend the catalogue and change the policy, then see how the advice changes.

A research funder wants (1) an alternative the paper does not list — a standing citizens'
panel — with its own evaluator (the engine refuses to guess when it should be offered),
(2) a stricter reading of Table 2: contested policies weigh double and, with capacity, act as
gates for the decision-makers' verdict, and (3) a finding of its own. All three are the
embedder's choices, not the paper's; the appraisal records the policy's digest.
"""

from __future__ import annotations

from collections.abc import Iterator

from coproduce import Involvement, Motivation, Policy, appraise, compare, default_catalogue
from coproduce.appraisal import Context, FindingLevel, Hit, Results, Verdict, finding_rule
from coproduce.catalogue import check
from coproduce.io import load_example
from coproduce.model import Alternative, AlternativeId, Source, Sphere


def citizens_panel(ctx: Context, involvements: tuple[Involvement, ...]) -> str | None:
    """Offer the panel where members of the public are involved."""
    public = sorted(s for s in ctx.plan_of if ctx.sphere(s) is Sphere.LAY)
    return f"the funder's panel could stand in for {', '.join(public)}" if public else None


@finding_rule("funder.no-panel-contact", FindingLevel.INFO, cites=("step.alternatives",))
def no_panel_contact(ctx: Context, results: Results) -> Iterator[Hit]:
    """The plan involves the public and the funder's panel has not been asked."""
    if any(a.sphere is Sphere.LAY for a in results.advice):
        yield Hit("Ask the funder's citizens' panel before recruiting anew.", ("plan",))


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
        evaluators={"alternative.citizens-panel": citizens_panel},
        rules=(no_panel_contact,),
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
    print(f"policy digest: {before.policy_digest} -> {after.policy_digest}")
    assert after.emphasis.verdict is Verdict.CLEARLY_LESS
    assert after.advice_for("authority").verdict is Verdict.CLEARLY_LESS
    # The gates bind Table 2 only: the panel is advised from its aims, and what holds it back
    # is the project's short capacity (Table 2 row 9, for every relationship), not the gate.
    panel = after.advice_for("public-panel")
    assert panel.basis == "aims" and panel.verdict is not Verdict.CLEARLY_LESS
    assert [c.code for c in panel.ceilings] == ["capacity"]
    assert after.finding("funder.no-panel-contact")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
