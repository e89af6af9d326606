"""Per-article annotation, computed once per corpus: quotations and speakers, frame matches, temporal
expressions, claims, dated events (the timeline), and the per-article measures of the source comparison (voices,
keyword mentions, readability of the whole body and of the journalist's own voice, wire credits).

Each article is annotated by :func:`annotate_article`, a pure function of one article's cleaned text, sentences
and publication dates (plain Python data in, plain rows out). So:

* it runs on all CPUs for large corpora (:mod:`helpers.parallel`), with results in a fixed order;
* its result is cached on disk by content hash (:data:`CACHE_DIR`, ``.cache/annotations/`` or ``$S400_CACHE``;
  ``S400_CACHE=off`` disables it): a rerun after adding one article re-annotates that article only. The key
  covers the article's text and dates and a fingerprint of the code and data files in ``helpers/``, so editing a
  dictionary or the extractor invalidates the cache by itself;
* it maps onto Dask or Spark unchanged for corpora larger than one machine (see the README).

:func:`annotations` returns the tables for a loaded corpus and keeps them on the corpus object, so notebooks and
the export command ask as often as they like for the price of one computation. The table-level functions of the
other modules (:func:`helpers.quotes.quotes_table`, :func:`helpers.frames.code_matches`,
:func:`helpers.dates.expressions_table`, :func:`helpers.claims.extract_claims`) read from here.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import claims, dates, events, frames, mentions, parallel, quotes, readability, wire
from .config import ROOT
from .corpus import Corpus

HELPERS = Path(__file__).resolve().parent
#: The tables of :class:`Annotations`, in the order :func:`annotate_article` returns them.
TABLES = ("quotes", "matches", "expressions", "claims", "measures", "credits", "events")


@dataclass
class Annotations:
    """One DataFrame per annotation of a corpus's English articles."""

    quotes: pd.DataFrame
    matches: pd.DataFrame
    expressions: pd.DataFrame
    claims: pd.DataFrame
    #: one row per article: ``file`` then :data:`PROFILE_COLUMNS`-style measures (see :func:`article_measures`)
    measures: pd.DataFrame
    #: one row per agency credit: ``file`` and :data:`helpers.wire.CREDIT_COLUMNS`
    credits: pd.DataFrame
    #: one row per dated mention (:func:`helpers.events.article_events`)
    events: pd.DataFrame


def article_job(article: dict, sentences: list[tuple[int, int, str, int, str]]) -> tuple:
    """The plain data :func:`annotate_article` needs: ``(file, outlet, published, date_start, date_end, text,
    sentences)``, sentences as ``(start, end, kind, sentence_id, text)`` sorted by start."""
    return (article["file"], article["outlet"], article["published"], article["date_start"], article["date_end"],
            article["text"], sentences)


def annotate_article(job: tuple) -> dict[str, list]:
    """Annotate one article (see :func:`article_job` for the input); rows per table, deterministic."""
    file, outlet, published, first, last, text, sentences = job
    records = [{"start": a, "end": b, "kind": k, "sentence_id": i} for a, b, k, i, _ in sentences]
    quote_rows = quotes.quote_rows(text, records, published, file)
    speech = [q for q in quote_rows if q["kind"] == "speech"]
    spans = [(q["start"], q["end"], q["speaker"], q["side"], q["quote_id"]) for q in speech]
    body = [(a, b, i) for a, b, k, i, _ in sentences if k == "body"]
    credits = wire.agency_credits(text)
    matches = frames.article_matches(file, text, body, spans)
    expressions = dates.article_expressions(file, text, first, last, [(a, i) for a, _, _, i, _ in sentences])
    return {
        "quotes": quote_rows,
        "matches": matches,
        "expressions": expressions,
        "claims": claims.article_claims(file, outlet, published, [(i, t) for _, _, _, i, t in sentences]),
        "measures": [article_measures(file, text, sentences, speech, credits)],
        "credits": [{"file": file, **c.__dict__} for c in credits],
        "events": events.article_events(sentences, expressions, matches),
    }


def article_measures(file: str, text: str, sentences: list[tuple], speech: list[dict], credits: list) -> dict:
    """The per-article measures of the source comparison for ONE article: :func:`helpers.quotes.voice_row`,
    keyword mentions (:func:`helpers.mentions.mention_columns`: ``mentions_<keyword>``),
    :func:`helpers.readability.voice_scores` and the wire summary (:func:`helpers.wire.summarise`)."""
    voice = quotes.voice_row(text, [(q["text"], q["speaker"], q["side"]) for q in speech], quotes.actor_sides())
    body = [(a, t) for a, _, k, _, t in sentences if k == "body"]
    return {"file": file, **voice, **mentions.mention_columns(text),
            **readability.voice_scores(body, [(q["start"], q["end"]) for q in speech]),
            **wire.summarise(credits)}


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of every code and data file of ``helpers/``: cached annotations are valid for this version only."""
    digest = hashlib.sha256()
    for path in sorted(HELPERS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(HELPERS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where annotations are cached: ``$S400_CACHE`` (``off`` disables), else ``<repo>/.cache/annotations``."""
    value = os.environ.get("S400_CACHE", "").strip()
    if value.lower() in ("off", "0", "no", "false"):
        return None
    return Path(value) if value else ROOT / ".cache" / "annotations"


def _key(job: tuple) -> str:
    return hashlib.sha256(pickle.dumps((code_version(), job), protocol=4)).hexdigest()


def _cached(job: tuple, folder: Path | None) -> dict[str, list]:
    if folder is None:
        return annotate_article(job)
    key = _key(job)
    path = folder / key[:2] / f"{key}.pkl"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    result = annotate_article(job)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=4))
        tmp.replace(path)
    except OSError:
        pass  # a read-only or full disk only costs the cache, never the result
    return result


def _cached_with_folder(args: tuple) -> dict[str, list]:
    return _cached(*args)


def _warm_up() -> None:
    """Load dictionaries and compile patterns in the parent, so forked workers inherit them."""
    quotes.quote_rows("“Warm,” he said.", [{"start": 0, "end": 17, "kind": "body", "sentence_id": 0}], "2021-01-01")
    frames.load_frames()
    dates.extract("in October 2018", dates.date(2021, 1, 1))
    claims.sentence_claims("a $5.2 billion deal")
    readability.text_stats("Warm words.")  # loads the CMU dictionary once, before the workers fork
    mentions.keywords()
    wire.agency_credits("(With inputs from PTI)")
    events.load_topics()


def measure_columns() -> list[str]:
    """The columns of :attr:`Annotations.measures` (what :func:`article_measures` returns), in order."""
    sides = quotes.actor_sides()
    return ["file", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
            *(f"quoted_words_{s}" for s in sides), "quoted_words_unknown", "us_gov_quoted_directly",
            "india_gov_quoted_directly", "us_mentioned_only_reported", *mentions.column_names().values(),
            *readability.VOICE_COLUMNS[2:], "source_agency", "source_agencies", "cited_agencies", "wire_evidence"]


def annotations(corpus: Corpus, progress: str = "") -> Annotations:
    """The annotations of ``corpus.english``, computed on first request and kept on the corpus."""
    memo = corpus.memo
    if "annotations" in memo:
        return memo["annotations"]
    english = corpus.english.sort_values("file", kind="stable")
    keep = set(english["file"])
    ordered = corpus.sentences[corpus.sentences["file"].isin(keep)].sort_values(["file", "start"], kind="stable")
    by_file: dict[str, list] = {}
    for row in zip(ordered["file"], ordered["start"], ordered["end"], ordered["kind"], ordered["sentence_id"], ordered["text"]):
        by_file.setdefault(row[0], []).append((int(row[1]), int(row[2]), str(row[3]), int(row[4]), row[5]))
    jobs = [article_job(a, by_file.get(a["file"], [])) for a in english.to_dict("records")]
    if parallel.uses_pool(len(jobs)):
        _warm_up()  # for the forked workers to share; a small corpus loads what it needs when it needs it
    folder = cache_dir()
    results = list(parallel.map_ordered(_cached_with_folder, [(job, folder) for job in jobs], progress=progress))
    rows = {name: [r for result in results for r in result[name]] for name in TABLES}
    memo["annotations"] = Annotations(
        quotes=quotes.quotes_frame(rows["quotes"]),
        matches=frames.matches_frame(rows["matches"]),
        expressions=dates.expressions_frame(rows["expressions"]),
        claims=claims.claims_frame(rows["claims"]),
        measures=pd.DataFrame(rows["measures"], columns=measure_columns()),
        credits=pd.DataFrame(rows["credits"], columns=["file", *wire.CREDIT_COLUMNS]),
        events=events.events_frame(rows["events"]),
    )
    return memo["annotations"]
