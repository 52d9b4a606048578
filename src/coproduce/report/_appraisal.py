"""The appraisal report, advice first, as a document of sections written once for every format.

The report opens with the advice per stakeholder group (this module), then what it rests on
(the caveats), then what would change it, before any detail
(:mod:`coproduce.report._appraisal_detail`). The wording lives here and there; the writers
(:mod:`coproduce.report._writers`) lay the same sections out as text, Markdown and HTML, so
the formats cannot drift apart. To add a section, write it beside its kind and list it in
:func:`sections`.
"""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.appraisal import Action, Advice, Appraisal, FindingLevel, Severity
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Sphere
from coproduce.report import _appraisal_detail as detail
from coproduce.report._model import (
    Block,
    Bullets,
    Caveats,
    Document,
    Heading,
    Para,
    Section,
    Seg,
    Table,
    Text,
    t,
)
from coproduce.report._svg import contributions_svg, exposure_svg, graph_narrow_svg, graph_svg

__all__ = ["appraisal_report", "headline", "sections"]

_GROUPS = (
    (Sphere.DECISION, "Decision-makers (policy-makers, funders, managers)"),
    (Sphere.COMMERCIAL, "Commercial partners"),
    (Sphere.PROFESSIONAL, "Practitioners"),
    (Sphere.LAY, "Patients, carers, the public and community organisations"),
    (Sphere.RESEARCH, "Partner researchers"),
    (Sphere.OTHER, "Others"),
)


_ACTION = {
    Action.LIGHTEN: "lighten",
    Action.AFTER_PREREQUISITES: "once ready",
    Action.RECONSIDER: "reconsider the arrangement",
    Action.KEEP: "keep",
}


def _stage_name(stage: str) -> str:
    return stage.removeprefix("stage.").replace("-", " ")


def _todo(a: Advice) -> str:
    parts = []
    for action in (Action.LIGHTEN, Action.RECONSIDER, Action.AFTER_PREREQUISITES, Action.KEEP):
        lines = [s for s in a.stages if s.action is action]
        if not lines:
            continue
        if action is Action.LIGHTEN:
            where = ", ".join(
                f"{_stage_name(s.stage)} ({s.planned_mode.value} → {s.advised_mode.value}"
                f"{_why_lighter(s.reason)})"
                for s in lines
            )
        else:
            where = ", ".join(f"{_stage_name(s.stage)} ({s.planned_mode.value})" for s in lines)
        parts.append(f"{_ACTION[action]}: {where}")
    return "; ".join(parts)


def _why_lighter(reason: str) -> str:
    """A stage line's own reason to lighten, when it is not the advice's ceiling."""
    if " planned after the " in reason:
        return ", after the funding or contracts end"
    if "where findings are framed and shared" in reason:
        return ", where findings are framed and shared"
    return ""


def _advice_row(a: Advice) -> tuple[Text, ...]:
    return (
        t(Seg(a.stakeholder, "strong"), f" ({a.kind.value})"),
        t(
            Seg(a.verdict.value, f"verdict-{a.verdict.value}"),
            a.summary.removeprefix(a.verdict.value),
        ),
        t(_todo(a) or "—"),
        t(
            "; ".join(
                [
                    *(p.once or p.code for p in a.prerequisites),
                    *(_practice_label(code) for code in a.practice),
                ]
            )
            or "—"
        ),
    )


def _practice_label(code: str) -> str:
    return "practice: " + code.removeprefix("practice-risk.").replace("-", " ")


_TABLE2_BASIS = (
    "from Table 2, which particularly relates to evaluations with policy-makers and service "
    "managers (p. 6)"
)
_AIMS_BASIS = "from the aims their involvement serves (pp. 2-3, 6, 8)"


def _basis(group: list[Advice]) -> str:
    """Where a group's advice starts: Table 2, the aims, or each for some of them."""
    bases = {x.basis for x in group}
    if bases == {"table-2"}:
        return _TABLE2_BASIS
    if bases == {"aims"}:
        return _AIMS_BASIS
    return (
        "from Table 2 for those who fund, own or deliver what is studied (p. 6), from the aims "
        "for the others"
    )


def _first(a: Appraisal) -> Section | None:
    """The single most important thing to do, before anything else."""
    if a.priority is None:
        return None
    return Section(
        "first",
        "First",
        (
            Para(
                t(
                    Seg(a.priority.message, "strong"),
                    Seg(
                        " (what comes first is this tool's judgement, from what the appraisal "
                        "found; the advice per stakeholder follows)",
                        "cite",
                    ),
                )
            ),
        ),
        detail=False,
    )


def _notes(group: list[Advice]) -> Bullets | None:
    """Per stakeholder: what holds the advice down, what can be done now, a suggestion."""
    items: list[Text] = []
    for x in group:
        items.extend(
            t(Seg(x.stakeholder, "strong"), f", held down ({c.code}): {c.message}")
            for c in x.ceilings
        )
        if x.meanwhile:
            items.append(t(Seg(x.stakeholder, "strong"), f", meanwhile: {x.meanwhile}"))
        if x.suggestion is not None:
            items.append(t(Seg(x.stakeholder, "strong"), f", suggestion: {x.suggestion.message}"))
    return Bullets(tuple(items)) if items else None


def _advice(a: Appraisal) -> Section:
    blocks: list[Block] = []
    if not a.advice:
        blocks.append(
            Para(t("The plan involves nobody yet, so there is no advice per stakeholder."))
        )
    concerns = [f for f in a.findings if f.level is FindingLevel.CONCERN]
    for sphere, title in _GROUPS:
        group = [x for x in a.advice if x.sphere is sphere]
        if not group:
            continue
        blocks.append(Heading(t(title, Seg(f" (advised {_basis(group)})", "cite"))))
        blocks.append(
            Table(
                ("stakeholder", "advice", "what to do, stage by stage", "before it starts"),
                tuple(_advice_row(x) for x in group),
            )
        )
        notes = _notes(group)
        if notes is not None:
            blocks.append(notes)
    if concerns:
        blocks.append(Heading(t("Concerns to settle first")))
        blocks.append(Bullets(tuple(t(Seg(f.code, "code"), ": ", f.message) for f in concerns[:6])))
    return Section(
        "advice", "Advice: whom to involve, where, how deeply", tuple(blocks), detail=False
    )


def _caveats(a: Appraisal, cat: Catalogue) -> Section:
    items = (
        t(
            "The source is a commentary, not an evaluation: the paper stresses how little evidence "
            "there is on what coproduction costs and achieves ",
            detail.cite(1, "Abstract; p. 6, 'A cautious approach'"),
        ),
        t(
            "Table 1 is a non-exhaustive list drawn from the authors' own experience ",
            detail.cite(3, "Challenges and costs"),
        ),
        t(
            "Table 2 holds the authors' early thoughts and particularly relates to evaluations "
            "with policy-makers and service managers; this report starts from it for those "
            "who decide, fund, own or deliver what is studied, and reads its row 9 (time, "
            "resources and expertise) for everyone ",
            detail.cite(7, "Table 2; p. 6"),
        ),
        t(
            "Weights, thresholds, severity points, the advice that starts from the aims, the "
            "ceilings, the prerequisites, the suggestions and the choice of what comes first "
            "are this tool's judgement, not the paper's rules "
            f"(coproduce {a.coproduce_version or '?'}, policy {a.policy_digest or '?'}, "
            f"catalogue {a.catalogue_version})."
        ),
    )
    return Section("caveats", "What this rests on", (Caveats(items),), detail=False)


def _levers(a: Appraisal) -> Section:
    if not a.levers:
        return Section(
            "levers",
            "What would change this advice",
            (Para(t("Nothing in Table 2, the prerequisites or the resources would move it.")),),
            detail=False,
        )
    return Section(
        "levers",
        "What would change this advice",
        (Bullets(tuple(t(x.message) for x in a.levers)),),
        detail=False,
    )


def sections(
    a: Appraisal, cat: Catalogue, *, figures: Iterable[str] = ("", "", "", "")
) -> tuple[Section, ...]:
    """Every section of the report, in reading order. ``figures``: the four SVGs, or blanks."""
    labels = {e.id: e.label for e in cat.entries()}
    contributions, exposure, graph, narrow = tuple(figures)
    out = (
        _first(a),
        _advice(a),
        _caveats(a, cat),
        _levers(a),
        detail.profile(a, contributions),
        detail.aims(a),
        detail.risks(a, labels),
        detail.exposure(a, cat, labels, exposure),
        detail.costs(a, labels),
        detail.practice(a),
        detail.questions(a),
        detail.findings(a),
        detail.graph(graph, narrow),
    )
    return tuple(s for s in out if s is not None)


def _meta(a: Appraisal, cat: Catalogue) -> str:
    return (
        f"coproduce {a.coproduce_version or '?'} · policy {a.policy_digest or '?'} · catalogue "
        f"{a.catalogue_version} · {cat.reference.citation} doi:{cat.reference.doi}"
    )


def _figures(a: Appraisal, cat: Catalogue) -> tuple[str, str, str, str]:
    labels = {e.id: e.label for e in cat.entries()}
    order: dict[str, int] = {k.id: i for i, k in enumerate(cat.cost_categories)}
    return (
        contributions_svg(a.emphasis),
        exposure_svg(a.exposure, labels, order),
        graph_svg(a, labels, order),
        graph_narrow_svg(a, labels, order),
    )


_FOOTER = (
    "Every conclusion cites the page of Oliver, Kothari & Mays (2019) it rests on. What the "
    "paper does not give (weights, thresholds, severity points, advice that starts from the "
    "aims, the ceilings, what comes first) is this tool's judgement, named as such."
)


def appraisal_report(
    appraisal: Appraisal, *, catalogue: Catalogue | None = None, figures: bool = True
) -> Document:
    """The appraisal as a document: advice first, every conclusion with its locator.

    ``catalogue``: the one the appraisal was made with (the default catalogue if none).
    ``figures``: draw the SVG figures (the HTML shows them; text and Markdown need none).
    Its JSON is the appraisal document (:func:`coproduce.io.dump_appraisal`).

    Example:
        >>> from coproduce import appraise
        >>> from coproduce.io import load_example
        >>> doc = appraisal_report(appraise(load_example("one-stage")), figures=False)
        >>> [s.id for s in doc.sections][:3]
        ['first', 'advice', 'caveats']

    """
    from coproduce.io import dump_appraisal

    cat = catalogue if catalogue is not None else default_catalogue()
    return Document(
        kind="appraisal",
        title=f"Appraisal: {appraisal.title}",
        text_title=f"Appraisal of {appraisal.title!r}",
        meta=t(_meta(appraisal, cat)),
        sections=sections(
            appraisal, cat, figures=_figures(appraisal, cat) if figures else ("", "", "", "")
        ),
        footer=_FOOTER,
        exports={"json": lambda: dump_appraisal(appraisal)},
    )


def headline(a: Appraisal) -> Text:
    """The appraisal in one line, for a notebook: advice, profile, risks and concerns."""
    e = a.emphasis
    high = sum(r.residual is Severity.HIGH for r in a.risks)
    concerns = sum(f.level is FindingLevel.CONCERN for f in a.findings)
    return t(
        f"{len(a.advice)} stakeholders advised · Table 2 profile for decision-makers: "
        f"{e.verdict.value} (score {e.score:+.2f}, {e.coverage:.0%} known) · {len(a.risks)} "
        f"risks, {high} high after mitigations · {concerns} concerns"
    )
