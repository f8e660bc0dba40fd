"""The built sample site in Debian's Chromium: offline, no console errors, every chart drawn."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from site_fixture import wait_for_charts


pytestmark = pytest.mark.browser
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
}


def visit(browser, url: str) -> dict:
    """Open a page with every request outside the local server refused; report what happened."""
    page = browser.new_page()
    local = urlparse(url).netloc
    outside, errors = [], []

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
    response = page.goto(url, wait_until="load")
    charts = wait_for_charts(page)
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('[data-chart]')).map(
        el => el.querySelectorAll('svg path, svg rect, svg line, svg text').length)""")
    result = {"status": response.status, "outside": outside, "errors": errors, "charts": charts, "marks": marks,
              "lang": page.evaluate("document.documentElement.lang"), "text": page.inner_text("body")}
    page.close()
    return result


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_nothing_from_outside_and_draws_its_charts(browser, server, name):
    result = visit(browser, server + PAGES[name])
    print(f"{name}: outside requests {len(result['outside'])}, console errors {len(result['errors'])}, "
          f"charts {result['charts']} with marks {result['marks']}")
    assert result["status"] == 200
    assert result["outside"] == []
    assert result["errors"] == []
    assert result["lang"] == "vi"
    assert all(count > 5 for count in result["marks"]), result["marks"]
    if name != "archive front page" and name != "downloads":
        assert result["charts"] >= 1


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
    page.fill("#sc-q", query)
    page.press("#sc-q", "Enter")
    page.wait_for_selector("#sc-search-results li")
    first = page.locator("#sc-search-results li a").first
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
