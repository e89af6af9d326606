"""Keep the previous/next links of the numbered notebooks correct.

Each notebook's first and last Markdown cells hold a block between ``<!-- nav -->`` and ``<!-- /nav -->``;
this script rewrites it from the sorted list of ``notebooks/NN_*.ipynb``. Run by ``python3 tasks.py run``,
or by hand: ``python3 tools/nav.py``. Only the block changes; a notebook whose links are right is not rewritten.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

BLOCK = re.compile(r"<!-- nav -->.*?<!-- /nav -->", re.S)


def links(names: list[str], i: int) -> str:
    parts = []
    if i > 0:
        parts.append(f"[← previous: {names[i - 1]}]({names[i - 1]}.ipynb)")
    parts.append("[index: README](../README.md)")
    if i + 1 < len(names):
        parts.append(f"[next: {names[i + 1]} →]({names[i + 1]}.ipynb)")
    return "<!-- nav -->\n" + " · ".join(parts) + "\n<!-- /nav -->"


def update(folder: Path) -> list[Path]:
    """Rewrite the nav blocks in every notebook of ``folder``; return the notebooks changed."""
    paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    names = [p.stem for p in paths]
    changed = []
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        block = links(names, i)
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"])
                if BLOCK.search(source):
                    new = BLOCK.sub(block, source)
                    cell["source"] = new.splitlines(keepends=True)
        new_text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "notebooks"
    for path in update(folder):
        print(f"updated {path.name}")
