"""Inline SVG figures for reports: no scripts, no fonts or files fetched, readable as text."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from coproduce.appraisal import Appraisal, ConditionContribution, Emphasis, ExposureCell, Risk
from coproduce.model import Lean
from coproduce.report._style import BAR, INK, LEAN_COLOUR, MUTED, SEVERITY_COLOUR, SEVERITY_FILL

__all__ = [
    "LEGIBLE",
    "bars_svg",
    "contributions_svg",
    "exposure_svg",
    "graph_narrow_svg",
    "graph_svg",
    "sized",
]

LESS, MORE, UNKNOWN = LEAN_COLOUR[Lean.LESS], LEAN_COLOUR[Lean.MORE], LEAN_COLOUR[Lean.UNKNOWN]


def _text(
    x: float,
    y: float,
    s: str,
    *,
    anchor: str = "start",
    size: int = 12,
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(s)}</text>'
    )


def _width(s: str, size: int = 12) -> float:
    """A generous estimate of the width of ``s`` in pixels, so that no label is cut."""
    return len(s) * size * 0.62


LEGIBLE = 0.85
"""The least a figure is scaled to (its labels of 11 and 12 pixels stay at least 9 and 10):
on a narrower screen its figure scrolls sideways instead; printed, it fits the page."""


def sized(width: float, height: float) -> str:
    """An ``<svg>``'s size: its viewBox scales it to its container down to :data:`LEGIBLE`."""
    return (
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="max-width: 100%; height: auto; min-width: {width * LEGIBLE:.0f}px"'
    )


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" {sized(width, height)} '
        f'font-family="system-ui, -apple-system, Segoe UI, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def contributions_svg(emphasis: Emphasis) -> str:
    """A diverging bar per Table 2 condition: left for less emphasis, right for more."""
    rows = emphasis.contributions
    names = [f"{c.number}. {c.label}" + (" (gate)" if c.gate else "") for c in rows]
    label_w = max([250.0] + [_width(n) + 16 for n in names])
    half, row_h, top = 170, 26, 30
    gap = 44  # room for the value printed beside the longest bar
    width, height = label_w + gap + 2 * half + gap, top + row_h * len(rows) + 30
    axis = label_w + gap + half
    total = sum(c.weight for c in rows)
    # bars are scaled to the largest contribution any row could make, not the largest made
    biggest = max([c.weight / total if total else 0.0 for c in rows] + [1e-9])
    body = [
        _text(axis - half, 16, "← less emphasis", fill=LESS, size=11),
        _text(axis + half, 16, "more emphasis →", anchor="end", fill=MORE, size=11),
        f'<line x1="{axis}" y1="{top - 6}" x2="{axis}" y2="{height - 24}" stroke="{MUTED}"/>',
    ]
    for i, c in enumerate(rows):
        y = top + i * row_h
        body += _contribution_row(
            c, names[i], y, label_w - 8, axis, half * abs(c.contribution) / biggest
        )
    body.append(
        _text(
            axis,
            height - 8,
            f"score {emphasis.score:+.2f} · verdict {emphasis.verdict.value}",
            anchor="middle",
            size=12,
            weight="bold",
        )
    )
    return _svg(width, height, "Contribution of each Table 2 condition", body)


def _contribution_row(
    c: ConditionContribution, name: str, y: int, label_x: float, axis: float, length: float
) -> list[str]:
    """One condition's row: its name, and its bar and value (a grey dot when unknown)."""
    body = [_text(label_x, y + 16, name, anchor="end", weight="bold" if c.gate else "normal")]
    if c.lean is Lean.UNKNOWN:
        body.append(
            f'<circle cx="{axis}" cy="{y + 12}" r="4" fill="{UNKNOWN}">'
            f"<title>{escape(c.label)}: unknown</title></circle>"
        )
        return body
    colour = LESS if c.lean is Lean.LESS else MORE
    x = axis - length if c.lean is Lean.LESS else axis
    how = c.lean.value + (", inferred" if c.inferred else "")
    body.append(
        f'<rect x="{x:.1f}" y="{y + 4}" width="{max(length, 2):.1f}" height="16" '
        f'fill="{colour}" rx="2"><title>{escape(c.label)}: {how}, '
        f"{c.contribution:+.3f}</title></rect>"
    )
    tx = x - 4 if c.lean is Lean.LESS else x + length + 4
    body.append(
        _text(
            tx,
            y + 16,
            f"{c.contribution:+.2f}",
            size=11,
            fill=MUTED,
            anchor="end" if c.lean is Lean.LESS else "start",
        )
    )
    return body


def exposure_svg(
    cells: tuple[ExposureCell, ...], labels: dict[str, str], order: dict[str, int]
) -> str:
    """A bearer × cost category heatmap; least-able bearers' cells are outlined."""
    if not cells:
        return _svg(320, 40, "No cost exposure", [_text(10, 24, "No planned involvement.")])
    bearers = list(dict.fromkeys(c.bearer for c in cells))
    categories = sorted({c.category for c in cells}, key=lambda k: order.get(k, len(order)))
    shorts = [k.rsplit(".", 1)[-1].replace("-", " ").capitalize() for k in categories]
    label_w = max([230.0] + [_width(labels.get(b, b)) + 16 for b in bearers])
    cell_w = max([92.0] + [_width(h, 11) + 12 for h in shorts])
    cell_h, top = 28, 56
    width = label_w + cell_w * len(categories) + 20
    height = top + cell_h * len(bearers) + 34
    index = {(c.bearer, c.category): c for c in cells}
    body = []
    for j, k in enumerate(categories):
        x = label_w + j * cell_w + cell_w / 2
        body.append(
            f"<g><title>{escape(labels.get(k, k))}</title>"
            + _text(x, top - 12, shorts[j], anchor="middle", size=11, weight="bold")
            + "</g>"
        )
    for i, b in enumerate(bearers):
        y = top + i * cell_h
        body.append(_text(label_w - 8, y + 18, labels.get(b, b), anchor="end"))
        for j, k in enumerate(categories):
            where = f"{labels.get(b, b)} × {labels.get(k, k)}"
            x = label_w + j * cell_w
            body += _exposure_cell(index.get((b, k)), where, x, y, cell_w, cell_h)
    body.append(
        _text(
            10,
            height - 10,
            "Number of risks; colour: the most serious after mitigations (the same scale in "
            "every report). Outlined with !: among those least able to bear it.",
            size=11,
            fill=MUTED,
        )
    )
    return _svg(width, height, "Who bears the costs: bearer by cost category", body)


def _exposure_cell(
    cell: ExposureCell | None, where: str, x: float, y: int, cell_w: float, cell_h: int
) -> list[str]:
    """One heatmap cell: grey when empty, else coloured with its count and worst severity."""
    if cell is None:
        return [
            f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
            f'height="{cell_h - 2}" fill="#f3f4f6"/>'
        ]
    worst = cell.worst
    stroke = f' stroke="{INK}" stroke-width="2.5"' if cell.least_able else ""
    counts = f"{cell.high} high, {cell.medium} medium, {cell.low} low"
    tip = f"{where}: {counts}; " + ", ".join(cell.costs)
    mark = " !" if cell.least_able else ""
    return [
        f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
        f'fill="{SEVERITY_FILL[worst]}"{stroke}>'
        f"<title>{escape(tip)}</title></rect>",
        _text(
            x + cell_w / 2,
            y + 18,
            f"{len(cell.risks)} ({worst.value}){mark}",
            anchor="middle",
            fill=SEVERITY_COLOUR[worst],
            weight="bold" if cell.least_able else "normal",
            size=11,
        ),
    ]


def graph_svg(appraisal: Appraisal, labels: dict[str, str], order: dict[str, int]) -> str:
    """The project's stages, their challenges and the cost categories they reach."""
    if not appraisal.risks:
        return _svg(320, 40, "No involvement", [_text(10, 24, "No planned involvement.")])
    stages = list(dict.fromkeys(r.stage for r in appraisal.risks))
    challenges = [(r.stage, r.challenge, r) for r in appraisal.risks]
    categories = sorted(
        {k for r in appraisal.risks for k in r.categories}, key=lambda k: order.get(k, len(order))
    )
    row_h, top = 30, 44
    box_w = (
        max([150.0] + [_width(labels.get(s, s), 11) + 14 for s in stages]),
        max([190.0] + [_width(labels.get(c, c), 11) + 14 for _, c, _ in challenges]),
        max([150.0] + [_width(labels.get(k, k), 11) + 14 for k in categories]),
    )
    gap = 40
    xs = (10.0, 10 + box_w[0] + gap, 10 + box_w[0] + gap + box_w[1] + gap)
    rows = max(len(challenges), len(stages), len(categories))
    height = top + row_h * rows + 44
    width = xs[2] + box_w[2] + 10

    def centre_y(i: int, n: int) -> float:
        span = row_h * max(len(challenges), len(stages), len(categories))
        return top + (i + 0.5) * span / n

    ys = {s: centre_y(i, len(stages)) for i, s in enumerate(stages)}
    yc = {(s, c): centre_y(i, len(challenges)) for i, (s, c, _) in enumerate(challenges)}
    yk = {k: centre_y(i, len(categories)) for i, k in enumerate(categories)}
    body = _graph_edges(challenges, xs, box_w, ys, yc, yk)
    body.extend(
        _node(xs[0], ys[s], box_w[0], labels.get(s, s), "#e0f2fe", labels.get(s, s)) for s in stages
    )
    for s, c, risk in challenges:
        tip = f"{labels.get(c, c)}: {risk.severity.value}, {risk.residual.value} when mitigated"
        fill = SEVERITY_FILL[risk.residual]
        body.append(_node(xs[1], yc[(s, c)], box_w[1], labels.get(c, c), fill, tip))
    body.extend(
        _node(xs[2], yk[k], box_w[2], labels.get(k, k), "#f5f5f4", labels.get(k, k))
        for k in categories
    )
    body += [
        _text(xs[0], 14, "Stage", size=11, fill=MUTED, weight="bold"),
        _text(xs[1], 14, "Challenge (Table 1)", size=11, fill=MUTED, weight="bold"),
        _text(xs[2], 14, "Cost category", size=11, fill=MUTED, weight="bold"),
        _legend(10, height - 14),
    ]
    return _svg(width, height, "Stages, challenges and the cost categories they reach", body)


def graph_narrow_svg(appraisal: Appraisal, labels: dict[str, str], order: dict[str, int]) -> str:
    """The stage diagram for a narrow screen: each stage, its challenges under it, one column.

    The same facts as :func:`graph_svg`, drawn 340 wide with 13-pixel labels that wrap, so that
    a phone shows it at its size, every word legible, without scrolling sideways.
    """
    if not appraisal.risks:
        return _svg(320, 40, "No involvement", [_text(10, 24, "No planned involvement.")])
    width, y, body = 340, 8, []
    for stage in dict.fromkeys(r.stage for r in appraisal.risks):
        lines = textwrap.wrap(labels.get(stage, stage), 40) or [""]
        body.append(_box(0, y, width, lines, "#e0f2fe", labels.get(stage, stage), bold=True))
        y += 10 + 18 * len(lines)
        for risk in (r for r in appraisal.risks if r.stage == stage):
            label = labels.get(risk.challenge, risk.challenge)
            tip = f"{label}: {risk.severity.value}, {risk.residual.value} when mitigated"
            lines = textwrap.wrap(label, 36) or [""]
            body.append(_box(20, y, width - 20, lines, SEVERITY_FILL[risk.residual], tip))
            y += 10 + 18 * len(lines)
            kinds = sorted(risk.categories, key=lambda k: order.get(k, len(order)))
            reach = "→ " + ", ".join(labels.get(k, k) for k in kinds)
            for line in textwrap.wrap(reach, 44) if kinds else []:
                body.append(_text(28, y + 13, line, size=12, fill=MUTED))
                y += 17
            y += 6
        y += 6
    body.append(_legend(0, y + 12, stacked=True))
    return _svg(width, y + 38, "Stages, challenges and the cost categories they reach", body)


def _box(
    x: float, y: float, w: float, lines: list[str], fill: str, tip: str, *, bold: bool = False
) -> str:
    """A box of the narrow stage diagram: its lines of 13-pixel text, and its tooltip."""
    h = 8 + 18 * len(lines)
    weight = "bold" if bold else "normal"
    text = "".join(
        _text(x + 8, y + 17 + 18 * i, line, size=13, weight=weight) for i, line in enumerate(lines)
    )
    return (
        f'<g><title>{escape(tip)}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" '
        f'rx="4" fill="{fill}" stroke="{INK}" stroke-opacity="0.25"/>{text}</g>'
    )


_Challenge = tuple[str, str, Risk]
"""A challenge of the graph: its stage, its id, and the risk it raises."""


def _graph_edges(
    challenges: list[_Challenge],
    xs: tuple[float, float, float],
    box_w: tuple[float, float, float],
    ys: dict[str, float],
    yc: dict[tuple[str, str], float],
    yk: dict[str, float],
) -> list[str]:
    """The curves from each stage to its challenges and from each challenge to its categories."""
    body = []
    for s, c, risk in challenges:
        colour = SEVERITY_COLOUR[risk.residual]
        x1, y1, x2, y2 = xs[0] + box_w[0], ys[s], xs[1], yc[(s, c)]
        body.append(
            f'<path d="M{x1},{y1} C{x1 + 20},{y1} {x2 - 20},{y2} {x2},{y2}" '
            f'fill="none" stroke="{MUTED}" stroke-opacity="0.5"/>'
        )
        for k in risk.categories:
            x3, y3 = xs[2], yk[k]
            body.append(
                f'<path d="M{xs[1] + box_w[1]},{y2} C{xs[1] + box_w[1] + 20},{y2} '
                f'{x3 - 20},{y3} {x3},{y3}" fill="none" stroke="{colour}" '
                'stroke-opacity="0.45"/>'
            )
    return body


def _node(x: float, y: float, w: float, label: str, fill: str, tip: str) -> str:
    """A labelled box of the graph, with its tooltip."""
    return (
        f'<g><title>{escape(tip)}</title><rect x="{x}" y="{y - 11}" width="{w}" height="22" '
        f'rx="4" fill="{fill}" stroke="{INK}" stroke-opacity="0.25"/>'
        + _text(x + 6, y + 4, label, size=11)
        + "</g>"
    )


def _legend(x: float, y: float, *, stacked: bool = False) -> str:
    """What the colours of the graph mean: severity after mitigations.

    ``stacked``: the swatches on a line of their own, under the words (a narrow figure).
    """
    parts = [_text(x, y, "Severity after mitigations:", size=11, fill=MUTED)]
    if stacked:
        y += 18
    else:
        x += _width("Severity after mitigations:", 11) + 8
    fills = {"low": "#ecfccb", "medium": "#fef3c7", "high": "#fee2e2"}
    for severity, colour in SEVERITY_COLOUR.items():
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10}" width="14" height="12" rx="2" '
            f'fill="{fills[severity.value]}" stroke="{colour}"/>'
        )
        parts.append(_text(x + 18, y, severity.value, size=11, fill=colour))
        x += 18 + _width(severity.value, 11) + 14
    return '<g class="legend">' + "".join(parts) + "</g>"


def bars_svg(title: str, items: Sequence[tuple[str, Decimal, str]]) -> str:
    """A horizontal bar chart: per item, its label, its value and the value as shown."""
    top = max((v for _, v, _ in items), default=Decimal(1)) or Decimal(1)
    label_w = max((len(k) for k, _, _ in items), default=0) * 7.5 + 10
    width, bar_w, h = label_w + 320, 220, 22
    body = []
    for i, (k, v, shown) in enumerate(items):
        y = 10 + i * h
        w = float(v / top) * bar_w
        body.append(
            f'<text x="{label_w - 6:.0f}" y="{y + 14}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(k)}</text>'
            f'<rect x="{label_w:.0f}" y="{y + 3}" width="{w:.1f}" height="14" fill="{BAR}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 14}" font-size="12" fill="{MUTED}">'
            f"{escape(shown)}</text>"
        )
    height = 20 + len(items) * h
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" {sized(width, height)} '
        f'font-family="system-ui, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )
