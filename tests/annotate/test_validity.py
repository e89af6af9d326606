"""Validity against the independent frame coding (helpers.annotate.validity): Cohen's kappa against known answers,
scores of each coder from matches, error types, sheet checks, and the real-page test part as a regression floor."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import article, row
from helpers.annotate import validity
from helpers.annotate.validity import (
    coded_part,
    evaluate_frame_coding,
    evaluate_frame_codings,
    frame_agreement,
    frame_coding_errors,
    load_frame_coding,
)
from helpers.corpus.load import load_corpus

HEADER = "file,sentence_id,text,frames,negated,context,noise,notes\n"


def sheet(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(",".join(r) + ",\n" for r in rows), encoding="utf-8")
    return load_frame_coding(path)


def test_kappa_has_known_answers(tmp_path):
    # 10 sentences; coder A marks us_pressure on 0-4, coder B on 0-3 and 5: agreement 8/10;
    # p_e = 0.5*0.5 + 0.5*0.5 = 0.5 -> kappa = (0.8 - 0.5) / 0.5 = 0.6
    a = sheet(tmp_path, "a.csv", [("x.txt", str(i), f"s{i}", "us_pressure" if i < 5 else "", "", "", "") for i in range(10)])
    b = sheet(tmp_path, "b.csv", [("x.txt", str(i), f"s{i}", "us_pressure" if i < 4 or i == 5 else "", "", "", "") for i in range(10)])
    table = frame_agreement(a, b).set_index("coded")
    assert table.loc["us_pressure", "agreement"] == 0.8 and table.loc["us_pressure", "kappa"] == pytest.approx(0.6)
    assert table.loc["us_pressure", ["coder_a", "coder_b"]].tolist() == [5, 5]
    assert pd.isna(table.loc["ukraine_war", "kappa"])  # neither coder marked it
    assert frame_agreement(a, a)["kappa"].dropna().eq(1.0).all()


def test_sheets_are_checked(tmp_path):
    with pytest.raises(ValueError, match="line 2: unknown frame id"):
        sheet(tmp_path, "bad.csv", [("x.txt", "0", "s", "not_a_frame", "", "", "")])
    with pytest.raises(ValueError, match="negated frames must also be in frames"):
        sheet(tmp_path, "bad2.csv", [("x.txt", "0", "s", "", "us_pressure", "", "")])
    a = sheet(tmp_path, "a.csv", [("x.txt", "0", "one text", "", "", "", "")])
    b = sheet(tmp_path, "b.csv", [("x.txt", "0", "another text", "", "", "", "")])
    with pytest.raises(ValueError, match="different sentence texts"):
        frame_agreement(a, b)


BODY = ("Washington warned that the S-400 purchase could invite CAATSA sanctions.\n\n"
        "The measure would hit Indian firms.\n\n"
        "The two navies held a port call.\n")


def test_each_coder_is_scored_from_the_matches(make_corpus, tmp_path):
    corpus = load_corpus(make_corpus({"a.txt": article("Talks", BODY)}, rows=[row("a.txt")]))
    s = corpus.sentences
    rows = [("a.txt", str(i), t, f, "", c, "") for i, t, f, c in zip(
        s["sentence_id"], s["text"], ["", "us_pressure", "us_pressure", "partnership"], ["", "", "previous", ""])]
    coding = sheet(tmp_path, "c.csv", rows)
    matches = pd.DataFrame({"file": ["a.txt"] * 3, "sentence_id": [1, 2, 3], "frame": ["us_pressure", "us_pressure", "china_factor"],
                            "status": ["coded", "context", "classified"]})
    scores = evaluate_frame_coding(coding, corpus, matches).set_index(["coder", "frame"])
    assert scores.loc[("dictionary", "all"), ["gold_positives", "coded", "true_positives"]].tolist() == [3, 2, 2]
    assert scores.loc[("classifier", "all"), ["coded", "true_positives"]].tolist() == [1, 0]
    assert scores.loc[("combined", "all"), "precision"] == pytest.approx(2 / 3, abs=1e-4)
    errors = frame_coding_errors(coding, corpus, matches)
    assert set(zip(errors["frame"], errors["type"])) == {("china_factor", "coded, not in the coding"), ("partnership", "missed")}
    stale = coding.assign(text=coding["text"].str.upper())
    with pytest.raises(ValueError, match="no longer sentences of the corpus"):
        evaluate_frame_coding(stale, corpus, matches)


def test_pooled_scores_sum_the_counts_of_the_parts(make_corpus, tmp_path):
    corpus = load_corpus(make_corpus({"a.txt": article("Talks", BODY)}, rows=[row("a.txt")]))
    s = corpus.sentences
    first = sheet(tmp_path, "a.csv", [("a.txt", str(i), t, f, "", "", "") for i, t, f in zip(
        s["sentence_id"], s["text"], ["", "us_pressure", "us_pressure", ""])])
    second = sheet(tmp_path, "b.csv", [("a.txt", str(i), t, f, "", "", "") for i, t, f in zip(
        s["sentence_id"], s["text"], ["", "us_pressure", "", "partnership"])])
    matches = pd.DataFrame({"file": ["a.txt"] * 2, "sentence_id": [1, 2], "frame": ["us_pressure"] * 2,
                            "status": ["coded", "coded"]})
    # first: 2 coded, 2 right, 2 in the coding; second: 2 coded, 1 right, 2 in the coding
    pooled = evaluate_frame_codings([(first, corpus, matches), (second, corpus, matches)]).set_index(["coder", "frame"])
    assert pooled.loc[("dictionary", "all"), ["gold_positives", "coded", "true_positives"]].tolist() == [4, 4, 3]
    assert pooled.loc[("dictionary", "all"), "precision"] == pytest.approx(0.75)
    single = evaluate_frame_coding(second, corpus, matches).set_index(["coder", "frame"])
    assert single.loc[("dictionary", "partnership"), "recall"] == 0.0
    assert pooled.loc[("dictionary", "partnership"), "gold_positives"] == 1


def test_every_test_set_is_scored_and_pooled():
    """The untouched test sets (fresh pages 9 and 10) as notebook 02 reports them: the pooled counts are the sums of
    the sets', files belong to one set each, and the agreement covers every double-coded sentence (development and
    test sets alike). A floor under the pooled score (measured 0.893 / 0.743)."""
    pooled, errors, agreement, per_set, counts = validity.frame_validity_on_test_sets()
    assert validity.scores_of(counts).equals(pooled)
    assert counts.groupby(["coder", "frame"])["file"].nunique().eq(24).all()
    assert list(dict.fromkeys(per_set["set"])) == list(validity.TEST_SETS)
    totals = per_set[per_set["frame"] == "all"].groupby("coder")[["gold_positives", "coded", "true_positives"]].sum()
    micro = pooled[pooled["frame"] == "all"].set_index("coder")
    assert totals.to_dict("index") == micro.loc[totals.index, ["gold_positives", "coded", "true_positives"]].to_dict("index")
    assert micro.loc["combined", "gold_positives"] == 304
    assert micro.loc["combined", "precision"] >= 0.89 and micro.loc["combined", "recall"] >= 0.74
    files = {name: set(coding["file"]) for name, coding, _ in validity.frame_test_sets()}
    assert sum(map(len, files.values())) == len(set().union(*files.values())) == 24
    assert set(errors["set"]) <= set(validity.TEST_SETS)
    assert agreement.set_index("coded").loc["any frame", "sentences"] == 158 + 225 + 177 + 164 + 171 + 161 + 208 + 175 + 197 + 171 + 183


def test_test_sets_are_not_development_data():
    """No file of a test set is in the development data, and every former test set is."""
    coding, _ = validity.development_sentences()
    development = set(coding["file"])
    for _, test, _ in validity.frame_test_sets():
        assert not set(test["file"]) & development
    for folder in validity.FORMER_TEST_DIRS:
        former = load_frame_coding(folder / "frames" / "coder_a.csv")
        assert set(former.loc[former["noise"] != "yes", "file"]) <= development


@pytest.mark.parametrize("folder, gold, floor, coded, rows", [
    # scored once after fresh pages 7 and 8 moved to the development data (tests/fresh9/SCORES.md, fresh10/SCORES.md)
    (validity.FRESH9_DIR, (161, 161), (0.86, 0.68), 127, 171),
    (validity.FRESH10_DIR, (143, 148), (0.92, 0.81), 126, 183),
])
def test_test_sets_first_score_and_agreement(folder, gold, floor, coded, rows):
    """A test set, coded blind by two coders and scored once: every row is double-coded (the sentence-frames of
    each coder and the rows), and a floor under that first score against coder A."""
    against_a, against_b, agreement = validity.fresh_frame_validity(folder)
    a = against_a[against_a["frame"] == "all"].set_index("coder")
    b = against_b[against_b["frame"] == "all"].set_index("coder")
    assert (a.loc["combined", "gold_positives"], b.loc["combined", "gold_positives"]) == gold
    assert a.loc["combined", "precision"] >= floor[0] and a.loc["combined", "recall"] >= floor[1]
    assert b.loc["combined", "coded"] == a.loc["combined", "coded"] == coded
    assert agreement.set_index("coded").loc["any frame", "sentences"] == rows


@pytest.mark.parametrize("folder, gold, rows", [(validity.FRESH_DIR, 217, 225), (validity.FRESH2_DIR, 183, 177),
                                                (validity.FRESH3_DIR, 156, 164), (validity.FRESH4_DIR, 145, 171),
                                                (validity.FRESH5_DIR, 111, 161), (validity.FRESH6_DIR, 172, 208),
                                                (validity.FRESH7_DIR, 139, 175), (validity.FRESH8_DIR, 168, 197)])
def test_former_test_sets_are_double_coded(folder, gold, rows):
    """The former test sets (scored once each, their SCORES.md; now development data): every row double-coded,
    coder A's sentence-frames as scored then. Their scores now are in-sample and are not reported."""
    against_a, _, agreement = validity.fresh_frame_validity(folder)
    assert against_a.set_index(["coder", "frame"]).loc[("combined", "all"), "gold_positives"] == gold
    assert agreement.set_index("coded").loc["any frame", "sentences"] == rows


def test_real_page_former_test_part():
    """The real pages' former test part (tests/realpages/frames; development data since 2026-12-05): a regression
    floor, not evidence of validity: the classifier is trained on these sentences and, in sample, gives back every
    frame of their coding (recall 1.0), so the only errors left are the frames the dictionary adds."""
    scores, errors, agreement = validity.realpages_frame_validity("test")
    micro = scores[scores["frame"] == "all"].set_index("coder")
    assert micro.loc["combined", "gold_positives"] == 190  # after the codebook revision 2 re-coding (was 201)
    assert micro.loc["classifier", "recall"] >= 0.95  # in sample
    assert micro.loc["combined", "precision"] >= 0.83 and micro.loc["combined", "recall"] >= 0.70
    kinds = errors["error"].value_counts()
    assert kinds.get("false_positive", 0) == micro.loc["combined", "coded"] - micro.loc["combined", "true_positives"]
    assert kinds.get("false_negative", 0) == micro.loc["combined", "gold_positives"] - micro.loc["combined", "true_positives"]
    assert agreement.set_index("coded").loc["any frame", "sentences"] == 158


def test_unseen_set_former_test_part():
    """The unseen set's blind frame coding (tests/unseen/frames; development data since 2026-12-05, first scored
    in tests/unseen/SCORES.md): a regression floor."""
    micro = validity.unseen_frame_validity().set_index(["coder", "frame"])
    assert micro.loc[("combined", "all"), "gold_positives"] == 154  # after the codebook revision 2 re-coding (was 162)
    assert micro.loc[("combined", "all"), "precision"] >= 0.80 and micro.loc[("combined", "all"), "recall"] >= 0.80


def test_parts_do_not_overlap():
    split = pd.read_csv(validity.FRAME_CODING_DIR / "split.csv", dtype=str)
    coding = load_frame_coding(validity.FRAME_CODING_DIR / "coder_a.csv")
    dev, test = coded_part(coding, split, "development"), coded_part(coding, split, "test")
    assert not set(dev["file"]) & set(test["file"]) and len(set(test["file"])) == 12
    assert (dev["noise"] != "yes").all()


def test_real_pages_quotes_speakers_and_dates():
    """Quotations, speakers and dated events on the real-page test set (tests/realpages; benchmarks/realpages.py
    prints the details): a floor under the measured scores, and the breakdown by type covers every gold quote."""
    pages = validity.ROOT / "tests" / "realpages"
    corpus = load_corpus(pages / "articles")
    gold = pd.read_csv(pages / "quotes.csv", dtype=str, keep_default_na=False)
    result = validity.evaluate_quotes(corpus, gold)
    assert result["n_gold"] == 141
    assert result["precision"] >= 0.98 and result["recall"] >= 0.98 and result["speaker_accuracy"] >= 0.92
    by_type = validity.quotes_by_type(corpus, result).set_index(["type", "value"])
    assert by_type.xs("speaker type")["gold"].sum() == by_type.xs("opening mark")["gold"].sum() == 141
    assert by_type.loc[("opening mark", "guillemets «…»"), "recall"] == 1.0
    assert by_type.loc[("speaker type", "institution"), "speaker_accuracy"] >= 0.9
    scores, _ = validity.evaluate_dates(corpus, validity.load_date_gold(pages / "dates.csv"), "realpages")
    assert scores["recall"] >= 0.92 and scores["precision"] >= 0.85 and scores["normalisation"] >= 0.92


def test_frame_sheet_tool_writes_the_sheet_the_coders_filled():
    """tools/frame_sheet.py gives, for the development pages, exactly the rows their coder filled (file,
    sentence_id, text) with the coder's columns empty, so a researcher's own sheet scores the same way."""
    import io
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(validity.ROOT / "tools" / "frame_sheet.py"), str(validity.DEVPAGES_DIR / "articles")],
                         capture_output=True, text=True, check=True).stdout
    sheet = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    coded = pd.read_csv(validity.DEVPAGES_DIR / "frames" / "coder_a.csv", dtype=str, keep_default_na=False)
    assert list(sheet.columns) == list(coded.columns)
    assert sheet[["file", "sentence_id", "text"]].equals(coded[["file", "sentence_id", "text"]])
    assert (sheet[["frames", "negated", "context", "noise", "notes"]] == "").all().all()
    assert len(load_frame_coding(io.StringIO(out))) == 200


def test_the_validity_tables_are_cached_by_what_they_read(tmp_path, monkeypatch):
    """A second call reads the tables back (equal, nothing recomputed); a label edit keeps the key, a term edit
    changes it."""
    from helpers.extract import frames as frames_module

    monkeypatch.setenv("S400_CACHE", str(tmp_path / "cache"))
    first = validity.frame_validity_on_test_sets()
    monkeypatch.setattr(validity, "_frame_scores_on_test_sets", lambda: pytest.fail("computed again"))
    monkeypatch.setattr(validity, "double_coded_agreement", lambda: pytest.fail("computed again"))
    again = validity.frame_validity_on_test_sets()
    assert all(a.equals(b) for a, b in zip(first, again))
    key, agreement_key = validity._validity_key(), validity._agreement_key()
    monkeypatch.setattr(frames_module, "dictionary_digest", lambda: "edited terms")
    assert validity._validity_key() != key
    assert validity._agreement_key() == agreement_key  # the coders never saw the terms
