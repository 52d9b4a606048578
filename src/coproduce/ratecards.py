"""Deprecated: rate cards moved; this module stays for one release and warns on use.

``coproduce.ratecards.default`` is now :func:`coproduce.costing.default_rate_card` (the
shipped card is data of the costing) and ``coproduce.ratecards.load_rate_card`` is
:func:`coproduce.io.load_rate_card` (reading a card is reading a document).
"""

import importlib
import warnings
from typing import Any

__all__: list[str] = []

_MOVED = {
    "default": ("coproduce.costing", "default_rate_card"),
    "load_rate_card": ("coproduce.io", "load_rate_card"),
}


def __getattr__(name: str) -> Any:
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, new = _MOVED[name]
    warnings.warn(
        f"coproduce.ratecards.{name} moved to {module}.{new}", DeprecationWarning, stacklevel=2
    )
    return getattr(importlib.import_module(module), new)


def __dir__() -> list[str]:
    return sorted(_MOVED)
