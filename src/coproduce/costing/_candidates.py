"""The plan that fits, steps 1 and 2: what the fit may change, and each change priced.

Involvement costings before the grant are kept as drawn (outside its budget), and so are
the aims they and the uncosted plan lines serve. Every other involvement costing is a
:class:`Candidate`: it may be kept, kept lighter (when the document describes a lighter
version) or dropped, and each of its :class:`Option` is priced by the one pricing path
(:func:`coproduce.costing._lines.involvement_lines`), lay contributors paid at their role's
rate where the plan as drawn left them unpaid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

import attrs

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.costing._bearers import Parties
from coproduce.costing._lines import Priced, as_priced, involvement_lines, rate_table
from coproduce.costing._results import Verb
from coproduce.costing._totals import money_and_team_hours
from coproduce.model import (
    CostingPlan,
    Involvement,
    InvolvementCosting,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
)

__all__ = ["Candidate", "Changeable", "Context", "Option", "changeable", "priced_candidates"]


class Option(NamedTuple):
    """One way to keep a candidate: in full or lighter, and what it costs."""

    verb: Verb
    money: Decimal
    hours: Decimal
    costing: InvolvementCosting
    unpriced: tuple[str, ...] = ()  # its lines without a rate, by label: ``money`` leaves them out


class Candidate(NamedTuple):
    """An involvement the fit may keep, make lighter or drop, with its options priced."""

    involvement: int
    """The index of its involvement costing in the costing's list."""
    key: tuple[int, str]
    costing: InvolvementCosting
    aims: tuple[str, ...]
    mask: int
    depth: int
    lay_paid_up: bool
    lay_unpaid: bool  # lay, no fee, and no rate to pay one at
    drawn_money: Decimal
    drawn_hours: Decimal
    options: tuple[Option, ...]  # full first, then lighter when there is one


@attrs.frozen
class Context(Record):
    """What every step of the fit reads: the plan, its rates, and lookups over the project."""

    plan: CostingPlan
    catalogue: Catalogue
    table: dict[tuple[str, RateUnit], Rate]
    parties: Parties
    stage_order: dict[str, int]
    plan_lines: dict[tuple[str, str], Involvement]
    known_aims: frozenset[str]

    @classmethod
    def of(
        cls, project: Project, plan: CostingPlan, rates: RateCard | None, cat: Catalogue
    ) -> Context:
        """The lookups of ``project`` costed with ``rates`` over ``cat``."""
        return cls(
            plan=plan,
            catalogue=cat,
            table=rate_table(plan, rates),
            parties=Parties.of(project, cat),
            stage_order={s.id: s.order for s in cat.stages},
            plan_lines={(i.stage, i.stakeholder): i for i in project.plan},
            known_aims=frozenset(a.id for a in project.aims),
        )

    def line_of(self, ic: InvolvementCosting) -> Involvement:
        """The plan line an involvement costing costs."""
        return self.plan_lines[(ic.stage, ic.stakeholder)]

    def aims_of(self, ic: InvolvementCosting) -> tuple[str, ...]:
        """The known aims an involvement costing's plan line serves, sorted."""
        return tuple(sorted(a for a in set(self.line_of(ic).aims) if a in self.known_aims))

    def lay(self, ic: InvolvementCosting) -> bool:
        """Whether an involvement costing's contributors are lay people."""
        return self.parties.stakeholders[ic.stakeholder][1]

    def lines(self, index: int, ic: InvolvementCosting) -> list[Priced]:
        """The priced lines of an involvement costing (as drawn, paid up, or lighter)."""
        return involvement_lines(index, ic, self.parties, self.table, as_priced)


_Indexed = list[tuple[int, InvolvementCosting]]
"""Involvement costings with their index in the costing's list."""


class Changeable(NamedTuple):
    """What the fit may change, and what it keeps regardless."""

    kept_before: _Indexed
    """Involvement costings before the grant: kept as drawn, outside its budget."""
    changeable: _Indexed
    """Involvement costings the fit may keep, make lighter or drop."""
    free_aims: frozenset[str]
    """The known aims served by lines the fit does not touch."""


def changeable(ctx: Context, project: Project) -> Changeable:
    """Involvements before the grant, those the fit may change, and aims served regardless."""
    costed = {(ic.stage, ic.stakeholder) for ic in ctx.plan.involvements}
    free_aims: set[str] = set()  # served by lines the fit does not touch
    for inv in project.plan:
        if (inv.stage, inv.stakeholder) not in costed:
            free_aims.update(a for a in inv.aims if a in ctx.known_aims)
    kept_before: _Indexed = []
    raw: _Indexed = []
    for i, ic in enumerate(ctx.plan.involvements):
        if ic.before_grant:
            kept_before.append((i, ic))
            free_aims.update(a for a in ctx.line_of(ic).aims if a in ctx.known_aims)
        else:
            raw.append((i, ic))
    return Changeable(kept_before, raw, frozenset(free_aims))


def priced_candidates(ctx: Context, split: Changeable) -> tuple[list[Candidate], int]:
    """The candidates in (stage, stakeholder) order, and how many aims they are chosen for.

    Those aims are the known aims the changeable involvements serve that nothing else does;
    each is one bit of a candidate's ``mask``.
    """
    raw = split.changeable
    wanted = sorted(
        {a for _, ic in raw for a in ctx.line_of(ic).aims} & (ctx.known_aims - split.free_aims)
    )
    bit = {a: 1 << n for n, a in enumerate(wanted)}
    candidates = sorted((_candidate(ctx, i, ic, bit) for i, ic in raw), key=lambda c: c.key)
    return candidates, len(wanted)


def _candidate(ctx: Context, i: int, ic: InvolvementCosting, bit: Mapping[str, int]) -> Candidate:
    """One involvement the fit may change, with its options priced."""
    lay = ctx.lay(ic)
    priced, lay_paid_up = _paid_up(ctx, ic)
    drawn = ctx.lines(i, ic)
    full = ctx.lines(i, priced) if lay_paid_up else drawn
    drawn_money, drawn_hours = money_and_team_hours(drawn)
    full_money, full_hours = (
        money_and_team_hours(full) if lay_paid_up else (drawn_money, drawn_hours)
    )
    unpriced = _unpriced(full)
    options = [Option(Verb.KEEP, full_money, full_hours, priced, unpriced)]
    for light in _lighter(priced):
        lines = ctx.lines(i, light)
        light_money, light_hours = money_and_team_hours(lines)
        options.append(Option(Verb.LIGHTER, light_money, light_hours, light, _unpriced(lines)))
    aims = ctx.aims_of(ic)
    return Candidate(
        involvement=i,
        key=(ctx.stage_order.get(ic.stage, 0), ic.stage + "\0" + ic.stakeholder),
        costing=ic,
        aims=aims,
        mask=sum(bit.get(a, 0) for a in aims),
        depth=ctx.line_of(ic).mode.depth,
        lay_paid_up=lay_paid_up,
        lay_unpaid=lay and not lay_paid_up and (ic.payment is PaymentMethod.NONE or not ic.role),
        drawn_money=drawn_money,
        drawn_hours=drawn_hours,
        options=tuple(options),
    )


def _unpriced(lines: Sequence[Priced]) -> tuple[str, ...]:
    """The labels of the lines whose money is unknown (no rate amount), in line order.

    Named by label, not path: the fit is the same whatever the order of the lists.
    """
    return tuple(ln.label for ln in lines if ln.money is None)


def _paid_up(ctx: Context, ic: InvolvementCosting) -> tuple[InvolvementCosting, bool]:
    """The costing as the fit prices it (lay contributors paid when a rate allows): and if so."""
    lay = ctx.lay(ic)
    if lay and ic.payment is PaymentMethod.NONE and ic.role:
        rate = ctx.table.get((ic.role, ic.unit))
        if rate is not None and rate.amount is not None:
            return attrs.evolve(ic, payment=PaymentMethod.PAID), True
    return ic, False


def _lighter(priced: InvolvementCosting) -> list[InvolvementCosting]:
    """The lighter levels of a costing the document describes, lightest last.

    Each level's fields left out keep the level before's (the first level's, the drawn
    involvement's).
    """
    levels = [priced.lighter] if priced.lighter is not None else []
    levels += priced.lighter_still if levels else ()
    out: list[InvolvementCosting] = []
    before = priced
    for lt in levels:
        before = attrs.evolve(
            before,
            people=lt.people if lt.people is not None else before.people,
            sessions=lt.sessions if lt.sessions is not None else before.sessions,
            hours=lt.hours if lt.hours is not None else before.hours,
            format=lt.format if lt.format is not None else before.format,
            expenses=lt.expenses if lt.expenses is not None else before.expenses,
            lighter=None,
            lighter_still=(),
        )
        out.append(before)
    return out
