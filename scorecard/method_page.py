"""The year's "Cách tính" page: how completion, statuses, score, rating, rank and roll-ups are computed,
in plain Vietnamese, from that year's own settings, with one worked example from its own data.

Every figure here is read from the Report (compute.py decides); tests/test_method_page.py recomputes the
worked example from the year's inputs, so the page cannot disagree with the code.
"""

from __future__ import annotations

import calendar

from . import labels, reasons
from .badges import rating_badge, status_badge
from .compute import SCORE_CAP

PAGE = "cach-tinh.md"
EXAMPLE_MAX_LINES = 8  # a longer unit makes a worked example nobody follows


def elapsed_rows(views) -> list[dict]:
    """Each period: end date, day of the year over days in the year, and the share; current and final marked."""
    year = views.year
    rows = []
    for p in year.periods.to_dict("records"):
        days = 366 if calendar.isleap(p["end"].year) else 365
        rows.append({"name": p["name"], "end": labels.date(p["end"]), "day": p["end"].timetuple().tm_yday,
                     "days": days, "share": labels.percent(p["elapsed"]),
                     "current": p["period_id"] == year.current_period, "final": p["period_id"] == year.final_period})
    return rows


def level_rows(rules) -> list[dict]:
    """The four levels and what each needs under the year's method and settings."""
    share = labels.share
    points = {k: labels.number(getattr(rules, f"points_{k.replace('-', '_')}"))
              for k in ("xuat-sac", "tot", "hoan-thanh")}
    if rules.method == "targets":
        needs = {
            "xuat-sac": f"Mọi chỉ tiêu, nhiệm vụ đạt và ít nhất {share(rules.exceeded_share)} số chỉ tiêu, "
                        "nhiệm vụ vượt (nhiệm vụ hoàn thành trước hạn tính là vượt).",
            "tot": "Mọi chỉ tiêu, nhiệm vụ đạt.",
            "hoan-thanh": f"Các chỉ tiêu, nhiệm vụ đạt chiếm ít nhất {share(rules.met_weight_share)} tổng trọng số.",
        }
    elif rules.method == "points":
        needs = {"xuat-sac": f"Từ {points['xuat-sac']} điểm.",
                 "tot": f"Từ {points['tot']} điểm đến dưới {points['xuat-sac']} điểm.",
                 "hoan-thanh": f"Từ {points['hoan-thanh']} điểm đến dưới {points['tot']} điểm."}
    else:
        needs = {
            "xuat-sac": f"Từ {points['xuat-sac']} điểm; mọi chỉ tiêu, nhiệm vụ đạt đúng hạn; ít nhất "
                        f"{share(rules.exceeded_share)} số chỉ tiêu, nhiệm vụ vượt.",
            "tot": f"Từ {points['tot']} điểm; mọi chỉ tiêu, nhiệm vụ đạt đúng hạn.",
            "hoan-thanh": f"Từ {points['hoan-thanh']} điểm; mọi chỉ tiêu, nhiệm vụ đạt; số hoàn thành chậm so với "
                          f"hạn không quá {share(rules.late_share)} số chỉ tiêu, nhiệm vụ.",
        }
    needs["khong-hoan-thanh"] = "Các trường hợp còn lại."
    return [{"badge": rating_badge(level), "needs": needs[level]} for level in labels.RATING]


def example_unit(views) -> str | None:
    """The unit worked through: one whose lines show most of the rules (a capped completion, a task, a
    number, a weight, a lower-is-better target, a condition that held the rating down), at most
    EXAMPLE_MAX_LINES lines, none rolled up; preferably not one decided by the committee or moved by the
    quota (both explained in words). Ties: display order."""
    best, best_key = None, None
    for unit_id, u in views.units.items():
        lines = [r for r in views.lines_by_unit.get(unit_id, []) if r["period_index"] == views.year.current_index]
        if not lines or any(r["rolled_up"] for r in lines):
            continue
        features = [
            any(not labels.missing(r["completion"]) and r["completion"] > SCORE_CAP for r in lines),
            any(r["kind"] == "task" for r in lines), any(r["kind"] != "task" for r in lines),
            any(r["weight"] != 1 for r in lines), any(r["direction"] == "down" and r["kind"] != "task" for r in lines),
            u.get("rating_basis") not in (None, "points", "exceeded", "quota"),
            any(r["status"] != "no_data" for r in lines),
        ]
        plain = not u["decided"] and u.get("rating_basis") != "quota"
        key = (len(lines) <= EXAMPLE_MAX_LINES, plain, sum(features) + features[5])  # a deciding condition counts twice
        if best_key is None or key > best_key:
            best, best_key = unit_id, key
    return best


def example_view(views) -> dict | None:
    """The worked example: the unit's lines at the current period, each step of its score, rating and rank."""
    unit_id = example_unit(views)
    if unit_id is None:
        return None
    u = views.units[unit_id]
    rows, weighted, weights = [], 0.0, 0.0
    for r in views.lines_by_unit[unit_id]:
        if r["period_index"] != views.year.current_index:
            continue
        ind = views.indicators[r["indicator_id"]]
        counted = 0.0 if labels.missing(r["completion"]) else min(r["completion"], SCORE_CAP)
        weighted += r["weight"] * counted
        weights += r["weight"]
        rows.append({
            "name": ind["name"], "indicator_id": r["indicator_id"],
            "kind": labels.KIND[ind["kind"]] + ("" if ind["kind"] == "task" else
                                                f", {labels.DIRECTION[ind['direction']].lower()}"),
            "target": "–" if ind["kind"] == "task" else labels.measure_number(r["target"], ind["kind"], ind["measure"]),
            "value": task_report(r, views) if ind["kind"] == "task"
            else labels.measure_number(r["value"], ind["kind"], ind["measure"]),
            "completion": labels.percent(r["completion"]), "counted": labels.percent(counted),
            "weight": labels.number(r["weight"]), "product": labels.number(r["weight"] * counted),
            "status": status_badge(r["status"], ind["direction"], ind["kind"]),
        })
    rules = views.year.rating
    rank = "–" if labels.missing(u["rank_in_group"]) else \
        f"{int(u['rank_in_group'])}/{len(views.members[u['group_id']])}"
    return {
        "unit_id": unit_id, "link": views.unit_link(unit_id, ""), "group": views.group_link(u["group_id"], ""),
        "rows": rows, "weighted": labels.number(weighted), "weights": labels.number(weights),
        "score": labels.percent(u["score"]), "points": reasons.points_text(u["points"]),
        "rank": rank, "rating": rating_badge(u["rating"]) if not labels.missing(u["rating"]) else None,
        "why": reasons.reason(u, rules),
        "counts": f"{u['targets_met']}/{u['targets']} đạt, {u['targets_exceeded']} vượt"
                  + (f", {u['targets_late']} hoàn thành chậm so với hạn" if rules.method == "qd366" else ""),
    }


def task_report(r: dict, views) -> str:
    """What a task's line reports: done or not, and by when it was due."""
    due = views.period_names[r["due"]] if isinstance(r["due"], str) else views.period_names[views.year.final_period]
    return f"{labels.STATUS.get(r['status'], '–')} (hạn: {due})"


def method_view(views) -> dict:
    """Everything the Cách tính page says, from the year's settings and data."""
    year, rules = views.year, views.year.rating
    view = views.common("")
    elapsed = dict(zip(year.periods["period_id"], year.periods["elapsed"]))
    view.update({
        "page_title": f"Cách tính năm {year.year}", "method": rules.method,
        "elapsed": elapsed_rows(views), "levels": level_rows(rules),
        "cap": labels.share(SCORE_CAP), "current_elapsed": "" if year.is_assignment else labels.percent(elapsed[year.current_period]),
        "points_xuat_sac": labels.number(rules.points_xuat_sac),
        "quota": None if rules.quota is None else labels.share(rules.quota),
        "exceeded_share": labels.share(rules.exceeded_share), "late_share": labels.share(rules.late_share),
        "example": example_view(views),
        "leader_rule": reasons.leader_condition(
            {"leader_condition": True, "targets": 0, "targets_met": 0, "targets_exceeded": 0}, rules)["rule"]
        if rules.method == "qd366" else "",
    })
    return view
