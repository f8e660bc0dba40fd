"""Accessibility of every page type in Debian's Chromium: axe-core, text beside colour, charts, keyboard, language.

axe-core comes from the pinned pip package axe-playwright-python (requirements-dev.txt), which ships
axe.min.js; it is read from the installed package, so the check works offline. A missing file fails
the run, never skips it.
"""

from __future__ import annotations

import functools
from collections import Counter
from importlib import resources

import pytest

from site_fixture import PAGE_REPORT, wait_for_charts

from test_browser import PAGES

pytestmark = pytest.mark.browser
AXE_PACKAGE = "axe_playwright_python"
BLOCKING = ("critical", "serious")
UNIT_PAGE = PAGES["unit with sub-units"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe.min.js from the installed axe-playwright-python; fail loudly when it is missing."""
    try:
        source = (resources.files(AXE_PACKAGE) / "axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as err:
        pytest.fail(f"axe-core is missing ({err}): run `pip install -r requirements-dev.txt` "
                    "(axe-playwright-python ships axe.min.js).")
    assert source.startswith("/*! axe v4."), source[:40]
    return source


@pytest.fixture(scope="module")
def context(browser):
    """One browser context for the module: pages share its cache, as a reader's tabs do."""
    context = browser.new_context()
    yield context
    context.close()


def open_page(context, url: str):
    """A new page at url, every chart drawn."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    wait_for_charts(page)
    return page


@pytest.fixture(scope="module")
def audit(context, server, axe_source):
    """audit(name) -> what axe and the DOM say about that page type (each page opened once)."""

    @functools.cache
    def run(name: str) -> dict:
        page = open_page(context, server + PAGES[name])
        page.evaluate(axe_source)
        axe = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r => ({
            version: axe.version,
            violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}))}))""")
        dom = page.evaluate("""() => ({
            lang: document.documentElement.lang,
            badges: Array.from(document.querySelectorAll('.badge')).map(b => b.textContent.trim()),
            charts: Array.from(document.querySelectorAll('[data-chart]')).map(area => {
                const figure = area.closest('figure');
                const caption = figure && figure.querySelector('figcaption');
                return {id: area.getAttribute('data-chart'), role: area.getAttribute('role'),
                        label: (area.getAttribute('aria-label') || '').trim(),
                        caption: caption ? caption.textContent.trim() : null};
            })})""")
        page.close()
        return {**axe, **dom}

    return run


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_critical_or_serious_violation(audit, name):
    result = audit(name)
    counts = Counter(v["impact"] for v in result["violations"] for _ in v["nodes"])
    PAGE_REPORT.setdefault(name, {})["axe"] = tuple(counts.get(impact, 0) for impact in BLOCKING)
    blocking = [f"{v['id']} ({v['impact']}: {v['help']}) at {n['target']}: {n['html']}\n    {n['summary']}"
                for v in result["violations"] if v["impact"] in BLOCKING for n in v["nodes"]]
    assert blocking == [], "\n".join(blocking)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_language_is_vietnamese(audit, name):
    assert audit(name)["lang"] == "vi"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_status_badge_says_its_status_in_words(audit, name):
    assert all(audit(name)["badges"]), audit(name)["badges"]


@pytest.mark.parametrize("name", ["year summary (final)", "year summary (9 months)", "unit with sub-units",
                                  "unit with tasks", "indicator", "task indicator"])
def test_pages_with_statuses_show_badges(audit, name):
    """The badge check above is not vacuous."""
    assert len(audit(name)["badges"]) >= 1


@pytest.mark.parametrize("name", list(PAGES))
def test_every_chart_is_an_image_with_a_label_and_a_caption(audit, name):
    for chart in audit(name)["charts"]:
        # As drawn, not as served: Vega's View marks its container role=graphics-document with
        # aria-label "Vega visualization" (English) unless charts.js puts the page's own back.
        assert chart["role"] == "img", f"{chart}: the drawn chart area lost role=img (assets/charts.js)"
        assert chart["label"] and chart["label"] != "Vega visualization", chart
        assert chart["caption"], chart


FOCUS_PROBE = """() => {
    const e = document.activeElement;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return {tag: e.tagName, id: e.getAttribute('data-sc-link'), href: e.getAttribute('href'),
            text: (e.textContent || '').trim().slice(0, 40), indicator: outline || shadow,
            style: `outline ${s.outlineStyle} ${s.outlineWidth}; box-shadow ${s.boxShadow}`};
}"""


def test_tab_reaches_every_content_link_of_a_unit_page_with_a_visible_focus(context, server):
    page = open_page(context, server + UNIT_PAGE)
    links = page.evaluate("""() => {
        const content = document.querySelector('article') || document.querySelector('.md-content');
        return Array.from(content.querySelectorAll('a[href]')).filter(a => a.getClientRects().length)
            .map((a, i) => { a.setAttribute('data-sc-link', String(i)); return a.getAttribute('href'); });
    }""")
    assert len(links) >= 5, links
    focusable = page.evaluate("document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length")
    reached, unmarked = set(), []
    for _ in range(focusable + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_PROBE)
        if focused["tag"] == "BODY":  # past the last element: focus went back to the document
            break
        if not focused["indicator"]:
            unmarked.append(focused)
        if focused["id"] is not None:
            reached.add(int(focused["id"]))
    page.close()
    print(f"unit page: {len(links)} content links, {len(reached)} reached by Tab, "
          f"{len(unmarked)} focused elements without a visible indicator")
    assert [links[i] for i in range(len(links)) if i not in reached] == []
    assert unmarked == []
