"""The Table 2 profile (p. 7): how much emphasis coproduction with decision-makers deserves.

Table 2 particularly relates to evaluations coproduced with policy-makers and service
managers (p. 6), so the profile drives the advice for decision-makers and commercial partners,
and for anyone who funds, owns or delivers what is studied; row 9 (capacity) is read for
every relationship as well (:mod:`coproduce.appraisal._capacity`).
Row 2 (conflicts of interest, with delivery responsibility as its example) is read per
stakeholder where their delivery responsibility, or a commercial interest, is known.
"""

from __future__ import annotations

from coproduce.appraisal._advice_records import Capacity
from coproduce.appraisal._capacity import capacity_of
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._profile import ConditionContribution, Emphasis
from coproduce.appraisal._verdicts import Verdict
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    Citation,
    Condition,
    ConditionId,
    Lean,
    Project,
    Sufficiency,
)

__all__ = [
    "CAPACITY",
    "CONFLICTS",
    "Scorer",
    "emphasis",
    "profile",
    "read_leans",
    "scorer",
]

CAPACITY = ConditionId("condition.capacity")
CONFLICTS = ConditionId("condition.conflicts-of-interest")
_SIGN = {Lean.LESS: -1, Lean.MORE: 1, Lean.UNKNOWN: 0}


def _effective_lean(
    project: Project, condition: str, policy: Policy, delivery: bool | None, capacity: Capacity
) -> tuple[Lean, bool, tuple[str, ...]]:
    stated = project.lean(condition)
    inputs: tuple[str, ...] = (f"conditions[{condition}]",)
    if condition == CONFLICTS and delivery is not None:
        return (Lean.LESS if delivery else Lean.MORE), True, (*inputs, "stakeholders[*]")
    if stated is not Lean.UNKNOWN or condition != CAPACITY or not policy.infer_capacity:
        return stated, False, inputs
    inputs += capacity.inputs
    if capacity.short:  # the same reading as every relationship's ceiling
        return Lean.LESS, True, inputs
    # None is short and at least one is adequate: read as more (a supply not stated is not
    # taken as short). So more resources never lower what is known of capacity: a supply
    # raised from limited to adequate turns the row from less to more, never to unknown.
    supplies = (capacity.time, capacity.budget, capacity.facilitation)
    if any(v is Sufficiency.ADEQUATE for v in supplies):
        return Lean.MORE, True, inputs
    return Lean.UNKNOWN, False, inputs


def _grade(score: float, policy: Policy) -> Verdict:
    t = policy.thresholds
    if score <= t.clearly_less:
        return Verdict.CLEARLY_LESS
    if score <= t.less:
        return Verdict.LESS
    if score >= t.clearly_more:
        return Verdict.CLEARLY_MORE
    if score >= t.more:
        return Verdict.MORE
    return Verdict.BALANCED


ReadLean = tuple[Lean, bool, tuple[str, ...]]
"""One condition's lean as read: the lean, whether inferred, and the project fields read."""


def read_leans(
    project: Project,
    conditions: list[Condition],
    policy: Policy,
    delivery: bool | None,
    capacity: Capacity,
) -> list[ReadLean]:
    """Every condition's effective lean, in the order of ``conditions``.

    Row 9, when not stated, is read from ``capacity`` (:func:`capacity_of`).
    """
    return [_effective_lean(project, c.id, policy, delivery, capacity) for c in conditions]


def _rows(catalogue: Catalogue) -> tuple[tuple[Condition, ...], tuple[Citation, ...]]:
    """The Table 2 conditions in row order and their citations, once per catalogue."""
    return catalogue.memo("coproduce.appraisal.table2", _build_rows)


def _build_rows(catalogue: Catalogue) -> tuple[tuple[Condition, ...], tuple[Citation, ...]]:
    conditions = tuple(sorted(catalogue.conditions, key=lambda c: c.number))
    return conditions, tuple(Citation.of(c.id, c.source) for c in conditions)


Scored = tuple[Verdict, float, float, Verdict, tuple[ConditionId, ...]]
"""Table 2 scored: verdict, score, coverage, ungated verdict, the gates that lowered it."""
_SCORED = 1 << 14
"""How many combinations of leans a scorer keeps the scores of (a few MB at most)."""


class Scorer:
    """Table 2 of one catalogue scored under one policy, each part worked out once.

    Each row's weight and share, and its contribution per reading (see :func:`scorer`).
    """

    __slots__ = (
        "citations",
        "conditions",
        "gates",
        "policy",
        "read",
        "scored",
        "shares",
        "total",
        "weights",
    )

    def __init__(self, catalogue: Catalogue, policy: Policy) -> None:
        rows, self.citations = _rows(catalogue)
        conditions = self.conditions = list(rows)
        self.policy = policy
        self.weights = [policy.weight(c.id) for c in conditions]
        total = self.total = sum(self.weights)
        self.gates = [c.id in policy.gates for c in conditions]
        self.shares = [
            {lean: w * sign / total if total else 0.0 for lean, sign in _SIGN.items()}
            for w in self.weights
        ]
        self.read: dict[tuple[int, ReadLean], ConditionContribution] = {}
        self.scored: dict[tuple[Lean, ...], Scored] = {}

    def verdict(self, leans: list[Lean]) -> Verdict:
        """The verdict alone for these leans: what :func:`profile` computes, nothing built."""
        return self.score(leans)[0]

    def score(self, leans: list[Lean]) -> Scored:
        """Verdict, score, coverage, ungated verdict and the gates that lowered it.

        Worked out once per combination of leans (there are at most 3 ** rows of them).
        """
        key = tuple(leans)
        found = self.scored.get(key)
        if found is None:
            if len(self.scored) >= _SCORED:
                self.scored.clear()
            found = self.scored[key] = self._score(leans)
        return found

    def _score(self, leans: list[Lean]) -> Scored:
        total, policy = self.total, self.policy
        known = score = 0.0
        gates: list[ConditionId] = []
        for c, lean, w, gate, share in zip(
            self.conditions, leans, self.weights, self.gates, self.shares, strict=True
        ):
            score += share[lean]
            known += w if lean is not Lean.UNKNOWN else 0.0
            if gate and lean is Lean.LESS:
                gates.append(c.id)
        score = round(score, 9) + 0.0
        coverage = round(known / total, 9) if total else 0.0
        ungated = (
            _grade(score, policy)
            if coverage >= policy.min_coverage and total
            else Verdict.UNDETERMINED
        )
        ceiling = policy.gate_ceiling
        lowered = gates and (ungated.rank is None or ungated.rank > (ceiling.rank or 0))
        verdict = ceiling if lowered else ungated
        return verdict, score, coverage, ungated, tuple(gates) if lowered else ()

    def contribution(self, row: int, read: ReadLean) -> ConditionContribution:
        """How one row, read so, counts: one record per row and reading, made once."""
        found = self.read.get((row, read))
        if found is None:
            c, (lean, inferred, inputs) = self.conditions[row], read
            found = self.read[row, read] = ConditionContribution(
                condition=c.id,
                number=c.number,
                label=c.label,
                lean=lean,
                inferred=inferred,
                weight=self.weights[row],
                contribution=round(self.shares[row][lean], 9) + 0.0,
                gate=self.gates[row],
                inputs=inputs,
                source=self.citations[row],
            )
        return found


_KEPT = 32
"""How many policies' scorers a catalogue keeps (a sensitivity run may make many)."""


def scorer(catalogue: Catalogue, policy: Policy) -> Scorer:
    """The scorer of the catalogue's Table 2 under ``policy``, kept per catalogue.

    Kept by the policy's digest, which covers every setting the scorer reads (weights, gates,
    thresholds, coverage, the gate's ceiling) by value.
    """
    kept: dict[str, Scorer] = catalogue.memo("coproduce.appraisal.scorers", lambda _: {})
    found = kept.get(policy.digest)
    if found is None:
        if len(kept) >= _KEPT:
            kept.clear()
        found = kept[policy.digest] = Scorer(catalogue, policy)
    return found


def profile(
    project: Project,
    catalogue: Catalogue,
    policy: Policy,
    *,
    delivery: bool | None = None,
    capacity: Capacity | None = None,
) -> Emphasis:
    """The Table 2 profile, with row 2 read from one stakeholder's ``delivery`` when known.

    Row 9, when not stated, is read from ``capacity`` (worked out from the project when not
    given), so the profile and every relationship's ceiling read capacity the same way.
    """
    rows = scorer(catalogue, policy)
    cap = capacity if capacity is not None else capacity_of(project, catalogue, policy)
    read = read_leans(project, rows.conditions, policy, delivery, cap)
    verdict, score, coverage, ungated, gated_by = rows.score([lean for lean, _, _ in read])
    return Emphasis(
        verdict=verdict,
        score=score,
        coverage=coverage,
        ungated=ungated,
        gated_by=gated_by,
        advised_mode=policy.advised_mode[verdict],
        contributions=tuple(rows.contribution(row, r) for row, r in enumerate(read)),
    )


def emphasis(
    project: Project, *, catalogue: Catalogue | None = None, policy: Policy | None = None
) -> Emphasis:
    """The project's Table 2 profile alone: verdict, score, coverage and each row's part.

    Cheaper than a full :func:`appraise`; :func:`sensitivity` uses it. The profile reads
    Table 2 as it particularly relates to decision-makers (p. 6); see :class:`Emphasis`.

    Example:
        >>> from coproduce import ConditionSetting, Lean, Project
        >>> from coproduce.appraisal import emphasis
        >>> p = Project(title="t", conditions=(
        ...     ConditionSetting(condition="condition.contested", lean=Lean.LESS),))
        >>> e = emphasis(p)
        >>> e.verdict.value, round(e.coverage, 2)
        ('undetermined', 0.11)

    """
    from coproduce.appraisal._engine import DEFAULT_POLICY

    cat = catalogue if catalogue is not None else default_catalogue()
    return profile(project, cat, policy if policy is not None else DEFAULT_POLICY)
