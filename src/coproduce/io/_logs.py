"""Involvement logs: read against their project, started, and appended to in place.

A log records what happened as it happens. :func:`append_to_log` adds one entry without
rewriting a byte of what is there (:mod:`coproduce.io._append`), under a lock on the file
(:mod:`coproduce.io._lock`), once the entry and then the whole log check out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coproduce.catalogue import default as default_catalogue
from coproduce.errors import DocumentError, Issue
from coproduce.io import _read
from coproduce.io._converter import converter
from coproduce.io._kinds import DocumentSource
from coproduce.io._load import clean, load, load_entry, locate_issues
from coproduce.io._read import Format, Limits, detect_format, read_file, unreadable
from coproduce.io._references import raise_problems
from coproduce.io._versions import SCHEMA_VERSION
from coproduce.io._write import write_text

if TYPE_CHECKING:
    from coproduce.catalogue import Catalogue
    from coproduce.model import InvolvementLog, LogEntry, Project

__all__ = ["append_to_log", "load_log", "new_log_text"]


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
    from coproduce.tracking import log_problems

    both = project is not None and references
    log = load(
        source, "log", format=format, limits=limits, catalogue=catalogue, references=not both
    )
    if both:
        try:
            raise_problems(log_problems(log, project, catalogue=catalogue), "log document")
        except DocumentError as exc:
            if isinstance(source, os.PathLike):
                exc.source = str(source)
            exc.issues = locate_issues(exc.issues, source, format)
            raise clean(exc) from None
    return log


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
    from coproduce.model import LogEntry

    lim = limits if limits is not None else _read.DEFAULT_LIMITS
    if not isinstance(entry, LogEntry):
        entry = load_entry(entry, limits=lim)
    for _ in range(_APPEND_ATTEMPTS):
        with held(path) as locked:
            new = _append_once(path, entry, project, catalogue, entry_text, lim, locked)
            if new is not None:
                return new
    raise _kept_changing(path)


_APPEND_ATTEMPTS = 5
"""How often an append without a lock starts over when the log changed under it."""


def _kept_changing(path: os.PathLike[str] | str) -> DocumentError:
    return DocumentError(
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
    from coproduce.tracking import entry_problems, log_problems

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
        raise_problems(whole, "log document")
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
    from coproduce.model import InvolvementLog

    if project.id is None:
        raise ValueError("the project has no id; a log names its project by id")
    if currency is None and project.costing is not None:
        currency = project.costing.currency
    InvolvementLog(project=project.id, currency=currency)  # refuses a bad currency code
    return new_log(new_log_data(project.id, currency, SCHEMA_VERSION), format)
