"""Pages that read true (issue 14 items 1 and 4): headline cards in the words of each indicator's rule,
and during the year, who is behind and by how much, with the mid-year count of "đạt" called what it is."""

from __future__ import annotations

import html as html_module
import re

import pytest

from scorecard import headlines
from scorecard.render import render_year

GROUPS = """
group_id,name
g,Nhóm G
h,Nhóm H
"""


def text(page: str) -> str:
    """A page's words without tags or repeated spaces."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def section(page: str, heading_id: str) -> str:
    """The words of the <h2> with that id and what follows it, up to the next <h2>."""
    start = page.index(f'<h2 id="{heading_id}">')
    end = page.find("<h2 ", start + 1)
    return text(page[start:end if end > 0 else None])


def mid_year(build_year, units: int = 2):
    """A year at h1 (181 of 365 days): unit u0 far behind on a count, u1 on track, a task of u0 overdue
    since q1, and a lower-is-better count over its maximum at u1; more units (all behind) when asked."""
    unit_rows = "\n".join(f"u{i},Đơn vị {i:02d},{'g' if i < 2 else 'h'}," for i in range(units))
    targets = ["unit_id,indicator_id,target,due,product"]
    results = ["unit_id,indicator_id,period,value,status"]
    for i in range(units):
        targets.append(f"u{i},n,100,,")
        results.append(f"u{i},n,h1,{60 if i == 1 else 20 + i},")
    targets += ["u0,t,,q1,Đề án chuyển đổi số", "u1,d,2,,"]
    results += ["u0,t,h1,,in_progress", "u1,d,h1,3,"]
    return build_year(units="unit_id,name,group_id,parent_id\n" + unit_rows, groups=GROUPS,
                      targets="\n".join(targets), results="\n".join(results))


def test_the_summary_names_who_is_behind_and_by_how_much(build_year):
    page = render_year(mid_year(build_year))["index.md"]
    behind = section(page, "cham-tien-do")
    assert "2 đơn vị có chỉ tiêu chậm tiến độ hoặc nhiệm vụ quá hạn: 2 chỉ tiêu chậm tiến độ, 1 nhiệm vụ quá hạn" \
        in behind
    # u0: 20 of 100 when 181/365 = 49,6% of the year has passed
    assert "Đơn vị 00 Số lượng 20 100 Chậm tiến độ đạt 20% chỉ tiêu năm; theo tiến độ cần 49,6%" in behind
    # u1's lower-is-better count: 3 cases against at most 2, already over
    assert "Đơn vị 01 Số vụ 3 2 Quá mức tối đa đã nhiều hơn 1" in behind
    # furthest first: 50% over the maximum before u0's 29,6 points behind the pace
    assert behind.index("Đơn vị 01 Số vụ") < behind.index("Đơn vị 00 Số lượng")
    # the overdue task: unit, task, the product expected, its due period
    assert "Đơn vị 00 Nhiệm vụ Đề án chuyển đổi số Kỳ q1 (31/03/2021)" in behind
    assert "Đơn vị 01 Số lượng" not in behind  # on track: not listed


def test_a_mid_year_count_of_met_says_it_is_the_full_year_target(build_year):
    page = render_year(mid_year(build_year))["index.md"]
    cards = section(page, "chi-tieu-chung")
    # n: 80 of 200 in the province; u1 (60 of 100) is on track, nobody has reached the year's target yet
    assert "80 / 200 (chỉ tiêu năm) Chậm tiến độ đạt 40% chỉ tiêu năm; theo tiến độ cần 49,6%" in cards
    assert "1/2 đơn vị đúng tiến độ" in cards and "đã đạt chỉ tiêu cả năm" not in cards
    assert "đơn vị đạt, 0%" not in cards
    assert "Đã đạt chỉ tiêu năm" in page  # the tables' column says the same


def test_the_group_page_lists_its_own_units_behind(build_year):
    pages = render_year(mid_year(build_year, units=4))
    group_h = section(pages["nhom/h.md"], "cham-tien-do")
    assert "Đơn vị 02" in group_h and "Đơn vị 03" in group_h
    assert "Đơn vị 00" not in group_h and "Đơn vị 01" not in group_h  # other group's
    assert 'href="../don-vi/u2.html"' in pages["nhom/h.md"]


def test_long_lists_show_the_worst_and_link_to_the_full_lists(build_year):
    units = headlines.BEHIND_ON_SUMMARY + 15
    pages = render_year(mid_year(build_year, units=units))
    behind = section(pages["index.md"], "cham-tien-do")
    late = units - 1  # every unit but u1 is behind on n; u1 is over on d
    assert f"{headlines.BEHIND_ON_SUMMARY} trong {late + 1} chỉ tiêu chậm tiến độ" in behind
    assert behind.count("Chậm tiến độ đạt") + behind.count("Quá mức tối đa đã") == headlines.BEHIND_ON_SUMMARY
    assert "Danh sách đầy đủ ở trang từng nhóm: Nhóm G (3); Nhóm H (" in behind
    assert 'href="nhom/h.html"' in pages["index.md"]
    group_h = section(pages["nhom/h.md"], "cham-tien-do")
    assert group_h.count("Chậm tiến độ đạt") == units - 2  # every one of its units, fewer than BEHIND_ON_GROUP


def test_nothing_is_behind_at_the_final_period(build_year):
    report = build_year(targets="unit_id,indicator_id,target\na,n,10", results="unit_id,indicator_id,period,value,status\n"
                        "a,n,y,5,")
    pages = render_year(report)
    assert 'id="cham-tien-do"' not in pages["index.md"] and 'id="cham-tien-do"' not in pages["nhom/g.md"]
    assert "1/1 đơn vị đạt" not in pages["index.md"] and "0/1 đơn vị đạt chỉ tiêu, 0%" in pages["index.md"]


@pytest.mark.parametrize("page, expected", [
    # the 2021 summary's card for the lower-is-better discipline indicator read "1 / 0 vụ — vượt 1"
    ("2021/index.html", 'Số vụ cán bộ vi phạm phải xử lý kỷ luật 1 / 0 vụ Không đạt nhiều hơn mức tối đa 1 vụ '
                        '(càng thấp càng tốt) 1/2 đơn vị đạt chỉ tiêu, 50%'),
    # and a card that fell short looked like one that was exceeded ("còn thiếu 179,5")
    ("2021/index.html", "Kim ngạch xuất khẩu 5.320,5 / 5.500 triệu USD Không đạt còn thiếu 179,5 triệu USD "
                        "0/1 đơn vị đạt chỉ tiêu, 0%"),
    ("2021/chi-tieu/vi-pham.html", "1 / 0 vụ Không đạt nhiều hơn mức tối đa 1 vụ"),
    ("2022/index.html", "7/11 đơn vị đúng hoặc vượt tiến độ, trong đó 2 đơn vị đã đạt chỉ tiêu cả năm"),
])
def test_the_sample_reads_true(sample_site, page, expected):
    assert expected in text((sample_site / page).read_text(encoding="utf-8"))


def test_the_sample_cards_carry_the_status_class(sample_site):
    html = (sample_site / "2021/index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<div class="sc-card sc-card-st-(\w+)">\s*<p class="sc-card-title"><a href="chi-tieu/([\w-]+)', html)
    assert dict((i, s) for s, i in cards) == {"ket-nap": "exceeded", "thu-hut-fdi": "exceeded",
                                             "thu-ngan-sach": "exceeded", "to-chuc-dang-dn": "exceeded",
                                             "vi-pham": "not_met", "xuat-khau": "not_met"}


@pytest.mark.browser
def test_a_cards_colour_is_its_status_in_the_browser(browser, server):
    """The colour repeats the status word on each card (the left border), and only on the card."""
    page = browser.new_page()
    page.goto(server + "2021/index.html")
    cards = page.evaluate("""() => Array.from(document.querySelectorAll('.sc-cards .sc-card')).map(card => ({
        id: card.querySelector('.sc-card-title a').getAttribute('href'),
        border: getComputedStyle(card).borderLeftColor, width: getComputedStyle(card).borderLeftWidth,
        badge: card.querySelector('.sc-card-status .badge').textContent,
        inner: Array.from(card.querySelectorAll('p')).map(p => getComputedStyle(p).borderLeftWidth)}))""")
    page.close()
    by_id = {c["id"]: c for c in cards}
    assert by_id["chi-tieu/vi-pham.html"]["border"] == "rgb(183, 28, 28)"  # red: a failure
    assert by_id["chi-tieu/vi-pham.html"]["badge"] == "Không đạt"
    assert by_id["chi-tieu/ket-nap.html"]["border"] == "rgb(46, 125, 50)"  # green: exceeded
    assert all(c["width"] == "6px" and set(c["inner"]) == {"0px"} for c in cards)


@pytest.mark.parametrize("page, row_of, expected", [
    # Bình Xuyên's poverty rate (lower is better): 0,81% against at most 0,9% at the year's end
    ("2021/don-vi/binh-xuyen.html", "chi-tieu/ho-ngheo.html", "Tốt hơn chỉ tiêu"),
    ("2021/chi-tieu/ho-ngheo.html", "don-vi/binh-xuyen.html", "Tốt hơn chỉ tiêu"),
    # Sở Tài nguyên và Môi trường: 1 discipline case against none
    ("2021/chi-tieu/vi-pham.html", "don-vi/so-tai-nguyen-moi-truong.html", "Không đạt"),
])
def test_a_table_row_words_its_status_by_the_rule(sample_site, page, row_of, expected):
    html = (sample_site / page).read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f'{row_of}"' in r)
    assert f">{expected}</span>" in row and "Vượt" not in row
    assert "Vượt" not in text(html.split('id="cac-don-vi"')[-1]) if "chi-tieu/" in page else True
