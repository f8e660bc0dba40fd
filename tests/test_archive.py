"""Periods, closing years into snapshots, verification, one zip per year, the site under any path and from disk."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.paths import TEMPLATES
from scorecard.pipeline import build
from site_fixture import SAMPLE_DATA, search, serve, tree_digest, wait_for_charts




@pytest.fixture
def sample(tmp_path):
    """A writable copy of the sample data and a site path."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    return data, tmp_path / "site"


def test_a_year_is_built_as_of_an_earlier_period(sample):
    data, site = sample
    assert main(["--data", str(data), "--site", str(site), "--year", "2022", "--period", "h1", "-q"]) == 0
    summary = json.loads((site / "2022" / "export" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["period"], summary["final"]) == ("h1", False)
    rows = (site / "2022" / "export" / "results.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert {row.split(",")[1] for row in rows} == {"q1", "h1"}
    html = (site / "2022" / "don-vi" / "yen-lac.html").read_text(encoding="utf-8")
    assert "đến hết kỳ <strong>6 tháng đầu năm</strong> (30/06/2022) · Cập nhật số liệu: 12/10/2022" in html


def test_an_unknown_period_is_invalid_input(sample, capsys):
    data, site = sample
    assert main(["check", "--data", str(data), "--year", "2022", "--period", "q5"]) == 2
    assert "tham số --period, giá trị \"q5\"" in capsys.readouterr().err


def test_closing_freezes_the_year_and_later_builds_copy_it_unchanged(sample, capsys):
    data, site = sample
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 0
    snapshot = data / "snapshots" / "2021" / "v1"
    record = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    assert (record["year"], record["period"], record["final"], record["build_date"]) == (2021, "y", True, "2021-12-31")
    assert record["generator_version"] and set(record["inputs"]) >= {"results.csv", "targets.csv", "year.yml"}
    assert record["files"]["index.html"] == hashlib.sha256((snapshot / "index.html").read_bytes()).hexdigest()
    closed = tree_digest(site / "2021")
    assert closed == tree_digest(snapshot)

    changed = Path(str(site) + "-templates")  # a new version of the generator: other templates
    shutil.copytree(TEMPLATES, changed)
    banner = changed / "_banner.md.j2"
    banner.write_text(banner.read_text(encoding="utf-8").replace("Cập nhật số liệu", "Cập nhật"), encoding="utf-8")
    results = data / "2021" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("yen-lac,ket-nap,y,189", "yen-lac,ket-nap,y,200"),
                       encoding="utf-8")
    capsys.readouterr()
    build(data, site, force=True, templates=changed)
    assert "Năm đã khóa sổ, dùng bản lưu: 2021 (v1)" in capsys.readouterr().out
    assert tree_digest(site / "2021") == closed  # neither the new template nor the new figure reach 2021
    assert "Cập nhật: 12/10/2022" in (site / "2022" / "index.html").read_text(encoding="utf-8")

    assert main(["verify", "--data", str(data), "--site", str(site)]) == 0
    page = site / "2021" / "don-vi" / "yen-lac.html"
    page.write_bytes(page.read_bytes().replace(b"189", b"198", 1))
    assert main(["verify", "--data", str(data), "--site", str(site)]) == 1
    assert "site/2021: đã sửa (changed): don-vi/yen-lac.html" in capsys.readouterr().err
    (snapshot / "extra.html").write_text("x", encoding="utf-8")
    (snapshot / "du-lieu.html").unlink()
    assert main(["verify", "--data", str(data), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "snapshot 2021/v1: thêm vào (added): extra.html" in err
    assert "snapshot 2021/v1: bị xóa (removed): du-lieu.html" in err


def test_closing_again_keeps_the_previous_snapshot(sample, capsys):
    data, site = sample
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 0
    first = tree_digest(data / "snapshots" / "2021" / "v1")
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 1
    assert "đã khóa sổ" in capsys.readouterr().err
    results = data / "2021" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("yen-lac,ket-nap,y,189", "yen-lac,ket-nap,y,200"),
                       encoding="utf-8")
    assert main(["close", "2021", "--again", "--data", str(data), "--site", str(site), "-q"]) == 0
    assert tree_digest(data / "snapshots" / "2021" / "v1") == first
    assert tree_digest(site / "2021") == tree_digest(data / "snapshots" / "2021" / "v2") != first
    assert main(["verify", "--data", str(data), "--site", str(site)]) == 0


def test_closing_reads_the_year_once(sample, capsys):
    data, site = sample
    capsys.readouterr()
    assert main(["close", "2021", "--data", str(data), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert out.count("[2021] Đọc và kiểm tra dữ liệu") == 1 and "[2021] Dựng trang bằng mkdocs" in out


def test_a_year_cannot_be_closed_before_its_final_period(sample, capsys):
    data, site = sample
    assert main(["close", "2022", "--data", str(data), "--site", str(site), "-q"]) == 2
    assert "Chỉ khóa sổ được khi đã có kết quả kỳ cuối năm" in capsys.readouterr().err
    assert not (data / "snapshots").exists()


def test_a_closed_year_without_its_data_is_still_published(sample):
    data, site = sample
    assert main(["close", "2021", "--data", str(data), "--site", str(site), "-q"]) == 0
    shutil.rmtree(data / "2021")
    shutil.rmtree(site)
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    assert tree_digest(site / "2021") == tree_digest(data / "snapshots" / "2021" / "v1")
    assert "Năm 2021" in (site / "index.html").read_text(encoding="utf-8")


def test_each_year_zip_is_deterministic_and_holds_the_year(sample, tmp_path):
    data, site = sample
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    assert main(["--data", str(data), "--site", str(tmp_path / "again"), "-q"]) == 0
    assert (site / "2021.zip").read_bytes() == (tmp_path / "again" / "2021.zip").read_bytes()
    with zipfile.ZipFile(site / "2021.zip") as archive:
        names = set(archive.namelist())
    assert {"2021/index.html", "2021/don-vi/yen-lac.html", "2021/assets/vendor/vega.min.js", "years.js",
            "units/ac.js"} <= names  # yen-lac's results across years
    assert not any(name.startswith("2022/") for name in names)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("archive")
    site = base / "site"
    assert main(["--data", str(SAMPLE_DATA), "--site", str(site), "-q"]) == 0
    return site


def visit(browser, url: str) -> dict:
    page = browser.new_page()
    errors, outside = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: outside.append(request.url)
            if request.url.startswith(("http://", "https://")) and "127.0.0.1" not in request.url else None)
    page.goto(url, wait_until="load")
    charts = wait_for_charts(page)
    result = {"page": page, "errors": errors, "outside": outside, "charts": charts}
    return result


def test_the_year_zip_opens_from_disk_with_charts_navigation_and_search(browser, built, tmp_path):
    with zipfile.ZipFile(built / "2021.zip") as archive:
        archive.extractall(tmp_path / "unpacked")
    summary = visit(browser, (tmp_path / "unpacked" / "2021" / "index.html").as_uri())
    page = summary["page"]
    assert summary["charts"] == 2 and summary["errors"] == [] and summary["outside"] == []
    assert "1.804" in page.inner_text("body")
    page.click("text=Ban Thường vụ huyện ủy, thành ủy >> nth=0")
    page.wait_for_load_state()
    assert page.url.endswith("2021/nhom/huyen.html")
    assert search(page, "yen lac").inner_text() == "Huyện ủy Yên Lạc"
    page.close()


def test_the_site_works_under_any_path_of_a_web_server(browser, built, tmp_path):
    root = tmp_path / "www"
    shutil.copytree(built, root / "danh-gia")
    with serve(root) as url:
        base = url + "danh-gia/"
        for path in ("index.html", "2021/index.html", "2022/don-vi/yen-lac.html", "2021/chi-tieu/ket-nap.html"):
            result = visit(browser, base + path)
            assert result["errors"] == [], (path, result["errors"])
            result["page"].close()
        unit = visit(browser, base + "2022/don-vi/yen-lac.html")["page"]
        assert unit.locator(".sc-years a", has_text="2021").get_attribute("href") == "../../2021/don-vi/yen-lac.html"
        assert unit.locator(".sc-years a", has_text="2025").get_attribute("href") == "../../2025/index.html"  # no district
        assert "Qua các năm" in unit.inner_text("body")
        unit.close()
        only_2022 = visit(browser, base + "2022/don-vi/hoi-cuu-chien-binh.html")["page"]
        assert only_2022.locator(".sc-years a", has_text="2021").get_attribute("href") == "../../2021/index.html"
        only_2022.close()
