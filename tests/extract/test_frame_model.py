"""The second frame coder (helpers.extract.frame_model): trained only on sentences outside the test part, its
training file is what tools/frame_training.py builds, deterministic, bad rows reported."""
from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from helpers.annotate.validity import DEVPAGES_DIR, FORMER_TEST_DIRS, MIN_PRECISION, TEST_SET_DIRS, choose_threshold
from helpers.extract import frame_model
from helpers.knowledge import KnowledgeFileError


def tool():
    spec = importlib.util.spec_from_file_location("frame_training", ROOT / "tools" / "frame_training.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_file_is_built_by_the_tool_and_never_holds_test_sentences():
    assert frame_model.TRAINING_FILE.read_text(encoding="utf-8") == tool().render()
    training = {t for t, _ in frame_model.load_training()}
    development: set[str] = set()
    for folder in (DEVPAGES_DIR, *FORMER_TEST_DIRS):  # the development data: every sentence but page noise
        coding = pd.read_csv(folder / "frames" / "coder_a.csv", dtype=str, keep_default_na=False)
        assert set(coding.loc[coding["noise"] != "yes", "text"]) <= training
        development |= set(coding["text"])
    sources = set(pd.read_csv(frame_model.TRAINING_FILE, dtype=str, keep_default_na=False)["source"])
    for folder in TEST_SET_DIRS:  # the untouched test sets: never a source, and none of their sentences ...
        coding = pd.read_csv(folder / "frames" / "coder_a.csv", dtype=str, keep_default_na=False)
        assert len(coding) and folder.name not in sources
        shared = training & set(coding["text"])
        # ... but one that a writer of a development set happened to write word for word too (fresh pages 9 p12 and
        # fresh pages 4 i11 both reword the same wire report of the first payment; tests/fresh9/README.md)
        assert shared <= development and len(shared) <= 1


def test_threshold_is_the_one_chosen_on_the_development_part():
    """THRESHOLD and VETO must be what leave-one-article-out cross-validation on the development data picks;
    retrain or recode the development data and this fails until the constants are updated to the new choice."""
    chosen, veto, scores = choose_threshold()
    assert (chosen, veto) == (frame_model.THRESHOLD, frame_model.VETO)
    best = scores.set_index(["threshold", "veto"]).loc[(chosen, veto)]
    assert best["precision"] >= MIN_PRECISION
    assert best["f1"] == scores.loc[scores["precision"] >= MIN_PRECISION, "f1"].max()


def test_threshold_trades_recall_for_precision():
    text = ["India and Russia discussed the next batch of equipment and how it would be paid for."]
    frames, p = frame_model.probabilities(text)
    found = {}
    for threshold in (0.3, 0.5, 0.65, 0.9):
        found[threshold] = sorted(frame_model.predict(text, threshold)[0])
        assert found[threshold] == sorted(frames[j] for j in range(len(frames)) if p[0, j] >= threshold)
    assert set(found[0.9]) <= set(found[0.65]) <= set(found[0.5]) <= set(found[0.3]) and found[0.9] != found[0.3]


def test_predictions_are_deterministic_and_sensible():
    texts = ["The first regiment of the S-400 systems was handed over to India on schedule.",
             "Washington warned New Delhi of CAATSA sanctions over the purchase.",
             "The weather in the capital was mild on Sunday."]
    first = frame_model.predict(texts)
    frame_model.model.cache_clear()
    assert frame_model.predict(texts) == first
    assert "deal_delivery" in first[0] and "us_pressure" in first[1] and first[2] == []
    assert frame_model.predict([]) == []


def test_bad_training_rows_are_reported(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text("source,text,frames\nx,Some text,no_such_frame\nx,,us_pressure\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"line 2: unknown frame id.*line 3: empty text"):
        frame_model.load_training(path, frozenset({"us_pressure"}))
    with pytest.raises(KnowledgeFileError, match=r"line 3: empty text"):
        frame_model.load_training(path)
    good = tmp_path / "good.csv"
    good.write_text("source,text,frames\nx,Some text,no_such_frame\n", encoding="utf-8")
    frame_model.load_training(good)  # the frame ids are checked against the dictionary's only when given
    with pytest.raises(KnowledgeFileError, match=r"line 2: unknown frame id\(s\) no_such_frame"):
        frame_model.check_frames(["us_pressure"], good)


def test_classify_gives_the_predicted_frames_and_the_plausible_ones():
    texts = ["The first regiment of the S-400 systems was handed over to India on schedule.",
             "Washington warned New Delhi of CAATSA sanctions over the purchase.",
             "India and Russia discussed the next batch of equipment and how it would be paid for.",
             "The weather in the capital was mild on Sunday."]
    both = frame_model.classify(texts)
    assert [added for added, _ in both] == frame_model.predict(texts)
    assert [kept for _, kept in both] == frame_model.predict(texts, frame_model.VETO)
    assert all(set(added) <= set(kept) for added, kept in both)
    assert frame_model.classify([]) == []


def _same_matrix(a, b) -> bool:
    return a.shape == b.shape and (a.indptr == b.indptr).all() and (a.indices == b.indices).all() \
        and np.array_equal(a.data, b.data)


def test_tfidf_is_scikit_learns_transform_bit_for_bit():
    """The fast TF-IDF (no per-call checks) gives scikit-learn's matrix exactly, so every decision is unchanged:
    on every training sentence and every seed sentence, in one batch and article-sized batches."""
    from helpers.corpus.load import load_corpus  # noqa: PLC0415

    vectoriser = frame_model.model()[0]
    texts = [t for t, _ in frame_model.load_training()] + load_corpus(ROOT / "seeds").sentences["text"].tolist()
    assert len(texts) > 2500
    assert _same_matrix(frame_model.tfidf(vectoriser, texts), vectoriser.transform(texts))
    for start in range(0, len(texts), 23):
        batch = texts[start:start + 23]
        assert _same_matrix(frame_model.tfidf(vectoriser, batch), vectoriser.transform(batch))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab SsIi-400 indRUSt.,’Éß\n")), max_size=60)
                | st.sampled_from(["S-400 deal India Russia", "the the the", "CAATSA sanctions waiver", ""]),
                min_size=1, max_size=8))
def test_tfidf_equals_scikit_learn_on_any_text(texts):
    vectoriser = frame_model.model()[0]
    assert _same_matrix(frame_model.tfidf(vectoriser, texts), vectoriser.transform(texts))


def test_tfidf_finds_pairs_whose_words_have_no_column_of_their_own():
    """Fitted with ``max_df``, a word pair can be a column while its word is not ("the" is in every fitted text,
    "the 400" in two): the pair is still counted, the word alone is not."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415

    fitted = ["the 400 deal", "the 400 deal", "the rain", "the sea", "the sea"]
    other = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_df=0.7).fit(fitted)
    assert "the" not in other.vocabulary_ and "the 400" in other.vocabulary_ and "rain" in other.vocabulary_
    texts = ["400 deal, the 400 deal", "deal 400 rain the sea", "", "the the the sea", "zzz the", "the"]
    assert _same_matrix(frame_model.tfidf(other, texts), other.transform(texts))


def test_tfidf_falls_back_to_scikit_learn_for_other_settings():
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415

    texts = ["India bought the S-400.", "Sanctions were threatened over the S-400 purchase."]
    other = TfidfVectorizer(lowercase=False, ngram_range=(1, 2), sublinear_tf=True).fit(texts)  # "India" stays "India"
    assert _same_matrix(frame_model.tfidf(other, texts), other.transform(texts))
