"""Dated mentions (events) of one article and their topics and milestones.

In:  one article's sentences, its temporal expressions (:func:`helpers.extract.dates.article_expressions`) and
     frame matches (:func:`helpers.extract.frames.article_matches`); ``helpers/data/event_topics.csv`` for topic
     keywords and milestones.
Out: :func:`article_events` - one row per dated mention (:data:`EVENT_COLUMNS`): file, event_id, sentence_id,
     start, end, expression, date_start, date_end, precision, relative, evidence (the sentence), topic,
     milestone. :func:`helpers.annotate.annotations` runs it over a corpus (``events``); the groups of mentions
     across outlets and the milestone comparisons are in :mod:`helpers.analysis.timeline`.

``event_topics.csv`` columns: ``topic`` (deal signed, delivery, sanctions/CAATSA, summit or visit, Ukraine war),
``source`` (``frame``: ``value`` is a frame of ``frames.csv`` whose coded term triggers the topic; ``keyword``:
``value`` is a regular expression; ``milestone``: ``value`` is a regular expression naming a milestone of the
story, a happening with one date, ``milestone`` its label; ``period``: the same for a debate or a period with no
single date, such as the waiver debate, whose mentions are shown but never compared for agreement), ``description``. A mention's topic comes from the trigger (frame term or
keyword) nearest to it in its sentence; ties go to the earlier row of the file; no trigger -> ``other``. A
milestone is given to a mention when the milestone phrase and the mention are each other's nearest in the
sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.config import DATA
from helpers.extract import dates, frames, prefilter
from helpers.extract.dates.patterns import tense_of
from helpers.knowledge import KnowledgeFileError, read_rows

TOPICS_FILE = DATA / "event_topics.csv"
TOPIC_COLUMNS = ("topic", "source", "value", "milestone", "description")
#: Sources whose rows give a mention a milestone label: a happening with one date, or a period (a debate).
LABELLED = ("milestone", "period")
OTHER = "other"
EVENT_COLUMNS = ["file", "event_id", "sentence_id", "start", "end", "expression", "date_start", "date_end",
                 "precision", "relative", "evidence", "topic", "milestone", "planned"]


@dataclass(frozen=True)
class TopicRule:
    """One row of ``event_topics.csv`` (``order``: its line, which breaks ties between equally near triggers)."""

    topic: str
    source: str
    value: str
    milestone: str
    order: int
    pattern: re.Pattern | None


@lru_cache(maxsize=4)
def load_topics(path: Path = TOPICS_FILE) -> tuple[TopicRule, ...]:
    """Read and check the topic list, reporting every bad row at once (file and line)."""
    known_frames = set(frames.frame_ids())
    rules, errors = [], []
    for number, row in read_rows(path, TOPIC_COLUMNS, exact=True, problems=errors):
        topic, source, value, milestone = row["topic"], row["source"], row["value"], row["milestone"]
        if not topic or not value:
            errors.append(f"{path.name} line {number}: topic and value must not be empty")
            continue
        if source == "frame":
            if value not in known_frames:
                errors.append(f"{path.name} line {number}: '{value}' is not a frame of frames.csv")
                continue
            rules.append(TopicRule(topic, source, value, "", number, None))
            continue
        if source not in ("keyword", *LABELLED):
            errors.append(f"{path.name} line {number}: source must be frame, keyword, milestone or period, not '{source}'")
            continue
        if source in LABELLED and not milestone:
            errors.append(f"{path.name} line {number}: a {source} row needs a milestone label")
            continue
        try:
            pattern = re.compile(value if source in LABELLED else rf"\b(?:{value})\b", re.I)
        except re.error as err:
            errors.append(f"{path.name} line {number}: bad pattern: {err}")
            continue
        rules.append(TopicRule(topic, source, value, milestone, number, pattern))
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return tuple(rules)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _date_distance(mention: tuple[int, int], phrase: tuple[int, int]) -> int:
    """Characters between a date mention and an event phrase, doubled when the date comes first (English
    usually dates an event after naming it: "began deliveries in December")."""
    gap = _distance(mention, phrase)
    return 2 * gap if mention[1] <= phrase[0] else gap


def _triggers(sentence: str, coded_terms: dict[str, str], rules: tuple[TopicRule, ...],
              low: str | None = None) -> list[tuple[int, int, str, int]]:
    """(start, end, topic, order) of every topic trigger in a sentence (``low``: its
    :func:`helpers.extract.prefilter.matching_low`, to skip patterns whose literal beginnings are absent)."""
    low = prefilter.matching_low(sentence) if low is None else low
    found = []
    for rule in rules:
        if rule.source == "frame":
            term = coded_terms.get(rule.value)
            if term:
                at = sentence.find(term)
                if at >= 0:
                    found.append((at, at + len(term), rule.topic, rule.order))
        elif rule.source == "keyword" and prefilter.may_occur(rule.pattern, low, 0, len(sentence)):
            for m in rule.pattern.finditer(sentence):
                found.append((m.start(), m.end(), rule.topic, rule.order))
    return found


def _milestones(sentence: str, mentions: list[tuple[int, int]], rules: tuple[TopicRule, ...],
                low: str | None = None) -> dict[int, tuple[str, str]]:
    """Mention index -> (milestone, topic) where a milestone phrase and a mention are each other's nearest
    (``low`` as for :func:`_triggers`)."""
    out: dict[int, tuple[str, str]] = {}
    if not mentions:
        return out
    low = prefilter.matching_low(sentence) if low is None else low
    for rule in rules:
        if rule.source not in LABELLED or not prefilter.may_occur(rule.pattern, low, 0, len(sentence)):
            continue
        phrases = [m.span() for m in rule.pattern.finditer(sentence)]
        for span in phrases:
            nearest = min(range(len(mentions)), key=lambda i: (_date_distance(mentions[i], span), i))
            back = min(phrases, key=lambda p: (_date_distance(mentions[nearest], p), p[0]))
            if back == span and nearest not in out:
                out[nearest] = (rule.milestone, rule.topic)
    return out


def _coded_terms(matches: list[tuple]) -> dict[int, dict[str, str]]:
    """sentence_id -> {frame: first coded term}, from one article's match rows (:data:`helpers.extract.frames.MATCH_COLUMNS`
    order, as :func:`helpers.extract.frames.article_matches` returns them: by sentence, dictionary order, position); the
    term :func:`helpers.analysis.framing.code_sentences` reports for the (sentence, frame)."""
    terms: dict[int, dict[str, str]] = {}
    for _, sentence_id, frame, term, _, _, status, *_ in matches:
        if status == "coded":
            terms.setdefault(int(sentence_id), {}).setdefault(frame, term)
    return terms


def coding_read(matches: list[tuple], expressions: list[tuple]) -> dict[int, dict[str, str]]:
    """What :func:`article_events` reads of ONE article's frame coding: the first coded term of each frame
    (:func:`_coded_terms`) in each sentence that has a dated (not vague) expression, by sentence id. Two codings
    with equal results here give equal events, so a rerun after a dictionary edit keeps the events of the articles
    whose result did not change. In: the rows :func:`article_events` takes."""
    precision, sentence = dates.COLUMNS.index("precision"), dates.COLUMNS.index("sentence_id")
    dated = sorted({int(r[sentence]) for r in expressions if r[precision] != "vague"})
    terms = _coded_terms(matches)
    return {sid: terms[sid] for sid in dated if sid in terms}


def article_events(sentences: list[tuple], expressions: list[tuple], matches: list[tuple],
                   published: tuple[str, str] = ("", "")) -> list[dict]:
    """The events of ONE article (a pure function of plain data, for worker processes): one row per dated
    mention (vague expressions, which place nothing on a calendar, are left out), in text order, with
    ``event_id`` 1-based.

    In:  the article's sentences as ``(start, end, kind, sentence_id, text)``, its temporal expressions as
    :func:`helpers.extract.dates.article_expressions` returns them and its frame matches as
    :func:`helpers.extract.frames.article_matches` returns them, and its publication interval ``published``
    (``date_start, date_end``).  Out: dicts with :data:`EVENT_COLUMNS`.

    ``planned`` marks a date that had not happened when the article was written: one that begins after the
    publication interval, or one the sentence speaks of in the future tense (``will be delivered by 2023``,
    ``is expected next year``, ``scheduled for``) that reaches past the publication date."""
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
        low = prefilter.matching_low(text)
        triggers = _triggers(text, terms.get(sentence_id, {}), rules, low)
        milestones = _milestones(text, spans, rules, low)
        for i, record in enumerate(group):
            topic = OTHER
            if triggers:
                topic = min(triggers, key=lambda t: (_distance(spans[i], t[:2]), t[3], t[0]))[2]
            milestone, milestone_topic = milestones.get(i, ("", ""))
            after = bool(published[1]) and record["date_start"] > published[1]
            future = record["date_end"] > published[1] and tense_of(text, *spans[i]) == "future"
            rows.append({**record, "evidence": text, "topic": milestone_topic or topic, "milestone": milestone,
                         "planned": after or future})
    rows.sort(key=lambda r: r["start"])
    return [{**r, "event_id": number} for number, r in enumerate(rows, start=1)]


def events_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Event rows (from :func:`article_events`, or a table of them) as a typed DataFrame in :data:`EVENT_COLUMNS`
    order."""
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return table.astype({"event_id": int, "sentence_id": int, "start": int, "end": int, "relative": bool, "planned": bool})


def periods(path: Path = TOPICS_FILE) -> set[str]:
    """The milestone labels of ``period`` rows: debates and periods, shown with the milestones but with no single
    date for outlets to agree on."""
    return {rule.milestone for rule in load_topics(path) if rule.source == "period"}
