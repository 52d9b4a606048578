"""The ``coproduce`` command.

Data goes to standard output, diagnostics to standard error. Exit status: 0 on success, 1
when the input is invalid (every problem is listed, with its path), 2 when the command is
misused, 130 when interrupted (Ctrl-C). Output cut short by its reader (``coproduce catalogue
| head``) ends the command quietly with status 0. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from coproduce._text import visible
from coproduce._version import __version__
from coproduce.cli import (
    _appraise,
    _catalogue,
    _cost,
    _documents,
    _forms,
    _graph,
    _log,
    _tracking,
    _validate,
)
from coproduce.cli._appraise import batch_line as _batch_line  # noqa: F401  (benchmarks/run.py)
from coproduce.cli._common import Subparsers, Usage, forget_notes
from coproduce.errors import CoproduceError, OutputFormatError, did_you_mean

__all__ = ["main", "main_entry"]

# Each family module adds its subcommands and their handlers (see cli/_common.py): a new
# command goes in its family's module, a new family in this list.
_FAMILIES: tuple[Callable[[Subparsers], None], ...] = (
    _appraise.add_parsers,
    _cost.add_parsers,
    _validate.add_parsers,
    _catalogue.add_parsers,
    _forms.add_parsers,
    _graph.add_parsers,
    _documents.add_parsers,
    _log.add_parsers,
    _tracking.add_parsers,
)
"""Each command family's ``add_parsers``, in the order ``coproduce --help`` lists them."""

EXAMPLES = """\
examples:
  coproduce appraise --example                      appraise a bundled example project
  coproduce appraise project.yaml --output report.html   (format from the suffix)
  coproduce appraise --batch projects/ --output appraisals.jsonl --summary summary.json
  coproduce cost project.yaml --budget 2500 --format markdown   money, hours, the plan that fits
  coproduce init --output project.yaml              start from a commented template
  coproduce validate projects/*.yaml                list every problem, with its place
  coproduce catalogue show condition.capacity       one entry of the paper's catalogue
  coproduce catalogue --source gripp2-2017          the entries encoded from one document
  coproduce report project.yaml --kind standards --format html --output standards.html
  coproduce graph --output catalogue.graphml
  coproduce schema project > project.schema.json
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}{self._hint(message)}\n")

    def _hint(self, message: str) -> str:
        """A "did you mean" hint for a misspelt command, choice or option."""
        import re

        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            options = re.findall(r"'([^']*)'", choice.group(2)) or [
                c.strip() for c in choice.group(2).split(",")
            ]
            hint = did_you_mean(choice.group(1), options)
            return f"; {hint}" if hint else ""
        unknown = re.search(r"unrecognized arguments: (.*)", message)
        if unknown:
            known = [o for a in self._actions for o in a.option_strings]
            for action in self._actions:
                for sub in getattr(action, "choices", None) or {}:
                    if isinstance(action.choices, dict):
                        known += [o for a in action.choices[sub]._actions for o in a.option_strings]
            for word in unknown.group(1).split():
                hint = did_you_mean(word.split("=")[0], known)
                if hint:
                    return f"; {hint}"
        return ""


def _parser() -> argparse.ArgumentParser:
    """The command's parser: the global options and every family's subcommands."""
    parser = _Parser(
        prog="coproduce",
        description="Decide case by case whether and how to coproduce health research "
        "(Oliver, Kothari & Mays 2019, doi:10.1186/s12961-019-0432-3).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coproduce {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add_parsers in _FAMILIES:
        add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command; return its exit status."""
    out = stdout if stdout is not None else sys.stdout
    forget_notes()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.handler(args, out)
    except (Usage, OutputFormatError) as exc:
        print(visible(f"coproduce {args.command}: error: {exc}"), file=sys.stderr)
        return 2
    except CoproduceError as exc:
        print(visible(f"coproduce {args.command}: {exc}"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(
            f"coproduce {args.command}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    return status


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind, so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated(signum)


def main_entry() -> None:
    """Console-script entry point: run :func:`main` and exit with its status.

    SIGTERM and SIGHUP unwind like Ctrl-C (a half-written output is removed) and exit with
    128 + the signal's number.
    """
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `coproduce catalogue | head`
        sys.stderr.close()
        status = 0
    except _Terminated as exc:
        status = 128 + exc.signum
    raise SystemExit(status)
