"""The chart designs, drawn with Altair, and their compilation to Vega (a development step).

Each design is a Vega-Lite spec with an empty data slot, built with Altair.
Builds do not run this module: they use the designs compiled to Vega in
chart_designs.vega.json (scorecard/charts.py), so a build needs neither Altair's
import (about half a second) nor a compiler. After changing a design, run

    python -m scorecard.chart_designs --compile

(vl-convert, Altair's own converter, from requirements-dev.txt); a test fails
while the compiled file does not match the designs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys

import altair as alt

from . import labels
from .charts import COMPILED, ROWS

VEGA_LITE_VERSION = "6.4"  # the Vega-Lite that Altair's specs are written for, compiled by vl-convert

FONT = "Helvetica, Arial, sans-serif"  # no web fonts on an offline intranet


def _finish(chart: alt.Chart) -> dict:
    """Common configuration, and the spec as a dict with an empty data slot."""
    chart = (chart.properties(width="container").configure(font=FONT).configure_view(stroke=None)
             .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
             .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    spec = chart.to_dict(validate=True)
    spec.pop("datasets", None)
    spec.pop("$schema", None)  # an outside URL; nothing needs it at run time
    for layer in spec.get("layer", []):
        if layer.get("data") == {"name": "empty"}:  # Altair's placeholder: inherit the page's rows
            del layer["data"]
    spec["data"] = {"values": []}
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


@functools.cache
def design(name: str) -> dict:
    """The Vega-Lite spec of a chart design, built once (data left empty)."""
    return DESIGNS[name]()


# Text of every chart is 12 px: charts are never drawn wider than the printed page
# (assets/site.css), so on paper it stays 9 pt, above the 8 pt a printed chart needs.
FONT_SIZE = 12
STEP = 44  # height of a row of a bar chart: its name on one line, the bar under it
BAR = 18
CHAR_WIDTH = 7.2  # an upper bound of the mean width of a character at FONT_SIZE (Helvetica, Arial, Liberation Sans)
# Where each bar's label goes, decided in pixels as the chart is drawn at its width: inside the bar
# (white) when it fits there or the bar leaves less room after it, else after the bar (dark); either
# way it is cut to the room it has (with "…"), so no label runs off the chart or over another.


def labelled_bars(x: alt.X, tooltip: list, *under) -> alt.LayerChart:
    """Horizontal bars, one a row in the data's `order` (the order the page's caption and table state),
    each row's name written above its bar across the whole width (never squeezed beside it on a
    phone), and its value and status in words (`note`) on the bar, so the colour is never the only cue."""
    y = alt.Y("order:O", axis=None, title=None, sort="ascending")
    bar_px = f"scale('x', datum.{x.shorthand.split(':')[0]})"
    inside = f"({bar_px} - 8 >= length(datum.note) * {CHAR_WIDTH} || {bar_px} > width - {bar_px})"
    base = alt.Chart()
    bars = base.mark_bar(height=BAR, yOffset=BAR / 2).encode(
        y=y, x=x, color=alt.Color("colour:N", scale=None, legend=None), tooltip=tooltip)
    names = base.mark_text(align="left", baseline="bottom", dy=-1, fontSize=FONT_SIZE, color="#212121",
                           limit=alt.ExprRef("width")).encode(y=y, x=alt.value(0), text="label:N").properties(
        name="row_name")  # drawn as <g class="... row_name_marks">: tests read the order drawn from these
    notes = base.mark_text(
        baseline="middle", yOffset=BAR / 2, fontSize=FONT_SIZE,
        align=alt.ExprRef(f"{inside} ? 'right' : 'left'"), dx=alt.ExprRef(f"{inside} ? -4 : 4"),
        color=alt.ExprRef(f"{inside} ? '#ffffff' : '#212121'"),
        limit=alt.ExprRef(f"max(({inside} ? {bar_px} : width - {bar_px}) - 8, 1)"),
    ).encode(y=y, x=x, text="note:N").properties(name="row_note")
    return alt.layer(bars, *under, names, notes).properties(height=alt.Step(STEP))


def completion_bars() -> dict:
    """Completion of each row (a target, a unit, a group), highest first as the page orders it, 100% marked."""
    x = alt.X("shown:Q", title="Mức hoàn thành", axis=alt.Axis(format=".0%"), scale=alt.Scale(domainMin=0))
    tooltip = [alt.Tooltip("label:N", title="Tên"), alt.Tooltip("completion:Q", title="Hoàn thành", format=".1%"),
               alt.Tooltip("status:N", title="Trạng thái")]
    # 100% marked across each bar only, under its label, so that it never crosses a row's name
    full = alt.Chart().mark_tick(orient="vertical", thickness=2, size=BAR + 6, yOffset=BAR / 2, color="#616161").encode(
        y=alt.Y("order:O", axis=None, title=None, sort="ascending"), x=alt.datum(1, type="quantitative"))
    return _finish(labelled_bars(x, tooltip, full))


def progress_lines() -> dict:
    """Completion over the periods of each numeric target, against the expected pace.

    On a narrow chart a period's name is written on two lines (split at the space nearest its middle),
    so that "6 tháng đầu năm" and "9 tháng" do not run into each other on a phone."""
    half = "lastindexof(substring(datum.label, 0, ceil(length(datum.label) / 2) + 1), ' ')"
    split = f"({half} > 0 ? {half} : indexof(datum.label, ' '))"
    two_lines = (f"width < 480 && length(datum.label) > 8 && {split} > 0 ? [substring(datum.label, 0, {split}), "
                 f"substring(datum.label, {split} + 1)] : datum.label")
    base = alt.Chart()
    lines = base.mark_line(point=True).encode(
        x=alt.X("period:N", sort=alt.EncodingSortField("order", op="min"), title="Kỳ báo cáo",
                axis=alt.Axis(labelAngle=0, labelExpr=two_lines, labelLimit=0)),
        y=alt.Y("completion:Q", title="Mức hoàn thành (lũy kế)", axis=alt.Axis(format=".0%")),
        color=alt.Color("series:N", title="Chỉ tiêu",
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=alt.ExprRef("max(width - 40, 60)"))),
        strokeDash=alt.StrokeDash("pace:N", title="Đường", legend=None),
        tooltip=[alt.Tooltip("series:N", title="Chỉ tiêu"), alt.Tooltip("period:N", title="Kỳ"),
                 alt.Tooltip("completion:Q", title="Hoàn thành", format=".1%")],
    )
    return _finish(lines.properties(height=260))


def count_bars() -> dict:
    """How many units (or targets) fall in each category (a rating, a status, a band), in the
    categories' own order, coloured by category; laid out as the completion bars are, so a
    category's long name never collides with its neighbour's on a phone."""
    x = alt.X("count:Q", title="Số lượng", axis=alt.Axis(tickMinStep=1, format="d"), scale=alt.Scale(domainMin=0))
    tooltip = [alt.Tooltip("label:N", title="Mức"), alt.Tooltip("count:Q", title="Số lượng")]
    return _finish(labelled_bars(x, tooltip))


def trend_lines() -> dict:
    """A province total over the year's periods (cumulative), beside the same periods of the previous
    year and the year's target; each series a colour and a dash pattern, named in the legend."""
    encoding = dict(
        x=alt.X("period:N", sort=alt.EncodingSortField("order"), title="Kỳ báo cáo", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="Tổng toàn tỉnh (lũy kế)", axis=alt.Axis(format=",.2~f"),
                scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", sort=alt.EncodingSortField("series_order"), title=None,
                        scale=alt.Scale(range=["#1565c0", "#757575", "#2e7d32"]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        strokeDash=alt.StrokeDash("series:N", sort=alt.EncodingSortField("series_order"), legend=None,
                                  scale=alt.Scale(range=[[1, 0], [6, 3], [2, 2]])),
        tooltip=[alt.Tooltip("series:N", title="Số liệu"), alt.Tooltip("period:N", title="Kỳ"),
                 alt.Tooltip("value:Q", title="Giá trị", format=",.2~f")],
    )
    lines = alt.Chart().mark_line(point=True).encode(**encoding)
    return _finish(lines.properties(height=240))


DESIGNS = {"completion": completion_bars, "progress": progress_lines, "counts": count_bars, "trend": trend_lines}


def design_key(spec: dict) -> str:
    """The hash a compiled design is filed under: its Vega-Lite spec and the compiler's Vega-Lite version."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{VEGA_LITE_VERSION}\0{text}".encode()).hexdigest()


def to_compile(name: str) -> dict:
    """A design's Vega-Lite spec with its data slot named, ready for the compiler."""
    return dict(design(name), data={"name": ROWS})


def compile_designs() -> dict[str, dict]:
    """Every design compiled to Vega by vl-convert, with the key of the Vega-Lite it came from."""
    import vl_convert

    compiled = {}
    for name in sorted(DESIGNS):
        spec = to_compile(name)
        vega = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
        vega.pop("$schema", None)  # an outside address; nothing needs it at run time
        compiled[name] = {"vega_lite_key": design_key(spec), "vega": vega}
    return compiled



def write_compiled() -> None:
    """Compile every design and store the result (COMPILED), which builds read."""
    COMPILED.write_text(json.dumps(compile_designs(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")


if __name__ == "__main__":  # python -m scorecard.chart_designs --compile
    if sys.argv[1:] != ["--compile"]:
        sys.exit("usage: python -m scorecard.chart_designs --compile")
    write_compiled()
    print(f"wrote {COMPILED}")
