"""Speed benchmark for readability (not a test: tests never assert timings): textstat vs helpers.extract.readability.

    .venv/bin/python benchmarks/readability_speed.py                # 1,000 synthetic articles
    .venv/bin/python benchmarks/readability_speed.py --articles 300 --repeat 3

Synthetic articles are built by :func:`scale.make_corpus` (seed paragraphs recombined with a fixed seed, 400-700
words each) in a temporary folder that is deleted afterwards. Each article gives the two texts the annotation
scores: its body sentences and the journalist's own sentences (speech quotations cut out,
:func:`helpers.annotate.serial.own_sentences`). Loading, quotation extraction and the cutting happen beforehand; only
:func:`helpers.extract.readability.scores` is timed (CPU time of this one process, so one core), once with textstat's own
functions (:func:`helpers.extract.readability.textstat_measures`, the old path) and once with the one-pass implementation:

* **textstat**: one pass (textstat caches whole texts, so a second pass would time its cache);
* **fast, cold**: one pass after clearing the per-word cache (the CMU dictionary is already loaded);
* **fast, warm**: best of ``--repeat`` passes with the per-word cache filled.

Then growth on pathological single texts (1 MB with no line break or sentence end, 1 MB of punctuation-only
tokens, 1 MB of dots, 1 MB of distinct junk words), each against a quarter of it: linear = ratio 4.0.

Words are the project's words (:func:`helpers.corpus.structure.count_words`) of every scored text. The script also
checks that both paths give identical results for every text (raw scores and the stored 2-decimal rows).
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402

from helpers.annotate import serial  # noqa: E402
from helpers.annotate.serial import quotes_table  # noqa: E402
from helpers.corpus.load import load_corpus  # noqa: E402
from helpers.corpus.structure import count_words  # noqa: E402
from helpers.extract import readability as R  # noqa: E402


def texts_of(n_articles: int) -> list[list[str]]:
    """Sentence lists (body and own voice of every article) of ``n_articles`` synthetic articles."""
    tmp = Path(tempfile.mkdtemp(prefix="readability_speed_"))
    try:
        scale.make_corpus(tmp / "corpus", n_articles, scale.seed_paragraphs())
        corpus = load_corpus(tmp / "corpus")
        body = corpus.sentences[corpus.sentences["kind"] == "body"]
        whole = body.groupby("file")["text"].apply(list)
        own = serial.own_sentences(corpus.sentences, quotes_table(corpus)).groupby("file")["text"].apply(list)
        return [texts for file in sorted(corpus.english["file"])
                for texts in (whole.get(file, []), own.get(file, []))]
    finally:
        shutil.rmtree(tmp)


def run(texts: list[list[str]], measure) -> tuple[float, list[dict]]:
    """CPU seconds and results of :func:`helpers.extract.readability.scores` on every sentence list."""
    t0 = time.process_time()
    out = [R.scores(sentences, measure=measure) for sentences in texts]
    return time.process_time() - t0, out


def same(a: dict, b: dict) -> bool:
    return all(x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
               for x, y in zip(a.values(), b.values())) and list(a) == list(b)


def pathological(repeat: int) -> None:
    """Time :func:`helpers.extract.readability.measures` on 1 MB texts against a quarter of each (linear = 4.0)."""
    cases = {
        "1 MB, no line break or stop": lambda n: ("India and Russia signed the S-400 deal, " * n)[:n],
        "1 MB of punctuation-only tokens": lambda n: ("— | & – " * n)[:n],
        "1 MB of dots": lambda n: "." * n,
        "1 MB of distinct junk words": lambda n: " ".join(f"zq{i:x}vb" for i in range(n // 9))[:n],
    }
    for name, make in cases.items():
        big, quarter = make(1_000_000), make(250_000)
        times = []
        for text in (quarter, big):
            best = math.inf
            for _ in range(repeat):
                t0 = time.process_time()
                R.measures(text)
                best = min(best, time.process_time() - t0)
            times.append(best)
        print(f"{name:34s} 1/4: {times[0]:7.3f} s  full: {times[1]:7.3f} s  ratio {times[1] / times[0]:5.2f} (linear 4.0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pathological", action="store_true")
    args = parser.parse_args()
    texts = texts_of(args.articles)
    words = sum(count_words("\n".join(t)) for t in texts)
    body_words = sum(count_words("\n".join(t)) for t in texts[::2])
    print(f"{args.articles} synthetic articles -> {len(texts)} texts (body + own voice), {words:,} words scored "
          f"({body_words:,} body words)")
    R.textstat_measures("Load the CMU dictionary once.")  # shared lazy load: not part of either timing

    slow, reference = run(texts, R.textstat_measures)
    R.word_stats.cache_clear()
    R._packed.cache_clear()
    cold, fast = run(texts, R.measures)
    warm = min(run(texts, R.measures)[0] for _ in range(args.repeat))
    for name, seconds, note in (("textstat 0.7.8", slow, ""), ("fast, cold cache", cold, f"  ({slow / cold:.1f}x)"),
                                ("fast, warm cache", warm, f"  ({slow / warm:.1f}x)  best of {args.repeat}")):
        print(f"{name:18s} {seconds:8.3f} s  {words / seconds:12,.0f} scored words/s  "
              f"{body_words / seconds:12,.0f} article words/s{note}")

    rows_equal = sum(same(a, b) for a, b in zip(reference, fast))
    raw_equal = sum(R.measures(t) == R.textstat_measures(t) for t in ("\n".join(s) for s in texts))
    print(f"identical rows (2 decimals, flags): {rows_equal}/{len(texts)};  identical raw floats: {raw_equal}/{len(texts)}")
    print(f"distinct words cached: {R.word_stats.cache_info().currsize:,}")
    if not args.skip_pathological:
        pathological(args.repeat)


if __name__ == "__main__":
    main()
