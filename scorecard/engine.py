"""What the site writer asks of an engine (the program that turns pages into HTML): one method, one error.

The adapters are in mkdocs_engine.py (mkdocs, ProperDocs); tests pass fakes. See docs/engine.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol


class EngineError(Exception):
    """The engine could not build the pages (its message says why)."""


class Engine(Protocol):
    """Builds one year's pages into HTML."""

    name: str  # shown in progress ("Dựng trang bằng mkdocs") and as the timer's stage

    def build(self, pages: dict[str, str | bytes], nav: list, site_name: str, out: Path, date: dt.date,
              progress: Callable[[], None] | None = None) -> None:
        """Build `pages` ({path: Markdown source, or any other file's content}) and the shared assets
        into the folder `out`, with `nav` as navigation and `site_name` (plain text, to be escaped for the
        theme) as the title, dated `date`; call `progress` after each page."""
