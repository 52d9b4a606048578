"""Writing files atomically: the whole text in place, or the file as it was.

Every output of the library and the command goes through :func:`open_atomic`: a temporary
file in the same folder, renamed over the target once complete. Devices, pipes and
``/dev/stdout`` are written in place instead, since replacing them would destroy them.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["open_atomic", "write_text"]


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
