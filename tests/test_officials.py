"""officials.csv: reading, every rule of validation, last_period_in_post / unit_score / unit_rating
worked by hand, and export/officials.csv field by field (the contract's "officials.csv" and "Exports")."""

from __future__ import annotations

import html
import csv
import zipfile
import io

import pytest

from scorecard.cli import main
from scorecard.exports import OFFICIAL_COLUMNS, officials_csv
from scorecard.pipeline import load_reports, year_folders
from scorecard.problems import InvalidInput
from conftest import DEFAULT_INDICATORS
from site_fixture import search

# A small final year worked by hand. One count target of 100 per unit a and b (weight 1), none for c.
#   a: 20, 50, 80, 110 -> scores 0.2, 0.5, 0.8, 1.1; final: exceeded, computed rating xuat-sac
#   b: 30, 60, 90, 95  -> scores 0.3, 0.6, 0.9, 0.95; final: not met, computed khong-hoan-thanh,
#      decided hoan-thanh (ratings.csv)
#   c: no targets -> no score, no rating
# Period ends 31/03, 30/06, 30/09, 31/12.
#   d: two tasks due y: t done from q1, t2 not started, in progress, then done at 9m ->
#      scores 0.5, 0.5, 1, 1; both done ahead of their due period: exceeded, xuat-sac
UNITS = """
unit_id,name,group_id,parent_id,head
a,Huyện ủy A,g,,Bí thư Huyện ủy
b,Huyện ủy B,g,,
c,Ban C,h,,
d,Ban D,h,,
"""
INDICATORS = DEFAULT_INDICATORS + "t2,Nhiệm vụ hai,task,,\n"
TARGETS = """
unit_id,indicator_id,target,due,product
a,n,100,,
b,n,100,,
d,t,,y,Quyết định thành lập
d,t2,,y,Đề án được phê duyệt
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
d,t,q1,,done
d,t,h1,,done
d,t,9m,,done
d,t,y,,done
d,t2,q1,,not_started
d,t2,h1,,in_progress
d,t2,9m,,done
d,t2,y,,done
"""
RATINGS = """
unit_id,rating,reason
b,hoan-thanh,Hoàn thành nhiệm vụ đột xuất
"""
# o1: secretary of A until 15 July, then chairman of B from 16 July (rotation in July);
# o2: secretary of A from 16 July; o3: deputy of B from October; o4: secretary of B until 15 March
# (before the first period ends); o5: head of C (no targets) all year; o6: head of D from 1 May.
OFFICIALS = """
official_id,name,unit_id,title,from,to
o2,Trần Thị Bình,a,Bí thư Huyện ủy,2021-07-16,
o1,Nguyễn Văn An,b,Chủ tịch UBND huyện,16/07/2021,
o1,Nguyễn Văn An,a,Bí thư Huyện ủy,,2021-07-15
o3,Lê Văn Cường,b,Phó Bí thư Huyện ủy,01/10/2021,31/12/2021
o4,Phạm Thị Dung,b,Bí thư Huyện ủy,,15/03/2021
o5,Đỗ Minh Em,c,Trưởng ban,,
o6,Vũ Thị Giang,d,Trưởng ban,2021-05-01,
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
    ["o6", "Vũ Thị Giang", "d", "Ban D", "Trưởng ban", "2021-05-01", "2021-12-31", "y", "1", "xuat-sac"],
]
# The same year published at 9 months: no ratings yet; o3 is not in post at any published period.
EXPECTED_9M = [
    ["o1", "Nguyễn Văn An", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-01-01", "2021-07-15", "h1", "0.5", ""],
    ["o1", "Nguyễn Văn An", "b", "Huyện ủy B", "Chủ tịch UBND huyện", "2021-07-16", "2021-12-31", "9m", "0.9", ""],
    ["o2", "Trần Thị Bình", "a", "Huyện ủy A", "Bí thư Huyện ủy", "2021-07-16", "2021-12-31", "9m", "0.8", ""],
    ["o3", "Lê Văn Cường", "b", "Huyện ủy B", "Phó Bí thư Huyện ủy", "2021-10-01", "2021-12-31", "", "", ""],
    ["o4", "Phạm Thị Dung", "b", "Huyện ủy B", "Bí thư Huyện ủy", "2021-01-01", "2021-03-15", "", "", ""],
    ["o5", "Đỗ Minh Em", "c", "Ban C", "Trưởng ban", "2021-01-01", "2021-12-31", "9m", "", ""],
    ["o6", "Vũ Thị Giang", "d", "Ban D", "Trưởng ban", "2021-05-01", "2021-12-31", "9m", "1", ""],
]


def small_year(make_year, officials: str = OFFICIALS, **kwargs):
    return make_year(units=UNITS, indicators=INDICATORS, targets=TARGETS, results=RESULTS, ratings=RATINGS,
                     officials=officials, **kwargs)


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
    plain = make_year(units=UNITS, indicators=INDICATORS, targets=TARGETS, results=RESULTS)
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
    data = make_year(units=UNITS, indicators=INDICATORS, targets=TARGETS, periods=periods,
                     officials=HEADER + "o1,An,a,Bí thư,2021-12-15,\n")
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


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The small final year's pages, rendered in memory."""
    from conftest import write_year
    from scorecard.render import render_year

    data = write_year(tmp_path_factory.mktemp("small"), units=UNITS, indicators=INDICATORS, targets=TARGETS,
                      results=RESULTS, ratings=RATINGS, officials=OFFICIALS)
    return render_year(report_of(data))


def section(page: str, heading: str) -> str:
    """The part of a page from a heading's text to the next h2."""
    start = page.index(heading)
    end = page.find("<h2", start)
    return page[start:end if end > 0 else None]


def test_an_official_page_shows_each_post_and_the_unit_results_while_it_was_held(pages):
    page = pages["can-bo/o1.md"]
    assert "<h1 id=\"trang\">Nguyễn Văn An</h1>" in page
    secretary = section(page, "Bí thư Huyện ủy, Huyện ủy A</h2>")
    assert "01/01/2021 – 15/07/2021" in secretary
    # in post at q1 and h1 only (ends 31/03 and 30/06 within the dates): A's scores then, 20% and 50%
    assert [row.split("</td>")[0] for row in secretary.split("<tr><td>")[1:]] == ["Kỳ q1", "Kỳ h1"]
    assert 'data-sort="0.2">20,0%' in secretary and 'data-sort="0.5">50,0%' in secretary
    assert "Kỳ 9m" not in secretary
    assert "Không giữ chức vụ đến kỳ cuối (Kỳ y)" in html.unescape(secretary)  # no rating for a post left in July
    # the count at h1 is of full-year targets already reached: labelled so, not as the year's result
    assert "<dt>Đã đạt chỉ tiêu năm</dt>" in secretary and "<dt>Chỉ tiêu, nhiệm vụ đạt</dt>" not in secretary
    chairman = section(page, "Chủ tịch UBND huyện, Huyện ủy B</h2>")
    assert "16/07/2021 – 31/12/2021" in chairman
    assert "<dt>Chỉ tiêu, nhiệm vụ đạt</dt>" in chairman  # held to the last period: the year's result
    assert [row.split("</td>")[0] for row in chairman.split("<tr><td>")[1:]] == ["Kỳ 9m", "Kỳ y"]
    assert "Hoàn thành nhiệm vụ</span>" in chairman  # B's decided rating, at the final period


def test_tasks_delivered_are_those_first_done_while_the_post_was_held(pages):
    page = pages["can-bo/o6.md"]  # head of D from 1 May: in post at h1, 9m, y
    assert 'href="../chi-tieu/t2.html"' in page and "Đề án được phê duyệt" in page  # done at 9m
    assert 'href="../chi-tieu/t.html"' not in page  # done at q1, before the post
    assert "Hoàn thành xuất sắc nhiệm vụ" in page


def test_a_post_with_no_period_in_it_says_so(pages):
    page = pages["can-bo/o4.md"]  # left on 15 March, before the first period ended
    assert "Không có kỳ báo cáo nào kết thúc trong thời gian giữ chức vụ này (01/01/2021 – 15/03/2021)" in page


def test_unit_pages_name_their_officials_with_links_and_dates(pages):
    unit = pages["don-vi/a.md"]
    assert ('Bí thư Huyện ủy: <a href="../can-bo/o1.html">Nguyễn Văn An</a> '
            '<span class="sc-note">(01/01/2021 – 15/07/2021)</span>') in unit
    assert 'Bí thư Huyện ủy: <a href="../can-bo/o2.html">Trần Thị Bình</a>' in unit
    assert unit.index("o1.html") < unit.index("o2.html")  # in the order they took the post
    whole_year = pages["don-vi/c.md"]
    assert '<li>Trưởng ban: <a href="../can-bo/o5.html">Đỗ Minh Em</a></li>' in whole_year  # no dates: all year


def test_the_list_has_a_row_per_post_by_given_name_with_sort_values(pages):
    listing = pages["can-bo/index.md"]
    names = [cell.split(">", 2)[2].split("<")[0] for cell in listing.split('<tr><td data-sort="')[1:]]
    # by given name, Vietnamese order: An, An, Bình, Cường, Dung, Em, Giang
    assert names == ["Nguyễn Văn An", "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung",
                     "Đỗ Minh Em", "Vũ Thị Giang"]
    assert '<td data-sort="An Nguyễn Văn">' in listing
    assert 'data-sort="0.95">95,0%' in listing


def test_search_finds_officials_by_name_folded(pages):
    index = pages["assets/search-index.js"]
    assert '"n":"nguyen van an"' in index and '"u":"can-bo/o1.html"' in index


def test_without_officials_csv_nothing_of_officials_is_rendered(make_year):
    from scorecard.render import render_year, site_nav

    report = report_of(make_year(units=UNITS, indicators=INDICATORS, targets=TARGETS, results=RESULTS))
    rendered = render_year(report)
    assert not [path for path in rendered if "can-bo" in path]
    assert "can-bo" not in "".join(text for text in rendered.values() if isinstance(text, str))
    assert "can-bo/index.md" not in str(site_nav(report))


def test_the_record_across_years_is_a_root_script_from_every_year_export(tmp_path):
    """officials/<bucket>.js holds every year of an official: the sample's cb-009 rotated in 2021 and
    heads the Organisation Board in 2022; cb-008 changed post in 2022."""
    import json
    import re

    from site_fixture import SAMPLE_DATA

    site = tmp_path / "site"
    assert main(["--data", str(SAMPLE_DATA), "--site", str(site), "-q"]) == 0
    text = (site / "officials" / "09.js").read_text(encoding="utf-8")
    record = json.loads(re.fullmatch(r"window\.SCORECARD_OFFICIALS = (.*);\n", text).group(1))["cb-009"]
    assert record["2021"]["n"] == record["2022"]["n"] == "Trần Văn Khải"
    assert [post[:2] for post in record["2021"]["p"]] == [["Bí thư Huyện ủy", "vinh-tuong"],
                                                          ["Trưởng Ban Tổ chức Tỉnh ủy", "ban-to-chuc"]]
    assert [post[:2] for post in record["2022"]["p"]] == [["Trưởng Ban Tổ chức Tỉnh ủy", "ban-to-chuc"]]
    assert record["2021"]["p"][1][5:] == [1.0, "xuat-sac"]
    with zipfile.ZipFile(site / "2021.zip") as archive:  # a year's zip opens alone: its own record only
        own = archive.read("officials/09.js").decode("utf-8")
    assert '"2021"' in own and '"2022"' not in own


# --- in the browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_an_official_page_is_reached_from_a_unit_page_and_from_search(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/don-vi/vinh-tuong.html")
    page.click("text=Nguyễn Thị Hương")
    assert page.url.endswith("2021/can-bo/cb-010.html")
    assert page.locator("h1").inner_text() == "Nguyễn Thị Hương"
    for query in ("Trần Văn Khải", "tran van khai", "TRAN VAN KHAI"):
        page.goto(server + "2021/index.html")
        first = search(page, query)
        assert first.inner_text() == "Trần Văn Khải"
        first.click()
        assert page.url.endswith("2021/can-bo/cb-009.html")
    page.close()


@pytest.mark.browser
def test_the_record_across_years_links_each_year_and_the_year_switcher_follows_the_official(browser, server):
    page = browser.new_page()
    page.goto(server + "2021/can-bo/cb-009.html")
    history = page.locator("#sc-official-history")
    history.locator("table").wait_for()
    rows = history.locator("tbody tr").all_inner_texts()
    assert [row.split("\t")[:2] for row in rows] == [
        ["2021 (trang này)", "Bí thư Huyện ủy"], ["2021 (trang này)", "Trưởng Ban Tổ chức Tỉnh ủy"],
        ["2022", "Trưởng Ban Tổ chức Tỉnh ủy"]]
    assert page.locator(".sc-years a", has_text="2022").get_attribute("href") == "../../2022/can-bo/cb-009.html"
    history.locator("a", has_text="2022").click()
    assert page.url.endswith("2022/can-bo/cb-009.html")
    page.close()


@pytest.mark.browser
def test_a_closed_year_page_learns_of_a_later_year_without_being_rebuilt(browser, tmp_path):
    """2021 is closed (its pages frozen) before 2022 exists; once 2022 is added, the 2021 page's record
    across years shows 2022, from the root script every build writes."""
    import shutil

    from site_fixture import SAMPLE_DATA, serve, tree_digest

    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA / "2021", data / "2021")
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 0
    frozen = tree_digest(site / "2021")
    assert "2022" not in (site / "officials" / "08.js").read_text(encoding="utf-8")
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022")
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    assert tree_digest(site / "2021") == frozen
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url + "2021/can-bo/cb-008.html")  # Hoàng Văn Sơn: Yên Lạc in 2021, then Sở Nội vụ in 2022
        page.locator("#sc-official-history table").wait_for()
        rows = page.locator("#sc-official-history tbody tr").all_inner_texts()
        assert [row.split("\t")[:3] for row in rows] == [
            ["2021 (trang này)", "Chủ tịch UBND huyện", "Huyện ủy Yên Lạc"],
            ["2022", "Chủ tịch UBND huyện", "Huyện ủy Yên Lạc"],
            ["2022", "Giám đốc Sở Nội vụ", "Sở Nội vụ"]]
        page.close()


def test_hostile_names_and_titles_stay_text_everywhere(make_year, tmp_path):
    hostile = '<script>alert(1)</script> **Lê** [x](http://x)'
    formula = '=HYPERLINK("http://x","bấm")'
    rows = io.StringIO()
    csv.writer(rows, lineterminator="\n").writerows([HEADER.strip().split(","), ["o1", hostile, "a", formula, "", ""]])
    data = small_year(make_year, rows.getvalue())
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    for page in ("can-bo/o1.html", "can-bo/index.html", "don-vi/a.html"):
        text = (site / "2021" / page).read_text(encoding="utf-8")
        assert "<script>alert" not in text and "](http" not in text and 'href="http' not in text, page
        assert "&#60;script&#62;alert" in text, page
    assert "<" not in (site / "2021" / "assets" / "search-index.js").read_text(encoding="utf-8")
    exported = (site / "2021" / "export" / "officials.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in exported
    record = (site / "officials" / "o1.js").read_text(encoding="utf-8")
    assert "<" not in record and "\\u003cscript" in record
