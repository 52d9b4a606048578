"""The exceptions coproduce raises.

Every exception the library raises on purpose derives from :class:`CoproduceError`.
Anything else escaping a public function is a bug: please report it.

Each subclass also derives from the builtin whose meaning it shares (``ValueError``,
``LookupError``), so callers that already catch those keep working, and each carries the
data that explains it as attributes, not only in its message.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CatalogueError",
    "CoproduceError",
    "CostingError",
    "DocumentError",
    "Issue",
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


class CostingError(CoproduceError, ValueError):
    """A project's costing cannot be worked out: a bad reference, rate card or currency.

    Raised by :func:`coproduce.costing.cost` before any arithmetic, e.g. when a costing line
    names a (stage, stakeholder) pair the plan does not hold, or two currencies meet.

    Attributes:
        problems: one message per problem, each starting with where it is
            (``costing.involvements[2].role: ...``).

    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(
            f"costing cannot be worked out, {n} problem{'s' * (n != 1)}:\n"
            f"{_bulleted(self.problems)}"
        )


@attrs.frozen(kw_only=True)
class Issue:
    """One problem in a document.

    Attributes:
        path: where, as a JSONPath-like string: ``$.stakeholders[2].kind``.
        code: what kind of problem: ``wrong-type``, ``invalid-value``, ``missing-field``,
            ``unknown-field``, ``duplicate-id``, ``unknown-reference``, ``too-large``,
            ``too-deep``, ``syntax``, ``unsupported-version``, ``currency-mismatch``.
        message: a readable sentence.
        expected: what would have been accepted, e.g. ``"one of 'low', 'medium', 'high'"``.

    """

    path: str
    code: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{self.path}: {self.message}{tail}"


class DocumentError(CoproduceError, ValueError):
    """A document (JSON, YAML, TOML or a dict) cannot be read into the model.

    Every problem found is reported, not only the first.

    Attributes:
        issues: one :class:`Issue` per problem, in document order.

    """

    def __init__(self, issues: Iterable[Issue], *, what: str = "document") -> None:
        self.issues = tuple(issues)
        self.what = what
        n = len(self.issues)
        super().__init__(
            f"{what} has {n} problem{'s' * (n != 1)}:\n"
            + _bulleted(tuple(str(i) for i in self.issues))
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td><code>{escape(i.path)}</code></td><td>{escape(i.code)}</td>"
            f"<td>{escape(i.message)}</td><td>{escape(i.expected)}</td></tr>"
            for i in self.issues
        )
        return (
            f"<p><strong>{escape(self.what)}</strong>: {len(self.issues)} problem(s)</p>"
            "<table><thead><tr><th>path</th><th>code</th><th>problem</th><th>expected</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
