"""Render without disk: which pages exist, what they say, and that data text never becomes markup."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import REGENERATE_FLAG, regenerate
from scorecard import labels
from scorecard.charts import script_json
from scorecard.pipeline import load_reports, year_folders
from scorecard.render import render_year
from site_fixture import example_dir

HOSTILE_NAME = "</script><script>alert(1)</script>"
HOSTILE_HEAD = "<img src=x onerror=alert(1)>"
MARKDOWN_NAME = "A | B *C* [x](javascript:alert(1)) {: onclick=alert(1)}"


def example_report(tmp_path, edit=None):
    """The contract's example year, optionally edited, loaded and computed."""
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    if edit:
        edit(data / "2030")
    [report] = load_reports(year_folders(data), progress=lambda message: None)
    return report


def rename_units(folder):
    """Give units hostile names and heads (the CSV quoting keeps commas and quotes intact)."""
    path = folder / "units.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["name"], rows[0]["head"] = HOSTILE_NAME, HOSTILE_HEAD
    rows[1]["name"] = MARKDOWN_NAME
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def to_html(page: str) -> str:
    """The page body as mkdocs turns it into HTML (front matter removed)."""
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=["tables", "attr_list", "toc"])


def test_every_page_type_is_rendered(tmp_path):
    report = example_report(tmp_path)
    pages = render_year(report)
    units = set(report.year.units["unit_id"])
    markdown = {p for p in pages if p.endswith(".md")}  # beside them, their charts' CSV (tests/test_trends.py)
    assert {p for p in markdown if p.startswith("don-vi/")} == {f"don-vi/{u}.md" for u in units}
    assert {p for p in markdown if p.startswith("nhom/")} == {"nhom/huyen.md", "nhom/ban.md", "nhom/co-so.md"}
    assert {p for p in markdown if p.startswith("chi-tieu/")} == {
        f"chi-tieu/{i}.md" for i in ("ket-nap", "ho-ngheo", "vi-pham", "de-an")}
    assert {"index.md", "du-lieu.md", "tim-kiem.md", "export/results.csv", "export/summary.json",
            "assets/search-index.js", "assets/chart-designs.js"} <= set(pages)


def test_every_status_has_its_symbol_in_the_stylesheet():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "assets" / "site.css").read_text(encoding="utf-8")
    for key, mark in labels.STATUS_MARK.items():
        assert f'.st-{key}::before {{ content: "{mark} " / ""; }}' in css, key


def test_search_index_folds_diacritics_and_lists_every_unit(tmp_path):
    import json

    report = example_report(tmp_path)
    script = render_year(report)["assets/search-index.js"]
    entries = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    units = {e["i"]: e for e in entries if e["u"].startswith("don-vi/")}
    assert set(units) == set(report.year.units["unit_id"])
    assert units["xa-a1"]["n"] == "dang bo xa a1"  # Đảng bộ xã A1, folded as the browser folds queries
    assert units["huyen-a"]["f"].startswith("huyen uy a huyen a")


def summary_cards(page: str) -> dict[str, str]:
    """The summary's headline cards as text, by the indicator they link to."""
    cards = re.findall(r'<div class="sc-card sc-card-st-(\w+)">(.*?)</div>', page, re.S)
    text = lambda html: " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return {re.search(r'href="chi-tieu/([\w-]+)\.html"', body).group(1): f"{status}: {text(body)}"
            for status, body in cards}


def test_summary_states_totals_the_vietnamese_way(tmp_path):
    page = render_year(example_report(tmp_path))["index.md"]
    cards = summary_cards(page)
    assert cards["ket-nap"] == ("exceeded: Kết nạp đảng viên mới 183 / 180 đảng viên "
                                "Vượt chỉ tiêu nhiều hơn 3 đảng viên 2/2 đơn vị đạt chỉ tiêu, 100%")
    # vi-pham: lower is better, one case against none. A failure, in its word, symbol and colour: never "vượt".
    assert cards["vi-pham"] == ("not_met: Vi phạm kỷ luật 1 / 0 vụ Không đạt nhiều hơn mức tối đa 1 vụ "
                                "(càng thấp càng tốt) 0/1 đơn vị đạt chỉ tiêu, 0%")
    assert '<span class="badge st-not_met">Không đạt</span>' in page
    assert "Dữ liệu mẫu" in page  # the example year is marked sample: true


def test_unit_page_shows_values_per_period_status_and_rolled_up_marks(tmp_path):
    page = render_year(example_report(tmp_path))["don-vi/huyen-a.md"]
    html = to_html(page)
    assert "Bí thư Nguyễn Văn A" in html
    assert "108,7%" in html  # score 1.0867
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert html.count('title="Cộng từ các đơn vị trực thuộc">Σ</abbr>') == 4  # ket-nap rolled up at 4 periods
    assert "1,9%" in html and "1,5%" in html  # the poverty rate, Vietnamese decimals
    assert "Đảng bộ xã A1" in html  # sub-units listed


def test_task_page_shows_overdue_and_evidence(tmp_path):
    html = to_html(render_year(example_report(tmp_path))["don-vi/huyen-b.md"])
    assert "Quá hạn" in html and "Quyết định 12" in html and "Đề án được phê duyệt" in html


@pytest.mark.parametrize("text", [HOSTILE_NAME, HOSTILE_HEAD])
def test_hostile_text_is_inert_on_every_page(tmp_path, text):
    pages = render_year(example_report(tmp_path, rename_units))
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        html = to_html(page)
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert "onerror=alert(1)>" not in html.replace("&#61;", "="), path
        for script in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
            assert "<" not in script, path  # JSON inside <script> cannot close it


def test_hostile_text_is_shown_literally(tmp_path):
    pages = render_year(example_report(tmp_path, rename_units))
    html = to_html(pages["don-vi/huyen-a.md"])
    shown = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), html)
    assert HOSTILE_NAME in shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    front = pages["don-vi/huyen-a.md"].split("---\n")[1]
    assert "<" not in front  # the title mkdocs prints unescaped is escaped already


def test_markdown_characters_do_not_become_formatting(tmp_path):
    pages = render_year(example_report(tmp_path, rename_units))
    html = to_html(pages["don-vi/huyen-b.md"])
    assert "<em>" not in html and "javascript:" not in html.split("<h1")[1].split("</h1>")[0].replace("&#58;", "")
    assert 'href="javascript' not in html
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), heading) == MARKDOWN_NAME


def test_group_table_keeps_its_columns_with_a_pipe_in_a_name(tmp_path):
    pages = render_year(example_report(tmp_path, rename_units))
    html = to_html(pages["nhom/huyen.md"])
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]:
        assert row.count("<td") == 6


def test_script_json_escapes_what_could_close_the_element():
    text = script_json({"label": HOSTILE_NAME + " & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text


@pytest.mark.parametrize("value, kind, expected", [
    (1804, "count", "1.804"), (1234567.891, "amount", "1.234.567,89"), (8.5, "rate", "8,5"),
    (None, "count", "–"), (float("nan"), "amount", "–"),
])
def test_numbers_are_written_the_vietnamese_way(value, kind, expected):
    assert labels.number(value, kind) == expected


def test_percent_share_and_date_formats():
    import datetime as dt

    assert labels.percent(1.037) == "103,7%"
    assert labels.share(1.0) == "100%"
    assert labels.share(2 / 3) == "66,7%"
    assert labels.date(dt.date(2022, 1, 12)) == "12/01/2022"


def test_compiled_chart_designs_are_what_the_compiler_gives_for_the_current_designs():
    """chart_designs.vega.json is vl-convert's output for today's Altair designs: never stale."""
    from scorecard import chart_designs, charts

    if regenerate():
        chart_designs.write_compiled()
    stored = json.loads(charts.COMPILED.read_text(encoding="utf-8"))
    assert stored == chart_designs.compile_designs(), f"run: {REGENERATE_FLAG}=1 python -m pytest tests/test_render.py"
    assert sorted(charts.compiled_designs()) == sorted(chart_designs.DESIGNS)
    for name, vega in charts.compiled_designs().items():  # the page's rows go into the dataset named ROWS
        assert [d for d in vega["data"] if d["name"] == charts.ROWS and "source" not in d], name
        assert "$schema" not in vega and "http" not in json.dumps(vega), name


def test_a_build_does_not_import_altair():
    """Builds use the compiled designs: Altair's import (about half a second) is left to development."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from scorecard.pipeline import load_reports, year_folders; "
            "from scorecard.render import render_year; "
            "[render_year(r) for r in load_reports(year_folders(Path('data')), progress=lambda m: None)]; "
            "print('altair' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False", out.stderr
