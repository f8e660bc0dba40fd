"""Hand-worked tables for the contract's "Computation" rules, one rule per test.

Each test writes a tiny year (tests/conftest.py: build_year) and checks figures
worked out by hand in the comments. Default indicators (conftest): n count up,
amt amount up, r rate up, d count down, rd rate down, t task, nm count with
aggregate none, mean count with aggregate mean. Default periods: 2021 q1, h1,
9m, y (elapsed 90/365, 181/365, 273/365, 1).
"""

from __future__ import annotations

import math

import pytest

from scorecard.exports import results_csv, summary_data

APPROX = dict(rel=0, abs=1e-9)


def line(report, unit_id, indicator_id, period):
    """The single line of (unit, indicator, period) as a dict."""
    lines = report.lines
    match = lines[(lines["unit_id"] == unit_id) & (lines["indicator_id"] == indicator_id)
                  & (lines["period"] == period)]
    assert len(match) == 1, f"expected one line for {unit_id}/{indicator_id}/{period}, got {len(match)}"
    return match.iloc[0].to_dict()


def missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def summary_units(report):
    return {u["unit_id"]: u for u in summary_data(report)["units"]}


def summary_totals(report):
    return {t["indicator_id"]: t for t in summary_data(report)["indicators"]}


def ratings(report):
    return {u["unit_id"]: u["rating_computed"] for u in summary_data(report)["units"]}


def scores(report):
    return {u["unit_id"]: u["score"] for u in summary_data(report)["units"]}


# --- values and roll-ups ----------------------------------------------------------

TREE = """
unit_id,name,group_id,parent_id
p,Tỉnh P,g,
c1,Huyện C1,g,p
c2,Huyện C2,g,p
x1,Xã X1,h,c1
x2,Xã X2,h,c1
"""


def test_rollup_of_sum_indicator_is_recursive_over_three_levels(build_year):
    # x1 + x2 roll up into c1 (no row of its own); c1 (rolled) + c2 (own) into p.
    # q1: c1 = 5 + 7 = 12, p = 12 + 3 = 15.  y: c1 = 20 + 25 = 45, p = 45 + 15 = 60.
    report = build_year(units=TREE, targets="""
        unit_id,indicator_id,target
        p,n,100
        c1,n,60
        c2,n,40
        x1,n,30
        x2,n,30
    """, results="""
        unit_id,indicator_id,period,value,status
        x1,n,q1,5,
        x2,n,q1,7,
        c2,n,q1,3,
        x1,n,y,20,
        x2,n,y,25,
        c2,n,y,15,
    """)
    assert line(report, "c1", "n", "q1")["value"] == 12
    assert line(report, "p", "n", "q1")["value"] == 15
    c1, p = line(report, "c1", "n", "y"), line(report, "p", "n", "y")
    assert (c1["value"], c1["rolled_up"]) == (45, True)
    assert (p["value"], p["rolled_up"]) == (60, True)
    assert p["completion"] == pytest.approx(0.6, **APPROX)  # 60 / 100
    assert not line(report, "c2", "n", "y")["rolled_up"]  # c2's own row
    assert report.warnings == ()


def test_rollup_passes_through_a_unit_without_target(build_year):
    # Reading chosen where the contract is silent: c1 has no target for n (so no line of its own),
    # but its communes' figures still reach p: p = (x1 8 + x2 4) + c2 6 = 18.
    report = build_year(units=TREE, targets="""
        unit_id,indicator_id,target
        p,n,20
        c2,n,10
        x1,n,5
        x2,n,5
    """, results="""
        unit_id,indicator_id,period,value,status
        x1,n,y,8,
        x2,n,y,4,
        c2,n,y,6,
    """)
    assert set(report.lines.loc[report.lines["indicator_id"] == "n", "unit_id"]) == {"p", "c2", "x1", "x2"}
    assert line(report, "p", "n", "y")["value"] == 18
    assert line(report, "p", "n", "y")["completion"] == pytest.approx(0.9, **APPROX)  # 18 / 20


def test_no_rollup_for_non_sum_indicators(build_year):
    # r (rate, aggregate none by default), nm (aggregate none), mean (aggregate mean):
    # the children report, the parent does not: the parent has no value at all.
    report = build_year(units=TREE, targets="""
        unit_id,indicator_id,target
        c1,r,50
        x1,r,50
        x2,r,50
        c1,nm,10
        x1,nm,5
        x2,nm,5
        c1,mean,10
        x1,mean,5
        x2,mean,5
    """, results="""
        unit_id,indicator_id,period,value,status
        x1,r,y,60,
        x2,r,y,40,
        x1,nm,y,6,
        x2,nm,y,6,
        x1,mean,y,6,
        x2,mean,y,6,
    """)
    for indicator in ("r", "nm", "mean"):
        parent = line(report, "c1", indicator, "y")
        assert missing(parent["value"]), indicator
        assert missing(parent["completion"]), indicator
        assert parent["status"] == "no_data", indicator


def test_own_value_wins_over_children_and_warns_when_their_sum_is_above(build_year):
    # c1 reports 50 at y, its communes 30 + 25 = 55 > 50: value stays 50 (own), one warning.
    # At h1 c1 reports 40 and the communes 10 + 15 = 25 <= 40: no warning.
    report = build_year(units=TREE, targets="""
        unit_id,indicator_id,target
        c1,n,50
        x1,n,25
        x2,n,25
    """, results="""
        unit_id,indicator_id,period,value,status
        c1,n,h1,40,
        x1,n,h1,10,
        x2,n,h1,15,
        c1,n,y,50,
        x1,n,y,30,
        x2,n,y,25,
    """)
    c1 = line(report, "c1", "n", "y")
    assert (c1["value"], bool(c1["rolled_up"])) == (50, False)
    assert c1["status"] == "met"  # 50 / 50 = 1
    assert line(report, "c1", "n", "h1")["value"] == 40
    warnings = [w for w in report.warnings if w.warning]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.file == "2021/results.csv"
    assert warning.row == 5  # header is row 1: c1,n,y,50 is row 5
    assert warning.column == "value"
    assert warning.value == "50"
    assert "55" in warning.message


def test_no_value_when_no_child_has_one(build_year):
    # Only x1 reports n, at q1; current period set to h1 (reported for amt: a period without any result is
    # refused). q1: c1 = 4 (rolled up); h1: neither child has a value of n, so c1 has none either: no_data.
    report = build_year(units=TREE, year_yml_extra="current_period: h1\n", targets="""
        unit_id,indicator_id,target
        c1,n,50
        x1,n,25
        x2,n,25
        x1,amt,10
    """, results="""
        unit_id,indicator_id,period,value,status
        x1,n,q1,4,
        x1,amt,h1,5,
    """)
    assert line(report, "c1", "n", "q1")["value"] == 4
    h1 = line(report, "c1", "n", "h1")
    assert missing(h1["value"])
    assert missing(h1["completion"])
    assert h1["status"] == "no_data"


# --- completion ---------------------------------------------------------------------

def test_completion_up_is_value_over_target(build_year):
    # 100 / 80 = 1.25 ; 30 / 80 = 0.375
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,n,80
        a,amt,80
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
        a,amt,y,30,
    """)
    assert line(report, "a", "n", "y")["completion"] == pytest.approx(1.25, **APPROX)
    assert line(report, "a", "amt", "y")["completion"] == pytest.approx(0.375, **APPROX)


def test_completion_down_is_two_target_minus_value_over_target(build_year):
    # (2*10 - 8)/10 = 1.2 ; (2*10 - 13)/10 = 0.7 ; at zero (20 - 0)/10 = 2
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,d,10
    """, results="""
        unit_id,indicator_id,period,value,status
        a,d,h1,8,
        a,d,9m,13,
        a,d,y,0,
    """)
    assert line(report, "a", "d", "h1")["completion"] == pytest.approx(1.2, **APPROX)
    assert line(report, "a", "d", "9m")["completion"] == pytest.approx(0.7, **APPROX)
    assert line(report, "a", "d", "y")["completion"] == pytest.approx(2.0, **APPROX)


def test_completion_down_is_floored_at_zero(build_year):
    # (2*10 - 25)/10 = -0.5 -> 0 ; (2*2.0 - 4.0)/2.0 = 0 exactly
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,d,10
        a,rd,2.0
    """, results="""
        unit_id,indicator_id,period,value,status
        a,d,y,25,
        a,rd,y,4.0,
    """)
    assert line(report, "a", "d", "y")["completion"] == 0
    assert line(report, "a", "rd", "y")["completion"] == 0
    assert line(report, "a", "d", "y")["status"] == "not_met"


def test_completion_target_zero_up(build_year):
    # up, target 0: completion 1 when value >= 0 (0 and 3), else 0 (-5).
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
        c,C,g,
    """, targets="""
        unit_id,indicator_id,target
        a,amt,0
        b,amt,0
        c,amt,0
    """, results="""
        unit_id,indicator_id,period,value,status
        a,amt,y,0,
        b,amt,y,3,
        c,amt,y,-5,
    """)
    assert line(report, "a", "amt", "y")["completion"] == 1
    assert line(report, "b", "amt", "y")["completion"] == 1
    assert line(report, "c", "amt", "y")["completion"] == 0
    assert [line(report, u, "amt", "y")["status"] for u in "abc"] == ["met", "met", "not_met"]


def test_completion_target_zero_down(build_year):
    # down, target 0: completion 1 when value == 0, else 0 (even 1 above it; the 2t-v formula would divide by 0).
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
    """, targets="""
        unit_id,indicator_id,target
        a,d,0
        b,d,0
    """, results="""
        unit_id,indicator_id,period,value,status
        a,d,y,0,
        b,d,y,1,
    """)
    assert line(report, "a", "d", "y")["completion"] == 1
    assert line(report, "b", "d", "y")["completion"] == 0
    assert line(report, "a", "d", "y")["status"] == "met"
    assert line(report, "b", "d", "y")["status"] == "not_met"


def test_completion_of_task_is_one_when_done_else_zero(build_year):
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,t,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,t,q1,,not_started
        a,t,h1,,in_progress
        a,t,y,,done
    """)
    assert line(report, "a", "t", "q1")["completion"] == 0
    assert line(report, "a", "t", "h1")["completion"] == 0
    assert missing(line(report, "a", "t", "9m")["completion"])  # no row
    assert line(report, "a", "t", "y")["completion"] == 1


# --- statuses -----------------------------------------------------------------------

def test_final_status_exceeded_met_not_met(build_year):
    # target 100 at y: 101 -> 1.01 exceeded, 100 -> 1 met, 99 -> 0.99 not_met;
    # a rate written "4.5%" against a target 4.5: 4.5 / 4.5 = 1 -> met.
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
        c,C,g,
    """, targets="""
        unit_id,indicator_id,target
        a,n,100
        b,n,100
        c,n,100
        a,r,4.5
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,101,
        b,n,y,100,
        c,n,y,99,
        a,r,y,4.5%,
    """)
    assert line(report, "a", "n", "y")["status"] == "exceeded"
    assert line(report, "b", "n", "y")["status"] == "met"
    assert line(report, "c", "n", "y")["status"] == "not_met"
    assert line(report, "a", "r", "y")["status"] == "met"


TWO_UNITS = """
unit_id,name,group_id,parent_id
a,A,g,
b,B,g,
"""


def test_earlier_status_up_count_uses_elapsed_share(build_year):
    # h1 ends 2021-06-30, day 181 of 365. Target 365: pace 365 * 181/365 = 181.
    # a: 181 -> on_track ; b: 180 -> behind. Same for an amount: 36.5 * 181/365 = 18.1.
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,n,365
        b,n,365
        a,amt,36.5
        b,amt,36.5
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,h1,181,
        b,n,h1,180,
        a,amt,h1,18.1,
        b,amt,h1,18.09,
    """)
    assert report.year.current_period == "h1"
    assert line(report, "a", "n", "h1")["status"] == "on_track"
    assert line(report, "b", "n", "h1")["status"] == "behind"
    assert line(report, "a", "amt", "h1")["status"] == "on_track"
    assert line(report, "b", "amt", "h1")["status"] == "behind"


def test_elapsed_share_in_a_leap_year(build_year):
    # 2024 is a leap year: 2024-06-30 is day 182 of 366. Target 366: pace 182.
    # a: 182 -> on_track (with 365 days the pace would be 182.5: behind);
    # b: 181 -> behind (with day 181 the pace would be 181: on_track).
    periods = (("h1", "2024-06-30"), ("y", "2024-12-31"))
    report = build_year(units=TWO_UNITS, periods=periods, year=2024, targets="""
        unit_id,indicator_id,target
        a,n,366
        b,n,366
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,h1,182,
        b,n,h1,181,
    """)
    elapsed = dict(zip(report.year.periods["period_id"], report.year.periods["elapsed"]))
    assert elapsed["h1"] == pytest.approx(182 / 366, **APPROX)
    assert elapsed["y"] == pytest.approx(1.0, **APPROX)
    assert line(report, "a", "n", "h1")["status"] == "on_track"
    assert line(report, "b", "n", "h1")["status"] == "behind"


def test_earlier_status_up_met_or_exceeded_once_completion_reaches_one(build_year):
    # h1, target 100: 100 -> met, 120 -> exceeded (already, before the final period).
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,n,100
        b,n,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,h1,100,
        b,n,h1,120,
    """)
    assert line(report, "a", "n", "h1")["status"] == "met"
    assert line(report, "b", "n", "h1")["status"] == "exceeded"


def test_earlier_status_rate_below_target_is_behind(build_year):
    # A rate is a level, not cumulative: no pace. h1, target 50%: 49.9 -> behind
    # (although far above 50 * 181/365 = 24.8), 50 -> met.
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,r,50
        b,r,50
    """, results="""
        unit_id,indicator_id,period,value,status
        a,r,h1,49.9,
        b,r,h1,50,
    """)
    assert line(report, "a", "r", "h1")["status"] == "behind"
    assert line(report, "b", "r", "h1")["status"] == "met"


def test_earlier_status_down_on_track_within_target_else_behind(build_year):
    # h1, down, target 10: 10 -> on_track (within), 11 -> behind; rate 1.5 vs 2.0 -> on_track
    # (completion (4 - 1.5)/2 = 1.25 but no exceeded before the final period for down).
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,d,10
        b,d,10
        a,rd,2.0
    """, results="""
        unit_id,indicator_id,period,value,status
        a,d,h1,10,
        b,d,h1,11,
        a,rd,h1,1.5,
    """)
    assert line(report, "a", "d", "h1")["status"] == "on_track"
    assert line(report, "b", "d", "h1")["status"] == "behind"
    rd = line(report, "a", "rd", "h1")
    assert rd["status"] == "on_track"
    assert rd["completion"] == pytest.approx(1.25, **APPROX)


def test_task_status_as_reported_before_due(build_year):
    # default due = y: q1 not_started, h1 in_progress, 9m done, y done.
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,t,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,t,q1,,not_started
        a,t,h1,,in_progress
        a,t,9m,,done
        a,t,y,,done
    """)
    assert [line(report, "a", "t", p)["status"] for p in ("q1", "h1", "9m", "y")] == \
        ["not_started", "in_progress", "done", "done"]


def test_task_overdue_at_and_after_due_period(build_year):
    # a, due h1: q1 in_progress; h1 in_progress -> overdue; 9m not_started -> overdue; y done -> done.
    # b, no due (default: the final period y): 9m in_progress stays in_progress; y in_progress -> overdue.
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target,due
        a,t,,h1
        b,t,,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,t,q1,,in_progress
        a,t,h1,,in_progress
        a,t,9m,,not_started
        a,t,y,,done
        b,t,9m,,in_progress
        b,t,y,,in_progress
    """)
    assert [line(report, "a", "t", p)["status"] for p in ("q1", "h1", "9m", "y")] == \
        ["in_progress", "overdue", "overdue", "done"]
    assert line(report, "b", "t", "9m")["status"] == "in_progress"
    assert line(report, "b", "t", "y")["status"] == "overdue"
    assert line(report, "b", "t", "y")["completion"] == 0


def test_no_data_without_a_row(build_year):
    # a's task has rows at q1 and y only: h1 and 9m are no_data; b's task and number have no row
    # at all: no_data at every period, even at and after the due period (no row is not overdue).
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target,due
        a,t,,
        b,t,,h1
        b,n,10,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,t,q1,,in_progress
        a,t,y,,done
    """)
    assert [line(report, "a", "t", p)["status"] for p in ("q1", "h1", "9m", "y")] == \
        ["in_progress", "no_data", "no_data", "done"]
    assert [line(report, "b", "t", p)["status"] for p in ("q1", "h1", "9m", "y")] == ["no_data"] * 4
    assert [line(report, "b", "n", p)["status"] for p in ("q1", "h1", "9m", "y")] == ["no_data"] * 4


def test_task_done_ahead_of_due_counts_as_exceeded(build_year):
    # a: due 9m, first done at h1 -> exceeded for the rating (status stays "done"): xuat-sac.
    # b: due 9m, done at 9m -> met only: tot. c: default due y, done at 9m -> ahead: xuat-sac.
    # d: default due y, done at y -> on time: tot.
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
        c,C,g,
        d,D,g,
    """, targets="""
        unit_id,indicator_id,target,due
        a,t,,9m
        b,t,,9m
        c,t,,
        d,t,,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,t,h1,,done
        a,t,y,,done
        b,t,9m,,done
        b,t,y,,done
        c,t,9m,,done
        c,t,y,,done
        d,t,y,,done
    """)
    for unit, ahead in (("a", True), ("b", False), ("c", True), ("d", False)):
        final = line(report, unit, "t", "y")
        assert final["status"] == "done", unit
        assert bool(final["met"]) is True, unit
        assert bool(final["exceeded"]) is ahead, unit
    assert bool(line(report, "a", "t", "h1")["exceeded"]) is True
    assert ratings(report) == {"a": "xuat-sac", "b": "tot", "c": "xuat-sac", "d": "tot"}


# --- scores -------------------------------------------------------------------------

def test_score_is_weighted_mean_of_completion(build_year):
    # n: 90/100 = 0.9, weight 3 ; amt: 44/40 = 1.1, weight 1 (default) ; t done = 1, weight 2
    # score = (3*0.9 + 1*1.1 + 2*1) / (3 + 1 + 2) = 5.8 / 6 = 0.96666...
    report = build_year(targets="""
        unit_id,indicator_id,target,weight
        a,n,100,3
        a,amt,40,
        a,t,,2
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,90,
        a,amt,y,44,
        a,t,y,,done
    """)
    assert scores(report)["a"] == pytest.approx(5.8 / 6, **APPROX)


def test_score_caps_completion_at_1_2(build_year):
    # n: 300/100 = 3 (shown unrounded) counts 1.2 ; d: (20 - 0)/10 = 2 counts 1.2 ;
    # r: 40/50 = 0.8.  score = (1.2 + 1.2 + 0.8) / 3 = 3.2 / 3
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,n,100
        a,d,10
        a,r,50
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,300,
        a,d,y,0,
        a,r,y,40,
    """)
    assert line(report, "a", "n", "y")["completion"] == pytest.approx(3.0, **APPROX)
    assert scores(report)["a"] == pytest.approx(3.2 / 3, **APPROX)


def test_score_counts_no_data_as_zero(build_year):
    # n: 100/100 = 1 (weight 1) ; amt: no row (weight 3) counts 0 -> score 1/4 = 0.25.
    # At q1 nothing is reported at all: score 0 (not null: the unit has targets).
    report = build_year(targets="""
        unit_id,indicator_id,target,weight
        a,n,100,
        a,amt,50,3
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
    """)
    assert line(report, "a", "amt", "y")["status"] == "no_data"
    assert scores(report)["a"] == pytest.approx(0.25, **APPROX)
    per_period = report.scores.set_index("period")["score"]
    assert per_period["q1"] == 0


def test_unit_without_targets_has_no_score_rating_or_rank(build_year):
    # b has no targets: listed in the summary with null score, rating, rating_computed and rank.
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,n,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
    """)
    units = summary_units(report)
    assert sorted(units) == ["a", "b"]
    assert units["b"] == {"unit_id": "b", "group_id": "g", "score": None, "rating": None,
                          "rating_computed": None, "rank_in_group": None}
    assert units["a"]["score"] == 1.0
    assert units["a"]["rank_in_group"] == 1


# --- ratings: targets method ----------------------------------------------------------

FIVE_UNITS = """
unit_id,name,group_id,parent_id
a,A,g,
b,B,g,
c,C,g,
d,D,g,
e,E,g,
"""


def test_rating_xuat_sac_needs_every_target_met_and_half_exceeded(build_year):
    # a: exceeded + met (1 of 2 exceeded = half) -> xuat-sac.
    # b: exceeded + exceeded + not_met (weights 4, 4, 1) -> not every target met: hoan-thanh (8/9 >= 0.7).
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target,weight
        a,n,100,
        a,amt,100,
        b,n,100,4
        b,amt,100,4
        b,d,10,1
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,110,
        a,amt,y,100,
        b,n,y,110,
        b,amt,y,110,
        b,d,y,11,
    """)
    assert ratings(report) == {"a": "xuat-sac", "b": "hoan-thanh"}


def test_rating_tot_when_every_target_met_but_fewer_than_half_exceeded(build_year):
    # 1 of 3 exceeded (1 < 1.5), all met -> tot.
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,n,100
        a,amt,100
        a,r,50
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,101,
        a,amt,y,100,
        a,r,y,50,
    """)
    assert ratings(report) == {"a": "tot"}


def test_rating_hoan_thanh_from_70_percent_of_weight_met(build_year):
    # a: met weight 7 of 10 = 0.7 -> hoan-thanh. b: met weight 6.9 of 10 -> khong-hoan-thanh.
    # (Counted by weight, not targets: by count both would be 1 of 2.)
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target,weight
        a,n,100,7
        a,amt,100,3
        b,n,100,6.9
        b,amt,100,3.1
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
        a,amt,y,99,
        b,n,y,100,
        b,amt,y,99,
    """)
    assert ratings(report) == {"a": "hoan-thanh", "b": "khong-hoan-thanh"}


def test_rating_khong_hoan_thanh_otherwise(build_year):
    # nothing met (n 50/100, task not done at y): khong-hoan-thanh.
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,n,100
        a,t,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,50,
        a,t,y,,in_progress
    """)
    assert ratings(report) == {"a": "khong-hoan-thanh"}


def test_rating_thresholds_configurable_in_year_yml(build_year):
    # exceeded_share 1.0: a (1 exceeded of 2, all met) is only tot (xuat-sac by default).
    # met_weight_share 0.5: b (met weight 1 of 2) is hoan-thanh (khong-hoan-thanh by default).
    report = build_year(units=TWO_UNITS, year_yml_extra="rating: {exceeded_share: 1.0, met_weight_share: 0.5}\n",
                        targets="""
        unit_id,indicator_id,target
        a,n,100
        a,amt,100
        b,n,100
        b,amt,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,110,
        a,amt,y,100,
        b,n,y,100,
        b,amt,y,90,
    """)
    assert ratings(report) == {"a": "tot", "b": "hoan-thanh"}


# --- ratings: points method -----------------------------------------------------------

def points_year(build_year, values, extra="rating: {method: points}\n"):
    """One unit per value, each with a single n target of 1000, in group g."""
    units = "unit_id,name,group_id,parent_id\n" + "".join(f"{u},{u.upper()},g,\n" for u in values)
    targets = "unit_id,indicator_id,target\n" + "".join(f"{u},n,1000\n" for u in values)
    results = "unit_id,indicator_id,period,value,status\n" + "".join(f"{u},n,y,{v},\n" for u, v in values.items())
    return build_year(units=units, targets=targets, results=results, year_yml_extra=extra)


def test_points_method_thresholds_90_70_50(build_year):
    # points = min(score, 1) * 100: 1200 -> score 1.2 -> 100 points; 900 -> 90 ... 499 -> 49.9
    values = {"a": 1200, "b": 900, "c": 899, "d": 700, "e": 699, "f": 500, "g": 499}
    report = points_year(build_year, values)
    points = report.units.set_index("unit_id")["points"]
    assert points["a"] == pytest.approx(100, **APPROX)
    assert points["c"] == pytest.approx(89.9, **APPROX)
    assert ratings(report) == {"a": "xuat-sac", "b": "xuat-sac", "c": "tot", "d": "tot",
                               "e": "hoan-thanh", "f": "hoan-thanh", "g": "khong-hoan-thanh"}


def test_points_thresholds_configurable(build_year):
    # thresholds 95/80/60: 940 -> 94 tot, 950 -> 95 xuat-sac, 790 -> 79 hoan-thanh, 590 -> 59 khong-hoan-thanh
    values = {"a": 950, "b": 940, "c": 790, "d": 590}
    report = points_year(build_year, values, extra=(
        "rating: {method: points, points_xuat_sac: 95, points_tot: 80, points_hoan_thanh: 60}\n"))
    assert ratings(report) == {"a": "xuat-sac", "b": "tot", "c": "hoan-thanh", "d": "khong-hoan-thanh"}


def test_quota_limits_xuat_sac_per_group(build_year):
    # quota 0.5, group g: candidates (xuat-sac or tot) a 1.0, b 0.95, c 0.95, d 0.8 -> n = 4,
    # floor(0.5 * 4) = 2 keep xuat-sac: a, then b (tie with c broken by unit_id); c -> tot.
    # e 0.6 (hoan-thanh) is no candidate. Group h: x alone, floor(0.5 * 1) = 0 -> tot.
    units = """
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
        c,C,g,
        d,D,g,
        e,E,g,
        x,X,h,
    """
    values = {"a": 1000, "b": 950, "c": 950, "d": 800, "e": 600, "x": 1000}
    report = build_year(
        units=units, year_yml_extra="rating: {method: points, quota: 0.5}\n",
        targets="unit_id,indicator_id,target\n" + "".join(f"{u},n,1000\n" for u in values),
        results="unit_id,indicator_id,period,value,status\n" + "".join(f"{u},n,y,{v},\n" for u, v in values.items()))
    assert ratings(report) == {"a": "xuat-sac", "b": "xuat-sac", "c": "tot", "d": "tot",
                               "e": "hoan-thanh", "x": "tot"}


# --- ratings: qd366 method (Quy định 366-QĐ/TW, Điều 11) -------------------------------------

# c1..c10 counts (up, target 10: value 10 met, 12 exceeded, 5 not met); k1..k5 tasks (due q1 unless set).
QD366_INDICATORS = "indicator_id,name,kind\n" + "".join(f"c{i},Số {i},count\n" for i in range(1, 11)) + \
    "".join(f"k{i},Việc {i},task\n" for i in range(1, 6))
QD366 = "rating: {method: qd366}\n"


def qd366_year(build_year, units: dict[str, str], extra: str = QD366, ratings: str | None = None):
    """units: {unit_id: "c1=12 c2=10 k1=h1/9m ..."}: a count's final value, or a task's due/first-done period.

    A count's value is reported at y only; a task is reported done from its first-done period on.
    Every unit in group g unless its id starts with "x" (group h).
    """
    unit_rows, target_rows, result_rows = [], [], []
    for unit, spec in units.items():
        unit_rows.append(f"{unit},{unit.upper()},{'h' if unit.startswith('x') else 'g'},")
        for item in spec.split():
            indicator, value = item.split("=")
            if indicator.startswith("c"):
                target_rows.append(f"{unit},{indicator},10,")
                result_rows.append(f"{unit},{indicator},y,{value},")
            else:
                due, first_done = value.split("/")
                target_rows.append(f"{unit},{indicator},,{due}")
                periods = ["q1", "h1", "9m", "y"]
                for period in periods[periods.index(first_done):]:
                    result_rows.append(f"{unit},{indicator},{period},,done")
    return build_year(
        indicators=QD366_INDICATORS, year_yml_extra=extra, ratings=ratings,
        units="unit_id,name,group_id,parent_id\n" + "\n".join(unit_rows),
        targets="unit_id,indicator_id,target,due\n" + "\n".join(target_rows),
        results="unit_id,indicator_id,period,value,status\n" + "\n".join(result_rows))


def basis(report):
    return dict(zip(report.units["unit_id"], report.units["rating_basis"]))


def test_qd366_exceeded_share_at_and_just_under_30_percent(build_year):
    # Every target met on time (100 points). a: 3 of 10 exceeded = 30% -> xuat-sac.
    # b: 2 of 7 exceeded = 28.6% -> tot (too few exceeded). c: nothing exceeded -> tot.
    # d: 1 of 3 exceeded, a task done at q1 with due h1 (ahead of time) = 33.3% -> xuat-sac.
    report = qd366_year(build_year, {
        "a": "c1=12 c2=12 c3=12 c4=10 c5=10 c6=10 c7=10 c8=10 c9=10 c10=10",
        "b": "c1=12 c2=12 c3=10 c4=10 c5=10 c6=10 c7=10",
        "c": "c1=10 k1=q1/q1",
        "d": "c1=10 c2=10 k1=h1/q1",
    })
    assert ratings(report) == {"a": "xuat-sac", "b": "tot", "c": "tot", "d": "xuat-sac"}
    assert basis(report) == {"a": "points", "b": "exceeded-short", "c": "exceeded-short", "d": "points"}
    assert report.units.set_index("unit_id")["points"].tolist() == [100, 100, 100, 100]


def test_qd366_met_late_one_of_five_is_hoan_thanh_one_of_four_is_not(build_year):
    # A task due h1 and first reported done at 9m is met late (its status at y is still "done").
    # a: 1 late of 5 = 20% (at most 20%) -> hoan-thanh, though 2 of 5 were done ahead (40% exceeded).
    # b: 1 late of 4 = 25% -> khong-hoan-thanh. c: the same 4 tasks, late_share 0.25 -> hoan-thanh.
    five = "k1=h1/9m k2=y/h1 k3=y/9m k4=9m/9m k5=y/y"
    four = "k1=h1/9m k2=9m/9m k3=y/9m k4=y/y"
    report = qd366_year(build_year, {"a": five, "b": four})
    assert ratings(report) == {"a": "hoan-thanh", "b": "khong-hoan-thanh"}
    assert basis(report) == {"a": "late", "b": "late-over"}
    units = report.units.set_index("unit_id")
    assert units.loc["a", "targets_late"] == 1 and units.loc["a", "targets_exceeded"] == 2
    assert units.loc["a", "points"] == 100  # every task done at y: the points do not see lateness
    assert bool(line(report, "a", "k1", "y")["late"]) is True
    assert bool(line(report, "a", "k1", "y")["met"]) is True
    assert line(report, "a", "k1", "q1")["status"] == "no_data"  # nothing reported before 9m
    relaxed = qd366_year(build_year, {"c": four}, extra="rating: {method: qd366, late_share: 0.25}\n")
    assert ratings(relaxed) == {"c": "hoan-thanh"}


def test_qd366_a_target_not_met_at_95_points_is_khong_hoan_thanh(build_year):
    # a: c1 exceeded (12/10 -> 1.2), c2 not met (7/10): score (1.2 + 0.7) / 2 = 0.95 -> 95 points,
    # one target not met -> khong-hoan-thanh (under `points` the same unit is xuat-sac).
    units = {"a": "c1=12 c2=7"}
    report = qd366_year(build_year, units)
    assert report.units.set_index("unit_id").loc["a", "points"] == pytest.approx(95, **APPROX)
    assert ratings(report) == {"a": "khong-hoan-thanh"}
    assert basis(report) == {"a": "not-met"}
    assert ratings(qd366_year(build_year, units, extra="rating: {method: points}\n")) == {"a": "xuat-sac"}


@pytest.mark.parametrize("value, band, rating_qd366, basis_qd366", [
    # One count target of 1000 (c-indicators use target 10, so values are tenths of a point here).
    (900, "xuat-sac", "khong-hoan-thanh", "not-met"),      # 90 points: threshold just met, target not met
    (899, "tot", "khong-hoan-thanh", "not-met"),           # 89.9: just missed
    (700, "tot", "khong-hoan-thanh", "not-met"),           # 70: just met
    (699, "hoan-thanh", "khong-hoan-thanh", "not-met"),    # 69.9: just missed
    (500, "hoan-thanh", "khong-hoan-thanh", "not-met"),    # 50: just met
    (499, "khong-hoan-thanh", "khong-hoan-thanh", "points"),  # 49.9: below every threshold: points decide
    (1000, "xuat-sac", "tot", "exceeded-short"),           # 100: met, none exceeded
    (1001, "xuat-sac", "xuat-sac", "points"),              # exceeded: 1 of 1 >= 30%
])
def test_qd366_point_thresholds_just_met_and_just_missed(build_year, value, band, rating_qd366, basis_qd366):
    # Every met target counts at least 100%, so a unit below 100 points has a target not met: under
    # qd366 it is khong-hoan-thanh whatever its points; the thresholds only say which rule decided.
    # The same unit under `points` gets the band alone.
    assert ratings(points_year(build_year, {"a": value})) == {"a": band}
    report = points_year(build_year, {"a": value}, extra=QD366)
    assert ratings(report) == {"a": rating_qd366}
    assert basis(report) == {"a": basis_qd366}


def test_qd366_quota_applies_after_the_conditions(build_year):
    # quota 0.5. Candidates (xuat-sac or tot after the conditions): a (2 of 3 exceeded, score 3.4/3),
    # b (1 of 3, score 3.2/3), c (none exceeded: tot) -> n = 3, floor(1.5) = 1 keeps xuat-sac: a; b -> tot.
    # e has the highest score (c1, c2 at 1.2, c3 9/10: 3.3/3 = 1.1) but a target not met: khong-hoan-thanh,
    # no candidate (were the quota applied first, e would take the one place). d met one of 5 late:
    # hoan-thanh, no candidate. Group h: x alone (xuat-sac), floor(0.5 * 1) = 0 -> tot.
    report = qd366_year(build_year, {
        "a": "c1=12 c2=12 c3=10", "b": "c1=12 c2=10 c3=10", "c": "c1=10 c2=10 c3=10",
        "d": "k1=h1/9m k2=y/h1 k3=y/9m k4=9m/9m k5=y/y", "e": "c1=12 c2=12 c3=9", "x": "c1=12",
    }, extra="rating: {method: qd366, quota: 0.5}\n")
    assert ratings(report) == {"a": "xuat-sac", "b": "tot", "c": "tot", "d": "hoan-thanh",
                               "e": "khong-hoan-thanh", "x": "tot"}
    assert basis(report) == {"a": "points", "b": "quota", "c": "exceeded-short", "d": "late",
                             "e": "not-met", "x": "quota"}
    allowed = dict(zip(report.units["unit_id"], report.units["quota_allowed"]))
    assert (allowed["a"], allowed["x"]) == (1, 0)


def test_qd366_decided_rating_stands_over_everything(build_year):
    # a computes xuat-sac (quota keeps it), the committee decided khong-hoan-thanh: rating is the decided one,
    # rating_computed and its basis stay as computed, and b stays tot (the quota is not re-run).
    report = qd366_year(build_year, {"a": "c1=12 c2=12 c3=10", "b": "c1=12 c2=10 c3=10"},
                        extra="rating: {method: qd366, quota: 0.5}\n",
                        ratings="unit_id,rating,reason\na,khong-hoan-thanh,Kỷ luật cán bộ lãnh đạo\n")
    units = summary_units(report)
    assert (units["a"]["rating"], units["a"]["rating_computed"]) == ("khong-hoan-thanh", "xuat-sac")
    assert (units["b"]["rating"], units["b"]["rating_computed"]) == ("tot", "tot")
    assert basis(report) == {"a": "points", "b": "quota"}
    assert bool(report.units.set_index("unit_id").loc["a", "decided"]) is True


def test_qd366_leader_condition_is_every_target_met_and_30_percent_exceeded(build_year):
    # a: 3 of 10 exceeded, all met -> True. b: 2 of 7 -> False. c: all met, 2 of 5 done ahead, one late:
    # the unit is hoan-thanh, but its leader's condition (100% completed, 30% exceeded) holds -> True.
    # e: a target not met -> False. Under `targets` there is no such condition: None.
    units = {"a": "c1=12 c2=12 c3=12 c4=10 c5=10 c6=10 c7=10 c8=10 c9=10 c10=10",
             "b": "c1=12 c2=12 c3=10 c4=10 c5=10 c6=10 c7=10",
             "c": "k1=h1/9m k2=y/h1 k3=y/9m k4=9m/9m k5=y/y", "e": "c1=12 c2=7"}
    report = qd366_year(build_year, units)
    assert dict(zip(report.units["unit_id"], report.units["leader_condition"])) == \
        {"a": True, "b": False, "c": True, "e": False}
    other = qd366_year(build_year, units, extra="rating: {method: targets}\n")
    assert set(other.units["leader_condition"]) == {None}


def test_qd366_default_shares_and_targets_defaults_differ(build_year):
    # exceeded_share defaults to 0.3 under qd366 and 0.5 under targets (schema.py); late_share 0.2.
    rules = qd366_year(build_year, {"a": "c1=10"}).year.rating
    assert (rules.method, rules.exceeded_share, rules.late_share) == ("qd366", 0.3, 0.2)
    rules = qd366_year(build_year, {"a": "c1=10"}, extra="").year.rating
    assert (rules.method, rules.exceeded_share, rules.met_weight_share) == ("targets", 0.5, 0.7)
    rules = qd366_year(build_year, {"a": "c1=10"}, extra="rating: {method: qd366, exceeded_share: 0.4}\n").year.rating
    assert (rules.exceeded_share, rules.late_share) == (0.4, 0.2)


# --- decided ratings, ratings before the final period ------------------------------------

def test_decided_rating_replaces_computed_in_export(build_year):
    # a computes xuat-sac (100/50 exceeded), the committee decided khong-hoan-thanh (discipline):
    # export rating = decided, rating_computed = computed. b has no decision: both computed (tot).
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,n,50
        b,n,50
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
        b,n,y,50,
    """, ratings="""
        unit_id,rating,reason
        a,khong-hoan-thanh,Vi phạm kỷ luật
    """)
    units = summary_units(report)
    assert (units["a"]["rating"], units["a"]["rating_computed"]) == ("khong-hoan-thanh", "xuat-sac")
    assert (units["b"]["rating"], units["b"]["rating_computed"]) == ("tot", "tot")
    assert report.units.set_index("unit_id").loc["a", "reason"] == "Vi phạm kỷ luật"


def test_decided_rating_of_a_unit_without_targets_is_not_shown(build_year):
    # b has no targets: its score, rating and rank are null (contract), whatever ratings.csv says.
    report = build_year(units=TWO_UNITS, targets="""
        unit_id,indicator_id,target
        a,n,50
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,50,
    """, ratings="""
        unit_id,rating,reason
        b,xuat-sac,Khen thưởng
    """)
    units = summary_units(report)
    assert units["b"] == {"unit_id": "b", "group_id": units["b"]["group_id"], "score": None, "rating": None,
                          "rating_computed": None, "rank_in_group": None}


def test_ratings_null_when_current_period_is_set_before_final(build_year):
    # Results up to y, but current_period: 9m -> summary at 9m, not final, ratings null (even the
    # decided one); score at 9m = 90/100 = 0.9; results.csv holds q1, h1, 9m only.
    report = build_year(year_yml_extra="current_period: 9m\n", targets="""
        unit_id,indicator_id,target
        a,n,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,9m,90,
        a,n,y,120,
    """, ratings="""
        unit_id,rating,reason
        a,tot,Quyết định
    """)
    summary = summary_data(report)
    assert (summary["period"], summary["final"]) == ("9m", False)
    assert summary["units"] == [{"unit_id": "a", "group_id": "g", "score": pytest.approx(0.9, **APPROX),
                                 "rating": None, "rating_computed": None, "rank_in_group": 1}]
    rows = results_csv(report).lstrip("\ufeff").splitlines()[1:]
    assert [r.split(",")[1] for r in rows] == ["q1", "h1", "9m"]
    assert rows[2].split(",")[-2:] == ["0.9", "on_track"]  # 90 >= 100 * 273/365 = 74.8


def test_ratings_null_at_default_current_period_before_final(build_year):
    # No current_period: the default is the last period with any result row (h1) -> not final,
    # ratings null, lines for q1 and h1 only.
    report = build_year(targets="""
        unit_id,indicator_id,target
        a,n,100
        a,t,
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,q1,30,
        a,t,h1,,done
    """)
    summary = summary_data(report)
    assert (summary["period"], summary["final"]) == ("h1", False)
    assert summary["units"][0]["rating"] is None
    assert summary["units"][0]["rating_computed"] is None
    assert sorted(set(report.lines["period"])) == ["h1", "q1"]
    # at h1 n has no row: no_data counts 0; the task is done: (0 + 1) / 2
    assert summary["units"][0]["score"] == pytest.approx(0.5, **APPROX)


# --- ranks --------------------------------------------------------------------------------

def test_ranks_shared_on_equal_scores_and_none_without_score(build_year):
    # group g: a 1.0, b 0.4, c 0.4, d 0.2 -> 1, 2, 2, 4 ; e has no targets -> unranked.
    # c's 0.4 is (1/10 + 7/10) / 2 = 0.39999999999999997 in floating point: equal to b's 40/100
    # for a reader, so it shares b's rank. Group h: x 0.3 -> rank 1 in its own group.
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        a,A,g,
        b,B,g,
        c,C,g,
        d,D,g,
        e,E,g,
        x,X,h,
    """, targets="""
        unit_id,indicator_id,target
        a,n,100
        b,n,100
        c,n,10
        c,amt,10
        d,n,100
        x,n,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,100,
        b,n,y,40,
        c,n,y,1,
        c,amt,y,7,
        d,n,y,20,
        x,n,y,30,
    """)
    ranks = {u["unit_id"]: u["rank_in_group"] for u in summary_data(report)["units"]}
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4, "e": None, "x": 1}


# --- province totals ------------------------------------------------------------------------

def test_province_totals_over_top_level_units_only(build_year):
    # p (top, target 100) = c1 40 + c2 30 rolled up = 70; q (top, target 50) = 60; z top-level
    # without an n target is not counted. Children are inside p: not counted again.
    # target_total 150, value_total 130, difference -20, units_met 1 (q), units_total 2.
    report = build_year(units="""
        unit_id,name,group_id,parent_id
        p,P,g,
        q,Q,g,
        z,Z,g,
        c1,C1,h,p
        c2,C2,h,p
    """, targets="""
        unit_id,indicator_id,target
        p,n,100
        q,n,50
        c1,n,60
        c2,n,40
        z,amt,10
    """, results="""
        unit_id,indicator_id,period,value,status
        c1,n,y,40,
        c2,n,y,30,
        q,n,y,60,
        z,amt,y,10,
    """)
    assert summary_totals(report)["n"] == {"indicator_id": "n", "target_total": 150, "value_total": 130,
                                           "difference": -20, "units_met": 1, "units_total": 2}


def test_province_totals_missing_values_add_nothing(build_year):
    # p has no value at y: adds its target 100 but no value. q: 60 of 50 (met).
    # target_total 150, value_total 60, difference -90, units_met 1, units_total 2.
    report = build_year(units=TWO_UNITS.replace("a,", "p,").replace("b,", "q,"), targets="""
        unit_id,indicator_id,target
        p,n,100
        q,n,50
    """, results="""
        unit_id,indicator_id,period,value,status
        p,n,q1,20,
        q,n,y,60,
    """)
    assert summary_totals(report)["n"] == {"indicator_id": "n", "target_total": 150, "value_total": 60,
                                           "difference": -90, "units_met": 1, "units_total": 2}


def test_province_totals_at_current_period(build_year):
    # current_period h1: totals use h1 values (a 30, b 50), not y. units_met counts met/exceeded:
    # b 50/40 exceeded; a 30/100 behind. target_total 140, value_total 80, difference -60.
    report = build_year(units=TWO_UNITS, year_yml_extra="current_period: h1\n", targets="""
        unit_id,indicator_id,target
        a,n,100
        b,n,40
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,h1,30,
        b,n,h1,50,
        a,n,y,100,
        b,n,y,40,
    """)
    assert summary_totals(report)["n"] == {"indicator_id": "n", "target_total": 140, "value_total": 80,
                                           "difference": -60, "units_met": 1, "units_total": 2}


def test_summary_indicators_are_sum_indicators_with_a_target(build_year):
    # Listed: n (count, sum), d (count down, sum), amt (sum; target only on a child unit, so
    # no top-level unit: totals 0 of 0). Not listed: r and rd (rate), t (task), nm (none),
    # mean (mean): not summed; other (count, sum) has no target this year.
    report = build_year(units=TREE, indicators="""
        indicator_id,name,kind,direction,aggregate
        n,Số lượng,count,,
        amt,Số tiền,amount,,sum
        d,Số vụ,count,down,
        r,Tỷ lệ,rate,,
        rd,Tỷ lệ giảm,rate,down,
        t,Nhiệm vụ,task,,
        nm,Số không cộng,count,,none
        mean,Số bình quân,count,,mean
        other,Chưa giao,count,,
    """, targets="""
        unit_id,indicator_id,target
        p,n,10
        p,d,5
        x1,amt,7
        p,r,50
        p,rd,2
        p,t,
        p,nm,3
        p,mean,3
    """, results="""
        unit_id,indicator_id,period,value,status
        p,n,y,10,
        p,d,y,6,
        x1,amt,y,8,
    """)
    totals = summary_totals(report)
    assert sorted(totals) == ["amt", "d", "n"]
    assert totals["amt"] == {"indicator_id": "amt", "target_total": 0, "value_total": 0,
                             "difference": 0, "units_met": 0, "units_total": 0}
    assert totals["d"] == {"indicator_id": "d", "target_total": 5, "value_total": 6,
                           "difference": 1, "units_met": 0, "units_total": 1}
