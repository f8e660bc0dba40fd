"""officials.csv: reading, every rule of validation, last_period_in_post / unit_score / unit_rating
worked by hand, and export/officials.csv field by field (the contract's "officials.csv" and "Exports")."""

from __future__ import annotations

import csv
import io

import pytest

from scorecard.cli import main
from scorecard.exports import OFFICIAL_COLUMNS, officials_csv
from scorecard.pipeline import load_reports, year_folders
from scorecard.problems import InvalidInput

# A small final year worked by hand. One count target of 100 per unit a and b (weight 1), none for c.
#   a: 20, 50, 80, 110 -> scores 0.2, 0.5, 0.8, 1.1; final: exceeded, computed rating xuat-sac
#   b: 30, 60, 90, 95  -> scores 0.3, 0.6, 0.9, 0.95; final: not met, computed khong-hoan-thanh,
#      decided hoan-thanh (ratings.csv)
#   c: no targets -> no score, no rating
# Period ends 31/03, 30/06, 30/09, 31/12.
UNITS = """
unit_id,name,group_id,parent_id,head
a,Huyện ủy A,g,,Bí thư Huyện ủy
b,Huyện ủy B,g,,
c,Ban C,h,,
"""
TARGETS = """
unit_id,indicator_id,target
a,n,100
b,n,100
"""
RESULTS = """
unit_id,indicator_id,period,value,status
a,n,q1,20,
a,n,h1,50,
a,n,9m,80,
a,n,y,110,
b,n,q1,30,
b,n,h1,60,
b,n,9m,90,
b,n,y,95,
"""
RATINGS = """
unit_id,rating,reason
b,hoan-thanh,Hoàn thành nhiệm vụ đột xuất
"""
# o1: secretary of A until 15 July, then chairman of B from 16 July (rotation in July);
# o2: secretary of A from 16 July; o3: deputy of B from October; o4: secretary of B until 15 March
# (before the first period ends); o5: head of C (no targets) all year.
OFFICIALS = """
official_id,name,unit_id,title,from,to
o2,Trần Thị Bình,a,Bí thư Huyện ủy,2021-07-16,
o1,Nguyễn Văn An,b,Chủ tịch UBND huyện,16/07/2021,
o1,Nguyễn Văn An,a,Bí thư Huyện ủy,,2021-07-15
o3,Lê Văn Cường,b,Phó Bí thư Huyện ủy,01/10/2021,31/12/2021
o4,Phạm Thị Dung,b,Bí thư Huyện ủy,,15/03/2021
o5,Đỗ Minh Em,c,Trưởng ban,,
"""
EXPECTED_FINAL = [
    # official_id, name, unit_id, unit_name, title, from, to, last_period_in_post, unit_score, unit_rating
    ["o1", "Nguyễn Văn An", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-01-01", "2021-07-15", "h1", "0.5", ""],
    ["o1", "Nguyễn Văn An", "b", "Huyện ủy B", "Chủ tịch UBND huyện", "2021-07-16", "2021-12-31", "y", "0.95",
     "hoan-thanh"],
    ["o2", "Trần Thị Bình", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-07-16", "2021-12-31", "y", "1.1", "xuat-sac"],
    ["o3", "Lê Văn Cường", "b", "Huyện ủy B", "Phó Bí thư Huyện ủy", "2021-10-01", "2021-12-31", "y", "0.95",
     "hoan-thanh"],
    ["o4", "Phạm Thị Dung", "b", "Huyện ủy B", "Bí thư Huyện ủy", "2021-01-01", "2021-03-15", "", "", ""],
    ["o5", "Đỗ Minh Em", "c", "Ban C", "Trưởng ban", "2021-01-01", "2021-12-31", "y", "", ""],
]
# The same year published at 9 months: no ratings yet; o3 is not in post at any published period.
EXPECTED_9M = [
    ["o1", "Nguyễn Văn An", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-01-01", "2021-07-15", "h1", "0.5", ""],
    ["o1", "Nguyễn Văn An", "b", "Huyện ủy B", "Chủ tịch UBND huyện", "2021-07-16", "2021-12-31", "9m", "0.9", ""],
    ["o2", "Trần Thị Bình", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-07-16", "2021-12-31", "9m", "0.8", ""],
    ["o3", "Lê Văn Cường", "b", "Huyện ủy B", "Phó Bí thư Huyện ủy", "2021-10-01", "2021-12-31", "", "", ""],
    ["o4", "Phạm Thị Dung", "b", "Huyện ủy B", "Bí thư Huyện ủy", "2021-01-01", "2021-03-15", "", "", ""],
    ["o5", "Đỗ Minh Em", "c", "Ban C", "Trưởng ban", "2021-01-01", "2021-12-31", "9m", "", ""],
]


def small_year(make_year, officials: str = OFFICIALS, **kwargs):
    return make_year(units=UNITS, targets=TARGETS, results=RESULTS, ratings=RATINGS, officials=officials, **kwargs)


def report_of(data, period=None):
    [report] = load_reports(year_folders(data), progress=lambda message: None, period=period)
    return report


def exported_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "officials.csv must start with a UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == OFFICIAL_COLUMNS
    assert all(row[0] == "2021" for row in rows[1:])
    return [row[1:] for row in rows[1:]]


@pytest.mark.parametrize("period, expected", [(None, EXPECTED_FINAL), ("9m", EXPECTED_9M)])
def test_export_matches_the_hand_worked_year_field_by_field(make_year, period, expected):
    report = report_of(small_year(make_year), period)
    assert exported_rows(officials_csv(report)) == expected


def test_the_export_is_written_with_crlf_and_only_when_officials_csv_exists(make_year, tmp_path):
    site = tmp_path / "site"
    assert main(["--data", str(small_year(make_year)), "--site", str(site), "-q"]) == 0
    raw = (site / "2021" / "export" / "officials.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert exported_rows(raw.decode("utf-8")) == EXPECTED_FINAL
    plain = make_year(units=UNITS, targets=TARGETS, results=RESULTS)
    assert main(["--data", str(plain), "--site", str(tmp_path / "plain"), "-q"]) == 0
    assert not (tmp_path / "plain" / "2021" / "export" / "officials.csv").exists()
    assert report_of(plain).officials is None


def test_a_workbook_gives_the_same_export(make_year):
    from openpyxl import Workbook
    import datetime as dt

    data = small_year(make_year)
    folder = data / "2021"
    rows = list(csv.reader(io.StringIO((folder / "officials.csv").read_text(encoding="utf-8"))))
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    for row in rows[1:]:  # ISO dates typed as Excel dates, dd/mm/yyyy ones left as text
        sheet.append([dt.datetime.fromisoformat(cell) if "-" in cell and cell[:4].isdigit() else cell
                      for cell in row])
    book.save(folder / "officials.xlsx")
    (folder / "officials.csv").unlink()
    assert exported_rows(officials_csv(report_of(data))) == EXPECTED_FINAL


def problems_of(make_year, officials: str) -> list:
    with pytest.raises(InvalidInput) as caught:
        load_reports(year_folders(small_year(make_year, officials)), progress=lambda message: None)
    return caught.value.errors


HEADER = "official_id,name,unit_id,title,from,to\n"


@pytest.mark.parametrize("rows, where, words", [
    # unknown unit
    ("o1,An,x,Bí thư,,\n", (2, "unit_id", "x"), "Không có đơn vị này trong units.csv"),
    # from after to
    ("o1,An,a,Bí thư,2021-09-01,2021-08-31\n", (2, "from", "2021-09-01"), "sau ngày kết thúc (to) 31/08/2021"),
    # a date outside the year, either column
    ("o1,An,a,Bí thư,2020-12-01,\n", (2, "from", "2020-12-01"), "Ngày không thuộc năm 2021"),
    ("o1,An,a,Bí thư,,01/01/2022\n", (2, "to", "01/01/2022"), "Ngày không thuộc năm 2021"),
    # two names for one id in the year
    ("o1,An,a,Bí thư,,\no1,Ăn,b,Chủ tịch,,\n", (3, "name", "Ăn"), "đã ghi tên khác ở dòng 2"),
    # the same official, unit and post twice at once
    ("o1,An,a,Bí thư,,2021-07-15\no1,An,a,Bí thư,2021-07-01,\n", (3, "official_id, unit_id, title", "Bí thư"),
     "thời gian trùng với dòng 2"),
    # dates in neither form, or not real
    ("o1,An,a,Bí thư,15-07-2021,\n", (2, "from", "15-07-2021"), "Không đọc được ngày"),
    ("o1,An,a,Bí thư,July 2021,\n", (2, "from", "July 2021"), "Không đọc được ngày"),
    ("o1,An,a,Bí thư,,2021-02-30\n", (2, "to", "2021-02-30"), "Ngày không có thật"),
    ("o1,An,a,Bí thư,31/06/2021,\n", (2, "from", "31/06/2021"), "Ngày không có thật"),
    # ids and required text
    ("Ông An,An,a,Bí thư,,\n", (2, "official_id", "Ông An"), '"ong-an"'),
    ("o1,,a,Bí thư,,\n", (2, "name", ""), "Ô bắt buộc đang trống"),
    ("o1,An,a,,,\n", (2, "title", ""), "Ô bắt buộc đang trống"),
])
def test_each_rule_names_file_row_column_and_value(make_year, rows, where, words):
    found = problems_of(make_year, HEADER + rows)
    assert len(found) == 1, "\n".join(p.format() for p in found)
    problem = found[0]
    assert (problem.file, problem.row, problem.column, problem.value) == ("2021/officials.csv", *where)
    assert words in problem.message + problem.hint, problem.format()
    assert problem.hint and problem.hint_en


def test_from_after_the_default_to_names_the_final_period_end(make_year):
    periods = (("q1", "2021-03-31"), ("h1", "2021-06-30"), ("9m", "2021-09-30"), ("y", "2021-11-30"))
    data = make_year(units=UNITS, targets=TARGETS, periods=periods, officials=HEADER + "o1,An,a,Bí thư,2021-12-15,\n")
    with pytest.raises(InvalidInput) as caught:
        load_reports(year_folders(data), progress=lambda message: None)
    [problem] = caught.value.errors
    assert (problem.row, problem.column, problem.value) == (2, "from", "2021-12-15")
    assert "sau ngày kết thúc kỳ cuối năm, mặc định của to 30/11/2021" in problem.message


def test_a_long_post_names_each_row_it_covers(make_year):
    """The row overlapped is the one with the latest end so far, not just the row before in time."""
    rows = ("o1,An,a,Bí thư,2021-05-01,2021-05-02\n"
            "o1,An,a,Bí thư,,2021-12-31\n"
            "o1,An,a,Bí thư,2021-03-01,2021-03-02\n"
            "o1,An,a,Bí thư,2021-08-01,2021-08-02\n")
    found = problems_of(make_year, HEADER + rows)
    assert sorted((p.row, p.message) for p in found) == [
        (2, "Cùng cán bộ, cùng đơn vị, cùng chức vụ, thời gian trùng với dòng 3."),
        (4, "Cùng cán bộ, cùng đơn vị, cùng chức vụ, thời gian trùng với dòng 3."),
        (5, "Cùng cán bộ, cùng đơn vị, cùng chức vụ, thời gian trùng với dòng 3.")]


def test_every_problem_is_reported_in_one_run(make_year):
    rows = ("o1,An,x,Bí thư,2021-09-01,2021-08-31\n"
            "o1,Ăn,a,Bí thư,2022-01-01,\n"
            "o2,Bình,a,Chủ tịch,,\n"
            "o2,Bình,a,Chủ tịch,,\n")
    found = problems_of(make_year, HEADER + rows)
    assert sorted((p.row, p.column) for p in found) == [
        (2, "from"), (2, "unit_id"), (3, "from"), (3, "name"), (5, "official_id, unit_id, title")]


def test_concurrent_posts_and_several_officials_of_a_unit_are_fine(make_year):
    rows = ("o1,An,a,Bí thư Huyện ủy,,\n"
            "o1,An,a,Chủ tịch HĐND huyện,,\n"  # two posts at once in the same unit
            "o2,Bình,a,Chủ tịch UBND huyện,,\n"  # a second official of the unit
            "o1,An,b,Bí thư Huyện ủy,,\n")  # and a post in another unit at the same time
    report = report_of(small_year(make_year, HEADER + rows))
    assert len(report.officials) == 4
    assert set(report.officials["last_period_in_post"]) == {"y"}


def test_check_command_reports_officials_problems_with_exit_status_2(make_year, capsys):
    data = small_year(make_year, HEADER + "o1,An,x,Bí thư,,\n")
    assert main(["check", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert 'Lỗi (error): 2021/officials.csv, dòng 2, cột unit_id, giá trị "x"' in err
