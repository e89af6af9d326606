"""Hostile corpus folders (helpers.corpus.access, manifest, load, drafting): nothing outside the folder is read,
nothing blocks, nothing too large is read, odd names and broken manifests are reported with a fix and the other
rows still load, the manifest command never loses the manifest."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BODY, article, row
from helpers.__main__ import main
from helpers.corpus import drafting
from helpers.corpus.load import load_corpus
from helpers.corpus.problems import CorpusError
from helpers.extract.mentions import count_mentions, fold_for_matching


def problems_of(corpus) -> dict[str, str]:
    return dict(zip(corpus.problems["file"], corpus.problems["problem"]))


def test_links_out_of_the_folder_are_never_followed(make_corpus, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(article("Secret", BODY), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text(article("Elsewhere", BODY), encoding="utf-8")
    folder = make_corpus({"a.txt": article()}, rows=[row("a.txt"), row("listed_link.txt")])
    (folder / "listed_link.txt").symlink_to(secret)
    (folder / "unlisted_link.txt").symlink_to(secret)
    (folder / "dir_link").symlink_to(tmp_path / "elsewhere")
    corpus = load_corpus(folder)
    found = problems_of(corpus)
    assert list(corpus.articles["file"]) == ["a.txt"]
    for name in ("listed_link.txt", "unlisted_link.txt", "dir_link"):
        assert "leaves the corpus folder" in found[name] or "outside the corpus folder" in found[name], name
    before = corpus.fingerprint
    secret.write_text("changed", encoding="utf-8")  # the fingerprint never read the link's target
    assert load_corpus(folder).fingerprint == before


def test_a_link_inside_the_folder_is_read(make_corpus):
    folder = make_corpus({"real.txt": article()}, rows=[row("b.txt"), row("real.txt", outlet="Other")])
    (folder / "b.txt").symlink_to("real.txt")
    corpus = load_corpus(folder)
    assert sorted(corpus.articles["file"]) == ["b.txt", "real.txt"]


def test_a_corpus_folder_reached_through_a_link_reads_its_files_and_refuses_links_out(make_corpus, tmp_path):
    """The real folder is resolved once per load and each plain name checked against it: through a linked folder,
    a plain file is read, a link to a file inside is read, and a link out (to the folder holding the link) is not."""
    folder = make_corpus({"a.txt": article(), "real.txt": article("Real", BODY)},
                         rows=[row("a.txt"), row("in.txt", outlet="Other"), row("out.txt", outlet="Third"), row("gone.txt")])
    (folder / "in.txt").symlink_to(folder / "real.txt")
    (tmp_path / "secret.txt").write_text(article("Secret", BODY), encoding="utf-8")
    (folder / "out.txt").symlink_to(tmp_path / "secret.txt")
    via = tmp_path / "via"
    via.symlink_to(folder, target_is_directory=True)
    for place in (folder, via):
        corpus = load_corpus(place)
        found = problems_of(corpus)
        assert list(corpus.articles["file"]) == ["a.txt", "in.txt"]
        assert "leaves the corpus folder" in found["out.txt"]
        assert "no such file" in found["gone.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_are_refused_before_they_are_opened(make_corpus):
    folder = make_corpus({"a.txt": article()}, rows=[row("a.txt"), row("pipe.txt")])
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "unlisted_pipe.txt")
    corpus = load_corpus(folder)  # would block forever if a FIFO were opened for reading
    found = problems_of(corpus)
    assert "named pipe" in found["pipe.txt"] and "named pipe" in found["unlisted_pipe.txt"]
    assert list(corpus.articles["file"]) == ["a.txt"]


def test_articles_over_the_size_limit_are_reported(make_corpus, monkeypatch):
    folder = make_corpus({"a.txt": article(), "big.txt": article(body=BODY * 200)}, rows=[row("a.txt"), row("big.txt")])
    monkeypatch.setenv("S400_MAX_ARTICLE_MB", "0.01")
    corpus = load_corpus(folder)
    assert "over the limit" in problems_of(corpus)["big.txt"]
    assert list(corpus.articles["file"]) == ["a.txt"]
    monkeypatch.setenv("S400_MAX_ARTICLE_MB", "5")
    assert sorted(load_corpus(folder).articles["file"]) == ["a.txt", "big.txt"]


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(make_corpus, tmp_path, capsys):
    folder = make_corpus({"a.txt": article()}, rows=[row("a.txt")])
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(bad, "wb") as out:
        out.write(article().encode())
    corpus = load_corpus(folder)
    found = problems_of(corpus)
    assert found["caf\\xe9.txt"].startswith("the file name is not valid UTF-8")
    assert main(["export", str(folder), str(tmp_path / "out")]) == 0
    assert "caf\\xe9.txt" in (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8")
    before = (folder / "articles.csv").read_bytes()
    assert main(["manifest", str(folder)]) == 0
    assert (folder / "articles.csv").read_bytes() == before  # nothing to add, the manifest is untouched


def test_the_manifest_command_keeps_a_backup_and_never_half_writes(make_corpus, monkeypatch):
    folder = make_corpus({"a.txt": article(), "b.txt": article("Second", "Another story about the S-400 deliveries.\n")},
                         rows=[row("a.txt")])
    before = (folder / "articles.csv").read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk failed")

    monkeypatch.setattr(drafting, "draft_row", broken)
    with pytest.raises(RuntimeError):
        drafting.extend_manifest(folder)
    assert (folder / "articles.csv").read_bytes() == before  # a failed run leaves the manifest as it was
    monkeypatch.undo()
    assert drafting.extend_manifest(folder) == ["b.txt"]
    assert (folder / "articles.csv.bak").read_bytes() == before
    assert (folder / "articles.csv").read_bytes().startswith(before)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


HEADER = "file,outlet,published,date_precision,url,title,language,notes\n"


def test_an_open_quotation_mark_costs_one_row_not_the_rest(make_corpus):
    files = {f"{n}.txt": article(f"Story {n}", f"Story {n} on the S-400 deliveries and CAATSA, officials said.\n") for n in "abcd"}
    manifest = (HEADER + "a.txt,Outlet A,2021-01-01,,,,en,\n"
                + 'b.txt,Outlet B,2021-01-02,,,"an open quote,en,\n'
                + "c.txt,Outlet C,2021-01-03,,,,en,\n"
                + "d.txt,Outlet D,2021-01-04,,,,en,\n")
    corpus = load_corpus(make_corpus(files, manifest=manifest))
    assert sorted(corpus.articles["file"]) == ["a.txt", "c.txt", "d.txt"]
    found = problems_of(corpus)
    assert "never closed" in found["articles.csv line 3"]
    assert "no row in articles.csv" in found["b.txt"]


def test_an_oversized_field_is_reported_with_its_line(make_corpus):
    files = {"a.txt": article(), "b.txt": article("Second", "Another story about the S-400 deliveries.\n")}
    manifest = HEADER + "a.txt,Outlet A,2021-01-01,,,,en,\n" + "b.txt,Outlet B,2021-01-02,,,,en," + "x" * 200_000 + "\n"
    corpus = load_corpus(make_corpus(files, manifest=manifest))
    assert list(corpus.articles["file"]) == ["a.txt"]
    assert "longer than" in problems_of(corpus)["articles.csv line 3"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: (HEADER + t).encode("utf-8", "surrogatepass")))
def test_any_manifest_bytes_load_or_give_one_clear_message(make_corpus, content):
    folder = make_corpus({"a.txt": article()})
    (folder / "articles.csv").write_bytes(content)
    try:
        corpus = load_corpus(folder)
    except CorpusError as err:
        assert str(err) and "Traceback" not in str(err)
    else:
        assert set(corpus.problems.columns) >= {"file", "problem", "fix"}


@given(st.text(max_size=200))
def test_folding_keeps_length_and_never_touches_pure_cyrillic(text):
    folded = fold_for_matching(text)
    assert len(folded) == len(text)
    assert fold_for_matching("Москва и Россия") == "Москва и Россия"


@pytest.mark.parametrize("spelling", ["S-400", "S\u2011400", "S\u2013400", "\u0421-400", "\uff33\uff0d\uff14\uff10\uff10", "S400"])
def test_the_key_terms_are_counted_in_every_spelling(spelling):
    assert count_mentions(f"India bought the {spelling} system.")["S-400"] == 1
    assert count_mentions("The \u0421AATSA law.")["CAATSA"] == 1


def test_an_article_over_the_time_budget_is_reported_not_waited_for(make_corpus, monkeypatch):
    import time

    from helpers.corpus import load

    folder = make_corpus({"a.txt": article(), "slow.txt": article("Slow", "Slow story on the S-400.\n")},
                         rows=[row("a.txt"), row("slow.txt")])
    real = load.decode_bytes

    def slow_for_one(raw):
        if b"Slow story" in raw:
            time.sleep(30)
        return real(raw)

    monkeypatch.setattr(load, "decode_bytes", slow_for_one)
    monkeypatch.setenv("S400_ARTICLE_SECONDS", "0.5")
    corpus = load_corpus(folder)
    assert list(corpus.articles["file"]) == ["a.txt"]
    assert "took longer than 0.5 s" in problems_of(corpus)["slow.txt"]
