"""One regex for a list of literal words, factored by common prefix (a trie of alternations).

A flat alternation ``a|b|c|...`` makes the regex engine try every word in turn at every position; the trie
tests each character once. Used for the speech cues and names of :mod:`helpers.extract.quotes`, the literal prefixes of
the frame dictionary (:mod:`helpers.extract.frames`) and the agency names of :mod:`helpers.extract.wire`.
"""
from __future__ import annotations

import re


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
