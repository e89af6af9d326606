"""The annotation cache: each article's annotation on disk, keyed by its content and the code version, so a rerun
after adding one article annotates that article only.

In:  one article's job (plain data) and the function that annotates it.  Out: its rows, from the cache folder
(``.cache/annotations/`` or ``$S400_CACHE``; ``S400_CACHE=off`` disables it) or computed and stored. The key
covers the article's text and dates and a fingerprint of the code and data files in ``helpers/``, so editing a
dictionary or an extractor invalidates the cache by itself.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from helpers.config import ROOT

HELPERS = ROOT / "helpers"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of every code and data file of ``helpers/``: cached annotations are valid for this version only."""
    digest = hashlib.sha256()
    for path in sorted(HELPERS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(HELPERS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where annotations are cached: ``$S400_CACHE`` (``off`` disables), else ``<repo>/.cache/annotations``."""
    value = os.environ.get("S400_CACHE", "").strip()
    if value.lower() in ("off", "0", "no", "false"):
        return None
    return Path(value) if value else ROOT / ".cache" / "annotations"


def key_of(job: tuple) -> str:
    """The cache key of one article's job: its content and the code version."""
    return hashlib.sha256(pickle.dumps((code_version(), job), protocol=4)).hexdigest()


def cached(compute: Callable[[tuple], dict[str, list]], job: tuple, folder: Path | None) -> dict[str, list]:
    """``compute(job)``, read from ``folder`` when it holds the result of the same job and code version, else
    computed and written there (a failed write only costs the cache)."""
    if folder is None:
        return compute(job)
    key = key_of(job)
    path = folder / key[:2] / f"{key}.pkl"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    result = compute(job)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=4))
        tmp.replace(path)
    except OSError:
        pass  # a read-only or full disk only costs the cache, never the result
    return result
