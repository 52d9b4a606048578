"""Compact views for a notebook: a project, a catalogue, a Table 2 profile (HTML only)."""

from __future__ import annotations

from coproduce.appraisal import Emphasis
from coproduce.catalogue import ENTRY_FIELDS, Catalogue
from coproduce.model import Project
from coproduce.report._model import Block, Document, Figure, Para, Seg, Table, t
from coproduce.report._svg import contributions_svg
from coproduce.report._writers import fragment

__all__ = ["catalogue_html", "emphasis_html", "project_html"]


def _view(*blocks: Block) -> str:
    return fragment(Document(kind="view", title=None, sections=(), lead=blocks), titled=False)


def emphasis_html(e: Emphasis) -> str:
    """A compact HTML view of a Table 2 profile (for notebooks)."""
    return _view(
        Para(
            t(
                "Table 2 profile: ",
                Seg(e.verdict.value, "strong"),
                f" (score {e.score:+.2f}; {e.coverage:.0%} of Table 2 known)",
            )
        ),
        Figure(contributions_svg(e), ""),
    )


def _involved_at(project: Project, stakeholder: str) -> str:
    return ", ".join(
        f"{i.stage.removeprefix('stage.')} ({i.mode.value})"
        for i in project.plan
        if i.stakeholder == stakeholder
    )


def project_html(project: Project) -> str:
    """A compact HTML summary of a project (for notebooks)."""
    known = sum(1 for c in project.conditions if c.lean.value != "unknown")
    return _view(
        Para(
            t(
                Seg(f"Project: {project.title}", "strong"),
                f" — {len(project.aims)} aims, {len(project.stakeholders)} stakeholders, "
                f"{len(project.plan)} involvements, {known} of 9 Table 2 conditions known.",
            )
        ),
        Table(
            ("stakeholder", "kind", "power", "interest", "involved at"),
            tuple(
                (
                    t(s.id),
                    t(s.kind.value),
                    t(s.power.value if s.power else "?"),
                    t(s.interest.value if s.interest else "?"),
                    t(_involved_at(project, s.id)),
                )
                for s in project.stakeholders
            ),
        ),
    )


def catalogue_html(catalogue: Catalogue) -> str:
    """A compact HTML summary of a catalogue (for notebooks)."""
    return _view(
        Para(
            t(
                Seg(f"Catalogue {catalogue.version}", "strong"),
                f": {catalogue.reference.citation} doi:{catalogue.reference.doi}",
            )
        ),
        Table(
            ("entries", "how many"),
            tuple(
                (t(name.replace("_", " ")), t(str(len(getattr(catalogue, name)))))
                for name in ENTRY_FIELDS
            ),
            numeric=frozenset({1}),
        ),
    )
