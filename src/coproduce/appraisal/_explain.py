"""Plain-text rendering of an appraisal."""

from __future__ import annotations

from coproduce.appraisal._results import Answer, Appraisal, Route
from coproduce.model import Lean

__all__ = ["explain"]

_SIGNS = {Lean.LESS: "less", Lean.MORE: "more", Lean.UNKNOWN: "unknown"}


def explain(a: Appraisal) -> str:
    """Render ``a`` as plain text, each conclusion followed by what it rests on."""
    e = a.emphasis
    lines = [
        f"Appraisal of {a.title!r} (catalogue {a.catalogue_version})",
        "",
        "Step 1: how much to emphasise coproduction",
        f"  Verdict: {e.verdict.value} (score {e.score:+.2f}, confidence {e.confidence:.0%})",
    ]
    if e.gated_by:
        lines.append(f"  Capped by {', '.join(e.gated_by)} (before the cap: {e.ungated.value})")
    lines.append(f"  Deepest mode the verdict supports: {e.advised_mode.value}")
    for c in e.contributions:
        how = _SIGNS[c.lean] + (" (inferred)" if c.inferred else "")
        gate = " [gate]" if c.gate else ""
        lines.append(
            f"  {c.number}. {c.label}: {how}, {c.contribution:+.3f}{gate}"
            f"  [p. {c.source.page}, {c.source.locator}]"
        )
    lines += ["", "Step 2: aims and alternatives"]
    if not a.aims:
        lines.append("  No aims stated.")
    for aim in a.aims:
        motives = ", ".join(m.value for m in aim.motivations) or "none stated"
        route = {
            Route.LIKELY: "coproduction may be the only route",
            Route.UNLIKELY: "other routes can usually reach it",
            Route.UNCLEAR: "cannot judge the route without a motivation",
        }[aim.only_route]
        lines.append(f"  {aim.aim}: {aim.description} ({motives}; {route})")
        for alt in aim.alternatives:
            lines.append(f"    - {alt.label}: {alt.reason} [p. {alt.source.page}]")
    lines += ["", "Risk register"]
    if not a.risks:
        lines.append("  No stakeholder involvement planned, so no risks from it.")
    stage = None
    for r in a.risks:
        if r.stage != stage:
            stage = r.stage
            lines.append(f"  {stage} ({', '.join(r.stakeholders)}; {r.mode.value})")
        lines.append(
            f"    {r.label}: {r.severity.value}, {r.residual.value} after mitigations"
            f"  [p. {r.sources[0].page}, {r.sources[0].locator}]"
        )
        for f in r.factors[1:]:
            lines.append(f"      + {f.message}")
        missing = [m.label for m in r.mitigations if m.in_place is not True]
        if missing:
            lines.append(f"      mitigations not in place: {', '.join(missing)}")
    lines += ["", "Who bears the costs (bearer x category, weight)"]
    for cell in a.exposure:
        flag = "  <- least able to bear" if cell.least_able else ""
        lines.append(f"  {cell.bearer} x {cell.category}: {cell.weight}{flag}")
    lines += ["", "Key questions"]
    for q in a.questions:
        mark = {Answer.ANSWERED: "answered", Answer.PARTLY: "partly", Answer.OPEN: "open"}
        lines.append(
            f"  [{mark[q.answer]}] {q.audience.value} {q.number}. {q.label}  [p. {q.source.page}]"
        )
    lines += ["", "Findings"]
    if not a.findings:
        lines.append("  None.")
    for finding in a.findings:
        cites = "; ".join(f"{c.entry} p. {c.page}" for c in finding.sources)
        lines.append(
            f"  {finding.level.value.upper()} {finding.code}: {finding.message}  [{cites}]"
        )
    return "\n".join(lines)
