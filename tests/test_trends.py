"""Trends over the year's periods, the same period of the previous year, and each chart's figures as a CSV.

Two small years worked by hand (2021 final, 2022 at 9 months), built through the command line; then
every way a comparison must show nothing (a change of definition, a missing unit or period, no
previous year, a previous year with errors), the previous year closed (read from its snapshot's
export), and the chart CSVs as Excel on a Vietnamese-locale PC reads them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DEFAULT_INDICATORS, write_year
from scorecard.cli import main
from scorecard.compare import change, compare, figures_from_export, figures_of_report
from scorecard.pipeline import load_reports, with_comparisons, year_folders

# Units: a and b at the top, c under a. Indicator n (count, sum), r (rate, none).
UNITS = """
unit_id,name,group_id,parent_id
a,Huyện A,g,
b,Huyện B,g,
c,Xã C,g,a
"""
TARGETS = """
unit_id,indicator_id,target
a,n,100
b,n,50
c,n,40
a,r,10
"""
# 2021, cumulative: a (own values) 20, 50, 80, 110; b 10, 20, 30, 60; c 5, 15, 25, 45.
# Province totals of n (top-level units a and b): q1 30, h1 70, 9m 110, y 170.
RESULTS_2021 = """
unit_id,indicator_id,period,value,status
a,n,q1,20,
a,n,h1,50,
a,n,9m,80,
a,n,y,110,
b,n,q1,10,
b,n,h1,20,
b,n,9m,30,
b,n,y,60,
c,n,q1,5,
c,n,h1,15,
c,n,9m,25,
c,n,y,45,
a,r,9m,8.5,
a,r,y,9,
"""
# 2022 at 9 months: a has no own value for n: its sub-unit c rolls up (12, 30, 44);
# b 15, 25, 33. Totals: q1 27 (a 12 + b 15), h1 55, 9m 77.
RESULTS_2022 = """
unit_id,indicator_id,period,value,status
b,n,q1,15,
b,n,h1,25,
b,n,9m,33,
c,n,q1,12,
c,n,h1,30,
c,n,9m,44,
a,r,9m,9.7,
"""
PERIODS_2022 = (("q1", "2022-03-31"), ("h1", "2022-06-30"), ("9m", "2022-09-30"), ("y", "2022-12-31"))


def two_years(tmp_path, units_2022=UNITS, indicators_2022=DEFAULT_INDICATORS, periods_2022=PERIODS_2022,
              results_2021=RESULTS_2021) -> Path:
    """data/2021 (final) and data/2022 (published at 9 months) in one data folder."""
    first = write_year(tmp_path, units=UNITS, targets=TARGETS, results=results_2021)
    second = write_year(tmp_path, units=units_2022, indicators=indicators_2022, targets=TARGETS,
                        results=RESULTS_2022, year=2022, periods=periods_2022, year_yml_extra="current_period: 9m\n")
    shutil.move(str(second / "2022"), str(first / "2022"))
    return first


def compared(data: Path):
    reports = with_comparisons(load_reports(year_folders(data), progress=lambda message: None), data, {})
    return {r.year.year: r for r in reports}


def test_the_trend_is_the_province_total_at_every_published_period(tmp_path):
    reports = compared(two_years(tmp_path))
    trend = reports[2022].trends[reports[2022].trends["indicator_id"] == "n"]
    assert list(trend["period"]) == ["q1", "h1", "9m"]
    assert list(trend["value_total"]) == [27, 55, 77]
    assert list(trend["target_total"]) == [150, 150, 150]
    assert list(reports[2021].trends.query("indicator_id == 'n'")["value_total"]) == [30, 70, 110, 170]


def test_the_same_period_of_the_previous_year_is_set_beside_each_figure(tmp_path):
    reports = compared(two_years(tmp_path))
    comparison = reports[2022].comparison
    assert comparison.year == 2021 and comparison.note == ""
    assert comparison.trends.set_index("period")["previous"].to_dict() == {"q1": 30, "h1": 70, "9m": 110}
    units = comparison.units.set_index(["unit_id", "indicator_id"])["previous"].to_dict()
    # at 9 months: a's own 80 in 2021 beside its rolled-up 44; b 30; c 25; the rate 8,5
    assert units == {("a", "n"): 80, ("b", "n"): 30, ("c", "n"): 25, ("a", "r"): 8.5}
    assert reports[2021].comparison.year is None and "2020" in reports[2021].comparison.note


@pytest.mark.parametrize("value, previous, kind, measure, expected", [
    (77, 110, "count", "", "−30,0%"),
    (1520, 1410, "count", "đảng viên", "+7,8%"),
    (30, 30, "amount", "", "±0,0%"),
    (5, 0, "count", "", ""),  # no share of zero
    (9.7, 8.5, "rate", "%", "+1,2 điểm %"),
    (8.5, 9.7, "rate", "%", "−1,2 điểm %"),
    (None, 8.5, "rate", "%", ""),
])
def test_the_change_is_written_in_words_a_reader_expects(value, previous, kind, measure, expected):
    assert change(value, previous, kind, measure) == expected


NOT_THE_SAME = [
    # the indicator became an amount, or lost its measure: no trend or unit row of n compares
    ("kind", dict(indicators_2022=DEFAULT_INDICATORS.replace("n,Số lượng,count,,", "n,Số lượng,amount,,")), {"r"}),
    ("direction", dict(indicators_2022=DEFAULT_INDICATORS.replace("n,Số lượng,count,,", "n,Số lượng,count,down,")),
     {"r"}),
]


@pytest.mark.parametrize("what, change_2022, indicators_left", NOT_THE_SAME)
def test_nothing_compares_across_a_change_of_definition(tmp_path, what, change_2022, indicators_left):
    comparison = compared(two_years(tmp_path, **change_2022))[2022].comparison
    assert set(comparison.units["indicator_id"]) == indicators_left, what
    assert comparison.trends.empty  # r is not summed: it has no province total


def test_a_measure_changed_in_the_previous_year_stops_the_comparison(tmp_path):
    data = two_years(tmp_path)
    path = data / "2021" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("indicator_id,name,kind,direction,aggregate",
                                                             "indicator_id,name,kind,direction,aggregate,measure")
                    .replace("n,Số lượng,count,,", "n,Số lượng,count,,,người"), encoding="utf-8")
    comparison = compared(data)[2022].comparison
    assert "n" not in set(comparison.units["indicator_id"]) and comparison.trends.empty


def test_a_unit_missing_in_the_previous_year_shows_nothing(tmp_path):
    units = UNITS + "d,Huyện D mới,g,\n"
    data = two_years(tmp_path, units_2022=units)
    comparison = compared(data)[2022].comparison
    assert "d" not in set(comparison.units["unit_id"])
    assert {"a", "b", "c"} == set(comparison.units["unit_id"])


def test_a_period_that_ends_on_another_day_does_not_compare(tmp_path):
    periods = (("q1", "2022-03-31"), ("h1", "2022-07-31"), ("9m", "2022-09-30"), ("y", "2022-12-31"))
    comparison = compared(two_years(tmp_path, periods_2022=periods))[2022].comparison
    assert list(comparison.trends["period"]) == ["q1", "9m"]


def test_a_previous_year_with_errors_only_means_nothing_is_compared(tmp_path, capsys):
    data = two_years(tmp_path)
    data_2022_only = tmp_path / "only"
    shutil.copytree(data / "2022", data_2022_only / "2022")
    broken = data_2022_only / "2021"
    shutil.copytree(data / "2021", broken)
    (broken / "results.csv").write_text(RESULTS_2021.strip().replace("a,n,y,110,", "a,n,y,1x,") + "\n",
                                        encoding="utf-8")
    site = tmp_path / "site"
    assert main(["--data", str(data_2022_only), "--site", str(site), "--year", "2022"]) == 0
    assert "Dữ liệu năm 2021 có lỗi: không so sánh cùng kỳ" in capsys.readouterr().out
    assert "cùng kỳ 2021" not in (site / "2022" / "index.html").read_text(encoding="utf-8")


def test_the_export_gives_the_same_figures_as_the_report(tmp_path):
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    export = site / "2021" / "export"
    from_export = figures_from_export((export / "periods.json").read_text(encoding="utf-8"),
                                      (export / "results.csv").read_text(encoding="utf-8-sig"))
    from_report = figures_of_report(compared(data)[2021])
    assert from_export.year == from_report.year and from_export.ends == from_report.ends
    for name in ("indicators", "totals", "values"):
        left = getattr(from_export, name).sort_values(list(getattr(from_export, name).columns[:3])).reset_index(drop=True)
        right = getattr(from_report, name).sort_values(list(getattr(from_report, name).columns[:3])).reset_index(drop=True)
        assert left.astype(str).equals(right.astype(str)), name
    report = compared(data)[2022]
    assert compare(report, from_export).units.equals(report.comparison.units)


def page_text(path: Path) -> str:
    """A page's HTML with character references resolved (data text is escaped on the pages)."""
    return html.unescape(path.read_text(encoding="utf-8"))


def test_pages_show_the_same_period_a_year_before(tmp_path):
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    summary = page_text(site / "2022" / "index.html")
    assert "Kỳ 9m 2022: 77; cùng kỳ 2021: 110, −30,0%" in summary
    indicator = page_text(site / "2022" / "chi-tieu" / "n.html")
    assert "Diễn biến toàn tỉnh qua các kỳ" in indicator and "Cùng kỳ 2021" in indicator
    unit = page_text(site / "2022" / "don-vi" / "a.html")
    assert re.search(r'data-sort="80.0">80</td><td class="sc-num sc-more">−45,0%</td>', unit), "a: 44 beside 80"
    assert re.search(r'data-sort="8.5">8,5</td><td class="sc-num sc-more">\+1,2</td>', unit), "a's rate, no measure"
    first = page_text(site / "2021" / "index.html")
    assert "cùng kỳ" not in first.lower().replace("cùng kỳ năm", "")  # 2020 does not exist


def test_the_trend_counts_the_units_at_or_ahead_of_the_pace_during_the_year(tmp_path):
    """2021, n: a 20, 50, 80, 110 of 100; b 10, 20, 30, 60 of 50; the pace at q1, h1, 9m is 24,7%, 49,6%, 74,8%
    of the year's target. a is behind at q1 (20 < 24,7), on track at h1 and 9m, over at y; b is behind until y.
    Counting only units that met the year's target would read 0/2, 0/2, 0/2 and hide a on course."""
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q", "--year", "2021"]) == 0
    page = (site / "2021" / "chi-tieu" / "n.html").read_text(encoding="utf-8")
    table = page[page.index('id="dien-bien"'):].split("</table>")[0]
    counts = re.findall(r'<td class="sc-num sc-more" data-sort="\d+">(\d+/\d+)</td>', table)
    assert counts == ["0/2", "1/2", "1/2", "2/2"]
    assert "Đơn vị đạt hoặc đúng tiến độ" in table


def test_a_closed_previous_year_is_read_from_its_snapshot(tmp_path):
    """Once 2021 is closed its data folder may go: 2022 still compares, from the snapshot's export."""
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    before = page_text(site / "2022" / "index.html")
    assert "cùng kỳ 2021: 110" in before
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 0
    shutil.rmtree(data / "2021")
    assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 0
    assert page_text(site / "2022" / "index.html") == before


def test_the_fingerprint_follows_the_previous_year(tmp_path):
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    results = data / "2021" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("b,n,9m,30,", "b,n,9m,40,"), encoding="utf-8")
    assert main(["--data", str(data), "--site", str(site), "--year", "2022", "-q"]) == 0
    summary = page_text(site / "2022" / "index.html")
    assert "cùng kỳ 2021: 120" in summary  # 2022 rebuilt for 2021's new figure, though its own files did not change


# --- each chart's figures as a CSV ------------------------------------------------------------


def read_chart_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_every_chart_links_its_figures_as_a_csv_in_words_and_vietnamese_numbers(tmp_path):
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    for page in sorted((site / "2022").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        charts = html.count('class="sc-chart-area"')
        links = re.findall(r'<a class="sc-chart-data" href="([^"]+)" download>Tải số liệu của biểu đồ '
                           r'\(CSV, mở bằng Excel\)</a>', html)
        assert len(links) == charts, page
        for link in links:
            assert (page.parent / link).is_file(), (page, link)
    trend = read_chart_csv(site / "2022" / "chi-tieu" / "n.dien-bien.csv")
    assert trend == [["Kỳ báo cáo", "Năm 2022", "Năm 2021, cùng kỳ", "Chỉ tiêu giao cả năm"],
                     ["Kỳ q1", "27", "30", "150"], ["Kỳ h1", "55", "70", "150"], ["Kỳ 9m", "77", "110", "150"]]
    completion = read_chart_csv(site / "2022" / "don-vi" / "b.muc-hoan-thanh.csv")
    assert completion[0] == ["Chỉ tiêu", "Mức hoàn thành (%)", "Trạng thái"]
    assert completion[1] == ["Số lượng", "66", "Chậm tiến độ"]  # 33 of 50


def test_libreoffice_with_a_vietnamese_locale_reads_the_chart_csv_as_numbers(tmp_path):
    """Open the CSV as a Vietnamese-locale spreadsheet does (LibreOffice's CSV filter: `;`, UTF-8,
    language vi-VN, 1066) and read the saved cells back: numbers are numbers, text is Vietnamese."""
    from openpyxl import load_workbook

    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice Calc is missing: run `python tools/run_tests.py` as root, or "
                    "`apt-get install -y libreoffice-calc-nogui`.")
    data = two_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    source = tmp_path / "progress.csv"
    shutil.copy(site / "2022" / "don-vi" / "a.tien-do.csv", source)
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                    "--infilter=CSV:59,34,76,1,,1066", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180, env=dict(os.environ, HOME=str(tmp_path)))
    sheet = load_workbook(tmp_path / "progress.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Kỳ báo cáo" and rows[1][0] == "Kỳ q1"
    expected = read_chart_csv(source)
    for got, written in zip(rows[1:], expected[1:]):
        for value, text in zip(got[1:], written[1:]):
            assert isinstance(value, (int, float)) and value == pytest.approx(float(text.replace(",", "."))), (got, text)


@pytest.mark.browser
def test_the_trend_chart_draws_this_year_last_year_and_the_target(browser, server):
    from site_fixture import wait_for_charts

    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "2022/chi-tieu/ket-nap.html")
    wait_for_charts(page)
    drawn = page.evaluate("""() => {
        const area = document.querySelector('[data-chart="chart-trend"]');
        const texts = Array.from(area.querySelectorAll('svg text')).map(t => t.textContent);
        return {rendered: area.getAttribute('data-rendered'), lines: area.querySelectorAll('svg path[d]').length,
                texts: texts};
    }""")
    page.close()
    assert errors == [] and drawn["rendered"] == "true"
    assert {"Năm 2022", "Năm 2021, cùng kỳ", "Chỉ tiêu giao cả năm"} <= set(drawn["texts"])  # the legend
    assert {"Quý I", "6 tháng đầu năm", "9 tháng"} <= set(drawn["texts"])  # the periods, in words
    assert "1.500" in drawn["texts"]  # Vietnamese thousands on the axis
    assert drawn["lines"] >= 3
