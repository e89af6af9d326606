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
