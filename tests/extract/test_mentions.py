"""Key-term folding (helpers/extract/mentions.py)."""
from hypothesis import given
from hypothesis import strategies as st

from helpers.extract import mentions

#: Characters the fold changes, their ASCII twins and plain text around them (no Cyrillic or Greek look-alikes,
#: which a second step folds).
_ALPHABET = st.sampled_from(sorted({chr(c) for c in mentions._FOLD}) + list("S-400 CAATSA ab1é\n"))


@given(st.text(_ALPHABET, max_size=120))
def test_folding_without_look_alikes_is_the_translation_table(text):
    assert mentions.fold_for_matching(text) == text.translate(mentions._FOLD)


def test_fullwidth_and_dashes_fold_to_ascii():
    assert mentions.fold_for_matching("\uff33\uff0d\uff14\uff10\uff10 and S\u2013400 \u2212 x") == "S-400 and S-400 - x"
