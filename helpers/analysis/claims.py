"""The key facts side by side: which outlets state which value of each claim, and where they disagree.

In:  the claims table of the annotation (:attr:`helpers.annotate.Annotations.claims`, one row per claim, see
     :mod:`helpers.extract.claims`).  Out: :func:`claims_by_outlet` (claim x outlet), :func:`disagreements`
     (per claim: agree, differ or not comparable) and :func:`side_by_side` (the figure's table).
"""
from __future__ import annotations

import pandas as pd

from helpers.extract.claims import CLAIMS


# --------------------------------------------------------------------------------------------- comparison
def _values(rows: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(rows["value"]))


def claims_by_outlet(claims: pd.DataFrame) -> pd.DataFrame:
    """Claim x outlet: one row per claim (in :data:`CLAIMS` order, then others), one column per outlet (sorted),
    each cell the distinct values the outlet's articles state (``; ``-separated, empty when it states none)."""
    if not len(claims):
        return pd.DataFrame(columns=["claim"])
    outlets = sorted(claims["outlet"].unique())
    order = [c for c in CLAIMS if c in set(claims["claim"])] + sorted(set(claims["claim"]) - set(CLAIMS))
    rows = []
    for claim in order:
        part = claims[claims["claim"] == claim]
        rows.append({"claim": claim, **{o: _values(part[part["outlet"] == o]) for o in outlets}})
    return pd.DataFrame(rows, columns=["claim", *outlets])


def disagreements(claims: pd.DataFrame) -> pd.DataFrame:
    """Per claim with comparable statements: ``claim, status, outlets, values``. ``status`` is ``differ`` (two
    outlets state different values in the same unit), ``agree``, ``single outlet``, or ``not comparable`` (only
    different currencies); ``values`` lists ``Outlet: value`` pairs."""
    columns = ["claim", "status", "outlets", "values"]
    comp = claims[claims["comparable"]] if len(claims) else claims
    rows = []
    order = [c for c in CLAIMS if c in set(comp.get("claim", []))] + sorted(set(comp.get("claim", [])) - set(CLAIMS))
    for claim in order:
        part = comp[comp["claim"] == claim]
        outlets = sorted(part["outlet"].unique())
        per_unit = part.groupby("unit")
        differ = any(g["value"].nunique() > 1 and g["outlet"].nunique() > 1 for _, g in per_unit)
        shared_unit = any(g["outlet"].nunique() > 1 for _, g in per_unit)
        if len(outlets) < 2:
            status = "single outlet"
        elif differ:
            status = "differ"
        elif shared_unit:
            status = "agree"
        else:
            status = "not comparable"
        values = "; ".join(f"{o}: {_values(part[part['outlet'] == o])}" for o in outlets)
        rows.append({"claim": claim, "status": status, "outlets": len(outlets), "values": values})
    return pd.DataFrame(rows, columns=columns)


def side_by_side(claims: pd.DataFrame) -> pd.DataFrame:
    """:func:`claims_by_outlet` with the comparison ``status`` of :func:`disagreements` (``not compared`` for
    claims that are never compared) and a boolean ``disagree`` column (status ``differ``)."""
    table = claims_by_outlet(claims)
    status = disagreements(claims).set_index("claim")["status"] if len(claims) else pd.Series(dtype=str)
    table["status"] = [status.get(c, "not compared") for c in table["claim"]]
    table["disagree"] = table["status"] == "differ"
    return table


def claim_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim (in :data:`helpers.extract.claims.CLAIMS` order): ``claim, outlets`` (stating it),
    ``most_stated`` (the value stated by the most outlets, with their number), ``other_values`` (the others, each
    with its number of outlets, most first; at most five named), ``status`` (as :func:`disagreements`; ``not
    compared`` for claims never compared) and ``disagree``. Readable whatever the number of outlets; the claim x
    outlet table is :func:`claims_by_outlet`."""
    columns = ["claim", "outlets", "most_stated", "other_values", "status", "disagree"]
    if not len(claims):
        return pd.DataFrame(columns=columns)
    status = disagreements(claims).set_index("claim")["status"]
    order = [c for c in CLAIMS if c in set(claims["claim"])] + sorted(set(claims["claim"]) - set(CLAIMS))
    rows = []
    for claim in order:
        part = claims[claims["claim"] == claim].drop_duplicates(["outlet", "value"])
        counts = part.groupby("value")["outlet"].nunique().sort_index()
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        top, rest = ranked[0], ranked[1:]
        others = "; ".join(f"{v} ({n})" for v, n in rest[:5]) + (f"; {len(rest) - 5} more" if len(rest) > 5 else "")
        verdict = status.get(claim, "not compared")
        rows.append({"claim": claim, "outlets": int(part["outlet"].nunique()), "most_stated": f"{top[0]} ({top[1]})",
                     "other_values": others, "status": verdict, "disagree": verdict == "differ"})
    return pd.DataFrame(rows, columns=columns)
