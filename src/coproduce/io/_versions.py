"""Document versions and the step-by-step migrations between them.

Every document carries ``schema_version``. A document of an older version is migrated one
version at a time by pure functions (``dict -> dict``, never mutating their input) until it
reaches :data:`SCHEMA_VERSION`. Golden documents of every released version live in
``tests/golden/`` and must keep loading.

Version history:

- **1** (0.1.0): the first format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from coproduce.errors import DocumentError, Issue

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate"]

SCHEMA_VERSION = 1
"""The document format version this release writes."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A pure function taking a document of version *n* to version *n + 1*."""

MIGRATIONS: Mapping[int, Migration] = MappingProxyType({})
"""Migration from each older version *n* (the key) to *n + 1*. Empty: only version 1 exists."""


def migrate(
    data: Mapping[str, Any],
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a document to version ``target``, one step at a time; drop ``schema_version``.

    Raises:
        DocumentError: the version is missing, not an integer, newer than ``target``, or has
            no migration path.

    """

    def fail(code: str, message: str) -> DocumentError:
        return DocumentError(
            [
                Issue(
                    path="$.schema_version",
                    code=code,
                    message=message,
                    expected=f"an integer from 1 to {target}",
                )
            ]
        )

    if "schema_version" not in data:
        raise fail("missing-field", "required field is missing")
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("wrong-type", f"got {version!r}")
    if version > target:
        raise fail(
            "unsupported-version",
            f"version {version} is newer than this release reads; upgrade coproduce",
        )
    if version < 1:
        raise fail("unsupported-version", f"there is no version {version}")
    body = {k: v for k, v in data.items() if k != "schema_version"}
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise fail("unsupported-version", f"no migration from version {version}")
        body = step(body)
        version += 1
    return body
