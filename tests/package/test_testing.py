"""The public Hypothesis strategies produce valid, JSON-safe values of every document type."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce import Project
from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue, problems
from coproduce.io import load, to_data
from coproduce.testing import catalogues  # noqa: F401 - registers the strategies


@given(st.from_type(Project))
def test_from_type_project_is_valid_and_json_safe(p: Project) -> None:
    text = json.dumps(to_data(p), ensure_ascii=False, allow_nan=False)
    assert load(text.encode("utf-8"), "project") == p


@settings(max_examples=20)
@given(st.from_type(Appraisal))
def test_from_type_appraisal_is_json_safe(a: Appraisal) -> None:
    assert load(json.dumps(to_data(a), allow_nan=False), "appraisal") == a


@settings(max_examples=10)
@given(st.from_type(Catalogue))
def test_from_type_catalogue_is_valid(c: Catalogue) -> None:
    assert problems(c) == ()
    assert load(json.dumps(to_data(c)), "catalogue") == c
