"""The data model passed between stages: a validated Year, and the computed Report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .problems import Problem


@dataclass(frozen=True)
class RatingRules:
    """How ratings are computed at the final period (year.yml `rating:`)."""

    method: str = "targets"  # targets | points | qd366
    quota: float | None = None
    exceeded_share: float = 0.5  # qd366's default is 0.3: validation fills in the method's defaults (schema.py)
    met_weight_share: float = 0.7
    late_share: float = 0.2
    points_xuat_sac: float = 90
    points_tot: float = 70
    points_hoan_thanh: float = 50


@dataclass(frozen=True)
class Year:
    """One year's input after validation: typed tables that follow the contract.

    Frames (one row per record, ids as str, numbers as float, NaN where empty):
    periods     period_id, name, end, index, elapsed
    groups      group_id, name, order
    units       unit_id, name, group_id, parent_id, head, order
    indicators  indicator_id, name, kind, measure, direction, category, aggregate
    targets     unit_id, indicator_id, target, weight, due, due_index, product, note
    results     unit_id, indicator_id, period, period_index, value, status, evidence, note
    decided     unit_id, rating, reason
    officials   official_id, name, unit_id, title, from, to (Timestamps, defaults filled in), row;
                None when the year has no officials.csv
    """

    year: int
    title: str
    organisation: str
    sample: bool
    current_period: str | None  # None: no result yet, the year is published as the assignment (giao chỉ tiêu)
    rating: RatingRules
    periods: pd.DataFrame
    groups: pd.DataFrame
    units: pd.DataFrame
    indicators: pd.DataFrame
    targets: pd.DataFrame
    results: pd.DataFrame
    decided: pd.DataFrame
    data_date: dt.date  # the end of the current period (1 January for the assignment): the date the data speaks for
    updated: dt.date  # when the data was last changed (year.yml `updated`, or the files' dates)
    warnings: tuple[Problem, ...] = ()
    officials: pd.DataFrame | None = None
    files: dict[str, str] = field(default_factory=dict)  # table name -> its file as messages name it (2021/results.xlsx)

    def file(self, table: str) -> str:
        """The file a table was read from, as messages name it."""
        return self.files.get(table, f"{self.year}/{table}.csv")

    @cached_property
    def final_period(self) -> str:
        return self.periods["period_id"].iloc[-1]

    @cached_property
    def current_index(self) -> int:
        """The current period's index; -1 for the assignment, so that "periods up to the current one" is none."""
        return -1 if self.current_period is None else self.period_index[self.current_period]

    @cached_property
    def period_index(self) -> dict[str, int]:
        return dict(zip(self.periods["period_id"], self.periods["index"]))

    @cached_property
    def period_names(self) -> dict[str, str]:
        return dict(zip(self.periods["period_id"], self.periods["name"]))

    @property
    def is_final(self) -> bool:
        return self.current_period == self.final_period

    @property
    def is_assignment(self) -> bool:
        """No result yet: the year shows the targets and tasks assigned, nothing computed from results."""
        return self.current_period is None

    def period_name(self, period_id: str) -> str:
        return self.period_names[period_id]


@dataclass(frozen=True)
class Report:
    """Everything pages and exports show, already computed (templates never compute).

    lines       one row per (unit, target indicator, period up to the current one):
                unit_id, indicator_id, period, period_index, target, value, rolled_up,
                completion, status, met, exceeded, late (a task first done after its due
                period), done_ahead, done_late, weight, evidence, note
    units       one row per unit: unit_id, name, group_id, parent_id, head, score,
                points, rating_computed, rating_basis (the condition that decided the
                computed rating: compute.py lists the codes), quota_allowed, rating,
                decided, reason (the committee's), leader_condition (qd366: the unit
                meets what its leader's "xuất sắc" needs), rank_in_group, targets,
                targets_met, targets_exceeded, targets_late, weight_total, weight_met
    totals      one row per sum indicator with a target: indicator_id, target_total,
                value_total, difference, units_met, units_total, and the total judged as a
                line is (completion, status, elapsed) with units_on_track (not exported)
    scores      one row per (unit, period): unit_id, period, score
    bulletins   the year's bulletins with their figures filled in, newest first (scorecard/bulletins.py)
    officials   one row per post of officials.csv, sorted by official_id, from, unit_id: official_id,
                name, unit_id, title, from, to, row, last_period_index, last_period_in_post,
                unit_score, unit_rating; None when the year has no officials.csv
    tenures     one row per (post, period up to the current one at which it is held): row (the post's
                row in officials.csv), period, period_index, unit_id, score, targets, targets_met
    trends      the totals' columns at every published period: indicator_id, target_total, value_total,
                difference, units_met, units_total, period, period_index
    comparison  the same period of the previous year (scorecard/compare.py), None when not looked up
    """

    year: Year
    lines: pd.DataFrame
    units: pd.DataFrame
    totals: pd.DataFrame
    scores: pd.DataFrame
    warnings: tuple[Problem, ...] = field(default=())
    bulletins: tuple = field(default=())
    officials: pd.DataFrame | None = None
    tenures: pd.DataFrame | None = None
    trends: pd.DataFrame | None = None
    comparison: object | None = None
