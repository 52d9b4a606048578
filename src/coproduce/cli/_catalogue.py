"""``coproduce catalogue``: the paper's catalogue, listed, shown entry by entry, or by source."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from coproduce.cli._common import Subparsers, Usage, add_command
from coproduce.errors import did_you_mean

__all__ = ["add_parsers"]

EXAMPLES = """\
examples:
  coproduce catalogue                               every entry, by kind, with its page
  coproduce catalogue show condition.capacity       one entry in full
  coproduce catalogue --format json > catalogue.json
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce catalogue`` to the subcommands ``sub``."""
    _catalogue_arguments(
        add_command(
            sub, "catalogue", _run, epilog=EXAMPLES, help="list or show the paper's catalogue"
        )
    )


def _catalogue_arguments(catalogue: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce catalogue``."""
    catalogue.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    catalogue.add_argument("entry", nargs="?", metavar="ID", help="the entry to show")
    catalogue.add_argument("--format", "-f", choices=["text", "json"], default="text")
    catalogue.add_argument(
        "--source",
        metavar="ID",
        help="list only the entries citing this document (the paper is "
        "oliver-kothari-mays-2019; `coproduce catalogue --source list` lists the documents)",
    )


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.catalogue import ENTRY_FIELDS
    from coproduce.catalogue import default as default_catalogue
    from coproduce.errors import UnknownEntryError
    from coproduce.io import to_data

    cat = default_catalogue()
    if args.source is not None:
        return _catalogue_source(cat, args, stdout)
    if args.action == "show":
        if not args.entry:
            raise Usage("catalogue show needs an entry id, e.g. condition.capacity")
        practice = {e.id: e for e in cat.practice.entries()}
        try:
            entry = practice[args.entry] if args.entry in practice else cat.get(args.entry)
        except UnknownEntryError:
            hint = did_you_mean(args.entry, [e.id for e in cat.entries()])
            raise Usage(
                f"no catalogue entry {args.entry!r}; "
                + (hint if hint else "see: coproduce catalogue")
            ) from None
        data = to_data(entry)
        if args.format == "json":
            stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            stdout.write(_describe(data))
        return 0
    if args.format == "json":
        from coproduce.io import dump_catalogue

        stdout.write(dump_catalogue(cat))
        return 0
    stdout.write(f"{cat.reference.citation} doi:{cat.reference.doi} (catalogue {cat.version})\n")
    for name in ENTRY_FIELDS:
        entries = getattr(cat, name)
        stdout.write(f"\n{name.replace('_', ' ')} ({len(entries)})\n")
        for e in entries:
            stdout.write(f"  {e.id:42} {e.label}  [p. {e.source.page}]\n")
    n, docs = len(cat.practice.entries()), len(cat.practice.documents)
    if n:
        stdout.write(
            f"\npractice layer ({n} entries from {docs} documents, kept apart from the paper)\n"
            "  list them by document: coproduce catalogue --source list\n"
        )
    return 0


def _catalogue_source(cat: Any, args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.errors import UnknownEntryError
    from coproduce.io import to_data

    if args.source == "list":
        for doc in cat.documents():
            stdout.write(f"{doc.id:34} {doc}\n")
        return 0
    try:
        entries = cat.entries_of(args.source)
    except UnknownEntryError:
        known = ", ".join(d.id for d in cat.documents())
        raise Usage(f"no document {args.source!r}; expected one of {known}") from None
    if args.format == "json":
        data = [to_data(e) for e in entries]
        stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    doc = next(d for d in cat.documents() if d.id == args.source)
    stdout.write(f"{doc}\n{len(entries)} entries\n")
    for e in entries:
        sources = getattr(e, "sources", (e.source,))
        where = next(s for s in sources if s.document == args.source)
        stdout.write(f"  {e.id:46} {e.label}  [p. {where.page}, {where.locator}]\n")
    return 0


def _describe(data: dict[str, Any], indent: str = "") -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:\n{_describe(value, indent + '  ').rstrip()}")
        elif isinstance(value, list):
            if not value:
                continue
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines.append(_describe(item, indent + "  - ").rstrip("\n"))
                else:
                    lines.append(f"{indent}  - {item}")
        elif value not in (None, ""):
            lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines) + "\n"
