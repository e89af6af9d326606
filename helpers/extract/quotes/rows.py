"""Quotation rows of one article: spans from :mod:`~helpers.extract.quotes.marks`, speakers from
:mod:`~helpers.extract.quotes.speakers`, one row per quotation (:data:`QUOTE_COLUMNS`).

In:  one article's cleaned text, its sentence rows and publication date.  Out: :func:`quote_rows` (plain dicts,
for worker processes), :func:`extract_quotes` (a DataFrame), :func:`voice_row` (how much of the article is
quoted speech, and whose).
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

import pandas as pd

from helpers.corpus.structure import count_words, words
from helpers.extract.actors import default_actors, parse_bound
from helpers.extract.quotes.lexicon import (
    NAMING,
    PARTICIPLE_START,
    PUNCT_AFTER,
    ROLE_NOUN,
    SCARE_WORDS,
    SENTENCE_LIKE,
    TAG,
    US_MENTION,
    Lexicon,
    Person,
    lexicon_for,
    norm_phrase,
)
from helpers.extract.quotes.marks import PARA, Raw, scan
from helpers.extract.quotes.names import name_like
from helpers.extract.quotes.speakers import Article, Attr, Mention, Sentence, attributions

QUOTE_COLUMNS = ["file", "quote_id", "start", "end", "text", "sentence_id", "speaker", "speaker_as_written",
                 "cue", "kind", "side", "role", "flags"]


# --------------------------------------------------------------------------------------------- extraction
def _outer_sentences(text: str, rows: list[tuple[int, int, str]], raws: list[Raw],
                     paras: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences merged wherever the splitter cut inside a quotation; each quote belongs to exactly one.
    ``rows``: ``(start, end, kind)`` of the splitter's sentences, sorted."""
    para_starts = [a for a, _ in paras]
    if not rows:
        rows = [(a, b, "body") for a, b in paras]
    out: list[Sentence] = []
    qi = 0
    for s, e, k in rows:
        para = bisect.bisect_right(para_starts, s) - 1
        while qi < len(raws) and raws[qi].close <= s and raws[qi].open < s:
            qi += 1
        inside = (qi < len(raws) and raws[qi].open < s < raws[qi].close
                  or qi > 0 and raws[qi - 1].open < s < raws[qi - 1].close)
        if out and out[-1].para == para and (inside or s < out[-1].end):
            out[-1].end = max(out[-1].end, e)
        else:
            out.append(Sentence(s, e, k, para, []))
    # quotes outside every sentence: their whole paragraph becomes a sentence (added once, then one sort)
    starts = [x.start for x in out]
    home: list[int | Sentence] = []
    extra: dict[int, Sentence] = {}
    for r in raws:
        i = bisect.bisect_right(starts, r.open) - 1
        if i >= 0 and out[i].start <= r.open < out[i].end:
            home.append(i)
            continue
        para = bisect.bisect_right(para_starts, r.open) - 1
        if para not in extra:
            a, b = paras[para] if para >= 0 else (r.open, r.close)
            extra[para] = Sentence(a, b, "body", para, [])
        home.append(extra[para])
    homes = [out[h] if isinstance(h, int) else h for h in home]
    if extra:
        order = {id(x): (x.start, 1, n) for n, x in enumerate(out)}
        order.update({id(x): (x.start, 0, n) for n, x in enumerate(extra.values())})
        out = sorted([*out, *extra.values()], key=lambda x: order[id(x)])
    for n, (r, sent) in enumerate(zip(raws, homes)):
        sent.quotes.append(n)
        sent.end = max(sent.end, min(r.close, len(text)))
    return out


def _mask_all(text: str, raws: list[Raw]) -> str:
    """``text`` with every quotation (marks included) replaced by \\x01 and line breaks by spaces (same length)."""
    pieces, pos = [], 0
    for r in raws:
        a, b = max(r.open, pos), min(r.close, len(text))
        if a > pos:
            pieces.append(text[pos:a])
        if b > a:
            pieces.append("\x01" * (b - a))
        pos = max(pos, b)
    pieces.append(text[pos:])
    return "".join(pieces).replace("\n", " ")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in words(text)]


def _published(published) -> date | None:
    try:
        return parse_bound(str(published)[:10]) if published else None
    except ValueError:
        return None


def quote_rows(text: str, sentences_records: list[dict], published: str, file: str = "",
               actors: pd.DataFrame | None = None) -> list[dict]:
    """Quotations of ONE article as plain rows (a pure, deterministic function of plain Python data, usable
    from worker processes).

    In:  ``text`` the cleaned text; ``sentences_records`` its sentences as dicts with ``sentence_id, start, end,
         kind`` (offsets into ``text``; e.g. ``corpus.sentences`` rows as records); ``published`` (``YYYY``,
         ``YYYY-MM`` or ``YYYY-MM-DD``; dates the role phrases of the actors list); ``file`` copied into every
         row; ``actors`` a table from :func:`helpers.extract.actors.load_actors` (default: the project's list).
    Out: one dict per quotation in text order, keys :data:`QUOTE_COLUMNS`. Linear in the length of the text;
    never raises on odd input."""
    rows = []
    for r in sentences_records:
        try:
            s, e = int(r["start"]), int(r["end"])
            rows.append((s, e, str(r.get("kind", "body")), int(r.get("sentence_id", -1))))
        except (KeyError, TypeError, ValueError):
            continue
    return extract_rows(text, rows, published, file, lexicon_for(actors))


def extract_rows(text: str, sentence_rows: list[tuple[int, int, str, int]], published, file: str,
                  lex: Lexicon) -> list[dict]:
    """The extractor proper: ``sentence_rows`` are ``(start, end, kind, sentence_id)``."""
    raws = scan(text)
    if not raws:
        return []
    art = Article(text, lex, _published(published))
    paras = [(m.start(), m.end()) for m in PARA.finditer(text)]
    valid = sorted((s, e, k) for s, e, k, _ in sentence_rows if 0 <= s < e <= len(text))
    outer = _outer_sentences(text, valid, raws, paras)
    sid_pairs = sorted((s, i) for s, _, _, i in sentence_rows)
    sid_starts = [a for a, _ in sid_pairs]
    sid_ids = [b for _, b in sid_pairs]
    full_masked = _mask_all(text, raws)
    full_lower = full_masked.lower()
    if len(full_lower) != len(full_masked):
        full_lower = None  # a character whose lower case is longer: use the case-insensitive patterns

    n = len(raws)
    speaker: list[Mention | None] = [None] * n
    cue = [""] * n
    kind = ["speech"] * n
    continued = [False] * n
    attributed = [False] * n
    headline_q: list[tuple[int, Sentence, str, list[Attr]]] = []
    last_speaker: Mention | None = None
    para_last: dict[int, tuple[int, bool]] = {}  # paragraph -> (last quote, sentence was the paragraph's last)
    para_attr: dict[int, Attr] = {}  # paragraph -> its first attribution with a person (for subheadings)
    need_para_attr: set[int] = set()  # paragraphs right after a subheading with a quote
    last_sentence_of_para: dict[int, int] = {}
    quote_para = [0] * n
    for i, s in enumerate(outer):
        last_sentence_of_para[s.para] = i
        for q in s.quotes:
            quote_para[q] = s.para

    # After the last sentence with a quotation nothing read here can change a row, unless a headline or subheading
    # holds a quotation: those are attributed at the end, from everyone the article names (and the paragraphs after
    # subheadings). A sentence without quotations only adds people and their genders for later sentences.
    last_quoted = max((si for si, sent in enumerate(outer) if sent.quotes), default=-1)
    for si, sent in enumerate(outer):
        if si > last_quoted and not headline_q:
            break
        masked = full_masked[sent.start:sent.end]
        lower = full_lower[sent.start:sent.end] if full_lower is not None else None
        art.paragraph = sent.para
        mentions = art.mentions(masked, sent.start, lower)
        art.note(mentions)
        if not sent.quotes:
            # no quotation here: only people matter (context for pronouns and descriptions); attributions are
            # needed only to give a subheading above this paragraph its speaker
            if sent.para in need_para_attr and sent.para not in para_attr and sent.kind == "body":
                for at in attributions(art, masked, sent.start, mentions, lower):
                    if at.subject is not None and at.subject.person is not None:
                        para_attr[sent.para] = at
                        break
            continue
        attrs = attributions(art, masked, sent.start, mentions, lower)
        if sent.kind != "body":
            for q in sent.quotes:
                headline_q.append((q, sent, masked, attrs))
            need_para_attr.add(sent.para + 1)
            continue
        for at in attrs:
            if at.subject is not None and at.subject.person is not None and sent.para not in para_attr:
                para_attr[sent.para] = at
        participle_start = PARTICIPLE_START.match(masked) is not None
        if not attrs and participle_start and last_speaker is not None:
            attrs = [Attr("", sent.start, sent.start, sent.start, last_speaker)]
        verb_starts = [at.verb_start for at in attrs]
        # per attribution index: the last (next) one at or before (after) it that has a subject
        last_subj: list[int] = []
        k = -1
        for i, at in enumerate(attrs):
            if at.subject is not None:
                k = i
            last_subj.append(k)
        next_subj = [-1] * len(attrs)
        k = -1
        for i in range(len(attrs) - 1, -1, -1):
            if attrs[i].subject is not None:
                k = i
            next_subj[i] = k
        for pos, q in enumerate(sent.quotes):
            r = raws[q]
            nxt_open = raws[sent.quotes[pos + 1]].open if pos + 1 < len(sent.quotes) else sent.end
            chosen = None
            # the punctuation (and masked quotes) right after the quote, read no further than the next quote:
            # an attribution starts before ``nxt_open`` anyway, so a longer gap would change no test below, and
            # a run of adjacent quotes would otherwise be re-read once per quote (quadratic)
            gap = PUNCT_AFTER.match(masked, r.close - sent.start,
                                    max(nxt_open, r.close) - sent.start).end() + sent.start
            i = bisect.bisect_left(verb_starts, r.close)
            while i < len(attrs) and attrs[i].verb_start < nxt_open:
                at = attrs[i]
                if (at.chunk_start <= gap or at.verb_start <= gap) and at.subject is not None\
                        and at.subject.start >= r.close:
                    chosen = at
                    if at.cue[:8].lower() == "reported":
                        # "the Kremlin said ... “in July”, TASS reported": the outlet carries the words; the
                        # speaker whose clause holds the quotation said them
                        j = bisect.bisect_left(verb_starts, r.open) - 1
                        while j >= 0 and attrs[j].verb_end > r.open:
                            j -= 1
                        if j >= 0 and last_subj[j] >= 0:
                            chosen = attrs[last_subj[j]]
                    break
                i += 1
            if chosen is None:
                j = bisect.bisect_left(verb_starts, r.open) - 1
                while j >= 0 and attrs[j].verb_end > r.open:
                    j -= 1
                if j >= 0:
                    chosen = attrs[j]
                    if chosen.subject is None and last_subj[j] >= 0:
                        chosen = attrs[last_subj[j]]
            if chosen is None:
                i = bisect.bisect_left(verb_starts, r.close)
                if i < len(attrs):
                    chosen = attrs[next_subj[i]] if next_subj[i] >= 0 else attrs[i]
            qtext = text[r.start:r.end]
            pre = masked[max(0, r.open - sent.start - 90):r.open - sent.start]
            if chosen is not None and chosen.subject is None and last_speaker is not None and participle_start:
                chosen = Attr(chosen.cue, chosen.verb_start, chosen.verb_end, chosen.chunk_start, last_speaker)
            if name_like(qtext) and not (chosen is not None and NAMING.search(pre))\
                    or pre.rstrip().lower().endswith(SCARE_WORDS):
                kind[q] = "term"
                continue
            if chosen is not None:
                attributed[q] = True
                cue[q] = chosen.cue
                speaker[q] = chosen.subject
            elif text[r.open] == "‘" or count_words(qtext) <= 4 and not SENTENCE_LIKE.match(qtext):
                kind[q] = "term"
                continue
            if speaker[q] is not None and speaker[q].person is not None:
                last_speaker = speaker[q]
                art.make_salient(speaker[q].person)
        # quotes with no attribution: continuation of the previous quote of the paragraph or paragraph
        any_attributed = any(attributed[x] for x in sent.quotes)
        first_person_verb = min((a.verb_start for a in attrs if a.subject is not None and a.subject.person is not None),
                                default=None)
        for q in sent.quotes:
            if kind[q] != "speech" or attributed[q]:
                continue
            prev = q - 1
            if prev >= 0 and kind[prev] == "speech" and speaker[prev] is not None:
                same_para = quote_para[prev] == sent.para
                prev_para_end = (sent.para - 1 in para_last and para_last[sent.para - 1][0] == prev
                                 and para_last[sent.para - 1][1] and raws[q].open == sent.start
                                 and not any_attributed)
                if same_para and not (first_person_verb is not None and first_person_verb < raws[q].open)\
                        or prev_para_end:
                    speaker[q] = speaker[prev]
                    cue[q] = cue[prev]
                    continued[q] = True
        para_last[sent.para] = (sent.quotes[-1], si == last_sentence_of_para[sent.para])
        for at in attrs:
            if at.subject is not None and at.subject.person is not None:
                art.make_salient(at.subject.person)

    # multi-paragraph quotes take the speaker of the paragraph that closes them
    for q in range(n - 2, -1, -1):
        if "multi_paragraph" in raws[q].flags and not attributed[q] and kind[q + 1] == "speech":
            kind[q], speaker[q], cue[q] = "speech", speaker[q + 1], cue[q + 1]

    heads = {h[0] for h in headline_q}
    if headline_q:
        finder = _BodyQuoteFinder(text, raws, heads)
        forward = [m.person for m in art.all_mentions if m.person is not None]
        for q, sent, masked, attrs in headline_q:
            _headline_quote(art, text, raws, q, sent, masked, attrs, finder, forward, kind, speaker, cue, para_attr)

    rows = []
    for q, r in enumerate(raws):
        sp = speaker[q] if kind[q] == "speech" else None
        person = sp.person if sp is not None else None
        if person is not None:
            side_value, role_value = person.side, person.role
        elif sp is not None:
            side_value, role_value = sp.side, sp.role
        else:
            side_value = role_value = ""
        flags = list(r.flags)
        if continued[q]:
            flags.append("continued")
        k = bisect.bisect_right(sid_starts, r.start) - 1
        sentence_id = sid_ids[k] if k >= 0 else (sid_ids[0] if sid_ids else -1)
        if q in heads:
            flags.append("headline")
        rows.append({
            "file": file, "quote_id": q + 1, "start": r.start, "end": r.end, "text": text[r.start:r.end],
            "sentence_id": sentence_id,
            "speaker": tidy_name(person.name or person.speaks_for) if person is not None else (sp.institution if sp is not None else ""),
            "speaker_as_written": sp.text if sp is not None else "", "cue": cue[q] if kind[q] == "speech" else "",
            "kind": kind[q], "side": side_value, "role": role_value,
            "flags": " ".join(flags),
        })
    return rows


def extract_quotes(text: str, sentences: pd.DataFrame, published: str, file: str = "",
                   actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotations of ONE article.

    In:  ``text`` the cleaned text; ``sentences`` its rows of ``corpus.sentences`` (``sentence_id, start, end,
         kind``; offsets into ``text``); ``published`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; dates the role
         phrases of the actors list); ``file`` copied into every row; ``actors`` a table from
         :func:`helpers.extract.actors.load_actors` (default: the project's list).
    Out: DataFrame with :data:`QUOTE_COLUMNS`, one row per quotation in text order (see the module docstring).
    Linear in the length of the text; never raises on odd input. (:func:`quote_rows` is the same without pandas.)"""
    rows = extract_rows(text, _sentence_tuples(sentences), published, file, lexicon_for(actors))
    return pd.DataFrame({c: [r[c] for r in rows] for c in QUOTE_COLUMNS}, columns=QUOTE_COLUMNS)


def _sentence_tuples(sentences: pd.DataFrame) -> list[tuple[int, int, str, int]]:
    if not len(sentences):
        return []
    ids = sentences["sentence_id"].tolist() if "sentence_id" in sentences else [-1] * len(sentences)
    out = []
    for s, e, k, i in zip(sentences["start"].tolist(), sentences["end"].tolist(), sentences["kind"].tolist(), ids):
        try:
            out.append((int(s), int(e), str(k), int(i)))
        except (TypeError, ValueError):
            continue
    return out


class _BodyQuoteFinder:
    """For headline quotes: the first later body quote that repeats a headline quote's words, found through an
    index from each word to the body quotes containing it (built once per article; lookups use the rarest word).

    The body quotes repeating one word sequence are listed once per article and sequence (:attr:`hits`), so many
    headline quotes with the same words cost one pass over the rarest word's quotes, not one pass each."""

    def __init__(self, text: str, raws: list[Raw], heads: set[int]):
        self.words: dict[int, list[str]] = {}
        self.index: dict[str, list[int]] = {}
        self.hits: dict[tuple[str, ...], list[int]] = {}
        for b, r in enumerate(raws):
            if b in heads:
                continue
            ws = words_of(text[r.start:r.end])
            self.words[b] = ws
            for w in set(ws):
                self.index.setdefault(w, []).append(b)

    def find(self, own: list[str], after: int) -> int | None:
        if not own:
            return None
        key = tuple(own)
        hits = self.hits.get(key)
        if hits is None:
            best = min((self.index.get(w, []) for w in set(own)), key=len)
            hits = self.hits[key] = [b for b in best if _contains(self.words[b], own)]
        i = bisect.bisect_right(hits, after)
        return hits[i] if i < len(hits) else None


def _headline_quote(art: Article, text: str, raws: list[Raw], q: int, sent: Sentence, masked: str,
                    attrs: list[Attr], finder: _BodyQuoteFinder, forward: list[Person], kind: list,
                    speaker: list, cue: list, para_attr: dict) -> None:
    """A quote in a headline or subheading: the body quote that repeats its words, else its own attribution
    (``China calls ...``, ``...: Envoy``), else the speaker of the paragraph it introduces."""
    r = raws[q]
    b = finder.find(words_of(text[r.start:r.end]), q)
    if b is not None:
        kind[q], speaker[q], cue[q] = kind[b], speaker[b], ""
        return
    qtext = text[r.start:r.end]
    if name_like(qtext):
        kind[q] = "term"
        return
    attrs = [a for a in attrs if a.subject is not None]
    if attrs:
        kind[q], speaker[q], cue[q] = "speech", attrs[0].subject, attrs[0].cue
        if speaker[q].person is None and speaker[q].kind == "description":
            person = art.resolve_description(speaker[q].text, forward)
            speaker[q] = Mention(speaker[q].start, speaker[q].end, speaker[q].text, person, "description")
        return
    tag = TAG.match(masked[r.close - sent.start:])
    if tag is None:
        tail = masked[r.close - sent.start:]
        colon = tail.rfind(":")
        tag = TAG.match(tail[colon:]) if colon >= 0 else None
    if tag is not None:
        phrase = tag.group(1).strip()
        a = sent.start + masked.find(phrase, r.close - sent.start)
        low = phrase.lower()
        person = None
        if low in art.lex.alias_lower:
            person = art.actor(art.lex.alias_lower[low])
        elif ROLE_NOUN.search(phrase):
            person = art.resolve_description(phrase, forward if not art.lex.phrases.get(norm_phrase(phrase)) else None)
        if person is not None:
            kind[q], speaker[q], cue[q] = "speech", Mention(a, a + len(phrase), phrase, person, "description"), ""
            return
    nxt = para_attr.get(sent.para + 1)
    if sent.kind == "subhead" and nxt is not None:
        kind[q], speaker[q], cue[q] = "speech", Mention(nxt.subject.start, nxt.subject.end, "", nxt.subject.person, "name"), ""
        return
    kind[q] = "term" if count_words(qtext) <= 4 else "speech"


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """``needle`` occurs as a contiguous run of words in ``haystack``."""
    k = len(needle)
    first = needle[0]
    for i in range(len(haystack) - k + 1):
        if haystack[i] == first and haystack[i:i + k] == needle:
            return True
    return False


# --------------------------------------------------------------------------------------------- corpus level
def quotes_frame(rows: list[dict]) -> pd.DataFrame:
    """Quote rows (from :func:`quote_rows`) as one DataFrame ordered by ``file, start``."""
    if not rows:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    out = pd.DataFrame({c: [r[c] for r in rows] for c in QUOTE_COLUMNS}, columns=QUOTE_COLUMNS)
    return out.sort_values(["file", "start"], kind="stable").reset_index(drop=True)


def voice_row(text: str, speech: list[tuple[str, str, str]], sides: list[str], n_words: int | None = None) -> dict:
    """How much of ONE article is quoted speech, and whose (a pure function, for worker processes).

    In:  the cleaned ``text``; its ``speech`` quotes as ``(quote text, speaker, side)``; the ``sides`` of the
    actors list; ``n_words``: ``count_words(text)`` when the caller has it. Out: ``n_words, quoted_words,
    own_words, quoted_share, n_speakers, quoted_words_<side>`` (one per side) ``, quoted_words_unknown,
    us_gov_quoted_directly, india_gov_quoted_directly, us_mentioned_only_reported`` (see :func:`voices`)."""
    n_words = count_words(text) if n_words is None else n_words
    per_side = {f"quoted_words_{s}": 0 for s in sides}
    per_side["quoted_words_unknown"] = 0
    quoted = 0
    speakers: set[str] = set()
    for quote, speaker, side in speech:
        w = count_words(quote)
        quoted += w
        per_side[f"quoted_words_{side}" if side in sides else "quoted_words_unknown"] += w
        if speaker:
            speakers.add(speaker)
    quoted_sides = {side for _, _, side in speech}
    return {"n_words": n_words, "quoted_words": quoted, "own_words": n_words - quoted,
            "quoted_share": round(quoted / n_words, 4) if n_words else 0.0, "n_speakers": len(speakers),
            **per_side, "us_gov_quoted_directly": "US" in quoted_sides,
            "india_gov_quoted_directly": "India" in quoted_sides,
            "us_mentioned_only_reported": "US" not in quoted_sides and bool(US_MENTION.search(text))}


def actor_sides(actors: pd.DataFrame | None = None) -> list[str]:
    """The sides of the actors list (default: the project's), sorted; ``["other"]`` when it names none."""
    if actors is None:
        return list(_default_sides())  # asked once per article: read once per process, like the list itself
    return sorted(set(actors["side"])) or ["other"]


@lru_cache(maxsize=1)
def _default_sides() -> tuple[str, ...]:
    return tuple(actor_sides(default_actors()))


# --------------------------------------------------------------------------------------------- evaluation
#: Initials written with a space between them ("V. R. Chaudhari"): one person however the outlet spaces them.
_SPACED_INITIALS = re.compile(r"\b([A-Z])\.\s+(?=[A-Z]\.)")


def tidy_name(name: str) -> str:
    """A person's name as written, with spaced initials closed up (``V. R. Chaudhari`` -> ``V.R. Chaudhari``), so
    the same person counts once in the speaker tables."""
    return _SPACED_INITIALS.sub(r"\1.", name)


def canonical_speaker(name: str, actors: pd.DataFrame | None = None) -> str:
    """A speaker name mapped to the canonical name of the actors list (any alias, any case); others with their
    initials closed up (:func:`tidy_name`)."""
    name = tidy_name((name or "").strip())
    if not name:
        return ""
    lex = lexicon_for(actors)
    i = lex.alias_lower.get(name.lower())
    return lex.people[i].name if i is not None else name


def speech_spans(quotes: pd.DataFrame) -> dict[str, list[tuple[int, int, str, str, int]]]:
    """Per file, its ``speech`` quotations as ``(start, end, speaker, side, quote_id)``, sorted by start: the
    voice of a span of text (inside a quotation, whose; else the journalist's)."""
    out: dict[str, list[tuple[int, int, str, str, int]]] = {}
    if not len(quotes):
        return out
    speech = quotes[quotes["kind"] == "speech"].sort_values(["file", "start"], kind="stable")
    columns = ("file", "start", "end", "speaker", "side", "quote_id")  # as lists: iterating Arrow-backed columns is slow
    for file, start, end, speaker, side, quote_id in zip(*(speech[c].tolist() for c in columns)):
        out.setdefault(file, []).append((int(start), int(end), speaker, side, int(quote_id)))
    return out
