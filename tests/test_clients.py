"""What real clients see in the exports and feed (issue 14 item 10): feedparser reads the Atom feed,
LibreOffice Calc the workbook, a JSON reader summary.json; a sample year says so in each of them."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest

FEED = "2021/ban-tin/feed.xml"


def test_summary_json_has_no_float_noise_and_counts_as_integers(sample_site):
    text = (sample_site / "2021" / "export" / "summary.json").read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d*0000000|\d\.\d*9999999", text), "float noise such as 140.20000000000005"
    summary = json.loads(text)
    by_id = {i["indicator_id"]: i for i in summary["indicators"]}
    assert by_id["thu-hut-fdi"]["difference"] == 140.2 and by_id["thu-ngan-sach"]["difference"] == 450.2
    assert '"target_total": 1740,' in text and '"value_total": 1804,' in text  # a count, not 1740.0
    for indicator in ("ket-nap", "to-chuc-dang-dn", "vi-pham"):  # the sample's count indicators
        for field in ("target_total", "value_total", "difference", "units_met", "units_total"):
            assert type(by_id[indicator][field]) is int, (indicator, field)
    assert all(type(u["rank_in_group"]) is int for u in summary["units"] if u["rank_in_group"] is not None)


def test_the_feed_reads_in_feedparser_and_says_the_data_is_sample_data(sample_site):
    import feedparser  # requirements-dev.txt
    feed = feedparser.parse(str(sample_site / FEED))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Bản tin · Tỉnh ủy Vĩnh Phúc · Năm 2021 (dữ liệu mẫu)"
    assert [e.title.startswith("[Dữ liệu mẫu] Bản tin số ") for e in feed.entries] == [True] * 4
    summaries = [e.summary for e in feed.entries]
    assert summaries[0] == ("Dữ liệu mẫu - không phải văn bản, số liệu chính thức. Số liệu cả năm 2021 "
                            "(đến 31/12/2021). Người ký: Trần Văn Hùng.")
    assert "Số liệu đến hết quý I năm 2021 (31/03/2021)" in summaries[-1]
    assert not any("Kỳ Cả năm" in s or "kỳ Quý I" in s for s in summaries)
    assert [link.type for link in feed.entries[0].links] == ["text/html", "application/pdf"]


def sheet_xml(book: bytes) -> dict[str, str]:
    """The workbook's sheets as the XML a spreadsheet program reads."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.startswith("xl/worksheets/sheet")}


def test_the_workbook_says_sample_and_words_statuses_by_rule(sample_site):
    import openpyxl

    data = (sample_site / "2021" / "export" / "results.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tổng hợp theo chỉ tiêu (mẫu)", "Đơn vị (mẫu)", "Chỉ tiêu theo kỳ (mẫu)"]
    assert book.properties.title == "DỮ LIỆU MẪU - không phải số liệu chính thức"
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "DỮ LIỆU MẪU - không phải số liệu chính thức"  # on every printed page
    summary = {row[0]: row for row in book["Tổng hợp theo chỉ tiêu (mẫu)"].iter_rows(min_row=2, values_only=True)}
    assert summary["vi-pham"][-1] == "không đạt, nhiều hơn mức tối đa 1 vụ"
    assert summary["xuat-khau"][-1] == "không đạt, còn thiếu 179,5 triệu USD"
    lines = {(row[3], row[6], row[1]): row[12]
             for row in book["Chỉ tiêu theo kỳ (mẫu)"].iter_rows(min_row=2, values_only=True)}
    assert lines[("binh-xuyen", "ho-ngheo", "y")] == "Tốt hơn chỉ tiêu"  # a poverty rate below its target
    assert lines[("binh-xuyen", "ho-ngheo", "9m")] == "Chưa đạt"  # still above it at 9 months
    assert lines[("so-tai-nguyen-moi-truong", "vi-pham", "9m")] == "Quá mức tối đa"
    assert lines[("yen-lac", "ket-nap", "y")] == "Vượt chỉ tiêu"
    for name, xml in sheet_xml(data).items():  # a blank cell is no cell: never an empty text
        assert not re.search(r"<t(?: [^>]*)?>\s*</t>|<t/>", xml), name


def test_the_contract_example_workbook_is_not_marked_sample_when_the_year_is_real(tmp_path):
    from site_fixture import example_dir
    from scorecard.pipeline import load_reports, year_folders
    from scorecard.spreadsheet import results_xlsx
    import openpyxl

    data = tmp_path / "data"
    shutil.copytree(example_dir() / "data", data)
    year = data / "2030" / "year.yml"
    year.write_text(year.read_text(encoding="utf-8").replace("sample: true", "sample: false"), encoding="utf-8")
    [report] = load_reports(year_folders(data), progress=lambda message: None)
    book = openpyxl.load_workbook(io.BytesIO(results_xlsx(report)))
    assert book.sheetnames == ["Tổng hợp theo chỉ tiêu", "Đơn vị", "Chỉ tiêu theo kỳ"]
    assert not book.worksheets[0].oddHeader.center.text


def test_libreoffice_reads_blank_reasons_as_blank_cells(sample_site, tmp_path):
    """LibreOffice Calc (7.4, the version staff use) opens the units sheet: a unit without a decided rating has
    nothing in "Lý do của mức được quyết định", a decided one its reason."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed (apt-get install libreoffice-calc-nogui; "
                    "python tools/run_tests.py installs it)")
    book = tmp_path / "r.xlsx"
    shutil.copy(sample_site / "2021" / "export" / "results.xlsx", book)
    filters = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"  # every sheet
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", filters,
                    "--outdir", str(tmp_path), str(book)], capture_output=True, check=True, timeout=180)
    import csv

    with open(tmp_path / "r-Đơn vị (mẫu).csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("Lý do của mức được quyết định")
    reasons = {row[0]: row[column] for row in rows[1:]}
    assert reasons["so-xay-dung"] == "Có cán bộ lãnh đạo sở bị kỷ luật trong năm"
    assert reasons["so-cong-thuong"] == ""


def test_every_sample_bulletin_pdf_passes_qpdf_and_says_sample_on_every_page(sample_site):
    qpdf, pdftotext = shutil.which("qpdf"), shutil.which("pdftotext")
    if qpdf is None or pdftotext is None:
        pytest.fail("qpdf or poppler-utils is not installed (apt-get install qpdf poppler-utils; "
                    "python tools/run_tests.py installs them)")
    pdfs = sorted(sample_site.glob("*/ban-tin/*.pdf"))
    assert len(pdfs) == 7  # 2021: q1, h1, 9m, y; 2022: q1, h1, 9m
    for pdf in pdfs:
        check = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, (pdf, check.stdout)
        pages = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                               check=True).stdout.decode("utf-8").split("\f")[:-1]
        assert pages and all("DỮ LIỆU MẪU" in page for page in pages), pdf
        assert "kỳ Cả năm" not in "".join(pages) and "năm năm" not in "".join(pages), pdf
