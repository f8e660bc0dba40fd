"""What a page may do: every page carries the Content-Security-Policy of scorecard/security.py, the server
examples of docs/may-chu.md send the same headers, and no page type breaks the policy in Debian's Chromium,
served with the headers or opened from disk, with its charts drawn and search working."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from scorecard.security import HEADERS, POLICY
from site_fixture import ROOT, SiteHandler, search, serve, wait_for_charts
from test_browser import CHARTED, PAGES

MATERIAL = Path(__import__("material").__file__).parent / "templates"
# Collects every violation the policy reports, from the first script of the page on.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));"""
SEARCH = "search page"
BROWSER_PAGES = {**PAGES, SEARCH: "2021/tim-kiem.html?q=yen%20lac"}


# --- the policy, declared once ----------------------------------------------------------------------------

def meta_policies(html: str) -> list[str]:
    """The Content-Security-Policy of a page's meta elements, entities decoded."""
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    return [value.replace("&#39;", "'").replace("&amp;", "&") for value in found]


def test_the_policy_allows_only_the_sites_own_files():
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    assert directives["default-src"] == "'none'"
    for kind in ("script-src", "style-src", "font-src", "connect-src"):
        assert directives[kind] == "'self'", kind
    assert directives["img-src"] == "'self' data:"
    assert "unsafe" not in POLICY and "sha256" not in POLICY and "*" not in POLICY
    assert HEADERS["Content-Security-Policy"] == POLICY + "; frame-ancestors 'self'"


def test_the_theme_template_carries_the_same_policy():
    html = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert meta_policies(html) == [POLICY]


def test_every_built_page_carries_the_policy_and_no_inline_script_or_style(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        shown = page.relative_to(sample_site)
        assert meta_policies(html) == [POLICY], shown
        head = html[:html.index('<meta http-equiv="Content-Security-Policy"')]
        assert "<script" not in head, f"{shown}: a script before the policy"
        inline = [attributes for attributes in re.findall(r"<script([^>]*)>", html)
                  if "src=" not in attributes and 'type="application/json"' not in attributes]
        assert inline == [], f"{shown}: inline scripts {inline}"
        assert "<style" not in html and " style=" not in html, f"{shown}: inline style"
        assert not re.search(r"<[a-z][^>]* on[a-z]+=", html), f"{shown}: an event handler attribute"


@pytest.mark.parametrize("partial, mirror, scope", [
    ("partials/javascripts/base.html", "assets/theme-head.js", True),
    ("partials/javascripts/content.html", "assets/theme-content.js", False),
])
def test_materials_inline_scripts_are_still_the_ones_our_files_mirror(partial, mirror, scope):
    """overrides/ replaces two of Material's partials by script files: an upgrade changing them shows here."""
    scripts = re.findall(r"<script>(.*?)</script>", (MATERIAL / partial).read_text(encoding="utf-8"))
    code = scripts[-1]  # content.html's first script is for content.tabs.link, which we do not use
    if scope:
        code = code.replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.scope")
    assert code in (ROOT / mirror).read_text(encoding="utf-8").splitlines()
    assert "<script>" not in (ROOT / "overrides" / partial).read_text(encoding="utf-8")


def test_the_server_examples_send_these_headers():
    guide = (ROOT / "docs" / "may-chu.md").read_text(encoding="utf-8")
    nginx = next(block for block in re.findall(r"```nginx\n(.*?)```", guide, re.S) if "add_header" in block)
    assert dict(re.findall(r'add_header (\S+) "([^"]*)" always;', nginx)) == HEADERS
    iis = next(block for block in re.findall(r"```xml\n(.*?)```", guide, re.S) if "customHeaders" in block)
    root = ElementTree.fromstring(iis.encode("utf-8"))
    sent = {item.get("name"): item.get("value") for item in root.iter("add") if item.get("name")}
    assert sent == HEADERS
    assert root.find(".//windowsAuthentication").get("enabled") == "true"
    assert root.find(".//anonymousAuthentication").get("enabled") == "false"
    assert re.search(r"^\s*deny all;", nginx, re.M) and "auth_request" in guide


# --- in the browser ---------------------------------------------------------------------------------------

class HeadersHandler(SiteHandler):
    """The test server of the browser tests, sending the security headers as docs/may-chu.md's examples do."""

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module", params=["http", "file"])
def origin(request, sample_site):
    """The sample site's base URL: served with the headers, or opened from disk (the meta policy alone)."""
    if request.param == "file":
        yield sample_site.resolve().as_uri() + "/"
        return
    with serve(sample_site, HeadersHandler) as url:
        yield url


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    yield context
    context.close()


# True once the page has scrolled (or cannot) and stood still for two frames and a task: the scroll
# handlers have run and any violation they caused has been reported. Polled, not a fixed wait.
SCROLLED = """() => new Promise(done => {
    const y = window.scrollY;
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(window.scrollY === y
        && (y > 0 || document.documentElement.scrollHeight <= window.innerHeight)))));
})"""


def open_watched(context, url: str):
    """A page at url with every policy violation and console error collected; return it and the errors."""
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    assert response is None or response.status == 200
    return page, errors


@pytest.mark.browser
@pytest.mark.parametrize("name", list(BROWSER_PAGES))
def test_no_page_breaks_the_policy_and_charts_and_search_work(context, origin, name):
    page, errors = open_watched(context, origin + BROWSER_PAGES[name])
    charts = wait_for_charts(page)
    if name in CHARTED:
        assert charts >= 1
        marks = page.evaluate("() => Array.from(document.querySelectorAll('[data-chart]')).map("
                              "el => el.querySelectorAll('svg path, svg rect, svg text').length)")
        assert all(count > 5 for count in marks), marks
    if name == SEARCH:
        page.wait_for_selector("#sc-search-results li")
        assert page.locator("#sc-search-results li a").first.inner_text() == "Huyện ủy Yên Lạc"
        page.fill("#sc-search-input", "dang vien")
        assert page.locator("#sc-search-results li a").first.inner_text() == "Kết nạp đảng viên mới"
    elif page.locator("#sc-q").count():  # the search box of every year page leads to results
        search(page, "yen lac")
    page.mouse.wheel(0, 4000)  # Material's scroll-driven parts (back to top, sidebars) run too
    page.wait_for_function(SCROLLED)
    assert page.evaluate("window.__violations") == []
    assert errors == []
    page.close()


@pytest.mark.browser
def test_the_policy_is_in_force(context, origin):
    """The check above can fail: an inline script and style added to a page are blocked and reported."""
    page, errors = open_watched(context, origin + PAGES["year summary (final)"])
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.body.appendChild(script);
        document.body.insertAdjacentHTML('beforeend', '<p id="styled" style="color: rgb(255, 0, 0)">x</p>');
    }""")
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    violated = " ".join(page.evaluate("window.__violations"))
    assert "script-src" in violated and "style-src" in violated
    page.close()

