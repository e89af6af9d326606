"""Annotation is computed once per corpus, cached by content, and identical with or without cache or workers."""
from __future__ import annotations

import shutil

from conftest import SEEDS, article, row
from helpers import annotate
from helpers.annotate import serial
from helpers.corpus.load import load_corpus


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


def test_cache_reannotates_only_new_articles(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    cache = tmp_path / "cache"
    monkeypatch.setenv("S400_CACHE", str(cache))
    first = tables(load_corpus(folder))
    entries = sorted(p.name for p in cache.rglob("*.json"))
    assert len(entries) == 5
    calls = []
    real = annotate.annotate_article
    monkeypatch.setattr(annotate, "annotate_article", lambda job: calls.append(job[0]) or real(job))
    again = tables(load_corpus(folder))
    assert calls == [] and all(again[k].equals(first[k]) for k in first)
    (folder / "new.txt").write_text(article(), encoding="utf-8")
    with open(folder / "articles.csv", "a", encoding="utf-8") as handle:
        handle.write("new.txt,Test Outlet,2021-04-06,day,,,en,\n")
    tables(load_corpus(folder))
    assert calls == ["new.txt"]
    monkeypatch.setenv("S400_CACHE", "off")
    assert all(tables(load_corpus(SEEDS))[k].equals(first[k]) for k in first)


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
