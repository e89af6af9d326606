"""Institutions as one article names them: where a body sits, which body a bare noun means, whose an ambiguous
body is.

In:  subject phrases and descriptions of one article, read in order, and ``helpers/data/institutions.csv`` (through
:data:`helpers.extract.quotes.lexicon.INSTITUTIONS`).  Out: institutions as ``(speaker, role, side)`` triples.

The rules (each a type, never a case; see ``helpers/extract/quotes/RULES.md``):

* **Where a body sits.** A mission named with its place (``the US embassy in Delhi``, ``a US embassy spokesperson in
  New Delhi``) is that mission in the place's country: ``US Embassy in India``; the place is never read as the
  speaker (``Delhi`` is not the Government of India here). A later bare mention of the same mission in the same
  article (``the US Embassy``) takes the same qualified name.
* **A bare noun** (``the embassy``, ``an embassy spokesperson``, ``the ministry``) is the body of that kind named
  most recently in the article; with none named, it stays unresolved (nobody in particular).
* **Its voice, later.** ``it said`` / ``it added`` and a bare document (``according to the release``, ``the
  statement said``) are the institution attributed last, when that was no more than 600 characters before; a
  document named with its body (``a Pakistan foreign ministry statement said``) is that body.
* **An ambiguous body** (a row of ``institutions.csv`` with an empty side, ``Foreign Office``, ``the defence
  ministry``) takes the side of the article's dateline (``ISLAMABAD:``: domestic copy leaves its own country's
  bodies unqualified), else of the latest attributed speaker that has one; it is then named as ``institutions.csv`` names that kind of body for that side (``Pakistan
  Foreign Office``). With neither, it stays as written, side empty.
"""
from __future__ import annotations

import re

from helpers.extract.quotes.lexicon import INSTITUTIONS, ROLE_SIDE, institution_of

#: Roles of ``institutions.csv`` that sit in a host country (named ``<body> in <country>``).
MISSION_ROLES = frozenset({"embassy", "high commission", "consulate", "mission"})
#: A place after a phrase: `` in New Delhi``, `` at Moscow``.
_LOCATION = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*){0,2})\s*$")
#: A bare body noun and the roles of ``institutions.csv`` it can mean (``the ministry`` -> any ministry).
_BARE = re.compile(r"^(?:the |an? |one )?(?P<noun>embassy|high commission|consulate|mission|foreign office|"
                   r"foreign ministry|ministry)$", re.I)
#: A dateline at the start of a paragraph: ``ISLAMABAD:``, ``NEW DELHI (Reuters) -``, ``Moscow, Oct 5 —``.
_DATELINE = re.compile(r"(?m)^\s*(?P<place>[A-Z][A-Z.]+(?: [A-Z][A-Z.]+){0,2})\s*(?:\([^)\n]{1,30}\)\s*)?[:—–-]\s")


#: The names of ``institutions.csv`` with no side (``foreign office``): whose they are depends on the article.
AMBIGUOUS = tuple(sorted((name for name, (_, _, side) in INSTITUTIONS.items() if not side), key=len, reverse=True))


def ambiguous_in(head: str) -> tuple[str, str, str] | None:
    """The ambiguous body named in the words before a role noun (``a defence ministry official``), or None."""
    low = " " + " ".join(head.lower().replace("’", "'").split()) + " "
    for name in AMBIGUOUS:
        if f" {name} " in low:
            return INSTITUTIONS[name]
    return None


def place_side(place: str) -> str:
    """The side of a place (``New Delhi`` -> India, ``Washington`` -> US), from the metonymy rows of
    ``institutions.csv``; "" when the place is not listed."""
    found = INSTITUTIONS.get(" ".join(place.lower().split()))
    return found[2] if found is not None and found[1] == "government" else ""


def split_location(phrase: str) -> tuple[str, str]:
    """``the US embassy in Delhi`` -> (``the US embassy``, ``India``): the phrase without a trailing listed place,
    and that place's side ("" and the phrase unchanged when there is none)."""
    m = _LOCATION.search(phrase)
    if m is None:
        return phrase, ""
    side = place_side(m.group(1))
    return (phrase[: m.start()], side) if side else (phrase, "")


def dateline_side(text: str, limit: int = 4000) -> str:
    """The side of the article's dateline (the first ``PLACE:`` at a paragraph start among the first ``limit``
    characters), or ""."""
    for m in _DATELINE.finditer(text, 0, min(len(text), limit)):
        side = place_side(m.group("place"))
        if side:
            return side
    return ""


class Bodies:
    """The institutions one article has named so far (create one per article; feed it in reading order)."""

    def __init__(self, text: str):
        self._qualified: dict[str, str] = {}          # speaker -> speaker with its host ("US Embassy in India")
        self._latest: dict[str, tuple[int, tuple[str, str, str]]] = {}  # role -> (order, the last body of that role)
        self._context_side = ""
        self._text = text
        self._dateline: str | None = None
        self._last_speaker: tuple[tuple[str, str, str], int] | None = None
        self._count = 0

    # ---- context
    def heard(self, side: str, institution: tuple[str, str, str] | None = None, at: int = 0) -> None:
        """A speaker with ``side`` was attributed at offset ``at`` (an institution: ``institution``): the context
        for an ambiguous body, and for "it" / "the statement" that follow."""
        if side:
            self._context_side = side
        if institution is not None and institution[0]:
            self._last_speaker = (institution, at)

    def last_speaker(self, at: int, within: int = 600) -> tuple[str, str, str] | None:
        """The institution attributed last, if no more than ``within`` characters before ``at`` ("..., it added";
        "according to the release"), else None."""
        if self._last_speaker is None or at - self._last_speaker[1] > within:
            return None
        return self._last_speaker[0]

    def _side(self) -> str:
        if self._dateline is None:
            self._dateline = dateline_side(self._text)
        return self._dateline or self._context_side

    # ---- naming
    def name(self, found: tuple[str, str, str], host: str = "") -> tuple[str, str, str]:
        """``found`` as this article names it: an ambiguous body given the context's side, a mission with its host
        (given, or from an earlier mention); remembered as the latest body of its kind."""
        speaker, role, side = found
        if not side:
            context = self._side()
            if context:
                speaker, role, side = ROLE_SIDE.get((role, context), (speaker, role, context))
        if role in MISSION_ROLES:
            if host and host != side:
                self._qualified[speaker] = f"{speaker} in {host}"
            speaker = self._qualified.get(speaker, speaker)
        out = (speaker, role, side)
        self._count += 1
        self._latest[role] = (self._count, out)
        return out

    def bare(self, phrase: str) -> tuple[str, str, str] | None:
        """``the embassy`` / ``an embassy`` / ``the ministry``: the latest body of that kind, or None."""
        m = _BARE.match(" ".join(phrase.lower().split()))
        if m is None:
            return None
        noun = m.group("noun")
        fits = [seen for role, seen in self._latest.items()
                if role == noun or noun == "ministry" and "ministry" in role or noun == "foreign office" and role == "foreign ministry"]
        return max(fits)[1] if fits else None  # the latest (one entry per role: linear in the article)

    def resolve(self, phrase: str) -> tuple[str, str, str] | None:
        """The institution a subject phrase names, as this article names it (see the module's rules), or None."""
        core, host = split_location(phrase)
        found = institution_of(core)
        if found is None:
            return self.bare(core)
        return self.name(found, host)
