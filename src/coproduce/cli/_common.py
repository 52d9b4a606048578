"""What every command family shares: misuse, output, input, the rate card, the progress bar.

A family module (``_appraise``, ``_cost``...) imports this module and the library's public
names, never another family or :mod:`coproduce.cli` itself. It defines ``add_parsers(sub)``,
which adds its subcommands to ``sub`` and sets each one's ``handler``: a function of the
parsed arguments and standard output that returns the exit status. Nothing here loads the
engine: each handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coproduce._text import visible
from coproduce.errors import DocumentError

if TYPE_CHECKING:
    from coproduce.model import RateCard

__all__ = [
    "RATES_HELP",
    "REPORT_FORMATS",
    "STDIN",
    "Handler",
    "Progress",
    "Subparsers",
    "Usage",
    "add_command",
    "chosen_format",
    "emit",
    "forget_notes",
    "note",
    "one_of",
    "output_path",
    "rate_card",
    "read_source",
    "refuse_overwriting_inputs",
]

Handler = Callable[[argparse.Namespace, TextIO], int]
"""A command: the parsed arguments and standard output in, the exit status out."""

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[Any]
else:
    Subparsers = argparse._SubParsersAction
"""The ``coproduce`` parser's subcommands, which each family adds to."""


class Usage(Exception):
    """The command was misused (exit status 2)."""


REPORT_FORMATS = ("text", "markdown", "html", "json")
"""The formats of the reports ``appraise``, ``cost`` and ``track`` write."""

RATES_HELP = (
    "a rate card (JSON, YAML or TOML) instead of the shipped one; the project's own card "
    "still takes precedence"
)

STDIN = Path("-")
"""The input ``-``: standard input."""


def add_command(
    sub: Subparsers,
    name: str,
    handler: Handler,
    *,
    epilog: str,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """Add the subcommand ``name``, run by ``handler``, with its examples as ``epilog``.

    ``help`` is its line in ``coproduce --help``; ``description`` heads its own help.
    """
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help=help,
        description=description,
    )
    parser.set_defaults(handler=handler)
    return parser


def output_path(text: str) -> Path:
    """An ``--output`` argument: a non-empty path."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name; give a path, or leave --output out")
    return Path(text)


def chosen_format(
    args: argparse.Namespace, formats: tuple[str, ...], default: str | None = None
) -> str:
    """``--format``, else the one ``--output`` names (:func:`coproduce.io.output_format`)."""
    from coproduce.io import output_format

    return output_format(args.output, args.format, formats=formats, default=default)


def emit(text: str, output: Path | None, stdout: TextIO, *, say: bool = True) -> None:
    """Write ``text`` to ``output`` atomically (saying so, with ``say``), else to ``stdout``."""
    if output is None:
        stdout.write(text)
        return
    from coproduce.io import write_text

    write_text(output, text)
    if say:
        print(visible(f"wrote {output}"), file=sys.stderr)


_NOTED: set[str] = set()
"""The notes said in this run of the command."""


def note(message: str, stream: TextIO | None = None) -> None:
    r"""Say ``note: message`` on standard error, once per run however often it is noted.

    Example:
        >>> import io
        >>> err = io.StringIO()
        >>> note("a doctest note", err); note("a doctest note", err)
        >>> err.getvalue()
        'note: a doctest note\n'

    """
    if message in _NOTED:  # e.g. the same for every project of a folder
        return
    _NOTED.add(message)
    print(visible(f"note: {message}"), file=stream if stream is not None else sys.stderr)


def forget_notes() -> None:
    """Start a new run of the command: every note may be said again."""
    _NOTED.clear()


def read_source(path: str) -> Path | bytes:
    """A document path, or the bytes of standard input (bounded, never from a terminal)."""
    if path != "-":
        return Path(path)
    from coproduce.io import Limits, read_stream

    if sys.stdin is None or sys.stdin.isatty():
        raise Usage(
            "standard input is a terminal; pipe a document in "
            "(coproduce appraise - < project.yaml) or give its PATH"
        )
    try:
        return read_stream(sys.stdin.buffer, Limits())
    except DocumentError as exc:
        exc.source, exc.what = "<stdin>", "project document"
        raise


def refuse_overwriting_inputs(
    output: Path | None, *inputs: Path | None, option: str = "--output"
) -> None:
    """Refuse an output that is one of the inputs: the report would replace the project.

    Files are compared by what they are (device and inode), so a symbolic or hard link to
    an input is refused too. An input ``-`` is standard input, refused as an output when it
    is the same file (``coproduce cost - -o project.yaml < project.yaml``). A command that
    reads a folder passes every document it reads.
    """
    if output is None:
        return
    try:
        there: os.stat_result | None = os.stat(output)
    except (OSError, ValueError):  # not there yet (or a name no file can have): no input
        there = None
    for source in inputs:
        if source == STDIN and _is_stdin(output):
            raise Usage(f"{option} {output} is the standard input; choose another file")
        if there is not None and source is not None and source != STDIN:
            try:
                same = os.path.samestat(there, os.stat(source))
            except (OSError, ValueError):
                same = False
            if same:
                raise Usage(f"{option} {output} is the input {source}; choose another file")


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is the regular file standard input reads."""
    try:
        given, there = os.fstat(sys.stdin.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):  # no stdin, a pseudo-file, no such path
        return False
    return (given.st_dev, given.st_ino) == (there.st_dev, there.st_ino)


def rate_card(path: Path | None) -> RateCard:
    """The card ``cost`` and ``validate`` price roles with: ``--rates FILE``, else the shipped one.

    The project's own card takes precedence over it, role by role.
    """
    if path is None:
        from coproduce.costing import default_rate_card

        return default_rate_card()
    from coproduce.io import load_rate_card

    return load_rate_card(path)


def cards_under(card: RateCard, given: Path | None, currency: str) -> RateCard | None:
    """The card under a project's own: ``--rates FILE`` always, the shipped one in its currency.

    A project in another currency (a US project with its own card in USD) is priced with
    its own card alone: the shipped card, in GBP, is not layered under it.
    """
    return card if given is not None or card.currency == currency else None


def one_of(names: Sequence[str]) -> str:
    """``a, b or c``.

    Example:
        >>> one_of(["project", "log"]), one_of(["a"])
        ('project or log', 'a')

    """
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """A progress bar with rate and time left on standard error; no dependency.

    Diagnostics go through :meth:`note`, which clears the bar's line first and redraws the
    bar below, so a message never lands on the bar's line.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        import time

        self.total, self.start, self.clock = total, time.monotonic(), time.monotonic
        self.stream = stream if stream is not None else sys.stderr
        self.line = ""

    def __call__(self, done: int) -> None:
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = done / elapsed
        if self.total:
            filled = int(30 * min(done, self.total) / self.total)
            left = (self.total - done) / rate if rate > 0 else 0.0
            head = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total}"
            tail = f"  {rate:,.0f}/s  {_duration(left)} left"
        else:
            head, tail = f"{done} documents", f"  {rate:,.0f}/s  {_duration(elapsed)} elapsed"
        self.line = head + tail
        self.stream.write(f"\r\x1b[K{self.line}")
        self.stream.flush()

    def note(self, message: str) -> None:
        """Print a diagnostic on its own line, then redraw the bar."""
        self.stream.write(f"\r\x1b[K{message}\n{self.line}")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        self.stream.write("\n")
        self.stream.flush()
