"""The pipeline, top to bottom: load -> validate -> compute -> render -> publish."""

from __future__ import annotations

from pathlib import Path

from .compute import compute_report
from .load import read_year
from .model import Report
from .problems import InvalidInput, Problems
from .schema import YEAR_PATTERN


def year_folders(data_dir: Path, only: str | None = None) -> list[Path]:
    """The year folders under data/ (four digits), oldest first; `only` picks one."""
    if not data_dir.is_dir():
        raise InvalidInput([_problem(str(data_dir), "Không tìm thấy thư mục dữ liệu.",
                                     "The data folder does not exist.")])
    folders = sorted(p for p in data_dir.iterdir() if p.is_dir() and YEAR_PATTERN.fullmatch(p.name))
    if only is not None:
        folders = [p for p in folders if p.name == str(only)]
        if not folders:
            raise InvalidInput([_problem(f"{data_dir}/{only}", "Không có thư mục dữ liệu của năm này.",
                                         "There is no data folder for this year.")])
    if not folders:
        raise InvalidInput([_problem(str(data_dir), "Thư mục dữ liệu không có năm nào (thư mục tên 4 chữ số).",
                                     "The data folder holds no year folder (four digits).")])
    return folders


def _problem(file, message, message_en):
    from .problems import Problem
    return Problem(file, None, None, None, message, message_en)


def load_reports(folders: list[Path], period: str | None = None) -> list[Report]:
    """Load, validate and compute every year; all years' problems are reported together."""
    from .validate import validate_year

    problems = Problems()
    years = []
    for folder in folders:
        raw = read_year(folder, problems)
        year = validate_year(raw, problems)
        if year is not None:
            years.append(year)
    problems.raise_if_errors()
    return [compute_report(year) for year in years]
