"""Paragraphs and sentences: the beat's abbreviations, and offsets that tile the cleaned text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.corpus import clean
from helpers.corpus.load import load_corpus
from helpers.corpus.structure import count_words, has_words, join_wrapped, split_sentences, structure, words_from_spans


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("External Affairs Minister S. Jaishankar met Lavrov. They spoke.", ["External Affairs Minister S. Jaishankar met Lavrov.", "They spoke."]),
    ("The U.S. Defence Secretary visited. He left.", ["The U.S. Defence Secretary visited.", "He left."]),
    ("India told the U.S. The deal stands.", ["India told the U.S.", "The deal stands."]),
    ("Dr. Jaishankar and Mr. Lavrov met Gen. Rawat on Jan. 6 in Delhi. Talks ended.", ["Dr. Jaishankar and Mr. Lavrov met Gen. Rawat on Jan. 6 in Delhi.", "Talks ended."]),
    ("It was resolution No. 5 of the body. Next item.", ["It was resolution No. 5 of the body.", "Next item."]),
    ("India signed a USD 5 bn deal. The S-400s arrive soon.", ["India signed a USD 5 bn deal.", "The S-400s arrive soon."]),
    ("“We are partners. We are friends,” he said. Then he left.", ["“We are partners.", "We are friends,” he said.", "Then he left."]),
    ("The USA says this overtly…but we know. Later… We agreed.", ["The USA says this overtly…but we know.", "Later…", "We agreed."]),
    ("He paused... and then spoke. Next.", ["He paused... and then spoke.", "Next."]),
    ("Amitabh P. Revi asked T.C.A. Raghavan about it. Fine.", ["Amitabh P. Revi asked T.C.A. Raghavan about it.", "Fine."]),
    ("Is it on track? Yes! It is.", ["Is it on track?", "Yes!", "It is."]),
    ("The deal was signed in 2018. 22 years ago summits began.", ["The deal was signed in 2018.", "22 years ago summits began."]),
])
def test_sentence_splitting(text, expected):
    assert sentences(text) == expected


def test_wrapped_lines_joined_but_paragraph_lines_not():
    assert join_wrapped(["The S-400 deal was", "signed in 2018.", "New paragraph here."]) == ["The S-400 deal was signed in 2018.", "New paragraph here."]


def test_headline_and_subhead_kinds():
    built = structure(["India, Russia firm on S-400 deal", "Body sentence one. Body two.", "Moscow format of talks", "More body."])
    assert [p["kind"] for p in built.paragraphs] == ["headline", "body", "subhead", "body"]
    assert [s["text"] for s in built.sentences] == ["India, Russia firm on S-400 deal", "Body sentence one.", "Body two.", "Moscow format of talks", "More body."]


def assert_tiles(text, rows):
    position = 0
    for row in rows:
        assert row["text"] == text[row["start"]:row["end"]]
        assert row["start"] >= position and text[position:row["start"]].strip() == ""
        assert row["text"] == row["text"].strip() and row["text"]
        position = row["end"]
    assert text[position:].strip() == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aA1 .?!…“”\"’'()-,:S")) | st.characters(blacklist_categories=("Cs",)), max_size=120), max_size=8))
def test_sentence_offsets_tile_cleaned_text(raw_lines):
    lines = [l for l in (clean.normalise_line(x.replace("\n", " ")) for x in raw_lines) if l]
    built = structure(lines)
    assert_tiles(built.text, built.sentences)
    assert_tiles(built.text, built.paragraphs)


def test_seed_sentences_tile_and_count():
    corpus = load_corpus()
    for file, group in corpus.sentences.groupby("file"):
        assert_tiles(corpus.text(file), group.to_dict("records"))
    counts = corpus.articles.set_index("file")["n_sentences"].to_dict()
    assert counts == {"000_5a026168706b12fc.txt": 14, "001_3997130cec943da5.txt": 47, "002_516855880d70a180.txt": 30,
                      "003_a9a0456af7e62718.txt": 27, "004_0833fe002a5a5444.txt": 32}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["India", " ", "S-400", "’s", "-", "'", "x", "1", ".", "\n", "é"]), max_size=14).map("".join),
       st.integers(-1, 8))
def test_has_words_is_a_word_count_compared(text, n):
    assert has_words(text, n) == (count_words(text) >= n)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["India", " ", "\n", "S-400", "’s", "-", "'", "x", "1", ".", "é"]), max_size=24).map("".join),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6))
def test_words_from_spans_is_the_word_count_of_the_text(text, cuts):
    """Whatever the spans (overlapping, touching, leaving words out, out of order), their words are taken only when
    they are the text's own; the sentences the loader makes are taken."""
    spans = sorted((a, a + b, text[a:a + b]) for a, b in cuts)
    assert words_from_spans(text, spans, count_words("\n".join(piece for *_, piece in spans))) == count_words(text)
    built = structure([line for line in text.split("\n") if line.strip()])
    pieces = [(s["start"], s["end"], s["text"]) for s in built.sentences]
    assert words_from_spans(built.text, pieces, -1) == -1  # the given count is taken


def test_words_from_spans_takes_the_count_only_when_the_spans_cover_the_words():
    text = "India signed. The deal"
    assert words_from_spans(text, [(0, 13, "India signed."), (14, 22, "The deal")], 99) == 99  # taken, as given
    assert words_from_spans(text, [(0, 13, "India signed.")], 2) == 4  # a word outside: counted afresh
    assert words_from_spans(text, [(0, 13, "India signed."), (14, 22, "The DEAL")], 99) == 4  # not the text's spans
    assert words_from_spans("ab’cd", [(0, 3, "ab’"), (3, 5, "cd")], 2) == 1  # no white space between: afresh
