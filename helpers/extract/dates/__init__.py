"""Temporal expressions: find every date expression that places an event in time and normalise it against the
article's publication interval.

In:  a text and its publication interval ``(pub_start, pub_end)`` (one day, or a whole month or year when the
     manifest gives only that).
Out: :func:`extract` - a list of :class:`TimeExpression` (offsets into the text, the expression verbatim,
     ``date_start``/``date_end`` inclusive, ``precision`` and ``relative``); :func:`article_expressions` - the
     rows of one article (:func:`helpers.annotate.annotations` runs it over a corpus: ``expressions``);
     :func:`helpers.annotate.validity.evaluate_date_gold` scores it against the hand-annotated gold in
     ``tests/gold/dates``.

The rules follow ``tests/gold/dates/RULES.md``:

* the span is the minimal phrase carrying the date: locating prepositions (in, on, at, over, from) are left
  out, ``since`` and ``by`` are kept (they change the interval);
* ``precision`` is derived from the interval: day, month, quarter, year, range (any other interval) or vague
  (unresolved: ``soon``, ``the next few months``, an event-anchored phrase whose anchor is not dated);
* ``relative`` is true when the publication date was used;
* a relative expression in an article known only to its month or year resolves to the *hull* of its
  resolutions over the publication interval (every resolution here is monotone in the publication day, so the
  hull is taken from the interval's two ends) - never a false point;
* a weekday or a year-less date/month takes its direction from the tense of its clause: past -> the most
  recent one on or before publication (the publication day counts), future -> the first on or after it;
* datelines (``MOSCOW, March 3 (Reuters) -``), ``Updated:``/``Published:`` stamps, bylines, ``(c)``/copyright
  years and numbers fused into names (``Army-2023``, ``Covid-19``, ``Su-35``) are not events;
* ``May``/``March`` without a date cue (``May I add``, ``The long march``) and bare quantities are not dates.

Conventions that the gold leaves open and this module fixes: ``early``/``beginning of``/``start of`` a year is
its first quarter, ``late``/``end of`` its last quarter, ``mid-<year>`` April-September; ``early``/``mid``/
``late`` a month are days 1-10, 11-20 and 21-last; ``N weeks ago`` is the Monday-Sunday week containing the
day N weeks before publication; ``FY23``/``2022-23 financial year`` is the Indian fiscal year (1 April -
31 March); ``the next N years`` runs from publication to publication + N years; ``today`` inside a quotation
is the day of the article's narrative (its first weekday outside quotes) when there is one.

Everything is compiled regular expressions, the standard library (``datetime``, ``calendar``, ``bisect``) and
bounded look-arounds: linear in the length of the text.

The package, in reading order: :mod:`.patterns` (the patterns and their context rules), :mod:`.intervals`
(calendar arithmetic), :mod:`.resolve` (a match into an interval), :mod:`.expressions` (finding and resolving
every expression of a text).
"""
from __future__ import annotations

from helpers.extract.dates.expressions import COLUMNS, article_expressions, expressions_frame, extract
from helpers.extract.dates.intervals import TimeExpression, add_months, precision_of

__all__ = ["COLUMNS", "TimeExpression", "add_months", "article_expressions", "expressions_frame", "extract", "precision_of"]
