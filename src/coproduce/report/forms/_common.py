"""What the three forms share: the first thing to do, sources, who and when, practice risks.

Each form (:mod:`~coproduce.report.forms._standards`, :mod:`~coproduce.report.forms._application`,
:mod:`~coproduce.report.forms._gripp2`) opens with :func:`first` and names each entry's source
with :func:`where`; the application section and GRIPP2 describe the plan with :func:`who` and
:func:`when_how`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coproduce.catalogue import Catalogue
from coproduce.model import PAPER, Citation, MitigationRecord, Mode, Project, Source, Sphere
from coproduce.practice import PracticeRisk
from coproduce.report.forms._model import ReportItem, ReportSection

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal

__all__ = [
    "STATUS",
    "appraisal_of",
    "doc_citations",
    "first",
    "item",
    "lay_ids",
    "planned",
    "risk_items",
    "safeguarding_lines",
    "stage_labels",
    "when_how",
    "where",
    "who",
]


def appraisal_of(project: Project, cat: Catalogue) -> Appraisal:
    """The project appraised under the default policy: what the forms agree with."""
    from coproduce.appraisal import appraise

    return appraise(project, catalogue=cat)


def first(a: Appraisal) -> ReportSection:
    """The single most important thing to do, as the appraisal chose it; on top of every form."""
    p = a.priority
    lines = (p.message,) if p is not None else ()
    return ReportSection(
        title="First",
        items=(
            ReportItem(
                label="The most important thing to do",
                lines=lines,
                complete=p is None or p.code == "go-ahead",
                prompt="" if p is None or p.code == "go-ahead" else "Do this before the rest.",
                source="this tool's judgement, from the appraisal (coproduce appraise)",
            ),
        ),
        note="What comes first is this tool's choice, from what the appraisal found.",
    )


def where(source: Source | Citation) -> str:
    """A source as ``document: locator`` (practice documents were read as web pages)."""
    if source.document == PAPER:
        return f"{source.document}: p. {source.page}, {source.locator}"
    return f"{source.document}: {source.locator}"


def doc_citations(cat: Catalogue, ids: Iterable[str]) -> tuple[str, ...]:
    docs = {d.id: d for d in cat.documents()}
    return tuple(f"[{i}] {docs[i]}" for i in dict.fromkeys(ids) if i in docs)


def stage_labels(cat: Catalogue) -> dict[str, tuple[int, str]]:
    return {s.id: (s.order, s.label) for s in cat.stages}


def lay_ids(project: Project) -> list[str]:
    return [s.id for s in project.stakeholders if s.kind.sphere is Sphere.LAY]


def planned(project: Project, ids: Iterable[str]) -> list[str]:
    wanted = set(ids)
    return list(dict.fromkeys(i.stakeholder for i in project.plan if i.stakeholder in wanted))


def _funder_word(cat: Catalogue, mode: Mode) -> str:
    for row in cat.practice.crosswalk:
        if row.mode is mode and row.funder is not None:
            return row.funder.value
    return ""


def who(project: Project) -> list[str]:
    out = []
    for s in project.stakeholders:
        desc = f": {s.description}" if s.description else ""
        out.append(f"{s.id} ({s.kind.value}, {s.kind.sphere.value} sphere){desc}")
    return out


def safeguarding_lines(risks: tuple[PracticeRisk, ...]) -> list[str]:
    """Where children or adults at risk take part: the depth the advice allows, and what first."""
    from coproduce.appraisal import DEFAULT_POLICY

    _, mode = DEFAULT_POLICY.ceilings["safeguarding"]
    out = []
    for r in risks:
        if r.code != "practice-risk.safeguarding" or not r.stakeholders:
            continue
        missing = [m.label[:1].lower() + m.label[1:] for m in r.unmitigated]
        first = f", once these are in place: {'; '.join(missing)}" if missing else ""
        out.append(
            f"Children or adults at risk take part ({', '.join(r.stakeholders)}): involvement "
            f"at {mode.value} at most{first} (practice guidance; the depth is this tool's)."
        )
    return out


def when_how(project: Project, cat: Catalogue, a: Appraisal | None = None) -> list[str]:
    """Each planned line, with the appraisal's advice beside it where it differs."""
    from coproduce.appraisal import Action

    stages = stage_labels(cat)
    rows = sorted(project.plan, key=lambda i: (stages.get(i.stage, (99, ""))[0], i.stakeholder))
    advised = {(s.stage, x.stakeholder): (s, x) for x in (a.advice if a else ()) for s in x.stages}
    out = []
    for inv in rows:
        word = _funder_word(cat, inv.mode)
        funder = f" (funders' level: {word})" if word else ""
        extra = " · embedded" if inv.embedded else ""
        extra += " · online only" if inv.digital_only else ""
        found = advised.get((inv.stage, inv.stakeholder))
        if found is not None and found[0].action is Action.LIGHTEN:
            late = " after the funding or contracts end" if " after the " in found[0].reason else ""
            extra += f" · advised: {found[0].advised_mode.value}{late}"
        elif found is not None and found[0].action is Action.AFTER_PREREQUISITES:
            extra += f" · once {' and '.join(p.once for p in found[1].prerequisites)}"
        label = stages.get(inv.stage, (0, inv.stage))[1]
        out.append(f"{label}: {inv.stakeholder}, {inv.mode.value}{funder}{extra}")
    return out


def risk_items(risks: tuple[PracticeRisk, ...]) -> tuple[ReportItem, ...]:
    if not risks:
        return (
            ReportItem(
                label="Practice risks", lines=("None raised by the facts stated.",), complete=True
            ),
        )
    out = []
    for r in risks:
        on = ", ".join(r.stakeholders) or "no stakeholder in the plan yet"
        lines = [f"Falls on: {on} ({r.sphere.value} sphere); raised by {', '.join(r.facts)}."]
        lines += [
            f"{m.label}: {STATUS[m.in_place]}" + "".join(f" ({_record(x)})" for x in m.records)
            for m in r.mitigations
        ]
        out.append(
            ReportItem(
                label=r.label,
                guidance=r.description,
                lines=tuple(lines),
                complete=not r.unmitigated,
                prompt="Put the mitigations not in place in the plan, and record them."
                if r.unmitigated
                else "",
                source=where(r.citations[0]),
            )
        )
    return tuple(out)


STATUS = {True: "in place", False: "missing", None: "not known"}


def _record(record: MitigationRecord) -> str:
    parts = [record.document or "record"]
    if record.signed is not None:
        parts.append("signed" if record.signed else "not signed")
    if record.owner:
        parts.append(f"owner {record.owner}")
    if record.review:
        parts.append(f"review {record.review}")
    return ", ".join(parts)


def item(
    label: str, lines: Iterable[str], prompt: str, source: str = "", *, complete: bool | None = None
) -> ReportItem:
    body = tuple(lines)
    done = bool(body) if complete is None else complete
    return ReportItem(
        label=label, lines=body, complete=done, prompt="" if done else prompt, source=source
    )
