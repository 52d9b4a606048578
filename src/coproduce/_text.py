r"""Text made safe to show: no terminal control sequences reach a terminal or a document.

A title, id or description can hold ESC and other control characters; printed raw they
recolour, retitle or clear a terminal, or hide text. :func:`visible` shows each of them as a
``\x..``/``\u....`` escape instead, keeping newlines and tabs.
"""

from __future__ import annotations

import re

__all__ = ["visible"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(text: str) -> str:
    r"""``text`` with control characters (and bidirectional overrides) shown as escapes.

    Example:
        >>> visible("red \x1b[31malert\x1b[0m\n")
        'red \\x1b[31malert\\x1b[0m\n'

    """
    return _CONTROL.sub(_escape, text)
