"""Checks of a built year before it is published: every page there, no broken link, nothing from outside."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
ANCHOR = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]*)|@import\s+["']([^"']+)""", re.I)
OUTSIDE = re.compile(r"""^(?:[a-z][a-z0-9+.-]*:)?//|^https?:""", re.I)
# Our own scripts may not name any outside address. The vendored libraries carry
# documentation URLs in strings that nothing loads, and search-index.js holds data
# text (which may quote an address as text), so those are not scanned.
OWN_SCRIPTS = ("assets/charts.js", "assets/search.js", "assets/chart-designs.js", "assets/archive.js")
ALLOWED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:void(0)")
SITE_FILES = ("years.js",)  # written at the site's root (with units/) once every year is in place


def check_year(folder: Path, expected_pages: list[str]) -> list[str]:
    """Every problem of a built year: missing pages, broken links or anchors, outside addresses."""
    problems = [f"thiếu trang {page}" for page in expected_pages if not (folder / page).is_file()]
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        ids[page.resolve()] = set(ANCHOR.findall(text))
        links[page] = LINK.findall(text)
    for page, targets in links.items():
        for target in targets:
            problems += check_link(folder, page, target) or check_anchor(folder, page, target, ids)
    for sheet in sorted(folder.rglob("*.css")):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            target = match.group(1) or match.group(2) or ""
            if OUTSIDE.search(target.strip()):
                problems.append(f"{sheet.relative_to(folder)}: địa chỉ bên ngoài {target}")
    for script in OWN_SCRIPTS:
        path = folder / script
        if path.is_file() and re.search(r"https?://", path.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{script}: có địa chỉ bên ngoài")
    return problems


def check_link(folder: Path, page: Path, target: str) -> list[str]:
    """A link must point inside the site, to a file that exists."""
    where = page.relative_to(folder)
    target = target.strip()
    if not target or target.startswith("#") or target.lower().startswith(ALLOWED_SCHEMES):
        return []
    if OUTSIDE.search(target):
        return [f"{where}: liên kết ra ngoài {target}"]
    path = urlsplit(target).path
    if not path:
        return []
    resolved = (page.parent / unquote(path)).resolve()
    if not resolved.is_relative_to(folder.resolve().parent):
        return [f"{where}: liên kết ra ngoài trang web {target}"]
    if path.endswith("/"):
        resolved = resolved / "index.html"
    site_root = folder.resolve().parent
    if (resolved.parent == site_root and resolved.name in SITE_FILES) or resolved.parent == site_root / "units":
        return []
    if not resolved.exists():
        return [f"{where}: liên kết hỏng {target}"]
    return []


def check_anchor(folder: Path, page: Path, target: str, ids: dict[Path, set[str]]) -> list[str]:
    """A link to a fragment of one of the year's pages must find that id there."""
    parts = urlsplit(target.strip())
    if not parts.fragment or parts.scheme or parts.netloc:
        return []
    destination = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    known = ids.get(destination)
    if known is not None and parts.fragment not in known:
        return [f"{page.relative_to(folder)}: không có mục #{parts.fragment} trong {parts.path or page.name}"]
    return []
