"""Every bound on the input, declared once: the reading code checks these values and the limits table of
docs/khi-co-loi.md is generated from here (scorecard/docs.py).

A province's yearly data is small (a few thousand units, a few hundred thousand result rows);
anything far beyond is a mistake or an attack, and is refused with exit status 2 before it can
take minutes or gigabytes. Each limit names what it bounds; `--max-file-mb` overrides the size of
a table file (tests/test_docs.py checks that docs/khi-co-loi.md lists every limit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    """The limits in force for a run (defaults below; the command line may raise the table file size)."""

    table_file_mb: float = 50
    year_yml_kb: float = 64
    bulletin_kb: float = 256
    rows: int = 1_000_000
    columns: int = 100
    cell_chars: int = 2000
    yaml_value_chars: int = 500
    yaml_depth: int = 10
    xlsx_part_mb: float = 100
    xlsx_unpacked_mb: float = 200
    xlsx_elements: int = 3_000_000
    xlsx_cells: int = 2_000_000
    number_abs: float = 1e15
    target_min_abs: float = 1e-6
    weight_max: float = 1000
    year_min: int = 2000
    year_max: int = 2099
    bulletin_range: int = 1000
    bulletin_loop_items: int = 10_000
    bulletin_text_chars: int = 10_000
    bulletin_output_chars: int = 250_000
    bulletin_seconds: float = 5
    markdown_cost: int = 2_000_000
    markdown_nesting: int = 16

    def bytes(self, name: str) -> int:
        """A size limit in bytes (table_file_mb, year_yml_kb...)."""
        value = getattr(self, name)
        return int(value * (1 << 20 if name.endswith("_mb") else 1 << 10))

    def with_table_file_mb(self, megabytes: float | None) -> "Limits":
        """These limits with another table file size (the command line's --max-file-mb)."""
        return self if megabytes is None else replace(self, table_file_mb=megabytes)


DEFAULT = Limits()


@dataclass(frozen=True)
class Limit:
    """A limit as documented: its field in Limits, the unit it is counted in, and what it bounds."""

    name: str
    unit: str
    what: str  # Vietnamese
    option: str = ""  # the command-line option that overrides it


LIMITS: tuple[Limit, ...] = (
    Limit("table_file_mb", "MB", "Dung lượng mỗi tệp bảng (.csv hoặc .xlsx), xét trước khi đọc.", "--max-file-mb"),
    Limit("year_yml_kb", "KB", "Dung lượng tệp year.yml."),
    Limit("bulletin_kb", "KB", "Dung lượng mỗi tệp bản tin (bulletins/*.md)."),
    Limit("rows", "dòng", "Số dòng của mỗi bảng."),
    Limit("columns", "cột", "Số cột của mỗi bảng (kể cả cột ghi chú bắt đầu bằng _)."),
    Limit("cell_chars", "ký tự", "Độ dài một ô."),
    Limit("yaml_value_chars", "ký tự", "Độ dài một giá trị trong year.yml hoặc khối thông tin đầu bản tin."),
    Limit("yaml_depth", "cấp", "Số cấp lồng nhau trong year.yml; neo và bí danh YAML (& và *) không được dùng."),
    Limit("xlsx_part_mb", "MB", "Dung lượng giải nén của mỗi phần trong tệp .xlsx, xét trước khi mở."),
    Limit("xlsx_unpacked_mb", "MB", "Tổng dung lượng giải nén của tệp .xlsx."),
    Limit("xlsx_elements", "phần tử", "Số phần tử XML trong tệp .xlsx (ô, dòng, chuỗi dùng chung, định dạng...)."),
    Limit("xlsx_cells", "ô", "Số ô trong vùng dữ liệu (số dòng × số cột) và trong các vùng ô gộp của trang tính đầu."),
    Limit("number_abs", "", "Giá trị tuyệt đối của value, target: nhỏ hơn 10^15."),
    Limit("target_min_abs", "", "Chỉ tiêu (target) khác 0 có giá trị tuyệt đối từ 0,000001 trở lên."),
    Limit("weight_max", "", "Trọng số (weight) lớn nhất."),
    Limit("year_min", "", "Năm nhỏ nhất của thư mục năm."),
    Limit("year_max", "", "Năm lớn nhất của thư mục năm."),
    Limit("bulletin_range", "phần tử", "range(...) trong bản tin."),
    Limit("bulletin_loop_items", "lượt", "Tổng số lượt lặp {% for %} của một bản tin."),
    Limit("bulletin_text_chars", "ký tự", "Độ dài một giá trị tính ra trong bản tin ({{ ... }}, phép ~, + và *)."),
    Limit("bulletin_output_chars", "ký tự", "Độ dài bản tin sau khi điền số liệu."),
    Limit("bulletin_seconds", "giây", "Thời gian tính các biểu thức của một bản tin."),
    Limit("markdown_cost", "", "Độ phức tạp Markdown của bản tin: tổng, theo từng đoạn, của số dấu [, < và \\ nhân độ dài đoạn, và của số dòng tiêu đề, đường kẻ không có dòng trống xen giữa nhân độ dài khối."),
    Limit("markdown_nesting", "cấp", "Số cấp lồng nhau của danh sách và trích dẫn (>) trong bản tin."),
)

# Characters refused in any text read: control characters (NUL, BEL, ESC...; tab and line breaks are
# text) and the bidirectional controls that can show the rest of a line reversed (U+202E).
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI = "\u202a-\u202e\u2066-\u2069"
REFUSED_CHARACTER = re.compile(f"[{CONTROL}{BIDI}]")


def refused_character(text: str) -> tuple[str, str, str, str] | None:
    """The messages for the first control or bidirectional character in a text, or None when it has none."""
    found = REFUSED_CHARACTER.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    if re.match(f"[{BIDI}]", found.group()):
        return (f"Có ký tự điều khiển chiều văn bản <{code}>, có thể làm chữ phía sau hiện ngược.",
                f"The text holds the bidirectional control {code}, which can show the rest reversed.",
                "Xóa ký tự đó: gõ lại đoạn văn bản, đừng dán từ nguồn khác.",
                "Delete it: retype the text rather than pasting it.")
    return (f"Có ký tự điều khiển <{code}> (không in được) trong văn bản.",
            f"The text holds the control character {code}.",
            "Xóa ký tự đó: gõ lại đoạn văn bản, đừng dán từ phần mềm khác.",
            "Delete it: retype the text rather than pasting it from another program.")


def vi_int(number: int) -> str:
    """A whole number the Vietnamese way: 1.000.000."""
    return f"{int(number):,}".replace(",", ".")


def shown(limits: Limits, name: str) -> str:
    """A limit's value as docs/khi-co-loi.md and messages write it: 1.000.000, 0,000001, 10^15."""
    value = getattr(limits, name)
    if name == "number_abs":
        return "10^15" if value == 1e15 else f"{value:g}"
    if name.startswith("year_"):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:f}".rstrip("0").replace(".", ",")
    return vi_int(value)


def names() -> list[str]:
    """Every field of Limits (tests check each is documented)."""
    return [f.name for f in fields(Limits)]
