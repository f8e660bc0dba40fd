#!/usr/bin/env python3
"""Benchmark: each page type of the sample site in Debian's Chromium, on a cold cache.

    python bench/browser.py             # 3 runs per page type, median load time
    python bench/browser.py --runs 5

Builds the sample data (data/) into a temporary folder with the command line,
serves it on 127.0.0.1 gzip-compressed as the nginx and IIS examples of docs/may-chu.md do
(the browser tests' server, tests/site_fixture.py) and opens each page type of
tests/test_browser.py's PAGES in a fresh browser context (empty cache). For each
it prints the time to the `load` event and until every chart is drawn (ms, median
of the runs), the bytes sent (response headers and compressed bodies, shared
assets included; KB = 1,000 bytes), the same with the bodies uncompressed (a
server that does not compress), the number of requests, and the requests to
anywhere but the local server (refused; should be 0).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from site_fixture import CHROMIUM, CHROMIUM_ARGS, serve, transfer, wait_for_charts  # noqa: E402


def build(site: Path) -> float:
    """Build the sample data into site as `generate.py --quiet` does; return the seconds taken."""
    from scorecard.cli import main

    started = time.perf_counter()
    if main(["--data", str(ROOT / "data"), "--site", str(site), "--quiet"]) != 0:
        raise SystemExit("building the sample data failed")
    return time.perf_counter() - started


def measure(browser, url: str) -> dict:
    """Open url in a fresh context (cold cache); return timings, bytes (sent and uncompressed) and requests."""
    context = browser.new_context()
    local = urlparse(url).netloc
    finished, outside = [], []

    def route(request_route):
        target = request_route.request.url
        if target.startswith(("data:", "blob:")) or urlparse(target).netloc == local:
            request_route.continue_()
        else:
            outside.append(target)
            request_route.abort()

    context.route("**/*", route)
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url, wait_until="load")
    charts = wait_for_charts(page, timeout=30000)
    charts_drawn = page.evaluate("performance.now()") if charts else None
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
    sent = transfer(finished)
    context.close()
    return {"load": load, "charts": charts_drawn, **sent, "outside": len(outside)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page type (median time; default 3)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium, or set CHROMIUM.")
    from playwright.sync_api import sync_playwright
    from test_browser import PAGES

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
        site = Path(folder) / "site"
        seconds = build(site)
        print(f"sample site built in {seconds:.1f} s; Chromium {CHROMIUM}, {args.runs} cold-cache runs per page, "
              "median times; served gzip-compressed")
        header = (f"{'page type':<26} {'page':<34} {'load ms':>8} {'charts ms':>9} {'KB sent':>8} "
                  f"{'KB uncompressed':>15} {'requests':>8} {'external':>8}")
        print(header)
        print("-" * len(header))
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            measure(browser, base + "index.html")  # warm up the browser process, not measured
            for name, path in PAGES.items():
                runs = [measure(browser, base + path) for _ in range(max(1, args.runs))]
                load = statistics.median(r["load"] for r in runs)
                charts = [r["charts"] for r in runs if r["charts"] is not None]
                last = runs[-1]
                print(f"{name:<26} {path:<34} {load:>8.0f} "
                      f"{(f'{statistics.median(charts):.0f}' if charts else '–'):>9} "
                      f"{last['bytes'] / 1000:>8,.0f} {last['uncompressed'] / 1000:>15,.0f} "
                      f"{last['requests']:>8} {last['outside']:>8}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
