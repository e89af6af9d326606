"""The frame coding of a whole corpus, recombined in bulk after an edit of the frame dictionary.

A dictionary edit changes the frame coding (the ``matches`` table) and the dated events that read it, nothing
else. Per article, the coding is a pure function of the article's sentences, its speech quotations, the
classifier's predictions and each dictionary term's matches (:func:`helpers.extract.frames.article_matches`);
a term's matches depend only on the text and the term itself (:func:`helpers.extract.frames.term_key`). So a
*snapshot* of the corpus's coding (every term's matches in every article, the matches table and the events
table) lets a rerun after an edit

* scan only the new and changed terms, article by article, in memory;
* recombine every article's coding from the snapshot's matches, the new ones and the cached quotations and
  predictions, in memory (a millisecond per article: no per-article cache entry is read or written);
* keep an article's events when what they read of the coding (:func:`helpers.extract.events.coding_read`)
  came out the same, and compute the others from the cached temporal expressions.

The result equals a computation from scratch (a test edits the dictionary in several ways and compares). In:
the jobs of :func:`helpers.annotate.article_job`, the cached ``quotes`` and ``expressions`` tables and a snapshot
(:func:`snapshot_tables`). Out: the new ``matches`` and ``events`` tables and the new snapshot.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.extract import dates, events, frames

#: The columns of a snapshot's term matches: the article, the term (:func:`helpers.extract.frames.term_key`), the
#: sentence's index among the article's sentences, the match's offsets and its status.
HITS_COLUMNS = ["file", "key", "i", "start", "end", "status"]


def code_digest() -> str:
    """This module's source, hashed: part of the snapshot's key (the stages it calls are in their versions)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def hit_rows(file: str, hits: dict[str, list[tuple]]) -> list[tuple]:
    """One article's term matches (:func:`helpers.extract.frames.term_hits`) as rows of :data:`HITS_COLUMNS`,
    terms in key order, each term's matches in scan order."""
    return [(file, key, *hit) for key in sorted(hits) for hit in hits[key]]


def layout() -> pd.DataFrame:
    """The current dictionary as the frame coding reads it: every term's frame and key
    (:func:`helpers.extract.frames.term_key`), in dictionary order. Two dictionaries with equal layouts code every
    article alike (their labels, descriptions and notes may differ)."""
    terms = [(f.frame, frames.term_key(t)) for f in frames.load_frames() for t in f.terms]
    return pd.DataFrame(terms, columns=["frame", "key"])


def snapshot_tables(hits: list[tuple], matches: pd.DataFrame, events_table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """What a later rerun after a dictionary edit starts from: every term's matches (``hits``, rows of
    :data:`HITS_COLUMNS`), the dictionary they were made with (``layout``, :func:`layout`: every term they cover,
    matched or not) and the ``matches`` and ``events`` tables made from them."""
    table = pd.DataFrame(hits, columns=HITS_COLUMNS).astype({"i": int, "start": int, "end": int})
    return {"hits": table, "layout": layout(), "matches": matches, "events": events_table}


def _by_file(table: pd.DataFrame, columns: list[str], files: list[str]) -> dict[str, list[tuple]]:
    """Rows of ``table`` (stored in file order, as the annotation tables are) as tuples of plain Python values of
    ``columns``, by file; files without rows are absent."""
    out: dict[str, list[tuple]] = {}
    if table.empty:
        return out
    values = [table[c].tolist() for c in columns]
    for file, row in zip(table["file"].tolist(), zip(*values)):
        out.setdefault(file, []).append(row)
    return out


def _slices(table: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The row range of each file in ``table`` (whose rows are grouped by file, in file order)."""
    files = table["file"].tolist()
    out: dict[str, tuple[int, int]] = {}
    for n, file in enumerate(files):
        a, _ = out.get(file, (n, n))
        out[file] = (a, n + 1)
    return out


def recode(jobs: list[tuple], quotes: pd.DataFrame, expressions: pd.DataFrame,
           snapshot: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple]]:
    """The ``matches`` and ``events`` tables of the articles ``jobs`` under the current dictionary, from a
    ``snapshot`` made with another (see the module docstring), and the new snapshot's term matches.

    In:  the jobs (:func:`helpers.annotate.article_job`, in table order), the corpus's cached quotation and
    temporal-expression tables, and the snapshot (:func:`snapshot_tables`) of the same articles.
    Out: the matches table (:func:`helpers.extract.frames.matches_frame`), the events table
    (:func:`helpers.extract.events.events_frame`) and the term matches as rows of :data:`HITS_COLUMNS`."""
    current = layout()
    if current.equals(snapshot["layout"]):  # nothing the coding reads changed (the digest covers more, say)
        hits = snapshot["hits"]
        return snapshot["matches"], snapshot["events"], list(zip(*(hits[c].tolist() for c in HITS_COLUMNS)))
    files = [job[0] for job in jobs]
    known_keys = set(snapshot["layout"]["key"])
    old_hits = _by_file(snapshot["hits"], ["key", "i", "start", "end", "status"], files)
    speech = _by_file(quotes[quotes["kind"] == "speech"], ["start", "end", "speaker", "side", "quote_id"], files)
    old_matches = snapshot["matches"]
    predicted_rows = old_matches[old_matches["status"] == "classified"]
    predicted: dict[tuple[str, int], list[str]] = {}
    for file, sid, frame in zip(predicted_rows["file"].tolist(), predicted_rows["sentence_id"].tolist(),
                                predicted_rows["frame"].tolist()):
        predicted.setdefault((file, sid), []).append(frame)
    old_by_file = _by_file(old_matches, frames.MATCH_COLUMNS, files)
    expression_rows = _by_file(expressions, dates.COLUMNS, files)
    old_events = snapshot["events"]
    event_slices = _slices(old_events) if not old_events.empty else {}
    rows: list[tuple] = []
    hit_table: list[tuple] = []
    kept: list[pd.DataFrame] = []
    fresh: list[dict] = []
    pieces: list[tuple[str, int]] = []  # (file, 0 = kept events / 1 = fresh events) in file order
    for file, _, _, first, last, text, sentences in jobs:
        known: dict[str, list[tuple]] = {key: [] for key in known_keys}
        for key, *hit in old_hits.get(file, []):
            known[key].append(tuple(hit))
        hits = frames.term_hits(text, [(a, b) for a, b, *_ in sentences], known)
        hit_table += hit_rows(file, hits)
        article = frames.article_matches(file, text, [(a, b, i) for a, b, _, i, _ in sentences], speech.get(file, []),
                                         [predicted.get((file, i), []) for _, _, _, i, _ in sentences], hits)
        rows += article
        expressions_here = expression_rows.get(file, [])
        if events.coding_read(article, expressions_here) == events.coding_read(old_by_file.get(file, []), expressions_here):
            if file in event_slices:
                a, b = event_slices[file]
                kept.append(old_events.iloc[a:b])
                pieces.append((file, 0))
        else:
            new = events.article_events(sentences, expressions_here, article, (first, last))
            if new:
                fresh.append(new)
                pieces.append((file, 1))
    matches = frames.matches_frame(rows)
    if not pieces:
        return matches, events.events_frame([]), hit_table
    fresh_tables = iter([events.events_frame(new) for new in fresh])
    kept_tables = iter(kept)
    parts = [next(fresh_tables) if source else next(kept_tables) for _, source in pieces]
    return matches, events.events_frame(pd.concat(parts, ignore_index=True)), hit_table
