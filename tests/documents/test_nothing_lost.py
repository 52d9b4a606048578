"""Regression tests for issue #23: nothing lost, nothing crashes.

Rate cards read like every other document; YAML tags, big numbers and lone surrogates are
refused at their path; a lower bound of money is always marked as one. Devices and FIFOs
are made only inside ``tmp_path``, never the machine's own.
"""

from __future__ import annotations

import io
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coproduce.cli import main
from coproduce.errors import DocumentError
from coproduce.io import Limits, load_rate_card

CARD = 'id = "mine"\ncurrency = "GBP"\n[[rates]]\nrole = "public-contributor"\nunit = "hour"\n'


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue()


def card_problems(source: object, **kw: object) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as info:
        load_rate_card(source, **kw)  # type: ignore[arg-type]
    assert info.value.what == "rate card"
    return [(i.path, i.code) for i in info.value.issues]


# --------------------------------------------------------------------------- 3: rate cards


def test_a_rate_card_from_a_silent_fifo_is_given_up_after_the_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "card.toml"
    os.mkfifo(fifo)
    found: list[list[tuple[str, str]]] = []
    reader = threading.Thread(
        target=lambda: found.append(card_problems(fifo, limits=Limits(max_wait=0.3)))
    )
    reader.start()
    reader.join(10)
    if reader.is_alive():  # still waiting for a writer: let it go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(10)
    assert found == [[("$", "unreadable")]]


@pytest.mark.parametrize("what", ["device", "folder", "too-large"])
def test_cost_and_validate_refuse_a_rates_file_no_document_could_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    """``--rates /dev/zero`` read until memory ran out; a FIFO never returned."""
    card = tmp_path / "card.toml"
    if what == "device":
        os.mknod(card, 0o600 | stat.S_IFCHR, os.stat("/dev/zero").st_rdev)
    elif what == "folder":
        card.mkdir()
    else:
        with card.open("wb") as f:  # sparse: one byte over the limit, written in no time
            f.truncate(Limits().max_bytes + 1)
    project = tmp_path / "p.yaml"
    project.write_text("schema_version: 2\ntitle: t\n")
    for command in (["cost", "--example", "contested-policy"], ["validate", str(project)]):
        start = time.monotonic()
        assert run(*command, "--rates", str(card))[0] == 1
        assert time.monotonic() - start < 5
        err = capsys.readouterr().err
        assert f"{card}: rate card has 1 problem" in err
        assert ("is more than" if what == "too-large" else f"cannot read {card}") in err


def test_a_rate_card_is_checked_for_what_no_format_can_write_back() -> None:
    for source in (
        '{"id": "mine", "currency": "GBP", "title": "\\ud800"}',
        {"id": "mine", "currency": "GBP", "title": "\ud800"},
    ):
        assert card_problems(source) == [("$.title", "invalid-value")]
    assert card_problems(
        "id: mine\ncurrency: GBP\nrates:\n- {role: r, unit: hour, amount: .nan}\n", format="yaml"
    ) == [("$.rates[0].amount", "invalid-value")]
    assert card_problems("id: mine\ncurrency: GBP\n1: a\n", format="yaml") == [
        ('$["1"]', "wrong-type")
    ]


# --------------------------------------------------------------------------- 7: key paths


@pytest.mark.parametrize(
    ("text", "path", "line", "column"),
    [
        ("schema_version: 2\ntitle: t\ntrue: x\n", '$["true"]', 3, 1),
        ("schema_version: 2\ntitle: t\nTrue:\n  a: 1\n", '$["true"]', 3, 1),
        ("schema_version: 2\ntitle: t\nx-a:\n  b: 1\n  1: 2\n", '$.x-a["1"]', 5, 3),
        ("schema_version: 2\ntitle: t\nx-a:\n- {b: 1}\n- {2.5: [1]}\n", '$.x-a[1]["2.5"]', 5, 4),
    ],
)
def test_a_key_that_is_not_a_string_is_named_in_jsonpath_at_its_own_line(
    text: str, path: str, line: int, column: int
) -> None:
    from coproduce.io import load_project

    with pytest.raises(DocumentError) as info:
        load_project(text, format="yaml")
    [issue] = info.value.issues
    assert (issue.path, issue.code, issue.line, issue.column) == (path, "wrong-type", line, column)
    assert "[True]" not in str(info.value) and "is a" in issue.message


# ------------------------------------------------------------- 4: tags and lone surrogates

BAD_TAGS = ["!!timestamp x", "!!bool x", "!!int x", "!!float x", "!!timestamp 2026-13-45"]


@pytest.mark.parametrize("tag", BAD_TAGS)
def test_a_value_that_does_not_fit_its_yaml_tag_is_a_problem_at_its_place(tag: str) -> None:
    from coproduce.io import load_entry, load_log, load_project

    for load, text in [
        (load_project, f"schema_version: 2\ntitle: {tag}\n"),
        (load_log, f"schema_version: 2\nproject: {tag}\n"),
        (load_entry, f"date: {tag}\n"),
        (load_rate_card, f"id: mine\ncurrency: {tag}\n"),
    ]:
        with pytest.raises(DocumentError) as info:
            load(text, format="yaml")  # type: ignore[operator]
        [issue] = info.value.issues
        line = 1 if load is load_entry else 2
        assert (issue.code, issue.line) == ("syntax", line), issue
        assert "cannot be read as !!" in issue.message


def test_commands_report_a_bad_yaml_tag_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coproduce.io import example_log_path, example_path

    project = tmp_path / "trial-patient-partners.yaml"
    project.write_bytes(example_path("trial-patient-partners").read_bytes())
    log = tmp_path / "trial-patient-partners.log.yaml"
    log.write_bytes(example_log_path("trial-patient-partners").read_bytes())
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\ntitle: !!timestamp x\n")
    entry = tmp_path / "entry.yaml"
    entry.write_text("date: !!timestamp x\n")
    before = log.read_bytes()
    for argv in (
        ["validate", str(bad)],
        ["appraise", str(bad)],
        ["cost", str(bad)],
        ["log", "add", str(log), "--entry", str(entry)],
    ):
        status, out = run(*argv)
        assert status == 1
        err = capsys.readouterr().err
        assert "cannot be read as !!timestamp" in out + err and "Traceback" not in err
    assert log.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("!!timestamp 2026-01-31", "a date"),
        ("!!timestamp 2026-01-31T10:00:00", "a date and time"),
        ("!!binary aGVsbG8=", "binary data"),
        ("!!set {a}", "a set"),
    ],
)
def test_a_tagged_value_no_format_holds_is_refused_at_its_own_path(value: str, what: str) -> None:
    from coproduce.io import load_project

    with pytest.raises(DocumentError) as info:
        load_project(f"schema_version: 2\ntitle: t\nx-when: {value}\n", format="yaml")
    [issue] = info.value.issues
    assert (issue.path, issue.code, issue.line) == ("$.x-when", "wrong-type", 3)
    assert issue.message.startswith(f"got {what}")


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_text_with_a_lone_surrogate_is_refused_in_every_format(fmt: str) -> None:
    """A str (not bytes) can hold a lone surrogate that no output could then encode."""
    from coproduce.io import load_log, load_project

    texts = {
        "json": (
            '{"schema_version": 2, "title": "a\ud800"}',
            '{"schema_version": 2, '
            '"project": "p", "entries": [{"date": "2026-01-01", "note": "\udfff"}]}',
        ),
        "yaml": (
            'schema_version: 2\ntitle: "a\ud800"\n',
            "schema_version: 2\nproject: p\nentries:\n- {date: '2026-01-01', note: \udfff}\n",
        ),
        "toml": (
            'schema_version = 2\ntitle = "a\ud800"\n',
            'schema_version = 2\nproject = "p"'
            '\n[[entries]]\ndate = "2026-01-01"\nnote = "\udfff"\n',
        ),
    }
    project, log = texts[fmt]
    for load, text in ((load_project, project), (load_log, log)):
        with pytest.raises(DocumentError) as info:
            load(text, format=fmt)  # type: ignore[arg-type]
        [issue] = info.value.issues
        assert issue.code == "invalid-value" and "lone surrogate" in issue.message
        assert issue.line is not None


# ------------------------------------------------------------- 4: money, hours and counts

MONEY = "99999999999.9999"  # the largest amount a decimal string may hold
HOURS = "9999999.9999"
MOST = 1_000_000


def _maximal_project(tmp_path: Path) -> Path:
    """The bundled contested-policy project with every amount, hour and count at its bound."""
    import json

    from coproduce.io import dump_project, load_example

    data = json.loads(dump_project(load_example("contested-policy")))
    costing = data["costing"]
    costing["budget"], costing["budget_hours"], costing["months"] = "0.0001", HOURS, MOST
    for rate in costing["rate_card"]["rates"]:
        rate["amount"] = MONEY
    for ic in costing["involvements"]:
        ic.update(people=MOST, sessions=MOST, hours=HOURS, preparation_hours=HOURS)
        ic["travel_hours"] = HOURS
        for e in ic.get("expenses", []):
            e["amount"] = MONEY
        for t in ic.get("team", []):
            t["hours"] = HOURS
    for s in costing["staff"]:
        s["hours"] = HOURS
    for e in costing["expenses"]:
        e["amount"] = MONEY
    path = tmp_path / "contested-policy.json"
    path.write_text(json.dumps(data))
    return path


def test_validate_ok_means_every_command_works_at_the_bounds(tmp_path: Path) -> None:
    """A rate of 10^30 or 400-digit hours passed validate and crashed cost, the fit and
    ``appraise -f json``; within the bounds every command works, and adds up exactly."""
    import decimal
    from decimal import Decimal

    project = _maximal_project(tmp_path)
    assert run("validate", str(project)) == (0, f"{project}: ok\n")
    for argv in (
        *(["cost", str(project), "--fit", "-f", f] for f in ("text", "markdown", "html", "json")),
        ["cost", str(project), "-f", "csv"],
        *(["appraise", str(project), "-f", f] for f in ("text", "markdown", "html", "json")),
        *(["report", str(project), "--kind", k] for k in ("standards", "application", "gripp2")),
    ):
        assert run(*argv)[0] == 0, argv
    import json

    data = json.loads(run("cost", str(project), "-f", "json")[1])["costing"]
    with decimal.localcontext(prec=200):
        lines = sum(
            (Decimal(ln["money"]) for ln in data["lines"] if ln["money"] is not None), Decimal(0)
        )
    assert Decimal(data["money"]) == lines  # exact, beyond the 28 digits of the default
    assert lines.adjusted() > 28


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rate", "1000000000000000000000000000000"),
        ("rate", 1e30),
        ("hours", "9" * 400),
        ("hours", 1e7),
        ("people", MOST + 1),
        ("budget", "100000000000"),
        ("budget", "12.34567"),
    ],
)
def test_validate_refuses_an_amount_beyond_the_bounds_at_its_path(
    tmp_path: Path, field: str, value: object
) -> None:
    import json

    project = _maximal_project(tmp_path)
    data = json.loads(project.read_text())
    costing = data["costing"]
    where = {
        "rate": (costing["rate_card"]["rates"][0], "amount", "$.costing.rate_card.rates[0].amount"),
        "hours": (costing["involvements"][0], "hours", "$.costing.involvements[0].hours"),
        "people": (costing["involvements"][0], "people", "$.costing.involvements[0].people"),
        "budget": (costing, "budget", "$.costing.budget"),
    }
    target, key, path = where[field]
    target[key] = value
    project.write_text(json.dumps(data))
    status, out = run("validate", str(project))
    assert status == 1
    assert f"{path}:" in out and "[invalid-value]" in out


@pytest.mark.parametrize(
    ("option", "value", "ok"),
    [
        ("--budget", MONEY, True),
        ("--budget", "100000000000", False),
        ("--budget", "12.12345", False),
        ("--budget-hours", HOURS, True),
        ("--budget-hours", "10000000", False),
    ],
)
def test_budgets_on_the_command_line_have_the_documents_bounds(
    option: str, value: str, ok: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    if ok:
        assert run("cost", "--example", "contested-policy", option, value)[0] == 0
        return
    with pytest.raises(SystemExit) as info:
        run("cost", "--example", "contested-policy", option, value)
    assert info.value.code == 2
    assert "not an amount" in capsys.readouterr().err


# --------------------------------------------------------------------------- 5: Markdown

HOSTILE = [
    "ZQX - <script>alert(1)</script> <img src=x onerror=alert(2)> *em* _u_ **b** `c` ~~s~~ "
    "[l](javascript:alert(3)) ![i](x.png) <http://x.example> &amp; &#60;b&#62; | pipe \\ "
    "back # h\n1. one\n> q\n=== --- XQZ",
    "1. ZQX an ordered list XQZ",
    "- ZQX a list XQZ",
    "    ZQX a code block XQZ",
]
"""Texts a document may hold that a CommonMark renderer would otherwise make markup of."""


def _hostile_folder(tmp_path: Path, hostile: str) -> tuple[Path, Path]:
    """contested-policy and its log, every free text they hold replaced by ``hostile``."""
    import json

    import yaml

    from coproduce.io import dump_project, example_log_path, load_example

    data = json.loads(dump_project(load_example("contested-policy")))
    data["title"] = data["description"] = hostile
    for item in (*data["aims"], *data["stakeholders"]):
        item["description"] = hostile
    costing = data["costing"]
    costing["rate_card"]["title"] = costing["rate_card"]["note"] = hostile
    for e in costing["expenses"] + [
        e for ic in costing["involvements"] for e in ic.get("expenses", [])
    ]:
        e["description"] = hostile
    for s in costing["staff"]:
        s["description"] = hostile
    project = tmp_path / "contested-policy.json"
    project.write_text(json.dumps(data))
    log = yaml.safe_load(example_log_path("contested-policy").read_text())
    for entry in log["entries"]:
        entry["note"] = hostile
        for a in entry.get("activities", []):
            a["description"] = hostile
        for s in entry.get("spending", []):
            s["line"] = hostile
        for r in entry.get("risks", []):
            r["note"] = hostile
    log_path = tmp_path / "contested-policy.log.json"
    log_path.write_text(json.dumps(log))
    return project, log_path


def _text_of(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.mark.parametrize(
    "command",
    [
        ["appraise", "{project}", "-f", "markdown"],
        ["cost", "{project}", "--fit", "--budget", "2000", "-f", "markdown"],
        ["report", "{project}", "--kind", "standards", "-f", "markdown"],
        ["report", "{project}", "--kind", "application", "-f", "markdown"],
        ["report", "{project}", "--kind", "gripp2", "-f", "markdown"],
        ["track", "{project}", "{log}", "-f", "markdown"],
        ["portfolio", "{folder}", "-f", "markdown"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_no_text_of_a_document_becomes_markup_in_any_markdown_report(
    tmp_path: Path, command: list[str], hostile: str
) -> None:
    """Issue #23: ``cost -f markdown`` wrote the title and line descriptions raw."""
    from markdown_it import MarkdownIt

    project, log = _hostile_folder(tmp_path, hostile)
    names = {"project": str(project), "log": str(log), "folder": str(tmp_path)}
    status, md = run(*(part.format(**names) for part in command))
    assert status == 0
    assert md.count("ZQX") >= 1
    for parser in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable("table")):
        html = parser.render(md)
        for tag in (
            "<script",
            "<img",
            "<a ",
            "<em>em</em>",
            "<em>u</em>",
            "<strong>b</strong>",
            "<code>c</code>",
            "<s>",
            "<blockquote>\n<p>q",
            "<ol>",
        ):
            assert tag not in html, (tag, html[html.find(tag) - 200 : html.find(tag) + 200])
        text = _text_of(html)
        shown = " ".join(hostile.split())  # on one line, as HTML shows white space
        assert text.count("ZQX") == text.count(shown) == md.count("ZQX"), text[:2000]


# --------------------------------------------------------------------------- 6: unpriced


def _priced_by_the_shipped_card(tmp_path: Path) -> Path:
    """contested-policy without its own card: the shipped card has no amounts."""
    import json

    from coproduce.io import dump_project, load_example

    data = json.loads(dump_project(load_example("contested-policy")))
    del data["costing"]["rate_card"]
    path = tmp_path / "contested-policy.json"
    path.write_text(json.dumps(data))
    return path


def test_a_plan_with_unpriced_fees_is_never_reported_as_fitting(tmp_path: Path) -> None:
    """Issue #23: the Total row and the fit showed the priced part as the whole, and
    ``--budget`` said the plan fits."""
    import json

    project = _priced_by_the_shipped_card(tmp_path)
    status, text = run("cost", str(project), "--budget", "6000")
    assert status == 0
    assert "within budget" not in text
    assert "not known to fit: GBP 5,024.00 to spare before 2 lines without a rate" in text
    totals = [line for line in text.splitlines() if line.startswith("Total")]
    # the lines', the budget form's (committed) and the bearers' totals: each a lower bound
    assert len(totals) == 3 and all("GBP 976.00 + 2 unpriced lines" in t for t in totals), totals
    assert "Not known to fit the budget: 2 lines this plan keeps have no rate" in text
    data = json.loads(run("cost", str(project), "--budget", "6000", "-f", "json")[1])
    fit = data["fit"]
    assert fit["feasible"] is False
    assert fit["unpriced"] == [
        "stage.framing-questions · campaign · fee: public-contributor per hour (paid)",
        "stage.recommendations · campaign · fee: public-contributor per day (paid)",
    ]
    assert [ch["unpriced"] for ch in fit["changes"] if ch["unpriced"]] == [
        ["fee: public-contributor per hour (paid)"],
        ["fee: public-contributor per day (paid)"],
    ]
    assert data["costing"]["grant_unpriced"] == [
        "costing.involvements[0].role",
        "costing.involvements[2].role",
    ]
    md = run("cost", str(project), "--budget", "6000", "-f", "markdown")[1]
    assert "| **Total** |  |  |  | **GBP 976.00 + 2 unpriced lines** |" in md


def test_a_priced_plan_still_fits_and_says_so() -> None:
    from coproduce.costing import cost, fit
    from coproduce.io import load_example

    project = load_example("contested-policy")
    c, f = cost(project), fit(project)
    assert c is not None and f is not None
    assert c.grant_unpriced == () and f.unpriced == () and f.feasible is True
    assert c.gap_sentence() == "within the budget: GBP 3,344.00 and 49 team hours to spare"
    text = run("cost", "--example", "contested-policy", "--fit")[1]
    assert "within budget: GBP 3,344.00 to spare" in text and "unpriced" not in text


def test_the_gap_in_words_says_a_lower_bound_is_one(tmp_path: Path) -> None:
    from coproduce.costing import cost
    from coproduce.costing import default_rate_card as default
    from coproduce.io import load_project

    c = cost(load_project(_priced_by_the_shipped_card(tmp_path)), rates=default())
    assert c is not None and c.gap is not None and c.gap > 0
    assert c.gap_sentence() == (
        "not known to fit the budget: GBP 5,024.00 and 49 team hours to spare before "
        "pricing 2 lines without a rate"
    )
    assert [s.unpriced for s in c.by_stage] == [1, 1, 0]


# --------------------------------------------------------------------------- fuzz finds


def test_a_catalogue_whose_practice_entry_cites_nothing_is_refused_not_a_crash(
    tmp_path: Path,
) -> None:
    """Found by the catalogue fuzz: ``sources: []`` raised IndexError from the check."""
    import json

    from coproduce.catalogue import check, default
    from coproduce.errors import CatalogueError
    from coproduce.io import load_catalogue, to_data

    data = to_data(default())
    data["practice"]["risks"][0]["sources"] = []
    with pytest.raises(CatalogueError, match=r"practice-risk\.safeguarding: has no source"):
        check(load_catalogue(data))
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data))
    status, _ = run("appraise", "--example", "one-stage", "--catalogue", str(path))
    assert status == 1


# ------------------------------------------------------ 3, again: every file read bounded


def _in_thread(target: Callable[[], object], timeout: float = 20) -> bool:
    """Run ``target`` in a thread; whether it returned within ``timeout`` seconds."""
    done = threading.Thread(target=target, daemon=True)
    done.start()
    done.join(timeout)
    return not done.is_alive()


def test_log_add_reads_an_entry_from_a_pipe_once(tmp_path: Path) -> None:
    """``--entry`` was read twice: from a pipe, the second read waited for ever."""
    from coproduce.io import example_log_path, example_path, load_log

    (tmp_path / "trial-patient-partners.yaml").write_bytes(
        example_path("trial-patient-partners").read_bytes()
    )
    log = tmp_path / "trial-patient-partners.log.yaml"
    log.write_bytes(example_log_path("trial-patient-partners").read_bytes())
    fifo = tmp_path / "entry.yaml"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w") as f:
            f.write('date: "2030-01-01"\nnote: from a pipe\n')

    threading.Thread(target=writer, daemon=True).start()
    status: list[int] = []
    finished = _in_thread(
        lambda: status.append(run("log", "add", str(log), "--entry", str(fifo))[0])
    )
    if not finished:  # let the second read go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert finished and status == [0]
    assert load_log(log).entries[-1].note == "from a pipe"


def test_a_log_read_from_a_pipe_reports_its_problems_without_reading_it_again(
    tmp_path: Path,
) -> None:
    from coproduce.io import example_path, load_log, load_project

    fifo = tmp_path / "p.log.yaml"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w") as f:
            f.write("schema_version: 2\nproject: somebody-else\nentries: []\n")

    threading.Thread(target=writer, daemon=True).start()
    project = load_project(example_path("trial-patient-partners"))
    found: list[list[str]] = []

    def read() -> None:
        with pytest.raises(DocumentError) as info:
            load_log(fifo, project=project)
        found.append([i.code for i in info.value.issues])

    finished = _in_thread(read)
    if not finished:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert finished and found and found[0]


def test_a_batch_refuses_a_device_named_as_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "zero.jsonl"
    os.mknod(device, 0o600 | stat.S_IFCHR, os.stat("/dev/zero").st_rdev)
    status: list[int] = []
    assert _in_thread(lambda: status.append(run("appraise", "--batch", str(device))[0]))
    assert status == [1]
    assert "it is a device or special file" in capsys.readouterr().err
