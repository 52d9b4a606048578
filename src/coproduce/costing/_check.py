"""Checking a costing: the stage that finds every problem before anything is priced.

:func:`costing_problems` finds every reference, rate card and currency problem of a
project's costing, with its path. The pricing stages (:mod:`coproduce.costing._lines`,
:mod:`coproduce.costing._totals`) take a costing this stage found nothing in: every role
they price has a rate, every party they name exists, and one currency holds throughout.
"""

from __future__ import annotations

from collections.abc import Collection

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    CostingPlan,
    InvolvementCosting,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    check_types,
)

__all__ = ["Problem", "costing_problems"]

Problem = tuple[str, str, str]
"""A problem of a costing: ``(path, code, message)``."""


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
            seen: set[tuple[str, RateUnit]] = set()
            for i, rate in enumerate(card.rates):
                key = (rate.role, rate.unit)
                if key in seen:
                    self.problems.append(
                        (
                            f"{where}.rates[{i}]",
                            "duplicate-id",
                            f"role {rate.role!r} has two rates per {rate.unit.value}",
                        )
                    )
                seen.add(key)
                self.table[key] = rate

    def role_known(self, path: str, role: str, unit: RateUnit) -> None:
        if self.roles and role and (role, unit) not in self.table:
            offered = sorted({f"{r} per {u.value}" for r, u in self.table})
            self.problems.append(
                (
                    path,
                    "unknown-reference",
                    f"no rate for role {role!r} per {unit.value} in the rate cards"
                    + (f" (they have: {', '.join(offered)})" if offered else " (none given)"),
                )
            )

    def known(self, path: str, value: str | None, among: Collection[str], what: str) -> None:
        if value is not None and value not in among:
            self.problems.append(
                (path, "unknown-reference", f"names {value!r}, which is not {what}")
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


_RESEARCHERS = "among the researchers"
_FEE_PAYMENTS = (PaymentMethod.PAID, PaymentMethod.VOUCHERS, PaymentMethod.DECLINED)
