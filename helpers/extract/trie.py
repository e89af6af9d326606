"""Finding many literal words at once: one regex for a list of them, factored by common prefix (a trie of
alternations), and an Aho–Corasick automaton (pyahocorasick) where only their positions are wanted.

A flat alternation ``a|b|c|...`` makes the regex engine try every word in turn at every position; the trie
tests each character once. Used for the speech cues and names of :mod:`helpers.extract.quotes` and the agency names
of :mod:`helpers.extract.wire`. A regex that must also look behind each position (a word start) is still tried at
every character; the automaton reads each character once, in C, and only its hits are looked at in Python: the
literal prefixes of the frame dictionary (:mod:`helpers.extract.frames`) are found so in half the time.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick


def trie_pattern(words: list[str], ignore_case: bool = False) -> str:
    """A regex source matching exactly the strings ``words`` (not empty), factored by common prefix. Where one word
    is a prefix of another, the longer is tried first (a greedy optional group), so at any position the regex
    prefers the longest word that lets the rest of the pattern match: the same match as the flat alternation of
    ``words`` sorted longest first. Characters are escaped.

    For a regex compiled with ``re.I`` pass ``ignore_case=True``: the words are then lower-cased first, so that
    words differing only in case ("AP", "ap") share one branch; otherwise the trie could stop at a shorter word
    in one case branch before trying a longer word in the other. (Exact for words whose lower case is what
    ``re.I`` compares, as for all ASCII words.)"""
    trie: dict = {}
    for word in (w.lower() for w in words) if ignore_case else words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 or len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        if len(alts) == 1 and optional and not body.startswith("(?:"):
            body = "(?:" + body + ")"
        return body + ("?" if optional else "")

    return emit(trie)


def literal_finder(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton of the (non-empty) strings ``words``, for :func:`at_word_starts`."""
    finder = ahocorasick.Automaton()
    for word in words:
        finder.add_word(word, word)
    finder.make_automaton()
    return finder


def at_word_starts(finder: ahocorasick.Automaton, text: str) -> list[tuple[int, str]]:
    """``(position, word)`` of every occurrence in ``text`` of a word of ``finder`` (:func:`literal_finder`) that
    starts where a word does (at the start of the text or after a character that is not ``\\w``: the regex
    ``(?<!\\w)``), overlapping ones included, by position then word."""
    out = []
    for end, word in finder.iter(text):
        start = end - len(word) + 1
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            out.append((start, word))
    out.sort()
    return out
