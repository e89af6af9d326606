"""Analysis results cached whole, so a rerun of a notebook on an unchanged corpus reads its tables instead of
recomputing bootstraps, permutation tests and keyword-in-context scans (:func:`memoized`).

In:  an analysis function whose arguments are a loaded corpus, DataFrames and plain values, and which returns a
DataFrame (or a tuple of them).  Out: the same function, whose result is stored in the cache folder
(:func:`helpers.cache.write_tables`) under a key made of the function, the version of its code and knowledge
files (:mod:`helpers.versions`: its module and every package module it imports), and its arguments: the loaded
corpus's key (:func:`helpers.corpus.load.load_corpus`), each DataFrame's content hash
(:func:`helpers.cache.frame_digest`) and the plain values. A call whose arguments cannot be keyed (a corpus built
by hand, a list of tables) or whose result is not such tables is simply computed. ``S400_CACHE=off`` turns it off.
The results read back are equal, type for type, to the computed ones (checked when they are stored).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path

import pandas as pd

from helpers import cache
from helpers.versions import files_version, stage_files

_PLAIN = (str, int, float, bool, type(None))


def _part(value):
    """What stands for one argument in the key; raises TypeError for a value that cannot be keyed."""
    if isinstance(value, pd.DataFrame):
        return ["frame", cache.frame_digest(value)]
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, [_part(v) for v in value]]
    key = getattr(value, "memo", {}).get("key") if isinstance(getattr(value, "memo", None), dict) else None
    if key and hasattr(value, "folder"):
        return ["corpus", key]
    raise TypeError(f"cannot key a {type(value).__name__}")


def _place(args: tuple) -> str:
    """The corpus folder among the arguments (so two corpora's results do not replace each other), or ''."""
    for value in args:
        if isinstance(getattr(value, "memo", None), dict) and hasattr(value, "folder"):
            return str(Path(value.folder).resolve())
    return ""


def memoized(function: Callable) -> Callable:
    """``function`` with its tables cached (see the module)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(*args, **kwargs):
        folder = cache.cache_dir()
        if folder is None:
            return function(*args, **kwargs)
        try:
            parts = [[_part(a) for a in args], sorted([k, _part(v)] for k, v in kwargs.items())]
        except TypeError:
            return function(*args, **kwargs)
        plain = [[p for p in parts[0] if not (isinstance(p, list) and p and p[0] in ("frame", "corpus"))],
                 [kv for kv in parts[1] if not (isinstance(kv[1], list) and kv[1] and kv[1][0] in ("frame", "corpus"))]]
        slot = f"analysis-{name}-{cache.content_key(_place(args), plain)[:12]}"
        key = cache.content_key("analysis", name, files_version(stage_files((function.__module__,))), parts)
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
