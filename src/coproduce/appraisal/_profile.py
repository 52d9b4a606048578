"""The Table 2 profile of a project: each condition's contribution and the emphasis they add to.

:class:`Emphasis` is step 1 of the paper's decision process as this tool reads it (p. 7,
Table 2); the advice per stakeholder starts from it or from its own row-2 profile.
"""

from __future__ import annotations

import attrs

from coproduce.appraisal._verdicts import Verdict
from coproduce.model import Citation, Displayable, Extensible, Lean, Mode, StakeholderId

__all__ = ["ConditionContribution", "Emphasis"]


@attrs.frozen(kw_only=True)
class ConditionContribution(Extensible):
    """How one Table 2 condition counts towards the emphasis score.

    Attributes:
        lean: the lean used: as stated, or inferred when ``inferred`` is true.
        inferred: the lean was not stated but inferred from other project facts.
        weight: the policy's weight for this condition.
        contribution: ``weight`` × (+1 more, −1 less, 0 unknown) ÷ the sum of all weights.
        gate: the policy treats this condition as close to a precondition.
        inputs: the project fields read.

    """

    condition: str
    number: int
    label: str
    lean: Lean
    inferred: bool
    weight: float
    contribution: float
    gate: bool
    inputs: tuple[str, ...]
    source: Citation


@attrs.frozen(kw_only=True)
class Emphasis(Extensible, Displayable):
    """The Table 2 profile: how much emphasis coproduction with decision-makers deserves.

    Table 2 particularly relates to evaluations coproduced with policy-makers and service
    managers (p. 6). The profile drives the advice for decision-makers and commercial
    partners; everyone else's advice starts from the aims (see :class:`Advice`), and row 9
    (capacity) holds everyone's down (:class:`Capacity`).

    Attributes:
        verdict: the graded verdict after gates.
        score: weighted balance of the Table 2 conditions, from −1 (all less) to 1 (all more).
        coverage: how much of Table 2 is known: the share of the total weight whose condition
            leans one way or the other, 0 to 1. Not a probability that the verdict is right.
        ungated: the verdict before any gate applied.
        gated_by: gate conditions that lean less *and* lowered the verdict.
        advised_mode: the deepest mode of interaction the verdict supports (policy).
        contributions: one per condition, in Table 2 order.
        applies_to: the stakeholders whose advice this profile drives (decision-makers and
            commercial partners), by id.

    """

    verdict: Verdict
    score: float
    coverage: float
    ungated: Verdict
    gated_by: tuple[str, ...]
    advised_mode: Mode
    contributions: tuple[ConditionContribution, ...]
    applies_to: tuple[StakeholderId, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Emphasis(verdict={self.verdict.value}, score={self.score:+.2f}, "
            f"coverage={self.coverage:.0%}, advised_mode={self.advised_mode.value})"
        )
