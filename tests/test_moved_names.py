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
