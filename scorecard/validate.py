"""Validate stage: every rule of the contract, all problems collected, then one failure."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
import unicodedata

import pandas as pd

from . import schema
from .load import RawYear
from .tables import ROW, RawTable
from .model import RatingRules, Year
from .numbers import (FORMAT_NAMES, FORMAT_WAYS, THOUSANDS, WORKBOOK, file_format, fullmatch, other_format,
                      parse_numbers, readable_as, rewritten, strip_percent)
from .limits import DEFAULT, Limits, shown as shown_limit
from .problems import Problems

ON_WINDOWS = os.name == "nt"  # ids that Windows keeps for devices are refused there, warned of elsewhere

DEFAULT_AGGREGATE = {"count": "sum", "amount": "sum", "rate": "none", "task": "none"}
INVISIBLE = re.compile("[\u00a0\u200b\u200c\u200d\u2060\ufeff]")


def validate_year(raw: RawYear, problems: Problems, period: str | None = None, limits: Limits = DEFAULT) -> Year | None:
    """Turn a year's raw tables into a typed Year, or None when anything is invalid.

    `period` (the command line's --period) builds the year as of that period.
    """
    settings = check_settings(raw, problems)
    pinned = None if settings is None else settings["current_period"]  # year.yml's own, before --period
    if settings is not None and period is not None:
        if period not in set(settings["periods"]["period_id"]):
            problems.error(f"{raw.folder.name}/year.yml", None, "--period", period,
                           "Không có kỳ báo cáo này trong year.yml.", "No such period in year.yml.",
                           f"Dùng một trong: {', '.join(settings['periods']['period_id'])}.",
                           "Use one of the period ids of year.yml.")
            return None
        settings["current_period"] = period
    tables = raw.tables
    if settings is None or any(t.name not in tables for t in schema.TABLES if t.required):
        check_what_we_can(raw, settings, problems)
        return None
    periods = settings["periods"]
    files = file_names(tables)
    groups = check_groups(tables["groups"], problems)
    units = check_units(tables["units"], groups, problems, files)
    indicators = check_indicators(tables["indicators"], problems)
    number_format = settings["number_format"]
    targets = check_targets(tables["targets"], units, indicators, periods, number_format, problems, limits, files)
    results = check_results(tables["results"], units, indicators, periods, targets, number_format, problems, limits,
                            files)
    decided = check_decided(tables.get("ratings"), units, problems, files)
    officials = check_officials(tables.get("officials"), units, periods, raw.year, problems, files)
    if problems.errors:
        return None
    if period is None:
        check_current_period(raw, pinned, periods, results, problems)
    else:
        refuse_period_without_results(raw, period, periods, results, problems)
    if problems.errors:  # current_period (or --period) names a period with no result: nothing true to show
        return None
    # No result at all: the assignment (no current period), whatever current_period or --period says.
    current = None if results.empty else settings["current_period"] or default_current_period(periods, results)
    data_date = dt.date(raw.year, 1, 1) if current is None else periods.set_index("period_id").loc[current, "end"]
    updated = settings["updated"] or raw.modified
    return Year(
        year=raw.year, title=settings["title"], organisation=settings["organisation"],
        sample=settings["sample"], current_period=current, rating=settings["rating"],
        periods=periods, groups=groups, units=units, indicators=indicators,
        targets=targets, results=results, decided=decided, data_date=data_date, updated=updated,
        warnings=tuple(problems.warnings), officials=officials,
        files={name: raw.path for name, raw in tables.items()},
    )


def check_what_we_can(raw: RawYear, settings, problems: Problems) -> None:
    """With a file missing, still check the tables that stand on their own."""
    tables = raw.tables
    files = file_names(tables)
    groups = check_groups(tables["groups"], problems) if "groups" in tables else None
    if "units" in tables and groups is not None:
        units = check_units(tables["units"], groups, problems, files)
        check_officials(tables.get("officials"), units, settings["periods"] if settings else None, raw.year, problems,
                        files)
    if "indicators" in tables:
        check_indicators(tables["indicators"], problems)


def file_names(tables: dict[str, RawTable]) -> dict[str, str]:
    """Each table's file as the year has it (units.xlsx or units.csv: a year may mix them), for the messages
    that send the reader to another table; a table the year lacks goes by its CSV name."""
    names = {table.name: table.file for table in schema.TABLES}
    names.update({name: raw.file_name for name, raw in tables.items()})
    return names


def targets_not_filled_in(raw: RawYear) -> int:
    """How many targets of a year in preparation wait to be filled in; 0 when the year is not in preparation.

    A year is in preparation, as `template` leaves it, when results has no row yet, no `target` cell of
    targets is filled in, and at least one of its rows is for a number indicator (any kind but task, in
    indicators). One target typed in, or one result, and the year is checked and published as any other:
    a year with a mistake in it never silently drops out of the site.
    """
    targets, indicators, results = (raw.tables.get(name) for name in ("targets", "indicators", "results"))
    if targets is None or indicators is None or results is None or len(results.frame):
        return 0
    if "target" not in targets.frame or not {"indicator_id", "kind"} <= set(indicators.frame):
        return 0
    if (targets.frame["target"].str.strip() != "").any():
        return 0
    kinds = dict(zip(indicators.frame["indicator_id"].str.strip(), indicators.frame["kind"].str.strip().str.lower()))
    kind = targets.frame["indicator_id"].str.strip().map(kinds)
    return int((kind.notna() & (kind != "task")).sum())


def check_current_period(raw: RawYear, current: str | None, periods: pd.DataFrame, results: pd.DataFrame,
                             problems: Problems) -> None:
    """Say when year.yml's current_period is not what the results say: results after it (a warning: read, not
    published), none of its own (an error), or none at all (a warning: the assignment is published)."""
    if current is None:
        return
    index = dict(zip(periods["period_id"], periods["index"]))[current]
    names = dict(zip(periods["index"], zip(periods["period_id"], periods["name"])))
    shown, line = f"{raw.folder.name}/year.yml", raw.setting_lines.get("current_period")
    if results.empty:
        problems.warn(shown, line, "current_period", current,
                      f"Năm {raw.year} chưa có kết quả nào: được công bố dưới dạng giao chỉ tiêu, không theo "
                      f"current_period: {current}.",
                      f"{raw.year} has no result yet: it is published as the assignment, not at {current}.",
                      f"Nhập kết quả kỳ {current} vào results, hoặc xóa dòng current_period cho đến khi có kết quả.",
                      f"Enter the results of {current}, or remove current_period until there are some.")
        return
    if not (results["period_index"] == index).any():
        # An error, not a warning: built, the year would say "Chưa có số liệu" everywhere and, at the final
        # period, rate every unit as failing; close would freeze that.
        last = names[int(results["period_index"].max())]
        problems.error(shown, line, "current_period", current,
                       f"Năm {raw.year} chưa có kết quả nào của kỳ {current} ({names[index][1]}), kỳ mà year.yml đặt "
                       "là kỳ công bố: không công bố được năm này.",
                       f"{raw.year} has no result for its current_period {current}: it cannot be published.",
                       f"Nhập kết quả kỳ {current} vào results, hoặc sửa dòng này thành current_period: {last[0]} "
                       "(kỳ cuối có kết quả).",
                       f"Enter the results of {current}, or set current_period: {last[0]}.")
    later = sorted(set(results.loc[results["period_index"] > index, "period_index"]))
    if not later:
        return
    left_out = ", ".join(f"{names[i][0]} ({names[i][1]})" for i in later)
    latest = names[later[-1]][0]
    problems.warn(shown, line, "current_period", current,
                  f"Năm {raw.year} có kết quả của kỳ {left_out} nhưng year.yml đặt current_period: {current}: "
                  "các kết quả này chưa được công bố.",
                  f"{raw.year} has results for periods after current_period {current} ({', '.join(names[i][0] for i in later)}): "
                  "they are not published.",
                  f"Để công bố kỳ {latest}, sửa dòng current_period: {current} trong year.yml thành "
                  f"current_period: {latest}.",
                  f"To publish {latest}, change current_period in year.yml to {latest}.")


def refuse_period_without_results(raw: RawYear, period: str, periods: pd.DataFrame, results: pd.DataFrame,
                                  problems: Problems) -> None:
    """--period naming a period with no result (when the year has some): the year cannot be shown as of it."""
    if results.empty:
        return
    index = dict(zip(periods["period_id"], periods["index"]))[period]
    if (results["period_index"] == index).any():
        return
    reported = [p for p, i in zip(periods["period_id"], periods["index"]) if (results["period_index"] == i).any()]
    name = dict(zip(periods["period_id"], periods["name"]))[period]
    problems.error(f"{raw.folder.name}/year.yml", None, "--period", period,
                   f"Năm {raw.year} chưa có kết quả nào của kỳ {period} ({name}): không dựng được năm ở kỳ này.",
                   f"{raw.year} has no result for {period}: it cannot be shown as of that period.",
                   f"Chọn một kỳ đã có kết quả: {', '.join(reported)}.", "Choose a period that has results.")


def default_current_period(periods: pd.DataFrame, results: pd.DataFrame) -> str:
    """The last period that has any result (there is one: without results the year has no current period)."""
    return periods["period_id"].iloc[int(results["period_index"].max())]


# --- year.yml -----------------------------------------------------------------

def check_settings(raw: RawYear, problems: Problems) -> dict | None:
    """Check year.yml against the settings table; return typed settings, or None when the tables' numbers and
    periods cannot be checked: no year.yml, no usable periods, or an unknown number_format (any reading of the
    numbers would be a guess, and a wrong guess floods the report). Other mistakes (current_period, rating,
    title...) are reported and the tables are checked all the same, the faulty setting taken as absent, so that
    one run reports every problem."""
    shown = f"{raw.folder.name}/year.yml"
    data = raw.settings
    if not data:
        return None
    lines = raw.setting_lines

    def error(key, value, message, message_en, hint="", hint_en=""):
        problems.error(shown, lines.get(key), key, None if value is None else str(value),
                       message, message_en, hint, hint_en)

    def warn(key, value, message, message_en, hint="", hint_en=""):
        problems.warn(shown, lines.get(key), key, None if value is None else str(value),
                      message, message_en, hint, hint_en)

    top_level = {s.name.split(".")[0] for s in schema.SETTINGS}
    for key in data:
        if key not in top_level:
            close = difflib.get_close_matches(str(key), sorted(top_level), n=1)
            error(key, None, "Khóa không có trong quy định của year.yml.", "Unknown key in year.yml.",
                  (f"Có phải là \"{close[0]}\"? " if close else "") + f"Các khóa hợp lệ: {', '.join(sorted(top_level))} "
                  "(xem docs/du-lieu.md).", "Check the spelling against docs/du-lieu.md.")
    settings = {}
    for key in ("title", "organisation"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            error(key, value, f"Thiếu hoặc sai \"{key}\": cần một đoạn văn bản.",
                  f"\"{key}\" must be a non-empty text.",
                  f"Ví dụ: {key}: \"Tỉnh ủy Vĩnh Phúc\"", "Add it as a quoted text.")
        else:
            settings[key] = unicodedata.normalize("NFC", value.strip())
    settings["periods"] = check_periods(raw, data.get("periods"), lines, error)
    number_format = data.get("number_format", "auto")
    known_format = number_format in schema.NUMBER_FORMATS
    if not known_format:
        error("number_format", number_format, "Giá trị number_format không hợp lệ.", "Invalid number_format.",
              "Dùng auto, plain hoặc vi.", "Use auto, plain or vi.")
    settings["number_format"] = number_format
    sample = data.get("sample", False)
    if not isinstance(sample, bool):
        error("sample", sample, "sample phải là true hoặc false.", "sample must be true or false.",
              "Viết sample: true (dữ liệu mẫu) hoặc sample: false, hoặc xóa dòng này.",
              "Write sample: true or sample: false, or remove the line.")
    settings["sample"] = sample is True
    settings["rating"] = check_rating(data.get("rating"), error, warn)
    updated = parse_date(data.get("updated"))
    if updated is not None and (not isinstance(updated, dt.date) or isinstance(updated, dt.datetime)):
        error("updated", updated, "Ngày cập nhật (updated) không đọc được.", "updated is not a date.",
              "Viết dạng 2021-12-31.", "Write it as 2021-12-31.")
    settings["updated"] = updated if isinstance(updated, dt.date) else None
    current = data.get("current_period")
    periods = settings["periods"]
    if current is not None and periods is not None and str(current) not in set(periods["period_id"]):
        error("current_period", current, "current_period không phải là mã kỳ nào trong periods.",
              "current_period is not one of the period ids.",
              f"Dùng một trong: {', '.join(periods['period_id'])}.", "Use one of the period ids.")
        current = None  # taken as absent: the tables are still checked, with the default current period
    settings["current_period"] = None if current is None else str(current)
    if periods is None or not known_format:
        return None
    return settings


def check_periods(raw: RawYear, periods, lines, error) -> pd.DataFrame | None:
    """Periods: a list of {id, name, end} in time order, inside the folder's year."""
    if not isinstance(periods, list) or not periods:
        error("periods", None, "Thiếu danh sách kỳ báo cáo (periods).", "periods must be a non-empty list.",
              "Ví dụ: - {id: q1, name: \"Quý I\", end: 2021-03-31} (xem docs/du-lieu.md).",
              "See docs/du-lieu.md for an example.")
        return None
    rows = []
    ok = True
    for i, item in enumerate(periods):
        key = f"periods.{i}"
        line_key = key if key in lines else "periods"
        if not isinstance(item, dict) or set(item) - {"id", "name", "end"}:
            error(line_key, item, "Mỗi kỳ phải có dạng {id, name, end}.", "Each period is {id, name, end}.",
                  "Ví dụ: - {id: q1, name: \"Quý I\", end: 2021-03-31}", "See docs/du-lieu.md for an example.")
            ok = False
            continue
        period_id, name, end = str(item.get("id", "")), item.get("name"), parse_date(item.get("end"))
        if not schema.ID_PATTERN.fullmatch(period_id):
            error(line_key, period_id, "Mã kỳ không hợp lệ.", "Invalid period id.",
                  "Chữ thường không dấu, số và dấu gạch ngang, ví dụ q1, h1, 9m, y.", "Use a-z, 0-9 and -.")
            ok = False
        if not isinstance(name, str) or not name.strip():
            error(line_key, name, "Kỳ thiếu tên (name).", "The period has no name.",
                  "Thêm tên kỳ, ví dụ name: \"Quý I\".", "Add the period's name, e.g. name: \"Quý I\".")
            ok = False
        if not isinstance(end, dt.date) or isinstance(end, dt.datetime):
            error(line_key, end, "Ngày kết thúc kỳ (end) không đọc được.",
                  "The period end is not a date.", "Viết dạng 2021-03-31 (hoặc \"31/03/2021\").",
                  "Write it as 2021-03-31 (or \"31/03/2021\").")
            ok = False
        elif end.year != raw.year:
            error(line_key, end.isoformat(), f"Ngày kết thúc kỳ không thuộc năm {raw.year}.",
                  "The period ends outside the folder's year.",
                  f"Sửa năm của ngày kết thúc thành {raw.year}, hoặc đặt dữ liệu vào thư mục của năm đó.",
                  f"Use a date in {raw.year}, or put the data in that year's folder.")
            ok = False
        rows.append((period_id, unicodedata.normalize("NFC", str(name or "")).strip(), end))
    if not ok:
        return None
    frame = pd.DataFrame(rows, columns=["period_id", "name", "end"])
    if frame["period_id"].duplicated().any():
        error("periods", ", ".join(frame["period_id"][frame["period_id"].duplicated()]),
              "Mã kỳ bị trùng.", "Duplicated period id.",
              "Mỗi kỳ một mã riêng, ví dụ q1, h1, 9m, y.", "Give each period its own id.")
        return None
    if not all(a < b for a, b in zip(frame["end"], frame["end"].iloc[1:])):
        error("periods", ", ".join(f"{p} {d.isoformat()}" for p, d in zip(frame["period_id"], frame["end"])),
              "Các kỳ phải theo thứ tự thời gian, ngày kết thúc tăng dần.", "Periods must be in time order.",
              "Sắp xếp các kỳ theo ngày kết thúc tăng dần và kiểm tra từng ngày end.",
              "List the periods by end date, earliest first, and check each end date.")
        return None
    frame["index"] = range(len(frame))
    frame["elapsed"] = [elapsed_share(d) for d in frame["end"]]
    return frame


def parse_date(value):
    """A period end: a YAML date, or a quoted "2021-03-31" or "31/03/2021"; anything else is returned as is."""
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                pass
    return value


def elapsed_share(end: dt.date) -> float:
    """Day of the year of a period's end divided by the days in that year (181/365)."""
    days = 366 if calendar.isleap(end.year) else 365
    return end.timetuple().tm_yday / days


def check_rating(rating, error, warn=None) -> RatingRules:
    """`rating:` holds the method and its thresholds; anything else is a typo. Defaults depend on the method."""
    if rating is None:
        return rating_rules("targets", {})
    if not isinstance(rating, dict):
        error("rating", rating, "rating phải là một bảng khóa: giá trị.", "rating must be a mapping.",
              "Ví dụ: rating: {method: qd366, quota: 0.2}", "e.g. rating: {method: qd366}")
        return rating_rules("targets", {})
    settings = {s.name.split(".", 1)[1]: s for s in schema.SETTINGS if s.name.startswith("rating.")}
    method = rating.get("method", settings["method"].default)
    values = {}
    for key, value in rating.items():
        dotted = f"rating.{key}"
        if key not in settings:
            close = difflib.get_close_matches(str(key), sorted(settings), n=1)
            error(dotted, None, "Khóa không có trong quy định của rating.", "Unknown key under rating.",
                  (f"Có phải là \"{close[0]}\"? " if close else "") + f"Các khóa hợp lệ: {', '.join(sorted(settings))} "
                  "(xem docs/du-lieu.md).", "See docs/du-lieu.md.")
        elif key == "method":
            if value not in schema.RATING_METHODS:
                error(dotted, value, "Phương pháp xếp loại không hợp lệ.", "Unknown rating method.",
                      f"Dùng một trong: {', '.join(schema.RATING_METHODS)}.",
                      f"Use one of {', '.join(schema.RATING_METHODS)}.")
            values[key] = value
        elif not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            error(dotted, value, "Phải là một số không âm.", "Must be a non-negative number.",
                  "Viết một số, ví dụ 0.2 hoặc 90 (không có dấu %, không trong ngoặc kép).",
                  "Write a number such as 0.2 or 90 (no % sign, no quotes).")
        elif dotted in schema.SHARE_SETTINGS and value > 1:
            error(dotted, value, "Phải là tỷ lệ từ 0 đến 1 (ví dụ 0.2).", "Must be a share between 0 and 1.",
                  "Viết tỷ lệ dạng số thập phân: 20% là 0.2.", "Write the share as a decimal: 20% is 0.2.")
        elif key.startswith("points_") and value > 100:
            error(dotted, value, "Điểm tối đa là 100: không đơn vị nào đạt được ngưỡng này.",
                  "Points go up to 100: no unit could reach this threshold.",
                  "Dùng một số từ 0 đến 100, ví dụ 90.", "Use a number from 0 to 100.")
        else:
            values[key] = float(value)
            if warn is not None and method in schema.RATING_METHODS and not settings[key].applies_to(method):
                warn(dotted, value, f"Khóa {dotted} không dùng với phương pháp xếp loại {method}: bị bỏ qua.",
                     f"{dotted} is not used by the {method} method: ignored.",
                     "Xóa khóa này, hoặc đổi rating.method.", "Remove the key, or change rating.method.")
    if values.get("method") not in schema.RATING_METHODS:
        values["method"] = "targets"
    rules = rating_rules(values.pop("method"), values)
    if not rules.points_xuat_sac >= rules.points_tot >= rules.points_hoan_thanh:
        error("rating", f"{rules.points_xuat_sac:g}, {rules.points_tot:g}, {rules.points_hoan_thanh:g}",
              "Ngưỡng điểm phải giảm dần: points_xuat_sac ≥ points_tot ≥ points_hoan_thanh.",
              "Point thresholds must decrease: points_xuat_sac >= points_tot >= points_hoan_thanh.",
              "Sửa các ngưỡng, ví dụ points_xuat_sac: 90, points_tot: 70, points_hoan_thanh: 50.",
              "Fix the thresholds, e.g. 90, 70, 50.")
    return rules


def rating_rules(method: str, given: dict) -> RatingRules:
    """The rating rules of a method: the values given in year.yml, the method's defaults (schema.py) for the rest."""
    values = {"method": method}
    for setting in schema.SETTINGS:
        if not setting.name.startswith("rating.") or setting.name == "rating.method":
            continue
        key = setting.name.split(".", 1)[1]
        if key in given:
            values[key] = given[key]
        elif setting.default_for(method) is not None:
            values[key] = float(setting.default_for(method))
    return RatingRules(**values)


# --- tables -------------------------------------------------------------------

def slug(text: str) -> str:
    """A valid id suggested for a text: lowercase, no diacritics, hyphens."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64] or "ma-moi"
    return f"{folded}-1" if re.fullmatch(schema.WINDOWS_DEVICES, folded) else folded


def check_id_column(raw: RawTable, column: str, problems: Problems, required: bool = True) -> pd.Series:
    """Report ids that break the allow-list; return the mask of valid (or allowed empty) cells."""
    values = raw.frame[column]
    empty = values == ""
    valid = fullmatch(values, schema.ID_PATTERN.pattern)
    bad = ~valid & ~empty
    for row, value in zip(raw.frame.loc[bad, ROW], values[bad]):
        problems.error(raw.path, row, column, value, *id_message(value))
    device = valid & fullmatch(values, schema.WINDOWS_DEVICES)
    report = problems.error if ON_WINDOWS else problems.warn
    for row, value in zip(raw.frame.loc[device, ROW], values[device]):
        report(raw.path, row, column, value, *device_message(value))
    if ON_WINDOWS:
        valid = valid & ~device
    if required:
        for row in raw.frame.loc[empty, ROW]:
            problems.error(raw.path, row, column, "", "Thiếu mã.", "The id is empty.",
                           "Điền mã (chữ thường không dấu, số, dấu gạch ngang).", "Fill in the id.")
        return valid
    return valid | empty


def device_message(value: str) -> tuple[str, str, str, str]:
    """Why an id that Windows keeps for a device is a problem, and a valid one to use instead."""
    return (f"Mã trùng tên thiết bị mà Windows dành riêng (con, prn, aux, nul, com1..., lpt1...): trên máy chủ "
            f"hoặc máy tính Windows, tệp {value}.html không ghi hay mở được.",
            f"The id is a name Windows keeps for a device: on a Windows server or PC, {value}.html cannot be a file.",
            f"Đổi mã, ví dụ \"{value}-1\" (sửa cả ở các bảng khác dùng mã này).",
            f"Change the id, e.g. \"{value}-1\" (and wherever other tables use it).")


def id_message(value: str) -> tuple[str, str, str, str]:
    """Say what is wrong with an id and suggest a valid one."""
    if INVISIBLE.search(value):
        what, what_en = "Mã chứa ký tự trắng ẩn (khoảng trắng không ngắt hoặc ký tự rộng 0)", \
            "The id holds an invisible space (no-break or zero-width)"
    elif "/" in value or "\\" in value or ".." in value:
        what, what_en = "Mã không được chứa dấu /, \\ hay hai dấu chấm liền nhau", \
            "An id may not hold /, \\ or two dots in a row"
    elif re.search(r"\s", value):
        what, what_en = "Mã không được chứa khoảng trắng", "An id may not hold spaces"
    elif len(value) > 64:
        what, what_en = "Mã dài quá 64 ký tự", "An id may be at most 64 characters"
    else:
        what, what_en = "Mã chỉ gồm chữ thường không dấu a-z, số 0-9 và dấu gạch ngang, bắt đầu bằng chữ hoặc số", \
            "An id is lowercase a-z, 0-9 and hyphens, starting with a letter or digit"
    return (f"{what}.", f"{what_en}.", f"Ví dụ: \"{slug(value)}\".", f"For example \"{slug(value)}\".")


def check_duplicates(raw: RawTable, keys: list[str], problems: Problems, what: str, what_en: str) -> pd.Series:
    """Report rows whose key repeats an earlier row's; return the mask of first occurrences."""
    frame = raw.frame
    dup = frame.duplicated(keys, keep="first") & (frame[keys] != "").all(axis=1)
    if dup.any():
        first_rows = frame.groupby(keys, sort=False)[ROW].transform("first")
        for row, value, first in zip(frame.loc[dup, ROW], frame.loc[dup, keys[-1]], first_rows[dup]):
            problems.error(raw.path, row, ", ".join(keys), value,
                           f"{what} bị trùng với dòng {first}.", f"{what_en} repeats row {first}.",
                           "Xóa một trong hai dòng hoặc sửa mã.", "Delete one of the rows or fix the id.")
    return ~dup


def check_required_text(raw: RawTable, column: str, problems: Problems) -> None:
    """A required text cell may not be empty."""
    for row in raw.frame.loc[raw.frame[column] == "", ROW]:
        problems.error(raw.path, row, column, "", "Ô bắt buộc đang trống.", "A required cell is empty.",
                       f"Điền {column}.", f"Fill in {column}.")


def check_reference(raw: RawTable, column: str, known: pd.Series, problems: Problems,
                    what: str, source: str) -> pd.Series:
    """Report values that name no known id; return the mask of rows that resolve (or are empty)."""
    values = raw.frame[column]
    ok = values.isin(set(known)) | (values == "")
    valid_id = fullmatch(values, schema.ID_PATTERN.pattern)
    choices, message_en = sorted(known), f"Unknown {column} (not in {source})."
    for row, value in zip(raw.frame.loc[~ok & valid_id, ROW], values[~ok & valid_id]):
        # the nearest id is looked for only for the problems that will be printed (difflib is slow)
        close = difflib.get_close_matches(value, choices, n=1) if problems.keeps(raw.path, message_en) else []
        problems.error(raw.path, row, column, value,
                       f"Không có {what} này trong {source}.", message_en,
                       (f"Có phải là \"{close[0]}\"? " if close else "") + f"Thêm vào {source} hoặc sửa mã.",
                       f"Add it to {source} or fix the id.")
    return ok


def check_integer_column(raw: RawTable, column: str, problems: Problems) -> pd.Series:
    """An optional whole number (display order); NaN where empty."""
    values = raw.frame[column]
    bad = ~fullmatch(values, r"-?[0-9]+") & (values != "")
    for row, value in zip(raw.frame.loc[bad, ROW], values[bad]):
        problems.error(raw.path, row, column, value, "Phải là số nguyên.", "Must be a whole number.",
                       "Ví dụ: 1, 2, 3.", "e.g. 1, 2, 3.")
    return pd.to_numeric(values.where(~bad & (values != ""), None), errors="coerce").astype(float)


def check_groups(raw: RawTable, problems: Problems) -> pd.DataFrame:
    """groups.csv: unique ids and names."""
    check_id_column(raw, "group_id", problems)
    check_duplicates(raw, ["group_id"], problems, "Mã nhóm", "The group id")
    check_required_text(raw, "name", problems)
    frame = raw.frame
    return pd.DataFrame({
        "group_id": frame["group_id"], "name": frame["name"],
        "order": check_integer_column(raw, "order", problems),
    }).drop_duplicates("group_id").reset_index(drop=True)


def check_units(raw: RawTable, groups: pd.DataFrame, problems: Problems, files: dict[str, str]) -> pd.DataFrame:
    """units.csv: unique ids, known groups and parents, no cycles."""
    frame = raw.frame
    check_id_column(raw, "unit_id", problems)
    check_id_column(raw, "group_id", problems)
    check_id_column(raw, "parent_id", problems, required=False)
    first = check_duplicates(raw, ["unit_id"], problems, "Mã đơn vị", "The unit id")
    check_required_text(raw, "name", problems)
    check_reference(raw, "group_id", groups["group_id"], problems, "nhóm", files["groups"])
    check_reference(raw, "parent_id", frame["unit_id"], problems, "đơn vị cấp trên", f"{files['units']} (unit_id)")
    units = pd.DataFrame({
        "unit_id": frame["unit_id"], "name": frame["name"], "group_id": frame["group_id"],
        "parent_id": frame["parent_id"].where(frame["parent_id"] != "", None),
        "head": frame["head"], "order": check_integer_column(raw, "order", problems), ROW: frame[ROW],
    })[first].reset_index(drop=True)
    check_cycles(raw, units, problems)
    return units.drop(columns=[ROW])


def check_cycles(raw: RawTable, units: pd.DataFrame, problems: Problems) -> None:
    """A unit may not be its own ancestor."""
    parent = dict(zip(units["unit_id"], units["parent_id"]))
    rows = dict(zip(units["unit_id"], units[ROW]))
    reported = set()
    for start in sorted(parent):
        chain, node = [], start
        while node is not None and node in parent and node not in chain:
            chain.append(node)
            node = parent[node]
        if node is not None and node in chain:
            cycle = chain[chain.index(node):]
            if not reported & set(cycle):
                reported |= set(cycle)
                problems.error(raw.path, rows[cycle[0]], "parent_id", parent[cycle[0]],
                               "Quan hệ cấp trên tạo thành vòng lặp: " + " → ".join(cycle + [cycle[0]]) + ".",
                               "Parents form a cycle.",
                               "Sửa parent_id để mỗi đơn vị có một chuỗi cấp trên dừng ở đơn vị cấp cao nhất.",
                               "Fix parent_id so every chain ends at a top-level unit.")


def check_choice(raw: RawTable, column: str, choices: tuple[str, ...], problems: Problems,
                 required: bool) -> pd.Series:
    """A cell from a vocabulary (lowercased); report anything else."""
    values = raw.frame[column].str.lower()
    bad = ~values.isin(choices) & ((values != "") | required)
    for row, value in zip(raw.frame.loc[bad, ROW], raw.frame.loc[bad, column]):
        problems.error(raw.path, row, column, value,
                       "Giá trị không nằm trong danh mục cho phép." if value else "Ô bắt buộc đang trống.",
                       "The value is not in the allowed list." if value else "A required cell is empty.",
                       f"Dùng một trong: {', '.join(choices)}.", f"Use one of: {', '.join(choices)}.")
    return values.where(~bad, "")


def check_indicators(raw: RawTable, problems: Problems) -> pd.DataFrame:
    """indicators.csv: unique ids, known kinds, directions and aggregates."""
    frame = raw.frame
    check_id_column(raw, "indicator_id", problems)
    first = check_duplicates(raw, ["indicator_id"], problems, "Mã chỉ tiêu", "The indicator id")
    check_required_text(raw, "name", problems)
    kind = check_choice(raw, "kind", schema.KINDS, problems, required=True)
    direction = check_choice(raw, "direction", schema.DIRECTIONS, problems, required=False).replace("", "up")
    aggregate = check_choice(raw, "aggregate", schema.AGGREGATES, problems, required=False)
    aggregate = aggregate.where(aggregate != "", kind.map(DEFAULT_AGGREGATE).fillna("none"))
    bad_sum = (aggregate == "sum") & kind.isin(["rate", "task"]) & (frame["aggregate"] != "")
    for row, value, k in zip(frame.loc[bad_sum, ROW], frame.loc[bad_sum, "aggregate"], kind[bad_sum]):
        problems.error(raw.path, row, "aggregate", value,
                       f"Không thể cộng dồn chỉ tiêu loại {k}.", f"A {k} indicator cannot be summed.",
                       "Dùng mean hoặc none.", "Use mean or none.")
    bad_down = (direction == "down") & (kind == "task")
    for row in frame.loc[bad_down, ROW]:
        problems.error(raw.path, row, "direction", "down", "Nhiệm vụ không có chiều down.",
                       "A task has no direction.", "Để trống direction.", "Leave direction empty.")
    return pd.DataFrame({
        "indicator_id": frame["indicator_id"], "name": frame["name"], "kind": kind,
        "measure": frame["measure"], "direction": direction, "category": frame["category"],
        "aggregate": aggregate,
    })[first].reset_index(drop=True)


def report_unreadable_numbers(raw: RawTable, column: str, bad: pd.Series, fmt: str, problems: Problems,
                              whole: pd.Series | None = None) -> None:
    """Say why each unreadable number failed and which format would read it (`whole`: the rows of counts)."""
    whole = pd.Series(False, index=raw.frame.index) if whole is None else whole
    for row, value, count in zip(raw.frame.loc[bad, ROW], raw.frame.loc[bad, column], whole[bad]):
        if value.startswith(("=", "+", "@")):
            problems.error(raw.path, row, column, value, "Ô chứa công thức, không phải một số.",
                           "The cell holds a formula, not a number.",
                           "Trong Excel: Sao chép, Dán đặc biệt > Giá trị (Paste Special > Values), rồi lưu lại.",
                           "In Excel, copy and Paste Special > Values, then save again.")
            continue
        other = other_format(fmt)
        if value.endswith("%") and readable_as(value.rstrip("%").strip(), fmt):
            hint = (f"Dấu % chỉ dùng cho chỉ tiêu loại rate (tỷ lệ): bỏ dấu %, chỉ ghi số theo kiểu "
                    f"{FORMAT_NAMES[fmt]}.")
            hint_en = f"A % sign is for rate indicators only: drop it and write the number ({fmt} format)."
        elif readable_as(value.rstrip("%").strip(), other):
            # the cell first, in the file's own format: setting number_format would change every other number
            fixed = rewritten(value.rstrip("%").strip(), other, fmt) + ("%" if value.endswith("%") else "")
            instead = (f"hoặc, nếu mọi số trong các tệp CSV của năm đều viết kiểu {FORMAT_WAYS[other][0]}, "
                       f"đặt number_format: {other} trong year.yml.")
            instead_en = (f"or, if every number of the year's CSV files is written {FORMAT_WAYS[other][1]}, "
                          f"set number_format: {other} in year.yml.")
            if count and float(rewritten(fixed.rstrip("%"), fmt, "plain")) % 1:
                hint = (f"Chỉ tiêu loại count chỉ nhận số nguyên: kiểm tra lại số, rồi ghi theo kiểu của tệp này, "
                        f"{FORMAT_WAYS[fmt][0]} (\"{value}\" viết kiểu này là {fixed}); {instead}")
                hint_en = (f"A count takes whole numbers only: check the figure and write it the file's way, "
                           f"{FORMAT_WAYS[fmt][1]} (\"{value}\" is {fixed} that way); {instead_en}")
            else:
                hint = f"Ghi {fixed}: tệp này đọc số kiểu {FORMAT_WAYS[fmt][0]}; {instead}"
                hint_en = f"Write {fixed}: the file reads numbers {FORMAT_WAYS[fmt][1]}; {instead_en}"
        elif fmt == WORKBOOK and readable_as(value, "vi"):
            plain = rewritten(value, "vi", "plain")
            hint = (f"Ô đang là văn bản (Text): gõ lại thành số trong ô kiểu số (Number), không gõ dấu chấm phân cách "
                    f"hàng nghìn; nếu để dạng văn bản thì ghi {plain}.")
            hint_en = (f"The cell holds text: type the number into a Number cell, without thousands dots; "
                       f"kept as text, write {plain}.")
        elif fmt == WORKBOOK:
            hint = "Gõ số vào ô kiểu số (Number), không gõ dạng văn bản (Text); số dạng văn bản chỉ đọc được kiểu plain (1804.5)."
            hint_en = "Type the number into a Number cell, not as Text; a number typed as text is read the plain way (1804.5)."
        else:
            hint = f"Viết số theo kiểu {FORMAT_NAMES[fmt]}."
            hint_en = f"Write the number in the {fmt} format."
        problems.error(raw.path, row, column, value, "Không đọc được số.", "Not a number.", hint, hint_en)


def read_number_column(raw: RawTable, column: str, fmt: str, percent: pd.Series, problems: Problems,
                       whole: pd.Series | None = None) -> pd.Series:
    """Parse a number column (with % allowed where `percent` is true, counts where `whole` is); report failures."""
    text = raw.frame[column]
    if percent.any():  # the % sign is looked for on the rows that may carry one (rates) only
        text = text.where(~percent, strip_percent(text[percent]))
    values, bad = parse_numbers(text, fmt)
    report_unreadable_numbers(raw, column, bad, fmt, problems, whole)
    return values


def check_magnitude(raw: RawTable, column: str, values: pd.Series, limits: Limits, problems: Problems) -> pd.Series:
    """Numbers no province reports (|x| >= 10^15) are refused: their sums and ratios would not be numbers."""
    huge = values.abs() >= limits.number_abs
    for row, text in zip(raw.frame.loc[huge, ROW], raw.frame.loc[huge, column]):
        problems.error(raw.path, row, column, text,
                       f"Số quá lớn: giá trị tuyệt đối phải nhỏ hơn {shown_limit(limits, 'number_abs')} (number_abs).",
                       "The number is too large: its absolute value must be below 1e15 (number_abs).",
                       "Kiểm tra số (thừa chữ số? dán nhầm mã số?).", "Check the number (extra digits? a pasted code?).")
    return values.where(~huge)


def warn_grouped_text(raw: RawTable, column: str, mask: pd.Series, values: pd.Series, problems: Problems) -> None:
    """A workbook's text cell such as "1.804" in a rate or amount is read plain (1,804), as the contract says,
    but was most likely meant as 1804: say so, and how to make the cell unambiguous."""
    if not raw.grouped_text:
        return
    cells = raw.frame[ROW].isin({row for row, named in raw.grouped_text if named == column})
    for row, text, value in zip(raw.frame.loc[cells & mask, ROW], raw.frame.loc[cells & mask, column],
                                values[cells & mask]):
        meant = rewritten(text, "vi", "plain")
        read = f"{value:g}".replace(".", ",")
        problems.warn(raw.path, row, column, text,
                      f"Ô là văn bản (Text) có dạng số viết kiểu Việt Nam; văn bản trong tệp Excel đọc kiểu plain, nên "
                      f"được đọc là {read} (dấu chấm là dấu thập phân), không phải {meant}.",
                      f"The cell holds text that looks like a Vietnamese grouped number; text in a workbook is read "
                      f"the plain way, so it is read as {value:g}, not {meant}.",
                      f"Nếu là {meant}: gõ {meant} (số, không có dấu chấm) vào ô kiểu số (Number). Nếu đúng là {read}: "
                      f"gõ số đó vào ô kiểu số (Number), không để dạng văn bản.",
                      f"If it means {meant}, type {meant} (a number, no dot) into a Number cell; if it means {value:g}, "
                      "type that into a Number cell, not as text.")


def report_not_whole(raw: RawTable, column: str, mask: pd.Series, fmt: str, problems: Problems) -> None:
    """A count must be whole; "1.804" read as plain suggests the Vietnamese format."""
    for row, value in zip(raw.frame.loc[mask, ROW], raw.frame.loc[mask, column]):
        other = other_format(fmt)
        hint = "Chỉ tiêu loại count nhận số nguyên."
        hint_en = "A count indicator takes whole numbers."
        meant = rewritten(value, other, fmt)
        if fmt == WORKBOOK and THOUSANDS.fullmatch(value):
            meant = rewritten(value, "vi", "plain")
            hint += (f" Nếu \"{value}\" là {meant}, gõ {meant} (số, không có dấu chấm) vào ô kiểu số (Number): "
                     "ô văn bản trong tệp Excel được đọc với dấu chấm là dấu thập phân.")
            hint_en += (f" If \"{value}\" means {meant}, type {meant} (a number, without the dot) into a Number cell: "
                        "a text cell of a workbook is read with the dot as the decimal point.")
        elif meant is not None and float(rewritten(meant, fmt, "plain")) % 1 == 0:
            # the cell first, in the file's own format: setting number_format would change every other number
            hint += (f" Nếu \"{value}\" là {meant} (dấu chấm phân cách hàng nghìn), ghi {meant}; hoặc, nếu mọi số "
                     f"trong các tệp CSV của năm đều viết kiểu {FORMAT_WAYS[other][0]}, đặt number_format: {other} "
                     "trong year.yml.")
            hint_en += (f" If \"{value}\" means {meant}, write {meant}; or, if every number of the year's CSV files "
                        f"is written {FORMAT_WAYS[other][1]}, set number_format: {other} in year.yml.")
        problems.error(raw.path, row, column, value, "Số lượng (count) phải là số nguyên.",
                       "A count must be a whole number.", hint, hint_en)


def check_targets(raw: RawTable, units, indicators, periods, number_format, problems,
                  limits: Limits, files: dict[str, str]) -> pd.DataFrame:
    """targets.csv: one row per (unit, indicator), numbers for numeric indicators, due periods for tasks."""
    frame = raw.frame
    fmt = file_format(number_format, raw.delimiter)
    check_id_column(raw, "unit_id", problems)
    check_id_column(raw, "indicator_id", problems)
    check_id_column(raw, "due", problems, required=False)
    first = check_duplicates(raw, ["unit_id", "indicator_id"], problems,
                             "Chỉ tiêu của đơn vị", "The (unit, indicator) pair")
    unit_ok = check_reference(raw, "unit_id", units["unit_id"], problems, "đơn vị", files["units"])
    ind_ok = check_reference(raw, "indicator_id", indicators["indicator_id"], problems, "chỉ tiêu", files["indicators"])
    kind = frame["indicator_id"].map(dict(zip(indicators["indicator_id"], indicators["kind"]))).fillna("")
    is_task = kind == "task"
    target = read_number_column(raw, "target", fmt, kind == "rate", problems, kind == "count")
    target = check_magnitude(raw, "target", target, limits, problems)
    warn_grouped_text(raw, "target", kind.isin(["rate", "amount"]) & target.notna(), target, problems)
    tiny = target.notna() & (target != 0) & (target.abs() < limits.target_min_abs)
    for row, value in zip(frame.loc[tiny, ROW], frame.loc[tiny, "target"]):
        problems.error(raw.path, row, "target", value,
                       f"Chỉ tiêu khác 0 phải có giá trị tuyệt đối từ {shown_limit(limits, 'target_min_abs')} trở lên "
                       "(target_min_abs).", "A target other than 0 must be at least 1e-6 in absolute value "
                       "(target_min_abs): the completion would not be a number.",
                       "Kiểm tra số chỉ tiêu (có nhầm đơn vị tính?), hoặc ghi 0.",
                       "Check the target (a unit mix-up?) or write 0.")
    target = target.where(~tiny)
    missing = ~is_task & (kind != "") & (frame["target"] == "")
    for row in frame.loc[missing, ROW]:
        problems.error(raw.path, row, "target", "", "Chỉ tiêu số phải có giá trị target.",
                       "A numeric indicator needs a target.", "Điền số chỉ tiêu được giao.", "Fill in the target.")
    report_not_whole(raw, "target", (kind == "count") & (target % 1 != 0) & target.notna(), fmt, problems)
    negative = (kind == "count") & (target < 0)
    for row, value in zip(frame.loc[negative, ROW], frame.loc[negative, "target"]):
        problems.error(raw.path, row, "target", value, "Số lượng không được âm.", "A count cannot be negative.",
                       "Nhập số từ 0 trở lên.", "Enter 0 or more.")
    for row, value in zip(frame.loc[is_task & (frame["target"] != ""), ROW], frame.loc[is_task & (frame["target"] != ""), "target"]):
        problems.warn(raw.path, row, "target", value, "Nhiệm vụ không có target; giá trị bị bỏ qua.",
                      "A task has no target; the value is ignored.", "Để trống ô này.", "Leave the cell empty.")
    weight = read_number_column(raw, "weight", fmt, pd.Series(False, index=frame.index), problems)
    bad_weight = weight.notna() & (weight <= 0)
    for row, value in zip(frame.loc[bad_weight, ROW], frame.loc[bad_weight, "weight"]):
        problems.error(raw.path, row, "weight", value, "Trọng số phải lớn hơn 0.", "A weight must be above 0.",
                       "Để trống (mặc định 1) hoặc nhập số dương.", "Leave it empty (1) or use a positive number.")
    heavy = weight.notna() & (weight > limits.weight_max)
    for row, value in zip(frame.loc[heavy, ROW], frame.loc[heavy, "weight"]):
        problems.error(raw.path, row, "weight", value,
                       f"Trọng số không được lớn hơn {shown_limit(limits, 'weight_max')} (weight_max).",
                       f"A weight may be at most {limits.weight_max:g} (weight_max).",
                       "Dùng trọng số nhỏ, ví dụ 1, 2, 3: chỉ tỷ lệ giữa các trọng số có ý nghĩa.",
                       "Use small weights such as 1, 2, 3: only their ratios matter.")
    weight = weight.where(~heavy)
    period_ids = periods["period_id"] if periods is not None else pd.Series([], dtype=object)
    check_reference(raw, "due", period_ids, problems, "kỳ báo cáo", "year.yml (periods)")
    due_on_number = ~is_task & (kind != "") & (frame["due"] != "")
    for row, value in zip(frame.loc[due_on_number, ROW], frame.loc[due_on_number, "due"]):
        problems.warn(raw.path, row, "due", value, "Hạn (due) chỉ áp dụng cho nhiệm vụ; giá trị bị bỏ qua.",
                      "due applies to tasks only; ignored.")
    # a bad due is reported above but keeps the row: its results still match a target
    keep = first & unit_ok & ind_ok
    final = periods["period_id"].iloc[-1] if periods is not None else ""
    due = frame["due"].where(is_task & (frame["due"] != ""), final).where(is_task, None)
    period_index = dict(zip(period_ids, range(len(period_ids))))
    targets = pd.DataFrame({
        "unit_id": frame["unit_id"], "indicator_id": frame["indicator_id"],
        "target": target.where(~is_task), "weight": weight.fillna(1.0),
        "due": due, "due_index": due.map(period_index).astype(float),
        "product": frame["product"], "note": frame["note"],
    })
    return targets[keep].reset_index(drop=True)


def check_results(raw, units, indicators, periods, targets, number_format, problems,
                  limits: Limits, files: dict[str, str]) -> pd.DataFrame:
    """results.csv: rows that match a target, one per period, values or task statuses."""
    frame = raw.frame
    fmt = file_format(number_format, raw.delimiter)
    check_id_column(raw, "unit_id", problems)
    check_id_column(raw, "indicator_id", problems)
    check_id_column(raw, "period", problems)
    first = check_duplicates(raw, ["unit_id", "indicator_id", "period"], problems,
                             "Kết quả của đơn vị, chỉ tiêu, kỳ", "The (unit, indicator, period) row")
    unit_ok = check_reference(raw, "unit_id", units["unit_id"], problems, "đơn vị", files["units"])
    ind_ok = check_reference(raw, "indicator_id", indicators["indicator_id"], problems, "chỉ tiêu", files["indicators"])
    period_ids = periods["period_id"] if periods is not None else pd.Series([], dtype=object)
    period_ok = check_reference(raw, "period", period_ids, problems, "kỳ báo cáo", "year.yml (periods)")
    pairs = set(zip(targets["unit_id"], targets["indicator_id"]))
    has_target = pd.Series([p in pairs for p in zip(frame["unit_id"], frame["indicator_id"])], index=frame.index, dtype=bool)
    no_target = ~has_target & unit_ok & ind_ok & (frame["unit_id"] != "") & (frame["indicator_id"] != "")
    for row, unit, indicator in zip(frame.loc[no_target, ROW], frame.loc[no_target, "unit_id"],
                                    frame.loc[no_target, "indicator_id"]):
        problems.error(raw.path, row, "unit_id, indicator_id", f"{unit}, {indicator}",
                       f"Kết quả không khớp chỉ tiêu nào đã giao cho đơn vị này trong {files['targets']}.",
                       f"The result matches no target of this unit in {files['targets']}.",
                       f"Thêm dòng chỉ tiêu vào {files['targets']}, hoặc sửa unit_id/indicator_id.",
                       f"Add the target to {files['targets']} or fix the ids.")
    kind = frame["indicator_id"].map(dict(zip(indicators["indicator_id"], indicators["kind"]))).fillna("")
    is_task = kind == "task"
    value = read_number_column(raw, "value", fmt, kind == "rate", problems, kind == "count")
    value = check_magnitude(raw, "value", value, limits, problems)
    warn_grouped_text(raw, "value", kind.isin(["rate", "amount"]) & value.notna(), value, problems)
    report_not_whole(raw, "value", (kind == "count") & (value % 1 != 0) & value.notna(), fmt, problems)
    negative = (kind == "count") & (value < 0)
    for row, text in zip(frame.loc[negative, ROW], frame.loc[negative, "value"]):
        problems.error(raw.path, row, "value", text, "Số lượng không được âm.", "A count cannot be negative.",
                       "Nhập số từ 0 trở lên.", "Enter 0 or more.")
    status = frame["status"].str.lower()
    bad_status = is_task & ~status.isin(schema.TASK_STATUSES) & (status != "")
    for row, text in zip(frame.loc[bad_status, ROW], frame.loc[bad_status, "status"]):
        problems.error(raw.path, row, "status", text, "Trạng thái nhiệm vụ không hợp lệ.",
                       "Unknown task status.", "Dùng done (hoàn thành), in_progress (đang thực hiện) hoặc not_started (chưa thực hiện).",
                       "Use done, in_progress or not_started.")
    for row, text in zip(frame.loc[is_task & (frame["value"] != ""), ROW], frame.loc[is_task & (frame["value"] != ""), "value"]):
        problems.warn(raw.path, row, "value", text, "Nhiệm vụ không có value; giá trị bị bỏ qua.",
                      "A task has no value; ignored.", "Dùng cột status.", "Use the status column.")
    for row, text in zip(frame.loc[~is_task & (kind != "") & (status != ""), ROW], frame.loc[~is_task & (kind != "") & (status != ""), "status"]):
        problems.warn(raw.path, row, "status", text, "status chỉ dùng cho nhiệm vụ; giá trị bị bỏ qua.",
                      "status applies to tasks only; ignored.")
    period_index = dict(zip(period_ids, range(len(period_ids))))
    results = pd.DataFrame({
        "unit_id": frame["unit_id"], "indicator_id": frame["indicator_id"], "period": frame["period"],
        "period_index": frame["period"].map(period_index),
        "value": value.where(~is_task), "status": status.where(is_task & ~bad_status, None),
        "evidence": frame["evidence"], "note": frame["note"], "row": frame[ROW],
    })
    reported = (is_task & results["status"].notna()) | (~is_task & results["value"].notna())
    keep = first & unit_ok & ind_ok & period_ok & (frame["period"] != "") & has_target & reported
    results = results[keep].reset_index(drop=True)
    results["period_index"] = results["period_index"].astype(int)
    return results


def check_decided(raw: RawTable | None, units, problems, files: dict[str, str]) -> pd.DataFrame:
    """ratings.csv (optional): one decided rating per unit, from the vocabulary, with a reason."""
    columns = ["unit_id", "rating", "reason"]
    if raw is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame = raw.frame
    check_id_column(raw, "unit_id", problems)
    first = check_duplicates(raw, ["unit_id"], problems, "Xếp loại của đơn vị", "The unit's rating")
    unit_ok = check_reference(raw, "unit_id", units["unit_id"], problems, "đơn vị", files["units"])
    rating = check_choice(raw, "rating", schema.RATINGS, problems, required=True)
    for row in frame.loc[frame["reason"] == "", ROW]:
        problems.warn(raw.path, row, "reason", "", "Thiếu lý do của mức xếp loại được quyết định.",
                      "The decided rating has no reason.", "Ghi lý do để người đọc hiểu.", "State the reason.")
    decided = pd.DataFrame({"unit_id": frame["unit_id"], "rating": rating, "reason": frame["reason"]})
    return decided[first & unit_ok & (rating != "")].reset_index(drop=True)


# --- officials.csv ----------------------------------------------------------------

ISO_DATE = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
VI_DATE = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
ROW_SPAN = 10**7  # rows of a table stay below this: (day, row) pairs are packed into one integer


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Cells written yyyy-mm-dd or dd/mm/yyyy as dates (NaT where empty or unreadable);
    also the masks of cells in neither form and of cells in a form but not a real date."""
    iso, vi = fullmatch(values, ISO_DATE), fullmatch(values, VI_DATE)
    dates = pd.to_datetime(values.where(iso), format="%Y-%m-%d", errors="coerce")
    dates = dates.fillna(pd.to_datetime(values.where(vi), format="%d/%m/%Y", errors="coerce"))
    unreadable = ~iso & ~vi & (values != "")
    impossible = (iso | vi) & dates.isna()
    return dates, unreadable, impossible


def check_official_dates(raw: RawTable, column: str, year: int, problems: Problems) -> pd.Series:
    """A `from` or `to` column: dates as written by the contract, inside the folder's year."""
    frame = raw.frame
    dates, unreadable, impossible = parse_dates(frame[column])
    for row, value in zip(frame.loc[unreadable, ROW], frame.loc[unreadable, column]):
        problems.error(raw.path, row, column, value, "Không đọc được ngày.", "Not a date.",
                       f"Viết ngày dạng {year}-07-15 hoặc 15/07/{year}; để trống nếu là mặc định.",
                       f"Write it as {year}-07-15 or 15/07/{year}; leave it empty for the default.")
    for row, value in zip(frame.loc[impossible, ROW], frame.loc[impossible, column]):
        problems.error(raw.path, row, column, value, "Ngày không có thật (ngày hoặc tháng vượt quá giới hạn).",
                       "The date does not exist.", "Sửa thành một ngày có thật (tháng 2 có 28 hoặc 29 ngày).",
                       "Write a real date.")
    outside = dates.notna() & (dates.dt.year != year)
    for row, value in zip(frame.loc[outside, ROW], frame.loc[outside, column]):
        problems.error(raw.path, row, column, value, f"Ngày không thuộc năm {year}.",
                       f"The date is outside {year}.",
                       f"Mỗi năm ghi thời gian giữ chức vụ trong năm đó: từ 01/01/{year} đến 31/12/{year}; "
                       f"thời gian ở năm khác ghi vào {raw.file_name} của năm đó.",
                       f"Give the dates within the folder's year; other years go in their own {raw.file_name}.")
    return dates.where(~outside)


def check_officials(raw: RawTable | None, units: pd.DataFrame, periods: pd.DataFrame | None, year: int,
                    problems: Problems, files: dict[str, str]) -> pd.DataFrame | None:
    """officials.csv (optional): who answers for which unit, in which post, from when to when.

    Returns official_id, name, unit_id, title, from, to (dates with the defaults filled in), row;
    None when the year has no officials.csv.
    """
    if raw is None:
        return None
    frame = raw.frame
    id_ok = check_id_column(raw, "official_id", problems)
    check_id_column(raw, "unit_id", problems)
    unit_ok = check_reference(raw, "unit_id", units["unit_id"], problems, "đơn vị", files["units"])
    check_required_text(raw, "name", problems)
    check_required_text(raw, "title", problems)
    start = check_official_dates(raw, "from", year, problems)
    end = check_official_dates(raw, "to", year, problems)
    last_day = pd.Timestamp(periods["end"].iloc[-1]) if periods is not None else pd.Timestamp(year, 12, 31)
    start = start.where(frame["from"] != "", pd.Timestamp(year, 1, 1))
    end = end.where(frame["to"] != "", last_day)
    reversed_dates = start.notna() & end.notna() & (start > end)
    for row, value, until, default in zip(frame.loc[reversed_dates, ROW], frame.loc[reversed_dates, "from"],
                                          end[reversed_dates], frame.loc[reversed_dates, "to"] == ""):
        # `from` is never empty here: its default, 1 January, is before any date of the year
        what = "ngày kết thúc kỳ cuối năm, mặc định của to" if default else "ngày kết thúc (to)"
        problems.error(raw.path, row, "from", value,
                       f"Ngày bắt đầu (from) sau {what} {until:%d/%m/%Y}.", "from is after to.",
                       "Kiểm tra hai ngày: có thể đã đảo ngày và tháng (dd/mm/yyyy), hoặc ghi nhầm năm.",
                       "Check both dates: day and month may be swapped, or the year mistyped.")
    posts = pd.DataFrame({
        "official_id": frame["official_id"], "name": frame["name"], "unit_id": frame["unit_id"],
        "title": frame["title"], "from": start, "to": end, "row": frame[ROW],
    })
    check_official_names(raw, problems)
    usable = id_ok & unit_ok & (frame["unit_id"] != "") & start.notna() & end.notna() & ~reversed_dates
    check_overlapping_posts(raw, posts[usable], problems)
    return posts[usable].reset_index(drop=True)


def check_official_names(raw: RawTable, problems: Problems) -> None:
    """One official_id is one person: the same name on every row of the year."""
    frame = raw.frame[raw.frame["official_id"] != ""]
    first = frame.groupby("official_id", sort=False)[["name", ROW]].transform("first")
    other = frame["name"] != first["name"]
    for row, official, name, first_name, first_row in zip(
            frame.loc[other, ROW], frame.loc[other, "official_id"], frame.loc[other, "name"],
            first.loc[other, "name"], first.loc[other, ROW]):
        problems.error(raw.path, row, "name", name,
                       f"Mã cán bộ {official} đã ghi tên khác ở dòng {first_row}: \"{first_name}\".",
                       f"The official_id {official} has another name on row {first_row}.",
                       "Một mã là một người: sửa tên cho thống nhất, hoặc dùng mã khác nếu là hai người.",
                       "One id is one person: make the names agree, or give the other person another id.")


def check_overlapping_posts(raw: RawTable, posts: pd.DataFrame, problems: Problems) -> None:
    """The same official in the same post of the same unit twice at once is one post written twice."""
    keys = ["official_id", "unit_id", "title"]
    ordered = posts.sort_values(keys + ["from", "row"], kind="stable")
    # The latest end so far in each (official, unit, title), with the row it comes from: one integer each.
    packed = (ordered["to"].to_numpy().astype("datetime64[D]").astype("int64") * ROW_SPAN
              + ordered["row"].to_numpy().astype("int64"))
    packed = pd.Series(packed, index=ordered.index)
    groups = [ordered[k] for k in keys]
    before = packed.groupby(groups).cummax().groupby(groups).shift()
    start_day = ordered["from"].to_numpy().astype("datetime64[D]").astype("int64")
    overlap = before.notna() & (start_day <= before.fillna(-1) // ROW_SPAN)
    for row, value, other in zip(ordered.loc[overlap, "row"], ordered.loc[overlap, "title"],
                                 (before[overlap] % ROW_SPAN).astype(int)):
        problems.error(raw.path, row, "official_id, unit_id, title", value,
                       f"Cùng cán bộ, cùng đơn vị, cùng chức vụ, thời gian trùng với dòng {other}.",
                       f"The same official, unit and post overlaps row {other} in time.",
                       "Gộp hai dòng thành một, hoặc sửa from/to để hai khoảng thời gian không chồng lên nhau.",
                       "Merge the two rows, or fix from/to so the periods do not overlap.")
