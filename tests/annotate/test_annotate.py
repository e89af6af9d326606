"""Annotation is computed once per corpus, cached by content, and identical with or without cache or workers."""
from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, article, row
from helpers import annotate
from helpers.annotate import serial
from helpers.corpus.load import load_corpus
from helpers.extract.frames import load_frames as LOAD_FRAMES


def tables(corpus):
    a = annotate.annotations(corpus)
    return {"quotes": a.quotes, "matches": a.matches, "expressions": a.expressions, "claims": a.claims}


def test_annotation_is_computed_once_and_equals_the_serial_runs():
    corpus = load_corpus(SEEDS)
    a = annotate.annotations(corpus)
    assert annotate.annotations(corpus) is a  # computed once
    # the serial, uncached runs of one extractor compute the same thing from scratch
    assert serial.quotes_table(corpus).equals(a.quotes)
    assert serial.code_matches(corpus, a.quotes).equals(a.matches)
    assert len(a.quotes) == 79 and len(a.expressions) == 48


def counting(monkeypatch, module, name: str, calls: list) -> None:
    """Count the calls of ``module.name`` (an extractor a stage computes with), by the article's file."""
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def test_cache_reannotates_only_new_articles(tmp_path, monkeypatch):
    from helpers.extract import quotes as quotes_module

    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    cache = tmp_path / "cache"
    monkeypatch.setenv("S400_CACHE", str(cache))
    first = tables(load_corpus(folder))
    entries = sorted(p.name for p in cache.rglob("*.json"))
    assert len(entries) == 5 * (len(annotate.STAGES) + 1)  # per article: each stage (the frame coding with its terms' matches), the loaded article
    calls: list = []
    counting(monkeypatch, quotes_module, "quote_rows", calls)
    again = tables(load_corpus(folder))
    assert calls == [] and all(again[k].equals(first[k]) for k in first)
    (folder / "new.txt").write_text(article(), encoding="utf-8")
    with open(folder / "articles.csv", "a", encoding="utf-8") as handle:
        handle.write("new.txt,Test Outlet,2021-04-06,day,,,en,\n")
    tables(load_corpus(folder))
    assert calls == ["quote_rows"]  # the new article only
    monkeypatch.setenv("S400_CACHE", "off")
    assert all(tables(load_corpus(SEEDS))[k].equals(first[k]) for k in first)


def test_each_article_s_agency_credits_are_found_once_for_both_stages_that_read_them(monkeypatch):
    from helpers.extract import wire

    corpus = load_corpus(SEEDS)
    jobs = list(annotate.ArticleJobs(corpus))
    calls: list = []
    counting(monkeypatch, wire, "agency_credits", calls)
    rows = [annotate.annotate_article(job, wanted=("measures", "credits")) for job in jobs]
    assert calls == ["agency_credits"] * len(jobs)
    credited = [r for r in rows if r["credits"]]
    assert credited and all(r["measures"][0]["wire_evidence"] for r in credited if r["credits"][0]["role"] == "source")


def test_a_dictionary_edit_reruns_only_the_stages_that_read_it(tmp_path, monkeypatch):
    """An edit of the dictionary's terms that touches no term found in the articles (here: its digest changes,
    its terms do not) recomputes no extractor: the whole tables are rebuilt from the per-article entries, the frame
    coding checks that no term found in each article changed and keeps its rows, and the events keep theirs."""
    from helpers.extract import dates as dates_module
    from helpers.extract import events as events_module
    from helpers.extract import frames as frames_module
    from helpers.extract import quotes as quotes_module

    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    first = tables(load_corpus(SEEDS))
    versions = annotate.versions()
    monkeypatch.setattr(frames_module, "dictionary_digest", lambda: "edited")
    assert {k for k, v in annotate.versions().items() if v != versions[k]} == {"frames", "events"}  # whole tables
    calls: list = []
    for module, name in ((quotes_module, "quote_rows"), (frames_module, "article_matches"),
                         (dates_module, "article_expressions"), (events_module, "article_events"),
                         (annotate.frame_model, "predict"), (frames_module, "_scan_terms")):
        counting(monkeypatch, module, name, calls)
    again = tables(load_corpus(SEEDS))
    assert calls == []
    assert all(again[k].equals(first[k]) for k in first)


def _edit(tmp_path, monkeypatch, rows: list[list[str]], name: str = "frames.csv"):
    """Use a dictionary written from ``rows`` (csv rows, header first) from now on."""
    import csv

    from helpers.extract import frames as frames_module

    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    edited = LOAD_FRAMES(path)  # the real loader: an earlier edit in the same test has replaced frames.load_frames
    monkeypatch.setattr(frames_module, "load_frames", lambda path=frames_module.FRAMES_FILE: edited)


def _shipped_rows() -> list[list[str]]:
    import csv

    from helpers.extract import frames as frames_module

    return list(csv.reader(frames_module.FRAMES_FILE.read_text(encoding="utf-8").splitlines()))


def _term_edit(tmp_path, monkeypatch) -> None:
    """A term's pattern changed, and a term added that three of the seeds contain."""
    rows = _shipped_rows()
    rows[2][4] += "|sanctionz"
    _edit(tmp_path, monkeypatch, [*rows, ["deal_delivery", "", "", "", "Indo-Pacific", "", "", "no", "new"]])


def _scans(monkeypatch) -> list[int]:
    from helpers.extract import frames as frames_module

    scanned: list[int] = []
    real = frames_module._scan_terms
    monkeypatch.setattr(frames_module, "_scan_terms", lambda text, spans, subset, negation=True, low=None:
                        scanned.append(sum(len(f.terms) for f in subset)) or real(text, spans, subset, negation, low))
    return scanned


def _fresh_tables(monkeypatch) -> dict:
    monkeypatch.setenv("S400_CACHE", "off")
    return tables(load_corpus(SEEDS))


def test_after_a_term_edit_only_the_edited_terms_are_scanned_and_the_tables_equal_a_fresh_run(tmp_path, monkeypatch):
    """Article by article (no snapshot of the corpus's coding, as after adding an article): a real dictionary edit
    makes the cached annotation scan only the two edited terms in each article, recompute the events only of the
    articles whose frame coding changed, and give the tables of an uncached run with the edited dictionary."""
    from helpers.extract import frames as frames_module

    monkeypatch.setattr(annotate, "_snapshot_key", lambda corpus, folder: None)
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    before = tables(load_corpus(SEEDS))
    versions = annotate.versions()
    _term_edit(tmp_path, monkeypatch)
    assert annotate.versions()["frames"] != versions["frames"]  # the dictionary's digest changed with its terms
    scanned = _scans(monkeypatch)
    calls: list = []
    counting(monkeypatch, annotate.events, "article_events", calls)
    combined: list = []
    counting(monkeypatch, frames_module, "article_matches", combined)
    corpus = load_corpus(SEEDS)
    cached = tables(corpus)
    assert scanned == [2] * 5
    changed = {f for f in corpus.english["file"]
               if not cached["matches"][cached["matches"]["file"] == f].reset_index(drop=True).equals(
                   before["matches"][before["matches"]["file"] == f].reset_index(drop=True))}
    assert 0 < len(changed) < 5 and len(calls) == len(changed)  # events only where the frame coding changed
    # the coding is recombined only where a term found in the article changed (the edited "sanction" term is found in
    # some articles without changing their rows), never in an article where no term it contains changed
    assert len(changed) <= len(combined) < 5
    fresh = _fresh_tables(monkeypatch)
    assert all(cached[k].equals(fresh[k]) for k in fresh)
    new = cached["matches"][(cached["matches"]["term"] == "Indo-Pacific") & (cached["matches"]["frame"] == "deal_delivery")]
    assert len(new) > 0 and len(cached["matches"]) > len(before["matches"])


def test_after_a_term_edit_the_corpus_coding_is_recombined_in_bulk(tmp_path, monkeypatch):
    """With the snapshot of the corpus's frame coding (the usual rerun): the same edit reads no per-article cache
    entry, scans only the two edited terms in each article, recomputes the events only where what they read of the
    coding changed, and gives the tables of an uncached run."""
    from helpers import cache as cache_module

    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    before = tables(load_corpus(SEEDS))
    _term_edit(tmp_path, monkeypatch)
    scanned = _scans(monkeypatch)
    lookups: list = []
    counting(monkeypatch, cache_module, "lookup", lookups)
    corpus = load_corpus(SEEDS)
    lookups.clear()  # loading the corpus may read its articles' entries; the annotation must read none
    calls: list = []
    counting(monkeypatch, annotate.events, "article_events", calls)
    cached = tables(corpus)
    assert scanned == [2] * 5 and lookups == []
    read = [annotate.events.coding_read(*(list(t[t["file"] == f].itertuples(index=False, name=None)) for t in (m, annotate.annotations(corpus).expressions)))
            for f in sorted(corpus.english["file"]) for m in (cached["matches"], before["matches"])]
    assert len(calls) == sum(a != b for a, b in zip(read[::2], read[1::2])) < 5
    events_cached = annotate.annotations(corpus).events
    fresh = _fresh_tables(monkeypatch)
    assert all(cached[k].equals(fresh[k]) for k in fresh)
    assert events_cached.equals(annotate.annotations(load_corpus(SEEDS)).events)


@pytest.mark.parametrize("edit", ["remove a term", "move a term to another frame", "change a term's context rule",
                                  "add a term without a literal prefix", "swap two terms", "two edits in a row"])
def test_any_dictionary_edit_recombined_in_bulk_equals_a_fresh_run(tmp_path, monkeypatch, edit):
    """Edits of every kind that keep the frame ids, each rerun from the snapshot the run before left: the
    annotation tables equal those of an uncached run with the edited dictionary."""
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    tables(load_corpus(SEEDS))
    rows = _shipped_rows()
    body = rows[1:]
    partnership = [n for n, r in enumerate(body) if r[0] == "partnership"]
    if edit == "remove a term":
        del body[partnership[1]]
    elif edit == "move a term to another frame":
        body[partnership[1]][0] = "regional_order"
        body.insert(max(n for n, r in enumerate(body) if r[0] == "regional_order") + 1, body.pop(partnership[1]))
    elif edit == "change a term's context rule":
        body[partnership[0]][6] = ""
    elif edit == "add a term without a literal prefix":
        body.append(["us_pressure", "", "", "", "[Ss]econdary sanctions|[Ww]aiver", "", "", "no", "new"])
    elif edit == "swap two terms":
        body[partnership[1]], body[partnership[2]] = body[partnership[2]], body[partnership[1]]
    else:  # a term no article contains (only the snapshot's dictionary changes), then one most contain
        _edit(tmp_path, monkeypatch, [rows[0], *body, ["us_pressure", "", "", "", "Washington frowned on", "", "", "no", ""]])
        tables(load_corpus(SEEDS))
        body.append(["deal_delivery", "", "", "", "air defen[cs]e", "", "", "no", ""])
        del body[partnership[1]]
    _edit(tmp_path, monkeypatch, [rows[0], *body], name="edited.csv")
    cached = tables(load_corpus(SEEDS))
    events_cached = annotate.annotations(load_corpus(SEEDS)).events
    fresh = _fresh_tables(monkeypatch)
    assert all(cached[k].equals(fresh[k]) for k in fresh), edit
    assert events_cached.equals(annotate.annotations(load_corpus(SEEDS)).events), edit


def test_labels_and_notes_of_the_dictionary_change_no_annotation_version(tmp_path, monkeypatch):
    """Editing a frame's label or a term's note keeps every annotation version (no match can change); editing a
    term's rules, or the order of the frames, changes the frame coding's and the events' versions only."""
    import csv

    from helpers.extract import frames as frames_module

    rows = list(csv.reader(frames_module.FRAMES_FILE.read_text(encoding="utf-8").splitlines()))
    load = frames_module.load_frames

    def versions_with(edit):
        edited = [list(r) for r in rows]
        edit(edited)
        path = tmp_path / f"frames{len(list(tmp_path.iterdir()))}.csv"  # a new name: load_frames caches by path
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(edited)
        dictionary = load(path)
        monkeypatch.setattr(frames_module, "load_frames", lambda path=frames_module.FRAMES_FILE: dictionary)
        return annotate.versions()

    shipped = annotate.versions()
    assert versions_with(lambda r: r[1].__setitem__(1, "Another label") or r[2].__setitem__(8, "another note")) == shipped
    for edit in (lambda r: r[2].__setitem__(7, "yes" if r[2][7] == "no" else "no"),    # a term's negatability
                 lambda r: r.__setitem__(slice(2, 4), [r[3], r[2]])):                    # two terms swapped
        changed = versions_with(edit)
        assert {k for k in shipped if changed[k] != shipped[k]} == {"frames", "events"}


def test_each_stage_depends_on_its_own_knowledge_files():
    from helpers.versions import stage_files

    names = {name: {p.name for p in stage_files(tuple(sorted(modules)))} for name, modules, _ in annotate.STAGES}
    assert {"frames.csv", "frame_negators.csv", "frame_context.csv"} <= names["frames"]
    assert "frame_training.csv" in names["classified"] and "frames.csv" not in names["classified"]  # survives a dictionary edit
    assert "classified" in dict((name, upstream) for name, _, upstream in annotate.STAGES)["frames"]  # a retrained model reruns the frames
    assert "frames.csv" not in names["quotes"] | names["dates"] | names["claims"] | names["credits"]
    assert {"actors.csv", "institutions.csv"} <= names["quotes"] and "claims.csv" in names["claims"]
    assert "agencies.csv" in names["credits"] and "event_topics.csv" in names["events"]
    loading = {p.name for p in stage_files(("helpers.corpus.load",))}
    assert "cleaning_rules.csv" in loading and not loading & {"frames.csv", "actors.csv", "claims.csv"}  # loading reads the cleaning rules only
    versions = annotate.versions()
    assert len(set(versions.values())) == len(annotate.STAGES)


def test_corrupt_cache_entry_is_recomputed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("S400_CACHE", str(cache))
    first = tables(load_corpus(SEEDS))
    for path in cache.rglob("*.json"):
        path.write_bytes(b"not a pickle")
    again = tables(load_corpus(SEEDS))
    assert all(again[k].equals(first[k]) for k in first)


def test_parallel_annotation_is_identical(make_corpus, monkeypatch):
    from helpers import parallel

    bodies = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    files = {f"a{i:03d}.txt": bodies[i % len(bodies)] + f"\n\nFinal line number {i} of the S-400 report, officials said.\n"
             for i in range(parallel.MIN_PARALLEL + 5)}
    folder = make_corpus(files, rows=[row(name, outlet=f"Outlet {i % 9}", published=f"202{i % 4}-0{1 + i % 9}-1{i % 9}")
                                      for i, name in enumerate(files)])
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10)
    monkeypatch.setenv("S400_WORKERS", "1")
    serial = tables(load_corpus(folder))
    monkeypatch.setenv("S400_WORKERS", "2")
    parallel_ = tables(load_corpus(folder))
    for name in serial:
        assert serial[name].equals(parallel_[name]), name
    assert load_corpus(folder).english.shape[0] > 10 and len(serial["quotes"]) > 0


def test_notes_of_knowledge_files_are_read_by_no_code_and_change_no_version(tmp_path, monkeypatch):
    """A knowledge file's ``note`` column is documentation: no module reads it, so versions leave it out, and
    editing a note reruns nothing; editing any other cell changes the version."""
    import re

    from helpers import versions as versions_module
    from helpers.config import ROOT

    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "helpers").rglob("*.py"))
    assert not re.search(r"""\[\s*["']note["']\s*\]|get\(\s*["']note["']""", sources)
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(versions_module, "DATA", data)
    monkeypatch.setattr(versions_module, "ROOT", tmp_path)
    path = data / "terms.csv"
    versions = []
    for content in ('word,side,note\nPutin,Russia,"a ""quoted"", note"\n', 'word,side,note\nPutin,Russia,other\n',
                    'word,side,note\r\nPutin,Russia,other\r\n', 'word,side,note\nPutin,India,other\n',
                    'word,side,note\nPutin,Russia,other\n,,only a note\n', 'word,side,note\nPutin,Russia,other\n,,\n'):
        path.write_bytes(content.encode("utf-8"))
        versions.append(versions_module.files_version((path,)))
    assert versions[0] == versions[1] == versions[2] != versions[3]
    assert versions[4] != versions[5]  # a row with only a note is a row (the loader reports it), a blank row is not
    (tmp_path / "x.csv").write_text("word,note\nPutin,a\n", encoding="utf-8")  # outside the data folder: bytes
    first = versions_module.files_version(((tmp_path / "x.csv"),))
    (tmp_path / "x.csv").write_text("word,note\nPutin,b\n", encoding="utf-8")
    assert versions_module.files_version(((tmp_path / "x.csv"),)) != first


def test_a_snapshot_whose_tables_are_gone_falls_back_to_the_articles(tmp_path, monkeypatch):
    """The snapshot points to the cached matches and events tables instead of holding copies: when one of them is
    gone, a rerun after an edit codes article by article and still equals an uncached run."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("S400_CACHE", str(cache))
    tables(load_corpus(SEEDS))
    for path in (cache / "tables").glob("annotations-matches-*"):
        path.unlink()
    _term_edit(tmp_path, monkeypatch)
    combined: list = []
    counting(monkeypatch, annotate.recode, "recode", combined)
    cached = tables(load_corpus(SEEDS))
    assert combined == []
    fresh = _fresh_tables(monkeypatch)
    assert all(cached[k].equals(fresh[k]) for k in fresh)


def test_an_edit_that_empties_or_fills_the_coding_gives_the_tables_of_a_fresh_run(tmp_path, monkeypatch, make_corpus):
    """A corpus no term matches, then a term that matches, then that term made to match nowhere: each rerun from the
    snapshot equals an uncached run, column types included (an empty table's differ from a filled one's)."""
    folder = make_corpus({"bakery.txt": article("Local bakery wins award", "The bakery on Main Street won a national "
                         "award on Monday, the owner said.\n\nCustomers queued for croissants in 2019 and again in "
                         "March 2020, she added.\n")}, rows=[row("bakery.txt")])
    rows = _shipped_rows()
    for n, pattern in enumerate(["", "croissants?", "croissantsXQ"]):
        if pattern:
            _edit(tmp_path, monkeypatch, [*rows, ["deal_delivery", "", "", "", pattern, "", "", "no", ""]], f"edit{n}.csv")
        monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
        cached = tables(load_corpus(folder))
        monkeypatch.setenv("S400_CACHE", "off")
        fresh = tables(load_corpus(folder))
        by_terms = cached["matches"][~cached["matches"]["status"].isin(["classified", "plausible"])]
        assert len(by_terms) == (1 if pattern == "croissants?" else 0), pattern
        assert all(cached[k].equals(fresh[k]) for k in fresh), pattern


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt", "é.txt"]), st.integers(-3, 3),
                          st.sampled_from(["x", "", "y z"])), max_size=30),
       st.sets(st.sampled_from(["a.txt", "b.txt", "é.txt", "none.txt"])))
def test_rows_by_file_equal_a_row_by_row_grouping(rows, files):
    """recode._by_file (columns converted whole, sliced per file) equals grouping the rows one by one, whatever
    the order of the files in the table: each wanted file's rows in table order, as plain Python values."""
    import pandas as pd

    from helpers.annotate import recode

    table = pd.DataFrame(rows, columns=["file", "n", "s"]).astype({"file": "str", "n": int, "s": "str"})
    expected: dict[str, list[tuple]] = {}
    for file, n, s in rows:
        if file in files:
            expected.setdefault(file, []).append((n, s))
    got = recode._by_file(table, ["n", "s"], files)
    assert got == expected
    assert all(type(v[0]) is int and type(v[1]) is str for rs in got.values() for v in rs)


def test_tables_built_in_pieces_equal_the_tables_built_at_once(monkeypatch):
    """The annotation's tables, made into DataFrames a few articles at a time while the articles are annotated
    (helpers.tables), equal, type for type, those made from all the rows at once."""
    import pandas as pd

    from helpers import tables as pieces_of

    corpus = load_corpus(SEEDS)
    monkeypatch.setattr(pieces_of, "CHUNK", 10**9)
    whole = annotate.annotations(corpus)
    for chunk in (1, 2):
        corpus.memo.clear()
        monkeypatch.setattr(pieces_of, "CHUNK", chunk)
        pieces = annotate.annotations(corpus)
        for name in annotate.TABLES:
            pd.testing.assert_frame_equal(getattr(pieces, name), getattr(whole, name), check_exact=True)


def _jobs_grouped_whole(corpus) -> list[tuple]:
    """The jobs as the annotation made them before :class:`annotate.ArticleJobs`: every sentence grouped at once."""
    english = corpus.english.sort_values("file", kind="stable")
    ordered = corpus.sentences[corpus.sentences["file"].isin(set(english["file"]))].sort_values(["file", "start"], kind="stable")
    by_file: dict[str, list] = {}
    for f, a, e, k, i, t in zip(*(ordered[c].tolist() for c in ("file", "start", "end", "kind", "sentence_id", "text"))):
        by_file.setdefault(f, []).append((a, e, k, i, t))
    return [annotate.article_job(x, by_file.get(x["file"], [])) for x in english[list(annotate.JOB_FIELDS)].to_dict("records")]


@settings(max_examples=60, deadline=None)
@given(articles=st.lists(st.tuples(st.sampled_from(["b.txt", "a.txt", "é.txt", "c d.txt", "a2.txt"]), st.booleans(), st.booleans()),
                         max_size=6, unique_by=lambda a: a[0]),
       sentences=st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "é.txt", "a2.txt", "gone.txt"]), st.integers(0, 4)), max_size=25),
       batch=st.integers(1, 4))
def test_jobs_made_in_batches_equal_the_jobs_grouped_whole(articles, sentences, batch):
    """Articles in any order, duplicates and other languages, sentences in any order with equal starts, an article
    without sentences and sentences of an article not loaded: the batched jobs equal the whole grouping."""
    import pandas as pd

    from helpers.corpus.load import ARTICLE_COLUMNS, Corpus

    records = [{**{c: "" for c in ARTICLE_COLUMNS}, "file": f, "english": english, "duplicate_of": "" if kept else "a.txt",
                "outlet": f"Outlet {f}", "text": f"text of {f}", "n_words": 3} for f, english, kept in articles]
    rows = [{"file": f, "sentence_id": n, "paragraph_id": 0, "kind": "body" if n % 2 else "headline", "start": start,
             "end": start + 2, "text": f"s{n} of {f}"} for n, (f, start) in enumerate(sentences)]
    corpus = Corpus(folder=SEEDS, fingerprint="", articles=pd.DataFrame(records, columns=ARTICLE_COLUMNS).astype({"english": bool}),
                    paragraphs=pd.DataFrame(), sentences=pd.DataFrame(rows, columns=["file", "sentence_id", "paragraph_id", "kind", "start", "end", "text"]),
                    removed=pd.DataFrame(), problems=pd.DataFrame())
    whole = _jobs_grouped_whole(corpus)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(annotate, "JOBS_BATCH", batch)
        jobs = annotate.ArticleJobs(corpus)
        assert len(jobs) == len(whole)
        assert list(jobs) == whole
        assert list(jobs) == whole  # iterable again, alike


def test_jobs_of_the_seeds_equal_the_jobs_grouped_whole(monkeypatch):
    monkeypatch.setattr(annotate, "JOBS_BATCH", 2)
    corpus = load_corpus(SEEDS)
    assert list(annotate.ArticleJobs(corpus)) == _jobs_grouped_whole(corpus) and len(annotate.ArticleJobs(corpus)) == 5


def test_jobs_never_take_from_a_column_of_many_chunks(monkeypatch):
    """The corpus's tables are joined from the loader's pieces, so their columns hold many Arrow chunks, and
    Arrow's take on such a column first joins every chunk: a take per batch of jobs copied the corpus's texts once
    per batch (quadratic in the corpus). Batch by batch, the jobs take each column chunk by chunk
    (tables.take_list), and equal the whole grouping."""
    import dataclasses

    import pandas as pd
    import pyarrow.compute as pc

    def in_pieces(table):
        return pd.concat([table.iloc[i:i + 2] for i in range(0, len(table), 2)])

    seeds = load_corpus(SEEDS)
    corpus = dataclasses.replace(seeds, articles=in_pieces(seeds.articles), sentences=in_pieces(seeds.sentences))
    assert corpus.sentences["text"].array._pa_array.num_chunks > 1 and corpus.articles["text"].array._pa_array.num_chunks > 1
    expected = _jobs_grouped_whole(corpus)
    monkeypatch.setattr(annotate, "JOBS_BATCH", 3)  # across the pieces of 2 rows (pandas takes a whole piece without Arrow)
    jobs = annotate.ArticleJobs(corpus)  # made once (its one sort may take from the whole table); iterated per batch
    chunks_taken = []
    take = pc.take

    def spy(data, *args, **kwargs):
        chunks_taken.append(getattr(data, "num_chunks", 1))
        return take(data, *args, **kwargs)

    monkeypatch.setattr(pc, "take", spy)
    assert list(jobs) == expected
    assert chunks_taken and max(chunks_taken) == 1
