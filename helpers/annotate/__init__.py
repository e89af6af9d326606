"""Per-article annotation, computed once per corpus: quotations and speakers, frame matches, temporal
expressions, claims, dated events (the timeline), and the per-article measures of the source comparison (voices,
keyword mentions, readability of the whole body and of the journalist's own voice, wire credits).

Each article is annotated by :func:`annotate_article`, a pure function of one article's cleaned text, sentences
and publication dates (plain Python data in, plain rows out). So:

* it runs on all CPUs for large corpora (:mod:`helpers.parallel`), with results in a fixed order;
* its result is cached on disk by content hash, stage by stage (:mod:`helpers.cache`,
  :data:`STAGES`): a rerun after adding one article re-annotates that article only, and a rerun after editing the
  frame dictionary reruns only the frame coding and the dated events;
* it maps onto Dask or Spark unchanged for corpora larger than one machine (see the README).

In:  a :class:`helpers.corpus.load.Corpus`.  Out: :func:`annotations` - an :class:`Annotations`, one DataFrame per
table, kept on the corpus object, so notebooks and the export command ask as often as they like for the price of
one computation. Analysis (:mod:`helpers.analysis`) reads these tables and never annotates again.

Beside it: :mod:`helpers.cache` (the on-disk cache), :mod:`helpers.annotate.serial` (one extractor over a
corpus with other knowledge, for tests) and :mod:`helpers.annotate.validity` (the extractors scored on gold).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers import cache, parallel, tables
from helpers.annotate import recode
from helpers.corpus import structure
from helpers.corpus.load import Corpus
from helpers.extract import claims, dates, events, frame_model, frames, mentions, quotes, readability, wire
from helpers.versions import stage_versions

#: The tables of :class:`Annotations`, in the order :func:`annotate_article` returns them.
TABLES = ("quotes", "matches", "expressions", "claims", "measures", "credits", "events")


@dataclass
class Annotations:
    """One DataFrame per annotation of a corpus's English articles."""

    quotes: pd.DataFrame
    matches: pd.DataFrame
    expressions: pd.DataFrame
    claims: pd.DataFrame
    #: one row per article: ``file`` then the measures (see :func:`article_measures`)
    measures: pd.DataFrame
    #: one row per agency credit: ``file`` and :data:`helpers.extract.wire.CREDIT_COLUMNS`
    credits: pd.DataFrame
    #: one row per dated mention (:func:`helpers.extract.events.article_events`)
    events: pd.DataFrame
    #: the tables written to disk piece by piece instead (``annotations(spool=...)``), by name; those fields above
    #: then have no rows
    spooled: dict[str, tables.Spooled] = field(default_factory=dict)

    def pieces(self, name: str) -> Iterable[pd.DataFrame]:
        """Table ``name`` piece by piece when it is spooled, else whole as one piece."""
        return self.spooled[name].pieces() if name in self.spooled else [getattr(self, name)]


#: The fields of an English article's row that :func:`article_job` reads.
JOB_FIELDS = ("file", "outlet", "published", "date_start", "date_end", "text")


def article_job(article: dict, sentences: list[tuple[int, int, str, int, str]]) -> tuple:
    """The plain data :func:`annotate_article` needs: ``(file, outlet, published, date_start, date_end, text,
    sentences)``, sentences as ``(start, end, kind, sentence_id, text)`` sorted by start."""
    return (*(article[field] for field in JOB_FIELDS), sentences)


class ArticleJobs:
    """The jobs (:func:`article_job`) of a corpus's English articles in file order, made :data:`JOBS_BATCH` articles
    at a time each time they are iterated, so they are never all held as Python objects (about 840 MB at 100,000
    articles: every text and sentence copied out of the tables). Sized and iterable any number of times, as
    :func:`helpers.parallel.map_ordered` and :func:`helpers.annotate.recode.recode` read them.

    In: a :class:`helpers.corpus.load.Corpus`. Each article's sentences are its rows of ``corpus.sentences`` sorted
    by start (stable), as ``(start, end, kind, sentence_id, text)``; an article without any gets none."""

    def __init__(self, corpus: Corpus):
        articles = corpus.articles.reset_index(drop=True)
        english = articles.loc[(articles["duplicate_of"] == "") & articles["english"], ["file"]]
        self._articles = articles
        self._rows = english.sort_values("file", kind="stable").index.to_numpy()  # positions in file order
        sentences = corpus.sentences.reset_index(drop=True)
        keys = sentences.loc[sentences["file"].isin(set(english["file"])), ["file", "start"]]
        keys = keys.sort_values(["file", "start"], kind="stable")
        self._sentences = sentences
        self._order = keys.index.to_numpy()  # positions of the English articles' sentences, by file then start
        files = keys["file"].reset_index(drop=True)
        changes = files.iloc[1:].reset_index(drop=True).ne(files.iloc[:-1].reset_index(drop=True)).to_numpy(bool)
        firsts = np.flatnonzero(np.r_[True, changes]) if len(files) else np.array([], int)
        ends = np.r_[firsts[1:], len(files)]
        #: file -> (first, end) positions in ``self._order``
        self._spans = dict(zip(files.iloc[firsts].tolist(), zip(firsts.tolist(), ends.tolist())))

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[tuple]:
        for begin in range(0, len(self._rows), JOBS_BATCH):
            positions = self._rows[begin:begin + JOBS_BATCH]
            # column by column, only the columns read (tables.take_list: a take of a whole table copied every column)
            fields = [tables.take_list(self._articles[f], positions) for f in JOB_FIELDS]
            spans = [self._spans.get(file, (0, 0)) for file in fields[0]]
            order = np.concatenate([self._order[a:b] for a, b in spans]) if spans else np.array([], np.int64)
            rows = list(zip(*(tables.take_list(self._sentences[c], order) for c in ("start", "end", "kind", "sentence_id", "text"))))
            at = 0
            for article, (a, b) in zip(zip(*fields), spans):
                yield article_job(dict(zip(JOB_FIELDS, article)),
                                  [(int(x), int(e), str(k), int(i), t) for x, e, k, i, t in rows[at:at + b - a]])
                at += b - a


#: Articles whose jobs :class:`ArticleJobs` makes at once.
JOBS_BATCH = 500


#: The annotation stages: name, the modules whose code and knowledge files its result depends on
#: (:mod:`helpers.versions`), and the stages whose results it reads. Each is cached on its own, so an
#: edit reruns only the stages it touches (the frame dictionary: frames and events; the frame classifier's
#: predictions, ``classified``, read nothing of the dictionary and are kept).
STAGES = (
    ("quotes", ("helpers.extract.quotes",), ()),
    ("credits", ("helpers.extract.wire",), ()),
    ("classified", ("helpers.extract.frame_model",), ()),
    ("frames", ("helpers.extract.frames",), ("quotes", "classified")),
    ("dates", ("helpers.extract.dates",), ()),
    ("claims", ("helpers.extract.claims",), ()),
    ("measures", ("helpers.extract.quotes", "helpers.extract.mentions", "helpers.extract.readability",
                  "helpers.extract.wire"), ("quotes",)),
    ("events", ("helpers.extract.events",), ("dates", "frames")),
)


#: This file: every stage runs through it (it calls the extractors and shapes their rows), so its bytes are part of
#: every stage's version (:func:`helpers.versions.stage_versions`).
GLUE = Path(__file__).resolve()
#: Stages whose per-article entries are keyed by the content of the upstream results named here instead of their
#: versions (early cutoff): after a dictionary edit, an article whose frame coding came out the same keeps its
#: events. Their whole-table entries still follow every upstream version.
BY_CONTENT = {"events": ("frames",)}


def versions() -> dict[str, str]:
    """Each stage's version (:func:`helpers.versions.stage_versions`), with ``frames.csv`` counted by what the
    frame coding reads of it (:func:`helpers.extract.frames.dictionary_digest`: not its labels or notes)."""
    return stage_versions(STAGES, GLUE, ((frames.FRAMES_FILE, frames.dictionary_digest()),))


def entry_versions() -> dict[str, str]:
    """The versions of the per-article entries: :func:`versions`, but the frame coding's leave out ``frames.csv``
    (each entry holds the dictionary digest it was made with, see :data:`_BY_TERMS`), and a stage of
    :data:`BY_CONTENT` leaves out the upstream stages whose results key its entries instead, and counts
    ``frames.csv`` by its frame ids only (the events check their topics against them)."""
    stages = tuple((name, modules, tuple(u for u in upstream if u not in BY_CONTENT.get(name, ())))
                   for name, modules, upstream in STAGES)
    by_ids = stage_versions(stages, GLUE, ((frames.FRAMES_FILE, "ids " + " ".join(frames.frame_ids())),))
    by_terms = stage_versions(STAGES, GLUE, ((frames.FRAMES_FILE, _BY_TERMS),))
    return {**versions(), "frames": by_terms["frames"], **{name: by_ids[name] for name in BY_CONTENT}}


#: What :func:`frames.dictionary_digest` is replaced by in the version of the frame coding's per-article entries:
#: an entry holds the digest it was made with, its terms' matches and its rows (:func:`_frame_entry`), and is
#: reused, or updated term by term, after an edit of ``frames.csv``.
_BY_TERMS = "frames.csv: each entry checks the dictionary itself"


class FrameEntry(NamedTuple):
    """A per-article frame-coding entry: the dictionary digest it was made with (:func:`frames.dictionary_digest`),
    its layout digest (:func:`frames.layout_digest`), its matches term by term and its rows."""
    signature: str
    layout: str
    hits: dict[str, list[tuple]]
    rows: list[tuple]


def _frame_entry(stored: dict[str, list] | None) -> FrameEntry | None:
    """The :class:`FrameEntry` of an entry written by :func:`annotate_article`, or None when it is not one."""
    if stored is None or set(stored) != {"meta", "terms", "hits", "rows"} or len(stored["meta"]) != 1 \
            or len(stored["meta"][0]) != 2:
        return None
    hits: dict[str, list[tuple]] = {row[0]: [] for row in stored["terms"] if len(row) == 1}
    for row in stored["hits"]:
        if len(row) != 5 or row[0] not in hits:
            return None
        hits[row[0]].append(row[1:])
    signature, layout = stored["meta"][0]
    return FrameEntry(signature, layout, hits, stored["rows"])


def _rows_digest(tables: list[list]) -> str:
    """A digest of stage results (lists of rows of plain values, as the stages return them and the cache restores
    them): the SHA-256 of their ``repr``, which is deterministic for such values and much cheaper than canonical JSON."""
    return hashlib.sha256(repr(tables).encode("utf-8")).hexdigest()


def _split(joined: str) -> list[str]:
    return joined.split("|") if joined else []


def job_digest(job: tuple) -> str:
    """The SHA-256 of one article's job (:func:`helpers.cache.key_of`), computed once per article: each stage's
    cache key is the stage's name, this digest and the stage's version."""
    return cache.key_of(job, "job")


def annotate_article(job: tuple, folder: Path | None = None, wanted: tuple[str, ...] = TABLES) -> dict[str, list]:
    """Annotate one article (see :func:`article_job` for the input); rows per table of ``wanted`` (default: all
    of :data:`TABLES`), deterministic. Only the wanted tables and the stages they read are computed, so a rerun
    after a frame dictionary edit touches frames, the quotations they read, dates and events only. With a cache
    ``folder`` (:func:`helpers.cache.cache_dir`), each stage of :data:`STAGES` is read from it when its
    code, its knowledge files and its inputs are unchanged, and computed and stored otherwise."""
    file, outlet, published, first, last, text, sentences = job
    version = entry_versions()
    done: dict[str, list] = {}
    digest = job_digest(job) if folder is not None else ""

    def stage(name: str, compute, inputs=()) -> list:
        """The rows of stage ``name``; ``inputs``: for a stage of :data:`BY_CONTENT`, a function giving the rows
        of the upstream stages whose content keys its entry."""
        if name not in done:
            key = (name, digest, _rows_digest(inputs())) if folder is not None and inputs else (name, digest)
            done[name] = cache.cached(lambda _: {"rows": compute()}, key, folder, version[name])["rows"]
        return done[name]

    records = [{"start": a, "end": b, "kind": k, "sentence_id": i} for a, b, k, i, _ in sentences]

    def quote_rows() -> list[dict]:
        return stage("quotes", lambda: quotes.quote_rows(text, records, published, file))

    def speech() -> list[dict]:
        return [q for q in quote_rows() if q["kind"] == "speech"]

    def code_frames(hits: dict[str, list[tuple]]) -> list:
        spans = [(q["start"], q["end"], q["speaker"], q["side"], q["quote_id"]) for q in speech()]
        # per sentence: the frames predicted and those found plausible, each "|"-joined (a cache row holds plain values)
        classified = stage("classified", lambda: [("|".join(added), "|".join(kept))
                                                  for added, kept in frame_model.classify([t for *_, t in sentences])])
        return frames.article_matches(file, text, [(a, b, i) for a, b, _, i, _ in sentences], spans,
                                      [_split(added) for added, _ in classified], hits,
                                      [_split(kept) for _, kept in classified], frame_model.known_frames())

    def frame_rows() -> list:
        """The frame coding, from an entry made with this dictionary; else the entry's term matches are kept, only
        new and changed terms are scanned, and its rows are kept too when the edit touched no term found here."""
        spans = [(a, b) for a, b, *_ in sentences]
        if folder is None:
            done["term hits"] = hits = frames.term_hits(text, spans)
            return code_frames(hits)
        signature = frames.dictionary_digest()
        stored = _frame_entry(cache.lookup(folder, ("frames", digest), version["frames"]))
        if stored is not None and stored.signature == signature:
            done["term hits"] = stored.hits
            return stored.rows
        done["term hits"] = hits = frames.term_hits(text, spans, stored.hits if stored is not None else None)
        layout = frames.layout_digest(hits)
        if stored is not None and stored.layout == layout:
            return stored.rows  # no term found here changed: same rows (the entry is updated when they change)
        rows = code_frames(hits)
        cache.store(folder, ("frames", digest), version["frames"],
                    {"meta": [(signature, layout)], "terms": [(k,) for k in sorted(hits)],
                     "hits": [(k, *h) for k in sorted(hits) for h in hits[k]], "rows": rows})
        return rows

    def matches() -> list:
        if "frames" not in done:
            done["frames"] = frame_rows()
        return done["frames"]

    def credits() -> list:
        """The article's agency credits, found once for the two stages that read them."""
        if "agency credits" not in done:
            done["agency credits"] = wire.agency_credits(text)
        return done["agency credits"]

    def expressions() -> list:
        return stage("dates", lambda: dates.article_expressions(file, text, first, last, [(a, i) for a, _, _, i, _ in sentences]))

    tables = {
        "quotes": quote_rows,
        "matches": matches,
        "expressions": expressions,
        "claims": lambda: stage("claims", lambda: claims.article_claims(file, outlet, published, [(i, t) for _, _, _, i, t in sentences])),
        "measures": lambda: stage("measures", lambda: [article_measures(file, text, sentences, speech(), credits())]),
        "credits": lambda: stage("credits", lambda: [{"file": file, **c.__dict__} for c in credits()]),
        "events": lambda: stage("events", lambda: events.article_events(sentences, expressions(), matches(), (first, last)),
                                inputs=lambda: [matches()]),
        # not a table of Annotations: every term's matches, for the corpus's snapshot of its frame coding (recode)
        SNAPSHOT_HITS: lambda: (matches(), recode.hit_rows(file, done["term hits"]))[1],
    }
    return {name: tables[name]() for name in wanted}


#: What :func:`annotate_article` returns, when asked, beside the tables: the term matches of the frame coding.
SNAPSHOT_HITS = "term hits"


def article_measures(file: str, text: str, sentences: list[tuple], speech: list[dict], credits: list) -> dict:
    """The per-article measures of the source comparison for ONE article: :func:`helpers.extract.quotes.voice_row`,
    keyword mentions (:func:`helpers.extract.mentions.mention_columns`: ``mentions_<keyword>``),
    :func:`helpers.extract.readability.voice_scores` and the wire summary (:func:`helpers.extract.wire.summarise`)."""
    body = [(a, t) for a, _, k, _, t in sentences if k == "body"]
    # the body's words, counted once: for its readability, and with the other sentences' for the article's words
    body_words = structure.count_words("\n".join(t for _, t in body))
    n_words = structure.words_from_spans(text, [(a, b, t) for a, b, _, _, t in sentences],
                                         body_words + sum(structure.count_words(t) for _, _, k, _, t in sentences if k != "body"))
    voice = quotes.voice_row(text, [(q["text"], q["speaker"], q["side"]) for q in speech], quotes.actor_sides(), n_words)
    return {"file": file, **voice, **mentions.mention_columns(text),
            **readability.voice_scores(body, [(q["start"], q["end"]) for q in speech], body_words),
            **wire.summarise(credits)}


def _missing_stages(jobs: Iterable[tuple], folder: Path | None, size: int = 50) -> set[str]:
    """The stages of :data:`STAGES` the cache lacks for some of the first ``size`` jobs (all of them without a
    cache). Only these are warmed up before forking (:func:`_warm_up`): a rerun after a dictionary edit does not
    train the frame classifier (2-3 s) whose predictions are all cached. A worker that meets a missing entry loads
    what it needs itself, so the results are the same either way."""
    if folder is None:
        return {name for name, _, _ in STAGES}
    version = entry_versions()
    digests = [job_digest(job) for job in islice(jobs, size)]
    missing = {name for name, _, _ in STAGES if name not in BY_CONTENT
               and not all(cache.entry_path(folder, cache.key_of((name, d), version[name])).is_file() for d in digests)}
    return missing | set(BY_CONTENT) if missing else missing  # their keys need their inputs: warmed whenever any is missing


def _cached_with_folder(args: tuple) -> dict[str, list]:
    job, folder, wanted = args
    return annotate_article(job, folder, wanted)


#: What loads each stage's dictionaries and compiled patterns (:func:`_warm_up`).
_WARM = {
    "quotes": lambda: quotes.quote_rows("“Warm,” he said.", [{"start": 0, "end": 17, "kind": "body", "sentence_id": 0}], "2021-01-01"),
    "credits": lambda: wire.agency_credits("(With inputs from PTI)"),
    "classified": lambda: frame_model.model(),
    "frames": lambda: frames.load_frames(),
    "dates": lambda: dates.extract("in October 2018", date(2021, 1, 1)),
    "claims": lambda: claims.sentence_claims("a $5.2 billion deal"),
    "measures": lambda: (readability.text_stats("Warm words."), mentions.keywords()),  # the CMU dictionary, once
    "events": lambda: events.load_topics(),
}


def warm_up() -> None:
    """Load every stage's dictionaries, patterns and models (the frame classifier is trained: 0.6 s in all), as an
    annotation without a cache needs them. Called by the export while the corpus loads on worker processes
    (:func:`helpers.corpus.load.load_corpus`), so the annotation's workers inherit them ready."""
    _warm_up({name for name, _, _ in STAGES})


def _warm_up(stages: set[str]) -> None:
    """Load the dictionaries and compile the patterns of ``stages`` in the parent, so forked workers inherit them."""
    for name, _, _ in STAGES:
        if name in stages:
            _WARM[name]()


def measure_columns() -> list[str]:
    """The columns of :attr:`Annotations.measures` (what :func:`article_measures` returns), in order."""
    sides = quotes.actor_sides()
    return ["file", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
            *(f"quoted_words_{s}" for s in sides), "quoted_words_unknown", "us_gov_quoted_directly",
            "india_gov_quoted_directly", "us_mentioned_only_reported", *mentions.column_names().values(),
            *readability.VOICE_COLUMNS[2:], "source_agency", "source_agencies", "cited_agencies", "wire_evidence"]


def annotations(corpus: Corpus, progress: str = "", spool: Path | None = None) -> Annotations:
    """The annotations of ``corpus.english``, computed on first request and kept on the corpus.

    ``spool``: a new, empty folder of the caller's own (the export's). The tables of :data:`SPOOLABLE` that are
    computed, not read whole from the cache, are then written there piece by piece as they are made and never held
    whole (:class:`helpers.tables.Spooled`, in :attr:`Annotations.spooled`); the Annotations holds them with no rows,
    and neither they nor the frame coding's snapshot are stored whole in the cache (each article's entries are)."""
    memo = corpus.memo
    if "annotations" in memo:
        return memo["annotations"]
    frame_model.check_frames(frames.frame_ids())
    folder = cache.cache_dir()
    keys = _table_keys(corpus, folder)
    stored = {table: cache.read_tables(folder, slot, key) for table, (slot, key) in keys.items()}
    stored = {table: v if v is not None and set(v) == {table} else None for table, v in stored.items()}
    if stored and all(v is not None for v in stored.values()):
        memo["annotations"] = Annotations(**{table: stored[table][table] for table in TABLES})
        return memo["annotations"]
    jobs = ArticleJobs(corpus)
    wanted = tuple(t for t in TABLES if stored.get(t) is None)  # the tables not read whole from the cache
    snapshot_at = _snapshot_key(corpus, folder)
    snapshot = _snapshot(folder, snapshot_at) if snapshot_at is not None and wanted == RECODED else None
    if snapshot is not None:  # a dictionary edit: the coding recombined in bulk from the snapshot
        # made once, as a list: the recoding reads them up to three times (each pass of ArticleJobs makes them anew)
        matches, events_table, hits = recode.recode(list(jobs), stored["quotes"]["quotes"], stored["expressions"]["expressions"], snapshot)
        memo["annotations"] = Annotations(**{t: stored[t][t] for t in TABLES if t not in RECODED},
                                          matches=matches, events=events_table)
        _write_new(folder, keys, stored, memo["annotations"], snapshot_at, hits)
        return memo["annotations"]
    if parallel.uses_pool(len(jobs)):
        _warm_up(_missing_stages(jobs, folder))  # for the forked workers to share; a small corpus loads what it needs when it needs it
    asked = wanted + (SNAPSHOT_HITS,) if snapshot_at is not None and set(RECODED) <= set(wanted) and spool is None else wanted
    spooled = {name: Path(spool) / name for name in SPOOLABLE if name in wanted} if spool is not None else {}
    for folder_of_table in spooled.values():
        folder_of_table.mkdir()

    def run():
        return parallel.map_ordered(_cached_with_folder, parallel.Sized(((job, folder, asked) for job in jobs), len(jobs)), progress=progress)

    # The tables are made piece by piece while the workers annotate, each piece's rows dropped once it is made; a
    # table whose pieces come out with different column types is made from a second run (from the cache when it is
    # on), which keeping every row for that rare case would have cost: 200 MB more at 10,000 articles.
    built = tables.build_tables(run(), {name: SHAPES[name] for name in asked}, again=run, spool=spooled)
    memo["annotations"] = Annotations(**{t: built[t].empty if t in spooled else built[t] if t in built else stored[t][t] for t in TABLES},
                                      spooled={t: built[t] for t in spooled})
    _write_new(folder, {t: k for t, k in keys.items() if t not in spooled}, stored, memo["annotations"], snapshot_at, built.get(SNAPSHOT_HITS))
    return memo["annotations"]


#: The tables :func:`annotations` can spool: those the source comparison does not read.
SPOOLABLE = ("matches", "expressions", "events")


#: How each table of :func:`annotate_article`'s rows becomes a DataFrame.
SHAPES = {"quotes": quotes.quotes_frame, "matches": frames.matches_frame, "expressions": dates.expressions_frame,
          "claims": claims.claims_frame, "measures": lambda r: pd.DataFrame(r, columns=measure_columns()),
          "credits": lambda r: pd.DataFrame(r, columns=["file", *wire.CREDIT_COLUMNS]), "events": events.events_frame,
          SNAPSHOT_HITS: recode.hits_table}


#: The tables a dictionary edit changes, which :mod:`helpers.annotate.recode` recombines in bulk.
RECODED = ("matches", "events")


def _write_new(folder: Path | None, keys: dict, stored: dict, annotated: Annotations, snapshot_at: tuple[str, str] | None,
               hits: list[tuple] | pd.DataFrame | None) -> None:
    """Store the whole tables not read from the cache and, with the term matches ``hits``, the snapshot of the
    frame coding that a rerun after a dictionary edit starts from (:func:`recode.snapshot_tables`)."""
    written = {table: cache.write_tables(folder, slot, key, {table: getattr(annotated, table)})
               for table, (slot, key) in keys.items() if stored.get(table) is None}
    if snapshot_at is not None and hits is not None and all(written.get(t) for t in RECODED):
        table = hits if isinstance(hits, pd.DataFrame) else recode.hits_table(hits)
        cache.write_tables(folder, *snapshot_at, recode.snapshot_tables(table, {t: keys[t] for t in RECODED}))


def _snapshot(folder: Path, snapshot_at: tuple[str, str]) -> dict[str, pd.DataFrame] | None:
    """The snapshot of the frame coding (:func:`recode.snapshot_tables`) with the ``matches`` and ``events``
    tables it points to, or None when it or they are missing or damaged."""
    snapshot = cache.read_tables(folder, *snapshot_at)
    if snapshot is None or set(snapshot) != {"hits", "layout", "tables"}:
        return None
    for table, slot, key in snapshot["tables"].itertuples(index=False, name=None):
        stored = cache.read_tables(folder, slot, key) if table in RECODED else None
        if stored is None or set(stored) != {table}:
            return None
        snapshot[table] = stored[table]
    return snapshot if set(RECODED) <= set(snapshot) else None


def _snapshot_key(corpus: Corpus, folder: Path | None) -> tuple[str, str] | None:
    """Where the snapshot of ``corpus``'s frame coding is cached: ``(slot, key)``, the key made of the loaded
    corpus's key and the versions of everything the coding and the events read except the dictionary's terms
    (:func:`entry_versions`: a snapshot holds the terms it covers), so it survives every edit of ``frames.csv``
    that keeps the frame ids. None without a cache or a corpus key."""
    if folder is None or not corpus.memo.get("key"):
        return None
    version = entry_versions()
    return (f"annotations-framecoding-{cache.folder_place(corpus.folder)}",
            cache.content_key("frame coding", corpus.memo["key"], version["frames"], version["events"], recode.code_digest()))


#: The stage whose result each table of :class:`Annotations` is.
TABLE_STAGES = {"quotes": "quotes", "matches": "frames", "expressions": "dates", "claims": "claims",
                "measures": "measures", "credits": "credits", "events": "events"}


def _table_keys(corpus: Corpus, folder: Path | None) -> dict[str, tuple[str, str]]:
    """Where each whole annotation table of ``corpus`` is cached: ``table -> (slot, key)``, the key made of the
    loaded corpus's key (:func:`helpers.corpus.load.load_corpus`) and the version of the table's stage, so editing
    the frame dictionary leaves the cached quotations, dates and claims valid. Empty without a cache or a key."""
    if folder is None or not corpus.memo.get("key"):
        return {}
    version = versions()
    place = cache.folder_place(corpus.folder)
    return {table: (f"annotations-{table}-{place}", cache.content_key("annotations", corpus.memo["key"], table, version[stage]))
            for table, stage in TABLE_STAGES.items()}
