"""Hostile text from the data is shown as text everywhere and runs nothing, in a real browser."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from scorecard.cli import main
from site_fixture import example_dir, serve, wait_for_charts

pytestmark = pytest.mark.browser
SCRIPT = "</script><script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
MARKDOWN = "A | B *C*"
FORMULA = "=HYPERLINK(\"http://x\")"


def rewrite(path, edit):
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter=";" if path.name == "results.csv" else ","))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";" if path.name == "results.csv" else ",")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The example year with hostile names, heads, products and evidence, built and served."""
    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    shutil.copytree(example_dir() / "data", data)
    for path in data.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    year = data / "2030"

    def units(rows):
        rows[0]["name"], rows[0]["head"] = SCRIPT, IMAGE  # huyen-a
        rows[1]["name"] = MARKDOWN  # huyen-b
        rows[4]["name"] = FORMULA  # ban-x

    def groups(rows):
        rows[0]["name"] = IMAGE  # huyen

    def targets(rows):
        for row in rows:
            if row["indicator_id"] == "de-an":
                row["product"] = SCRIPT

    def indicators(rows):
        rows[0]["name"] = SCRIPT + " " + MARKDOWN  # ket-nap

    def results(rows):
        for row in rows:
            if row["evidence"]:
                row["evidence"] = IMAGE

    for name, edit in (("units.csv", units), ("groups.csv", groups), ("targets.csv", targets),
                       ("indicators.csv", indicators), ("results.csv", results)):
        rewrite(year / name, edit)
    site = base / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    with serve(site) as url:
        yield site, url + "2030/"


PAGES = ["index.html", "don-vi/huyen-a.html", "don-vi/huyen-b.html", "don-vi/ban-x.html", "nhom/huyen.html",
         "chi-tieu/ket-nap.html", "chi-tieu/de-an.html", "tim-kiem.html?q=huyen"]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_and_the_text_is_shown_literally(browser, hostile_site, path):
    site, base = hostile_site
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    # "networkidle": every request has settled (an injected <img src=x> would have failed and fired its
    # onerror by then); then the charts, drawn from the data, are complete before the page is inspected.
    page.goto(base + path, wait_until="networkidle")
    wait_for_charts(page)
    text = page.inner_text("body")
    injected = page.evaluate("""() => document.querySelectorAll('img[src=x], [onerror]').length + Array.from(
        document.scripts).filter(s => s.type !== 'application/json' && s.textContent.includes('alert(1)')).length""")
    page.close()
    assert dialogs == [] and errors == []
    assert injected == 0
    expected = {"index.html": [SCRIPT, IMAGE, MARKDOWN], "don-vi/huyen-a.html": [SCRIPT, IMAGE],
                "don-vi/huyen-b.html": [MARKDOWN, SCRIPT, IMAGE], "don-vi/ban-x.html": [FORMULA, SCRIPT],
                "nhom/huyen.html": [IMAGE, SCRIPT, MARKDOWN], "chi-tieu/ket-nap.html": [SCRIPT + " " + MARKDOWN],
                "chi-tieu/de-an.html": [SCRIPT, IMAGE], "tim-kiem.html?q=huyen": [SCRIPT, MARKDOWN]}[path]
    for literal in expected:
        assert literal in text, (path, literal)


def test_page_titles_and_navigation_show_the_text(browser, hostile_site):
    site, base = hostile_site
    page = browser.new_page()
    page.goto(base + "don-vi/huyen-a.html")
    assert page.title().startswith(SCRIPT)
    page.goto(base + "nhom/huyen.html")
    assert IMAGE in page.locator("nav").first.inner_text()
    page.close()


def test_chart_labels_and_tooltips_hold_the_text(browser, hostile_site):
    site, base = hostile_site
    page = browser.new_page()
    page.goto(base + "nhom/huyen.html")
    page.wait_for_selector("[data-chart][data-rendered=true]")
    labels = page.evaluate("Array.from(document.querySelectorAll('[data-chart] svg text')).map(t => t.textContent)")
    assert any(SCRIPT[:20] in label for label in labels)
    page.close()


def test_exports_neutralise_formulas_and_keep_text(hostile_site):
    site, _ = hostile_site
    rows = list(csv.DictReader((site / "2030" / "export" / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    names = {row["unit_id"]: row["unit_name"] for row in rows}
    assert names["ban-x"] == "'" + FORMULA
    assert names["huyen-a"] == SCRIPT
    summary = json.loads((site / "2030" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert summary["year"] == 2030
