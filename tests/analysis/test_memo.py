"""Analysis results cached whole (helpers/analysis/memo.py): a rerun reads them, any change of an input table, of
a plain argument or of the corpus recomputes them, and what comes back equals what was computed."""
from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from conftest import SEEDS
from helpers.analysis import framing, kwic
from helpers.analysis.memo import memoized
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus

calls: list[tuple] = []


@memoized
def summary(corpus, table: pd.DataFrame, scale: int = 1) -> pd.DataFrame:
    calls.append((len(table), scale))
    return pd.DataFrame({"articles": [len(corpus.articles)], "rows": [len(table) * scale]})


@memoized
def pair(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    calls.append(("pair",))
    return table.head(1), table.tail(1)


def test_results_are_read_back_and_recomputed_on_any_change(tmp_path, monkeypatch):
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    calls.clear()
    corpus = load_corpus(SEEDS)
    table = pd.DataFrame({"a": [1, 2, 3]})
    first = summary(corpus, table)
    assert_frame_equal(summary(corpus, table.copy()), first)
    assert_frame_equal(summary(corpus, table, 1), first)  # the default passed by position or by name: one call
    assert_frame_equal(summary(table=table, corpus=corpus, scale=1), first)
    assert calls == [(3, 1)]
    summary(corpus, table, scale=2)                       # another plain argument
    summary(corpus, table.assign(a=[1, 2, 4]))            # another value in the table
    assert calls == [(3, 1), (3, 2), (3, 1)]
    assert_frame_equal(pair(table)[1], table.tail(1))
    assert_frame_equal(pair(table)[0], table.head(1))
    assert calls.count(("pair",)) == 1


def test_without_a_cache_or_a_key_it_simply_computes(tmp_path, monkeypatch):
    calls.clear()
    monkeypatch.setenv("S400_CACHE", "off")
    corpus = load_corpus(SEEDS)
    summary(corpus, pd.DataFrame({"a": [1]}))
    summary(corpus, pd.DataFrame({"a": [1]}))
    assert len(calls) == 2  # no cache
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    corpus.memo.pop("key", None)                          # a corpus without a key cannot be keyed
    summary(corpus, pd.DataFrame({"a": [1]}))
    summary(corpus, pd.DataFrame({"a": [1]}))
    assert len(calls) == 4


def test_framing_results_from_the_cache_equal_fresh_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("S400_CACHE", "off")
    corpus = load_corpus(SEEDS)
    annotated = annotations(corpus)
    coded = framing.code_sentences(annotated.matches)
    fresh = [framing.outlet_shares(corpus, coded), kwic.kwic(corpus, ("S-400",), annotated.quotes),
             framing.frame_voices(corpus, coded, annotated.matches, annotated.quotes)]
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    corpus = load_corpus(SEEDS)
    annotated = annotations(corpus)
    for _ in range(2):  # computed and stored, then read back
        coded = framing.code_sentences(annotated.matches)
        again = [framing.outlet_shares(corpus, coded), kwic.kwic(corpus, ("S-400",), annotated.quotes),
                 framing.frame_voices(corpus, coded, annotated.matches, annotated.quotes)]
        for a, b in zip(again, fresh):
            assert_frame_equal(a, b, check_exact=True)
    assert len(list((tmp_path / "cache" / "tables").glob("analysis-*"))) >= 4
