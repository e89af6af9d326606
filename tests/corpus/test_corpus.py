"""Loading and validation: every file and manifest row ends loaded or reported, all problems at once."""
from __future__ import annotations

import dataclasses
import multiprocessing

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BODY, ROOT, article, row
from helpers.corpus import quality
from helpers.corpus.load import load_corpus
from helpers.corpus.problems import CorpusError


def problems_for(corpus, file):
    return corpus.problems[corpus.problems["file"] == file]


def test_all_problems_listed_at_once_and_every_file_accounted(make_corpus):
    folder = make_corpus(
        {"good.txt": article(), "orphan.txt": article("Orphan"), "empty.txt": "", "blank.txt": "  \n\t\n",
         "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "baddate.txt": article("Bad date")},
        rows=[row("good.txt"), row("missing.txt"), row("empty.txt"), row("blank.txt"), row("image.txt"),
              row("baddate.txt", published="2021-13-45"), row("../outside.txt")],
    )
    (folder.parent / "outside.txt").write_text(article(), encoding="utf-8")
    corpus = load_corpus(folder)
    assert list(corpus.articles["file"]) == ["good.txt"]
    errors = corpus.problems[corpus.problems["severity"] == "error"]
    assert set(errors["file"]) == {"orphan.txt", "missing.txt", "empty.txt", "blank.txt", "image.txt", "baddate.txt", "../outside.txt"}
    assert "no row" in problems_for(corpus, "orphan.txt")["problem"].iloc[0]
    assert "no such file" in problems_for(corpus, "missing.txt")["problem"].iloc[0]
    assert "empty" in problems_for(corpus, "empty.txt")["problem"].iloc[0]
    assert "whitespace" in problems_for(corpus, "blank.txt")["problem"].iloc[0]
    assert "PNG image" in problems_for(corpus, "image.txt")["problem"].iloc[0]
    assert "no month 13" in problems_for(corpus, "baddate.txt")["problem"].iloc[0]
    assert "leaves the corpus folder" in problems_for(corpus, "../outside.txt")["problem"].iloc[0]
    assert corpus.problems["fix"].str.len().gt(0).all()


def test_path_leaving_folder_rejected_even_as_symlink(make_corpus, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(article(), encoding="utf-8")
    folder = make_corpus({}, rows=[row("link.txt"), row(str(outside))])
    (folder / "link.txt").symlink_to(outside)
    corpus = load_corpus(folder)
    assert corpus.articles.empty
    assert (corpus.problems["problem"].str.contains("leaves the corpus folder")).sum() == 2


@pytest.mark.parametrize("published, start, end, precision", [
    ("2021-04-06", "2021-04-06", "2021-04-06", "day"),
    ("2020-09", "2020-09-01", "2020-09-30", "month"),
    ("2020-02", "2020-02-01", "2020-02-29", "month"),
    ("2019", "2019-01-01", "2019-12-31", "year"),
])
def test_date_precision_kept(make_corpus, published, start, end, precision):
    corpus = load_corpus(make_corpus({"a.txt": article()}, rows=[row("a.txt", published=published)]))
    got = corpus.articles.iloc[0]
    assert (got["date_start"], got["date_end"], got["date_precision"]) == (start, end, precision)


@pytest.mark.parametrize("bad", ["2021-13-45", "2021-02-30", "2021-4-6", "06/04/2021", "April 2021", "2021-00"])
def test_impossible_dates_rejected_not_rolled(make_corpus, bad):
    corpus = load_corpus(make_corpus({"a.txt": article()}, rows=[row("a.txt", published=bad)]))
    assert corpus.articles.empty
    assert "date" in corpus.problems.iloc[0]["problem"]


def test_bom_crlf_and_windows_1252(make_corpus):
    text = article().replace("\n", "\r\n")
    cp = "Russia’s envoy said the deal is “on track” – as planned.\n\n" + BODY
    folder = make_corpus(
        {"bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"), "cp.txt": ("Title line here\n\n" + cp).encode("cp1252")},
        rows=[row("bom.txt"), row("cp.txt")],
    )
    corpus = load_corpus(folder)
    assert set(corpus.articles["file"]) == {"bom.txt", "cp.txt"}
    bom = corpus.text("bom.txt")
    assert "\ufeff" not in bom and "\r" not in bom and bom.startswith("India, Russia")
    cp_text = corpus.text("cp.txt")
    assert "Russia’s envoy said the deal is “on track” – as planned." in cp_text
    warning = problems_for(corpus, "cp.txt")
    assert (warning["severity"] == "warning").any() and warning["problem"].str.contains("Windows-1252").any()
    assert corpus.articles.set_index("file").at["cp.txt", "encoding"] == "cp1252"


def test_html_page_extracted_and_escaped(make_corpus):
    page = """<!DOCTYPE html><html><head><title>S-400 on track &amp; more</title>
    <script>alert('x')</script><style>p{color:red}</style></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <header class="site-header">Subscribe now</header>
    <article><h1>S-400 deliveries on track, says envoy</h1>
    <p>India and Russia reaffirmed their defence ties on Monday, officials said in New Delhi.</p>
    <p>The S-400 deliveries are on schedule, the envoy said &ldquo;without delay&rdquo; at the embassy.</p>
    <div class="share-buttons">Share on Facebook</div>
    <p>Washington has warned that the purchase could invite sanctions under CAATSA.</p>
    <p>Officials said India would take its own decision &lt;in its national interest&gt;.</p></article>
    <footer>© 2023 Outlet</footer><script>var tracking = 1;</script></body></html>"""
    corpus = load_corpus(make_corpus({"page.html": page}, rows=[row("page.html")]))
    text = corpus.text("page.html")
    assert text.startswith("S-400 deliveries on track, says envoy\n\n")
    assert "“without delay”" in text and "<in its national interest>" in text
    for noise in ("alert", "color:red", "Home", "Subscribe", "Share on", "©", "tracking", "<p>", "<script"):
        assert noise not in text
    assert corpus.articles.iloc[0]["source_format"] == "html"


def test_duplicates_analysed_once(make_corpus):
    same = article()
    near = article().replace("Monday", "Tuesday")
    near2 = article().replace("Monday", "Wednesday")
    folder = make_corpus(
        {"a.txt": same, "b.txt": same, "c.txt": near, "d.txt": near2},
        rows=[row("a.txt"), row("b.txt", outlet="Other"), row("c.txt"), row("d.txt", outlet="Elsewhere")],
    )
    corpus = load_corpus(folder)
    dup = corpus.articles.set_index("file")["duplicate_of"]
    assert dup["b.txt"] == "a.txt"  # byte-identical, whatever the outlet
    assert dup["c.txt"] == "a.txt"  # near-identical, same outlet
    assert dup["d.txt"] == ""       # near-identical but another outlet: republished, kept and reported
    assert "near_copy_of:a.txt" in corpus.articles.set_index("file").at["d.txt", "flags"]
    assert set(corpus.sentences["file"]) == {"a.txt", "d.txt"}
    assert problems_for(corpus, "b.txt")["problem"].str.contains("byte-identical to a.txt").any()


def test_tables_made_in_pieces_equal_tables_made_at_once(make_corpus, monkeypatch):
    """The loader makes its tables piece by piece (the articles too, their rows let go): one article per piece gives
    the tables of one piece for all, with rows listed out of name order, near copies flagged on top of other flags,
    a short and a non-English article and removed page noise."""
    from helpers import tables

    same, near = article(), article().replace("Monday", "Wednesday")
    folder = make_corpus(
        {"a.txt": same, "b.txt": same, "d.txt": "Share this article\n\n" + near, "e.txt": "Kurz.\n\nNur ein Satz.",
         "c.txt": "Short note\n\nIndia said so."},
        rows=[row("e.txt", language="de"), row("d.txt", outlet="Elsewhere"), row("c.txt"), row("b.txt"), row("a.txt")],
    )
    monkeypatch.setenv("S400_CACHE", "off")
    whole = load_corpus(folder)
    monkeypatch.setattr(tables, "CHUNK", 1)
    pieces = load_corpus(folder)
    for name in ("articles", "paragraphs", "sentences", "removed", "problems"):
        pd.testing.assert_frame_equal(getattr(pieces, name), getattr(whole, name), check_exact=True)
    flags = whole.articles.set_index("file")["flags"]
    assert flags["d.txt"] == "very_short near_copy_of:a.txt" and flags["b.txt"] == "very_short duplicate"
    assert "very_short" in flags["c.txt"] and "non_english" in flags["e.txt"]
    assert list(whole.articles["file"]) == sorted(whole.articles["file"]) and len(whole.removed)


@st.composite
def near_copies(draw) -> list[set[int]]:
    """A few shingle sets, each the same base set with a few values dropped and a few added (Jaccard near 0.8)."""
    base = draw(st.sets(st.integers(0, 10**6), min_size=1, max_size=40))
    out = []
    for k in range(draw(st.integers(2, 6))):
        dropped = draw(st.sets(st.sampled_from(sorted(base)), max_size=max(1, len(base) // 4)))
        added = draw(st.sets(st.integers(10**6 + 1, 10**6 + 60), max_size=max(1, len(base) // 4)))
        out.append((base - dropped) | added)
    return out


@settings(max_examples=300, deadline=None)
@given(near_copies())
def test_near_duplicate_pairs_are_exactly_the_candidates_at_the_threshold(sets):
    """With one signature for all (every pair a candidate), the pairs are exactly those whose shingle sets have a
    Jaccard of 0.8 or more: the shortcut for sets of unequal size drops none of them."""
    grams = {f"f{i}": np.array(sorted(s), dtype=np.uint64) for i, s in enumerate(sets)}
    same = {name: np.zeros(quality.PERMUTATIONS, dtype=np.uint64) for name in grams}
    expected = []
    names = sorted(grams)
    for k, a in enumerate(names):
        for b in names[k + 1:]:
            x, y = set(sets[int(a[1:])]), set(sets[int(b[1:])])
            if x and y and len(x & y) / len(x | y) >= quality.NEAR_DUPLICATE_JACCARD:
                expected.append((a, b, round(len(x & y) / len(x | y), 3)))
    assert quality.near_duplicate_pairs(grams, same) == expected
    read = []  # with the sizes given, the sets are read only for the pairs compared, and give the same pairs

    class Reading(dict):
        def __getitem__(self, name):
            read.append(name)
            return super().__getitem__(name)

    assert quality.near_duplicate_pairs(Reading(grams), same, {f: g.size for f, g in grams.items()}) == expected
    assert set(read) <= {f for f, g in grams.items() if g.size}


def test_without_a_candidate_pair_no_shingle_set_is_read():
    texts = {"a.txt": "The deal for five squadrons was signed in New Delhi on Friday by both sides.",
             "b.txt": "Washington warned of sanctions under CAATSA while Moscow said deliveries would start soon."}
    grams = {f: quality.shingles(t) for f, t in texts.items()}

    class Unreadable(dict):
        def __getitem__(self, name):
            raise AssertionError(f"{name}'s shingles were read")

    pairs = quality.near_duplicate_pairs(Unreadable(), {f: quality.minhash(g) for f, g in grams.items()}, {f: g.size for f, g in grams.items()})
    assert pairs == [] and quality.near_duplicate_pairs(grams, {f: quality.minhash(g) for f, g in grams.items()}) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.integers(0, 2), min_size=quality.PERMUTATIONS, max_size=quality.PERMUTATIONS), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n))))
def test_band_candidates_are_the_pairs_that_share_a_band(drawn):
    """The candidates are exactly the pairs of usable rows equal on every value of at least one band, sorted."""
    values, usable = drawn
    signatures = np.array(values, dtype=np.uint64).reshape(len(values), quality.PERMUTATIONS)
    rows = quality.ROWS
    expected = [[a, b] for a in range(len(values)) for b in range(a + 1, len(values)) if usable[a] and usable[b]
                and any(values[a][k * rows:(k + 1) * rows] == values[b][k * rows:(k + 1) * rows] for k in range(quality.BANDS))]
    assert quality._band_candidates(signatures, np.array(usable, dtype=bool)).tolist() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["India", "S-400", "deal", "the", "Deal", "THE", "é", "x1", "sanctions"]), max_size=14))
def test_shingle_hashes_are_the_sorted_distinct_window_hashes(tokens):
    """Each window of SHINGLE lower-cased words: its words' CRC-32 (+1) as a polynomial in the fixed base modulo
    2**64, top 32 bits; distinct and sorted (as Python integers compute them); nothing for a shorter text."""
    import zlib  # noqa: PLC0415

    size, base = quality.SHINGLE, int(quality._SHINGLE_BASE)
    expected = set()
    for i in range(len(tokens) - size + 1):
        h = 0
        for word in tokens[i:i + size]:
            h = (h * base + zlib.crc32(word.lower().encode()) + 1) % 2**64
        expected.add(h >> 32)
    got = quality.shingle_hashes(tokens)
    assert got.dtype == np.uint64 and got.tolist() == sorted(expected)


def _small_residues() -> list[int]:
    """Hashes whose residue is 0 to 4 under one of the first permutations (g = (r - b) / a mod p, and g + p): where
    a reduction that stops short of p would leave p + r."""
    p = (1 << 31) - 1
    return sorted({g + extra for a, b in zip(quality._A[:8].tolist(), quality._B[:8].tolist()) for r in range(5)
                   for g in [(r - b) * pow(a, -1, p) % p] for extra in (0, p)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1) | st.sampled_from([0, 1, 2**31 - 2, 2**31 - 1, 2**31, 2**32 - 1])
                | st.sampled_from(_small_residues()), max_size=40, unique=True))
def test_a_signature_is_each_permutations_least_residue(grams):
    """min over the set of (a * g + b) mod (2**31 - 1), per permutation, as Python integers compute it (the product
    fits 64 bits: shingle hashes are 32-bit); the empty set's signature is all p."""
    p = (1 << 31) - 1
    expected = [min(((int(a) * g + int(b)) % p for g in grams), default=p) for a, b in zip(quality._A, quality._B)]
    assert quality.minhash(np.array(sorted(grams), dtype=np.uint64)).tolist() == expected


@settings(max_examples=300, deadline=None)
@given(near_copies())
def test_near_copies_share_enough_signature_values_to_be_checked(sets):
    """Sets at the Jaccard threshold or above share at least LEAST_AGREEMENT of their MinHash values, so the
    cut-off before the exact check keeps them."""
    grams = [np.array(sorted(s), dtype=np.uint64) for s in sets]
    for k, x in enumerate(sets):
        for j in range(k + 1, len(sets)):
            if x and sets[j] and len(x & sets[j]) / len(x | sets[j]) >= quality.NEAR_DUPLICATE_JACCARD:
                agree = np.count_nonzero(quality.minhash(grams[k]) == quality.minhash(grams[j]))
                assert agree >= quality.LEAST_AGREEMENT


def test_non_english_flagged(make_corpus):
    german = ("Indien und Russland haben am Montag ihre Verteidigungsbeziehungen bekräftigt, sagten Beamte in "
              "Neu-Delhi. Die Lieferungen der S-400 liegen im Zeitplan, sagte der russische Botschafter. Washington "
              "hat gewarnt, dass der Kauf Sanktionen nach sich ziehen könnte, die nicht im Interesse des Landes sind.\n")
    russian = "Россия и Индия подтвердили планы по поставкам систем С-400, заявил посол в Нью-Дели. " * 5
    hindi = "भारत और रूस ने रक्षा सहयोग को और गहरा करने का निर्णय लिया है। " * 5
    folder = make_corpus({"de.txt": "Indien und Russland\n\n" + german, "declared.txt": article(),
                          "ru.txt": "Россия и Индия\n\n" + russian, "hi.txt": "भारत और रूस\n\n" + hindi},
                         rows=[row("de.txt"), row("declared.txt", language="fr"), row("ru.txt"), row("hi.txt")])
    corpus = load_corpus(folder)
    flags = corpus.articles.set_index("file")["flags"]
    for file in ("de.txt", "declared.txt", "ru.txt", "hi.txt"):
        assert "non_english" in flags[file], file
    assert corpus.english.empty


def test_huge_article_without_line_breaks_is_linear(make_corpus):
    sentence = "The S-400 deal between India and Russia is on schedule, officials said on Monday. "
    folder = make_corpus({"huge.txt": sentence * 20000}, rows=[row("huge.txt")])
    corpus = load_corpus(folder)
    assert corpus.articles.iloc[0]["n_sentences"] == 20000


def test_manifest_problems(make_corpus):
    with pytest.raises(CorpusError, match="No articles.csv"):
        load_corpus(make_corpus({"a.txt": article()}))
    with pytest.raises(CorpusError, match="no column"):
        load_corpus(make_corpus({"a.txt": article()}, manifest="file,title\na.txt,x\n"))
    folder = make_corpus({"a.txt": article(), "b.txt": article("Other title", BODY.replace("Monday", "Friday"))},
                         manifest="file,outlet,published,extra\na.txt,X,2021-04-06,1\na.txt,X,2021-04-06,1\nb.txt,,,\n")
    corpus = load_corpus(folder)
    assert list(corpus.articles["file"]) == ["a.txt"]
    problems = " | ".join(corpus.problems["problem"])
    assert "listed twice" in problems and "'outlet' is empty" in problems and "'published' is empty" in problems
    assert "unknown column" in problems


def test_seeds_known_answers():
    corpus = load_corpus()
    assert len(corpus.articles) == 5 and len(corpus.analysed) == 5 and len(corpus.english) == 5
    flags = corpus.articles.set_index("file")["flags"].to_dict()
    assert flags == {
        "000_5a026168706b12fc.txt": "missing_headline",
        "001_3997130cec943da5.txt": "",
        "002_516855880d70a180.txt": "suspect_garbled",
        "003_a9a0456af7e62718.txt": "",
        "004_0833fe002a5a5444.txt": "",
    }
    assert corpus.articles.set_index("file").at["000_5a026168706b12fc.txt", "date_precision"] == "month"
    assert corpus.problems["severity"].tolist() == ["warning"]  # only the garbled-text warning
    for table in (corpus.articles, corpus.paragraphs, corpus.sentences, corpus.removed, corpus.problems):
        assert "file" in table.columns


def test_parallel_loading_gives_identical_tables(make_corpus, monkeypatch):
    from helpers import parallel

    files = {f"a{i:03d}.txt": article(f"Report {i} on the S-400", BODY.replace("Monday", f"day {i}")) for i in range(parallel.MIN_PARALLEL + 10)}
    folder = make_corpus(files, rows=[row(name, outlet=f"Outlet {i % 7}") for i, name in enumerate(files)])
    monkeypatch.setenv("S400_WORKERS", "1")
    serial = load_corpus(folder)
    monkeypatch.setenv("S400_WORKERS", "2")
    workers_then = []  # the meanwhile work runs once, while the workers are alive, and changes nothing
    parallel_ = load_corpus(folder, meanwhile=lambda: workers_then.append(len(multiprocessing.active_children())))
    for name in ("articles", "paragraphs", "sentences", "removed", "problems"):
        assert getattr(serial, name).equals(getattr(parallel_, name)), name
    assert len(workers_then) == 1 and workers_then[0] >= 2
    monkeypatch.setenv("S400_WORKERS", "1")
    load_corpus(folder, meanwhile=lambda: workers_then.append("one worker: never called"))
    assert len(workers_then) == 1


def test_corpus_tables_built_in_pieces_equal_the_tables_built_at_once(make_corpus, monkeypatch):
    """The paragraphs and sentences, made into DataFrames a few articles at a time while the articles load
    (helpers.tables), equal, type for type, those made from all rows at once, duplicates' rows dropped."""
    from helpers import tables

    files = {f"a{i:02d}.txt": article(f"Report {i} on the S-400", BODY.replace("Monday", f"day {i}")) for i in range(7)}
    files["a07.txt"] = files["a00.txt"]  # a byte-identical copy: its rows are dropped after the pieces are built
    folder = make_corpus(files, rows=[row(name, outlet=f"Outlet {i % 3}") for i, name in enumerate(files)])
    monkeypatch.setattr(tables, "CHUNK", 10**9)
    whole = load_corpus(folder)
    assert "a07.txt" not in set(whole.sentences["file"]) and len(whole.sentences)
    for chunk in (1, 3):
        monkeypatch.setattr(tables, "CHUNK", chunk)
        pieces = load_corpus(folder)
        for name in ("articles", "paragraphs", "sentences", "removed", "problems"):
            pd.testing.assert_frame_equal(getattr(pieces, name), getattr(whole, name), check_exact=True)


def _problems_in_row_order_as_before(folder):
    """Every row's problems as the loader reported them when it read the files in row order, by calling the same
    checks row by row (the reference for the loader, which reads in name order)."""
    from helpers.corpus.access import real_root
    from helpers.corpus.manifest import read_manifest, validate_row
    from helpers.corpus.problems import Problems

    problems, listed = Problems(), {}
    rows = read_manifest(folder, problems)
    contents = {}
    for r in rows:
        if r["file"] in listed:
            problems.add(r["file"], "error", f"listed twice in articles.csv (lines {listed[r['file']]} and {r['_row']}); the second row was ignored",
                         "delete one of the rows")
            continue
        if r["file"]:
            listed[r["file"]] = r["_row"]
        checked = validate_row(r, folder, problems, real_root(folder))
        if checked is not None:
            contents[r["file"]] = checked[0]
    return problems.rows, contents


def test_files_read_in_name_order_give_the_problems_in_row_order_and_the_fingerprint_of_all_bytes(make_corpus):
    from helpers.corpus.manifest import fingerprint, manifest_bytes

    folder = make_corpus({"b.txt": article("B"), "a.txt": article("A"), "c.txt": "", "é.txt": article("E")},
                         rows=[row("é.txt", date_precision="year"), row("c.txt"), row("b.txt", outlet=""), row("zz.txt"),
                               row("a.txt"), row("b.txt"), row("", published="2021-02-30"), row("a.txt", published="x")])
    from helpers.corpus.problems import Problems

    reported, contents = _problems_in_row_order_as_before(folder)
    corpus = load_corpus(folder)
    # the problems table orders by severity and file, then as reported: b.txt's empty outlet (line 4) comes before
    # its second row (line 7), as when the rows were read in order
    assert [p for p in corpus.problems.to_dict("records") if p in reported] == Problems(rows=reported).frame().to_dict("records")
    b = list(problems_for(corpus, "b.txt")["problem"])
    assert b.index("'outlet' is empty in articles.csv line 4") < [i for i, x in enumerate(b) if x.startswith("listed twice")][0]
    assert corpus.fingerprint == fingerprint(manifest_bytes(folder), sorted(contents.items()))


def test_a_file_that_changes_between_its_two_readings_is_reported_and_not_cached(make_corpus, monkeypatch, tmp_path):
    from helpers.corpus import load as loading
    from helpers.corpus.access import Refused

    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    folder = make_corpus({"a.txt": article("A"), "b.txt": article("B"), "c.txt": article("C")},
                         rows=[row("a.txt"), row("b.txt"), row("c.txt")])
    real = loading.read_file

    def second_reading(folder_, name, **kw):
        if name == "b.txt":
            return b"rewritten meanwhile " + real(folder_, name, **kw)
        if name == "c.txt":
            raise Refused("listed in the manifest but there is no such file", "add the file")
        return real(folder_, name, **kw)

    monkeypatch.setattr(loading, "read_file", second_reading)
    corpus = load_corpus(folder)
    assert list(corpus.articles["file"]) == ["a.txt"]
    changed = problems_for(corpus, "b.txt")
    assert list(changed["severity"]) == ["error"] and changed["problem"].iat[0].startswith("changed while the corpus was loading")
    gone = problems_for(corpus, "c.txt")["problem"].iat[0]
    assert gone.startswith("changed while the corpus was loading") and "no such file" in gone
    monkeypatch.setattr(loading, "read_file", real)  # the files as they are now: loaded, nothing kept from before
    assert list(load_corpus(folder).articles["file"]) == ["a.txt", "b.txt", "c.txt"]


def test_english_articles_share_the_rows_yet_cannot_change_the_corpus():
    """When every article is analysed and English, ``english`` gives the articles without copying their texts, and
    ``english_by_file`` without sorting them again; writing to either leaves the corpus as it was. Otherwise they
    are the rows kept, sorted."""
    corpus = load_corpus(ROOT / "seeds")
    assert corpus.english["english"].all() and (corpus.english["duplicate_of"] == "").all()
    assert np.shares_memory(corpus.english["n_words"].to_numpy(), corpus.articles["n_words"].to_numpy())
    english = corpus.english_by_file
    english.loc[0, "outlet"] = "changed"
    english["extra"] = 1
    assert "changed" not in set(corpus.articles["outlet"]) and "extra" not in corpus.articles
    shuffled = dataclasses.replace(corpus, articles=corpus.articles.iloc[::-1].assign(english=[False] + [True] * (len(corpus.articles) - 1)))
    assert list(shuffled.english_by_file["file"]) == sorted(corpus.articles["file"][:-1].tolist())
