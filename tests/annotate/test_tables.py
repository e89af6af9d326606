"""helpers.tables: DataFrames built piece by piece equal the DataFrame of all rows at once."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import tables

_CELL = st.one_of(st.none(), st.integers(-5, 5), st.booleans(), st.text("ab", max_size=2), st.floats(allow_nan=False, width=32))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from([_CELL, st.integers(0, 3), st.text("xy", max_size=1)]).flatmap(lambda s: s),
                                   st.one_of(st.none(), st.text("cd", max_size=2))), max_size=4), max_size=8),
       st.integers(1, 4), st.booleans())
def test_build_tables_equals_one_dataframe_of_all_rows(articles, chunk, drop_rows):
    """Whatever the column types each piece comes out with (mixed, empty, missing), the table equals the DataFrame
    of all rows at once, sorted by file as the annotation's tables are: from the kept rows, or, with ``again``, from
    the results given again, which are asked for only when the pieces disagree."""
    def shape(rows):
        return pd.DataFrame(rows, columns=["file", "x", "y"]).sort_values("file", kind="stable").reset_index(drop=True)

    results = [{"t": [(f"f{k:02d}", x, y) for x, y in rows]} for k, rows in enumerate(articles)]
    everything = shape([r for result in results for r in result["t"]])
    asked_again = []

    def again():
        asked_again.append(True)
        return iter(results)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "CHUNK", chunk)
        built = tables.build_tables(iter(results), {"t": shape}, again=again if drop_rows else None)["t"]
    pd.testing.assert_frame_equal(built, everything, check_exact=True)
    pieces = [shape(r) for lo in range(0, len(results), chunk) if (r := [x for res in results[lo:lo + chunk] for x in res["t"]])]
    agree = len({tuple(map(str, p.dtypes)) for p in pieces}) <= 1
    assert asked_again == ([] if agree or not drop_rows else [True])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 9), st.text("ab", max_size=3)), max_size=4), max_size=8), st.integers(1, 4))
def test_typed_pieces_equal_one_dataframe_of_all_rows(articles, chunk):
    """With a shape that casts to a schema (the loader's paragraphs and sentences), pieces are joined without keeping
    rows and equal the table of all rows at once."""
    def shape(rows):
        return pd.DataFrame(rows, columns=["file", "x", "y"]).astype({"file": "str", "x": "int64", "y": "str"})

    results = [{"t": [(f"f{k:02d}", x, y) for x, y in rows]} for k, rows in enumerate(articles)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "CHUNK", chunk)
        built = tables.build_tables(iter(results), {"t": shape}, typed=True)["t"]
    pd.testing.assert_frame_equal(built, shape([r for result in results for r in result["t"]]), check_exact=True)


def test_typed_pieces_that_disagree_raise_instead_of_guessing(monkeypatch):
    monkeypatch.setattr(tables, "CHUNK", 1)
    results = [{"t": [("a", 1)]}, {"t": [("b", None)]}]  # a shape that does not cast: int64, then object
    with pytest.raises(TypeError, match="different column types"):
        tables.build_tables(iter(results), {"t": lambda rows: pd.DataFrame(rows, columns=["file", "x"])}, typed=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 9), st.none() | st.text("ab,\"'=", max_size=3), st.booleans() | st.none()), max_size=4), max_size=8),
       st.integers(1, 4))
def test_spooled_pieces_give_the_table_back(tmp_path_factory, articles, chunk):
    """A spooled table's pieces, read back from its files, are the pieces made, in order, with their column types
    (a column all missing in one piece included); their rows are those of the table of all rows at once; pieces
    whose types differ come back joined, as one."""
    def shape(rows):
        return pd.DataFrame(rows, columns=["file", "x", "y", "z"]).astype({"file": "str", "x": "int64"})

    folder = tmp_path_factory.mktemp("spool")
    results = [{"t": [(f"f{k:02d}", x, y, z) for x, y, z in rows]} for k, rows in enumerate(articles)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "CHUNK", chunk)
        spooled = tables.build_tables(iter(results), {"t": shape}, spool={"t": folder})["t"]
    made = [shape(r) for lo in range(0, len(results), chunk) if (r := [x for res in results[lo:lo + chunk] for x in res["t"]])]
    assert isinstance(spooled, tables.Spooled) and len(spooled.stored) == len(made)
    assert len(spooled) == sum(map(len, made))
    back = list(spooled.pieces())
    if len({tuple(map(str, m.dtypes)) for m in made}) <= 1:
        assert len(back) == len(made)
        for got, want in zip(back, made):
            pd.testing.assert_frame_equal(got, want, check_exact=True)
    else:
        assert len(back) == 1
        pd.testing.assert_frame_equal(back[0], pd.concat(made, ignore_index=True), check_exact=True)
    whole = spooled.frame()
    assert whole[["file", "x"]].equals(shape([r for result in results for r in result["t"]])[["file", "x"]])


def test_a_piece_arrow_cannot_store_is_kept_in_memory(tmp_path):
    spooled = tables.build_tables(iter([{"t": [("a", 1), ("b", "two")]}]), {"t": lambda rows: pd.DataFrame(rows, columns=["file", "x"])},
                                  spool={"t": tmp_path})["t"]
    assert list(tmp_path.iterdir()) == [] and len(spooled) == 2
    assert spooled.frame()["x"].tolist() == [1, "two"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.text("ab’é", max_size=3)), max_size=5), min_size=1, max_size=5),
       st.data())
def test_take_list_equals_pandas_take_on_a_column_of_many_chunks(pieces, data):
    """take_list (chunk by chunk) gives pandas' own ``take(...).tolist()``: the same values, missing ones
    included, of the same Python types, in the order asked, repeats and all (negative positions count from the
    end, as in pandas); on one chunk and on several."""
    column = pd.concat([pd.Series(p, dtype="str") for p in pieces], ignore_index=True)
    assert len(pieces) == 1 or column.array._pa_array.num_chunks > 1 or not len(column)
    positions = data.draw(st.lists(st.integers(-len(column), len(column) - 1), max_size=12) if len(column) else st.just([]))
    expected = column.take(positions).tolist()
    got = tables.take_list(column, positions)
    assert [(type(v), v if v == v else "nan") for v in got] == [(type(v), v if v == v else "nan") for v in expected]
    numbers = pd.Series(range(len(column)), dtype="int64")
    assert tables.take_list(numbers, positions) == numbers.take(positions).tolist()
