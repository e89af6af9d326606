"""Literal prefilters (helpers/extract/prefilter.py): a skipped search is one that could not have matched."""
from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from helpers.corpus.load import load_corpus
from helpers.extract import claims, events, frames, mentions, prefilter


@lru_cache(maxsize=1)
def knowledge_patterns() -> tuple[re.Pattern, ...]:
    """Every regex of the knowledge files that a prefilter gates: claim topics and rules, event phrases and
    keywords, frame terms and their requires/unless, the keywords counted in every article."""
    out = [p for rule in claims.rules() for p in (rule.topic, rule.pattern)]
    out += [p for _, p in mentions.keywords()]
    out += [rule.pattern for rule in events.load_topics()]
    out += [p for f in frames.load_frames() for t in f.terms for p in (t.pattern, *t.requires, t.unless)]
    return tuple(sorted({p for p in out if p is not None}, key=lambda p: p.pattern))


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    return tuple(load_corpus(SEEDS).sentences["text"])


#: Words and pieces the knowledge files look for, with look-alikes a case-insensitive regex also matches.
_PIECES = ["India ", "S-400 ", "s400 ", "air defence ", "Air-Defense ", "Triumf ", "deal ", "contract worth ",
           "$5.43 billion ", "Rs 40,000 crore ", "five units ", "third regiment ", "in October 2018, ", "signed ",
           "CAATSA ", "Countering America’s Adversaries Through Sanctions Act ", "enacted ", "delivery ", "deliveries ",
           "will be completed by 2023 ", "soon ", "sanctions ", "waiver ", "US ", "Washington ", "Moscow ", "Turkey ",
           "China ", "partnership ", "ſ", "İ", "ı", "K", "-", ", ", ". ", "x", "1", "’s ", "sanctioned", "Triumph ", "(CAATSA)"]


def test_every_seed_sentence_is_searched_as_the_pattern_would():
    for sentence in seed_sentences():
        low = prefilter.matching_low(sentence)
        for pattern in knowledge_patterns():
            found = pattern.search(sentence) is not None
            assert prefilter.search(pattern, sentence, low) is found, (pattern.pattern, sentence)
            assert prefilter.may_occur(pattern, low, 0, len(sentence)) or not found, (pattern.pattern, sentence)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_the_prefilter_never_skips_a_match(sentence):
    low = prefilter.matching_low(sentence)
    for pattern in knowledge_patterns():
        found = pattern.search(sentence) is not None
        assert prefilter.search(pattern, sentence, low) is found, pattern.pattern
        assert prefilter.may_occur(pattern, low, 0, len(sentence)) or not found, pattern.pattern


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["S-4", "00s", "Sanct", "ions"]), max_size=25).map("".join))
def test_a_count_is_findalls_count(text):
    """count() matches only where a literal beginning is, left to right: the number of findall's matches, for every
    knowledge-file pattern (matches that touch, overlap or run on, like "S-400s Triumph", included)."""
    low = prefilter.matching_low(text)
    for pattern in knowledge_patterns():
        assert prefilter.count(pattern, text, low) == len(pattern.findall(text)), pattern.pattern


def test_a_count_on_the_seeds_is_findalls_count():
    texts = tuple(load_corpus(SEEDS).articles["text"])
    counted = 0
    for text in texts:
        low = prefilter.matching_low(text)
        for pattern in knowledge_patterns():
            expected = len(pattern.findall(text))
            assert prefilter.count(pattern, text, low) == expected, pattern.pattern
            counted += expected
    assert counted > 100


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["S-4", "Tri"]), max_size=20).map("".join), st.data())
def test_occurs_is_any_part_occurring(text, data):
    """occurs() written out equals any of its parts occurring (_part_occurs: anchored, ungated, many beginnings, a
    few beginnings), on any span of a text, for every knowledge-file pattern."""
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    low = prefilter.matching_low(text)
    for pattern in knowledge_patterns():
        expected = any(prefilter._part_occurs(part, gate, text, low, a, b) for part, gate in prefilter.gated_parts(pattern))
        assert prefilter.occurs(pattern, text, low, a, b) is expected, pattern.pattern


def test_absent_literals_skip_the_search():
    topic = re.compile(r"(?i)\bS-?400|\bair[- ]defen[cs]e\b|\bTriumf\b")
    assert not prefilter.may_occur(topic, prefilter.matching_low("Nothing about it here."), 0, 22)
    assert prefilter.may_occur(topic, prefilter.matching_low("The S400 arrived."), 0, 17)
    assert not prefilter.may_occur(topic, prefilter.matching_low("Bus-400"), 0, 7)  # not at a word start
    # an alternative anchored with ^ (a lookahead over the whole sentence) is never skipped
    assert prefilter.may_occur(re.compile(r"^(?!.*India)|\bTurkey"), "", 0, 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["india", "ind", "us", "u.s.", "new d", "x", "_", " ", "-", "é", "1"]), max_size=15).map("".join),
       st.integers(0, 6), st.booleans())
def test_beginnings_found_with_one_regex_are_those_found_one_by_one(low, a, word_start):
    gate = (("india", "us", "u.s.", "new d", "x1", "é", "ind1a"), word_start)
    assert len(gate[0]) > prefilter.FEW_PREFIXES  # found with one regex
    a = min(a, len(low))
    with_regex = prefilter.starts(gate, low, a, len(low))
    original = prefilter.FEW_PREFIXES
    prefilter.FEW_PREFIXES = 100
    try:
        one_by_one = prefilter.starts(gate, low, a, len(low))
    finally:
        prefilter.FEW_PREFIXES = original
    assert with_regex == sorted(set(with_regex)) and set(with_regex) == set(one_by_one)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES + ["S-4", "Tri"]), max_size=8).map("".join), max_size=6),
       st.sampled_from(["", " ", "\n", "x", "S-4", "00 ", "umf "]))
def test_where_a_pattern_may_occur_is_may_occur_span_by_span(sentences, gap):
    """where_possible (one pass over the text per literal beginning) gives exactly the spans where may_occur
    holds, whatever lies between the spans (even the start of a literal); joined() keeps every sentence apart."""
    text, spans = "", []
    for sentence in sentences:
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + gap
    low = prefilter.matching_low(text)
    lows = [prefilter.matching_low(s) for s in sentences]
    together, their_spans = prefilter.joined(lows)
    assert [together[a:b] for a, b in their_spans] == lows
    memo: dict = {}  # shared by every pattern, as the claim rules share it
    for pattern in knowledge_patterns():
        expected = {i for i, (a, b) in enumerate(spans) if prefilter.may_occur(pattern, low, a, b)}
        found = prefilter.where_possible(pattern, low, spans)
        assert (set(range(len(spans))) if found is None else found) == expected, pattern.pattern
        assert prefilter.where_possible(pattern, low, spans, memo) == found, pattern.pattern
        if found is None:
            assert any(gate is None or gate is prefilter.ANCHORED for _, gate in prefilter.gated_parts(pattern))
        alone = {i for i, s in enumerate(lows) if prefilter.may_occur(pattern, s, 0, len(s))}
        found = prefilter.where_possible(pattern, together, their_spans)
        assert (set(range(len(lows))) if found is None else found) == alone, pattern.pattern


def test_claims_of_an_article_are_those_of_its_sentences_one_by_one():
    """Claims gated per article (the rules whose literal beginnings a sentence holds) equal the claims found
    sentence by sentence with every rule tried."""
    sentences = list(enumerate(seed_sentences()))
    rows = claims.article_claims("f", "o", "p", sentences)
    expected = [(sid, c["claim"], c["value"], c["as_written"]) for sid, s in sentences for c in claims.sentence_claims(s)]
    assert [(r["sentence_id"], r["claim"], r["value"], r["as_written"]) for r in rows] == expected
    assert len(expected) > 10


def test_a_beginning_that_runs_past_a_span_does_not_count_for_it():
    topic = re.compile(r"(?i)\bS-?400\b")
    text = "They bought the S-400 and more"
    assert prefilter.where_possible(topic, prefilter.matching_low(text), [(0, 18), (19, 30)]) == set()
    assert prefilter.where_possible(topic, prefilter.matching_low(text), [(0, 21), (22, 30)]) == {0}
