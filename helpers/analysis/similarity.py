"""Which articles say the same: pairwise text similarity and same-event clusters.

In:  the English articles of a corpus (:attr:`helpers.corpus.load.Corpus.english`).
Out (tidy DataFrames):

* :func:`similarity_pairs` - one row per listed pair of articles: TF-IDF cosine (scikit-learn ``TfidfVectorizer``
  with English stop words and sublinear term frequency; cosine = dot product of the L2-normalised sparse rows).
  Listed: each article's :data:`NEIGHBOURS` nearest articles (cosine >= :data:`SIMILARITY_FLOOR`) and the
  same-event links that connect each event cluster - about NEIGHBOURS + 1 rows per article, not all N x N pairs.
* :func:`event_clusters` - one row per article: articles on the same event are linked when their cosine is at
  least :data:`SAME_EVENT_COSINE` *and* their publication intervals lie at most :data:`EVENT_WINDOW_DAYS` apart
  (a month-precision date is the whole month); clusters are the connected components of these links.
* :func:`outlet_similarity` - outlet x outlet mean cosine (the heatmap), exact and linear in the articles;
* :func:`cluster_summary` - one row per same-event cluster.

Scale: no N x N matrix and no output that grows with the number of *pairs*. Similarity candidates come from
sparse products in row blocks (:data:`BLOCK_CELLS`); same-event links are scored only inside the date window.
Run ``benchmarks/pairs_speed.py`` for times and rows at 1,000 and 10,000 articles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers.analysis.memo import memoized
from helpers.analysis.outlets import fold
from helpers.corpus.load import Corpus

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


PAIR_COLUMNS = ["file_a", "file_b", "outlet_a", "outlet_b", "cosine", "same_event"]
CLUSTER_COLUMNS = ["file", "outlet", "date_start", "date_end", "event_cluster", "event_size"]


# --------------------------------------------------------------------------------------------- similarity
def _vectors(corpus: Corpus):
    english = corpus.english_by_file
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
    product of the two gathered rows, summed (sparse, in C), :data:`PAIR_BLOCK` pairs at a time. A pair asked for
    in both directions is computed once (the products and their order of summation are the same either way)."""
    if not len(r):
        return np.zeros(0)
    n = matrix.shape[0]
    codes, inverse = np.unique(np.minimum(r, c).astype(np.int64) * n + np.maximum(r, c), return_inverse=True)
    if len(codes) < len(r):
        return _pair_cosines(matrix, *np.divmod(codes, n))[inverse.ravel()]
    return _pair_cosines(matrix, r, c)


def _pair_cosines(matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The cosines of :func:`_exact_cosines`, every pair computed as given."""
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


#: Candidate pairs of the date window made at once by :func:`_window_pair_blocks`: at 100,000 articles over five
#: years there are about 20 million, and made in blocks the similarity's peak is 390 MB lower (1.90 -> 1.52 GB).
WINDOW_BLOCK = 1_000_000


def _window_pair_blocks(starts: np.ndarray, ends: np.ndarray, block: int | None = None):
    """Every pair ``(i, j)`` of articles whose publication intervals (day numbers) lie at most
    :data:`EVENT_WINDOW_DAYS` apart, the only pairs that can be the same event, as consecutive ``(i, j)`` arrays
    made from about ``block`` (default :data:`WINDOW_BLOCK`) candidate pairs at a time, so they need never be held
    all at once. An article with more candidates than that makes a block of its own."""
    block = WINDOW_BLOCK if block is None else block
    order = np.lexsort((np.arange(len(starts)), starts))
    s, e = starts[order], ends[order]
    # sorted by start, j > i: s[i] <= s[j] <= e[j], so the gap is max(0, s[j] - e[i]): j runs up to e[i] + window
    upto = np.searchsorted(s, e + EVENT_WINDOW_DAYS, side="right")
    counts = np.maximum(upto - np.arange(len(s)) - 1, 0)
    ends_at = np.cumsum(counts)
    lo = 0
    while lo < len(s):
        hi = max(int(np.searchsorted(ends_at, ends_at[lo] - counts[lo] + block, side="right")), lo + 1)
        c = counts[lo:hi]
        i = np.repeat(np.arange(lo, hi), c)
        j = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c) + i + 1
        keep = np.maximum(s[j] - e[i], 0) <= EVENT_WINDOW_DAYS
        if keep.any():
            yield order[i[keep]], order[j[keep]]
        lo = hi


@memoized
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
    del r, c, v, order, rank, keep, first
    # same-event links: every pair inside the date window, then a maximum spanning forest
    small = np.int32 if n < 2**31 else np.int64  # millions of links at 100,000 articles
    links = []  # (a, b, cosine) of the pairs linked, block by block
    for pa, pb in _window_pair_blocks(starts, ends):
        pv = _exact_cosines(matrix, pa, pb)
        linked = pv >= SAME_EVENT_COSINE
        links.append((pa[linked].astype(small), pb[linked].astype(small), pv[linked]))
    del matrix  # the TF-IDF vectors are not read again here (250 MB at 100,000 articles)
    wa, wb, wv = (np.concatenate([link[k] for link in links]) if links else np.zeros(0, dtype=float if k == 2 else small) for k in range(3))
    del links
    if len(wa):
        weights = coo_matrix((2.0 - wv, (np.minimum(wa, wb), np.maximum(wa, wb))), shape=(n, n)).tocsr()
        del wa, wb, wv  # held in ``weights`` now
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


@memoized
def event_clusters(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per English article: ``event_cluster`` (1, 2, ... numbered by each cluster's earliest article, then
    file) and ``event_size`` (articles in the cluster; 1 = no other article on the same event)."""
    english = corpus.english_by_file
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


@memoized
def outlet_similarity(corpus: Corpus, named: list[str] | None = None) -> pd.DataFrame:
    """Outlet x outlet: the mean TF-IDF cosine over every pair of one outlet's article with the other's, and within
    each outlet over every pair of its own distinct articles (NaN for an outlet with one article). Both triangles:
    ``outlet_a, outlet_b, articles_a, articles_b, mean_cosine`` (4 decimals).

    Exact and linear: the rows are L2-normalised, so the mean of the cosines between two sets of articles is the dot
    product of the sets' mean vectors (within a set, the self-pairs are taken out). With ``named``, every other
    outlet is folded into "other outlets" (:func:`helpers.analysis.outlets.fold`), the groups a figure draws."""
    columns = ["outlet_a", "outlet_b", "articles_a", "articles_b", "mean_cosine"]
    english, matrix = _vectors(corpus)
    if matrix is None:
        return pd.DataFrame(columns=columns)
    if named is not None:
        english = fold(english, named)
    names, codes = np.unique(english["outlet"].to_numpy(), return_inverse=True)
    sizes = np.bincount(codes, minlength=len(names)).astype(float)
    member = coo_matrix((1.0 / sizes[codes], (codes, np.arange(len(codes)))), shape=(len(names), len(codes))).tocsr()
    means = member @ matrix
    dots = np.asarray((means @ means.T).todense())
    within = np.full(len(names), np.nan)
    many = sizes > 1
    within[many] = (sizes[many] ** 2 * np.diag(dots)[many] - sizes[many]) / (sizes[many] * (sizes[many] - 1))
    np.fill_diagonal(dots, within)
    r, c = np.divmod(np.arange(len(names) ** 2), len(names))
    return pd.DataFrame({"outlet_a": names[r], "outlet_b": names[c], "articles_a": sizes[r].astype(int),
                         "articles_b": sizes[c].astype(int), "mean_cosine": np.round(np.clip(dots[r, c], 0.0, 1.0), 4)})[columns]


def cluster_summary(clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per same-event cluster of two or more articles, largest first: ``event_cluster, articles, outlets
    (distinct), first, last, outlet_names`` (sorted, '; '-joined)."""
    columns = ["event_cluster", "articles", "outlets", "first", "last", "outlet_names"]
    many = clusters[clusters["event_size"] > 1]
    if many.empty:
        return pd.DataFrame(columns=columns)
    out = many.groupby("event_cluster").agg(articles=("file", "size"), outlets=("outlet", "nunique"), first=("date_start", "min"),
                                            last=("date_end", "max"), outlet_names=("outlet", lambda s: "; ".join(sorted(set(s))))).reset_index()
    return out.sort_values(["articles", "event_cluster"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]
