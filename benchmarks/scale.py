"""Scale benchmark (not a test): full annotation of synthetic corpora of 100, 1,000 and 10,000 articles.

    .venv/bin/python benchmarks/scale.py                 # 100, 1000, 10000 articles
    .venv/bin/python benchmarks/scale.py --sizes 100 1000 --notebooks --install

Synthetic articles recombine the seeds' cleaned body paragraphs (400-700 words each) under invented outlets
("Synthetic Outlet 7") and dates; every manifest row says it is synthetic. They are written to a temporary folder
and deleted afterwards; nothing is committed. Each size is timed through ``python -m helpers export`` in a fresh
process (the real command), with peak memory summed over the process tree (proportional set size) in a run of its own.
"Net" figures subtract the start-up time of an export of a one-article corpus.

Times are the fastest of ``--repeat K`` runs (default 1) made without sampling memory; this machine's load varies,
and the fastest run is the least disturbed. Peak memory comes from one more run, sampled every 0.1 s (sampling
slows an export down: psutil's full memory info every 20 ms, used until 2026-12-05, made a 10,000-article export
about 20% slower, and even the kernel's summary every 0.1 s costs a few per cent). Options: ``--notebooks`` also times ``python3 tasks.py run`` on the seeds; ``--install`` times a fresh install
of requirements.txt into a throw-away virtualenv; ``--stages N`` times each stage of the export on N articles in
this process (where the time goes: loading, per-article annotation, the cross-article comparison, framing and
timeline tables, CSV writing), with the workers ``S400_WORKERS`` allows.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.corpus.load import load_corpus  # noqa: E402
from helpers.corpus.structure import count_words  # noqa: E402

SEED = 400  # fixed: the same synthetic corpora every time
#: Every export here runs with the annotation cache off: a repeat run would otherwise read the first run's results.
os.environ["S400_CACHE"] = "off"


def seed_paragraphs() -> list[str]:
    corpus = load_corpus(ROOT / "seeds")
    body = corpus.paragraphs[corpus.paragraphs["kind"] == "body"]
    return [p for p in body["text"] if count_words(p) >= 15]


def make_corpus(folder: Path, n: int, paragraphs: list[str]) -> int:
    """Write ``n`` synthetic articles and their manifest; return the total words."""
    rng = random.Random(SEED + n)
    folder.mkdir(parents=True)
    rows, total = [], 0
    for i in range(n):
        target = rng.randint(400, 700)
        chosen, words = [], 0
        while words < target:
            paragraph = rng.choice(paragraphs)
            chosen.append(paragraph)
            words += count_words(paragraph)
        title = f"Synthetic report {i}: India, Russia and the S-400"
        name = f"syn_{i:05d}.txt"
        (folder / name).write_text(title + "\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")
        total += words + count_words(title)
        day = 1 + rng.randrange(28)
        rows.append({"file": name, "outlet": f"Synthetic Outlet {rng.randrange(25)}",
                     "published": f"{rng.choice([2019, 2020, 2021, 2022, 2023])}-{rng.randint(1, 12):02d}-{day:02d}",
                     "date_precision": "day", "url": "", "title": title, "language": "en",
                     "notes": "SYNTHETIC benchmark article recombined from seed paragraphs; not real coverage"})
    with open(folder / "articles.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return total


def _pss(process: psutil.Process) -> int:
    """Proportional set size: private pages plus this process's share of pages shared with others. Read from
    ``/proc/PID/smaps_rollup`` (one line per kind of page, the kernel's own sum), not from psutil's
    ``memory_full_info``, which parses every mapping of ``/proc/PID/smaps``: sampled every 20 ms over an export
    and its workers that took a core's worth of time and made a 10,000-article export 20% slower."""
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


#: Seconds between two samples of the memory of an export's process tree (:func:`timed`).
SAMPLE_SECONDS = 0.1


def timed(command: list[str], cwd: Path = ROOT, memory: bool = True) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak memory of the whole process tree in MB, NaN with
    ``memory=False``).

    Memory is the sum over the process and its workers of their proportional set size (PSS), sampled every
    :data:`SAMPLE_SECONDS`: pages a forked worker still shares with its parent are counted once, split between
    them, as the machine holds them once. (Summing resident sizes would count every shared page once per
    process.) Sampling costs the machine some time, so :func:`main` takes wall times from runs without it and the
    peak from a run of its own."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                total = _pss(root) + sum(_pss(c) for c in root.children(recursive=True))
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(SAMPLE_SECONDS)

    thread = threading.Thread(target=sample, daemon=True)
    if memory:
        thread.start()
    _, err = process.communicate()
    done.set()
    if memory:
        thread.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return time.perf_counter() - started, peak / 2**20 if memory else float("nan")


def stages(folder: Path, out: Path) -> None:
    """Time each stage of ``python -m helpers export`` on ``folder`` in this process, and print the times."""
    from helpers import annotate  # noqa: PLC0415
    from helpers.analysis import compare  # noqa: PLC0415
    from helpers.report import export  # noqa: PLC0415

    times = {}
    started = time.perf_counter()
    corpus = load_corpus(folder, meanwhile=annotate.warm_up)  # as the export command loads it
    times["load, clean, sentences, duplicates (parallel)"] = time.perf_counter() - started
    tables, done = {}, {}
    steps = [
        ("per-article annotation: quotes, frames, dates, claims, readability, mentions, wire (parallel)",
         lambda: annotate.annotations(corpus)),
        ("cross-article comparison: similarity, clusters, reuse, alignment, claims",
         lambda: done.update(comparison=compare.analyse(corpus, annotate.annotations(corpus)))),
        ("framing and timeline tables, table assembly", lambda: tables.update(export.tables(corpus, done["comparison"]))),
    ]
    for name, step in steps:
        started = time.perf_counter()
        step()
        times[name] = time.perf_counter() - started
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    export.write_files(tables, out)  # as the export command writes them (on threads)
    times["CSV writing"] = time.perf_counter() - started
    total = sum(times.values())
    for name, seconds in times.items():
        print(f"  {seconds:7.2f} s  {seconds / total:5.1%}  {name}")
    print(f"  {total:7.2f} s  in all (start-up excluded)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--notebooks", action="store_true", help="also time `python3 tasks.py run` on the seeds")
    parser.add_argument("--install", action="store_true", help="also time a fresh install of requirements.txt")
    parser.add_argument("--stages", type=int, metavar="N", help="time each export stage on N articles, in this process")
    parser.add_argument("--repeat", type=int, default=1, metavar="K",
                        help="time every export K times and keep the fastest (the least disturbed by other load)")
    args = parser.parse_args()
    if args.stages:
        with tempfile.TemporaryDirectory(prefix="s400-bench-") as tmp:
            words = make_corpus(Path(tmp) / "c", args.stages, seed_paragraphs())
            print(f"stages of the export on {args.stages} synthetic articles ({words:,} words):")
            stages(Path(tmp) / "c", Path(tmp) / "out")
        return
    python = sys.executable
    paragraphs = seed_paragraphs()
    results = []
    with tempfile.TemporaryDirectory(prefix="s400-bench-") as tmp:
        tmp = Path(tmp)
        make_corpus(tmp / "startup", 1, paragraphs)
        startup = min(timed([python, "-m", "helpers", "export", str(tmp / "startup"), str(tmp / "startup-out")],
                            memory=False)[0] for _ in range(args.repeat))
        print(f"start-up (export of a 1-article corpus): {startup:.2f} s")
        for n in args.sizes:
            words = make_corpus(tmp / f"c{n}", n, paragraphs)
            command = [python, "-m", "helpers", "export", str(tmp / f"c{n}"), str(tmp / f"out{n}")]
            wall = min(timed(command, memory=False)[0] for _ in range(args.repeat))
            peak = timed(command)[1]  # a run of its own: sampling the memory slows the export down
            net = max(wall - startup, 1e-9)
            results.append((n, words, wall, net, peak))
            print(f"{n:>6} articles {words:>9,} words  wall {wall:7.2f} s  net {net:7.2f} s  "
                  f"{n / net:8.0f} articles/s  {words / net:10,.0f} words/s  peak {peak:7.0f} MB", flush=True)
            shutil.rmtree(tmp / f"out{n}")
        by_n = {n: net for n, _, _, net, _ in results}
        if 1000 in by_n and 10000 in by_n:
            print(f"10k/1k net time ratio: {by_n[10000] / by_n[1000]:.2f} (linear = 10)")
        if args.notebooks:
            wall = timed([sys.executable, "tasks.py", "run"], memory=False)[0]
            peak = timed([sys.executable, "tasks.py", "run"])[1]
            print(f"all notebooks on the seeds (python3 tasks.py run): {wall:.1f} s wall, peak {peak:.0f} MB")
        if args.install:
            venv_dir = tmp / "venv"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
            subprocess.run([str(venv_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir",
                            "-r", str(ROOT / "requirements.txt")], check=True)
            print(f"fresh install of requirements.txt (no pip cache): {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
