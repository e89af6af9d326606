"""The per-article extractors on hostile inputs: the linear-time versions give what the straightforward
(quadratic) ones give. Checked against references kept here or in the modules (the code as first written), against
the general path of each shortcut, and on periodic articles (one unit repeated: every unit after the first must be
read the same way, wherever it sits). No timings here: ``benchmarks/hostile_inputs.py`` measures them."""
from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.corpus.structure import count_words, structure
from helpers.extract import quotes, readability
from helpers.extract.quotes import lexicon, rows, speakers

# ------------------------------------------------------------------------------------------- references
_QUOTE_MARKS = "\"“”‘’«»„"


def own_text_reference(text: str, start: int, speech: list[tuple[int, int]]) -> str | None:
    """``readability.own_text`` as first written: one rebuild of the sentence per quotation."""
    cut = text
    for q_start, q_end in speech:
        a, b = q_start - start - 1, q_end - start + 1
        if b <= 0 or a >= len(text):
            continue
        a, b = max(a, 0), min(b, len(text))
        cut = cut[:a] + " " * (b - a) + cut[b:]
    cut = readability._SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(cut.strip(_QUOTE_MARKS + " ").split()))
    return cut if count_words(cut) >= readability.MIN_OWN_WORDS else None


def voice_scores_reference(body: list[tuple[int, str]], speech: list[tuple[int, int]]) -> dict:
    """``readability.voice_scores`` as first written: every sentence against every quotation."""
    own = [cut for start, text in body if (cut := own_text_reference(text, start, speech)) is not None]
    return {**readability.scores([text for _, text in body]), readability.OWN_PREFIX + "sentences": len(own),
            **{readability.OWN_PREFIX + k: v for k, v in readability.scores(own).items()}}


def same(a: dict, b: dict) -> bool:
    return list(a) == list(b) and all(x == y or x != x and y != y for x, y in zip(a.values(), b.values()))


def article_rows(lines: list[str]) -> tuple[str, list[dict], list[dict]]:
    built = structure(lines)
    records = list(built.sentences)
    return built.text, records, quotes.quote_rows(built.text, records, "2022-01-01", "x.txt")


# ------------------------------------------------------------------------------------------- hostile articles
UNIT = "“We will keep talking,” Lavrov said, and he added that the deal was “on track” for Ramesh Kumar and Anita Rao. "
HOSTILE = {
    "sentences": lambda n: ["Talks go on", UNIT * n],
    "one sentence": lambda n: ["Talks go on", UNIT.replace(". ", ", ") * n],
    "open quotes": lambda n: ["Talks go on", "“we are fine and Lavrov said " * n],
    "adjacent quotes": lambda n: ["Talks go on", "“a” “b” ‘c’ " * n],
    "cues, no clause end": lambda n: ["Talks go on", "“Fine” " + "[ said Lavrov " * n + "“ok.”"],
    "according to": lambda n: ["Talks go on", "“Fine,” " + "according to the official according to Lavrov " * n + "“ok.”"],
    "trail words": lambda n: ["Talks go on", "“Fine,” according to Lavrov " + "also " * n + ", “ok.”"],
    "subheads": lambda n: ["Talks go on", *[line for _ in range(n) for line in (
        "Envoy says ‘agree we’", "“We agree with them and we agree with all of you,” the Russian ambassador said.")]],
}


@pytest.mark.parametrize("name", HOSTILE)
def test_voice_scores_equal_the_reference_on_hostile_articles(name):
    text, records, found = article_rows(HOSTILE[name](400))
    speech = [(q["start"], q["end"]) for q in found if q["kind"] == "speech"]
    body = [(s["start"], s["text"]) for s in records if s["kind"] == "body"]
    assert same(readability.voice_scores(body, speech), voice_scores_reference(body, speech))


@pytest.mark.parametrize("name", ["sentences", "one sentence", "open quotes", "adjacent quotes", "subheads"])
def test_periodic_articles_give_periodic_quotes(name):
    """n copies of a unit: every copy after the first two is read exactly as the second (same quotes, speakers,
    cues and kinds, shifted), so nothing depends on how much of the article came before."""
    make = HOSTILE[name]
    _, _, two = article_rows(make(2))
    text, _, many = article_rows(make(300))
    per_unit = len(two) // 2
    assert len(two) == 2 * per_unit and len(many) == 300 * per_unit
    keys = ("text", "speaker", "speaker_as_written", "cue", "kind", "side", "role", "flags")
    second = [tuple(q[k] for k in keys) for q in many[per_unit:2 * per_unit]]
    for u in range(2, 300):
        assert [tuple(q[k] for k in keys) for q in many[u * per_unit:(u + 1) * per_unit]] == second, u
    assert all(text[q["start"]:q["end"]] == q["text"] for q in many)


def test_known_counts_on_a_dense_article():
    text, _, found = article_rows(HOSTILE["sentences"](500))
    assert len(found) == 1000
    assert {(q["speaker"], q["kind"]) for q in found} == {("Sergey Lavrov", "speech")}
    assert [q["cue"] for q in found[:4]] == ["said", "added", "said", "added"]
    _, _, found = article_rows(HOSTILE["cues, no clause end"](2000))
    assert [(q["text"], q["speaker"], q["kind"]) for q in found] == [("Fine", "", "term"), ("ok.", "Sergey Lavrov", "speech")]
    _, _, found = article_rows(HOSTILE["trail words"](5000))
    assert [(q["text"], q["speaker"], q["cue"]) for q in found] == [("Fine,", "Sergey Lavrov", "according to"),
                                                                    ("ok.", "Sergey Lavrov", "according to")]


# ------------------------------------------------------------------------------------------- own voice
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab “”‘’.,", max_size=60), st.integers(-5, 30),
       st.lists(st.tuples(st.integers(-10, 100), st.integers(-10, 100)), max_size=8))
def test_own_text_equals_the_reference(text, start, speech):
    assert readability.own_text(text, start, speech) == own_text_reference(text, start, speech)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=12),
       st.lists(st.tuples(st.integers(0, 400), st.integers(-3, 40)), max_size=12))
def test_voice_scores_equal_the_reference_on_any_spans(sentences, spans):
    words = "India and Russia signed the deal “fine” said the official again today ".split()
    body = [(start, " ".join(words[(start + i) % len(words)] for i in range(length % 14 + 1)))
            for start, length in sentences]
    speech = [(a, a + d) for a, d in spans]
    assert same(readability.voice_scores(body, speech), voice_scores_reference(body, speech))


# ------------------------------------------------------------------------------------------- attribution
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["also", "Also", "today", "Monday", "on", "in", "a", "an", "statement", "interview",
                                 "İ", "İbrahim", "Lavrov", "said", "day", "ΑΣ", " ", "\t", "x"]), max_size=14),
       st.sampled_from(["", " in a statement", " in an interview", " on Monday", " ", " ON tuesday"]))
def test_strip_trail_equals_the_reference(words, end):
    chunk = " ".join(words) + end
    if chunk.count("İ") < 8:  # the reference never returns on 16+ of them before "in a statement"
        assert lexicon.strip_trail(chunk) == lexicon.strip_trail_reference(chunk)


def test_strip_trail_ends_where_the_reference_never_did():
    assert lexicon.strip_trail("İ" * 18 + " in a statement") == "İ" * 18
    assert lexicon.strip_trail("said İbrahim İlham Kalın in a statement") == "said İbrahim İlham Kalın i"  # as before
    assert lexicon.strip_trail("Lavrov " + "also " * 20000 + "today") == "Lavrov"


_CLAUSE_PIECES = [" ", "said", "Mr", "Sen", "S", "x", ".", ",", " - ", "-", "—", "(", "\x01", ":", "Bob", "A", "no"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=30), st.integers(0, 80))
def test_clause_ends_equal_the_scan(pieces, pos):
    masked = "".join(pieces)
    ends = speakers._ClauseEnds(masked)
    for p in {0, min(pos, len(masked)), len(masked), *range(0, len(masked), 3)}:
        assert ends.end(p) == speakers._clause_end(masked, p), (masked, p)


_SUBJECT_WORDS = ["the", "a", "an", "official", "senior", "US", "Russian", "foreign", "minister", "deputy", "chief", "of",
                  "mission", "also", "today", "Monday", "on", "in", "statement", "interview", "Lavrov", "Wang", "Yi",
                  "analyst", "at", "the", "Observer", "Research", "Foundation", "with", "and", "visiting", "who", "said",
                  "told", "according", "to", "İ", "Mr.", "x" * 30]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SUBJECT_WORDS), min_size=1, max_size=60),
       st.sampled_from(["said", "according to", "told reporters", "added"]),
       st.sampled_from([",", ".", "", " in a statement,", " also also also also also,"]))
def test_long_subject_shortcut_equals_the_general_path(words, verb, end):
    """A long clause after a cue is decided from its first words (``speakers._long_chunk``) only when that gives
    what reading all of it gives: the quote rows with the shortcut off (a threshold no clause reaches) are equal."""
    lines = ["Talks go on", f"“We are fine,” {verb} " + " ".join(words) + end + " “Yes,” " + " ".join(words[::-1]) + "."]
    _, _, fast = article_rows(lines)
    original = speakers.LONG_CHUNK
    speakers.LONG_CHUNK = 10**9
    try:
        _, _, general = article_rows(lines)
    finally:
        speakers.LONG_CHUNK = original
    assert fast == general


@pytest.mark.parametrize("name", ["cues, no clause end", "according to", "trail words"])
def test_long_subject_shortcut_on_hostile_articles(name, monkeypatch):
    lines = HOSTILE[name](150)
    _, _, fast = article_rows(lines)
    monkeypatch.setattr(speakers, "LONG_CHUNK", 10**9)
    _, _, general = article_rows(lines)
    assert fast == general


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["we", "agree", "with", "them", "all", "of", "you"]), min_size=1, max_size=6),
                min_size=1, max_size=25),
       st.lists(st.tuples(st.integers(0, 24), st.lists(st.sampled_from(["we", "agree", "you", "all"]), max_size=3)),
                max_size=10))
def test_body_quote_finder_equals_a_scan(quoted, queries):
    text = " ".join(f"“{' '.join(ws)}”" for ws in quoted)
    marks = rows.scan(text)
    heads = {i for i in range(len(marks)) if i % 4 == 0}
    finder = rows._BodyQuoteFinder(text, marks, heads)
    body = [b for b in range(len(marks)) if b not in heads]
    for after, own in queries:
        expected = next((b for b in body[bisect.bisect_right(body, after):]
                         if rows._contains(rows.words_of(text[marks[b].start:marks[b].end]), own)), None) if own else None
        assert finder.find(own, after) == expected
