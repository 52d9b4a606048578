"""The docs' Python examples are type-checked at their own lines (scripts/check_doc_examples.py)."""

from __future__ import annotations

from scripts.check_doc_examples import Example, examples, extract, relocate
from tests import _paths

PAGE = """# A page

```python
from coproduce import Involvement, Mode
```

Some prose, and a block in another language:

```sh
coproduce --version
```

```python
line = Involvement(stage="stage.recommendations", stakeholder="x", mode=Mode.ADVICE)
```
"""


def test_a_pages_python_blocks_become_one_module_in_order() -> None:
    example = extract("docs/page.md", PAGE)
    assert example.source.splitlines() == [
        "from coproduce import Involvement, Mode",
        'line = Involvement(stage="stage.recommendations", stakeholder="x", mode=Mode.ADVICE)',
    ]
    assert example.lines == (4, 14)  # the lines of the Markdown page


def test_mypy_errors_point_at_the_markdown_line() -> None:
    example = Example(page="docs/page.md", source="a\nb\n", lines=(4, 16))
    output = "/tmp/x/page_3.py:2: error: Argument 1 [arg-type]\nFound 1 error in 1 file\n"
    assert relocate(output, {"page_3.py": example}) == (
        "docs/page.md:16: error: Argument 1 [arg-type]\nFound 1 error in 1 file\n"
    )


def test_the_readme_and_every_docs_page_with_python_are_checked() -> None:
    root = _paths.ROOT
    pages = {e.page for e in examples(root)}
    assert {"README.md", "docs/quickstart.md", "docs/tutorial.md", "docs/howto.md"} <= pages
    readme = next(e for e in examples(root) if e.page == "README.md")
    assert 'Involvement(stage="stage.recommendations"' in readme.source
