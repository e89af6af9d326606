"""Benchmark (not a test): the project's own steps beside peer libraries doing the same job on the same articles.

    python3 -m venv /tmp/peers
    /tmp/peers/bin/pip install --only-binary=:all: spacy==3.8.18 textacy==0.13.0 dateparser==1.5.0
    .venv/bin/python benchmarks/peers.py --size 1000 --peers-python /tmp/peers/bin/python

The peers are not dependencies of the project: they live in their own virtualenv, and this script runs them in a
child process of that virtualenv's Python. A synthetic corpus (tools/synthetic.py) is loaded and cleaned once by the
project; both sides then read exactly the same cleaned texts and publication dates, on one core, in one process,
with start-up (imports, models) timed apart and excluded. Each time is the fastest of ``--repeat`` runs. Words are
counted the same way for both (``helpers.corpus.structure.count_words``).

The pairs (each does the same job, not necessarily equally well):

* sentences: ``helpers.corpus.structure.split_sentences`` against spaCy's blank English pipeline with its
  rule-based ``sentencizer`` (tokenisation and sentence boundaries: the least any spaCy pipeline does; a statistical
  pipeline such as ``en_core_web_sm`` adds tagging and parsing on top, and is not used, since its model is not on the
  package index and nothing downloads here);
* dates: ``helpers.extract.dates.extract`` (every temporal expression, resolved against the publication date)
  against ``dateparser.search.search_dates`` (English only, relative to the publication date);
* keyword in context: ``helpers.analysis.kwic.kwic`` for "S-400" (the whole corpus, offsets and voices left
  out) against ``textacy.extract.keyword_in_context`` per article;
* the project's whole per-article annotation (quotes and speakers, frames with the classifier, dates, claims,
  readability, mentions, wire credits, events), for scale; no peer does all of it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best(run, repeat: int) -> float:
    """The fastest of ``repeat`` timed calls of ``run``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def peer_main(texts_file: str, repeat: int) -> None:
    """Run in the peers' virtualenv: time each peer on the texts; print JSON (seconds per task, start-up apart)."""
    from datetime import datetime

    rows = [json.loads(line) for line in Path(texts_file).read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows]
    out = {}
    started = time.perf_counter()
    import spacy  # noqa: PLC0415

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    out["startup_spacy"] = time.perf_counter() - started
    out["sentences"] = best(lambda: [len(list(doc.sents)) for doc in nlp.pipe(texts)], repeat)
    started = time.perf_counter()
    import textacy.extract  # noqa: PLC0415

    out["startup_textacy"] = time.perf_counter() - started
    out["kwic"] = best(lambda: [list(textacy.extract.keyword_in_context(t, "S-400", window_width=60)) for t in texts], repeat)
    started = time.perf_counter()
    import dateparser.search  # noqa: PLC0415

    dateparser.search.search_dates("in October 2018", languages=["en"])  # loads its language data
    out["startup_dateparser"] = time.perf_counter() - started
    bases = [datetime.fromisoformat(r["published"]) for r in rows]
    out["dates"] = best(lambda: [dateparser.search.search_dates(t, languages=["en"], settings={"RELATIVE_BASE": b})
                                 for t, b in zip(texts, bases)], repeat)
    print(json.dumps(out))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peers-python", required=True, help="the Python of a virtualenv with the peers installed")
    parser.add_argument("--peer-run", help=argparse.SUPPRESS)  # internal: the child process's texts file
    args = parser.parse_args()
    if args.peer_run:
        peer_main(args.peer_run, args.repeat)
        return 0
    os.environ["S400_CACHE"] = "off"   # nothing read from an earlier run
    os.environ["S400_WORKERS"] = "1"   # one core on both sides
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    from datetime import date  # noqa: PLC0415

    import synthetic  # noqa: PLC0415

    from helpers.analysis import kwic  # noqa: PLC0415
    from helpers.annotate import annotations  # noqa: PLC0415
    from helpers.corpus.load import load_corpus  # noqa: PLC0415
    from helpers.corpus.structure import count_words, split_sentences  # noqa: PLC0415
    from helpers.extract import dates  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic.make_corpus(folder / "corpus", args.size)
        corpus = load_corpus(folder / "corpus")
        english = corpus.english.sort_values("file", kind="stable")
        texts = list(english["text"])
        published = [str(p)[:10] for p in english["date_start"]]
        words = sum(count_words(t) for t in texts)
        (folder / "texts.jsonl").write_text("".join(json.dumps({"text": t, "published": p}) + "\n"
                                                    for t, p in zip(texts, published)), encoding="utf-8")
        ours = {
            "sentences": best(lambda: [split_sentences(t) for t in texts], args.repeat),
            "dates": best(lambda: [dates.extract(t, date.fromisoformat(p)) for t, p in zip(texts, published)], args.repeat),
            "kwic": best(lambda: kwic.kwic(corpus, ("S-400",)), args.repeat),
        }

        def annotate_all() -> None:
            corpus.memo.pop("annotations", None)
            annotations(corpus)

        ours["annotation"] = best(annotate_all, 2)  # the first run also loads the dictionaries and trains the classifier
        done = subprocess.run([args.peers_python, __file__, "--peers-python", args.peers_python, "--peer-run",
                               str(folder / "texts.jsonl"), "--repeat", str(args.repeat)],
                              capture_output=True, text=True, cwd=tmp)
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        peers = json.loads(done.stdout.strip().splitlines()[-1])
    names = {"sentences": ("sentence boundaries", "spaCy 3.8.18 blank `en` + sentencizer"),
             "dates": ("temporal expressions", "dateparser 1.5.0 `search_dates`"),
             "kwic": ("keyword in context (S-400)", "textacy 0.13.0 `keyword_in_context`"),
             "annotation": ("all per-article annotation", "(none does it all)")}
    print(f"{len(texts):,} articles, {words:,} words, one core, best of {args.repeat}; start-up excluded "
          f"(spaCy {peers['startup_spacy']:.1f} s, textacy {peers['startup_textacy']:.1f} s, "
          f"dateparser {peers['startup_dateparser']:.1f} s)\n")
    print("| job | this project | words/s | peer | words/s | peer time / ours |")
    print("| --- | --- | --- | --- | --- | --- |")
    for task, (job, peer) in names.items():
        mine = f"{ours[task]:.2f} s | {words / ours[task]:,.0f}"
        if task in peers:
            print(f"| {job} | {mine} | {peer}: {peers[task]:.2f} s | {words / peers[task]:,.0f} | {peers[task] / ours[task]:.1f}x |")
        else:
            print(f"| {job} | {mine} | {peer} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
