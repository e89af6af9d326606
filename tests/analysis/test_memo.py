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


def test_analysis_reads_only_the_frame_ids_of_the_dictionary():
    """Analysis results are keyed by the dictionary's frame ids, not its bytes (memo.knowledge_views): so no
    analysis module may read more of frames.csv than the ids (labels, terms) through helpers.extract.frames."""
    import ast

    from helpers.config import ROOT

    allowed = {"CARRIES", "CODED_COLUMNS", "STATUSES", "VETOED", "MATCH_COLUMNS", "FRAMES_FILE", "frame_ids"}
    for path in sorted((ROOT / "helpers" / "analysis").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "helpers.extract.frames":
                assert {a.name for a in node.names} <= allowed, path.name
            if isinstance(node, ast.ImportFrom) and node.module == "helpers.extract":
                assert "frames" not in {a.name for a in node.names}, path.name
            if isinstance(node, ast.Import):
                assert "helpers.extract.frames" not in {a.name for a in node.names}, path.name


def test_a_label_or_term_edit_keeps_the_analysis_version_and_a_frame_order_edit_does_not(tmp_path):
    """Analysis results follow the dictionary's frame ids (in order), not its labels or terms: the coding they read
    comes in as a table whose content keys them."""
    import csv

    from helpers.analysis import memo
    from helpers.extract import frames as frames_module

    assert memo.DICTIONARY == frames_module.FRAMES_FILE
    shipped = memo.knowledge_views((memo.DICTIONARY,))
    assert shipped == ((memo.DICTIONARY, "frame ids " + " ".join(frames_module.frame_ids())),)
    assert memo.knowledge_views(()) == ()  # only where a module reads the dictionary
    rows = list(csv.reader(frames_module.FRAMES_FILE.read_text(encoding="utf-8").splitlines()))
    views = []
    for n, edit in enumerate((lambda r: r[1].__setitem__(1, "Another label"),
                              lambda r: r.append(["us_pressure", "", "", "", "Washington frowned on", "", "", "no", ""]),
                              lambda r: r.__setitem__(slice(1, None), sorted(r[1:], key=lambda x: x[0] != "ukraine_war")))):
        edited = [list(r) for r in rows]
        edit(edited)
        path = tmp_path / f"frames{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(edited)
        views.append(memo.knowledge_views((path,), path)[0][1])
    assert views[0] == views[1] == shipped[0][1] and views[2] != shipped[0][1]  # label, term: same; frame order: not
