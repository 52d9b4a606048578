"""Which format an output file is written in: the one table of suffixes every writer uses.

:func:`output_format` is how every command and every writer of the library turns an output
path into a format, so that ``-o report.pdf`` is refused alike everywhere, before anything
is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePath

from coproduce.errors import OutputFormatError

__all__ = ["SUFFIXES", "output_format"]

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".dot": "dot",
    ".gv": "dot",
}
"""Suffix (lower case, with its dot) → the format it names; the first suffix of a format is
the one suggested for it."""


def _suffix_of(fmt: str) -> str:
    return next(s for s, f in SUFFIXES.items() if f == fmt) if fmt in SUFFIXES.values() else ""


def _either(formats: Sequence[str]) -> str:
    named = [s for s in map(_suffix_of, formats) if s]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def output_format(
    path: str | os.PathLike[str] | None,
    given: str | None = None,
    *,
    formats: Sequence[str],
    default: str | None = None,
) -> str:
    """The format to write ``path`` in: ``given`` if any, else the one its suffix names.

    Args:
        path: the output file, or ``None`` for standard output.
        given: the format asked for (``--format``), if any.
        formats: the formats the writer can write.
        default: the format for standard output or a file with no suffix (the first of
            ``formats`` if not given).

    Raises:
        OutputFormatError: the suffix names no format the writer has (``report.pdf``,
            ``report.docx``, ``plan.csv`` for a writer without CSV) and no format is
            ``given``; or ``given`` is not one of ``formats``.

    A suffix is read without regard to case. A format ``given`` wins over the suffix, as
    ``--format`` does on the command line: ``-f text -o notes.rst`` writes text.

    Example:
        >>> from coproduce.io import output_format
        >>> output_format("report.HTML", formats=("text", "markdown", "html", "json"))
        'html'
        >>> output_format(None, formats=("text", "json"))
        'text'

    """
    chosen = default if default is not None else formats[0]
    shown = "standard output" if path is None else os.fspath(path)
    if given is not None and given not in formats:
        raise OutputFormatError(
            shown, formats, f"cannot write {given}; the formats are {', '.join(formats)}"
        )
    suffix = "" if path is None else PurePath(path).suffix.lower()
    named = SUFFIXES.get(suffix)
    if given is not None:
        return given
    if not suffix:
        return chosen
    if named is None:
        reason = f"cannot write {suffix}"
    elif named not in formats:
        reason = f"names {named}, which this is not written in"
    else:
        return named
    raise OutputFormatError(
        shown, formats, f"{reason}; name the file {_either(formats)}, or give the format"
    )
