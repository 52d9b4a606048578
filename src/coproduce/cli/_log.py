"""``coproduce log``: start a project's involvement log, and append entries to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coproduce._text import visible
from coproduce.cli._common import Subparsers, Usage, add_command, chosen_format, note
from coproduce.errors import DocumentError

if TYPE_CHECKING:
    from coproduce.errors import Issue
    from coproduce.io import Format
    from coproduce.model import Project, Researcher

__all__ = ["add_parsers"]

EXAMPLES = (
    "examples (the project in study.yaml has id: falls-study):\n"
    "  coproduce log new study.yaml          writes falls-study.log.yaml beside it\n"
    "  coproduce log codes study.yaml        the stages, risk codes and ids an entry may name\n"
    "  coproduce log add falls-study.log.yaml --entry june.yaml"
)


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce log`` (``log new``, ``log add``) to the subcommands ``sub``."""
    log = add_command(sub, "log", _run, epilog=EXAMPLES, help="work with an involvement log")
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    _log_new_arguments(log_sub.add_parser("new", help="start the involvement log of a project"))
    _log_add_arguments(
        log_sub.add_parser("add", help="append one entry to a log (validated, atomic)")
    )
    codes = log_sub.add_parser(
        "codes",
        help="list the stages, risk codes, stakeholders, researchers and aims an entry may name",
    )
    codes.add_argument(
        "project",
        type=Path,
        metavar="PROJECT",
        nargs="?",
        help="the project whose log it is (without it: the catalogue's stages and risk codes)",
    )
    codes.add_argument("--format", "-f", choices=["text", "json"], default="text")


def _log_new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("project", type=Path, metavar="PROJECT", help="the project (it needs an id)")
    new.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="LOG",
        help="where to write it (default: ID.log.yaml beside the project)",
    )
    new.add_argument("--format", "-f", choices=["yaml", "json", "toml"], help="default yaml")
    new.add_argument(
        "--currency",
        metavar="CODE",
        help="ISO 4217 code of the amounts it will record (default: the costing's)",
    )


def _log_add_arguments(add: argparse.ArgumentParser) -> None:
    add.add_argument("log", type=Path, metavar="LOG", help="the log document")
    add.add_argument(
        "--entry",
        type=Path,
        required=True,
        metavar="ENTRY",
        help="one entry (YAML, JSON or TOML): date, activities, spending, ...",
    )
    add.add_argument(
        "--project",
        type=Path,
        metavar="PROJECT",
        help="the project the log belongs to (default: ID.yaml, .yml, .json or .toml beside "
        "the log or in the folder above, where ID is the log's project)",
    )


def _project_beside(log_path: Path) -> Path:
    """The project file the log names, near the log (see ``portfolio.project_for``)."""
    from coproduce.io import load_log
    from coproduce.portfolio import project_for

    found = project_for(log_path)
    if found is not None:
        return found
    pid = load_log(log_path, references=False).project
    folders = " or ".join(str(f) for f in dict.fromkeys([log_path.parent, log_path.parent.parent]))
    raise Usage(
        f"{log_path} is the log of project {pid!r}, but no project with that id is in "
        f"{folders}; pass --project FILE so the entry's stakeholders, researchers and aims "
        "can be checked"
    )


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.log_command == "new":
        return _run_new(args, stdout)
    if args.log_command == "codes":
        return _run_codes(args, stdout)
    from coproduce.io import (
        Limits,
        append_to_log,
        detect_format,
        load_entry,
        load_project,
        read_file,
    )

    project_path = args.project or _project_beside(args.log)
    project = load_project(project_path)
    try:  # read once, bounded: a pipe gives its entry once, a device is refused
        raw = read_file(args.entry, Limits())
        fmt = detect_format(args.entry)
        entry = load_entry(raw, format=fmt)
    except DocumentError as exc:
        exc.source, exc.what = str(args.entry), "log entry"
        raise
    own = None if fmt == "toml" else raw.decode("utf-8-sig")
    yaml = own if fmt == "yaml" else None
    try:
        new = append_to_log(args.log, entry, project=project, entry_text=yaml)
    except DocumentError as exc:
        if exc.what == "log entry":
            exc.source = str(args.entry)
            exc.issues = _located(exc.issues, own, fmt)
        raise
    stdout.write(
        f"{args.log}: entry {len(new.entries)} ({entry.date}) appended, "
        f"checked against {project_path}\n"
    )
    return 0


def _located(issues: tuple[Issue, ...], text: str | None, fmt: Format) -> tuple[Issue, ...]:
    from coproduce.io import locate_issues

    return issues if text is None else locate_issues(issues, text, fmt)


def _run_new(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.io import load_project, new_log_text, write_text

    project = load_project(args.project)
    if project.id is None:
        raise Usage(
            f"{args.project} has no id; add `id: my-study` (letters, digits and hyphens) to "
            "it: the log names its project by id"
        )
    fmt: Format = chosen_format(args, ("yaml", "json", "toml"))  # type: ignore[assignment]
    output = args.output or args.project.with_name(f"{project.id}.log.{fmt}")
    if output.exists():
        raise Usage(f"{output} exists; a log is only ever appended to (coproduce log add)")
    try:
        text = new_log_text(project, fmt, currency=args.currency)
    except ValueError as exc:
        raise Usage(f"--currency {args.currency}: {exc}") from None
    write_text(output, text)
    print(visible(f"wrote {output}: a new log for project {project.id!r}"), file=sys.stderr)
    if args.currency is None and project.costing is None:
        note(
            f"the log has no currency, so it cannot record money yet; add `currency: "
            f"GBP` (your ISO 4217 code) to {output}, or start it with --currency"
        )
    return 0


def _codes(project: Project | None) -> dict[str, dict[str, str]]:
    """What a log entry may name: each kind of reference, its ids and what each is."""
    from coproduce.catalogue import default
    from coproduce.tracking import risk_labels

    cat = default()
    found: dict[str, dict[str, str]] = {
        "stages": {s.id: s.label for s in cat.stages},
        "risk codes": dict(sorted(risk_labels(cat).items())),
    }
    if project is not None:
        found["stakeholders"] = {
            s.id: f"{s.kind.value}" + (f": {s.description}" if s.description else "")
            for s in project.stakeholders
        }
        found["researchers"] = {r.id: _researcher(r) for r in project.researchers}
        found["aims"] = {a.id: a.description for a in project.aims}
    return found


def _researcher(r: Researcher) -> str:
    """``early career, fixed-term``: what the project says of a researcher (may be nothing)."""
    said = [
        *([f"{r.career_stage.value} career"] if r.career_stage is not None else []),
        *([r.contract.value] if r.contract is not None else []),
    ]
    return ", ".join(said) or "(career stage and contract not given)"


_WHERE = {
    "stages": "activities[].stage, spending[].stage, changes[].stage",
    "risk codes": "risks[].code, mitigations[].risk",
    "stakeholders": "activities[].participants[].stakeholder, risks[].stakeholders, "
    "impacts[].stakeholders, changes[].stakeholder",
    "researchers": "activities[].team[].researcher",
    "aims": "impacts[].aims",
}
"""Where in an entry each kind of reference goes."""


def _run_codes(args: argparse.Namespace, stdout: TextIO) -> int:
    import json

    from coproduce.io import load_project

    project = load_project(args.project) if args.project is not None else None
    found = _codes(project)
    if args.format == "json":
        stdout.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
        return 0
    title = f"project {project.id or project.title!r}" if project else "any project"
    lines = [f"What a log entry may name, for {title}"]
    for kind, ids in found.items():
        lines += ["", f"{kind.capitalize()} (in {_WHERE[kind]})"]
        width = max((len(i) for i in ids), default=0)
        lines += [f"  {i.ljust(width)}  {what}".rstrip() for i, what in ids.items()]
        if not ids:
            lines.append("  (none: the project lists none)")
    if project is None:
        lines += ["", "Give the PROJECT to list its stakeholders, researchers and aims too."]
    stdout.write(visible("\n".join(lines)) + "\n")
    return 0
