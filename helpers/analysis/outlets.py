"""Outlets at research scale: a real corpus has dozens of outlets with very unequal shares, so figures and tables
show the outlets with the most articles by name and fold the rest into one "other outlets" group (the CSV beside
each figure keeps every outlet).

In:  the analysed articles (``file, outlet``) and the number of outlets to name.  Out: the ranking, the named
outlets, and tables with an ``outlet`` column folded into those groups.
"""
from __future__ import annotations

import pandas as pd

#: The label of the group that holds every outlet not named in a figure.
OTHER = "other outlets"
#: How many outlets a figure names by default (the notebooks' configuration cells set their own).
TOP_OUTLETS = 12


def ranking(articles: pd.DataFrame) -> list[str]:
    """Outlets by number of articles, most first; ties by name (so the order is the same on every run)."""
    counts = articles.groupby("outlet").size()
    return sorted(counts.index, key=lambda o: (-int(counts[o]), o))


def top(articles: pd.DataFrame, n: int = TOP_OUTLETS) -> list[str]:
    """The ``n`` outlets with the most articles, in ranking order (all of them when there are at most ``n + 1``:
    an "other outlets" group of one outlet would hide a name for nothing)."""
    ranked = ranking(articles)
    return ranked if len(ranked) <= n + 1 else ranked[:n]


def groups(outlets: list[str], named: list[str]) -> list[str]:
    """The groups a figure draws, in order: the named outlets present in ``outlets`` (ranking order), then
    :data:`OTHER` when any other outlet is present."""
    present = set(outlets)
    return [o for o in named if o in present] + ([OTHER] if present - set(named) else [])


def fold(table: pd.DataFrame, named: list[str], column: str = "outlet") -> pd.DataFrame:
    """``table`` with every outlet not in ``named`` replaced by :data:`OTHER` in ``column`` (rows unchanged;
    aggregate afterwards as the measure needs)."""
    return table.assign(**{column: table[column].where(table[column].isin(named), OTHER)})
