"""Bulletins (bản tin): data/<year>/bulletins/<period_id>.md, with figures cited from the data.

A bulletin is Markdown with a YAML front matter block. Its figures are jinja2
expressions, `{{ total(...) }}` and `{{ result(...) }}`, evaluated against the
computed Report at the bulletin's own period, so the text can never disagree
with the data. Authors' text is not trusted: the template runs in jinja2's
sandbox and the HTML made from the Markdown is sanitised with nh3.
"""

from __future__ import annotations

import datetime as dt
import re
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
from jinja2.sandbox import SandboxedEnvironment

from . import labels
from .compute import province_totals
from .model import Report
from .problems import Problems

FOLDER = "bulletins"
TOTAL_FIELDS = ("target_total", "value_total", "difference", "units_met", "units_total")
RESULT_FIELDS = ("value", "target", "completion", "status")
REQUIRED_KEYS = ("title", "number", "date", "signer")
OPTIONAL_KEYS = ("signer_title", "place", "issuer", "motto")
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
    motto: str  # top right; the national motto when empty
    markdown: str  # the body with every figure written out
    html: str  # the body as sanitised HTML


class FigureError(Exception):
    """A cited figure that does not exist; carries the Vietnamese and English messages and a hint."""

    def __init__(self, value: str, message: str, message_en: str, hint: str = "", hint_en: str = ""):
        super().__init__(message_en)
        self.value, self.message, self.message_en, self.hint, self.hint_en = value, message, message_en, hint, hint_en


# --- reading -----------------------------------------------------------------------

def read_bulletins(folder: Path, periods: list[str] | None, problems: Problems) -> list[Source]:
    """Every bulletin file of a year's folder, in period order; problems are collected."""
    directory = folder / FOLDER
    if not directory.is_dir():
        return []
    sources = []
    for path in sorted(directory.iterdir()):
        shown = f"{folder.name}/{FOLDER}/{path.name}"
        if path.name.startswith(".") or not path.is_file():
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
        source = read_source(path, shown, problems)
        if source is not None:
            sources.append(source)
    order = {p: i for i, p in enumerate(periods or [])}
    return sorted(sources, key=lambda s: order.get(s.period, 0))


def read_source(path: Path, shown: str, problems: Problems) -> Source | None:
    """One bulletin file: decoded, NFC, front matter parsed and checked."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.error(shown, None, None, None, "Tệp bản tin không phải UTF-8.", "The bulletin is not UTF-8.",
                       "Lưu tệp với mã hóa UTF-8 (Notepad: Save as, Encoding UTF-8).",
                       f"Save it as UTF-8 ({err.reason} at byte {err.start}).")
        return None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.error(shown, 1, None, None, "Bản tin phải mở đầu bằng khối thông tin giữa hai dòng ---.",
                       "A bulletin starts with a front matter block between two --- lines.",
                       "Dòng 1: ---, rồi title:, number:, date:, signer:, rồi dòng ---.",
                       "Line 1 is ---, then title, number, date, signer, then ---.")
        return None
    try:
        meta = yaml.load(match.group(1), Loader=yaml.BaseLoader) or {}  # every value as text: dates checked below
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
    if not ok:
        return None
    clean = {key: str(meta.get(key) or "").strip() for key in REQUIRED_KEYS + OPTIONAL_KEYS}
    clean["date"] = date if not isinstance(date, dt.datetime) else date.date()
    return clean


# --- figures -----------------------------------------------------------------------

class Figures:
    """The functions a bulletin may call, answering at one period of a computed year."""

    def __init__(self, report: Report, period: str):
        year = report.year
        self.index = year.period_index[period]
        self.indicators = year.indicators.set_index("indicator_id")
        self.unit_names = dict(zip(year.units["unit_id"], year.units["name"]))
        totals = province_totals(year, report.lines, self.index)
        self.totals = totals.set_index("indicator_id").to_dict("index")
        lines = report.lines[report.lines["period_index"] == self.index]
        self.lines = lines.set_index(["unit_id", "indicator_id"])[["target", "value", "completion", "status"]]

    def indicator(self, indicator_id) -> pd.Series:
        """The indicator's row, or a FigureError naming the unknown id."""
        if not isinstance(indicator_id, str) or indicator_id not in self.indicators.index:
            raise FigureError(str(indicator_id), "Không có chỉ tiêu này trong indicators.",
                              "Unknown indicator id.", nearest(indicator_id, self.indicators.index),
                              "Use an indicator_id of indicators.csv.")
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
        value = self.totals[indicator_id][field]
        if field in ("units_met", "units_total"):
            return labels.number(value, "count")
        return labels.number(value, indicator["kind"])

    def result(self, unit_id, indicator_id, field) -> str:
        """A unit's value, target, completion or status at the bulletin's period."""
        if not isinstance(unit_id, str) or unit_id not in self.unit_names:
            raise FigureError(str(unit_id), "Không có đơn vị này trong units.", "Unknown unit id.",
                              nearest(unit_id, self.unit_names), "Use a unit_id of units.csv.")
        indicator = self.indicator(indicator_id)
        if field not in RESULT_FIELDS:
            raise FigureError(str(field), "Không có trường kết quả này.", "Unknown result field.",
                              f"Dùng một trong: {', '.join(RESULT_FIELDS)}.", "Use one of the fields listed.")
        if (unit_id, indicator_id) not in self.lines.index:
            raise FigureError(f"{unit_id}, {indicator_id}", "Đơn vị không được giao chỉ tiêu này.",
                              "The unit has no target for this indicator.",
                              "Kiểm tra targets.csv hoặc sửa mã trong bản tin.", "Check targets.csv or the ids.")
        line = self.lines.loc[(unit_id, indicator_id)]
        if indicator["kind"] == "task" and field in ("value", "target"):
            raise FigureError(field, "Nhiệm vụ không có giá trị số; dùng status.", "A task has no number; "
                              "cite its status.", f'result("{unit_id}", "{indicator_id}", "status")', "Use status.")
        if field == "status":
            return labels.STATUS[line["status"]]
        if field == "completion":
            return MISSING if labels.missing(line["completion"]) else labels.percent(line["completion"])
        value = line[field]
        return MISSING if labels.missing(value) else labels.measure_number(value, indicator["kind"],
                                                                             str(indicator["measure"]))


def nearest(value, known) -> str:
    """A hint naming the closest known id, when one is close."""
    import difflib

    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1)
    return f'Có phải "{close[0]}"?' if close else "Kiểm tra mã trong bảng dữ liệu."


# --- evaluation --------------------------------------------------------------------

def environment() -> SandboxedEnvironment:
    """The sandbox bulletins run in: no attribute tricks, undefined names are errors."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def evaluate_bulletins(report: Report, sources: list[Source], problems: Problems) -> tuple[Bulletin, ...]:
    """Fill in every bulletin's figures; bulletins of periods after the current one wait (a warning)."""
    year = report.year
    bulletins = []
    for source in sources:
        if year.period_index[source.period] > year.current_index:
            problems.warn(source.shown, None, None, source.period,
                          "Bản tin của kỳ chưa công bố: chưa đăng.", "A bulletin of a period not yet published: "
                          "left out.", f"Kỳ hiện tại là {year.current_period}.", "It appears once its period does.")
            continue
        body = fill_figures(source, Figures(report, source.period), problems)
        if body is None:
            continue
        bulletins.append(Bulletin(
            period=source.period, period_name=year.period_name(source.period),
            period_index=year.period_index[source.period], title=source.meta["title"],
            number=source.meta["number"], date=source.meta["date"], signer=source.meta["signer"],
            signer_title=source.meta["signer_title"], place=source.meta["place"],
            issuer=source.meta["issuer"], motto=source.meta["motto"],
            markdown=body, html=body_html(body)))
    return tuple(sorted(bulletins, key=lambda b: (b.period_index, b.date), reverse=True))


def fill_figures(source: Source, figures: Figures, problems: Problems) -> str | None:
    """The body with its expressions evaluated, or None after reporting each bad citation with its line."""
    env = environment()
    try:
        tree = env.parse(source.body, name=source.shown)
    except TemplateSyntaxError as err:
        report_error(problems, source, err.lineno, None, "Biểu thức trong bản tin sai cú pháp.",
                     f"Template syntax error: {err.message}", "Mỗi số liệu viết dạng {{ total(\"mã\", \"trường\") }}.",
                     "Write figures as {{ total(\"id\", \"field\") }}.")
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
    try:
        return env.from_string(source.body).render(total=figures.total, result=figures.result)
    except FigureError as err:
        report_figure(problems, source, template_line(err), err)
    except (TemplateError, TypeError, ValueError) as err:
        report_error(problems, source, template_line(err), None, "Không tính được biểu thức.",
                     f"Cannot evaluate an expression: {err}", "Chỉ dùng total(...) và result(...).",
                     "Use only total(...) and result(...).")
    return None


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


def body_html(text: str) -> str:
    """The body's Markdown as HTML, sanitised; a `#` heading becomes h2 (the page's title is the only h1)."""
    tables = TableExtension(use_align_attribute=True)  # align="right", not a style attribute the sanitiser drops
    html = markdown.markdown(text, extensions=[tables, "sane_lists"], output_format="html")
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    html = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"mailto"},
                     link_rel=None, strip_comments=True)
    return LINK_WITHOUT_ADDRESS.sub(r"\1", html)  # an outside address was dropped: keep the words
