"""Layout in Debian's Chromium as readers see it: on a 375 px phone, and printed on A4 paper."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from site_fixture import wait_for_charts

from test_browser import CHARTED, PAGES

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


def test_phone_has_wide_tables_that_scroll_inside_their_box(table_layout):
    """The check above is not vacuous: with every column shown, the unit's table of tasks is wider than a phone
    (folded, it fits: test_phone_shows_deciding_columns_without_sideways_scrolling)."""
    tables = table_layout[360, "unit with tasks", "unfolded"]
    wide = [t for t in tables if t["scrollWidth"] > t["clientWidth"]]
    assert [t["table"] for t in wide] == ["Nhiệm vụ của đơn vị"], tables


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


# ---- chart text at every width from a small phone to a desktop ------------------------------------------------

CHART_WIDTHS = [360, 390, 1366]
MEASURE_CHARTS = """() => Array.from(document.querySelectorAll('[data-chart]')).map(area => {
    const box = e => { const b = e.getBoundingClientRect(); return {l: b.left, r: b.right, t: b.top, b: b.bottom}; };
    const svg = area.querySelector('svg');
    const caption = area.closest('figure').querySelector('figcaption');
    return {
        id: area.getAttribute('data-chart'), svg: svg && box(svg), caption: caption ? caption.textContent : '',
        // what Vega shows: it hides axis labels that would collide by giving them opacity 0
        texts: svg ? Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()
                && t.getAttribute('opacity') !== '0' && getComputedStyle(t).visibility !== 'hidden')
            .map(t => ({text: t.textContent, fill: (t.getAttribute('fill') || '').toLowerCase(), ...box(t)})) : [],
        bars: svg ? Array.from(svg.querySelectorAll('g.mark-rect.role-mark path')).map(box) : [],
    };
})"""


def overlap(a: dict, b: dict) -> float:
    """The area two boxes share, in square pixels."""
    return max(0.0, min(a["r"], b["r"]) - max(a["l"], b["l"])) * max(0.0, min(a["b"], b["b"]) - max(a["t"], b["t"]))


@pytest.fixture(scope="module")
def at_widths(browser, server):
    """Each page type with charts or deciding columns, opened once at 360, 390 and 1366 px: its charts,
    its tables and its width as drawn, and on a phone its tables again once every switch is ticked."""
    measured = {}
    for width in CHART_WIDTHS:
        phone_sized = width < 800
        context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=phone_sized,
                                      has_touch=phone_sized)
        for name in sorted(set(CHARTED) | set(TABLE_PAGES)):
            page = draw(context.new_page(), server + PAGES[name])
            measured[width, name, "charts"] = page.evaluate(MEASURE_CHARTS)
            measured[width, name] = page.evaluate(MEASURE_TABLES)
            measured[width, name, "page"] = page.evaluate("document.documentElement.scrollWidth")
            if phone_sized:
                for label in page.locator(".sc-fold-label").all():
                    label.click()
                measured[width, name, "unfolded"] = page.evaluate(MEASURE_TABLES)
            page.close()
        context.close()
    return measured


@pytest.fixture(scope="module")
def chart_layout(at_widths):
    """The drawn charts of every charted page type at each width."""
    return {(width, name): at_widths[width, name, "charts"] for width in CHART_WIDTHS for name in CHARTED}


@pytest.mark.parametrize("width", CHART_WIDTHS)
@pytest.mark.parametrize("name", sorted(CHARTED))
def test_chart_text_is_never_clipped_or_overlapping(chart_layout, width, name):
    """Every label inside its chart, none over another, white text only on a bar; a label cut short
    ("…") is written in full in the chart's caption."""
    charts = chart_layout[width, name]
    assert charts
    for chart in charts:
        texts, svg = chart["texts"], chart["svg"]
        assert svg and len(texts) >= 3, chart
        outside = [t for t in texts if t["l"] < svg["l"] - 0.5 or t["r"] > svg["r"] + 0.5
                   or t["t"] < svg["t"] - 0.5 or t["b"] > svg["b"] + 0.5]
        assert outside == [], f"{chart['id']}: text outside the chart"
        colliding = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a, b) > 1]
        assert colliding == [], f"{chart['id']}: labels over each other"
        for text in (t for t in texts if t["fill"] in ("#ffffff", "#fff", "white")):
            assert any(text["l"] >= bar["l"] - 0.5 and text["r"] <= bar["r"] + 0.5 and overlap(text, bar) > 0
                       for bar in chart["bars"]), f"{chart['id']}: white text off its bar: {text}"
        for text in (t["text"] for t in texts if t["text"].endswith("…")):
            assert text[:-1].strip() in chart["caption"], f"{chart['id']}: {text} is not in the caption"


def test_some_chart_labels_are_cut_short_on_a_small_phone(chart_layout):
    """The check of cut labels above is not vacuous: at 360 px a long name is shortened, in full in the caption."""
    cut = [t["text"] for chart in chart_layout[360, "unit with tasks"] + chart_layout[360, "year summary (final)"]
           for t in chart["texts"] if t["text"].endswith("…")]
    assert cut


# ---- tables on a phone: the deciding columns in view, the rest folded behind a visible switch ------------------

TABLE_PAGES = ["year summary (final)", "year summary (9 months)", "group", "unit with sub-units", "unit with tasks",
               "unit during the year", "indicator", "task indicator"]
MEASURE_TABLES = """() => Array.from(document.querySelectorAll('.sc-table')).filter(box => box.querySelector('th.sc-key'))
    .map(box => {
        const rect = e => e.getBoundingClientRect();
        const table = box.querySelector('table');
        const keys = Array.from(table.querySelectorAll('thead th')).map((th, i) => [th, i])
            .filter(([th]) => th.classList.contains('sc-key'));
        const cells = keys.flatMap(([th, i]) => [th, ...Array.from(table.querySelectorAll('tbody tr'))
            .map(row => row.cells[i])]);
        const label = box.parentElement.querySelector(':scope > .sc-fold-label');
        const heads = Array.from(table.querySelectorAll('td.sc-head'));
        return {
            table: box.getAttribute('aria-label'), scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
            boxRight: rect(box).right,
            keys: keys.map(([th]) => th.textContent.trim()),
            rightmost: Math.max(...cells.map(c => rect(c).right)),
            hidden: Array.from(table.querySelectorAll('.sc-more')).filter(c => c.getClientRects().length === 0).length,
            more: table.querySelectorAll('.sc-more').length,
            label: label && label.getClientRects().length ? label.innerText.trim() : null,
            headLines: heads.filter(c => c.getClientRects().length).map(c => {  // lines of its text
                const range = document.createRange();
                range.selectNodeContents(c);
                return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size; }),
        };
    })"""


@pytest.fixture(scope="module")
def table_layout(at_widths):
    """Every table with deciding columns on each page type at 360 and 390 px (folded, then unfolded) and 1366 px."""
    return at_widths


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("name", TABLE_PAGES)
def test_phone_shows_deciding_columns_without_sideways_scrolling(table_layout, width, name):
    tables = table_layout[width, name]
    assert tables and table_layout[width, name, "page"] <= width
    for table in tables:
        where = f"{table['table']} at {width} px"
        assert table["scrollWidth"] <= table["clientWidth"] + 1, f"{where}: scrolls sideways"
        assert table["rightmost"] <= min(table["boxRight"], width) + 0.5, f"{where}: {table['keys']} cut off"
        assert table["hidden"] == table["more"], f"{where}: columns not folded"
        if table["more"]:
            assert table["label"] == "Hiện đủ các cột của bảng", where


def test_phone_tables_fold_columns_and_keep_the_deciding_ones(table_layout):
    """Not vacuous: the unit's and the ranking tables fold columns and keep name, score, rating, rank."""
    tables = {t["table"]: t for t in table_layout[360, "unit with sub-units"]}
    assert tables["Chỉ tiêu của đơn vị"]["keys"] == ["Chỉ tiêu", "Hoàn thành", "Trạng thái"]
    assert tables["Chỉ tiêu của đơn vị"]["hidden"] > 0
    ranking = {t["table"]: t for t in table_layout[360, "group"]}["Xếp hạng trong nhóm theo điểm"]
    assert ranking["keys"] == ["Hạng", "Đơn vị", "Điểm", "Xếp loại"] and ranking["hidden"] > 0


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("name", TABLE_PAGES)
def test_phone_switch_unfolds_every_column_and_the_table_scrolls_in_its_box(table_layout, width, name):
    for table in table_layout[width, name, "unfolded"]:
        assert table["hidden"] == 0, table["table"]
        if table["more"]:
            assert table["label"] == "Thu gọn bảng", table["table"]
        assert all(lines <= 4 for lines in table["headLines"]), (table["table"], table["headLines"])
    assert table_layout[width, name, "page"] <= width


@pytest.mark.parametrize("name", TABLE_PAGES)
def test_desktop_shows_every_column_and_no_switch(table_layout, name):
    for table in table_layout[1366, name]:
        assert table["hidden"] == 0 and table["label"] is None, table["table"]
        assert table["scrollWidth"] <= table["clientWidth"] + 1, table["table"]
        assert all(lines <= 3 for lines in table["headLines"]), (table["table"], table["headLines"])


# ---- printed on A4 from a desktop: a document, readable, its tables whole ---------------------------------------

PRINT_PAGES = {"summary": "2021/index.html", "group": "2021/nhom/huyen.html", "unit": "2021/don-vi/yen-lac.html"}
LIBERATION_SANS_HEIGHT = 1.117  # a word's box in pdftotext -bbox is (ascent + descent) = 1.117 x its size
SCREEN_ONLY = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top", ".sc-search", ".sc-years",
               ".sc-fold-label", ".sc-filter")


def pdf_words(path) -> list[list[dict]]:
    """Every word of a PDF with its box (points) and the size it was set in, page by page (pdftotext -bbox)."""
    import html
    import re

    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([{"text": html.unescape(m[4]), "x": float(m[0]), "top": float(m[1]), "bottom": float(m[3]),
                       "size": (float(m[3]) - float(m[1])) / LIBERATION_SANS_HEIGHT}
                      for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                          r'([^<]*)</word>', page)])
    return pages


def print_pdf(page, path):
    """The page as Chromium prints it on A4 (the margins of its own @page rule), written to path."""
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils (tools/run_tests.py does)"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    return path


@pytest.fixture(scope="module")
def desktop(browser):
    """A desktop screen: pages are drawn as a reader sees them, then printed."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def printed(desktop, server, tmp_path_factory):
    """Each printed page type: what print media shows in the browser, and its PDF's words."""
    folder = tmp_path_factory.mktemp("printed")
    result = {}
    for which, path in PRINT_PAGES.items():
        page = draw(desktop.new_page(), server + path)
        page.emulate_media(media="print")
        shown = page.evaluate("""screenOnly => ({
            visible: screenOnly.flatMap(s => Array.from(document.querySelectorAll(s)))
                .filter(e => e.getClientRects().length > 0).map(e => e.className),
            banner: Array.from(document.querySelectorAll('.sc-banner')).map(e => {
                const s = getComputedStyle(e);
                return s.backgroundColor + ' ' + s.borderLeftStyle; }),
            // the size each text in a table is set in, and each chart text as drawn on the page (px)
            tableText: Array.from(document.querySelectorAll('table.sc-data *')).filter(e =>
                    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())
                    && e.getClientRects().length > 0)
                .map(e => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize)]),
            chartText: Array.from(document.querySelectorAll('[data-chart] svg')).flatMap(svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim())
                    .map(t => [t.textContent.slice(0, 30), parseFloat(getComputedStyle(t).fontSize) * scale]);
            }),
        })""", list(SCREEN_ONLY))
        pdf = print_pdf(page, folder / f"{which}.pdf")
        page.close()
        result[which] = {**shown, "pages": pdf_words(pdf)}
    return result


@pytest.mark.parametrize("which", list(PRINT_PAGES))
def test_printed_page_has_no_banner_navigation_or_switches(printed, which):
    result = printed[which]
    assert result["visible"] == []
    assert result["banner"] and all(b.startswith("rgba(0, 0, 0, 0) none") for b in result["banner"]), result["banner"]
    words = " ".join(w["text"] for page in result["pages"] for w in page)
    for screen_word in ("Năm khác", "Tìm kiếm", "Hiện đủ các cột", "Lọc bảng", "Trở lại", "Lên đầu trang"):
        assert screen_word not in words, screen_word
    first = " ".join(w["text"] for w in result["pages"][0])
    assert "Tỉnh ủy Vĩnh Phúc" in first and "2021" in first and "Dữ liệu mẫu" in first  # what and when it is


@pytest.mark.parametrize("which", list(PRINT_PAGES))
def test_printed_tables_are_9_pt_and_charts_8_pt_or_larger(printed, which):
    result = printed[which]
    small_tables = [(text, px * 0.75) for text, px in result["tableText"] if px * 0.75 < 9 - 0.01]
    small_charts = [(text, px * 0.75) for text, px in result["chartText"] if px * 0.75 < 8 - 0.01]
    assert result["tableText"] and result["chartText"]
    assert small_tables == [] and small_charts == []
    # On paper: nothing below 8 pt (chart text), and a table's figures at the size set (no shrinking to fit)
    words = [w for page in result["pages"] for w in page]
    assert min(w["size"] for w in words) >= 7.9, sorted(words, key=lambda w: w["size"])[:5]
    figures = [w["size"] for w in words if w["text"].endswith("%") and "," in w["text"]]
    assert figures and max(figures) >= 9.4


def print_with_spacer(page, before: str, height: float, path):
    """Print with a block of `height` px at the top of a new page, just before the element `before`:
    what follows starts `height` px down a page (a reader's page break falls anywhere)."""
    page.evaluate("""([selector, height]) => {
        document.querySelectorAll('.sc-test-spacer').forEach(e => e.remove());
        const spacer = document.createElement('div');
        spacer.className = 'sc-test-spacer';
        spacer.style.breakBefore = 'page';
        spacer.style.height = height + 'px';
        const target = document.querySelector(selector);
        target.parentNode.insertBefore(spacer, target);
    }""", [before, height])
    return pdf_words(print_pdf(page, path))


def test_printed_table_header_is_never_alone_at_the_foot_of_a_page(desktop, server, tmp_path):
    """Yên Lạc's table of tasks placed at every position near the foot of a page: its caption and header row
    always share a page with its first row (the header once stood alone at the foot of page 1)."""
    page = draw(desktop.new_page(), server + PRINT_PAGES["unit"])
    page.emulate_media(media="print")
    alone = []
    for height in range(round(CONTENT_HEIGHT) - 160, round(CONTENT_HEIGHT) - 10, 10):
        pages = print_with_spacer(page, "#nhiem-vu", height, tmp_path / "tasks.pdf")
        for number, words in enumerate(pages, start=1):
            text = " ".join(w["text"] for w in words)
            if ("Sản phẩm đã có" in text or "Nhiệm vụ, sản phẩm phải có" in text) and "386-QĐ/HU" not in text:
                alone.append((height, number))
    page.close()
    assert alone == []


def test_printed_table_repeats_its_header_row_on_every_page(desktop, server, tmp_path):
    """The group's ranking split across two pages: the header row is printed again on top of the second."""
    page = draw(desktop.new_page(), server + PRINT_PAGES["group"])
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('figure').forEach(e => e.remove())")  # its notes repeat the scores
    pages = print_with_spacer(page, ".sc-tablebox", CONTENT_HEIGHT - 300, tmp_path / "group.pdf")
    page.close()
    spanned = [words for words in pages if any(w["text"] in ("107,8%", "100,1%") for w in words)]
    assert len(spanned) == 2, "the table does not span two pages"
    for words in spanned:
        header = [w for w in words if w["text"] == "Người"]
        figures = [w for w in words if w["text"].endswith("%") and "," in w["text"]]
        assert header and figures and min(h["top"] for h in header) < min(f["top"] for f in figures)
