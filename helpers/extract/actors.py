"""The actors list: who may be quoted, under which names, in which role and on which side.

In:  ``helpers/data/actors.csv`` (UTF-8, one row per person), a file a researcher edits. Columns:

* ``name``         - canonical name, used as ``speaker`` in every quotation table (``Sergey Lavrov``).
* ``aliases``      - ``|``-separated spellings that name this person in text (``Sergei Lavrov|Lavrov``).
                     The canonical name is always an alias too. Matching is case-sensitive, except inside an
                     attribution (``alipov Told``), where a lower-cased alias is accepted.
* ``role``         - the office, in lower case (``foreign minister``, ``ambassador``, ``deputy chief of mission``,
                     ``spokesperson``, ``president``, ``prime minister``, ``defence secretary``, ...). Role words
                     make a person compatible with generic descriptions (``the diplomat``, ``the envoy``,
                     ``the minister``, ``the spokesperson``).
* ``country``      - the country the person speaks for (``Russia``, ``India``, ``US``, ``China``, ``Pakistan``...);
                     checked against the nationality of a description (``the Russian diplomat``).
* ``side``         - one of ``Russia, India, US, China, Pakistan, other``: the column the person's quoted words
                     are counted in by :func:`helpers.annotate.serial.voices`.
* ``gender``       - ``m``, ``f`` or empty; used to resolve ``he`` / ``she``.
* ``role_phrases`` - ``|``-separated descriptions that name this person *without* the name, while the role is
                     held (``Russian ambassador|Russian envoy``). Matched case-insensitively, with or without a
                     leading ``the``. When several people share a phrase, the dates decide.
* ``valid_from``, ``valid_to`` - ISO dates (``2022-01-01``) or years (``2017``), either may be empty (open). They
                     bound when ``role_phrases`` refer to this person: against the article's publication date,
                     "the Russian ambassador" is Nikolay Kudashev in 2019 and Denis Alipov in 2023. Names and
                     aliases match whatever the date.

Surname-only aliases (``Austin``, ``Price``, ``Lavrov``) are ambiguous: :mod:`helpers.extract.quotes` accepts one only
when it is capitalised, not right after a place preposition (``in Austin, Texas``), and either the person's full
name or role phrase appeared earlier in the article, a speech cue follows it (``Price said``), ``according to``
precedes it, or the word never occurs in lower case in the article (so it is not an ordinary word there).
Role phrases must name one specific office (``Russian foreign minister``), never a generic description
(``Russian minister``): generic descriptions resolve to the most recent compatible person in the article.

Out: :func:`load_actors` returns the validated table with list columns ``alias_list`` and ``phrase_list``.
A bad row raises :class:`KnowledgeFileError` naming the CSV line and the fix.

Two more lists that a researcher may extend, read by :func:`load_not_people` and :func:`load_institutions`:

* ``helpers/data/not_people.csv`` (``word, category, note``): capitalised words that are never part of a person's
  name (function words, days and months, places, institution/law/programme nouns such as Ministry, Act, Treaty,
  Programme, Summit, news agencies, title adjectives such as New/Global). A run of capitalised words is cut at
  them; category ``term_noun`` (format, formula, model, process, doctrine ...) marks nouns that make a quoted
  ``‘Moscow format’`` a name rather than speech; category ``title`` lists the titles and ranks stripped before a
  name (``Retired``, ``Lieutenant``, ``General``, ``Lt``, ``Brigadier``, ``Dr``, ``Prof``, ``Senator`` ...: ``Retired
  Lieutenant General X`` is X). A name segment directly followed by a ``place`` or ``institution`` word (``Observer
  Research Foundation``, ``Galwan Valley``) or directly after ``<place/institution word> of`` (``Line of Actual
  Control``) is part of a place or organisation name, not a person. General words only, no article phrases.
* ``helpers/data/institutions.csv`` (``name, side, note``): states and institutions that can be the subject of
  a speech verb (``the Kremlin``, ``South Block``, ``the State Department``, ``Beijing``); matched
  case-insensitively with or without ``the``; ``side`` is one of :data:`SIDES` or empty.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows

ACTORS_FILE = DATA / "actors.csv"
ACTOR_COLUMNS = ["name", "aliases", "role", "country", "side", "gender", "role_phrases", "valid_from", "valid_to"]
SIDES = ("Russia", "India", "US", "China", "Pakistan", "other")
GENDERS = ("m", "f", "")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")



def parse_bound(value: str, end: bool = False) -> date | None:
    """``2017`` / ``2017-11`` / ``2017-11-01`` -> a date (the first day, or the last day when ``end``); '' -> None."""
    value = value.strip()
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(*parts)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the actors CSV (default ``helpers/data/actors.csv``).

    Returns one row per person with the CSV columns (strings, stripped) plus ``alias_list`` (canonical name
    first, then the aliases) and ``phrase_list`` (role phrases). Raises :class:`KnowledgeFileError` on a missing
    column, an empty name, a duplicated name, an unknown side or gender, or a malformed/reversed date."""
    path = Path(path) if path is not None else ACTORS_FILE
    rows, seen = [], {}
    for line, row in read_rows(path, ACTOR_COLUMNS):
        where = f"{path.name} line {line} ({row.get('name') or 'no name'})"
        if not row["name"]:
            raise KnowledgeFileError(f"{where}: 'name' is empty; give the person's canonical name")
        if row["name"] in seen:
            raise KnowledgeFileError(f"{where}: '{row['name']}' is already on line {seen[row['name']]}; merge the two rows")
        seen[row["name"]] = line
        if row["side"] not in SIDES:
            raise KnowledgeFileError(f"{where}: side '{row['side']}' is not one of {', '.join(SIDES)}")
        if row["gender"] not in GENDERS:
            raise KnowledgeFileError(f"{where}: gender '{row['gender']}' must be m, f or empty")
        for column in ("valid_from", "valid_to"):
            if row[column] and not _DATE.match(row[column]):
                raise KnowledgeFileError(f"{where}: {column} '{row[column]}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
            try:
                parse_bound(row[column], end=column == "valid_to")
            except ValueError as err:
                raise KnowledgeFileError(f"{where}: {column} '{row[column]}' is impossible ({err})") from None
        start, stop = parse_bound(row["valid_from"]), parse_bound(row["valid_to"], end=True)
        if start and stop and start > stop:
            raise KnowledgeFileError(f"{where}: valid_from {row['valid_from']} is after valid_to {row['valid_to']}")
        aliases = [row["name"], *[a for a in _split(row["aliases"]) if a != row["name"]]]
        rows.append({**{c: row[c] for c in ACTOR_COLUMNS}, "alias_list": aliases, "phrase_list": _split(row["role_phrases"])})
    return pd.DataFrame(rows, columns=[*ACTOR_COLUMNS, "alias_list", "phrase_list"])


NOT_PEOPLE_FILE = DATA / "not_people.csv"
INSTITUTIONS_FILE = DATA / "institutions.csv"
NOT_PEOPLE_CATEGORIES = ("function", "calendar", "place", "institution", "media", "adjective", "term_noun", "title")


@lru_cache(maxsize=4)
def load_not_people(path: Path | str | None = None) -> dict[str, str]:
    """``helpers/data/not_people.csv`` -> ``{lower-case word: category}``. Raises :class:`KnowledgeFileError` on an empty
    word, a word with a space, or an unknown category (the message names the line)."""
    path = Path(path) if path is not None else NOT_PEOPLE_FILE
    out: dict[str, str] = {}
    for line, row in read_rows(path, ["word", "category"]):
        word = row["word"].lower()
        if not word or " " in word:
            raise KnowledgeFileError(f"{path.name} line {line}: word '{row['word']}' must be one word with no spaces")
        if row["category"] not in NOT_PEOPLE_CATEGORIES:
            raise KnowledgeFileError(f"{path.name} line {line}: category '{row['category']}' is not one of "
                              f"{', '.join(NOT_PEOPLE_CATEGORIES)}")
        out.setdefault(word, row["category"])
    return out


@lru_cache(maxsize=4)
def load_institutions(path: Path | str | None = None) -> dict[str, str]:
    """``helpers/data/institutions.csv`` -> ``{lower-case name without "the": side}`` (see :func:`institutions`)."""
    return {name: side for name, (_, _, side) in institutions(path).items()}


def institutions(path: Path | str | None = None) -> dict[str, tuple[str, str, str]]:
    """``helpers/data/institutions.csv`` (``name, speaker, role, side, note``) -> ``{lower-case name without "the":
    (speaker, role, side)}``: the name as it may be written (an alias) and the institution it names. A row without a
    ``speaker`` speaks as its name. Raises :class:`KnowledgeFileError` on an empty name or a side that is not one of
    :data:`SIDES` (or empty)."""
    path = Path(path) if path is not None else INSTITUTIONS_FILE
    out: dict[str, tuple[str, str, str]] = {}
    for line, row in read_rows(path, ["name", "side"]):
        name = " ".join(row["name"].lower().split())
        if name.startswith("the "):
            name = name[4:]
        if not name:
            raise KnowledgeFileError(f"{path.name} line {line}: 'name' is empty")
        if row["side"] and row["side"] not in SIDES:
            raise KnowledgeFileError(f"{path.name} line {line}: side '{row['side']}' is not one of {', '.join(SIDES)} (or empty)")
        out.setdefault(name, (row.get("speaker") or row["name"], row.get("role") or "institution", row["side"]))
    return out


@lru_cache(maxsize=4)
def default_actors() -> pd.DataFrame:
    """The project's actors list, read once per process (treat as read-only)."""
    return load_actors()
