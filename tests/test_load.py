"""The contract's "Text" and file rules, one mutation of the worked example at a time.

Each test copies tests/example/data/2030 (the contract's worked example, a valid year) into tmp_path,
breaks or re-encodes one thing, and checks the exact problem reported: file as
"2030/<name>", row as a spreadsheet shows it (header = row 1), column and value,
and that the message or hint says how to fix it.

Row numbers of the example (header = row 1):
units.csv    2 huyen-a, 3 huyen-b, 4 xa-a1, 5 xa-a2, 6 ban-x
targets.csv  2 huyen-a/ket-nap, 3 xa-a1/ket-nap, 4 xa-a2/ket-nap, 5 huyen-a/ho-ngheo,
             6 huyen-b/ket-nap, 7 huyen-b/vi-pham, 8 huyen-b/de-an, 9 ban-x/de-an
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from pathlib import Path

import pytest

from conftest import append, edit, errors, loaded, only_error, quiet, read, where, write
from scorecard.load import read_year
from scorecard.pipeline import load_reports, parse_years, year_folders
from scorecard.problems import InvalidInput, Problems

UNIT_NAMES = ["Huyện ủy A", "Huyện ủy B", "Đảng bộ xã A1", "Đảng bộ xã A2", "Ban X"]
GROUP_NAMES = ["Huyện ủy", "Ban Đảng", "Cơ sở"]


# --- helpers (the shared ones are in conftest.py) ---------------------------

def rows(folder: Path, name: str) -> list[list[str]]:
    text = read(folder, name)
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def as_csv(records, delimiter: str = ",", newline: str = "\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(records)
    return buffer.getvalue()


def unit_names(year) -> list[str]:
    """Names in file order: huyen-a, huyen-b, xa-a1, xa-a2, ban-x."""
    assert list(year.units["unit_id"]) == ["huyen-a", "huyen-b", "xa-a1", "xa-a2", "ban-x"]
    return list(year.units["name"])


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 writes Vietnamese: base letters precomposed, tone marks combining."""
    out = []
    for ch in nfc(text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = nfd(ch)
        base = nfc("".join(c for c in parts if c not in TONE_MARKS))
        out.append((base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


# --- the example itself -------------------------------------------------------

def test_example_year_is_valid(year):
    (report,) = load_reports(year_folders(year.parent), progress=quiet)  # the whole pipeline, once
    assert report.warnings == ()
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert loaded_year.title == "Ví dụ tính toán năm 2030"


# --- encodings ----------------------------------------------------------------

def test_utf8_with_bom(year):
    for name in ("units.csv", "results.csv", "year.yml"):
        (year / name).write_bytes(codecs.BOM_UTF8 + (year / name).read_bytes())
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert "unit_id" in loaded_year.units.columns
    assert len(loaded_year.results) == 28


def test_utf16_with_bom_and_tabs(year):
    """Excel's "Unicode Text": UTF-16 with a BOM (little- or big-endian), tab-delimited, CRLF line ends."""
    for name, bom, codec in (("units.csv", codecs.BOM_UTF16_LE, "utf-16-le"),
                             ("groups.csv", codecs.BOM_UTF16_BE, "utf-16-be")):
        text = as_csv(rows(year, name), delimiter="\t", newline="\r\n")
        (year / name).write_bytes(bom + text.encode(codec))
    raw = read_year(year, Problems())
    assert raw.tables["units"].delimiter == "\t"
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert list(loaded_year.groups["name"]) == GROUP_NAMES


def test_windows_1258_with_combining_tone_marks(year):
    for name in ("units.csv", "groups.csv", "year.yml"):
        (year / name).write_bytes(cp1258(read(year, name)))
    data = (year / "units.csv").read_bytes()
    assert b"Huy\xea\xf2n" in data  # "Huyện" as ê + combining dot below: the test exercises NFC
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert all(unicodedata.is_normalized("NFC", n) for n in loaded_year.units["name"])
    assert list(loaded_year.groups["name"]) == GROUP_NAMES
    assert loaded_year.title == "Ví dụ tính toán năm 2030"
    assert loaded_year.periods["name"].iloc[1] == "6 tháng đầu năm"


def test_tcvn3_bytes_are_refused_with_a_unikey_hint(year):
    """A TCVN3 (ABC) file: "Hà Nội" is the bytes H \\xb5 N \\xe9 i, which read as "Hµ Néi"."""
    text = "unit_id,name,group_id,parent_id,head\n"
    text += "".join(f"{u},Don vi {u},{g},{p},\n" for u, g, p in [
        ("huyen-a", "huyen", ""), ("huyen-b", "huyen", ""), ("xa-a1", "co-so", "huyen-a"),
        ("xa-a2", "co-so", "huyen-a")])
    (year / "units.csv").write_bytes(text.encode("ascii") + b"ban-x,Ban H\xb5 N\xe9i,ban,,\n")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 6, "name", "Ban Hµ Néi")
    assert "TCVN3" in problem.message and "VNI" in problem.message
    assert "Unikey" in problem.hint and "Unikey" in problem.hint_en
    assert "Unicode" in problem.hint


TCVN3_HEAD = "B\u00dd th\u00ad H\u00b5 N\u00e9i"  # "Bí thư Hà Nội" typed in a TCVN3 font


def test_legacy_font_text_pasted_into_a_utf8_file_is_refused(year):
    """Text typed with a VNI or TCVN3 font and saved by Excel as UTF-8 keeps its odd letters."""
    edit(year, "units.csv", "ban-x,Ban X,", "ban-x,Ban Vieät Nam,")  # VNI
    edit(year, "units.csv", "huyen-b,Huyện ủy B,huyen,,", "huyen-b,Huyện ủy B,huyen,," + TCVN3_HEAD)
    found = errors(year)
    assert [where(p) for p in found] == [("2030/units.csv", 3, "head", TCVN3_HEAD),
                                         ("2030/units.csv", 6, "name", "Ban Vieät Nam")]
    for problem in found:
        assert "Unikey" in problem.hint and "Unikey" in problem.hint_en


def test_legacy_text_in_a_note_column_is_ignored(year):
    edit(year, "units.csv", "head\n", "head,_ghi_chu\n")
    edit(year, "units.csv", "ban-x,Ban X,ban,,\n", "ban-x,Ban X,ban,,,Hµ Néi\n")
    assert unit_names(loaded(year)) == UNIT_NAMES


def test_unknown_encoding(year):
    (year / "groups.csv").write_bytes(b"group_id,name\nhuyen,Huy\x81n\nban,Ban\nco-so,Co so\n")
    problem = only_error(year)
    assert where(problem) == ("2030/groups.csv", None, None, None)
    assert "UTF-8" in problem.hint and "UTF-8" in problem.hint_en


def test_nfd_text_is_normalised_to_nfc(year):
    for name in ("units.csv", "groups.csv", "year.yml"):
        write(year, name, nfd(read(year, name)))
    assert read(year, "units.csv") != nfc(read(year, "units.csv"))
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert list(loaded_year.groups["name"]) == GROUP_NAMES
    assert loaded_year.organisation == "Tỉnh ủy Ví Dụ"


def test_nfd_and_nfc_twins_become_one_text(year):
    """The same name typed decomposed in one row and composed in another reads as one string."""
    edit(year, "units.csv", "Đảng bộ xã A1", nfd("Đảng bộ xã Hợp Thịnh"))
    edit(year, "units.csv", "Đảng bộ xã A2", nfc("Đảng bộ xã Hợp Thịnh"))
    names = unit_names(loaded(year))
    assert names[2] == names[3] == nfc("Đảng bộ xã Hợp Thịnh")


def test_nfd_and_nfc_twin_ids_are_one_duplicated_id(year):
    """An id with a diacritic, typed composed and decomposed: both invalid, the second a duplicate."""
    composed, decomposed = nfc("xã-a3"), nfd("xã-a3")
    assert composed != decomposed
    append(year, "units.csv", f"{composed},Xã A3,co-so,huyen-a,")
    append(year, "units.csv", f"{decomposed},Xã A3,co-so,huyen-a,")
    found = errors(year)
    assert [where(p) for p in found] == [
        ("2030/units.csv", 7, "unit_id", composed),
        ("2030/units.csv", 8, "unit_id", composed),
        ("2030/units.csv", 8, "unit_id", composed),
    ]
    invalid = [p for p in found if "xa-a3" in p.hint]
    assert len(invalid) == 2
    duplicate = next(p for p in found if p not in invalid)
    assert "dòng 7" in duplicate.message and "row 7" in duplicate.message_en


# --- delimiters ---------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected_per_file(year, delimiter):
    """Names holding the other delimiters are quoted by the writer and read back whole."""
    groups = rows(year, "groups.csv")
    groups[2][1] = "Ban Đảng, Mặt trận; đoàn thể"
    for name, records in (("groups.csv", groups), ("units.csv", rows(year, "units.csv")),
                          ("indicators.csv", rows(year, "indicators.csv"))):
        write(year, name, as_csv(records, delimiter))
    raw = read_year(year, Problems())
    assert {raw.tables[n].delimiter for n in ("groups", "units", "indicators")} == {delimiter}
    assert raw.tables["targets"].delimiter == ","
    assert raw.tables["results"].delimiter == ";"
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert list(loaded_year.groups["name"]) == ["Huyện ủy", "Ban Đảng, Mặt trận; đoàn thể", "Cơ sở"]


# --- header and shape ---------------------------------------------------------

def test_title_row_above_the_header(year):
    write(year, "units.csv", "DANH SÁCH ĐƠN VỊ NĂM 2030,,,,\n" + read(year, "units.csv"))
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 1, None, "DANH SÁCH ĐƠN VỊ NĂM 2030")
    assert "dòng 2" in problem.message and "row 2" in problem.message_en
    assert "Xóa 1 dòng" in problem.hint and "Delete the 1 row" in problem.hint_en


def test_two_title_rows_above_the_header(year):
    write(year, "targets.csv", "Chỉ tiêu giao năm 2030\n\n" + read(year, "targets.csv"))
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 1, None, "Chỉ tiêu giao năm 2030")
    assert "dòng 3" in problem.message and "row 3" in problem.message_en
    assert "Xóa 2 dòng" in problem.hint


def test_trailing_empty_rows_and_columns_are_ignored(year):
    """Excel leaves delimiters of emptied columns and rows of nothing at the end."""
    units = read(year, "units.csv").replace("\n", ",,\n") + ",,,,,,,\n,,,,,,,\n\n"
    write(year, "units.csv", units)
    write(year, "results.csv", read(year, "results.csv").replace("\n", ";;\n") + ";;;;;;;;\n")
    loaded_year = loaded(year)
    assert unit_names(loaded_year) == UNIT_NAMES
    assert len(loaded_year.results) == 28


def test_blank_rows_still_count_in_row_numbers(year):
    edit(year, "units.csv", "xa-a1,", ",,,,\nxa-a1,")
    edit(year, "units.csv", "ban-x,Ban X,ban,", "ban-x,Ban X,bann,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 7, "group_id", "bann")
    assert '"ban"' in problem.hint


def test_cells_and_header_lose_ordinary_spaces(year):
    edit(year, "units.csv", "unit_id,name,group_id", " unit_id , name ,group_id")
    edit(year, "units.csv", "ban-x,Ban X,ban,", " ban-x , Ban X ,ban,")
    assert unit_names(loaded(year)) == UNIT_NAMES


def test_data_under_a_column_without_a_name(year):
    edit(year, "units.csv", "ban-x,Ban X,ban,,\n", "ban-x,Ban X,ban,,,ghi chú\n")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 1, "F", "")
    assert "_" in problem.hint


def test_duplicated_header_name(year):
    edit(year, "units.csv", "head\n", "head,Name\n")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 1, "name", "Name")
    assert "B" in problem.message and "F" in problem.message
    assert "Xóa hoặc đổi tên" in problem.hint and "rename" in problem.hint_en


def test_unknown_column_with_did_you_mean(year):
    edit(year, "units.csv", "parent_id", "parnet_id")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 1, "parnet_id", "parnet_id")
    assert 'Có phải là "parent_id"?' in problem.hint
    assert "_" in problem.hint and "_" in problem.hint_en


def test_note_columns_starting_with_underscore_are_ignored(year):
    records = rows(year, "targets.csv")
    records[0] += ["_ghi_chu", "_người nhập"]
    for record in records[1:]:
        record += ["không phải số: 1,2,3", "=SUM(A1:A3)"]
    write(year, "targets.csv", as_csv(records))
    assert len(loaded(year).targets) == 8


def test_missing_required_column(year):
    records = [r[:2] + r[3:] for r in rows(year, "units.csv")]  # drop group_id
    write(year, "units.csv", as_csv(records))
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 1, "group_id", None)
    assert '"group_id"' in problem.hint


def test_missing_optional_column_is_fine(year):
    records = [r[:4] for r in rows(year, "units.csv")]  # drop head
    write(year, "units.csv", as_csv(records))
    assert unit_names(loaded(year)) == UNIT_NAMES


def test_header_not_found(year):
    write(year, "groups.csv", "ma nhom,ten\nhuyen,Huyện ủy\n")
    problem = only_error(year)
    assert where(problem) == ("2030/groups.csv", 1, None, "dấu phẩy")
    assert "group_id" in problem.hint and "name" in problem.hint


# --- broken CSV ---------------------------------------------------------------

def test_unterminated_quote(year):
    edit(year, "targets.csv", "xa-a2,ket-nap,50,", 'xa-a2,ket-nap,"50,')
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 4, "target", '"50,,,')
    assert '"' in problem.hint and "quote" in problem.hint_en


def test_unterminated_quote_in_a_semicolon_file(year):
    edit(year, "results.csv", "ban-x;de-an;h1;;done;Quy chế 3", 'ban-x;de-an;h1;;done;"Quy chế ""3""')
    problem = only_error(year)
    assert where(problem) == ("2030/results.csv", 27, "evidence", '"Quy chế ""3""')


def test_text_after_a_closing_quote(year):
    edit(year, "targets.csv", "xa-a2,ket-nap,50,", 'xa-a2,"ket-nap"x,50,')
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", 4, "indicator_id", '"ket-nap"x')


def test_quoted_cells_with_line_breaks_count_as_one_row(year):
    """A spreadsheet row is a record, even when a quoted cell spans lines."""
    edit(year, "units.csv", "huyen-a,Huyện ủy A,huyen,,Bí thư Nguyễn Văn A",
         'huyen-a,Huyện ủy A,huyen,,"Bí thư\nNguyễn Văn A"')
    edit(year, "units.csv", "ban-x,Ban X,ban,", "ban-x,Ban X,bann,")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 6, "group_id", "bann")


def test_over_long_cell(year):
    long_name = "Ban " + "X" * 1997
    edit(year, "units.csv", "ban-x,Ban X,", f"ban-x,{long_name},")
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 6, "name", long_name)
    assert "2001" in problem.message and "2000" in problem.message
    assert "Rút gọn" in problem.hint and "Shorten" in problem.hint_en


def test_cell_of_exactly_the_limit_is_fine(year):
    edit(year, "units.csv", "ban-x,Ban X,", f"ban-x,{'X' * 2000},")
    assert unit_names(loaded(year))[4] == "X" * 2000


# --- files --------------------------------------------------------------------

def test_empty_file(year):
    contents = {"groups.csv": b"", "indicators.csv": codecs.BOM_UTF8, "units.csv": b"\n\n",
                "targets.csv": b"  \r\n", "results.csv": codecs.BOM_UTF16_LE}
    for name, content in contents.items():
        (year / name).write_bytes(content)
    found = errors(year)
    assert [where(p) for p in found] == [(f"2030/{name}", None, None, None) for name in sorted(contents)]
    for problem in found:
        assert "rỗng" in problem.message and "empty" in problem.message_en
        assert "Dòng 1" in problem.hint and "Row 1" in problem.hint_en


def test_header_only_results_is_a_year_without_results(year):
    write(year, "results.csv", "unit_id;indicator_id;period;value;status;evidence\n")
    loaded_year = loaded(year)
    assert loaded_year.results.empty
    assert loaded_year.current_period is None and loaded_year.is_assignment  # the assignment (test_cycle.py)


def test_missing_file(year):
    (year / "targets.csv").unlink()
    problem = only_error(year)
    assert where(problem) == ("2030/targets.csv", None, None, None)
    assert "targets.csv" in problem.message
    assert "unit_id" in problem.hint and "indicator_id" in problem.hint


def test_missing_optional_ratings_file_is_fine(year):
    assert not (year / "ratings.csv").exists()
    assert loaded(year).decided.empty


def test_missing_year_yml(year):
    (year / "year.yml").unlink()
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", None, None, None)
    assert "title" in problem.hint and "periods" in problem.hint


@pytest.mark.parametrize("old, new, line", [
    ("sample: true", "sample: true\n\tfoo: 1", 9),  # a tab cannot indent YAML
    ("sample: true", "  sample: true", 8),  # indented under nothing
    ("organisation:", "organisation: [", 3),  # an open bracket fails where it is met again
])
def test_broken_yaml_names_its_line(year, old, new, line):
    edit(year, "year.yml", old, new)
    problem = only_error(year)
    assert (problem.file, problem.row) == ("2030/year.yml", line)
    assert "YAML" in problem.message
    assert "thụt lề" in problem.hint and "indentation" in problem.hint_en


def test_year_yml_problem_lines_in_utf16(year):
    """year.yml saved by Notepad as "Unicode": settings problems still name their line."""
    text = read(year, "year.yml").replace("sample: true", "number_format: vn")
    (year / "year.yml").write_bytes(text.encode("utf-16"))
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", 8, "number_format", "vn")
    assert "vi" in problem.hint and "plain" in problem.hint


def test_year_yml_unknown_key(year):
    edit(year, "year.yml", "sample: true", "sampel: true")
    problem = only_error(year)
    assert where(problem) == ("2030/year.yml", 8, "sampel", None)
    assert '"sample"' in problem.hint


# --- year folders -------------------------------------------------------------

def test_only_four_digit_folders_are_years(year):
    data = year.parent
    for name in ("2030-cu", "abcd", "20301", "203"):
        (data / name).mkdir()
        (data / name / "units.csv").write_text("rác", encoding="utf-8")
    (data / "2031").write_text("a file, not a folder", encoding="utf-8")
    assert year_folders(data) == [year]
    assert loaded(year).year == 2030


@pytest.mark.parametrize("only", ["abc", "30", "2030a"])
def test_year_option_must_be_four_digits(year, only):
    with pytest.raises(InvalidInput) as caught:
        parse_years([only, "2030", None], year.parent)
    (problem,) = caught.value.errors
    assert problem.value == only
    assert "4 chữ số" in problem.message and "four digits" in problem.message_en


def test_years_on_the_command_line_are_ints_and_all_wrong_ones_are_reported(year):
    assert parse_years(["2030", None, "2029"], year.parent) == [2030, None, 2029]
    with pytest.raises(InvalidInput) as caught:
        parse_years(["20x0", "2030", "năm"], year.parent)
    assert [problem.value for problem in caught.value.errors] == ["20x0", "năm"]


def test_year_option_without_a_folder(year):
    with pytest.raises(InvalidInput) as caught:
        year_folders(year.parent, 2031)
    (problem,) = caught.value.errors
    assert problem.file.endswith("2031")
    assert year_folders(year.parent, 2030) == [year]


def test_data_folder_without_years(tmp_path):
    (tmp_path / "data" / "2030-cu").mkdir(parents=True)
    with pytest.raises(InvalidInput) as caught:
        year_folders(tmp_path / "data")
    assert "4 chữ số" in caught.value.errors[0].message


def test_a_stray_byte_in_a_utf8_file_names_its_row(year):
    text = read(year, "units.csv").replace("Huyện ủy B", "Huyện ủy B\x00MARK")
    data = text.encode("utf-8").replace(b"\x00MARK", b"\xff")
    (year / "units.csv").write_bytes(data)
    problem = only_error(year)
    assert where(problem) == ("2030/units.csv", 3, None, "ff 2c 68 75")
    assert "UTF-8" in problem.message_en and "dòng" in problem.message


@pytest.mark.parametrize("written", ['"2030-12-31"', '"31/12/2030"', "2030-12-31"])
def test_period_end_may_be_a_quoted_date(year, written):
    edit(year, "year.yml", "end: 2030-12-31", f"end: {written}")
    assert loaded(year).periods["end"].iloc[-1].isoformat() == "2030-12-31"


def test_period_end_that_is_not_a_date(year):
    edit(year, "year.yml", "end: 2030-12-31", 'end: "cuối năm"')
    problem = only_error(year)
    assert (problem.file, problem.row, problem.value) == ("2030/year.yml", 7, "cuối năm")
    assert "2021-03-31" in problem.hint


def test_excel_separator_line_is_honoured_and_hidden(year):
    write(year, "units.csv", "sep=;\n" + read(year, "units.csv").replace(",", ";"))
    edit(year, "units.csv", "xa-a2;", "xa a2;")
    found = [p for p in errors(year) if p.file == "2030/units.csv"]
    assert [where(p)[:3] for p in found] == [("2030/units.csv", 5, "unit_id")]  # as Excel shows it: sep line hidden
