"""A site built once per test session from the bundled sample data (shared by build and browser tests),
the server and browser the browser tests use (also bench/browser.py's), and their per-page report."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import io
import os
import threading
from pathlib import Path

import pytest

from scorecard.cli import main

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "data"
EXAMPLE = ROOT / "tests" / "example"  # the contract's worked example, copied into the project
CONTRACT_EXAMPLE = ROOT.parent / "shared" / "spec" / "example"  # the contract's own, when beside the project


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path: two trees are equal byte for byte when these are."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def example_dir() -> Path:
    """The contract's worked example as the project carries it (tests/example); fail loudly when absent."""
    if not (EXAMPLE / "data" / "2030").is_dir() or not (EXAMPLE / "expected").is_dir():
        pytest.fail(f"The contract's example is missing: expected {EXAMPLE}/data and {EXAMPLE}/expected.")
    return EXAMPLE


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """site/ built from data/ by the command line, as a user runs it."""
    site = tmp_path_factory.mktemp("sample") / "site"
    status = main(["--data", str(SAMPLE_DATA), "--site", str(site), "--quiet"])
    assert status == 0, "building the sample data failed"
    return site


# The types docs/may-chu.md's nginx example compresses (text/html always is), at the level it sets.
COMPRESSED_TYPES = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                    "text/csv", "image/svg+xml", "application/xml", "text/xml", "application/atom+xml"}
GZIP_LEVEL = 6


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """A file's gzip-compressed bytes, compressed once per version of the file (IIS caches them too)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip ("gzip, deflate, br" yes; "gzip;q=0" or "" no)."""
    for item in accept_encoding.lower().replace(" ", "").split(","):
        coding, _, quality = item.partition(";q=")
        if coding in ("gzip", "*"):
            try:
                return float(quality or 1) > 0
            except ValueError:
                return False
    return False


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as the nginx and IIS examples of docs/may-chu.md do: text types gzip-compressed for
    browsers that accept it (Content-Encoding, Vary, the compressed Content-Length); anything else, and
    redirects, listings and errors, as http.server does. Logs nothing."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if (not path.is_file() or content_type not in COMPRESSED_TYPES
                or not accepts_gzip(self.headers.get("Accept-Encoding", ""))):
            return super().send_head()
        stat = path.stat()
        body = _gzipped(str(path), stat.st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[SiteHandler] = SiteHandler):
    """Serve folder on 127.0.0.1 (a free port) with SiteHandler (or a variant); yield its base URL. The socket
    listens before the URL is yielded, so a request made at once is answered (no wait for the server)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(sample_site):
    """The sample site served on 127.0.0.1 (a free port), compressed as deployed."""
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; missing Chromium fails the run, never skips it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `python tools/run_tests.py` as root, "
                    "or `apt-get install -y chromium`, or set CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def transfer(requests) -> dict:
    """What a page's finished requests cost: bytes on the wire (response headers and bodies as sent,
    gzip-compressed where the server compressed them) and the same with every body uncompressed."""
    sent = [(request.sizes(), len(request.response().body()))
            for request in requests if request.url.startswith(("http:", "https:"))]
    return {"requests": len(sent),
            "bytes": sum(sizes["responseHeadersSize"] + sizes["responseBodySize"] for sizes, _ in sent),
            "uncompressed": sum(sizes["responseHeadersSize"] + body for sizes, body in sent)}


# What the browser tests saw of each page type, filled in by them and printed at the end of the run
# (tests/conftest.py: pytest_terminal_summary), so that the figures are in CI's log.
PAGE_REPORT: dict[str, dict] = {}
REPORT_COLUMNS = (  # heading, key in PAGE_REPORT's rows, how to show the value
    ("external", "outside", str),
    ("console errors", "errors", str),
    ("axe critical/serious", "axe", lambda pair: "{}/{}".format(*pair)),
    ("charts drawn", "charts", lambda pair: "{}/{}".format(*pair)),
    ("load ms", "load_ms", "{:.0f}".format),
    ("KB sent", "bytes", lambda size: f"{size / 1000:,.0f}"),
    ("KB uncompressed", "uncompressed", lambda size: f"{size / 1000:,.0f}"),
    ("requests", "requests", str),
)


def page_report_lines() -> list[str]:
    """PAGE_REPORT as a table, a line per page type (KB = 1,000 bytes; "-" where a test did not run)."""
    if not PAGE_REPORT:
        return []
    width = max(len(name) for name in [*PAGE_REPORT, "page type"])
    lines = ["  ".join(["page type".ljust(width), *(heading for heading, _, _ in REPORT_COLUMNS)])]
    for name, row in PAGE_REPORT.items():
        cells = [("-" if row.get(key) is None else show(row[key])).rjust(len(heading))
                 for heading, key, show in REPORT_COLUMNS]
        lines.append("  ".join([name.ljust(width), *cells]))
    return lines


def search(page, query: str):
    """Search from the year page's box (#sc-q, Enter) and wait for the results; return the first one's link."""
    page.fill("#sc-q", query)
    page.press("#sc-q", "Enter")
    page.wait_for_selector("#sc-search-results li")
    return page.locator("#sc-search-results li a").first


def wait_for_charts(page, timeout: int = 15000) -> int:
    """Wait until every chart of the page is drawn (charts.js marks each); return how many there are."""
    charts = page.locator("[data-chart]").count()
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('[data-chart][data-rendered=true]').length === n", arg=charts,
            timeout=timeout)
    return charts
