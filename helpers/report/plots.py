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
def facet_bars(table: pd.DataFrame, title: str, label: str = "outlet", facet: str = "measure", value: str = "value"):
    """Small multiples: one panel per ``facet`` value (in order of first appearance), one horizontal bar per
    ``label`` (sorted) coloured by outlet when ``table`` has an ``outlet`` column; NaN drawn as "n/a"."""
    facets = list(dict.fromkeys(table[facet]))
    labels = sorted(set(table[label]))
    colours = outlet_colours(table["outlet"]) if "outlet" in table else {}
    ncols = min(3, max(1, len(facets)))
    nrows = max(1, -(-len(facets) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.6 * ncols + 1.8, (0.3 * len(labels) + 0.9) * nrows + 0.5),
                             sharey=True, squeeze=False)
    for ax in axes.flat[len(facets):]:
        ax.axis("off")
    for ax, name in zip(axes.flat, facets):
        part = table[table[facet] == name].set_index(label, drop=False).reindex(labels)
        values = part[value].astype(float)
        owners = labels if label == "outlet" else part["outlet"] if colours else []
        colour = [colours.get(o, PALETTE[0]) for o in owners] if colours else PALETTE[0]
        ax.barh(labels, values.fillna(0), color=colour)
        peak = np.nanmax(values.to_numpy()) if values.notna().any() else 0
        for y, v in enumerate(values):
            ax.text(v if pd.notna(v) else 0, y, f" {v:,.4g}" if pd.notna(v) else " n/a", va="center", fontsize=6.5)
        ax.set_xlim(0, peak * 1.35 if peak > 0 else 1)
        ax.set_title(str(name), fontsize=8, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.tick_params(axis="y", labelsize=7)
    axes[0][0].invert_yaxis()  # shared y: the first label on top in every panel
    fig.suptitle(title, x=0.01, ha="left", fontsize=9)
    fig.tight_layout()
    return fig


def table_figure(table: pd.DataFrame, title: str, widths: dict | None = None, highlight: str | None = None):
    """A table drawn as a figure (for papers): text wrapped to ``widths`` characters per column (default 24);
    rows whose boolean column ``highlight`` is True are shaded (that column is not drawn). An empty table
    draws "none"."""
    import textwrap

    widths = widths or {}
    flags = table[highlight].astype(bool).tolist() if highlight else [False] * len(table)
    table = table.drop(columns=[highlight]) if highlight else table
    cols = list(table.columns)
    cells = [["\n".join(textwrap.wrap(str(v), widths.get(c, 24)) or [""]) for c, v in zip(cols, row)]
             for row in table.itertuples(index=False)]
    lines = [max(c.count("\n") + 1 for c in row) for row in cells] or [1]
    fig, ax = plt.subplots(figsize=(min(16, 0.085 * sum(widths.get(c, 24) for c in cols) + 1), 0.19 * (sum(lines) + 2) + 0.8))
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=9)
    if not cells:
        ax.text(0, 0.5, "none", fontsize=8)
        return fig
    total = sum(widths.get(c, 24) for c in cols)
    drawn = ax.table(cellText=cells, colLabels=cols, loc="upper left", cellLoc="left",
                     colWidths=[widths.get(c, 24) / total for c in cols])
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(6.5)
    height = 1.0 / (sum(lines) + 1)
    for (r, c), cell in drawn.get_celld().items():
        cell.set_height(height * (1 if r == 0 else lines[r - 1]))
        cell.set_linewidth(0.3)
        if r == 0:
            cell.set_facecolor("#e8e8e8")
        elif flags[r - 1]:
            cell.set_facecolor("#fde2c8")
    return fig


# ===== framing (add chart functions for notebook 02 below this line) =====
def share_interval_heatmap(table: pd.DataFrame, title: str, column_labels: dict | None = None):
    """Outlet x frame heatmap of ``share``, each cell annotated "23% [10–38]" from ``lo`` and ``hi``
    (one row per outlet and frame, as :func:`helpers.analysis.framing.outlet_shares`)."""
    frames_order = list(dict.fromkeys(table["frame"]))
    wide = table.pivot(index="outlet", columns="frame", values="share").reindex(columns=frames_order)
    lo = table.pivot(index="outlet", columns="frame", values="lo").reindex(columns=frames_order)
    hi = table.pivot(index="outlet", columns="frame", values="hi").reindex(columns=frames_order)
    values = wide.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(1.25 * max(1, wide.shape[1]) + 2.5, 0.6 * max(1, wide.shape[0]) + 1.9))
    image = ax.imshow(values, cmap="viridis", aspect="auto", vmin=0)
    ax.set_xticks(range(wide.shape[1]), [(column_labels or {}).get(c, c) for c in wide.columns], rotation=35, ha="right")
    ax.set_yticks(range(wide.shape[0]), list(wide.index))
    peak = np.nanmax(values) if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.0%}\n[{lo.iat[i, j]:.0%}–{hi.iat[i, j]:.0%}]", ha="center", va="center", fontsize=6.5,
                color="white" if v < 0.6 * peak else "black")
    fig.colorbar(image, ax=ax, fraction=0.04)
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def voice_panels(table: pd.DataFrame, title: str, labels: dict | None = None):
    """One panel per frame: a bar per outlet, stacked journalist's own words vs quoted words (``share`` of
    body sentences; one row per outlet, frame and voice, as :func:`helpers.analysis.framing.voice_shares`)."""
    frames_order = list(dict.fromkeys(table["frame"]))
    outlets = sorted(set(table["outlet"]), reverse=True)
    columns = min(4, max(1, len(frames_order)))
    rows = -(-max(1, len(frames_order)) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2.4 * columns + 1.2, 0.32 * len(outlets) * rows + 1.2 * rows + 0.6),
                             sharey=True, sharex=True, squeeze=False)
    colours = {"journalist": "#4c72b0", "quoted": "#dd8452"}
    for k, ax in enumerate(axes.flat):
        if k >= len(frames_order):
            ax.axis("off")
            continue
        part = table[table["frame"] == frames_order[k]]
        left = np.zeros(len(outlets))
        for voice in ("journalist", "quoted"):
            values = part[part["voice"] == voice].set_index("outlet")["share"].reindex(outlets).fillna(0).to_numpy()
            ax.barh(outlets, values, left=left, color=colours[voice], label="journalist's own words" if voice == "journalist" else "quoted speech")
            left += values
        ax.set_title((labels or {}).get(frames_order[k], frames_order[k]), fontsize=8, loc="left")
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.tick_params(labelsize=7)
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.suptitle(title, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


SIDE_COLOURS = {"journalist": "#8c8c8c", "Russia": "#c44e52", "India": "#dd8452", "US": "#4c72b0",
                "China": "#8172b3", "Pakistan": "#55a868", "other": "#937860", "unknown": "#cccccc"}


def side_bars(table: pd.DataFrame, title: str, labels: dict | None = None):
    """Horizontal stacked bars: one bar per frame, segments = the journalist and each quoted side
    (``sentences``; rows frame, voice, side as :func:`helpers.analysis.framing.frame_voices`)."""
    table = table.assign(group=np.where(table["voice"] == "journalist", "journalist", table["side"].replace("", "unknown")))
    frames_order = list(dict.fromkeys(table["frame"]))[::-1]
    groups = ["journalist"] + sorted(set(table["group"]) - {"journalist"}, key=lambda g: (g == "unknown", g))
    wide = table.pivot_table(index="frame", columns="group", values="sentences", aggfunc="sum", fill_value=0).reindex(index=frames_order, columns=groups, fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 0.42 * max(1, len(frames_order)) + 1.5))
    left = np.zeros(len(wide))
    names = [(labels or {}).get(f, f) for f in wide.index]
    for group in groups:
        values = wide[group].to_numpy()
        ax.barh(names, values, left=left, color=SIDE_COLOURS.get(group, "#cccccc"),
                label="journalist's own words" if group == "journalist" else f"quoted: {group}")
        left += values
    ax.set_xlabel("coded sentences")
    ax.set_title(title, loc="left")
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


# ===== timeline (add chart functions for notebook 03 below this line) =====

def story_timeline(grouped: pd.DataFrame, groups: pd.DataFrame, zoom: dict, title: str):
    """The events the articles date, one row per event group (``groups``: group_id, label), each mention
    (``grouped``: group_id, outlet, date_start, date_end, precision) drawn as a bar over its interval in its
    outlet's colour (several outlets in one row sit side by side); a second panel zooms on ``zoom`` (start,
    end: the densest period) when it is narrower than the whole span. Day-precision mentions get a dot."""
    colours = outlet_colours(grouped["outlet"]) if len(grouped) else {}
    outlets = sorted(colours)
    panels = [("all dated mentions", groups)]
    if zoom.get("start") and len(grouped):
        inside = grouped[(grouped["date_end"] >= zoom["start"]) & (grouped["date_start"] <= zoom["end"])]
        span_all = (pd.Timestamp(grouped["date_end"].max()) - pd.Timestamp(grouped["date_start"].min())).days
        span_zoom = (pd.Timestamp(zoom["end"]) - pd.Timestamp(zoom["start"])).days
        if len(inside) and span_zoom < 0.6 * span_all:
            panels.append((f"zoom: {zoom['start'][:7]} to {zoom['end'][:7]} (densest period)",
                           groups[groups["group_id"].isin(set(inside["group_id"]))]))
    heights = [max(1.0, 0.24 * len(rows) + 0.6) for _, rows in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, sum(heights) + 1.4), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    for ax, (name, rows), index in zip(axes[:, 0], panels, range(len(panels))):
        rows = rows.sort_values("group_id")
        y_of = {g: i for i, g in enumerate(rows["group_id"])}
        members = grouped[grouped["group_id"].isin(set(y_of))]
        if index == 0:
            lo, hi = pd.Timestamp(grouped["date_start"].min()) if len(grouped) else pd.Timestamp("2000-01-01"), \
                pd.Timestamp(grouped["date_end"].max()) + pd.Timedelta(days=1) if len(grouped) else pd.Timestamp("2001-01-01")
        else:
            lo, hi = pd.Timestamp(zoom["start"]), pd.Timestamp(zoom["end"]) + pd.Timedelta(days=1)
        pad = max(2.0, 0.02 * (hi - lo).days)
        min_width = max(1.0, 0.004 * (hi - lo).days)
        for group_id, group in members.groupby("group_id", sort=True):
            shown = sorted(set(group["outlet"]))
            for _, row in group.sort_values(["outlet", "date_start", "file", "event_id"]).iterrows():
                slot = shown.index(row["outlet"])
                height = 0.7 / len(shown)
                y = y_of[group_id] - 0.35 + slot * height + height / 2
                start = pd.Timestamp(row["date_start"])
                width = max((pd.Timestamp(row["date_end"]) - start).days + 1, min_width)
                ax.barh(y, width, left=mdates.date2num(start), height=height * 0.85, color=colours[row["outlet"]],
                        alpha=0.9 if row["precision"] in ("day", "month") else 0.55, edgecolor="black", linewidth=0.3)
                if row["precision"] == "day":
                    ax.plot(mdates.date2num(start) + 0.5, y, "o", color="black", markersize=2)
        ax.set_yticks(range(len(rows)), list(rows["label"]), fontsize=6.5)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(mdates.date2num(lo) - pad, mdates.date2num(hi) + pad)
        ax.xaxis_date()
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m" if index else "%Y"))
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", linewidth=0.3, alpha=0.5)
        ax.set_title(name, loc="left", fontsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[o]) for o in outlets]
    if handles:
        fig.legend(handles, outlets, loc="lower center", ncol=min(3, len(outlets)), fontsize=7, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", fontsize=10)
    fig.tight_layout(rect=(0, 0.05 + 0.02 * ((len(outlets) - 1) // 3), 1, 1))
    return fig

