"""A bulletin draft for a period (python generate.py draft YEAR --period ID), for its author to edit.

Every figure in the draft is an expression (`{{ total(...) }}`, `{{ result(...) }}`),
so the published bulletin always shows what the data says. Names and ranks are
written out as text. Nothing is written here: publish.write_new_file() does it.
"""

from __future__ import annotations

import re

import pandas as pd

from .bulletin_output import heading_kind
from .bulletins import FOLDER, placeholder
from .model import Report
from .phrases import period_in_prose

LIST_LIMIT = 15  # a draft lists at most this many entries per section; the author can add more
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")


def text(value) -> str:
    """Data text as literal Markdown that jinja2 never reads as template code, whatever it holds: braces
    become HTML character references (&#123; shows as {), so no `{{`, `{%` or `{#` is left to open a tag,
    and no raw block is needed that an `{% endraw %}` in the data could close."""
    shown = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    return shown.replace("&", "&amp;").replace("{", "&#123;").replace("}", "&#125;")


def yaml_text(value: str) -> str:
    """A double-quoted YAML string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def period_ranks(report: Report, period: str) -> pd.Series:
    """Each unit's rank in its group by its score at a period (the ranking rule of compute.rank_in_group)."""
    scores = report.scores[report.scores["period"] == period].merge(
        report.year.units[["unit_id", "group_id"]], on="unit_id")
    ranks = scores["score"].round(12).groupby(scores["group_id"]).rank(method="min", ascending=False)
    return pd.Series(ranks.to_numpy(), index=scores["unit_id"]).dropna()


def draft_bulletin(report: Report, period: str) -> str:
    """The Markdown of a bulletin draft for a period of a computed year."""
    year = report.year
    index = year.period_index[period]
    name = year.period_name(period)
    names = dict(zip(year.units["unit_id"], year.units["name"]))
    indicators = year.indicators.set_index("indicator_id")
    lines = report.lines[report.lines["period_index"] == index]
    final = period == year.final_period
    when = period_in_prose(name, year.year)  # "6 tháng đầu năm 2021", "cả năm 2021"
    span = when if final else f"đến hết {when}"
    kind = heading_kind("", year.organisation)
    out = [
        "---",
        f"title: {yaml_text(f'Kết quả thực hiện nhiệm vụ bằng sản phẩm {span}')}",
        f"number: {yaml_text(placeholder('number'))}",
        f"date: {year.updated.isoformat() if index == year.current_index else year.periods.set_index('period_id').loc[period, 'end'].isoformat()}",
        f"signer: {yaml_text(placeholder('signer'))}",
        f"signer_title: {yaml_text(placeholder('signer_title'))}",
        f"place: {yaml_text(placeholder('place'))}",
        f"heading: {kind}  # dang: văn bản của cơ quan Đảng (ĐẢNG CỘNG SẢN VIỆT NAM); nha-nuoc: Quốc hiệu, Tiêu ngữ",
        "recipients:  # Nơi nhận: thêm mỗi nơi một dòng bắt đầu bằng -, trước dòng Lưu VT.",
        '  - "Lưu VT."',
        "---",
        "{# Bản nháp do python generate.py draft tạo từ dữ liệu. Điền mọi chỗ ghi \"cần điền\" ở trên (bản tin",
        "   còn chỗ nào chưa điền thì không được công bố). Sửa lời văn tùy ý; giữ các biểu thức {{ ... }} để",
        "   số liệu luôn khớp với dữ liệu. Dòng --- riêng một dòng là ngắt trang khi in. #}",
        "",
        f"Bản tin tổng hợp kết quả thực hiện nhiệm vụ bằng sản phẩm của các đơn vị "
        f"{text(span)}.",
        "",
    ]
    out += headline_section(report, indicators, final)
    met = lines[lines["status"].isin(["exceeded", "met"])].sort_values(["completion", "unit_id"],
                                                                        ascending=[False, True])
    out += line_section("Đơn vị đạt, vượt chỉ tiêu" if final else "Đơn vị đã đạt, vượt chỉ tiêu cả năm", met, names,
                        indicators, "Chưa có đơn vị nào đạt chỉ tiêu ở kỳ này.")
    behind = lines[lines["status"].isin(["behind", "not_met"])].sort_values(["completion", "unit_id"])
    out += line_section("Đơn vị chưa đạt chỉ tiêu" if final else "Đơn vị chậm tiến độ", behind, names, indicators,
                        "Không có đơn vị nào chưa đạt chỉ tiêu." if final
                        else "Không có đơn vị nào chậm tiến độ ở kỳ này.")
    out += task_section("Nhiệm vụ đã hoàn thành", lines[lines["status"] == "done"], names, indicators,
                        "Chưa có nhiệm vụ nào hoàn thành.", "status")
    out += task_section("Nhiệm vụ quá hạn", lines[lines["status"] == "overdue"], names, indicators,
                        "Không có nhiệm vụ nào quá hạn.", "assessment")
    out += rank_section(report, period, names)
    return "\n".join(out).rstrip("\n") + "\n"


def measure_after(ind) -> str:
    """The measure written after a cited number (" đảng viên"); none for a rate in %, which carries its sign."""
    measure = ind["measure"] if isinstance(ind["measure"], str) else ""
    return f" {text(measure)}" if measure.strip() not in ("", "%") else ""


def headline_section(report: Report, indicators: pd.DataFrame, final: bool = True) -> list[str]:
    """The province totals of every sum indicator, each assessed in the words of its rule; during the year,
    against the year's target, with the units that already met it and those on track."""
    if report.totals.empty:
        return []
    out = ["## Kết quả các chỉ tiêu chung", ""]
    for indicator_id in report.totals["indicator_id"]:
        ind = indicators.loc[indicator_id]
        total = lambda field: f'{{{{ total("{indicator_id}", "{field}") }}}}'
        units = (f'{total("units_met")}/{total("units_total")} đơn vị đạt chỉ tiêu.' if final else
                 f'{total("units_met")}/{total("units_total")} đơn vị đã đạt chỉ tiêu cả năm, '
                 f'{total("units_on_track")} đơn vị đúng tiến độ.')
        out.append(f'- {text(ind["name"])}: {total("value_total")}{measure_after(ind)} trên chỉ tiêu'
                   f'{"" if final else " năm"} {total("target_total")}, {total("assessment")}; {units}')
    return out + [""]


def line_section(title: str, rows: pd.DataFrame, names: dict, indicators: pd.DataFrame, empty: str) -> list[str]:
    """Targets of units as a list, each with its cited value, target, completion and status."""
    rows = rows[rows["indicator_id"].map(indicators["kind"]) != "task"]
    out = [f"## {title}", ""]
    if rows.empty:
        return out + [empty, ""]
    for unit_id, indicator_id in zip(rows["unit_id"][:LIST_LIMIT], rows["indicator_id"][:LIST_LIMIT]):
        cite = lambda field: f'{{{{ result("{unit_id}", "{indicator_id}", "{field}") }}}}'
        ind = indicators.loc[indicator_id]
        out.append(f"- {text(names[unit_id])}, {text(ind['name']).lower()}: "
                   f"{cite('value')}/{cite('target')}{measure_after(ind)} ({cite('completion')}), {cite('assessment')}.")
    if len(rows) > LIST_LIMIT:
        out.append(f"- Và {len(rows) - LIST_LIMIT} chỉ tiêu khác (xem trang chỉ tiêu).")
    return out + [""]


def task_section(title: str, rows: pd.DataFrame, names: dict, indicators: pd.DataFrame, empty: str,
                 field: str = "status") -> list[str]:
    """Tasks of units as a list, each with its status (or whole assessment, with its due date), and the product
    delivered where the data names it."""
    out = [f"## {title}", ""]
    if rows.empty:
        return out + [empty, ""]
    rows = rows.sort_values(["unit_id", "indicator_id"])
    for row in rows.head(LIST_LIMIT).itertuples():
        product = f" Sản phẩm: {text(row.evidence)}." if isinstance(row.evidence, str) and row.evidence else ""
        out.append(f"- {text(names[row.unit_id])}: {text(indicators.loc[row.indicator_id, 'name'])} "
                   f'({{{{ result("{row.unit_id}", "{row.indicator_id}", "{field}") }}}}).{product}')
    if len(rows) > LIST_LIMIT:
        out.append(f"- Và {len(rows) - LIST_LIMIT} nhiệm vụ khác.")
    return out + [""]


def rank_section(report: Report, period: str, names: dict) -> list[str]:
    """Units whose rank in their group changed since the previous period (ranks are written out)."""
    year = report.year
    out = ["## Thay đổi thứ hạng so với kỳ trước", ""]
    index = year.period_index[period]
    if index == 0:
        return out + ["Đây là kỳ đầu tiên của năm: chưa có thứ hạng kỳ trước để so sánh.", ""]
    previous = year.periods["period_id"].iloc[index - 1]
    now, before = period_ranks(report, period), period_ranks(report, previous)
    both = pd.DataFrame({"now": now, "before": before}).dropna()
    changed = both[both["now"] != both["before"]]
    changed = changed.assign(move=changed["before"] - changed["now"]).sort_values(
        ["move", "now"], ascending=[False, True], key=None)
    if changed.empty:
        return out + [f"Thứ hạng trong nhóm của các đơn vị không đổi so với kỳ {text(year.period_name(previous))}.", ""]
    for unit_id, row in changed.head(LIST_LIMIT).iterrows():
        way = "lên" if row["move"] > 0 else "xuống"
        out.append(f"- {text(names[unit_id])}: từ hạng {int(row['before'])} {way} hạng {int(row['now'])}.")
    if len(changed) > LIST_LIMIT:
        out.append(f"- Và {len(changed) - LIST_LIMIT} đơn vị khác đổi thứ hạng.")
    return out + [""]


def draft_path(folder, period: str):
    """Where the draft of a period goes: data/<year>/bulletins/<period>.md."""
    return folder / FOLDER / f"{period}.md"
