"""An exclusive hold on a file for a whole read, check and replace (appending to a log).

Appending reads the log, checks the new entry against it, and replaces the file with the
log and the entry. Two appends at once would each read the log without the other's entry,
and the second replacement would lose the first one's: a lost update. So the append holds an
exclusive ``flock`` on the file from before it reads until after it has replaced it.

The replacement is a new file renamed over the old one, so the lock is on the file as it
was when it was opened. An append that waited for the lock checks, once it has it, that the
name still leads to the file it locked; if another append replaced it meanwhile, it opens
the new file and waits for that one instead.

Where there is no ``fcntl`` (Windows), :func:`held` holds nothing and says so: the caller
reads the log again just before replacing it and starts over if it changed
(:func:`coproduce.io.append_to_log`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator

__all__ = ["LOCKS", "held"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCKS: bool = fcntl is not None
"""Whether this platform locks files (POSIX ``flock``)."""

_REOPENS = 100
"""How many times the file may be replaced under a waiting append before it gives up."""


@contextlib.contextmanager
def held(path: os.PathLike[str] | str) -> Iterator[bool]:
    """Hold an exclusive lock on the file at ``path`` for the block; ``True`` if held.

    Nothing is held (``False``) where the platform has no ``fcntl``, when ``path`` cannot
    be opened (reading it then reports why), or when it is not a regular file (a pipe or a
    device, which reading refuses or reads once). Waits as long as another holder keeps it.
    """
    if not LOCKS:
        yield False
        return
    for _ in range(_REOPENS):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            yield False
            return
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                yield False
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:  # removed meanwhile: reading it will say so
                same = True
            if same:
                yield True
                return
        finally:
            os.close(fd)  # releases the lock, after the block has replaced the file
    yield False  # pragma: no cover - replaced a hundred times while waiting
