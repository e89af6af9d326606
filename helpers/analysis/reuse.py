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

from helpers import parallel
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
#: Shingles per partition of :func:`reuse_passages`: the shingles are sorted and grouped one partition at a time
#: (partitions by the top bits of their hash), so its sorts hold about 40 bytes for each of this many shingles,
#: not for every shingle of the corpus (58 million at 100,000 articles).
PARTITION_SHINGLES = 2_000_000


def _windows(lengths: np.ndarray) -> np.ndarray:
    """How many SHINGLE-word windows lie inside each article of ``lengths`` words."""
    return np.maximum(lengths - SHINGLE + 1, 0)


def _shingle_hashes(parts: list, fold: np.ndarray | None = None, chunk: int = HASH_CHUNK) -> np.ndarray:
    """64-bit polynomial hash of every SHINGLE-word window inside one article, article by article and in position
    order within each: ``parts[k]`` holds article k's word ids (mapped through ``fold`` when given). Computed for
    whole articles about ``chunk`` words at a time, into one array made once; each entry of ``parts`` is set to None
    once hashed, so the word ids and the hashes are never both whole in memory."""
    lengths = np.array([len(x) for x in parts], dtype=np.int64)
    bounds = np.r_[0, np.cumsum(lengths)]
    windows = _windows(lengths)
    hashes = np.empty(int(windows.sum()), dtype=np.uint64)
    k, done, n_docs = 0, 0, len(windows)
    while k < n_docs:
        m = max(k + 1, int(np.searchsorted(bounds, bounds[k] + chunk, side="right")) - 1)  # articles k .. m - 1
        w = windows[k:m]
        count = int(w.sum())
        if count:
            values = np.concatenate(parts[k:m]).astype(np.uint64) if fold is None else \
                fold[np.concatenate(parts[k:m])].astype(np.uint64)
            span = len(values)
            values += np.uint64(1)
            values *= np.uint64(_HASH_MIX)
            h = np.zeros(span - SHINGLE + 1, dtype=np.uint64)
            with np.errstate(over="ignore"):
                for j in range(SHINGLE):
                    h *= np.uint64(_HASH_BASE)
                    h += values[j:span - SHINGLE + 1 + j]
            # each article's windows start at its first word and stop SHINGLE - 1 words before its end
            inside = np.repeat(bounds[k:m] - bounds[k] - (np.cumsum(w) - w), w) + np.arange(count)
            hashes[done:done + count] = h[inside]
            done += count
        parts[k:m] = [None] * (m - k)
        k = m
    return hashes


def _partition_keys(hashes: np.ndarray, bits: int, chunk: int = HASH_CHUNK) -> np.ndarray:
    """The partition of each hash: its top ``bits`` bits (at most 8; 0 for all with ``bits`` 0), computed ``chunk``
    hashes at a time (a shifted copy of all of them would take 8 bytes a shingle)."""
    keys = np.zeros(len(hashes), dtype=np.uint8)
    if bits:
        for lo in range(0, len(hashes), chunk):
            keys[lo:lo + chunk] = hashes[lo:lo + chunk] >> np.uint64(64 - bits)
    return keys


def _blocks_in_order(sizes: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The indices of an array made of consecutive blocks of ``sizes`` (block k holds ``sizes[k]`` items), block by
    block in the order ``order`` (a permutation of the blocks), each block's in ascending order: what a stable
    argsort of the items' rank of their block gives, in linear time."""
    starts = np.r_[0, np.cumsum(sizes)][:-1][order]
    counts = sizes[order]
    return np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())


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
    return _passages(corpus, quotes)


class _Shingles:
    """The shingles of a corpus (their hashes, article by article) in partitions by the top bits of their hash
    (:func:`_partition_keys`). Sort every shingle by hash, then its article's publication rank, then its position:
    partition k sorted (:meth:`sorted`) is exactly the slice of that sort that holds partition k's hashes, so the
    partitions one after the other are the whole sort, made one partition at a time (about 40 bytes a shingle of
    one partition instead of every shingle of the corpus)."""

    def __init__(self, hashes: np.ndarray, lengths: np.ndarray, rank_of: np.ndarray, partitions: int):
        self.hashes = hashes
        self.bounds = np.r_[0, np.cumsum(lengths)]  # article k's words: bounds[k] .. bounds[k + 1] - 1
        self.first_window = np.r_[0, np.cumsum(_windows(lengths))]  # article k's shingles in ``hashes``
        self.rank_of = rank_of  # article (file order) -> publication rank
        self.order_of = np.argsort(rank_of, kind="stable")  # publication rank -> article
        self.bits = min(8, max(0, int(np.ceil(np.log2(partitions))))) if partitions > 1 else 0
        self.keys = _partition_keys(hashes, self.bits)

    def partitions(self) -> range:
        return range(1 << self.bits)

    def partition_of(self, hashes: np.ndarray) -> np.ndarray:
        return (hashes >> np.uint64(64 - self.bits)).astype(np.int64) if self.bits else np.zeros(len(hashes), np.int64)

    def sorted(self, part: int, wanted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Partition ``part`` (only the hashes in the sorted array ``wanted``, when given) as (hash, global word
        position, publication rank), sorted by hash, then rank, then position."""
        index = np.flatnonzero(self.keys == part)  # ascending: by article (file order), then position
        h = self.hashes[index]
        if wanted is not None and len(wanted):
            at = np.minimum(np.searchsorted(wanted, h), len(wanted) - 1)
            keep = wanted[at] == h
            index, h = index[keep], h[keep]
        elif wanted is not None:
            index, h = index[:0], h[:0]
        doc = np.searchsorted(self.first_window, index, side="right") - 1
        pos = self.bounds[doc] + (index - self.first_window[doc])
        del index
        # by publication rank, then position (ascending within an article): the articles' blocks in rank order
        order = _blocks_in_order(np.bincount(doc, minlength=len(self.rank_of)), self.order_of)
        h, pos, rank = h[order], pos[order], self.rank_of[doc[order]]
        del doc
        order = np.argsort(h, kind="stable")
        return h[order], pos[order], rank[order]


def _groups(h: np.ndarray, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For shingles sorted as :meth:`_Shingles.sorted` gives them: where each group of equal hashes starts, each
    shingle's group, and whether it is the first of its article in its group."""
    new_hash = np.r_[True, h[1:] != h[:-1]]
    new_doc = new_hash | np.r_[True, rank[1:] != rank[:-1]]
    return np.flatnonzero(new_hash), np.cumsum(new_hash, dtype=np.int64) - 1, new_doc


def _passages(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """:func:`reuse_passages`, computed."""
    english = corpus.english_by_file.reset_index(drop=True)
    n_docs = len(english)
    texts = english["text"]  # read one at a time (as Python strings the texts of 10,000 articles take 67 MB)
    vocab: defaultdict = defaultdict()
    vocab.default_factory = vocab.__len__  # word as written -> id in order of first appearance (C-speed lookups)
    id_parts, size_parts = [], []
    for text in texts:
        found = WORD.findall(text)
        id_parts.append(np.fromiter(map(vocab.__getitem__, found), dtype=np.int32, count=len(found)))
        sizes = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        # word lengths, to find the words' offsets in the articles that carry a passage: one byte a word
        size_parts.append(sizes.astype(np.uint8) if not len(sizes) or sizes.max() < 256 else sizes)
    lengths = np.array([len(x) for x in id_parts], dtype=np.int64)
    if n_docs < 2 or lengths.sum() < SHINGLE:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    folded, _ = pd.factorize(pd.Series([w.casefold().replace("’", "'") for w in vocab], dtype=object))
    del vocab
    hashes = _shingle_hashes(id_parts, folded.astype(np.int32))  # lets go of the word ids as it hashes them
    del id_parts, folded
    parallel.release_free_memory()  # the word ids, small arrays freed one by one: 4 bytes a word kept otherwise
    # rank -> article; sorting the two columns alone (sorting the table would copy every text: 0.4 GB at 100,000)
    order_of = english[["date_start", "file"]].sort_values(["date_start", "file"], kind="stable").index.to_numpy()
    rank_of = np.empty(n_docs, dtype=np.int32)
    rank_of[order_of] = np.arange(n_docs, dtype=np.int32)
    shingles = _Shingles(hashes, lengths, rank_of, -(-len(hashes) // PARTITION_SHINGLES))
    bounds = shingles.bounds
    # each shared shingle of its first publisher (owner): its position, its hash and a fingerprint of the set of
    # other articles carrying it, partition by partition
    weights = np.random.default_rng(_HASH_SEED).integers(1, 2**63, size=n_docs, dtype=np.int64).astype(np.uint64)
    owned_parts = []
    for part in shingles.partitions():
        h, pos, r = shingles.sorted(part)
        if not len(h):
            continue
        group_start, group, new_doc = _groups(h, r)
        docs_per_group = np.bincount(group[new_doc], minlength=len(group_start))
        shared = np.repeat(docs_per_group >= 2, np.diff(np.r_[group_start, len(h)]))
        owner_rank = r[group_start]
        with np.errstate(over="ignore"):
            carried = np.where(new_doc & (r != owner_rank[group]), weights[r], np.uint64(0))
            fingerprint = np.add.reduceat(carried, group_start)
        owned = shared & (r == owner_rank[group])
        owned_parts.append((pos[owned], h[owned], fingerprint[group[owned]]))
        del h, pos, r, group, new_doc, shared, carried, owned
    o_pos = np.concatenate([p for p, _, _ in owned_parts]) if owned_parts else np.zeros(0, dtype=np.int64)
    if not len(o_pos):
        return pd.DataFrame(columns=REUSE_COLUMNS)
    o_hash = np.concatenate([h for _, h, _ in owned_parts])
    o_key = np.concatenate([k for _, _, k in owned_parts])
    del owned_parts
    o_order = np.argsort(o_pos, kind="stable")  # positions are global, so this also sorts by article
    o_pos, o_hash, o_key = o_pos[o_order], o_hash[o_order], o_key[o_order]
    o_pos, first_idx = np.unique(o_pos, return_index=True)  # a position belongs to one shingle
    o_hash, o_key = o_hash[first_idx], o_key[first_idx]
    o_doc = np.searchsorted(bounds, o_pos, side="right") - 1  # the article of each position
    run_start = np.r_[True, (np.diff(o_pos) != 1) | (o_key[1:] != o_key[:-1]) | (o_doc[1:] != o_doc[:-1])]
    starts_idx = np.flatnonzero(run_start)
    ends_idx = np.r_[starts_idx[1:], len(o_pos)] - 1
    files, outlets = english["file"].tolist(), english["outlet"].tolist()
    speech = speech_spans(quotes)
    offsets: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def tokens_of(d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Article ``d``'s word start and end offsets, and how many of its first k words start inside a quotation."""
        if d not in offsets:
            starts, ends = _word_offsets(texts.iat[d], size_parts[d].astype(np.int64))
            spans = np.array(sorted((a, b) for a, b, *_ in speech[files[d]])) if files[d] in speech else None
            inside = np.r_[0, np.cumsum(_inside(spans, starts))]
            small = np.int32 if len(ends) and ends[-1] < 2**31 else np.int64  # kept for every article carrying a passage
            offsets[d] = starts.astype(small), ends.astype(small), inside.astype(small)
        return offsets[d]

    def quoted_share(inside: np.ndarray, first: int, count: int) -> float:
        """The share of words ``first`` to ``first + count - 1`` that start inside a quotation."""
        return int(inside[first + count] - inside[first]) / count if count else 0.0

    # the passages, partition by partition of their first shingle's hash: each needs the articles carrying it
    rows: list[tuple[int, dict]] = []
    run_part = shingles.partition_of(o_hash[starts_idx])
    for part in shingles.partitions():
        runs = np.flatnonzero(run_part == part)
        if not len(runs):
            continue
        h, pos, r = shingles.sorted(part, np.unique(o_hash[starts_idx[runs]]))
        group_start, _, new_doc = _groups(h, r)
        group_end = np.r_[group_start[1:], len(h)]
        group_hash = h[group_start]
        for run in runs.tolist():
            si, ei = int(starts_idx[run]), int(ends_idx[run])
            da = int(o_doc[si])
            pa = int(o_pos[si] - bounds[da])
            n = int(o_pos[ei] - o_pos[si]) + SHINGLE
            g = int(np.searchsorted(group_hash, o_hash[si]))
            lo, hi = group_start[g], group_end[g]
            entries = np.flatnonzero(new_doc[lo:hi]) + lo
            carrying = r[entries]
            carriers = carrying[carrying != r[lo]].tolist()
            db = int(order_of[carriers[0]])
            pb = int(pos[entries[1]] - bounds[db])
            (a_starts, a_ends, a_inside), (b_starts, b_ends, b_inside) = tokens_of(da), tokens_of(db)
            sa, ea = int(a_starts[pa]), int(a_ends[pa + n - 1])
            nb = min(n, len(b_starts) - pb)
            sb, eb = int(b_starts[pb]), int(b_ends[pb + nb - 1])
            quoted = min(quoted_share(a_inside, pa, n), quoted_share(b_inside, pb, nb))
            rows.append((run, {"file_a": files[da], "outlet_a": outlets[da], "start_a": sa, "end_a": ea,
                               "file_b": files[db], "outlet_b": outlets[db], "start_b": sb, "end_b": eb, "n_words": n,
                               "n_other": len(carriers),
                               "other_files": "|".join([files[d] for d in order_of[carriers].tolist()]),
                               "kind": "quotation" if quoted >= QUOTATION_SHARE else "text",
                               "text": " ".join(texts.iat[da][sa:ea].split())}))
    rows.sort(key=lambda item: item[0])  # in the order of the passages' positions
    out = pd.DataFrame([row for _, row in rows], columns=REUSE_COLUMNS)
    return out.sort_values(["file_a", "start_a"], kind="stable").reset_index(drop=True)
