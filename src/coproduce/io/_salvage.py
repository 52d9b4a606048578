"""Reference problems of a project that also has structural problems, so all come at once.

The reference rules (:func:`coproduce.appraisal.plan_problems`) need a model object, which a
structurally broken document cannot give. So each item of the project's lists is read on its
own: items that read are kept; a broken stakeholder, aim or researcher that still has a
string ``id`` is replaced by a placeholder with that id (so that references to it are not
reported as unknown); other broken items are left out, and their references unchecked.
Paths are mapped back to the items' places in the document.
"""

from __future__ import annotations

import re
from typing import Any

from coproduce.appraisal import plan_problems
from coproduce.catalogue import Catalogue
from coproduce.errors import Issue
from coproduce.io._converter import converter
from coproduce.model import Aim, ConditionSetting, Involvement, Project, Researcher, Stakeholder

__all__ = ["reference_issues"]

_MAX_ITEMS = 20_000
"""Beyond this many list items the salvage is skipped: the structural issues come alone."""

_LISTS: dict[str, tuple[type[Any], dict[str, Any] | None]] = {
    "stakeholders": (Stakeholder, {"kind": "other"}),
    "aims": (Aim, {"description": ""}),
    "researchers": (Researcher, {}),
    "plan": (Involvement, None),
    "conditions": (ConditionSetting, None),
}
_AT = re.compile(r"^([a-z_]+)\[(\d+)\]")


def reference_issues(body: Any, catalogue: Catalogue) -> list[Issue]:
    """The reference issues of a project document's body (no ``schema_version``), best effort.

    Example:
        >>> from coproduce.catalogue import default
        >>> body = {"title": 3, "stakeholders": [{"id": "a", "kind": "nobody"}],
        ...         "plan": [{"stage": "stage.nowhere", "stakeholder": "b", "mode": "advice"}]}
        >>> [i.path for i in reference_issues(body, default())]
        ['$.plan[0].stakeholder', '$.plan[0].stage']

    """
    if not isinstance(body, dict):
        return []
    lists = {name: body.get(name) for name in _LISTS}
    if sum(len(v) for v in lists.values() if isinstance(v, list)) > _MAX_ITEMS:
        return []
    fields: dict[str, Any] = {"title": "salvaged"}
    places: dict[str, list[int]] = {}
    for name, (cls, placeholder) in _LISTS.items():
        raw = lists[name]
        if not isinstance(raw, list):
            continue
        kept: list[Any] = []
        places[name] = []
        for i, item in enumerate(raw):
            try:
                converter.structure(item, cls)
            except Exception:
                if placeholder is None or not isinstance(item, dict):
                    continue
                if not isinstance(item.get("id"), str):
                    continue
                item = {"id": item["id"], **placeholder}
            kept.append(item)
            places[name].append(i)
        fields[name] = kept
    try:
        project = converter.structure(fields, Project)
    except Exception:  # a salvage is best effort; the structural issues stand alone
        return []

    def place(at: str) -> str:
        m = _AT.match(at)
        if m is None or m.group(1) not in places:
            return f"$.{at}"
        return f"$.{m.group(1)}[{places[m.group(1)][int(m.group(2))]}]{at[m.end() :]}"

    return [
        Issue(path=place(at), code=code, message=text)
        for at, code, text in plan_problems(project, catalogue)
    ]
