"""Names that moved in the restructure (issue #24) still work, warn and say where they went."""

from __future__ import annotations

import importlib

import pytest

from coproduce.io import load_example

MOVED = [
    ("coproduce.batch", "appraise_many", "coproduce.portfolio", "appraise_many"),
    ("coproduce.batch", "Portfolio", "coproduce.portfolio", "Portfolio"),
    ("coproduce.reporting", "application_section", "coproduce.report.forms", "application_section"),
    ("coproduce.reporting", "gripp2_report", "coproduce.report.forms", "gripp2_report"),
    ("coproduce.ratecards", "default", "coproduce.costing", "default_rate_card"),
    ("coproduce.ratecards", "load_rate_card", "coproduce.io", "load_rate_card"),
]


@pytest.mark.parametrize(("old", "name", "new", "new_name"), MOVED)
def test_an_old_name_warns_with_its_new_home_and_is_the_same_object(
    old: str, name: str, new: str, new_name: str
) -> None:
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=rf"{new}\.{new_name}"):
        value = getattr(module, name)
    assert value is getattr(importlib.import_module(new), new_name)


@pytest.mark.parametrize("old", ["coproduce.batch", "coproduce.reporting", "coproduce.ratecards"])
def test_a_name_that_never_existed_is_an_attribute_error_not_a_warning(old: str) -> None:
    module = importlib.import_module(old)
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018


def test_tracking_compare_is_now_track_and_warns() -> None:
    import coproduce.tracking as tracking

    with pytest.warns(DeprecationWarning, match=r"coproduce\.tracking\.track"):
        old = tracking.compare
    assert old is tracking.track


def test_the_forms_to_data_is_now_report_data_and_warns() -> None:
    import coproduce.report.forms as forms

    with pytest.warns(DeprecationWarning, match=r"coproduce\.report\.forms\.report_data"):
        old = forms.to_data
    assert old is forms.report_data
    report = forms.gripp2_report(load_example("patient-public-only"))
    assert old(report) == forms.report_data(report)


def _cited_records() -> list[object]:
    """One of every record that cites the catalogue, from a rich example's appraisal."""
    from coproduce import appraise
    from coproduce.io import examples, load_example

    records: list[object] = []
    for name in examples():
        a = appraise(load_example(name))
        records += [*a.findings, *a.risks, *a.aims, *a.advice, a.priority]
        records += [x for adv in a.advice for x in (*adv.prerequisites, *adv.ceilings)]
    return records


def test_citations_are_citations_and_the_old_name_warns_with_the_same_value() -> None:
    records = _cited_records()
    kinds = {type(r).__name__ for r in records}
    assert {"Finding", "Risk", "AimAppraisal", "Advice", "Prerequisite", "Ceiling"} <= kinds
    for record in records:
        citations = record.citations  # type: ignore[attr-defined]
        with pytest.warns(DeprecationWarning, match=r"\.citations"):
            assert record.sources == citations  # type: ignore[attr-defined]


def test_documents_keep_the_key_sources_so_old_appraisals_still_read() -> None:
    import json

    from coproduce import appraise
    from coproduce.errors import DocumentError
    from coproduce.io import dump_appraisal, load_appraisal, load_example

    a = appraise(load_example())
    data = json.loads(dump_appraisal(a))
    assert "sources" in data["findings"][0] and "citations" not in data["findings"][0]
    assert load_appraisal(json.dumps(data)) == a
    data["findings"][0]["citations"] = data["findings"][0].pop("sources")
    with pytest.raises(DocumentError) as caught:
        load_appraisal(json.dumps(data))
    issues = {i.path: i for i in caught.value.issues}
    assert "$.findings[0].sources" in issues  # the missing key, as the document spells it
    unknown = issues["$.findings[0].citations"]
    assert unknown.code == "unknown-field"
    assert "sources" in unknown.expected and "citations" not in unknown.expected
