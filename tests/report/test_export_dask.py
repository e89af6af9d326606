"""The Dask engine (helpers/parallel.py ``dask_engine``, ``python -m helpers export --engine dask``): a local
``dask.distributed`` cluster of 2 worker processes gives CSV files identical to the local engine's, and the Parquet
files hold the same tables."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from conftest import ROOT
from helpers import parallel
from helpers.__main__ import main
from helpers.files import restore_csv_cells
from helpers.report.export import export


@pytest.fixture()
def two_workers(monkeypatch):
    monkeypatch.setenv("S400_WORKERS", "2")
    monkeypatch.setenv("S400_CACHE", "off")  # both engines compute everything


def test_map_ordered_runs_on_the_cluster_in_input_order(two_workers):
    with parallel.dask_engine() as client:
        assert len(client.scheduler_info()["workers"]) == 2
        assert list(parallel.map_ordered(_square, [])) == []
        assert list(parallel.map_ordered(_square, list(range(50)))) == [i * i for i in range(50)]
        where = set(parallel.map_ordered(_pid, list(range(20))))
    assert os.getpid() not in where and where
    assert list(parallel.map_ordered(_square, [3])) == [9]  # outside the block: local again


def _square(x: int) -> int:
    return x * x


def _pid(_: int) -> int:
    return os.getpid()


def test_dask_engine_writes_the_local_engine_files(two_workers, tmp_path):
    local, dask = tmp_path / "local", tmp_path / "dask"
    counts = export(ROOT / "seeds", local)
    assert main(["export", "--engine", "dask", "--format", "parquet", str(ROOT / "seeds"), str(dask)]) == 0
    csvs = sorted(p.name for p in local.glob("*.csv"))
    assert csvs == sorted(p.name for p in dask.glob("*.csv")) and "quotes.csv" in csvs
    for name in csvs:
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name
    for name, n in counts.items():
        table = pd.read_parquet(dask / f"{name}.parquet")
        from_csv = restore_csv_cells(pd.read_csv(local / f"{name}.csv", dtype=str, keep_default_na=False))
        assert len(table) == n and list(table.columns) == list(from_csv.columns), name
    quotes = pd.read_parquet(dask / "quotes.parquet")
    from_csv = pd.read_csv(local / "quotes.csv", dtype=str, keep_default_na=False)
    for column in ("file", "text", "speaker", "kind"):
        assert quotes[column].tolist() == restore_csv_cells(from_csv)[column].tolist()


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--scheduler", "tcp://127.0.0.1:1", str(ROOT / "seeds"), str(tmp_path)])
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
