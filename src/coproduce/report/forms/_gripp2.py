"""A GRIPP2 reporting skeleton: the short form, and the long form's encoded items.

Known facts are filled in from the project; items about results, outcomes and reflections
can only be written after the study, and are marked to complete with what to prepare.
"""

from __future__ import annotations

import attrs

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Project, ReportingForm
from coproduce.report.forms._common import (
    appraisal_of,
    doc_citations,
    first,
    item,
    lay_ids,
    planned,
    stage_labels,
    when_how,
    where,
    who,
)
from coproduce.report.forms._model import Report, ReportItem, ReportSection

__all__ = ["gripp2_report"]


def _summary(project: Project, lay: list[str]) -> list[str]:
    plan = [i for i in project.plan if i.stakeholder in lay]
    if not plan:
        return []
    stages = len({i.stage for i in plan})
    low, high = min(i.mode for i in plan), max(i.mode for i in plan)
    depth = low.value if low is high else f"from {low.value} to {high.value}"
    return [f"{len(lay)} lay stakeholder group(s) involved at {stages} stage(s), {depth}."]


def gripp2_report(project: Project, catalogue: Catalogue | None = None) -> Report:
    """A GRIPP2 reporting skeleton: the short form, and the long form's encoded items.

    The long form is added when the plan involves lay stakeholders. Items about results,
    outcomes and reflections can only be written after the study; they are marked to
    complete, with what the plan says to prepare them.

    Example:
        >>> from coproduce.model import Project
        >>> r = gripp2_report(Project(title="t"))
        >>> len(r.sections), r.sections[1].items[0].complete
        (2, False)

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    lay = planned(project, lay_ids(project))
    short, long = _gripp2_fill(project, cat, lay)
    sections = [
        first(appraisal_of(project, cat)),
        ReportSection(
            title="GRIPP2 short form",
            items=_gripp2_items(cat, ReportingForm.SHORT, short),
            note="For studies where involvement is not the main focus.",
        ),
    ]
    if lay:
        encoded = sum(1 for i in cat.practice.reporting_items if i.form is ReportingForm.LONG)
        sections.append(
            ReportSection(
                title="GRIPP2 long form (encoded items)",
                items=_gripp2_items(cat, ReportingForm.LONG, long),
                note=f"{encoded} of the long form's 34 items are encoded; complete the rest "
                "(study results, discussion and conclusions, reflections) from the checklist "
                "itself.",
            )
        )
    return Report(
        kind="gripp2",
        title="GRIPP2 reporting checklist",
        project=project.title,
        sections=tuple(sections),
        documents=doc_citations(cat, [i.source.document for i in cat.practice.reporting_items]),
    )


_Fill = dict[str, tuple[list[str], str]]
"""GRIPP2 item number → (what the project says, the prompt when it says nothing)."""


def _gripp2_fill(project: Project, cat: Catalogue, lay: list[str]) -> tuple[_Fill, _Fill]:
    """What the project says for each GRIPP2 item, short form and long, with its prompt."""
    aims = [
        f"{a.description}"
        + (f" ({', '.join(m.value for m in a.motivations)})" if a.motivations else "")
        for a in project.aims
    ]
    methods = when_how(project, cat)
    people = [w for w in who(project) if w.split(" ")[0] in lay]
    stages = stage_labels(cat)
    lay_stages = sorted(
        {stages.get(i.stage, (99, i.stage)) for i in project.plan if i.stakeholder in lay}
    )
    levels = [m for m in methods if m.split(": ", 1)[-1].split(",")[0] in lay]
    evaluation = (
        ["Involvement will be evaluated (support.evaluation)."]
        if project.support.evaluation is True
        else []
    )
    short: _Fill = {
        "1": (aims, "State what involvement is for."),
        "2": (methods, "Describe how people are involved."),
        "3": ([], "After the study: report what involvement produced, good and bad."),
        "4": ([], "After the study: discuss how far involvement shaped the study."),
        "5": ([], "After the study: reflect on what worked and what did not."),
    }
    long: _Fill = {
        "1a": (aims, "State the aim in the abstract."),
        "1b": (_summary(project, lay), "Summarise how people were involved."),
        "1e": (
            ["patient and public involvement", "coproduction"] if lay else [],
            "Name involvement among the keywords.",
        ),
        "3": (aims, "State the study's aim."),
        "4a": (methods, "Describe how people were involved."),
        "4b": (people, "Describe who was involved."),
        "4c": ([label for _, label in lay_stages], "List the stages of involvement."),
        "4d": (levels, "Give the depth of involvement at each stage."),
        "5a": (evaluation, "Describe any qualitative capture of impact."),
        "6": ([], "Give what involvement cost (the application's budget) and what it was worth."),
    }
    return short, long


def _gripp2_items(cat: Catalogue, form: ReportingForm, fill: _Fill) -> tuple[ReportItem, ...]:
    """The catalogue's GRIPP2 items of one form, each filled from the project."""
    return tuple(
        attrs.evolve(
            item(
                f"{it.number}. {it.section}"
                if form is ReportingForm.SHORT
                else f"{it.number}. {it.label}"
                + (f" ({it.section.lower()})" if it.section != it.label else ""),
                fill.get(it.number, ([], ""))[0],
                fill.get(it.number, ([], ""))[1] or "Complete it from the study.",
                where(it.source),
            ),
            guidance=it.description,
        )
        for it in cat.practice.reporting_items
        if it.form is form
    )
