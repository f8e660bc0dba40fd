"""Bulletins (bản tin): data/<year>/bulletins/<period_id>.md, with figures cited from the data.

A bulletin is Markdown with a YAML front matter block. Its figures are jinja2
expressions, `{{ total(...) }}` and `{{ result(...) }}`, evaluated against the
computed Report at the bulletin's own period, so the text can never disagree
with the data. Authors' text is not trusted: the template runs in jinja2's
sandbox and the HTML made from the Markdown is sanitised with nh3.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import time
import traceback
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.extensions.tables import TableExtension
import nh3
import pandas as pd
import yaml
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from . import labels, phrases
from .compute import province_totals
from .inputs import YearInputs, read_from
from . import limits as limits_module
from .limits import DEFAULT, Limits, refused_character, shown as shown_limit
from .load import YamlLimit, limited_loader
from .model import Report
from .problems import Problems

FOLDER = "bulletins"
TOTAL_FIELDS = ("target_total", "value_total", "difference", "units_met", "units_total", "units_on_track", "status",
                "assessment")
RESULT_FIELDS = ("value", "target", "completion", "status", "assessment")
REQUIRED_KEYS = ("title", "number", "date", "signer")
OPTIONAL_KEYS = ("signer_title", "place", "issuer", "motto", "heading", "recipients")
HEADINGS = ("dang", "nha-nuoc")  # a Party body's document heading, or the State's (bulletin_output.py)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
MISSING = "chưa có số liệu"
LINK_WITHOUT_ADDRESS = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.S)

# What a bulletin's HTML may contain: text structure, tables and in-site links.
# Anything else (scripts, styles, images, forms, event handlers) is dropped.
TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a", "abbr"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"colspan", "rowspan", "align"},
              "td": {"colspan", "rowspan", "align"}, "ol": {"start"}}


@dataclass(frozen=True)
class Source:
    """A bulletin file as read: front matter, body and where the body starts."""

    shown: str  # the file as named in messages: 2021/bulletins/y.md
    period: str
    meta: dict
    body: str
    body_line: int  # the file's line number of the body's first line


@dataclass(frozen=True)
class Bulletin:
    """A bulletin with its figures filled in, ready to render."""

    period: str
    period_name: str
    period_index: int
    title: str
    number: str
    date: dt.date
    signer: str
    signer_title: str
    place: str
    issuer: str  # the issuing body, top left; the year's organisation when empty
    motto: str  # top right; the heading's own (Party or State) when empty
    markdown: str  # the body with every figure written out
    html: str  # the body as sanitised HTML
    heading: str = ""  # dang | nha-nuoc; empty: chosen from the issuer (bulletin_output.heading_kind)
    recipients: tuple[str, ...] = ()  # the "Nơi nhận" block, one line each


class FigureError(Exception):
    """A cited figure that does not exist; carries the Vietnamese and English messages and a hint."""

    def __init__(self, value: str, message: str, message_en: str, hint: str = "", hint_en: str = ""):
        super().__init__(message_en)
        self.value, self.message, self.message_en, self.hint, self.hint_en = value, message, message_en, hint, hint_en


# --- reading -----------------------------------------------------------------------

def read_bulletins(folder: Path, periods: list[str] | None, problems: Problems,
                   limits: Limits = DEFAULT, inputs: YearInputs | None = None) -> list[Source]:
    """Every bulletin file of a year's folder, in period order (read through the run's `inputs`);
    problems are collected."""
    directory = folder / FOLDER
    if not directory.is_dir():
        return []
    sources = []
    for path in sorted(directory.iterdir()):
        shown = f"{folder.name}/{FOLDER}/{path.name}"
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".md":
            problems.error(shown, None, None, path.name, "Thư mục bulletins chỉ chứa tệp bản tin .md.",
                           "The bulletins folder holds only .md bulletin files.",
                           "Đổi tên thành <mã kỳ>.md hoặc chuyển tệp ra chỗ khác.",
                           "Rename it <period_id>.md or move it elsewhere.")
            continue
        if periods is not None and path.stem not in periods:
            problems.error(shown, None, None, path.stem, "Tên tệp bản tin phải là mã một kỳ báo cáo của year.yml.",
                           "A bulletin's file name is the id of a period of year.yml.",
                           f"Đặt tên theo một trong: {', '.join(p + '.md' for p in periods)}.",
                           "Name it after a period id.")
            continue
        source = read_source(path, shown, problems, limits, inputs)
        if source is not None:
            sources.append(source)
    order = {p: i for i, p in enumerate(periods or [])}
    return sorted(sources, key=lambda s: order.get(s.period, 0))


def read_source(path: Path, shown: str, problems: Problems, limits: Limits = DEFAULT,
                inputs: YearInputs | None = None) -> Source | None:
    """One bulletin file: decoded, NFC, front matter parsed and checked."""
    data = read_from(inputs, path, shown, problems, limits)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.error(shown, None, None, None, "Tệp bản tin không phải UTF-8.", "The bulletin is not UTF-8.",
                       "Lưu tệp với mã hóa UTF-8 (Notepad: Save as, Encoding UTF-8).",
                       f"Save it as UTF-8 ({err.reason} at byte {err.start}).")
        return None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    refused = refused_character(text)
    if refused is not None:
        line = text[:text.index(limits_module.REFUSED_CHARACTER.search(text).group())].count("\n") + 1
        problems.error(shown, line, None, None, *refused)
        return None
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.error(shown, 1, None, None, "Bản tin phải mở đầu bằng khối thông tin giữa hai dòng ---.",
                       "A bulletin starts with a front matter block between two --- lines.",
                       "Dòng 1: ---, rồi title:, number:, date:, signer:, rồi dòng ---.",
                       "Line 1 is ---, then title, number, date, signer, then ---.")
        return None
    try:  # every value as text (dates checked below); anchors and aliases refused
        meta = yaml.load(match.group(1), Loader=limited_loader(yaml.BaseLoader, limits)) or {}
    except YamlLimit as err:
        problems.error(shown, err.line + 1, None, err.value, err.message, err.message_en, err.hint, err.hint_en)
        return None
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        problems.error(shown, None if line is None else line + 2, None, None,
                       "Khối thông tin đầu bản tin không đúng cú pháp YAML.", "The front matter is not valid YAML.",
                       "Mỗi dòng dạng khóa: giá trị; đặt giá trị có dấu : trong ngoặc kép.",
                       "One key: value per line; quote values that contain a colon.")
        return None
    if not isinstance(meta, dict):
        meta = {}
    body_line = text[:match.end()].count("\n") + 1
    lines = {key: i + 2 for i, line in enumerate(match.group(1).split("\n"))
             for key in [line.split(":", 1)[0].strip()]}
    meta = check_meta(meta, lines, shown, problems)
    if meta is None or not filled_in(text, meta, lines, shown, problems):
        return None
    return Source(shown, path.stem, meta, text[match.end():], body_line)


# What `draft` leaves for the author to fill in, marked so that an unedited draft is never published:
# a front matter key's placeholder says what is missing, in the words of the error ("chưa điền người ký").
PLACEHOLDER = re.compile(r"\[cần điền:[^\]\n]*\]", re.I)
FILL_IN = {"number": ("số hiệu", "số hiệu, ví dụ 31-BT/BTCTU"), "signer": ("người ký", "họ và tên người ký"),
           "signer_title": ("chức vụ người ký", "chức vụ người ký, ví dụ Trưởng ban"),
           "place": ("địa danh", "địa danh, ví dụ Vĩnh Phúc")}
# The placeholders of drafts written before they were marked (issue 13): refused as well.
OLD_PLACEHOLDERS = {"number": "…-BT", "signer": "Họ và tên người ký", "signer_title": "Chức vụ người ký"}


def placeholder(key: str) -> str:
    """The marked placeholder `draft` writes for a front matter key: [cần điền: họ và tên người ký]."""
    return f"[cần điền: {FILL_IN[key][1]}]"


def filled_in(text: str, meta: dict, lines: dict[str, int], shown: str, problems: Problems) -> bool:
    """Whether nothing of the draft is left to fill in; each placeholder still there is an error at its line."""
    found = []
    for key, value in meta.items():
        if key in FILL_IN and (PLACEHOLDER.search(str(value)) or str(value) == OLD_PLACEHOLDERS.get(key)):
            found.append((lines.get(key), key, str(value), FILL_IN[key][0]))
    front = {row for row, *_ in found}
    for row, line in enumerate(text.split("\n"), start=1):
        for mark in PLACEHOLDER.findall(line) if row not in front else ():
            found.append((row, None, mark, mark[1:-1].split(":", 1)[1].strip()))
    for row, key, value, what in found:
        problems.error(shown, row, key, value, f"Bản tin chưa điền {what}: còn chỗ để điền của bản nháp.",
                       "The bulletin still holds a placeholder of the draft.",
                       f"Thay chỗ để điền bằng {what} thật, lưu tệp rồi chạy lại.",
                       "Replace the placeholder with the real text, save, and run again.")
    return not found


def check_meta(meta: dict, lines: dict[str, int], shown: str, problems: Problems) -> dict | None:
    """The front matter's keys as text (date as a date), or None after reporting what is wrong."""
    ok = True
    for key in REQUIRED_KEYS:
        if meta.get(key) in (None, ""):
            problems.error(shown, lines.get(key), key, None, f"Bản tin thiếu {key}.", f"The bulletin has no {key}.",
                           f"Thêm dòng {key}: ... vào khối thông tin đầu tệp.", f"Add a {key}: line to the front matter.")
            ok = False
    for key in sorted(set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        problems.error(shown, lines.get(str(key)), str(key), None, "Khóa không dùng trong bản tin.",
                       "Unknown front matter key.", f"Các khóa: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)}.",
                       "Use only the keys listed.")
        ok = False
    date = meta.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            date = None
    if meta.get("date") not in (None, "") and not isinstance(date, dt.date):
        problems.error(shown, lines.get("date"), "date", str(meta.get("date")), "Ngày không hợp lệ.",
                       "Not a valid date.", "Viết ngày dạng YYYY-MM-DD, ví dụ 2022-01-20.",
                       "Write the date as YYYY-MM-DD.")
        ok = False
    heading = str(meta.get("heading") or "").strip()
    if heading and heading not in HEADINGS:
        problems.error(shown, lines.get("heading"), "heading", heading, "Kiểu văn bản không hợp lệ.",
                       "Unknown document heading.", "heading: dang (văn bản của cơ quan Đảng) hoặc "
                       "heading: nha-nuoc (văn bản của cơ quan Nhà nước); bỏ trống để chọn theo issuer.",
                       "dang (a Party body) or nha-nuoc (a State body); leave it out to choose from the issuer.")
        ok = False
    recipients = meta.get("recipients") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        problems.error(shown, lines.get("recipients"), "recipients", None, "Nơi nhận phải là danh sách các dòng.",
                       "recipients is a list of lines.", "Viết mỗi nơi nhận một dòng bắt đầu bằng dấu -, "
                       "ví dụ:\nrecipients:\n  - Ban Thường vụ Tỉnh ủy (để b/c),\n  - Lưu VP.",
                       "One recipient per line, each starting with '- '.")
        ok = False
    if not ok:
        return None
    clean = {key: str(meta.get(key) or "").strip() for key in REQUIRED_KEYS + OPTIONAL_KEYS}
    clean["date"] = date if not isinstance(date, dt.datetime) else date.date()
    clean["recipients"] = tuple(r.strip().lstrip("-").strip() for r in recipients if r.strip().lstrip("-").strip())
    return clean


# --- figures -----------------------------------------------------------------------

class Figures:
    """The functions a bulletin may call, answering at one period of a computed year."""

    def __init__(self, report: Report, period: str):
        year = report.year
        self.index = year.period_index[period]
        self.indicators = year.indicators.set_index("indicator_id")
        self.unit_names = dict(zip(year.units["unit_id"], year.units["name"]))
        # the tables' files as the year has them (units.xlsx or units.csv), for the hints
        self.file_names = {name: year.file(name).rsplit("/", 1)[-1] for name in ("units", "indicators", "targets")}
        totals = province_totals(year, report.lines, self.index)
        self.totals = totals.set_index("indicator_id").to_dict("index")
        lines = report.lines[report.lines["period_index"] == self.index]
        self.lines = lines.set_index(["unit_id", "indicator_id"])[["target", "value", "completion", "status",
                                                                  "elapsed", "due"]]
        ends = dict(zip(year.periods["period_id"], year.periods["end"]))
        self.due_dates = {period: labels.date(end) for period, end in ends.items()}
        self.due_dates[None] = self.due_dates[year.final_period]  # a task without a due period: the year's end

    def indicator(self, indicator_id) -> pd.Series:
        """The indicator's row, or a FigureError naming the unknown id."""
        if not isinstance(indicator_id, str) or indicator_id not in self.indicators.index:
            raise FigureError(str(indicator_id), "Không có chỉ tiêu này trong indicators.",
                              "Unknown indicator id.", nearest(indicator_id, self.indicators.index),
                              f"Use an indicator_id of {self.file_names['indicators']}.")
        return self.indicators.loc[indicator_id]

    def total(self, indicator_id, field) -> str:
        """A province total of a sum indicator at the bulletin's period, written the Vietnamese way."""
        indicator = self.indicator(indicator_id)
        if field not in TOTAL_FIELDS:
            raise FigureError(str(field), "Không có trường tổng này.", "Unknown total field.",
                              f"Dùng một trong: {', '.join(TOTAL_FIELDS)}.", "Use one of the fields listed.")
        if indicator_id not in self.totals:
            raise FigureError(indicator_id, "Chỉ tiêu này không có tổng toàn tỉnh (chỉ có với chỉ tiêu cộng dồn "
                              "aggregate: sum có giao chỉ tiêu).", "This indicator has no province total "
                              "(only sum indicators with targets have one).",
                              "Dùng result(...) cho từng đơn vị.", "Cite a unit's result instead.")
        total = self.totals[indicator_id]
        if field in ("status", "assessment"):
            result = phrases.Result(status=total["status"], direction=indicator["direction"], kind=indicator["kind"],
                                    value=total["value_total"], target=total["target_total"],
                                    completion=total["completion"], measure=str(indicator["measure"] or ""),
                                    elapsed=total["elapsed"])
            return prose(result, field)
        value = total[field]
        if field in ("units_met", "units_total", "units_on_track"):
            return labels.number(value, "count")
        return labels.number(value, indicator["kind"])

    def result(self, unit_id, indicator_id, field) -> str:
        """A unit's value, target, completion or status at the bulletin's period."""
        if not isinstance(unit_id, str) or unit_id not in self.unit_names:
            raise FigureError(str(unit_id), "Không có đơn vị này trong units.", "Unknown unit id.",
                              nearest(unit_id, self.unit_names), f"Use a unit_id of {self.file_names['units']}.")
        indicator = self.indicator(indicator_id)
        if field not in RESULT_FIELDS:
            raise FigureError(str(field), "Không có trường kết quả này.", "Unknown result field.",
                              f"Dùng một trong: {', '.join(RESULT_FIELDS)}.", "Use one of the fields listed.")
        if (unit_id, indicator_id) not in self.lines.index:
            raise FigureError(f"{unit_id}, {indicator_id}", "Đơn vị không được giao chỉ tiêu này.",
                              "The unit has no target for this indicator.",
                              f"Kiểm tra {self.file_names['targets']} hoặc sửa mã trong bản tin.",
                              f"Check {self.file_names['targets']} or the ids.")
        line = self.lines.loc[(unit_id, indicator_id)]
        if indicator["kind"] == "task" and field in ("value", "target"):
            raise FigureError(field, "Nhiệm vụ không có giá trị số; dùng status.", "A task has no number; "
                              "cite its status.", f'result("{unit_id}", "{indicator_id}", "status")', "Use status.")
        if field in ("status", "assessment"):
            return prose(phrases.Result(
                status=line["status"], direction=indicator["direction"], kind=indicator["kind"], value=line["value"],
                target=line["target"], completion=line["completion"], measure=str(indicator["measure"] or ""),
                elapsed=line["elapsed"], due=self.due_dates.get(line["due"], self.due_dates[None])), field)
        if field == "completion":
            return MISSING if labels.missing(line["completion"]) else labels.percent(line["completion"])
        value = line[field]
        return MISSING if labels.missing(value) else labels.measure_number(value, indicator["kind"],
                                                                             str(indicator["measure"]))


def prose(result: phrases.Result, field: str) -> str:
    """A status as words inside a sentence (lower case, in the indicator's rule: "tốt hơn chỉ tiêu"), or the
    whole assessment with how far from the target ("không đạt, nhiều hơn mức tối đa 1 vụ")."""
    if field == "assessment":
        return phrases.phrase(result)
    word = phrases.word(result.status, result.direction, result.kind)
    return word[:1].lower() + word[1:]


def nearest(value, known) -> str:
    """A hint naming the closest known id, when one is close."""
    import difflib

    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1)
    return f'Có phải "{close[0]}"?' if close else "Kiểm tra mã trong bảng dữ liệu."


# --- evaluation --------------------------------------------------------------------

class BulletinLimit(Exception):
    """A bulletin that trips a limit of its evaluation; carries the messages in both languages."""

    def __init__(self, message: str, message_en: str, hint: str = "", hint_en: str = ""):
        super().__init__(message_en)
        self.message, self.message_en, self.hint, self.hint_en = message, message_en, hint, hint_en


# Filters that cannot make a value grow (a bulletin needs none of them to cite figures).
FILTERS = ("abs", "capitalize", "count", "d", "default", "first", "float", "int", "last", "length", "lower",
           "max", "min", "reverse", "round", "sort", "string", "sum", "title", "trim", "unique", "upper")
# Statements a bulletin may use; macros, call blocks, includes, imports, inheritance, filter and
# set blocks (which could recurse, or grow text out of sight of the limits) are refused by name.
STATEMENTS = {nodes.Macro: "macro", nodes.CallBlock: "call", nodes.Include: "include", nodes.Import: "import",
              nodes.FromImport: "from ... import", nodes.Extends: "extends", nodes.Block: "block",
              nodes.FilterBlock: "filter", nodes.AssignBlock: "set ... endset", nodes.Scope: "scope",
              nodes.EvalContextModifier: "autoescape", nodes.ExprStmt: "do"}
SEQUENCES = (str, list, tuple)


class BulletinSandbox(SandboxedEnvironment):
    """jinja2's sandbox, bounded: only total(), result() and a short range() may be called; loops, texts,
    numbers and the output have limits (scorecard/limits.py) and evaluation a time budget.

    Every operation that can take time or make a value grow passes through `tick` and a size check:
    loops (each item), calls, arithmetic (`*` and `+` on texts, `**`), `~` and each printed value.
    """

    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "//", "%"})

    def __init__(self, limits: Limits = DEFAULT):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                         finalize=self.checked_output)
        self.limits = limits
        self.filters = {name: self.filters[name] for name in FILTERS}
        self.globals = {"range": self.bounded_range, "_each": self.each, "_concat": self.concat}
        self.allowed: set = {self.bounded_range, self.each, self.concat}
        self.deadline = math.inf
        self.items = 0

    # -- budget ---------------------------------------------------------------
    def start(self) -> None:
        """Begin an evaluation: the clock and the loop count start again."""
        self.deadline = time.monotonic() + self.limits.bulletin_seconds
        self.items = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise BulletinLimit(f"Tính các biểu thức của bản tin quá {shown_limit(self.limits, 'bulletin_seconds')} "
                                "giây (bulletin_seconds).",
                                f"Evaluating the bulletin took over {self.limits.bulletin_seconds:g} seconds "
                                "(bulletin_seconds).", LOOP_HINT, LOOP_HINT_EN)

    def too_long(self):
        raise BulletinLimit(f"Giá trị tính ra dài hơn {shown_limit(self.limits, 'bulletin_text_chars')} ký tự "
                            "(bulletin_text_chars).",
                            f"A computed value is longer than {self.limits.bulletin_text_chars:,} characters "
                            "(bulletin_text_chars).", LOOP_HINT, LOOP_HINT_EN)

    def checked(self, value):
        """A value within the limits: texts and lists not too long, numbers finite and not huge."""
        if isinstance(value, SEQUENCES) and len(value) > self.limits.bulletin_text_chars:
            self.too_long()
        if isinstance(value, float) and not math.isfinite(value) or (
                isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256):
            raise BulletinLimit("Phép tính cho một số vô hạn hoặc quá lớn.", "A computation gives an infinite or "
                                "huge number.", "Chỉ trích số liệu bằng total(...) và result(...).",
                                "Cite figures with total(...) and result(...) only.")
        return value

    # -- what the template code calls -----------------------------------------
    def checked_output(self, value):
        """Each printed value ({{ ... }}), as jinja2's finalize."""
        self.tick()
        if isinstance(value, str):
            return self.checked(value)
        return self.checked(value) if isinstance(value, (int, float)) else value

    def bounded_range(self, *args):
        """range() of at most bulletin_range items."""
        items = range(*args)
        if len(items) > self.limits.bulletin_range:
            raise BulletinLimit(f"range(...) có hơn {shown_limit(self.limits, 'bulletin_range')} phần tử "
                                "(bulletin_range).", f"range(...) has more than {self.limits.bulletin_range:,} items "
                                "(bulletin_range).", LOOP_HINT, LOOP_HINT_EN)
        return items

    def each(self, iterable):
        """A loop's items, counted against the bulletin's budget of loop items and time."""
        return self.counted(iter(iterable))  # a value that is not iterable fails here, at the loop's line

    def counted(self, iterator):
        for item in iterator:
            self.items += 1
            if self.items > self.limits.bulletin_loop_items:
                raise BulletinLimit(f"Các vòng lặp của bản tin chạy quá {shown_limit(self.limits, 'bulletin_loop_items')} "
                                    "lượt (bulletin_loop_items).", f"The bulletin's loops run more than "
                                    f"{self.limits.bulletin_loop_items:,} times (bulletin_loop_items).",
                                    LOOP_HINT, LOOP_HINT_EN)
            self.tick()
            yield item

    def concat(self, parts):
        """`a ~ b`, bounded like any computed text."""
        self.tick()
        if sum(len(part) if isinstance(part, str) else 32 for part in parts) > self.limits.bulletin_text_chars:
            self.too_long()
        return self.checked("".join(map(str, parts)))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja2's own signature)
        """Only the bulletin's functions may be called: no methods (str.format), no other globals."""
        __self.tick()
        if __obj not in __self.allowed:
            name = getattr(__obj, "__name__", None) or type(__obj).__name__
            raise BulletinLimit(f"Bản tin chỉ được gọi total(...), result(...) và range(...), không gọi {name}.",
                                f"A bulletin may call only total(...), result(...) and range(...), not {name}.",
                                "Xóa lời gọi đó; trích số liệu bằng total(...) và result(...).",
                                "Remove that call; cite figures with total(...) and result(...).")
        return __context.call(__obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        """Arithmetic, bounded before it runs: a text or list repeated or joined within the text limit,
        no % formatting of texts, powers only as large as a figure needs."""
        self.tick()
        text_limit = self.limits.bulletin_text_chars
        if operator == "*" and isinstance(right, SEQUENCES):
            left, right = right, left
        if operator == "*" and isinstance(left, SEQUENCES):
            if isinstance(right, int) and len(left) * max(right, 0) > text_limit:
                self.too_long()
        elif operator == "+" and isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES):
            if len(left) + len(right) > text_limit:
                self.too_long()
        elif operator == "%" and isinstance(left, str):
            raise BulletinLimit("Không dùng phép % với văn bản trong bản tin.", "No % formatting of texts in a "
                                "bulletin.", "Viết văn bản trực tiếp.", "Write the text directly.")
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            size = abs(right) * max(math.log2(abs(left)) if left else 0, 1)
            if size > 256:
                raise BulletinLimit("Phép lũy thừa cho số quá lớn.", "The power gives a huge number.",
                                    "Chỉ trích số liệu bằng total(...) và result(...).",
                                    "Cite figures with total(...) and result(...) only.")
        return self.checked(super().call_binop(context, operator, left, right))

    def is_safe_attribute(self, obj, attr, value) -> bool:
        """No attributes or methods of values, except the loop's own (loop.index, loop.first...)."""
        return isinstance(obj, LoopContext) and super().is_safe_attribute(obj, attr, value)

    # -- evaluation ------------------------------------------------------------
    def bounded_tree(self, tree: nodes.Template) -> nodes.Template:
        """The parsed bulletin with each loop's items passed through `each` and each `~` through `concat`."""
        for loop in tree.find_all(nodes.For):
            loop.iter = self.global_call("_each", [loop.iter], loop.iter.lineno)
        for parent in tree.find_all(nodes.Node):
            for name in parent.fields:
                value = getattr(parent, name)
                if isinstance(value, nodes.Concat):
                    setattr(parent, name, self.global_call("_concat", [nodes.List(value.nodes)], value.lineno))
                elif isinstance(value, list):
                    setattr(parent, name, [self.global_call("_concat", [nodes.List(v.nodes)], v.lineno)
                                           if isinstance(v, nodes.Concat) else v for v in value])
        return tree

    def global_call(self, name: str, args: list, lineno: int) -> nodes.Call:
        call = nodes.Call(nodes.Name(name, "load"), args, [], None, None)
        call.set_lineno(lineno)
        call.set_environment(self)
        return call

    def render_bounded(self, tree: nodes.Template, **names) -> str:
        """The bulletin's text with its expressions evaluated, within the budgets of time and output."""
        template = self.template_class.from_code(self, self.compile(self.bounded_tree(tree)),
                                                 self.make_globals(None))
        self.start()
        out, size = [], 0
        for chunk in template.generate(**names):
            size += len(chunk)
            if size > self.limits.bulletin_output_chars:
                raise BulletinLimit(f"Bản tin sau khi điền số liệu dài hơn {shown_limit(self.limits, 'bulletin_output_chars')} "
                                    "ký tự (bulletin_output_chars).", "The filled-in bulletin is longer than "
                                    f"{self.limits.bulletin_output_chars:,} characters (bulletin_output_chars).",
                                    LOOP_HINT, LOOP_HINT_EN)
            self.tick()
            out.append(chunk)
        return "".join(out)


LOOP_HINT = ("Bản tin chỉ cần trích số liệu bằng total(...) và result(...); bỏ các vòng lặp, phép nhân văn bản, "
             "lũy thừa hay biểu thức dài ở dòng này.")
LOOP_HINT_EN = "A bulletin only needs to cite figures: remove the loops or long expressions on this line."


def environment(limits: Limits = DEFAULT) -> BulletinSandbox:
    """The sandbox bulletins run in: no attribute tricks, undefined names are errors, everything bounded."""
    return BulletinSandbox(limits)


def evaluate_bulletins(report: Report, sources: list[Source], problems: Problems,
                       limits: Limits = DEFAULT) -> tuple[Bulletin, ...]:
    """Fill in every bulletin's figures; bulletins of periods after the current one wait (a warning)."""
    year = report.year
    bulletins = []
    for source in sources:
        if year.period_index[source.period] > year.current_index:
            problems.warn(source.shown, None, None, source.period,
                          "Bản tin của kỳ chưa công bố: chưa đăng.", "A bulletin of a period not yet published: "
                          "left out.", f"Kỳ hiện tại là {year.current_period}." if year.current_period else
                          "Năm chưa có kết quả nào (giao chỉ tiêu).", "It appears once its period does.")
            continue
        body = fill_figures(source, Figures(report, source.period), problems, limits)
        if body is None:
            continue
        try:
            html = body_html(body, limits)
        except BulletinLimit as err:
            report_error(problems, source, None, None, err.message, err.message_en, err.hint, err.hint_en)
            continue
        bulletins.append(Bulletin(
            period=source.period, period_name=year.period_name(source.period),
            period_index=year.period_index[source.period], title=source.meta["title"],
            number=source.meta["number"], date=source.meta["date"], signer=source.meta["signer"],
            signer_title=source.meta["signer_title"], place=source.meta["place"],
            issuer=source.meta["issuer"], motto=source.meta["motto"],
            markdown=body, html=html, heading=source.meta["heading"], recipients=source.meta["recipients"]))
    return tuple(sorted(bulletins, key=lambda b: (b.period_index, b.date), reverse=True))


def refused_statements(tree: nodes.Template) -> list[tuple[int, str]]:
    """The statements a bulletin may not use, each with its line: macros, includes, recursive loops..."""
    found = [(node.lineno, tag) for kind, tag in STATEMENTS.items() for node in tree.find_all(kind)]
    found += [(loop.lineno, "for ... recursive") for loop in tree.find_all(nodes.For) if loop.recursive]
    return sorted(found)


def fill_figures(source: Source, figures: Figures, problems: Problems, limits: Limits = DEFAULT) -> str | None:
    """The body with its expressions evaluated, or None after reporting each bad citation with its line."""
    env = environment(limits)
    try:
        markdown_limits(source.body, limits)
        tree = env.parse(source.body, name=source.shown)
    except BulletinLimit as err:
        report_error(problems, source, getattr(err, "line", None), None, err.message, err.message_en, err.hint,
                     err.hint_en)
        return None
    except TemplateSyntaxError as err:
        report_error(problems, source, err.lineno, None, "Biểu thức trong bản tin sai cú pháp.",
                     f"Template syntax error: {err.message}", "Mỗi số liệu viết dạng {{ total(\"mã\", \"trường\") }}.",
                     "Write figures as {{ total(\"id\", \"field\") }}.")
        return None
    except RecursionError:
        report_error(problems, source, None, None, *NESTING)
        return None
    refused = refused_statements(tree)
    for line, tag in refused:
        report_error(problems, source, line, "{% " + tag + " %}", "Bản tin không dùng được lệnh này.",
                     f"A bulletin may not use {{% {tag} %}}.", "Chỉ dùng {{ total(...) }}, {{ result(...) }}, "
                     "và nếu cần {% if %}, {% for %}, {% set %}.", "Use only figures, and if, for or set if needed.")
    if refused:
        return None
    found = False
    for call in tree.find_all(nodes.Call):  # check every citation up front, so all are reported in one run
        if isinstance(call.node, nodes.Name) and call.node.name in ("total", "result"):
            try:
                args = [arg.as_const() for arg in call.args]
            except nodes.Impossible:
                continue  # computed arguments are checked when the bulletin is rendered
            try:
                check_call(figures, call.node.name, args)
            except FigureError as err:
                report_figure(problems, source, call.lineno, err)
                found = True
    if found:
        return None
    env.allowed |= {figures.total, figures.result}
    try:
        return env.render_bounded(tree, total=figures.total, result=figures.result)
    except FigureError as err:
        report_figure(problems, source, template_line(err), err)
    except BulletinLimit as err:
        report_error(problems, source, template_line(err), None, err.message, err.message_en, err.hint, err.hint_en)
    except RecursionError as err:
        report_error(problems, source, template_line(err), None, *NESTING)
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as err:
        report_error(problems, source, template_line(err), None, "Không tính được biểu thức.",
                     f"Cannot evaluate an expression: {err}", "Chỉ dùng total(...) và result(...).",
                     "Use only total(...) and result(...).")
    return None


NESTING = ("Biểu thức hoặc văn bản lồng nhau quá sâu.", "Expressions or text nested too deep.",
           "Viết lại cho đơn giản: bớt ngoặc, bớt cấp danh sách lồng nhau.", "Simplify: fewer brackets and levels.")


def check_call(figures: Figures, name: str, args: list) -> None:
    """Evaluate one citation with constant arguments, raising FigureError when it names nothing."""
    wanted = 2 if name == "total" else 3
    if len(args) != wanted:
        shape = 'total("mã chỉ tiêu", "trường")' if name == "total" else 'result("mã đơn vị", "mã chỉ tiêu", "trường")'
        raise FigureError(", ".join(map(str, args)), f"{name}(...) cần {wanted} tham số.",
                          f"{name}(...) takes {wanted} arguments.", f"Viết {shape}.", f"Write {shape}.")
    getattr(figures, name)(*args)


def template_line(err: BaseException) -> int | None:
    """The bulletin line an error was raised at (jinja2 rewrites tracebacks to template lines)."""
    lines = [frame.lineno for frame in traceback.extract_tb(err.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else getattr(err, "lineno", None)


def report_figure(problems: Problems, source: Source, line: int | None, err: FigureError) -> None:
    report_error(problems, source, line, err.value, err.message, err.message_en, err.hint, err.hint_en)


def report_error(problems: Problems, source: Source, line: int | None, value, message, message_en,
                 hint="", hint_en="") -> None:
    """An error at a line of the bulletin's body, numbered as the file's line."""
    row = None if line is None else source.body_line + line - 1
    problems.error(source.shown, row, None, value, message, message_en, hint, hint_en)


LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|[0-9]+[.)])[ \t]+")
TABLE_RULE = re.compile(r"[ \t|:-]*-[ \t|:-]*")


# Lines where Markdown splits a block and parses the rest of it again: headings (# or underlined) and rules.
BLOCK_SPLIT = re.compile(r" {0,3}(?:#|[=-]+[ \t]*$|(?:[-*_][ \t]*){3,}$)")


def markdown_blocks(text: str):
    """The text's blocks between blank lines, each as its list of lines, with its first line's number."""
    block, first = [], 1
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []


def markdown_runs(first: int, block: list[str]):
    """A block's paragraphs as Markdown reads them inline, with their first line: the block split at each item
    of a list and each row of a table (which Markdown reads one by one). Erring on the side of longer runs: a
    block is split only where it starts as a list or a table."""
    table = len(block) > 1 and "|" in block[0] and TABLE_RULE.fullmatch(block[1])
    if not (table or LIST_ITEM.match(block[0])):
        yield first, "\n".join(block)
        return
    run, start = [], first
    for offset, item in enumerate(block):
        if run and (table or LIST_ITEM.match(item)):
            yield start, "\n".join(run)
            run, start = [], first + offset
        run.append(item)
    yield start, "\n".join(run)


def markdown_limits(text: str, limits: Limits) -> None:
    """Refuse Markdown that Python-Markdown would take seconds or its stack over, before it runs: brackets
    left open make it search the rest of the paragraph for each one (25 KB of `[` took 22 s), and it rebuilds
    the paragraph at each escape (230 KB of `\\\\*` took 25 s), so the cost of a paragraph is its count of
    `[`, `<` and `\\` times its length; each heading or rule splits its block and
    the rest is read again (20.000 underlined headings with no blank line between took 38 s), so a block
    costs its count of those lines times its length; lists and quotes nest by recursion."""
    total, worst = 0, (-1, 1, "")
    for first, block in markdown_blocks(text):
        for line, run in markdown_runs(first, block):
            cost = (run.count("[") + run.count("<") + run.count("\\")) * len(run)
            total += cost
            worst = max(worst, (cost, line, "brackets"))
        cost = sum(1 for item in block if BLOCK_SPLIT.match(item)) * (sum(map(len, block)) + len(block))
        total += cost
        worst = max(worst, (cost, first, "headings"))
    if total > limits.markdown_cost and worst[2] == "headings":
        raise_at(worst[1], f"Markdown của bản tin quá phức tạp: quá nhiều dòng tiêu đề hoặc đường kẻ liền nhau, "
                 f"không có dòng trống xen giữa (markdown_cost {shown_limit(limits, 'markdown_cost')}); khối nặng "
                 "nhất bắt đầu ở dòng này.", "The bulletin's Markdown is too complex: too many headings or rules "
                 "with no blank line between them (markdown_cost).",
                 "Để một dòng trống sau mỗi tiêu đề và mỗi đường kẻ, hoặc bớt chúng đi.",
                 "Leave a blank line after each heading and rule, or use fewer.")
    if total > limits.markdown_cost:
        raise_at(worst[1], f"Markdown của bản tin quá phức tạp: quá nhiều dấu [, < hoặc \\ trong đoạn văn dài "
                 f"(markdown_cost {shown_limit(limits, 'markdown_cost')}); đoạn nặng nhất bắt đầu ở dòng này.",
                 "The bulletin's Markdown is too complex: too many [, < or \\ in long paragraphs "
                 "(markdown_cost).",
                 "Xóa các dấu [, < hoặc \\ thừa, hoặc chia đoạn văn dài; liên kết viết [chữ](địa chỉ).",
                 "Remove stray [, < or \\ or split long paragraphs; write links as [text](address).")
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        quotes = re.match(r"[ \t>]*", line).group().count(">")
        if indent // 4 > limits.markdown_nesting or quotes > limits.markdown_nesting:
            raise_at(number, f"Danh sách hoặc trích dẫn lồng nhau quá {limits.markdown_nesting} cấp "
                     "(markdown_nesting).", f"Lists or quotes nested deeper than {limits.markdown_nesting} levels "
                     "(markdown_nesting).", "Bớt thụt lề hoặc bớt dấu > ở đầu dòng.",
                     "Indent less, or use fewer > at the start of the line.")


def raise_at(line: int | None, message: str, message_en: str, hint: str, hint_en: str) -> None:
    err = BulletinLimit(message, message_en, hint, hint_en)
    err.line = line
    raise err


def body_html(text: str, limits: Limits = DEFAULT) -> str:
    """The body's Markdown as HTML, sanitised; a `#` heading becomes h2 (the page's title is the only h1).

    The filled-in text is checked again (loops may have made it), and a recursion that got through
    is reported, not raised."""
    markdown_limits(text, limits)
    tables = TableExtension(use_align_attribute=True)  # align="right", not a style attribute the sanitiser drops
    try:
        html = markdown.markdown(text, extensions=[tables, "sane_lists"], output_format="html")
    except RecursionError:
        raise BulletinLimit(*NESTING) from None
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    html = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"mailto"},
                     link_rel=None, strip_comments=True)
    return LINK_WITHOUT_ADDRESS.sub(r"\1", html)  # an outside address was dropped: keep the words
