"""Run the Python code blocks of the docs' Markdown pages as tests (Sybil)."""

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser()], patterns=["*.md"], excludes=["_generated/*"]
).pytest()
