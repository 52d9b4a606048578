"""Reports in text, Markdown and HTML; the HTML renders in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest

from coproduce import Project, appraise, default_catalogue
from coproduce.io import examples, load_example
from coproduce.report import FORMATS, html_fragment, render, to_html, to_markdown

COSTS = "What it costs in money and hours"
HEADINGS = [
    "First",
    "Advice: whom to involve, where, how deeply",
    "What this rests on",
    "What would change this advice",
    "The Table 2 profile (decision-makers)",
    "Aims and alternatives (step 2)",
    "Risk register",
    "Who bears the costs",
    "Practice risks (published guidance, not the paper)",
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
    expected = list(HEADINGS)
    if load_example(name).costing is not None:  # the money section when there is a costing
        expected.insert(expected.index("Who bears the costs") + 1, COSTS)
    assert outline.h2 == expected
    assert "script" not in outline.tags
    assert outline.urls == []  # nothing fetched
    result = appraise(load_example(name))
    # the stage diagram is drawn twice: wide, and in one column for a narrow screen
    assert page.count("<svg") == (4 if result.exposure else 3)
    assert "(p. 7, Table 2, row 9)" in page
    assert page.index('id="first"') < page.index('id="advice"') < page.index('id="caveats"')
    assert page.index('id="caveats"') < page.index('id="risks"')
    # the single most important thing to do opens the report
    assert result.priority is not None and escape(result.priority.message) in page


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
    assert md.index("## Advice") < md.index("## What this rests on") < md.index("## Risk register")
    assert (
        "| **authority** (policy-maker) | **balanced**, up to collaboration (planned "
        "partnership), once" in md
    )
    assert md.index("## First") < md.index("## Advice")
    assert (
        "lighten: recommendations (partnership → consultation, where findings are framed and "
        "shared)" in md
    )
    assert (
        "| Formulating recommendations | Pressure to frame findings | authority, commissioner |"
        in md
    )
    text = render(result, "text")
    assert text.startswith("Appraisal of")
    lines = text.splitlines()
    assert lines.index("Advice: whom to involve, where, how deeply") < lines.index("Risk register")
    assert "early thoughts" in text and "commentary, not an evaluation" in text
    assert "If Table 2 row" in text  # what would change the advice
    assert render(result, "json").startswith('{\n  "schema_version": 2')
    assert set(FORMATS) == {"text", "markdown", "html", "json"}
    with pytest.raises(ValueError, match="unknown report format"):
        render(result, "pdf")  # type: ignore[arg-type]


def test_notebook_display() -> None:
    result = appraise(load_example("one-stage"))
    fragment = result._repr_html_()
    assert fragment == html_fragment(result)
    assert "<svg" in fragment
    # the advice in view, the detail folded away
    assert (
        fragment.index('id="advice"') < fragment.index("<details>") < fragment.index('id="risks"')
    )
    project_html = load_example("one-stage")._repr_html_()
    assert "Project: Setting priorities" in project_html and "survivors" in project_html
    assert "framing-questions (consultation)" in project_html
    assert "Catalogue 2019.3" in default_catalogue()._repr_html_()
    assert "Table 2 profile" in result.emphasis._repr_html_()


def test_costing_section_in_every_format() -> None:
    result = appraise(load_example("no-resources"))
    assert result.costs is not None and result.costs.short
    for text in (to_markdown(result), render(result, "text"), to_html(result)):
        assert COSTS in text
        assert "short by GBP 6,150.00 and 16 team hours" in text
    # the costing finds GBP 2,500: some money, short of the plan, not nothing at all
    (short,) = result.finding("resourcing.short")
    assert "short by GBP 6,150.00" in short.message and "holds the advice lower" in short.message
    assert not result.finding("resourcing.none")
    within = appraise(load_example("contested-policy"))
    assert within.costs is not None and not within.costs.short
    assert "budget" not in " ".join(f.message for f in within.finding("resourcing.short"))


def test_notebook_styles_are_scoped() -> None:
    fragment = html_fragment(appraise(load_example("contested-policy")))
    css = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert css is not None
    selectors = [s.strip() for s in re.findall(r"([^{}]+)\{", css.group(1))]
    assert selectors
    assert any(s.startswith("@media") for s in selectors)  # narrow screens and print
    selectors = [s for s in selectors if not s.startswith("@media")]  # rules inside are scoped
    for selector in selectors:
        for part in selector.split(","):
            assert part.strip().startswith(".coproduce-report"), part


def test_compact_reprs() -> None:
    result = appraise(load_example("contested-policy"))
    assert len(repr(result)) < 200 and "5 stakeholders advised" in repr(result)
    assert repr(result.emphasis).startswith("Emphasis(verdict=balanced")
    assert repr(result.risks[0]).startswith("Risk(risk.")
    assert len(repr(default_catalogue())) < 120


def test_markdown_escapes_what_people_type() -> None:
    nasty = Project(title="# Heading\n<img src=x onerror=alert(1)> [link](http://x) ![i](y)")
    md = to_markdown(appraise(nasty))
    first = md.splitlines()[0]
    assert first.startswith("# Appraisal: ") and "\n" not in first
    for raw in ("<img", "](http", "!["):  # only ever escaped
        assert not re.search(r"(?<!\\)" + re.escape(raw), md), raw
    text = render(appraise(Project(title="\x1b[31mred\x1b[0m and \x07 bell")), "text")
    assert "\x1b" not in text and "\x07" not in text


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
        [browser, *flags, "--window-size=1100,2600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 2600)  # down to the Table 2 profile's figure
    # the advice is in view without scrolling on a 1280 x 800 window
    probe = tmp_path / "probe.html"
    probe.write_text(
        page.read_text().replace(
            "</body>",
            "<script>var a = document.getElementById('advice');"
            "var t = a.querySelector('table');"
            "document.title = 'advice:' + Math.round(a.getBoundingClientRect().top) + ':' +"
            " Math.round(t.getBoundingClientRect().top);</script></body>",
        )
    )
    dom = subprocess.run(
        [browser, *flags, "--window-size=1280,800", "--dump-dom", probe.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r"<title>advice:(\d+):(\d+)</title>", dom)
    assert found, "the probe did not run"
    assert int(found.group(1)) < 800 and int(found.group(2)) < 800
    # (count, (r, g, b)) per colour of an RGB image; Pillow's stubs allow a bare int too
    colours = cast("list[tuple[int, tuple[int, int, int]]]", image.getcolors(maxcolors=1 << 20))
    colours = colours or []
    assert len(colours) > 50, "the screenshot is blank"
    # the verdict badge and the bars are drawn in colour, not only black on white
    assert any(abs(r - g) > 40 or abs(g - b) > 40 for _, (r, g, b) in colours)


def test_heatmap_colour_scale_is_absolute() -> None:
    from coproduce.appraisal import Severity
    from coproduce.report._style import SEVERITY_FILL

    low = to_html(appraise(load_example("all-favour")))  # every risk low after mitigations
    heat = re.findall(r"<svg .*?</svg>", low, re.S)[1]
    assert SEVERITY_FILL[Severity.LOW] in heat and SEVERITY_FILL[Severity.HIGH] not in heat
    high = re.findall(r"<svg .*?</svg>", to_html(appraise(load_example("contested-policy"))), re.S)
    assert SEVERITY_FILL[Severity.HIGH] in high[1]


def test_findings_cite_each_entry_once_and_name_practice_documents() -> None:
    text = render(appraise(load_example("patient-public-only")), "text")
    brackets = [m.group(1) for m in re.finditer(r"^  - .*\[([^\]]*)\]$", text, re.M)]
    assert brackets
    for cited in brackets:
        entries = [part.split(" ")[0] for part in re.split(r"; (?=[a-z][\w-]*\.)", cited)]
        assert len(entries) == len(set(entries)), cited
    trauma = next(b for b in brackets if b.startswith("practice-risk.trauma"))
    assert trauma == (
        "practice-risk.trauma (involve-support-2019, Types of support; "
        "psrc-front-door-2024, Stage 4: Involving public members)"
    )


def test_a_judged_route_says_it_is_judgement_once_and_what_the_paper_holds() -> None:
    text = render(appraise(load_example("trial-patient-partners")), "text")
    line = next(x for x in text.splitlines() if "likely the route" in x)
    assert "involvement likely the route: in this tool's judgement (not the paper's)" in line
    assert "other means (p. 8)" in line
    assert "aim itself" not in text
