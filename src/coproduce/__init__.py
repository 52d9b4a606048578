"""coproduce: decide case by case whether and how to coproduce health research.

An encoding of Oliver, Kothari & Mays (2019), *The dark side of coproduction*,
doi:10.1186/s12961-019-0432-3, as a typed catalogue, a graph, and a pure appraisal engine.

Example:
    >>> import coproduce
    >>> cat = coproduce.default_catalogue()
    >>> cat.stage("stage.dissemination").label
    'Disseminating research'

"""

from coproduce._version import __version__
from coproduce.appraisal import Appraisal, Policy, Verdict, appraise, compare, sensitivity
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import CatalogueError, CoproduceError, PlanError, UnknownEntryError
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
    "Project",
    "Researcher",
    "Resources",
    "Stakeholder",
    "StakeholderKind",
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
