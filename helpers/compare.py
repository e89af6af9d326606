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
* :func:`similarity_pairs` - one row per pair of articles: TF-IDF cosine (scikit-learn ``TfidfVectorizer`` with
  English stop words and sublinear term frequency; cosine = dot product of the L2-normalised sparse rows).
* :func:`event_clusters` - one row per article: articles on the same event are linked when their cosine is at
  least :data:`SAME_EVENT_COSINE` *and* their publication intervals lie at most :data:`EVENT_WINDOW_DAYS` apart
  (a month-precision date is the whole month); clusters are the connected components of these links.
* :func:`reuse_passages` - one row per passage shared word for word by two articles: runs of
  :data:`SHINGLE`-word shingles (case-folded words) in both, merged along the diagonal. Shingles found in more than
  :data:`MAX_SHINGLE_ARTICLES` articles are boilerplate and ignored. A passage that is mostly inside speech
  quotations in both articles is ``kind == "quotation"`` (two reporters quoting the same words), else ``text``
  (republished copy).

Scale: similarity stays sparse. Up to :data:`ALL_PAIRS_LIMIT` articles every pair is reported; above it only pairs
with cosine >= :data:`SAME_EVENT_COSINE`, computed in row blocks of the sparse product so that no dense N x N
matrix is ever built.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from . import mentions, readability, wire
from .actors import SIDES
from .corpus import Corpus
from .quotes import voices
from .structure import _WORD

#: Cosine at or above which two articles can be reports of the same event (TF-IDF, English stop words removed,
#: sublinear tf). On the seeds the two reports of the 6 April 2021 press conference score 0.32, every other pair
#: 0.19 or less.
SAME_EVENT_COSINE = 0.25
#: Largest gap in days between two publication intervals for the same event.
EVENT_WINDOW_DAYS = 3
#: Report every pair up to this many articles; above it only pairs at or above SAME_EVENT_COSINE.
ALL_PAIRS_LIMIT = 2000
#: Cells of the sparse product computed at once (rows per block = this / number of articles).
BLOCK_CELLS = 4_000_000
#: Articles drawn in the similarity heatmap (the most connected ones when there are more).
HEATMAP_LIMIT = 40
#: Words per shingle for republished passages, and the boilerplate cut-off.
SHINGLE = 8
MAX_SHINGLE_ARTICLES = 50
#: Share of a passage's words that must lie inside speech quotes (in both articles) for kind "quotation".
QUOTATION_SHARE = 0.5

VOICE_SIDES = [*SIDES, "unknown"]
PAIR_COLUMNS = ["file_a", "file_b", "outlet_a", "outlet_b", "cosine", "same_event"]
CLUSTER_COLUMNS = ["file", "outlet", "date_start", "date_end", "event_cluster", "event_size"]
REUSE_COLUMNS = ["file_a", "outlet_a", "start_a", "end_a", "file_b", "outlet_b", "start_b", "end_b",
                 "n_words", "kind", "text"]


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def mention_columns() -> dict[str, str]:
    """Keyword (from ``helpers/data/keywords.csv``) -> exported column name (``mentions_s_400``)."""
    return {k: "mentions_" + _slug(k) for k, _ in mentions.keywords()}


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


def similarity_pairs(corpus: Corpus) -> pd.DataFrame:
    """One row per pair of English articles (``file_a < file_b``): outlets, TF-IDF ``cosine`` (4 decimals) and
    ``same_event`` (cosine >= SAME_EVENT_COSINE and publication intervals within EVENT_WINDOW_DAYS). All pairs up
    to ALL_PAIRS_LIMIT articles, else only pairs at or above SAME_EVENT_COSINE."""
    english, matrix = _vectors(corpus)
    n = len(english)
    if matrix is None or n < 2:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    keep_all = n <= ALL_PAIRS_LIMIT
    rows_per_block = max(1, BLOCK_CELLS // n)
    ia, ib, values = [], [], []
    for lo in range(0, n, rows_per_block):
        block = (matrix[lo:lo + rows_per_block] @ matrix.T).tocoo()
        r, c, v = block.row + lo, block.col, block.data
        mask = (c > r) & (True if keep_all else v >= SAME_EVENT_COSINE)
        ia.append(r[mask]); ib.append(c[mask]); values.append(v[mask])
    r, c, v = np.concatenate(ia), np.concatenate(ib), np.concatenate(values)
    if keep_all:  # pairs sharing no word have no entry in the sparse product: add them with cosine 0
        full = np.zeros((n, n))
        full[r, c] = v
        r, c = np.triu_indices(n, k=1)
        v = full[r, c]
    files, outlets = english["file"].to_numpy(), english["outlet"].to_numpy()
    starts, ends = english["date_start"].to_numpy(), english["date_end"].to_numpy()
    out = pd.DataFrame({"file_a": files[r], "file_b": files[c], "outlet_a": outlets[r], "outlet_b": outlets[c],
                        "cosine": np.round(np.clip(v, 0.0, 1.0), 4)})
    out["same_event"] = [bool(cos >= SAME_EVENT_COSINE and _gap_days(starts[i], ends[i], starts[j], ends[j]) <= EVENT_WINDOW_DAYS)
                         for cos, i, j in zip(out["cosine"], r, c)]
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
    """Tidy article x article table for the heatmap: ``row, column, cosine`` (labels ``Outlet (id)``), both
    triangles and the diagonal (1.0). At most HEATMAP_LIMIT articles: the ones with the highest similarity to
    another article (ties by file)."""
    english = corpus.english.sort_values("file", kind="stable")
    files = list(english["file"])
    if len(files) > HEATMAP_LIMIT and len(pairs):
        best = pd.concat([pairs[["file_a", "cosine"]].set_axis(["file", "cosine"], axis=1),
                          pairs[["file_b", "cosine"]].set_axis(["file", "cosine"], axis=1)]).groupby("file")["cosine"].max()
        best = best.reset_index().sort_values(["cosine", "file"], ascending=[False, True], kind="stable")
        files = sorted(best["file"].head(HEATMAP_LIMIT))
    labels = article_labels(english)
    keep = set(files)
    both = pd.concat([pairs[["file_a", "file_b", "cosine"]],
                      pairs[["file_b", "file_a", "cosine"]].set_axis(["file_a", "file_b", "cosine"], axis=1),
                      pd.DataFrame({"file_a": files, "file_b": files, "cosine": 1.0})])
    both = both[both["file_a"].isin(keep) & both["file_b"].isin(keep)]
    both = both.sort_values(["file_a", "file_b"], kind="stable")
    return pd.DataFrame({"file_a": both["file_a"], "file_b": both["file_b"], "row": both["file_a"].map(labels),
                         "column": both["file_b"].map(labels), "cosine": both["cosine"]}).reset_index(drop=True)


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


def reuse_passages(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per passage of at least SHINGLE words that two English articles share word for word (case-folded):
    ``file_a < file_b``, outlets, character offsets in each cleaned text, ``n_words``, ``kind`` (``quotation``
    or ``text``) and the passage as written in ``file_a``."""
    english = corpus.english.sort_values("file", kind="stable")
    tokens: list[list[re.Match]] = [list(_WORD.finditer(t)) for t in english["text"]]
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        folded = [m.group(0).casefold().replace("’", "'") for m in toks]
        for p in range(len(folded) - SHINGLE + 1):
            postings[" ".join(folded[p:p + SHINGLE])].append((i, p))
    shared: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for posts in postings.values():
        docs = {d for d, _ in posts}
        if len(docs) < 2 or len(docs) > MAX_SHINGLE_ARTICLES:
            continue
        for x, (da, pa) in enumerate(posts):
            for db, pb in posts[x + 1:]:
                if da != db:
                    shared[(da, db) if da < db else (db, da)].append((pa, pb) if da < db else (pb, pa))
    files, outlets, texts = english["file"].tolist(), english["outlet"].tolist(), english["text"].tolist()
    spans = _speech_spans(quotes)
    rows = []
    for (da, db), hits in sorted(shared.items()):
        hits = sorted(set(hits), key=lambda h: (h[0] - h[1], h[0]))
        run_start = prev = hits[0]
        for hit in [*hits[1:], None]:
            if hit is not None and hit[0] - hit[1] == prev[0] - prev[1] and hit[0] == prev[0] + 1:
                prev = hit
                continue
            n = prev[0] - run_start[0] + SHINGLE
            ta, tb = tokens[da], tokens[db]
            sa, ea = ta[run_start[0]].start(), ta[run_start[0] + n - 1].end()
            sb, eb = tb[run_start[1]].start(), tb[run_start[1] + n - 1].end()
            starts_a = np.array([m.start() for m in ta[run_start[0]:run_start[0] + n]])
            starts_b = np.array([m.start() for m in tb[run_start[1]:run_start[1] + n]])
            quoted = min(_inside_share(spans.get(files[da]), starts_a), _inside_share(spans.get(files[db]), starts_b))
            rows.append({"file_a": files[da], "outlet_a": outlets[da], "start_a": sa, "end_a": ea,
                         "file_b": files[db], "outlet_b": outlets[db], "start_b": sb, "end_b": eb, "n_words": n,
                         "kind": "quotation" if quoted >= QUOTATION_SHARE else "text",
                         "text": " ".join(texts[da][sa:ea].split())})
            run_start = prev = hit if hit is not None else prev
    out = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return out.sort_values(["file_a", "file_b", "start_a", "start_b"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------- profiles
def article_profiles(corpus: Corpus, quotes: pd.DataFrame, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per English article, columns :data:`PROFILE_COLUMNS`: words, sentences, quoted words and share,
    distinct speakers, quoted words per side (every side of the actors list plus ``unknown``), keyword mentions
    (``mentions_<keyword>``), readability of the whole body and of the own voice, the wire source and cited
    agencies, and the event cluster (``pairs`` from :func:`similarity_pairs`, computed when not given)."""
    english = corpus.english.sort_values("file", kind="stable")
    base = english[["file", "outlet", "published", "n_words", "n_sentences"]].reset_index(drop=True)
    v = voices(corpus, quotes).drop(columns=["outlet", "n_words"])
    for side in VOICE_SIDES:
        if f"quoted_words_{side}" not in v:
            v[f"quoted_words_{side}"] = 0
    m = mentions.article_mentions(corpus).drop(columns=["outlet"]).rename(columns=mention_columns())
    r = readability.readability_by_voice(corpus, quotes).drop(columns=["outlet"])
    w = wire.article_wire(corpus).drop(columns=["outlet", "wire_evidence"])
    pairs = similarity_pairs(corpus) if pairs is None else pairs
    c = event_clusters(corpus, pairs)[["file", "event_cluster", "event_size"]]
    out = base
    for part in (v, m, r, w, c):
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


_LAST: list = []  # (corpus, Comparison) of the last call: export and notebooks ask several times per corpus


def analyse(corpus: Corpus) -> Comparison:
    """Run the whole source comparison once: quotes, similarity and clusters, profiles, reuse, wire credits,
    quote alignments and claims. The last result is kept, so asking again for the same corpus is free."""
    if _LAST and _LAST[0][0] is corpus:
        return _LAST[0][1]
    from . import align, claims  # noqa: PLC0415 (keeps ``import helpers.compare`` light for the schema)
    from .quotes import quotes_table

    q = quotes_table(corpus)
    pairs = similarity_pairs(corpus)
    profiles = article_profiles(corpus, q, pairs)
    extracted = claims.extract_claims(corpus)
    result = Comparison(quotes=q, pairs=pairs, clusters=event_clusters(corpus, pairs), profiles=profiles,
                        outlets=outlet_profiles(profiles, q), reuse=reuse_passages(corpus, q),
                        credits=wire.credits_table(corpus), alignments=align.align_quotes(corpus, q),
                        claims=extracted, claims_table=claims.claims_by_outlet(extracted),
                        disagreements=claims.disagreements(extracted))
    _LAST[:] = [(corpus, result)]
    return result


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
