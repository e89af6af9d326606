"""Benchmark (not a test): incremental reruns of notebook 02 after nothing changed and after a frame dictionary edit.

    .venv/bin/python benchmarks/incremental.py --size 10000

On a research-shaped synthetic corpus (tools/synthetic.py) with its own annotation cache, runs
``CORPUS=dir FIGURES=out python3 tasks.py run 02`` three times: cold (empty cache), warm (nothing changed) and
after changing one ``note`` cell of ``helpers/data/frames.csv``, after changing a frame's label, after adding a term
no article contains and after adding one most articles contain (the edits researchers make most; the file is restored byte for byte afterwards, even on error). Prints the wall time of each run and the notebook's own time.
Targets (issue 20, at 10,000 articles): warm <= 15 s, after the dictionary edit <= 25 s.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import synthetic  # noqa: E402

FRAMES = ROOT / "helpers" / "data" / "frames.csv"


def run_02(env: dict) -> tuple[float, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "run", "02", "--in-venv"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    own = re.search(r"ran notebooks/02\S*\.ipynb in ([\d.]+) s", done.stdout)
    return wall, float(own.group(1)) if own else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    original = FRAMES.read_bytes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed run still restores frames.csv (finally)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic.make_corpus(folder / "corpus", args.size)
        env = {**os.environ, "CORPUS": str(folder / "corpus"), "FIGURES": str(folder / "out"),
               "S400_CACHE": str(folder / "cache")}
        results = {"cold": run_02(env), "warm": run_02(env)}
        try:
            lines = original.decode("utf-8").split("\n")
            lines[1] = lines[1] + " (edited)" if lines[1].endswith('"') is False else lines[1][:-1] + ' (edited)"'
            FRAMES.write_bytes("\n".join(lines).encode("utf-8"))
            results["after editing a note of frames.csv"] = run_02(env)
            # a frame's label: no match changes, but every table and figure that names the frame is redrawn
            FRAMES.write_bytes(original.replace(b"US pressure / sanctions threat", b"US pressure and sanctions threat", 1))
            results["after editing a frame's label"] = run_02(env)
            # a new term that no article contains: each article checks it, no coding changes
            FRAMES.write_bytes(original.rstrip(b"\n") + b"\nus_pressure,,,,Washington frowned on,,,no,benchmark term\n")
            results["after adding a term found in no article"] = run_02(env)
            # a new term that matches: the frame coding changes, so every table and figure built on it is recomputed
            FRAMES.write_bytes(original.rstrip(b"\n") + b"\ndeal_delivery,,,,air defen[cs]e,,,no,benchmark term\n")
            results["after adding a term to frames.csv"] = run_02(env)
        finally:
            FRAMES.write_bytes(original)
    for name, (wall, own) in results.items():
        print(f"{args.size:,} articles, notebook 02 {name}: {wall:.1f} s wall, notebook {own:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
