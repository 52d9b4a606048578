r"""Text from documents made safe to put in CommonMark: the one escaper every report uses.

A title, description or note goes into a report's Markdown as text. Written raw, a
CommonMark renderer would make HTML of it: ``<script>`` is raw HTML, ``[x](javascript:...)``
a link, ``*x*`` emphasis, ``# x`` a heading, ``| x`` a new table cell. :func:`inline` turns
any text into one line of inline content that renders as exactly that text, and nothing
else:

- every character that can open markup anywhere is backslash-escaped (``\ ` * _ [ ] < > !
  | ~ & #``): no raw HTML, autolink, link, image, emphasis, code span, entity, table cell or
  strikethrough survives;
- the characters that open a block at the start of a line (``-``, ``+``, ``=``, a number
  followed by ``.`` or ``)``) are escaped where they lead the text, and leading spaces
  dropped (four would open a code block), so a text that begins a line (a paragraph, a
  list item, a heading's words) stays text, never a list, a rule or a setext heading;
- line breaks become spaces and control characters visible escapes
  (:func:`~coproduce._text.visible`), so the text cannot end its line, its table row or its
  list item, nor reach a terminal.

Extensions beyond CommonMark that turn bare addresses into links (GitHub's autolinks,
markdown-it's ``linkify``) would still link ``www.example.org``; nothing in CommonMark does.

Example:
    >>> inline("<b>bold</b> [x](javascript:alert(1)) *em*")
    '\\<b\\>bold\\</b\\> \\[x\\](javascript:alert(1)) \\*em\\*'
    >>> inline("- not a list"), inline("1. not a list either"), inline("a\nb")
    ('\\- not a list', '1\\. not a list either', 'a b')

"""

from __future__ import annotations

import re

from coproduce._text import visible

__all__ = ["inline"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&#])")
"""Characters that can open inline markup, a table cell or a heading anywhere in a line."""
_LEADING = re.compile(r"^(?:([-+=])|([0-9]{1,9})([.)]))")
"""A block marker leading the text: a list bullet, a setext underline, an ordered list."""


def inline(text: str, *, leads: bool = True) -> str:
    """``text`` as one line of CommonMark inline content that renders as exactly ``text``.

    ``leads``: the text may begin a line (or a list item's content), so a block marker it
    starts with is escaped too; ``False`` for a piece that follows other text on its line.
    """
    flat = visible(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    out = _SPECIAL.sub(r"\\\1", flat)
    if not leads:
        return out
    out = out.lstrip(" \t")  # four spaces would begin a code block
    lead = _LEADING.match(out)
    if lead is None:
        return out
    marker, number, closer = lead.groups()
    if marker is not None:
        return f"\\{marker}{out[lead.end() :]}"
    return f"{number}\\{closer}{out[lead.end() :]}"
