"""Checking a costing: the stage that finds every problem before anything is priced.

:func:`costing_problems` finds every reference, rate card and currency problem of a
project's costing, with its path. The pricing stages (:mod:`coproduce.costing._lines`,
:mod:`coproduce.costing._totals`) take a costing this stage found nothing in: every role
they price has a rate, every party they name exists, and one currency holds throughout.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._lines import rate_table
from coproduce.errors import CostingError, did_you_mean
from coproduce.model import (
    CostingPlan,
    Expense,
    Funding,
    InvolvementCosting,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    StaffTime,
    Subcontract,
    TeamTime,
    check_types,
)

__all__ = ["Problem", "costing_error", "costing_problems"]

Problem = tuple[str, str, str]
"""A problem of a costing: ``(path, code, message)``."""


def costing_error(problems: Sequence[Problem]) -> CostingError:
    """The error of ``problems``, each at its path as documents spell it (``$.costing...``).

    A problem of the rate card given to :func:`coproduce.costing.cost` (``rates.currency``)
    names the card, which is no part of the document.
    """
    return CostingError(
        f"{path if path.startswith('rates.') else '$.' + path}: {message}"
        for path, _, message in problems
    )


def costing_problems(
    project: Project,
    *,
    rates: RateCard | None = None,
    catalogue: Catalogue | None = None,
    roles: bool = True,
) -> list[Problem]:
    """Every problem of a project's costing as ``(path, code, message)``, in document order.

    Paths start at the project (``costing.involvements[2].role``); a problem of the card
    passed as ``rates`` starts with ``rates``. An empty list means :func:`cost` will work.
    ``roles=False`` skips checking that every role named has a rate (for loading a
    document before knowing which card it will be costed with).

    Example:
        >>> from coproduce import Project
        >>> from coproduce.model import CostingPlan, RateCard
        >>> p = Project(title="t", costing=CostingPlan(currency="EUR"))
        >>> [(path, code) for path, code, _ in costing_problems(
        ...     p, rates=RateCard(id="uk", currency="GBP"))]
        [('rates.currency', 'currency-mismatch')]

    """
    plan = project.costing
    if plan is None:
        return []
    wrong = check_types(project)  # a project built in Python with "paid" for PaymentMethod.PAID
    if wrong:
        return wrong
    cat = catalogue if catalogue is not None else default_catalogue()
    check = _CostingChecker(project, plan, cat, roles)
    check.cards(rates)
    check.involvements()
    check.staff_and_partners()
    check.budget_fields()
    return check.problems


class _CostingChecker:
    """The checks of :func:`costing_problems`, one named step each, collecting problems."""

    def __init__(self, project: Project, plan: CostingPlan, cat: Catalogue, roles: bool) -> None:
        self.project, self.plan, self.roles = project, plan, roles
        self.problems: list[Problem] = []
        self.table: dict[tuple[str, RateUnit], Rate] = {}
        self.stage_ids = {s.id for s in cat.stages}
        self.stakeholders = {s.id for s in project.stakeholders}
        self.researchers = {r.id for r in project.researchers}

    def same_currency(self, path: str, value: str | None) -> None:
        currency = self.plan.currency
        if value is not None and value != currency:
            self.problems.append(
                (
                    path,
                    "currency-mismatch",
                    f"is {value!r}, but the project's costing is in {currency!r}; one "
                    "project keeps one currency (convert the amount first)",
                )
            )

    def cards(self, rates: RateCard | None) -> None:
        for where, card in (("rates", rates), ("costing.rate_card", self.plan.rate_card)):
            if card is None:
                continue
            self.same_currency(f"{where}.currency", card.currency)
            seen: set[tuple[str, RateUnit, str | None]] = set()
            for i, rate in enumerate(card.rates):
                key = (rate.role, rate.unit, rate.effective)
                if key in seen:
                    since = f" from {rate.effective}" if rate.effective else ""
                    self.problems.append(
                        (
                            f"{where}.rates[{i}]",
                            "duplicate-id",
                            f"role {rate.role!r} has two rates per {rate.unit.value}{since}",
                        )
                    )
                seen.add(key)
        self.table = rate_table(self.plan, rates)  # the rates in force on ``priced_on``

    def role_known(self, path: str, role: str, unit: RateUnit) -> None:
        if self.roles and role and (role, unit) not in self.table:
            offered = sorted({f"{r} per {u.value}" for r, u in self.table})
            same_unit = sorted({r for r, u in self.table if u is unit})
            hint = did_you_mean(role, same_unit) or did_you_mean(
                role, sorted({r for r, _ in self.table})
            )
            self.problems.append(
                (
                    path,
                    "unknown-reference",
                    f"no rate for role {role!r} per {unit.value} in the rate cards"
                    + (f" (they have: {', '.join(offered)})" if offered else " (none given)")
                    + (f"; {hint}" if hint else ""),
                )
            )

    def known(self, path: str, value: str | None, among: Collection[str], what: str) -> None:
        if value is not None and value not in among:
            hint = did_you_mean(value, sorted(among))
            self.problems.append(
                (
                    path,
                    "unknown-reference",
                    f"names {value!r}, which is not {what}" + (f"; {hint}" if hint else ""),
                )
            )

    def involvements(self) -> None:
        planned = {(i.stage, i.stakeholder) for i in self.project.plan}
        costed: set[tuple[str, str]] = set()
        for i, ic in enumerate(self.plan.involvements):
            at = f"costing.involvements[{i}]"
            pair = (ic.stage, ic.stakeholder)
            if pair not in planned:
                self.problems.append(
                    (
                        at,
                        "unknown-reference",
                        f"costs {ic.stakeholder!r} at {ic.stage!r}, which is not a line of the "
                        "plan",
                    )
                )
            if pair in costed:
                self.problems.append(
                    (at, "duplicate-id", f"{ic.stakeholder!r} at {ic.stage!r} is costed twice")
                )
            costed.add(pair)
            if ic.payment in _FEE_PAYMENTS and self.missing_rate(ic.role, ic.unit):
                self.role_known(f"{at}.role", ic.role, ic.unit)
            if ic.expenses or ic.team:
                self.expenses_and_team(at, ic)

    def missing_rate(self, role: str, unit: RateUnit) -> bool:
        """Whether :meth:`role_known` would find a problem (its paths are built only then)."""
        return bool(self.roles and role and (role, unit) not in self.table)

    def expenses_and_team(self, at: str, ic: InvolvementCosting) -> None:
        """An involvement costing's expenses and team time, checked where anything is off."""
        currency = self.plan.currency
        for k, e in enumerate(ic.expenses):
            if e.currency is not None and e.currency != currency:
                self.same_currency(f"{at}.expenses[{k}].currency", e.currency)
        for k, t in enumerate(ic.team):
            if t.researcher not in self.researchers:
                self.known(
                    f"{at}.team[{k}].researcher", t.researcher, self.researchers, _RESEARCHERS
                )
            if self.missing_rate(t.role, RateUnit.HOUR):
                self.role_known(f"{at}.team[{k}].role", t.role, RateUnit.HOUR)

    def staff_and_partners(self) -> None:
        for i, st in enumerate(self.plan.staff):
            at = f"costing.staff[{i}]"
            self.known(f"{at}.researcher", st.researcher, self.researchers, _RESEARCHERS)
            self.known(f"{at}.stage", st.stage, self.stage_ids, "a stage of the catalogue")
            self.role_known(f"{at}.role", st.role, RateUnit.HOUR)
        for i, sc in enumerate(self.plan.subcontracts):
            at = f"costing.subcontracts[{i}]"
            self.known(
                f"{at}.partner", sc.partner, self.stakeholders, "among the project's stakeholders"
            )
            self.known(f"{at}.stage", sc.stage, self.stage_ids, "a stage of the catalogue")
            self.same_currency(f"{at}.currency", sc.currency)
        for i, e in enumerate(self.plan.expenses):
            self.same_currency(f"costing.expenses[{i}].currency", e.currency)

    def budget_fields(self) -> None:
        """Funds and funding, dates and months, and the involvements others depend on."""
        plan = self.plan
        ids = [f.id for f in plan.funds]
        for i, fid in enumerate(ids):
            if fid in ids[:i]:
                self.problems.append(
                    (f"costing.funds[{i}].id", "duplicate-id", f"fund {fid!r} is named twice")
                )
        for at, entry in _dated_entries(plan):
            self.funding(at, entry.funding, set(ids))
            month = getattr(entry, "month", None)
            if month is not None and plan.start is None and getattr(entry, "date", None) is None:
                self.problems.append(
                    (
                        f"{at}.month",
                        "missing-field",
                        "a month of the project needs costing.start (the day month 1 begins)",
                    )
                )
        planned = {(ic.stage, ic.stakeholder) for ic in plan.involvements}
        for i, ic in enumerate(plan.involvements):
            if ic.lighter_still and ic.lighter is None:
                self.problems.append(
                    (
                        f"costing.involvements[{i}].lighter_still",
                        "missing-field",
                        "further lighter levels need a first one: give lighter too",
                    )
                )
            for k, dep in enumerate(ic.after):
                pair = (dep.stage, dep.stakeholder or ic.stakeholder)
                if pair not in planned or pair == (ic.stage, ic.stakeholder):
                    self.problems.append(
                        (
                            f"costing.involvements[{i}].after[{k}]",
                            "unknown-reference",
                            f"depends on {pair[1]!r} at {pair[0]!r}, which is not another "
                            "involvement of the costing",
                        )
                    )

    def funding(self, at: str, funding: tuple[Funding, ...], funds: set[str]) -> None:
        """A line's funding names known funds, and its percents add up to 100."""
        if not funding:
            return
        if not funds:
            self.problems.append(
                (f"{at}.funding", "unknown-reference", "names funds, but costing.funds lists none")
            )
            return
        for k, f in enumerate(funding):
            self.known(f"{at}.funding[{k}].fund", f.fund, funds, "one of costing.funds")
        total = sum((f.percent for f in funding), Decimal(0))
        if total != 100:
            self.problems.append(
                (f"{at}.funding", "invalid-value", f"percents add up to {total}, not 100")
            )


def _dated_entries(plan: CostingPlan) -> Iterator[tuple[str, _Entry]]:
    """Every entry of a costing that may carry funding, a date or a month, with its path."""
    for i, ic in enumerate(plan.involvements):
        at = f"costing.involvements[{i}]"
        yield at, ic
        for k, e in enumerate(ic.expenses):
            yield f"{at}.expenses[{k}]", e
        for k, t in enumerate(ic.team):
            yield f"{at}.team[{k}]", t
    shared: tuple[tuple[str, Sequence[_Entry]], ...] = (
        ("staff", plan.staff),
        ("subcontracts", plan.subcontracts),
        ("expenses", plan.expenses),
    )
    for name, entries in shared:
        for k, entry in enumerate(entries):
            yield f"costing.{name}[{k}]", entry


_Entry = InvolvementCosting | Expense | TeamTime | StaffTime | Subcontract
_RESEARCHERS = "among the researchers"
_FEE_PAYMENTS = (PaymentMethod.PAID, PaymentMethod.VOUCHERS, PaymentMethod.DECLINED)
