"""Shared fixtures: small corpora written to a temporary folder."""
from __future__ import annotations

import csv
import io
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

# Tests never read or fill the annotation cache of the working tree; tests of the cache set their own folder.
os.environ["S400_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HEADER = ["file", "outlet", "published", "date_precision", "url", "title", "language", "notes"]

BODY = (
    "India and Russia reaffirmed their defence ties on Monday, officials said in New Delhi.\n\n"
    "The S-400 deliveries are on schedule, the Russian envoy told reporters at the embassy.\n\n"
    "Washington has warned that the purchase could invite sanctions under CAATSA, a law passed in 2017.\n\n"
    "Officials in New Delhi said the country would take its own decision in its national interest.\n"
)


@contextmanager
def data_file_swapped(monkeypatch, module, attribute: str, path: Path, loader):
    """Point ``module.attribute`` (a data file path) at ``path`` for the block, with the file's cached
    ``loader`` cleared on entry and on exit, so neither the test nor the next one sees a stale table."""
    monkeypatch.setattr(module, attribute, path)
    loader.cache_clear()
    try:
        yield
    finally:
        loader.cache_clear()


def article(title: str = "India, Russia reaffirm defence ties", body: str = BODY) -> str:
    return f"{title}\n\n{body}"


@pytest.fixture
def make_corpus(tmp_path):
    """make_corpus({name: str|bytes}, rows=[{file, outlet, published, ...}]) -> folder."""

    def make(files: dict, rows: list[dict] | None = None, manifest: str | None = None) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if manifest is not None:
            (folder / "articles.csv").write_text(manifest, encoding="utf-8")
        elif rows is not None:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: row.get(k, "") for k in HEADER})
            (folder / "articles.csv").write_text(buffer.getvalue(), encoding="utf-8")
        return folder

    return make


def row(file: str, outlet: str = "Test Outlet", published: str = "2021-04-06", **extra) -> dict:
    return {"file": file, "outlet": outlet, "published": published, "language": "en", **extra}


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder
