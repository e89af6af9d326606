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
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import parallel
from helpers.extract import dates, events, frame_model, frames

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


def hits_table(rows: list[tuple]) -> pd.DataFrame:
    """Term matches (rows of :data:`HITS_COLUMNS`, :func:`hit_rows`) as a typed table."""
    return pd.DataFrame(rows, columns=HITS_COLUMNS).astype({"i": int, "start": int, "end": int})


def snapshot_tables(hits: pd.DataFrame, where: dict[str, tuple[str, str]]) -> dict[str, pd.DataFrame]:
    """What a later rerun after a dictionary edit starts from: every term's matches (``hits``,
    :func:`hits_table`), the dictionary they were made with (``layout``, :func:`layout`: every term they cover,
    matched or not) and where the ``matches`` and ``events`` tables made from them are cached (``tables``: the
    ``slot`` and ``key`` of each, :func:`helpers.cache.write_tables`; they are not stored twice)."""
    return {"hits": hits, "layout": layout(),
            "tables": pd.DataFrame([(t, *where[t]) for t in ("matches", "events")], columns=["table", "slot", "key"])}


def _by_file(table: pd.DataFrame, columns: list[str], files: set[str]) -> dict[str, list[tuple]]:
    """The rows of ``files`` in ``table`` as tuples of plain Python values of ``columns``, by file (each file's
    rows in table order); files without rows are absent. Columns are converted whole and sliced per file (a
    row-by-row pass over a table of half a million rows costs seconds)."""
    out: dict[str, list[tuple]] = {}
    if table.empty or not files:
        return out
    codes, uniques = pd.factorize(table["file"])
    names = np.asarray(uniques, dtype=object)
    rows = np.flatnonzero(np.isin(codes, np.flatnonzero(pd.Index(names).isin(files))))
    if not len(rows):  # none of the files has a row here
        return out
    rows = rows[np.argsort(codes[rows], kind="stable")]  # grouped by file, each file's rows in table order
    values = [table[c].take(rows).tolist() for c in columns]  # Series.tolist: the values' own Python types
    grouped = codes[rows]
    bounds = [0, *(np.flatnonzero(grouped[1:] != grouped[:-1]) + 1).tolist(), len(rows)]
    for a, b in zip(bounds, bounds[1:]):
        out[names[grouped[a]]] = list(zip(*(v[a:b] for v in values)))
    return out


def _replace(old: pd.DataFrame, files: set[str], new: pd.DataFrame, by: list[str], empty: pd.DataFrame) -> pd.DataFrame:
    """``old`` with the rows of ``files`` replaced by ``new`` (rows of those files only), in file order: the
    rows of each file stay together and in their order (a stable sort on ``by``, whose first column is the file).
    With no row left, ``empty``: the table a computation from scratch gives for no rows (its column types differ
    from those of a table with rows), so the result equals one from scratch either way."""
    kept = old[~old["file"].isin(files)]
    if new.empty:
        return kept.reset_index(drop=True) if len(kept) else empty
    if kept.empty:  # nothing to join: an empty table's column types would change the joined ones
        return new.reset_index(drop=True)
    table = pd.concat([kept, new], ignore_index=True)
    return table.sort_values(by, kind="stable").reset_index(drop=True)


def _same_order(old: pd.DataFrame, new: pd.DataFrame) -> bool:
    """Do two layouts (:func:`layout`) order the frames alike and give the terms they share the same frames in
    the same order? Then an article matched by shared terms only is coded alike by both."""
    shared = set(old["key"]) & set(new["key"])
    keep = [list(zip(t["frame"], t["key"])) for t in (old, new)]
    return (list(dict.fromkeys(old["frame"])) == list(dict.fromkeys(new["frame"]))
            and [x for x in keep[0] if x[1] in shared] == [x for x in keep[1] if x[1] in shared])


def _scan(item: tuple) -> list[tuple]:
    """One article's matches of the terms of some keys, as rows of :data:`HITS_COLUMNS` (for worker processes)."""
    file, text, spans, keys = item
    return hit_rows(file, frames.hits_of(text, spans, keys))


def recode(jobs: list[tuple], quotes: pd.DataFrame, expressions: pd.DataFrame,
           snapshot: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The ``matches`` and ``events`` tables of the articles ``jobs`` under the current dictionary, from a
    ``snapshot`` made with another (see the module docstring), and the new snapshot's term matches.

    An article is recoded only when the edit can change its coding: a new or changed term matches in it, a
    removed term matched in it, or the shared terms changed frame or order (then every article is). Its events
    are recomputed only when what they read of the coding changed (:func:`helpers.extract.events.coding_read`).

    In:  the jobs (:func:`helpers.annotate.article_job`, in table order), the corpus's cached quotation and
    temporal-expression tables, and the snapshot (:func:`snapshot_tables`) of the same articles.
    Out: the matches table (:func:`helpers.extract.frames.matches_frame`), the events table
    (:func:`helpers.extract.events.events_frame`) and the term matches (:data:`HITS_COLUMNS`)."""
    current, old_layout, old_hits = layout(), snapshot["layout"], snapshot["hits"]
    if current.equals(old_layout):  # nothing the coding reads changed (the digest covers more, say)
        return snapshot["matches"], snapshot["events"], old_hits
    added = frozenset(current["key"]) - set(old_layout["key"])
    removed = set(old_layout["key"]) - set(current["key"])
    changed = set(old_hits.loc[old_hits["key"].isin(removed), "file"])
    if not _same_order(old_layout, current):
        changed = {job[0] for job in jobs}
    found: list[tuple] = []
    items = [(file, text, [(a, b) for a, b, *_ in sentences], added) for file, _, _, _, _, text, sentences in jobs] if added else []
    for rows in parallel.map_ordered(_scan, items):
        if rows:
            found += rows
            changed.add(rows[0][0])
    kept_hits = old_hits[~old_hits["key"].isin(removed)]
    hits = _replace(kept_hits, set(), hits_table(found), ["file", "key"], hits_table([])) if found else kept_hits.reset_index(drop=True)
    if not changed:
        return snapshot["matches"], snapshot["events"], hits
    return (*_recoded(jobs, changed, hits, quotes, expressions, snapshot["matches"], snapshot["events"]), hits)


def _recoded(jobs: list[tuple], changed: set[str], hits: pd.DataFrame, quotes: pd.DataFrame, expressions: pd.DataFrame,
             old_matches: pd.DataFrame, old_events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The matches and events tables with the articles ``changed`` recoded from their term matches ``hits``."""
    hits_here = _by_file(hits, ["key", "i", "start", "end", "status"], changed)
    speech = _by_file(quotes[quotes["kind"] == "speech"], ["start", "end", "speaker", "side", "quote_id"], changed)
    status = old_matches["status"]
    # Of the coding before, only what is needed, as few columns of as few rows as possible (converting the whole
    # table costs seconds): the coded terms, which the events read (events.coding_read), and the classifier's
    # frames, which the recoding reuses (its predictions read nothing of the dictionary).
    coded = _by_file(old_matches[status == "coded"], ["sentence_id", "frame", "term"], changed)
    judged_before = _by_file(old_matches[status.isin(("classified", "plausible"))], ["sentence_id", "frame", "status"], changed)
    judged = frame_model.known_frames()
    dated = _by_file(expressions, dates.COLUMNS, changed)
    rows: list[tuple] = []
    fresh: list[dict] = []
    redated: set[str] = set()
    # Here, one article after the other: on a worker pool, sending the articles and their rows back and forth
    # cost what the second core saved (measured at 10,000 articles).
    for file, _, _, first, last, text, sentences in jobs:
        if file not in changed:
            continue
        article, article_events = _recode_article((file, text, sentences, (first, last), hits_here.get(file, []),
                                                   speech.get(file, []), judged_before.get(file, []),
                                                   coded.get(file, []), dated.get(file, []), judged))
        rows += article
        if article_events is not None:
            redated.add(file)
            fresh += article_events
    matches = _replace(old_matches, changed, frames.matches_frame(rows), ["file"], frames.matches_frame([]))
    if not redated:
        return matches, old_events
    return matches, _replace(old_events, redated, events.events_frame(fresh), ["file"], events.events_frame([]))


def _recode_article(item: tuple) -> tuple[list[tuple], list[dict] | None]:
    """One article recoded (a pure function of plain data): its match rows and, when what
    the events read of the coding changed (:func:`helpers.extract.events.coding_read`), its new events (else None).

    ``item``: the file, text, sentences and publication interval of its job; its term matches (``key, i, start,
    end, status``); its speech quotations (``start, end, speaker, side, quote_id``); the classifier's frames of the
    coding before (``sentence_id, frame, status``, status ``classified`` or ``plausible``); the coded terms before
    (``sentence_id, frame, term``); its temporal expressions (:data:`helpers.extract.dates.COLUMNS`); and the frames
    the classifier judges."""
    file, text, sentences, published, hits, speech, judged_before, coded, here, judged = item
    article_hits: dict[str, list[tuple]] = defaultdict(list)  # a term without a match in the article: none
    for key, *hit in hits:
        article_hits[key].append(tuple(hit))
    predicted: dict[int, list[str]] = {}
    plausible: dict[int, list[str]] = {}
    for sentence_id, frame, status in judged_before:
        if status == "classified":
            predicted.setdefault(sentence_id, []).append(frame)
        plausible.setdefault(sentence_id, []).append(frame)
    ids = [i for _, _, _, i, _ in sentences]
    article = frames.article_matches(file, text, [(a, b, i) for a, b, _, i, _ in sentences], speech,
                                     [predicted.get(i, []) for i in ids], article_hits,
                                     [plausible.get(i, []) for i in ids], judged)
    # the coded terms before as match rows (coding_read reads a row's sentence, frame, term and status, nothing else)
    before = [(file, sentence_id, frame, term, 0, 0, "coded") for sentence_id, frame, term in coded]
    if events.coding_read(article, here) == events.coding_read(before, here):
        return article, None
    return article, events.article_events(sentences, here, article, published)
