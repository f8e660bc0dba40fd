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


# --- 2. a year in preparation; the assignment -------------------------------------------------------------------

def prepared(tmp_path: Path) -> Path:
    """The sample's 2022 and a 2023 just made by `template 2023 --from 2022` (its targets empty)."""
    data = sample_copy(tmp_path, "2022")
    assert run("template", "2023", "--from", "2022", "--data", str(data))[0] == 0
    return data


def fill_targets(data: Path, leave_empty: int = 0) -> None:
    """What the user types in 2023/targets.xlsx: 2022's targets again (tasks keep no target), all but the last
    `leave_empty` number targets."""
    from openpyxl import load_workbook

    with open(data / "2022" / "targets.csv", encoding="utf-8-sig", newline="") as file:
        old = {(r["unit_id"], r["indicator_id"]): r["target"] for r in csv.DictReader(file)}
    path = data / "2023" / "targets.xlsx"
    book = load_workbook(path)
    rows = [row for row in book.worksheets[0].iter_rows(min_row=2) if old[(row[0].value, row[1].value)]]
    for row in rows[:len(rows) - leave_empty]:
        text = old[(row[0].value, row[1].value)]
        row[2].value = float(text) if "." in text else int(text)
    book.save(path)


WAITING = ("Năm 2023 đang chuẩn bị, chưa công bố: 36 chỉ tiêu trong 2023/targets.xlsx chưa điền; điền xong rồi chạy "
           "python generate.py check --year 2023. (2023 is in preparation, its targets empty: not published.)")


def test_a_year_in_preparation_waits_in_one_line_and_the_others_are_published(tmp_path):
    data, site = prepared(tmp_path), tmp_path / "site"
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0
    assert said.count("2023/targets.xlsx") == 1 and WAITING in said.splitlines()  # one line, not 36 errors
    assert "Lỗi" not in said
    assert (site / "2022" / "index.html").is_file() and not (site / "2023").exists()
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng."
    # unchanged since: nothing rebuilt, the year still said to wait
    status, said = run("--data", str(data), "--site", str(site), "-q")
    assert status == 0 and WAITING in said.splitlines() and "dựng 0 năm" in said


def test_check_and_year_report_every_problem_of_a_year_in_preparation(tmp_path):
    data = prepared(tmp_path)
    for command in (["check"], ["check", "--year", "2023"], ["--year", "2023"]):
        status, said = run(*command, "--data", str(data), "--site", str(tmp_path / "site"))
        assert status == 2, command
        assert said.count("Chỉ tiêu số phải có giá trị target.") == 36 and "Dữ liệu không hợp lệ: 36 lỗi" in said
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("mistake", ["one target left empty", "a result entered", "one target not a number"])
def test_a_year_with_a_mistake_is_never_left_out_silently(tmp_path, mistake):
    """Half filled in, the year is checked as any other: the build stops on its errors (exit 2)."""
    data = prepared(tmp_path)
    if mistake == "one target left empty":
        fill_targets(data, leave_empty=1)
    elif mistake == "a result entered":
        (data / "2023" / "results.xlsx").unlink()
        (data / "2023" / "results.csv").write_text("unit_id,indicator_id,period,value\nvinh-yen,ket-nap,q1,40\n",
                                                   encoding="utf-8")
    else:
        from openpyxl import load_workbook

        book = load_workbook(data / "2023" / "targets.xlsx")
        book.worksheets[0]["C2"] = "1,8"
        book.save(data / "2023" / "targets.xlsx")
    status, said = run("--data", str(data), "--site", str(tmp_path / "site"))
    assert status == 2 and "đang chuẩn bị" not in said and "Lỗi (error): 2023/" in said
    assert not (tmp_path / "site").exists()


def test_a_year_in_preparation_alone_is_reported_in_full(tmp_path):
    """Nothing else to publish: the build fails on the year's problems as check does."""
    data = prepared(tmp_path)
    shutil.rmtree(data / "2022")
    status, said = run("--data", str(data), "--site", str(tmp_path / "site"))
    assert status == 2 and said.count("Chỉ tiêu số phải có giá trị target.") == 36


def test_a_year_with_targets_and_no_result_is_published_as_the_assignment(tmp_path):
    data, site = prepared(tmp_path), tmp_path / "site"
    fill_targets(data)
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0 and "đang chuẩn bị" not in said and "0 cảnh báo" in said
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 9 tháng; 2023: giao chỉ tiêu."
    exported = summary(site, 2023)
    assert exported["period"] is None and exported["final"] is False
    assert {i["indicator_id"]: i for i in exported["indicators"]}["ket-nap"] == {
        "indicator_id": "ket-nap", "target_total": 2015.0, "value_total": None, "difference": None,
        "units_met": None, "units_total": 11}  # 2022's targets of the 11 top-level units, summed by hand below
    assert len(exported["units"]) == 36
    assert all(u["score"] is None and u["rating"] is None and u["rank_in_group"] is None for u in exported["units"])
    results = (site / "2023" / "export" / "results.csv").read_bytes().decode("utf-8-sig")
    assert results == "year,period,unit_id,unit_name,group_id,indicator_id,indicator_name,target,value,completion,status\r\n"
    # by hand: the 9 districts' 210 + 175 + 240 + 185 + 260 + 195 + 155 + 210 + 175 and the two bloc committees'
    # 120 + 90 = 2015; the grassroots organisations are inside their districts
    with open(data / "2022" / "units.csv", encoding="utf-8-sig", newline="") as file:
        top = {r["unit_id"] for r in csv.DictReader(file) if not r["parent_id"]}
    with open(data / "2022" / "targets.csv", encoding="utf-8-sig", newline="") as file:
        assert sorted(int(r["target"]) for r in csv.DictReader(file) if r["indicator_id"] == "ket-nap"
                      and r["unit_id"] in top) == sorted([210, 175, 240, 185, 260, 195, 155, 210, 175, 120, 90])


def page_text(path: Path) -> str:
    """A page's words, tags dropped."""
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def test_the_assignment_pages_read_truthfully(tmp_path):
    data, site = prepared(tmp_path), tmp_path / "site"
    fill_targets(data)
    assert run("--data", str(data), "--site", str(site), "--year", "2023")[0] == 0
    year = site / "2023"
    summary_page = page_text(year / "index.html")
    assert "Năm 2023: giao chỉ tiêu, chưa có kết quả" in summary_page
    assert "Chỉ tiêu giao: 2.015 đảng viên giao cho 11 đơn vị; chưa có kết quả" in summary_page
    unit = page_text(year / "don-vi" / "vinh-yen.html")
    assert "Được giao 3 chỉ tiêu, 0 nhiệm vụ" in unit and "Kết quả chưa có kết quả" in unit
    assert "Kết nạp đảng viên mới 210" in unit  # 2022's target of Vĩnh Yên, as typed
    tasks = page_text(year / "don-vi" / "ban-to-chuc.html")
    assert "Được giao 0 chỉ tiêu, 3 nhiệm vụ" in tasks and "Nhiệm vụ được giao" in tasks
    assert "Nhiệm vụ 1 – Cả năm 1" in tasks  # no product typed in (template leaves it empty); due: the final period
    for path in [year / "index.html", *(year / "don-vi").glob("*.html"), *(year / "nhom").glob("*.html"),
                 *(year / "chi-tieu").glob("*.html")]:
        words = page_text(path)
        assert "Năm 2023: giao chỉ tiêu, chưa có kết quả" in words, path.name
        for shown in ("Điểm", "Xếp loại", "Thứ hạng", "Hoàn thành nhiệm vụ", "Chưa có số liệu", "Đúng tiến độ",
                      "Chậm tiến độ", "Quá hạn", "Không đạt", "Vượt"):
            assert shown not in words, (path.name, shown)
        assert "data-chart" not in path.read_text(encoding="utf-8"), path.name
    archive = page_text(site / "index.html")
    assert "Năm 2023 : Kết quả thực hiện nhiệm vụ bằng sản phẩm năm 2023 (Tỉnh ủy Vĩnh Phúc) Giao chỉ tiêu, chưa có kết quả" in archive


def test_the_assignment_of_the_worked_example_by_hand(year):
    """The contract's example with its results taken away: totals of the top-level units' targets only."""
    from conftest import write
    from scorecard.exports import results_csv, summary_data
    from scorecard.pipeline import load_reports, year_folders

    write(year, "results.csv", "unit_id;indicator_id;period;value;status;evidence\n")
    [report] = load_reports(year_folders(year.parent), progress=lambda message: None)
    assert report.year.current_period is None and report.year.is_assignment and not report.year.is_final
    data = summary_data(report)
    # ket-nap: huyen-a 100 + huyen-b 80 (xa-a1, xa-a2 are inside huyen-a); vi-pham: huyen-b 0; ho-ngheo is a rate
    assert data["indicators"] == [
        {"indicator_id": "ket-nap", "target_total": 180.0, "value_total": None, "difference": None, "units_met": None,
         "units_total": 2},
        {"indicator_id": "vi-pham", "target_total": 0.0, "value_total": None, "difference": None, "units_met": None,
         "units_total": 1}]
    assert [u["unit_id"] for u in data["units"]] == ["ban-x", "huyen-a", "huyen-b", "xa-a1", "xa-a2"]
    assert all(u["score"] is None and u["rating"] is None and u["rating_computed"] is None
               and u["rank_in_group"] is None for u in data["units"])
    assert (data["period"], data["final"]) == (None, False)
    assert results_csv(report).splitlines() == ["\ufeffyear,period,unit_id,unit_name,group_id,indicator_id,"
                                                "indicator_name,target,value,completion,status"]
    assert dict(zip(report.units["unit_id"], report.units["targets"])) == {
        "ban-x": 1, "huyen-a": 2, "huyen-b": 3, "xa-a1": 1, "xa-a2": 1}


def test_current_period_set_without_any_result_is_said(year):
    from conftest import write
    from scorecard.pipeline import load_reports, year_folders

    write(year, "results.csv", "unit_id;indicator_id;period;value;status;evidence\n")
    write(year, "year.yml", (year / "year.yml").read_text(encoding="utf-8") + "current_period: h1\n")
    [report] = load_reports(year_folders(year.parent), progress=lambda message: None)
    assert report.year.is_assignment
    [warning] = report.warnings
    assert (warning.file, warning.column, warning.value) == ("2030/year.yml", "current_period", "h1")
    assert "chưa có kết quả nào: được công bố dưới dạng giao chỉ tiêu" in warning.message


def test_current_period_without_its_results_is_refused(year):
    from conftest import write
    from scorecard.pipeline import load_reports, year_folders
    from scorecard.problems import InvalidInput

    write(year, "year.yml", (year / "year.yml").read_text(encoding="utf-8") + "current_period: 9m\n")
    lines = (year / "results.csv").read_text(encoding="utf-8").splitlines()
    write(year, "results.csv", "\n".join(line for line in lines if ";9m;" not in line) + "\n")  # 9m not reported
    with pytest.raises(InvalidInput) as raised:
        load_reports(year_folders(year.parent), progress=lambda message: None)
    [error] = raised.value.errors
    assert (error.file, error.column, error.value) == ("2030/year.yml", "current_period", "9m")
    assert "chưa có kết quả nào của kỳ 9m (9 tháng)" in error.message
    assert "current_period: y (kỳ cuối có kết quả)" in error.hint
    assert any("có kết quả của kỳ y (Cả năm) nhưng year.yml đặt current_period: 9m" in w.message
               for w in raised.value.warnings)


CURRENT_WITHOUT_RESULTS = [
    'Lỗi (error): 2022/year.yml, dòng 8, cột current_period, giá trị "y"',
    "  Năm 2022 chưa có kết quả nào của kỳ y (Cả năm), kỳ mà year.yml đặt là kỳ công bố: không công bố được năm "
    "này. (2022 has no result for its current_period y: it cannot be published.)",
    "  Gợi ý (Hint): Nhập kết quả kỳ y vào results, hoặc sửa dòng này thành current_period: 9m (kỳ cuối có kết quả). "
    "(Enter the results of y, or set current_period: 9m.)"]


@pytest.mark.parametrize("command", [[], ["check"], ["close", "2022"], ["--year", "2022"]])
def test_current_period_set_before_its_results_publishes_nothing(tmp_path, command):
    """Issue 13 trap: `current_period: y` typed before any y result. Built, the site said "Đã có kết quả cả năm"
    and rated every unit "Không hoàn thành nhiệm vụ", and close froze that; now every command stops (exit 2)."""
    data, site = sample_copy(tmp_path, "2022"), tmp_path / "site"
    path = data / "2022" / "year.yml"  # line 8 edited in Notepad, 9m -> y
    path.write_text(path.read_text(encoding="utf-8").replace("current_period: 9m\n", "current_period: y\n"),
                    encoding="utf-8")
    status, said = run(*command, "--data", str(data), "--site", str(site))
    assert status == 2
    lines = said.splitlines()
    start = lines.index(CURRENT_WITHOUT_RESULTS[0])
    assert lines[start:start + 3] == CURRENT_WITHOUT_RESULTS
    assert "Dữ liệu không hợp lệ: 1 lỗi" in said
    assert not site.exists() and not (data / "snapshots").exists()


def test_a_preview_of_a_period_without_results_is_refused(tmp_path):
    data = sample_copy(tmp_path, "2022")
    status, said = run("--data", str(data), "--site", str(tmp_path / "xem"), "--year", "2022", "--period", "y")
    assert status == 2 and not (tmp_path / "xem").exists()
    assert 'Lỗi (error): 2022/year.yml, tham số --period, giá trị "y"' in said
    assert "Gợi ý (Hint): Chọn một kỳ đã có kết quả: q1, h1, 9m." in said


@pytest.mark.parametrize("case, expected", [
    ("as template writes it", 3),
    ("one target typed", 0),
    ("one result", 0),
    ("tasks only", 0),
    ("a target for an unknown indicator typed", 0),
])
def test_what_in_preparation_means(tmp_path, case, expected):
    """validate.targets_not_filled_in: no result, no target cell typed, at least one number target."""
    from conftest import write_year
    from scorecard.load import read_year
    from scorecard.problems import Problems
    from scorecard.validate import targets_not_filled_in

    targets = {"as template writes it": "unit_id,indicator_id,target\na,n,\na,amt,\na,r,\na,t,\n",
               "one target typed": "unit_id,indicator_id,target\na,n,5\na,amt,\n",
               "one result": "unit_id,indicator_id,target\na,n,\n",
               "tasks only": "unit_id,indicator_id,target\na,t,\n",
               "a target for an unknown indicator typed": "unit_id,indicator_id,target\na,n,\na,khac,3\n"}[case]
    results = "unit_id,indicator_id,period,value\na,n,q1,2\n" if case == "one result" else \
        "unit_id,indicator_id,period,value,status\n"
    data = write_year(tmp_path, targets=targets, results=results)
    assert targets_not_filled_in(read_year(data / "2021", Problems())) == expected


def test_close_beside_a_year_in_preparation(tmp_path):
    """December: 2021 closed while 2022 is being prepared; the close says so in its one line and succeeds."""
    data, site = sample_copy(tmp_path, "2021"), tmp_path / "site"
    assert run("template", "2022", "--from", "2021", "--data", str(data))[0] == 0
    status, said = run("close", "2021", "--data", str(data), "--site", str(site))
    assert status == 0
    assert [line for line in said.splitlines() if line.startswith("Năm 2022 đang chuẩn bị, chưa công bố:")]
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2021: Cả năm, đã khóa sổ."
    assert (data / "snapshots" / "2021" / "v1").is_dir() and not (site / "2022").exists()


# --- close before the final period is published ---------------------------------------------------------------

def pin_period(folder: Path, period: str) -> None:
    """year.yml's current_period changed in place (line 8 of the sample's 2022), as typed in Notepad."""
    path = folder / "year.yml"
    text = path.read_text(encoding="utf-8")
    assert "current_period: 9m\n" in text
    path.write_text(text.replace("current_period: 9m\n", f"current_period: {period}\n"), encoding="utf-8")


@pytest.mark.parametrize("entered, expected", [
    (True, ['Lỗi (error): 2022/year.yml, dòng 8, cột current_period, giá trị "q1"',
            "  Chỉ khóa sổ được khi kỳ công bố là kỳ cuối năm; year.yml đặt current_period: q1. (A year can be "
            "closed only at its final period; year.yml sets current_period: q1.)",
            "  Gợi ý (Hint): Đã có kết quả kỳ y: sửa dòng current_period: q1 trong year.yml thành current_period: y, "
            "chạy python generate.py để xem lại, rồi khóa sổ. (The results of y are entered: change current_period "
            "in year.yml to y.)"]),
    (False, ['Lỗi (error): 2022/year.yml, dòng 8, cột current_period, giá trị "q1"',
             "  Chỉ khóa sổ được khi đã có kết quả kỳ cuối năm. (A year can be closed only at its final period.)",
             "  Gợi ý (Hint): Nhập kết quả kỳ y (hoặc bỏ current_period) rồi chạy lại. (Enter the final period's "
             "results first.)"]),
])
def test_close_refused_before_the_final_period_says_what_to_do(tmp_path, entered, expected):
    """Issue 13 trap: current_period: q1 with the year-end results entered; the hint said to enter them."""
    data, site = sample_copy(tmp_path, "2022"), tmp_path / "site"
    if entered:
        add_year_end_rows(data / "2022")
    pin_period(data / "2022", "q1")
    status, said = run("close", "2022", "--data", str(data), "--site", str(site))
    assert status == 2 and not (data / "snapshots").exists()
    lines = said.splitlines()
    start = lines.index(expected[0])
    assert lines[start:start + 3] == expected
    if entered:  # the fix the hint gives, then close succeeds
        path = data / "2022" / "year.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "current_period: q1\n", "current_period: y\n"), encoding="utf-8")
        assert run("close", "2022", "--data", str(data), "--site", str(site))[0] == 0


# --- a closed year's data edited afterwards -------------------------------------------------------------------

def stale_line(data: Path, version: int, when: str) -> str:
    return (f"Năm 2021 đã khóa sổ (bản lưu v{version}{when}) nhưng dữ liệu {data / '2021'} đã thay đổi từ đó "
            f"(results.csv): trang web vẫn hiện bản đã khóa sổ. Muốn công bố dữ liệu mới: python generate.py close "
            f"2021 --again. (2021 changed since it was closed: the site still shows snapshot v{version}.)")


def correct_a_result(folder: Path) -> None:
    """A correction found after closing: one figure of results.csv changed (the first row's value + 1)."""
    path = folder / "results.csv"
    with open(path, encoding="utf-8-sig", newline="") as file:
        records = list(csv.DictReader(file))
    records[0]["value"] = str(int(records[0]["value"]) + 1)
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def test_a_closed_year_edited_afterwards_is_said_not_ignored(tmp_path, monkeypatch):
    """Issue 13 trap: after close, editing the year's data and building said "dựng 0 năm", nothing else."""
    data, site = sample_copy(tmp_path, "2021"), tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1705708800")  # closed on 20/01/2024
    assert run("close", "2021", "--data", str(data), "--site", str(site))[0] == 0
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    frozen = summary(site, 2021)
    status, said = run("--data", str(data), "--site", str(site))
    assert status == 0 and "Năm 2021 đã khóa sổ (bản lưu" not in said  # unchanged: nothing to say
    correct_a_result(data / "2021")
    expected = stale_line(data, 1, ", khóa sổ ngày 20/01/2024")
    for command in ([], ["--year", "2021"], ["check"], ["check", "--year", "2021"]):
        status, said = run(*command, "--data", str(data), "--site", str(site))
        assert status == 0 and said.splitlines().count(expected) == 1, command
        assert said.count("đã thay đổi từ đó") == 1, command  # one line for the year, nothing else
    assert "dựng 0 năm" in run("--data", str(data), "--site", str(site))[1]
    assert summary(site, 2021) == frozen  # the site still shows the snapshot, as the line says
    status, said = run("close", "2021", "--again", "--data", str(data), "--site", str(site))  # the fix it gives
    assert status == 0 and "đã thay đổi từ đó" not in said
    assert "đã thay đổi từ đó" not in run("--data", str(data), "--site", str(site))[1]


@pytest.mark.parametrize("older", ["no closing date", "no input hashes"])
def test_a_snapshot_of_an_older_version_says_what_it_recorded(tmp_path, older):
    """Snapshots made before the closing date was noted: the line without it; before the manifest recorded the
    inputs' hashes: nothing is said (there is nothing to compare, and no guess)."""
    data, site = sample_copy(tmp_path, "2021"), tmp_path / "site"
    assert run("close", "2021", "--data", str(data), "--site", str(site))[0] == 0
    snapshot = data / "snapshots" / "2021" / "v1"
    if older == "no closing date":
        (snapshot.parent / "v1.json").unlink()
    else:
        record = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
        del record["inputs"]
        (snapshot / "manifest.json").write_text(json.dumps(record), encoding="utf-8")
    correct_a_result(data / "2021")
    status, said = run("check", "--data", str(data))
    assert status == 0
    if older == "no closing date":
        assert stale_line(data, 1, "") in said.splitlines()
    else:
        assert "đã thay đổi từ đó" not in said


# --- a preview of a past period (huong-dan.md 4.5) -------------------------------------------------------------

def about(site: Path, year: int) -> dict:
    return json.loads((site / str(year) / "about.json").read_text(encoding="utf-8"))


def test_a_preview_of_a_closed_year_shows_the_period_asked_for(tmp_path):
    """Issue 13 trap: on a closed year, `--year 2021 --period q1 --site xem-q1` silently showed the whole year
    (the snapshot). A preview is built from the data, never frozen; the snapshot and site/ are left alone."""
    data, site, preview = sample_copy(tmp_path, "2021"), tmp_path / "site", tmp_path / "xem-q1"
    assert run("close", "2021", "--data", str(data), "--site", str(site))[0] == 0
    frozen = (data / "snapshots" / "2021" / "v1" / "manifest.json").read_bytes()
    status, said = run("--year", "2021", "--period", "q1", "--site", str(preview), "--data", str(data))
    assert status == 0
    assert (about(preview, 2021)["period"], about(preview, 2021)["final"]) == ("q1", False)
    assert summary(preview, 2021)["period"] == "q1"
    assert said.rstrip().splitlines()[-1] == "Đang công bố (published): 2021: Quý I."
    # the later periods' bulletins are left out of a preview without a warning (they are not news there)
    assert "Bản tin của kỳ chưa công bố" not in said and "0 cảnh báo" in said
    assert sorted(p.name for p in (preview / "2021" / "ban-tin").glob("*.html")) == ["index.html", "q1.html"]
    assert (data / "snapshots" / "2021" / "v1" / "manifest.json").read_bytes() == frozen
    assert sorted(p.name for p in (data / "snapshots" / "2021").iterdir()) == ["v1", "v1.json"]
    assert about(site, 2021)["period"] == "y"


def test_a_preview_of_one_year_holds_that_year_alone(tmp_path):
    """`--year 2022 --site xem` in a new folder: 2022 only, a closed 2021 not copied in (it was, while 2025, not
    closed, was not); `--year 2022` on the published site keeps every other year there, closed or not."""
    data, site, preview = sample_copy(tmp_path, "2021", "2022", "2025"), tmp_path / "site", tmp_path / "xem"
    assert run("close", "2021", "--data", str(data), "--site", str(site))[0] == 0
    status, said = run("--year", "2022", "--period", "h1", "--site", str(preview), "--data", str(data))
    assert status == 0 and said.rstrip().splitlines()[-1] == "Đang công bố (published): 2022: 6 tháng đầu năm."
    assert sorted(p.name for p in preview.glob("[0-9]*") if p.is_dir()) == ["2022"]
    status, said = run("--year", "2022", "--period", "h1", "--site", str(preview), "--data", str(data))
    assert status == 0 and "dựng 0 năm" in said  # nothing to do the second time
    status, said = run("--year", "2022", "--data", str(data), "--site", str(site))
    assert status == 0
    assert sorted(p.name for p in site.glob("[0-9]*") if p.is_dir()) == ["2021", "2022", "2025"]
    assert said.rstrip().splitlines()[-1] == (
        "Đang công bố (published): 2021: Cả năm, đã khóa sổ; 2022: 9 tháng; 2025: Cả năm.")
