"""How the advice lists things in a sentence: people, stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coproduce.appraisal._context import Context

if TYPE_CHECKING:
    pass

__all__ = ["and_list", "stage_list"]


def and_list(items: list[str]) -> str:
    """The items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return (
        items[0]
        if len(items) == 1
        else ", ".join(items[:-1]) + " and " + items[-1]
        if items
        else ""
    )


def stage_list(ctx: Context, stages: tuple[str, ...]) -> str:
    """Stages by their labels, "every stage" when they are all the catalogue's."""
    if len(set(stages)) == len(ctx.index.stages):
        return "every stage"
    return and_list([ctx.label(x) for x in stages])
