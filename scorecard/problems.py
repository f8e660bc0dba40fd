"""Problems found in a year's input: collected during a run, reported together."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Problem:
    """One mistake in the input, located the way a spreadsheet user finds it."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str  # Vietnamese
    message_en: str
    hint: str = ""  # Vietnamese
    hint_en: str = ""
    warning: bool = False
    sheet: str | None = None  # a workbook's sheet and cell, as Excel names them (scorecard/workbook.py)
    cell: str | None = None

    def sort_key(self) -> tuple:
        """Order problems by file, then row (file-level problems first), then column."""
        return (self.file, self.row or 0, self.column or "", self.message)

    def format(self) -> str:
        """Render the problem as the lines printed to the user."""
        where = [self.file]
        if self.sheet is not None:
            where.append(f"trang tính {self.sheet}")
        if self.cell:
            where.append(f"ô {self.cell}")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:  # a command-line argument (--period) is not a column of a table
            where.append(f"tham số {self.column}" if self.column.startswith("--") else f"cột {self.column}")
        if self.value is not None:
            where.append(f"giá trị {show_value(self.value)}")
        label = "Cảnh báo (warning)" if self.warning else "Lỗi (error)"
        lines = [f"{label}: {', '.join(where)}", f"  {self.message} ({self.message_en})"]
        if self.hint:
            lines.append(f"  Gợi ý (Hint): {self.hint} ({self.hint_en})")
        return "\n".join(lines)


def show_value(value: str, limit: int = 60) -> str:
    """Quote a cell value so invisible characters and its ends can be seen."""
    shown = value if len(value) <= limit else value[:limit] + "…"
    escaped = "".join(_visible(ch) for ch in shown)
    return f'"{escaped}"'


def _visible(ch: str) -> str:
    """Spell out characters a reader cannot see (no-break and zero-width spaces)."""
    if ch == "\u00a0":
        return "<NBSP>"
    if ch in "\u200b\u200c\u200d\ufeff\u2060":
        return f"<U+{ord(ch):04X}>"
    if ch in "\t\r\n":
        return {"\t": "<TAB>", "\r": "<CR>", "\n": "<LF>"}[ch]
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or (ch.isspace() and ch != " "):
        return f"<U+{ord(ch):04X}>"  # other control, format and space characters: invisible too
    return ch


@dataclass(frozen=True)
class Sheet:
    """Where a table read from a workbook lies: its sheet, and the letter of each column by header name."""

    name: str
    letters: dict[str, str]

    def locate(self, problem: Problem) -> Problem:
        """The problem with its sheet and, where its row and column are known, its cell (C14)."""
        column = (problem.column or "").split(", ")[-1]  # several key columns: the cell of the last one
        letter = self.letters.get(column) or (column if re.fullmatch(r"[A-Z]{1,3}", column) else None)
        cell = f"{letter}{problem.row}" if letter and problem.row is not None else None
        return replace(problem, sheet=self.name, cell=cell)


@dataclass
class Problems:
    """A collector of problems; errors stop the run once everything was checked."""

    items: list[Problem] = field(default_factory=list)
    sheets: dict[str, Sheet] = field(default_factory=dict)  # file as shown -> its sheet, for workbooks

    def add(self, problem: Problem) -> None:
        sheet = self.sheets.get(problem.file)
        if sheet is not None and problem.sheet is None:
            problem = sheet.locate(problem)
        self.items.append(problem)

    def error(self, file, row, column, value, message, message_en, hint="", hint_en=""):
        self.add(Problem(file, row, column, value, message, message_en, hint, hint_en))

    def warn(self, file, row, column, value, message, message_en, hint="", hint_en=""):
        self.add(Problem(file, row, column, value, message, message_en, hint, hint_en, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if not p.warning), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.warning), key=Problem.sort_key)

    def raise_if_errors(self) -> None:
        """Stop with every error found so far (mkdocs' strict mode, but for data)."""
        if self.errors:
            raise InvalidInput(self.errors, self.warnings)


class InvalidInput(Exception):
    """The input breaks the contract; the command line exits with status 2."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] = ()):
        self.errors = list(errors)
        self.warnings = list(warnings)
        super().__init__(f"{len(self.errors)} lỗi trong dữ liệu đầu vào")

    def report(self) -> str:
        """Every error, sorted by file and row, ready to print."""
        return "\n".join(p.format() for p in self.errors)
