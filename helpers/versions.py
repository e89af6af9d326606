"""Which code and knowledge files each annotation stage depends on, and a version hash of them, so the cache
(:mod:`helpers.cache`) reruns only the stages whose inputs changed: editing the frame dictionary reruns the
frame coding (and the dated events that read it), never the quotations, dates or claims.

In:  the package's source.  Out: :func:`stage_files` (the files of one stage: the modules it imports, followed
inside ``helpers``, plus every knowledge file ``helpers/data/<name>`` those modules name) and
:func:`stage_versions` (one short hash per stage, covering its files and the versions of the stages it reads).
"""
from __future__ import annotations

import ast
import csv
import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from helpers.config import DATA, ROOT

HELPERS = ROOT / "helpers"
#: A knowledge file named in a module's source (the data folder joined with a quoted file name): a file it reads.
_DATA_FILE = re.compile(r"""\bDATA\s*/\s*["']([^"']+)["']""")


def _module_file(name: str) -> Path | None:
    """The file of a module of the package (a package's ``__init__.py``), or None outside it."""
    if name != "helpers" and not name.startswith("helpers."):
        return None
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _imports(path: Path, module: str) -> frozenset[str]:
    """The package modules ``path`` imports (``from helpers.x import y`` gives ``helpers.x`` and, when it is a
    module, ``helpers.x.y``); imports inside functions count too. Parsed once per process, as :func:`stage_files`
    is kept: each of its calls walks the same modules again (a notebook asks for a dozen stages: 160 parses of 46
    files)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(name for name in found if _module_file(name) is not None)


@lru_cache(maxsize=None)
def stage_files(modules: tuple[str, ...]) -> tuple[Path, ...]:
    """Every file the result of code in ``modules`` can depend on: the modules' files and those of every package
    module they import, transitively (a package is its ``__init__.py`` and what that imports), plus the knowledge
    files in ``helpers/data/`` their sources name. Sorted."""
    seen: set[str] = set()
    todo = list(modules)
    files: set[Path] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            continue
        files.add(path)
        todo.extend(_imports(path, name) - seen)
    for path in list(files):
        for data in _DATA_FILE.findall(path.read_text(encoding="utf-8")):
            if (DATA / data).is_file():
                files.add(DATA / data)
    return tuple(sorted(files))


def file_content(path: Path) -> bytes:
    """What results can depend on in the file ``path``: a knowledge CSV (``helpers/data/*.csv``) with each value of
    its ``note`` column, if it has one, reduced to whether there is a note (notes are documentation for the
    researcher; no code reads them, a test checks; a row holding only a note is still not a blank row), any other
    file as it is. A file the CSV reader cannot read counts as it is."""
    data = path.read_bytes()
    if path.suffix != ".csv" or path.parent != DATA:
        return data
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig").replace("\r\n", "\n"))))
    except (UnicodeDecodeError, csv.Error):
        return data
    if not rows or "note" not in [c.strip() for c in rows[0]]:
        return data
    k = [c.strip() for c in rows[0]].index("note")
    out = io.StringIO()  # a note counts only as being there or not: a row with nothing but a note is not blank
    csv.writer(out, lineterminator="\n").writerows(
        [*row[:k], "note" if len(row) > k and row[k].strip() else "", *row[k + 1:]] for row in rows)
    return out.getvalue().encode("utf-8")


def files_version(files: tuple[Path, ...], contents: tuple[tuple[Path, str], ...] = ()) -> str:
    """A short hash of the names and contents (:func:`file_content`) of ``files``; a file named in ``contents``
    counts by the digest given there instead (what of it a result depends on, such as the frame dictionary's terms)."""
    given = dict(contents)
    digest = hashlib.sha256()
    for path in files:
        data = given[path].encode() if path in given else file_content(path)
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def stage_versions(stages: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...], glue: Path,
                   contents: tuple[tuple[Path, str], ...] = ()) -> dict[str, str]:
    """One version per stage ``(name, modules, upstream stage names)``, in order: the hash of its files
    (:func:`stage_files` of its modules, and ``glue``: the file every stage runs through, whose own bytes count for
    every stage but not the modules it imports; ``contents`` as in :func:`files_version`) and of its upstream
    stages' versions."""
    versions: dict[str, str] = {}
    for name, modules, upstream in stages:
        own = files_version(tuple(sorted({*stage_files(tuple(sorted(modules))), glue})), contents)
        versions[name] = hashlib.sha256(" ".join([name, own, *(versions[u] for u in upstream)]).encode()).hexdigest()[:16]
    return versions
