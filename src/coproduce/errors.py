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
    "DocumentError",
    "Issue",
    "PlanError",
    "PolicyError",
    "UnknownEntryError",
]


class CoproduceError(Exception):
    """Root of every error coproduce raises on purpose."""


class UnknownEntryError(CoproduceError, LookupError):
    """An id that names nothing: no catalogue entry, stakeholder or graph node has it.

    Attributes:
        entry_id: the id that was asked for.
        what: what kind of thing was looked for (``"catalogue entry"``, ``"stakeholder"``,
            ``"graph node"``).

    Example:
        >>> from coproduce.errors import UnknownEntryError
        >>> err = UnknownEntryError("cost.nope")
        >>> str(err), err.entry_id
        ("unknown catalogue entry: 'cost.nope'", 'cost.nope')
        >>> str(UnknownEntryError("press", what="stakeholder"))
        "unknown stakeholder: 'press'"

    """

    def __init__(self, entry_id: str, *, what: str = "catalogue entry") -> None:
        self.entry_id = entry_id
        self.what = what
        super().__init__(f"unknown {what}: {entry_id!r}")


def _bulleted(problems: tuple[str, ...]) -> str:
    return "\n".join(f"  - {p}" for p in problems)


class PolicyError(CoproduceError, ValueError):
    """A :class:`~coproduce.appraisal.Policy` whose settings contradict each other.

    Raised when the policy is made: a negative weight, severity cut-offs out of order, a
    verdict without an advised mode, and so on. Every problem is reported at once.

    Attributes:
        problems: one readable message per problem, in a stable order.

    Example:
        >>> from coproduce.appraisal import Policy
        >>> Policy(min_coverage=2.0)
        Traceback (most recent call last):
        ...
        coproduce.errors.PolicyError: invalid policy: min_coverage must be between 0 and 1

    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid policy: " + "; ".join(self.problems))


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


@attrs.frozen(kw_only=True)
class Issue:
    """One problem in a document.

    Attributes:
        path: where, as a JSONPath-like string: ``$.stakeholders[2].kind``.
        code: what kind of problem: ``wrong-type``, ``invalid-value``, ``missing-field``,
            ``unknown-field``, ``duplicate-id``, ``unknown-reference``, ``too-large``,
            ``too-deep``, ``syntax``, ``unsupported-version``, ``unreadable``.
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


class PlanError(CoproduceError, ValueError):
    """A project cannot be appraised: it refers to things it does not define.

    Raised by :func:`coproduce.appraise` before any appraisal is attempted, e.g. when the
    involvement plan names a stakeholder the project does not list. It has the shape of
    :class:`DocumentError`: one :class:`Issue` per problem, each with its path in the project
    (``plan[3].stakeholder``) and a code (``unknown-reference``, ``duplicate-id``).

    Attributes:
        issues: one :class:`Issue` per problem, in document order.

    Example:
        >>> from coproduce import Involvement, Mode, Project, appraise
        >>> p = Project(title="t", plan=(
        ...     Involvement(stage="stage.dissemination", stakeholder="press", mode=Mode.ADVICE),))
        >>> appraise(p)
        Traceback (most recent call last):
        ...
        coproduce.errors.PlanError: project cannot be appraised, 1 problem:
          - plan[0].stakeholder: names 'press', which is not among the project's stakeholders

    """

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = tuple(issues)
        n = len(self.issues)
        super().__init__(
            f"project cannot be appraised, {n} problem{'s' * (n != 1)}:\n"
            + _bulleted(tuple(str(i) for i in self.issues))
        )

    @property
    def problems(self) -> tuple[str, ...]:
        """Each issue as one readable line, ``path: message`` (as in ``str(err)``)."""
        return tuple(str(i) for i in self.issues)
