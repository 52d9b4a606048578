"""What `coproduce track` reports: re-appraisal changes, plan changes, facts against judgement."""

from __future__ import annotations

import io as stdio
import json
import re
from pathlib import Path

import attrs
import pytest

from coproduce import appraise
from coproduce.appraisal import CHANGE_KINDS, Action
from coproduce.appraisal import compare as compare_appraisals
from coproduce.appraisal._whatif import _MAPS
from coproduce.cli import main
from coproduce.io import example_log_path, example_path, load_example, load_example_log
from coproduce.model import (
    ConditionSetting,
    ImpactArea,
    ImpactRecord,
    Lean,
    LogEntry,
    Mode,
    PlanChange,
    PlanChangeKind,
    append_entry,
)
from coproduce.report import tracking_html, tracking_markdown, tracking_text
from coproduce.tracking import as_it_stands, reappraise, track

TRIAL = load_example("trial-patient-partners")
TRIAL_LOG = load_example_log("trial-patient-partners")
POLICY = load_example("contested-policy")
POLICY_LOG = load_example_log("contested-policy")
RENDER = {"text": tracking_text, "markdown": tracking_markdown, "html": tracking_html}


def _track(*argv: str) -> str:
    out = stdio.StringIO()
    assert main(["track", *argv], stdout=out) == 0
    return out.getvalue()


def _trial_report(fmt: str) -> str:
    return RENDER[fmt](track(TRIAL, TRIAL_LOG), reappraise(TRIAL, TRIAL_LOG).comparison)


# --------------------------------------------------------------------------- re-appraisal


def test_every_kind_of_change_is_named_and_compared_in_order() -> None:
    assert list(_MAPS) == list(CHANGE_KINDS)
    assert {"advice", "risk", "finding", "question"} <= set(CHANGE_KINDS)  # the old kinds stay


def test_stating_a_condition_shows_which_levers_went_and_which_now_move_the_advice() -> None:
    """The trial leaves Table 2 row 8 unknown: both ways of leaning it are levers. Stated,
    those go, and the remaining unknown rows are no longer levers either while the advice
    for the funder becomes 'more'; what would move it now is listed as new."""
    stated = attrs.evolve(
        TRIAL,
        conditions=(
            *TRIAL.conditions,
            ConditionSetting(condition="condition.relationships", lean=Lean.MORE),
        ),
    )
    levers = {
        c.key: c
        for c in compare_appraisals(appraise(TRIAL), appraise(stated)).changes
        if c.what == "lever"
    }
    row8 = levers["condition[conditions[condition.relationships]]"]
    assert row8.before is not None and " | " in row8.before  # leaning less | leaning more
    assert "leaned more" in row8.before and "leaned more" not in (row8.after or "")
    assert levers["condition[conditions[condition.purpose]]"].after is None
    assert levers["condition[conditions[condition.contested]]"].before is None


def test_the_trial_reappraisal_names_the_new_advice_line_its_costs_and_risks() -> None:
    changes = reappraise(TRIAL, TRIAL_LOG).comparison.changes
    by = {(c.what, c.key): c for c in changes}
    line = by[("advice-stage", "advisory-group@stage.analysing-data")]
    assert line.before is None and line.after is not None and "consultation" in line.after
    costs = by[("advice-costs", "advisory-group@stage.analysing-data")]
    assert costs.after is not None and "cost.stakeholder-time" in costs.after
    falls = by[("risk-stakeholders", "risk.help-analyse@stage.analysing-data")]
    assert (falls.before, falls.after) == ("co-applicant", "advisory-group, co-applicant")
    missing = by[("question-missing", "question.individuals.circumstances")]
    assert missing.after is not None
    assert "plan[stage.analysing-data/advisory-group].aims" in missing.after


def test_a_compared_advice_line_says_what_to_do() -> None:
    """A team reads "lighten it to consultation", not an action code after the modes."""
    project = load_example("trial-patient-partners")
    deeper = attrs.evolve(
        project, plan=tuple(attrs.evolve(i, mode=Mode.PARTNERSHIP) for i in project.plan)
    )
    changes = compare_appraisals(appraise(project), appraise(deeper)).changes
    by = {c.key: c for c in changes if c.what == "advice-stage"}
    funder = by["funder@stage.dissemination"]
    assert funder.before == "planned recipient; go ahead as planned"
    assert funder.after == "planned partnership; lighten it to consultation"
    for line in by.values():
        for text in (line.before, line.after):
            assert text is None or not text.endswith(tuple(a.value for a in Action))


@pytest.mark.parametrize("name", ["contested-policy", "rapid-evaluation", "trial-patient-partners"])
def test_a_finding_whose_evidence_changes_is_one_change_not_a_removal_and_an_addition(
    name: str,
) -> None:
    """Deepening every line changes whom a finding is about, not which finding it is."""
    project = load_example(name)
    deeper = attrs.evolve(
        project, plan=tuple(attrs.evolve(i, mode=Mode.PARTNERSHIP) for i in project.plan)
    )
    changes = compare_appraisals(appraise(project), appraise(deeper)).changes
    findings = [c for c in changes if c.what == "finding"]
    political = [c for c in findings if c.key == "aims.political-unstated"]
    assert len(political) == 1 and political[0].before and political[0].after
    assert political[0].after.startswith("warning (stakeholders[")
    for c in findings:  # a rule's finding about one stakeholder: keyed by the stakeholder
        if "[" in c.key:
            assert re.fullmatch(
                r"[a-z.-]+\[(stakeholders|exposure|aims|researchers)\[[^\]]+\]\]", c.key
            )


def test_two_findings_of_one_rule_keep_their_keys_when_their_evidence_changes() -> None:
    """contested-policy has two concentration findings (the public, the junior researchers).

    Without its costing the campaign is unpaid, so the public's finding names it too.
    """
    project = attrs.evolve(load_example("contested-policy"), costing=None)
    signed = attrs.evolve(project, governance=attrs.evolve(project.governance, data_agreement=True))
    before, after = appraise(project), appraise(signed)
    assert [f.inputs for f in before.findings if f.code == "exposure.concentration"] != [
        f.inputs for f in after.findings if f.code == "exposure.concentration"
    ]  # a risk behind the researchers' cells is gone...
    changes = compare_appraisals(before, after).changes
    assert not [
        c for c in changes if c.key.startswith("exposure.concentration")
    ]  # ...same findings
    keys = [c.key for c in compare_appraisals(before, appraise(project)).changes]
    assert keys == []


def test_a_question_answer_that_changes_is_compared() -> None:
    before = appraise(TRIAL)
    after = appraise(attrs.evolve(TRIAL, support=type(TRIAL.support)()))
    answers = {c.key: c for c in compare_appraisals(before, after).changes if c.what == "question"}
    training = answers["question.organisations.training"]
    assert (training.before, training.after) == ("answered", "partly")


def test_a_drop_is_shown_in_the_advice_and_the_costing_no_longer_costs_the_line() -> None:
    r = reappraise(POLICY, POLICY_LOG)
    by = {(c.what, c.key): c for c in r.comparison.changes}
    assert by[("advice-stage", "campaign@stage.framing-questions")].after is None
    money = by[("costing", "money")]
    assert money.before == "GBP 2,656.00" and money.after != "GBP 0.00"
    assert not r.after.finding("costing.incomplete")  # the dropped line is not costed
    assert ("stage.framing-questions", "campaign") not in {
        (c.stage, c.stakeholder)
        for c in as_it_stands(POLICY, POLICY_LOG).costing.involvements  # type: ignore[union-attr]
    }


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_report_lists_every_other_change_by_kind(fmt: str) -> None:
    out = _trial_report(fmt)
    # 9: the alternatives of the normative aim (accountability) are listed too, as for any aim
    assert "9 other changes" in out
    assert "advisory-group at Analysing and interpreting data" in out  # labels, not ids
    assert "stage.analysing-data" not in out.split("Re-appraised as it now stands")[1]
    assert CHANGE_KINDS["risk-stakeholders"].capitalize() in out
    assert "no change in the advice" not in out


def test_json_carries_the_new_kinds() -> None:
    data = json.loads(
        _track(str(example_path("trial-patient-partners")), str(TRIAL_LOG_PATH), "-f", "json")
    )
    kinds = {c["what"] for c in data["reappraisal"]["changes"]}
    assert {"advice-stage", "risk-stakeholders", "question-missing"} <= kinds
    (change,) = data["tracking"]["plan_changes"]
    assert (change["change"], change["stakeholder"]) == ("add", "advisory-group")
    assert len(data["tracking"]["observed"]) == 3 and data["tracking"]["mitigations"]


TRIAL_LOG_PATH = example_log_path("trial-patient-partners")


# --------------------------------------------------------------------------- plan changes


def test_rows_reflect_the_plan_as_it_stands() -> None:
    rows = {(r.stage, r.stakeholder): r for r in track(TRIAL, TRIAL_LOG).rows}
    added = rows[("stage.analysing-data", "advisory-group")]
    assert (added.planned, added.change, added.now, added.status) == (
        None,
        PlanChangeKind.ADD,
        Mode.CONSULTATION,
        "added, not held",
    )
    dropped = {(r.stage, r.stakeholder): r for r in track(POLICY, POLICY_LOG).rows}[
        ("stage.framing-questions", "campaign")
    ]
    assert (dropped.now, dropped.status) == (None, "held, then dropped")
    assert rows[("stage.mixed-teams", "co-applicant")].now is Mode.PARTNERSHIP


def test_a_planned_line_dropped_before_it_was_held_shows_as_dropped() -> None:
    log = append_entry(
        TRIAL_LOG,
        LogEntry(
            date="2027-01-01",
            changes=(
                PlanChange(
                    change=PlanChangeKind.DROP,
                    stage="stage.dissemination",
                    stakeholder="funder",
                    reason="The funder <b>declined</b>.",
                ),
            ),
        ),
    )
    t = track(TRIAL, log)
    row = {(r.stage, r.stakeholder): r for r in t.rows}[("stage.dissemination", "funder")]
    assert row.status == "dropped" and t.changes == len(t.plan_changes) == 2
    text = tracking_text(t)
    assert "2027-01-01 drop Disseminating research × funder" in text
    cells = next(
        c
        for c in (re.split(r"\s{2,}", x) for x in text.splitlines())
        if c[:2] == ["Disseminating research", "funder"]
    )
    assert cells[2:5] == ["recipient", "drop", "dropped"]
    line = "  ".join(cells)
    assert "dropped" in line.split()[-4] and "not held" not in line
    html = tracking_html(t)
    assert "<b>declined" not in html and "&lt;b&gt;declined" in html
    assert "\\<b\\>declined" in tracking_markdown(t)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_the_logs_changes_impacts_and_mitigations(fmt: str) -> None:
    out = _trial_report(fmt)
    assert "2026-09-10 add Analysing and interpreting data × advisory-group at consultation" in out
    assert "The group asked to comment on the interpretation of the results." in out
    assert "Fatigue was added as a secondary outcome." in out
    assert "telephone dial-in offered for every online meeting" in out
    assert "Two members could not join online" in out


def test_impacts_keep_area_aims_and_stakeholders() -> None:
    log = append_entry(
        TRIAL_LOG,
        LogEntry(
            date="2027-02-02",
            impacts=(
                ImpactRecord(
                    area=ImpactArea.POLICY_PRACTICE,
                    description="The trust adopted the programme.",
                    aims=("accountability",),
                    stakeholders=("funder",),
                ),
            ),
        ),
    )
    t = track(TRIAL, log)
    last = t.observed[-1]
    assert (last.date, last.area, last.aims, last.stakeholders) == (
        "2027-02-02",
        ImpactArea.POLICY_PRACTICE,
        ("accountability",),
        ("funder",),
    )
    assert "policy-practice: The trust adopted the programme. Aims: accountability." in (
        tracking_text(t)
    )


# --------------------------------------------------------------------------- facts, judgement


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_says_what_is_recorded_and_what_is_judged(fmt: str) -> None:
    out = _trial_report(fmt)
    head = out[: out.index("Summary")]
    assert "recorded" in head and "judged" in head and "judgement" in head
    assert "status (judged)" in out
    assert "Re-appraised as it now stands (judged)" in out
    assert "Impacts observed (recorded)" in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_have_the_risks_table(fmt: str) -> None:
    out = _trial_report(fmt)
    lines = out.splitlines()
    head = next(i for i, x in enumerate(lines) if "times materialised" in x)
    assert "risk" in lines[head] and "status (judged)" in lines[head]
    table = "\n".join(lines[head : head + 14])
    assert "practice-risk.access-exclusion" in table and "unforeseen" in table
    assert "risk.pressure-on-resources" in table and "foreseen and materialised" in table


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_money_shows_two_decimals_when_the_currency_is_known(fmt: str) -> None:
    out = _trial_report(fmt)
    assert "GBP 1,593.40" in out and "568.40" in out and "1,025.00" in out
    assert "1,593.4 " not in out and "568.4)" not in out


def test_the_cli_report_ends_with_what_reappraisal_changed() -> None:
    text = _track(str(example_path("trial-patient-partners")), str(TRIAL_LOG_PATH))
    tail = text[text.index("Re-appraised as it now stands") :]
    line = "advisory-group at Analysing and interpreting data: new: planned consultation"
    assert line in tail
    assert "Stakeholders ask who took part at Analysing and interpreting data" in tail


def test_the_portfolio_page_shows_money_to_two_decimals(tmp_path: Path) -> None:
    from coproduce.portfolio import TrackingPortfolio, pairs, track_many
    from coproduce.report import portfolio_html

    for src in (example_path("contested-policy"), example_path("trial-patient-partners")):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    for name in ("contested-policy", "trial-patient-partners"):
        log = example_log_path(name)
        (tmp_path / log.name).write_bytes(log.read_bytes())
    view = TrackingPortfolio()
    for entry in track_many(pairs(tmp_path)):
        view.add(entry)
    page = portfolio_html(view.summary())
    assert '"spent">2,575.90</td>' in page and '"budgeted">6,000.00</td>' in page


def test_the_frame_shows_the_plan_as_it_stands() -> None:
    pd = pytest.importorskip("pandas")
    from coproduce.frame import tracking_rows

    rows = tracking_rows(track(POLICY, POLICY_LOG)).to_dict("records")
    (dropped,) = [
        r for r in rows if (r["stage"], r["stakeholder"]) == ("stage.framing-questions", "campaign")
    ]
    assert (dropped["change"], dropped["status"]) == ("drop", "held, then dropped")
    assert pd.isna(dropped["now"])


def test_stages_and_risks_are_named_by_their_labels_stages_in_lifecycle_order() -> None:
    """A PPI lead filing the report reads labels; the codes a log names stay beside risks."""
    lines = _trial_report("text").splitlines()
    start = lines.index("Involvement by stage and stakeholder")
    stages = [re.split(r"\s{2,}", x)[0] for x in lines[start + 5 : lines.index("", start + 5)]]
    lifecycle = [
        "Developing mixed research teams",
        "Framing research questions",
        "Collecting data",
        "Analysing and interpreting data",
        "Disseminating research",
    ]
    assert list(dict.fromkeys(stages)) == lifecycle
    assert not any(x.startswith("stage.") for x in stages)
    risk = next(x for x in lines if x.startswith("Accessibility and digital exclusion"))
    assert re.split(r"\s{2,}", risk)[:3] == [
        "Accessibility and digital exclusion",
        "practice-risk.access-exclusion",
        "unforeseen",
    ]
    unforeseen = "Accessibility and digital exclusion (practice-risk.access-exclusion)"
    assert f"Unforeseen risks (judged): {unforeseen}" in lines[lines.index("Summary") + 5]
    assert any(f"answering {unforeseen}" in x for x in lines)


def test_the_summary_says_plainly_when_the_plan_has_no_costing_or_budget() -> None:
    trial = _trial_report("text")
    assert "; the plan has no costing; no budget set" in trial
    assert "not costed" not in trial and "none set" not in trial
    policy = tracking_text(track(POLICY, POLICY_LOG))
    assert (
        "Money: spent GBP 982.50" in policy
        and "; planned GBP 2,656.00; budget GBP 6,000.00" in policy
    )
