"""Checks of a built year before it is published: every page there, no broken link, nothing from outside.

Paths are compared as strings relative to the year's folder (one listing of its
files up front): resolving each of a large year's hundred thousand links on the
file system took longer than building it.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Simple patterns on purpose (the pages are written by our templates and mkdocs, always
# `attr="..."`): case-insensitive word-boundary patterns took seconds on a large year.
LINK = re.compile(r"""(?:href|src|HREF|SRC)=["']([^"']*)""")
ANCHOR = re.compile(r""" id=["']([^"']+)""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]*)|@import\s+["']([^"']+)""", re.I)
OUTSIDE = re.compile(r"""^(?:[a-z][a-z0-9+.-]*:)?//|^https?:""", re.I)
# Our own scripts may not name any outside address. The vendored libraries carry
# documentation URLs in strings that nothing loads, and search-index.js holds data
# text (which may quote an address as text), so those are not scanned.
OWN_SCRIPTS = ("assets/charts.js", "assets/search.js", "assets/chart-designs.js", "assets/archive.js",
               "assets/officials.js", "assets/tables.js")
ALLOWED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:void(0)")
SITE_FILES = ("../years.js", "../index.html")  # written at the site's root (with ../units/) once every year is in place


def check_year(folder: Path, expected_pages: list[str]) -> list[str]:
    """Every problem of a built year: missing pages, broken links or anchors, outside addresses."""
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    problems = [f"thiếu trang {page}" for page in expected_pages if page not in files]
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for page in sorted(p for p in files if p.endswith(".html")):
        text = (folder / page).read_text(encoding="utf-8", errors="replace")
        ids[page] = set(ANCHOR.findall(text))
        links[page] = LINK.findall(text)
    verdict = functools.lru_cache(maxsize=None)(lambda folder_of_page, target: link_problem(
        files, folder_of_page + "/x" if folder_of_page else "x", target))
    for page, targets in links.items():
        where = posixpath.dirname(page)
        for target in set(targets):  # pages in one folder share most links: each verdict once
            problem = verdict(where, target)
            problems += [f"{page}: {problem}"] if problem else check_anchor(page, target, ids)
    for sheet in sorted(p for p in files if p.endswith(".css")):
        for match in CSS_URL.finditer((folder / sheet).read_text(encoding="utf-8", errors="replace")):
            target = match.group(1) or match.group(2) or ""
            if OUTSIDE.search(target.strip()):
                problems.append(f"{sheet}: địa chỉ bên ngoài {target}")
    for script in OWN_SCRIPTS:
        if script in files and re.search(r"https?://", (folder / script).read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{script}: có địa chỉ bên ngoài")
    return problems


def resolve(page: str, path: str) -> str:
    """A link's target relative to the year's folder ("../x" when above it)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))


def link_problem(files: set[str], page: str, target: str) -> str:
    """What is wrong with a link of a page ("" when nothing): it must stay in the site and find its file."""
    target = target.strip()
    if not target or target.startswith("#") or target.lower().startswith(ALLOWED_SCHEMES):
        return ""
    if OUTSIDE.search(target):
        return f"liên kết ra ngoài {target}"
    path = urlsplit(target).path
    if not path:
        return ""
    resolved = resolve(page, path)
    if resolved in SITE_FILES or (resolved.startswith(("../units/", "../officials/")) and resolved.count("/") == 2):
        return ""
    if resolved.startswith("../") or resolved == "..":
        return f"liên kết ra ngoài trang web {target}"
    if path.endswith("/"):
        resolved = posixpath.join(resolved, "index.html")
    if resolved not in files:
        return f"liên kết hỏng {target}"
    return ""


def check_anchor(page: str, target: str, ids: dict[str, set[str]]) -> list[str]:
    """A link to a fragment of one of the year's pages must find that id there."""
    parts = urlsplit(target.strip())
    if not parts.fragment or parts.scheme or parts.netloc:
        return []
    destination = resolve(page, parts.path) if parts.path else page
    known = ids.get(destination)
    if known is not None and parts.fragment not in known:
        return [f"{page}: không có mục #{parts.fragment} trong {parts.path or page}"]
    return []
