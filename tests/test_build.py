"""Whole builds through the command line: sample data, the contract's example (golden), failures."""

from __future__ import annotations

import collections
import csv
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REGENERATE_FLAG, regenerate
from scorecard.cli import main
from scorecard.engine import EngineError
from scorecard.pipeline import build, load_reports, year_folders
from scorecard.publish import PublishError
from scorecard.render import render_year
from site_fixture import SAMPLE_DATA, example_dir, tree_digest

GOLDEN = Path(__file__).resolve().parent / "golden"
OUTSIDE_URL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.I)




def unit_ids(year: str) -> list[str]:
    with open(SAMPLE_DATA / year / "units.csv", encoding="utf-8") as handle:
        return [row["unit_id"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("year", ["2021", "2022", "2025"])
def test_every_unit_group_and_indicator_has_its_page(sample_site, year):
    for unit_id in unit_ids(year):
        assert (sample_site / year / "don-vi" / f"{unit_id}.html").is_file(), unit_id
    for name, folder in (("groups.csv", "nhom"), ("indicators.csv", "chi-tieu")):
        with open(SAMPLE_DATA / year / name, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert (sample_site / year / folder / f"{next(iter(row.values()))}.html").is_file()


def test_2021_summary_shows_the_article_figures(sample_site):
    html = (sample_site / "2021" / "index.html").read_text(encoding="utf-8")
    assert "<strong>1.804</strong> / 1.740 đảng viên</p>" in html
    assert '<span class="badge st-exceeded">Vượt chỉ tiêu</span> nhiều hơn 64 đảng viên' in html
    assert "9/9 đơn vị đạt chỉ tiêu, 100%" in html
    assert "<strong>24</strong> / 19 tổ chức</p>" in html
    assert '<span class="badge st-exceeded">Vượt chỉ tiêu</span> nhiều hơn 5 tổ chức' in html
    assert 'href="export/results.xlsx"' in html and 'href="du-lieu.html"' in html  # the data: workbook, then files


def test_2021_summary_json_carries_the_article_figures(sample_site):
    summary = json.loads((sample_site / "2021" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["year"], summary["period"], summary["final"]) == (2021, "y", True)
    ket_nap = next(i for i in summary["indicators"] if i["indicator_id"] == "ket-nap")
    assert ket_nap == {"indicator_id": "ket-nap", "target_total": 1740, "value_total": 1804,
                       "difference": 64, "units_met": 9, "units_total": 9}
    assert {u["unit_id"] for u in summary["units"]} == set(unit_ids("2021"))
    decided = next(u for u in summary["units"] if u["unit_id"] == "so-xay-dung")
    assert decided["rating"] == "khong-hoan-thanh" and decided["rating_computed"] == "tot"


def test_2022_is_published_at_nine_months_without_ratings(sample_site):
    summary = json.loads((sample_site / "2022" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["period"], summary["final"]) == ("9m", False)
    assert all(u["rating"] is None and u["rating_computed"] is None for u in summary["units"])
    html = (sample_site / "2022" / "don-vi" / "yen-lac.html").read_text(encoding="utf-8")
    assert "đến hết kỳ <strong>9 tháng</strong> (30/09/2022)" in html


def html_text(path: Path) -> str:
    """A page's HTML with character references resolved (our escaping writes "(" as &#40;)."""
    return html.unescape(path.read_text(encoding="utf-8"))


def test_2025_after_the_reform_is_rated_by_qd366_and_says_why(sample_site):
    summary = json.loads((sample_site / "2025" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["period"], summary["final"]) == ("y", True)
    units = {u["unit_id"]: u for u in summary["units"]}
    assert "yen-lac" not in units and "xa-yen-lac" in units  # districts abolished: communes under the province
    assert units["xa-binh-xuyen"]["rating"] == "khong-hoan-thanh"  # 96,67 points, a target not met
    assert units["xa-yen-lac"]["rating"] == "hoan-thanh"  # one of five met late
    assert (units["so-cong-thuong"]["rating"], units["so-cong-thuong"]["rating_computed"]) == ("hoan-thanh", "tot")
    page = html_text(sample_site / "2025" / "don-vi" / "xa-binh-xuyen.html")
    assert ('<span class="badge rt-khong-hoan-thanh">Không hoàn thành nhiệm vụ</span><br>'
            '<span class="sc-why">96,67 điểm, nhưng 1 chỉ tiêu chưa đạt</span>') in page
    assert "Điều 11 Quy định 366-QĐ/TW" in page and "chưa đáp ứng" in page
    group = html_text(sample_site / "2025" / "nhom" / "so.html")
    assert 'href="#xl-so-cong-thuong"' in group and 'id="xl-so-cong-thuong"' in group
    assert "1/4 (25%) hoàn thành chậm so với hạn (quá 20%)" in group  # Sở Nội vụ
    assert "điều phân biệt" in group
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="2025/index.html">Năm 2025</a>' in html


def test_results_csv_is_utf8_with_bom_and_has_a_row_per_target_and_period(sample_site):
    raw = (sample_site / "2022" / "export" / "results.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    with open(SAMPLE_DATA / "2022" / "targets.csv", encoding="utf-8") as handle:
        targets = sum(1 for _ in csv.DictReader(handle))
    assert len(rows) == targets * 3  # q1, h1 and 9m
    assert {r["period"] for r in rows} == {"q1", "h1", "9m"}


def test_every_page_is_vietnamese_marks_sample_data_and_its_period(sample_site):
    pages = sorted((sample_site / "2021").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        if page.name == "404.html" or "assets" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        assert '<html lang="vi"' in html, page
        assert "Dữ liệu mẫu" in html, page
        assert "(31/12/2021)" in html, page


def test_nothing_in_the_site_points_outside_it(sample_site):
    offenders = []
    for path in sample_site.rglob("*"):
        if path.suffix in (".html", ".css", ".js", ".json", ".xml") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix in (".html", ".css") and OUTSIDE_URL.search(text):
                offenders.append(str(path.relative_to(sample_site)))
    assert offenders == []


def test_archive_front_page_lists_every_year_with_its_status(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="2022/index.html">Năm 2022</a>' in html
    assert '<a href="2021/index.html">Năm 2021</a>' in html
    assert html.index("Năm 2022") < html.index("Năm 2021")  # newest first
    assert "Đã có kết quả cả năm" in html
    assert "số liệu đến hết kỳ 9 tháng (30/09/2022)" in html


def test_contract_example_build_matches_golden_pages(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    for path in (data / "2030").iterdir():  # the pages show when the files last changed: pin it
        os.utime(path, (1926806400, 1926806400))  # 2031-01-20
    [report] = load_reports(year_folders(data), progress=lambda message: None)
    pages = {path: page for path, page in render_year(report).items()
             if isinstance(page, str)}  # results.xlsx (bytes): tests/test_workbooks.py
    golden = GOLDEN / "2030"
    if regenerate():
        shutil.rmtree(golden, ignore_errors=True)
        for relative, text in pages.items():
            (golden / relative).parent.mkdir(parents=True, exist_ok=True)
            (golden / relative).write_bytes(text.encode("utf-8"))
    expected = {str(p.relative_to(golden)): p.read_bytes().decode("utf-8")
                for p in golden.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected)
    for relative in pages:
        assert pages[relative] == expected[relative], f"{relative} differs from tests/golden ({REGENERATE_FLAG}=1)"


def test_same_input_gives_the_same_bytes(tmp_path):
    data = example_dir() / "data"
    assert main(["--data", str(data), "--site", str(tmp_path / "a"), "-q"]) == 0
    assert main(["--data", str(data), "--site", str(tmp_path / "b"), "-q"]) == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_invalid_input_exits_2_and_leaves_the_site_untouched(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    before = tree_digest(site)
    results = data / "2030" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("xa-a1;ket-nap;h1;30", "xa-a1;ket-nap;h1;3x"),
                       encoding="utf-8")
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 2
    err = capsys.readouterr().err
    assert '2030/results.csv, dòng 3, cột value, giá trị "3x"' in err
    assert tree_digest(site) == before
    assert not [p for p in tmp_path.glob(".site.*") if p.name != ".site.lock"]  # no staging left behind


class BrokenEngine:
    """An engine that writes half a year and fails."""

    name = "mkdocs"

    def build(self, pages, nav, site_name, out, date, progress=None):
        out.mkdir(parents=True)
        (out / "index.html").write_text("một nửa", encoding="utf-8")
        raise EngineError("mkdocs gãy giữa chừng")


def test_a_failure_while_building_leaves_the_site_untouched(tmp_path):
    data = example_dir() / "data"
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    before = tree_digest(site)
    with pytest.raises(PublishError, match="Năm 2030: mkdocs gãy giữa chừng"):
        build(data, site, force=True, progress=lambda message: None, engine=BrokenEngine())
    assert tree_digest(site) == before
    assert not [p for p in tmp_path.glob(".site.*") if p.name != ".site.lock"]


def test_one_year_is_rebuilt_and_the_others_kept(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data" / "2030", data / "2030")
    shutil.copytree(example_dir() / "data" / "2030", data / "2031")
    year = data / "2031" / "year.yml"
    year.write_text(year.read_text(encoding="utf-8").replace("2030-", "2031-"), encoding="utf-8")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    kept = tree_digest(site / "2030")
    assert main(["--data", str(data), "--site", str(site), "--year", "2031", "-q"]) == 0
    assert tree_digest(site / "2030") == kept
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Năm 2030" in html and "Năm 2031" in html


def test_check_validates_and_writes_nothing(tmp_path, capsys):
    assert main(["check", "--data", str(example_dir() / "data"), "--site", str(tmp_path / "site")]) == 0
    assert not (tmp_path / "site").exists()
    assert "Dữ liệu hợp lệ: 1 năm (2030)" in capsys.readouterr().out


def test_build_prints_progress_and_a_summary(tmp_path, capsys):
    assert main(["--data", str(example_dir() / "data"), "--site", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert "[2030] Đọc và kiểm tra dữ liệu…" in out
    assert "[2030] Dựng trang bằng mkdocs" in out
    assert re.search(r"Xong: dựng 1 năm \(2030\), 16 trang, 0 cảnh báo, [0-9,]+ giây", out)


def test_help_explains_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in ("--data", "--site", "--year", "check", "mã thoát"):
        assert word in out


def two_example_years(tmp_path):
    """A data folder holding the contract's example year as 2030 and again as 2031 (its dates moved)."""
    data = tmp_path / "data"
    for year in ("2030", "2031"):
        shutil.copytree(example_dir() / "data" / "2030", data / year)
    year_yml = data / "2031" / "year.yml"
    year_yml.write_text(year_yml.read_text(encoding="utf-8").replace("2030-", "2031-"), encoding="utf-8")
    return data


def test_unchanged_years_are_skipped_and_changed_ones_rebuilt(tmp_path, capsys):
    data = two_example_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    before = tree_digest(site)
    capsys.readouterr()
    assert main(["--data", str(data), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "Bỏ qua năm không thay đổi từ lần dựng trước: 2030, 2031" in out
    assert "dựng 0 năm, bỏ qua 2 năm không đổi (2030, 2031)" in out
    assert tree_digest(site) == before
    results = data / "2031" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("huyen-b;ket-nap;y;80", "huyen-b;ket-nap;y;90"),
                       encoding="utf-8")
    assert main(["--data", str(data), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "dựng 1 năm (2031), bỏ qua 1 năm không đổi (2030)" in out
    after = tree_digest(site)
    assert {k: v for k, v in after.items() if k.startswith("2030/")} == \
        {k: v for k, v in before.items() if k.startswith("2030/")}
    assert after["2031/export/results.csv"] != before["2031/export/results.csv"]
    assert main(["--data", str(data), "--site", str(site), "--force", "-q"]) == 0
    assert "dựng 2 năm (2030, 2031)" in capsys.readouterr().out


def test_a_year_removed_from_the_data_leaves_the_site(tmp_path):
    data = two_example_years(tmp_path)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    shutil.rmtree(data / "2031")
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    assert not (site / "2031").exists()
    assert "Năm 2031" not in (site / "index.html").read_text(encoding="utf-8")


def groups_as_workbook(folder: Path) -> None:
    """Replace a year's groups.csv with groups.xlsx holding the same rows (text cells)."""
    from openpyxl import Workbook

    book = Workbook()
    with open(folder / "groups.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            book.active.append(row)
    book.save(folder / "groups.xlsx")
    (folder / "groups.csv").unlink()


def test_a_build_reads_each_input_file_once(tmp_path):
    """Fingerprint, loading, the manifest's hashes and the previous year's figures share one read of each
    file (the workbook's checks and openings too); 2022 built alone reads 2021 once, to compare with it."""
    only = 2022
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    groups_as_workbook(data / "2022")
    opened, watching = [], [True]

    def hook(event, args):
        if event == "open" and watching and isinstance(args[0], (str, os.PathLike)):
            opened.append(Path(os.fsdecode(args[0])))

    sys.addaudithook(hook)  # audit hooks cannot be removed: this one stops recording below
    try:
        build(data, tmp_path / "site", only=only, progress=lambda message: None)
    finally:
        watching.clear()
    read = collections.Counter(p for p in opened if data in p.parents)
    expected = {p for p in data.rglob("*") if p.is_file() and "2025" not in p.relative_to(data).parts}
    assert set(read) == expected
    assert set(read.values()) == {1}, {p.relative_to(data): n for p, n in read.items() if n > 1}
