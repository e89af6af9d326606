"""Findings sentences generated from the data, one function per notebook, so that every stated finding stays
true when articles are added. Each returns Markdown (text from the data escaped with :func:`helpers.notebook.md`).
"""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus
from .notebook import md


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _names(values) -> str:
    values = [md(v) for v in values]
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def corpus_findings(corpus: Corpus, status: pd.DataFrame, removed: pd.DataFrame) -> str:
    """Notebook 00: size and span of the corpus, what was cleaned, rejected, flagged, and provenance caveats."""
    a = corpus.analysed
    counts = status["status"].value_counts()
    lines = [
        f"- The corpus holds {_plural(len(status), 'file')}: {counts.get('analysed', 0)} analysed, "
        f"{counts.get('duplicate', 0)} duplicate(s) analysed once, {counts.get('rejected', 0)} rejected (see the problems table).",
    ]
    if len(a):
        lines.append(
            f"- {_plural(a['outlet'].nunique(), 'outlet')} ({_names(sorted(a['outlet'].unique()))}), published between "
            f"{md(a['date_start'].min())} and {md(a['date_end'].max())}; {a['n_words'].sum():,} words in all, "
            f"{a['n_words'].min():,}–{a['n_words'].max():,} per article."
        )
        imprecise = a[a["date_precision"] != "day"]
        if len(imprecise):
            lines.append(f"- {_plural(len(imprecise), 'article')} ({_names(imprecise['file'])}) has only a {'/'.join(sorted(set(imprecise['date_precision'])))}-precision date: "
                         "dates relative to it are wide intervals.")
        caveats = a[a["notes"].str.contains(r"\binferred\b|not confirmed|unknown", case=False, regex=True)]
        if len(caveats):
            lines.append(f"- The manifest marks an inferred or uncertain outlet or date for {_names(caveats['file'])}: read their notes below.")
    lines.append(f"- Cleaning removed {_plural(len(removed), 'piece')} of scrape residue from "
                 f"{_plural(removed['file'].nunique(), 'article')} ({_names(sorted(removed['rule'].unique())) or 'none'}).")
    flagged = corpus.articles[corpus.articles["flags"] != ""]
    for flag in ("suspect_garbled", "non_english", "missing_headline"):
        files = flagged.loc[flagged["flags"].str.contains(rf"\b{flag}\b"), "file"]
        if len(files):
            lines.append(f"- Flag `{flag}`: {_names(files)}.")
    return "\n".join(lines)


def comparison_findings(readability: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Notebook 01: readability extremes and who names S-400 and CAATSA."""
    lines = []
    scored = readability.dropna(subset=["flesch_reading_ease"])
    if len(scored):
        easiest = scored.loc[scored["flesch_reading_ease"].idxmax()]
        hardest = scored.loc[scored["flesch_reading_ease"].idxmin()]
        lines.append(f"- Easiest to read: {md(easiest['outlet'])} ({md(easiest['file'])}, Flesch reading ease {easiest['flesch_reading_ease']:.1f}); "
                     f"hardest: {md(hardest['outlet'])} ({md(hardest['file'])}, {hardest['flesch_reading_ease']:.1f}).")
    unreliable = readability[readability["readability_flag"] != ""]
    if len(unreliable):
        lines.append(f"- No readability score for {_names(unreliable['file'])}: its sentences could not be split reliably.")
    for keyword in [c for c in mentions.columns if c not in ("file", "outlet")]:
        naming = mentions.loc[mentions[keyword] > 0, "outlet"].unique()
        silent = sorted(set(mentions["outlet"]) - set(naming))
        lines.append(f"- {md(keyword)} is named by {_plural(len(naming), 'outlet')}"
                     + (f"; never by {_names(silent)}." if silent else " (all of them)."))
    return "\n".join(lines) or "- No English articles to compare."


def framing_findings(shares: pd.DataFrame, labels: dict[str, str]) -> str:
    """Notebook 02: the dominant frame per outlet and the most widespread frame."""
    if shares.empty:
        return "- No English articles to code."
    lines = []
    top = shares.sort_values(["outlet", "share", "frame"], ascending=[True, False, True], kind="stable").groupby("outlet").head(1)
    for _, row in top.iterrows():
        lines.append(f"- {md(row['outlet'])}: most frequent frame is *{md(labels[row['frame']])}* ({row['share']:.0%} of {row['sentences']} body sentences).")
    widest = shares[shares["framed"] > 0].groupby("frame")["outlet"].nunique().sort_values(ascending=False, kind="stable")
    if len(widest):
        lines.append(f"- The frame used by most outlets is *{md(labels[widest.index[0]])}* ({widest.iloc[0]} of {shares['outlet'].nunique()}).")
    lines.append("- Shares rest on few articles per outlet: treat differences as descriptive, not significant.")
    return "\n".join(lines)


def timeline_findings(timeline: pd.DataFrame) -> str:
    """Notebook 03: the span of coverage and the order in which outlets wrote."""
    if timeline.empty:
        return "- No articles to place in time."
    first, last = timeline.iloc[0], timeline.iloc[-1]
    lines = [
        f"- Coverage runs from {md(first['published'])} ({md(first['outlet'])}) to {md(last['published'])} ({md(last['outlet'])}).",
    ]
    same_day = timeline.groupby("date_start").filter(lambda g: len(g) > 1 and (g["date_precision"] == "day").all())
    for day, group in same_day.groupby("date_start"):
        lines.append(f"- {_names(group['outlet'])} published on the same day, {md(day)}.")
    imprecise = timeline[timeline["date_precision"] != "day"]
    if len(imprecise):
        lines.append(f"- {_names(imprecise['outlet'])}: publication day unknown ({'/'.join(sorted(set(imprecise['date_precision'])))} precision), drawn as a pale interval.")
    return "\n".join(lines)


# ===== source comparison (add findings functions for notebook 01 below this line) =====


# ===== framing (add findings functions for notebook 02 below this line) =====


# ===== timeline (add findings functions for notebook 03 below this line) =====
