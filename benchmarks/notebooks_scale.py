"""Benchmark (not a test): all four notebooks on research-shaped synthetic corpora (tools/synthetic.py), run the way a
researcher runs them, ``CORPUS=dir FIGURES=out python3 tasks.py run``, with a cold annotation cache.

    .venv/bin/python benchmarks/notebooks_scale.py                  # 1,000 articles
    .venv/bin/python benchmarks/notebooks_scale.py --sizes 1000 10000

Prints, per size: the wall time of the whole run, each notebook's own time (as the run command reports it), the
largest executed notebook, the largest figure (inches at 300 dpi) and the corpus summary. Corpora, figures and the
cache are written to a temporary folder and deleted afterwards. Targets (issue 15): 1,000 articles in at most
180 s of notebook time; executed notebooks at most 5 MB; every figure at most 12 x 16 inches.
"""
from __future__ import annotations

import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import synthetic  # noqa: E402


def png_inches(path: Path) -> tuple[float, float]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width / 300, height / 300


def measure(n: int, folder: Path) -> dict:
    corpus, out, cache = folder / f"c{n}", folder / f"f{n}", folder / f"cache{n}"
    synthetic.make_corpus(corpus, n)
    env = {**os.environ, "CORPUS": str(corpus), "FIGURES": str(out), "S400_CACHE": str(cache)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "run", "--in-venv"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    per = dict(re.findall(r"ran notebooks/(\S+)\.ipynb in ([\d.]+) s", done.stdout))
    sizes = {p.name: p.stat().st_size for p in (out / "notebooks").glob("*.ipynb")}
    figures = {p.stem: png_inches(p) for p in out.glob("*.png")}
    widest = max(figures.items(), key=lambda kv: kv[1][0] * kv[1][1])
    return {"n": n, "wall": wall, "notebooks": {k: float(v) for k, v in per.items()}, "largest_notebook": max(sizes.items(), key=lambda kv: kv[1]),
            "largest_figure": widest, "summary": done.stdout.strip().splitlines()[-1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, Path(tmp))
            notebook_time = sum(r["notebooks"].values())
            print(f"{n:,} articles: {r['wall']:.1f} s wall for the run; notebook time {notebook_time:.1f} s "
                  f"({', '.join(f'{k} {v:.1f} s' for k, v in sorted(r['notebooks'].items()))})")
            name, size = r["largest_notebook"]
            stem, (w, h) = r["largest_figure"]
            print(f"    largest executed notebook {name}: {size / 2**20:.2f} MB; largest figure {stem}: {w:.1f} x {h:.1f} in")
            print(f"    {r['summary']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
