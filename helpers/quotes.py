"""Quotations and their speakers: who gets to speak in each article, in their own words.

In:  one cleaned article (``text``, its ``sentences`` rows from :mod:`helpers.corpus`, its ``published`` date)
     and the actors list (:mod:`helpers.actors`, ``helpers/data/actors.csv``).
Out: :func:`extract_quotes` - one row per quotation, columns :data:`QUOTE_COLUMNS`:

* ``start, end, text`` - the characters strictly between the marks (``text == cleaned[start:end]``);
* ``sentence_id``      - the sentence (``corpus.sentences``) containing ``start``;
* ``speaker``          - canonical name from the actors list; for people not in the list, the name as
                         written (``Margaret Ellison``; a later ``Ellison`` maps to it); empty when unknown, when
                         the source is a state or institution (``Russia calls “anti-China” policy``, ``the Chinese
                         embassy said``) and for anonymous sources (``a senior US official said``);
* ``speaker_as_written`` - the words naming the speaker (``he``, ``the Russian foreign minister``, ``Lavrov``);
* ``cue``              - the attribution verb or phrase as written (``said``, ``told``, ``according to``...);
* ``kind``             - ``speech`` (somebody's words, whole or partial) or ``term`` (a name, title or scare-quoted
                         word with no speaker: ‘Make in India’, “resilient”);
* ``side, role``       - from the actors list; for states and institutions the side of
                         ``helpers/data/institutions.csv`` (``Washington said`` -> US) or of the nationality
                         (``the Chinese embassy`` -> China); for anonymous sources the side of the nationality
                         adjective and the role noun (``a senior US official`` -> US, official); else empty;
* ``flags``            - space-separated: ``unbalanced`` (no closing mark: stopped at the paragraph end),
                         ``multi_paragraph`` (a paragraph of a quote re-opened in the next paragraph),
                         ``continued`` (speaker carried over from the previous quote), ``headline``.

:func:`quote_rows` is the same for plain Python data (a list of dicts; usable from worker processes);
:func:`quotes_table` runs it over ``corpus.english`` and builds one DataFrame; :func:`voices` /
:func:`voices_by_outlet` measure how much of each article is quoted speech and whose; :func:`evaluate` compares
with a hand-annotated gold table.

Marks (see ``tests/gold/quotes/RULES.md``): curly “ ” and straight " double quotes, guillemets; curly single
quotes ‘ ’ when an opening ‘ follows a space, line start, bracket or dash and the next ’ followed by a non-letter
closes it. A ’ between letters (didn’t), before digits (’90s) or after a plural (leaders’ summit) with no open
‘ is an apostrophe. Straight single quotes are apostrophes. Only the outermost quote is kept. Nothing crosses a
paragraph: an unclosed quote stops at its paragraph end.

Attribution is a local, linear pass: the quote marks are found per paragraph; sentences are merged where the
splitter cut inside a quote; in each sentence the speech verbs (:data:`_CUE`) and their subjects (a name, a
pronoun, a description, a state) are found with quotes masked out; each quote takes the attribution right
after it, else the nearest before it in the sentence, else the next one in the sentence, else a continuation of
the previous quote. Sentences without a quotation are read only for the people they name (context).

Speakers:

* Speech cues: :data:`SPEECH_CUES` (one list; ``according to``, ``pointed out``, ``put it`` need their particle);
  a cue may take a short object or prepositional phrase up to the quote or a colon (``referred to it as``,
  ``echoed this:``, ``posted on X:``).
* Names: aliases of the actors list; other people are runs of two or more capitalised words (or one after a
  title) cut at the words of ``helpers/data/not_people.csv`` (function words, places, institution and law
  nouns, and the titles and ranks of category ``title``: ``Retired Lieutenant General X`` is X). A segment right
  before a place or institution noun (``Observer Research Foundation``, ``Galwan Valley``) or right after
  ``<such a noun> of`` (``Line of Actual Control``) is part of a place or organisation name, not a person. A single surname or given name is the person most recently named in full with it (``Wang`` after
  ``Wang Wenbin``). Surname-only aliases of the list (``Austin``, ``Price``) need the conditions documented in
  :mod:`helpers.actors` (not ``in Austin, Texas``; not an ordinary lower-case word of the article unless the full
  name came earlier or a speech cue follows).
* Pronouns go to the most recent salient person whose gender does not conflict. Gender comes from the actors
  list, from titles (Mr, Sir, spokesman -> m; Mrs, Ms, Miss, Madam, spokeswoman -> f) and, for others, from the
  first pronoun that refers to them; ``she`` prefers a person known to be a woman in the recent context over a
  more recent person of unknown gender (:data:`_UNKNOWN_GENDER_FIRST`).
* Definite descriptions (``the official``, ``the Russian envoy``, ``the minister``) go to the dated role phrase
  of the actors list, else to the most recent person (named, or an earlier anonymous source) whose role words and
  nationality fit: the role noun must match (:data:`_ROLE_GROUPS`): ``the official`` only fits an anonymous
  official or a person whose role says official/spokesperson (actors list, or a title in the text: ``senior
  official Rohan Das``), never a minister; ``the analyst / expert / scholar / professor / researcher /
  source`` never fit a government actor. With nobody compatible, the description is a new anonymous source.
  Role phrases name specific offices only (``Russian foreign minister``, not ``Russian minister``).
* A subject whose name follows a description with its own head (``a senior US official who accompanied Austin``,
  ``an analyst close to Jaishankar``) is that description, not the name; a title right before the name is not
  (``Russia’s ambassador to India Denis Alipov``).
* Indefinite descriptions and bare plurals (``a senior US official``, ``an Indian defence analyst``, ``one
  official``, ``officials``, ``sources``, ``a spokesperson``) are NEW anonymous speakers: ``speaker`` empty (the
  gold rules leave the speaker empty when nobody can be named), ``speaker_as_written`` the description, ``side``
  from the nationality adjective, ``role`` the role noun. They are never resolved to a named person; a singular
  one is remembered, so a later ``the official`` / ``the diplomat`` / ``he`` can refer back to it (speaker empty).
* Every partial quote of a sentence takes the sentence's speaker: a verb after ``but`` / ``and`` takes no subject
  from after it (``described the ties as “warm” but said Moscow was “very clear”``), and a gapped object of a
  naming verb (``called A “x” and the US demands “y”``) is not a new attribution.
* Kind: a quote that is the object of a naming verb with an attribution (``called``, ``described … as``,
  ``referred to … as``: ``described Washington’s pressure on Delhi as a “Cold War mentality”``) is that speaker's
  speech even when it looks like a name; ``so-called`` and the journalist's own scare quotes stay terms.
* States and institutions (``helpers/data/institutions.csv``; ``the <nationality> embassy/ministry/side``):
  speaker empty, side of the institution.

Word counts (:func:`voices`): ``quoted_words`` counts words of ``speech`` quotes only; ``term`` quotes are the
journalist's own voice (names and scare quotes), so they count in ``own_words``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .actors import SIDES, default_actors, load_institutions, load_not_people, parse_bound
from .structure import ABBREVIATIONS, count_words, words
from .trie import trie_pattern

QUOTE_COLUMNS = ["file", "quote_id", "start", "end", "text", "sentence_id", "speaker", "speaker_as_written",
                 "cue", "kind", "side", "role", "flags"]

# --------------------------------------------------------------------------------------------- marks
_MARK = re.compile(r"[\"“”‘’«»„]")
_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_OPEN_BEFORE = set(" \t([{—–-/\"“")  # a character after which a mark can open
_PARA = re.compile(r"[^\n]+")


@dataclass
class _Raw:
    open: int            # index of the opening mark
    start: int           # first quoted character
    end: int             # after the last quoted character
    close: int           # index after the closing mark (== end when unclosed)
    flags: list[str] = field(default_factory=list)


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _scan_paragraph(text: str, a: int, b: int, out: list[_Raw]) -> None:
    """Find the outermost quotations of the paragraph ``text[a:b]`` (one left-to-right pass)."""
    dbl = sgl = -1
    for m in _MARK.finditer(text, a, b):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        if dbl >= 0:
            if ch in _DOUBLE_CLOSE or (ch == '"' and (text[dbl] == '"' or not nxt.isalnum() or not prev.isspace())):
                _emit(text, dbl, i, out)
                dbl = -1
            elif ch in _DOUBLE_OPEN or (ch == '"' and prev.isspace()):
                _emit(text, dbl, _rstrip(text, dbl + 1, i), out, "unbalanced")  # a new quote opens: the old one never closed
                dbl = i
            continue
        if sgl >= 0:
            if ch in _DOUBLE_OPEN or (ch == '"' and (prev in _OPEN_BEFORE or i == a)):
                sgl, dbl = -1, i  # the ‘ was not a quotation mark
            elif ch == "’" and not (_is_letter(prev) and _is_letter(nxt)) and not _is_letter(nxt) and not prev.isspace():
                _emit(text, sgl, i, out)
                sgl = -1
            continue
        opens_here = i == a or prev in _OPEN_BEFORE
        if (ch in _DOUBLE_OPEN or ch == '"') and opens_here and not nxt.isspace() or ch in "«„":
            dbl = i
        elif ch == "“":
            dbl = i  # curly opening mark glued to a word (scrape damage): still an opening
        elif ch == "‘" and opens_here and _is_letter(nxt) or ch == "‘" and opens_here and nxt in "…-—(0123456789":
            if not (nxt.isdigit() and _decade(text, i + 1, b)):
                sgl = i
        # anything else: apostrophe, or a stray closing mark with no opening (ignored)
    if dbl >= 0:
        end = _rstrip(text, dbl + 1, b)
        _emit(text, dbl, end, out, "unbalanced")


def _decade(text: str, j: int, b: int) -> bool:
    """``90s`` after a ‘ (a misused apostrophe: ‘90s)."""
    k = j
    while k < b and text[k].isdigit():
        k += 1
    return k < b and text[k] == "s" and (k + 1 >= b or not text[k + 1].isalpha())


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _emit(text: str, open_: int, end: int, out: list[_Raw], flag: str = "") -> None:
    start = open_ + 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return
    close = end if flag else end + 1
    out.append(_Raw(open_, start, end, close, [flag] if flag else []))


def scan_quotes(text: str) -> list[tuple[int, int, list[str]]]:
    """``(start, end, flags)`` of every outermost quotation of ``text``, in order (paragraph = a line)."""
    raws = _scan(text)
    return [(r.start, r.end, r.flags) for r in raws]


def _scan(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    for n, (a, b) in enumerate(paras):
        before = len(out)
        _scan_paragraph(text, a, b, out)
        if len(out) > before and "unbalanced" in out[-1].flags and n + 1 < len(paras):
            na = paras[n + 1][0]
            if text[na] in _DOUBLE_OPEN or text[na] == '"':
                out[-1].flags = ["multi_paragraph"]  # the quote goes on in the next paragraph
    return out


# --------------------------------------------------------------------------------------------- lexicon
#: Role nouns: real titles and functions only (what makes a phrase a description of a person).
_ROLE_NOUN = re.compile(
    r"\b(deputy chief of mission|charg[eé] d['’]affaires|high commissioner|foreign minister|external affairs minister|"
    r"defen[cs]e minister|prime minister|secretary of state|defen[cs]e secretary|ambassador|envoy|"
    r"diplomat|minister|spokes(?:person|man|woman)|president|secretary|counterpart|official|premier|chancellor|"
    r"leader|chief|commander|marshal|general|admiral|analyst|expert|adviser|advisor|director|head|source|observer|"
    r"officer|aide|negotiator|lawmaker|senator|legislator|representative|researcher|scholar|professor|"
    r"strategist|insider|executive|academic|commentator|brigadier|colonel|commodore|lieutenant|congressman|"
    r"congresswoman)s?\b", re.I)
_NATIONALITY = {
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
_NOT_NAME = frozenset(w for w, c in _NOT_PEOPLE.items() if c != "term_noun")
_TERM_NOUNS = frozenset(w for w, c in _NOT_PEOPLE.items() if c == "term_noun")
#: States and institutions that can be the subject of a speech verb (helpers/data/institutions.csv).
_STATES = load_institutions()
#: ``the Chinese embassy``, ``Russia’s foreign ministry``, ``the Indian side``: a body of a nationality.
_BODY = re.compile(
    r"^(?:the )?(?P<nat>[\w.’']+) (?:(?:foreign|defen[cs]e|external affairs|home|finance|commerce) )?"
    r"(?:embassy|ministry|government|side|mission|high commission|consulate|administration|military|army|navy|"
    r"air force|foreign office|establishment|leadership|delegation|authorities|state media|media)$", re.I)
#: Determiners and quantifiers that make a description indefinite: a NEW anonymous speaker, never a named person.
_INDEFINITE = re.compile(r"^(?:a|an|one|some|several|two|three|four|many|other|another|various|unnamed|"
                         r"anonymous)\b", re.I)
#: Bare plural or generic sources: officials said, sources said, Indian officials, people familiar with ...
_GENERIC_SUBJECT = re.compile(
    r"^(?:(?:top|senior|government|defence|defense|foreign|military|ministry|administration|western|"
    r"[\w.’']+ian|us|u\.s\.|chinese|american|pakistani|other) )*(?:officials|sources|analysts|experts|observers|"
    r"diplomats|people|insiders|officers|authorities|reports|media|critics|lawmakers|spokesperson|spokesman|"
    r"spokeswoman)\b", re.I)
#: Subjects that are nobody in particular (no person, no side): ``it said``, ``the report said``, ``they said``.
_GENERIC_OTHER = re.compile(
    r"^(?:the |some |many |several |two |three |senior |top )*(?:[a-z]+ )?(?:it|they|ministry|government|embassy|"
    r"statement|agency|report|reports|media|daily|newspaper|side|people)$")
_TITLE_WORDS = frozenset("""minister ministry foreign external affairs defence defense secretary ambassador envoy
    spokesperson spokesman spokeswoman deputy chief mission president prime vice chairman general gen lt col
    air marshal admiral adm retired dr mr mrs ms miss sir madam prof senator sen rep governor director editor
    associate senior special commander head adviser advisor national security counsellor chargé charge official
    under assistant principal high commissioner consul state office affairs of the and press information cabinet
    union counsel army navy force chair representative leader external""".split()) | frozenset(
    w for w, c in _NOT_PEOPLE.items() if c == "title")  # ranks and titles: helpers/data/not_people.csv, category title
#: Place and organisation nouns: a name segment right before one (``Observer Research Foundation``, ``Galwan Valley``)
#: or right after ``<one of them> of`` (``Line of Actual Control``) is part of a place or organisation name.
_NAME_HEADS = frozenset(w for w, c in _NOT_PEOPLE.items() if c in ("place", "institution")) - _TITLE_WORDS
_HEAD_OF = re.compile(r"([A-Z][\w’'-]*) of $")
#: Titles that tell a person's gender (``Mr Kapoor``, ``Ms Nuland``, ``spokeswoman Maria Zakharova``).
_STOP_WORDS = _NOT_NAME | _TITLE_WORDS
_GENDER_TITLE = {"mr": "m", "mr.": "m", "sir": "m", "spokesman": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                 "miss": "f", "madam": "f", "dame": "f", "lady": "f", "spokeswoman": "f"}
_PRONOUN = re.compile(r"(?<![\w’'])(he|she|He|She|HE|SHE)(?![\w’'])")
#: The same on lower-cased text, faster: the character before is matched (a sentence start is checked apart).
_PRONOUN_LC = re.compile(r"[^\w’'](s?he)(?![\w’'])")
_PRONOUN_START = re.compile(r"s?he(?![\w’'])")
_CAPRUN = re.compile(r"(?<![\w’'.])[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))*")
_CAPRUN_MULTI = re.compile(r"(?<![\w’'.])[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))+")
# Fast scanning: patterns without a leading look-behind let the regex engine jump between candidate first
# characters; the look-behind condition is then checked in Python on the (few) matches (:func:`_runs`).
_CAPWORD = re.compile(r"[A-Z][\w’'.-]*")
_CAPRUN_FAST = re.compile(r"[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))*")
_CAPRUN_MULTI_FAST = re.compile(r"[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))+")


def _glued(text: str, i: int, extra: str = "_’'") -> bool:
    """The character before ``i`` continues a word (a letter, digit or one of ``extra``)."""
    if i <= 0:
        return False
    ch = text[i - 1]
    return ch.isalnum() or ch in extra


def _runs(masked: str, multi: bool):
    """``(start, end)`` of the runs of capitalised words (two or more words when ``multi``) that do not start
    inside a word: the same spans as ``_CAPRUN(_MULTI).finditer``."""
    fast, slow = (_CAPRUN_MULTI_FAST, _CAPRUN_MULTI) if multi else (_CAPRUN_FAST, _CAPRUN)
    for m in fast.finditer(masked):
        a, b = m.span()
        if not _glued(masked, a, "_’'."):
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
"""
_CUE_WORDS = SPEECH_CUES.split()
#: Cue words that count only with the word that must follow them.
_CUE_REQUIRES = {
    "according": "to", "point": "out", "points": "out", "pointed": "out", "pointing": "out", "put": "it",
    "refer": "to", "refers": "to", "referred": "to", "referring": "to", "stick": "to", "sticks": "to", "stuck": "to",
    "posts": "on", "posted": "on", "posting": "on",
}
#: Speech verbs (one pass, case-insensitive).
_CUE = re.compile(r"(?<![\w’'])(?:" + trie_pattern(_CUE_WORDS, ignore_case=True) + r")(?![\w’'])", re.I)
_CUE_LC = re.compile(r"\b(?:" + trie_pattern(_CUE_WORDS) + r")(?![\w’'])")  # on lower-cased text (+ check)
#: An optional short object or prepositional phrase after a cue, running up to a quotation (masked as \x01,
#: optionally after an article) or a colon: `` to it as`` (an “Asian NATO”), `` this`` (: “…”), `` on X`` (: “…”).
_CUE_OBJECT = re.compile(r"(?: (?:to|on|of|out|with|about|at|from|in|for|up|it|them|this|these|those|as)"
                         r"(?: [\w’'-]+){0,3}?)?(?= (?:the |an? )?\x01|\s*:)", re.I)
#: After ``referred to`` / ``stuck to``: any short phrase up to the quotation (``referred to the grouping as``).
_CUE_OBJECT_ANY = re.compile(r"(?: (?!that\b)[\w’'-]+){1,4}?(?= (?:the |an? )?\x01|\s*:)", re.I)
_CUE_PARTICLE = re.compile(r" (to|out|it|on)(?![\w’'])|\s*(:)", re.I)
_SPACES = re.compile(r"\s+")
_DESC_LEAD = re.compile(r"^(?:visiting|new|former|outgoing|then) ")
_DESC_TAIL = re.compile(r" (?:to|in|for) [\w' ]+$")
_ONE_NAME = re.compile(r"[A-Z][\w’'-]+")
_CAP_BEFORE = re.compile(r"([A-Z][a-z]+) $")
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+$")
_TOKEN = re.compile(r"\S+")
_INITIAL = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,4}")  # S. / S / V.R. / T.C.A.
_POSSESSIVE = re.compile(r"['’]s?$")
_CLAUSE_END = re.compile(r"[,;:.()\x01—–]|\s-\s")
_SENTENCE_LIKE = re.compile(r"^\W*[A-Z].*[.!?…,]\W*$", re.S)
_HAS_BEFORE = re.compile(r"(?:has|had|have) (?:also )?$", re.I)
_HAS_VERBS = frozenset("called described termed dubbed".split())


def _cues(masked: str, lower: str | None = None):
    """``(start, end, cue, verb)`` of every speech cue in ``masked`` (``verb`` lower-case, the cue word itself).
    ``lower``: ``masked.lower()`` when it has the same length (then a faster case-sensitive scan is used)."""
    for m in (_CUE_LC.finditer(lower) if lower is not None else _CUE.finditer(masked)):
        vs, ve = m.span()
        if vs and masked[vs - 1] in "’'-":
            continue  # a contraction, or a compound such as so-called
        low = m.group() if lower is not None else m.group().lower()
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
_INVERTING = frozenset("said says added adds asked continued wrote writes explained noted stated replied answered "
                       "insisted remarked observed quipped concluded argued argues warned "
                       "alleged claimed declared responded stressed recalled".split())
#: Cues that name something (a label attributed to its user): referred to it as an “Asian NATO”.
_NAMING = re.compile(r"(?:(?:call(?:s|ed|ing)?(?! (?:for|on|off|up)\b)|term(?:s|ed)?|dub(?:s|bed)?|labell?ed|"
                     r"refer(?:s|red|ring)? to|formulation of|describ(?:e|es|ed|ing))(?: [\w’'-]+){0,4}?|"
                     r"(?:describ(?:e|es|ed|ing)|characteri[sz](?:e|es|ed|ing)|refer(?:s|red|ring)? to|"
                     r"regard(?:s|ed|ing)?|see(?:s|ing)?|saw|view(?:s|ed|ing)?)(?: [\w’'-]+){1,10}? as(?: an?| the)?)"
                     r"\s*$", re.I)
#: A naming verb whose object may be gapped after "and" (``called A “x” and B “y”``); what may follow the second
#: object's head noun (only a space and the quotation).
_NAMING_VERB = re.compile(r"(?:has |had |have )?(?:also )?(?:call|describ|term|dub|label)", re.I)
_GAPPED_AFTER = re.compile(r" ?\x01")
_SCARE_WORDS = ("so-called", "so called", "dubbed", "known as", "named", "titled", "entitled")
_BOUNDARY = re.compile(r"[,;:()\[\]—–]|\x01+|\s-\s|(?<![\w’'])(?:when|while|and|but|as|that|after|before|because|"
                       r"adding|saying|where|which|who|whom|if|though|although|since|then|whereas)(?![\w’'])", re.I)
#: Words after a subject and before its verb that are not part of the subject (``Lavrov also said``).
_TRAIL_WORDS = frozenset("""also further then later today tonight yesterday recently earlier once has have had was were
    is are been would will reportedly separately too again""".split())
_TRAIL_PHRASES = (" in a statement", " in an interview")


def _strip_trail(chunk: str) -> str:
    """``chunk`` without trailing :data:`_TRAIL_WORDS`, weekdays (``on Monday``) and ``in a statement``."""
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
_LEAD = re.compile(r"^\s*(?:visiting|also|and|but|then|meanwhile|however|with)\s+", re.I)
_TAG = re.compile(r"^\s*[:\-–—|]\s*(.{1,60}?)\s*$")
_PUNCT_AFTER = re.compile(r"[\s,.;:!?)\]\x01—–-]*")
_DIGIT = re.compile(r"\d")
_CONTENT_WORD = re.compile(r"[A-Za-z0-9][\w’'+.-]*")
_FUNCTION_WORDS = frozenset("of in and the for to on a an at by with de la".split())
_PARTICIPLE_START = re.compile(r"^[^\w\x01]*(?:asked|adding|responding|answering|replying|speaking|referring|"
                               r"reacting|commenting|explaining|elaborating)\b", re.I)
_US_MENTION = re.compile(r"(?<![\w])(?:US|U\.S\.?|USA|United States|Washington|Biden administration|Trump administration|"
                         r"State Department|Pentagon|White House|America)(?![\w])")


def _role_keys(role: str) -> set[str]:
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


def _desc_key(phrase: str) -> str:
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


def _nationality(phrase: str) -> str | None:
    """The country of a description, from the words before its role noun (``Russia’s ... diplomat in India`` -> Russia)."""
    m = _ROLE_NOUN.search(phrase)
    head = phrase[: m.start()] if m else phrase
    found = None
    for w in head.split():
        c = _NATIONALITY.get(w.lower().strip(",."))
        if c:
            found = c
    return found


def _institution_side(phrase: str) -> str | None:
    """The side of an institution named before the role noun: ``a State Department spokesperson`` -> US."""
    m = _ROLE_NOUN.search(phrase)
    head = " " + " ".join(phrase[: m.start() if m else len(phrase)].lower().replace("’", "'").split()) + " "
    for name, side in _STATES.items():
        if side and f" {name} " in head:
            return side
    return None


@dataclass
class _Person:
    name: str
    gender: str = ""
    country: str | None = None
    keys: set = field(default_factory=lambda: {"person"})
    side: str = ""
    role: str = ""
    known: bool = False
    gender_from: str = ""  # list | title | pronoun | ""


class _Lexicon:
    """The actors list compiled once: alias regex, lower-case aliases, role phrases with their dates, and which
    aliases are surname-only (one word, while the canonical name has several: ``Austin``, ``Price``)."""

    def __init__(self, actors: pd.DataFrame):
        self.people: list[_Person] = []
        self.alias: dict[str, int] = {}
        self.alias_lower: dict[str, int] = {}
        self.surname_only: set[str] = set()
        self.phrases: dict[str, list[tuple[int, date | None, date | None]]] = {}
        for i, row in enumerate(actors.itertuples(index=False)):
            keys = _role_keys(" ".join([row.role, *row.phrase_list]))
            self.people.append(_Person(row.name, row.gender, row.country, keys, row.side, row.role, True,
                                       "list" if row.gender else ""))
            for alias in row.alias_list:
                self.alias.setdefault(alias, i)
                self.alias_lower.setdefault(alias.lower(), i)
                if " " not in alias and " " in row.name:
                    self.surname_only.add(alias)
            lo, hi = parse_bound(row.valid_from), parse_bound(row.valid_to, end=True)
            for phrase in row.phrase_list:
                self.phrases.setdefault(_norm_phrase(phrase), []).append((i, lo, hi))
        # a prefix trie tries the longest alias first at each position (Sergey Lavrov before Sergey); no leading
        # look-behind (fast scanning): a match glued to the word before it is dropped in Python
        self.alias_re = re.compile(r"(?:" + trie_pattern(sorted(self.alias)) + r")(?![\w]|-era)") \
            if self.alias else None


def _norm_phrase(text: str) -> str:
    t = text.lower().replace("’", "'").strip(" ,.")
    t = _SPACES.sub(" ", t)
    for det in ("the ", "a ", "an ", "his ", "her ", "its ", "their "):
        if t.startswith(det):
            t = t[len(det):]
    return t


_LEXICONS: dict[int, tuple[pd.DataFrame, _Lexicon]] = {}


def _lexicon(actors: pd.DataFrame | None) -> _Lexicon:
    actors = default_actors() if actors is None else actors
    hit = _LEXICONS.get(id(actors))
    if hit is None or hit[0] is not actors:
        hit = (actors, _Lexicon(actors))
        _LEXICONS[id(actors)] = hit
    return hit[1]


# --------------------------------------------------------------------------------------------- article state
@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    person: _Person | None
    kind: str  # name | pronoun | description | state | anonymous | generic
    side: str = ""   # for state and anonymous speakers (no person): the side of the institution / nationality
    role: str = ""   # for anonymous speakers: the role noun as written (official, analyst, spokesperson)


@dataclass(slots=True)
class _Attr:
    cue: str
    verb_start: int
    verb_end: int
    chunk_start: int     # where the subject chunk before the verb begins (== verb_start when empty)
    subject: _Mention | None
    side: str = ""


@dataclass
class _Sentence:
    start: int
    end: int
    kind: str
    para: int
    quotes: list[int]


#: A place preposition right before a surname-only alias: ``in Austin, Texas`` is a city, not Lloyd Austin.
_PLACE_PREPOSITIONS = frozenset("in at near outside around across".split())
_ACCORDING_BEFORE = re.compile(r"according to\s+$", re.I)
_POSS_AFTER = re.compile(r"['’]s?(?![\w])")
#: Pronoun preference when the most recent compatible person's gender is unknown: for ``he`` that person
#: (most people quoted on this beat are men, and a newly introduced person is the usual referent); for ``she``
#: a person known to be a woman (actors list or a title: Ms, Mrs, spokeswoman) in the recent context wins.
_UNKNOWN_GENDER_FIRST = {"m": True, "f": False}


class _Article:
    def __init__(self, text: str, lex: _Lexicon, published: date | None):
        self.text = text
        self.lex = lex
        self.published = published
        self.local: dict[str, _Person] = {}      # people named in this article but not in the list
        self.token_person: dict[str, _Person] = {}  # a name token -> the person most recently named with it
        self.loose_tokens: list[str] = []        # those tokens that are not aliases of the list themselves
        self.loose_set: set[str] = set()
        self.established: set[str] = set()       # people whose full name or role phrase appeared already
        self.known: dict[int, _Person] = {}      # per-article copies (gender may be learned)
        self.mentioned: list[_Person] = []       # every person mention, in order
        self.last_seen: dict[str, int] = {}      # person name -> index of the last mention
        self.salient: list[_Person] = []         # sentence subjects and speakers, in order
        self.all_mentions: list[_Mention] = []
        self._lower_cache: dict[str, bool] = {}
        self._pool_memo: dict[tuple, _Person | None] = {}

    # ---- people
    def remember(self, person: _Person) -> None:
        self.last_seen[person.name] = len(self.mentioned)
        self.mentioned.append(person)

    def actor(self, i: int) -> _Person:
        if i not in self.known:
            p = self.lex.people[i]
            self.known[i] = _Person(p.name, p.gender, p.country, set(p.keys), p.side, p.role, True, p.gender_from)
        return self.known[i]

    def _learn_tokens(self, name: str, person: _Person) -> None:
        """Every token of a full name now points to ``person`` (``Wang`` -> the last-named Wang Wenbin)."""
        for token in name.split():
            if not _INITIAL.fullmatch(token) and token.lower() not in _TITLE_WORDS:
                if token not in self.token_person and token not in self.lex.alias:
                    self.loose_tokens.append(token)
                    self.loose_set.add(token)
                self.token_person[token] = person

    def unknown(self, name: str, title: str) -> _Person:
        """A person not in the actors list, by the name as written; a single name is the person most recently
        named in full with it (``Kapoor`` after ``Pavan Kapoor``)."""
        tokens = name.split()
        if len(tokens) == 1 and name in self.token_person:
            return self.token_person[name]
        person = self.local.get(name)
        if person is None:
            country = _nationality(title + " official") if title else None
            person = _Person(name, "", country, _role_keys(title) if title else {"person"},
                             country if country in SIDES else "", "", False)
            self.local[name] = person
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
        for w in _CAPWORD.findall(masked):
            if w in self.loose_set or ("’" in w or "'" in w) and _POSSESSIVE.sub("", w) in self.loose_set:
                return True
        return False

    def _lower_word(self, word: str) -> bool:
        """``word`` occurs in lower case somewhere in the article (so it is an ordinary word here: price, miller)."""
        hit = self._lower_cache.get(word)
        if hit is None:
            hit = word in self.text and re.search(r"(?<![\w’'])" + re.escape(word) + r"(?![\w’'])", self.text) is not None
            self._lower_cache[word] = hit
        return hit

    def _surname_ok(self, masked: str, s: int, e: int, alias: str, person: _Person) -> bool:
        """May the surname-only alias ``masked[s:e]`` name ``person``? (see :mod:`helpers.actors`)."""
        before = masked[max(0, s - 16):s]
        prev = before.rsplit(None, 1)[-1].lower() if before.endswith(" ") and before.strip() else ""
        if prev in _PLACE_PREPOSITIONS and not _POSS_AFTER.match(masked, e):
            return False
        if person.name in self.established or _ACCORDING_BEFORE.search(before):
            return True
        if _CUE.search(masked, e, min(len(masked), e + 24)):
            return True
        return not self._lower_word(alias.lower())

    # ---- mentions in a masked sentence
    def mentions(self, masked: str, offset: int, lower: str | None = None) -> list[_Mention]:
        found: list[_Mention] = []
        t_starts: list[int] = []
        t_ends: list[int] = []
        lex = self.lex
        if lex.alias_re is not None:
            for m in lex.alias_re.finditer(masked):
                s, e = m.span()
                if _glued(masked, s) or _after_org(masked, e):
                    continue
                g = m.group()
                multi = " " in g
                if not multi and _capitalised_before(masked, s):
                    continue  # "Asim Qureshi" is not the Qureshi of the list
                person = self.actor(lex.alias[g])
                if g in lex.surname_only and not self._surname_ok(masked, s, e, g, person):
                    continue
                if multi:
                    self.established.add(person.name)
                    self._learn_tokens(g, person)
                found.append(_Mention(offset + s, offset + e, g, person, "name"))
                t_starts.append(s)
                t_ends.append(e)
        # single capitalised words count only when they are a token of a name already seen (Kapoor after
        # Pavan Kapoor): when the sentence has none, only runs of two or more capitalised words are read
        for ra, rb in _runs(masked, not self._has_loose_token(masked)):
            run = masked[ra:rb]
            if " " not in run:
                word = _POSSESSIVE.sub("", run)
                if word.lower() in _NOT_NAME or word not in self.token_person:
                    continue
            else:
                k = bisect.bisect_right(t_ends, ra)
                if k < len(t_starts) and t_starts[k] <= ra and rb <= t_ends[k]:
                    continue  # the whole run is an alias of the list (Sergei Lavrov)
                if _STOP_WORDS.issuperset(run.lower().replace("’s", "").replace("'s", "").replace(".", "").split()):
                    continue  # only places, institutions and titles (New Delhi, Foreign Minister)
            for a, b, title, strong, gender in _name_segments(masked, ra, rb):
                k = bisect.bisect_right(t_ends, a)
                if k < len(t_starts) and t_starts[k] < b or _after_org(masked, b):
                    continue
                name = masked[a:b]
                if not strong and name not in self.token_person:
                    continue
                person = self.unknown(name, title)
                if gender and person.gender_from not in ("list", "title"):
                    person.gender, person.gender_from = gender, "title"
                found.append(_Mention(offset + a, offset + b, name, person, "name"))
        if lower is not None:
            first = _PRONOUN_START.match(lower)
            if first is not None:
                found.append(_Mention(offset, offset + first.end(), masked[:first.end()], None, "pronoun"))
            for m in _PRONOUN_LC.finditer(lower):
                s, e = m.span(1)
                found.append(_Mention(offset + s, offset + e, masked[s:e], None, "pronoun"))
        else:
            for m in _PRONOUN.finditer(masked):
                found.append(_Mention(offset + m.start(), offset + m.end(), m.group(), None, "pronoun"))
        found.sort(key=lambda x: x.start)
        return found

    def resolve_pronoun(self, word: str) -> _Person | None:
        """The most recent salient (else mentioned) person whose gender does not conflict; see
        :data:`_UNKNOWN_GENDER_FIRST` for a person of unknown gender."""
        gender = "f" if word.lower() == "she" else "m"
        for pool in (self.salient, self.mentioned):
            unknown = None
            for person in reversed(pool[-12:]):
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

    def note(self, mentions: list[_Mention]) -> None:
        """Record a sentence's mentions (resolving pronouns in order); its first person becomes salient."""
        first = True
        for m in mentions:
            if m.kind == "pronoun" and m.person is None:
                m.person = self.resolve_pronoun(m.text)
            if m.person is not None:
                self.remember(m.person)
                self.all_mentions.append(m)
                if first:
                    self.salient.append(m.person)
                    first = False

    def anonymous(self, noun: str, side: str, country: str | None) -> _Person:
        """A new anonymous source (``a senior US official``): no name (speaker empty), the side of its nationality,
        the role noun as role and its role group as keys, so that ``the official`` / ``he`` can refer back to it."""
        person = _Person("", "", country, _role_keys(noun), side, noun, False)
        self.remember(person)
        self.salient.append(person)
        return person

    # ---- descriptions
    def resolve_description(self, phrase: str, pool: list[_Person] | None = None) -> _Person | None:
        """A definite description (``the Russian ambassador``, ``the diplomat``): the dated role phrase of the
        actors list, else the most recent named person whose role words and nationality fit."""
        norm = _norm_phrase(phrase)
        norm = _DESC_LEAD.sub("", norm)
        hits = []
        for key in (norm, _DESC_TAIL.sub("", norm)):
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
        key = _desc_key(norm)
        country = _nationality(phrase)
        if pool is not None:  # the forward pool of headline tags: the same answer for every tag of this kind
            memo = (id(pool), key, country)
            if memo not in self._pool_memo:
                self._pool_memo[memo] = next((p for p in pool if key in p.keys and (
                    country is None or p.country is None or p.country == country)), None)
            return self._pool_memo[memo]
        for person in reversed(self.mentioned[-40:]):
            if key in person.keys and (country is None or person.country is None or person.country == country):
                return person
        return None

    # ---- subjects
    def subject(self, masked: str, offset: int, a: int, b: int, mentions: list[_Mention],
                m_starts: list[int]) -> _Mention | None:
        """Parse ``masked[a:b]`` (the words before or after a speech verb) as the speaker. ``m_starts`` are the
        start offsets of ``mentions`` (sorted), for a bisect."""
        chunk = masked[a:b].rstrip()
        b = a + len(chunk)
        lead = _LEAD.match(chunk)
        if lead:
            a += lead.end()
            chunk = chunk[lead.end():]
        chunk = _strip_trail(chunk).strip()
        if len(chunk.split()) > 9 and (_INDEFINITE.match(chunk) or chunk.lower().startswith("the ")):
            head = _ROLE_NOUN.search(chunk)  # a long description: its head noun (an analyst at the ... in ...)
            if head is not None and len(chunk[:head.end()].split()) <= 6:
                chunk = chunk[:head.end()]
        if not chunk or "\x01" in chunk or len(chunk.split()) > 9:
            return None
        a = masked.find(chunk, a)
        b = a + len(chunk)
        k = bisect.bisect_left(m_starts, offset + a)
        owner = None  # a possessive name (Jaishankar’s spokesperson X): the speaker only if no other name follows
        while k < len(mentions) and mentions[k].start < offset + b:
            m = mentions[k]
            if m.end <= offset + b and m.person is not None:
                if _describes_other(masked[a:m.start - offset]):
                    break  # a description whose head is not this name: an analyst close to Jaishankar
                if owner is None and _POSS_AFTER.match(masked, m.end - offset):
                    owner = m
                    k += 1
                    continue
                return _Mention(offset + a, m.end, masked[a:m.end - offset], m.person, m.kind)
            k += 1
        if owner is not None and not _ROLE_NOUN.search(masked, owner.end - offset, b):
            return _Mention(offset + a, owner.end, masked[a:owner.end - offset], owner.person, owner.kind)
        low = chunk.lower()
        if low in self.lex.alias_lower:
            # case-insensitive only inside an attribution (scrape damage: "alipov Told"), and a lower-case
            # surname only for a person already named in full (never "price said" -> Ned Price)
            person = self.actor(self.lex.alias_lower[low])
            if chunk in self.lex.alias or " " in chunk or person.name in self.established:
                return _Mention(offset + a, offset + b, chunk, person, "name")
        bare = low[4:] if low.startswith("the ") else low
        side = _STATES.get(bare.replace("’", "'"))
        if side is None:
            body = _BODY.match(low)
            if body is not None:
                side = _NATIONALITY.get(body.group("nat").replace("’", "'").lower())
        if side is not None:
            return _Mention(offset + a, offset + b, chunk, None, "state", side)
        role = _ROLE_NOUN.search(chunk)
        if _INDEFINITE.match(chunk) or _GENERIC_SUBJECT.match(chunk) and not low.startswith("the "):
            # a NEW anonymous source: never a named person (a senior US official, Indian officials, sources)
            country = _nationality(chunk) or _institution_side(chunk)
            noun = role.group(1).lower() if role else ""
            side = country if country in SIDES else ""
            person = None
            if role and not role.group().lower().endswith("s") and not _GENERIC_SUBJECT.match(chunk):
                person = self.anonymous(noun, side, country)  # one new source: "the official" may refer back
            return _Mention(offset + a, offset + b, chunk, person, "anonymous", side, noun)
        if role and (chunk[:1].islower() or not _has_name_shape(chunk)):
            person = self.resolve_description(chunk)
            if person is None and _desc_key(_norm_phrase(chunk)) != "person" and low.startswith("the "):
                # nobody compatible was mentioned: a new anonymous source (the expert, the official)
                country = _nationality(chunk) or _institution_side(chunk)
                person = self.anonymous(role.group(1).lower(), country if country in SIDES else "", country)
            elif person is not None:
                self.remember(person)
            return _Mention(offset + a, offset + b, chunk, person, "description")
        if _ONE_NAME.fullmatch(chunk) and low not in _NOT_NAME:
            return _Mention(offset + a, offset + b, chunk, self.unknown(chunk, ""), "name")
        if _GENERIC_SUBJECT.match(low) or _GENERIC_OTHER.match(low):
            return _Mention(offset + a, offset + b, chunk, None, "generic")
        return None


_CONNECTORS = frozenset("of for and the to de".split())


def _describes_other(prefix: str) -> bool:
    """``prefix`` (the words of a subject before a name) is a description with its own head noun, so the name is
    not the speaker: ``a senior US official travelling with`` / ``an analyst close to`` (a role noun followed by
    ordinary words). A title right before the name is not: ``the Russian ambassador``, ``Russia’s ambassador to
    India``, ``Minister of State for External Affairs``."""
    if not prefix.strip():
        return False
    last = None
    for last in _ROLE_NOUN.finditer(prefix):
        pass
    if last is None:
        return False
    rest = prefix[last.end():].split()
    if not rest:
        return False
    if not rest[-1][:1].isupper():
        return True
    return any(not w[:1].isupper() and w.lower() not in _CONNECTORS for w in rest)


def _after_org(masked: str, end: int) -> bool:
    """``Biden administration``, ``Trump-era``, ``Putin government``: an institution, not the person."""
    tail = masked[end:end + 16].lower()
    return tail.startswith(("-era", " administration", " government", " regime", "-led", " doctrine"))


def _capitalised_before(masked: str, start: int) -> bool:
    """The word right before ``start`` (one space between) is a capitalised word that could be a first name."""
    if start < 3 or masked[start - 1] != " " or not masked[start - 2].isalpha():
        return False
    m = _CAP_BEFORE.search(masked, max(0, start - 20), start)
    return bool(m) and m.group(1).lower() not in _NOT_NAME and m.group(1).lower() not in _TITLE_WORDS


def _has_name_shape(chunk: str) -> bool:
    return bool(_NAME_SHAPE.search(chunk))


def _bare(word: str) -> str:
    """A token lower-cased without trailing punctuation and possessive: ``Moscow’s,`` -> ``moscow``."""
    return _POSSESSIVE.sub("", word.rstrip(".,’'")).lower() if word else ""


def _name_segments(masked: str, a: int, b: int):
    """Person-name candidates in a run of capitalised words: the part after the last title or place word.
    Yields ``(start, end, title_words_before, strong, gender_from_title)``; ``strong`` = two or more name tokens
    or a title right before. A sentence-initial word in -ing/-ed followed by nothing or a non-name word
    (``Delineating Moscow’s position``) is a participle, not a name (``Manning``, ``Emily`` stay names)."""
    tokens = [m.span() for m in _TOKEN.finditer(masked, a, b)]
    seg: list[tuple[int, int]] = []
    title_seen = False
    gender = ""
    for n, (s, e) in enumerate(tokens + [(-1, -1)]):
        raw = masked[s:e] if s >= 0 else ""
        word = raw.lower().rstrip(".,’'")
        bare = word[:-2] if word.endswith(("’s", "'s")) else word
        is_title = s >= 0 and word in _TITLE_WORDS
        stop = s < 0 or is_title or bare in _NOT_NAME or raw.isupper() and len(word) > 1
        initial = s >= 0 and len(raw) <= 9 and (len(raw) == 1 or raw[1] == ".") and _INITIAL.fullmatch(raw.rstrip(",")) \
            and raw not in ("A", "I")  # the article "A" and the pronoun "I" are not initials
        if initial:
            stop = False  # an initial: S. Jaishankar, Amitabh P. Revi
        if not stop and raw.endswith(".") and not initial and len(raw) > 1:
            # a full stop ends the name (the sentence went on in a run: "said Bob Menendez. Menendez ...")
            seg.append((s, e - 1))
            s, e, stop, is_title = -2, -2, True, False
        if stop:
            if seg and not all(_INITIAL.fullmatch(masked[x:y]) for x, y in seg) \
                    and not (s >= 0 and not is_title and bare in _NAME_HEADS) \
                    and not (seg[0][0] == a and _HEAD_OF.search(masked, max(0, a - 40), a)
                             and _HEAD_OF.search(masked, max(0, a - 40), a).group(1).lower() in _NAME_HEADS):
                # (not part of a place or organisation name: Observer Research Foundation, Line of Actual Control)
                before = masked[max(0, seg[0][0] - 60):seg[0][0]]
                title = " ".join(before.split()[-5:])
                yield (seg[0][0], seg[-1][1], title if _ROLE_NOUN.search(title) else "", len(seg) >= 2 or title_seen,
                       gender)
            seg = []
            if s == -2:
                title_seen, gender = False, ""
                continue
            title_seen = is_title and word not in _FUNCTION_WORDS  # "the Pentagon" has no title
            gender = _GENDER_TITLE.get(word, "") if is_title else ""
        else:
            if not seg and s == 0 and word.endswith(("ing", "ed")):
                nxt = tokens[n + 1] if n + 1 < len(tokens) else None
                if nxt is None or _bare(masked[nxt[0]:nxt[1]]) in _NOT_NAME:
                    continue  # a sentence-initial participle: Delineating Moscow’s ...
            seg.append((s, e))
            if _POSSESSIVE.search(raw):
                title_seen = False  # a possessive ends the name: Moscow’s foreign policy
                yield from _name_segments_flush(masked, seg, gender)
                seg = []
                gender = ""


def _name_segments_flush(masked: str, seg: list[tuple[int, int]], gender: str):
    """A possessive name (``Lavrov’s visit``) is still a mention of the person."""
    a, b = seg[0][0], seg[-1][1]
    name = _POSSESSIVE.sub("", masked[a:b])
    if name and name.lower() not in _NOT_NAME:
        yield a, a + len(name), "", len(seg) >= 2, gender


_NOT_OPENERS = frozenset({"we", "i", "it", "they", "this", "that", "there", "nothing", "no", "our", "yes"})
_NOT_NAME_OR_OPENER = _NOT_NAME | {"we", "i", "it", "they", "no"}


def _name_like(text: str) -> bool:
    """A name or title rather than words: ‘Make in India’, ‘Sputnik V’, ‘2+2’, “Asian NATO”, and a capitalised
    word + a naming noun of ``not_people.csv`` (category term_noun): ‘Moscow format’, ‘Delhi process’."""
    if text.rstrip()[-1:] in ".,;!?…" or len(text) > 160:
        return False
    toks = _CONTENT_WORD.findall(text)
    if not toks or len(toks) > 12:
        return False
    if len(toks) <= 3 and _DIGIT.search(text):
        return True
    caps = [t for t in toks if t.lower() not in _FUNCTION_WORDS]
    if caps and all(t[0].isupper() or t[0].isdigit() for t in caps) and toks[0][0].isupper():
        return toks[0].lower() not in _NOT_OPENERS
    if len(toks) <= 3 and toks[0][0].isupper() and toks[0].lower() not in _NOT_NAME_OR_OPENER:
        return True
    if len(toks) <= 3 and toks[0][0].isupper() and any(t.lower() in _TERM_NOUNS for t in toks[1:]):
        return True
    return False


# --------------------------------------------------------------------------------------------- extraction
def _outer_sentences(text: str, rows: list[tuple[int, int, str]], raws: list[_Raw],
                     paras: list[tuple[int, int]]) -> list[_Sentence]:
    """Sentences merged wherever the splitter cut inside a quotation; each quote belongs to exactly one.
    ``rows``: ``(start, end, kind)`` of the splitter's sentences, sorted."""
    para_starts = [a for a, _ in paras]
    if not rows:
        rows = [(a, b, "body") for a, b in paras]
    out: list[_Sentence] = []
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
            out.append(_Sentence(s, e, k, para, []))
    # quotes outside every sentence: their whole paragraph becomes a sentence (added once, then one sort)
    starts = [x.start for x in out]
    home: list[int | _Sentence] = []
    extra: dict[int, _Sentence] = {}
    for r in raws:
        i = bisect.bisect_right(starts, r.open) - 1
        if i >= 0 and out[i].start <= r.open < out[i].end:
            home.append(i)
            continue
        para = bisect.bisect_right(para_starts, r.open) - 1
        if para not in extra:
            a, b = paras[para] if para >= 0 else (r.open, r.close)
            extra[para] = _Sentence(a, b, "body", para, [])
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


def _mask_all(text: str, raws: list[_Raw]) -> str:
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


def _attributions(art: _Article, masked: str, offset: int, mentions: list[_Mention],
                  lower: str | None = None) -> list[_Attr]:
    attrs: list[_Attr] = []
    m_starts = [m.start for m in mentions]
    for vs, ve, cue, verb in _cues(masked, lower):
        window = max(0, vs - 120)
        chunk_start = window
        last_b = prev_end = None
        for b in _BOUNDARY.finditer(masked, window, vs):
            prev_end = chunk_start
            chunk_start = b.end()
            last_b = b
        subject = None
        if verb[-1:] == "s" and last_b is not None and last_b.group().lower() == "and" and attrs \
                and _GAPPED_AFTER.match(masked, ve) and _NAMING_VERB.match(attrs[-1].cue):
            continue  # "called the threat “blackmail” and the US demands “unacceptable”": a noun, not a verb
        if last_b is not None and last_b.group().lower() == "who" and verb != "according":
            # "a senior official who accompanied Jaishankar told": the subject is the phrase before "who"
            subject = art.subject(masked, offset, prev_end, last_b.start(), mentions, m_starts)
            if subject is not None:
                attrs.append(_Attr(cue, offset + vs, offset + ve, offset + prev_end, subject))
                continue
        if verb == "according":
            end = _clause_end(masked, ve)
            subject = art.subject(masked, offset, ve, end, mentions, m_starts)
            chunk_start = vs
        else:
            if masked[chunk_start:vs].strip():
                subject = art.subject(masked, offset, chunk_start, vs, mentions, m_starts)
            else:
                chunk_start = vs
            if subject is None and not masked[chunk_start:vs].strip() and verb in _INVERTING \
                    and not (last_b is not None and last_b.group()[:1].isalpha()):  # not "... and said the two ..."
                subject = art.subject(masked, offset, ve, _clause_end(masked, ve), mentions, m_starts)
        attrs.append(_Attr(cue, offset + vs, offset + ve, offset + chunk_start, subject))
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


def _clause_end(masked: str, pos: int) -> int:
    """Where the clause starting at ``pos`` ends (a comma, colon, bracket, dash, quotation or full stop; not the
    stop of an abbreviated title or an initial: ``said Sen. Bob Menendez``, ``said S. Jaishankar``)."""
    while True:
        m = _CLAUSE_END.search(masked, pos)
        if m is None:
            return len(masked)
        if m.group() == ".":
            word = masked[max(pos, m.start() - 5):m.start()].rsplit(" ", 1)[-1]
            if word.lower() in ABBREVIATIONS or len(word) == 1 and word.isupper():
                pos = m.end()
                continue
        return m.start()


def _words_of(text: str) -> list[str]:
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
         row; ``actors`` a table from :func:`helpers.actors.load_actors` (default: the project's list).
    Out: one dict per quotation in text order, keys :data:`QUOTE_COLUMNS`. Linear in the length of the text;
    never raises on odd input."""
    rows = []
    for r in sentences_records:
        try:
            s, e = int(r["start"]), int(r["end"])
            rows.append((s, e, str(r.get("kind", "body")), int(r.get("sentence_id", -1))))
        except (KeyError, TypeError, ValueError):
            continue
    return _extract_rows(text, rows, published, file, _lexicon(actors))


def _extract_rows(text: str, sentence_rows: list[tuple[int, int, str, int]], published, file: str,
                  lex: _Lexicon) -> list[dict]:
    """The extractor proper: ``sentence_rows`` are ``(start, end, kind, sentence_id)``."""
    raws = _scan(text)
    if not raws:
        return []
    art = _Article(text, lex, _published(published))
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text)]
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
    speaker: list[_Mention | None] = [None] * n
    cue = [""] * n
    kind = ["speech"] * n
    continued = [False] * n
    attributed = [False] * n
    headline_q: list[tuple[int, _Sentence, str, list[_Attr]]] = []
    last_speaker: _Mention | None = None
    para_last: dict[int, tuple[int, bool]] = {}  # paragraph -> (last quote, sentence was the paragraph's last)
    para_attr: dict[int, _Attr] = {}  # paragraph -> its first attribution with a person (for subheadings)
    need_para_attr: set[int] = set()  # paragraphs right after a subheading with a quote
    last_sentence_of_para: dict[int, int] = {}
    quote_para = [0] * n
    for i, s in enumerate(outer):
        last_sentence_of_para[s.para] = i
        for q in s.quotes:
            quote_para[q] = s.para

    for si, sent in enumerate(outer):
        masked = full_masked[sent.start:sent.end]
        lower = full_lower[sent.start:sent.end] if full_lower is not None else None
        mentions = art.mentions(masked, sent.start, lower)
        art.note(mentions)
        if not sent.quotes:
            # no quotation here: only people matter (context for pronouns and descriptions); attributions are
            # needed only to give a subheading above this paragraph its speaker
            if sent.para in need_para_attr and sent.para not in para_attr and sent.kind == "body":
                for at in _attributions(art, masked, sent.start, mentions, lower):
                    if at.subject is not None and at.subject.person is not None:
                        para_attr[sent.para] = at
                        break
            continue
        attrs = _attributions(art, masked, sent.start, mentions, lower)
        if sent.kind != "body":
            for q in sent.quotes:
                headline_q.append((q, sent, masked, attrs))
            need_para_attr.add(sent.para + 1)
            continue
        for at in attrs:
            if at.subject is not None and at.subject.person is not None and sent.para not in para_attr:
                para_attr[sent.para] = at
        participle_start = _PARTICIPLE_START.match(masked) is not None
        if not attrs and participle_start and last_speaker is not None:
            attrs = [_Attr("", sent.start, sent.start, sent.start, last_speaker)]
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
            gap = _PUNCT_AFTER.match(masked, r.close - sent.start).end() + sent.start
            i = bisect.bisect_left(verb_starts, r.close)
            while i < len(attrs) and attrs[i].verb_start < nxt_open:
                at = attrs[i]
                if (at.chunk_start <= gap or at.verb_start <= gap) and at.subject is not None \
                        and at.subject.start >= r.close:
                    chosen = at
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
                chosen = _Attr(chosen.cue, chosen.verb_start, chosen.verb_end, chosen.chunk_start, last_speaker)
            if _name_like(qtext) and not (chosen is not None and _NAMING.search(pre)) \
                    or pre.rstrip().lower().endswith(_SCARE_WORDS):
                kind[q] = "term"
                continue
            if chosen is not None:
                attributed[q] = True
                cue[q] = chosen.cue
                speaker[q] = chosen.subject
            elif text[r.open] == "‘" or count_words(qtext) <= 4 and not _SENTENCE_LIKE.match(qtext):
                kind[q] = "term"
                continue
            if speaker[q] is not None and speaker[q].person is not None:
                last_speaker = speaker[q]
                art.salient.append(speaker[q].person)
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
                if same_para and not (first_person_verb is not None and first_person_verb < raws[q].open) \
                        or prev_para_end:
                    speaker[q] = speaker[prev]
                    cue[q] = cue[prev]
                    continued[q] = True
        para_last[sent.para] = (sent.quotes[-1], si == last_sentence_of_para[sent.para])
        for at in attrs:
            if at.subject is not None and at.subject.person is not None:
                art.salient.append(at.subject.person)

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
            "sentence_id": sentence_id, "speaker": person.name if person is not None else "",
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
         :func:`helpers.actors.load_actors` (default: the project's list).
    Out: DataFrame with :data:`QUOTE_COLUMNS`, one row per quotation in text order (see the module docstring).
    Linear in the length of the text; never raises on odd input. (:func:`quote_rows` is the same without pandas.)"""
    rows = _extract_rows(text, _sentence_tuples(sentences), published, file, _lexicon(actors))
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
    index from each word to the body quotes containing it (built once per article; lookups use the rarest word)."""

    def __init__(self, text: str, raws: list[_Raw], heads: set[int]):
        self.words: dict[int, list[str]] = {}
        self.index: dict[str, list[int]] = {}
        for b, r in enumerate(raws):
            if b in heads:
                continue
            ws = _words_of(text[r.start:r.end])
            self.words[b] = ws
            for w in set(ws):
                self.index.setdefault(w, []).append(b)

    def find(self, own: list[str], after: int) -> int | None:
        if not own:
            return None
        postings = [self.index.get(w, []) for w in set(own)]
        best = min(postings, key=len)
        for b in best[bisect.bisect_right(best, after):]:
            if _contains(self.words[b], own):
                return b
        return None


def _headline_quote(art: _Article, text: str, raws: list[_Raw], q: int, sent: _Sentence, masked: str,
                    attrs: list[_Attr], finder: _BodyQuoteFinder, forward: list[_Person], kind: list,
                    speaker: list, cue: list, para_attr: dict) -> None:
    """A quote in a headline or subheading: the body quote that repeats its words, else its own attribution
    (``China calls ...``, ``...: Envoy``), else the speaker of the paragraph it introduces."""
    r = raws[q]
    b = finder.find(_words_of(text[r.start:r.end]), q)
    if b is not None:
        kind[q], speaker[q], cue[q] = kind[b], speaker[b], ""
        return
    qtext = text[r.start:r.end]
    if _name_like(qtext):
        kind[q] = "term"
        return
    attrs = [a for a in attrs if a.subject is not None]
    if attrs:
        kind[q], speaker[q], cue[q] = "speech", attrs[0].subject, attrs[0].cue
        if speaker[q].person is None and speaker[q].kind == "description":
            person = art.resolve_description(speaker[q].text, forward)
            speaker[q] = _Mention(speaker[q].start, speaker[q].end, speaker[q].text, person, "description")
        return
    tag = _TAG.match(masked[r.close - sent.start:])
    if tag is None:
        tail = masked[r.close - sent.start:]
        colon = tail.rfind(":")
        tag = _TAG.match(tail[colon:]) if colon >= 0 else None
    if tag is not None:
        phrase = tag.group(1).strip()
        a = sent.start + masked.find(phrase, r.close - sent.start)
        low = phrase.lower()
        person = None
        if low in art.lex.alias_lower:
            person = art.actor(art.lex.alias_lower[low])
        elif _ROLE_NOUN.search(phrase):
            person = art.resolve_description(phrase, forward if not art.lex.phrases.get(_norm_phrase(phrase)) else None)
        if person is not None:
            kind[q], speaker[q], cue[q] = "speech", _Mention(a, a + len(phrase), phrase, person, "description"), ""
            return
    nxt = para_attr.get(sent.para + 1)
    if sent.kind == "subhead" and nxt is not None:
        kind[q], speaker[q], cue[q] = "speech", _Mention(nxt.subject.start, nxt.subject.end, "", nxt.subject.person, "name"), ""
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


def quotes_table(corpus, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`quote_rows` over ``corpus.english``, one DataFrame for the corpus, ordered by ``file, start``.
    With the default actors list the corpus's annotation is used (:func:`helpers.annotate.annotations`,
    computed once, in parallel for large corpora, cached by content)."""
    if actors is None:
        from .annotate import annotations
        return annotations(corpus).quotes.copy()
    lex = _lexicon(actors)
    by_file: dict[str, list[tuple[int, int, str, int]]] = {}
    s = corpus.sentences
    if len(s):
        for f, a, e, k, i in zip(s["file"].tolist(), s["start"].tolist(), s["end"].tolist(), s["kind"].tolist(),
                                 s["sentence_id"].tolist()):
            by_file.setdefault(f, []).append((int(a), int(e), str(k), int(i)))
    rows: list[dict] = []
    eng = corpus.english
    for file, text, published in zip(eng["file"].tolist(), eng["text"].tolist(), eng["published"].tolist()):
        rows.extend(_extract_rows(text, by_file.get(file, []), published, file, lex))
    return quotes_frame(rows)


def voice_row(text: str, speech: list[tuple[str, str, str]], sides: list[str]) -> dict:
    """How much of ONE article is quoted speech, and whose (a pure function, for worker processes).

    In:  the cleaned ``text``; its ``speech`` quotes as ``(quote text, speaker, side)``; the ``sides`` of the
    actors list. Out: ``n_words, quoted_words, own_words, quoted_share, n_speakers, quoted_words_<side>`` (one
    per side) ``, quoted_words_unknown, us_gov_quoted_directly, india_gov_quoted_directly,
    us_mentioned_only_reported`` (see :func:`voices`)."""
    n_words = count_words(text)
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
            "us_mentioned_only_reported": "US" not in quoted_sides and bool(_US_MENTION.search(text))}


def actor_sides(actors: pd.DataFrame | None = None) -> list[str]:
    """The sides of the actors list (default: the project's), sorted; ``["other"]`` when it names none."""
    actors = default_actors() if actors is None else actors
    return sorted(set(actors["side"])) or ["other"]


def voices(corpus, quotes: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per English article: how much of it is quoted speech, and whose (:func:`voice_row` per article).

    Columns: ``file, outlet, n_words, quoted_words, own_words, quoted_share, n_speakers, quoted_words_<side>``
    (one per side of the actors list) ``, quoted_words_unknown, us_gov_quoted_directly,
    india_gov_quoted_directly, us_mentioned_only_reported``. Only ``speech`` quotes count as quoted words;
    ``term`` quotes are the journalist's voice. A speech quote with a side (a listed person, or a state such as
    ``Washington said``) counts for that side; others count as unknown."""
    sides = actor_sides(actors)
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    by_file: dict[str, list[tuple[str, str, str]]] = {}
    if len(speech):
        for f, t, sp, sd in zip(speech["file"], speech["text"], speech["speaker"], speech["side"]):
            by_file.setdefault(f, []).append((t, sp, sd))
    rows = [{"file": f, "outlet": o, **voice_row(t, by_file.get(f, []), sides)}
            for f, o, t in zip(corpus.english["file"], corpus.english["outlet"], corpus.english["text"])]
    columns = ["file", "outlet", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
               *[f"quoted_words_{s}" for s in sides], "quoted_words_unknown", "us_gov_quoted_directly",
               "india_gov_quoted_directly", "us_mentioned_only_reported"]
    return pd.DataFrame(rows, columns=columns)


def voices_by_outlet(voices_df: pd.DataFrame) -> pd.DataFrame:
    """:func:`voices` aggregated per outlet: article count, summed word counts, ``quoted_share`` (quoted / all
    words), ``share_<side>`` (that side's share of quoted words), and the number of articles quoting the US and
    Indian governments directly or mentioning the US only in reported speech."""
    if not len(voices_df):
        return pd.DataFrame(columns=["outlet", "articles", "n_words", "quoted_words", "quoted_share"])
    word_cols = [c for c in voices_df.columns if c.startswith("quoted_words_")]
    flag_cols = ["us_gov_quoted_directly", "india_gov_quoted_directly", "us_mentioned_only_reported"]
    agg = voices_df.groupby("outlet", sort=True).agg(
        articles=("file", "count"), n_words=("n_words", "sum"), quoted_words=("quoted_words", "sum"),
        own_words=("own_words", "sum"), **{c: (c, "sum") for c in word_cols + flag_cols}).reset_index()
    agg["quoted_share"] = (agg["quoted_words"] / agg["n_words"].where(agg["n_words"] > 0)).fillna(0).round(4)
    for c in word_cols:
        agg["share_" + c[len("quoted_words_"):]] = (agg[c] / agg["quoted_words"].where(agg["quoted_words"] > 0)).fillna(0).round(4)
    return agg


# --------------------------------------------------------------------------------------------- evaluation
def canonical_speaker(name: str, actors: pd.DataFrame | None = None) -> str:
    """A speaker name mapped to the canonical name of the actors list (any alias, any case); others unchanged."""
    name = (name or "").strip()
    if not name:
        return ""
    lex = _lexicon(actors)
    i = lex.alias_lower.get(name.lower())
    return lex.people[i].name if i is not None else name


def evaluate(corpus, gold: pd.DataFrame, quotes: pd.DataFrame | None = None,
             actors: pd.DataFrame | None = None) -> dict:
    """Compare extracted quotes with a gold table (``file, quote_no, text, kind, speaker, ...``).

    A match is the same file and word overlap (multiset) of at least half of the gold quote's words; matching
    is one-to-one, greedy by overlap. Files: those of ``corpus.english``. Returns ``precision, recall,
    speaker_accuracy`` (on matched gold ``speech`` quotes, names compared after mapping through the actors
    aliases), ``kind_accuracy``, the counts ``n_gold, n_pred, n_matched, n_speech_matched, n_speaker_ok`` and
    ``mismatches`` (a DataFrame: ``file, problem, gold_text, pred_text, gold_speaker, pred_speaker, gold_kind,
    pred_kind``)."""
    quotes = quotes_table(corpus, actors) if quotes is None else quotes
    files = set(corpus.english["file"])
    gold = gold[gold["file"].isin(files)].fillna("")
    preds = quotes[quotes["file"].isin(files)]
    problems, matched, speech_ok, speech_n, kind_ok = [], 0, 0, 0, 0
    for file in sorted(files):
        g = gold[gold["file"] == file].reset_index(drop=True)
        p = preds[preds["file"] == file].reset_index(drop=True)
        gw = [_bag(t) for t in g["text"]]
        pw = [_bag(t) for t in p["text"]]
        pairs = []
        for i, gb in enumerate(gw):
            need = max(1, sum(gb.values())) / 2
            for j, pb in enumerate(pw):
                ov = sum(min(c, pb.get(w, 0)) for w, c in gb.items())
                if ov > 0 and ov >= need:
                    pairs.append((ov, -i, -j, i, j))
        pairs.sort(reverse=True)
        used_g, used_p = set(), set()
        for _, _, _, i, j in pairs:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            matched += 1
            gk, pk = g.at[i, "kind"], p.at[j, "kind"]
            kind_ok += gk == pk
            if gk == "speech":
                speech_n += 1
                gs, ps = canonical_speaker(g.at[i, "speaker"], actors), canonical_speaker(p.at[j, "speaker"], actors)
                if gs == ps:
                    speech_ok += 1
                else:
                    problems.append(_problem(file, "wrong speaker", g.loc[i], p.loc[j]))
            if gk != pk:
                problems.append(_problem(file, "wrong kind", g.loc[i], p.loc[j]))
        for i in range(len(g)):
            if i not in used_g:
                problems.append(_problem(file, "missed", g.loc[i], None))
        for j in range(len(p)):
            if j not in used_p:
                problems.append(_problem(file, "spurious", None, p.loc[j]))
    n_gold, n_pred = len(gold), len(preds)
    return {
        "precision": matched / n_pred if n_pred else 1.0,
        "recall": matched / n_gold if n_gold else 1.0,
        "speaker_accuracy": speech_ok / speech_n if speech_n else 1.0,
        "kind_accuracy": kind_ok / matched if matched else 1.0,
        "n_gold": n_gold, "n_pred": n_pred, "n_matched": matched, "n_speech_matched": speech_n,
        "n_speaker_ok": speech_ok,
        "mismatches": pd.DataFrame(problems, columns=["file", "problem", "gold_text", "pred_text", "gold_speaker",
                                                      "pred_speaker", "gold_kind", "pred_kind"]),
    }


def _bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for w in _words_of(text):
        bag[w] = bag.get(w, 0) + 1
    return bag


def _problem(file: str, problem: str, g, p) -> dict:
    return {"file": file, "problem": problem,
            "gold_text": g["text"] if g is not None else "", "pred_text": p["text"] if p is not None else "",
            "gold_speaker": g["speaker"] if g is not None else "", "pred_speaker": p["speaker"] if p is not None else "",
            "gold_kind": g["kind"] if g is not None else "", "pred_kind": p["kind"] if p is not None else ""}
