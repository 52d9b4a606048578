"""Fields whose key in a document is not their Python name, and the old names they answer to.

One glossary (issue #24): in Python, a record's catalogue references are its ``citations``,
since ``sources`` names the practice documents (:class:`coproduce.model.Source`). The
documents keep the key ``sources`` so that appraisals written before still read and
programs reading them need no change; :func:`keyed` says so on the field, and the readers,
writers and the schema in :mod:`coproduce.io` and :mod:`coproduce.schema` use
:func:`document_key`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from coproduce.model import Citation

__all__ = ["Cited", "document_key", "keyed"]

_KEY = "coproduce.document_key"


def keyed(key: str) -> Any:
    """An attrs field (no default) written and read under ``key`` in documents."""
    return attrs.field(metadata={_KEY: key})


def document_key(field: attrs.Attribute[Any]) -> str:
    """The key under which ``field`` is written in documents: its name unless :func:`keyed`."""
    key: str = field.metadata.get(_KEY, field.name)
    return key


class Cited:
    """A record whose ``citations`` were called ``sources`` before 0.3 (deprecated alias)."""

    __slots__ = ()

    @property
    def sources(self) -> tuple[Citation, ...]:
        """Deprecated: the record's :attr:`citations` (the old name warns)."""
        warnings.warn(
            f"{type(self).__name__}.sources is deprecated: use .citations "
            "(sources names the practice documents)",
            DeprecationWarning,
            stacklevel=2,
        )
        citations: tuple[Citation, ...] = getattr(self, "citations")  # noqa: B009
        return citations
