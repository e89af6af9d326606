"""Source comparison: per-article and per-outlet profiles, pairwise text similarity, same-event clusters and
passages republished across articles.

In:  a loaded corpus (English articles: :attr:`helpers.corpus.Corpus.english`) and its quotes table
(:func:`helpers.quotes.quotes_table`).
Out (tidy DataFrames):

* :func:`article_profiles` - one row per article: words, sentences, voices (:func:`helpers.quotes.voices`),
  keyword mentions (:mod:`helpers.mentions`), readability of the whole body and of the journalist's own sentences
  (:func:`helpers.readability.readability_by_voice`), wire source (:mod:`helpers.wire`) and event cluster;
  :data:`ARTICLE_MEASURES` are the columns added to the exported ``articles.csv``.
* :func:`outlet_profiles` - the same summed or averaged per outlet.
* :func:`similarity_pairs` - one row per listed pair of articles: TF-IDF cosine (scikit-learn ``TfidfVectorizer``
  with English stop words and sublinear term frequency; cosine = dot product of the L2-normalised sparse rows).
  Listed: each article's :data:`NEIGHBOURS` nearest articles (cosine >= :data:`SIMILARITY_FLOOR`) and the
  same-event links that connect each event cluster - about NEIGHBOURS + 1 rows per article, not all N x N pairs.
* :func:`event_clusters` - one row per article: articles on the same event are linked when their cosine is at
  least :data:`SAME_EVENT_COSINE` *and* their publication intervals lie at most :data:`EVENT_WINDOW_DAYS` apart
  (a month-precision date is the whole month); clusters are the connected components of these links.
* :func:`reuse_passages` - one row per passage shared word for word by two or more articles: a run of
  :data:`SHINGLE`-word shingles (case-folded words) in its first publisher, carried by the same other articles;
  with the first publisher (``file_a``), the next (``file_b``), how many other articles carry it and which.
  No shingle is dropped as boilerplate: a line every article repeats is one row with a large ``n_other``.
  A passage that is mostly inside speech quotations in both file_a and file_b is ``kind == "quotation"`` (reporters
  quoting the same words), else ``text`` (republished copy).

Scale: no N x N matrix and no output that grows with the number of *pairs*. Similarity candidates come from
sparse products in row blocks (:data:`BLOCK_CELLS`); same-event links are scored only inside the date window;
republished passages are grouped by shingle (one row per passage, not per pair of articles carrying it). Run
``benchmarks/pairs_speed.py`` for times and rows at 1,000 and 10,000 articles.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree
from sklearn.feature_extraction.text import TfidfVectorizer

from . import mentions, readability, wire
from .actors import SIDES
from .corpus import Corpus
from .structure import _WORD

#: Cosine at or above which two articles can be reports of the same event (TF-IDF, English stop words removed,
#: sublinear tf). On the seeds the two reports of the 6 April 2021 press conference score 0.32, every other pair
#: 0.19 or less.
SAME_EVENT_COSINE = 0.25
#: Largest gap in days between two publication intervals for the same event.
EVENT_WINDOW_DAYS = 3
#: Pairs listed by similarity_pairs: each article's NEIGHBOURS most similar articles at or above SIMILARITY_FLOOR
#: (cosine; below it two articles share little more than the story's common words).
NEIGHBOURS = 10
SIMILARITY_FLOOR = 0.05
#: Above NEIGHBOUR_CANDIDATES + 1 articles the neighbours are the best (exact cosine) of NEIGHBOUR_CANDIDATES
#: candidates per article, the nearest after a Gaussian random projection of the TF-IDF vectors to PROJECTION_DIMS
#: dimensions (seeded with PROJECTION_SEED: the same candidates on every run). On the 1,000-article synthetic
#: benchmark, where every article shares paragraphs with hundreds of others, ~90% of the exact 10 nearest are found
#: and the rest are replaced by articles almost as similar; on ordinary corpora the gap between neighbours is larger.
NEIGHBOUR_CANDIDATES = 30
PROJECTION_DIMS = 256
PROJECTION_SEED = 400
#: Cells of the sparse product computed at once (rows per block = this / number of articles).
BLOCK_CELLS = 4_000_000
#: Articles drawn in the similarity heatmap (the most connected ones when there are more).
HEATMAP_LIMIT = 40
#: Words per shingle for republished passages (8 case-folded words in a row).
SHINGLE = 8
#: Share of a passage's words that must lie inside speech quotes (in both articles) for kind "quotation".
QUOTATION_SHARE = 0.5

VOICE_SIDES = [*SIDES, "unknown"]
PAIR_COLUMNS = ["file_a", "file_b", "outlet_a", "outlet_b", "cosine", "same_event"]
CLUSTER_COLUMNS = ["file", "outlet", "date_start", "date_end", "event_cluster", "event_size"]
REUSE_COLUMNS = ["file_a", "outlet_a", "start_a", "end_a", "file_b", "outlet_b", "start_b", "end_b",
                 "n_words", "n_other", "other_files", "kind", "text"]
#: Shingle hashing for reuse_passages: fixed odd 64-bit constants and the seed of the article-set fingerprints.
_HASH_MIX = 0x9E3779B97F4A7C15
_HASH_BASE = 0x100000001B3
_HASH_SEED = 400


def mention_columns() -> dict[str, str]:
    """Keyword (from ``helpers/data/keywords.csv``) -> exported column name (``mentions_s_400``)."""
    return mentions.column_names()


def _measure_columns() -> list[str]:
    return ["quoted_words", "own_words", "quoted_share", "n_speakers",
            *(f"quoted_words_{s}" for s in VOICE_SIDES), *mention_columns().values(),
            *readability.VOICE_COLUMNS[2:], "source_agency", "source_agencies", "cited_agencies",
            "event_cluster", "event_size"]


#: Per-article measures appended to the exported ``articles.csv`` (documented in :mod:`helpers.schema`).
ARTICLE_MEASURES = _measure_columns()
PROFILE_COLUMNS = ["file", "outlet", "published", "n_words", "n_sentences", *ARTICLE_MEASURES]


# --------------------------------------------------------------------------------------------- labels
def short_ids(files) -> dict[str, str]:
    """A short, unique id per file for labels: the shortest prefix (3, 6, 12 characters of the name before its
    first ``_`` or ``.``, else the whole name) that tells the files apart."""
    files = sorted(set(files))
    stems = {f: re.split(r"[_.]", f.rsplit("/", 1)[-1], maxsplit=1)[0] or f for f in files}
    for n in (3, 6, 12):
        ids = {f: s[:n] for f, s in stems.items()}
        if len(set(ids.values())) == len(ids):
            return ids
    return {f: f for f in files}


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """``file -> "Outlet (001)"`` for figures and tables."""
    ids = short_ids(articles["file"])
    return {f: f"{o} ({ids[f]})" for f, o in zip(articles["file"], articles["outlet"])}


# --------------------------------------------------------------------------------------------- similarity
def _vectors(corpus: Corpus):
    english = corpus.english.sort_values("file", kind="stable")
    if not len(english):
        return english, None
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(english["text"])
    except ValueError:  # no word left after stop words (e.g. only empty texts)
        return english, None
    return english, matrix.tocsr()


def _gap_days(a_start: str, a_end: str, b_start: str, b_end: str) -> int:
    """Days between two publication intervals (0 when they overlap)."""
    s1, e1, s2, e2 = (pd.Timestamp(x) for x in (a_start, a_end, b_start, b_end))
    if e1 < s2:
        return (s2 - e1).days
    if e2 < s1:
        return (s1 - e2).days
    return 0


def _days(values) -> np.ndarray:
    """ISO dates (``YYYY-MM-DD`` strings) -> day numbers (int64)."""
    return np.asarray(pd.Series(values, dtype=object).to_numpy(dtype="datetime64[D]")).astype(np.int64)


#: Pairs scored at once by :func:`_exact_cosines`: bounds the memory of the two gathered row blocks (about 70 MB
#: for articles of ~600 words; 100,000 pairs at once took 700 MB more at 10,000 articles).
PAIR_BLOCK = 10_000


def _exact_cosines(matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Cosine of each pair ``(r[i], c[i])`` of rows of the L2-normalised sparse ``matrix``: the element-wise
    product of the two gathered rows, summed (sparse, in C), :data:`PAIR_BLOCK` pairs at a time."""
    out = np.zeros(len(r))
    for lo in range(0, len(r), PAIR_BLOCK):
        a, b = matrix[r[lo:lo + PAIR_BLOCK]], matrix[c[lo:lo + PAIR_BLOCK]]
        out[lo:lo + PAIR_BLOCK] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _neighbour_candidates(matrix) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``(i, j)``, ``i != j``: for each article the :data:`NEIGHBOUR_CANDIDATES` articles with the
    highest cosine after a seeded Gaussian random projection of the TF-IDF rows to :data:`PROJECTION_DIMS`
    dimensions (dense products in row blocks of :data:`BLOCK_CELLS` cells). Every pair when there are few
    articles (up to NEIGHBOUR_CANDIDATES + 1)."""
    n = matrix.shape[0]
    if n - 1 <= NEIGHBOUR_CANDIDATES:
        r, c = np.divmod(np.arange(n * n), n)
        keep = r != c
        return r[keep], c[keep]
    rng = np.random.default_rng(PROJECTION_SEED)
    projection = rng.standard_normal((matrix.shape[1], PROJECTION_DIMS)).astype(np.float32)
    z = np.asarray(matrix.astype(np.float32) @ projection, dtype=np.float32)
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    z /= np.where(norms > 0, norms, 1.0)
    rows_per_block = max(1, BLOCK_CELLS // n)
    kth = NEIGHBOUR_CANDIDATES
    out_r, out_c = [], []
    for lo in range(0, n, rows_per_block):
        block = z[lo:lo + rows_per_block] @ z.T
        idx = np.arange(block.shape[0])
        block[idx, idx + lo] = -np.inf  # never the article itself
        top = np.argpartition(-block, kth - 1, axis=1)[:, :kth]
        out_r.append(np.repeat(idx + lo, kth)); out_c.append(top.ravel())
    return np.concatenate(out_r), np.concatenate(out_c)


def _window_pairs(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(i, j)`` of articles whose publication intervals (day numbers) lie at most
    :data:`EVENT_WINDOW_DAYS` apart: the only pairs that can be the same event."""
    order = np.lexsort((np.arange(len(starts)), starts))
    s, e = starts[order], ends[order]
    # sorted by start, j > i: s[i] <= s[j] <= e[j], so the gap is max(0, s[j] - e[i]): j runs up to e[i] + window
    upto = np.searchsorted(s, e + EVENT_WINDOW_DAYS, side="right")
    counts = upto - np.arange(len(s)) - 1
    counts = np.maximum(counts, 0)
    i = np.repeat(np.arange(len(s)), counts)
    j = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + i + 1
    gap = np.maximum(s[j] - e[i], 0)
    keep = gap <= EVENT_WINDOW_DAYS
    return order[i[keep]], order[j[keep]]


def similarity_pairs(corpus: Corpus) -> pd.DataFrame:
    """Pairs of English articles (``file_a < file_b``) with outlets, TF-IDF ``cosine`` (4 decimals) and
    ``same_event`` (cosine >= SAME_EVENT_COSINE and publication intervals within EVENT_WINDOW_DAYS).

    Which pairs (bounded: about ``NEIGHBOURS`` + 1 rows per article, never all N x N pairs):

    * **nearest neighbours**: for each article its :data:`NEIGHBOURS` most similar articles with cosine >=
      :data:`SIMILARITY_FLOOR`. Up to ``NEIGHBOUR_CANDIDATES + 1`` articles this is exact (every pair is scored,
      so a corpus of up to ``NEIGHBOURS + 1`` articles lists every pair at or above the floor); above that the
      neighbours are the best of :data:`NEIGHBOUR_CANDIDATES` candidates per article, the nearest after a seeded
      random projection (:data:`PROJECTION_DIMS` dimensions), rescored exactly: near-exact, not guaranteed;
    * **same-event links**: every pair published within EVENT_WINDOW_DAYS is scored exactly, and the strongest
      links that connect each event cluster (a maximum spanning forest of all same-event links) are always
      listed, so :func:`event_clusters` on this table gives exactly the clusters of the full same-event graph.
      A cluster of m articles is connected by m - 1 listed links (more when they are also nearest neighbours);
      its size is ``event_size`` in :func:`event_clusters`.
    """
    english, matrix = _vectors(corpus)
    n = len(english)
    if matrix is None or n < 2:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    starts, ends = _days(english["date_start"]), _days(english["date_end"])
    # nearest neighbours
    r, c = _neighbour_candidates(matrix)
    v = _exact_cosines(matrix, r, c)
    keep = v >= SIMILARITY_FLOOR
    r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, -np.round(v, 12), r))  # per article: highest cosine first, ties by file
    r, c, v = r[order], c[order], v[order]
    first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
    keep = rank < NEIGHBOURS
    near_a, near_b, near_v = np.minimum(r, c)[keep], np.maximum(r, c)[keep], v[keep]
    # same-event links: every pair inside the date window, then a maximum spanning forest
    wa, wb = _window_pairs(starts, ends)
    wv = _exact_cosines(matrix, wa, wb)
    linked = wv >= SAME_EVENT_COSINE
    wa, wb, wv = wa[linked], wb[linked], wv[linked]
    if len(wa):
        weights = coo_matrix((2.0 - wv, (np.minimum(wa, wb), np.maximum(wa, wb))), shape=(n, n)).tocsr()
        forest = minimum_spanning_tree(weights).tocoo()
        tree_a, tree_b = np.minimum(forest.row, forest.col), np.maximum(forest.row, forest.col)
        tree_v = 2.0 - forest.data
    else:
        tree_a = tree_b = np.zeros(0, dtype=int)
        tree_v = np.zeros(0)
    a = np.concatenate([near_a, tree_a]).astype(np.int64)
    b = np.concatenate([near_b, tree_b]).astype(np.int64)
    values = np.concatenate([near_v, tree_v])
    _, unique = np.unique(a * n + b, return_index=True)
    a, b, values = a[unique], b[unique], values[unique]
    gap = np.maximum(np.maximum(starts[b] - ends[a], starts[a] - ends[b]), 0)
    cosine = np.round(np.clip(values, 0.0, 1.0), 4)
    files, outlets = english["file"].to_numpy(), english["outlet"].to_numpy()
    out = pd.DataFrame({"file_a": files[a], "file_b": files[b], "outlet_a": outlets[a], "outlet_b": outlets[b],
                        "cosine": cosine, "same_event": (cosine >= SAME_EVENT_COSINE) & (gap <= EVENT_WINDOW_DAYS)})
    return out.sort_values(["file_a", "file_b"], kind="stable").reset_index(drop=True)[PAIR_COLUMNS]


def event_clusters(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per English article: ``event_cluster`` (1, 2, ... numbered by each cluster's earliest article, then
    file) and ``event_size`` (articles in the cluster; 1 = no other article on the same event)."""
    english = corpus.english.sort_values("file", kind="stable")
    if not len(english):
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    index = {f: i for i, f in enumerate(english["file"])}
    linked = pairs[pairs["same_event"]] if len(pairs) else pairs
    a = np.array([index[f] for f in linked.get("file_a", [])], dtype=int)
    b = np.array([index[f] for f in linked.get("file_b", [])], dtype=int)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(english), len(english)))
    _, labels = connected_components(graph, directed=False)
    out = english[["file", "outlet", "date_start", "date_end"]].reset_index(drop=True)
    out["component"] = labels
    first = out.sort_values(["date_start", "file"], kind="stable").drop_duplicates("component")["component"].tolist()
    number = {c: i + 1 for i, c in enumerate(first)}
    out["event_cluster"] = out["component"].map(number).astype(int)
    out["event_size"] = out.groupby("component")["file"].transform("count").astype(int)
    return out[CLUSTER_COLUMNS]


def heatmap_table(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """Tidy article x article table for the heatmap: ``row, column, cosine`` (labels ``Outlet (id)``), every cell:
    both triangles and the diagonal (1.0), computed here from the TF-IDF vectors (``pairs`` lists only each
    article's nearest neighbours). At most HEATMAP_LIMIT articles: above that, the ones with the highest
    similarity to another article in ``pairs`` (ties by file)."""
    english = corpus.english.sort_values("file", kind="stable")
    files = list(english["file"])
    if len(files) > HEATMAP_LIMIT and len(pairs):
        best = pd.concat([pairs[["file_a", "cosine"]].set_axis(["file", "cosine"], axis=1),
                          pairs[["file_b", "cosine"]].set_axis(["file", "cosine"], axis=1)]).groupby("file")["cosine"].max()
        best = best.reset_index().sort_values(["cosine", "file"], ascending=[False, True], kind="stable")
        files = sorted(best["file"].head(HEATMAP_LIMIT))
    labels = article_labels(english)
    _, matrix = _vectors(corpus)  # every cell of the drawn articles, not only the pairs listed in ``pairs``
    if matrix is None or not files:
        return pd.DataFrame(columns=["file_a", "file_b", "row", "column", "cosine"])
    position = {f: i for i, f in enumerate(english["file"])}
    rows = [position[f] for f in files]
    dense = (matrix[rows] @ matrix[rows].T).toarray()
    np.fill_diagonal(dense, 1.0)
    r, c = np.divmod(np.arange(len(files) ** 2), len(files))
    names = np.array(files, dtype=object)
    return pd.DataFrame({"file_a": names[r], "file_b": names[c], "row": [labels[f] for f in names[r]],
                         "column": [labels[f] for f in names[c]],
                         "cosine": np.round(np.clip(dense[r, c], 0.0, 1.0), 4)})


# --------------------------------------------------------------------------------------------- reuse
def _speech_spans(quotes: pd.DataFrame) -> dict[str, np.ndarray]:
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    out: dict[str, list] = defaultdict(list)
    for f, s, e in zip(speech.get("file", []), speech.get("start", []), speech.get("end", [])):
        out[f].append((int(s), int(e)))
    return {f: np.array(sorted(v)) for f, v in out.items()}


def _inside_share(spans: np.ndarray | None, starts: np.ndarray) -> float:
    """Share of word start offsets that fall inside one of the quote spans."""
    if spans is None or not len(spans) or not len(starts):
        return 0.0
    k = np.searchsorted(spans[:, 0], starts, side="right") - 1
    inside = (k >= 0) & (starts < spans[np.clip(k, 0, None), 1])
    return float(inside.mean())


def _shingle_hashes(ids: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """64-bit polynomial hash of every SHINGLE-word window of the word ids ``ids`` (articles concatenated,
    article k = ``ids[bounds[k]:bounds[k + 1]]``) that does not cross an article: (hash, position in ``ids``)."""
    n = len(ids)
    if n < SHINGLE:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    values = (ids.astype(np.uint64) + np.uint64(1)) * np.uint64(_HASH_MIX)
    h = np.zeros(n - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h = h * np.uint64(_HASH_BASE) + values[k:n - SHINGLE + 1 + k]
    pos = np.arange(n - SHINGLE + 1, dtype=np.int32 if n < 2**31 else np.int64)
    doc_end = np.repeat(bounds[1:], np.diff(bounds))[:n - SHINGLE + 1]
    keep = pos + SHINGLE <= doc_end
    return h[keep], pos[keep]


def _word_offsets(text: str, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets in ``text`` of its words ``_WORD.findall(text)``, given their lengths ``sizes``: from the
    lengths of the gaps between them (``_WORD.split``), without a match object per word."""
    gaps = np.fromiter(map(len, _WORD.split(text)), dtype=np.int64, count=len(sizes) + 1)
    ends = np.cumsum(gaps[:-1] + sizes)
    return ends - sizes, ends


def reuse_passages(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per passage of at least SHINGLE words that two or more English articles share word for word
    (case-folded), columns :data:`REUSE_COLUMNS`:

    * ``file_a`` - the passage's first publisher (earliest ``date_start``, then file), with its outlet and the
      passage's character offsets ``start_a``/``end_a`` in its cleaned text; ``text`` is the passage as written
      there and ``n_words`` its length;
    * ``file_b`` - the next article (same order) that carries it, with ``start_b``/``end_b`` where its first
      shingle occurs there;
    * ``n_other`` - how many other articles carry the passage, ``other_files`` - all of them, ``|``-separated in
      publication order (file_b first);
    * ``kind`` - ``quotation`` when most of its words lie inside speech quotes in both file_a and file_b, else
      ``text``.

    A passage is a maximal run of consecutive shingles of its first publisher that are shared and carried by the
    same set of other articles; where that set changes (one outlet copied only part of a paragraph) a new passage
    starts (so two passages of one article can overlap by up to SHINGLE - 1 words). Shingles are compared by a 64-bit hash (a collision is astronomically unlikely). No shingle is dropped
    as boilerplate: a line repeated by many articles is a single row with a large ``n_other``. Rows grow with the
    number of distinct shared passages, not with the number of article pairs carrying them. Sorted by file_a,
    start_a."""
    english = corpus.english.sort_values("file", kind="stable").reset_index(drop=True)
    n_docs = len(english)
    texts = english["text"].tolist()
    vocab: defaultdict = defaultdict()
    vocab.default_factory = vocab.__len__  # word as written -> id in order of first appearance (C-speed lookups)
    id_parts, size_parts = [], []
    for text in texts:
        found = _WORD.findall(text)
        id_parts.append(np.fromiter(map(vocab.__getitem__, found), dtype=np.int64, count=len(found)))
        size_parts.append(np.fromiter(map(len, found), dtype=np.int64, count=len(found)))
    lengths = np.array([len(x) for x in id_parts], dtype=np.int64)
    if n_docs < 2 or lengths.sum() < SHINGLE:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    folded, _ = pd.factorize(pd.Series([w.casefold().replace("’", "'") for w in vocab], dtype=object))
    ids = np.asarray(folded, dtype=np.int64)[np.concatenate(id_parts)]
    del id_parts, vocab
    bounds = np.r_[0, np.cumsum(lengths)]
    hashes, pos = _shingle_hashes(ids, bounds)
    del ids  # large arrays go as soon as they are used: a 10,000-article corpus has ~6 million words
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int32), lengths)
    order_of = english.sort_values(["date_start", "file"], kind="stable").index.to_numpy()
    rank = np.empty(n_docs, dtype=np.int32)
    rank[order_of] = np.arange(n_docs, dtype=np.int32)
    r = rank[doc_of[pos]]
    by_r = np.argsort(r, kind="stable")  # publication order, then position
    order = by_r[np.argsort(hashes[by_r], kind="stable")]  # then by hash (stable: order kept within a hash)
    del by_r
    hashes, pos, r = hashes[order], pos[order], r[order]
    del order
    new_hash = np.r_[True, hashes[1:] != hashes[:-1]]
    new_doc = new_hash | np.r_[True, r[1:] != r[:-1]]
    group = np.cumsum(new_hash, dtype=np.int32) - 1
    docs_per_group = np.bincount(group, weights=new_doc).astype(np.int64)
    shared = docs_per_group[group] >= 2
    if not shared.any():
        return pd.DataFrame(columns=REUSE_COLUMNS)
    # each shared shingle: its owner (first publisher) and a fingerprint of the set of other articles carrying it
    weights = np.random.default_rng(_HASH_SEED).integers(1, 2**63, size=n_docs, dtype=np.int64).astype(np.uint64)
    group_start = np.flatnonzero(new_hash)
    owner_rank = r[group_start]
    with np.errstate(over="ignore"):
        carried = np.where(new_doc & (r != owner_rank[group]), weights[r], np.uint64(0))
        fingerprint = np.add.reduceat(carried, group_start)
    owned = shared & (r == owner_rank[group])
    o_pos, o_group = pos[owned], group[owned]
    o_key = fingerprint[o_group]
    o_order = np.argsort(o_pos, kind="stable")  # positions are global, so this also sorts by article
    o_pos, o_group, o_key = o_pos[o_order], o_group[o_order], o_key[o_order]
    o_pos, first_idx = np.unique(o_pos, return_index=True)  # a position belongs to one shingle
    o_group, o_key = o_group[first_idx], o_key[first_idx]
    o_doc = doc_of[o_pos]
    run_start = np.r_[True, (np.diff(o_pos) != 1) | (o_key[1:] != o_key[:-1]) | (o_doc[1:] != o_doc[:-1])]
    starts_idx = np.flatnonzero(run_start)
    ends_idx = np.r_[starts_idx[1:], len(o_pos)] - 1
    files, outlets = english["file"].tolist(), english["outlet"].tolist()
    by_rank = order_of  # rank -> document index
    spans = _speech_spans(quotes)
    offsets: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def tokens_of(d: int) -> tuple[np.ndarray, np.ndarray]:
        if d not in offsets:
            offsets[d] = _word_offsets(texts[d], size_parts[d])
        return offsets[d]

    rows = []
    for si, ei in zip(starts_idx, ends_idx):
        da = int(o_doc[si])
        pa = int(o_pos[si] - bounds[da])
        n = int(o_pos[ei] - o_pos[si]) + SHINGLE
        g = int(o_group[si])
        lo, hi = group_start[g], (group_start[g + 1] if g + 1 < len(group_start) else len(hashes))
        entries = np.flatnonzero(new_doc[lo:hi]) + lo
        carriers = [int(x) for x in r[entries] if x != owner_rank[g]]
        db = int(by_rank[carriers[0]])
        pb = int(pos[entries[1]] - bounds[db])
        (a_starts, a_ends), (b_starts, b_ends) = tokens_of(da), tokens_of(db)
        sa, ea = int(a_starts[pa]), int(a_ends[pa + n - 1])
        nb = min(n, len(b_starts) - pb)
        sb, eb = int(b_starts[pb]), int(b_ends[pb + nb - 1])
        quoted = min(_inside_share(spans.get(files[da]), a_starts[pa:pa + n]),
                     _inside_share(spans.get(files[db]), b_starts[pb:pb + nb]))
        rows.append({"file_a": files[da], "outlet_a": outlets[da], "start_a": sa, "end_a": ea,
                     "file_b": files[db], "outlet_b": outlets[db], "start_b": sb, "end_b": eb, "n_words": n,
                     "n_other": len(carriers), "other_files": "|".join(files[by_rank[c]] for c in carriers),
                     "kind": "quotation" if quoted >= QUOTATION_SHARE else "text",
                     "text": " ".join(texts[da][sa:ea].split())})
    out = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return out.sort_values(["file_a", "start_a"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------- profiles
def article_profiles(corpus: Corpus, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per English article, columns :data:`PROFILE_COLUMNS`: words, sentences, quoted words and share,
    distinct speakers, quoted words per side (every side of the actors list plus ``unknown``), keyword mentions
    (``mentions_<keyword>``), readability of the whole body and of the own voice, the wire source and cited
    agencies (all computed per article by :func:`helpers.annotate.article_measures`), and the event cluster
    (``pairs`` from :func:`similarity_pairs`, computed when not given)."""
    from .annotate import annotations  # noqa: PLC0415 (keeps ``import helpers.compare`` light for the schema)

    english = corpus.english.sort_values("file", kind="stable")
    base = english[["file", "outlet", "published", "n_words", "n_sentences"]].reset_index(drop=True)
    measures = annotations(corpus).measures.drop(columns=["n_words"])
    for side in VOICE_SIDES:
        if f"quoted_words_{side}" not in measures:
            measures[f"quoted_words_{side}"] = 0
    pairs = similarity_pairs(corpus) if pairs is None else pairs
    c = event_clusters(corpus, pairs)[["file", "event_cluster", "event_size"]]
    out = base
    for part in (measures, c):
        out = out.merge(part, on="file", how="left", validate="one_to_one")
    assert len(out) == len(base), "a per-article measure duplicated an article"
    return out[PROFILE_COLUMNS]


def outlet_profiles(profiles: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: ``articles``, ``n_words`` (sum), ``quoted_share`` (quoted / all words), ``n_speakers``
    (distinct speakers over its articles), quoted words per side (sums), mentions (sums), the mean of each
    readability score over articles with a reliable score (whole and own voice, 2 decimals) and ``wire_copy``
    (articles with a source agency)."""
    if not len(profiles):
        return pd.DataFrame(columns=["outlet", "articles", "n_words", "quoted_share", "n_speakers"])
    sums = ["n_words", "quoted_words", "own_words", *(f"quoted_words_{s}" for s in VOICE_SIDES), *mention_columns().values()]
    scores = [c for c in readability.VOICE_COLUMNS if c.endswith(tuple(readability.MEASURES))]
    agg = profiles.groupby("outlet", sort=True).agg(
        articles=("file", "count"), **{c: (c, "sum") for c in sums}, **{c: (c, "mean") for c in scores},
        wire_copy=("source_agency", lambda s: int((s != "").sum()))).reset_index()
    agg["quoted_share"] = (agg["quoted_words"] / agg["n_words"].where(agg["n_words"] > 0)).fillna(0.0).round(4)
    speech = quotes[(quotes["kind"] == "speech") & (quotes["speaker"] != "")] if len(quotes) else quotes
    files = profiles[["file", "outlet"]]
    speakers = speech.merge(files, on="file", how="inner").groupby("outlet")["speaker"].nunique() if len(speech) else pd.Series(dtype=int)
    agg["n_speakers"] = agg["outlet"].map(speakers).fillna(0).astype(int)
    agg[scores] = agg[scores].round(2)
    return agg[["outlet", "articles", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
                *(f"quoted_words_{s}" for s in VOICE_SIDES), *mention_columns().values(), *scores, "wire_copy"]]


def voices_long(profiles: pd.DataFrame) -> pd.DataFrame:
    """Quoted words per article and side, tidy: ``file, outlet, article, side, words`` (sides with no words
    anywhere are left out) for the voices-by-side chart."""
    labels = article_labels(profiles) if len(profiles) else {}
    rows = [{"file": f, "outlet": o, "article": labels[f], "side": s, "words": int(w)}
            for f, o, *ws in zip(profiles["file"], profiles["outlet"], *(profiles[f"quoted_words_{s}"] for s in VOICE_SIDES))
            for s, w in zip(VOICE_SIDES, ws)]
    out = pd.DataFrame(rows, columns=["file", "outlet", "article", "side", "words"])
    used = out.groupby("side")["words"].sum()
    return out[out["side"].isin(used[used > 0].index)].reset_index(drop=True)


def one_sided(profiles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, the sides it quotes (``sides``: space-separated, known sides only) and how many words:
    ``outlet, articles, quoted_words, sides, n_sides``."""
    cols = [f"quoted_words_{s}" for s in SIDES]
    g = profiles.groupby("outlet", sort=True)[["quoted_words", *cols]].sum()
    n = profiles.groupby("outlet", sort=True)["file"].count()
    rows = []
    for outlet, row in g.iterrows():
        sides = [s for s in SIDES if row[f"quoted_words_{s}"] > 0]
        rows.append({"outlet": outlet, "articles": int(n[outlet]), "quoted_words": int(row["quoted_words"]),
                     "sides": " ".join(sides), "n_sides": len(sides)})
    return pd.DataFrame(rows, columns=["outlet", "articles", "quoted_words", "sides", "n_sides"])


# --------------------------------------------------------------------------------------------- the whole comparison
SCORE_DOCS = {
    "words_per_sentence": ("float", "mean words per body sentence"),
    "flesch_reading_ease": ("float", "textstat Flesch reading ease of the body sentences (higher = easier); empty when unreliable"),
    "flesch_kincaid_grade": ("float", "textstat Flesch-Kincaid grade of the body sentences; empty when unreliable"),
    "gunning_fog": ("float", "textstat Gunning fog index of the body sentences; empty when unreliable"),
    "dale_chall": ("float", "textstat Dale-Chall score of the body sentences; empty when unreliable"),
    "readability_flag": ("str", "unreliable when sentence splitting failed (> 60 words per sentence) or the grade is outside -5..25; empty otherwise"),
}


def measure_schema() -> list[tuple[str, str, str]]:
    """(column, type, description) of every column of :data:`ARTICLE_MEASURES`, for ``helpers.schema``."""
    docs = [("quoted_words", "int", "words inside speech quotations (helpers.quotes.voices); empty for non-English articles"),
            ("own_words", "int", "words outside speech quotations (the journalist's own voice)"),
            ("quoted_share", "float", "quoted_words / n_words"),
            ("n_speakers", "int", "distinct named speakers quoted"),
            *((f"quoted_words_{s}", "int", f"quoted words of speakers on the {s} side" if s != "unknown" else "quoted words of speakers with no known side")
              for s in VOICE_SIDES),
            *((col, "int", f"mentions of {k} in every spelling (helpers/data/keywords.csv)") for k, col in mention_columns().items())]
    for name, (ty, text) in SCORE_DOCS.items():
        docs.append((name, ty, text))
    docs.append(("own_sentences", "int", "body sentences left in the journalist's own voice once speech quotations are cut out (remainders under 4 words dropped)"))
    for name, (ty, text) in SCORE_DOCS.items():
        docs.append(("own_" + name, ty, text.replace("of the body sentences", "of the journalist's own sentences (speech quotations cut out)")))
    docs += [("source_agency", "str", "wire agency the article's text comes from (credit line, 'with inputs from', interview given to the agency); empty when not wire copy"),
             ("source_agencies", "list", "every source agency, in order of credit"),
             ("cited_agencies", "list", "agencies only cited as a source of a claim ('news agency TASS reported')"),
             ("event_cluster", "int", "same-event cluster: articles with TF-IDF cosine >= 0.25 published within 3 days share a number"),
             ("event_size", "int", "articles in the event cluster (1 = no other article on the same event)")]
    assert [d[0] for d in docs] == ARTICLE_MEASURES
    return docs


@dataclass
class Comparison:
    """Every table of notebook 01 for one corpus (see :func:`analyse`)."""
    quotes: pd.DataFrame
    pairs: pd.DataFrame
    clusters: pd.DataFrame
    profiles: pd.DataFrame
    outlets: pd.DataFrame
    reuse: pd.DataFrame
    credits: pd.DataFrame
    alignments: pd.DataFrame
    claims: pd.DataFrame
    claims_table: pd.DataFrame
    disagreements: pd.DataFrame


def analyse(corpus: Corpus) -> Comparison:
    """Run the whole source comparison once: quotes, similarity and clusters, profiles, reuse, wire credits,
    quote alignments and claims. The result is kept on the corpus (``corpus.memo``), so asking again is free."""
    if "comparison" in corpus.memo:  # export and notebooks ask several times per corpus
        return corpus.memo["comparison"]
    from . import align, claims  # noqa: PLC0415 (keeps ``import helpers.compare`` light for the schema)
    from .quotes import quotes_table

    q = quotes_table(corpus)
    pairs = similarity_pairs(corpus)
    profiles = article_profiles(corpus, pairs)
    extracted = claims.extract_claims(corpus)
    result = Comparison(quotes=q, pairs=pairs, clusters=event_clusters(corpus, pairs), profiles=profiles,
                        outlets=outlet_profiles(profiles, q), reuse=reuse_passages(corpus, q),
                        credits=_credits(corpus), alignments=align.align_quotes(corpus, q),
                        claims=extracted, claims_table=claims.claims_by_outlet(extracted),
                        disagreements=claims.disagreements(extracted))
    corpus.memo["comparison"] = result
    return result


def _credits(corpus: Corpus) -> pd.DataFrame:
    """One row per agency credit in an English article (``file, outlet`` and :data:`helpers.wire.CREDIT_COLUMNS`),
    from the corpus's annotation (computed once, per article)."""
    from .annotate import annotations  # noqa: PLC0415

    credits = annotations(corpus).credits
    outlets = corpus.english[["file", "outlet"]]
    out = credits.merge(outlets, on="file", how="left", validate="many_to_one")
    assert len(out) == len(credits)
    return out[["file", "outlet", *wire.CREDIT_COLUMNS]].reset_index(drop=True)


def articles_with_measures(corpus: Corpus) -> pd.DataFrame:
    """``corpus.articles`` with :data:`ARTICLE_MEASURES` merged on ``file`` (empty for articles not analysed in
    English); the existing columns come first, rows unchanged."""
    measures = analyse(corpus).profiles[["file", *ARTICLE_MEASURES]]
    out = corpus.articles.merge(measures, on="file", how="left", validate="one_to_one")
    assert len(out) == len(corpus.articles)
    for col, ty, _ in measure_schema():
        if ty == "int":  # integers stay integers (empty where the article was not analysed)
            out[col] = out[col].astype("Int64")
    return out


def export_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The exported tables of notebook 01: similarity, quote_alignments, claims, reuse."""
    result = analyse(corpus)
    return {"similarity": result.pairs, "quote_alignments": result.alignments, "claims": result.claims,
            "reuse": result.reuse}


def outlet_profile_long(outlets: pd.DataFrame) -> pd.DataFrame:
    """The outlet profile chart's data, tidy: ``outlet, measure, value`` for articles, words, quoted share,
    distinct speakers, Flesch reading ease (whole body and own voice) and each keyword's mentions."""
    measures = {"articles": "articles", "n_words": "words", "quoted_share": "share of words quoted",
                "n_speakers": "distinct speakers", "flesch_reading_ease": "Flesch reading ease (body)",
                "own_flesch_reading_ease": "Flesch reading ease (own voice)",
                **{col: f"{k} mentions" for k, col in mention_columns().items()}}
    rows = [{"outlet": o, "measure": label, "value": float(v) if pd.notna(v) else np.nan}
            for col, label in measures.items() if col in outlets for o, v in zip(outlets["outlet"], outlets[col])]
    return pd.DataFrame(rows, columns=["outlet", "measure", "value"])


def readability_long(profiles: pd.DataFrame) -> pd.DataFrame:
    """The readability chart's data, tidy: ``file, outlet, article, measure, value`` with Flesch reading ease of
    the whole body and of the journalist's own sentences per article (NaN where withheld as unreliable)."""
    labels = article_labels(profiles) if len(profiles) else {}
    rows = [{"file": f, "outlet": o, "article": labels[f], "measure": name, "value": v}
            for col, name in (("flesch_reading_ease", "Flesch reading ease: body"),
                              ("own_flesch_reading_ease", "Flesch reading ease: own voice"))
            for f, o, v in zip(profiles["file"], profiles["outlet"], profiles[col])]
    return pd.DataFrame(rows, columns=["file", "outlet", "article", "measure", "value"])
