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
    chart = chart.properties(width="container").configure(font=FONT).configure_view(stroke=None)
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


def completion_bars() -> dict:
    """Horizontal bars: completion of each row (a target, a unit, a group), 100% marked.

    Each bar is labelled with its completion and status in words, so the colour
    (taken from the row) is never the only cue.
    """
    encoding = dict(
        y=alt.Y("label:N", sort=alt.EncodingSortField("order"), title=None,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("shown:Q", title="Mức hoàn thành", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domainMin=0)),
        tooltip=[alt.Tooltip("label:N", title="Tên"), alt.Tooltip("completion:Q", title="Hoàn thành", format=".1%"),
                 alt.Tooltip("status:N", title="Trạng thái")],
    )
    bars = alt.Chart().mark_bar().encode(color=alt.Color("colour:N", scale=None, legend=None), **encoding)
    # Labels sit inside long bars (white) and after short ones (dark), so none runs off the chart.
    long_bar = "datum.shown >= max(datum.top, 1) * 0.6"
    labelled = alt.Chart().transform_joinaggregate(top="max(shown)")
    inside = labelled.transform_filter(long_bar).mark_text(align="right", dx=-4, color="#ffffff").encode(
        text="note:N", **encoding)
    after = labelled.transform_filter(f"!({long_bar})").mark_text(align="left", dx=4, color="#212121").encode(
        text="note:N", **encoding)
    rule = alt.Chart(alt.Data(values=[{"one": 1}])).mark_rule(strokeDash=[4, 3], color="#212121").encode(x="one:Q")
    return _finish(alt.layer(bars, inside, after, rule).properties(height=alt.Step(24)))


def progress_lines() -> dict:
    """Completion over the periods of each numeric target, against the expected pace."""
    base = alt.Chart()
    lines = base.mark_line(point=True).encode(
        x=alt.X("period:N", sort=alt.EncodingSortField("order"), title="Kỳ báo cáo",
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("completion:Q", title="Mức hoàn thành (lũy kế)", axis=alt.Axis(format=".0%")),
        color=alt.Color("series:N", title="Chỉ tiêu", legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        strokeDash=alt.StrokeDash("pace:N", title="Đường", legend=None),
        tooltip=[alt.Tooltip("series:N", title="Chỉ tiêu"), alt.Tooltip("period:N", title="Kỳ"),
                 alt.Tooltip("completion:Q", title="Hoàn thành", format=".1%")],
    )
    return _finish(lines.properties(height=260))


def count_bars() -> dict:
    """Vertical bars: how many units (or targets) fall in each category, coloured by it."""
    base = alt.Chart()
    bars = base.mark_bar().encode(
        x=alt.X("label:N", sort=alt.EncodingSortField("order"), title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y("count:Q", title="Số lượng", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("colour:N", scale=None, legend=None),
        tooltip=[alt.Tooltip("label:N", title="Mức"), alt.Tooltip("count:Q", title="Số lượng")],
    )
    return _finish(bars.properties(height=220))


DESIGNS = {"completion": completion_bars, "progress": progress_lines, "counts": count_bars}


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



if __name__ == "__main__":  # python -m scorecard.chart_designs --compile
    if sys.argv[1:] != ["--compile"]:
        sys.exit("usage: python -m scorecard.chart_designs --compile")
    COMPILED.write_text(json.dumps(compile_designs(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {COMPILED}")
