"""Wire-agency credits (helpers.extract.wire): source agency versus cited agency, the agencies list, linear time."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import data_file_swapped
from helpers.extract import wire
from helpers.knowledge import KnowledgeFileError


@pytest.mark.parametrize("text, source, cited", [
    ("NEW DELHI (Reuters) - India said on Monday it would go ahead.", "Reuters", []),
    ("He said the deal is on track. (ANI)\nMore text.", "ANI", []),
    ("The minister spoke at length. (With inputs from PTI)", "PTI", []),
    ("The envoy told PTI that supplies continue.", "PTI", []),
    ("Deliveries continue.\n- Reuters", "Reuters", []),
    ("Russian news agency TASS reported citing a deputy minister.", "", ["TASS"]),
    ("According to Reuters, the payment is stuck.", "", ["Reuters"]),
    ("Xinhua quoted the spokesman as saying so.", "", ["Xinhua"]),
    ("Ani said the AP government and the Reuters building were mentioned.", "", []),
    ("The Sputnik V vaccine is made in India.", "", []),
    ("(ANI) copy of a story that cites news agency PTI reported lines.\n(ANI)", "ANI", ["PTI"]),
])
def test_source_agency_versus_cited(text, source, cited):
    summary = wire.summarise(wire.agency_credits(text))
    assert summary["source_agency"] == source
    assert summary["cited_agencies"].split() == cited


def test_credited_agencies_keeps_its_contract():
    assert wire.credited_agencies("Deliveries continue, he said. (ANI)\n" * 3) == ["ANI"]
    assert wire.credited_agencies("No agency here, only Reuters Street.") == []


def test_bad_agencies_row_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "agencies.csv"
    bad.write_text("agency,aliases,description\nPTI,,x\n", encoding="utf-8")
    with data_file_swapped(monkeypatch, wire, "AGENCIES_FILE", bad, wire._agencies):
        with pytest.raises(KnowledgeFileError, match="agencies.csv line 2"):
            wire.agency_credits("told PTI")


def test_wire_is_linear_on_a_huge_line():
    text = ("The deal was told about by officials in Delhi and Moscow " * 20000) + "(PTI)"
    assert wire.summarise(wire.agency_credits(text))["source_agency"] == "PTI"


_PIECES = sorted(wire._agencies()[1]) + ["ITAR-", "-TASS", "ap", "Ap", "x", "_", "-", " ", "(", ")", ". ", "ſ", "İ",
                                         "company", "Reutersx", "News ", "of India", "Press"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_alias_matches_are_the_regexs_finditer(text):
    """Matching the agency regex only where an alias begins (found by the automaton on the case-folded text) gives
    finditer's matches: aliases inside aliases (Reuters in Thomson Reuters), glued to letters, hyphens or
    underscores, in any case."""
    names = wire._agencies()[0]
    assert [m.span() for m in wire._alias_matches(text)] == [m.span() for m in names.finditer(text)]
