"""The references of an involvement log: stages, risk codes, and the project's own ids."""

from __future__ import annotations

from collections.abc import Iterator

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import did_you_mean
from coproduce.model import InvolvementLog, LogEntry, Project

__all__ = ["entry_problems", "log_problems", "risk_codes", "risk_labels"]

Problem = tuple[str, str, str]
"""``(path, code, message)``, the path without its ``$.``."""


def risk_codes(catalogue: Catalogue) -> frozenset[str]:
    """Every risk code a log may name.

    That is ``risk.`` + each challenge's name, and the practice layer's ``practice-risk.*``.

    Example:
        >>> from coproduce.catalogue import default
        >>> "practice-risk.safeguarding" in risk_codes(default())
        True

    """
    return frozenset(risk_labels(catalogue))


def risk_labels(catalogue: Catalogue) -> dict[str, str]:
    """Every risk code a log may name (see :func:`risk_codes`), with its catalogue label.

    Example:
        >>> from coproduce.catalogue import default
        >>> risk_labels(default())["risk.usual-suspects"]
        "'Usual suspects' dominate"

    """
    labels = {"risk." + c.id.removeprefix("challenge."): c.label for c in catalogue.challenges}
    labels.update((r.id, r.label) for r in catalogue.practice.risks)
    return labels


class _Known:
    """The ids a log's references are checked against; ``None`` where not known."""

    def __init__(self, catalogue: Catalogue, project: Project | None) -> None:
        self.stages = frozenset(s.id for s in catalogue.stages)
        self.risks = risk_codes(catalogue)
        self.stakeholders = None if project is None else {s.id for s in project.stakeholders}
        self.researchers = None if project is None else {r.id for r in project.researchers}
        self.aims = None if project is None else {a.id for a in project.aims}


def _unknown(path: str, what: str, value: str, known: frozenset[str] | set[str]) -> Problem:
    hint = did_you_mean(value, sorted(known))
    if not hint:
        names = sorted(known)
        hint = (
            "expected one of: "
            + (", ".join(names[:10]) or "none")
            + (", ..." if len(names) > 10 else "")
        )
    return (path, "unknown-reference", f"unknown {what}: {value!r}; {hint}")


def _check(
    path: str, what: str, value: str | None, known: frozenset[str] | set[str] | None
) -> Iterator[Problem]:
    if value is not None and known is not None and value not in known:
        yield _unknown(path, what, value, known)


def _activity_problems(at: str, entry: LogEntry, k: _Known) -> Iterator[Problem]:
    for i, a in enumerate(entry.activities):
        here = f"{at}.activities[{i}]"
        yield from _check(f"{here}.stage", "stage", a.stage, k.stages)
        for j, p in enumerate(a.participants):
            yield from _check(
                f"{here}.participants[{j}].stakeholder",
                "stakeholder",
                p.stakeholder,
                k.stakeholders,
            )
        for j, t in enumerate(a.team):
            yield from _check(
                f"{here}.team[{j}].researcher", "researcher", t.researcher, k.researchers
            )


def _record_problems(at: str, entry: LogEntry, k: _Known) -> Iterator[Problem]:
    for i, s in enumerate(entry.spending):
        yield from _check(f"{at}.spending[{i}].stage", "stage", s.stage, k.stages)
    for i, r in enumerate(entry.risks):
        yield from _check(f"{at}.risks[{i}].code", "risk code", r.code, k.risks)
        for j, sh in enumerate(r.stakeholders):
            yield from _check(
                f"{at}.risks[{i}].stakeholders[{j}]", "stakeholder", sh, k.stakeholders
            )
    for i, m in enumerate(entry.mitigations):
        yield from _check(f"{at}.mitigations[{i}].risk", "risk code", m.risk, k.risks)
    for i, imp in enumerate(entry.impacts):
        for j, aim in enumerate(imp.aims):
            yield from _check(f"{at}.impacts[{i}].aims[{j}]", "aim", aim, k.aims)
        for j, sh in enumerate(imp.stakeholders):
            yield from _check(
                f"{at}.impacts[{i}].stakeholders[{j}]", "stakeholder", sh, k.stakeholders
            )


def _change_problems(at: str, entry: LogEntry, k: _Known) -> Iterator[Problem]:
    for i, c in enumerate(entry.changes):
        here = f"{at}.changes[{i}]"
        yield from _check(f"{here}.stage", "stage", c.stage, k.stages)
        yield from _check(f"{here}.stakeholder", "stakeholder", c.stakeholder, k.stakeholders)
        if c.mode is None and c.change.value != "drop":
            yield (
                f"{here}.mode",
                "missing-field",
                f"a change of kind {c.change.value!r} needs the mode of the line",
            )


def entry_problems(
    entry: LogEntry, at: str, catalogue: Catalogue, project: Project | None
) -> list[Problem]:
    """The reference problems of one entry whose path is ``at`` (e.g. ``entries[3]``)."""
    return _entry_problems(entry, at, _Known(catalogue, project))


def _entry_problems(entry: LogEntry, at: str, k: _Known) -> list[Problem]:
    return [
        *_activity_problems(at, entry, k),
        *_record_problems(at, entry, k),
        *_change_problems(at, entry, k),
    ]


def _money_problems(log: InvolvementLog, project: Project | None) -> Iterator[Problem]:
    money = any(
        e.spending or any(p.paid for a in e.activities for p in a.participants) for e in log.entries
    )
    if money and log.currency is None:
        yield (
            "currency",
            "missing-field",
            "the log records money, so it needs a currency: add `currency: GBP` (your ISO "
            "4217 code) to the log, beside `project:`",
        )
    plan = None if project is None else project.costing
    if plan is not None and log.currency is not None and log.currency != plan.currency:
        yield (
            "currency",
            "currency-mismatch",
            f"the log is in {log.currency} but the project's costing in {plan.currency}",
        )


def log_problems(
    log: InvolvementLog, project: Project | None = None, *, catalogue: Catalogue | None = None
) -> list[Problem]:
    """Every reference problem of a log as ``(path, code, message)``, in document order.

    Stages and risk codes are checked against the catalogue; with ``project``, the
    stakeholders, researchers and aims too, and that the log names the project.

    Example:
        >>> from coproduce.model import InvolvementLog, LogEntry, MaterialisedRisk
        >>> log = InvolvementLog(project="p", entries=(
        ...     LogEntry(date="2026-01-05", risks=(MaterialisedRisk(code="risk.nope"),)),))
        >>> [(path, code) for path, code, _ in log_problems(log)]
        [('entries[0].risks[0].code', 'unknown-reference')]

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    problems: list[Problem] = []
    if project is not None and project.id != log.project:
        problems.append(
            (
                "project",
                "unknown-reference",
                f"the log is for project {log.project!r}, but the project has no id: add "
                f"`id: {log.project}` to the project to link the two"
                if project.id is None
                else f"the log is for project {log.project!r}, not {project.id!r}",
            )
        )
    problems.extend(_money_problems(log, project))
    known = _Known(cat, project)
    for i, e in enumerate(log.entries):
        problems.extend(_entry_problems(e, f"entries[{i}]", known))
    if project is not None:
        problems.extend(_plan_change_problems(log, project))
    return problems


def _plan_change_problems(log: InvolvementLog, project: Project) -> Iterator[Problem]:
    """A change that drops or re-moods a line the plan, as it stands then, does not have."""
    cells = {(line.stage, line.stakeholder) for line in project.plan}
    for i, e in enumerate(log.entries):
        cells |= {(a.stage, p.stakeholder) for a in e.activities for p in a.participants}
        for j, c in enumerate(e.changes):
            cell = (c.stage, c.stakeholder)
            if c.change.value == "add":
                cells.add(cell)
                continue
            if cell not in cells:
                yield (
                    f"entries[{i}].changes[{j}]",
                    "unknown-reference",
                    f"the plan, as it stands at this entry, has no line {c.stage} × "
                    f"{c.stakeholder} to {'drop' if c.change.value == 'drop' else 'change'}",
                )
            elif c.change.value == "drop":
                cells.discard(cell)
