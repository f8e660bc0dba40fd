"""The "Cách tính" page says the year's own rules, and its worked example is recomputed here from the
year's inputs (targets and results as validated), independently of compute.py: the page cannot disagree
with the code."""

from __future__ import annotations

import re

import pytest

from scorecard import labels, method_page, phrases
from scorecard.text import escape
from scorecard.pipeline import load_reports, year_folders
from scorecard.render import YearViews, environment, render_year
from site_fixture import SAMPLE_DATA

CAP = 1.2


def independent_line(year, target: dict) -> tuple[float | None, str, bool, bool, bool]:
    """(completion, status word, met, exceeded, late) of one target at the year's current period, from the inputs."""
    kind = year.indicators.set_index("indicator_id").loc[target["indicator_id"], "kind"]
    direction = year.indicators.set_index("indicator_id").loc[target["indicator_id"], "direction"]
    results = year.results[(year.results["unit_id"] == target["unit_id"])
                           & (year.results["indicator_id"] == target["indicator_id"])]
    now = results[results["period_index"] == year.current_index]
    final = year.is_final
    if kind == "task":
        due = year.period_index.get(target["due"], len(year.periods) - 1) if isinstance(target["due"], str) \
            else len(year.periods) - 1
        if now.empty or not isinstance(now["status"].iloc[0], str) or not now["status"].iloc[0]:
            return None, "no_data", False, False, False
        status = now["status"].iloc[0]
        done = results[(results["status"] == "done") & (results["period_index"] <= year.current_index)]
        first = done["period_index"].min() if not done.empty else None
        if status != "done" and year.current_index >= due:
            status = "overdue"
        done_now = status == "done"
        return float(done_now), status, done_now, done_now and first < due, done_now and first > due
    if now.empty or now["value"].isna().iloc[0]:
        return None, "no_data", False, False, False
    v, t = float(now["value"].iloc[0]), float(target["target"])
    if t == 0:
        c = float(v >= 0) if direction == "up" else float(v == 0)
    else:
        c = v / t if direction == "up" else max(0.0, (2 * t - v) / t)
    if final:
        status = "exceeded" if c > 1 + 1e-9 else "met" if c >= 1 - 1e-9 else "not_met"
    elif c >= 1 - 1e-9 and direction == "up":
        status = "exceeded" if c > 1 + 1e-9 else "met"
    elif direction == "down":
        status = "on_track" if v <= t + 1e-9 else "behind"
    else:
        elapsed = year.periods["elapsed"].iloc[year.current_index]
        status = "on_track" if kind in ("count", "amount") and v >= t * elapsed - 1e-9 else "behind"
    return c, status, status in ("met", "exceeded"), status == "exceeded", False


def years():
    return load_reports(year_folders(SAMPLE_DATA), progress=lambda message: None)


@pytest.fixture(scope="module")
def reports():
    return {r.year.year: r for r in years()}


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_worked_example_is_recomputed_from_the_inputs(reports, year):
    report = reports[year]
    views = YearViews(report)
    page = environment().get_template("method.md.j2").render(method_page.method_view(views))
    unit_id = method_page.example_unit(views)
    assert unit_id is not None
    y = report.year
    targets = y.targets[y.targets["unit_id"] == unit_id].sort_values("indicator_id").to_dict("records")
    weighted = weights = 0.0
    met = exceeded = late = 0
    for target in targets:
        c, status, is_met, is_exceeded, is_late = independent_line(y, target)
        late += is_late
        counted = 0.0 if c is None else min(c, CAP)
        weighted += target["weight"] * counted
        weights += target["weight"]
        met, exceeded = met + is_met, exceeded + is_exceeded
        name = y.indicators.set_index("indicator_id").loc[target["indicator_id"], "name"]
        cells = [labels.percent(c), labels.percent(counted), labels.number(target["weight"]),
                 labels.number(target["weight"] * counted)]
        row = re.search(rf"<tr><td>{re.escape(str(escape(name)))}</td>(.*?)</tr>", page)
        assert row, name
        shown = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        assert shown[3:7] == cells, (name, shown)
        assert f"st-{status}" in shown[7], (name, shown[7])
    score = weighted / weights
    assert f"Điểm = {labels.number(weighted)} ÷ {labels.number(weights)} = <strong>{labels.percent(score)}</strong>" \
        in page
    assert f"Chỉ tiêu: {met}/{len(targets)} đạt, {exceeded} vượt" in page
    n = len(targets)
    if y.is_final and y.rating.method == "targets":  # the sample's 2021
        # every met and half exceeded -> xuat-sac, every met -> tot, 70% of the weight met -> hoan-thanh
        met_weight = sum(t["weight"] for t in targets if independent_line(y, t)[2])
        rating = ("xuat-sac" if met == n and exceeded >= 0.5 * n else
                  "tot" if met == n else "hoan-thanh" if met_weight / weights >= 0.7 else "khong-hoan-thanh")
        assert f"Xếp loại: <span class=\"badge rt-{rating}\">" in page
    elif y.is_final:  # the sample's 2025: qd366, Điều 11 (the example is never one moved by the quota)
        assert y.rating.method == "qd366"
        points = min(score, 1) * 100
        assert f"theo thang 100: <strong>{labels.number(int(points * 100) / 100)} điểm</strong>" in page
        on_time = met == n and late == 0
        rating = ("xuat-sac" if points >= 90 and on_time and exceeded >= 0.3 * n else
                  "tot" if points >= 70 and on_time else
                  "hoan-thanh" if points >= 50 and met == n and late <= 0.2 * n else "khong-hoan-thanh")
        assert f"Xếp loại: <span class=\"badge rt-{rating}\">" in page
        assert f", {late} hoàn thành chậm so với hạn" in page
    else:
        assert "Xếp loại: " not in page.split('id="vi-du"')[1]


def test_the_page_states_the_years_settings(build_year):
    report = build_year(year_yml_extra="rating: {method: qd366, late_share: 0.25, quota: 0.4}\n", targets="""
        unit_id,indicator_id,target
        a,n,100
    """, results="""
        unit_id,indicator_id,period,value,status
        a,n,y,130,
    """)
    page = render_year(report)["cach-tinh.md"]
    assert "Quy định 366-QĐ/TW" in page and "không quá 25% số chỉ tiêu" in page and "ít nhất 30% số chỉ tiêu" in page
    assert "nhiều nhất 40% × n đơn vị" in page
    assert "90/365 = 24,7%" in page and "181/365 = 49,6%" in page
    assert "ít nhất 30% vượt mức" in page  # the leader's condition
    assert "Điểm = 1,2 ÷ 1 = <strong>120,0%</strong>; theo thang 100: <strong>100 điểm</strong>" in page


def test_the_page_names_every_status_in_the_words_the_pages_show(reports):
    """A reader who sees "Tốt hơn chỉ tiêu" or "Quá mức tối đa" on a card finds the same words explained here."""
    page = render_year(reports[2021])["cach-tinh.md"]
    missing = [word for word in sorted({row[3] for row in phrases.ROWS}) if word not in page]
    assert not missing, f"the method page never names {missing}"


def test_every_page_with_a_legend_links_to_the_method_page(sample_site):
    for page in ("2021/index.html", "2021/nhom/so.html", "2021/don-vi/yen-lac.html", "2021/chi-tieu/ket-nap.html",
                 "2022/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert 'cach-tinh.html' in html and "Cách tính" in html, page
    assert (sample_site / "2021" / "cach-tinh.html").is_file()
