"""Plan once, report many: the documents teams file, generated from one project.

Three reports, each returned as a plain :class:`Report` structure and rendered as Markdown,
self-contained HTML or JSON by :func:`render`:

- :func:`standards_assessment`: a UK Standards for Public Involvement self-assessment; per
  standard, what the plan shows, the gaps, and the reflective questions still open;
- :func:`application_section`: the involvement section of a grant application; who, when,
  how, payment and support, the budget, evaluation, and the practice risks with mitigations;
- :func:`gripp2_report`: a GRIPP2 short-form skeleton, plus the encoded long-form items when
  the plan involves lay contributors.

Known facts are filled in; everything else is marked *to complete*. Every item names the
source it answers to (document and locator).

Example:
    >>> from coproduce.io import load_example
    >>> from coproduce.report.forms import gripp2_report, render
    >>> report = gripp2_report(load_example("patient-public-only"))
    >>> [i.label for i in report.sections[1].items][:3]
    ['1. Aim', '2. Methods', '3. Study results']
    >>> render(report, "html").startswith("<!doctype html>")
    True

"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import attrs

from coproduce._markdown import inline
from coproduce._record import Record
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    PAPER,
    Citation,
    Extensible,
    MitigationRecord,
    Mode,
    Project,
    RateCard,
    ReportingForm,
    Source,
    Sphere,
    Standard,
    Sufficiency,
)
from coproduce.practice import PracticeRisk, practice_risks, unknown_facts

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal, Policy

__all__ = [
    "KINDS",
    "BudgetLines",
    "Report",
    "ReportFormat",
    "ReportItem",
    "ReportKind",
    "ReportSection",
    "application_section",
    "build",
    "gripp2_report",
    "render",
    "standards_assessment",
    "to_data",
    "to_html",
    "to_markdown",
]

ReportKind = Literal["standards", "application", "gripp2"]
"""The reports :func:`build` makes."""
KINDS: tuple[ReportKind, ...] = ("standards", "application", "gripp2")
ReportFormat = Literal["markdown", "html", "json"]
"""The formats :func:`render` writes."""

TO_COMPLETE = "To complete"


@attrs.frozen(kw_only=True)
class ReportItem(Extensible):
    """One entry of a report.

    Attributes:
        label: what the entry is (an item, a question, a heading of the form).
        lines: what the project already says, one statement per line (empty when unknown).
        complete: whether the project's facts answer it; ``False`` marks it to complete.
        prompt: what is still needed, for an entry not complete.
        source: where the entry comes from (document and locator), empty for the project's own.
        guidance: what the source asks for, in the project's words.

    """

    label: str
    lines: tuple[str, ...] = ()
    complete: bool = False
    prompt: str = ""
    source: str = ""
    guidance: str = ""


@attrs.frozen(kw_only=True)
class ReportSection(Extensible):
    """A titled group of entries."""

    title: str
    items: tuple[ReportItem, ...]
    note: str = ""


@attrs.frozen(kw_only=True)
class Report(Extensible):
    """A report generated from one project.

    Attributes:
        kind: ``"standards"``, ``"application"`` or ``"gripp2"``.
        documents: the documents the report answers to, as citations.

    """

    kind: str
    title: str
    project: str
    sections: tuple[ReportSection, ...]
    documents: tuple[str, ...]

    @property
    def to_complete(self) -> int:
        """How many entries are still to complete."""
        return sum(not i.complete for s in self.sections for i in s.items)


@runtime_checkable
class BudgetLines(Protocol):
    """The hook for a costing: anything that lists budget lines for the application.

    :class:`CostingBudget` gives the lines of a project's costing; a caller may pass its own
    to :func:`application_section`. Each line is ``(label, amount as text)``, e.g.
    ``("Public contributor fees", "£1,200")``.
    """

    def budget_lines(self) -> Iterable[tuple[str, str]]:
        """The budget lines, in order."""
        ...


@attrs.frozen
class CostingBudget(Record):
    """The budget lines of a project's costing, priced with a rate card (:class:`BudgetLines`).

    One line per stage, then the total, the budget set aside and the gap, all in the
    costing's currency. A costing that cannot be priced gives no lines (the section is then
    marked to complete).

    A costing that pays none of the contributors it costs a fee is not settled by being
    within budget: its last line says whose time it leaves unpaid, and :attr:`unpaid`
    names them, so the application marks the budget to complete.

    Example:
        >>> from coproduce.io import load_example
        >>> lines = list(CostingBudget.of(load_example("contested-policy")).budget_lines())
        >>> lines[-1]
        ('Within the budget', 'GBP 3,344.00 to spare')
        >>> CostingBudget.of(load_example("chw-malawi")).unpaid
        ('hsas', 'volunteers')

    """

    lines: tuple[tuple[str, str], ...]
    unpaid: tuple[str, ...] = ()
    """Contributors the costing costs without a fee, when it pays none of them one."""

    @classmethod
    def of(cls, project: Project, rates: RateCard | None = None) -> CostingBudget:
        """Price the project's costing (the shipped card beside its own when ``rates`` is None)."""
        from coproduce.costing import cost, costing_problems
        from coproduce.costing import default_rate_card as default_card

        card = rates if rates is not None else default_card()
        if project.costing is None or costing_problems(project, rates=card):
            return cls(lines=())
        c = cost(project, rates=card)
        assert c is not None
        labels: dict[str, str] = {s.id: s.label for s in default_catalogue().stages}

        def money(amount: Decimal, unpriced: int = 0) -> str:
            more = f" + {unpriced} unpriced line{'s' * (unpriced != 1)}" if unpriced else ""
            return f"{c.currency} {amount:,.2f}{more}"

        out = [
            (labels.get(s.stage or "", "Across the project"), money(s.money, s.unpriced))
            for s in c.by_stage
        ]
        out.append(("Total for involvement", money(c.money, len(c.unpriced))))
        if c.budget is not None and c.gap is not None:
            out.append(("Budget set aside for involvement", money(c.budget)))
            if c.gap < 0:
                least = "at least " if c.grant_unpriced else ""
                out.append(
                    ("Short of the budget", f"{least}{money(c.gap.copy_negate())} more needed")
                )
            elif c.grant_unpriced:
                n = len(c.grant_unpriced)
                out.append(
                    (
                        "Not known to fit the budget",
                        f"{money(c.gap)} to spare before {n} line{'s' * (n != 1)} without a rate",
                    )
                )
            else:
                out.append(("Within the budget", f"{money(c.gap)} to spare"))
        unpaid = _paid_nobody(project)
        if unpaid:
            out.append(
                (
                    "Fees for contributors' time",
                    f"none costed: {', '.join(unpaid)} give their time unpaid",
                )
            )
        return cls(lines=tuple(out), unpaid=unpaid)

    def budget_lines(self) -> Iterable[tuple[str, str]]:
        """The budget lines, in order."""
        return self.lines


def _paid_nobody(project: Project) -> tuple[str, ...]:
    """The contributors a costing costs, when it pays none of them a fee (else nothing)."""
    from coproduce.appraisal import payment_reading, table2_basis

    if project.costing is None:
        return ()
    costed = {c.stakeholder for c in project.costing.involvements}
    people = [s for s in project.stakeholders if s.id in costed and not table2_basis(s)]
    paid = payment_reading(project)
    if not people or any(paid.get(s.id) for s in people):
        return ()
    return tuple(sorted(s.id for s in people))


def _appraised(project: Project, cat: Catalogue) -> Appraisal:
    """The project appraised under the default policy: what the forms agree with."""
    from coproduce.appraisal import appraise

    return appraise(project, catalogue=cat)


def _first(a: Appraisal) -> ReportSection:
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


# --------------------------------------------------------------------------- helpers


def _where(source: Source | Citation) -> str:
    """A source as ``document: locator`` (practice documents were read as web pages)."""
    if source.document == PAPER:
        return f"{source.document}: p. {source.page}, {source.locator}"
    return f"{source.document}: {source.locator}"


def _doc_citations(cat: Catalogue, ids: Iterable[str]) -> tuple[str, ...]:
    docs = {d.id: d for d in cat.documents()}
    return tuple(f"[{i}] {docs[i]}" for i in dict.fromkeys(ids) if i in docs)


def _stage_labels(cat: Catalogue) -> dict[str, tuple[int, str]]:
    return {s.id: (s.order, s.label) for s in cat.stages}


def _lay(project: Project) -> list[str]:
    return [s.id for s in project.stakeholders if s.kind.sphere is Sphere.LAY]


def _planned(project: Project, ids: Iterable[str]) -> list[str]:
    wanted = set(ids)
    return list(dict.fromkeys(i.stakeholder for i in project.plan if i.stakeholder in wanted))


def _funder_word(cat: Catalogue, mode: Mode) -> str:
    for row in cat.practice.crosswalk:
        if row.mode is mode and row.funder is not None:
            return row.funder.value
    return ""


def _who(project: Project) -> list[str]:
    out = []
    for s in project.stakeholders:
        desc = f": {s.description}" if s.description else ""
        out.append(f"{s.id} ({s.kind.value}, {s.kind.sphere.value} sphere){desc}")
    return out


def _safeguarding_lines(risks: tuple[PracticeRisk, ...]) -> list[str]:
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


def _when_how(project: Project, cat: Catalogue, a: Appraisal | None = None) -> list[str]:
    """Each planned line, with the appraisal's advice beside it where it differs."""
    from coproduce.appraisal import Action

    stages = _stage_labels(cat)
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


def _risk_items(risks: tuple[PracticeRisk, ...]) -> tuple[ReportItem, ...]:
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
            f"{m.label}: {_STATUS[m.in_place]}" + "".join(f" ({_record(x)})" for x in m.records)
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
                source=_where(r.citations[0]),
            )
        )
    return tuple(out)


_STATUS = {True: "in place", False: "missing", None: "not known"}


def _record(record: MitigationRecord) -> str:
    parts = [record.document or "record"]
    if record.signed is not None:
        parts.append("signed" if record.signed else "not signed")
    if record.owner:
        parts.append(f"owner {record.owner}")
    if record.review:
        parts.append(f"review {record.review}")
    return ", ".join(parts)


def _item(
    label: str, lines: Iterable[str], prompt: str, source: str = "", *, complete: bool | None = None
) -> ReportItem:
    body = tuple(lines)
    done = bool(body) if complete is None else complete
    return ReportItem(
        label=label, lines=body, complete=done, prompt="" if done else prompt, source=source
    )


# --------------------------------------------------------------------------- standards


def _standard_section(
    std: Standard, project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]
) -> ReportSection:
    rule = _STANDARD_RULES.get(std.id)
    shows, gaps, answered = rule(project, cat, risks) if rule else ([], [], set())
    questions = tuple(
        ReportItem(
            label=q.label,
            complete=q.id in answered,
            prompt="" if q.id in answered else "answer it with the team and contributors.",
            source=_where(q.source),
        )
        for q in std.questions
    )
    return ReportSection(
        title=f"Standard {std.number}: {std.label}",
        note=std.description,
        items=(
            _item(
                "What the plan shows",
                shows,
                "Nothing in the plan speaks to this standard yet.",
                _where(std.source),
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


def _inclusive(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    lay = _planned(project, _lay(project))
    stages = _stage_labels(cat)
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


def _together(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
    g = project.governance
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    if g.accountability is True:
        shows.append("Responsibility and accountability are agreed.")
        answered.add("standard.working-together.roles")
    elif g.accountability is False:
        gaps.append("Responsibility and accountability are not agreed.")
    lay = _lay(project)
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


def _support(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
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
    gaps += [line for line in _safeguarding_lines(risks) if "once these" in line]
    shows += [line for line in _safeguarding_lines(risks) if "once these" not in line]
    return shows, gaps, answered


def _comms(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
    lay = set(_lay(project))
    dissem = [
        i.stakeholder
        for i in project.plan
        if i.stage == "stage.dissemination" and i.stakeholder in lay
    ]
    shows = [f"Lay stakeholders take part in dissemination: {', '.join(dissem)}."] if dissem else []
    gaps = [] if dissem else ["No lay stakeholder is involved in dissemination."]
    return shows, gaps, set()


def _impact(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
    if project.support.evaluation is True:
        return (
            ["The coproduction itself will be evaluated (support.evaluation)."],
            [],
            {"standard.impact.record"},
        )
    if project.support.evaluation is False:
        return [], ["Involvement will not be evaluated."], set()
    return [], [], set()


def _governance(project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]) -> _Assessment:
    shows: list[str] = []
    gaps: list[str] = []
    answered: set[str] = set()
    lay = set(_lay(project))
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
    from coproduce.appraisal._capacity import capacity_of

    budget = capacity_of(project, cat, _default_policy()).budget  # as the advice reads it
    if budget is Sufficiency.ADEQUATE:
        shows.append("The engagement budget is adequate.")
        answered.add("standard.governance.resourced")
    elif budget in (Sufficiency.NONE, Sufficiency.LIMITED):
        gaps.append(f"The engagement budget is {budget.value}.")
    return shows, gaps, answered


_STANDARD_RULES: dict[
    str, Callable[[Project, Catalogue, tuple[PracticeRisk, ...]], _Assessment]
] = {
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
            _item("Unknown facts", facts, "", complete=not facts)
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
    risks = practice_risks(project, cat)
    sections = [_first(_appraised(project, cat))]
    sections += [_standard_section(s, project, cat, risks) for s in cat.practice.standards]
    sections.append(_unknown_section(project))
    return Report(
        kind="standards",
        title="UK Standards for Public Involvement: self-assessment",
        project=project.title,
        sections=tuple(sections),
        documents=_doc_citations(cat, [s.source.document for s in cat.practice.standards]),
    )


# --------------------------------------------------------------------------- application


def application_section(
    project: Project,
    catalogue: Catalogue | None = None,
    *,
    budget: BudgetLines | None = None,
) -> Report:
    """The involvement section of a grant application, from the project.

    Args:
        project: the project to describe.
        catalogue: the catalogue to read the practice layer from (``None``: the default).
        budget: budget lines to show. When ``None``, the project's costing gives them
            (:class:`CostingBudget`); without one, the budget is marked to complete, with
            the plan's budget sufficiency.

    Example:
        >>> from coproduce.io import load_example
        >>> r = application_section(load_example("patient-public-only"))
        >>> [s.title for s in r.sections]
        ['First', 'Who is involved', 'When and how', 'Payment and support', 'Budget', \
'Evaluation of involvement', 'Practice risks and mitigations']

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    risks = practice_risks(project, cat)
    costing = budget if budget is not None else CostingBudget.of(project)
    lines = list(costing.budget_lines())
    safeguarding = _safeguarding_lines(risks)
    appraised = _appraised(project, cat)
    when = _when_how(project, cat, appraised)
    sections = (
        _first(appraised),
        ReportSection(
            title="Who is involved",
            items=(_item("Stakeholders", _who(project), "List who will be involved."),),
        ),
        ReportSection(
            title="When and how",
            items=(
                _item(
                    "Stages and depth",
                    [*when, *safeguarding],
                    "Plan who is involved at which stage, and how deeply; put safeguarding in "
                    "place first where children or adults at risk take part.",
                    complete=bool(project.plan)
                    and not any("once these" in x for x in safeguarding)
                    and not any(" · advised: " in x for x in when),
                ),
            ),
            note="Depth is given in the paper's modes with the funders' word beside it "
            "(an interpretation; see the crosswalk).",
        ),
        _payment_section(project, cat, risks),
        ReportSection(
            title="Budget",
            items=(_budget_item(project, lines, getattr(costing, "unpaid", ())),),
        ),
        ReportSection(
            title="Evaluation of involvement",
            items=(
                _item(
                    "Evaluation",
                    _evaluation(project),
                    "Say how the difference involvement makes will be recorded.",
                ),
            ),
        ),
        ReportSection(
            title="Practice risks and mitigations",
            items=_risk_items(risks),
            note="Risks from practice guidance, raised only by the project's facts; each with "
            "its mitigations and the evidence recorded for them.",
        ),
    )
    docs = [c.document for r in risks for c in r.citations]
    docs += [g.source.document for g in cat.practice.guidance]
    return Report(
        kind="application",
        title="Patient and public involvement: application section",
        project=project.title,
        sections=sections,
        documents=_doc_citations(cat, docs),
    )


def _payment(project: Project) -> list[str]:
    """Whether each lay stakeholder is paid, one line each, as the advice reads it.

    The costing is the plan for those it costs (:func:`coproduce.appraisal.payment_reading`).
    """
    from coproduce.appraisal import payment_reading

    lay = _lay(project)
    reading = payment_reading(project)
    costed = {c.stakeholder for c in project.costing.involvements} if project.costing else set()
    pay = []
    for s in project.stakeholders:
        if s.id in lay:
            paid = {True: "paid or reimbursed", False: "not paid", None: "payment not stated"}
            how = " (as the costing plans it)" if s.id in costed else ""
            pay.append(f"{s.id}: {paid[reading[s.id]]}{how}")
    return pay


def _support_offered(project: Project, risks: tuple[PracticeRisk, ...]) -> list[str]:
    """The training offered and the status of the payment and trauma mitigations."""
    training = project.resources.training is True or project.support.training is True
    support = ["Training is offered."] if training else []
    support += [
        f"{m.label}: {_STATUS[m.in_place]}"
        for r in risks
        if r.code in ("practice-risk.payment-benefits", "practice-risk.trauma")
        for m in r.mitigations
    ]
    return support


def _payment_section(
    project: Project, cat: Catalogue, risks: tuple[PracticeRisk, ...]
) -> ReportSection:
    """The "Payment and support" section: payment, support and the payment guidance."""
    pay = _payment(project)
    support = _support_offered(project, risks)
    payment_guidance = tuple(g.label for g in cat.practice.guidance if g.topic == "payment")
    payment_source = next(
        (_where(g.source) for g in cat.practice.guidance if g.topic == "payment"), ""
    )
    return ReportSection(
        title="Payment and support",
        items=(
            _item(
                "Payment",
                pay,
                "Say how lay contributors are paid.",
                payment_source,
                complete=bool(pay) and all(": paid" in p for p in pay),
            ),
            _item(
                "Support",
                support,
                "Say what support and training contributors get, and put the mitigations "
                "not yet known to be in place in the plan.",
                complete=bool(support)
                and not any(x.endswith(("not known", "missing")) for x in support),
            ),
            ReportItem(
                label="Payment guidance followed",
                lines=payment_guidance,
                complete=False,
                prompt="Confirm each point in the plan.",
                source=payment_source,
            ),
        ),
    )


def _budget_item(
    project: Project, lines: list[tuple[str, str]], unpaid: tuple[str, ...] = ()
) -> ReportItem:
    """The budget lines, or the plan's budget sufficiency marked to complete.

    Lines that pay no contributor a fee are shown, but not complete: within budget is not
    settled when the budget leaves everyone's time unpaid.
    """
    if lines:
        return _item(
            "Budget lines",
            [f"{label}: {amount}" for label, amount in lines],
            f"The costing pays no contributor a fee ({', '.join(unpaid)}): cost their time "
            "at the rate your payment guidance sets, or say why it is given unpaid.",
            complete=not unpaid,
        )
    return ReportItem(
        label="Budget lines",
        lines=(f"Engagement budget (plan): {project.resources.budget.value}.",),
        complete=False,
        prompt="Cost fees, expenses, carers' costs, accessibility, venues, training and "
        "staff time (a costing fills this section when the project has one).",
    )


def _evaluation(project: Project) -> list[str]:
    """Whether the involvement itself will be evaluated, as a line (none when unknown)."""
    return {
        True: ["The involvement itself will be evaluated."],
        False: ["No evaluation of involvement is planned."],
        None: [],
    }[project.support.evaluation]


# --------------------------------------------------------------------------- GRIPP2


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
    lay = _planned(project, _lay(project))
    short, long = _gripp2_fill(project, cat, lay)
    sections = [
        _first(_appraised(project, cat)),
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
        documents=_doc_citations(cat, [i.source.document for i in cat.practice.reporting_items]),
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
    methods = _when_how(project, cat)
    people = [w for w in _who(project) if w.split(" ")[0] in lay]
    stages = _stage_labels(cat)
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
            _item(
                f"{it.number}. {it.section}"
                if form is ReportingForm.SHORT
                else f"{it.number}. {it.label}"
                + (f" ({it.section.lower()})" if it.section != it.label else ""),
                fill.get(it.number, ([], ""))[0],
                fill.get(it.number, ([], ""))[1] or "Complete it from the study.",
                _where(it.source),
            ),
            guidance=it.description,
        )
        for it in cat.practice.reporting_items
        if it.form is form
    )


def build(kind: ReportKind, project: Project, catalogue: Catalogue | None = None) -> Report:
    """Build one of the reports by name (``"standards"``, ``"application"``, ``"gripp2"``).

    Raises:
        ValueError: an unknown kind.

    """
    makers: dict[str, Callable[[Project, Catalogue | None], Report]] = {
        "standards": standards_assessment,
        "application": application_section,
        "gripp2": gripp2_report,
    }
    try:
        return makers[kind](project, catalogue)
    except KeyError:
        raise ValueError(f"report kind: {kind!r} (expected one of {', '.join(KINDS)})") from None


# --------------------------------------------------------------------------- rendering


def to_data(report: Report) -> dict[str, object]:
    """The report as plain JSON data."""
    return {
        "kind": report.kind,
        "title": report.title,
        "project": report.project,
        "to_complete": report.to_complete,
        "sections": [
            {
                "title": s.title,
                "note": s.note,
                "items": [
                    {
                        "label": i.label,
                        "lines": list(i.lines),
                        "complete": i.complete,
                        "prompt": i.prompt,
                        "source": i.source,
                        "guidance": i.guidance,
                    }
                    for i in s.items
                ],
            }
            for s in report.sections
        ],
        "documents": list(report.documents),
    }


def to_markdown(report: Report) -> str:
    """The report as Markdown: a heading per section, a checkbox per entry."""
    out = [
        f"# {inline(report.title)}",
        "",
        f"Project: **{inline(report.project)}** · entries to complete: {report.to_complete}",
        "",
    ]
    for s in report.sections:
        out += [f"## {inline(s.title)}", ""]
        if s.note:
            out += [f"_{inline(s.note)}_", ""]
        for i in s.items:
            box = "x" if i.complete else " "
            out.append(f"- [{box}] **{inline(i.label)}**")
            if i.guidance:
                out.append(f"  - _{inline(i.guidance)}_")
            out += [f"  - {inline(line)}" for line in i.lines]
            if not i.complete and i.prompt:
                out.append(f"  - *{TO_COMPLETE}:* {inline(i.prompt)}")
            if i.source:
                out.append(f"  - <sub>Source: {inline(i.source)}</sub>")
        out.append("")
    out += ["## Sources", ""] + [f"- {inline(d)}" for d in report.documents] + [""]
    return "\n".join(out)


_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2937;
       margin: 0; background: #fafaf9; }
main { max-width: 960px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin-top: 32px; border-bottom: 2px solid #e7e5e4; padding-bottom: 4px; }
.meta, .note { color: #6b7280; } .note { font-style: italic; margin: 4px 0 8px; }
ul.items { list-style: none; padding: 0; margin: 0; }
li.item { border: 1px solid #e5e7eb; border-left: 5px solid #0f766e; border-radius: 4px;
          padding: 6px 10px; margin: 8px 0; }
li.item.todo { border-left-color: #b45309; background: #fffbeb; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 8px;
         border-radius: 10px; color: #fff; background: #0f766e; margin-right: 6px; }
.todo .badge { background: #b45309; }
li.item ul { margin: 4px 0 0 18px; padding: 0; }
.prompt { color: #92400e; margin: 4px 0 0; } .guidance { color: #4b5563; font-size: 14px; }
.cite { color: #6b7280; font-size: 12px; overflow-wrap: anywhere; }
footer { margin-top: 36px; color: #6b7280; font-size: 13px; overflow-wrap: anywhere; }
"""


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page: inline styles, no scripts, text escaped."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}: {escape(report.project)}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="meta">Project: <strong>{escape(report.project)}</strong> · entries to '
        f"complete: {report.to_complete}</p>",
    ]
    for s in report.sections:
        parts.append(f"<section><h2>{escape(s.title)}</h2>")
        if s.note:
            parts.append(f'<p class="note">{escape(s.note)}</p>')
        parts.append('<ul class="items">')
        for i in s.items:
            cls = "item" if i.complete else "item todo"
            badge = "done" if i.complete else "to complete"
            parts.append(
                f'<li class="{cls}"><span class="badge">{badge}</span>'
                f"<strong>{escape(i.label)}</strong>"
            )
            if i.guidance:
                parts.append(f'<div class="guidance">{escape(i.guidance)}</div>')
            if i.lines:
                parts.append(f"<ul>{''.join(f'<li>{escape(x)}</li>' for x in i.lines)}</ul>")
            if not i.complete and i.prompt:
                parts.append(f'<p class="prompt">{TO_COMPLETE}: {escape(i.prompt)}</p>')
            if i.source:
                parts.append(f'<div class="cite">Source: {escape(i.source)}</div>')
            parts.append("</li>")
        parts.append("</ul></section>")
    parts.append("<footer><h2>Sources</h2><ul>")
    parts += [f"<li>{escape(d)}</li>" for d in report.documents]
    parts.append("</ul><p>Generated by coproduce from the project document.</p></footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def render(report: Report, format: ReportFormat = "markdown") -> str:
    """Render a report as ``"markdown"``, ``"html"`` or ``"json"``.

    Raises:
        ValueError: an unknown format.

    """
    if format == "markdown":
        return to_markdown(report)
    if format == "html":
        return to_html(report)
    if format == "json":
        return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"report format: {format!r} (expected markdown, html or json)")


def _default_policy() -> Policy:
    from coproduce.appraisal import DEFAULT_POLICY

    return DEFAULT_POLICY
