"""Checking that a project refers only to what it (or the catalogue) defines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import Issue, PlanError
from coproduce.model import Contribution, Level, Project, Sphere

__all__ = ["plan_problems", "plan_warnings", "validate_plan"]

# --------------------------------------------------------------------------- plan validation


def plan_problems(project: Project, catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """Every reference problem of a project as ``(path, code, message)``, in document order.

    Paths use list indexes (``plan[3].stakeholder``) so a person can find the line.
    """
    stage_ids, condition_ids = catalogue.memo("coproduce.plan", _reference_ids)
    if _plan_is_sound(project, stage_ids, condition_ids):
        return []
    problems: list[tuple[str, str, str]] = []
    stakeholders = _unique(
        problems, "stakeholders", (s.id for s in project.stakeholders), "stakeholder"
    )
    aims = _unique(problems, "aims", (a.id for a in project.aims), "aim")
    _unique(problems, "researchers", (r.id for r in project.researchers), "researcher")
    problems.extend(_plan_line_problems(project, stakeholders, aims, stage_ids))
    problems.extend(_condition_problems(project, condition_ids))
    problems.extend(_until_problems(project, stage_ids))
    return problems


def _until_problems(project: Project, stage_ids: frozenset[str]) -> Iterator[tuple[str, str, str]]:
    """``funded_until`` and each researcher's ``contract_until`` name a stage of the catalogue."""
    named = [("funded_until", project.funded_until)] + [
        (f"researchers[{i}].contract_until", r.contract_until)
        for i, r in enumerate(project.researchers)
    ]
    for path, stage in named:
        if stage is not None and stage not in stage_ids:
            yield (
                path,
                "unknown-reference",
                f"names {stage!r}, which is not a stage of the catalogue "
                f"(expected one of {', '.join(sorted(stage_ids))})",
            )


def _unique(
    problems: list[tuple[str, str, str]], name: str, ids: Iterable[str], what: str
) -> set[str]:
    """The ids of one list, reporting each repeat at its index."""
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            problems.append((f"{name}[{i}].id", "duplicate-id", f"duplicate {what} id {item!r}"))
        seen.add(item)
    return seen


def _plan_line_problems(
    project: Project, stakeholders: set[str], aims: set[str], stage_ids: frozenset[str]
) -> Iterator[tuple[str, str, str]]:
    """Each plan line names a known stakeholder, stage and aims, once per stage."""
    pairs: set[tuple[str, str]] = set()
    for i, inv in enumerate(project.plan):
        if inv.stakeholder not in stakeholders:
            yield (
                f"plan[{i}].stakeholder",
                "unknown-reference",
                f"names {inv.stakeholder!r}, which is not among the project's stakeholders",
            )
        if inv.stage not in stage_ids:
            yield (
                f"plan[{i}].stage",
                "unknown-reference",
                f"names {inv.stage!r}, which is not a stage of the catalogue "
                f"(expected one of {', '.join(sorted(stage_ids))})",
            )
        if (inv.stage, inv.stakeholder) in pairs:
            yield (
                f"plan[{i}]",
                "duplicate-id",
                f"stakeholder {inv.stakeholder!r} is planned at {inv.stage!r} twice",
            )
        pairs.add((inv.stage, inv.stakeholder))
        yield from (
            (
                f"plan[{i}].aims[{k}]",
                "unknown-reference",
                f"names {aim!r}, which is not among the aims",
            )
            for k, aim in enumerate(inv.aims)
            if aim not in aims
        )


def _condition_problems(
    project: Project, condition_ids: frozenset[str]
) -> Iterator[tuple[str, str, str]]:
    """Each Table 2 condition set is one of the catalogue's, and set once."""
    seen: set[str] = set()
    for i, c in enumerate(project.conditions):
        if c.condition not in condition_ids:
            yield (
                f"conditions[{i}].condition",
                "unknown-reference",
                f"{c.condition!r} is not a Table 2 condition of the catalogue",
            )
        if c.condition in seen:
            yield (f"conditions[{i}]", "duplicate-id", f"{c.condition!r} is set twice")
        seen.add(c.condition)


def _reference_ids(catalogue: Catalogue) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(s.id for s in catalogue.stages), frozenset(c.id for c in catalogue.conditions)


def _plan_is_sound(
    project: Project, stage_ids: frozenset[str], condition_ids: frozenset[str]
) -> bool:
    """The common case, checked fast: nothing repeats and every reference resolves."""
    stakeholders = {s.id for s in project.stakeholders}
    aims = {a.id for a in project.aims}
    conditions = [c.condition for c in project.conditions]
    plan = project.plan
    return (
        len(stakeholders) == len(project.stakeholders)
        and len(aims) == len(project.aims)
        and len({r.id for r in project.researchers}) == len(project.researchers)
        and len({(i.stage, i.stakeholder) for i in plan}) == len(plan)
        and all(
            i.stakeholder in stakeholders and i.stage in stage_ids and aims.issuperset(i.aims)
            for i in plan
        )
        and len(set(conditions)) == len(conditions)
        and condition_ids.issuperset(conditions)
        and (project.funded_until is None or project.funded_until in stage_ids)
        and all(
            r.contract_until is None or r.contract_until in stage_ids for r in project.researchers
        )
    )


def validate_plan(project: Project, catalogue: Catalogue | None = None) -> None:
    """Check that a project refers only to things it (or the catalogue) defines.

    Raises:
        PlanError: listing every problem, each prefixed with where it is.

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = plan_problems(project, cat)
    if problems:
        raise PlanError(
            Issue(path=path, code=code, message=message) for path, code, message in problems
        )


_OUTSIDE = frozenset((Sphere.PROFESSIONAL, Sphere.RESEARCH, Sphere.OTHER))


def plan_warnings(project: Project) -> list[tuple[str, str, str]]:
    """What a project says that the advice reads differently from its words, as warnings.

    Each is ``(path, code, message)``, paths with list indexes. Today one kind: a stakeholder
    whose facts give it power over the findings (high power, funding the study, owning
    intellectual property, answering for delivery) while its ``kind`` is a practitioner,
    partner researcher or ``other`` (code ``kind-outside-power``). Lay kinds are not
    warned: a lay group's power and money are what user-led research is for. The advice follows
    the facts, not the kind; the warning says how, so the kind can be put right if wrong.

    Example:
        >>> from coproduce import Project, Stakeholder, StakeholderKind
        >>> p = Project(title="t", stakeholders=(
        ...     Stakeholder(id="app", kind=StakeholderKind.OTHER, owns_ip=True),))
        >>> [(path, code) for path, code, _ in plan_warnings(p)]
        [('stakeholders[0].kind', 'kind-outside-power')]

    """
    out = []
    for i, s in enumerate(project.stakeholders):
        if s.kind.sphere not in _OUTSIDE:
            continue
        funds = Contribution.MONEY in s.brings
        facts = [
            w
            for w, on in (
                ("has high power", s.power is Level.HIGH),
                ("funds the study", funds),
                ("owns intellectual property", s.owns_ip is True),
                ("answers for delivering the policy", s.delivery_responsibility is True),
            )
            if on
        ]
        if not facts:
            continue
        decides = funds or s.owns_ip is True or s.delivery_responsibility is True
        how = (
            "it is advised from Table 2 by what it does, with the agreements and stage limits "
            "of those with power over the findings"
            if decides
            else "it gets the agreements and stage limits of those with power over the "
            "findings, but its advice starts from its aims"
        )
        out.append(
            (
                f"stakeholders[{i}].kind",
                "kind-outside-power",
                f"{s.id} {' and '.join(facts)}, but its kind {s.kind.value!r} is neither a "
                f"decision-maker nor a commercial partner: {how}. If it is a policy-maker, "
                "funder, manager or commercial partner, give that kind.",
            )
        )
    return out
