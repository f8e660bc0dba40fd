"""Write the bundled sample data: data/2021/, data/2022/ and data/2025/.

Run from the repository root:

    python tools/make_sample_data.py

It rewrites the files below byte for byte (deterministic, standard library
only). The figures that the source article gives (1.804 new party members
against 1.740 in the 9 districts, 24 new party organisations in private
enterprises, Yên Lạc's 180, KEHIN's 2 -> 7) come out of the per-unit rows
here; no total is typed anywhere. Everything else is invented, plausible
sample data: the year.yml of every year says `sample: true`.

2025 is the first year after the reform of 1/7/2025: Vĩnh Phúc (and Hòa Bình)
merged into Phú Thọ, districts abolished, communes and wards (xã, phường)
directly under the province; it is rated by Quy định 366-QĐ/TW (`rating:
{method: qd366}`), and its units hit each of that rule's branches (see
year_2025).

Files written:
    data/2021/{year.yml,groups.csv,units.csv,indicators.csv,targets.csv,results.csv,ratings.csv,officials.csv}
    data/2022/{year.yml,groups.csv,units.csv,indicators.csv,targets.csv,results.csv,officials.csv}
    data/2025/{year.yml,groups.csv,units.csv,indicators.csv,targets.csv,results.csv,ratings.csv}

officials.csv names the officials of every top-level unit, read from the units'
`head` texts, with the rotations (luân chuyển) of ROTATIONS: in 2021 the
secretary of Vĩnh Tường and the head of the Organisation Board swap posts in
July; in 2022 Yên Lạc's chairman becomes director of the Home Affairs
Department on 1 March, whose director left on 28 February (before the first
period ends). The same person keeps the same official_id in both years.
"""

import csv
import io
import os
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")

ORGANISATION = "Tỉnh ủy Vĩnh Phúc"
PERIODS = [("q1", "Quý I", "03-31"), ("h1", "6 tháng đầu năm", "06-30"),
           ("9m", "9 tháng", "09-30"), ("y", "Cả năm", "12-31")]
STATUS = {"n": "not_started", "i": "in_progress", "d": "done"}


# ---------------------------------------------------------------- writing

def nfc(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    raise TypeError(value)


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(unicodedata.normalize("NFC", text))


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([nfc(row.get(column)) for column in header])
    write_text(path, buffer.getvalue())


# When the (invented) data was last changed: shown on every page, and fixed so that
# the sample site's bytes do not depend on when the files were checked out.
UPDATED = {2021: "2022-01-20", 2022: "2022-10-12", 2025: "2026-01-20"}


def write_year_yml(year, title, current, path, organisation=ORGANISATION,
                   periods=PERIODS, rating="{method: targets}"):
    lines = [
        f'title: "{title}"',
        f'organisation: "{organisation}"',
        "periods:",
    ]
    for pid, name, end in periods:
        lines.append(f'  - {{id: {pid}, name: "{name}", end: {year}-{end}}}')
    lines += [
        f"current_period: {current}",
        f"updated: {UPDATED[year]}",
        "sample: true",
        f"rating: {rating}",
        "",
    ]
    write_text(path, "\n".join(lines))


# ---------------------------------------------------------- building rows

class Year:
    """Collects the rows of one year's tables."""

    def __init__(self, periods):
        self.periods = periods
        self.groups, self.units, self.indicators = [], [], []
        self.targets, self.results = [], []

    def group(self, gid, name, note=None):
        self.groups.append({"group_id": gid, "name": name,
                            "order": len(self.groups) + 1, "_ghi_chu": note})

    def unit(self, uid, name, gid, head, parent=None, note=None):
        order = 1 + sum(1 for u in self.units if u["group_id"] == gid)
        self.units.append({"unit_id": uid, "name": name, "group_id": gid,
                           "parent_id": parent, "head": head, "order": order,
                           "_ghi_chu": note})

    def indicator(self, iid, name, kind, measure=None, direction=None,
                  category=None):
        self.indicators.append({"indicator_id": iid, "name": name,
                                "kind": kind, "measure": measure,
                                "direction": direction, "category": category})

    def number(self, uid, iid, target, values, weight=None, note=None,
               notes=None):
        """values: one per period in order, None = no result row."""
        assert len(values) == len(self.periods), (uid, iid)
        self.targets.append({"unit_id": uid, "indicator_id": iid,
                             "target": target, "weight": weight,
                             "note": note})
        notes = notes or {}
        for pid, value in zip(self.periods, values):
            if value is None:
                continue
            self.results.append({"unit_id": uid, "indicator_id": iid,
                                 "period": pid, "value": value,
                                 "note": notes.get(pid)})

    def task(self, uid, iid, product, due, progress, evidence=None,
             weight=None, note=None, notes=None):
        """progress: one letter per period (n/i/d), '-' = no result row."""
        assert len(progress) == len(self.periods), (uid, iid)
        self.targets.append({"unit_id": uid, "indicator_id": iid,
                             "weight": weight, "due": due,
                             "product": product, "note": note})
        notes = notes or {}
        for pid, letter in zip(self.periods, progress):
            if letter == "-":
                continue
            status = STATUS[letter]
            self.results.append({
                "unit_id": uid, "indicator_id": iid, "period": pid,
                "status": status,
                "evidence": evidence if status == "done" else None,
                "note": notes.get(pid)})

    def write(self, folder):
        write_csv(os.path.join(folder, "groups.csv"),
                  ["group_id", "name", "order", "_ghi_chu"], self.groups)
        write_csv(os.path.join(folder, "units.csv"),
                  ["unit_id", "name", "group_id", "parent_id", "head",
                   "order", "_ghi_chu"], self.units)
        write_csv(os.path.join(folder, "indicators.csv"),
                  ["indicator_id", "name", "kind", "measure", "direction",
                   "category"], self.indicators)
        write_csv(os.path.join(folder, "targets.csv"),
                  ["unit_id", "indicator_id", "target", "weight", "due",
                   "product", "note"], self.targets)
        write_csv(os.path.join(folder, "results.csv"),
                  ["unit_id", "indicator_id", "period", "value", "status",
                   "evidence", "note"], self.results)


# ------------------------------------------------------ shared structure

# The 9 districts and cities of Vĩnh Phúc (2021-2022) and who answers.
DISTRICTS = [
    ("vinh-yen", "Thành ủy Vĩnh Yên",
     "Bí thư Thành ủy Nguyễn Văn Hải, Chủ tịch UBND thành phố Trần Quốc Bảo"),
    ("phuc-yen", "Thành ủy Phúc Yên",
     "Bí thư Thành ủy Lê Thị Thu Hà, Chủ tịch UBND thành phố Phạm Văn Long"),
    ("binh-xuyen", "Huyện ủy Bình Xuyên",
     "Bí thư Huyện ủy Đỗ Minh Tuấn, Chủ tịch UBND huyện Nguyễn Đức Thắng"),
    ("yen-lac", "Huyện ủy Yên Lạc",
     "Bí thư Huyện ủy Nguyễn Văn Tiến, Chủ tịch UBND huyện Hoàng Văn Sơn"),
    ("vinh-tuong", "Huyện ủy Vĩnh Tường",
     "Bí thư Huyện ủy Trần Văn Khải, Chủ tịch UBND huyện Lê Minh Đức"),
    ("tam-duong", "Huyện ủy Tam Dương",
     "Bí thư Huyện ủy Phùng Văn Hòa, Chủ tịch UBND huyện Nguyễn Thị Lan"),
    ("tam-dao", "Huyện ủy Tam Đảo",
     "Bí thư Huyện ủy Dương Văn Quyết, Chủ tịch UBND huyện Kim Văn Thành"),
    ("lap-thach", "Huyện ủy Lập Thạch",
     "Bí thư Huyện ủy Vũ Văn Cường, Chủ tịch UBND huyện Tạ Quang Vinh"),
    ("song-lo", "Huyện ủy Sông Lô",
     "Bí thư Huyện ủy Lưu Văn Phúc, Chủ tịch UBND huyện Ngô Đức Anh"),
]

PARTY_BOARDS = [
    ("ban-to-chuc", "Ban Tổ chức Tỉnh ủy", "Trưởng ban Nguyễn Thị Hương"),
    ("ban-tuyen-giao", "Ban Tuyên giáo Tỉnh ủy", "Trưởng ban Trần Văn Định"),
    ("ban-dan-van", "Ban Dân vận Tỉnh ủy", "Trưởng ban Lê Thị Mai"),
    ("uy-ban-kiem-tra", "Ủy ban Kiểm tra Tỉnh ủy",
     "Chủ nhiệm Ủy ban Kiểm tra Phạm Minh Khoa"),
    ("ban-noi-chinh", "Ban Nội chính Tỉnh ủy", "Trưởng ban Hoàng Văn Toàn"),
    ("van-phong-tinh-uy", "Văn phòng Tỉnh ủy",
     "Chánh Văn phòng Nguyễn Quang Huy"),
    ("truong-chinh-tri", "Trường Chính trị tỉnh",
     "Hiệu trưởng Đào Thị Ngọc Anh"),
]

PARTY_COMMITTEES = [
    ("dang-uy-khoi-co-quan", "Đảng ủy Khối các cơ quan tỉnh",
     "Bí thư Đảng ủy Khối Nguyễn Thanh Tùng"),
    ("dang-uy-khoi-doanh-nghiep", "Đảng ủy Khối doanh nghiệp tỉnh",
     "Bí thư Đảng ủy Khối Bùi Văn Lợi"),
]

MASS_ORGANISATIONS = [
    ("mttq-tinh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
     "Chủ tịch Ủy ban MTTQ tỉnh Trần Thị Kim Oanh"),
    ("tinh-doan", "Tỉnh đoàn", "Bí thư Tỉnh đoàn Nguyễn Hoàng Nam"),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ tỉnh",
     "Chủ tịch Hội Nguyễn Thị Thanh Bình"),
    ("hoi-nong-dan", "Hội Nông dân tỉnh", "Chủ tịch Hội Lê Văn Chiến"),
]

MASS_ORGANISATIONS_2022 = [
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh tỉnh",
     "Chủ tịch Hội Đặng Văn Thịnh"),
    ("lien-doan-lao-dong", "Liên đoàn Lao động tỉnh",
     "Chủ tịch Liên đoàn Phan Thị Hồng Nhung"),
]

DEPARTMENTS = [
    ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư",
     "Giám đốc Sở Nguyễn Văn Quang"),
    ("so-tai-chinh", "Sở Tài chính", "Giám đốc Sở Trịnh Thị Thu Trang"),
    ("so-noi-vu", "Sở Nội vụ", "Giám đốc Sở Lê Quang Minh"),
    ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường",
     "Giám đốc Sở Đỗ Văn Hùng"),
    ("so-xay-dung", "Sở Xây dựng", "Giám đốc Sở Phạm Đức Thịnh"),
    ("so-cong-thuong", "Sở Công Thương", "Giám đốc Sở Vũ Thị Hạnh"),
]

NOTE_INVENTED_FIRM = "Tên doanh nghiệp là giả định (dữ liệu mẫu)"
NOTE_KEHIN = ("Bài báo không nêu địa bàn của Công ty KEHIN: "
              "xếp vào Bình Xuyên là giả định (dữ liệu mẫu)")

# Grassroots party organisations: (id, name, parent, head, note, in 2022?)
GRASSROOTS = [
    ("dang-bo-xa-dong-cuong", "Đảng bộ xã Đồng Cương", "yen-lac",
     "Bí thư Đảng ủy xã Nguyễn Văn Đông", None, True),
    ("dang-bo-xa-trung-nguyen", "Đảng bộ xã Trung Nguyên", "yen-lac",
     "Bí thư Đảng ủy xã Trần Thị Nguyệt", None, True),
    ("dang-bo-tt-yen-lac", "Đảng bộ thị trấn Yên Lạc", "yen-lac",
     "Bí thư Đảng ủy thị trấn Lê Văn Trường", None, True),
    ("chi-bo-cty-hung-thinh", "Chi bộ Công ty TNHH May Hưng Thịnh", "yen-lac",
     "Bí thư Chi bộ Phạm Thị Thoa", NOTE_INVENTED_FIRM, True),
    ("chi-bo-cty-an-phu", "Chi bộ Công ty cổ phần Thương mại An Phú",
     "yen-lac", "Bí thư Chi bộ Hoàng Văn Phú", NOTE_INVENTED_FIRM, False),
    ("kehin", "Chi bộ Công ty cổ phần KEHIN", "binh-xuyen",
     "Bí thư Chi bộ Nguyễn Văn Nam, Phó Tổng giám đốc Công ty", NOTE_KEHIN,
     True),
    ("dang-bo-tt-huong-canh", "Đảng bộ thị trấn Hương Canh", "binh-xuyen",
     "Bí thư Đảng ủy thị trấn Nguyễn Đức Canh", None, False),
    ("dang-bo-xa-ba-hien", "Đảng bộ xã Bá Hiến", "binh-xuyen",
     "Bí thư Đảng ủy xã Đỗ Văn Hiền", None, True),
]


# ------------------------------------------------------------------- 2021

def year_2021():
    y = Year(["q1", "h1", "9m", "y"])

    y.group("huyen", "Ban Thường vụ huyện ủy, thành ủy")
    y.group("dang-doan-the",
            "Cơ quan khối Đảng, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh")
    y.group("so", "Giám đốc các sở")
    y.group("co-so", "Tổ chức cơ sở đảng",
            "Chỉ tiêu do huyện ủy, thành ủy giao, có ký cam kết")

    for uid, name, head in DISTRICTS:
        y.unit(uid, name, "huyen", head)
    for uid, name, head in PARTY_BOARDS + PARTY_COMMITTEES + MASS_ORGANISATIONS:
        y.unit(uid, name, "dang-doan-the", head)
    for uid, name, head in DEPARTMENTS:
        y.unit(uid, name, "so", head)
    for uid, name, parent, head, note, _ in GRASSROOTS:
        y.unit(uid, name, "co-so", head, parent=parent, note=note)

    y.indicator("ket-nap", "Kết nạp đảng viên mới", "count", "đảng viên",
                "up", "Xây dựng Đảng")
    y.indicator("to-chuc-dang-dn",
                "Thành lập tổ chức đảng trong doanh nghiệp tư nhân", "count",
                "tổ chức", "up", "Xây dựng Đảng")
    y.indicator("ban-chi-dao",
                "Thành lập Ban Chỉ đạo thực hiện chỉ tiêu giao bằng sản phẩm",
                "task", None, None, "Xây dựng Đảng")
    y.indicator("vi-pham", "Số vụ cán bộ vi phạm phải xử lý kỷ luật", "count",
                "vụ", "down", "Xây dựng Đảng")
    y.indicator("ho-ngheo", "Tỷ lệ hộ nghèo", "rate", "%", "down",
                "Kinh tế - xã hội")
    y.indicator("thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn",
                "amount", "tỷ đồng", "up", "Kinh tế - xã hội")
    y.indicator("thu-hut-fdi", "Vốn đầu tư trực tiếp nước ngoài thu hút",
                "amount", "triệu USD", "up", "Kinh tế - xã hội")
    y.indicator("giai-ngan", "Tỷ lệ giải ngân kế hoạch vốn đầu tư công",
                "rate", "%", "up", "Kinh tế - xã hội")
    y.indicator("xuat-khau", "Kim ngạch xuất khẩu", "amount", "triệu USD",
                "up", "Kinh tế - xã hội")
    for n in (1, 2, 3):
        y.indicator(f"nhiem-vu-{n}", f"Nhiệm vụ {n}", "task", None, None,
                    "Nhiệm vụ được giao")

    # --- districts: new party members (targets sum 1740, year 1804) -----
    ket_nap = {
        #             target  q1   h1   9m    y
        "vinh-yen":   (200, [36, 92, 150, 208]),
        "phuc-yen":   (170, [28, 80, 125, 170]),
        "binh-xuyen": (230, [45, 118, 176, 241]),
        "yen-lac":    (180, [38, 96, 142, 189]),
        "vinh-tuong": (250, [40, 121, 190, 262]),
        "tam-duong":  (190, [30, 88, 141, 196]),
        "tam-dao":    (150, [22, 64, 108, 153]),
        "lap-thach":  (200, [35, 97, 149, 208]),
        "song-lo":    (170, [27, 80, 128, 177]),
    }
    # --- districts: party organisations in private enterprises (year 24) -
    to_chuc = {
        "vinh-yen":   (2, [0, 1, 1, 2]),
        "phuc-yen":   (2, [1, 1, 2, 3]),
        "binh-xuyen": (4, [1, 2, 4, 5]),
        "yen-lac":    (3, [0, 1, 3, 4]),
        "vinh-tuong": (2, [0, 1, 2, 3]),
        "tam-duong":  (2, [0, 0, 1, 2]),
        "tam-dao":    (1, [0, 0, 1, 1]),
        "lap-thach":  (2, [0, 1, 1, 2]),
        "song-lo":    (1, [0, 1, 1, 2]),
    }
    ho_ngheo = {
        "vinh-yen":   (0.5, [0.68, 0.61, 0.55, 0.42]),
        "phuc-yen":   (0.7, [0.92, 0.85, 0.76, 0.63]),
        "binh-xuyen": (0.9, [1.15, 1.05, 0.96, 0.81]),
        "yen-lac":    (1.0, [1.32, 1.21, 1.08, 0.94]),
        "vinh-tuong": (1.2, [1.58, 1.44, 1.3, 1.12]),
        "tam-duong":  (1.5, [1.96, 1.82, 1.65, 1.41]),
        "tam-dao":    (3.0, [3.85, 3.62, 3.41, 3.2]),
        "lap-thach":  (2.5, [3.21, 3.02, 2.78, 2.5]),
        "song-lo":    (2.8, [3.6, 3.35, 3.1, 2.66]),
    }
    thu_ngan_sach = {
        "vinh-yen":   (2100, [512.4, 1085.7, 1596.3, 2236.8]),
        "phuc-yen":   (1350, [318.2, 702.5, 1034.6, 1402.1]),
        "binh-xuyen": (2600, [640.5, 1350.2, 1995.8, 2781.4]),
        "yen-lac":    (520, [118.6, 265.3, 398.7, 561.2]),
        "vinh-tuong": (610, [140.2, 305.8, 452.1, 648.9]),
        "tam-duong":  (480, [98.4, 214.7, 330.5, 455.6]),
        "tam-dao":    (390, [85.3, 190.2, 290.4, 402.7]),
        "lap-thach":  (350, [78.1, 170.4, 262.8, 350]),
        "song-lo":    (260, [55.7, 128.3, 196.4, 271.5]),
    }
    steering = {  # decision setting up the district's steering committee
        "vinh-yen": "Quyết định số 215-QĐ/ThU ngày 25/01/2021",
        "phuc-yen": "Quyết định số 198-QĐ/ThU ngày 27/01/2021",
        "binh-xuyen": "Quyết định số 402-QĐ/HU ngày 22/01/2021",
        "yen-lac": "Quyết định số 386-QĐ/HU ngày 20/01/2021",
        "vinh-tuong": "Quyết định số 451-QĐ/HU ngày 28/01/2021",
        "tam-duong": "Quyết định số 317-QĐ/HU ngày 02/02/2021",
        "tam-dao": "Quyết định số 289-QĐ/HU ngày 29/01/2021",
        "lap-thach": "Quyết định số 362-QĐ/HU ngày 04/02/2021",
        "song-lo": "Quyết định số 274-QĐ/HU ngày 26/01/2021",
    }
    for uid, _, _ in DISTRICTS:
        note = None
        if uid == "yen-lac":
            note = ("Nghị quyết Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025: "
                    "mỗi năm kết nạp từ 180 đảng viên trở lên")
        target, values = ket_nap[uid]
        y.number(uid, "ket-nap", target, values, weight=2, note=note)

        note = ("Cả nhiệm kỳ 2016-2020 toàn tỉnh thành lập 19 tổ chức đảng "
                "trong doanh nghiệp")
        if uid == "yen-lac":
            note = ("Đầu năm huyện có 5 tổ chức đảng trong doanh nghiệp tư "
                    "nhân. " + note)
        target, values = to_chuc[uid]
        y.number(uid, "to-chuc-dang-dn", target, values, note=note)

        target, values = ho_ngheo[uid]
        notes = {"y": "Chưa đạt do ảnh hưởng của dịch COVID-19"} \
            if uid == "tam-dao" else None
        y.number(uid, "ho-ngheo", target, values, notes=notes)

        target, values = thu_ngan_sach[uid]
        notes = {"y": "Hụt thu tiền sử dụng đất"} \
            if uid == "tam-duong" else None
        y.number(uid, "thu-ngan-sach", target, values, notes=notes)

        y.task(uid, "ban-chi-dao",
               "Quyết định thành lập Ban Chỉ đạo, đôn đốc thực hiện các chỉ "
               "tiêu được giao", "q1", "dddd", evidence=steering[uid])

    # --- provincial party boards, committees, Front, mass organisations --
    T = y.task
    T("ban-to-chuc", "nhiem-vu-1",
      "Quy định giao nhiệm vụ và đánh giá cán bộ bằng sản phẩm trình Ban "
      "Thường vụ Tỉnh ủy ban hành", "q1", "dddd",
      evidence="Quy định số 03-QĐi/TU ngày 08/01/2021")
    T("ban-to-chuc", "nhiem-vu-2",
      "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, "
      "đảng viên năm 2021", "9m", "iddd",
      evidence="Hướng dẫn số 12-HD/BTCTU ngày 25/6/2021")
    T("ban-to-chuc", "nhiem-vu-3",
      "Đề án quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý nhiệm kỳ "
      "2025-2030", "y", "nidd",
      evidence="Đề án số 05-ĐA/TU ngày 20/9/2021")

    T("ban-tuyen-giao", "nhiem-vu-1",
      "Kế hoạch tuyên truyền việc giao nhiệm vụ và đánh giá cán bộ bằng "
      "sản phẩm", "q1", "dddd",
      evidence="Kế hoạch số 18-KH/BTGTU ngày 22/3/2021")
    T("ban-tuyen-giao", "nhiem-vu-2",
      "Chuyên mục định kỳ trên Báo Vĩnh Phúc và Đài Phát thanh - Truyền "
      "hình tỉnh", "h1", "iddd",
      evidence="Chuyên mục phát hành hằng tuần từ tháng 4/2021")
    T("ban-tuyen-giao", "nhiem-vu-3",
      "Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
      "y", "niid", evidence="Báo cáo số 96-BC/TU ngày 10/12/2021")

    T("ban-dan-van", "nhiem-vu-1",
      "Đề án nâng cao chất lượng công tác dân vận chính quyền", "9m", "iddd",
      evidence="Đề án số 03-ĐA/TU ngày 18/6/2021")
    T("ban-dan-van", "nhiem-vu-2",
      "Quy chế phối hợp giữa Ban Dân vận Tỉnh ủy với Ban cán sự đảng UBND "
      "tỉnh", "h1", "iddd",
      evidence="Quy chế số 07-QC/BDVTU ngày 30/6/2021")

    T("uy-ban-kiem-tra", "nhiem-vu-1",
      "Chương trình kiểm tra, giám sát năm 2021 của Ban Thường vụ Tỉnh ủy",
      "q1", "dddd", evidence="Chương trình số 02-CTr/TU ngày 15/01/2021")
    T("uy-ban-kiem-tra", "nhiem-vu-2",
      "Hoàn thành 100% cuộc kiểm tra khi có dấu hiệu vi phạm theo chương "
      "trình", "y", "iiid",
      evidence="Báo cáo số 41-BC/UBKTTU ngày 20/12/2021")
    T("uy-ban-kiem-tra", "nhiem-vu-3",
      "Báo cáo giám sát chuyên đề việc kê khai tài sản, thu nhập", "9m",
      "niid", evidence="Báo cáo số 35-BC/UBKTTU ngày 27/9/2021")

    T("ban-noi-chinh", "nhiem-vu-1",
      "Đề án nâng cao hiệu quả công tác phòng, chống tham nhũng, tiêu cực "
      "giai đoạn 2021-2025", "h1", "iddd", weight=2,
      evidence="Đề án số 04-ĐA/TU ngày 24/6/2021")
    T("ban-noi-chinh", "nhiem-vu-2",
      "Báo cáo rà soát, đôn đốc xử lý các vụ việc, vụ án tham nhũng dư luận "
      "quan tâm", "9m", "iidd",
      evidence="Báo cáo số 58-BC/BNCTU ngày 28/9/2021")
    T("ban-noi-chinh", "nhiem-vu-3",
      "Quy chế phối hợp giữa các cơ quan tư pháp trong giải quyết khiếu nại, "
      "tố cáo", "9m", "niii",
      notes={"y": "Dự thảo đang lấy ý kiến các cơ quan"})

    T("van-phong-tinh-uy", "nhiem-vu-1",
      "Phần mềm quản lý văn bản và điều hành liên thông đến cấp ủy cơ sở",
      "y", "iiid", evidence="Đưa vào vận hành từ ngày 01/12/2021")
    T("van-phong-tinh-uy", "nhiem-vu-2",
      "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVII, nhiệm kỳ "
      "2020-2025", "q1", "dddd",
      evidence="Quy chế số 01-QC/TU ngày 12/01/2021")

    T("truong-chinh-tri", "nhiem-vu-1",
      "Mở 4 lớp trung cấp lý luận chính trị - hành chính cho cán bộ cơ sở",
      "y", "iidd", evidence="Khai giảng lớp thứ tư ngày 06/9/2021")
    T("truong-chinh-tri", "nhiem-vu-2",
      "Chương trình bồi dưỡng cấp ủy viên cơ sở nhiệm kỳ 2020-2025", "h1",
      "iddd", evidence="Quyết định số 86-QĐ/TCT ngày 14/5/2021")
    T("truong-chinh-tri", "nhiem-vu-3",
      "Hồ sơ đề nghị công nhận Trường Chính trị đạt chuẩn", "y", "niid",
      evidence="Tờ trình số 112-TTr/TCT ngày 15/12/2021")

    T("dang-uy-khoi-co-quan", "nhiem-vu-1",
      "Kế hoạch kết nạp đảng viên, củng cố tổ chức đảng trong các cơ quan "
      "khối", "q1", "dddd", evidence="Kế hoạch số 09-KH/ĐUK ngày 05/3/2021")
    T("dang-uy-khoi-co-quan", "nhiem-vu-2",
      "Kiện toàn 100% cấp ủy chi, đảng bộ cơ sở trực thuộc", "h1", "iddd",
      evidence="Báo cáo số 27-BC/ĐUK ngày 29/6/2021")

    T("dang-uy-khoi-doanh-nghiep", "nhiem-vu-1",
      "Đề án phát triển tổ chức đảng, đảng viên trong doanh nghiệp ngoài "
      "nhà nước", "9m", "iddd",
      evidence="Đề án số 02-ĐA/ĐUK ngày 21/6/2021")
    T("dang-uy-khoi-doanh-nghiep", "nhiem-vu-2",
      "Hướng dẫn giao chỉ tiêu kết nạp đảng viên cho các chi, đảng bộ doanh "
      "nghiệp", "q1", "dddd",
      evidence="Hướng dẫn số 04-HD/ĐUK ngày 19/02/2021")
    T("dang-uy-khoi-doanh-nghiep", "nhiem-vu-3",
      "Sơ kết quy chế phối hợp giữa cấp ủy và ban giám đốc doanh nghiệp",
      "y", "nidd", evidence="Báo cáo số 44-BC/ĐUK ngày 24/9/2021")

    T("mttq-tinh", "nhiem-vu-1",
      "Chương trình giám sát, phản biện xã hội năm 2021", "q1", "dddd",
      evidence="Chương trình số 01-CTr/MTTQ-BTT ngày 20/01/2021")
    T("mttq-tinh", "nhiem-vu-2",
      "Hiệp thương, giới thiệu người ứng cử đại biểu Quốc hội khóa XV và "
      "HĐND các cấp đúng luật", "h1", "iddd",
      evidence="Biên bản hội nghị hiệp thương lần thứ ba ngày 20/4/2021")
    T("mttq-tinh", "nhiem-vu-3",
      "Vận động Quỹ Vì người nghèo và an sinh xã hội, xây 200 nhà đại đoàn "
      "kết", "y", "iiid", evidence="Báo cáo số 52-BC/MTTQ-BTT ngày "
      "15/12/2021")

    T("tinh-doan", "nhiem-vu-1",
      "Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp", "y", "iidd",
      evidence="Báo cáo số 210-BC/TĐTN ngày 28/9/2021")
    T("tinh-doan", "nhiem-vu-2",
      "Công trình thanh niên cấp tỉnh “Thắp sáng đường quê”", "9m", "iddd",
      evidence="Gắn biển công trình ngày 26/3/2021")
    T("tinh-doan", "nhiem-vu-3",
      "Đề án hỗ trợ thanh niên khởi nghiệp giai đoạn 2021-2025", "y",
      "niid", evidence="Đề án số 01-ĐA/TĐTN ngày 08/12/2021")

    T("hoi-phu-nu", "nhiem-vu-1",
      "Chương trình hỗ trợ phụ nữ khởi nghiệp, phát triển kinh tế", "y",
      "iiid", weight=2, evidence="Báo cáo số 75/BC-HPN ngày 16/12/2021")
    T("hoi-phu-nu", "nhiem-vu-2",
      "Giới thiệu hội viên ưu tú cho Đảng xem xét kết nạp", "h1", "iddd",
      evidence="Báo cáo số 39/BC-HPN ngày 25/6/2021")
    T("hoi-phu-nu", "nhiem-vu-3",
      "Mô hình “Gia đình 5 không, 3 sạch” tại 100% chi hội", "9m", "niid",
      evidence="Báo cáo số 81/BC-HPN ngày 22/12/2021",
      notes={"9m": "Còn 12 chi hội chưa xây dựng mô hình"})

    T("hoi-nong-dan", "nhiem-vu-1",
      "Tăng nguồn Quỹ Hỗ trợ nông dân thêm 5 tỷ đồng", "y", "iiid",
      weight=2, evidence="Báo cáo số 118-BC/HNDT ngày 17/12/2021")
    T("hoi-nong-dan", "nhiem-vu-2",
      "Đề án nâng cao chất lượng hoạt động của chi hội nông dân nghề "
      "nghiệp", "9m", "iidd",
      evidence="Đề án số 02-ĐA/HNDT ngày 23/9/2021")
    T("hoi-nong-dan", "nhiem-vu-3",
      "Xây dựng 10 mô hình kinh tế tập thể của hội viên nông dân", "y",
      "nii-", notes={"9m": "Đã xây dựng 6 mô hình"})

    # --- department directors --------------------------------------------
    y.number("so-ke-hoach-dau-tu", "thu-hut-fdi", 500,
             [95.3, 240.6, 412.8, 640.2], weight=2)
    T("so-ke-hoach-dau-tu", "nhiem-vu-1",
      "Báo cáo rà soát, đề xuất thu hồi các dự án đầu tư chậm tiến độ",
      "9m", "iidd", evidence="Báo cáo số 245/BC-SKHĐT ngày 27/9/2021")

    y.number("so-tai-chinh", "giai-ngan", 95, [18.5, 45.2, 70.3, 96.2])
    T("so-tai-chinh", "nhiem-vu-1",
      "Phương án phân bổ dự toán ngân sách năm 2022 trình HĐND tỉnh", "y",
      "niid", evidence="Tờ trình số 188/TTr-UBND ngày 25/11/2021")
    T("so-tai-chinh", "nhiem-vu-2",
      "Phương án sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước", "9m",
      "iidd", evidence="Quyết định số 2531/QĐ-UBND ngày 29/9/2021")

    y.number("so-noi-vu", "vi-pham", 0, [0, 0, 0, 0])
    T("so-noi-vu", "nhiem-vu-1",
      "Đề án vị trí việc làm trong các cơ quan hành chính tỉnh", "y", "iidd",
      evidence="Quyết định số 2468/QĐ-UBND ngày 21/9/2021")
    T("so-noi-vu", "nhiem-vu-2",
      "Kế hoạch tổ chức bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp",
      "h1", "iddd", evidence="Kế hoạch số 45/KH-UBND ngày 18/02/2021")

    y.number("so-tai-nguyen-moi-truong", "vi-pham", 0, [0, 0, 1, 1],
             notes={"9m": "01 công chức bị xử lý kỷ luật khiển trách"})
    T("so-tai-nguyen-moi-truong", "nhiem-vu-1",
      "Bảng giá đất điều chỉnh năm 2021", "h1", "iddd",
      evidence="Quyết định số 1520/QĐ-UBND ngày 22/6/2021")
    T("so-tai-nguyen-moi-truong", "nhiem-vu-2",
      "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho các thửa đất đủ "
      "điều kiện còn tồn đọng", "y", "iiii",
      notes={"y": "Đạt 91% số thửa đủ điều kiện"})

    T("so-xay-dung", "nhiem-vu-1",
      "Đồ án điều chỉnh Quy hoạch chung đô thị Vĩnh Phúc trình phê duyệt",
      "y", "iiid", evidence="Tờ trình số 3105/TTr-SXD ngày 20/12/2021")
    T("so-xay-dung", "nhiem-vu-2",
      "Kế hoạch phát triển nhà ở tỉnh giai đoạn 2021-2025", "9m", "iddd",
      evidence="Quyết định số 1478/QĐ-UBND ngày 15/6/2021")
    T("so-xay-dung", "nhiem-vu-3",
      "Hướng dẫn thực hiện tiêu chí nhà ở nông thôn mới nâng cao", "h1",
      "iddd", evidence="Hướng dẫn số 1250/HD-SXD ngày 28/5/2021")

    y.number("so-cong-thuong", "xuat-khau", 5500,
             [1210.4, 2580.9, 3905.2, 5320.5],
             notes={"y": "Thiếu linh kiện điện tử, chíp bán dẫn"})
    T("so-cong-thuong", "nhiem-vu-1",
      "Phương án phát triển cụm công nghiệp tích hợp vào Quy hoạch tỉnh",
      "y", "iiid", weight=2,
      evidence="Báo cáo số 512/BC-SCT ngày 14/12/2021")
    T("so-cong-thuong", "nhiem-vu-2",
      "Chương trình khuyến công năm 2021", "h1", "iddd", weight=2,
      evidence="Quyết định số 598/QĐ-UBND ngày 10/3/2021")

    # --- grassroots party organisations (commitments signed with the
    # district; their sums stay below the district's own figure) ----------
    y.number("dang-bo-xa-dong-cuong", "ket-nap", 14, [3, 7, 11, 16])
    y.number("dang-bo-xa-trung-nguyen", "ket-nap", 12, [2, 5, 9, 12])
    y.number("dang-bo-tt-yen-lac", "ket-nap", 10, [2, 4, 8, 11])
    y.number("chi-bo-cty-hung-thinh", "ket-nap", 3, [0, 1, 3, 4])
    y.number("chi-bo-cty-an-phu", "ket-nap", 2, [0, 0, 1, 1],
             notes={"y": "01 quần chúng chưa đủ điều kiện thẩm tra lý lịch"})
    y.number("kehin", "ket-nap", 2, [1, 2, 5, 7],
             note="Chi bộ thành lập năm 2018 với 3 đảng viên, sau 3 năm đã "
                  "kết nạp 26 đảng viên")
    y.number("dang-bo-tt-huong-canh", "ket-nap", 12, [2, 6, 9, 13])
    y.number("dang-bo-xa-ba-hien", "ket-nap", 10, [1, 4, 7, 10])

    ratings = [{"unit_id": "so-xay-dung", "rating": "khong-hoan-thanh",
                "reason": "Có cán bộ lãnh đạo sở bị kỷ luật trong năm"}]
    return y, ratings


# ------------------------------------------------------------------- 2022

def year_2022():
    y = Year(["q1", "h1", "9m"])
    given = "Ban Thường vụ Tỉnh ủy giao ngày 12/01/2022"
    y.group("ban-xay-dung-dang", "Các ban xây dựng Đảng",
            given + ": 3 nhiệm vụ khó, nhiệm vụ mới")
    y.group("mat-tran-doan-the", "Mặt trận Tổ quốc và các đoàn thể",
            given + ": 3 nhiệm vụ về xây dựng Đảng, xây dựng chính quyền, "
            "phát triển kinh tế - xã hội")
    y.group("quan-ly-nha-nuoc", "Các cơ quan quản lý nhà nước",
            given + ": 5 việc khó")
    y.group("huyen", "Huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
            given + ": chỉ tiêu số, thêm tốc độ tăng trưởng giá trị sản xuất")
    y.group("co-so", "Tổ chức cơ sở đảng",
            "Chỉ tiêu do huyện ủy, thành ủy giao, có ký cam kết")

    for uid, name, head in PARTY_BOARDS:
        y.unit(uid, name, "ban-xay-dung-dang", HEADS_2022.get(uid, head))
    for uid, name, head in MASS_ORGANISATIONS + MASS_ORGANISATIONS_2022:
        y.unit(uid, name, "mat-tran-doan-the", HEADS_2022.get(uid, head))
    for uid, name, head in DEPARTMENTS:
        y.unit(uid, name, "quan-ly-nha-nuoc", HEADS_2022.get(uid, head))
    for uid, name, head in DISTRICTS + PARTY_COMMITTEES:
        y.unit(uid, name, "huyen", HEADS_2022.get(uid, head))
    for uid, name, parent, head, note, kept in GRASSROOTS:
        if kept:
            y.unit(uid, name, "co-so", head, parent=parent, note=note)

    y.indicator("ket-nap", "Kết nạp đảng viên mới", "count", "đảng viên",
                "up", "Xây dựng Đảng")
    y.indicator("to-chuc-dang-dn",
                "Thành lập tổ chức đảng trong doanh nghiệp tư nhân", "count",
                "tổ chức", "up", "Xây dựng Đảng")
    y.indicator("tang-truong", "Tốc độ tăng trưởng giá trị sản xuất", "rate",
                "%", "up", "Kinh tế - xã hội")
    for n in (1, 2, 3, 4, 5):
        y.indicator(f"nhiem-vu-{n}", f"Nhiệm vụ {n}", "task", None, None,
                    "Nhiệm vụ được giao")

    # --- districts and directly subordinate party committees -------------
    # At 9 months (elapsed 273/365) a count is on track from target * 0.748.
    ket_nap = {
        #             target  q1    h1   9m
        "vinh-yen":   (210, [38, 108, 165]),   # on track
        "phuc-yen":   (175, [26, 70, 121]),    # behind
        "binh-xuyen": (240, [None, 102, 186]),  # q1 rolled up from cells
        "yen-lac":    (185, [40, 98, 190]),    # exceeded early
        "vinh-tuong": (260, [45, 131, 201]),   # on track
        "tam-duong":  (195, [29, 84, 139]),    # behind
        "tam-dao":    (155, [24, 71, 118]),    # on track
        "lap-thach":  (210, [37, 104, 162]),   # on track
        "song-lo":    (175, [33, 96, 175]),    # met early
        "dang-uy-khoi-co-quan": (120, [21, 55, None]),  # no 9m report
        "dang-uy-khoi-doanh-nghiep": (90, [12, 38, 62]),  # behind
    }
    to_chuc = {
        "vinh-yen":   (3, [0, 1, 2]),
        "phuc-yen":   (3, [1, 2, 3]),
        "binh-xuyen": (5, [None, 2, 4]),
        "yen-lac":    (4, [1, 2, 3]),
        "vinh-tuong": (3, [0, 2, 3]),
        "tam-duong":  (2, [0, 1, 2]),
        "tam-dao":    (2, [0, 0, 1]),
        "lap-thach":  (2, [0, 1, 2]),
        "song-lo":    (2, [1, 2, 3]),
        "dang-uy-khoi-doanh-nghiep": (3, [0, 1, 2]),
    }
    tang_truong = {
        "vinh-yen":   (8.0, [6.2, 7.1, 7.8]),
        "phuc-yen":   (8.5, [7.9, 8.8, 9.2]),
        "binh-xuyen": (10.0, [8.5, 9.6, 10.4]),
        "yen-lac":    (7.5, [6.8, 7.2, 7.5]),
        "vinh-tuong": (7.0, [5.9, 6.5, 6.9]),
        "tam-duong":  (8.0, [7.2, 8.1, 8.6]),
        "tam-dao":    (9.0, [7.5, 8.2, 8.8]),
        "lap-thach":  (7.0, [6.1, 6.8, 7.3]),
        "song-lo":    (7.5, [6.5, 7.0, 7.4]),
    }
    for uid, _, _ in DISTRICTS + PARTY_COMMITTEES:
        target, values = ket_nap[uid]
        notes = None
        if uid == "binh-xuyen":
            notes = {"h1": "Quý I huyện chưa báo cáo số kết nạp đảng viên"}
        y.number(uid, "ket-nap", target, values, weight=2, notes=notes)
        if uid in to_chuc:
            target, values = to_chuc[uid]
            y.number(uid, "to-chuc-dang-dn", target, values)
        if uid in tang_truong:
            target, values = tang_truong[uid]
            y.number(uid, "tang-truong", target, values)

    y.number("dang-bo-xa-dong-cuong", "ket-nap", 15, [3, 8, 12])
    y.number("dang-bo-xa-trung-nguyen", "ket-nap", 12, [1, 4, 7])
    y.number("dang-bo-tt-yen-lac", "ket-nap", 11, [2, 6, 9])
    y.number("chi-bo-cty-hung-thinh", "ket-nap", 3, [0, 1, 3])
    y.number("kehin", "ket-nap", 4, [1, 3, 5])
    y.number("dang-bo-xa-ba-hien", "ket-nap", 10, [2, 5, 6])

    T = y.task
    # --- party-building boards: 3 difficult or new tasks each ------------
    T("ban-to-chuc", "nhiem-vu-1",
      "Đề án nâng cao chất lượng đội ngũ cán bộ cấp xã giai đoạn 2022-2025",
      "9m", "iid", evidence="Đề án số 08-ĐA/TU ngày 28/9/2022")
    T("ban-to-chuc", "nhiem-vu-2",
      "Quy định sửa đổi, bổ sung về giao nhiệm vụ và đánh giá cán bộ bằng "
      "sản phẩm", "h1", "idd", evidence="Quy định số 11-QĐi/TU ngày "
      "17/6/2022")
    T("ban-to-chuc", "nhiem-vu-3",
      "Rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý "
      "nhiệm kỳ 2025-2030", "y", "nii")

    T("ban-tuyen-giao", "nhiem-vu-1",
      "Đề án nâng cao hiệu quả đấu tranh phản bác quan điểm sai trái trên "
      "không gian mạng", "h1", "iii",
      notes={"9m": "Dự thảo lần 3 đang xin ý kiến Thường trực Tỉnh ủy"})
    T("ban-tuyen-giao", "nhiem-vu-2",
      "Bộ tài liệu sinh hoạt chính trị về lịch sử Đảng bộ tỉnh", "y", "nnn")
    T("ban-tuyen-giao", "nhiem-vu-3",
      "Kế hoạch tuyên truyền các nhiệm vụ đột phá năm 2022 của tỉnh", "q1",
      "ddd", evidence="Kế hoạch số 25-KH/BTGTU ngày 10/02/2022")

    T("ban-dan-van", "nhiem-vu-1",
      "Đề án nâng cao chất lượng phong trào thi đua “Dân vận khéo” giai "
      "đoạn 2022-2025", "9m", "idd",
      evidence="Đề án số 06-ĐA/TU ngày 24/6/2022")
    T("ban-dan-van", "nhiem-vu-2",
      "Hướng dẫn thực hiện dân chủ ở cơ sở trong doanh nghiệp ngoài nhà "
      "nước", "h1", "idd", evidence="Hướng dẫn số 05-HD/BDVTU ngày 20/5/2022")
    T("ban-dan-van", "nhiem-vu-3",
      "Sơ kết mô hình “Dân vận khéo” tiêu biểu cấp tỉnh", "y", "nii")

    T("uy-ban-kiem-tra", "nhiem-vu-1",
      "Hoàn thành các cuộc kiểm tra khi có dấu hiệu vi phạm theo chương "
      "trình năm 2022", "y", "iii")
    T("uy-ban-kiem-tra", "nhiem-vu-2",
      "Quy trình giám sát chuyên đề việc thực hiện nhiệm vụ bằng sản phẩm",
      "h1", "idd", evidence="Quy trình số 02-QTr/UBKTTU ngày 15/4/2022")
    T("uy-ban-kiem-tra", "nhiem-vu-3",
      "Phần mềm quản lý hồ sơ kiểm tra, giám sát và kỷ luật đảng", "9m",
      "nii", notes={"9m": "Đang chạy thử tại 3 huyện"})

    T("ban-noi-chinh", "nhiem-vu-1",
      "Đề án nâng cao hiệu quả giải quyết khiếu nại, tố cáo đông người, "
      "phức tạp", "9m", "iid", evidence="Đề án số 09-ĐA/TU ngày 29/9/2022")
    T("ban-noi-chinh", "nhiem-vu-2",
      "Báo cáo rà soát các vụ việc tham nhũng, tiêu cực dư luận quan tâm",
      "h1", "ddd", evidence="Báo cáo số 72-BC/BNCTU ngày 25/3/2022")
    T("ban-noi-chinh", "nhiem-vu-3",
      "Quy chế phối hợp thu hồi tài sản tham nhũng, tiêu cực", "y", "nnn")

    T("van-phong-tinh-uy", "nhiem-vu-1",
      "100% văn bản của các cơ quan đảng cấp tỉnh phát hành điện tử có chữ "
      "ký số", "y", "iii")
    T("van-phong-tinh-uy", "nhiem-vu-2",
      "Số hóa tài liệu lưu trữ của Tỉnh ủy từ năm 1997", "y", "nii")
    T("van-phong-tinh-uy", "nhiem-vu-3",
      "Quy chế quản lý tài chính, tài sản các cơ quan đảng tỉnh", "h1",
      "idd", evidence="Quy chế số 05-QC/TU ngày 16/6/2022")

    T("truong-chinh-tri", "nhiem-vu-1",
      "Trường Chính trị tỉnh được công nhận đạt chuẩn mức 1", "y", "iii")
    T("truong-chinh-tri", "nhiem-vu-2",
      "Chương trình bồi dưỡng kỹ năng cho bí thư chi bộ", "h1", "idd",
      evidence="Quyết định số 54-QĐ/TCT ngày 12/4/2022")
    T("truong-chinh-tri", "nhiem-vu-3",
      "Tài liệu giảng dạy lịch sử, văn hóa địa phương Vĩnh Phúc", "9m",
      "iid", evidence="Quyết định số 131-QĐ/TCT ngày 26/9/2022")

    # --- Front and mass organisations: 1 party building, 1 government
    # building, 1 socio-economic task each --------------------------------
    P, G, E = ("Nhiệm vụ về xây dựng Đảng",
               "Nhiệm vụ về xây dựng chính quyền",
               "Nhiệm vụ về phát triển kinh tế - xã hội")
    T("mttq-tinh", "nhiem-vu-1",
      "Giới thiệu 600 đoàn viên, hội viên ưu tú cho Đảng xem xét kết nạp",
      "y", "iii", note=P)
    T("mttq-tinh", "nhiem-vu-2",
      "Kế hoạch giám sát, phản biện xã hội đối với dự thảo văn bản của HĐND, "
      "UBND tỉnh", "q1", "ddd", note=G,
      evidence="Kế hoạch số 05/KH-MTTQ-BTT ngày 15/02/2022")
    T("mttq-tinh", "nhiem-vu-3",
      "Vận động xây dựng 300 nhà đại đoàn kết cho hộ nghèo", "y", "iii",
      note=E)

    T("tinh-doan", "nhiem-vu-1",
      "Giới thiệu 1.200 đoàn viên ưu tú cho Đảng xem xét kết nạp", "y",
      "iii", note=P)
    T("tinh-doan", "nhiem-vu-2",
      "Chương trình đối thoại giữa lãnh đạo tỉnh với thanh niên", "h1",
      "idd", note=G, evidence="Tổ chức đối thoại ngày 26/3/2022")
    T("tinh-doan", "nhiem-vu-3",
      "Hỗ trợ 50 dự án khởi nghiệp của thanh niên", "9m", "iid", note=E,
      evidence="Báo cáo số 245-BC/TĐTN ngày 27/9/2022")

    T("hoi-phu-nu", "nhiem-vu-1",
      "Giới thiệu 500 hội viên ưu tú cho Đảng xem xét kết nạp", "y", "iii",
      note=P)
    T("hoi-phu-nu", "nhiem-vu-2",
      "Giám sát thực hiện chính sách đối với lao động nữ tại các khu công "
      "nghiệp", "9m", "idd", note=G,
      evidence="Báo cáo giám sát số 31/BC-HPN ngày 20/6/2022")
    T("hoi-phu-nu", "nhiem-vu-3",
      "Hỗ trợ 1.000 phụ nữ khởi nghiệp, phát triển kinh tế", "y", "iii",
      note=E)

    T("hoi-nong-dan", "nhiem-vu-1",
      "Giới thiệu 400 hội viên ưu tú cho Đảng xem xét kết nạp", "y", "iii",
      note=P)
    T("hoi-nong-dan", "nhiem-vu-2",
      "Giám sát việc thực hiện chính sách hỗ trợ sản xuất nông nghiệp",
      "9m", "iid", note=G, evidence="Báo cáo số 96-BC/HNDT ngày 23/9/2022")
    T("hoi-nong-dan", "nhiem-vu-3",
      "Xây dựng 20 mô hình sản xuất nông nghiệp ứng dụng công nghệ cao",
      "y", "iii", note=E)

    T("hoi-cuu-chien-binh", "nhiem-vu-1",
      "Hướng dẫn hội viên cựu chiến binh tham gia xây dựng chi bộ khu dân "
      "cư", "h1", "idd", note=P,
      evidence="Hướng dẫn số 03-HD/CCB ngày 14/6/2022")
    T("hoi-cuu-chien-binh", "nhiem-vu-2",
      "Tham gia hòa giải các vụ việc mâu thuẫn ở khu dân cư", "y", "iii",
      note=G)
    T("hoi-cuu-chien-binh", "nhiem-vu-3",
      "Xây dựng 10 mô hình cựu chiến binh làm kinh tế giỏi", "y", "nnn",
      note=E)

    T("lien-doan-lao-dong", "nhiem-vu-1",
      "Thành lập 15 công đoàn cơ sở tại doanh nghiệp ngoài nhà nước, tạo "
      "nguồn phát triển đảng", "y", "iii", note=P)
    T("lien-doan-lao-dong", "nhiem-vu-2",
      "Đối thoại giữa lãnh đạo tỉnh với công nhân lao động các khu công "
      "nghiệp", "9m", "ni-", note=G)
    T("lien-doan-lao-dong", "nhiem-vu-3",
      "Hỗ trợ xây dựng 50 nhà “Mái ấm công đoàn”", "y", "iii", note=E)

    # --- state management agencies: "5 việc khó" each --------------------
    T("so-ke-hoach-dau-tu", "nhiem-vu-1",
      "Quy hoạch tỉnh Vĩnh Phúc thời kỳ 2021-2030, tầm nhìn đến năm 2050 "
      "trình phê duyệt", "y", "iii")
    T("so-ke-hoach-dau-tu", "nhiem-vu-2",
      "Rà soát, thu hồi các dự án đầu tư chậm tiến độ", "9m", "iid",
      evidence="Báo cáo số 268/BC-SKHĐT ngày 28/9/2022")
    T("so-ke-hoach-dau-tu", "nhiem-vu-3",
      "Thu hút 2 dự án FDI quy mô trên 100 triệu USD", "y", "iii")
    T("so-ke-hoach-dau-tu", "nhiem-vu-4",
      "Kế hoạch cải thiện chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "q1",
      "ddd", evidence="Kế hoạch số 38/KH-UBND ngày 21/02/2022")
    T("so-ke-hoach-dau-tu", "nhiem-vu-5",
      "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025", "h1",
      "idd", evidence="Nghị quyết số 23/NQ-HĐND ngày 15/6/2022")

    T("so-tai-chinh", "nhiem-vu-1",
      "Phương án sắp xếp lại, xử lý nhà, đất của các cơ quan, đơn vị", "h1",
      "idd", evidence="Quyết định số 1388/QĐ-UBND ngày 10/6/2022")
    T("so-tai-chinh", "nhiem-vu-2",
      "Quy định phân cấp nguồn thu, nhiệm vụ chi cho thời kỳ ổn định ngân "
      "sách 2023-2025", "y", "nii")
    T("so-tai-chinh", "nhiem-vu-3",
      "Giải ngân 95% kế hoạch vốn đầu tư công năm 2022", "y", "iii",
      notes={"9m": "Đã giải ngân 68,4% kế hoạch"})
    T("so-tai-chinh", "nhiem-vu-4",
      "Quyết toán dứt điểm các dự án hoàn thành tồn đọng", "9m", "iid",
      evidence="Báo cáo số 410/BC-STC ngày 29/9/2022")
    T("so-tai-chinh", "nhiem-vu-5",
      "Bảng giá tính thuế tài nguyên sửa đổi", "q1", "ddd",
      evidence="Quyết định số 09/2022/QĐ-UBND ngày 28/3/2022")

    T("so-noi-vu", "nhiem-vu-1",
      "Đề án sắp xếp đơn vị hành chính cấp xã giai đoạn 2023-2025", "y",
      "nii")
    T("so-noi-vu", "nhiem-vu-2",
      "Phê duyệt vị trí việc làm tại 100% cơ quan hành chính", "9m", "idd",
      evidence="Quyết định số 1452/QĐ-UBND ngày 24/6/2022")
    T("so-noi-vu", "nhiem-vu-3",
      "Nâng chỉ số cải cách hành chính (PAR Index) của tỉnh", "y", "iii")
    T("so-noi-vu", "nhiem-vu-4",
      "Tinh giản biên chế theo lộ trình năm 2022", "y", "iii")
    T("so-noi-vu", "nhiem-vu-5",
      "Hướng dẫn đánh giá công chức bằng sản phẩm tại các sở, ngành", "h1",
      "iii", notes={"9m": "Chờ hướng dẫn của Bộ Nội vụ"})

    T("so-tai-nguyen-moi-truong", "nhiem-vu-1",
      "Bảng giá đất điều chỉnh năm 2022", "h1", "idd",
      evidence="Quyết định số 1295/QĐ-UBND ngày 31/5/2022")
    T("so-tai-nguyen-moi-truong", "nhiem-vu-2",
      "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho các thửa đất còn "
      "tồn đọng", "y", "iii")
    T("so-tai-nguyen-moi-truong", "nhiem-vu-3",
      "Kế hoạch sử dụng đất năm 2023 cấp huyện trình phê duyệt", "y", "nnn")
    T("so-tai-nguyen-moi-truong", "nhiem-vu-4",
      "Xử lý dứt điểm các điểm ô nhiễm môi trường tại làng nghề", "y",
      "iii")
    T("so-tai-nguyen-moi-truong", "nhiem-vu-5",
      "Hồ sơ giao đất, cho thuê đất cho các dự án trọng điểm", "9m", "iid",
      evidence="Báo cáo số 655/BC-STNMT ngày 30/9/2022")

    T("so-xay-dung", "nhiem-vu-1",
      "Quy hoạch chung đô thị Vĩnh Phúc đến năm 2045 trình phê duyệt", "y",
      "iii")
    T("so-xay-dung", "nhiem-vu-2",
      "Chương trình phát triển nhà ở xã hội cho công nhân khu công nghiệp",
      "9m", "iid", evidence="Quyết định số 2210/QĐ-UBND ngày 26/9/2022")
    T("so-xay-dung", "nhiem-vu-3",
      "Quy chế quản lý kiến trúc đô thị Vĩnh Yên", "h1", "idd",
      evidence="Quyết định số 25/2022/QĐ-UBND ngày 17/6/2022")
    T("so-xay-dung", "nhiem-vu-4",
      "Rà soát, xử lý các dự án khu đô thị chậm triển khai", "y", "iii")
    T("so-xay-dung", "nhiem-vu-5",
      "Công bố đơn giá xây dựng công trình năm 2022", "q1", "ddd",
      evidence="Quyết định số 512/QĐ-UBND ngày 14/3/2022")

    T("so-cong-thuong", "nhiem-vu-1",
      "Thành lập mới 3 cụm công nghiệp", "y", "iii")
    T("so-cong-thuong", "nhiem-vu-2",
      "Đề án phát triển công nghiệp hỗ trợ giai đoạn 2022-2025", "9m", "iid",
      evidence="Quyết định số 2185/QĐ-UBND ngày 22/9/2022")
    T("so-cong-thuong", "nhiem-vu-3",
      "Đầu tư lưới điện đồng bộ cho các cụm công nghiệp mới", "y", "nnn")
    T("so-cong-thuong", "nhiem-vu-4",
      "Chương trình xúc tiến thương mại năm 2022", "q1", "ddd",
      evidence="Quyết định số 402/QĐ-UBND ngày 25/02/2022")
    T("so-cong-thuong", "nhiem-vu-5",
      "Phương án phát triển hạ tầng thương mại tích hợp vào Quy hoạch tỉnh",
      "h1", "idd", evidence="Báo cáo số 298/BC-SCT ngày 27/6/2022")

    return y

# ------------------------------------------------------------------- 2025

# After 1/7/2025: the merged province of Phú Thọ, communes and wards directly
# under the province. Targets were assigned after the merger, so the year has
# two periods; results are still cumulative from 1 January (the merged units'
# figures include those of the units they replaced).
PERIODS_2025 = [("9m", "9 tháng", "09-30"), ("y", "Cả năm", "12-31")]
ORGANISATION_2025 = "Tỉnh ủy Phú Thọ"
RATING_2025 = "{method: qd366, quota: 0.25}"

COMMUNES = [  # (id, name, head)
    ("phuong-viet-tri", "Đảng ủy phường Việt Trì",
     "Bí thư Đảng ủy phường Nguyễn Hữu Thắng"),
    ("phuong-vinh-phuc", "Đảng ủy phường Vĩnh Phúc",
     "Bí thư Đảng ủy phường Trần Thị Hồng Vân"),
    ("phuong-vinh-yen", "Đảng ủy phường Vĩnh Yên",
     "Bí thư Đảng ủy phường Lê Văn Quý"),
    ("phuong-phuc-yen", "Đảng ủy phường Phúc Yên",
     "Bí thư Đảng ủy phường Phạm Thị Thanh Thủy"),
    ("phuong-hoa-binh", "Đảng ủy phường Hòa Bình",
     "Bí thư Đảng ủy phường Bùi Văn Khánh"),
    ("phuong-phu-tho", "Đảng ủy phường Phú Thọ",
     "Bí thư Đảng ủy phường Hà Minh Đức"),
    ("xa-yen-lac", "Đảng ủy xã Yên Lạc",
     "Bí thư Đảng ủy xã Nguyễn Văn Tiến"),
    ("xa-binh-xuyen", "Đảng ủy xã Bình Xuyên",
     "Bí thư Đảng ủy xã Đỗ Minh Tuấn"),
    ("xa-vinh-tuong", "Đảng ủy xã Vĩnh Tường",
     "Bí thư Đảng ủy xã Lê Minh Đức"),
    ("xa-tam-dao", "Đảng ủy xã Tam Đảo",
     "Bí thư Đảng ủy xã Kim Văn Thành"),
    ("xa-lap-thach", "Đảng ủy xã Lập Thạch",
     "Bí thư Đảng ủy xã Tạ Quang Vinh"),
    ("xa-song-lo", "Đảng ủy xã Sông Lô",
     "Bí thư Đảng ủy xã Ngô Đức Anh"),
]

BOARDS_2025 = [  # party boards after the 2025 mergers, and the Front (mass organisations merged into it)
    ("ban-to-chuc", "Ban Tổ chức Tỉnh ủy", "Trưởng ban Nguyễn Thị Hương"),
    ("ban-tuyen-giao-dan-van", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
     "Trưởng ban Trần Văn Định"),
    ("uy-ban-kiem-tra", "Ủy ban Kiểm tra Tỉnh ủy",
     "Chủ nhiệm Ủy ban Kiểm tra Phạm Minh Khoa"),
    ("ban-noi-chinh", "Ban Nội chính Tỉnh ủy", "Trưởng ban Hoàng Văn Toàn"),
    ("van-phong-tinh-uy", "Văn phòng Tỉnh ủy",
     "Chánh Văn phòng Nguyễn Quang Huy"),
    ("truong-chinh-tri", "Trường Chính trị tỉnh",
     "Hiệu trưởng Đào Thị Ngọc Anh"),
    ("mttq-tinh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
     "Chủ tịch Ủy ban MTTQ tỉnh Trần Thị Kim Oanh"),
]

DEPARTMENTS_2025 = [  # departments after the 2025 mergers
    ("so-tai-chinh", "Sở Tài chính", "Giám đốc Sở Trịnh Thị Thu Trang"),
    ("so-noi-vu", "Sở Nội vụ", "Giám đốc Sở Lê Quang Minh"),
    ("so-xay-dung", "Sở Xây dựng", "Giám đốc Sở Phạm Đức Thịnh"),
    ("so-cong-thuong", "Sở Công Thương", "Giám đốc Sở Vũ Thị Hạnh"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường",
     "Giám đốc Sở Đỗ Văn Hùng"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ",
     "Giám đốc Sở Nguyễn Văn Quang"),
]

GRASSROOTS_2025 = [  # (id, name, parent commune, head, note)
    ("kehin", "Chi bộ Công ty cổ phần KEHIN", "xa-binh-xuyen",
     "Bí thư Chi bộ Nguyễn Văn Nam, Phó Tổng giám đốc Công ty", NOTE_KEHIN),
    ("chi-bo-cty-hung-thinh", "Chi bộ Công ty TNHH May Hưng Thịnh",
     "xa-yen-lac", "Bí thư Chi bộ Phạm Thị Thoa", NOTE_INVENTED_FIRM),
    ("chi-bo-thon-dong-cuong", "Chi bộ thôn Đồng Cương", "xa-yen-lac",
     "Bí thư Chi bộ Nguyễn Văn Đông", None),
    ("chi-bo-to-dan-pho-dong-tam", "Chi bộ tổ dân phố Đồng Tâm",
     "phuong-vinh-yen", "Bí thư Chi bộ Lê Thị Tâm", None),
    ("chi-bo-cty-minh-phat", "Chi bộ Công ty TNHH Điện tử Minh Phát",
     "xa-binh-xuyen", "Bí thư Chi bộ Trịnh Văn Phát", NOTE_INVENTED_FIRM),
]


def year_2025():
    """Phú Thọ after the merger, rated by Quy định 366-QĐ/TW (qd366) with a quota of 25%.

    Each branch of the rule is hit by some unit (5 targets a commune, 3 tasks a
    board, 4 tasks a department; a task is met late when first done after its
    due period):
      xuat-sac        Việt Trì, Hòa Bình (communes), Ban Tổ chức, Sở Khoa học và Công nghệ, KEHIN
      quota -> tot    Vĩnh Phúc, Vĩnh Yên (4 communes xuat-sac of 8 candidates: 2 keep it);
                      Ban Tuyên giáo và Dân vận, MTTQ; Sở Tài chính (equal scores: by unit id)
      tot, too few exceeded  Phúc Yên, Lập Thạch (1 of 5: 20%), Sở Xây dựng (1 of 4: 25%)
      hoan-thanh, 1 of 5 late (20%)    Yên Lạc (though 3 of 5 exceeded)
      khong, late over the share      Sông Lô (2 of 5), Sở Nội vụ (1 of 4: 25%), Văn phòng Tỉnh ủy (1 of 3)
      khong, a target not met at high points  Bình Xuyên (96,67 points), Tam Đảo (80), Ban Nội chính,
                      Sở Nông nghiệp và Môi trường
      khong, below 50 points          Chi bộ Công ty Minh Phát (33,33)
      decided         Sở Công Thương (computed tot, decided hoan-thanh)
    """
    y = Year(["9m", "y"])
    given = "Ban Thường vụ Tỉnh ủy Phú Thọ giao ngày 15/7/2025, sau khi hợp nhất tỉnh"
    y.group("xa-phuong", "Đảng ủy xã, phường",
            given + ": xã, phường trực thuộc tỉnh (không còn cấp huyện)")
    y.group("ban-dang", "Các cơ quan tham mưu, giúp việc Tỉnh ủy và Mặt trận Tổ quốc tỉnh",
            given + ": 3 nhiệm vụ khó, nhiệm vụ mới")
    y.group("so", "Các sở, ngành", given + ": 4 việc khó")
    y.group("co-so", "Tổ chức cơ sở đảng",
            "Chỉ tiêu do đảng ủy xã, phường giao, có ký cam kết")
    for uid, name, head in COMMUNES:
        y.unit(uid, name, "xa-phuong", head)
    for uid, name, head in BOARDS_2025:
        y.unit(uid, name, "ban-dang", head)
    for uid, name, head in DEPARTMENTS_2025:
        y.unit(uid, name, "so", head)
    for uid, name, parent, head, note in GRASSROOTS_2025:
        y.unit(uid, name, "co-so", head, parent=parent, note=note)

    y.indicator("ket-nap", "Kết nạp đảng viên mới", "count", "đảng viên",
                "up", "Xây dựng Đảng")
    y.indicator("thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn",
                "amount", "tỷ đồng", "up", "Kinh tế - xã hội")
    y.indicator("dich-vu-cong",
                "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình",
                "rate", "%", "up", "Chính quyền địa phương hai cấp")
    for n in (1, 2, 3, 4):
        y.indicator(f"nhiem-vu-{n}", f"Nhiệm vụ {n}", "task", None, None,
                    "Nhiệm vụ được giao")

    # --- communes and wards: 5 targets each -----------------------------
    #              ket-nap          thu-ngan-sach            dich-vu-cong
    #              target 9m  y     target 9m     y          target 9m  y
    communes = {
        "phuong-viet-tri":  ((60, 41, 66), (1200, 905.4, 1290.6), (90, 84.2, 93.1)),
        "phuong-vinh-phuc": ((55, 38, 58), (1500, 1120.3, 1580.2), (90, 86.5, 90)),
        "phuong-vinh-yen":  ((50, 35, 52), (1100, 801.7, 1100), (90, 85.1, 90)),
        "phuong-phuc-yen":  ((45, 30, 45), (850, 640.2, 902.5), (90, 83.9, 90)),
        "phuong-hoa-binh":  ((48, 33, 53), (700, 515.6, 700), (85, 80.4, 88.6)),
        "phuong-phu-tho":   ((40, 27, 40), (420, 300.5, 420), (85, 79.2, 85)),
        "xa-yen-lac":       ((45, 32, 49), (260, 190.4, 271.3), (80, 76.2, 83.4)),
        "xa-binh-xuyen":    ((50, 36, 50), (950, 610.8, 760.2), (85, 80.1, 85)),
        "xa-vinh-tuong":    ((52, 36, 52), (310, 228.6, 310), (80, 75.3, 80)),
        "xa-tam-dao":       ((30, 17, 27), (180, 120.5, 180), (75, 70.8, 75)),
        "xa-lap-thach":     ((40, 28, 40), (210, 150.2, 210), (75, 72.4, 79.5)),
        "xa-song-lo":       ((35, 25, 36), (160, 118.9, 160), (75, 71.6, 75)),
    }
    notes = {
        ("xa-binh-xuyen", "thu-ngan-sach"): {
            "y": "Hụt thu tiền sử dụng đất do chậm đấu giá các khu đất dịch vụ"},
        ("xa-tam-dao", "ket-nap"): {
            "y": "03 quần chúng chưa hoàn thành thẩm tra lý lịch"},
    }
    for uid, (kn, tns, dvc) in communes.items():
        for iid, (target, at_9m, at_y) in (("ket-nap", kn), ("thu-ngan-sach", tns),
                                            ("dich-vu-cong", dvc)):
            y.number(uid, iid, target, [at_9m, at_y], weight=2 if iid == "ket-nap" else None,
                     notes=notes.get((uid, iid)))
    # Task 1 (due 9m): done at 9m on time, or first done at y: met late.
    # Task 2 (due y): done at 9m is ahead of time (exceeded); at y on time.
    late_1 = {"xa-yen-lac", "xa-song-lo"}
    task_2 = {"phuong-vinh-yen": "dd", "xa-tam-dao": "ii", "xa-song-lo": "id"}
    for uid, _, _ in COMMUNES:
        y.task(uid, "nhiem-vu-1",
               "Hoàn thành sắp xếp, kiện toàn tổ chức bộ máy của xã, phường sau hợp nhất; "
               "vận hành chính quyền địa phương hai cấp thông suốt", "9m",
               "id" if uid in late_1 else "dd",
               evidence="Báo cáo kết quả sắp xếp tổ chức bộ máy của đảng ủy",
               notes={"9m": "Còn 01 bộ phận chưa ổn định trụ sở làm việc"} if uid in late_1 else None)
        due = "9m" if uid == "xa-song-lo" else "y"  # Sông Lô committed to finish it by 9 months
        y.task(uid, "nhiem-vu-2",
               "Cập nhật 100% hồ sơ đảng viên vào Cơ sở dữ liệu đảng viên của tỉnh", due,
               task_2.get(uid, "id"), evidence="Biên bản kiểm tra dữ liệu của Ban Tổ chức Tỉnh ủy",
               notes={"y": "Còn 14% hồ sơ chưa số hóa"} if uid == "xa-tam-dao" else None)

    # --- grassroots (commitments signed with the commune) --------------
    y.number("kehin", "ket-nap", 3, [4, 8],
             note="Chi bộ thành lập năm 2018 với 3 đảng viên")
    y.number("chi-bo-cty-hung-thinh", "ket-nap", 2, [1, 2])
    y.number("chi-bo-thon-dong-cuong", "ket-nap", 3, [2, 3])
    y.number("chi-bo-to-dan-pho-dong-tam", "ket-nap", 2, [1, 2])
    y.number("chi-bo-cty-minh-phat", "ket-nap", 3, [0, 1],
             notes={"y": "02 quần chúng nghỉ việc, chuyển công ty khác"})

    T = y.task
    # --- boards and the Front: 3 tasks each (due, progress 9m/y) ---------
    T("ban-to-chuc", "nhiem-vu-1",
      "Đề án sắp xếp tổ chức bộ máy các cơ quan đảng của tỉnh sau hợp nhất", "9m", "dd",
      evidence="Đề án số 01-ĐA/TU ngày 28/7/2025")
    T("ban-to-chuc", "nhiem-vu-2",
      "Quy định đánh giá cán bộ bằng sản phẩm theo Quy định 366-QĐ/TW", "y", "dd",
      evidence="Quy định số 05-QĐi/TU ngày 25/9/2025")
    T("ban-to-chuc", "nhiem-vu-3",
      "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng năm 2025", "y", "dd",
      evidence="Hướng dẫn số 09-HD/BTCTU ngày 30/9/2025")

    T("ban-tuyen-giao-dan-van", "nhiem-vu-1",
      "Kế hoạch tuyên truyền việc hợp nhất tỉnh và vận hành chính quyền hai cấp", "9m", "dd",
      evidence="Kế hoạch số 03-KH/BTGDVTU ngày 05/7/2025")
    T("ban-tuyen-giao-dan-van", "nhiem-vu-2",
      "Đề án nâng cao hiệu quả công tác dân vận ở xã, phường sau sắp xếp", "y", "dd",
      evidence="Đề án số 04-ĐA/TU ngày 22/9/2025")
    T("ban-tuyen-giao-dan-van", "nhiem-vu-3",
      "Bộ tài liệu sinh hoạt chính trị về truyền thống các địa phương hợp nhất", "y", "id",
      evidence="Quyết định số 112-QĐ/BTGDVTU ngày 10/12/2025")

    T("uy-ban-kiem-tra", "nhiem-vu-1",
      "Chương trình kiểm tra, giám sát 6 tháng cuối năm 2025 của Ban Thường vụ Tỉnh ủy", "9m", "dd",
      evidence="Chương trình số 02-CTr/TU ngày 18/7/2025")
    T("uy-ban-kiem-tra", "nhiem-vu-2",
      "Hoàn thành các cuộc kiểm tra khi có dấu hiệu vi phạm theo chương trình", "y", "id",
      evidence="Báo cáo số 61-BC/UBKTTU ngày 18/12/2025")
    T("uy-ban-kiem-tra", "nhiem-vu-3",
      "Giám sát chuyên đề việc kê khai tài sản, thu nhập của cán bộ xã, phường", "y", "id",
      evidence="Báo cáo số 64-BC/UBKTTU ngày 22/12/2025")

    T("ban-noi-chinh", "nhiem-vu-1",
      "Rà soát, bàn giao hồ sơ vụ việc, vụ án của ba tỉnh trước hợp nhất", "9m", "dd",
      evidence="Biên bản bàn giao ngày 25/8/2025")
    T("ban-noi-chinh", "nhiem-vu-2",
      "Quy chế phối hợp giữa các cơ quan nội chính của tỉnh mới", "y", "id",
      evidence="Quy chế số 03-QC/TU ngày 15/12/2025")
    T("ban-noi-chinh", "nhiem-vu-3",
      "Đề án phòng, chống tham nhũng, tiêu cực trong quản lý đất đai ở xã, phường", "y", "ii",
      notes={"y": "Dự thảo lần 2 đang lấy ý kiến các sở, ngành"})

    T("van-phong-tinh-uy", "nhiem-vu-1",
      "Hệ thống văn bản điện tử liên thông đến 100% đảng ủy xã, phường", "9m", "id",
      evidence="Đưa vào vận hành từ ngày 03/11/2025",
      notes={"9m": "Còn 21 đảng ủy xã chưa kết nối"})
    T("van-phong-tinh-uy", "nhiem-vu-2",
      "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2025-2030", "y", "dd",
      evidence="Quy chế số 01-QC/TU ngày 20/7/2025")
    T("van-phong-tinh-uy", "nhiem-vu-3",
      "Chỉnh lý, bàn giao tài liệu lưu trữ của ba tỉnh ủy trước hợp nhất", "y", "id",
      evidence="Biên bản giao nhận ngày 19/12/2025")

    T("truong-chinh-tri", "nhiem-vu-1",
      "Bồi dưỡng cấp ủy viên xã, phường sau sắp xếp", "9m", "dd",
      evidence="Báo cáo số 45-BC/TCT ngày 26/9/2025")
    T("truong-chinh-tri", "nhiem-vu-2",
      "Chương trình bồi dưỡng kỹ năng chuyển đổi số cho cán bộ cơ sở", "y", "id",
      evidence="Quyết định số 160-QĐ/TCT ngày 05/12/2025")
    T("truong-chinh-tri", "nhiem-vu-3",
      "Mở 6 lớp trung cấp lý luận chính trị cho cán bộ xã, phường", "y", "id",
      evidence="Khai giảng lớp thứ sáu ngày 01/12/2025")

    T("mttq-tinh", "nhiem-vu-1",
      "Hợp nhất các tổ chức chính trị - xã hội vào Mặt trận Tổ quốc tỉnh", "9m", "dd",
      evidence="Nghị quyết số 01/NQ-MTTQ ngày 01/8/2025")
    T("mttq-tinh", "nhiem-vu-2",
      "Giới thiệu đoàn viên, hội viên ưu tú cho Đảng xem xét kết nạp", "y", "dd",
      evidence="Báo cáo số 35/BC-MTTQ-BTT ngày 29/9/2025")
    T("mttq-tinh", "nhiem-vu-3",
      "Vận động xây dựng 500 nhà đại đoàn kết cho hộ nghèo", "y", "id",
      evidence="Báo cáo số 51/BC-MTTQ-BTT ngày 16/12/2025")

    # --- departments: 4 tasks each ---------------------------------------
    def four(uid, tasks):
        for n, (product, due, progress, evidence) in enumerate(tasks, start=1):
            T(uid, f"nhiem-vu-{n}", product, due, progress, evidence=evidence)

    four("so-tai-chinh", [
        ("Phương án hợp nhất ngân sách của ba tỉnh cũ", "9m", "dd",
         "Quyết định số 1520/QĐ-UBND ngày 30/7/2025"),
        ("Phương án sắp xếp, xử lý trụ sở dôi dư sau hợp nhất", "y", "dd",
         "Quyết định số 2012/QĐ-UBND ngày 26/9/2025"),
        ("Giải ngân vốn đầu tư công năm 2025 theo kế hoạch", "y", "id",
         "Báo cáo số 630/BC-STC ngày 26/12/2025"),
        ("Dự toán ngân sách năm 2026 trình HĐND tỉnh", "y", "dd",
         "Tờ trình số 288/TTr-UBND ngày 29/9/2025"),
    ])
    four("so-noi-vu", [
        ("Đề án vị trí việc làm của xã, phường sau sắp xếp", "9m", "id",
         "Quyết định số 2540/QĐ-UBND ngày 21/11/2025"),
        ("Giải quyết chế độ cho cán bộ nghỉ việc do sắp xếp", "y", "id",
         "Báo cáo số 705/BC-SNV ngày 20/12/2025"),
        ("Quy định đánh giá công chức bằng sản phẩm tại các sở, ngành", "y", "id",
         "Quyết định số 31/2025/QĐ-UBND ngày 10/12/2025"),
        ("Kiện toàn tổ chức các phòng chuyên môn của sở sau hợp nhất", "y", "id",
         "Quyết định số 88/QĐ-SNV ngày 28/11/2025"),
    ])
    four("so-xay-dung", [
        ("Điều chỉnh quy hoạch chung đô thị Việt Trì trình phê duyệt", "9m", "dd",
         "Tờ trình số 2105/TTr-SXD ngày 22/9/2025"),
        ("Chương trình phát triển nhà ở xã hội cho công nhân", "y", "dd",
         "Quyết định số 2101/QĐ-UBND ngày 30/9/2025"),
        ("Rà soát các dự án khu đô thị chậm triển khai", "y", "id",
         "Báo cáo số 812/BC-SXD ngày 12/12/2025"),
        ("Công bố đơn giá xây dựng công trình sau hợp nhất", "y", "id",
         "Quyết định số 2790/QĐ-UBND ngày 24/12/2025"),
    ])
    four("so-cong-thuong", [
        ("Rà soát các cụm công nghiệp của ba tỉnh cũ", "9m", "dd",
         "Báo cáo số 402/BC-SCT ngày 29/9/2025"),
        ("Chương trình xúc tiến thương mại năm 2026", "y", "id",
         "Quyết định số 2788/QĐ-UBND ngày 23/12/2025"),
        ("Phương án cấp điện cho các cụm công nghiệp mới", "y", "id",
         "Báo cáo số 455/BC-SCT ngày 18/12/2025"),
        ("Đề án phát triển công nghiệp hỗ trợ giai đoạn 2026-2030", "y", "id",
         "Tờ trình số 512/TTr-SCT ngày 26/12/2025"),
    ])
    four("so-nong-nghiep-moi-truong", [
        ("Bảng giá đất của tỉnh sau hợp nhất", "9m", "dd",
         "Quyết định số 1990/QĐ-UBND ngày 24/9/2025"),
        ("Kế hoạch sử dụng đất năm 2026 của xã, phường", "y", "id",
         "Quyết định số 2755/QĐ-UBND ngày 20/12/2025"),
        ("Xử lý dứt điểm các điểm ô nhiễm tại làng nghề", "y", "ii", None),
        ("Cấp giấy chứng nhận quyền sử dụng đất lần đầu còn tồn đọng", "y", "id",
         "Báo cáo số 930/BC-SNNMT ngày 23/12/2025"),
    ])
    four("so-khoa-hoc-cong-nghe", [
        ("Kết nối Trung tâm dữ liệu của ba tỉnh cũ", "9m", "dd",
         "Biên bản nghiệm thu ngày 15/9/2025"),
        ("Nền tảng dịch vụ công trực tuyến dùng chung cho xã, phường", "y", "dd",
         "Đưa vào vận hành ngày 01/9/2025"),
        ("Chương trình chuyển đổi số tỉnh giai đoạn 2026-2030", "y", "dd",
         "Quyết định số 2080/QĐ-UBND ngày 29/9/2025"),
        ("Đề án phát triển khởi nghiệp sáng tạo", "y", "id",
         "Quyết định số 2766/QĐ-UBND ngày 22/12/2025"),
    ])

    ratings = [{"unit_id": "so-cong-thuong", "rating": "hoan-thanh",
                "reason": "Để xảy ra sai phạm trong quản lý cụm công nghiệp, "
                          "Ủy ban Kiểm tra Tỉnh ủy đã nhắc nhở"}]
    return y, ratings


# ------------------------------------------------------------------ officials

# The titles that open the `head` texts of top-level units; the name follows.
TITLES = ("Bí thư Huyện ủy", "Bí thư Thành ủy", "Chủ tịch UBND huyện", "Chủ tịch UBND thành phố",
          "Chủ nhiệm Ủy ban Kiểm tra", "Chánh Văn phòng", "Hiệu trưởng", "Bí thư Đảng ủy Khối",
          "Chủ tịch Ủy ban MTTQ tỉnh", "Bí thư Tỉnh đoàn", "Chủ tịch Hội", "Chủ tịch Liên đoàn",
          "Trưởng ban", "Giám đốc Sở")
# Titles written with the unit's name ("Trưởng ban" of Ban Tổ chức Tỉnh ủy: "Trưởng Ban Tổ chức Tỉnh ủy").
TITLE_WITH_UNIT = {"Trưởng ban": "Trưởng", "Giám đốc Sở": "Giám đốc", "Chủ tịch Hội": "Chủ tịch",
                   "Chủ tịch Liên đoàn": "Chủ tịch"}
# Rotations: (unit_id, title, official before, last day, official after), dates as staff type them.
ROTATIONS = {
    2021: [("vinh-tuong", "Bí thư Huyện ủy", "Trần Văn Khải", "15/07/2021", "Nguyễn Thị Hương"),
           ("ban-to-chuc", "Trưởng ban", "Nguyễn Thị Hương", "15/07/2021", "Trần Văn Khải")],
    2022: [("yen-lac", "Chủ tịch UBND huyện", "Hoàng Văn Sơn", "28/02/2022", "Nguyễn Đình Hùng"),
           ("so-noi-vu", "Giám đốc Sở", "Lê Quang Minh", "28/02/2022", "Hoàng Văn Sơn")],
}
# Who heads each rotated unit in 2022 (the 2021 texts name who headed it when the year began).
HEADS_2022 = {
    "vinh-tuong": "Bí thư Huyện ủy Nguyễn Thị Hương, Chủ tịch UBND huyện Lê Minh Đức",
    "ban-to-chuc": "Trưởng ban Trần Văn Khải",
    "yen-lac": "Bí thư Huyện ủy Nguyễn Văn Tiến, Chủ tịch UBND huyện Nguyễn Đình Hùng",
    "so-noi-vu": "Giám đốc Sở Hoàng Văn Sơn",
}


def next_day(day):
    """dd/mm/yyyy of the day after a dd/mm/yyyy date (within a year, as the rotations are)."""
    import datetime
    date = datetime.datetime.strptime(day, "%d/%m/%Y").date() + datetime.timedelta(days=1)
    return date.strftime("%d/%m/%Y")


def head_posts(head):
    """(title, name) of each official in a unit's head text."""
    posts = []
    for part in head.split(", "):
        title = max((t for t in TITLES if part.startswith(t + " ")), key=len)
        posts.append((title, part[len(title) + 1:]))
    return posts


def officials_rows(y, year, ids):
    """officials.csv of a year: every top-level unit's officials, rotations included."""
    rotated = {(unit, title): (before, until, after) for unit, title, before, until, after in ROTATIONS[year]}
    rows = []
    for unit in y.units:
        if unit["parent_id"]:
            continue
        for title, name in head_posts(unit["head"]):
            shown = (TITLE_WITH_UNIT[title] + " " + unit["name"]) if title in TITLE_WITH_UNIT else title
            if (unit["unit_id"], title) in rotated:
                before, until, after = rotated[(unit["unit_id"], title)]
                spans = [(before, None, until), (after, next_day(until), None)]
            else:
                spans = [(name, None, None)]
            for person, start, end in spans:
                ids.setdefault(person, f"cb-{len(ids) + 1:03d}")
                rows.append({"official_id": ids[person], "name": person, "unit_id": unit["unit_id"],
                             "title": shown, "from": start, "to": end})
    return rows


def write_officials(y, year, ids, folder):
    write_csv(os.path.join(folder, "officials.csv"), ["official_id", "name", "unit_id", "title", "from", "to"],
              officials_rows(y, year, ids))


def main():
    ids = {}  # one id per person across the years
    y2021, ratings = year_2021()
    folder = os.path.join(DATA, "2021")
    write_year_yml(2021, "Kết quả thực hiện nhiệm vụ bằng sản phẩm năm 2021",
                   "y", os.path.join(folder, "year.yml"))
    y2021.write(folder)
    write_csv(os.path.join(folder, "ratings.csv"),
              ["unit_id", "rating", "reason"], ratings)
    write_officials(y2021, 2021, ids, folder)

    y2022 = year_2022()
    folder = os.path.join(DATA, "2022")
    write_year_yml(2022, "Kết quả thực hiện nhiệm vụ bằng sản phẩm năm 2022",
                   "9m", os.path.join(folder, "year.yml"))
    y2022.write(folder)
    write_officials(y2022, 2022, ids, folder)

    y2025, ratings = year_2025()
    folder = os.path.join(DATA, "2025")
    write_year_yml(2025, "Kết quả thực hiện nhiệm vụ bằng sản phẩm năm 2025",
                   "y", os.path.join(folder, "year.yml"),
                   organisation=ORGANISATION_2025, periods=PERIODS_2025,
                   rating=RATING_2025)
    y2025.write(folder)
    write_csv(os.path.join(folder, "ratings.csv"),
              ["unit_id", "rating", "reason"], ratings)


if __name__ == "__main__":
    main()
