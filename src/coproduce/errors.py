"""The exceptions coproduce raises.

Every exception the library raises on purpose derives from :class:`CoproduceError`.
Anything else escaping a public function is a bug: please report it.

Each subclass also derives from the builtin whose meaning it shares (``ValueError``,
``LookupError``), so callers that already catch those keep working, and each carries the
data that explains it as attributes, not only in its message.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CatalogueError",
    "CoproduceError",
    "PlanError",
    "UnknownEntryError",
]


class CoproduceError(Exception):
    """Root of every error coproduce raises on purpose."""


class UnknownEntryError(CoproduceError, LookupError):
    """A catalogue id that the catalogue does not hold.

    Attributes:
        entry_id: the id that was asked for.

    """

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(f"unknown catalogue entry: {entry_id!r}")


def _bulleted(problems: tuple[str, ...]) -> str:
    return "\n".join(f"  - {p}" for p in problems)


class CatalogueError(CoproduceError, ValueError):
    """A catalogue breaks one or more integrity rules.

    Attributes:
        problems: one exact, readable message per broken rule, in a stable order.

    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(
            f"catalogue has {n} integrity problem{'s' * (n != 1)}:\n{_bulleted(self.problems)}"
        )


class PlanError(CoproduceError, ValueError):
    """A project cannot be appraised: it refers to things it does not define.

    Raised by :func:`coproduce.appraise` before any appraisal is attempted, e.g. when the
    involvement plan names a stakeholder the project does not list.

    Attributes:
        problems: one message per problem, each starting with where in the project it is
            (``plan[stage.framing-questions/ministry]: ...``).

    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(
            f"project cannot be appraised, {n} problem{'s' * (n != 1)}:\n{_bulleted(self.problems)}"
        )
