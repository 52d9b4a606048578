"""Regression tests for issue #13: reports, tables and figures that are safe and readable.

Markdown and text reports escape what documents hold (raw HTML, links, images, headings,
terminal escape sequences); the notebook display keeps its styles to itself; figures show
whole labels, explain their colours and shrink on narrow screens; tables sort ordinal
columns by meaning.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from markdown_it import MarkdownIt

from coproduce import appraise, frame
from coproduce.appraisal import Appraisal
from coproduce.catalogue import default as default_catalogue
from coproduce.cli import main
from coproduce.io import dump_project, examples, load_example, load_project
from coproduce.model import Mode
from coproduce.plot import plot_exposure, plot_graph
from coproduce.report import html_fragment, render, to_html, to_markdown

HOSTILE = (
    "T\n# injected heading <script>alert(1)</script> <img src=x onerror=alert(2)> "
    "[link](javascript:alert(3)) ![image](http://example.invalid/x.png) \x1b]0;owned\x07\x1b[2J"
)


@pytest.fixture(scope="module")
def hostile() -> Appraisal:
    data = json.loads(dump_project(load_example("contested-policy")))
    data["title"] = HOSTILE
    data["aims"][0]["description"] = HOSTILE
    return appraise(load_project(data))


def test_markdown_renders_document_text_as_text_only(hostile: Appraisal) -> None:
    md = to_markdown(hostile)
    html = MarkdownIt("commonmark").render(md)  # raw HTML allowed, as many renderers do
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert html.count("<h1>") == 1
    assert "injected heading" in html  # shown, not dropped
    assert "\x1b" not in md and "\x07" not in md


def test_text_reports_carry_no_terminal_escapes(hostile: Appraisal) -> None:
    text = render(hostile, "text")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b" in text  # shown as an escape, visibly


def test_html_keeps_escaping(hostile: Appraisal) -> None:
    page = to_html(hostile)
    assert "<script>alert" not in page and "<img src=x" not in page


def test_notebook_styles_are_scoped_and_the_report_is_folded(hostile: Appraisal) -> None:
    part = html_fragment(appraise(load_example("one-stage")))
    css = re.search(r"<style>(.*?)</style>", part, re.S)
    assert css is not None
    selectors = [
        sel.strip() for group in re.findall(r"([^{}]+)\{", css.group(1)) for sel in group.split(",")
    ]
    rules = [sel for sel in selectors if not sel.startswith("@media")]  # inside: scoped rules
    assert rules and all(sel.startswith(".coproduce-report") for sel in rules)
    assert "color-scheme" not in css.group(1)
    assert "<details><summary>Full report</summary>" in part
    headline = part[css.end() : part.index("<details>")]
    assert "Setting priorities" in headline and "score" in headline


def test_svgs_shrink_show_whole_labels_and_explain_colours() -> None:
    a = appraise(load_example("contested-policy"))
    labels = {e.id: e.label for e in default_catalogue().entries()}
    page = to_html(a)
    svgs = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(svgs) == 4  # the stage diagram twice: wide, and one column for a phone
    assert all('style="max-width: 100%; height: auto; min-width: ' in svg for svg in svgs)
    assert "…" not in "".join(svgs)
    from html import escape

    for c in a.exposure:
        assert f">{escape(labels[c.bearer])}</text>" in svgs[1]
    for r in a.risks:
        assert f">{escape(labels[r.challenge])}</text>" in svgs[2]
    assert 'class="legend"' in svgs[2] and "Severity after mitigations" in svgs[2]


def test_plot_exposure_keeps_its_labels_inside_the_figure() -> None:
    ax = plot_exposure(appraise(load_example("contested-policy")))
    fig = ax.figure
    fig.canvas.draw()
    box = fig.bbox
    for label in [*ax.get_yticklabels(), *ax.get_xticklabels()]:
        extent = label.get_window_extent()
        assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, label.get_text()
        assert extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1, label.get_text()
    plt.close("all")


def test_plot_graph_has_a_legend() -> None:
    ax = plot_graph(appraise(load_example("contested-policy")))
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "low after mitigations",
        "medium after mitigations",
        "high after mitigations",
    ]
    plt.close("all")


def test_frame_ordinal_columns_sort_by_meaning_and_multi_values_are_lists() -> None:
    results = [appraise(load_example(n)) for n in examples()]
    risks = frame.risks(results)
    ordered = risks.sort_values("residual")["residual"].drop_duplicates().tolist()
    assert ordered == [s for s in ("low", "medium", "high") if s in set(risks["residual"])]
    assert risks["residual"].cat.ordered and risks["mode"].cat.ordered
    assert list(risks["mode"].cat.categories) == [m.value for m in Mode]
    assert all(isinstance(v, list) for v in risks["stakeholders"])
    assert all(isinstance(v, list) for v in risks["bearers"])
    exploded = risks.explode("stakeholders")
    assert len(exploded) == sum(max(len(r.stakeholders), 1) for a in results for r in a.risks)
    questions = frame.questions(results)
    assert list(questions["answer"].cat.categories) == [
        "open",
        "partly",
        "answered-no",
        "answered",
    ]
    assert all(isinstance(v, list) for v in questions["missing"])
    assert list(frame.findings(results)["level"].cat.categories) == ["info", "warning", "concern"]
    summary = frame.summary(results)
    assert summary["verdict"].cat.ordered


def test_cli_markdown_output_is_escaped(tmp_path: Path) -> None:
    data = json.loads(dump_project(load_example("one-stage")))
    data["title"] = HOSTILE
    source = tmp_path / "p.json"
    source.write_text(json.dumps(data))
    out = io.StringIO()
    assert main(["appraise", str(source), "-f", "markdown"], stdout=out) == 0
    assert "\x1b" not in out.getvalue()
    assert "\\<script\\>" in out.getvalue()
