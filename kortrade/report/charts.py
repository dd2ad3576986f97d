"""Charts for the report: one look for all, saved as byte-reproducible PNGs.

Every chart has a title, axis labels with units and a line naming its
sources. `save` writes a PNG at twice the screen resolution and an SVG beside it,
without software versions or timestamps, with a fixed size and font, so two runs
give identical files. Text is never read as mathematics: a `$5 and $6` in a title
or an outlet's name is drawn as written.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

import matplotlib as mpl
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from . import formatting

P = ParamSpec("P")

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "svg.hashsalt": "kortrade",
    "svg.fonttype": "path",
    "text.parse_math": False,
}
SIZE = (9.0, 5.0)
COUNTRY_COLOURS = {"KOR": "#1f5fa8", "CHN": "#c0392b", "USA": "#7f8c8d", "JPN": "#8e44ad"}
STATUS_STYLES = {"signed": "solid", "negotiating": "dashed", "planned": "dotted", "reported": "dashdot"}
METRIC_COLOURS = {"exports": "#1f5fa8", "imports": "#c0392b", "trade_balance": "#27ae60", "trade_volume": "#7f8c8d"}
STANCE_COLOURS = {"toward_china": "#c0392b", "away_from_china": "#1f5fa8", "mixed": "#f39c12"}
NO_STANCE = "(none)"
NO_COLOUR = "#bdc3c7"


def styled(build: Callable[P, Figure]) -> Callable[P, Figure]:
    """Build a chart under the report's style (text objects read it when they are made)."""

    @functools.wraps(build)
    def styled_build(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.rc_context(STYLE):
            return build(*args, **kwargs)

    return styled_build


ROW_INCHES = 0.24  # height of one labelled bar or row, so that row labels never overlap


def new_figure(title: str, source: str, rows: int = 0) -> tuple[Figure, mpl.axes.Axes]:
    """A figure of the report's width with its title and a source line at the bottom; a chart of
    `rows` labelled rows grows taller so that every label has room."""
    height = max(SIZE[1], 1.6 + ROW_INCHES * rows)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(SIZE[0], height), layout="constrained")
        strip = 0.2 / height  # keep a bottom strip for the source line
        fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
        ax = fig.add_subplot()
        ax.set_title(title, loc="left")
        fig.text(0.01, 0.005, f"Source: {source}", fontsize=8, color="#555555", ha="left", va="bottom")
    return fig, ax


def save(fig: Figure, path: Path) -> Path:
    """Write `path` (a PNG at 2×) and the same chart as SVG beside it, with no version or time metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context(STYLE):
        fig.savefig(path, format="png", metadata={"Software": None})
    path.with_suffix(".svg").write_text(svg(fig), encoding="utf-8")
    return path


def svg(fig: Figure) -> str:
    """The chart as an SVG document (fonts drawn as paths, ids salted: the same chart gives the same text)."""
    buffer = io.StringIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def empty_note(ax: mpl.axes.Axes, what: str) -> None:
    ax.text(0.5, 0.5, f"No {what} in this corpus", ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def sources_line(doc_ids: pd.Series) -> str:
    ids = sorted(set(doc_ids))
    return "kortrade extraction of " + (", ".join(ids) if len(ids) <= 4 else f"{len(ids)} documents")


@styled
def counts_bar(counts: pd.Series, title: str, xlabel: str, ylabel: str, source: str) -> Figure:
    """A horizontal bar chart of counts (largest on top)."""
    fig, ax = new_figure(title, source, rows=len(counts))
    if counts.empty:
        empty_note(ax, ylabel.lower())
        return fig
    ordered = counts.sort_values()
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color="#1f5fa8")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


@styled
def trade_levels_chart(levels: pd.DataFrame, partner: str) -> Figure:
    """Korea's trade with a partner by period: one bar per metric and source document, its value
    written on it; a deficit is a bar below zero."""
    usable = levels[levels["period"].notna() & ~levels["garbled"]]
    title = f"South Korea–{formatting.economy(partner)} trade by period (dated, undamaged figures)"
    fig, ax = new_figure(title, sources_line(usable["doc_id"]))
    if usable.empty:
        empty_note(ax, "dated trade levels")
        return fig
    rank = {m: i for i, m in enumerate(METRIC_COLOURS)}
    ordered = usable.assign(rank=usable["metric"].map(rank)).sort_values(["period", "rank", "doc_id"])
    periods = sorted(ordered["period"].unique())
    width = 0.8 / int(ordered.groupby("period").size().max())
    drawn: set[str] = set()
    for i, period in enumerate(periods):
        rows = ordered[ordered["period"] == period]
        for k, row in enumerate(rows.itertuples()):
            x = i - 0.4 + width * (k + 0.5)
            label = formatting.label(row.metric)
            ax.bar(x, row.usd_bn, width=width * 0.9, color=METRIC_COLOURS.get(row.metric, "#7f8c8d"),
                   label=None if label in drawn else label)  # fmt: skip
            drawn.add(label)
            below = row.usd_bn < 0
            ax.annotate(formatting.money(row.usd_bn * 1e9), (x, row.usd_bn), ha="center",
                        va="top" if below else "bottom", xytext=(0, -3 if below else 3),
                        textcoords="offset points", fontsize=8)  # fmt: skip
    ax.axhline(0, color="black", linewidth=0.8)
    ax.margins(y=0.15)
    ax.set_xticks(range(len(periods)), periods)
    ax.set_xlabel("Period covered")
    ax.set_ylabel("US$ billion (a deficit is below zero)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


@styled
def growth_chart(rates: pd.DataFrame) -> Figure:
    """Reported growth rates, one bar per figure, labelled by metric, partner and period."""
    fig, ax = new_figure("Reported growth rates", sources_line(rates["doc_id"]), rows=len(rates))
    if rates.empty:
        empty_note(ax, "growth rates")
        return fig
    labels = [
        f"{m.replace('_', ' ')} → {formatting.as_text(p) or '?'} {formatting.as_text(per)} [{d[:8]}]"
        + (" *" if g else "")
        for m, p, per, d, g in zip(
            rates["metric"], rates["partner"], rates["period"], rates["doc_id"], rates["garbled"]
        )
    ]
    colours = ["#27ae60" if v >= 0 else "#c0392b" for v in rates["change_pct"]]
    rows = range(len(labels))  # by position: two figures with the same label keep a bar each
    ax.barh(rows, rates["change_pct"], color=colours)
    ax.set_yticks(rows, labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Change, % (negative = fall; * = reconstructed from damaged text)")
    ax.set_ylabel("Metric → partner, period [document]")
    return fig


@styled
def deal_network_chart(deals: pd.DataFrame, actors: pd.DataFrame) -> Figure:
    """Supplier → buyer network: nodes coloured by country, edges styled by deal status."""
    fig, ax = new_figure("Corporate supply deals (arrows point from supplier to buyer)", sources_line(deals["doc_id"]))
    if deals.empty:
        empty_note(ax, "deals")
        return fig
    names = actors.drop_duplicates("actor_id").set_index("actor_id")
    graph = nx.DiGraph()
    for row in deals.itertuples():
        graph.add_edge(row.supplier, row.buyer, status=row.status)
    layout = nx.spring_layout(graph, seed=7, k=1.2)
    colours = [COUNTRY_COLOURS.get(names["country"].get(n, ""), "#95a5a6") for n in graph.nodes]
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_color=colours, node_size=300, alpha=0.9)
    for status, style in STATUS_STYLES.items():
        edges = [(u, v) for u, v, s in graph.edges(data="status") if s == status]
        if edges:
            nx.draw_networkx_edges(
                graph, layout, edgelist=edges, ax=ax, style=style, arrows=True, arrowsize=14, node_size=300
            )
    label_positions = {n: (x, y - 0.09) for n, (x, y) in layout.items()}
    labels = {n: names["name"].get(n, n) for n in graph.nodes}
    nx.draw_networkx_labels(graph, label_positions, labels=labels, ax=ax, font_size=8, verticalalignment="top")
    drawn_statuses = {s for _, _, s in graph.edges(data="status")}
    drawn_countries = {names["country"].get(n, "") for n in graph.nodes}
    handles = [  # a legend only for what is drawn
        mpl.lines.Line2D([], [], color="black", linestyle=s, label=f"{k} (line)")
        for k, s in STATUS_STYLES.items()
        if k in drawn_statuses
    ]
    handles += [
        mpl.lines.Line2D([], [], marker="o", linestyle="", color=c, label=formatting.economy(k))
        for k, c in COUNTRY_COLOURS.items()
        if k in drawn_countries
    ]
    if drawn_countries - set(COUNTRY_COLOURS):
        handles.append(mpl.lines.Line2D([], [], marker="o", linestyle="", color="#95a5a6", label="other or unknown"))
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
        title="Deal status / home economy",
        title_fontsize=8,
    )
    ax.margins(0.12)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


@styled
def tone_histogram(sentences: pd.DataFrame) -> Figure:
    """Distribution of sentence tone (VADER compound score)."""
    fig, ax = new_figure("Tone of sentences", sources_line(sentences["doc_id"]))
    tones = sentences["tone"].dropna().astype(float)
    if tones.empty:
        empty_note(ax, "scored sentences")
        return fig
    ax.hist(tones, bins=[i / 10 for i in range(-10, 11)], color="#1f5fa8", edgecolor="white")
    ax.set_xlabel("VADER compound score (−1 negative … +1 positive)")
    ax.set_ylabel("Sentences")
    return fig


@styled
def stance_chart(documents: pd.DataFrame) -> Figure:
    """Documents by stance, stacked by outlet."""
    fig, ax = new_figure(
        "Where documents say Korea–China ties are heading",
        sources_line(documents["doc_id"]),
        rows=documents["outlet"].nunique(dropna=False),
    )
    if documents.empty:
        empty_note(ax, "documents")
        return fig
    named = documents.assign(
        outlet=documents["outlet"].fillna("(unknown outlet)"), stance=documents["stance"].fillna(NO_STANCE)
    )
    table = named.pivot_table(index="outlet", columns="stance", values="doc_id", aggfunc="count", fill_value=0)
    left = pd.Series(0, index=table.index)
    for stance in table.columns:
        ax.barh(
            table.index,
            table[stance],
            left=left,
            label=formatting.label(stance).replace("china", "China"),
            color=STANCE_COLOURS.get(stance, NO_COLOUR),
        )
        left = left + table[stance]
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("Documents")
    ax.set_ylabel("Outlet")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="Stance")
    return fig


# How a date is drawn by what its missing part was read against (`resolved_against`; None: stated in full).
DATE_MARKERS = {None: "o", "published": "s", "reference": "^", "mention": "D"}
READ_AGAINST_COLOUR = "#d35400"


@styled
def timeline_chart(timeline: pd.DataFrame) -> Figure:
    """Dated statements on a time axis, one row per document: a date the text states in full is a filled
    dot, one read against another date (the publication date, the reference date, a day named before
    it) a larger hollow marker of another colour, its shape saying which, named in the legend."""
    fig, ax = new_figure(
        "Timeline of dated statements", sources_line(timeline["doc_id"]), rows=timeline["doc_id"].nunique()
    )
    dated = timeline.assign(
        when=pd.to_datetime(timeline["date"].str.slice(0, 10), format="mixed", errors="coerce")
    ).dropna(subset=["when"])
    if dated.empty:
        empty_note(ax, "dated statements")
        return fig
    docs = sorted(dated["doc_id"].unique())
    rows = {d: i for i, d in enumerate(docs)}
    against = dated["resolved_against"]
    found = set(against.dropna())
    readings = [r for r in DATE_MARKERS if r in found or (r is None and against.isna().any())]
    for reading in readings + sorted(found - set(DATE_MARKERS)):  # an unforeseen value is drawn too
        drawn = dated[against.isna() if reading is None else against.isin([reading])]
        stated = reading is None
        ax.scatter(drawn["when"], drawn["doc_id"].map(rows), s=30 if stated else 70,
                   marker=DATE_MARKERS.get(reading, "v"), facecolors="#1f5fa8" if stated else "none",
                   edgecolors="#1f5fa8" if stated else READ_AGAINST_COLOUR, linewidths=1.2, alpha=0.8,
                   zorder=2 if stated else 3, label=formatting.date_reading(reading))  # fmt: skip
    ax.set_yticks(range(len(docs)), [d[:20] for d in docs])
    ax.set_xlabel("Date the statement refers to")
    ax.set_ylabel("Document")
    ax.legend(
        loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="How the date was read", fontsize=8,
        title_fontsize=8,
    )
    return fig


def publish(fig: Figure, name: str, output_dir: str | Path):
    """Save a chart as `OUTPUT/figures/NAME.png` and return it for display in a notebook."""
    from IPython.display import Image

    from .workspace import resolve

    path = save(fig, resolve(output_dir) / "figures" / f"{name}.png")
    return Image(filename=str(path))
