"""Render stage, officials: a page per official, the year's list, the officials named on unit pages,
search entries. Nothing here when the year has no officials.csv (the site is then as without it).

The record across years ("Qua các năm") is not written into these pages: a closed year's pages
never change, so they read it from officials/<bucket>.js at the site's root, which every build
writes from each year's export/officials.csv (archive.cross_year_scripts), later years included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment
from markupsafe import Markup

from . import labels
from .badges import rating_badge
from .text import escape, name_sort_key

if TYPE_CHECKING:
    from .render import YearViews

OFFICIAL_DIR = "can-bo"


def official_pages(views: "YearViews", env: Environment) -> dict[str, str]:
    """can-bo/index.md (the year's officials) and can-bo/<official_id>.md; nothing without officials.csv."""
    people = views.officials
    if people is None:
        return {}
    pages = {f"{OFFICIAL_DIR}/index.md": env.get_template("officials.md.j2").render(people.listing())}
    template = env.get_template("official.md.j2")
    for official_id in people.order:
        pages[f"{OFFICIAL_DIR}/{official_id}.md"] = template.render(people.official(official_id))
    return pages


class OfficialViews:
    """The officials of one year as formatted views; built once from the Report's frames."""

    def __init__(self, views: "YearViews"):
        report = views.report
        self.views = views
        self.year = views.year
        self.posts: dict[str, list[dict]] = {}
        for post in report.officials.to_dict("records"):
            self.posts.setdefault(post["official_id"], []).append(post)
        self.names = {official_id: posts[0]["name"] for official_id, posts in self.posts.items()}
        self.order = sorted(self.posts, key=lambda o: (name_sort_key(self.names[o]), o))
        self.by_unit: dict[str, list[dict]] = {}
        for posts in self.posts.values():
            for post in posts:
                self.by_unit.setdefault(post["unit_id"], []).append(post)
        self.tenures: dict[int, list[dict]] = {}
        for tenure in report.tenures.to_dict("records"):
            self.tenures.setdefault(tenure["row"], []).append(tenure)
        self.first_done = first_deliveries(views, set(self.by_unit))

    def link(self, official_id: str, root: str) -> Markup:
        return Markup(f'<a href="{root}{OFFICIAL_DIR}/{official_id}.html">{escape(self.names[official_id])}</a>')

    def dates(self, post: dict) -> str:
        """The dates of a post, dd/mm/yyyy."""
        return f"{labels.date(post['from'].date())} – {labels.date(post['to'].date())}"

    def whole(self, post: dict) -> bool:
        """Whether a post runs from 1 January to the end of the final period (dates then go unsaid)."""
        final_end = self.year.periods["end"].iloc[-1]
        return post["from"].date() == post["from"].date().replace(month=1, day=1) and post["to"].date() == final_end

    def rating_cell(self, post: dict) -> Markup:
        """The unit's rating for a post, or why there is none."""
        if not labels.missing(post["unit_rating"]):
            return rating_badge(post["unit_rating"])
        return Markup("–")

    def rating_note(self, post: dict) -> str:
        """Why a post shows no rating, in words."""
        if not labels.missing(post["unit_rating"]):
            return ""
        final_name = self.views.period_names[self.year.final_period]
        if labels.missing(post["last_period_in_post"]):
            return ""  # the page says so under the headline (no period ended while the post was held)
        if not self.year.is_final:
            return f"Xếp loại tính khi kết thúc kỳ cuối ({final_name})."
        if post["last_period_in_post"] != self.year.final_period:
            return f"Không giữ chức vụ đến kỳ cuối ({final_name}): xếp loại của đơn vị không tính cho chức vụ này."
        return "Đơn vị không được giao chỉ tiêu, nhiệm vụ: không xếp loại."

    def listing(self) -> dict:
        """can-bo/index.md: every post of the year, one row each, by the official's name."""
        view = self.views.common("../")
        rows = []
        for official_id in self.order:
            for post in self.posts[official_id]:
                rows.append({
                    "link": self.link(official_id, "../"),
                    "name_sort": " ".join(self.names[official_id].split()[-1:] + self.names[official_id].split()[:-1]),
                    "title": post["title"], "unit": self.views.unit_link(post["unit_id"], "../"),
                    "dates": self.dates(post), "from_sort": post["from"].date().isoformat(),
                    "period": self.period_name(post["last_period_in_post"]),
                    "period_sort": "" if labels.missing(post["last_period_index"]) else str(int(post["last_period_index"])),
                    "score": labels.percent(post["unit_score"]), "score_sort": labels.sort_value(post["unit_score"]),
                    "rating": self.rating_cell(post), "rating_sort": labels.rating_sort(post["unit_rating"]),
                })
        view.update({"rows": rows, "people": len(self.order)})
        return view

    def period_name(self, period_id) -> str:
        return "–" if labels.missing(period_id) else self.views.period_names[period_id]

    def official(self, official_id: str) -> dict:
        """An official's page: the posts held in the year and the unit's results while each was held."""
        views = self.views
        view = views.common("../")
        posts = []
        for number, post in enumerate(self.posts[official_id], start=1):
            tenures = self.tenures.get(post["row"], [])
            held = {t["period_index"] for t in tenures}
            last = tenures[-1] if tenures else None
            posts.append({
                "id": f"chuc-vu-{number}", "title": post["title"],
                "unit": views.unit_link(post["unit_id"], "../"), "unit_name": views.units[post["unit_id"]]["name"],
                "dates": self.dates(post),
                "periods": ", ".join(views.period_names[t["period"]] for t in tenures),
                "last_period": self.period_name(post["last_period_in_post"]),
                "score": labels.percent(post["unit_score"]), "score_sort": labels.sort_value(post["unit_score"]),
                "rating": self.rating_cell(post), "rating_sort": labels.rating_sort(post["unit_rating"]),
                "rating_note": self.rating_note(post),
                "met": f"{last['targets_met']}/{last['targets']}" if last and last["targets"] else "–",
                # before the last period a count of targets met is of full-year targets already reached
                "met_label": "Chỉ tiêu, nhiệm vụ đạt" if last and last["period"] == self.year.final_period
                else "Đã đạt chỉ tiêu năm",
                "by_period": [{"period": views.period_names[t["period"]], "score": labels.percent(t["score"]),
                               "score_sort": labels.sort_value(t["score"]),
                               "met": f"{t['targets_met']}/{t['targets']}" if t["targets"] else "–",
                               "met_sort": str(t["targets_met"])} for t in tenures],
                "tasks": [task for task in self.first_done.get(post["unit_id"], []) if task["period_index"] in held],
                "has_targets": bool(views.units[post["unit_id"]]["targets"]),
            })
        view.update({"official_id": official_id, "name": self.names[official_id], "posts": posts})
        return view

    def unit_officials(self, unit_id: str) -> list[dict]:
        """The officials of a unit, for its page: name with a link, title, dates where not the whole year."""
        return [{"link": self.link(post["official_id"], "../"), "title": post["title"],
                 "dates": "" if self.whole(post) else self.dates(post)}
                for post in sorted(self.by_unit.get(unit_id, []), key=lambda p: (p["from"], p["row"]))]

    def search_entries(self, entry) -> list[dict]:
        """Search finds an official by name (with or without diacritics), post or unit."""
        found = []
        for official_id in self.order:
            posts = self.posts[official_id]
            about = "; ".join(f"{p['title']}, {self.views.units[p['unit_id']]['name']}" for p in posts)
            found.append(entry(self.names[official_id], f"{OFFICIAL_DIR}/{official_id}.html", f"Cán bộ · {about}",
                               official_id, about, 2))
        return found


def first_deliveries(views: "YearViews", units: set[str]) -> dict[str, list[dict]]:
    """The tasks of these units with the period each was first reported done, the product and evidence."""
    delivered: dict[str, list[dict]] = {}
    for unit_id in sorted(units):
        lines = views.lines_by_unit.get(unit_id, [])
        seen = set()
        for line in lines:  # in (indicator, period) order: the first done line of each task
            if line["kind"] != "task" or line["status"] != "done" or line["indicator_id"] in seen:
                continue
            seen.add(line["indicator_id"])
            evidence = next((other["evidence"] for other in lines if other["indicator_id"] == line["indicator_id"]
                             and other["period_index"] >= line["period_index"] and other["evidence"]), "")
            delivered.setdefault(unit_id, []).append({
                "link": views.indicator_link(line["indicator_id"], "../"), "product": line["product"],
                "evidence": evidence, "period": views.period_names[line["period"]],
                "period_index": line["period_index"],
            })
    return delivered
