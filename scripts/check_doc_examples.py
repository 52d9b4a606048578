"""Type-check the Python examples of the README and the docs with ``mypy --strict``.

Usage: .venv/bin/python scripts/check_doc_examples.py    (needs the ``lint`` group: mypy)

The docs' code blocks run as tests (Sybil, one namespace per page), so a page's blocks are
checked the same way: joined in order into one module. Errors are reported at the line of
the Markdown file (``docs/engine.md:182: error: ...``). Exit status 1 if any example fails.

Then it checks the other side of the public API's typing: the packages whose names load on
first use (``coproduce``, ``coproduce.appraisal``, ``coproduce.tracking``, ``coproduce.model``)
keep their ``__getattr__`` from type checkers, so a misspelt name in a user's code is an error.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("README.md", "docs/*.md")
# the same strictness as the project's own code (pyproject.toml, [tool.mypy])
MYPY_ARGS = (
    "--strict",
    "--warn-unreachable",
    "--enable-error-code=ignore-without-code",
    "--enable-error-code=redundant-expr",
    "--enable-error-code=truthy-bool",
    "--untyped-calls-exclude=distributed",
    "--no-incremental",
    "--config-file=",  # these flags alone: the project's `files` and paths do not apply
)


@attrs.frozen
class Example:
    """The Python blocks of one page, joined, with the page line of each module line."""

    page: str
    source: str
    lines: tuple[int, ...]


def extract(page: str, text: str) -> Example:
    """Join the ```` ```python ```` blocks of a Markdown page into one module, in order."""
    source: list[str] = []
    lines: list[int] = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not inside and line.strip() == "```python":
            inside = True
        elif inside and line.strip() == "```":
            inside = False
        elif inside:
            source.append(line + "\n")
            lines.append(number)
    return Example(page=page, source="".join(source), lines=tuple(lines))


def examples(root: Path = ROOT) -> list[Example]:
    """Every page with at least one Python block, README first, then docs in name order."""
    pages = [p for pattern in PAGES for p in sorted(root.glob(pattern))]
    found = [extract(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in pages]
    return [e for e in found if e.source]


def relocate(output: str, modules: dict[str, Example]) -> str:
    """Rewrite ``module.py:LINE:`` in mypy's output as ``page.md:LINE:``."""

    def at(match: re.Match[str]) -> str:
        example = modules[Path(match["file"]).name]
        return f"{example.page}:{example.lines[int(match['line']) - 1]}:"

    names = "|".join(re.escape(n) for n in modules)
    return re.sub(rf"(?P<file>\S*(?:{names})):(?P<line>\d+):", at, output)


MISSPELT = """\
import coproduce
import coproduce.tracking as tr
from coproduce.appraisal import Appraisal, appraise
from coproduce.model import LogEntry
tr.reapraise
coproduce.apraise
result: Appraisal = appraise(coproduce.Project(title="t"))
entry: int = LogEntry
"""
"""A user's module: lines 5 and 6 misspell names, line 8 mistypes one; the rest is right."""


def misspelt_names_are_caught() -> bool:
    """Whether mypy reports exactly the three mistakes of :data:`MISSPELT`."""
    from mypy import api

    with tempfile.TemporaryDirectory(prefix="coproduce-misspelt-") as tmp:
        (Path(tmp) / "user.py").write_text(MISSPELT, encoding="utf-8")
        stdout, _, _ = api.run([*MYPY_ARGS, str(Path(tmp) / "user.py")])
    lines = [x.split(":")[1] for x in stdout.splitlines() if ": error:" in x]
    if lines != ["5", "6", "8"]:
        sys.stdout.write(f"misspelt names not caught as expected (errors at {lines}):\n{stdout}")
        return False
    print("misspelt public names are type errors (lazy names stay visible to type checkers)")
    return True


def main() -> int:
    """Check every page; print mypy's report at the pages' own lines."""
    from mypy import api

    found = examples()
    with tempfile.TemporaryDirectory(prefix="coproduce-doc-examples-") as tmp:
        modules: dict[str, Example] = {}
        for i, example in enumerate(found):
            name = f"page_{i}.py"
            (Path(tmp) / name).write_text(example.source, encoding="utf-8")
            modules[name] = example
        stdout, stderr, status = api.run([*MYPY_ARGS, *(str(Path(tmp) / n) for n in modules)])
    sys.stdout.write(relocate(stdout, modules))
    sys.stderr.write(stderr)
    print(f"checked the Python examples of {len(found)} pages: {', '.join(e.page for e in found)}")
    return 1 if status or not misspelt_names_are_caught() else 0


if __name__ == "__main__":
    sys.exit(main())
