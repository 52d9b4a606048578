"""What the plan costs in money and hours, summarised for the appraisal (issue #11).

The engine prices a project's ``costing`` section with :func:`coproduce.costing.cost`, using
the project's own rate card and, beside it, the policy's (``Policy.rates``). A costing that
cannot be priced (a role with no rate, two currencies) is not guessed at: its problems are
kept on the summary and reported as a finding. :mod:`coproduce.costing` is imported only
for a project that has a costing section: a first appraisal of one without does not load it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from coproduce._record import Record
from coproduce.appraisal._basis import table2_basis
from coproduce.appraisal._policy import Policy
from coproduce.appraisal._results import BearerCost, CostSummary, StageCost
from coproduce.catalogue import Catalogue
from coproduce.model import InvolvementCosting, PaymentMethod, Project, Rate, RateUnit, Stakeholder

__all__ = ["PaymentFacts", "cost_summary", "payment_facts"]


def _r(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places) + 0.0


def _f(value: Decimal) -> float:
    return round(float(value), 2) + 0.0


def cost_summary(
    project: Project,
    catalogue: Catalogue,
    policy: Policy,
    problems: tuple[tuple[str, str, str], ...],
) -> CostSummary | None:
    """The costing's key figures, or ``None`` when the project has no costing section.

    ``problems`` are the costing's (:func:`coproduce.costing.costing_problems`), found once.
    """
    plan = project.costing
    if plan is None:
        return None
    from coproduce.costing import cost

    if problems:
        return CostSummary(
            currency=plan.currency,
            budget=_r(plan.budget),
            budget_hours=_r(plan.budget_hours),
            problems=tuple(f"{path}: {message}" for path, _, message in problems),
        )
    c = cost(project, rates=policy.rates, catalogue=catalogue, lines=False)
    assert c is not None  # it has a costing, with no problem (checked just above)
    return CostSummary(
        currency=c.currency,
        money=_f(c.money),
        hours=_f(c.hours),
        team_hours=_f(c.team_hours),
        budget=_r(c.budget),
        budget_hours=_r(c.budget_hours),
        share=_r(c.share, 4),
        gap=_r(c.gap),
        gap_hours=_r(c.gap_hours),
        unpaid_lay_hours=_f(c.unpaid_lay_hours),
        unpaid_junior_hours=_f(c.unpaid_junior_hours),
        unpriced=c.unpriced,
        gap_sentence=c.gap_sentence(),
        stages=tuple(
            StageCost(
                stage=s.stage or "", money=_f(s.money), hours=_f(s.hours), share=_r(s.share, 4)
            )
            for s in c.by_stage
        ),
        bearers=tuple(
            BearerCost(
                bearer=b.bearer,
                money=_f(b.money),
                hours=_f(b.hours),
                unpaid_hours=_f(b.unpaid_hours),
                least_able=b.least_able,
            )
            for b in c.by_bearer
        ),
    )


_FEES = (PaymentMethod.PAID, PaymentMethod.VOUCHERS)


@attrs.frozen
class PaymentFacts(Record):
    """What a valid costing says of payment, and the costing's problems (found once).

    Attributes:
        costed: the stakeholders it costs (empty when there is no valid costing).
        fees: of those, the ones it pays a fee (paid or in vouchers) for some time.
        offered: of those, the ones it offers a fee for some time, taken or declined.
        problems: the costing's problems; a costing with problems says nothing of payment.

    """

    costed: frozenset[str] = frozenset()
    fees: frozenset[str] = frozenset()
    offered: frozenset[str] = frozenset()
    problems: tuple[tuple[str, str, str], ...] = ()

    def pays_nobody(self, people: Mapping[str, Stakeholder]) -> bool:
        """The costing costs contributors (not those advised from Table 2) and offers none a fee."""
        contributors = [s for s in self.costed if s in people and not table2_basis(people[s])]
        return bool(contributors) and not any(s in self.offered for s in contributors)


def payment_facts(project: Project, catalogue: Catalogue, policy: Policy) -> PaymentFacts:
    """What a valid costing says of payment (see ``Context.unpaid``), and its problems."""
    plan = project.costing
    if plan is None:
        return PaymentFacts()
    from coproduce.costing import costing_problems, rate_table

    problems = tuple(costing_problems(project, rates=policy.rates, catalogue=catalogue))
    if problems:  # an invalid costing says nothing about who is paid
        return PaymentFacts(problems=problems)
    table = rate_table(plan, policy.rates)
    offered = [c for c in plan.involvements if _fee_for_time(c, table)]
    return PaymentFacts(
        costed=frozenset(c.stakeholder for c in plan.involvements),
        fees=frozenset(c.stakeholder for c in offered if c.payment in _FEES),
        offered=frozenset(c.stakeholder for c in offered),
    )


def _fee_for_time(c: InvolvementCosting, table: Mapping[tuple[str, RateUnit], Rate]) -> bool:
    """Whether a costed involvement offers a fee for some time at a rate above nothing.

    No role, no payment, a rate of zero, or no hours at an hourly rate is no fee; a rate not
    yet confirmed (no amount) is a fee planned.
    """
    if not c.role or c.payment is PaymentMethod.NONE:
        return False
    amount = table[(c.role, c.unit)].amount  # the costing is valid: every role has a rate
    if amount is not None and amount <= 0:
        return False
    return c.unit is not RateUnit.HOUR or c.hours + c.preparation_hours > 0
