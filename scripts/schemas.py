"""Write the JSON Schema of every kind of document that ships one: src/coproduce/schemas/.

Run it after a change to the model or to ``coproduce.io.DOCUMENT_KINDS`` (a new kind with
``schema=True`` gets its file here), then read the diff before committing.
``tests/documents/test_schema.py`` fails until the files match what the model says.

    .venv/bin/python scripts/schemas.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from coproduce.schema import KINDS, render

SCHEMAS = Path(__file__).resolve().parent.parent / "src" / "coproduce" / "schemas"


def main() -> int:
    """Write one schema per kind, and say which files changed."""
    for kind in KINDS:
        path = SCHEMAS / f"{kind}.schema.json"
        text = render(kind)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
