"""The fast reading path agrees with the strict converter it short-cuts (differential test)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.documents.test_documents import mutated_documents

from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.errors import DocumentError
from coproduce.io import Limits, load_project, to_data
from coproduce.io._converter import converter
from coproduce.io._fast import fast_structure
from coproduce.model import Project
from coproduce.testing import appraisals, catalogues, projects


def slow(data: dict[str, Any], cls: type) -> Any:
    body = {k: v for k, v in data.items() if k != "schema_version"}
    return converter.structure(body, cls)


@given(projects())
def test_fast_and_slow_agree_on_valid_projects(p: Project) -> None:
    data = to_data(p)
    fast = fast_structure(data, Project)
    assert slow(data, Project) == p
    if p.extensions or any(s.extensions for s in p.stakeholders):
        assert fast is None  # x- keys always take the explaining path
    else:
        assert fast == p


@settings(max_examples=30)
@given(appraisals())
def test_fast_and_slow_agree_on_appraisals(a: Appraisal) -> None:
    assert fast_structure(to_data(a), Appraisal) == a


@settings(max_examples=10)
@given(catalogues())
def test_fast_and_slow_agree_on_catalogues(c: Catalogue) -> None:
    assert fast_structure(to_data(c), Catalogue) == c


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(mutated_documents())
def test_fast_path_never_accepts_what_the_slow_path_refuses(doc: Any) -> None:
    fast = fast_structure(json.loads(json.dumps(doc)), Project)
    try:
        reference = slow(doc, Project) if isinstance(doc, dict) else None
    except Exception:
        assert fast is None
        return
    if fast is not None:
        assert fast == reference


def test_limits_below_the_model_depth_take_the_strict_path() -> None:
    doc = {"schema_version": 1, "title": "t", "stakeholders": [{"id": "a", "kind": "patient"}]}
    assert load_project(doc).title == "t"
    with pytest.raises(DocumentError) as info:
        load_project(doc, limits=Limits(max_depth=2))
    assert [i.code for i in info.value.issues] == ["too-deep"]


@given(st.sampled_from([True, 2.0, "2", None, 1, 3, 0]))
def test_other_schema_versions_take_the_strict_path(version: Any) -> None:
    assert fast_structure({"schema_version": version, "title": "t"}, Project) is None
