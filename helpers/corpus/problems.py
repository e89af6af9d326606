"""The problems table: every file or manifest row that could not be used as is, with the reason and the fix.

One row per problem: ``file, severity, problem, fix``. Severity is ``error`` (the article is not analysed),
``warning`` (analysed, but a reader should know) or ``info`` (a repair that was made, e.g. a BOM removed).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

SEVERITIES = ("error", "warning", "info")
COLUMNS = ["file", "severity", "problem", "fix"]


class CorpusError(Exception):
    """Raised only when nothing at all can be loaded (e.g. no manifest); the message says why and what to do."""


@dataclass
class Problems:
    """Collects problems so that all of them are reported at once."""

    rows: list[dict] = field(default_factory=list)

    def add(self, file: str, severity: str, problem: str, fix: str) -> None:
        assert severity in SEVERITIES, severity
        self.rows.append({"file": file, "severity": severity, "problem": problem, "fix": fix})

    def frame(self) -> pd.DataFrame:
        """Problems as a DataFrame, errors first, then by file, in a stable order."""
        frame = pd.DataFrame(self.rows, columns=COLUMNS)
        order = {s: i for i, s in enumerate(SEVERITIES)}
        frame["_s"] = frame["severity"].map(order)
        return (
            frame.sort_values(["_s", "file"], kind="stable").drop(columns="_s").reset_index(drop=True)
        )
