"""The involvement section of a grant application: who, when and how, payment, the budget.

The budget comes from a costing (:class:`CostingBudget`, or any :class:`BudgetLines`); the
practice risks carry their mitigations and the evidence recorded for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Project, RateCard
from coproduce.practice import PracticeRisk, practice_risks
from coproduce.report.forms._common import (
    STATUS,
    appraisal_of,
    doc_citations,
    first,
    item,
    lay_ids,
    risk_items,
    safeguarding_lines,
    when_how,
    where,
    who,
)
from coproduce.report.forms._model import BudgetLines, Report, ReportItem, ReportSection

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal

__all__ = ["CostingBudget", "application_section"]


@attrs.frozen
class CostingBudget(Record):
    """The budget lines of a project's costing, priced with a rate card (:class:`BudgetLines`).

    One line per stage, then the total, the budget set aside and the gap, all in the
    costing's currency. A costing that cannot be priced gives no lines (the section is then
    marked to complete).

    A costing that pays none of the contributors it costs a fee is not settled by being
    within budget: its last line says whose time it leaves unpaid, and :attr:`unpaid`
    names them, so the application marks the budget to complete.

    Example:
        >>> from coproduce.io import load_example
        >>> lines = list(CostingBudget.of(load_example("contested-policy")).budget_lines())
        >>> lines[-1]
        ('Within the budget', 'GBP 3,344.00 to spare')
        >>> CostingBudget.of(load_example("chw-malawi")).unpaid
        ('hsas', 'volunteers')

    """

    lines: tuple[tuple[str, str], ...]
    unpaid: tuple[str, ...] = ()
    """Contributors the costing costs without a fee, when it pays none of them one."""

    @classmethod
    def of(cls, project: Project, rates: RateCard | None = None) -> CostingBudget:
        """Price the project's costing (the shipped card beside its own when ``rates`` is None)."""
        from coproduce.costing import cost, costing_problems
        from coproduce.costing import default_rate_card as default_card

        card = rates if rates is not None else default_card()
        if project.costing is None or costing_problems(project, rates=card):
            return cls(lines=())
        c = cost(project, rates=card)
        assert c is not None
        labels: dict[str, str] = {s.id: s.label for s in default_catalogue().stages}

        def money(amount: Decimal, unpriced: int = 0) -> str:
            more = f" + {unpriced} unpriced line{'s' * (unpriced != 1)}" if unpriced else ""
            return f"{c.currency} {amount:,.2f}{more}"

        out = [
            (labels.get(s.stage or "", "Across the project"), money(s.money, s.unpriced))
            for s in c.by_stage
        ]
        out.append(("Total for involvement", money(c.money, len(c.unpriced))))
        if c.budget is not None and c.gap is not None:
            out.append(("Budget set aside for involvement", money(c.budget)))
            if c.gap < 0:
                least = "at least " if c.grant_unpriced else ""
                out.append(
                    ("Short of the budget", f"{least}{money(c.gap.copy_negate())} more needed")
                )
            elif c.grant_unpriced:
                n = len(c.grant_unpriced)
                out.append(
                    (
                        "Not known to fit the budget",
                        f"{money(c.gap)} to spare before {n} line{'s' * (n != 1)} without a rate",
                    )
                )
            else:
                out.append(("Within the budget", f"{money(c.gap)} to spare"))
        unpaid = _paid_nobody(project)
        if unpaid:
            out.append(
                (
                    "Fees for contributors' time",
                    f"none costed: {', '.join(unpaid)} give their time unpaid",
                )
            )
        return cls(lines=tuple(out), unpaid=unpaid)

    def budget_lines(self) -> Iterable[tuple[str, str]]:
        """The budget lines, in order."""
        return self.lines


def _paid_nobody(project: Project) -> tuple[str, ...]:
    """The contributors a costing costs, when it pays none of them a fee (else nothing)."""
    from coproduce.appraisal import payment_reading, table2_basis

    if project.costing is None:
        return ()
    costed = {c.stakeholder for c in project.costing.involvements}
    people = [s for s in project.stakeholders if s.id in costed and not table2_basis(s)]
    paid = payment_reading(project)
    if not people or any(paid.get(s.id) for s in people):
        return ()
    return tuple(sorted(s.id for s in people))


def application_section(
    project: Project,
    catalogue: Catalogue | None = None,
    *,
    budget: BudgetLines | None = None,
) -> Report:
    """The involvement section of a grant application, from the project.

    Args:
        project: the project to describe.
        catalogue: the catalogue to read the practice layer from (``None``: the default).
        budget: budget lines to show. When ``None``, the project's costing gives them
            (:class:`CostingBudget`); without one, the budget is marked to complete, with
            the plan's budget sufficiency.

    Example:
        >>> from coproduce.io import load_example
        >>> r = application_section(load_example("patient-public-only"))
        >>> [s.title for s in r.sections]
        ['First', 'Who is involved', 'When and how', 'Payment and support', 'Budget', \
'Evaluation of involvement', 'Practice risks and mitigations']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    risks = practice_risks(project, cat)
    costing = budget if budget is not None else CostingBudget.of(project)
    appraised = appraisal_of(project, cat)
    sections = (
        first(appraised),
        ReportSection(
            title="Who is involved",
            items=(item("Stakeholders", who(project), "List who will be involved."),),
        ),
        _when_section(project, cat, appraised, risks),
        _payment_section(project, cat, risks),
        ReportSection(title="Budget", items=(_budget_of(project, costing),)),
        _evaluation_section(project),
        ReportSection(
            title="Practice risks and mitigations",
            items=risk_items(risks),
            note="Risks from practice guidance, raised only by the project's facts; each with "
            "its mitigations and the evidence recorded for them.",
        ),
    )
    docs = [c.document for r in risks for c in r.citations]
    docs += [g.source.document for g in cat.practice.guidance]
    return Report(
        kind="application",
        title="Patient and public involvement: application section",
        project=project.title,
        sections=sections,
        documents=doc_citations(cat, docs),
    )


def _budget_of(project: Project, costing: BudgetLines) -> ReportItem:
    """The budget entry: the lines ``costing`` gives, and who is unpaid if it says."""
    return _budget_item(project, list(costing.budget_lines()), getattr(costing, "unpaid", ()))


def _evaluation_section(project: Project) -> ReportSection:
    return ReportSection(
        title="Evaluation of involvement",
        items=(
            item(
                "Evaluation",
                _evaluation(project),
                "Say how the difference involvement makes will be recorded.",
            ),
        ),
    )


def _when_section(
    project: Project, cat: Catalogue, appraised: Appraisal, risks: tuple[PracticeRisk, ...]
) -> ReportSection:
    """When and how: each planned line with the advice beside it, safeguarding first."""
    safeguarding = safeguarding_lines(risks)
    when = when_how(project, cat, appraised)
    return ReportSection(
        title="When and how",
        items=(
            item(
                "Stages and depth",
                [*when, *safeguarding],
                "Plan who is involved at which stage, and how deeply; put safeguarding in "
                "place first where children or adults at risk take part.",
                complete=bool(project.plan)
                and not any("once these" in x for x in safeguarding)
                and not any(" · advised: " in x for x in when),
            ),
        ),
        note="Depth is given in the paper's modes with the funders' word beside it "
        "(an interpretation; see the crosswalk).",
    )


def _payment(project: Project) -> list[str]:
    """Whether each lay stakeholder is paid, one line each, as the advice reads it.

    The costing is the plan for those it costs (:func:`coproduce.appraisal.payment_reading`).
    """
    from coproduce.appraisal import payment_reading

    lay = lay_ids(project)
    reading = payment_reading(project)
    costed = {c.stakeholder for c in project.costing.involvements} if project.costing else set()
    pay = []
    for s in project.stakeholders:
        if s.id in lay:
            paid = {True: "paid or reimbursed", False: "not paid", None: "payment not stated"}
            how = " (as the costing plans it)" if s.id in costed else ""
            pay.append(f"{s.id}: {paid[reading[s.id]]}{how}")
    return pay


def _support_offered(project: Project, risks: tuple[PracticeRisk, ...]) -> list[str]:
    """The training offered and the status of the payment and trauma mitigations."""
    training = project.resources.training is True or project.support.training is True
    support = ["Training is offered."] if training else []
    support += [
        f"{m.label}: {STATUS[m.in_place]}"
        for r in risks
        if r.code in ("practice-risk.payment-benefits", "practice-risk.trauma")
        for m in r.mitigations
    ]
    return support


def _payment_section(
    project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]
) -> ReportSection:
    """The "Payment and support" section: payment, support and the payment guidance."""
    pay = _payment(project)
    support = _support_offered(project, risks)
    payment_guidance = tuple(g.label for g in cat.practice.guidance if g.topic == "payment")
    payment_source = next(
        (where(g.source) for g in cat.practice.guidance if g.topic == "payment"), ""
    )
    return ReportSection(
        title="Payment and support",
        items=(
            item(
                "Payment",
                pay,
                "Say how lay contributors are paid.",
                payment_source,
                complete=bool(pay) and all(": paid" in p for p in pay),
            ),
            item(
                "Support",
                support,
                "Say what support and training contributors get, and put the mitigations "
                "not yet known to be in place in the plan.",
                complete=bool(support)
                and not any(x.endswith(("not known", "missing")) for x in support),
            ),
            ReportItem(
                label="Payment guidance followed",
                lines=payment_guidance,
                complete=False,
                prompt="Confirm each point in the plan.",
                source=payment_source,
            ),
        ),
    )


def _budget_item(
    project: Project, lines: list[tuple[str, str]], unpaid: tuple[str, ...] = ()
) -> ReportItem:
    """The budget lines, or the plan's budget sufficiency marked to complete.

    Lines that pay no contributor a fee are shown, but not complete: within budget is not
    settled when the budget leaves everyone's time unpaid.
    """
    if lines:
        return item(
            "Budget lines",
            [f"{label}: {amount}" for label, amount in lines],
            f"The costing pays no contributor a fee ({', '.join(unpaid)}): cost their time "
            "at the rate your payment guidance sets, or say why it is given unpaid.",
            complete=not unpaid,
        )
    return ReportItem(
        label="Budget lines",
        lines=(f"Engagement budget (plan): {project.resources.budget.value}.",),
        complete=False,
        prompt="Cost fees, expenses, carers' costs, accessibility, venues, training and "
        "staff time (a costing fills this section when the project has one).",
    )


def _evaluation(project: Project) -> list[str]:
    """Whether the involvement itself will be evaluated, as a line (none when unknown)."""
    return {
        True: ["The involvement itself will be evaluated."],
        False: ["No evaluation of involvement is planned."],
        None: [],
    }[project.support.evaluation]
