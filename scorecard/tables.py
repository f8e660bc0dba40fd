"""Text tables, the same for CSV files and workbooks: records (header first) checked and made a RawTable of
text cells with each row's number as a spreadsheet shows it. load.py reads CSV, workbook.py reads .xlsx,
both end here."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import limits as limits_module
from .limits import DEFAULT, Limits, refused_character
from .problems import Problems
from .schema import Table

ROW = "_row"  # column holding each record's row number as a spreadsheet shows it
DELIMITER_NAMES = {",": "dấu phẩy", ";": "dấu chấm phẩy", "\t": "tab"}
HEADER_SEARCH_ROWS = 10

# Characters that Windows-1258 decoding produces from TCVN3 (ABC) or VNI bytes
# and that are not Vietnamese letters: seen inside a word, the file is legacy-encoded.
LEGACY_MARKS = "§¶ª¹µ¸·¨©¬®¯±´º¼½¾¿¡¢£¤¥¦ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿŒœŸƒ"
LEGACY_IN_WORD = re.compile(
    rf"[^\W\d_][{LEGACY_MARKS}]|[{LEGACY_MARKS}][^\W\d_]"
)
LEGACY_MARK = re.compile(f"[{LEGACY_MARKS}]")  # ten times faster to rule out than LEGACY_IN_WORD


@dataclass(frozen=True)
class RawTable:
    """A table as text: one string column per header name, plus each row's number."""

    table: Table
    path: str  # as shown in messages, e.g. "2021/results.csv"
    delimiter: str
    frame: pd.DataFrame
    # a workbook's cells of number columns that hold text looking like Vietnamese thousands (1.804): (row, column)
    grouped_text: frozenset = frozenset()

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != ROW]

    @property
    def file_name(self) -> str:
        """The table's file as the year has it: units.xlsx or units.csv."""
        return self.path.rsplit("/", 1)[-1]


def display_path(folder: Path, name: str) -> str:
    """The path shown in messages: the year folder and the file name."""
    return f"{folder.name}/{name}"


def raw_table(records, table: Table, shown: str, delimiter: str, problems: Problems,
              limits: Limits = DEFAULT, grouped_text: frozenset = frozenset()) -> RawTable | None:
    """Records (header first) as a RawTable, with the checks every input table gets, CSV or workbook."""
    frame = make_frame(records, table, shown, delimiter, problems, limits)
    if frame is None:
        return None
    check_text(frame, shown, problems)
    return RawTable(table, shown, delimiter, frame, grouped_text)


def clean_header(name: str) -> str:
    """Column names compare without case, surrounding spaces or a stray BOM."""
    return name.replace("\ufeff", "").strip().lower()


def clean_cell(value: str) -> str:
    """Cells lose surrounding ordinary spaces and tabs; anything else is kept to be checked."""
    return value.strip(" \t\r\n")


def make_frame(records, table: Table, shown: str, delimiter: str, problems: Problems, limits: Limits = DEFAULT):
    """Check the header and build a frame of text cells with row numbers."""
    header = [clean_header(c) for c in records[0]]
    known = {c.name for c in table.columns}
    if not known & set(header):
        found_at = next((i for i, r in enumerate(records[:HEADER_SEARCH_ROWS])
                         if known & {clean_header(c) for c in r}), None)
        if found_at is not None:
            problems.error(shown, 1, None, records[0][0] if records[0] else "",
                           f"Dòng tiêu đề cột phải là dòng 1, nhưng nằm ở dòng {found_at + 1}.",
                           f"The header must be row 1; it is on row {found_at + 1}.",
                           f"Xóa {found_at} dòng phía trên dòng tiêu đề.",
                           f"Delete the {found_at} row(s) above the header.")
        else:
            problems.error(shown, 1, None, delimiter_name(delimiter),
                           "Không tìm thấy dòng tiêu đề cột.", "No header row found.",
                           f"Dòng 1 phải có các cột: {', '.join(c.name for c in table.columns if c.required)}; "
                           "phân cách bằng dấu phẩy, chấm phẩy hoặc tab.",
                           "Row 1 must name the required columns, separated by commas, semicolons or tabs.")
        return None
    body = records[1:]
    width = max([len(header)] + [len(r) for r in body])
    header = header + [""] * (width - len(header))
    cells = [r if len(r) == width else r + [""] * (width - len(r)) for r in body]
    keep = []
    ok = True
    seen = {}
    for index, name in enumerate(header):
        column_letter = excel_column(index)
        if name == "":
            if any(clean_cell(r[index]) for r in cells):
                problems.error(shown, 1, column_letter, "",
                               f"Cột {column_letter} có dữ liệu nhưng không có tên cột.",
                               f"Column {column_letter} holds data but has no name.",
                               "Đặt tên cột, hoặc xóa cột; cột bắt đầu bằng _ được bỏ qua.",
                               "Name the column or delete it; columns starting with _ are ignored.")
                ok = False
            continue
        if name.startswith("_"):
            continue
        if name in seen:
            problems.error(shown, 1, name, records[0][index].strip(),
                           f"Tên cột bị trùng (cột {excel_column(seen[name])} và {column_letter}).",
                           "Duplicated column name.",
                           "Xóa hoặc đổi tên một trong hai cột.", "Delete or rename one of them.")
            ok = False
            continue
        seen[name] = index
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"Có phải là \"{close[0]}\"? " if close else ""
            problems.error(shown, 1, name, records[0][index].strip(),
                           "Cột không có trong quy định của tệp này.", "Unknown column.",
                           hint + f"Các cột hợp lệ: {', '.join(c.name for c in table.columns)}; "
                           "cột ghi chú riêng hãy bắt đầu bằng _.",
                           "Valid columns are listed; start private note columns with _.")
            ok = False
            continue
        keep.append((name, index))
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.error(shown, 1, column.name, None,
                           "Thiếu cột bắt buộc.", "A required column is missing.",
                           f"Thêm cột \"{column.name}\" vào dòng tiêu đề.", "Add the column to the header row.")
            ok = False
    if not ok:
        return None
    missing = [column.name for column in table.columns if column.name not in {name for name, _ in keep}]
    frame = text_frame(cells, keep, width, missing)
    check_cell_length(frame, shown, problems, limits.cell_chars)
    return frame


def text_frame(cells: list[list[str]], keep: list[tuple[str, int]], width: int, missing: list[str]) -> pd.DataFrame:
    """The kept columns as trimmed text, empty `missing` columns, each row's number; blank rows left out.

    Built column by column from plain lists: pandas' string methods over every cell of a large
    results.csv took most of the load stage.
    """
    # Blank rows (often trailing ones left by Excel) are ignored: a row whose cells hold only spaces.
    rows = [i for i, record in enumerate(cells) if "".join(record).strip(" \t\r\n")]
    columns = list(zip(*cells)) if cells else [()] * width
    if len(rows) < len(cells):
        columns = [[column[i] for i in rows] for column in columns]
    data = {name: [value.strip(" \t\r\n") for value in columns[index]] for name, index in keep}
    data.update({name: [""] * len(rows) for name in missing})
    data[ROW] = [i + 2 for i in rows]
    frame = pd.DataFrame(data, columns=list(data), dtype=object)
    frame[ROW] = frame[ROW].astype(int) if rows else frame[ROW]
    return frame


def check_cell_length(frame: pd.DataFrame, shown: str, problems: Problems, most: int) -> None:
    """Over-long cells are refused: they are pasted documents, not names."""
    for column in frame.columns:
        if column == ROW or max(map(len, frame[column]), default=0) <= most:
            continue
        too_long = frame[frame[column].str.len() > most]
        for row, value in zip(too_long[ROW], too_long[column]):
            problems.error(shown, row, column, value,
                           f"Ô dài {len(value)} ký tự, quá giới hạn {most}.",
                           f"The cell is longer than {most} characters.",
                           "Rút gọn nội dung; văn bản dài hãy đưa vào tài liệu riêng.",
                           "Shorten it; put long documents elsewhere.")


def check_text(frame: pd.DataFrame, shown: str, problems: Problems) -> None:
    """Refuse control and bidirectional characters, and legacy-encoded text: one scan of all the text for
    each, cell by cell only when something is there."""
    columns = [c for c in frame.columns if c != ROW]
    text = "\n".join("\t".join(frame[c]) for c in columns)
    if limits_module.REFUSED_CHARACTER.search(text):
        check_characters(frame, columns, shown, problems)
    if LEGACY_MARK.search(text) and LEGACY_IN_WORD.search(text):
        check_legacy_encoding(frame, columns, shown, problems)


def check_characters(frame: pd.DataFrame, columns: list[str], shown: str, problems: Problems) -> None:
    """Each cell holding a control character (NUL, BEL, ESC...) or a bidirectional control (U+202E)."""
    for column in columns:
        hits = frame[frame[column].str.contains(limits_module.REFUSED_CHARACTER, regex=True)]
        for row, value in zip(hits[ROW], hits[column]):
            problems.error(shown, int(row), column, value, *refused_character(value))


def check_legacy_encoding(frame: pd.DataFrame, columns: list[str], shown: str, problems: Problems) -> None:
    """Refuse TCVN3 (ABC) and VNI text, recognised by non-Vietnamese letters inside words."""
    for column in columns:
        hits = frame[frame[column].str.contains(LEGACY_IN_WORD, regex=True)]
        if len(hits):
            row, value = hits[ROW].iloc[0], hits[column].iloc[0]
            more = f" (và {len(hits) - 1} ô khác trong cột)" if len(hits) > 1 else ""
            problems.error(shown, int(row), column, value,
                           f"Văn bản có vẻ gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI{more}.",
                           "The text looks like a legacy Vietnamese font encoding (TCVN3/ABC or VNI).",
                           "Chuyển mã sang Unicode bằng Unikey (Công cụ chuyển mã: nguồn TCVN3 hoặc VNI Windows, "
                           "đích Unicode), rồi lưu lại dạng CSV UTF-8.",
                           "Convert the text to Unicode with Unikey's converter, then save as CSV UTF-8.")


def excel_column(index: int) -> str:
    """Spreadsheet letter of a zero-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def delimiter_name(delimiter: str) -> str:
    """The delimiter's Vietnamese name, for messages."""
    return DELIMITER_NAMES.get(delimiter, delimiter)
