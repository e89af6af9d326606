#!/usr/bin/env python3
"""The collection's two commands (needs only Python 3.11, pip and git):

    python3 tasks.py run     # set up .venv, run every notebook in order in place, regenerate figures/
    python3 tasks.py run 02  # the same for the notebooks whose names start with 02
    python3 tasks.py test    # set up .venv, run the unit tests and nbval on every notebook

    CORPUS=path/to/articles FIGURES=path/to/out python3 tasks.py run   # your own corpus

Set-up is done on first use by either command: a virtual environment in ``.venv/`` with the pinned
``requirements.txt``, reinstalled only when that file changes. ``CORPUS`` and ``FIGURES`` redirect ``run``
to another folder of articles and of figures (``FIGURES`` defaults to ``out/<corpus folder name>``): the committed
notebooks and figures are then left untouched, and the executed notebooks are saved, with an HTML rendering of
each, in ``FIGURES/notebooks/``. ``test`` always checks the committed seeds and outputs.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
NOTEBOOKS = ROOT / "notebooks"


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def setup() -> None:
    """Create ``.venv`` and install the pinned requirements when missing or changed."""
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing pinned requirements into .venv (first run takes a minute) ...", flush=True)
        started = time.monotonic()
        pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q"]
        subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
        STAMP.write_text(wanted + "\n")
        print(f"Installed in {time.monotonic() - started:.0f} s", flush=True)
    # Make `import helpers` work from notebooks/ and from any working directory inside the venv.
    site = subprocess.run([str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    pth = Path(site) / "s400_collection.pth"
    if not pth.exists() or pth.read_text().strip() != str(ROOT):
        pth.write_text(str(ROOT) + "\n")


def reexec_in_venv(argv: list[str]) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.run([str(PYTHON), str(Path(__file__)), *argv, "--in-venv"], env=env).returncode


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


class NotebookFailed(Exception):
    """A cell failed; the message names the notebook and the cell."""


def execute_notebook(path: Path):
    """Execute one notebook top to bottom in a fresh kernel and return it (not saved).
    Raises :class:`NotebookFailed` naming the notebook and the failing cell."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    failed: dict = {}
    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_error=lambda cell, cell_index, execute_reply: failed.setdefault("index", cell_index))
    try:
        client.execute()
    except CellExecutionError as err:
        index = failed.get("index", "?")
        source = nb.cells[index].source if isinstance(index, int) else ""
        raise NotebookFailed(f"{path.name}, cell {index}:\n{source}\n\n{err}") from None
    nb.metadata = {"kernelspec": nb.metadata.get("kernelspec", {}), "language_info": {"name": "python"}}
    return nb


def _without_iri_checker() -> None:
    """Keep jsonschema (imported by nbformat) from importing the optional ``rfc3987_syntax``, which builds an
    Earley parser when imported: 1.8 s of every ``run`` on this machine. It only checks the "iri" string
    format, which the notebook schema does not use; validation of the notebooks is unchanged."""
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules makes the import fail; jsonschema allows that


def write_notebook(nb, path: Path, html: bool = False) -> None:
    """Save an executed notebook through a temporary file (and its HTML rendering beside it when ``html``)."""
    import nbformat

    from helpers.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, nbformat.writes(nb) + "\n")
    if html:
        from helpers.report.rendering import notebook_html

        write_atomic(path.with_suffix(".html"), notebook_html(nb))


def run(only: list[str] | None = None) -> int:
    """Execute every notebook in order (or only those whose names start with one of ``only``); name the notebook
    and cell on error. On the seeds the notebooks are saved in place; on another corpus they are saved with their
    HTML in ``FIGURES/notebooks/`` and the repository is left as it is."""
    _without_iri_checker()
    from helpers.config import corpus_dir, figures_dir, is_default_corpus, shown
    from helpers.report.notebook import run_summary

    own = not is_default_corpus() or figures_dir().resolve() != (ROOT / "figures").resolve()
    if own and figures_dir().resolve() == (ROOT / "figures").resolve():
        print("FIGURES is the repository's figures/ folder, which holds the seeds' committed figures. "
              "Point FIGURES at another folder for this corpus.", file=sys.stderr)
        return 2
    saved = figures_dir() / "notebooks" if own else NOTEBOOKS
    if not own:
        sys.path.insert(0, str(ROOT / "tools"))
        import nav

        nav.update(NOTEBOOKS)
    total = time.monotonic()
    chosen = [p for p in notebooks() if not only or any(p.stem.startswith(name) for name in only)]

    def timed(path: Path):
        print(f"running {path.relative_to(ROOT)} ...", flush=True)
        started = time.monotonic()
        try:
            return execute_notebook(path), time.monotonic() - started, None
        except NotebookFailed as err:
            return None, time.monotonic() - started, err

    # The notebooks are independent (each reads the corpus itself), so two run at once on a multi-core machine.
    # They start largest first (the size of the saved notebook follows its figures, which take most of the time),
    # so a long notebook does not start last; results are reported and saved in reading order, and a failure
    # stops the run without saving that notebook.
    jobs = max(1, min(2, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        started = {p: pool.submit(timed, p) for p in sorted(chosen, key=lambda p: (-p.stat().st_size, p.name))}
        for path in chosen:
            nb, seconds, error = started[path].result()
            if error is not None:
                print(f"{path.relative_to(ROOT)} FAILED after {seconds:.1f} s\n\n{error}", file=sys.stderr)
                print("\nThat notebook was not saved. Fix the cause above, then run `python3 tasks.py run` again.", file=sys.stderr)
                return 1
            write_notebook(nb, saved / path.name, html=own)
            print(f"ran {path.relative_to(ROOT)} in {seconds:.1f} s", flush=True)
    if not only:
        from helpers.report.reader import reader_for

        pages = reader_for(corpus_dir(), figures_dir() / "reader")
        print(f"annotated reader: {shown(figures_dir() / 'reader')}index.html ({pages} article page(s))", flush=True)
    print(f"{len(chosen)} notebook(s) ran in {time.monotonic() - total:.1f} s (wall); figures in {shown(figures_dir())}"
          + (f"; executed notebooks and their HTML in {shown(saved)}" if own else ""))
    print(run_summary(corpus_dir(), figures_dir()))
    return 0


def test() -> int:
    """Unit tests and nbval against the committed seeds and outputs."""
    env = {k: v for k, v in os.environ.items() if k not in ("CORPUS", "FIGURES")}
    return subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    commands = {"run": run, "test": test}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    if "--in-venv" not in argv:
        setup()
        if not in_venv() or os.environ.get("PYTHONHASHSEED") != "0":
            return reexec_in_venv(argv)
    names = [a for a in argv[1:] if a != "--in-venv"]
    return run(names) if argv[0] == "run" else test()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
