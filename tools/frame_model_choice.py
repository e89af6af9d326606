"""Choose the frame classifier's regularisation with its thresholds, on the development data only (a dev tool).

    .venv/bin/python tools/frame_model_choice.py [C ...]

For each inverse regularisation strength ``C`` (default: 1 2 4 8 16 32 64), runs
:func:`helpers.annotate.validity.choose_threshold` (leave one article out over the development data) and prints the
pair of thresholds it picks with that ``C`` and its cross-validated precision, recall and F1. The shipped
``helpers.extract.frame_model.C`` is the ``C`` with the highest F1 (ties: the smaller ``C``, the stronger
regularisation); ``THRESHOLD`` and ``VETO`` are then the pair printed for it (a test checks that pair). Takes about
30 s per ``C`` on two cores. Never run on a test set: it reads only what ``choose_threshold`` reads.

Measured 2026-12-05, with fresh pages 7 and 8 in the development data: C = 64, F1 0.8000 (32: 0.7995, 16: 0.7981,
8: 0.7964, 4: 0.7925, 2: 0.7877, 1: 0.7814), adding at 0.75 and vetoing below 0.15 (precision 0.873, recall 0.738).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.annotate.validity import choose_threshold  # noqa: E402 (after the path is set)

DEFAULT = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)


def main(argv: list[str]) -> int:
    values = [float(v) for v in argv] or list(DEFAULT)
    best = None
    print("C,threshold,veto,precision,recall,f1")
    for c in values:
        threshold, veto, scores = choose_threshold(c=c)
        row = scores.set_index(["threshold", "veto"]).loc[(threshold, veto)]
        print(f"{c:g},{threshold:g},{veto:g},{row['precision']:.4f},{row['recall']:.4f},{row['f1']:.4f}", flush=True)
        if best is None or row["f1"] > best[1]:
            best = (c, row["f1"])
    print(f"chosen: C = {best[0]:g}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
