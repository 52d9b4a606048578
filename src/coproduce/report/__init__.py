"""Reports of an appraisal: plain text, Markdown, and self-contained HTML with inline SVG.

The HTML report is one file with no scripts and nothing fetched from the network: styles are
inline, figures are SVG in the page. It shows the verdict and the contribution of each Table 2
condition, the aims and alternatives, the risk register by stage, a bearer × category
heatmap of the cost exposure, the key questions, the findings, and the graph of the project's
stages, challenges and cost categories — each conclusion with its locator in the paper.

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

"""

from __future__ import annotations

from html import escape
from typing import Literal

from coproduce.appraisal import Answer, Appraisal, Level, Route
from coproduce.catalogue import ENTRY_FIELDS, Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Project
from coproduce.report._costing import (
    costing_csv,
    costing_data,
    costing_html,
    costing_html_fragment,
    costing_markdown,
    costing_text,
)
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
    "html_fragment",
    "project_html",
    "render",
    "to_html",
    "to_markdown",
]

ReportFormat = Literal["text", "markdown", "html", "json"]
"""The formats of :func:`render`."""
FORMATS: tuple[ReportFormat, ...] = ("text", "markdown", "html", "json")

_ROUTE = {
    Route.LIKELY: "coproduction may be the only route (a political aim)",
    Route.UNLIKELY: "other routes can usually reach it",
    Route.UNCLEAR: "no motivation stated, so the route cannot be judged",
}
_ANSWER = {Answer.ANSWERED: "answered", Answer.PARTLY: "partly answered", Answer.OPEN: "open"}

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2937;
       margin: 0; background: #fafaf9; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin-top: 36px;
     border-bottom: 2px solid #e7e5e4; padding-bottom: 4px; } h3 { font-size: 16px; }
.meta { color: #6b7280; margin: 0 0 16px; }
.verdict { display: inline-block; padding: 6px 14px; border-radius: 6px; font-weight: 700;
           font-size: 18px; color: #fff; background: #374151; }
.verdict.clearly-less, .verdict.less { background: #b45309; }
.verdict.clearly-more, .verdict.more { background: #0f766e; }
.verdict.balanced { background: #4b5563; } .verdict.undetermined { background: #6b7280; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f4; }
.sev-high { color: #b91c1c; font-weight: 700; } .sev-medium { color: #b45309; font-weight: 600; }
.sev-low { color: #4d7c0f; }
.level-concern { color: #b91c1c; font-weight: 700; } .level-warning { color: #b45309; }
.level-info { color: #4b5563; }
.cite { color: #6b7280; font-size: 12px; } figure { margin: 12px 0; overflow-x: auto; }
figcaption { color: #6b7280; font-size: 13px; } code { font-size: 13px; }
footer { margin-top: 40px; color: #6b7280; font-size: 13px; }
"""


def _labels(cat: Catalogue) -> dict[str, str]:
    return {e.id: e.label for e in cat.entries()}


def _cite(page: int, locator: str) -> str:
    return f'<span class="cite">p.&nbsp;{page}, {escape(locator)}</span>'


def _sections(a: Appraisal, cat: Catalogue) -> list[str]:
    labels = _labels(cat)
    order: dict[str, int] = {k.id: i for i, k in enumerate(cat.cost_categories)}
    e = a.emphasis
    out = [
        '<section id="emphasis"><h2>Step 1: how much to emphasise coproduction</h2>',
        f'<p><span class="verdict {e.verdict.value}">{escape(e.verdict.value)}</span> '
        f"&nbsp;score {e.score:+.2f} · confidence {e.confidence:.0%} · deepest mode supported: "
        f"<strong>{escape(e.advised_mode.value)}</strong></p>",
    ]
    if e.gated_by:
        gates = ", ".join(escape(labels.get(g, g)) for g in e.gated_by)
        out.append(
            f"<p><strong>Capped by {gates}</strong>: before the cap the verdict was "
            f"{escape(e.ungated.value)}.</p>"
        )
    out += [
        f"<figure>{contributions_svg(e)}<figcaption>Contribution of each Table 2 condition "
        "(p. 7). Grey dots: unknown.</figcaption></figure>",
        "<table><thead><tr><th>Table 2 condition</th><th>lean</th><th>weight</th>"
        "<th>contribution</th><th>source</th></tr></thead><tbody>",
    ]
    for c in e.contributions:
        lean = c.lean.value + (" (inferred)" if c.inferred else "") + (" · gate" if c.gate else "")
        out.append(
            f"<tr><td>{c.number}. {escape(c.label)}</td><td>{escape(lean)}</td>"
            f"<td>{c.weight:g}</td><td>{c.contribution:+.3f}</td>"
            f"<td>{_cite(c.source.page, c.source.locator)}</td></tr>"
        )
    out.append("</tbody></table></section>")

    out.append('<section id="aims"><h2>Step 2: aims and alternatives</h2>')
    if not a.aims:
        out.append("<p>No aims are stated.</p>")
    for aim in a.aims:
        motives = ", ".join(m.value for m in aim.motivations) or "no motivation stated"
        out.append(
            f"<h3>{escape(aim.description or aim.aim)}</h3><p>{escape(motives)} — "
            f"{escape(_ROUTE[aim.only_route])}.</p>"
        )
        if aim.alternatives:
            out.append("<ul>")
            out += [
                f"<li><strong>{escape(x.label)}</strong>: {escape(x.reason)} "
                f"{_cite(x.source.page, x.source.locator)}</li>"
                for x in aim.alternatives
            ]
            out.append("</ul>")
    out.append("</section>")

    out.append('<section id="risks"><h2>Risk register</h2>')
    if not a.risks:
        out.append("<p>No stakeholder involvement is planned, so no risks arise from it.</p>")
    stage = None
    for r in a.risks:
        if r.stage != stage:
            if stage is not None:
                out.append("</tbody></table>")
            stage = r.stage
            who = ", ".join(r.stakeholders)
            out.append(
                f"<h3>{escape(labels.get(stage, stage))}</h3><p>{escape(who)} · deepest mode "
                f"{escape(r.mode.value)}</p><table><thead><tr><th>challenge</th>"
                "<th>severity</th><th>after mitigations</th><th>why</th>"
                "<th>mitigations not in place</th><th>source</th></tr></thead><tbody>"
            )
        why = "; ".join(escape(f.message) for f in r.factors[1:]) or "depth of involvement"
        missing = ", ".join(escape(m.label) for m in r.mitigations if m.in_place is not True)
        out.append(
            f"<tr><td>{escape(r.label)}</td><td class='sev-{r.severity.value}'>"
            f"{r.severity.value}</td><td class='sev-{r.residual.value}'>{r.residual.value}</td>"
            f"<td>{why}</td><td>{missing or '—'}</td>"
            f"<td>{_cite(r.sources[0].page, r.sources[0].locator)}</td></tr>"
        )
    if stage is not None:
        out.append("</tbody></table>")
    out.append("</section>")

    out += [
        '<section id="exposure"><h2>Who bears the costs</h2>',
        f"<figure>{exposure_svg(a.exposure, labels, order)}<figcaption>Bearer × cost category "
        "(costs pp. 3–6; those least able to bear them p. 5).</figcaption></figure></section>",
        '<section id="questions"><h2>Key questions</h2><table><thead><tr><th>question</th>'
        "<th>for</th><th>status</th><th>missing</th><th>source</th></tr></thead><tbody>",
    ]
    for q in a.questions:
        out.append(
            f"<tr><td>{q.number}. {escape(q.label)}</td><td>{q.audience.value}</td>"
            f"<td>{_ANSWER[q.answer]}</td><td>{escape(', '.join(q.missing)) or '—'}</td>"
            f"<td>{_cite(q.source.page, q.source.locator)}</td></tr>"
        )
    out.append("</tbody></table></section>")

    out.append('<section id="findings"><h2>Findings</h2>')
    if not a.findings:
        out.append("<p>None.</p>")
    else:
        out.append("<ul>")
        for f in a.findings:
            cites = "; ".join(f"{escape(c.entry)} p.&nbsp;{c.page}" for c in f.sources)
            out.append(
                f"<li><span class='level-{f.level.value}'>{f.level.value}</span> "
                f"<code>{escape(f.code)}</code>: {escape(f.message)} "
                f"<span class='cite'>[{cites}]</span></li>"
            )
        out.append("</ul>")
    out.append("</section>")
    out.append(
        '<section id="graph"><h2>Stages, challenges and cost categories</h2>'
        f"<figure>{graph_svg(a, labels, order)}<figcaption>Stages where stakeholders are "
        "involved, the challenges Table 1 lists for them (coloured by severity after "
        "mitigations), and the cost categories they reach.</figcaption></figure></section>"
    )
    return out


def html_fragment(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as an HTML fragment (a ``<div>``), e.g. for a notebook or a web page."""
    cat = catalogue if catalogue is not None else default_catalogue()
    body = "".join(_sections(appraisal, cat))
    return f'<div class="coproduce-report"><style>{_CSS}</style>{body}</div>'


def to_html(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as one self-contained HTML page: no scripts, nothing fetched."""
    cat = catalogue if catalogue is not None else default_catalogue()
    title = escape(appraisal.title)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Appraisal: {title}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Appraisal: {title}</h1><p class='meta'>coproduce · catalogue "
        f"{escape(appraisal.catalogue_version)} · {escape(cat.reference.citation)} "
        f"doi:{escape(cat.reference.doi)}</p>"
        + "".join(_sections(appraisal, cat))
        + "<footer>Every conclusion cites the page of Oliver, Kothari &amp; Mays (2019) it rests "
        "on. The weights and thresholds that combine Table 2 are the project's reading, not the "
        "paper's rule.</footer></main></body></html>\n"
    )


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def to_markdown(appraisal: Appraisal, *, catalogue: Catalogue | None = None) -> str:
    """The report as Markdown (tables; no figures)."""
    cat = catalogue if catalogue is not None else default_catalogue()
    labels = _labels(cat)
    a, e = appraisal, appraisal.emphasis
    out = [
        f"# Appraisal: {a.title}",
        "",
        f"Catalogue {a.catalogue_version}; doi:{cat.reference.doi}.",
        "",
        "## Step 1: how much to emphasise coproduction",
        "",
        f"**Verdict: {e.verdict.value}** (score {e.score:+.2f}, confidence {e.confidence:.0%}; "
        f"deepest mode supported: {e.advised_mode.value}).",
    ]
    if e.gated_by:
        out.append(f"Capped by {', '.join(e.gated_by)}; before the cap: {e.ungated.value}.")
    out += ["", "| Table 2 condition | lean | contribution | source |", "|---|---|---|---|"]
    out += [
        f"| {c.number}. {_md(c.label)} | {c.lean.value}{' (inferred)' if c.inferred else ''}"
        f"{' · gate' if c.gate else ''} | {c.contribution:+.3f} | p. {c.source.page}, "
        f"{_md(c.source.locator)} |"
        for c in e.contributions
    ]
    out += ["", "## Step 2: aims and alternatives", ""]
    if not a.aims:
        out.append("No aims are stated.")
    for aim in a.aims:
        motives = ", ".join(m.value for m in aim.motivations) or "no motivation stated"
        out.append(
            f"- **{_md(aim.description or aim.aim)}** ({motives}): {_ROUTE[aim.only_route]}."
        )
        out += [f"  - {x.label}: {x.reason} (p. {x.source.page})" for x in aim.alternatives]
    out += ["", "## Risk register", ""]
    if not a.risks:
        out.append("No stakeholder involvement is planned.")
    else:
        out += [
            "| stage | challenge | severity | after mitigations | mitigations not in place "
            "| source |",
            "|---|---|---|---|---|---|",
        ]
        for r in a.risks:
            missing = ", ".join(m.label for m in r.mitigations if m.in_place is not True)
            out.append(
                f"| {_md(labels.get(r.stage, r.stage))} | {_md(r.label)} | {r.severity.value} | "
                f"{r.residual.value} | {_md(missing) or '—'} | p. {r.sources[0].page} |"
            )
    out += ["", "## Who bears the costs", ""]
    if a.exposure:
        out += ["| bearer | cost category | weight | least able |", "|---|---|---|---|"]
        out += [
            f"| {_md(labels.get(c.bearer, c.bearer))} | {_md(labels.get(c.category, c.category))}"
            f" | {c.weight} | {'yes' if c.least_able else ''} |"
            for c in a.exposure
        ]
    out += ["", "## Key questions", "", "| question | for | status | source |", "|---|---|---|---|"]
    out += [
        f"| {q.number}. {_md(q.label)} | {q.audience.value} | {_ANSWER[q.answer]} | "
        f"p. {q.source.page} |"
        for q in a.questions
    ]
    out += ["", "## Findings", ""]
    level = {Level.CONCERN: "**concern**", Level.WARNING: "warning", Level.INFO: "info"}
    out += [
        f"- {level[f.level]} `{f.code}`: {f.message} "
        f"({'; '.join(f'{c.entry} p. {c.page}' for c in f.sources)})"
        for f in a.findings
    ] or ["None."]
    return "\n".join(out) + "\n"


def render(
    appraisal: Appraisal, format: ReportFormat = "text", *, catalogue: Catalogue | None = None
) -> str:
    """The appraisal in one of :data:`FORMATS`: ``text``, ``markdown``, ``html`` or ``json``."""
    if format == "text":
        return appraisal.explain() + "\n"
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
        f"<div><strong>Project: {escape(project.title)}</strong> — {len(project.aims)} aims, "
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
        f"<div><strong>Catalogue {escape(catalogue.version)}</strong>: "
        f"{escape(catalogue.reference.citation)} doi:{escape(catalogue.reference.doi)}"
        f"<table><tbody>{rows}</tbody></table></div>"
    )
