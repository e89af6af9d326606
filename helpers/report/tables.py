"""Tables a reader can read: the first rows of a table, at most about eight columns, percentages with one decimal
and counts with thousands separators, and a sentence saying how many rows there are and where the full table is.

In:  a tidy DataFrame and how to show it.  Out: a :class:`Shown` table that a notebook displays (HTML and plain
text, both deterministic for the stored outputs).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

#: Rows shown by default.
TOP_ROWS = 15
#: Columns shown at most; the rest stay in the full table.
MAX_COLUMNS = 8
#: Characters of a text cell shown at most (the full text is in the saved table).
MAX_TEXT = 100


@dataclass
class Shown:
    """What a notebook cell displays: a note and the formatted first rows."""

    note: str
    table: pd.DataFrame

    def _repr_html_(self) -> str:
        note = f"<p><em>{html.escape(self.note)}</em></p>\n"
        return note if self.table.empty else note + self.table.to_html(index=False, escape=True, na_rep="")

    def __repr__(self) -> str:
        return self.note if self.table.empty else self.note + "\n" + self.table.to_string(index=False, na_rep="")


def _count(value) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def _percent(value) -> str:
    return "" if pd.isna(value) else f"{100 * float(value):.1f}%"


def _number(value) -> str:
    return "" if pd.isna(value) else f"{float(value):,.2f}"


def _text(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1].rstrip() + "…"


def show(table: pd.DataFrame, what: str, columns: list[str] | None = None, top: int = TOP_ROWS,
         percent: tuple[str, ...] = (), where: str = "") -> Shown:
    """The first ``top`` rows of ``table`` (in its order) and at most :data:`MAX_COLUMNS` of ``columns`` (default:
    its first ones), formatted: integer columns with thousands separators, ``percent`` columns (shares 0-1) as
    percentages with one decimal, other numbers with two decimals, text cut at :data:`MAX_TEXT` characters. ``what`` names a row ("outlet", "quotation")
    for the note; ``where`` says where the full table is (e.g. ``figures/01_quotes.csv``)."""
    columns = list(columns or table.columns)[:MAX_COLUMNS]
    part = table[columns].head(top).copy()
    for column in columns:
        values = part[column]
        if column in percent:
            part[column] = values.map(_percent)
        elif pd.api.types.is_bool_dtype(values):
            part[column] = values.map(lambda v: "yes" if v else "")
        elif pd.api.types.is_integer_dtype(values):
            part[column] = values.map(_count)
        elif pd.api.types.is_float_dtype(values):
            whole = values.dropna()
            part[column] = values.map(_count if len(whole) and (whole == whole.round()).all() and column.startswith(("n_", "articles", "words", "sentences", "mentions")) else _number)
        else:
            part[column] = values.map(_text)
    n = len(table)
    if n == 0:
        note = f"No {what}."
    elif n <= top and len(table.columns) <= len(columns):
        note = f"{n:,} {what}{'' if n == 1 else 's'}."
    else:
        shown_rows = f"the first {min(top, n):,} of {n:,} {what}s" if n > top else f"all {n:,} {what}{'' if n == 1 else 's'}"
        hidden = len(table.columns) - len(columns)
        note = f"Showing {shown_rows}" + (f" and {len(columns)} of {len(table.columns)} columns" if hidden > 0 else "") + "."
        if where:
            note += f" The full table is {where}."
    return Shown(note, part.reset_index(drop=True))
