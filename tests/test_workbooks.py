"""Excel in, Excel out: tables read from workbooks, the template command, export/results.xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from scorecard import schema
from scorecard.cli import main
from scorecard.cells import plain_number, safe_text
from scorecard.problems import Problems
from scorecard.template import LABELS, template_files
from scorecard.workbook import read_workbook_table
from site_fixture import SAMPLE_DATA, tree_digest

HOSTILE = '=HYPERLINK("http://x","bấm")'
NUMERIC = {t.name: {c.name for c in t.columns if c.kind in ("number", "int")} for t in schema.TABLES}


def csv_rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def as_number(text: str):
    value = float(text)
    return int(value) if value.is_integer() else value


def to_workbook(folder: Path, name: str, edit=None, keep_csv: bool = False) -> Path:
    """Replace <name>.csv (comma-delimited, plain numbers) by <name>.xlsx, numbers typed as numbers."""
    rows = csv_rows(folder / f"{name}.csv")
    book = Workbook()
    sheet = book.active
    sheet.title = name
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([as_number(cell) if column in NUMERIC[name] and re.fullmatch(r"-?[0-9.]+", cell) else cell
                      for column, cell in zip(rows[0], row)])
    if edit is not None:
        edit(sheet)
    path = folder / f"{name}.xlsx"
    book.save(path)
    if not keep_csv:
        (folder / f"{name}.csv").unlink()
    return path


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value Excel would have saved beside them (openpyxl saves none)."""
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    sheet = entries["xl/worksheets/sheet1.xml"].decode("utf-8")
    for cell, value in values.items():
        sheet, count = re.subn(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v\s*/>', rf"\g<1><v>{value}</v>", sheet)
        assert count == 1, cell
    entries["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)


# --- Excel in -------------------------------------------------------------------------


def test_sample_data_as_workbooks_exports_the_same_bytes(tmp_path, sample_site):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data, ignore=shutil.ignore_patterns("snapshots"))

    def formula_and_percent(sheet):
        header = [c.value for c in sheet[1]]
        target = header.index("target") + 1
        for row in sheet.iter_rows(min_row=2):
            unit, indicator = row[0].value, row[1].value
            cell = row[target - 1]
            if (unit, indicator) == ("yen-lac", "ket-nap"):
                formula_and_percent.cached = {cell.coordinate: str(cell.value)}  # as Excel saves it
                cell.value = f"=100+{cell.value - 100}"
            elif indicator == "ho-ngheo" and isinstance(cell.value, (int, float)):
                cell.value = round(cell.value / 100, 12)  # typed as 0,5% in a percent-formatted cell
                cell.number_format = "0.00%"

    for year in ("2021", "2022"):
        for path in sorted((data / year).glob("*.csv")):
            to_workbook(data / year, path.stem, formula_and_percent if path.stem == "targets" else None)
        cache_formula_values(data / year / "targets.xlsx", formula_and_percent.cached)
        assert not list((data / year).glob("*.csv"))
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    for year in ("2021", "2022"):
        for export in ("results.csv", "summary.json", "results.xlsx"):
            assert (site / year / "export" / export).read_bytes() == \
                (sample_site / year / "export" / export).read_bytes(), (year, export)


def test_a_workbook_is_read_as_text_cells_like_a_csv(tmp_path):
    folder = tmp_path / "2021"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    sheet.append(["unit_id", "indicator_id", "period", "value", "status", "evidence", "Note", None])
    sheet.append(["a", "n", "q1", 1804, None, dt.datetime(2021, 3, 5), "  x  "])
    sheet.append([None] * 5)  # a blank row inside the table
    sheet.append(["a", "r", "q1", 0.125, None, True, "Ho\u0300a"])  # a percentage, a boolean, text to NFC
    sheet["D4"].number_format = "0.0%"
    sheet.append(["a", "amt", "h1", 1234567.89, None, "=\"\"", 1 / 3])  # a formula whose result is ""
    sheet.append(["a", "amt", "y", -0.0, None, None, 1e-7])
    sheet["J12"] = None  # trailing rows and columns left empty (Excel keeps them in its used range)
    sheet["J12"].number_format = "0.00"
    path = folder / "results.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    xml = entries["xl/worksheets/sheet1.xml"].decode()
    entries["xl/worksheets/sheet1.xml"] = re.sub(r'<c r="F5"><f>', '<c r="F5" t="str"><f>', xml).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    problems = Problems()
    raw = read_workbook_table(folder, schema.TABLES_BY_NAME["results"], problems)
    assert problems.items == []
    assert raw.path == "2021/results.xlsx" and raw.delimiter == "xlsx"
    frame = raw.frame
    assert list(frame["_row"]) == [2, 4, 5, 6]
    assert list(frame["value"]) == ["1804", "12.5%", "1234567.89", "0"]
    assert list(frame["evidence"]) == ["2021-03-05", "TRUE", "", ""]
    assert list(frame["note"]) == ["x", "Hòa", "0.3333333333333333", "0.0000001"]


def workbook_year(make_year, **kwargs) -> Path:
    """A small valid year (conftest's defaults) with targets and results: the data folder."""
    return make_year(targets="""
        unit_id,indicator_id,target,weight
        a,n,100,2
        a,amt,50,
        """, results="""
        unit_id,indicator_id,period,value,status
        a,n,q1,30,
        a,amt,q1,10,
        """, **kwargs)


def check_errors(data: Path, capsys) -> str:
    assert main(["check", "--data", str(data), "-q"]) == 2
    return capsys.readouterr().err


def test_a_formula_without_its_computed_value_is_named_by_cell(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "targets", lambda sheet: sheet.__setitem__("C3", "=SUM(40,10)"))
    err = check_errors(data, capsys)
    assert 'Lỗi (error): 2021/targets.xlsx, trang tính targets, ô C3, dòng 3, cột target, giá trị "=SUM(40,10)"' in err
    assert "không lưu giá trị đã tính" in err and "Paste Special > Values" in err


def test_a_formula_with_its_computed_value_is_read_as_that_value(make_year, capsys):
    data = workbook_year(make_year)
    path = to_workbook(data / "2021", "targets", lambda sheet: sheet.__setitem__("C3", "=SUM(40,10)"))
    cache_formula_values(path, {"C3": "50"})
    assert main(["check", "--data", str(data), "-q"]) == 0


def test_a_merged_header_is_named_by_its_cells(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "units", lambda sheet: sheet.merge_cells("D1:E1"))
    err = check_errors(data, capsys)
    assert '2021/units.xlsx, trang tính units, ô D1:E1, dòng 1, giá trị "parent_id"' in err
    assert "ô gộp (merge)" in err


def test_merged_cells_in_the_data_are_named_too(make_year, capsys):
    data = workbook_year(make_year)

    def merge(sheet):
        sheet.append(["a", "r", 5])
        sheet.merge_cells("A2:A4")
    to_workbook(data / "2021", "targets", merge)
    err = check_errors(data, capsys)
    assert '2021/targets.xlsx, trang tính targets, ô A2:A4, dòng 2, cột unit_id, giá trị "a"' in err


def test_a_blank_header_over_data_is_named_by_its_cell(make_year, capsys):
    data = workbook_year(make_year)

    def blank(sheet):
        sheet["C1"] = None
        sheet["C2"] = 1
    to_workbook(data / "2021", "groups", blank)
    err = check_errors(data, capsys)
    assert '2021/groups.xlsx, trang tính groups, ô C1, dòng 1, cột C, giá trị ""' in err
    assert "Cột C có dữ liệu nhưng không có tên cột" in err


def test_an_unknown_column_is_named_by_its_cell(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "units", lambda sheet: sheet.__setitem__("B1", "nmae"))
    err = check_errors(data, capsys)
    assert '2021/units.xlsx, trang tính units, ô B1, dòng 1, cột nmae, giá trị "nmae"' in err
    assert 'Có phải là "name"?' in err


def test_a_bad_number_is_named_by_its_cell_with_a_hint_for_workbooks(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "results", lambda sheet: sheet.__setitem__("D3", "1.804,5"))
    err = check_errors(data, capsys)
    assert 'Lỗi (error): 2021/results.xlsx, trang tính results, ô D3, dòng 3, cột value, giá trị "1.804,5"' in err
    assert "ô kiểu số (Number)" in err
    assert "number_format" not in err  # year.yml's setting does not apply to a workbook: not suggested


def test_numbers_in_a_workbook_do_not_depend_on_number_format(make_year):
    data = workbook_year(make_year, year_yml_extra="number_format: vi\n")
    to_workbook(data / "2021", "targets", lambda sheet: sheet.__setitem__("C3", 50.5))
    assert main(["check", "--data", str(data), "-q"]) == 0


def test_a_bad_id_is_named_by_its_cell(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "results", lambda sheet: sheet.__setitem__("A2", "Yên Lạc"))
    err = check_errors(data, capsys)
    assert '2021/results.xlsx, trang tính results, ô A2, dòng 2, cột unit_id, giá trị "Yên Lạc"' in err
    assert '"yen-lac"' in err


def test_a_table_given_both_as_csv_and_workbook_is_an_error(make_year, capsys):
    data = workbook_year(make_year)
    to_workbook(data / "2021", "targets", keep_csv=True)
    err = check_errors(data, capsys)
    assert "Lỗi (error): 2021/targets.xlsx\n" in err
    assert "Có cả targets.csv và targets.xlsx" in err


def test_a_file_that_is_not_a_workbook_is_an_error(make_year, capsys):
    data = workbook_year(make_year)
    (data / "2021" / "groups.xlsx").write_text("group_id,name\n", encoding="utf-8")
    (data / "2021" / "groups.csv").unlink()
    err = check_errors(data, capsys)
    assert "2021/groups.xlsx" in err and "Không mở được tệp Excel" in err


def test_csv_problems_are_printed_as_before(make_year, capsys):
    data = workbook_year(make_year)
    path = data / "2021" / "results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("a,amt,q1,10", "a,amt,q1,1x"), encoding="utf-8")
    err = check_errors(data, capsys)
    assert 'Lỗi (error): 2021/results.csv, dòng 3, cột value, giá trị "1x"\n' in err
    assert "trang tính" not in err


# --- templates ------------------------------------------------------------------------


def test_every_column_has_a_vietnamese_label():
    for table in schema.TABLES:
        for column in table.columns:
            assert f"{table.name}.{column.name}" in LABELS or column.name in LABELS, (table.name, column.name)


def test_template_for_the_next_year_carries_the_year_over_and_builds_once_filled(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022")
    assert main(["template", "2023", "--from", "2022", "--data", str(data)]) == 0
    assert "python generate.py check" in capsys.readouterr().out
    folder = data / "2023"
    assert sorted(p.name for p in folder.iterdir()) == [
        "groups.xlsx", "indicators.xlsx", "officials.xlsx", "results.xlsx", "targets.xlsx", "units.xlsx", "year.yml"]
    year_yml = (folder / "year.yml").read_text(encoding="utf-8")
    assert "năm 2023" in year_yml and "2022-" not in year_yml
    assert '  - {id: h1, name: "6 tháng đầu năm", end: 2023-06-30}' in year_yml

    previous_targets = csv_rows(SAMPLE_DATA / "2022" / "targets.csv")[1:]
    kinds = {r[0]: r[2] for r in csv_rows(SAMPLE_DATA / "2022" / "indicators.csv")[1:]}
    book = load_workbook(folder / "targets.xlsx")
    sheet = book.worksheets[0]
    assert sheet.title == "targets" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [c.name for c in schema.TABLES_BY_NAME["targets"].columns]
    assert sheet["A1"].comment.text.startswith("Mã đơn vị (bắt buộc)")
    assert sheet["C1"].comment.text.startswith("Chỉ tiêu giao (bắt buộc với chỉ tiêu số)")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [(r[0], r[1]) for r in previous_targets]
    assert all(r[2] is None for r in rows)  # targets empty, to be filled
    lists = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    assert lists["A2"].formula1 == "'danh-muc'!$A$2:$A$37" and lists["A2"].errorStyle == "warning"
    assert lists["E2"].formula1 == '"q1,h1,9m,y"' and lists["E2"].errorStyle == "stop"
    assert book["danh-muc"].sheet_state == "hidden"
    indicators = load_workbook(folder / "indicators.xlsx").worksheets[0]
    choices = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in indicators.data_validations.dataValidation}
    assert choices["C2"] == '"count,amount,rate,task"' and choices["E2"] == '"up,down"'
    results = load_workbook(folder / "results.xlsx").worksheets[0]
    assert results.max_row == 1
    choices = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in results.data_validations.dataValidation}
    assert choices["E2"] == '"done,in_progress,not_started"'

    # fill it in as a user would: every number target, a few results
    for row in sheet.iter_rows(min_row=2):
        if kinds[row[1].value] != "task":
            row[2].value = 10
    book.save(folder / "targets.xlsx")
    book = load_workbook(folder / "results.xlsx")
    for unit, indicator in [(r[0], r[1]) for r in previous_targets if kinds[r[1]] != "task"][:5]:
        book.worksheets[0].append([unit, indicator, "q1", 4])
    book.save(folder / "results.xlsx")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q", "--year", "2023"]) == 0
    summary = json.loads((site / "2023" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert summary["year"] == 2023 and summary["period"] == "q1"


def test_template_carries_the_officials_in_post_at_the_year_end(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022")
    assert main(["template", "2023", "--from", "2022", "--data", str(data)]) == 0
    # 41 posts in 2022, two of them ended on 28/02/2022 (Sở Nội vụ and Yên Lạc changed hands)
    assert "officials.xlsx: 39 chức vụ còn giữ đến cuối năm 2022 được chép sang" in capsys.readouterr().out
    rows = list(load_workbook(data / "2023" / "officials.xlsx").worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(c.name for c in schema.TABLES_BY_NAME["officials"].columns)
    posts = {(r[0], r[2]): r for r in rows[1:]}
    assert len(posts) == 39 and ("cb-034", "so-noi-vu") not in posts and ("cb-008", "yen-lac") not in posts
    assert posts[("cb-008", "so-noi-vu")] == ("cb-008", "Hoàng Văn Sơn", "so-noi-vu", "Giám đốc Sở Nội vụ", None, None)
    assert posts[("cb-040", "yen-lac")][4:] == (None, None)  # from 01/03/2022: the whole of 2023 now


@pytest.mark.parametrize("column, note, fill", [
    ("unit_id", "Mã đơn vị (bắt buộc)\n", "DDEBF7"),
    ("period", "Kỳ báo cáo (mã kỳ) (bắt buộc)\n", "DDEBF7"),
    ("value", "Kết quả lũy kế (bắt buộc với chỉ tiêu số)\n", "FFF2CC"),  # empty for a task
    ("status", "Tình trạng nhiệm vụ (bắt buộc với nhiệm vụ)\n", "FFF2CC"),  # empty for a number indicator
    ("evidence", "Sản phẩm đã có (không bắt buộc)\n", "F2F2F2"),
])
def test_results_template_says_which_cells_are_required_for_which_kind(template_2023, column, note, fill):
    sheet = load_workbook(template_2023 / "results.xlsx").worksheets[0]
    head = next(c for c in sheet[1] if c.value == column)
    assert head.comment.text.startswith(note)
    assert head.fill.fgColor.rgb.endswith(fill)


@pytest.fixture(scope="module")
def template_2023(tmp_path_factory) -> Path:
    """data/2023 made by `template` from the sample's 2022."""
    data = tmp_path_factory.mktemp("template") / "data"
    shutil.copytree(SAMPLE_DATA / "2022", data / "2022")
    assert main(["template", "2023", "--from", "2022", "--data", str(data), "-q"]) == 0
    return data / "2023"


def test_template_gives_the_same_bytes_twice_and_refuses_to_overwrite(tmp_path, capsys):
    assert template_files(SAMPLE_DATA / "2021", 2022) == template_files(SAMPLE_DATA / "2021", 2022)
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2021", data / "2021")
    (data / "2022").mkdir()
    (data / "2022" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["template", "2022", "--data", str(data)]) == 1  # --from defaults to the year before
    assert "không ghi đè" in capsys.readouterr().err
    assert sorted(p.name for p in (data / "2022").iterdir()) == ["notes.txt"]


def test_template_carries_text_that_looks_like_a_formula_as_text(make_year):
    data = make_year(units=f"""
        unit_id,name,group_id,parent_id
        a,"{HOSTILE.replace('"', '""')}",g,
        b,Tên xấu,g,
        """, targets="""
        unit_id,indicator_id,target
        a,n,100
        b,n,5
        """)  # (a control character in a name is refused on input: tests/test_limits.py)
    assert main(["template", "2022", "--data", str(data)]) == 0
    names = load_workbook(data / "2022" / "units.xlsx").worksheets[0]["B"]
    assert [(c.value, c.data_type) for c in names[1:]] == [(HOSTILE, "s"), ("Tên xấu", "s")]
    book = load_workbook(data / "2022" / "targets.xlsx")
    for row in book.worksheets[0].iter_rows(min_row=2):
        row[2].value = 10
    book.save(data / "2022" / "targets.xlsx")
    assert main(["check", "--data", str(data), "--year", "2022", "-q"]) == 0


# --- Excel out ------------------------------------------------------------------------


def sheet_rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def test_results_xlsx_carries_the_figures_of_results_csv(sample_site):
    book = load_workbook(sample_site / "2021" / "export" / "results.xlsx")
    # the sample year's sheets say they are sample data (tests/test_clients.py)
    assert book.sheetnames == ["Tổng hợp theo chỉ tiêu (mẫu)", "Đơn vị (mẫu)", "Chỉ tiêu theo kỳ (mẫu)"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    lines = book["Chỉ tiêu theo kỳ (mẫu)"]
    assert [c.value for c in lines[1]][:4] == ["Năm", "Mã kỳ", "Kỳ", "Mã đơn vị"]
    rows = list(csv.DictReader((sample_site / "2021" / "export" / "results.csv")
                               .read_text(encoding="utf-8-sig").splitlines()))
    cells = sheet_rows(lines)
    assert len(cells) == len(rows)
    for row, line in zip(rows, cells):
        assert (row["period"], row["unit_id"], row["indicator_id"]) == (line[1], line[3], line[6])
        for text, value in ((row["target"], line[9]), (row["value"], line[10]), (row["completion"], line[11])):
            assert (value is None) if text == "" else value == float(text)  # every digit, as in the CSV
    formats = {(line[3], line[6], line[1]): lines.cell(i + 2, 10).number_format for i, line in enumerate(cells)}
    assert formats[("yen-lac", "ket-nap", "y")] == "#,##0"
    assert {lines.cell(i + 2, 12).number_format for i, line in enumerate(cells) if line[11] is not None} == {"0.0%"}
    assert {lines.cell(i + 2, 1).number_format for i in range(len(cells))} == {"0"}  # 2021, not 2.021

    summary = book["Tổng hợp theo chỉ tiêu (mẫu)"]
    ket_nap = next(i for i, row in enumerate(sheet_rows(summary)) if row[0] == "ket-nap") + 2
    assert [summary.cell(ket_nap, c).value for c in (4, 5, 6, 7, 8)] == [1740, 1804, 64, 9, 9]
    assert summary.cell(ket_nap, 4).number_format == "#,##0"  # shows 1.804 in a Vietnamese Excel
    assert summary.cell(ket_nap, 9).number_format == "0.0%"
    units = book["Đơn vị (mẫu)"]
    decided = next(row for row in sheet_rows(units) if row[0] == "so-xay-dung")
    header = [c.value for c in units[1]]
    assert header[8:14] == ["Điểm", "Điểm (thang 100)", "Xếp loại", "Xếp loại theo tính toán", "Căn cứ xếp loại",
                            "Lý do của mức được quyết định"]
    assert decided[10] == "Không hoàn thành nhiệm vụ" and decided[11] == "Hoàn thành tốt nhiệm vụ"
    assert decided[9] == 100 and decided[13] == "Có cán bộ lãnh đạo sở bị kỷ luật trong năm"
    assert decided[12].startswith("Do cấp có thẩm quyền quyết định: Không hoàn thành nhiệm vụ. Lý do: Có cán bộ")
    assert "3/3 chỉ tiêu đạt, nhưng chỉ 1/3 (33,3%) vượt (xuất sắc cần từ 50%) → Hoàn thành tốt nhiệm vụ" \
        in decided[12]
    computed = next(row for row in sheet_rows(units) if row[0] == "so-cong-thuong")
    assert computed[12] == ("2/3 chỉ tiêu đạt, 1 chưa đạt; chỉ tiêu đạt chiếm 80% trọng số (từ 70%) "
                            "→ Hoàn thành nhiệm vụ")
    assert computed[13] is None  # no decision: a blank cell, not an empty text
    score = next(i for i, row in enumerate(sheet_rows(units)) if row[0] == "yen-lac") + 2
    assert units.cell(score, 9).number_format == "0.0%" and 1 < units.cell(score, 9).value < 1.2



def test_results_xlsx_stores_hostile_text_as_text_and_numbers_as_numbers(make_year, tmp_path):
    data = make_year(units=f"""
        unit_id,name,group_id,parent_id
        a,"{HOSTILE.replace('"', '""')}",g,
        b,-5,g,
        """, targets="""
        unit_id,indicator_id,target
        a,amt,10
        b,amt,10
        """, results="""
        unit_id,indicator_id,period,value,status
        a,amt,q1,-3.5,
        b,amt,q1,0.00001,
        """)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    export = site / "2021" / "export"
    rows = {r["unit_id"]: r for r in csv.DictReader(
        (export / "results.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert rows["a"]["unit_name"] == "'" + HOSTILE and rows["b"]["unit_name"] == "-5"
    assert rows["a"]["value"] == "-3.5" and rows["b"]["value"] == "0.00001"  # plain numbers, never quoted
    book = load_workbook(export / "results.xlsx")
    lines = {row[3]: row for row in sheet_rows(book["Chỉ tiêu theo kỳ"])}
    assert lines["a"][4] == "'" + HOSTILE and lines["a"][10] == -3.5 and lines["b"][10] == 0.00001
    assert lines["b"][4] == "-5"
    names = [c for c in book["Chỉ tiêu theo kỳ"]["E"] if c.value == "'" + HOSTILE]
    assert names and all(c.data_type == "s" for c in names)
    with zipfile.ZipFile(export / "results.xlsx") as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("text, safe", [("=1+1", "'=1+1"), ("-1+1", "'-1+1"), ("@x", "'@x"), ("-5", "-5"),
                                        ("+3.5", "+3.5"), ("Yên Lạc", "Yên Lạc")])
def test_safe_text(text, safe):
    assert safe_text(text) == safe


@pytest.mark.parametrize("number, text", [(1e-05, "0.00001"), (1804.0, "1804"), (0.1, "0.1")])
def test_plain_number(number, text):
    assert plain_number(number) == text


def test_a_workbook_year_builds_to_the_same_bytes_twice(make_year, tmp_path):
    data = workbook_year(make_year)
    for name in ("targets", "results"):
        to_workbook(data / "2021", name)
    assert main(["--data", str(data), "--site", str(tmp_path / "a"), "-q"]) == 0
    assert main(["--data", str(data), "--site", str(tmp_path / "b"), "-q"]) == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
