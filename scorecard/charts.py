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


def completion_rows(items: list[tuple[str, float | None, str, str]]) -> list[dict]:
    """Rows for the completion design from (label, completion, status id, status word) in display order;
    the word follows the indicator's rule (scorecard/phrases.py)."""
    return [
        {"order": i, "label": label, "completion": None if labels.missing(completion) else float(completion),
         "shown": 0 if labels.missing(completion) else max(float(completion), 0),
         "status": word, "colour": labels.STATUS_COLOUR[status],
         "note": f"{labels.percent(completion)} · {word}"}
        for i, (label, completion, status, word) in enumerate(items)
    ]


def data_csv(header: list[str], rows: list[list]) -> str:
    """A chart's figures as a CSV that Excel opens as it is on a Vietnamese-locale PC: UTF-8 with a BOM,
    `;` between cells (the list separator where the decimal mark is a comma), numbers with a decimal
    comma and no thousands separator (1804; 104,8), CRLF line ends; text that Excel would run as a
    formula is prefixed with ' as in results.csv."""
    import csv
    import io

    from .cells import safe_text

    def cell(value) -> str:
        if isinstance(value, str):
            return safe_text(value)
        if value is None or value != value:  # None or NaN: an empty cell
            return ""
        value = float(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])  # series in the header are names from the data
    writer.writerows([cell(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


def percent_cell(share) -> float | None:
    """A share (1.048) as the percentage a chart's CSV gives (104.8), rounded as the page shows it."""
    return None if labels.missing(share) else round(float(share) * 100, 1)


def data_table(design: str, rows: list[dict], label: str | None, value: str | None) -> tuple[list, list]:
    """A chart's figures as a table a reader can take into Excel or Word: header and rows, in the
    chart's order; series over periods (progress, trend) as one column per series."""
    if design == "completion":
        with_status = any(row["status"] for row in rows)
        header = [label or "Tên", value or "Mức hoàn thành (%)", *(["Trạng thái"] if with_status else [])]
        return header, [[row["label"], percent_cell(row["completion"]), *([row["status"]] if with_status else [])]
                        for row in sorted(rows, key=lambda row: row["order"])]
    if design == "counts":
        return [label or "Mức", value or "Số lượng"], [[row["label"], row["count"]]
                                                       for row in sorted(rows, key=lambda row: row["order"])]
    measure = "completion" if design == "progress" else "value"
    series = sorted({(row.get("series_order", 0), row["series"]) for row in rows})
    names = [name for _, name in series]
    periods = sorted({(row["order"], row["period"]) for row in rows})
    cells = {(row["period"], row["series"]): row[measure] for row in rows}
    shown = percent_cell if design == "progress" else (lambda number: number)
    header = [label or "Kỳ báo cáo", *[f"{name} (%)" if design == "progress" else name for name in names]]
    return header, [[period, *[shown(cells.get((period, name))) for name in names]] for _, period in periods]
