"""Map a pure per-article function over many articles, in parallel when it pays, in input order.

Per-article work in this project (loading, cleaning, quotes, frames, dates) is a pure function of one article's
bytes and metadata, so it maps onto processes here and onto a Dask cluster (:func:`dask_engine`: every
:func:`map_ordered` inside it runs on the cluster). Results always come back in input order, so outputs are
identical whatever the engine and the number of workers.
"""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from multiprocessing import get_context

#: Below this many items a process pool costs more than it saves (start-up ~0.2 s).
MIN_PARALLEL = 200
#: Items sent to a Dask cluster per round: bounds the results held at once (and so the memory) at any corpus size.
DASK_BATCH = 2000
#: Chunks of items handed to each worker process ahead of the results asked for: enough to keep every worker busy,
#: few enough that the items and results held at once stay bounded at any corpus size.
CHUNKS_AHEAD = 4
#: The Dask client that :func:`map_ordered` uses inside :func:`dask_engine` (None: local processes).
_DASK_CLIENT = None
#: The longest one article may take to load, in seconds (``$S400_ARTICLE_SECONDS``).
DEFAULT_ARTICLE_SECONDS = 60.0


class TimeBudgetExceeded(Exception):
    """One article took longer than its time budget (:func:`time_budget`)."""


def article_seconds() -> float:
    """The time budget per article: ``$S400_ARTICLE_SECONDS`` if set, else :data:`DEFAULT_ARTICLE_SECONDS`."""
    try:
        return max(float(os.environ.get("S400_ARTICLE_SECONDS", "") or DEFAULT_ARTICLE_SECONDS), 0.001)
    except ValueError:
        return DEFAULT_ARTICLE_SECONDS


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeBudgetExceeded` inside the block if it runs longer than ``seconds`` (a real-time alarm;
    only in a process's main thread, where signals arrive: elsewhere the block simply runs)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise TimeBudgetExceeded(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def workers() -> int:
    """Worker processes to use: ``$S400_WORKERS`` if set, else the number of CPUs this process may use."""
    value = os.environ.get("S400_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def uses_pool(n: int, least: int = MIN_PARALLEL) -> bool:
    """Whether :func:`map_ordered` runs ``n`` items on a process pool (else here, one after the other); ``least``:
    the fewest items worth a pool (fewer for items that each take seconds)."""
    return n >= least and workers() >= 2


@contextmanager
def dask_engine(scheduler: str | None = None) -> Iterator[object]:
    """Run every :func:`map_ordered` inside the block on Dask: the cluster whose scheduler is at ``scheduler``
    (``tcp://host:8786``; its workers need this package and its requirements installed), else a local cluster of
    :func:`workers` single-threaded worker processes, closed on leaving. Yields the ``dask.distributed.Client``.

    Per-article time budgets (:func:`time_budget`) need a process's main thread, so they do not apply on Dask
    workers; the annotation cache folder is the workers' own (``S400_CACHE=off`` or a shared path on a cluster)."""
    global _DASK_CLIENT
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers(), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    previous, _DASK_CLIENT = _DASK_CLIENT, client
    try:
        yield client
    finally:
        _DASK_CLIENT = previous
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_map(client, function: Callable, items: Iterable) -> Iterator:
    """``function`` over ``items`` on ``client``'s cluster, in batches of :data:`DASK_BATCH`, in input order."""
    for batch in _batches(items, DASK_BATCH):
        futures = client.map(function, batch, pure=False)
        try:
            yield from client.gather(futures)
        finally:
            client.cancel(futures)


class Sized:
    """An iterable of ``size`` items (``items``, iterated once) that says its size, for :func:`map_ordered`: a
    generator of items made as the workers ask for them."""

    def __init__(self, items: Iterable, size: int):
        self._items, self._size = items, size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator:
        return iter(self._items)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` as consecutive lists of ``size`` (the last one shorter), taken from the iterable as they are asked for."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _run_chunk(function: Callable, chunk: list) -> list:
    """``function`` over one chunk of items, in a worker process."""
    return [function(item) for item in chunk]


def _pool_map(pool: ProcessPoolExecutor, function: Callable, items: Iterable, chunksize: int, ahead: int) -> Iterator:
    """``pool.map(function, items, chunksize=chunksize)``, except that the items are taken from ``items`` only as
    the workers need them: at most ``ahead`` chunks wait or run, so neither the items (an
    iterable may make them one batch at a time) nor the results are ever all held at once. ``pool.map`` submits
    every item before the first result comes back. A worker's error is raised here, at its chunk's turn."""
    chunks = _batches(items, chunksize)
    waiting = deque(pool.submit(_run_chunk, function, chunk) for chunk in islice(chunks, ahead))
    try:
        while waiting:
            done = waiting.popleft().result()
            waiting.extend(pool.submit(_run_chunk, function, chunk) for chunk in islice(chunks, 1))
            yield from done
    finally:
        for future in waiting:  # the caller stopped early or an item failed: what has not started never will
            future.cancel()


def release_free_memory() -> None:
    """Give memory this process has freed back to the system: pyarrow's pool (when pyarrow is loaded) and glibc's
    heap (``malloc_trim``; nothing elsewhere). Python and pyarrow keep freed memory for reuse, and forked workers
    would carry it in their share of the parent's pages. Changes no result."""
    arrow = sys.modules.get("pyarrow")
    pool = arrow.default_memory_pool() if arrow is not None else None
    if hasattr(pool, "release_unused"):  # an older pyarrow has none
        pool.release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


#: The call :func:`aside` runs in its forked process: ``(function, args)``, inherited by the fork, never pickled.
_ASIDE: tuple | None = None


def _run_aside():
    function, args = _ASIDE
    return function(*args)


@contextmanager
def aside(function: Callable, *args, size: int = MIN_PARALLEL) -> Iterator[Callable[[], object]]:
    """Run ``function(*args)`` in a forked process while the block runs; yields a function that waits for and
    returns its result. For a cross-article step that would otherwise leave a CPU idle while the steps after it run
    one at a time. The arguments are inherited by the fork (a corpus is never pickled); only the result comes back.

    Runs here, when the result is asked for, instead: below ``size`` items (:func:`uses_pool`), with one worker
    (``S400_WORKERS=1``), on the Dask engine, or when the forked process fails to give a result (it is then
    computed again here, so a result always comes back or the error is raised here). Leaving the block waits for
    the process."""
    global _ASIDE
    if _DASK_CLIENT is not None or not uses_pool(size):
        yield lambda: function(*args)
        return
    gc.freeze()  # as map_ordered: the child's collections must not touch, and so copy, the parent's pages
    release_free_memory()
    _ASIDE = (function, args)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
    future = pool.submit(_run_aside)

    def result():
        try:
            return future.result()
        except BrokenProcessPool:  # the process died (killed for memory, say): computed here instead
            return function(*args)

    try:
        yield result
    finally:
        pool.shutdown()
        _ASIDE = None
        gc.unfreeze()


def map_ordered(function: Callable, items: Collection, progress: str = "", least: int = MIN_PARALLEL) -> Iterable:
    """``map(function, items)``, run on a process pool for large inputs (``least`` items or more; on the Dask
    cluster inside :func:`dask_engine`, whatever the size); results in input order.

    ``items``: any sized iterable, iterated once; the pool and Dask take its items only as their workers need
    them, so an iterable that makes its items on demand (as the annotation's jobs are) is never held whole.

    ``progress``: a label for a tqdm progress bar on stderr (shown only for large inputs; pass "" in notebooks).
    """
    n = len(items)
    count = workers()
    pool = None
    if _DASK_CLIENT is not None:
        results = _dask_map(_DASK_CLIENT, function, items)
    elif not uses_pool(n, least):
        results = map(function, items)
    else:
        chunksize = max(1, min(64, n // (count * 8)))
        # Forked workers share the parent's memory until they write to it; moving every existing object out of
        # the garbage collector's reach first (gc.freeze) keeps the workers' collections from touching, and so
        # copying, the parent's pages (the corpus tables).
        gc.freeze()
        release_free_memory()
        pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork"))
        results = _pool_map(pool, function, items, chunksize, CHUNKS_AHEAD * count)
    if progress and n >= MIN_PARALLEL:
        from tqdm import tqdm

        results = tqdm(results, total=n, desc=progress, unit="article", leave=False)
    try:
        yield from results
    finally:
        if pool is not None:
            pool.shutdown()
            gc.unfreeze()
            release_free_memory()  # what the pool and its result queues freed
