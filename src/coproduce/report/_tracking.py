"""Reports for planned against actual (one project) and the funder's portfolio (many)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from coproduce.appraisal import Comparison
from coproduce.portfolio import PortfolioTracking, problem_line
from coproduce.report._style import INK, MUTED
from coproduce.report._writers import _md as md_text
from coproduce.report._writers import plain
from coproduce.tracking import Tracking

__all__ = ["portfolio_html", "tracking_html", "tracking_markdown", "tracking_text"]

_BAR = "#0f766e"


def _n(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def _money(value: Decimal | None, currency: str | None) -> str:
    if value is None:
        return "not costed"
    return f"{_n(value)} {currency}" if currency else _n(value)


def _lines(t: Tracking) -> list[str]:
    cur = t.currency
    budget = "none set" if t.budget is None else _money(t.budget, cur)
    return [
        f"Log entries: {t.entries}; changes to the plan: {t.changes}",
        f"Money: planned {_money(t.planned_money, cur)}, spent {_money(t.spent, cur)} "
        f"(fees {_n(t.paid)}, other lines {_n(t.spent_lines)}); budget {budget}",
        f"Hours: planned {_money(t.planned_hours, None)}, held {_n(t.hours)} (contributors "
        f"{_n(t.contributor_hours)}, of them unpaid lay {_n(t.unpaid_hours)}; team "
        f"{_n(t.team_hours)}, of them early-career or fixed-term {_n(t.junior_hours)})",
        f"Unforeseen risks: {', '.join(t.unforeseen) or 'none'}",
        f"Aims without observed impact: {', '.join(t.aims_without_impact) or 'none'}",
    ]


def _changes(comparison: Comparison | None) -> list[str]:
    """What re-appraisal changed in the advice, one line per stakeholder, then a count."""
    if comparison is None:
        return []
    advice = [c for c in comparison.changes if c.what == "advice"]
    lines = [f"{c.key}: {c.before or 'not involved'} → {c.after or 'not involved'}" for c in advice]
    others = len(comparison.changes) - len(advice)
    return [*(lines or ["no change in the advice"]), f"{others} other changes (risks, findings)"]


_REAPPRAISED = "Re-appraised as it now stands (what changed in the advice)"


def _row_cells(t: Tracking) -> list[list[str]]:
    return [
        [
            r.stage,
            r.stakeholder,
            r.planned.value if r.planned else "—",
            r.held.value if r.held else "—",
            r.status,
            str(r.activities),
            _n(r.hours),
            _n(r.planned_hours),
        ]
        for r in t.rows
    ]


_HEAD = [
    "stage",
    "stakeholder",
    "planned",
    "held",
    "status",
    "activities",
    "hours",
    "planned hours",
]


def tracking_text(t: Tracking, comparison: Comparison | None = None) -> str:
    """Planned against actual as plain text; with ``comparison``, what re-appraisal changed."""
    changes = [f"{_REAPPRAISED}:", *(f"  {x}" for x in _changes(comparison)), ""]
    rows = [_HEAD, *_row_cells(t)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEAD))]
    table = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    carriers = [f"  {c.who} ({c.kind}): {_n(c.hours)} h" for c in t.carriers]
    return "\n".join(
        plain(line)
        for line in [
            f"Planned against actual: {t.project}",
            "",
            *_lines(t),
            "",
            *table,
            "",
            "Who carried the work:",
            *carriers,
            "",
            *(changes if comparison is not None else []),
        ]
    )


def tracking_markdown(t: Tracking, comparison: Comparison | None = None) -> str:
    """Planned against actual as Markdown; with ``comparison``, what re-appraisal changed."""
    changes = [f"## {_REAPPRAISED}", "", *(f"- {md_text(x)}" for x in _changes(comparison)), ""]

    def md(cells: list[str]) -> str:
        return "| " + " | ".join(md_text(c) for c in cells) + " |"

    table = [md(_HEAD), "|" + " --- |" * len(_HEAD), *(md(r) for r in _row_cells(t))]
    carriers = [f"- {md_text(f'{c.who} ({c.kind}): {_n(c.hours)} h')}" for c in t.carriers]
    return "\n".join(
        [
            f"# Planned against actual: {md_text(t.project)}",
            "",
            *(f"- {md_text(x)}" for x in _lines(t)),
            "",
            *table,
            "",
            "## Who carried the work",
            "",
            *carriers,
            "",
            *(changes if comparison is not None else []),
        ]
    )


def _bars(title: str, items: list[tuple[str, Decimal]], unit: str = "") -> str:
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
            f"{escape(_n(v))}{escape(unit)}</text>"
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
    "body{font-family:system-ui,sans-serif;color:#1f2937;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid "
    "#d1d5db;padding:.25rem .5rem;text-align:left}figure{margin:1rem 0}"
    "figcaption{font-weight:600}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def tracking_html(t: Tracking, comparison: Comparison | None = None) -> str:
    """Planned against actual as a self-contained HTML page with inline SVG figures.

    With ``comparison``, a section says what re-appraisal changed in the advice.
    """
    changed = "".join(f"<li>{escape(x)}</li>" for x in _changes(comparison))
    changes = f"<h2>{escape(_REAPPRAISED)}</h2><ul>{changed}</ul>" if comparison else ""
    facts = "".join(f"<li>{escape(x)}</li>" for x in _lines(t))
    carriers = _bars(
        "Who carried the work (hours)", [(f"{c.who} ({c.kind})", c.hours) for c in t.carriers]
    )
    money = _bars(
        f"Money ({t.currency or 'no currency'})",
        [
            (k, v)
            for k, v in (("planned", t.planned_money), ("budget", t.budget), ("spent", t.spent))
            if v is not None
        ],
    )
    risks = _table(["risk", "status", "times"], [[r.code, r.status, str(r.times)] for r in t.risks])
    return _page(
        f"Planned against actual: {t.project}",
        f"<ul>{facts}</ul>{money}{carriers}<h2>Involvement by stage and stakeholder</h2>"
        f"{_table(_HEAD, _row_cells(t))}<h2>Risks</h2>{risks}{changes}",
    )


def portfolio_html(s: PortfolioTracking) -> str:
    """The funder's portfolio view as a self-contained HTML page with inline SVG figures."""
    spend = _table(
        ["currency", "spent", "budget", "spent by projects with a budget", "share", "planned"],
        [
            [
                c.currency,
                _n(c.spent),
                _n(c.budget),
                _n(c.spent_budgeted),
                "—" if c.share is None else f"{c.share:.0%}",
                _n(c.planned),
            ]
            for c in s.spend
        ],
    )
    risks = _table(
        [
            "risk",
            "materialised",
            "foreseen",
            "unforeseen (under-predicted)",
            "foreseen, not happened (over-predicted)",
        ],
        [
            [r.code, str(r.materialised), str(r.foreseen), str(r.unforeseen), str(r.unrealised)]
            for r in s.risks
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
            [(r.code, Decimal(r.materialised)) for r in s.risks if r.materialised][:12],
        )
        + f"<h2>Risks: register against what happened</h2>{risks}"
        f"<h2>The five organisational questions</h2>{questions}"
        + (f"<h2>Problems</h2><ul>{problems}</ul>" if problems else ""),
    )
