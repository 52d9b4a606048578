"""Bounds on money, hours and counts, and the arithmetic that stays exact within them.

A document may say anything; a budget never holds a hundred billion in any currency, a plan
never ten million hours, a session never more than a million people. Reading refuses what is beyond
these bounds (each problem at its path), so that every command works on what ``coproduce
validate`` accepts: a costing of the largest amounts, hours and counts, over the largest
document, is added up in :data:`EXACT` and shown to the cent.

- **Money** (rates, expenses, subcontracts, budgets; a log's payments and spending): at
  least 0 and below :data:`MONEY_LIMIT` (10^11).
- **Hours**: at least 0 and below :data:`HOURS_LIMIT` (10^7).
- **Decimal strings** (``"12.50"``) have at most :data:`PLACES` (4) decimal places. A JSON
  number is read through its shortest text, at most 17 significant digits; with the limits
  above every amount is written back exactly as it was read.
- **Counts** (people, sessions, months): from 1 to :data:`COUNT_LIMIT` (a million).

:data:`EXACT` is the decimal context the costing adds up in: with the bounds above, no line
and no total of a document within the size limit needs more digits than it holds, so every
total is the exact sum of its lines. :func:`rounded` rounds any amount to a given exponent
without the default context's limit of 28 digits.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

import attrs

from coproduce._record import Record
from coproduce.errors import FieldValueError

__all__ = [
    "COUNT_LIMIT",
    "COUNT_SCHEMA",
    "EXACT",
    "HOURS_LIMIT",
    "MONEY_LIMIT",
    "PLACES",
    "Below",
    "count",
    "exact",
    "hours",
    "money",
    "optional_count",
    "optional_hours",
    "optional_money",
    "rounded",
]

MONEY_LIMIT = Decimal(10) ** 11
"""Every amount of money is below this, in any currency (a hundred billion)."""
HOURS_LIMIT = Decimal(10) ** 7
"""Every number of hours is below this (ten million)."""
PLACES = 4
"""The most decimal places a decimal string (``"12.5075"``) may have."""
COUNT_LIMIT = 1_000_000
"""The most people, sessions or months a line may count."""

EXACT = decimal.Context(
    prec=120,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The context the costing's arithmetic runs in: enough digits for any bounded document.

Within the bounds a line is below 10^31 (an amount times hours times two counts) and a
total of a 16 MiB document's lines below 10^38, which leaves 82 digits for the decimal
places of a product: every total is exact while no amount or number of hours has more than
40 decimal places (a decimal string has at most 4; a JSON number with more is rounded to
these 120 digits, never refused).
"""


def _shown(value: Decimal) -> str:
    text = f"{value}"
    return text if len(text) <= 24 else f"a number of {len(text)} characters ({text[:12]}…)"


@attrs.frozen
class Below(Record):
    """A validator: a finite decimal at least 0 and below ``limit``.

    ``None`` is allowed if ``optional``. The JSON Schema generator reads ``limit`` to state
    the same bound.
    """

    limit: Decimal
    what: str
    optional: bool = False

    def __call__(self, _: Any, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
        if value is None and self.optional:
            return
        if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
            raise FieldValueError(
                attribute.name, f"{attribute.name} must be a non-negative number, got {value}"
            )
        if value >= self.limit:
            raise FieldValueError(
                attribute.name,
                f"{attribute.name} must be below {self.limit:,}, got {_shown(value)} ({self.what})",
            )


money = Below(MONEY_LIMIT, "a bound no budget meets, in any currency")
"""Validator of an amount of money."""
optional_money = Below(MONEY_LIMIT, money.what, optional=True)
"""Validator of an amount of money that may be ``None``."""
hours = Below(HOURS_LIMIT, "a bound no plan meets")
"""Validator of a number of hours."""
optional_hours = Below(HOURS_LIMIT, hours.what, optional=True)
"""Validator of a number of hours that may be ``None``."""


@attrs.frozen
class _Count(Record):
    optional: bool = False

    def __call__(self, _: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None and self.optional:
            return
        if not isinstance(value, int) or value < 1:
            raise FieldValueError(
                attribute.name, f"{attribute.name} must be at least 1, got {value}"
            )
        if value > COUNT_LIMIT:
            raise FieldValueError(
                attribute.name,
                f"{attribute.name} must be at most {COUNT_LIMIT:,}, got {_shown(Decimal(value))}",
            )


count = _Count()
"""Validator of a count of people, sessions or months: 1 to :data:`COUNT_LIMIT`."""
optional_count = _Count(optional=True)
"""Validator of a count that may be ``None``."""
COUNT_SCHEMA = {"json_schema": {"minimum": 1, "maximum": COUNT_LIMIT}}
"""Field metadata: the JSON Schema bounds of a count."""


def rounded(value: Decimal, exponent: Decimal) -> Decimal:
    """``value`` rounded half to even to ``exponent`` (``Decimal("0.01")``), however large.

    The default context holds 28 digits, and ``quantize`` fails beyond them; this never does.

    Example:
        >>> rounded(Decimal("12.345"), Decimal("0.01")), rounded(Decimal(10) ** 30, Decimal(1))
        (Decimal('12.34'), Decimal('1000000000000000000000000000000'))

    """
    digits = max(value.adjusted(), 0) - exponent.as_tuple().exponent + 2  # type: ignore[operator]
    context = decimal.Context(prec=max(digits, 28), rounding=decimal.ROUND_HALF_EVEN)
    return value.quantize(exponent, context=context)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` in the :data:`EXACT` context (the costing's entry points)."""

    @functools.wraps(function)
    def in_exact(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(EXACT):
            return function(*args, **kwargs)

    return in_exact


DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
"""A day written ``YYYY-MM-DD``."""


def iso_date(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Validator: a day of the calendar written ``YYYY-MM-DD``."""
    written = bool(DATE.match(value))
    try:
        ok = written and datetime.date.fromisoformat(value) is not None
    except ValueError:
        ok = False
    if written and not ok:
        raise FieldValueError(
            attribute.name, f"{attribute.name} {value!r} is not a day of the calendar"
        )
    if not ok:
        raise FieldValueError(
            attribute.name, f"{attribute.name} {value!r} is not a date written YYYY-MM-DD"
        )
