"""Which files of a folder are projects, which are their logs, and which project a log names.

Light on purpose: ``coproduce log add`` and ``validate`` find a log's project through
:func:`project_for` without loading the engine.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from coproduce.errors import DocumentError, Issue
from coproduce.io import LOG_SUFFIXES, Limits

__all__ = [
    "DOCUMENT_SUFFIXES",
    "LOG_SUFFIXES",
    "documents",
    "log_for",
    "pairs",
    "project_for",
    "project_names",
    "unmatched_logs",
]


def pairs(folder: Path) -> Iterator[tuple[str, Path, Path | None]]:
    """``(source, project file, log file or None)`` for each project of a folder, sorted.

    The log of the project whose id is ``X`` is ``X.log.yaml`` (``.yml``, ``.json``,
    ``.toml``) beside the project or in a ``logs`` folder beside it.

    Raises:
        DocumentError: ``folder`` is not a folder.

    """
    if not folder.is_dir():
        raise DocumentError(
            [
                Issue(
                    path="$",
                    code="unreadable",
                    message=f"{folder} is not a folder",
                    expected="a folder of projects and logs",
                )
            ],
            what="portfolio",
        )
    for file in project_names(folder):
        yield str(file), file, _log_for(file)


def project_names(folder: Path) -> list[Path]:
    """The files of ``folder`` that :func:`pairs` reads as projects, sorted, none read yet.

    Every ``.json``, ``.yaml``, ``.yml`` or ``.toml`` file that is not a log: how many
    there are is the length of a portfolio's work, known before any is read.
    """
    suffixes = (".json", ".yaml", ".yml", ".toml")
    return [
        file
        for file in sorted(folder.iterdir())
        if file.name.lower().endswith(suffixes) and not file.name.lower().endswith(LOG_SUFFIXES)
    ]


_PROJECT_SUFFIXES = (".yaml", ".yml", ".json", ".toml")


def _project_files(folder: Path) -> list[Path]:
    try:
        files = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        f
        for f in files
        if f.name.lower().endswith(_PROJECT_SUFFIXES)
        and not f.name.lower().endswith(LOG_SUFFIXES)
        and f.is_file()
    ]


def project_for(log_file: Path, *, scan: int = 200) -> Path | None:
    """The project file of the log at ``log_file``, or ``None`` if there is none nearby.

    Looked for in the log's folder, then the folder above (where a ``logs`` folder sits):
    first as ``ID.yaml`` (``.yml``, ``.json``, ``.toml``), ``ID`` being the project the log
    names, then as the first of at most ``scan`` project files per folder whose ``id`` is ID.

    Raises:
        DocumentError: the log itself cannot be read.

    """
    from coproduce.io import load_log, load_project

    pid = load_log(log_file, references=False).project
    folders = list(dict.fromkeys([log_file.parent, log_file.parent.parent]))
    for folder in folders:
        for suffix in _PROJECT_SUFFIXES:
            if (candidate := folder / f"{pid}{suffix}").is_file():
                return candidate
    for folder in folders:
        for candidate in _project_files(folder)[:scan]:
            try:
                if load_project(candidate, references=False).id == pid:
                    return candidate
            except DocumentError:
                continue
    return None


def _log_files(folder: Path) -> list[Path]:
    out = []
    for where in (folder, folder / "logs"):
        try:
            out += [f for f in sorted(where.iterdir()) if f.name.lower().endswith(LOG_SUFFIXES)]
        except OSError:
            continue
    return out


def unmatched_logs(folder: Path, matched: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """The logs of ``folder`` (and its ``logs`` folder) that no project took, and why.

    ``matched`` are the logs :func:`pairs` gave. A log is left out when no project in the
    folder has the id it names, or when its project already has another log.
    """
    from coproduce.io import load_log

    taken = {Path(m): "" for m in matched}
    ids: dict[str, Path] = {}
    for m in taken:
        with contextlib.suppress(DocumentError):
            ids.setdefault(load_log(m, references=False).project, m)
    for log in _log_files(folder):
        if log in taken:
            continue
        try:
            pid = load_log(log, references=False).project
        except DocumentError as exc:
            yield log, f"not read: {exc.issues[0] if exc.issues else 'unreadable'}"
            continue
        other = ids.get(pid)
        yield (
            log,
            (
                f"not read: project {pid!r} already has the log {other}"
                if other is not None
                else f"not read: no project in {folder} has the id {pid!r}"
            ),
        )


def _log_for(project_file: Path) -> Path | None:
    from coproduce.io import load_project

    try:
        pid = load_project(project_file, references=False).id
    except DocumentError:
        return None
    return None if pid is None else log_for(project_file, pid)


def log_for(project_file: Path, project_id: str) -> Path | None:
    """The log of the project ``project_id`` in ``project_file``, or ``None`` if none is near.

    It is ``ID.log.yaml`` (``.yml``, ``.json``, ``.toml``: the name ``coproduce log new``
    gives) beside the project, else in a ``logs`` folder beside it.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "falls.log.yaml").write_text("project: falls")
        >>> log_for(folder / "study.yaml", "falls") == folder / "falls.log.yaml"
        True
        >>> log_for(folder / "study.yaml", "other") is None
        True

    """
    for folder in (project_file.parent, project_file.parent / "logs"):
        for suffix in LOG_SUFFIXES:
            candidate = folder / (project_id + suffix)
            if candidate.is_file():
                return candidate
    return None


DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml", ".toml")
"""The files a folder of documents is read for."""


def documents(path: Path) -> Iterator[tuple[str, Path | bytes]]:
    """The documents of a folder (sorted by name) or of a JSON Lines file, lazily.

    Yields ``(source, payload)``: a file path for each project document of a folder (an
    involvement log, ``X.log.yaml`` and the like, is left to ``coproduce portfolio``), the
    bytes of each non-empty line of a ``.jsonl`` file.

    Raises:
        DocumentError: ``path`` is neither a folder nor a ``.jsonl`` file, or is unreadable.

    """
    if path.is_dir():
        yield from _folder_documents(path)
        return
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        raise _unreadable(
            f"{path} is not a folder or a .jsonl file",
            "a folder of documents or a JSON Lines file",
        )
    try:
        if not _streamable(path):  # a device never ends
            raise _unreadable(
                f"cannot read {path}: it is a device or special file",
                "a JSON Lines file, or a pipe a program writes one to",
            )
        yield from _lines(path, Limits().max_bytes)
    except OSError as exc:
        raise _unreadable(f"cannot read {path}: {exc.strerror}") from None


def _unreadable(message: str, expected: str = "") -> DocumentError:
    issue = Issue(path="$", code="unreadable", message=message, expected=expected)
    return DocumentError([issue], what="batch")


def _folder_documents(folder: Path) -> Iterator[tuple[str, Path]]:
    for file in sorted(folder.iterdir()):
        name = file.name.lower()
        if file.suffix.lower() in DOCUMENT_SUFFIXES and not name.endswith(LOG_SUFFIXES):
            yield str(file), file


def _streamable(path: Path) -> bool:
    mode = path.stat().st_mode
    return stat.S_ISREG(mode) or stat.S_ISFIFO(mode)


def _lines(path: Path, limit: int) -> Iterator[tuple[str, bytes]]:
    """Each non-empty line of a JSON Lines file; a line beyond ``limit`` cut there, reported."""
    with path.open("rb") as f:
        number = 0
        # a document of the limit's size, then its line ending (\r\n at most)
        while line := f.readline(limit + 2):
            number += 1
            if len(line) == limit + 2 and not line.endswith(b"\n"):
                # a line beyond the size limit: skip the rest of it, report it
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield f"{path}:{number}", line
                continue
            body = line[:-1] if line.endswith(b"\n") else line  # the document alone
            body = body[:-1] if body.endswith(b"\r") else body
            if body.strip():
                yield f"{path}:{number}", body
