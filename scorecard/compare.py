"""Compute stage, across years: the same period of the previous year, where nothing changed definition.

A year is compared with the year before it at the same period: the province total of each `sum`
indicator at every published period, and each unit's value of each numeric target at the current
period. Nothing is compared across a change of definition: the period must have the same id and
end on the same day of the year in both years; the indicator the same kind, direction, measure and
aggregate; the unit must exist (with a value) in both years. Anything else shows nothing.

The previous year's figures (Figures) come from its Report when it is computed in the same run (or
computed for the purpose from its data folder), or from its published export when it is closed
(export/periods.json and export/results.csv of its snapshot): scorecard/pipeline.py chooses.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pandas as pd

from .model import Report

DEFINITION = ["kind", "direction", "measure", "aggregate"]  # an indicator compares only if all are equal


@dataclass(frozen=True)
class Figures:
    """What comparing with a year needs of it.

    ends        published period id -> "MM-DD" of its end
    indicators  indicator_id and the DEFINITION columns
    totals      indicator_id, period, value_total (every published period)
    values      unit_id, indicator_id, period, value (numeric targets, published periods, NaN where none)
    """

    year: int
    ends: dict[str, str]
    indicators: pd.DataFrame
    totals: pd.DataFrame
    values: pd.DataFrame


@dataclass(frozen=True)
class Comparison:
    """A year beside the previous one at the same period.

    year        the previous year when anything is compared, else None (and `note` says why)
    trends      indicator_id, period, previous: the previous year's province total at that period
    units       unit_id, indicator_id, previous: the unit's value at the current period a year before
    """

    year: int | None
    note: str = ""
    trends: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["indicator_id", "period", "previous"]))
    units: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["unit_id", "indicator_id", "previous"]))


def nothing(note: str) -> Comparison:
    """No comparison, and why (shown to whoever builds, documented in docs/du-lieu.md)."""
    return Comparison(None, note)


def period_ends(periods: pd.DataFrame, upto: int) -> dict[str, str]:
    """The published periods' ends as "MM-DD", by period id."""
    published = periods[periods["index"] <= upto]
    return {p: f"{end.month:02d}-{end.day:02d}" for p, end in zip(published["period_id"], published["end"])}


def figures_of_report(report: Report) -> Figures:
    """A computed year's figures."""
    year = report.year
    numeric = report.lines[report.lines["kind"] != "task"]
    return Figures(
        year=year.year, ends=period_ends(year.periods, year.current_index),
        indicators=year.indicators[["indicator_id", *DEFINITION]].reset_index(drop=True),
        totals=report.trends[["indicator_id", "period", "value_total"]].reset_index(drop=True),
        values=numeric[["unit_id", "indicator_id", "period", "value"]].reset_index(drop=True))


def periods_data(report: Report) -> dict:
    """export/periods.json: the published periods, every indicator's definition, and the province
    totals of each `sum` indicator at each published period (what a later year compares with)."""
    year = report.year
    published = year.periods[year.periods["index"] <= year.current_index]
    return {
        "year": year.year, "period": year.current_period,
        "periods": [{"period_id": p, "name": n, "end": e.isoformat()}
                    for p, n, e in zip(published["period_id"], published["name"], published["end"])],
        "indicators": [{"indicator_id": i.indicator_id, "name": i.name, "kind": i.kind, "direction": i.direction,
                        "measure": i.measure, "aggregate": i.aggregate} for i in year.indicators.itertuples()],
        "totals": [{"indicator_id": t.indicator_id, "period": t.period, "target_total": float(t.target_total),
                    "value_total": float(t.value_total), "difference": float(t.difference),
                    "units_met": int(t.units_met), "units_total": int(t.units_total)}
                   for t in report.trends.itertuples()],
    }


def periods_json(report: Report) -> str:
    return json.dumps(periods_data(report), ensure_ascii=False, indent=1) + "\n"


def figures_from_export(periods_text: str, results_text: str) -> Figures:
    """A published year's figures, from its export/periods.json and export/results.csv."""
    import datetime as dt

    data = json.loads(periods_text)
    ends = {p["period_id"]: dt.date.fromisoformat(p["end"]).strftime("%m-%d") for p in data["periods"]}
    indicators = pd.DataFrame(data["indicators"], columns=["indicator_id", "name", *DEFINITION])
    indicators["measure"] = indicators["measure"].fillna("")
    totals = pd.DataFrame(data["totals"], columns=["indicator_id", "period", "value_total"])
    results = pd.read_csv(io.StringIO(results_text.lstrip("\ufeff")), dtype=str, keep_default_na=False)
    numeric = results[results["indicator_id"].map(dict(zip(indicators["indicator_id"], indicators["kind"])))
                      .fillna("task") != "task"]
    values = pd.DataFrame({"unit_id": numeric["unit_id"], "indicator_id": numeric["indicator_id"],
                           "period": numeric["period"], "value": pd.to_numeric(numeric["value"], errors="coerce")})
    return Figures(year=int(data["year"]), ends=ends, indicators=indicators[["indicator_id", *DEFINITION]],
                   totals=totals, values=values.reset_index(drop=True))


def compare(report: Report, previous: Figures) -> Comparison:
    """This year beside the previous one, where period, indicator and unit mean the same in both."""
    year = report.year
    ends = period_ends(year.periods, year.current_index)
    periods = [p for p, end in ends.items() if previous.ends.get(p) == end]
    if not periods:
        return nothing(f"Không kỳ nào của năm {year.year} trùng mã và ngày kết thúc với một kỳ đã có số liệu "
                       f"của năm {previous.year}.")
    here = year.indicators[["indicator_id", *DEFINITION]]
    same = here.merge(previous.indicators, on=["indicator_id", *DEFINITION])
    same = set(same.loc[same["kind"] != "task", "indicator_id"])
    trends = report.trends[report.trends["indicator_id"].isin(same) & report.trends["period"].isin(periods)]
    trends = trends[["indicator_id", "period"]].merge(
        previous.totals.rename(columns={"value_total": "previous"}), on=["indicator_id", "period"])
    units = pd.DataFrame(columns=["unit_id", "indicator_id", "previous"])
    if year.current_period in periods:
        now = report.lines[(report.lines["period_index"] == year.current_index)
                           & report.lines["indicator_id"].isin(same)][["unit_id", "indicator_id", "period"]]
        units = now.merge(previous.values.rename(columns={"value": "previous"}),
                          on=["unit_id", "indicator_id", "period"])
        units = units[units["previous"].notna()][["unit_id", "indicator_id", "previous"]]
    return Comparison(previous.year, "", trends.reset_index(drop=True), units.reset_index(drop=True))


def change(value, previous, kind: str, measure: str) -> str:
    """The change from the same period a year before, in the page's words: +7,8% for a count or an
    amount (none from zero), +1,2 điểm % for a rate written in percent."""
    from . import labels

    if labels.missing(value) or labels.missing(previous):
        return ""
    if kind == "rate":
        points = value - previous
        unit = " điểm %" if measure.strip() == "%" else ""
        return ("+" if points > 1e-12 else "−" if points < -1e-12 else "±") + labels.number(abs(points)) + unit
    if previous == 0:
        return ""
    share = (value - previous) / previous
    return ("+" if share > 5e-4 else "−" if share < -5e-4 else "±") + labels.percent(abs(share))
