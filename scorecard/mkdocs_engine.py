"""The engine adapters: the only module that knows mkdocs (or its fork ProperDocs) and Material's HTML.

An engine turns one year's pages, given in memory, into HTML in an output folder, through one entry
point (engine.Engine): `engine.build(pages, nav, site_name, out, date, progress)`. The site writer
(publish.py) takes the engine as a parameter, so tests pass a fake one. Everything a build needs lives on a plugin
instance made for that build and inserted into the loaded config's plugins (as mkdocs-gen-files
does), never in module globals or os.environ, and mkdocs.yml stays plain (see docs/engine.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from .engine import EngineError
from .paths import ASSETS, MKDOCS_CONFIG
from .text import escape


class PagesPlugin:
    """One build's state and the few steps it adds to mkdocs, as a plugin instance in config.plugins.

    - on_files: the year's pages come from memory (writing a thousand sources to a folder for mkdocs to
      read back cost about a second), with the shared assets, in the order of mkdocs' own walk of a
      docs folder (which orders the sitemap).
    - on_page_markdown / on_page_content: a page marked `html: true` in its front matter is HTML
      already (our templates write each body as HTML that is also valid Markdown); it skips Markdown,
      which makes a large year three times faster (bench/run.py).
    - on_pre_page, on_page_context, on_template_context: the sitemap's dates are the build date.
    - on_post_page: progress. (A step over each page's final HTML belongs there too.)

    mkdocs registers the on_* methods of whatever is put in config.plugins, so no BasePlugin of one
    engine is needed and mkdocs.yml does not list it.
    """

    def __init__(self, api: SimpleNamespace, pages: dict[str, str | bytes], date: dt.date,
                 progress: Callable[[], None] | None):
        self.api, self.pages, self.date = api, pages, date
        self.progress = progress or (lambda: None)
        self.bodies: dict[str, str] = {}  # src_uri -> HTML body, between on_page_markdown and on_page_content

    def on_files(self, files, config):
        """mkdocs' files plus our pages and assets, ours in the order mkdocs lists a docs folder."""
        theme = [f for f in files if f.src_dir != config["docs_dir"] and f.src_uri not in self.pages]
        ours = [self.api.File.generated(config, uri, content=as_source(uri, content))
                for uri, content in self.pages.items()]
        ours += [self.api.File.generated(config, uri, abs_src_path=str(path)) for uri, path in assets().items()
                 if uri not in self.pages]
        return self.api.Files(sorted(ours, key=lambda f: walk_order(f.src_uri)) + theme)

    def on_pre_page(self, page, config, files):
        page.update_date = self.date.isoformat()  # the sitemap's <lastmod> and its gzip time
        return page

    def on_page_markdown(self, markdown, page, config, files):
        if page.meta.get("html") is True:
            self.bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html, page, config, files):
        return self.bodies.pop(page.file.src_uri, html)

    def on_page_context(self, context, page, config, nav):
        return self.dated(context)

    def on_template_context(self, context, template_name, config):
        return self.dated(context)

    def on_post_page(self, output, page, config):
        self.progress()
        return output

    def dated(self, context):
        """A template's context with the build date instead of the clock's (no theme of ours prints it)."""
        context["build_date_utc"] = dt.datetime(self.date.year, self.date.month, self.date.day,
                                                tzinfo=dt.timezone.utc)
        return context


def assets() -> dict[str, Path]:
    """The shared assets of every year (assets/ without its READMEs), by their path in the year's folder."""
    return {f"assets/{p.relative_to(ASSETS).as_posix()}": p for p in sorted(ASSETS.rglob("*"))
            if p.is_file() and p.name != "README.md"}


def as_source(uri: str, content: str | bytes) -> str | bytes:
    """A page as mkdocs reads it from a file (BOM dropped, line ends made LF); any other file as its bytes."""
    if isinstance(content, bytes):
        return content
    if not uri.endswith(".md"):
        return content.encode("utf-8")
    return content.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def walk_order(uri: str) -> list[tuple]:
    """Where mkdocs' walk of a docs folder lists a file: a folder's files (index first) before its sub-folders."""
    *folders, name = uri.split("/")
    return [(1, folder) for folder in folders] + [(0, posixpath.splitext(name)[0] not in ("index", "README"), name)]


class MkdocsEngine:
    """mkdocs 1.6 with Material for MkDocs, in this process."""

    name = "mkdocs"
    plugin = PagesPlugin  # a test's engine may give a variant

    def api(self) -> SimpleNamespace:
        """The parts of mkdocs a build uses (imported here only, so that importing this module costs nothing)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException
        from mkdocs.structure.files import File, Files

        return SimpleNamespace(build=build, load_config=load_config, error=MkDocsException, File=File, Files=Files)

    def build(self, pages: dict[str, str | bytes], nav: list, site_name: str, out: Path, date: dt.date,
              progress: Callable[[], None] | None = None) -> None:
        """Build `pages` and assets/ into `out` (engine.Engine.build); `date` is the sitemap's."""
        try:
            api = self.api()
        except ImportError as err:
            raise EngineError(f"Chưa cài {self.name} ({err.name}): chạy pip install -r requirements.txt. "
                              f"({self.name} is not installed.)") from err
        logger = logging.getLogger(self.name)
        previous = logger.level
        logger.setLevel(logging.WARNING)
        # mkdocs insists on a docs folder: an empty one, since every page comes from memory.
        with tempfile.TemporaryDirectory(prefix="scorecard-docs-") as docs:
            try:
                # Material prints site_name into every page unescaped: text from the data, made inert here.
                config = api.load_config(config_file=str(MKDOCS_CONFIG), site_name=str(escape(site_name)),
                                         docs_dir=docs, site_dir=str(out), nav=nav)
                config.plugins["scorecard-pages"] = self.plugin(api, pages, date, progress)
                api.build(config)
            except api.error as err:
                raise EngineError(f"{self.name} không dựng được trang: {err}") from err
            finally:
                logger.setLevel(previous)
        # Material's 404 page links from the server's root, so it breaks under any other path and from disk.
        (out / "404.html").unlink(missing_ok=True)


class ProperDocsEngine(MkdocsEngine):
    """ProperDocs, the maintained fork of mkdocs 1.6 (the same API under its own name), with Material."""

    name = "properdocs"

    def api(self) -> SimpleNamespace:
        from properdocs.commands.build import build
        from properdocs.config import load_config
        from properdocs.exceptions import ProperDocsException
        from properdocs.structure.files import File, Files

        return SimpleNamespace(build=build, load_config=load_config, error=ProperDocsException, File=File,
                               Files=Files)


ENGINES = {engine.name: engine for engine in (MkdocsEngine, ProperDocsEngine)}
