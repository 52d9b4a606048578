"""Any report in any of its formats: :func:`document`, :func:`render` and :func:`write`.

A report is a :class:`~coproduce.report._model.Document`, built from a result by the builder
of its kind; :func:`document` chooses the builder by the result's type. :func:`render` writes
it in one of its formats, :func:`write` into a file, in the format the file's suffix names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, cast

from coproduce.catalogue import Catalogue
from coproduce.report._model import FORMATS_OF, Document, ReportFormat
from coproduce.report._writers import written

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal
    from coproduce.costing import Costing
    from coproduce.portfolio import PortfolioTracking
    from coproduce.report.forms import Report
    from coproduce.tracking import Tracking

__all__ = ["Reportable", "document", "format_for", "formats", "render_any", "write"]

Reportable: TypeAlias = "Document | Appraisal | Costing | Tracking | PortfolioTracking | Report"
"""What :func:`document`, :func:`render` and :func:`write` take: a built report, or a result
to build one from with its builder's defaults (an appraisal, a costing, a tracking, a
portfolio view's summary, a form)."""


def _builder(
    report: Reportable, catalogue: Catalogue | None
) -> tuple[str, Callable[[bool], Document]]:
    """The kind of report ``report`` gives, and how to build it (with figures or without)."""
    from coproduce.appraisal import Appraisal
    from coproduce.costing import Costing
    from coproduce.portfolio import PortfolioTracking
    from coproduce.report._appraisal import appraisal_report
    from coproduce.report._costing import costing_report
    from coproduce.report._portfolio import portfolio_report
    from coproduce.report._tracking import tracking_report
    from coproduce.report.forms import Report, form_document
    from coproduce.tracking import Tracking

    if isinstance(report, Document):
        return report.kind, lambda _: report
    if isinstance(report, Appraisal):
        return "appraisal", lambda figures: appraisal_report(
            report, catalogue=catalogue, figures=figures
        )
    if isinstance(report, Costing):
        return "costing", lambda _: costing_report(report, catalogue=catalogue)
    if isinstance(report, Tracking):
        return "tracking", lambda _: tracking_report(report, catalogue=catalogue)
    if isinstance(report, PortfolioTracking):
        return "portfolio", lambda _: portfolio_report(report, catalogue=catalogue)
    if isinstance(report, Report):
        return report.kind, lambda _: form_document(report)
    raise TypeError(f"no report of a {type(report).__name__}")


def document(
    report: Reportable, *, catalogue: Catalogue | None = None, figures: bool = True
) -> Document:
    """The report of ``report``: itself if it is a document, else built from the result.

    Args:
        report: a :class:`Document`, or a result: an ``Appraisal``, a ``Costing`` (without
            the plan that fits; build it with :func:`~coproduce.report.costing_report` for
            that), a ``Tracking`` (without re-appraisal: :func:`tracking_report`), a
            ``PortfolioTracking`` or a form (:class:`coproduce.report.forms.Report`).
        catalogue: whose labels the report uses (the default catalogue's if none).
        figures: draw an appraisal's figures (only its HTML shows them).

    Raises:
        TypeError: anything else.

    Example:
        >>> from coproduce import appraise
        >>> from coproduce.io import load_example
        >>> doc = document(appraise(load_example("one-stage")))
        >>> doc.kind, doc.formats, doc.sections[0].title
        ('appraisal', ('text', 'markdown', 'html', 'json'), 'First')

    """
    return _builder(report, catalogue)[1](figures)


def formats(report: Reportable) -> tuple[str, ...]:
    """The formats ``report`` is written in, its default first (see :data:`FORMATS_OF`).

    Example:
        >>> from coproduce.model import Project
        >>> from coproduce.report.forms import gripp2_report
        >>> formats(gripp2_report(Project(title="t")))
        ('markdown', 'html', 'json')

    """
    return FORMATS_OF[_builder(report, None)[0]]


def format_for(
    kind: str, path: str | os.PathLike[str] | None, format: str | None = None
) -> ReportFormat:
    """The format a report of ``kind`` is written in to ``path`` (``None``: standard output).

    ``format`` if given, else the one the suffix of ``path`` names, else the kind's default
    (the first of :data:`FORMATS_OF`); every command asks this before it reads anything, so
    a suffix the report cannot be written in is refused before any work, and alike everywhere.

    Raises:
        coproduce.errors.OutputFormatError: a suffix or ``format`` the report does not have.
        KeyError: ``kind`` is no kind of report.

    Example:
        >>> from coproduce.report import format_for
        >>> format_for("costing", "lines.CSV"), format_for("portfolio", None)
        ('csv', 'text')
        >>> format_for("gripp2", "form.pdf")
        Traceback (most recent call last):
        ...
        coproduce.errors.OutputFormatError: form.pdf: cannot write .pdf; name the file ...

    """
    from coproduce.io import output_format

    return cast("ReportFormat", output_format(path, format, formats=FORMATS_OF[kind]))


def render_any(
    report: Reportable, format: str | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """``report`` in ``format`` (its kind's default if ``None``); see :func:`render`."""
    kind, build = _builder(report, catalogue)
    fmt = format if format is not None else FORMATS_OF[kind][0]
    return written(build(fmt == "html"), fmt)


def write(
    report: Reportable,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    catalogue: Catalogue | None = None,
) -> str:
    """Write ``report`` to ``path`` atomically, in ``format`` or the one its suffix names.

    The format is chosen as every command chooses it (:func:`coproduce.io.output_format`):
    ``format`` if given, else the suffix of ``path`` (``.txt``, ``.md``, ``.html``,
    ``.json``, ``.csv``), else the report's default (its first format). A suffix the report
    cannot be written in (``.pdf``, ``.docx``, ``.csv`` for an appraisal) is refused before
    anything is written. The file appears whole or not at all
    (:func:`coproduce.io.write_text`).

    Args:
        report: a built :class:`Document` or a result (see :func:`document`).
        path: the file to write.
        format: the format, if not the one the suffix names.
        catalogue: whose labels the report uses (the default catalogue's if none).

    Returns:
        The format written.

    Raises:
        coproduce.errors.OutputFormatError: a suffix or ``format`` the report does not have.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from coproduce import appraise
        >>> from coproduce.io import load_example
        >>> from coproduce.report import write
        >>> folder = Path(tempfile.mkdtemp())
        >>> result = appraise(load_example("one-stage"))
        >>> write(result, folder / "report.html")
        'html'
        >>> (folder / "report.html").read_text(encoding="utf-8")[:15]
        '<!doctype html>'
        >>> write(result, folder / "report.md"), write(result, folder / "notes", "text")
        ('markdown', 'text')
        >>> write(result, folder / "report.pdf")
        Traceback (most recent call last):
        ...
        coproduce.errors.OutputFormatError: ...report.pdf: cannot write .pdf; name the file ...
        >>> (folder / "report.pdf").exists()
        False

    """
    from coproduce.io import write_text

    kind, build = _builder(report, catalogue)
    fmt = format_for(kind, path, format)
    write_text(path, written(build(fmt == "html"), fmt))
    return fmt
