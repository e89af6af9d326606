"""Whole tables in the cache (helpers/cache.py: write_tables / read_tables): a loaded corpus, each annotation table
and analysis results come back equal type for type, a damaged entry is never used, an edited article or stage is
recomputed, and a slot keeps only its newest entry."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from conftest import SEEDS
from helpers import annotate, cache
from helpers.corpus import load as loading
from helpers.corpus.load import load_corpus

FRAME = pd.DataFrame({
    "file": ["a.txt", "b.txt", "c.txt"],
    "n": np.array([1, 2, 3], dtype=np.int64),
    "share": [0.5, float("nan"), -0.0],
    "ok": [True, False, True],
    "maybe": pd.array([1, None, 3], dtype="Int64"),
    "flags": [["x", "y"], [], ["z"]],
    "note": ["é\u2019", None, ""],
})


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert_frame_equal(a, b, check_exact=True)
    for name in a.columns:
        if a[name].dtype == object:
            assert [type(v) for v in a[name]] == [type(v) for v in b[name]]


def test_tables_round_trip_type_for_type(tmp_path):
    assert cache.write_tables(tmp_path, "slot", "k1", {"t": FRAME, "empty": FRAME.iloc[:0]})
    back = cache.read_tables(tmp_path, "slot", "k1")
    same(back["t"], FRAME)
    same(back["empty"], FRAME.iloc[:0])
    assert back["t"]["flags"].tolist() == [["x", "y"], [], ["z"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(max_size=12), st.integers(-2**62, 2**62), st.floats(allow_nan=True),
                          st.lists(st.text(max_size=4), max_size=3)), max_size=8))
def test_any_table_comes_back_equal_or_is_not_stored(tmp_path, rows):
    frame = pd.DataFrame(rows, columns=["text", "n", "x", "items"])
    key = f"k{len(rows)}"
    if cache.write_tables(tmp_path, "prop", key, {"t": frame}):
        same(cache.read_tables(tmp_path, "prop", key)["t"], frame)


def test_a_table_that_would_change_is_not_stored(tmp_path):
    mixed = pd.DataFrame({"v": ["1", 2, None]})  # an object column mixing str and int cannot come back as it was
    assert not cache.write_tables(tmp_path, "slot", "k", {"t": mixed})
    assert cache.read_tables(tmp_path, "slot", "k") is None


@pytest.mark.parametrize("damage", ["flip", "truncate", "append", "magic", "empty"])
def test_a_damaged_entry_is_never_used(tmp_path, damage):
    assert cache.write_tables(tmp_path, "slot", "k", {"t": FRAME})
    path = next((tmp_path / "tables").glob("slot-k*"))
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[-40] ^= 0x01
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "append":
        raw += b"x"
    elif damage == "magic":
        raw[0:1] = b"X"
    else:
        raw = bytearray()
    path.write_bytes(bytes(raw))
    before = cache.corrupt_entries()
    assert cache.read_tables(tmp_path, "slot", "k") is None
    assert cache.corrupt_entries() == before + 1


def test_another_key_is_a_miss_and_a_slot_keeps_its_newest_entry(tmp_path):
    assert cache.write_tables(tmp_path, "a", "k1", {"t": FRAME})
    assert cache.write_tables(tmp_path, "b", "k1", {"t": FRAME})
    assert cache.read_tables(tmp_path, "a", "k2") is None
    assert cache.write_tables(tmp_path, "a", "k2", {"t": FRAME.iloc[:1]})
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == ["a-k2.s400t", "b-k1.s400t"]  # a's older entry removed, b's kept
    same(cache.read_tables(tmp_path, "a", "k2")["t"], FRAME.iloc[:1])


def test_no_folder_or_an_unwritable_one_only_costs_the_cache(tmp_path):
    assert not cache.write_tables(None, "slot", "k", {"t": FRAME}) and cache.read_tables(None, "slot", "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert not cache.write_tables(blocked, "slot", "k", {"t": FRAME})


def test_frame_digest_sees_every_value_and_the_columns():
    base = cache.frame_digest(FRAME.drop(columns="flags"))
    assert cache.frame_digest(FRAME.drop(columns="flags").copy()) == base
    changed = FRAME.drop(columns="flags").copy()
    changed.loc[2, "note"] = "x"
    assert cache.frame_digest(changed) != base
    assert cache.frame_digest(FRAME.drop(columns="flags").rename(columns={"n": "m"})) != base
    assert cache.frame_digest(FRAME.drop(columns="flags").astype({"n": "int32"})) != base


def test_a_rerun_reads_the_whole_corpus_and_its_annotations(tmp_path, monkeypatch):
    monkeypatch.setenv("S400_CACHE", "off")
    fresh_corpus = load_corpus(SEEDS)
    fresh = annotate.annotations(fresh_corpus)
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    annotate.annotations(load_corpus(SEEDS))
    stored = sorted(p.name for p in (tmp_path / "cache" / "tables").glob("*.s400t"))
    assert len(stored) == 1 + len(annotate.TABLES) + 1  # the corpus, each table, the snapshot of the frame coding
    assert sum(name.startswith("annotations-framecoding-") for name in stored) == 1
    monkeypatch.setattr(loading, "load_cached", lambda args: pytest.fail("an article was loaded again"))
    monkeypatch.setattr(annotate.parallel, "map_ordered", lambda *a, **k: pytest.fail("an article was annotated again"))
    corpus = load_corpus(SEEDS)
    read = annotate.annotations(corpus)
    assert corpus.fingerprint == fresh_corpus.fingerprint
    for name in ("articles", "paragraphs", "sentences", "removed", "problems"):
        same(getattr(corpus, name), getattr(fresh_corpus, name))
    for name in annotate.TABLES:
        same(getattr(read, name), getattr(fresh, name))


def test_an_edited_article_and_an_edited_stage_are_recomputed(seeds_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    first = load_corpus(seeds_copy)
    annotate.annotations(first)
    name = first.articles["file"].iloc[0]
    path = seeds_copy / name
    path.write_text(path.read_text(encoding="utf-8").replace("S-400", "S-500", 1), encoding="utf-8")
    edited = load_corpus(seeds_copy)
    assert edited.memo["key"] != first.memo["key"]
    assert "S-500" in edited.articles.set_index("file").at[name, "text"]
    # a new version of the frame stage: its table (and the events that read it) are recomputed, the others read
    real = annotate.stage_versions
    monkeypatch.setattr(annotate, "stage_versions", lambda stages, glue, contents=(): {**real(stages, glue, contents), "frames": "edited"})
    computed = []
    real_map = annotate.parallel.map_ordered
    monkeypatch.setattr(annotate.parallel, "map_ordered", lambda f, items, **k: computed.append(len(items)) or real_map(f, items, **k))
    again = load_corpus(seeds_copy)
    annotate.annotations(again)
    assert computed == [5]
    keys = annotate._table_keys(again, annotate.cache.cache_dir())
    assert {t for t, (slot, key) in keys.items() if cache.read_tables(annotate.cache.cache_dir(), slot, key) is None} == set()
    monkeypatch.setenv("S400_CACHE", "off")
    plain = annotate.annotations(load_corpus(seeds_copy))
    for name in annotate.TABLES:
        same(getattr(again.memo["annotations"], name), getattr(plain, name))
