"""The notebooks on a research-shaped corpus (tools/synthetic.py: 200 articles, 60 outlets with Zipf-like shares,
news peaks, wire copy, month-precision dates, duplicates and rejected rows), run the way a researcher runs them:
``CORPUS=dir FIGURES=out python3 tasks.py run``. Every figure fits a journal page, every executed notebook stays
small, the headers count what was analysed, duplicated and rejected, and the repository is left untouched."""
from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from helpers.analysis import outlets
from helpers.report import palette
from helpers.report.figures import MAX_SIZE

sys.path.insert(0, str(ROOT / "tools"))
import synthetic  # noqa: E402

N_ARTICLES = 200
NOTEBOOK_LIMIT = 5 * 2**20


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The corpus, its counts and the run's output folder and printed summary (one run for the whole module)."""
    base = tmp_path_factory.mktemp("scale")
    corpus, out = base / "corpus", base / "out"
    counts = synthetic.make_corpus(corpus, N_ARTICLES, seed=15)
    before = git_status()
    env = {**os.environ, "CORPUS": str(corpus), "FIGURES": str(out), "S400_CACHE": "off"}
    done = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "run", "--in-venv"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return {"corpus": corpus, "out": out, "counts": counts, "stdout": done.stdout, "before": before, "after": git_status()}


def test_the_repository_is_left_untouched(run):
    assert run["after"] == run["before"]


def test_executed_notebooks_and_their_html_are_saved_with_the_figures(run):
    saved = run["out"] / "notebooks"
    names = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.stem for p in saved.glob("*.ipynb")) == names
    for name in names:
        assert (saved / f"{name}.ipynb").stat().st_size <= NOTEBOOK_LIMIT
        page = (saved / f"{name}.html").read_text(encoding="utf-8")
        assert "<script" not in page.lower() and not re.search(r"""(?:src|href)=["']https?://""", page)
        assert "data:image/png;base64" in page


def _png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    return struct.unpack(">II", header[16:24])


def test_every_figure_fits_a_journal_page(run):
    index = pd.read_csv(run["out"] / "index.csv", dtype=str, keep_default_na=False)
    figures = index[index["formats"].str.contains("png")]
    assert len(figures) >= 12
    for stem in figures["file"]:
        width, height = _png_size(run["out"] / f"{stem}.png")
        assert width <= MAX_SIZE[0] * 300 and height <= MAX_SIZE[1] * 300, (stem, width, height)
        assert (run["out"] / f"{stem}.csv").is_file()


def test_headers_and_the_run_summary_count_analysed_duplicate_and_rejected(run):
    summary = pd.read_csv(run["out"] / "corpus_summary.csv").iloc[0]
    expected_rejected = run["counts"]["rejected"] + run["counts"]["unlisted"]
    assert summary["rejected"] == expected_rejected
    assert summary["duplicates"] >= run["counts"]["duplicates"]
    assert summary["analysed"] + summary["duplicates"] == N_ARTICLES + run["counts"]["duplicates"]
    header = (f"**Corpus.** {summary['analysed']:,} articles analysed from {summary['outlets']:,} outlets")
    for path in sorted((run["out"] / "notebooks").glob("*.ipynb")):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert header in text, path.name
        assert f"{summary['duplicates']:,} duplicates analysed once" in text, path.name
        assert f"{expected_rejected:,} files or manifest rows rejected" in text, path.name
    assert f"{summary['analysed']:,} articles analysed from {summary['outlets']:,} outlets" in run["stdout"]
    assert f"{expected_rejected:,} files or manifest rows rejected" in run["stdout"]


def test_tables_are_cut_and_point_to_the_full_csv(run):
    page = (run["out"] / "notebooks" / "00_corpus.ipynb").read_text(encoding="utf-8")
    assert "Showing the first 15 of" in page and "The full table is in" in page and "00_articles.csv" in page


# --------------------------------------------------------------------------------------------- colours
def test_an_outlet_keeps_its_colour_whatever_else_is_named():
    named = ["Daily B", "Daily A", "Daily C"]
    colours = palette.outlet_colours(named)
    assert colours == palette.outlet_colours(list(reversed(named)))  # the order named is not the colour order
    assert colours[outlets.OTHER] == palette.OTHER_COLOUR and len(set(colours.values())) == len(colours)
    assert palette.outlet_colours(named) == colours  # across calls and runs: a pure function of the names


def test_a_researchers_colour_file_pins_outlets(tmp_path, monkeypatch):
    pinned = tmp_path / "outlet_colours.csv"
    pinned.write_text("outlet,colour\nDaily B,#123456\n", encoding="utf-8")
    monkeypatch.setattr(palette, "OUTLET_COLOURS_FILE", pinned)
    colours = palette.outlet_colours(["Daily A", "Daily B"])
    assert colours["Daily B"] == "#123456" and colours["Daily A"] != "#123456"


def test_sides_have_one_fixed_colour_each():
    assert set(palette.SIDE_COLOURS) >= {"India", "Russia", "US", "China", "Pakistan", "other", "unknown", "journalist"}
    assert len(set(palette.SIDE_COLOURS.values())) == len(palette.SIDE_COLOURS)
