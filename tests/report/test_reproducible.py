"""The collection reproduces itself: a fresh run writes figures byte-identical to the committed ones, and the
same notebooks run on another corpus with no cell edited, leaving the committed figures untouched."""
from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from tasks import execute_notebook, notebooks  # noqa: E402

FIGURES = ROOT / "figures"


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run_all(monkeypatch, corpus=None, figures=None):
    if corpus:
        monkeypatch.setenv("CORPUS", str(corpus))
    if figures:
        monkeypatch.setenv("FIGURES", str(figures))
    return {path.stem: execute_notebook(path) for path in notebooks()}


@pytest.fixture(scope="module")
def committed():
    return digests(FIGURES)


def test_fresh_run_reproduces_committed_figures_byte_for_byte(tmp_path, monkeypatch, committed):
    out = tmp_path / "figures"
    run_all(monkeypatch, figures=out)
    assert digests(out) == committed
    assert digests(FIGURES) == committed


def test_other_corpus_without_editing_a_cell(tmp_path, monkeypatch, committed):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    dropped = rows.pop()  # one article fewer
    (corpus / dropped["file"]).unlink()
    with open(corpus / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "figures"
    run_all(monkeypatch, corpus=corpus, figures=out)
    assert digests(FIGURES) == committed  # committed figures untouched
    with open(out / "index.csv", encoding="utf-8", newline="") as handle:
        index = list(csv.DictReader(handle))
    with open(FIGURES / "index.csv", encoding="utf-8", newline="") as handle:
        committed_index = list(csv.DictReader(handle))
    assert [r["file"] for r in index] == [r["file"] for r in committed_index]
    assert {r["corpus_fingerprint"] for r in index}.isdisjoint({r["corpus_fingerprint"] for r in committed_index})
    with open(out / "00_status.csv", encoding="utf-8", newline="") as handle:
        files = {r["file"] for r in csv.DictReader(handle) if r["status"] == "analysed"}
    assert files == {r["file"] for r in rows} and dropped["file"] not in files


def test_notebooks_are_still_validated_without_the_iri_checker():
    """``tasks.py run`` keeps jsonschema from importing rfc3987-syntax (slow to import); nbformat must still
    accept the collection's notebooks and reject a broken one, and the module must stay unimported."""
    code = (
        "import sys, tasks\n"
        "tasks._without_iri_checker()\n"
        "import nbformat\n"
        "for path in tasks.notebooks():\n"
        "    nbformat.validate(nbformat.read(path, as_version=4))\n"
        "broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "broken.cells[0]['execution_count'] = 'one'\n"
        "try:\n"
        "    nbformat.validate(broken)\n"
        "except nbformat.ValidationError:\n"
        "    print('rejected', sys.modules.get('rfc3987_syntax'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "rejected None", out.stderr
