"""Writing the model as documents: plain data (:func:`to_data`) and document text.

JSON goes by the fast writer (:mod:`coproduce.io._fast_write`) when it can write the value
exactly as the reference does; everything else, and YAML and TOML, by the converter.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from coproduce.io._converter import converter
from coproduce.io._fast_write import fast_encode
from coproduce.io._formats import serialise
from coproduce.io._kinds import document_kind_of
from coproduce.io._read import Format, detect_format
from coproduce.io._versions import SCHEMA_VERSION
from coproduce.io._write import write_text

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal
    from coproduce.catalogue import Catalogue
    from coproduce.model import InvolvementLog, Project

__all__ = [
    "dump",
    "dump_appraisal",
    "dump_catalogue",
    "dump_log",
    "dump_project",
    "to_data",
    "write",
]


@overload
def to_data(value: Project | Appraisal | Catalogue | InvolvementLog) -> dict[str, Any]: ...
@overload
def to_data(value: object) -> Any: ...
def to_data(value: object) -> Any:
    """The plain, JSON-safe data of a value of the model, as documents hold it.

    A project, appraisal or catalogue becomes its whole document, ``schema_version`` first.
    Anything else the model holds (a stakeholder, a catalogue entry, an :class:`Issue`, an
    enum, a tuple of them, a portfolio summary) becomes the same data it has inside a
    document: records are dicts keyed by attribute name, enums their values, tuples lists.

    Example:
        >>> from coproduce import Mode, Stakeholder, StakeholderKind
        >>> from coproduce.io import load_example, to_data
        >>> list(to_data(load_example()))[:2]
        ['schema_version', 'title']
        >>> data = to_data(Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER))
        >>> data["id"], data["kind"], data["brings"]
        ('ministry', 'policy-maker', [])
        >>> to_data((Mode.ADVICE, Mode.PARTNERSHIP))
        ['advice', 'partnership']

    """
    if document_kind_of(value) is not None:
        return {"schema_version": SCHEMA_VERSION, **converter.unstructure(value)}
    return converter.unstructure(value)


def dump(
    value: Project | Appraisal | Catalogue | InvolvementLog,
    format: Format = "json",
    *,
    compact: bool = False,
) -> str:
    """Document text for a project, appraisal, catalogue or log. Deterministic.

    Args:
        value: what to write.
        format: ``"json"``, ``"yaml"`` or ``"toml"``.
        compact: JSON on one line, without indentation or spaces (about a third smaller;
            the same document). JSON only.

    Raises:
        ValueError: unknown format, ``compact`` for YAML or TOML, or (TOML) an ``x-`` value
            holds a null, which TOML cannot represent.

    Example:
        >>> from coproduce.io import dump, load_example
        >>> dump(load_example(), compact=True)[:36]
        '{"schema_version":2,"title":"Evaluat'

    """
    if format == "json":
        fast = fast_encode(value, indent=None if compact else 2)
        if fast is not None:
            return fast.decode() + "\n"
    return serialise(to_data(value), format, compact=compact)


def dump_project(project: Project, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for a project (``compact``: see :func:`dump`)."""
    return dump(project, format, compact=compact)


def dump_appraisal(appraisal: Appraisal, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for an appraisal (``compact``: JSON on one line, see :func:`dump`)."""
    return dump(appraisal, format, compact=compact)


def dump_catalogue(catalogue: Catalogue, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for a catalogue (``compact``: see :func:`dump`)."""
    return dump(catalogue, format, compact=compact)


def dump_log(log: InvolvementLog, format: Format = "json", *, compact: bool = False) -> str:
    """Document text for an involvement log (``compact``: see :func:`dump`)."""
    return dump(log, format, compact=compact)


def write(
    value: Project | Appraisal | Catalogue | InvolvementLog,
    path: os.PathLike[str] | str,
    format: Format | None = None,
) -> None:
    """Write a document to ``path`` atomically: a failure leaves no partial file.

    The text goes to a temporary file in the same folder, which then replaces ``path``
    (see :func:`write_text`). ``format`` defaults to the path's suffix.
    """
    write_text(path, dump(value, detect_format(Path(path), format)))
