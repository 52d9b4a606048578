"""The appraisal report's detail: the profile, the aims, the risks, who bears the costs, the rest.

Each function gives one section of :func:`coproduce.report._appraisal.sections`, in words;
the writers lay them out. Every conclusion carries its locator in the paper.
"""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.appraisal import Advice, Answer, Appraisal, Route
from coproduce.catalogue import Catalogue
from coproduce.model import PAPER, Citation
from coproduce.report._model import (
    Block,
    Bullets,
    Figure,
    Heading,
    Para,
    Section,
    Seg,
    Table,
    t,
)

__all__ = [
    "ANSWER",
    "aims",
    "cite",
    "cite_list",
    "costs",
    "exposure",
    "findings",
    "graph",
    "practice",
    "profile",
    "questions",
    "risks",
]


def cite(page: int, locator: str) -> Seg:
    return Seg(f"(p. {page}, {locator})", "cite")


def cite_list(sources: Iterable[Citation]) -> Seg:
    """Citations in brackets, each entry once: the paper's by page, other documents by name.

    An entry cited in several places reads once with all of them: ``motivation.political
    pp. 2, 8`` or ``practice-risk.trauma (involve-support-2019, Types of support;
    psrc-front-door-2024, Stage 4)``.
    """
    by_entry: dict[str, list[Citation]] = {}
    for c in sources:
        by_entry.setdefault(c.entry, []).append(c)
    parts = []
    for entry, cs in by_entry.items():
        if all(c.document == PAPER for c in cs):
            pages = list(dict.fromkeys(str(c.page) for c in cs))
            parts.append(f"{entry} {'pp.' if len(pages) > 1 else 'p.'} {', '.join(pages)}")
        else:
            wheres = dict.fromkeys(
                f"the paper, p. {c.page}" if c.document == PAPER else c.where for c in cs
            )
            parts.append(f"{entry} ({'; '.join(wheres)})")
    return Seg("[" + "; ".join(parts) + "]", "cite")


_ROUTE = {
    Route.LIKELY: "involvement likely the route",
    Route.UNLIKELY: "other routes can usually reach it",
    Route.UNCLEAR: "the paper gives no rule here",
}
ANSWER = {
    Answer.ANSWERED: "answered",
    Answer.ANSWERED_NO: "answered: no",
    Answer.PARTLY: "partly answered",
    Answer.OPEN: "open",
}


_STATUS = {True: "in place", False: "missing", None: "not known"}


def profile(a: Appraisal, contributions_svg: str) -> Section:
    e = a.emphasis
    scope = ", ".join(e.applies_to) or "nobody in this plan"
    blocks: list[Block] = [
        Para(
            t(
                "Table 2 profile: ",
                Seg(e.verdict.value, f"verdict-{e.verdict.value}"),
                f" (score {e.score:+.2f}; {e.coverage:.0%} of Table 2 known; deepest mode "
                f"supported: {e.advised_mode.value}). It drives the advice for: {scope}.",
            )
        )
    ]
    if e.gated_by:
        blocks.append(
            Para(t(f"Capped by {', '.join(e.gated_by)}; before the cap: {e.ungated.value}."))
        )
    own = [x for x in a.advice if x.profile is not None]
    if own:
        blocks.append(
            Bullets(
                tuple(
                    t(
                        Seg(x.stakeholder, "strong"),
                        f": row 2 read from its own facts ({_row2_said(x)}): ",
                        Seg(x.profile.verdict.value, f"verdict-{x.profile.verdict.value}"),
                        f" (score {x.profile.score:+.2f}), the profile its advice starts from.",
                    )
                    for x in own
                    if x.profile is not None
                )
            )
        )
    blocks.append(
        Figure(
            contributions_svg, "Contribution of each Table 2 condition (p. 7). Grey dots: unknown."
        )
    )
    blocks.append(
        Table(
            ("Table 2 condition", "lean", "contribution", "source"),
            tuple(
                (
                    t(f"{c.number}. {c.label}"),
                    t(
                        c.lean.value
                        + (" (inferred)" if c.inferred else "")
                        + (" · gate" if c.gate else "")
                    ),
                    t(f"{c.contribution:+.3f}"),
                    t(cite(c.source.page, c.source.locator)),
                )
                for c in e.contributions
            ),
        )
    )
    return Section("emphasis", "The Table 2 profile (decision-makers)", tuple(blocks))


def _row2_said(x: Advice) -> str:
    """What row 2 was read from, for one stakeholder: its reason, shortened."""
    for r in x.reasons:
        if r.startswith("Row 2 read from"):
            return r.removeprefix("Row 2 read from ").rstrip(".")
    return "its own facts"


def aims(a: Appraisal) -> Section:
    if not a.aims:
        return Section("aims", "Aims and alternatives (step 2)", (Para(t("No aims are stated.")),))
    blocks: list[Block] = []
    for aim in a.aims:
        motives = ", ".join(m.value for m in aim.motivations) or "no motivation stated"
        blocks.append(Heading(t(aim.description or aim.aim)))
        blocks.append(Para(t(f"{motives} — {_ROUTE[aim.only_route]}: {aim.route_reason}.")))
        if not aim.alternatives and aim.only_route is Route.LIKELY:
            blocks.append(Para(t("None of the other means the paper names fits this aim here.")))
        if aim.alternatives:
            blocks.append(
                Bullets(
                    tuple(
                        t(
                            Seg(x.label, "strong"),
                            f": {x.reason} ",
                            cite(x.source.page, x.source.locator),
                        )
                        for x in aim.alternatives
                    )
                )
            )
    return Section("aims", "Aims and alternatives (step 2)", tuple(blocks))


def risks(a: Appraisal, labels: dict[str, str]) -> Section:
    if not a.risks:
        return Section(
            "risks",
            "Risk register",
            (Para(t("No stakeholder involvement is planned, so no risks arise from it.")),),
        )
    rows = []
    for r in a.risks:
        why = "; ".join(f.message for f in r.factors) or "no aggravating fact"
        missing = ", ".join(m.label for m in r.mitigations if m.in_place is not True) or "—"
        who = ", ".join(r.drivers) or "—"
        rows.append(
            (
                t(labels.get(r.stage, r.stage)),
                t(r.label + (" (what the plan leaves out)" if r.omission else "")),
                t(who),
                t(
                    Seg(r.severity.value, f"sev-{r.severity.value}"),
                    " → ",
                    Seg(r.residual.value, f"sev-{r.residual.value}"),
                ),
                t(why),
                t(missing),
                t(cite(r.citations[0].page, r.citations[0].locator)),
            )
        )
    head = (
        "stage",
        "challenge",
        "driven by",
        "severity → after mitigations",
        "why",
        "mitigations not in place",
        "source",
    )
    return Section("risks", "Risk register", (Table(head, tuple(rows)),))


def _least_able(who: tuple[str, ...], paper: bool) -> str:
    """The paper's own least able (p. 5), or this tool's judgement, named as such."""
    return ("yes (p. 5): " if paper else "judged: ") + ", ".join(who)


def exposure(a: Appraisal, cat: Catalogue, labels: dict[str, str], exposure_svg: str) -> Section:
    if not a.exposure:
        return Section(
            "exposure",
            "Who bears the costs",
            (Para(t("No planned involvement, so no costs fall.")),),
        )
    marked: dict[str, bool] = {b.id: b.least_able for b in cat.bearers}
    marked.update({c.bearer: False for c in a.exposure if c.bearer not in marked})
    rows = tuple(
        (
            t(labels.get(c.bearer, c.bearer)),
            t(labels.get(c.category, c.category)),
            t(f"{c.high} high, {c.medium} medium, {c.low} low"),
            # the team's load (women, researchers of colour) is the paper's own remark (p. 5)
            t(_least_able(c.who, marked[c.bearer] or c.who == ("team",)) if c.least_able else ""),
        )
        for c in a.exposure
    )
    return Section(
        "exposure",
        "Who bears the costs",
        (
            Figure(
                exposure_svg,
                "Risks whose costs fall on each bearer in each cost category, coloured by the "
                "most serious (costs pp. 3-6). Least able to bear them: researchers as the "
                "paper names them (p. 5); stakeholders by this tool's judgement.",
            ),
            Table(
                ("bearer", "cost category", "risks by residual severity", "least able to bear"),
                rows,
            ),
        ),
    )


def questions(a: Appraisal) -> Section:
    rows = tuple(
        (
            t(f"{q.number}. {q.label}"),
            t(q.audience.value),
            t(ANSWER[q.answer]),
            t(
                ", ".join(q.absent)
                if q.answer is Answer.ANSWERED_NO
                else ", ".join(q.missing) or "—"
            ),
            t(cite(q.source.page, q.source.locator)),
        )
        for q in a.questions
    )
    return Section(
        "questions",
        "Key questions",
        (Table(("question", "for", "status", "missing or 'no'", "source"), rows),),
    )


def _money(currency: str, amount: float | None) -> str:
    return "—" if amount is None else f"{currency} {amount:,.2f}"


def _hours(amount: float) -> str:
    return f"{amount:g}"


def costs(a: Appraisal, labels: dict[str, str]) -> Section | None:
    c = a.costs
    if c is None:
        return None
    title = "What it costs in money and hours"
    if c.problems:
        return Section(
            "costs",
            title,
            (Para(t("The costing cannot be priced: " + "; ".join(c.problems))),),
        )
    n = len(c.unpriced)
    unpriced = f" + {n} unpriced line{'s' * (n != 1)} (a lower bound)" if n else ""
    summary = t(
        f"The plan costs {_money(c.currency, c.money)}{unpriced} and {_hours(c.hours)} hours "
        f"({_hours(c.team_hours)} of them the research team's); budget "
        f"{_money(c.currency, c.budget)}: {c.gap_sentence}. Lay contributors give "
        f"{_hours(c.unpaid_lay_hours)} hours unpaid; early-career or fixed-term researchers "
        f"give {_hours(c.unpaid_junior_hours)} unfunded hours.",
        Seg(" (coproduce cost gives every line, a CSV and the plan that fits.)", "cite"),
    )
    stages = Table(
        ("stage", "money", "hours", "share of budget"),
        tuple(
            (
                t(labels.get(s.stage, s.stage) if s.stage else "across the project"),
                t(_money(c.currency, s.money)),
                t(_hours(s.hours)),
                t("—" if s.share is None else f"{s.share:.0%}"),
            )
            for s in c.stages
        ),
    )
    bearers = Table(
        ("who", "money", "hours", "of which unpaid", "least able"),
        tuple(
            (
                t(labels.get(b.bearer, b.bearer)),
                t(_money(c.currency, b.money)),
                t(_hours(b.hours)),
                t(_hours(b.unpaid_hours)),
                t("yes" if b.least_able else ""),
            )
            for b in c.bearers
        ),
    )
    return Section(
        "costs",
        title,
        (
            Para(summary),
            Heading(t("By stage")),
            stages,
            Heading(t("Who pays and who gives time")),
            bearers,
        ),
    )


def practice(a: Appraisal) -> Section:
    if not a.practice:
        return Section(
            "practice",
            "Practice risks (published guidance, not the paper)",
            (Para(t("No practice-layer risk is raised by what the project states.")),),
        )
    rows = tuple(
        (
            t(Seg(r.label, "strong")),
            t(", ".join(r.stakeholders) or f"({r.sphere.value})"),
            t(", ".join(r.facts)),
            t("; ".join(f"{m.label}: {_STATUS[m.in_place]}" for m in r.mitigations)),
            t(Seg("; ".join(f"{c.document}, {c.locator}" for c in r.citations), "cite")),
        )
        for r in a.practice
    )
    return Section(
        "practice",
        "Practice risks (published guidance, not the paper)",
        (
            Para(
                t(
                    "Risks that patient and public involvement guidance asks teams to manage; "
                    "raised only by the facts the project states, each citing its document."
                )
            ),
            Table(("risk", "lands on", "raised by", "mitigations", "source"), rows),
        ),
    )


def findings(a: Appraisal) -> Section:
    if not a.findings:
        return Section("findings", "Findings", (Para(t("None.")),))
    items = tuple(
        t(
            Seg(f.level.value, f"level-{f.level.value}"),
            " ",
            Seg(f.code, "code"),
            f": {f.message} ",
            cite_list(f.citations),
        )
        for f in a.findings
    )
    return Section("findings", "Findings", (Bullets(items),))


def graph(svg: str, narrow: str = "") -> Section | None:
    """The figure of stages, challenges and cost categories (HTML only), and its narrow form."""
    if not svg:
        return None
    return Section(
        "graph",
        "Stages, challenges and cost categories",
        (
            Figure(
                svg,
                "Stages where stakeholders are involved, the challenges Table 1 lists "
                "for them (coloured by severity after mitigations), and the cost "
                "categories they reach.",
                narrow=narrow,
            ),
        ),
    )
