"""Stable, meaningful colours: an outlet keeps its colour in every figure of every notebook and across runs, each
side of the story has one fixed colour everywhere, and the palettes are safe for colour-blind readers.

In:  the outlets a notebook names (in ranking order) and, optionally, ``helpers/data/outlet_colours.csv``
     (``outlet, colour``: a researcher's own choices, kept across corpora).  Out: ``{outlet: colour}``.

Sides use the Okabe-Ito palette (Okabe and Ito 2008), outlets Paul Tol's "muted" and "bright" qualitative schemes;
"other outlets" and "unknown" are greys. Colour is never the only channel: outlets are also named on the axis or
in the legend.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.analysis.outlets import OTHER
from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows

OUTLET_COLOURS_FILE = DATA / "outlet_colours.csv"
#: Okabe-Ito: one fixed colour per side (and for the journalist's own voice and unknown speakers).
SIDE_COLOURS = {"India": "#E69F00", "Russia": "#D55E00", "US": "#0072B2", "China": "#CC79A7", "Pakistan": "#009E73",
                "other": "#56B4E9", "unknown": "#BBBBBB", "journalist": "#444444"}
#: Paul Tol's muted scheme, then the bright one: 16 colours told apart with the common colour-vision deficiencies.
OUTLET_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
                  "#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377", "#000000")
OTHER_COLOUR = "#BBBBBB"


def pinned() -> dict[str, str]:
    """The researcher's own outlet colours, from :data:`OUTLET_COLOURS_FILE` (``outlet, colour`` as ``#RRGGBB``);
    empty when the file is absent."""
    return _pinned_from(OUTLET_COLOURS_FILE)


@lru_cache(maxsize=4)
def _pinned_from(path: Path) -> dict[str, str]:
    if not Path(path).is_file():
        return {}
    out = {}
    for line, row in read_rows(path, ("outlet", "colour")):
        colour = row["colour"]
        if len(colour) != 7 or colour[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in colour[1:]):
            raise KnowledgeFileError(f"{Path(path).name} line {line}: colour '{colour}' is not #RRGGBB")
        out[row["outlet"]] = colour
    return out


def outlet_colours(named: list[str]) -> dict[str, str]:
    """A colour for each named outlet and for "other outlets": pinned colours first, then the palette in the
    outlets' alphabetical order (so adding an article does not repaint outlets whose rank moved)."""
    own = pinned()
    free = [c for c in OUTLET_PALETTE if c not in set(own.values())]
    colours = {o: own[o] for o in named if o in own}
    for i, outlet in enumerate(sorted(o for o in named if o not in own)):
        colours[outlet] = free[i % len(free)]
    colours[OTHER] = OTHER_COLOUR
    return colours
