"""Counts that need no frame coding (helpers/analysis/textcounts.py): known answers on a hand-written corpus, and
their cached results survive a dictionary edit (the module reads no frame dictionary)."""
from __future__ import annotations

from conftest import article, row
from helpers.analysis import textcounts
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus
from helpers.versions import stage_files

BODY = ('The US warned of CAATSA sanctions on Monday.\n\n'
        '"We will buy what we need," said Rajnath Singh, the defence minister.\n\n'
        'Sanctions were not mentioned again, the report said.')


def test_own_words_leave_out_speech_quotes_and_mentions_count_per_outlet(make_corpus):
    folder = make_corpus({"a.txt": article(body=BODY), "b.txt": article(body="Nothing about the law here.")},
                         rows=[row("a.txt", outlet="Outlet A"), row("b.txt", outlet="Outlet B")])
    corpus = load_corpus(folder)
    own = textcounts.sentence_own_words(corpus, annotations(corpus).quotes)
    sentences = corpus.coded_sentences()
    assert len(own) == len(sentences)
    text = dict(zip(zip(sentences["file"], sentences["sentence_id"]), sentences["text"]))
    by_text = {text[k]: n for k, n in zip(zip(own["file"], own["sentence_id"]), own["own_words"])}
    assert by_text["The US warned of CAATSA sanctions on Monday."] == 8
    quoted = next(t for t in by_text if t.startswith('"We will buy'))
    assert by_text[quoted] == 6  # "said Rajnath Singh, the defence minister." without the six quoted words
    mentions = textcounts.outlet_mentions(corpus).set_index("outlet")
    assert mentions.loc["Outlet A", ["articles", "caatsa_mentions", "sanctions_mentions"]].tolist() == [1, 1, 2]
    assert mentions.loc["Outlet B", ["caatsa_mentions", "sanctions_mentions"]].tolist() == [0, 0]


def test_the_module_reads_no_frame_dictionary():
    assert not {p.name for p in stage_files(("helpers.analysis.textcounts",))} & {"frames.csv", "frame_training.csv"}
