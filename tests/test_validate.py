"""The contract's "Numbers", "Identifiers" and reference rules, and how problems reach the user.

Each test copies tests/example/data/2030 (the contract's worked example, a valid year) into tmp_path,
changes one thing and checks the exact problem: file as "2030/<name>", row as a
spreadsheet shows it (header = row 1), column and value, and that the message
or hint names the fix.

Row numbers of the example (header = row 1):
units.csv    2 huyen-a, 3 huyen-b, 4 xa-a1, 5 xa-a2, 6 ban-x
targets.csv  2 huyen-a/ket-nap, 3 xa-a1/ket-nap, 4 xa-a2/ket-nap, 5 huyen-a/ho-ngheo,
             6 huyen-b/ket-nap, 7 huyen-b/vi-pham, 8 huyen-b/de-an, 9 ban-x/de-an
results.csv  (;-delimited, so numbers are read the Vietnamese way) periods q1, h1, 9m, y of
             2-5 xa-a1/ket-nap, 6-9 xa-a2/ket-nap, 10-13 huyen-a/ho-ngheo, 14-17 huyen-b/ket-nap,
             18-21 huyen-b/vi-pham, 22-25 huyen-b/de-an, 26-29 ban-x/de-an
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import append, edit, errors, loaded, only_error, quiet, read, where, write
from scorecard.cli import main
from scorecard.pipeline import load_reports, year_folders


# --- helpers (the shared ones are in conftest.py) ---------------------------

def result(year, unit_id: str, indicator_id: str, period: str) -> float:
    r = year.results
    match = r[(r["unit_id"] == unit_id) & (r["indicator_id"] == indicator_id) & (r["period"] == period)]
    assert len(match) == 1
    return match["value"].iloc[0]


def target(year, unit_id: str, indicator_id: str) -> float:
    t = year.targets
    match = t[(t["unit_id"] == unit_id) & (t["indicator_id"] == indicator_id)]
    assert len(match) == 1
    return match["target"].iloc[0]


# --- numbers ------------------------------------------------------------------

def test_auto_reads_each_file_by_its_delimiter(year):
    """targets.csv (,) is plain: 2.0; results.csv (;) is Vietnamese: 2,6."""
    loaded_year = loaded(year)
    assert target(loaded_year, "huyen-a", "ho-ngheo") == 2.0
    assert result(loaded_year, "huyen-a", "ho-ngheo", "q1") == 2.6


def test_thousands_dot_in_a_semicolon_file(year):
    edit(year, "results.csv", "xa-a1;ket-nap;y;55;", "xa-a1;ket-nap;y;1.804;")
    assert result(loaded(year), "xa-a1", "ket-nap", "y") == 1804


def test_thousands_and_decimal_comma_in_vi(year):
    append(year, "indicators.csv", "kinh-phi,Kinh phí hỗ trợ,amount,nghìn đồng,up")
    append(year, "targets.csv", "huyen-b,kinh-phi,2000000,,,")
    append(year, "results.csv", "huyen-b;kinh-phi;y;1.234.567,89;;")
    assert result(loaded(year), "huyen-b", "kinh-phi", "y") == pytest.approx(1234567.89, abs=1e-6)


def test_percent_on_a_rate_in_vi(year):
    edit(year, "results.csv", "huyen-a;ho-ngheo;h1;2,2;", "huyen-a;ho-ngheo;h1;12,5%;")
    edit(year, "results.csv", "huyen-a;ho-ngheo;9m;1,9;", "huyen-a;ho-ngheo;9m;1,9 %;")
    loaded_year = loaded(year)
    assert result(loaded_year, "huyen-a", "ho-ngheo", "h1") == 12.5
    assert result(loaded_year, "huyen-a", "ho-ngheo", "9m") == 1.9


def test_percent_on_a_count_is_not_a_number(year):
    edit(year, "results.csv", "xa-a1;ket-nap;y;55;", "xa-a1;ket-nap;y;55%;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 5, "value", "55%")
    assert "vi" in problem.hint


def test_decimal_comma_on_a_count_is_not_whole(year):
    edit(year, "results.csv", "xa-a1;ket-nap;q1;10;", "xa-a1;ket-nap;q1;1,8;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 2, "value", "1,8")
    assert "nguyên" in problem.message and "whole" in problem.message_en
    assert "count" in problem.hint


def test_thousands_dot_in_a_comma_file_suggests_vi(year):
    edit(year, "targets.csv", "xa-a1,ket-nap,50,", "xa-a1,ket-nap,1.804,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 3, "target", "1.804")
    assert "nguyên" in problem.message and "whole" in problem.message_en
    assert "number_format: vi" in problem.hint and "number_format: vi" in problem.hint_en


def test_decimal_point_in_a_semicolon_file_suggests_plain(year):
    edit(year, "results.csv", "huyen-a;ho-ngheo;q1;2,6;", "huyen-a;ho-ngheo;q1;2.6;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 10, "value", "2.6")
    assert "number_format: plain" in problem.hint and "number_format: plain" in problem.hint_en


@pytest.mark.parametrize("file, old, new, hint_starts, alternative", [
    # a single Vietnamese-looking number in a plain (,) file: the cell's value the file's way first
    ("targets.csv", "huyen-a,ho-ngheo,2.0,", 'huyen-a,ho-ngheo,"6,2",', "Ghi 6.2:", "number_format: vi"),
    ("targets.csv", "xa-a1,ket-nap,50,", "xa-a1,ket-nap,1.804,", "Chỉ tiêu loại count nhận số nguyên. Nếu \"1.804\" là "
     "1804 (dấu chấm phân cách hàng nghìn), ghi 1804;", "number_format: vi"),
    ("targets.csv", "xa-a1,ket-nap,50,", 'xa-a1,ket-nap,"1,8",', "Chỉ tiêu loại count chỉ nhận số nguyên", "number_format: vi"),
    # a plain-looking number in a Vietnamese (;) file
    ("results.csv", "huyen-a;ho-ngheo;q1;2,6;", "huyen-a;ho-ngheo;q1;2.6;", "Ghi 2,6:", "number_format: plain"),
])
def test_a_number_in_the_other_format_gets_its_own_value_first(year, file, old, new, hint_starts, alternative):
    edit(year, file, old, new)
    problem = only_error(year)
    assert problem.hint.startswith(hint_starts), problem.hint
    # number_format is offered only as the alternative, for a year whose every number is written that way
    assert f"hoặc, nếu mọi số trong các tệp CSV của năm đều viết kiểu" in problem.hint
    assert problem.hint.index(alternative) > len(hint_starts)
    assert f"or, if every number of the year's CSV files is written" in problem.hint_en


TABLE_MISTAKES = [("2030/units.csv", 6, "group_id", "bann"), ("2030/targets.csv", 3, "target", "năm mươi")]


def with_table_mistakes(year):
    """Two mistakes in the tables, reported whatever year.yml says unless it leaves nothing to check them by."""
    edit(year, "units.csv", "ban-x,Ban X,ban,,", "ban-x,Ban X,bann,,")
    edit(year, "targets.csv", "xa-a1,ket-nap,50,", "xa-a1,ket-nap,năm mươi,")


@pytest.mark.parametrize("line, key", [
    ("current_period: quy3", "current_period"),
    ("rating: {method: diem}", "rating.method"),
    ("ratng: {method: points}", "ratng"),
    ("updated: hôm qua", "updated"),
    ("title: ''", "title"),
])
def test_a_year_yml_mistake_does_not_hide_the_tables_mistakes(year, line, key):
    edit(year, "year.yml", "sample: true", f"sample: true\n{line}")
    with_table_mistakes(year)
    found = [where(p) for p in errors(year)]
    assert [f for f in found if f[0] == "2030/year.yml"] == [(f[0], f[1], key, f[3]) for f in found
                                                                if f[0] == "2030/year.yml"]
    assert any(f[2] == key for f in found) and all(m in found for m in TABLE_MISTAKES)


@pytest.mark.parametrize("old, new, key", [
    ("sample: true", "sample: true\nnumber_format: vn", "number_format"),  # numbers cannot be read but by guessing
    ("  - {id: q1, name: \"Quý I\", end: 2030-03-31}", "  - {id: q1, name: \"Quý I\", end: 2031-03-31}", "periods.0"),
])
def test_periods_or_number_format_wrong_stop_the_checks_that_need_them_only(year, old, new, key):
    edit(year, "year.yml", old, new)
    with_table_mistakes(year)
    found = [where(p) for p in errors(year)]
    assert any(f[2] == key for f in found)
    assert TABLE_MISTAKES[0] in found  # units are checked without periods or numbers
    assert TABLE_MISTAKES[1] not in found  # targets are not: every number or period would be a guess


def test_formula_instead_of_a_number(year):
    edit(year, "targets.csv", "xa-a2,ket-nap,50,", "xa-a2,ket-nap,=SUM(A1:A3),")
    edit(year, "results.csv", "xa-a2;ket-nap;q1;5;", "xa-a2;ket-nap;q1;=B2+B3;")
    found = errors(year)
    assert [where(p) for p in found] == [("2030/results.csv", 6, "value", "=B2+B3"),
                                         ("2030/targets.csv", 4, "target", "=SUM(A1:A3)")]
    for problem in found:
        assert "công thức" in problem.message and "formula" in problem.message_en
        assert "Paste Special" in problem.hint and "Paste Special" in problem.hint_en


def test_number_format_vi_overrides_auto_in_a_comma_file(year):
    edit(year, "year.yml", "sample: true", "number_format: vi\nsample: true")
    edit(year, "targets.csv", "huyen-a,ket-nap,100,", "huyen-a,ket-nap,1.000,")
    edit(year, "targets.csv", "huyen-a,ho-ngheo,2.0,", 'huyen-a,ho-ngheo,"2,5",')
    loaded_year = loaded(year)
    assert target(loaded_year, "huyen-a", "ket-nap") == 1000
    assert target(loaded_year, "huyen-a", "ho-ngheo") == 2.5
    assert result(loaded_year, "huyen-a", "ho-ngheo", "q1") == 2.6


def test_number_format_vi_refuses_a_decimal_point(year):
    edit(year, "year.yml", "sample: true", "number_format: vi\nsample: true")
    problem = only_error(year)  # targets.csv row 5 holds 2.0
    assert where(problem) == ("2030/targets.csv", 5, "target", "2.0")
    assert "number_format: plain" in problem.hint


def test_number_format_plain_overrides_auto_in_a_semicolon_file(year):
    edit(year, "year.yml", "sample: true", "number_format: plain\nsample: true")
    write(year, "results.csv", read(year, "results.csv").replace("2,6", "2.6").replace("2,2", "2.2")
          .replace("1,9", "1.9").replace("1,5", "1.5"))
    loaded_year = loaded(year)
    assert result(loaded_year, "huyen-a", "ho-ngheo", "q1") == 2.6
    assert result(loaded_year, "huyen-a", "ho-ngheo", "y") == 1.5


def test_number_format_plain_refuses_a_decimal_comma(year):
    edit(year, "year.yml", "sample: true", "number_format: plain\nsample: true")
    found = errors(year)
    assert [where(p) for p in found] == [("2030/results.csv", row, "value", text)
                                         for row, text in ((10, "2,6"), (11, "2,2"), (12, "1,9"), (13, "1,5"))]
    assert all("number_format: vi" in p.hint for p in found)


def test_unknown_number_format(year):
    edit(year, "year.yml", "sample: true", "number_format: vn")
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", 8, "number_format", "vn")
    assert "auto, plain" in problem.hint and "vi" in problem.hint


# --- rating settings ------------------------------------------------------------

@pytest.mark.parametrize("rating, key, value, words", [
    ("{method: qd366, late_share: 1.5}", "rating.late_share", "1.5", "từ 0 đến 1"),
    ("{method: qd366, exceeded_share: -0.1}", "rating.exceeded_share", "-0.1", "không âm"),
    ("{method: qd366, exceeded_share: 30}", "rating.exceeded_share", "30", "0.2"),
    ("{method: points, quota: 2}", "rating.quota", "2", "từ 0 đến 1"),
    ("{method: qd366, late_share: \"20%\"}", "rating.late_share", "20%", "không âm"),
    ("{method: qd367}", "rating.method", "qd367", "qd366"),
    ("{method: qd366, late_shares: 0.1}", "rating.late_shares", None, 'Có phải là "late_share"?'),
    ("{method: qd366, points_xuat_sac: 120}", "rating.points_xuat_sac", "120", "100"),
])
def test_bad_rating_setting_names_year_yml_and_the_key(year, rating, key, value, words):
    edit(year, "year.yml", "sample: true", f"sample: true\nrating: {rating}")
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", 9, key, value)
    assert words in problem.message + problem.hint


def test_point_thresholds_must_decrease(year):
    edit(year, "year.yml", "sample: true", "sample: true\nrating: {method: points, points_tot: 95}")
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", 9, "rating", "90, 95, 50")


def test_a_setting_the_method_does_not_use_is_a_warning(year):
    edit(year, "year.yml", "sample: true", "sample: true\nrating: {method: targets, late_share: 0.1}")
    reports = load_reports(year_folders(year.parent), progress=quiet)
    [warning] = [w for w in reports[0].warnings if w.column == "rating.late_share"]
    assert (warning.file, warning.row, warning.value) == ("2030/year.yml", 9, "0.1")
    assert "targets" in warning.message


# --- identifiers --------------------------------------------------------------

BAD_IDS = [  # (id, the slug suggested, what the message says)
    ("xa a3", "xa-a3", "khoảng trắng"),
    ("xã-a3", "xa-a3", "không dấu"),
    ("Xa-A3", "xa-a3", "chữ thường"),
    ("../x", "x", "/"),
    ("a/b", "a-b", "/"),
    ("xa-a3\u00a0", "xa-a3", "ẩn"),  # no-break space
    ("xa\u200b-a3", "xa-a3", "ẩn"),  # zero-width space
    ("a" * 65, "a" * 64, "64"),
    ("-xa-a3", "xa-a3", "bắt đầu"),
    ("xa_a3", "xa-a3", "gạch ngang"),
]


@pytest.mark.parametrize("bad, suggestion, says", BAD_IDS)
def test_an_invalid_id_is_explained_with_a_suggested_slug(year, bad, suggestion, says):
    append(year, "units.csv", f"{bad},Đảng bộ xã A3,co-so,huyen-a,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 7, "unit_id", bad)
    assert says in problem.message
    assert f'"{suggestion}"' in problem.hint and f'"{suggestion}"' in problem.hint_en


def test_every_invalid_id_is_reported_in_one_run(year):
    for bad, _, _ in BAD_IDS:
        append(year, "units.csv", f"{bad},Đảng bộ xã A3,co-so,huyen-a,")
    assert [where(p) for p in errors(year)] == [("2030/units.csv", row, "unit_id", bad)
                                                for row, (bad, _, _) in enumerate(BAD_IDS, start=7)]


@pytest.mark.parametrize("on_windows", [False, True])
def test_an_id_windows_keeps_for_a_device_is_refused_only_where_it_cannot_be_a_file(year, monkeypatch, on_windows):
    """The contract's id rule allows "con"; con.html is the console on Windows: a warning, an error there."""
    from scorecard import validate

    monkeypatch.setattr(validate, "ON_WINDOWS", on_windows)
    append(year, "units.csv", "con,Đảng bộ xã Côn,co-so,huyen-a,")
    if on_windows:
        problem = only_error(year)
        assert where(problem) == ("2030/units.csv", 7, "unit_id", "con") and '"con-1"' in problem.hint
    else:
        assert "con.html" in " ".join(p.message for p in loaded(year).warnings)  # loaded() fails on any error


def test_invisible_characters_are_shown_in_the_printed_problem(year):
    append(year, "units.csv", "xa-a3\u00a0,Đảng bộ xã A3,co-so,huyen-a,")
    append(year, "units.csv", "xa\u200b-a4,Đảng bộ xã A4,co-so,huyen-a,")
    printed = "\n".join(p.format() for p in errors(year))
    assert 'giá trị "xa-a3<NBSP>"' in printed
    assert 'giá trị "xa<U+200B>-a4"' in printed


def test_ids_are_checked_in_every_id_column(year):
    edit(year, "results.csv", "xa-a1;ket-nap;q1;", "xa-a1;ket-nap;Q1;")
    edit(year, "targets.csv", "ban-x,de-an,,,9m,", "ban-x,de-an,,,9 tháng,")
    edit(year, "units.csv", "xa-a2,Đảng bộ xã A2,co-so,huyen-a", "xa-a2,Đảng bộ xã A2,co so,huyen-a")
    found = errors(year)
    assert [where(p) for p in found] == [
        ("2030/results.csv", 2, "period", "Q1"),
        ("2030/targets.csv", 9, "due", "9 tháng"),
        ("2030/units.csv", 5, "group_id", "co so"),
    ]
    assert [p.hint for p in found] == ['Ví dụ: "q1".', 'Ví dụ: "9-thang".', 'Ví dụ: "co-so".']


def test_leading_zero_id_stays_text(year):
    append(year, "groups.csv", "001,Nhóm 001")
    append(year, "units.csv", "001,Đơn vị 001,001,,")
    append(year, "units.csv", "0100,Đơn vị 0100,001,001,")
    append(year, "targets.csv", "001,ket-nap,10,,,")
    append(year, "results.csv", "001;ket-nap;q1;007;;")
    loaded_year = loaded(year)
    units = loaded_year.units.set_index("unit_id")
    assert units.loc["001", "group_id"] == "001"
    assert units.loc["0100", "parent_id"] == "001"
    assert "001" in set(loaded_year.groups["group_id"])
    assert result(loaded_year, "001", "ket-nap", "q1") == 7


def test_empty_required_id(year):
    append(year, "units.csv", ",Đảng bộ xã A3,co-so,huyen-a,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 7, "unit_id", "")
    assert "Điền mã" in problem.hint


# --- references ---------------------------------------------------------------

def test_unknown_group(year):
    edit(year, "units.csv", "huyen-b,Huyện ủy B,huyen,", "huyen-b,Huyện ủy B,huyenn,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 3, "group_id", "huyenn")
    assert 'Có phải là "huyen"?' in problem.hint and "groups.csv" in problem.hint


def test_unknown_parent(year):
    edit(year, "units.csv", "xa-a2,Đảng bộ xã A2,co-so,huyen-a", "xa-a2,Đảng bộ xã A2,co-so,huyen-c")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 5, "parent_id", "huyen-c")
    assert "units.csv" in problem.message and "units.csv" in problem.hint


def test_unknown_unit_in_targets(year):
    append(year, "targets.csv", "xa-a9,ket-nap,10,,,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 10, "unit_id", "xa-a9")
    assert "units.csv" in problem.hint


def test_unknown_indicator_in_targets(year):
    append(year, "targets.csv", "xa-a1,ket-naq,10,,,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 10, "indicator_id", "ket-naq")
    assert 'Có phải là "ket-nap"?' in problem.hint and "indicators.csv" in problem.hint


def test_unknown_unit_and_indicator_in_results(year):
    append(year, "results.csv", "xa-a9;ket-nap;q1;1;;")
    append(year, "results.csv", "xa-a1;ket-naq;q1;1;;")
    found = errors(year)
    assert [where(p) for p in found] == [
        ("2030/results.csv", 30, "unit_id", "xa-a9"),
        ("2030/results.csv", 31, "indicator_id", "ket-naq"),
    ]


def test_unknown_period(year):
    edit(year, "results.csv", "xa-a1;ket-nap;h1;", "xa-a1;ket-nap;6m;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 3, "period", "6m")
    assert "year.yml" in problem.hint


def test_unknown_due_period(year):
    """Only the due is wrong: the target still exists, so its results are not reported too."""
    edit(year, "targets.csv", "ban-x,de-an,,,9m,", "ban-x,de-an,,,6m,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 9, "due", "6m")
    assert "year.yml" in problem.hint


def test_parent_cycle_of_two(year):
    edit(year, "units.csv", "huyen-a,Huyện ủy A,huyen,,", "huyen-a,Huyện ủy A,huyen,huyen-b,")
    edit(year, "units.csv", "huyen-b,Huyện ủy B,huyen,,", "huyen-b,Huyện ủy B,huyen,huyen-a,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 2, "parent_id", "huyen-b")
    assert "huyen-a → huyen-b → huyen-a" in problem.message and "cycle" in problem.message_en
    assert "parent_id" in problem.hint


def test_unit_as_its_own_parent(year):
    edit(year, "units.csv", "ban-x,Ban X,ban,,", "ban-x,Ban X,ban,ban-x,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 6, "parent_id", "ban-x")
    assert "ban-x → ban-x" in problem.message


def test_duplicate_unit_row(year):
    append(year, "units.csv", "xa-a1,Đảng bộ xã A1 (trùng),co-so,huyen-a,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 7, "unit_id", "xa-a1")
    assert "dòng 4" in problem.message and "row 4" in problem.message_en


def test_duplicate_target(year):
    append(year, "targets.csv", "huyen-b,ket-nap,90,,,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 10, "unit_id, indicator_id", "ket-nap")
    assert "dòng 6" in problem.message and "row 6" in problem.message_en


def test_duplicate_result(year):
    edit(year, "results.csv", "xa-a2;ket-nap;h1;", "xa-a2;ket-nap;q1;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 7, "unit_id, indicator_id, period", "q1")
    assert "dòng 6" in problem.message and "row 6" in problem.message_en


def test_result_without_a_target(year):
    append(year, "results.csv", "ban-x;ket-nap;q1;3;;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 30, "unit_id, indicator_id", "ban-x, ket-nap")
    assert "targets.csv" in problem.message and "targets.csv" in problem.hint


def test_weight_must_be_above_zero(year):
    edit(year, "targets.csv", "huyen-a,ket-nap,100,2,", "huyen-a,ket-nap,100,0,")
    edit(year, "targets.csv", "xa-a1,ket-nap,50,,", "xa-a1,ket-nap,50,-0.5,")
    edit(year, "targets.csv", "huyen-b,ket-nap,80,2,", "huyen-b,ket-nap,80,-1,")
    found = errors(year)
    assert [where(p) for p in found] == [("2030/targets.csv", 2, "weight", "0"),
                                         ("2030/targets.csv", 3, "weight", "-0.5"),
                                         ("2030/targets.csv", 6, "weight", "-1")]
    for problem in found:
        assert "lớn hơn 0" in problem.message and "above 0" in problem.message_en
        assert "Để trống" in problem.hint


def test_empty_weight_defaults_to_one(year):
    loaded_year = loaded(year)
    weights = loaded_year.targets.set_index(["unit_id", "indicator_id"])["weight"]
    assert weights[("xa-a1", "ket-nap")] == 1
    assert weights[("huyen-a", "ket-nap")] == 2


def test_task_status_outside_the_vocabulary(year):
    edit(year, "results.csv", "huyen-b;de-an;q1;;in_progress;", "huyen-b;de-an;q1;;xong;")
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 22, "status", "xong")
    for word in ("done", "in_progress", "not_started"):
        assert word in problem.hint and word in problem.hint_en


def test_decided_rating_outside_the_vocabulary(year):
    write(year, "ratings.csv", "unit_id,rating,reason\nhuyen-a,gioi,Ghi nhận\nhuyen-b,khong-hoan-thanh,Kỷ luật\n")
    problem = only_error(year)
    assert where(problem) == ("2030/ratings.csv", 2, "rating", "gioi")
    for word in ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"):
        assert word in problem.hint


def test_decided_rating_is_read(year):
    write(year, "ratings.csv", "unit_id,rating,reason\nhuyen-b,khong-hoan-thanh,Có cán bộ bị kỷ luật\n")
    decided = loaded(year).decided
    assert list(decided["unit_id"]) == ["huyen-b"]
    assert list(decided["rating"]) == ["khong-hoan-thanh"]


def test_count_target_given_as_a_decimal(year):
    edit(year, "targets.csv", "xa-a1,ket-nap,50,", "xa-a1,ket-nap,50.5,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 3, "target", "50.5")
    assert "nguyên" in problem.message and "whole" in problem.message_en


def test_missing_target_for_a_numeric_indicator(year):
    edit(year, "targets.csv", "huyen-b,vi-pham,0,", "huyen-b,vi-pham,,")
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 7, "target", "")
    assert "target" in problem.message and "Điền" in problem.hint


def test_unknown_indicator_kind(year):
    edit(year, "indicators.csv", "ho-ngheo,Tỷ lệ hộ nghèo,rate,", "ho-ngheo,Tỷ lệ hộ nghèo,ratio,")
    problem = only_error(year)
    assert where(problem) == ("2030/indicators.csv", 3, "kind", "ratio")
    assert "count, amount, rate, task" in problem.hint


# --- all problems at once, and the command line -------------------------------

def break_four_files(year: Path) -> list[tuple]:
    """Break four files, in an order unlike the report's; return the problems expected, sorted."""
    edit(year, "units.csv", "ban-x,Ban X,ban,,", "ban-x,Ban X,ban,ban-y,")
    edit(year, "results.csv", "huyen-b;de-an;q1;;in_progress;", "huyen-b;de-an;q1;;xong;")
    edit(year, "targets.csv", "huyen-a,ket-nap,100,2,", "huyen-a,ket-nap,100,0,")
    edit(year, "results.csv", "xa-a1;ket-nap;h1;", "xa-a1;ket-nap;6m;")
    edit(year, "groups.csv", "ban,Ban Đảng", "ban,")
    return [
        ("2030/groups.csv", 3, "name", ""),
        ("2030/results.csv", 3, "period", "6m"),
        ("2030/results.csv", 22, "status", "xong"),
        ("2030/targets.csv", 2, "weight", "0"),
        ("2030/units.csv", 6, "parent_id", "ban-y"),
    ]


def test_every_problem_of_a_run_is_reported_together_sorted(year):
    expected = break_four_files(year)
    assert [where(p) for p in errors(year)] == expected


def test_problems_of_two_years_are_reported_together(year):
    other = year.parent / "2029"
    shutil.copytree(year, other)
    write(other, "year.yml", read(other, "year.yml").replace("2030-", "2029-"))
    edit(other, "units.csv", "ban-x,Ban X,ban,", "ban-x,Ban X,bann,")
    edit(year, "targets.csv", "xa-a1,ket-nap,50,", "xa-a1,ket-nap,50.5,")
    assert [where(p) for p in errors(year)] == [
        ("2029/units.csv", 6, "group_id", "bann"),
        ("2030/targets.csv", 3, "target", "50.5"),
    ]


def test_check_exits_2_and_prints_every_problem(year, capsys):
    expected = break_four_files(year)
    status = main(["check", "--data", str(year.parent)])
    out, err = capsys.readouterr()
    assert status == 2
    printed = [f'{file}, dòng {row}, cột {column}, giá trị "{value}"' for file, row, column, value in expected]
    positions = [err.index(line) for line in printed]  # every problem, each naming file, row, column, value
    assert positions == sorted(positions)
    assert "Trạng thái nhiệm vụ không hợp lệ. (Unknown task status.)" in err
    assert "Gợi ý (Hint): Dùng done" in err
    assert "5 lỗi" in err and "invalid input: 5 errors" in err


def test_check_of_a_valid_folder_exits_0(year, capsys):
    assert main(["check", "--data", str(year.parent)]) == 0
    out, err = capsys.readouterr()
    assert "Dữ liệu hợp lệ: 1 năm (2030)" in out
    assert err == ""


def test_check_quiet_prints_only_the_summary(year, capsys):
    assert main(["check", "--data", str(year.parent), "--quiet"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["Dữ liệu hợp lệ: 1 năm (2030), 0 cảnh báo."]


def test_check_ignores_folders_that_are_not_years(year, capsys):
    (year.parent / "2030-cu").mkdir()
    (year.parent / "2030-cu" / "units.csv").write_text("không phải dữ liệu", encoding="utf-8")
    (year.parent / "ghi-chu").mkdir()
    assert main(["check", "--data", str(year.parent), "-q"]) == 0


@pytest.mark.parametrize("only", ["abc", "20300"])
def test_year_option_must_be_four_digits(year, capsys, only):
    assert main(["check", "--data", str(year.parent), "--year", only]) == 2
    _, err = capsys.readouterr()
    assert f'giá trị "{only}"' in err and "4 chữ số" in err


def test_year_option_picks_one_year(year, capsys):
    assert main(["check", "--data", str(year.parent), "--year", "2030", "-q"]) == 0
    assert main(["check", "--data", str(year.parent), "--year", "2031", "-q"]) == 2
    _, err = capsys.readouterr()
    assert "2031" in err


def test_missing_data_folder_exits_2(tmp_path, capsys):
    assert main(["check", "--data", str(tmp_path / "nowhere"), "-q"]) == 2
