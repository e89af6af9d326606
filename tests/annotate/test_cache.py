"""The cache (helpers/cache.py) stores JSON with a checksum, never unpickles, recomputes and reports a corrupt entry, and
gives back exactly what was computed."""
from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from conftest import SEEDS
from helpers import annotate, cache
from helpers.corpus.load import load_corpus

JOB = ("a.txt", "Outlet", "2021-04-06", "2021-04-06", "2021-04-06", "Some text.", [(0, 10, "body", 0, "Some text.")])
RESULT = {
    "quotes": [{"file": "a.txt", "start": 0, "quoted": True, "share": 0.1, "speaker": None}],
    "matches": [("a.txt", 0, "frame", 1.5, False), ("a.txt", 1, "other", -0.0, True)],
    "empty": [],
    "measures": [{"z_last": 1, "a_first": float("nan"), "inf": float("inf"), "ninf": float("-inf"), "text": "é\ud800"}],
}


def same(a, b) -> bool:
    """Equal type for type, in order, floats bit for bit (NaN included): their reprs are equal."""
    return repr(a) == repr(b)


class Counting:
    """A compute function that counts its calls."""

    def __init__(self, result=None):
        self.calls = 0
        self.result = RESULT if result is None else result

    def __call__(self, job):
        self.calls += 1
        return self.result


def entry(folder: Path, job=JOB) -> Path:
    return cache.entry_path(folder, cache.key_of(job))


def fill(folder: Path, job=JOB, result=None) -> Path:
    """Write the intact entry of ``job`` to ``folder``; its path."""
    cache.cached(Counting(result), job, folder)
    path = entry(folder, job)
    assert path.is_file()
    return path


def test_round_trip_computes_once(tmp_path):
    compute = Counting()
    first = cache.cached(compute, JOB, tmp_path)
    second = cache.cached(compute, JOB, tmp_path)
    assert compute.calls == 1
    assert same(first, RESULT) and same(second, RESULT)
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()] == [
        f"{cache.key_of(JOB)[:2]}/{cache.key_of(JOB)}.json"]


def test_entry_is_json_with_envelope(tmp_path):
    path = fill(tmp_path)
    data = json.loads(path.read_text(encoding="ascii"))
    assert set(data) == {"schema", "key", "sha256", "payload"}
    assert data["schema"] == cache.SCHEMA and data["key"] == cache.key_of(JOB)
    assert data["sha256"] == hashlib.sha256(cache.canonical(data["payload"])).hexdigest()


def test_tuples_dicts_and_special_floats_round_trip_exactly(tmp_path):
    cache.cached(Counting(), JOB, tmp_path)
    back = cache.cached(Counting({}), JOB, tmp_path)
    assert same(back, RESULT)
    assert type(back["matches"][0]) is tuple and type(back["quotes"][0]) is dict
    assert list(back["measures"][0]) == ["z_last", "a_first", "inf", "ninf", "text"]  # column order kept
    assert math.isnan(back["measures"][0]["a_first"]) and math.copysign(1, back["matches"][1][3]) == -1
    assert list(back) == list(RESULT)  # table order kept


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                   st.text(st.characters(exclude_categories=())))  # surrogates included
TABLE = st.one_of(st.lists(st.lists(SCALAR, max_size=4).map(tuple), max_size=4),
                  st.lists(st.dictionaries(st.text(max_size=5), SCALAR, max_size=4), max_size=4))
RESULTS = st.dictionaries(st.text(max_size=8), TABLE, max_size=5)


@settings(max_examples=150, deadline=None)
@given(RESULTS)
def test_any_plain_result_round_trips_exactly(result):
    with tempfile.TemporaryDirectory() as folder:
        first = cache.cached(Counting(result), JOB, Path(folder))
        compute = Counting({"never": []})
        back = cache.cached(compute, JOB, Path(folder))
        assert compute.calls == 0
        assert same(first, result) and same(back, result)


@settings(max_examples=150, deadline=None)
@given(RESULTS, st.text(max_size=70))
def test_envelope_is_the_canonical_json_of_the_entry(result, key):
    """The entry written (built from the payload's JSON encoded once) is the canonical JSON of the whole entry."""
    payload = cache.encode(result)
    whole = {"schema": cache.SCHEMA, "key": key, "payload": payload,
             "sha256": hashlib.sha256(cache.canonical(payload)).hexdigest()}
    assert cache.envelope(key, payload) == cache.canonical(whole)


def flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]


def reenvelope(path: Path, **change) -> bytes:
    data = json.loads(path.read_text(encoding="ascii"))
    return cache.canonical({**data, **change})


CORRUPTIONS = {
    "flipped byte": lambda path: flip(path.read_bytes()),
    "truncated": lambda path: path.read_bytes()[: len(path.read_bytes()) // 2],
    "empty": lambda path: b"",
    "random bytes": lambda path: os.urandom(300),
    "wrong checksum": lambda path: reenvelope(path, sha256="0" * 64),
    "changed payload": lambda path: reenvelope(path, payload=[{"table": "quotes", "tuples": False, "rows": []}]),
    "wrong schema": lambda path: reenvelope(path, schema=cache.SCHEMA + 1),
    "wrong key": lambda path: reenvelope(path, key="f" * 64),
    "not canonical": lambda path: path.read_bytes() + b" ",
    "not an entry": lambda path: b'{"a": 1}',
    "deep nesting": lambda path: b"[" * 100_000,
    "long integer": lambda path: b"9" * 10_000,
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupt_entry_is_recomputed_counted_and_repaired(tmp_path, corruption):
    path = fill(tmp_path)
    intact = path.read_bytes()
    path.write_bytes(CORRUPTIONS[corruption](path))
    assert path.read_bytes() != intact
    before = cache.corrupt_entries()
    compute = Counting()
    assert same(cache.cached(compute, JOB, tmp_path), RESULT)
    assert compute.calls == 1
    assert cache.corrupt_entries() == before + 1
    assert path.read_bytes() == intact  # repaired
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]  # no temporary file left
    compute = Counting()
    assert same(cache.cached(compute, JOB, tmp_path), RESULT) and compute.calls == 0


def test_entry_of_another_job_is_not_used(tmp_path):
    other = ("b.txt", *JOB[1:])
    path = fill(tmp_path, other, {"t": [("other",)]})
    entry(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    entry(tmp_path).write_bytes(path.read_bytes())
    before = cache.corrupt_entries()
    assert same(cache.cached(Counting(), JOB, tmp_path), RESULT)
    assert cache.corrupt_entries() == before + 1


def test_one_warning_per_process(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cache, "_warned", False)
    monkeypatch.setattr(cache, "_corrupt", 0)
    jobs = [(f"{i}.txt", *JOB[1:]) for i in range(3)]
    for job in jobs:
        fill(tmp_path, job).write_bytes(b"garbage")
    capsys.readouterr()
    for job in jobs:
        assert same(cache.cached(Counting(), job, tmp_path), RESULT)
    err = capsys.readouterr().err
    assert err.count("annotation cache:") == 1
    assert f"1 corrupt entry in {tmp_path} was recomputed" in err
    assert cache.corrupt_entries() == 3


def test_a_missing_entry_is_not_corrupt(tmp_path):
    before = cache.corrupt_entries()
    cache.cached(Counting(), JOB, tmp_path)
    assert cache.corrupt_entries() == before


class Planted:
    """Unpickling this creates ``marker`` (a stand-in for any code an attacker would run)."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_planted_pickles_never_run(tmp_path):
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(Planted(proof)))  # the payload is live: unpickling it runs code
    assert proof.exists()
    folder, marker = tmp_path / "cache", tmp_path / "marker"
    bomb = pickle.dumps(Planted(marker), protocol=4)
    new = entry(folder)
    new.parent.mkdir(parents=True)
    old = new.with_suffix(".pkl")
    old.write_bytes(bomb)
    new.write_bytes(bomb)
    compute = Counting()
    assert same(cache.cached(compute, JOB, folder), RESULT) and compute.calls == 1
    old_result = cache.cached(Counting(), JOB, folder)
    assert same(old_result, RESULT)
    assert not marker.exists()
    assert old.read_bytes() == bomb  # ignored, never read nor removed


def test_a_fifo_or_directory_at_the_entry_path_does_not_block_or_crash(tmp_path):
    path = entry(tmp_path)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert same(cache.cached(Counting(), JOB, tmp_path), RESULT)
    assert path.is_file()
    path.unlink()
    path.mkdir()
    assert same(cache.cached(Counting(), JOB, tmp_path), RESULT)


def test_unwritable_or_full_cache_only_costs_the_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    compute = Counting()
    assert same(cache.cached(compute, JOB, blocker / "cache"), RESULT)
    assert same(cache.cached(compute, JOB, blocker / "cache"), RESULT) and compute.calls == 2

    def full(path, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache, "write_atomic", full)
    assert same(cache.cached(Counting(), JOB, tmp_path / "cache"), RESULT)
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_read_only_entry_folder(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root writes to read-only folders")
    path = fill(tmp_path)
    path.write_bytes(b"garbage")
    path.parent.chmod(0o555)
    try:
        assert same(cache.cached(Counting(), JOB, tmp_path), RESULT)
    finally:
        path.parent.chmod(0o755)


def test_results_the_cache_cannot_restore_are_computed_not_stored(tmp_path):
    class Number(float):
        pass

    for result in ({"t": [(Number(1.5),)]}, {"t": [(1,), {"a": 1}]}, {"t": [{1: "int column"}]}, {"t": [((1, 2),)]},
                   {"t": ((1,),)}, {"t": [(10 ** 5000,)]}):
        compute = Counting(result)
        assert cache.cached(compute, JOB, tmp_path) is result
        assert cache.cached(compute, JOB, tmp_path) is result and compute.calls == 2
        assert not list(tmp_path.rglob("*.json"))


def test_key_covers_job_and_code_version(monkeypatch):
    key = cache.key_of(JOB)
    assert key == cache.key_of(JOB) and len(key) == 64
    assert len({cache.key_of((1,)), cache.key_of((1.0,)), cache.key_of((True,)), cache.key_of(("1",)),
                cache.key_of((None,)), cache.key_of((float("nan"),))}) == 6
    assert cache.key_of(("a", "b")) != cache.key_of(("ab",)) != cache.key_of((["a", "b"],))
    with pytest.raises(TypeError):
        cache.key_of(({"a": 1},))
    with pytest.raises(TypeError):
        cache.key_of((object(),))
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert cache.key_of(JOB) != key


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000),
                 st.integers(0, 10_000).map(lambda i: ("flip", i)),
                 st.integers(0, 10_000).map(lambda i: ("cut", i))))
def test_any_bytes_at_the_entry_path_give_the_computed_result(content):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = fill(folder)
        intact = path.read_bytes()
        if isinstance(content, tuple):
            how, at = content
            at %= len(intact)
            content = intact[:at] + bytes([intact[at] ^ 0xFF]) + intact[at + 1:] if how == "flip" else intact[:at]
        path.write_bytes(content)
        compute = Counting()
        assert same(cache.cached(compute, JOB, folder), RESULT)
        assert compute.calls == (content != intact)
        assert path.read_bytes() == intact


def test_pipeline_with_cache_equals_pipeline_without(tmp_path, monkeypatch):
    monkeypatch.setenv("S400_CACHE", "off")
    fresh = annotate.annotations(load_corpus(SEEDS))
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    filled = annotate.annotations(load_corpus(SEEDS))
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 5 * (len(annotate.STAGES) + 1)  # + the loaded article
    calls = []
    real = annotate.cache.cached

    def spy(compute, job, folder, version=None, keep=None):
        return real(lambda j: calls.append(j) or compute(j), job, folder, version, keep)

    monkeypatch.setattr(annotate.cache, "cached", spy)
    read = annotate.annotations(load_corpus(SEEDS))
    assert calls == []  # every stage of every article read back, none computed
    for name in annotate.TABLES:
        for run in (filled, read):
            assert_frame_equal(getattr(run, name), getattr(fresh, name), check_exact=True)


def test_warm_up_covers_exactly_the_stages_the_sample_misses(tmp_path, monkeypatch):
    """Before forking, only the stages whose entries the first jobs miss are warmed up (a rerun: none; after one
    stage's entry is gone: that stage); the results do not depend on it (the workers load what they miss)."""
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    corpus = load_corpus(SEEDS)
    english = corpus.english.sort_values("file", kind="stable")
    by_file: dict[str, list] = {}
    for r in corpus.sentences.sort_values(["file", "start"], kind="stable").itertuples():
        by_file.setdefault(r.file, []).append((int(r.start), int(r.end), str(r.kind), int(r.sentence_id), r.text))
    jobs = [annotate.article_job(a, by_file.get(a["file"], [])) for a in english.to_dict("records")]
    folder = annotate.cache.cache_dir()
    every = {name for name, _, _ in annotate.STAGES}
    assert annotate._missing_stages(jobs, folder) == every == annotate._missing_stages(jobs, None) == set(annotate._WARM)
    annotate.annotations(corpus)
    assert annotate._missing_stages(jobs, folder) == set()
    versions = annotate.entry_versions()
    annotate.cache.entry_path(folder, annotate.cache.key_of(("quotes", annotate.job_digest(jobs[0])), versions["quotes"])).unlink()  # one stage entry gone
    assert annotate._missing_stages(jobs, folder) == {"quotes", *annotate.BY_CONTENT}  # and the stages keyed by content
    annotate._warm_up(every)  # every stage's warm-up runs


def test_loaded_articles_are_cached_and_equal(tmp_path, monkeypatch):
    """A corpus loaded from the cache equals one loaded afresh, table for table; a rerun loads nothing again."""
    from helpers.corpus import load as loading

    monkeypatch.setenv("S400_CACHE", "off")
    fresh = load_corpus(SEEDS)
    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    first = load_corpus(SEEDS)
    calls = []
    real = loading.load_article
    monkeypatch.setattr(loading, "load_article", lambda job: calls.append(job[0]["file"]) or real(job))
    again = load_corpus(SEEDS)
    assert calls == []
    for name in ("articles", "paragraphs", "sentences", "removed", "problems"):
        for run in (first, again):
            assert_frame_equal(getattr(run, name), getattr(fresh, name), check_exact=True)
    assert again.fingerprint == fresh.fingerprint


def test_an_article_left_out_for_time_is_not_cached(tmp_path, monkeypatch):
    from helpers.corpus import load as loading

    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("S400_ARTICLE_SECONDS", "0.000001")
    slow = load_corpus(SEEDS)
    assert len(slow.analysed) < 5 and slow.problems["problem"].str.startswith("took longer than").any()
    left_out = set(slow.problems.loc[slow.problems["problem"].str.startswith("took longer than"), "file"])
    monkeypatch.setenv("S400_ARTICLE_SECONDS", "60")
    calls = []
    real = loading.load_article
    monkeypatch.setattr(loading, "load_article", lambda job: calls.append(job[0]["file"]) or real(job))
    assert len(load_corpus(SEEDS).analysed) == 5
    assert set(calls) == left_out  # tried again; the others came from the cache
