"""Read and write projects, appraisals and catalogues as documents.

One converter, owned by the library (never cattrs' global one), turns documents into the
frozen model and back. It is strict: unknown keys are refused, nothing is coerced
(``"false"`` is not ``True``, ``1.9`` is not ``1``), enums are read by value. Every problem
in a document is reported at once, each with its path, in a :class:`DocumentError`.

Every document carries ``schema_version`` (now :data:`SCHEMA_VERSION`).

Example:
    >>> from coproduce.io import load_project, dump_project
    >>> p = load_project('{"schema_version": 1, "title": "A study"}')
    >>> p.title
    'A study'
    >>> load_project('{"schema_version": 1, "title": 3, "colour": "red"}')
    Traceback (most recent call last):
    ...
    coproduce.errors.DocumentError: project document has 2 problems:
      - $.title: got an integer (expected a string)
      - $.colour: unknown field 'colour' (expected one of the fields aims, ...)

"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, TypeVar

from coproduce.appraisal import Appraisal, plan_problems
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import DocumentError, Issue
from coproduce.io._converter import converter, issues_from
from coproduce.model import Project

__all__ = [
    "SCHEMA_VERSION",
    "DocumentError",
    "Issue",
    "dump_appraisal",
    "dump_catalogue",
    "dump_project",
    "load_appraisal",
    "load_catalogue",
    "load_project",
    "to_data",
]

SCHEMA_VERSION = 1
"""The document format version this release writes."""

Format = Literal["json"]
Source = Path | str | bytes | dict[str, Any]
_T = TypeVar("_T")


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed in a document")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _parse(source: Source, what: str) -> Any:
    if isinstance(source, dict):
        return source
    if isinstance(source, Path):
        path = source
        try:
            source = path.read_bytes()
        except OSError as exc:
            raise DocumentError(
                [Issue(path="$", code="unreadable", message=f"cannot read {path}: {exc}")],
                what=what,
            ) from None
    try:
        return json.loads(
            source, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(
            [Issue(path="$", code="syntax", message=f"not valid JSON: {exc}")], what=what
        ) from None


def _structure(data: Any, cls: type[_T], what: str) -> _T:
    if not isinstance(data, dict):
        raise DocumentError(
            [
                Issue(
                    path="$",
                    code="wrong-type",
                    message="the document is not an object",
                    expected="an object",
                )
            ],
            what=what,
        )
    body = dict(data)
    version = body.pop("schema_version", None)
    issues: list[Issue] = []
    if version is None:
        issues.append(
            Issue(
                path="$.schema_version",
                code="missing-field",
                message="required field is missing",
                expected=str(SCHEMA_VERSION),
            )
        )
    elif version != SCHEMA_VERSION or isinstance(version, bool):
        issues.append(
            Issue(
                path="$.schema_version",
                code="unsupported-version",
                message=f"unsupported schema version {version!r}",
                expected=str(SCHEMA_VERSION),
            )
        )
    try:
        value = converter.structure(body, cls)
    except Exception as exc:
        issues.extend(issues_from(exc))
        raise DocumentError(issues, what=what) from None
    if issues:
        raise DocumentError(issues, what=what)
    return value


def to_data(value: Project | Appraisal | Catalogue) -> dict[str, Any]:
    """The document form of a value, as plain JSON-safe Python data, with ``schema_version``."""
    data = converter.unstructure(value)
    return {"schema_version": SCHEMA_VERSION, **data}


def _dump(value: Project | Appraisal | Catalogue, format: Format) -> str:
    if format != "json":
        raise ValueError(f"unsupported format: {format!r} (expected 'json')")
    return json.dumps(to_data(value), ensure_ascii=False, indent=2) + "\n"


def load_project(source: Source, *, catalogue: Catalogue | None = None) -> Project:
    """Read a project from a JSON file (``Path``), text, bytes or a dict.

    References (stakeholders named by the plan, stages, Table 2 conditions, aims) are
    checked against the project and the catalogue (``None`` for the paper's).

    Raises:
        DocumentError: listing every problem with its path.

    """
    project = _structure(_parse(source, "project document"), Project, "project document")
    problems = plan_problems(project, catalogue if catalogue is not None else default_catalogue())
    if problems:
        raise DocumentError(
            [
                Issue(path=f"$.{path}", code=code, message=message)
                for path, code, message in problems
            ],
            what="project document",
        )
    return project


def dump_project(project: Project, format: Format = "json") -> str:
    """Write a project as document text."""
    return _dump(project, format)


def load_appraisal(source: Source) -> Appraisal:
    """Read an appraisal written by :func:`dump_appraisal`."""
    return _structure(_parse(source, "appraisal document"), Appraisal, "appraisal document")


def dump_appraisal(appraisal: Appraisal, format: Format = "json") -> str:
    """Write an appraisal as document text."""
    return _dump(appraisal, format)


def load_catalogue(source: Source) -> Catalogue:
    """Read a catalogue written by :func:`dump_catalogue` (not checked: see ``catalogue.check``)."""
    return _structure(_parse(source, "catalogue document"), Catalogue, "catalogue document")


def dump_catalogue(catalogue: Catalogue, format: Format = "json") -> str:
    """Write a catalogue as document text."""
    return _dump(catalogue, format)
