"""The funder's portfolio view: many projects planned against what their logs record.

The totals first (spend per currency, unpaid and carried hours), then one row per project
(its title, its file, this tool's verdict, its money, how far over budget), the risk
register set against what happened, the five organisational questions, and the documents
that could not be read. The sections
are built here in words (:func:`portfolio_report`); the writers lay them out.
"""

from __future__ import annotations

import json
from decimal import Decimal

from coproduce.catalogue import Catalogue
from coproduce.portfolio import KindHours, PortfolioTracking, problem_line
from coproduce.report import _writers
from coproduce.report._model import Document, Figure, Para, Section, Table
from coproduce.report._model import t as words
from coproduce.report._tracked import Names, amount, bars, cash, number, part

__all__ = [
    "PORTFOLIO_NOTE",
    "portfolio_html",
    "portfolio_markdown",
    "portfolio_report",
    "portfolio_text",
]

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
    return missing if value is None else cash(value, currency)


def _portfolio_projects(s: PortfolioTracking) -> Section:
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
            "—" if r.overrun is None else f"over by {cash(r.overrun, r.currency)}",
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
    return part(
        "projects",
        "Projects",
        note="in the order read. Table 2 profile and high risks (judged): the appraisal's "
        "verdict for decision-makers and the risks of its register still high after "
        "mitigations, as coproduce appraise reports them; open key questions: those the "
        "document leaves unanswered; planned and budget: its costing; spent: its "
        "involvement log; over budget: the money planned or spent, whichever is more, "
        "beyond the budget.",
        head=(
            "project",
            "file",
            "Table 2 profile (judged)",
            "high risks (judged)",
            "open key questions",
            "planned",
            "budget",
            "spent",
            "over budget",
        ),
        rows=rows,
        lines=tuple(lines),
    )


def _portfolio_spend(s: PortfolioTracking) -> Section:
    """Money per currency: planned and budgeted by every costing, spent by the logs."""
    title = "Involvement spend"
    if not s.spend:
        return part(
            "spend",
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
            amount(c.costed_planned, c.currency) if c.costed else "—",
            amount(c.costed_budget, c.currency) if c.costed else "—",
            str(c.logged),
            amount(c.spent, c.currency) if c.logged else "— (no log)",
            "—" if c.share is None else f"{c.share:.0%}",
        )
        for c in s.spend
    )
    return part(
        "spend",
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


def _hours(
    id: str, title: str, items: tuple[KindHours, ...], caption: str, missing: str
) -> Section:
    """Hours by kind: bars in HTML, the table of them in text and Markdown."""
    if not items:
        return part(id, title, lines=(missing,))
    table = Table(
        ("kind", "hours"),
        tuple((words(k.kind), words(number(k.hours))) for k in items),
        grid=True,
    )
    chart = bars(caption, [(k.kind, k.hours) for k in items], " h")
    return part(id, title, figure=Figure(chart, caption, table))


def _portfolio_hours(s: PortfolioTracking) -> list[Section]:
    """Unpaid lay contributors' hours by kind, and who carried the work."""
    return [
        _hours(
            "unpaid-hours",
            _UNPAID,
            s.unpaid_hours,
            "Hours by kind of stakeholder",
            _no_log(s, "unpaid hours"),
        ),
        _hours(
            "carriers", _CARRY, s.carriers, "Hours by who carried the work", _no_log(s, "hours")
        ),
    ]


_UNPAID = "Unpaid lay contributors' hours (recorded)"
_CARRY = "Who carries the engagement work (recorded)"
_RISKS = "Risks: register against what happened"


def _portfolio_risks(s: PortfolioTracking, names: Names) -> Section:
    """The register set against what happened, across the portfolio's projects."""
    title = _RISKS
    if not s.risks:
        return part(
            "risks", title, lines=(_no_log(s, "risk and the logged projects foresaw none"),)
        )
    occurred = [
        (names.risks.get(r.code, r.code), Decimal(r.materialised))
        for r in s.risks
        if r.materialised
    ][:12]
    caption = "Risks that occurred most (projects)"
    return part(
        "risks",
        title,
        figure=Figure(bars(caption, occurred), caption) if occurred else None,
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


def _portfolio_problems(s: PortfolioTracking) -> list[Section]:
    """Every problem of each document that could not be read, grouped by file."""
    if not s.invalid:
        return []
    by_file: dict[str, list[str]] = {}
    for source, message in s.problems:
        by_file.setdefault(source, []).append(problem_line(source, message))
    more = s.invalid - len(by_file)
    return [
        part(
            "problems",
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


def _sections(s: PortfolioTracking, catalogue: Catalogue | None) -> list[Section]:
    if s.projects == 0:  # an empty or mistaken folder: nothing to tabulate
        return []
    names = Names(catalogue)
    questions = part(
        "questions",
        "The five organisational questions",
        note="answered from each valid project's support facts: yes when all are true, no "
        "when any is false, unknown otherwise.",
        head=("organisational question (p. 7)", "yes", "no", "unknown"),
        rows=tuple((q.question, str(q.yes), str(q.no), str(q.unknown)) for q in s.questions),
    )
    return [  # the totals first, then the projects behind them (issue #26)
        _portfolio_spend(s),
        *_portfolio_hours(s),
        _portfolio_projects(s),
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
    over = sum(r.over_budget for r in s.project_rows)
    return (
        f"{s.projects} projects read: {s.projects - s.invalid} appraised ({s.logged} with an "
        f"involvement log), {s.invalid} with problems"
        + (f"; {over} over budget (see Projects)." if over else ".")
    )


def portfolio_report(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> Document:
    """The funder's portfolio view as a document; its JSON is the summary as data.

    The totals (money per currency, hours), then one row per project (title, file, this
    tool's verdict, money, how far over budget), then risks and the questions; risks
    are named by ``catalogue``'s labels beside their codes (the default catalogue's).
    """
    from coproduce.io import to_data

    return Document(
        kind="portfolio",
        title=_PORTFOLIO_TITLE,
        meta=words(_counts(s)),
        lead=(Para(words(PORTFOLIO_NOTE), "callout"),),
        sections=tuple(_sections(s, catalogue)),
        exports={"json": lambda: json.dumps(to_data(s), indent=2, ensure_ascii=False) + "\n"},
    )


def portfolio_text(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as plain text (see :func:`portfolio_report`)."""
    return _writers.text(portfolio_report(s, catalogue=catalogue))


def portfolio_markdown(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as Markdown (see :func:`portfolio_report`)."""
    return _writers.markdown(portfolio_report(s, catalogue=catalogue))


def portfolio_html(s: PortfolioTracking, *, catalogue: Catalogue | None = None) -> str:
    """The funder's portfolio view as a self-contained HTML page with inline SVG figures.

    One row per project (title, file, this tool's verdict, money), then the totals; risks
    are named by ``catalogue``'s labels beside their codes (the default catalogue's).
    """
    return _writers.page(portfolio_report(s, catalogue=catalogue))
