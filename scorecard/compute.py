"""Compute stage: values, roll-ups, completion, status, scores, ratings, ranks, totals.

Pure functions of the validated Year, vectorised with pandas; each rule of the
contract's "Computation" section is one function below, in the contract's order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import RatingRules, Report, Year
from .problems import Problem

SCORE_CAP = 1.2  # a target counts at most 120% in a score
EPSILON = 1e-9  # decimal inputs make binary fractions: compare completion with a tolerance
MET = ("met", "exceeded", "done")


def compute_report(year: Year) -> Report:
    """Everything the pages and exports show, computed from the validated year."""
    values, warnings = unit_values(year)
    lines = target_lines(year, values)
    lines["completion"] = completion(lines)
    lines["status"] = status(lines, year)
    lines["met"] = lines["status"].isin(MET)
    lines["exceeded"] = (lines["status"] == "exceeded") | (lines["done_ahead"] & (lines["status"] == "done"))
    lines["late"] = lines["done_late"] & (lines["status"] == "done")
    scores = unit_scores(year, lines)
    units = unit_table(year, lines, scores)
    totals = province_totals(year, lines)
    trends = province_trends(year, lines)
    officials = tenures = None
    if year.officials is not None:
        held = post_periods(year)
        officials = official_posts(year, held, scores, units)
        tenures = tenure_results(year, held, lines, scores)
    return Report(year=year, lines=lines, units=units, totals=totals, scores=scores,
                  warnings=tuple(year.warnings) + tuple(warnings), officials=officials, tenures=tenures,
                  trends=trends)


# --- values and roll-ups ----------------------------------------------------------

def unit_depths(units: pd.DataFrame) -> pd.Series:
    """Depth of each unit in the hierarchy (0 for a top-level unit); validation ruled out cycles."""
    parent = units.set_index("unit_id")["parent_id"]
    depth = pd.Series(0, index=parent.index)
    current = parent.copy()
    while current.notna().any():
        depth[current.notna()] += 1
        current = current.map(parent).where(current.notna())
    return depth


def unit_values(year: Year) -> tuple[pd.DataFrame, list[Problem]]:
    """Each unit's value per (indicator, period): its own, or for `sum` indicators its children's sum.

    Returns a frame unit_id, indicator_id, period_index, value, rolled_up, and the
    warnings for units whose own value is below their children's sum.
    """
    numeric = year.results[year.results["value"].notna()]
    own = numeric[["unit_id", "indicator_id", "period_index", "value", "row"]].assign(rolled_up=False)
    sum_indicators = set(year.indicators.loc[year.indicators["aggregate"] == "sum", "indicator_id"])
    depth = unit_depths(year.units)
    parent = year.units.set_index("unit_id")["parent_id"]
    keys = ["unit_id", "indicator_id", "period_index"]
    values = own.drop(columns="row")
    warnings = []
    for level in range(int(depth.max()), 0, -1):
        children = values[values["unit_id"].map(depth).eq(level) & values["indicator_id"].isin(sum_indicators)]
        if children.empty:
            continue
        sums = (children.assign(unit_id=children["unit_id"].map(parent))
                .groupby(keys, as_index=False)["value"].sum())
        merged = sums.merge(values[keys + ["value"]], on=keys, how="left", suffixes=("", "_own"))
        has_own = merged["value_own"].notna()
        above = merged[has_own & (merged["value"] > merged["value_own"] + EPSILON)]
        warnings += children_above_warnings(year, above.merge(own[keys + ["row"]], on=keys, how="left"))
        rolled = merged.loc[~has_own, keys + ["value"]].assign(rolled_up=True)
        values = pd.concat([values, rolled], ignore_index=True)
    return values, warnings


def children_above_warnings(year: Year, above: pd.DataFrame) -> list[Problem]:
    """Warn where a unit's own value is below the sum of its children's values."""
    periods = year.periods["period_id"]
    return [
        Problem(year.file("results"), None if pd.isna(row) else int(row), "value", f"{own:g}",
                f"Giá trị của {unit} ({indicator}, kỳ {periods.iloc[p]}) nhỏ hơn tổng các đơn vị trực thuộc ({total:g}).",
                "The unit's own value is below the sum of its sub-units' values.",
                "Kiểm tra lại số liệu của đơn vị hoặc các đơn vị trực thuộc.",
                "Check the unit's figure and its sub-units'.", warning=True)
        for unit, indicator, p, total, own, row in zip(
            above["unit_id"], above["indicator_id"], above["period_index"],
            above["value"], above["value_own"], above["row"])
    ]


def target_lines(year: Year, values: pd.DataFrame) -> pd.DataFrame:
    """One row per (unit, target, period up to the current one) with its value or task report."""
    periods = year.periods[year.periods["index"] <= year.current_index]
    grid = year.targets.merge(
        periods[["period_id", "index", "elapsed"]].rename(columns={"period_id": "period", "index": "period_index"}),
        how="cross")
    grid = grid.merge(year.indicators[["indicator_id", "kind", "direction", "aggregate"]], on="indicator_id")
    keys = ["unit_id", "indicator_id", "period_index"]
    grid = grid.merge(values, on=keys, how="left")
    grid["rolled_up"] = grid["rolled_up"].fillna(False).astype(bool)
    reports = year.results[keys + ["status", "evidence", "note"]].rename(columns={"note": "result_note"})
    grid = grid.merge(reports, on=keys, how="left")
    grid["final"] = grid["period_index"] == len(year.periods) - 1
    grid["done_ahead"], grid["done_late"] = task_done_ahead_or_late(year, grid)
    for column in ("evidence", "result_note"):
        grid[column] = grid[column].fillna("")
    return grid.sort_values(keys, kind="stable").reset_index(drop=True)


def task_done_ahead_or_late(year: Year, grid: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Tasks first reported done before their due period (ahead of time), and after it (late)."""
    done = year.results[year.results["status"] == "done"]
    first_done = done.groupby(["unit_id", "indicator_id"])["period_index"].min().rename("first_done")
    merged = grid.merge(first_done, left_on=["unit_id", "indicator_id"], right_index=True, how="left")
    reported = (merged["kind"] == "task") & (merged["first_done"] <= merged["period_index"])
    ahead = reported & (merged["first_done"] < merged["due_index"])
    late = reported & (merged["first_done"] > merged["due_index"])
    return ahead.to_numpy(), late.to_numpy()


# --- completion and status --------------------------------------------------------

def completion(lines: pd.DataFrame) -> pd.Series:
    """Completion of each line: value/target (up), (2t - v)/t floored at 0 (down), zero targets, tasks."""
    v, t = lines["value"], lines["target"]
    up = lines["direction"] == "up"
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_up = v / t
        ratio_down = ((2 * t - v) / t).clip(lower=0)
    zero_up = (v >= 0).astype(float)
    zero_down = (v == 0).astype(float)
    number = np.where(t == 0, np.where(up, zero_up, zero_down), np.where(up, ratio_up, ratio_down))
    number = pd.Series(number, index=lines.index).where(v.notna())
    task = (lines["status"] == "done").astype(float).where(lines["status"].notna())
    return task.where(lines["kind"] == "task", number)


def status(lines: pd.DataFrame, year: Year) -> pd.Series:
    """Status of each line at its period: final statuses, progress before it, task statuses, no_data."""
    c, v, t = lines["completion"], lines["value"], lines["target"]
    up = lines["direction"] == "up"
    reached = np.where(c > 1 + EPSILON, "exceeded", "met")
    at_pace = v >= t * lines["elapsed"] - EPSILON
    progress_up = np.where(c >= 1 - EPSILON, reached,
                           np.where(lines["kind"].isin(["count", "amount"]) & at_pace, "on_track", "behind"))
    progress_down = np.where(v <= t + EPSILON, "on_track", "behind")
    final = np.where(c > 1 + EPSILON, "exceeded", np.where(c >= 1 - EPSILON, "met", "not_met"))
    number = np.where(lines["final"], final, np.where(up, progress_up, progress_down))
    reported = lines["status"].fillna("")
    overdue = (reported != "done") & (lines["period_index"] >= lines["due_index"])
    task = np.where(overdue, "overdue", reported)
    result = np.where(lines["kind"] == "task", task, number)
    return pd.Series(result, index=lines.index).where(c.notna(), "no_data")


# --- scores, ratings, ranks -----------------------------------------------------

def unit_scores(year: Year, lines: pd.DataFrame) -> pd.DataFrame:
    """Score per (unit, period): weighted mean of completion capped at 1.2, no data counting 0."""
    capped = lines["completion"].clip(upper=SCORE_CAP).fillna(0)
    weighted = lines.assign(points=lines["weight"] * capped)
    grouped = weighted.groupby(["unit_id", "period", "period_index"], as_index=False)[["points", "weight"]].sum()
    grouped["score"] = grouped["points"] / grouped["weight"]
    return grouped[["unit_id", "period", "period_index", "score"]].sort_values(["unit_id", "period_index"])


def unit_table(year: Year, lines: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """One row per unit at the current period: score, rating (computed and decided) and why, rank."""
    now = lines[lines["period_index"] == year.current_index]
    now = now.assign(weight_met=now["weight"].where(now["met"], 0.0))
    counts = now.groupby("unit_id").agg(
        targets=("indicator_id", "size"), targets_met=("met", "sum"), targets_exceeded=("exceeded", "sum"),
        targets_late=("late", "sum"), weight_total=("weight", "sum"), weight_met=("weight_met", "sum"))
    current_scores = scores[scores["period_index"] == year.current_index].set_index("unit_id")["score"]
    units = year.units.set_index("unit_id").join(counts.drop(columns="targets")).join(current_scores)
    units["targets"] = year.targets.groupby("unit_id").size()  # assigned, results or not (the assignment)
    for column in ("targets", "targets_met", "targets_exceeded", "targets_late"):
        units[column] = units[column].fillna(0).astype(int)
    units["points"] = (units["score"].clip(upper=1) * 100).where(units["score"].notna())
    if year.is_final:
        rating, basis = computed_ratings(units, year.rating)
        units["rating_computed"], units["rating_basis"], units["quota_allowed"] = apply_quota(
            units, rating, basis, year.rating)
        units["leader_condition"] = leader_condition(units, year.rating)
    else:
        units["rating_computed"] = units["rating_basis"] = units["leader_condition"] = None
        units["quota_allowed"] = np.nan
    decided = year.decided.set_index("unit_id") if year.is_final else year.decided.iloc[0:0].set_index("unit_id")
    # A unit without targets has no rating (contract), even if ratings.csv names it.
    decided = decided[decided.index.isin(units.index[units["score"].notna()])]
    units["rating"] = decided["rating"].reindex(units.index).fillna(units["rating_computed"])
    units["rating"] = units["rating"].where(units["rating"].notna(), None)
    units["reason"] = decided["reason"].reindex(units.index).fillna("")
    units["decided"] = units.index.isin(decided.index)
    units["rank_in_group"] = rank_in_group(units)
    return units.reset_index().sort_values("unit_id").reset_index(drop=True)


# Why a unit got its computed rating (Report.units["rating_basis"]; scorecard/reasons.py words them):
#   targets: exceeded (xuat-sac), all-met (tot: too few exceeded), weight-met (hoan-thanh: not every
#            target met), weight-short (khong-hoan-thanh: met weight below the share);
#   points:  points (the 100-point band alone);
#   qd366:   points (the band, its conditions held), exceeded-short (tot: too few exceeded),
#            late (hoan-thanh: some met late), late-over (khong-hoan-thanh: too many met late),
#            not-met (khong-hoan-thanh: a target not met);
#   any:     quota (tot: over the group's quota of xuat-sac).
LEVELS = ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]


def points_band(points: pd.Series, rules: RatingRules) -> np.ndarray:
    """The rating the 100-point thresholds alone give."""
    return np.select([points >= rules.points_xuat_sac - EPSILON, points >= rules.points_tot - EPSILON,
                      points >= rules.points_hoan_thanh - EPSILON], LEVELS[:3], LEVELS[3])


def computed_ratings(units: pd.DataFrame, rules: RatingRules) -> tuple[pd.Series, pd.Series]:
    """The rating each unit earns by the year's method, and the condition that decided it; None without targets."""
    n, met, exceeded, late = units["targets"], units["targets_met"], units["targets_exceeded"], units["targets_late"]
    all_met = met == n
    enough_exceeded = exceeded >= rules.exceeded_share * n - EPSILON
    if rules.method == "points":
        rating = points_band(units["points"], rules)
        basis = np.full(len(units), "points", dtype=object)
    elif rules.method == "qd366":
        band = points_band(units["points"], rules)
        on_time = all_met & (late == 0)
        rating = np.select(
            [(band == "xuat-sac") & on_time & enough_exceeded,
             np.isin(band, LEVELS[:2]) & on_time,
             np.isin(band, LEVELS[:3]) & all_met & (late <= rules.late_share * n + EPSILON)],
            LEVELS[:3], LEVELS[3])
        basis = np.select(
            [rating == band, rating == "tot", rating == "hoan-thanh", ~all_met],
            ["points", "exceeded-short", "late", "not-met"], "late-over")
    else:
        share = units["weight_met"] / units["weight_total"]
        rating = np.select([all_met & enough_exceeded, all_met, share >= rules.met_weight_share - EPSILON],
                           LEVELS[:3], LEVELS[3])
        basis = np.select([rating == level for level in LEVELS[:3]], ["exceeded", "all-met", "weight-met"],
                          "weight-short")
    rated = units["score"].notna()
    return (pd.Series(rating, index=units.index, dtype=object).where(rated, None),
            pd.Series(basis, index=units.index, dtype=object).where(rated, None))


def apply_quota(units: pd.DataFrame, rating: pd.Series, basis: pd.Series,
                rules: RatingRules) -> tuple[pd.Series, pd.Series, pd.Series]:
    """With a quota q, at most floor(q * n) of a group's n xuat-sac/tot units keep xuat-sac (after the
    method's conditions); returns the ratings, their basis, and each group's allowed number (NaN without quota)."""
    if rules.quota is None:
        return rating, basis, pd.Series(np.nan, index=units.index)
    frame = units.assign(rating=rating).reset_index()
    candidates = frame[frame["rating"].isin(["xuat-sac", "tot"])]
    allowed = np.floor(rules.quota * candidates.groupby("group_id")["unit_id"].transform("size") + EPSILON)
    best = (candidates[candidates["rating"] == "xuat-sac"]
            .sort_values(["group_id", "score", "unit_id"], ascending=[True, False, True], kind="stable"))
    position = best.groupby("group_id").cumcount()
    demoted = rating.index.isin(best.loc[position >= allowed.loc[best.index], "unit_id"])
    by_group = candidates.assign(allowed=allowed).groupby("group_id")["allowed"].first()
    return (rating.where(~demoted, "tot"), basis.where(~demoted, "quota"),
            units["group_id"].map(by_group).astype(float))


def leader_condition(units: pd.DataFrame, rules: RatingRules) -> pd.Series:
    """qd366 (Điều 11): whether the unit meets what its leader's own "xuất sắc" needs of it: every target
    met, and at least the exceeded share of them exceeded. None under other methods or without targets."""
    if rules.method != "qd366":
        return pd.Series([None] * len(units), index=units.index, dtype=object)
    n = units["targets"]
    meets = (units["targets_met"] == n) & (units["targets_exceeded"] >= rules.exceeded_share * n - EPSILON)
    return meets.astype(object).where(units["score"].notna(), None)


def rank_in_group(units: pd.DataFrame) -> pd.Series:
    """Rank by score within the group, highest first; equal scores share a rank (1, 2, 2, 4)."""
    rounded = units["score"].round(12)
    rank = rounded.groupby(units["group_id"]).rank(method="min", ascending=False)
    return rank.astype("Int64")


# --- province totals --------------------------------------------------------------

def province_totals(year: Year, lines: pd.DataFrame, period_index: int | None = None) -> pd.DataFrame:
    """Per `sum` indicator with a target: totals over top-level units at the current period (or another);
    targets and units only for the assignment (no current period)."""
    sum_ids = year.indicators.loc[year.indicators["aggregate"] == "sum", "indicator_id"]
    with_target = sorted(set(sum_ids) & set(year.targets["indicator_id"]))
    top = set(year.units.loc[year.units["parent_id"].isna(), "unit_id"])
    at = year.current_index if period_index is None else period_index
    assigned = year.targets[year.targets["unit_id"].isin(top) & year.targets["indicator_id"].isin(with_target)]
    totals = assigned.groupby("indicator_id").agg(target_total=("target", "sum"), units_total=("unit_id", "size"))
    totals = totals.reindex(with_target)
    totals["target_total"] = totals["target_total"].fillna(0.0)
    totals["units_total"] = totals["units_total"].fillna(0).astype(int)
    if at < 0:  # the assignment: nothing reported, so no value, difference or units met (null in the export)
        totals["value_total"] = totals["difference"] = totals["units_met"] = np.nan
    else:
        now = lines[(lines["period_index"] == at) & lines["unit_id"].isin(top) & lines["indicator_id"].isin(with_target)]
        reached = now.groupby("indicator_id").agg(value_total=("value", "sum"), units_met=("met", "sum"))
        totals = totals.join(reached)
        totals["value_total"] = totals["value_total"].fillna(0.0)
        totals["units_met"] = totals["units_met"].fillna(0).astype(int)
        totals["difference"] = totals["value_total"] - totals["target_total"]
    totals.index.name = "indicator_id"
    totals = totals.reset_index()[["indicator_id", "target_total", "value_total", "difference",
                                   "units_met", "units_total"]]
    if at < 0:  # the assignment: nothing to judge yet
        return totals.assign(completion=np.nan, status="no_data", elapsed=np.nan, units_on_track=0)
    return totals.join(total_statuses(year, totals, now, at))


def total_statuses(year: Year, totals: pd.DataFrame, now: pd.DataFrame, at: int) -> pd.DataFrame:
    """Each province total judged by the rule of a unit's line (completion, status at the period, the
    period's elapsed share), and how many of its top-level units are on track: what the headline cards
    and bulletins say of a total. Not part of summary.json."""
    period = year.periods.iloc[at]
    lines = totals.rename(columns={"value_total": "value", "target_total": "target"}).merge(
        year.indicators[["indicator_id", "kind", "direction"]], on="indicator_id", how="left")
    lines = lines.assign(elapsed=float(period["elapsed"]), final=at == len(year.periods) - 1, status=None,
                         period_index=at, due_index=len(year.periods) - 1)
    reported = totals["indicator_id"].map(now.groupby("indicator_id")["value"].count()).fillna(0)
    lines["value"] = lines["value"].where(reported > 0)  # no unit has a value yet: no data, not zero
    lines["completion"] = completion(lines)
    on_track = now[now["status"] == "on_track"].groupby("indicator_id").size()
    return pd.DataFrame({"completion": lines["completion"], "status": status(lines, year),
                         "elapsed": lines["elapsed"],
                         "units_on_track": totals["indicator_id"].map(on_track).fillna(0).astype(int)},
                        index=totals.index)


def province_trends(year: Year, lines: pd.DataFrame) -> pd.DataFrame:
    """The province totals of every `sum` indicator at each published period (the year's trend):
    province_totals at each period up to the current one, with period and period_index."""
    published = year.periods[year.periods["index"] <= year.current_index]
    frames = [province_totals(year, lines, index).assign(period=period, period_index=index)
              for period, index in zip(published["period_id"], published["index"])]
    if not frames:  # the assignment: no period published yet
        return province_totals(year, lines).assign(period="", period_index=0).iloc[0:0]
    trends = pd.concat(frames, ignore_index=True)
    return trends.sort_values(["indicator_id", "period_index"], kind="stable").reset_index(drop=True)


# --- officials ---------------------------------------------------------------------

def post_periods(year: Year) -> pd.DataFrame:
    """The published periods at which each post of officials.csv is held: row, period, period_index.

    An official is in a post at a period when the period's end lies within [from, to].
    """
    periods = year.periods.loc[year.periods["index"] <= year.current_index, ["period_id", "index", "end"]]
    periods = periods.rename(columns={"period_id": "period", "index": "period_index"})
    grid = year.officials[["row", "from", "to"]].merge(periods.assign(end=pd.to_datetime(periods["end"])),
                                                      how="cross")
    held = grid[(grid["from"] <= grid["end"]) & (grid["end"] <= grid["to"])]
    return held[["row", "period", "period_index"]].sort_values(["row", "period_index"]).reset_index(drop=True)


def official_posts(year: Year, held: pd.DataFrame, scores: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Each post with last_period_in_post, unit_score and unit_rating, sorted by official_id, from, unit_id.

    last_period_in_post is the last period up to the current one at which the post is held;
    unit_score the unit's score then; unit_rating the unit's (decided) rating when that is the
    final period and the year is at its final period.
    """
    posts = year.officials.reset_index(drop=True)
    last = posts["row"].map(held.groupby("row")["period_index"].max())
    posts["last_period_index"] = last.astype("Int64")
    names = dict(zip(year.periods["index"], year.periods["period_id"]))
    posts["last_period_in_post"] = pd.Series(last.map(names), dtype=object).where(last.notna(), None)
    score = scores.set_index(["unit_id", "period_index"])["score"]
    posts["unit_score"] = score.reindex(pd.MultiIndex.from_arrays(
        [posts["unit_id"], last.fillna(-1).astype(int)])).to_numpy()
    final = year.is_final & (last == len(year.periods) - 1)
    rating = posts["unit_id"].map(units.set_index("unit_id")["rating"])
    posts["unit_rating"] = pd.Series(rating, dtype=object).where(final & rating.notna(), None)
    return posts.sort_values(["official_id", "from", "unit_id", "row"], kind="stable").reset_index(drop=True)


def tenure_results(year: Year, held: pd.DataFrame, lines: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """The unit's results at each period a post is held: row, period, period_index, unit_id, score,
    targets, targets_met."""
    posts = held.merge(year.officials[["row", "unit_id"]], on="row")
    counts = lines.groupby(["unit_id", "period_index"]).agg(targets=("met", "size"), targets_met=("met", "sum"))
    merged = posts.merge(scores[["unit_id", "period_index", "score"]], on=["unit_id", "period_index"], how="left")
    merged = merged.merge(counts.reset_index(), on=["unit_id", "period_index"], how="left")
    for column in ("targets", "targets_met"):
        merged[column] = merged[column].fillna(0).astype(int)
    return merged.sort_values(["row", "period_index"]).reset_index(drop=True)
