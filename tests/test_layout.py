"""Layout in Debian's Chromium as readers see it: on a 375 px phone, and printed on A4 paper."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from site_fixture import wait_for_charts

from test_browser import PAGES

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}
UNIT_PAGES = ["unit with sub-units", "unit with tasks", "unit during the year"]
# A4 with the margins of `@page` in assets/site.css, in CSS pixels (96 per inch).
PX_PER_MM = 96 / 25.4
A4_MM = (210, 297)
MARGIN_MM = 15
CONTENT_WIDTH = (A4_MM[0] - 2 * MARGIN_MM) * PX_PER_MM  # 680.3 px
CONTENT_HEIGHT = (A4_MM[1] - 2 * MARGIN_MM) * PX_PER_MM  # 1009.1 px
PRINTED = {"summary": "2021/index.html", "unit": "2021/don-vi/yen-lac.html"}


def draw(page, url: str):
    """Go to url and wait until every chart is drawn."""
    page.goto(url, wait_until="load")
    wait_for_charts(page)
    return page


@pytest.fixture(scope="module")
def phone(browser):
    """A 375 x 812 phone screen (touch, meta viewport honoured)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone_layout(phone, server):
    """Each page type measured once on the phone."""
    measured = {}
    for name, path in PAGES.items():
        page = draw(phone.new_page(), server + path)
        measured[name] = page.evaluate("""() => {
            const box = e => e.getBoundingClientRect();
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            return {
                scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                // what sticks out to the right, outside the boxes that may scroll sideways
                outside: Array.from(document.querySelectorAll('body *'))
                    .filter(e => box(e).right > window.innerWidth + 0.5 && !e.closest('.sc-table'))
                    .slice(0, 8).map(e => name(e) + ' right ' + Math.round(box(e).right)),
                tables: Array.from(document.querySelectorAll('.sc-table')).map(e => ({
                    label: e.getAttribute('aria-label'), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
                    overflowX: getComputedStyle(e).overflowX, right: box(e).right})),
                charts: Array.from(document.querySelectorAll('[data-chart]')).map(area => {
                    const svg = area.querySelector('svg');
                    return {id: area.getAttribute('data-chart'), area: area.clientWidth, right: box(area).right,
                            svg: svg ? box(svg).width : null};
                }),
                headline: Array.from(document.querySelectorAll('.sc-headline, .sc-period')).map(e => ({
                    what: name(e), bottom: box(e).bottom + window.scrollY})),
            };
        }""")
        page.close()
    return measured


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_page_does_not_scroll_sideways(phone_layout, name):
    layout = phone_layout[name]
    assert layout["innerWidth"] == PHONE["width"]
    assert layout["scrollWidth"] <= layout["innerWidth"], layout["outside"]
    for table in layout["tables"]:
        assert table["right"] <= layout["innerWidth"] + 0.5, table
        if table["scrollWidth"] > table["clientWidth"]:  # a wide table scrolls inside its own box
            assert table["overflowX"] in ("auto", "scroll"), table


def test_phone_has_wide_tables_that_scroll_inside_their_box(phone_layout):
    """The check above is not vacuous: the unit's table of tasks is wider than a phone."""
    wide = [t for t in phone_layout["unit with tasks"]["tables"] if t["scrollWidth"] > t["clientWidth"]]
    assert wide, phone_layout["unit with tasks"]["tables"]


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_charts_shrink_to_fit(phone_layout, name):
    layout = phone_layout[name]
    for chart in layout["charts"]:
        assert chart["svg"] is not None, chart
        assert chart["svg"] <= chart["area"] + 0.5, chart
        assert chart["right"] <= layout["innerWidth"] + 0.5, chart


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_phone_unit_headline_is_in_the_first_screen(phone_layout, name):
    headline = phone_layout[name]["headline"]
    print(f"{name}: " + ", ".join(f"{h['what']} bottom {h['bottom']:.0f} px" for h in headline))
    assert {h["what"].split(".")[1] for h in headline} == {"sc-headline", "sc-period"}
    assert all(h["bottom"] <= PHONE["height"] for h in headline), headline


@pytest.fixture(scope="module")
def paper(browser):
    """Print media on a viewport as wide and tall as the printable area of an A4 page."""
    context = browser.new_context(viewport={"width": round(CONTENT_WIDTH), "height": round(CONTENT_HEIGHT)})
    yield context
    context.close()


@pytest.mark.parametrize("which", list(PRINTED))
def test_printed_on_a4_fits_hides_navigation_and_says_what_it_is(paper, server, tmp_path, which):
    page = paper.new_page()
    page.emulate_media(media="print")
    draw(page, server + PRINTED[which])
    layout = page.evaluate("""() => {
        const box = e => e.getBoundingClientRect();
        const period = document.querySelector('.sc-banner .sc-period');
        return {
            scrollWidth: document.documentElement.scrollWidth,
            widths: Array.from(document.querySelectorAll('table, .sc-table, figure, [data-chart], [data-chart] svg'))
                .map(e => ({what: e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || ''),
                            width: Math.max(e.scrollWidth || 0, box(e).width), right: box(e).right})),
            chrome: Array.from(document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .sc-search'))
                .map(e => ({what: e.className, display: getComputedStyle(e).display})),
            period: period && {text: period.innerText, display: getComputedStyle(period).display,
                               bottom: box(period).bottom + window.scrollY},
        };
    }""")
    print(f"{which} on A4 ({CONTENT_WIDTH:.0f} px wide): page {layout['scrollWidth']} px, widest "
          f"{max(w['width'] for w in layout['widths']):.0f} px of {len(layout['widths'])} tables and charts")
    assert layout["scrollWidth"] <= CONTENT_WIDTH
    too_wide = [w for w in layout["widths"] if w["width"] > CONTENT_WIDTH or w["right"] > CONTENT_WIDTH]
    assert too_wide == []
    assert len(layout["widths"]) >= 4
    assert {c["what"].split()[0] for c in layout["chrome"]} >= {"md-header", "md-sidebar", "md-footer"}
    assert [c for c in layout["chrome"] if c["display"] != "none"] == []
    period = layout["period"]
    assert period and period["display"] != "none"
    assert "Tỉnh ủy Vĩnh Phúc" in period["text"] and "2021" in period["text"], period
    assert period["bottom"] <= CONTENT_HEIGHT, period  # on the first page

    margin = f"{MARGIN_MM}mm"
    pdf = page.pdf(format="A4", margin={"top": margin, "right": margin, "bottom": margin, "left": margin})
    page.close()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    # The text check needs pdftotext (Debian's poppler-utils, installed by tools/run_tests.py).
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils (tools/run_tests.py does)"
    path = tmp_path / f"{which}.pdf"
    path.write_bytes(pdf)

    def text(*options: str) -> str:  # words joined by single spaces: a name may wrap in a table cell
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        return " ".join(out.split())

    first = text("-f", "1", "-l", "1")
    assert "Tỉnh ủy Vĩnh Phúc" in first and "2021" in first, first[:300]
    if which == "unit":  # the heading (in the summary the name sits in table cells, read out of order)
        assert "Huyện ủy Yên Lạc" in first
