"""Writing outputs safely: every file is written to a temporary file in the same folder and moved into place, so
an interrupted run leaves the previous complete file or the new one, never half of one.

In:  a path and its content (bytes, text, or a function that writes to a path).  Out: the file, replaced at once.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, content: bytes | str | Callable[[Path], None], encoding: str = "utf-8") -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename it over ``path``.

    ``content`` is bytes, text (written with ``encoding`` and ``\\n`` line ends as given) or a function that writes
    the temporary path it is given (e.g. ``lambda p: frame.to_csv(p)``). The temporary file is removed if
    anything fails."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            elif isinstance(content, str):
                out.write(content.encode(encoding))
        if callable(content):
            content(tmp)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # as an ordinary new file would be
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
