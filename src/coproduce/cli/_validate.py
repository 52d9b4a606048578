"""``coproduce validate``: every problem of every document, each at file:line:column."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import attrs

from coproduce._record import Record
from coproduce._text import visible
from coproduce.cli._common import (
    RATES_HELP,
    Subparsers,
    add_command,
    cards_under,
    one_of,
    rate_card,
)
from coproduce.errors import DocumentError, Issue
from coproduce.io import DOCUMENT_KINDS

if TYPE_CHECKING:
    from coproduce.io import Kind
    from coproduce.model import Project, RateCard

__all__ = ["add_parsers"]

EXAMPLES = """\
examples:
  coproduce validate project.yaml                   ok, or every problem at file:line:col
  coproduce validate projects/*.yaml                many documents at once
  coproduce validate --kind appraisal report.json   an appraisal written with -f json
  coproduce validate project.yaml --rates my.toml   the costing's roles against my card
  coproduce validate projects/*.yaml -f json        problems as records, for an editor or CI
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce validate`` to the subcommands ``sub``."""
    validate = add_command(
        sub,
        "validate",
        _run,
        epilog=EXAMPLES,
        help="check documents and list every problem",
        description="Check documents and list every problem, each at file:line:column. "
        "A project's costing is checked as `coproduce cost` would cost it: every role it "
        "names needs a rate in the project's own card or the shipped one (or the card "
        "given with --rates), in the costing's currency.",
    )
    _validate_arguments(validate)


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce validate``."""
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    validate.add_argument(
        "--kind",
        choices=[k.name for k in DOCUMENT_KINDS.values() if k.versioned],
        help=f"what the documents are (default: {_marked()}, else {_DEFAULT_KIND})",
    )
    validate.add_argument(
        "--project",
        type=Path,
        metavar="PROJECT",
        help="check logs against this project (default: the project each log names, found "
        "beside it or in the folder above)",
    )
    validate.add_argument("--rates", type=Path, metavar="FILE", help=RATES_HELP)
    validate.add_argument(
        "--format",
        "-f",
        choices=["text", "json"],
        default="text",
        help="text (default): ok, or each problem at file:line:column; json: each document "
        "with its problems and warnings as records (file, path, line, column, code, message, "
        "expected, severity)",
    )


_DEFAULT_KIND = "project"
"""The kind of a document whose file name marks no kind (see :func:`_kind_of`)."""


def _marked() -> str:
    """The kinds file names mark: ``log for X.log.yaml, .yml, .json or .toml``."""
    return "; ".join(
        f"{k.name} for X{one_of([k.suffixes[0], *(Path(s).suffix for s in k.suffixes[1:])])}"
        for k in DOCUMENT_KINDS.values()
        if k.suffixes
    )


def _kind_of(path: Path) -> Kind:
    """The kind the file name marks (``X.log.yaml``: a log), else the default kind."""
    name = path.name.lower()
    marked = (k.name for k in DOCUMENT_KINDS.values() if k.suffixes and name.endswith(k.suffixes))
    return cast("Kind", next(marked, _DEFAULT_KIND))


@attrs.frozen
class _Checked(Record):
    """What ``validate`` found in one document."""

    file: Path
    kind: str
    error: DocumentError | None = None
    note: str = ""
    warnings: tuple[Issue, ...] = ()
    against: Path | None = None


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    card = rate_card(args.rates)  # a bad --rates file: reported once, as `cost` reports it
    found = []
    for path in args.paths:
        kind: Kind = args.kind or _kind_of(path)
        try:
            found.append(_validate_one(path, kind, args.project, (card, args.rates)))
        except DocumentError as exc:
            found.append(_Checked(path, kind, error=exc))
    if args.format == "json":
        stdout.write(json.dumps(_as_data(found), indent=2, ensure_ascii=False) + "\n")
    else:
        for checked in found:
            stdout.write(_as_text(checked, guessed=args.kind is None))
    return 1 if any(c.error for c in found) else 0


def _as_text(checked: _Checked, *, guessed: bool) -> str:
    """What ``validate`` prints for one document: ok, or every problem at file:line:column."""
    name = visible(str(checked.file))
    exc = checked.error
    if exc is None:
        lines = [visible(f"{name}: ok{checked.note}{_counted(checked.warnings)}")]
        lines += [_issue_line(name, i, "warning: ") for i in checked.warnings]
        return "\n".join(lines) + "\n"
    n = len(exc.issues) + exc.omitted
    more = "+" if exc.truncated else ""
    problems = f"{n}{more} problem{'s' * (n != 1 or bool(more))}"
    file = name
    if exc.source and Path(exc.source) != checked.file:  # the log's project, not the log
        file = visible(str(exc.source))
        lines = [f"{name}: its project {file} has {problems}"]
    else:
        lines = [f"{name}: {problems}"]
    lines += [_issue_line(file, issue) for issue in exc.issues]
    if exc.rest:
        lines.append(f"  … {exc.rest}")
    if guessed and checked.kind == _DEFAULT_KIND and _looks_like_log(exc):
        lines.append("  (it looks like a log: name it X.log.yaml or pass --kind log)")
    return "\n".join(lines) + "\n"


def _counted(warnings: tuple[Issue, ...]) -> str:
    n = len(warnings)
    return f", {n} warning{'s' * (n != 1)}" if n else ""


def _issue_line(file: str, issue: Issue, tag: str = "") -> str:
    where = f"{file}:{issue.location}: " if issue.location else "  "
    return visible(f"{where}{tag}{issue}  [{issue.code}]")


def _as_data(found: list[_Checked]) -> dict[str, Any]:
    """``validate --format json``: each document, and its problems and warnings as records."""

    def record(issue: Issue, file: str, severity: str) -> dict[str, Any]:
        return {
            "file": file,
            "path": issue.path,
            "line": issue.line,
            "column": issue.column,
            "code": issue.code,
            "message": issue.message,
            "expected": issue.expected or None,
            "severity": severity,
        }

    documents = []
    for c in found:
        exc = c.error
        file = str(exc.source) if exc is not None and exc.source else str(c.file)
        issues = () if exc is None else exc.issues
        documents.append(
            {
                "file": str(c.file),
                "kind": c.kind,
                "valid": exc is None,
                "checked_against": None if c.against is None else str(c.against),
                "problems": [record(i, file, "error") for i in issues],
                "not_shown": 0 if exc is None else exc.omitted,
                "truncated": False if exc is None else exc.truncated,
                "warnings": [record(i, str(c.file), "warning") for i in c.warnings],
            }
        )
    return {"valid": all(d["valid"] for d in documents), "documents": documents}


def _validate_one(
    path: Path, kind: Kind, project_file: Path | None, rates: tuple[RateCard, Path | None]
) -> _Checked:
    """Load one document and check it: what was checked, and its warnings.

    A log is checked against its project; a project's costing against the rate cards
    ``coproduce cost`` would use (``rates``: the card and the ``--rates`` file, if any).
    """
    from coproduce.model import Project

    if kind != "log":
        value = DOCUMENT_KINDS[kind].read(path)
        if isinstance(value, Project) and value.costing is not None:
            _check_costing(path, value, *rates)
        if isinstance(value, Project):
            return _Checked(path, kind, warnings=_warnings(path, value))
        return _Checked(path, kind)
    from coproduce.io import load_log, load_project
    from coproduce.portfolio import project_for

    found = project_file or project_for(path)
    if found is None:
        load_log(path)
        return _Checked(
            path,
            kind,
            note=" (its stakeholders, researchers and aims not checked: no project with its "
            "id beside it; pass --project)",
        )
    load_log(path, project=load_project(found))
    return _Checked(path, kind, note=f" (checked against {found})", against=found)


def _warnings(path: Path, project: Project) -> tuple[Issue, ...]:
    """The project's warnings (:func:`coproduce.appraisal.plan_warnings`), located."""
    from coproduce.appraisal import plan_warnings
    from coproduce.io import locate_issues

    found = tuple(
        Issue(path=f"$.{at}", code=code, message=text) for at, code, text in plan_warnings(project)
    )
    return locate_issues(found, path, None) if found else ()


def _check_costing(path: Path, project: Project, card: RateCard, file: Path | None) -> None:
    """Raise what ``coproduce cost`` with ``card`` would refuse and loading leaves unchecked.

    That is: roles without a rate in the cards, a card in another currency. They are raised
    as the document's problems, with line and column.
    """
    from coproduce.costing import costing_problems
    from coproduce.io import locate_issues

    assert project.costing is not None
    under = cards_under(card, file, project.costing.currency)
    problems = costing_problems(project, rates=under, roles=True)
    if not problems:
        return
    own = project.costing.rate_card
    given = f"the card in {file} ({card.id!r})" if file else f"the shipped card {card.id!r}"
    if under is None:  # the shipped card, in another currency, is not layered under it
        given = f"no other card (the shipped card {card.id!r} is in {card.currency})"
    cards = f"the project's own card {own.id!r} over {given}" if own else given
    hint = "" if file else "; --rates FILE names another card"
    issues = []
    for at, code, text in problems:
        if at == "rates.currency":
            issue = Issue(
                path="$.costing.currency",
                code=code,
                message=f"the currency of {given} {text}{hint}",
            )
        elif at.startswith("rates."):  # a problem of the given card itself (two rates per role)
            issue = Issue(
                path="$.costing", code=code, message=f"{given}, at {at[6:]}: {text}{hint}"
            )
        else:
            issue = Issue(path=f"$.{at}", code=code, message=f"{text}; looked in {cards}{hint}")
        issues.append(issue)
    raise DocumentError(
        locate_issues(tuple(issues), path, None), what="project document", source=str(path)
    )


def _looks_like_log(exc: DocumentError) -> bool:
    unknown = {i.path for i in exc.issues if i.code == "unknown-field"}
    return {"$.entries", "$.project"} & unknown != set()
