"""Templates: `python generate.py template 2023 --from 2022` prepares a new year's workbooks, ready to fill.

From the previous year (validated first) it carries over the groups, units and indicators, one
targets row per previous (unit, indicator) with the target left empty, an empty results sheet, the
officials still in post at the end of the previous year (dates left empty: the whole new year), and
a year.yml with the same periods (ids and names) ending on the same days of the new year.

Every workbook has the table on its first sheet (the sheet the reader takes), named after the table:
row 1 holds the column names the reader expects, each with a comment giving its Vietnamese label,
whether it is required and what it takes; the header is frozen, columns are sized, id and text
columns are formatted as Text (so 001 stays 001), and drop-down lists offer the ids carried over
(units, groups, indicators: a warning only, so a new id can still be typed) and the fixed
vocabularies (kinds, directions, aggregates, periods, task statuses, ratings: nothing else accepted).
The id lists live on a hidden second sheet, `danh-muc`, which the reader ignores.

Nothing is written here: publish.write_new_folder() creates the year's folder.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import yaml

from . import labels, schema
from .load import read_year
from .problems import InvalidInput, Problem, Problems
from .publish import write_new_folder
from .spreadsheet import ILLEGAL, new_book, workbook_bytes
from .workbook import workbook_file

LISTS_SHEET = "danh-muc"
LAST_ROW = 1048576  # Excel's last row: drop-downs and formats reach every row the user may fill

# Vietnamese labels of the columns, shown in each header cell's comment (by table.column, else column).
LABELS = {
    "group_id": "Mã nhóm", "groups.name": "Tên nhóm", "groups.order": "Thứ tự nhóm",
    "unit_id": "Mã đơn vị", "units.name": "Tên đơn vị", "parent_id": "Mã đơn vị cấp trên",
    "head": "Người đứng đầu", "units.order": "Thứ tự trong nhóm",
    "indicator_id": "Mã chỉ tiêu", "indicators.name": "Tên chỉ tiêu", "kind": "Loại chỉ tiêu",
    "measure": "Đơn vị tính", "direction": "Chiều đánh giá", "category": "Lĩnh vực",
    "aggregate": "Cách cộng dồn",
    "target": "Chỉ tiêu giao", "weight": "Trọng số", "due": "Hạn hoàn thành (mã kỳ)",
    "product": "Sản phẩm phải có", "note": "Ghi chú",
    "period": "Kỳ báo cáo (mã kỳ)", "value": "Kết quả lũy kế", "status": "Tình trạng nhiệm vụ",
    "evidence": "Sản phẩm đã có",
    "rating": "Xếp loại được quyết định", "reason": "Lý do",
    "official_id": "Mã cán bộ", "officials.name": "Họ và tên", "title": "Chức vụ",
    "from": "Từ ngày (2021-07-15 hoặc 15/07/2021)", "to": "Đến ngày (2021-07-15 hoặc 15/07/2021)",
}
TEXT_KINDS = ("id", "ref", "text", "choice")  # columns formatted as Text in Excel
TEMPLATE_TABLES = ("groups", "units", "indicators", "targets", "results")  # ratings.csv stays optional


# Header fills: blue for a cell every row must fill, yellow for one some rows must (by indicator kind), grey else.
HEADER_COLOURS = {"required": "DDEBF7", "required_for": "FFF2CC", "optional": "F2F2F2"}


def header_kind(column: schema.Column) -> str:
    """Which header colour a column gets: required, required for some kinds of indicator only, or optional."""
    if column.required_for:
        return "required_for"
    return "required" if column.required else "optional"


def label(table: schema.Table, column: schema.Column) -> str:
    """A column's Vietnamese label."""
    return LABELS.get(f"{table.name}.{column.name}") or LABELS[column.name]


def make_template(data_dir: Path, year: int, source: int | None = None) -> tuple[Path, list[str], list[str]]:
    """Write data/<year>/ from the year `source` (default: the latest year before it).

    Returns the folder, its files, and notes for the user (what was not carried over, and why).
    """
    folder = data_dir / str(year)
    source_folder = source_year_folder(data_dir, year, source)
    files, notes = template_files(source_folder, year)
    write_new_folder(folder, files)
    if is_sample(source_folder):
        notes.insert(0, f"Năm {source_folder.name} là dữ liệu mẫu (sample: true); năm {year} không được đánh dấu là "
                     f"dữ liệu mẫu. Nếu năm {year} cũng là dữ liệu mẫu, thêm dòng sample: true vào year.yml. "
                     f"({source_folder.name} is sample data; {year} is not marked so.)")
    return folder, sorted(files), notes


def is_sample(source_folder: Path) -> bool:
    """Whether a (valid) year is marked as sample data."""
    settings = yaml.safe_load((source_folder / "year.yml").read_text(encoding="utf-8-sig"))
    return isinstance(settings, dict) and settings.get("sample") is True


def source_year_folder(data_dir: Path, year: int, source: int | None) -> Path:
    """The folder of the year to start from, checked: present, not the new year (default: the latest before it)."""
    def invalid(message, message_en, value=None):
        return InvalidInput([Problem(str(data_dir), None, "--from", value, message, message_en)])

    if source is None:
        earlier = sorted(int(p.name) for p in data_dir.iterdir()
                         if p.is_dir() and schema.YEAR_PATTERN.fullmatch(p.name) and int(p.name) < year) \
            if data_dir.is_dir() else []
        if not earlier:
            raise invalid(f"Không có năm nào trước {year} trong {data_dir} để lấy làm mẫu.",
                          f"No year before {year} in {data_dir} to start from; use --from YEAR.")
        source = earlier[-1]
    if source == year:
        raise invalid("Năm mẫu (--from) phải khác năm cần tạo.", "--from must name another year.", str(source))
    folder = data_dir / str(source)
    if not folder.is_dir():
        raise invalid(f"Không có thư mục dữ liệu của năm {source}.", f"There is no data folder for {source}.",
                      str(source))
    return folder


def template_files(source_folder: Path, year: int) -> tuple[dict[str, str | bytes], list[str]]:
    """year.yml and the workbooks of the new year, from a valid previous year, and notes on what was
    carried over."""
    from .validate import validate_year

    problems = Problems()
    raw = read_year(source_folder, problems)
    previous = validate_year(raw, problems)
    problems.raise_if_errors()
    assert previous is not None
    date = dt.date(year, 1, 1)
    periods = list(previous.periods["period_id"])
    units = list(previous.units["unit_id"])
    groups = list(previous.groups["group_id"])
    indicators = list(previous.indicators["indicator_id"])
    lists = {"unit_id": units, "group_id": groups, "parent_id": units, "indicator_id": indicators}
    vocabularies = {"kind": schema.KINDS, "direction": schema.DIRECTIONS, "aggregate": schema.AGGREGATES,
                    "status": schema.TASK_STATUSES, "rating": schema.RATINGS, "period": tuple(periods),
                    "due": tuple(periods)}

    def rows_of(frame, columns):
        return [[cell(record.get(c)) for c in columns] for record in frame.to_dict("records")]

    tables = schema.TABLES_BY_NAME
    targets = previous.targets.assign(target=None, weight=previous.targets["weight"].where(
        previous.targets["weight"] != 1.0, None), due=None, product=None, note=None)
    content = {
        "groups": rows_of(previous.groups, [c.name for c in tables["groups"].columns]),
        "units": rows_of(previous.units, [c.name for c in tables["units"].columns]),
        "indicators": rows_of(previous.indicators, [c.name for c in tables["indicators"].columns]),
        "targets": rows_of(targets, [c.name for c in tables["targets"].columns]),
        "results": [],
    }
    tables_made, notes = list(TEMPLATE_TABLES), []
    if previous.officials is not None:
        posts = posts_held_at_year_end(previous)
        content["officials"] = rows_of(posts, [c.name for c in tables["officials"].columns])
        tables_made.append("officials")
        notes.append(f"officials.xlsx: {len(posts)} chức vụ còn giữ đến cuối năm {previous.year} được chép sang, "
                     f"ngày để trống (cả năm {year}); {len(previous.officials) - len(posts)} chức vụ đã kết thúc "
                     f"trong năm {previous.year} không chép. Sửa khi có luân chuyển. ({len(posts)} posts held at the "
                     f"end of {previous.year} carried over.)")
    files: dict[str, str | bytes] = {"year.yml": year_yml(raw.settings, previous, year)}
    for name in tables_made:
        table = tables[name]
        # a table's own key is being written here, not chosen: no drop-down on it
        own_key = {"groups": "group_id", "units": "unit_id", "indicators": "indicator_id"}.get(name)
        choices = {c.name: lists[c.name] for c in table.columns if c.name in lists and c.name != own_key}
        fixed = {c.name: vocabularies[c.name] for c in table.columns if c.name in vocabularies}
        files[workbook_file(table)] = table_workbook(table, content[name], choices, fixed, date)
    return files, notes


def posts_held_at_year_end(previous) -> pd.DataFrame:
    """The posts of the previous year still held on its last day, one per (official, unit, title), with
    their dates emptied: in the new year they run from 1 January to the end of its last period."""
    held = previous.officials[previous.officials["to"] >= pd.Timestamp(previous.periods["end"].iloc[-1])]
    held = held.drop_duplicates(["official_id", "unit_id", "title"]).sort_values("row", kind="stable")
    return held.assign(**{"from": None, "to": None})


def cell(value):
    """A value of a validated frame as a cell: None where empty, whole numbers as int, text XML can hold."""
    if value is None or labels.missing(value) or value == "":
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return ILLEGAL.sub("\ufffd", str(value))


def table_workbook(table: schema.Table, rows: list[list], choices: dict[str, list[str]],
                   fixed: dict[str, tuple[str, ...]], date: dt.date) -> bytes:
    """One table's workbook: the header with its comments, the rows carried over, drop-downs, formats."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = new_book()
    sheet = book.create_sheet(table.name)
    lists, listed = None, 0  # the hidden sheet of id lists, made when a column needs one; columns used
    sheet.append([c.name for c in table.columns])
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for text in row:
            if text.data_type == "f":  # a name typed "=..." is text to carry over, never a formula
                text.data_type = "s"
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(1, index)
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor=HEADER_COLOURS[header_kind(column)])
        head.alignment = Alignment(vertical="top")
        note = f"{label(table, column)} ({column.requirement})\n{column.help}"
        if column.name in fixed:
            note += f"\nChọn một trong: {', '.join(fixed[column.name])}."
        head.comment = Comment(note, "scorecard", width=320, height=130)
        if column.kind in TEXT_KINDS:
            sheet.column_dimensions[letter].number_format = "@"
            for r in range(2, len(rows) + 2):
                sheet.cell(r, index).number_format = "@"
        longest = max([len(str(row[index - 1])) for row in rows if row[index - 1] is not None] +
                      [len(str(v)) for v in choices.get(column.name, ())] +
                      [len(column.name), len(label(table, column)) * 2 // 3])
        sheet.column_dimensions[letter].width = min(max(longest + 3, 10), 60)
        area = f"{letter}2:{letter}{LAST_ROW}"
        if column.name in fixed:
            valid = DataValidation(type="list", formula1=f'"{",".join(fixed[column.name])}"', allow_blank=True,
                                   showErrorMessage=True, errorStyle="stop",
                                   errorTitle=label(table, column),
                                   error=f"Chọn một trong: {', '.join(fixed[column.name])}.")
        elif column.name in choices and choices[column.name]:
            values = choices[column.name]
            if lists is None:
                lists = book.create_sheet(LISTS_SHEET)
                lists.sheet_state = "hidden"
            listed += 1
            lists_column = get_column_letter(listed)
            lists[f"{lists_column}1"] = column.name
            for r, value in enumerate(values, start=2):
                lists[f"{lists_column}{r}"] = value
            source = f"{quote_sheetname(LISTS_SHEET)}!${lists_column}$2:${lists_column}${len(values) + 1}"
            valid = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                                   errorStyle="warning", errorTitle=label(table, column),
                                   error="Mã này không có trong danh sách của năm trước. Vẫn dùng mã mới?")
        else:
            continue
        valid.add(area)
        sheet.add_data_validation(valid)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book, date)


def year_yml(settings: dict, previous, year: int) -> str:
    """The new year's settings: same organisation, rules and periods (ids, names), ends moved to the new year."""
    title = previous.title.replace(str(previous.year), str(year))
    if title == previous.title:
        title = f"{title} năm {year}"
    lines = [f"# Năm {year}, chuẩn bị từ năm {previous.year} bằng: python generate.py template {year} "
             f"--from {previous.year}",
             f"title: {quoted(title)}", f"organisation: {quoted(previous.organisation)}",
             "periods:                 # theo thứ tự thời gian; kết quả lũy kế từ 1/1"]
    for p in previous.periods.to_dict("records"):
        lines.append(f"  - {{id: {p['period_id']}, name: {quoted(p['name'])}, end: {moved(p['end'], year)}}}")
    if settings.get("number_format") not in (None, "auto"):
        lines.append(f"number_format: {settings['number_format']}")
    if isinstance(settings.get("rating"), dict):
        lines.append("rating: " + yaml.safe_dump(settings["rating"], allow_unicode=True, sort_keys=False,
                                                 default_flow_style=True, width=1000).strip())
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def moved(end: dt.date, year: int) -> str:
    """A period's end in another year: the same day, or the month's last day where it was one (29/2)."""
    last = calendar.monthrange(end.year, end.month)[1]
    new_last = calendar.monthrange(year, end.month)[1]
    day = new_last if end.day == last else min(end.day, new_last)
    return dt.date(year, end.month, day).isoformat()
