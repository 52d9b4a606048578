"""Reports for planned against actual (one project) and the funder's portfolio (many)."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from html import escape

import attrs

from coproduce._record import Record
from coproduce.appraisal import CHANGE_KINDS, Change, Comparison
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Mode
from coproduce.portfolio import PortfolioTracking, problem_line
from coproduce.report._style import INK, MUTED
from coproduce.report._writers import _md as md_text
from coproduce.report._writers import plain
from coproduce.tracking import (
    ImpactRow,
    MitigationRow,
    PlanChangeRow,
    RiskRecordRow,
    Tracking,
    risk_labels,
)

__all__ = ["NOTE", "portfolio_html", "tracking_html", "tracking_markdown", "tracking_text"]

_BAR = "#0f766e"


def _n(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def _cash(value: Decimal | None, currency: str | None) -> str:
    """Money: two decimals, after the currency code, when the currency is known."""
    if value is None:
        return "not costed"
    return f"{currency} {value:,.2f}" if currency else _n(value)


def _amount(value: Decimal | None, currency: str | None) -> str:
    """An amount beside others in the same currency: two decimals when it is known."""
    return f"{value:,.2f}" if currency and value is not None else _n(value)


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


_IDS = re.compile(r"(?<![\w.-])[a-z][a-z-]*\.[A-Za-z0-9.-]*[A-Za-z0-9]")
"""A token that may be a catalogue id (``stage.collecting-data``, ``question.a.b``)."""


class _Names:
    """The catalogue's labels for the ids a tracking carries: stages and risk codes.

    A reader filing the report sees "Collecting data" rather than ``stage.collecting-data``;
    risks show their label and their code, the code being what a log entry names.
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        cat = catalogue if catalogue is not None else default_catalogue()
        self.order: dict[str, int] = {s.id: n for n, s in enumerate(cat.stages)}  # lifecycle
        self.risks = risk_labels(cat)
        self.labels = {e.id: e.label for e in cat.entries()} | self.risks

    def in_lifecycle(self, stage: str) -> int:
        return self.order.get(stage, len(self.order))

    def stage(self, stage: str) -> str:
        return self.labels.get(stage, stage)

    def text(self, text: str) -> str:
        """``text`` with each catalogue id it names replaced by the entry's label."""
        return _IDS.sub(lambda m: self.labels.get(m.group(), m.group()), text).replace("@", " at ")

    def sort_key(self, code: str) -> str:
        """A risk's label as it sorts by name (a quoted label by its first word)."""
        return self.risks.get(code, code).lstrip("'\"‘“").casefold()

    def risk(self, code: str) -> str:
        """``Label (code)``, or the code alone when the catalogue does not know it."""
        label = self.risks.get(code)
        return f"{label} ({code})" if label else code


@attrs.frozen
class _Part(Record):
    """One section of the report, neutral of format."""

    title: str
    note: str = ""
    lines: tuple[str, ...] = ()
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _summary(t: Tracking, names: _Names) -> _Part:
    cur = t.currency
    uncosted = "the plan has no costing"
    planned = uncosted if t.planned_money is None else f"planned {_cash(t.planned_money, cur)}"
    budget = "no budget set" if t.budget is None else f"budget {_cash(t.budget, cur)}"
    hours = uncosted if t.planned_hours is None else f"planned {_n(t.planned_hours)}"
    return _Part(
        "Summary",
        lines=(
            f"Log entries: {t.entries}; changes to the plan: {t.changes}",
            f"Money: spent {_cash(t.spent, cur)} (fees {_amount(t.paid, cur)}, other lines "
            f"{_amount(t.spent_lines, cur)}); {planned}; {budget}",
            f"Hours: held {_n(t.hours)} (contributors {_n(t.contributor_hours)}, of them unpaid "
            f"lay {_n(t.unpaid_hours)}; team {_n(t.team_hours)}, of them early-career or "
            f"fixed-term {_n(t.junior_hours)}); {hours}",
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


def _involvement(t: Tracking, names: _Names) -> _Part:
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
            _n(r.hours),
            _n(r.planned_hours),
        )
        for r in sorted(t.rows, key=lambda r: names.in_lifecycle(r.stage))  # stable: by id within
    )
    return _Part(
        "Involvement by stage and stakeholder",
        note="stages in the order of the research lifecycle; planned: the project's plan; "
        "change and now: the plan as it now stands, the log's changes applied; held, "
        "activities and hours: recorded.",
        head=_HEAD,
        rows=rows,
    )


def _change_line(c: PlanChangeRow, names: _Names) -> str:
    depth = f" at {c.mode.value}" if c.mode else ""
    why = f": {c.reason}" if c.reason else ""
    return f"{c.date} {c.change.value} {names.stage(c.stage)} × {c.stakeholder}{depth}{why}"


def _plan_changes(t: Tracking, names: _Names) -> _Part:
    lines = tuple(_change_line(c, names) for c in t.plan_changes)
    return _Part("Changes to the plan (recorded)", lines=lines or ("none recorded",))


def _risks(t: Tracking, names: _Names) -> _Part:
    def record(r: RiskRecordRow) -> str:
        who = f", for {', '.join(r.stakeholders)}" if r.stakeholders else ""
        return f"{r.date} {names.risk(r.code)}{who}" + (f": {r.note}" if r.note else "")

    def mitigation(m: MitigationRow) -> str:
        answers = f", answering {names.risk(m.risk)}" if m.risk else ""
        return f"{m.date} {m.mitigation}{answers}" + (f": {m.note}" if m.note else "")

    return _Part(
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


def _impacts(t: Tracking) -> _Part:
    lines = tuple(_impact_line(i) for i in t.observed)
    return _Part("Impacts observed (recorded)", lines=lines or ("none recorded",))


_CARRIED = "Who carried the work (recorded)"


def _carriers(t: Tracking) -> _Part:
    lines = tuple(f"{c.who} ({c.kind}): {_n(c.hours)} h" for c in t.carriers)
    return _Part(_CARRIED, lines=lines or ("no hours recorded",))


def _value(c: Change, names: _Names) -> str:
    key, before, after = (names.text(x) if x else x for x in (c.key, c.before, c.after))
    if before is None:
        return f"{key}: new: {after}"
    if after is None:
        return f"{key}: gone (was {before})"
    return f"{key}: {before} → {after}"


def _reappraisal(comparison: Comparison, names: _Names) -> _Part:
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
    return _Part(
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


def _parts(t: Tracking, comparison: Comparison | None, catalogue: Catalogue | None) -> list[_Part]:
    names = _Names(catalogue)
    parts = [
        _summary(t, names),
        _involvement(t, names),
        _plan_changes(t, names),
        _risks(t, names),
        _impacts(t),
        _carriers(t),
    ]
    return parts if comparison is None else [*parts, _reappraisal(comparison, names)]


def _text_table(head: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    cells = [tuple(plain(c) for c in r) for r in (head, *rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]


def _text_part(p: _Part) -> list[str]:
    out = ["", plain(p.title), "-" * len(p.title)]
    out += textwrap.wrap(f"({plain(p.note)})", 100) if p.note else []
    out += _text_table(p.head, p.rows) if p.head else []
    out += [f"  {plain(x)}" for x in p.lines]
    for heading, items in p.groups:
        out += [f"  {plain(heading)}:", *(f"    {plain(x)}" for x in items)]
    return out


def tracking_text(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as plain text; with ``comparison``, what re-appraisal changed.

    Stages and risks are named by ``catalogue``'s labels (the default catalogue's if none).
    """
    out = [f"Planned against actual: {plain(t.project)}", "", *textwrap.wrap(NOTE, 100)]
    for p in _parts(t, comparison, catalogue):
        out += _text_part(p)
    return "\n".join(out) + "\n"


def _md_part(p: _Part) -> list[str]:
    out = [f"## {md_text(p.title)}", ""]
    out += [f"*{md_text(p.note)}*", ""] if p.note else []
    if p.head:
        row = "| {} |".format
        out += [row(" | ".join(md_text(h) for h in p.head)), "|" + " --- |" * len(p.head)]
        out += [row(" | ".join(md_text(c) for c in r)) for r in p.rows] + [""]
    out += [f"- {md_text(x)}" for x in p.lines] + ([""] if p.lines else [])
    for heading, items in p.groups:
        out += [f"### {md_text(heading)}", "", *(f"- {md_text(x)}" for x in items), ""]
    return out


def tracking_markdown(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as Markdown (see :func:`tracking_text`)."""
    out = [f"# Planned against actual: {md_text(t.project)}", "", f"> {md_text(NOTE)}", ""]
    for p in _parts(t, comparison, catalogue):
        out += _md_part(p)
    return "\n".join(out).rstrip() + "\n"


def _bars(
    title: str, items: list[tuple[str, Decimal]], unit: str = "", *, money: bool = False
) -> str:
    """A horizontal bar chart as inline SVG; labels escaped."""
    if not items:
        return f"<p>{escape(title)}: nothing recorded.</p>"
    top = max((v for _, v in items), default=Decimal(1)) or Decimal(1)
    label_w = max(len(k) for k, _ in items) * 7.5 + 10
    width, bar_w, h = label_w + 320, 220, 22
    body = []
    for i, (k, v) in enumerate(items):
        y = 10 + i * h
        w = float(v / top) * bar_w
        body.append(
            f'<text x="{label_w - 6:.0f}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(k)}</text>'
            f'<rect x="{label_w:.0f}" y="{y + 3}" width="{w:.1f}" height="14" fill="{_BAR}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 14}" font-size="12" fill="{MUTED}">'
            f"{escape(f'{v:,.2f}' if money else _n(v))}{escape(unit)}</text>"
        )
    height = 20 + len(items) * h
    return (
        f'<figure><figcaption>{escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" '
        f'role="img" width="{width:.0f}" height="{height}" viewBox="0 0 {width:.0f} {height}" '
        f'style="max-width:100%;height:auto" font-family="system-ui, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg></figure>"
    )


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


_CSS = (
    "body{font-family:system-ui,sans-serif;color:#1f2937;max-width:72rem;margin:2rem auto;"
    "padding:0 1rem}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
    "td,th{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left}figure{margin:1rem 0}"
    "figcaption{font-weight:600}.meta{color:#4b5563;font-size:.9rem}"
    ".note{background:#f8fafc;border-left:4px solid #94a3b8;padding:.5rem .75rem;"
    "font-size:.9rem}h3{font-size:1rem;margin:.75rem 0 .25rem}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def _html_part(p: _Part, figure: str = "", *, lines_too: bool = True) -> str:
    note = f'<p class="meta">{escape(p.note)}</p>' if p.note else ""
    table = _table(list(p.head), [list(r) for r in p.rows]) if p.head else ""
    lines = "".join(f"<li>{escape(x)}</li>" for x in p.lines) if lines_too else ""
    groups = "".join(
        f"<h3>{escape(h)}</h3><ul>{''.join(f'<li>{escape(x)}</li>' for x in items)}</ul>"
        for h, items in p.groups
    )
    return (
        f"<section><h2>{escape(p.title)}</h2>{note}{figure}{table}"
        f"{f'<ul>{lines}</ul>' if lines else ''}{groups}</section>"
    )


def tracking_html(
    t: Tracking, comparison: Comparison | None = None, *, catalogue: Catalogue | None = None
) -> str:
    """Planned against actual as a self-contained HTML page with inline SVG figures.

    With ``comparison``, a section says what re-appraisal changed. Stages and risks are named
    as in :func:`tracking_text`.
    """
    money = _bars(
        f"Money ({t.currency or 'no currency'})",
        [
            (k, v)
            for k, v in (("planned", t.planned_money), ("budget", t.budget), ("spent", t.spent))
            if v is not None
        ],
        money=t.currency is not None,
    )
    carriers = _bars(
        "Who carried the work (hours)", [(f"{c.who} ({c.kind})", c.hours) for c in t.carriers]
    )
    figures = {"Summary": money, _CARRIED: carriers}
    body = "".join(
        _html_part(p, figures.get(p.title, ""), lines_too=p.title != _CARRIED or not t.carriers)
        for p in _parts(t, comparison, catalogue)
    )
    return _page(
        f"Planned against actual: {t.project}", f'<p class="note">{escape(NOTE)}</p>{body}'
    )


def _portfolio_risks(s: PortfolioTracking, names: _Names) -> str:
    """The register set against what happened, across the portfolio's projects."""
    table = _table(
        [
            "risk",
            "code",
            "materialised in",
            "foreseen by",
            "materialised, not foreseen (under-predicted)",
            "foreseen, did not materialise (over-predicted)",
        ],
        [
            [
                names.risks.get(r.code, "—"),
                r.code,
                str(r.materialised),
                str(r.foreseen),
                str(r.unforeseen),
                str(r.unrealised),
            ]
            for r in s.risks
        ],
    )
    return (
        "<h2>Risks: register against what happened</h2>"
        '<p class="note">Each column counts projects: those whose log records the risk, '
        f"those whose appraisal foresaw it, and where the two disagree.</p>{table}"
    )


def portfolio_html(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as a self-contained HTML page with inline SVG figures.

    Risks are named by ``catalogue``'s labels beside their codes (the default catalogue's).
    """
    names = _Names(catalogue)
    spend = _table(
        ["currency", "spent", "budget", "spent by projects with a budget", "share", "planned"],
        [
            [
                c.currency,
                _amount(c.spent, c.currency),
                _amount(c.budget, c.currency),
                _amount(c.spent_budgeted, c.currency),
                "—" if c.share is None else f"{c.share:.0%}",
                _amount(c.planned, c.currency),
            ]
            for c in s.spend
        ],
    )
    questions = _table(
        ["organisational question (p. 7)", "yes", "no", "unknown"],
        [[q.question, str(q.yes), str(q.no), str(q.unknown)] for q in s.questions],
    )
    problems = "".join(f"<li>{escape(problem_line(a, b))}</li>" for a, b in s.problems)
    return _page(
        "Portfolio: involvement planned against actual",
        f"<p>{s.projects} projects, {s.logged} with a log, {s.invalid} with problems.</p>"
        f"<h2>Involvement spend</h2>{spend}"
        + _bars("Unpaid lay contributors' hours", [(k.kind, k.hours) for k in s.unpaid_hours], " h")
        + _bars("Who carries the engagement work", [(k.kind, k.hours) for k in s.carriers], " h")
        + _bars(
            "Risks that occurred most (projects)",
            [
                (names.risks.get(r.code, r.code), Decimal(r.materialised))
                for r in s.risks
                if r.materialised
            ][:12],
        )
        + _portfolio_risks(s, names)
        + f"<h2>The five organisational questions</h2>{questions}"
        + (f"<h2>Problems</h2><ul>{problems}</ul>" if problems else ""),
    )
