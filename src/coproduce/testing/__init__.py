"""Hypothesis strategies for every document type, for your own property-based tests.

Install with the ``testing`` extra (from a clone: ``pip install -e '.[testing]'``). Every strategy
produces valid, JSON-safe values: texts without lone surrogates, integers within ±2**53,
finite floats, references that resolve, no repeated ids. Importing this module registers
the strategies with Hypothesis, so ``st.from_type(Project)`` works.

Example:
    >>> from hypothesis import given, settings
    >>> from coproduce import appraise
    >>> from coproduce.testing import projects
    >>> @settings(max_examples=5)
    ... @given(projects())
    ... def test_appraisal_cites(p):
    ...     assert all(f.citations for f in appraise(p).findings)
    >>> test_appraisal_cites()

"""

from hypothesis import strategies as st

from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.model import Aim, Project, Stakeholder
from coproduce.testing._costings import costed_projects, costings
from coproduce.testing._logs import log_entries, logs, portfolio_items
from coproduce.testing._projects import (
    aims,
    appraisals,
    catalogues,
    extensions,
    json_values,
    projects,
    stakeholders,
    texts,
)

__all__ = [
    "aims",
    "appraisals",
    "catalogues",
    "costed_projects",
    "costings",
    "extensions",
    "json_values",
    "log_entries",
    "logs",
    "portfolio_items",
    "projects",
    "stakeholders",
    "texts",
]

st.register_type_strategy(Project, projects())
st.register_type_strategy(Appraisal, appraisals())
st.register_type_strategy(Catalogue, catalogues())
st.register_type_strategy(Stakeholder, stakeholders)
st.register_type_strategy(Aim, aims)
