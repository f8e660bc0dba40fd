"""A site built once per test session from the bundled sample data (shared by build and browser tests)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import threading
from pathlib import Path

import pytest

from scorecard.cli import main

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "data"
EXAMPLE = ROOT.parent / "shared" / "spec" / "example"


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path: two trees are equal byte for byte when these are."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def example_dir() -> Path:
    """The contract's worked example, beside the repository (as in CI); fail loudly when absent."""
    if not (EXAMPLE / "data" / "2030").is_dir():
        pytest.fail(f"The contract's example is missing: expected {EXAMPLE} (shared/ beside the repository).")
    return EXAMPLE


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """site/ built from data/ by the command line, as a user runs it."""
    site = tmp_path_factory.mktemp("sample") / "site"
    status = main(["--data", str(SAMPLE_DATA), "--site", str(site), "--quiet"])
    assert status == 0, "building the sample data failed"
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(sample_site):
    """The sample site served on 127.0.0.1 (a free port)."""
    handler = functools.partial(QuietHandler, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; missing Chromium fails the run, never skips it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `python tools/run_tests.py` as root, "
                    "or `apt-get install -y chromium`, or set CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


def wait_for_charts(page, timeout: int = 15000) -> int:
    """Wait until every chart of the page is drawn (charts.js marks each); return how many there are."""
    charts = page.locator("[data-chart]").count()
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('[data-chart][data-rendered=true]').length === n", arg=charts,
            timeout=timeout)
    return charts
