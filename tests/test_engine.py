"""The engine boundary: mkdocs and ProperDocs build the same site; the build date and progress reach the
engine as arguments (no environment variable, no module state)."""

from __future__ import annotations

import datetime as dt
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.mkdocs_engine import MkdocsEngine, PagesPlugin, ProperDocsEngine
from scorecard.pipeline import build
from site_fixture import SAMPLE_DATA, example_dir


class TextOf(HTMLParser):
    """The text a reader sees on a page (scripts and styles left out), one string per text node."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def page_text(path: Path) -> list[str]:
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


def test_properdocs_builds_the_sample_with_the_same_text_on_every_page(sample_site, tmp_path):
    site = tmp_path / "site"
    assert main(["--data", str(SAMPLE_DATA), "--site", str(site), "--engine", "properdocs", "-q"]) == 0
    files = sorted(p.relative_to(sample_site) for p in sample_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    pages = [f for f in files if f.suffix == ".html"]
    assert len(pages) > 100
    for page in pages:
        assert page_text(site / page) == page_text(sample_site / page), page
    generator = '<meta name="generator" content="mkdocs-ProperDocs '
    assert generator in (site / "2021" / "index.html").read_text(encoding="utf-8")
    # Exports, scripts, styles: the same bytes (manifests and zips hold the pages' hashes, about.json the
    # fingerprint, which names the engine so that changing it rebuilds every year).
    for other in files:
        if other.suffix not in (".html", ".zip") and other.name not in ("manifest.json", "about.json"):
            assert (site / other).read_bytes() == (sample_site / other).read_bytes(), other


class MarkdownEverywhere(PagesPlugin):
    """Every page through Markdown, as an engine without our plugin (Zensical) reads them."""

    def on_page_markdown(self, markdown, page, config, files):
        return markdown


class ThroughMarkdown(MkdocsEngine):
    plugin = MarkdownEverywhere


def test_pages_read_as_markdown_show_the_same_text(tmp_path):
    """Our templates write each body as HTML that is also valid Markdown: the bypass only saves time."""
    plain, markdown = tmp_path / "plain", tmp_path / "markdown"
    build(example_dir() / "data", plain, progress=lambda message: None)
    build(example_dir() / "data", markdown, progress=lambda message: None, engine=ThroughMarkdown())
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert len(pages) >= 15
    for page in pages:
        assert page_text(markdown / page) == page_text(plain / page), page
    assert any((markdown / p).read_bytes() != (plain / p).read_bytes() for p in pages)  # Markdown did run


class Recording(MkdocsEngine):
    """mkdocs, noting what it was given and whether SOURCE_DATE_EPOCH was in the environment meanwhile."""

    def __init__(self):
        self.calls = []

    def build(self, pages, nav, site_name, out, date, progress=None):
        ticks = []
        self.calls.append({"date": date, "site_name": site_name, "pages": sorted(pages), "nav": nav,
                           "environment": "SOURCE_DATE_EPOCH" in os.environ, "ticks": ticks})
        super().build(pages, nav, site_name, out, date, lambda: ticks.append(1))


def test_the_engine_is_given_the_build_date_and_ticks_progress_once_a_page(tmp_path):
    engine = Recording()
    site = tmp_path / "site"
    build(example_dir() / "data", site, progress=lambda message: None, engine=engine, date=dt.date(2031, 2, 3))
    [call] = engine.calls
    assert call["date"] == dt.date(2031, 2, 3) and not call["environment"]
    assert call["site_name"] == "Tỉnh ủy Ví Dụ · Năm 2030"
    assert len(call["ticks"]) == sum(1 for p in call["pages"] if p.endswith(".md")) >= 15
    manifest = json.loads((site / "2030" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build_date"] == "2031-02-03"
    # mkdocs' only dated output was sitemap.xml.gz, which is no longer written (tests/test_theme.py)


def test_without_a_date_a_year_speaks_for_its_data_date(tmp_path):
    engine = Recording()
    build(example_dir() / "data", tmp_path / "site", progress=lambda message: None, engine=engine)
    assert engine.calls[0]["date"] == dt.date(2030, 12, 31)


def test_source_date_epoch_is_read_once_by_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1699920000")  # 14/11/2023, 00:00 UTC
    site = tmp_path / "site"
    assert main(["--data", str(example_dir() / "data"), "--site", str(site), "-q"]) == 0
    assert json.loads((site / "2030" / "manifest.json").read_text(encoding="utf-8"))["build_date"] == "2023-11-14"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1699920000"  # left as it was


def test_a_source_date_epoch_that_is_not_a_number_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm nay")
    with pytest.raises(SystemExit) as stop:
        main(["--data", str(example_dir() / "data"), "--site", str(tmp_path / "site"), "-q"])
    assert stop.value.code == 2
    assert "SOURCE_DATE_EPOCH phải là số giây" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_missing_engine_is_a_clear_failure(tmp_path, capsys):
    class Missing(ProperDocsEngine):
        def api(self):
            import properdocs_not_installed  # noqa: F401

    from scorecard.publish import PublishError

    with pytest.raises(PublishError, match="Chưa cài properdocs"):
        build(example_dir() / "data", tmp_path / "site", progress=lambda message: None, engine=Missing())
    assert not (tmp_path / "site").exists()
