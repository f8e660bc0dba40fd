"""Vietnamese words and number formats of the interface (Babel does the number formatting)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol

LOCALE = "vi"
# Babel's Vietnamese symbols ("." groups thousands, "," is the decimal comma), applied
# to Python's own formatting: Babel's formatter costs ~40 µs a number, too slow for
# the hundreds of thousands of cells of a large year.
_VIETNAMESE = str.maketrans({",": get_group_symbol(LOCALE), ".": get_decimal_symbol(LOCALE)})

STATUS = {
    "exceeded": "Vượt chỉ tiêu",  # the words of a higher-is-better count; scorecard/phrases.py words each rule
    "met": "Đạt chỉ tiêu",
    "not_met": "Không đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
    "done": "Hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
    "overdue": "Quá hạn",
    "no_data": "Chưa có số liệu",
}
# A symbol beside the word, so status never rests on colour alone.
STATUS_MARK = {
    "exceeded": "▲", "met": "✔", "not_met": "✘", "on_track": "●", "behind": "▼",
    "done": "✔", "in_progress": "◐", "not_started": "○", "overdue": "!", "no_data": "–",
}
# Chart colours: each has at least 3:1 contrast against the white page (WCAG 1.4.11);
# badges on pages use their own light fills with dark text (assets/site.css).
STATUS_COLOUR = {
    "exceeded": "#1b5e20", "met": "#2e7d32", "not_met": "#b71c1c", "on_track": "#1565c0",
    "behind": "#bf360c", "done": "#2e7d32", "in_progress": "#6a1b9a", "not_started": "#616161",
    "overdue": "#b71c1c", "no_data": "#757575",
}

RATING = {
    "xuat-sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan-thanh": "Hoàn thành nhiệm vụ",
    "khong-hoan-thanh": "Không hoàn thành nhiệm vụ",
}
RATING_COLOUR = {"xuat-sac": "#1b5e20", "tot": "#2e7d32", "hoan-thanh": "#1565c0", "khong-hoan-thanh": "#b71c1c"}
# How a sorted table orders statuses and ratings (assets/tables.js, data-sort): best first when ascending,
# as ranks do; no_data and no rating are empty, so they come last either way.
STATUS_ORDER = {status: i for i, status in enumerate(
    ("exceeded", "met", "done", "on_track", "in_progress", "behind", "not_started", "not_met", "overdue"), start=1)}
RATING_ORDER = {rating: i for i, rating in enumerate(RATING, start=1)}

ASSIGNMENT = "giao chỉ tiêu"  # a year with targets and no result yet: what it publishes
ASSIGNMENT_NAME = "Giao chỉ tiêu"  # the same, where a period's name stands (about.json, the archive page)


def current_name(year) -> str:
    """The name of the period a Year publishes; "Giao chỉ tiêu" for the assignment (no current period)."""
    return ASSIGNMENT_NAME if year.current_period is None else year.period_name(year.current_period)


def published(about: dict, closed: bool = False) -> str:
    """What a built year publishes, from its about.json: "9 tháng", "giao chỉ tiêu", "Cả năm, đã khóa sổ"."""
    shown = ASSIGNMENT if about.get("period") is None else about.get("period_name", about.get("period"))
    return f"{shown}, đã khóa sổ" if closed else shown


def sort_value(value) -> str:
    """A number as a table sorts it (data-sort): plain digits, unrounded; empty when missing."""
    return "" if missing(value) else repr(float(value))


def status_sort(status) -> str:
    return str(STATUS_ORDER.get(status, ""))


def rating_sort(rating) -> str:
    return "" if missing(rating) else str(RATING_ORDER[rating])

KIND = {"count": "Số lượng", "amount": "Giá trị", "rate": "Tỷ lệ", "task": "Nhiệm vụ"}
DIRECTION = {"up": "Càng cao càng tốt", "down": "Càng thấp càng tốt"}
AGGREGATE = {"sum": "Cộng dồn từ đơn vị cấp dưới", "mean": "Bình quân", "none": "Không cộng dồn"}


def missing(value) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except (TypeError, ValueError):
        return str(value) == "<NA>"


def number(value, kind: str = "amount") -> str:
    """A number written the Vietnamese way: 1.804; 8,5; empty dash when missing."""
    if missing(value):
        return "–"
    if kind == "count":
        return f"{round(value):,}".translate(_VIETNAMESE)
    return _trim(f"{value:,.2f}").translate(_VIETNAMESE)


def _trim(text: str) -> str:
    """Drop trailing zeros of the decimals, and the point when none is left (8.50 -> 8.5, 3.00 -> 3)."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def measure_number(value, kind: str, measure: str) -> str:
    """A value with its unit where the unit is a percent sign (8,5%)."""
    text = number(value, kind)
    if text != "–" and measure.strip() == "%":
        return text + "%"
    return text


def percent(value) -> str:
    """A completion or share as a Vietnamese percentage: 103,7%."""
    if missing(value):
        return "–"
    return f"{value * 100:,.1f}%".translate(_VIETNAMESE)


def share(value) -> str:
    """A share of units without a needless decimal: 100%, 66,7%."""
    if missing(value):
        return "–"
    return _trim(f"{value * 100:,.1f}").translate(_VIETNAMESE) + "%"


def date(value: dt.date) -> str:
    """A date written dd/mm/yyyy: 12/01/2022."""
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)
