"""Costing a project: its problems checked, its lines priced once, their totals added up.

The one pricing path runs in three stages, one module each:

1. **checking** (:mod:`coproduce.costing._check`): :func:`costing_problems` finds every
   problem of the costing, with its path; nothing is priced while there is one;
2. **lines** (:mod:`coproduce.costing._lines`): every line of the costing is priced once,
   its fields kept in the record wanted: its :class:`~coproduce.costing.Line`, or a small
   :class:`~coproduce.costing._lines.Priced` tuple where only totals are wanted;
3. **totals** (:mod:`coproduce.costing._totals`): those lines are added up per currency
   total, stage × party, stage and bearer.

:func:`cost` runs all three and keeps every line as its :class:`~coproduce.costing.Line`;
``cost(..., lines=False)``, for the appraisal, runs the same stages over the same lines
kept as :class:`~coproduce.costing._lines.Priced` tuples, without the stage × party cells
(the appraisal reads neither): the same totals, exactly.
"""

from __future__ import annotations

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing._check import costing_error, costing_problems
from coproduce.costing._lines import (
    RateTable,
    as_priced,
    costing_lines,
    line_maker,
    rate_table,
)
from coproduce.costing._results import Costing
from coproduce.costing._totals import costing_of, totals_of
from coproduce.model import CostingPlan, Project, RateCard, exact

__all__ = ["cost"]


@exact
def cost(
    project: Project,
    *,
    rates: RateCard | None = None,
    catalogue: Catalogue | None = None,
    lines: bool = True,
) -> Costing | None:
    """Money and hours of a project's involvement, who gives them, and the gap to its budget.

    Pure and exact: no I/O, no rounding; the same result whatever the order of the lists.

    Args:
        project: a project; ``None`` is returned when it has no ``costing`` section.
        rates: a rate card to price roles with (e.g. :func:`coproduce.costing.default_rate_card`);
            the project's own card takes precedence role by role.
        catalogue: the catalogue whose stages, bearers and costs to use (the paper's by
            default).
        lines: ``False`` for the totals alone: the same lines are priced and added up, but
            the result's ``lines`` and ``by_cell`` are left empty (the appraisal's summary
            reads neither, and is spared building a record per line).

    Raises:
        CostingError: a line names something the project or the cards do not hold, or two
            currencies meet; every problem is listed with its path.

    Example:
        >>> from decimal import Decimal
        >>> from coproduce import Project, Stakeholder, StakeholderKind, Involvement, Mode
        >>> from coproduce.model import CostingPlan, InvolvementCosting, Rate, RateCard, RateUnit
        >>> card = RateCard(id="mine", currency="GBP", rates=(
        ...     Rate(role="contributor", unit=RateUnit.HOUR, amount=Decimal(20)),))
        >>> p = Project(
        ...     title="t",
        ...     stakeholders=(Stakeholder(id="panel", kind=StakeholderKind.PATIENT),),
        ...     plan=(Involvement(stage="stage.framing-questions", stakeholder="panel",
        ...                       mode=Mode.CONSULTATION),),
        ...     costing=CostingPlan(currency="GBP", budget=Decimal(500), rate_card=card,
        ...         involvements=(InvolvementCosting(stage="stage.framing-questions",
        ...             stakeholder="panel", people=4, sessions=2, hours=Decimal(2),
        ...             preparation_hours=Decimal("0.5"), role="contributor"),)),
        ... )
        >>> c = cost(p)
        >>> c.money, c.hours, c.gap
        (Decimal('400.0'), Decimal('20.0'), Decimal('100.0'))
        >>> t = cost(p, lines=False)
        >>> (t.money, t.gap) == (c.money, c.gap), t.lines
        (True, ())

    """
    plan = project.costing
    if plan is None:
        return None
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = costing_problems(project, rates=rates, catalogue=cat)
    if problems:
        raise costing_error(problems)
    return _priced(project, plan, rate_table(plan, rates), cat, lines)


def _priced(
    project: Project, plan: CostingPlan, table: RateTable, cat: Catalogue, lines: bool
) -> Costing:
    """The costing of a checked plan: its lines priced once and added up."""
    if not lines:
        return totals_of(project, costing_lines(project, plan, table, cat, as_priced), cat)
    return costing_of(
        project, tuple(costing_lines(project, plan, table, cat, line_maker(plan))), cat
    )
