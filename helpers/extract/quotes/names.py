"""Names in running text: which runs of capitalised words are people (cut at titles, places, institutions and
function words), and whether a quotation looks like a name rather than speech.

In:  a masked sentence (quotations replaced by placeholders).  Out: name segments and yes/no tests.
"""
from __future__ import annotations

from helpers.extract.quotes.lexicon import (
    CAP_BEFORE,
    CONTENT_WORD,
    DIGIT,
    FUNCTION_WORDS,
    GENDER_TITLE,
    HEAD_OF,
    INITIAL,
    NAME_HEADS,
    NAME_SHAPE,
    NOT_NAME,
    POSSESSIVE,
    ROLE_NOUN,
    TERM_NOUNS,
    TITLE_WORDS,
    TOKEN,
)

_CONNECTORS = frozenset("of for and the to de".split())


def describes_other(prefix: str) -> bool:
    """``prefix`` (the words of a subject before a name) is a description with its own head noun, so the name is
    not the speaker: ``a senior US official travelling with`` / ``an analyst close to`` (a role noun followed by
    ordinary words). A title right before the name is not: ``the Russian ambassador``, ``Russia’s ambassador to
    India``, ``Minister of State for External Affairs``."""
    if not prefix.strip():
        return False
    last = None
    for last in ROLE_NOUN.finditer(prefix):
        pass
    if last is None:
        return False
    rest = prefix[last.end():].split()
    if not rest:
        return False
    if not rest[-1][:1].isupper():
        return True
    return any(not w[:1].isupper() and w.lower() not in _CONNECTORS for w in rest)


def after_org(masked: str, end: int) -> bool:
    """``Biden administration``, ``Trump-era``, ``Putin government``: an institution, not the person."""
    tail = masked[end:end + 16].lower()
    return tail.startswith(("-era", " administration", " government", " regime", "-led", " doctrine"))


def capitalised_before(masked: str, start: int) -> bool:
    """The word right before ``start`` (one space between) is a capitalised word that could be a first name."""
    if start < 3 or masked[start - 1] != " " or not masked[start - 2].isalpha():
        return False
    m = CAP_BEFORE.search(masked, max(0, start - 20), start)
    return bool(m) and m.group(1).lower() not in NOT_NAME and m.group(1).lower() not in TITLE_WORDS


def has_name_shape(chunk: str) -> bool:
    """Does ``chunk`` end in two capitalised words that could be a name (not ``Air Staff``: title words)?"""
    m = NAME_SHAPE.search(chunk)
    return m is not None and not all(w.lower() in TITLE_WORDS for w in m.group().split())


def _bare(word: str) -> str:
    """A token lower-cased without trailing punctuation and possessive: ``Moscow’s,`` -> ``moscow``."""
    return POSSESSIVE.sub("", word.rstrip(".,’'")).lower() if word else ""


def name_segments(masked: str, a: int, b: int):
    """Person-name candidates in a run of capitalised words: the part after the last title or place word.
    Yields ``(start, end, title_words_before, strong, gender_from_title)``; ``strong`` = two or more name tokens
    or a title right before. A sentence-initial word in -ing/-ed followed by nothing or a non-name word
    (``Delineating Moscow’s position``) is a participle, not a name (``Manning``, ``Emily`` stay names)."""
    tokens = [m.span() for m in TOKEN.finditer(masked, a, b)]
    seg: list[tuple[int, int]] = []
    title_seen = False
    gender = ""
    for n, (s, e) in enumerate(tokens + [(-1, -1)]):
        raw = masked[s:e] if s >= 0 else ""
        word = raw.lower().rstrip(".,’'")
        bare = word[:-2] if word.endswith(("’s", "'s")) else word
        is_title = s >= 0 and word in TITLE_WORDS
        stop = s < 0 or is_title or bare in NOT_NAME or raw.isupper() and len(word) > 1
        initial = s >= 0 and len(raw) <= 9 and (len(raw) == 1 or raw[1] == ".") and INITIAL.fullmatch(raw.rstrip(","))\
            and raw not in ("A", "I")  # the article "A" and the pronoun "I" are not initials
        if initial:
            stop = False  # an initial: S. Jaishankar, Amitabh P. Revi
        if not stop and raw.endswith(".") and not initial and len(raw) > 1:
            # a full stop ends the name (the sentence went on in a run: "said Bob Menendez. Menendez ...")
            seg.append((s, e - 1))
            s, e, stop, is_title = -2, -2, True, False
        if stop:
            if seg and not all(INITIAL.fullmatch(masked[x:y]) for x, y in seg)\
                    and not (s >= 0 and not is_title and bare in NAME_HEADS)\
                    and not (seg[0][0] == a and HEAD_OF.search(masked, max(0, a - 40), a)
                             and HEAD_OF.search(masked, max(0, a - 40), a).group(1).lower() in NAME_HEADS):
                # (not part of a place or organisation name: Observer Research Foundation, Line of Actual Control)
                before = masked[max(0, seg[0][0] - 60):seg[0][0]]
                title = " ".join(before.split()[-5:])
                yield (seg[0][0], seg[-1][1], title if ROLE_NOUN.search(title) else "", len(seg) >= 2 or title_seen,
                       gender)
            seg = []
            if s == -2:
                title_seen, gender = False, ""
                continue
            title_seen = is_title and word not in FUNCTION_WORDS  # "the Pentagon" has no title
            gender = GENDER_TITLE.get(word, "") if is_title else ""
        else:
            if not seg and s == 0 and word.endswith(("ing", "ed")):
                nxt = tokens[n + 1] if n + 1 < len(tokens) else None
                if nxt is None or _bare(masked[nxt[0]:nxt[1]]) in NOT_NAME:
                    continue  # a sentence-initial participle: Delineating Moscow’s ...
            seg.append((s, e))
            if POSSESSIVE.search(raw):
                title_seen = False  # a possessive ends the name: Moscow’s foreign policy
                yield from _name_segments_flush(masked, seg, gender)
                seg = []
                gender = ""


def _name_segments_flush(masked: str, seg: list[tuple[int, int]], gender: str):
    """A possessive name (``Lavrov’s visit``) is still a mention of the person."""
    a, b = seg[0][0], seg[-1][1]
    name = POSSESSIVE.sub("", masked[a:b])
    if name and name.lower() not in NOT_NAME:
        yield a, a + len(name), "", len(seg) >= 2, gender


_NOT_OPENERS = frozenset({"we", "i", "it", "they", "this", "that", "there", "nothing", "no", "our", "yes"})
_NOT_NAME_OR_OPENER = NOT_NAME | {"we", "i", "it", "they", "no"}


def name_like(text: str) -> bool:
    """A name or title rather than words: ‘Make in India’, ‘Sputnik V’, ‘2+2’, “Asian NATO”, and a capitalised
    word + a naming noun of ``not_people.csv`` (category term_noun): ‘Moscow format’, ‘Delhi process’."""
    if text.rstrip()[-1:] in ".,;!?…" or len(text) > 160:
        return False
    toks = CONTENT_WORD.findall(text)
    if not toks or len(toks) > 12:
        return False
    if len(toks) <= 3 and DIGIT.search(text) and not toks[0][0].islower():
        return True  # 2+2, S-400 (but "by 2025" is words: a time, said by someone)
    caps = [t for t in toks if t.lower() not in FUNCTION_WORDS]
    if caps and all(t[0].isupper() or t[0].isdigit() for t in caps) and toks[0][0].isupper():
        return toks[0].lower() not in _NOT_OPENERS
    if len(toks) <= 3 and toks[0][0].isupper() and toks[0].lower() not in _NOT_NAME_OR_OPENER:
        return True
    if len(toks) <= 3 and toks[0][0].isupper() and any(t.lower() in TERM_NOUNS for t in toks[1:]):
        return True
    return False
