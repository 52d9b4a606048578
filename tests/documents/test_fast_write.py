"""The fast JSON writer writes byte for byte what the reference does (differential tests).

The reference is the cattrs converter's data (:func:`coproduce.io.to_data`) written by
:func:`json.dumps`; the fast writer (``io._fast_write.fast_encode``, on msgspec) must agree with
it on every document, indented and compact, or step aside (``None``) for it.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce import appraise
from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.cli import main
from coproduce.io import (
    dump,
    dump_appraisal,
    dump_log,
    example_log_path,
    examples,
    load_appraisal,
    load_example,
    load_example_log,
    to_data,
)
from coproduce.io._fast_write import fast_encode
from coproduce.io._formats import serialise
from coproduce.model import EMPTY, Citation, InvolvementLog, MitigationRecord, Project
from coproduce.testing import appraisals, catalogues, costed_projects, logs, projects

Document = Project | Appraisal | Catalogue | InvolvementLog


def reference(value: Document, *, compact: bool = False) -> str:
    return serialise(to_data(value), "json", compact=compact)


def assert_same(value: Document, *, fast: bool | None = None) -> None:
    """``dump`` writes what the reference writes; with ``fast``, whether msgspec wrote it."""
    for compact in (False, True):
        assert dump(value, compact=compact) == reference(value, compact=compact)
        encoded = fast_encode(value, indent=None if compact else 2)
        if fast is not None:
            assert (encoded is not None) == fast
        if encoded is not None:
            assert encoded.decode() + "\n" == reference(value, compact=compact)


def with_logs() -> list[str]:
    names = []
    for name in examples():
        try:
            example_log_path(name)
        except LookupError:
            continue
        names.append(name)
    return names


@pytest.mark.parametrize("name", examples())
def test_every_example_project_and_appraisal_is_written_fast_and_the_same(name: str) -> None:
    project = load_example(name)
    assert_same(project, fast=True)
    assert_same(appraise(project), fast=True)


@pytest.mark.parametrize("name", with_logs())
def test_the_example_logs_are_written_fast_and_the_same(name: str) -> None:
    assert_same(load_example_log(name), fast=True)


def test_the_catalogue_is_written_fast_and_the_same() -> None:
    assert_same(default_catalogue(), fast=True)


def test_an_appraisal_read_back_is_written_the_same() -> None:
    a = appraise(load_example())
    assert dump_appraisal(load_appraisal(dump_appraisal(a))) == dump_appraisal(a)
    assert load_appraisal(dump_appraisal(a, compact=True)) == a


@settings(max_examples=40)
@given(projects())
def test_generated_projects(p: Project) -> None:
    assert_same(p)


@settings(max_examples=30)
@given(costed_projects())
def test_generated_costed_projects(p: Project) -> None:
    assert_same(p)


@settings(max_examples=20)
@given(appraisals())
def test_generated_appraisals(a: Appraisal) -> None:
    assert_same(a)


@settings(max_examples=5)
@given(catalogues())
def test_generated_catalogues(c: Catalogue) -> None:
    assert_same(c)


@settings(max_examples=20)
@given(st.data())
def test_generated_logs(data: st.DataObject) -> None:
    project = data.draw(costed_projects())
    assert_same(data.draw(logs(project)))


FLOATS = [
    0.0,
    -0.0,
    1.0,
    -0.111111111,
    1e16,
    -1e16,
    9999999999999998.0,
    1e-4,
    1e-5,
    1.5e-5,
    9e-6,
    1e-7,
    5e-324,
    1.7976931348623157e308,
    123456789012345.67,
    3,  # an int where a float is declared stays an int
    2**63,
    2**70,  # beyond msgspec's integers
]


def contribution_with(a: Appraisal, weight: Any) -> Appraisal:
    first = attrs.evolve(a.emphasis.contributions[0], weight=weight)
    emphasis = attrs.evolve(a.emphasis, contributions=(first, *a.emphasis.contributions[1:]))
    return attrs.evolve(a, emphasis=emphasis)


@pytest.mark.parametrize("weight", FLOATS)
def test_numbers_are_written_as_json_dumps_writes_them(weight: float) -> None:
    assert_same(contribution_with(appraise(load_example()), weight))


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_refused_as_before(weight: float) -> None:
    a = contribution_with(appraise(load_example()), weight)
    assert fast_encode(a, indent=2) is None
    for compact in (False, True):
        with pytest.raises(ValueError, match="JSON compliant"):
            dump(a, compact=compact)


def test_a_bool_where_a_number_is_declared_is_written_as_before() -> None:
    assert_same(contribution_with(appraise(load_example()), True), fast=False)


@pytest.mark.parametrize(
    "amount", ["12.50", "12.0", "1E+2", "0.00001", "123456789.123", "9.9e10", "7"]
)
def test_amounts_are_written_as_the_converter_writes_them(amount: str) -> None:
    project = next(
        p for p in (load_example(n) for n in examples()) if p.costing and p.costing.expenses
    )
    assert project.costing is not None
    expense = attrs.evolve(project.costing.expenses[0], amount=Decimal(amount))
    costing = attrs.evolve(project.costing, expenses=(expense, *project.costing.expenses[1:]))
    assert_same(attrs.evolve(project, costing=costing), fast=True)


def test_extension_keys_are_written_by_the_reference() -> None:
    project = load_example()
    first = attrs.evolve(project.stakeholders[0], extensions={"x-note": {"a": [1, None]}})
    changed = attrs.evolve(project, stakeholders=(first, *project.stakeholders[1:]))
    assert_same(changed, fast=False)
    assert '"x-note": {' in dump(changed)
    assert_same(attrs.evolve(project, extensions={"x-top": 1}), fast=False)


def test_text_is_written_as_json_dumps_writes_it() -> None:
    title = "".join(chr(i) for i in range(128)) + "é\u2028\u2029\ufeff\U0001f600\x85</script>"
    assert_same(attrs.evolve(load_example(), title=title), fast=True)


def test_a_lone_surrogate_is_left_to_the_reference() -> None:
    project = attrs.evolve(load_example(), title="a\ud800b")
    assert_same(project, fast=False)


def test_the_paper_as_document_is_left_out_even_when_only_equal() -> None:
    a = appraise(load_example())
    finding = a.emphasis.contributions[0]
    paper = "".join(["oliver-kothari-", "mays-2019"])  # equal, not the same object
    source = Citation(entry=finding.source.entry, page=1, locator="x", document=paper)
    other = Citation(entry=finding.source.entry, page=1, locator="x", document="other-2020")
    for citation in (source, other):
        changed = attrs.evolve(finding, source=citation)
        emphasis = attrs.evolve(a.emphasis, contributions=(changed, *a.emphasis.contributions[1:]))
        assert_same(attrs.evolve(a, emphasis=emphasis), fast=True)
    assert '"document":"other-2020"}' in dump(
        attrs.evolve(
            a,
            emphasis=attrs.evolve(
                a.emphasis,
                contributions=(
                    attrs.evolve(finding, source=other),
                    *a.emphasis.contributions[1:],
                ),
            ),
        ),
        compact=True,
    )


def test_a_mitigation_record_naming_the_paper_keeps_its_document() -> None:
    record = MitigationRecord(
        mitigation="mitigation.data-agreement", document="oliver-kothari-mays-2019"
    )
    project = attrs.evolve(load_example(), mitigation_records=(record,))
    assert '"document": "oliver-kothari-mays-2019"' in dump(project)
    assert_same(project, fast=True)


def test_compact_is_one_line_and_for_json_only() -> None:
    a = appraise(load_example())
    text = dump_appraisal(a, compact=True)
    assert text.endswith("}\n") and text.count("\n") == 1
    assert json.loads(text) == json.loads(dump_appraisal(a))
    assert len(text) < len(dump_appraisal(a)) * 0.7
    with pytest.raises(ValueError, match="JSON only"):
        dump_appraisal(a, "yaml", compact=True)
    log = load_example_log(with_logs()[0])
    assert json.loads(dump_log(log, compact=True)) == json.loads(dump_log(log))


def test_the_command_writes_the_compact_form(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["appraise", "--example", "--format", "json", "--compact"], stdout=out) == 0
    assert out.getvalue() == dump_appraisal(appraise(load_example()), compact=True)
    target = tmp_path / "a.json"
    assert main(["appraise", "--example", "--compact", "-o", str(target)], stdout=out) == 0
    assert target.read_text() == out.getvalue()
    assert main(["appraise", "--example", "--compact"], stdout=io.StringIO()) == 2


def test_the_batch_lines_are_as_before() -> None:
    from coproduce.cli._appraise import batch_line
    from coproduce.portfolio import Outcome

    a = appraise(load_example())
    nan = contribution_with(a, float("nan"))
    for appraisal in (a, nan):
        outcome = Outcome(index=3, source="dir/é.json", appraisal=appraisal)
        line = {"index": 3, "source": "dir/é.json", "ok": True, "appraisal": to_data(appraisal)}
        expected = json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert batch_line(outcome)[0] == expected


def test_records_unpickled_are_written_fast_and_the_same() -> None:
    """Unpickled, records hold empty ``x-`` keys of their own, not the shared empty mapping."""
    import pickle

    a = pickle.loads(pickle.dumps(appraise(load_example())))
    assert a.extensions is not EMPTY and not a.extensions
    assert_same(a, fast=True)
    first = attrs.evolve(a.emphasis.contributions[0], extensions={"x-note": 1})
    emphasis = attrs.evolve(a.emphasis, contributions=(first, *a.emphasis.contributions[1:]))
    assert_same(attrs.evolve(a, emphasis=emphasis), fast=False)


def test_equal_numbers_of_another_sign_or_type_are_written_apart() -> None:
    a = appraise(load_example())
    for first, second in ((0.0, -0.0), (-0.0, 0.0), (1.0, 1), (1, 1.0), (2.5, 2.5), (0, 0.0)):
        contributions = list(a.emphasis.contributions)
        contributions[0] = attrs.evolve(contributions[0], weight=first)
        contributions[1] = attrs.evolve(contributions[1], weight=second)
        emphasis = attrs.evolve(a.emphasis, contributions=tuple(contributions))
        assert_same(attrs.evolve(a, emphasis=emphasis), fast=True)
