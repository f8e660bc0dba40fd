"""Bulletins: cited figures, errors with file and line, the draft, pages, feed and PDF."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scorecard import bulletin_output
from scorecard.bulletin_output import heading_kind, place_and_date
from scorecard.bulletins import body_html
from scorecard.cli import main
from scorecard.pipeline import load_reports, year_folders
from conftest import fill_in_draft
from site_fixture import tree_digest

SAMPLE = Path(__file__).resolve().parent.parent / "data"
ATOM = "{http://www.w3.org/2005/Atom}"

TARGETS = """
unit_id,indicator_id,target,due
a,n,100,
a,r,80,
a,t,,h1
b,n,50,
"""
RESULTS = """
unit_id,indicator_id,period,value,status
a,n,q1,30,
a,n,h1,1234,
a,r,h1,85.5,
a,t,h1,,done
b,n,q1,10,
b,n,h1,20,
"""
UNITS = """
unit_id,name,group_id,parent_id
a,Đơn vị A,g,
b,Đơn vị B,g,
"""


def bulletin(front: str = "", body: str = "") -> str:
    """A bulletin file: the required front matter (plus `front`), then the body."""
    head = 'title: "Bản tin thử"\nnumber: "01-BT"\ndate: 2021-07-10\nsigner: "Nguyễn Văn A"\n'
    return f"---\n{head}{textwrap.dedent(front)}---\n{textwrap.dedent(body)}"


@pytest.fixture
def year_with(make_year):
    """year_with({"h1.md": text, ...}) -> a data dir whose 2021 has those bulletins."""
    def make(files: dict[str, str]) -> Path:
        data = make_year(targets=TARGETS, results=RESULTS, units=UNITS)
        folder = data / "2021" / "bulletins"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return data
    return make


def reports(data: Path):
    return load_reports(year_folders(data), progress=lambda message: None)


def errors_of(data: Path, capsys) -> str:
    """Run check; it must exit 2; return what it printed."""
    assert main(["check", "--data", str(data), "-q"]) == 2
    return capsys.readouterr().err


# --- figures -----------------------------------------------------------------------

def test_figures_are_written_the_vietnamese_way_at_the_bulletins_period(year_with):
    body = """
    Tổng: {{ total("n", "value_total") }} / {{ total("n", "target_total") }}, chênh {{ total("n", "difference") }}.
    Đạt: {{ total("n", "units_met") }}/{{ total("n", "units_total") }}.
    A: {{ result("a", "n", "value") }} của {{ result("a", "n", "target") }}, {{ result("a", "n", "completion") }}, {{ result("a", "n", "status") }}.
    Tỷ lệ: {{ result("a", "r", "value") }}. Nhiệm vụ: {{ result("a", "t", "status") }}.
    """
    data = year_with({"h1.md": bulletin(body=body), "q1.md": bulletin(body='Q1: {{ total("n", "value_total") }}.')})
    [report] = reports(data)
    by_period = {b.period: b for b in report.bulletins}
    text = by_period["h1"].markdown
    # h1 (181/365 of the year elapsed): a has 1,234 of 100 (exceeded); b has 20 of 50, behind by h1's pace
    assert "Tổng: 1.254 / 150, chênh 1.104." in text
    assert "Đạt: 1/2." in text
    assert "A: 1.234 của 100, 1.234,0%, vượt chỉ tiêu." in text  # a status reads as a word of the sentence
    assert "Tỷ lệ: 85,5. Nhiệm vụ: hoàn thành." in text
    assert "Q1: 40." in by_period["q1"].markdown  # the same expression at q1 gives q1's figure
    assert [b.period for b in report.bulletins] == ["h1", "q1"]  # newest first


def test_a_missing_value_reads_as_words_not_a_number(year_with):
    data = year_with({"q1.md": bulletin(body='R: {{ result("a", "r", "value") }}; {{ result("a", "r", "completion") }}.')})
    [report] = reports(data)
    assert "R: chưa có số liệu; chưa có số liệu." in report.bulletins[0].markdown


def test_every_bad_citation_is_reported_with_its_file_line(year_with, capsys):
    body = """
    Dòng tốt: {{ total("n", "value_total") }}.
    {{ total("khong-co", "value_total") }}
    {{ result("zz", "n", "value") }} và {{ result("a", "n", "gia-tri") }}
    {{ total("n", "tong") }}
    {{ total("r", "value_total") }}
    {{ result("b", "r", "value") }}
    {{ result("a", "t", "value") }}
    {{ total("n") }}
    """
    out = errors_of(year_with({"h1.md": bulletin(body=body)}), capsys)
    # front matter: lines 1-6; the dedented body starts on line 7 with an empty line
    expected = [
        ('dòng 9, giá trị "khong-co"', "Không có chỉ tiêu này"),
        ('dòng 10, giá trị "zz"', "Không có đơn vị này"),
        ('dòng 10, giá trị "gia-tri"', "Không có trường kết quả này"),
        ('dòng 11, giá trị "tong"', "Không có trường tổng này"),
        ('dòng 12, giá trị "r"', "không có tổng toàn tỉnh"),
        ('dòng 13, giá trị "b, r"', "không được giao chỉ tiêu này"),
        ('dòng 14, giá trị "value"', "Nhiệm vụ không có giá trị số"),
        ('dòng 15, giá trị "n"', "total(...) cần 2 tham số"),
    ]
    for where, message in expected:
        assert f"2021/bulletins/h1.md, {where}" in out, (where, out)
        assert message in out.split(f"2021/bulletins/h1.md, {where}")[1].split("Lỗi")[0], (where, out)
    assert out.count("Lỗi (error)") == len(expected)


def test_expression_syntax_and_sandbox_errors_name_the_line(year_with, capsys):
    files = {
        "q1.md": bulletin(body="\n\nSố {{ total('n', 'value_total' }}\n"),
        "h1.md": bulletin(body="\n{{ chua_co }}\n"),
    }
    out = errors_of(year_with(files), capsys)
    assert "2021/bulletins/q1.md, dòng 9" in out and "sai cú pháp" in out
    assert "2021/bulletins/h1.md, dòng 8" in out and "chua_co" in out
    trick = "\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n"
    out = errors_of(year_with({"h1.md": bulletin(body=trick)}), capsys)
    assert "2021/bulletins/h1.md, dòng 8" in out  # the sandbox refuses attribute tricks


def test_front_matter_and_file_name_problems_are_reported_together(year_with, capsys):
    files = {
        "h1.md": "---\ntitle: Thiếu số\ndate: 2021-13-01\nsigner: A\nmau: do\n---\nNội dung\n",
        "quy-5.md": bulletin(),
        "ghi-chu.txt": "x",
        "q1.md": "Không có khối thông tin\n",
    }
    out = errors_of(year_with(files), capsys)
    assert "2021/bulletins/h1.md, cột number" in out
    assert "2021/bulletins/h1.md, dòng 3, cột date, giá trị \"2021-13-01\"" in out
    assert "2021/bulletins/h1.md, dòng 5, cột mau" in out
    assert '2021/bulletins/quy-5.md, giá trị "quy-5"' in out and "mã một kỳ báo cáo" in out
    assert "2021/bulletins/ghi-chu.txt" in out
    assert "2021/bulletins/q1.md, dòng 1" in out


def test_a_bulletin_of_a_period_not_yet_published_waits_with_a_warning(year_with):
    data = year_with({"y.md": bulletin(body="Cuối năm."), "h1.md": bulletin(body="Giữa năm.")})
    [report] = reports(data)  # results reach h1: the current period
    assert [b.period for b in report.bulletins] == ["h1"]
    assert any(w.file == "2021/bulletins/y.md" and w.warning for w in report.warnings)


def test_author_html_is_sanitised_and_outside_links_lose_their_address():
    html = body_html(
        '<script>alert(1)</script><img src=x onerror=alert(2)>\n\n'
        '[trang](../don-vi/a.html) [ngoài](http://evil.example/) [js](javascript:alert(3))\n\n'
        '<p onclick="alert(4)" style="color:red">chữ</p>\n\n# Mục\n'
    )
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "onclick" not in html and "style=" not in html
    assert '<a href="../don-vi/a.html">trang</a>' in html
    assert "evil.example" not in html and "javascript:" not in html and "ngoài" in html and "js" in html
    assert "<h2>Mục</h2>" in html  # the page's own title is the only h1


def test_place_and_date_follow_the_administrative_style():
    import datetime as dt

    assert place_and_date("Vĩnh Phúc", dt.date(2022, 1, 20)) == "Vĩnh Phúc, ngày 20 tháng 01 năm 2022"
    assert place_and_date("Vĩnh Phúc", dt.date(2022, 2, 5)) == "Vĩnh Phúc, ngày 05 tháng 02 năm 2022"
    assert place_and_date("", dt.date(2022, 11, 30)) == "Ngày 30 tháng 11 năm 2022"


# --- the sample's year-end bulletin, end to end ----------------------------------------

def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils (tools/run_tests.py does)"
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_sample_year_end_bulletin_shows_the_articles_figures_from_the_data(sample_site):
    page = (sample_site / "2021" / "ban-tin" / "y.html").read_text(encoding="utf-8")
    assert "kết nạp <strong>1.804</strong> đảng viên mới trên chỉ tiêu 1.740, vượt chỉ tiêu, nhiều hơn 64" in page
    # the Ban Tổ chức Tỉnh ủy is a Party body: the Party's heading, not the State's
    assert "TỈNH ỦY VĨNH PHÚC" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "CỘNG HÒA" not in page
    assert "Số 25-BT/BTCTU" in page and "Vĩnh Phúc, ngày 20 tháng 01 năm 2022" in page
    text = pdf_text(sample_site / "2021" / "ban-tin" / "y.pdf")
    assert "kết nạp 1.804 đảng viên mới trên chỉ tiêu 1.740, vượt chỉ tiêu, nhiều hơn 64 đảng viên" in text
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 25-BT/BTCTU", "Số liệu cả năm 2021 (đến 31/12/2021)",
                  "Vĩnh Phúc, ngày 20 tháng 01 năm 2022", "Trần Văn Hùng", "Tổ chức đảng trong doanh nghiệp tư nhân",
                  "Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (để báo cáo),", "- Lưu VT.",
                  "toàn tỉnh có 1 vụ, không đạt, nhiều hơn mức tối đa 1 vụ"):
        assert words in text, words
    assert "CỘNG HÒA" not in text and "kỳ Cả năm" not in text


def test_pdf_fonts_are_embedded(sample_site):
    assert shutil.which("pdffonts"), "pdffonts is missing: apt-get install poppler-utils (tools/run_tests.py does)"
    out = subprocess.run(["pdffonts", str(sample_site / "2021" / "ban-tin" / "y.pdf")], capture_output=True,
                         text=True, check=True).stdout.splitlines()[2:]
    assert len(out) >= 2
    for line in out:  # name type encoding emb sub uni ...
        assert line.split()[-5] == "yes", line


def test_changing_a_result_changes_the_bulletin_with_no_edit_to_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "2021", data / "2021")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    results = data / "2021" / "results.csv"
    text = results.read_text(encoding="utf-8")
    assert "\nyen-lac,ket-nap,y,189," in text
    results.write_text(text.replace("\nyen-lac,ket-nap,y,189,", "\nyen-lac,ket-nap,y,190,"), encoding="utf-8")
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    page = (site / "2021" / "ban-tin" / "y.html").read_text(encoding="utf-8")
    assert "kết nạp <strong>1.805</strong> đảng viên mới trên chỉ tiêu 1.740, vượt chỉ tiêu, nhiều hơn 65" in page
    assert "kết nạp 1.805 đảng viên mới trên chỉ tiêu 1.740, vượt chỉ tiêu, nhiều hơn 65" in \
        pdf_text(site / "2021" / "ban-tin" / "y.pdf")


def test_a_bulletin_citing_an_unknown_indicator_stops_the_build_and_keeps_the_site(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "2021", data / "2021")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    before = tree_digest(site)
    source = data / "2021" / "bulletins" / "y.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if 'total("ket-nap", "value_total")' in line)
    lines[number - 1] = lines[number - 1].replace('total("ket-nap", "value_total")', 'total("ket-nap-moi", "value_total")')
    source.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 2
    err = capsys.readouterr().err
    assert f'2021/bulletins/y.md, dòng {number}, giá trị "ket-nap-moi"' in err
    assert 'Có phải "ket-nap"?' in err
    assert tree_digest(site) == before


def test_bulletins_section_feed_and_summary_link(sample_site):
    listing = (sample_site / "2021" / "ban-tin" / "index.html").read_text(encoding="utf-8")
    order = [listing.index(f'href="{p}.html"') for p in ("y", "9m", "h1", "q1")]
    assert order == sorted(order)  # newest first
    assert 'href="feed.xml"' in listing and 'href="y.pdf"' in listing
    summary = (sample_site / "2021" / "index.html").read_text(encoding="utf-8")
    assert 'href="ban-tin/y.html"' in summary and 'href="ban-tin/index.html"' in summary
    feed = ET.parse(sample_site / "2021" / "ban-tin" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries] == ["y.html", "9m.html", "h1.html",
                                                                                      "q1.html"]
    assert entries[0].find(f"{ATOM}updated").text == "2022-01-20T00:00:00+07:00"
    assert "1.804" in entries[0].find(f"{ATOM}content").text
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 4


# --- the draft ------------------------------------------------------------------------

def test_draft_cites_figures_and_builds_as_written(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "2022", data / "2022", ignore=shutil.ignore_patterns("bulletins"))
    assert main(["draft", "2022", "--period", "h1", "--data", str(data), "-q"]) == 0
    draft = (data / "2022" / "bulletins" / "h1.md").read_text(encoding="utf-8")
    for section in ("## Kết quả các chỉ tiêu chung", "## Đơn vị đã đạt, vượt chỉ tiêu cả năm",
                    "## Đơn vị chậm tiến độ", "## Nhiệm vụ đã hoàn thành", "## Nhiệm vụ quá hạn",
                    "## Thay đổi thứ hạng so với kỳ trước"):
        assert section in draft
    assert '{{ total("ket-nap", "value_total") }}' in draft and '{{ result("' in draft
    assert "1.804" not in draft  # figures are cited, never typed
    # a draft is never overwritten by accident
    assert main(["draft", "2022", "--period", "h1", "--data", str(data), "-q"]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert main(["draft", "2022", "--period", "h1", "--data", str(data), "--force", "-q"]) == 0
    # a period without results yet cannot be drafted
    assert main(["draft", "2022", "--period", "y", "--data", str(data), "-q"]) == 2
    fill_in_draft(data / "2022" / "bulletins" / "h1.md")  # an unedited draft is refused (test_cycle.py)
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    page = (site / "2022" / "ban-tin" / "h1.html").read_text(encoding="utf-8")
    assert "{{" not in page and "Kết quả các chỉ tiêu chung" in page


def test_draft_keeps_data_text_out_of_the_template_language(make_year, tmp_path):
    units = 'unit_id,name,group_id,parent_id\na,"Đơn vị {{ 7*7 }} *A*",g,\nb,Đơn vị B,g,\n'
    data = make_year(targets=TARGETS, results=RESULTS, units=units)
    assert main(["draft", "2021", "--data", str(data), "-q"]) == 0
    fill_in_draft(data / "2021" / "bulletins" / "h1.md")
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    page = (site / "2021" / "ban-tin" / "h1.html").read_text(encoding="utf-8")
    assert "Đơn vị {{ 7*7 }} *A*" in page and "49" not in page.split("Đơn vị {{")[1][:20]


# --- in the browser: printed on A4 -------------------------------------------------------

A4_WIDTH_PX = (210 - 2 * 15) * 96 / 25.4  # the printable width with the 15 mm margins of assets/site.css


@pytest.mark.browser
def test_bulletin_prints_as_the_document_without_site_chrome(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": round(A4_WIDTH_PX), "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(server + "2021/ban-tin/y.html", wait_until="load")
    layout = page.evaluate("""() => {
        const shown = s => Array.from(document.querySelectorAll(s)).filter(e => getComputedStyle(e).display !== 'none');
        const row = document.querySelector('.sc-doc-body tbody tr');
        return {
            scrollWidth: document.documentElement.scrollWidth,
            chrome: shown('.md-header, .md-sidebar, .md-footer, .sc-banner, .sc-doc-links').map(e => e.className),
            head: document.querySelector('.sc-doc-head').innerText,
            tableRight: document.querySelector('.sc-doc-body table').getBoundingClientRect().right,
            rowBreak: getComputedStyle(row).breakInside,
            headingBreak: getComputedStyle(document.querySelector('.sc-doc-body h2')).breakAfter,
        };
    }""")
    assert layout["chrome"] == []
    assert layout["scrollWidth"] <= A4_WIDTH_PX + 0.5 and layout["tableRight"] <= A4_WIDTH_PX + 0.5
    assert "TỈNH ỦY VĨNH PHÚC" in layout["head"] and "Số 25-BT/BTCTU" in layout["head"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in layout["head"]  # a Party body's document
    assert layout["rowBreak"] == "avoid" and layout["headingBreak"] == "avoid"
    path = tmp_path / "printed.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    context.close()
    text = pdf_text(path)
    assert "1.804" in text and "1.740" in text and "Trần Văn Hùng" in text
    assert "Tìm kiếm" not in text  # the search box and the navigation are not printed


def test_hostile_front_matter_is_shown_as_text_everywhere(year_with, tmp_path):
    hostile = '</script><img src=x onerror=alert(1)> *A* | B {{ 7*7 }}'
    front = f"signer_title: '{hostile}'\nplace: '{hostile}'\n"
    text = bulletin(front=front, body="Nội dung.").replace('title: "Bản tin thử"', f"title: '{hostile}'")
    data = year_with({"h1.md": text})
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    for name in ("h1.html", "index.html", "feed.xml"):
        page = (site / "2021" / "ban-tin" / name).read_text(encoding="utf-8")
        assert "<img" not in page and "</script><" not in page, name  # only escaped text, never a tag
    page = (site / "2021" / "ban-tin" / "h1.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page.replace("&#123;", "{").replace("&#125;", "}").replace("&#42;", "*")
    text = pdf_text(site / "2021" / "ban-tin" / "h1.pdf")
    assert "</script><img src=x onerror=alert(1)>" in text  # on paper, the text as typed


# --- bulletins as the documents they are (issue 14 item 9) ----------------------------------

@pytest.mark.parametrize("heading, issuer, expected", [
    ("", "TỈNH ỦY VĨNH PHÚC|BAN TỔ CHỨC", "dang"),
    ("", "Ban Dân vận Tỉnh ủy", "dang"),
    ("", "Huyện ủy Yên Lạc", "dang"),
    ("", "Tỉnh uỷ Vĩnh Phúc", "dang"),  # the old placement of the tone mark
    ("", "ĐẢNG ỦY XÃ BÁ HIẾN", "dang"),
    ("", "Chi bộ Công ty cổ phần KEHIN", "dang"),
    ("", "ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC|SỞ NỘI VỤ", "nha-nuoc"),  # "Ủy ban" is a State body
    ("", "UBND tỉnh Vĩnh Phúc", "nha-nuoc"),
    ("", "Sở Tài chính", "nha-nuoc"),
    ("nha-nuoc", "Tỉnh ủy Vĩnh Phúc", "nha-nuoc"),  # the front matter decides
    ("dang", "Sở Tài chính", "dang"),
])
def test_the_heading_follows_the_front_matter_or_the_issuer(heading, issuer, expected):
    assert heading_kind(heading, issuer) == expected


@pytest.mark.parametrize("front, shown, absent", [
    ('issuer: "TỈNH ỦY VĨNH PHÚC|BAN TỔ CHỨC"\n', ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-BT"], ["CỘNG HÒA", "Số: 01-BT"]),
    ('issuer: "ỦY BAN NHÂN DÂN TỈNH|SỞ NỘI VỤ"\n', ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                                    "Số: 01-BT"], ["ĐẢNG CỘNG SẢN"]),
    ("heading: nha-nuoc\n", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 01-BT"], ["ĐẢNG CỘNG SẢN"]),
    ("", ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-BT", "TỈNH ỦY THỬ"], ["CỘNG HÒA"]),  # the year's organisation: Tỉnh ủy Thử
])
def test_page_and_pdf_carry_the_heading_of_the_issuing_body(year_with, tmp_path, front, shown, absent):
    data = year_with({"h1.md": bulletin(front=front, body="Nội dung.")})
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    page = html.unescape((site / "2021" / "ban-tin" / "h1.html").read_text(encoding="utf-8"))
    text = pdf_text(site / "2021" / "ban-tin" / "h1.pdf")
    for words in shown:
        assert words in page and words in text, words
    for words in absent:
        assert words not in page and words not in text, words


def test_recipients_and_the_period_read_as_a_document(year_with, tmp_path):
    front = 'recipients:\n  - "Ban Thường vụ Tỉnh ủy (để báo cáo),"\n  - Lưu VT.\n'
    data = year_with({"h1.md": bulletin(front=front, body="Nội dung.")})
    site = tmp_path / "site"
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    page = html.unescape((site / "2021" / "ban-tin" / "h1.html").read_text(encoding="utf-8"))
    assert re.search(r"Nơi nhận:.*<li>- Ban Thường vụ Tỉnh ủy \(để báo cáo\),</li>\s*<li>- Lưu VT\.</li>", page, re.S)
    assert "Số liệu đến hết kỳ h1 năm 2021 (30/06/2021)" in page  # the period's name ("Kỳ h1") in a sentence
    text = pdf_text(site / "2021" / "ban-tin" / "h1.pdf")
    for words in ("Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (để báo cáo),", "- Lưu VT.",
                  "Số liệu đến hết kỳ h1 năm 2021 (30/06/2021)"):
        assert words in text, words


def test_bad_heading_and_recipients_are_reported(year_with, capsys):
    data = year_with({"h1.md": bulletin(front="heading: dang-uy\nrecipients:\n  a: b\n")})
    err = errors_of(data, capsys)
    assert 'heading, giá trị "dang-uy"' in err and "heading: dang" in err
    assert "recipients" in err and "Nơi nhận phải là danh sách các dòng." in err


def test_status_and_assessment_read_as_prose_in_the_rule_of_the_indicator(make_year):
    indicators = "indicator_id,name,kind,measure,direction\nn,Số lượng,count,người,\nd,Số vụ,count,vụ,down\n"
    data = make_year(indicators=indicators, units=UNITS, targets="unit_id,indicator_id,target\na,n,10\na,d,0\nb,n,10",
                     results="unit_id,indicator_id,period,value,status\na,n,y,12,\na,d,y,1,\nb,n,y,7,")
    folder = data / "2021" / "bulletins"
    folder.mkdir()
    (folder / "y.md").write_text(bulletin(body="""
        A: {{ result("a", "n", "status") }}; {{ result("a", "n", "assessment") }}.
        Vụ: {{ result("a", "d", "status") }}; {{ result("a", "d", "assessment") }}.
        Tổng: {{ total("n", "assessment") }}; {{ total("d", "status") }}.
        """), encoding="utf-8")
    [report] = reports(data)
    text = report.bulletins[0].markdown
    assert "A: vượt chỉ tiêu; vượt chỉ tiêu, nhiều hơn 2 người." in text
    assert "Vụ: không đạt; không đạt, nhiều hơn mức tối đa 1 vụ." in text  # lower is better: never "vượt"
    assert "Tổng: không đạt, còn thiếu 1 người; không đạt." in text  # 12 + 7 of 10 + 10


def document(body: str, **view) -> dict:
    """A bulletin's view as render.YearViews.bulletin gives it, with this body (HTML)."""
    import datetime as dt

    return {"page_title": "Bản tin số 01-BT: Thử", "issuer": ("TỈNH ỦY THỬ", "BAN TỔ CHỨC"), "date": dt.date(2021, 7, 10),
            "heading": "dang", "number_line": "Số 01-BT", "motto": bulletin_output.PARTY_MOTTO,
            "place_date": "Ngày 10 tháng 7 năm 2021", "doc_title": "Thử", "data_span": "Số liệu đến hết quý I năm 2021",
            "body": body, "signer": "Nguyễn Văn Ký", "signer_title": "TRƯỞNG BAN", "recipients": ("Lưu VT.",),
            "sample": False} | view


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    """Each page's text, in reading order as pdftotext lays it out."""
    path = tmp_path / "b.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").split("\f")[:-1]


PARAGRAPH = "<p>Đoạn {} của bản tin, một câu ngắn.</p>"


@pytest.mark.parametrize("paragraphs", range(14, 34))
def test_the_signature_never_stands_alone_on_the_last_page(tmp_path, paragraphs):
    body = "".join(PARAGRAPH.format(i) for i in range(paragraphs))
    pages = pdf_pages(bulletin_output.pdf(document(body)), tmp_path)
    assert "Nguyễn Văn Ký" in pages[-1]
    assert "Đoạn" in pages[-1], f"{paragraphs} paragraphs: the signature is alone on page {len(pages)}"
    assert sum(page.count("Đoạn") for page in pages) == paragraphs


@pytest.mark.parametrize("before", range(14, 30))
def test_a_heading_is_never_the_last_line_of_a_page(tmp_path, before):
    body = "".join(PARAGRAPH.format(i) for i in range(before)) + "<h2>Mục hai</h2>" + \
        "".join(PARAGRAPH.format(i) for i in range(before, before + 5))
    pages = pdf_pages(bulletin_output.pdf(document(body)), tmp_path)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[-1] != "Mục hai", f"{before} paragraphs: the heading ends page {number}"


def test_a_table_stands_apart_from_the_paragraphs_around_it(tmp_path):
    body = ("<p>Đoạn đầu tiên dừng.</p><p>Đoạn trước bảng kết thúc.</p><table><thead><tr><th>Tiêu đề cột</th>"
            "<th>Số</th></tr></thead><tbody><tr><td>Hàng</td><td>1</td></tr></tbody></table><p>Đoạn sau bảng bắt đầu.</p>")
    path = tmp_path / "t.pdf"
    path.write_bytes(bulletin_output.pdf(document(body)))
    words = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                           check=True).stdout.decode("utf-8")
    box = {m.group(5): (float(m.group(2)), float(m.group(4))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', words)}
    paragraphs = box["trước"][0] - box["dừng."][1]  # the space between two paragraphs
    assert box["Tiêu"][0] - box["thúc."][1] >= paragraphs, "the table's header row is closer to the paragraph above"
    assert box["sau"][0] - box["Hàng"][1] >= paragraphs, "the paragraph below is closer to the table"


def test_a_sample_years_pdf_says_so_on_every_page(tmp_path):
    body = "".join(PARAGRAPH.format(i) for i in range(40))
    pages = pdf_pages(bulletin_output.pdf(document(body, sample=True)), tmp_path)
    assert len(pages) >= 2
    for page in pages:
        assert "DỮ LIỆU MẪU - không phải văn bản, số liệu chính thức" in page
    real = pdf_pages(bulletin_output.pdf(document(body)), tmp_path)
    assert not any("DỮ LIỆU MẪU" in page for page in real)
