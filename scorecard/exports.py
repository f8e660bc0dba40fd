"""The contract's exports, rendered as text from the Report: results.csv, summary.json, officials.csv."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math

import pandas as pd

from . import labels
from .cells import plain_numbers, safe_texts
from .model import Report

RESULT_COLUMNS = ["year", "period", "unit_id", "unit_name", "group_id", "indicator_id",
                  "indicator_name", "target", "value", "completion", "status"]
OFFICIAL_COLUMNS = ["year", "official_id", "name", "unit_id", "unit_name", "title", "from", "to",
                    "last_period_in_post", "unit_score", "unit_rating"]


def results_csv(report: Report) -> str:
    """export/results.csv: one row per (unit, target indicator, period up to the current one)."""
    year = report.year
    lines = report.lines.merge(year.units[["unit_id", "name", "group_id"]], on="unit_id")
    lines = lines.merge(year.indicators[["indicator_id", "name"]].rename(columns={"name": "indicator_name"}),
                        on="indicator_id")
    lines = lines.sort_values(["unit_id", "indicator_id", "period_index"], kind="stable")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(RESULT_COLUMNS)
    # Whole columns formatted at once and handed to the C writer: no Python code runs per line.
    writer.writerows(zip(itertools.repeat(year.year), lines["period"], lines["unit_id"], safe_texts(lines["name"]),
                         lines["group_id"], lines["indicator_id"], safe_texts(lines["indicator_name"]),
                         plain_numbers(lines["target"]), plain_numbers(lines["value"]),
                         plain_numbers(lines["completion"]), lines["status"]))
    return "\ufeff" + out.getvalue()


def optional(value):
    """None for a missing value, else the plain Python value (for JSON)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


SIGNIFICANT = 12  # digits a summary.json number keeps: sums of decimals lose their binary noise (140.2, not 140.20000000000005)


def json_number(value, whole: bool = False):
    """A number for summary.json: an int for a count (1740, not 1740.0), else a float rounded to SIGNIFICANT
    digits and written as its shortest form; None when missing."""
    value = optional(value)
    if value is None:
        return None
    if whole:
        return int(round(value))
    return float(f"{float(value):.{SIGNIFICANT}g}")


def summary_data(report: Report) -> dict:
    """The contract's summary: province totals per sum indicator and every unit's result."""
    year = report.year
    kinds = dict(zip(year.indicators["indicator_id"], year.indicators["kind"]))
    indicators = [
        {"indicator_id": r.indicator_id, **{field: json_number(getattr(r, field), kinds[r.indicator_id] == "count")
                                            for field in ("target_total", "value_total", "difference")},
         "units_met": json_number(r.units_met, whole=True), "units_total": int(r.units_total)}
        for r in report.totals.itertuples()
    ]  # the assignment (no current period) has no value_total, difference or units_met: null
    units = [
        {"unit_id": r.unit_id, "group_id": r.group_id, "score": json_number(r.score),
         "rating": optional(r.rating), "rating_computed": optional(r.rating_computed),
         "rank_in_group": optional(r.rank_in_group)}
        for r in report.units.sort_values("unit_id").itertuples()
    ]
    return {"year": year.year, "period": year.current_period, "final": year.is_final,
            "indicators": indicators, "units": units}


def summary_json(report: Report) -> str:
    """export/summary.json as text."""
    return json.dumps(summary_data(report), ensure_ascii=False, indent=1, allow_nan=False) + "\n"  # never Infinity


def officials_csv(report: Report) -> str:
    """export/officials.csv: one row per post of officials.csv, sorted by official_id, from, unit_id."""
    posts = report.officials
    names = posts["unit_id"].map(report.year.units.set_index("unit_id")["name"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(OFFICIAL_COLUMNS)
    writer.writerows(zip(itertools.repeat(report.year.year), posts["official_id"], safe_texts(posts["name"]),
                         posts["unit_id"], safe_texts(names), safe_texts(posts["title"]),
                         posts["from"].dt.strftime("%Y-%m-%d"), posts["to"].dt.strftime("%Y-%m-%d"),
                         posts["last_period_in_post"].fillna(""), plain_numbers(posts["unit_score"]),
                         posts["unit_rating"].fillna("")))
    return "\ufeff" + out.getvalue()


BACKGROUND_LINES = 2_000  # from this many result lines on, the exports are made on another core


def export_files(report: Report) -> dict[str, str | bytes]:
    """The year's export/ folder: results.csv, summary.json, periods.json and results.xlsx (officials.csv)."""
    from .compare import periods_json
    from .spreadsheet import results_xlsx  # imported here: openpyxl is needed only when exporting

    files = {"export/results.csv": results_csv(report), "export/summary.json": summary_json(report),
             "export/periods.json": periods_json(report), "export/results.xlsx": results_xlsx(report)}
    if report.officials is not None:
        files["export/officials.csv"] = officials_csv(report)
    return files


def start_exports(report: Report):
    """export_files() begun in a worker process, for a large year (the workbook alone takes seconds):
    the pages are rendered meanwhile; `.result()` waits for the files."""
    from .worker import Job

    return Job(export_files, report, background=len(report.lines) >= BACKGROUND_LINES)
