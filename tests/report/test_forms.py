"""Plan once, report many: the three reports for every bundled example, in every format."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from coproduce.cli import main
from coproduce.io import example_path, examples, load_example
from coproduce.model import (
    Involvement,
    MitigationRecord,
    Mode,
    Project,
    Resources,
    Stakeholder,
    StakeholderKind,
    Support,
)
from coproduce.report.forms import (
    KINDS,
    Report,
    application_section,
    build,
    gripp2_report,
    render,
    report_data,
    standards_assessment,
)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _labels(report: Report) -> list[str]:
    return [i.label for s in report.sections for i in s.items]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", examples())
def test_every_report_for_every_example_in_every_format(name: str, kind: str) -> None:
    project = load_example(name)
    report = build(kind, project)  # type: ignore[arg-type]
    assert report.project == project.title and report.sections and report.documents
    md = render(report, "markdown")
    assert md.startswith(f"# {report.title}") and "## Sources" in md
    page = render(report, "html")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    tags = _Tags()
    tags.feed(page)
    assert "script" not in tags.tags and "link" not in tags.tags and "img" not in tags.tags
    data = json.loads(render(report, "json"))
    assert data == json.loads(json.dumps(report_data(report)))
    assert data["to_complete"] == sum(
        not i["complete"] for s in data["sections"] for i in s["items"]
    )
    # every entry says what is still needed, or is complete
    for section in report.sections:
        for item in section.items:
            assert item.complete or item.prompt, (section.title, item.label)


def test_text_from_the_project_is_escaped_in_html_and_markdown() -> None:
    project = Project(
        title="<script>alert(1)</script> & *bold*",
        stakeholders=(Stakeholder(id="p<1>", kind=StakeholderKind.PATIENT, description="<b>"),),
        plan=(Involvement(stage="stage.framing-questions", stakeholder="p<1>", mode=Mode.ADVICE),),
    )
    for kind in KINDS:
        page = render(build(kind, project), "html")
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert "<b>" not in page
        md = render(build(kind, project), "markdown")
        assert "<script>" not in md and "\\*bold\\*" in md


def test_render_refuses_an_unknown_format_and_build_an_unknown_kind() -> None:
    report = gripp2_report(Project(title="t"))
    with pytest.raises(ValueError, match="report format: 'pdf'"):
        render(report, "pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="report kind: 'poster'"):
        build("poster", Project(title="t"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- standards


def _item(report: Report, section: str, label: str) -> tuple[bool, tuple[str, ...]]:
    for s in report.sections:
        if s.title.startswith(section):
            for i in s.items:
                if i.label.startswith(label):
                    return i.complete, i.lines
    raise AssertionError(f"{section} / {label} not found")


def test_the_self_assessment_covers_the_six_standards_and_unknown_facts() -> None:
    report = standards_assessment(Project(title="t"))
    titles = [s.title for s in report.sections]
    assert titles[0] == "First"  # the single most important thing to do, as the advice says
    assert titles[1:7] == [
        "Standard 1: Inclusive opportunities",
        "Standard 2: Working together",
        "Standard 3: Support and learning",
        "Standard 4: Communications",
        "Standard 5: Impact",
        "Standard 6: Governance",
    ]
    assert titles[7] == "Facts still unknown"
    # an empty plan answers nothing and shows its gaps
    assert _item(report, "Standard 1", "Gaps") == (
        False,
        ("No patient, carer, public or community stakeholder is in the plan.",),
    )


def test_facts_answer_reflective_questions() -> None:
    lay = Stakeholder(id="panel", kind=StakeholderKind.PATIENT, reimbursed=True)
    plan = (Involvement(stage="stage.mixed-teams", stakeholder="panel", mode=Mode.PARTNERSHIP),)
    base = Project(title="t", stakeholders=(lay,), plan=plan)
    before = standards_assessment(base)
    assert not _item(before, "Standard 3", "What learning")[0]
    assert not _item(before, "Standard 5", "How will the difference")[0]
    after = standards_assessment(
        attrs.evolve(
            base,
            resources=Resources(training=True),
            support=Support(evaluation=True),
        )
    )
    assert _item(after, "Standard 3", "What learning")[0]
    assert _item(after, "Standard 5", "How will the difference")[0]
    assert _item(after, "Standard 6", "Do public contributors sit")[0]
    assert _item(after, "Standard 1", "Are people affected")[0]
    assert _item(after, "Standard 2", "How are contributions")[0]
    assert after.to_complete < before.to_complete


# --------------------------------------------------------------------------- application


def test_the_application_section_lists_who_when_how_and_the_risks() -> None:
    report = application_section(load_example("patient-public-only"))
    done, who = _item(report, "Who is involved", "Stakeholders")
    assert done and any(line.startswith("service-users (patient") for line in who)
    _, stages = _item(report, "When and how", "Stages and depth")
    assert (
        "Framing research questions: service-users, partnership (funders' level: "
        "coproduction)" in stages
    )
    done, lines = _item(report, "Practice risks", "Payment and welfare-benefit rules")
    assert not done
    assert lines[0].startswith("Falls on: service-users (lay sphere)")
    assert (
        "Benefits advice: in place (Benefits advice service letter of agreement, signed, "
        "owner lead, review 2026-06-30)" in lines
    )
    done, lines = _item(report, "Practice risks", "Consent, confidentiality and safety when lay")
    assert not done and any(
        line.startswith("A confidentiality and safety protocol: missing") for line in lines
    )


def test_no_practice_risk_is_a_complete_entry() -> None:
    report = application_section(Project(title="t"))
    assert _item(report, "Practice risks", "Practice risks") == (
        True,
        ("None raised by the facts stated.",),
    )


class _Costing:
    def __init__(self, lines: Iterable[tuple[str, str]]) -> None:
        self.lines = list(lines)

    def budget_lines(self) -> Iterable[tuple[str, str]]:
        return self.lines


def test_the_budget_comes_from_a_costing_when_there_is_one() -> None:
    project = load_example("one-stage")
    done, lines = _item(application_section(project), "Budget", "Budget lines")
    assert not done and lines[0].startswith("Engagement budget (plan):")
    costing = _Costing([("Contributor fees", "£1,200"), ("Travel", "£300")])
    done, lines = _item(application_section(project, budget=costing), "Budget", "Budget lines")
    assert done and lines == ("Contributor fees: £1,200", "Travel: £300")


# --------------------------------------------------------------------------- GRIPP2


def test_gripp2_short_form_always_long_form_when_lay_people_are_involved() -> None:
    bare = gripp2_report(Project(title="t"))
    assert [s.title for s in bare.sections] == ["First", "GRIPP2 short form"]
    assert _labels(bare)[1:] == [
        "1. Aim",
        "2. Methods",
        "3. Study results",
        "4. Discussion and conclusions",
        "5. Reflections/critical perspective",
    ]
    full = gripp2_report(load_example("patient-public-only"))
    assert [s.title for s in full.sections] == [
        "First",
        "GRIPP2 short form",
        "GRIPP2 long form (encoded items)",
    ]
    done, people = _item(full, "GRIPP2 long form", "4b. People involved")
    assert done and len(people) == 3
    assert not _item(full, "GRIPP2 short form", "3. Study results")[0]  # only after the study


def test_gripp2_marks_what_is_not_yet_known() -> None:
    report = gripp2_report(Project(title="t"))
    assert report.to_complete == 6  # five items, and the first thing to do: state the aims
    assert _item(report, "First", "The most important thing to do")[1] == (
        "Say what involving people is for (step 1) before deciding whom to involve and how deeply.",
    )
    done, lines = _item(report, "GRIPP2 short form", "1. Aim")
    assert not done and lines == ()


# --------------------------------------------------------------------------- command


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_report_command_writes_each_kind(tmp_path: Path, fmt: str) -> None:
    source = str(example_path("patient-public-only"))
    for kind in KINDS:
        out = tmp_path / f"{kind}.{fmt}"
        assert run("report", source, "--kind", kind, "--format", fmt, "--output", str(out)) == (
            0,
            "",
        )
        expected = render(build(kind, load_example("patient-public-only")), fmt)  # type: ignore[arg-type]
        assert out.read_text() == expected


def test_report_command_errors(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        run("report", str(example_path("one-stage")), "--kind", "poster")
    assert info.value.code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: t\nmitigation_records: [{mitigation: nope}]\n")
    status, text = run("report", str(bad), "--kind", "standards")
    assert status == 1 and text == ""
    missing = tmp_path / "missing.yaml"
    assert run("report", str(missing), "--kind", "gripp2")[0] == 1
    record = MitigationRecord(mitigation="mitigation.practice.dpia", signed=True)
    assert record.in_place is True


def test_a_custom_standard_without_rules_leaves_its_questions_open() -> None:
    from coproduce.catalogue import default

    cat = default()
    extra = attrs.evolve(cat.practice.standards[0], id="standard.local", number=7, label="Local")
    custom = attrs.evolve(
        cat, practice=attrs.evolve(cat.practice, standards=(*cat.practice.standards, extra))
    )
    report = standards_assessment(load_example("patient-public-only"), custom)
    section = next(s for s in report.sections if s.title == "Standard 7: Local")
    assert not any(i.complete for i in section.items if i.label != "Gaps")


def test_the_application_budget_comes_from_the_costing() -> None:
    from coproduce.report.forms import CostingBudget, application_section

    report = application_section(load_example("no-resources"))
    (budget,) = next(s for s in report.sections if s.title == "Budget").items
    assert budget.complete
    assert "Total for involvement: GBP 8,650.00" in budget.lines
    assert "Short of the budget: GBP 6,150.00 more needed" in budget.lines
    uncosted = application_section(load_example("one-stage"))
    (plain,) = next(s for s in uncosted.sections if s.title == "Budget").items
    assert not plain.complete  # no costing: marked to complete
    assert list(CostingBudget.of(load_example("one-stage")).budget_lines()) == []
