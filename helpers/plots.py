"""Chart functions: each takes the tidy DataFrame it draws and returns a matplotlib Figure.

Colours come from a fixed palette assigned to outlets in sorted order, so an outlet keeps its colour
across all figures of a run.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

PALETTE = plt.get_cmap("tab10").colors


def outlet_colours(outlets) -> dict[str, tuple]:
    """A colour per outlet, stable for a given set of outlets (sorted order)."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(sorted(set(outlets)))}


def stacked_bars(table: pd.DataFrame, index: str, stack: str, value: str, title: str, xlabel: str):
    """Horizontal stacked bars: one bar per ``index`` value, stacked by ``stack``."""
    wide = table.pivot_table(index=index, columns=stack, values=value, aggfunc="sum", fill_value=0).sort_index(ascending=False)
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(wide) + 1.4))
    left = np.zeros(len(wide))
    colours = plt.get_cmap("viridis")(np.linspace(0.15, 0.85, max(1, wide.shape[1])))
    for colour, column in zip(colours, wide.columns):
        ax.barh(wide.index, wide[column], left=left, color=colour, label=str(column))
        left += wide[column].to_numpy()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.legend(title=stack, frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def article_bars(table: pd.DataFrame, value: str, title: str, xlabel: str, label: str = "file"):
    """One horizontal bar per article (rows of ``table``), coloured by outlet; NaN values are marked n/a."""
    colours = outlet_colours(table["outlet"])
    fig, ax = plt.subplots(figsize=(6.5, 0.4 * len(table) + 1.4))
    labels = [f"{o} ({f[:3]})" for f, o in zip(table[label], table["outlet"])]
    values = table[value].fillna(0)
    ax.barh(labels, values, color=[colours[o] for o in table["outlet"]])
    for y, v in enumerate(table[value]):
        if pd.isna(v):
            ax.text(0, y, " n/a (unreliable)", va="center", fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def heatmap(table: pd.DataFrame, row: str, column: str, value: str, title: str, fmt: str = "{:.0%}",
            row_labels: dict | None = None, column_labels: dict | None = None):
    """A heatmap of ``value`` with one cell per (row, column), each annotated."""
    wide = table.pivot(index=row, columns=column, values=value)
    fig, ax = plt.subplots(figsize=(1.0 * wide.shape[1] + 2.5, 0.5 * wide.shape[0] + 1.8))
    image = ax.imshow(wide.to_numpy(dtype=float), cmap="viridis", aspect="auto", vmin=0)
    ax.set_xticks(range(wide.shape[1]), [(column_labels or {}).get(c, c) for c in wide.columns], rotation=35, ha="right")
    ax.set_yticks(range(wide.shape[0]), [(row_labels or {}).get(r, r) for r in wide.index])
    peak = np.nanmax(wide.to_numpy(dtype=float)) if wide.size else 0
    for (i, j), v in np.ndenumerate(wide.to_numpy(dtype=float)):
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7, color="white" if v < 0.6 * peak else "black")
    fig.colorbar(image, ax=ax, fraction=0.04)
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def interval_timeline(table: pd.DataFrame, title: str):
    """One row per outlet; each article drawn as a bar over its publication interval (a day, a month, a year)."""
    colours = outlet_colours(table["outlet"])
    outlets = sorted(set(table["outlet"]))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(outlets) + 1.6))
    for _, row in table.iterrows():
        start = pd.Timestamp(row["date_start"])
        end = pd.Timestamp(row["date_end"]) + pd.Timedelta(days=1)
        y = outlets.index(row["outlet"])
        width = max((end - start).days, 12)  # a day-precision article stays visible
        ax.barh(y, width, left=mdates.date2num(start), height=0.5, color=colours[row["outlet"]],
                alpha=1.0 if row["date_precision"] == "day" else 0.45, edgecolor="black", linewidth=0.4)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(title, loc="left")
    ax.set_xlabel("publication date (pale bars: only the month or year is known)")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


# ===== source comparison (add chart functions for notebook 01 below this line) =====


# ===== framing (add chart functions for notebook 02 below this line) =====


# ===== timeline (add chart functions for notebook 03 below this line) =====
