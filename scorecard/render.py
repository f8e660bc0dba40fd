"""Render stage: the Report becomes {relative path: text} (Markdown pages, exports), no disk I/O.

Views (plain dicts of already formatted strings) are built here; the jinja2
templates in templates/ only lay them out.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import bulletin_output, charts, exports, headlines, labels, method_page, phrases, reasons
from .badges import rating_badge, status_badge
from .model import Report
from .progress import NO_TIMER, StageTimer
from .paths import TEMPLATES
from .render_assignment import Assigned
from .render_officials import OFFICIAL_DIR, OfficialViews, official_pages
from .render_trends import TrendViews
from .text import escape, fold, vi_sort_key, yaml_string

GROUP_DIR, UNIT_DIR, INDICATOR_DIR, BULLETIN_DIR = "nhom", "don-vi", "chi-tieu", "ban-tin"
LINE_FIELDS = ["unit_id", "indicator_id", "period", "period_index", "kind", "direction", "target", "value",
               "rolled_up", "completion", "status", "weight", "due", "product", "note", "evidence", "done_ahead"]
PAGE_SIZE = 100  # units listed on one indicator page
CHART_BARS = 40  # beyond this many units a chart shows bands of completion, not a bar each
SUMMARY_RANKING = 30  # a larger group shows its first ten on the summary, all on its own page
SUMMARY_TOP = 10
BANDS = ((None, "Chưa có số liệu"), (0.5, "Dưới 50%"), (0.7, "50% – dưới 70%"), (0.9, "70% – dưới 90%"),
         (1.0, "90% – dưới 100%"), (1.2, "100% – dưới 120%"), (float("inf"), "Từ 120%"))


def environment(templates: Path = TEMPLATES) -> Environment:
    """Our own jinja2 environment: every printed value is escaped for HTML and Markdown."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, finalize=escape,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["yaml"] = lambda value: Markup(yaml_string(value))
    return env


def render_year(report: Report, env: Environment | None = None,
                timer: StageTimer = NO_TIMER) -> dict[str, str | bytes]:
    """Every page and export of one year, as {path relative to the year's folder: text (bytes for .xlsx)}."""
    env = env or environment()
    exported = exports.start_exports(report)  # made on another core while the pages are rendered
    views = YearViews(report, timer)
    pages: dict[str, str | bytes] = {}

    def page(path: str, template: str, view: dict) -> None:
        """A page, and beside it its charts' figures as CSV files (chart_downloads)."""
        pages.update(chart_downloads(path, view))
        pages[path] = env.get_template(template).render(view)

    # No result yet (no current period): the same pages show what each unit was assigned (render_assignment.py).
    shown, kind = (Assigned(views), "assignment_") if report.year.is_assignment else (views, "")
    page("index.md", f"{kind}summary.md.j2", shown.summary())
    for group_id in views.group_order:
        page(f"{GROUP_DIR}/{group_id}.md", f"{kind}group.md.j2", shown.group(group_id))
    for unit_id in views.units:
        page(f"{UNIT_DIR}/{unit_id}.md", f"{kind}unit.md.j2", shown.unit(unit_id))
    for indicator_id in views.indicators:
        for path, view in shown.indicator_pages(indicator_id):
            page(path, f"{kind}indicator.md.j2", view)
    pages.update(bulletin_pages(views, env))
    pages[method_page.PAGE] = env.get_template("method.md.j2").render(method_page.method_view(views))
    pages.update(official_pages(views, env))
    pages["du-lieu.md"] = env.get_template("downloads.md.j2").render(
        views.common("") | {"has_officials": report.officials is not None, "has_bulletins": bool(report.bulletins)})
    pages["tim-kiem.md"] = env.get_template("search.md.j2").render(views.common("") | {"search_page": True})
    pages["assets/search-index.js"] = f"window.SCORECARD_SEARCH = {charts.script_json(views.search_entries())};\n"
    pages["assets/chart-designs.js"] = charts.designs_script()
    pages.update(exported.result())
    return pages


# Each chart's figures are offered beside it as <page>.<what>.csv (the summary's as tong-hop.<what>.csv).
CHART_FILES = {"chart-groups": "diem-theo-nhom", "chart-ratings": "xep-loai", "chart-statuses": "trang-thai",
               "chart-group": "diem-cac-don-vi", "chart-completion": "muc-hoan-thanh", "chart-progress": "tien-do",
               "chart-indicator": "muc-hoan-thanh", "chart-trend": "dien-bien"}


def chart_downloads(path: str, view: dict) -> dict[str, str]:
    """The CSV files of a page's charts, each linked from its chart (the chart's `csv`)."""
    folder, name = posixpath.split(path[:-len(".md")])
    stem = "tong-hop" if name == "index" and not folder else name
    files = {}
    for chart in [*(view.get("charts") or []), *([view["trend"]["chart"]] if view.get("trend") else [])]:
        file = f"{stem}.{CHART_FILES.get(chart['id'], chart['id'])}.csv"
        chart["csv"] = file
        files[posixpath.join(folder, file)] = charts.data_csv(*chart["table"])
    return files


def site_nav(report: Report) -> list:
    """The year's navigation: summary, groups, indicators, downloads (units are reached from groups)."""
    return [
        "index.md",
        {"Nhóm đơn vị": [f"{GROUP_DIR}/{g}.md" for g in group_order(report.year.groups)]},
        {"Chỉ tiêu": [f"{INDICATOR_DIR}/{i}.md" for i in report.year.indicators["indicator_id"]]},
        *([f"{OFFICIAL_DIR}/index.md"] if report.officials is not None else []),
        *([f"{BULLETIN_DIR}/index.md"] if report.bulletins else []),
        method_page.PAGE,
        "du-lieu.md",
        "tim-kiem.md",
    ]


def bulletin_listing(report: Report, pdfs: dict[str, bytes]) -> list[dict]:
    """The year's bulletins as rows of a list, newest first, each PDF link saying what it opens."""
    return [{"number": b.number, "date": labels.date(b.date), "period": b.period, "period_name": b.period_name,
             "title": b.title, "date_sort": b.date.isoformat(), "period_sort": str(report.year.period_index[b.period]),
             "pdf_text": bulletin_pdf_text(b.period_name, report.year.year, pdf_pages(pdfs[b.period]))}
            for b in report.bulletins]


def archive_figures(summary: dict) -> dict:
    """A year's headline figures for the archive's front page, from its export/summary.json: how many
    units in how many groups, and at the final period how many got each rating (in the rating's order)."""
    units = summary.get("units", [])
    rated = Counter(u["rating"] for u in units if u.get("rating"))
    return {"units": labels.number(len(units), "count"),
            "groups": labels.number(len({u["group_id"] for u in units}), "count"),
            "ratings": [{"label": labels.RATING[key], "count": labels.number(rated[key], "count")}
                        for key in labels.RATING] if summary.get("final") and rated else []}


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (its page objects; fpdf2 writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def bulletin_pdf_text(period_name: str, year: int, pages: int) -> str:
    """What a bulletin's PDF link opens, in words: "Bản tin cả năm 2021 (PDF, 3 trang)"."""
    period = period_name[:1].lower() + period_name[1:]
    when = f"{period} {year}" if period.endswith("năm") else f"{period} năm {year}"
    return f"Bản tin {when} (PDF, {pages} trang)"


def bulletin_pages(views: "YearViews", env: Environment) -> dict[str, str | bytes]:
    """The bulletins section: a list, a page and a PDF per bulletin, and an Atom feed."""
    report = views.report
    if not report.bulletins:
        return {}
    pages: dict[str, str | bytes] = {}
    template = env.get_template("bulletin.md.j2")
    pdfs = views.bulletin_pdfs()
    listing = {b["period"]: b for b in bulletin_listing(report, pdfs)}
    for bulletin in report.bulletins:
        view = views.bulletin(bulletin) | {"pdf_text": listing[bulletin.period]["pdf_text"]}
        pages[f"{BULLETIN_DIR}/{bulletin.period}.md"] = template.render(view)
        pages[f"{BULLETIN_DIR}/{bulletin.period}.pdf"] = pdfs[bulletin.period]
    pages[f"{BULLETIN_DIR}/index.md"] = env.get_template("bulletins.md.j2").render(
        views.common("../") | {"bulletins": list(listing.values())})
    pages[f"{BULLETIN_DIR}/feed.xml"] = bulletin_output.atom_feed(report)
    return pages


def completion_bands(values) -> list[dict]:
    """Rows for the counts design: how many values fall in each band of completion (or score)."""
    counts = Counter()
    for value in values:
        if labels.missing(value):
            counts[BANDS[0][1]] += 1
        else:
            counts[next(label for upper, label in BANDS[1:] if value < upper)] += 1
    colours = ["#757575", "#b71c1c", "#bf360c", "#6a1b9a", "#1565c0", "#2e7d32", "#1b5e20"]
    return [{"order": i, "label": label, "count": counts[label], "colour": colour, "note": str(counts[label])}
            for i, ((_, label), colour) in enumerate(zip(BANDS, colours))]


def highest_first(items: list, value, name_key) -> list:
    """Items by value, highest first, as shown (to 0,1%), missing last; equal values in Vietnamese
    alphabetical order of their names (`name_key` gives text.vi_sort_key of an item's name).
    The one order of every bar chart and of the table beside it."""
    def key(item):
        v = value(item)
        return (labels.missing(v), 0 if labels.missing(v) else -round(float(v), 3), name_key(item))
    return sorted(items, key=key)


def pager(indicator_id: str, current: int, total: int) -> list[dict]:
    """Links to every page of a paginated indicator, relative to page `current`."""
    if total == 1:
        return []
    links = []
    for number in range(1, total + 1):
        if current == 1:
            href = f"{indicator_id}.html" if number == 1 else f"{indicator_id}/trang-{number}.html"
        else:
            href = f"../{indicator_id}.html" if number == 1 else f"trang-{number}.html"
        links.append({"number": number, "href": href, "current": number == current})
    return links


def group_order(groups) -> list[str]:
    """Groups by their `order`, then as listed in groups.csv."""
    ordered = groups.assign(position=range(len(groups))).sort_values(["order", "position"], na_position="last")
    return list(ordered["group_id"])


def site_name(report: Report) -> str:
    """The site's name, as plain text (the engine makes it safe for its theme)."""
    year = report.year
    return f"{year.organisation} · Năm {year.year}"


class YearViews:
    """Formatted views of one year's Report, one method per page type.

    The Report's frames are turned into plain records once, grouped by unit and
    by indicator, so building a page costs dictionary look-ups, not pandas scans.
    """

    def __init__(self, report: Report, timer: StageTimer = NO_TIMER):
        self.report = report
        self.timer = timer
        self.pdfs: dict[str, bytes] | None = None  # the bulletins' PDFs, made on first use (bulletin_pdfs)
        self.year = year = report.year
        self.period_names = dict(zip(year.periods["period_id"], year.periods["name"]))
        self.periods = year.periods[year.periods["index"] <= year.current_index].to_dict("records")
        self.group_order = group_order(year.groups)
        self.groups = {g["group_id"]: g for g in year.groups.to_dict("records")}
        units = report.units.assign(
            position=report.units["unit_id"].map({u: i for i, u in enumerate(year.units["unit_id"])}),
            group_position=report.units["group_id"].map({g: i for i, g in enumerate(self.group_order)}),
            rank_key=report.units["rank_in_group"].astype("Float64").fillna(10**9).astype(float))
        units = units.sort_values(["group_position", "order", "position"], na_position="last")
        self.units = {u["unit_id"]: u for u in units.to_dict("records")}
        for u in self.units.values():
            u["name_key"] = vi_sort_key(u["name"])
        self.members: dict[str, list[str]] = {g: [] for g in self.group_order}
        self.children: dict[str, list[str]] = {}
        for unit_id, u in self.units.items():
            self.members[u["group_id"]].append(unit_id)
            if not labels.missing(u["parent_id"]):
                self.children.setdefault(u["parent_id"], []).append(unit_id)
        self.indicators = {i["indicator_id"]: i for i in year.indicators.to_dict("records")}
        self.lines_by_unit: dict[str, list[dict]] = {}
        self.now_by_indicator: dict[str, list[dict]] = {}
        for line in report.lines[LINE_FIELDS].to_dict("records"):
            self.lines_by_unit.setdefault(line["unit_id"], []).append(line)
            if line["period_index"] == year.current_index:
                self.now_by_indicator.setdefault(line["indicator_id"], []).append(line)
        self.totals = {t["indicator_id"]: t for t in report.totals.to_dict("records")}
        self.officials = OfficialViews(self) if report.officials is not None else None
        self.trends = TrendViews(self)

    # --- shared pieces ---------------------------------------------------------

    def common(self, root: str) -> dict:
        """What every page shows: organisation, year, period, sample flag, links to the root."""
        year = self.year
        return {
            "root": root, "year": year.year, "title": year.title, "organisation": year.organisation,
            "sample": year.sample, "period_name": labels.current_name(year), "assignment": year.is_assignment,
            "period_end": labels.date(year.data_date), "final": year.is_final,
            "updated": labels.date(year.updated),
            "final_name": self.period_names[year.final_period],
            "period_until": phrases.period_until(labels.current_name(year), year.year, year.is_final),
            "period_names": [p["name"] for p in self.periods],
            "method_name": reasons.METHOD_NAME[year.rating.method],
        }

    def bulletin(self, bulletin) -> dict:
        """A bulletin laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP)."""
        year = self.year
        return self.common("../") | bulletin_output.document_view(bulletin, year) | {"body": Markup(bulletin.html)}

    def bulletin_pdfs(self) -> dict[str, bytes]:
        """Each bulletin's PDF by period, made once (the summary's and the list's links give its page count)."""
        if self.pdfs is None:
            self.pdfs = {b.period: bulletin_output.pdf(self.bulletin(b)) for b in self.report.bulletins}
        return self.pdfs

    def unit_link(self, unit_id: str, root: str) -> Markup:
        return Markup(f'<a href="{root}{UNIT_DIR}/{unit_id}.html">{escape(self.units[unit_id]["name"])}</a>')

    def group_link(self, group_id: str, root: str) -> Markup:
        return Markup(f'<a href="{root}{GROUP_DIR}/{group_id}.html">{escape(self.groups[group_id]["name"])}</a>')

    def indicator_link(self, indicator_id: str, root: str) -> Markup:
        name = self.indicators[indicator_id]["name"]
        return Markup(f'<a href="{root}{INDICATOR_DIR}/{indicator_id}.html">{escape(name)}</a>')

    def unit_summary(self, unit_id: str, root: str) -> dict:
        """A unit as a row of a ranking table."""
        u = self.units[unit_id]
        return {
            "link": self.unit_link(unit_id, root), "head": u["head"],
            "rank": "–" if labels.missing(u["rank_in_group"]) else str(int(u["rank_in_group"])),
            "score": labels.percent(u["score"]),
            "met": f"{u['targets_met']}/{u['targets']}" if u["targets"] else "–",
            "rating": rating_badge(u["rating"]),
            "sort": {"rank": labels.sort_value(u["rank_in_group"]), "score": labels.sort_value(u["score"]),
                     "met": labels.sort_value(u["targets_met"] / u["targets"]) if u["targets"] else "",
                     "rating": labels.rating_sort(u["rating"])},
        } | self.rating_why(unit_id)

    def by_rank(self, unit_ids) -> list[str]:
        """Units ordered by rank (unranked last), then in Vietnamese alphabetical order of their names."""
        return sorted(unit_ids, key=lambda u: (self.units[u]["rank_key"], self.units[u]["name_key"]))

    def ranked(self, unit_ids, root: str) -> list[dict]:
        """Ranking-table rows of the units, best first."""
        return [self.unit_summary(u, root) for u in self.by_rank(unit_ids)]

    # --- why each rating (issue 15): separate from the tables' layout -----------------

    def rating_why(self, unit_id: str) -> dict:
        """A ranking row's reason under its rating: the computed one's figures, or a link to the decision."""
        u = self.units[unit_id]
        if labels.missing(u["rating"]):
            return {"why": "", "decided": None}
        if u["decided"]:
            return {"why": reasons.DECIDED, "decided": f"xl-{unit_id}"}
        return {"why": reasons.basis_text(u, self.year.rating), "decided": None}

    def rating_notes(self, unit_ids) -> dict:
        """Notes under a ranking table: each decided rating's reason (the rows link to them), and for units of
        equal score in a group rated differently, the rules that separated them."""
        rules = self.year.rating
        ordered = self.by_rank(unit_ids)
        decided = [{"id": f"xl-{u}", "name": self.units[u]["name"],
                    "text": reasons.decided_reason(self.units[u], rules)}
                   for u in ordered if self.units[u]["decided"] and not labels.missing(self.units[u]["rating"])]
        ties: dict[tuple, list[dict]] = {}
        for u in ordered:
            unit = self.units[u]
            if not labels.missing(unit["rating"]) and not labels.missing(unit["rank_in_group"]):
                ties.setdefault((unit["group_id"], int(unit["rank_in_group"])), []).append(unit)
        tie_notes = []
        for (_, rank), members in ties.items():
            if len({m["rating"] for m in members}) > 1:
                names = ", ".join(m["name"] for m in members) if len(members) <= 3 else f"{len(members)} đơn vị"
                tie_notes.append(f"{names}: cùng điểm {labels.percent(members[0]['score'])} (hạng {rank}) nhưng "
                                 f"khác mức xếp loại; điều phân biệt: {'; '.join(reasons.tie_rules(members, rules))}.")
        return {"decided": decided, "ties": tie_notes}

    def unit_rating(self, unit_id: str) -> dict:
        """A unit page's rating: why (computed or decided), and under qd366 its leader's condition."""
        u = self.units[unit_id]
        rules = self.year.rating
        return {"why": reasons.computed_reason(u, rules),
                "why_short": reasons.DECIDED if u["decided"] else reasons.basis_text(u, rules),
                "decided_reason": reasons.decided_reason(u, rules) if u["decided"] else "",
                "leader": reasons.leader_condition(u, rules) if self.year.is_final else None}

    def status_word(self, line: dict) -> str:
        """A line's status in the words of its indicator's rule (scorecard/phrases.py)."""
        ind = self.indicators[line["indicator_id"]]
        return phrases.word(line["status"], ind["direction"], ind["kind"])

    def chart(self, chart_id: str, design: str, rows: list[dict], description: str,
              label: str | None = None, value: str | None = None) -> dict:
        """A chart placeholder: its spec as safe JSON and a text description, and its figures as a table
        (`label` and `value` name the columns) for the CSV download beside it (chart_downloads)."""
        with self.timer.stage("charts"):
            data = Markup(charts.script_json(rows))
            table = charts.data_table(design, rows, label, value)
        return {"id": chart_id, "design": design, "json": data, "description": description, "table": table,
                "csv": None}

    def search_entries(self) -> list[dict]:
        """What the search page looks in: t title, u address, s what it is, n folded title,
        i id, f folded words to match, w weight (units first)."""
        def entry(title, url, about, item_id, words, weight):
            return {"t": title, "u": url, "s": about, "n": fold(title), "i": item_id,
                    "f": fold(" ".join([title, item_id.replace("-", " "), words])), "w": weight}

        entries = [entry(f"Tổng hợp toàn tỉnh năm {self.year.year}", "index.html", "Trang tổng hợp", "", "", 1)]
        for unit_id, u in self.units.items():
            group = self.groups[u["group_id"]]["name"]
            entries.append(entry(u["name"], f"{UNIT_DIR}/{unit_id}.html", f"Đơn vị · {group}", unit_id,
                                 u["head"] or "", 3 if labels.missing(u["parent_id"]) else 2))
        for group_id in self.group_order:
            name = self.groups[group_id]["name"]
            entries.append(entry(name, f"{GROUP_DIR}/{group_id}.html",
                                 f"Nhóm · {len(self.members[group_id])} đơn vị", group_id, "", 1))
        for indicator_id, ind in self.indicators.items():
            entries.append(entry(ind["name"], f"{INDICATOR_DIR}/{indicator_id}.html",
                                 f"Chỉ tiêu · {labels.KIND[ind['kind']]}", indicator_id, ind["category"] or "", 1))
        entries.append(entry(f"Cách tính năm {self.year.year}", "cach-tinh.html", "Cách tính điểm, xếp loại, thứ hạng",
                             "", "cach tinh diem xep loai thu hang cong thuc", 1))
        entries.append(entry("Tải dữ liệu", "du-lieu.html", "Bảng tính Excel và dữ liệu của năm", "",
                             "xuat du lieu excel results.xlsx results.csv summary.json", 1))
        if self.officials is not None:
            entries += self.officials.search_entries(entry)
        return entries

    # --- pages ---------------------------------------------------------------

    def summary(self) -> dict:
        """The provincial summary: headline totals, groups, ratings, rankings."""
        view = self.common("")
        view["headlines"] = [headlines.total_card(t, self.indicators[t["indicator_id"]], self.year.is_final)
                             | {"link": self.indicator_link(t["indicator_id"], ""),
                                "compared": self.trends.headline(t["indicator_id"])} for t in self.totals.values()]
        view["trend_table"] = self.trends.summary()
        view["behind"] = self.summary_behind()
        view["bulletins"] = bulletin_listing(self.report, self.bulletin_pdfs())
        groups = []
        for group_id in self.group_order:
            members = [self.units[u] for u in self.members[group_id]]
            scores = [u["score"] for u in members if not labels.missing(u["score"])]
            mean = sum(scores) / len(scores) if scores else None
            ranking = self.ranked(self.members[group_id], "")
            truncated = len(ranking) > SUMMARY_RANKING
            groups.append({
                "link": self.group_link(group_id, ""), "units": len(members),
                "score": labels.percent(mean), "score_sort": labels.sort_value(mean),
                "met": f"{sum(u['targets_met'] for u in members)}/{sum(u['targets'] for u in members)}",
                "met_sort": labels.sort_value(sum(u["targets_met"] for u in members)
                                              / max(sum(u["targets"] for u in members), 1)),
                "ranking": ranking[:SUMMARY_TOP] if truncated else ranking, "truncated": truncated,
                "notes": self.rating_notes(self.by_rank(self.members[group_id])[:SUMMARY_TOP] if truncated
                                           else self.members[group_id]),
                "name": self.groups[group_id]["name"], "completion": mean, "id": group_id,
            })
        view["groups"] = groups
        view["groups_by_score"] = highest_first(groups, lambda g: g["completion"],
                                                 lambda g: vi_sort_key(g["name"]))
        view["ratings"] = self.rating_distribution()
        view["statuses"] = self.status_distribution()
        view["charts"] = self.summary_charts(view["groups_by_score"], view["ratings"], view["statuses"])
        return view

    def summary_behind(self) -> dict | None:
        """During the year, the summary's list of who is behind: the furthest behind in the province, and
        each group's count, linking to the group's page where its full list is."""
        behind = headlines.behind_view(self, self.units, "", headlines.BEHIND_ON_SUMMARY)
        if behind is not None:
            counts = {g: headlines.behind_view(self, self.members[g], "", 0) for g in self.group_order}
            behind["groups"] = [Markup(f"{self.group_link(g, '')} ({b['late_total'] + b['overdue_total']})")
                                for g, b in counts.items() if b is not None]
        return behind

    def rating_distribution(self) -> list[dict]:
        """How many units got each rating (decided where decided); empty before the final period."""
        if not self.year.is_final:
            return []
        counts = Counter(u["rating"] for u in self.units.values() if not labels.missing(u["rating"]))
        total = sum(counts.values())
        return [{"badge": rating_badge(r), "key": r, "label": labels.RATING[r], "count": counts[r],
                 "share": labels.percent(counts[r] / total) if total else "–",
                 "sort": labels.rating_sort(r), "share_sort": labels.sort_value(counts[r] / total if total else None)}
                for r in labels.RATING]

    def status_distribution(self) -> list[dict]:
        """How many targets are in each status at the current period."""
        counts = Counter(line["status"] for lines in self.now_by_indicator.values() for line in lines)
        total = sum(counts.values())
        return [{"badge": status_badge(s), "key": s, "label": labels.STATUS[s], "count": counts[s],
                 "share": labels.percent(counts[s] / total) if total else "–",
                 "sort": labels.status_sort(s), "share_sort": labels.sort_value(counts[s] / total if total else None)}
                for s in labels.STATUS if counts[s]]

    def summary_charts(self, groups, ratings, statuses) -> list[dict]:
        """Charts of the summary: score by group (highest first, as the table), then ratings (final)
        or statuses (during the year) in their own order."""
        group_rows = [
            {"order": i, "label": g["name"], "completion": g["completion"], "shown": max(g["completion"] or 0, 0),
             "status": "", "colour": "#1565c0", "note": g["score"]}
            for i, g in enumerate(groups)
        ]
        result = [self.chart("chart-groups", "completion", group_rows,
                             "Điểm bình quân của các đơn vị trong từng nhóm, từ cao đến thấp: " +
                             "; ".join(f"{g['name']} {g['score']}" for g in groups) + ".",
                             label="Nhóm", value="Điểm bình quân (%)")]
        if ratings:
            rows = [{"order": i, "label": r["label"], "count": r["count"], "colour": labels.RATING_COLOUR[r["key"]],
                     "note": str(r["count"])} for i, r in enumerate(ratings)]
            result.append(self.chart("chart-ratings", "counts", rows, "Số đơn vị theo mức xếp loại: " +
                                     "; ".join(f"{r['label']} {r['count']}" for r in ratings) + ".",
                                     label="Mức xếp loại", value="Số đơn vị"))
        else:
            rows = [{"order": i, "label": s["label"], "count": s["count"], "colour": labels.STATUS_COLOUR[s["key"]],
                     "note": str(s["count"])} for i, s in enumerate(statuses)]
            result.append(self.chart("chart-statuses", "counts", rows, "Số chỉ tiêu theo trạng thái: " +
                                     "; ".join(f"{s['label']} {s['count']}" for s in statuses) + ".",
                                     label="Trạng thái", value="Số chỉ tiêu"))
        return result

    def group(self, group_id: str) -> dict:
        """A group's page: its units ranked, with a chart of their scores."""
        view = self.common("../")
        view["name"] = self.groups[group_id]["name"]
        view["ranking"] = self.ranked(self.members[group_id], "../")
        view["notes"] = self.rating_notes(self.members[group_id])
        view["behind"] = headlines.behind_view(self, self.members[group_id], "../", headlines.BEHIND_ON_GROUP)
        rows = []
        for i, unit_id in enumerate(self.by_rank(self.members[group_id])):
            u = self.units[unit_id]
            rated = not labels.missing(u["rating"])
            rows.append({
                "order": i, "label": u["name"], "completion": None if labels.missing(u["score"]) else u["score"],
                "shown": 0 if labels.missing(u["score"]) else max(u["score"], 0), "status": "",
                "colour": labels.RATING_COLOUR[u["rating"]] if rated else "#1565c0",
                "note": labels.percent(u["score"]) + (f" · {labels.RATING[u['rating']]}" if rated else ""),
            })
        if len(rows) > CHART_BARS:
            bands = completion_bands([self.units[u]["score"] for u in self.members[group_id]])
            view["charts"] = [self.chart("chart-group", "counts", bands,
                                         f"Số đơn vị theo điểm ({len(rows)} đơn vị): " +
                                         "; ".join(f"{b['label']}: {b['count']}" for b in bands) + ".",
                                         label="Mức điểm", value="Số đơn vị")]
        else:
            view["charts"] = [self.chart("chart-group", "completion", rows,
                                         f"Điểm của {len(rows)} đơn vị trong nhóm, từ cao đến thấp: " +
                                         "; ".join(f"{r['label']} {r['note']}" for r in rows) + ".",
                                         label="Đơn vị", value="Điểm (%)")] if rows else []
        return view

    def unit(self, unit_id: str) -> dict:
        """A unit's page: headline, targets by period, tasks, sub-units, charts."""
        view = self.common("../")
        u = self.units[unit_id]
        parent = u["parent_id"]
        view.update({
            "unit_id": unit_id, "name": u["name"], "head": u["head"],
            "group": self.group_link(u["group_id"], "../"),
            "parent": None if labels.missing(parent) else self.unit_link(parent, "../"),
            "score": labels.percent(u["score"]),
            "rank": "–" if labels.missing(u["rank_in_group"])
            else f"{int(u['rank_in_group'])}/{len(self.members[u['group_id']])}",
            "met": f"{u['targets_met']}/{u['targets']}", "exceeded": str(u["targets_exceeded"]),
            "rating": rating_badge(u["rating"]),
            "rating_computed": rating_badge(u["rating_computed"]),
            "decided": bool(u["decided"]), "reason": u["reason"], "has_targets": bool(u["targets"]),
        } | self.unit_rating(unit_id))
        lines = self.lines_by_unit.get(unit_id, [])
        by_indicator: dict[str, list[dict]] = {}
        for line in lines:
            by_indicator.setdefault(line["indicator_id"], []).append(line)
        numbers, tasks = [], []
        for indicator_id, rows in by_indicator.items():
            ind = self.indicators[indicator_id]
            if ind["kind"] == "task":
                tasks.append(self.task_row(indicator_id, ind, rows))
            else:
                numbers.append(self.number_row(indicator_id, ind, rows))
        for number, row in enumerate((r for r in numbers if r["note"]), start=1):
            row["note_no"] = number
        view["numbers"], view["tasks"] = numbers, tasks
        view["compared_year"] = self.trends.previous_year if any(r["compared"]["compared"] for r in numbers) else None
        view["compared_until"] = phrases.period_until(labels.current_name(self.year), view["compared_year"] or 0,
                                                      self.year.is_final)
        view["children"] = self.ranked(self.children.get(unit_id, []), "../")
        view["children_notes"] = self.rating_notes(self.children.get(unit_id, []))
        view["officials"] = self.officials.unit_officials(unit_id) if self.officials is not None else []
        view["charts"] = self.unit_charts(lines)
        return view

    def number_row(self, indicator_id: str, ind: dict, rows: list[dict]) -> dict:
        """A numeric target of a unit: its value at each period, completion and status now."""
        current = rows[-1]
        return {
            "link": self.indicator_link(indicator_id, "../"), "measure": ind["measure"],
            "direction": ind["direction"],
            "target": labels.measure_number(current["target"], ind["kind"], ind["measure"]),
            "weight": labels.number(current["weight"]),
            "cells": [{"text": labels.measure_number(r["value"], ind["kind"], ind["measure"]),
                       "rolled_up": bool(r["rolled_up"]), "sort": labels.sort_value(r["value"])} for r in rows],
            "completion": labels.percent(current["completion"]),
            "status": status_badge(current["status"], ind["direction"], ind["kind"]),
            "note": current["note"],
            "sort": {"target": labels.sort_value(current["target"]), "completion": labels.sort_value(current["completion"]),
                     "status": labels.status_sort(current["status"])},
            "compared": self.trends.unit_row(current["unit_id"], indicator_id, current["value"]),
        }

    def task_row(self, indicator_id: str, ind: dict, rows: list[dict]) -> dict:
        """A task of a unit: expected product, due period, status at each period, evidence."""
        current = rows[-1]
        due = current["due"]
        evidence = next((r["evidence"] for r in reversed(rows) if r["evidence"]), "")
        return {
            "link": self.indicator_link(indicator_id, "../"), "product": current["product"],
            "due": self.period_names[due] if isinstance(due, str) else "–",
            "statuses": [status_badge(r["status"], "up", "task") for r in rows],
            "status_sorts": [labels.status_sort(r["status"]) for r in rows],
            "due_sort": str(self.year.period_index[due]) if isinstance(due, str) else "",
            "status": status_badge(current["status"], "up", "task"), "evidence": evidence,
            "ahead": bool(current["done_ahead"]) and current["status"] == "done",
            "weight": labels.number(current["weight"]), "note": current["note"],
        }

    def unit_charts(self, lines: list[dict]) -> list[dict]:
        """A unit's charts: completion by target now, and progress over the periods."""
        now = [line for line in lines if line["period_index"] == self.year.current_index]
        items = highest_first([(self.indicators[r["indicator_id"]]["name"], r["completion"], r["status"],
                                self.status_word(r)) for r in now],
                              lambda item: item[1], lambda item: vi_sort_key(item[0]))
        result = []
        if items:
            result.append(self.chart("chart-completion", "completion", charts.completion_rows(items),
                                     "Mức hoàn thành từng chỉ tiêu, từ cao đến thấp: " + "; ".join(
                                         f"{name} {labels.percent(c)} ({w})" for name, c, _, w in items) + ".",
                                     label="Chỉ tiêu"))
        numeric = [r for r in lines if r["kind"] in ("count", "amount") and r["direction"] == "up"]
        if len(self.periods) > 1 and numeric:
            rows = [{"order": r["period_index"], "period": self.period_names[r["period"]],
                     "series": self.indicators[r["indicator_id"]]["name"],
                     "completion": None if labels.missing(r["completion"]) else r["completion"],
                     "pace": "actual"} for r in numeric]
            rows += [{"order": p["index"], "period": p["name"], "series": "Tiến độ kỳ vọng (theo thời gian)",
                      "completion": p["elapsed"], "pace": "expected"} for p in self.periods]
            series: dict[str, list[str]] = {}
            for r in rows:
                series.setdefault(r["series"], []).append(f"{r['period']} {labels.percent(r['completion'])}")
            result.append(self.chart("chart-progress", "progress", rows,
                                     "Mức hoàn thành lũy kế của các chỉ tiêu số qua từng kỳ, so với tiến độ kỳ vọng "
                                     "(tỷ lệ thời gian đã qua của năm): " +
                                     "; ".join(f"{name}: {', '.join(points)}" for name, points in series.items()) + "."))
        return result

    def indicator_pages(self, indicator_id: str) -> list[tuple[str, dict]]:
        """An indicator's pages: every unit that has it, compared now, PAGE_SIZE units a page.

        The first page is chi-tieu/<id>.md; further ones chi-tieu/<id>/trang-<n>.md,
        so no page grows with the number of units of the year.
        """
        ind = self.indicators[indicator_id]
        now = highest_first(self.now_by_indicator.get(indicator_id, []), lambda r: r["completion"],
                            lambda r: self.units[r["unit_id"]]["name_key"])
        pages = self.indicator_chunks(indicator_id, now)
        for number, (path, view, chunk) in enumerate(pages, start=1):
            view["rows"] = [self.indicator_row(r, ind, view["root"]) for r in chunk]
            view["statuses"] = self.indicator_statuses(now) if number == 1 else []
            view["trend"] = self.trends.indicator(indicator_id) if number == 1 else None
            view["charts"] = self.indicator_charts(now) if number == 1 else []
        return [(path, view) for path, view, _ in pages]

    def indicator_chunks(self, indicator_id: str, items: list) -> list[tuple[str, dict, list]]:
        """An indicator's units (`items`, in the order shown) PAGE_SIZE a page: each page's path, its view
        without rows (the indicator's facts, the pager) and its share of the items."""
        ind = self.indicators[indicator_id]
        chunks = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            view = self.common("../" if number == 1 else "../../") | self.indicator_facts(indicator_id, ind)
            if number > 1:
                view["name"] = f"{ind['name']} (trang {number})"
            view["pager"] = pager(indicator_id, number, len(chunks))
            view["first_row"], view["units_count"] = (number - 1) * PAGE_SIZE + 1, len(items)
            path = f"{INDICATOR_DIR}/{indicator_id}.md" if number == 1 else \
                f"{INDICATOR_DIR}/{indicator_id}/trang-{number}.md"
            pages.append((path, view, chunk))
        return pages

    def summary_cut(self, unit_ids: list[str]) -> tuple[list[str], bool]:
        """The units of a group the summary lists, and whether that is not all: the first SUMMARY_TOP of a
        group larger than SUMMARY_RANKING (its own page lists all)."""
        truncated = len(unit_ids) > SUMMARY_RANKING
        return (unit_ids[:SUMMARY_TOP] if truncated else unit_ids), truncated

    def indicator_facts(self, indicator_id: str, ind: dict) -> dict:
        """What an indicator is, and its province total where it is summed."""
        t = self.totals.get(indicator_id)
        return {
            "name": ind["name"], "kind": labels.KIND[ind["kind"]], "measure": ind["measure"],
            "direction": labels.DIRECTION[ind["direction"]] if ind["kind"] != "task" else "",
            "category": ind["category"], "aggregate": labels.AGGREGATE[ind["aggregate"]],
            "is_task": ind["kind"] == "task",
            "total": None if t is None or self.year.is_assignment else headlines.total_card(t, ind, self.year.is_final)
            | {"compared": self.trends.headline(indicator_id)},
        }

    def indicator_row(self, r: dict, ind: dict, root: str) -> dict:
        """One unit's result for an indicator."""
        return {
            "link": self.unit_link(r["unit_id"], root),
            "group": self.group_link(self.units[r["unit_id"]]["group_id"], root),
            "target": labels.measure_number(r["target"], ind["kind"], ind["measure"]),
            "value": labels.measure_number(r["value"], ind["kind"], ind["measure"]),
            "rolled_up": bool(r["rolled_up"]), "completion": labels.percent(r["completion"]),
            "status": status_badge(r["status"], ind["direction"], ind["kind"]), "product": r["product"],
            "evidence": r["evidence"],
            "due": self.period_names[r["due"]] if isinstance(r["due"], str) else "–",
            "sort": {"target": labels.sort_value(r["target"]), "value": labels.sort_value(r["value"]),
                     "completion": labels.sort_value(r["completion"]), "status": labels.status_sort(r["status"]),
                     "due": str(self.year.period_index[r["due"]]) if isinstance(r["due"], str) else ""},
        }

    def indicator_statuses(self, now: list[dict]) -> list[dict]:
        """How many units are in each status for this indicator."""
        counts = Counter(r["status"] for r in now)
        ind = self.indicators[now[0]["indicator_id"]] if now else {"direction": "up", "kind": "count"}
        return [{"badge": status_badge(s, ind["direction"], ind["kind"]), "count": counts[s], "share": labels.percent(counts[s] / len(now)),
                 "sort": labels.status_sort(s), "share_sort": labels.sort_value(counts[s] / len(now))}
                for s in labels.STATUS if counts[s]]

    def indicator_charts(self, now: list[dict]) -> list[dict]:
        """Completion of each unit, or, for many units, how many fall in each band of completion."""
        if not now:
            return []
        if len(now) <= CHART_BARS:
            items = [(self.units[r["unit_id"]]["name"], r["completion"], r["status"], self.status_word(r)) for r in now]
            return [self.chart("chart-indicator", "completion", charts.completion_rows(items),
                               f"Mức hoàn thành chỉ tiêu của {len(items)} đơn vị, từ cao đến thấp: " + "; ".join(
                                   f"{name} {labels.percent(c)} ({w})" for name, c, _, w in items) + ".",
                               label="Đơn vị")]
        rows = completion_bands([r["completion"] for r in now])
        return [self.chart("chart-indicator", "counts", rows,
                           f"Số đơn vị theo mức hoàn thành ({len(now)} đơn vị): " +
                           "; ".join(f"{r['label']}: {r['count']}" for r in rows) + ".",
                           label="Mức hoàn thành", value="Số đơn vị")]
