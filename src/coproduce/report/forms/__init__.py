"""Plan once, report many: the documents teams file, generated from one project.

- :func:`standards_assessment`: a UK Standards for Public Involvement self-assessment;
- :func:`application_section`: the involvement section of a grant application;
- :func:`gripp2_report`: a GRIPP2 short-form skeleton, and the encoded long-form items.

Each opens with the appraisal's single most important thing to do; known facts are filled
in, everything else is marked *to complete*, and every item names the source it answers to.
"""

from coproduce.report.forms._forms import (
    KINDS,
    BudgetLines,
    CostingBudget,
    Report,
    ReportFormat,
    ReportItem,
    ReportKind,
    ReportSection,
    application_section,
    build,
    gripp2_report,
    render,
    standards_assessment,
    to_data,
    to_html,
    to_markdown,
)

__all__ = [
    "KINDS",
    "BudgetLines",
    "CostingBudget",
    "Report",
    "ReportFormat",
    "ReportItem",
    "ReportKind",
    "ReportSection",
    "application_section",
    "build",
    "gripp2_report",
    "render",
    "standards_assessment",
    "to_data",
    "to_html",
    "to_markdown",
]
