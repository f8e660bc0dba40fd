"""The pages of a year published as the assignment (giao chỉ tiêu): targets and tasks, no result yet.

A year with targets and no result row has no current period (Year.current_period is None): its
summary, group, unit and indicator pages list what each unit was assigned, and say that there is no
result yet, with no value, status, score, rating, rank or chart (the contract's Computation section).
The other pages (method, downloads, search, officials) are the year's usual ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import labels

if TYPE_CHECKING:
    from .render import YearViews

NO_RESULT = "chưa có kết quả"


class Assigned:
    """Views of the assignment: each unit's targets and tasks, read from the year's targets once."""

    def __init__(self, views: YearViews):
        self.views = views
        year = views.year
        targets = year.targets.merge(year.indicators[["indicator_id", "kind"]], on="indicator_id")
        order = {i: n for n, i in enumerate(year.indicators["indicator_id"])}
        records = sorted(targets.to_dict("records"), key=lambda t: (order[t["indicator_id"]], t["unit_id"]))
        self.by_unit: dict[str, list[dict]] = {}
        self.by_indicator: dict[str, list[dict]] = {}
        for t in records:
            self.by_unit.setdefault(t["unit_id"], []).append(t)
            self.by_indicator.setdefault(t["indicator_id"], []).append(t)
        self.first = year.periods.iloc[0]  # the first period: when results are due

    def common(self, root: str) -> dict:
        """What every page of the assignment shows: the year's facts and when the first results are due."""
        return self.views.common(root) | {
            "no_result": NO_RESULT, "first_period": self.first["name"], "first_end": labels.date(self.first["end"])}

    def counts(self, unit_id: str) -> dict:
        """How many number targets and tasks a unit was assigned."""
        kinds = [t["kind"] for t in self.by_unit.get(unit_id, [])]
        tasks = kinds.count("task")
        return {"numbers": len(kinds) - tasks, "tasks": tasks}

    def unit_row(self, unit_id: str, root: str) -> dict:
        """A unit as a row of a list: name, head, what it was assigned."""
        u = self.views.units[unit_id]
        return {"link": self.views.unit_link(unit_id, root), "head": u["head"]} | self.counts(unit_id)

    def summary(self) -> dict:
        """The province's assignment: totals of the summed targets, each group and its units."""
        views = self.views
        view = self.common("")
        view["headlines"] = [{
            "link": views.indicator_link(t["indicator_id"], ""), "measure": views.indicators[t["indicator_id"]]["measure"],
            "target": labels.number(t["target_total"], views.indicators[t["indicator_id"]]["kind"]),
            "units": t["units_total"]} for t in views.totals.values()]
        groups = []
        for group_id in views.group_order:
            members = views.members[group_id]
            listed, truncated = views.summary_cut(members)
            counts = [self.counts(u) for u in members]
            groups.append({
                "id": group_id, "name": views.groups[group_id]["name"], "link": views.group_link(group_id, ""),
                "units": len(members), "numbers": sum(c["numbers"] for c in counts),
                "tasks": sum(c["tasks"] for c in counts), "truncated": truncated,
                "rows": [self.unit_row(u, "") for u in listed]})
        view["groups"] = groups
        return view

    def group(self, group_id: str) -> dict:
        """A group's page: its units and what each was assigned."""
        view = self.common("../")
        view["name"] = self.views.groups[group_id]["name"]
        view["rows"] = [self.unit_row(u, "../") for u in self.views.members[group_id]]
        return view

    def unit(self, unit_id: str) -> dict:
        """A unit's page: its number targets and its tasks, as assigned."""
        views = self.views
        u = views.units[unit_id]
        parent = u["parent_id"]
        view = self.common("../") | {
            "unit_id": unit_id, "name": u["name"], "head": u["head"], "group": views.group_link(u["group_id"], "../"),
            "parent": None if labels.missing(parent) else views.unit_link(parent, "../"), **self.counts(unit_id)}
        numbers, tasks = [], []
        for t in self.by_unit.get(unit_id, []):
            ind = views.indicators[t["indicator_id"]]
            row = {"link": views.indicator_link(t["indicator_id"], "../"), "weight": labels.number(t["weight"]),
                   "note": t["note"], "weight_sort": labels.sort_value(t["weight"])}
            if t["kind"] == "task":
                tasks.append(row | {"product": t["product"], "due": views.period_names[t["due"]],
                                    "due_sort": str(views.year.period_index[t["due"]])})
            else:
                numbers.append(row | {"direction": ind["direction"], "target_sort": labels.sort_value(t["target"]),
                                      "target": labels.measure_number(t["target"], ind["kind"], ind["measure"]),
                                      "measure": "" if ind["measure"].strip() == "%" else ind["measure"]})
        view["numbers"], view["tasks"] = numbers, tasks
        view["children"] = [self.unit_row(c, "../") for c in views.children.get(unit_id, [])]
        view["officials"] = views.officials.unit_officials(unit_id) if views.officials is not None else []
        return view

    def indicator_pages(self, indicator_id: str) -> list[tuple[str, dict]]:
        """An indicator's pages: every unit assigned it, in alphabetical order, paged as a year's indicator pages."""
        views = self.views
        ind = views.indicators[indicator_id]
        assigned = sorted(self.by_indicator.get(indicator_id, []), key=lambda t: views.units[t["unit_id"]]["name_key"])
        total = views.totals.get(indicator_id)
        pages = views.indicator_chunks(indicator_id, assigned)
        for path, view, chunk in pages:
            root = view["root"]
            view.update(self.common(root))
            view["total"] = None if total is None else {
                "target": labels.number(total["target_total"], ind["kind"]), "units": total["units_total"]}
            view["rows"] = [{
                "link": views.unit_link(t["unit_id"], root),
                "group": views.group_link(views.units[t["unit_id"]]["group_id"], root),
                "target": labels.measure_number(t["target"], ind["kind"], ind["measure"]),
                "target_sort": labels.sort_value(t["target"]), "product": t["product"],
                "due": views.period_names[t["due"]] if isinstance(t["due"], str) else "–",
                "due_sort": str(views.year.period_index[t["due"]]) if isinstance(t["due"], str) else ""}
                for t in chunk]
        return [(path, view) for path, view, _ in pages]
