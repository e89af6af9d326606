"""Attributing speakers: the state of one article as it is read sentence by sentence (people named so far,
their genders and roles, anonymous sources) and the attributions of a sentence (speech cue + subject).

In:  masked sentences of one article and the :class:`helpers.extract.quotes.lexicon.Lexicon`.  Out: mentions,
resolved people and attributions for :mod:`helpers.extract.quotes.rows`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from helpers.corpus.structure import ABBREVIATIONS
from helpers.extract.actors import SIDES
from helpers.extract.quotes.bodies import Bodies, ambiguous_in, split_location
from helpers.extract.quotes.lexicon import (
    BOUNDARY,
    CAPWORD,
    CLAUSE_END,
    CUE,
    DESC_LEAD,
    DESC_TAIL,
    GAPPED_AFTER,
    GENERIC_OTHER,
    GENERIC_SUBJECT,
    INDEFINITE,
    INITIAL,
    INVERTING,
    LEAD,
    NAMING_VERB,
    NOT_NAME,
    OFFICIAL_ROLES,
    ONE_NAME,
    POSSESSIVE,
    PRONOUN,
    PRONOUN_START,
    ROLE_NOUN,
    STOP_WORDS,
    TITLE_WORDS,
    Lexicon,
    Person,
    cues,
    desc_key,
    glued,
    government_of,
    institution_of,
    institution_side,
    lower_pronouns,
    named_institution,
    nationality,
    norm_phrase,
    role_keys,
    runs,
    strip_trail,
    title_words,
    trail_stopper,
)
from helpers.extract.quotes.names import after_org, capitalised_before, describes_other, has_name_shape, name_segments


# --------------------------------------------------------------------------------------------- article state
@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    person: Person | None
    kind: str  # name | pronoun | description | state | anonymous | generic
    side: str = ""   # for state and anonymous speakers (no person): the side of the institution / nationality
    role: str = ""   # for anonymous speakers: the role noun as written (official, analyst, spokesperson)
    institution: str = ""  # for states, institutions and unnamed officials: the institution that speaks


@dataclass(slots=True)
class Attr:
    cue: str
    verb_start: int
    verb_end: int
    chunk_start: int     # where the subject chunk before the verb begins (== verb_start when empty)
    subject: Mention | None
    side: str = ""


@dataclass
class Sentence:
    start: int
    end: int
    kind: str
    para: int
    quotes: list[int]


#: A place preposition right before a surname-only alias: ``in Austin, Texas`` is a city, not Lloyd Austin.
_PLACE_PREPOSITIONS = frozenset("in at near outside around across".split())
_ACCORDING_BEFORE = re.compile(r"according to\s+$", re.I)
_POSS_AFTER = re.compile(r"['’]s?(?![\w])")
#: An unnamed official described anywhere in a sentence: a determiner, up to four describing words (no function
#: words), the role noun, and an optional place or body after it (``a senior State Department official``, ``a US
#: embassy spokesperson in New Delhi``, ``a spokesperson of the US Embassy``).
_MODIFIER = r"(?:(?!(?:the|that|this|which|who|whom|and|or|but|to|of|with|by|for|on|in|at|from|said|says|told)\s)[\w.’'-]+\s+)"
_TAIL = r"(?:\s+(?:in|at|of|from)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?"
ANONYMOUS = re.compile(r"(?<![\w’'])(?:[Aa]n?|[Oo]ne)\s+" + _MODIFIER + r"{0,4}?(?P<noun>official|diplomat|"
                       r"spokes(?:person|man|woman)|source|aide|negotiator|envoy)(?![\w’'-])" + _TAIL)
_ANON_NOUN = re.compile(r"official\b|diplomat\b|spokes|source\b|aide\b|negotiator\b|envoy\b")
#: A mission named with its place anywhere in a sentence (``the US Embassy in New Delhi``).
_MISSION = re.compile(r"(?:[\w.’']+\s+)(?:[Ee]mbassy|[Hh]igh [Cc]ommission|[Cc]onsulate)\s+in\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?")
_NAME_AFTER = re.compile(r",?\s+[A-Z]")
_OF_AFTER = re.compile(r"\s+of\b")
#: A document and its participle right before a speech verb, no comma or quotation between: ``a joint statement
#: issued after the talks [said]``, ``a statement released by the Foreign Office [said]``.
#: The nouns of documents that speak for whoever issued them.
_DOCUMENT_NOUNS = r"(?:statement|release|communiqu[eé]|declaration|readout)"
_DOCUMENT = re.compile(r"(?<![\w’'])(?P<doc>(?:[Aa]n?|[Tt]he)\s+(?:[\w’'-]+\s+){0,3}?" + _DOCUMENT_NOUNS + r")"
                       r"\s+(?:issued|released|published|adopted|put out)\b"
                       r"(?:\s+by\s+(?P<by>[^,;\x01]{2,60}?)|[^,;\x01]{0,120}?)\s*$")
#: A comma-set phrase that is not a subject: a participle or relative clause (``, speaking on condition of ...,``).
_PARENTHETICAL = re.compile(r"\s*(?:[a-z]+ing|who|which|whose|citing|according|as|in|on|at|after|before|during)\b")
#: What follows a speech verb that is its object, not an inverted subject (``wrote to the secretary``).
_OBJECT_START = re.compile(r"\s*(?:to|for|on|in|at|with|about|of|from|that|it|this|them|him|her)\b", re.I)
#: A document as a subject, with the body that issued it before its noun or none (``a Pakistan foreign ministry
#: statement``, ``the release``).
_DOC_HEAD = re.compile(r"^(?:the |a |an |its |their )?(?P<by>.*?)\s*(?:press )?" + _DOCUMENT_NOUNS + "$")
_OF_INSTITUTION = re.compile(r"^\s*(?:of|from|at|for)\s+(.+)$")
#: Pronoun preference when the most recent compatible person's gender is unknown: for ``he`` that person
#: (most people quoted on this beat are men, and a newly introduced person is the usual referent); for ``she``
#: a person known to be a woman (actors list or a title: Ms, Mrs, spokeswoman) in the recent context wins.
_UNKNOWN_GENDER_FIRST = {"m": True, "f": False}


class Article:
    def __init__(self, text: str, lex: Lexicon, published: date | None):
        self.text = text
        self.lex = lex
        self.published = published
        self.local: dict[str, Person] = {}      # people named in this article but not in the list
        self.token_person: dict[str, Person] = {}  # a name token -> the person most recently named with it
        self.loose_tokens: list[str] = []        # those tokens that are not aliases of the list themselves
        self.loose_set: set[str] = set()
        self.established: set[str] = set()       # people whose full name or role phrase appeared already
        self.known: dict[int, Person] = {}      # per-article copies (gender may be learned)
        self.mentioned: list[Person] = []       # every person mention, in order
        self.last_seen: dict[str, int] = {}      # person name -> index of the last mention
        self.salient: list[Person] = []         # sentence subjects and speakers, in order
        self.all_mentions: list[Mention] = []
        self._lower_cache: dict[str, bool] = {}
        self._pool_memo: dict[tuple, Person | None] = {}
        self.bodies = Bodies(text)               # institutions named so far (where they sit, whose they are)
        self.paragraph = 0                       # the paragraph being read (set by the reader of the sentences)
        self._para_of: dict[int, int] = {}       # id(person) -> the paragraph they were last mentioned in

    # ---- people
    def remember(self, person: Person) -> None:
        self.last_seen[person.name] = len(self.mentioned)
        self.mentioned.append(person)
        self._para_of[id(person)] = self.paragraph

    def make_salient(self, person: Person) -> None:
        """``person`` is a sentence's subject or a quotation's speaker: a pronoun's first candidate."""
        self.salient.append(person)
        self._para_of[id(person)] = self.paragraph

    def _near(self, person: Person) -> bool:
        """Was ``person`` last mentioned in this paragraph or the one before (a pronoun's reach)?"""
        return self._para_of.get(id(person), -2) >= self.paragraph - 1

    def actor(self, i: int) -> Person:
        if i not in self.known:
            p = self.lex.people[i]
            self.known[i] = Person(p.name, p.gender, p.country, set(p.keys), p.side, p.role, True, p.gender_from)
        return self.known[i]

    def _learn_tokens(self, name: str, person: Person) -> None:
        """Every token of a full name now points to ``person`` (``Wang`` -> the last-named Wang Wenbin)."""
        for token in name.split():
            if not INITIAL.fullmatch(token) and token.lower() not in TITLE_WORDS:
                if token not in self.token_person and token not in self.lex.alias:
                    self.loose_tokens.append(token)
                    self.loose_set.add(token)
                self.token_person[token] = person

    def unknown(self, name: str, title: str) -> Person:
        """A person not in the actors list, by the name as written; a single name is the person most recently
        named in full with it (``Kapoor`` after ``Pavan Kapoor``)."""
        tokens = name.split()
        if len(tokens) == 1 and name in self.token_person:
            return self.token_person[name]
        person = self.local.get(name)
        if person is None:
            country = nationality(title + " official") if title else None
            person = Person(name, "", country, role_keys(title) if title else {"person"},
                             country if country in SIDES else "", "", False)
            self.local[name] = person
        if title:
            person.title_words |= title_words(title)
        if len(tokens) >= 2:
            self._learn_tokens(name, person)
        return person

    def _has_loose_token(self, masked: str) -> bool:
        """Does the sentence contain a single-word name token learned from a full name (``Kapoor``)?"""
        loose = self.loose_tokens
        if not loose:
            return False
        if len(loose) <= 8:
            return any(t in masked for t in loose)
        for w in CAPWORD.findall(masked):
            if w in self.loose_set or ("’" in w or "'" in w) and POSSESSIVE.sub("", w) in self.loose_set:
                return True
        return False

    def _lower_word(self, word: str) -> bool:
        """``word`` occurs in lower case somewhere in the article (so it is an ordinary word here: price, miller)."""
        hit = self._lower_cache.get(word)
        if hit is None:
            hit = word in self.text and re.search(r"(?<![\w’'])" + re.escape(word) + r"(?![\w’'])", self.text) is not None
            self._lower_cache[word] = hit
        return hit

    def _surname_ok(self, masked: str, s: int, e: int, alias: str, person: Person) -> bool:
        """May the surname-only alias ``masked[s:e]`` name ``person``? (see :mod:`helpers.extract.actors`)."""
        before = masked[max(0, s - 16):s]
        prev = before.rsplit(None, 1)[-1].lower() if before.endswith(" ") and before.strip() else ""
        if prev in _PLACE_PREPOSITIONS and not _POSS_AFTER.match(masked, e):
            return False
        if person.name in self.established or _ACCORDING_BEFORE.search(before):
            return True
        if CUE.search(masked, e, min(len(masked), e + 24)):
            return True
        return not self._lower_word(alias.lower())

    # ---- mentions in a masked sentence
    def mentions(self, masked: str, offset: int, lower: str | None = None) -> list[Mention]:
        found: list[Mention] = []
        t_starts: list[int] = []
        t_ends: list[int] = []
        lex = self.lex
        if lex.alias_re is not None:
            for m in lex.alias_re.finditer(masked):
                s, e = m.span()
                if glued(masked, s) or after_org(masked, e):
                    continue
                g = m.group()
                multi = " " in g
                if not multi and capitalised_before(masked, s):
                    continue  # "Asim Qureshi" is not the Qureshi of the list
                person = self.actor(lex.alias[g])
                if g in lex.surname_only and not self._surname_ok(masked, s, e, g, person):
                    continue
                if multi:
                    self.established.add(person.name)
                    self._learn_tokens(g, person)
                found.append(Mention(offset + s, offset + e, g, person, "name"))
                t_starts.append(s)
                t_ends.append(e)
        # single capitalised words count only when they are a token of a name already seen (Kapoor after
        # Pavan Kapoor): when the sentence has none, only runs of two or more capitalised words are read
        for ra, rb in runs(masked, not self._has_loose_token(masked)):
            run = masked[ra:rb]
            if " " not in run:
                word = POSSESSIVE.sub("", run)
                if word.lower() in NOT_NAME or word not in self.token_person:
                    continue
            else:
                k = bisect.bisect_right(t_ends, ra)
                if k < len(t_starts) and t_starts[k] <= ra and rb <= t_ends[k]:
                    continue  # the whole run is an alias of the list (Sergei Lavrov)
                if STOP_WORDS.issuperset(run.lower().replace("’s", "").replace("'s", "").replace(".", "").split()):
                    continue  # only places, institutions and titles (New Delhi, Foreign Minister)
            for a, b, title, strong, gender in name_segments(masked, ra, rb):
                k = bisect.bisect_right(t_ends, a)
                if k < len(t_starts) and t_starts[k] < b or after_org(masked, b):
                    continue
                name = masked[a:b]
                if not strong and name not in self.token_person:
                    continue
                person = self.unknown(name, title)
                if gender and person.gender_from not in ("list", "title"):
                    person.gender, person.gender_from = gender, "title"
                found.append(Mention(offset + a, offset + b, name, person, "name"))
        if "mbassy" in masked or "ommission" in masked or "onsulate" in masked:
            for m in _MISSION.finditer(masked):
                self.bodies.resolve(m.group())  # "prompting the US Embassy in New Delhi to say": its host is known
        if _ANON_NOUN.search(masked):
            for m in ANONYMOUS.finditer(masked):
                if _NAME_AFTER.match(masked, m.end()) or m.group("noun").lower() == "source" and _OF_AFTER.match(masked, m.end()):
                    continue  # a title before a name (a spokesperson Ned Price), a source of friction
                found.append(self._anonymous_mention(m.group(), offset + m.start(), offset + m.end(), m.group("noun").lower()))
        if lower is not None:
            first = PRONOUN_START.match(lower)
            if first is not None:
                found.append(Mention(offset, offset + first.end(), masked[:first.end()], None, "pronoun"))
            for s, e in lower_pronouns(lower):
                found.append(Mention(offset + s, offset + e, masked[s:e], None, "pronoun"))
        else:
            for m in PRONOUN.finditer(masked):
                found.append(Mention(offset + m.start(), offset + m.end(), m.group(), None, "pronoun"))
        found.sort(key=lambda x: x.start)
        return found

    def resolve_pronoun(self, word: str) -> Person | None:
        """The most recent salient (else mentioned) person whose gender does not conflict, first among those
        mentioned in this paragraph or the one before, then further back; see :data:`_UNKNOWN_GENDER_FIRST` for a
        person of unknown gender."""
        gender = "f" if word.lower() == "she" else "m"
        for near_only in (True, False):
            for pool in (self.salient, self.mentioned):
                unknown = None
                for person in reversed(pool[-12:]):
                    if near_only and not self._near(person):
                        continue
                    if person.gender == gender and (unknown is None or person.gender_from in ("list", "title")):
                        return person
                    if not person.gender and unknown is None:
                        unknown = person
                        if _UNKNOWN_GENDER_FIRST[gender]:
                            break
                if unknown is not None:
                    unknown.gender, unknown.gender_from = gender, "pronoun"
                    return unknown
        return None

    def note(self, mentions: list[Mention]) -> None:
        """Record a sentence's mentions (resolving pronouns in order); its first person becomes salient."""
        first = True
        for m in mentions:
            if m.kind == "pronoun" and m.person is None:
                m.person = self.resolve_pronoun(m.text)
            if m.person is not None:
                self.remember(m.person)
                self.all_mentions.append(m)
                if first:
                    self.make_salient(m.person)
                    first = False

    def speaks_for(self, chunk: str, noun: str, country: str | None) -> str:
        """The institution an unnamed official speaks for: the one named in the description ("a State Department
        official", "a spokesperson of the US Embassy"), with its host when a place follows ("a US embassy
        spokesperson in New Delhi" -> US Embassy in India); a bare body noun is the body of that kind named last in
        the article ("an embassy spokesperson"); else their nationality's government ("Indian officials"); none
        for analysts, experts and the like, who speak for themselves, or when nothing is known."""
        if noun not in OFFICIAL_ROLES:
            return ""
        core, host = split_location(chunk)
        role = ROLE_NOUN.search(core)
        head, tail = (core[: role.start()], core[role.end():]) if role else (core, "")
        of = _OF_INSTITUTION.match(tail)
        found = named_institution(core) or self.bodies.bare(head.strip()) or ambiguous_in(head)
        if found is None and of is not None:
            found = institution_of(of.group(1))
        if found is None:
            found = government_of(country)
        return self.bodies.name(found, host)[0] if found else ""

    def _anonymous_mention(self, phrase: str, start: int, end: int, noun: str) -> Mention:
        """An unnamed official described anywhere in a sentence ("quoting a senior State Department official"),
        so that a later "the official" / "the source" refers back to it (remembered by :meth:`note`)."""
        country = nationality(phrase) or institution_side(phrase)
        side = country if country in SIDES else ""
        speaks = self.speaks_for(phrase, noun, country)
        person = Person("", "", country, role_keys(noun) | {"source"}, side, noun, False, speaks_for=speaks)
        return Mention(start, end, phrase, person, "anonymous", side, noun, speaks)

    def _voice_of(self, chunk: str, at: int) -> tuple[str, str, str] | None:
        """A document or "it" as a subject: ``a Pakistan foreign ministry statement`` is that ministry; ``it``, ``the
        statement``, ``the release`` are the institution attributed last, nearby (:meth:`Bodies.last_speaker`)."""
        low = " ".join(chunk.lower().split())
        doc = _DOC_HEAD.match(low)
        if doc is not None and doc.group("by"):
            return self.bodies.resolve(" ".join(chunk.split())[: doc.end("by")])
        if doc is not None or low == "it":
            return self.bodies.last_speaker(at)
        return None

    def anonymous(self, noun: str, side: str, country: str | None, speaks_for: str = "") -> Person:
        """A new anonymous source (``a senior US official``): no name, the side of its nationality, the role noun as
        role and its role group as keys, so that ``the official`` / ``he`` can refer back to it; ``speaks_for`` is
        the institution an official speaks for (the quotation's speaker), else the speaker stays empty."""
        keys = role_keys(noun) | ({"source"} if speaks_for else set())
        person = Person("", "", country, keys, side, noun, False, speaks_for=speaks_for)
        self.remember(person)
        self.make_salient(person)
        return person

    # ---- descriptions
    def resolve_description(self, phrase: str, pool: list[Person] | None = None) -> Person | None:
        """A definite description (``the Russian ambassador``, ``the diplomat``): the dated role phrase of the
        actors list, else the most recent named person whose role words and nationality fit."""
        norm = norm_phrase(phrase)
        norm = DESC_LEAD.sub("", norm)
        hits = []
        for key in (norm, DESC_TAIL.sub("", norm)):
            for i, lo, hi in self.lex.phrases.get(key, []):
                if self.published is None or ((lo is None or lo <= self.published) and (hi is None or self.published <= hi)):
                    hits.append(i)
            if hits:
                break
        if hits:
            best = max(hits, key=lambda i: self.last_seen.get(self.lex.people[i].name, -1))
            person = self.actor(best)
            self.established.add(person.name)
            return person
        key = desc_key(norm)
        country = nationality(phrase)
        if pool is not None:  # the forward pool of headline tags: the same answer for every tag of this kind
            memo = (id(pool), key, country)
            if memo not in self._pool_memo:
                self._pool_memo[memo] = next((p for p in pool if key in p.keys and (
                    country is None or p.country is None or p.country == country)), None)
            return self._pool_memo[memo]
        # the most recent person who fits; among those, one named with a title that shares a word with the
        # description first ("the Chief of the Air Staff" is the Air Chief Marshal, not a Wing Commander)
        words = title_words(norm) - {"person"}
        fits = None
        for person in reversed(self.mentioned[-40:]):
            if key in person.keys and (country is None or person.country is None or person.country == country):
                if not words or person.title_words & words:
                    return person
                if fits is None:
                    fits = person
        return fits

    # ---- subjects
    def subject(self, masked: str, offset: int, a: int, b: int, mentions: list[Mention],
                m_starts: list[int]) -> Mention | None:
        """Parse ``masked[a:b]`` (the words before or after a speech verb) as the speaker. ``m_starts`` are the
        start offsets of ``mentions`` (sorted), for a bisect."""
        read = _long_chunk(masked, a, b) if b - a > LONG_CHUNK else None
        if read is None:
            chunk = masked[a:b].rstrip()
            b = a + len(chunk)
            lead = LEAD.match(chunk)
            if lead:
                a += lead.end()
                chunk = chunk[lead.end():]
            untrimmed = chunk.strip()
            chunk = strip_trail(chunk).strip()
            if chunk != untrimmed and institution_of(split_location(untrimmed)[0]) is not None:
                chunk = untrimmed  # a name ending in a trailing word: India Today
            chunk = _head_of_long(chunk)
        else:
            chunk, a = read
        if not chunk or "\x01" in chunk or len(chunk.split()) > 9:
            return None
        a = masked.find(chunk, a)
        b = a + len(chunk)
        k = bisect.bisect_left(m_starts, offset + a)
        owner = None  # a possessive name (Jaishankar’s spokesperson X): the speaker only if no other name follows
        while k < len(mentions) and mentions[k].start < offset + b:
            m = mentions[k]
            if m.end <= offset + b and m.person is not None:
                if describes_other(masked[a:m.start - offset]):
                    break  # a description whose head is not this name: an analyst close to Jaishankar
                if owner is None and _POSS_AFTER.match(masked, m.end - offset):
                    owner = m
                    k += 1
                    continue
                return Mention(offset + a, m.end, masked[a:m.end - offset], m.person, m.kind)
            k += 1
        if owner is not None and not ROLE_NOUN.search(masked, owner.end - offset, b):
            return Mention(offset + a, owner.end, masked[a:owner.end - offset], owner.person, owner.kind)
        low = chunk.lower()
        if low in self.lex.alias_lower:
            # case-insensitive only inside an attribution (scrape damage: "alipov Told"), and a lower-case
            # surname only for a person already named in full (never "price said" -> Ned Price)
            person = self.actor(self.lex.alias_lower[low])
            if chunk in self.lex.alias or " " in chunk or person.name in self.established:
                return Mention(offset + a, offset + b, chunk, person, "name")
        institution = self.bodies.resolve(chunk)
        if institution is None:
            institution = self._voice_of(chunk, offset + a)
        if institution is not None:
            speaker, kind_of, side = institution
            return Mention(offset + a, offset + b, chunk, None, "state", side, kind_of, speaker)
        role = ROLE_NOUN.search(chunk)
        if INDEFINITE.match(chunk) or GENERIC_SUBJECT.match(chunk) and not low.startswith("the "):
            # a NEW anonymous source: never a named person (a senior US official, Indian officials, sources)
            country = nationality(chunk) or institution_side(chunk)
            noun = role.group(1).lower() if role else ""
            side = country if country in SIDES else ""
            speaks_for = self.speaks_for(chunk, noun, country)
            person = None
            if role and not role.group().lower().endswith("s") and not GENERIC_SUBJECT.match(chunk):
                person = self.anonymous(noun, side, country, speaks_for)  # one new source: "the official" may refer back
            return Mention(offset + a, offset + b, chunk, person, "anonymous", side, noun, speaks_for)
        if role and (chunk[:1].islower() or not has_name_shape(chunk)):
            person = self.resolve_description(chunk)
            if person is None and desc_key(norm_phrase(chunk)) != "person" and low.startswith("the "):
                # nobody compatible was mentioned: a new anonymous source (the expert, the official)
                country = nationality(chunk) or institution_side(chunk)
                noun = role.group(1).lower()
                person = self.anonymous(noun, country if country in SIDES else "", country,
                                        self.speaks_for(chunk, noun, country))
            elif person is not None:
                self.remember(person)
            return Mention(offset + a, offset + b, chunk, person, "description")
        if ONE_NAME.fullmatch(chunk) and low not in NOT_NAME:
            return Mention(offset + a, offset + b, chunk, self.unknown(chunk, ""), "name")
        if GENERIC_SUBJECT.match(low) or GENERIC_OTHER.match(low):
            return Mention(offset + a, offset + b, chunk, None, "generic")
        return None


def attributions(art: Article, masked: str, offset: int, mentions: list[Mention],
                  lower: str | None = None) -> list[Attr]:
    attrs: list[Attr] = []
    m_starts = [m.start for m in mentions]
    clauses = _ClauseEnds(masked)
    for vs, ve, cue, verb in cues(masked, lower):
        window = max(0, vs - 120)
        chunk_start = window
        last_b = prev_end = None
        for b in BOUNDARY.finditer(masked, window, vs):
            prev_end = chunk_start
            chunk_start = b.end()
            last_b = b
        subject = None
        if verb[-1:] == "s" and last_b is not None and last_b.group().lower() == "and" and attrs\
                and GAPPED_AFTER.match(masked, ve) and NAMING_VERB.match(attrs[-1].cue):
            continue  # "called the threat “blackmail” and the US demands “unacceptable”": a noun, not a verb
        if last_b is not None and last_b.group().lower() == "who" and verb != "according":
            # "a senior official who accompanied Jaishankar told": the subject is the phrase before "who"
            subject = art.subject(masked, offset, prev_end, last_b.start(), mentions, m_starts)
            if subject is not None:
                attrs.append(Attr(cue, offset + vs, offset + ve, offset + prev_end, subject))
                continue
        doc = _DOCUMENT.search(masked, window, vs) if verb != "according" else None
        if doc is not None:
            # "a joint statement issued after the talks said": the document speaks, or whoever issued it ("a
            # statement released by the ministry said"), not a name inside the participle phrase
            a, b = doc.span("by") if doc.group("by") else doc.span("doc")
            subject = art.subject(masked, offset, a, b, mentions, m_starts)
            if subject is not None:
                attrs.append(Attr(cue, offset + vs, offset + ve, offset + doc.start(), subject))
                _heard(art, subject, offset + vs)
                continue
        if verb == "according":
            end = clauses.end(ve)
            subject = art.subject(masked, offset, ve, end, mentions, m_starts)
            chunk_start = vs
        else:
            if masked[chunk_start:vs].strip():
                subject = art.subject(masked, offset, chunk_start, vs, mentions, m_starts)
            else:
                chunk_start = vs
            if subject is None and not masked[chunk_start:vs].strip() and verb in INVERTING\
                    and not (last_b is not None and last_b.group()[:1].isalpha())\
                    and not _OBJECT_START.match(masked, ve):  # not "... and said the two ...", "wrote to the ..."
                subject = art.subject(masked, offset, ve, clauses.end(ve), mentions, m_starts)
            if subject is None and not masked[chunk_start:vs].strip() and last_b is not None and last_b.group() == ","\
                    and not verb.endswith("ing"):  # ", adding ...": the sentence's previous attribution
                span = _apposed(masked, offset, window, vs, mentions)
                if span is not None:
                    subject = art.subject(masked, offset, span[0], span[1], mentions, m_starts)
                    chunk_start = span[0] if subject is not None else chunk_start
        attrs.append(Attr(cue, offset + vs, offset + ve, offset + chunk_start, subject))
        if subject is not None:
            _heard(art, subject, offset + vs)
    # verbs with no subject of their own: the previous attribution of the sentence, else its first person
    first_person = next((x for x in mentions if x.person is not None), None)
    prev = None  # the subject of the latest attribution that has one
    for at in attrs:
        if at.subject is None:
            if prev is not None:
                at.subject = prev
            elif first_person is not None and first_person.start < at.verb_start:
                at.subject = first_person
        if at.subject is not None:
            prev = at.subject
    return attrs


def _heard(art: Article, subject: Mention, at: int) -> None:
    """Tell the article's bodies who spoke at ``at`` (their side; the institution, when one spoke)."""
    if subject.person is not None:
        art.bodies.heard(subject.person.side)
    else:
        art.bodies.heard(subject.side, (subject.institution, subject.role, subject.side) if subject.kind == "state" else None, at)


def _apposed(masked: str, offset: int, window: int, vs: int, mentions: list[Mention]) -> tuple[int, int] | None:
    """The subject of a verb right after a comma, set off by commas before it: ``the chair of the committee,
    Senator Robert Menendez, wrote`` (a name among the last two comma-separated segments wins), ``Indian officials,
    speaking on condition of anonymity, told`` / ``Lavrov, responding to a question, said`` (a participle or
    relative clause is skipped). Returns the segment's span in ``masked``, or None."""
    commas = [i for i in range(window, vs) if masked[i] == ","]
    segments = []
    for k in range(len(commas) - 1, -1, -1):
        a = commas[k - 1] + 1 if k > 0 else window
        if not _PARENTHETICAL.match(masked, a, commas[k]):
            segments.append((a, commas[k]))
            if len(segments) == 2:
                break
    segments = [(max(a, masked.rfind("\x01", a, b) + 1), b) for a, b in segments]  # after a quotation
    segments = [(a, b) for a, b in segments if masked[a:b].strip()]
    if not segments:
        return None
    for a, b in segments:
        if any(m.kind == "name" and offset + a <= m.start and m.end <= offset + b for m in mentions):
            return a, b
    return segments[0]


def _clause_end(masked: str, pos: int) -> int:
    """Where the clause starting at ``pos`` ends (a comma, colon, bracket, dash, quotation or full stop; not the
    stop of an abbreviated title or an initial: ``said Sen. Bob Menendez``, ``said S. Jaishankar``). A scan to the
    clause's end: :class:`_ClauseEnds` gives the same answers for a whole sentence in one pass (used by
    :func:`attributions`); this is their reference."""
    while True:
        m = CLAUSE_END.search(masked, pos)
        if m is None:
            return len(masked)
        if m.group() == ".":
            word = masked[max(pos, m.start() - 5):m.start()].rsplit(" ", 1)[-1]
            if word.lower() in ABBREVIATIONS or len(word) == 1 and word.isupper():
                pos = m.end()
                continue
        return m.start()


def _abbreviation_stop(masked: str, pos: int, dot: int) -> bool:
    """The full stop at ``dot`` ends an abbreviated title or an initial (read back no further than ``pos``)."""
    word = masked[max(pos, dot - 5):dot].rsplit(" ", 1)[-1]
    return word.lower() in ABBREVIATIONS or len(word) == 1 and word.isupper()


#: Every position where :data:`CLAUSE_END` matches (zero-width, so overlapping `` - - `` runs are all listed).
_CLAUSE_END_AT = re.compile(r"(?=" + CLAUSE_END.pattern + r")")


class _ClauseEnds:
    """:func:`_clause_end` for every position of ONE masked sentence, each answer a bisection instead of a scan
    to the clause's end (a sentence of many cues and no punctuation would be read once per cue: quadratic).
    Built on first use, in one pass over the sentence."""

    def __init__(self, masked: str):
        self.masked = masked
        self.starts: list[int] | None = None
        self.next_end: list[int] = []

    def _build(self) -> None:
        masked = self.masked
        starts = [m.start() for m in _CLAUSE_END_AT.finditer(masked)]
        # next_end[i]: the first j >= i whose match ends the clause when the scan reaches it from match j - 1
        # (a full stop right after another skipped one is read back no further than that stop)
        next_end = [len(starts)] * (len(starts) + 1)
        for j in range(len(starts) - 1, -1, -1):
            p = starts[j]
            skipped = j > 0 and masked[p] == "." and _abbreviation_stop(masked, starts[j - 1] + 1, p)
            next_end[j] = next_end[j + 1] if skipped else j
        self.starts, self.next_end = starts, next_end

    def end(self, pos: int) -> int:
        """``_clause_end(masked, pos)``."""
        if self.starts is None:
            self._build()
        starts = self.starts
        i = bisect.bisect_left(starts, pos)
        if i == len(starts):
            return len(self.masked)
        p = starts[i]
        if self.masked[p] != "." or not _abbreviation_stop(self.masked, pos, p):
            return p
        j = self.next_end[i + 1]
        return starts[j] if j < len(starts) else len(self.masked)


#: A subject span longer than this is read from its first words when that decides it (:func:`_long_chunk`).
LONG_CHUNK = 160
_NON_SPACE = re.compile(r"\S+")


def _head_of_long(chunk: str) -> str:
    """A subject of more than nine words that starts like a description: its head noun when it comes within six
    words (``an analyst at the ... in ...`` -> ``an analyst``); else ``chunk`` unchanged."""
    if len(chunk.split()) > 9 and (INDEFINITE.match(chunk) or chunk.lower().startswith("the ")):
        head = ROLE_NOUN.search(chunk)
        if head is not None and len(chunk[:head.end()].split()) <= 6:
            return chunk[:head.end()]
    return chunk


def _long_chunk(masked: str, a: int, b: int) -> tuple[str, int] | None:
    """The subject chunk of ``masked[a:b]`` and where it starts (what :meth:`Article.subject` computes with
    ``LEAD``, :func:`strip_trail` and :func:`_head_of_long`), read from its first words only; None when they do
    not decide it (the general path then reads the whole span).

    They decide it when a word that :func:`strip_trail` never takes off (:func:`trail_stopper`) comes 11th or
    later: then at least ten words stay after the lead word and the trail are gone, so the chunk is either the
    head noun within its first six words or too long to be a subject (``""``). Everything that decides that lies
    in the words read (the longest role noun has four words). So each cue of a long clause costs the words up to
    such a word, not the clause."""
    count = 0
    stop = -1
    for m in _NON_SPACE.finditer(masked, a, b):
        count += 1
        if count >= 11 and trail_stopper(m.group()):
            stop = m.end()
            break
    if stop < 0:
        return None
    prefix = masked[a:stop]
    lead = LEAD.match(prefix)
    if lead:
        a += lead.end()
        prefix = prefix[lead.end():]
    head = _head_of_long(prefix.strip())
    return (head, a) if len(head.split()) <= 9 else ("", a)
