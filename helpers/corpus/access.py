"""Reading a corpus folder safely: only regular files inside the folder are read, links that leave it are never
followed, nothing blocks (FIFOs, devices and sockets are refused before they are opened) and no file larger than
the limit is read.

In:  a corpus folder and the relative name of a file in it.  Out: the file's bytes, or :class:`Refused` with the
reason and the fix for the problems table; :func:`walk` lists the folder's files (without following links to
folders) and the entries it refuses.

The limit per article is :data:`DEFAULT_LIMIT_MB` megabytes, or ``$S400_MAX_ARTICLE_MB``.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMIT_MB = 5.0
#: The manifest may be larger than an article (a corpus of 100,000 rows), but never unbounded.
MANIFEST_LIMIT_BYTES = 200 * 2**20


class Refused(Exception):
    """A file the loader will not read: ``reason`` and ``fix`` go to the problems table."""

    def __init__(self, reason: str, fix: str):
        super().__init__(reason)
        self.reason = reason
        self.fix = fix


def limit_bytes() -> int:
    """The largest article read, in bytes (``$S400_MAX_ARTICLE_MB``, default :data:`DEFAULT_LIMIT_MB`)."""
    value = os.environ.get("S400_MAX_ARTICLE_MB", "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_LIMIT_MB
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return int(max(megabytes, 0.001) * 2**20)


def printable(name: str) -> str:
    """A file name as it can be shown and written to UTF-8 tables: bytes that are not UTF-8 (kept by Python as
    surrogates) are shown as ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def valid_name(name: str) -> bool:
    """Whether a file name is valid UTF-8 (a name from the disk that is not carries surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(mode: int) -> str:
    return ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file")


def real_root(folder: Path) -> str:
    """The real path of a corpus folder (links resolved): what :func:`read_file` checks a file against. A loader
    that reads many files computes it once and passes it on."""
    return os.path.realpath(folder)


def _inside(folder: Path, rel: str, root: str | None = None) -> str:
    """The real path of ``folder/rel`` if it lies inside ``folder`` (links resolved), else :class:`Refused`;
    ``root``: :func:`real_root` of ``folder`` when the caller has it."""
    if "\0" in rel:
        raise Refused("the file name contains a NUL character; it was not read", "correct the name in 'file'")
    root = real_root(folder) if root is None else root
    if "/" not in rel and rel not in ("", ".", ".."):
        # A plain name (the common case): in the real folder only the name itself can be a link, so when it is not
        # one (or does not exist) its real path is the real folder's path joined with it, without resolving every
        # component of the folder's path again (what os.path.realpath does: 14 system calls per file here).
        candidate = os.path.join(root, rel)
        try:
            if not stat.S_ISLNK(os.lstat(candidate).st_mode):
                return candidate
        except FileNotFoundError:
            return candidate
        except OSError:
            pass  # resolved in full below
    elif not rel or Path(rel).is_absolute() or ".." in Path(rel).parts:
        raise Refused("the path leaves the corpus folder; it was not read",
                      "copy the article into the corpus folder and give its name relative to that folder")
    real = Path(os.path.realpath(folder / rel))
    if real != Path(root) and Path(root) not in real.parents:
        raise Refused("a link that leaves the corpus folder; it was not followed",
                      "copy the article itself into the corpus folder instead of linking to it")
    return str(real)


def read_file(folder: Path, rel: str, limit: int | None = None, root: str | None = None) -> bytes:
    """The bytes of the regular file ``rel`` inside ``folder``, at most ``limit`` bytes (default
    :func:`limit_bytes`); :class:`Refused` for anything else: a path or link leaving the folder, a missing file,
    a FIFO, device, socket or folder, a file over the limit, or one that cannot be read. ``root``:
    :func:`real_root` of ``folder``, when the caller has it."""
    limit = limit_bytes() if limit is None else limit
    real = _inside(folder, rel, root)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise Refused("listed in the manifest but there is no such file",
                      "add the file, correct the name in 'file', or delete the row") from None
    except OSError as err:
        raise Refused(f"cannot be read ({err.strerror})", "check the file's permissions") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"is {_kind(info.st_mode)}, not an article file; it was not read",
                      "save the article as a regular file in the corpus folder")
    if info.st_size > limit:
        raise Refused(f"{info.st_size:,} bytes, over the limit of {limit:,} bytes per article; it was not read",
                      "check that it is one article; to read it anyway, raise S400_MAX_ARTICLE_MB")
    try:
        handle = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as err:
        raise Refused(f"cannot be read ({err.strerror})", "check the file's permissions") from None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # replaced between the checks
            raise Refused("changed while it was read; it was not read", "run again")
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise Refused(f"grew over the limit of {limit:,} bytes while it was read; it was not read", "run again")
    return content


@dataclass
class Listing:
    """The files of a corpus folder: ``files`` (relative POSIX names, sorted) that may be read, and ``refused``
    (name, reason, fix) for entries that will not be: links leaving the folder, FIFOs, devices, sockets, names that
    are not UTF-8."""
    files: list[str]
    refused: list[tuple[str, str, str]]


def walk(folder: Path, skip) -> Listing:
    """List ``folder`` without following links to folders. ``skip(rel_parts, is_dir)`` says which entries are not
    articles (hidden files, assets, the manifest...); they are neither listed nor refused."""
    files, refused = [], []
    root = Path(real_root(folder))
    for current, dirs, names in os.walk(folder, followlinks=False):
        base = Path(current)
        rel_base = base.relative_to(folder)
        for name in sorted(dirs):
            rel = rel_base / name
            if skip(rel.parts, True):
                dirs.remove(name)
            elif os.path.islink(base / name):
                dirs.remove(name)
                real = Path(os.path.realpath(base / name))
                if real != root and root not in real.parents:
                    refused.append((printable(rel.as_posix()), "a link to a folder outside the corpus folder; it was not followed",
                                    "copy the articles themselves into the corpus folder"))
        dirs.sort()
        for name in names:
            rel = rel_base / name
            if skip(rel.parts, False):
                continue
            shown = printable(rel.as_posix())
            if not valid_name(rel.as_posix()):
                refused.append((shown, "the file name is not valid UTF-8, so the manifest cannot name it; it was not read",
                                "rename the file (letters, digits, '-', '_' and '.' are safest)"))
                continue
            try:
                _inside(folder, rel.as_posix(), str(root))
                mode = os.stat(base / name).st_mode
            except Refused as refusal:
                refused.append((shown, refusal.reason, refusal.fix))
                continue
            except OSError as err:
                refused.append((shown, f"cannot be read ({err.strerror})", "check the file or the link"))
                continue
            if stat.S_ISREG(mode):
                files.append(rel.as_posix())
            elif not stat.S_ISDIR(mode):
                refused.append((shown, f"is {_kind(mode)}, not an article file; it was not read",
                                "remove it from the corpus folder"))
    return Listing(sorted(files), sorted(refused))
