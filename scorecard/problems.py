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
    more: int = 0  # how many more problems of the same kind in the same file were left unprinted

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
        if self.more:
            kind, kind_en = ("cảnh báo", "warning") if self.warning else ("lỗi", "error")
            count = f"{self.more:,}".replace(",", ".")
            lines.append(f"  … và {count} {kind} khác cùng loại trong tệp này, không in ra. "
                         f"(and {self.more:,} more {kind_en}s like this in this file.)")
        return "\n".join(lines)

    @property
    def count(self) -> int:
        """How many problems this one stands for: itself and those of its kind left unprinted."""
        return 1 + self.more


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


REPEATS = 50  # problems of one kind printed per file; the rest are counted ("và N lỗi khác")


@dataclass
class Problems:
    """A collector of problems; errors stop the run once everything was checked.

    The same mistake on thousands of rows (a column typed in the wrong format) is kept REPEATS
    times per file and counted beyond, so that the message stays readable and memory bounded.
    """

    items: list[Problem] = field(default_factory=list)
    sheets: dict[str, Sheet] = field(default_factory=dict)  # file as shown -> its sheet, for workbooks
    kept: dict[tuple, int] = field(default_factory=dict)  # (file, kind of problem, warning) -> how many seen

    def add(self, problem: Problem) -> None:
        if self.repeated(problem.file, problem.message_en, problem.warning):
            return
        self.items.append(self.locate(problem))

    def locate(self, problem: Problem) -> Problem:
        """The problem with its workbook's sheet and cell, when its file is a workbook (problems.Sheet)."""
        sheet = self.sheets.get(problem.file)
        if sheet is not None and problem.sheet is None:
            return sheet.locate(problem)
        return problem

    def keeps(self, file: str, message_en: str, warning: bool = False) -> bool:
        """Whether the next problem of this kind would be kept (so that a costly hint is worth making)."""
        return self.kept.get((file, message_en, warning), 0) < REPEATS

    def repeated(self, file: str, message_en: str, warning: bool) -> bool:
        """Count a problem of this kind; True when as many were kept already."""
        key = (file, message_en, warning)
        seen = self.kept.get(key, 0)
        self.kept[key] = seen + 1
        return seen >= REPEATS

    def error(self, file, row, column, value, message, message_en, hint="", hint_en=""):
        if not self.repeated(file, message_en, False):
            self.items.append(self.locate(Problem(file, row, column, value, message, message_en, hint, hint_en)))

    def warn(self, file, row, column, value, message, message_en, hint="", hint_en=""):
        if not self.repeated(file, message_en, True):
            self.items.append(self.locate(Problem(file, row, column, value, message, message_en, hint, hint_en,
                                                  warning=True)))

    def extend(self, other: "Problems", warnings: bool = True) -> None:
        """Take in what another collector found (a year's own), with its counts and sheets; its warnings too
        unless `warnings` is false."""
        self.sheets.update(other.sheets)
        for key, seen in other.kept.items():
            if warnings or not key[2]:
                self.kept[key] = self.kept.get(key, 0) + seen
        self.items += [p for p in other.items if warnings or not p.warning]

    def sorted_with_more(self, warning: bool) -> list[Problem]:
        """The kept problems, sorted; the last of each kind says how many more were left out."""
        found = sorted((p for p in self.items if p.warning == warning), key=Problem.sort_key)
        last = {(p.file, p.message_en): i for i, p in enumerate(found)}
        for (file, message_en), i in last.items():
            more = self.kept.get((file, message_en, warning), 0) - REPEATS
            if more > 0:
                found[i] = replace(found[i], more=more)
        return found

    @property
    def errors(self) -> list[Problem]:
        return self.sorted_with_more(False)

    @property
    def warnings(self) -> list[Problem]:
        return self.sorted_with_more(True)

    def raise_if_errors(self) -> None:
        """Stop with every error found so far (mkdocs' strict mode, but for data)."""
        if self.errors:
            raise InvalidInput(self.errors, self.warnings)


class InvalidInput(Exception):
    """The input breaks the contract; the command line exits with status 2."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] = ()):
        self.errors = list(errors)
        self.warnings = list(warnings)
        super().__init__(f"{self.count} lỗi trong dữ liệu đầu vào")

    @property
    def count(self) -> int:
        """Every error found, those left unprinted included."""
        return sum(p.count for p in self.errors)

    def report(self) -> str:
        """Every error, sorted by file and row, ready to print."""
        return "\n".join(p.format() for p in self.errors)
