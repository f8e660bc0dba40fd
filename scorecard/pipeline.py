"""The pipeline, top to bottom: load -> validate -> compute -> render -> publish."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import labels
from .fingerprint import year_fingerprint
from .problems import InvalidInput, Problem, Problems
from .progress import NO_TIMER, StageTimer
from .publish import ROOT, YearBuild, published_about, publish
from .schema import YEAR_PATTERN

if TYPE_CHECKING:
    from .model import Report

# pandas and Altair take about a second to import: the stages that need them are
# imported where they are used, so a run with nothing to rebuild stays fast.
TEMPLATES = ROOT / "templates"


@dataclass(frozen=True)
class BuildStats:
    """What a build did, for the closing summary line."""

    years: list[int]
    pages: int
    warnings: list[Problem]
    seconds: float
    skipped: list[str]
    stages: dict[str, float]


def year_folders(data_dir: Path, only: str | None = None) -> list[Path]:
    """The year folders under data/ (four digits), oldest first; `only` picks one."""
    if not data_dir.is_dir():
        raise InvalidInput([folder_problem(data_dir, "Không tìm thấy thư mục dữ liệu.",
                                           "The data folder does not exist.")])
    folders = sorted(p for p in data_dir.iterdir() if p.is_dir() and YEAR_PATTERN.fullmatch(p.name))
    if only is not None:
        if not YEAR_PATTERN.fullmatch(str(only)):
            raise InvalidInput([folder_problem(data_dir, "Năm phải gồm 4 chữ số, ví dụ 2021.",
                                               "A year is four digits, e.g. 2021.", str(only))])
        folders = [p for p in folders if p.name == str(only)]
        if not folders:
            raise InvalidInput([folder_problem(data_dir / str(only), "Không có thư mục dữ liệu của năm này.",
                                               "There is no data folder for this year.")])
    if not folders:
        raise InvalidInput([folder_problem(data_dir, "Thư mục dữ liệu không có năm nào (thư mục tên 4 chữ số).",
                                           "The data folder holds no year folder (four digits).")])
    return folders


def folder_problem(path: Path, message: str, message_en: str, value: str | None = None) -> Problem:
    return Problem(str(path), None, None, value, message, message_en)


def load_reports(folders: list[Path], progress=print, timer: StageTimer = NO_TIMER,
                 period: str | None = None) -> list["Report"]:
    """Load, validate and compute every year; all years' problems are reported together."""
    from .compute import compute_report
    from .load import read_year
    from .validate import validate_year

    problems = Problems()
    years = []
    for folder in folders:
        progress(f"[{folder.name}] Đọc và kiểm tra dữ liệu…")
        with timer.stage("load"):
            raw = read_year(folder, problems)
        with timer.stage("validate"):
            year = validate_year(raw, problems, period)
        if year is not None:
            years.append(year)
    problems.raise_if_errors()
    reports = []
    for year in years:
        progress(f"[{year.year}] Tính kết quả, điểm, xếp loại, thứ hạng…")
        with timer.stage("compute"):
            reports.append(compute_report(year))
    return reports


def check(data_dir: Path, only: str | None = None, progress=print, period: str | None = None) -> list["Report"]:
    """Validate (and compute) without writing anything."""
    return load_reports(year_folders(data_dir, only), progress, period=period)


def year_build(report: "Report", fingerprint: str, timer: StageTimer = NO_TIMER) -> YearBuild:
    """Render a year's pages and the facts publish needs to build it."""
    from .render import render_year, site_name, site_nav

    year = report.year
    about = {
        "year": year.year, "title": year.title, "organisation": year.organisation,
        "period": year.current_period, "period_name": year.period_name(year.current_period),
        "period_end": labels.date(year.data_date), "final": year.is_final, "sample": year.sample,
        "updated": labels.date(year.updated),
        "fingerprint": fingerprint,
    }
    with timer.stage("render"):
        pages = render_year(report, timer=timer)
    return YearBuild(year=year.year, pages=pages, nav=site_nav(report),
                     site_name=site_name(report), about=about, date=year.data_date)


def render_archive(entries: list[dict]) -> str:
    """The archive's front page, listing every year in the site."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("archive.html.j2").render(entries=entries)


def build(data_dir: Path, site_dir: Path, only: str | None = None, progress=print, force: bool = False,
          period: str | None = None) -> BuildStats:
    """Build the years of data_dir whose inputs changed (or all with force) into site_dir, with the archive page."""
    started = time.monotonic()
    timer = StageTimer()
    folders = year_folders(data_dir, only)
    fingerprints = {f.name: year_fingerprint(f, period) for f in folders}
    published = published_about(site_dir)
    changed = [f for f in folders if force or published.get(f.name, {}).get("fingerprint") != fingerprints[f.name]]
    skipped = [f.name for f in folders if f not in changed]
    if skipped:
        progress(f"Bỏ qua năm không thay đổi từ lần dựng trước: {', '.join(skipped)}")
    others = set(published) - {f.name for f in folders} if only is not None else set()
    index_current = (site_dir / "index.html").is_file() and (only is not None or set(published) == set(fingerprints))
    if not changed and index_current:
        return BuildStats([], 0, [], time.monotonic() - started, skipped, timer.seconds)
    reports = load_reports(changed, progress, timer, period)
    builds = []
    for report in reports:
        progress(f"[{report.year.year}] Tạo trang và biểu đồ…")
        builds.append(year_build(report, fingerprints[str(report.year.year)], timer))
    pages = publish(builds, site_dir, render_archive, progress, keep_years=set(skipped) | others, timer=timer)
    warnings = [w for r in reports for w in r.warnings]
    return BuildStats([r.year.year for r in reports], pages, warnings, time.monotonic() - started,
                      skipped, timer.seconds)
