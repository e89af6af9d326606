"""The cache of per-article results (each article's annotation stages, and each loaded and cleaned article) on
disk, keyed by its content and the code version, so a rerun after adding one article processes that article only.

In:  one article's job (plain data: strings, numbers, booleans, ``None`` and lists/tuples of those) and the
function that annotates it.  Out: its rows - a dict of table name -> list of rows, each row a tuple or a dict of
str/int/float/bool/None - read from the cache folder (``.cache/annotations/`` or ``$S400_CACHE``;
``S400_CACHE=off`` disables it) or computed and stored there. The key is the SHA-256 of the canonical JSON of
``(code_version(), job)``: it covers the article's text and dates and a fingerprint of the code and data files in
``helpers/``, so editing a dictionary or an extractor invalidates the cache by itself.

One entry is one file, ``<folder>/<key[:2]>/<key>.json``, holding canonical JSON (sorted keys, no spaces, ASCII)::

    {"key": <key>, "payload": [...], "schema": 1, "sha256": <SHA-256 of the canonical JSON of the payload>}

The payload lists the tables in order, each as ``{"table": name, "tuples": true|false, "rows": [...]}``: rows of
a ``tuples`` table are arrays turned back into tuples; other rows are stored as ``[[column, value], ...]`` so that
their column order survives. Floats are written with ``repr`` (exact round trip), NaN and infinities as ``NaN`` and
``Infinity``; a result read back is equal, type for type and in the same order, to the computed one.

What is safe and why:

* nothing read from disk is unpickled or evaluated: an entry is parsed by :func:`json.loads` and checked against
  the format above (types, columns, the key, the schema number, the checksum, and that the file is byte for byte
  the canonical encoding of what it holds). So a planted file cannot run code, and a flipped bit, a truncated or
  half-written file, an entry of another schema or another key is never used: it is recomputed, replaced
  atomically (:func:`helpers.files.write_atomic`) and counted (:func:`corrupt_entries`; one warning per process
  on stderr the first time);
* old ``.pkl`` entries of earlier versions are ignored, never read;
* a cache folder that cannot be read or written (read-only, full disk) only costs the cache, never the result;
  a result that is not such plain rows (a numpy scalar, tables mixing tuples and dicts) is computed each time,
  never stored; a FIFO or device planted at an entry's path is never read from;
* the count and the warning are per process: entries recomputed in the workers of :mod:`helpers.parallel` are
  counted (and reported once) in each worker;
* the checksum detects accidents, not forgery: whoever can write the cache folder can store wrong rows with a
  matching checksum (but no code). Keep the folder as private as the corpus.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from helpers.config import ROOT
from helpers.files import write_atomic

HELPERS = ROOT / "helpers"

#: The version of the entry format; an entry of another version is recomputed.
SCHEMA = 1
#: The suffix of an entry file (earlier versions wrote ``.pkl`` files, which are never read).
SUFFIX = ".json"

#: The types a value in a row (or an item of a job) may have; exact types, so that what is read back is what was
#: computed (a numpy scalar, say, is not cached - it would come back as a Python number).
SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(SCALARS)

_lock = threading.Lock()
_corrupt = 0
_warned = False


class Unfit(ValueError):
    """A value that is not what the cache stores (or an entry that is not what it writes)."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of every code and data file of ``helpers/``: cached annotations are valid for this version only."""
    return package_digest()[:16]


def package_digest(replaced: dict[Path, bytes] | None = None) -> str:
    """The SHA-256 of every code and data file of ``helpers/`` (path and content), a file of ``replaced`` counted
    by the bytes given there instead of its content (a knowledge file by what its readers use of it, say)."""
    replaced = {Path(k).resolve(): v for k, v in (replaced or {}).items()}
    digest = hashlib.sha256()
    for path in sorted(HELPERS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
            content = replaced.get(path.resolve())
            digest.update(path.relative_to(HELPERS).as_posix().encode() + b"\0"
                          + (path.read_bytes() if content is None else content) + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """Where annotations are cached: ``$S400_CACHE`` (``off`` disables), else ``<repo>/.cache/annotations``."""
    value = os.environ.get("S400_CACHE", "").strip()
    if value.lower() in ("off", "0", "no", "false"):
        return None
    return Path(value) if value else ROOT / ".cache" / "annotations"


def corrupt_entries() -> int:
    """How many corrupt entries (unreadable JSON, wrong schema, key or checksum) this process has recomputed."""
    return _corrupt


def canonical(value) -> bytes:
    """The canonical JSON of ``value``: sorted keys, no spaces, ASCII only, floats by ``repr`` (NaN as ``NaN``)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=True).encode("ascii")


def _plain(value) -> None:
    """Raise :class:`TypeError` unless ``value`` is a scalar or a (nested) list/tuple of scalars."""
    if isinstance(value, (list, tuple)):
        for item in value:
            _plain(item)
    elif type(value) not in SCALARS:
        raise TypeError(f"an annotation job is plain data, not {type(value).__name__}")


def key_of(job: tuple, version: str | None = None) -> str:
    """The cache key of one article's job: the SHA-256 of the canonical JSON of ``(version, job)``, where
    ``version`` is the version of the code and knowledge the result depends on (default :func:`code_version`, all
    of ``helpers/``; an annotation stage passes its own, :func:`helpers.versions.stage_versions`).

    ``job`` is plain data (see the module); anything else raises :class:`TypeError`."""
    _plain(job)
    return hashlib.sha256(canonical([version or code_version(), job])).hexdigest()


def entry_path(folder: Path, key: str) -> Path:
    """The file of the entry ``key`` in ``folder``."""
    return folder / key[:2] / f"{key}{SUFFIX}"


def _scalar(value):
    if type(value) not in SCALARS:
        raise Unfit(f"not a scalar: {type(value).__name__}")
    return value


def encode(result: dict[str, list]) -> list:
    """The payload of ``result`` (see the module); :class:`Unfit` for a result the cache cannot restore exactly."""
    if type(result) is not dict:
        raise Unfit("a result is a dict of tables")
    payload = []
    for name, rows in result.items():
        if type(name) is not str or type(rows) is not list:
            raise Unfit("a table is a name and a list of rows")
        tuples = bool(rows) and type(rows[0]) is tuple
        stored = []
        for row in rows:
            if tuples and type(row) is tuple:
                if not _SCALAR_TYPES.issuperset(map(type, row)):
                    raise Unfit("not a scalar: " + ", ".join(sorted({type(v).__name__ for v in row} - {t.__name__ for t in SCALARS})))
                stored.append(list(row))
            elif not tuples and type(row) is dict and all(type(k) is str for k in row):
                stored.append([[k, _scalar(v)] for k, v in row.items()])
            else:
                raise Unfit(f"the rows of table {name!r} are not all tuples or all dicts with str columns")
        payload.append({"table": name, "tuples": tuples, "rows": stored})
    return payload


def decode(payload) -> dict[str, list]:
    """The result a payload holds; :class:`Unfit` for anything :func:`encode` does not write."""
    if type(payload) is not list:
        raise Unfit("a payload is a list of tables")
    result: dict[str, list] = {}
    for table in payload:
        if type(table) is not dict or set(table) != {"table", "tuples", "rows"}:
            raise Unfit("a table has a name, a tuples marker and rows")
        name, tuples, stored = table["table"], table["tuples"], table["rows"]
        if type(name) is not str or name in result or type(tuples) is not bool or type(stored) is not list:
            raise Unfit("bad table")
        rows: list = []
        for row in stored:
            if type(row) is not list:
                raise Unfit("a row is an array")
            if tuples:
                if not _SCALAR_TYPES.issuperset(map(type, row)):  # one C-level pass instead of a call per value
                    raise Unfit("not a scalar")
                rows.append(tuple(row))
                continue
            record = {}
            for pair in row:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str or pair[0] in record:
                    raise Unfit("a dict row is an array of distinct [column, value] pairs")
                record[pair[0]] = _scalar(pair[1])
            rows.append(record)
        result[name] = rows
    return result


def envelope(key: str, payload: list) -> bytes:
    """The file content of the entry ``key`` holding ``payload``."""
    return _envelope_of(key, canonical(payload))


def _envelope_of(key: str, encoded: bytes) -> bytes:
    """:func:`envelope` from the payload's canonical JSON ``encoded`` (encoded once, whatever the reader checks):
    the canonical JSON of ``{"key", "payload", "schema", "sha256"}``, whose keys sort in that order."""
    return b"".join([b'{"key":', canonical(key), b',"payload":', encoded, b',"schema":', canonical(SCHEMA),
                     b',"sha256":', canonical(hashlib.sha256(encoded).hexdigest()), b"}"])


def read_entry(raw: bytes, key: str) -> dict[str, list]:
    """The result held by the entry file content ``raw`` for ``key``; :class:`Unfit` unless it is intact."""
    try:
        entry = json.loads(raw.decode("ascii"))
    except (ValueError, RecursionError) as error:  # not ASCII, not JSON, too deep, an integer too long
        raise Unfit(f"not an entry: {error.__class__.__name__}") from None
    if type(entry) is not dict or set(entry) != {"schema", "key", "sha256", "payload"}:
        raise Unfit("not an entry")
    if type(entry["schema"]) is not int or entry["schema"] != SCHEMA:
        raise Unfit("another schema")
    if entry["key"] != key:
        raise Unfit("another key")
    payload = entry["payload"]
    try:
        encoded = canonical(payload)
        if entry["sha256"] != hashlib.sha256(encoded).hexdigest() or raw != _envelope_of(key, encoded):
            raise Unfit("checksum mismatch")
    except (ValueError, RecursionError):
        raise Unfit("checksum mismatch") from None
    return decode(payload)


def _read(path: Path) -> bytes | None:
    """The content of the file ``path``, or None if it is not a regular file (a FIFO or a device planted there is
    never read from: it could block or never end)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def _report_corrupt(folder: Path) -> None:
    global _corrupt, _warned
    with _lock:
        _corrupt += 1
        if _warned:
            return
        _warned = True
        count = _corrupt
    noun, verb = ("entry", "was") if count == 1 else ("entries", "were")
    try:
        print(f"annotation cache: {count} corrupt {noun} in {folder} {verb} recomputed (further ones are counted "
              "silently: helpers.cache.corrupt_entries())", file=sys.stderr)
    except (OSError, ValueError):
        pass  # no stderr to report on


def lookup(folder: Path, job: tuple, version: str | None = None) -> dict[str, list] | None:
    """The result the entry of ``job`` and ``version`` holds in ``folder`` (see :func:`key_of`), or None when it
    is missing or unreadable; a corrupt entry counts as missing and is reported (:func:`corrupt_entries`)."""
    folder = Path(folder)
    key = key_of(job, version)
    try:
        raw = _read(entry_path(folder, key))
    except OSError:
        return None  # missing, or unreadable: a miss
    try:
        if raw is None:
            raise Unfit("not a regular file")
        return read_entry(raw, key)
    except Unfit:
        _report_corrupt(folder)
        return None


def store(folder: Path, job: tuple, version: str | None, result: dict[str, list]) -> None:
    """Write ``result`` as the entry of ``job`` and ``version`` in ``folder`` (atomically). A result the cache
    cannot restore exactly is not stored; a read-only or full disk only costs the cache."""
    key = key_of(job, version)
    try:
        content = envelope(key, encode(result))
    except (Unfit, ValueError, RecursionError):
        return  # not plain rows (or an integer too long for JSON): computed each time, never cached
    path = entry_path(Path(folder), key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content)
    except OSError:
        pass  # a read-only or full disk only costs the cache, never the result


def cached(compute: Callable[[tuple], dict[str, list]], job: tuple, folder: Path | None,
           version: str | None = None, keep: Callable[[dict[str, list]], bool] | None = None) -> dict[str, list]:
    """``compute(job)``, read from ``folder`` when it holds an intact entry of the same job and code ``version``
    (:func:`lookup`), else computed and written there (:func:`store`; a corrupt entry is replaced and counted).
    ``keep``: whether a computed result may be stored (not one that may come out otherwise next time, such as an
    article left out because it took too long)."""
    if folder is None:
        return compute(job)
    found = lookup(folder, job, version)
    if found is not None:
        return found
    result = compute(job)
    if keep is None or keep(result):
        store(folder, job, version, result)
    return result


# --------------------------------------------------------------------------------------------- whole tables
#: Whole tables (a loaded corpus, an annotation table of a corpus, an analysis result) are cached as one file per
#: entry, ``<folder>/tables/<slot>-<key>.s400t``: the line ``S400TABLES 1``, the canonical JSON of
#: ``{"key", "tables": [{"name", "bytes", "sha256", "json_columns"}]}`` on the next line, then each table as
#: Parquet (pyarrow), in order. Parquet is data only: reading it runs no code. Columns holding lists are stored
#: as JSON text and turned back into lists. An entry is used only when the key, every length and every checksum
#: match; a table that would not come back identical (type for type) is never stored. Writing an entry of a
#: slot (the same thing for the same corpus folder) removes the slot's older entries.
TABLES_MAGIC = b"S400TABLES 1\n"
TABLES_SUFFIX = ".s400t"


def content_key(*parts) -> str:
    """A SHA-256 hex key of plain ``parts`` (canonical JSON)."""
    return hashlib.sha256(canonical(list(parts))).hexdigest()


def folder_place(folder: Path | str) -> str:
    """A short name for a corpus folder in entry names (its resolved path, hashed), so that two corpora's entries
    never replace each other."""
    return content_key(str(Path(folder).resolve()))[:12]


def frame_digest(frame) -> str:
    """A content hash of a DataFrame: its columns, dtypes, index and every value (pandas' row hashes); raises
    TypeError for values pandas cannot hash (lists, say)."""
    import pandas as pd  # noqa: PLC0415 (the per-article cache does not need pandas)

    rows = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    head = canonical([[str(c) for c in frame.columns], [str(t) for t in frame.dtypes], len(frame)])
    return hashlib.sha256(head + rows.tobytes()).hexdigest()


def _tables_path(folder: Path, slot: str, key: str) -> Path:
    return Path(folder) / "tables" / f"{slot}-{key}{TABLES_SUFFIX}"


def _is_list_column(column) -> bool:
    return column.dtype == object and any(isinstance(v, list) for v in column)


def _same_frame(a, b) -> bool:
    """Are ``a`` and ``b`` equal column for column, dtype for dtype and, in object columns, type for type?"""
    if list(a.columns) != list(b.columns) or len(a) != len(b) or [str(t) for t in a.dtypes] != [str(t) for t in b.dtypes]:
        return False
    if not a.index.equals(b.index):
        return False
    for name in a.columns:
        x, y = a[name], b[name]
        if x.dtype == object:
            for u, v in zip(x.tolist(), y.tolist()):
                if type(u) is not type(v) or (u != v and not (u != u and v != v)):
                    return False
        elif not x.equals(y):
            return False
    return True


def _parquet(frame) -> tuple[bytes, list[str]]:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    lists = [str(c) for c in frame.columns if _is_list_column(frame[c])]
    stored = frame.copy() if lists else frame
    for name in lists:
        stored[name] = [json.dumps(v) for v in frame[name]]
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(stored, preserve_index=True), sink)
    return sink.getvalue().to_pybytes(), lists


def _frame_of(blob: bytes, lists: list[str]):
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    frame = pq.read_table(pa.BufferReader(blob)).to_pandas()
    for name in lists:
        frame[name] = [json.loads(v) for v in frame[name]]
    return frame


def write_tables(folder: Path | None, slot: str, key: str, tables: dict) -> bool:
    """Store ``tables`` (name -> DataFrame) as the entry ``key`` of ``slot`` and remove the slot's older entries;
    False (nothing stored) when there is no folder, a table would not come back identical, or the disk refuses."""
    if folder is None:
        return False
    blobs, header = [], []
    try:
        for name, frame in tables.items():
            blob, lists = _parquet(frame)
            if not _same_frame(frame, _frame_of(blob, lists)):
                return False
            blobs.append(blob)
            header.append({"name": name, "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest(), "json_columns": lists})
    except (TypeError, ValueError, ArithmeticError, ImportError, NotImplementedError):  # pyarrow's errors derive from these
        return False
    path = _tables_path(folder, slot, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, b"".join([TABLES_MAGIC, canonical({"key": key, "tables": header}), b"\n", *blobs]))
        for old in path.parent.glob(f"{slot}-*{TABLES_SUFFIX}"):
            if old != path and len(old.name) == len(path.name) and old.is_file() and not old.is_symlink():
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def read_tables(folder: Path | None, slot: str, key: str) -> dict | None:
    """The tables stored as the entry ``key`` of ``slot`` (name -> DataFrame), or None when there is none or it is
    not intact (a damaged entry is counted as corrupt, and replaced when the caller writes it again)."""
    if folder is None:
        return None
    path = _tables_path(folder, slot, key)
    try:
        raw = _read(path)
    except OSError:
        return None
    try:
        if raw is None or not raw.startswith(TABLES_MAGIC):
            raise Unfit("not a table entry")
        end = raw.index(b"\n", len(TABLES_MAGIC))
        header = json.loads(raw[len(TABLES_MAGIC):end].decode("ascii"))
        if type(header) is not dict or header.get("key") != key or type(header.get("tables")) is not list:
            raise Unfit("another key")
        out, at = {}, end + 1
        for table in header["tables"]:
            blob = raw[at:at + int(table["bytes"])]
            at += len(blob)
            if hashlib.sha256(blob).hexdigest() != table["sha256"]:
                raise Unfit("checksum mismatch")
            out[str(table["name"])] = _frame_of(blob, [str(c) for c in table["json_columns"]])
        if at != len(raw):
            raise Unfit("trailing bytes")
        return out
    except (Unfit, ValueError, TypeError, KeyError, RecursionError, NotImplementedError, OSError):
        _report_corrupt(Path(folder))
        return None
