"""Where the tests find the repository, its examples and the golden files."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""
GOLDEN = ROOT / "tests" / "golden"
"""Golden documents and reports, checked byte for byte."""
EXAMPLES = ROOT / "examples"
"""The worked examples of ``examples/``."""
