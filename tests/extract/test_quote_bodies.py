"""Institutions as speakers in context (helpers/extract/quotes/bodies.py and the anonymous-source rules of
speakers.py): an unnamed official described anywhere, a mission with its place, bare body nouns, ambiguous bodies
and the dateline, "X reported", documents that speak. Every text is written for the test."""
from __future__ import annotations

import pytest
from test_quotes import body, quotes

from helpers.corpus.structure import split_sentences
from helpers.extract.quotes.bodies import Bodies, dateline_side, split_location


def speakers(df) -> list[tuple[str, str]]:
    return [(r.text, r.speaker) for r in df.itertuples() if r.kind == "speech"]


def test_official_described_outside_an_attribution_is_the_later_official():
    """'quoting a senior State Department official' introduces a source; 'the official' / 'the source' refer to it."""
    out = body("The deal could strain ties, a broadcaster said, quoting a senior State Department official who was "
               "not named.",
               "“We see a problem here,” the official said.",
               "India, the source added, faces a “hard conversation” with Washington.")
    assert speakers(out) == [("We see a problem here,", "US State Department"),
                             ("hard conversation", "US State Department")]


def test_a_title_before_a_name_is_not_an_anonymous_source():
    out = body("A State Department spokesperson Ned Price said the law was “clear”.", published="2021-10-01")
    assert speakers(out) == [("clear", "Ned Price")]


def test_source_of_is_not_a_person():
    """'a source of friction' describes no one: the later 'the source' is a new anonymous source (speaker empty)."""
    out = body("The deal is a source of friction with the State Department.",
               "“It is settled,” the source said.")
    assert speakers(out) == [("It is settled,", "")]


def test_mission_with_its_place_and_a_bare_embassy_spokesperson():
    out = body("The US embassy in Delhi told reporters the law was never meant to “hurt partners.”",
               "“Every case is weighed on its merits,” an embassy spokesperson added.",
               "“Nothing has been decided,” the US Embassy said later.")
    assert speakers(out) == [("hurt partners.", "US Embassy in India"),
                             ("Every case is weighed on its merits,", "US Embassy in India"),
                             ("Nothing has been decided,", "US Embassy in India")]


def test_unnamed_spokesperson_of_a_mission_described_before_the_quote():
    out = body("A US embassy spokesperson in New Delhi, who asked not to be named, said nothing had been delivered.",
               "“There is no blanket waiver,” the spokesperson told reporters.")
    assert speakers(out) == [("There is no blanket waiver,", "US Embassy in India")]


@pytest.mark.parametrize("dateline, speaker, side", [
    ("ISLAMABAD: ", "Pakistan Foreign Office", "Pakistan"),
    ("NEW DELHI: ", "Ministry of External Affairs (India)", "India"),
    ("", "Foreign Office", ""),
])
def test_ambiguous_body_takes_the_dateline_country(dateline, speaker, side):
    out = body(dateline + "The neighbour's purchase has worried officials for months.",
               "The Foreign Office said it wanted “a meaningful dialogue” on the issue.")
    row = out[out.kind == "speech"].iloc[0]
    assert (row.speaker, row.side) == (speaker, side)


def test_ambiguous_body_in_a_description_takes_the_dateline_country():
    out = body("NEW DELHI: Russia said the deliveries were late.",
               "A defence ministry official, who did not wish to be named, said the units were deployed “without "
               "any hitch”.")
    assert speakers(out)[-1] == ("without any hitch", "Ministry of Defence (India)")


@pytest.mark.parametrize("sentence, speaker", [
    ("The first units are “due for delivery by 2020”, India Today reported.", "India Today"),
    ("Deliveries are “proceeding as planned”, Sputnik reported, citing officials.", "Sputnik"),
    ("“Talks are on,” reported NDTV.", "NDTV"),
])
def test_an_outlet_that_reports_is_the_speaker(sentence, speaker):
    assert speakers(body(sentence)) == [(sentence[sentence.index("“") + 1:sentence.index("”")], speaker)]


@pytest.mark.parametrize("sentence", [
    "The deal, reported to be worth “billions”, was signed.",
    "It was reported that the deal is “on track”.",
])
def test_passive_reported_attributes_nothing(sentence):
    assert speakers(body(sentence)) == []


@pytest.mark.parametrize("sentence, speaker", [
    ("A joint statement issued after the talks said the two sides “welcomed the contract”.", "Joint statement"),
    ("“The sides welcomed the signing,” a joint statement issued after Prime Minister Narendra Modi's talks with "
     "Russian President Vladimir Putin said.", "Joint statement"),
    ("A statement released by the Russian embassy said the sanctions were “regrettable”.", "Russian Embassy"),
    ("After a statement issued by the ministry, Lavrov said the deal was “done and dusted”.", "Sergey Lavrov"),
])
def test_a_document_speaks_or_whoever_issued_it(sentence, speaker):
    out = body(sentence, published="2018-10-05")
    assert [s for _, s in speakers(out)] == [speaker]


def test_guillemets_open_and_close_sentences():
    text = "He spoke. «I disagree. The system matters,» the official said. «Fine.» Then he left."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "He spoke.", "«I disagree.", "The system matters,» the official said.", "«Fine.»", "Then he left."]


def test_bodies_helpers():
    assert split_location("the US embassy in Delhi") == ("the US embassy", "India")
    assert split_location("the embassy in Ruritania") == ("the embassy in Ruritania", "")
    assert dateline_side("Headline\n\nISLAMABAD: Text.") == "Pakistan"
    assert dateline_side("Headline\n\nNo dateline here: text.") == ""
    bodies = Bodies("")
    assert bodies.bare("the embassy") is None
    assert bodies.resolve("the Chinese embassy in Washington") == ("Chinese Embassy in US", "embassy", "China")
    assert bodies.bare("an embassy") == ("Chinese Embassy in US", "embassy", "China")


def test_headline_paragraph_is_not_body():
    """``quotes`` reads the first paragraph as a headline; the helpers above add a plain one."""
    assert speakers(quotes("Talks go on", "“Fine,” the Kremlin said.")) == [("Fine,", "Kremlin")]


def test_a_description_prefers_the_person_named_with_a_matching_title():
    """'the Chief of the Air Staff' is the Air Chief Marshal named earlier, not a more recent Wing Commander."""
    out = body("Air Chief Marshal Arun Vikram Tandel told reporters the new system was “ready”.",
               "In February, Wing Commander Karan Mehta flew a sortie over the border.",
               "The Chief of the Air Staff said the force would buy “indigenous systems” first.",
               published="2018-06-01")  # a date when no chief of the actors list held the office
    assert speakers(out) == [("ready", "Arun Vikram Tandel"), ("indigenous systems", "Arun Vikram Tandel")]


def test_a_time_phrase_with_a_year_is_words_not_a_name():
    out = body("Moscow expects the batteries “by 2025”, a senior Russian diplomat in India said last month.")
    assert speakers(out) == [("by 2025", "Russian government")]


def test_an_outlet_reporting_a_speaker_leaves_the_quote_to_the_speaker():
    """'the Kremlin said ... “in July”, TASS reported': the Kremlin said it; TASS carries it."""
    out = body("On Monday, the Kremlin said the leaders would meet and that the systems would arrive “in July”, "
               "TASS reported.", "Prices are “stable”, TASS reported.")
    assert speakers(out) == [("in July", "Kremlin"), ("stable", "TASS")]


def test_a_mission_named_with_its_place_outside_an_attribution_names_it_later():
    out = body("The signing prompted the US Embassy in New Delhi to say a waiver was not certain.",
               "“There is no blanket waiver,” a spokesperson of the US Embassy said.")
    assert speakers(out) == [("There is no blanket waiver,", "US Embassy in India")]


@pytest.mark.parametrize("paragraph, speaker", [
    ("Ahead of the visit, the chair of the Senate foreign relations committee, Senator Robert Menendez, wrote to the "
     "secretary, arguing that the purchase was “sanctionable”.", "Robert Menendez"),
    ("Indian officials, speaking on condition of anonymity, told the agency the route was “a major irritant”.",
     "Government of India"),
    ("“Russia has stood by us,” R.R. Subramanian, a strategic affairs analyst based in Delhi, told AFP.",
     "R.R. Subramanian"),
    ("Lavrov, responding to a question on Moscow and Beijing, said the deal was “on schedule”.", "Sergey Lavrov"),
])
def test_a_subject_set_off_by_commas(paragraph, speaker):
    """A verb right after a comma takes its subject from the comma-set segments before it: a name wins over its
    description, a participle or relative clause is skipped."""
    assert [s for _, s in speakers(body(paragraph, published="2021-03-19"))] == [speaker]


@pytest.mark.parametrize("paragraph", [
    "On his visit, Lloyd Austin repeated that partners should “steer clear of any acquisition”.",
    "Austin did, however, call on all partners to “steer clear of any purchase”.",
    "Lloyd Austin spoke next. He went on: “We will not compromise on this.”",
])
def test_more_speech_verbs(paragraph):
    assert [s for _, s in speakers(body(paragraph, published="2021-04-14"))] == ["Lloyd Austin"]


def test_a_straight_mark_glued_to_the_previous_sentence_opens():
    """Scraped pages lose the space between sentences: equipment."The ... still opens a quotation."""
    out = body('The law is narrow."It is meant to move nations away from Russian arms," a spokesperson said.'
               'Talks go on."We are hopeful," said Lavrov.')
    assert [t for t, _ in speakers(out)] == ["It is meant to move nations away from Russian arms,", "We are hopeful,"]


def test_a_document_of_a_body_and_its_voice_later():
    out = body("Observing that “the purchase is one part of a drive,” a Pakistan foreign ministry statement said, "
               "“Pakistan proposed a restraint regime.” According to the release, “India rejected it.”",
               "“Supply of systems was among the outcomes,” it added.")
    assert {s for _, s in speakers(out)} == {"Pakistan Foreign Office"} and len(out) == 4


def test_it_is_nobody_without_an_institution_nearby():
    out = body("“Supply of systems was among the outcomes,” it added.")
    assert speakers(out) == [("Supply of systems was among the outcomes,", "")]


@pytest.mark.parametrize("phrase, speaker", [
    ("Indian External Affairs Ministry", "Ministry of External Affairs (India)"),
    ("the Pakistani foreign ministry", "Pakistan Foreign Office"),
    ("a Pakistan foreign ministry", "Pakistan Foreign Office"),
    ("the India government", "Government of India"),
])
def test_a_body_named_by_its_kind_and_country_takes_the_listed_name(phrase, speaker):
    from helpers.extract.quotes.lexicon import institution_of

    assert institution_of(phrase)[0] == speaker


def test_a_pronoun_prefers_a_person_named_nearby_over_a_speaker_far_back():
    """'he' in the fourth paragraph is the man named in it (Rajnath Singh), not the last male speaker three
    paragraphs back (Lavrov), although Lavrov was a sentence subject and Singh only an object."""
    out = body("“We are ready,” Lavrov said.", "Trade rose in March.", "Trade rose again in April.",
               "Wendy Sherman met Rajnath Singh in Delhi. “It is on track,” he said.", published="2021-06-01")
    assert [s for _, s in speakers(out)] == ["Sergey Lavrov", "Rajnath Singh"]
