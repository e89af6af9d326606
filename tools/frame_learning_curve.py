"""How the frame coding's cross-validated scores grow with the development data (a dev tool; not a test).

    .venv/bin/python tools/frame_learning_curve.py

The development sentences (:func:`helpers.annotate.validity.development_sentences`: the hand-coded articles, page
noise left out) are split by article into five folds (seed 0). For each share of the other folds' articles (a
quarter, a half, three quarters, all), the classifier (:func:`helpers.extract.frame_model.fit`, the shipped ``C``)
is trained on that share of their sentences and predicts the held-out fold; the combination with the dictionary is
then scored as :func:`helpers.annotate.validity.choose_threshold` scores it (``validity.combination_scores``), and
the best F1 at a precision of at least 0.85 and 0.87 is printed with its thresholds (``validity.best_pair``: with
none that precise, the best F1 overall). Only coded articles are used (not the earlier gold sentences
of the training file), so the shares are shares of articles. About a minute on two cores.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import parallel  # noqa: E402 (after the path is set)
from helpers.annotate import validity  # noqa: E402
from helpers.extract import frame_model  # noqa: E402
from helpers.extract.frames import frame_ids  # noqa: E402

SHARES = (0.25, 0.5, 0.75, 1.0)
FOLDS = 5


def _predict(job: tuple) -> tuple[tuple[str, ...], np.ndarray]:
    train, texts = job
    return frame_model.probabilities(texts, frame_model.fit(train))


def main() -> int:
    coding, dictionary = validity.development_sentences()
    ids = frame_ids()
    truth = [{f for f in value.split("|") if f} for value in coding["frames"]]
    files = coding["file"].to_numpy()
    order = list(np.random.default_rng(0).permutation(sorted(set(files))))
    folds = [set(order[k::FOLDS]) for k in range(FOLDS)]
    print("share,training_articles,classifier_precision,classifier_recall,min_precision,threshold,veto,precision,recall,f1")
    for share in SHARES:
        probability = np.zeros((len(coding), len(ids)))
        jobs, held = [], []
        for fold in folds:
            rest = [a for a in order if a not in fold]
            keep = set(rest[:max(1, round(share * len(rest)))])
            train = tuple((coding["text"].iat[i], frozenset(truth[i])) for i in np.flatnonzero(np.isin(files, list(keep))))
            test = np.flatnonzero(np.isin(files, list(fold)))
            jobs.append((train, [coding["text"].iat[i] for i in test]))
            held.append(test)
        for test, (frames, p) in zip(held, parallel.map_ordered(_predict, jobs, least=2)):
            for j, frame in enumerate(frames):
                probability[test, ids.index(frame)] = p[:, j]
        alone = [{ids[j] for j in np.flatnonzero(p >= frame_model.THRESHOLD)} for p in probability]
        hits = sum(len(a & t) for a, t in zip(alone, truth))
        articles = round(share * len(order) * (FOLDS - 1) / FOLDS)
        scores = validity.combination_scores(truth, dictionary, probability).set_index(["threshold", "veto"])
        for least in (0.85, 0.87):
            pair = validity.best_pair(scores.reset_index(), least)
            row = scores.loc[pair]
            print(f"{share:g},{articles},{hits / max(1, sum(map(len, alone))):.3f},{hits / sum(map(len, truth)):.3f},"
                  f"{least:g},{pair[0]:g},{pair[1]:g},{row['precision']:.3f},{row['recall']:.3f},{row['f1']:.3f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
