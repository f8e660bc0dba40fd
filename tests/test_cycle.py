"""The yearly cycle as staff live it (issue 13 items 1-4), each trap replayed literally on a copy of the sample.

1. results for a period after current_period: a warning, and the closing summary names each year's period;
2. a year in preparation does not stop the others; a year with targets and no results is the assignment;
3. close on a fresh checkout leaves every other year in site/;
4. a bulletin still holding the draft's placeholders is refused.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from scorecard.cli import main
from conftest import fill_in_draft
from site_fixture import ROOT, SAMPLE_DATA


def run(*args: str) -> tuple[int, str]:
    """The command line with these arguments: its exit status and everything it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(list(args))
    return status, out.getvalue()


def sample_copy(tmp_path: Path, *years: str) -> Path:
    """A data folder holding a copy of these sample years."""
    data = tmp_path / "data"
    for year in years:
        shutil.copytree(SAMPLE_DATA / year, data / year)
    return data


def summary(site: Path, year: int) -> dict:
    return json.loads((site / str(year) / "export" / "summary.json").read_text(encoding="utf-8"))


# --- 1. periods ------------------------------------------------------------------------------------------------

def add_year_end_rows(folder: Path) -> int:
    """The guide's step 1 of publishing a period (4.5), in results.csv: the year-end rows, one per (unit,
    indicator), the 9-month figures again as the year's; returns how many rows were added."""
    path = folder / "results.csv"
    with open(path, encoding="utf-8-sig", newline="") as file:
        records = list(csv.DictReader(file))
    year_end = [dict(r, period="y") for r in records if r["period"] == "9m"]
    with open(path, "a", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(records[0]), lineterminator="\n")
        writer.writerows(year_end)
    return len(year_end)


def set_current_period(folder: Path, period: str) -> None:
    """The guide's step 2 (4.5): `current_period: <id>` in year.yml, as typed in Notepad."""
    path = folder / "year.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("current_period:")]
    path.write_text("\n".join(lines + [f"current_period: {period}"]) + "\n", encoding="utf-8")


def test_publishing_the_year_end_as_the_guide_says(tmp_path):
    data, site = sample_copy(tmp_path, "2022"), tmp_path / "site"
    assert add_year_end_rows(data / "2022") == 103
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0
    # the trap of issue 13: year.yml pins 9m; the year-end rows are read, not published, and the user is told
    assert ('Cảnh báo (warning): 2022/year.yml, dòng 8, cột current_period, giá trị "9m"\n'
            "  Năm 2022 có kết quả của kỳ y (Cả năm) nhưng year.yml đặt current_period: 9m: "
            "các kết quả này chưa được công bố.") in said
    assert "Gợi ý (Hint): Để công bố kỳ y, sửa dòng current_period: 9m trong year.yml thành current_period: y." in said
    assert "1 cảnh báo" in said
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng."
    assert summary(site, 2022)["period"] == "9m"

    set_current_period(data / "2022", "y")  # the fix the warning gives
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0
    assert "Cảnh báo" not in said and "0 cảnh báo" in said
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: Cả năm."
    published = summary(site, 2022)
    assert published["period"] == "y" and published["final"] is True
    assert all(u["rating"] is not None for u in published["units"] if u["score"] is not None)


def test_the_summary_names_every_year_and_what_it_publishes(tmp_path):
    """Built, unchanged (skipped) and closed years each get their period in the last line."""
    data, site = sample_copy(tmp_path, "2021", "2022"), tmp_path / "site"
    assert run("--data", str(data), "--site", str(site), "close", "2021")[0] == 0
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0 and "bỏ qua 1 năm không đổi (2022)" in said
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2021: Cả năm, đã khóa sổ; 2022: 9 tháng."


def test_a_period_asked_for_on_the_command_line_gives_no_warning(tmp_path):
    """--period h1 shows the year as it was: the later results are left out on purpose."""
    data = sample_copy(tmp_path, "2022")
    status, said = run("check", "--data", str(data), "--year", "2022", "--period", "h1")
    assert status == 0 and "current_period" not in said


# --- 4. drafts -----------------------------------------------------------------------------------------------------

@pytest.fixture
def drafted(tmp_path) -> tuple[Path, Path]:
    """2022 of the sample without its bulletins, and the draft of its 9-month bulletin as `draft` writes it."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022", ignore=shutil.ignore_patterns("bulletins"))
    assert run("draft", "2022", "--period", "9m", "--data", str(data))[0] == 0
    return data, data / "2022" / "bulletins" / "9m.md"


def test_an_unedited_draft_is_refused_at_build_time(drafted, tmp_path):
    data, path = drafted
    site = tmp_path / "site"
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 2 and not site.exists()
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, what in (("number", "số hiệu"), ("signer", "người ký"), ("signer_title", "chức vụ người ký"),
                      ("place", "địa danh")):
        row = next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))
        assert f"Lỗi (error): 2022/bulletins/9m.md, dòng {row}, cột {key}, giá trị \"[cần điền: " in said
        assert f"Bản tin chưa điền {what}: còn chỗ để điền của bản nháp." in said
    assert "Dữ liệu không hợp lệ: 4 lỗi" in said
    assert run("check", "--data", str(data))[0] == 2  # check says it before anyone builds


def test_a_draft_filled_in_builds(drafted, tmp_path):
    data, path = drafted
    fill_in_draft(path, signer="Trần Văn Hùng")
    site = tmp_path / "site"
    assert run("--data", str(data), "--site", str(site))[0] == 0
    page = (site / "2022" / "ban-tin" / "9m.html").read_text(encoding="utf-8")
    assert "Trần Văn Hùng" in page and "cần điền" not in page


@pytest.mark.parametrize("key, value, what", [
    ("signer", "Họ và tên người ký", "người ký"),  # what drafts held before the placeholders were marked
    ("signer_title", "Chức vụ người ký", "chức vụ người ký"),
    ("number", "…-BT", "số hiệu"),
])
def test_a_draft_of_an_earlier_version_is_refused_too(drafted, key, value, what):
    data, path = drafted
    fill_in_draft(path, **{key: value})
    status, said = run("check", "--data", str(data))
    assert status == 2 and f"Bản tin chưa điền {what}" in said and "Dữ liệu không hợp lệ: 1 lỗi" in said


def test_a_placeholder_left_in_the_text_is_refused_at_its_line(drafted):
    data, path = drafted
    fill_in_draft(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(14, "Hội nghị ngày [cần điền: ngày họp] đã thông qua.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, said = run("check", "--data", str(data))
    assert status == 2
    assert 'Lỗi (error): 2022/bulletins/9m.md, dòng 15, giá trị "[cần điền: ngày họp]"' in said
    assert "Bản tin chưa điền ngày họp" in said


def test_the_guide_shows_the_placeholders_the_draft_writes(drafted):
    """docs/huong-dan.md 4.6 shows the draft's front matter: the same placeholders, word for word."""
    guide = (ROOT / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    _, path = drafted
    marked = [line for line in path.read_text(encoding="utf-8").splitlines() if "[cần điền:" in line]
    assert len(marked) == 4 and all(f"\n{line}\n" in guide for line in marked)
