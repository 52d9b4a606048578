"""The example projects and involvement logs bundled with the package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coproduce.model import InvolvementLog, Project

__all__ = ["example_log_path", "example_path", "examples", "load_example", "load_example_log"]


def _bundled(*parts: str) -> Path:
    """A folder of the package's bundled examples (``importlib.resources`` loads only here)."""
    from importlib import resources

    return Path(str(resources.files("coproduce").joinpath("examples", *parts)))


def examples() -> tuple[str, ...]:
    """The names of the example projects bundled with the package, sorted.

    Example:
        >>> from coproduce.io import examples
        >>> "contested-policy" in examples()
        True

    """
    folder = _bundled()
    return tuple(
        sorted(
            entry.name.rsplit(".", 1)[0]
            for entry in folder.iterdir()
            if entry.name.endswith((".json", ".yaml", ".yml", ".toml"))
        )
    )


def example_path(name: str) -> Path:
    """The file of a bundled example project.

    Raises:
        LookupError: no example has this name (the message lists those that do).

    """
    for entry in _bundled().iterdir():
        if entry.name.rsplit(".", 1)[0] == name:
            return entry
    raise LookupError(f"no bundled example {name!r}; choose one of: {', '.join(examples())}")


def load_example(name: str = "contested-policy") -> Project:
    """Load a bundled example project by name (see :func:`examples`)."""
    from coproduce.io._load import load_project

    return load_project(example_path(name))


def example_log_path(name: str) -> Path:
    """The file of the involvement log bundled for an example project.

    Raises:
        LookupError: no example log has this name (the message lists those that do).

    """
    folder = _bundled("logs")
    names = sorted(e.name.removesuffix(".log.yaml") for e in folder.iterdir())
    if name not in names:
        raise LookupError(f"no bundled example log {name!r}; choose one of: {', '.join(names)}")
    return folder / f"{name}.log.yaml"


def load_example_log(name: str) -> InvolvementLog:
    """Load the involvement log bundled for an example project, checked against it.

    Example:
        >>> load_example_log("trial-patient-partners").project
        'trial-patient-partners'

    """
    from coproduce.io._logs import load_log

    return load_log(example_log_path(name), project=load_example(name))
