"""Framing measures (helpers.analysis.framing): the coded sentences and their voice, outlet shares, bootstrap,
CAATSA naming, audit and KWIC, on small corpora and the seeds."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, article, row
from helpers.analysis import framing, kwic
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus
from helpers.extract import frames


def coded_sentences(corpus, classifier: bool = False):
    """The coding; by default the dictionary's alone, whose rules these tests pin down (the combined coding is
    tested in test_the_classifier_adds_frames_and_says_so)."""
    return framing.code_sentences(annotations(corpus).matches, classifier=classifier)


# --------------------------------------------------------------------------------------------- corpus, voice, export
BODY = (
    "Washington has warned that the purchase could invite sanctions under CAATSA, officials said.\n\n"
    "“Our special and privileged strategic partnership is strong,” Lavrov said.\n\n"
    "The deliveries of the S-400 regiments are on schedule.\n"
)


@pytest.fixture
def small(make_corpus):
    folder = make_corpus({"a.txt": article(body=BODY)}, rows=[row("a.txt", outlet="Outlet A")])
    return load_corpus(folder)


def test_voice_and_speaker(small):
    table = coded_sentences(small).set_index("frame")
    assert table.loc["us_pressure", "voice"] == "journalist"
    assert table.loc["partnership", "voice"] == "quoted"
    assert table.loc["partnership", "speaker"] == "Sergey Lavrov" and table.loc["partnership", "side"] == "Russia"
    assert table.loc["deal_delivery", "voice"] == "journalist" and table.loc["deal_delivery", "speaker"] == ""


def test_matches_point_at_their_terms(small):
    matches = annotations(small).matches
    text = small.text("a.txt")
    assert len(matches) and all(text[a:b] == t for a, b, t in zip(matches["start"], matches["end"], matches["term"]))
    assert set(matches["status"]) <= set(frames.STATUSES)


def test_outlet_shares_and_voices(small):
    coded_df = coded_sentences(small)
    shares = framing.outlet_shares(small, coded_df).set_index("frame")
    sentences = len(small.sentences)  # headline, subheads and body: the codebook codes them alike
    assert (shares["sentences"] == sentences).all() and sentences > int((small.sentences["kind"] == "body").sum())
    assert shares.loc["partnership", "framed_quoted"] == 1 and shares.loc["partnership", "framed_journalist"] == 0
    assert shares.loc["partnership", "share"] == round(1 / sentences, 4)
    assert shares["lo"].isna().all() and shares["hi"].isna().all()  # one article: too few for an interval


def test_intervals_and_the_outlet_test_need_five_articles(make_corpus):
    files, rows = {}, []
    for i in range(12):
        pressure = i < 6  # outlet A writes about US pressure in every sentence, outlet B never
        body = ("Washington warned of CAATSA sanctions over the S-400 purchase, officials said.\n\n" * 3 if pressure
                else "The two navies held a friendly port call in Vladivostok, officials said.\n\n" * 3)
        files[f"a{i:02d}.txt"] = article(title=f"Report {i}", body=body)
        rows.append(row(f"a{i:02d}.txt", outlet="Outlet A" if pressure else "Outlet B"))
    corpus = load_corpus(make_corpus(files, rows=rows))
    coded_df = coded_sentences(corpus)
    shares = framing.outlet_shares(corpus, coded_df).set_index(["outlet", "frame"])
    a = shares.loc[("Outlet A", "us_pressure")]
    assert a["share"] > 0 and a["lo"] <= a["share"] <= a["hi"]
    test = framing.outlet_differences(corpus, coded_df, n_permutations=500).set_index("frame")
    assert bool(test.loc["us_pressure", "differs"]) and test.loc["us_pressure", "p_holm"] < 0.05
    assert test.loc["us_pressure", "highest"] == "Outlet A" and test.loc["us_pressure", "lowest"] == "Outlet B"
    assert test["comparisons"].iloc[0] == int(test["p_holm"].notna().sum())
    shuffled = corpus.articles.assign(outlet=["Outlet A" if i % 2 else "Outlet B" for i in range(len(corpus.articles))])
    corpus.articles = shuffled
    mixed = framing.outlet_differences(corpus, coded_df, n_permutations=500).set_index("frame")
    assert not bool(mixed.loc["us_pressure", "differs"])


def test_export_has_frames_table(small):
    from helpers.report.export import tables
    out = tables(small)["frames"]
    assert list(out.columns) == frames.CODED_COLUMNS
    body = small.sentences[small.sentences["kind"] == "body"]["sentence_id"]
    assert len(out[out["sentence_id"].isin(body)]) == 3 and not out["negated"].any() and (out["context"] == "").all()


def test_the_classifier_adds_frames_and_says_so(small):
    alone, combined = coded_sentences(small), coded_sentences(small, classifier=True)
    key = ["file", "sentence_id", "frame"]
    assert set(map(tuple, alone[key].to_numpy())) <= set(map(tuple, combined[key].to_numpy()))
    assert (alone["coder"] == "dictionary").all()
    extra = combined.merge(alone[key], on=key, how="left", indicator=True)
    extra = extra[extra["_merge"] == "left_only"]
    assert (extra["coder"] == "classifier").all() and (extra["term"] == "").all()


def test_denial_is_coded_and_flagged(make_corpus):
    body = ("“These relations are not aimed at a military alliance,” Lavrov said.\n\n"
            "Russia and China are forming a military alliance, analysts said.\n")
    corpus = load_corpus(make_corpus({"a.txt": article("Talks in Delhi", body)}, rows=[row("a.txt")]))
    coded = coded_sentences(corpus)
    order = coded[coded["frame"] == "regional_order"].sort_values("sentence_id")
    assert order["negated"].tolist() == [True, False]


def test_a_sentence_that_points_back_carries_the_frames_before_it(make_corpus):
    body = ("Washington warned that the S-400 purchase could invite CAATSA sanctions, and China objected.\n\n"
            "The measure would hit Indian firms.\n\n"
            "It is unclear how.\n\n"
            "Officials in New Delhi met on Monday.\n")
    corpus = load_corpus(make_corpus({"a.txt": article("Talks in Delhi", body)}, rows=[row("a.txt")]))
    coded = coded_sentences(corpus)
    sid = dict(zip(corpus.sentences["text"], corpus.sentences["sentence_id"]))
    carried = coded[coded["context"] == "previous"]
    # "The measure" carries the US pressure (legislation points back to it) but not China, which is named, not
    # pointed back to; "It" continues the chain; a sentence with its own subject carries nothing
    assert set(zip(carried["sentence_id"], carried["frame"], carried["term"])) == {
        (sid["The measure would hit Indian firms."], "us_pressure", "The measure"),
        (sid["It is unclear how."], "us_pressure", "It")}
    matches = annotations(corpus).matches
    text = corpus.text("a.txt")
    assert all(text[a:b] == t for a, b, t in zip(matches["start"], matches["end"], matches["term"]))


def test_seed_known_answers():
    corpus = load_corpus(SEEDS)
    coded_df = coded_sentences(corpus)
    assert not coded_df.duplicated(["file", "sentence_id", "frame"]).any()
    naming = framing.caatsa_naming(corpus, coded_df).set_index("outlet")
    # only ThePrint names CAATSA in the seeds (by acronym and full name)
    assert naming.loc["ThePrint", "naming"] == "names CAATSA"
    assert (naming.drop(index="ThePrint")["caatsa_mentions"] == 0).all()
    # the Times of India's "Western sanctions on Moscow" is the Ukraine war, not US pressure
    toi = coded_df[(coded_df["file"] == "002_516855880d70a180.txt") & (coded_df["sentence_id"] == 16)]
    assert set(toi["frame"]) == {"ukraine_war"}


# --------------------------------------------------------------------------------------------- bootstrap
def test_bootstrap_is_seeded_and_sensible():
    sentences = np.array([10, 20, 30])
    framed = np.array([[0, 10], [5, 20], [9, 30]])
    a = framing.bootstrap(sentences, framed, 500, seed=1)
    b = framing.bootstrap(sentences, framed, 500, seed=1)
    assert a.shape == (500, 2) and np.array_equal(a, b)
    assert np.all(a[:, 1] == 1.0)                      # a frame in every sentence stays at 100%
    assert 0.15 < a[:, 0].mean() < 0.3                 # around the pooled share 14/60
    assert not np.array_equal(a, framing.bootstrap(sentences, framed, 500, seed=2))
    # one article: every resample is that article, so the share never varies (sentences are not resampled)
    assert np.all(framing.bootstrap(np.array([12]), np.array([[3, 0]]), 50, seed=1) == [0.25, 0.0])


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=12),
       st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_bootstrap_is_the_article_resampling_it_says(articles, seed):
    """Each resample equals drawing articles with replacement (the same draws, done one by one) and pooling them;
    so every resampled share lies between the smallest and the largest article share."""
    sentences = np.array([n for n, _, _ in articles])
    framed = np.array([[min(a, n), min(b, n)] for n, a, b in articles])
    got = framing.bootstrap(sentences, framed, 30, seed)
    picks = np.random.default_rng(seed).integers(0, len(articles), size=(30, len(articles)))
    for r in range(30):
        n, f = sentences[picks[r]].sum(), framed[picks[r]].sum(axis=0)
        assert np.allclose(got[r], f / n if n else 0.0, rtol=0, atol=1e-12)
    shares = framed[sentences > 0] / sentences[sentences > 0][:, None]
    if len(shares):
        assert np.all(got[sentences[picks].sum(axis=1) > 0] >= shares.min(axis=0) - 1e-12)
        assert np.all(got <= shares.max(axis=0) + 1e-12)


# --------------------------------------------------------------------------------------------- audit and KWIC
def test_audit_html_escapes_text():
    examples = pd.DataFrame([{"frame": "us_pressure", "status": "coded", "file": "a.txt", "outlet": "<b>O</b>",
                              "sentence_id": 1, "term": "CAATSA", "start": 18, "end": 24, "sentence_start": 10,
                              "text": "<script>CAATSA & more"}])
    out = framing.audit_html(examples, {"us_pressure": "US pressure"})
    assert "<script>" not in out and "&lt;script&gt;<mark>CAATSA</mark> &amp; more" in out and "&lt;b&gt;O" in out


def test_kwic_context(small):
    table = kwic.kwic(small, ("S-400",))
    assert list(table["match"]) == ["S-400"]
    assert table.iloc[0]["left"].endswith("The deliveries of the ") and table.iloc[0]["voice"] == "journalist"


def test_seed_copy_gives_same_coding(seeds_copy):
    shutil.copy(SEEDS / "articles.csv", seeds_copy / "articles.csv")
    a = coded_sentences(load_corpus(SEEDS))
    b = coded_sentences(load_corpus(seeds_copy))
    pd.testing.assert_frame_equal(a, b)


def test_folded_shares_keep_the_named_outlets_rows_and_seeds_follow_names(tmp_path, monkeypatch):
    """With named outlets the figure's table has exactly the full table's rows for them (same intervals), plus
    "other outlets"; an outlet's interval does not depend on which other outlets are in the corpus."""
    import sys

    sys.path.insert(0, str(SEEDS.parent / "tools"))
    import synthetic

    monkeypatch.setenv("S400_CACHE", "off")
    synthetic.make_corpus(tmp_path / "c", 120, seed=3)
    corpus = load_corpus(tmp_path / "c")
    coded = framing.code_sentences(annotations(corpus).matches)
    full = framing.outlet_shares(corpus, coded, n_resamples=200)
    counts = corpus.english["outlet"].value_counts()
    named = sorted(counts.index[:3])
    folded = framing.outlet_shares(corpus, coded, n_resamples=200, named=named)
    assert sorted(set(folded["outlet"])) == sorted([*named, "other outlets"])
    pd.testing.assert_frame_equal(folded[folded["outlet"].isin(named)].reset_index(drop=True),
                                  full[full["outlet"].isin(named)].reset_index(drop=True))
    other = folded[folded["outlet"] == "other outlets"]
    assert other["articles"].iloc[0] == counts.iloc[3:].sum() and other["lo"].notna().all()
    big = counts.index[0]
    per_article = framing.article_shares(corpus, coded)
    alone = framing._shares_table(per_article[per_article["outlet"] == big], 200, framing.BOOTSTRAP_SEED)
    pd.testing.assert_frame_equal(alone, full[full["outlet"] == big].reset_index(drop=True))


def test_validity_by_set_has_one_row_per_set_and_the_pooled_row():
    per_set = pd.DataFrame({"coder": ["combined", "combined", "dictionary"], "frame": ["all"] * 3,
                            "gold_positives": [10, 30, 10], "precision": [0.5, 0.9, 0.4], "recall": [0.6, 0.7, 0.3],
                            "f1": [0.55, 0.79, 0.34], "set": ["one", "two", "one"], "articles": [2, 3, 2],
                            "sentences": [20, 40, 20]})
    pooled = pd.DataFrame({"coder": ["combined"], "frame": ["all"], "gold_positives": [40], "precision": [0.8],
                           "recall": [0.675], "f1": [0.73]})
    table = framing.validity_by_set(per_set, pooled)
    assert table["test_set"].tolist() == ["one", "two", "all test sets"]
    assert table.iloc[-1][["articles", "sentences", "gold", "precision"]].tolist() == [5, 60, 40, 0.8]
    with pytest.raises(AssertionError, match="every test set"):
        framing.validity_by_set(per_set, pooled.assign(gold_positives=41))


def _counts(rows):
    return pd.DataFrame(rows, columns=["file", "coder", "frame", "gold_positives", "coded", "true_positives"])


def test_validity_intervals_have_known_answers():
    # every article has precision 1/2 and recall 1/4: every resample gives the same, so the interval is a point
    same = _counts([(f"a{i}", "combined", "all", 4, 2, 1) for i in range(6)])
    row = framing.validity_intervals(same).iloc[0]
    assert (row["precision_lo"], row["precision_hi"], row["recall_lo"], row["recall_hi"]) == (0.5, 0.5, 0.25, 0.25)
    # no coded sentence-frame at all: precision is undefined, recall is 0
    none = _counts([(f"a{i}", "combined", "all", 3, 0, 0) for i in range(6)])
    row = framing.validity_intervals(none).iloc[0]
    assert np.isnan(row["precision_lo"]) and (row["recall_lo"], row["recall_hi"]) == (0.0, 0.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)), min_size=2, max_size=12))
def test_validity_intervals_lie_within_what_the_articles_allow(articles):
    rows = [(f"a{i}", "combined", "all", g, c, min(g, c, t)) for i, (g, c, t) in enumerate(articles)]
    counts = _counts(rows)
    row = framing.validity_intervals(counts, n_resamples=200).iloc[0]
    for name, denominator in (("precision", "coded"), ("recall", "gold_positives")):
        usable = counts[counts[denominator] > 0]
        if usable.empty:
            assert np.isnan(row[f"{name}_lo"])
            continue
        rates = usable["true_positives"] / usable[denominator]
        assert rates.min() - 5e-5 <= row[f"{name}_lo"] <= row[f"{name}_hi"] <= rates.max() + 5e-5  # 4 decimals



def test_article_shares_follow_an_outlet_edited_in_place(small):
    """The sentences joined to their outlets are kept on the corpus by content: renaming an outlet in place is seen."""
    before = framing.article_shares(small, coded_sentences(small))
    small.articles["outlet"] = "Renamed Outlet"
    after = framing.article_shares(small, coded_sentences(small))
    assert set(after["outlet"]) == {"Renamed Outlet"} != set(before["outlet"])
