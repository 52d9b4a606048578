"""The UK Standards for Public Involvement: a self-assessment of the project's plan.

Per standard: what the plan shows, the gaps, and which reflective questions the project's
facts answer (:data:`_STANDARD_RULES`, one rule per standard; a standard without a rule
leaves its questions open). The rules are interpretations, documented in ``docs/practice.md``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import Mode, Project, Standard, Sufficiency
from coproduce.practice import PracticeRisk, practice_risks, unknown_facts
from coproduce.report.forms._common import (
    appraisal_of,
    doc_citations,
    first,
    item,
    lay_ids,
    planned,
    safeguarding_lines,
    stage_labels,
    where,
)
from coproduce.report.forms._model import Report, ReportItem, ReportSection

__all__ = ["standards_assessment"]


@attrs.frozen
class _Plan(Record):
    """What the rules read: the project, the catalogue, its practice risks, its budget.

    ``budget`` is Table 2 row 9's money as the appraisal reads it (a costing settles it).
    """

    project: Project
    catalogue: Catalogue
    risks: tuple[PracticeRisk, ...]
    budget: Sufficiency


def _standard_section(std: Standard, plan: _Plan) -> ReportSection:
    rule = _STANDARD_RULES.get(std.id)
    shows, gaps, answered = rule(plan) if rule else ([], [], set())
    questions = tuple(
        ReportItem(
            label=q.label,
            complete=q.id in answered,
            prompt="" if q.id in answered else "answer it with the team and contributors.",
            source=where(q.source),
        )
        for q in std.questions
    )
    return ReportSection(
        title=f"Standard {std.number}: {std.label}",
        note=std.description,
        items=(
            item(
                "What the plan shows",
                shows,
                "Nothing in the plan speaks to this standard yet.",
                where(std.source),
            ),
            ReportItem(
                label="Gaps",
                lines=tuple(gaps) or ("None found in the plan's facts.",),
                complete=not gaps,
                prompt="Close these gaps or say why they do not apply." if gaps else "",
            ),
            *questions,
        ),
    )


_Assessment = tuple[list[str], list[str], set[str]]


def _inclusive(plan: _Plan) -> _Assessment:
    project, cat, risks = plan.project, plan.catalogue, plan.risks
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    lay = planned(project, lay_ids(project))
    stages = stage_labels(cat)
    if lay:
        shows.append(f"Lay stakeholders in the plan: {', '.join(lay)}.")
        first = min(stages.get(i.stage, (99, ""))[0] for i in project.plan if i.stakeholder in lay)
        if first <= 2:
            shows.append("Lay stakeholders are involved from the first stages.")
            answered.add("standard.inclusive-opportunities.earliest-stage")
        else:
            gaps.append("No lay stakeholder is involved before data collection.")
    else:
        gaps.append("No patient, carer, public or community stakeholder is in the plan.")
    familiar = [s.id for s in project.stakeholders if s.familiar]
    if familiar:
        gaps.append(f"Familiar 'usual suspects' take part: {', '.join(familiar)}.")
    access = [r for r in risks if r.code == "practice-risk.access-exclusion"]
    unpaid = [s.id for s in project.stakeholders if s.id in lay and s.reimbursed is False]
    if unpaid:
        gaps.append(f"Unpaid lay stakeholders: {', '.join(unpaid)}.")
    if access and access[0].unmitigated:
        gaps.append("Access needs or online-only involvement without all mitigations in place.")
    if lay and not unpaid and not (access and access[0].unmitigated):
        answered.add("standard.inclusive-opportunities.barriers")
    if project.support.diversity is True:
        shows.append("The organisation attends to who takes part (support.diversity).")
        answered.add("standard.inclusive-opportunities.diversity")
    return shows, gaps, answered


def _together(plan: _Plan) -> _Assessment:
    project = plan.project
    g = project.governance
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    if g.accountability is True:
        shows.append("Responsibility and accountability are agreed.")
        answered.add("standard.working-together.roles")
    elif g.accountability is False:
        gaps.append("Responsibility and accountability are not agreed.")
    lay = lay_ids(project)
    paid = [s for s in project.stakeholders if s.id in lay]
    if paid and all(s.reimbursed is True for s in paid):
        shows.append("Every lay stakeholder's time is paid or reimbursed.")
        answered.add("standard.working-together.valued")
    if g.decisions.value != "unspecified":
        shows.append(f"Decisions are taken by: {g.decisions.value}.")
        if g.ground_rules is True:
            shows.append("Ground rules are agreed.")
            answered.add("standard.working-together.decisions")
    else:
        gaps.append("How decisions are taken is not stated.")
    if g.ground_rules is False:
        gaps.append("No ground rules are agreed.")
    return shows, gaps, answered


def _support(plan: _Plan) -> _Assessment:
    project, risks = plan.project, plan.risks
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    if project.resources.training is True or project.support.training is True:
        shows.append("Training is offered (resources.training or support.training).")
        answered.add("standard.support-and-learning.learning")
    elif project.resources.training is False:
        gaps.append("No training is offered.")
    for r in risks:
        if r.code in ("practice-risk.trauma", "practice-risk.peer-researcher-safety"):
            missing = [m.label for m in r.unmitigated]
            if missing:
                gaps.append(f"{r.label}: not yet in place: {', '.join(missing)}.")
            else:
                shows.append(f"{r.label}: every mitigation is in place.")
                answered.add("standard.support-and-learning.support")
        if r.code == "practice-risk.safeguarding":
            lead = [m for m in r.mitigations if m.mitigation.endswith("safeguarding-lead")]
            if lead and lead[0].in_place is True:
                shows.append("A safeguarding lead is named.")
                answered.add("standard.support-and-learning.concerns")
    gaps += [line for line in safeguarding_lines(risks) if "once these" in line]
    shows += [line for line in safeguarding_lines(risks) if "once these" not in line]
    return shows, gaps, answered


def _comms(plan: _Plan) -> _Assessment:
    project = plan.project
    lay = set(lay_ids(project))
    dissem = [
        i.stakeholder
        for i in project.plan
        if i.stage == "stage.dissemination" and i.stakeholder in lay
    ]
    shows = [f"Lay stakeholders take part in dissemination: {', '.join(dissem)}."] if dissem else []
    gaps = [] if dissem else ["No lay stakeholder is involved in dissemination."]
    return shows, gaps, set()


def _impact(plan: _Plan) -> _Assessment:
    project = plan.project
    if project.support.evaluation is True:
        return (
            ["The coproduction itself will be evaluated (support.evaluation)."],
            [],
            {"standard.impact.record"},
        )
    if project.support.evaluation is False:
        return [], ["Involvement will not be evaluated."], set()
    return [], [], set()


def _governance(plan: _Plan) -> _Assessment:
    project = plan.project
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    lay = set(lay_ids(project))
    steer = [
        i.stakeholder
        for i in project.plan
        if i.stakeholder in lay and i.stage == "stage.mixed-teams" and i.mode >= Mode.COLLABORATION
    ]
    if steer:
        shows.append(f"Lay stakeholders are in the research team: {', '.join(steer)}.")
        answered.add("standard.governance.seat")
    else:
        gaps.append("No lay stakeholder sits in the team that steers the research.")
    budget = plan.budget  # as the advice reads it
    if budget is Sufficiency.ADEQUATE:
        shows.append("The engagement budget is adequate.")
        answered.add("standard.governance.resourced")
    elif budget in (Sufficiency.NONE, Sufficiency.LIMITED):
        gaps.append(f"The engagement budget is {budget.value}.")
    return shows, gaps, answered


_STANDARD_RULES: dict[str, Callable[[_Plan], _Assessment]] = {
    "standard.inclusive-opportunities": _inclusive,
    "standard.working-together": _together,
    "standard.support-and-learning": _support,
    "standard.communications": _comms,
    "standard.impact": _impact,
    "standard.governance": _governance,
}


def _unknown_section(project: Project) -> ReportSection:
    facts = unknown_facts(project)
    return ReportSection(
        title="Facts still unknown",
        note="Practice facts the project does not state; each could raise a practice risk.",
        items=(
            item("Unknown facts", facts, "", complete=not facts)
            if not facts
            else ReportItem(
                label="Unknown facts",
                lines=facts,
                complete=False,
                prompt="State each as true or false in the project document.",
            ),
        ),
    )


def standards_assessment(project: Project, catalogue: Catalogue | None = None) -> Report:
    """A UK Standards for Public Involvement self-assessment of the project's plan.

    Example:
        >>> from coproduce.io import load_example
        >>> r = standards_assessment(load_example("patient-public-only"))
        >>> [s.title for s in r.sections][:3]
        ['First', 'Standard 1: Inclusive opportunities', 'Standard 2: Working together']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    a = appraisal_of(project, cat)
    budget = a.capacity.budget if a.capacity is not None else project.resources.budget
    plan = _Plan(project, cat, practice_risks(project, cat), budget)
    sections = [first(a)]
    sections += [_standard_section(s, plan) for s in cat.practice.standards]
    sections.append(_unknown_section(project))
    return Report(
        kind="standards",
        title="UK Standards for Public Involvement: self-assessment",
        project=project.title,
        sections=tuple(sections),
        documents=doc_citations(cat, [s.source.document for s in cat.practice.standards]),
    )
