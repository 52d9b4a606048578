"""Reading a document's bytes, bounded, and telling its format.

A file, a named pipe or standard input is read up to the size limit of :class:`Limits` and
not one byte further; anything else (a device, a folder, a socket) is refused. The format is
named, taken from the file's suffix, or sniffed from the text.
"""

from __future__ import annotations

import os
import re
import select
import stat
from pathlib import Path
from typing import BinaryIO, Literal

import attrs

from coproduce._record import Record
from coproduce.errors import DocumentError, Issue

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Format",
    "Limits",
    "detect_format",
    "one_issue",
    "read_file",
    "read_stream",
    "too_large",
    "unreadable",
]

Format = Literal["json", "yaml", "toml"]
"""A document format."""
FORMATS: tuple[Format, ...] = ("json", "yaml", "toml")
_SUFFIX: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


@attrs.frozen(kw_only=True)
class Limits(Record):
    """Limits on a document, so that hostile or broken input fails fast and cleanly.

    Attributes:
        max_bytes: the largest document accepted, in bytes (default 16 MiB). At most this
            many bytes plus one are ever read, from a file, a pipe or standard input.
        max_depth: the deepest nesting of objects and arrays accepted (default 64).
        max_wait: how long, in seconds, to wait for the first byte from a named pipe
            (FIFO) before giving up (default 10); a regular file never waits.

    """

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_wait: float = 10.0


DEFAULT_LIMITS = Limits()
"""The limits every reader applies when none are given (tests replace it to try small ones)."""


def unreadable(name: str, message: str, expected: str = "") -> DocumentError:
    """The error of a document that cannot be read at all: ``cannot read NAME: MESSAGE``."""
    return DocumentError(
        [
            Issue(
                path="$",
                code="unreadable",
                message=f"cannot read {name}: {message}",
                expected=expected,
            )
        ]
    )


def too_large(limits: Limits) -> DocumentError:
    """The error of a document larger than ``limits.max_bytes``."""
    return one_issue(
        "too-large",
        f"the document is more than {limits.max_bytes} bytes",
        f"at most {limits.max_bytes}",
    )


def _read_fd(fd: int, limits: Limits, name: str = "", *, wait: bool = False) -> bytes:
    """Read at most ``limits.max_bytes + 1`` bytes; refuse more.

    With ``wait`` (a pipe, read without blocking), give up when no byte arrives for
    ``limits.max_wait`` seconds, so a writer that stalls cannot hang the reader.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limits.max_bytes:
        if wait:
            ready, _, _ = select.select([fd], [], [], limits.max_wait)
            if not ready:
                raise unreadable(
                    name,
                    f"it is a pipe and nothing was written to it for {limits.max_wait:g} seconds",
                    "a file, or a pipe that a program writes a document to",
                )
        try:
            chunk = os.read(fd, min(1 << 20, limits.max_bytes + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limits.max_bytes:
        raise too_large(limits)
    return b"".join(chunks)


def read_file(path: os.PathLike[str] | str, limits: Limits) -> bytes:
    """The bytes of a document file, read safely (once: a pipe gives its bytes only once).

    A regular file is read up to the size limit; a named pipe (or ``/dev/fd/N`` of a shell's
    process substitution) is read if a writer sends data within ``limits.max_wait`` seconds;
    anything else (a device such as ``/dev/zero``, a folder, a socket) is refused.

    Raises:
        DocumentError: unreadable, not a regular file or a pipe, silent, or too large.

    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise unreadable(name, exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            return _read_fd(fd, limits, name, wait=True)
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a device or special file"
            raise unreadable(name, f"it is {kind}", "a regular file")
        os.set_blocking(fd, True)
        return _read_fd(fd, limits)
    except OSError as exc:
        raise unreadable(name, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limits: Limits) -> bytes:
    """Read a document from a binary stream (standard input), at most the size limit + 1 byte.

    Raises:
        DocumentError: the stream holds more than ``limits.max_bytes``.

    """
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise too_large(limits)
    return data


def detect_format(source: Path | str | bytes, format: Format | None = None) -> Format:
    """The format of a document: ``format`` if named, else a path's suffix, else its text's.

    A path with no suffix of a format is JSON; text is sniffed (an object or array is JSON,
    ``key = value`` or a ``[table]`` first is TOML, anything else YAML).

    Raises:
        ValueError: ``format`` is not one of :data:`FORMATS`.

    Example:
        >>> from pathlib import Path
        >>> from coproduce.io import detect_format
        >>> detect_format(Path("card.TOML")), detect_format("title: A study")
        ('toml', 'yaml')

    """
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
        return format
    if isinstance(source, Path):
        return _SUFFIX.get(source.suffix.lower(), "json")
    if source[:1] in ("{", "[", b"{", b"["):  # what the text below would find, at once
        return "json"
    head = source[:4096].decode("utf-8", "replace") if isinstance(source, bytes) else source[:4096]
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    for line in stripped.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"^\[\[?[A-Za-z0-9_.\"' -]+\]\]?$", line) or re.match(
            r"^[A-Za-z0-9_\"'.-]+\s*=", line
        ):
            return "toml"
        return "yaml"
    return "json"


def one_issue(
    code: str,
    message: str,
    expected: str = "",
    line: int | None = None,
    column: int | None = None,
) -> DocumentError:
    """An error with one issue about the whole document (path ``$``)."""
    return DocumentError(
        [Issue(path="$", code=code, message=message, expected=expected, line=line, column=column)]
    )
