"""Excel in: a year's table read from `<table>.xlsx` (its first sheet, header in row 1) instead of the CSV.

The sheet becomes the same RawTable of text cells that load.py makes of a CSV, so that validation
and everything after it cannot tell the two apart:

- a number typed as a number becomes plain text (1804, 12.5), whatever the cell's number format
  shows; one formatted as a percentage becomes its percentage with a % sign (12,5% -> "12.5%"),
  as the CSV would hold it. The table is read in the `xlsx` number format (numbers.WORKBOOK):
  plain, whatever year.yml's number_format says, so nothing depends on the PC's locale;
- a date becomes ISO text (2022-03-31), TRUE/FALSE stay words, text is normalised to NFC;
- a formula gives the value Excel last computed and saved with it; a formula saved without one
  (a file written by a program and never opened in Excel) is an error naming the cell;
- merged cells, cells holding an Excel error (#N/A, #DIV/0!), and a column with data but no name
  in row 1 are errors; trailing empty rows and columns are ignored, as in a CSV.

Every problem about the table names the workbook, its sheet and the cell (problems.Sheet).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
import warnings
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

from . import limits as limits_module
from .inputs import YearInputs, megabytes, read_from
from .limits import DEFAULT, Limits, vi_int
from .tables import HEADER_SEARCH_ROWS, RawTable, clean_header, display_path, raw_table
from .numbers import THOUSANDS, WORKBOOK
from .problems import Problem, Problems, Sheet
from .schema import Table
from .spreadsheet import without_lxml

SUFFIX = ".xlsx"
QUOTED = re.compile(r'"[^"]*"|\\.')  # literal text inside a number format ("%" or \% is not a percentage)


def workbook_file(table: Table) -> str:
    """The workbook that may stand for a table's CSV: targets.xlsx for targets.csv."""
    return f"{table.name}{SUFFIX}"


def read_workbook_table(folder: Path, table: Table, problems: Problems, limits: Limits = DEFAULT,
                        inputs: YearInputs | None = None) -> RawTable | None:
    """Read `<table>.xlsx`'s first sheet as a table of text cells, or None when it cannot be used.
    The file is read once (`inputs`); its checks and both openings work on those bytes."""
    name = workbook_file(table)
    shown = display_path(folder, name)
    if os.path.lexists(folder / table.file):
        problems.error(shown, None, None, None,
                       f"Có cả {table.file} và {name}: mỗi bảng chỉ được có một tệp.",
                       f"Both {table.file} and {name} are present: a table comes in one file only.",
                       f"Giữ một trong hai tệp; xóa tệp kia hoặc đổi tên nó (ví dụ _{table.file}).",
                       "Keep one of them; delete or rename the other.")
        return None
    data = read_from(inputs, folder / name, shown, problems, limits)
    if data is None or not within_limits(io.BytesIO(data), shown, problems, limits):
        return None
    sheet = open_first_sheet(io.BytesIO(data), shown, problems, data_only=False)
    if sheet is None or not sheet_fits(sheet, shown, problems, limits):
        return None

    def error(row, column, value, cell, message, message_en, hint="", hint_en=""):
        problems.add(Problem(shown, row, column, value, message, message_en, hint, hint_en,
                             sheet=sheet.title, cell=cell))

    cells = list(sheet.iter_rows())  # formulas as written, every other cell's value
    cached = {}
    if any(c.data_type == "f" for row in cells for c in row):
        values = open_first_sheet(io.BytesIO(data), shown, problems, data_only=True)
        if values is None or not sheet_fits(values, shown, problems, limits):
            return None
        cached = {(c.row, c.column): c for row in values.iter_rows() for c in row}
    grid, unreadable, grouped = [], [], []
    for row in cells:
        texts = []
        for cell in row:
            if cell.data_type == "f":
                value = cached.get((cell.row, cell.column))
                # Excel saves a formula's result beside it; a text result saved empty keeps its type "str"
                if value is None or (value.value is None and value.data_type != "str"):
                    unreadable.append((cell, formula_text(cell.value), NOT_COMPUTED))
                    texts.append("")
                    continue
                cell = value
            if cell.data_type == "e":
                unreadable.append((cell, str(cell.value), excel_error(str(cell.value))))
                texts.append("")
                continue
            texts.append(cell_text(cell))
            if cell.data_type == "s" and THOUSANDS.fullmatch(texts[-1]):
                grouped.append((cell.row, cell.column))
        grid.append(texts)
    width = max((i + 1 for row in grid for i, text in enumerate(row) if text.strip()), default=0)
    height = max((i + 1 for i, row in enumerate(grid) if any(text.strip() for text in row)), default=0)
    records = [(row + [""] * width)[:width] for row in grid[:height]]
    header = [clean_header(text) for text in records[0]] if records else []
    problems.sheets[shown] = Sheet(sheet.title, {
        name: letter(index) for index, name in reversed(list(enumerate(header))) if name})

    def column_of(index: int) -> str | None:
        return header[index - 1] or None if index <= len(header) else None

    ok = not unreadable
    for cell, value, messages in unreadable:
        error(cell.row, column_of(cell.column), value, cell.coordinate, *messages)
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        top_left = sheet.cell(merged.min_row, merged.min_col).value
        if merged.min_row == 1:
            error(1, None, None if top_left is None else str(top_left), merged.coord,
                  f"Dòng tiêu đề có ô gộp (merge) {merged.coord}.", f"The header row holds merged cells {merged.coord}.",
                  "Bỏ gộp ô (Merge & Center > Unmerge Cells) và ghi tên một cột vào mỗi ô của dòng 1.",
                  "Unmerge the cells and write one column name in each cell of row 1.")
        else:
            error(merged.min_row, column_of(merged.min_col), None if top_left is None else str(top_left), merged.coord,
                  f"Vùng ô gộp (merge) {merged.coord}: chỉ ô đầu có giá trị, các ô còn lại trống.",
                  f"Merged cells {merged.coord}: only the first cell holds a value, the others are empty.",
                  "Bỏ gộp ô (Unmerge Cells) rồi điền giá trị vào từng dòng.",
                  "Unmerge the cells and fill the value in on every row.")
        ok = False
    if not records:
        error(None, None, None, None, "Trang tính đầu tiên của tệp trống.", "The first sheet is empty.",
              "Dòng 1 phải là dòng tiêu đề cột; các dòng sau là dữ liệu.",
              "Row 1 must hold the column names, the rows below the data.")
        return None
    if not ok or not header_found(records, table, error):
        return None
    numeric = {c.name for c in table.columns if c.kind in ("number", "int")}
    grouped_text = frozenset((row, column_of(index)) for row, index in grouped if column_of(index) in numeric)
    return raw_table(records, table, shown, WORKBOOK, problems, limits, grouped_text)


NOT_COMPUTED = ("Ô có công thức nhưng tệp không lưu giá trị đã tính của nó.",
                "The cell holds a formula saved without its computed value.",
                "Mở tệp bằng Excel rồi lưu lại (Excel tính và lưu giá trị), hoặc thay công thức bằng giá trị: "
                "Sao chép, Dán đặc biệt > Giá trị (Paste Special > Values).",
                "Open and save the file in Excel, or replace the formula by its value (Paste Special > Values).")


def excel_error(code: str) -> tuple[str, str, str, str]:
    """The messages for a cell holding an Excel error value such as #N/A."""
    return (f"Ô chứa lỗi của Excel {code}, không phải một giá trị.", f"The cell holds the Excel error {code}.",
            "Sửa công thức hoặc nhập giá trị vào ô.", "Fix the formula or type the value.")


def open_first_sheet(path: Path | io.BytesIO, shown: str, problems: Problems, data_only: bool):
    """The workbook's first worksheet (formulas, or their saved values with data_only), or None."""
    without_lxml()
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops (extensions, styles)
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=data_only)
    except Exception as err:  # a broken, encrypted or mis-named file: openpyxl raises many kinds
        problems.error(shown, None, None, None,
                       "Không mở được tệp Excel: tệp hỏng, có mật khẩu, hoặc không phải dạng .xlsx.",
                       f"The workbook cannot be opened ({type(err).__name__}: {err}).",
                       "Mở tệp bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng Excel Workbook (*.xlsx).",
                       "Open it in Excel, remove any password, and save it as Excel Workbook (*.xlsx).")
        return None
    if not book.worksheets:
        problems.error(shown, None, None, None, "Tệp Excel không có trang tính nào.", "The workbook has no sheet.",
                       "Dữ liệu phải nằm ở trang tính đầu tiên.", "Put the table on the first sheet.")
        return None
    sheet = book.worksheets[0]
    if sheet.sheet_state != "visible":  # what Excel shows first is another sheet: never read a hidden one silently
        problems.add(Problem(shown, None, None, sheet.title,
                             "Trang tính đầu tiên đang bị ẩn: bảng được đọc từ trang tính đầu tiên.",
                             "The first sheet is hidden; the table is read from the first sheet.",
                             "Trong Excel: nhấn chuột phải vào tên một trang tính > Unhide để hiện trang đó, hoặc "
                             "kéo trang tính chứa bảng lên đầu.",
                             "Unhide it (right-click a sheet tab > Unhide) or move the table's sheet first.",
                             sheet=sheet.title))
        return None
    return sheet


AREA_REF = re.compile(rb"<(?:[\w.-]+:)?(?:mergeCell|hyperlink)\b[^>]*?\bref=[\"']([A-Za-z]{1,3}[0-9]{1,7})"
                      rb"(?::([A-Za-z]{1,3}[0-9]{1,7}))?")


def within_limits(path: Path | io.BytesIO, shown: str, problems: Problems, limits: Limits) -> bool:
    """Whether a workbook may be opened: checked from its zip directory and a streaming scan, before openpyxl
    builds anything. Each part's unpacked size (as the directory declares it: zipfile reads no further),
    the total, the number of XML elements (each becomes an object: cells, shared strings, styles) and the
    area of merged cells and hyperlinks (openpyxl makes a cell for each cell they cover)."""
    def refuse(value, message, message_en, hint, hint_en):
        problems.error(shown, None, None, value, message, message_en, hint, hint_en)
        return False

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            part_limit, total_limit = limits.bytes("xlsx_part_mb"), limits.bytes("xlsx_unpacked_mb")
            for info in parts:
                if info.file_size > part_limit:
                    return refuse(info.filename, f"Phần {info.filename} của tệp giải nén ra {megabytes(info.file_size)}, "
                                  f"quá giới hạn {limits_module.shown(limits, 'xlsx_part_mb')} MB (xlsx_part_mb).",
                                  f"The part {info.filename} unpacks to {info.file_size:,} bytes, over the limit "
                                  f"(xlsx_part_mb).", BOMB_HINT, BOMB_HINT_EN)
            total = sum(info.file_size for info in parts)
            if total > total_limit:
                return refuse(None, f"Tệp giải nén ra {megabytes(total)}, quá giới hạn "
                              f"{limits_module.shown(limits, 'xlsx_unpacked_mb')} MB (xlsx_unpacked_mb).",
                              f"The workbook unpacks to {total:,} bytes, over the limit (xlsx_unpacked_mb).",
                              BOMB_HINT, BOMB_HINT_EN)
            elements, area = 0, 0
            for info in parts:
                if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                counted, covered = scan_part(archive, info)
                elements, area = elements + counted, area + covered
                if elements > limits.xlsx_elements:
                    return refuse(info.filename, f"Tệp có hơn {limits_module.shown(limits, 'xlsx_elements')} phần tử XML "
                                  "(ô, chuỗi, định dạng...), quá giới hạn (xlsx_elements).",
                                  f"The workbook holds more than {limits.xlsx_elements:,} XML elements "
                                  "(xlsx_elements).", BOMB_HINT, BOMB_HINT_EN)
                if area > limits.xlsx_cells:
                    return refuse(info.filename, f"Các vùng ô gộp (merge) hoặc liên kết phủ hơn "
                                  f"{limits_module.shown(limits, 'xlsx_cells')} ô, quá giới hạn (xlsx_cells).",
                                  f"Merged cells or hyperlinks cover more than {limits.xlsx_cells:,} cells "
                                  "(xlsx_cells).", "Bỏ gộp ô (Unmerge Cells), xóa các liên kết phủ cả cột hay cả dòng.",
                                  "Unmerge the cells; remove links that cover whole rows or columns.")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error, NotImplementedError) as err:
        return refuse(None, "Không mở được tệp Excel: tệp hỏng, có mật khẩu, hoặc không phải dạng .xlsx.",
                      f"The workbook cannot be opened ({type(err).__name__}: {err}).",
                      "Mở tệp bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng Excel Workbook (*.xlsx).",
                      "Open it in Excel, remove any password, and save it as Excel Workbook (*.xlsx).")
    return True


BOMB_HINT = ("Tệp này không giống một bảng dữ liệu bình thường: mở bằng Excel, chép bảng sang một tệp mới "
             "(chỉ giá trị), lưu lại dạng Excel Workbook (*.xlsx) hoặc CSV UTF-8.")
BOMB_HINT_EN = "This is not an ordinary table: copy the table's values into a new workbook or a CSV UTF-8 file."


def scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """The number of XML start tags in a part, and the cells covered by its merged ranges and hyperlinks,
    read a megabyte at a time (a tag cut by a chunk's end is found in the next with its tail)."""
    elements = area = 0
    tail = b""
    with archive.open(info) as handle:
        while chunk := handle.read(1 << 20):
            elements += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            window = tail + chunk
            cut = window.rfind(b"<")  # refs are matched in whole tags only: the last, maybe cut, goes on
            for match in AREA_REF.finditer(window, 0, cut if cut > 0 else len(window)):
                area += range_area(match.group(1), match.group(2) or match.group(1))
            tail = window[cut:] if cut > 0 and len(window) - cut < 4096 else b""
    if tail:
        for match in AREA_REF.finditer(tail):
            area += range_area(match.group(1), match.group(2) or match.group(1))
    return elements, area


def range_area(first: bytes, last: bytes) -> int:
    """The number of cells of a range such as A1:XFD1048576."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    (c1, r1), (c2, r2) = (coordinate_from_string(ref.decode("ascii").upper()) for ref in (first, last))
    return (abs(column_index_from_string(c2) - column_index_from_string(c1)) + 1) * (abs(r2 - r1) + 1)


def sheet_fits(sheet, shown: str, problems: Problems, limits: Limits) -> bool:
    """Whether the sheet's used range is within the limits before its rows are read (iter_rows makes every
    cell of the range: two cells at A1 and XFD1048576 would make seventeen billion)."""
    rows, columns = sheet.max_row, sheet.max_column
    if rows - 1 <= limits.rows and columns <= limits.columns and rows * columns <= limits.xlsx_cells:
        return True
    from openpyxl.utils import get_column_letter

    corner = f"{get_column_letter(columns)}{rows}"
    problems.add(Problem(shown, None, None, f"A1:{corner}",
                         f"Vùng dữ liệu của trang tính là A1:{corner} ({vi_int(rows)} dòng × {vi_int(columns)} cột), "
                         f"quá giới hạn {vi_int(limits.rows)} dòng, {limits.columns} cột, {vi_int(limits.xlsx_cells)} ô "
                         "(rows, columns, xlsx_cells).",
                         f"The sheet's used range is A1:{corner}, over the limits (rows, columns, xlsx_cells).",
                         "Xóa các dòng, cột thừa ở cuối (chọn, chuột phải > Delete), kể cả ô chỉ có định dạng, "
                         "rồi lưu lại.", "Delete the extra rows and columns at the end, then save.",
                         sheet=sheet.title, cell=corner))
    return False


def header_found(records: list[list[str]], table: Table, error) -> bool:
    """Row 1 must name the table's columns; say where the header is when it lies lower."""
    known = {c.name for c in table.columns}
    if known & {clean_header(text) for text in records[0]}:
        return True
    found_at = next((i for i, r in enumerate(records[:HEADER_SEARCH_ROWS])
                     if known & {clean_header(text) for text in r}), None)
    required = ", ".join(c.name for c in table.columns if c.required)
    if found_at is not None:
        error(1, None, records[0][0] if records[0] else "", "A1",
              f"Dòng tiêu đề cột phải là dòng 1, nhưng nằm ở dòng {found_at + 1}.",
              f"The header must be row 1; it is on row {found_at + 1}.",
              f"Xóa {found_at} dòng phía trên dòng tiêu đề.", f"Delete the {found_at} row(s) above the header.")
    else:
        error(1, None, records[0][0] if records[0] else "", "A1",
              "Không tìm thấy dòng tiêu đề cột ở trang tính đầu tiên.", "No header row found on the first sheet.",
              f"Dòng 1 của trang tính đầu tiên phải có các cột: {required}, mỗi ô một tên cột.",
              "Row 1 of the first sheet must name the required columns, one per cell.")
    return False


def cell_text(cell) -> str:
    """A cell's value as the text a CSV would hold: plain numbers, ISO dates, NFC text."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if is_percent(cell.number_format):
            return plain_number(value, shift=2) + "%"
        return plain_number(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return unicodedata.normalize("NFC", str(value))


def plain_number(value: int | float, shift: int = 0) -> str:
    """A number in plain format, digits as Python's shortest repr gives them: 1804, 12.5, 0.1 (not 0.1000…1).

    `shift` moves the decimal point right (2 for a percentage: 0.125 -> 12.5) without float error.
    """
    number = (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)).scaleb(shift)
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


def is_percent(number_format: str | None) -> bool:
    """Whether a number format shows the value as a percentage (a % outside quoted text)."""
    return "%" in QUOTED.sub("", number_format or "")


def formula_text(value) -> str:
    """A formula as its cell shows it in the formula bar."""
    text = getattr(value, "text", value)  # array formulas carry their text in an object
    return "" if text is None else str(text)


def letter(index: int) -> str:
    """Spreadsheet letter of a zero-based column index (0 -> A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
