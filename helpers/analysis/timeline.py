"""The story in time: when the outlets wrote, which happenings several outlets date, and for each milestone of the
story (the deal signed, each delivery, CAATSA enacted, sanctions on Turkey, ...) the date most outlets give and the
outlets that give another.

In:  a corpus's analysed articles and the dated mentions of its annotation (:attr:`helpers.annotate.Annotations.events`,
     one row per mention, see :mod:`helpers.extract.events`).
Out:
* :func:`publication_timeline` - one row per analysed article: file, outlet, published, date_precision,
  date_start, date_end (an article known only to its month spans the whole month);
* :func:`period_for` and :func:`coverage` - articles per outlet and period (week, month or quarter, chosen from the
  span of the corpus), a month-precision article spread over the weeks of its month;
* :func:`group_events` / :func:`group_summary` - mentions of the same happening: the same topic and the same
  normalised date, dated to the day or the month (a year-wide "last year" names no particular happening and is
  never grouped);
* :func:`milestone_mentions` / :func:`milestone_summary` - every mention of a milestone, whether it agrees with the
  date most outlets give (the consensus: the interval on which the most outlets' statements overlap), by how many
  days it differs when it does not, and planned or forecast dates kept apart from what happened;
* :func:`densest_period` - the window of N months holding the most narrowly dated mentions;
* :func:`story` - all of the above at once for the notebook.

Every step is a sort, a group-by or a sweep over the mentions: time grows with the number of mentions, never with
pairs of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from helpers.analysis.memo import memoized
from helpers.corpus.load import Corpus
from helpers.extract.dates import add_months

#: Mentions up to this long count as "narrowly dated" for the densest period.
NARROW_DAYS = 92
#: Precisions that name a particular happening; only these mentions are grouped across articles.
GROUPED_PRECISIONS = ("day", "month")
#: Spans (days) up to which coverage is counted per week, then per month; longer spans per quarter.
WEEKLY_UP_TO = 183
MONTHLY_UP_TO = 8 * 366
MILESTONE_COLUMNS = ["milestone", "file", "outlet", "expression", "date_start", "date_end", "precision", "planned",
                     "agrees", "off_by_days", "evidence"]
SUMMARY_COLUMNS = ["milestone", "date_start", "date_end", "outlets", "agreeing", "differing", "mentions", "planned",
                   "status", "differing_outlets"]


@memoized
def publication_timeline(corpus: Corpus) -> pd.DataFrame:
    """One row per analysed article, in publication order (then file)."""
    columns = ["file", "outlet", "published", "date_precision", "date_start", "date_end"]
    table = corpus.analysed[columns].sort_values(["date_start", "file"], kind="stable").reset_index(drop=True)
    return table


# --------------------------------------------------------------------------------------------- coverage over time
def period_for(articles: pd.DataFrame) -> str:
    """``week``, ``month`` or ``quarter``: the period that cuts the publication span of ``articles`` (``date_start``,
    ``date_end``) into a readable number of bins (about 25 to 100)."""
    if articles.empty:
        return "month"
    span = (date.fromisoformat(articles["date_end"].max()) - date.fromisoformat(articles["date_start"].min())).days
    return "week" if span <= WEEKLY_UP_TO else "month" if span <= MONTHLY_UP_TO else "quarter"


def period_start(days: pd.Series, period: str) -> pd.Series:
    """The first day of the ``period`` (week from Monday, month, quarter) holding each date (datetime64)."""
    if period == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if period == "month":
        return days.dt.to_period("M").dt.start_time
    return days.dt.to_period("Q").dt.start_time


def period_label(starts: pd.Series, period: str) -> pd.Series:
    """``2021-W45`` (ISO week), ``2021-11`` or ``2021-Q4`` for the periods starting at ``starts``."""
    if period == "week":
        iso = starts.dt.isocalendar()
        return iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    if period == "month":
        return starts.dt.strftime("%Y-%m")
    return starts.dt.year.astype(str) + "-Q" + starts.dt.quarter.astype(str)


def coverage(articles: pd.DataFrame, period: str) -> pd.DataFrame:
    """Articles per outlet and period: ``outlet, period, period_start, articles`` (every outlet; ``articles`` is a
    float because an article whose interval spans several periods, a month-precision article in weekly bins, counts
    for each of them in equal parts). Periods with no article are left out."""
    columns = ["outlet", "period", "period_start", "articles"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    start = pd.to_datetime(articles["date_start"])
    end = pd.to_datetime(articles["date_end"])
    first, last = period_start(start, period), period_start(end, period)
    one = first == last
    parts = [pd.DataFrame({"outlet": articles["outlet"][one].to_numpy(), "period_start": first[one].to_numpy(), "articles": 1.0})]
    for outlet, a, b in zip(articles["outlet"][~one], first[~one], last[~one]):  # rare: wider than one period
        steps = pd.Series(pd.date_range(a, b, freq={"week": "W-MON", "month": "MS", "quarter": "QS"}[period]))
        parts.append(pd.DataFrame({"outlet": outlet, "period_start": steps, "articles": 1.0 / len(steps)}))
    table = pd.concat(parts, ignore_index=True).groupby(["outlet", "period_start"], sort=True)["articles"].sum().reset_index()
    table["period"] = period_label(table["period_start"], period)
    table["period_start"] = table["period_start"].dt.strftime("%Y-%m-%d")
    table["articles"] = table["articles"].round(4)
    return table[columns]


def outlet_spans(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet, most articles first: ``outlet, articles, first, last, day_precision`` (the share of its
    articles dated to the day)."""
    columns = ["outlet", "articles", "first", "last", "day_precision"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    g = articles.groupby("outlet", sort=True)
    out = g.agg(articles=("file", "size"), first=("date_start", "min"), last=("date_end", "max"),
                day_precision=("date_precision", lambda s: round(float((s == "day").mean()), 4))).reset_index()
    return out.sort_values(["articles", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


# --------------------------------------------------------------------------------------------- event groups
def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


def group_events(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per mention with its ``outlet`` and ``group_id``: mentions of the same topic with the same
    normalised date, dated to the day or the month (:data:`GROUPED_PRECISIONS`), are one group; every other
    mention is a group of its own. Groups are numbered by date, then topic."""
    table = events.merge(articles[["file", "outlet"]], on="file", how="left", validate="many_to_one")
    assert len(table) == len(events), "every event belongs to one article"
    if table.empty:
        return table.assign(group_id=pd.Series(dtype=int))
    grouped = table["precision"].isin(GROUPED_PRECISIONS)
    key = table["topic"] + "\0" + table["date_start"] + "\0" + table["date_end"]
    key = key.where(grouped, key + "\0" + table["file"] + "\0" + table["event_id"].astype(str))
    order = table.assign(_key=key).drop_duplicates("_key").sort_values(["date_start", "date_end", "topic", "_key"], kind="stable")
    number = {k: i + 1 for i, k in enumerate(order["_key"])}
    table["group_id"] = key.map(number).astype(int)
    return table.sort_values(["group_id", "file", "event_id"], kind="stable").reset_index(drop=True)


def group_summary(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per event group: group_id, topic, date_start, date_end, precision, mentions, outlets (sorted,
    '; '-joined), n_outlets, expressions (distinct, ' | '-joined)."""
    columns = ["group_id", "topic", "date_start", "date_end", "precision", "mentions", "outlets", "n_outlets", "expressions"]
    if grouped.empty:
        return pd.DataFrame(columns=columns)
    g = grouped.groupby("group_id", sort=True)
    out = g.agg(topic=("topic", "first"), date_start=("date_start", "first"), date_end=("date_end", "first"),
                precision=("precision", "first"), mentions=("file", "size"),
                outlets=("outlet", lambda s: "; ".join(sorted(set(s)))), n_outlets=("outlet", "nunique"),
                expressions=("expression", lambda s: " | ".join(dict.fromkeys(s)))).reset_index()
    return out[columns]


def shared_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The event groups dated by more than one outlet (rows of :func:`group_summary`), most outlets first."""
    shared = groups[groups["n_outlets"] > 1]
    return shared.sort_values(["n_outlets", "group_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------- milestones
def _consensus(starts: np.ndarray, ends: np.ndarray, outlets: np.ndarray) -> tuple[int, int, int]:
    """The day (as an ordinal) covered by the most outlets' statements (each outlet counted once however many times
    it states the milestone), the intersection of the statements covering that day, and how many outlets cover it.
    Ties go to the earliest day. A sweep over the interval ends: linear after sorting."""
    best_day, best = int(starts.min()), -1
    per_outlet: dict[str, list[tuple[int, int]]] = {}
    for s, e, o in zip(starts.tolist(), ends.tolist(), outlets.tolist()):
        per_outlet.setdefault(o, []).append((s, e))
    points = []
    for spans in per_outlet.values():  # one outlet's statements merged, so it counts once on any day
        spans.sort()
        cur_s, cur_e = spans[0]
        for s, e in spans[1:]:
            if s <= cur_e + 1:
                cur_e = max(cur_e, e)
            else:
                points += [(cur_s, 1), (cur_e + 1, -1)]
                cur_s, cur_e = s, e
        points += [(cur_s, 1), (cur_e + 1, -1)]
    count = 0
    for day, step in sorted(points, key=lambda p: (p[0], p[1])):
        count += step
        if count > best:
            best, best_day = count, day
    covering = (starts <= best_day) & (ends >= best_day)
    return int(starts[covering].max()), int(ends[covering].min()), best


def milestone_mentions(events: pd.DataFrame, articles: pd.DataFrame, periods: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per mention of a milestone (:data:`MILESTONE_COLUMNS`): its outlet, interval and precision, whether
    it is ``planned`` (a forecast or schedule, not a happening: left out of the consensus), whether it ``agrees``
    with the milestone's consensus interval (shares a day with it) and, when not, ``off_by_days`` (days between the
    two intervals). The labels in ``periods`` (debates, with no single date: see
    :func:`helpers.extract.events.periods`) get no consensus: ``agrees`` is False and ``off_by_days`` 0 for them.
    Ordered by milestone, then date."""
    table = events[events["milestone"] != ""].merge(articles[["file", "outlet"]], on="file", how="left", validate="many_to_one")
    if table.empty:
        return pd.DataFrame(columns=MILESTONE_COLUMNS)
    planned = table["planned"].astype(bool) if "planned" in table else pd.Series(False, index=table.index)
    table = table.assign(planned=planned, agrees=pd.NA, off_by_days=0)
    starts = pd.to_datetime(table["date_start"]).map(pd.Timestamp.toordinal).to_numpy()
    ends = pd.to_datetime(table["date_end"]).map(pd.Timestamp.toordinal).to_numpy()
    agrees = np.zeros(len(table), dtype=bool)
    off = np.zeros(len(table), dtype=np.int64)
    for label, index in table.groupby("milestone", sort=True).indices.items():
        happened = index[~table["planned"].to_numpy()[index]]
        if label in periods:
            continue
        if not len(happened):
            continue
        lo, hi, _ = _consensus(starts[happened], ends[happened], table["outlet"].to_numpy()[happened])
        s, e = starts[index], ends[index]
        agrees[index] = (s <= hi) & (e >= lo)
        off[index] = np.maximum(np.maximum(lo - e, s - hi), 0)
    table["agrees"] = agrees & ~table["planned"].to_numpy()
    table["off_by_days"] = off
    table = table.sort_values(["milestone", "date_start", "outlet", "file", "event_id"], kind="stable").reset_index(drop=True)
    return table[MILESTONE_COLUMNS]


def milestone_summary(mentions: pd.DataFrame, periods: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per milestone (:data:`SUMMARY_COLUMNS`), in order of its consensus date: the consensus interval,
    how many outlets state it, agree and differ, mentions and planned mentions, and ``status``: ``agree`` (every
    outlet's statement shares a day with the consensus), ``differ`` (some outlet gives another date; the differing
    outlets are listed), ``one outlet`` (nothing to compare) or ``period`` (a debate: no single date)."""
    if mentions.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    rows = []
    for milestone, group in mentions.groupby("milestone", sort=True):
        happened = group[~group["planned"]]
        agreeing = happened[happened["agrees"]]
        differing = sorted(set(happened.loc[~happened["agrees"], "outlet"]))
        n = happened["outlet"].nunique()
        status = "period" if milestone in periods else "one outlet" if n <= 1 else ("differ" if differing else "agree")
        if milestone in periods:
            agreeing, differing = happened.iloc[:0], []
        rows.append({"milestone": milestone,
                     "date_start": agreeing["date_start"].max() if len(agreeing) else "",
                     "date_end": agreeing["date_end"].min() if len(agreeing) else "",
                     "outlets": n, "agreeing": agreeing["outlet"].nunique(), "differing": len(differing),
                     "mentions": len(group), "planned": int(group["planned"].sum()), "status": status,
                     "differing_outlets": "; ".join(differing)})
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return table.sort_values(["date_start", "milestone"], kind="stable").reset_index(drop=True)


def densest_period(events: pd.DataFrame, months: int = 6) -> dict:
    """The window of ``months`` calendar months (starting on a month's first day) that wholly contains the
    most narrowly dated mentions (at most :data:`NARROW_DAYS` long); windows start on the month of a
    narrowly dated mention, and ties go to the earliest window.
    Out: ``{"start", "end", "mentions"}`` (ISO dates), or ``mentions`` 0 and empty dates when nothing is dated."""
    narrow = events[[_days(s, e) <= NARROW_DAYS for s, e in zip(events["date_start"], events["date_end"])]] if len(events) else events
    if narrow.empty:
        return {"start": "", "end": "", "mentions": 0}
    best = None
    starts, ends = narrow["date_start"].to_numpy(), narrow["date_end"].to_numpy()
    for cursor in sorted({date.fromisoformat(s).replace(day=1) for s in narrow["date_start"]}):
        end = add_months(cursor, months) - timedelta(days=1)
        inside = int(((starts >= cursor.isoformat()) & (ends <= end.isoformat())).sum())
        if best is None or inside > best["mentions"]:
            best = {"start": cursor.isoformat(), "end": end.isoformat(), "mentions": inside}
    return best


@dataclass
class Story:
    """Everything notebook 03 shows about the story in time."""
    events: pd.DataFrame
    grouped: pd.DataFrame
    groups: pd.DataFrame
    milestones: pd.DataFrame
    summary: pd.DataFrame
    densest: dict


def story(events: pd.DataFrame, articles: pd.DataFrame, periods: frozenset[str] = frozenset(), months: int = 6) -> Story:
    """The ``events`` of a corpus (:attr:`helpers.annotate.Annotations.events`), their groups, the milestones with
    their consensus dates (``periods``: the labels that are debates, not happenings), and the densest
    ``months``-month period; ``articles`` are the analysed articles."""
    grouped = group_events(events, articles)
    mentions = milestone_mentions(events, articles, frozenset(periods))
    return Story(events, grouped, group_summary(grouped), mentions, milestone_summary(mentions, frozenset(periods)),
                 densest_period(events, months))
