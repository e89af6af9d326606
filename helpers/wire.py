"""Wire-agency credits in an article's text ("(ANI)", "told PTI", "news agency TASS reported", "With inputs
from Reuters").

In:  cleaned text.  Out: the agencies credited, in order of first credit, as canonical names from
``helpers/data/agencies.csv`` (``agency, aliases, description``; a researcher adds a row to add an agency).
A bare mention is not a credit: the name must stand in a credit position (in brackets, after "told",
"news agency", "inputs from", before "reported"/"said", or as "- Reuters").
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from .config import DATA

AGENCIES_FILE = DATA / "agencies.csv"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, dict[str, str]]:
    canonical: dict[str, str] = {}
    with open(AGENCIES_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for alias in row["aliases"].split("|"):
                canonical[alias.strip().casefold()] = row["agency"].strip()
    names = "|".join(sorted((re.escape(a) for a in canonical), key=len, reverse=True))
    credit = re.compile(
        rf"\((?:with inputs from\s+)?(?P<a>{names})(?:\s+(?:inputs|report|photo))?\)"
        rf"|\btold\s+(?:the\s+)?(?P<b>{names})\b"
        rf"|\b(?:news\s+agency|wire\s+agency|inputs\s+from|according\s+to|reported\s+by|via)\s+(?:the\s+)?(?P<c>{names})\b"
        rf"|\b(?P<d>{names})\s+(?:reported|quoted|said|reports)\b"
        rf"|(?:^|\n)\s*[-–—]?\s*(?P<e>{names})\s*$",
        re.I | re.M,
    )
    return credit, canonical


def credited_agencies(text: str) -> list[str]:
    """Agencies credited in ``text``, in order of first credit, each once."""
    credit, canonical = _patterns()
    found: list[str] = []
    for match in credit.finditer(text):
        name = next(g for g in match.groups() if g)
        if name.isupper() or len(name) > 4 or name[0].isupper():
            agency = canonical[name.casefold()]
            if agency not in found:
                found.append(agency)
    return found
