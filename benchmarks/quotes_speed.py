"""Speed benchmark for the quotation extractor (not a test: tests never assert timings).

    .venv/bin/python benchmarks/quotes_speed.py              # ordinary articles + pathological growth cases
    .venv/bin/python benchmarks/quotes_speed.py --articles 600 --repeat 5

1. **Ordinary articles.** ``--articles`` synthetic articles (400-700 words each) recombined from the seeds'
   cleaned body paragraphs with a fixed seed (:data:`SEED`); sentences come from :func:`helpers.corpus.structure.structure`
   beforehand, so only quotation extraction is timed (one core, CPU time, best of ``--repeat``). Prints words/s.
2. **Pathological cases**, each at size n and 2n (and the 1 MB case against a quarter of it); prints the time
   ratio (linear = 2.0, or 4.0 for the quarter). Cases: many short quote paragraphs; many quotes in ONE sentence
   of one paragraph; an unclosed quote before a long paragraph; many headline/subheading quotes; many local names;
   a 1 MB paragraph full of quotes; 800 subheadings with quotes.

The per-article function timed is :func:`helpers.extract.quotes.quote_rows` (plain Python rows, what
:func:`helpers.annotate.annotations` uses); it falls back to :func:`helpers.extract.quotes.extract_quotes` for older versions.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.corpus.load import load_corpus  # noqa: E402
from helpers.corpus.structure import count_words, structure  # noqa: E402
from helpers.extract import quotes as Q  # noqa: E402

SEED = 400  # fixed: the same synthetic articles every time


def _runner(lines: list[str], published: str = "2022-01-01"):
    """A zero-argument function extracting the quotes of the article made of ``lines`` (prepared outside)."""
    built = structure(lines)
    if hasattr(Q, "quote_rows"):
        records = list(built.sentences)
        return lambda: Q.quote_rows(built.text, records, published, "x.txt"), count_words(built.text)
    frame = pd.DataFrame(built.sentences)
    return lambda: Q.extract_quotes(built.text, frame, published, "x.txt"), count_words(built.text)


def best_of(fn, repeat: int) -> float:
    """Best of ``repeat`` runs, in CPU seconds of this process (other jobs on the machine disturb wall time)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def ordinary(n_articles: int, repeat: int) -> None:
    corpus = load_corpus(ROOT / "seeds")
    body = corpus.paragraphs[corpus.paragraphs["kind"] == "body"]
    paragraphs = [p for p in body["text"] if count_words(p) >= 15]
    rng = random.Random(SEED)
    jobs, total = [], 0
    for i in range(n_articles):
        target, chosen, n_words = rng.randint(400, 700), [], 0
        while n_words < target:
            p = rng.choice(paragraphs)
            chosen.append(p)
            n_words += count_words(p)
        fn, w = _runner([f"Synthetic report {i}: India, Russia and the S-400", *chosen],
                        f"{rng.choice([2019, 2020, 2021, 2022, 2023])}-{rng.randint(1, 12):02d}-15")
        jobs.append(fn)
        total += w
    for fn in jobs[:20]:
        fn()  # warm up (lexicon, regex caches)
    seconds = best_of(lambda: [fn() for fn in jobs], repeat)
    print(f"ordinary articles: {n_articles} articles, {total:,} words, best of {repeat}: {seconds:.3f} s "
          f"-> {total / seconds:,.0f} words/s (one core)")


_UNIT = "“We will keep talking,” Lavrov said, and he added that the deal was “on track” for Ramesh Kumar{i} and Anita Rao{i}. "


def _cases() -> dict:
    def a(n):
        return ["Head", *[_UNIT.format(i=i) for i in range(n)]]

    def b(n):
        return ["Head", "".join(_UNIT.format(i=i).replace(". ", ", ") for i in range(n))]

    def c(n):
        return ["Head", "“" + "".join(_UNIT.format(i=i) for i in range(n))]

    def d(n):
        lines = ["Head"]
        for i in range(n):
            lines += [f"Envoy says ‘ties strong{i}’", f"“Ties are strong{i} and stable,” the Russian ambassador said."]
        return lines

    def e(n):
        return ["Head", *[f"Officer Ramesh{i} Kumar{i} spoke. Kumar{i} said “yes, we agree{i}.”" for i in range(n)]]

    return {"A many quote paragraphs": (a, 400), "B many quotes in one sentence": (b, 400),
            "C unclosed quote, long paragraph": (c, 400), "D headline/subhead quotes": (d, 200),
            "E many local names": (e, 400)}


def pathological(repeat: int) -> None:
    for name, (make, n) in _cases().items():
        f1, w1 = _runner(make(n))
        f2, w2 = _runner(make(2 * n))
        t1, t2 = best_of(f1, repeat), best_of(f2, repeat)
        print(f"{name:34s} n={n:<5d} {t1:7.3f} s  2n: {t2:7.3f} s  ratio {t2 / t1:5.2f} (linear 2.0)  "
              f"{w2 / t2:10,.0f} words/s")
    # a 1 MB paragraph full of quotes, and 800 subheadings, each against a quarter of it
    unit = "Lavrov said “we are fine,” and the “diplomat” added that ‘Make in India’ works, as Wang said. "
    big = unit * (1_000_000 // len(unit))
    quarter = unit * (len(big) // len(unit) // 4)
    f1, _ = _runner([quarter])
    f2, w2 = _runner([big])
    t1, t2 = best_of(f1, repeat), best_of(f2, repeat)
    print(f"{'F 1 MB paragraph of quotes':34s} 1/4: {t1:7.3f} s  full: {t2:7.3f} s  ratio {t2 / t1:5.2f} (linear 4.0)  "
          f"{w2 / t2:10,.0f} words/s")
    subs = _cases()["D headline/subhead quotes"][0]
    f1, _ = _runner(subs(200))
    f2, w2 = _runner(subs(800))
    t1, t2 = best_of(f1, repeat), best_of(f2, repeat)
    print(f"{'G 800 subheads vs 200':34s} 1/4: {t1:7.3f} s  full: {t2:7.3f} s  ratio {t2 / t1:5.2f} (linear 4.0)  "
          f"{w2 / t2:10,.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pathological", action="store_true")
    args = parser.parse_args()
    ordinary(args.articles, args.repeat)
    if not args.skip_pathological:
        pathological(args.repeat)


if __name__ == "__main__":
    main()
