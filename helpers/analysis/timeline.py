"""The story in time: when each outlet wrote, groups of mentions of the same event across outlets, and where
outlets date the same milestone differently.

In:  a corpus's analysed articles and the dated mentions of its annotation (:attr:`helpers.annotate.Annotations.events`,
     one row per mention, see :mod:`helpers.extract.events`).
Out:
* :func:`publication_timeline` - one row per analysed article: file, outlet, published, date_precision,
  date_start, date_end (an article known only to its month spans the whole month);
* :func:`group_events` - one row per (group, mention): mentions of the same topic whose intervals overlap
  are one event group (only intervals up to a year long are grouped; a wide "since 2000" stays alone);
* :func:`group_summary` - one row per group: dates the members share, outlets that mention it;
* :func:`milestone_pairs` - one row per pair of mentions of the same milestone by two outlets, agree or
  disagree (intervals overlap or not), with the evidence sentences;
* :func:`densest_period` - the window of N months holding the most narrowly dated mentions;
* :func:`story` - all of the above at once for the notebook.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from helpers.corpus.load import Corpus
from helpers.extract.dates import add_months


def publication_timeline(corpus: Corpus) -> pd.DataFrame:
    """One row per analysed article, in publication order (then file)."""
    columns = ["file", "outlet", "published", "date_precision", "date_start", "date_end"]
    table = corpus.analysed[columns].sort_values(["date_start", "file"], kind="stable").reset_index(drop=True)
    return table


#: Mentions longer than this are not grouped with others (a "since 2000" range would swallow everything).
GROUP_MAX_DAYS = 366
#: A mention joins a group only if it is at most this many times as long as the group's narrowest member
#: (plus 3 days), so that "later this year" does not swallow the day of a meeting.
GROUP_WIDTH_RATIO = 4
#: Mentions up to this long count as "narrowly dated" for the densest period.
NARROW_DAYS = 92


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


def group_events(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per mention with its ``group_id`` and ``outlet``: mentions of the same topic whose intervals
    share at least one day with every other member, and are of comparable length (at most
    :data:`GROUP_WIDTH_RATIO` times the narrowest member + 3 days), form a group (greedy, narrowest first,
    deterministic).
    Groups are numbered by their shared dates, then topic."""
    table = events.merge(articles[["file", "outlet"]], on="file", how="left", validate="many_to_one")
    assert len(table) == len(events), "every event belongs to one article"
    if table.empty:
        return table.assign(group_id=pd.Series(dtype=int), width_days=pd.Series(dtype=int))
    table["width_days"] = [_days(s, e) for s, e in zip(table["date_start"], table["date_end"])]
    order = table.sort_values(["topic", "width_days", "date_start", "file", "event_id"], kind="stable").index
    groups: list[dict] = []
    assignment: dict[int, int] = {}
    for index in order:
        row = table.loc[index]
        target = None
        if row["width_days"] <= GROUP_MAX_DAYS:
            for number, group in enumerate(groups):
                if (group["topic"] == row["topic"] and group["narrow"] and row["date_start"] <= group["end"]
                        and group["start"] <= row["date_end"] and row["width_days"] <= GROUP_WIDTH_RATIO * group["width"] + 3):
                    target = number
                    break
        if target is None:
            groups.append({"topic": row["topic"], "start": row["date_start"], "end": row["date_end"],
                           "narrow": row["width_days"] <= GROUP_MAX_DAYS, "width": row["width_days"]})
            target = len(groups) - 1
        else:
            groups[target]["start"] = max(groups[target]["start"], row["date_start"])
            groups[target]["end"] = min(groups[target]["end"], row["date_end"])
        assignment[index] = target
    ranking = sorted(range(len(groups)), key=lambda g: (groups[g]["start"], groups[g]["end"], groups[g]["topic"]))
    number_of = {g: rank + 1 for rank, g in enumerate(ranking)}
    table["group_id"] = [number_of[assignment[i]] for i in table.index]
    return table.sort_values(["group_id", "date_start", "file", "event_id"], kind="stable").reset_index(drop=True)


def group_summary(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per event group: group_id, topic, date_start/date_end (the days every member allows),
    hull_start/hull_end, mentions, outlets (sorted, '; '-joined), n_outlets, expressions, label."""
    columns = ["group_id", "topic", "date_start", "date_end", "hull_start", "hull_end", "mentions", "outlets",
               "n_outlets", "expressions", "label"]
    if grouped.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for group_id, members in grouped.groupby("group_id", sort=True):
        outlets = sorted(set(members["outlet"]))
        expressions = list(dict.fromkeys(members["expression"]))
        label = f"{members['topic'].iloc[0]}: {' / '.join(expressions)}"
        rows.append({"group_id": group_id, "topic": members["topic"].iloc[0],
                     "date_start": members["date_start"].max(), "date_end": members["date_end"].min(),
                     "hull_start": members["date_start"].min(), "hull_end": members["date_end"].max(),
                     "mentions": len(members), "outlets": "; ".join(outlets), "n_outlets": len(outlets),
                     "expressions": " | ".join(expressions), "label": label if len(label) <= 48 else label[:47] + "…"})
    return pd.DataFrame(rows, columns=columns)


def milestone_pairs(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of mentions of the same milestone by two different outlets: milestone, verdict
    (``agree`` when the intervals share a day, else ``disagree``), and for each side outlet, file,
    expression, date_start, date_end, evidence. Sorted by milestone, verdict (disagreements first), outlets."""
    sides = ["outlet", "file", "expression", "date_start", "date_end", "evidence"]
    columns = ["milestone", "verdict"] + [f"{c}_a" for c in sides] + [f"{c}_b" for c in sides]
    claims = events[events["milestone"] != ""].merge(articles[["file", "outlet"]], on="file", how="left", validate="many_to_one")
    rows = []
    for milestone, group in claims.groupby("milestone", sort=True):
        group = group.sort_values(["outlet", "file", "event_id"], kind="stable").to_dict("records")
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a["outlet"] == b["outlet"]:
                    continue
                overlap = a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"]
                rows.append({"milestone": milestone, "verdict": "agree" if overlap else "disagree",
                             **{f"{c}_a": a[c] for c in sides}, **{f"{c}_b": b[c] for c in sides}})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["milestone", "verdict", "outlet_a", "outlet_b", "file_a", "file_b"],
                             ascending=[True, False, True, True, True, True], kind="stable").reset_index(drop=True)


def densest_period(events: pd.DataFrame, months: int = 6) -> dict:
    """The window of ``months`` calendar months (starting on a month's first day) that wholly contains the
    most narrowly dated mentions (at most :data:`NARROW_DAYS` long); windows start on the month of a
    narrowly dated mention, and ties go to the earliest window.
    Out: ``{"start", "end", "mentions"}`` (ISO dates), or ``mentions`` 0 and empty dates when nothing is dated."""
    narrow = events[[_days(s, e) <= NARROW_DAYS for s, e in zip(events["date_start"], events["date_end"])]] if len(events) else events
    if narrow.empty:
        return {"start": "", "end": "", "mentions": 0}
    best = None
    for cursor in sorted({date.fromisoformat(s).replace(day=1) for s in narrow["date_start"]}):
        end = add_months(cursor, months) - timedelta(days=1)
        inside = int(((narrow["date_start"] >= cursor.isoformat()) & (narrow["date_end"] <= end.isoformat())).sum())
        if best is None or inside > best["mentions"]:
            best = {"start": cursor.isoformat(), "end": end.isoformat(), "mentions": inside}
    return best


@dataclass
class Story:
    """Everything notebook 03 shows about the story in time."""
    events: pd.DataFrame
    grouped: pd.DataFrame
    groups: pd.DataFrame
    pairs: pd.DataFrame
    densest: dict


def story(events: pd.DataFrame, articles: pd.DataFrame, months: int = 6) -> Story:
    """The ``events`` of a corpus (:attr:`helpers.annotate.Annotations.events`), their groups, milestone agreement
    pairs and the densest ``months``-month period; ``articles`` are the analysed articles (for outlets)."""
    grouped = group_events(events, articles)
    return Story(events, grouped, group_summary(grouped), milestone_pairs(events, articles), densest_period(events, months))


def shared_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The event groups dated by more than one outlet (rows of :func:`group_summary`), most outlets first."""
    shared = groups[groups["n_outlets"] > 1]
    return shared.sort_values(["n_outlets", "group_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
