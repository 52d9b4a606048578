"""Packages whose public names load with the first one used (PEP 562).

Reading a project needs the plan checks of :mod:`coproduce.appraisal` and the log checks of
:mod:`coproduce.tracking`, not the engine behind them. Importing a submodule runs its
package's ``__init__`` first, so a package that imported its whole API there would load the
engine for every ``coproduce validate``. A package built with :func:`attach` keeps its
``__all__`` and, for type checkers, its imports under ``TYPE_CHECKING``; its names load from
its submodules, in the order given, when one of them is first asked for.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["attach"]


def attach(
    package: str,
    names: Sequence[str],
    modules: Sequence[str],
    *,
    renamed: Mapping[str, str] | None = None,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``names`` live in ``modules``.

    The first name asked for imports ``modules`` in order until one exports it (list first a
    module that others need loaded, such as one that registers rules) and keeps the value in
    the package, so it is looked up once. ``renamed`` maps an old public name to its new
    one: the old name still works, and warns (``DeprecationWarning``) each time it is used.

    Example:
        >>> import coproduce.tracking as tracking
        >>> tracking.log_problems.__module__
        'coproduce.tracking._check'

    """
    public = frozenset(names)
    old = dict(renamed or {})

    def __getattr__(name: str) -> Any:
        if name in old:
            new = old[name]
            warnings.warn(
                f"{package}.{name} is now {package}.{new}; the old name will be removed",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(sys.modules[package], new)
        if name in public:
            for module in modules:
                loaded = importlib.import_module(module)
                if name in getattr(loaded, "__all__", ()):
                    value = vars(sys.modules[package])[name] = vars(loaded)[name]
                    return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *public})

    return __getattr__, __dir__
