"""Which files of a site folder are the generator's, and whether a folder may be the site at all.

The generator removes or replaces only files that it made (the contract's Command line section):

- site_refusal() says why a --site folder must not be used, before anything is built or created
  beside it: a file, the root of a drive, a mount point, the data or snapshots folder (or one holding
  or inside it), the program's own folder, or a folder holding other people's files and no site of ours.
- A file is the generator's when a manifest of ours lists it: the site's manifest.json for the files
  outside the year folders, each year's manifest.json for the files of that year. Every other file in
  the site (a web server's web.config, a robots.txt) is someone else's: publish carries it over into
  every new site (foreign_files) and never puts it in a manifest or a year's zip.
- verify does not report as added the files of the documented list (KEPT_NAMES, anywhere in the site)
  nor those that a line of site/.keep names (kept); other foreign files it reports, since they may
  be tampering, links (even to a folder) and FIFOs included (archive.not_files).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .archive import MANIFEST, read_manifest
from .paths import ROOT
from .schema import YEAR_PATTERN

KEEP_LIST = ".keep"  # site/.keep: one path or pattern per line, relative to the site, of files people added
# Files a web server or its administrator puts in a site, kept and accepted by verify wherever they are.
KEPT_NAMES = frozenset({KEEP_LIST, "web.config", ".htaccess", "robots.txt", "favicon.ico", "Thumbs.db",
                        "desktop.ini", ".DS_Store"})
# The program's own files and folders: a site may sit in the program's folder (site/ does) but not in these.
PROGRAM_PARTS = frozenset({"scorecard", "templates", "assets", "overrides", "tests", "tools", "bench", "docs",
                           "data", "generate.py", "mkdocs.yml", "README.md", "requirements.txt",
                           "requirements-dev.txt", "pytest.ini"})
SHOWN = 5  # other people's files named in a refusal


def site_refusal(site_dir: Path, data_dir: Path, snapshots_dir: Path) -> str:
    """Why site_dir must not be written as the site ("" when it may), in Vietnamese with English beside.

    Symlinks and .. are resolved first; the first reason found is given (the most basic one).
    """
    site = site_dir.resolve()
    checks = (
        lambda: place_problem(site),
        lambda: nesting_problem(site, data_dir, "thư mục dữ liệu", "the data folder", "--data"),
        lambda: nesting_problem(site, snapshots_dir, "thư mục bản lưu các năm đã khóa sổ", "the snapshots folder",
                                "--snapshots"),
        lambda: program_problem(site),
        lambda: contents_problem(site) if site.is_dir() else "",
    )
    reason = next((found for found in (check() for check in checks) if found), "")
    if not reason:
        return ""
    return (f"Không dùng {site_dir} làm thư mục trang web (--site), chưa dựng và chưa xóa gì: {reason}. "
            "(Refused as the site folder; nothing was built or removed.)")


def place_problem(site: Path) -> str:
    """A site folder must be a folder, not a drive's root, and renamable (not a mount point)."""
    if site.parent == site:
        return ("đó là thư mục gốc của ổ đĩa; chọn một thư mục con riêng cho trang web, ví dụ --site site "
                "(it is the root of the file system: use a folder of its own)")
    if site.exists() and not site.is_dir():
        return ("đó là một tệp, không phải thư mục; chọn tên khác cho --site "
                "(it is a file, not a folder: choose another name)")
    if site.is_dir() and os.path.ismount(site):
        return (f"đó là điểm gắn ổ đĩa (mount point), không thể thay bằng phép đổi tên; dùng một thư mục con, "
                f"ví dụ --site {site / 'site'} (it is a mount point, which cannot be swapped by a rename: "
                "use a folder inside it)")
    return ""


def nesting_problem(site: Path, given: Path, name: str, name_en: str, option: str) -> str:
    """The site must not be, hold or lie inside another folder of the generator's (data, snapshots)."""
    other = given.resolve()
    if site == other:
        relation, relation_en = "chính là", "is"
    elif site in other.parents:
        relation, relation_en = "chứa", "holds"
    elif other in site.parents:
        relation, relation_en = "nằm trong", "lies inside"
    else:
        return ""
    return (f"nó {relation} {name} ({given}), mà mỗi lần dựng sẽ thay toàn bộ thư mục trang web; chọn một "
            f"thư mục trang web riêng, ví dụ --site site, hoặc đổi {option} (it {relation_en} {name_en})")


def program_problem(site: Path) -> str:
    """The site must not be or hold the program's folder, nor lie inside its code, templates or tests."""
    if site == ROOT or site in ROOT.parents:
        relation, relation_en = ("chính là", "is") if site == ROOT else ("chứa", "holds")
    elif ROOT in site.parents:
        part = site.relative_to(ROOT).parts[0]
        if part.casefold() not in {p.casefold() for p in PROGRAM_PARTS} and not part.startswith("."):
            return ""
        return (f"nó là hoặc nằm trong {part}, một phần của chương trình ({ROOT}); dùng --site site hoặc một "
                f"thư mục ngoài chương trình (it is or lies inside {part}, a part of the program)")
    else:
        return ""
    return (f"nó {relation} thư mục của chương trình ({ROOT}); dùng --site site hoặc một thư mục ngoài "
            f"chương trình (it {relation_en} the program's folder)")


def contents_problem(site: Path) -> str:
    """An existing folder is usable when it is a site of ours, or holds nothing but files people add to one."""
    if is_our_site(site):
        return ""
    keep = keep_patterns(site)
    others = []
    for relative in walk(site):
        if not is_kept(relative, keep):
            others.append(relative)
            if len(others) > SHOWN:
                break
    if not others:
        return ""
    shown = ", ".join(others[:SHOWN]) + (", …" if len(others) > SHOWN else "")
    return (f"thư mục đã có tệp không do chương trình tạo ({shown}) và không phải trang web đã dựng (không có "
            f"{MANIFEST} của trang); chọn một thư mục trống hoặc chưa có bằng --site, hoặc chuyển các tệp đó "
            "đi (it holds other files and no site built by this generator: use an empty or new folder)")


def is_our_site(site: Path) -> bool:
    """Whether the folder carries the manifest.json that publish writes at a site's root."""
    recorded = read_manifest(site)
    return isinstance(recorded, dict) and isinstance(recorded.get("files"), dict) \
        and "index.html" in recorded["files"] and "year" not in recorded  # a year's manifest says its year


def walk(folder: Path):
    """Every file (and symlink) under a folder, as a path relative to it with / separators, lazily."""
    for current, folders, files in os.walk(folder):
        base = Path(current)
        folders.sort()
        for name in sorted(files) + sorted(f for f in folders if (base / f).is_symlink()):
            yield (base / name).relative_to(folder).as_posix()


def owned_files(site: Path) -> set[str]:
    """The files the site's manifests list (with the manifests themselves), relative to the site."""
    owned = set()
    recorded = read_manifest(site)
    if isinstance(recorded, dict) and isinstance(recorded.get("files"), dict):
        owned |= set(recorded["files"]) | {MANIFEST}
    for year in site.iterdir() if site.is_dir() else ():
        if YEAR_PATTERN.fullmatch(year.name) and year.is_dir() and not year.is_symlink():
            owned |= {f"{year.name}/{path}" for path in year_files(year)}
    return owned


def year_files(year_dir: Path) -> set[str]:
    """The files of a year folder that its manifest lists, with the manifest ("" set when it has none)."""
    recorded = read_manifest(year_dir)
    if not isinstance(recorded, dict) or not isinstance(recorded.get("files"), dict):
        return set()
    return set(recorded["files"]) | {MANIFEST}


def foreign_files(site: Path) -> list[str]:
    """Files in the site that no manifest of ours lists: other people's, to be carried over, never removed."""
    if not site.is_dir():
        return []
    owned = owned_files(site)
    return [relative for relative in walk(site) if relative not in owned]


def ignore_foreign(year_dir: Path):
    """A shutil.copytree ignore function that leaves out the files of a year folder its manifest does not list."""
    owned = year_files(year_dir)

    def ignore(folder: str, names: list[str]) -> set[str]:
        base = Path(folder)
        return {name for name in names
                if ((base / name).is_symlink() or not (base / name).is_dir())
                and (base / name).relative_to(year_dir).as_posix() not in owned}
    return ignore


def keep_patterns(site: Path) -> list[str]:
    """The lines of site/.keep: paths or shell patterns (*, ?) relative to the site; # starts a comment."""
    try:
        text = (site / KEEP_LIST).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    lines = (line.split("#", 1)[0].strip().replace("\\", "/").strip("/") for line in text.splitlines())
    return [line for line in lines if line]


def is_kept(relative: str, patterns: list[str]) -> bool:
    """Whether a file people added is accepted: a documented name anywhere, or a path .keep names."""
    if relative.rsplit("/", 1)[-1].casefold() in {name.casefold() for name in KEPT_NAMES}:  # Web.config too
        return True
    return any(fnmatch.fnmatchcase(relative, p) or relative.startswith(p + "/") for p in patterns)


def kept(site: Path) -> set[str]:
    """The foreign files of the site that verify accepts (the documented names and site/.keep)."""
    patterns = keep_patterns(site)
    return {relative for relative in foreign_files(site) if is_kept(relative, patterns)}
