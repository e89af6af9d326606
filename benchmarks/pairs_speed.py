"""Speed benchmark for the cross-article analyses of notebook 01 (not a test: tests never assert timings).

    .venv/bin/python benchmarks/pairs_speed.py                    # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/pairs_speed.py --sizes 300 1000 --only similarity_pairs reuse_passages

For each size a synthetic corpus is written with :func:`benchmarks.scale.make_corpus` (seed paragraphs
recombined with a fixed seed: every article shares paragraphs and quotes with hundreds of others, the worst case
for pairwise analyses), loaded with :func:`helpers.corpus.load.load_corpus` and annotated with
:func:`helpers.annotate.annotations` (not timed). Then each of :func:`helpers.analysis.similarity.similarity_pairs`,
:func:`helpers.analysis.similarity.event_clusters`, :func:`helpers.analysis.reuse.reuse_passages` and
:func:`helpers.analysis.align.align_quotes` is run once in this process (one core: ``S400_WORKERS=1`` is set) and the
benchmark prints its wall seconds, CPU seconds, output rows (and rows per article) and its peak memory: the
highest resident set size of the process during the call (psutil, sampled every 5 ms) minus the size before it.
(``tracemalloc`` is not used: it slows Python-heavy code down several times.)
The synthetic corpora live in a temporary folder, deleted afterwards.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

os.environ.setdefault("S400_WORKERS", "1")  # one core, as the targets are stated
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402

from helpers.analysis import align, reuse, similarity  # noqa: E402
from helpers.annotate import annotations  # noqa: E402
from helpers.corpus.load import load_corpus  # noqa: E402

FUNCTIONS = ["similarity_pairs", "event_clusters", "reuse_passages", "align_quotes"]


def measure(function, *args):
    """Run ``function(*args)`` once: (result, wall seconds, CPU seconds, peak MB above the resident size before)."""
    process = psutil.Process()
    base = peak = process.memory_info().rss
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    done.set()
    thread.join()
    peak = max(peak, process.memory_info().rss)
    return result, wall, cpu, (peak - base) / 2**20


def run(n: int, only: list[str], paragraphs: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="s400-pairs-") as tmp:
        folder = Path(tmp) / f"c{n}"
        words = scale.make_corpus(folder, n, paragraphs)
        t0 = time.perf_counter()
        corpus = load_corpus(folder)
        quotes = annotations(corpus).quotes
        print(f"{n:>6} articles {words:>10,} words  (load + quotes {time.perf_counter() - t0:.1f} s, "
              f"{len(quotes):,} quotes)", flush=True)
        pairs = None
        for name in FUNCTIONS:
            if name == "event_clusters" and pairs is None:
                pairs = similarity.similarity_pairs(corpus)
            if name not in only:
                continue
            function, args = {"similarity_pairs": (similarity.similarity_pairs, (corpus,)),
                              "event_clusters": (similarity.event_clusters, (corpus, pairs)),
                              "reuse_passages": (reuse.reuse_passages, (corpus, quotes)),
                              "align_quotes": (align.align_quotes, (corpus, quotes))}[name]
            result, wall, cpu, peak = measure(function, *args)
            if name == "similarity_pairs":
                pairs = result
            print(f"    {name:17s} {wall:7.2f} s wall {cpu:7.2f} s CPU  {len(result):>9,} rows "
                  f"({len(result) / n:6.2f} per article)  peak {peak:7.1f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--only", nargs="+", choices=FUNCTIONS, default=FUNCTIONS)
    args = parser.parse_args()
    paragraphs = scale.seed_paragraphs()
    for n in args.sizes:
        run(n, args.only, paragraphs)


if __name__ == "__main__":
    main()
