"""Reports of an appraisal: plain text, Markdown, and self-contained HTML with inline SVG.

Every format opens with the advice per stakeholder group (with prerequisites and what to do
stage by stage), then what the advice rests on (the caveats: what the paper is and is not,
and what is this tool's judgement), then what would change it; the detail follows: the Table
2 profile, the aims and alternatives, the risk register, who bears the costs, the key
questions and the findings — each conclusion with its locator in the paper. The HTML report is
one file with no scripts and nothing fetched: styles are inline and scoped, figures are SVG.

Example:
    >>> from coproduce import appraise
    >>> from coproduce.io import load_example
    >>> from coproduce.report import to_html, to_markdown
    >>> result = appraise(load_example("one-stage"))
    >>> page = to_html(result)
    >>> page.startswith("<!doctype html>") and "<script" not in page
    True
    >>> to_markdown(result).splitlines()[0]
    '# Appraisal: Setting priorities for a stroke rehabilitation trial'
    >>> to_text(result).splitlines()[3:5]  # the single most important thing comes first
    ['First', '-----']

"""

from __future__ import annotations

from html import escape
from typing import Literal

from coproduce.appraisal import Appraisal, Emphasis, FindingLevel, Severity
from coproduce.catalogue import ENTRY_FIELDS, Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Project
from coproduce.report import _writers
from coproduce.report._costing import (
    costing_csv,
    costing_data,
    costing_html,
    costing_html_fragment,
    costing_markdown,
    costing_text,
)
from coproduce.report._sections import sections
from coproduce.report._style import CSS, PAGE_CSS
from coproduce.report._svg import contributions_svg, exposure_svg, graph_svg

__all__ = [
    "FORMATS",
    "ReportFormat",
    "catalogue_html",
    "costing_csv",
    "costing_data",
    "costing_html",
    "costing_html_fragment",
    "costing_markdown",
    "costing_text",
    "emphasis_html",
    "html_fragment",
    "project_html",
    "render",
    "to_html",
    "to_markdown",
    "to_text",
]

ReportFormat = Literal["text", "markdown", "html", "json"]
"""The formats of :func:`render`."""
FORMATS: tuple[ReportFormat, ...] = ("text", "markdown", "html", "json")


def _meta(a: Appraisal, cat: Catalogue) -> str:
    return (
        f"coproduce {a.coproduce_version or '?'} · policy {a.policy_digest or '?'} · catalogue "
        f"{a.catalogue_version} · {cat.reference.citation} doi:{cat.reference.doi}"
    )


def _figures(a: Appraisal, cat: Catalogue) -> tuple[str, str, str]:
    labels = {e.id: e.label for e in cat.entries()}
    order: dict[str, int] = {k.id: i for i, k in enumerate(cat.cost_categories)}
    return (
        contributions_svg(a.emphasis),
        exposure_svg(a.exposure, labels, order),
        graph_svg(a, labels, order),
    )


def to_text(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as plain text, advice first, every conclusion with its locator."""
    cat = catalogue if catalogue is not None else default_catalogue()
    return _writers.text(
        f"Appraisal of {appraisal.title!r}", _meta(appraisal, cat), sections(appraisal, cat)
    )


_SCOPE = ".coproduce-report"


def html_fragment(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as an HTML fragment for a notebook or a page.

    The advice, what it rests on and what would change it are in view; the full report is
    behind a ``<details>``. Styles are scoped to the fragment.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    body = _writers.html_body(sections(appraisal, cat, figures=_figures(appraisal, cat)), fold=True)
    return (
        f'<div class="coproduce-report"><style>{CSS}</style>'
        f"<h3>Appraisal: {escape(appraisal.title)}</h3>{_headline(appraisal)}{body}</div>"
    )


def _headline(a: Appraisal) -> str:
    e = a.emphasis
    high = sum(r.residual is Severity.HIGH for r in a.risks)
    concerns = sum(f.level is FindingLevel.CONCERN for f in a.findings)
    return (
        f"<p class='meta'>{len(a.advice)} stakeholders advised · Table 2 profile for "
        f"decision-makers: {escape(e.verdict.value)} (score {e.score:+.2f}, "
        f"{e.coverage:.0%} known) · {len(a.risks)} risks, {high} high after mitigations · "
        f"{concerns} concerns</p>"
    )


def emphasis_html(e: Emphasis) -> str:
    """A compact HTML view of a Table 2 profile (for notebooks)."""
    return (
        f'<div class="coproduce-report"><style>{CSS}</style><p>Table 2 profile: '
        f"<strong>{escape(e.verdict.value)}</strong> (score {e.score:+.2f}; "
        f"{e.coverage:.0%} of Table 2 known)</p>{contributions_svg(e)}</div>"
    )


def to_html(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as one self-contained HTML page: no scripts, nothing fetched."""
    cat = catalogue if catalogue is not None else default_catalogue()
    title = escape(appraisal.title)
    body = _writers.html_body(sections(appraisal, cat, figures=_figures(appraisal, cat)))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Appraisal: {title}</title><style>{PAGE_CSS}{CSS}</style></head><body>"
        f'<main class="coproduce-report"><h1>Appraisal: {title}</h1>'
        f"<p class='meta'>{escape(_meta(appraisal, cat))}</p>{body}"
        "<footer class='meta'>Every conclusion cites the page of Oliver, Kothari &amp; Mays "
        "(2019) it rests on. What the paper does not give (weights, thresholds, severity points, "
        "advice that starts from the aims, the ceilings, what comes first) is this tool's "
        "judgement, named as such.</footer>"
        "</main></body></html>\n"
    )


def to_markdown(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as Markdown (tables; no figures), advice first."""
    cat = catalogue if catalogue is not None else default_catalogue()
    return _writers.markdown(
        f"Appraisal: {appraisal.title}", _meta(appraisal, cat), sections(appraisal, cat)
    )


def render(
    appraisal: Appraisal, format: ReportFormat = "text", *, catalogue: Catalogue | None = None
) -> str:
    """The appraisal in one of :data:`FORMATS`: ``text``, ``markdown``, ``html`` or ``json``."""
    if format == "text":
        return to_text(appraisal, catalogue=catalogue)
    if format == "markdown":
        return to_markdown(appraisal, catalogue=catalogue)
    if format == "html":
        return to_html(appraisal, catalogue=catalogue)
    if format == "json":
        from coproduce.io import dump_appraisal

        return dump_appraisal(appraisal)
    raise ValueError(f"unknown report format: {format!r} (expected one of {', '.join(FORMATS)})")


def _involved_at(project: Project, stakeholder: str) -> str:
    return ", ".join(
        f"{i.stage.removeprefix('stage.')} ({i.mode.value})"
        for i in project.plan
        if i.stakeholder == stakeholder
    )


def project_html(project: Project) -> str:
    """A compact HTML summary of a project (for notebooks)."""
    rows = "".join(
        f"<tr><td>{escape(s.id)}</td><td>{escape(s.kind.value)}</td>"
        f"<td>{escape(s.power.value if s.power else '?')}</td>"
        f"<td>{escape(s.interest.value if s.interest else '?')}</td>"
        f"<td>{escape(_involved_at(project, s.id))}</td></tr>"
        for s in project.stakeholders
    )
    known = sum(1 for c in project.conditions if c.lean.value != "unknown")
    return (
        f'<div class="coproduce-report"><style>{CSS}</style>'
        f"<strong>Project: {escape(project.title)}</strong> — {len(project.aims)} aims, "
        f"{len(project.stakeholders)} stakeholders, {len(project.plan)} involvements, "
        f"{known} of 9 Table 2 conditions known."
        "<table><thead><tr><th>stakeholder</th><th>kind</th><th>power</th><th>interest</th>"
        f"<th>involved at</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def catalogue_html(catalogue: Catalogue) -> str:
    """A compact HTML summary of a catalogue (for notebooks)."""
    rows = "".join(
        f"<tr><td>{name.replace('_', ' ')}</td><td>{len(getattr(catalogue, name))}</td></tr>"
        for name in ENTRY_FIELDS
    )
    return (
        f'<div class="coproduce-report"><style>{CSS}</style>'
        f"<strong>Catalogue {escape(catalogue.version)}</strong>: "
        f"{escape(catalogue.reference.citation)} doi:{escape(catalogue.reference.doi)}"
        f"<table><tbody>{rows}</tbody></table></div>"
    )
