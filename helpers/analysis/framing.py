"""Measures built on the frame coding of :mod:`helpers.extract.frames`: the coded sentences, shares per article
and outlet with bootstrap intervals, the journalist's voice against quoted voices, which side's voices carry each
frame, keyword-in-context tables for the S-400 and CAATSA/sanctions, who names CAATSA, and audit examples with the
cue highlighted.

In:  a corpus and the tables of its annotation (:attr:`helpers.annotate.Annotations.quotes` and ``matches``).
Out: tidy DataFrames, one row per (sentence, frame) (:func:`code_sentences`), (article, frame), (outlet, frame),
     (outlet, frame, voice, side), keyword mention, outlet, or example; and an HTML audit table.

Bootstrap (:func:`outlet_shares`): :data:`N_RESAMPLES` resamples per outlet with ``numpy.random.default_rng`` seeded by
:func:`outlet_seed`. Each resample draws the outlet's articles with replacement and keeps each drawn article whole;
the share is the drawn articles' framed sentences over their sentences. The article is the unit of sampling (a
cluster bootstrap): an article's sentences are not independent draws, and resampling them again inside each drawn
article would count their variation twice, since the spread of the articles' own shares already includes it, and
widen the intervals (Davison & Hinkley 1997, *Bootstrap Methods and their Application*, section 3.8; Field &
Welsh 2007, *JRSS B* 69). The interval is the 2.5th-97.5th percentile; outlets with fewer than
:data:`MIN_ARTICLES` articles get none.
"""
from __future__ import annotations

import hashlib
import html
import zlib

import numpy as np
import pandas as pd

from helpers.analysis.memo import memoized
from helpers.analysis.outlets import fold
from helpers.analysis.textcounts import outlet_mentions, sentence_own_words
from helpers.corpus.load import Corpus
from helpers.corpus.structure import count_words
from helpers.extract.frames import CARRIES, CODED_COLUMNS, VETOED, frame_ids

#: Seed and number of resamples of the bootstrap (documented so figures are reproducible to the byte).
BOOTSTRAP_SEED = 400
N_RESAMPLES = 1000
#: An outlet needs at least this many articles for an interval or a test: with fewer, the resampling describes
#: those articles' sentences, not the outlet's coverage ("too few articles").
MIN_ARTICLES = 5
#: Permutations of the outlet test, its seed, and the family-wise error rate of the Holm correction over frames.
N_PERMUTATIONS = 2000
PERMUTATION_SEED = 401
ALPHA = 0.05
#: The frame that carries the sanctions question (a frame id of helpers/data/frames.csv).
SANCTIONS_FRAME = "us_pressure"
#: Characters of context either side of a keyword in :func:`kwic`.


def _body(corpus: Corpus) -> pd.DataFrame:
    """The sentences frame coding reads (headline, subheads, body) with their outlet; joined once per content of
    the tables it is joined from (kept on the corpus with a hash of them, so an edit of the outlets or sentences,
    in place or not, joins again: the hashes cost a fifth of the join). Callers only read it."""
    outlets = corpus.english[["file", "outlet"]]
    sentences = corpus.sentences[["file", "sentence_id", "start", "end", "text"]]
    key = tuple(hashlib.sha256(pd.util.hash_pandas_object(t, index=False).to_numpy().tobytes()).hexdigest()
                for t in (outlets, sentences))
    kept = corpus.memo.get("framing_body")
    if kept is None or kept[0] != key:
        body = corpus.coded_sentences()[["file", "sentence_id", "start", "end", "text"]]
        kept = corpus.memo["framing_body"] = (key, body.merge(outlets, on="file"))
    return kept[1]


def _codes(values: pd.Series, order: dict[str, int]) -> np.ndarray:
    """``values.map(order)`` for values that are all keys of ``order``, as integers (a dictionary lookup per row
    of a string column costs a second at 10,000 articles; this is one vectorised lookup)."""
    codes = pd.Index(list(order)).get_indexer(values)
    if (codes < 0).any():
        raise ValueError(f"values without a place in the order: {sorted(set(values[codes < 0]))}")
    return np.asarray(list(order.values()))[codes]


def _labels(flags: pd.Series, yes: str, no: str) -> pd.Series:
    """``flags.map({True: yes, False: no})`` as a string column, vectorised."""
    return pd.Series(np.where(flags.to_numpy(dtype=bool), yes, no), index=flags.index, dtype="str")


@memoized
def code_sentences(matches: pd.DataFrame, classifier: bool = True) -> pd.DataFrame:
    """One row per (sentence, frame) of the English articles (columns
    :data:`helpers.extract.frames.CODED_COLUMNS`), ordered by file, sentence_id and dictionary order, from the
    frame ``matches`` of the annotation (:attr:`helpers.annotate.Annotations.matches`).

    A sentence carries a frame when a match has a status of :data:`helpers.extract.frames.CARRIES`. ``negated``
    is true when every such match denies the frame (codebook rule A: the frame is invoked, by denial);
    ``context`` is ``previous`` when the frame comes only from the sentence before (rule B), else empty. ``coder``
    is ``dictionary``, or ``classifier`` when only the second coder (:mod:`helpers.extract.frame_model`) found
    the frame (``classifier=False`` leaves that coder out, its additions and its vetoes: the dictionary alone). ``term`` is the first coded match (else the first denied one, else the sentence's opener; empty
    for the classifier). ``voice`` is
    ``journalist`` when any carrying match of the frame lies in the journalist's own words, else ``quoted``; a
    quoted row takes the ``speaker`` and ``side`` of its first quoted match (empty for the journalist)."""
    if not classifier:  # the dictionary alone: its vetoed matches count as they were
        matches = matches.assign(status=matches["status"].replace({v: k for k, v in VETOED.items()}))
    coded = matches[matches["status"].isin([s for s in CARRIES if classifier or s != "classified"])]
    if not len(coded):
        return pd.DataFrame(columns=CODED_COLUMNS).astype({"sentence_id": int, "negated": bool})
    order = {f: i for i, f in enumerate(frame_ids())}
    rank = {"coded": 0, "negated": 1, "context": 2, "classified": 3}
    coded = coded.assign(_order=_codes(coded["frame"], order), _own=(coded["voice"] == "journalist").astype(int),
                         _rank=_codes(coded["status"], rank))
    coded = coded.sort_values(["file", "sentence_id", "_order", "_rank", "start"], kind="stable")
    key = ["file", "sentence_id", "frame"]
    first = coded.drop_duplicates(key)[key + ["term", "_order", "_rank"]]
    own = coded.groupby(key, sort=False)["_own"].max().rename("_any_own").reset_index()
    quoted = coded[coded["voice"] == "quoted"].drop_duplicates(key)[key + ["speaker", "side"]]
    out = first.merge(own, on=key, how="left").merge(quoted, on=key, how="left")
    assert len(out) == len(first), "one row per (sentence, frame)"
    journalist = out["_any_own"] == 1
    out["voice"] = _labels(journalist, "journalist", "quoted")
    out.loc[journalist, ["speaker", "side"]] = ""
    out[["speaker", "side"]] = out[["speaker", "side"]].fillna("")
    out["negated"] = out["_rank"] == 1
    out["context"] = _labels(out["_rank"] == 2, "previous", "")
    out["coder"] = _labels(out["_rank"] == 3, "classifier", "dictionary")
    out = out.sort_values(["file", "sentence_id", "_order"], kind="stable").reset_index(drop=True)
    return out[CODED_COLUMNS]


def article_shares(corpus: Corpus, coded: pd.DataFrame) -> pd.DataFrame:
    """One row per (English article, frame): file, outlet, sentences (body), framed, framed_journalist,
    framed_quoted, share, share_journalist, share_quoted (shares of the coded sentences: headline, subheads and body, 4 decimals)."""
    body = _body(corpus)
    totals = body.groupby(["file", "outlet"]).size().rename("sentences").reset_index()
    grid = totals.merge(pd.DataFrame({"frame": frame_ids()}), how="cross")
    counts = coded.assign(j=coded["voice"] == "journalist", q=coded["voice"] == "quoted").groupby(["file", "frame"]).agg(
        framed=("sentence_id", "size"), framed_journalist=("j", "sum"), framed_quoted=("q", "sum")).reset_index()
    table = grid.merge(counts, on=["file", "frame"], how="left")
    assert len(table) == len(grid), "one row per article x frame"
    for column in ("framed", "framed_journalist", "framed_quoted"):
        table[column] = table[column].fillna(0).astype(int)
    for column in ("", "_journalist", "_quoted"):
        table["share" + column] = (table["framed" + column] / table["sentences"]).round(4)
    return table.sort_values(["file", "frame"], key=_frame_key, kind="stable").reset_index(drop=True)


def _frame_key(column: pd.Series) -> pd.Series:
    if column.name == "frame":
        order = {f: i for i, f in enumerate(frame_ids())}
        return column.map(order)
    return column


def bootstrap(sentences: np.ndarray, framed: np.ndarray, n_resamples: int = N_RESAMPLES,
              seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """Bootstrap shares of one outlet. ``sentences``: coded sentences per article (k,); ``framed``: framed
    sentences per article and frame (k, F). Returns (n_resamples, F) resampled shares: each resample draws k
    articles with replacement and divides their framed sentences by their sentences (see the module docstring);
    0 where the drawn articles have no sentence."""
    rng = np.random.default_rng(seed)
    k = len(sentences)
    picks = rng.integers(0, k, size=(n_resamples, k))                      # articles drawn
    times = np.bincount((picks + (np.arange(n_resamples) * k)[:, None]).ravel(), minlength=n_resamples * k)
    times = times.reshape(n_resamples, k).astype(float)                    # how often each article is drawn
    draws = times @ np.asarray(framed, dtype=float)                        # exact: small integers in float64
    total = (times @ np.asarray(sentences, dtype=float))[:, None]
    return np.divide(draws, total, out=np.zeros(draws.shape), where=total > 0)


@memoized
def outlet_shares(corpus: Corpus, coded: pd.DataFrame, n_resamples: int = N_RESAMPLES,
                  seed: int = BOOTSTRAP_SEED, named: list[str] | None = None) -> pd.DataFrame:
    """One row per (outlet, frame): articles, sentences, framed, share, lo, hi (95% bootstrap interval; NaN, "too few
    articles", for an outlet with fewer than :data:`MIN_ARTICLES`), framed_journalist, framed_quoted,
    share_journalist, share_quoted. Shares rounded to 4 decimals.
    Each outlet's resamples use ``seed`` plus a number derived from the outlet's name (:func:`outlet_seed`), so
    adding or removing an outlet does not change the others' intervals. With ``named``, every other outlet is
    folded into "other outlets" (the groups a figure draws); the named outlets' rows are those of the table
    without ``named``, so the figure and the CSV agree."""
    per_article = article_shares(corpus, coded)
    columns = ["outlet", "frame", "articles", "sentences", "framed", "share", "lo", "hi",
               "framed_journalist", "framed_quoted", "share_journalist", "share_quoted"]
    if per_article.empty:
        return pd.DataFrame(columns=columns)
    if named is not None:
        full = outlet_shares(corpus, coded, n_resamples, seed)
        kept = full[full["outlet"].isin(named)]
        others = fold(per_article[~per_article["outlet"].isin(named)], [])
        table = pd.concat([kept, _shares_table(others, n_resamples, seed)], ignore_index=True) if not others.empty else kept
        return table.sort_values("outlet", kind="stable").reset_index(drop=True)[columns]
    return _shares_table(per_article, n_resamples, seed)[columns]


def outlet_seed(outlet: str, seed: int = BOOTSTRAP_SEED) -> int:
    """The bootstrap seed of one outlet: ``seed`` plus the CRC-32 of its name (stable across runs and corpora)."""
    return seed + zlib.crc32(outlet.encode("utf-8"))


def _shares_table(per_article: pd.DataFrame, n_resamples: int, seed: int) -> pd.DataFrame:
    """The rows of :func:`outlet_shares` for the outlets of ``per_article`` (sorted by outlet)."""
    ids = frame_ids()
    rows = []
    for outlet, group in per_article.groupby("outlet", sort=True):
        wide = group.pivot(index="file", columns="frame", values="framed").reindex(columns=ids).sort_index()
        sentences = group.drop_duplicates("file").set_index("file")["sentences"].reindex(wide.index).to_numpy()
        if len(sentences) >= MIN_ARTICLES:
            resampled = bootstrap(sentences, wide.to_numpy(), n_resamples, outlet_seed(outlet, seed))
            lo, hi = np.percentile(resampled, [2.5, 97.5], axis=0)
        else:
            lo = hi = np.full(len(ids), np.nan)
        sums = group.groupby("frame")[["framed", "framed_journalist", "framed_quoted"]].sum().reindex(ids)
        total = int(sentences.sum())
        for j, frame in enumerate(ids):
            framed = int(sums.at[frame, "framed"])
            rows.append({"outlet": outlet, "frame": frame, "articles": len(sentences), "sentences": total,
                         "framed": framed, "share": round(framed / total, 4) if total else 0.0,
                         "lo": round(float(lo[j]), 4), "hi": round(float(hi[j]), 4),
                         "framed_journalist": int(sums.at[frame, "framed_journalist"]),
                         "framed_quoted": int(sums.at[frame, "framed_quoted"])})
    table = pd.DataFrame(rows, columns=["outlet", "frame", "articles", "sentences", "framed", "share", "lo", "hi",
                                        "framed_journalist", "framed_quoted"])
    table["share_journalist"] = (table["framed_journalist"] / table["sentences"].where(table["sentences"] > 0)).fillna(0).round(4)
    table["share_quoted"] = (table["framed_quoted"] / table["sentences"].where(table["sentences"] > 0)).fillna(0).round(4)
    return table


@memoized
def outlet_differences(corpus: Corpus, coded: pd.DataFrame, n_permutations: int = N_PERMUTATIONS,
                       seed: int = PERMUTATION_SEED, alpha: float = ALPHA) -> pd.DataFrame:
    """Do the outlets differ in how often they use each frame, beyond what chance would give? A permutation test
    over articles, one per frame, among the outlets with at least :data:`MIN_ARTICLES` articles.

    The statistic is the between-outlet spread of the frame's share, weighted by sentences:
    ``sum over outlets of sentences * (outlet share - overall share) ** 2``. Its null distribution comes from
    shuffling the outlet labels of the articles (each article keeps its sentences) ``n_permutations`` times with
    ``seed``; ``p_value`` = (1 + shuffles at least as extreme) / (1 + shuffles). The frames tested are the family
    of comparisons: ``p_holm`` is Holm's step-down correction over them, and ``differs`` is ``p_holm < alpha``.

    Out: one row per frame in dictionary order: frame, outlets (tested), articles, comparisons, highest and
    lowest outlet with their shares, statistic, p_value, p_holm, differs. Empty when fewer than two outlets have
    enough articles."""
    columns = ["frame", "outlets", "articles", "comparisons", "highest", "highest_share", "lowest", "lowest_share",
               "statistic", "p_value", "p_holm", "differs"]
    per_article = article_shares(corpus, coded)
    if per_article.empty:
        return pd.DataFrame(columns=columns)
    ids = frame_ids()
    wide = per_article.pivot(index="file", columns="frame", values="framed").reindex(columns=ids).sort_index()
    info = per_article.drop_duplicates("file").set_index("file").reindex(wide.index)
    counts = info["outlet"].value_counts()
    keep = info["outlet"].isin(counts[counts >= MIN_ARTICLES].index).to_numpy()
    outlets, codes = np.unique(info["outlet"].to_numpy()[keep], return_inverse=True)
    if len(outlets) < 2:
        return pd.DataFrame(columns=columns)
    framed = wide.to_numpy(dtype=float)[keep]
    sentences = info["sentences"].to_numpy(dtype=float)[keep]
    overall = framed.sum(axis=0) / sentences.sum()

    def spread(labels: np.ndarray) -> np.ndarray:
        s = np.bincount(labels, weights=sentences, minlength=len(outlets))
        f = np.stack([np.bincount(labels, weights=framed[:, j], minlength=len(outlets)) for j in range(framed.shape[1])], axis=1)
        share = np.divide(f, s[:, None], out=np.zeros_like(f), where=s[:, None] > 0)
        return (s[:, None] * (share - overall) ** 2).sum(axis=0)

    observed = spread(codes)
    rng = np.random.default_rng(seed)
    extreme = np.zeros(len(ids))
    for _ in range(n_permutations):
        extreme += spread(rng.permutation(codes)) >= observed - 1e-12
    p_value = (1 + extreme) / (1 + n_permutations)
    tested = [j for j in range(len(ids)) if framed[:, j].sum() > 0]
    holm = np.full(len(ids), np.nan)
    running = 0.0
    for rank, j in enumerate(sorted(tested, key=lambda j: (p_value[j], j))):
        running = max(running, min(1.0, (len(tested) - rank) * p_value[j]))
        holm[j] = running
    s = np.bincount(codes, weights=sentences, minlength=len(outlets))
    rows = []
    for j, frame in enumerate(ids):
        share = np.bincount(codes, weights=framed[:, j], minlength=len(outlets)) / s
        hi, lo = int(np.argmax(share)), int(np.argmin(share))
        rows.append({"frame": frame, "outlets": len(outlets), "articles": int(keep.sum()), "comparisons": len(tested),
                     "highest": outlets[hi], "highest_share": round(float(share[hi]), 4),
                     "lowest": outlets[lo], "lowest_share": round(float(share[lo]), 4),
                     "statistic": round(float(observed[j]), 4), "p_value": round(float(p_value[j]), 4),
                     "p_holm": round(float(holm[j]), 4) if j in tested else np.nan,
                     "differs": bool(j in tested and holm[j] < alpha)})
    return pd.DataFrame(rows, columns=columns)


def voice_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """:func:`outlet_shares` in long form for the voice chart: one row per (outlet, frame, voice) with
    ``voice`` journalist or quoted and ``share`` of the outlet's sentences."""
    parts = [shares[["outlet", "frame"]].assign(voice=v, share=shares[f"share_{v}"], framed=shares[f"framed_{v}"])
             for v in ("journalist", "quoted")]
    if not len(shares):
        return pd.DataFrame(columns=["outlet", "frame", "voice", "framed", "share"])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["outlet", "frame", "voice"], key=_frame_key, kind="stable").reset_index(drop=True)[
        ["outlet", "frame", "voice", "framed", "share"]]


@memoized
def frame_voices(corpus: Corpus, coded: pd.DataFrame, matches: pd.DataFrame, quotes: pd.DataFrame,
                 by_outlet: bool = False) -> pd.DataFrame:
    """Which voices carry each frame. One row per (frame, voice, side) - or per (outlet, frame, voice, side)
    with ``by_outlet`` - for every frame that is coded: ``voice`` journalist or quoted, ``side`` the quoted
    speaker's side (``unknown`` when the quote has none; empty for the journalist), ``sentences`` (coded
    sentence-frames), ``words``: for quoted voices the words of the distinct speech quotes that carry the frame,
    for the journalist the words of the framed sentences outside speech quotes. Joins and group sums only."""
    keys = (["outlet"] if by_outlet else []) + ["frame", "voice", "side"]
    columns = keys + ["sentences", "words"]
    if coded.empty:
        return pd.DataFrame(columns=columns)
    table = coded.merge(corpus.english[["file", "outlet"]], on="file", how="left", validate="many_to_one")
    table["side"] = np.where(table["voice"] == "quoted", table["side"].replace("", "unknown"), "")
    own = sentence_own_words(corpus, quotes)
    table = table.merge(own, on=["file", "sentence_id"], how="left", validate="many_to_one")
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    quote_words = pd.DataFrame({"file": speech.get("file", pd.Series(dtype=str)).to_numpy(),
                                "quote_id": speech.get("quote_id", pd.Series(dtype=int)).to_numpy(),
                                "qwords": [count_words(t) for t in speech.get("text", [])]})
    carried = (matches[matches["status"].isin(CARRIES) & (matches["voice"] == "quoted")]
               [["file", "sentence_id", "frame", "quote_id"]].drop_duplicates()
               .merge(quote_words, on=["file", "quote_id"], how="left")
               .groupby(["file", "sentence_id", "frame"])["qwords"].sum().rename("quoted_words").reset_index())
    table = table.merge(carried, on=["file", "sentence_id", "frame"], how="left")
    table["words"] = np.where(table["voice"] == "quoted", table["quoted_words"].fillna(0), table["own_words"].fillna(0)).astype(int)
    table["sentences"] = 1
    out = table.groupby(keys, sort=False)[["sentences", "words"]].sum().reset_index()
    return out.sort_values(keys, key=_frame_key, kind="stable").reset_index(drop=True)[columns]


@memoized
def caatsa_naming(corpus: Corpus, coded: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles, CAATSA and sanctions mentions (keywords.csv, sanctions in any sense),
    sentences coded with the sanctions frame (:data:`SANCTIONS_FRAME`), its distinct cue words, and
    ``naming``: ``names CAATSA``, ``sanctions or pressure only`` (the frame without the law's name) or
    ``neither``."""
    rows = []
    pressure = coded[coded["frame"] == SANCTIONS_FRAME].merge(corpus.english[["file", "outlet"]], on="file")
    for outlet, articles, caatsa, sanctions in outlet_mentions(corpus).itertuples(index=False):
        mine = pressure[pressure["outlet"] == outlet]
        naming = "names CAATSA" if caatsa else ("sanctions or pressure only" if len(mine) else "neither")
        rows.append({"outlet": outlet, "articles": articles, "caatsa_mentions": caatsa, "sanctions_mentions": sanctions,
                     "pressure_sentences": len(mine), "cues": ", ".join(sorted(set(mine["term"].str.lower()))), "naming": naming})
    return pd.DataFrame(rows, columns=["outlet", "articles", "caatsa_mentions", "sanctions_mentions", "pressure_sentences", "cues", "naming"])


@memoized
def frame_speakers(coded: pd.DataFrame, corpus: Corpus, frame: str = SANCTIONS_FRAME) -> pd.DataFrame:
    """Quoted speakers whose words carry ``frame``: one row per (speaker, side) with sentences, outlets
    (comma-separated) and cues; unattributed quotes are grouped as speaker ``(unknown)``. Most sentences first."""
    quoted = coded[(coded["frame"] == frame) & (coded["voice"] == "quoted")].merge(corpus.english[["file", "outlet"]], on="file")
    columns = ["speaker", "side", "sentences", "outlets", "cues"]
    if quoted.empty:
        return pd.DataFrame(columns=columns)
    quoted = quoted.assign(speaker=quoted["speaker"].replace("", "(unknown)"), side=quoted["side"].replace("", "unknown"))
    out = quoted.groupby(["speaker", "side"]).agg(sentences=("sentence_id", "size"),
                                                  outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
                                                  cues=("term", lambda s: ", ".join(sorted(set(s.str.lower()))))).reset_index()
    return out.sort_values(["sentences", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


@memoized
def audit_examples(corpus: Corpus, matches: pd.DataFrame, per_frame: int = 3) -> pd.DataFrame:
    """Example matches per frame for a reader to check: up to ``per_frame`` examples that code (coded, negated or
    carried from the previous sentence; spread over outlets first) and up to ``per_frame`` dictionary matches that did
    not code (excluded, no context, vetoed by the classifier), each with the sentence; the classifier's ``plausible``
    rows are not matches and are left out. Columns: frame, status, file, outlet, sentence_id, term, start, end,
    sentence_start, text."""
    columns = ["frame", "status", "file", "outlet", "sentence_id", "term", "start", "end", "sentence_start", "text"]
    if matches.empty:
        return pd.DataFrame(columns=columns)
    body = _body(corpus)[["file", "sentence_id", "start", "text", "outlet"]].rename(columns={"start": "sentence_start"})
    where = ["file", "sentence_id"]
    assert pd.MultiIndex.from_frame(matches[where]).isin(pd.MultiIndex.from_frame(body[where])).all(), \
        "every match lies in a coded sentence"
    outlets = corpus.english.set_index("file")["outlet"]  # the outlet _body joined to each sentence
    matches = matches[matches["status"] != "plausible"]
    m = matches.assign(outlet=matches["file"].map(outlets), coded=matches["status"].isin(CARRIES))
    m = m.sort_values(["file", "sentence_id", "start"], kind="stable").drop_duplicates(["file", "sentence_id", "frame", "coded"])
    m["rank"] = m.groupby(["frame", "coded", "outlet"]).cumcount()
    m = m.sort_values(["frame", "coded", "rank", "file", "sentence_id"], ascending=[True, False, True, True, True],
                      key=_frame_key, kind="stable")
    out = m.groupby(["frame", "coded"], sort=False).head(per_frame)  # a few rows: only these get their sentences
    out = out.merge(body[[*where, "sentence_start", "text"]], on=where, how="left", validate="many_to_one")
    return out[columns].reset_index(drop=True)


def audit_html(examples: pd.DataFrame, labels: dict[str, str]) -> str:
    """The audit examples as an HTML table, the cue in ``<mark>`` and all sentence text HTML-escaped."""
    if examples.empty:
        return "<p>No dictionary matches in the corpus.</p>"
    rows = []
    for r in examples.itertuples(index=False):
        a, b = r.start - r.sentence_start, r.end - r.sentence_start
        sentence = html.escape(r.text[:a]) + "<mark>" + html.escape(r.text[a:b]) + "</mark>" + html.escape(r.text[b:])
        rows.append(f"<tr><td>{html.escape(labels.get(r.frame, r.frame))}</td><td>{html.escape(r.status)}</td>"
                    f"<td>{html.escape(r.outlet)} ({html.escape(r.file)} #{r.sentence_id})</td>"
                    f"<td style=\"text-align:left\">{sentence}</td></tr>")
    return ("<table><thead><tr><th>frame</th><th>status</th><th>article</th><th>sentence</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def flag_low_validity(labels: dict[str, str], evaluation: pd.DataFrame, threshold: float = 0.6) -> dict[str, str]:
    """Frame labels with " (low validity)" added to the frames whose F1 against independent hand coding is below
    ``threshold`` (frames with fewer than 5 coded positives are not judged)."""
    scored = evaluation[(evaluation["frame"] != "all") & (evaluation["gold_positives"] >= 5)]
    low = set(scored.loc[scored["f1"] < threshold, "frame"])
    return {f: f"{label} (low validity)" if f in low else label for f, label in labels.items()}


def validity_intervals(counts: pd.DataFrame, coder: str = "combined", n_resamples: int = N_RESAMPLES,
                       seed: int = BOOTSTRAP_SEED) -> pd.DataFrame:
    """95% bootstrap intervals of ``coder``'s precision and recall per frame (and ``all``), resampling the coded
    articles (the article is the unit, as for the frame shares: :func:`bootstrap`); NaN where a frame has no
    coded or no coder-coded sentence-frame.

    In: the per-article counts of :func:`helpers.annotate.validity.frame_validity_on_test_sets`.
    Out: ``frame, precision_lo, precision_hi, recall_lo, recall_hi`` (4 decimals), frames in the counts' order."""
    rows = []
    part = counts[counts["coder"] == coder]
    for frame in dict.fromkeys(part["frame"]):
        per_article = part[part["frame"] == frame].sort_values("file", kind="stable")
        tp = per_article["true_positives"].to_numpy(dtype=float)
        row = {"frame": frame}
        for name, denominator in (("precision", "coded"), ("recall", "gold_positives")):
            total = per_article[denominator].to_numpy(dtype=float)
            if len(total) == 0 or total.sum() == 0:
                row[f"{name}_lo"] = row[f"{name}_hi"] = float("nan")
                continue
            # the denominator over itself is 1 in a resample that has one, 0 in one that has none (left out)
            draws, drawn = bootstrap(total, np.column_stack([tp, total]), n_resamples, seed).T
            lo, hi = np.quantile(draws[drawn > 0], [0.025, 0.975]) if (drawn > 0).any() else (float("nan"), float("nan"))
            row[f"{name}_lo"], row[f"{name}_hi"] = round(float(lo), 4), round(float(hi), 4)
        rows.append(row)
    return pd.DataFrame(rows, columns=["frame", "precision_lo", "precision_hi", "recall_lo", "recall_hi"])


def validity_table(validation: pd.DataFrame, agreement: pd.DataFrame, intervals: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per frame (and ``all``): how many sentence-frames the independent coding has (``gold``), the F1 of
    the dictionary and of the classifier alone, the precision, recall and F1 of the combined coding the notebooks
    use (with ``intervals``, each followed by its 95% interval, ``_lo`` and ``_hi``), and the two coders' Cohen's
    kappa (``all``: any frame).

    In: :func:`helpers.annotate.validity.evaluate_frame_coding`, :func:`helpers.annotate.validity.frame_agreement`
    and optionally :func:`validity_intervals` of the combined coding."""
    wide = validation.pivot(index="frame", columns="coder", values=["precision", "recall", "f1"])
    gold = validation.drop_duplicates("frame").set_index("frame")["gold_positives"]
    kappa = agreement.set_index("coded")["kappa"].rename({"any frame": "all"})
    out = pd.DataFrame({"gold": gold, "dictionary_f1": wide[("f1", "dictionary")], "classifier_f1": wide[("f1", "classifier")],
                        "precision": wide[("precision", "combined")], "recall": wide[("recall", "combined")],
                        "f1": wide[("f1", "combined")], "kappa": kappa.reindex(gold.index)})
    if intervals is not None:
        bounds = intervals.set_index("frame").reindex(gold.index)
        for name in ("recall", "precision"):
            at = out.columns.get_loc(name) + 1
            out.insert(at, f"{name}_hi", bounds[f"{name}_hi"])
            out.insert(at, f"{name}_lo", bounds[f"{name}_lo"])
    return out.reset_index().rename(columns={"index": "frame"}).sort_values("frame", key=_frame_key, kind="stable").reset_index(drop=True)


def validity_by_set(per_set: pd.DataFrame, pooled: pd.DataFrame, coder: str = "combined") -> pd.DataFrame:
    """One row per test set, then ``all test sets``: its articles, coded sentences, sentence-frames in the
    independent coding (``gold``) and ``coder``'s micro precision, recall and F1 there, so a reader sees how far
    the pooled score varies between sets.

    In: the per-set and pooled scores of :func:`helpers.annotate.validity.frame_validity_on_test_sets`."""
    rows = per_set[(per_set["coder"] == coder) & (per_set["frame"] == "all")]
    total = pooled[(pooled["coder"] == coder) & (pooled["frame"] == "all")].iloc[0]
    out = pd.DataFrame({"test_set": rows["set"], "articles": rows["articles"], "sentences": rows["sentences"],
                        "gold": rows["gold_positives"], "precision": rows["precision"], "recall": rows["recall"],
                        "f1": rows["f1"]})
    assert int(out["gold"].sum()) == int(total["gold_positives"]), "the pooled score covers every test set"
    out.loc[len(out)] = ["all test sets", int(out["articles"].sum()), int(out["sentences"].sum()), int(total["gold_positives"]),
                         total["precision"], total["recall"], total["f1"]]
    return out.reset_index(drop=True)


def error_types(errors: pd.DataFrame) -> pd.DataFrame:
    """Errors of the coding by type (:func:`helpers.annotate.validity.frame_coding_errors`): one row per error and
    type with the sentence-frames it counts and the frames most affected (at most three, with counts)."""
    if errors.empty:
        return pd.DataFrame(columns=["error", "type", "sentence_frames", "frames"])
    rows = []
    for (error, kind), part in errors.groupby(["error", "type"], sort=True):
        top = part["frame"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(3)
        rows.append({"error": error, "type": kind, "sentence_frames": len(part),
                     "frames": ", ".join(f"{f} ({n})" for f, n in top.items())})
    return pd.DataFrame(rows, columns=["error", "type", "sentence_frames", "frames"])
