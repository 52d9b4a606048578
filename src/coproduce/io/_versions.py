"""Document versions and the step-by-step migrations between them.

Every document carries ``schema_version``. A document of an older version is migrated one
version at a time by pure functions (``dict -> dict``, never mutating their input) until it
reaches :data:`SCHEMA_VERSION`. Golden documents of every released version live in
``tests/golden/`` and must keep loading.

Version history:

- **1** (0.1.0): the first format.
- **2** (0.2.0): interaction modes no longer include ``embedded``, which is an arrangement, not
  a depth: a version-1 involvement at ``embedded`` becomes ``collaboration`` with
  ``embedded: true`` (the project's reading of what an embedded researcher does day to day);
  ``user-controlled`` is the new deepest mode. New optional project fields (a ``commercial``
  stakeholder kind, ``expects_implementation_help``, ``ip_agreement``,
  ``implementation_support``, ``duration_weeks``, ``engagement_gendered``, an ``id`` that
  names the project's involvement log, a ``costing`` section). Involvement logs are a new
  kind of document, version 2 from the start. Appraisals carry
  advice per stakeholder, levers, the library version and policy digest; the Table 2 profile's
  ``confidence`` is renamed ``coverage``; exposure cells count risks by residual severity
  (``low``, ``medium``, ``high``) instead of a summed ``weight``, recomputed from the stored
  risks; risks name their ``drivers`` (empty when migrated).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from coproduce.errors import DocumentError, Issue

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate"]

SCHEMA_VERSION = 2
"""The document format version this release writes."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A pure function taking a document of version *n* to version *n + 1*."""

_EMBEDDED_DEPTH = "collaboration"


def _mode(value: Any) -> Any:
    return _EMBEDDED_DEPTH if value == "embedded" else value


def _project_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """``mode: embedded`` becomes ``collaboration`` with ``embedded: true``."""
    out = dict(doc)
    plan = doc.get("plan")
    if isinstance(plan, list):
        out["plan"] = [
            {**line, "mode": _EMBEDDED_DEPTH, "embedded": True}
            if isinstance(line, dict) and line.get("mode") == "embedded"
            else line
            for line in plan
        ]
    return out


_RANK = {"low": 1, "medium": 2, "high": 3}


def _appraisal_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Rename ``confidence``; recount exposure cells from the risks; no embedded mode."""
    out = dict(doc)
    emphasis = doc.get("emphasis")
    if isinstance(emphasis, dict):
        e = {k: v for k, v in emphasis.items() if k != "confidence"}
        if "confidence" in emphasis:
            e["coverage"] = emphasis["confidence"]
        e["advised_mode"] = _mode(emphasis.get("advised_mode"))
        out["emphasis"] = e
    risks = doc.get("risks")
    worst: dict[str, str] = {}
    if isinstance(risks, list):
        out["risks"] = [
            {**r, "mode": _mode(r.get("mode")), "drivers": r.get("drivers", [])}
            if isinstance(r, dict)
            else r
            for r in risks
        ]
        for r in risks:
            if isinstance(r, dict) and isinstance(r.get("residual"), str):
                code = str(r.get("code"))
                if _RANK.get(r["residual"], 0) > _RANK.get(worst.get(code, ""), 0):
                    worst[code] = r["residual"]
    cells = doc.get("exposure")
    if isinstance(cells, list):
        out["exposure"] = [_cell_1_to_2(c, worst) if isinstance(c, dict) else c for c in cells]
    return out


def _cell_1_to_2(cell: dict[str, Any], worst: Mapping[str, str]) -> dict[str, Any]:
    out = {k: v for k, v in cell.items() if k != "weight"}
    codes = cell.get("risks", [])
    levels = [worst.get(c) for c in codes] if isinstance(codes, list) else []
    for level in ("low", "medium", "high"):
        out[level] = levels.count(level)
    return out


def _catalogue_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """The ``embedded`` mode entry becomes an arrangement (``mode: null``)."""
    out = dict(doc)
    modes = doc.get("interaction_modes")
    if isinstance(modes, list):
        out["interaction_modes"] = [
            {**m, "mode": None} if isinstance(m, dict) and m.get("mode") == "embedded" else m
            for m in modes
        ]
    return out


MIGRATIONS: Mapping[str, Mapping[int, Migration]] = MappingProxyType(
    {
        "project": MappingProxyType({1: _project_1_to_2}),
        "appraisal": MappingProxyType({1: _appraisal_1_to_2}),
        "catalogue": MappingProxyType({1: _catalogue_1_to_2}),
    }
)
"""Per kind of document, the migration from each older version *n* (the key) to *n + 1*."""


def migrate(
    data: Mapping[str, Any],
    *,
    kind: str = "project",
    migrations: Mapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a document to version ``target``, one step at a time; drop ``schema_version``.

    Raises:
        DocumentError: the version is missing, not an integer, newer than ``target``, or has
            no migration path.

    """

    def fail(code: str, message: str) -> DocumentError:
        return DocumentError(
            [
                Issue(
                    path="$.schema_version",
                    code=code,
                    message=message,
                    expected=f"an integer from 1 to {target}",
                )
            ]
        )

    if "schema_version" not in data:
        raise fail("missing-field", "required field is missing")
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("wrong-type", f"got {version!r}")
    if version > target:
        raise fail(
            "unsupported-version",
            f"version {version} is newer than this release reads; upgrade coproduce",
        )
    if version < 1:
        raise fail("unsupported-version", f"there is no version {version}")
    body = {k: v for k, v in data.items() if k != "schema_version"}
    steps = migrations if migrations is not None else MIGRATIONS.get(kind, {})
    while version < target:
        step = steps.get(version)
        if step is None:
            raise fail("unsupported-version", f"no migration from version {version}")
        body = step(body)
        version += 1
    return body
