"""helpers.parallel.map_ordered on a process pool: results in input order, items taken from the iterable only as
the workers need them (so a corpus's jobs are never all held), an error raised at its chunk's turn."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import parallel


def square(x: int) -> int:
    return x * x


def fails_at_700(x: int) -> int:
    if x == 700:
        raise ValueError("bad item 700")
    return x


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("S400_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 4)


def test_the_pool_takes_items_only_as_workers_need_them(two_workers):
    drawn: list[int] = []

    def items():
        for i in range(1000):
            drawn.append(i)
            yield i

    results = parallel.map_ordered(square, parallel.Sized(items(), 1000))
    first = [next(results) for _ in range(3)]
    chunksize = max(1, min(64, 1000 // (2 * 8)))
    assert first == [0, 1, 4]
    # the first chunks handed out, plus the one that replaced the chunk whose results came back: not all 1000
    assert len(drawn) <= (parallel.CHUNKS_AHEAD * 2 + 1) * chunksize < 1000
    assert list(results) == [i * i for i in range(3, 1000)]
    assert len(drawn) == 1000


@settings(max_examples=15, deadline=None)
@given(n=st.integers(0, 300), ahead=st.integers(1, 5), chunk=st.integers(1, 40))
def test_pool_map_gives_every_result_in_input_order(n, ahead, chunk):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("fork")) as pool:
        assert list(parallel._pool_map(pool, square, iter(range(n)), chunk, ahead)) == [i * i for i in range(n)]


def test_a_workers_error_is_raised_at_its_chunks_turn(two_workers):
    seen = []
    with pytest.raises(ValueError, match="bad item 700"):
        for value in parallel.map_ordered(fails_at_700, list(range(5000))):
            seen.append(value)
    assert seen == list(range(640))  # chunks of 64: every result before the failing item's chunk, none after


def test_sized_says_its_size_and_gives_its_items():
    sized = parallel.Sized((i for i in range(3)), 3)
    assert len(sized) == 3 and list(sized) == [0, 1, 2]
    assert list(parallel.map_ordered(square, parallel.Sized(iter([2, 3]), 2))) == [4, 9]  # here, below the pool's size
