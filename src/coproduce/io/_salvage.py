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
import typing
from typing import Any

from coproduce.appraisal import plan_problems
from coproduce.catalogue import Catalogue
from coproduce.errors import Issue
from coproduce.io._converter import converter
from coproduce.model import Aim, ConditionSetting, Involvement, Project, Researcher, Stakeholder

__all__ = ["reference_issues"]

_MAX_ITEMS = 20_000
"""Beyond this many list items the salvage is skipped: the structural issues come alone."""

_LISTS: dict[str, tuple[type[Any], tuple[str, ...], dict[str, Any]]] = {
    "stakeholders": (Stakeholder, ("id",), {"kind": "other"}),
    "aims": (Aim, ("id",), {"description": ""}),
    "researchers": (Researcher, ("id",), {}),
    "plan": (Involvement, ("stage", "stakeholder", "aims"), {"mode": "advice"}),
    "conditions": (ConditionSetting, ("condition",), {"lean": "unknown"}),
}
"""Each list's record, the fields of a broken item that other items or the catalogue are
referred to by (kept, if they read), and placeholders for the rest of what it needs."""
_AT = re.compile(r"^([a-z_]+)\[(\d+)\]")


def _reads(value: Any, t: Any) -> bool:
    try:
        converter.structure(value, t)
    except Exception:
        return False
    return True


def _salvaged(item: Any, cls: type[Any], keys: tuple[str, ...], placeholder: dict[str, Any]) -> Any:
    """``item`` if it reads; else its reference fields that read, with placeholders; else None.

    A field is kept when its own value reads (so a list of aims that is not a list is left
    out, and the stage and stakeholder beside it still checked).
    """
    if _reads(item, cls):
        return item
    if not isinstance(item, dict):
        return None
    hints = typing.get_type_hints(cls)
    kept = {**placeholder, **{k: item[k] for k in keys if k in item and _reads(item[k], hints[k])}}
    return kept if _reads(kept, cls) else None


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
    for name, (cls, _, _) in _LISTS.items():
        raw = lists[name]
        if not isinstance(raw, list):
            continue
        kept: list[Any] = []
        places[name] = []
        for i, item in enumerate(raw):
            salvaged = _salvaged(item, cls, *_LISTS[name][1:])
            if salvaged is not None:
                kept.append(salvaged)
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
