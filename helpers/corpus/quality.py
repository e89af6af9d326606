"""Per-article quality checks: language, machine-garbled text, duplicates.

All functions take cleaned text or sentence rows and return plain values; :mod:`helpers.corpus` turns them
into the ``flags`` column and the problems table.

* :func:`looks_english` - share of common English function words among the words (no model to download).
* :func:`garble_signs` - signs of machine-reworded or broken text: fragments of one or two words ending a
  sentence ("can go."), capitalised function words or speech verbs inside a sentence ("Alipov Told.",
  "Russia And India"), sentences starting in lower case, paragraphs of stray punctuation.
* :func:`near_duplicate_pairs` - pairs of articles sharing most of their 5-word shingles (Jaccard ≥ 0.8), found
  through MinHash locality-sensitive hashing so the cost follows the size of the corpus, not its square.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from itertools import islice

import numpy as np

from helpers.corpus.structure import WORD, words

ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by it are be from at has have said will not this an
    which its their or but were had been who also would they he she we i his her after".""".split()
)
_MID_CAPITAL = re.compile(r"(?<=[a-z,] )(?:And|Or|Of|Is|Are|Was|Were|Told|Said|Says|Added|But|To|With)\b")
_LOWER_START = re.compile(r"^[\"“‘'(\[]*[a-z]")
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
GARBLE_THRESHOLD = 3
SHINGLE = 5
NEAR_DUPLICATE_JACCARD = 0.8
BANDS, ROWS = 20, 5
PERMUTATIONS = BANDS * ROWS
#: Signature values (of PERMUTATIONS) a candidate pair must share for its sets to be intersected. Each value is shared
#: with probability equal to the pair's Jaccard, so a pair at the threshold (0.8) shares 80 on average (standard
#: deviation 4): one that reaches the threshold shares fewer than 50 with a probability below 1e-10, far below the
#: banding's own 4e-4 chance of missing it. On the 10,000-article synthetic corpus this leaves out all of its
#: 66,936 candidates (articles recombining the same paragraphs share a band but not their text), 0.9 s of exact
#: intersections.
LEAST_AGREEMENT = 50
_PRIME = np.uint64((1 << 31) - 1)
_SHIFT = np.uint64(31)
_rng = np.random.default_rng(20210406)  # fixed: the same signatures on every machine
_A = _rng.integers(1, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)


ENGLISH_SAMPLE = 20000


def looks_english(text: str, tokens: list[str] | None = None) -> bool | None:
    """True/False when there are enough words to tell (≥ 20), else None. Looks at the first 20,000 characters:
    mostly non-Latin letters means not English; otherwise English function words must make up ≥ 15% of words.
    ``tokens``: ``words(text)`` when the caller has them (used when the text is no longer than the sample)."""
    sample = text[:ENGLISH_SAMPLE]
    tokens = tokens if tokens is not None and len(text) <= ENGLISH_SAMPLE else words(sample)
    latin = sum(map(len, tokens))  # C-level loops: this runs on every word of every article
    other = len(_NON_LATIN.findall(sample))
    if latin + other >= 50 and other > 0.3 * (latin + other):
        return False
    if len(tokens) < 20:
        return None
    share = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, tokens))) / len(tokens)
    return share >= 0.15


def garble_signs(sentences: list[dict]) -> list[str]:
    """Evidence that the text is machine-garbled: one short string per sign found, in text order."""
    signs = []
    for row in sentences:
        if row["kind"] != "body":
            continue
        text = row["text"]
        n = sum(1 for _ in islice(WORD.finditer(text), 3))  # 0, 1, 2 or "3 or more"
        if n == 0:
            signs.append(f"stray punctuation: {text!r}")
        elif n <= 2 and not text.startswith(("“", '"', "‘", "(")):
            signs.append(f"fragment: {text!r}")
        if _LOWER_START.match(text):
            signs.append(f"lower-case start: {text[:40]!r}")
        for match in _MID_CAPITAL.finditer(text):
            signs.append(f"capitalised '{match.group()}' mid-sentence: {text[max(0, match.start() - 25):match.end() + 10]!r}")
    return signs


#: Shingle hashing: each word's CRC-32, combined over SHINGLE words as a polynomial modulo 2**64 (fixed odd base),
#: kept to its top 32 bits, so the MinHash arithmetic below stays inside 64 bits.
_SHINGLE_BASE = np.uint64(0x100000001B3)


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Stable 32-bit hashes of the distinct :data:`SHINGLE`-word shingles of ``tokens`` (lower-cased), sorted."""
    if len(tokens) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    lowered = " ".join(tokens).lower().split(" ")  # words never contain a space
    values = np.fromiter(map(zlib.crc32, map(str.encode, lowered)), dtype=np.uint64, count=len(lowered))
    n = len(lowered) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h = h * _SHINGLE_BASE + values[k:k + n] + np.uint64(1)
    # np.unique, written out: for an array this small its hash-table path costs seven times a sort
    top = np.sort(h >> np.uint64(32))
    keep = np.empty(n, dtype=bool)
    keep[0] = True
    np.not_equal(top[1:], top[:-1], out=keep[1:])
    return top[keep]


def shingles(text: str) -> np.ndarray:
    """:func:`shingle_hashes` of the words of ``text``."""
    return shingle_hashes(words(text))


def minhash(grams: np.ndarray) -> np.ndarray:
    """MinHash signature (:data:`PERMUTATIONS` values) of a set of shingle hashes; all-max for an empty set."""
    if grams.size == 0:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    # (a * g + b) mod p, p = 2**31 - 1, without a division: x mod p = (x & p) + (x >> 31) modulo p. Two folds take
    # x < 2**64 below p + 8, and min(y, y - p) (y - p wraps round when y < p) ends it. Each residue is exact
    # (tested against Python integers), so the signature is the one the % gave, in less than two thirds the time.
    # Two arrays of len(grams) x 100 values, each step written into one of them: an array made per step (three more
    # of them) took twice the time (0.44 -> 0.21 s per 1,000 articles, one core, 2026-12-06).
    x = np.multiply.outer(grams, _A)
    x += _B
    y = x & _PRIME
    x >>= _SHIFT
    y += x
    np.right_shift(y, _SHIFT, out=x)
    y &= _PRIME
    y += x
    np.subtract(y, _PRIME, out=x)
    np.minimum(y, x, out=y)
    return y.min(axis=0)


def _band_candidates(signatures: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Candidate pairs of MinHash LSH: ``(a, b)`` rows, ``a < b``, sorted, of the rows of ``signatures`` flagged
    ``usable`` that agree on every value of at least one band of :data:`ROWS` values. Grouped with sorts, not a
    dictionary per band: the same pairs in the same order."""
    n = len(signatures)
    members = np.flatnonzero(usable)
    codes = []
    for band in range(BANDS if len(members) > 1 else 0):
        block = signatures[members, band * ROWS:(band + 1) * ROWS]
        order = np.lexsort(block.T[::-1])  # stable: within a bucket, rows stay in ascending order
        ordered = block[order]
        starts = np.flatnonzero(np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)])
        bucket_end = np.r_[starts[1:], len(order)]
        ends = np.repeat(bucket_end, bucket_end - starts)  # each row's bucket's end
        later = ends - np.arange(len(order)) - 1  # members after each one in its bucket
        first = np.repeat(np.arange(len(order)), later)
        second = np.arange(later.sum()) - np.repeat(np.cumsum(later) - later, later) + first + 1
        codes.append(members[order[first]].astype(np.int64) * n + members[order[second]])
    pairs = np.unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)
    return np.stack(np.divmod(pairs, n), axis=1)


def near_duplicate_pairs(sets: Mapping[str, np.ndarray], signatures: dict[str, np.ndarray],
                         sizes: Mapping[str, int] | None = None) -> list[tuple[str, str, float]]:
    """Pairs ``(earlier_file, later_file, jaccard)`` with Jaccard ≥ 0.8, in file order, from each file's shingle
    set (:func:`shingle_hashes`) and MinHash signature (:func:`minhash`; computed per article, in parallel).
    The files are those of ``signatures``. With ``sizes`` (each set's size), a set is read from ``sets`` only for
    the few pairs whose Jaccard is computed, so ``sets`` may make it on demand (the loader does, from the text,
    instead of holding every article's shingles: 8 bytes a word).

    Candidates come from MinHash locality-sensitive hashing (20 bands of 5 rows: a pair at Jaccard 0.8 is a
    candidate with probability 0.9996, one at 0.3 with 0.05), so the cost grows with the corpus, not its square;
    the Jaccard of each candidate that shares :data:`LEAST_AGREEMENT` signature values or more is then computed
    exactly."""
    names = sorted(signatures)
    signatures_ = np.stack([signatures[name] for name in names]) if names else np.zeros((0, PERMUTATIONS), dtype=np.uint64)
    sizes_ = np.array([sizes[name] if sizes is not None else sets[name].size for name in names], dtype=np.int64)
    candidates = _band_candidates(signatures_, sizes_ > 0)
    small = np.minimum(sizes_[candidates[:, 0]], sizes_[candidates[:, 1]])
    large = np.maximum(sizes_[candidates[:, 0]], sizes_[candidates[:, 1]])
    # Jaccard <= small / large (common <= small, union >= large; rounding keeps the order), so a pair of sets this
    # unequal in size cannot reach the threshold and is decided without intersecting the sets
    close = candidates[small / np.maximum(large, 1) >= NEAR_DUPLICATE_JACCARD]
    # The share of signature values two sets agree on estimates their Jaccard (MinHash); below
    # :data:`LEAST_AGREEMENT` a pair is too far from the threshold to intersect its sets (see there)
    agree = np.concatenate([np.zeros(0, dtype=np.int64)] + [
        np.count_nonzero(signatures_[close[lo:lo + 10_000, 0]] == signatures_[close[lo:lo + 10_000, 1]], axis=1)
        for lo in range(0, len(close), 10_000)])
    pairs = []
    for a, b in close[agree >= LEAST_AGREEMENT].tolist():
        x, y = sets[names[a]], sets[names[b]]
        found = np.searchsorted(x, y)  # both sorted and distinct: y's values found in x are the common ones
        common = int(np.count_nonzero(x[np.minimum(found, x.size - 1)] == y))
        union = x.size + y.size - common
        if union and common / union >= NEAR_DUPLICATE_JACCARD:
            pairs.append((names[a], names[b], round(common / union, 3)))
    return pairs
