"""Source comparison (helpers.analysis: compare, similarity, reuse, profiles, labels): profiles, similarity and
same-event clusters, republished passages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, article, row
from helpers.analysis import compare, labels, profiles, similarity
from helpers.analysis.reuse import reuse_passages
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus


def analyse(corpus):
    return compare.analyse(corpus, annotations(corpus))

S001, S002, S003, S004 = "001_3997130cec943da5.txt", "002_516855880d70a180.txt", "003_a9a0456af7e62718.txt", "004_0833fe002a5a5444.txt"


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(ROOT / "seeds")
    return corpus, analyse(corpus)


def test_only_the_two_april_2021_reports_cluster_together(seeds):
    _, result = seeds
    clusters = result.clusters.set_index("file")
    assert clusters.at[S001, "event_cluster"] == clusters.at[S003, "event_cluster"]
    assert set(clusters.index[clusters["event_size"] > 1]) == {S001, S003}
    assert result.clusters["event_cluster"].nunique() == len(result.clusters) - 1
    linked = result.pairs[result.pairs["same_event"]]
    assert list(zip(linked["file_a"], linked["file_b"])) == [(S001, S003)]


def test_similarity_pairs_are_every_pair_once_and_symmetric_in_range(seeds):
    corpus, result = seeds
    n = len(corpus.english)
    assert len(result.pairs) == n * (n - 1) // 2
    assert (result.pairs["file_a"] < result.pairs["file_b"]).all()
    assert result.pairs["cosine"].between(0, 1).all()
    top = result.pairs.sort_values("cosine").iloc[-1]
    assert (top["file_a"], top["file_b"]) == (S001, S003)


def test_same_text_months_apart_is_not_the_same_event(make_corpus):
    body = "Lavrov said the S-400 deliveries to India are on schedule and sanctions will not stop them.\n\n" * 6
    folder = make_corpus({"a.txt": article(body=body), "b.txt": article(body=body + "Another line here about it.\n"),
                          "c.txt": article(body=body + "Yet another line.\n")},
                         rows=[row("a.txt", "A", "2021-04-06"), row("b.txt", "B", "2021-04-08"), row("c.txt", "C", "2021-09-01")])
    corpus = load_corpus(folder)
    pairs = similarity.similarity_pairs(corpus)
    clusters = similarity.event_clusters(corpus, pairs).set_index("file")
    assert clusters.at["a.txt", "event_cluster"] == clusters.at["b.txt", "event_cluster"] != clusters.at["c.txt", "event_cluster"]
    assert pairs["cosine"].min() > 0.9  # c is as similar, but months later


def test_profiles_carry_voices_mentions_readability_and_wire(seeds):
    _, result = seeds
    p = result.profiles.set_index("file")
    assert p.at[S004, "source_agency"] == "ANI" and p.at[S002, "source_agency"] == "PTI"
    assert p.at[S001, "source_agency"] == "" and p.at[S003, "source_agency"] == ""
    assert p.at[S004, "cited_agencies"].split() == ["TASS", "PTI"]
    assert p.at[S001, "mentions_caatsa"] == 2 and p.at[S002, "mentions_s_400"] >= 1
    assert p.at[S001, "quoted_words_India"] > 0 and p.at[S004, "quoted_words_India"] == 0
    assert (p["quoted_words"] + p["own_words"] == p["n_words"]).all()
    assert p["own_sentences"].gt(0).all()
    scored = p.dropna(subset=["own_flesch_kincaid_grade"])
    assert scored["own_flesch_kincaid_grade"].between(-5, 25).all()


def test_outlet_profiles_sum_articles(seeds):
    _, result = seeds
    assert result.outlets["articles"].sum() == len(result.profiles)
    assert result.outlets["n_words"].sum() == result.profiles["n_words"].sum()
    assert result.outlets.set_index("outlet").at["The Indian Express", "n_speakers"] == 3


def test_reuse_finds_shared_quote_passage_and_republished_copy(seeds, make_corpus):
    _, result = seeds
    assert len(result.reuse) == 1
    only = result.reuse.iloc[0]
    assert (only["file_a"], only["file_b"], only["kind"]) == (S001, S003, "quotation")
    assert "additional manufacturing of Russian military equipment in India within the concept" == only["text"]
    shared = "The Russian envoy said the supplies of the third regiment of the air defence system will be completed soon."
    folder = make_corpus({"a.txt": article(body=shared + "\n\nA different closing line written by one outlet alone.\n"),
                          "b.txt": article(body="An opening line of another outlet here.\n\n" + shared + "\n")},
                         rows=[row("a.txt", "A"), row("b.txt", "B")])
    corpus = load_corpus(folder)
    reuse = reuse_passages(corpus, annotations(corpus).quotes)
    passage = reuse[reuse["kind"] == "text"]
    assert len(passage) >= 1
    longest = passage.sort_values("n_words").iloc[-1]
    assert longest["n_words"] >= 19 and "third regiment" in longest["text"]
    text_a = corpus.text("a.txt")
    assert text_a[longest["start_a"]:longest["end_a"]].startswith(longest["text"].split()[0])


def test_articles_export_gets_measures_after_existing_columns(seeds):
    corpus, result = seeds
    table = compare.articles_with_measures(corpus, result)
    assert list(table.columns[:len(corpus.articles.columns)]) == list(corpus.articles.columns)
    assert list(table.columns[len(corpus.articles.columns):]) == profiles.ARTICLE_MEASURES
    assert len(table) == len(corpus.articles)


def test_articles_are_labelled_by_outlet_and_date():
    articles = pd.DataFrame({"file": ["b.txt", "a.txt", "c.txt", "d.txt"], "outlet": ["Daily", "Daily", "Daily", "Other"],
                             "published": ["2021-04-06", "2021-04-06", "2021-04", "2021-04-06"]})
    assert labels.article_labels(articles) == {"a.txt": "Daily, 2021-04-06 (1)", "b.txt": "Daily, 2021-04-06 (2)",
                                               "c.txt": "Daily, 2021-04", "d.txt": "Other, 2021-04-06"}


def test_empty_corpus_tables_have_columns(make_corpus):
    folder = make_corpus({"a.txt": article()}, rows=[row("a.txt", language="ru")])
    corpus = load_corpus(folder)
    result = analyse(corpus)
    assert list(result.pairs.columns) == similarity.PAIR_COLUMNS and result.pairs.empty
    assert result.profiles.empty and result.alignments.empty
    assert isinstance(result.reuse, pd.DataFrame) and result.reuse.empty


# --------------------------------------------------------------------------------------------- scale semantics
_POOL = [f"Sentence {w} about the {x} and the {y} in {z}." for w, x, y, z in zip(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"] * 3,
    ["missile", "regiment", "envoy", "treaty", "payment", "rupee", "sanction", "waiver", "radar"] * 4,
    ["ministry", "embassy", "summit", "parliament", "navy", "army"] * 6,
    ["Delhi", "Moscow", "Washington", "Beijing", "Kabul", "Dhaka", "Colombo", "Male", "Tashkent", "Astana", "Minsk", "Baku"] * 3)]


def _many(make_corpus, n=45, seed=7):
    import random
    rng = random.Random(seed)
    files, rows = {}, []
    for i in range(n):
        body = "\n\n".join(" ".join(rng.sample(_POOL, 3)) for _ in range(4)) + "\n"
        files[f"a{i:02d}.txt"] = article(title=f"Report {i} on the deal", body=body)
        rows.append(row(f"a{i:02d}.txt", f"Outlet {i}", f"2021-{1 + rng.randrange(3):02d}-{1 + rng.randrange(28):02d}"))
    return load_corpus(make_corpus(files, rows=rows))


def test_similarity_lists_neighbours_and_keeps_exact_clusters(make_corpus):
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    corpus = _many(make_corpus)
    pairs = similarity.similarity_pairs(corpus)
    english, matrix = similarity._vectors(corpus)
    n = len(english)
    full = (matrix @ matrix.T).toarray()
    np.fill_diagonal(full, 0)
    assert n > similarity.NEIGHBOUR_CANDIDATES + 1  # the candidate path is exercised
    assert len(pairs) <= n * similarity.NEIGHBOURS + n - 1 < n * (n - 1) // 2
    assert (pairs["file_a"] < pairs["file_b"]).all() and not pairs.duplicated(["file_a", "file_b"]).any()
    files = list(english["file"])
    listed = set(zip(pairs["file_a"], pairs["file_b"]))
    for i, f in enumerate(files):  # every article's nearest article is listed, with its exact cosine
        j = int(np.argmax(full[i]))
        assert (min(f, files[j]), max(f, files[j])) in listed
    got = pairs.set_index(["file_a", "file_b"])["cosine"]
    for (fa, fb), cos in got.items():
        assert abs(cos - round(full[files.index(fa), files.index(fb)], 4)) < 1e-9
    # clusters from the listed pairs = clusters of every same-event link of the full matrix
    days = pd.to_datetime(english["date_start"]).to_numpy()
    gap = np.abs((days[:, None] - days[None, :]) / np.timedelta64(1, "D"))
    links = (full >= similarity.SAME_EVENT_COSINE) & (gap <= similarity.EVENT_WINDOW_DAYS)
    _, expected = connected_components(links, directed=False)
    clusters = similarity.event_clusters(corpus, pairs).set_index("file").loc[files, "event_cluster"].to_numpy()
    assert (pd.crosstab(expected, clusters) > 0).sum(axis=1).eq(1).all()  # same partition
    assert (pd.crosstab(clusters, expected) > 0).sum(axis=1).eq(1).all()
    assert links.any()  # the fixture does have same-event links


def test_outlet_similarity_is_the_mean_of_every_article_pair(make_corpus):
    corpus = _many(make_corpus, n=24)
    corpus.articles["outlet"] = [f"O{i % 4}" for i in range(len(corpus.articles))]  # four outlets of six articles
    table = similarity.outlet_similarity(corpus).set_index(["outlet_a", "outlet_b"])
    english, matrix = similarity._vectors(corpus)
    dense = (matrix @ matrix.T).toarray()
    outlet = english["outlet"].to_numpy()
    for a in sorted(set(outlet)):
        for b in sorted(set(outlet)):
            i, j = np.flatnonzero(outlet == a), np.flatnonzero(outlet == b)
            block = dense[np.ix_(i, j)]
            expected = block[~np.eye(len(i), dtype=bool)].mean() if a == b else block.mean()
            assert table.loc[(a, b), "mean_cosine"] == pytest.approx(expected, abs=1e-4)
    folded = similarity.outlet_similarity(corpus, named=["O0"])
    assert set(folded["outlet_a"]) == {"O0", "other outlets"}


def test_reuse_is_one_row_per_passage_with_its_first_publisher(make_corpus):
    shared = "The Russian envoy said the supplies of the third regiment of the air defence system will be completed soon."
    files = {"a.txt": article(body="Opening words of outlet A alone.\n\n" + shared + "\n"),
             "b.txt": article(body=shared + "\n\nClosing words that only outlet B wrote here.\n"),
             "c.txt": article(body="Outlet C starts its own way today.\n\n" + shared + "\n"),
             "d.txt": article(body="Nothing in common with the others at all, only this line of text.\n")}
    rows = [row("a.txt", "A", "2021-04-08"), row("b.txt", "B", "2021-04-09"), row("c.txt", "C", "2021-04-06"),
            row("d.txt", "D", "2021-04-01")]
    corpus = load_corpus(make_corpus(files, rows=rows))
    reuse = reuse_passages(corpus, annotations(corpus).quotes)
    passage = reuse[reuse["text"].str.contains("third regiment")]
    assert len(passage) == 1
    only = passage.iloc[0]
    assert only["file_a"] == "c.txt" and only["file_b"] == "a.txt"  # earliest publisher first, then by date
    assert only["n_other"] == 2 and only["other_files"] == "a.txt|b.txt"
    assert only["n_words"] >= 19 and only["kind"] == "text"
    assert corpus.text("c.txt")[only["start_a"]:only["end_a"]] == shared[:-1]
    assert corpus.text("a.txt")[only["start_b"]:only["end_b"]] == shared[:-1]
    assert "d.txt" not in "|".join(reuse["other_files"]) and "d.txt" not in set(reuse["file_a"])


def test_reuse_splits_where_the_carrying_articles_change(make_corpus):
    first = "Moscow will deliver the remaining squadrons of the system to the Indian air force by next spring."
    second = "New Delhi has asked Washington for a waiver while the payment in rupees is still being worked out."
    files = {"a.txt": article(body=first + " " + second + "\n"),
             "b.txt": article(body="Outlet B writes differently today.\n\n" + first + "\n"),
             "c.txt": article(body=first + " " + second + "\n\nAnd outlet C closes on its own.\n")}
    rows = [row("a.txt", "A", "2021-04-06"), row("b.txt", "B", "2021-04-07"), row("c.txt", "C", "2021-04-08")]
    corpus = load_corpus(make_corpus(files, rows=rows))
    reuse = reuse_passages(corpus, annotations(corpus).quotes).set_index("text")
    assert set(reuse["file_a"]) == {"a.txt"}
    carried = dict(zip(reuse.index, reuse["other_files"]))
    assert any(first[:-1] in t and v == "b.txt|c.txt" for t, v in carried.items())
    assert any("waiver" in t and v == "c.txt" for t, v in carried.items())


def test_window_pairs_are_exactly_the_pairs_within_the_event_window():
    import numpy as np

    rng = np.random.default_rng(3)
    starts = rng.integers(0, 60, size=80)
    ends = starts + rng.choice([0, 0, 0, 29, 364], size=80)  # days, months and a few years
    blocks = list(similarity._window_pair_blocks(starts, ends, block=100))
    a, b = (np.concatenate([x[k] for x in blocks]) for k in range(2))
    got = {(min(i, j), max(i, j)) for i, j in zip(a.tolist(), b.tolist())}
    gap = np.maximum(np.maximum(starts[None, :] - ends[:, None], starts[:, None] - ends[None, :]), 0)
    expected = {(i, j) for i in range(80) for j in range(i + 1, 80) if gap[i, j] <= similarity.EVENT_WINDOW_DAYS}
    assert got == expected and len(a) == len(got)


def _window_pairs_at_once(starts, ends):
    """The date window's pairs made all at once, as before they were made in blocks (the reference)."""
    order = np.lexsort((np.arange(len(starts)), starts))
    s, e = starts[order], ends[order]
    counts = np.maximum(np.searchsorted(s, e + similarity.EVENT_WINDOW_DAYS, side="right") - np.arange(len(s)) - 1, 0)
    i = np.repeat(np.arange(len(s)), counts)
    j = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + i + 1
    keep = np.maximum(s[j] - e[i], 0) <= similarity.EVENT_WINDOW_DAYS
    return order[i[keep]], order[j[keep]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from([0, 0, 0, 2, 29, 364])), max_size=60), st.integers(1, 50))
def test_window_pairs_made_in_blocks_equal_the_pairs_made_at_once_in_the_same_order(dates, block):
    starts = np.array([d for d, _ in dates], dtype=np.int64)
    ends = starts + np.array([w for _, w in dates], dtype=np.int64)
    a, b = _window_pairs_at_once(starts, ends)
    blocks = list(similarity._window_pair_blocks(starts, ends, block))
    got_a = np.concatenate([x for x, _ in blocks]) if blocks else np.zeros(0, dtype=np.int64)
    got_b = np.concatenate([y for _, y in blocks]) if blocks else np.zeros(0, dtype=np.int64)
    assert got_a.tolist() == a.tolist() and got_b.tolist() == b.tolist()
    # each block holds about `block` candidates: only an article with more candidates than that makes a larger one
    assert all(len(x) <= max(block, len(dates)) for x, _ in blocks)


def test_exact_cosines_of_repeated_and_reversed_pairs_equal_each_pair_computed_alone():
    """Pairs asked for twice or in both directions are computed once; every value equals, bit for bit, the pair's
    cosine computed on its own."""
    from scipy import sparse

    rng = np.random.default_rng(3)
    matrix = sparse.random(30, 200, density=0.2, random_state=4, format="csr")
    matrix = sparse.csr_matrix(matrix.multiply(1 / np.sqrt(matrix.multiply(matrix).sum(axis=1))))
    r, c = rng.integers(0, 30, 500), rng.integers(0, 30, 500)
    r, c = np.r_[r, c], np.r_[c, r]  # every pair both ways
    alone = [float(matrix[[a]].multiply(matrix[[b]]).sum(axis=1)[0, 0]) for a, b in zip(r, c)]  # row sums, as the function
    got = similarity._exact_cosines(matrix, r, c)
    assert np.array_equal(np.array(alone).view(np.uint64), got.view(np.uint64))
    assert len(similarity._exact_cosines(matrix, r[:0], c[:0])) == 0


def test_blocks_in_order_is_a_stable_argsort_by_block_rank():
    from helpers.analysis.reuse import _blocks_in_order

    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(0, 12))
        sizes, order = rng.integers(0, 5, n), rng.permutation(n)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        assert np.array_equal(_blocks_in_order(sizes, order), np.argsort(np.repeat(rank, sizes), kind="stable"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), max_size=20), min_size=1, max_size=8))
def test_shingle_hashes_are_every_window_inside_one_article(articles):
    """Every SHINGLE-word window that lies inside one article, and no other, with its polynomial hash (computed
    here with Python integers modulo 2**64) and its position, whatever number of words is hashed at once."""
    from helpers.analysis import reuse

    bounds = np.r_[0, np.cumsum([len(words) for words in articles])]
    expected_hash, expected_pos = [], []
    for k, words in enumerate(articles):
        for i in range(len(words) - reuse.SHINGLE + 1):
            h = 0
            for w in words[i:i + reuse.SHINGLE]:
                h = (h * reuse._HASH_BASE + (w + 1) * reuse._HASH_MIX) % 2**64
            expected_hash.append(h)
            expected_pos.append(int(bounds[k]) + i)
    fold = np.arange(7, dtype=np.int32)[::-1].copy()  # word ids mapped through a folding (here reversed)
    for chunk in (reuse.HASH_CHUNK, 1, 5, 9, 30):  # articles hashed a few at a time give the same
        parts = [np.array(words, dtype=np.int32) for words in articles]
        assert reuse._shingle_hashes(parts, chunk=chunk).tolist() == expected_hash
        assert parts == [None] * len(articles)  # each article's ids let go once hashed
        parts = [fold[np.array(words, dtype=np.int64)] for words in articles]
        assert reuse._shingle_hashes(parts, fold, chunk=chunk).tolist() == expected_hash  # folded back
    shingles = reuse._Shingles(np.array(expected_hash, dtype=np.uint64), np.diff(bounds), np.zeros(len(articles), np.int32), 1)
    h, pos, _ = shingles.sorted(0)  # one article rank for all: by hash, then position
    assert list(zip(h.tolist(), pos.tolist())) == sorted(zip(expected_hash, expected_pos))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2), max_size=24), min_size=1, max_size=8), st.randoms(use_true_random=False),
       st.integers(1, 40))
def test_shingles_sorted_partition_by_partition_are_the_whole_sort(articles, rng, partitions):
    """The partitions, each sorted, one after the other: every shingle sorted by hash, then its article's
    publication rank, then its position (the sort passage reuse groups by), whatever the number of partitions;
    and only the wanted hashes when asked."""
    from helpers.analysis import reuse

    lengths = np.array([len(words) for words in articles], dtype=np.int64)
    hashes = reuse._shingle_hashes([np.array(words, dtype=np.int32) for words in articles])
    rank_of = np.array(rng.sample(range(len(articles)), len(articles)), dtype=np.int32)
    bounds = np.r_[0, np.cumsum(lengths)]
    windows = reuse._windows(lengths)
    pos = np.concatenate([bounds[k] + np.arange(w) for k, w in enumerate(windows)]).astype(np.int64)
    rank = np.repeat(rank_of, windows)
    order = np.lexsort((pos, rank, hashes))
    shingles = reuse._Shingles(hashes, lengths, rank_of, partitions)
    assert len(shingles.partitions()) == (1 if partitions == 1 else 2 ** int(np.ceil(np.log2(partitions))))
    got = [shingles.sorted(part) for part in shingles.partitions()]
    for k, expected in enumerate((hashes[order], pos[order], rank[order])):
        assert np.concatenate([g[k] for g in got]).tolist() == expected.tolist()
    wanted = np.unique(hashes[::3])
    picked = [shingles.sorted(part, wanted) for part in shingles.partitions()]
    assert np.concatenate([g[1] for g in picked]).tolist() == pos[order][np.isin(hashes[order], wanted)].tolist()


def _reuse_by_brute_force(english: pd.DataFrame) -> pd.DataFrame:
    """The reference for passage reuse, from its definition: every 8-word shingle (case-folded, ’ as ') shared by two or
    more articles belongs to its first publisher (earliest date_start, then file); its runs of consecutive shingles
    carried by the same other articles are the passages. Compared without ``kind`` (quotations are tested apart)."""
    from helpers.analysis import reuse
    from helpers.corpus.structure import WORD

    english = english.sort_values("file").reset_index(drop=True)
    files, texts = english["file"].tolist(), english["text"].tolist()
    publication = sorted(range(len(files)), key=lambda d: (english["date_start"].iat[d], files[d]))
    rank = {d: k for k, d in enumerate(publication)}
    words = [[(m.group().casefold().replace("’", "'"), m.start(), m.end()) for m in WORD.finditer(t)] for t in texts]
    where: dict[tuple, list[tuple[int, int]]] = {}
    for d, ws in enumerate(words):
        for i in range(len(ws) - reuse.SHINGLE + 1):
            where.setdefault(tuple(w for w, _, _ in ws[i:i + reuse.SHINGLE]), []).append((d, i))
    owned = []
    for key, places in where.items():
        docs = sorted({d for d, _ in places}, key=rank.get)
        if len(docs) >= 2:
            owned += [(d, i, tuple(docs[1:]), key) for d, i in places if d == docs[0]]
    owned.sort()
    rows, k = [], 0
    while k < len(owned):
        d, i, carriers, key = owned[k]
        n = k + 1
        while n < len(owned) and owned[n][0] == d and owned[n][1] == owned[n - 1][1] + 1 and owned[n][2] == carriers:
            n += 1
        length = owned[n - 1][1] - i + reuse.SHINGLE
        db = carriers[0]
        pb = min(j for c, j in where[key] if c == db)
        nb = min(length, len(words[db]) - pb)
        start, end = words[d][i][1], words[d][i + length - 1][2]
        rows.append({"file_a": files[d], "start_a": start, "end_a": end, "file_b": files[db],
                     "start_b": words[db][pb][1], "end_b": words[db][pb + nb - 1][2], "n_words": length,
                     "n_other": len(carriers), "other_files": "|".join(files[c] for c in carriers),
                     "text": " ".join(texts[d][start:end].split())})
        k = n
    columns = [c for c in reuse.REUSE_COLUMNS if c not in ("outlet_a", "outlet_b", "kind")]
    return pd.DataFrame(rows, columns=columns).sort_values(["file_a", "start_a"], kind="stable").reset_index(drop=True)


_SENTENCES = ["The third regiment of the system will reach India by the end of the year.",
              "Washington has not said whether a waiver under CAATSA will be granted to New Delhi.",
              "Moscow and New Delhi signed the deal in October 2018 for five units.",
              "An outlet wrote these words of its own about the talks in Moscow and the deal.",
              "the third regiment of the system will reach India by the end of the Year."]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(range(len(_SENTENCES))), min_size=1, max_size=5),
                          st.sampled_from(["2021-04-06", "2021-04-07", "2021-04-08"])), min_size=2, max_size=7),
       st.sampled_from([1, 3, 16]))
def test_passage_reuse_equals_its_definition_computed_by_brute_force(docs, shingles_per_partition):
    """Known answers on random corpora that share sentences (one repeats another with other capitals), at one
    partition or many (a few shingles each)."""
    from types import SimpleNamespace

    from helpers.analysis import reuse

    english = pd.DataFrame({"file": [f"f{k}.txt" for k in range(len(docs))], "outlet": [f"O{k % 3}" for k in range(len(docs))],
                            "date_start": [date for _, date in docs],
                            "text": [" ".join(_SENTENCES[i] for i in chosen) for chosen, _ in docs]})
    original = reuse.PARTITION_SHINGLES
    reuse.PARTITION_SHINGLES = shingles_per_partition
    try:
        got = reuse._passages(SimpleNamespace(english_by_file=english.sort_values("file")), pd.DataFrame())
    finally:
        reuse.PARTITION_SHINGLES = original
    expected = _reuse_by_brute_force(english)
    assert len(got) == len(expected)
    if len(expected):
        assert got[expected.columns].reset_index(drop=True).equals(expected)
        assert set(got["kind"]) == {"text"}  # no quotations given
