"""How records show themselves in a notebook or as text, registered from above.

The model and the catalogue know nothing of reports. The package's ``__init__`` registers,
by class path and without importing anything, renderers that load the report layer when first
called; records that mix in :class:`Displayable` look their renderer up here. Imports stay
one-way: the lower layers never import the report layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

__all__ = ["Displayable", "RenderKind", "register_renderer", "render_text"]

RenderKind = Literal["html", "text"]
"""``"html"`` for a notebook's rich display, ``"text"`` for :meth:`Appraisal.explain`."""

_RENDERERS: dict[tuple[str, str], Callable[[Any], str]] = {}


def register_renderer(kind: RenderKind, cls: type | str, render: Callable[[Any], str]) -> None:
    """Register ``render`` as the way instances of ``cls`` (and subclasses) show as ``kind``.

    ``cls`` is a class or its dotted path (``"module.Class"``), so a renderer can be
    registered without importing the class.

    Example:
        >>> from coproduce.model import Displayable, register_renderer
        >>> class Note(Displayable):
        ...     def __init__(self, text: str) -> None:
        ...         self.text = text
        >>> register_renderer("html", Note, lambda n: f"<b>{n.text}</b>")
        >>> Note("x")._repr_html_()
        '<b>x</b>'

    """
    path = cls if isinstance(cls, str) else f"{cls.__module__}.{cls.__qualname__}"
    _RENDERERS[(kind, path)] = render


def _lookup(kind: str, cls: type) -> Callable[[Any], str] | None:
    for base in cls.__mro__:
        found = _RENDERERS.get((kind, f"{base.__module__}.{base.__qualname__}"))
        if found is not None:
            return found
    return None


def render_text(obj: object) -> str:
    """Render ``obj`` with its registered text renderer (its ``repr`` if none is registered)."""
    render = _lookup("text", type(obj))
    return render(obj) if render is not None else repr(obj)


class Displayable:
    """Mix-in: Jupyter shows the record with the HTML renderer registered for its class."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        render = _lookup("html", type(self))
        if render is None:
            from html import escape  # not at import: html.entities is a large table

            return f"<pre>{escape(repr(self))}</pre>"
        return render(self)
