"""Notebooks for readers without Jupyter: an executed notebook rendered as one self-contained HTML page.

In:  an executed notebook (``nbformat`` node).  Out: HTML text (JupyterLab's look, figures embedded, no scripts and
no external resources, so the page works offline and runs nothing).
"""
from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S | re.I)


def notebook_html(nb) -> str:
    """The page for ``nb``: nbconvert's ``lab`` template with images embedded; every ``<script>`` removed (the
    template's MathJax, require.js and widget loaders point to the network and are not needed to read it)."""
    from nbconvert import HTMLExporter  # noqa: PLC0415 (only the run command needs it)

    exporter = HTMLExporter(template_name="lab", embed_images=True, mathjax_url="", require_js_url="", jquery_url="")
    body, _ = exporter.from_notebook_node(nb)
    return _SCRIPT.sub("", body)
