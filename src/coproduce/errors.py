"""The exceptions coproduce raises.

Every exception the library raises on purpose derives from :class:`CoproduceError`.
Anything else escaping a public function is a bug: please report it.

Each subclass also derives from the builtin whose meaning it shares (``ValueError``,
``LookupError``), so callers that already catch those keep working, and each carries the
data that explains it as attributes, not only in its message.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import attrs

from coproduce._record import Record

__all__ = [
    "MAX_ISSUES",
    "CatalogueError",
    "CoproduceError",
    "CostingError",
    "DocumentError",
    "FieldValueError",
    "Issue",
    "OutputFormatError",
    "PlanError",
    "PolicyError",
    "UnknownEntryError",
    "did_you_mean",
]

MAX_ISSUES = 100
"""At most this many issues are kept in a :class:`DocumentError`; the rest are counted."""


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """A hint naming the candidate closest to a misspelt ``word``, or ``""`` if none is close.

    Example:
        >>> did_you_mean("patinet", ["patient", "public", "carer"])
        "did you mean 'patient'?"
        >>> did_you_mean("zzz", ["patient"])
        ''

    """
    if not isinstance(word, str) or len(word) > 200:
        return ""
    import difflib  # only on an error path

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f"did you mean {close[0]!r}?" if close else ""


class CoproduceError(Exception):
    """Root of every error coproduce raises on purpose."""


class FieldValueError(CoproduceError, ValueError):
    """A value one field of the model refuses; ``field`` names the field.

    Loading reports it at the field's own path (``$.entries[2].date``), not the record's.

    Example:
        >>> from coproduce.model import LogEntry
        >>> try:
        ...     LogEntry(date="2026-02-30")
        ... except FieldValueError as exc:
        ...     print(exc.field, "-", exc)
        date - date '2026-02-30' is not a day of the calendar

    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


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

    def __reduce__(self) -> tuple[Any, ...]:
        # keep the data, not the message, so the copy in another process is the same error
        return (type(self), (self.entry_id,), self.__dict__)


def _bulleted(problems: tuple[str, ...]) -> str:
    return "\n".join(f"  - {p}" for p in problems)


class OutputFormatError(CoproduceError, ValueError):
    """An output file whose suffix names no format the writer has, or another than asked.

    Raised by :func:`coproduce.io.output_format` (every command and writer chooses a format
    through it), before anything is written.

    Attributes:
        path: the output file as given.
        formats: the formats the writer can write, in its order.

    Example:
        >>> from coproduce.io import output_format
        >>> from coproduce.errors import OutputFormatError
        >>> try:
        ...     output_format("report.pdf", formats=("text", "html"))
        ... except OutputFormatError as exc:
        ...     print(exc)
        report.pdf: cannot write .pdf; name the file .txt or .html, or give the format

    """

    def __init__(self, path: str, formats: Iterable[str], reason: str) -> None:
        self.path = path
        self.formats = tuple(formats)
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.formats, str(self).removeprefix(f"{self.path}: ")))


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

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,), self.__dict__)


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
class Issue(Record):
    """One problem in a document.

    Attributes:
        path: where, as a JSONPath-like string: ``$.stakeholders[2].kind``; a key that is
            not a plain name is quoted: ``$['x-a.b']``.
        code: what kind of problem: ``wrong-type``, ``invalid-value``, ``missing-field``,
            ``unknown-field``, ``duplicate-id``, ``unknown-reference``, ``too-large``,
            ``too-deep``, ``too-many``, ``syntax``, ``unsupported-version``, ``unreadable``,
            ``currency-mismatch``.
        message: a readable sentence.
        expected: what would have been accepted, e.g. ``"one of 'low', 'medium', 'high'"``.
        line: the line in the document text where the problem is (from 1), when the format
            and the problem allow it to be known; ``None`` otherwise.
        column: the column on that line (from 1), or ``None``.

    """

    path: str
    code: str
    message: str
    expected: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{self.path}: {self.message}{tail}"

    @property
    def location(self) -> str:
        """``line:column`` (or ``line``) in the document text, or ``""`` when not known."""
        if self.line is None:
            return ""
        return f"{self.line}:{self.column}" if self.column is not None else f"{self.line}"


class DocumentError(CoproduceError, ValueError):
    """A document (JSON, YAML, TOML or a dict) cannot be read into the model.

    Every problem found is reported, not only the first, up to :data:`MAX_ISSUES`; beyond
    that the problems are counted (``omitted``) rather than kept, so that a huge broken
    document fails fast and in bounded memory. The message is built only when it is shown.

    Attributes:
        issues: one :class:`Issue` per problem, in document order (at most ``MAX_ISSUES``).
        what: what was being read, e.g. ``"project document"``.
        omitted: how many further problems were found but not kept.
        truncated: whether reading stopped early, so that more problems may exist.
        source: the file the document was read from, or ``None``.

    Example:
        >>> import pickle
        >>> err = DocumentError([Issue(path="$.title", code="wrong-type", message="got 3")],
        ...                     what="project document", source="p.json")
        >>> print(err)
        p.json: project document has 1 problem:
          - $.title: got 3
        >>> str(pickle.loads(pickle.dumps(err))) == str(err)
        True

    """

    def __init__(
        self,
        issues: Iterable[Issue],
        *,
        what: str = "document",
        omitted: int = 0,
        truncated: bool = False,
        source: str | None = None,
    ) -> None:
        iterator = iter(issues)
        self.issues = tuple(itertools.islice(iterator, MAX_ISSUES))
        self.omitted = omitted + sum(1 for _ in iterator)
        self.truncated = truncated
        self.what = what
        self.source = source
        super().__init__()

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.issues,), self.__dict__)

    def __str__(self) -> str:
        n = len(self.issues) + self.omitted
        more = "+" if self.truncated else ""
        head = f"{self.source}: " if self.source else ""
        lines = [
            f"{head}{self.what} has {n}{more} problem{'s' * (n != 1 or bool(more))}:",
            *(f"  - {_located(i, self.source)}" for i in self.issues),
        ]
        if self.omitted or self.truncated:
            lines.append(f"  … {self.rest}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.what!r}, {len(self.issues) + self.omitted} issues)"

    @property
    def rest(self) -> str:
        """What the message says about the problems not listed, or ``""``."""
        if not (self.omitted or self.truncated):
            return ""
        parts = [f"{self.omitted} more not listed"] if self.omitted else []
        if self.truncated:
            parts.append("checking stopped there, so more may follow")
        return "; ".join(parts)

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td><code>{escape(i.path)}</code></td><td>{escape(i.code)}</td>"
            f"<td>{escape(i.message)}</td><td>{escape(i.expected)}</td></tr>"
            for i in self.issues
        )
        rest = f"<p>… {escape(self.rest)}</p>" if self.rest else ""
        return (
            f"<p><strong>{escape(self.what)}</strong>: "
            f"{len(self.issues) + self.omitted} problem(s)</p>"
            "<table><thead><tr><th>path</th><th>code</th><th>problem</th><th>expected</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>{rest}"
        )


class PlanError(CoproduceError, ValueError):
    """A project cannot be appraised: it refers to things it does not define.

    Raised by :func:`coproduce.appraise` before any appraisal is attempted, e.g. when the
    involvement plan names a stakeholder the project does not list. It has the shape of
    :class:`DocumentError`: one :class:`Issue` per problem, each with its path in the project
    (``$.plan[3].stakeholder``, as documents spell it) and a code (``unknown-reference``,
    ``duplicate-id``, ``wrong-type``). A record built in Python with a value of the wrong
    type raises it too, its heading then naming the record (``a line of the plan
    (Involvement) cannot be built``) and its paths starting from the record (``$.mode``).

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
          - $.plan[0].stakeholder: names 'press', which is not among the project's stakeholders

    """

    def __init__(
        self, issues: Iterable[Issue], *, heading: str = "project cannot be appraised"
    ) -> None:
        self.issues = tuple(
            i if i.path.startswith("$") else attrs.evolve(i, path=_dollar(i.path)) for i in issues
        )
        self.heading = heading
        n = len(self.issues)
        super().__init__(
            f"{heading}, {n} problem{'s' * (n != 1)}:\n"
            + _bulleted(tuple(str(i) for i in self.issues))
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_plan_error, (self.issues, self.heading), self.__dict__)

    @property
    def problems(self) -> tuple[str, ...]:
        """Each issue as one readable line, ``path: message`` (as in ``str(err)``)."""
        return tuple(str(i) for i in self.issues)


def _plan_error(issues: tuple[Issue, ...], heading: str) -> PlanError:
    return PlanError(issues, heading=heading)


def _dollar(path: str) -> str:
    """A path as documents spell it: ``plan[0].mode`` is ``$.plan[0].mode``."""
    return "$" if not path else f"${path}" if path[0] == "[" else f"$.{path}"


def _located(issue: Issue, source: str | None) -> str:
    if not issue.location:
        return str(issue)
    if source:
        return f"{source}:{issue.location}: {issue}"
    return f"{issue} (line {issue.location.replace(':', ', column ')})"
