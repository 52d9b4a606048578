"""The reference rules a document's structure cannot express, checked once it is read.

A project's plan must name stakeholders, aims, stages and conditions that exist, its costing
planned lines and known researchers, its practice facts known risks; a log's entries the
catalogue's stages and risk codes. The rules live with the packages that own them
(:func:`coproduce.appraisal.plan_problems`, :func:`coproduce.costing.costing_problems`,
:func:`coproduce.practice.practice_problems`, :func:`coproduce.tracking.log_problems`);
here they are run and their problems raised as the document's, every one at once.
"""

from __future__ import annotations

from typing import Any

import attrs

from coproduce.appraisal import plan_problems
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing import costing_problems
from coproduce.errors import MAX_ISSUES, DocumentError, Issue, did_you_mean
from coproduce.model import Project
from coproduce.practice import practice_problems

__all__ = ["add_reference_issues", "check_any", "raise_problems", "suggest_references"]


def suggest_references(
    issues: tuple[Issue, ...], data: Any, catalogue: Catalogue
) -> tuple[Issue, ...]:
    """Add "did you mean" to unknown references (a misspelt stage, condition or id)."""
    if not isinstance(data, dict) or not any(i.code == "unknown-reference" for i in issues):
        return issues

    def ids(name: str) -> list[str]:
        items = data.get(name)
        if not isinstance(items, list):
            return []
        return [x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)]

    candidates: dict[str, list[str]] = {
        "stage": [e.id for e in catalogue.stages],
        "condition": [e.id for e in catalogue.conditions],
        "stakeholder": ids("stakeholders"),
        "aims": ids("aims"),
    }
    from coproduce.io._locate import path_keys

    out = []
    for issue in issues:
        keys = path_keys(issue.path) if issue.code == "unknown-reference" else None
        if keys:
            value: Any = data
            for key in keys:
                try:
                    value = value[key]
                except (KeyError, IndexError, TypeError):
                    value = None
                    break
            field = keys[-2] if isinstance(keys[-1], int) and len(keys) > 1 else keys[-1]
            hint = did_you_mean(value, candidates.get(str(field), []))
            if hint:
                issue = attrs.evolve(issue, message=f"{issue.message}; {hint}")
        out.append(issue)
    return tuple(out)


def add_reference_issues(exc: DocumentError, data: Any, catalogue: Catalogue | None) -> None:
    """Report the reference problems beside the structural ones: every problem at once."""
    from coproduce.io._salvage import reference_issues

    cat = catalogue if catalogue is not None else default_catalogue()
    extra = (
        reference_issues({k: v for k, v in data.items() if k != "schema_version"}, cat)
        if isinstance(data, dict)
        else []
    )
    seen = {(i.path, i.code) for i in exc.issues}
    issues = exc.issues + tuple(i for i in extra if (i.path, i.code) not in seen)
    exc.issues, exc.omitted = issues[:MAX_ISSUES], len(issues[MAX_ISSUES:])


def raise_problems(problems: list[tuple[str, str, str]], what: str) -> None:
    """Raise ``problems`` (path below ``$``, code, message) as the document's, if any."""
    if problems:
        raise DocumentError(
            [Issue(path=f"$.{at}", code=code, message=text) for at, code, text in problems],
            what=what,
        )


def check_any(value: object, catalogue: Catalogue | None, what: str) -> None:
    """Raise the reference problems of a project or a log (anything else has none here)."""
    if isinstance(value, Project):
        _check_references(value, catalogue, what)
        return
    from coproduce.model import InvolvementLog
    from coproduce.tracking import log_problems

    if isinstance(value, InvolvementLog):
        raise_problems(log_problems(value, catalogue=catalogue), what)


def _check_references(value: Project, catalogue: Catalogue | None, what: str) -> None:
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = plan_problems(value, cat)
    if value.mitigation_records:  # the practice facts' only references
        problems = [*problems, *practice_problems(value, cat)]
    if value.costing is not None:
        problems = [*problems, *costing_problems(value, catalogue=cat, roles=False)]
    raise_problems(problems, what)
