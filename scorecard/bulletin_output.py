"""A bulletin as PDF (an administrative document on A4) and the year's bulletins as an Atom feed.

The PDF is drawn by fpdf2, pure Python: it installs with pip alone (WeasyPrint
needs the Pango system library, Chromium's print needs Chromium), embeds a
subset of the bundled Liberation Serif (metric-compatible with Times New Roman,
the font Nghị định 30/2020/NĐ-CP asks for, with every Vietnamese letter), and
writes the same bytes for the same input, which reproducible builds need.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import uuid
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import __version__
from .model import Report

FONTS = Path(__file__).parent / "fonts"
FAMILY = "LiberationSerif"
NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)
# A Party body (Hướng dẫn 36-HD/VPTW): "Tỉnh ủy", "Huyện ủy", "Đảng ủy xã", "Ban Tổ chức Tỉnh ủy", "Chi bộ",
# "Đảng bộ"; "Ủy ban nhân dân" is a State body (either spelling of the tone: ủy, uỷ).
PARTY_BODY = re.compile(r"\b(?:tỉnh|thành|huyện|quận|thị|đảng|xã|phường|đặc khu|khối)\s+(?:ủy|uỷ)\b|\bđảng\s+bộ\b"
                        r"|\bchi\s+bộ\b|\btrung ương đảng\b")
SAMPLE_MARK = "DỮ LIỆU MẪU"
SAMPLE_LINE = "DỮ LIỆU MẪU - không phải văn bản, số liệu chính thức"
MARGINS = {"left": 30, "right": 15, "top": 20, "bottom": 20}  # mm, as Nghị định 30/2020 sets them
LEFT_COLUMN, RIGHT_COLUMN = 68, 97  # mm: issuing body and number | national motto, place and date
BODY_SIZE = 13  # pt
LINE_HEIGHT = 1.3  # of the font size: the body's lines as a typed administrative document spaces them


def heading_kind(heading: str, issuer: str) -> str:
    """A bulletin's heading: its front matter's `heading`, else "dang" when the issuer names a Party body
    (Tỉnh ủy, Huyện ủy, Ban ... Tỉnh ủy, Đảng ủy, Chi bộ), else "nha-nuoc"."""
    if heading:
        return heading
    return "dang" if PARTY_BODY.search(unicodedata.normalize("NFC", issuer).casefold()) else "nha-nuoc"


def motto_lines(motto: str, kind: str = "nha-nuoc") -> tuple[str, ...]:
    """The line(s) at top right: the bulletin's own (lines split at '|'), else the Party's name for a Party
    body's document, the national motto for a State body's."""
    if motto.strip():
        return tuple(part.strip() for part in motto.split("|") if part.strip())
    return PARTY_MOTTO if kind == "dang" else NATIONAL_MOTTO


def number_line(number: str, kind: str) -> str:
    """"Số 25-BT/BTCTU" in a Party document, "Số: 12/BC-UBND" in a State one."""
    return f"Số {number}" if kind == "dang" else f"Số: {number}"


def issuer_lines(issuer: str) -> tuple[str, ...]:
    """The issuing body at top left, in capitals: its superior body first when written 'SUPERIOR|BODY'."""
    return tuple(part.strip().upper() for part in issuer.split("|") if part.strip())


def document_view(bulletin, year) -> dict:
    """What the bulletin's page and PDF show around its body: heading block (Party or State, chosen by the
    front matter's `heading` or from the issuer), what the figures cover in words, signature, Nơi nhận."""
    from . import labels, phrases

    issuer = bulletin.issuer or year.organisation
    kind = heading_kind(bulletin.heading, issuer)
    end = year.periods.set_index("period_id").loc[bulletin.period, "end"]
    return {
        "page_title": f"Bản tin số {bulletin.number}: {bulletin.title}", "period": bulletin.period,
        "issuer": issuer_lines(issuer), "number": bulletin.number, "heading": kind,
        "number_line": number_line(bulletin.number, kind), "motto": motto_lines(bulletin.motto, kind),
        "place_date": place_and_date(bulletin.place, bulletin.date),
        "doc_title": bulletin.title, "date": bulletin.date, "bulletin_period": bulletin.period_name,
        "data_span": phrases.data_span(bulletin.period_name, year.year, bulletin.period == year.final_period,
                                       labels.date(end)),
        "signer": bulletin.signer, "signer_title": bulletin.signer_title.upper(),
        "recipients": bulletin.recipients, "sample": year.sample,
    }


def place_and_date(place: str, date: dt.date) -> str:
    """'Vĩnh Phúc, ngày 05 tháng 02 năm 2022': days below 10 and months 1 and 2 take a leading zero."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


KEEP_WITH_NEXT = 30  # mm: a heading starts a new page unless it and three lines of what follows fit
TABLE_SPACE = 5  # mm above a table: as far from the paragraph above as paragraphs are apart (below, fpdf2 leaves room)
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
VOID = {"br", "hr", "img", "wbr"}


def pdf(view: dict) -> bytes:
    """The bulletin of a page view (render.YearViews.bulletin) as a PDF document."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    sample = bool(view.get("sample"))

    class Document(FPDF):
        def header(self):
            if sample:
                sample_marks(self)
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
    doc.set_title(f"{SAMPLE_MARK}: {view['page_title']}" if sample else view["page_title"])
    doc.set_author(" ".join(view["issuer"]))
    doc.set_creator(f"scorecard {__version__}")
    if sample:
        doc.set_subject(SAMPLE_LINE)
    doc.add_page()
    document_heading(doc, view)
    document_body(doc, view)
    return bytes(doc.output())


def sample_marks(doc) -> None:
    """On every page of a sample year's bulletin: a line in the top margin and a light diagonal watermark,
    so a printed or forwarded copy never passes for a real document."""
    x, y = doc.get_x(), doc.get_y()
    doc.set_text_color(183, 28, 28)
    doc.set_font(FAMILY, "B", 10)
    doc.set_xy(MARGINS["left"], 8)
    doc.cell(0, 5, SAMPLE_LINE, align="C")
    doc.set_text_color(225, 225, 225)
    doc.set_font(FAMILY, "B", 72)
    width = doc.get_string_width(SAMPLE_MARK)
    with doc.rotation(55, x=doc.w / 2, y=doc.h / 2):
        doc.text(doc.w / 2 - width / 2, doc.h / 2 + 9, SAMPLE_MARK)
    doc.set_text_color(0, 0, 0)
    doc.set_xy(x, y)


def document_heading(doc, view: dict) -> None:
    """The heading block: issuing body and number at left, the Party's name or the national motto, place and
    date at right; then the word BẢN TIN, the title and what the figures cover."""
    from fpdf.enums import XPos, YPos

    top = doc.get_y()
    for i, line in enumerate(view["issuer"]):  # the superior body in plain capitals, the issuing body in bold
        doc.set_font(FAMILY, "B" if i == len(view["issuer"]) - 1 else "", 13)
        doc.multi_cell(LEFT_COLUMN, 6, line, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_font(FAMILY, "", 13)
    if view["heading"] == "dang":  # a Party document puts a star under the body's name
        doc.multi_cell(LEFT_COLUMN, 6, "*", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    else:  # a State document, a short rule (Nghị định 30/2020)
        rule = doc.get_y() + 1
        doc.line(MARGINS["left"] + LEFT_COLUMN * 0.35, rule, MARGINS["left"] + LEFT_COLUMN * 0.65, rule)
        doc.set_y(rule + 2)
    doc.multi_cell(LEFT_COLUMN, 6, view["number_line"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    left_bottom = doc.get_y()

    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, top)
    for i, line in enumerate(view["motto"]):  # the last line underlined: the motto's, or the Party's name
        last = i == len(view["motto"]) - 1
        doc.set_font(FAMILY, "BU" if last else "B", 12 if i == 0 and len(view["motto"]) > 1 else 13)
        doc.multi_cell(RIGHT_COLUMN, 6, line, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, doc.get_y() + 3)
    doc.set_font(FAMILY, "I", 13)
    doc.multi_cell(RIGHT_COLUMN, 6, view["place_date"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)

    doc.set_xy(MARGINS["left"], max(left_bottom, doc.get_y()) + 10)
    doc.set_font(FAMILY, "B", 14)
    doc.multi_cell(0, 7, "BẢN TIN", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.multi_cell(0, 7, view["doc_title"], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FAMILY, "I", 12)
    doc.multi_cell(0, 6, view["data_span"], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.ln(6)


def document_body(doc, view: dict) -> None:
    """The body, block by block: a rule (---) starts a page, a heading never ends one, tables stand apart
    from the paragraphs around them, and the last block goes with the signature, which never stands alone."""
    from fpdf.fonts import FontFace

    heading = FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE + 1)
    styles = {"h2": heading, "h3": FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE),
              "h4": FontFace(family=FAMILY, emphasis="BOLD", size_pt=BODY_SIZE)}

    blocks = body_blocks(pdf_html(str(view["body"])))
    for number, (tag, part) in enumerate(blocks):
        if tag == "hr":
            doc.add_page()
            continue
        if tag in HEADINGS and doc.will_page_break(KEEP_WITH_NEXT):
            doc.add_page()
        if number < len(blocks) - 1 or end_fits_after(doc, view, tag, part, styles):
            write_on(doc, tag, part, styles)
            continue
        # The last block and the signature do not fit on this page: the last item of a list, or the last
        # paragraph, goes over with the signature, so that it never stands alone on its page.
        head, tail = split_last_item(tag, part)
        if head:
            write_on(doc, tag, head, styles)
        if not fits_with_end(doc, view, tag, tail, styles) and doc.get_y() > doc.t_margin + 12 and \
                block_height(doc, tag, tail, styles) + end_height(doc, view) <= doc.eph:
            doc.add_page()
        write_on(doc, tag, tail, styles)
    document_end(doc, view)


def block_height(doc, tag: str, part: str, styles: dict) -> float:
    """How tall a block is where it would go now, tried on fpdf2's offset rendering (nothing is drawn)."""
    with doc.offset_rendering() as trial:
        y, page = trial.get_y(), trial.page
        write_on(trial, tag, part, styles)
        return (trial.page - page) * doc.eph + trial.get_y() - y


def end_fits_after(doc, view: dict, tag: str, part: str, styles: dict) -> bool:
    """Whether the document's end (signature, Nơi nhận) fits on the page where a block ends."""
    with doc.offset_rendering() as trial:
        write_on(trial, tag, part, styles)
        return not trial.will_page_break(end_height(trial, view))


def fits_with_end(doc, view: dict, tag: str, part: str, styles: dict) -> bool:
    """Whether a block and then the document's end (signature, Nơi nhận) fit on the current page."""
    return not doc.will_page_break(block_height(doc, tag, part, styles) + end_height(doc, view))


def write_on(doc, tag: str, part: str, styles: dict) -> None:
    """One block of the body, on the document or on a trial rendering of it (fpdf2's offset_rendering)."""
    doc.set_font(FAMILY, "", BODY_SIZE)
    if tag == "table":
        doc.ln(TABLE_SPACE)
    doc.write_html(part, font_family=FAMILY, table_line_separators=True, tag_styles=styles)


SIGNATURE_HEIGHT = 40  # mm: the signer's title, room for the signature and seal, the name
END_SPACE = 8  # mm between the body and the signature


def end_height(doc, view: dict) -> float:
    """How tall the end of the document is: the signature, or the "Nơi nhận" lines beside it if longer."""
    doc.set_font(FAMILY, "", 11)
    lines = sum(max(1, math.ceil(doc.get_string_width(f"- {r}") / (LEFT_COLUMN - 2))) for r in view.get("recipients") or ())
    return END_SPACE + max(SIGNATURE_HEIGHT, 6 + 5 * lines)


def document_end(doc, view: dict) -> None:
    """The end of the document: "Nơi nhận" at left and the signature at right, side by side, on one page."""
    from fpdf.enums import XPos, YPos

    recipients = view.get("recipients") or ()
    if doc.will_page_break(end_height(doc, view)):
        doc.add_page()
    else:
        doc.ln(END_SPACE)
    top = doc.get_y()
    if recipients:
        doc.set_xy(MARGINS["left"], top)
        doc.set_font(FAMILY, "BI", 12)
        doc.multi_cell(LEFT_COLUMN, 6, "Nơi nhận:", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        doc.set_font(FAMILY, "", 11)
        for line in recipients:
            doc.multi_cell(LEFT_COLUMN, 5, f"- {line}", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, top)
    if view["signer_title"]:
        doc.set_font(FAMILY, "B", 13)
        doc.multi_cell(RIGHT_COLUMN, 6, view["signer_title"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_xy(MARGINS["left"] + LEFT_COLUMN, doc.get_y() + 22)  # room for the signature and seal
    doc.set_font(FAMILY, "B", 13)
    doc.multi_cell(RIGHT_COLUMN, 6, view["signer"], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)


def body_blocks(html: str) -> list[tuple[str, str]]:
    """The body's top-level elements as (tag, HTML), in order: paragraphs, headings, lists, tables, rules."""
    blocks, depth, start, tag = [], 0, 0, ""
    for match in TAG.finditer(html):
        closing, name, self_closing = match.group(1) == "/", match.group(2).lower(), match.group(3) == "/"
        if name in VOID or self_closing:
            if depth == 0 and name == "hr":
                blocks.append(("hr", match.group(0)))
            continue
        if closing:
            depth -= 1
            if depth == 0:
                blocks.append((tag, html[start:match.end()]))
        else:
            if depth == 0:
                start, tag = match.start(), name
            depth += 1
    return blocks


def list_items(html: str) -> list[tuple[int, int]]:
    """Where each top-level <li> of a list's HTML starts and ends."""
    items, depth, start = [], 0, 0
    for match in TAG.finditer(html):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in ("li", "ul", "ol"):
            continue
        depth += -1 if closing else 1
        if name == "li" and not closing and depth == 2:
            start = match.start()
        elif name == "li" and closing and depth == 1:
            items.append((start, match.end()))
    return items


def split_last_item(tag: str, html: str) -> tuple[str, str]:
    """A list as (its items but the last, its last item as a list of its own, numbered on); any other block
    as ("", itself)."""
    items = list_items(html) if tag in ("ul", "ol") else []
    if len(items) < 2:
        return "", html
    opening = TAG.match(html).group(0)
    start, end = items[-1]
    head = html[:start] + f"</{tag}>"
    if tag == "ol":
        first = int(re.search(r'start="(\d+)"', opening).group(1)) if 'start="' in opening else 1
        opening = re.sub(r'\s*start="\d+"', "", opening).replace("<ol", f'<ol start="{first + len(items) - 1}"', 1)
    return head, opening + html[start:end] + f"</{tag}>"


def pdf_html(html: str) -> str:
    """The sanitised body, adjusted for fpdf2's HTML; links are kept as their text (a site-relative link
    means nothing on paper)."""
    html = re.sub(r"</?a\b[^>]*>", "", html).replace("<p>", f'<p align="justify" line-height="{LINE_HEIGHT}">')
    for tag in ("ul", "ol"):
        html = re.sub(rf"<{tag}(\s[^>]*)?>", lambda m: f'<{tag}{m.group(1) or ""} line-height="{LINE_HEIGHT}">', html)
    html = re.sub(r"<td>", '<td align="left">', html)
    html = re.sub(r"<thead>\s*<tr>(.*?)</tr>", header_widths, html, flags=re.S)
    return html.replace("<table>", '<table width="100%" align="left">')


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
    """The year's bulletins as an Atom feed (RFC 4287), newest first, links relative to the feed; a sample
    year's feed and entries say so in their titles and summaries (a feed reader shows nothing else)."""
    from . import labels, phrases

    year = report.year
    bulletins = report.bulletins
    name = f"Bản tin · {year.organisation} · Năm {year.year}" + (f" ({SAMPLE_MARK.lower()})" if year.sample else "")
    sample = f"{SAMPLE_LINE[:1]}{SAMPLE_LINE[1:].lower()}. " if year.sample else ""
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
        title = f"Bản tin số {b.number}: {b.title}"
        span = phrases.data_span(b.period_name, year.year, b.period == year.final_period,
                                 labels.date(year.periods.set_index("period_id").loc[b.period, "end"]))
        lines += ["  <entry>",
                  f"    <title>{xml_escape(f'[Dữ liệu mẫu] {title}' if year.sample else title)}</title>",
                  f"    <id>{feed_id(year.organisation, year.year, b.period)}</id>",
                  f"    <updated>{timestamp(b.date)}</updated>",
                  f"    <published>{timestamp(b.date)}</published>",
                  f'    <link rel="alternate" type="text/html" href="{b.period}.html"/>',
                  f'    <link rel="enclosure" type="application/pdf" href="{b.period}.pdf"/>',
                  f"    <summary>{xml_escape(f'{sample}{span}. Người ký: {b.signer}.')}</summary>",
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
