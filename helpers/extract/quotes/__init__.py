"""Quotations and their speakers: who gets to speak in each article, in their own words.

In:  one cleaned article (``text``, its ``sentences`` rows from :mod:`helpers.corpus.load`, its ``published`` date)
     and the actors list (:mod:`helpers.extract.actors`, ``helpers/data/actors.csv``).
Out: :func:`extract_quotes` - one row per quotation, columns :data:`QUOTE_COLUMNS`:

* ``start, end, text`` - the characters strictly between the marks (``text == cleaned[start:end]``);
* ``sentence_id``      - the sentence (``corpus.sentences``) containing ``start``;
* ``speaker``          - canonical name from the actors list; for people not in the list, the name as
                         written (``Margaret Ellison``; a later ``Ellison`` maps to it; spaced initials closed up);
                         for a state or institution, the institution (``Russia calls “anti-China” policy`` ->
                         Russian government, ``the Chinese embassy said`` -> Chinese Embassy); for an unnamed
                         official, diplomat, source or spokesperson, the institution they speak for (``a senior
                         State Department official`` -> US State Department, ``Indian officials`` -> Government of
                         India); empty when unknown and for sources who speak for nobody in particular (``an
                         analyst said``);
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
:func:`helpers.annotate.annotations` runs it over every English article (``quotes``); :func:`voice_row` measures
how much of one article is quoted speech and whose; :func:`helpers.annotate.validity.evaluate_quotes` compares
with a hand-annotated gold table.

The package, in reading order: :mod:`.marks` finds the quotation spans; :mod:`.lexicon` and :mod:`.names` hold
what attribution reads (cues, roles, the actors list, names in running text); :mod:`.speakers` attributes each
quotation to a speaker as the article is read; :mod:`.rows` turns the result into one row per quotation.

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
  :mod:`helpers.extract.actors` (not ``in Austin, Texas``; not an ordinary lower-case word of the article unless the full
  name came earlier or a speech cue follows).
* Pronouns go to the most recent salient person whose gender does not conflict, first among the people mentioned
  in the same paragraph or the one before, then further back. Gender comes from the actors
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
* States and institutions (``helpers/data/institutions.csv``; ``the <nationality> embassy/ministry/side``; a
  listed name after describing words, ``the Indian broadcaster NDTV``): the institution is the speaker, with its
  role and side.

Word counts (:func:`voices`): ``quoted_words`` counts words of ``speech`` quotes only; ``term`` quotes are the
journalist's own voice (names and scare quotes), so they count in ``own_words``.
"""
from __future__ import annotations

from helpers.extract.quotes.lexicon import SPEECH_CUES
from helpers.extract.quotes.marks import scan_quotes
from helpers.extract.quotes.rows import (
           QUOTE_COLUMNS,
           actor_sides,
           canonical_speaker,
           extract_quotes,
           quote_rows,
           quotes_frame,
           speech_spans,
           voice_row,
           words_of,
)

__all__ = ["QUOTE_COLUMNS", "SPEECH_CUES", "actor_sides", "canonical_speaker", "extract_quotes", "quote_rows", "quotes_frame",
           "scan_quotes", "speech_spans", "voice_row", "words_of"]
