"""Reports: every result as plain text, Markdown, self-contained HTML with inline SVG, or JSON.

Every report is one :class:`Document` of sections, built from a result by the builder of
its kind and written by one set of writers, so that every report escapes alike:

- the appraisal (:func:`appraisal_report`): the advice per stakeholder group first (with
  prerequisites and what to do stage by stage), then what the advice rests on (the caveats:
  what the paper is and is not, and what is this tool's judgement), then what would change
  it; the detail follows: the Table 2 profile, the aims and alternatives, the risk register,
  who bears the costs, the key questions and the findings — each conclusion with its locator
  in the paper;
- the costing (:func:`costing_report`), and its lines as CSV (:func:`costing_csv`);
- planned against actual (:func:`tracking_report`) and the funder's portfolio view
  (:func:`portfolio_report`);
- the forms teams file (:mod:`coproduce.report.forms`).

:func:`render` writes any of them in one of its formats, :func:`write` into a file in the
format its suffix names; :data:`FORMATS_OF` says which formats each kind has. The HTML is one
file with no scripts and nothing fetched: styles are inline and scoped, figures are SVG.

Where things go (each touches at most two files, and its test):

- a **new section** of a report is one function returning a
  :class:`~coproduce.report._model.Section` in that report's builder, listed in the
  builder's ``sections`` (``_sections``) in reading order: ``_appraisal.py`` (its detail
  sections in ``_appraisal_detail.py``), ``_costing.py``, ``_tracking.py``,
  ``_portfolio.py``, or a form's ``forms/_standards.py``, ``_application.py``,
  ``_gripp2.py``;
- a **new kind of block** (something no writer draws yet) is a class in ``_model.py`` and a
  case in each writer of ``_writers/``; styles and colours are in ``_style.py``;
- a **new format** of every report is a writer in ``_writers/`` and a line in
  :data:`FORMATS_OF`. Reports never write markup nor escape text themselves: the writers do,
  one escaper per format.

Example:
    >>> from coproduce import appraise
    >>> from coproduce.io import load_example
    >>> from coproduce.report import render, to_html, to_markdown
    >>> result = appraise(load_example("one-stage"))
    >>> page = to_html(result)
    >>> page.startswith("<!doctype html>") and "<script" not in page
    True
    >>> to_markdown(result).splitlines()[0]
    '# Appraisal: Setting priorities for a stroke rehabilitation trial'
    >>> to_text(result).splitlines()[3:5]  # the single most important thing comes first
    ['First', '-----']
    >>> render(result, "json").splitlines()[1]
    '  "schema_version": 2,'

"""

from __future__ import annotations

import attrs

from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.report import _writers
from coproduce.report._appraisal import appraisal_report, headline
from coproduce.report._costing import (
    costing_csv,
    costing_data,
    costing_html,
    costing_html_fragment,
    costing_markdown,
    costing_report,
    costing_text,
)
from coproduce.report._model import FORMATS_OF, Document, ReportFormat
from coproduce.report._notebook import catalogue_html, emphasis_html, project_html
from coproduce.report._output import (
    Reportable,
    document,
    format_for,
    formats,
    render_any,
    write,
)
from coproduce.report._portfolio import (
    portfolio_html,
    portfolio_markdown,
    portfolio_report,
    portfolio_text,
)
from coproduce.report._tracking import (
    tracking_html,
    tracking_markdown,
    tracking_report,
    tracking_text,
)

__all__ = [
    "FORMATS",
    "FORMATS_OF",
    "Document",
    "ReportFormat",
    "Reportable",
    "appraisal_report",
    "catalogue_html",
    "costing_csv",
    "costing_data",
    "costing_html",
    "costing_html_fragment",
    "costing_markdown",
    "costing_report",
    "costing_text",
    "document",
    "emphasis_html",
    "format_for",
    "formats",
    "html_fragment",
    "portfolio_html",
    "portfolio_markdown",
    "portfolio_report",
    "portfolio_text",
    "project_html",
    "render",
    "to_html",
    "to_markdown",
    "to_text",
    "tracking_html",
    "tracking_markdown",
    "tracking_report",
    "tracking_text",
    "write",
]

FORMATS: tuple[ReportFormat, ...] = ("text", "markdown", "html", "json")
"""The formats of an appraisal's report."""


def render(
    report: Reportable, format: ReportFormat | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """A report in one of its formats (its default, the first of :func:`formats`, if ``None``).

    ``report`` is a :class:`Document` or a result to build one from (:func:`document`): an
    appraisal (``text``, ``markdown``, ``html`` or ``json``), a costing (those and ``csv``),
    a tracking, a portfolio view's summary, or a form (``markdown``, ``html``, ``json``).

    Raises:
        ValueError: a format the report does not have.

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> render(cost(load_example("contested-policy")), "csv").split(",")[:3]
        ['path', 'kind', 'heading']

    """
    return render_any(report, format, catalogue=catalogue)


def to_text(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as plain text, advice first, every conclusion with its locator."""
    return _writers.text(appraisal_report(appraisal, catalogue=catalogue, figures=False))


def to_markdown(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as Markdown (tables; no figures), advice first."""
    return _writers.markdown(appraisal_report(appraisal, catalogue=catalogue, figures=False))


def to_html(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as one self-contained HTML page: no scripts, nothing fetched."""
    return _writers.page(appraisal_report(appraisal, catalogue=catalogue))


def html_fragment(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as an HTML fragment for a notebook or a page.

    The advice, what it rests on and what would change it are in view; the full report is
    behind a ``<details>``. Styles are scoped to the fragment.
    """
    doc = appraisal_report(appraisal, catalogue=catalogue)
    return _writers.fragment(attrs.evolve(doc, meta=headline(appraisal)), fold=True)
