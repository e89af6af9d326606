"""Analysis results cached whole, so a rerun of a notebook on an unchanged corpus reads its tables instead of
recomputing bootstraps, permutation tests and keyword-in-context scans (:func:`memoized`).

In:  an analysis function whose arguments are a loaded corpus, DataFrames and plain values, and which returns a
DataFrame (or a tuple of them).  Out: the same function, whose result is stored in the cache folder
(:func:`helpers.cache.write_tables`) under a key made of the function, the version of its code and knowledge
files (:mod:`helpers.versions`: its module and every package module it imports; the frame dictionary counted by
its frame ids, :func:`knowledge_views`), and its arguments: the loaded
corpus's key (:func:`helpers.corpus.load.load_corpus`), each DataFrame's content hash
(:func:`helpers.cache.frame_digest`) and the plain values. A call whose arguments cannot be keyed (a corpus built
by hand, a list of tables) or whose result is not such tables is simply computed. ``S400_CACHE=off`` turns it off.
The results read back are equal, type for type, to the computed ones (checked when they are stored).
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import pandas as pd

from helpers import cache
from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows
from helpers.versions import files_version, stage_files

_PLAIN = (str, int, float, bool, type(None))


#: The frame dictionary (helpers/extract/frames.py reads it); named without the ``DATA / "..."`` form, so that
#: :func:`helpers.versions.stage_files` does not count it for every analysis module (see :func:`knowledge_views`).
DICTIONARY = DATA.joinpath("frames.csv")


def knowledge_views(files: tuple[Path, ...], dictionary: Path = DICTIONARY) -> tuple[tuple[Path, str], ...]:
    """What analysis reads of the knowledge files among ``files`` that annotation interprets, in place of their
    bytes (:func:`helpers.versions.files_version`): of the frame dictionary only its frame ids in order (a test
    checks that no analysis module reads more of it). The frame coding itself comes in as a table whose content
    keys each result, so a dictionary edit that changes no coding (a label, a term no article contains) keeps every
    analysis result. A dictionary that cannot be read counts by its bytes."""
    if dictionary not in files:
        return ()
    try:
        rows = read_rows(dictionary, ("frame",))
    except KnowledgeFileError:
        return ()
    ids = list(dict.fromkeys(row["frame"] for _, row in rows if row["frame"]))  # first appearance, as the loader
    return ((dictionary, "frame ids " + " ".join(ids)),)


def _corpus(value) -> bool:
    """Is ``value`` a loaded corpus (a folder and a memo holding its key)?"""
    return hasattr(value, "folder") and isinstance(getattr(value, "memo", None), dict)


def _part(value):
    """What stands for one argument in the key; raises TypeError for a value that cannot be keyed."""
    if isinstance(value, pd.DataFrame):
        return ["frame", cache.frame_digest(value)]
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, [_part(v) for v in value]]
    if _corpus(value) and value.memo.get("key"):
        return ["corpus", value.memo["key"]]
    raise TypeError(f"cannot key a {type(value).__name__}")


def _slot_part(value):
    """What stands for one argument in the slot: plain values only (tables and the corpus change with the data,
    and a new entry for changed data replaces the old one), the corpus by its folder."""
    if _corpus(value):
        return ["corpus", cache.folder_place(value.folder)]
    return None if isinstance(value, pd.DataFrame) else _part(value)


def memoized(function: Callable) -> Callable:
    """``function`` with its tables cached (see the module)."""
    name = f"{function.__module__}.{function.__qualname__}"
    signature = inspect.signature(function)

    @wraps(function)
    def wrapper(*args, **kwargs):
        folder = cache.cache_dir()
        if folder is None:
            return function(*args, **kwargs)
        try:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()  # f(c, t) and f(c, t, 1000) with 1000 the default are one call: one key
            named = sorted(bound.arguments.items())
            parts = [[k, _part(v)] for k, v in named]
        except TypeError:
            return function(*args, **kwargs)
        where = [[k, _slot_part(v)] for k, v in named]
        slot = f"analysis-{name}-{cache.content_key(where)[:12]}"
        files = stage_files((function.__module__,))
        key = cache.content_key("analysis", name, files_version(files, knowledge_views(files)), parts)
        stored = cache.read_tables(folder, slot, key)
        if stored is not None:
            if set(stored) == {"result"}:
                return stored["result"]
            if stored and all(k.startswith("item") for k in stored):
                return tuple(stored[f"item{i}"] for i in range(len(stored)))
        result = function(*args, **kwargs)
        if isinstance(result, pd.DataFrame):
            cache.write_tables(folder, slot, key, {"result": result})
        elif isinstance(result, tuple) and result and all(isinstance(r, pd.DataFrame) for r in result):
            cache.write_tables(folder, slot, key, {f"item{i}": r for i, r in enumerate(result)})
        return result

    wrapper.uncached = function
    return wrapper
