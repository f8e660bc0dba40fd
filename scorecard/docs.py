"""Reference tables of the docs, derived from what the code declares: docs/du-lieu.md (the data reference,
from schema.py) and the limits table of docs/khi-co-loi.md (from limits.py)."""

from __future__ import annotations

from . import limits, schema

START, END = "<!-- reference:start (python -m scorecard.docs) -->", "<!-- reference:end -->"
LIMITS_START, LIMITS_END = "<!-- limits:start (python -m scorecard.docs) -->", "<!-- limits:end -->"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def yaml_value(value) -> str:
    """A default as it is written in year.yml."""
    return {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def default_text(setting: schema.Setting) -> str:
    """A setting's default as the table shows it; one per rating method where it depends on the method."""
    if isinstance(setting.default, dict):
        given = [f"`{yaml_value(v)}` ({method})" for method, v in setting.default.items() if v is not None]
        return ", ".join(given) or "–"
    if setting.default is None:
        return "(bắt buộc)" if "Bắt buộc" in setting.help else "–"
    return f"`{yaml_value(setting.default)}`"


def settings_table() -> str:
    """year.yml keys: name, default, what it does."""
    rows = ["| khóa (key) | mặc định | ý nghĩa |", "| --- | --- | --- |"]
    for s in schema.SETTINGS:
        rows.append(f"| `{s.name}` | {default_text(s)} | {cell(s.help)} |")
    return "\n".join(rows)


def required_text(column: schema.Column) -> str:
    """The reference's "bắt buộc" cell: có, không, or the column always there and its cell filled for some rows."""
    if column.required_for:
        return f"cột: có; ô: {column.requirement.removeprefix('bắt buộc ')}"
    return "có" if column.required else "không"


def table_section(table: schema.Table) -> str:
    """One input file: its columns, whether required, and what they hold."""
    optional = "" if table.required else " (tệp không bắt buộc)"
    rows = [f"#### `{table.file}`{optional}", "", table.help, "",
            "| cột (column) | bắt buộc | ý nghĩa |", "| --- | --- | --- |"]
    for c in table.columns:
        choices = f" Giá trị: {', '.join(f'`{x}`' for x in c.choices)}." if c.choices else ""
        rows.append(f"| `{c.name}` | {required_text(c)} | {cell(c.help)}{choices} |")
    return "\n".join(rows)


def reference() -> str:
    """The whole generated block of the data reference."""
    parts = [START, "", "#### `year.yml`", "", settings_table(), ""]
    for table in schema.TABLES:
        parts += [table_section(table), ""]
    parts.append(END)
    return "\n".join(parts)


def updated_reference(page: str) -> str:
    """The data reference page with its generated block replaced by the current one."""
    start, end = page.index(START), page.index(END) + len(END)
    return page[:start] + reference() + page[end:]


def limits_table() -> str:
    """Every limit of the input (scorecard/limits.py): its name as messages give it, default and meaning."""
    rows = [LIMITS_START, "", "| giới hạn (limit) | mặc định | áp dụng cho |", "| --- | ---: | --- |"]
    for limit in limits.LIMITS:
        value = limits.shown(limits.DEFAULT, limit.name)
        unit = f" {limit.unit}" if limit.unit else ""
        option = f" Đổi bằng `{limit.option}`." if limit.option else ""
        rows.append(f"| `{limit.name}` | {value}{unit} | {cell(limit.what)}{option} |")
    return "\n".join(rows + ["", LIMITS_END])


def updated_limits(page: str) -> str:
    """The troubleshooting page (docs/khi-co-loi.md) with its limits block replaced by the current one."""
    start, end = page.index(LIMITS_START), page.index(LIMITS_END) + len(LIMITS_END)
    return page[:start] + limits_table() + page[end:]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if "--write" in sys.argv:  # python -m scorecard.docs --write: refresh docs/du-lieu.md and docs/khi-co-loi.md
        docs = Path(__file__).resolve().parent.parent / "docs"
        for name, update in (("du-lieu.md", updated_reference), ("khi-co-loi.md", updated_limits)):
            (docs / name).write_text(update((docs / name).read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(reference())
        print(limits_table())
