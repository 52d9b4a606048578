"""The kinds of document coproduce reads and writes: one table, from which the rest derives.

:data:`DOCUMENT_KINDS` holds one :class:`DocumentKind` per kind. The readers take from it the
record each kind is read into, how its problems name it and how large it may be;
:mod:`coproduce.schema` the kinds that ship a JSON Schema; ``coproduce validate --kind`` and
``coproduce schema KIND`` their choices, and the file endings that mark a log. A new kind is
a row here (and, if :func:`coproduce.io.load` reads it, an overload of ``load`` for type
checkers).

Nothing here imports the model: a kind names its record, which is imported when first used.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

import attrs

from coproduce._record import Record

__all__ = [
    "APPRAISAL_SCALE",
    "DOCUMENT_KINDS",
    "LOG_SUFFIXES",
    "DocumentKind",
    "DocumentSource",
    "Kind",
    "document_kind_of",
    "loadable",
]

Kind = Literal["project", "appraisal", "catalogue", "log"]
"""The kinds of document :func:`coproduce.io.load` reads (those of :data:`DOCUMENT_KINDS`
that carry ``schema_version``)."""

DocumentSource = os.PathLike[str] | str | bytes | dict[str, Any]
"""Where a document comes from: a file (any path-like, e.g. ``pathlib.Path``), document text
or bytes, or already-parsed data. A plain ``str`` is document text, never a file name."""

APPRAISAL_SCALE = 8
"""How many times larger than a project's size limit an appraisal may be, by default.

An appraisal repeats, per stage and challenge, who is involved and why, so it is several
times the size of its project (about 6.5 times for the largest projects); an appraisal of
any project the default limits accept must load under the default limits too.
"""

LOG_SUFFIXES = (".log.yaml", ".log.yml", ".log.json", ".log.toml")
"""The file endings of involvement logs (``coproduce validate`` reads such a file as a log)."""


@attrs.frozen(kw_only=True)
class DocumentKind(Record):
    """One kind of document: what it is read into, how it is read, where it appears.

    Attributes:
        name: the kind's name, as :func:`coproduce.io.load`, ``coproduce validate --kind``
            and ``coproduce schema`` take it.
        record: the class a document of the kind is read into, as ``"module:Name"``;
            imported when first needed (:meth:`record_type`).
        reader: the function that reads one (:meth:`read`): a name in :mod:`coproduce.io`,
            or ``"module:function"`` for a reader that lives elsewhere (imported when used).
        description: what such a document holds, in one line.
        what: how problems name a document of the kind (``"log document"``).
        suffixes: the file endings that mark a file as this kind (``X.log.yaml``), if any.
        versioned: whether the document carries ``schema_version``: :func:`coproduce.io.load`
            reads it, and :func:`coproduce.io.to_data` writes it first.
        schema: whether a JSON Schema of the kind ships with the package
            (:func:`coproduce.schema.json_schema`, ``coproduce schema KIND``).
        size_scale: how many times the default size limit a document of the kind may be.

    Example:
        >>> from coproduce.io import DOCUMENT_KINDS
        >>> [k.name for k in DOCUMENT_KINDS.values() if k.schema]
        ['project', 'appraisal', 'catalogue', 'log']
        >>> DOCUMENT_KINDS["log"].suffixes[0], DOCUMENT_KINDS["entry"].what
        ('.log.yaml', 'log entry')

    """

    name: str
    record: str
    reader: str
    description: str
    what: str
    suffixes: tuple[str, ...] = ()
    versioned: bool = True
    schema: bool = True
    size_scale: int = 1

    def record_type(self) -> type[Any]:
        """The class a document of this kind is read into (imported now if need be).

        Example:
            >>> from coproduce.io import DOCUMENT_KINDS
            >>> DOCUMENT_KINDS["log"].record_type().__name__
            'InvolvementLog'

        """
        return _resolve(self.record)

    def read(self, source: DocumentSource, **options: Any) -> Any:
        """Read a document of this kind with its reader (options as the reader takes them).

        Example:
            >>> from coproduce.io import DOCUMENT_KINDS
            >>> DOCUMENT_KINDS["entry"].read('{"date": "2026-03-01"}').date
            '2026-03-01'

        """
        module, _, name = self.reader.rpartition(":")
        found = getattr(importlib.import_module(module or "coproduce.io"), name)
        reader: Callable[..., Any] = found
        return reader(source, **options)


@cache
def _resolve(record: str) -> type[Any]:
    module, _, name = record.partition(":")
    cls: type[Any] = getattr(importlib.import_module(module), name)
    return cls


def _table(*kinds: DocumentKind) -> Mapping[str, DocumentKind]:
    for kind in kinds:
        if kind.schema and not kind.versioned:
            raise ValueError(f"{kind.name}: a schema requires schema_version (versioned)")
    return MappingProxyType({kind.name: kind for kind in kinds})


DOCUMENT_KINDS: Mapping[str, DocumentKind] = _table(
    DocumentKind(
        name="project",
        record="coproduce.model:Project",
        reader="load_project",
        description="a research project: its aims, stakeholders, plan, conditions and costing",
        what="project document",
    ),
    DocumentKind(
        name="appraisal",
        # the engine's results module, not coproduce.appraisal: that would load the engine
        record="coproduce.appraisal._results:Appraisal",
        reader="load_appraisal",
        description="the appraisal of a project, as `coproduce appraise --format json` writes it",
        what="appraisal document",
        size_scale=APPRAISAL_SCALE,
    ),
    DocumentKind(
        name="catalogue",
        record="coproduce.catalogue:Catalogue",
        reader="load_catalogue",
        description="the stages, challenges, costs and conditions an appraisal reasons from",
        what="catalogue document",
    ),
    DocumentKind(
        name="log",
        record="coproduce.model:InvolvementLog",
        reader="load_log",
        description="what a project's involvement was, entry by entry, against its plan",
        what="log document",
        suffixes=LOG_SUFFIXES,
    ),
    DocumentKind(
        name="entry",
        record="coproduce.model:LogEntry",
        reader="load_entry",
        description="one entry of a log, as `coproduce log add --entry` takes it",
        what="log entry",
        versioned=False,
        schema=False,
    ),
    DocumentKind(
        name="rate-card",
        record="coproduce.model:RateCard",
        reader="load_rate_card",
        description="what each role is paid per hour, half-day or day, in one currency",
        what="rate card",
        versioned=False,
        schema=False,
    ),
)
"""Every kind of document, by name, in the order commands list them."""


def loadable() -> tuple[str, ...]:
    """The names of the kinds :func:`coproduce.io.load` reads: those with ``schema_version``."""
    return tuple(k.name for k in DOCUMENT_KINDS.values() if k.versioned)


def document_kind_of(value: object) -> DocumentKind | None:
    """The versioned kind whose record ``value`` is (of that very class), if any.

    Only a value whose class has a record's name is looked at further, so telling imports
    nothing that is not loaded already.
    """
    kind = _BY_CLASS_NAME.get(type(value).__qualname__)
    if kind is None or type(value) is not kind.record_type():
        return None
    return kind


_BY_CLASS_NAME = {k.record.partition(":")[2]: k for k in DOCUMENT_KINDS.values() if k.versioned}
