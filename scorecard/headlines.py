"""Views that say where things stand in words that follow each indicator's rule (issue 14 items 1 and 4).

Province totals as headline cards (the status word, its symbol and colour, and how far from the
target), and during the year the list of who is behind: targets behind the expected pace and
overdue tasks, the furthest behind first, bounded so that a 1,000-unit year stays readable.
Called by render.YearViews; the words come from scorecard/phrases.py.
"""

from __future__ import annotations

from markupsafe import Markup

from . import labels, phrases
from .badges import status_badge
from .text import escape

BEHIND_ON_SUMMARY = 10  # rows of each list on the summary; the group pages list more
BEHIND_ON_GROUP = 30
LATE = ("behind",)
OVERDUE = ("overdue",)


def met_count(met: int, total: int, on_track: int, final: bool) -> str:
    """How many units met a target; during the year, how many are at or ahead of the pace, and of those
    how many already reached the full-year target ("7/11 đơn vị đúng hoặc vượt tiến độ, trong đó 5 đơn vị
    đã đạt chỉ tiêu cả năm"). Only a higher-is-better target can be reached early, so "vượt" never
    describes a lower-is-better one."""
    if final:
        share = f", {labels.share(met / total)}" if total else ""
        return f"{met}/{total} đơn vị đạt chỉ tiêu{share}"
    if not met:
        return f"{on_track}/{total} đơn vị đúng tiến độ"
    return f"{met + on_track}/{total} đơn vị đúng hoặc vượt tiến độ, trong đó {met} đơn vị đã đạt chỉ tiêu cả năm"


def total_result(t: dict, ind: dict) -> phrases.Result:
    """A province total as a phrase's figures."""
    return phrases.Result(status=t["status"], direction=ind["direction"], kind=ind["kind"], value=t["value_total"],
                          target=t["target_total"], completion=t["completion"], measure=ind["measure"] or "",
                          elapsed=t["elapsed"])


def total_card(t: dict, ind: dict, final: bool) -> dict:
    """A headline card of a province total: figure, the status word (badge: symbol and colour), the gap in
    words, the units that met it; the target called the year's target during the year."""
    result = total_result(t, ind)
    return {
        "status": Markup(t["status"]),  # our own code (a CSS class), not data text: no escaping needed
        "measure": ind["measure"],
        "value": labels.number(t["value_total"], ind["kind"]) if t["status"] != "no_data" else "–",
        "target": labels.number(t["target_total"], ind["kind"]),
        "target_label": "" if final else "chỉ tiêu năm",
        "badge": status_badge(t["status"], ind["direction"], ind["kind"]),
        "detail": phrases.detail(result), "phrase": phrases.phrase(result),
        "met": met_count(int(t["units_met"]), int(t["units_total"]), int(t["units_on_track"]), final),
        "direction": labels.DIRECTION[ind["direction"]].lower() if ind["direction"] == "down" else "",
    }


def shortfall(line: dict) -> float:
    """How far a line is from where it should be now, as a share of its target: the expected pace minus
    the completion for a cumulative count or amount, 1 minus the completion otherwise."""
    completion = 0.0 if labels.missing(line["completion"]) else float(line["completion"])
    expected = line["elapsed"] if line["kind"] in phrases.CUMULATIVE and line["direction"] == "up" else 1.0
    return max(expected - completion, 0.0)


def gap(line: dict) -> float:
    """How far from the target in its own unit: orders lines equally far in share (target 0 over by 1 or by 2)."""
    if labels.missing(line["value"]) or labels.missing(line["target"]):
        return 0.0
    return abs(float(line["value"]) - float(line["target"]))


def behind_view(views, unit_ids, root: str, limit: int) -> dict | None:
    """During the year: these units' targets behind schedule and overdue tasks, furthest behind first (at
    most `limit` of each), with counts of the rest; None at the final period or when nothing is late."""
    year = views.year
    if year.is_final:
        return None
    wanted = set(unit_ids)
    elapsed = float(year.periods.iloc[year.current_index]["elapsed"])
    late = [line | {"elapsed": elapsed} for line in late_lines(views, LATE) if line["unit_id"] in wanted]
    overdue = [line for line in late_lines(views, OVERDUE) if line["unit_id"] in wanted]
    if not late and not overdue:
        return None
    name_key = lambda line: (views.units[line["unit_id"]]["name_key"],
                             views.indicators[line["indicator_id"]]["name"])
    late.sort(key=lambda line: (-round(shortfall(line), 9), -gap(line), name_key(line)))
    overdue.sort(key=lambda line: (year.period_index.get(line["due"], len(year.periods)), name_key(line)))
    return {
        "late": [late_row(views, line, root) for line in late[:limit]], "late_total": len(late),
        "overdue": [overdue_row(views, line, root) for line in overdue[:limit]], "overdue_total": len(overdue),
        "units": len({line["unit_id"] for line in late + overdue}),
        "limit": limit, "period_name": views.period_names[year.current_period],
        "pace": labels.share(elapsed),
        "indicators": indicator_counts(views, late + overdue, root),
    }


def late_lines(views, statuses: tuple[str, ...]) -> list[dict]:
    """The current period's lines in these statuses, found once per year (the summary and every group ask)."""
    cache = views.__dict__.setdefault("_lines_by_status", {})
    if statuses not in cache:
        cache[statuses] = [line for lines in views.now_by_indicator.values() for line in lines
                           if line["status"] in statuses]
    return cache[statuses]


def late_row(views, line: dict, root: str) -> dict:
    """A target behind schedule: who, which, the figures and how far from the pace in words."""
    ind = views.indicators[line["indicator_id"]]
    result = phrases.Result(status=line["status"], direction=ind["direction"], kind=ind["kind"], value=line["value"],
                            target=line["target"], completion=line["completion"], measure=ind["measure"] or "",
                            elapsed=line["elapsed"])
    return {
        "unit": views.unit_link(line["unit_id"], root), "indicator": views.indicator_link(line["indicator_id"], root),
        "value": labels.measure_number(line["value"], ind["kind"], ind["measure"] or ""),
        "target": labels.measure_number(line["target"], ind["kind"], ind["measure"] or ""),
        "badge": status_badge(line["status"], ind["direction"], ind["kind"]), "detail": phrases.detail(result),
        "sort": labels.sort_value(shortfall(line)),
    }


def overdue_row(views, line: dict, root: str) -> dict:
    """An overdue task: who, which task, the product expected and when it was due."""
    due = line["due"] if isinstance(line["due"], str) else views.year.final_period
    end = views.year.periods.set_index("period_id").loc[due, "end"]
    return {
        "unit": views.unit_link(line["unit_id"], root), "indicator": views.indicator_link(line["indicator_id"], root),
        "product": line["product"] or "–", "due": f"{views.period_names[due]} ({labels.date(end)})",
        "due_sort": str(views.year.period_index[due]),
    }


def indicator_counts(views, lines: list[dict], root: str) -> list[Markup]:
    """Links to the indicators that have late lines, each with how many: where the full lists are."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line["indicator_id"]] = counts.get(line["indicator_id"], 0) + 1
    ordered = sorted(counts, key=lambda i: (-counts[i], views.indicators[i]["name"]))
    return [Markup(f"{views.indicator_link(i, root)} ({escape(str(counts[i]))})") for i in ordered]
