"""Per-article quality checks: language, machine-garbled text, duplicates.

All functions take cleaned text or sentence rows and return plain values; :mod:`helpers.corpus` turns them
into the ``flags`` column and the problems table.

* :func:`looks_english` - share of common English function words among the words (no model to download).
* :func:`garble_signs` - signs of machine-reworded or broken text: fragments of one or two words ending a
  sentence ("can go."), capitalised function words or speech verbs inside a sentence ("Alipov Told.",
  "Russia And India"), sentences starting in lower case, paragraphs of stray punctuation.
* :func:`near_duplicates` - pairs of articles sharing most of their 5-word shingles (Jaccard ≥ 0.8), found
  through an inverted index so the cost follows the number of shared shingles, not the square of the corpus.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .structure import words

ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by it are be from at has have said will not this an
    which its their or but were had been who also would they he she we i his her after".""".split()
)
_MID_CAPITAL = re.compile(r"(?<=[a-z,] )(?:And|Or|Of|Is|Are|Was|Were|Told|Said|Says|Added|But|To|With)\b")
_LOWER_START = re.compile(r"^[\"“‘'(\[]*[a-z]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
GARBLE_THRESHOLD = 3
SHINGLE = 5
NEAR_DUPLICATE_JACCARD = 0.8
#: A shingle shared by more articles than this is boilerplate (or wire copy run everywhere); it is not used to
#: pair articles, which keeps the cost linear on large corpora.
MAX_POSTING = 50


def looks_english(text: str) -> bool | None:
    """True/False when there are enough words to tell (≥ 20), else None."""
    letters = _LETTER.findall(text[:20000])
    if len(letters) >= 50 and len(_LATIN.findall(text[:20000])) < 0.7 * len(letters):
        return False
    tokens = [w.lower() for w in words(text[:20000])]
    if len(tokens) < 20:
        return None
    share = sum(t in ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens)
    return share >= 0.15


def garble_signs(sentences: list[dict]) -> list[str]:
    """Evidence that the text is machine-garbled: one short string per sign found, in text order."""
    signs = []
    for row in sentences:
        if row["kind"] != "body":
            continue
        text = row["text"]
        n = len(words(text))
        if n == 0:
            signs.append(f"stray punctuation: {text!r}")
        elif n <= 2 and not text.startswith(("“", '"', "‘", "(")):
            signs.append(f"fragment: {text!r}")
        if _LOWER_START.match(text):
            signs.append(f"lower-case start: {text[:40]!r}")
        for match in _MID_CAPITAL.finditer(text):
            signs.append(f"capitalised '{match.group()}' mid-sentence: {text[max(0, match.start() - 25):match.end() + 10]!r}")
    return signs


def shingles(text: str) -> set[int]:
    """Hashes of the 5-word shingles of ``text`` (lower-cased words)."""
    tokens = [w.lower() for w in words(text)]
    return {hash(tuple(tokens[i:i + SHINGLE])) for i in range(max(0, len(tokens) - SHINGLE + 1))}


def near_duplicates(texts: dict[str, str]) -> list[tuple[str, str, float]]:
    """Pairs ``(earlier_file, later_file, jaccard)`` with Jaccard ≥ 0.8, files in sorted order."""
    sets = {name: shingles(text) for name, text in sorted(texts.items())}
    index: dict[int, list[str]] = defaultdict(list)
    shared: Counter = Counter()
    for name, grams in sets.items():
        for gram in grams:
            posting = index[gram]
            if len(posting) <= MAX_POSTING:
                for other in posting:
                    shared[(other, name)] += 1
                posting.append(name)
    pairs = []
    for (a, b), common in sorted(shared.items()):
        union = len(sets[a]) + len(sets[b]) - common
        if union and common / union >= NEAR_DUPLICATE_JACCARD:
            pairs.append((a, b, round(common / union, 3)))
    return pairs
