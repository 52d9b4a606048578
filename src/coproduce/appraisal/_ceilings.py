"""The ceilings: facts that hold one stakeholder's advice down, one registered rule each.

The advice for a relationship starts from Table 2 (decision-makers and commercial partners)
or from the aims (everyone else); the same facts then hold everyone's down, whatever their
kind: the capacity to involve them (Table 2 row 9, p. 7), children or adults at risk
(practice guidance), and campaigners on a contested topic (Table 2 row 1; Table 1 rows 1,
2 and 5). A ceiling caps the verdict and the depth; it never vetoes involvement, and each
says why and what it rests on. ``Policy(disabled={"ceiling.<code>"})`` turns one off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import attrs

from coproduce._record import Record
from coproduce.appraisal._advice_records import Capacity, Ceiling
from coproduce.appraisal._context import Context, table2_basis
from coproduce.appraisal._emphasis import CAPACITY
from coproduce.appraisal._registry import Registry
from coproduce.appraisal._verdicts import Verdict
from coproduce.model import Involvement, Lean, Level, Stakeholder, Stance
from coproduce.practice import PracticeRisk

__all__ = [
    "CEILINGS",
    "CeilingRule",
    "Facts",
    "both_sides_heard",
    "campaigner",
    "ceilings_for",
    "lowest",
    "read_facts",
]

CONTESTED = "condition.contested"


@attrs.frozen
class Facts(Record):
    """What the ceilings read beside the context: capacity and the practice risks on people.

    Built by :func:`read_facts`, which works out once what every relationship reads of the
    whole project, so that advising n stakeholders costs n, not n times the project's size.

    Attributes:
        capacity: Table 2 row 9 as read for the project.
        practice: the practice risks raised.
        on: per practice risk (in order), the stakeholders it lands on and, per stakeholder,
            the facts it read that name them (``[id]`` in the fact); ``None`` when an id holds
            a bracket, and each lookup scans the risk as written.
        campaigns: someone involved campaigns for or against the policy studied.
        both_sides: both sides are heard (:func:`both_sides_heard`).

    """

    capacity: Capacity
    practice: tuple[PracticeRisk, ...]
    on: tuple[tuple[frozenset[str], Mapping[str, tuple[str, ...]]], ...] | None
    campaigns: bool
    both_sides: bool

    def landing(self, code: str, sid: str) -> PracticeRisk | None:
        """The first practice risk of this code that lands on ``sid``."""
        for i, r in enumerate(self.practice):
            if r.code == code and (
                sid in r.stakeholders if self.on is None else sid in self.on[i][0]
            ):
                return r
        return None

    def naming(self, risk: PracticeRisk, sid: str) -> tuple[str, ...]:
        """The facts ``risk`` read that name ``sid`` (``[sid]`` in the fact), in order."""
        if self.on is None:
            return tuple(f for f in risk.facts if f"[{sid}]" in f)
        for i, r in enumerate(self.practice):
            if r is risk:
                return self.on[i][1].get(sid, ())
        return tuple(f for f in risk.facts if f"[{sid}]" in f)


_NAMED = re.compile(r"\[([^\[\]]*)\]")
"""A bracketed id in a fact (``stakeholders[pupils].minors``)."""


def _named(facts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Per id in brackets, the facts naming it, in order (as often as listed)."""
    out: dict[str, list[str]] = {}
    for f in facts:
        for sid in dict.fromkeys(_NAMED.findall(f)):
            out.setdefault(sid, []).append(f)
    return {sid: tuple(found) for sid, found in out.items()}


def read_facts(ctx: Context, capacity: Capacity, practice: tuple[PracticeRisk, ...]) -> Facts:
    """What the ceilings and prerequisites read of the whole project, worked out once."""
    exact = not any("[" in sid or "]" in sid for sid in ctx.people)
    involved = [ctx.people[x] for x in ctx.involved]
    return Facts(
        capacity=capacity,
        practice=practice,
        on=tuple((frozenset(r.stakeholders), _named(r.facts)) for r in practice) if exact else None,
        campaigns=any(campaigner(p) for p in involved),
        both_sides=both_sides_heard(ctx),
    )


CeilingCheck = Callable[[Context, Stakeholder, tuple[Involvement, ...], Facts], Ceiling | None]
"""A ceiling's check: the context, the stakeholder, their involvements and the facts read."""


@attrs.frozen
class CeilingRule(Record):
    """A ceiling: its code and its check (whose docstring's first line says when it holds)."""

    code: str
    check: CeilingCheck = attrs.field(eq=False)
    when: str = ""


CEILINGS: Registry[CeilingRule] = Registry("ceiling")
"""The built-in ceilings, in the order they are read."""


def _ceiling(code: str) -> Callable[[CeilingCheck], CeilingCheck]:
    def register(check: CeilingCheck) -> CeilingCheck:
        doc = (check.__doc__ or "").strip().splitlines()
        CEILINGS.add(code, CeilingRule(code=code, check=check, when=doc[0] if doc else ""))
        return check

    return register


def lowest(verdict: Verdict, ceilings: Iterable[Ceiling]) -> Verdict:
    """The verdict under the ceilings: the lowest of them where it is lower.

    An undetermined verdict stays undetermined unless a ceiling says *less* or lower: too
    little is known to say *balanced*, but enough to say *less*.
    """
    out = verdict
    for c in ceilings:
        rank = c.verdict.rank or 0
        if (out.rank is None and rank < 0) or (out.rank is not None and rank < out.rank):
            out = c.verdict
    return out


def ceilings_for(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...], facts: Facts
) -> tuple[Ceiling, ...]:
    """Every ceiling the policy enables that holds for this relationship, in registry order."""
    off = ctx.policy.disabled
    found = []
    for rule in CEILINGS.values():
        if f"ceiling.{rule.code}" in off:
            continue
        c = rule.check(ctx, s, invs, facts)
        if c is not None:
            found.append(c)
    return tuple(found)


def carrying(ctx: Context, s: Stakeholder) -> tuple[tuple[str, str], ...]:
    """Who, on this relationship, would carry the work and is least able to: (why, field).

    The stakeholder, when unpaid or of low power and not advised from Table 2 (never a
    ministry or a company); the researchers who carry the engagement, when early-career or on
    fixed-term contracts (p. 5).
    """
    out: list[tuple[str, str]] = []
    if not table2_basis(s) and s.power is not Level.HIGH:
        if ctx.unpaid(s):
            out.append((f"{s.id} unpaid", ctx.payment_inputs(s.id)[0]))
        if s.power is Level.LOW:
            out.append((f"{s.id} of low power", f"stakeholders[{s.id}].power"))
    if ctx.carriers_junior:
        out.append(
            (
                "early-career or fixed-term researchers carrying the engagement ("
                + ", ".join(ctx.carriers_junior)
                + ")",
                "researchers[*].carries_engagement",
            )
        )
    return tuple(out)


@_ceiling("capacity")
def _capacity(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...], facts: Facts
) -> Ceiling | None:
    """Time, budget, facilitation or training is short (Table 2, row 9), for anyone."""
    cap, pol = facts.capacity, ctx.policy
    if not cap.rung:
        return None
    carried = carrying(ctx, s)
    rung = cap.rung
    if carried and rung < 2:
        rung += 1
    else:
        carried = ()  # said only where it lowers the rung
    verdict, mode = pol.capacity_rungs[rung - 1]
    if cap.unresourced and (pol.unresourced_ceiling.rank or 0) < (verdict.rank or 0):
        verdict = pol.unresourced_ceiling
    why = "; ".join(cap.short)
    least = "; ".join(w for w, _ in carried)
    on = f", and the work would fall on those least able to carry it ({least})" if carried else ""
    cites = [CAPACITY, "cost.unresourced-engagement"]
    if ctx.carriers_junior:
        cites += ["bearer.researchers-early-career", "bearer.researchers-fixed-term"]
    return Ceiling(
        code="capacity",
        verdict=verdict,
        mode=mode,
        message=f"Capacity is short ({why}){on}: Table 2 row 9 holds the advice for {s.id} "
        f"at {verdict.value}, up to {mode.value} (the rung is this tool's reading).",
        inputs=(*cap.inputs, *(i for _, i in carried)),
        citations=ctx.index.cite(*cites),
    )


@_ceiling("safeguarding")
def _safeguarding(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...], facts: Facts
) -> Ceiling | None:
    """Children or adults at risk take part (practice guidance; the layer must be on)."""
    risk = facts.landing("practice-risk.safeguarding", s.id)
    if risk is None:
        return None
    verdict, mode = ctx.policy.ceilings["safeguarding"]
    who = " and ".join(
        w for w, on in (("children", s.minors), ("adults at risk", s.adults_at_risk)) if on
    )
    return Ceiling(
        code="safeguarding",
        verdict=verdict,
        mode=mode,
        message=f"{s.id} includes {who}: this tool holds the advice at {verdict.value}, up "
        f"to {mode.value}, with safeguarding in place first (practice guidance, not the paper).",
        inputs=tuple(f for f in facts.naming(risk, s.id) if f.startswith(f"stakeholders[{s.id}]")),
        citations=risk.citations,
    )


def campaigner(s: Stakeholder) -> bool:
    """A party not advised from Table 2 that campaigns for or against the policy studied."""
    return not table2_basis(s) and s.stance is not None and s.stance.campaigns


def both_sides_heard(ctx: Context) -> bool:
    """Groups campaigning for and against are involved, or a lay group that took no side."""
    involved = [ctx.people[x] for x in ctx.involved]
    sides = {p.stance for p in involved if campaigner(p)}
    neutral = any(p.stance is Stance.NEUTRAL and not table2_basis(p) for p in involved)
    return {Stance.FOR, Stance.AGAINST} <= sides or neutral


@_ceiling("contested")
def _contested(
    ctx: Context, s: Stakeholder, invs: tuple[Involvement, ...], facts: Facts
) -> Ceiling | None:
    """Table 2 row 1 says the topic is contested, and campaigners take part."""
    if table2_basis(s) or ctx.project.lean(CONTESTED) is not Lean.LESS:
        return None
    cites = ctx.index.cite(
        CONTESTED,
        "challenge.stakeholders-disagree",
        "challenge.different-priorities",
        "challenge.pressed-to-frame",
        "cost.seen-as-partisan",
    )
    inputs = (f"conditions[{CONTESTED}]", "stakeholders[*].stance")
    if campaigner(s):
        verdict, mode = ctx.policy.ceilings["contested"]
        side = s.stance.value if s.stance is not None else ""
        message = (
            f"{s.id} campaigns {side} a policy whose findings are likely to be contested "
            f"(Table 2, row 1): the advice for it is held at {verdict.value}, up to "
            f"{mode.value}, with both sides heard and ground rules agreed first (the level "
            "is this tool's reading)."
        )
    elif facts.campaigns and not facts.both_sides:
        verdict, mode = ctx.policy.ceilings["contested-one-side"]
        message = (
            "The findings are likely to be contested (Table 2, row 1) and only one side "
            f"campaigns in the plan: the advice for {s.id} is held at {verdict.value}, up to "
            f"{mode.value}, until both sides are heard (the level is this tool's reading)."
        )
    else:
        return None
    return Ceiling(
        code="contested",
        verdict=verdict,
        mode=mode,
        message=message,
        inputs=inputs,
        citations=cites,
    )
