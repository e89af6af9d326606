"""Benchmark (not a test): out-of-sample scores on the held-out set in tests/heldout/.

Run from the repository root:  .venv/bin/python benchmarks/heldout.py

The eight articles in tests/heldout/articles/ and their annotations (quotes.csv, dates.csv, frames.csv) were
written after the extractors had been developed, by the annotation rules in tests/gold/*/RULES.md, without
looking at helpers/ or at extractor output. The scores here are therefore an out-of-sample measurement, unlike
the scores on tests/gold/, which the extractors were developed against.

Reports, with the project's own evaluation functions:
  quotes  helpers.annotate.validity.evaluate_quotes(corpus, gold)   precision, recall, speaker accuracy, mismatches
  dates   helpers.annotate.validity.evaluate_dates(corpus, gold)    recall, precision, normalisation, missed / false / wrong dates
  frames  helpers.annotate.validity.evaluate_frames(gold)           per-frame precision / recall, plus per-sentence FP / FN
          (the latter from helpers.extract.frames.code_text on each gold sentence); scored with and without the
          context-dependent (R4) rows.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.annotate import validity  # noqa: E402
from helpers.corpus.load import load_corpus  # noqa: E402
from helpers.extract import frames  # noqa: E402

HELD = ROOT / "tests" / "heldout"
pd.set_option("display.width", 250)
pd.set_option("display.max_colwidth", 110)
pd.set_option("display.max_rows", 500)
pd.set_option("display.max_columns", 30)


def section(title: str) -> None:
    print("\n" + "=" * 100 + f"\n{title}\n" + "=" * 100)


def run_quotes(corpus) -> dict:
    section("QUOTES  (helpers.annotate.validity.evaluate_quotes)")
    gold = pd.read_csv(HELD / "quotes.csv", dtype=str, keep_default_na=False)
    result = validity.evaluate_quotes(corpus, gold)
    for key in ("n_gold", "n_pred", "n_matched", "precision", "recall", "speaker_accuracy"):
        if key in result:
            value = result[key]
            print(f"{key:>18}: {value:.3f}" if isinstance(value, float) else f"{key:>18}: {value}")
    mismatches = result.get("mismatches")
    if mismatches is not None and len(mismatches):
        print(f"\nmismatches ({len(mismatches)}):")
        print(mismatches.to_string(index=False))
        if "problem" in mismatches:
            print("\nmismatches by problem:")
            print(mismatches["problem"].value_counts().to_string())
    return result


def run_dates(corpus) -> dict:
    section("DATES  (helpers.annotate.validity.evaluate_dates)")
    gold = validity.load_date_gold(HELD / "dates.csv")
    try:
        result, matched = validity.evaluate_dates(corpus, gold)
    except TypeError:
        result, matched = validity.evaluate_dates(corpus, gold, "heldout")
    for key, value in result.items():
        print(f"{key:>15}: {value:.3f}" if isinstance(value, float) else f"{key:>15}: {value}")
    if "matched" in matched:
        wanted = [c for c in matched.columns if c not in ("sentence", "notes")]
        missed = matched[~matched["matched"].astype(bool)]
        print(f"\nunmatched rows ({len(missed)}): missed gold expressions and false extractions")
        if len(missed):
            print(missed[wanted].to_string(index=False))
        if "normalised" in matched:
            wrong = matched[matched["matched"].astype(bool) & ~matched["normalised"].astype(bool)]
            print(f"\nmatched but wrongly normalised ({len(wrong)}):")
            if len(wrong):
                print(wrong[wanted].to_string(index=False))
    else:
        print(matched.to_string(index=False))
    return result


def frame_errors(gold: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, row in gold.iterrows():
        truth = {f for f in str(row["frames"]).split("|") if f}
        found = {f for f, _ in frames.code_text(row["text"])}
        for frame in sorted(found - truth):
            rows.append({"error": "FP", "frame": frame, "file": row["file"], "sid": row["sentence_id"],
                         "R4": "R4" in str(row.get("notes", "")), "text": row["text"]})
        for frame in sorted(truth - found):
            rows.append({"error": "FN", "frame": frame, "file": row["file"], "sid": row["sentence_id"],
                         "R4": "R4" in str(row.get("notes", "")), "text": row["text"]})
    return pd.DataFrame(rows, columns=["error", "frame", "file", "sid", "R4", "text"])


def run_frames() -> pd.DataFrame:
    section("FRAMES  (helpers.annotate.validity.evaluate_frames)")
    gold = validity.load_frame_gold(HELD / "frames.csv")
    table = validity.evaluate_frames(gold)
    print("all rows:")
    print(table.to_string(index=False))
    if "notes" in gold:
        no_r4 = gold[~gold["notes"].fillna("").str.contains("R4")]
        print(f"\nwithout the {len(gold) - len(no_r4)} context-dependent (R4) rows:")
        print(validity.evaluate_frames(no_r4.reset_index(drop=True)).to_string(index=False))
    errors = frame_errors(gold)
    print(f"\nper-sentence errors ({len(errors)}; FP = coded but not gold, FN = gold but not coded):")
    if len(errors):
        print(errors.sort_values(["frame", "error", "file", "sid"]).to_string(index=False))
        print("\nerrors by frame and type:")
        print(errors.groupby(["frame", "error"]).size().unstack(fill_value=0).to_string())
    return table


def main() -> None:
    corpus = load_corpus(HELD / "articles")
    print(f"held-out corpus: {len(corpus.sentences['file'].unique())} articles, {len(corpus.sentences)} sentences")
    run_quotes(corpus)
    run_dates(corpus)
    run_frames()


if __name__ == "__main__":
    main()
