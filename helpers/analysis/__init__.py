"""Step 4, the analysis: tables -> tables. It reads the corpus's tables and its annotation
(:class:`helpers.annotate.Annotations`), never annotates again and never reads files.

Notebook 01: :mod:`.compare` (runs the comparison once) with :mod:`.similarity`, :mod:`.reuse`, :mod:`.align`,
:mod:`.profiles`, :mod:`.claims` and :mod:`.labels`; notebook 02: :mod:`.framing`; notebook 03: :mod:`.timeline`;
notebook 00: :mod:`.overview`; every notebook: :mod:`.findings` (the generated summary sentences).
"""
