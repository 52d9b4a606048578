r"""Read and write projects, appraisals and catalogues as JSON, YAML or TOML documents.

One converter, owned by the library (never cattrs' global one), turns documents into the
frozen model and back. It is strict:

- keys are the attribute names; unknown keys are refused, except keys starting with ``x-``,
  which other tools may add anywhere and which are kept (``.extensions``) and written back;
- nothing is coerced: ``"false"`` is not ``True``, ``1.9`` is not ``1``, ``null`` is not
  ``"None"``; enums are read by value;
- YAML is read by a safe loader with YAML 1.2-like scalars: ``no`` stays ``"no"``, ``0123``
  stays ``"0123"``, dates stay strings; anchors and aliases are refused;
- documents above :class:`Limits` (size, nesting depth) are refused before they can exhaust
  memory or the stack.

Every problem in a document is reported at once, each with its path, in one
:class:`~coproduce.errors.DocumentError`. Every document carries ``schema_version``; older
versions are migrated step by step (:mod:`coproduce.io._versions`).

Example:
    >>> from coproduce.io import load_project, dump_project
    >>> p = load_project("schema_version: 1\ntitle: A study", format="yaml")
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

import contextlib
import os
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar, overload

from coproduce.appraisal import Appraisal, plan_problems
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing import costing_problems
from coproduce.errors import DocumentError, Issue
from coproduce.io._converter import converter, issues_from
from coproduce.io._fast import fast_structure
from coproduce.io._formats import FORMATS, Format, Limits, check_depth, detect, parse, serialise
from coproduce.io._versions import SCHEMA_VERSION, migrate
from coproduce.model import Project

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "DocumentError",
    "Format",
    "Issue",
    "Kind",
    "Limits",
    "Source",
    "dump",
    "dump_appraisal",
    "dump_catalogue",
    "dump_project",
    "example_path",
    "examples",
    "load",
    "load_appraisal",
    "load_catalogue",
    "load_example",
    "load_project",
    "open_atomic",
    "to_data",
    "write",
    "write_text",
]

Kind = Literal["project", "appraisal", "catalogue"]
"""The kinds of document."""
Source = Path | str | bytes | dict[str, Any]
"""Where a document comes from: a file, document text or bytes, or already-parsed data."""

_CLASSES: dict[str, type[Any]] = {
    "project": Project,
    "appraisal": Appraisal,
    "catalogue": Catalogue,
}
_T = TypeVar("_T")


def _read(source: Source, format: Format | None, limits: Limits, what: str) -> Any:
    try:
        if isinstance(source, dict):
            return source
        fmt = detect(source, format)
        if isinstance(source, Path):
            try:
                size = source.stat().st_size
                if size > limits.max_bytes:
                    raise DocumentError(
                        [
                            Issue(
                                path="$",
                                code="too-large",
                                message=f"the document is {size} bytes",
                                expected=f"at most {limits.max_bytes}",
                            )
                        ]
                    )
                text: str | bytes = source.read_bytes()
            except OSError as exc:
                unreadable = Issue(
                    path="$", code="unreadable", message=f"cannot read {source}: {exc.strerror}"
                )
                raise DocumentError([unreadable]) from None
        else:
            text = source
        return parse(text, fmt, limits)
    except DocumentError as exc:
        raise DocumentError(exc.issues, what=what) from None


_DEFAULT_LIMITS = Limits()
_MODEL_DEPTH = 8  # the deepest a valid document without x- keys nests


def _structure(data: Any, cls: type[_T], what: str, limits: Limits = _DEFAULT_LIMITS) -> _T:
    if limits.max_depth >= _MODEL_DEPTH:
        fast = fast_structure(data, cls)  # type: ignore[arg-type]
        if fast is not None:
            value: _T = fast
            return value
    try:
        check_depth(data, limits)
    except DocumentError as exc:
        raise DocumentError(exc.issues, what=what) from None
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
    try:
        body = migrate(data)
    except DocumentError as exc:
        issues = list(exc.issues)
        body = {k: v for k, v in data.items() if k != "schema_version"}
    else:
        issues = []
    try:
        value = converter.structure(body, cls)
    except Exception as exc:
        issues.extend(issues_from(exc))
        raise DocumentError(issues, what=what) from None
    if issues:
        raise DocumentError(issues, what=what)
    return value


@overload
def load(
    source: Source,
    kind: Literal["project"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Project: ...
@overload
def load(
    source: Source,
    kind: Literal["appraisal"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Appraisal: ...
@overload
def load(
    source: Source,
    kind: Literal["catalogue"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Catalogue: ...
def load(
    source: Source,
    kind: Kind,
    *,
    format: Format | None = None,
    limits: Limits | None = None,
    catalogue: Catalogue | None = None,
    references: bool = True,
) -> Project | Appraisal | Catalogue:
    """Read a document of any kind. See :func:`load_project` for the arguments."""
    if kind not in _CLASSES:
        raise ValueError(
            f"unknown document kind: {kind!r} (expected project, appraisal or catalogue)"
        )
    what = f"{kind} document"
    limits = limits or _DEFAULT_LIMITS
    data = _read(source, format, limits, what)
    value: Project | Appraisal | Catalogue = _structure(data, _CLASSES[kind], what, limits)
    if isinstance(value, Project) and references:
        cat = catalogue if catalogue is not None else default_catalogue()
        problems = plan_problems(value, cat)
        if value.costing is not None:
            problems += costing_problems(value, catalogue=cat, roles=False)
        if problems:
            raise DocumentError(
                [Issue(path=f"$.{at}", code=code, message=text) for at, code, text in problems],
                what=what,
            )
    return value


def load_project(
    source: Source,
    *,
    format: Format | None = None,
    limits: Limits | None = None,
    catalogue: Catalogue | None = None,
    references: bool = True,
) -> Project:
    """Read a project document.

    Args:
        source: a ``pathlib.Path`` (format from the suffix: ``.json``, ``.yaml``/``.yml``,
            ``.toml``), document text or bytes (JSON unless ``format`` says otherwise or the
            text is recognisably YAML or TOML), or an already-parsed ``dict``.
        format: ``"json"``, ``"yaml"`` or ``"toml"``, to override detection.
        limits: size and nesting limits (default :class:`Limits()`).
        catalogue: the catalogue whose stages and Table 2 conditions the project may name
            (``None`` for the paper's).
        references: also check that every stakeholder, aim, stage and condition the project
            names exists and that no id repeats (the rules JSON Schema cannot express), and
            that the costing refers to planned lines and known researchers in one currency.

    Raises:
        DocumentError: listing every problem, each with its path.

    """
    return load(
        source, "project", format=format, limits=limits, catalogue=catalogue, references=references
    )


def load_appraisal(
    source: Source, *, format: Format | None = None, limits: Limits | None = None
) -> Appraisal:
    """Read an appraisal written by :func:`dump_appraisal`."""
    return load(source, "appraisal", format=format, limits=limits)


def load_catalogue(
    source: Source, *, format: Format | None = None, limits: Limits | None = None
) -> Catalogue:
    """Read a catalogue document; check it with :func:`coproduce.catalogue.check`."""
    return load(source, "catalogue", format=format, limits=limits)


def to_data(value: Project | Appraisal | Catalogue) -> dict[str, Any]:
    """The document form of a value as plain JSON-safe data, ``schema_version`` first."""
    return {"schema_version": SCHEMA_VERSION, **converter.unstructure(value)}


def dump(value: Project | Appraisal | Catalogue, format: Format = "json") -> str:
    """Document text for a project, appraisal or catalogue. Deterministic.

    Raises:
        ValueError: unknown format, or (TOML) an ``x-`` value holds a null, which TOML
            cannot represent.

    """
    return serialise(to_data(value), format)


def dump_project(project: Project, format: Format = "json") -> str:
    """Document text for a project."""
    return dump(project, format)


def dump_appraisal(appraisal: Appraisal, format: Format = "json") -> str:
    """Document text for an appraisal."""
    return dump(appraisal, format)


def dump_catalogue(catalogue: Catalogue, format: Format = "json") -> str:
    """Document text for a catalogue."""
    return dump(catalogue, format)


def write(
    value: Project | Appraisal | Catalogue,
    path: Path,
    format: Format | None = None,
) -> None:
    """Write a document to ``path`` atomically: a failure leaves no partial file.

    The text goes to a temporary file in the same folder, which then replaces ``path``.
    ``format`` defaults to the path's suffix.
    """
    write_text(path, dump(value, detect(path, format)))


def _file_mode(path: Path) -> int:
    """The mode a new file would get (honouring the umask), or the existing file's mode."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text(path: Path, text: str) -> None:
    """Write text to ``path`` atomically (a temporary file in the same folder, then a rename).

    Either the whole text is in ``path`` afterwards, or ``path`` is as it was.
    """
    with open_atomic(path) as f:
        f.write(text)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """Open ``path`` for writing text atomically, for output written in pieces.

    The file appears, whole, only if the block ends without an exception; otherwise ``path``
    is left as it was and nothing else remains. Used for the JSON Lines of a batch.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def examples() -> tuple[str, ...]:
    """The names of the example projects bundled with the package, sorted.

    Example:
        >>> from coproduce.io import examples
        >>> "contested-policy" in examples()
        True

    """
    folder = resources.files("coproduce") / "examples"
    return tuple(
        sorted(
            entry.name.rsplit(".", 1)[0]
            for entry in folder.iterdir()
            if entry.name.endswith((".json", ".yaml", ".yml", ".toml"))
        )
    )


def example_path(name: str) -> Path:
    """The file of a bundled example project.

    Raises:
        LookupError: no example has this name (the message lists those that do).

    """
    folder = resources.files("coproduce") / "examples"
    for entry in folder.iterdir():
        if entry.name.rsplit(".", 1)[0] == name:
            return Path(str(entry))
    raise LookupError(f"no bundled example {name!r}; choose one of: {', '.join(examples())}")


def load_example(name: str = "contested-policy") -> Project:
    """Load a bundled example project by name (see :func:`examples`)."""
    return load_project(example_path(name))
