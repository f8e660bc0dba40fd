"""Load stage: read a year's files as text tables (decode, NFC, delimiter), no meaning yet."""

from __future__ import annotations

import codecs
import datetime as dt
import csv
import os
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import limits as limits_module
from .inputs import TABLE_SUFFIXES, YearInputs, input_files, misnamed, read_from, stray_entries
from .limits import DEFAULT, Limits, refused_character
from .problems import Problems
from .schema import TABLES, Table
from .tables import HEADER_SEARCH_ROWS, RawTable, clean_header, display_path, excel_column, raw_table

DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RawYear:
    """Everything read from one year's folder, before validation."""

    year: int
    folder: Path
    settings: dict
    tables: dict[str, RawTable]
    modified: dt.date  # the newest modification date of the year's files
    setting_lines: dict[str, int] = field(default_factory=dict)  # year.yml's keys -> their line, for messages


def read_year(folder: Path, problems: Problems, limits: Limits = DEFAULT, inputs: YearInputs | None = None) -> RawYear:
    """Read year.yml and every table of a year's folder, collecting problems; other files are left alone.
    `inputs`: the run's YearInputs of the folder, which reads each file once (a new one by default)."""
    inputs = inputs or YearInputs(folder, limits)
    year = int(folder.name)
    explained = {name for table in TABLES for name, _ in misnamed(folder, table)}  # reported with their table
    stray = [name for name in stray_entries(folder) if name not in explained]
    locks = {name: table_file for name in stray if (table_file := lock_of(name)) and (folder / table_file).exists()}
    for lock, table_file in sorted(locks.items()):
        # Excel's lock file: the table is open (or Excel closed badly); never advise deleting it while Excel may hold it
        problems.warn(display_path(folder, lock), None, None, None,
                      f"{table_file} đang mở trong Excel (hoặc Excel đã đóng không đúng cách): có tệp khóa {lock}. "
                      "Những sửa đổi chưa lưu không được đọc.",
                      f"{table_file} is open in Excel (or Excel closed badly): its lock file {lock} is there. "
                      "Edits not saved yet are not read.",
                      f"Lưu {table_file} và đóng Excel, rồi chạy lại.",
                      f"Save {table_file} and close Excel, then run again.")
    stray = [name for name in stray if name not in locks]
    if stray:
        problems.warn(display_path(folder, ""), None, None, ", ".join(stray),
                      "Thư mục năm có tệp hoặc thư mục không thuộc quy định: không đọc, bỏ qua.",
                      "The year folder holds files or folders the contract does not name: ignored.",
                      "Chỉ year.yml, các bảng (.csv hoặc .xlsx) và thư mục bulletins được đọc; chuyển các tệp "
                      "khác ra chỗ khác nếu không cần.", "Only year.yml, the tables and bulletins/ are read.")
    settings = read_settings(folder, problems, limits, inputs)
    tables = {}
    for table in TABLES:
        raw = read_table(folder, table, problems, limits, inputs)
        if raw is not None:
            tables[table.name] = raw
    lines = setting_lines(inputs.read(folder / "year.yml", display_path(folder, "year.yml"), Problems())) \
        if settings else {}
    return RawYear(year, folder, settings, tables, newest_change(folder), lines)


def lock_of(name: str) -> str | None:
    """The table file whose Excel lock file this is (~$results.xlsx -> results.xlsx), or None."""
    if not name.startswith("~$"):
        return None
    table_file = name[2:]
    return table_file if table_file in {t.name + suffix for t in TABLES for suffix in TABLE_SUFFIXES} else None


def setting_lines(data: bytes | None) -> dict[str, int]:
    """Line numbers of year.yml's keys (dotted for `rating:`), to point messages at them; from the bytes
    read_settings parsed, decoded the same way (UTF-16, Windows-1258...)."""
    try:
        node = yaml.compose(decode(data, "", Problems()) or "") if data is not None else None
    except yaml.YAMLError:
        return {}
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[key.value] = key.start_mark.line + 1
            if key.value == "periods" and isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    lines[f"periods.{i}"] = item.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1
    return lines


def newest_change(folder: Path) -> dt.date:
    """The date the year's files were last changed (the default of year.yml `updated`): the files the
    contract names, not whatever else lies in the folder."""
    times = [p.stat().st_mtime for p in input_files(folder) if p.parent == folder] or [folder.stat().st_mtime]
    return dt.date.fromtimestamp(max(times))


def read_settings(folder: Path, problems: Problems, limits: Limits = DEFAULT,
                  inputs: YearInputs | None = None) -> dict:
    """Parse year.yml; a missing or broken file is a problem, not a crash."""
    path = folder / "year.yml"
    shown = display_path(folder, "year.yml")
    if not os.path.lexists(path):
        problems.error(shown, None, None, None,
                       "Thiếu tệp year.yml.", "year.yml is missing.",
                       "Tạo year.yml với title, organisation và periods (xem docs/du-lieu.md).",
                       "Create year.yml with title, organisation and periods (see docs/du-lieu.md).")
        return {}
    data = read_from(inputs, path, shown, problems, limits)
    if data is None:
        return {}
    text = decode(data, shown, problems)
    if text is None:
        return {}
    try:
        settings = yaml.load(text, Loader=limited_loader(yaml.SafeLoader, limits))
    except YamlLimit as err:
        problems.error(shown, err.line, None, err.value, err.message, err.message_en, err.hint, err.hint_en)
        return {}
    except yaml.reader.ReaderError as err:  # a control character PyYAML will not read
        problems.error(shown, text[:err.position].count("\n") + 1, None, None,
                       *refused_character(chr(err.character) if isinstance(err.character, int) else err.character))
        return {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problems.error(shown, row, None, None,
                       "Tệp year.yml sai cú pháp YAML.",
                       f"year.yml is not valid YAML: {getattr(err, 'problem', None) or err}.",
                       "Kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu ':' và dấu ngoặc kép ở dòng này "
                       "và các dòng ngay trên (một dấu \" chưa đóng chỉ lộ ra ở dòng sau).",
                       "Check indentation (spaces, not tabs), colons and quotes on this line and the lines "
                       "just above it (an unclosed quote shows on a later line).")
        return {}
    except ValueError as err:  # YAML reads 2021-02-30 as a date, and Python refuses it
        row, value = impossible_date(text)
        problems.error(shown, row, None, value,
                       "Ngày không có thật (ngày hoặc tháng vượt quá giới hạn).",
                       f"year.yml holds a date that does not exist ({err}).",
                       "Sửa ngày theo dạng năm-tháng-ngày có thật, ví dụ 2021-06-30 (tháng 2 có 28 hoặc 29 ngày).",
                       "Write a real date as year-month-day, e.g. 2021-06-30.")
        return {}
    if settings is None:
        problems.error(shown, None, None, None, "Tệp year.yml rỗng.", "year.yml is empty.",
                       "Khai báo title, organisation và periods.", "Declare title, organisation and periods.")
        return {}
    if not isinstance(settings, dict):
        problems.error(shown, 1, None, None, "year.yml phải là một bảng khóa: giá trị.",
                       "year.yml must be a mapping of keys to values.")
        return {}
    return settings


class YamlLimit(yaml.YAMLError):
    """A YAML text refused by a limit (anchors and aliases, nesting, long values, control characters)."""

    def __init__(self, line: int, value: str | None, message: str, message_en: str, hint: str = "",
                 hint_en: str = ""):
        super().__init__(message_en)
        self.line, self.value = line, value
        self.message, self.message_en, self.hint, self.hint_en = message, message_en, hint, hint_en


def limited_loader(base: type, limits: Limits) -> type:
    """A YAML loader (SafeLoader, or BaseLoader for bulletins) that refuses anchors and aliases outright
    (a 775-byte "billion laughs" expands to gigabytes), nesting deeper than the limit (the composer
    recurses), long values, control characters and numbers beyond the limits, each at its line."""

    class Loader(base):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise YamlLimit(line, "*" + event.anchor if isinstance(event, yaml.AliasEvent) else "&" + event.anchor,
                                "Không dùng neo và bí danh YAML (& và *).",
                                "YAML anchors and aliases (& and *) are not accepted.",
                                "Viết thẳng giá trị ở mỗi chỗ cần dùng.", "Write the value out where it is needed.")
            self.depth += 1
            try:
                if self.depth > limits.yaml_depth:
                    raise YamlLimit(line, None, f"Lồng nhau quá {limits.yaml_depth} cấp (yaml_depth).",
                                    f"Nested deeper than {limits.yaml_depth} levels (yaml_depth).",
                                    "Kiểm tra thụt lề và dấu ngoặc [ ] { }.", "Check indentation and brackets.")
                node = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            if isinstance(node, yaml.ScalarNode):
                self.check_scalar(node, line)
            return node

        def check_scalar(self, node, line: int) -> None:
            """A value within the limits: length, characters, finite numbers below the bound."""
            if len(node.value) > limits.yaml_value_chars:
                raise YamlLimit(line, node.value, f"Giá trị dài {len(node.value)} ký tự, quá giới hạn "
                                f"{limits.yaml_value_chars} (yaml_value_chars).",
                                f"The value is longer than {limits.yaml_value_chars} characters (yaml_value_chars).",
                                "Rút gọn giá trị.", "Shorten it.")
            refused = refused_character(node.value)
            if refused is not None:
                raise YamlLimit(line, node.value, *refused)
            if node.tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
                number = float(self.construct_object(node)) if hasattr(self, "construct_yaml_float") else 0.0
                if not abs(number) < limits.number_abs:  # also inf and nan
                    raise YamlLimit(line, node.value, "Số không hữu hạn hoặc quá lớn (number_abs).",
                                    "The number is not finite or too large (number_abs).",
                                    "Viết một số bình thường, ví dụ 0.2 hoặc 90.", "Write an ordinary number.")

    return Loader


def impossible_date(text: str) -> tuple[int | None, str | None]:
    """The line and text of the first YAML date that is not a real date (2021-02-30)."""
    constructor = yaml.constructor.SafeConstructor()
    pending = [yaml.compose(text)]
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp":
                try:
                    constructor.construct_yaml_timestamp(node)
                except ValueError:
                    return node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
    return None, None


def decode(data: bytes, shown: str, problems: Problems) -> str | None:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1258, then NFC."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding == "utf-8" and looks_like_broken_utf8(data):
            report_broken_utf8(data, err, shown, problems)
            return None
        if encoding != "utf-8":
            problems.error(shown, None, None, None,
                           f"Tệp có BOM {encoding} nhưng nội dung không đọc được.",
                           f"The file starts with a {encoding} BOM but cannot be decoded.",
                           "Lưu lại tệp bằng Excel: CSV UTF-8.", "Save the file again from Excel as CSV UTF-8.")
            return None
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            if has_utf8_letters(data):  # not Windows-1258, and partly valid UTF-8: a stray byte
                report_broken_utf8(data, err, shown, problems)
                return None
            problems.error(shown, None, None, None,
                           "Không nhận ra bảng mã của tệp (không phải UTF-8, UTF-16 hay Windows-1258).",
                           "Unknown text encoding (not UTF-8, UTF-16 or Windows-1258).",
                           "Lưu lại tệp bằng Excel: CSV UTF-8.", "Save the file again from Excel as CSV UTF-8.")
            return None
    return unicodedata.normalize("NFC", text)


def report_broken_utf8(data: bytes, err: UnicodeDecodeError, shown: str, problems: Problems) -> None:
    """Name the row of the first byte that is not UTF-8."""
    row = data[:err.start].count(b"\n") + 1
    problems.error(shown, row, None, data[err.start:err.start + 4].hex(" "),
                   "Tệp UTF-8 có byte hỏng ở dòng này (thường do dán từ nguồn khác hoặc lưu dở).",
                   "The UTF-8 file holds an invalid byte on this row.",
                   "Gõ lại các ký tự bị lỗi ở dòng này, rồi lưu lại dạng CSV UTF-8.",
                   "Retype the broken characters on this row and save as CSV UTF-8.")


def has_utf8_letters(data: bytes) -> bool:
    """Whether the bytes hold any valid multi-byte UTF-8 character."""
    return any(ord(ch) > 127 and ch != "\ufffd" for ch in data.decode("utf-8", errors="replace"))


def looks_like_broken_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (not a Windows-1258 file): most non-ASCII bytes decode as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    decoded = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return decoded >= 3 and broken * 10 <= decoded


def read_table(folder: Path, table: Table, problems: Problems, limits: Limits = DEFAULT,
               inputs: YearInputs | None = None) -> RawTable | None:
    """Read one CSV table as text, or None when it is missing or unreadable."""
    if os.path.lexists(folder / f"{table.name}.xlsx"):  # a workbook instead of the CSV: scorecard/workbook.py
        from .workbook import read_workbook_table
        return read_workbook_table(folder, table, problems, limits, inputs)
    path = folder / table.file
    shown = display_path(folder, table.file)
    if not os.path.lexists(path):
        found = misnamed(folder, table)
        for name, messages in found:
            problems.error(display_path(folder, name), None, None, None, *messages)
        if table.required and not found:
            problems.error(shown, None, None, None,
                           f"Thiếu tệp {table.file} (hoặc {table.name}.xlsx).",
                           f"{table.file} (or {table.name}.xlsx) is missing.",
                           f"Tạo {table.file} hoặc {table.name}.xlsx với các cột "
                           f"{', '.join(c.name for c in table.columns if c.required)} (xem docs/du-lieu.md).",
                           "Create it with the required columns listed (see docs/du-lieu.md).")
        return None
    data = read_from(inputs, path, shown, problems, limits)
    if data is None:
        return None
    text = decode(data, shown, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(shown, None, None, None, "Tệp rỗng.", "The file is empty.",
                       "Dòng 1 phải là dòng tiêu đề cột.", "Row 1 must hold the column names.")
        return None
    text, declared = excel_separator_line(text)
    delimiter, records, parse_error = split_records(text, table, declared, limits)
    if parse_error is not None and parse_error[1] in (LIMIT_ROWS, LIMIT_COLUMNS, LIMIT_CELL):
        row, what, _ = parse_error
        report_shape_limit(problems, shown, row, what, limits)
        return None
    if parse_error is not None:
        row, detail, line = parse_error
        column, value = broken_quote(text, line, delimiter, records)
        problems.error(shown, row, column, value,
                       "Không đọc được CSV từ dòng này: dấu ngoặc kép \" chưa đóng hoặc đặt sai.",
                       f"The CSV cannot be parsed from this row ({detail}): an unclosed or misplaced double quote.",
                       "Ô bắt đầu bằng \" phải kết thúc bằng \" ngay trước dấu phân cách; dấu \" bên trong ô "
                       "viết thành \"\". Sửa trong Excel rồi lưu lại, hoặc xóa các dấu \" thừa.",
                       "A cell that starts with a double quote must end with one right before the delimiter; "
                       "write a quote inside a cell as two. Fix it or delete the stray quote.")
        return None
    return raw_table(records, table, shown, delimiter, problems, limits)


def excel_separator_line(text: str) -> tuple[str, str | None]:
    """Excel's optional first line `sep=;` names the delimiter; Excel hides it, so we drop it."""
    first, newline, rest = text.partition("\n")
    match = re.fullmatch(r"sep=(.)\r?", first.lstrip("\ufeff"), re.IGNORECASE)
    if match and match.group(1) in DELIMITERS:
        return rest, match.group(1)
    return text, None


def split_records(text: str, table: Table, declared: str | None = None, limits: Limits = DEFAULT):
    """Choose the delimiter that finds the table's column names in the first rows, then split the records."""
    known = {c.name for c in table.columns}
    head_text = "\n".join(text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS])
    best = None
    for delimiter in (declared,) if declared else DELIMITERS:
        head, _ = parse_csv(head_text, delimiter, limits)
        score = max((len(known & {clean_header(c) for c in r}) for r in head), default=0)
        if best is None or score > best[0]:
            best = (score, delimiter)
    delimiter = best[1]
    if best[0] == 0:  # no names found: fall back to the delimiter most used on line 1
        first_line = re.match(r"[^\r\n]*", text.lstrip("\ufeff")).group()  # not a list of every line
        delimiter = max(DELIMITERS, key=first_line.count)
    records, error = parse_csv(text, delimiter, limits)
    return delimiter, records, error


LIMIT_ROWS, LIMIT_COLUMNS, LIMIT_CELL = "rows", "columns", "cell_chars"


def parse_csv(text: str, delimiter: str, limits: Limits = DEFAULT):
    """Split text into records; on a syntax error or a limit hit, return what was read and where it stopped
    (row, what, line); `what` is LIMIT_ROWS, LIMIT_COLUMNS or LIMIT_CELL for a limit."""
    csv.field_size_limit(max(limits.cell_chars * 4, 1 << 16))  # a cell far beyond the limit stops the reader
    longest = limits.columns * (limits.cell_chars * 4 + 3)  # a line no record within the limits can hold
    long_line = []
    reader = csv.reader(bounded_lines(text, longest, long_line), delimiter=delimiter,
                        strict=True)
    records = []
    lines_read = 0  # physical lines taken by the records read: the failing one starts on the next
    most_rows, most_columns = limits.rows + 1, limits.columns  # the header is a row too
    try:
        for record in reader:
            if len(record) > most_columns and any(cell.strip() for cell in record[most_columns:]):
                return records, (len(records) + 1, LIMIT_COLUMNS, lines_read)
            records.append(record)
            lines_read = reader.line_num
            if len(records) > most_rows:
                return records, (len(records), LIMIT_ROWS, lines_read)
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            return records, (len(records) + 1, LIMIT_CELL, lines_read)
        return records, (len(records) + 1, str(err), lines_read)
    if long_line:
        return records, (len(records) + 1, LIMIT_COLUMNS if long_line[0].count(delimiter) >= most_columns
                         else LIMIT_CELL, lines_read)
    return records, None


LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # as io.StringIO(text, newline="") splits, without its copy


def bounded_lines(text: str, longest: int, found: list):
    """The text's lines with their ends, up to one longer than `longest` (kept in `found`): the reader would
    otherwise make a list of millions of cells out of one 45 MB line of x; before it saw that there are too
    many (1,6 GB)."""
    for match in LINE.finditer(text):
        line = match.group()
        if len(line) > longest:
            found.append(line)
            return
        yield line


def report_shape_limit(problems: Problems, shown: str, row: int, what: str, limits: Limits) -> None:
    """A table with too many rows or columns, or a cell far too long to be parsed: stop at that row."""
    value = limits_module.shown(limits, what)
    text = {LIMIT_ROWS: (f"Bảng có hơn {value} dòng dữ liệu, quá giới hạn (rows).",
                         f"The table has more than {limits.rows:,} data rows, over the limit (rows).",
                         "Kiểm tra tệp: có phải dữ liệu bị chép lặp, hoặc dòng trống ở cuối có ký tự ẩn?",
                         "Check the file for repeated data or trailing rows holding invisible characters."),
            LIMIT_COLUMNS: (f"Dòng có hơn {value} cột, quá giới hạn (columns).",
                            f"The row has more than {value} columns, over the limit (columns).",
                            "Xóa các cột thừa; kiểm tra dấu phân cách của tệp.",
                            "Delete the extra columns; check the file's delimiter."),
            LIMIT_CELL: (f"Ô dài hơn nhiều so với giới hạn {value} ký tự (cell_chars); không đọc tiếp được.",
                         f"A cell is far longer than the limit of {limits.cell_chars} characters (cell_chars).",
                         "Rút gọn nội dung ô; kiểm tra dấu ngoặc kép \" chưa đóng ở dòng này.",
                         "Shorten the cell; check for an unclosed double quote on this row.")}[what]
    problems.error(shown, row, None, None, *text)


def broken_quote(text: str, line: int, delimiter: str, records) -> tuple[str | None, str | None]:
    """The column and text of the cell whose double quote breaks a record starting on a 0-based line."""
    lines = io.StringIO(text, newline="").readlines()
    if line >= len(lines):
        return None, None
    source = lines[line].rstrip("\r\n")
    index, start, quoted, i = 0, 0, False, 0
    while i < len(source):
        ch = source[i]
        if quoted and ch == '"' and source[i + 1:i + 2] == '"':
            i += 1  # a doubled quote inside a quoted cell
        elif quoted and ch == '"':
            quoted = False
            if source[i + 1:i + 2] not in ("", delimiter):  # text after a closing quote
                end = source.find(delimiter, i)
                source = source if end < 0 else source[:end]
                break
        elif not quoted and ch == '"' and i == start:
            quoted = True
        elif not quoted and ch == delimiter:
            index, start = index + 1, i + 1
        i += 1
    else:
        if not quoted:
            return None, source
    header = [clean_header(c) for c in records[0]] if records else []
    column = header[index] if index < len(header) and header[index] else excel_column(index)
    return column, source[start:]


