"""Growth benchmark on hostile inputs (a script, not a test: tests never assert timings).

    .venv/bin/python benchmarks/hostile_inputs.py                  # articles of 0.5, 1, 2 MB; pages of 5k-20k links
    .venv/bin/python benchmarks/hostile_inputs.py --mb 0.25 0.5 --links 2500 5000
    .venv/bin/python benchmarks/hostile_inputs.py --root /path/to/other/checkout   # time another version

Inputs the web can produce and that once made a step super-linear: a saved page dense with links (or with
start tags left open: ``<a <a <a ...``), and articles dense with quotations in many shapes. They are written to a
temporary folder (deleted afterwards) and read back, as the loader reads them. Each size is about twice the one
before; the script prints seconds (wall time of this one process, best of ``--repeat``) and the growth per
doubling (linear = 2.0, quadratic = 4.0).

Entry points are the per-article ones :func:`helpers.annotate.annotate_article` calls:

* **decode**: :func:`helpers.corpus.decode.decode_bytes` on the page's bytes;
* **quotes**: :func:`helpers.extract.quotes.quote_rows` then :func:`helpers.extract.quotes.voice_row`;
* **readability**: :func:`helpers.extract.readability.voice_scores` (whole body and own voice).

An article's sentences come from :func:`helpers.corpus.structure.structure` beforehand (not timed; its time is
shown as ``prep``). Article shapes:

* ``sentences``: many short sentences, each with two quotations and a speaker;
* ``one sentence``: the same with no sentence end, one 2 MB sentence of quotations;
* ``open quotes``: opening marks that never close, so quotes follow each other with nothing between;
* ``cues, no clause end``: speech verbs whose subject clause never ends (``[ said Lavrov [ said ...``);
* ``according to``: ``according to`` over and over with no punctuation;
* ``trail words``: a cue followed by a long run of ``also``;
* ``subheads``: short quote lines (subheadings) and body quotes sharing their words.

Targets (issue): a 2 MB article of quotations through the per-article extractors in <= 10 s; a 200 KB page of
20,000 links decoded in <= 5 s.
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

#: Article shapes: a repeated unit (with ``{i}`` numbered) -> the lines of one article of about ``size`` characters.
_UNIT = "“We will keep talking,” Lavrov said, and he added that the deal was “on track” for Ramesh Kumar and Anita Rao. "
ARTICLES = {
    "sentences": lambda size: ["Talks go on", _repeat(_UNIT, size)],
    "one sentence": lambda size: ["Talks go on", _repeat(_UNIT.replace(". ", ", "), size)],
    "open quotes": lambda size: ["Talks go on", _repeat("“we are fine and Lavrov said ", size)],
    "cues, no clause end": lambda size: ["Talks go on", "“Fine” " + _repeat("[ said Lavrov ", size) + "“ok.”"],
    "according to": lambda size: ["Talks go on",
                                  "“Fine,” " + _repeat("according to the official according to Lavrov ", size) + "“ok.”"],
    "trail words": lambda size: ["Talks go on", "“Fine,” according to Lavrov " + _repeat("also ", size) + ", “ok.”"],
    "subheads": lambda size: ["Talks go on", *[line for _ in range(max(1, size // 100)) for line in (
        "Envoy says ‘agree we’", "“We agree with them and we agree with all of you,” the Russian ambassador said.")]],
}
#: Page shapes: one link -> a page of ``n`` of them. Pages of open tags end in them, as a page saved half-way does
#: (a ``>`` further on would close the first open tag, the rest becoming its attributes: no longer hostile).
PAGES = {
    "closed links": '<a href="/news/{i}">story {i}</a> ',
    "links in nav": '<nav><a href="/{i}">x</a> ',
    "open tags <a ": "<a ",
    "open tags <a href=# ": "<a href=# ",
    "open attribute": '<a href="/n{i}',
}


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def page(kind: str, n: int) -> bytes:
    body = "".join(PAGES[kind].format(i=i) for i in range(n))
    head = ("<!doctype html><html><head><title>Links</title></head><body><article><h1>Links</h1>"
            "<p>The start of the article.</p><p>")
    tail = "</p><p>The end of the article.</p></article></body></html>" if not kind.startswith("open") else ""
    return (head + body + tail).encode("utf-8")


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def growth(times: list[float], sizes: list[float]) -> str:
    """Time ratio per doubling of the input between consecutive sizes (linear 2.0, quadratic 4.0)."""
    out = []
    for (t1, s1), (t2, s2) in zip(zip(times, sizes), zip(times[1:], sizes[1:])):
        doublings = max(1e-9, math.log2(s2 / s1))
        out.append(f"{(t2 / t1) ** (1 / doublings) if t1 > 0 else float('nan'):4.1f}" if t1 > 0.002 else "  - ")
    return " ".join(out)


def bench_pages(folder: Path, links: list[int], repeat: int) -> None:
    from helpers.corpus.decode import decode_bytes

    print("\ndecode_bytes on HTML pages (seconds; growth per doubling of the links; target: 20,000 links <= 5 s)")
    print(f"{'page':24s}" + "".join(f"{n:>9,d} lk" for n in links) + "   growth")
    for kind in PAGES:
        times, sizes = [], []
        for n in links:
            path = folder / f"page_{kind.replace(' ', '_').replace('<', '')}_{n}.html"
            path.write_bytes(page(kind, n))
            raw = path.read_bytes()
            decoded = decode_bytes(raw)
            assert decoded.text is not None and "The start of the article." in decoded.text, kind
            times.append(best_of(lambda raw=raw: decode_bytes(raw), repeat))
            sizes.append(len(raw))
        print(f"{kind:24s}" + "".join(f"{t:11.3f}" for t in times) + "   " + growth(times, sizes)
              + f"   ({sizes[-1] / 1000:,.0f} KB at {links[-1]:,d})")


def bench_articles(folder: Path, megabytes: list[float], repeat: int) -> None:
    from helpers.corpus.structure import structure
    from helpers.extract import quotes, readability

    quotes.quote_rows("“Warm,” he said.", [{"start": 0, "end": 17, "kind": "body", "sentence_id": 0}], "2021-01-01")
    readability.text_stats("Warm words.")  # the CMU dictionary, once
    sides = quotes.actor_sides()
    print("\nper-article extractors on articles dense with quotations (seconds; target: 2 MB <= 10 s in all)")
    print(f"{'article':22s}{'MB':>6s}{'quotes':>9s}{'prep':>8s}{'quotes':>9s}{'readab.':>9s}{'total':>9s}")
    for name, make in ARTICLES.items():
        totals, sizes = [], []
        for mb in megabytes:
            path = folder / f"article_{name.replace(' ', '_').replace(',', '')}_{mb}.txt"
            path.write_text("\n".join(make(int(mb * 1_000_000))), encoding="utf-8")
            lines = path.read_text(encoding="utf-8").split("\n")
            t0 = time.perf_counter()
            built = structure(lines)
            prep = time.perf_counter() - t0
            records = list(built.sentences)
            body = [(s["start"], s["text"]) for s in records if s["kind"] == "body"]
            state: dict = {}

            def run_quotes(built=built, records=records, state=state):
                rows = quotes.quote_rows(built.text, records, "2022-01-01", path.name)
                speech = [q for q in rows if q["kind"] == "speech"]
                quotes.voice_row(built.text, [(q["text"], q["speaker"], q["side"]) for q in speech], sides)
                state["rows"], state["speech"] = rows, speech

            t_quotes = best_of(run_quotes, repeat)
            spans = [(q["start"], q["end"]) for q in state["speech"]]
            t_read = best_of(lambda body=body, spans=spans: readability.voice_scores(body, spans), repeat)
            totals.append(t_quotes + t_read)
            sizes.append(len(built.text))
            print(f"{name:22s}{len(built.text) / 1e6:6.2f}{len(state['rows']):9,d}{prep:8.2f}{t_quotes:9.2f}"
                  f"{t_read:9.2f}{t_quotes + t_read:9.2f}")
        print(f"{'':22s}growth per doubling (quotes + readability): {growth(totals, sizes)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1.0, 2.0], help="article sizes in MB")
    parser.add_argument("--links", type=int, nargs="+", default=[5000, 10000, 20000], help="links per page")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs per measurement")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose helpers are timed")
    parser.add_argument("--only", choices=["pages", "articles"], help="one half of the benchmark")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    print(f"helpers from {args.root.resolve()}; Python {sys.version.split()[0]}")
    folder = Path(tempfile.mkdtemp(prefix="hostile_inputs_"))
    try:
        if args.only != "articles":
            bench_pages(folder, args.links, args.repeat)
        if args.only != "pages":
            bench_articles(folder, args.mb, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
