r"""Read and write projects, appraisals and catalogues as JSON, YAML or TOML documents.

One converter, owned by the library (never cattrs' global one), turns documents into the
frozen model and back. It is private, on purpose: its hooks encode the document format's
rules (strictness, ``x-`` keys, the fast paths that must agree with it byte for byte), so
reaching past them would read documents the loaders refuse. Its public faces are the
readers (``load_project(data)`` takes a parsed ``dict`` as well as text) and
:func:`to_data`, which give every problem as the loaders do. It is strict:

- keys are the attribute names; unknown keys are refused, except keys starting with ``x-``,
  which other tools may add anywhere and which are kept (``.extensions``) and written back;
- nothing is coerced: ``"false"`` is not ``True``, ``1.9`` is not ``1``, ``null`` is not
  ``"None"``; enums are read by value;
- YAML is read by a safe loader with YAML 1.2-like scalars: ``no`` stays ``"no"``, ``0123``
  stays ``"0123"``, dates stay strings; anchors and aliases are refused;
- documents above :class:`Limits` (size, nesting depth) are refused before they can exhaust
  memory or the stack.

Every problem in a document is reported at once, each with its path, in one
:class:`~coproduce.errors.DocumentError`. Every document carries ``schema_version``; older
versions are migrated step by step (:mod:`coproduce.io._versions`).

Example:
    >>> from coproduce.io import load_project, dump_project
    >>> p = load_project("schema_version: 2\ntitle: A study", format="yaml")
    >>> p.title
    'A study'
    >>> load_project('{"schema_version": 2, "title": 3, "colour": "red"}')
    Traceback (most recent call last):
    ...
    coproduce.errors.DocumentError: project document has 2 problems:
      - $.title: got an integer (expected a string) (line 1, column 32)
      - $.colour: unknown field 'colour' (expected one of the fields aims, ...) (line 1, column 35)

"""

from typing import TYPE_CHECKING

from coproduce._lazy import attach
from coproduce.errors import DocumentError, Issue

if TYPE_CHECKING:
    from coproduce.io._dump import (
        dump,
        dump_appraisal,
        dump_catalogue,
        dump_log,
        dump_project,
        to_data,
        write,
    )
    from coproduce.io._examples import (
        example_log_path,
        example_path,
        examples,
        load_example,
        load_example_log,
    )
    from coproduce.io._kinds import (
        APPRAISAL_SCALE,
        DOCUMENT_KINDS,
        LOG_SUFFIXES,
        DocumentKind,
        DocumentSource,
        Kind,
    )
    from coproduce.io._load import (
        load,
        load_appraisal,
        load_catalogue,
        load_entry,
        load_project,
        locate_issues,
    )
    from coproduce.io._logs import append_to_log, load_log, new_log_text
    from coproduce.io._ratecard import load_rate_card
    from coproduce.io._read import FORMATS, Format, Limits, detect_format, read_file, read_stream
    from coproduce.io._suffix import SUFFIXES, output_format
    from coproduce.io._versions import SCHEMA_VERSION
    from coproduce.io._write import open_atomic, write_text

    _DEFAULT_LIMITS: Limits  # see __getattr__

__all__ = [
    "APPRAISAL_SCALE",
    "DOCUMENT_KINDS",
    "FORMATS",
    "LOG_SUFFIXES",
    "SCHEMA_VERSION",
    "SUFFIXES",
    "DocumentError",
    "DocumentKind",
    "DocumentSource",
    "Format",
    "Issue",
    "Kind",
    "Limits",
    "append_to_log",
    "detect_format",
    "dump",
    "dump_appraisal",
    "dump_catalogue",
    "dump_log",
    "dump_project",
    "example_log_path",
    "example_path",
    "examples",
    "load",
    "load_appraisal",
    "load_catalogue",
    "load_entry",
    "load_example",
    "load_example_log",
    "load_log",
    "load_project",
    "load_rate_card",
    "locate_issues",
    "new_log_text",
    "open_atomic",
    "output_format",
    "read_file",
    "read_stream",
    "to_data",
    "write",
    "write_text",
]

if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names
    # A name is looked up module by module, in this order, each module loaded on the way:
    # the light ones first, then reading (which loads the model, the catalogue and the
    # reference rules) and logs, where `coproduce validate` and `log add` stop; the rest
    # after them. tests/package/test_lazy.py holds the light commands to what they need.
    _public, __dir__ = attach(
        __name__,
        __all__,
        tuple(
            f"coproduce.io.{module}"
            for module in (
                "_kinds",
                "_read",
                "_versions",
                "_write",
                "_load",
                "_logs",
                "_suffix",
                "_examples",
                "_ratecard",
                "_dump",
            )
        ),
    )

    def __getattr__(name):
        if name == "_DEFAULT_LIMITS":  # coproduce.portfolio._batch reads it here, at each use
            from coproduce.io._read import DEFAULT_LIMITS

            return DEFAULT_LIMITS
        return _public(name)
