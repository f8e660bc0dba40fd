"""A bulletin draft for a period (python generate.py draft YEAR --period ID), for its author to edit.

Every figure in the draft is an expression (`{{ total(...) }}`, `{{ result(...) }}`),
so the published bulletin always shows what the data says. Names and ranks are
written out as text. Nothing is written here: publish.write_new_file() does it.
"""

from __future__ import annotations

import re

import pandas as pd

from .model import Report
from .bulletins import FOLDER, placeholder

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
    span = "" if final else f"đến hết kỳ {name}"
    span = span and span + " "
    out = [
        "---",
        f"title: {yaml_text(f'Kết quả thực hiện nhiệm vụ bằng sản phẩm {span}năm {year.year}')}",
        f"number: {yaml_text(placeholder('number'))}",
        f"date: {year.updated.isoformat() if index == year.current_index else year.periods.set_index('period_id').loc[period, 'end'].isoformat()}",
        f"signer: {yaml_text(placeholder('signer'))}",
        f"signer_title: {yaml_text(placeholder('signer_title'))}",
        f"place: {yaml_text(placeholder('place'))}",
        "---",
        "{# Bản nháp do python generate.py draft tạo từ dữ liệu. Điền mọi chỗ ghi \"cần điền\" ở trên (bản tin",
        "   còn chỗ nào chưa điền thì không được công bố). Sửa lời văn tùy ý; giữ các biểu thức {{ ... }} để",
        "   số liệu luôn khớp với dữ liệu. Dòng --- riêng một dòng là ngắt trang khi in. #}",
        "",
        f"Bản tin tổng hợp kết quả thực hiện nhiệm vụ bằng sản phẩm của các đơn vị "
        f"{'trong cả năm' if final else 'đến hết kỳ ' + text(name)} {year.year}.",
        "",
    ]
    out += headline_section(report, indicators)
    met = lines[lines["status"].isin(["exceeded", "met"])].sort_values(["completion", "unit_id"],
                                                                        ascending=[False, True])
    out += line_section("Đơn vị hoàn thành, vượt chỉ tiêu", met, names, indicators,
                        "Chưa có đơn vị nào đạt chỉ tiêu ở kỳ này.")
    behind = lines[lines["status"].isin(["behind", "not_met"])].sort_values(["completion", "unit_id"])
    out += line_section("Đơn vị chậm tiến độ, chưa đạt", behind, names, indicators,
                        "Không có đơn vị nào chậm tiến độ ở kỳ này.")
    out += task_section("Nhiệm vụ đã hoàn thành", lines[lines["status"] == "done"], names, indicators,
                        "Chưa có nhiệm vụ nào hoàn thành.")
    out += task_section("Nhiệm vụ quá hạn", lines[lines["status"] == "overdue"], names, indicators,
                        "Không có nhiệm vụ nào quá hạn.")
    out += rank_section(report, period, names)
    return "\n".join(out).rstrip("\n") + "\n"


def headline_section(report: Report, indicators: pd.DataFrame) -> list[str]:
    """The province totals of every sum indicator."""
    if report.totals.empty:
        return []
    out = ["## Kết quả các chỉ tiêu chung", ""]
    for indicator_id in report.totals["indicator_id"]:
        ind = indicators.loc[indicator_id]
        measure = f" {text(ind['measure'])}" if isinstance(ind["measure"], str) and ind["measure"] else ""
        out.append(f'- {text(ind["name"])}: {{{{ total("{indicator_id}", "value_total") }}}}{measure} '
                   f'trên chỉ tiêu {{{{ total("{indicator_id}", "target_total") }}}} '
                   f'(chênh lệch {{{{ total("{indicator_id}", "difference") }}}}); '
                   f'{{{{ total("{indicator_id}", "units_met") }}}}/{{{{ total("{indicator_id}", "units_total") }}}} '
                   "đơn vị đạt.")
    return out + [""]


def line_section(title: str, rows: pd.DataFrame, names: dict, indicators: pd.DataFrame, empty: str) -> list[str]:
    """Targets of units as a list, each with its cited value, target, completion and status."""
    rows = rows[rows["indicator_id"].map(indicators["kind"]) != "task"]
    out = [f"## {title}", ""]
    if rows.empty:
        return out + [empty, ""]
    for unit_id, indicator_id in zip(rows["unit_id"][:LIST_LIMIT], rows["indicator_id"][:LIST_LIMIT]):
        cite = f'"{unit_id}", "{indicator_id}"'
        out.append(f"- {text(names[unit_id])}, {text(indicators.loc[indicator_id, 'name']).lower()}: "
                   f"{{{{ result({cite}, \"value\") }}}}/{{{{ result({cite}, \"target\") }}}} "
                   f"({{{{ result({cite}, \"completion\") }}}}, {{{{ result({cite}, \"status\") }}}}).")
    if len(rows) > LIST_LIMIT:
        out.append(f"- Và {len(rows) - LIST_LIMIT} chỉ tiêu khác (xem trang chỉ tiêu).")
    return out + [""]


def task_section(title: str, rows: pd.DataFrame, names: dict, indicators: pd.DataFrame, empty: str) -> list[str]:
    """Tasks of units as a list, with the product delivered where the data names it."""
    out = [f"## {title}", ""]
    if rows.empty:
        return out + [empty, ""]
    rows = rows.sort_values(["unit_id", "indicator_id"])
    for row in rows.head(LIST_LIMIT).itertuples():
        product = f" Sản phẩm: {text(row.evidence)}." if isinstance(row.evidence, str) and row.evidence else ""
        out.append(f"- {text(names[row.unit_id])}: {text(indicators.loc[row.indicator_id, 'name'])} "
                   f'({{{{ result("{row.unit_id}", "{row.indicator_id}", "status") }}}}).{product}')
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
