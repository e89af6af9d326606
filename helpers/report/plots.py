"""Chart functions: each takes the tidy DataFrame it draws (already folded to the outlets it names, see
:mod:`helpers.analysis.outlets`) and returns a matplotlib Figure sized for a journal page.

Every figure is :data:`helpers.report.figures.PAGE_WIDTH` inches wide (a table figure may be wider, never more than
12 inches), at most 16 inches high whatever the corpus, with no text under 6 points and legends outside the data.
Outlets keep the colour :mod:`helpers.report.palette` gives them; sides have their fixed colours.
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.report.figures import MAX_SIZE, PAGE_WIDTH
from helpers.report.palette import OTHER_COLOUR, SIDE_COLOURS

#: Font sizes at print size (points).
TICK = 7
SMALL = 6.5
#: Heatmaps annotate their cells only up to this many rows or columns (beyond, the colour bar reads them).
ANNOTATE_UP_TO = 16


def _height(rows: int, per_row: float, extra: float) -> float:
    """A figure height for ``rows`` rows, never over the page maximum."""
    return float(min(MAX_SIZE[1], max(2.0, per_row * rows + extra)))


def _legend_right(ax, title: str | None = None, handles=None, labels=None) -> None:
    kwargs = {"handles": handles, "labels": labels} if handles is not None else {}
    ax.legend(**kwargs, title=title, frameon=False, fontsize=SMALL, title_fontsize=TICK, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


# ===== corpus (notebook 00) =====
def stacked_bars(table: pd.DataFrame, index: str, stack: str, value: str, title: str, xlabel: str,
                 order: list[str] | None = None):
    """Horizontal stacked bars: one bar per ``index`` value (in ``order``, first on top), stacked by ``stack``
    (sorted; a sequential palette, so an ordered stack such as years reads in order)."""
    wide = table.pivot_table(index=index, columns=stack, values=value, aggfunc="sum", fill_value=0)
    order = [o for o in (order or sorted(wide.index)) if o in wide.index]
    wide = wide.reindex(order[::-1])
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(wide), 0.26, 1.3)))
    left = np.zeros(len(wide))
    colours = plt.get_cmap("viridis")(np.linspace(0.1, 0.9, max(1, wide.shape[1])))
    for colour, column in zip(colours, wide.columns):
        ax.barh(wide.index, wide[column], left=left, color=colour, label=str(column))
        left += wide[column].to_numpy()
    ax.set_xlabel(xlabel, fontsize=TICK)
    ax.tick_params(labelsize=TICK)
    ax.set_title(title, loc="left", fontsize=9)
    _legend_right(ax, title=stack)
    fig.tight_layout()
    return fig


# ===== source comparison (notebook 01) =====
def facet_bars(table: pd.DataFrame, title: str, order: list[str], colours: dict[str, str], label: str = "outlet",
               facet: str = "measure", value: str = "value"):
    """Small multiples: one panel per ``facet`` value (in order of first appearance), one horizontal bar per
    ``label`` in ``order`` (first on top) in its colour; NaN drawn as "n/a"."""
    facets = list(dict.fromkeys(table[facet]))
    ncols = min(3, max(1, len(facets)))
    nrows = max(1, -(-len(facets) // ncols))
    height = _height(nrows * len(order), 0.2, 0.9 * nrows + 0.5)
    fig, axes = plt.subplots(nrows, ncols, figsize=(PAGE_WIDTH, height), sharey=True, squeeze=False)
    for ax in axes.flat[len(facets):]:
        ax.axis("off")
    for ax, name in zip(axes.flat, facets):
        part = table[table[facet] == name].set_index(label).reindex(order)
        values = part[value].astype(float)
        ax.barh(order, values.fillna(0), color=[colours.get(o, OTHER_COLOUR) for o in order])
        peak = np.nanmax(values.to_numpy()) if values.notna().any() else 0
        for y, v in enumerate(values):
            text = " n/a" if pd.isna(v) else f" {v:,.0f}" if abs(v) >= 1000 else f" {v:.3g}"
            ax.text(v if pd.notna(v) else 0, y, text, va="center", fontsize=6)
        ax.set_xlim(0, peak * 1.4 if peak > 0 else 1)
        ax.set_title(textwrap.shorten(str(name), 38), fontsize=TICK, loc="left")
        ax.tick_params(axis="both", labelsize=SMALL)
    axes[0][0].invert_yaxis()  # shared y: the first outlet on top in every panel
    fig.suptitle(title, x=0.01, ha="left", fontsize=9)
    fig.tight_layout()
    return fig


def distributions(table: pd.DataFrame, title: str, order: list[str], colours: dict[str, str], group: str = "outlet",
                  facet: str = "measure", value: str = "value", xlabel: str = ""):
    """One panel per ``facet`` value: for each ``group`` in ``order`` (first on top) a box of its articles' values
    with every article drawn as a point (deterministic jitter); the number of articles beside each box. NaN values
    are left out and counted in the label."""
    facets = list(dict.fromkeys(table[facet]))
    fig, axes = plt.subplots(1, max(1, len(facets)), figsize=(PAGE_WIDTH, _height(len(order), 0.3, 1.4)), sharey=True, squeeze=False)
    rng = np.random.default_rng(400)
    for ax, name in zip(axes[0], facets):
        part = table[table[facet] == name]
        data = [part.loc[part[group] == g, value].dropna().to_numpy(dtype=float) for g in order]
        positions = np.arange(len(order))
        filled = [i for i, d in enumerate(data) if len(d)]
        if filled:
            ax.boxplot([data[i] for i in filled], positions=positions[filled], orientation="horizontal", widths=0.55,
                       showfliers=False, medianprops={"color": "black"}, boxprops={"linewidth": 0.6},
                       whiskerprops={"linewidth": 0.6}, capprops={"linewidth": 0.6})
        for i, d in enumerate(data):
            ax.scatter(d, i + rng.uniform(-0.18, 0.18, len(d)), s=4, color=colours.get(order[i], OTHER_COLOUR),
                       alpha=0.6, linewidths=0, zorder=3)
        ax.set_yticks(positions, [f"{g} (n={len(d):,})" for g, d in zip(order, data)], fontsize=SMALL)
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_title(str(name), fontsize=TICK, loc="left")
        ax.set_xlabel(xlabel, fontsize=SMALL)
        ax.tick_params(axis="x", labelsize=SMALL)
    fig.suptitle(title, x=0.01, ha="left", fontsize=9)
    fig.tight_layout()
    return fig


def share_bars(table: pd.DataFrame, title: str, order: list[str], group: str = "outlet", stack: str = "side",
               value: str = "words", xlabel: str = "share"):
    """100 % stacked horizontal bars: one bar per ``group`` in ``order`` (first on top), the share of ``value`` of
    each ``stack`` (sides, in their fixed colours); the total beside each bar."""
    wide = table.pivot_table(index=group, columns=stack, values=value, aggfunc="sum", fill_value=0).reindex(order, fill_value=0)
    sides = [s for s in SIDE_COLOURS if s in wide.columns] + sorted(set(wide.columns) - set(SIDE_COLOURS))
    totals = wide.sum(axis=1)
    shares = wide.div(totals.where(totals > 0), axis=0).fillna(0)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(order), 0.26, 1.3)))
    left = np.zeros(len(order))
    for side in sides:
        ax.barh(order, shares[side], left=left, color=SIDE_COLOURS.get(side, OTHER_COLOUR), label=side)
        left += shares[side].to_numpy()
    for y, total in enumerate(totals):
        ax.text(1.01, y, f"{int(total):,}", va="center", fontsize=SMALL, transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel(xlabel, fontsize=TICK)
    ax.tick_params(labelsize=TICK)
    ax.set_title(title, loc="left", fontsize=9)
    ax.legend(frameon=False, fontsize=SMALL, loc="upper left", bbox_to_anchor=(1.09, 1.0), title=stack, title_fontsize=TICK)
    fig.tight_layout()
    return fig


def heatmap(table: pd.DataFrame, row: str, column: str, value: str, title: str, order: list[str],
            fmt: str = "{:.2f}", column_order: list[str] | None = None, colorbar: str = ""):
    """A heatmap of ``value`` with rows and columns in ``order`` (``column_order`` for the columns when they are
    not the same groups); cells annotated while there are at most :data:`ANNOTATE_UP_TO` of each; empty cells
    (no pair) stay white."""
    column_order = column_order or order
    wide = table.pivot(index=row, columns=column, values=value).reindex(index=order, columns=column_order)
    values = wide.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(order), 0.36, 1.9)))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="viridis", aspect="auto", vmin=0)
    ax.set_xticks(range(len(column_order)), [textwrap.shorten(str(c), 24) for c in column_order], rotation=40, ha="right", fontsize=SMALL)
    ax.set_yticks(range(len(order)), [textwrap.shorten(str(r), 30) for r in order], fontsize=SMALL)
    if len(order) <= ANNOTATE_UP_TO and len(column_order) <= ANNOTATE_UP_TO and values.size:
        peak = np.nanmax(values) if np.isfinite(values).any() else 0
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=6, color="white" if v < 0.6 * peak else "black")
    bar = fig.colorbar(image, ax=ax, fraction=0.04)
    bar.ax.tick_params(labelsize=SMALL)
    bar.set_label(colorbar, fontsize=SMALL)
    ax.set_title(title, loc="left", fontsize=9)
    fig.tight_layout()
    return fig


def table_figure(table: pd.DataFrame, title: str, widths: dict | None = None, highlight: str | None = None):
    """A table drawn as a figure (for papers): text wrapped to ``widths`` characters per column (default 24);
    rows whose boolean column ``highlight`` is True are shaded (that column is not drawn). At most 12 inches wide
    and 16 high: pass the rows worth printing (the notebooks pass the first ones; the CSV keeps all). An empty
    table draws "none"."""
    widths = widths or {}
    flags = table[highlight].astype(bool).tolist() if highlight else [False] * len(table)
    table = table.drop(columns=[highlight]) if highlight else table
    cols = list(table.columns)
    cells = [["\n".join(textwrap.wrap(str(v), widths.get(c, 24)) or [""]) for c, v in zip(cols, row)]
             for row in table.itertuples(index=False)]
    lines = [max(c.count("\n") + 1 for c in row) for row in cells] or [1]
    width = min(MAX_SIZE[0], max(PAGE_WIDTH, 0.075 * sum(widths.get(c, 24) for c in cols) + 0.6))
    fig, ax = plt.subplots(figsize=(width, _height(sum(lines) + 2, 0.17, 0.7)))
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


def speaker_bars(table: pd.DataFrame, title: str):
    """The most quoted speakers, one horizontal bar each (most on top), coloured by side, with the number of
    outlets quoting them beside the bar (``speaker, side, quotations, outlets``, as
    :func:`helpers.analysis.speakers.most_quoted`)."""
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(table), 0.26, 1.3)))
    names = [textwrap.shorten(s, 34) for s in table["speaker"]]
    ax.barh(names, table["quotations"], color=[SIDE_COLOURS.get(s, OTHER_COLOUR) for s in table["side"]])
    for y, (q, o) in enumerate(zip(table["quotations"], table["outlets"])):
        ax.text(q, y, f" {o:,} outlet{'s' if o != 1 else ''}", va="center", fontsize=SMALL)
    ax.invert_yaxis()
    ax.set_xlabel("speech quotations", fontsize=TICK)
    ax.set_xlim(0, max(1, table["quotations"].max()) * 1.3 if len(table) else 1)
    ax.tick_params(labelsize=TICK)
    handles = [plt.Rectangle((0, 0), 1, 1, color=SIDE_COLOURS[s]) for s in SIDE_COLOURS if s in set(table["side"])]
    if handles:
        _legend_right(ax, title="side", handles=handles, labels=[s for s in SIDE_COLOURS if s in set(table["side"])])
    ax.set_title(title, loc="left", fontsize=9)
    fig.tight_layout()
    return fig


# ===== framing (notebook 02) =====
def share_interval_heatmap(table: pd.DataFrame, title: str, order: list[str], column_labels: dict | None = None):
    """Outlet x frame heatmap of ``share`` (rows in ``order``), each cell annotated "23.1%" and, where the outlet
    has an interval, "[10–38]"; "n<5" marks outlets with too few articles for one."""
    frames_order = list(dict.fromkeys(table["frame"]))
    pivot = {c: table.pivot(index="outlet", columns="frame", values=c).reindex(index=order, columns=frames_order)
             for c in ("share", "lo", "hi")}
    values = pivot["share"].to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(order), 0.42, 2.0)))
    image = ax.imshow(values, cmap="viridis", aspect="auto", vmin=0)
    ax.set_xticks(range(len(frames_order)), [textwrap.fill((column_labels or {}).get(c, c), 18) for c in frames_order],
                  rotation=35, ha="right", fontsize=SMALL)
    ax.set_yticks(range(len(order)), list(order), fontsize=SMALL)
    peak = np.nanmax(values) if np.isfinite(values).any() else 0
    for (i, j), v in np.ndenumerate(values):
        if not np.isfinite(v):
            continue
        lo, hi = pivot["lo"].iat[i, j], pivot["hi"].iat[i, j]
        interval = f"\n[{lo:.0%}–{hi:.0%}]" if pd.notna(lo) else "\nn<5"
        ax.text(j, i, f"{v:.0%}{interval}", ha="center", va="center", fontsize=6, color="white" if v < 0.6 * peak else "black")
    bar = fig.colorbar(image, ax=ax, fraction=0.04)
    bar.ax.tick_params(labelsize=SMALL)
    ax.set_title(title, loc="left", fontsize=9)
    fig.tight_layout()
    return fig


def voice_panels(table: pd.DataFrame, title: str, order: list[str], labels: dict | None = None):
    """One panel per frame: a bar per outlet in ``order`` (first on top), stacked journalist's own words vs quoted
    words (``share`` of sentences; one row per outlet, frame and voice)."""
    frames_order = list(dict.fromkeys(table["frame"]))
    columns = min(4, max(1, len(frames_order)))
    rows = -(-max(1, len(frames_order)) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(PAGE_WIDTH, _height(rows * len(order), 0.17, 1.0 * rows + 0.8)),
                             sharey=True, sharex=True, squeeze=False)
    colours = {"journalist": SIDE_COLOURS["journalist"], "quoted": SIDE_COLOURS["India"]}
    for k, ax in enumerate(axes.flat):
        if k >= len(frames_order):
            ax.axis("off")
            continue
        part = table[table["frame"] == frames_order[k]]
        left = np.zeros(len(order))
        for voice in ("journalist", "quoted"):
            values = part[part["voice"] == voice].set_index("outlet")["share"].reindex(order).fillna(0).to_numpy()
            ax.barh(order, values, left=left, color=colours[voice],
                    label="journalist's own words" if voice == "journalist" else "quoted speech")
            left += values
        ax.set_title(textwrap.fill((labels or {}).get(frames_order[k], frames_order[k]), 28), fontsize=SMALL, loc="left")
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.tick_params(labelsize=SMALL)
    axes[0][0].invert_yaxis()
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=2, frameon=False, fontsize=SMALL)
    fig.suptitle(title, x=0.01, ha="left", fontsize=9)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def side_bars(table: pd.DataFrame, title: str, labels: dict | None = None):
    """Horizontal stacked bars: one bar per frame, segments = the journalist and each quoted side (``sentences``;
    rows frame, voice, side as :func:`helpers.analysis.framing.frame_voices`)."""
    table = table.assign(group=np.where(table["voice"] == "journalist", "journalist", table["side"].replace("", "unknown")))
    frames_order = list(dict.fromkeys(table["frame"]))[::-1]
    groups = ["journalist"] + sorted(set(table["group"]) - {"journalist"}, key=lambda g: (g == "unknown", g))
    wide = table.pivot_table(index="frame", columns="group", values="sentences", aggfunc="sum", fill_value=0).reindex(
        index=frames_order, columns=groups, fill_value=0)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, _height(len(frames_order), 0.36, 1.4)))
    left = np.zeros(len(wide))
    names = [textwrap.fill((labels or {}).get(f, f), 30) for f in wide.index]
    for group in groups:
        values = wide[group].to_numpy()
        ax.barh(names, values, left=left, color=SIDE_COLOURS.get(group, OTHER_COLOUR),
                label="journalist's own words" if group == "journalist" else f"quoted: {group}")
        left += values
    ax.set_xlabel("coded sentences", fontsize=TICK)
    ax.tick_params(labelsize=TICK)
    ax.set_title(title, loc="left", fontsize=9)
    _legend_right(ax)
    fig.tight_layout()
    return fig


# ===== timeline (notebook 03) =====
def _volume_panel(ax, volume: pd.DataFrame, period: str) -> None:
    totals = volume.groupby("period_start")["articles"].sum()
    days = pd.to_datetime(totals.index)
    width = {"week": 6, "month": 27, "quarter": 85}[period]
    ax.bar(mdates.date2num(days), totals.to_numpy(), width=width, align="edge", color="#666666")
    ax.set_ylabel(f"articles\nper {period}", fontsize=SMALL)
    ax.tick_params(labelsize=SMALL)


def coverage_timeline(volume: pd.DataFrame, title: str, order: list[str], period: str):
    """When each outlet wrote: articles per ``period`` for each outlet in ``order`` (a row each, darker = more;
    "other outlets" last) under a panel of all articles per period."""
    freq = {"week": "W-MON", "month": "MS", "quarter": "QS"}[period]
    present = sorted(set(volume["period_start"]))
    periods = [d.strftime("%Y-%m-%d") for d in pd.date_range(present[0], present[-1], freq=freq)] if present else []
    wide = volume.pivot_table(index="outlet", columns="period_start", values="articles", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=order, columns=periods, fill_value=0)
    fig, (top, ax) = plt.subplots(2, 1, figsize=(PAGE_WIDTH, _height(len(order), 0.25, 2.6)), sharex=True,
                                  gridspec_kw={"height_ratios": [1.0, max(1.0, 0.25 * len(order))]})
    _volume_panel(top, volume, period)
    if periods:
        edges = pd.date_range(periods[0], periods=len(periods) + 1, freq=freq)
        mesh = ax.pcolormesh(mdates.date2num(edges), np.arange(len(order) + 1),
                             np.ma.masked_equal(wide.to_numpy(dtype=float), 0), cmap="viridis_r", shading="flat", vmin=0)
        bar = fig.colorbar(mesh, ax=[top, ax], fraction=0.03, pad=0.01)
        bar.set_label(f"articles per {period}", fontsize=SMALL)
        bar.ax.tick_params(labelsize=SMALL)
    ax.set_yticks(np.arange(len(order)) + 0.5, order, fontsize=SMALL)
    ax.set_ylim(len(order), 0)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m" if period != "quarter" else "%Y"))
    ax.tick_params(axis="x", labelsize=SMALL)
    top.set_title(title, loc="left", fontsize=9)
    return fig


def milestone_timeline(mentions: pd.DataFrame, summary: pd.DataFrame, volume: pd.DataFrame, title: str, period: str):
    """The story's milestones, one row each (in order of the date most outlets give): every outlet's statement of
    it, a dot for a day and a bar for a month or a year, blue where it agrees with most outlets and vermillion where
    it differs, open for a planned or forecast date (one mark per distinct statement, larger when more mentions make
    it; a planned deadline, "by the end of 2021", at its target day); the consensus interval shaded. Below, articles
    per period."""
    order = list(summary["milestone"])
    fig, (ax, low) = plt.subplots(2, 1, figsize=(PAGE_WIDTH, _height(len(order), 0.45, 2.6)), sharex=True,
                                  gridspec_kw={"height_ratios": [max(1.0, 0.45 * len(order)), 1.0]})
    colour = {True: SIDE_COLOURS["US"], False: SIDE_COLOURS["Russia"]}
    for y, row in enumerate(summary.itertuples(index=False)):
        if row.date_start:
            start = mdates.date2num(pd.Timestamp(row.date_start))
            ax.fill_betweenx([y - 0.45, y + 0.45], start, mdates.date2num(pd.Timestamp(row.date_end) + pd.Timedelta(days=1)),
                             color="#dddddd", linewidth=0, zorder=0)
            ax.plot([start, start], [y - 0.45, y + 0.45], color="#999999", linewidth=0.5, zorder=1)
        part = mentions[mentions["milestone"] == row.milestone]
        # a plan or forecast is drawn at its target: "by the end of 2021" written in 2020 and in 2019 are one mark
        target = part["planned"] & (part["precision"] == "range")
        part = part.assign(date_start=part["date_start"].where(~target, part["date_end"]),
                           precision=part["precision"].where(~target, "day"))
        # one mark per distinct statement (same dates, precision and verdict), sized by how many mentions make it
        marks = (part.groupby(["date_start", "date_end", "precision", "planned", "agrees"], sort=True)
                 .size().rename("n").reset_index())
        offsets = np.linspace(-0.32, 0.32, len(marks)) if len(marks) > 1 else np.zeros(len(marks))
        for k, m in marks.iterrows():
            start = mdates.date2num(pd.Timestamp(m["date_start"]))
            end = mdates.date2num(pd.Timestamp(m["date_end"]) + pd.Timedelta(days=1))
            c = "#777777" if m["planned"] else colour[bool(m["agrees"])]
            size = 2.5 + 1.5 * np.sqrt(m["n"] - 1)
            if m["precision"] == "day":
                ax.plot(start + 0.5, y + offsets[k], "o", markersize=min(size, 9), markerfacecolor="none" if m["planned"] else c,
                        markeredgecolor=c, markeredgewidth=0.6, zorder=3)
            else:
                ax.plot([start, end], [y + offsets[k]] * 2, color=c, linewidth=min(0.8 + 0.4 * np.sqrt(m["n"]), 4), alpha=0.8,
                        linestyle=":" if m["planned"] else "-", zorder=2)
    ax.set_yticks(range(len(order)), [textwrap.shorten(m, 34) for m in order], fontsize=SMALL)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.grid(axis="x", linewidth=0.3, alpha=0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour[True], markersize=4),
               plt.Line2D([], [], marker="o", linestyle="", color=colour[False], markersize=4),
               plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#777777", markersize=4),
               plt.Rectangle((0, 0), 1, 1, color="#dddddd")]
    _legend_right(ax, handles=handles, labels=["agrees with most outlets", "gives another date", "planned or forecast",
                                                "date most outlets give"])
    if len(volume):
        _volume_panel(low, volume, period)
    low.xaxis_date()
    low.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title(title, loc="left", fontsize=9)
    fig.tight_layout()
    return fig
