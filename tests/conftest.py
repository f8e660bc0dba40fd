"""Shared test helpers: a tiny year folder written in tmp_path and built (make_year, build_year); the
contract's worked example copied into tmp_path, to change one thing at a time (year, edit, errors...,
for test_load.py and test_validate.py, which import the functions from here)."""

from __future__ import annotations

import itertools
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from scorecard.load import read_year
from scorecard.pipeline import load_reports, year_folders
from scorecard.problems import InvalidInput, Problems
from scorecard.validate import validate_year
from site_fixture import browser, sample_site, server  # noqa: F401  (session fixtures, built once per run)
from site_fixture import page_report_lines


REGENERATE_FLAG = "SCORECARD_REGENERATE"


def regenerate() -> bool:
    """Whether this run rewrites the expected files instead of checking them: SCORECARD_REGENERATE=1, the one
    flag for all of them (tests/golden/, tests/cases/*/expected.txt, the generated blocks of docs/du-lieu.md
    and docs/khi-co-loi.md, scorecard/chart_designs.vega.json). Review the diff afterwards; CI never sets it."""
    return os.environ.get(REGENERATE_FLAG) == "1"


def pytest_terminal_summary(terminalreporter):
    """The browser tests' figures per page type, in the run's output (and CI's log) even when output is captured."""
    lines = page_report_lines()
    if lines:
        terminalreporter.write_sep("-", "browser: per page type (cold cache, served gzip-compressed)")
        for line in lines:
            terminalreporter.write_line(line)


DEFAULT_GROUPS = """
group_id,name
g,Nhóm G
h,Nhóm H
"""

# n: count up (sum)      amt: amount up (sum)     r: rate up (none)
# d: count down (sum)    rd: rate down (none)     t: task
# nm: count, aggregate none    mean: count, aggregate mean
DEFAULT_INDICATORS = """
indicator_id,name,kind,direction,aggregate
n,Số lượng,count,,
amt,Số tiền,amount,,
r,Tỷ lệ,rate,,
d,Số vụ,count,down,
rd,Tỷ lệ giảm,rate,down,
t,Nhiệm vụ,task,,
nm,Số không cộng,count,,none
mean,Số bình quân,count,,mean
"""

DEFAULT_UNITS = """
unit_id,name,group_id,parent_id
a,Đơn vị A,g,
"""

# 2021 is not a leap year: elapsed shares 90/365, 181/365, 273/365, 365/365
DEFAULT_PERIODS = (("q1", "2021-03-31"), ("h1", "2021-06-30"), ("9m", "2021-09-30"), ("y", "2021-12-31"))

_counter = itertools.count()


def _csv(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


def write_year(tmp_path: Path, *, targets: str, results: str = "unit_id,indicator_id,period,value,status\n",
               units: str = DEFAULT_UNITS, indicators: str = DEFAULT_INDICATORS, groups: str = DEFAULT_GROUPS,
               ratings: str | None = None, periods=None, year: int = 2021, year_yml_extra: str = "",
               officials: str | None = None) -> Path:
    """Write a year folder (CSV text as given, dedented) under a fresh data dir; return the data dir."""
    periods = periods or DEFAULT_PERIODS
    data = tmp_path / f"data{next(_counter)}"
    folder = data / str(year)
    folder.mkdir(parents=True)
    lines = [f'title: "Năm thử {year}"', 'organisation: "Tỉnh ủy Thử"', "periods:"]
    lines += [f'  - {{id: {pid}, name: "Kỳ {pid}", end: {end}}}' for pid, end in periods]
    (folder / "year.yml").write_text("\n".join(lines) + "\n" + textwrap.dedent(year_yml_extra), encoding="utf-8")
    files = {"groups": groups, "units": units, "indicators": indicators, "targets": targets, "results": results}
    if ratings is not None:
        files["ratings"] = ratings
    if officials is not None:
        files["officials"] = officials
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(_csv(text), encoding="utf-8")
    return data


@pytest.fixture
def make_year(tmp_path):
    """make_year(targets=..., results=..., units=..., year_yml_extra=..., ...) -> the data dir."""
    return lambda **kwargs: write_year(tmp_path, **kwargs)


@pytest.fixture
def build_year(make_year):
    """build_year(**make_year kwargs) -> the computed Report of that one year."""
    def build(**kwargs):
        reports = load_reports(year_folders(make_year(**kwargs)), progress=lambda message: None)
        assert len(reports) == 1
        return reports[0]
    return build


# --- the contract's worked example, one change at a time ----------------------------------------------

EXAMPLE = Path(__file__).resolve().parent / "example" / "data" / "2030"  # the contract's worked example, bundled


@pytest.fixture
def year(tmp_path) -> Path:
    """A writable copy of the example year: tmp_path/data/2030."""
    if not (EXAMPLE / "year.yml").is_file():
        pytest.fail(f"The worked example is missing: {EXAMPLE} (tests/example/data/2030, the project's copy "
                    "of the contract's example)")
    folder = tmp_path / "data" / "2030"
    shutil.copytree(EXAMPLE, folder)
    folder.chmod(0o755)  # in case the checkout is read-only
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def read(folder: Path, name: str) -> str:
    return (folder / name).read_bytes().decode("utf-8")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(text.encode(encoding))


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace one exact occurrence (fails loudly if the example changed)."""
    text = read(folder, name)
    assert text.count(old) == 1, f"{old!r} should occur once in {name}"
    write(folder, name, text.replace(old, new))


def append(folder: Path, name: str, line: str) -> None:
    write(folder, name, read(folder, name) + line + "\n")


def quiet(message: str) -> None:
    pass


def loaded(folder: Path):
    """The validated Year of a year folder (fails on any error); computing it is test_compute's part."""
    problems = Problems()
    validated = validate_year(read_year(folder, problems), problems)
    if problems.errors:
        pytest.fail("unexpected problems:\n" + InvalidInput(problems.errors).report())
    return validated


def errors(folder: Path):
    """Every error the whole pipeline reports for the year folder (it must fail)."""
    with pytest.raises(InvalidInput) as caught:
        load_reports(year_folders(folder.parent), progress=quiet)
    assert all(not p.warning for p in caught.value.errors)
    return caught.value.errors


def only_error(folder: Path):
    found = errors(folder)
    assert len(found) == 1, "expected one problem, got:\n" + "\n".join(p.format() for p in found)
    return found[0]


def where(problem) -> tuple:
    return (problem.file, problem.row, problem.column, problem.value)


def fill_in_draft(path: Path, **values: str) -> None:
    """What a bulletin's author fills in a draft of `python generate.py draft`: every [cần điền: ...] of its
    front matter (number, signer, signer_title, place), with `values` or plausible ones."""
    import re

    values = {"number": "31-BT/BTCTU", "signer": "Trần Văn Hùng", "signer_title": "Trưởng ban",
              "place": "Vĩnh Phúc"} | values
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf'^{key}: "\[cần điền:[^\]]*\]"$', f'{key}: "{value}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")



def csv_to_workbook(folder: Path, file: str) -> Path:
    """Replace a table's CSV by <table>.xlsx as Excel would hold it: a number column's cells that the CSV's own
    format reads (auto: a ;-file the Vietnamese way) typed as numbers, every other cell as text; a cell
    starting with ' is text typed with Excel's apostrophe ('1.804: the text "1.804")."""
    import csv
    import io

    from openpyxl import Workbook

    from scorecard import schema
    from scorecard.numbers import file_format, parse_numbers

    path = folder / file
    text = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    table = schema.TABLES_BY_NAME[path.stem]
    numeric = {c.name for c in table.columns if c.kind in ("number", "int")}
    fmt = file_format("auto", delimiter)

    def typed(column: str, cell: str):
        if cell.startswith("'"):
            return cell[1:]
        if column in numeric and cell:
            import pandas as pd

            values, bad = parse_numbers(pd.Series([cell]), fmt)
            if not bad.iloc[0]:
                value = float(values.iloc[0])
                return int(value) if value.is_integer() else value
        return cell

    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([typed(column.strip(), cell) for column, cell in zip(rows[0], row)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "s" or isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even "=..." (a formula is written as such by the case)
    target = path.with_suffix(".xlsx")
    book.save(target)
    path.unlink()
    return target
