"""Map a pure per-article function over many articles, in parallel when it pays, in input order.

Per-article work in this project (loading, cleaning, quotes, frames, dates) is a pure function of one article's
bytes and metadata, so it maps onto processes here and onto Dask or Spark on a cluster (see the README).
Results always come back in input order, so outputs are identical whatever the number of workers.
"""
from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

#: Below this many items a process pool costs more than it saves (start-up ~0.2 s).
MIN_PARALLEL = 200
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


def uses_pool(n: int) -> bool:
    """Whether :func:`map_ordered` runs ``n`` items on a process pool (else here, one after the other)."""
    return n >= MIN_PARALLEL and workers() >= 2


def map_ordered(function: Callable, items: Sequence, progress: str = "") -> Iterable:
    """``map(function, items)``, run on a process pool for large inputs; results in input order.

    ``progress``: a label for a tqdm progress bar on stderr (shown only for large inputs; pass "" in notebooks).
    """
    n = len(items)
    count = workers()
    pool = None
    if not uses_pool(n):
        results = map(function, items)
    else:
        chunksize = max(1, min(64, n // (count * 8)))
        # Forked workers share the parent's memory until they write to it; moving every existing object out of
        # the garbage collector's reach first (gc.freeze) keeps the workers' collections from touching, and so
        # copying, the parent's pages (the corpus tables).
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork"))
        results = pool.map(function, items, chunksize=chunksize)
    if progress and n >= MIN_PARALLEL:
        from tqdm import tqdm

        results = tqdm(results, total=n, desc=progress, unit="article", leave=False)
    try:
        yield from results
    finally:
        if pool is not None:
            pool.shutdown()
            gc.unfreeze()
