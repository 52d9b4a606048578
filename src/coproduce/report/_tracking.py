"""Reports for planned against actual (one project) and the funder's portfolio (many)."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from html import escape

import attrs

from coproduce._markdown import inline as md_text
from coproduce._record import Record
from coproduce.appraisal import CHANGE_KINDS, Change, Comparison
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Mode
from coproduce.portfolio import PortfolioTracking, problem_line
from coproduce.report._style import INK, MUTED
from coproduce.report._writers import plain
from coproduce.tracking import (
    ImpactRow,
    MitigationRow,
    PlanChangeRow,
    RiskRecordRow,
    Tracking,
    risk_labels,
)

__all__ = [
    "NOTE",
    "PORTFOLIO_NOTE",
    "portfolio_html",
    "portfolio_markdown",
    "portfolio_text",
    "tracking_html",
    "tracking_markdown",
    "tracking_text",
]

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


_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=[-\d])")
"""A currency code before its amount, which a table cell keeps on one line."""


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def _cell(text: str) -> str:
    """A table cell's HTML: escaped, an amount kept on one line with its currency."""
    return _AMOUNT.sub(r"\1&nbsp;", escape(text))


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


def _html_part(
    p: _Part, figure: str = "", *, lines_too: bool = True, table_too: bool = True
) -> str:
    note = f'<p class="meta">{escape(p.note)}</p>' if p.note else ""
    table = _table(list(p.head), [list(r) for r in p.rows]) if p.head and table_too else ""
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


PORTFOLIO_NOTE = (
    "What is recorded and what is judged: money planned and budgeted are the costing "
    "sections' (priced with the shipped rate card under each project's own, as coproduce "
    "cost does); money spent, hours and the risks that happened are the involvement logs' "
    "own records, added up exactly. Marked (judged) is this tool's reading: the Table 2 "
    "profile, the risks still high after mitigations, and whether a register foresaw a risk "
    "rest on the appraisal's documented judgement choices (weights, thresholds, severity "
    "points; see the report of coproduce appraise)."
)
"""The note near the top of every format of the portfolio report."""


def _money_cell(value: Decimal | None, currency: str | None, missing: str) -> str:
    return missing if value is None else _cash(value, currency)


def _portfolio_projects(s: PortfolioTracking) -> _Part:
    """One row per project: what it is, the tool's verdict, and its money."""
    rows = tuple(
        (
            r.title,
            r.source,
            r.verdict.value,
            str(r.high_risks),
            str(r.open_questions),
            _money_cell(r.planned, r.currency, "not costed"),
            _money_cell(r.budget, r.currency, "none set" if r.planned is not None else "—"),
            _money_cell(r.spent, r.currency, "no log"),
        )
        for r in s.project_rows
    )
    lines = []
    if s.unlisted:
        lines.append(
            f"… and {s.unlisted} more project{'s' * (s.unlisted != 1)}, counted in the "
            "figures but not listed "
            "(TrackingPortfolio(rows=None) lists every one)"
        )
    bad = list(dict.fromkeys(source for source, _ in s.problems))
    if bad:
        more = s.invalid - len(bad)
        lines.append(
            "Not appraised, with problems (see Problems): "
            + ", ".join(bad)
            + (f" and {more} more" if more > 0 else "")
        )
    if not rows:
        lines.insert(0, "No project could be appraised.")
    return _Part(
        "Projects",
        note="in the order read. Table 2 profile and high risks (judged): the appraisal's "
        "verdict for decision-makers and the risks of its register still high after "
        "mitigations, as coproduce appraise reports them; open key questions: those the "
        "document leaves unanswered; planned and budget: its costing; spent: its "
        "involvement log.",
        head=(
            "project",
            "file",
            "Table 2 profile (judged)",
            "high risks (judged)",
            "open key questions",
            "planned",
            "budget",
            "spent",
        ),
        rows=rows,
        lines=tuple(lines),
    )


def _portfolio_spend(s: PortfolioTracking) -> _Part:
    """Money per currency: planned and budgeted by every costing, spent by the logs."""
    title = "Involvement spend"
    if not s.spend:
        return _Part(
            title,
            lines=(
                "Nothing to show: no valid project has a costing section and none has an "
                "involvement log (coproduce log new starts one).",
            ),
        )
    valid = s.projects - s.invalid
    rows = tuple(
        (
            c.currency or "—",
            str(c.costed),
            _amount(c.costed_planned, c.currency) if c.costed else "—",
            _amount(c.costed_budget, c.currency) if c.costed else "—",
            str(c.logged),
            _amount(c.spent, c.currency) if c.logged else "— (no log)",
            "—" if c.share is None else f"{c.share:.0%}",
        )
        for c in s.spend
    )
    return _Part(
        title,
        note=f"planned and budgeted: the costing sections of every valid project that has "
        f"one, logged or not; spent: what the involvement logs record ({s.logged} of the "
        f"{valid} valid projects have a log, so nothing is spent until a project keeps one); "
        "share: money spent by the logged projects that set a budget, over those budgets.",
        head=(
            "currency",
            "projects costed",
            "planned",
            "budgeted",
            "projects logged",
            "spent",
            "share of budget spent",
        ),
        rows=rows,
    )


def _no_log(s: PortfolioTracking, what: str) -> str:
    why = "no project has an involvement log" if not s.logged else f"the logs record no {what}"
    return f"Nothing to show: {why}."


def _portfolio_hours(s: PortfolioTracking) -> list[_Part]:
    """Unpaid lay contributors' hours by kind, and who carried the work."""
    return [
        _Part(
            title,
            head=("kind", "hours") if items else (),
            rows=tuple((k.kind, _n(k.hours)) for k in items),
            lines=() if items else (_no_log(s, what),),
        )
        for title, items, what in (
            (_UNPAID, s.unpaid_hours, "unpaid hours"),
            (_CARRY, s.carriers, "hours"),
        )
    ]


_UNPAID = "Unpaid lay contributors' hours (recorded)"
_CARRY = "Who carries the engagement work (recorded)"
_RISKS = "Risks: register against what happened"


def _portfolio_risks(s: PortfolioTracking, names: _Names) -> _Part:
    """The register set against what happened, across the portfolio's projects."""
    title = _RISKS
    if not s.risks:
        return _Part(title, lines=(_no_log(s, "risk and the logged projects foresaw none"),))
    return _Part(
        title,
        note="each column counts projects: those whose log records the risk (recorded), "
        "those whose appraisal foresaw it (judged), and where the two disagree.",
        head=(
            "risk",
            "code",
            "materialised in",
            "foreseen by (judged)",
            "materialised, not foreseen (under-predicted)",
            "foreseen, did not materialise (over-predicted)",
        ),
        rows=tuple(
            (
                names.risks.get(r.code, "—"),
                r.code,
                str(r.materialised),
                str(r.foreseen),
                str(r.unforeseen),
                str(r.unrealised),
            )
            for r in s.risks
        ),
    )


def _portfolio_problems(s: PortfolioTracking) -> list[_Part]:
    """Every problem of each document that could not be read, grouped by file."""
    if not s.invalid:
        return []
    by_file: dict[str, list[str]] = {}
    for source, message in s.problems:
        by_file.setdefault(source, []).append(problem_line(source, message))
    more = s.invalid - len(by_file)
    return [
        _Part(
            "Problems",
            note="these documents are left out of every figure above; coproduce validate "
            "FILE checks one again as you fix it.",
            groups=tuple(
                (f"{source}: {len(lines)} problem{'s' * (len(lines) != 1)}", tuple(lines))
                for source, lines in by_file.items()
            ),
            lines=(f"… and {more} more documents with problems, not listed",) if more > 0 else (),
        )
    ]


def _portfolio_parts(s: PortfolioTracking, catalogue: Catalogue | None) -> list[_Part]:
    if s.projects == 0:  # an empty or mistaken folder: nothing to tabulate
        return []
    names = _Names(catalogue)
    questions = _Part(
        "The five organisational questions",
        note="answered from each valid project's support facts: yes when all are true, no "
        "when any is false, unknown otherwise.",
        head=("organisational question (p. 7)", "yes", "no", "unknown"),
        rows=tuple((q.question, str(q.yes), str(q.no), str(q.unknown)) for q in s.questions),
    )
    return [
        _portfolio_projects(s),
        _portfolio_spend(s),
        *_portfolio_hours(s),
        _portfolio_risks(s, names),
        questions,
        *_portfolio_problems(s),
    ]


_PORTFOLIO_TITLE = "Portfolio: involvement planned against actual"


def _counts(s: PortfolioTracking) -> str:
    if s.projects == 0:
        return (
            "No project documents were read: the folder holds none (project documents end in "
            ".json, .yaml, .yml or .toml; logs in .log.yaml and the like)."
        )
    return (
        f"{s.projects} projects read: {s.projects - s.invalid} appraised ({s.logged} with an "
        f"involvement log), {s.invalid} with problems."
    )


def portfolio_text(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as plain text (see :func:`portfolio_html`)."""
    out = [_PORTFOLIO_TITLE, "", _counts(s), "", *textwrap.wrap(PORTFOLIO_NOTE, 100)]
    for p in _portfolio_parts(s, catalogue):
        out += _text_part(p)
    return "\n".join(out) + "\n"


def portfolio_markdown(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as Markdown (see :func:`portfolio_html`)."""
    out = [f"# {_PORTFOLIO_TITLE}", "", md_text(_counts(s)), "", f"> {md_text(PORTFOLIO_NOTE)}"]
    out.append("")
    for p in _portfolio_parts(s, catalogue):
        out += _md_part(p)
    return "\n".join(out).rstrip() + "\n"


def portfolio_html(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as a self-contained HTML page with inline SVG figures.

    One row per project (title, file, this tool's verdict, money), then the totals; risks
    are named by ``catalogue``'s labels beside their codes (the default catalogue's).
    """
    names = _Names(catalogue)
    occurred = [
        (names.risks.get(r.code, r.code), Decimal(r.materialised))
        for r in s.risks
        if r.materialised
    ][:12]
    unpaid = [(k.kind, k.hours) for k in s.unpaid_hours]
    carried = [(k.kind, k.hours) for k in s.carriers]
    figures = {
        _UNPAID: _bars("Hours by kind of stakeholder", unpaid, " h") if unpaid else "",
        _CARRY: _bars("Hours by who carried the work", carried, " h") if carried else "",
        _RISKS: _bars("Risks that occurred most (projects)", occurred) if occurred else "",
    }
    body = "".join(
        _html_part(p, figures.get(p.title, ""), table_too=p.title not in (_UNPAID, _CARRY))
        for p in _portfolio_parts(s, catalogue)
    )
    return _page(
        _PORTFOLIO_TITLE,
        f'<p>{escape(_counts(s))}</p><p class="note">{escape(PORTFOLIO_NOTE)}</p>{body}',
    )
