"""One home for the colours every figure and report uses, by the value they show.

Keys are the vocabularies' values (``"low"``, ``"less"``, ``"balanced"``...), so the report
and the matplotlib figures, which may not import each other, read the same colours.
"""

from __future__ import annotations

__all__ = ["INK", "LEAN", "MUTED", "OK", "SEVERITY", "SEVERITY_FILL", "VERDICT"]

INK, MUTED = "#1f2937", "#6b7280"
SEVERITY = {"low": "#4d7c0f", "medium": "#b45309", "high": "#b91c1c"}
"""Ink for a severity: text, lines and the heatmap's labels."""
SEVERITY_FILL = {"low": "#ecfccb", "medium": "#fef3c7", "high": "#fee2e2"}
"""Light fills for a severity (boxes behind text)."""
LEAN = {"less": "#b45309", "more": "#0f766e", "unknown": "#9ca3af"}
"""A Table 2 row leaning less or more emphasis, or unknown."""
VERDICT = {
    "clearly-less": "#b45309",
    "less": "#b45309",
    "balanced": "#4b5563",
    "more": "#0f766e",
    "clearly-more": "#0f766e",
    "undetermined": "#6b7280",
}
OK = "#0f766e"
"""Within budget, in place: the reports' colour for good news."""
