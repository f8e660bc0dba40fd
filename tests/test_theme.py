"""Words for people and valid pages: the theme's controls in Vietnamese, no empty footer, every year page
linked to the archive's front page (which shows each year's figures), link texts that say what they open,
data formats offered in words, the feed announced in each page's head; and what the W3C checker found
(a script inside a figure, the theme's autocomplete and empty tabindex, sitemaps listing no page)."""

from __future__ import annotations

import html
import posixpath
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"


def material_template(name: str) -> str:
    """A template of the installed mkdocs-material (the version requirements.txt pins)."""
    import material

    return (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")


def without_header(text: str) -> str:
    """A template without its leading {#- ... -#} comment (Material's "generated" note, or ours)."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


@pytest.mark.parametrize("name, edit", [
    ("base.html", lambda text: text.replace(' autocomplete="off">', ">", 2)),
    ("partials/nav-item.html", lambda text: text.replace(
        'tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}')),
])
def test_our_copies_of_material_templates_differ_only_by_our_fix(name, edit):
    """A theme upgrade that changes these templates fails here, so the copies never silently go stale."""
    theirs = without_header(material_template(name))
    assert edit(theirs) != theirs
    assert without_header((OVERRIDES / name).read_text(encoding="utf-8")) == edit(theirs)


def translations(text: str) -> dict[str, str]:
    """The key -> words table of one of Material's partials/languages/*.html."""
    return dict(re.findall(r'^\s*"([^"]+)": "([^"]*)"', text, flags=re.M))


def test_theme_controls_are_labelled_in_vietnamese():
    ours = translations((OVERRIDES / "partials/languages/vi.html").read_text(encoding="utf-8"))
    material_vi = translations(material_template("partials/languages/vi.html"))
    english = translations(material_template("partials/languages/en.html"))
    assert set(ours) == set(material_vi)  # every key Material asks for
    assert ours["top"] == "Lên đầu trang" and material_vi["top"] == "Trở lại mục lục"
    left_in_english = {k: v for k, v in ours.items() if v == english.get(k) and k not in ("direction",)}
    assert left_in_english == {}


class Page(HTMLParser):
    """What the checks below need of a built page: its links, head links, scripts inside figures, the
    attributes the W3C checker refused, its footer text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.head_links: list[dict] = []
        self.figures = 0
        self.script_in_figure = 0
        self.bad_attributes: list[str] = []
        self.footer_text: list[str] = []
        self.in_footer = 0
        self._link: list | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self.figures += 1
        if tag == "script" and self.figures:
            self.script_in_figure += 1
        if tag == "link":
            self.head_links.append(a)
        if "tabindex" in a and not (a["tabindex"] or "").strip():
            self.bad_attributes.append(f"<{tag} tabindex=''>")
        if tag == "input" and "autocomplete" in a and a.get("type") in ("checkbox", "radio", "submit", "button"):
            self.bad_attributes.append(f"<input type={a.get('type')} autocomplete>")
        if tag == "footer":
            self.in_footer += 1
        if tag == "a" and a.get("href"):
            self._link = [a["href"], ""]

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figures -= 1
        if tag == "footer":
            self.in_footer -= 1
        if tag == "a" and self._link:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self.in_footer:
            self.footer_text.append(data)


@pytest.fixture(scope="module")
def year_pages(sample_site) -> dict[str, Page]:
    """Every HTML page of every year of the sample site, parsed, by path from the site's root."""
    return {p.relative_to(sample_site).as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in sorted(sample_site.glob("[0-9][0-9][0-9][0-9]/**/*.html"))}


def resolve(page: str, href: str) -> str:
    """A relative link of a page as a path from the site's root."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def test_pages_have_no_markup_the_w3c_checker_refused(sample_site, year_pages):
    assert len(year_pages) > 100
    problems = {path: (page.script_in_figure, page.bad_attributes) for path, page in year_pages.items()
                if page.script_in_figure or page.bad_attributes}
    assert problems == {}
    charted = year_pages["2021/index.html"]
    assert any(href for href, _ in charted.links)  # parsed for real
    assert list(sample_site.rglob("sitemap.xml*")) == []  # a sitemap without the site's address lists no page


def test_every_year_page_links_to_the_archive_front_page_and_has_a_footer(year_pages):
    missing = [path for path, page in year_pages.items()
               if "index.html" not in {resolve(path, href) for href, _ in page.links}]
    assert missing == []
    for path in ("2021/index.html", "2022/don-vi/yen-lac.html", "2021/chi-tieu/ket-nap.html"):
        page = year_pages[path]
        footer = " ".join("".join(page.footer_text).split())
        assert footer.startswith("Tỉnh ủy Vĩnh Phúc · Năm 20") and footer.endswith("Tất cả các năm"), footer
        assert ("Tất cả các năm", "index.html") in {(text, resolve(path, href)) for href, text in page.links}


def test_back_to_top_says_so(sample_site):
    text = (sample_site / "2021" / "don-vi" / "yen-lac.html").read_text(encoding="utf-8")
    assert "Lên đầu trang" in text and "Trở lại mục lục" not in text


def test_every_page_of_a_year_with_bulletins_announces_its_feed(sample_site, year_pages):
    for path, page in year_pages.items():
        feeds = [link for link in page.head_links if link.get("type") == "application/atom+xml"]
        year = path.split("/")[0]
        if (sample_site / year / "ban-tin" / "feed.xml").is_file():
            assert len(feeds) == 1 and "alternate" in feeds[0]["rel"].split(), path
            assert resolve(path, feeds[0]["href"]) == f"{year}/ban-tin/feed.xml", path
            assert feeds[0]["title"].startswith("Bản tin · ")
        else:
            assert feeds == [], path


def pdf_page_count(path: Path) -> int:
    """Pages of a PDF as poppler's pdfinfo counts them."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, flags=re.M).group(1))


def test_bulletin_links_say_what_they_open(sample_site, year_pages):
    """ "Bản tin cả năm 2021 (PDF, 2 trang)", never "y.pdf"; the page count is the PDF's own."""
    pdf_links = [(path, href, text) for path, page in year_pages.items() for href, text in page.links
                 if href.endswith(".pdf")]
    assert len(pdf_links) >= 8
    for path, href, text in pdf_links:
        pdf = sample_site / resolve(path, href)
        assert not text.endswith(".pdf") and text != "PDF", (path, text)
        assert re.fullmatch(r"Bản tin .+ 20\d\d \(PDF, \d+ trang\)", text), (path, text)
        assert text.endswith(f"(PDF, {pdf_page_count(pdf)} trang)"), (path, text)
    assert ("ban-tin/y.pdf", "Bản tin cả năm 2021 (PDF, " + str(pdf_page_count(sample_site / "2021/ban-tin/y.pdf"))
            + " trang)") in {(href, text) for href, text in year_pages["2021/index.html"].links}
    assert any(text.startswith("Bản tin quý I năm 2021") for _, _, text in pdf_links)


def visible_text(path: Path) -> str:
    """A page's text without its markup (the main content, as read)."""
    text = path.read_text(encoding="utf-8")
    body = text.split('<article', 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_data_formats_are_offered_in_words_and_technical_files_to_technical_staff(sample_site, year_pages):
    summary = visible_text(sample_site / "2021" / "index.html")
    for technical in ("summary.json", "results.csv", "feed.xml", "Atom"):
        assert technical not in summary, technical
    assert "Bảng tính Excel kết quả năm 2021" in summary
    bulletins = visible_text(sample_site / "2021" / "ban-tin" / "index.html")
    assert "feed.xml" not in bulletins and "Atom" not in bulletins
    downloads = visible_text(sample_site / "2021" / "du-lieu.html")
    spreadsheet, _, technical = downloads.partition("Dữ liệu cho máy (dành cho cán bộ kỹ thuật)")
    assert technical, "no section for technical staff"
    links = year_pages["2021/du-lieu.html"].links
    assert ("export/results.xlsx", "Bảng tính Excel kết quả năm 2021") in links
    assert "results.xlsx" not in technical and "Bảng tính Excel kết quả năm 2021" in spreadsheet
    for name in ("results.csv", "summary.json", "feed.xml"):
        assert name in technical and name not in spreadsheet, name
    # why a reader should not open the CSV: a Vietnamese-locale spreadsheet misreads plain numbers
    assert "0.716 thành 716" in technical and "Dữ liệu cho máy: results.csv" in technical


def test_archive_front_page_shows_each_year_with_its_figures(sample_site):
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", (sample_site / "index.html").read_text(
        encoding="utf-8"))).split())
    by_year = dict(re.findall(r"Năm (20\d\d) ?: (.*?)(?= Năm 20\d\d ?: |$)", text))
    assert set(by_year) == {p.name for p in sample_site.glob("[0-9][0-9][0-9][0-9]")}
    # 2021, hand-counted from the sample's summary page: 36 units in 4 groups, ratings 16 / 12 / 5 / 3
    assert "36 đơn vị trong 4 nhóm. Xếp loại: 16 Hoàn thành xuất sắc nhiệm vụ 12 Hoàn thành tốt nhiệm vụ " \
           "5 Hoàn thành nhiệm vụ 3 Không hoàn thành nhiệm vụ" in by_year["2021"]
    assert "đơn vị trong" in by_year["2022"] and "xếp loại khi có kết quả cả năm" in by_year["2022"]


def test_a_year_zip_has_its_own_front_page(sample_site):
    """A year's zip opened from disk: the pages' "Tất cả các năm" leads to a front page listing that year."""
    with zipfile.ZipFile(sample_site / "2021.zip") as archive:
        front = archive.read("index.html").decode("utf-8")
        assert "archive.css" in archive.namelist()
    assert 'href="2021/index.html"' in front and "2022/index.html" not in front
    assert "36 đơn vị trong 4 nhóm" in front
