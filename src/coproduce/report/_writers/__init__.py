"""The one set of writers every report goes through: text, Markdown and HTML from a document.

Each format has one writer and one escaper (:func:`plain` for text, through
:func:`coproduce._text.visible`; :func:`coproduce._markdown.inline` for Markdown;
:func:`html.escape` for HTML), so that no report escapes, or forgets to escape, on its own.
The formats a document's result writes itself (JSON, CSV) come from its ``exports``.
"""

from __future__ import annotations

from coproduce.report._model import WRITTEN, Document
from coproduce.report._writers._html import fragment, page
from coproduce.report._writers._markdown import markdown
from coproduce.report._writers._text import plain, text, wrapped

__all__ = ["fragment", "markdown", "page", "plain", "text", "wrapped", "written"]


def written(doc: Document, format: str) -> str:
    """``doc`` in ``format``, one of its :attr:`~Document.formats`.

    Raises:
        ValueError: a format the document does not have.

    """
    if format not in doc.formats:
        raise ValueError(
            f"unknown report format: {format!r} (expected one of {', '.join(doc.formats)})"
        )
    if format == "text":
        return text(doc)
    if format == "markdown":
        return markdown(doc)
    if format == "html":
        return page(doc)
    assert format not in WRITTEN
    return doc.exports[format]()
