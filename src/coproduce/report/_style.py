"""One home for the reports' colours and styles: severity, lean and verdict, and the CSS.

Every report's HTML uses the one stylesheet, :data:`CSS`, scoped to ``.coproduce-report``.
"""

from __future__ import annotations

from coproduce import _colours
from coproduce.appraisal import FindingLevel, Severity, Verdict
from coproduce.model import Lean

__all__ = [
    "BAR",
    "CSS",
    "INK",
    "LEAN_COLOUR",
    "LEVEL_WORD",
    "MUTED",
    "PAGE_CSS",
    "SEVERITY_COLOUR",
    "SEVERITY_FILL",
    "VERDICT_COLOUR",
]

INK, MUTED = _colours.INK, _colours.MUTED
SEVERITY_COLOUR = {s: _colours.SEVERITY[s.value] for s in Severity}
"""Ink for a severity: text, lines and the heatmap's cells."""
SEVERITY_FILL = {s: _colours.SEVERITY_FILL[s.value] for s in Severity}
"""Light fills for a severity (boxes behind text)."""
BAR = _colours.OK
"""The bars of a bar chart (money, hours, risks that occurred)."""
LEAN_COLOUR = {lean: _colours.LEAN[lean.value] for lean in Lean}
VERDICT_COLOUR = {v: _colours.VERDICT[v.value] for v in Verdict}
LEVEL_WORD = {
    FindingLevel.CONCERN: "concern",
    FindingLevel.WARNING: "warning",
    FindingLevel.INFO: "info",
}

_R = ".coproduce-report"
_TODO = SEVERITY_COLOUR[Severity.MEDIUM]  # an entry still to complete
_S = f"{_R} table.stack"
_NARROW = f"""@media (max-width: 640px) {{
{_S}, {_S} thead, {_S} tbody, {_S} tr, {_S} th, {_S} td {{ display: block; }}
{_S} {{ border: 0; }}
{_S} thead tr {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); }}
{_S} tr {{ border: 1px solid #e5e7eb; border-radius: 4px; margin: 0 0 8px; padding: 5px 0; }}
{_S} td {{ border: 0; padding: 1px 10px; }}
{_S} td:first-child {{ font-weight: 600; }}
{_S} td:empty {{ display: none; }}
{_S} td:not(:first-child)[data-label]::before {{ content: attr(data-label) ": ";
  color: {MUTED}; font-size: 13px; font-weight: 600; }}
{_R} td.num {{ white-space: normal; }}
{_S} td.num {{ text-align: left; }}
{_S} tr.total {{ border: 2px solid #9ca3af; }}
{_S} tr.total td {{ border: 0; }}
{_R} figure.two .wide {{ display: none; }}
{_R} figure.two .narrow {{ display: block; }}
}}"""
_PRINT = f"""@media print {{
{_R} {{ font-size: 10.5pt; color: #000; }}
{_R} .verdict, {_R} .badge {{ color: #000 !important; background: none !important;
  border: 1.5px solid #000; }}
{_R} th, {_R} .caveat, {_R} li.item.todo {{ background: none; }}
{_R} table {{ font-size: 8.5pt; }}
{_R} th, {_R} td {{ padding: 3px 5px; }}
{_R} thead {{ display: table-header-group; }}
{_R} tr, {_R} li, {_R} figure, {_R} .caveat, {_R} p {{ break-inside: avoid;
  page-break-inside: avoid; }}
{_R} h2, {_R} h3 {{ break-after: avoid; page-break-after: avoid; }}
{_R} div.table, {_R} figure {{ overflow: visible; }}
{_R} figure svg {{ min-width: 0 !important; max-width: 100% !important; }}
{_R} figure.two .wide {{ display: block !important; }}
{_R} figure.two .narrow {{ display: none !important; }}
}}"""
CSS = f"""
{_R} {{ font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: {INK}; }}
{_R} h1 {{ font-size: 24px; margin: 0 0 4px; }}
{_R} h2 {{ font-size: 19px; margin-top: 30px; border-bottom: 2px solid #e7e5e4;
  padding-bottom: 4px; }}
{_R} h3 {{ font-size: 16px; margin: 16px 0 4px; }}
{_R} .meta, {_R} .cite, {_R} figcaption {{ color: {MUTED}; font-size: 12.5px; }}
{_R} .verdict {{ display: inline-block; padding: 1px 8px; border-radius: 5px; font-weight: 700;
  color: #fff; background: #4b5563; }}
{_R} table {{ border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 14px; }}
{_R} th, {_R} td {{ border: 1px solid #e5e7eb; padding: 4px 7px; text-align: left;
  vertical-align: top; }}
{_R} th {{ background: #f5f5f4; }}
{_R} .sev-high {{ color: {SEVERITY_COLOUR[Severity.HIGH]}; font-weight: 700; }}
{_R} .sev-medium {{ color: {SEVERITY_COLOUR[Severity.MEDIUM]}; font-weight: 600; }}
{_R} .sev-low {{ color: {SEVERITY_COLOUR[Severity.LOW]}; }}
{_R} .level-concern {{ color: {SEVERITY_COLOUR[Severity.HIGH]}; font-weight: 700; }}
{_R} .level-warning {{ color: {SEVERITY_COLOUR[Severity.MEDIUM]}; }}
{_R} .level-info {{ color: #4b5563; }}
{_R} .caveat {{ background: #f8fafc; border-left: 4px solid #94a3b8; padding: 6px 12px;
  font-size: 13.5px; }}
{_R} figure {{ margin: 10px 0; max-width: 100%; overflow-x: auto; }}
{_R} figure svg {{ max-width: 100%; height: auto; }}
{_R} figure.two .narrow {{ display: none; }}
{_R} div.table {{ max-width: 100%; overflow-x: auto; }}
{_R} td, {_R} p, {_R} li {{ overflow-wrap: break-word; }}
{_R} code {{ font-size: 13px; }}
{_R} details > summary {{ cursor: pointer; font-weight: 600; margin: 12px 0; }}
{_R} p.note {{ color: {MUTED}; font-size: 13.5px; margin: 4px 0 8px; }}
{_R} p.caveat {{ margin: 8px 0; }}
{_R} td.num, {_R} th.num {{ text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }}
{_R} tr.total td {{ font-weight: 700; border-top: 2px solid #9ca3af; }}
{_R} .short {{ color: {SEVERITY_COLOUR[Severity.HIGH]}; font-weight: 700; }}
{_R} .ok {{ color: {_colours.OK}; font-weight: 700; }}
{_R} ul.items {{ list-style: none; padding: 0; margin: 0; }}
{_R} li.item {{ border: 1px solid #e5e7eb; border-left: 5px solid {_colours.OK};
  border-radius: 4px; padding: 6px 10px; margin: 8px 0; }}
{_R} li.item.todo {{ border-left-color: {_TODO}; background: #fffbeb; }}
{_R} .badge {{ display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 8px;
  border-radius: 10px; color: #fff; background: {_colours.OK}; margin-right: 6px; }}
{_R} .todo .badge {{ background: {_TODO}; }}
{_R} li.item ul {{ margin: 4px 0 0 18px; padding: 0; }}
{_R} .prompt {{ color: #92400e; margin: 4px 0 0; }}
{_R} .guidance {{ color: #4b5563; font-size: 14px; }}
{_R} li.item .cite {{ overflow-wrap: anywhere; }}
{_R} footer {{ margin-top: 36px; overflow-wrap: anywhere; }}
{_NARROW}
{_PRINT}
"""
"""The report's styles, every selector scoped to ``.coproduce-report``: safe in a notebook.

On a narrow screen (a phone) each table row stacks, each cell under its column's heading,
and a figure drawn for it replaces the wide one; printed (or saved as PDF), nothing has a
dark background, tables and figures fit the page, and no row, entry or figure is split.
"""

PAGE_CSS = (
    "body { margin: 0; background: #fafaf9; }\n"
    "main { max-width: 1040px; margin: 0 auto; padding: 18px 26px 40px; background: #fff; }\n"
    "@media (max-width: 640px) { main { padding: 12px 12px 32px; } }\n"
    "@media print { body { background: #fff; } main { max-width: none; padding: 0; } "
    "@page { margin: 14mm; } }\n"
)
"""Extra styles for the stand-alone page only."""
