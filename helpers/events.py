"""The story the articles tell in time: dated mentions (events), their topics, groups of mentions of the same
event across outlets, and where outlets date the same milestone differently.

In:  a corpus (per article, :func:`article_events` reads its temporal expressions and frame matches, computed
     once with the other annotations by :mod:`helpers.annotate`; ``helpers/data/event_topics.csv`` for topic keywords and milestones).
Out:
* :func:`events_table` - one row per dated mention: file, event_id, sentence_id, start, end, expression,
  date_start, date_end, precision, relative, evidence (the sentence), topic, milestone;
* :func:`group_events` - one row per (group, mention): mentions of the same topic whose intervals overlap
  are one event group (only intervals up to a year long are grouped; a wide "since 2000" stays alone);
* :func:`group_summary` - one row per group: dates the members share, outlets that mention it;
* :func:`milestone_pairs` - one row per pair of mentions of the same milestone by two outlets, agree or
  disagree (intervals overlap or not), with the evidence sentences;
* :func:`densest_period` - the window of N months holding the most narrowly dated mentions;
* :func:`story` - all of the above at once for the notebook.

``event_topics.csv`` columns: ``topic`` (deal signed, delivery, sanctions/CAATSA, summit or visit, Ukraine war),
``source`` (``frame``: ``value`` is a frame of ``frames.csv`` whose coded term triggers the topic; ``keyword``:
``value`` is a regular expression; ``milestone``: ``value`` is a regular expression naming a milestone of the
story, ``milestone`` its label), ``description``. A mention's topic comes from the trigger (frame term or
keyword) nearest to it in its sentence; ties go to the earlier row of the file; no trigger -> ``other``. A
milestone is given to a mention when the milestone phrase and the mention are each other's nearest in the
sentence.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import dates, frames
from .config import DATA
from .corpus import Corpus

TOPICS_FILE = DATA / "event_topics.csv"
TOPIC_COLUMNS = ("topic", "source", "value", "milestone", "description")
OTHER = "other"
EVENT_COLUMNS = ["file", "event_id", "sentence_id", "start", "end", "expression", "date_start", "date_end",
                 "precision", "relative", "evidence", "topic", "milestone"]
#: Mentions longer than this are not grouped with others (a "since 2000" range would swallow everything).
GROUP_MAX_DAYS = 366
#: A mention joins a group only if it is at most this many times as long as the group's narrowest member
#: (plus 3 days), so that "later this year" does not swallow the day of a meeting.
GROUP_WIDTH_RATIO = 4
#: Mentions up to this long count as "narrowly dated" for the densest period.
NARROW_DAYS = 92


@dataclass(frozen=True)
class TopicRule:
    topic: str
    source: str
    value: str
    milestone: str
    pattern: re.Pattern | None
    order: int


class TopicListError(ValueError):
    """A problem in ``event_topics.csv``; the message names the file and every bad row."""


@lru_cache(maxsize=4)
def load_topics(path: Path = TOPICS_FILE) -> tuple[TopicRule, ...]:
    """Read and check the topic list, reporting every bad row at once (file and line)."""
    known_frames = set(frames.frame_ids())
    rules, errors = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != TOPIC_COLUMNS:
            raise TopicListError(f"{path.name}: columns must be {', '.join(TOPIC_COLUMNS)}")
        for number, row in enumerate(reader, start=2):
            topic, source, value = (row["topic"] or "").strip(), (row["source"] or "").strip(), (row["value"] or "").strip()
            milestone = (row["milestone"] or "").strip()
            if not topic or not value:
                errors.append(f"{path.name} line {number}: topic and value must not be empty")
                continue
            if source == "frame":
                if value not in known_frames:
                    errors.append(f"{path.name} line {number}: '{value}' is not a frame of frames.csv")
                    continue
                rules.append(TopicRule(topic, source, value, "", None, number))
                continue
            if source not in ("keyword", "milestone"):
                errors.append(f"{path.name} line {number}: source must be frame, keyword or milestone, not '{source}'")
                continue
            if source == "milestone" and not milestone:
                errors.append(f"{path.name} line {number}: a milestone row needs a milestone label")
                continue
            try:
                pattern = re.compile(value if source == "milestone" else rf"\b(?:{value})\b", re.I)
            except re.error as err:
                errors.append(f"{path.name} line {number}: bad pattern: {err}")
                continue
            rules.append(TopicRule(topic, source, value, milestone, pattern, number))
    if errors:
        raise TopicListError("; ".join(errors))
    return tuple(rules)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _date_distance(mention: tuple[int, int], phrase: tuple[int, int]) -> int:
    """Characters between a date mention and an event phrase, doubled when the date comes first (English
    usually dates an event after naming it: "began deliveries in December")."""
    gap = _distance(mention, phrase)
    return 2 * gap if mention[1] <= phrase[0] else gap


def _triggers(sentence: str, coded_terms: dict[str, str], rules: tuple[TopicRule, ...]) -> list[tuple[int, int, str, int]]:
    """(start, end, topic, order) of every topic trigger in a sentence."""
    found = []
    for rule in rules:
        if rule.source == "frame":
            term = coded_terms.get(rule.value)
            if term:
                at = sentence.find(term)
                if at >= 0:
                    found.append((at, at + len(term), rule.topic, rule.order))
        elif rule.source == "keyword":
            for m in rule.pattern.finditer(sentence):
                found.append((m.start(), m.end(), rule.topic, rule.order))
    return found


def _milestones(sentence: str, mentions: list[tuple[int, int]], rules: tuple[TopicRule, ...]) -> dict[int, tuple[str, str]]:
    """Mention index -> (milestone, topic) where a milestone phrase and a mention are each other's nearest."""
    out: dict[int, tuple[str, str]] = {}
    if not mentions:
        return out
    for rule in rules:
        if rule.source != "milestone":
            continue
        phrases = [m.span() for m in rule.pattern.finditer(sentence)]
        for span in phrases:
            nearest = min(range(len(mentions)), key=lambda i: (_date_distance(mentions[i], span), i))
            back = min(phrases, key=lambda p: (_date_distance(mentions[nearest], p), p[0]))
            if back == span and nearest not in out:
                out[nearest] = (rule.milestone, rule.topic)
    return out


def _coded_terms(matches: list[tuple]) -> dict[int, dict[str, str]]:
    """sentence_id -> {frame: first coded term}, from one article's match rows (:data:`helpers.frames.MATCH_COLUMNS`
    order, as :func:`helpers.frames.article_matches` returns them: by sentence, dictionary order, position); the
    term :func:`helpers.frames.code_sentences` reports for the (sentence, frame)."""
    terms: dict[int, dict[str, str]] = {}
    for _, sentence_id, frame, term, _, _, status, *_ in matches:
        if status == "coded":
            terms.setdefault(int(sentence_id), {}).setdefault(frame, term)
    return terms


def article_events(sentences: list[tuple], expressions: list[tuple], matches: list[tuple]) -> list[dict]:
    """The events of ONE article (a pure function of plain data, for worker processes): one row per dated
    mention (vague expressions, which place nothing on a calendar, are left out), in text order, with
    ``event_id`` 1-based.

    In:  the article's sentences as ``(start, end, kind, sentence_id, text)``, its temporal expressions as
    :func:`helpers.dates.article_expressions` returns them and its frame matches as
    :func:`helpers.frames.article_matches` returns them.  Out: dicts with :data:`EVENT_COLUMNS`."""
    rules = load_topics()
    texts = {int(i): (t, int(a)) for a, _, _, i, t in sentences}
    terms = _coded_terms(matches)
    position = {c: k for k, c in enumerate(dates.COLUMNS)}
    fields = ("file", "sentence_id", "start", "end", "expression", "date_start", "date_end", "precision", "relative")
    by_sentence: dict[int, list[dict]] = {}
    for row in sorted((r for r in expressions if r[position["precision"]] != "vague"),
                      key=lambda r: r[position["sentence_id"]]):
        by_sentence.setdefault(int(row[position["sentence_id"]]), []).append({f: row[position[f]] for f in fields})
    rows = []
    for sentence_id, group in by_sentence.items():
        text, offset = texts[sentence_id]
        spans = [(int(r["start"]) - offset, int(r["end"]) - offset) for r in group]
        triggers = _triggers(text, terms.get(sentence_id, {}), rules)
        milestones = _milestones(text, spans, rules)
        for i, record in enumerate(group):
            topic = OTHER
            if triggers:
                topic = min(triggers, key=lambda t: (_distance(spans[i], t[:2]), t[3], t[0]))[2]
            milestone, milestone_topic = milestones.get(i, ("", ""))
            rows.append({**record, "evidence": text, "topic": milestone_topic or topic, "milestone": milestone})
    rows.sort(key=lambda r: r["start"])
    return [{**r, "event_id": number} for number, r in enumerate(rows, start=1)]


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """Event rows (from :func:`article_events`) as a typed DataFrame in :data:`EVENT_COLUMNS` order."""
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return table.astype({"event_id": int, "sentence_id": int, "start": int, "end": int, "relative": bool})


def events_table(corpus: Corpus) -> pd.DataFrame:
    """One row per dated mention in the English analysed articles (:func:`article_events`), in file and text
    order; ``event_id`` is 1-based within the file. Offsets are into the cleaned text. Computed once per corpus
    with the other per-article annotations (:func:`helpers.annotate.annotations`)."""
    from .annotate import annotations
    return annotations(corpus).events.copy()


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
        end = dates._add_months(cursor, months) - timedelta(days=1)
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


def story(corpus: Corpus, months: int = 6) -> Story:
    """Events, their groups, milestone agreement pairs and the densest ``months``-month period of a corpus."""
    table = events_table(corpus)
    grouped = group_events(table, corpus.analysed)
    return Story(table, grouped, group_summary(grouped), milestone_pairs(table, corpus.analysed), densest_period(table, months))


def shared_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The event groups dated by more than one outlet (rows of :func:`group_summary`), most outlets first."""
    shared = groups[groups["n_outlets"] > 1]
    return shared.sort_values(["n_outlets", "group_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
