"""A research-shaped synthetic corpus, for tests and benchmarks (never for findings).

    python3 tools/synthetic.py 1000 /tmp/corpus1k          # 1,000 articles, seed 400
    python3 tools/synthetic.py 200 /tmp/corpus200 --seed 7

The shape is that of a real study of this story, not of the seeds: 60 outlets with very unequal shares (Zipf-like:
the first outlet writes about a fifth of the articles, the last ones one or two each), publication dates that
peak around the story's events (the deal signed, the Turkey sanctions, the first delivery, the war in Ukraine ...)
over a background from 2016 to 2024, wire copy republished by several outlets within two days (about 8 % of the
articles, each with its own headline and a credit line), some dates known only to the month (3 %), a few
byte-identical duplicates (1 %), and a few manifest rows that must be rejected (0.5 %: no outlet, a listed file
that does not exist) plus one file with no manifest row.

Article texts recombine the seeds' cleaned body paragraphs (400-700 words each), so every extractor has real
sentences to work on. Every manifest row says the article is synthetic. Deterministic for a given N and seed.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = 60
ZIPF = 1.1
WIRE_SHARE = 0.08
MONTH_SHARE = 0.03
DUPLICATE_SHARE = 0.01
REJECTED_SHARE = 0.005
AGENCIES = ("PTI", "ANI", "IANS", "Reuters")
#: News peaks: (day, weight). About 70 % of articles fall within a few weeks of one; the rest spread evenly.
PEAKS = [("2016-10-15", 1.0), ("2018-10-05", 3.0), ("2019-06-15", 1.0), ("2020-12-14", 1.5), ("2021-01-20", 1.0),
         ("2021-11-14", 2.5), ("2022-02-24", 2.0), ("2022-04-11", 1.0), ("2023-03-15", 1.0), ("2023-10-20", 0.5)]
SPAN = (date(2016, 10, 1), date(2024, 6, 30))
HEADER = ["file", "outlet", "published", "date_precision", "url", "title", "language", "notes"]
NOTE = "SYNTHETIC article recombined from seed paragraphs (tools/synthetic.py); not real coverage"


def seed_paragraphs(seeds: Path = ROOT / "seeds") -> list[str]:
    """The seeds' body paragraphs of 15 words or more, cleaned (the loader's own cleaning and structure)."""
    sys.path.insert(0, str(ROOT))
    from helpers.corpus.load import load_corpus
    from helpers.corpus.structure import count_words

    corpus = load_corpus(seeds)
    body = corpus.paragraphs[corpus.paragraphs["kind"] == "body"]
    return [p for p in body["text"] if count_words(p) >= 15]


def outlet_names() -> list[str]:
    return [f"Synthetic Outlet {k:02d}" for k in range(1, OUTLETS + 1)]


def _day(rng: random.Random) -> date:
    if rng.random() < 0.7:
        day, _ = rng.choices(PEAKS, weights=[w for _, w in PEAKS])[0]
        picked = date.fromisoformat(day) + timedelta(days=round(rng.gauss(0, 12)))
    else:
        picked = SPAN[0] + timedelta(days=rng.randrange((SPAN[1] - SPAN[0]).days))
    return min(max(picked, SPAN[0]), SPAN[1])


def _body(rng: random.Random, paragraphs: list[str]) -> str:
    target, chosen, words = rng.randint(400, 700), [], 0
    while words < target:
        paragraph = rng.choice(paragraphs)
        chosen.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(chosen)


def make_corpus(folder: Path, n: int, seed: int = 400, paragraphs: list[str] | None = None) -> dict[str, int]:
    """Write ``n`` articles (plus the duplicates, rejected rows and unlisted file of the shape) and their
    ``articles.csv`` into ``folder`` (created). Returns counts: articles, wire copies, month-precision,
    duplicates, rejected rows, unlisted files."""
    rng = random.Random(seed * 1_000_003 + n)
    paragraphs = paragraphs or seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=False)
    names = outlet_names()
    weights = [1 / (rank ** ZIPF) for rank in range(1, OUTLETS + 1)]
    rows, counts = [], {"articles": 0, "wire": 0, "month": 0, "duplicates": 0, "rejected": 0, "unlisted": 0}

    def add(text: str, outlet: str, day: date, title: str, precision: str = "day") -> str:
        name = f"syn_{len(rows):05d}.txt"
        (folder / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        published = day.isoformat() if precision == "day" else day.isoformat()[:7]
        rows.append({"file": name, "outlet": outlet, "published": published, "date_precision": precision, "url": "",
                     "title": title, "language": "en", "notes": NOTE})
        counts["articles"] += 1
        return name

    while counts["articles"] < n:
        day = _day(rng)
        outlet = rng.choices(names, weights=weights)[0]
        if rng.random() < WIRE_SHARE / 3 and counts["articles"] + 2 <= n:  # one wire story, 2-4 republications
            agency = rng.choice(AGENCIES)
            body = _body(rng, paragraphs) + f"\n\n(With inputs from {agency})"
            for copy in range(min(rng.randint(2, 4), n - counts["articles"])):
                publisher = rng.choices(names, weights=weights)[0]
                add(body, publisher, day + timedelta(days=rng.randrange(3)),
                    f"{publisher.split()[-1]}: {agency} report {counts['articles']} on the S-400 deal")
                counts["wire"] += 1
            continue
        precision = "month" if rng.random() < MONTH_SHARE else "day"
        counts["month"] += precision == "month"
        add(_body(rng, paragraphs), outlet, day, f"Synthetic report {counts['articles']}: India, Russia and the S-400",
            precision)
    for row in rng.sample(rows, max(1, round(DUPLICATE_SHARE * n))):  # byte-identical copy, same outlet
        copy = f"dup_{row['file']}"
        (folder / copy).write_bytes((folder / row["file"]).read_bytes())
        rows.append({**row, "file": copy})
        counts["duplicates"] += 1
    for k in range(max(2, round(REJECTED_SHARE * n))):  # rows that must be rejected, with a reason
        if k % 2 == 0:
            bad = f"bad_{k:03d}.txt"
            (folder / bad).write_text("A report with no outlet\n\n" + _body(rng, paragraphs) + "\n", encoding="utf-8")
            rows.append({"file": bad, "outlet": "", "published": _day(rng).isoformat(), "date_precision": "day",
                         "url": "", "title": "", "language": "en", "notes": NOTE})
        else:
            rows.append({"file": f"missing_{k:03d}.txt", "outlet": rng.choice(names), "published": _day(rng).isoformat(),
                         "date_precision": "day", "url": "", "title": "", "language": "en", "notes": NOTE})
        counts["rejected"] += 1
    (folder / "unlisted_note.txt").write_text("Saved but never listed in the manifest.\n\n" + _body(rng, paragraphs) + "\n",
                                              encoding="utf-8")
    counts["unlisted"] = 1
    with open(folder / "articles.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles (duplicates and rejected rows come on top)")
    parser.add_argument("out", type=Path, help="folder to create")
    parser.add_argument("--seed", type=int, default=400)
    args = parser.parse_args(argv)
    counts = make_corpus(args.out, args.n, args.seed)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
