"""The command line: export writes every table; manifest drafts rows; clear exit codes."""
from __future__ import annotations

import csv
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, article, row
from helpers.__main__ import main
from helpers.corpus.decode import decode_bytes
from helpers.corpus.load import load_corpus
from helpers.report import schema


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_seeds(tmp_path, capsys):
    assert main(["export", str(ROOT / "seeds"), str(tmp_path)]) == 0
    for table in ("articles", "paragraphs", "sentences", "removed", "problems"):
        rows = read(tmp_path / f"{table}.csv")
        with open(tmp_path / f"{table}.csv", encoding="utf-8") as handle:
            assert handle.readline().strip().split(",") == schema.columns(table)
        assert all(r["file"] for r in rows)
    articles = read(tmp_path / "articles.csv")
    assert [a["file"] for a in articles] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert len(read(tmp_path / "sentences.csv")) == 158 and len(read(tmp_path / "removed.csv")) == 14
    codebook = read(tmp_path / "codebook.csv")
    assert {(c["table"], c["column"]) for c in codebook} >= {("articles.csv", "n_words"), ("sentences.csv", "start")}


def test_export_without_manifest_fails_with_one_message(tmp_path):
    (tmp_path / "a.txt").write_text(article(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "helpers", "export", str(tmp_path), str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith("error: No articles.csv") and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_manifest_command_drafts_rows(make_corpus):
    folder = make_corpus({"a.txt": article(), "b.txt": article("Envoy: S-400 supply on track", "Deliveries continue, he said. (ANI)\n" * 10),
                          "sub/c.html": "<html><head><title>Page title</title></head><body><p>" + "Text here. " * 30 + "</p></body></html>"},
                         rows=[row("a.txt")])
    assert main(["manifest", str(folder)]) == 0
    rows = read(folder / "articles.csv")
    assert [r["file"] for r in rows] == ["a.txt", "b.txt", "sub/c.html"]
    assert rows[0]["outlet"] == "Test Outlet"  # existing rows untouched
    assert rows[1]["title"] == "Envoy: S-400 supply on track" and "ANI" in rows[1]["notes"]
    assert rows[2]["title"] == "Page title" and rows[1]["outlet"] == "" and rows[1]["published"] == ""
    assert main(["manifest", str(folder)]) == 0 and len(read(folder / "articles.csv")) == 3
    corpus = load_corpus(folder)  # the drafted rows are reported until outlet and published are filled
    assert set(corpus.problems.loc[corpus.problems["severity"] == "error", "file"]) == {"b.txt", "sub/c.html"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600) | st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_file_loads_or_is_reported(make_corpus, content):
    decode_bytes(content)
    folder = make_corpus({"x.txt": content}, rows=[row("x.txt")])
    corpus = load_corpus(folder)
    loaded = "x.txt" in set(corpus.articles["file"])
    reported = (corpus.problems["file"] == "x.txt").any()
    assert loaded or reported
    if not loaded:
        assert (corpus.problems.loc[corpus.problems["file"] == "x.txt", "severity"] == "error").any()


def test_export_files_equal_the_tables_written_whole_and_nothing_else_is_left(tmp_path):
    """The export writes the tables the comparison does not read before it runs, from a folder of its own: the files
    are byte for byte those of every table made at once (:func:`tables`), and that folder is gone afterwards."""
    from helpers.report.export import export, tables, write_files

    export(ROOT / "seeds", tmp_path / "export")
    (tmp_path / "whole").mkdir()
    write_files(tables(load_corpus(ROOT / "seeds")), tmp_path / "whole")
    exported = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert exported == sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert "codebook.csv" in exported and not any(name.startswith(".") for name in exported)
    for name in exported:
        assert (tmp_path / "export" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_the_paragraphs_are_written_and_let_go_before_the_annotation(tmp_path, monkeypatch):
    """The annotation does not read the corpus's paragraphs: the export writes them first and annotates a corpus
    without them (its other tables whole), and the files are still those of the tables made at once."""
    from helpers.report import export as exporting

    monkeypatch.setenv("S400_CACHE", "off")
    seen = []
    annotate = exporting.annotations

    def recording(corpus, **kwargs):
        seen.append((len(corpus.paragraphs), len(corpus.sentences), (tmp_path / "export").exists()
                     and any(p.name == "paragraphs.csv" for p in (tmp_path / "export").rglob("paragraphs.csv"))))
        return annotate(corpus, **kwargs)

    monkeypatch.setattr(exporting, "annotations", recording)
    exporting.export(ROOT / "seeds", tmp_path / "export")
    paragraphs, sentences, written = seen[0]
    assert paragraphs == 0 and sentences == len(load_corpus(ROOT / "seeds").sentences) and written
    (tmp_path / "whole").mkdir()
    exporting.write_files(exporting.tables(load_corpus(ROOT / "seeds")), tmp_path / "whole")
    for path in (tmp_path / "whole").iterdir():
        assert (tmp_path / "export" / path.name).read_bytes() == path.read_bytes(), path.name


def test_tables_spooled_in_pieces_are_written_as_the_whole_tables(tmp_path, monkeypatch):
    """With the annotation's tables spooled a piece per article (the five seeds: five pieces of frame matches, of
    dates and of events; a corpus this small is not spooled unless asked), the export's files are byte for byte
    those of the tables made whole in memory, and the spool is gone afterwards."""
    from helpers import tables as pieces
    from helpers.report import export as exporting
    from helpers.report.export import export, tables, write_files

    monkeypatch.setenv("S400_CACHE", "off")
    (tmp_path / "whole").mkdir()
    write_files(tables(load_corpus(ROOT / "seeds")), tmp_path / "whole")
    monkeypatch.setattr(pieces, "CHUNK", 1)
    monkeypatch.setattr(exporting, "SPOOL_ARTICLES", 1)
    stored = []
    add = pieces.Spooled.add
    monkeypatch.setattr(pieces.Spooled, "add", lambda self, piece, path: (stored.append(path.parent.name), add(self, piece, path))[1])
    export(ROOT / "seeds", tmp_path / "export")
    assert stored.count("matches") == stored.count("events") == 5 and stored.count("expressions") == 5
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(p.name for p in (tmp_path / "whole").iterdir())
    for path in (tmp_path / "whole").iterdir():
        assert (tmp_path / "export" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_corpus_below_the_spooling_size_has_its_annotation_cached_whole(tmp_path, monkeypatch):
    """Below SPOOL_ARTICLES the export holds the annotation's tables and stores every one whole in the cache, so a
    rerun reads them at once; spooled, the three it spools are not stored whole."""
    from helpers import annotate
    from helpers.report import export as exporting

    for spool_from, stored in ((exporting.SPOOL_ARTICLES, set(annotate.TABLES)), (1, set(annotate.TABLES) - set(annotate.SPOOLABLE))):
        monkeypatch.setenv("S400_CACHE", str(tmp_path / f"cache{spool_from}"))
        monkeypatch.setattr(exporting, "SPOOL_ARTICLES", spool_from)
        exporting.export(ROOT / "seeds", tmp_path / f"out{spool_from}")
        folder = annotate.cache.cache_dir()
        keys = annotate._table_keys(load_corpus(ROOT / "seeds"), folder)
        assert {t for t, (slot, key) in keys.items() if annotate.cache.read_tables(folder, slot, key) is not None} == stored


def test_a_failing_comparison_leaves_the_output_folder_as_it_was(tmp_path, monkeypatch):
    """The first tables are written before the comparison runs, but into the export's own folder: when the
    comparison fails, the output folder keeps exactly what it had (an older export's file included) and no
    folder of the export is left in it."""
    from helpers.analysis import compare
    from helpers.report.export import export

    out = tmp_path / "out"
    out.mkdir()
    (out / "paragraphs.csv").write_text("an older export\n", encoding="utf-8")

    def fails(*args, **kwargs):
        raise RuntimeError("comparison failed")

    monkeypatch.setattr(compare, "analyse", fails)
    try:
        export(ROOT / "seeds", out)
    except RuntimeError as err:
        assert str(err) == "comparison failed"
    else:
        raise AssertionError("the failure was not raised")
    assert [p.name for p in out.iterdir()] == ["paragraphs.csv"]
    assert (out / "paragraphs.csv").read_text(encoding="utf-8") == "an older export\n"


def test_moving_files_into_place_keeps_permissions_and_replaces_links(tmp_path):
    from helpers.files import move_into, staging_folder

    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.csv").write_text("old\n")
    os_mode = 0o600
    (out / "kept.csv").chmod(os_mode)
    outside = tmp_path / "outside.csv"
    outside.write_text("outside\n")
    (out / "linked.csv").symlink_to(outside)
    with staging_folder(out) as staging:
        assert staging.parent == out and staging.name.startswith(".")
        for name in ("kept.csv", "linked.csv", "new.csv"):
            (staging / name).write_text(f"new {name}\n")
        move_into(staging, out)
    assert sorted(p.name for p in out.iterdir()) == ["kept.csv", "linked.csv", "new.csv"]
    assert (out / "kept.csv").read_text() == "new kept.csv\n" and (out / "kept.csv").stat().st_mode & 0o777 == os_mode
    assert not (out / "linked.csv").is_symlink() and outside.read_text() == "outside\n"
