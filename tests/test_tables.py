"""Sortable and filterable tables (assets/tables.js) in Debian's Chromium, on the sample site.

Each expected order is worked out here from the exported figures and the page's own rows (Python's
stable sort from the order the page was built in), not from the script: numbers as numbers,
names in Vietnamese order (scorecard.text.vi_sort_key, which matches Chromium's Intl.Collator("vi"),
checked below), empty cells last in either direction.
"""

from __future__ import annotations

import json

import pytest

from scorecard.labels import RATING_ORDER
from scorecard.text import fold, name_sort_key, vi_sort_key

pytestmark = pytest.mark.browser

RANKING = "2021/nhom/huyen.html"  # the 9 districts ranked: Hạng, Đơn vị, Người đứng đầu, Điểm, Chỉ tiêu đạt, Xếp loại
COLUMNS = ["Hạng", "Đơn vị", "Người đứng đầu", "Điểm", "Chỉ tiêu đạt", "Xếp loại"]


@pytest.fixture(scope="module")
def summary(sample_site):
    return json.loads((sample_site / "2021" / "export" / "summary.json").read_text(encoding="utf-8"))


def body_rows(page, table: str = "table.sc-data") -> list[list[str]]:
    """The visible body rows of the page's first matching table, as cell texts."""
    return page.evaluate("""selector => Array.from(document.querySelector(selector).tBodies[0].rows)
        .filter(row => !row.hidden).map(row => Array.from(row.cells).map(cell => cell.innerText.trim()))""", table)


def unit_links(page, table: str = "table.sc-data") -> list[str]:
    return page.evaluate("""selector => Array.from(document.querySelector(selector).tBodies[0].rows)
        .filter(row => !row.hidden).map(row => row.querySelector('a[href*="don-vi/"]').getAttribute('href'))""", table)


def header(page, name: str, table: str = "table.sc-data"):
    return page.locator(f"{table} thead th", has_text=name).first


def test_chromium_collates_vietnamese_as_the_tests_expect(browser):
    words = ["Đào", "Dung", "da", "đa", "Ánh", "Anh", "Ảnh", "Ạnh", "Ăn", "Ân", "Bình", "ưu", "uy", "Ơn", "Ôn",
             "Ong", "à", "ả", "ã", "á", "ạ", "a", "Ấp", "Ập"]
    page = browser.new_page()
    ordered = page.evaluate("words => words.slice().sort(new Intl.Collator('vi').compare)", words)
    page.close()
    assert ordered == sorted(words, key=vi_sort_key)
    assert ordered.index("Dung") < ordered.index("đa")  # đ after d
    assert ordered[:6] == ["a", "à", "ả", "ã", "á", "ạ"]  # a tone mark after the bare letter


def test_a_ranking_table_sorts_by_each_column_both_ways(browser, server, summary):
    page = browser.new_page()
    page.goto(server + RANKING)
    built = body_rows(page)
    links = unit_links(page)
    ids = [link.split("/")[-1][:-5] for link in links]
    facts = {u["unit_id"]: u for u in summary["units"]}
    rows = dict(zip(ids, built))
    met = {unit_id: int(rows[unit_id][4].split("/")[0]) / int(rows[unit_id][4].split("/")[1]) for unit_id in ids}
    keys = {
        "Hạng": lambda u: facts[u]["rank_in_group"],
        "Đơn vị": lambda u: vi_sort_key(rows[u][1]),
        "Người đứng đầu": lambda u: vi_sort_key(rows[u][2]),
        "Điểm": lambda u: facts[u]["score"],
        "Chỉ tiêu đạt": lambda u: met[u],
        "Xếp loại": lambda u: RATING_ORDER[facts[u]["rating"]],
    }
    for column in COLUMNS:
        th = header(page, column)
        th.locator("button").click()
        assert th.get_attribute("aria-sort") == "ascending"
        ascending = sorted(ids, key=keys[column])
        assert [link.split("/")[-1][:-5] for link in unit_links(page)] == ascending, column
        th.locator("button").press("Enter")  # keyboard: the header is a button
        assert th.get_attribute("aria-sort") == "descending"
        descending = sorted(ids, key=keys[column], reverse=True)  # equal keys keep the built order
        assert [link.split("/")[-1][:-5] for link in unit_links(page)] == descending, column
        others = [header(page, other).get_attribute("aria-sort") for other in COLUMNS if other != column]
        assert others == [None] * (len(COLUMNS) - 1)
    page.close()


def test_numbers_sort_as_numbers_not_as_their_vietnamese_text(browser, server):
    """ket-nap's targets are 2 to 250: as text "10" < "2" and "1.804"-style cells would misorder."""
    page = browser.new_page()
    page.goto(server + "2021/chi-tieu/ket-nap.html")
    table_selector = "div[aria-label='Các đơn vị được giao'] table"
    header(page, "Chỉ tiêu giao", table_selector).locator("button").click()
    targets = [int(row[2].replace(".", "")) for row in body_rows(page, table_selector)]
    assert targets == sorted(targets) and targets[0] < 10 < targets[-1]
    page.close()


def test_empty_cells_come_last_in_either_direction(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/can-bo/index.html")
    th = header(page, "Xếp loại của đơn vị")
    for _ in range(2):
        th.locator("button").click()
        ratings = [row[6] for row in body_rows(page)]
        empty = [i for i, text in enumerate(ratings) if text == "–"]
        assert empty and empty == list(range(len(ratings) - len(empty), len(ratings))), ratings
    page.close()


def test_names_sort_by_given_name_in_vietnamese_order(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/can-bo/index.html")
    th = header(page, "Họ và tên")
    th.locator("button").click()
    th.locator("button").click()
    th.locator("button").click()  # back to ascending
    names = [row[0] for row in body_rows(page)]
    assert names == sorted(names, key=name_sort_key)
    assert names.index("Đào Thị Ngọc Anh") < names.index("Ngô Đức Anh") < names.index("Trần Quốc Bảo")
    page.close()


@pytest.mark.parametrize("query", ["huong", "Hương", "HUONG", "bi thu huyen", "Sở Nội"])
def test_a_long_table_filters_its_rows_with_diacritics_folded(browser, server, query):
    page = browser.new_page()
    page.goto(server + "2021/can-bo/index.html")
    every = body_rows(page)
    assert len(every) > 15
    page.fill(".sc-filter input", query)
    words = fold(query).split()
    expected = [row for row in every if all(f" {word}" in f" {fold(' '.join(row))} " for word in words)]
    shown = body_rows(page)
    assert shown == expected and 0 < len(shown) < len(every)
    assert page.locator(".sc-filter-status").inner_text() == f"Hiển thị {len(shown)}/{len(every)} dòng."
    page.fill(".sc-filter input", "")
    assert body_rows(page) == every
    page.close()


def test_only_long_tables_have_a_filter_box_and_it_is_labelled(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/chi-tieu/ket-nap.html")  # 17 units: a filter; the 3 statuses: none
    assert page.locator(".sc-filter").count() == 1
    label = page.locator(".sc-filter label")
    assert label.inner_text() == "Lọc bảng"
    assert page.locator(f"#{label.get_attribute('for')}").count() == 1
    page.fill(".sc-filter input", "yen lac")
    assert {row[0] for row in body_rows(page, "div[aria-label='Các đơn vị được giao'] table")} == {
        "Huyện ủy Yên Lạc", "Đảng bộ thị trấn Yên Lạc"}
    page.goto(server + RANKING)  # 9 rows: sortable, no filter
    assert page.locator(".sc-filter").count() == 0
    assert page.locator("thead button.sc-sort").count() == len(COLUMNS)
    page.close()
