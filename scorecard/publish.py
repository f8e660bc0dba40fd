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
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .progress import NO_TIMER
from .engine import Engine, EngineError
from .archive import (MANIFEST, Snapshot, closing_note, cross_year_scripts, file_hashes, manifest, read_manifest,
                      read_officials, root_hashes, year_zip)
from .ownership import foreign_files, ignore_foreign
from .sitecheck import check_year
from .worker import Job

ABOUT = "about.json"  # per-year facts for the archive's front page
LEFTOVER = re.compile(r"\.(?P<site>.+)\.(?:staging|docs|old)-(?P<pid>[0-9]+)")  # what a killed run leaves beside the site
BACKGROUND_PAGES = 200  # from this many pages on, a year's manifest and zip are made by a worker


class PublishError(Exception):
    """A build step failed for a reason other than invalid input."""


@dataclass(frozen=True)
class YearBuild:
    """What publish needs to write one year: its pages and what the engine needs to build them."""

    year: int
    pages: dict[str, str | bytes]
    nav: list
    site_name: str
    about: dict
    date: dt.date  # the date the year's site speaks for (its build date)
    inputs: dict  # SHA-256 of every input file, for the manifest
    facts: dict  # version, period, build date, for the manifest


def staging_path(site_dir: Path) -> Path:
    """The staging folder for the new site, beside it (a rename away)."""
    return site_dir.parent / f".{site_dir.name}.staging-{os.getpid()}"


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove staging folders left by runs that were killed (their process is gone).

    A run killed between the two renames of the fallback switch left the old site as
    .<site>.old-<pid> and no site: that old site is put back first.
    """
    removed = []
    if not site_dir.parent.is_dir():
        return removed
    ours = []  # only the names a run of ours gives its folders: nothing else beside the site is touched
    for path in sorted(site_dir.parent.glob(f".{site_dir.name}.*-*")):
        match = LEFTOVER.fullmatch(path.name)
        if match and match["site"] == site_dir.name and not process_alive(int(match["pid"])):
            ours.append(path)
    olds = [p for p in ours if ".old-" in p.name]
    if not site_dir.exists() and olds:
        os.rename(olds[-1], site_dir)
        ours.remove(olds[-1])
    for path in ours:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) there would send Ctrl+C to the process, not test it
        return windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def windows_process_alive(pid: int) -> bool:
    """Whether a process runs, asked of Windows (OpenProcess, GetExitCodeProcess)."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it runs, as another user
    try:
        code = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


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


def write_new_file(path: Path, text: str, replace: bool = False) -> Path | None:
    """Write one file beside its place and rename it in (python generate.py draft); never overwrite unless asked.

    A file replaced (replace=True) is kept beside it as .<name>.bak (or .bak2, ...), whose path is returned.
    """
    if os.path.lexists(path) and not replace:
        raise PublishError(f"{path} đã có: không ghi đè. Sửa tệp đó, hoặc thêm --force để viết lại bản nháp. "
                           f"({path} exists: nothing is overwritten; --force replaces it.)")
    if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
        raise PublishError(f"{path} không phải một tệp thường: không thay. (It is not a plain file: not replaced.)")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        backup = keep_copy(path) if path.exists() else None
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
    return backup


def keep_copy(path: Path) -> Path:
    """Keep a file about to be replaced as .<name>.bak beside it (.bak2, ... when taken); return that path."""
    for number in range(1, 1000):
        backup = path.with_name(f".{path.name}.bak{number if number > 1 else ''}")
        try:
            os.link(path, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: a copy, never over another file
            with open(path, "rb") as source, open(backup, "xb") as target:
                shutil.copyfileobj(source, target)
            return backup
    raise PublishError(f"Quá nhiều bản cũ của {path}; xóa bớt các tệp .{path.name}.bak*. (Too many backups.)")


def write_new_folder(folder: Path, files: dict[str, str | bytes]) -> None:
    """Create a folder holding these files, all at once (python generate.py template).

    The files are written beside it and renamed into place, so a failure leaves no half-written
    folder. An existing folder is used only when empty: nothing is ever overwritten.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PublishError(f"{folder} đã có và không trống: không ghi đè. Xóa hoặc đổi tên nó trước. "
                           f"({folder} exists and is not empty: nothing is overwritten.)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    try:
        write_pages(partial, files)
        if folder.exists():
            folder.rmdir()
        os.rename(partial, folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def publish_year(build: YearBuild, staging: Path, engine: Engine, reporter, timer, render_archive) -> int:
    """Build the year's pages (given in memory) with the engine into staging, then check and pack it;
    return the page count."""
    out = staging / str(build.year)
    pages = sum(1 for p in build.pages if p.endswith(".md"))
    reporter(f"[{build.year}] Dựng trang bằng {engine.name} ({pages} trang)…")
    if hasattr(reporter, "start"):
        reporter.start(f"{build.year}", pages)
    try:
        with timer.stage(engine.name):
            engine.build(build.pages, nav=build.nav, site_name=build.site_name, out=out, date=build.date,
                         progress=getattr(reporter, "tick", None))
    except EngineError as err:
        raise PublishError(f"Năm {build.year}: {err}") from err
    write_pages(out, {ABOUT: json.dumps(build.about, ensure_ascii=False, indent=1, sort_keys=True) + "\n"})
    with timer.stage("publish"):
        # The manifest and the zip read every file of the year: a worker makes them while this process
        # checks the pages (a year that fails the check is thrown away with its zip).
        packed = Job(pack_year, out, build.inputs, build.facts, staging / f"{build.year}.zip",
                     render_archive([archive_entry(out)]), background=pages >= BACKGROUND_PAGES)
        problems = check_year(out, [p[:-3] + ".html" if p.endswith(".md") else p for p in sorted(build.pages)])
        packed.result()
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … và {len(problems) - 20} lỗi khác" if len(problems) > 20 else "")
        raise PublishError(f"Kiểm tra trang năm {build.year} không đạt, chưa công bố:\n  {shown}")
    return pages


def link_tree(source: Path, target: Path) -> None:
    """Put an unchanged year into staging by hard links (instant, no extra space); copy where links fail.

    Only the files its manifest lists: files people added there are carried over at the end (carry_over).
    """
    ignore = ignore_foreign(source)
    try:
        shutil.copytree(source, target, copy_function=os.link, symlinks=True, ignore=ignore)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True, ignore=ignore)


def carry_over(site_dir: Path, staging: Path) -> None:
    """Put the files people added to the site (no manifest of ours lists them) into the new site, unchanged.

    They are linked (or copied) after every manifest is written, so they never enter one; a file of
    theirs where the new site has one of its own stops the run, before the switch.
    """
    clashes = []
    for relative in foreign_files(site_dir):
        source, target = site_dir / relative, staging / relative
        if os.path.lexists(target):
            if not same_file(source, target):
                clashes.append(relative)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            clashes.append(relative)
            continue
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
            continue
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    if clashes:
        raise PublishError(f"Các tệp không do chương trình tạo trùng tên với tệp của trang mới: {', '.join(clashes)} "
                           f"(trong {site_dir}). Chuyển chúng ra chỗ khác rồi chạy lại. (Files someone added to the "
                           "site have the names of files the new site writes: move them away and run again.)")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths are one file (a hard link made when an unchanged year was put into staging)."""
    first, second = os.stat(a, follow_symlinks=False), os.stat(b, follow_symlinks=False)
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def place_snapshot(snapshot: Snapshot, published: Path, target: Path) -> None:
    """A closed year goes into the site exactly as frozen: linked from the published copy when that
    still matches the snapshot, else copied from the snapshot (never linked to it, so that no edit
    of the site can reach the record)."""
    if published.is_dir() and read_manifest(published) == read_manifest(snapshot.folder) \
            and file_hashes(published) == read_manifest(snapshot.folder)["files"]:
        link_tree(published, target)
    else:
        shutil.copytree(snapshot.folder, target)


def write_site_files(staging: Path, site_dir: Path, rebuilt: set[int], render_archive) -> None:
    """The site's own files: each year's zip, the cross-year scripts, the archive page, the site manifest."""
    years = {about.parent.name: year_facts(about.parent)
             for about in sorted(staging.glob("[0-9][0-9][0-9][0-9]/" + ABOUT))}
    for year, facts in years.items():
        old_zip = site_dir / f"{year}.zip"
        if int(year) in rebuilt and (staging / f"{year}.zip").is_file():
            continue  # zipped as it was built (publish_year)
        if int(year) not in rebuilt and old_zip.is_file():
            os.link(old_zip, staging / f"{year}.zip")
        else:
            write_year_zip(staging / year, facts, staging / f"{year}.zip",
                           render_archive([archive_entry(staging / year)]))
    write_pages(staging, cross_year_scripts(years))
    write_pages(staging, render_archive(archive_entries(staging)))
    write_pages(staging, {MANIFEST: json_text({"files": root_hashes(staging)})})


def year_facts(year_dir: Path) -> dict:
    """A built year's about.json, export/summary.json and export/officials.csv, for the cross-year scripts."""
    summary = year_dir / "export" / "summary.json"
    return {"about": json.loads((year_dir / ABOUT).read_text(encoding="utf-8")),
            "summary": json.loads(summary.read_text(encoding="utf-8")) if summary.is_file() else {},
            "officials": read_officials(year_dir)}


def write_year_zip(year_dir: Path, facts: dict, target: Path, front: dict[str, str]) -> None:
    """The year's zip (archive.year_zip), with the cross-year scripts of that year alone and a front page
    listing it (`front`: the archive's index.html and its stylesheet, which every page links to as
    "Tất cả các năm"), dated its build date."""
    date = dt.date.fromisoformat(read_manifest(year_dir)["build_date"])
    with open(target, "wb") as handle:
        year_zip(handle, year_dir, cross_year_scripts({year_dir.name: facts}) | front, date)


def pack_year(out: Path, inputs: dict, facts: dict, target: Path, front: dict[str, str]) -> None:
    """A built year's manifest, then its zip at `target` (run by a worker while the pages are checked)."""
    write_pages(out, {MANIFEST: json_text(manifest(out, inputs, facts))})
    write_year_zip(out, year_facts(out), target, front)


def freeze_year(site_dir: Path, year: int, snapshots_dir: Path, closed_on: dt.date | None = None) -> Path:
    """Close a year: copy its published folder into snapshots/<year>/v<n>, a new version each time, and
    note the closing date beside it (v<n>.json: outside the frozen record and its manifest)."""
    source, folder = site_dir / str(year), snapshots_dir / str(year)
    versions = [int(p.name[1:]) for p in folder.glob("v*") if p.name[1:].isdigit()]
    target = folder / f"v{max(versions, default=0) + 1}"
    for left in folder.glob(".v*.partial-*"):  # left by a close that was killed
        pid = left.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        # A copy, not links: the record must not share files with the site; only the year's own files.
        shutil.copytree(source, partial, ignore=ignore_foreign(source))
        os.rename(partial, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    write_pages(folder, {closing_note(target).name: json_text({"closed_on": (closed_on or dt.date.today()).isoformat()})})
    return target


def archive_entries(staging: Path) -> list[dict]:
    """Facts of every year present in the new site, newest first."""
    return [archive_entry(path.parent) for path in sorted(staging.glob("[0-9][0-9][0-9][0-9]/" + ABOUT), reverse=True)]


def archive_entry(year_dir: Path) -> dict:
    """A year as the archive's front page lists it: its about.json, and its export/summary.json (the
    headline figures; a closed year's snapshot has one too) under "summary"."""
    summary = year_dir / "export" / "summary.json"
    return json.loads((year_dir / ABOUT).read_text(encoding="utf-8")) | {
        "summary": json.loads(summary.read_text(encoding="utf-8")) if summary.is_file() else {}}


def published_about(site_dir: Path) -> dict[int, dict]:
    """The facts recorded with each year already in the site (empty where none)."""
    about = {}
    if site_dir.is_dir():
        for path in site_dir.glob("[0-9][0-9][0-9][0-9]/" + ABOUT):
            try:
                about[int(path.parent.name)] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
    return about


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def publish(builds, site_dir: Path, render_archive, engine: Engine, reporter=print, keep_years=(), timer=NO_TIMER,
            closed: dict[int, Snapshot] | None = None) -> int:
    """Build the given years with the engine into staging, keep unchanged and closed ones, add the site's
    own files, swap in."""
    site_dir = site_dir.resolve()
    with site_lock(site_dir):
        clean_leftovers(site_dir)
        return publish_locked(builds, site_dir, render_archive, engine, reporter, keep_years, timer, closed or {})


def publish_locked(builds, site_dir: Path, render_archive, engine, reporter, keep_years, timer, closed) -> int:
    """publish(), with the site's lock held."""
    staging = staging_path(site_dir)
    pages = 0
    try:
        with timer.stage("publish"):
            staging.mkdir()
            for year, snapshot in sorted(closed.items()):
                place_snapshot(snapshot, site_dir / str(year), staging / str(year))
            for year in sorted(set(keep_years) - set(closed)):
                if (site_dir / str(year)).is_dir():
                    link_tree(site_dir / str(year), staging / str(year))
            for build in builds:
                pages += publish_year(build, staging, engine, reporter, timer, render_archive)
            with timer.stage("publish"):
                write_site_files(staging, site_dir, {b.year for b in builds}, render_archive)
                carry_over(site_dir, staging)
            switch(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return pages


def switch(staging: Path, site_dir: Path) -> None:
    """Put the new site in place in one atomic step; the old one ends up in staging, to be removed."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if exchange(staging, site_dir):
        return
    # No atomic exchange here (Windows, macOS, a file system without it): two renames, and
    # clean_leftovers() puts the old site back should a run die between them.
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    rename(site_dir, old)
    try:
        rename(staging, site_dir)
    except BaseException:
        rename(old, site_dir)  # the new site could not go in: the old one goes back at once
        raise
    rename(old, staging)


def rename(source: Path, target: Path, attempts: int = 10) -> None:
    """os.rename, tried again for a few seconds on Windows, where a reader or virus scanner briefly holding
    a file of the folder makes it fail."""
    for attempt in range(attempts):
        try:
            os.rename(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (38, 22):  # ENOSYS, EINVAL: the kernel or file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


LOCK_BYTE = 1 << 30  # msvcrt's lock is on a byte, enforced by Windows: far past the pid a waiting run reads


@contextlib.contextmanager
def site_lock(site_dir: Path):
    """Only one build at a time per site folder; a second one stops with a clear message.

    The lock is fcntl.flock on POSIX, msvcrt.locking on Windows; both end with the process. Where
    neither exists, a lock file created exclusively (O_EXCL) holds the pid, taken over once that process
    is gone.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = site_dir.parent / f".{site_dir.name}.lock"
    try:
        import fcntl
    except ImportError:
        fcntl = None
    try:
        import msvcrt
    except ImportError:
        msvcrt = None
    if fcntl is None and msvcrt is None:
        with exclusive_lock_file(path.with_name(path.name + ".pid"), site_dir):
            yield
        return
    handle = open(path, "a+")
    try:
        if not take_lock(handle, fcntl, msvcrt):
            handle.seek(0)
            raise lock_held(site_dir, handle.read().strip())
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            if fcntl is None:
                handle.seek(LOCK_BYTE)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    finally:
        handle.close()


def take_lock(handle, fcntl, msvcrt) -> bool:
    """Lock the open lock file without waiting (fcntl, else msvcrt); False when another run holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    handle.seek(LOCK_BYTE)
    try:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


@contextlib.contextmanager
def exclusive_lock_file(path: Path, site_dir: Path):
    """The lock where the system has no file locks: a file created only if absent, holding the pid."""
    for attempt in range(2):
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            holder = path.read_text(encoding="ascii", errors="replace").strip() if path.exists() else ""
            if attempt == 0 and holder.isdigit() and not process_alive(int(holder)):
                path.unlink(missing_ok=True)  # left by a run that died
                continue
            raise lock_held(site_dir, holder)
    try:
        os.write(handle, str(os.getpid()).encode("ascii"))
        os.close(handle)
        yield
    finally:
        path.unlink(missing_ok=True)


def lock_held(site_dir: Path, holder: str) -> PublishError:
    """The refusal of a second run while one builds the same site."""
    return PublishError(f"Một lần dựng khác đang chạy cho {site_dir} (tiến trình {holder or '?'}); "
                        "hãy đợi nó xong rồi chạy lại. (Another build of this site is running.)")


def generator_version() -> str:
    return __version__
