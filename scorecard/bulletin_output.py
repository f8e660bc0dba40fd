"""A bulletin as PDF (an administrative document on A4) and the year's bulletins as an Atom feed.

The PDF is drawn by fpdf2, pure Python: it installs with pip alone (WeasyPrint
needs the Pango system library, Chromium's print needs Chromium), embeds a
subset of the bundled Liberation Serif (metric-compatible with Times New Roman,
the font Nghị định 30/2020/NĐ-CP asks for, with every Vietnamese letter), and
writes the same bytes for the same input, which reproducible builds need.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import __version__
from .model import Report

FONTS = Path(__file__).parent / "fonts"
FAMILY = "LiberationSerif"
NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
MARGINS = {"left": 30, "right": 15, "top": 20, "bottom": 20}  # mm, as Nghị định 30/2020 sets them
LEFT_COLUMN, RIGHT_COLUMN = 68, 97  # mm: issuing body and number | national motto, place and date
BODY_SIZE = 13  # pt
LINE_HEIGHT = 1.3  # of the font size: the body's lines as a typed administrative document spaces them


def motto_lines(motto: str) -> tuple[str, ...]:
    """The motto at top right: the national motto, or the bulletin's own (lines split at '|')."""
    return tuple(part.strip() for part in motto.split("|") if part.strip()) if motto.strip() else NATIONAL_MOTTO


def issuer_lines(issuer: str) -> tuple[str, ...]:
    """The issuing body at top left, in capitals: its superior body first when written 'SUPERIOR|BODY'."""
    return tuple(part.strip().upper() for part in issuer.split("|") if part.strip())


def place_and_date(place: str, date: dt.date) -> str:
    """'Vĩnh Phúc, ngày 05 tháng 02 năm 2022': days below 10 and months 1 and 2 take a leading zero."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def pdf(view: dict) -> bytes:
    """The bulletin of a page view (render.YearViews.bulletin) as a PDF document."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    class Document(FPDF):
        def header(self):
            if self.page_no() > 1:  # administrative documents number their pages from the second, at the top
                self.set_font(FAMILY, "", 12)
                self.cell(0, 6, str(self.page_no()), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.ln(2)

    doc = Document(format="A4", unit="mm")
    doc.set_creation_date(dt.datetime.combine(view["date"], dt.time(), dt.timezone.utc))
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic"), ("BI", "BoldItalic")):
        doc.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{name}.ttf"))
    doc.set_margins(MARGINS["left"], MARGINS["top"], MARGINS["right"])
    doc.set_auto_page_break(True, MARGINS["bottom"])
    doc.set_lang("vi")
    doc.set_title(view["page_title"])
    doc.set_author(" ".join(view["issuer"]))
    doc.set_creator(f"scorecard {__version__}")
    doc.add_page()

    top = doc.get_y()
    for i, line in enumerate(view["issuer"]):  # the superior body in plain capitals, the issuing body in bold
        doc.set_font(FAMILY, "B" if i == len(view["issuer"]) - 1 else "", 13)
        doc.multi_cell(LEFT_COLUMN, 6, line, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_font(FAMILY, "", 13)
    doc.multi_cell(LEFT_COLUMN, 6, "*", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.multi_cell(LEFT_COLUMN, 6, f"Số: {view['number']}", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    left_bottom = doc.get_y()

    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, top)
    for i, line in enumerate(view["motto"]):
        doc.set_font(FAMILY, "BU" if i == len(view["motto"]) - 1 and i else "B", 13 if i else 12)
        doc.multi_cell(RIGHT_COLUMN, 6, line, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, doc.get_y() + 3)
    doc.set_font(FAMILY, "I", 13)
    doc.multi_cell(RIGHT_COLUMN, 6, view["place_date"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)

    doc.set_xy(MARGINS["left"], max(left_bottom, doc.get_y()) + 10)
    doc.set_font(FAMILY, "B", 14)
    doc.multi_cell(0, 7, "BẢN TIN", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.multi_cell(0, 7, view["doc_title"], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FAMILY, "I", 12)
    doc.multi_cell(0, 6, f"Số liệu đến hết kỳ {view['bulletin_period']} ({view['bulletin_period_end']})",
                   align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.ln(6)

    doc.set_font(FAMILY, "", BODY_SIZE)
    heading = FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE + 1)
    styles = {"h2": heading, "h3": FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE),
              "h4": FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE)}
    for number, part in enumerate(pdf_html(str(view["body"]))):
        if number:
            doc.add_page()
        doc.set_font(FAMILY, "", BODY_SIZE)
        doc.write_html(part, font_family=FAMILY, table_line_separators=True, tag_styles=styles)

    doc.ln(8)
    if doc.will_page_break(40):
        doc.add_page()
    doc.set_x(MARGINS["left"] + LEFT_COLUMN)
    if view["signer_title"]:
        doc.set_font(FAMILY, "B", 13)
        doc.multi_cell(RIGHT_COLUMN, 6, view["signer_title"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, doc.get_y() + 22)  # room for the signature and seal
    doc.set_font(FAMILY, "B", 13)
    doc.multi_cell(RIGHT_COLUMN, 6, view["signer"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return bytes(doc.output())


def pdf_html(html: str) -> list[str]:
    """The sanitised body, adjusted for fpdf2's HTML, in parts: a rule (---) starts a new page.

    Links are kept as their text: a site-relative link means nothing on paper.
    """
    html = re.sub(r"</?a\b[^>]*>", "", html).replace("<p>", f'<p align="justify" line-height="{LINE_HEIGHT}">')
    for tag in ("ul", "ol"):
        html = html.replace(f"<{tag}>", f'<{tag} line-height="{LINE_HEIGHT}">')
    html = re.sub(r"<td>", '<td align="left">', html)
    html = re.sub(r"<thead>\s*<tr>(.*?)</tr>", header_widths, html, flags=re.S)
    html = html.replace("<table>", '<table width="100%" align="left">')
    return [part for part in re.split(r"<hr\s*/?>", html)]


def header_widths(match: re.Match) -> str:
    """A table's header row with column widths: the first column (names) gets 40%, the rest share the remainder."""
    cells = re.findall(r"<th\b", match.group(1))
    if len(cells) < 2:
        return match.group(0)
    rest = 60 / (len(cells) - 1)
    widths = iter([40] + [rest] * (len(cells) - 1))
    return re.sub(r"<th\b", lambda _: f'<th width="{next(widths):g}%"', match.group(0))


# --- Atom ---------------------------------------------------------------------------

def atom_feed(report: Report) -> str:
    """The year's bulletins as an Atom feed (RFC 4287), newest first, links relative to the feed."""
    year = report.year
    bulletins = report.bulletins
    name = f"Bản tin · {year.organisation} · Năm {year.year}"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
             f"  <title>{xml_escape(name)}</title>",
             f"  <id>{feed_id(year.organisation, year.year, '')}</id>",
             f"  <updated>{timestamp(max(b.date for b in bulletins))}</updated>",
             '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
             '  <link rel="alternate" type="text/html" href="index.html"/>',
             f"  <author><name>{xml_escape(year.organisation)}</name></author>",
             f'  <generator version="{__version__}">scorecard</generator>']
    for b in bulletins:
        lines += ["  <entry>",
                  f"    <title>{xml_escape(f'Bản tin số {b.number}: {b.title}')}</title>",
                  f"    <id>{feed_id(year.organisation, year.year, b.period)}</id>",
                  f"    <updated>{timestamp(b.date)}</updated>",
                  f"    <published>{timestamp(b.date)}</published>",
                  f'    <link rel="alternate" type="text/html" href="{b.period}.html"/>',
                  f'    <link rel="enclosure" type="application/pdf" href="{b.period}.pdf"/>',
                  f"    <summary>{xml_escape(f'Kỳ {b.period_name}. Người ký: {b.signer}.')}</summary>",
                  f'    <content type="html">{xml_escape(b.html)}</content>',
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_id(organisation: str, year: int, period: str) -> str:
    """A permanent id for the feed or an entry, the same at every build and wherever the site is served."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'scorecard:{organisation}:{year}:ban-tin:{period}')}"


def timestamp(date: dt.date) -> str:
    """A date as an Atom timestamp at midnight, Vietnam's time (UTC+7)."""
    return f"{date.isoformat()}T00:00:00+07:00"
