"""coproduce: decide case by case whether and how to coproduce health research.

An encoding of Oliver, Kothari & Mays (2019), *The dark side of coproduction*,
doi:10.1186/s12961-019-0432-3, as a typed catalogue, a graph, and a pure appraisal engine.

The names below load on first use (PEP 562), so ``import coproduce`` costs almost nothing
and a program pays only for what it touches: the engine and the catalogue on the first
``coproduce.appraise``, networkx only in :mod:`coproduce.graph`, cattrs, msgspec, PyYAML
only in :mod:`coproduce.io`, pandas and matplotlib only in :mod:`coproduce.frame` and
:mod:`coproduce.plot`.

Example:
    >>> import coproduce
    >>> cat = coproduce.default_catalogue()
    >>> cat.stage("stage.dissemination").label
    'Disseminating research'

"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from coproduce._display import register_renderer
from coproduce._version import __version__

if TYPE_CHECKING:
    from coproduce.appraisal import Appraisal, Policy, Verdict, appraise, compare, sensitivity
    from coproduce.catalogue import Catalogue
    from coproduce.catalogue import default as default_catalogue
    from coproduce.errors import (
        CatalogueError,
        CoproduceError,
        PlanError,
        PolicyError,
        UnknownEntryError,
    )
    from coproduce.model import (
        Aim,
        CareerStage,
        ConditionSetting,
        ContractType,
        Contribution,
        DecisionProcess,
        Governance,
        Involvement,
        Lean,
        Level,
        Mode,
        Motivation,
        Project,
        Researcher,
        Resources,
        Stakeholder,
        StakeholderKind,
        Stance,
        Sufficiency,
        Support,
    )

__all__ = [
    "Aim",
    "Appraisal",
    "CareerStage",
    "Catalogue",
    "CatalogueError",
    "ConditionSetting",
    "ContractType",
    "Contribution",
    "CoproduceError",
    "DecisionProcess",
    "Governance",
    "Involvement",
    "Lean",
    "Level",
    "Mode",
    "Motivation",
    "PlanError",
    "Policy",
    "PolicyError",
    "Project",
    "Researcher",
    "Resources",
    "Stakeholder",
    "StakeholderKind",
    "Stance",
    "Sufficiency",
    "Support",
    "UnknownEntryError",
    "Verdict",
    "__version__",
    "appraise",
    "compare",
    "default_catalogue",
    "sensitivity",
]

_WHERE = {
    **dict.fromkeys(
        ("Appraisal", "Policy", "Verdict", "appraise", "compare", "sensitivity"),
        "coproduce.appraisal",
    ),
    "Catalogue": "coproduce.catalogue",
    "default_catalogue": "coproduce.catalogue:default",
    **dict.fromkeys(
        ("CatalogueError", "CoproduceError", "PlanError", "PolicyError", "UnknownEntryError"),
        "coproduce.errors",
    ),
}


def _report(function: str) -> Any:
    def render(obj: object) -> str:
        result: str = getattr(importlib.import_module("coproduce.report"), function)(obj)
        return result

    return render


# Notebook display and plain text, registered from above: the model, catalogue and engine
# never import the report layer; it loads when a notebook first asks for HTML.
register_renderer("html", "coproduce.model._project.Project", _report("project_html"))
register_renderer("html", "coproduce.catalogue._catalogue.Catalogue", _report("catalogue_html"))
register_renderer("html", "coproduce.appraisal._results.Appraisal", _report("html_fragment"))
register_renderer("html", "coproduce.appraisal._profile.Emphasis", _report("emphasis_html"))
register_renderer("text", "coproduce.appraisal._results.Appraisal", _report("to_text"))


if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names

    def __getattr__(name: str) -> Any:
        where = _WHERE.get(name)
        if where is None:
            if name in __all__:
                where = "coproduce.model"
            else:
                raise AttributeError(f"module 'coproduce' has no attribute {name!r}")
        module, _, attribute = where.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
