"""Figures fit a journal page: the figure writer refuses one too large or with text too small to read."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.report.figures import FigureTooLarge, FigureWriter, read_index


def test_a_figure_over_the_page_or_with_tiny_text_is_refused(tmp_path):
    writer = FigureWriter(notebook="09_test", fingerprint="x", folder=tmp_path, show=False)
    big, ax = plt.subplots(figsize=(17, 4))
    ax.plot([0, 1])
    with pytest.raises(FigureTooLarge, match="in; at most 12 x 16"):
        writer.save(big, pd.DataFrame({"a": [1]}), "big", "too wide")
    tiny, ax = plt.subplots(figsize=(7.2, 3))
    ax.set_title("unreadable", fontsize=4)
    with pytest.raises(FigureTooLarge, match="4.0 pt"):
        writer.save(tiny, pd.DataFrame({"a": [1]}), "tiny", "text too small")
    fine, ax = plt.subplots(figsize=(7.2, 3))
    ax.plot([0, 1])
    writer.save(fine, pd.DataFrame({"a": [1]}), "fine", "fits")
    assert not (tmp_path / "09_big.png").exists() and (tmp_path / "09_fine.png").is_file()


def test_a_table_is_saved_and_listed_in_the_index(tmp_path):
    writer = FigureWriter(notebook="09_test", fingerprint="abc", folder=tmp_path, show=False, summary={"analysed": 3})
    name = writer.save_table(pd.DataFrame({"file": ["a", "b"]}), "files", "Every file.")
    writer.finish()
    index = read_index(tmp_path / "index.csv")
    assert name == "09_files.csv" and (tmp_path / name).is_file()
    assert index.to_dict("records") == [{"file": "09_files", "notebook": "09_test.ipynb", "caption": "Every file.",
                                         "formats": "csv", "data": "09_files.csv", "corpus_fingerprint": "abc"}]
    assert pd.read_csv(tmp_path / "corpus_summary.csv").to_dict("records") == [{"analysed": 3}]


def _figure(title: str):
    """A figure with text, bars and an image (the kinds of marks the notebooks draw)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3))
    left.bar(["India", "Russia", "US"], [3, 5, 2])
    left.set_title(title)
    right.imshow([[0.1, 0.5], [0.9, 0.3]])
    return fig


def _save(folder, title: str, name: str = "kept") -> dict[str, bytes]:
    FigureWriter(notebook="09_test", fingerprint="x", folder=folder, show=False).save(
        _figure(title), pd.DataFrame({"a": [1]}), name, "a figure")
    return {fmt: (folder / f"09_{name}.{fmt}").read_bytes() for fmt in ("png", "svg", "pdf")}


def test_a_figure_drawn_again_comes_from_the_cache_and_equals_a_fresh_drawing(tmp_path, monkeypatch):
    from helpers.report import figures

    fresh = _save(tmp_path / "fresh", "S-400 deliveries")  # the cache is off in tests: every format drawn
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    drawn = []
    draw = figures.figure_bytes
    monkeypatch.setattr(figures, "figure_bytes", lambda fig, fmt, box=None: drawn.append(fmt) or draw(fig, fmt, box))
    assert _save(tmp_path / "out", "S-400 deliveries") == fresh and drawn == ["svg", "png", "pdf"]
    drawn.clear()
    assert _save(tmp_path / "out", "S-400 deliveries") == fresh and drawn == ["svg"]  # PNG and PDF kept
    drawn.clear()
    changed = _save(tmp_path / "out", "S-400 deliveries, 2021")  # another SVG: every format drawn again
    assert drawn == ["svg", "png", "pdf"]
    assert all(changed[fmt] != fresh[fmt] for fmt in fresh)
    monkeypatch.setenv("S400_CACHE", "off")
    assert _save(tmp_path / "fresh", "S-400 deliveries, 2021") == changed


def test_a_damaged_or_foreign_kept_drawing_is_drawn_again(tmp_path, monkeypatch):
    from helpers.report import figures

    fresh = _save(tmp_path / "fresh", "CAATSA")
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    _save(tmp_path / "out", "CAATSA")
    [entry] = (tmp_path / "cache" / "tables").glob("figure-*")
    entry.write_bytes(entry.read_bytes()[:-100])  # truncated
    drawn = []
    draw = figures.figure_bytes
    monkeypatch.setattr(figures, "figure_bytes", lambda fig, fmt, box=None: drawn.append(fmt) or draw(fig, fmt, box))
    assert _save(tmp_path / "out", "CAATSA") == fresh and drawn == ["svg", "png", "pdf"]
    drawn.clear()
    figures.drawing_version.cache_clear()
    monkeypatch.setattr(figures.matplotlib, "__version__", "0.0-another")  # another matplotlib draws differently
    try:
        assert _save(tmp_path / "out", "CAATSA") == fresh and drawn == ["svg", "png", "pdf"]
    finally:
        figures.drawing_version.cache_clear()
