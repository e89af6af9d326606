"""Passages republished across articles: runs of word shingles shared word for word, one row per passage.

In:  the English articles of a corpus and its quotes table.  Out: :func:`reuse_passages` - one row per passage
     shared by two or more articles (:data:`REUSE_COLUMNS`): its first publisher (``file_a``), the next
     (``file_b``), how many other articles carry it and which; ``kind`` is ``quotation`` when the passage lies
     mostly inside speech quotations in both (reporters quoting the same words), else ``text`` (republished copy).
     No shingle is dropped as boilerplate: a line every article repeats is one row with a large ``n_other``.
     Grouped by shingle, so the output grows with the passages, never with the pairs of articles carrying them.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from helpers.analysis.memo import memoized
from helpers.corpus.load import Corpus
from helpers.corpus.structure import WORD
from helpers.extract.quotes import speech_spans

#: Words per shingle for republished passages (8 case-folded words in a row).
SHINGLE = 8
#: Share of a passage's words that must lie inside speech quotes (in both articles) for kind "quotation".
QUOTATION_SHARE = 0.5


REUSE_COLUMNS = ["file_a", "outlet_a", "start_a", "end_a", "file_b", "outlet_b", "start_b", "end_b",
                 "n_words", "n_other", "other_files", "kind", "text"]
#: Shingle hashing for reuse_passages: fixed odd 64-bit constants and the seed of the article-set fingerprints.
_HASH_MIX = 0x9E3779B97F4A7C15
_HASH_BASE = 0x100000001B3
_HASH_SEED = 400


# --------------------------------------------------------------------------------------------- reuse
def _inside(spans: np.ndarray | None, starts: np.ndarray) -> np.ndarray:
    """For each word start offset, whether it falls inside one of the quote spans (sorted ``(start, end)`` rows)."""
    if spans is None or not len(spans) or not len(starts):
        return np.zeros(len(starts), dtype=bool)
    k = np.searchsorted(spans[:, 0], starts, side="right") - 1
    return (k >= 0) & (starts < spans[np.clip(k, 0, None), 1])


#: Words hashed at once by :func:`_shingle_hashes`: bounds its temporary arrays (about 30 bytes a word) whatever
#: the size of the corpus.
HASH_CHUNK = 1 << 20


def _windows(lengths: np.ndarray) -> np.ndarray:
    """How many SHINGLE-word windows lie inside each article of ``lengths`` words."""
    return np.maximum(lengths - SHINGLE + 1, 0)


def _shingle_hashes(ids: np.ndarray, bounds: np.ndarray, chunk: int = HASH_CHUNK) -> tuple[np.ndarray, np.ndarray]:
    """64-bit polynomial hash of every SHINGLE-word window of the word ids ``ids`` (articles concatenated,
    article k = ``ids[bounds[k]:bounds[k + 1]]``) that does not cross an article: (hash, position in ``ids``), in
    position order. Computed for whole articles about ``chunk`` words at a time, into arrays made once."""
    windows = _windows(np.diff(bounds))
    hashes = np.empty(int(windows.sum()), dtype=np.uint64)
    pos = np.empty(len(hashes), dtype=np.int32 if len(ids) < 2**31 else np.int64)
    k, done, n_docs = 0, 0, len(windows)
    while k < n_docs:
        m = max(k + 1, int(np.searchsorted(bounds, bounds[k] + chunk, side="right")) - 1)  # articles k .. m - 1
        lo, hi = int(bounds[k]), int(bounds[m])
        w = windows[k:m]
        count = int(w.sum())
        if count:
            values = ids[lo:hi].astype(np.uint64)
            values += np.uint64(1)
            values *= np.uint64(_HASH_MIX)
            h = np.zeros(hi - lo - SHINGLE + 1, dtype=np.uint64)
            with np.errstate(over="ignore"):
                for j in range(SHINGLE):
                    h *= np.uint64(_HASH_BASE)
                    h += values[j:hi - lo - SHINGLE + 1 + j]
            # each article's windows start at its first word and stop SHINGLE - 1 words before its end
            inside = np.repeat(bounds[k:m] - lo - (np.cumsum(w) - w), w) + np.arange(count)
            hashes[done:done + count] = h[inside]
            pos[done:done + count] = inside + lo
            done += count
        k = m
    return hashes, pos


def _blocks_in_order(sizes: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The indices of an array made of consecutive blocks of ``sizes`` (block k holds ``sizes[k]`` items), block by
    block in the order ``order`` (a permutation of the blocks), each block's in ascending order: what a stable
    argsort of the items' rank of their block gives, in linear time."""
    starts = np.r_[0, np.cumsum(sizes)][:-1][order]
    counts = sizes[order]
    out = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
    return out.astype(np.int32) if len(out) < 2**31 else out  # half the memory of a 6-million-entry index


def _word_offsets(text: str, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets in ``text`` of its words ``WORD.findall(text)``, given their lengths ``sizes``: from the
    lengths of the gaps between them (``WORD.split``), without a match object per word."""
    gaps = np.fromiter(map(len, WORD.split(text)), dtype=np.int64, count=len(sizes) + 1)
    ends = np.cumsum(gaps[:-1] + sizes)
    return ends - sizes, ends


@memoized
def reuse_passages(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per passage of at least SHINGLE words that two or more English articles share word for word
    (case-folded), columns :data:`REUSE_COLUMNS`:

    * ``file_a`` - the passage's first publisher (earliest ``date_start``, then file), with its outlet and the
      passage's character offsets ``start_a``/``end_a`` in its cleaned text; ``text`` is the passage as written
      there and ``n_words`` its length;
    * ``file_b`` - the next article (same order) that carries it, with ``start_b``/``end_b`` where its first
      shingle occurs there;
    * ``n_other`` - how many other articles carry the passage, ``other_files`` - all of them, ``|``-separated in
      publication order (file_b first);
    * ``kind`` - ``quotation`` when most of its words lie inside speech quotes in both file_a and file_b, else
      ``text``.

    A passage is a maximal run of consecutive shingles of its first publisher that are shared and carried by the
    same set of other articles; where that set changes (one outlet copied only part of a paragraph) a new passage
    starts (so two passages of one article can overlap by up to SHINGLE - 1 words). Shingles are compared by a 64-bit hash (a collision is astronomically unlikely). No shingle is dropped
    as boilerplate: a line repeated by many articles is a single row with a large ``n_other``. Rows grow with the
    number of distinct shared passages, not with the number of article pairs carrying them. Sorted by file_a,
    start_a."""
    english = corpus.english_by_file.reset_index(drop=True)
    n_docs = len(english)
    texts = english["text"]  # read one at a time (as Python strings the texts of 10,000 articles take 67 MB)
    vocab: defaultdict = defaultdict()
    vocab.default_factory = vocab.__len__  # word as written -> id in order of first appearance (C-speed lookups)
    id_parts, size_parts = [], []
    for text in texts:
        found = WORD.findall(text)
        id_parts.append(np.fromiter(map(vocab.__getitem__, found), dtype=np.int32, count=len(found)))
        size_parts.append(np.fromiter(map(len, found), dtype=np.int32, count=len(found)))
    lengths = np.array([len(x) for x in id_parts], dtype=np.int64)
    if n_docs < 2 or lengths.sum() < SHINGLE:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    folded, _ = pd.factorize(pd.Series([w.casefold().replace("’", "'") for w in vocab], dtype=object))
    ids = folded.astype(np.int32)[np.concatenate(id_parts)]
    del id_parts, vocab
    bounds = np.r_[0, np.cumsum(lengths)]
    hashes, pos = _shingle_hashes(ids, bounds)
    del ids  # large arrays go as soon as they are used: a 10,000-article corpus has ~6 million words
    order_of = english.sort_values(["date_start", "file"], kind="stable").index.to_numpy()
    per_doc = _windows(lengths)  # shingles per article, as hashed
    by_r = _blocks_in_order(per_doc, order_of)  # publication order, then position
    hashes = hashes[by_r]  # one at a time: each old array goes before the next new one is made
    pos = pos[by_r]
    del by_r
    r = np.repeat(np.arange(n_docs, dtype=np.int32), per_doc[order_of])  # each shingle's article's publication rank
    by_hash = np.argsort(hashes, kind="stable")  # then by hash (stable: publication order kept within a hash)
    hashes = hashes[by_hash]
    pos = pos[by_hash]
    r = r[by_hash]
    del by_hash
    new_hash = np.r_[True, hashes[1:] != hashes[:-1]]
    n_shingles = len(hashes)
    del hashes  # the groups of equal hashes are all that is used from here on
    new_doc = new_hash | np.r_[True, r[1:] != r[:-1]]
    group = np.cumsum(new_hash, dtype=np.int32) - 1
    group_start = np.flatnonzero(new_hash)
    docs_per_group = np.bincount(group[new_doc], minlength=len(group_start))
    shared = np.repeat(docs_per_group >= 2, np.diff(np.r_[group_start, n_shingles]))
    if not shared.any():
        return pd.DataFrame(columns=REUSE_COLUMNS)
    # each shared shingle: its owner (first publisher) and a fingerprint of the set of other articles carrying it
    weights = np.random.default_rng(_HASH_SEED).integers(1, 2**63, size=n_docs, dtype=np.int64).astype(np.uint64)
    owner_rank = r[group_start]
    with np.errstate(over="ignore"):
        carried = np.where(new_doc & (r != owner_rank[group]), weights[r], np.uint64(0))
        fingerprint = np.add.reduceat(carried, group_start)
    owned = shared & (r == owner_rank[group])
    o_pos, o_group = pos[owned], group[owned]
    o_key = fingerprint[o_group]
    o_order = np.argsort(o_pos, kind="stable")  # positions are global, so this also sorts by article
    o_pos, o_group, o_key = o_pos[o_order], o_group[o_order], o_key[o_order]
    o_pos, first_idx = np.unique(o_pos, return_index=True)  # a position belongs to one shingle
    o_group, o_key = o_group[first_idx], o_key[first_idx]
    o_doc = np.searchsorted(bounds, o_pos, side="right") - 1  # the article of each position
    run_start = np.r_[True, (np.diff(o_pos) != 1) | (o_key[1:] != o_key[:-1]) | (o_doc[1:] != o_doc[:-1])]
    starts_idx = np.flatnonzero(run_start)
    ends_idx = np.r_[starts_idx[1:], len(o_pos)] - 1
    files, outlets = english["file"].tolist(), english["outlet"].tolist()
    by_rank = order_of  # rank -> document index
    speech = speech_spans(quotes)
    offsets: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def tokens_of(d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Article ``d``'s word start and end offsets, and how many of its first k words start inside a quotation."""
        if d not in offsets:
            starts, ends = _word_offsets(texts.iat[d], size_parts[d])
            spans = np.array(sorted((a, b) for a, b, *_ in speech[files[d]])) if files[d] in speech else None
            inside = np.r_[0, np.cumsum(_inside(spans, starts))]
            small = np.int32 if len(ends) and ends[-1] < 2**31 else np.int64  # kept for every article carrying a passage
            offsets[d] = starts.astype(small), ends.astype(small), inside.astype(small)
        return offsets[d]

    def quoted_share(inside: np.ndarray, first: int, count: int) -> float:
        """The share of words ``first`` to ``first + count - 1`` that start inside a quotation."""
        return int(inside[first + count] - inside[first]) / count if count else 0.0

    rows = []
    for si, ei in zip(starts_idx, ends_idx):
        da = int(o_doc[si])
        pa = int(o_pos[si] - bounds[da])
        n = int(o_pos[ei] - o_pos[si]) + SHINGLE
        g = int(o_group[si])
        lo, hi = group_start[g], (group_start[g + 1] if g + 1 < len(group_start) else n_shingles)
        entries = np.flatnonzero(new_doc[lo:hi]) + lo
        carrying = r[entries]
        carriers = carrying[carrying != owner_rank[g]].tolist()
        db = int(by_rank[carriers[0]])
        pb = int(pos[entries[1]] - bounds[db])
        (a_starts, a_ends, a_inside), (b_starts, b_ends, b_inside) = tokens_of(da), tokens_of(db)
        sa, ea = int(a_starts[pa]), int(a_ends[pa + n - 1])
        nb = min(n, len(b_starts) - pb)
        sb, eb = int(b_starts[pb]), int(b_ends[pb + nb - 1])
        quoted = min(quoted_share(a_inside, pa, n), quoted_share(b_inside, pb, nb))
        rows.append({"file_a": files[da], "outlet_a": outlets[da], "start_a": sa, "end_a": ea,
                     "file_b": files[db], "outlet_b": outlets[db], "start_b": sb, "end_b": eb, "n_words": n,
                     "n_other": len(carriers), "other_files": "|".join([files[d] for d in by_rank[carriers].tolist()]),
                     "kind": "quotation" if quoted >= QUOTATION_SHARE else "text",
                     "text": " ".join(texts.iat[da][sa:ea].split())})
    out = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return out.sort_values(["file_a", "start_a"], kind="stable").reset_index(drop=True)
