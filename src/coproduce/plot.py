"""Matplotlib figures for analysts (extra ``plot``): the exposure matrix and the graph.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coproduce import appraise
    >>> from coproduce.io import load_example
    >>> from coproduce.plot import plot_exposure, plot_graph
    >>> result = appraise(load_example("contested-policy"))
    >>> ax = plot_exposure(result)
    >>> ax.get_title()
    'Who bears the costs'
    >>> plot_graph(result).get_title()
    'Stages, challenges and cost categories'

"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coproduce._colours import SEVERITY
from coproduce.appraisal import Appraisal
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_exposure", "plot_graph"]

_SEVERITY = SEVERITY


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise ImportError(
            "coproduce.plot needs matplotlib: pip install matplotlib "
            "(from a clone of coproduce: pip install -e '.[plot]')"
        ) from exc
    return plt


def plot_exposure(
    appraisal: Appraisal, *, ax: Axes | None = None, catalogue: Catalogue | None = None
) -> Axes:
    """A bearer × cost category heatmap: how many risks, coloured by the most serious.

    The colour is the most serious residual severity on one fixed scale (low, medium, high),
    the same for every project; least-able rows are marked. A legend below says what the
    colours, the numbers and the marks mean. A new figure is laid out so that
    no label is cut off (``layout="constrained"``); with ``ax`` given, the figure's layout is
    left to the caller.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(
            figsize=(10, 0.4 * max(4, len(appraisal.exposure) // 3) + 1.5), layout="constrained"
        )
    labels = {e.id: e.label for e in cat.entries()}
    bearers = list(dict.fromkeys(c.bearer for c in appraisal.exposure))
    categories: list[str] = [k.id for k in cat.cost_categories]
    grid = [[0.0] * len(categories) for _ in bearers]
    counts = [[0] * len(categories) for _ in bearers]
    least = {c.bearer for c in appraisal.exposure if c.least_able}
    for c in appraisal.exposure:
        if c.category in categories:
            i, j = bearers.index(c.bearer), categories.index(c.category)
            grid[i][j] = float(c.worst.rank)
            counts[i][j] = len(c.risks)
    ax.imshow(grid or [[0.0] * len(categories)], cmap="Oranges", aspect="auto", vmin=0, vmax=3)
    ax.set_xticks(
        range(len(categories)),
        [k.removeprefix("category.").capitalize() for k in categories],
        rotation=30,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_yticks(
        range(len(bearers)), [labels.get(b, b) + (" (!)" if b in least else "") for b in bearers]
    )
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8)
    _exposure_legend(ax, bool(least))
    ax.set_title("Who bears the costs")
    return ax


def _exposure_legend(ax: Axes, least_marked: bool) -> None:
    """Put below the heat map a legend: the colour of each severity, what the marks mean."""
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    from coproduce.appraisal import Severity

    shade = colormaps["Oranges"]
    handles = [Patch(facecolor=shade(0.0), edgecolor="#9ca3af", label="no risk")]
    handles += [
        Patch(facecolor=shade(s.rank / 3), edgecolor="#9ca3af", label=f"worst risk {s.value}")
        for s in Severity
    ]
    handles.append(Patch(facecolor="none", edgecolor="none", label="number: risks in the cell"))
    if least_marked:
        handles.append(
            Patch(facecolor="none", edgecolor="none", label="(!) least able to bear costs")
        )
    ax.legend(
        handles=handles,
        title="Colour: the most serious\nrisk after mitigations",
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        alignment="left",
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )


def plot_graph(
    appraisal: Appraisal, *, ax: Axes | None = None, catalogue: Catalogue | None = None
) -> Axes:
    """The project's stages → challenges → cost categories, challenges coloured by severity.

    A legend says what the colours mean (severity after mitigations).
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(
            figsize=(11, 0.35 * max(6, len(appraisal.risks)) + 1.5), layout="constrained"
        )
    labels = {e.id: e.label for e in cat.entries()}
    stages = list(dict.fromkeys(r.stage for r in appraisal.risks))
    order: dict[str, int] = {k.id: i for i, k in enumerate(cat.cost_categories)}
    categories = sorted({k for r in appraisal.risks for k in r.categories}, key=order.__getitem__)
    n = max(len(appraisal.risks), len(stages), len(categories), 1)

    def ys(count: int) -> list[float]:
        return [n - (i + 0.5) * n / count for i in range(count)]

    ystage = dict(zip(stages, ys(len(stages)), strict=True))
    ycat = dict(zip(categories, ys(len(categories)), strict=True))
    for y, r in zip(ys(len(appraisal.risks)), appraisal.risks, strict=True):
        ax.plot([0, 1], [ystage[r.stage], y], color="#9ca3af", lw=0.8)
        for k in r.categories:
            ax.plot([1, 2], [y, ycat[k]], color=_SEVERITY[r.residual.value], lw=0.8, alpha=0.5)
        ax.text(
            1,
            y,
            labels.get(r.challenge, r.challenge),
            ha="center",
            va="center",
            fontsize=7,
            bbox={"boxstyle": "round", "fc": "white", "ec": _SEVERITY[r.residual.value]},
        )
    _column(ax, 0, ystage, labels, "#e0f2fe")
    _column(ax, 2, ycat, labels, "#f5f5f4")
    ax.set_xlim(-0.6, 2.6)
    ax.set_ylim(0, n)
    ax.axis("off")
    _severity_legend(ax)
    ax.set_title("Stages, challenges and cost categories")
    return ax


def _column(ax: Axes, x: float, ys: dict[str, float], labels: dict[str, str], fill: str) -> None:
    """Draw one column of the graph: a labelled box per id at its height."""
    for key, y in ys.items():
        ax.text(
            x,
            y,
            labels.get(key, key),
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round", "fc": fill},
        )


def _severity_legend(ax: Axes) -> None:
    """Put below the graph a legend of the colours: severity after mitigations."""
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(facecolor="white", edgecolor=colour, label=f"{severity} after mitigations")
            for severity, colour in _SEVERITY.items()
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
