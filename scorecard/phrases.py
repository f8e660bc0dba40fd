"""What a result means, in words that follow the indicator's rule: one table, for every page, bulletin and export.

A status alone does not say which way is good: "exceeded" on a lower-is-better indicator (the
number of discipline cases) is a success, and its gap is below the target, not above it. Each
(direction, kind, status) the contract's rules can produce has one row below: the status word
(badges, tables, charts, the workbook) and the detail that says how far from the target, so that
the phrase, "<word>, <detail>", reads as Vietnamese prose ("không đạt, nhiều hơn mức tối đa 1 vụ")
and can never be misread. tests/test_phrases.py checks every row against hand-worked cases and
that the rows are exactly the combinations compute.status() can give.

Detail placeholders: {gap} how far from the target (rates in percentage points), {target} the
target with its unit, {done} the share of the year's target reached, {pace} the share the time
elapsed asks for, {due} a task's due date.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import labels

UP, DOWN = "up", "down"
CUMULATIVE = ("count", "amount")  # summed from 1 January: they have a pace during the year
NUMBERS = ("count", "amount", "rate")
PACE = "đạt {done} chỉ tiêu năm; theo tiến độ cần {pace}"

# direction, kinds, status -> status word, detail. Tasks have no direction (validation refuses `down`).
ROWS: list[tuple[str, tuple[str, ...], str, str, str]] = [
    (UP, CUMULATIVE, "exceeded", "Vượt chỉ tiêu", "nhiều hơn {gap}"),
    (UP, ("rate",), "exceeded", "Vượt chỉ tiêu", "cao hơn {gap}"),
    (UP, NUMBERS, "met", "Đạt chỉ tiêu", ""),
    (UP, CUMULATIVE, "not_met", "Không đạt", "còn thiếu {gap}"),
    (UP, ("rate",), "not_met", "Không đạt", "thấp hơn chỉ tiêu {gap}"),
    (UP, CUMULATIVE, "on_track", "Đúng tiến độ", PACE),
    (UP, CUMULATIVE, "behind", "Chậm tiến độ", PACE),
    (UP, ("rate",), "behind", "Chưa đạt", "thấp hơn chỉ tiêu {gap}"),  # a rate has no pace: below until reached
    (UP, NUMBERS, "no_data", "Chưa có số liệu", ""),
    # Lower is better: never "vượt", never "thiếu". A count or amount summed over the year has a maximum,
    # and once over it mid-year it stays over; a rate is a level that may still come down by the year's end.
    (DOWN, ("count",), "exceeded", "Tốt hơn chỉ tiêu", "ít hơn mức tối đa {gap}"),
    (DOWN, ("amount",), "exceeded", "Tốt hơn chỉ tiêu", "thấp hơn mức tối đa {gap}"),
    (DOWN, ("rate",), "exceeded", "Tốt hơn chỉ tiêu", "thấp hơn chỉ tiêu {gap}"),
    (DOWN, CUMULATIVE, "met", "Đạt chỉ tiêu", "bằng mức tối đa {target}"),
    (DOWN, ("rate",), "met", "Đạt chỉ tiêu", "bằng chỉ tiêu {target}"),
    (DOWN, ("count",), "not_met", "Không đạt", "nhiều hơn mức tối đa {gap}"),
    (DOWN, ("amount",), "not_met", "Không đạt", "cao hơn mức tối đa {gap}"),
    (DOWN, ("rate",), "not_met", "Không đạt", "cao hơn chỉ tiêu {gap}"),
    (DOWN, CUMULATIVE, "on_track", "Đúng tiến độ", "chưa quá mức tối đa {target}"),
    (DOWN, ("rate",), "on_track", "Đúng tiến độ", "không cao hơn chỉ tiêu {target}"),
    (DOWN, ("count",), "behind", "Quá mức tối đa", "đã nhiều hơn {gap}"),
    (DOWN, ("amount",), "behind", "Quá mức tối đa", "đã cao hơn {gap}"),
    (DOWN, ("rate",), "behind", "Chưa đạt", "cao hơn chỉ tiêu {gap}"),
    (DOWN, NUMBERS, "no_data", "Chưa có số liệu", ""),
    (UP, ("task",), "done", "Hoàn thành", ""),
    (UP, ("task",), "in_progress", "Đang thực hiện", "hạn {due}"),
    (UP, ("task",), "not_started", "Chưa thực hiện", "hạn {due}"),
    (UP, ("task",), "overdue", "Quá hạn", "chưa hoàn thành, hạn {due}"),
    (UP, ("task",), "no_data", "Chưa có số liệu", ""),
]
PHRASES: dict[tuple[str, str, str], tuple[str, str]] = {
    (direction, kind, status): (word, detail)
    for direction, kinds, status, word, detail in ROWS for kind in kinds
}


@dataclass(frozen=True)
class Result:
    """What a phrase is made from: one line's (or one province total's) figures, already computed."""

    status: str
    direction: str = UP
    kind: str = "count"
    value: float | None = None
    target: float | None = None
    completion: float | None = None
    measure: str = ""
    elapsed: float | None = None  # the period's elapsed share of the year (the expected pace)
    due: str = ""  # a task's due date, written out


def key(status: str, direction: str = UP, kind: str = "count") -> tuple[str, str, str]:
    """The table's key for a line; tasks always read as `up`, and an unknown combination as its generic row."""
    direction = UP if kind == "task" else (direction if direction in (UP, DOWN) else UP)
    found = (direction, kind, status)
    if found in PHRASES:
        return found
    # Not reachable by the contract's rules (an up rate on track): the cumulative row of the same status.
    return next(k for k in ((direction, "count", status), (UP, "count", status), (UP, "task", status)) if k in PHRASES)


def word(status: str, direction: str = UP, kind: str = "count") -> str:
    """The status word of a badge, a table cell or the workbook: "Tốt hơn chỉ tiêu" for a down success."""
    return PHRASES[key(status, direction, kind)][0]


def detail(result: Result) -> str:
    """How far from the target, in words: "nhiều hơn mức tối đa 1 vụ"; "" when the word says it all."""
    template = PHRASES[key(result.status, result.direction, result.kind)][1]
    if not template:
        return ""
    return template.format(**figures(result))


def phrase(result: Result) -> str:
    """The result as prose, for sentences: "không đạt, nhiều hơn mức tối đa 1 vụ"."""
    first = word(result.status, result.direction, result.kind)
    first = first[:1].lower() + first[1:]
    shown = detail(result)
    return f"{first}, {shown}" if shown else first


def figures(result: Result) -> dict[str, str]:
    """The placeholders' texts."""
    value, target = result.value, result.target
    gap = "" if labels.missing(value) or labels.missing(target) else gap_text(abs(value - target), result)
    return {
        "gap": gap,
        "target": "" if labels.missing(target) else with_unit(target, result),
        "done": labels.share(result.completion),
        "pace": labels.share(result.elapsed),
        "due": result.due or "–",
    }


def unit_of(result: Result) -> str:
    """The measure written after a number ("đảng viên", "triệu USD"); none for a rate in % (it takes the sign)."""
    measure = (result.measure or "").strip()
    return "" if measure == "%" else measure


def with_unit(number: float, result: Result) -> str:
    """A value or target with its unit: 1.804 đảng viên; 8,5%."""
    text = labels.measure_number(number, result.kind, result.measure or "")
    unit = unit_of(result)
    return f"{text} {unit}" if unit else text


def gap_text(gap: float, result: Result) -> str:
    """A difference with its unit; between two rates in %, percentage points (8,5% - 7% = 1,5 điểm phần trăm)."""
    text = labels.number(gap, result.kind)
    if result.kind == "rate" and (result.measure or "").strip() in ("%", ""):
        return f"{text} điểm phần trăm"
    unit = unit_of(result)
    return f"{text} {unit}" if unit else text


def period_in_prose(name: str, year: int) -> str:
    """A period's name inside a sentence: "quý I năm 2021", "6 tháng đầu năm 2021", "cả năm 2021" (never
    "kỳ Cả năm" or "năm năm"). Names are year.yml's own: lower-cased at the start, the year added."""
    name = " ".join(str(name).split())
    shown = name[:1].lower() + name[1:]
    if str(year) in shown:
        return shown
    return f"{shown} {year}" if shown.endswith("năm") else f"{shown} năm {year}"


def period_until(name: str, year: int, final: bool) -> str:
    """How far the figures go, inside a sentence: "đến hết 9 tháng năm 2022" during the year, "cả năm 2021"
    at the last period (never "đến hết kỳ Cả năm")."""
    shown = period_in_prose(name, year)
    return shown if final else f"đến hết {shown}"


def data_span(name: str, year: int, final: bool, end: str) -> str:
    """What a bulletin's figures cover: "Số liệu đến hết 9 tháng năm 2021 (30/09/2021)", "Số liệu cả năm 2021
    (đến 31/12/2021)"."""
    if final:
        return f"Số liệu {period_in_prose(name, year)} (đến {end})"
    return f"Số liệu đến hết {period_in_prose(name, year)} ({end})"
