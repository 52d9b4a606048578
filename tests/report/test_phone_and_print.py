"""Every HTML report reads on a phone (390 px) and on a desktop (1280 px), and prints.

Each report is laid out by headless Chromium in a frame of the width (Chromium's own window
is never narrower than 500 px), and a script measures what a reader would see: nothing wider
than the screen, and the stage diagram's labels at a legible size.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from coproduce import appraise
from coproduce.costing import cost, fit
from coproduce.io import example_log_path, example_path, load_example, load_log
from coproduce.portfolio import TrackingPortfolio, pairs, track_many
from coproduce.report import (
    costing_report,
    portfolio_report,
    render,
    to_html,
    tracking_report,
)
from coproduce.report.forms import application_section, gripp2_report, standards_assessment
from coproduce.tracking import reappraise, track

NAME = "contested-policy"

_MEASURE = """
window.onload = function () {
  var frame = document.getElementById("f"), doc = frame.contentDocument;
  var root = doc.documentElement, width = frame.contentWindow.innerWidth;
  var wide = [];
  doc.querySelectorAll("main *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width && r.right > width + 0.5 && !e.closest("figure, div.table")) {
      wide.push(e.tagName + ": " + (e.textContent || "").slice(0, 40));
    }
  });
  var swiped = Array.prototype.filter.call(doc.querySelectorAll("div.table"), function (d) {
    return d.scrollWidth > d.clientWidth + 1;
  }).length;
  var stages = null, shown = doc.querySelector("#graph figure");
  if (shown) {
    var svg = Array.prototype.filter.call(shown.querySelectorAll("svg"), function (s) {
      return s.getBoundingClientRect().width > 0;
    })[0];
    var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    var sizes = Array.prototype.map.call(svg.querySelectorAll("text"), function (t) {
      return parseFloat(t.getAttribute("font-size")) * scale;
    });
    stages = {
      narrow: !!svg.closest(".narrow"),
      smallest: Math.min.apply(null, sizes),
      right: svg.getBoundingClientRect().right,
    };
  }
  document.title = JSON.stringify({
    scroll: root.scrollWidth, client: root.clientWidth, width: width, wide: wide.slice(0, 5),
    tables: doc.querySelectorAll("table").length, swiped: swiped, stages: stages,
  });
};
"""


def _pages() -> dict[str, str]:
    project = load_example(NAME)
    costing = cost(project)
    assert costing is not None
    log = load_log(example_log_path(NAME), project=project)
    again = reappraise(project, log)
    tracked = track(project, log, appraisal=again.before)
    view = TrackingPortfolio()
    for entry in track_many(pairs(example_path(NAME).parent)):
        view.add(entry)
    return {
        "appraisal": to_html(appraise(project)),
        "costing": render(costing_report(costing, fit(project), title=project.title), "html"),
        "tracking": render(tracking_report(tracked, again.comparison), "html"),
        "portfolio": render(portfolio_report(view.summary()), "html"),
        "standards": render(standards_assessment(project), "html"),
        "application": render(application_section(project), "html"),
        "gripp2": render(gripp2_report(project), "html"),
    }


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed here; CI installs it")
    return browser


def _measure(browser: str, page: str, width: int, folder: Path) -> dict[str, object]:
    """What a reader sees of ``page`` on a screen ``width`` pixels wide and 844 high."""
    probe = folder / f"probe-{width}.html"
    probe.write_text(
        '<!doctype html><html><body style="margin:0">'
        f'<iframe id="f" width="{width}" height="844" style="border:0; display:block" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        f"<script>{_MEASURE}</script></body></html>",
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={tempfile.mkdtemp()}",
            "--virtual-time-budget=5000",
            f"--window-size={max(width, 500)},900",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert found is not None, dom[-500:]
    measured: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return measured


def test_every_page_has_the_viewport_tag_and_a_print_stylesheet() -> None:
    for kind, page in _pages().items():
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page, kind
        printed = page[page.index("@media print") :]
        assert re.search(r"\.verdict, \S+ \.badge \{[^}]*background: none", printed), kind
        assert re.search(r"tr, \S+ li, \S+ figure[^{]*\{ break-inside: avoid", printed), kind


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_no_report_runs_off_the_screen_and_the_stage_diagram_stays_legible(
    width: int, tmp_path: Path
) -> None:
    browser = _chromium()
    for kind, page in _pages().items():
        seen = _measure(browser, page, width, tmp_path)
        assert seen["width"] == width, kind
        assert seen["tables"] or kind in ("standards", "application", "gripp2"), kind
        assert seen["scroll"] == seen["client"], (kind, seen)  # no sideways scrolling
        assert seen["wide"] == [], (kind, seen["wide"])
        assert seen["swiped"] == 0, (kind, seen)  # every table fits: none to scroll sideways
        stages = seen["stages"]
        if kind != "appraisal":
            assert stages is None
            continue
        assert isinstance(stages, dict)
        assert stages["narrow"] is (width < 640), stages  # a phone gets the stacked diagram
        assert stages["smallest"] >= 10.5, stages  # every label at least 10.5 px on screen
        assert stages["right"] <= width, stages
