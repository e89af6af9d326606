"""Quotations and their speakers: who gets to speak in each article, in their own words.

In:  one cleaned article (``text``, its ``sentences`` rows from :mod:`helpers.corpus`, its ``published`` date)
     and the actors list (:mod:`helpers.actors`, ``helpers/data/actors.csv``).
Out: :func:`extract_quotes` - one row per quotation, columns :data:`QUOTE_COLUMNS`:

* ``start, end, text`` - the characters strictly between the marks (``text == cleaned[start:end]``);
* ``sentence_id``      - the sentence (``corpus.sentences``) containing ``start``;
* ``speaker``          - canonical name from the actors list; for people not in the list, the name as
                         written (``Margaret Ellison``; a later ``Ellison`` maps to it); empty when unknown or
                         when the source is a state or institution (``Russia calls “anti-China” policy``);
* ``speaker_as_written`` - the words naming the speaker (``he``, ``the Russian foreign minister``, ``Lavrov``);
* ``cue``              - the attribution verb or phrase as written (``said``, ``told``, ``according to``...);
* ``kind``             - ``speech`` (somebody's words, whole or partial) or ``term`` (a name, title or scare-quoted
                         word with no speaker: ‘Make in India’, “resilient”);
* ``side, role``       - from the actors list (side also for states: ``Washington said`` -> US); else empty;
* ``flags``            - space-separated: ``unbalanced`` (no closing mark: stopped at the paragraph end),
                         ``multi_paragraph`` (a paragraph of a quote re-opened in the next paragraph),
                         ``continued`` (speaker carried over from the previous quote), ``headline``.

:func:`quotes_table` runs it over ``corpus.english``; :func:`voices` / :func:`voices_by_outlet` measure how much
of each article is quoted speech and whose; :func:`evaluate` compares with a hand-annotated gold table.

Marks (see ``tests/gold/quotes/RULES.md``): curly “ ” and straight " double quotes, guillemets; curly single
quotes ‘ ’ when an opening ‘ follows a space, line start, bracket or dash and the next ’ followed by a non-letter
closes it. A ’ between letters (didn’t), before digits (’90s) or after a plural (leaders’ summit) with no open
‘ is an apostrophe. Straight single quotes are apostrophes. Only the outermost quote is kept. Nothing crosses a
paragraph: an unclosed quote stops at its paragraph end.

Attribution is a local, linear pass: the quote marks are found per paragraph; sentences are merged where the
splitter cut inside a quote; in each sentence the speech verbs (:data:`_CUE`) and their subjects (a name, a
pronoun, a description, a state) are found with quotes masked out; each quote takes the attribution right
after it, else the nearest before it in the sentence, else the next one in the sentence, else a continuation of
the previous quote. Pronouns go to the most recent salient person of matching gender (gender is learned for
people not in the list from the pronouns that refer to them); descriptions go to the dated role phrase of the
actors list, else to the most recent person whose role words and nationality fit.

Word counts (:func:`voices`): ``quoted_words`` counts words of ``speech`` quotes only; ``term`` quotes are the
journalist's own voice (names and scare quotes), so they count in ``own_words``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .actors import SIDES, default_actors, parse_bound
from .structure import count_words, words

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
_ROLE_NOUN = re.compile(
    r"\b(deputy chief of mission|charg[eé] d['’]affaires|high commissioner|foreign minister|external affairs minister|"
    r"defen[cs]e minister|prime minister|secretary of state|defen[cs]e secretary|ambassador|envoy|emissary|messenger|"
    r"diplomat|minister|spokes(?:person|man|woman)|president|secretary|counterpart|official|premier|chancellor|"
    r"leader|chief|commander|marshal|general|admiral|analyst|expert|adviser|advisor|director|head)s?\b", re.I)
_NATIONALITY = {
    "russian": "Russia", "russia's": "Russia", "russia’s": "Russia", "moscow's": "Russia", "moscow’s": "Russia",
    "indian": "India", "india's": "India", "india’s": "India",
    "us": "US", "u.s.": "US", "american": "US", "america's": "US", "america’s": "US",
    "chinese": "China", "china's": "China", "china’s": "China", "beijing's": "China", "beijing’s": "China",
    "pakistani": "Pakistan", "pakistan's": "Pakistan", "pakistan’s": "Pakistan",
}
#: States and institutions that can be the subject of a speech verb (speaker stays empty, side is known).
_STATES = {
    "russia": "Russia", "moscow": "Russia", "the kremlin": "Russia", "kremlin": "Russia", "the russian embassy": "Russia",
    "the russian side": "Russia", "the russian foreign ministry": "Russia",
    "india": "India", "new delhi": "India", "delhi": "India", "the mea": "India", "mea": "India",
    "the indian side": "India", "the ministry of external affairs": "India", "the external affairs ministry": "India",
    "us": "US", "the us": "US", "u.s.": "US", "the u.s.": "US", "usa": "US", "the usa": "US", "washington": "US",
    "america": "US", "the united states": "US", "united states": "US", "the state department": "US",
    "state department": "US", "the pentagon": "US", "pentagon": "US", "the white house": "US",
    "the biden administration": "US", "the trump administration": "US",
    "china": "China", "beijing": "China", "the chinese foreign ministry": "China",
    "pakistan": "Pakistan", "islamabad": "Pakistan", "the foreign office": "",
}
_GENERIC_SUBJECT = re.compile(
    r"^(?:the |some |many |several |two |three |senior |top )*(?:[a-z]+ )?(?:officials?|sources?|analysts?|experts?|"
    r"reports?|observers?|diplomats?|people|it|they|ministry|government|embassy|statement|agency|spokesperson|"
    r"officers?|authorities|side|report|media|daily|newspaper)$")
_TITLE_WORDS = frozenset("""minister ministry foreign external affairs defence defense secretary ambassador envoy
    spokesperson spokesman spokeswoman deputy chief mission president prime vice chairman general gen lt col
    air marshal admiral adm retired dr mr mrs ms prof senator sen rep governor director editor associate senior
    special commander head adviser advisor national security counsellor chargé charge official under assistant
    principal high commissioner consul state office affairs of the and press information cabinet union
    counsel army navy force chair representative leader external""".split())
_NOT_NAME = frozenset("""the a an in on at for and but or of to with from by as after before during asked both this
    that these those it he she we they his her our their its meanwhile however moreover also notably speaking
    according less more last next first monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december russia russian india indian china
    chinese us usa u.s u.s. united states america american moscow delhi new beijing washington pakistan pakistani
    islamabad ukraine ukrainian kyiv japan japanese australia tokyo vietnam philippines afghanistan afghan kabul
    europe european asia asian pacific indo-pacific asia-pacific mumbai chennai vladivostok far east south north
    west western eastern central middle arctic eurasia eurasian turkey iran israel france germany britain uk
    singapore crimea donbas sri lanka bangladesh nepal ministry office department embassy council organisation
    organization cooperation shanghai security summit forum centre center global insights agency news times
    express print government army navy air force iaf parliament congress senate house white kremlin state un
    nations union soviet bank act treaty partnership strategic defence defense quad nato brics sco asean g20
    covid taliban triumf make countering adversaries through sanctions caatsa annual also read rs inr usd
    friendship old friends horizons steps next pti ani tass reuters twitter photo file representational image
    is was are were will would has have had did does do not no yes here there when where while what who why how
    if then so yet all any some each every many much our my your i you we sputnik light v brahmos gaganyaan
    dialogue format initiative programme program mission vision bharat atmanirbhar thursday friday embassy""".split())
_PRONOUN = re.compile(r"(?<![\w’'])(he|she|He|She|HE|SHE)(?![\w’'])")
_CAPRUN = re.compile(r"(?<![\w’'.])[A-Z][\w’'.-]*(?:[ ]+(?:[A-Z][\w’'.-]*))*")
def _trie_pattern(words_: list[str]) -> str:
    """A regex alternation of ``words_`` factored by common prefix (much faster than a flat alternation)."""
    trie: dict = {}
    for w in words_:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 or len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        if len(alts) == 1 and optional and not body.startswith("(?:"):
            body = "(?:" + body + ")"
        return body + ("?" if optional else "")

    return emit(trie)


_CUE_WORDS = """according pointed pointing points referred refers referring stuck said says say told tells telling
    added adds adding saying stated states noted notes noting echoed echoes echoing reiterated reiterates reiterating
    asserted asserts asserting claimed claims claiming argued argues arguing explained explains explaining stressed
    stresses stressing emphasised emphasized emphasises emphasizes emphasising emphasizing underlined underscored
    underscoring remarked observed insisted insists insisting maintained maintains warned warns warning described
    describes describing called calls calling termed terms dubbed dubs labelled labeled wrote writes tweeted
    announced declared replied replying responded responding answered answering asked suggested acknowledged
    admitted conceded affirmed confirmed recalled highlighted commented continued concluded quipped urged mentioned
    cautioned vowed assured""".split()
#: Speech verbs (one pass, case-insensitive); multi-word cues are completed by :data:`_CUE_TAIL`.
_CUE = re.compile(r"(?<![\w’'])(?:" + _trie_pattern(_CUE_WORDS) + r")(?![\w’'])", re.I)
#: Words that must (True) or may (False) follow a cue word to complete it.
_CUE_TAIL = {
    "according": (re.compile(r" to(?![\w])", re.I), True),
    "pointed": (re.compile(r" out(?![\w])", re.I), True),
    "pointing": (re.compile(r" out(?![\w])", re.I), True),
    "points": (re.compile(r" out(?![\w])", re.I), True),
    "referred": (re.compile(r" to(?: (?:it|them|this|the \w+) as)?(?![\w])", re.I), True),
    "refers": (re.compile(r" to(?![\w])", re.I), True),
    "referring": (re.compile(r" to(?: (?:it|them) as)?(?![\w])", re.I), False),
    "stuck": (re.compile(r" to the formulation of(?![\w])", re.I), True),
    "echoed": (re.compile(r" (?:this|that|the \w+)(?![\w])", re.I), False),
}
_SPACES = re.compile(r"\s+")
_DESC_LEAD = re.compile(r"^(?:visiting|new|former|outgoing|then) ")
_DESC_TAIL = re.compile(r" (?:to|in|for) [\w' ]+$")
_ONE_NAME = re.compile(r"[A-Z][\w’'-]+")
_CAP_BEFORE = re.compile(r"([A-Z][a-z]+) $")
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+$")
_TOKEN = re.compile(r"\S+")
_INITIAL = re.compile(r"[A-Z]\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_CLAUSE_END = re.compile(r"[,;:.()\x01—–]|\s-\s")
_SENTENCE_LIKE = re.compile(r"^\W*[A-Z].*[.!?…,]\W*$", re.S)
_HAS_BEFORE = re.compile(r"(?:has|had|have) (?:also )?$", re.I)
_HAS_VERBS = frozenset("called described termed dubbed".split())


def _cues(masked: str):
    """``(start, end, cue)`` of every speech cue in ``masked``."""
    for m in _CUE.finditer(masked):
        vs, ve = m.span()
        low = m.group().lower()
        tail = _CUE_TAIL.get(low)
        if tail is not None:
            t = tail[0].match(masked, ve)
            if t is None and tail[1]:
                continue
            if t is not None:
                ve = t.end()
        elif low in _HAS_VERBS:
            h = _HAS_BEFORE.search(masked, max(0, vs - 16), vs)
            if h is not None:
                vs = h.start()
        yield vs, ve, masked[vs:ve]


#: Cues after which a name may follow the verb: “…,” said Lavrov / says X, the country's ...
_INVERTING = frozenset("said says added adds asked continued wrote explained noted stated replied answered "
                       "insisted remarked observed quipped concluded".split())
#: Cues that name something (a label attributed to its user): referred to it as an “Asian NATO”.
_NAMING = re.compile(r"(?:call(?:s|ed|ing)?|term(?:s|ed)?|dub(?:s|bed)?|labell?ed|referred to(?: \w+ as)?|refers to|"
                     r"formulation of|described (?:\w+ )?as)(?: (?:it|them|this|the|a|an|\w+))?(?: (?:the|a|an|as))?\s*$", re.I)
_SCARE = re.compile(r"(?:so-called|so called|dubbed|known as|named|titled|entitled)\s*$", re.I)
_BOUNDARY = re.compile(r"[,;:()\x01\[\]—–]|\s-\s|(?<![\w’'])(?:when|while|and|but|as|that|after|before|because|"
                       r"adding|saying|where|which|who|whom|if|though|although|since|then|whereas)(?![\w’'])", re.I)
_TRAIL = re.compile(r"(?:\s+(?:also|further|then|later|today|tonight|yesterday|recently|earlier|once|has|have|had|"
                    r"was|were|is|are|been|would|will|reportedly|separately|too|again|on \w+day|\w+day|"
                    r"in a statement|in an interview))+$", re.I)
_LEAD = re.compile(r"^\s*(?:visiting|also|and|but|then|meanwhile|however|with)\s+", re.I)
_TAG = re.compile(r"^\s*[:\-–—|]\s*(.{1,60}?)\s*$")
_PUNCT_AFTER = re.compile(r"[\s,.;:!?)\]\x01—–-]*")
_CONTENT_WORD = re.compile(r"[A-Za-z0-9][\w’'+.-]*")
_FUNCTION_WORDS = frozenset("of in and the for to on a an at by with de la".split())
_PARTICIPLE_START = re.compile(r"^\W*(?:asked|adding|responding|answering|replying|speaking|referring|"
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
    return keys


def _desc_key(phrase: str) -> str:
    """The role a description requires: ``the Russian diplomat`` -> ``diplomat``."""
    t = phrase.lower()
    for needle, key in (("deputy chief of mission", "deputy chief of mission"), ("foreign minister", "foreign minister"),
                        ("external affairs minister", "foreign minister"), ("defence minister", "defence minister"),
                        ("defense minister", "defence minister"), ("prime minister", "prime minister"),
                        ("minister", "minister"), ("ambassador", "ambassador"), ("envoy", "envoy"),
                        ("messenger", "envoy"), ("emissary", "envoy"), ("diplomat", "diplomat"),
                        ("spokes", "spokesperson"), ("president", "president"), ("secretary", "secretary"),
                        ("marshal", "officer"), ("general", "officer"), ("admiral", "officer"), ("chief", "officer"),
                        ("leader", "leader")):
        if needle in t:
            return key
    return "person"


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


@dataclass
class _Person:
    name: str
    gender: str = ""
    country: str | None = None
    keys: set = field(default_factory=lambda: {"person"})
    side: str = ""
    role: str = ""
    known: bool = False


class _Lexicon:
    """The actors list compiled once: alias regex, lower-case aliases, role phrases with their dates."""

    def __init__(self, actors: pd.DataFrame):
        self.people: list[_Person] = []
        self.alias: dict[str, int] = {}
        self.alias_lower: dict[str, int] = {}
        self.phrases: dict[str, list[tuple[int, date | None, date | None]]] = {}
        for i, row in enumerate(actors.itertuples(index=False)):
            keys = _role_keys(" ".join([row.role, *row.phrase_list]))
            self.people.append(_Person(row.name, row.gender, row.country, keys, row.side, row.role, True))
            for alias in row.alias_list:
                self.alias.setdefault(alias, i)
                self.alias_lower.setdefault(alias.lower(), i)
            lo, hi = parse_bound(row.valid_from), parse_bound(row.valid_to, end=True)
            for phrase in row.phrase_list:
                self.phrases.setdefault(_norm_phrase(phrase), []).append((i, lo, hi))
        names = sorted(self.alias, key=len, reverse=True)
        self.alias_re = re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w]|-era)") if names else None


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
@dataclass
class _Mention:
    start: int
    end: int
    text: str
    person: _Person | None
    kind: str  # name | pronoun | description | state | generic


@dataclass
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


class _Article:
    def __init__(self, text: str, lex: _Lexicon, published: date | None):
        self.text = text
        self.lex = lex
        self.published = published
        self.local: dict[str, _Person] = {}      # people named in this article but not in the list
        self.local_tokens: set[str] = set()      # first and last names of those people
        self.known: dict[int, _Person] = {}      # per-article copies (gender may be learned)
        self.mentioned: list[_Person] = []       # every person mention, in order
        self.last_seen: dict[str, int] = {}      # person name -> index of the last mention
        self.salient: list[_Person] = []         # sentence subjects and speakers, in order
        self.all_mentions: list[_Mention] = []

    # ---- people
    def remember(self, person: _Person) -> None:
        self.last_seen[person.name] = len(self.mentioned)
        self.mentioned.append(person)

    def actor(self, i: int) -> _Person:
        if i not in self.known:
            p = self.lex.people[i]
            self.known[i] = _Person(p.name, p.gender, p.country, set(p.keys), p.side, p.role, True)
        return self.known[i]

    def unknown(self, name: str, title: str) -> _Person:
        tokens = name.split()
        if len(tokens) == 1:
            if name in self.local_tokens:
                for full, person in reversed(list(self.local.items())):
                    parts = full.split()
                    if name in (parts[0], parts[-1]):
                        return person
        if name not in self.local:
            self.local_tokens.update(tokens)
            country = _nationality(title + " official") if title else None
            self.local[name] = _Person(name, "", country, _role_keys(title) if title else {"person"},
                                       country if country in SIDES else "")
        return self.local[name]

    # ---- mentions in a masked sentence
    def mentions(self, masked: str, offset: int) -> list[_Mention]:
        found: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        if self.lex.alias_re is not None:
            for m in self.lex.alias_re.finditer(masked):
                if _after_org(masked, m.end()):
                    continue
                if " " not in m.group() and _capitalised_before(masked, m.start()):
                    continue  # "Asim Qureshi" is not the Qureshi of the list
                found.append(_Mention(offset + m.start(), offset + m.end(), m.group(),
                                      self.actor(self.lex.alias[m.group()]), "name"))
                taken.append((m.start(), m.end()))
        for m in _CAPRUN.finditer(masked):
            if " " not in m.group():
                word = _POSSESSIVE.sub("", m.group())
                if word.lower() in _NOT_NAME or word not in self.local_tokens:
                    continue
            for a, b, title, strong in _name_segments(masked, m.start(), m.end()):
                if any(a < tb and ta < b for ta, tb in taken) or _after_org(masked, b):
                    continue
                name = masked[a:b]
                if not strong and name not in self.local_tokens:
                    continue
                found.append(_Mention(offset + a, offset + b, name, self.unknown(name, title), "name"))
        for m in _PRONOUN.finditer(masked):
            found.append(_Mention(offset + m.start(), offset + m.end(), m.group(), None, "pronoun"))
        found.sort(key=lambda x: x.start)
        return found

    def resolve_pronoun(self, word: str) -> _Person | None:
        gender = "f" if word.lower() == "she" else "m"
        for pool in (self.salient, self.mentioned):
            for person in reversed(pool[-12:]):
                if person.gender in ("", gender):
                    if not person.gender:
                        person.gender = gender
                    return person
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

    # ---- descriptions
    def resolve_description(self, phrase: str, pool: list[_Person] | None = None) -> _Person | None:
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
            return self.actor(best)
        key = _desc_key(norm)
        country = _nationality(phrase)
        candidates = pool if pool is not None else list(reversed(self.mentioned[-40:]))
        for person in candidates:
            if key in person.keys and (country is None or person.country is None or person.country == country):
                return person
        return None

    # ---- subjects
    def subject(self, masked: str, offset: int, a: int, b: int, mentions: list[_Mention]) -> _Mention | None:
        """Parse ``masked[a:b]`` (the words before or after a speech verb) as the speaker."""
        chunk = masked[a:b].rstrip()
        b = a + len(chunk)
        lead = _LEAD.match(chunk)
        if lead:
            a += lead.end()
            chunk = chunk[lead.end():]
        trail = _TRAIL.search(chunk)
        if trail:
            chunk = chunk[: trail.start()]
        chunk = chunk.strip()
        if not chunk or "\x01" in chunk or len(chunk.split()) > 9:
            return None
        a = masked.find(chunk, a)
        b = a + len(chunk)
        inside = [m for m in mentions if offset + a <= m.start and m.end <= offset + b and m.person is not None]
        if inside:
            m = inside[0]
            return _Mention(offset + a, m.end, masked[a:m.end - offset], m.person, m.kind)
        low = chunk.lower()
        if low in self.lex.alias_lower:
            return _Mention(offset + a, offset + b, chunk, self.actor(self.lex.alias_lower[low]), "name")
        state = _STATES.get(low)
        if state is not None:
            return _Mention(offset + a, offset + b, chunk, None, "state")
        if _ROLE_NOUN.search(chunk) and chunk[:1].islower() or _ROLE_NOUN.search(chunk) and not _has_name_shape(chunk):
            person = self.resolve_description(chunk)
            if person is not None:
                self.remember(person)
            return _Mention(offset + a, offset + b, chunk, person, "description")
        if _ONE_NAME.fullmatch(chunk) and chunk.lower() not in _NOT_NAME:
            return _Mention(offset + a, offset + b, chunk, self.unknown(chunk, ""), "name")
        if _GENERIC_SUBJECT.match(low):
            return _Mention(offset + a, offset + b, chunk, None, "generic")
        return None


def _after_org(masked: str, end: int) -> bool:
    """``Biden administration``, ``Trump-era``, ``Putin government``: an institution, not the person."""
    tail = masked[end:end + 16].lower()
    return tail.startswith(("-era", " administration", " government", " regime", "-led", " doctrine"))


def _capitalised_before(masked: str, start: int) -> bool:
    m = _CAP_BEFORE.search(masked, max(0, start - 20), start)
    return bool(m) and m.group(1).lower() not in _NOT_NAME and m.group(1).lower() not in _TITLE_WORDS


def _has_name_shape(chunk: str) -> bool:
    return bool(_NAME_SHAPE.search(chunk))


def _name_segments(masked: str, a: int, b: int):
    """Person-name candidates in a run of capitalised words: the part after the last title or place word.
    Yields ``(start, end, title_words_before)``."""
    tokens = [m.span() for m in _TOKEN.finditer(masked, a, b)]
    seg: list[tuple[int, int]] = []
    title_seen = False
    for s, e in tokens + [(-1, -1)]:
        word = masked[s:e].lower().rstrip(".,’'") if s >= 0 else ""
        is_title = s >= 0 and word in _TITLE_WORDS
        stop = s < 0 or is_title or word in _NOT_NAME or word.isupper() or masked[s:e].isupper() and len(word) > 1
        if s >= 0 and _INITIAL.fullmatch(masked[s:e].rstrip(",")):
            stop = False  # an initial: S. Jaishankar, Amitabh P. Revi
        if stop:
            if seg and not all(_INITIAL.fullmatch(masked[x:y]) for x, y in seg):
                before = masked[max(0, seg[0][0] - 60):seg[0][0]]
                title = " ".join(before.split()[-5:])
                yield seg[0][0], seg[-1][1], title if _ROLE_NOUN.search(title) else "", len(seg) >= 2 or title_seen
            seg = []
            title_seen = is_title
        else:
            if not seg and s == 0 and word.endswith(("ing", "ed", "ly")):
                continue  # a sentence-initial participle or adverb: Delineating Moscow's ...
            seg.append((s, e))
            if _POSSESSIVE.search(masked[s:e]):
                title_seen = False  # a possessive ends the name: Moscow’s foreign policy
                yield from _name_segments_flush(masked, seg)
                seg = []


def _name_segments_flush(masked: str, seg: list[tuple[int, int]]):
    """A possessive name (``Lavrov’s visit``) is still a mention of the person."""
    a, b = seg[0][0], seg[-1][1]
    name = _POSSESSIVE.sub("", masked[a:b])
    if name and name.lower() not in _NOT_NAME:
        yield a, a + len(name), "", len(seg) >= 2


def _name_like(text: str) -> bool:
    """A name or title rather than words: ‘Make in India’, ‘Sputnik V’, ‘2+2’, “Asian NATO”, ‘Moscow format’."""
    toks = _CONTENT_WORD.findall(text)
    if not toks or len(toks) > 12 or text.rstrip()[-1:] in ".,;!?…":
        return False
    if any(ch.isdigit() for ch in text) and len(toks) <= 3:
        return True
    caps = [t for t in toks if t.lower() not in _FUNCTION_WORDS]
    if caps and all(t[0].isupper() or t[0].isdigit() for t in caps) and toks[0][0].isupper():
        return toks[0].lower() not in {"we", "i", "it", "they", "this", "that", "there", "nothing", "no", "our", "yes"}
    if len(toks) <= 3 and toks[0][0].isupper() and toks[0].lower() not in _NOT_NAME | {"we", "i", "it", "they", "no"}:
        return True
    if len(toks) <= 3 and toks[0][0].isupper() and toks[0].lower() in {"moscow", "delhi", "beijing", "washington", "russia", "india", "china"}:
        return True
    return False


# --------------------------------------------------------------------------------------------- extraction
def _outer_sentences(text: str, sentences: pd.DataFrame, raws: list[_Raw]) -> list[_Sentence]:
    """Sentences merged wherever the splitter cut inside a quotation; each quote belongs to exactly one."""
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    para_starts = [a for a, _ in paras]
    rows = []
    if len(sentences):
        for s, e, k in zip(sentences["start"].tolist(), sentences["end"].tolist(), sentences["kind"].tolist()):
            if 0 <= s < e <= len(text):
                rows.append((int(s), int(e), str(k)))
    rows.sort()
    if not rows:
        rows = [(a, b, "body") for a, b in paras]
    # spans not covered by any sentence still need a home: use whole paragraphs for them
    out: list[_Sentence] = []
    qi = 0
    for s, e, k in rows:
        para = bisect.bisect_right(para_starts, s) - 1
        while qi < len(raws) and raws[qi].close <= s and raws[qi].open < s:
            qi += 1
        inside = any(r.open < s < r.close for r in raws[max(0, qi - 1):qi + 1])
        if out and out[-1].para == para and (inside or s < out[-1].end):
            out[-1].end = max(out[-1].end, e)
        else:
            out.append(_Sentence(s, e, k, para, []))
    starts = [x.start for x in out]
    for n, r in enumerate(raws):
        i = bisect.bisect_right(starts, r.open) - 1
        if i < 0 or not (out[i].start <= r.open < out[i].end):
            para = bisect.bisect_right(para_starts, r.open) - 1
            a, b = paras[para] if para >= 0 else (r.open, r.close)
            j = bisect.bisect_right(starts, a - 1)
            out.insert(j, _Sentence(a, b, "body", para, []))
            starts.insert(j, a)
            i = j
        out[i].quotes.append(n)
        out[i].end = max(out[i].end, min(r.close, len(text)))
    return out


def _mask(text: str, sent: _Sentence, raws: list[_Raw]) -> str:
    pieces, pos = [], sent.start
    for n in sent.quotes:
        r = raws[n]
        a, b = max(r.open, pos), min(r.close, sent.end)
        if a > pos:
            pieces.append(text[pos:a])
        if b > a:
            pieces.append("\x01" * (b - a))
        pos = max(pos, b)
    pieces.append(text[pos:sent.end])
    return "".join(pieces).replace("\n", " ")


def _attributions(art: _Article, masked: str, offset: int, mentions: list[_Mention]) -> list[_Attr]:
    attrs: list[_Attr] = []
    for vs, ve, cue in _cues(masked):
        low = cue.lower()
        window = max(0, vs - 120)
        chunk_start = window
        for b in _BOUNDARY.finditer(masked, window, vs):
            chunk_start = b.end()
        subject = None
        if low.startswith("according to"):
            end = _clause_end(masked, ve)
            subject = art.subject(masked, offset, ve, end, mentions)
            chunk_start = vs
        else:
            if masked[chunk_start:vs].strip():
                subject = art.subject(masked, offset, chunk_start, vs, mentions)
                if subject is None and low in _INVERTING:
                    subject = None
            else:
                chunk_start = vs
            if subject is None and not masked[chunk_start:vs].strip() and low in _INVERTING:
                subject = art.subject(masked, offset, ve, _clause_end(masked, ve), mentions)
        attrs.append(_Attr(cue, offset + vs, offset + ve, offset + chunk_start, subject))
    # verbs with no subject of their own: the previous attribution of the sentence, else its first person
    first_person = next((x for x in mentions if x.person is not None), None)
    for n, at in enumerate(attrs):
        if at.subject is None:
            prev = next((p.subject for p in reversed(attrs[:n]) if p.subject is not None), None)
            if prev is not None:
                at.subject = prev
            elif first_person is not None and first_person.start < at.verb_start:
                at.subject = first_person
    return attrs


def _clause_end(masked: str, pos: int) -> int:
    m = _CLAUSE_END.search(masked, pos)
    return m.start() if m else len(masked)


def _words_of(text: str) -> list[str]:
    return [w.lower() for w in words(text)]


def extract_quotes(text: str, sentences: pd.DataFrame, published: str, file: str = "",
                   actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotations of ONE article.

    In:  ``text`` the cleaned text; ``sentences`` its rows of ``corpus.sentences`` (``sentence_id, start, end,
         kind``; offsets into ``text``); ``published`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; dates the role
         phrases of the actors list); ``file`` copied into every row; ``actors`` a table from
         :func:`helpers.actors.load_actors` (default: the project's list).
    Out: DataFrame with :data:`QUOTE_COLUMNS`, one row per quotation in text order (see the module docstring).
    Linear in the length of the text; never raises on odd input."""
    lex = _lexicon(actors)
    raws = _scan(text)
    if not raws:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    try:
        pub = parse_bound(str(published)[:10]) if published else None
    except ValueError:
        pub = None
    art = _Article(text, lex, pub)
    outer = _outer_sentences(text, sentences, raws)
    sid_pairs = sorted(zip(sentences["start"].tolist(), sentences["sentence_id"].tolist())) if len(sentences) else []
    sid_starts = [int(a) for a, _ in sid_pairs]
    sid_ids = [int(b) for _, b in sid_pairs]

    n = len(raws)
    speaker: list[_Mention | None] = [None] * n
    cue = [""] * n
    kind = ["speech"] * n
    side = [""] * n
    continued = [False] * n
    attributed = [False] * n
    headline_q: list[tuple[int, _Sentence, str, list[_Mention]]] = []
    last_speaker: _Mention | None = None
    para_last: dict[int, tuple[int, bool]] = {}  # paragraph -> (last quote, sentence was the paragraph's last)
    para_attr: dict[int, _Attr] = {}  # paragraph -> its first attribution with a person (for subheadings)
    last_sentence_of_para: dict[int, int] = {}
    for i, s in enumerate(outer):
        last_sentence_of_para[s.para] = i

    for si, sent in enumerate(outer):
        masked = _mask(text, sent, raws)
        mentions = art.mentions(masked, sent.start)
        art.note(mentions)
        attrs = _attributions(art, masked, sent.start, mentions)
        if sent.kind != "body":
            for q in sent.quotes:
                headline_q.append((q, sent, masked, mentions))
            continue
        for at in attrs:
            if at.subject is not None and at.subject.person is not None and sent.para not in para_attr:
                para_attr[sent.para] = at
        if not attrs and _PARTICIPLE_START.match(masked) and last_speaker is not None:
            attrs = [_Attr("", sent.start, sent.start, sent.start, last_speaker)]
        for pos, q in enumerate(sent.quotes):
            r = raws[q]
            nxt_open = raws[sent.quotes[pos + 1]].open if pos + 1 < len(sent.quotes) else sent.end
            prev_close = raws[sent.quotes[pos - 1]].close if pos else sent.start
            chosen = None
            gap = _PUNCT_AFTER.match(masked, r.close - sent.start).end() + sent.start
            for at in attrs:
                if r.close <= at.verb_start < nxt_open and (at.chunk_start <= gap or at.verb_start <= gap) \
                        and at.subject is not None and at.subject.start >= r.close:
                    chosen = at
                    break
            if chosen is None:
                before = [at for at in attrs if at.verb_end <= r.open]
                chosen = before[-1] if before else None
                if chosen is not None and chosen.subject is None:
                    chosen = next((b for b in reversed(before) if b.subject is not None), chosen)
            if chosen is None:
                after = [at for at in attrs if at.verb_start >= r.close]
                chosen = next((a for a in after if a.subject is not None), after[0] if after else None)
            qtext = text[r.start:r.end]
            pre = masked[max(0, r.open - sent.start - 40):r.open - sent.start]
            if chosen is not None and chosen.subject is None and last_speaker is not None and _PARTICIPLE_START.match(masked):
                chosen = _Attr(chosen.cue, chosen.verb_start, chosen.verb_end, chosen.chunk_start, last_speaker)
            if _name_like(qtext) and not (chosen is not None and _NAMING.search(pre)) or _SCARE.search(pre):
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
        for q in sent.quotes:
            if kind[q] != "speech" or attributed[q]:
                continue
            prev = q - 1
            if prev >= 0 and kind[prev] == "speech" and speaker[prev] is not None:
                same_para = _para_of(outer, raws[prev].open) == sent.para
                prev_para_end = (sent.para - 1 in para_last and para_last[sent.para - 1][0] == prev
                                 and para_last[sent.para - 1][1] and raws[q].open == sent.start
                                 and not any(attributed[x] for x in sent.quotes))
                if same_para and not any(a.subject is not None and a.subject.person is not None
                                         for a in attrs if a.verb_start < raws[q].open) or prev_para_end:
                    speaker[q] = speaker[prev]
                    cue[q] = cue[prev]
                    continued[q] = True
        if sent.quotes:
            para_last[sent.para] = (sent.quotes[-1], si == last_sentence_of_para[sent.para])
        for at in attrs:
            if at.subject is not None and at.subject.person is not None:
                art.salient.append(at.subject.person)

    # multi-paragraph quotes take the speaker of the paragraph that closes them
    for q in range(n - 2, -1, -1):
        if "multi_paragraph" in raws[q].flags and not attributed[q] and kind[q + 1] == "speech":
            kind[q], speaker[q], cue[q] = "speech", speaker[q + 1], cue[q + 1]

    body_quotes = [q for q in range(n) if kind[q] == "speech" or kind[q] == "term"]
    for q, sent, masked, mentions in headline_q:
        _headline_quote(art, text, raws, q, sent, masked, mentions, body_quotes, headline_q, kind, speaker, cue,
                        para_attr)

    rows = []
    for q, r in enumerate(raws):
        sp = speaker[q] if kind[q] == "speech" else None
        person = sp.person if sp is not None else None
        if sp is not None and sp.kind == "state":
            side_value = _STATES.get(sp.text.lower(), "")
        else:
            side_value = person.side if person is not None else ""
        flags = list(r.flags)
        if continued[q]:
            flags.append("continued")
        k = bisect.bisect_right(sid_starts, r.start) - 1
        sentence_id = sid_ids[k] if k >= 0 else (sid_ids[0] if sid_ids else -1)
        if any(h[0] == q for h in headline_q):
            flags.append("headline")
        rows.append({
            "file": file, "quote_id": q + 1, "start": r.start, "end": r.end, "text": text[r.start:r.end],
            "sentence_id": sentence_id, "speaker": person.name if person is not None else "",
            "speaker_as_written": sp.text if sp is not None else "", "cue": cue[q] if kind[q] == "speech" else "",
            "kind": kind[q], "side": side_value, "role": person.role if person is not None else "",
            "flags": " ".join(flags),
        })
    return pd.DataFrame({c: [r[c] for r in rows] for c in QUOTE_COLUMNS}, columns=QUOTE_COLUMNS)


def _para_of(outer: list[_Sentence], pos: int) -> int:
    lo, hi = 0, len(outer) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if outer[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return outer[lo].para


def _headline_quote(art: _Article, text: str, raws: list[_Raw], q: int, sent: _Sentence, masked: str,
                    mentions: list[_Mention], body_quotes: list[int], headline_q: list, kind: list, speaker: list,
                    cue: list, para_attr: dict) -> None:
    """A quote in a headline or subheading: the body quote that repeats its words, else its own attribution
    (``China calls ...``, ``...: Envoy``), else the speaker of the paragraph it introduces."""
    r = raws[q]
    own = _words_of(text[r.start:r.end])
    heads = {h[0] for h in headline_q}
    for b in body_quotes:
        if b in heads or raws[b].start <= r.start:
            continue
        theirs = _words_of(text[raws[b].start:raws[b].end])
        if own and _contains(theirs, own):
            kind[q], speaker[q], cue[q] = kind[b], speaker[b], ""
            return
    qtext = text[r.start:r.end]
    if _name_like(qtext):
        kind[q] = "term"
        return
    forward = [m.person for m in art.all_mentions if m.person is not None]
    attrs = [a for a in _attributions(art, masked, sent.start, mentions) if a.subject is not None]
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
    return any(haystack[i:i + k] == needle for i in range(len(haystack) - k + 1))


# --------------------------------------------------------------------------------------------- corpus level
def quotes_table(corpus, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`extract_quotes` over ``corpus.english``, concatenated, ordered by ``file, start``."""
    frames = []
    by_file = {f: g for f, g in corpus.sentences.groupby("file", sort=False)}
    empty = pd.DataFrame(columns=["file", "sentence_id", "paragraph_id", "kind", "start", "end", "text"])
    for row in corpus.english.itertuples(index=False):
        frames.append(extract_quotes(row.text, by_file.get(row.file, empty), row.published, row.file, actors))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["file", "start"], kind="stable").reset_index(drop=True)


def voices(corpus, quotes: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per English article: how much of it is quoted speech, and whose.

    Columns: ``file, outlet, n_words, quoted_words, own_words, quoted_share, n_speakers, quoted_words_<side>``
    (one per side of the actors list) ``, quoted_words_unknown, us_gov_quoted_directly,
    india_gov_quoted_directly, us_mentioned_only_reported``. Only ``speech`` quotes count as quoted words;
    ``term`` quotes are the journalist's voice. A speech quote with a side (a listed person, or a state such as
    ``Washington said``) counts for that side; others count as unknown."""
    actors = default_actors() if actors is None else actors
    sides = sorted(set(actors["side"])) or ["other"]
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    groups = {f: g for f, g in speech.groupby("file")} if len(speech) else {}
    rows = []
    for art in corpus.english.itertuples(index=False):
        g = groups.get(art.file)
        n_words = count_words(art.text)
        row = {"file": art.file, "outlet": art.outlet, "n_words": n_words}
        per_side = {f"quoted_words_{s}": 0 for s in sides}
        per_side["quoted_words_unknown"] = 0
        quoted = 0
        speakers: set[str] = set()
        if g is not None:
            for text, sp, sd in zip(g["text"], g["speaker"], g["side"]):
                w = count_words(text)
                quoted += w
                key = f"quoted_words_{sd}" if sd in sides else "quoted_words_unknown"
                per_side[key] += w
                if sp:
                    speakers.add(sp)
        row.update(quoted_words=quoted, own_words=n_words - quoted,
                   quoted_share=round(quoted / n_words, 4) if n_words else 0.0, n_speakers=len(speakers))
        row.update(per_side)
        us = bool(g is not None and (g["side"] == "US").any())
        row["us_gov_quoted_directly"] = us
        row["india_gov_quoted_directly"] = bool(g is not None and (g["side"] == "India").any())
        row["us_mentioned_only_reported"] = bool(_US_MENTION.search(art.text)) and not us
        rows.append(row)
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
