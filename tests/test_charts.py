"""Charts show the order their captions state, the order of the table beside them: highest first,
equal values in Vietnamese alphabetical order (đ after d, tones after the bare letter)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from scorecard import charts
from scorecard.render import render_year
from scorecard.text import vi_sort_key
from site_fixture import wait_for_charts


@pytest.mark.parametrize("before, after", [
    ("Dân vận", "Đảng bộ"),  # đ is a letter of its own, after d (by code point Đ comes after every ASCII letter)
    ("Đảng bộ", "Thành ủy"),
    ("Đảng ủy Khối", "Giám đốc"),
    ("Trường Chính trị", "Ủy ban Kiểm tra"),  # U before V whatever its tone
    ("Ủy ban Kiểm tra", "Văn phòng"),  # by code point Ủ (U+1EE6) comes after V
    ("Uy", "Ưu"), ("Om", "Ôm"), ("Ôm", "Ơn"), ("Ban", "Băn"), ("Băn", "Bân"), ("Ben", "Bên"),
    ("ba", "bà"), ("bà", "bả"), ("bả", "bã"), ("bã", "bá"), ("bá", "bạ"),  # level, huyền, hỏi, ngã, sắc, nặng
    ("bạ", "bac"),  # the letters decide before the tones
    ("Bà Rịa", "Ba Vì"),
    ("Sở Tài chính", "Sở Tài nguyên"),
    ("Tổ 2", "Tổ 10"),  # numbers by value
    ("huyện", "Huyện"),  # same letters and tones: the text itself decides, so the order is total
])
def test_vietnamese_alphabetical_order(before, after):
    assert vi_sort_key(before) < vi_sort_key(after)
    assert sorted([after, before], key=vi_sort_key) == [before, after]


def test_vi_sort_key_reads_composed_and_decomposed_text_alike():
    import unicodedata

    name = "Đảng ủy Khối các cơ quan tỉnh"
    assert vi_sort_key(unicodedata.normalize("NFD", name))[:2] == vi_sort_key(name)[:2]


def drawn_names(svg: str) -> list[str]:
    """The row names a bar chart drew (its row_name layer), top to bottom."""
    root = ET.fromstring(svg)
    names = []
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if "row_name_marks" in (group.get("class") or ""):
            for text in group.iter("{http://www.w3.org/2000/svg}text"):
                y = float(re.search(r"translate\(([-\d.e]+),([-\d.e]+)\)", text.get("transform")).group(2))
                names.append((y, "".join(text.itertext())))
    return [name for _, name in sorted(names)]


@pytest.mark.parametrize("design, value", [("completion", "shown"), ("counts", "count")])
def test_compiled_bar_designs_draw_rows_in_the_order_given(design, value):
    """The design sorts rows by their `order`, never by name (it once drew "Đảng bộ…" after "Thành ủy…")."""
    import vl_convert

    names = ["Thành ủy Vĩnh Yên", "Đảng bộ xã Đồng Cương", "Ban Tổ chức", "Ủy ban Kiểm tra", "Văn phòng"]
    rows = [{"order": i, "label": name, value: 0.5 + i / 10, "completion": 0.5 + i / 10, "colour": "#1565c0",
             "note": f"{i}", "status": ""} for i, name in enumerate(names)]
    spec = json.loads(json.dumps(charts.compiled_designs()[design]))
    for dataset in spec["data"]:
        if dataset["name"] == charts.ROWS:
            dataset["values"] = rows
    spec["width"] = 400
    assert drawn_names(vl_convert.vega_to_svg(spec)) == names


TIED = """
unit_id,name,group_id,parent_id
t,Thành ủy Vĩnh Yên,g,
d,Đảng bộ xã Đồng Cương,g,
v,Văn phòng Tỉnh ủy,g,
u,Ủy ban Kiểm tra Tỉnh ủy,g,
b,Ban Dân vận Tỉnh ủy,g,
x,Dân vận Z,g,
w,Huyện ủy Yên Lạc,g,
"""


def test_equal_scores_are_ranked_and_charted_in_vietnamese_alphabetical_order(build_year):
    """Six units at 100% share rank 1 and are listed in Vietnamese order; the unit at 120% comes first."""
    targets = "unit_id,indicator_id,target\n" + "".join(f"{u},n,10\n" for u in "tdvubxw")
    results = "unit_id,indicator_id,period,value,status\n" + "".join(f"{u},n,y,10,\n" for u in "tdvubx") + "w,n,y,12,\n"
    pages = render_year(build_year(units=TIED, targets=targets, results=results))
    expected = ["Huyện ủy Yên Lạc", "Ban Dân vận Tỉnh ủy", "Dân vận Z", "Đảng bộ xã Đồng Cương",
                "Thành ủy Vĩnh Yên", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy"]
    page = pages["nhom/g.md"]
    table = re.findall(r'<tr><td[^>]*>(\d+)</td><td><a href="[^"]+">([^<]+)</a>', page)
    assert [name for _, name in table] == expected
    assert [rank for rank, _ in table] == ["1"] + ["2"] * 6
    rows = json.loads(re.search(r'<script type="application/json" id="chart-group"[^>]*>(.*?)</script>', page,
                                re.S).group(1))
    assert [r["label"] for r in sorted(rows, key=lambda r: r["order"])] == expected
    indicator = pages["chi-tieu/n.md"]
    listed = re.findall(r'<tr><td><a href="../don-vi/[^"]+">([^<]+)</a>', indicator)
    assert listed == expected


# ---- in the browser: what the chart draws is what the table beside it lists -----------------------------------

# page, chart, the table whose first link column gives the order (its aria-label)
DRAWN_AS_TABLED = [
    ("2021/nhom/huyen.html", "chart-group", "Xếp hạng trong nhóm theo điểm"),
    ("2021/nhom/dang-doan-the.html", "chart-group", "Xếp hạng trong nhóm theo điểm"),  # nine units tie at 100%
    ("2021/index.html", "chart-groups", "Kết quả theo nhóm"),
    ("2021/chi-tieu/ket-nap.html", "chart-indicator", "Các đơn vị được giao"),
    ("2022/chi-tieu/nhiem-vu-1.html", "chart-indicator", "Các đơn vị được giao"),
]
READ_CHART = """chart => {
    const area = document.querySelector(`[data-chart="${chart}"]`);
    const texts = Array.from(area.querySelectorAll('svg g.row_name_marks text'));
    return texts.map(t => [t.getBoundingClientRect().top, t.textContent])
        .sort((a, b) => a[0] - b[0]).map(pair => pair[1]);
}"""
READ_TABLE = """label => Array.from(document.querySelectorAll(`[aria-label="${label}"] tbody tr`))
    .map(row => row.querySelector('a').textContent.trim())"""


@pytest.fixture(scope="module")
def page_in(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})

    def go(path):
        page.goto(server + path, wait_until="load")
        wait_for_charts(page)
        return page

    yield go
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path, chart, table", DRAWN_AS_TABLED)
def test_a_chart_draws_its_rows_in_the_order_of_the_table_beside_it(page_in, path, chart, table):
    page = page_in(path)
    drawn, listed = page.evaluate(READ_CHART, chart), page.evaluate(READ_TABLE, table)
    assert len(drawn) >= 4 and drawn == listed
    caption = page.locator(f'[data-chart="{chart}"]').get_attribute("aria-label")
    assert "từ cao đến thấp" in caption


@pytest.mark.browser
def test_a_ranking_lists_tied_units_in_vietnamese_order(page_in):
    """Hand-worked from the sample: the 2021 party boards at 100% (rank 1), in Vietnamese alphabetical order."""
    page = page_in("2021/nhom/dang-doan-the.html")
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('tbody tr')).map(
        r => [r.cells[0].textContent.trim(), r.querySelector('a').textContent.trim()])""")
    first = [name for rank, name in rows if rank == "1"]
    assert first == sorted(first, key=vi_sort_key)
    assert first.index("Ủy ban Kiểm tra Tỉnh ủy") < first.index("Văn phòng Tỉnh ủy")
    assert first[0].startswith("Ban ")


@pytest.mark.browser
def test_a_unit_chart_draws_its_targets_highest_first(page_in):
    """Yên Lạc 2021, hand-worked from data/2021: 133,3% > 107,9% > 106,0% > 105,0% > 100,0%."""
    page = page_in("2021/don-vi/yen-lac.html")
    assert page.evaluate(READ_CHART, "chart-completion") == [
        "Thành lập tổ chức đảng trong doanh nghiệp tư nhân", "Thu ngân sách nhà nước trên địa bàn",
        "Tỷ lệ hộ nghèo", "Kết nạp đảng viên mới", "Thành lập Ban Chỉ đạo thực hiện chỉ tiêu giao bằng sản phẩm"]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+cmd|calc", "-2+3", "@SUM(1)"])
def test_a_chart_csv_runs_no_formula_from_a_name_in_its_header_or_rows(text):
    """Series are units' or indicators' names: in the header as much as in the rows, Excel must see text."""
    header, rows = charts.data_table("progress", [
        {"order": 0, "period": text, "series": text, "completion": 0.5},
    ], None, None)
    lines = charts.data_csv(header, rows).lstrip("\ufeff").splitlines()
    cells = [cell.strip('"').replace('""', '"') for line in lines for cell in line.split(";")]
    assert f"'{text} (%)" in cells and f"'{text}" in cells
    assert not [cell for cell in cells if cell[:1] in "=+-@"]
