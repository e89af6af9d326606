"""The fast CSV writer (helpers.report.csvtext) gives pandas's bytes exactly: on random tables of every column type
it handles (property test), on the export's tables, and it declines the types it does not handle."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.report.csvtext import ROWS, csv_chunks
from helpers.report.figures import _unix_line_ends

#: Text with every character the CSV format cares about, and some it does not.
TEXT = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\'=-+@\t;é’—') + ["\u2028", "😀"]), max_size=12)


def pandas_bytes(frame: pd.DataFrame) -> bytes:
    """What write_csv wrote before: pandas with \\n line ends, or with carriage returns quoted (its \\r path)."""
    return _unix_line_ends(frame.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def fast_bytes(frame: pd.DataFrame) -> bytes:
    chunks = csv_chunks(frame)
    assert chunks is not None
    return b"".join(chunks)


@st.composite
def tables(draw):
    n = draw(st.integers(0, 7))
    kinds = draw(st.lists(st.sampled_from(["text", "string", "int", "Int64", "bool", "boolean", "float"]), min_size=1, max_size=4))
    columns = {}
    for k, kind in enumerate(kinds):
        label = draw(st.sampled_from(["c", "a,b", 'q"', "r\rs", "", "n\nl", "é"])) + str(k)
        if kind in ("text", "string"):  # pandas's default text type, and the one with pd.NA for missing
            values = draw(st.lists(st.none() | TEXT, min_size=n, max_size=n))
            columns[label] = pd.array(values, dtype="str" if kind == "text" else pd.StringDtype("python"))
        elif kind == "boolean":
            columns[label] = pd.array(draw(st.lists(st.none() | st.booleans(), min_size=n, max_size=n)), dtype="boolean")
        elif kind == "int":
            columns[label] = np.array(draw(st.lists(st.integers(-2**63, 2**63 - 1), min_size=n, max_size=n)), dtype=np.int64)
        elif kind == "Int64":
            columns[label] = pd.array(draw(st.lists(st.none() | st.integers(-10**12, 10**12), min_size=n, max_size=n)), dtype="Int64")
        elif kind == "bool":
            columns[label] = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
        else:
            columns[label] = np.array(draw(st.lists(st.floats(allow_nan=True, allow_infinity=True)
                                                    | st.sampled_from([0.1, 1.0, 1e-5, 1e16, 123456.789, -0.0]),
                                                    min_size=n, max_size=n)), dtype=np.float64)
    return pd.DataFrame(columns)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_same_bytes_as_pandas(frame):
    assert fast_bytes(frame) == pandas_bytes(frame)


def test_known_answer():
    frame = pd.DataFrame({"text": pd.array(["plain", "a, b", 'say "no"', None, "two\nlines", "cr\rhere"], dtype="str"),
                          "n": [1, 2, 3, 4, 5, 6], "x": [0.5, 1.0, 1e-05, math.nan, math.inf, -0.0],
                          "ok": [True, False, True, True, False, False]})
    assert fast_bytes(frame) == (b'text,n,x,ok\nplain,1,0.5,True\n"a, b",2,1.0,False\n"say ""no""",3,1e-05,True\n'
                                 b',4,,True\n"two\nlines",5,inf,False\n"cr\rhere",6,-0.0,False\n')


def test_a_lone_empty_cell_is_quoted_and_an_empty_table_is_its_header():
    assert fast_bytes(pd.DataFrame({"only": pd.array(["", "x", None], dtype="str")})) == b'only\n""\nx\n""\n'
    assert fast_bytes(pd.DataFrame({"a": pd.array([], dtype="str"), "b": np.array([], dtype=np.int64)})) == b"a,b\n"


def test_large_tables_come_in_chunks_with_the_same_bytes():
    n = ROWS * 2 + 7
    frame = pd.DataFrame({"i": np.arange(n, dtype=np.int64), "t": pd.array(["x,y" if i % 3 else "z" for i in range(n)], dtype="str")})
    chunks = list(csv_chunks(frame))
    assert len(chunks) == 4  # the header, then three chunks of rows
    assert b"".join(chunks) == pandas_bytes(frame)


@pytest.mark.parametrize("column", [pd.Series(["a", 1], dtype=object), pd.Series([1.5], dtype=np.float32),
                                    pd.Series(pd.to_datetime(["2020-01-01"])), pd.Series(["a"], dtype="category")])
def test_other_types_are_left_to_pandas(column):
    assert csv_chunks(pd.DataFrame({"c": column})) is None
    assert csv_chunks(pd.DataFrame({0: [1]})) is None  # a label that is not text
    assert csv_chunks(pd.DataFrame()) is None


@settings(max_examples=200, deadline=None)
@given(tables(), st.lists(st.integers(0, 7), max_size=4), st.booleans())
def test_a_table_written_in_pieces_is_the_table_written_whole(tmp_path_factory, frame, cuts, as_objects):
    """write_csv_pieces of a table cut anywhere (empty pieces too) gives write_csv's bytes of the whole table, on the
    fast path and on pandas's (columns of Python objects, carriage returns quoted)."""
    from helpers.report.figures import write_csv, write_csv_pieces

    if as_objects:
        frame = frame.astype(object)
    folder = tmp_path_factory.mktemp("pieces")
    bounds = [0, *sorted(min(c, len(frame)) for c in cuts), len(frame)]
    write_csv(frame, folder / "whole.csv")
    write_csv_pieces((frame.iloc[a:b] for a, b in zip(bounds, bounds[1:])), folder / "pieces.csv")
    assert (folder / "pieces.csv").read_bytes() == (folder / "whole.csv").read_bytes()
    write_csv_pieces(iter([]), folder / "none.csv", frame.iloc[:0])
    write_csv(frame.iloc[:0], folder / "empty.csv")
    assert (folder / "none.csv").read_bytes() == (folder / "empty.csv").read_bytes()
