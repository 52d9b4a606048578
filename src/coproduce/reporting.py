"""Deprecated: the forms moved to :mod:`coproduce.report.forms`; kept for one release.

Every name here is :mod:`coproduce.report.forms`'s, and using one warns (``DeprecationWarning``).
"""

import importlib
import warnings
from typing import Any

__all__: list[str] = []


def __getattr__(name: str) -> Any:
    module = importlib.import_module("coproduce.report.forms")
    moved = (*getattr(module, "__all__", ()), "to_data")  # to_data: deprecated there too
    if name.startswith("__") or name not in moved:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"coproduce.reporting.{name} moved to coproduce.report.forms.{name}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(module, name)


def __dir__() -> list[str]:
    return sorted(getattr(importlib.import_module("coproduce.report.forms"), "__all__", ()))
