"""The key facts side by side: which value of each fact the outlets state, the value most of them agree on, and
the outlets that state another, by how much.

In:  the claims table of the annotation (:attr:`helpers.annotate.Annotations.claims`, one row per statement, see
     :mod:`helpers.extract.claims`).
Out: :func:`statements` (every comparable statement with its fact, its value in a common unit and whether it
     agrees with the consensus), :func:`disagreements` (per fact: agree, differ, stated by one outlet or not
     comparable, with the largest difference), :func:`claim_summary` (the figure's table) and
     :func:`claims_by_outlet` (fact x outlet).

Facts: a claim of :data:`helpers.extract.claims.CLAIMS`; counts are split by the quantity they count (regiments or
squadrons, systems, batteries, missiles: never compared across kinds). Values are compared in a common unit: amounts
in US dollar billions where ``claims_currencies.csv`` documents a rate (the rupee at the October 2018 rate), else in
their own currency only; dates as intervals (``2018`` contains ``2018-10``).

Agreement at the precision stated: two amounts agree when they differ by no more than half the step of the less
precise one ("$5 billion", stated to the billion, agrees with "$5.43 billion"; "$5.2 billion" and "$5.43 billion"
are both stated to a tenth or finer and differ by 0.23 bn). The consensus of a fact is the value that agrees with
the most outlets (ties: the most precise, then the smaller); an outlet differs when a statement of it does not agree
with the consensus. Statuses count outlets, never articles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.labels import article_labels
from helpers.analysis.memo import memoized
from helpers.extract.claims import CLAIMS

STATEMENT_COLUMNS = ["fact", "file", "outlet", "published", "article", "value", "compare_unit", "compare_value",
                     "compare_step", "date_start", "date_end", "agrees", "difference", "as_written", "evidence"]
DISAGREEMENT_COLUMNS = ["fact", "status", "outlets", "consensus", "agreeing", "differing", "largest_difference",
                        "differing_outlets", "values"]


def _fact(claim: str, unit: str) -> str:
    if claim != "units":
        return claim
    return "units (which regiment)" if unit.endswith("(ordinal)") else f"units ({unit})"


def _order(facts) -> list[str]:
    def key(fact: str):
        base = fact.split(" (")[0]
        return (CLAIMS.index(base) if base in CLAIMS else len(CLAIMS), fact)
    return sorted(set(facts), key=key)


@memoized
def statements(claims: pd.DataFrame) -> pd.DataFrame:
    """Every comparable statement (:data:`STATEMENT_COLUMNS`), with its fact, its article as ``Outlet, date``, its
    value in a common unit (``compare_unit``, ``compare_value``, ``compare_step``: the precision stated) or, for
    dates, its interval; whether it ``agrees`` with the fact's consensus and the ``difference`` from it (in the
    common unit; days for dates)."""
    comp = claims[claims["comparable"]] if len(claims) else claims
    if comp.empty:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    labels = article_labels(comp.drop_duplicates("file"))
    rows = []
    for r in comp.itertuples(index=False):
        row = {"fact": _fact(r.claim, r.unit), "file": r.file, "outlet": r.outlet, "published": r.published,
               "article": labels[r.file], "value": r.value, "as_written": r.as_written, "evidence": r.evidence,
               "date_start": "", "date_end": "", "compare_unit": r.unit, "compare_value": r.number,
               "compare_step": r.precision if pd.notna(r.precision) else 0.0}
        if pd.notna(r.usd_bn) and r.number:
            row.update(compare_unit="USD bn", compare_value=float(r.usd_bn),
                       compare_step=float(r.precision) * float(r.usd_bn) / float(r.number))
        if r.unit in ("year", "year-month"):
            start = pd.Period(r.value, "M" if r.unit == "year-month" else "Y")
            row.update(compare_unit="date", date_start=start.start_time.strftime("%Y-%m-%d"),
                       date_end=start.end_time.strftime("%Y-%m-%d"))
        rows.append(row)
    table = pd.DataFrame(rows)
    table["agrees"], table["difference"] = True, 0.0
    for (fact, unit), index in table.groupby(["fact", "compare_unit"], sort=True).groups.items():
        part = table.loc[index]
        agrees, difference = _against_consensus(part)
        table.loc[index, "agrees"], table.loc[index, "difference"] = agrees, difference
    table = table.sort_values(["fact", "published", "outlet", "file"], kind="stable", key=lambda c: c.map({f: i for i, f in enumerate(_order(table["fact"]))}) if c.name == "fact" else c)
    return table.reset_index(drop=True)[STATEMENT_COLUMNS]


def _agree_numbers(a: float, step_a: float, b: np.ndarray, step_b: np.ndarray) -> np.ndarray:
    """Whether the value ``a`` (stated to ``step_a``) agrees with each of the values ``b`` (stated to ``step_b``)."""
    return np.abs(a - b) <= np.maximum(step_a, step_b) / 2 + 1e-9


def _distinct_outlets(codes: np.ndarray, hit: np.ndarray) -> int:
    return int(np.count_nonzero(np.bincount(codes[hit], minlength=1)))


def _against_consensus(part: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For the statements of one fact in one unit: whether each agrees with the consensus, and how far it is.

    The consensus is the statement that agrees with the most outlets (ties: the most precise, then the smaller value;
    for dates the narrowest interval; then the first stated). Each distinct value is tried once against all
    statements (vectorised), so the time is the number of statements times the number of distinct values, not the
    square of the statements."""
    codes = pd.factorize(part["outlet"])[0]
    if part["compare_unit"].iloc[0] == "date":
        starts = pd.to_datetime(part["date_start"]).to_numpy()
        ends = pd.to_datetime(part["date_end"]).to_numpy()
        best, best_key = 0, None
        for k in _first_of_each(starts, ends):
            hit = (starts <= ends[k]) & (ends >= starts[k])
            key = (_distinct_outlets(codes, hit), -(ends[k] - starts[k]).astype("timedelta64[D]").astype(int), -k)
            if best_key is None or key > best_key:
                best, best_key = k, key
        agrees = (starts <= ends[best]) & (ends >= starts[best])
        gap = np.maximum((starts - ends[best]).astype("timedelta64[D]").astype(int), (starts[best] - ends).astype("timedelta64[D]").astype(int))
        return agrees, np.where(agrees, 0, np.maximum(gap, 0)).astype(float)
    values = part["compare_value"].to_numpy(dtype=float)
    steps = part["compare_step"].to_numpy(dtype=float)
    best, best_key = 0, None
    for k in _first_of_each(values, steps):
        key = (_distinct_outlets(codes, _agree_numbers(values[k], steps[k], values, steps)), -steps[k], -values[k])
        if best_key is None or key > best_key:
            best, best_key = k, key
    agrees = _agree_numbers(values[best], steps[best], values, steps)
    return agrees, np.where(agrees, 0.0, np.round(values - values[best], 4))


def _first_of_each(a: np.ndarray, b: np.ndarray) -> list[int]:
    """The positions of the first occurrence of each distinct pair ``(a[i], b[i])``, in order."""
    return sorted(pd.DataFrame({"a": a, "b": b}).drop_duplicates().index)


@memoized
def disagreements(claims: pd.DataFrame) -> pd.DataFrame:
    """Per fact with comparable statements (:data:`DISAGREEMENT_COLUMNS`): ``status`` (``agree``: every outlet's
    statements agree with the consensus at the precision stated; ``differ``; ``stated by one outlet``; ``not
    comparable``: statements only in units that cannot be compared, such as currencies without a rate), the
    number of ``outlets`` stating it, the ``consensus`` value and how many outlets ``agree`` with it, the outlets
    that differ and the ``largest_difference`` (with its unit and share of the consensus), and the ``values`` as
    ``Outlet: value`` pairs."""
    table = statements(claims)
    rows = []
    for fact in _order(table["fact"]) if len(table) else []:
        part = table[table["fact"] == fact]
        units = part.groupby("compare_unit")["outlet"].nunique().sort_values(ascending=False, kind="stable")
        unit = units.index[0]
        main = part[part["compare_unit"] == unit]
        n = part["outlet"].nunique()
        consensus = main[main["agrees"]].sort_values("compare_step", kind="stable")
        agreeing = set(main.loc[main["agrees"], "outlet"])
        differing = sorted(set(main.loc[~main["agrees"], "outlet"]))
        if n < 2:
            status = "stated by one outlet"
        elif units.iloc[0] < 2:
            status = "not comparable"
        else:
            status = "differ" if differing else "agree"
        largest = ""
        if differing:
            worst = main.loc[main["difference"].abs().idxmax()]
            base = consensus["compare_value"].iloc[0] if unit != "date" else None
            largest = (f"{abs(worst['difference']):.0f} days" if unit == "date" else
                       f"{abs(worst['difference']):g} {unit}" + (f" ({abs(worst['difference']) / base:.1%})" if base else ""))
        values = "; ".join(f"{o}: {'; '.join(dict.fromkeys(g['value']))}" for o, g in part.groupby("outlet", sort=True))
        rows.append({"fact": fact, "status": status, "outlets": n, "consensus": consensus["value"].iloc[0] if len(consensus) else "",
                     "agreeing": len(agreeing), "differing": len(differing), "largest_difference": largest,
                     "differing_outlets": "; ".join(differing), "values": values})
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


@memoized
def claim_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per fact, readable whatever the number of outlets: ``fact, outlets, main_value`` (the value most
    outlets agree with, and how many; for facts never compared, the value most stated), ``other_values`` (the statements that differ, each with its number of
    outlets and its difference; at most five named), ``status`` and ``disagree``; facts never compared (schedules,
    ordinals) are listed with their most stated value and ``not compared``."""
    columns = ["fact", "outlets", "main_value", "other_values", "status", "disagree"]
    if not len(claims):
        return pd.DataFrame(columns=columns)
    dis = disagreements(claims).set_index("fact")
    table = statements(claims)
    rows = []
    for fact, row in dis.iterrows():
        part = table[(table["fact"] == fact) & ~table["agrees"]]
        others = (part.groupby(["value", "difference"])["outlet"].nunique().reset_index()
                  .sort_values(["outlet", "value"], ascending=[False, True], kind="stable"))
        text = "; ".join(f"{v} ({n}, {d:+g})" for v, d, n in zip(others["value"], others["difference"], others["outlet"]) if True)
        if len(others) > 5:
            text = "; ".join(text.split("; ")[:5]) + f"; {len(others) - 5} more"
        rows.append({"fact": fact, "outlets": int(row["outlets"]), "main_value": f"{row['consensus']} ({int(row['agreeing'])})" if row["consensus"] else "",
                     "other_values": text, "status": row["status"], "disagree": row["status"] == "differ"})
    never = claims[~claims["comparable"]] if len(claims) else claims
    for fact, part in never.groupby(never.apply(lambda r: _fact(r["claim"], r["unit"]), axis=1) if len(never) else [], sort=True):
        counts = part.drop_duplicates(["outlet", "value"]).groupby("value")["outlet"].nunique().sort_values(ascending=False, kind="stable")
        rows.append({"fact": fact, "outlets": int(part["outlet"].nunique()), "main_value": f"{counts.index[0]} ({int(counts.iloc[0])})",
                     "other_values": "; ".join(f"{v} ({n})" for v, n in counts.iloc[1:6].items()), "status": "not compared", "disagree": False})
    out = pd.DataFrame(rows, columns=columns)
    order = {f: i for i, f in enumerate(_order(out["fact"]))}
    return out.sort_values("fact", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


@memoized
def claims_by_outlet(claims: pd.DataFrame) -> pd.DataFrame:
    """Fact x outlet: one row per fact (in :data:`helpers.extract.claims.CLAIMS` order), one column per outlet
    (sorted), each cell the distinct values the outlet's articles state (``; ``-separated, empty when none)."""
    if not len(claims):
        return pd.DataFrame(columns=["fact"])
    table = claims.assign(fact=[_fact(c, u) for c, u in zip(claims["claim"], claims["unit"])])
    outlets = sorted(table["outlet"].unique())
    rows = []
    for fact in _order(table["fact"]):
        part = table[table["fact"] == fact]
        rows.append({"fact": fact, **{o: "; ".join(dict.fromkeys(part.loc[part["outlet"] == o, "value"])) for o in outlets}})
    return pd.DataFrame(rows, columns=["fact", *outlets])
