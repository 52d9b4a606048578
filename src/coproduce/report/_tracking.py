"""Planned against actual, for one project: what the log records beside what was planned.

The sections are built here in words (:func:`tracking_report`); the writers lay them out as
text, Markdown and HTML. What the log records is marked recorded; this tool's reading
(statuses, whether a risk was foreseen, the re-appraisal) is marked judged.

The funder's portfolio view is :mod:`coproduce.report._portfolio`; its functions are named
here too, where the command finds them.
"""

from __future__ import annotations

import json

from coproduce.appraisal import CHANGE_KINDS, Change, Comparison
from coproduce.catalogue import Catalogue
from coproduce.model import Mode
from coproduce.report import _writers
from coproduce.report._model import Bullets, Document, Figure, Para, Section
from coproduce.report._model import t as words
from coproduce.report._portfolio import (
    PORTFOLIO_NOTE,
    portfolio_html,
    portfolio_markdown,
    portfolio_report,
    portfolio_text,
)
from coproduce.report._tracked import Names, amount, bars, cash, number, part
from coproduce.tracking import (
    ImpactRow,
    MitigationRow,
    PlanChangeRow,
    RiskRecordRow,
    Tracking,
)

__all__ = [
    "NOTE",
    "PORTFOLIO_NOTE",
    "portfolio_html",
    "portfolio_markdown",
    "portfolio_report",
    "portfolio_text",
    "tracking_html",
    "tracking_markdown",
    "tracking_report",
    "tracking_text",
]

NOTE = (
    "What is recorded and what is judged: the activities held, hours, money, risks that "
    "materialised, mitigations, impacts and changes to the plan are the log's own records, "
    "added up exactly. Marked (judged) is this tool's reading: a line's status, whether a "
    "risk was foreseen (the appraisal's risk register), and the re-appraisal, which "
    "appraises the plan as it now stands again and so rests on the appraisal's documented "
    "judgement choices (weights, thresholds, severity points; see the report of "
    "coproduce appraise)."
)
"""The note near the top of every format of the track report."""


def _money(t: Tracking) -> Figure | None:
    """Money planned, budgeted and spent, as bars (HTML)."""
    title = f"Money ({t.currency or 'no currency'})"
    items = [
        (k, v)
        for k, v in (("planned", t.planned_money), ("budget", t.budget), ("spent", t.spent))
        if v is not None
    ]
    return Figure(bars(title, items, money=t.currency is not None), title) if items else None


def _summary(t: Tracking, names: Names) -> Section:
    cur = t.currency
    uncosted = "the plan has no costing"
    planned = uncosted if t.planned_money is None else f"planned {cash(t.planned_money, cur)}"
    budget = "no budget set" if t.budget is None else f"budget {cash(t.budget, cur)}"
    hours = uncosted if t.planned_hours is None else f"planned {number(t.planned_hours)}"
    return part(
        "summary",
        "Summary",
        figure=_money(t),
        lines=(
            f"Log entries: {t.entries}; changes to the plan: {t.changes}",
            f"Money: spent {cash(t.spent, cur)} (fees {amount(t.paid, cur)}, other lines "
            f"{amount(t.spent_lines, cur)}); {planned}; {budget}",
            f"Hours: held {number(t.hours)} (contributors {number(t.contributor_hours)}, of "
            f"them unpaid lay {number(t.unpaid_hours)}; team {number(t.team_hours)}, of them "
            f"early-career or fixed-term {number(t.junior_hours)}); {hours}",
            f"Unforeseen risks (judged): {'; '.join(map(names.risk, t.unforeseen)) or 'none'}",
            f"Aims without observed impact: {', '.join(t.aims_without_impact) or 'none'}",
        ),
    )


_HEAD = (
    "stage",
    "stakeholder",
    "planned",
    "change",
    "now",
    "held",
    "status (judged)",
    "activities",
    "hours",
    "planned hours",
)


def _mode(m: Mode | None) -> str:
    return m.value if m else "—"


def _involvement(t: Tracking, names: Names) -> Section:
    rows = tuple(
        (
            names.stage(r.stage),
            r.stakeholder,
            _mode(r.planned),
            r.change.value if r.change else "—",
            "dropped" if r.now is None and r.change else _mode(r.now),
            _mode(r.held),
            r.status,
            str(r.activities),
            number(r.hours),
            number(r.planned_hours),
        )
        for r in sorted(t.rows, key=lambda r: names.in_lifecycle(r.stage))  # stable: by id within
    )
    return part(
        "involvement",
        "Involvement by stage and stakeholder",
        note="stages in the order of the research lifecycle; planned: the project's plan; "
        "change and now: the plan as it now stands, the log's changes applied; held, "
        "activities and hours: recorded.",
        head=_HEAD,
        rows=rows,
    )


def _change_line(c: PlanChangeRow, names: Names) -> str:
    depth = f" at {c.mode.value}" if c.mode else ""
    why = f": {c.reason}" if c.reason else ""
    return f"{c.date} {c.change.value} {names.stage(c.stage)} × {c.stakeholder}{depth}{why}"


def _plan_changes(t: Tracking, names: Names) -> Section:
    lines = tuple(_change_line(c, names) for c in t.plan_changes)
    return part("plan-changes", "Changes to the plan (recorded)", lines=lines or ("none recorded",))


def _risks(t: Tracking, names: Names) -> Section:
    def record(r: RiskRecordRow) -> str:
        who = f", for {', '.join(r.stakeholders)}" if r.stakeholders else ""
        return f"{r.date} {names.risk(r.code)}{who}" + (f": {r.note}" if r.note else "")

    def mitigation(m: MitigationRow) -> str:
        answers = f", answering {names.risk(m.risk)}" if m.risk else ""
        return f"{m.date} {m.mitigation}{answers}" + (f": {m.note}" if m.note else "")

    return part(
        "risks",
        "Risks",
        note="those that materialised first, then by name; status: judged against the "
        "appraisal's risk register; times: recorded.",
        head=("risk", "code", "status (judged)", "times materialised"),
        rows=tuple(
            (names.risks.get(r.code, "—"), r.code, r.status, str(r.times))
            for r in sorted(t.risks, key=lambda r: (-r.times, names.sort_key(r.code)))
        ),
        groups=(
            ("Materialised (recorded)", tuple(record(r) for r in t.materialised) or ("none",)),
            (
                "Mitigations put in place (recorded)",
                tuple(mitigation(m) for m in t.mitigations) or ("none",),
            ),
        ),
    )


def _impact_line(i: ImpactRow) -> str:
    aims = f" Aims: {', '.join(i.aims)}." if i.aims else ""
    who = f" Stakeholders: {', '.join(i.stakeholders)}." if i.stakeholders else ""
    return f"{i.date} {i.area.value}: {i.description}{aims}{who}"


def _impacts(t: Tracking) -> Section:
    lines = tuple(_impact_line(i) for i in t.observed)
    return part("impacts", "Impacts observed (recorded)", lines=lines or ("none recorded",))


_CARRIED = "Who carried the work (recorded)"


def _carriers(t: Tracking) -> Section:
    """Who carried the work: bars in HTML, a line each in text and Markdown."""
    if not t.carriers:
        return part("carriers", _CARRIED, lines=("no hours recorded",))
    lines = tuple(f"{c.who} ({c.kind}): {number(c.hours)} h" for c in t.carriers)
    title = "Who carried the work (hours)"
    chart = bars(title, [(f"{c.who} ({c.kind})", c.hours) for c in t.carriers])
    return part(
        "carriers", _CARRIED, figure=Figure(chart, title, Bullets(tuple(map(words, lines))))
    )


def _value(c: Change, names: Names) -> str:
    key, before, after = (names.text(x) if x else x for x in (c.key, c.before, c.after))
    if before is None:
        return f"{key}: new: {after}"
    if after is None:
        return f"{key}: gone (was {before})"
    return f"{key}: {before} → {after}"


def _reappraisal(comparison: Comparison, names: Names) -> Section:
    """What re-appraisal changed: the verdict, the advice, then every other change by kind."""
    c = comparison
    verdict = (
        f"{c.verdict_before.value} → {c.verdict_after.value}"
        if c.verdict_changed
        else f"{c.verdict_after.value} (unchanged)"
    )
    advice = [_value(x, names) for x in c.changes if x.what == "advice"]
    others = [x for x in c.changes if x.what != "advice"]
    groups = tuple(
        (
            CHANGE_KINDS.get(kind, kind).capitalize(),
            tuple(_value(x, names) for x in others if x.what == kind),
        )
        for kind in dict.fromkeys(x.what for x in others)
    )
    return part(
        "reappraisal",
        "Re-appraised as it now stands (judged)",
        note="The project appraised again with its plan as it now stands (the log's changes "
        "applied, lines held without a plan added), set against the appraisal of the plan "
        "as first written; catalogue entries are named by their labels (the JSON output "
        "keeps their ids).",
        lines=(
            f"Table 2 profile for decision-makers: {verdict}",
            *(advice or ["Advice per stakeholder (summary): no change"]),
            f"{len(others)} other changes" + (", by kind:" if others else ""),
        ),
        groups=groups,
    )


def _sections(
    t: Tracking, comparison: Comparison | None, catalogue: Catalogue | None
) -> list[Section]:
    names = Names(catalogue)
    parts = [
        _summary(t, names),
        _involvement(t, names),
        _plan_changes(t, names),
        _risks(t, names),
        _impacts(t),
        _carriers(t),
    ]
    return parts if comparison is None else [*parts, _reappraisal(comparison, names)]


def tracking_report(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> Document:
    """Planned against actual as a document; with ``comparison``, what re-appraisal changed.

    Stages and risks are named by ``catalogue``'s labels (the default catalogue's if none).
    Its JSON is the tracking and the re-appraisal's comparison as data (``coproduce.io.to_data``).
    """
    from coproduce.io import to_data

    def data() -> str:
        both = {"tracking": to_data(t), "reappraisal": to_data(comparison) if comparison else None}
        return json.dumps(both, indent=2, ensure_ascii=False) + "\n"

    return Document(
        kind="tracking",
        title=f"Planned against actual: {t.project}",
        lead=(Para(words(NOTE), "callout"),),
        sections=tuple(_sections(t, comparison, catalogue)),
        exports={"json": data},
    )


def tracking_text(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as plain text; with ``comparison``, what re-appraisal changed.

    Stages and risks are named by ``catalogue``'s labels (the default catalogue's if none).
    """
    return _writers.text(tracking_report(t, comparison, catalogue=catalogue))


def tracking_markdown(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as Markdown (see :func:`tracking_text`)."""
    return _writers.markdown(tracking_report(t, comparison, catalogue=catalogue))


def tracking_html(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as a self-contained HTML page with inline SVG figures.

    With ``comparison``, a section says what re-appraisal changed. Stages and risks are named
    as in :func:`tracking_text`.
    """
    return _writers.page(tracking_report(t, comparison, catalogue=catalogue))
