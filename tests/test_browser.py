"""The built sample site in Debian's Chromium: offline, no console errors, every chart drawn, within its
transfer budget on a cold cache, served compressed as deployed (site_fixture.SiteHandler)."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlparse

import pytest

from site_fixture import PAGE_REPORT, search, transfer, wait_for_charts


pytestmark = pytest.mark.browser
# Every page type, by the name the tests' report uses: a line here adds the page type to this file's
# tests, the accessibility and phone tests, the per-page report at the end of the run and bench/browser.py.
PAGES = {
    "archive front page": "index.html",
    "year summary (final)": "2021/index.html",
    "year summary (9 months)": "2022/index.html",
    "group": "2021/nhom/huyen.html",
    "unit with sub-units": "2021/don-vi/yen-lac.html",
    "unit with tasks": "2021/don-vi/ban-noi-chinh.html",
    "unit during the year": "2022/don-vi/binh-xuyen.html",
    "indicator": "2021/chi-tieu/ket-nap.html",
    "task indicator": "2022/chi-tieu/nhiem-vu-1.html",
    "downloads": "2021/du-lieu.html",
    "bulletins": "2021/ban-tin/index.html",
    "bulletin": "2021/ban-tin/y.html",
    "official": "2021/can-bo/cb-009.html",
    "officials": "2021/can-bo/index.html",
}
CHARTED = {"year summary (final)", "year summary (9 months)", "group", "unit with sub-units", "unit with tasks",
           "unit during the year", "indicator", "task indicator"}  # page types that must draw a chart
TRANSFER_BUDGET = 500_000  # bytes on the wire for any page with its charts, cold cache, shared assets included


def visit(browser, url: str) -> dict:
    """Open a page in a fresh context (cold cache) with every request outside the local server refused;
    report what happened, the time to `load` and the bytes transferred once every chart is drawn."""
    page = browser.new_page()
    local = urlparse(url).netloc
    outside, errors, finished = [], [], []

    def route(request_route):
        host = urlparse(request_route.request.url).netloc
        if request_route.request.url.startswith(("data:", "blob:")) or host == local:
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(url, wait_until="load")
    charts = wait_for_charts(page)
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('[data-chart]')).map(
        el => el.querySelectorAll('svg path, svg rect, svg line, svg text').length)""")
    result = {"status": response.status, "outside": outside, "errors": errors, "charts": charts, "marks": marks,
              "lang": page.evaluate("document.documentElement.lang"), "text": page.inner_text("body"),
              "load_ms": page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart"),
              **transfer(finished)}
    page.close()
    return result


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_nothing_from_outside_and_draws_its_charts(browser, server, name):
    result = visit(browser, server + PAGES[name])
    drawn = sum(count > 5 for count in result["marks"])
    PAGE_REPORT.setdefault(name, {}).update(
        outside=len(result["outside"]), errors=len(result["errors"]), charts=(drawn, result["charts"]),
        **{key: result[key] for key in ("load_ms", "bytes", "uncompressed", "requests")})
    assert result["status"] == 200
    assert result["outside"] == []
    assert result["errors"] == []
    assert result["lang"] == "vi"
    assert drawn == result["charts"], result["marks"]
    if name in CHARTED:
        assert result["charts"] >= 1
    assert result["bytes"] < TRANSFER_BUDGET, f"{result['bytes']:,} bytes sent, over the budget"


@pytest.mark.parametrize("path, compressed", [("2021/assets/vendor/vega.min.js", True), ("2021/index.html", True),
                                              ("2021/export/summary.json", True), ("2021.zip", False)])
def test_server_compresses_text_as_the_deployed_server_does(server, path, compressed):
    """The transfer budget counts compressed bytes: the test server gzips text as docs/may-chu.md's nginx does."""
    for accept in ("gzip, deflate, br", None):
        request = urllib.request.Request(server + path, headers={"Accept-Encoding": accept} if accept else {})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            headers = response.headers
        assert int(headers["Content-Length"]) == len(body)
        assert headers.get("Content-Encoding") == ("gzip" if compressed and accept else None)
        assert headers.get("Vary") == ("Accept-Encoding" if compressed and accept else None)


def test_unit_page_shows_its_headline_and_chart_labels_in_vietnamese(browser, server):
    result = visit(browser, server + PAGES["unit with sub-units"])
    text = result["text"]
    for expected in ("Huyện ủy Yên Lạc", "Thứ hạng trong nhóm", "Hoàn thành xuất sắc nhiệm vụ", "Dữ liệu mẫu",
                     "Chi bộ", "Vượt"):
        assert expected in text, expected
    assert result["charts"] == 2


@pytest.mark.parametrize("query", ["Yên Lạc", "yen lac", "YEN LAC", "Yen Lac", "yen-lac"])
def test_search_finds_yen_lac_first_with_or_without_diacritics(browser, server, query):
    page = browser.new_page()
    page.goto(server + "2021/index.html")
    first = search(page, query)
    assert first.inner_text() == "Huyện ủy Yên Lạc"
    assert first.get_attribute("href") == "don-vi/yen-lac.html"
    page.close()


def test_search_folds_d_with_stroke_and_shows_hostile_free_text(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/tim-kiem.html?q=dang%20vien")
    page.wait_for_selector("#sc-search-results li")
    assert page.locator("#sc-search-results li a").first.inner_text() == "Kết nạp đảng viên mới"
    page.fill("#sc-search-input", "kehin")
    assert page.locator("#sc-search-results li a").first.inner_text() == "Chi bộ Công ty cổ phần KEHIN"
    page.close()
