"""Render stage, trends and comparisons: each `sum` indicator's province total at every published
period (a table and a chart on its page, a table on the summary), and the same period of the
previous year beside this year's figures where scorecard/compare.py found it comparable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import labels
from .compare import change

if TYPE_CHECKING:
    from .render import YearViews


class TrendViews:
    """The year's trends and its comparison with the previous year, as formatted pieces."""

    def __init__(self, views: "YearViews"):
        report = views.report
        self.views = views
        self.year = views.year
        self.by_indicator: dict[str, list[dict]] = {}
        trends = report.trends if report.trends is not None else None
        for row in ([] if trends is None else trends.to_dict("records")):
            self.by_indicator.setdefault(row["indicator_id"], []).append(row)
        comparison = report.comparison
        self.previous_year = None if comparison is None else comparison.year
        self.totals = {} if self.previous_year is None else {
            (r["indicator_id"], r["period"]): r["previous"] for r in comparison.trends.to_dict("records")}
        self.units = {} if self.previous_year is None else {
            (r["unit_id"], r["indicator_id"]): r["previous"] for r in comparison.units.to_dict("records")}

    def number(self, indicator_id: str, value) -> str:
        ind = self.views.indicators[indicator_id]
        return labels.measure_number(value, ind["kind"], ind["measure"])

    def headline(self, indicator_id: str) -> str:
        """ "9 tháng 2022: 1.520; cùng kỳ 2021: 1.410, +7,8%", or "" where nothing compares."""
        period = self.year.current_period
        previous = self.totals.get((indicator_id, period))
        if previous is None:
            return ""
        now = next(r for r in self.by_indicator[indicator_id] if r["period"] == period)
        ind = self.views.indicators[indicator_id]
        moved = change(now["value_total"], previous, ind["kind"], ind["measure"])
        return (f"{self.views.period_names[period]} {self.year.year}: {self.number(indicator_id, now['value_total'])}; "
                f"cùng kỳ {self.previous_year}: {self.number(indicator_id, previous)}" + (f", {moved}" if moved else ""))

    def indicator(self, indicator_id: str) -> dict | None:
        """An indicator page's trend: the province total at each period, a table and a chart."""
        rows = self.by_indicator.get(indicator_id)
        if not rows:
            return None
        ind = self.views.indicators[indicator_id]
        table = []
        compared = any((indicator_id, r["period"]) in self.totals for r in rows)
        for r in rows:
            previous = self.totals.get((indicator_id, r["period"]))
            table.append({
                "period": self.views.period_names[r["period"]], "period_sort": str(r["period_index"]),
                "value": self.number(indicator_id, r["value_total"]), "value_sort": labels.sort_value(r["value_total"]),
                "share": labels.percent(r["value_total"] / r["target_total"]) if r["target_total"] else "–",
                "share_sort": labels.sort_value(r["value_total"] / r["target_total"]) if r["target_total"] else "",
                "met": f"{at_pace(r)}/{r['units_total']}", "met_sort": str(at_pace(r)),
                "previous": self.number(indicator_id, previous), "previous_sort": labels.sort_value(previous),
                "change": change(r["value_total"], previous, ind["kind"], ind["measure"]) or "–",
            })
        target = rows[-1]["target_total"]
        return {"rows": table, "compared": compared, "previous_year": self.previous_year,
                "target": self.number(indicator_id, target), "chart": self.chart(indicator_id, rows, target)}

    def chart(self, indicator_id: str, rows: list[dict], target) -> dict:
        """The trend chart: this year's cumulative total, the previous year's at the same periods, the target."""
        views = self.views
        ind = views.indicators[indicator_id]
        this_year = f"Năm {self.year.year}"
        points = [{"order": r["period_index"], "period": views.period_names[r["period"]], "series": this_year,
                   "series_order": 0, "value": float(r["value_total"])} for r in rows]
        before = [r for r in rows if (indicator_id, r["period"]) in self.totals]
        last_year = f"Năm {self.previous_year}, cùng kỳ"
        points += [{"order": r["period_index"], "period": views.period_names[r["period"]], "series": last_year,
                    "series_order": 1, "value": float(self.totals[(indicator_id, r["period"])])} for r in before]
        points += [{"order": r["period_index"], "period": views.period_names[r["period"]],
                    "series": "Chỉ tiêu giao cả năm", "series_order": 2, "value": float(target)} for r in rows]
        described = "; ".join(f"{views.period_names[r['period']]} {self.number(indicator_id, r['value_total'])}"
                              for r in rows)
        description = f"Tổng toàn tỉnh lũy kế qua các kỳ năm {self.year.year}: {described}"
        if before:
            description += f"; cùng kỳ năm {self.previous_year}: " + "; ".join(
                f"{views.period_names[r['period']]} {self.number(indicator_id, self.totals[(indicator_id, r['period'])])}"
                for r in before)
        description += f". Chỉ tiêu giao cả năm: {self.number(indicator_id, target)}"
        description += f" {ind['measure']}." if ind["measure"] and ind["measure"].strip() != "%" else "."
        return views.chart("chart-trend", "trend", points, description)

    def summary(self) -> dict:
        """The summary's table of every `sum` indicator's total at each period, with the same period a year before."""
        views = self.views
        rows = []
        for indicator_id in sorted(self.by_indicator, key=lambda i: list(views.totals).index(i)):
            trend = self.by_indicator[indicator_id]
            now = trend[-1]
            previous = self.totals.get((indicator_id, self.year.current_period))
            ind = views.indicators[indicator_id]
            rows.append({
                "link": views.indicator_link(indicator_id, ""), "measure": ind["measure"],
                "cells": [{"text": self.number(indicator_id, r["value_total"]),
                           "sort": labels.sort_value(r["value_total"])} for r in trend],
                "target": self.number(indicator_id, now["target_total"]), "target_sort": labels.sort_value(now["target_total"]),
                "previous": self.number(indicator_id, previous), "previous_sort": labels.sort_value(previous),
                "change": change(now["value_total"], previous, ind["kind"], ind["measure"]) or "–",
            })
        compared = any((i, self.year.current_period) in self.totals for i in self.by_indicator)
        return {"rows": rows, "compared": compared, "previous_year": self.previous_year}

    def unit_row(self, unit_id: str, indicator_id: str, value) -> dict:
        """A unit's value now beside the same period a year before (empty where not comparable)."""
        previous = self.units.get((unit_id, indicator_id))
        ind = self.views.indicators[indicator_id]
        return {"previous": self.number(indicator_id, previous), "previous_sort": labels.sort_value(previous),
                "change": change(value, previous, ind["kind"], ind["measure"]) or "–",
                "compared": previous is not None}


def at_pace(total: dict) -> int:
    """The units of a province total that met the target (at the last period) or, during the year, are at or
    ahead of the pace, those that already reached the year's target included: a lower-is-better target is never
    "met" before the year ends, so counting only those read "0/2" for units right on course."""
    return int(total["units_met"]) + int(total["units_on_track"])
