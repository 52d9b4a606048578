"""The funder's portfolio view as a panel officer reads it: money, problems, projects by name."""

from __future__ import annotations

import io as stdio
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from coproduce import appraise
from coproduce.cli import main
from coproduce.costing import cost
from coproduce.costing import default_rate_card as default_rates
from coproduce.io import example_log_path, example_path, load_example
from coproduce.portfolio import PortfolioTracking, TrackingPortfolio, pairs, track_many
from coproduce.report import portfolio_html, portfolio_markdown, portfolio_text

WRONG_TYPES = """{
  "schema_version": 2,
  "title": "Hospital discharge for people experiencing homelessness",
  "stakeholders": [
    {"id": "outreach", "kind": "community-organisation", "reimbursed": "yes", "power": "low"}
  ],
  "plan": [
    {"stage": "stage.collecting-data", "stakeholder": "outreach", "mode": "collaboration"}
  ],
  "duration_weeks": "52"
}
"""

UNCOSTED = """\
schema_version: 2
title: An uncosted study
stakeholders:
- {id: panel, kind: patient}
plan:
- {stage: stage.framing-questions, stakeholder: panel, mode: consultation}
"""


def _view(folder: Path, *, rows: int | None = 1000) -> PortfolioTracking:
    view = TrackingPortfolio(rows=rows)
    for entry in track_many(pairs(folder)):
        view.add(entry)
    return view.summary()


def _run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def _costed_folder(tmp_path: Path) -> Path:
    """A costed project without a log, an uncosted one, and one with two wrong types."""
    shutil.copy(example_path("no-resources"), tmp_path / "01-costed.yaml")
    (tmp_path / "02-uncosted.yaml").write_text(UNCOSTED, encoding="utf-8")
    (tmp_path / "06-wrong-type.json").write_text(WRONG_TYPES, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- 1. spend


def test_a_costed_project_without_a_log_shows_its_planned_money(tmp_path: Path) -> None:
    s = _view(_costed_folder(tmp_path))
    planned = cost(load_example("no-resources"), rates=default_rates())
    assert planned is not None and planned.money > 0
    (row,) = s.spend
    assert (row.currency, row.logged, row.costed) == (planned.currency, 0, 1)
    assert row.costed_planned == planned.money
    assert row.costed_budget == (planned.budget or Decimal(0))
    assert (row.spent, row.planned) == (Decimal(0), Decimal(0))  # the logs' figures stay so
    page = portfolio_html(s)
    assert "<tbody></tbody>" not in page
    assert f"{planned.money:,.2f}" in page and "— (no log)" in page
    assert "0 of the 2 valid projects have a log" in page


def test_an_amount_stays_on_one_line_with_its_currency(tmp_path: Path) -> None:
    page = portfolio_html(_view(_costed_folder(tmp_path)))
    planned = cost(load_example("no-resources"), rates=default_rates())
    assert planned is not None
    assert f'"planned">{planned.currency}&nbsp;{planned.money:,.2f}</td>' in page
    assert f">{planned.currency} " not in page


def test_no_table_is_ever_shown_with_headers_only(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(UNCOSTED, encoding="utf-8")
    s = _view(tmp_path)
    assert s.spend == () and s.risks == ()
    page = portfolio_html(s)
    assert "<tbody></tbody>" not in page
    assert "Nothing to show: no valid project has a costing section" in page
    assert "Nothing to show: no project has an involvement log." in page
    text = portfolio_text(s)
    assert "Nothing to show: no valid project has a costing section" in text


def test_the_logged_figures_keep_their_meaning_beside_the_costed_ones(tmp_path: Path) -> None:
    for name in ("contested-policy", "no-resources"):
        shutil.copy(example_path(name), tmp_path / example_path(name).name)
    shutil.copy(example_log_path("contested-policy"), tmp_path)
    (gbp,) = _view(tmp_path).spend
    costs = [
        cost(load_example(n), rates=default_rates()) for n in ("contested-policy", "no-resources")
    ]
    assert (gbp.logged, gbp.costed) == (1, 2)
    assert gbp.planned == costs[0].money  # type: ignore[union-attr]
    assert gbp.costed_planned == sum(c.money for c in costs if c is not None)


# --------------------------------------------------------------------------- 2. problems


def test_every_problem_of_an_invalid_document_is_listed_with_what_was_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = _view(_costed_folder(tmp_path))
    bad = str(tmp_path / "06-wrong-type.json")
    assert s.problems == (
        (
            bad,
            "5:72: $.stakeholders[0].reimbursed: got a string (expected true or false or "
            "null)  [wrong-type]",
        ),
        (bad, "10:21: $.duration_weeks: got a string (expected an integer or null)  [wrong-type]"),
    )
    page = portfolio_html(s)
    assert f"{bad}: 2 problems" in page
    assert f"{bad}:10:21: $.duration_weeks: got a string (expected an integer or null)" in page
    status, _ = _run("portfolio", str(tmp_path), "-f", "text")
    err = capsys.readouterr().err
    _, shown = _run("validate", bad)
    assert status == 1
    for line in shown.splitlines()[1:]:  # what validate shows, line by line, less its header
        assert line in err


def test_a_long_list_of_documents_with_problems_says_how_many_more(tmp_path: Path) -> None:
    for n in range(23):
        (tmp_path / f"{n:02d}.json").write_text(WRONG_TYPES, encoding="utf-8")
    s = _view(tmp_path)
    assert s.invalid == 23 and len({source for source, _ in s.problems}) == 20
    assert "… and 3 more documents with problems, not listed" in portfolio_text(s)


# --------------------------------------------------------------------------- 3. projects


def test_the_portfolio_lists_each_project_by_name_with_the_tools_verdict(
    tmp_path: Path,
) -> None:
    s = _view(_costed_folder(tmp_path))
    costed = appraise(load_example("no-resources"))
    first, second = s.project_rows
    assert (first.source, first.title) == (str(tmp_path / "01-costed.yaml"), costed.title)
    assert first.verdict is costed.emphasis.verdict
    assert first.high_risks == sum(r.residual.value == "high" for r in costed.risks)
    assert first.open_questions == sum(q.answer.value == "open" for q in costed.questions)
    assert first.planned is not None and first.spent is None
    assert (second.title, second.planned, second.budget) == ("An uncosted study", None, None)
    for render in (portfolio_html, portfolio_text, portfolio_markdown):
        report = render(s)
        assert costed.title in report and "An uncosted study" in report
        assert "Table 2 profile (judged)" in report and costed.emphasis.verdict.value in report
        assert "Not appraised, with problems (see Problems)" in report


def test_the_json_adds_the_rows_and_keeps_every_key_it_had(tmp_path: Path) -> None:
    status, out = _run("portfolio", str(_costed_folder(tmp_path)), "-f", "json")
    data = json.loads(out)
    assert status == 1
    old = {"projects", "logged", "invalid", "problems", "spend", "unpaid_hours", "carriers"}
    assert old | {"risks", "questions", "project_rows", "unlisted"} <= set(data)
    assert {"currency", "spent", "budget", "spent_budgeted", "planned", "share"} <= set(
        data["spend"][0]
    )
    assert [r["title"] for r in data["project_rows"]][1] == "An uncosted study"


def test_beyond_the_row_limit_projects_are_counted_not_listed(tmp_path: Path) -> None:
    s = _view(_costed_folder(tmp_path), rows=1)
    assert (len(s.project_rows), s.unlisted) == (1, 1)
    assert "… and 1 more project, counted in the figures but not listed" in portfolio_text(s)


@pytest.mark.parametrize(("suffix", "start"), [(".txt", "Portfolio: "), (".md", "# Portfolio")])
def test_the_command_writes_text_and_markdown(tmp_path: Path, suffix: str, start: str) -> None:
    folder = example_path("contested-policy").parent
    out = tmp_path / f"p{suffix}"
    assert _run("portfolio", str(folder), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith(start)
