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
    >>> p = load_project("schema_version: 2\ntitle: A study", format="yaml")
    >>> p.title
    'A study'
    >>> load_project('{"schema_version": 2, "title": 3, "colour": "red"}')
    Traceback (most recent call last):
    ...
    coproduce.errors.DocumentError: project document has 2 problems:
      - $.title: got an integer (expected a string) (line 1, column 32)
      - $.colour: unknown field 'colour' (expected one of the fields aims, ...) (line 1, column 35)

"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO, TypeVar, overload

import attrs

from coproduce.appraisal._plan import plan_problems
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.costing import costing_problems
from coproduce.errors import MAX_ISSUES, DocumentError, Issue, did_you_mean
from coproduce.io._check import check_data
from coproduce.io._converter import budget, converter, issues_from
from coproduce.io._fast import fast_decode, fast_structure
from coproduce.io._fast_write import fast_encode
from coproduce.io._formats import LOG_SUFFIXES, parse, serialise
from coproduce.io._locate import locate, path_keys
from coproduce.io._ratecard import load_rate_card
from coproduce.io._read import (
    FORMATS,
    Format,
    Limits,
    detect_format,
    read_file,
    read_stream,
    unreadable,
)
from coproduce.io._salvage import reference_issues
from coproduce.io._suffix import SUFFIXES, output_format
from coproduce.io._versions import SCHEMA_VERSION, migrate
from coproduce.model import Project
from coproduce.model._types import mark_typed
from coproduce.practice import practice_problems

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal
    from coproduce.model import InvolvementLog, LogEntry

__all__ = [
    "APPRAISAL_SCALE",
    "FORMATS",
    "LOG_SUFFIXES",
    "SCHEMA_VERSION",
    "SUFFIXES",
    "DocumentError",
    "DocumentSource",
    "Format",
    "Issue",
    "Kind",
    "Limits",
    "append_to_log",
    "dump",
    "dump_appraisal",
    "dump_catalogue",
    "dump_log",
    "dump_project",
    "example_log_path",
    "example_path",
    "examples",
    "load",
    "load_appraisal",
    "load_catalogue",
    "load_entry",
    "load_example",
    "load_example_log",
    "load_log",
    "load_project",
    "load_rate_card",
    "new_log_text",
    "open_atomic",
    "output_format",
    "read_stream",
    "to_data",
    "write",
    "write_text",
]

Kind = Literal["project", "appraisal", "catalogue", "log"]
"""The kinds of document."""
DocumentSource = os.PathLike[str] | str | bytes | dict[str, Any]
"""Where a document comes from: a file (any path-like, e.g. ``pathlib.Path``), document text
or bytes, or already-parsed data. A plain ``str`` is document text, never a file name."""

_CLASSES = {
    "project": "coproduce.model._project:Project",
    "appraisal": "coproduce.appraisal._results:Appraisal",
    "catalogue": "coproduce.catalogue._catalogue:Catalogue",
    "log": "coproduce.model._log:InvolvementLog",
}
"""Each kind's class, named: reading a project never loads the engine or the log records."""
_DOCUMENTS = frozenset(name.replace(":", ".") for name in _CLASSES.values())


def _name(value: object) -> str:
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _class(kind: str) -> type[Any]:
    module, _, name = _CLASSES[kind].partition(":")
    cls: type[Any] = getattr(importlib.import_module(module), name)
    return cls


_T = TypeVar("_T")


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


def _text(
    source: DocumentSource, format: Format | None, limits: Limits
) -> tuple[str | bytes, Format, str | None]:
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


def _read(
    source: DocumentSource,
    format: Format | None,
    limits: Limits,
    facts: dict[str, bool] | None = None,
    text: tuple[str | bytes, Format, str | None] | None = None,
) -> tuple[Any, str | bytes | None, Format | None, str | None]:
    """The parsed data, the text it came from, its format, and the file name if any.

    ``facts`` receives what :func:`parse` learnt about the text (see there); ``text`` is
    what :func:`_text` returned, if it was called already.
    """
    if isinstance(source, dict):
        return source, None, None, None
    raw, fmt, name = text if text is not None else _text(source, format, limits)
    try:
        return parse(raw, fmt, limits, facts=facts), raw, fmt, name
    except DocumentError as exc:
        exc.source = name
        raise


_DEFAULT_LIMITS = Limits()
APPRAISAL_SCALE = 8
"""How many times larger than a project's size limit an appraisal may be, by default.

An appraisal repeats, per stage and challenge, who is involved and why, so it is several
times the size of its project (about 6.5 times for the largest projects); an appraisal of
any project the default limits accept must load under the default limits too.
"""
_MODEL_DEPTH = 8  # the deepest a valid document without x- keys nests


def _structure(
    data: Any,
    cls: type[_T],
    what: str,
    limits: Limits = _DEFAULT_LIMITS,
    *,
    checked: bool = False,
) -> _T:
    if checked and limits.max_depth >= _MODEL_DEPTH:
        fast = fast_structure(data, cls)  # type: ignore[arg-type]
        if fast is not None:
            value: _T = fast
            return value
    try:
        early = check_data(data, limits)
    except DocumentError as exc:
        raise DocumentError(exc.issues, what=what) from None
    if not early and not checked and limits.max_depth >= _MODEL_DEPTH:
        fast = fast_structure(data, cls)  # type: ignore[arg-type]
        if fast is not None:
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
    try:
        body = migrate(data, kind=what.split()[0])
    except DocumentError as exc:
        issues = list(exc.issues)
        body = {k: v for k, v in data.items() if k != "schema_version"}
    else:
        issues = []
    # the early issues (keys, text, numbers) come first; structural ones at their paths or
    # above them are their consequences and add nothing (a non-string key inside an x- value
    # also fails the value as a whole)
    issues = [*early, *issues]
    reported = [i.path for i in early]

    def consequence(path: str) -> bool:
        return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in reported)

    with budget(MAX_ISSUES) as state:
        try:
            value = converter.structure(body, cls)
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
    """The limits given, or the default ones for a kind of document."""
    if limits is not None:
        return limits
    if kind == "appraisal":
        return attrs.evolve(_DEFAULT_LIMITS, max_bytes=_DEFAULT_LIMITS.max_bytes * APPRAISAL_SCALE)
    return _DEFAULT_LIMITS


def _fast_load(
    source: DocumentSource,
    format: Format | None,
    cls: type[Any],
    limits: Limits,
    catalogue: Catalogue | Literal[False] | None,
) -> tuple[tuple[str | bytes, Format, str | None] | None, Any]:
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
            _check_any(value, catalogue, "")
        except DocumentError:
            return read, None
    return read, value


def _clean(exc: DocumentError) -> DocumentError:
    """The error without traceback or context: it pickles, e.g. to another process.

    Its context would be the parser's or cattrs' exception, which some of them cannot be
    pickled (and tblib, installed by dask, pickles contexts too).
    """
    exc.__context__ = exc.__cause__ = None
    exc.__suppress_context__ = True
    return exc.with_traceback(None)


def _suggest_references(
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


def _add_reference_issues(exc: DocumentError, data: Any, catalogue: Catalogue | None) -> None:
    """Report the reference problems beside the structural ones: every problem at once."""
    cat = catalogue if catalogue is not None else default_catalogue()
    extra = (
        reference_issues({k: v for k, v in data.items() if k != "schema_version"}, cat)
        if isinstance(data, dict)
        else []
    )
    seen = {(i.path, i.code) for i in exc.issues}
    issues = exc.issues + tuple(i for i in extra if (i.path, i.code) not in seen)
    exc.issues, exc.omitted = issues[:MAX_ISSUES], len(issues[MAX_ISSUES:])


def _raise_problems(problems: list[tuple[str, str, str]], what: str) -> None:
    if problems:
        raise DocumentError(
            [Issue(path=f"$.{at}", code=code, message=text) for at, code, text in problems],
            what=what,
        )


def _check_any(value: object, catalogue: Catalogue | None, what: str) -> None:
    if isinstance(value, Project):
        _check_references(value, catalogue, what)
        return
    from coproduce.model._log import InvolvementLog
    from coproduce.tracking._check import log_problems

    if isinstance(value, InvolvementLog):
        _raise_problems(log_problems(value, catalogue=catalogue), what)


def _check_references(value: Project, catalogue: Catalogue | None, what: str) -> None:
    cat = catalogue if catalogue is not None else default_catalogue()
    problems = plan_problems(value, cat)
    if value.mitigation_records:  # the practice facts' only references
        problems = [*problems, *practice_problems(value, cat)]
    if value.costing is not None:
        problems = [*problems, *costing_problems(value, catalogue=cat, roles=False)]
    if problems:
        raise DocumentError(
            [Issue(path=f"$.{at}", code=code, message=text) for at, code, text in problems],
            what=what,
        )


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
    if kind not in _CLASSES:
        raise ValueError(
            f"unknown document kind: {kind!r} (expected project, appraisal, catalogue or log)"
        )
    what = f"{kind} document"
    limits = _limits_for(kind, limits)
    facts: dict[str, bool] = {}
    try:
        read, fast = _fast_load(
            source, format, _class(kind), limits, catalogue if references else False
        )
        if fast is not None:
            return fast  # type: ignore[no-any-return]
        data, text, fmt, name = _read(source, format, limits, facts, read)
    except DocumentError as exc:
        exc.what = what
        raise _clean(exc) from None
    try:
        try:
            value: Project | Appraisal | Catalogue | InvolvementLog = _structure(
                data, _class(kind), what, limits, checked=facts.get("plain", False)
            )
            mark_typed(value)
        except DocumentError as exc:
            if kind == "project" and references and not (exc.truncated or exc.omitted):
                _add_reference_issues(exc, data, catalogue)
            raise
        if references:
            _check_any(value, catalogue, what)
    except DocumentError as exc:
        if kind == "project" and references:
            cat = catalogue if catalogue is not None else default_catalogue()
            exc.issues = _suggest_references(exc.issues, data, cat)
        if isinstance(source, str) and _looks_like_path(source):
            exc = _hint_path(exc, source)
        exc.source = name
        if text is not None:
            exc.issues = locate(exc.issues, text, fmt)
        raise _clean(exc) from None
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


def load_log(
    source: DocumentSource,
    *,
    project: Project | None = None,
    format: Format | None = None,
    limits: Limits | None = None,
    catalogue: Catalogue | None = None,
    references: bool = True,
) -> InvolvementLog:
    r"""Read an involvement log (version 2: a log has no older version).

    Arguments as for :func:`load_project`. References: every stage and risk code must be
    the catalogue's; with ``project``, every stakeholder, researcher and aim must be the
    project's, and the log must name the project's id (see
    :func:`coproduce.tracking.log_problems`).

    Raises:
        DocumentError: listing every problem, each with its path.

    Example:
        >>> log = load_log(
        ...     "schema_version: 2\nproject: p\nentries:\n- date: 2026-02-30\n", format="yaml")
        Traceback (most recent call last):
        ...
        coproduce.errors.DocumentError: log document has 1 problem:
          - $.entries[0].date: date '2026-02-30' is not a day of the calendar (line 4, column 9)

    """
    from coproduce.tracking._check import log_problems

    both = project is not None and references
    log = load(
        source, "log", format=format, limits=limits, catalogue=catalogue, references=not both
    )
    if both:
        try:
            _raise_problems(log_problems(log, project, catalogue=catalogue), "log document")
        except DocumentError as exc:
            if isinstance(source, os.PathLike):
                exc.source = str(source)
            exc.issues = _locate_again(exc.issues, source, format)
            raise _clean(exc) from None
    return log


def _locate_again(
    issues: tuple[Issue, ...], source: DocumentSource, format: Format | None
) -> tuple[Issue, ...]:
    """Add ``line:column`` to problems found after reading (only on the error path).

    A file is read again only if it is a regular file, and within the limits: a pipe gave
    its document once, and reading it again would wait for a writer that never comes.
    """
    text: str | bytes
    if isinstance(source, os.PathLike):
        try:
            if not stat.S_ISREG(os.stat(source).st_mode):
                return issues
            text = read_file(source, _DEFAULT_LIMITS).decode("utf-8")
        except (OSError, UnicodeDecodeError, DocumentError):
            return issues
        where: Path | str | bytes = Path(source)
    elif isinstance(source, str | bytes):
        text = where = source
    else:
        return issues
    return locate(issues, text, detect_format(where, format))


def append_to_log(
    path: os.PathLike[str] | str,
    entry: LogEntry | dict[str, Any],
    *,
    project: Project | None = None,
    catalogue: Catalogue | None = None,
    entry_text: str | None = None,
    limits: Limits | None = None,
) -> InvolvementLog:
    """Append ``entry`` to the log file at ``path``, leaving every earlier byte as it was.

    ``entry`` is a :class:`~coproduce.model.LogEntry` or its plain data (a ``dict`` as an
    entry file holds it, read with :func:`load_entry`).

    The entry is checked first (stages and risk codes against the catalogue; with
    ``project``, stakeholders, researchers and aims too; not dated before the last entry),
    then the whole log as it would be. The entry's text goes where the ``entries`` list
    ends: earlier entries keep their comments, layout and numbers. ``entry_text``, the
    entry as its author wrote it in YAML, is used as written when the log is YAML. The
    file is replaced atomically; on any problem it is left untouched.

    Appends to one log never lose each other's entries: on POSIX an exclusive ``flock``
    on the log is held from before it is read until after it is replaced, so a second
    append waits, then reads the log with the first one's entry. Where there is no
    ``fcntl`` (Windows) the log is read again just before it is replaced, and the append
    starts over if it changed (a few times, then it is refused); two appends in the very
    same instant could still meet there, so append from one program at a time.

    Returns:
        The log as it now stands.

    Raises:
        DocumentError: the log, the entry, or the log with the entry has problems (each with
            its path), or the log is laid out so that the entry cannot be added without
            rewriting it (a flow-style ``entries: [...]`` list, a TOML inline array), or
            (without ``fcntl``) it kept changing while the entry was added.

    """
    from coproduce.io._lock import held
    from coproduce.model._log import LogEntry

    lim = limits if limits is not None else _DEFAULT_LIMITS
    if not isinstance(entry, LogEntry):
        entry = load_entry(entry, limits=lim)
    for _ in range(_APPEND_ATTEMPTS):
        with held(path) as locked:
            new = _append_once(path, entry, project, catalogue, entry_text, lim, locked)
            if new is not None:
                return new
    raise DocumentError(
        [
            Issue(
                path="$",
                code="unreadable",
                message=f"{path} changed each time the entry was about to be added",
                expected="one program appending to the log at a time",
            )
        ],
        what="log document",
        source=str(path),
    )


_APPEND_ATTEMPTS = 5
"""How often an append without a lock starts over when the log changed under it."""


def _append_once(
    path: os.PathLike[str] | str,
    entry: LogEntry,
    project: Project | None,
    catalogue: Catalogue | None,
    entry_text: str | None,
    lim: Limits,
    locked: bool,
) -> InvolvementLog | None:
    """Read, check and replace the log once; ``None`` if, unlocked, it changed meanwhile."""
    from coproduce.io._append import appended_texts

    name = str(path)
    fmt = detect_format(Path(path), None)
    raw = read_file(path, lim)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise unreadable(name, f"{name} is not UTF-8 text: {exc}") from None
    if not text.strip():
        raise unreadable(name, "it is empty; start a log with `coproduce log new PROJECT`")
    try:
        log = load_log(text, project=project, format=fmt, catalogue=catalogue, limits=lim)
    except DocumentError as exc:
        exc.source = name
        raise
    new = _checked_append(log, entry, project, catalogue, name)
    for candidate in appended_texts(text, fmt, converter.unstructure(entry), entry_text):
        try:
            if load_log(candidate, format=fmt, catalogue=catalogue, references=False) != new:
                continue
        except DocumentError:
            continue
        if not locked and read_file(path, lim) != raw:
            return None  # another program appended meanwhile: start over from its log
        write_text(path, candidate)
        return new
    raise DocumentError(
        [
            Issue(
                path="$.entries",
                code="cannot-append",
                message="the entry cannot be added without rewriting earlier entries",
                expected="entries as a block list in a YAML log (- date: ...), the entries "
                "array of a JSON log, or [[entries]] tables in a TOML log",
            )
        ],
        what="log document",
        source=name,
    )


def _checked_append(
    log: InvolvementLog,
    entry: LogEntry,
    project: Project | None,
    catalogue: Catalogue | None,
    name: str,
) -> InvolvementLog:
    """``log`` with ``entry`` appended, once the entry and then the whole log check out."""
    from coproduce.model import append_entry
    from coproduce.tracking._check import entry_problems, log_problems

    cat = catalogue if catalogue is not None else default_catalogue()
    problems = [(f"${at}", code, msg) for at, code, msg in entry_problems(entry, "", cat, project)]
    try:
        new = append_entry(log, entry)
    except ValueError as exc:
        problems.append(("$.date", "out-of-order", str(exc)))
    if not problems:
        last = f"entries[{len(new.entries) - 1}]"
        whole = log_problems(new, project, catalogue=cat)
        # the new entry's own problems are reported at its own paths, the rest at the log's
        problems = [(f"${at[len(last) :]}", c, m) for at, c, m in whole if at.startswith(last)]
    if problems:
        raise DocumentError(
            [Issue(path=at, code=code, message=msg) for at, code, msg in problems],
            what="log entry",
        )
    try:
        _raise_problems(whole, "log document")
    except DocumentError as exc:
        exc.source = name
        raise
    return new


def new_log_text(project: Project, format: Format = "yaml", *, currency: str | None = None) -> str:
    """The text of a new, empty involvement log for ``project`` (which needs an ``id``).

    ``currency`` (an ISO 4217 code) is that of every amount the log will record; by
    default the costing's, when the project has one. Entries are then added with
    :func:`append_to_log` (or ``coproduce log add``).

    Example:
        >>> from coproduce.io import load_example, load_log, new_log_text
        >>> text = new_log_text(load_example("contested-policy"))
        >>> log = load_log(text, format="yaml")
        >>> log.project, log.currency, log.entries
        ('contested-policy', 'GBP', ())

    Raises:
        ValueError: the project has no ``id``, or ``currency`` is not a currency code.

    """
    from coproduce.io._append import new_log, new_log_data
    from coproduce.model._log import InvolvementLog

    if project.id is None:
        raise ValueError("the project has no id; a log names its project by id")
    if currency is None and project.costing is not None:
        currency = project.costing.currency
    InvolvementLog(project=project.id, currency=currency)  # refuses a bad currency code
    return new_log(new_log_data(project.id, currency, SCHEMA_VERSION), format)


def load_entry(
    source: DocumentSource, *, format: Format | None = None, limits: Limits | None = None
) -> LogEntry:
    """Read one log entry (a mapping with ``date`` and the entry's lists; no version).

    Raises:
        DocumentError: listing every problem, each with its path.

    """
    from coproduce.model._log import LogEntry

    lim = limits if limits is not None else _DEFAULT_LIMITS
    what = "log entry"
    text: str | bytes | None = None
    try:
        data, text, fmt, _ = _read(source, format, lim)
        if isinstance(data, dict):
            data = {"schema_version": SCHEMA_VERSION, **data}
        return _structure(data, LogEntry, what, lim)
    except DocumentError as exc:
        exc.what = what
        if isinstance(source, os.PathLike):
            exc.source = str(source)
        if text is not None:
            exc.issues = locate(exc.issues, text, fmt)
        raise _clean(exc) from None


def load_catalogue(
    source: DocumentSource, *, format: Format | None = None, limits: Limits | None = None
) -> Catalogue:
    """Read a catalogue document; check it with :func:`coproduce.catalogue.check`."""
    return load(source, "catalogue", format=format, limits=limits)


@overload
def to_data(value: Project | Appraisal | Catalogue | InvolvementLog) -> dict[str, Any]: ...
@overload
def to_data(value: object) -> Any: ...
def to_data(value: object) -> Any:
    """The plain, JSON-safe data of a value of the model, as documents hold it.

    A project, appraisal or catalogue becomes its whole document, ``schema_version`` first.
    Anything else the model holds (a stakeholder, a catalogue entry, an :class:`Issue`, an
    enum, a tuple of them, a portfolio summary) becomes the same data it has inside a
    document: records are dicts keyed by attribute name, enums their values, tuples lists.

    Example:
        >>> from coproduce import Mode, Stakeholder, StakeholderKind
        >>> from coproduce.io import load_example, to_data
        >>> list(to_data(load_example()))[:2]
        ['schema_version', 'title']
        >>> data = to_data(Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER))
        >>> data["id"], data["kind"], data["brings"]
        ('ministry', 'policy-maker', [])
        >>> to_data((Mode.ADVICE, Mode.PARTNERSHIP))
        ['advice', 'partnership']

    """
    if _name(value) in _DOCUMENTS:
        return {"schema_version": SCHEMA_VERSION, **converter.unstructure(value)}
    return converter.unstructure(value)


def dump(
    value: Project | Appraisal | Catalogue | InvolvementLog,
    format: Format = "json",
    *,
    compact: bool = False,
) -> str:
    """Document text for a project, appraisal, catalogue or log. Deterministic.

    Args:
        value: what to write.
        format: ``"json"``, ``"yaml"`` or ``"toml"``.
        compact: JSON on one line, without indentation or spaces (about a third smaller;
            the same document). JSON only.

    Raises:
        ValueError: unknown format, ``compact`` for YAML or TOML, or (TOML) an ``x-`` value
            holds a null, which TOML cannot represent.

    Example:
        >>> from coproduce.io import dump, load_example
        >>> dump(load_example(), compact=True)[:36]
        '{"schema_version":2,"title":"Evaluat'

    """
    if format == "json":
        fast = fast_encode(value, indent=None if compact else 2)
        if fast is not None:
            return fast.decode() + "\n"
    return serialise(to_data(value), format, compact=compact)


def dump_project(project: Project, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for a project (``compact``: see :func:`dump`)."""
    return dump(project, format, compact=compact)


def dump_appraisal(appraisal: Appraisal, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for an appraisal (``compact``: JSON on one line, see :func:`dump`)."""
    return dump(appraisal, format, compact=compact)


def dump_catalogue(catalogue: Catalogue, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for a catalogue (``compact``: see :func:`dump`)."""
    return dump(catalogue, format, compact=compact)


def dump_log(log: InvolvementLog, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for an involvement log (``compact``: see :func:`dump`)."""
    return dump(log, format, compact=compact)


def write(
    value: Project | Appraisal | Catalogue | InvolvementLog,
    path: os.PathLike[str] | str,
    format: Format | None = None,
) -> None:
    """Write a document to ``path`` atomically: a failure leaves no partial file.

    The text goes to a temporary file in the same folder, which then replaces ``path``
    (see :func:`write_text`). ``format`` defaults to the path's suffix.
    """
    write_text(path, dump(value, detect_format(Path(path), format)))


def _write_through(path: Path) -> bool:
    """Whether output to ``path`` must go straight to it rather than by a rename.

    Devices, named pipes, sockets and the ``/dev/stdout`` family are written in place:
    replacing them with a regular file would destroy them (as root) or lose the output.
    """
    try:
        st = os.stat(path)  # follows symbolic links
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(st.st_mode):
        return True
    if os.path.abspath(path).startswith(("/proc/", "/dev/")):
        return True  # /dev/stdout, /dev/fd/N: an open file of this process or its shell
    real = os.path.realpath(path)
    return real.startswith(("/proc/", "/dev/")) or not os.path.exists(real)


def write_text(path: os.PathLike[str] | str, text: str) -> None:
    """Write text to ``path`` atomically (a temporary file in the same folder, then a rename).

    Either the whole text is in ``path`` afterwards, or ``path`` is as it was. A symbolic
    link is followed (its target is written); a device, named pipe or ``/dev/stdout`` is
    written in place (a file the shell opened for ``/dev/stdout`` is appended to, as the
    shell asked). Errors name ``path``, never the temporary file.
    """
    with open_atomic(path) as f:
        f.write(text)


def _fail(exc: OSError, path: os.PathLike[str] | str) -> OSError:
    return OSError(exc.errno, exc.strerror or str(exc), os.fspath(path))


@contextlib.contextmanager
def open_atomic(path: os.PathLike[str] | str) -> Iterator[TextIO]:
    """Open ``path`` for writing text atomically, for output written in pieces.

    The file appears, whole, only if the block ends without an exception; otherwise ``path``
    is left as it was and nothing else remains (also on Ctrl-C). Used for the JSON Lines of
    a batch. The new file gets the mode of the file it replaces, or the mode the process's
    umask gives a new file; the umask itself is never changed.
    """
    path = Path(path)
    if _write_through(path):
        # a regular file reached through /dev/stdout or /dev/fd/N was opened by the shell
        # (`> out` or `>> out`): append, so that `>>` is honoured and nothing is truncated
        append = os.path.isfile(path)
        try:
            stream = open(path, "a" if append else "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise _fail(exc, path) from None
        with stream:
            yield stream
        return
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except OSError:
        mode = None
    tmp = target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
    try:
        # created with 0o666: the kernel applies the umask, as for any new file
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise _fail(exc, path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(exc, path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _bundled(*parts: str) -> Path:
    """A folder of the package's bundled examples (``importlib.resources`` loads only here)."""
    from importlib import resources

    return Path(str(resources.files("coproduce").joinpath("examples", *parts)))


def examples() -> tuple[str, ...]:
    """The names of the example projects bundled with the package, sorted.

    Example:
        >>> from coproduce.io import examples
        >>> "contested-policy" in examples()
        True

    """
    folder = _bundled()
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
    for entry in _bundled().iterdir():
        if entry.name.rsplit(".", 1)[0] == name:
            return entry
    raise LookupError(f"no bundled example {name!r}; choose one of: {', '.join(examples())}")


def load_example(name: str = "contested-policy") -> Project:
    """Load a bundled example project by name (see :func:`examples`)."""
    return load_project(example_path(name))


def example_log_path(name: str) -> Path:
    """The file of the involvement log bundled for an example project.

    Raises:
        LookupError: no example log has this name (the message lists those that do).

    """
    folder = _bundled("logs")
    names = sorted(e.name.removesuffix(".log.yaml") for e in folder.iterdir())
    if name not in names:
        raise LookupError(f"no bundled example log {name!r}; choose one of: {', '.join(names)}")
    return folder / f"{name}.log.yaml"


def load_example_log(name: str) -> InvolvementLog:
    """Load the involvement log bundled for an example project, checked against it.

    Example:
        >>> load_example_log("trial-patient-partners").project
        'trial-patient-partners'

    """
    return load_log(example_log_path(name), project=load_example(name))
