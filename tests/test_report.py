"""Reports in text, Markdown and HTML; the HTML renders in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest

from coproduce import Project, appraise, default_catalogue
from coproduce.io import examples, load_example
from coproduce.report import FORMATS, html_fragment, render, to_html, to_markdown

HEADINGS = [
    "Step 1: how much to emphasise coproduction",
    "Step 2: aims and alternatives",
    "Risk register",
    "Who bears the costs",
    "Key questions",
    "Findings",
    "Stages, challenges and cost categories",
]


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.tags: set[str] = set()
        self.urls: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_h2 = tag == "h2"
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_endtag(self, tag: str) -> None:
        self._in_h2 = self._in_h2 and tag != "h2"

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2.append(data)


@pytest.mark.parametrize("name", examples())
def test_html_report_is_self_contained_with_every_section(name: str) -> None:
    page = to_html(appraise(load_example(name)))
    outline = _Outline()
    outline.feed(page)
    assert outline.h2 == HEADINGS
    assert "script" not in outline.tags
    assert outline.urls == []  # nothing fetched
    assert page.count("<svg") == 3
    assert "p.&nbsp;7, Table 2, row 9" in page


def test_report_escapes_what_people_type() -> None:
    page = to_html(appraise(Project(title="<script>alert(1)</script> & co")))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_markdown_and_text_and_json() -> None:
    result = appraise(load_example("contested-policy"))
    md = to_markdown(result)
    assert md.startswith("# Appraisal: Evaluating the reconfiguration")
    for heading in HEADINGS[:-1]:
        assert f"## {heading}" in md
    assert "| Formulating recommendations | Pressure to frame findings | high | high |" in md
    assert render(result, "text").startswith("Appraisal of")
    assert render(result, "json").startswith('{\n  "schema_version": 1')
    assert set(FORMATS) == {"text", "markdown", "html", "json"}
    with pytest.raises(ValueError, match="unknown report format"):
        render(result, "pdf")  # type: ignore[arg-type]


def test_notebook_display() -> None:
    result = appraise(load_example("one-stage"))
    assert result._repr_html_() == html_fragment(result)
    assert "<svg" in result._repr_html_()
    project_html = load_example("one-stage")._repr_html_()
    assert "Project: Setting priorities" in project_html and "survivors" in project_html
    assert "framing-questions (consultation)" in project_html
    assert "Catalogue 2019.1" in default_catalogue()._repr_html_()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed here; CI installs it")
    from PIL import Image

    page = tmp_path / "report.html"
    page.write_text(to_html(appraise(load_example("contested-policy"))))
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tempfile.mkdtemp()}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for heading in HEADINGS:
        assert re.search(rf"<h2>\s*{re.escape(heading)}\s*</h2>", dom), heading
    shot = tmp_path / "shot.png"
    subprocess.run(
        [browser, *flags, "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 1400)
    # (count, (r, g, b)) per colour of an RGB image; Pillow's stubs allow a bare int too
    colours = cast("list[tuple[int, tuple[int, int, int]]]", image.getcolors(maxcolors=1 << 20))
    colours = colours or []
    assert len(colours) > 50, "the screenshot is blank"
    # the verdict badge and the bars are drawn in colour, not only black on white
    assert any(abs(r - g) > 40 or abs(g - b) > 40 for _, (r, g, b) in colours)
