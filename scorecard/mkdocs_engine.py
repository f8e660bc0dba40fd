"""The engine adapter: the only module that knows mkdocs (with its hooks file, mkdocs_hooks.py).

It turns one year's pages, given in memory, into HTML in an output folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import posixpath
from pathlib import Path

from .paths import MKDOCS_CONFIG

MKDOCS_HOOKS = Path(__file__).resolve().parent / "mkdocs_hooks.py"


class EngineError(Exception):
    """mkdocs could not build the pages."""


@contextlib.contextmanager
def build_date(date: dt.date):
    """Pin the build timestamp (mkdocs' sitemap) to the data's date unless SOURCE_DATE_EPOCH is set."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def run_mkdocs(docs: Path, out: Path, build: YearBuild) -> None:
    """Build one year's Markdown into HTML with mkdocs (the only place that knows mkdocs)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(MKDOCS_CONFIG), site_name=build.site_name, docs_dir=str(docs),
                             site_dir=str(out), nav=build.nav, hooks=[str(MKDOCS_HOOKS)])
        with build_date(build.date):
            mkdocs_build(config)
    except MkDocsException as err:
        raise EngineError(f"mkdocs không xây dựng được năm {build.year}: {err}") from err
    finally:
        logger.setLevel(previous)


# The pages of the year being built, which mkdocs_hooks.on_files hands to mkdocs from memory: writing a
# thousand sources to a docs folder, for mkdocs to read back and us to remove, cost about a second.
IN_MEMORY: dict[str, str | bytes] = {}


def with_pages_in_memory(files, config):
    """mkdocs' files plus the pages of IN_MEMORY, in the order mkdocs lists a docs folder (for the sitemap)."""
    from mkdocs.structure.files import File, Files

    docs = [f for f in files if f.src_dir == config["docs_dir"] and f.src_uri not in IN_MEMORY]
    theme = [f for f in files if f.src_dir != config["docs_dir"] and f.src_uri not in IN_MEMORY]
    pages = [File.generated(config, uri, content=as_source(uri, content)) for uri, content in IN_MEMORY.items()]
    return Files(sorted(docs + pages, key=lambda f: walk_order(f.src_uri)) + theme)


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
