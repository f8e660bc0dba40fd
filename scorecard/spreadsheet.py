"""Excel out: workbooks as bytes, with the same bytes for the same input (export/results.xlsx, templates).

Nothing here writes a file: render.py puts results.xlsx among a year's pages and template.py hands
its workbooks to publish.py. Number formats are Excel's built-in ones ('#,##0', '0.0%'); Excel
shows them with the reader's own separators, so a Vietnamese-locale PC shows 1.804 and 103,7%.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

from . import labels
from .exports import safe_text
from .model import Report

WHOLE = "#,##0"
DECIMAL = "#,##0.0##"
PERCENT = "0.0%"
YEAR = "0"
MAX_WIDTH = 60
DIMENSION = re.compile(r'<dimension ref="[^"]*"')
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")  # as openpyxl's ILLEGAL_CHARACTERS_RE


def without_lxml() -> None:
    """Call before importing openpyxl: it writes XML with lxml when that happens to be installed, which
    gives other bytes; its own writer everywhere keeps builds byte for byte the same."""
    os.environ["OPENPYXL_LXML"] = "False"


def new_book():
    """An empty workbook (its default sheet removed)."""
    without_lxml()
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def workbook_bytes(book, when: dt.date, rows: dict | None = None) -> bytes:
    """The workbook as .xlsx bytes dated `when` (document properties and zip entries): no clock involved.

    `rows` maps a sheet to the XML of its data rows (from add_sheet), put into the sheet as it is saved.
    """
    from openpyxl.writer.excel import ExcelWriter

    stamp = dt.datetime(when.year, when.month, when.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "scorecard"
    raw = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()  # save() closes the archive
    extra = {sheet.path.lstrip("/"): (data, last) for sheet, (data, last) in (rows or {}).items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for entry in source.infolist():  # openpyxl dates every entry with the clock: date them with `when`
            content = source.read(entry.filename)
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if entry.filename in extra:  # streamed row by row: a large year's sheet never sits in memory whole
                with target.open(info, "w") as handle:
                    for chunk in with_rows(content.decode("utf-8"), *extra[entry.filename]):
                        handle.write(chunk.encode("utf-8"))
            else:
                target.writestr(info, content)
    return out.getvalue()


def with_rows(xml: str, data: list[str], last: str):
    """A sheet's XML (header row only, as openpyxl wrote it) with its data rows and its full extent, in pieces."""
    head, tail = xml.split("</sheetData>", 1)
    yield DIMENSION.sub(f'<dimension ref="A1:{last}"', head, count=1)
    yield from data
    yield "</sheetData>" + tail


def text_value(value) -> str | None:
    """Text for a cell, never run as a formula: OWASP's quote before =, +, -, @, tab, CR (not before a number)."""
    if labels.missing(value):
        return None
    return ILLEGAL.sub("\ufffd", safe_text(str(value)))  # control characters XML cannot hold


def number_value(value):
    """A number for a cell (None when missing), as a Python number openpyxl stores as a number."""
    if labels.missing(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def number_format(value, kind: str) -> str:
    """Whole numbers with grouped thousands (1.804); others with up to three decimals (8,5)."""
    if kind == "count" or value is None or float(value).is_integer():
        return WHOLE
    return DECIMAL


def add_sheet(book, title: str, columns: list[tuple[str, int | None]], rows: list[list], formats=None):
    """A sheet with a bold frozen header row, an autofilter over the table and widths fit to the content.

    `columns` are (header, width or None to fit); `formats(row_index, column_index, value)` gives a
    number's format (None: General). Returns the sheet and its data rows as XML, for workbook_bytes:
    openpyxl takes half a minute over the cells of a large year, so the rows, plain text (inline
    strings, never formulas) and numbers with a style, are written here as Excel stores them.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append([header for header, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    letters = [get_column_letter(c + 1) for c in range(len(columns))]
    styles: dict[str, int] = {}

    def style(fmt: str) -> int:  # the workbook's index of a number format's cell style
        if fmt not in styles:
            cell = WriteOnlyCell(sheet)
            cell.number_format = fmt
            styles[fmt] = cell.style_id
        return styles[fmt]

    data = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            ref = f"{letters[c]}{r + 2}"
            if value is None:
                continue
            if isinstance(value, str):
                space = ' xml:space="preserve"' if value != value.strip() else ""
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>')
            else:
                fmt = formats(r, c, value) if formats is not None else None
                number = str(value) if isinstance(value, int) else repr(float(value))
                styled = f' s="{style(fmt)}"' if fmt else ""
                cells.append(f'<c r="{ref}"{styled} t="n"><v>{number}</v></c>')
        data.append(f'<row r="{r + 2}">{"".join(cells)}</row>')
    for c, (header, width) in enumerate(columns):
        if width is None:
            longest = max([len(str(row[c])) for row in rows if row[c] is not None] + [len(header) // 2, 6])
            width = min(longest + 2, MAX_WIDTH)
        sheet.column_dimensions[letters[c]].width = width
    sheet.freeze_panes = "A2"
    last = f"{letters[-1]}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    return sheet, (data, last)


def xml_text(text: str) -> str:
    """Text escaped for an XML element (a carriage return kept as a reference: parsers drop a bare one)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


# --- export/results.xlsx ------------------------------------------------------------

SUMMARY_COLUMNS = [("Mã chỉ tiêu", None), ("Chỉ tiêu", None), ("Đơn vị tính", None), ("Chỉ tiêu giao", 14),
                   ("Kết quả", 14), ("Chênh lệch", 14), ("Số đơn vị đạt", 14), ("Số đơn vị được giao", 14),
                   ("Tỷ lệ đơn vị đạt", 14)]
UNIT_COLUMNS = [("Mã đơn vị", None), ("Tên đơn vị", None), ("Mã nhóm", None), ("Nhóm", None),
                ("Đơn vị cấp trên", None), ("Người đứng đầu", None), ("Số chỉ tiêu", 12), ("Số chỉ tiêu đạt", 12),
                ("Điểm", 12), ("Xếp loại", None), ("Xếp loại theo tính toán", None), ("Lý do", None),
                ("Thứ hạng trong nhóm", 12)]
LINE_COLUMNS = [("Năm", 8), ("Mã kỳ", 8), ("Kỳ", None), ("Mã đơn vị", None), ("Tên đơn vị", None), ("Mã nhóm", None),
                ("Mã chỉ tiêu", None), ("Tên chỉ tiêu", None), ("Đơn vị tính", None), ("Chỉ tiêu", 14),
                ("Kết quả", 14), ("Mức hoàn thành", 14), ("Trạng thái", None)]
SHEETS = ("Tổng hợp theo chỉ tiêu", "Đơn vị", "Chỉ tiêu theo kỳ")


def results_xlsx(report: Report) -> bytes:
    """export/results.xlsx: the province summary by indicator, the units, and every target by period."""
    book = new_book()
    data = {}
    year = report.year
    indicators = year.indicators.set_index("indicator_id")
    kinds = indicators["kind"].to_dict()

    rows = []
    for t in report.totals.itertuples():
        share = t.units_met / t.units_total if t.units_total else None
        rows.append([t.indicator_id, text_value(indicators.at[t.indicator_id, "name"]),
                     text_value(indicators.at[t.indicator_id, "measure"] or None),
                     number_value(t.target_total), number_value(t.value_total), number_value(t.difference),
                     int(t.units_met), int(t.units_total), share])
    kind_of_row = [kinds[row[0]] for row in rows]
    sheet, data[sheet] = add_sheet(book, SHEETS[0], SUMMARY_COLUMNS, rows,
                                   lambda r, c, v: number_format(v, kind_of_row[r]) if 3 <= c <= 5 else
                                   WHOLE if c in (6, 7) else PERCENT if c == 8 else None)

    groups = year.groups.assign(position=range(len(year.groups)))
    group_name = dict(zip(groups["group_id"], groups["name"]))
    group_position = dict(zip(groups.sort_values(["order", "position"], na_position="last")["group_id"],
                              range(len(groups))))
    units = report.units.assign(
        group_position=report.units["group_id"].map(group_position),
        rank=report.units["rank_in_group"].astype("Float64").fillna(10**9).astype(float),
        position=report.units["unit_id"].map({u: i for i, u in enumerate(year.units["unit_id"])}))
    units = units.sort_values(["group_position", "rank", "position"], kind="stable")
    rows = []
    for u in units.to_dict("records"):
        rows.append([u["unit_id"], text_value(u["name"]), u["group_id"], text_value(group_name[u["group_id"]]),
                     text_value(u["parent_id"]), text_value(u["head"] or None), int(u["targets"]),
                     int(u["targets_met"]), number_value(u["score"]), rating(u["rating"]),
                     rating(u["rating_computed"]), text_value(u["reason"]),
                     number_value(u["rank_in_group"])])
    sheet, data[sheet] = add_sheet(book, SHEETS[1], UNIT_COLUMNS, rows,
                                   lambda r, c, v: WHOLE if c in (6, 7, 12) else PERCENT if c == 8 else None)

    names = dict(zip(year.periods["period_id"], year.periods["name"]))
    lines = report.lines.merge(year.units[["unit_id", "name", "group_id"]], on="unit_id")
    lines = lines.merge(year.indicators[["indicator_id", "name", "measure"]]
                        .rename(columns={"name": "indicator_name"}), on="indicator_id")
    lines = lines.sort_values(["unit_id", "indicator_id", "period_index"], kind="stable")  # as results.csv
    rows = []
    for line in zip(lines["period"], lines["unit_id"], lines["name"], lines["group_id"], lines["indicator_id"],
                    lines["indicator_name"], lines["measure"], lines["target"], lines["value"],
                    lines["completion"], lines["status"]):
        period, unit_id, unit_name, group_id, indicator_id, indicator_name, measure, target, value, comp, status = line
        rows.append([year.year, period, text_value(names[period]), unit_id, text_value(unit_name), group_id,
                     indicator_id, text_value(indicator_name), text_value(measure or None), number_value(target),
                     number_value(value), number_value(comp), labels.STATUS.get(status, status)])
    line_kinds = [kinds[row[6]] for row in rows]
    sheet, data[sheet] = add_sheet(book, SHEETS[2], LINE_COLUMNS, rows,
                                   lambda r, c, v: YEAR if c == 0 else number_format(v, line_kinds[r])
                                   if c in (9, 10) else PERCENT if c == 11 else None)
    return workbook_bytes(book, year.data_date, data)


def rating(value) -> str | None:
    """A rating in words (Hoàn thành tốt nhiệm vụ), empty before the final period."""
    return None if labels.missing(value) else labels.RATING[value]
