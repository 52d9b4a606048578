"""Reading a rate card document: the same bounded reader and checks as every document.

A rate card (:class:`~coproduce.model.RateCard`) says what each role is paid per hour,
half-day or day, in one currency, and where the figures come from. The card coproduce ships
is data in :mod:`coproduce.costing` (:func:`coproduce.costing.default_rate_card`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coproduce.errors import DocumentError, Issue
from coproduce.io import _read
from coproduce.io._check import check_data
from coproduce.io._converter import converter, issues_from
from coproduce.io._formats import parse
from coproduce.io._kinds import DOCUMENT_KINDS
from coproduce.io._read import Format, Limits, detect_format, read_file
from coproduce.model import RateCard

__all__ = ["load_rate_card"]

_WHAT = DOCUMENT_KINDS["rate-card"].what


def load_rate_card(
    source: os.PathLike[str] | str | bytes | dict[str, Any],
    *,
    format: Format | None = None,
    limits: Limits | None = None,
) -> RateCard:
    r"""Read a rate card from a file (format from its suffix), document text, or parsed data.

    A file is read as every document is (:func:`coproduce.io.load_project`): within
    ``limits`` (default :class:`~coproduce.io.Limits()`), a regular file or a pipe only, and
    checked for what no format can write back (keys that are not strings, lone surrogates,
    non-finite numbers) before it meets the model.

    Raises:
        DocumentError: every problem, each with its path (``$.rates[1].unit``); for a file,
            the error names it (``source``) and each problem's line and column where known.

    Example:
        >>> mine = load_rate_card('id = "mine"\ncurrency = "GBP"\n'
        ...                       '[[rates]]\nrole = "member"\nunit = "hour"\namount = "30.00"\n',
        ...                       format="toml")
        >>> mine.rates[0].amount
        Decimal('30.00')

    """
    lim = limits if limits is not None else _read.DEFAULT_LIMITS
    text: str | bytes | None = None
    fmt: Format | None = None
    try:
        if isinstance(source, dict):
            data: Any = source
        else:
            if isinstance(source, os.PathLike):
                fmt = detect_format(Path(source), format)
                text = read_file(source, lim)
            elif isinstance(source, (str, bytes)):
                fmt = detect_format(source, format)
                text = source
            else:
                raise TypeError(
                    f"cannot read a rate card from {type(source).__name__} (expected a path, "
                    "document text or bytes, or a dict)"
                )
            data = parse(text, fmt, lim)
        early = check_data(data, lim)
        if early:
            raise DocumentError(early)
        return _structure(data)
    except DocumentError as exc:
        error = DocumentError(exc.issues, what=_WHAT, omitted=exc.omitted, truncated=exc.truncated)
        if isinstance(source, os.PathLike):
            error.source = os.fspath(source)
        if text is not None and fmt is not None:
            from coproduce.io._locate import locate

            error.issues = locate(error.issues, text, fmt)
        raise error from None


def _structure(data: Any) -> RateCard:
    if not isinstance(data, dict):
        raise DocumentError(
            [Issue(path="$", code="wrong-type", message="the card is not an object")], what=_WHAT
        )
    try:
        card: RateCard = converter.structure(data, RateCard)
    except Exception as exc:
        raise DocumentError(issues_from(exc), what=_WHAT) from None
    return card
