"""Write stage, the only module that writes files: staging, the year's build (by the engine), archive page, switch.

A run builds into a staging folder beside site/ and swaps it in only when every
year built; a failure leaves what site/ held before untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import __version__, progress as progress_module
from .progress import NO_TIMER
from .mkdocs_engine import IN_MEMORY, EngineError, run_mkdocs
from .paths import ASSETS
from .archive import (MANIFEST, Snapshot, cross_year_scripts, file_hashes, manifest, read_manifest, root_hashes,
                      year_zip)
from .sitecheck import check_year
from .worker import Job

ABOUT = "about.json"  # per-year facts for the archive's front page
BACKGROUND_PAGES = 200  # from this many pages on, a year's manifest and zip are made by a worker


class PublishError(Exception):
    """A build step failed for a reason other than invalid input."""


@dataclass(frozen=True)
class YearBuild:
    """What publish needs to write one year: its pages and mkdocs settings."""

    year: int
    pages: dict[str, str | bytes]
    nav: list
    site_name: str
    about: dict
    date: dt.date
    inputs: dict  # SHA-256 of every input file, for the manifest
    facts: dict  # version, period, build date, for the manifest


def staging_paths(site_dir: Path) -> tuple[Path, Path]:
    """The staging folder for the new site and the scratch folder for Markdown sources."""
    tag = f"{os.getpid()}"
    return (site_dir.parent / f".{site_dir.name}.staging-{tag}",
            site_dir.parent / f".{site_dir.name}.docs-{tag}")


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove staging folders left by runs that were killed (their process is gone).

    A run killed between the two renames of the fallback switch left the old site as
    .<site>.old-<pid> and no site: that old site is put back first.
    """
    removed = []
    if not site_dir.parent.is_dir():
        return removed
    olds = sorted(site_dir.parent.glob(f".{site_dir.name}.old-*"))
    if not site_dir.exists() and olds:
        os.rename(olds[-1], site_dir)
    for path in site_dir.parent.glob(f".{site_dir.name}.*-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def safe_target(base: Path, relative: str) -> Path:
    """The path of a page under base; anything that would land outside it is refused."""
    target = (base / relative).resolve()
    if not target.is_relative_to(base.resolve()):
        raise PublishError(f"Đường dẫn ra ngoài thư mục của năm: {relative}")
    return target


def write_pages(base: Path, pages: dict[str, str | bytes]) -> None:
    """Write {relative path: text} under base, as UTF-8 with LF line ends; bytes (workbooks) as they are."""
    folders: dict[str, Path] = {}  # a year's thousand pages sit in a few folders: each is checked and made once
    for relative in sorted(pages):
        folder, name = posixpath.split(relative)
        if folder not in folders:
            folders[folder] = safe_target(base, folder or ".")
            folders[folder].mkdir(parents=True, exist_ok=True)
        target = folders[folder] / name
        if name in ("", ".", "..") or target.is_symlink():
            raise PublishError(f"Đường dẫn ra ngoài thư mục của năm: {relative}")
        if isinstance(pages[relative], bytes):
            target.write_bytes(pages[relative])
            continue
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(pages[relative])


def write_new_file(path: Path, text: str, replace: bool = False) -> None:
    """Write one file beside its place and rename it in (python generate.py draft); never overwrite unless asked."""
    if path.exists() and not replace:
        raise PublishError(f"{path} đã có: không ghi đè. Sửa tệp đó, hoặc thêm --force để viết lại bản nháp. "
                           f"({path} exists: nothing is overwritten; --force replaces it.)")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.parent / f".{path.name}.partial-{os.getpid()}"
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_new_folder(folder: Path, files: dict[str, str | bytes]) -> None:
    """Create a folder holding these files, all at once (python generate.py template).

    The files are written beside it and renamed into place, so a failure leaves no half-written
    folder. An existing folder is used only when empty: nothing is ever overwritten.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PublishError(f"{folder} đã có và không trống: không ghi đè. Xóa hoặc đổi tên nó trước. "
                           f"({folder} exists and is not empty: nothing is overwritten.)")
    partial = folder.parent / f".{folder.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        partial.mkdir(parents=True)
        write_pages(partial, files)
        if folder.exists():
            folder.rmdir()
        os.rename(partial, folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def build_year(build: YearBuild, docs_root: Path, staging: Path, reporter, timer) -> int:
    """Copy the shared assets for mkdocs, build the year's pages (given in memory) into staging; return the page count."""
    docs = docs_root / str(build.year)
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    shutil.copytree(ASSETS, docs / "assets", ignore=shutil.ignore_patterns("README.md"))
    out = staging / str(build.year)
    pages = sum(1 for p in build.pages if p.endswith(".md"))
    reporter(f"[{build.year}] Dựng trang bằng mkdocs ({pages} trang)…")
    reporter.start(f"{build.year}", pages)
    progress_module.CURRENT = reporter if hasattr(reporter, "tick") else None
    IN_MEMORY.update(build.pages)
    try:
        with timer.stage("mkdocs"):
            run_mkdocs(docs, out, build)
    except EngineError as err:
        raise PublishError(str(err)) from err
    finally:
        progress_module.CURRENT = None
        IN_MEMORY.clear()
    # mkdocs' 404 page links from the server's root, so it breaks under any other path and from disk.
    (out / "404.html").unlink(missing_ok=True)
    write_pages(out, {ABOUT: json.dumps(build.about, ensure_ascii=False, indent=1, sort_keys=True) + "\n"})
    with timer.stage("publish"):
        # The manifest and the zip read every file of the year: a worker makes them while this process
        # checks the pages (a year that fails the check is thrown away with its zip).
        packed = Job(pack_year, out, build.inputs, build.facts, staging / f"{build.year}.zip",
                     background=pages >= BACKGROUND_PAGES)
        shutil.rmtree(docs)
        problems = check_year(out, [p[:-3] + ".html" if p.endswith(".md") else p for p in sorted(build.pages)])
        packed.result()
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … và {len(problems) - 20} lỗi khác" if len(problems) > 20 else "")
        raise PublishError(f"Kiểm tra trang năm {build.year} không đạt, chưa công bố:\n  {shown}")
    return pages


def link_tree(source: Path, target: Path) -> None:
    """Put an unchanged year into staging by hard links (instant, no extra space); copy where links fail."""
    try:
        shutil.copytree(source, target, copy_function=os.link, symlinks=True)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)


def place_snapshot(snapshot: Snapshot, published: Path, target: Path) -> None:
    """A closed year goes into the site exactly as frozen: linked from the published copy when that
    still matches the snapshot, else copied from the snapshot (never linked to it, so that no edit
    of the site can reach the record)."""
    if published.is_dir() and read_manifest(published) == read_manifest(snapshot.folder) \
            and file_hashes(published) == read_manifest(snapshot.folder)["files"]:
        link_tree(published, target)
    else:
        shutil.copytree(snapshot.folder, target)


def write_site_files(staging: Path, site_dir: Path, rebuilt: set[str], render_archive) -> None:
    """The site's own files: each year's zip, the cross-year scripts, the archive page, the site manifest."""
    years = {about.parent.name: year_facts(about.parent)
             for about in sorted(staging.glob("[0-9][0-9][0-9][0-9]/" + ABOUT))}
    for year, facts in years.items():
        old_zip = site_dir / f"{year}.zip"
        if year in rebuilt and (staging / f"{year}.zip").is_file():
            continue  # zipped as it was built (build_year)
        if year not in rebuilt and old_zip.is_file():
            os.link(old_zip, staging / f"{year}.zip")
        else:
            write_year_zip(staging / year, facts, staging / f"{year}.zip")
    write_pages(staging, cross_year_scripts(years))
    write_pages(staging, {"index.html": render_archive(archive_entries(staging))})
    write_pages(staging, {MANIFEST: json_text({"files": root_hashes(staging)})})


def year_facts(year_dir: Path) -> dict:
    """A built year's about.json and export/summary.json, for the cross-year scripts."""
    summary = year_dir / "export" / "summary.json"
    return {"about": json.loads((year_dir / ABOUT).read_text(encoding="utf-8")),
            "summary": json.loads(summary.read_text(encoding="utf-8")) if summary.is_file() else {}}


def write_year_zip(year_dir: Path, facts: dict, target: Path) -> None:
    """The year's zip (archive.year_zip), with the cross-year scripts of that year alone, dated its build date."""
    date = dt.date.fromisoformat(read_manifest(year_dir)["build_date"])
    with open(target, "wb") as handle:
        year_zip(handle, year_dir, cross_year_scripts({year_dir.name: facts}), date)


def pack_year(out: Path, inputs: dict, facts: dict, target: Path) -> None:
    """A built year's manifest, then its zip at `target` (run by a worker while the pages are checked)."""
    write_pages(out, {MANIFEST: json_text(manifest(out, inputs, facts))})
    write_year_zip(out, year_facts(out), target)


def freeze_year(site_dir: Path, year: str, snapshots_dir: Path) -> Path:
    """Close a year: copy its published folder into snapshots/<year>/v<n>, a new version each time."""
    source = site_dir / year
    versions = [int(p.name[1:]) for p in (snapshots_dir / year).glob("v*") if p.name[1:].isdigit()]
    target = snapshots_dir / year / f"v{max(versions, default=0) + 1}"
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(source, partial)  # a copy, not links: the record must not share files with the site
    os.rename(partial, target)
    return target


def archive_entries(staging: Path) -> list[dict]:
    """Facts of every year present in the new site, newest first."""
    entries = []
    for path in sorted(staging.glob("[0-9][0-9][0-9][0-9]/" + ABOUT), reverse=True):
        entries.append(json.loads(path.read_text(encoding="utf-8")))
    return entries


def published_about(site_dir: Path) -> dict[str, dict]:
    """The facts recorded with each year already in the site (empty where none)."""
    about = {}
    if site_dir.is_dir():
        for path in site_dir.glob("[0-9][0-9][0-9][0-9]/" + ABOUT):
            try:
                about[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
    return about


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def publish(builds, site_dir: Path, render_archive, reporter=print, keep_years=(), timer=NO_TIMER,
            closed: dict[str, Snapshot] | None = None) -> int:
    """Build the given years into staging, keep unchanged and closed ones, add the site's own files, swap in."""
    site_dir = site_dir.resolve()
    with site_lock(site_dir):
        clean_leftovers(site_dir)
        return publish_locked(builds, site_dir, render_archive, reporter, keep_years, timer, closed or {})


def publish_locked(builds, site_dir: Path, render_archive, reporter, keep_years, timer, closed) -> int:
    """publish(), with the site's lock held."""
    staging, docs_root = staging_paths(site_dir)
    pages = 0
    try:
        with timer.stage("publish"):
            staging.mkdir()
            for year, snapshot in sorted(closed.items()):
                place_snapshot(snapshot, site_dir / year, staging / year)
            for year in sorted(set(map(str, keep_years)) - set(closed)):
                if (site_dir / year).is_dir():
                    link_tree(site_dir / year, staging / year)
            for build in builds:
                pages += build_year(build, docs_root, staging, reporter, timer)
            with timer.stage("publish"):
                write_site_files(staging, site_dir, {str(b.year) for b in builds}, render_archive)
            switch(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(docs_root, ignore_errors=True)
    return pages


def switch(staging: Path, site_dir: Path) -> None:
    """Put the new site in place in one atomic step; the old one ends up in staging, to be removed."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if exchange(staging, site_dir):
        return
    # No atomic exchange here (not Linux): two renames, and clean_leftovers() puts the old
    # site back should a run die between them.
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    os.rename(old, staging)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where unavailable."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (38, 22):  # ENOSYS, EINVAL: the kernel or file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


@contextlib.contextmanager
def site_lock(site_dir: Path):
    """Only one build at a time per site folder; a second one stops with a clear message."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = site_dir.parent / f".{site_dir.name}.lock"
    handle = open(path, "a+")
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # not POSIX: no lock, as before
            pass
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise PublishError(f"Một lần dựng khác đang chạy cho {site_dir} (tiến trình {holder}); "
                               "hãy đợi nó xong rồi chạy lại. (Another build of this site is running.)")
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def generator_version() -> str:
    return __version__
