"""The pipeline, top to bottom: load -> validate -> compute -> render -> publish."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import labels
from . import __version__
from .archive import MANIFEST, changed_inputs, closed_on, latest_snapshots, read_manifest, verify
from .engine import Engine
from .fingerprint import generator_fingerprint, with_previous, year_fingerprint
from .inputs import RunInputs, YearInputs
from .limits import DEFAULT, Limits
from .ownership import kept, site_refusal
from .problems import InvalidInput, Problem, Problems
from .progress import NO_TIMER, StageTimer
from .mkdocs_engine import MkdocsEngine
from .paths import TEMPLATES
from .publish import PublishError, YearBuild, freeze_year, published_about, publish
from .schema import YEAR_PATTERN

if TYPE_CHECKING:
    from .model import Report

# pandas and Altair take about a second to import: the stages that need them are
# imported where they are used, so a run with nothing to rebuild stays fast.


@dataclass(frozen=True)
class BuildStats:
    """What a build did, for the closing summary line."""

    years: list[int]
    pages: int
    warnings: list[Problem]
    seconds: float
    skipped: list[int]
    stages: dict[str, float]
    published: dict[int, str] = field(default_factory=dict)  # what each year in the site shows: labels.published
    waiting: list[str] = field(default_factory=list)  # a line for each year in preparation, left unpublished
    stale: list[str] = field(default_factory=list)  # a line for each closed year whose data changed since


def published_periods(site_dir: Path, closed) -> dict[int, str]:
    """What each year in the site publishes, read from its about.json: the period's name, the assignment,
    closed or not (for the closing summary: "2022: 9 tháng")."""
    return {year: labels.published(about, year in closed) for year, about in sorted(published_about(site_dir).items())}


def parse_years(texts: list[str | None], data_dir: Path, limits: Limits = DEFAULT) -> list[int | None]:
    """Years given on the command line (four digits from 2000 to 2099, or None) as the ints every stage
    takes; every one that is not such a year is reported, together."""
    wrong = [text for text in texts if text is not None and not YEAR_PATTERN.fullmatch(text)]
    if wrong:
        raise InvalidInput([folder_problem(data_dir, "Năm phải gồm 4 chữ số, ví dụ 2021.",
                                           "A year is four digits, e.g. 2021.", text) for text in wrong])
    outside = [text for text in texts if text is not None and not limits.year_min <= int(text) <= limits.year_max]
    if outside:
        raise InvalidInput([year_outside(data_dir, text, limits) for text in outside])
    return [None if text is None else int(text) for text in texts]


def year_outside(path: Path, year: str, limits: Limits) -> Problem:
    """A year outside year_min..year_max (2000-2099): a typo (2201) or a folder that is not a year's data."""
    return folder_problem(path, f"Năm {year} nằm ngoài khoảng {limits.year_min}–{limits.year_max} "
                                "(year_min, year_max).",
                          f"The year {year} is outside {limits.year_min}-{limits.year_max}.", year,
                          "Đặt tên thư mục theo năm của dữ liệu, ví dụ 2021; thư mục không phải dữ liệu một năm "
                          "thì đổi tên (ví dụ _1999).", "Name the folder after the data's year, e.g. 2021.")


def year_of(folder: Path) -> int:
    """The year of a year folder (data/2021 -> 2021)."""
    return int(folder.name)


def year_folders(data_dir: Path, only: int | None = None, limits: Limits = DEFAULT) -> list[Path]:
    """The year folders under data/ (four digits, a year from 2000 to 2099), oldest first; `only` picks one.
    A folder named as a year outside that range is refused before anything is read."""
    if not data_dir.is_dir():
        raise InvalidInput([folder_problem(data_dir, "Không tìm thấy thư mục dữ liệu.",
                                           "The data folder does not exist.")])
    folders = sorted(p for p in data_dir.iterdir() if p.is_dir() and YEAR_PATTERN.fullmatch(p.name))
    if only is not None:
        folders = [p for p in folders if year_of(p) == only]
        if not folders:
            raise InvalidInput([folder_problem(data_dir / str(only), "Không có thư mục dữ liệu của năm này.",
                                               "There is no data folder for this year.")])
    outside = [p for p in folders if not limits.year_min <= year_of(p) <= limits.year_max]
    if outside:
        raise InvalidInput([year_outside(p, p.name, limits) for p in outside])
    if not folders:
        raise InvalidInput([folder_problem(data_dir, "Thư mục dữ liệu không có năm nào (thư mục tên 4 chữ số).",
                                           "The data folder holds no year folder (four digits).")])
    return folders


def folder_problem(path: Path, message: str, message_en: str, value: str | None = None, hint: str = "",
                   hint_en: str = "") -> Problem:
    return Problem(str(path), None, None, value, message, message_en, hint, hint_en)


@dataclass(frozen=True)
class Waiting:
    """A year in preparation (validate.targets_not_filled_in) that a plain build leaves unpublished."""

    year: int
    line: str  # what the build says of it, one line
    errors: list[Problem]  # every problem of it, as check reports them


def closed_data_changed(data_dir: Path, closed: dict, limits: Limits = DEFAULT,
                        inputs: RunInputs | None = None) -> list[str]:
    """One line for each closed year whose data folder no longer matches the inputs its snapshot recorded:
    the site keeps showing the snapshot, so the user is told, with the command that publishes the change."""
    inputs = inputs or RunInputs(limits)
    lines = []
    for year, snapshot in sorted(closed.items()):
        folder = data_dir / str(year)
        if not folder.is_dir():  # a closed year may keep no data: nothing to compare
            continue
        changed = changed_inputs(snapshot, inputs.of(folder).hashes())
        if changed:
            day = closed_on(snapshot)
            when = f", khóa sổ ngày {labels.date(dt.date.fromisoformat(day))}" if day else ""
            lines.append(f"Năm {year} đã khóa sổ (bản lưu v{snapshot.version}{when}) nhưng dữ liệu {folder} đã thay đổi "
                         f"từ đó ({', '.join(changed)}): trang web vẫn hiện bản đã khóa sổ. Muốn công bố dữ liệu mới: "
                         f"python generate.py close {year} --again. ({year} changed since it was closed: the site "
                         f"still shows snapshot v{snapshot.version}.)")
    return lines


def waiting_line(year: int, shown: str, empty: int, errors: int) -> str:
    """The one line a build says of a year in preparation: which, why, what to do."""
    others = f" (và {errors - empty} lỗi khác)" if errors > empty else ""
    return (f"Năm {year} đang chuẩn bị, chưa công bố: {empty} chỉ tiêu trong {shown} chưa điền{others}; "
            f"điền xong rồi chạy python generate.py check --year {year}. "
            f"({year} is in preparation, its targets empty: not published.)")


def load_reports(folders: list[Path], progress=print, timer: StageTimer = NO_TIMER,
                 period: str | None = None, bulletins: bool = True, limits: Limits = DEFAULT,
                 inputs: RunInputs | None = None, waiting: list[Waiting] | None = None) -> list["Report"]:
    """Load, validate and compute every year (and fill in its bulletins); all problems are reported together.
    `inputs`: the run's files, each read once (when a build has hashed them already, not read again).

    With a `waiting` list (a plain build), a year in preparation is left out and recorded there instead
    of failing the run; without it (check, --year, draft), its problems are errors as any other's.
    """
    inputs = inputs or RunInputs(limits)
    from .bulletins import evaluate_bulletins, read_bulletins
    from .compute import compute_report
    from .load import read_year
    from .validate import targets_not_filled_in, validate_year

    problems = Problems()
    years = []
    for folder in folders:
        progress(f"[{folder.name}] Đọc và kiểm tra dữ liệu…")
        found = Problems()  # this year's own: its warnings travel with its Year
        with timer.stage("load"):
            raw = read_year(folder, found, limits, inputs.of(folder))
        with timer.stage("validate"):
            year = validate_year(raw, found, period, limits)
            periods = None if year is None else list(year.periods["period_id"])
            sources = read_bulletins(folder, periods, found, limits, inputs.of(folder)) if bulletins else []
        inputs.of(folder).release()
        empty = targets_not_filled_in(raw) if waiting is not None and found.errors else 0
        if empty:
            errors = found.errors
            waiting.append(Waiting(raw.year, waiting_line(raw.year, raw.tables["targets"].path, empty,
                                                          sum(p.count for p in errors)), errors))
            continue
        problems.extend(found)
        if year is not None:
            years.append((replace(year, warnings=tuple(found.warnings)), sources))
    problems.raise_if_errors()
    reports = []
    for year, sources in years:
        progress(f"[{year.year}] Tính kết quả, điểm, xếp loại, thứ hạng…")
        with timer.stage("compute"):
            report = compute_report(year)
        if period is not None:  # a preview as of a period: the later periods' bulletins are left out, unsaid
            sources = [s for s in sources if report.year.period_index[s.period] <= report.year.current_index]
        with timer.stage("bulletins"):  # figures cited by bulletins exist only once the year is computed
            found = Problems(sheets=dict(problems.sheets))
            for warning in report.warnings:  # compute's warnings too: counted by kind, located in their sheet
                found.add(warning)
            bulletins = evaluate_bulletins(report, sources, found, limits)
            problems.extend(found, warnings=False)
        reports.append(replace(report, bulletins=bulletins, warnings=tuple(found.warnings)))
    problems.raise_if_errors()
    return reports


def draft(data_dir: Path, year: int, period: str | None = None, force: bool = False,
          progress=print, limits: Limits = DEFAULT) -> tuple[Path, Path | None]:
    """Write the bulletin draft of a period (the current one by default) to data/<year>/bulletins/;
    return its path and, when --force replaced a file, where the replaced text is kept."""
    from .draft import draft_bulletin, draft_path
    from .publish import write_new_file

    folder = year_folders(data_dir, year, limits)[0]
    report = load_reports([folder], progress, bulletins=False, limits=limits)[0]
    if report.year.is_assignment:  # nothing reported yet: no figure a bulletin could cite
        raise InvalidInput([Problem(f"{year}/results", None, None, None,
                                    f"Năm {year} chưa có kết quả nào (giao chỉ tiêu): chưa có gì để viết bản tin.",
                                    "The year has no result yet: there is nothing for a bulletin to cite.",
                                    "Nhập kết quả của kỳ vào results, rồi chạy lại.",
                                    "Enter the period's results first.")])
    chosen = period or report.year.current_period
    known = report.year.period_index
    if chosen not in known or known[chosen] > report.year.current_index:
        published = [p for p, i in known.items() if i <= report.year.current_index]
        raise InvalidInput([Problem(f"{year}/year.yml", None, "--period", chosen,
                                    "Kỳ này không có trong year.yml hoặc chưa có số liệu.",
                                    "No such period, or it has no results yet.",
                                    f"Dùng một trong: {', '.join(published)}.", "Use a period with results.")])
    path = draft_path(folder, chosen)
    return path, write_new_file(path, draft_bulletin(report, chosen), replace=force)


def check(data_dir: Path, only: int | None = None, progress=print, period: str | None = None,
          limits: Limits = DEFAULT, inputs: RunInputs | None = None) -> list["Report"]:
    """Validate (and compute) without writing anything."""
    return load_reports(year_folders(data_dir, only, limits), progress, period=period, limits=limits, inputs=inputs)


def closed_changes(data_dir: Path, only: int | None = None, snapshots_dir: Path | None = None,
                   limits: Limits = DEFAULT, inputs: RunInputs | None = None) -> list[str]:
    """What check says of closed years (all, or `only`) whose data changed since they were closed (`inputs`:
    check's, so that a file it read is not read again to be hashed)."""
    closed = latest_snapshots(snapshots_dir_for(data_dir, snapshots_dir))
    return closed_data_changed(data_dir, {y: s for y, s in closed.items() if only in (None, y)}, limits, inputs)


def year_to_publish(report: "Report", fingerprint: str, timer: StageTimer = NO_TIMER, folder: Path | None = None,
                    date: dt.date | None = None, templates: Path = TEMPLATES, limits: Limits = DEFAULT,
                    inputs: YearInputs | None = None) -> YearBuild:
    """Render a year's pages and gather the facts the writer needs (publish.publish_year builds, checks and
    packs them), dated `date` (default: the data's date)."""
    from .render import environment, render_year, site_name, site_nav

    year = report.year
    about = {
        "year": year.year, "title": year.title, "organisation": year.organisation,
        "period": year.current_period, "period_name": labels.current_name(year),
        "period_end": labels.date(year.data_date), "final": year.is_final, "sample": year.sample,
        "updated": labels.date(year.updated),
        "fingerprint": fingerprint,
    }
    with timer.stage("render"):
        pages = render_year(report, env=environment(templates), timer=timer)
    date = date or year.data_date
    facts = {"year": year.year, "period": year.current_period, "final": year.is_final,
             "generator_version": __version__, "generator_fingerprint": generator_fingerprint(),
             "build_date": date.isoformat()}
    hashes = (inputs or YearInputs(folder, limits)).hashes() if folder is not None else {}
    return YearBuild(year=year.year, pages=pages, nav=site_nav(report), site_name=site_name(report),
                     about=about, date=date, inputs=hashes, facts=facts)


def archive_renderer(templates: Path = TEMPLATES):
    """The archive's front page, listing every year in the site, and its stylesheet: entries -> {path: text}."""
    from .security import POLICY

    from .render import archive_figures

    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return lambda entries: {
        "index.html": env.get_template("archive.html.j2").render(
            entries=[entry | {"figures": archive_figures(entry.get("summary", {}))} for entry in entries],
            policy=POLICY),
        "archive.css": (templates / "archive.css").read_text(encoding="utf-8")}


def snapshots_dir_for(data_dir: Path, snapshots_dir: Path | None) -> Path:
    """Closed years' snapshots live beside the data, committed with it: data/snapshots/ by default."""
    return snapshots_dir if snapshots_dir is not None else data_dir / "snapshots"


def folders_to_build(data_dir: Path, only: int | None, closed: dict, limits: Limits = DEFAULT) -> list[Path]:
    """The year folders to build: closed years are not among them (they may even have no data left)."""
    if only is not None and only in closed:
        return []
    try:
        folders = year_folders(data_dir, only, limits)
    except InvalidInput:
        if closed and only is None:
            return []
        raise
    return [f for f in folders if year_of(f) not in closed]


def build(data_dir: Path, site_dir: Path, only: int | None = None, progress=print, force: bool = False,
          period: str | None = None, snapshots_dir: Path | None = None, reopen: int | None = None,
          engine: Engine | None = None, date: dt.date | None = None, templates: Path = TEMPLATES,
          loaded: list["Report"] | None = None, limits: Limits = DEFAULT,
          inputs: RunInputs | None = None) -> BuildStats:
    """Build the years of data_dir whose inputs changed (or all with force) into site_dir, with the archive page.

    Closed years (with a snapshot) are published from their snapshot, never rebuilt, except the
    year `reopen` that `close --again` is re-closing. `engine` makes the HTML (mkdocs by default);
    `date` is the date every year speaks for (SOURCE_DATE_EPOCH), by default each year's data date.
    `loaded`: years the caller has loaded already (close): rebuilt whatever their fingerprint, not read again.
    `inputs`: the run's input files, each read and hashed once (close passes its own to both of its builds).
    """
    inputs = inputs or RunInputs(limits)
    started = time.monotonic()
    engine = engine or MkdocsEngine()
    timer = StageTimer()
    check_site_folder(site_dir, data_dir, snapshots_dir)
    # --period previews a year as of that period, built from its data even when it is closed (never frozen)
    previewed = only if period is not None else None
    closed = {y: s for y, s in latest_snapshots(snapshots_dir_for(data_dir, snapshots_dir)).items()
              if y not in (reopen, previewed)}
    if closed and (only is None or only in closed):
        progress("Năm đã khóa sổ, dùng bản lưu: " + ", ".join(f"{y} (v{s.version})" for y, s in sorted(closed.items())))
    stale = closed_data_changed(data_dir, {y: s for y, s in closed.items() if only in (None, y)}, limits, inputs)
    if only is not None and only in closed:
        closed = {only: closed[only]}
    folders = folders_to_build(data_dir, only, closed, limits)
    fingerprints = {year_of(f): with_previous(year_fingerprint(f, period, date, engine.name, limits, inputs.of(f)),
                                              previous_fingerprint(data_dir, year_of(f), closed, inputs))
                    for f in folders}
    published = published_about(site_dir)
    # One year (--year): the closed years the site holds are refreshed from their snapshots, none is added, so a
    # preview in a folder of its own holds that year alone; `closed` stays whole for comparisons.
    placed = closed if only is None else {y: s for y, s in closed.items() if y == only or y in published}
    given = {report.year.year: report for report in loaded or []}
    changed = [f for f in folders if force or year_of(f) in given
               or published.get(year_of(f), {}).get("fingerprint") != fingerprints[year_of(f)]]
    skipped = [year_of(f) for f in folders if f not in changed]
    needed = {year_of(f) for f in changed} | {year_of(f) - 1 for f in changed}  # the latter compared with
    for folder, year_inputs in inputs.years.items():
        if year_of(folder) not in needed:
            year_inputs.release()
    if skipped:
        progress(f"Bỏ qua năm không thay đổi từ lần dựng trước: {', '.join(map(str, skipped))}")
    others = set(published) - set(fingerprints) - set(placed) if only is not None else set()
    closed_current = all(read_manifest(site_dir / str(y)) == read_manifest(s.folder) for y, s in placed.items())

    def site_current(waiting_years: set[int]) -> bool:
        """Whether the site's archive page lists the years this build leaves there (none to add or drop)."""
        return (site_dir / "index.html").is_file() and closed_current and (
            only is not None or set(published) - waiting_years == set(fingerprints) - waiting_years | set(placed))

    if not changed and site_current(set()):
        return BuildStats([], 0, [], time.monotonic() - started, skipped, timer.seconds,
                          published_periods(site_dir, placed), stale=stale)
    waiting: list[Waiting] = []
    read = load_reports([f for f in changed if year_of(f) not in given], progress, timer, period, limits=limits,
                        inputs=inputs, waiting=waiting if only is None else None)
    reports = sorted([*given.values(), *read], key=lambda report: report.year.year)
    waiting_years = {w.year for w in waiting}
    if not reports and not skipped and not closed and not set(published) & waiting_years:
        raise InvalidInput([e for w in waiting for e in w.errors])  # nothing else to publish: as --year does
    if not reports and site_current(waiting_years):
        return BuildStats([], 0, [], time.monotonic() - started, skipped, timer.seconds,
                          published_periods(site_dir, placed), [w.line for w in waiting], stale)
    with timer.stage("compute"):
        reports = with_comparisons(reports, data_dir, closed, progress, limits, inputs)
    builds = []
    for report in reports:
        progress(f"[{report.year.year}] Tạo trang và biểu đồ…")
        folder = next(f for f in folders if year_of(f) == report.year.year)
        builds.append(year_to_publish(report, fingerprints[report.year.year], timer, folder, date, templates,
                                      limits, inputs.of(folder)))
    # a year in preparation that was published before stays as it was published
    pages = publish(builds, site_dir, archive_renderer(templates), engine, progress,
                    keep_years=set(skipped) | others | (set(published) & waiting_years), timer=timer, closed=placed)
    warnings = [w for r in reports for w in r.warnings]
    return BuildStats([r.year.year for r in reports], pages, warnings, time.monotonic() - started,
                      skipped, timer.seconds, published_periods(site_dir, placed), [w.line for w in waiting], stale)


def previous_fingerprint(data_dir: Path, year: int, closed: dict, inputs: RunInputs | None = None) -> str:
    """What a year is compared with (the year before): its snapshot's manifest when closed, else its
    data folder (through the run's `inputs`, hashed once); empty when there is no such year."""
    previous = year - 1
    if previous in closed:
        return "closed:" + hashlib.sha256((closed[previous].folder / MANIFEST).read_bytes()).hexdigest()
    if (data_dir / str(previous)).is_dir():
        folder = data_dir / str(previous)
        return "data:" + year_fingerprint(folder, inputs=(inputs or RunInputs()).of(folder))
    return ""


def with_comparisons(reports: list["Report"], data_dir: Path, closed: dict, progress=print,
                     limits: Limits = DEFAULT, inputs: RunInputs | None = None) -> list["Report"]:
    """Each year beside the same period of the previous year (scorecard/compare.py).

    The previous year's figures come from its snapshot's export when it is closed (periods.json and
    results.csv), from its Report when it is built in this run, else from its data folder, computed
    for the purpose (its problems then only mean that nothing is compared). No previous year, or a
    snapshot made before periods.json existed: nothing is compared.
    """
    from .compare import compare, figures_from_export, figures_of_report, nothing

    computed = {r.year.year: r for r in reports}
    result = []
    for report in reports:
        previous = report.year.year - 1
        snapshot = closed.get(previous)
        if snapshot is not None:
            export = snapshot.folder / "export"
            if (export / "periods.json").is_file() and (export / "results.csv").is_file():
                figures = figures_from_export((export / "periods.json").read_text(encoding="utf-8"),
                                              (export / "results.csv").read_text(encoding="utf-8-sig"))
                comparison = compare(report, figures)
            else:
                comparison = nothing(f"Năm {previous} đã khóa sổ bằng phiên bản chưa ghi export/periods.json.")
        elif previous in computed:
            comparison = compare(report, figures_of_report(computed[previous]))
        elif (data_dir / str(previous)).is_dir():
            try:
                [earlier] = load_reports([data_dir / str(previous)], lambda message: None, bulletins=False,
                                         limits=limits, inputs=inputs)
                comparison = compare(report, figures_of_report(earlier))
            except InvalidInput:
                comparison = nothing(f"Dữ liệu năm {previous} có lỗi: không so sánh cùng kỳ.")
                progress(f"[{report.year.year}] {comparison.note} (python generate.py check --year {previous})")
        else:
            comparison = nothing(f"Không có dữ liệu năm {previous}.")
        result.append(replace(report, comparison=comparison))
    return result


def check_site_folder(site_dir: Path, data_dir: Path, snapshots_dir: Path | None) -> None:
    """Refuse a --site folder that a build would harm (ownership.site_refusal), before anything is built."""
    refusal = site_refusal(site_dir, data_dir, snapshots_dir_for(data_dir, snapshots_dir))
    if refusal:
        raise PublishError(refusal)


def close(data_dir: Path, site_dir: Path, year: int, progress=print, again: bool = False,
          snapshots_dir: Path | None = None, engine: Engine | None = None,
          date: dt.date | None = None, limits: Limits = DEFAULT) -> tuple[Path, BuildStats]:
    """Close a year after its final period: build it afresh and freeze it as a new snapshot; the other years
    are left in the site as a plain build leaves them (built where they are missing or out of date).
    Returns the snapshot and what the plain build did."""
    check_site_folder(site_dir, data_dir, snapshots_dir)
    snapshots = snapshots_dir_for(data_dir, snapshots_dir)
    existing = latest_snapshots(snapshots).get(year)
    if existing is not None and not again:
        raise PublishError(f"Năm {year} đã khóa sổ (bản lưu v{existing.version}). Muốn khóa sổ lại, "
                           "dùng --again: bản lưu mới được thêm, bản cũ giữ nguyên.")
    inputs = RunInputs(limits)  # each input file read and hashed once for both builds below
    [report] = load_reports(year_folders(data_dir, year, limits), progress, limits=limits, inputs=inputs)
    if not report.year.is_final:
        raise InvalidInput([not_final(report.year, year_folders(data_dir, year, limits)[0])])
    closing = build(data_dir, site_dir, only=year, progress=progress, snapshots_dir=snapshots, reopen=year,
                    engine=engine, date=date, loaded=[report], limits=limits, inputs=inputs)
    target = freeze_year(site_dir.resolve(), year, snapshots, date)
    # Then a plain build: the other years missing from the site (a fresh checkout) or out of date (the next
    # year compares itself with the snapshot now) are built, the closed year placed from its snapshot.
    stats = build(data_dir, site_dir, progress=progress, snapshots_dir=snapshots, engine=engine, date=date,
                  limits=limits, inputs=inputs)
    return target, replace(stats, warnings=closing.warnings + stats.warnings)


def not_final(year, folder: Path) -> Problem:
    """Why a year cannot be closed yet: its final results are missing, or year.yml still pins an earlier
    period although they are entered (the fix is then one line of year.yml, named)."""
    from .load import setting_lines

    current, final = year.current_period, year.final_period
    line = setting_lines((folder / "year.yml").read_bytes()).get("current_period")
    entered = bool((year.results["period_index"] == year.period_index[final]).any())
    if entered and current is not None:
        return Problem(f"{year.year}/year.yml", line, "current_period", current,
                       f"Chỉ khóa sổ được khi kỳ công bố là kỳ cuối năm; year.yml đặt current_period: {current}.",
                       f"A year can be closed only at its final period; year.yml sets current_period: {current}.",
                       f"Đã có kết quả kỳ {final}: sửa dòng current_period: {current} trong year.yml thành "
                       f"current_period: {final}, chạy python generate.py để xem lại, rồi khóa sổ.",
                       f"The results of {final} are entered: change current_period in year.yml to {final}.")
    return Problem(f"{year.year}/year.yml", line, "current_period", current,
                   "Chỉ khóa sổ được khi đã có kết quả kỳ cuối năm.", "A year can be closed only at its final period.",
                   f"Nhập kết quả kỳ {final} (hoặc bỏ current_period) rồi chạy lại.",
                   "Enter the final period's results first.")


def verify_site(data_dir: Path, site_dir: Path, snapshots_dir: Path | None = None) -> list[str]:
    """Every file that differs from its manifest, in the snapshots and in the published site."""
    return verify(site_dir, snapshots_dir_for(data_dir, snapshots_dir), frozenset(kept(site_dir)))
