"""Analyst tables (pandas) and figures (matplotlib)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from coproduce import (
    appraise,
    frame,
)
from coproduce.io import examples, load_example
from coproduce.plot import plot_exposure, plot_graph

RESULTS = [appraise(load_example(name)) for name in examples()]


def test_tables_have_one_row_per_thing() -> None:
    assert len(frame.risks(RESULTS)) == sum(len(a.risks) for a in RESULTS)
    assert len(frame.exposure(RESULTS)) == sum(len(a.exposure) for a in RESULTS)
    assert len(frame.contributions(RESULTS)) == 9 * len(RESULTS)
    assert len(frame.findings(RESULTS)) == sum(len(a.findings) for a in RESULTS)
    assert len(frame.questions(RESULTS)) == 9 * len(RESULTS)
    summary = frame.summary(RESULTS)
    assert list(summary["title"]) == [a.title for a in RESULTS]
    assert (
        dict(zip(summary["title"], summary["verdict"], strict=True))[
            "Does the national sugar levy reduce childhood obesity?"
        ]
        == "clearly-less"
    )


def test_tables_answer_portfolio_questions() -> None:
    risks = frame.risks(RESULTS)
    by_stage = risks.groupby("stage")["residual"].apply(lambda s: (s == "high").sum())
    assert by_stage["stage.recommendations"] >= 1
    exposure = frame.exposure(RESULTS)
    least_able = exposure[exposure["least_able"]]
    assert set(least_able["bearer"]) >= {"bearer.researchers-early-career", "bearer.public"}
    single = frame.risks(RESULTS[0])
    assert set(single["project"]) == {RESULTS[0].project_id or "#0"}


def test_empty_appraisal_gives_empty_tables_with_columns() -> None:
    nothing = appraise(load_example("nothing-known"))
    assert frame.risks(nothing).empty
    assert "residual" in frame.risks(nothing).columns


def test_plots_draw_on_given_or_new_axes() -> None:
    result = appraise(load_example("contested-policy"))
    ax = plot_exposure(result)
    assert ax.get_title() == "Who bears the costs"
    assert len(ax.get_yticklabels()) == len({c.bearer for c in result.exposure})
    _, given = plt.subplots()
    assert plot_graph(result, ax=given) is given
    texts = {t.get_text() for t in given.texts}
    assert "Pressure to frame findings" in texts and "Professional costs" in texts
    plt.close("all")


def test_portfolio_tables() -> None:
    from coproduce.portfolio import summarise

    summary = summarise(RESULTS)
    tables = frame.portfolio(summary)
    assert int(tables["verdicts"]["projects"].sum()) == len(RESULTS)
    assert len(tables["risks"]) == len(summary.risks)
    assert list(tables["questions"]["label"])[:1] == ["What does each party bring?"]
    least = tables["exposure"].query("least_able > 0")
    assert "bearer.researchers-early-career" in set(least["bearer"])
    projects = tables["projects"]
    assert list(projects["title"]) == [a.title for a in RESULTS]
    assert list(projects["verdict"]) == [a.emphasis.verdict.value for a in RESULTS]
