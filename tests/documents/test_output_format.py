"""Every command chooses its output format the same way, through ``io.output_format``."""

from __future__ import annotations

from pathlib import Path

import pytest

from coproduce.cli import main
from coproduce.errors import OutputFormatError
from coproduce.io import example_log_path, example_path, load_example, output_format
from coproduce.report import Reportable, document, write

REPORT = ("text", "markdown", "html", "json")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("r.html", "html"), ("R.HTM", "html"), ("r.md", "markdown"), ("r.txt", "text"), ("r", "text")],
)
def test_the_suffix_names_the_format_and_no_suffix_is_the_default(path: str, expected: str) -> None:
    assert output_format(path, formats=REPORT) == expected


def test_a_format_given_wins_over_the_suffix() -> None:
    assert output_format("r.html", "json", formats=REPORT) == "json"
    assert output_format("notes.rst", "markdown", formats=REPORT) == "markdown"


@pytest.mark.parametrize("name", ["r.pdf", "r.docx", "r.csv"])
def test_a_suffix_the_writer_cannot_write_is_refused_with_the_ones_it_can(name: str) -> None:
    with pytest.raises(OutputFormatError, match=r"name the file \.txt, \.md, \.html or \.json"):
        output_format(name, formats=REPORT)


def test_a_format_the_writer_does_not_have_is_refused() -> None:
    with pytest.raises(OutputFormatError, match="the formats are"):
        output_format(None, "csv", formats=REPORT)


COSTED = str(example_path("community-small-grant"))
COMMANDS = [
    ["appraise", COSTED],
    ["cost", COSTED],
    ["report", COSTED, "--kind", "standards"],
    ["report", COSTED, "--kind", "application"],
    ["report", COSTED, "--kind", "gripp2"],
    ["track", str(example_path("contested-policy")), str(example_log_path("contested-policy"))],
    ["portfolio", str(example_path("contested-policy").parent)],
    ["graph"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_every_command_refuses_an_unknown_suffix_alike_and_writes_nothing(
    command: list[str], suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out{suffix}"
    assert main([*command, "-o", str(out)]) == 2
    assert f"cannot write {suffix}; name the file" in capsys.readouterr().err
    assert not out.exists()


BATCH = str(example_path("contested-policy").parent)
"""The bundled examples' folder, as ``appraise --batch`` reads it."""


@pytest.mark.parametrize(
    ("command", "option", "writes"),
    [
        (["appraise", "--batch", BATCH], "-o", "JSON Lines"),
        (["appraise", "--batch", BATCH, "-o", "{tmp}/a.jsonl"], "--summary", "JSON"),
        (["init"], "-o", "a commented YAML"),
    ],
    ids=["batch-output", "batch-summary", "init"],
)
@pytest.mark.parametrize("suffix", [".pdf", ".html", ".txt"])
def test_commands_that_write_one_kind_refuse_any_other_suffix_before_writing(
    command: list[str],
    option: str,
    writes: str,
    suffix: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / f"out{suffix}"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert main([*argv, option, str(out)]) == 2
    err = capsys.readouterr().err
    assert f"writes {writes}" in err and "name it" in err
    assert not out.exists() and not (tmp_path / "a.jsonl").exists()


def test_init_refuses_json_rather_than_writing_yaml_into_it(tmp_path: Path) -> None:
    out = tmp_path / "project.json"
    assert main(["init", "-o", str(out)]) == 2
    assert not out.exists()
    assert main(["init", "-o", str(tmp_path / "project.yml")]) == 0


def _reports() -> list[Reportable]:
    from coproduce import appraise
    from coproduce.costing import cost
    from coproduce.report.forms import application_section, gripp2_report, standards_assessment

    project = load_example("contested-policy")
    costing = cost(project)
    assert costing is not None
    return [
        appraise(project),
        costing,
        standards_assessment(project),
        application_section(project),
        gripp2_report(project),
    ]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_library_refuses_an_unknown_suffix_for_every_report_before_writing(
    suffix: str, tmp_path: Path
) -> None:
    for report in _reports():
        out = tmp_path / f"out{suffix}"
        with pytest.raises(OutputFormatError, match=f"cannot write \\{suffix}"):
            write(report, out)
        assert not out.exists()


def test_the_library_writes_each_report_in_the_format_its_suffix_names(tmp_path: Path) -> None:
    for report in _reports():
        doc = document(report)
        for fmt in doc.formats:
            suffix = {"text": ".txt", "markdown": ".md"}.get(fmt, f".{fmt}")
            out = tmp_path / f"{doc.kind}{suffix}"
            assert write(report, out) == fmt
            body = out.read_text(encoding="utf-8")
            assert body.startswith("<!doctype html>") == (fmt == "html")
            assert body.startswith("{") == (fmt == "json")
        lines = tmp_path / f"{doc.kind}-lines.csv"
        if doc.kind == "costing":
            assert write(report, lines) == "csv"
            assert lines.read_text(encoding="utf-8").startswith("path,kind,heading")
        else:
            with pytest.raises(OutputFormatError, match=r"names csv, which this is not written in"):
                write(report, lines)
            assert not lines.exists()
