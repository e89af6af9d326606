"""The trie regex (helpers.extract.trie) finds exactly what the flat alternation of its words, longest first, finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.extract.trie import trie_pattern

WORDS = st.lists(st.text(alphabet="abAB -.", min_size=1, max_size=5), min_size=1, max_size=8)
TEXT = st.text(alphabet="abAB -.x", max_size=40)


@settings(max_examples=500, deadline=None)
@given(WORDS, TEXT)
def test_trie_matches_the_flat_alternation_longest_first(words, text):
    """Same spans under finditer, with a lookahead after the words (so a shorter word must win where the longer
    one cannot end there) and with and without re.I (then with ``ignore_case``); words may be prefixes of one
    another and may differ only in case."""
    flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    for flags in (0, re.I):
        trie = trie_pattern(words, ignore_case=flags == re.I)
        for tail in ("", r"(?![ab])"):
            expected = [m.span() for m in re.finditer(f"(?:{flat}){tail}", text, flags)]
            assert [m.span() for m in re.finditer(f"(?:{trie}){tail}", text, flags)] == expected


def test_case_variants_need_ignore_case():
    """Without ``ignore_case`` a re.I trie of "A" and "aA" stops at "A" in "AA" (the case that the property test
    found); with it, it finds the longer word as the flat alternation does."""
    assert re.match(trie_pattern(["A", "aA"]), "AA", re.I).group(0) == "A"
    assert re.match(trie_pattern(["A", "aA"], ignore_case=True), "AA", re.I).group(0) == "AA"


def test_trie_prefers_the_longer_word_and_backs_off_to_the_shorter():
    pattern = re.compile("(?:" + trie_pattern(["Press Trust", "Press Trust of India", "AP", "APP"]) + r")(?!\w)")
    assert pattern.search("by Press Trust of India.").group(0) == "Press Trust of India"
    assert pattern.search("by Press Trust of Indians").group(0) == "Press Trust"
    assert pattern.search("(APP)").group(0) == "APP" and pattern.search("(AP)").group(0) == "AP"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["as pe", "pe", "per s", "sanct", "s", "x", " ", "_", "-", "é", "1"]), max_size=20).map("".join))
def test_automaton_finds_what_a_lookahead_at_word_starts_finds(text):
    """Every occurrence at a word start, overlapping ones included ("per sanct" holds "per s" and "sanct"), as the
    regex (?<!\\w)(?=(word)) finds them word by word."""
    from helpers.extract.trie import at_word_starts, literal_finder  # noqa: PLC0415

    words = ["as pe", "per s", "sanct", "pe", "s-4"]
    expected = sorted((m.start(), w) for w in words for m in re.finditer(r"(?<!\w)(?=" + re.escape(w) + ")", text))
    assert at_word_starts(literal_finder(words), text) == expected
