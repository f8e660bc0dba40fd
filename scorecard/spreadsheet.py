"""Excel out: workbooks as bytes, with the same bytes for the same input (export/results.xlsx, templates).

Nothing here writes a file: render.py puts results.xlsx among a year's pages and template.py hands
its workbooks to publish.py. Number formats are Excel's built-in ones ('#,##0', '0.0%'); Excel
shows them with the reader's own separators, so a Vietnamese-locale PC shows 1.804 and 103,7%.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import labels, phrases
from .cells import number_texts, safe_text
from .model import Report
from .reasons import reason

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


@dataclass
class Column:
    """One column of a sheet: its header, width (None: fit to the content) and values, by row.

    Text columns hold text (missing: None or NaN; `blank_missing` makes "" missing too). Number
    columns hold numbers (missing: NaN), whole ones below 10^15 written as integers, or all as floats with
    `as_float`; `formats` is a number format for the column or a Series of formats by row.
    """

    header: str
    width: int | None
    values: pd.Series
    number: bool = False
    formats: str | pd.Series | None = None
    as_float: bool = False
    blank_missing: bool = False

    def present(self) -> np.ndarray:
        """Which rows have a value (a cell is written)."""
        missing = self.values.isna().to_numpy()
        if self.blank_missing:
            missing = missing | (self.values == "").to_numpy()
        return ~missing

    def texts(self) -> pd.Series:
        """Each present value as the cell shows it: text made safe, or the number as Excel stores it."""
        values = self.values[self.present()]
        if not self.number:
            return values.map({v: text_value(v) for v in values.unique()})
        numbers = values.to_numpy(dtype=float)
        return pd.Series(number_texts(numbers, self.as_float), index=values.index, dtype=object)


def joined(*parts) -> list[str]:
    """Element-wise concatenation of string columns and constant strings (map and zip run in C)."""
    columns = [itertools.repeat(part) if isinstance(part, str) else part for part in parts]
    return list(map("".join, zip(*columns)))


def add_sheet(book, title: str, columns: list[Column]):
    """A sheet with a bold frozen header row, an autofilter over the table and widths fit to the content.

    Returns the sheet and its data rows as XML pieces, for workbook_bytes: openpyxl takes half a minute
    over the cells of a large year, so the rows, plain text (inline strings, never formulas) and numbers
    with a style, are written here as Excel stores them, a column at a time, and only as the workbook
    is saved (a large year's rows never sit in memory whole).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    letters = [get_column_letter(c + 1) for c in range(len(columns))]
    rows = len(columns[0].values) if columns else 0
    texts = [column.texts() for column in columns]
    styles = cell_styles(sheet, columns)
    for letter, column, shown in zip(letters, columns, texts):
        width = column.width
        if width is None:
            width = min(max(max(map(len, shown.tolist()), default=0), len(column.header) // 2, 6) + 2, MAX_WIDTH)
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    last = f"{letters[-1]}{rows + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    return sheet, (row_xml(letters, columns, texts, styles, rows), last)


def cell_styles(sheet, columns: list[Column]) -> list[pd.Series | None]:
    """Each number column's style attribute by row (' s="3"', or "" for General); text columns None.

    Styles are registered with the workbook in the order a row-by-row writer meets them, so
    styles.xml, and the workbook's bytes, do not depend on writing a column at a time.
    """
    from openpyxl.cell import WriteOnlyCell

    formats, first_seen = [], []
    for c, column in enumerate(columns):
        if not column.number or column.formats is None:
            formats.append(None)
            continue
        present = column.present()
        by_row = column.formats if isinstance(column.formats, pd.Series) else \
            pd.Series(column.formats, index=column.values.index, dtype=object)
        by_row = by_row[present]
        formats.append(by_row)
        firsts = by_row.reset_index(drop=True).drop_duplicates()
        first_seen += [(int(np.flatnonzero(present)[r]), c, fmt) for r, fmt in firsts.items() if fmt]
    ids: dict[str, int] = {}
    for _, _, fmt in sorted(first_seen):
        if fmt not in ids:
            cell = WriteOnlyCell(sheet)
            cell.number_format = fmt
            ids[fmt] = cell.style_id
    attribute = {fmt: f' s="{number}"' for fmt, number in ids.items()}
    return [None if f is None else f.map(attribute).fillna("") for f in formats]


ROWS_AT_ONCE = 20_000  # rows turned into XML together: few enough to keep memory flat at any size


def row_xml(letters: list[str], columns: list[Column], texts: list[pd.Series], styles: list, rows: int):
    """The sheet's data rows as XML, ROWS_AT_ONCE rows a piece."""
    for start in range(0, rows, ROWS_AT_ONCE):
        stop = min(start + ROWS_AT_ONCE, rows)
        numbers = np.array(list(map(str, range(start + 2, stop + 2))), dtype=object)
        cells = [column_cells(letter, column, shown, style, start, numbers)
                 for letter, column, shown, style in zip(letters, columns, texts, styles)]
        yield "".join(joined('<row r="', numbers.tolist(), '">', *cells, "</row>"))


def column_cells(letter: str, column: Column, shown: pd.Series, style, start: int, numbers: np.ndarray) -> list:
    """One column's cells from row `start` on, as XML ("" where the row has no value)."""
    first, stop = np.searchsorted(shown.index.to_numpy(), [start, start + len(numbers)])
    shown = shown.iloc[first:stop]
    rows = shown.index.to_numpy() - start
    refs = numbers[rows].tolist()
    if column.number:
        styled = style.iloc[first:stop].tolist() if style is not None else ""
        xml = joined('<c r="', letter, refs, '"', styled, ' t="n"><v>', shown.tolist(), "</v></c>")
    else:  # each distinct text escaped once: names and ids repeat on every line of a unit
        inner = shown.map({text: space_attribute(text) + ">" + xml_text(text) for text in shown.unique()})
        xml = joined('<c r="', letter, refs, '" t="inlineStr"><is><t', inner.tolist(), "</t></is></c>")
    cells = np.full(len(numbers), "", dtype=object)
    cells[rows] = np.array(xml, dtype=object)
    return cells.tolist()


def space_attribute(text: str) -> str:
    """Excel keeps leading and trailing spaces only when told to."""
    return ' xml:space="preserve"' if text != text.strip() else ""


def xml_text(text: str) -> str:
    """Text escaped for an XML element (a carriage return kept as a reference: parsers drop a bare one)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


# --- export/results.xlsx ------------------------------------------------------------

SUMMARY_COLUMNS = [("Mã chỉ tiêu", None), ("Chỉ tiêu", None), ("Đơn vị tính", None), ("Chỉ tiêu giao", 14),
                   ("Kết quả", 14), ("Chênh lệch", 14), ("Số đơn vị đạt", 14), ("Số đơn vị được giao", 14),
                   ("Tỷ lệ đơn vị đạt", 14), ("Đánh giá", None)]
UNIT_COLUMNS = [("Mã đơn vị", None), ("Tên đơn vị", None), ("Mã nhóm", None), ("Nhóm", None),
                ("Đơn vị cấp trên", None), ("Người đứng đầu", None), ("Số chỉ tiêu", 12), ("Số chỉ tiêu đạt", 12),
                ("Điểm", 12), ("Điểm (thang 100)", 12), ("Xếp loại", None), ("Xếp loại theo tính toán", None),
                ("Căn cứ xếp loại", 60), ("Lý do của mức được quyết định", None), ("Thứ hạng trong nhóm", 12)]
LINE_COLUMNS = [("Năm", 8), ("Mã kỳ", 8), ("Kỳ", None), ("Mã đơn vị", None), ("Tên đơn vị", None), ("Mã nhóm", None),
                ("Mã chỉ tiêu", None), ("Tên chỉ tiêu", None), ("Đơn vị tính", None), ("Chỉ tiêu", 14),
                ("Kết quả", 14), ("Mức hoàn thành", 14), ("Trạng thái", None)]
SHEETS = ("Tổng hợp theo chỉ tiêu", "Đơn vị", "Chỉ tiêu theo kỳ")
SAMPLE_SHEET = "{} (mẫu)"  # a sample year's sheet names: the tabs say it whatever sheet is open (31 characters at most)
SAMPLE_NOTICE = "DỮ LIỆU MẪU - không phải số liệu chính thức"


def results_xlsx(report: Report) -> bytes:
    """export/results.xlsx: the province summary by indicator, the units, and every target by period."""
    book = new_book()
    data = {}
    sample = report.year.sample
    for title, columns in zip(SHEETS, (summary_columns(report), unit_columns(report), line_columns(report))):
        sheet, data[sheet] = add_sheet(book, SAMPLE_SHEET.format(title) if sample else title, columns)
        if sample:
            mark_sample(sheet)
    if sample:
        book.properties.title = SAMPLE_NOTICE
        book.properties.subject = f"Dữ liệu mẫu năm {report.year.year}"
    return workbook_bytes(book, report.year.data_date, data)


def mark_sample(sheet) -> None:
    """A sample year's sheet says so on every printed page (its header), as its tab does on screen."""
    sheet.oddHeader.center.text = SAMPLE_NOTICE
    sheet.oddHeader.center.font = "Arial,Bold"


def columns(specs: list[tuple[str, int | None]], values: list) -> list[Column]:
    """Columns from (header, width) specs and, for each, its values or a (values, {option: value}) pair."""
    made = []
    for (header, width), value in zip(specs, values):
        value, options = value if isinstance(value, tuple) else (value, {})
        made.append(Column(header, width, value.reset_index(drop=True), **options))
    return made


def numbers(values: pd.Series, formats=None, as_float: bool = False) -> tuple[pd.Series, dict]:
    """A number column's values (NaN where missing) and options, for columns()."""
    return values.astype("Float64").astype(float), {"number": True, "formats": formats, "as_float": as_float}


def optional_text(values: pd.Series) -> tuple[pd.Series, dict]:
    """A text column where an empty text is no value (measure, head)."""
    return values, {"blank_missing": True}


def words(values: pd.Series, vocabulary: dict) -> pd.Series:
    """Codes in words (a rating, a status); a code not in the vocabulary as it is; missing stays missing."""
    return values.map({code: vocabulary.get(code, code) for code in values.dropna().unique()})


def kind_formats(values: pd.Series, kinds: pd.Series) -> pd.Series:
    """number_format by row: grouped whole numbers for counts and whole values, decimals otherwise."""
    with np.errstate(invalid="ignore"):  # infinity has no remainder: it is not whole
        whole = (kinds.to_numpy() == "count") | (np.mod(values.to_numpy(dtype=float), 1) == 0)
    return pd.Series(np.where(whole, WHOLE, DECIMAL), dtype=object)


def summary_columns(report: Report) -> list[Column]:
    """Sheet 1: the province's totals by indicator."""
    indicators = report.year.indicators.set_index("indicator_id")
    totals = report.totals.reset_index(drop=True)
    ids = totals["indicator_id"]
    kinds = ids.map(indicators["kind"])
    share = (totals["units_met"] / totals["units_total"]).where(totals["units_total"] != 0)
    return columns(SUMMARY_COLUMNS, [
        ids, ids.map(indicators["name"]), optional_text(ids.map(indicators["measure"])),
        numbers(totals["target_total"], kind_formats(totals["target_total"], kinds)),
        numbers(totals["value_total"], kind_formats(totals["value_total"], kinds)),
        numbers(totals["difference"], kind_formats(totals["difference"], kinds)),
        numbers(totals["units_met"], WHOLE), numbers(totals["units_total"], WHOLE),
        numbers(share, PERCENT, as_float=True),  # a share, never shown as a whole number
        optional_text(total_phrases(report)),
    ])


def total_phrases(report: Report) -> pd.Series:
    """Each province total in words that follow its indicator's rule (one line per indicator)."""
    from .headlines import total_result

    indicators = report.year.indicators.set_index("indicator_id", drop=False)
    return pd.Series([phrases.phrase(total_result(t, indicators.loc[t["indicator_id"]]))
                      for t in report.totals.to_dict("records")], dtype=object)


def unit_columns(report: Report) -> list[Column]:
    """Sheet 2: the units, by group, rank and the order of units.csv."""
    year = report.year
    groups = year.groups.assign(position=range(len(year.groups)))
    group_name = dict(zip(groups["group_id"], groups["name"]))
    group_position = dict(zip(groups.sort_values(["order", "position"], na_position="last")["group_id"],
                              range(len(groups))))
    units = report.units.assign(
        group_position=report.units["group_id"].map(group_position),
        rank=report.units["rank_in_group"].astype("Float64").fillna(10**9).astype(float),
        position=report.units["unit_id"].map({u: i for i, u in enumerate(year.units["unit_id"])}))
    units = units.sort_values(["group_position", "rank", "position"], kind="stable")
    return columns(UNIT_COLUMNS, [
        units["unit_id"], units["name"], units["group_id"], units["group_id"].map(group_name),
        units["parent_id"], optional_text(units["head"]), numbers(units["targets"], WHOLE),
        numbers(units["targets_met"].astype(float) * (np.nan if year.is_assignment else 1), WHOLE),  # none met yet
        numbers(units["score"], PERCENT),
        numbers(units["points"], DECIMAL),
        words(units["rating"], labels.RATING), words(units["rating_computed"], labels.RATING),
        optional_text(rating_reasons(units, year.rating)), optional_text(units["reason"]),
        numbers(units["rank_in_group"], WHOLE),
    ])


def rating_reasons(units: pd.DataFrame, rules) -> pd.Series:
    """Each unit's deciding condition in words (one line of text per unit, not per result line)."""
    return pd.Series([reason(u, rules) for u in units.to_dict("records")], index=units.index, dtype=object)


def line_columns(report: Report) -> list[Column]:
    """Sheet 3: every target by period, in the order of results.csv."""
    year = report.year
    lines = report.lines.merge(year.units[["unit_id", "name", "group_id"]], on="unit_id")
    lines = lines.merge(year.indicators[["indicator_id", "name", "measure"]]
                        .rename(columns={"name": "indicator_name"}), on="indicator_id")
    lines = lines.sort_values(["unit_id", "indicator_id", "period_index"], kind="stable").reset_index(drop=True)
    kinds = lines["indicator_id"].map(dict(zip(year.indicators["indicator_id"], year.indicators["kind"])))
    return columns(LINE_COLUMNS, [
        numbers(pd.Series(year.year, index=lines.index), YEAR), lines["period"],
        lines["period"].map(dict(zip(year.periods["period_id"], year.periods["name"]))),
        lines["unit_id"], lines["name"], lines["group_id"], lines["indicator_id"], lines["indicator_name"],
        optional_text(lines["measure"]), numbers(lines["target"], kind_formats(lines["target"], kinds)),
        numbers(lines["value"], kind_formats(lines["value"], kinds)), numbers(lines["completion"], PERCENT),
        status_words(lines),
    ])


def status_words(lines: pd.DataFrame) -> pd.Series:
    """Each line's status in the words of its indicator's rule ("Tốt hơn chỉ tiêu" where lower is better),
    each distinct (status, direction, kind) worded once."""
    columns = ["status", "direction", "kind"]
    distinct = lines[columns].drop_duplicates()
    distinct = distinct.assign(word=[phrases.word(*key) for key in distinct.itertuples(index=False)])
    worded = lines[columns].merge(distinct, on=columns, how="left")  # keeps the lines' order
    return pd.Series(worded["word"].to_numpy(), index=lines.index, dtype=object)
