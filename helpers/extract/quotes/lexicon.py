"""What attribution reads: speech cues, role and title words, nationality and institution words, capitalised-run
patterns, and the actors list compiled into a :class:`Lexicon` (aliases, role phrases, surnames).

In:  the knowledge files (``helpers/data/actors.csv``, ``not_people.csv``, ``institutions.csv``).  Out: compiled
patterns and lookup tables for :mod:`helpers.extract.quotes.speakers`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from helpers.extract.actors import default_actors, institutions, load_institutions, load_not_people, parse_bound
from helpers.extract.trie import trie_pattern

# --------------------------------------------------------------------------------------------- lexicon
#: Role nouns: real titles and functions only (what makes a phrase a description of a person).
ROLE_NOUN = re.compile(
    r"\b(deputy chief of mission|charg[eé] d['’]affaires|high commissioner|foreign minister|external affairs minister|"
    r"defen[cs]e minister|prime minister|secretary of state|defen[cs]e secretary|ambassador|envoy|"
    r"diplomat|minister|spokes(?:person|man|woman)|president|secretary|counterpart|official|premier|chancellor|"
    r"leader|chief|commander|marshal|general|admiral|analyst|expert|adviser|advisor|director|head|source|observer|"
    r"officer|aide|negotiator|lawmaker|senator|legislator|representative|researcher|scholar|professor|"
    r"strategist|insider|executive|academic|commentator|brigadier|colonel|commodore|lieutenant|congressman|"
    r"congresswoman)s?\b", re.I)
NATIONALITY = {
    "russian": "Russia", "russia's": "Russia", "russia’s": "Russia", "moscow's": "Russia", "moscow’s": "Russia",
    "kremlin": "Russia",
    "indian": "India", "india's": "India", "india’s": "India", "delhi's": "India", "delhi’s": "India",
    "us": "US", "u.s.": "US", "american": "US", "america's": "US", "america’s": "US", "washington's": "US",
    "washington’s": "US", "pentagon": "US", "white": "US",
    "chinese": "China", "china's": "China", "china’s": "China", "beijing's": "China", "beijing’s": "China",
    "pakistani": "Pakistan", "pakistan's": "Pakistan", "pakistan’s": "Pakistan", "islamabad's": "Pakistan",
}
#: Lower-case capitalised words that are never part of a person's name (helpers/data/not_people.csv).
_NOT_PEOPLE = load_not_people()
NOT_NAME = frozenset(w for w, c in _NOT_PEOPLE.items() if c != "term_noun")
TERM_NOUNS = frozenset(w for w, c in _NOT_PEOPLE.items() if c == "term_noun")
#: States and institutions that can be the subject of a speech verb (helpers/data/institutions.csv).
STATES = load_institutions()
#: The same names -> (speaker, role, side): the institution each name stands for ("washington" -> US government).
INSTITUTIONS = institutions()
#: (role, side) -> the first institution of ``institutions.csv`` of that kind and side: how a body is named when
#: the text names only its kind and country ("the Pakistani foreign ministry" -> Pakistan Foreign Office).
ROLE_SIDE: dict[tuple[str, str], tuple[str, str, str]] = {}
for _speaker, _role, _side in INSTITUTIONS.values():
    if _side:
        ROLE_SIDE.setdefault((_role, _side), (_speaker, _role, _side))
#: The adjective of each side's nationality, to name its bodies ("the Chinese embassy" -> Chinese Embassy).
ADJECTIVE = {"Russia": "Russian", "India": "Indian", "US": "US", "China": "Chinese", "Pakistan": "Pakistani"}
#: A side's name used before a body noun ("a Pakistan foreign ministry statement").
_COUNTRY_NOUNS = {**{side.lower(): side for side in ADJECTIVE}, "u.s.": "US"}
#: Bodies that are the government itself ("the Indian side said" is the Government of India).
GOVERNMENT_BODIES = frozenset({"government", "side", "administration", "authorities", "leadership", "establishment"})
#: Role nouns of people who speak for an institution when unnamed ("a senior State Department official", "Indian
#: government sources"): their quotations are the institution's. Analysts, experts and observers speak for themselves.
OFFICIAL_ROLES = frozenset({"official", "diplomat", "source", "spokesperson", "spokesman", "spokeswoman", "aide",
                            "negotiator", "officer", "envoy"})
#: ``the Chinese embassy``, ``Russia’s foreign ministry``, ``the Indian side``: a body of a nationality.
BODY = re.compile(
    r"^(?:the |an? )?(?P<nat>[\w.’']+) (?:(?:foreign|defen[cs]e|external affairs|home|finance|commerce) )?"
    r"(?:embassy|ministry|government|side|mission|high commission|consulate|administration|military|army|navy|"
    r"air force|foreign office|establishment|leadership|delegation|authorities|state media|media)$", re.I)
#: Determiners and quantifiers that make a description indefinite: a NEW anonymous speaker, never a named person.
INDEFINITE = re.compile(r"^(?:a|an|one|some|several|two|three|four|many|other|another|various|unnamed|"
                         r"anonymous)\b", re.I)
#: Bare plural or generic sources: officials said, sources said, Indian officials, people familiar with ...
GENERIC_SUBJECT = re.compile(
    r"^(?:(?:top|senior|government|defence|defense|foreign|military|ministry|administration|western|"
    r"[\w.’']+ian|us|u\.s\.|chinese|american|pakistani|other) )*(?:officials|sources|analysts|experts|observers|"
    r"diplomats|people|insiders|officers|authorities|reports|media|critics|lawmakers|spokesperson|spokesman|"
    r"spokeswoman)\b", re.I)
#: Subjects that are nobody in particular (no person, no side): ``it said``, ``the report said``, ``they said``.
GENERIC_OTHER = re.compile(
    r"^(?:the |some |many |several |two |three |senior |top )*(?:[a-z]+ )?(?:it|they|ministry|government|embassy|"
    r"statement|agency|report|reports|media|daily|newspaper|side|people)$")
TITLE_WORDS = frozenset("""minister ministry foreign external affairs defence defense secretary ambassador envoy
    spokesperson spokesman spokeswoman deputy chief mission president prime vice chairman general gen lt col
    air marshal admiral adm retired dr mr mrs ms miss sir madam prof senator sen rep governor director editor
    associate senior special commander head adviser advisor national security counsellor chargé charge official
    under assistant principal high commissioner consul state office affairs of the and press information cabinet
    union counsel army navy force chair representative leader external""".split()) | frozenset(
    w for w, c in _NOT_PEOPLE.items() if c == "title")  # ranks and titles: helpers/data/not_people.csv, category title
#: Place and organisation nouns: a name segment right before one (``Observer Research Foundation``, ``Galwan Valley``)
#: or right after ``<one of them> of`` (``Line of Actual Control``) is part of a place or organisation name.
NAME_HEADS = frozenset(w for w, c in _NOT_PEOPLE.items() if c in ("place", "institution")) - TITLE_WORDS
HEAD_OF = re.compile(r"([A-Z][\w’'-]*) of $")
#: Titles that tell a person's gender (``Mr Kapoor``, ``Ms Nuland``, ``spokeswoman Maria Zakharova``).
STOP_WORDS = NOT_NAME | TITLE_WORDS
GENDER_TITLE = {"mr": "m", "mr.": "m", "sir": "m", "spokesman": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                 "miss": "f", "madam": "f", "dame": "f", "lady": "f", "spokeswoman": "f"}
PRONOUN = re.compile(r"(?<![\w’'])(he|she|He|She|HE|SHE)(?![\w’'])")
#: The same on lower-cased text, faster: the character before is matched (a sentence start is checked apart).
PRONOUN_LC = re.compile(r"[^\w’'](s?he)(?![\w’'])")
PRONOUN_START = re.compile(r"s?he(?![\w’'])")


def lower_pronouns(lower: str) -> list[tuple[int, int]]:
    """The spans of :data:`PRONOUN_LC`'s pronoun (its group 1) in the lower-cased ``lower``, in order, found from
    each "he" by ``str.find``: a regex that starts with a character class is tried at every character (0.09 s per
    1,000 articles; this, a third of it). The character before is read, not matched: it is never part of an
    earlier pronoun, which ends in a word character. Property-tested against the regex."""
    out = []
    n = len(lower)
    p = lower.find("he")
    while p >= 0:
        if p + 2 >= n or not _joins(lower[p + 2]):
            if p >= 1 and lower[p - 1] == "s":
                if p >= 2 and not _joins(lower[p - 2]):
                    out.append((p - 1, p + 2))
            elif p >= 1 and not _joins(lower[p - 1]):
                out.append((p, p + 2))
        p = lower.find("he", p + 1)
    return out


def _joins(c: str) -> bool:
    """A character of ``[\\w’']``: one a pronoun cannot touch (``\\w`` is ``isalnum()`` or ``_``)."""
    return c.isalnum() or c in "_’'"


_CAPRUN = re.compile(r"(?<![\w’'.])[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))*")
_CAPRUN_MULTI = re.compile(r"(?<![\w’'.])[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))+")
# Fast scanning: patterns without a leading look-behind let the regex engine jump between candidate first
# characters; the look-behind condition is then checked in Python on the (few) matches (:func:`_runs`).
CAPWORD = re.compile(r"[A-Z][\w’'.-]*")
_CAPRUN_FAST = re.compile(r"[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))*")
_CAPRUN_MULTI_FAST = re.compile(r"[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))+")


def glued(text: str, i: int, extra: str = "_’'") -> bool:
    """The character before ``i`` continues a word (a letter, digit or one of ``extra``)."""
    if i <= 0:
        return False
    ch = text[i - 1]
    return ch.isalnum() or ch in extra


def runs(masked: str, multi: bool):
    """``(start, end)`` of the runs of capitalised words (two or more words when ``multi``) that do not start
    inside a word: the same spans as ``_CAPRUN(_MULTI).finditer``."""
    fast, slow = (_CAPRUN_MULTI_FAST, _CAPRUN_MULTI) if multi else (_CAPRUN_FAST, _CAPRUN)
    for m in fast.finditer(masked):
        a, b = m.span()
        if not glued(masked, a, "_’'."):
            yield a, b
            continue
        again = slow.search(masked, a + 1, b)  # a later start inside the same run (rare)
        if again is not None:
            yield again.span()


#: THE list of speech cues (verbs of saying, all forms), in one place. A cue followed by its subject makes an
#: attribution (``Lavrov said``, ``said Lavrov``, ``according to Lavrov``). Words in :data:`_CUE_REQUIRES` only count
#: with the word that must follow them (``according to``, ``pointed out``, ``put it``). Any cue may take a short
#: object or prepositional phrase that runs up to the quotation or a colon, which becomes part of the cue as written
#: (:data:`_CUE_OBJECT`: ``referred to it as``, ``echoed this:``, ``posted on X:``, ``stuck to the formulation of``).
SPEECH_CUES = """
    say says said saying          tell tells told telling          add adds added adding
    states stated stating         notes noted noting               observe observes observed observing
    remarks remarked              write writes wrote writing       tweets tweeted tweeting
    posts posted posting          put                              allege alleges alleged alleging
    argue argues argued arguing   accuse accuses accused accusing  deny denies denied denying
    insist insists insisted insisting   maintain maintains maintained maintaining
    claims claimed claiming       assert asserts asserted asserting
    stresses stressed stressing   emphasise emphasises emphasised emphasising
    emphasize emphasizes emphasized emphasizing   underline underlines underlined underlining
    underscore underscores underscored underscoring   reiterate reiterates reiterated reiterating
    recall recalls recalled recalling   acknowledge acknowledges acknowledged acknowledging
    concede concedes conceded conceding   cautions cautioned cautioning
    warn warns warned warning     urges urged urging               demands demanded demanding
    declare declares declared declaring   announce announces announced announcing
    explain explains explained explaining   replies replied replying
    respond responds responded responding   answers answered answering
    quipped                       asks asked                       suggest suggests suggested suggesting
    admit admits admitted admitting   affirm affirms affirmed affirming   confirm confirms confirmed confirming
    highlights highlighted highlighting   commented commenting
    continues continued           concludes concluded              mentions mentioned
    vowed                         assure assures assured           echoes echoed echoing
    describe describes described describing   calls called calling   terms termed
    dubs dubbed                   labelled labeled                 refer refers referred referring
    points pointed pointing       according                        stuck
    reported                      repeat repeats repeated repeating   call went
"""
_CUE_WORDS = SPEECH_CUES.split()
#: Cue words that count only with the word that must follow them.
_CUE_REQUIRES = {
    "according": "to", "point": "out", "points": "out", "pointed": "out", "pointing": "out", "put": "it",
    "refer": "to", "refers": "to", "referred": "to", "referring": "to", "stick": "to", "sticks": "to", "stuck": "to",
    "posts": "on", "posted": "on", "posting": "on", "call": "on", "went": "on",
}
#: Speech verbs (one pass, case-insensitive).
CUE = re.compile(r"(?<![\w’'])(?:" + trie_pattern(_CUE_WORDS, ignore_case=True) + r")(?![\w’'])", re.I)
_CUE_LC = re.compile(r"\b(?:" + trie_pattern(_CUE_WORDS) + r")(?![\w’'])")  # on lower-cased text (+ check)
#: An optional short object or prepositional phrase after a cue, running up to a quotation (masked as \x01,
#: optionally after an article) or a colon: `` to it as`` (an “Asian NATO”), `` this`` (: “…”), `` on X`` (: “…”).
_CUE_OBJECT = re.compile(r"(?: (?:to|on|of|out|with|about|at|from|in|for|up|it|them|this|these|those|as)"
                         r"(?: [\w’'-]+){0,3}?)?(?= (?:the |an? )?\x01|\s*:)", re.I)
#: After ``referred to`` / ``stuck to``: any short phrase up to the quotation (``referred to the grouping as``).
_CUE_OBJECT_ANY = re.compile(r"(?: (?!that\b)[\w’'-]+){1,4}?(?= (?:the |an? )?\x01|\s*:)", re.I)
_CUE_PARTICLE = re.compile(r" (to|out|it|on)(?![\w’'])|\s*(:)", re.I)
_SPACES = re.compile(r"\s+")
DESC_LEAD = re.compile(r"^(?:visiting|new|former|outgoing|then) ")
DESC_TAIL = re.compile(r" (?:to|in|for) [\w' ]+$")
ONE_NAME = re.compile(r"[A-Z][\w’'-]+")
CAP_BEFORE = re.compile(r"([A-Z][a-z]+) $")
NAME_SHAPE = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+$")
TOKEN = re.compile(r"\S+")
INITIAL = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,4}")  # S. / S / V.R. / T.C.A.
POSSESSIVE = re.compile(r"['’]s?$")
CLAUSE_END = re.compile(r"[,;:.()\x01—–]|\s-\s")
SENTENCE_LIKE = re.compile(r"^\W*[A-Z].*[.!?…,]\W*$", re.S)
_HAS_BEFORE = re.compile(r"(?:has|had|have) (?:also )?$", re.I)
_HAS_VERBS = frozenset("called described termed dubbed".split())


#: ``reported`` speaks only in the active voice: ``NDTV reported``, not ``was reported`` / ``reported to be``.
_REPORT_CUES = frozenset({"reported"})
_PASSIVE_AFTER = re.compile(r"\s+(?:to|as|by|in|on|at|missing|killed)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being|widely|it)\s+$", re.I)


def cues(masked: str, lower: str | None = None):
    """``(start, end, cue, verb)`` of every speech cue in ``masked`` (``verb`` lower-case, the cue word itself).
    ``lower``: ``masked.lower()`` when it has the same length (then a faster case-sensitive scan is used)."""
    for m in (_CUE_LC.finditer(lower) if lower is not None else CUE.finditer(masked)):
        vs, ve = m.span()
        if vs and masked[vs - 1] in "’'-":
            continue  # a contraction, or a compound such as so-called
        low = m.group() if lower is not None else m.group().lower()
        if low in _REPORT_CUES and (_PASSIVE_AFTER.match(masked, ve) or _PASSIVE_BEFORE.search(masked, max(0, vs - 12), vs)):
            continue  # "reported to be worth", "it was reported": nobody reports here
        need = _CUE_REQUIRES.get(low)
        if need is not None:
            t = _CUE_PARTICLE.match(masked, ve)
            if t is None or (t.group(1) or t.group(2)).lower() != need:
                continue
            if need not in (":", "on"):
                ve = t.end()  # "on" stays for the object phrase: posted on X:
        if low in _HAS_VERBS:
            h = _HAS_BEFORE.search(masked, max(0, vs - 16), vs)
            if h is not None:
                vs = h.start()
        o = (_CUE_OBJECT_ANY if need == "to" and low != "according" else _CUE_OBJECT).match(masked, ve)
        if o is not None and o.end() > ve:
            ve = o.end()
        yield vs, ve, masked[vs:ve], low


#: Cues after which a name may follow the verb: “…,” said Lavrov / says X, the country's ...
INVERTING = frozenset("said says added adds asked continued wrote writes explained noted stated replied answered "
                       "insisted remarked observed quipped concluded argued argues warned "
                       "alleged claimed declared responded stressed recalled reported".split())
#: Cues that name something (a label attributed to its user): referred to it as an “Asian NATO”.
NAMING = re.compile(r"(?:(?:call(?:s|ed|ing)?(?! (?:for|on|off|up)\b)|term(?:s|ed)?|dub(?:s|bed)?|labell?ed|"
                     r"refer(?:s|red|ring)? to|formulation of|describ(?:e|es|ed|ing))(?: [\w’'-]+){0,4}?|"
                     r"(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed|ing)|refer(?:s|red|ring)? to|"
                     r"regard(?:s|ed|ing)?|see(?:s|ing)?|saw|view(?:s|ed|ing)?)(?: [\w’'-]+){1,10}? as(?: an?| the)?)"
                     r"\s*$", re.I)
#: A naming verb whose object may be gapped after "and" (``called A “x” and B “y”``); what may follow the second
#: object's head noun (only a space and the quotation).
NAMING_VERB = re.compile(r"(?:has |had |have )?(?:also )?(?:call|describ|term|dub|label)", re.I)
GAPPED_AFTER = re.compile(r" ?\x01")
SCARE_WORDS = ("so-called", "so called", "dubbed", "known as", "named", "titled", "entitled")
BOUNDARY = re.compile(r"[,;:()\[\]—–]|\x01+|\s-\s|(?<![\w’'])(?:when|while|and|but|as|that|after|before|because|"
                       r"adding|saying|where|which|who|whom|if|though|although|since|then|whereas)(?![\w’'])", re.I)
#: Words after a subject and before its verb that are not part of the subject (``Lavrov also said``).
_TRAIL_WORDS = frozenset("""also further then later today tonight yesterday recently earlier once has have had was were
    is are been would will reportedly separately too again""".split())
_TRAIL_PHRASES = (" in a statement", " in an interview")


def strip_trail(chunk: str) -> str:
    """``chunk`` without trailing :data:`_TRAIL_WORDS`, weekdays (``on Monday``) and ``in a statement``.

    Linear in ``chunk``: words are taken off an end index, never by copying the chunk once per word. The result
    equals :func:`strip_trail_reference`'s, including its cut after ``in a statement`` at the index found in the
    lower-case text (``İ`` lower-cases to two characters); where that index lies past the chunk's end (16 or more
    ``İ`` before the phrase) the reference never returns, and the cut is made at the phrase."""
    n = len(chunk)
    shift = _lower_shift(chunk) if len(chunk.lower()) != n else None
    first = n - len(chunk.lstrip())  # index of the first non-space character (n when none)
    e = n
    while True:
        tail = chunk[max(0, e - 24):e].lower()
        if tail.endswith(_TRAIL_PHRASES):
            phrase = len(_TRAIL_PHRASES[1]) if tail.endswith(_TRAIL_PHRASES[1]) else len(_TRAIL_PHRASES[0])
            cut = e - phrase
            if shift is not None:  # the reference slices the text at the index found in its lower-case form
                at = e + shift[e] - phrase
                cut = at if at < e else cut
            e = _rstrip_end(chunk, cut)
            continue
        space = chunk.rfind(" ", 0, e)
        if space <= first:  # rpartition(" "): no head, or a head of white space only
            return chunk[:e]
        word = chunk[space + 1:e].lower()
        if word in _TRAIL_WORDS or word.endswith("day") and word.isalpha():
            e = _rstrip_end(chunk, space)
            if word.endswith("day") and chunk.endswith((" on", " On", " oN", " ON"), 0, e):
                e = _rstrip_end(chunk, e - 3)
            continue
        return chunk[:e]


def _rstrip_end(text: str, end: int) -> int:
    """The end of ``text[:end].rstrip()``."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _lower_shift(text: str) -> list[int]:
    """``shift[i] == len(text[:i].lower()) - i`` (letters whose lower case is longer, such as ``İ``)."""
    shift = [0]
    total = 0
    for ch in text:
        total += len(ch.lower()) - 1
        shift.append(total)
    return shift


def strip_trail_reference(chunk: str) -> str:
    """:func:`strip_trail` as first written, for the tests: one copy of the chunk per word taken off (quadratic on
    a long run of trail words), and no end on 16 or more ``İ`` before ``in a statement``."""
    while True:
        low = chunk.lower()
        if low.endswith(_TRAIL_PHRASES):
            chunk = chunk[:low.rindex(" in a")].rstrip()
            continue
        head, _, last = chunk.rpartition(" ")
        if not head.strip():
            return chunk
        word = last.lower()
        if word in _TRAIL_WORDS or word.endswith("day") and word.isalpha():
            chunk = head.rstrip()
            if word.endswith("day") and chunk.lower().endswith(" on"):
                chunk = chunk[:-3].rstrip()
            continue
        return chunk


#: Every word :func:`strip_trail` may take off the end of a subject: trail words, weekdays, the words of its
#: phrases and the ``on`` before a weekday.
_TRAIL_PHRASE_WORDS = frozenset(w for p in _TRAIL_PHRASES for w in p.split()) | {"on"}


def trail_stopper(word: str) -> bool:
    """``word`` (a run of non-space characters) is one :func:`strip_trail` never takes off, so it and everything
    before it stay in the subject."""
    low = word.lower()
    return not (low in _TRAIL_WORDS or low in _TRAIL_PHRASE_WORDS or low.endswith("day") and low.isalpha())


LEAD = re.compile(r"^\s*(?:visiting|also|and|but|then|meanwhile|however|with)\s+", re.I)
TAG = re.compile(r"^\s*[:\-–—|]\s*(.{1,60}?)\s*$")
PUNCT_AFTER = re.compile(r"[\s,.;:!?)\]\x01—–-]*")
DIGIT = re.compile(r"\d")
CONTENT_WORD = re.compile(r"[A-Za-z0-9][\w’'+.-]*")
FUNCTION_WORDS = frozenset("of in and the for to on a an at by with de la".split())
PARTICIPLE_START = re.compile(r"^[^\w\x01]*(?:asked|adding|responding|answering|replying|speaking|referring|"
                               r"reacting|commenting|explaining|elaborating)\b", re.I)
US_MENTION = re.compile(r"(?<![\w])(?:US|U\.S\.?|USA|United States|Washington|Biden administration|Trump administration|"
                         r"State Department|Pentagon|White House|America)(?![\w])")


def role_keys(role: str) -> set[str]:
    t = role.lower()
    keys = {"person"}
    if "ambassador" in t or "envoy" in t or "high commissioner" in t:
        keys |= {"ambassador", "envoy", "diplomat"}
    if "deputy chief of mission" in t or "chargé" in t or "charge d" in t:
        keys |= {"envoy", "diplomat", "deputy chief of mission"}
    if "diplomat" in t or "consul" in t:
        keys.add("diplomat")
    if "minister" in t:
        keys.add("minister")
    if "foreign minister" in t or "external affairs minister" in t or "secretary of state" in t:
        keys.add("foreign minister")  # "the diplomat" means an embassy's diplomat, not the minister
    if "defence minister" in t or "defense minister" in t:
        keys.add("defence minister")
    if "prime minister" in t or "premier" in t:
        keys |= {"prime minister", "leader"}
    if "president" in t:
        keys |= {"president", "leader"}
    if "spokes" in t:
        keys |= {"spokesperson", "official"}
    if "secretary" in t:
        keys.add("secretary")
    if any(w in t for w in ("marshal", "general", "admiral", "commander", "chief")):
        keys.add("officer")
    for needle, key in _ROLE_GROUPS:
        if needle in t:
            keys.add(key)
    return keys


#: Role nouns outside the offices above, grouped: a definite description with one of them (``the official``,
#: ``the analyst``, ``the scholar``, ``the source``) resolves only to a person whose role words (actors list, a
#: title before the name in the text, or an anonymous source's noun) contain the same group; never to any named
#: person (a minister or president is not "the official"; no government actor is "the scholar").
_ROLE_GROUPS = (
    ("official", "official"), ("spokes", "official"),
    ("analyst", "analyst"), ("expert", "analyst"), ("observer", "analyst"), ("strategist", "analyst"),
    ("commentator", "analyst"),
    ("scholar", "scholar"), ("professor", "scholar"), ("researcher", "scholar"), ("academic", "scholar"),
    ("source", "source"), ("insider", "source"),
    ("adviser", "adviser"), ("advisor", "adviser"), ("aide", "adviser"),
    ("officer", "officer"), ("commander", "officer"), ("brigadier", "officer"), ("colonel", "officer"),
    ("commodore", "officer"), ("lieutenant", "officer"),
    ("lawmaker", "lawmaker"), ("senator", "lawmaker"), ("legislator", "lawmaker"), ("congress", "lawmaker"),
    ("representative", "lawmaker"),
    ("negotiator", "negotiator"), ("director", "head"), ("executive", "head"),
)


def desc_key(phrase: str) -> str:
    """The role a description requires: ``the Russian diplomat`` -> ``diplomat``."""
    t = phrase.lower()
    for needle, key in (("deputy chief of mission", "deputy chief of mission"), ("foreign minister", "foreign minister"),
                        ("external affairs minister", "foreign minister"), ("defence minister", "defence minister"),
                        ("defense minister", "defence minister"), ("prime minister", "prime minister"),
                        ("minister", "minister"), ("ambassador", "ambassador"), ("envoy", "envoy"),
                        ("diplomat", "diplomat"), ("spokes", "spokesperson"), ("president", "president"),
                        ("secretary", "secretary"), ("marshal", "officer"), ("general", "officer"),
                        ("admiral", "officer"), ("chief", "officer"), ("leader", "leader"), *_ROLE_GROUPS):
        if needle in t:
            return key
    return "person"  # (counterpart: any person of the nationality)


def nationality(phrase: str) -> str | None:
    """The country of a description, from the words before its role noun (``Russia’s ... diplomat in India`` -> Russia)."""
    m = ROLE_NOUN.search(phrase)
    head = phrase[: m.start()] if m else phrase
    found = None
    for w in head.split():
        c = NATIONALITY.get(w.lower().strip(",."))
        if c:
            found = c
    return found


def government_of(side: str | None) -> tuple[str, str, str] | None:
    """The government of a side, as :data:`INSTITUTIONS` names it (``India`` -> Government of India)."""
    return INSTITUTIONS.get((side or "").lower()) if side in ADJECTIVE else None


def institution_of(phrase: str) -> tuple[str, str, str] | None:
    """The institution a subject phrase names, as ``(speaker, role, side)``, or None: a name of
    ``institutions.csv`` ("Washington", "the Kremlin"); a body of a nationality ("the Chinese embassy" -> Chinese
    Embassy, "the Indian side" -> Government of India); or such a name after words that describe it ("the Indian
    broadcaster NDTV")."""
    low = " ".join(phrase.lower().replace("’", "'").split())
    bare = low[4:] if low.startswith("the ") else low
    if bare in INSTITUTIONS:
        return INSTITUTIONS[bare]
    body = BODY.match(low)
    if body is not None:
        nat = body.group("nat").lower()
        side = NATIONALITY.get(nat) or _COUNTRY_NOUNS.get(nat)  # "the Pakistani" / "a Pakistan foreign ministry"
        if side in ADJECTIVE:
            words = low[body.end("nat"):].split()
            if words and words[-1] in GOVERNMENT_BODIES:
                return government_of(side)
            named = f"{ADJECTIVE[side].lower()} {' '.join(words)}"
            if named in INSTITUTIONS:
                return INSTITUTIONS[named]
            kind = INSTITUTIONS.get(" ".join(words))  # "Pakistan foreign ministry": the foreign ministry of Pakistan
            if kind is not None and (kind[2] == side or (kind[1], side) in ROLE_SIDE):
                return kind if kind[2] == side else ROLE_SIDE[(kind[1], side)]
            return f"{ADJECTIVE[side]} {' '.join(w.capitalize() for w in words)}", " ".join(words), side
    words = phrase.split()
    for k in range(1, min(len(words), 5)):
        tail = " ".join(words[k:]).lower().replace("’", "'")
        describing = (w.islower() or w.lower() in ("the", "a", "an") or w.lower().replace("’", "'") in NATIONALITY
                      for w in words[:k])
        if tail in INSTITUTIONS and all(describing):
            speaker, role, side = INSTITUTIONS[tail]
            country = next((NATIONALITY[w] for w in (x.lower().replace("’", "'") for x in words[:k]) if w in NATIONALITY), None)
            if not side and country in ADJECTIVE:  # "Pakistan's National Security Council": an ambiguous body, placed
                return ROLE_SIDE.get((role, country), (f"{ADJECTIVE[country]} {speaker}", role, country))
            return speaker, role, side
    return None


def named_institution(phrase: str) -> tuple[str, str, str] | None:
    """The institution named before the role noun of a description (``a State Department official`` -> US State
    Department), the longest name that fits, or None."""
    m = ROLE_NOUN.search(phrase)
    head = " " + " ".join(phrase[: m.start() if m else len(phrase)].lower().replace("’", "'").split()) + " "
    best = max((name for name in INSTITUTIONS if f" {name} " in head and INSTITUTIONS[name][2]), key=len, default=None)
    return INSTITUTIONS[best] if best else None


def institution_side(phrase: str) -> str | None:
    """The side of an institution named before the role noun: ``a State Department spokesperson`` -> US."""
    m = ROLE_NOUN.search(phrase)
    head = " " + " ".join(phrase[: m.start() if m else len(phrase)].lower().replace("’", "'").split()) + " "
    for name, side in STATES.items():
        if side and f" {name} " in head:
            return side
    return None


@dataclass
class Person:
    name: str
    gender: str = ""
    country: str | None = None
    keys: set = field(default_factory=lambda: {"person"})
    side: str = ""
    role: str = ""
    known: bool = False
    gender_from: str = ""  # list | title | pronoun | ""
    speaks_for: str = ""  # an unnamed official: the institution whose words they give (the quotation's speaker)
    title_words: set = field(default_factory=set)  # words of the titles they were named with (air, chief, marshal)


#: Words of a title or description that say nothing about which office it is.
_TITLE_FILLER = frozenset("the of a an and for to in on at mr mrs ms dr sir madam retd retired former then new".split())


def title_words(phrase: str) -> set[str]:
    """The content words of a title or description (``the Chief of the Air Staff`` -> {chief, air, staff})."""
    return {w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _TITLE_FILLER}


class Lexicon:
    """The actors list compiled once: alias regex, lower-case aliases, role phrases with their dates, and which
    aliases are surname-only (one word, while the canonical name has several: ``Austin``, ``Price``)."""

    def __init__(self, actors: pd.DataFrame):
        self.people: list[Person] = []
        self.alias: dict[str, int] = {}
        self.alias_lower: dict[str, int] = {}
        self.surname_only: set[str] = set()
        self.phrases: dict[str, list[tuple[int, date | None, date | None]]] = {}
        for i, row in enumerate(actors.itertuples(index=False)):
            keys = role_keys(" ".join([row.role, *row.phrase_list]))
            self.people.append(Person(row.name, row.gender, row.country, keys, row.side, row.role, True,
                                       "list" if row.gender else ""))
            for alias in row.alias_list:
                self.alias.setdefault(alias, i)
                self.alias_lower.setdefault(alias.lower(), i)
                if " " not in alias and " " in row.name:
                    self.surname_only.add(alias)
            lo, hi = parse_bound(row.valid_from), parse_bound(row.valid_to, end=True)
            for phrase in row.phrase_list:
                self.phrases.setdefault(norm_phrase(phrase), []).append((i, lo, hi))
        # a prefix trie tries the longest alias first at each position (Sergey Lavrov before Sergey); no leading
        # look-behind (fast scanning): a match glued to the word before it is dropped in Python
        self.alias_re = re.compile(r"(?:" + trie_pattern(sorted(self.alias)) + r")(?![\w]|-era)")\
            if self.alias else None


def norm_phrase(text: str) -> str:
    t = text.lower().replace("’", "'").strip(" ,.")
    t = _SPACES.sub(" ", t)
    for det in ("the ", "a ", "an ", "his ", "her ", "its ", "their "):
        if t.startswith(det):
            t = t[len(det):]
    return t


_LEXICONS: dict[int, tuple[pd.DataFrame, Lexicon]] = {}


def lexicon_for(actors: pd.DataFrame | None) -> Lexicon:
    actors = default_actors() if actors is None else actors
    hit = _LEXICONS.get(id(actors))
    if hit is None or hit[0] is not actors:
        hit = (actors, Lexicon(actors))
        _LEXICONS[id(actors)] = hit
    return hit[1]
