"""Claims variance: amount parsing (known answers and properties), claim extraction on fixtures and the seeds."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, data_file_swapped
from helpers.analysis import claims as claim_table
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus
from helpers.extract import claims
from helpers.knowledge import KnowledgeFileError

S000, S001, S002, S004 = "000_5a026168706b12fc.txt", "001_3997130cec943da5.txt", "002_516855880d70a180.txt", "004_0833fe002a5a5444.txt"


@pytest.mark.parametrize("text, currency, amount", [
    ("$5.2 billion", "USD", 5.2e9), ("USD 5 billion", "USD", 5e9), ("$5.43 bln", "USD", 5.43e9),
    ("Rs 40,000 crore", "INR", 4e11), ("Rs. 5,000 crore", "INR", 5e10), ("₹5,000 crore", "INR", 5e10),
    ("INR 1,00,000 crore", "INR", 1e12), ("US$ 5.2-billion", "USD", 5.2e9), ("US$5.2bn", "USD", 5.2e9),
    ("$500 mn", "USD", 5e8), ("$500m", "USD", 5e8), ("USD 30 million", "USD", 3e7), ("Rs 39,000 crore", "INR", 3.9e11),
    ("5 billion dollars", "USD", 5e9), ("40,000 crore rupees", "INR", 4e11), ("Rs 5 lakh", "INR", 5e5),
    ("$1,000,000", "USD", 1e6), ("$ 5.2 billion", "USD", 5.2e9),
])
def test_amounts(text, currency, amount):
    parsed = claims.parse_amount(text)
    assert parsed is not None and parsed.currency == currency and math.isclose(parsed.amount, amount)


def test_rupees_are_converted_at_the_documented_rate_and_other_currencies_are_not():
    assert claims.parse_amount("Rs 40,000 crore").usd_bn == 5.4348  # 73.6 rupees a dollar, October 2018
    assert claims.parse_amount("€4 billion").usd_bn is None
    assert claims.parse_amount("$5.2 billion").usd_bn == 5.2
    assert claims.parse_amount("$5.2 billion").value == "USD 5.2 bn"


@pytest.mark.parametrize("text", ["USD", "5 billion", "$", "Rs", "$5.2.3", "Rs 1,0000", "5.2", "2018", "S-400",
                                  "five billion dollars", "bn 5", "US$ billion", "$5,2"])
def test_non_amounts(text):
    assert claims.parse_amount(text) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=0, max_value=99),
       st.sampled_from(["", " million", " billion", "-billion", " bn", " bln", " crore", " lakh"]),
       st.sampled_from(["$", "US$", "USD ", "Rs ", "₹", "INR "]))
def test_amount_roundtrip(whole, cents, scale, prefix):
    number = f"{whole}.{cents:02d}" if cents else str(whole)
    parsed = claims.parse_amount(f"{prefix}{number}{scale}")
    assert parsed is not None
    factor = claims.SCALES[scale.strip(" -")] if scale else 1.0
    assert math.isclose(parsed.amount, float(number) * factor, rel_tol=1e-12)
    assert parsed.currency == ("INR" if prefix.strip() in ("Rs", "₹", "INR") else "USD")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="$₹€₽"), max_size=60))
def test_no_currency_no_amount(text):
    assume_currency_words = any(w in text.lower() for w in ("dollar", "rupee", "usd", "inr", "rs", "eur", "rub", "roub", "rubl"))
    if not assume_currency_words:
        assert claims.find_amounts(text) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_find_amounts_never_crashes_and_spans_are_in_text(text):
    for start, end, amount in claims.find_amounts(text):
        assert text[start:end] == amount.as_written and amount.amount >= 0


@pytest.mark.parametrize("sentence, expected", [
    ("In October 2018, India signed a USD 5 billion deal with Russia to buy five units of the S-400 air defense missile systems.",
     [("signed", "2018-10"), ("deal_value", "USD 5 bn"), ("units", "5 regiments or squadrons")]),
    ("The $5.2 billion S-400 air defence system deal between India and Russia has become a major cause of consternation.",
     [("deal_value", "USD 5.2 bn")]),
    ("India signed a contract worth $5.43 bln for the S-400 Triumf in 2018.", [("deal_value", "USD 5.43 bn"), ("signed", "2018")]),
    ("The S-400 deal, worth Rs 40,000 crore, was signed in October 2018.", [("deal_value", "INR 400 bn"), ("signed", "2018-10")]),
    ("India has told the US the deal was finalised before CAATSA came into being in 2017.", [("caatsa_enacted", "2017")]),
    ("Washington has warned that the purchase could invite sanctions under CAATSA, a law passed in 2017.", [("caatsa_enacted", "2017")]),
    ("Russia began deliveries of the first regiment of the missile in December.", [("units", "regiment 1"), ("delivery", "in december")]),
    ("Moscow will soon complete the supplies of the third regiment of the S-400 Triumf systems.",
     [("delivery", "soon complete"), ("units", "regiment 3")]),
    ("The supply of S-400 platforms is on track and the first batch is expected in India by the end of 2021.",
     [("delivery", "by the end of 2021")]),
    ("Mutual trade broke a record of USD 30 billion between the two countries in 2022.", []),
    ("The S-400 is a long-range system with a range of 400 km.", []),
    ("Two countries signed five agreements in 2019 on trade.", []),
])
def test_sentence_claims(sentence, expected):
    found = [(c["claim"], c["value"]) for c in claims.sentence_claims(sentence)]
    assert sorted(found) == sorted(expected)


@pytest.fixture(scope="module")
def seed_claims():
    return annotations(load_corpus(ROOT / "seeds")).claims


def test_seed_claims_known_answers(seed_claims):
    got = {(f, c, v) for f, c, v in zip(seed_claims["file"], seed_claims["claim"], seed_claims["value"])}
    assert {(S001, "deal_value", "USD 5.2 bn"), (S002, "deal_value", "USD 5 bn"), (S002, "signed", "2018-10"),
            (S002, "units", "5 regiments or squadrons"), (S001, "caatsa_enacted", "2017"), (S004, "units", "regiment 3"),
            (S000, "delivery", "by the end of 2021")} <= got
    deal = seed_claims[seed_claims["claim"] == "deal_value"]
    assert set(deal["file"]) == {S001, S002}  # the USD 30 billion trade figure in 004 is not the deal
    row = deal[deal["file"] == S002].iloc[0]
    assert row["evidence"].startswith("In October 2018, India signed") and row["as_written"] == "USD 5 billion"


def test_seed_deal_values_agree_at_the_precision_stated(seed_claims):
    dis = claim_table.disagreements(seed_claims).set_index("fact")
    # The Times of India's "USD 5 billion" is ThePrint's "$5.2 billion" rounded to the billion: no disagreement
    assert dis.at["deal_value", "status"] == "agree" and dis.at["deal_value", "outlets"] == 2
    assert "ThePrint: USD 5.2 bn" in dis.at["deal_value", "values"] and "The Times of India: USD 5 bn" in dis.at["deal_value", "values"]
    summary = claim_table.claim_summary(seed_claims).set_index("fact")
    assert summary.at["deal_value", "main_value"] == "USD 5.2 bn (2)" and not summary.at["deal_value", "disagree"]
    assert claim_table.claims_by_outlet(seed_claims).set_index("fact").at["deal_value", "ThePrint"] == "USD 5.2 bn"


def _table(rows):
    import pandas as pd

    out = []
    for outlet, sentence in rows:
        for c in claims.sentence_claims(sentence):
            out.append({"file": f"{outlet}.txt", "outlet": outlet, "published": "2021-01-01", **c, "sentence_id": 0, "evidence": sentence})
    return pd.DataFrame(out, columns=claims.CLAIM_COLUMNS)


def test_amounts_agree_at_the_precision_stated_and_differences_say_by_how_much():
    table = _table([("A", "India bought the S-400 in a $5 billion deal."), ("B", "The $5.43 billion S-400 deal was signed."),
                    ("C", "The S-400 deal, worth Rs 40,000 crore, was signed.")])
    dis = claim_table.disagreements(table).set_index("fact")
    assert dis.at["deal_value", "status"] == "agree" and dis.at["deal_value", "outlets"] == 3  # rupees converted at 73.6
    table = _table([("A", "The $5.2 billion S-400 deal."), ("B", "The $5.43 billion S-400 deal."), ("C", "The $5.43 bn S-400 deal.")])
    dis = claim_table.disagreements(table).set_index("fact")
    assert dis.at["deal_value", "status"] == "differ" and dis.at["deal_value", "differing_outlets"] == "A"
    assert dis.at["deal_value", "largest_difference"] == "0.23 USD bn (4.2%)"


def test_s400_is_a_name_and_kinds_of_quantity_are_never_mixed():
    assert claims.sentence_claims("The S-400 systems will guard the northern border, the S-400s the west.") == []
    found = {c["value"] for c in claims.sentence_claims("India ordered five S-400 squadrons, 40 batteries and 400 missiles.")}
    assert found == {"5 regiments or squadrons", "40 batteries", "400 missiles"}
    table = _table([("A", "India bought five S-400 squadrons."), ("B", "India bought five S-400 units."),
                    ("C", "India bought four S-400 systems.")])
    dis = claim_table.disagreements(table).set_index("fact")
    assert dis.at["units (regiments or squadrons)", "status"] == "agree"  # units and squadrons are one quantity
    assert dis.at["units (systems)", "status"] == "stated by one outlet"  # systems are never compared with squadrons


def test_a_claim_belongs_to_its_subject():
    assert claims.sentence_claims("China signed its own S-400 deal in 2014, worth $3 billion.") == []
    assert claims.sentence_claims("Turkey received the S-400 in 2019 under a $2.5 billion contract.") == []
    mixed = claims.sentence_claims("China signed its S-400 deal in 2014; India signed its $5.43 billion S-400 deal in 2018.")
    assert {(c["claim"], c["value"]) for c in mixed} == {("deal_value", "USD 5.43 bn"), ("signed", "2018")}


def test_statuses_count_outlets():
    table = _table([("A", "India signed the S-400 deal in October 2018."), ("A", "India signed the S-400 deal in 2018."),
                    ("B", "India signed the S-400 deal in 2018.")])
    dis = claim_table.disagreements(table).set_index("fact")
    assert dis.at["signed", "status"] == "agree" and dis.at["signed", "outlets"] == 2
    one = _table([("A", "India signed the S-400 deal in October 2018."), ("A", "India signed the S-400 deal in 2019.")])
    assert claim_table.disagreements(one).set_index("fact").at["signed", "status"] == "stated by one outlet"


def test_bad_claims_row_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "claims.csv"
    bad.write_text("claim,kind,comparable,topic,pattern,description\nunits,count,yes,,(unclosed,x\n", encoding="utf-8")
    with data_file_swapped(monkeypatch, claims, "CLAIMS_FILE", bad, claims.rules):
        with pytest.raises(KnowledgeFileError, match=r"claims.csv line 2 \(units\)"):
            claims.rules()


def test_amount_search_is_linear_on_a_long_line():
    text = "1,2" * 50000 + " $5 billion " + "9" * 100000
    assert [a.value for _, _, a in claims.find_amounts(text)] == ["USD 5 bn"]


def _consensus_by_every_pair(part):
    """The consensus as first defined: every statement tried against every other (quadratic), kept as the
    reference for the vectorised :func:`claim_table._against_consensus`."""
    import numpy as np
    import pandas as pd

    outlets = part["outlet"].to_numpy()
    if part["compare_unit"].iloc[0] == "date":
        starts, ends = pd.to_datetime(part["date_start"]).to_numpy(), pd.to_datetime(part["date_end"]).to_numpy()
        keys = [(len(set(outlets[(starts <= ends[k]) & (ends >= starts[k])])),
                 -(ends[k] - starts[k]).astype("timedelta64[D]").astype(int), -k) for k in range(len(part))]
        best = max(range(len(part)), key=keys.__getitem__)
        agrees = (starts <= ends[best]) & (ends >= starts[best])
        gap = np.maximum((starts - ends[best]).astype("timedelta64[D]").astype(int),
                         (starts[best] - ends).astype("timedelta64[D]").astype(int))
        return agrees, np.where(agrees, 0, np.maximum(gap, 0)).astype(float)
    values, steps = part["compare_value"].to_numpy(dtype=float), part["compare_step"].to_numpy(dtype=float)

    def agree(k, j):
        return abs(values[k] - values[j]) <= max(steps[k], steps[j]) / 2 + 1e-9
    best, best_key = 0, None
    for k in range(len(part)):
        key = (len({outlets[j] for j in range(len(part)) if agree(k, j)}), -steps[k], -values[k])
        if best_key is None or key > best_key:
            best, best_key = k, key
    agrees = np.array([agree(best, j) for j in range(len(part))])
    return agrees, np.where(agrees, 0.0, np.round(values - values[best], 4))


_amounts = st.tuples(st.sampled_from("ABCDE"), st.sampled_from([4.0, 5.0, 5.2, 5.4, 5.43, 5.5, 6.0]),
                     st.sampled_from([0.0, 0.01, 0.1, 1.0]))
_dates = st.tuples(st.sampled_from("ABCDE"), st.sampled_from(["2018", "2018-10", "2018-11", "2019", "2019-01", "2021"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_amounts, min_size=1, max_size=12), st.lists(_dates, min_size=1, max_size=12))
def test_the_consensus_equals_the_every_pair_definition(amounts, dates):
    import numpy as np
    import pandas as pd

    numbers = pd.DataFrame([{"outlet": o, "compare_unit": "USD bn", "compare_value": v, "compare_step": s}
                            for o, v, s in amounts])
    periods = [pd.Period(d, "M" if "-" in d else "Y") for _, d in dates]
    spans = pd.DataFrame([{"outlet": o, "compare_unit": "date", "date_start": p.start_time.strftime("%Y-%m-%d"),
                           "date_end": p.end_time.strftime("%Y-%m-%d")} for (o, _), p in zip(dates, periods)])
    for part in (numbers, spans):
        got, expected = claim_table._against_consensus(part), _consensus_by_every_pair(part)
        assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
