"""Load a corpus folder into tidy tables, losing nothing: every file and manifest row is either loaded or
listed in the problems table with the reason and the fix, all at once.

In:  a folder with ``articles.csv`` (read and checked by :mod:`helpers.corpus.manifest`) and the article files
     (``.txt`` or saved ``.html``).
Out: :class:`Corpus` with DataFrames keyed by ``file``:

* ``articles``   - one row per loaded article (duplicates included, marked in ``duplicate_of``)
* ``paragraphs`` - one row per paragraph of the analysed articles
* ``sentences``  - one row per sentence of the analysed articles
* ``removed``    - one row per line removed by cleaning (``file, line, rule, text``)
* ``problems``   - one row per problem (``file, severity, problem, fix``)

"Analysed" articles are loaded ones that are not duplicates; English-only steps further keep ``english``.
Only a missing or unreadable manifest raises :class:`helpers.corpus.problems.CorpusError`.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import cache, tables
from helpers.config import corpus_dir, shown
from helpers.corpus import clean, quality, structure
from helpers.corpus.access import Refused, read_file, real_root
from helpers.corpus.decode import decode_bytes
from helpers.corpus.manifest import MANIFEST, fingerprint, listing, manifest_bytes, read_manifest, validate_row
from helpers.corpus.problems import Problems
from helpers.parallel import TimeBudgetExceeded, article_seconds, map_ordered, time_budget, uses_pool
from helpers.versions import files_version, stage_files

SHORT_WORDS = 80


def _rows(table: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """``table[mask]``; when every row is kept, the same rows without copying them (a shallow copy, which pandas
    copies on the first write; at 100,000 articles each copy of the articles' texts is 380 MB)."""
    return table.copy(deep=False) if mask.all() else table[mask]


@dataclass
class Corpus:
    folder: Path
    fingerprint: str
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    #: Results computed once per corpus (e.g. :func:`helpers.annotate.annotations`); not part of equality.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def analysed(self) -> pd.DataFrame:
        """Articles that enter the analysis: loaded and not a duplicate of another."""
        return _rows(self.articles, self.articles["duplicate_of"] == "")

    @property
    def english(self) -> pd.DataFrame:
        """Analysed articles in English (for English-only steps: quotes, frames, dates, readability)."""
        analysed = self.analysed
        return _rows(analysed, analysed["english"])

    @property
    def english_by_file(self) -> pd.DataFrame:
        """:attr:`english` sorted by file (stable; as the loader makes the articles table, so usually no copy)."""
        english = self.english
        return english if english["file"].is_monotonic_increasing else english.sort_values("file", kind="stable")

    def body_sentences(self) -> pd.DataFrame:
        """The body sentences (no headline, subhead or caption) of the English articles, in table order."""
        english = set(self.english["file"])
        return self.sentences[(self.sentences["kind"] == "body") & self.sentences["file"].isin(english)]

    def coded_sentences(self) -> pd.DataFrame:
        """Every sentence frame coding reads - headline, subheads and body (the codebook codes them alike) - of the
        English articles, in table order."""
        return self.sentences[self.sentences["file"].isin(set(self.english["file"]))]

    def text(self, file: str) -> str:
        """The cleaned text of one article (offsets in the other tables point into it)."""
        return self.articles.set_index("file").at[file, "text"]


@dataclass
class Loaded:
    """What :func:`load_article` makes of one article: its record (None when it cannot be used), problems,
    removed lines, paragraph and sentence rows, and the number of its distinct 5-word shingles and their MinHash
    signature (for the near-duplicate check, :func:`helpers.corpus.quality.near_duplicate_pairs`, which makes the
    shingles again from the text for the few pairs it compares)."""

    record: dict | None
    problems: list[dict]
    removed: list[dict]
    paragraphs: list[dict]
    sentences: list[dict]
    n_shingles: int = 0
    signature: np.ndarray | None = None


def load_article(job: tuple[dict, bytes, tuple]) -> Loaded:
    """Decode, clean, structure and check one article. In: ``(manifest row, raw bytes, (date_start, date_end,
    precision))``. A pure function of its input, so it can run in any process. An article that takes longer than
    the time budget (:func:`helpers.parallel.article_seconds`) is reported and left out, never waited for."""
    seconds = article_seconds()
    try:
        with time_budget(seconds):
            return _load_article(job)
    except TimeBudgetExceeded:
        problems = Problems()
        problems.add(job[0]["file"], "error", f"{_TOO_SLOW} {seconds:g} s to load; it was left out",
                     "check that the file is one article (not a whole site or a data dump); to wait longer, raise S400_ARTICLE_SECONDS")
        return Loaded(None, problems.rows, [], [], [])


#: The start of the problem of an article left out for its time budget (such a result is never cached).
_TOO_SLOW = "took longer than"


@lru_cache(maxsize=1)
def load_version() -> str:
    """The version of the code and knowledge files that loading depends on (:mod:`helpers.versions`)."""
    return files_version(tuple(sorted(stage_files(("helpers.corpus.load",)))))


def load_cached(args: tuple) -> Loaded:
    """:func:`load_article` of one article, read from the cache ``store`` when this article (its manifest row, bytes
    and dates) was loaded by the same code and knowledge files before (``args = ((row, digest, dates), folder,
    root, store)``: the file's SHA-256 from the first reading, the corpus folder and its
    :func:`helpers.corpus.access.real_root`; ``store`` None: no cache). Otherwise the file is read again here and
    loaded if its bytes still have that digest (:func:`_load_again`). An article left out for its time budget or for
    a change of its file is never stored, so it is tried again next time."""
    (row, digest, dates), folder, root, store = args
    if store is None:
        return _load_again(row, digest, dates, folder, root)
    key = ("load", sorted([k, v] for k, v in row.items()), digest, [str(d) for d in dates])
    rows = cache.cached(lambda _: _rows_of(_load_again(row, digest, dates, folder, root)), key, store, load_version(), keep=_storable)
    return _loaded_of(rows)


def _load_again(row: dict, digest: str, dates: tuple, folder: Path, root: str | None) -> Loaded:
    """:func:`load_article` of the file of ``row``, read again (:func:`helpers.corpus.access.read_file`, with every
    check of the first reading). The loader keeps only each file's digest between its first reading (for the
    corpus's fingerprint and cache key) and this one, not its bytes: at 100,000 saved web pages they would not fit in
    memory. A file that changed or went in between is left out and reported, as its bytes are not the ones the
    fingerprint says were read."""
    try:
        raw = read_file(folder, row["file"], root=root)
    except Refused as refusal:
        reason, fix = f"{_CHANGED} and was left out: {refusal.reason}", refusal.fix
    else:
        if hashlib.sha256(raw).hexdigest() == digest:
            return load_article((row, raw, dates))
        reason, fix = f"{_CHANGED}; it was left out", "run again once nothing is writing to the corpus folder"
    problems = Problems()
    problems.add(row["file"], "error", reason, fix)
    return Loaded(None, problems.rows, [], [], [])


#: The start of the problem of a file that changed between its two readings (such a result is never cached).
_CHANGED = "changed while the corpus was loading"


def _storable(rows: dict[str, list]) -> bool:
    return not any(p["problem"].startswith((_TOO_SLOW, _CHANGED)) for p in rows["problems"])


def _rows_of(loaded: Loaded) -> dict[str, list]:
    """A :class:`Loaded` as the plain tables the cache stores (the flags list and the signature as tuples)."""
    record = loaded.record
    return {
        "record": [{k: v for k, v in record.items() if k != "flags"}] if record is not None else [],
        "flags": [tuple(record["flags"])] if record is not None else [],
        "problems": loaded.problems, "removed": loaded.removed,
        # paragraphs and sentences without their text: it is the record's text[start:end] (rebuilt on reading)
        "paragraphs": [{k: v for k, v in p.items() if k != "text"} for p in loaded.paragraphs],
        "sentences": [{k: v for k, v in x.items() if k != "text"} for x in loaded.sentences],
        "n_shingles": [(loaded.n_shingles,)],
        "signature": [tuple(int(x) for x in loaded.signature)] if loaded.signature is not None else [],
    }


def _loaded_of(rows: dict[str, list]) -> Loaded:
    """The :class:`Loaded` that :func:`_rows_of` stored."""
    record = {**rows["record"][0], "flags": list(rows["flags"][0])} if rows["record"] else None

    def array(name: str) -> np.ndarray | None:
        return np.array(rows[name][0], dtype=np.uint64) if rows[name] else None

    text = record["text"] if record is not None else ""

    def with_text(spans: list[dict]) -> list[dict]:
        return [{**span, "text": text[span["start"]:span["end"]]} for span in spans]

    return Loaded(record, rows["problems"], rows["removed"], with_text(rows["paragraphs"]), with_text(rows["sentences"]),
                  rows["n_shingles"][0][0], array("signature"))


def _load_article(job: tuple[dict, bytes, tuple]) -> Loaded:
    row, raw, (date_start, date_end, precision) = job
    problems = Problems()
    decoded = decode_bytes(raw)
    for severity, problem, fix in decoded.problems:
        problems.add(row["file"], severity, problem, fix)
    if decoded.text is None:
        return Loaded(None, problems.rows, [], [], [])
    cleaned = clean.clean_text(decoded.text, row["file"])
    built = structure.structure([line for _, line in cleaned.lines], row["file"])
    if not built.sentences:
        problems.add(row["file"], "error", "no text is left after cleaning", "check removed.csv for this file; save the article text again")
        return Loaded(None, problems.rows, [], [], [])
    tokens = structure.words(built.text)
    record = _article_record(row, decoded, built, tokens, raw, date_start, date_end, precision, problems)
    grams = quality.shingle_hashes(tokens)
    return Loaded(record, problems.rows, cleaned.removed, built.paragraphs, built.sentences, int(grams.size), quality.minhash(grams))


def load_corpus(folder: Path | str | None = None, progress: str = "", meanwhile: Callable[[], object] | None = None) -> Corpus:
    """Load, validate, clean and structure every article of ``folder`` (default: ``$CORPUS`` or ``seeds/``).
    Large corpora are processed on all CPUs (:mod:`helpers.parallel`); ``progress`` labels a progress bar.
    ``meanwhile``: called once in this process while the worker processes load (after they have started, so they do
    not inherit what it builds), for work that does not need the corpus: the export loads the annotation's models
    then (:func:`helpers.annotate.warm_up`), instead of after the loading, when only one CPU works."""
    folder = Path(folder) if folder is not None else corpus_dir()
    problems = Problems()
    rows = read_manifest(folder, problems)
    on_disk = listing(folder)
    files_on_disk = on_disk.files
    listed: dict[str, int] = {}
    root = real_root(folder)  # once, not for every file
    found = [Problems() for _ in rows]  # each row's problems, reported in row order whatever order the files are read in
    checked: dict[int, tuple[str, tuple]] = {}  # row -> (SHA-256 of its file, dates), for the rows that can be loaded
    candidates = []
    for i, row in enumerate(rows):
        if row["file"] in listed:
            found[i].add(row["file"], "error", f"listed twice in {MANIFEST} (lines {listed[row['file']]} and {row['_row']}); the second row was ignored",
                         "delete one of the rows")
            continue
        if row["file"]:
            listed[row["file"]] = row["_row"]
        candidates.append(i)

    def read_in_name_order():
        """Each file checked and read once, in name order, for the fingerprint; only its digest is kept."""
        for i in sorted(candidates, key=lambda i: rows[i]["file"]):
            valid = validate_row(rows[i], folder, found[i], root)
            if valid is not None:
                content, dates = valid
                checked[i] = (hashlib.sha256(content).hexdigest(), dates)
                yield rows[i]["file"], content

    manifest = manifest_bytes(folder)
    corpus_fingerprint = fingerprint(manifest, read_in_name_order())
    for row_found in found:
        problems.rows.extend(row_found.rows)
    jobs = [(rows[i], *checked[i]) for i in candidates if i in checked]  # (row, digest, dates), in row order
    store = cache.cache_dir()
    key = _corpus_key(manifest, on_disk, problems, jobs) if store is not None else ""
    slot = f"corpus-{cache.folder_place(folder)}"
    hit = cache.read_tables(store, slot, key) if store is not None else None
    if hit is not None and set(hit) == set(_CORPUS_TABLES):
        return Corpus(folder=folder, fingerprint=corpus_fingerprint, memo={"key": key},
                      **{name: hit[name] for name in _CORPUS_TABLES})
    grams: dict[str, tuple[int, np.ndarray]] = {}

    def structures():
        waiting = meanwhile if meanwhile is not None and uses_pool(len(jobs)) else None
        for loaded in map_ordered(load_cached, [(job, folder, root, store) for job in jobs], progress=progress):
            if waiting is not None:
                waiting()
                waiting = None
            problems.rows.extend(loaded.problems)
            if loaded.record is None:
                continue
            grams[loaded.record["file"]] = (loaded.n_shingles, loaded.signature)
            yield {"paragraphs": loaded.paragraphs, "sentences": loaded.sentences, "articles": [loaded.record],
                   "removed": loaded.removed}

    # made into DataFrames while the workers load (helpers.tables), no row kept once its piece is made; the
    # duplicates' rows are dropped afterwards
    built = tables.build_tables(structures(), {
        "paragraphs": lambda rows: _typed(pd.DataFrame(rows, columns=structure.PARAGRAPH_COLUMNS)),
        "sentences": lambda rows: _typed(pd.DataFrame(rows, columns=structure.SENTENCE_COLUMNS)),
        "articles": _articles_piece,
        "removed": lambda rows: _typed(clean.removed_frame(rows)) if rows else clean.removed_frame(rows)}, typed=True)
    for name, reason, fix in on_disk.refused:
        if name not in listed:  # a listed one was reported by its row
            problems.add(name, "error", reason, fix)
    for name in files_on_disk:
        if name not in listed:
            problems.add(name, "error", f"file has no row in {MANIFEST}; it was not read",
                         f"run `python -m helpers manifest {shown(folder)}` to add a row, then fill in outlet and published")
    articles = _mark_duplicates(built.pop("articles"), grams, problems)
    keep = articles.loc[articles["duplicate_of"] == "", "file"]
    paragraphs_df, sentences_df = (_kept(built[name], keep) for name in ("paragraphs", "sentences"))
    corpus = Corpus(
        folder=folder,
        fingerprint=corpus_fingerprint,
        articles=articles,  # sorted by file (_mark_duplicates)
        paragraphs=paragraphs_df,
        sentences=sentences_df,
        removed=built.pop("removed"),
        problems=problems.frame(),
    )
    if store is not None:
        corpus.memo["key"] = key
        if not any(p.startswith((_TOO_SLOW, _CHANGED)) for p in corpus.problems["problem"]):  # an article left out may load next time
            cache.write_tables(store, slot, key, {name: getattr(corpus, name) for name in _CORPUS_TABLES})
    return corpus


def _kept(table: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """The rows of ``table`` whose file is in ``keep`` (the articles analysed: not duplicates), renumbered."""
    kept = table["file"].isin(keep)
    return table if kept.all() else table[kept].reset_index(drop=True)


#: The column types of the paragraph, sentence and removed-line tables, whatever their rows, so that their pieces are joined
#: without keeping every row (:func:`helpers.tables.build_tables`, ``typed``).
_TYPES = {"file": "str", "paragraph_id": "int64", "sentence_id": "int64", "kind": "str", "start": "int64", "end": "int64", "text": "str",
          "line": "int64", "rule": "str"}


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype({column: _TYPES[column] for column in table.columns})


#: The tables of a :class:`Corpus`, as the whole-corpus cache stores them.
_CORPUS_TABLES = ("articles", "paragraphs", "sentences", "removed", "problems")


def _corpus_key(manifest: bytes, on_disk, problems: Problems, jobs: list[tuple]) -> str:
    """The key of a whole loaded corpus: the loading code's version, the manifest's bytes, the folder's listing,
    the problems found before loading, and each article's row, bytes (their SHA-256: ``jobs`` are ``(row, digest,
    dates)``) and dates. Equal keys give equal
    tables, so a rerun on an unchanged corpus reads them whole (:func:`helpers.cache.read_tables`) instead of
    assembling 10,000 cached articles."""
    return cache.content_key(
        "corpus", load_version(), hashlib.sha256(manifest).hexdigest(), sorted(on_disk.files),
        [list(r) for r in on_disk.refused], [[p["file"], p["severity"], p["problem"], p["fix"]] for p in problems.rows],
        [[sorted([k, str(v)] for k, v in row.items()), digest, [str(d) for d in dates]] for row, digest, dates in jobs])


ARTICLE_COLUMNS = [
    "file", "outlet", "published", "date_precision", "date_start", "date_end", "title", "url", "language",
    "notes", "source_format", "encoding", "n_words", "n_sentences", "n_paragraphs", "english", "flags",
    "duplicate_of", "sha256", "text",
]


#: The column types of the articles table: text but for these.
_ARTICLE_TYPES = {column: {"n_words": "int64", "n_sentences": "int64", "n_paragraphs": "int64", "english": "bool"}.get(column, "str")
                  for column in ARTICLE_COLUMNS}


def _articles_piece(records: list[dict]) -> pd.DataFrame:
    """The articles table of ``records`` (:func:`_article_record`), flags joined by spaces, cast to its column types
    (every value of a record is text but for these), so that pieces are joined without keeping their rows; no
    records give the table with its columns and no rows, untyped, as before."""
    frame = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    if frame.empty:
        return frame
    frame["flags"] = [" ".join(flags) for flags in frame["flags"]]
    return frame.astype(_ARTICLE_TYPES)


def _article_record(row, decoded, built, tokens, raw, date_start, date_end, precision, problems: Problems) -> dict:
    file = row["file"]
    body = [s for s in built.sentences if s["kind"] == "body"]
    n_words = len(tokens)
    flags = []
    if not any(p["kind"] == "headline" for p in built.paragraphs):
        flags.append("missing_headline")
    if n_words < SHORT_WORDS:
        flags.append("very_short")
        problems.add(file, "warning", f"very short text ({n_words} words)", "check that the whole article was saved")
    english = quality.looks_english(built.text, tokens)
    stated = (row["language"] or "").lower()
    if stated and not stated.startswith("en"):
        english = False
    if english is False:
        flags.append("non_english")
        problems.add(file, "warning", f"not English (manifest language '{row['language'] or 'unset'}'); English-only steps (quotes, frames, dates, readability) skip it",
                     "none needed; set 'language' in the manifest to record it" if not stated or stated.startswith("en") else "none needed")
    signs = quality.garble_signs(body)
    if len(signs) >= quality.GARBLE_THRESHOLD:
        flags.append("suspect_garbled")
        problems.add(file, "warning", f"text looks machine-garbled ({len(signs)} signs, e.g. {'; '.join(signs[:3])})",
                     "prefer an original copy of the article; results for it are less reliable")
    if decoded.html:
        flags.append("html_extracted")
    if decoded.encoding not in ("utf-8", ""):
        flags.append("encoding_guessed")
    title = row["title"] or decoded.html_title or (built.paragraphs[0]["text"] if "missing_headline" not in flags else "")
    return {
        "file": file, "outlet": row["outlet"], "published": row["published"], "date_precision": precision,
        "date_start": date_start.isoformat(), "date_end": date_end.isoformat(), "title": title, "url": row["url"],
        "language": row["language"], "notes": row["notes"], "source_format": "html" if decoded.html else "text",
        "encoding": decoded.encoding, "n_words": n_words, "n_sentences": len(body),
        "n_paragraphs": len(built.paragraphs), "english": english is not False, "flags": flags,
        "duplicate_of": "", "sha256": hashlib.sha256(raw).hexdigest(), "text": built.text,
    }


class _OnDemand(dict):
    """A mapping whose values are made by ``make(key)`` when first asked for, then kept."""

    def __init__(self, make: Callable[[str], object]):
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> object:
        self[key] = value = self._make(key)
        return value


def _mark_duplicates(articles: pd.DataFrame, grams: dict[str, tuple[int, np.ndarray]], problems: Problems) -> pd.DataFrame:
    """Byte-identical files, and near-identical texts from the same outlet, are analysed once (the first by
    name); near-identical texts from different outlets are republication, kept and reported. ``grams``: each
    file's number of distinct shingles and MinHash signature (:class:`Loaded`); the shingles of the pairs compared
    are made again from their text."""
    if not articles["file"].is_monotonic_increasing:  # else already in order: no copy of every text
        articles = articles.sort_values("file", kind="stable")
    articles = articles.reset_index(drop=True)
    if articles.empty:
        return articles.astype({"flags": str, "duplicate_of": str, "english": bool})
    copies = articles["sha256"].duplicated(keep="first")
    first_by_hash = articles[~copies].set_index("sha256")["file"]
    articles.loc[copies, "duplicate_of"] = articles.loc[copies, "sha256"].map(first_by_hash)
    for file, first in zip(articles.loc[copies, "file"], articles.loc[copies, "duplicate_of"]):
        problems.add(file, "warning", f"byte-identical to {first}; analysed once, as that file",
                     "delete the copy and its manifest row")
    unique = articles.loc[~copies, "file"]
    outlet = dict(zip(articles["file"], articles["outlet"]))
    position = {f: i for i, f in enumerate(articles["file"])}
    text = articles["text"]
    shingles = _OnDemand(lambda f: quality.shingles(text.iat[position[f]]))
    pairs = quality.near_duplicate_pairs(shingles, {f: grams[f][1] for f in unique}, {f: grams[f][0] for f in unique})
    for first, later, jaccard in pairs:
        i = position[later]
        if outlet[first] == outlet[later] and articles.at[i, "duplicate_of"] == "":
            articles.at[i, "duplicate_of"] = first
            problems.add(later, "warning", f"near-duplicate of {first} (same outlet, {jaccard:.0%} of 5-word shingles shared); analysed once, as that file",
                         "delete the copy and its manifest row, or correct the outlet if it was published elsewhere")
        elif outlet[first] != outlet[later]:
            flags = articles.at[i, "flags"]  # space-joined (_articles_piece)
            articles.at[i, "flags"] = f"{flags} near_copy_of:{first}" if flags else f"near_copy_of:{first}"
            problems.add(later, "info", f"nearly the same text as {first} ({outlet[first]}): republished copy, analysed under both outlets",
                         "none needed; see the wire and overlap analysis")
    articles.loc[articles["duplicate_of"] != "", "flags"] = (articles["flags"] + " duplicate").str.strip()
    return articles
