"""The files of a year folder that the contract names, checked before they are read, each read once a run.

Only these are read or hashed: year.yml, each table as <table>.csv or <table>.xlsx, and
bulletins/*.md. Anything else in a year folder is listed in a warning and left alone. Before a
file is read, it must be a regular file (not a folder or a FIFO) within its size limit
(scorecard/limits.py), so a stray or sparse file of gigabytes costs nothing. A run reads a year's
files through one YearInputs: each file is read once, and the same bytes give its SHA-256 (the
fingerprint, the manifest) and what the loader parses. Light on imports: the fingerprint of an
unchanged year is computed without pandas.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .limits import DEFAULT, Limits
from .problems import Problems
from .schema import TABLES

YEAR_FILE = "year.yml"
BULLETINS = "bulletins"
TABLE_SUFFIXES = (".csv", ".xlsx")
CHUNK = 1 << 20


def contract_names() -> set[str]:
    """The names a year folder may hold: year.yml, <table>.csv and <table>.xlsx, the bulletins folder."""
    return {YEAR_FILE, BULLETINS} | {t.name + suffix for t in TABLES for suffix in TABLE_SUFFIXES}


def is_regular(path: Path) -> bool:
    """Whether the path is a regular file (following links): not a folder, FIFO, device or socket."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def input_files(folder: Path) -> list[Path]:
    """The regular files of a year folder that the contract names, sorted: the only ones read or hashed."""
    found = [folder / name for name in sorted(contract_names() - {BULLETINS}) if is_regular(folder / name)]
    bulletins = folder / BULLETINS
    if bulletins.is_dir():
        found += sorted(p for p in bulletins.iterdir()
                        if p.suffix == ".md" and not p.name.startswith(".") and is_regular(p))
    return sorted(found)


def stray_entries(folder: Path) -> list[str]:
    """What a year folder holds beyond the contract's names (ignored, listed in a warning)."""
    names = contract_names()
    by_case = {name.casefold(): name for name in names}
    try:
        entries = sorted(p.name for p in folder.iterdir() if p.name not in names)
    except OSError:
        return []
    # On a case-insensitive disk (Windows) Results.CSV is results.csv itself, read as such.
    return [e for e in entries if not (e.casefold() in by_case and (folder / by_case[e.casefold()]).exists()
                                       and os.path.samefile(folder / e, folder / by_case[e.casefold()]))]


def size_limit(path: Path, limits: Limits) -> tuple[int, str]:
    """The size limit of an input file in bytes, and the limit's name."""
    if path.name == YEAR_FILE:
        name = "year_yml_kb"
    elif path.parent.name == BULLETINS:
        name = "bulletin_kb"
    else:
        name = "table_file_mb"
    return limits.bytes(name), name


def file_hash(path: Path) -> str:
    """SHA-256 of a file, read a megabyte at a time (never whole)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class YearInputs:
    """A year folder's input files for one run: each read at most once (read_input: checked, bounded), its
    bytes used for its SHA-256 and by the loader; release() lets the bytes go once the year is loaded."""

    def __init__(self, folder: Path, limits: Limits = DEFAULT):
        self.folder, self.limits = folder, limits
        self.files: dict[Path, tuple[bytes | None, list]] = {}  # path -> its bytes (None: unreadable), problems
        self.hashes_found: dict[str, str] | None = None

    def read(self, path: Path, shown: str, problems: Problems) -> bytes | None:
        """An input file's bytes, read on first use; what reading it found is reported to every caller."""
        if path not in self.files:
            found = Problems()
            self.files[path] = (read_input(path, shown, found, self.limits), found.items)
        data, found_items = self.files[path]
        for problem in found_items:
            problems.add(problem)
        return data

    def hashes(self) -> dict[str, str]:
        """SHA-256 of each input file by its path in the year folder, computed once; a file over its size
        limit (to be refused by load) or unreadable is represented by its size and date instead."""
        if self.hashes_found is None:
            self.hashes_found = {}
            for path in input_files(self.folder):
                name = path.relative_to(self.folder).as_posix()
                info = path.stat()
                data = None
                if info.st_size <= size_limit(path, self.limits)[0]:
                    data = self.read(path, f"{self.folder.name}/{name}", Problems())
                self.hashes_found[name] = hashlib.sha256(data).hexdigest() if data is not None \
                    else f"size:{info.st_size}:{info.st_mtime_ns}"
        return self.hashes_found

    def release(self) -> None:
        """Forget the files' bytes once the year is loaded, or not to be; its hashes are kept (made first)."""
        self.hashes()
        self.files.clear()


class RunInputs:
    """Every year folder's YearInputs for one run (a build, a close), made on first use."""

    def __init__(self, limits: Limits = DEFAULT):
        self.limits = limits
        self.years: dict[Path, YearInputs] = {}

    def of(self, folder: Path) -> YearInputs:
        if folder not in self.years:
            self.years[folder] = YearInputs(folder, self.limits)
        return self.years[folder]


def read_from(inputs: YearInputs | None, path: Path, shown: str, problems: Problems, limits: Limits) -> bytes | None:
    """An input file's bytes through the run's YearInputs when there is one, else straight from disk."""
    return inputs.read(path, shown, problems) if inputs is not None else read_input(path, shown, problems, limits)


def megabytes(size: int) -> str:
    """A size the Vietnamese way, in MB with one decimal (1.024,0) or in KB below a megabyte."""
    value, unit = (size / 1024, "KB") if size < 1 << 20 else (size / (1 << 20), "MB")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".") + " " + unit


def check_input(path: Path, shown: str, problems: Problems, limits: Limits) -> bool:
    """Whether an existing input may be read: a regular file within its size limit; else say what was found."""
    try:
        info = path.stat()
    except OSError as err:
        problems.error(shown, None, None, None, f"Không đọc được tệp ({err.strerror}).",
                       f"The file cannot be read ({err.strerror}).",
                       "Kiểm tra tệp (một lối tắt hỏng?) và quyền đọc của nó.", "Check the file and its permissions.")
        return False
    if stat.S_ISDIR(info.st_mode):
        problems.error(shown, None, None, None, f"{path.name} là một thư mục, không phải tệp.",
                       f"{path.name} is a folder, not a file.",
                       f"Đổi tên hoặc chuyển thư mục {path.name} đi, rồi đặt tệp {path.name} vào đúng chỗ.",
                       "Rename or move the folder and put the file in its place.")
        return False
    if not stat.S_ISREG(info.st_mode):
        kind = ("một ống dẫn (FIFO)", "a FIFO") if stat.S_ISFIFO(info.st_mode) else (
            "một socket", "a socket") if stat.S_ISSOCK(info.st_mode) else ("một thiết bị", "a device")
        problems.error(shown, None, None, None, f"{path.name} là {kind[0]}, không phải tệp thông thường.",
                       f"{path.name} is {kind[1]}, not a regular file.",
                       f"Thay {path.name} bằng tệp dữ liệu thật.", "Replace it with the data file itself.")
        return False
    limit, name = size_limit(path, limits)
    if info.st_size > limit:
        option = " hoặc chạy lại với --max-file-mb <số MB>" if name == "table_file_mb" else ""
        option_en = " or run again with --max-file-mb N" if name == "table_file_mb" else ""
        problems.error(shown, None, None, None,
                       f"Tệp dài {megabytes(info.st_size)}, quá giới hạn {megabytes(limit)} ({name}).",
                       f"The file is {info.st_size:,} bytes, over the limit of {limit:,} bytes ({name}).",
                       f"Kiểm tra đây có đúng là tệp dữ liệu không (tệp lạ, tệp dán nhầm){option}.",
                       f"Check that this is the data file{option_en}.")
        return False
    return True


def read_input(path: Path, shown: str, problems: Problems, limits: Limits) -> bytes | None:
    """The bytes of an input file after check_input, or None after saying why it cannot be read."""
    if not check_input(path, shown, problems, limits):
        return None
    limit, _ = size_limit(path, limits)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # a file that grew since stat is still read no further
    except OSError as err:
        problems.error(shown, None, None, None, f"Không đọc được tệp ({err.strerror}).",
                       f"The file cannot be read ({err.strerror}).",
                       "Kiểm tra quyền đọc của tệp, hoặc đóng chương trình đang khóa nó (Excel), rồi chạy lại.",
                       "Check the file's read permission, or close the program that locks it, and run again.")
        return None
    if len(data) > limit:
        problems.error(shown, None, None, None, "Tệp lớn lên trong khi đọc, quá giới hạn dung lượng.",
                       "The file grew past its size limit while being read.", "Chạy lại khi tệp đã lưu xong.",
                       "Run again once the file is saved.")
        return None
    return data


def misnamed(folder: Path, table) -> list[tuple[str, tuple[str, str, str, str]]]:
    """Files that look meant for a table but are named otherwise (Results.CSV, results.xls, results.csv.txt),
    each with the messages that say what was found."""
    wanted = {table.name + suffix for suffix in TABLE_SUFFIXES}
    found = []
    for name in stray_entries(folder):
        folded = name.casefold()
        stem = folded.split(".", 1)[0]
        if folded in wanted:
            right = next(w for w in sorted(wanted) if w == folded)
            found.append((name, (f"Có tệp {name}, nhưng tên tệp phải viết thường: {right}.",
                                 f"{name} is present, but the name must be lowercase: {right}.",
                                 f"Đổi tên {name} thành {right}.", f"Rename it {right}.")))
        elif stem == table.name and folded.endswith(".xls"):
            found.append((name, (f"{name} là tệp Excel 97-2003 (.xls), không đọc được.",
                                 f"{name} is an Excel 97-2003 workbook (.xls), which is not read.",
                                 f"Mở bằng Excel, chọn File > Save As, kiểu Excel Workbook (*.xlsx) hoặc "
                                 f"CSV UTF-8 (*.csv), tên {table.name}.xlsx hoặc {table.name}.csv.",
                                 f"Save it from Excel as {table.name}.xlsx or {table.name}.csv (CSV UTF-8).")))
        elif stem == table.name:
            found.append((name, (f"Có tệp {name}, nhưng bảng phải có tên {table.name}.csv hoặc {table.name}.xlsx.",
                                 f"{name} is present, but the table must be named {table.name}.csv or "
                                 f"{table.name}.xlsx.",
                                 f"Lưu lại dạng CSV UTF-8 hoặc Excel Workbook, tên {table.name}.csv hoặc "
                                 f"{table.name}.xlsx (Windows có thể đang ẩn đuôi tệp: bật View > File name "
                                 "extensions để thấy).",
                                 "Save it as CSV UTF-8 or Excel Workbook under the right name "
                                 "(Windows may hide the extension).")))
    return found
