"""Deprecated: the batch appraisal moved to :mod:`coproduce.portfolio`; kept for one release.

Every name here is :mod:`coproduce.portfolio`'s, and using one warns (``DeprecationWarning``).
"""

import importlib
import warnings
from typing import Any

__all__: list[str] = []


def __getattr__(name: str) -> Any:
    module = importlib.import_module("coproduce.portfolio")
    if name.startswith("__") or name not in getattr(module, "__all__", ()):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"coproduce.batch.{name} moved to coproduce.portfolio.{name}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(module, name)


def __dir__() -> list[str]:
    return sorted(getattr(importlib.import_module("coproduce.portfolio"), "__all__", ()))
