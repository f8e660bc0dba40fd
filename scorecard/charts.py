"""Charts at build time: the compiled chart designs and the rows each page gives them.

The designs are drawn with Altair in scorecard/chart_designs.py and compiled
to Vega when they change; builds read the compiled designs from
chart_designs.vega.json, so the browser needs neither Vega-Lite nor its
compiler (about half the time a chart took to appear) and a build imports
neither Altair nor a compiler. assets/chart-designs.js holds the compiled
designs; a page holds its rows as JSON and names its design, and
assets/charts.js puts the two together in the browser, where the Vega library
served from the site draws it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from . import labels
from .text import script_json

COMPILED = Path(__file__).with_name("chart_designs.vega.json")
ROWS = "rows"  # the dataset of a compiled design that a page's rows go into


@functools.cache
def compiled_designs() -> dict[str, dict]:
    """Every design as Vega, by name (chart_designs.vega.json)."""
    stored = json.loads(COMPILED.read_text(encoding="utf-8"))
    return {name: stored[name]["vega"] for name in sorted(stored)}


def designs_script() -> str:
    """assets/chart-designs.js: every design as Vega, keyed by name, for assets/charts.js."""
    return f"window.SCORECARD_CHART_DESIGNS = {script_json(compiled_designs())};\n"


def completion_rows(items: list[tuple[str, float | None, str]]) -> list[dict]:
    """Rows for the completion design from (label, completion, status id) in display order."""
    return [
        {"order": i, "label": label, "completion": None if labels.missing(completion) else float(completion),
         "shown": 0 if labels.missing(completion) else max(float(completion), 0),
         "status": labels.STATUS[status], "colour": labels.STATUS_COLOUR[status],
         "note": f"{labels.percent(completion)} · {labels.STATUS[status]}"}
        for i, (label, completion, status) in enumerate(items)
    ]
