"""Every command chooses its output format the same way, through ``io.output_format``."""

from __future__ import annotations

from pathlib import Path

import pytest

from coproduce.cli import main
from coproduce.errors import OutputFormatError
from coproduce.io import example_path, output_format

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
