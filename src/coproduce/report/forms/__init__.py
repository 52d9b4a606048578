"""Plan once, report many: the documents teams file, generated from one project.

Three reports, each returned as a plain :class:`Report` structure and rendered as Markdown,
self-contained HTML or JSON by :func:`render` (or by :func:`coproduce.report.render` and
:func:`coproduce.report.write`, as every report); the JSON is :func:`report_data`:

- :func:`standards_assessment`: a UK Standards for Public Involvement self-assessment; per
  standard, what the plan shows, the gaps, and the reflective questions still open;
- :func:`application_section`: the involvement section of a grant application; who, when,
  how, payment and support, the budget, evaluation, and the practice risks with mitigations;
- :func:`gripp2_report`: a GRIPP2 short-form skeleton, plus the encoded long-form items when
  the plan involves lay contributors.

Known facts are filled in; everything else is marked *to complete*. Every item names the
source it answers to (document and locator).

Example:
    >>> from coproduce.io import load_example
    >>> from coproduce.report.forms import gripp2_report, render
    >>> report = gripp2_report(load_example("patient-public-only"))
    >>> [i.label for i in report.sections[1].items][:3]
    ['1. Aim', '2. Methods', '3. Study results']
    >>> render(report, "html").startswith("<!doctype html>")
    True

"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from coproduce.report.forms._application import CostingBudget, application_section
from coproduce.report.forms._gripp2 import gripp2_report
from coproduce.report.forms._model import (
    KINDS,
    BudgetLines,
    Report,
    ReportFormat,
    ReportItem,
    ReportKind,
    ReportSection,
)
from coproduce.report.forms._output import (
    build,
    form_document,
    render,
    report_data,
    to_html,
    to_markdown,
)
from coproduce.report.forms._standards import standards_assessment

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
    "form_document",
    "gripp2_report",
    "render",
    "report_data",
    "standards_assessment",
    "to_html",
    "to_markdown",
]

if TYPE_CHECKING:
    to_data = report_data
    """Deprecated: :func:`report_data` (``coproduce.io.to_data`` is another thing)."""


def __getattr__(name: str) -> Any:
    if name == "to_data":
        warnings.warn(
            "coproduce.report.forms.to_data is deprecated: use coproduce.report.forms.report_data "
            "(coproduce.io.to_data is another function)",
            DeprecationWarning,
            stacklevel=2,
        )
        return report_data
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
