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
