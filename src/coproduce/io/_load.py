"""Reading documents of every kind: text or data in, the frozen model out, or every problem.

A document is read by the fast path when it can take it whole (valid JSON throughout,
:mod:`coproduce.io._fast`), else parsed (:mod:`coproduce.io._formats`), checked for what no
format can hold (:mod:`coproduce.io._check`), migrated from older versions
(:mod:`coproduce.io._versions`) and structured by the converter, which reports every problem
with its path; then its references are checked (:mod:`coproduce.io._references`). Problems
get their line and column only when there are some (:mod:`coproduce.io._locate`).
"""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import attrs

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import MAX_ISSUES, DocumentError, Issue
from coproduce.io import _read
from coproduce.io._check import check_data
from coproduce.io._converter import budget, converter, issues_from
from coproduce.io._fast import fast_decode, fast_structure
from coproduce.io._formats import parse
from coproduce.io._kinds import DOCUMENT_KINDS, DocumentSource, Kind, loadable
from coproduce.io._read import Format, Limits, detect_format, read_file
from coproduce.io._references import add_reference_issues, check_any, suggest_references
from coproduce.io._versions import SCHEMA_VERSION, migrate
from coproduce.model import mark_typed

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal
    from coproduce.model import InvolvementLog, LogEntry, Project

__all__ = [
    "clean",
    "load",
    "load_appraisal",
    "load_catalogue",
    "load_entry",
    "load_project",
    "locate_issues",
    "read_data",
]

_T = TypeVar("_T")
_MODEL_DEPTH = 8  # the deepest a valid document without x- keys nests
_Text = tuple[str | bytes, Format, str | None]
"""A document's text, its format, and its file name if any (see :func:`_text`)."""


def _looks_like_path(text: str) -> bool:
    """Whether document text is more likely a file name someone meant to read."""
    if len(text) >= 1024 or "\n" in text or text.lstrip().startswith(("{", "[")):
        return False
    if text.strip().lower().endswith((".json", ".yaml", ".yml", ".toml")):
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # e.g. an embedded NUL
        return False


def _text(source: DocumentSource, format: Format | None, limits: Limits) -> _Text:
    """The text of a document that is not already parsed, its format, and its file name."""
    name = None
    if isinstance(source, os.PathLike):
        path = Path(source)
        name = str(path)
        fmt = detect_format(path, format)
        try:
            raw: str | bytes = read_file(path, limits)
        except DocumentError as exc:
            exc.source = name
            raise
    elif isinstance(source, (str, bytes)):
        fmt = detect_format(source, format)
        raw = source
    else:
        raise TypeError(
            f"cannot read a document from {type(source).__name__} (expected a path, "
            "document text or bytes, or a dict)"
        )
    return raw, fmt, name


def read_data(
    source: DocumentSource,
    format: Format | None,
    limits: Limits,
    facts: dict[str, bool] | None = None,
    text: _Text | None = None,
) -> tuple[Any, str | bytes | None, Format | None, str | None]:
    """The parsed data, the text it came from, its format, and the file name if any.

    ``facts`` receives what :func:`~coproduce.io._formats.parse` learnt about the text (see
    there); ``text`` is what :func:`_text` returned, if it was called already.
    """
    if isinstance(source, dict):
        return source, None, None, None
    raw, fmt, name = text if text is not None else _text(source, format, limits)
    try:
        return parse(raw, fmt, limits, facts=facts), raw, fmt, name
    except DocumentError as exc:
        exc.source = name
        raise


def _structure(data: Any, cls: type[_T], what: str, limits: Limits, *, checked: bool = False) -> _T:
    """The value of ``cls`` that parsed ``data`` holds, or every problem in it at once.

    ``checked``: the data is known to hold nothing :func:`check_data` would report.
    """
    fast_ok = limits.max_depth >= _MODEL_DEPTH
    if checked and fast_ok and (fast := fast_structure(data, cls)) is not None:  # type: ignore[arg-type]
        value: _T = fast
        return value
    try:
        early = check_data(data, limits)
    except DocumentError as exc:
        raise DocumentError(exc.issues, what=what) from None
    if not early and not checked and fast_ok and (fast := fast_structure(data, cls)) is not None:  # type: ignore[arg-type]
        return fast  # type: ignore[no-any-return]
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
    return _converted(data, cls, what, early)


def _converted(data: dict[str, Any], cls: type[_T], what: str, early: list[Issue]) -> _T:
    """Migrate ``data`` and structure it with the converter, reporting every problem.

    The ``early`` issues (keys, text, numbers) come first; structural ones at their paths
    or above them are their consequences and add nothing (a non-string key inside an ``x-``
    value also fails the value as a whole).
    """
    try:
        body = migrate(data, kind=what.split()[0])
    except DocumentError as exc:
        issues = [*early, *exc.issues]
        body = {k: v for k, v in data.items() if k != "schema_version"}
    else:
        issues = [*early]
    reported = [i.path for i in early]

    def consequence(path: str) -> bool:
        return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in reported)

    with budget(MAX_ISSUES) as state:
        try:
            value: _T = converter.structure(body, cls)
        except Exception as exc:
            found = (i for i in issues_from(exc) if not consequence(i.path))
            issues.extend(itertools.islice(found, MAX_ISSUES))
            raise DocumentError(
                issues,
                what=what,
                omitted=sum(1 for _ in found),
                truncated=bool(state[1]),
            ) from None
    if issues:
        raise DocumentError(issues, what=what)
    return value


def _limits_for(kind: Kind, limits: Limits | None) -> Limits:
    """The limits given, or the default ones for a kind of document (see its size scale)."""
    if limits is not None:
        return limits
    default, scale = _read.DEFAULT_LIMITS, DOCUMENT_KINDS[kind].size_scale
    return default if scale == 1 else attrs.evolve(default, max_bytes=default.max_bytes * scale)


def _fast_load(
    source: DocumentSource,
    format: Format | None,
    cls: type[Any],
    limits: Limits,
    catalogue: Catalogue | Literal[False] | None,
) -> tuple[_Text | None, Any]:
    """The document's text (see :func:`_text`), and its value if it is valid JSON throughout.

    The value is read in one pass (:func:`~coproduce.io._fast.fast_decode`) and its references
    checked against ``catalogue`` (``False``: not checked). Anything short of valid (too
    large, any problem) gives ``None``: the full reading explains it.
    """
    if isinstance(source, dict):
        return None, None
    read = _text(source, format, limits)
    raw, fmt, _ = read
    if fmt != "json" or limits.max_depth < _MODEL_DEPTH:
        return read, None
    text = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(text) > limits.max_bytes:
        return read, None
    value = fast_decode(text, cls)
    if value is not None:
        mark_typed(value)  # the reader typed it: the engine need not check it again
    if value is not None and catalogue is not False:
        try:
            check_any(value, catalogue, "")
        except DocumentError:
            return read, None
    return read, value


def clean(exc: DocumentError) -> DocumentError:
    """The error without traceback or context: it pickles, e.g. to another process.

    Its context would be the parser's or cattrs' exception, which some of them cannot be
    pickled (and tblib, installed by dask, pickles contexts too).
    """
    exc.__context__ = exc.__cause__ = None
    exc.__suppress_context__ = True
    return exc.with_traceback(None)


def _hint_path(exc: DocumentError, text: str) -> DocumentError:
    """Add to "not an object" the hint that a string is document text, not a file name."""
    issues = [
        attrs.evolve(
            i,
            message=f"{i.message}: {text!r} was read as document text; to read the file, "
            f"pass a path: load_project(pathlib.Path({text!r}))",
        )
        if i.path == "$" and i.code == "wrong-type"
        else i
        for i in exc.issues
    ]
    return DocumentError(issues, what=exc.what, omitted=exc.omitted, truncated=exc.truncated)


@overload
def load(
    source: DocumentSource,
    kind: Literal["project"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Project: ...
@overload
def load(
    source: DocumentSource,
    kind: Literal["appraisal"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Appraisal: ...
@overload
def load(
    source: DocumentSource,
    kind: Literal["log"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> InvolvementLog: ...
@overload
def load(
    source: DocumentSource,
    kind: Literal["catalogue"],
    *,
    format: Format | None = ...,
    limits: Limits | None = ...,
    catalogue: Catalogue | None = ...,
    references: bool = ...,
) -> Catalogue: ...
def load(
    source: DocumentSource,
    kind: Kind,
    *,
    format: Format | None = None,
    limits: Limits | None = None,
    catalogue: Catalogue | None = None,
    references: bool = True,
) -> Project | Appraisal | Catalogue | InvolvementLog:
    """Read a document of any kind. See :func:`load_project` for the arguments."""
    if kind not in loadable():
        *names, last = loadable()
        raise ValueError(f"unknown document kind: {kind!r} (expected {', '.join(names)} or {last})")
    what = DOCUMENT_KINDS[kind].what
    cls = DOCUMENT_KINDS[kind].record_type()
    limits = _limits_for(kind, limits)
    facts: dict[str, bool] = {}
    try:
        read, fast = _fast_load(source, format, cls, limits, catalogue if references else False)
        if fast is not None:
            return fast  # type: ignore[no-any-return]
        data, text, fmt, name = read_data(source, format, limits, facts, read)
    except DocumentError as exc:
        exc.what = what
        raise clean(exc) from None
    try:
        try:
            value: Project | Appraisal | Catalogue | InvolvementLog = _structure(
                data, cls, what, limits, checked=facts.get("plain", False)
            )
            mark_typed(value)
        except DocumentError as exc:
            if kind == "project" and references and not (exc.truncated or exc.omitted):
                add_reference_issues(exc, data, catalogue)
            raise
        if references:
            check_any(value, catalogue, what)
    except DocumentError as exc:
        if kind == "project" and references:
            cat = catalogue if catalogue is not None else default_catalogue()
            exc.issues = suggest_references(exc.issues, data, cat)
        if isinstance(source, str) and _looks_like_path(source):
            exc = _hint_path(exc, source)
        exc.source = name
        if text is not None:
            exc.issues = _located(exc.issues, text, fmt)
        raise clean(exc) from None
    return value


def load_project(
    source: DocumentSource,
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
    source: DocumentSource, *, format: Format | None = None, limits: Limits | None = None
) -> Appraisal:
    """Read an appraisal written by :func:`dump_appraisal`.

    By default an appraisal may be :data:`APPRAISAL_SCALE` times the size limit of a
    project (128 MiB), so that the appraisal of any project that loads, loads too.
    """
    return load(source, "appraisal", format=format, limits=limits)


def locate_issues(
    issues: tuple[Issue, ...], source: DocumentSource, format: Format | None = None
) -> tuple[Issue, ...]:
    r"""Add ``line`` and ``column`` to problems found after reading the document ``source``.

    For checks made on the model once a document is read (a command's own rules, say):
    each issue whose path the document has gets the place its value starts. A file is read
    again only if it is a regular file, and within the limits: a pipe gave its document
    once, and reading it again would wait for a writer that never comes. Where no place
    can be found the issues are returned as they are.

    Example:
        >>> from coproduce.io import Issue, locate_issues
        >>> found = Issue(path="$.aims[0].id", code="mine", message="not a good id")
        >>> [i.location for i in locate_issues((found,), "aims:\n- id: x\n")]
        ['2:7']

    """
    text: str | bytes
    if isinstance(source, os.PathLike):
        try:
            if not stat.S_ISREG(os.stat(source).st_mode):
                return issues
            text = read_file(source, _read.DEFAULT_LIMITS).decode("utf-8")
        except (OSError, UnicodeDecodeError, DocumentError):
            return issues
        where: Path | str | bytes = Path(source)
    elif isinstance(source, str | bytes):
        text = where = source
    else:
        return issues
    return _located(issues, text, detect_format(where, format))


def _located(issues: tuple[Issue, ...], text: str | bytes, fmt: Format | None) -> tuple[Issue, ...]:
    """The issues with the lines and columns where ``text`` has them, in line order.

    Issues without a place (about the whole document) come first; the others as they appear
    in the text, so that a list of problems reads from the top of the file down (error
    path only).
    """
    from coproduce.io._locate import locate

    found = locate(issues, text, fmt)
    return tuple(sorted(found, key=lambda i: (i.line or 0, i.column or 0)))


def load_entry(
    source: DocumentSource, *, format: Format | None = None, limits: Limits | None = None
) -> LogEntry:
    """Read one log entry (a mapping with ``date`` and the entry's lists; no version).

    Raises:
        DocumentError: listing every problem, each with its path.

    """
    from coproduce.model import LogEntry

    lim = limits if limits is not None else _read.DEFAULT_LIMITS
    what = DOCUMENT_KINDS["entry"].what
    text: str | bytes | None = None
    try:
        data, text, fmt, _ = read_data(source, format, lim)
        if isinstance(data, dict):
            data = {"schema_version": SCHEMA_VERSION, **data}
        return _structure(data, LogEntry, what, lim)
    except DocumentError as exc:
        exc.what = what
        if isinstance(source, os.PathLike):
            exc.source = str(source)
        if text is not None:
            exc.issues = _located(exc.issues, text, fmt)
        raise clean(exc) from None


def load_catalogue(
    source: DocumentSource, *, format: Format | None = None, limits: Limits | None = None
) -> Catalogue:
    """Read a catalogue document; check it with :func:`coproduce.catalogue.check`."""
    return load(source, "catalogue", format=format, limits=limits)
