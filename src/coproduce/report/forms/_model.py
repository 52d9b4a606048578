"""The forms teams file, as data: a :class:`Report` of sections of entries, each complete or not.

A form is built from one project (:mod:`coproduce.report.forms`) and kept as this plain
structure: its JSON is :func:`~coproduce.report.forms.report_data`, and its Markdown and
HTML are the one set of report writers' (:func:`~coproduce.report.forms.form_document`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, Protocol, runtime_checkable

import attrs

from coproduce.model import Extensible

__all__ = [
    "KINDS",
    "TO_COMPLETE",
    "BudgetLines",
    "Report",
    "ReportFormat",
    "ReportItem",
    "ReportKind",
    "ReportSection",
]


ReportKind = Literal["standards", "application", "gripp2"]
"""The reports :func:`build` makes."""
KINDS: tuple[ReportKind, ...] = ("standards", "application", "gripp2")
ReportFormat = Literal["markdown", "html", "json"]
"""The formats :func:`render` writes."""

TO_COMPLETE = "To complete"


@attrs.frozen(kw_only=True)
class ReportItem(Extensible):
    """One entry of a report.

    Attributes:
        label: what the entry is (an item, a question, a heading of the form).
        lines: what the project already says, one statement per line (empty when unknown).
        complete: whether the project's facts answer it; ``False`` marks it to complete.
        prompt: what is still needed, for an entry not complete.
        source: where the entry comes from (document and locator), empty for the project's own.
        guidance: what the source asks for, in the project's words.

    """

    label: str
    lines: tuple[str, ...] = ()
    complete: bool = False
    prompt: str = ""
    source: str = ""
    guidance: str = ""


@attrs.frozen(kw_only=True)
class ReportSection(Extensible):
    """A titled group of entries."""

    title: str
    items: tuple[ReportItem, ...]
    note: str = ""


@attrs.frozen(kw_only=True)
class Report(Extensible):
    """A report generated from one project.

    Attributes:
        kind: ``"standards"``, ``"application"`` or ``"gripp2"``.
        documents: the documents the report answers to, as citations.

    """

    kind: str
    title: str
    project: str
    sections: tuple[ReportSection, ...]
    documents: tuple[str, ...]

    @property
    def to_complete(self) -> int:
        """How many entries are still to complete."""
        return sum(not i.complete for s in self.sections for i in s.items)


@runtime_checkable
class BudgetLines(Protocol):
    """The hook for a costing: anything that lists budget lines for the application.

    :class:`CostingBudget` gives the lines of a project's costing; a caller may pass its own
    to :func:`application_section`. Each line is ``(label, amount as text)``, e.g.
    ``("Public contributor fees", "£1,200")``.
    """

    def budget_lines(self) -> Iterable[tuple[str, str]]:
        """The budget lines, in order."""
        ...
