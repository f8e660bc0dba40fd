"""The input contract declared once: files, columns, settings and vocabularies.

Validation and the reference tables of docs/du-lieu.md are both derived from these
tables (tests/test_docs.py checks the page against them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # the contract's rule
# Ids become file names (don-vi/<id>.html). The contract allows the names Windows keeps for its devices, yet
# there nul.html is the NUL device and con.html the console, whatever the extension: a page would vanish.
# validate.py warns of them, and refuses them when the build itself runs on Windows.
WINDOWS_DEVICES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
YEAR_PATTERN = re.compile(r"[0-9]{4}")
MAX_CELL_CHARS = 2000


@dataclass(frozen=True)
class Column:
    """A column of an input table."""

    name: str
    required: bool
    kind: str  # id | ref | text | number | int | choice | date
    help: str
    choices: tuple[str, ...] = ()
    # The column is always in the header, but its cell is required only on the rows of these indicator kinds
    # (value and target: number indicators; status: tasks); empty: `required` says it all.
    required_for: tuple[str, ...] = ()

    @property
    def requirement(self) -> str:
        """Whether a cell of the column must be filled in, in Vietnamese: bắt buộc, không bắt buộc, or for which rows."""
        if self.required_for:
            return f"bắt buộc với {KIND_WORDS[self.required_for]}"
        return "bắt buộc" if self.required else "không bắt buộc"


@dataclass(frozen=True)
class Table:
    """An input file of a year and its columns."""

    name: str
    required: bool
    columns: tuple[Column, ...]
    help: str

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


KINDS = ("count", "amount", "rate", "task")
NUMBER_KINDS = ("count", "amount", "rate")
KIND_WORDS = {NUMBER_KINDS: "chỉ tiêu số", ("task",): "nhiệm vụ"}  # the rows a column's cell is required on
DIRECTIONS = ("up", "down")
AGGREGATES = ("sum", "mean", "none")
TASK_STATUSES = ("done", "in_progress", "not_started")
RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
NUMBER_FORMATS = ("auto", "plain", "vi")
RATING_METHODS = ("targets", "points", "qd366")

TABLES: tuple[Table, ...] = (
    Table("groups", True, (
        Column("group_id", True, "id", "Mã nhóm (group id)."),
        Column("name", True, "text", "Tên nhóm hiển thị trên trang."),
        Column("order", False, "int", "Thứ tự hiển thị (số nguyên); mặc định theo thứ tự dòng trong tệp."),
    ), "Các nhóm đơn vị."),
    Table("units", True, (
        Column("unit_id", True, "id", "Mã đơn vị."),
        Column("name", True, "text", "Tên đơn vị."),
        Column("group_id", True, "ref", "Nhóm của đơn vị (một group_id của bảng groups)."),
        Column("parent_id", False, "ref", "Đơn vị cấp trên mà đơn vị báo cáo; để trống nếu là đơn vị cấp cao nhất."),
        Column("head", False, "text", "Chức vụ và họ tên người đứng đầu chịu trách nhiệm."),
        Column("order", False, "int", "Thứ tự hiển thị trong nhóm (số nguyên)."),
    ), "Các đơn vị được giao chỉ tiêu, nhiệm vụ."),
    Table("indicators", True, (
        Column("indicator_id", True, "id", "Mã chỉ tiêu."),
        Column("name", True, "text", "Tên chỉ tiêu."),
        Column("kind", True, "choice", "count: số nguyên; amount: số bất kỳ; rate: tỷ lệ % (8.5); task: nhiệm vụ có sản phẩm.", KINDS),
        Column("measure", False, "text", "Đơn vị tính, ví dụ \"đảng viên\", \"%\"."),
        Column("direction", False, "choice", "up (mặc định): càng cao càng tốt; down: càng thấp càng tốt.", DIRECTIONS),
        Column("category", False, "text", "Lĩnh vực, ví dụ \"Xây dựng Đảng\"."),
        Column("aggregate", False, "choice", "sum | mean | none; mặc định sum cho count và amount, none cho rate và task.", AGGREGATES),
    ), "Các chỉ tiêu và nhiệm vụ."),
    Table("targets", True, (
        Column("unit_id", True, "ref", "Đơn vị được giao."),
        Column("indicator_id", True, "ref", "Chỉ tiêu được giao."),
        Column("target", True, "number", "Chỉ tiêu (một số); để trống với nhiệm vụ (task).",
               required_for=NUMBER_KINDS),
        Column("weight", False, "number", "Trọng số, mặc định 1, phải lớn hơn 0."),
        Column("due", False, "ref", "Nhiệm vụ: hạn hoàn thành (mã kỳ báo cáo); mặc định kỳ cuối năm."),
        Column("product", False, "text", "Nhiệm vụ: sản phẩm phải có."),
        Column("note", False, "text", "Ghi chú."),
    ), "Chỉ tiêu, nhiệm vụ giao cho từng đơn vị; mỗi (đơn vị, chỉ tiêu) một dòng."),
    Table("results", True, (
        Column("unit_id", True, "ref", "Đơn vị báo cáo."),
        Column("indicator_id", True, "ref", "Chỉ tiêu."),
        Column("period", True, "ref", "Kỳ báo cáo (mã kỳ trong year.yml)."),
        Column("value", True, "number", "Giá trị lũy kế từ 1/1 đến hết kỳ (tỷ lệ: mức cuối kỳ); để trống với nhiệm vụ.",
               required_for=NUMBER_KINDS),
        Column("status", True, "choice", "Nhiệm vụ: done | in_progress | not_started.", TASK_STATUSES,
               required_for=("task",)),
        Column("evidence", False, "text", "Sản phẩm đã có (văn bản, quyết định...)."),
        Column("note", False, "text", "Ghi chú."),
    ), "Kết quả từng kỳ; mỗi (đơn vị, chỉ tiêu, kỳ) nhiều nhất một dòng."),
    Table("ratings", False, (
        Column("unit_id", True, "ref", "Đơn vị."),
        Column("rating", True, "choice", "Mức xếp loại do cấp có thẩm quyền quyết định.", RATINGS),
        Column("reason", True, "text", "Lý do khác với mức tính toán."),
    ), "Tùy chọn: mức xếp loại do tập thể quyết định khi khác với mức tính toán."),
    Table("officials", False, (
        Column("official_id", True, "id", "Mã cán bộ; cùng một người giữ cùng một mã qua mọi năm."),
        Column("name", True, "text", "Họ và tên."),
        Column("unit_id", True, "ref", "Đơn vị mà cán bộ chịu trách nhiệm (một unit_id của bảng units)."),
        Column("title", True, "text", "Chức vụ, ví dụ \"Bí thư Huyện ủy\", \"Chủ tịch UBND huyện\"."),
        Column("from", False, "date", "Ngày bắt đầu giữ chức vụ trong năm (2021-07-15 hoặc 15/07/2021); "
               "mặc định ngày đầu năm."),
        Column("to", False, "date", "Ngày cuối cùng giữ chức vụ (2021-07-14 hoặc 14/07/2021); "
               "mặc định ngày kết thúc kỳ cuối năm."),
    ), "Tùy chọn: cán bộ chịu trách nhiệm ở từng đơn vị và thời gian giữ chức vụ; mỗi chức vụ một dòng."),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


@dataclass(frozen=True)
class Setting:
    """A key of year.yml: its default, what it accepts and what it does.

    `default` is one value, or {rating method: value} where the default depends on `rating.method`
    (a method missing from the mapping does not use the setting).
    """

    name: str
    default: object
    help: str

    def default_for(self, method: str):
        """The default under a rating method."""
        return self.default.get(method) if isinstance(self.default, dict) else self.default

    def applies_to(self, method: str) -> bool:
        """Whether the setting means anything under a rating method."""
        return method in self.default if isinstance(self.default, dict) else True


SETTINGS: tuple[Setting, ...] = (
    Setting("title", None, "Bắt buộc. Tiêu đề của năm, hiện trên mọi trang."),
    Setting("organisation", None, "Bắt buộc. Cơ quan ban hành, ví dụ \"Tỉnh ủy Vĩnh Phúc\"."),
    Setting("periods", None, "Bắt buộc. Các kỳ báo cáo theo thứ tự thời gian: {id, name, end}; kết quả lũy kế từ 1/1."),
    Setting("current_period", None, "Kỳ được công bố gần nhất; mặc định là kỳ cuối cùng có kết quả. Chưa có kết "
            "quả nào: năm được công bố dưới dạng giao chỉ tiêu. Có kết quả của kỳ sau nó: cảnh báo."),
    Setting("updated", None, "Ngày cập nhật số liệu, hiện trên mọi trang; mặc định là ngày sửa gần nhất của các tệp."),
    Setting("number_format", "auto", "auto | plain | vi: cách đọc số (auto: tệp phân cách bằng ';' đọc kiểu vi)."),
    Setting("sample", False, "true: đánh dấu cả năm là dữ liệu mẫu trên mọi trang."),
    Setting("rating.method", "targets", "targets (theo chỉ tiêu đạt) | points (thang 100 điểm) | "
            "qd366 (thang 100 điểm kèm điều kiện của Điều 11 Quy định 366-QĐ/TW)."),
    Setting("rating.quota", None, "Tỷ lệ tối đa (0-1) số đơn vị xuất sắc trong số đơn vị xuất sắc/tốt của mỗi "
            "nhóm, xét sau các điều kiện của phương pháp."),
    Setting("rating.exceeded_share", {"targets": 0.5, "qd366": 0.3},
            "targets, qd366: tỷ lệ (0-1) số chỉ tiêu vượt tối thiểu để xếp xuất sắc; mặc định theo phương pháp."),
    Setting("rating.late_share", {"qd366": 0.2},
            "qd366: tỷ lệ (0-1) tối đa số chỉ tiêu, nhiệm vụ hoàn thành chậm so với hạn để xếp hoàn thành."),
    Setting("rating.met_weight_share", {"targets": 0.7},
            "targets: tỷ lệ (0-1) trọng số chỉ tiêu đạt tối thiểu để xếp hoàn thành."),
    Setting("rating.points_xuat_sac", {"points": 90, "qd366": 90}, "points, qd366: số điểm tối thiểu để xếp xuất sắc."),
    Setting("rating.points_tot", {"points": 70, "qd366": 70}, "points, qd366: số điểm tối thiểu để xếp tốt."),
    Setting("rating.points_hoan_thanh", {"points": 50, "qd366": 50},
            "points, qd366: số điểm tối thiểu để xếp hoàn thành."),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}
SHARE_SETTINGS = ("rating.quota", "rating.exceeded_share", "rating.late_share", "rating.met_weight_share")
