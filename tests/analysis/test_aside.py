"""helpers.parallel.aside, which runs the similarity beside the other cross-article steps (helpers.analysis.compare):
a step run in a forked process gives the result it gives here, runs here when it should, raises its errors here,
and is computed here when its process dies."""
from __future__ import annotations

import os

import pytest

from helpers import parallel

PARENT = os.getpid()


def where(x: int) -> tuple[int, bool]:
    return x * 2, os.getpid() == PARENT


def fails(_: int) -> int:
    raise ValueError("bad input 7")


def dies_in_a_child(x: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # as if killed for memory
    return x + 1


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("S400_WORKERS", "2")


def test_a_large_step_runs_in_a_forked_process_and_gives_its_result(two_workers):
    with parallel.aside(where, 21, size=parallel.MIN_PARALLEL) as result:
        assert result() == (42, False)


@pytest.mark.parametrize("workers, size", [("1", 10_000), ("2", parallel.MIN_PARALLEL - 1)])
def test_with_one_worker_or_a_small_corpus_it_runs_here(monkeypatch, workers, size):
    monkeypatch.setenv("S400_WORKERS", workers)
    with parallel.aside(where, 21, size=size) as result:
        assert result() == (42, True)


def test_its_error_is_raised_here(two_workers):
    with pytest.raises(ValueError, match="bad input 7"), parallel.aside(fails, 1, size=10_000) as result:
        result()


def test_a_process_that_dies_is_replaced_by_the_computation_here(two_workers):
    with parallel.aside(dies_in_a_child, 1, size=10_000) as result:
        assert result() == 2


def test_the_comparison_with_the_similarity_aside_equals_the_one_run_in_one_process(tmp_path, monkeypatch):
    """The source comparison of a corpus large enough for the fork (research-shaped synthetic articles): every table
    the same, value for value, with two workers (the similarity in a forked process) and with one."""
    import importlib.util  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415
    from helpers.analysis import compare  # noqa: PLC0415
    from helpers.annotate import annotations  # noqa: PLC0415
    from helpers.corpus.load import load_corpus  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "tools" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    synthetic.make_corpus(tmp_path / "corpus", parallel.MIN_PARALLEL + 40)
    monkeypatch.setenv("S400_CACHE", "off")
    monkeypatch.setenv("S400_WORKERS", "2")
    corpus = load_corpus(tmp_path / "corpus")
    assert len(corpus.english) >= parallel.MIN_PARALLEL
    annotated = annotations(corpus)
    aside = compare.analyse(corpus, annotated)
    monkeypatch.setenv("S400_WORKERS", "1")
    here = compare.analyse(corpus, annotated)
    assert len(aside.pairs) > 0
    for name in vars(here):
        assert getattr(aside, name).equals(getattr(here, name)), name
    # from SIMILARITY_ALONE articles the similarity runs first, here, and no process is forked for it
    monkeypatch.setenv("S400_WORKERS", "2")
    monkeypatch.setattr(compare, "SIMILARITY_ALONE", len(corpus.english))
    forked = []
    monkeypatch.setattr(compare.parallel, "aside", lambda *args, **kwargs: forked.append(args))
    alone = compare.analyse(corpus, annotated)
    assert forked == []
    for name in vars(here):
        assert getattr(alone, name).equals(getattr(here, name)), name
